/* test-library.c: the clinic library's folder of client and visit files;
 * no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "bm-intake-io.h"
#include "bm-library.h"
#include "bm-library-private.h"

#include "bm-test-files.h"

typedef struct
{
  char      *dir;
  BmLibrary *library;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *parent = bm_test_make_temp_dir ("bodymap-library");
  g_autoptr(GFile) location = NULL;
  g_autoptr(GError) error = NULL;

  /* A library that does not exist yet, as on first use */
  f->dir = g_build_filename (parent, "Body Map", NULL);
  g_free (g_steal_pointer (&parent));
  location = g_file_new_for_path (f->dir);
  f->library = bm_library_new (location, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *parent = g_path_get_dirname (f->dir);

  g_clear_object (&f->library);
  bm_test_remove_tree (parent);
  g_free (f->dir);
}

static BmIntake *
make_intake (const char *name,
             int         birth_year,
             const char *email,
             const char *date,
             int         calf)
{
  BmIntake *intake = bm_intake_new ();
  g_autoptr(BmMark) mark = bm_mark_new ("calf", BM_SIDE_LEFT, calf, BM_SYMPTOM_TIGHT, NULL);

  bm_intake_set_client_name (intake, name);
  bm_intake_set_birth_year (intake, birth_year);
  bm_intake_set_email (intake, email);
  bm_intake_set_visit_date (intake, date);
  bm_intake_set_mark (intake, mark, FALSE);
  return intake;
}

/* Files the intake and returns the client's id */
static char *
file (Fixture    *f,
      BmIntake   *intake,
      gboolean    expect_new)
{
  g_autoptr(GError) error = NULL;
  char *id = NULL;
  gboolean made = !expect_new;

  g_assert_true (bm_library_file_intake (f->library, intake, &id, &made, &error));
  g_assert_no_error (error);
  g_assert_cmpint (made, ==, expect_new);
  return id;
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* First use: the library is made, private; the visit is a version 2 file
 * that reads back with its link */
static void
test_file_and_read (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(BmIntake) intake = make_intake ("Jamie Rivers", 1994, "jamie@example.org", "2026-11-23", 6);
  g_autofree char *id = file (f, intake, TRUE);
  g_autofree char *clients = g_build_filename (f->dir, "clients", NULL);
  g_autofree char *client_dir = g_build_filename (clients, id, NULL);
  g_autoptr(GFile) visit_file = NULL;
  g_autoptr(BmIntake) back = NULL;
  g_autoptr(GError) error = NULL;
  const BmClient *client;
  const BmVisitInfo *visit;
  g_autofree char *details = NULL;

  g_assert_cmpstr (id, ==, "jamie-rivers-1994");
  g_assert_cmpstr (bm_intake_get_client_id (intake), ==, id);
  g_assert_true (g_str_has_prefix (bm_intake_get_visit_id (intake), "2026-11-23-"));

  g_assert_cmpuint (mode_of (f->dir), ==, 0700);
  g_assert_cmpuint (mode_of (clients), ==, 0700);
  g_assert_cmpuint (mode_of (client_dir), ==, 0700);
  details = g_build_filename (client_dir, "client.json", NULL);
  g_assert_cmpuint (mode_of (details), ==, 0600);

  client = bm_library_lookup (f->library, id);
  g_assert_nonnull (client);
  g_assert_cmpstr (client->name, ==, "Jamie Rivers");
  g_assert_cmpint (client->birth_year, ==, 1994);
  g_assert_cmpstr (client->email, ==, "jamie@example.org");
  g_assert_null (client->error);
  g_assert_cmpuint (client->visits->len, ==, 1);
  visit = bm_client_get_latest_visit (client);
  g_assert_nonnull (visit);
  g_assert_null (visit->error);
  g_assert_cmpstr (visit->date, ==, "2026-11-23");
  g_assert_cmpstr (visit->visit_id, ==, bm_intake_get_visit_id (intake));
  g_assert_cmpstrv (visit->areas, ((const char * const[]) { "calf:left:6", NULL }));
  g_assert_cmpuint (mode_of (visit->path), ==, 0600);

  visit_file = g_file_new_for_path (visit->path);
  back = bm_intake_load_file (visit_file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bm_intake_get_client_id (back), ==, id);
  g_assert_cmpstr (bm_intake_get_visit_id (back), ==, visit->visit_id);
  g_assert_cmpstr (bm_intake_get_client_name (back), ==, "Jamie Rivers");
  {
    g_autoptr(GBytes) bytes = bm_intake_save_bytes (back);

    g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "\"version\": 2"));
  }

  /* Filing the same visit again files it once */
  g_free (file (f, intake, FALSE));
  g_assert_cmpuint (bm_library_lookup (f->library, id)->visits->len, ==, 1);
}

/* A file of its own stays version 1 */
static void
test_unlinked_stays_v1 (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(BmIntake) intake = make_intake ("Sam", 0, "", "2026-11-23", 3);
  g_autoptr(GBytes) bytes = bm_intake_save_bytes (intake);

  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "\"version\": 1"));
  g_assert_null (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "client_id"));
}

