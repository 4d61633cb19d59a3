/* test-check-ins-bar.c: the therapist's side of check-in: the check-ins
 * waiting, and filing one as a visit of the client it matches, of another
 * client or of a new one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "bm-check-ins.h"
#include "bm-check-ins-bar.h"
#include "bm-intake-io.h"
#include "bm-library.h"

#include "bm-test-files.h"
#include "bm-test-gui.h"

typedef struct
{
  char          *dir;
  BmLibrary     *library;
  GtkWindow     *window;
  BmCheckInsBar *bar;
  char          *filed_path;
  char          *filed_client;
  char          *failed;
} Fixture;

static BmIntake *
intake_for (const char *name,
            int         year,
            const char *email,
            const char *date)
{
  BmIntake *intake = bm_intake_new ();
  g_autoptr(BmMark) mark = bm_mark_new ("achilles", BM_SIDE_RIGHT, 4, BM_SYMPTOM_SORE, NULL);

  bm_intake_set_client_name (intake, name);
  bm_intake_set_birth_year (intake, year);
  bm_intake_set_email (intake, email);
  bm_intake_set_visit_date (intake, date);
  bm_intake_set_mark (intake, mark, FALSE);
  bm_intake_set_consent (intake, TRUE);
  return intake;
}

static void
on_filed_cb (BmCheckInsBar *bar,
             const char    *path,
             const char    *client_id,
             Fixture       *f)
{
  g_free (f->filed_path);
  g_free (f->filed_client);
  f->filed_path = g_strdup (path);
  f->filed_client = g_strdup (client_id);
}

static void
on_failed_cb (BmCheckInsBar *bar,
              const char    *message,
              Fixture       *f)
{
  g_free (f->failed);
  f->failed = g_strdup (message);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) location = NULL;
  g_autoptr(BmIntake) jamie = intake_for ("Jamie Rivers", 1994, "jamie@example.org", "2026-11-02");
  g_autoptr(BmIntake) ana = intake_for ("Ana Lima", 1985, "ana@example.org", "2026-10-12");

  f->dir = bm_test_make_temp_dir ("bm-check-ins-bar");
  location = g_file_new_for_path (f->dir);
  f->library = bm_library_new (location, NULL);
  g_assert_true (bm_library_file_intake (f->library, jamie, NULL, NULL, NULL));
  g_assert_true (bm_library_file_intake (f->library, ana, NULL, NULL, NULL));

  f->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->window, 800, 600);
  f->bar = BM_CHECK_INS_BAR (bm_check_ins_bar_new ());
  adw_window_set_content (ADW_WINDOW (f->window), GTK_WIDGET (f->bar));
  g_signal_connect (f->bar, "filed", G_CALLBACK (on_filed_cb), f);
  g_signal_connect (f->bar, "failed", G_CALLBACK (on_failed_cb), f);
  gtk_window_present (f->window);
  bm_test_run_for (50);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  AdwMessageDialog *dialog;

  while ((dialog = bm_test_find_dialog ()))
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (f->window);
  bm_test_iterate ();
  g_clear_object (&f->library);
  bm_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->filed_path);
  g_free (f->filed_client);
  g_free (f->failed);
}

static char *
submit (Fixture    *f,
        BmIntake   *intake,
        gboolean    complete)
{
  char *path = NULL;

  g_assert_true (bm_check_ins_submit (f->library, intake, complete, &path, NULL));
  return path;
}

static GtkWidget *
find_check (GtkWidget  *root,
            const char *label)
{
  if (GTK_IS_CHECK_BUTTON (root) && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check (child, label);

      if (found)
        return found;
    }
  return NULL;
}

/* Nothing waiting: the bar is hidden. Two waiting: listed with who, when
 * and whether they finished */
