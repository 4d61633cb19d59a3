/* bm-check-ins.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-check-ins"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bm-check-ins.h"
#include "bm-file-util.h"
#include "bm-intake-io.h"

#define CHECK_INS_FOLDER "check-ins"
#define SUFFIX           ".bodymap"
#define TMP_PREFIX       ".check-in-"

void
bm_check_in_free (BmCheckIn *check_in)
{
  if (check_in == NULL)
    return;
  g_free (check_in->path);
  g_free (check_in->name);
  g_free (check_in->email);
  g_free (check_in->submitted);
  g_free (check_in->error);
  g_free (check_in);
}

char *
bm_check_ins_dup_folder (BmLibrary *library)
{
  g_return_val_if_fail (BM_IS_LIBRARY (library), NULL);

  return g_build_filename (bm_library_get_path (library), CHECK_INS_FOLDER, NULL);
}

gboolean
bm_check_ins_submit (BmLibrary  *library,
                     BmIntake   *intake,
                     gboolean    complete,
                     char      **path,
                     GError    **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *file = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *submitted = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (BM_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (BM_IS_INTAKE (intake), FALSE);

  if (!bm_library_ensure (library, error))
    return FALSE;
  folder = bm_check_ins_dup_folder (library);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, BM_LIBRARY_ERROR, saved == EROFS || saved == EACCES ? BM_LIBRARY_ERROR_READ_ONLY
                   : BM_LIBRARY_ERROR_IO, _("%s: could not make the folder: %s"), folder, g_strerror (saved));
      return FALSE;
    }

  submitted = g_date_time_format_iso8601 (now);
  bm_intake_set_library_link (intake, NULL, NULL);
  bm_intake_set_check_in (intake, complete ? "complete" : "incomplete", submitted);

  /* Sorted by time; never the same name twice */
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  name = g_strdup_printf ("%s-%08x%s", stamp, g_random_int (), SUFFIX);
  file = g_build_filename (folder, name, NULL);
  bytes = bm_intake_save_bytes (intake);
  if (!bm_file_replace (file, TMP_PREFIX, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                        BM_FILE_REPLACE_NONE, &local))
    {
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_IO, _("%s: could not write: %s"), file, local->message);
      return FALSE;
    }
  if (path)
    *path = g_steal_pointer (&file);
  return TRUE;
}

static int
compare_check_ins (gconstpointer a,
                   gconstpointer b)
{
  const BmCheckIn *x = *(BmCheckIn * const *) a;
  const BmCheckIn *y = *(BmCheckIn * const *) b;

  /* The file names start with the time they were handed in */
  return strcmp (x->path, y->path);
}

GPtrArray *
bm_check_ins_list (BmLibrary  *library,
                   GError    **error)
{
  g_autofree char *folder = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) bm_check_in_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local = NULL;
  const char *entry;

  g_return_val_if_fail (BM_IS_LIBRARY (library), NULL);

  folder = bm_check_ins_dup_folder (library);
  dir = g_dir_open (folder, 0, &local);
  if (dir == NULL)
    {
      /* None yet */
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&list);
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_IO, _("%s: could not read: %s"), folder, local->message);
      return NULL;
    }
  while ((entry = g_dir_read_name (dir)))
    {
      g_autoptr(BmIntake) intake = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) load_error = NULL;
      BmCheckIn *check_in;

      if (entry[0] == '.' || !g_str_has_suffix (entry, SUFFIX) || bm_library_is_conflict_name (entry))
        continue;
      check_in = g_new0 (BmCheckIn, 1);
      check_in->path = g_build_filename (folder, entry, NULL);
      file = g_file_new_for_path (check_in->path);
      intake = bm_intake_load_file (file, &load_error);
      if (intake == NULL)
        check_in->error = g_strdup (load_error->message);
      else
        {
          check_in->name = g_strdup (bm_intake_get_client_name (intake));
          check_in->birth_year = bm_intake_get_birth_year (intake);
          check_in->email = g_strdup (bm_intake_get_email (intake));
          check_in->complete = g_strcmp0 (bm_intake_get_check_in_status (intake), "complete") == 0;
          check_in->submitted = g_strdup (bm_intake_get_check_in_submitted (intake));
          check_in->n_marks = bm_intake_get_marks (intake)->len;
        }
      g_ptr_array_add (list, check_in);
    }
  g_ptr_array_sort (list, compare_check_ins);
  return g_steal_pointer (&list);
}

void
bm_check_in_match_clear (BmCheckInMatch *match)
{
  match->client = NULL;
  match->looks_off = FALSE;
  g_clear_pointer (&match->reasons, g_strfreev);
}

