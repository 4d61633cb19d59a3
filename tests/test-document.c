/* test-document.c: the document behind a window (file, intake, unsaved
 * changes, draft, debounced plan), with no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "bm-advisor.h"
#include "bm-document.h"
#include "bm-draft.h"
#include "bm-intake-io.h"

#include "bm-test-files.h"

static char *tmp_home;

typedef struct
{
  guint  n_notified;
  gint64 last_us;
} Counter;

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              Counter    *counter)
{
  counter->n_notified++;
  counter->last_us = g_get_monotonic_time ();
}

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until *@n is at least @wanted; FALSE after 5 s */
static gboolean
wait_for_count (const guint *n,
                guint        wanted)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (5000, on_timeout_cb, &timed_out);

  while (!timed_out && *n < wanted)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
wait_for_draft (gboolean exists)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (5000, on_timeout_cb, &timed_out);

  while (!timed_out && bm_draft_exists () != exists)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

static GFile *
copy_example (const char *dir)
{
  g_autofree char *contents = NULL;
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "data", "jamie.bodymap", NULL);
  g_autofree char *path = g_build_filename (dir, "jamie.bodymap", NULL);

  g_assert_true (g_file_get_contents (example, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

static void
mark (BmDocument *document,
      const char *region,
      BmSide      side,
      int         severity)
{
  g_autoptr(BmMark) m = bm_mark_new (region, side, severity, 0, NULL);

  bm_intake_set_mark (bm_document_get_intake (document), m, FALSE);
}

static gboolean
has_marked_item (const BmPlan *plan,
                 const char   *region,
                 BmSide        side)
{
  const BmPlanItem *item = bm_plan_find_item (plan, region, side);

  return item != NULL && item->marked;
}

static char *
dup_advised_json (BmIntake *intake)
{
  g_autoptr(BmPlan) plan = bm_advise (intake);

  return bm_plan_to_json (plan);
}

static void
test_new (void)
{
  g_autoptr(BmDocument) document = bm_document_new ();

  g_assert_nonnull (bm_document_get_intake (document));
  g_assert_null (bm_document_get_file (document));
  g_assert_false (bm_document_get_modified (document));
  g_assert_cmpuint (bm_intake_get_marks (bm_document_get_intake (document))->len, ==, 0);
  g_assert_finalize_object (g_steal_pointer (&document));
}

/* Load, edit, save elsewhere: the file follows, the unsaved state too */
static void
test_load_save (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-document");
  g_autofree char *copy_path = g_build_filename (dir, "copy.bodymap", NULL);
  g_autoptr(GFile) file = copy_example (dir);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autoptr(BmDocument) document = bm_document_new ();
  g_autoptr(BmIntake) saved = NULL;
  g_autoptr(GError) error = NULL;
  Counter modified = { 0 }, file_changed = { 0 };

  g_signal_connect (document, "notify::modified", G_CALLBACK (on_notify_cb), &modified);
  g_signal_connect (document, "notify::file", G_CALLBACK (on_notify_cb), &file_changed);

  g_assert_true (bm_document_load (document, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_equal (bm_document_get_file (document), file));
  g_assert_cmpstr (bm_intake_get_client_name (bm_document_get_intake (document)), ==, "Jamie Rivers");
  g_assert_false (bm_document_get_modified (document));
  g_assert_cmpuint (file_changed.n_notified, ==, 1);

  modified.n_notified = 0;
  mark (document, "neck", BM_SIDE_CENTER, 4);
  g_assert_true (bm_document_get_modified (document));
  g_assert_cmpuint (modified.n_notified, ==, 1);

  g_assert_true (bm_document_save (document, copy, &error));
  g_assert_no_error (error);
  g_assert_false (bm_document_get_modified (document));
  g_assert_cmpuint (modified.n_notified, ==, 2);
  g_assert_true (g_file_equal (bm_document_get_file (document), copy));
  saved = bm_intake_load_file (copy, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bm_intake_get_mark (saved, "neck", BM_SIDE_CENTER));

  g_assert_finalize_object (g_steal_pointer (&document));
  bm_test_remove_tree (dir);
}

/* Two windows (or devices) on one file: the second save sees the first,
 * and nothing is lost until the user chooses */
static void
test_changed_since_opened (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-document");
  g_autoptr(GFile) file = copy_example (dir);
  g_autoptr(BmDocument) first = bm_document_new ();
  g_autoptr(BmDocument) second = bm_document_new ();
  g_autoptr(BmIntake) on_disk = NULL;
  g_autoptr(GError) error = NULL;
  struct utimbuf later = { 0 };

  g_assert_true (bm_document_load (first, file, NULL));
  g_assert_true (bm_document_load (second, file, NULL));
  mark (first, "neck", BM_SIDE_CENTER, 4);
  mark (second, "calf", BM_SIDE_RIGHT, 7);
  g_assert_true (bm_document_save (first, file, &error));
  g_assert_no_error (error);
  /* Coarse file systems: the other save lands a second later */
  later.actime = later.modtime = time (NULL) + 2;
  g_utime (g_file_peek_path (file), &later);

  g_assert_false (bm_document_save (second, file, &error));
  g_assert_error (error, BM_DOCUMENT_ERROR, BM_DOCUMENT_ERROR_CHANGED);
  g_assert_true (g_str_has_prefix (error->message, "jamie.bodymap: "));
  g_clear_error (&error);
  /* Nothing lost: the first save is on disk, the second still modified */
  on_disk = bm_intake_load_file (file, NULL);
  g_assert_nonnull (bm_intake_get_mark (on_disk, "neck", BM_SIDE_CENTER));
  g_assert_true (bm_document_get_modified (second));

  /* Overwrite, when asked */
  g_assert_true (bm_document_overwrite (second, file, &error));
  g_assert_no_error (error);
  g_clear_object (&on_disk);
  on_disk = bm_intake_load_file (file, NULL);
  g_assert_nonnull (bm_intake_get_mark (on_disk, "calf", BM_SIDE_RIGHT));
  /* And saving again after that is not a conflict */
  mark (second, "neck", BM_SIDE_CENTER, 2);
  g_assert_true (bm_document_save (second, file, &error));
  g_assert_no_error (error);

  bm_test_remove_tree (dir);
}

/* A file that cannot be read or written leaves the document as it was */
static void
test_errors_keep_document (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-document");
  g_autofree char *bad_path = g_build_filename (dir, "bad.bodymap", NULL);
  g_autofree char *unwritable_path = g_build_filename (dir, "no-such-folder", "x.bodymap", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GFile) unwritable = g_file_new_for_path (unwritable_path);
  g_autoptr(BmDocument) document = bm_document_new ();
  g_autoptr(GError) error = NULL;
  BmIntake *before = bm_document_get_intake (document);

  g_assert_true (g_file_set_contents (bad_path, "{ not json", -1, NULL));
  g_assert_false (bm_document_load (document, bad, &error));
  g_assert_error (error, BM_INTAKE_ERROR, BM_INTAKE_ERROR_SYNTAX);
  g_clear_error (&error);
  g_assert_true (bm_document_get_intake (document) == before);
  g_assert_null (bm_document_get_file (document));

  bm_intake_set_client_name (before, "Sam");
  g_assert_false (bm_document_save (document, unwritable, &error));
  g_assert_nonnull (error);
  g_assert_null (bm_document_get_file (document));
  g_assert_true (bm_document_get_modified (document));

  bm_document_clear_draft (document);
  g_assert_finalize_object (g_steal_pointer (&document));
  bm_test_remove_tree (dir);
}

/* A change reaches the draft within the delay; saving removes it; the
 * draft gives the document back, with its file */
static void
test_draft (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-document");
  g_autoptr(GFile) file = copy_example (dir);
  g_autoptr(BmDocument) document = bm_document_new ();
  g_autoptr(BmDocument) restored = bm_document_new ();
  g_autoptr(GError) error = NULL;
  gint64 start;

  bm_draft_clear ();
  g_assert_true (bm_document_load (document, file, NULL));
  mark (document, "shin", BM_SIDE_RIGHT, 6);
  g_assert_false (bm_draft_exists ());
  start = g_get_monotonic_time ();
  g_assert_true (wait_for_draft (TRUE));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, (BM_DOCUMENT_DRAFT_DELAY_MS - 1) * 1000);

  g_assert_true (bm_document_restore_draft (restored, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_equal (bm_document_get_file (restored), file));
  g_assert_nonnull (bm_intake_get_mark (bm_document_get_intake (restored), "shin", BM_SIDE_RIGHT));
  g_assert_true (bm_document_get_modified (restored));
  /* Given up by the restored one: the draft goes */
  bm_intake_set_modified (bm_document_get_intake (restored), FALSE);
  g_assert_false (bm_draft_exists ());
  g_assert_finalize_object (g_steal_pointer (&restored));

  /* A later change writes it again; saving removes it */
  mark (document, "knee", BM_SIDE_LEFT, 2);
  g_assert_true (wait_for_draft (TRUE));
  g_assert_true (bm_document_save (document, file, &error));
  g_assert_no_error (error);
  g_assert_false (bm_draft_exists ());

  /* Given up: no draft, and none written later */
  mark (document, "calf", BM_SIDE_LEFT, 3);
  bm_intake_set_modified (bm_document_get_intake (document), FALSE);
  run_for (BM_DOCUMENT_DRAFT_DELAY_MS + 200);
  g_assert_false (bm_draft_exists ());

  g_assert_finalize_object (g_steal_pointer (&document));
  bm_test_remove_tree (dir);
}

/* Several quick changes give one new plan, after the delay, and it is the
 * advisor's plan of the intake as it now is */
static void
test_plan_debounced (void)
{
  g_autoptr(BmDocument) document = bm_document_new ();
  g_autofree char *before_json = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *expected = NULL;
  const BmPlan *before;
  const BmPlan *after;
  Counter plan_changed = { 0 };
  gint64 changed_us;

  before = bm_document_get_plan (document);
  g_assert_nonnull (before);
  g_assert_false (has_marked_item (before, "it-band", BM_SIDE_LEFT));
  before_json = bm_plan_to_json (before);
  g_signal_connect (document, "notify::plan", G_CALLBACK (on_notify_cb), &plan_changed);

  changed_us = g_get_monotonic_time ();
  mark (document, "it-band", BM_SIDE_LEFT, 3);
  mark (document, "it-band", BM_SIDE_LEFT, 5);
  bm_intake_set_client_name (bm_document_get_intake (document), "Sam");
  mark (document, "calf", BM_SIDE_RIGHT, 4);

  /* Not yet */
  g_assert_cmpuint (plan_changed.n_notified, ==, 0);
  g_assert_true (bm_document_get_plan (document) == before);
  {
    g_autofree char *still = bm_plan_to_json (bm_document_get_plan (document));
    g_assert_cmpstr (still, ==, before_json);
  }

  /* Once, after the delay */
  g_assert_true (wait_for_count (&plan_changed.n_notified, 1));
  g_assert_cmpint (plan_changed.last_us - changed_us, >=, (BM_DOCUMENT_PLAN_DELAY_MS - 1) * 1000);
  run_for (BM_DOCUMENT_PLAN_DELAY_MS * 4);
  g_assert_cmpuint (plan_changed.n_notified, ==, 1);

  after = bm_document_get_plan (document);
  g_assert_true (has_marked_item (after, "it-band", BM_SIDE_LEFT));
  g_assert_true (has_marked_item (after, "calf", BM_SIDE_RIGHT));
  shown = bm_plan_to_json (after);
  expected = dup_advised_json (bm_document_get_intake (document));
  g_assert_cmpstr (shown, ==, expected);
  g_assert_cmpstr (shown, !=, before_json);

  bm_document_clear_draft (document);
  g_assert_finalize_object (g_steal_pointer (&document));
}

/* Print and export need the plan of the intake as it is now */
static void
test_plan_ensure (void)
{
  g_autoptr(BmDocument) document = bm_document_new ();
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  Counter plan_changed = { 0 };

  bm_document_get_plan (document);
  g_signal_connect (document, "notify::plan", G_CALLBACK (on_notify_cb), &plan_changed);
  mark (document, "hamstrings", BM_SIDE_LEFT, 6);

  got = bm_plan_to_json (bm_document_ensure_plan (document));
  expected = dup_advised_json (bm_document_get_intake (document));
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpuint (plan_changed.n_notified, ==, 1);

  /* Nothing left waiting */
  run_for (BM_DOCUMENT_PLAN_DELAY_MS * 3);
  g_assert_cmpuint (plan_changed.n_notified, ==, 1);

  bm_document_clear_draft (document);
  g_assert_finalize_object (g_steal_pointer (&document));
}

/* Another intake (opened, new, restored): its plan at once */
static void
test_plan_new_intake (void)
{
  g_autoptr(BmDocument) document = bm_document_new ();
  g_autoptr(BmIntake) other = bm_intake_new ();
  g_autoptr(BmMark) glutes = bm_mark_new ("glutes", BM_SIDE_RIGHT, 5, BM_SYMPTOM_KNOT, NULL);
  Counter plan_changed = { 0 };

  bm_intake_set_mark (other, glutes, FALSE);
  bm_intake_set_modified (other, FALSE);
  g_assert_false (has_marked_item (bm_document_get_plan (document), "glutes", BM_SIDE_RIGHT));
  g_signal_connect (document, "notify::plan", G_CALLBACK (on_notify_cb), &plan_changed);

  bm_document_set_intake (document, other);
  g_assert_cmpuint (plan_changed.n_notified, ==, 1);
  g_assert_true (has_marked_item (bm_document_get_plan (document), "glutes", BM_SIDE_RIGHT));

  bm_document_reset (document);
  g_assert_cmpuint (plan_changed.n_notified, ==, 2);
  g_assert_true (bm_document_get_intake (document) != other);
  g_assert_false (bm_document_get_modified (document));
  {
    g_autofree char *got = bm_plan_to_json (bm_document_get_plan (document));
    g_autofree char *expected = dup_advised_json (bm_document_get_intake (document));
    g_autofree char *other_json = dup_advised_json (other);

    g_assert_cmpstr (got, ==, expected);
    g_assert_cmpstr (got, !=, other_json);
  }

  g_assert_finalize_object (g_steal_pointer (&document));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* Never the user's real data folder */
  tmp_home = bm_test_make_temp_dir ("bodymap-document-home");
  g_setenv ("XDG_DATA_HOME", tmp_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/new", test_new);
  g_test_add_func ("/document/load-save", test_load_save);
  g_test_add_func ("/document/changed-since-opened", test_changed_since_opened);
  g_test_add_func ("/document/errors-keep-document", test_errors_keep_document);
  g_test_add_func ("/document/draft", test_draft);
  g_test_add_func ("/document/plan/debounced", test_plan_debounced);
  g_test_add_func ("/document/plan/ensure", test_plan_ensure);
  g_test_add_func ("/document/plan/new-intake", test_plan_new_intake);

  ret = g_test_run ();

  bm_draft_clear ();
  bm_test_remove_tree (tmp_home);
  g_free (tmp_home);
  return ret;
}
