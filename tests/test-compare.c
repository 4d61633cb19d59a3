/* test-compare.c: a library visit beside an earlier one — the Compare
 * toggle and the visit picked, the map's change per area, each region's
 * accessible description, the Areas list, and none without history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "bm-body-map.h"
#include "bm-compare-bar.h"
#include "bm-draft.h"
#include "bm-legend.h"
#include "bm-library.h"
#include "bm-marks-list.h"
#include "bm-region-control.h"
#include "bm-window.h"

#include "bm-test-files.h"
#include "bm-test-gui.h"

typedef struct
{
  char      *dir;
  BmLibrary *library;
  BmWindow  *window;
} Fixture;

typedef struct
{
  const char *region;
  BmSide      side;
  int         severity;
} Mark;

static void
file_visit (Fixture    *f,
            const char *name,
            int         birth_year,
            const char *date,
            const Mark *marks,
            guint       n_marks)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();

  bm_intake_set_client_name (intake, name);
  bm_intake_set_birth_year (intake, birth_year);
  bm_intake_set_visit_date (intake, date);
  for (guint i = 0; i < n_marks; i++)
    {
      g_autoptr(BmMark) mark = bm_mark_new (marks[i].region, marks[i].side, marks[i].severity, 0, NULL);

      bm_intake_set_mark (intake, mark, FALSE);
    }
  g_assert_true (bm_library_file_intake (f->library, intake, NULL, NULL, NULL));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) location = NULL;
  static const Mark october[] = {
    { "calf", BM_SIDE_LEFT, 8 },
    { "quadriceps", BM_SIDE_LEFT, 4 },
  };
  static const Mark november[] = {
    { "neck", BM_SIDE_CENTER, 2 },
    { "it-band", BM_SIDE_LEFT, 7 },
    { "hamstrings", BM_SIDE_RIGHT, 4 },
    { "calf", BM_SIDE_LEFT, 6 },
  };
  static const Mark today[] = {
    { "neck", BM_SIDE_CENTER, 2 },
    { "lower-back", BM_SIDE_LEFT, 6 },
    { "it-band", BM_SIDE_LEFT, 9 },
    { "calf", BM_SIDE_LEFT, 4 },
  };

  bm_draft_clear ();
  f->dir = bm_test_make_temp_dir ("bodymap-compare");
  location = g_file_new_for_path (f->dir);
  f->library = bm_library_new (location, NULL);
  file_visit (f, "Jamie Rivers", 1994, "2026-10-12", october, G_N_ELEMENTS (october));
  file_visit (f, "Jamie Rivers", 1994, "2026-11-09", november, G_N_ELEMENTS (november));
  file_visit (f, "Jamie Rivers", 1994, "2026-11-23", today, G_N_ELEMENTS (today));
  file_visit (f, "Sam Lee", 1990, "2026-11-20", today, 1);

  f->window = bm_window_new (NULL);
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), GPOINTER_TO_INT (data), 900);
  gtk_window_present (GTK_WINDOW (f->window));
  bm_window_set_library (f->window, f->library);
  bm_test_run_for (100);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  bm_intake_set_modified (bm_window_get_intake (f->window), FALSE);
  gtk_window_destroy (GTK_WINDOW (f->window));
  bm_test_iterate ();
  g_object_unref (f->window);
  g_clear_object (&f->library);
  bm_test_remove_tree (f->dir);
  g_free (f->dir);
  bm_draft_clear ();
}

/* Opens the client's latest visit in the editor */
static void
open_latest (Fixture    *f,
             const char *client_id)
{
  const BmVisitInfo *visit = bm_client_get_latest_visit (bm_library_lookup (f->library, client_id));
  g_autoptr(GFile) file = g_file_new_for_path (visit->path);
  AdwLeaflet *leaflet = ADW_LEAFLET (bm_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET));
  GtkWidget *page = bm_window_get_body_map (f->window);

  bm_window_open (f->window, file);
  bm_test_run_for (100);
  g_assert_true (g_file_equal (bm_window_get_file (f->window), file));
  /* The editor on show, as after picking the visit from the client's page */
  while (gtk_widget_get_parent (page) != GTK_WIDGET (leaflet))
    page = gtk_widget_get_parent (page);
  adw_leaflet_set_visible_child (leaflet, page);
  bm_test_run_for (100);
}