static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(BmIntake) jamie = intake_for ("Jamie Rivers", 1994, "jamie@example.org", "2026-12-02");
  g_autoptr(BmIntake) unfinished = intake_for ("Noor Haddad", 1988, "", "2026-12-02");
  g_autofree char *a = NULL, *b = NULL;

  bm_check_ins_bar_reload (f->bar, f->library);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->bar)));

  a = submit (f, jamie, TRUE);
  b = submit (f, unfinished, FALSE);
  bm_check_ins_bar_reload (f->bar, f->library);
  bm_test_iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->bar)));
  g_assert_cmpuint (bm_check_ins_bar_get_n (f->bar), ==, 2);
  g_assert_true (bm_test_shows_label (GTK_WIDGET (f->bar), "Check-ins Waiting"));
  g_assert_true (bm_test_shows_label (GTK_WIDGET (f->bar), "2 check-ins waiting to be filed"));
  g_assert_true (bm_test_shows_label (GTK_WIDGET (f->bar), "Jamie Rivers"));
  g_assert_true (bm_test_shows_label (GTK_WIDGET (f->bar), "Born 1988 · Handed in at "));
  g_assert_nonnull (bm_test_find_button (GTK_WIDGET (f->bar), "_File…"));
}

/* A clean match is offered first; filing makes a visit of that client,
 * takes the check-in off the list and says which visit to open */
static void
test_file_match (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(BmIntake) jamie = intake_for ("Jamie Rivers", 1994, "jamie@example.org", "2026-12-02");
  g_autofree char *path = submit (f, jamie, TRUE);
  AdwMessageDialog *dialog;
  GtkWidget *with;

  bm_check_ins_bar_reload (f->bar, f->library);
  dialog = ADW_MESSAGE_DIALOG (bm_check_ins_bar_file (f->bar, path));
  bm_test_run_for (50);
  g_assert_true (bm_test_find_dialog () == dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Matches Jamie Rivers, born 1994, on file."));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "Check before filing"));
  with = find_check (GTK_WIDGET (dialog), "With Jamie Rivers, born 1994");
  g_assert_nonnull (with);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (with)));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "file");

  adw_message_dialog_response (dialog, "file");
  bm_test_run_for (50);
  g_assert_null (f->failed);
  g_assert_cmpstr (f->filed_client, ==, "jamie-rivers-1994");
  g_assert_true (g_file_test (f->filed_path, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (bm_check_ins_bar_get_n (f->bar), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->bar)));
  g_assert_cmpuint (bm_library_lookup (f->library, "jamie-rivers-1994")->visits->len, ==, 2);
}

/* A match that looks off is said and not chosen for the therapist; they
 * can pick another client from the list instead */
static void
test_looks_off (Fixture       *f,
                gconstpointer  data)
{
  /* Jamie's email, another name */
  g_autoptr(BmIntake) odd = intake_for ("Alex Moreno", 1994, "jamie@example.org", "2026-12-02");
  g_autofree char *path = submit (f, odd, TRUE);
  AdwMessageDialog *dialog;
  GtkWidget *other;
  GtkDropDown *dropdown;

  bm_check_ins_bar_reload (f->bar, f->library);
  dialog = ADW_MESSAGE_DIALOG (bm_check_ins_bar_file (f->bar, path));
  bm_test_run_for (50);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "Check before filing: A very different name from the one on file."));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_check (GTK_WIDGET (dialog),
                                                                             "With Jamie Rivers, born 1994"))));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_check (GTK_WIDGET (dialog), "As a new client"))));

  /* Ana, picked from the list */
  other = find_check (GTK_WIDGET (dialog), "With another client:");
  dropdown = GTK_DROP_DOWN (bm_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 2);
  /* Another client, none picked yet: nothing to file */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (other), TRUE);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "file"));
  gtk_drop_down_set_selected (dropdown, 0);  /* sorted by name: Ana Lima */
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "file"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (other)));
  adw_message_dialog_response (dialog, "file");
  bm_test_run_for (50);
  g_assert_cmpstr (f->filed_client, ==, "ana-lima-1985");
  g_assert_cmpuint (bm_library_lookup (f->library, "ana-lima-1985")->visits->len, ==, 2);
  g_assert_cmpuint (bm_library_lookup (f->library, "jamie-rivers-1994")->visits->len, ==, 1);
}

