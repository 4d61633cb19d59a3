/* test-intake-form.c: the client's form and its document, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "bm-atlas.h"
#include "bm-intake-form.h"
#include "bm-intake-io.h"

#include "bm-test-gui.h"

GResource *bm_ui_get_resource (void);

typedef struct
{
  GtkWindow    *window;
  BmIntakeForm *form;
  BmIntake     *intake;
} Fixture;


static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (f->window, 360, 800);

  f->form = BM_INTAKE_FORM (bm_intake_form_new ());
  gtk_widget_set_margin_start (GTK_WIDGET (f->form), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (f->form), 12);
  gtk_window_set_child (f->window, GTK_WIDGET (f->form));

  f->intake = bm_intake_new ();
  bm_intake_form_set_intake (f->form, f->intake);
  gtk_window_present (f->window);
  bm_test_wait_for_size (GTK_WIDGET (f->form), 100);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  bm_test_iterate ();
  g_assert_finalize_object (f->window);
  /* The form let go of its document */
  g_assert_finalize_object (f->intake);
}

/* Rows are found the way a person finds them: by their title */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_PREFERENCES_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;
      if ((found = find_row (child, title)))
        return found;
    }
  return NULL;
}

static GtkWidget *
row (Fixture    *f,
     const char *title)
{
  GtkWidget *widget = find_row (GTK_WIDGET (f->form), title);

  if (widget == NULL)
    g_error ("no row titled “%s”", title);
  return widget;
}

/* The row inside an expander row, e.g. the next race's "Distance, e.g. 10K or marathon" */
static GtkWidget *
row_in (Fixture    *f,
        const char *parent,
        const char *title)
{
  GtkWidget *widget = find_row (row (f, parent), title);

  if (widget == NULL)
    g_error ("no row titled “%s” in “%s”", title, parent);
  return widget;
}

static GtkCheckButton *
check_of (GtkWidget *widget)
{
  GtkWidget *check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (widget));

  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  return GTK_CHECK_BUTTON (check);
}

static const char *
entry_text (Fixture    *f,
            const char *title)
{
  return gtk_editable_get_text (GTK_EDITABLE (row (f, title)));
}

static GtkWidget *
suffix_of (GtkWidget *widget,
           GType      type)
{
  GtkWidget *found = bm_test_find_widget (widget, type);

  g_assert_nonnull (found);
  return found;
}

static GtkWidget *
find_label_with_class (GtkWidget  *root,
                       const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, css_class))
        return child;
      if ((found = find_label_with_class (child, css_class)))
        return found;
    }
  return NULL;
}

static char *
goals_text (Fixture *f)
{
  GtkTextView *view = GTK_TEXT_VIEW (bm_test_find_widget (GTK_WIDGET (f->form), GTK_TYPE_TEXT_VIEW));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
date_in_days (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) date = g_date_time_add_days (now, days);

  return g_date_time_format (date, "%Y-%m-%d");
}

static void
fill_intake (BmIntake *intake)
{
  bm_intake_set_client_name (intake, "Jamie Rivers");
  bm_intake_set_birth_year (intake, 1994);
  bm_intake_set_email (intake, "jamie@example.org");
  bm_intake_set_phone (intake, "+44 20 7946 0000");
  bm_intake_set_visit_date (intake, "2026-11-23");
  bm_intake_set_phase (intake, BM_PHASE_PEAK);
  bm_intake_set_weekly_km (intake, 55);
  bm_intake_set_next_race (intake, "2026-12-06", "marathon");
  bm_intake_set_pressure (intake, BM_PRESSURE_FIRM);
  bm_intake_set_health (intake, BM_HEALTH_BLOOD_THINNERS | BM_HEALTH_OSTEOPOROSIS);
  bm_intake_set_avoided (intake, "foot", TRUE);
  bm_intake_set_avoided (intake, "neck", TRUE);
  bm_intake_set_goals (intake, "Finish my first marathon without calf cramps");
}