static BmCompareBar *
compare_bar (Fixture *f)
{
  return BM_COMPARE_BAR (bm_test_find_widget (GTK_WIDGET (f->window), BM_TYPE_COMPARE_BAR));
}

static const char *
description (Fixture    *f,
             const char *region,
             BmSide      side)
{
  BmBodyMap *map = BM_BODY_MAP (bm_window_get_body_map (f->window));
  GtkWidget *control = bm_body_map_get_control (map, bm_atlas_lookup (bm_atlas_get_default (), region), side);

  return bm_region_control_get_description (BM_REGION_CONTROL (control));
}

static void
assert_description (Fixture    *f,
                    const char *region,
                    BmSide      side,
                    const char *expected)
{
  BmBodyMap *map = BM_BODY_MAP (bm_window_get_body_map (f->window));
  GtkWidget *control = bm_body_map_get_control (map, bm_atlas_lookup (bm_atlas_get_default (), region), side);
  g_autofree char *wrong = NULL;

  g_assert_cmpstr (description (f, region, side), ==, expected);
  /* What the screen reader is given */
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (control),
                                              GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  g_assert_null (wrong);
}

static void
click_compare (Fixture *f)
{
  GtkToggleButton *toggle = bm_compare_bar_get_toggle (compare_bar (f));
  gboolean was = gtk_toggle_button_get_active (toggle);

  /* As Space or Enter would: the button shows pressed for a moment first */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (toggle)));
  for (guint i = 0; i < 100 && gtk_toggle_button_get_active (toggle) == was; i++)
    bm_test_run_for (10);
  g_assert_true (gtk_toggle_button_get_active (toggle) != was);
  bm_test_run_for (20);
}

static GtkWidget *
marks_list (Fixture *f)
{
  GtkWidget *list = bm_window_get_marks_list (f->window);

  g_assert_nonnull (list);
  bm_marks_list_get_n_rows (BM_MARKS_LIST (list));
  return list;
}

static GtkWidget *
legend (Fixture *f)
{
  return bm_test_find_widget (GTK_WIDGET (f->window), BM_TYPE_LEGEND);
}

/* Compare, off at first, compares with the last visit: each area says
 * its change on the map, to the screen reader and in the list, the
 * legend explains the changes, and the earlier map is beside today's */
