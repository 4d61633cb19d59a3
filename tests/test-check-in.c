/* test-check-in.c: the check-in's core, with no display: the passcode
 * (hash, rate limit, storage), the waiting list, matching and filing, and
 * the intake's check-in fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "bm-advisor.h"
#include "bm-check-ins.h"
#include "bm-intake-io.h"
#include "bm-library.h"
#include "bm-passcode.h"

#include "bm-test-files.h"

static void
assert_hex (const guint8 *bytes,
            gsize         len,
            const char   *hex)
{
  g_autoptr(GString) got = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (got, "%02x", bytes[i]);
  g_assert_cmpstr (got->str, ==, hex);
}

/* RFC 7914, section 11 */
static void
test_pbkdf2_vectors (void)
{
  guint8 out[64];

  bm_pbkdf2_sha256 ((const guint8 *) "passwd", 6, (const guint8 *) "salt", 4, 1, out, sizeof out);
  assert_hex (out, sizeof out,
              "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
              "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
  bm_pbkdf2_sha256 ((const guint8 *) "Password", 8, (const guint8 *) "NaCl", 4, 80000, out, sizeof out);
  assert_hex (out, sizeof out,
              "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
              "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
}

/* Stored as a salted hash only: the passcode is nowhere in the file, two
 * files of one passcode differ, the file is private; the right passcode
 * passes, a wrong one does not */
static void
test_passcode_store (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bm-passcode");
  g_autofree char *path = g_build_filename (dir, "sub", "passcode", NULL);
  g_autofree char *other = g_build_filename (dir, "other", NULL);
  g_autofree char *text = NULL;
  g_autofree char *other_text = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;

  g_assert_false (bm_passcode_is_set (path));
  g_assert_false (bm_passcode_set (path, "123", 1000, &error));
  g_assert_error (error, BM_PASSCODE_ERROR, BM_PASSCODE_ERROR_TOO_SHORT);
  g_clear_error (&error);
  g_assert_false (bm_passcode_is_set (path));

  g_assert_true (bm_passcode_set (path, "4711", 1000, &error));
  g_assert_no_error (error);
  g_assert_true (bm_passcode_is_set (path));
  g_assert_true (bm_passcode_set (other, "4711", 1000, &error));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_file_get_contents (other, &other_text, NULL, NULL));
  g_assert_null (strstr (text, "4711"));
  g_assert_nonnull (strstr (text, "pbkdf2-sha256"));
  g_assert_cmpstr (text, !=, other_text);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (bm_passcode_check (path, "4711", 0, NULL, &error), ==, BM_PASSCODE_RIGHT);
  g_assert_no_error (error);
  g_assert_cmpint (bm_passcode_check (path, "4712", 0, NULL, &error), ==, BM_PASSCODE_WRONG);
  g_assert_no_error (error);
  g_assert_cmpint (bm_passcode_check (path, "", 0, NULL, &error), ==, BM_PASSCODE_WRONG);

  /* The default is slow on purpose */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autofree char *default_text = NULL;

    g_assert_true (bm_passcode_set (other, "4711", 0, &error));
    g_assert_true (g_file_get_contents (other, &default_text, NULL, NULL));
    g_assert_true (json_parser_load_from_data (parser, default_text, -1, NULL));
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), "iterations"),
                     >=, 100000);
  }

  /* A damaged file is said, and never taken for a passcode */
  g_assert_true (g_file_set_contents (path, "{\"format\": \"bodymap-passcode\"}", -1, NULL));
  g_assert_false (bm_passcode_is_set (path));
  g_assert_cmpint (bm_passcode_check (path, "4711", 0, NULL, &error), ==, BM_PASSCODE_WRONG);
  g_assert_error (error, BM_PASSCODE_ERROR, BM_PASSCODE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, path));
  bm_test_remove_tree (dir);
}

/* Three wrong tries, then every try waits, even the right one; the wait
 * doubles, is kept in the file (a restart does not reset it), and a right
 * passcode after the wait clears it */
