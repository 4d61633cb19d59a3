/* test-touch.c: the body map for a finger (check-in on a tablet, 1280 ×
 * 800): a tap beside an area snaps to it, zoom (buttons, keys, API) with
 * hit tests and controls that follow, targets of at least 44 px; under
 * Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "bm-body-map.h"
#include "bm-mark-editor.h"

#include "bm-test-gui.h"

typedef struct
{
  GtkWindow *window;
  BmBodyMap *map;
  BmIntake  *intake;
  BmAtlas   *atlas;
  BmView     back;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->atlas = bm_atlas_get_default ();
  g_assert_true (bm_atlas_lookup_view (f->atlas, "back", &f->back));
  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (f->window);
  f->map = BM_BODY_MAP (bm_body_map_new ());
  f->intake = bm_intake_new ();
  bm_body_map_set_intake (f->map, f->intake);
  bm_body_map_set_touch_mode (f->map, GPOINTER_TO_INT (data));
  gtk_window_set_child (f->window, GTK_WIDGET (f->map));
  gtk_window_set_default_size (f->window, 1280, 800);
  gtk_window_present (f->window);
  bm_test_wait_for_size (GTK_WIDGET (f->map), 1000);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  bm_test_iterate ();
  g_assert_finalize_object (f->window);
  g_clear_object (&f->intake);
}

static GtkGesture *
find_gesture (GtkWidget *widget,
              GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return GTK_GESTURE (controller);
    }
  g_assert_not_reached ();
}

static void
tap_at (Fixture *f,
        double   x,
        double   y)
{
  GtkGesture *click = find_gesture (GTK_WIDGET (f->map), GTK_TYPE_GESTURE_CLICK);

  g_signal_emit_by_name (click, "pressed", 1, x, y);
  g_signal_emit_by_name (click, "released", 1, x, y);
  bm_test_iterate ();
}

static gboolean
press_key (Fixture         *f,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->map));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }
  bm_test_iterate ();
  return handled;
}

static GtkWidget *
control_for (Fixture    *f,
             const char *id,
             BmSide      side)
{
  GtkWidget *control = bm_body_map_get_control (f->map, bm_atlas_lookup (f->atlas, id), side);

  g_assert_nonnull (control);
  return control;
}

/* Where the control of a region is, on the map: its accessible bounds */
static void
control_bounds (Fixture         *f,
                const char      *id,
                BmSide           side,
                graphene_rect_t *bounds)
{
  g_assert_true (gtk_widget_compute_bounds (control_for (f, id, side), GTK_WIDGET (f->map), bounds));
}

/* 10 px right of the client's left Achilles, from behind: bare skin
 * between it and the inner edge of the leg */
static void
beside_achilles (Fixture *f,
                 double   gap,
                 double  *x,
                 double  *y)
{
  graphene_rect_t b;

  control_bounds (f, "achilles", BM_SIDE_LEFT, &b);
  *x = b.origin.x + b.size.width + gap;
  *y = b.origin.y + b.size.height / 2;
}

/* The controls move at the next frame's layout */
static void
wait_for_layout (Fixture *f)
{
  bm_test_run_for (50);
}

static void
close_editor (Fixture *f)
{
  gtk_popover_popdown (bm_body_map_get_editor (f->map));
  bm_test_iterate ();
}

/* In touch mode, a tap 10 px beside the Achilles marks the Achilles; a
 * tap far from everything marks nothing */
static void
test_snap (Fixture       *f,
           gconstpointer  data)
{
  const BmRegion *selected;
  BmSide side;
  double x, y;

  g_assert_true (bm_body_map_get_touch_mode (f->map));
  beside_achilles (f, 10, &x, &y);
  tap_at (f, x, y);
  g_assert_nonnull (bm_intake_get_mark (f->intake, "achilles", BM_SIDE_LEFT));
  g_assert_cmpuint (bm_intake_get_marks (f->intake)->len, ==, 1);
  selected = bm_body_map_get_selected (f->map, &side);
  g_assert_true (selected == bm_atlas_lookup (f->atlas, "achilles"));
  g_assert_cmpint (side, ==, BM_SIDE_LEFT);
  /* Its editor opens, as for a tap on it */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bm_body_map_get_editor (f->map))));
  close_editor (f);

  /* Far from every area: nothing, and the selection goes */
  tap_at (f, 3, gtk_widget_get_height (GTK_WIDGET (f->map)) - 3);
  g_assert_cmpuint (bm_intake_get_marks (f->intake)->len, ==, 1);
  g_assert_null (bm_body_map_get_selected (f->map, NULL));
  /* Above the head, in the middle of a figure */
  tap_at (f, gtk_widget_get_width (GTK_WIDGET (f->map)) / 2, 2);
  g_assert_cmpuint (bm_intake_get_marks (f->intake)->len, ==, 1);
}

