/* test-undo.c: one undo history for the whole document, in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#if __has_include(<gtk/gtkunixprint.h>)
#include <gtk/gtkunixprint.h>
#define HAVE_UNIX_PRINT 1
#endif

#include "bm-document.h"
#include "bm-draft.h"
#include "bm-intake-io.h"
#include "bm-therapist.h"
#include "bm-window.h"

#include "bm-test-files.h"
#include "bm-test-gui.h"

typedef struct
{
  BmWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  bm_draft_clear ();
  f->window = bm_window_new (NULL);
  g_object_ref_sink (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  bm_test_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* Closing asks about unsaved changes: make the document clean first */
  bm_intake_set_modified (bm_window_get_intake (f->window), FALSE);
  gtk_window_destroy (GTK_WINDOW (f->window));
  bm_test_iterate ();
  g_object_unref (f->window);
  bm_draft_clear ();
}

/* The window's Undo undoes the last change of the document, whatever it
 * was: a mark, a field of the form, the therapist's plan */
static void
test_window_undo_everything (Fixture       *f,
                             gconstpointer  data)
{
  BmIntake *intake = bm_window_get_intake (f->window);
  g_autoptr(BmMark) mark = bm_mark_new ("calf", BM_SIDE_LEFT, 4, BM_SYMPTOM_TIGHT, NULL);

  bm_intake_set_mark (intake, mark, FALSE);
  bm_intake_set_client_name (intake, "Jamie");
  bm_therapist_set_session_minutes (intake, 90);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_cmpint (bm_therapist_get_session_minutes (intake), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_cmpstr (bm_intake_get_client_name (intake), ==, "");
  /* The mark is still there: undoing the name did not take it */
  g_assert_nonnull (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
  g_assert_cmpstr (bm_intake_get_client_name (intake), ==, "Jamie");
}

static GtkWidget *
find_text (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_TEXT (child) && gtk_widget_is_sensitive (child) && gtk_widget_get_mapped (child))
        return child;
      if ((found = find_text (child)))
        return found;
    }
  return NULL;
}

/* In a text field, Ctrl+Z is the field's own: typing in Name and pressing
 * it never removes a mark */
static void
test_text_keeps_its_undo (Fixture       *f,
                          gconstpointer  data)
{
  BmIntake *intake = bm_window_get_intake (f->window);
  g_autoptr(BmMark) mark = bm_mark_new ("calf", BM_SIDE_LEFT, 4, BM_SYMPTOM_TIGHT, NULL);
  GtkWidget *form, *text;

  bm_intake_set_mark (intake, mark, FALSE);
  form = bm_window_get_intake_form (f->window);
  g_assert_nonnull (form);
  /* Shown, as when the client opens About You */
  for (GtkWidget *w = form; w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_STACK (gtk_widget_get_parent (w)))
      gtk_stack_set_visible_child (GTK_STACK (gtk_widget_get_parent (w)), w);
  bm_test_run_for (200);
  text = find_text (form);
  g_assert_nonnull (text);
  gtk_widget_grab_focus (text);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == text);
  /* The last change of the document is the mark */

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_nonnull (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT));
  /* Away from the text, Undo is the document's again */
  gtk_root_set_focus (GTK_ROOT (f->window), NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_null (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT));
}


/* Unmark, Leave Out and Reset say what they did, with Undo; Save says it
 * saved */
static void
test_toasts (Fixture       *f,
             gconstpointer  data)
{
  BmIntake *intake = bm_window_get_intake (f->window);
  g_autoptr(BmMark) mark = bm_mark_new ("calf", BM_SIDE_LEFT, 4, BM_SYMPTOM_TIGHT, NULL);
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-undo");
  g_autofree char *path = g_build_filename (dir, "sam.bodymap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkButton *undo;

  bm_intake_set_client_name (intake, "Sam");
  bm_intake_set_mark (intake, mark, FALSE);
  bm_intake_remove_mark (intake, "calf", BM_SIDE_LEFT);
  bm_test_run_for (100);
  g_assert_true (bm_test_shows_label (GTK_WIDGET (f->window), "Left calf unmarked"));
  undo = bm_test_find_button (GTK_WIDGET (f->window), "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  bm_test_run_for (100);
  g_assert_nonnull (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT));

  bm_therapist_remove_item (intake, "calf", BM_SIDE_LEFT);
  bm_test_run_for (100);
  g_assert_true (bm_test_shows_label (GTK_WIDGET (f->window), "Left calf left out of the plan"));
  bm_therapist_reset (intake);
  bm_test_run_for (100);
  g_assert_true (bm_test_shows_label (GTK_WIDGET (f->window), "Plan reset to the suggestion"));

  /* Typing is no destructive step: no toast for it */
  bm_intake_set_goals (intake, "Finish");
  bm_test_run_for (100);
  g_assert_false (bm_test_shows_label (GTK_WIDGET (f->window), "Finish"));

  /* The document has a file: Save saves there, and says so */
  g_assert_true (bm_document_save (bm_window_get_document (f->window), file, NULL));
  bm_intake_set_goals (intake, "Finish strong");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL));
  bm_test_run_for (100);
  g_assert_false (bm_intake_get_modified (intake));
  g_assert_true (bm_test_shows_label (GTK_WIDGET (f->window), "Saved “sam.bodymap”"));
  bm_test_remove_tree (dir);
}

