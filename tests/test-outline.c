/* test-outline.c: choosing the body outline — over the therapist's map,
 * undone and saved; at check-in, for a finger; the earlier visit's map
 * in compare mode drawn in its own outline; a new visit in the last one's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bm-body-map.h"
#include "bm-check-in-flow.h"
#include "bm-clients-view.h"
#include "bm-compare-bar.h"
#include "bm-draft.h"
#include "bm-intake-io.h"
#include "bm-library.h"
#include "bm-outline-button.h"
#include "bm-outline-picker.h"
#include "bm-window.h"

#include "bm-test-files.h"
#include "bm-test-gui.h"

typedef struct
{
  char     *dir;
  BmWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  bm_draft_clear ();
  f->dir = bm_test_make_temp_dir ("bodymap-outline");
  f->window = bm_window_new (NULL);
  g_object_ref_sink (f->window);
  /* Wide enough for the earlier visit's map beside today's */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  bm_test_wait_for_size (bm_window_get_body_map (f->window), 300);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  bm_intake_set_modified (bm_window_get_intake (f->window), FALSE);
  gtk_window_destroy (GTK_WINDOW (f->window));
  bm_test_iterate ();
  g_assert_finalize_object (f->window);
  bm_test_remove_tree (f->dir);
  g_free (f->dir);
  bm_draft_clear ();
}

static const BmRegion *
region (const char *id)
{
  const BmRegion *r = bm_atlas_lookup (bm_atlas_get_default (), id);

  g_assert_nonnull (r);
  return r;
}

static BmView
front (void)
{
  BmView view = 0;

  g_assert_true (bm_atlas_lookup_view (bm_atlas_get_default (), "front", &view));
  return view;
}

/* The widget as it is drawn */
static cairo_surface_t *
render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  g_autoptr(GskRenderNode) node = NULL;
  cairo_t *cr = cairo_create (surface);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  int h = cairo_image_surface_get_height (a);

  if (cairo_image_surface_get_width (a) != cairo_image_surface_get_width (b) ||
      h != cairo_image_surface_get_height (b) ||
      cairo_image_surface_get_stride (a) != cairo_image_surface_get_stride (b))
    return FALSE;
  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) h * cairo_image_surface_get_stride (a)) == 0;
}

/* How far the client's left outer hip is drawn from the middle of the
 * front view, in pixels: the client's left is on the viewer's right */
static double
hip_offset (BmBodyMap *map)
{
  const BmRegion *hip = region ("tfl");
  double x, y, mx, my;

  g_assert_true (bm_body_map_get_region_point (map, hip, BM_SIDE_LEFT, front (), &x, &y));
  g_assert_true (bm_body_map_get_region_point (map, region ("abdomen"), BM_SIDE_CENTER, front (), &mx, &my));
  return x - mx;
}

static GtkMenuButton *
outline_menu_button (Fixture *f)
{
  BmOutlineButton *button = BM_OUTLINE_BUTTON (bm_test_find_widget (GTK_WIDGET (f->window), BM_TYPE_OUTLINE_BUTTON));

  g_assert_nonnull (button);
  return bm_outline_button_get_menu_button (button);
}

static const char *
button_label (Fixture *f)
{
  return gtk_menu_button_get_label (outline_menu_button (f));
}

static BmOutlinePicker *
open_picker (Fixture *f)
{
  GtkMenuButton *menu_button = outline_menu_button (f);
  GtkPopover *popover;
  GtkWidget *picker;

  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (menu_button)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (menu_button)));
  gtk_menu_button_popup (menu_button);
  bm_test_run_for (100);
  popover = gtk_menu_button_get_popover (menu_button);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  picker = bm_test_find_widget (GTK_WIDGET (popover), BM_TYPE_OUTLINE_PICKER);
  g_assert_nonnull (picker);
  return BM_OUTLINE_PICKER (picker);
}

