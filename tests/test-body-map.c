/* test-body-map.c: the map, the list and the window, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "bm-body-map.h"
#include "bm-compare-bar.h"
#include "bm-map-renderer.h"
#include "bm-marks-list.h"
#include "bm-window.h"

#include "bm-test-gui.h"

GResource *bm_ui_get_resource (void);

typedef struct
{
  BmWindow   *window;
  BmBodyMap  *map;
  BmMarksList *list;
  BmIntake   *intake;
  BmAtlas    *atlas;
} Fixture;


static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = bm_window_new (NULL);
  g_object_ref_sink (f->window);
  f->map = BM_BODY_MAP (bm_window_get_body_map (f->window));
  f->list = BM_MARKS_LIST (bm_window_get_marks_list (f->window));
  f->intake = bm_window_get_intake (f->window);
  f->atlas = bm_atlas_get_default ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 780);
  gtk_window_present (GTK_WINDOW (f->window));
  bm_test_wait_for_size (GTK_WIDGET (f->map), 100);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  bm_test_iterate ();
  g_assert_finalize_object (f->window);
}

static GtkGesture *
find_click_gesture (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        return GTK_GESTURE (controller);
    }
  return NULL;
}

static GtkEventController *
find_key_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        return GTK_EVENT_CONTROLLER (controller);
    }
  return NULL;
}

static void
click_at (Fixture *f,
          double   x,
          double   y)
{
  GtkGesture *gesture = find_click_gesture (GTK_WIDGET (f->map));

  g_assert_nonnull (gesture);
  g_signal_emit_by_name (gesture, "pressed", 1, x, y);
  g_signal_emit_by_name (gesture, "released", 1, x, y);
  bm_test_iterate ();
}

static gboolean
press_key (Fixture *f,
           guint    keyval)
{
  GtkEventController *key = find_key_controller (GTK_WIDGET (f->map));
  gboolean handled = FALSE;

  g_assert_nonnull (key);
  g_signal_emit_by_name (key, "key-pressed", keyval, 0, 0, &handled);
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

static void
focus (Fixture    *f,
       const char *id,
       BmSide      side)
{
  GtkWidget *control = control_for (f, id, side);

  g_assert_true (gtk_widget_grab_focus (control));
  g_assert_true (gtk_widget_get_focus_child (GTK_WIDGET (f->map)) == control);
}

static BmView
view_by_id (Fixture    *f,
            const char *id)
{
  BmView view = G_MAXUINT;

  g_assert_true (bm_atlas_lookup_view (f->atlas, id, &view));
  return view;
}

static void
test_click_marks (Fixture       *f,
                  gconstpointer  data)
{
  const BmRegion *calf = bm_atlas_lookup (f->atlas, "calf");
  const BmRegion *selected;
  BmSide side;
  double x, y;

  /* The client's left calf, from behind */
  g_assert_true (bm_body_map_get_region_point (f->map, calf, BM_SIDE_LEFT, view_by_id (f, "back"), &x, &y));
  click_at (f, x, y);

  g_assert_nonnull (bm_intake_get_mark (f->intake, "calf", BM_SIDE_LEFT));
  g_assert_null (bm_intake_get_mark (f->intake, "calf", BM_SIDE_RIGHT));
  selected = bm_body_map_get_selected (f->map, &side);
  g_assert_true (selected == calf);
  g_assert_cmpint (side, ==, BM_SIDE_LEFT);

  /* The editor opens on it */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bm_body_map_get_editor (f->map))));
  gtk_popover_popdown (bm_body_map_get_editor (f->map));

  /* It is in the list */
  g_assert_cmpuint (bm_marks_list_get_n_rows (f->list), ==, 1);

  /* The front view's right thigh is the client's right quadriceps */
  g_assert_true (bm_body_map_get_region_point (f->map, bm_atlas_lookup (f->atlas, "quadriceps"),
                                               BM_SIDE_RIGHT, view_by_id (f, "front"), &x, &y));
  g_assert_cmpfloat (x, <, gtk_widget_get_width (GTK_WIDGET (f->map)) / 4.0 + 40);
  click_at (f, x, y);
  gtk_popover_popdown (bm_body_map_get_editor (f->map));
  g_assert_nonnull (bm_intake_get_mark (f->intake, "quadriceps", BM_SIDE_RIGHT));

  /* A click beside the body selects nothing and marks nothing */
  click_at (f, 3, gtk_widget_get_height (GTK_WIDGET (f->map)) - 3);
  g_assert_null (bm_body_map_get_selected (f->map, NULL));
  g_assert_cmpuint (bm_intake_get_marks (f->intake)->len, ==, 2);
}