static void
assert_shows_filled (Fixture *f)
{
  g_autofree char *goals = goals_text (f);
  const char *visit_label;

  g_assert_cmpstr (entry_text (f, "Name"), ==, "Jamie Rivers");
  g_assert_cmpstr (entry_text (f, "Year of birth"), ==, "1994");
  g_assert_cmpstr (entry_text (f, "Email"), ==, "jamie@example.org");
  g_assert_cmpstr (entry_text (f, "Phone"), ==, "+44 20 7946 0000");

  visit_label = gtk_menu_button_get_label (GTK_MENU_BUTTON (suffix_of (row (f, "Visit date"),
                                                                       GTK_TYPE_MENU_BUTTON)));
  g_assert_cmpstr (visit_label, ==, "Mon, 23 Nov 2026");

  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row (f, "Training"))), ==, BM_PHASE_PEAK);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row (f, "Training"))), ==,
                   "High mileage or speed work");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (suffix_of (row (f, "Weekly distance"),
                                                                            GTK_TYPE_SPIN_BUTTON))), ==, 55);

  g_assert_true (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (row (f, "Next race"))));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row (f, "Next race"))), ==,
                   "Sun, 6 Dec 2026 · marathon");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_in (f, "Next race", "Distance, e.g. 10K or marathon"))), ==,
                   "marathon");
  g_assert_false (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (row (f, "Last race"))));

  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row (f, "Pressure"))), ==, BM_PRESSURE_FIRM);

  g_assert_true (gtk_check_button_get_active (check_of (row (f, "I take blood thinners"))));
  g_assert_true (gtk_check_button_get_active (check_of (row (f, "I have osteoporosis or fragile bones"))));
  g_assert_false (gtk_check_button_get_active (check_of (row (f, "I have a fever or feel unwell today"))));
  g_assert_false (gtk_check_button_get_active (check_of (row (f, "I am pregnant"))));

  /* Head to toe, whatever order they were added in */
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row (f, "Areas to avoid"))), ==,
                   "Neck, Foot (top)");
  g_assert_true (gtk_check_button_get_active (check_of (row_in (f, "Areas to avoid", "Foot (top)"))));
  g_assert_false (gtk_check_button_get_active (check_of (row_in (f, "Areas to avoid", "Calf"))));

  g_assert_cmpstr (goals, ==, "Finish my first marathon without calf cramps");
}

static void
test_shows_document (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(BmIntake) loaded = bm_intake_new ();

  fill_intake (loaded);
  bm_intake_form_set_intake (f->form, loaded);
  g_assert_true (bm_intake_form_get_intake (f->form) == loaded);
  assert_shows_filled (f);
  /* Showing a document is not editing it */
  g_assert_false (gtk_widget_has_css_class (row (f, "Name"), "error"));
  g_assert_cmpstr (bm_intake_get_client_name (loaded), ==, "Jamie Rivers");

  bm_intake_form_set_intake (f->form, f->intake);
}

static void
test_defaults (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *goals = goals_text (f);

  g_assert_cmpstr (entry_text (f, "Name"), ==, "");
  g_assert_cmpstr (entry_text (f, "Year of birth"), ==, "");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row (f, "Training"))), ==, BM_PHASE_MAINTENANCE);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row (f, "Training"))), ==,
                   "Steady or light training, or off-season");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row (f, "Pressure"))), ==, BM_PRESSURE_MEDIUM);
  g_assert_false (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (row (f, "Next race"))));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row (f, "Next race"))), ==, "None planned");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row (f, "Areas to avoid"))), ==, "None");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (suffix_of (row (f, "Weekly distance"),
                                                                  GTK_TYPE_SPIN_BUTTON))), ==, "");
  g_assert_cmpstr (goals, ==, "");
  g_assert_false (gtk_widget_has_css_class (row (f, "Name"), "error"));
  /* Setting up the form wrote nothing */
  g_assert_false (bm_intake_get_modified (f->intake));
}