static void
test_passcode_rate_limit (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bm-passcode");
  g_autofree char *path = g_build_filename (dir, "passcode", NULL);
  gint64 now = 1800000000, wait = -1;

  g_assert_true (bm_passcode_set (path, "2468", 1000, NULL));
  for (int i = 1; i < BM_PASSCODE_FREE_TRIES; i++)
    {
      g_assert_cmpint (bm_passcode_check (path, "0000", now, &wait, NULL), ==, BM_PASSCODE_WRONG);
      g_assert_cmpint (wait, ==, 0);
    }
  g_assert_cmpint (bm_passcode_check (path, "0000", now, &wait, NULL), ==, BM_PASSCODE_WRONG);
  g_assert_cmpint (wait, ==, BM_PASSCODE_FIRST_WAIT);
  /* Locked: the right one waits too */
  g_assert_cmpint (bm_passcode_check (path, "2468", now + 1, &wait, NULL), ==, BM_PASSCODE_LOCKED);
  g_assert_cmpint (wait, ==, BM_PASSCODE_FIRST_WAIT - 1);
  /* After the wait, another wrong try waits twice as long */
  now += BM_PASSCODE_FIRST_WAIT;
  g_assert_cmpint (bm_passcode_check (path, "1111", now, &wait, NULL), ==, BM_PASSCODE_WRONG);
  g_assert_cmpint (wait, ==, 2 * BM_PASSCODE_FIRST_WAIT);
  g_assert_cmpint (bm_passcode_check (path, "2468", now + 5, &wait, NULL), ==, BM_PASSCODE_LOCKED);
  /* Never longer than the longest wait */
  for (int i = 0; i < 20; i++)
    {
      now += BM_PASSCODE_MAX_WAIT;
      bm_passcode_check (path, "1111", now, &wait, NULL);
    }
  g_assert_cmpint (wait, ==, BM_PASSCODE_MAX_WAIT);
  /* Right after the wait: in, and the count is cleared */
  now += BM_PASSCODE_MAX_WAIT;
  g_assert_cmpint (bm_passcode_check (path, "2468", now, &wait, NULL), ==, BM_PASSCODE_RIGHT);
  g_assert_cmpint (bm_passcode_check (path, "0000", now, &wait, NULL), ==, BM_PASSCODE_WRONG);
  g_assert_cmpint (wait, ==, 0);
  bm_test_remove_tree (dir);
}

typedef struct
{
  GMainLoop        *loop;
  BmPasscodeResult  result;
} AsyncCheck;

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncCheck *check = user_data;

  check->result = bm_passcode_check_finish (result, NULL, NULL);
  g_main_loop_quit (check->loop);
}

static void
test_passcode_async (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bm-passcode");
  g_autofree char *path = g_build_filename (dir, "passcode", NULL);
  AsyncCheck check = { g_main_loop_new (NULL, FALSE), BM_PASSCODE_WRONG };

  g_assert_true (bm_passcode_set (path, "97531", 1000, NULL));
  bm_passcode_check_async (path, "97531", NULL, on_checked, &check);
  g_main_loop_run (check.loop);
  g_assert_cmpint (check.result, ==, BM_PASSCODE_RIGHT);
  bm_passcode_check_async (path, "13579", NULL, on_checked, &check);
  g_main_loop_run (check.loop);
  g_assert_cmpint (check.result, ==, BM_PASSCODE_WRONG);
  g_main_loop_unref (check.loop);
  bm_test_remove_tree (dir);
}