/* With the keyboard, the area with the focus is named beside the map, as
 * the pointer's is: the focus ring alone does not say which it is */
static void
test_focus_named (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *unmarked = NULL;
  g_autofree char *marked = NULL;

  focus (f, "shin", BM_SIDE_RIGHT);
  gtk_window_set_focus_visible (GTK_WINDOW (f->window), TRUE);
  unmarked = bm_body_map_dup_shown_label (f->map);
  g_assert_cmpstr (unmarked, ==, "Right shin");
  g_assert_true (press_key (f, GDK_KEY_space));
  marked = bm_body_map_dup_shown_label (f->map);
  g_assert_cmpstr (marked, ==, "Right shin · 5/10");
}

static void
test_keyboard_marks (Fixture       *f,
                     gconstpointer  data)
{
  const BmMark *mark;
  GtkWidget *before;

  focus (f, "shin", BM_SIDE_RIGHT);

  g_assert_true (press_key (f, GDK_KEY_space));
  mark = bm_intake_get_mark (f->intake, "shin", BM_SIDE_RIGHT);
  g_assert_nonnull (mark);
  g_assert_cmpint (mark->severity, ==, BM_BODY_MAP_DEFAULT_SEVERITY);

  g_assert_true (press_key (f, GDK_KEY_plus));
  g_assert_true (press_key (f, GDK_KEY_KP_Add));
  g_assert_cmpint (bm_intake_get_mark (f->intake, "shin", BM_SIDE_RIGHT)->severity, ==, 7);
  g_assert_true (press_key (f, GDK_KEY_minus));
  g_assert_cmpint (bm_intake_get_mark (f->intake, "shin", BM_SIDE_RIGHT)->severity, ==, 6);

  /* Severity stays in 0-10 */
  for (int i = 0; i < 15; i++)
    press_key (f, GDK_KEY_plus);
  g_assert_cmpint (bm_intake_get_mark (f->intake, "shin", BM_SIDE_RIGHT)->severity, ==, 10);

  g_assert_true (press_key (f, GDK_KEY_space));
  g_assert_null (bm_intake_get_mark (f->intake, "shin", BM_SIDE_RIGHT));

  /* Arrow keys move to another region, down the body */
  before = gtk_widget_get_focus_child (GTK_WIDGET (f->map));
  g_assert_true (press_key (f, GDK_KEY_Down));
  g_assert_true (gtk_widget_get_focus_child (GTK_WIDGET (f->map)) != before);
  g_assert_true (BM_IS_BODY_MAP (gtk_widget_get_parent (gtk_widget_get_focus_child (GTK_WIDGET (f->map)))));

  /* Undo brings back each step */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  g_assert_nonnull (bm_intake_get_mark (f->intake, "shin", BM_SIDE_RIGHT));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL);
  g_assert_null (bm_intake_get_mark (f->intake, "shin", BM_SIDE_RIGHT));
}

static void
test_tab_order (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *first = control_for (f, "neck", BM_SIDE_CENTER);
  guint steps = 0;

  /* Tab visits the regions one by one */
  gtk_widget_grab_focus (first);
  for (int i = 0; i < 5; i++)
    {
      GtkWidget *prev = gtk_root_get_focus (GTK_ROOT (f->window));

      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->map), GTK_DIR_TAB_FORWARD));
      g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) != prev);
      g_assert_true (gtk_widget_get_parent (gtk_root_get_focus (GTK_ROOT (f->window))) == GTK_WIDGET (f->map));
      steps++;
    }
  g_assert_cmpuint (steps, ==, 5);
}