static void
test_edits_document (Fixture       *f,
                     gconstpointer  data)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (suffix_of (row (f, "Weekly distance"), GTK_TYPE_SPIN_BUTTON));
  GtkCalendar *calendar;
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *in_two_weeks = date_in_days (14);
  g_autofree char *today = date_in_days (0);
  const BmRace *race;
  GtkTextBuffer *buffer;

  gtk_editable_set_text (GTK_EDITABLE (row (f, "Name")), "Sam Okafor");
  g_assert_cmpstr (bm_intake_get_client_name (f->intake), ==, "Sam Okafor");

  gtk_editable_set_text (GTK_EDITABLE (row (f, "Year of birth")), "1988");
  g_assert_cmpint (bm_intake_get_birth_year (f->intake), ==, 1988);
  gtk_editable_set_text (GTK_EDITABLE (row (f, "Year of birth")), "1850");
  g_assert_cmpint (bm_intake_get_birth_year (f->intake), ==, 0);
  g_assert_true (gtk_widget_has_css_class (row (f, "Year of birth"), "error"));
  gtk_editable_set_text (GTK_EDITABLE (row (f, "Year of birth")), "");
  g_assert_false (gtk_widget_has_css_class (row (f, "Year of birth"), "error"));
  /* Letters are refused */
  gtk_editable_set_text (GTK_EDITABLE (row (f, "Year of birth")), "19a0");
  g_assert_cmpstr (entry_text (f, "Year of birth"), ==, "");

  gtk_editable_set_text (GTK_EDITABLE (row (f, "Email")), "sam@example.org");
  g_assert_cmpstr (bm_intake_get_email (f->intake), ==, "sam@example.org");
  gtk_editable_set_text (GTK_EDITABLE (row (f, "Phone")), "555 0100");
  g_assert_cmpstr (bm_intake_get_phone (f->intake), ==, "555 0100");

  calendar = GTK_CALENDAR (bm_test_find_widget (GTK_WIDGET (gtk_menu_button_get_popover (
    GTK_MENU_BUTTON (suffix_of (row (f, "Visit date"), GTK_TYPE_MENU_BUTTON)))), GTK_TYPE_CALENDAR));
  day = g_date_time_new_local (2027, 3, 9, 0, 0, 0);
  gtk_calendar_select_day (calendar, day);
  g_assert_cmpstr (bm_intake_get_visit_date (f->intake), ==, "2027-03-09");
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (suffix_of (row (f, "Visit date"),
                                                                          GTK_TYPE_MENU_BUTTON))), ==,
                   "Tue, 9 Mar 2027");

  adw_combo_row_set_selected (ADW_COMBO_ROW (row (f, "Training")), BM_PHASE_REHAB);
  g_assert_cmpint (bm_intake_get_phase (f->intake), ==, BM_PHASE_REHAB);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row (f, "Training"))), ==,
                   "Coming back from an injury");

  gtk_spin_button_set_value (spin, 40);
  g_assert_cmpfloat (bm_intake_get_weekly_km (f->intake), ==, 40);
  gtk_spin_button_set_value (spin, 0);
  g_assert_cmpfloat (bm_intake_get_weekly_km (f->intake), <, 0);

  /* Switching a race on gives it a date; off removes it */
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row (f, "Next race")), TRUE);
  race = bm_intake_get_next_race (f->intake);
  g_assert_nonnull (race);
  g_assert_cmpstr (race->date, ==, in_two_weeks);
  gtk_editable_set_text (GTK_EDITABLE (row_in (f, "Next race", "Distance, e.g. 10K or marathon")), "half marathon");
  g_assert_cmpstr (bm_intake_get_next_race (f->intake)->distance, ==, "half marathon");
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row (f, "Next race")), FALSE);
  g_assert_null (bm_intake_get_next_race (f->intake));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row (f, "Next race")), TRUE);
  race = bm_intake_get_next_race (f->intake);
  g_assert_nonnull (race);
  g_assert_cmpstr (race->date, ==, in_two_weeks);
  g_assert_cmpstr (race->distance, ==, "half marathon");

  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row (f, "Last race")), TRUE);
  g_assert_nonnull (bm_intake_get_last_race (f->intake));
  g_assert_cmpstr (bm_intake_get_last_race (f->intake)->date, ==, today);
  g_assert_cmpstr (bm_intake_get_last_race (f->intake)->distance, ==, "");

  adw_combo_row_set_selected (ADW_COMBO_ROW (row (f, "Pressure")), BM_PRESSURE_LIGHT);
  g_assert_cmpint (bm_intake_get_pressure (f->intake), ==, BM_PRESSURE_LIGHT);

  gtk_check_button_set_active (check_of (row (f, "I have a fever or feel unwell today")), TRUE);
  g_assert_cmpuint (bm_intake_get_health (f->intake), ==, BM_HEALTH_FEVER);
  gtk_check_button_set_active (check_of (row (f, "I am pregnant")), TRUE);
  g_assert_cmpuint (bm_intake_get_health (f->intake), ==, BM_HEALTH_FEVER | BM_HEALTH_PREGNANCY);
  gtk_check_button_set_active (check_of (row (f, "I have a fever or feel unwell today")), FALSE);
  g_assert_cmpuint (bm_intake_get_health (f->intake), ==, BM_HEALTH_PREGNANCY);

  gtk_check_button_set_active (check_of (row_in (f, "Areas to avoid", "Calf")), TRUE);
  g_assert_true (bm_intake_get_avoided (f->intake, "calf"));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row (f, "Areas to avoid"))), ==, "Calf");
  gtk_check_button_set_active (check_of (row_in (f, "Areas to avoid", "Calf")), FALSE);
  g_assert_false (bm_intake_get_avoided (f->intake, "calf"));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (bm_test_find_widget (GTK_WIDGET (f->form), GTK_TYPE_TEXT_VIEW)));
  gtk_text_buffer_set_text (buffer, "Loosen my hamstrings", -1);
  g_assert_cmpstr (bm_intake_get_goals (f->intake), ==, "Loosen my hamstrings");
}