/* A mouse click beside an area is not on it: no snapping out of touch
 * mode (a click from a touch screen would still snap) */
static void
test_no_snap_with_mouse (Fixture       *f,
                         gconstpointer  data)
{
  double x, y;

  g_assert_false (bm_body_map_get_touch_mode (f->map));
  beside_achilles (f, 10, &x, &y);
  tap_at (f, x, y);
  g_assert_cmpuint (bm_intake_get_marks (f->intake)->len, ==, 0);
  g_assert_null (bm_body_map_get_selected (f->map, NULL));
}

/* Zoomed in on the Achilles, a tap at its point on screen is a tap on
 * it, its control (and accessible bounds) is where it is drawn and as
 * much bigger as the zoom, and snapping works in screen pixels */
static void
test_zoom_hit (Fixture       *f,
               gconstpointer  data)
{
  const BmRegion *achilles = bm_atlas_lookup (f->atlas, "achilles");
  graphene_rect_t before, after;
  int width = gtk_widget_get_width (GTK_WIDGET (f->map));
  int height = gtk_widget_get_height (GTK_WIDGET (f->map));
  double x, y, zx, zy;

  control_bounds (f, "achilles", BM_SIDE_LEFT, &before);
  g_assert_true (bm_body_map_get_region_point (f->map, achilles, BM_SIDE_LEFT, f->back, &x, &y));

  bm_body_map_zoom_to_region (f->map, achilles, BM_SIDE_LEFT, 3);
  wait_for_layout (f);
  g_assert_cmpfloat_with_epsilon (bm_body_map_get_zoom (f->map), 3, 1e-9);
  control_bounds (f, "achilles", BM_SIDE_LEFT, &after);
  /* Bounds are whole pixels: each edge of the unzoomed one may be up to
   * a pixel out, three after the zoom */
  g_assert_cmpfloat_with_epsilon (after.size.height, before.size.height * 3, 6);
  g_assert_cmpfloat_with_epsilon (after.size.width, before.size.width * 3, 6);

  /* In the middle of the map now, and moved as the zoom says */
  g_assert_true (bm_body_map_get_region_point (f->map, achilles, BM_SIDE_LEFT, f->back, &zx, &zy));
  g_assert_cmpfloat (zx, >, 0);
  g_assert_cmpfloat (zx, <, width);
  g_assert_cmpfloat (zy, >, 0);
  g_assert_cmpfloat (zy, <, height);
  g_assert_cmpfloat (fabs (zx - x) + fabs (zy - y), >, 50);
  g_assert_true (graphene_rect_contains_point (&after, &GRAPHENE_POINT_INIT (zx, zy)));

  tap_at (f, zx, zy);
  g_assert_nonnull (bm_intake_get_mark (f->intake, "achilles", BM_SIDE_LEFT));
  g_assert_cmpuint (bm_intake_get_marks (f->intake)->len, ==, 1);
  close_editor (f);

  /* The old place of the Achilles on screen is another part of the
   * body: not the Achilles */
  bm_intake_remove_mark (f->intake, "achilles", BM_SIDE_LEFT);
  tap_at (f, x, y);
  g_assert_null (bm_intake_get_mark (f->intake, "achilles", BM_SIDE_LEFT));
  close_editor (f);
  while (bm_intake_get_marks (f->intake)->len > 0)
    {
      const BmMark *mark = g_ptr_array_index (bm_intake_get_marks (f->intake), 0);

      bm_intake_remove_mark (f->intake, mark->region, mark->side);
    }

  /* Snapping is measured on screen: zoomed in, 10 px beside it is on
   * it, a finger's width and more beside it (bare skin) is not */
  beside_achilles (f, BM_BODY_MAP_SNAP_DISTANCE + 8, &x, &y);
  tap_at (f, x, y);
  g_assert_cmpuint (bm_intake_get_marks (f->intake)->len, ==, 0);
  g_assert_null (bm_body_map_get_selected (f->map, NULL));
  beside_achilles (f, 10, &x, &y);
  tap_at (f, x, y);
  g_assert_nonnull (bm_intake_get_mark (f->intake, "achilles", BM_SIDE_LEFT));
  close_editor (f);

  /* Back to the whole body: where it was */
  bm_body_map_zoom_reset (f->map);
  wait_for_layout (f);
  control_bounds (f, "achilles", BM_SIDE_LEFT, &after);
  g_assert_true (graphene_rect_equal (&before, &after));
}

