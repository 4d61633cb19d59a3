/* test-library-window.c: the clinic library in the window — clients,
 * one client, a visit, a new visit, and two windows on one visit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bm-check-ins.h"
#include "bm-check-ins-bar.h"
#include "bm-client-view.h"
#include "bm-clients-view.h"
#include "bm-document.h"
#include "bm-draft.h"
#include "bm-history-chart-view.h"
#include "bm-intake-io.h"
#include "bm-library.h"
#include "bm-window.h"
#include "bm-window-private.h"

#include "bm-test-files.h"
#include "bm-test-gui.h"

typedef struct
{
  char      *dir;
  BmLibrary *library;
  BmWindow  *window;
} Fixture;

static BmIntake *
make_intake (const char *name,
             int         birth_year,
             const char *email,
             const char *date,
             const char *next_race)
{
  BmIntake *intake = bm_intake_new ();
  g_autoptr(BmMark) mark = bm_mark_new ("calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT, NULL);

  bm_intake_set_client_name (intake, name);
  bm_intake_set_birth_year (intake, birth_year);
  bm_intake_set_email (intake, email);
  bm_intake_set_visit_date (intake, date);
  if (next_race)
    bm_intake_set_next_race (intake, next_race, "marathon");
  bm_intake_set_pressure (intake, BM_PRESSURE_FIRM);
  bm_intake_set_health (intake, BM_HEALTH_BLOOD_THINNERS);
  bm_intake_set_avoided (intake, "foot", TRUE);
  bm_intake_set_mark (intake, mark, FALSE);
  return intake;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) location = NULL;
  g_autoptr(BmIntake) jamie = make_intake ("Jamie Rivers", 1994, "jamie@example.org", "2026-11-23", "2099-12-06");
  g_autoptr(BmIntake) zoe = make_intake ("Zoë Park", 1988, "zoe@example.org", "2026-11-30", NULL);

  bm_draft_clear ();
  f->dir = bm_test_make_temp_dir ("bodymap-library-window");
  location = g_file_new_for_path (f->dir);
  f->library = bm_library_new (location, NULL);
  g_assert_true (bm_library_file_intake (f->library, jamie, NULL, NULL, NULL));
  g_assert_true (bm_library_file_intake (f->library, zoe, NULL, NULL, NULL));

  f->window = bm_window_new (NULL);
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  bm_window_set_library (f->window, f->library);
  bm_test_run_for (100);
}

static void
close_dialogs (void)
{
  AdwMessageDialog *dialog;

  while ((dialog = bm_test_find_dialog ()))
    gtk_window_destroy (GTK_WINDOW (dialog));
  bm_test_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_dialogs ();
  bm_intake_set_modified (bm_window_get_intake (f->window), FALSE);
  gtk_window_destroy (GTK_WINDOW (f->window));
  bm_test_iterate ();
  g_object_unref (f->window);
  g_clear_object (&f->library);
  bm_test_remove_tree (f->dir);
  g_free (f->dir);
  bm_draft_clear ();
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  return bm_test_find_widget (root, type);
}

static GtkWidget *
visible_page (Fixture *f)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (find_widget (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET));

  return adw_leaflet_get_visible_child (leaflet);
}

/* The clients page is the start page once a library exists: every
 * client, searched as one types, sorted three ways */
static void
test_clients_page (Fixture       *f,
                   gconstpointer  data)
{
  BmClientsView *view = BM_CLIENTS_VIEW (find_widget (GTK_WIDGET (f->window), BM_TYPE_CLIENTS_VIEW));
  g_auto(GStrv) all = NULL;
  g_auto(GStrv) found = NULL;
  g_auto(GStrv) by_mail = NULL;
  g_auto(GStrv) none = NULL;
  g_auto(GStrv) by_visit = NULL;
  g_auto(GStrv) by_race = NULL;

  g_assert_nonnull (view);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (view), visible_page (f)));
  g_assert_true (bm_test_shows_label (GTK_WIDGET (view), "Jamie Rivers"));
  g_assert_true (bm_test_shows_label (GTK_WIDGET (view), "Last visit 23 Nov 2026"));

  all = bm_clients_view_dup_shown_ids (view);
  g_assert_cmpstrv (all, ((const char * const[]) { "jamie-rivers-1994", "zoe-park-1988", NULL }));

  /* Any part of the name, any case, or the email */
  bm_clients_view_set_search (view, "PARK");
  found = bm_clients_view_dup_shown_ids (view);
  g_assert_cmpstrv (found, ((const char * const[]) { "zoe-park-1988", NULL }));
  bm_clients_view_set_search (view, "jamie@");
  by_mail = bm_clients_view_dup_shown_ids (view);
  g_assert_cmpstrv (by_mail, ((const char * const[]) { "jamie-rivers-1994", NULL }));
  bm_clients_view_set_search (view, "nobody");
  none = bm_clients_view_dup_shown_ids (view);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_true (bm_test_shows_label (GTK_WIDGET (view), "No Client Found"));
  bm_clients_view_set_search (view, "");

  bm_clients_view_set_sort (view, BM_CLIENTS_SORT_LAST_VISIT);
  by_visit = bm_clients_view_dup_shown_ids (view);
  g_assert_cmpstrv (by_visit, ((const char * const[]) { "zoe-park-1988", "jamie-rivers-1994", NULL }));
  bm_clients_view_set_sort (view, BM_CLIENTS_SORT_NEXT_RACE);
  by_race = bm_clients_view_dup_shown_ids (view);
  g_assert_cmpstrv (by_race, ((const char * const[]) { "jamie-rivers-1994", "zoe-park-1988", NULL }));
}