/* "Save changes?": Discard */
static void
discard_changes (void)
{
  AdwMessageDialog *dialog;

  bm_test_iterate ();
  dialog = bm_test_find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  bm_test_run_for (100);
}

/* The Undo of the toast on show */
static void
click_undo (Fixture *f)
{
  GtkButton *undo = bm_test_find_button (GTK_WIDGET (f->window), "_Undo");

  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  bm_test_run_for (100);
}

/* New, or opening a file, in place of a document with work in it: a
 * toast with Undo brings that document back, unsaved changes and all */
static void
test_replaced_document (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(BmMark) mark = bm_mark_new ("calf", BM_SIDE_LEFT, 4, BM_SYMPTOM_TIGHT, NULL);
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-replaced");
  g_autofree char *path = g_build_filename (dir, "other.bodymap", NULL);
  g_autoptr(GFile) other = g_file_new_for_path (path);
  g_autoptr(BmIntake) saved = bm_intake_new ();
  BmIntake *intake = bm_window_get_intake (f->window);

  bm_intake_set_client_name (saved, "Other");
  g_assert_true (bm_intake_save_file (saved, other, NULL));

  /* Unsaved work, given up at "save changes?" */
  bm_intake_set_client_name (intake, "Sam");
  bm_intake_set_mark (intake, mark, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL));
  discard_changes ();
  g_assert_cmpstr (bm_intake_get_client_name (bm_window_get_intake (f->window)), ==, "");
  g_assert_true (bm_test_shows_label (GTK_WIDGET (f->window), "New intake started"));
  click_undo (f);
  intake = bm_window_get_intake (f->window);
  g_assert_cmpstr (bm_intake_get_client_name (intake), ==, "Sam");
  g_assert_nonnull (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT));
  g_assert_true (bm_intake_get_modified (intake));

  /* Opening a file in its place: the same */
  bm_window_open (f->window, other);
  discard_changes ();
  g_assert_cmpstr (bm_intake_get_client_name (bm_window_get_intake (f->window)), ==, "Other");
  g_assert_true (bm_test_shows_label (GTK_WIDGET (f->window), "Opened “other.bodymap”"));
  click_undo (f);
  intake = bm_window_get_intake (f->window);
  g_assert_cmpstr (bm_intake_get_client_name (intake), ==, "Sam");
  g_assert_null (bm_document_get_file (bm_window_get_document (f->window)));
  /* Once only: nothing more to bring back */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-replace", NULL);
  g_assert_cmpstr (bm_intake_get_client_name (bm_window_get_intake (f->window)), ==, "Sam");
  bm_test_remove_tree (dir);
}