static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *calf = control_for (f, "calf", BM_SIDE_LEFT);
  GtkWidget *neck = control_for (f, "neck", BM_SIDE_CENTER);
  g_autoptr(BmMark) mark = bm_mark_new ("calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT, NULL);

  gtk_test_accessible_assert_role (calf, GTK_ACCESSIBLE_ROLE_CHECKBOX);
  gtk_test_accessible_assert_property (calf, GTK_ACCESSIBLE_PROPERTY_LABEL, "Left calf");
  gtk_test_accessible_assert_property (neck, GTK_ACCESSIBLE_PROPERTY_LABEL, "Neck");
  gtk_test_accessible_assert_state (calf, GTK_ACCESSIBLE_STATE_CHECKED, GTK_ACCESSIBLE_TRISTATE_FALSE);
  g_assert_true (gtk_widget_get_focusable (calf));

  bm_intake_set_mark (f->intake, mark, FALSE);
  gtk_test_accessible_assert_state (calf, GTK_ACCESSIBLE_STATE_CHECKED, GTK_ACCESSIBLE_TRISTATE_TRUE);
  gtk_test_accessible_assert_property (calf, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Severity 6 of 10, moderate, Tight");

  bm_intake_undo (f->intake);
  gtk_test_accessible_assert_state (calf, GTK_ACCESSIBLE_STATE_CHECKED, GTK_ACCESSIBLE_TRISTATE_FALSE);

  /* Every region and side is a named check box */
  for (guint i = 0; i < bm_atlas_get_n_regions (f->atlas); i++)
    {
      const BmRegion *region = bm_atlas_get_region (f->atlas, i);
      BmSide sides[] = { BM_SIDE_LEFT, BM_SIDE_RIGHT, BM_SIDE_CENTER };

      for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
        {
          GtkWidget *control;
          g_autofree char *label = NULL;

          if (!bm_region_accepts_side (region, sides[s]))
            continue;
          control = bm_body_map_get_control (f->map, region, sides[s]);
          label = bm_region_dup_label (region, sides[s]);
          g_assert_nonnull (control);
          gtk_test_accessible_assert_role (control, GTK_ACCESSIBLE_ROLE_CHECKBOX);
          gtk_test_accessible_assert_property (control, GTK_ACCESSIBLE_PROPERTY_LABEL, label);
          /* It sits over its region */
          g_assert_cmpint (gtk_widget_get_width (control), >, 0);
        }
    }
}

static void
test_list_sync (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(BmMark) calf = bm_mark_new ("calf", BM_SIDE_LEFT, 6, 0, NULL);
  g_autoptr(BmMark) neck = bm_mark_new ("neck", BM_SIDE_CENTER, 3, 0, NULL);
  GtkListBox *box = bm_marks_list_get_list_box (f->list);
  GtkListBoxRow *row;
  const BmRegion *selected;
  BmSide side;

  bm_intake_set_mark (f->intake, calf, FALSE);
  bm_intake_set_mark (f->intake, neck, FALSE);
  g_assert_cmpuint (bm_marks_list_get_n_rows (f->list), ==, 2);

  /* Head to toe: the neck comes first though it was marked last */
  row = gtk_list_box_get_row_at_index (box, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Neck");
  row = gtk_list_box_get_row_at_index (box, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Left calf");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Moderate, 6/10");

  /* List to map */
  gtk_list_box_select_row (box, row);
  selected = bm_body_map_get_selected (f->map, &side);
  g_assert_cmpstr (bm_region_get_id (selected), ==, "calf");
  g_assert_cmpint (side, ==, BM_SIDE_LEFT);

  /* Map to list */
  bm_body_map_select (f->map, bm_atlas_lookup (f->atlas, "neck"), BM_SIDE_CENTER);
  row = gtk_list_box_get_selected_row (box);
  g_assert_nonnull (row);
  g_assert_cmpint (gtk_list_box_row_get_index (row), ==, 0);

  /* Unmarking takes the row away */
  bm_intake_remove_mark (f->intake, "neck", BM_SIDE_CENTER);
  g_assert_cmpuint (bm_marks_list_get_n_rows (f->list), ==, 1);
}

static void
test_window_title (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (f->window)), "Body Map"));
}