/* Runs the main loop until a label starting with @prefix shows; fails
 * after 10 s (a loaded machine delays idle work, never this long) */
static void
wait_for_label (Fixture    *f,
                const char *prefix)
{
  for (int i = 0; i < 200 && !bm_test_shows_label (GTK_WIDGET (f->window), prefix); i++)
    bm_test_run_for (50);
  if (!bm_test_shows_label (GTK_WIDGET (f->window), prefix))
    g_error ("No label “%s” shows", prefix);
}

static void
open_client (Fixture    *f,
             const char *id)
{
  BmClientsView *view = BM_CLIENTS_VIEW (find_widget (GTK_WIDGET (f->window), BM_TYPE_CLIENTS_VIEW));

  g_signal_emit_by_name (view, "client-activated", id);
  bm_test_run_for (50);
}

/* Client → visits → visit, and back */
static void
test_client_and_visit (Fixture       *f,
                       gconstpointer  data)
{
  BmClientView *client_view;
  const BmClient *client = bm_library_lookup (f->library, "jamie-rivers-1994");
  const BmVisitInfo *visit = bm_client_get_latest_visit (client);
  g_autofree char *path = g_strdup (visit->path);
  GFile *file;

  /* The client page is made when first needed */
  g_assert_null (find_widget (GTK_WIDGET (f->window), BM_TYPE_CLIENT_VIEW));
  open_client (f, "jamie-rivers-1994");
  client_view = BM_CLIENT_VIEW (find_widget (GTK_WIDGET (f->window), BM_TYPE_CLIENT_VIEW));
  g_assert_nonnull (client_view);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (client_view), visible_page (f)));
  g_assert_cmpstr (bm_client_view_get_id (client_view), ==, "jamie-rivers-1994");
  g_assert_true (bm_test_shows_label (GTK_WIDGET (client_view), "Monday 23 November 2026"));
  g_assert_true (bm_test_shows_label (GTK_WIDGET (client_view), "Left calf 6"));

  g_signal_emit_by_name (client_view, "visit-activated", path);
  bm_test_run_for (50);
  file = bm_window_get_file (f->window);
  g_assert_nonnull (file);
  g_assert_cmpstr (g_file_peek_path (file), ==, path);
  g_assert_true (gtk_widget_is_ancestor (bm_window_get_body_map (f->window), visible_page (f)));
  g_assert_true (bm_test_shows_label (GTK_WIDGET (f->window), "Visit of 23 Nov 2026"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-clients", NULL));
  bm_test_run_for (50);
  g_assert_true (BM_IS_CLIENTS_VIEW (find_widget (visible_page (f), BM_TYPE_CLIENTS_VIEW)));
  /* The visit is still open in the editor */
  g_assert_nonnull (bm_window_get_file (f->window));
}

/* The check button named @name under @root */
static GtkWidget *
find_check (GtkWidget  *root,
            const char *name)
{
  if (GTK_IS_CHECK_BUTTON (root))
    {
      g_autofree char *problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (root),
                                                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name);

      if (problem == NULL)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check (child, name);

      if (found)
        return found;
    }
  return NULL;
}

/* The Progress group: only with two or more visits with marks; the
 * chart names its areas to assistive technologies, and each area's row
 * gives its values and charts it or not */