#ifdef HAVE_UNIX_PRINT
static GtkPrintUnixDialog *
find_print_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (GTK_IS_PRINT_UNIX_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* Printing says when the plan went to the printer: here GTK's own "Print
 * to File" printer, chosen in the real print dialog */
static void
test_print_sent (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-print");
  /* GTK's "Print to File" writes output.pdf in the current folder */
  g_autofree char *path = g_build_filename (dir, "output.pdf", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  GtkPrintUnixDialog *dialog = NULL;
  GtkPrinter *printer = NULL;
  g_autoptr(GtkPrintSettings) settings = NULL;

  g_assert_cmpint (g_chdir (dir), ==, 0);
  bm_intake_set_client_name (bm_window_get_intake (f->window), "Sam");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.print", NULL));
  for (int i = 0; i < 100 && dialog == NULL; i++)
    {
      bm_test_run_for (20);
      dialog = find_print_dialog ();
    }
  g_assert_nonnull (dialog);
  /* The printer to pick, once its backend lists it */
  settings = gtk_print_unix_dialog_get_settings (dialog);
  gtk_print_settings_set_printer (settings, "Print to File");
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  gtk_print_unix_dialog_set_settings (dialog, settings);
  for (int i = 0; i < 100 && printer == NULL; i++)
    {
      bm_test_run_for (50);
      printer = gtk_print_unix_dialog_get_selected_printer (dialog);
    }
  if (printer == NULL || !gtk_printer_is_virtual (printer))
    {
      g_test_skip ("no Print to File printer in this GTK");
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_assert_cmpint (g_chdir (cwd), ==, 0);
      bm_test_remove_tree (dir);
      return;
    }
  /* The dialog prints only once it knows the printer's details */
  if (!gtk_printer_has_details (printer))
    gtk_printer_request_details (printer);
  for (int i = 0; i < 200 && !gtk_printer_has_details (printer); i++)
    bm_test_run_for (50);
  bm_test_run_for (200);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  G_GNUC_END_IGNORE_DEPRECATIONS

  for (int i = 0; i < 400 && !bm_test_shows_label (GTK_WIDGET (f->window), "Plan sent to"); i++)
    bm_test_run_for (50);
  g_assert_true (bm_test_shows_label (GTK_WIDGET (f->window), "Plan sent to “Print to File”"));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  bm_test_remove_tree (dir);
}
#endif


/* The unsaved-changes dot shows in the header bar, not only in the window
 * manager's title; undoing back to the saved state takes it away */
static void
test_header_dot (Fixture       *f,
                 gconstpointer  data)
{
  BmIntake *intake = bm_window_get_intake (f->window);
  AdwWindowTitle *title = ADW_WINDOW_TITLE (bm_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_WINDOW_TITLE));

  bm_intake_set_client_name (intake, "Sam");
  bm_test_iterate ();
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "• Sam");
  bm_intake_set_modified (intake, FALSE);
  bm_test_iterate ();
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Sam");
  bm_intake_set_goals (intake, "Finish");
  bm_test_iterate ();
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "• Sam");
  bm_intake_undo (intake);
  bm_test_iterate ();
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Sam");
}


/* No tooltip covers the Length menu it belongs to */
static void
test_length_without_tooltip (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *plan_view = bm_window_get_plan_view (f->window);
  GtkWidget *length;

  g_assert_nonnull (plan_view);
  length = bm_test_find_widget (plan_view, GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (length);
  g_assert_null (gtk_widget_get_tooltip_text (length));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (length), GTK_ACCESSIBLE_PROPERTY_LABEL, "Session length");
}


/* F6 moves between the map and the side panel, both ways */
static void
test_f6 (Fixture       *f,
         gconstpointer  data)
{
  GtkWidget *map = bm_window_get_body_map (f->window);
  GtkWidget *focus;

  g_assert_true (gtk_widget_child_focus (map, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), map));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.focus-other-pane", NULL));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_false (gtk_widget_is_ancestor (focus, map));
  /* In the side panel: neither the map nor the header bar */
  g_assert_false (gtk_widget_is_ancestor (focus, bm_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_HEADER_BAR)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.focus-other-pane", NULL));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), map));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  bm_test_load_app_style ();

  g_test_add ("/undo/window/everything", Fixture, NULL, fixture_set_up, test_window_undo_everything, fixture_tear_down);
  g_test_add ("/undo/window/header-dot", Fixture, NULL, fixture_set_up, test_header_dot, fixture_tear_down);
  g_test_add ("/undo/window/length-without-tooltip", Fixture, NULL, fixture_set_up, test_length_without_tooltip, fixture_tear_down);
  g_test_add ("/undo/window/f6", Fixture, NULL, fixture_set_up, test_f6, fixture_tear_down);
  g_test_add ("/undo/window/toasts", Fixture, NULL, fixture_set_up, test_toasts, fixture_tear_down);
#ifdef HAVE_UNIX_PRINT
  g_test_add ("/undo/window/print-sent", Fixture, NULL, fixture_set_up, test_print_sent, fixture_tear_down);
#endif
  g_test_add ("/undo/window/replaced-document", Fixture, NULL, fixture_set_up, test_replaced_document, fixture_tear_down);
  g_test_add ("/undo/window/text-keeps-its-undo", Fixture, NULL, fixture_set_up, test_text_keeps_its_undo, fixture_tear_down);

  return g_test_run ();
}