static void
test_replace_document (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(BmIntake) first = bm_intake_new ();
  g_autoptr(BmIntake) second = bm_intake_new ();
  g_autofree char *goals = NULL;

  fill_intake (first);
  bm_intake_set_last_race (first, "2026-11-01", "10K");
  bm_intake_form_set_intake (f->form, first);
  g_assert_true (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (row (f, "Last race"))));

  bm_intake_set_client_name (second, "Alex Moreau");
  bm_intake_set_visit_date (second, "2027-01-15");
  bm_intake_set_pressure (second, BM_PRESSURE_LIGHT);
  bm_intake_set_avoided (second, "calf", TRUE);
  bm_intake_form_set_intake (f->form, second);

  g_assert_cmpstr (entry_text (f, "Name"), ==, "Alex Moreau");
  g_assert_cmpstr (entry_text (f, "Year of birth"), ==, "");
  g_assert_cmpstr (entry_text (f, "Email"), ==, "");
  g_assert_cmpstr (entry_text (f, "Phone"), ==, "");
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (suffix_of (row (f, "Visit date"),
                                                                          GTK_TYPE_MENU_BUTTON))), ==,
                   "Fri, 15 Jan 2027");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row (f, "Training"))), ==, BM_PHASE_MAINTENANCE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (suffix_of (row (f, "Weekly distance"),
                                                                  GTK_TYPE_SPIN_BUTTON))), ==, "");
  g_assert_false (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (row (f, "Next race"))));
  g_assert_false (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (row (f, "Last race"))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_in (f, "Next race", "Distance, e.g. 10K or marathon"))), ==, "");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row (f, "Pressure"))), ==, BM_PRESSURE_LIGHT);
  g_assert_false (gtk_check_button_get_active (check_of (row (f, "I take blood thinners"))));
  g_assert_false (gtk_check_button_get_active (check_of (row_in (f, "Areas to avoid", "Foot (top)"))));
  g_assert_true (gtk_check_button_get_active (check_of (row_in (f, "Areas to avoid", "Calf"))));
  goals = goals_text (f);
  g_assert_cmpstr (goals, ==, "");

  /* Nothing of the first document leaked into the second, and the form
   * no longer listens to the first */
  g_assert_null (bm_intake_get_next_race (second));
  g_assert_cmpuint (bm_intake_get_health (second), ==, 0);
  bm_intake_set_client_name (first, "Someone Else");
  g_assert_cmpstr (entry_text (f, "Name"), ==, "Alex Moreau");

  /* No document at all: an empty form nobody can type in */
  bm_intake_form_set_intake (f->form, NULL);
  g_assert_null (bm_intake_form_get_intake (f->form));
  g_assert_cmpstr (entry_text (f, "Name"), ==, "");
  g_assert_false (gtk_widget_is_sensitive (row (f, "Name")));
  bm_intake_form_set_intake (f->form, second);
  g_assert_cmpstr (entry_text (f, "Name"), ==, "Alex Moreau");
  g_assert_true (gtk_widget_is_sensitive (row (f, "Name")));

  /* Switching a race on in the new document starts from the default */
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row (f, "Next race")), TRUE);
  g_assert_cmpstr (bm_intake_get_next_race (second)->distance, ==, "");
  g_assert_null (bm_intake_get_last_race (second));

  bm_intake_form_set_intake (f->form, f->intake);
}

static void
test_follows_document (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *goals = NULL;

  bm_intake_set_client_name (f->intake, "Jo");
  g_assert_cmpstr (entry_text (f, "Name"), ==, "Jo");
  bm_intake_set_birth_year (f->intake, 2001);
  g_assert_cmpstr (entry_text (f, "Year of birth"), ==, "2001");
  bm_intake_set_phase (f->intake, BM_PHASE_PEAK);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row (f, "Training"))), ==, BM_PHASE_PEAK);
  bm_intake_set_pressure (f->intake, BM_PRESSURE_DEEP);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row (f, "Pressure"))), ==, BM_PRESSURE_DEEP);
  bm_intake_set_health (f->intake, BM_HEALTH_SKIN_CONDITION);
  g_assert_true (gtk_check_button_get_active (check_of (row (f, "I have a rash, wound or skin infection"))));
  bm_intake_set_last_race (f->intake, "2026-10-04", "10K");
  g_assert_true (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (row (f, "Last race"))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_in (f, "Last race", "Distance, e.g. 10K or marathon"))), ==, "10K");
  bm_intake_set_last_race (f->intake, NULL, NULL);
  g_assert_false (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (row (f, "Last race"))));
  bm_intake_set_avoided (f->intake, "shin", TRUE);
  g_assert_true (gtk_check_button_get_active (check_of (row_in (f, "Areas to avoid", "Shin"))));
  bm_intake_set_goals (f->intake, "Relax");
  goals = goals_text (f);
  g_assert_cmpstr (goals, ==, "Relax");
}

