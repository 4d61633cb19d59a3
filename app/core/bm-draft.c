/* bm-draft.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-draft"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bm-draft.h"
#include "bm-file-util.h"
#include "bm-intake-io.h"

#define DRAFT_NAME  "draft.bodymap"
#define ORIGIN_NAME "draft.origin"

char *
bm_draft_dup_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "bodymap", "drafts", NULL);
}

static char *
draft_path (const char *name)
{
  g_autofree char *dir = bm_draft_dup_dir ();

  return g_build_filename (dir, name, NULL);
}

/* The drafts folder is the app's own: a symbolic link there is replaced,
 * not followed */
static gboolean
replace_file (const char  *path,
              const void  *data,
              gsize        length,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!bm_file_replace (path, NULL, data, length, BM_FILE_REPLACE_NONE, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("could not create %s: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
bm_draft_write (BmIntake  *intake,
                GFile     *origin,
                GError   **error)
{
  g_autofree char *dir = bm_draft_dup_dir ();
  g_autofree char *path = draft_path (DRAFT_NAME);
  g_autofree char *origin_path = draft_path (ORIGIN_NAME);
  g_autofree char *uri = origin ? g_file_get_uri (origin) : g_strdup ("");
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (BM_IS_INTAKE (intake), FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("could not create %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  bytes = bm_intake_save_bytes (intake);

  /* Where it belongs first, then the document: a crash between the two
   * leaves the previous document with its own origin or this one's,
   * never a broken file. */
  return replace_file (origin_path, uri, strlen (uri), error) &&
         replace_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}

BmIntake *
bm_draft_read (GFile     **origin,
               GDateTime **saved,
               GError    **error)
{
  g_autofree char *path = draft_path (DRAFT_NAME);
  g_autofree char *origin_path = draft_path (ORIGIN_NAME);
  g_autofree char *uri = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BmIntake) intake = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 mtime = 0;

  if (origin)
    *origin = NULL;
  if (saved)
    *saved = NULL;

  bytes = bm_file_read_bounded (path, BM_INTAKE_MAX_FILE_SIZE, &mtime, &local_error);
  if (bytes == NULL)
    {
      /* Only a draft that is not there is "no draft": one that cannot be
       * reached (a folder we may not enter) is reported, not ignored */
      if (g_error_matches (local_error, BM_FILE_ERROR, BM_FILE_ERROR_NOT_FOUND))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("there is no draft"));
      else if (g_error_matches (local_error, BM_FILE_ERROR, BM_FILE_ERROR_OPEN) ||
               g_error_matches (local_error, BM_FILE_ERROR, BM_FILE_ERROR_READ))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     _("could not read the draft: %s"), local_error->message);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("the draft is damaged"));
      return NULL;
    }

  if (!(intake = bm_intake_load_draft_bytes (bytes, _("draft"), error)))
    return NULL;

  if (origin && g_file_get_contents (origin_path, &uri, NULL, NULL) && uri[0] != '\0' &&
      g_utf8_validate (uri, -1, NULL))
    *origin = g_file_new_for_uri (g_strstrip (uri));
  if (saved)
    *saved = g_date_time_new_from_unix_local (mtime);

  /* What comes back was never saved */
  bm_intake_set_modified (intake, TRUE);

  return g_steal_pointer (&intake);
}

gboolean
bm_draft_exists (void)
{
  g_autofree char *path = draft_path (DRAFT_NAME);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

void
bm_draft_clear (void)
{
  g_autofree char *path = draft_path (DRAFT_NAME);
  g_autofree char *origin_path = draft_path (ORIGIN_NAME);

  g_unlink (path);
  g_unlink (origin_path);
}