/* Zoomed in, a drag moves the map, and is not a tap */
static void
test_zoom_pan (Fixture       *f,
               gconstpointer  data)
{
  const BmRegion *calf = bm_atlas_lookup (f->atlas, "calf");
  GtkGesture *drag = find_gesture (GTK_WIDGET (f->map), GTK_TYPE_GESTURE_DRAG);
  double x0, y0, x1, y1;

  bm_body_map_set_zoom (f->map, 2);
  bm_test_iterate ();
  g_assert_true (bm_body_map_get_region_point (f->map, calf, BM_SIDE_LEFT, f->back, &x0, &y0));
  g_signal_emit_by_name (drag, "drag-begin", 600.0, 400.0);
  g_signal_emit_by_name (drag, "drag-update", -40.0, -30.0);
  bm_test_iterate ();
  g_assert_true (bm_body_map_get_region_point (f->map, calf, BM_SIDE_LEFT, f->back, &x1, &y1));
  g_assert_cmpfloat_with_epsilon (x1, x0 - 40, 1e-6);
  g_assert_cmpfloat_with_epsilon (y1, y0 - 30, 1e-6);

  /* The release that ends the drag marks nothing */
  g_signal_emit_by_name (find_gesture (GTK_WIDGET (f->map), GTK_TYPE_GESTURE_CLICK), "released", 1, x1, y1);
  bm_test_iterate ();
  g_assert_cmpuint (bm_intake_get_marks (f->intake)->len, ==, 0);

  /* Never past the map's edge */
  g_signal_emit_by_name (drag, "drag-begin", 600.0, 400.0);
  g_signal_emit_by_name (drag, "drag-update", 5000.0, 5000.0);
  wait_for_layout (f);
  {
    graphene_rect_t b;

    control_bounds (f, "neck", BM_SIDE_CENTER, &b);
    g_assert_cmpfloat (b.origin.y, <, gtk_widget_get_height (GTK_WIDGET (f->map)));
  }
}

/* Ctrl+plus, Ctrl+minus and Ctrl+0 in the map zoom; the actions are
 * enabled when they can act */
static void
test_zoom_keys (Fixture       *f,
                gconstpointer  data)
{
  double zoom;

  g_assert_true (gtk_widget_grab_focus (control_for (f, "calf", BM_SIDE_LEFT)));
  g_assert_cmpfloat (bm_body_map_get_zoom (f->map), ==, 1);
  g_assert_true (press_key (f, GDK_KEY_plus, GDK_CONTROL_MASK));
  zoom = bm_body_map_get_zoom (f->map);
  g_assert_cmpfloat (zoom, >, 1);
  g_assert_true (press_key (f, GDK_KEY_KP_Add, GDK_CONTROL_MASK));
  g_assert_cmpfloat (bm_body_map_get_zoom (f->map), >, zoom);
  g_assert_true (press_key (f, GDK_KEY_minus, GDK_CONTROL_MASK));
  g_assert_cmpfloat_with_epsilon (bm_body_map_get_zoom (f->map), zoom, 1e-9);
  g_assert_true (press_key (f, GDK_KEY_0, GDK_CONTROL_MASK));
  g_assert_cmpfloat (bm_body_map_get_zoom (f->map), ==, 1);
  /* Zoomed out fully, minus stays there */
  g_assert_true (press_key (f, GDK_KEY_minus, GDK_CONTROL_MASK));
  g_assert_cmpfloat (bm_body_map_get_zoom (f->map), ==, 1);
  /* No further than the most */
  for (int i = 0; i < 10; i++)
    bm_body_map_zoom_in (f->map);
  g_assert_cmpfloat (bm_body_map_get_zoom (f->map), ==, BM_BODY_MAP_ZOOM_MAX);

  /* Plus and minus without Ctrl still change how bad it is */
  bm_body_map_zoom_reset (f->map);
  g_assert_true (gtk_widget_grab_focus (control_for (f, "calf", BM_SIDE_LEFT)));
  g_assert_true (press_key (f, GDK_KEY_plus, 0));
  g_assert_cmpfloat (bm_body_map_get_zoom (f->map), ==, 1);
  g_assert_nonnull (bm_intake_get_mark (f->intake, "calf", BM_SIDE_LEFT));

  /* Zoomed in, the keyboard brings the area it moves to into sight */
  bm_body_map_set_zoom (f->map, 4);
  g_assert_true (gtk_widget_grab_focus (control_for (f, "neck", BM_SIDE_CENTER)));
  wait_for_layout (f);
  {
    graphene_rect_t b;

    control_bounds (f, "neck", BM_SIDE_CENTER, &b);
    g_assert_cmpfloat (b.origin.y, >=, 0);
    g_assert_cmpfloat (b.origin.y + b.size.height, <=, gtk_widget_get_height (GTK_WIDGET (f->map)));
  }
}

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found)
        return found;
    }
  return NULL;
}