/* Every phase is offered with what it means, taper last; picking one is
 * what the saved file says */
static void
test_phases (Fixture       *f,
             gconstpointer  data)
{
  static const char * const titles[] = { "Maintenance", "Peak", "Rehab", "Taper" };
  AdwComboRow *training = ADW_COMBO_ROW (row (f, "Training"));
  GListModel *model = adw_combo_row_get_model (training);
  g_autoptr(GBytes) bytes = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), i), ==, titles[i]);

  adw_combo_row_set_selected (training, BM_PHASE_TAPER);
  g_assert_cmpint (bm_intake_get_phase (f->intake), ==, BM_PHASE_TAPER);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (training)), ==,
                   "The last weeks before a goal race: less mileage, keeping the legs fresh");

  bm_intake_set_client_name (f->intake, "Priya Natarajan");
  bytes = bm_intake_save_bytes (f->intake);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  "\n    \"phase\": \"taper\",\n"));

  /* And the other way: a tapering runner's document shows as such */
  bm_intake_set_phase (f->intake, BM_PHASE_REHAB);
  g_assert_cmpuint (adw_combo_row_get_selected (training), ==, BM_PHASE_REHAB);
  bm_intake_set_phase (f->intake, BM_PHASE_TAPER);
  g_assert_cmpuint (adw_combo_row_get_selected (training), ==, BM_PHASE_TAPER);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (training)), ==,
                   "The last weeks before a goal race: less mileage, keeping the legs fresh");
}

/* The hint in "About You" that says what is wrong, when it shows */
static const char *
about_hint (Fixture *f)
{
  GtkWidget *label = find_label_with_class (GTK_WIDGET (f->form), "error");

  g_assert_nonnull (label);
  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static void
pick_visit_date (Fixture *f,
                 int      year,
                 int      month,
                 int      day)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (suffix_of (row (f, "Visit date"), GTK_TYPE_MENU_BUTTON));
  GtkCalendar *calendar = GTK_CALENDAR (bm_test_find_widget (GTK_WIDGET (gtk_menu_button_get_popover (button)),
                                                             GTK_TYPE_CALENDAR));
  g_autoptr(GDateTime) date = g_date_time_new_local (year, month, day, 0, 0, 0);

  gtk_calendar_select_day (calendar, date);
}

static void
type_birth_year (Fixture    *f,
                 const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row (f, "Year of birth")), text);
}

static void
assert_birth_year_refused (Fixture    *f,
                           const char *hint)
{
  GtkWidget *year = row (f, "Year of birth");

  g_assert_cmpint (bm_intake_get_birth_year (f->intake), ==, 0);
  g_assert_true (gtk_widget_has_css_class (year, "error"));
  g_assert_cmpstr (about_hint (f), ==, hint);
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (year), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
}

static void
assert_birth_year_taken (Fixture *f,
                         int      expected)
{
  GtkWidget *year = row (f, "Year of birth");

  g_assert_cmpint (bm_intake_get_birth_year (f->intake), ==, expected);
  g_assert_false (gtk_widget_has_css_class (year, "error"));
  g_assert_null (about_hint (f));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (year), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_FALSE);
}

/* A year of birth after the visit, or one that makes the client younger
 * than 5 at the visit, is shown as wrong and never reaches the document
 * (which could then not be saved). The limits follow the visit date. */
static void
test_birth_year_limits (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BmIntake) reloaded = NULL;

  bm_intake_set_client_name (f->intake, "Sam Okafor");
  pick_visit_date (f, 2026, 11, 23);
  g_assert_cmpstr (bm_intake_get_visit_date (f->intake), ==, "2026-11-23");

  type_birth_year (f, "2021");
  assert_birth_year_taken (f, 2021);
  type_birth_year (f, "1900");
  assert_birth_year_taken (f, 1900);

  type_birth_year (f, "2022");
  assert_birth_year_refused (f, "Year of birth: 2022 would make you younger than 5.");
  type_birth_year (f, "2026");
  assert_birth_year_refused (f, "Year of birth: 2026 would make you younger than 5.");
  type_birth_year (f, "2031");
  assert_birth_year_refused (f, "Year of birth: 2031 is after the visit date.");
  type_birth_year (f, "1899");
  assert_birth_year_refused (f, "Year of birth: four digits, from 1900 to 2021.");

  /* A later visit allows a later year, an earlier one takes it back */
  type_birth_year (f, "2022");
  pick_visit_date (f, 2027, 3, 9);
  assert_birth_year_taken (f, 2022);
  g_assert_cmpstr (entry_text (f, "Year of birth"), ==, "2022");
  pick_visit_date (f, 2026, 11, 23);
  assert_birth_year_refused (f, "Year of birth: 2022 would make you younger than 5.");
  g_assert_cmpstr (entry_text (f, "Year of birth"), ==, "2022");

  /* Whatever was typed, what the form leaves in the document saves and
   * reads back */
  bytes = bm_intake_save_bytes (f->intake);
  reloaded = bm_intake_load_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bm_intake_get_birth_year (reloaded), ==, 0);

  type_birth_year (f, "2020");
  assert_birth_year_taken (f, 2020);
}

