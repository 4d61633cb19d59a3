/* test-window.c: documents in the window (open, save, the unsaved-changes
 * guard, the draft), under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bm-body-map.h"
#include "bm-document.h"
#include "bm-draft.h"
#include "bm-legend.h"
#include "bm-marks-list.h"
#include "bm-widget-util.h"
#include "bm-intake-io.h"
#include "bm-advisor.h"
#include "bm-plan-view.h"
#include "bm-therapist.h"
#include "bm-window.h"

#include "bm-test-files.h"
#include "bm-test-gui.h"
#include "bm-test-plans.h"

typedef struct
{
  BmWindow *window;
  char     *dir;
} Fixture;

/* gtk_window_destroy() drops the window from the toplevels; our own
 * reference keeps the object alive for g_assert_finalize_object() */
static gboolean
is_open (GtkWindow *window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  return g_list_find (toplevels, window) != NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = bm_test_make_temp_dir ("bodymap-window");
  f->window = bm_window_new (NULL);
  g_object_ref_sink (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  bm_test_iterate ();
  bm_draft_clear ();
}

static void
close_dialogs (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
  bm_test_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_dialogs ();
  if (is_open (GTK_WINDOW (f->window)))
    gtk_window_destroy (GTK_WINDOW (f->window));
  bm_test_iterate ();
  g_assert_finalize_object (f->window);

  bm_test_remove_tree (f->dir);
  g_free (f->dir);
  bm_draft_clear ();
}

static GFile *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

static GFile *
copy_example (Fixture *f)
{
  g_autofree char *contents = NULL;
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "data", "jamie.bodymap", NULL);

  g_assert_true (g_file_get_contents (example, &contents, NULL, NULL));
  return write_file (f, "jamie.bodymap", contents);
}

static void
mark (BmWindow   *window,
      const char *region,
      BmSide      side)
{
  g_autoptr(BmMark) m = bm_mark_new (region, side, 5, 0, NULL);

  bm_intake_set_mark (bm_window_get_intake (window), m, FALSE);
}

static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GFile) file = copy_example (f);
  BmIntake *intake;

  bm_window_open (f->window, file);
  bm_test_iterate ();

  intake = bm_window_get_intake (f->window);
  g_assert_cmpstr (bm_intake_get_client_name (intake), ==, "Jamie Rivers");
  g_assert_nonnull (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT));
  g_assert_true (g_file_equal (bm_window_get_file (f->window), file));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Jamie Rivers — Body Map");

  /* An edit shows in the title */
  mark (f->window, "neck", BM_SIDE_CENTER);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "• Jamie Rivers — Body Map");
}

static void
test_open_bad_keeps_document (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GFile) bad = write_file (f, "bad.bodymap",
                                     "{\"format\": \"bodymap-intake\", \"version\": 1,\n"
                                     " \"client\": {\"name\": \"X\"}, \"visit_date\": \"2026-11-23\",\n"
                                     " \"marks\": [{\"region\": \"calf\", \"side\": \"left\", \"severity\": 15}]}\n");
  BmIntake *before;
  AdwMessageDialog *dialog;

  mark (f->window, "calf", BM_SIDE_RIGHT);
  bm_intake_set_modified (bm_window_get_intake (f->window), FALSE);
  before = bm_window_get_intake (f->window);

  bm_window_open (f->window, bad);
  bm_test_iterate ();

  /* The error names the file and the problem */
  dialog = bm_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open the File");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "bad.bodymap: marks[0].severity: must be 0-10, got 15");

  /* The open document is untouched */
  g_assert_true (bm_window_get_intake (f->window) == before);
  g_assert_nonnull (bm_intake_get_mark (before, "calf", BM_SIDE_RIGHT));
  g_assert_null (bm_window_get_file (f->window));
}

static void
test_guard_cancel_and_discard (Fixture       *f,
                               gconstpointer  data)
{
  AdwMessageDialog *dialog;

  mark (f->window, "calf", BM_SIDE_LEFT);

  /* Closing with unsaved work asks first */
  gtk_window_close (GTK_WINDOW (f->window));
  bm_test_iterate ();
  g_assert_true (is_open (GTK_WINDOW (f->window)));
  dialog = bm_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));

  adw_message_dialog_response (dialog, "cancel");
  close_dialogs ();
  g_assert_true (is_open (GTK_WINDOW (f->window)));
  g_assert_nonnull (bm_intake_get_mark (bm_window_get_intake (f->window), "calf", BM_SIDE_LEFT));

  /* New with unsaved work asks too; Discard goes on */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL);
  bm_test_iterate ();
  dialog = bm_test_find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  close_dialogs ();
  g_assert_null (bm_intake_get_mark (bm_window_get_intake (f->window), "calf", BM_SIDE_LEFT));

  /* Nothing unsaved: closes at once */
  g_assert_false (bm_intake_get_modified (bm_window_get_intake (f->window)));
  gtk_window_close (GTK_WINDOW (f->window));
  bm_test_iterate ();
  g_assert_false (is_open (GTK_WINDOW (f->window)));
}

static void
test_guard_save (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GFile) file = copy_example (f);
  g_autoptr(BmIntake) saved = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  bm_window_open (f->window, file);
  bm_test_iterate ();
  mark (f->window, "hamstrings", BM_SIDE_LEFT);

  gtk_window_close (GTK_WINDOW (f->window));
  bm_test_iterate ();
  dialog = bm_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes to “Jamie Rivers”?");
  adw_message_dialog_response (dialog, "save");
  bm_test_iterate ();

  /* Saved, then closed */
  g_assert_false (is_open (GTK_WINDOW (f->window)));
  saved = bm_intake_load_file (file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bm_intake_get_mark (saved, "hamstrings", BM_SIDE_LEFT));
}