/* Who is who: the same name and birth year, or the same email */
static void
test_matching (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(BmIntake) a = make_intake ("Sam Lee", 1990, "", "2026-11-01", 4);
  g_autoptr(BmIntake) b = make_intake ("Sam Lee", 1985, "", "2026-11-02", 4);
  g_autoptr(BmIntake) c = make_intake ("  sam   LEE ", 1990, "", "2026-11-03", 5);
  g_autoptr(BmIntake) d = make_intake ("Zoë Park", 1988, "zoe@example.org", "2026-11-01", 2);
  g_autoptr(BmIntake) e = make_intake ("Zoe P.", 0, "ZOE@example.org ", "2026-11-08", 3);
  /* "Zoë" with a combining diaeresis */
  g_autoptr(BmIntake) g = make_intake ("Zoe\xcc\x88 park", 1988, "", "2026-11-15", 1);
  g_autoptr(BmIntake) h = make_intake ("Sam Lee", 0, "", "2026-11-04", 4);
  g_autoptr(BmIntake) cjk = make_intake ("王芳", 1992, "", "2026-11-04", 4);
  g_autofree char *id_a = file (f, a, TRUE);
  g_autofree char *id_b = file (f, b, TRUE);
  g_autofree char *id_c = file (f, c, FALSE);
  g_autofree char *id_d = file (f, d, TRUE);
  g_autofree char *id_e = file (f, e, FALSE);
  g_autofree char *id_g = file (f, g, FALSE);
  g_autofree char *id_h = file (f, h, TRUE);
  g_autofree char *id_cjk = file (f, cjk, TRUE);

  /* Different birth years: two clients */
  g_assert_cmpstr (id_a, ==, "sam-lee-1990");
  g_assert_cmpstr (id_b, ==, "sam-lee-1985");
  g_assert_cmpstr (id_c, ==, id_a);
  g_assert_cmpstr (id_d, ==, "zoe-park-1988");
  g_assert_cmpstr (id_e, ==, id_d);
  g_assert_cmpstr (id_g, ==, id_d);
  g_assert_cmpstr (id_h, ==, "sam-lee");
  g_assert_cmpstr (id_cjk, ==, "client-1992");
  g_assert_cmpuint (bm_library_get_clients (f->library)->len, ==, 5);
  g_assert_cmpuint (bm_library_lookup (f->library, id_d)->visits->len, ==, 3);
  /* Sorted by name */
  g_assert_cmpstr (((BmClient *) g_ptr_array_index (bm_library_get_clients (f->library), 0))->name, ==, "Sam Lee");
}

/* Two clients whose ids would be the same get different ones */
static void
test_id_taken (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(BmIntake) a = make_intake ("Ana-María", 0, "ana@example.org", "2026-11-01", 4);
  g_autoptr(BmIntake) b = make_intake ("Ana María", 0, "other@example.org", "2026-11-02", 4);
  g_autofree char *id_a = file (f, a, TRUE);
  g_autofree char *id_b = NULL;

  /* "Ana María" is not "Ana-María": the same id base, two people */
  id_b = file (f, b, TRUE);
  g_assert_cmpstr (id_a, ==, "ana-maria");
  g_assert_cmpstr (id_b, ==, "ana-maria-2");
}

/* A renamed client keeps their id and visits; the new name finds them */
static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(BmIntake) before = make_intake ("Kim Wu", 1980, "", "2026-10-01", 4);
  g_autoptr(BmIntake) after = make_intake ("Kim Wu-Lane", 1980, "", "2026-11-01", 2);
  g_autofree char *id = file (f, before, TRUE);
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (bm_library_update_client (f->library, id, "Kim Wu-Lane", 1980, "kim@example.org", "", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (bm_library_lookup (f->library, id)->name, ==, "Kim Wu-Lane");
  again = file (f, after, FALSE);
  g_assert_cmpstr (again, ==, id);
  g_assert_cmpuint (bm_library_lookup (f->library, id)->visits->len, ==, 2);

  g_assert_false (bm_library_update_client (f->library, "nobody", "X", 0, "", "", &error));
  g_assert_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_NO_CLIENT);
}

/* Damaged files, conflict copies and temporaries: listed as such, never
 * as visits, and the rest of the library reads */