/* A right-to-left language must not mirror the body: the client's left
 * stays where it is */
static void
test_rtl_not_mirrored (Fixture       *f,
                       gconstpointer  data)
{
  const BmRegion *calf = bm_atlas_lookup (f->atlas, "calf");
  double ltr_x, ltr_y, rtl_x, rtl_y;

  g_assert_true (bm_body_map_get_region_point (f->map, calf, BM_SIDE_LEFT, view_by_id (f, "back"), &ltr_x, &ltr_y));

  gtk_widget_set_direction (GTK_WIDGET (f->window), GTK_TEXT_DIR_RTL);
  gtk_widget_set_direction (GTK_WIDGET (f->map), GTK_TEXT_DIR_RTL);
  gtk_widget_queue_resize (GTK_WIDGET (f->map));
  bm_test_wait_for_size (GTK_WIDGET (f->map), 100);

  g_assert_true (bm_body_map_get_region_point (f->map, calf, BM_SIDE_LEFT, view_by_id (f, "back"), &rtl_x, &rtl_y));
  /* Seen from behind, the client's left calf is on the viewer's left */
  g_assert_cmpfloat (rtl_x, <, gtk_widget_get_width (GTK_WIDGET (f->map)) * 0.75);
  click_at (f, rtl_x, rtl_y);
  g_assert_nonnull (bm_intake_get_mark (f->intake, "calf", BM_SIDE_LEFT));
  gtk_popover_popdown (bm_body_map_get_editor (f->map));
  (void) ltr_x;
}

/* In a 360 px window, the narrowest, the mark editor fits the window */
static void
test_editor_fits_360 (void)
{
  BmWindow *window = bm_window_new (NULL);
  BmBodyMap *map = BM_BODY_MAP (bm_window_get_body_map (window));
  GtkWidget *editor;
  int natural;

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  gtk_window_present (GTK_WINDOW (window));
  bm_test_wait_for_size (GTK_WIDGET (map), 100);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);

  bm_body_map_edit (map, bm_atlas_lookup (bm_atlas_get_default (), "calf"), BM_SIDE_LEFT);
  bm_test_run_for (100);
  editor = bm_test_find_widget (GTK_WIDGET (map), GTK_TYPE_POPOVER);
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_get_mapped (editor));
  gtk_widget_measure (editor, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_assert_cmpint (natural, <=, gtk_widget_get_width (GTK_WIDGET (window)) - 2 * 12);
  g_assert_cmpint (gtk_widget_get_width (editor), <=, gtk_widget_get_width (GTK_WIDGET (window)) - 2 * 12);

  gtk_popover_popdown (GTK_POPOVER (editor));
  gtk_window_destroy (GTK_WINDOW (window));
  bm_test_iterate ();
  g_assert_finalize_object (window);
}

/* The map's row of views, shown under it when not all views fit */
static GtkWidget *
find_view_switcher (BmBodyMap *map)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (map)); child;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, "bm-view-switcher"))
      return child;
  return NULL;
}

/* Whether the map shows @view: the point of the peroneals (in every
 * view: the left ones, or the right ones in the view of the right side)
 * lies on the map */
static gboolean
shows_view (BmBodyMap  *map,
            const char *view_id)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  const char *region_id = "peroneals";
  BmSide side = g_str_equal (view_id, "right-side") ? BM_SIDE_RIGHT : BM_SIDE_LEFT;
  BmView view;
  double x, y;

  g_assert_true (bm_atlas_lookup_view (atlas, view_id, &view));
  g_assert_true (bm_body_map_get_region_point (map, bm_atlas_lookup (atlas, region_id), side, view, &x, &y));
  return x >= 0 && x < gtk_widget_get_width (GTK_WIDGET (map));
}