static void
test_save (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GFile) file = copy_example (f);

  bm_window_open (f->window, file);
  bm_test_iterate ();
  mark (f->window, "knee", BM_SIDE_RIGHT);
  g_assert_true (bm_intake_get_modified (bm_window_get_intake (f->window)));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL);
  bm_test_iterate ();
  g_assert_false (bm_intake_get_modified (bm_window_get_intake (f->window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Jamie Rivers — Body Map");
}

/* A save that fails says so, and the window still remembers its size and
 * the last folder afterwards */
static void
test_save_failure_keeps_settings (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *gone_dir = g_build_filename (f->dir, "gone", NULL);
  g_autofree char *gone_path = g_build_filename (gone_dir, "jamie.bodymap", NULL);
  g_autofree char *other_dir = g_build_filename (f->dir, "other", NULL);
  g_autoptr(GFile) gone = g_file_new_for_path (gone_path);
  g_autoptr(GFile) other = NULL;
  g_autoptr(GFile) other_folder = g_file_new_for_path (other_dir);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *other_uri = g_file_get_uri (other_folder);
  g_autofree char *last = NULL;
  AdwMessageDialog *dialog;

  g_assert_cmpint (g_mkdir_with_parents (gone_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (other_dir, 0700), ==, 0);
  {
    g_autofree char *contents = NULL;
    g_autofree char *example = g_test_build_filename (G_TEST_DIST, "data", "jamie.bodymap", NULL);
    g_autofree char *other_path = g_build_filename (other_dir, "jamie.bodymap", NULL);

    g_assert_true (g_file_get_contents (example, &contents, NULL, NULL));
    g_assert_true (g_file_set_contents (gone_path, contents, -1, NULL));
    g_assert_true (g_file_set_contents (other_path, contents, -1, NULL));
    other = g_file_new_for_path (other_path);
  }

  /* The folder goes away under the open document: its save fails */
  bm_window_open (f->window, gone);
  bm_test_iterate ();
  bm_test_remove_tree (gone_dir);
  mark (f->window, "knee", BM_SIDE_LEFT);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL);
  bm_test_iterate ();
  dialog = bm_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Save");
  close_dialogs ();
  g_assert_true (bm_intake_get_modified (bm_window_get_intake (f->window)));

  /* The last folder is still remembered */
  bm_intake_set_modified (bm_window_get_intake (f->window), FALSE);
  bm_window_open (f->window, other);
  bm_test_iterate ();
  g_assert_true (g_file_equal (bm_window_get_file (f->window), other));
  last = g_settings_get_string (settings, "last-folder");
  g_assert_cmpstr (last, ==, other_uri);

  /* And the size it is closed at */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 913, 707);
  gtk_window_close (GTK_WINDOW (f->window));
  bm_test_iterate ();
  g_assert_false (is_open (GTK_WINDOW (f->window)));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 913);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 707);
}

/* Every change reaches the draft within a second; saving removes it */
static void
test_draft (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GFile) file = copy_example (f);
  g_autoptr(BmIntake) draft = NULL;
  g_autoptr(GFile) origin = NULL;
  g_autoptr(GError) error = NULL;
  gboolean timed_out = FALSE;
  gint64 start;
  guint id;

  bm_window_open (f->window, file);
  bm_test_iterate ();
  g_assert_false (bm_draft_exists ());

  /* Not at once, and not pushed back by more changes: the changes of a
   * burst are all in the draft within the delay */
  start = g_get_monotonic_time ();
  mark (f->window, "shin", BM_SIDE_RIGHT);
  g_assert_false (bm_draft_exists ());
  bm_test_run_for (BM_DOCUMENT_DRAFT_DELAY_MS / 2);
  mark (f->window, "knee", BM_SIDE_LEFT);
  g_assert_false (bm_draft_exists ());
  id = g_timeout_add (2000, bm_test_on_timeout, &timed_out);
  while (!timed_out && !bm_draft_exists ())
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, (BM_DOCUMENT_DRAFT_DELAY_MS - 1) * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, (BM_DOCUMENT_DRAFT_DELAY_MS + BM_DOCUMENT_DRAFT_DELAY_MS / 2) * 1000);
  draft = bm_draft_read (&origin, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bm_intake_get_mark (draft, "shin", BM_SIDE_RIGHT));
  g_assert_nonnull (bm_intake_get_mark (draft, "knee", BM_SIDE_LEFT));
  g_assert_true (g_file_equal (origin, file));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL);
  bm_test_iterate ();
  g_assert_false (bm_draft_exists ());
}

static void
test_offer_draft (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmMark) m = bm_mark_new ("glutes", BM_SIDE_LEFT, 7, BM_SYMPTOM_KNOT, NULL);
  AdwMessageDialog *dialog;

  bm_intake_set_client_name (intake, "Sam");
  bm_intake_set_mark (intake, m, FALSE);
  g_assert_true (bm_draft_write (intake, NULL, NULL));

  bm_window_offer_draft (f->window);
  bm_test_iterate ();
  dialog = bm_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Restore Unsaved Work?");
  /* Whoever is at the computer now may not be Sam's therapist */
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "Sam"));
  adw_message_dialog_response (dialog, "restore");
  close_dialogs ();

  g_assert_cmpstr (bm_intake_get_client_name (bm_window_get_intake (f->window)), ==, "Sam");
  g_assert_true (bm_mark_equal (bm_intake_get_mark (bm_window_get_intake (f->window), "glutes", BM_SIDE_LEFT), m));
  g_assert_true (bm_intake_get_modified (bm_window_get_intake (f->window)));
  bm_intake_set_modified (bm_window_get_intake (f->window), FALSE);
}

static void
test_offer_damaged_draft (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *dir = bm_draft_dup_dir ();
  g_autofree char *path = g_build_filename (dir, "draft.bodymap", NULL);
  AdwMessageDialog *dialog;

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, "{ not json", -1, NULL));

  /* The app goes on, and says what happened */
  bm_window_offer_draft (f->window);
  bm_test_iterate ();
  dialog = bm_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Unsaved Work Lost");
  g_assert_false (bm_draft_exists ());
}

/* A row of the plan panel by its title */
static AdwPreferencesRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_PREFERENCES_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      AdwPreferencesRow *row = find_row (child, title);
      if (row)
        return row;
    }
  return NULL;
}

static void
on_plan_notify_cb (GObject    *object,
                   GParamSpec *pspec,
                   guint      *n)
{
  (*n)++;
}