/* Allergies, consent and the check-in label are kept in the file */
static void
test_intake_fields (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmIntake) back = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BmPlan) plan = NULL;
  const char *text;

  bm_intake_set_client_name (intake, "Sam Okafor");
  bm_intake_set_allergies (intake, "Nut oils, lanolin");
  bm_intake_set_consent (intake, TRUE);
  bm_intake_set_health (intake, BM_HEALTH_DIABETES | BM_HEALTH_CANCER_TREATMENT);
  g_assert_true (bm_intake_can_undo (intake));
  bm_intake_set_check_in (intake, "incomplete", "2026-12-02T09:15:00+01");
  bytes = bm_intake_save_bytes (intake);
  text = g_bytes_get_data (bytes, NULL);
  g_assert_nonnull (strstr (text, "\"allergies\": \"Nut oils, lanolin\""));
  g_assert_nonnull (strstr (text, "\"consent\": true"));
  g_assert_nonnull (strstr (text, "\"diabetes\""));
  g_assert_nonnull (strstr (text, "\"cancer-treatment\""));
  g_assert_nonnull (strstr (text, "\"status\": \"incomplete\""));
  g_assert_nonnull (strstr (text, "\"version\": 2"));

  back = bm_intake_load_bytes (bytes, "check-in.bodymap", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bm_intake_get_allergies (back), ==, "Nut oils, lanolin");
  g_assert_true (bm_intake_get_consent (back));
  g_assert_cmpuint (bm_intake_get_health (back), ==, BM_HEALTH_DIABETES | BM_HEALTH_CANCER_TREATMENT);
  g_assert_cmpstr (bm_intake_get_check_in_status (back), ==, "incomplete");
  g_assert_cmpstr (bm_intake_get_check_in_submitted (back), ==, "2026-12-02T09:15:00+01");
  g_assert_null (bm_intake_get_client_id (back));

  /* The plan names the allergies for the therapist, and the conditions */
  plan = bm_advise (back);
  {
    gboolean allergies = FALSE, diabetes = FALSE, cancer = FALSE;

    for (guint i = 0; i < plan->warnings->len; i++)
      {
        const BmPlanWarning *w = g_ptr_array_index (plan->warnings, i);

        allergies |= g_str_equal (w->id, "allergies") && strstr (w->message, "Nut oils, lanolin") != NULL;
        diabetes |= g_str_equal (w->id, "diabetes");
        cancer |= g_str_equal (w->id, "cancer-treatment");
      }
    g_assert_true (allergies);
    g_assert_true (diabetes);
    g_assert_true (cancer);
  }

  /* A bad label is refused with a clear error */
  {
    g_autofree char *bad = g_strdup (text);
    char *at = strstr (bad, "incomplete");
    g_autoptr(GBytes) bad_bytes = NULL;
    g_autoptr(BmIntake) none = NULL;

    memcpy (at, "unfinishd", 9);
    memmove (at + 9, at + 10, strlen (at + 10) + 1);
    bad_bytes = g_bytes_new (bad, strlen (bad));
    none = bm_intake_load_bytes (bad_bytes, "check-in.bodymap", &error);
    g_assert_null (none);
    g_assert_nonnull (strstr (error->message, "check_in.status"));
  }
}

static BmIntake *
check_in_intake (const char *name,
                 int         year,
                 const char *email)
{
  BmIntake *intake = bm_intake_new ();
  g_autoptr(BmMark) mark = bm_mark_new ("calf", BM_SIDE_LEFT, 5, BM_SYMPTOM_TIGHT, NULL);

  bm_intake_set_client_name (intake, name);
  bm_intake_set_birth_year (intake, year);
  bm_intake_set_email (intake, email);
  bm_intake_set_visit_date (intake, "2026-12-02");
  bm_intake_set_mark (intake, mark, FALSE);
  bm_intake_set_consent (intake, TRUE);
  return intake;
}

/* The waiting list: submitted files are private and listed oldest first,
 * damaged ones with their error, conflict copies left out; matching says
 * when a match looks off; filing makes a visit and takes it off the list */