static void
test_client_progress (Fixture       *f,
                      gconstpointer  data)
{
  BmClientView *client_view;
  BmHistoryChartView *chart_view;
  g_autoptr(BmIntake) later = make_intake ("Jamie Rivers", 1994, "jamie@example.org", "2026-12-07", NULL);
  g_autoptr(BmMark) shin = bm_mark_new ("shin", BM_SIDE_RIGHT, 4, BM_SYMPTOM_SORE, NULL);
  g_autoptr(BmMark) calf = bm_mark_new ("calf", BM_SIDE_LEFT, 3, BM_SYMPTOM_TIGHT, NULL);
  const BmHistoryChart *chart;
  GtkWidget *check;
  guint shin_index = G_MAXUINT;

  /* One visit: no chart */
  open_client (f, "jamie-rivers-1994");
  /* The client page is made when first opened */
  client_view = BM_CLIENT_VIEW (find_widget (GTK_WIDGET (f->window), BM_TYPE_CLIENT_VIEW));
  chart_view = BM_HISTORY_CHART_VIEW (find_widget (GTK_WIDGET (client_view), BM_TYPE_HISTORY_CHART_VIEW));
  g_assert_false (gtk_widget_is_drawable (GTK_WIDGET (chart_view)));
  g_assert_false (bm_test_shows_label (GTK_WIDGET (client_view), "Progress"));

  bm_intake_set_mark (later, calf, FALSE);
  bm_intake_set_mark (later, shin, FALSE);
  g_assert_true (bm_library_file_intake (f->library, later, NULL, NULL, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-clients", NULL));
  bm_test_run_for (50);
  open_client (f, "jamie-rivers-1994");
  g_assert_true (bm_test_shows_label (GTK_WIDGET (client_view), "Progress"));
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (chart_view)));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (chart_view)), >, 150);
  chart = bm_history_chart_view_get_chart (chart_view);
  g_assert_nonnull (chart);
  g_assert_cmpuint (bm_history_chart_get_n_visits (chart), ==, 2);

  gtk_test_accessible_assert_role (chart_view, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (chart_view, GTK_ACCESSIBLE_PROPERTY_LABEL, "Progress chart");
  gtk_test_accessible_assert_property (chart_view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Severity from 0 to 10 of Right shin, Left calf at 2 visits, "
                                       "23 Nov 2026 to 7 Dec 2026.");
  g_assert_true (bm_test_shows_label (GTK_WIDGET (client_view), "Severity by Visit"));
  g_assert_true (bm_test_shows_label (GTK_WIDGET (client_view), "23 Nov 2026, 6; 7 Dec 2026, 3"));
  g_assert_true (bm_test_shows_label (GTK_WIDGET (client_view), "23 Nov 2026, not marked; 7 Dec 2026, 4"));

  /* Unticking an area takes it off the chart and out of its description */
  for (guint s = 0; s < bm_history_chart_get_n_series (chart); s++)
    if (g_str_equal (bm_history_chart_get_series_label (chart, s), "Right shin"))
      shin_index = s;
  g_assert_cmpuint (shin_index, !=, G_MAXUINT);
  g_assert_true (bm_history_chart_get_shown (chart, shin_index));
  check = find_check (GTK_WIDGET (client_view), "Show Right shin in the chart");
  g_assert_nonnull (check);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  g_assert_false (bm_history_chart_get_shown (chart, shin_index));
  gtk_test_accessible_assert_property (chart_view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Severity from 0 to 10 of Left calf at 2 visits, "
                                       "23 Nov 2026 to 7 Dec 2026.");

  /* The later visit's PDF has the chart of both visits */
  {
    const BmClient *client = bm_library_lookup (f->library, "jamie-rivers-1994");
    g_autofree char *visit_path = g_strdup (bm_client_get_latest_visit (client)->path);
    g_autofree char *pdf_path = g_build_filename (f->dir, "plan.pdf", NULL);
    g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
    g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
    const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf_path, "-", NULL };
    g_autofree char *text = NULL;

    g_signal_emit_by_name (client_view, "visit-activated", visit_path);
    bm_test_run_for (50);
    _bm_window_export_pdf_to (f->window, pdf);
    g_assert_true (g_file_test (pdf_path, G_FILE_TEST_IS_REGULAR));
    if (pdftotext != NULL)
      {
        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                     NULL, NULL, &text, NULL, NULL, NULL));
        g_assert_nonnull (strstr (text, "Severity at every visit"));
        g_assert_nonnull (strstr (text, "23 Nov 2026"));
      }
  }
}

/* New Visit: who they are, their running and what they asked for come
 * from the last visit; not the health answers and not the marks. Saving
 * files it with the client. */