/* Lower case, no accents, one space between words */
static GStrv
name_words (const char *name)
{
  g_autofree char *normal = g_utf8_normalize (name ? name : "", -1, G_NORMALIZE_ALL_COMPOSE);
  g_autofree char *ascii = g_str_to_ascii (normal ? normal : "", "C");
  g_autofree char *lower = g_ascii_strdown (ascii, -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  for (char *p = lower; *p; p++)
    if (!g_ascii_isalnum (*p))
      *p = ' ';
  parts = g_strsplit (lower, " ", -1);
  for (guint i = 0; parts[i]; i++)
    if (*parts[i])
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

/* Names that share no word: "Jamie Rivers" and "Alex Moreno" */
static gboolean
names_differ (const char *a,
              const char *b)
{
  g_auto(GStrv) x = name_words (a);
  g_auto(GStrv) y = name_words (b);

  if (x[0] == NULL || y[0] == NULL)
    return FALSE;
  for (guint i = 0; x[i]; i++)
    if (g_strv_contains ((const char * const *) y, x[i]))
      return FALSE;
  return TRUE;
}

static gboolean
emails_differ (const char *a,
               const char *b)
{
  g_autofree char *x = g_utf8_casefold (a ? a : "", -1);
  g_autofree char *y = g_utf8_casefold (b ? b : "", -1);

  g_strstrip (x);
  g_strstrip (y);
  return *x && *y && !g_str_equal (x, y);
}

void
bm_check_ins_match (BmLibrary      *library,
                    BmIntake       *intake,
                    BmCheckInMatch *match)
{
  g_autoptr(GStrvBuilder) reasons = g_strv_builder_new ();
  const BmClient *client;
  int year;

  g_return_if_fail (BM_IS_LIBRARY (library));
  g_return_if_fail (BM_IS_INTAKE (intake));
  g_return_if_fail (match != NULL);

  memset (match, 0, sizeof *match);
  client = bm_library_match_client (library, intake);
  match->client = client;
  if (client != NULL)
    {
      year = bm_intake_get_birth_year (intake);
      if (emails_differ (bm_intake_get_email (intake), client->email))
        g_strv_builder_add (reasons, _("Another email than the one on file"));
      if (year > 0 && client->birth_year > 0 && year != client->birth_year)
        g_strv_builder_add (reasons, _("Another year of birth than the one on file"));
      if (names_differ (bm_intake_get_client_name (intake), client->name))
        g_strv_builder_add (reasons, _("A very different name from the one on file"));
    }
  match->reasons = g_strv_builder_end (reasons);
  match->looks_off = match->reasons[0] != NULL;
}

gboolean
bm_check_ins_file (BmLibrary   *library,
                   const char  *path,
                   const char  *client_id,
                   char       **filed_client_id,
                   char       **visit_path,
                   GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(BmIntake) intake = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  const BmClient *client;

  g_return_val_if_fail (BM_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_path (path);
  if (!(intake = bm_intake_load_file (file, error)))
    return FALSE;
  /* Nobody to make a client of */
  name = g_strstrip (g_strdup (bm_intake_get_client_name (intake)));
  if (client_id == NULL && *name == '\0')
    {
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_NO_CLIENT,
                   _("%s: no name was given: file it with a client on file"), path);
      return FALSE;
    }
  /* A visit now, no longer a check-in */
  bm_intake_set_check_in (intake, NULL, NULL);
  if (!bm_library_file_intake_as (library, intake, client_id, &id, NULL, error))
    return FALSE;
  /* Filed whole first: a crash here leaves it on the list, and filing it
   * again files the same visit */
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_IO, _("%s: filed, but could not be taken off the list: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  client = bm_library_lookup (library, id);
  if (visit_path)
    {
      g_autofree char *visit_name = g_strconcat (bm_intake_get_visit_id (intake), SUFFIX, NULL);

      *visit_path = client ? g_build_filename (client->dir, visit_name, NULL) : NULL;
    }
  if (filed_client_id)
    *filed_client_id = g_steal_pointer (&id);
  return TRUE;
}

gboolean
bm_check_ins_discard (BmLibrary   *library,
                      const char  *path,
                      GError     **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *parent = NULL;

  g_return_val_if_fail (BM_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Only a file of the list */
  folder = bm_check_ins_dup_folder (library);
  parent = g_path_get_dirname (path);
  if (g_strcmp0 (folder, parent) != 0)
    {
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_LOCATION, _("%s: not a check-in of %s"), path,
                   bm_library_get_path (library));
      return FALSE;
    }
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_IO, _("%s: could not remove: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