static void
test_waiting_list (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bm-check-ins");
  g_autoptr(GFile) location = g_file_new_for_path (dir);
  g_autoptr(BmLibrary) library = bm_library_new (location, NULL);
  g_autoptr(BmIntake) jamie = check_in_intake ("Jamie Rivers", 1994, "jamie@example.org");
  g_autoptr(BmIntake) first = check_in_intake ("Jamie Rivers", 1994, "jamie@example.org");
  g_autoptr(BmIntake) stranger = check_in_intake ("Alex Moreno", 1994, "jamie@example.org");
  g_autoptr(BmIntake) newcomer = check_in_intake ("Noor Haddad", 1988, "");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *jamie_path = NULL;
  g_autofree char *newcomer_path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *conflict = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *visit_path = NULL;
  BmCheckInMatch match = { 0 };
  struct stat st;

  g_assert_true (bm_library_ensure (library, &error));
  list = bm_check_ins_list (library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Jamie is on file from an earlier visit */
  bm_intake_set_visit_date (first, "2026-11-02");
  g_assert_true (bm_library_file_intake (library, first, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (bm_check_ins_submit (library, jamie, TRUE, &jamie_path, &error));
  g_assert_no_error (error);
  g_usleep (1100 * 1000);  /* the names start with the second they were handed in */
  g_assert_true (bm_check_ins_submit (library, newcomer, FALSE, &newcomer_path, &error));
  g_assert_cmpint (g_stat (jamie_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  folder = bm_check_ins_dup_folder (library);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  damaged = g_build_filename (folder, "20260101-000000-deadbeef.bodymap", NULL);
  g_assert_true (g_file_set_contents (damaged, "{ not json", -1, NULL));
  conflict = g_build_filename (folder, "20260101-000000-deadbeef.sync-conflict-20260101-000000-ABCD.bodymap", NULL);
  g_assert_true (g_file_set_contents (conflict, "{}", -1, NULL));

  list = bm_check_ins_list (library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_nonnull (((BmCheckIn *) g_ptr_array_index (list, 0))->error);
  g_assert_nonnull (strstr (((BmCheckIn *) g_ptr_array_index (list, 0))->error, "20260101-000000-deadbeef.bodymap"));
  g_assert_cmpstr (((BmCheckIn *) g_ptr_array_index (list, 1))->name, ==, "Jamie Rivers");
  g_assert_true (((BmCheckIn *) g_ptr_array_index (list, 1))->complete);
  g_assert_cmpuint (((BmCheckIn *) g_ptr_array_index (list, 1))->n_marks, ==, 1);
  g_assert_cmpstr (((BmCheckIn *) g_ptr_array_index (list, 2))->name, ==, "Noor Haddad");
  g_assert_false (((BmCheckIn *) g_ptr_array_index (list, 2))->complete);
  g_assert_nonnull (((BmCheckIn *) g_ptr_array_index (list, 2))->submitted);

  /* Matching: Jamie matches cleanly; the same email under another name
   * matches but looks off; a newcomer matches nobody */
  bm_check_ins_match (library, jamie, &match);
  g_assert_nonnull (match.client);
  g_assert_cmpstr (match.client->name, ==, "Jamie Rivers");
  g_assert_false (match.looks_off);
  bm_check_in_match_clear (&match);
  bm_check_ins_match (library, stranger, &match);
  g_assert_nonnull (match.client);
  g_assert_true (match.looks_off);
  g_assert_cmpstrv (match.reasons, ((const char * const[]) { "A very different name from the one on file", NULL }));
  bm_check_in_match_clear (&match);
  bm_intake_set_birth_year (stranger, 1990);
  bm_intake_set_client_name (stranger, "Jamie Rivers");
  bm_intake_set_email (stranger, "jr@example.com");
  bm_check_ins_match (library, stranger, &match);
  g_assert_null (match.client);
  bm_check_in_match_clear (&match);
  bm_check_ins_match (library, newcomer, &match);
  g_assert_null (match.client);
  g_assert_false (match.looks_off);
  bm_check_in_match_clear (&match);

  /* Filing: a visit of Jamie's, off the list */
  g_assert_true (bm_check_ins_file (library, jamie_path, "jamie-rivers-1994", &client_id, &visit_path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (client_id, ==, "jamie-rivers-1994");
  g_assert_false (g_file_test (jamie_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (visit_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (bm_library_lookup (library, "jamie-rivers-1994")->visits->len, ==, 2);
  {
    g_autoptr(GFile) visit = g_file_new_for_path (visit_path);
    g_autoptr(BmIntake) filed = bm_intake_load_file (visit, &error);

    g_assert_no_error (error);
    g_assert_null (bm_intake_get_check_in_status (filed));
    g_assert_cmpstr (bm_intake_get_client_id (filed), ==, "jamie-rivers-1994");
    g_assert_true (bm_intake_get_consent (filed));
  }
  g_clear_pointer (&client_id, g_free);
  g_clear_pointer (&visit_path, g_free);

  /* A new client, whatever it matches */
  g_assert_true (bm_check_ins_file (library, newcomer_path, NULL, &client_id, &visit_path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (client_id, ==, "noor-haddad-1988");
  g_clear_pointer (&client_id, g_free);
  g_clear_pointer (&visit_path, g_free);

  /* Walked away before giving a name: kept as incomplete, listed, filed
   * only with a client on file */
  {
    g_autoptr(BmIntake) nameless = check_in_intake ("", 0, "");
    g_autofree char *nameless_path = NULL;
    g_autoptr(GPtrArray) waiting = NULL;

    g_assert_true (bm_check_ins_submit (library, nameless, FALSE, &nameless_path, &error));
    g_assert_no_error (error);
    waiting = bm_check_ins_list (library, &error);
    for (guint i = 0; i < waiting->len; i++)
      {
        BmCheckIn *c = g_ptr_array_index (waiting, i);

        if (g_str_equal (c->path, nameless_path))
          {
            g_assert_null (c->error);
            g_assert_cmpstr (c->name, ==, "");
            g_assert_cmpuint (c->n_marks, ==, 1);
          }
      }
    g_assert_false (bm_check_ins_file (library, nameless_path, NULL, NULL, NULL, &error));
    g_assert_nonnull (strstr (error->message, "no name was given"));
    g_clear_error (&error);
    g_assert_true (g_file_test (nameless_path, G_FILE_TEST_EXISTS));
    g_assert_true (bm_check_ins_file (library, nameless_path, "jamie-rivers-1994", NULL, NULL, &error));
    g_assert_no_error (error);
    /* A complete check-in still needs a name */
    {
      g_autoptr(BmIntake) again = check_in_intake ("", 0, "");
      g_autofree char *again_path = NULL;
      g_autoptr(GPtrArray) now = NULL;

      g_assert_true (bm_check_ins_submit (library, again, TRUE, &again_path, &error));
      now = bm_check_ins_list (library, &error);
      for (guint i = 0; i < now->len; i++)
        if (g_str_equal (((BmCheckIn *) g_ptr_array_index (now, i))->path, again_path))
          g_assert_nonnull (((BmCheckIn *) g_ptr_array_index (now, i))->error);
      g_assert_true (bm_check_ins_discard (library, again_path, &error));
    }
  }

  /* An unknown client is an error, and the check-in stays */
  g_assert_false (bm_check_ins_file (library, damaged, "nobody", NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Discard: only files of the list */
  g_assert_false (bm_check_ins_discard (library, visit_path ? visit_path : "/etc/passwd", &error));
  g_clear_error (&error);
  g_assert_true (bm_check_ins_discard (library, damaged, &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = bm_check_ins_list (library, &error);
  g_assert_cmpuint (list->len, ==, 0);
  bm_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/check-in/pbkdf2-vectors", test_pbkdf2_vectors);
  g_test_add_func ("/check-in/passcode/store", test_passcode_store);
  g_test_add_func ("/check-in/passcode/rate-limit", test_passcode_rate_limit);
  g_test_add_func ("/check-in/passcode/async", test_passcode_async);
  g_test_add_func ("/check-in/intake-fields", test_intake_fields);
  g_test_add_func ("/check-in/waiting-list", test_waiting_list);

  return g_test_run ();
}