static void
test_cursor_stable (Fixture       *f,
                    gconstpointer  data)
{
  GtkEditable *name = GTK_EDITABLE (row (f, "Name"));
  GtkEditable *text = gtk_editable_get_delegate (name);

  gtk_editable_set_text (name, "Jmie Rivers");
  gtk_editable_set_position (name, 1);
  /* Typing, as the keyboard does it */
  g_signal_emit_by_name (text, "insert-at-cursor", "a");
  g_assert_cmpstr (bm_intake_get_client_name (f->intake), ==, "Jamie Rivers");
  /* The document's echo of the edit did not reset the text or the cursor */
  g_assert_cmpint (gtk_editable_get_position (name), ==, 2);
  g_signal_emit_by_name (text, "insert-at-cursor", "x");
  g_assert_cmpstr (bm_intake_get_client_name (f->intake), ==, "Jaxmie Rivers");
  g_assert_cmpint (gtk_editable_get_position (name), ==, 3);
}

static void
test_name_error (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *name = row (f, "Name");
  g_autoptr(BmIntake) other = bm_intake_new ();

  g_assert_false (gtk_widget_has_css_class (name, "error"));
  gtk_editable_set_text (GTK_EDITABLE (name), "Jo");
  g_assert_false (gtk_widget_has_css_class (name, "error"));
  gtk_editable_set_text (GTK_EDITABLE (name), "");
  g_assert_true (gtk_widget_has_css_class (name, "error"));
  gtk_editable_set_text (GTK_EDITABLE (name), "   ");
  g_assert_true (gtk_widget_has_css_class (name, "error"));
  gtk_editable_set_text (GTK_EDITABLE (name), "Jo");
  g_assert_false (gtk_widget_has_css_class (name, "error"));
  gtk_editable_set_text (GTK_EDITABLE (name), "");
  g_assert_true (gtk_widget_has_css_class (name, "error"));

  /* A document given from outside is not the user's typing */
  bm_intake_form_set_intake (f->form, other);
  g_assert_false (gtk_widget_has_css_class (name, "error"));
  bm_intake_form_set_intake (f->form, f->intake);
}

/* What a screen reader says for the control of a row: GTK 4.8 joins the
 * control's own label with the text of what labels it, so the control must
 * have no label of its own, and be labelled by the row's title alone (and
 * described by its subtitle alone, when there is one) */
static void
assert_said_once (GtkWidget  *widget,
                  GtkWidget  *control,
                  const char *name,
                  const char *description)
{
  GtkWidget *title = find_label_with_class (widget, "title");
  GtkWidget *subtitle = find_label_with_class (widget, "subtitle");
  char *problem;

  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));

  g_assert_nonnull (title);
  problem = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                title, NULL);
  g_assert_null (problem);
  gtk_test_accessible_assert_property (title, GTK_ACCESSIBLE_PROPERTY_LABEL, name);

  if (description != NULL)
    {
      g_assert_nonnull (subtitle);
      problem = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                                    subtitle, NULL);
      g_assert_null (problem);
      gtk_test_accessible_assert_property (subtitle, GTK_ACCESSIBLE_PROPERTY_LABEL, description);
    }
}

static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *widget;

  widget = row (f, "I have a fever or feel unwell today");
  assert_said_once (widget, GTK_WIDGET (check_of (widget)), "I have a fever or feel unwell today", NULL);
  widget = row (f, "I take blood thinners");
  assert_said_once (widget, GTK_WIDGET (check_of (widget)), "I take blood thinners",
                    "Medicine that stops blood from clotting, such as warfarin");
  widget = row_in (f, "Areas to avoid", "Neck");
  assert_said_once (widget, GTK_WIDGET (check_of (widget)), "Neck", "The front, sides and back of the neck");
  widget = row_in (f, "Areas to avoid", "Calf");
  assert_said_once (widget, GTK_WIDGET (check_of (widget)), "Calf",
                    "The upper calf, the bulk of the calf muscle below the back of the knee");
  widget = row (f, "Weekly distance");
  assert_said_once (widget, suffix_of (widget, GTK_TYPE_SPIN_BUTTON), "Weekly distance", "Optional, in kilometres");

  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (bm_test_find_widget (GTK_WIDGET (f->form),
                                                                              GTK_TYPE_TEXT_VIEW)),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));
}