/* As Space on the radio button would */
static void
choose (GtkCheckButton *button)
{
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_activate (GTK_WIDGET (button)));
  bm_test_run_for (50);
  g_assert_true (gtk_check_button_get_active (button));
}

/* Over the map: "Outline: Standard"; choosing Wider hips draws it, with
 * every mark where it was, undo goes back, and the file keeps it */
static void
test_window (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "sam.bodymap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BmMark) mark = bm_mark_new ("tfl", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT, NULL);
  BmBodyMap *map = BM_BODY_MAP (bm_window_get_body_map (f->window));
  BmIntake *intake = bm_window_get_intake (f->window);
  BmOutlinePicker *picker;
  GtkCheckButton *wider;
  cairo_surface_t *before, *after, *undone;
  double standard_hip;
  g_autofree char *saved = NULL;
  char *wrong;
  g_autoptr(GError) error = NULL;

  bm_intake_set_client_name (intake, "Sam Lee");
  bm_intake_set_mark (intake, mark, FALSE);
  bm_test_run_for (50);
  g_assert_cmpstr (button_label (f), ==, "Outline: Standard");
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (outline_menu_button (f)),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, "Outline: Standard");
  g_assert_null (wrong);
  standard_hip = hip_offset (map);
  before = render (GTK_WIDGET (map));

  picker = open_picker (f);
  g_assert_true (gtk_check_button_get_active (bm_outline_picker_get_button (picker, 0)));
  wider = bm_outline_picker_get_button (picker, 1);
  g_assert_false (gtk_check_button_get_active (wider));
  /* Named for a screen reader by the outline's name, described in words */
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (wider), GTK_ACCESSIBLE_PROPERTY_LABEL, "Wider hips");
  g_assert_null (wrong);
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (wider), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                              "Narrower shoulders, wider hips and thighs");
  g_assert_null (wrong);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (picker)), ==, GTK_ACCESSIBLE_ROLE_RADIO_GROUP);

  choose (wider);
  g_assert_cmpstr (bm_intake_get_body (intake), ==, "wider-hips");
  g_assert_cmpstr (button_label (f), ==, "Outline: Wider hips");
  /* Chosen: the popover closes and the map shows the outline unhidden */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (outline_menu_button (f)))));
  g_assert_true (bm_intake_get_modified (intake));
  bm_test_run_for (50);
  after = render (GTK_WIDGET (map));
  g_assert_false (same_pixels (before, after));
  /* The hip drawn farther out, and the mark still on it */
  g_test_message ("outer hip %.1f px from the middle, %.1f px in the standard outline", hip_offset (map), standard_hip);
  g_assert_cmpfloat (hip_offset (map), >, standard_hip + 2);
  g_assert_nonnull (bm_intake_get_mark (intake, "tfl", BM_SIDE_LEFT));

  /* Undone as any edit */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_null (bm_intake_get_body (intake));
  g_assert_cmpstr (button_label (f), ==, "Outline: Standard");
  g_assert_true (gtk_check_button_get_active (bm_outline_picker_get_button (picker, 0)));
  bm_test_run_for (50);
  undone = render (GTK_WIDGET (map));
  g_assert_true (same_pixels (before, undone));
  g_assert_cmpfloat (hip_offset (map), ==, standard_hip);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
  g_assert_cmpstr (bm_intake_get_body (intake), ==, "wider-hips");
  g_assert_true (gtk_check_button_get_active (wider));

  /* Saved with the visit, and opened again in it */
  g_assert_true (bm_document_save (bm_window_get_document (f->window), file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "\n  \"body\": \"wider-hips\",\n"));
  bm_window_open (f->window, file);
  bm_test_run_for (100);
  g_assert_true (bm_window_get_intake (f->window) != intake);
  g_assert_cmpstr (bm_intake_get_body (bm_window_get_intake (f->window)), ==, "wider-hips");
  g_assert_cmpstr (button_label (f), ==, "Outline: Wider hips");
  g_assert_cmpfloat (hip_offset (map), >, standard_hip + 2);

  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
  cairo_surface_destroy (undone);
}