/* Runs the main loop until the document of @window has a new plan */
static void
wait_for_new_plan (BmWindow *window)
{
  BmDocument *document = bm_window_get_document (window);
  gboolean timed_out = FALSE;
  guint n = 0;
  gulong handler = g_signal_connect (document, "notify::plan", G_CALLBACK (on_plan_notify_cb), &n);
  guint id = g_timeout_add (5000, bm_test_on_timeout, &timed_out);

  while (!timed_out && n == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  g_signal_handler_disconnect (document, handler);
}

/* The plan panel follows the map as the client marks */
static void
test_plan_follows_marks (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *view = bm_window_get_plan_view (f->window);
  const BmPlan *plan;
  AdwPreferencesRow *row;

  plan = bm_plan_view_get_plan (BM_PLAN_VIEW (view));
  g_assert_nonnull (plan);
  g_assert_null (find_row (view, "Left IT band"));

  /* A burst of changes: the plan waits for the end of it, then shows
   * once */
  mark (f->window, "it-band", BM_SIDE_LEFT);
  mark (f->window, "neck", BM_SIDE_CENTER);
  bm_intake_remove_mark (bm_window_get_intake (f->window), "neck", BM_SIDE_CENTER);
  g_assert_true (bm_plan_view_get_plan (BM_PLAN_VIEW (view)) == plan);
  g_assert_null (find_row (view, "Left IT band"));
  wait_for_new_plan (f->window);
  plan = bm_plan_view_get_plan (BM_PLAN_VIEW (view));
  g_assert_true (plan == bm_document_get_plan (bm_window_get_document (f->window)));
  row = find_row (view, "Left IT band");
  g_assert_nonnull (row);
  /* The areas that pull on it come with it */
  g_assert_nonnull (find_row (view, "Left outer hip (TFL)"));
  g_assert_nonnull (find_row (view, "Left glutes"));
  g_assert_true (bm_test_shows_label (GTK_WIDGET (row), "Supporting area") == FALSE);

  /* Unmarking takes it away again */
  bm_intake_undo (bm_window_get_intake (f->window));
  bm_intake_undo (bm_window_get_intake (f->window));
  bm_intake_undo (bm_window_get_intake (f->window));
  wait_for_new_plan (f->window);
  g_assert_null (find_row (view, "Left IT band"));
}

static void
test_plan_warnings (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *view = bm_window_get_plan_view (f->window);
  g_autoptr(BmMark) calf = bm_mark_new ("calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_SWOLLEN | BM_SYMPTOM_SORE, NULL);

  bm_intake_set_mark (bm_window_get_intake (f->window), calf, FALSE);
  bm_test_run_for (200);
  bm_plan_view_get_plan (BM_PLAN_VIEW (view));
  /* A possible clot: the warning is there, in words, naming the calf */
  g_assert_true (bm_test_shows_label (view, "Postpone the massage: Left calf") ||
                 bm_test_shows_label (view, "See a physiotherapist or doctor first: Left calf"));

  bm_intake_set_health (bm_window_get_intake (f->window), BM_HEALTH_FEVER);
  bm_test_run_for (200);
  bm_plan_view_get_plan (BM_PLAN_VIEW (view));
  g_assert_true (bm_test_shows_label (view, "Postpone the massage"));
  bm_intake_set_modified (bm_window_get_intake (f->window), FALSE);
}

/* The therapist's change shows in the plan and is kept in the file */
static void
test_plan_therapist (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = copy_example (f);
  g_autoptr(BmIntake) saved = NULL;
  GtkWidget *view = bm_window_get_plan_view (f->window);
  AdwPreferencesRow *row;
  const BmPlan *plan;

  bm_window_open (f->window, file);
  bm_test_iterate ();
  bm_therapist_set_item_minutes (bm_window_get_intake (f->window), "calf", BM_SIDE_LEFT, 22);
  wait_for_new_plan (f->window);
  plan = bm_plan_view_get_plan (BM_PLAN_VIEW (view));
  row = find_row (view, "Left calf");
  g_assert_nonnull (row);
  /* The panel shows the document's plan, which is what the advisor now
   * gives for the document's intake, the therapist's change in it */
  g_assert_true (plan == bm_document_get_plan (bm_window_get_document (f->window)));
  g_assert_cmpint (bm_plan_find_item (plan, "calf", BM_SIDE_LEFT)->minutes, ==, 22);
  {
    g_autoptr(BmPlan) direct = bm_advise (bm_window_get_intake (f->window));
    g_autofree char *expected = bm_plan_to_json (direct);
    g_autofree char *shown = bm_plan_to_json (plan);

    g_assert_cmpstr (shown, ==, expected);
  }
  /* An adjustment is a change to save */
  g_assert_true (bm_intake_get_modified (bm_window_get_intake (f->window)));
  g_assert_true (g_str_has_prefix (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "Changed by the therapist"));
  g_assert_true (bm_test_shows_label (GTK_WIDGET (row), "22 min"));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL);
  bm_test_iterate ();
  saved = bm_intake_load_file (file, NULL);
  g_assert_nonnull (saved);
  {
    g_autoptr(BmPlan) reread = bm_advise (saved);
    const BmPlanItem *item = bm_plan_find_item (reread, "calf", BM_SIDE_LEFT);

    g_assert_nonnull (item);
    g_assert_cmpint (item->minutes, ==, 22);
    g_assert_true (item->therapist);
  }
}

/* The Plan page on its own, in a phone-sized window */
static GtkWidget *
show_plan_view (BmIntake     *intake,
                const BmPlan *plan,
                GtkWindow   **window)
{
  g_autoptr(BmDocument) document = bm_document_new ();
  GtkWidget *view = bm_plan_view_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  *window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (*window);
  gtk_window_set_default_size (*window, 360, 900);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_window_set_child (*window, scrolled);
  bm_document_set_intake (document, intake);
  bm_plan_view_set_document (BM_PLAN_VIEW (view), document);
  bm_plan_view_show_plan (BM_PLAN_VIEW (view), plan);
  gtk_window_present (*window);
  bm_test_wait_for_size (view, 300);
  return view;
}

static void
close_plan_view (GtkWindow *window)
{
  gtk_window_destroy (window);
  bm_test_iterate ();
  g_assert_finalize_object (window);
}

/* To look at the page: BM_TEST_SCREENSHOTS=folder, whole height */
static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("BM_TEST_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (dir == NULL)
    return;
  bm_test_run_for (100);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.98, 0.98, 0.98, 1 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static const char *
row_subtitle (GtkWidget  *view,
              const char *title)
{
  AdwPreferencesRow *row = find_row (view, title);

  if (row == NULL)
    g_error ("no row “%s” on the Plan page", title);
  if (ADW_IS_EXPANDER_ROW (row))
    return adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static guint
count_labels (GtkWidget  *widget,
              const char *prefix)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
      g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix))
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_labels (child, prefix);
  return n;
}

/* The first visible widget of @type inside @root whose "bm-warning-id" is @id */
static GtkWidget *
find_warning_control (GtkWidget  *root,
                      GType       type,
                      const char *id)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_visible (root) &&
      g_strcmp0 (g_object_get_data (G_OBJECT (root), "bm-warning-id"), id) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_warning_control (child, type, id);

      if (found)
        return found;
    }
  return NULL;
}

/* Each row makes sense on its own; the facts of issue 11 are all there */
static void
test_plan_view_safety (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmPlan) plan = bm_test_make_safety_plan ();
  GtkWindow *window;
  GtkWidget *view = show_plan_view (intake, plan, &window);
  AdwPreferencesRow *row;

  save_screenshot (view, "plan-safety.png");

  g_assert_cmpstr (row_subtitle (view, "Left outer hip (TFL)"), ==, "Supports: Left IT band\nSwedish");
  g_assert_cmpstr (row_subtitle (view, "Right hamstrings"), ==, "General maintenance\nSwedish");
  g_assert_cmpstr (row_subtitle (view, "Right upper back (rhomboids)"), ==, "Added by the therapist\nSwedish");
  g_assert_cmpstr (row_subtitle (view, "Left IT band"), ==, "Myofascial release, Swedish");
  g_assert_true (bm_test_shows_label (GTK_WIDGET (find_row (view, "Left IT band")), "15 min"));

  /* Left out: said so, with its severity and the minutes it freed, and
   * it can be put back */
  row = find_row (view, "Left glutes");
  g_assert_cmpstr (row_subtitle (view, "Left glutes"), ==,
                   "Left out by the therapist\nSeverity 5/10\n12 min freed");
  g_assert_nonnull (bm_test_find_button (GTK_WIDGET (row), "_Put Back in the Plan"));
  g_assert_null (bm_test_find_button (GTK_WIDGET (row), "_Leave Out of the Plan"));

  /* Not worked today: said so, with no minutes */
  row = find_row (view, "Right shin");
  g_assert_cmpstr (row_subtitle (view, "Right shin"), ==, "Not worked today");
  g_assert_false (bm_test_shows_label (GTK_WIDGET (row), "0 min"));
  g_assert_false (bm_test_shows_label (view, "Supporting area"));

  /* The session's facts */
  g_assert_cmpstr (row_subtitle (view, "Length"), ==,
                   "48 of 60 minutes planned\nIncludes the 10 min assessment\n12 minutes not planned yet");
  g_assert_cmpstr (row_subtitle (view, "Do not touch"), ==, "Foot (top), Neck");
  g_assert_cmpstr (row_subtitle (view, "Next visit"), ==,
                   "In about 4 days (Mon 7 Dec)\nA light session a few days before the race.\n"
                   "Before your race: a light session in 3 days (Sun 6 Dec)\n"
                   "After your race: a recovery session in 9 days (Sat 12 Dec)");
  g_assert_cmpstr (row_subtitle (view, "Race timing"), ==,
                   "Next race in 6 days\nLight work only this close to the race.");
  g_assert_cmpstr (row_subtitle (view, "Right front thigh (quadriceps)"), ==, "Severity 3/10 · Sore");

  /* One warning for its three areas; the acknowledged one, with its note */
  g_assert_cmpuint (count_labels (view, BM_TEST_NERVE_MESSAGE), ==, 1);
  g_assert_cmpuint (count_labels (view, "See a physiotherapist or doctor first"), ==, 1);
  g_assert_true (bm_test_shows_label (view, "See a physiotherapist or doctor first: Right shin, left calf, right calf"));
  g_assert_nonnull (find_row (view, "Take care"));
  g_assert_true (bm_test_shows_label (GTK_WIDGET (find_row (view, "Take care")), "Blood thinners: lighter pressure throughout."));
  g_assert_true (bm_test_shows_label (GTK_WIDGET (find_row (view, "Take care")), "Acknowledged: cleared by GP on 28 Nov"));

  close_plan_view (window);
}