/* In touch mode the map has zoom buttons, each at least 44 px, named */
static void
test_zoom_buttons (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const actions[] = { "map.zoom-in", "map.zoom-out", "map.zoom-reset" };
  GtkWidget *in = find_action_button (GTK_WIDGET (f->map), "map.zoom-in");
  GtkWidget *out = find_action_button (GTK_WIDGET (f->map), "map.zoom-out");

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkWidget *button = find_action_button (GTK_WIDGET (f->map), actions[i]);

      g_assert_nonnull (button);
      g_assert_true (gtk_widget_get_mapped (button));
      g_assert_cmpint (gtk_widget_get_width (button), >=, 44);
      g_assert_cmpint (gtk_widget_get_height (button), >=, 44);
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL));
    }

  g_assert_false (gtk_widget_is_sensitive (out));
  g_signal_emit_by_name (in, "clicked");
  bm_test_iterate ();
  g_assert_cmpfloat (bm_body_map_get_zoom (f->map), >, 1);
  g_assert_true (gtk_widget_is_sensitive (out));
  g_signal_emit_by_name (out, "clicked");
  bm_test_iterate ();
  g_assert_cmpfloat (bm_body_map_get_zoom (f->map), ==, 1);

  /* Out of touch mode they go */
  bm_body_map_set_touch_mode (f->map, FALSE);
  bm_test_iterate ();
  bm_test_run_for (50);
  g_assert_false (gtk_widget_get_mapped (in));
}

static void
check_targets (GtkWidget *widget,
               guint     *n_checked)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_BUTTON (widget) || GTK_IS_ENTRY (widget) || GTK_IS_SCALE (widget))
    {
      g_test_message ("%s %d × %d", G_OBJECT_TYPE_NAME (widget),
                      gtk_widget_get_width (widget), gtk_widget_get_height (widget));
      g_assert_cmpint (gtk_widget_get_height (widget), >=, 44);
      g_assert_cmpint (gtk_widget_get_width (widget), >=, 44);
      (*n_checked)++;
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    check_targets (child, n_checked);
}

/* In touch mode a tap opens the editor with every target (severity,
 * symptoms, note, Unmark) at least 44 px */
static void
test_editor_targets (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *editor = GTK_WIDGET (bm_body_map_get_editor (f->map));
  guint n_checked = 0;
  double x, y;

  g_assert_true (bm_body_map_get_region_point (f->map, bm_atlas_lookup (f->atlas, "calf"), BM_SIDE_LEFT,
                                               f->back, &x, &y));
  tap_at (f, x, y);
  bm_test_run_for (100);
  g_assert_true (gtk_widget_get_mapped (editor));
  g_assert_true (bm_mark_editor_get_touch (BM_MARK_EDITOR (editor)));
  check_targets (editor, &n_checked);
  /* Severity, six symptoms, note, Unmark */
  g_assert_cmpuint (n_checked, >=, 9);
  close_editor (f);

  /* Out of touch mode, the editor is as it was */
  bm_body_map_set_touch_mode (f->map, FALSE);
  g_assert_false (bm_mark_editor_get_touch (BM_MARK_EDITOR (editor)));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_nonnull (bm_ui_get_resource ());
  bm_test_load_app_style ();

  g_test_add ("/touch/snap", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_snap, fixture_tear_down);
  g_test_add ("/touch/no-snap-with-mouse", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_no_snap_with_mouse, fixture_tear_down);
  g_test_add ("/touch/zoom/hit", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_zoom_hit, fixture_tear_down);
  g_test_add ("/touch/zoom/pan", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_zoom_pan, fixture_tear_down);
  g_test_add ("/touch/zoom/keys", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_zoom_keys, fixture_tear_down);
  g_test_add ("/touch/zoom/buttons", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_zoom_buttons, fixture_tear_down);
  g_test_add ("/touch/editor-targets", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_editor_targets, fixture_tear_down);

  return g_test_run ();
}