/* Issue 17: at 360 px one view at a time, with a button for each; a wide
 * window shows every view and no buttons */
static void
test_view_switcher (void)
{
  static const char *views[] = { "front", "back", "left-side", "right-side" };
  BmWindow *window = bm_window_new (NULL);
  BmBodyMap *map = BM_BODY_MAP (bm_window_get_body_map (window));
  BmAtlas *atlas = bm_atlas_get_default ();
  GtkWidget *switcher, *button;
  guint n_buttons = 0, n_shown = 0;

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  gtk_window_present (GTK_WINDOW (window));
  bm_test_wait_for_size (GTK_WIDGET (map), 100);

  switcher = find_view_switcher (map);
  g_assert_nonnull (switcher);
  g_assert_true (gtk_widget_get_child_visible (switcher));
  g_assert_true (gtk_widget_is_drawable (switcher));
  for (button = gtk_widget_get_first_child (switcher); button; button = gtk_widget_get_next_sibling (button))
    {
      BmView view = n_buttons++;
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

      g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
      g_assert_true (gtk_widget_get_visible (button));
      /* The short name on the button, the whole one in its tooltip */
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, bm_atlas_get_view_short_name (atlas, view));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, bm_atlas_get_view_name (atlas, view));
      g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)), ==, shows_view (map, views[view]));
    }
  g_assert_cmpuint (n_buttons, ==, G_N_ELEMENTS (views));
  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    n_shown += shows_view (map, views[v]);
  g_assert_cmpuint (n_shown, ==, 1);

  /* Pressing a view's button brings it into sight, and it stays pressed */
  button = gtk_widget_get_next_sibling (gtk_widget_get_first_child (switcher));
  /* (as the keyboard does: GTK clicks a quarter of a second later) */
  g_assert_true (gtk_widget_activate (button));
  bm_test_run_for (400);
  bm_test_wait_for_frames (GTK_WIDGET (map), 2);
  g_assert_true (shows_view (map, "back"));
  g_assert_false (shows_view (map, "front"));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (gtk_widget_get_first_child (switcher))));
  /* Pressed again, it stays: one view is always in sight */
  gtk_widget_activate (button);
  bm_test_run_for (400);
  bm_test_wait_for_frames (GTK_WIDGET (map), 2);
  g_assert_true (shows_view (map, "back"));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));

  gtk_window_destroy (GTK_WINDOW (window));
  bm_test_iterate ();
  g_assert_finalize_object (window);

  /* A wide window shows all the views that fit, with the buttons while
   * some do not */
  window = bm_window_new (NULL);
  map = BM_BODY_MAP (bm_window_get_body_map (window));
  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_present (GTK_WINDOW (window));
  bm_test_wait_for_size (GTK_WIDGET (map), 100);
  n_shown = 0;
  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    n_shown += shows_view (map, views[v]);
  g_assert_cmpuint (n_shown, >=, 3);
  switcher = find_view_switcher (map);
  g_assert_cmpint (switcher != NULL && gtk_widget_get_child_visible (switcher), ==, n_shown < G_N_ELEMENTS (views));
  gtk_window_destroy (GTK_WINDOW (window));
  bm_test_iterate ();
  g_assert_finalize_object (window);

  /* Room for all four: no buttons */
  {
    GtkWindow *plain = GTK_WINDOW (gtk_window_new ());

    map = BM_BODY_MAP (bm_body_map_new ());
    g_object_ref_sink (plain);
    gtk_window_set_child (plain, GTK_WIDGET (map));
    gtk_window_set_default_size (plain, 1200, 800);
    gtk_window_present (plain);
    bm_test_wait_for_size (GTK_WIDGET (map), 1000);
    for (guint v = 0; v < G_N_ELEMENTS (views); v++)
      g_assert_true (shows_view (map, views[v]));
    switcher = find_view_switcher (map);
    g_assert_true (switcher == NULL || !gtk_widget_get_child_visible (switcher));
    gtk_window_destroy (plain);
    bm_test_iterate ();
    g_assert_finalize_object (plain);
  }
}