static void
test_last_visit (Fixture       *f,
                 gconstpointer  data)
{
  BmBodyMap *map = BM_BODY_MAP (bm_window_get_body_map (f->window));
  BmCompareBar *bar;
  BmBodyMap *earlier;
  GtkDropDown *drop_down;
  g_autoptr(BmMark) worse = NULL;

  open_latest (f, "jamie-rivers-1994");
  bar = compare_bar (f);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (bar)));
  g_assert_false (gtk_toggle_button_get_active (bm_compare_bar_get_toggle (bar)));
  g_assert_false (bm_body_map_get_comparing (map));
  g_assert_null (bm_body_map_get_earlier_map (map));
  assert_description (f, "calf", BM_SIDE_LEFT, "Severity 4 of 10, moderate");
  g_assert_true (bm_test_shows_label (marks_list (f), "Moderate, 4/10"));

  click_compare (f);
  g_assert_true (bm_body_map_get_comparing (map));
  g_assert_true (bm_legend_get_comparing (BM_LEGEND (legend (f))));
  drop_down = bm_compare_bar_get_drop_down (bar);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (drop_down)));
  g_assert_cmpuint (gtk_drop_down_get_selected (drop_down), ==, 0);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (drop_down)), 0),
                   ==, "9 Nov 2026");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (drop_down)), 1),
                   ==, "12 Oct 2026");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (drop_down)), ==, 2);

  assert_description (f, "calf", BM_SIDE_LEFT, "Better since 9 November 2026: 6 → 4. Severity 4 of 10, moderate");
  assert_description (f, "it-band", BM_SIDE_LEFT, "Worse since 9 November 2026: 7 → 9. Severity 9 of 10, severe");
  assert_description (f, "neck", BM_SIDE_CENTER, "About the same since 9 November 2026: 2 → 2. Severity 2 of 10, mild");
  assert_description (f, "lower-back", BM_SIDE_LEFT, "New since 9 November 2026: 6. Severity 6 of 10, moderate");
  assert_description (f, "hamstrings", BM_SIDE_RIGHT, "Resolved since 9 November 2026: 4 → none. Not marked");
  assert_description (f, "calf", BM_SIDE_RIGHT, "Not marked");

  /* The list: today's areas and the resolved one, head to toe */
  g_assert_cmpuint (bm_marks_list_get_n_rows (BM_MARKS_LIST (marks_list (f))), ==, 5);
  g_assert_true (bm_test_shows_label (marks_list (f), "6 → 4 · Better"));
  g_assert_true (bm_test_shows_label (marks_list (f), "7 → 9 · Worse"));
  g_assert_true (bm_test_shows_label (marks_list (f), "2 → 2 · Same"));
  g_assert_true (bm_test_shows_label (marks_list (f), "New, 6/10"));
  g_assert_true (bm_test_shows_label (marks_list (f), "4 → resolved"));
  g_assert_true (bm_test_shows_label (marks_list (f), "Right hamstrings"));

  /* Beside: the earlier visit's own map, read only */
  earlier = bm_body_map_get_earlier_map (map);
  g_assert_nonnull (earlier);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (earlier)));
  g_assert_cmpstr (bm_intake_get_visit_date (bm_body_map_get_intake (earlier)), ==, "2026-11-09");
  g_assert_cmpint (bm_intake_get_mark (bm_body_map_get_intake (earlier), "hamstrings", BM_SIDE_RIGHT)->severity, ==, 4);
  g_assert_false (gtk_widget_get_visible (bm_body_map_get_control (earlier, bm_atlas_lookup (bm_atlas_get_default (), "calf"),
                                                                   BM_SIDE_LEFT)));
  g_assert_true (bm_test_shows_label (GTK_WIDGET (map), "Then: 9 Nov 2026"));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (earlier)), <, gtk_widget_get_width (GTK_WIDGET (map)) / 2);

  /* Today's marks change: so does the change */
  worse = bm_mark_new ("calf", BM_SIDE_LEFT, 9, 0, NULL);
  bm_intake_set_mark (bm_window_get_intake (f->window), worse, FALSE);
  bm_test_run_for (20);
  assert_description (f, "calf", BM_SIDE_LEFT, "Worse since 9 November 2026: 6 → 9. Severity 9 of 10, severe");
  g_assert_true (bm_test_shows_label (marks_list (f), "6 → 9 · Worse"));

  /* Off again: severities, as before */
  click_compare (f);
  g_assert_false (bm_body_map_get_comparing (map));
  g_assert_false (bm_legend_get_comparing (BM_LEGEND (legend (f))));
  g_assert_null (bm_body_map_get_earlier_map (map));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (drop_down)));
  assert_description (f, "hamstrings", BM_SIDE_RIGHT, "Not marked");
  assert_description (f, "calf", BM_SIDE_LEFT, "Severity 9 of 10, severe");
  g_assert_cmpuint (bm_marks_list_get_n_rows (BM_MARKS_LIST (marks_list (f))), ==, 4);
  g_assert_false (bm_test_shows_label (marks_list (f), "4 → resolved"));
}

/* Any earlier visit, picked from the drop-down; the keyboard reaches
 * the toggle and the drop-down */