static void
test_new_visit (Fixture       *f,
                gconstpointer  data)
{
  BmIntake *intake;
  g_autoptr(BmMark) mark = bm_mark_new ("hamstrings", BM_SIDE_RIGHT, 3, BM_SYMPTOM_TIGHT, NULL);
  const BmClient *client;

  open_client (f, "jamie-rivers-1994");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-visit", NULL));
  bm_test_run_for (50);
  intake = bm_window_get_intake (f->window);
  g_assert_cmpstr (bm_intake_get_client_name (intake), ==, "Jamie Rivers");
  g_assert_cmpint (bm_intake_get_birth_year (intake), ==, 1994);
  g_assert_cmpstr (bm_intake_get_email (intake), ==, "jamie@example.org");
  g_assert_cmpint (bm_intake_get_pressure (intake), ==, BM_PRESSURE_FIRM);
  g_assert_true (bm_intake_get_avoided (intake, "foot"));
  g_assert_nonnull (bm_intake_get_next_race (intake));
  g_assert_cmpint (bm_intake_get_health (intake), ==, 0);
  g_assert_cmpuint (bm_intake_get_marks (intake)->len, ==, 0);
  g_assert_cmpstr (bm_intake_get_client_id (intake), ==, "jamie-rivers-1994");
  g_assert_null (bm_window_get_file (f->window));
  g_assert_true (bm_test_shows_label (GTK_WIDGET (f->window), "Details from the visit on 23 Nov"));

  /* Last time's marks: shown to confirm or clear, not taken as today's */
  {
    g_autoptr(GPtrArray) last = bm_intake_dup_last_time (intake);
    GtkButton *still;

    g_assert_cmpuint (last->len, ==, 1);
    g_assert_cmpstr (((BmMark *) g_ptr_array_index (last, 0))->region, ==, "calf");
    g_assert_cmpstr (bm_intake_get_last_time_date (intake), ==, "2026-11-23");
    /* The Areas page's rows come after the map, when the window is idle */
    wait_for_label (f, "Last Time, 23 Nov");
    still = bm_test_find_button (GTK_WIDGET (f->window), "Still _There");
    g_assert_nonnull (still);
    g_signal_emit_by_name (still, "clicked");
    bm_test_run_for (50);
    g_assert_nonnull (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT));
    g_assert_cmpint (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT)->severity, ==, 6);
    g_assert_false (bm_test_shows_label (GTK_WIDGET (f->window), "Last Time, 23 Nov"));
    /* One undo step, and last time is there again to decide */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
    bm_test_run_for (50);
    g_assert_null (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT));
    wait_for_label (f, "Last Time, 23 Nov");
    bm_intake_clear_last_time (intake, "calf", BM_SIDE_LEFT);
    bm_test_run_for (50);
    g_assert_false (bm_test_shows_label (GTK_WIDGET (f->window), "Last Time, 23 Nov"));
    g_assert_null (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT));
  }

  bm_intake_set_mark (intake, mark, FALSE);

  /* The plan says what changed since the last visit */
  {
    const BmPlan *plan = bm_document_ensure_plan (bm_window_get_document (f->window));
    const BmPlanItem *hamstrings = bm_plan_find_item (plan, "hamstrings", BM_SIDE_RIGHT);

    g_assert_cmpstr (plan->previous_visit, ==, "2026-11-23");
    g_assert_nonnull (hamstrings);
    g_assert_cmpint (hamstrings->change, ==, BM_CHANGE_NEW);
    g_assert_cmpuint (plan->resolved->len, ==, 1);
    g_assert_cmpstr (((BmPlanResolved *) g_ptr_array_index (plan->resolved, 0))->region, ==, "calf");
  }
  /* and the Plan page lists it: today's areas and last time's */
  {
    GtkWidget *plan_view = bm_window_get_plan_view (f->window);

    for (int i = 0; i < 100 && !bm_test_shows_label (plan_view, "Compared with the visit of 23 November 2026"); i++)
      bm_test_run_for (50);
    g_assert_true (bm_test_shows_label (plan_view, "Compared with the visit of 23 November 2026"));
    g_assert_true (bm_test_shows_label (plan_view, "Since the Last Visit"));
    g_assert_true (bm_test_shows_label (plan_view, "new, 3/10"));
    g_assert_true (bm_test_shows_label (plan_view, "6 → not marked"));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL));
  bm_test_run_for (50);
  g_assert_null (bm_test_find_dialog ());
  g_assert_false (bm_intake_get_modified (intake));
  g_assert_nonnull (bm_window_get_file (f->window));
  g_assert_true (g_str_has_prefix (g_file_peek_path (bm_window_get_file (f->window)), f->dir));
  client = bm_library_lookup (f->library, "jamie-rivers-1994");
  g_assert_cmpuint (client->visits->len, ==, 2);
  g_assert_true (bm_test_shows_label (GTK_WIDGET (f->window), "Visit saved"));

  /* Library visits stay out of the recent files, which anyone sees */
  {
    g_autofree char *uri = g_file_get_uri (bm_window_get_file (f->window));
    g_autofree char *recent = g_build_filename (g_get_user_data_dir (), "recently-used.xbel", NULL);
    g_autofree char *contents = NULL;

    bm_test_run_for (100);
    if (g_file_get_contents (recent, &contents, NULL, NULL))
      g_assert_null (strstr (contents, uri));
  }
}

/* A new client's first visit, saved with the library in use, is filed
 * there: no file dialog */
