/* bm-file-util.h: bounded reads and atomic replaces of local files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BM_FILE_ERROR (bm_file_error_quark ())

/* The message of an error is what the system said (g_strerror()), or
 * empty; callers put it in a sentence of their own */
typedef enum
{
  BM_FILE_ERROR_NOT_FOUND,     /* the file or a folder on its path is not there */
  BM_FILE_ERROR_OPEN,          /* it could not be opened */
  BM_FILE_ERROR_IS_DIRECTORY,
  BM_FILE_ERROR_NOT_REGULAR,   /* a device, a pipe, a socket... */
  BM_FILE_ERROR_TOO_LARGE,     /* over the size the caller allows */
  BM_FILE_ERROR_READ,
  BM_FILE_ERROR_WRITE,
} BmFileError;

typedef enum
{
  BM_FILE_REPLACE_NONE         = 0,
  /* When @path is a symbolic link, replace the file it points to (saving a
   * document) rather than the link itself (exporting) */
  BM_FILE_REPLACE_FOLLOW_LINKS = 1 << 0,
} BmFileReplaceFlags;

GQuark     bm_file_error_quark             (void);

/* Reads a regular file of at most @max_size bytes. The size is checked
 * before reading, and a file that grows while it is read is never read
 * past @max_size + 1 bytes. @mtime, when not NULL, is set to the file's
 * modification time (seconds since the epoch). */
GBytes    *bm_file_read_bounded            (const char          *path,
                                            gsize                max_size,
                                            gint64              *mtime,
                                            GError             **error);

/* Replaces @path with @data atomically: a temporary file in the same
 * folder, named @tmp_prefix and six mkstemp characters (NULL: "." and the
 * file's name and "."), private (mode 0600 whatever the umask), synced,
 * then renamed over @path; the folder is synced too. The file is either
 * replaced whole or left as it was, and nothing is left behind on failure.
 * After a save, stale temporaries of the same prefix in that folder are
 * removed (bm_file_remove_stale_temporaries()). */
gboolean   bm_file_replace                 (const char          *path,
                                            const char          *tmp_prefix,
                                            const void          *data,
                                            gsize                length,
                                            BmFileReplaceFlags   flags,
                                            GError             **error);

/* Removes what killed saves into @dir left behind: regular files of ours
 * named @prefix and six mkstemp characters, older than ten minutes */
void       bm_file_remove_stale_temporaries (const char         *dir,
                                             const char         *prefix);

G_END_DECLS