/* Each area to avoid says what it takes in, so that a client who means the
 * whole foot sees that "Foot (top)" is the top only and ticks the sole too */
static void
test_avoid_covers (Fixture       *f,
                   gconstpointer  data)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  GtkWidget *foot = row_in (f, "Areas to avoid", "Foot (top)");
  GtkWidget *sole = row_in (f, "Areas to avoid", "Sole of the foot (plantar fascia)");

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (foot)), ==,
                   "The top of the foot, between the ankle and the toes (not the sole)");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (sole)), ==,
                   "The arch of the foot, between the heel and the ball of the foot");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row_in (f, "Areas to avoid", "Achilles tendon"))), ==,
                   "The tendon above the heel");

  /* Every area, head to toe, shows its own */
  for (guint i = 0; i < bm_atlas_get_n_regions (atlas); i++)
    {
      const BmRegion *region = bm_atlas_get_region (atlas, i);
      GtkWidget *widget = row_in (f, "Areas to avoid", bm_region_get_name (region));
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));

      g_assert_nonnull (subtitle);
      g_assert_cmpstr (subtitle, ==, bm_region_get_covers (region));
      g_assert_true (gtk_widget_get_visible (find_label_with_class (widget, "subtitle")));
    }

  /* Ticking both is the whole foot */
  gtk_check_button_set_active (check_of (foot), TRUE);
  gtk_check_button_set_active (check_of (sole), TRUE);
  g_assert_true (bm_intake_get_avoided (f->intake, "foot"));
  g_assert_true (bm_intake_get_avoided (f->intake, "plantar-fascia"));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row (f, "Areas to avoid"))), ==,
                   "Foot (top), Sole of the foot (plantar fascia)");
}

/* The form watches the calendar in the capture phase, before the
 * calendar's own controllers */
static GtkEventController *
find_controller (GtkWidget           *widget,
                 GType                type,
                 GtkPropagationPhase  phase)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type) &&
          gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller)) == phase)
        return GTK_EVENT_CONTROLLER (controller);
    }
  g_assert_not_reached ();
  return NULL;
}

static gboolean
press_key_with (GtkEventController *controller,
                guint               keyval,
                GdkModifierType     state)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
  return handled;
}

static gboolean
press_key (GtkEventController *controller,
           guint               keyval)
{
  return press_key_with (controller, keyval, 0);
}

/* The label showing @day in the calendar, found by its text alone: the
 * app does not depend on GtkCalendar's inner widgets, only this test does
 * to click on a day as a person would */
static GtkWidget *
find_day_label (GtkWidget  *root,
                const char *day)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child) &&
          g_str_equal (gtk_label_get_label (GTK_LABEL (child)), day))
        return child;
      if ((found = find_day_label (child, day)))
        return found;
    }
  return NULL;
}