static void
test_new_client (Fixture       *f,
                 gconstpointer  data)
{
  BmIntake *intake;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL));
  bm_test_run_for (50);
  intake = bm_window_get_intake (f->window);
  bm_intake_set_client_name (intake, "Kim Wu");
  bm_intake_set_birth_year (intake, 1980);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL));
  bm_test_run_for (50);
  g_assert_false (bm_intake_get_modified (intake));
  g_assert_nonnull (bm_library_lookup (f->library, "kim-wu-1980"));
  g_assert_cmpuint (bm_library_lookup (f->library, "kim-wu-1980")->visits->len, ==, 1);
}

/* Two windows on one visit: the second save sees the first and asks;
 * Keep Both keeps both */
/* An intake that is a file of its own is offered a place in the library,
 * under the header bar; filed, it joins the client's visits and the offer
 * goes. The library's own visits are never offered it. */
static void
test_file_in_library (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(BmIntake) sam = make_intake ("Sam Lee", 1979, "sam@example.org", "2026-11-28", NULL);
  g_autofree char *path = g_build_filename (f->dir, "..", "sam-lee.bodymap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const BmVisitInfo *visit = bm_client_get_latest_visit (bm_library_lookup (f->library, "zoe-park-1988"));
  g_autoptr(GFile) zoe = g_file_new_for_path (visit->path);
  GtkWidget *label, *button;
  guint n_clients = bm_library_get_clients (f->library)->len;

  /* Opened while the clients' page shows (dropped on it, or from the
   * command line), a visit comes into sight; from the library, it has
   * nothing to offer, and nothing is made for it */
  g_assert_true (visible_page (f) != f->window->editor_page);
  bm_window_open (f->window, zoe);
  bm_test_run_for (100);
  g_assert_true (visible_page (f) == f->window->editor_page);
  g_assert_true (f->window->file_banner == NULL || !gtk_widget_get_visible (GTK_WIDGET (f->window->file_banner)));

  g_assert_true (bm_intake_save_file (sam, file, NULL));
  bm_window_open (f->window, file);
  bm_test_run_for (100);
  g_assert_nonnull (f->window->file_banner);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window->file_banner)));
  g_assert_true (gtk_revealer_get_reveal_child (f->window->file_banner));
  bm_test_run_for (400);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (f->window->file_banner)));
  label = find_widget (GTK_WIDGET (f->window->file_banner), GTK_TYPE_LABEL);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "file of its own"));
  button = find_widget (GTK_WIDGET (f->window->file_banner), GTK_TYPE_BUTTON);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.file-in-library");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.file-in-library", NULL));
  bm_test_run_for (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->window->file_banner)));
  g_assert_true (visible_page (f) == f->window->editor_page);
  g_assert_cmpuint (bm_library_get_clients (f->library)->len, ==, n_clients + 1);
  g_assert_nonnull (bm_intake_get_client_id (bm_window_get_intake (f->window)));
  g_assert_true (g_str_has_prefix (g_file_peek_path (bm_document_get_file (f->window->document)),
                                   bm_library_get_path (f->library)));
  g_assert_no_errno (g_unlink (path));

  /* A new intake, asked for from the clients' page, shows too */
  adw_leaflet_set_visible_child (ADW_LEAFLET (find_widget (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET)),
                                 f->window->clients_page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL));
  bm_test_run_for (100);
  g_assert_true (visible_page (f) == f->window->editor_page);
  g_assert_null (bm_document_get_file (f->window->document));
}

static void
test_two_windows (Fixture       *f,
                  gconstpointer  data)
{
  const BmVisitInfo *visit = bm_client_get_latest_visit (bm_library_lookup (f->library, "zoe-park-1988"));
  g_autoptr(GFile) file = g_file_new_for_path (visit->path);
  g_autoptr(BmMark) neck = bm_mark_new ("neck", BM_SIDE_CENTER, 3, BM_SYMPTOM_TIGHT, NULL);
  g_autoptr(BmMark) shin = bm_mark_new ("shin", BM_SIDE_LEFT, 4, BM_SYMPTOM_SORE, NULL);
  BmWindow *other = bm_window_new (NULL);
  AdwMessageDialog *dialog;
  struct utimbuf later = { 0 };

  g_object_ref_sink (other);
  gtk_window_present (GTK_WINDOW (other));
  bm_window_set_library (other, f->library);
  bm_window_open (f->window, file);
  bm_window_open (other, file);
  bm_test_run_for (50);

  bm_intake_set_mark (bm_window_get_intake (other), neck, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (other), "win.save", NULL));
  bm_test_run_for (50);
  g_assert_false (bm_intake_get_modified (bm_window_get_intake (other)));
  later.actime = later.modtime = time (NULL) + 2;
  g_utime (g_file_peek_path (file), &later);

  bm_intake_set_mark (bm_window_get_intake (f->window), shin, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL));
  bm_test_run_for (50);
  dialog = bm_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Changed Since You Opened It");
  /* Nothing saved over the other window's work yet */
  {
    g_autoptr(BmIntake) on_disk = bm_intake_load_file (file, NULL);

    g_assert_nonnull (bm_intake_get_mark (on_disk, "neck", BM_SIDE_CENTER));
    g_assert_null (bm_intake_get_mark (on_disk, "shin", BM_SIDE_LEFT));
  }
  adw_message_dialog_response (dialog, "keep-both");
  bm_test_run_for (50);
  g_assert_false (bm_intake_get_modified (bm_window_get_intake (f->window)));
  g_assert_false (g_file_equal (bm_window_get_file (f->window), file));
  g_assert_cmpuint (bm_library_lookup (f->library, "zoe-park-1988")->visits->len, ==, 2);

  bm_intake_set_modified (bm_window_get_intake (other), FALSE);
  gtk_window_destroy (GTK_WINDOW (other));
  bm_test_iterate ();
  g_object_unref (other);
}

