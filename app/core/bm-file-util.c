/* bm-file-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-file-util"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bm-file-util.h"

#define STALE_TEMPORARY_SECONDS (10 * 60)

G_DEFINE_QUARK (bm-file-error-quark, bm_file_error)

static gpointer
set_errno_error (GError      **error,
                 BmFileError   code,
                 int           saved_errno)
{
  g_set_error_literal (error, BM_FILE_ERROR, code, g_strerror (saved_errno));
  return NULL;
}

GBytes *
bm_file_read_bounded (const char  *path,
                      gsize        max_size,
                      gint64      *mtime,
                      GError     **error)
{
  g_autofree char *data = NULL;
  struct stat st;
  gsize capacity;
  gsize length = 0;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (max_size < G_MAXSIZE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      return set_errno_error (error, saved_errno == ENOENT || saved_errno == ENOTDIR ?
                                     BM_FILE_ERROR_NOT_FOUND : BM_FILE_ERROR_OPEN,
                              saved_errno);
    }

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      return set_errno_error (error, BM_FILE_ERROR_OPEN, saved_errno);
    }

  if (!S_ISREG (st.st_mode) || (guint64) st.st_size > max_size)
    {
      close (fd);
      g_set_error_literal (error, BM_FILE_ERROR,
                           S_ISDIR (st.st_mode) ? BM_FILE_ERROR_IS_DIRECTORY :
                           !S_ISREG (st.st_mode) ? BM_FILE_ERROR_NOT_REGULAR :
                           BM_FILE_ERROR_TOO_LARGE, "");
      return NULL;
    }

  /* The file may grow while it is read: never read past the limit */
  capacity = (gsize) st.st_size + 1;
  data = g_malloc (capacity);

  for (;;)
    {
      gssize n;

      if (length == capacity)
        {
          if (capacity > max_size)
            break;
          capacity = max_size + 1;
          data = g_realloc (data, capacity);
        }

      n = read (fd, data + length, capacity - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          return set_errno_error (error, BM_FILE_ERROR_READ, saved_errno);
        }
      if (n == 0)
        break;
      length += (gsize) n;
    }

  close (fd);

  if (length > max_size)
    {
      g_set_error_literal (error, BM_FILE_ERROR, BM_FILE_ERROR_TOO_LARGE, "");
      return NULL;
    }

  if (mtime != NULL)
    *mtime = (gint64) st.st_mtime;
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

/* A save killed between creating its temporary file and renaming it over
 * the target leaves the temporary file behind, hidden, private, holding a
 * client's data. The next save into the folder removes such leftovers: our
 * own regular files named @prefix and six mkstemp characters, untouched for
 * ten minutes (a save in progress takes milliseconds). */
void
bm_file_remove_stale_temporaries (const char *dir,
                                  const char *prefix)
{
  g_autoptr(GDir) folder = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gsize prefix_len;
  const char *name;

  g_return_if_fail (dir != NULL);
  g_return_if_fail (prefix != NULL);

  if (!(folder = g_dir_open (dir, 0, NULL)))
    return;
  prefix_len = strlen (prefix);

  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat st;
      gboolean ours = strlen (name) == prefix_len + 6 && g_str_has_prefix (name, prefix);

      for (gsize i = prefix_len; ours && name[i] != '\0'; i++)
        ours = g_ascii_isalnum (name[i]);
      if (!ours)
        continue;

      path = g_build_filename (dir, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == getuid () &&
          now - (gint64) st.st_mtime > STALE_TEMPORARY_SECONDS)
        {
          if (g_unlink (path) != 0)
            g_debug ("Could not remove %s: %s", path, g_strerror (errno));
        }
    }
}

gboolean
bm_file_replace (const char          *path,
                 const char          *tmp_prefix,
                 const void          *data,
                 gsize                length,
                 BmFileReplaceFlags   flags,
                 GError             **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *tmp_name = NULL;
  g_autofree char *tmp_path = NULL;
  const char *p = data;
  int saved_errno;
  int dir_fd;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (flags & BM_FILE_REPLACE_FOLLOW_LINKS)
    {
      char *real_path = realpath (path, NULL);

      target = g_strdup (real_path != NULL ? real_path : path);
      free (real_path);
    }
  else
    {
      target = g_strdup (path);
    }
  dir = g_path_get_dirname (target);

  if (tmp_prefix != NULL)
    {
      prefix = g_strdup (tmp_prefix);
    }
  else
    {
      g_autofree char *base = g_path_get_basename (target);

      prefix = g_strdup_printf (".%s.", base);
    }

  /* The temporary file is in the same folder, so that rename() is atomic */
  tmp_name = g_strconcat (prefix, "XXXXXX", NULL);
  tmp_path = g_build_filename (dir, tmp_name, NULL);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_errno_error (error, BM_FILE_ERROR_WRITE, errno);
      return FALSE;
    }

  while (length > 0)
    {
      gssize n = write (fd, p, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        goto failed;
      if (n == 0)
        {
          errno = EIO;
          goto failed;
        }
      p += n;
      length -= (gsize) n;
    }

  /* Whatever the umask */
  if (fchmod (fd, 0600) != 0)
    goto failed;

  while (fsync (fd) != 0)
    {
      if (errno != EINTR)
        goto failed;
    }

  if (close (fd) != 0 && errno != EINTR)
    {
      fd = -1;
      goto failed;
    }
  fd = -1;

  if (rename (tmp_path, target) != 0)
    goto failed;

  /* Make the rename itself durable; the new file is in place already, so a
   * folder that cannot be synced is not a failure to save */
  dir_fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dir_fd >= 0)
    {
      if (fsync (dir_fd) != 0)
        g_debug ("Could not sync folder %s: %s", dir, g_strerror (errno));
      close (dir_fd);
    }

  bm_file_remove_stale_temporaries (dir, prefix);
  return TRUE;

failed:
  saved_errno = errno ? errno : EIO;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp_path);
  set_errno_error (error, BM_FILE_ERROR_WRITE, saved_errno);
  return FALSE;
}