/* Acknowledging asks for a note, Enter confirms, and every area of the
 * warning is acknowledged; Withdraw takes it back */
static void
test_plan_view_acknowledge (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmPlan) plan = bm_test_make_safety_plan ();
  const char *note = "cleared by physio on 28 Nov";
  GtkWindow *window;
  GtkWidget *view = show_plan_view (intake, plan, &window);
  GtkWidget *button, *entry;
  GtkPopover *popover;

  button = find_warning_control (view, GTK_TYPE_MENU_BUTTON, "nerve");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==, "Acknowledge…");
  g_assert_true (gtk_widget_get_focusable (button) || gtk_widget_get_first_child (button) != NULL);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  bm_test_iterate ();
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  entry = bm_test_find_widget (GTK_WIDGET (popover), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), note);
  g_signal_emit_by_name (entry, "activate");
  bm_test_iterate ();

  g_assert_cmpstr (bm_therapist_get_acknowledgement (intake, "nerve", "shin", BM_SIDE_RIGHT), ==, note);
  g_assert_cmpstr (bm_therapist_get_acknowledgement (intake, "nerve", "calf", BM_SIDE_LEFT), ==, note);
  g_assert_cmpstr (bm_therapist_get_acknowledgement (intake, "nerve", "calf", BM_SIDE_RIGHT), ==, note);
  g_assert_null (bm_therapist_get_acknowledgement (intake, "nerve", "calf", BM_SIDE_CENTER));
  g_assert_true (bm_intake_get_modified (intake));

  /* Shown as acknowledged, then withdrawn */
  for (guint i = 0; i < plan->warnings->len; i++)
    {
      BmPlanWarning *warning = g_ptr_array_index (plan->warnings, i);

      if (g_strcmp0 (warning->id, "nerve") == 0)
        {
          warning->acknowledged = TRUE;
          warning->note = g_strdup (note);
        }
    }
  bm_plan_view_show_plan (BM_PLAN_VIEW (view), plan);
  bm_test_iterate ();
  save_screenshot (view, "plan-acknowledged.png");
  {
    GtkWidget *row = GTK_WIDGET (find_row (view, "See a physiotherapist or doctor first: Right shin, left calf, right calf"));

    g_assert_nonnull (row);
    g_assert_true (bm_test_shows_label (row, BM_TEST_NERVE_MESSAGE));
    g_assert_true (bm_test_shows_label (row, "Acknowledged: cleared by physio on 28 Nov"));
    g_assert_cmpuint (count_labels (view, BM_TEST_NERVE_MESSAGE), ==, 1);
  }
  g_assert_null (find_warning_control (view, GTK_TYPE_MENU_BUTTON, "nerve"));
  button = find_warning_control (view, GTK_TYPE_BUTTON, "nerve");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Withdraw");
  g_signal_emit_by_name (button, "clicked");
  g_assert_null (bm_therapist_get_acknowledgement (intake, "nerve", "shin", BM_SIDE_RIGHT));
  g_assert_null (bm_therapist_get_acknowledgement (intake, "nerve", "calf", BM_SIDE_LEFT));
  g_assert_null (bm_therapist_get_acknowledgement (intake, "nerve", "calf", BM_SIDE_RIGHT));

  close_plan_view (window);
}

/* A left-out area can be put back */
static void
test_plan_view_put_back (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmPlan) plan = bm_test_make_safety_plan ();
  g_autoptr(BmMark) glutes = bm_mark_new ("glutes", BM_SIDE_LEFT, 5, BM_SYMPTOM_KNOT, NULL);
  g_autoptr(BmPlan) after = NULL;
  const BmPlanItem *item;
  GtkWindow *window;
  GtkWidget *view;
  GtkButton *button;

  bm_intake_set_mark (intake, glutes, FALSE);
  bm_therapist_remove_item (intake, "glutes", BM_SIDE_LEFT);
  view = show_plan_view (intake, plan, &window);
  button = bm_test_find_button (GTK_WIDGET (find_row (view, "Left glutes")), "_Put Back in the Plan");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");

  after = bm_advise (intake);
  item = bm_plan_find_item (after, "glutes", BM_SIDE_LEFT);
  g_assert_nonnull (item);
  g_assert_false (item->left_out);
  g_assert_cmpint (item->minutes, >, 0);

  close_plan_view (window);
}

static GtkWidget *
find_icon (GtkWidget  *root,
           const char *icon_name)
{
  if (GTK_IS_IMAGE (root) && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (root)), icon_name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_icon (child, icon_name);

      if (found)
        return found;
    }
  return NULL;
}

/* Over the length the therapist chose: said in a row of its own, with
 * Rebalance; no other area loses a minute until it is pressed */