/* A label starting with @prefix that is on screen (mapped): a page of a
 * stack that is not shown is not */
static gboolean
shows_mapped_label (GtkWidget  *widget,
                    const char *prefix)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shows_mapped_label (child, prefix))
      return TRUE;
  return FALSE;
}

/* Runs the main loop until the clients view shows a label starting with
 * @prefix; fails after 60 s (the library is looked at every 5 s) */
static void
wait_for_client_label (GtkWidget  *view,
                       const char *prefix)
{
  for (int i = 0; i < 1200 && !shows_mapped_label (view, prefix); i++)
    bm_test_run_for (50);
  if (!shows_mapped_label (view, prefix))
    g_error ("No label “%s” shows in the clients view", prefix);
}

/* Another device adds a client, and a visit for a client shown: the
 * clients view follows with nobody doing anything (a file monitor for
 * the new client's folder, the look every few seconds for the visit) */
static void
test_another_device (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *view = find_widget (GTK_WIDGET (f->window), BM_TYPE_CLIENTS_VIEW);
  g_autoptr(GFile) location = g_file_new_for_path (f->dir);
  g_autoptr(BmLibrary) device = bm_library_new (location, NULL);
  g_autoptr(BmIntake) kim = make_intake ("Kim Wu", 1980, "kim@example.org", "2026-12-01", NULL);
  g_autoptr(BmIntake) jamie = make_intake ("Jamie Rivers", 1994, "jamie@example.org", "2026-12-07", NULL);

  g_assert_true (shows_mapped_label (view, "Jamie Rivers"));
  g_assert_false (shows_mapped_label (view, "Kim Wu"));

  g_assert_true (bm_library_file_intake (device, kim, NULL, NULL, NULL));
  wait_for_client_label (view, "Kim Wu");
  g_assert_nonnull (bm_library_lookup (f->library, "kim-wu-1980"));

  g_assert_true (bm_library_file_intake (device, jamie, NULL, NULL, NULL));
  wait_for_client_label (view, "Last visit 7 Dec 2026");
  g_assert_cmpuint (bm_library_lookup (f->library, "jamie-rivers-1994")->visits->len, ==, 2);
  g_assert_true (shows_mapped_label (view, "Kim Wu"));
}

/* A sync tool's conflict copy of a visit is shown on the client's page
 * with what it is a copy of; Keep puts it in place of the visit (after
 * asking), Delete removes it (after asking) */