/* The cairo nodes under @node, in the order they are drawn */
static void
collect_cairo_nodes (GskRenderNode *node,
                     GPtrArray     *found)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CAIRO_NODE:
      g_ptr_array_add (found, node);
      break;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_cairo_nodes (gsk_container_node_get_child (node, i), found);
      break;
    case GSK_TRANSFORM_NODE:
      collect_cairo_nodes (gsk_transform_node_get_child (node), found);
      break;
    case GSK_CLIP_NODE:
      collect_cairo_nodes (gsk_clip_node_get_child (node), found);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      collect_cairo_nodes (gsk_rounded_clip_node_get_child (node), found);
      break;
    case GSK_OPACITY_NODE:
      collect_cairo_nodes (gsk_opacity_node_get_child (node), found);
      break;
    case GSK_DEBUG_NODE:
      collect_cairo_nodes (gsk_debug_node_get_child (node), found);
      break;
    default:
      break;
    }
}

/* The map as it was last drawn */
static GskRenderNode *
snapshot_map (GtkWidget *map)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (map);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (map), gtk_widget_get_height (map));
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return node;
}

/* The colour @node draws at (x, y) on white, as 0xRRGGBB */
static guint32
drawn_color_at (GskRenderNode *node,
                double         x,
                double         y)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1, 1);
  cairo_t *cr = cairo_create (surface);
  guint32 rgb;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, -floor (x), -floor (y));
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  rgb = *(guint32 *) (gpointer) cairo_image_surface_get_data (surface) & 0xffffff;
  cairo_surface_destroy (surface);
  return rgb;
}

static guint32
severity_hex (int severity)
{
  BmColor c;

  bm_severity_get_color (severity, &c);
  return ((guint32) round (c.red * 255) << 16) | ((guint32) round (c.green * 255) << 8) |
         (guint32) round (c.blue * 255);
}

/* Where @region's @side is in the first view that shows it */
static gboolean
find_region_point (BmBodyMap  *map,
                   const char *region_id,
                   BmSide      side,
                   double     *x,
                   double     *y)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  const BmRegion *region = bm_atlas_lookup (atlas, region_id);

  for (BmView v = 0; v < bm_atlas_get_n_views (atlas); v++)
    if (bm_body_map_get_region_point (map, region, side, v, x, y) &&
        *x >= 0 && *x < gtk_widget_get_width (GTK_WIDGET (map)))
      return TRUE;
  return FALSE;
}

static guint
count_controls (GtkWidget *map)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (map); child; child = gtk_widget_get_next_sibling (child))
    if (g_type_is_a (G_OBJECT_TYPE (child), g_type_from_name ("BmRegionControl")))
      n++;
  return n;
}

/* The first frame: the body and its marks drawn at once, a node for the
 * titles and one for each view shown, each holding its figure and not
 * the room around it (GTK makes a surface of each node's size); the
 * region controls right after it, the compare bar's list of visits only
 * when there are some. A change of a mark then gives the marks nodes of
 * their own, over the body, which stays as it was drawn. */