static void
test_plan_view_rebalance (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmMark) calf = bm_mark_new ("calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT, NULL);
  g_autoptr(BmMark) hamstrings = bm_mark_new ("hamstrings", BM_SIDE_RIGHT, 5, BM_SYMPTOM_TIGHT, NULL);
  g_autoptr(BmPlan) before = NULL;
  g_autoptr(BmPlan) plan = NULL;
  g_autoptr(BmPlan) after = NULL;
  GtkWindow *window;
  GtkWidget *view;
  GtkButton *rebalance;
  g_autofree char *total = NULL;
  int hamstring_minutes;

  bm_intake_set_visit_date (intake, "2026-11-23");
  bm_intake_set_mark (intake, calf, FALSE);
  bm_intake_set_mark (intake, hamstrings, FALSE);
  bm_therapist_set_session_minutes (intake, 60);
  before = bm_advise (intake);
  hamstring_minutes = bm_plan_find_item (before, "hamstrings", BM_SIDE_RIGHT)->minutes;
  bm_therapist_set_item_minutes (intake, "calf", BM_SIDE_LEFT, 45);
  plan = bm_advise (intake);
  g_assert_cmpint (bm_plan_find_item (plan, "hamstrings", BM_SIDE_RIGHT)->minutes, ==, hamstring_minutes);

  view = show_plan_view (intake, plan, &window);
  g_assert_nonnull (find_row (view, "Longer than the 60 minutes chosen"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (find_row (view, "Longer than the 60 minutes chosen"))));
  total = g_strdup_printf ("%d of 60 minutes planned", 55 + hamstring_minutes);
  g_assert_true (g_str_has_prefix (row_subtitle (view, "Length"), total));
  save_screenshot (view, "plan-rebalance.png");

  rebalance = bm_test_find_button (GTK_WIDGET (find_row (view, "Longer than the 60 minutes chosen")), "_Rebalance");
  g_assert_nonnull (rebalance);
  g_signal_emit_by_name (rebalance, "clicked");
  after = bm_advise (intake);
  g_assert_cmpint (after->session_minutes, ==, 60);
  g_assert_cmpint (after->chosen_session_minutes, ==, 0);
  bm_plan_view_show_plan (BM_PLAN_VIEW (view), after);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (find_row (view, "Longer than the 60 minutes chosen"))));

  close_plan_view (window);
}

static void
test_plan_view_tab_stops (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmPlan) plan = bm_test_make_safety_plan ();
  GtkWindow *window;
  GtkWidget *view = show_plan_view (intake, plan, &window);

  g_assert_cmpuint (bm_test_assert_tab_stops_act (view), >, 5);
  close_plan_view (window);
}

/* The running total: the plan's minutes, assessment included, against
 * the session, and what is over or under, as the plan changes */
static void
test_plan_view_running_total (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmPlan) plan = bm_test_make_safety_plan ();
  BmPlanItem *it_band = (BmPlanItem *) bm_plan_find_item (plan, "it-band", BM_SIDE_LEFT);
  GtkWindow *window;
  GtkWidget *view = show_plan_view (intake, plan, &window);
  GtkWidget *length = GTK_WIDGET (find_row (view, "Length"));
  GtkWidget *icon;
  g_autofree char *problem = NULL;

  /* 10 + 8 + 15 + 10 + 5 of 60 */
  g_assert_cmpstr (row_subtitle (view, "Length"), ==,
                   "48 of 60 minutes planned\nIncludes the 10 min assessment\n12 minutes not planned yet");
  /* Screen readers get it with the row */
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (length), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                row_subtitle (view, "Length"));
  g_assert_null (problem);
  icon = find_icon (length, "dialog-warning-symbolic");
  g_assert_nonnull (icon);
  g_assert_false (gtk_widget_get_visible (icon));

  /* More than the session: by how much, and a warning sign */
  it_band->minutes = 35;
  bm_plan_view_show_plan (BM_PLAN_VIEW (view), plan);
  g_assert_cmpstr (row_subtitle (view, "Length"), ==,
                   "68 of 60 minutes planned\nIncludes the 10 min assessment\n8 minutes over");
  g_assert_true (gtk_widget_get_visible (icon));
  save_screenshot (view, "plan-over.png");

  /* Exactly the session */
  it_band->minutes = 27;
  bm_plan_view_show_plan (BM_PLAN_VIEW (view), plan);
  g_assert_cmpstr (row_subtitle (view, "Length"), ==, "60 of 60 minutes planned\nIncludes the 10 min assessment");
  g_assert_false (gtk_widget_get_visible (icon));

  /* No assessment, one minute short */
  plan->assessment_minutes = 0;
  it_band->minutes = 36;
  bm_plan_view_show_plan (BM_PLAN_VIEW (view), plan);
  g_assert_cmpstr (row_subtitle (view, "Length"), ==, "59 of 60 minutes planned\n1 minute not planned yet");

  close_plan_view (window);
}

/* The running total follows the therapist's own changes */
static void
test_plan_view_running_total_follows (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmMark) calf = bm_mark_new ("calf", BM_SIDE_LEFT, 5, BM_SYMPTOM_TIGHT, NULL);
  g_autoptr(BmPlan) plan = NULL;
  g_autofree char *before = NULL;
  g_autofree char *expected = NULL;
  const BmPlan *shown;
  GtkWindow *window;
  GtkWidget *view;
  int planned;

  bm_intake_set_mark (intake, calf, FALSE);
  plan = bm_advise (intake);
  view = show_plan_view (intake, plan, &window);
  before = g_strdup (row_subtitle (view, "Length"));

  bm_therapist_set_item_minutes (intake, "calf", BM_SIDE_LEFT, 55);
  for (guint i = 0; i < 100 && g_strcmp0 (row_subtitle (view, "Length"), before) == 0; i++)
    bm_test_run_for (20);

  /* What the plan now holds, added up here */
  shown = bm_plan_view_get_plan (BM_PLAN_VIEW (view));
  g_assert_cmpint (bm_plan_find_item (shown, "calf", BM_SIDE_LEFT)->minutes, ==, 55);
  planned = shown->assessment_minutes;
  for (guint i = 0; i < shown->items->len; i++)
    planned += ((BmPlanItem *) g_ptr_array_index (shown->items, i))->minutes;
  expected = g_strdup_printf ("%d of %d minutes planned", planned, shown->session_minutes);
  g_assert_true (g_str_has_prefix (row_subtitle (view, "Length"), expected));
  if (planned > shown->session_minutes)
    {
      g_autofree char *over = g_strdup_printf ("\n%d minutes over", planned - shown->session_minutes);

      g_assert_true (g_str_has_suffix (row_subtitle (view, "Length"), over));
    }

  close_plan_view (window);
}

/* Add Area's parts: its button, popover, search and list */
typedef struct
{
  GtkMenuButton *button;
  GtkPopover    *popover;
  GtkWidget     *search;
  GtkListBox    *list;
} AddArea;

static GtkMenuButton *
find_menu_button (GtkWidget  *root,
                  const char *label)
{
  if (GTK_IS_MENU_BUTTON (root) && g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (root)), label) == 0)
    return GTK_MENU_BUTTON (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_menu_button (child, label);

      if (found)
        return found;
    }
  return NULL;
}

static AddArea
find_add_area (GtkWidget *view)
{
  AddArea add = { NULL };

  add.button = find_menu_button (view, "_Add Area…");
  g_assert_nonnull (add.button);
  add.popover = gtk_menu_button_get_popover (add.button);
  add.search = bm_test_find_widget (GTK_WIDGET (add.popover), GTK_TYPE_SEARCH_ENTRY);
  add.list = GTK_LIST_BOX (bm_test_find_widget (GTK_WIDGET (add.popover), GTK_TYPE_LIST_BOX));
  g_assert_nonnull (add.search);
  g_assert_nonnull (add.list);
  return add;
}