static void
test_conflict_copies (Fixture       *f,
                      gconstpointer  data)
{
  const BmClient *client = bm_library_lookup (f->library, "jamie-rivers-1994");
  g_autofree char *visit = g_strdup (bm_client_get_latest_visit (client)->path);
  g_autofree char *name = g_path_get_basename (visit);
  g_autofree char *stem = g_strndup (name, strlen (name) - strlen (".bodymap"));
  g_autofree char *dir = g_path_get_dirname (visit);
  g_autofree char *copy = g_strdup_printf ("%s/%s.sync-conflict-20261201-120000-ABCDEFG.bodymap", dir, stem);
  g_autofree char *other = g_strdup_printf ("%s/%s (conflicted copy 2026-12-01 101010).bodymap", dir, stem);
  g_autofree char *subtitle = g_strdup_printf ("A copy of %s", name);
  g_autofree char *contents = NULL;
  GtkWidget *view;
  AdwMessageDialog *dialog;

  g_assert_true (g_file_get_contents (visit, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (copy, contents, -1, NULL));
  g_assert_true (g_file_set_contents (other, contents, -1, NULL));
  g_assert_true (bm_library_load (f->library, NULL));
  open_client (f, "jamie-rivers-1994");
  view = find_widget (GTK_WIDGET (f->window), BM_TYPE_CLIENT_VIEW);
  g_assert_true (bm_test_shows_label (view, "Conflict Copies"));
  g_assert_true (bm_test_shows_label (view, subtitle));

  /* Keep: asked first; Cancel changes nothing */
  g_signal_emit_by_name (bm_test_find_button (view, "_Keep…"), "clicked");
  bm_test_run_for (50);
  dialog = bm_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Keep This Copy?");
  adw_message_dialog_response (dialog, "cancel");
  bm_test_run_for (50);
  g_assert_true (g_file_test (copy, G_FILE_TEST_EXISTS));

  g_signal_emit_by_name (bm_test_find_button (view, "_Keep…"), "clicked");
  bm_test_run_for (50);
  dialog = bm_test_find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Keep This Copy?");
  adw_message_dialog_response (dialog, "keep");
  bm_test_run_for (100);
  /* One of the two copies (the first listed) took the visit's place */
  g_assert_true (g_file_test (copy, G_FILE_TEST_EXISTS) != g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (visit, G_FILE_TEST_IS_REGULAR));
  g_assert_true (bm_test_shows_label (GTK_WIDGET (f->window), "The copy is the visit now"));
  g_assert_cmpuint (bm_library_lookup (f->library, "jamie-rivers-1994")->conflicts->len, ==, 1);

  g_signal_emit_by_name (bm_test_find_button (view, "_Delete…"), "clicked");
  bm_test_run_for (50);
  dialog = bm_test_find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete This Copy?");
  adw_message_dialog_response (dialog, "delete");
  bm_test_run_for (100);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (bm_library_lookup (f->library, "jamie-rivers-1994")->conflicts->len, ==, 0);
  g_assert_false (bm_test_shows_label (view, "Conflict Copies"));
  g_assert_cmpuint (bm_library_lookup (f->library, "jamie-rivers-1994")->visits->len, ==, 1);
}

/* A check-in handed in at the tablet (another process) shows over the
 * clients at once; filing it with the client it matches opens the new
 * visit in the editor */
static void
test_check_in_waiting (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GFile) location = g_file_new_for_path (f->dir);
  g_autoptr(BmLibrary) tablet = bm_library_new (location, NULL);
  g_autoptr(BmIntake) jamie = make_intake ("Jamie Rivers", 1994, "jamie@example.org", "2026-12-07", NULL);
  g_autofree char *path = NULL;
  GtkWidget *bar = find_widget (GTK_WIDGET (f->window), BM_TYPE_CHECK_INS_BAR);
  AdwMessageDialog *dialog;

  g_assert_nonnull (bar);
  wait_for_client_label (find_widget (GTK_WIDGET (f->window), BM_TYPE_CLIENTS_VIEW), "Jamie Rivers");
  g_assert_false (gtk_widget_get_visible (bar));

  g_assert_true (bm_check_ins_submit (tablet, jamie, TRUE, &path, NULL));
  for (int i = 0; i < 400 && !gtk_widget_get_visible (bar); i++)
    bm_test_run_for (50);
  g_assert_true (gtk_widget_get_visible (bar));
  g_assert_true (bm_test_shows_label (bar, "1 check-in waiting to be filed"));

  g_signal_emit_by_name (bm_test_find_button (bar, "_File…"), "clicked");
  bm_test_run_for (50);
  dialog = bm_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Matches Jamie Rivers, born 1994, on file."));
  adw_message_dialog_response (dialog, "file");
  for (int i = 0; i < 100 && bm_window_get_file (f->window) == NULL; i++)
    bm_test_run_for (50);
  g_assert_nonnull (bm_window_get_file (f->window));
  g_assert_cmpstr (bm_intake_get_client_id (bm_window_get_intake (f->window)), ==, "jamie-rivers-1994");
  g_assert_cmpstr (bm_intake_get_visit_date (bm_window_get_intake (f->window)), ==, "2026-12-07");
  g_assert_null (bm_intake_get_check_in_status (bm_window_get_intake (f->window)));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (gtk_widget_get_visible (bar));
  g_assert_cmpuint (bm_library_lookup (f->library, "jamie-rivers-1994")->visits->len, ==, 2);
}

/* The library is read in a worker thread: the window is given it and
 * goes on at once; until the clients are read the page says it is
 * loading, never that there are no clients */
static void
test_loading (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-loading");
  g_autoptr(GFile) location = g_file_new_for_path (dir);
  g_autoptr(BmLibrary) device = bm_library_new (location, NULL);
  g_autoptr(BmLibrary) library = bm_library_new (location, NULL);
  g_autoptr(BmIntake) sam = make_intake ("Sam Lee", 1990, "", "2026-11-20", NULL);
  BmWindow *window;
  GtkWidget *view;
  int waited = 0;

  g_assert_true (bm_library_file_intake (device, sam, NULL, NULL, NULL));

  window = bm_window_new (NULL);
  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_present (GTK_WINDOW (window));
  bm_window_set_library (window, library);
  /* Not read here, in this thread */
  g_assert_false (bm_library_get_loaded (library));
  view = find_widget (GTK_WIDGET (window), BM_TYPE_CLIENTS_VIEW);
  g_assert_nonnull (view);
  g_assert_true (bm_test_shows_label (view, "Loading clients"));

  while (!shows_mapped_label (view, "Sam Lee"))
    {
      g_assert_false (shows_mapped_label (view, "No Clients Yet"));
      g_assert_cmpint (waited, <, 60000);
      bm_test_run_for (10);
      waited += 10;
    }
  g_assert_true (bm_library_get_loaded (library));
  g_assert_false (shows_mapped_label (view, "Loading clients"));

  gtk_window_destroy (GTK_WINDOW (window));
  bm_test_iterate ();
  g_assert_finalize_object (window);
  bm_test_remove_tree (dir);
  bm_draft_clear ();
}