/* A newcomer is filed as a new client; an unfinished check-in without
 * consent says so; Discard removes it without filing */
static void
test_new_and_discard (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(BmIntake) noor = intake_for ("Noor Haddad", 1988, "", "2026-12-02");
  g_autoptr(BmIntake) gone = intake_for ("Sam Okafor", 1979, "", "2026-12-02");
  g_autofree char *path = NULL;
  g_autofree char *gone_path = NULL;
  AdwMessageDialog *dialog;

  bm_intake_set_consent (noor, FALSE);
  path = submit (f, noor, FALSE);
  gone_path = submit (f, gone, TRUE);
  bm_check_ins_bar_reload (f->bar, f->library);

  dialog = ADW_MESSAGE_DIALOG (bm_check_ins_bar_file (f->bar, path));
  bm_test_run_for (50);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Matches no client on file."));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "The client did not finish"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "No consent to treatment was given"));
  g_assert_null (find_check (GTK_WIDGET (dialog), "With Jamie Rivers, born 1994"));
  adw_message_dialog_response (dialog, "file");
  bm_test_run_for (50);
  g_assert_cmpstr (f->filed_client, ==, "noor-haddad-1988");
  g_assert_nonnull (bm_library_lookup (f->library, "noor-haddad-1988"));

  dialog = ADW_MESSAGE_DIALOG (bm_check_ins_bar_file (f->bar, gone_path));
  bm_test_run_for (50);
  adw_message_dialog_response (dialog, "discard");
  bm_test_run_for (50);
  g_assert_false (g_file_test (gone_path, G_FILE_TEST_EXISTS));
  g_assert_null (bm_library_lookup (f->library, "sam-okafor-1979"));
  g_assert_cmpuint (bm_check_ins_bar_get_n (f->bar), ==, 0);
}

/* A client who walked away before giving a name: their unfinished
 * check-in is listed, and can only be filed with a client picked */
static void
test_nameless (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(BmIntake) nameless = intake_for ("", 0, "", "2026-12-02");
  g_autofree char *path = submit (f, nameless, FALSE);
  AdwMessageDialog *dialog;
  GtkDropDown *dropdown;

  bm_check_ins_bar_reload (f->bar, f->library);
  g_assert_true (bm_test_shows_label (GTK_WIDGET (f->bar), "No name given"));
  dialog = ADW_MESSAGE_DIALOG (bm_check_ins_bar_file (f->bar, path));
  bm_test_run_for (50);
  g_assert_false (gtk_widget_get_sensitive (find_check (GTK_WIDGET (dialog), "As a new client")));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_check (GTK_WIDGET (dialog),
                                                                            "With another client:"))));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "file"));
  dropdown = GTK_DROP_DOWN (bm_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN));
  gtk_drop_down_set_selected (dropdown, 1);  /* Jamie Rivers */
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "file"));
  adw_message_dialog_response (dialog, "file");
  bm_test_run_for (50);
  g_assert_cmpstr (f->filed_client, ==, "jamie-rivers-1994");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/check-ins-bar/list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/check-ins-bar/file-match", Fixture, NULL, fixture_set_up, test_file_match, fixture_tear_down);
  g_test_add ("/check-ins-bar/looks-off", Fixture, NULL, fixture_set_up, test_looks_off, fixture_tear_down);
  g_test_add ("/check-ins-bar/nameless", Fixture, NULL, fixture_set_up, test_nameless, fixture_tear_down);
  g_test_add ("/check-ins-bar/new-and-discard", Fixture, NULL, fixture_set_up, test_new_and_discard,
              fixture_tear_down);

  return g_test_run ();
}