/* Opens Add Area as the therapist does, with its button on screen (the
 * focus scrolls it there, at the next layout: a popover off every
 * monitor is an error) */
static void
open_add_area (AddArea *add)
{
  gtk_widget_grab_focus (GTK_WIDGET (add->button));
  bm_test_wait_in_sight (GTK_WIDGET (add->button));
  gtk_menu_button_popup (add->button);
  bm_test_run_for (50);
}

/* The areas the search shows, by name, joined by ", " */
static char *
dup_found_areas (AddArea *add)
{
  GString *found = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (add->list)); row;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row))
      {
        GtkWidget *name = bm_test_find_widget (row, GTK_TYPE_LABEL);

        g_string_append_printf (found, "%s%s", found->len ? ", " : "", gtk_label_get_label (GTK_LABEL (name)));
      }
  return g_string_free (found, FALSE);
}

/* The note under an area of the list, or NULL */
static const char *
add_row_note (GtkWidget *row)
{
  GtkWidget *name = bm_test_find_widget (row, GTK_TYPE_LABEL);
  GtkWidget *note = gtk_widget_get_next_sibling (name);

  g_assert_true (GTK_IS_LABEL (note));
  return gtk_widget_get_visible (note) ? gtk_label_get_label (GTK_LABEL (note)) : NULL;
}

/* The row of the list with that area's name */
static GtkWidget *
find_add_row (AddArea    *add,
              const char *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (add->list)); row;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) &&
        g_strcmp0 (gtk_label_get_label (GTK_LABEL (bm_test_find_widget (row, GTK_TYPE_LABEL))), name) == 0)
      return row;
  return NULL;
}

/* Types in the search and waits for the list to follow */
static void
search_areas (AddArea    *add,
              const char *text,
              const char *expected)
{
  gtk_editable_set_text (GTK_EDITABLE (add->search), text);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *found = dup_found_areas (add);

      if (g_strcmp0 (found, expected) == 0)
        break;
      bm_test_run_for (20);
    }
  {
    g_autofree char *found = dup_found_areas (add);

    g_assert_cmpstr (found, ==, expected);
  }
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Add Area: any part of the name, any case, the focus in the search as it
 * opens */
static void
test_plan_view_add_area_search (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmPlan) plan = bm_test_make_safety_plan ();
  GtkWindow *window;
  GtkWidget *view = show_plan_view (intake, plan, &window);
  AddArea add = find_add_area (view);

  open_add_area (&add);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (add.popover)));
  g_assert_true (has_focus_within (add.search));

  /* The lower calf (soleus) is a calf too */
  search_areas (&add, "calf", "Left calf, Right calf, Left lower calf (soleus), Right lower calf (soleus)");
  search_areas (&add, "CALF", "Left calf, Right calf, Left lower calf (soleus), Right lower calf (soleus)");
  search_areas (&add, "right calf", "Right calf, Right lower calf (soleus)");
  search_areas (&add, "tfl", "Left outer hip (TFL), Right outer hip (TFL)");
  save_screenshot (GTK_WIDGET (add.popover), "plan-add-area.png");
  search_areas (&add, "zzz", "");
  g_assert_true (bm_test_shows_label (GTK_WIDGET (add.list), "No area by that name"));

  close_plan_view (window);
}

/* An area already in the plan is shown, not silently added again; a new
 * one is added; a left-out one says it comes back */
static void
test_plan_view_add_area_existing (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmPlan) plan = bm_test_make_safety_plan ();
  g_autoptr(BmPlan) after = NULL;
  GtkWindow *window;
  GtkWidget *view = show_plan_view (intake, plan, &window);
  AddArea add = find_add_area (view);
  AdwExpanderRow *calf_row = ADW_EXPANDER_ROW (find_row (view, "Left calf"));

  g_assert_cmpstr (add_row_note (find_add_row (&add, "Left calf")), ==, "Already in the plan");
  g_assert_cmpstr (add_row_note (find_add_row (&add, "Left glutes")), ==, "Left out: adding puts it back");
  g_assert_null (add_row_note (find_add_row (&add, "Neck")));

  /* The area's row opens and takes the focus; nothing changes */
  open_add_area (&add);
  search_areas (&add, "left calf", "Left calf, Left lower calf (soleus)");
  g_assert_false (adw_expander_row_get_expanded (calf_row));
  gtk_widget_activate (find_add_row (&add, "Left calf"));
  bm_test_iterate ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (add.popover)));
  g_assert_true (adw_expander_row_get_expanded (calf_row));
  g_assert_true (has_focus_within (GTK_WIDGET (calf_row)));
  g_assert_false (bm_therapist_has_changes (intake));

  /* Enter takes the first area found */
  adw_expander_row_set_expanded (calf_row, FALSE);
  open_add_area (&add);
  search_areas (&add, "neck", "Neck");
  g_signal_emit_by_name (add.search, "activate");
  bm_test_iterate ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (add.popover)));
  after = bm_advise (intake);
  g_assert_nonnull (bm_plan_find_item (after, "neck", BM_SIDE_CENTER));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add.search)), ==, "");

  close_plan_view (window);
}

/* The next client's search starts afresh */
static void
test_plan_view_add_area_reset (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmPlan) plan = bm_test_make_safety_plan ();
  g_autoptr(BmDocument) next = bm_document_new ();
  g_autoptr(BmIntake) next_intake = bm_intake_new ();
  g_autofree char *all = NULL;
  GtkWindow *window;
  GtkWidget *view = show_plan_view (intake, plan, &window);
  AddArea add = find_add_area (view);

  all = dup_found_areas (&add);
  open_add_area (&add);
  search_areas (&add, "calf", "Left calf, Right calf, Left lower calf (soleus), Right lower calf (soleus)");

  bm_document_set_intake (next, next_intake);
  bm_plan_view_set_document (BM_PLAN_VIEW (view), next);
  bm_test_iterate ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (add.popover)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add.search)), ==, "");
  {
    g_autofree char *found = dup_found_areas (&add);

    g_assert_cmpstr (found, ==, all);
  }
  /* The last client's plan is not the new one's */
  g_assert_cmpstr (add_row_note (find_add_row (&add, "Left glutes")), !=, "Left out: adding puts it back");

  close_plan_view (window);
}

/* The Plan page's buttons with a mnemonic have one name each, without
 * the underline (GTK 4.8 would say "_Leave Out of the Plan Leave Out of
 * the Plan") */
static void
test_plan_view_button_names (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmPlan) plan = bm_test_make_safety_plan ();
  GtkWindow *window;
  GtkWidget *view = show_plan_view (intake, plan, &window);
  AdwExpanderRow *row = ADW_EXPANDER_ROW (find_row (view, "Left IT band"));
  struct { GtkWidget *root; const char *label; const char *name; } buttons[] = {
    { GTK_WIDGET (row), "_Leave Out of the Plan", "Leave Out of the Plan" },
    { GTK_WIDGET (find_row (view, "Left glutes")), "_Put Back in the Plan", "Put Back in the Plan" },
    { view, "_Reset", "Reset" },
    { view, "_Withdraw", NULL },
  };

  adw_expander_row_set_expanded (row, TRUE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (buttons[1].root), TRUE);
  bm_test_run_for (50);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkButton *button = bm_test_find_button (buttons[i].root, buttons[i].label);

      g_assert_nonnull (button);
      g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY));
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL));
      if (buttons[i].name)
        {
          g_autofree char *problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (button),
                                                                         GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                         buttons[i].name);
          g_assert_null (problem);
        }
    }

  close_plan_view (window);
}