static gboolean
run (const char * const *argv)
{
  int status = -1;

  return g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                       G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

/* A library on a disk or share that is read-only here: it opens, says so
 * at once, and a save fails with a clear error, losing nothing */
static void
test_read_only (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-read-only");
  g_autoptr(GFile) location = g_file_new_for_path (dir);
  g_autoptr(BmLibrary) library = NULL;
  g_autoptr(BmIntake) sam = make_intake ("Sam Lee", 1990, "", "2026-11-20", NULL);
  g_autoptr(BmMark) neck = bm_mark_new ("neck", BM_SIDE_CENTER, 3, BM_SYMPTOM_TIGHT, NULL);
  BmWindow *window;
  AdwMessageDialog *dialog;
  const BmVisitInfo *visit;
  g_autoptr(GFile) file = NULL;

  /* A read-only file system, which even root cannot write */
  if (!run ((const char * const[]) { "mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dir, NULL }))
    {
      g_test_skip ("cannot mount a file system here (needs root)");
      bm_test_remove_tree (dir);
      return;
    }
  library = bm_library_new (location, NULL);
  g_assert_true (bm_library_file_intake (library, sam, NULL, NULL, NULL));
  g_assert_true (run ((const char * const[]) { "mount", "-o", "remount,ro", dir, NULL }));

  window = bm_window_new (NULL);
  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_present (GTK_WINDOW (window));
  bm_window_set_library (window, library);
  bm_test_run_for (100);
  g_assert_true (bm_test_shows_label (GTK_WIDGET (window), "This library is read-only here"));
  g_assert_true (bm_test_shows_label (GTK_WIDGET (window), "Sam Lee"));

  visit = bm_client_get_latest_visit (bm_library_lookup (library, "sam-lee-1990"));
  file = g_file_new_for_path (visit->path);
  bm_window_open (window, file);
  bm_test_run_for (50);
  bm_intake_set_mark (bm_window_get_intake (window), neck, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  bm_test_run_for (50);
  dialog = bm_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Save");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Read-only"));
  /* Nothing lost: the change is still there, still to save */
  g_assert_true (bm_intake_get_modified (bm_window_get_intake (window)));
  g_assert_nonnull (bm_intake_get_mark (bm_window_get_intake (window), "neck", BM_SIDE_CENTER));

  close_dialogs ();
  bm_intake_set_modified (bm_window_get_intake (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  bm_test_iterate ();
  g_object_unref (window);
  g_clear_object (&library);
  run ((const char * const[]) { "umount", dir, NULL });
  bm_test_remove_tree (dir);
  bm_draft_clear ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  bm_test_load_app_style ();

  g_test_add ("/library-window/clients-page", Fixture, NULL, fixture_set_up, test_clients_page, fixture_tear_down);
  g_test_add ("/library-window/client-and-visit", Fixture, NULL, fixture_set_up, test_client_and_visit,
              fixture_tear_down);
  g_test_add ("/library-window/client-progress", Fixture, NULL, fixture_set_up, test_client_progress,
              fixture_tear_down);
  g_test_add ("/library-window/new-visit", Fixture, NULL, fixture_set_up, test_new_visit, fixture_tear_down);
  g_test_add ("/library-window/new-client", Fixture, NULL, fixture_set_up, test_new_client, fixture_tear_down);
  g_test_add ("/library-window/two-windows", Fixture, NULL, fixture_set_up, test_two_windows, fixture_tear_down);
  g_test_add ("/library-window/file-in-library", Fixture, NULL, fixture_set_up, test_file_in_library, fixture_tear_down);
  g_test_add_func ("/library-window/read-only", test_read_only);
  g_test_add ("/library-window/another-device", Fixture, NULL, fixture_set_up, test_another_device,
              fixture_tear_down);
  g_test_add_func ("/library-window/loading", test_loading);
  g_test_add ("/library-window/conflict-copies", Fixture, NULL, fixture_set_up, test_conflict_copies,
              fixture_tear_down);
  g_test_add ("/library-window/check-in-waiting", Fixture, NULL, fixture_set_up, test_check_in_waiting,
              fixture_tear_down);

  return g_test_run ();
}