/* At check-in, beside the map: the question in plain words and the
 * outlines side by side, each a target for a finger */
static void
test_check_in (void)
{
  GtkWidget *window = gtk_window_new ();
  BmCheckInFlow *flow = BM_CHECK_IN_FLOW (bm_check_in_flow_new ());
  BmIntake *intake = bm_check_in_flow_get_intake (flow);
  BmOutlinePicker *picker;
  GtkCheckButton *broad;
  cairo_surface_t *before, *after;
  GtkWidget *map;

  gtk_widget_add_css_class (window, "check-in");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (flow));
  gtk_window_present (GTK_WINDOW (window));
  map = bm_check_in_flow_get_body_map (flow);
  bm_test_wait_for_size (map, 300);

  g_assert_true (bm_test_shows_label (GTK_WIDGET (flow), "Which Outline Is Closest to Yours?"));
  picker = BM_OUTLINE_PICKER (bm_test_find_widget (GTK_WIDGET (flow), BM_TYPE_OUTLINE_PICKER));
  g_assert_nonnull (picker);
  g_assert_true (bm_outline_picker_get_touch (picker));
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (picker)));
  for (guint i = 0; i < bm_atlas_get_n_bodies (bm_atlas_get_default ()); i++)
    {
      GtkWidget *button = GTK_WIDGET (bm_outline_picker_get_button (picker, i));

      g_assert_cmpint (gtk_widget_get_width (button), >=, 44);
      g_assert_cmpint (gtk_widget_get_height (button), >=, 44);
    }
  g_assert_false (bm_check_in_flow_has_input (flow));

  before = render (map);
  broad = bm_outline_picker_get_button (picker, 2);
  choose (broad);
  g_assert_cmpstr (bm_intake_get_body (intake), ==, "broad-shoulders");
  after = render (map);
  g_assert_false (same_pixels (before, after));
  /* What the client chose is worth keeping if they walk away */
  g_assert_true (bm_check_in_flow_has_input (flow));

  /* The review says it, in the same words */
  bm_intake_set_client_name (intake, "Noor Haddad");
  bm_intake_set_birth_year (intake, 1990);
  bm_intake_set_consent (intake, TRUE);
  g_assert_true (bm_check_in_flow_go_to_step (flow, BM_CHECK_IN_STEP_REVIEW));
  bm_test_run_for (50);
  g_assert_true (bm_test_shows_label (GTK_WIDGET (flow), "Outline closest to yours"));
  g_assert_true (bm_test_shows_label (GTK_WIDGET (flow), "Broad shoulders"));

  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
  gtk_window_destroy (GTK_WINDOW (window));
  bm_test_iterate ();
}

static void
file_visit (BmLibrary  *library,
            const char *date,
            const char *body)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmMark) mark = bm_mark_new ("tfl", BM_SIDE_LEFT, 5, 0, NULL);

  bm_intake_set_client_name (intake, "Jamie Rivers");
  bm_intake_set_birth_year (intake, 1994);
  bm_intake_set_visit_date (intake, date);
  bm_intake_set_body (intake, body);
  bm_intake_set_mark (intake, mark, FALSE);
  g_assert_true (bm_library_file_intake (library, intake, NULL, NULL, NULL));
}

/* Compare mode: the earlier visit's map beside today's is drawn in the
 * outline chosen at that visit, whatever today's is */