static void
test_first_frame (void)
{
  BmWindow *window = bm_window_new (NULL);
  GtkWidget *map = bm_window_get_body_map (window);
  BmIntake *intake = bm_window_get_intake (window);
  BmAtlas *atlas = bm_atlas_get_default ();
  g_autoptr(BmMark) calf = bm_mark_new ("calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT, NULL);
  g_autoptr(BmMark) neck = bm_mark_new ("neck", BM_SIDE_CENTER, 3, BM_SYMPTOM_NONE, NULL);
  g_autoptr(BmMark) hamstrings = bm_mark_new ("hamstrings", BM_SIDE_RIGHT, 9, BM_SYMPTOM_NONE, NULL);
  g_autoptr(GskRenderNode) first = NULL;
  g_autoptr(GskRenderNode) later = NULL;
  g_autoptr(GskRenderNode) last = NULL;
  g_autoptr(BmMark) calf_less = bm_mark_new ("calf", BM_SIDE_LEFT, 2, BM_SYMPTOM_TIGHT, NULL);
  g_autoptr(GPtrArray) last_nodes = g_ptr_array_new ();
  g_autoptr(GPtrArray) first_nodes = g_ptr_array_new ();
  g_autoptr(GPtrArray) later_nodes = g_ptr_array_new ();
  guint n_controls = 0, n_shown = 0;
  double map_area, covered = 0, x, y;

  for (guint i = 0; i < bm_atlas_get_n_regions (atlas); i++)
    n_controls += bm_region_is_paired (bm_atlas_get_region (atlas, i)) ? 2 : 1;

  g_object_ref_sink (window);
  bm_intake_set_mark (intake, calf, FALSE);
  bm_intake_set_mark (intake, neck, FALSE);
  g_assert_cmpuint (count_controls (map), ==, 0);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 780);
  gtk_window_present (GTK_WINDOW (window));
  bm_test_wait_for_size (map, 100);

  g_assert_cmpuint (count_controls (map), ==, n_controls);
  /* No earlier visit to compare with: no list of visits either */
  g_assert_nonnull (bm_test_find_widget (GTK_WIDGET (window), BM_TYPE_COMPARE_BAR));
  g_assert_null (bm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN));

  for (BmView v = 0; v < bm_atlas_get_n_views (atlas); v++)
    n_shown += shows_view (BM_BODY_MAP (map), bm_atlas_get_view_id (atlas, v));
  g_assert_cmpuint (n_shown, >, 1);
  first = snapshot_map (map);
  collect_cairo_nodes (first, first_nodes);
  g_assert_cmpuint (first_nodes->len, ==, 1 + n_shown);
  map_area = gtk_widget_get_width (map) * gtk_widget_get_height (map);
  for (guint i = 0; i < first_nodes->len; i++)
    {
      graphene_rect_t bounds;

      gsk_render_node_get_bounds (g_ptr_array_index (first_nodes, i), &bounds);
      covered += bounds.size.width * bounds.size.height;
    }
  g_assert_cmpfloat (covered, <, map_area * 0.75);
  /* The marks are in them */
  g_assert_true (find_region_point (BM_BODY_MAP (map), "neck", BM_SIDE_CENTER, &x, &y));
  g_assert_cmphex (drawn_color_at (first, x, y), ==, severity_hex (3));
  g_assert_true (find_region_point (BM_BODY_MAP (map), "hamstrings", BM_SIDE_RIGHT, &x, &y));
  g_assert_cmphex (drawn_color_at (first, x, y), !=, severity_hex (9));

  bm_intake_set_mark (intake, hamstrings, FALSE);
  bm_test_wait_for_frames (map, 2);
  later = snapshot_map (map);
  collect_cairo_nodes (later, later_nodes);
  /* The body's nodes, then the marks' */
  g_assert_cmpuint (later_nodes->len, >, first_nodes->len);
  g_assert_cmphex (drawn_color_at (later, x, y), ==, severity_hex (9));
  g_assert_true (find_region_point (BM_BODY_MAP (map), "neck", BM_SIDE_CENTER, &x, &y));
  g_assert_cmphex (drawn_color_at (later, x, y), ==, severity_hex (3));

  /* From now on a change of a mark leaves the body's nodes as they are */
  bm_intake_set_mark (intake, calf_less, FALSE);
  bm_test_wait_for_frames (map, 2);
  last = snapshot_map (map);
  collect_cairo_nodes (last, last_nodes);
  g_assert_cmpuint (last_nodes->len, ==, later_nodes->len);
  for (guint i = 0; i < first_nodes->len; i++)
    g_assert_true (g_ptr_array_index (last_nodes, i) == g_ptr_array_index (later_nodes, i));
  g_assert_true (g_ptr_array_index (last_nodes, first_nodes->len) != g_ptr_array_index (later_nodes, first_nodes->len));
  g_assert_true (find_region_point (BM_BODY_MAP (map), "calf", BM_SIDE_LEFT, &x, &y));
  /* Beside its symbol */
  g_assert_cmphex (drawn_color_at (last, x, y + 12), ==, severity_hex (2));

  gtk_window_destroy (GTK_WINDOW (window));
  bm_test_iterate ();
  g_assert_finalize_object (window);
}