/* Postponed: plainly no massage today, what to do instead, and no
 * session length or advice about a session today */
static void
test_plan_view_postponed (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmPlan) plan = bm_test_make_postponed_plan ();
  GtkWindow *window;
  GtkWidget *view = show_plan_view (intake, plan, &window);

  save_screenshot (view, "plan-postponed.png");
  g_assert_true (bm_test_shows_label (view, "No massage today"));
  g_assert_true (bm_test_shows_label (view, "Rest until you have been well for two days, then rebook."));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (find_row (view, "Length"))));
  g_assert_cmpstr (row_subtitle (view, "Race timing"), ==, "Race today\nRaced yesterday");
  g_assert_cmpstr (row_subtitle (view, "Left calf"), ==, "Not worked today");
  g_assert_false (bm_test_shows_label (view, "0 min"));

  /* Back to a session: the length is there again */
  g_clear_pointer (&plan, bm_plan_free);
  plan = bm_test_make_safety_plan ();
  bm_plan_view_show_plan (BM_PLAN_VIEW (view), plan);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (find_row (view, "Length"))));
  g_assert_false (bm_test_shows_label (view, "No massage today"));

  close_plan_view (window);
}

static GtkWindow *
find_shortcuts_window (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (GTK_IS_SHORTCUTS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* Keyboard Shortcuts (menu, Ctrl+?): built when first asked for, over the
 * window, once */
static void
test_shortcuts_window (Fixture       *f,
                       gconstpointer  data)
{
  GtkWindow *shortcuts;

  g_assert_null (find_shortcuts_window ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL));
  bm_test_iterate ();
  shortcuts = find_shortcuts_window ();
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (f->window));

  gtk_window_close (shortcuts);
  bm_test_iterate ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL));
  bm_test_iterate ();
  g_assert_true (find_shortcuts_window () == shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
}

static guint
count_menu_items (GMenuModel *model)
{
  guint n = 0;

  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      n += section ? count_menu_items (section) : 1;
    }
  return n;
}

/* The main menu (made when first opened) holds every document action,
 * and Start Check-in… */
static void
test_primary_menu (Fixture       *f,
                   gconstpointer  data)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (bm_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON));
  GtkPopover *popover;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  g_assert_true (gtk_menu_button_get_primary (button));
  gtk_menu_button_popup (button);
  bm_test_iterate ();
  popover = gtk_menu_button_get_popover (button);
  g_assert_true (GTK_IS_POPOVER_MENU (popover));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpuint (count_menu_items (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover))), ==, 11);
  gtk_menu_button_popdown (button);
  bm_test_iterate ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* Opened again, the same menu */
  gtk_menu_button_popup (button);
  bm_test_iterate ();
  g_assert_true (gtk_menu_button_get_popover (button) == popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  gtk_menu_button_popdown (button);
}

/* The side panel is built once the window has drawn its first frame (the
 * map comes first), in the room kept for it: the map does not move */
static void
test_panel_after_first_frame (void)
{
  BmWindow *window = bm_window_new (NULL);
  GtkWidget *map = bm_test_find_widget (GTK_WIDGET (window), BM_TYPE_BODY_MAP);
  GtkWidget *switcher;
  int map_width;

  g_object_ref_sink (window);
  g_assert_null (bm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_STACK_SWITCHER));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 780);
  gtk_window_present (GTK_WINDOW (window));
  bm_test_iterate ();
  switcher = bm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_STACK_SWITCHER);
  g_assert_nonnull (switcher);
  bm_test_iterate ();
  g_assert_true (gtk_widget_is_drawable (switcher));
  map_width = gtk_widget_get_width (map);
  g_assert_cmpint (map_width, >, 0);
  g_assert_cmpint (map_width, <=, 1100 - 340);

  gtk_window_destroy (GTK_WINDOW (window));
  bm_test_iterate ();
  g_assert_finalize_object (window);
}

/* A mark selected on the map before the side panel is built is the one
 * selected in its list once it is */
static void
test_panel_takes_selection (void)
{
  BmWindow *window = bm_window_new (NULL);
  BmBodyMap *map = BM_BODY_MAP (bm_test_find_widget (GTK_WIDGET (window), BM_TYPE_BODY_MAP));
  BmAtlas *atlas = bm_atlas_get_default ();
  const BmRegion *calf = bm_atlas_lookup (atlas, "calf");
  const BmRegion *selected;
  BmSide side = BM_SIDE_CENTER;

  g_object_ref_sink (window);
  mark (window, "calf", BM_SIDE_LEFT);
  mark (window, "neck", BM_SIDE_CENTER);
  g_assert_null (bm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_STACK_SWITCHER));
  bm_body_map_select (map, calf, BM_SIDE_LEFT);

  selected = bm_marks_list_get_selected (BM_MARKS_LIST (bm_window_get_marks_list (window)), &side);
  g_assert_true (selected == calf);
  g_assert_cmpint (side, ==, BM_SIDE_LEFT);

  gtk_window_destroy (GTK_WINDOW (window));
  bm_test_iterate ();
  g_assert_finalize_object (window);
}

/* However narrow the window, the legend gets the height its rows need */
static void
test_legend_fits (gconstpointer data)
{
  int width = GPOINTER_TO_INT (data);
  BmWindow *window = bm_window_new (NULL);
  GtkWidget *legend = bm_test_find_widget (GTK_WIDGET (window), BM_TYPE_LEGEND);
  BmMapStyle style;
  double needed;

  g_object_ref_sink (window);
  g_assert_nonnull (legend);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 820);
  gtk_window_present (GTK_WINDOW (window));
  bm_test_run_for (300);

  bm_map_style_init_for_widget (&style, legend);
  needed = bm_map_renderer_draw_legend (NULL, &style, gtk_widget_get_width (legend));
  g_test_message ("window %d: legend %d x %d, needs %.1f", width,
                  gtk_widget_get_width (legend), gtk_widget_get_height (legend), needed);
  g_assert_cmpint (gtk_widget_get_height (legend), >=, (int) ceil (needed));

  gtk_window_destroy (GTK_WINDOW (window));
  bm_test_iterate ();
  g_assert_finalize_object (window);
}

/* Usable on a phone or a kiosk tablet: nothing needs more than 360 px */
static void
test_fits_360 (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window));
  int min, nat;

  /* Every page of the side panel, once built */
  bm_window_get_intake_form (f->window);
  bm_window_get_plan_view (f->window);
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, <=, 360);
}