static void
test_compare (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GFile) location = g_file_new_for_path (f->dir);
  g_autoptr(BmLibrary) library = bm_library_new (location, NULL);
  BmBodyMap *map = BM_BODY_MAP (bm_window_get_body_map (f->window));
  const BmVisitInfo *visit;
  g_autoptr(GFile) file = NULL;
  BmCompareBar *bar;
  BmBodyMap *earlier;
  double drawn;

  file_visit (library, "2026-11-09", "wider-hips");
  file_visit (library, "2026-11-23", NULL);
  bm_window_set_library (f->window, library);
  bm_test_run_for (100);
  visit = bm_client_get_latest_visit (bm_library_lookup (library, "jamie-rivers-1994"));
  file = g_file_new_for_path (visit->path);
  bm_window_open (f->window, file);
  bm_test_run_for (100);
  g_assert_null (bm_intake_get_body (bm_window_get_intake (f->window)));
  /* The editor on show, as after picking the visit from the client's page */
  {
    AdwLeaflet *leaflet = ADW_LEAFLET (bm_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET));
    GtkWidget *page = GTK_WIDGET (map);

    while (gtk_widget_get_parent (page) != GTK_WIDGET (leaflet))
      page = gtk_widget_get_parent (page);
    adw_leaflet_set_visible_child (leaflet, page);
    bm_test_run_for (100);
  }

  bar = BM_COMPARE_BAR (bm_test_find_widget (GTK_WIDGET (f->window), BM_TYPE_COMPARE_BAR));
  g_assert_true (gtk_widget_activate (GTK_WIDGET (bm_compare_bar_get_toggle (bar))));
  for (guint i = 0; i < 100 && bm_body_map_get_earlier_map (map) == NULL; i++)
    bm_test_run_for (10);
  earlier = bm_body_map_get_earlier_map (map);
  g_assert_nonnull (earlier);
  bm_test_wait_for_size (GTK_WIDGET (earlier), 100);
  g_assert_cmpstr (bm_intake_get_body (bm_body_map_get_intake (earlier)), ==, "wider-hips");

  /* Drawn in that outline: in the standard one the hip is nearer the
   * middle */
  drawn = hip_offset (earlier);
  bm_intake_set_body (bm_body_map_get_intake (earlier), NULL);
  bm_test_run_for (50);
  g_test_message ("earlier map: outer hip %.1f px from the middle, %.1f px in the standard outline",
                  drawn, hip_offset (earlier));
  g_assert_cmpfloat (drawn, >, hip_offset (earlier) + 1);

  g_assert_true (gtk_widget_activate (GTK_WIDGET (bm_compare_bar_get_toggle (bar))));
  bm_test_run_for (50);
}

/* New Visit starts in the outline of the client's last visit */
static void
test_new_visit (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) location = g_file_new_for_path (f->dir);
  g_autoptr(BmLibrary) library = bm_library_new (location, NULL);
  GtkWidget *clients;

  file_visit (library, "2026-11-09", "broad-shoulders");
  bm_window_set_library (f->window, library);
  bm_test_run_for (100);
  clients = bm_test_find_widget (GTK_WIDGET (f->window), BM_TYPE_CLIENTS_VIEW);
  g_assert_nonnull (clients);
  g_signal_emit_by_name (clients, "client-activated", "jamie-rivers-1994");
  bm_test_run_for (50);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-visit", NULL));
  bm_test_run_for (50);
  g_assert_cmpstr (bm_intake_get_client_name (bm_window_get_intake (f->window)), ==, "Jamie Rivers");
  g_assert_null (bm_intake_get_mark (bm_window_get_intake (f->window), "tfl", BM_SIDE_LEFT));
  g_assert_cmpstr (bm_intake_get_body (bm_window_get_intake (f->window)), ==, "broad-shoulders");
  g_assert_cmpstr (button_label (f), ==, "Outline: Broad shoulders");
  /* Not an edit of today's visit: nothing to undo */
  g_assert_false (bm_intake_can_undo (bm_window_get_intake (f->window)));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  bm_test_load_app_style ();

  g_test_add ("/outline/window", Fixture, NULL, fixture_set_up, test_window, fixture_tear_down);
  g_test_add_func ("/outline/check-in", test_check_in);
  g_test_add ("/outline/compare", Fixture, NULL, fixture_set_up, test_compare, fixture_tear_down);
  g_test_add ("/outline/new-visit", Fixture, NULL, fixture_set_up, test_new_visit, fixture_tear_down);

  return g_test_run ();
}