static void
test_switch_visit (Fixture       *f,
                   gconstpointer  data)
{
  BmBodyMap *map = BM_BODY_MAP (bm_window_get_body_map (f->window));
  BmCompareBar *bar;
  g_autoptr(GPtrArray) stops = NULL;

  open_latest (f, "jamie-rivers-1994");
  bar = compare_bar (f);
  click_compare (f);
  gtk_drop_down_set_selected (bm_compare_bar_get_drop_down (bar), 1);
  bm_test_run_for (20);

  g_assert_true (bm_body_map_get_comparing (map));
  assert_description (f, "calf", BM_SIDE_LEFT, "Better since 12 October 2026: 8 → 4. Severity 4 of 10, moderate");
  assert_description (f, "quadriceps", BM_SIDE_LEFT, "Resolved since 12 October 2026: 4 → none. Not marked");
  assert_description (f, "it-band", BM_SIDE_LEFT, "New since 12 October 2026: 9. Severity 9 of 10, severe");
  assert_description (f, "hamstrings", BM_SIDE_RIGHT, "Not marked");
  g_assert_true (bm_test_shows_label (marks_list (f), "8 → 4 · Better"));
  g_assert_false (bm_test_shows_label (marks_list (f), "6 → 4 · Better"));
  g_assert_cmpstr (bm_intake_get_visit_date (bm_body_map_get_intake (bm_body_map_get_earlier_map (map))), ==, "2026-10-12");
  g_assert_true (bm_test_shows_label (GTK_WIDGET (map), "Then: 12 Oct 2026"));

  /* Both are Tab stops (the drop-down's is the button inside it) */
  stops = bm_test_tab_stops (GTK_WIDGET (f->window));
  g_assert_true (g_ptr_array_find (stops, bm_compare_bar_get_toggle (bar), NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (stops, bm_compare_bar_get_drop_down (bar),
                                                   (GEqualFunc) gtk_widget_is_ancestor, NULL));
}

/* No earlier visit, or no library visit: nothing to compare with */
static void
test_no_history (Fixture       *f,
                 gconstpointer  data)
{
  BmBodyMap *map = BM_BODY_MAP (bm_window_get_body_map (f->window));
  g_autoptr(BmIntake) own = bm_intake_new ();

  open_latest (f, "sam-lee-1990");
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (compare_bar (f))));
  assert_description (f, "neck", BM_SIDE_CENTER, "Severity 2 of 10, mild");

  /* From a visit compared to an intake of its own: off, and no way on */
  open_latest (f, "jamie-rivers-1994");
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (compare_bar (f))));
  click_compare (f);
  g_assert_true (bm_body_map_get_comparing (map));
  bm_window_set_intake (f->window, own);
  bm_test_run_for (20);
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (compare_bar (f))));
  g_assert_false (bm_body_map_get_comparing (map));
  g_assert_false (bm_legend_get_comparing (BM_LEGEND (legend (f))));
  assert_description (f, "calf", BM_SIDE_LEFT, "Not marked");
}

/* At phone width the change shows on today's map alone; the list below
 * says what the earlier visit held */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  BmBodyMap *map = BM_BODY_MAP (bm_window_get_body_map (f->window));

  open_latest (f, "jamie-rivers-1994");
  click_compare (f);
  bm_test_run_for (50);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 400);
  g_assert_true (bm_body_map_get_comparing (map));
  g_assert_null (bm_body_map_get_earlier_map (map));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (bm_compare_bar_get_drop_down (compare_bar (f)))));
  assert_description (f, "calf", BM_SIDE_LEFT, "Better since 9 November 2026: 6 → 4. Severity 4 of 10, moderate");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  bm_test_load_app_style ();

  g_test_add ("/compare/last-visit", Fixture, GINT_TO_POINTER (1280), fixture_set_up, test_last_visit, fixture_tear_down);
  g_test_add ("/compare/switch-visit", Fixture, GINT_TO_POINTER (1280), fixture_set_up, test_switch_visit, fixture_tear_down);
  g_test_add ("/compare/no-history", Fixture, GINT_TO_POINTER (1280), fixture_set_up, test_no_history, fixture_tear_down);
  g_test_add ("/compare/narrow", Fixture, GINT_TO_POINTER (360), fixture_set_up, test_narrow, fixture_tear_down);

  return g_test_run ();
}