/* Last time's marks, still to confirm, stay on the map while today's
 * marks come and go, down to none */
static void
test_last_time_kept (void)
{
  BmWindow *window = bm_window_new (NULL);
  GtkWidget *map = bm_window_get_body_map (window);
  BmIntake *intake = bm_window_get_intake (window);
  g_autoptr(GPtrArray) last_time = g_ptr_array_new_with_free_func ((GDestroyNotify) bm_mark_free);
  g_autoptr(BmMark) calf = bm_mark_new ("calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_NONE, NULL);
  g_autoptr(GskRenderNode) before = NULL;
  g_autoptr(GskRenderNode) after = NULL;
  g_autoptr(GskRenderNode) unmarked = NULL;
  double x, y;
  guint32 faint;

  g_object_ref_sink (window);
  g_ptr_array_add (last_time, bm_mark_new ("hamstrings", BM_SIDE_RIGHT, 8, BM_SYMPTOM_NONE, NULL));
  bm_intake_set_last_time (intake, last_time, "2026-11-01");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 780);
  gtk_window_present (GTK_WINDOW (window));
  bm_test_wait_for_size (map, 100);

  g_assert_true (find_region_point (BM_BODY_MAP (map), "hamstrings", BM_SIDE_RIGHT, &x, &y));
  before = snapshot_map (map);
  faint = drawn_color_at (before, x, y);

  /* A mark today, then none */
  bm_intake_set_mark (intake, calf, FALSE);
  bm_test_wait_for_frames (map, 2);
  bm_intake_remove_mark (intake, "calf", BM_SIDE_LEFT);
  bm_test_wait_for_frames (map, 2);
  after = snapshot_map (map);
  g_assert_cmphex (drawn_color_at (after, x, y), ==, faint);

  /* Cleared: the area is drawn as any other */
  bm_intake_clear_last_time (intake, "hamstrings", BM_SIDE_RIGHT);
  bm_test_wait_for_frames (map, 2);
  unmarked = snapshot_map (map);
  g_assert_cmphex (drawn_color_at (unmarked, x, y), !=, faint);

  gtk_window_destroy (GTK_WINDOW (window));
  bm_test_iterate ();
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_nonnull (bm_ui_get_resource ());
  bm_test_load_app_style ();

  g_test_add ("/body-map/click/marks", Fixture, NULL, fixture_set_up, test_click_marks, fixture_tear_down);
  g_test_add ("/body-map/keyboard/marks", Fixture, NULL, fixture_set_up, test_keyboard_marks, fixture_tear_down);
  g_test_add ("/body-map/keyboard/focus-named", Fixture, NULL, fixture_set_up, test_focus_named, fixture_tear_down);
  g_test_add ("/body-map/keyboard/tab", Fixture, NULL, fixture_set_up, test_tab_order, fixture_tear_down);
  g_test_add ("/body-map/accessible", Fixture, NULL, fixture_set_up, test_accessible, fixture_tear_down);
  g_test_add ("/body-map/rtl-not-mirrored", Fixture, NULL, fixture_set_up, test_rtl_not_mirrored, fixture_tear_down);
  g_test_add_func ("/body-map/editor-fits-360", test_editor_fits_360);
  g_test_add_func ("/body-map/view-switcher", test_view_switcher);
  g_test_add_func ("/body-map/first-frame", test_first_frame);
  g_test_add_func ("/body-map/last-time-kept", test_last_time_kept);
  g_test_add ("/window/list-sync", Fixture, NULL, fixture_set_up, test_list_sync, fixture_tear_down);
  g_test_add ("/window/title", Fixture, NULL, fixture_set_up, test_window_title, fixture_tear_down);

  return g_test_run ();
}