/* The window opens at the size it was closed at */
static void
test_remembers_size (Fixture       *f,
                     gconstpointer  data)
{
  BmWindow *second;
  int before, width, height, closed_width, closed_height;

  /* As if the user resized it: wait for the new size to take */
  bm_test_run_for (300);
  before = gtk_widget_get_width (GTK_WIDGET (f->window));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 700);
  for (guint i = 0; i < 50 && gtk_widget_get_width (GTK_WIDGET (f->window)) == before; i++)
    bm_test_run_for (50);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <, before);
  gtk_window_get_default_size (GTK_WINDOW (f->window), &closed_width, &closed_height);
  gtk_window_close (GTK_WINDOW (f->window));
  bm_test_iterate ();
  g_assert_false (is_open (GTK_WINDOW (f->window)));

  second = bm_window_new (NULL);
  g_object_ref_sink (second);
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, closed_width);
  g_assert_cmpint (height, ==, closed_height);
  g_assert_cmpint (width, <, 1000);
  gtk_window_destroy (GTK_WINDOW (second));
  bm_test_iterate ();
  g_assert_finalize_object (second);
}

static void
count_call (GtkWidget *widget)
{
  guint *calls = g_object_get_data (G_OBJECT (widget), "test-calls");

  (*calls)++;
}

static void
on_paint_remove_child_cb (GdkFrameClock *clock,
                          GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (clock, on_paint_remove_child_cb, window);
  /* Right after the frame, before the idle that waits for it */
  gtk_window_set_child (window, NULL);
}

static void
on_realize_watch_paint_cb (GtkWidget *widget,
                           GtkWindow *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (on_paint_remove_child_cb), window);
}

/* What waits for the first frame comes right after it, once; nothing
 * comes for a widget that goes between the frame and then */
static void
test_after_first_frame (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *label = gtk_label_new ("Map");
  GtkWidget *gone_window = gtk_window_new ();
  GtkWidget *gone = gtk_label_new ("Gone");
  guint calls = 0, gone_calls = 0;

  g_object_set_data (G_OBJECT (label), "test-calls", &calls);
  bm_widget_after_first_frame (label, count_call);
  gtk_window_set_child (GTK_WINDOW (window), label);
  g_assert_cmpuint (calls, ==, 0);
  gtk_window_present (GTK_WINDOW (window));
  bm_test_wait_for_size (label, 1);
  g_assert_cmpuint (calls, ==, 1);
  bm_test_wait_for_frames (label, 2);
  g_assert_cmpuint (calls, ==, 1);

  g_object_set_data (G_OBJECT (gone), "test-calls", &gone_calls);
  bm_widget_after_first_frame (gone, count_call);
  g_signal_connect_after (gone, "realize", G_CALLBACK (on_realize_watch_paint_cb), gone_window);
  gtk_window_set_child (GTK_WINDOW (gone_window), gone);
  gtk_window_present (GTK_WINDOW (gone_window));
  while (gtk_window_get_child (GTK_WINDOW (gone_window)) != NULL)
    g_main_context_iteration (NULL, TRUE);
  bm_test_wait_for_frames (gone_window, 2);
  g_assert_cmpuint (gone_calls, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (gone_window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = bm_test_make_temp_dir ("bodymap-xdg");
  int ret;

  g_setenv ("XDG_DATA_HOME", home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_nonnull (bm_ui_get_resource ());
  bm_test_load_app_style ();

  g_test_add_func ("/window/after-first-frame", test_after_first_frame);
  g_test_add ("/window/open", Fixture, NULL, fixture_set_up, test_open, fixture_tear_down);
  g_test_add ("/window/open/bad-file-keeps-document", Fixture, NULL, fixture_set_up, test_open_bad_keeps_document, fixture_tear_down);
  g_test_add ("/window/guard/cancel-and-discard", Fixture, NULL, fixture_set_up, test_guard_cancel_and_discard, fixture_tear_down);
  g_test_add ("/window/guard/save", Fixture, NULL, fixture_set_up, test_guard_save, fixture_tear_down);
  g_test_add ("/window/save", Fixture, NULL, fixture_set_up, test_save, fixture_tear_down);
  g_test_add ("/window/save/failure-keeps-settings", Fixture, NULL, fixture_set_up, test_save_failure_keeps_settings, fixture_tear_down);
  g_test_add ("/window/draft/written-and-cleared", Fixture, NULL, fixture_set_up, test_draft, fixture_tear_down);
  g_test_add ("/window/draft/offered", Fixture, NULL, fixture_set_up, test_offer_draft, fixture_tear_down);
  g_test_add ("/window/draft/damaged", Fixture, NULL, fixture_set_up, test_offer_damaged_draft, fixture_tear_down);

  g_test_add_func ("/window/panel-after-first-frame", test_panel_after_first_frame);
  g_test_add_func ("/window/panel-takes-selection", test_panel_takes_selection);
  g_test_add_data_func ("/window/legend-fits/360", GINT_TO_POINTER (360), test_legend_fits);
  g_test_add_data_func ("/window/legend-fits/400", GINT_TO_POINTER (400), test_legend_fits);
  g_test_add_data_func ("/window/legend-fits/700", GINT_TO_POINTER (700), test_legend_fits);
  g_test_add_data_func ("/window/legend-fits/1100", GINT_TO_POINTER (1100), test_legend_fits);
  g_test_add ("/window/primary-menu", Fixture, NULL, fixture_set_up, test_primary_menu, fixture_tear_down);
  g_test_add ("/window/shortcuts", Fixture, NULL, fixture_set_up, test_shortcuts_window, fixture_tear_down);
  g_test_add ("/window/fits-360", Fixture, NULL, fixture_set_up, test_fits_360, fixture_tear_down);
  g_test_add ("/window/remembers-size", Fixture, NULL, fixture_set_up, test_remembers_size, fixture_tear_down);
  g_test_add ("/window/plan/follows-marks", Fixture, NULL, fixture_set_up, test_plan_follows_marks, fixture_tear_down);
  g_test_add ("/window/plan/warnings", Fixture, NULL, fixture_set_up, test_plan_warnings, fixture_tear_down);
  g_test_add ("/window/plan/therapist", Fixture, NULL, fixture_set_up, test_plan_therapist, fixture_tear_down);
  g_test_add_func ("/window/plan/roles-and-facts", test_plan_view_safety);
  g_test_add_func ("/window/plan/acknowledge", test_plan_view_acknowledge);
  g_test_add_func ("/window/plan/put-back", test_plan_view_put_back);
  g_test_add_func ("/window/plan/postponed", test_plan_view_postponed);
  g_test_add_func ("/window/plan/running-total", test_plan_view_running_total);
  g_test_add_func ("/window/plan/rebalance", test_plan_view_rebalance);
  g_test_add_func ("/window/plan/tab-stops", test_plan_view_tab_stops);
  g_test_add_func ("/window/plan/running-total/follows", test_plan_view_running_total_follows);
  g_test_add_func ("/window/plan/add-area/search", test_plan_view_add_area_search);
  g_test_add_func ("/window/plan/add-area/existing", test_plan_view_add_area_existing);
  g_test_add_func ("/window/plan/add-area/reset", test_plan_view_add_area_reset);
  g_test_add_func ("/window/plan/button-names", test_plan_view_button_names);

  ret = g_test_run ();
  bm_test_remove_tree (home);
  return ret;
}