static void
test_damaged_and_conflicts (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(BmIntake) a = make_intake ("Jo Bell", 1970, "", "2026-11-01", 4);
  g_autoptr(BmIntake) b = make_intake ("Lee Moss", 1975, "", "2026-11-01", 4);
  g_autofree char *id_a = file (f, a, TRUE);
  g_autofree char *id_b = file (f, b, TRUE);
  g_autofree char *dir_a = g_build_filename (f->dir, "clients", id_a, NULL);
  g_autofree char *dir_b = g_build_filename (f->dir, "clients", id_b, NULL);
  g_autofree char *broken = g_build_filename (dir_a, "2026-01-01-broken.bodymap", NULL);
  g_autofree char *conflict = g_build_filename (dir_a, "2026-11-01-x.sync-conflict-20261201-120000-ABCDEFG.bodymap", NULL);
  g_autofree char *copy = g_build_filename (dir_a, "2026-11-01-x (conflicted copy 2026-12-01).bodymap", NULL);
  g_autofree char *temporary = g_build_filename (dir_a, ".tmp-abc123", NULL);
  g_autofree char *details_b = g_build_filename (dir_b, "client.json", NULL);
  g_autoptr(GError) error = NULL;
  const BmClient *client;
  guint damaged = 0;

  g_assert_true (g_file_set_contents (broken, "{", -1, NULL));
  g_assert_true (g_file_set_contents (conflict, "{}", -1, NULL));
  g_assert_true (g_file_set_contents (copy, "{}", -1, NULL));
  g_assert_true (g_file_set_contents (temporary, "half", -1, NULL));
  g_assert_true (g_file_set_contents (details_b, "not json", -1, NULL));

  g_assert_true (bm_library_load (f->library, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bm_library_get_clients (f->library)->len, ==, 2);

  client = bm_library_lookup (f->library, id_a);
  g_assert_cmpuint (client->visits->len, ==, 2);
  g_assert_cmpuint (client->conflicts->len, ==, 2);
  for (guint i = 0; i < client->visits->len; i++)
    {
      const BmVisitInfo *visit = g_ptr_array_index (client->visits, i);

      if (visit->error)
        {
          damaged++;
          g_autofree char *prefix = g_strconcat (broken, ": ", NULL);

          g_assert_true (g_str_has_prefix (visit->error, prefix));
          g_assert_null (strchr (visit->error, '\n'));
        }
    }
  g_assert_cmpuint (damaged, ==, 1);
  g_assert_cmpstr (bm_client_get_latest_visit (client)->date, ==, "2026-11-01");

  client = bm_library_lookup (f->library, id_b);
  g_assert_null (client->name);
  g_assert_nonnull (client->error);
  g_assert_true (g_str_has_prefix (client->error, details_b));
  g_assert_cmpuint (client->visits->len, ==, 1);

  g_assert_true (bm_library_is_conflict_name ("a.sync-conflict-20261201-120000-ABC.bodymap"));
  g_assert_true (bm_library_is_conflict_name ("a (conflicted copy 2026-12-01).bodymap"));
  g_assert_false (bm_library_is_conflict_name ("2026-11-01-abcdef0123.bodymap"));
}

/* A conflict copy is resolved either way: kept in place of the file it
 * was made of, or deleted; nothing else can be "resolved" */
static void
test_resolve_conflict (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(BmIntake) a = make_intake ("Jo Bell", 1970, "", "2026-11-01", 4);
  g_autofree char *id = file (f, a, TRUE);
  g_autofree char *dir = g_build_filename (f->dir, "clients", id, NULL);
  const BmClient *client;
  g_autofree char *visit = NULL;
  g_autofree char *visit_name = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *syncthing = NULL;
  g_autofree char *nextcloud = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *original = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (bm_library_load (f->library, NULL));
  client = bm_library_lookup (f->library, id);
  visit = g_strdup (((BmVisitInfo *) g_ptr_array_index (client->visits, 0))->path);
  visit_name = g_path_get_basename (visit);
  stem = g_strndup (visit_name, strlen (visit_name) - strlen (".bodymap"));
  syncthing = g_strdup_printf ("%s/%s.sync-conflict-20261201-120000-ABCDEFG.bodymap", dir, stem);
  nextcloud = g_strdup_printf ("%s/%s (conflicted copy 2026-12-01 101010).bodymap", dir, stem);
  g_assert_true (g_file_get_contents (visit, &contents, NULL, NULL));
  {
    /* Another device's edit of the same visit */
    g_autoptr(GString) edited = g_string_new (contents);

    g_string_replace (edited, "\"goals\": \"\"", "\"goals\": \"From the other device\"", 1);
    g_assert_true (g_file_set_contents (syncthing, edited->str, -1, NULL));
  }
  g_assert_true (g_file_set_contents (nextcloud, contents, -1, NULL));

  original = bm_library_dup_conflict_original ("a.sync-conflict-20261201-120000-ABC.bodymap");
  g_assert_cmpstr (original, ==, "a.bodymap");
  g_clear_pointer (&original, g_free);
  original = bm_library_dup_conflict_original ("client (conflicted copy 2026-12-01 101010).json");
  g_assert_cmpstr (original, ==, "client.json");
  g_assert_null (bm_library_dup_conflict_original ("2026-11-01-abcdef0123.bodymap"));

  g_assert_true (bm_library_load (f->library, NULL));
  g_assert_cmpuint (bm_library_lookup (f->library, id)->conflicts->len, ==, 2);

  /* Deleted: the visit stays as it was */
  g_assert_true (bm_library_resolve_conflict (f->library, nextcloud, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (nextcloud, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (bm_library_lookup (f->library, id)->conflicts->len, ==, 1);

  /* Kept: it is the visit now, and the copy is gone */
  g_assert_true (bm_library_resolve_conflict (f->library, syncthing, TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (syncthing, G_FILE_TEST_EXISTS));
  client = bm_library_lookup (f->library, id);
  g_assert_cmpuint (client->conflicts->len, ==, 0);
  g_assert_cmpuint (client->visits->len, ==, 1);
  {
    g_autoptr(GFile) file_ = g_file_new_for_path (visit);
    g_autoptr(BmIntake) kept = bm_intake_load_file (file_, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (bm_intake_get_goals (kept), ==, "From the other device");
  }

  /* Not a conflict copy, or not in this library: refused, nothing moves */
  g_assert_false (bm_library_resolve_conflict (f->library, visit, FALSE, &error));
  g_assert_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_LOCATION);
  g_clear_error (&error);
  g_assert_true (g_file_test (visit, G_FILE_TEST_IS_REGULAR));
  g_assert_false (bm_library_resolve_conflict (f->library, "/tmp/x.sync-conflict-1-2-3.bodymap", TRUE, &error));
  g_assert_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_LOCATION);
}

/* What killed imports leave (a half-made client folder) is never read,
 * and goes once it is old */
static void
test_half_made_client (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *clients = g_build_filename (f->dir, "clients", NULL);
  g_autofree char *half = g_build_filename (clients, ".new-client-abc123", NULL);
  g_autofree char *details = g_build_filename (half, "client.json", NULL);
  g_autoptr(GError) error = NULL;
  struct utimbuf old = { 0 };

  g_assert_true (bm_library_ensure (f->library, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (half, 0700), ==, 0);
  g_assert_true (g_file_set_contents (details, "{}", -1, NULL));
  g_assert_true (bm_library_load (f->library, NULL));
  g_assert_cmpuint (bm_library_get_clients (f->library)->len, ==, 0);

  /* A live import's folder is left alone; an hour-old one goes */
  g_assert_true (bm_library_ensure (f->library, NULL));
  g_assert_true (g_file_test (half, G_FILE_TEST_IS_DIR));
  old.actime = old.modtime = time (NULL) - 3600;
  g_assert_cmpint (g_utime (half, &old), ==, 0);
  g_assert_true (bm_library_ensure (f->library, NULL));
  g_assert_false (g_file_test (half, G_FILE_TEST_EXISTS));
}

/* An empty or missing library has no clients and is not an error; a file
 * where the library should be is */
static void
test_missing_and_not_a_folder (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = make_intake ("Pat", 0, "", "2026-11-01", 4);

  g_assert_true (bm_library_load (f->library, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bm_library_get_clients (f->library)->len, ==, 0);
  g_assert_false (g_file_test (f->dir, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_set_contents (f->dir, "not a folder", -1, NULL));
  g_assert_false (bm_library_load (f->library, &error));
  g_assert_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_LOCATION);
  g_clear_error (&error);
  g_assert_false (bm_library_file_intake (f->library, intake, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_null (bm_intake_get_client_id (intake));
  g_unlink (f->dir);
}

/* The index (bm-library-index.c): a cache of the library in the user's
 * cache folder, never the truth */

static void
index_fixture_tear_down (Fixture       *f,
                         gconstpointer  data)
{
  g_unlink (bm_library_get_index_path (f->library));
  fixture_tear_down (f, data);
}

/* @path last changed an hour ago */
static void
age_path (const char *path)
{
  struct utimbuf old;

  old.actime = old.modtime = time (NULL) - 3600;
  g_assert_cmpint (g_utime (path, &old), ==, 0);
}

/* Every file and folder under @path last changed an hour ago: nothing is
 * so recent that the index would not trust it */
static void
age_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        age_tree (child);
      else
        age_path (child);
    }
  /* The folder last: changing its files' times does not change its own */
  age_path (path);
}

/* A new BmLibrary on the same folder, loaded: as the next start of the
 * app would */
static BmLibrary *
load_again (Fixture *f)
{
  g_autoptr(GFile) location = g_file_new_for_path (f->dir);
  g_autoptr(GError) error = NULL;
  BmLibrary *library = bm_library_new (location, &error);

  g_assert_no_error (error);
  g_assert_true (bm_library_load (library, &error));
  g_assert_no_error (error);
  return library;
}

/* Writes @text over the file's bytes in place, keeping its times: no
 * folder time changes, as with a tool that rewrites a file in place */
static void
overwrite_in_place (const char *path,
                    const char *text)
{
  GStatBuf st;
  struct utimbuf times;
  FILE *out;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  out = fopen (path, "w");
  g_assert_nonnull (out);
  g_assert_cmpint (fputs (text, out), >=, 0);
  g_assert_cmpint (fclose (out), ==, 0);
  times.actime = st.st_atime;
  times.modtime = st.st_mtime;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

/* Two clients, one with two visits; the library aged and loaded once,
 * which writes the index */
static void
make_indexed_library (Fixture  *f,
                      char    **id_a,
                      char    **id_b)
{
  g_autoptr(BmIntake) a1 = make_intake ("Jo Bell", 1970, "jo@example.org", "2026-10-01", 4);
  g_autoptr(BmIntake) a2 = make_intake ("Jo Bell", 1970, "jo@example.org", "2026-11-01", 6);
  g_autoptr(BmIntake) b = make_intake ("Zoë Park", 1988, "", "2026-11-02", 2);
  g_autoptr(GError) error = NULL;
  const BmLibraryLoadStats *stats;

  *id_a = file (f, a1, TRUE);
  g_free (file (f, a2, FALSE));
  *id_b = file (f, b, TRUE);
  age_tree (f->dir);

  g_unlink (bm_library_get_index_path (f->library));
  g_clear_object (&f->library);
  f->library = load_again (f);
  stats = bm_library_get_load_stats (f->library);
  g_assert_false (stats->index_read);
  g_assert_true (stats->index_written);
  g_assert_cmpuint (stats->folders_read, ==, 2);
  g_assert_cmpuint (stats->visits_read, ==, 3);
  g_assert_true (g_file_test (bm_library_get_index_path (f->library), G_FILE_TEST_IS_REGULAR));
}

/* The same clients and visits, field by field */
static void
assert_same_library (BmLibrary *x,
                     BmLibrary *y)
{
  GPtrArray *a = bm_library_get_clients (x);
  GPtrArray *b = bm_library_get_clients (y);

  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const BmClient *p = g_ptr_array_index (a, i);
      const BmClient *q = g_ptr_array_index (b, i);

      g_assert_cmpstr (p->id, ==, q->id);
      g_assert_cmpstr (p->dir, ==, q->dir);
      g_assert_cmpstr (p->name, ==, q->name);
      g_assert_cmpint (p->birth_year, ==, q->birth_year);
      g_assert_cmpstr (p->email, ==, q->email);
      g_assert_cmpstr (p->phone, ==, q->phone);
      g_assert_cmpstr (p->error, ==, q->error);
      g_assert_cmpuint (p->conflicts->len, ==, q->conflicts->len);
      for (guint c = 0; c < p->conflicts->len; c++)
        g_assert_cmpstr (g_ptr_array_index (p->conflicts, c), ==, g_ptr_array_index (q->conflicts, c));
      g_assert_cmpuint (p->visits->len, ==, q->visits->len);
      for (guint v = 0; v < p->visits->len; v++)
        {
          const BmVisitInfo *s = g_ptr_array_index (p->visits, v);
          const BmVisitInfo *t = g_ptr_array_index (q->visits, v);

          g_assert_cmpstr (s->path, ==, t->path);
          g_assert_cmpstr (s->visit_id, ==, t->visit_id);
          g_assert_cmpstr (s->date, ==, t->date);
          g_assert_cmpstr (s->next_race, ==, t->next_race);
          g_assert_cmpstrv (s->areas, t->areas);
          g_assert_cmpint (s->session_minutes, ==, t->session_minutes);
          g_assert_cmpstr (s->error, ==, t->error);
        }
    }
}

/* The next start reads the index, not the files: a visit's bytes changed
 * in place, with no folder's time changing, still show as indexed */
static void
test_index_used (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *id_a = NULL;
  g_autofree char *id_b = NULL;
  g_autoptr(BmLibrary) again = NULL;
  g_autoptr(BmLibrary) third = NULL;
  g_autoptr(BmIntake) changed = make_intake ("Zoë Park", 1988, "", "2026-11-02", 9);
  g_autoptr(GBytes) bytes = NULL;
  const BmLibraryLoadStats *stats;
  const BmVisitInfo *visit;

  make_indexed_library (f, &id_a, &id_b);

  again = load_again (f);
  stats = bm_library_get_load_stats (again);
  g_assert_true (stats->index_read);
  g_assert_false (stats->index_written);
  g_assert_cmpuint (stats->folders_read, ==, 0);
  g_assert_cmpuint (stats->details_read, ==, 0);
  g_assert_cmpuint (stats->visits_read, ==, 0);
  assert_same_library (f->library, again);
  visit = bm_client_get_latest_visit (bm_library_lookup (again, id_b));
  g_assert_cmpstrv (visit->areas, ((const char * const[]) { "calf:left:2", NULL }));

  /* The file now says severity 9; the index, read again, still 2 */
  bm_intake_set_library_link (changed, id_b, visit->visit_id);
  bytes = bm_intake_save_bytes (changed);
  overwrite_in_place (visit->path, g_bytes_get_data (bytes, NULL));
  third = load_again (f);
  g_assert_cmpuint (bm_library_get_load_stats (third)->visits_read, ==, 0);
  visit = bm_client_get_latest_visit (bm_library_lookup (third, id_b));
  g_assert_cmpstrv (visit->areas, ((const char * const[]) { "calf:left:2", NULL }));
}

/* A client whose folder changed is read again, only the visits whose
 * files changed; the others come from the index or the last load */
static void
test_index_changed_folder (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *id_a = NULL;
  g_autofree char *id_b = NULL;
  g_autoptr(BmLibrary) again = NULL;
  g_autoptr(BmIntake) resaved = NULL;
  g_autoptr(GFile) visit_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) c = make_intake ("Kim Wu", 1980, "", "2026-11-03", 3);
  g_autofree char *id_c = NULL;
  g_autofree char *dir_b = NULL;
  const BmLibraryLoadStats *stats;
  const BmClient *client;
  const BmVisitInfo *visit;

  make_indexed_library (f, &id_a, &id_b);

  /* A visit saved again, atomically (a new file renamed over the old
   * one), as the window saves it */
  client = bm_library_lookup (f->library, id_a);
  visit = g_ptr_array_index (client->visits, 0);
  visit_file = g_file_new_for_path (visit->path);
  resaved = bm_intake_load_file (visit_file, &error);
  g_assert_no_error (error);
  {
    g_autoptr(BmMark) mark = bm_mark_new ("hamstrings", BM_SIDE_RIGHT, 7, BM_SYMPTOM_SORE, NULL);

    bm_intake_set_mark (resaved, mark, FALSE);
  }
  g_assert_true (bm_intake_save_file (resaved, visit_file, &error));
  g_assert_no_error (error);

  again = load_again (f);
  stats = bm_library_get_load_stats (again);
  g_assert_true (stats->index_read);
  g_assert_true (stats->index_written);
  g_assert_cmpuint (stats->folders_read, ==, 1);
  g_assert_cmpuint (stats->details_read, ==, 0);
  g_assert_cmpuint (stats->visits_read, ==, 1);
  client = bm_library_lookup (again, id_a);
  g_assert_cmpuint (client->visits->len, ==, 2);
  visit = g_ptr_array_index (client->visits, 0);
  g_assert_cmpstr (visit->date, ==, "2026-10-01");
  g_assert_cmpstrv (visit->areas, ((const char * const[]) { "calf:left:4", "hamstrings:right:7", NULL }));
  visit = g_ptr_array_index (client->visits, 1);
  g_assert_cmpstrv (visit->areas, ((const char * const[]) { "calf:left:6", NULL }));

  /* The same, loaded again in the same process: from the last load, with
   * a new client and another's details changed */
  age_tree (f->dir);
  g_assert_true (bm_library_load (again, &error));
  g_assert_no_error (error);
  id_c = file (f, c, TRUE);
  g_assert_true (bm_library_update_client (f->library, id_b, "Zoë Park-Lee", 1988, "zoe@example.org", "", &error));
  g_assert_no_error (error);
  g_assert_true (bm_library_load (again, &error));
  g_assert_no_error (error);
  stats = bm_library_get_load_stats (again);
  g_assert_false (stats->index_read);
  g_assert_cmpuint (stats->folders_read, ==, 2);
  g_assert_cmpuint (stats->details_read, ==, 2);
  g_assert_cmpuint (stats->visits_read, ==, 1);
  g_assert_cmpuint (bm_library_get_clients (again)->len, ==, 3);
  g_assert_cmpstr (bm_library_lookup (again, id_b)->name, ==, "Zoë Park-Lee");
  g_assert_cmpstr (bm_library_lookup (again, id_b)->email, ==, "zoe@example.org");
  assert_same_library (f->library, again);

  /* A client's folder gone: gone from the list and from the index */
  dir_b = g_build_filename (f->dir, "clients", id_b, NULL);
  bm_test_remove_tree (dir_b);
  g_assert_true (bm_library_load (again, &error));
  g_assert_null (bm_library_lookup (again, id_b));
  g_assert_true (bm_library_get_load_stats (again)->index_written);
  g_clear_object (&f->library);
  f->library = load_again (f);
  g_assert_true (bm_library_get_load_stats (f->library)->index_read);
  assert_same_library (f->library, again);
}

/* A damaged index, one of another format version or another library's:
 * read from the files, and written again */
static void
test_index_damaged (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id_a = NULL;
  g_autofree char *id_b = NULL;
  g_autofree char *good = NULL;
  gsize length;
  const char *index_path;
  struct { const char *what; gsize at; char byte; gssize keep; } damage[] = {
    { "a byte changed in the middle", 0, 'x', -1 },
    { "cut short", 0, 0, 0 },
    { "another format version", 8, 99, -1 },
    { "not an index", 0, 'X', -1 },
    { "empty", 0, 0, 1 },
  };

  make_indexed_library (f, &id_a, &id_b);
  index_path = bm_library_get_index_path (f->library);
  g_assert_true (g_file_get_contents (index_path, &good, &length, NULL));
  damage[0].at = length / 2;
  damage[1].keep = length - 100;
  damage[4].keep = 0;

  for (guint i = 0; i < G_N_ELEMENTS (damage); i++)
    {
      g_autofree char *bad = g_memdup2 (good, length);
      g_autoptr(BmLibrary) again = NULL;
      g_autoptr(BmLibrary) third = NULL;
      const BmLibraryLoadStats *stats;

      g_test_message ("%s", damage[i].what);
      if (damage[i].keep < 0)
        bad[damage[i].at] = damage[i].byte;
      g_assert_true (g_file_set_contents (index_path, bad, damage[i].keep < 0 ? (gssize) length : damage[i].keep,
                                          NULL));
      again = load_again (f);
      stats = bm_library_get_load_stats (again);
      g_assert_false (stats->index_read);
      g_assert_true (stats->index_written);
      g_assert_cmpuint (stats->visits_read, ==, 3);
      assert_same_library (f->library, again);

      third = load_again (f);
      g_assert_true (bm_library_get_load_stats (third)->index_read);
      g_assert_cmpuint (bm_library_get_load_stats (third)->visits_read, ==, 0);
      assert_same_library (f->library, third);
    }
}

/* Damaged files are read every time, never taken from the index: one
 * mended in place shows at once */
static void
test_index_damaged_files (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *id_a = NULL;
  g_autofree char *id_b = NULL;
  g_autofree char *dir_a = NULL;
  g_autofree char *dir_b = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *details = NULL;
  g_autoptr(BmLibrary) again = NULL;
  g_autoptr(BmLibrary) third = NULL;
  g_autoptr(BmIntake) mended = make_intake ("Jo Bell", 1970, "jo@example.org", "2026-12-01", 5);
  g_autoptr(GBytes) bytes = NULL;
  const BmLibraryLoadStats *stats;
  const BmClient *client;

  make_indexed_library (f, &id_a, &id_b);
  dir_a = g_build_filename (f->dir, "clients", id_a, NULL);
  dir_b = g_build_filename (f->dir, "clients", id_b, NULL);
  broken = g_build_filename (dir_a, "2026-12-01-mended0000.bodymap", NULL);
  details = g_build_filename (dir_b, "client.json", NULL);
  g_assert_true (g_file_set_contents (broken, "{", -1, NULL));
  g_assert_true (g_file_set_contents (details, "not json", -1, NULL));
  age_path (broken);
  age_path (details);
  age_path (dir_a);
  age_path (dir_b);

  again = load_again (f);
  stats = bm_library_get_load_stats (again);
  g_assert_cmpuint (stats->visits_read, ==, 1);
  client = bm_library_lookup (again, id_a);
  g_assert_cmpuint (client->visits->len, ==, 3);
  g_assert_nonnull (((BmVisitInfo *) g_ptr_array_index (client->visits, 2))->error);
  g_assert_true (g_str_has_prefix (((BmVisitInfo *) g_ptr_array_index (client->visits, 2))->error, broken));
  client = bm_library_lookup (again, id_b);
  g_assert_null (client->name);
  g_assert_true (g_str_has_prefix (client->error, details));
  g_assert_cmpuint (client->visits->len, ==, 1);

  /* Mended in place: no folder changed, and yet it is read */
  bm_intake_set_library_link (mended, id_a, "2026-12-01-mended0000");
  bytes = bm_intake_save_bytes (mended);
  overwrite_in_place (broken, g_bytes_get_data (bytes, NULL));
  third = load_again (f);
  stats = bm_library_get_load_stats (third);
  g_assert_true (stats->index_read);
  g_assert_cmpuint (stats->folders_read, ==, 2);
  g_assert_cmpuint (stats->details_read, ==, 1);
  g_assert_cmpuint (stats->visits_read, ==, 1);
  client = bm_library_lookup (third, id_a);
  g_assert_cmpuint (client->visits->len, ==, 3);
  g_assert_null (((BmVisitInfo *) g_ptr_array_index (client->visits, 2))->error);
  g_assert_cmpstr (bm_client_get_latest_visit (client)->date, ==, "2026-12-01");
  g_assert_nonnull (bm_library_lookup (third, id_b)->error);
}

/* In the user's cache folder, private; a cache that cannot be written
 * only means no index */
static void
test_index_private (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id_a = NULL;
  g_autofree char *id_b = NULL;
  g_autofree char *folder = g_build_filename (g_getenv ("XDG_CACHE_HOME"), "bodymap", NULL);
  g_autofree char *index_dir = NULL;
  g_autofree char *base = NULL;
  const char *index_path;

  /* Whatever the folder's mode was, it is made private */
  g_assert_nonnull (g_getenv ("XDG_CACHE_HOME"));
  g_mkdir_with_parents (folder, 0755);
  g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
  make_indexed_library (f, &id_a, &id_b);
  index_path = bm_library_get_index_path (f->library);
  index_dir = g_path_get_dirname (index_path);
  base = g_path_get_basename (index_path);
  g_assert_cmpstr (index_dir, ==, folder);
  g_assert_true (g_str_has_prefix (base, "library-") && g_str_has_suffix (base, ".index"));
  g_assert_cmpuint (mode_of (folder), ==, 0700);
  g_assert_cmpuint (mode_of (index_path), ==, 0600);

  /* Nothing of the index in the library, which other devices share */
  {
    g_autofree char *clients = g_build_filename (f->dir, "clients", NULL);

    g_assert_cmpuint (bm_test_count_entries (f->dir), ==, 2);  /* library.json, clients */
    g_assert_cmpuint (bm_test_count_entries (clients), ==, 2);
  }

  /* Named by a hash of the library's path, not by the path */
  g_assert_null (strstr (base, "Body Map"));

  /* Where the index cannot be written (a folder in its place), the
   * library still loads */
  g_unlink (index_path);
  g_assert_cmpint (g_mkdir (index_path, 0700), ==, 0);
  {
    g_autoptr(BmLibrary) again = load_again (f);

    g_assert_false (bm_library_get_load_stats (again)->index_read);
    g_assert_false (bm_library_get_load_stats (again)->index_written);
    assert_same_library (f->library, again);
  }
  g_assert_cmpint (g_rmdir (index_path), ==, 0);
}

/* Loading in a worker thread */

typedef struct
{
  gboolean  done;
  gboolean  ok;
  gboolean  changed;
  GError   *error;
} Loaded;

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Loaded *loaded = data;

  loaded->ok = bm_library_load_finish (BM_LIBRARY (source), result, &loaded->changed, &loaded->error);
  loaded->done = TRUE;
}

/* Starts an asynchronous load; wait_loaded() waits for it */
static void
load_async (BmLibrary *library,
            Loaded    *loaded)
{
  memset (loaded, 0, sizeof *loaded);
  bm_library_load_async (library, NULL, on_loaded_cb, loaded);
}

static void
wait_loaded (Loaded *loaded)
{
  while (!loaded->done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (loaded->error);
  g_assert_true (loaded->ok);
}

/* The same client files, as another device (or process) sees them */
static BmLibrary *
other_device (Fixture *f)
{
  g_autoptr(GFile) location = g_file_new_for_path (f->dir);

  return bm_library_new (location, NULL);
}

/* Nothing shows until the worker is done; then what it read shows, and
 * whether it changed anything: another device's new client and visit do,
 * a load with nothing new does not */
static void
test_load_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(BmIntake) jo = make_intake ("Jo Bell", 1970, "jo@example.org", "2026-10-01", 4);
  g_autoptr(BmIntake) jo_again = make_intake ("Jo Bell", 1970, "jo@example.org", "2026-11-01", 6);
  g_autoptr(BmIntake) zoe = make_intake ("Zoë Park", 1988, "", "2026-11-02", 2);
  g_autoptr(BmLibrary) device = other_device (f);
  g_autoptr(BmLibrary) library = other_device (f);
  const BmClient *client;
  GPtrArray *clients;
  Loaded loaded;

  g_assert_true (bm_library_file_intake (device, jo, NULL, NULL, NULL));
  g_assert_false (bm_library_get_loaded (library));
  load_async (library, &loaded);
  /* Shown only once finished, in this thread */
  g_assert_false (bm_library_get_loaded (library));
  g_assert_cmpuint (bm_library_get_clients (library)->len, ==, 0);
  wait_loaded (&loaded);
  g_assert_true (loaded.changed);
  g_assert_true (bm_library_get_loaded (library));
  g_assert_cmpuint (bm_library_get_clients (library)->len, ==, 1);
  clients = g_ptr_array_ref (bm_library_get_clients (library));

  load_async (library, &loaded);
  wait_loaded (&loaded);
  g_assert_false (loaded.changed);

  /* Another device: a visit for Jo, and a new client */
  g_assert_true (bm_library_file_intake (device, jo_again, NULL, NULL, NULL));
  g_assert_true (bm_library_file_intake (device, zoe, NULL, NULL, NULL));
  load_async (library, &loaded);
  wait_loaded (&loaded);
  g_assert_true (loaded.changed);
  g_assert_cmpuint (bm_library_get_clients (library)->len, ==, 2);
  client = bm_library_lookup (library, "jo-bell-1970");
  g_assert_nonnull (client);
  g_assert_cmpuint (client->visits->len, ==, 2);
  g_assert_nonnull (bm_library_lookup (library, "zoe-park-1988"));
  /* The array shown before is still whole for whoever kept it */
  g_assert_cmpuint (clients->len, ==, 1);
  g_assert_cmpuint (((const BmClient *) g_ptr_array_index (clients, 0))->visits->len, ==, 1);
  g_ptr_array_unref (clients);
}

/* A load that finishes after a later one was shown is dropped: it may
 * have read the folders before the later one did */
static void
test_load_async_older_dropped (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(BmIntake) jo = make_intake ("Jo Bell", 1970, "jo@example.org", "2026-10-01", 4);
  g_autoptr(BmIntake) zoe = make_intake ("Zoë Park", 1988, "", "2026-11-02", 2);
  g_autoptr(BmLibrary) device = other_device (f);
  g_autoptr(GError) error = NULL;
  Loaded loaded;

  g_assert_true (bm_library_file_intake (device, jo, NULL, NULL, NULL));
  load_async (f->library, &loaded);
  g_assert_true (bm_library_file_intake (device, zoe, NULL, NULL, NULL));
  g_assert_true (bm_library_load (f->library, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bm_library_get_clients (f->library)->len, ==, 2);
  wait_loaded (&loaded);
  g_assert_false (loaded.changed);
  g_assert_cmpuint (bm_library_get_clients (f->library)->len, ==, 2);
  g_assert_nonnull (bm_library_lookup (f->library, "zoe-park-1988"));
}

/* A cancelled load shows nothing: what was shown stays */
static void
test_load_async_cancelled (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(BmIntake) jo = make_intake ("Jo Bell", 1970, "jo@example.org", "2026-10-01", 4);
  g_autoptr(BmIntake) zoe = make_intake ("Zoë Park", 1988, "", "2026-11-02", 2);
  g_autoptr(BmLibrary) device = other_device (f);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Loaded loaded = { 0 };

  g_assert_true (bm_library_file_intake (f->library, jo, NULL, NULL, NULL));
  g_assert_true (bm_library_file_intake (device, zoe, NULL, NULL, NULL));
  bm_library_load_async (f->library, cancellable, on_loaded_cb, &loaded);
  g_cancellable_cancel (cancellable);
  while (!loaded.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (loaded.ok);
  g_assert_error (loaded.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&loaded.error);
  g_assert_false (loaded.changed);
  g_assert_cmpuint (bm_library_get_clients (f->library)->len, ==, 1);
  g_assert_nonnull (bm_library_lookup (f->library, "jo-bell-1970"));
}

/* One client read again after this process wrote to their folder: the
 * others are not read, and stay as they were (the same memory); the next
 * whole load brings the index up to date */
static void
test_load_client (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id_a = NULL;
  g_autofree char *id_b = NULL;
  g_autoptr(BmIntake) a3 = make_intake ("Jo Bell", 1970, "jo@example.org", "2026-12-01", 3);
  g_autoptr(BmLibrary) device = NULL;
  g_autoptr(GError) error = NULL;
  const BmClient *b_before, *a;
  const BmLibraryLoadStats *stats;

  make_indexed_library (f, &id_a, &id_b);
  b_before = bm_library_lookup (f->library, id_b);
  device = other_device (f);
  g_assert_true (bm_library_file_intake (device, a3, NULL, NULL, NULL));

  g_assert_true (bm_library_load_client (f->library, id_a, &error));
  g_assert_no_error (error);
  stats = bm_library_get_load_stats (f->library);
  g_assert_cmpuint (stats->folders_read, ==, 1);
  g_assert_cmpuint (stats->visits_read, ==, 1);
  g_assert_false (stats->index_written);
  a = bm_library_lookup (f->library, id_a);
  g_assert_cmpuint (a->visits->len, ==, 3);
  g_assert_cmpstr (bm_client_get_latest_visit (a)->date, ==, "2026-12-01");
  g_assert_true (bm_library_lookup (f->library, id_b) == b_before);
  g_assert_cmpuint (bm_library_get_clients (f->library)->len, ==, 2);

  /* Nothing changed since, but the index had not heard of it */
  g_assert_true (bm_library_load (f->library, &error));
  g_assert_true (bm_library_get_load_stats (f->library)->index_written);
  {
    g_autoptr(BmLibrary) again = load_again (f);

    assert_same_library (f->library, again);
  }

  /* A folder gone: the client is dropped */
  g_assert_false (bm_library_load_client (f->library, "../x", NULL));
  {
    g_autofree char *dir = g_build_filename (f->dir, "clients", id_b, NULL);

    bm_test_remove_tree (dir);
  }
  g_assert_true (bm_library_load_client (f->library, id_b, &error));
  g_assert_null (bm_library_lookup (f->library, id_b));
  g_assert_cmpuint (bm_library_get_clients (f->library)->len, ==, 1);
}

/* The default library is "Body Map" in the documents folder */
static void
test_default_path (void)
{
  g_autofree char *path = bm_library_dup_default_path ();
  g_autofree char *base = g_path_get_basename (path);

  g_assert_cmpstr (base, ==, "Body Map");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/library/file-and-read", Fixture, NULL, fixture_set_up, test_file_and_read, fixture_tear_down);
  g_test_add ("/library/unlinked-stays-v1", Fixture, NULL, fixture_set_up, test_unlinked_stays_v1, fixture_tear_down);
  g_test_add ("/library/matching", Fixture, NULL, fixture_set_up, test_matching, fixture_tear_down);
  g_test_add ("/library/id-taken", Fixture, NULL, fixture_set_up, test_id_taken, fixture_tear_down);
  g_test_add ("/library/rename", Fixture, NULL, fixture_set_up, test_rename, fixture_tear_down);
  g_test_add ("/library/damaged-and-conflicts", Fixture, NULL, fixture_set_up, test_damaged_and_conflicts,
              fixture_tear_down);
  g_test_add ("/library/resolve-conflict", Fixture, NULL, fixture_set_up, test_resolve_conflict, fixture_tear_down);
  g_test_add ("/library/half-made-client", Fixture, NULL, fixture_set_up, test_half_made_client, fixture_tear_down);
  g_test_add ("/library/missing-and-not-a-folder", Fixture, NULL, fixture_set_up, test_missing_and_not_a_folder,
              fixture_tear_down);
  g_test_add_func ("/library/default-path", test_default_path);
  g_test_add ("/library/index/used", Fixture, NULL, fixture_set_up, test_index_used, index_fixture_tear_down);
  g_test_add ("/library/index/changed-folder", Fixture, NULL, fixture_set_up, test_index_changed_folder,
              index_fixture_tear_down);
  g_test_add ("/library/index/damaged", Fixture, NULL, fixture_set_up, test_index_damaged, index_fixture_tear_down);
  g_test_add ("/library/index/damaged-files", Fixture, NULL, fixture_set_up, test_index_damaged_files,
              index_fixture_tear_down);
  g_test_add ("/library/index/private", Fixture, NULL, fixture_set_up, test_index_private, index_fixture_tear_down);
  g_test_add ("/library/load-async", Fixture, NULL, fixture_set_up, test_load_async, index_fixture_tear_down);
  g_test_add ("/library/load-async/older-dropped", Fixture, NULL, fixture_set_up, test_load_async_older_dropped,
              index_fixture_tear_down);
  g_test_add ("/library/load-async/cancelled", Fixture, NULL, fixture_set_up, test_load_async_cancelled,
              index_fixture_tear_down);
  g_test_add ("/library/load-client", Fixture, NULL, fixture_set_up, test_load_client, index_fixture_tear_down);

  return g_test_run ();
}