static void
test_calendar_input (Fixture       *f,
                     gconstpointer  data)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (suffix_of (row (f, "Visit date"), GTK_TYPE_MENU_BUTTON));
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  GtkWidget *calendar = bm_test_find_widget (popover, GTK_TYPE_CALENDAR);
  GtkEventController *own_keys = find_controller (calendar, GTK_TYPE_EVENT_CONTROLLER_KEY, GTK_PHASE_BUBBLE);
  GtkEventController *form_keys = find_controller (calendar, GTK_TYPE_EVENT_CONTROLLER_KEY, GTK_PHASE_CAPTURE);
  GtkEventController *own_click = find_controller (calendar, GTK_TYPE_GESTURE_CLICK, GTK_PHASE_BUBBLE);
  GtkEventController *form_click = find_controller (calendar, GTK_TYPE_GESTURE_CLICK, GTK_PHASE_CAPTURE);
  GtkWidget *label;
  graphene_point_t point;

  bm_intake_set_visit_date (f->intake, "2026-11-23");

  /* A click on a day picks it and closes */
  gtk_menu_button_popup (button);
  bm_test_wait_for_size (calendar, 100);
  label = find_day_label (calendar, "18");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_compute_point (label, calendar,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (label) / 2.f,
                                                                 gtk_widget_get_height (label) / 2.f),
                                           &point));
  g_signal_emit_by_name (form_click, "pressed", 1, (double) point.x, (double) point.y);
  g_signal_emit_by_name (own_click, "pressed", 1, (double) point.x, (double) point.y);
  g_assert_cmpstr (bm_intake_get_visit_date (f->intake), ==, "2026-11-18");
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "Wed, 18 Nov 2026");
  bm_test_iterate ();
  g_assert_false (gtk_widget_get_visible (popover));

  /* From the keyboard, the arrows move the selected day, Enter takes it
   * and closes; nothing is written before */
  gtk_menu_button_popup (button);
  bm_test_wait_for_size (calendar, 100);
  g_assert_true (press_key (form_keys, GDK_KEY_Right));
  g_assert_cmpstr (bm_intake_get_visit_date (f->intake), ==, "2026-11-18");
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "Wed, 18 Nov 2026");
  g_assert_true (press_key (form_keys, GDK_KEY_Return));
  g_assert_cmpstr (bm_intake_get_visit_date (f->intake), ==, "2026-11-19");
  bm_test_iterate ();
  g_assert_false (gtk_widget_get_visible (popover));

  /* Space too; a week down, across the month */
  gtk_menu_button_popup (button);
  bm_test_wait_for_size (calendar, 100);
  g_assert_true (press_key (form_keys, GDK_KEY_Down));
  g_assert_true (press_key (form_keys, GDK_KEY_Down));
  g_assert_true (press_key (form_keys, GDK_KEY_space));
  g_assert_cmpstr (bm_intake_get_visit_date (f->intake), ==, "2026-12-03");
  bm_test_iterate ();
  g_assert_false (gtk_widget_get_visible (popover));

  /* Closed without taking a day (Escape): the date stays, and the calendar
   * shows it again */
  gtk_menu_button_popup (button);
  bm_test_wait_for_size (calendar, 100);
  g_assert_true (press_key (form_keys, GDK_KEY_Up));
  gtk_menu_button_popdown (button);
  bm_test_iterate ();
  g_assert_cmpstr (bm_intake_get_visit_date (f->intake), ==, "2026-12-03");
  {
    g_autoptr(GDateTime) shown = gtk_calendar_get_date (GTK_CALENDAR (calendar));

    g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 3);
    g_assert_cmpint (g_date_time_get_month (shown), ==, 12);
  }

  /* Ctrl+arrows are the calendar's own: the month changes, nothing is taken */
  gtk_menu_button_popup (button);
  bm_test_wait_for_size (calendar, 100);
  g_assert_false (press_key_with (form_keys, GDK_KEY_Right, GDK_CONTROL_MASK));
  g_assert_true (press_key_with (own_keys, GDK_KEY_Right, GDK_CONTROL_MASK));
  g_assert_cmpstr (bm_intake_get_visit_date (f->intake), ==, "2026-12-03");
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_true (press_key (form_keys, GDK_KEY_Return));
  g_assert_cmpstr (bm_intake_get_visit_date (f->intake), ==, "2027-01-03");
  bm_test_iterate ();
  g_assert_false (gtk_widget_get_visible (popover));
}

/* Tab through the form: every stop acts; an information row, or a row
 * that only holds a control, is no stop of its own */
static void
test_tab_stops (Fixture       *f,
                gconstpointer  data)
{
  g_assert_cmpuint (bm_test_assert_tab_stops_act (GTK_WIDGET (f->form)), >, 10);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_nonnull (bm_ui_get_resource ());

  g_test_add ("/intake-form/tab-stops", Fixture, NULL, fixture_set_up, test_tab_stops, fixture_tear_down);
  g_test_add ("/intake-form/defaults", Fixture, NULL, fixture_set_up, test_defaults, fixture_tear_down);
  g_test_add ("/intake-form/shows-document", Fixture, NULL, fixture_set_up, test_shows_document, fixture_tear_down);
  g_test_add ("/intake-form/edits-document", Fixture, NULL, fixture_set_up, test_edits_document, fixture_tear_down);
  g_test_add ("/intake-form/replace-document", Fixture, NULL, fixture_set_up, test_replace_document, fixture_tear_down);
  g_test_add ("/intake-form/follows-document", Fixture, NULL, fixture_set_up, test_follows_document, fixture_tear_down);
  g_test_add ("/intake-form/phases", Fixture, NULL, fixture_set_up, test_phases, fixture_tear_down);
  g_test_add ("/intake-form/birth-year-limits", Fixture, NULL, fixture_set_up, test_birth_year_limits, fixture_tear_down);
  g_test_add ("/intake-form/cursor-stable", Fixture, NULL, fixture_set_up, test_cursor_stable, fixture_tear_down);
  g_test_add ("/intake-form/name-error", Fixture, NULL, fixture_set_up, test_name_error, fixture_tear_down);
  g_test_add ("/intake-form/calendar-input", Fixture, NULL, fixture_set_up, test_calendar_input, fixture_tear_down);
  g_test_add ("/intake-form/avoid-covers", Fixture, NULL, fixture_set_up, test_avoid_covers, fixture_tear_down);
  g_test_add ("/intake-form/accessible", Fixture, NULL, fixture_set_up, test_accessible, fixture_tear_down);

  return g_test_run ();
}
