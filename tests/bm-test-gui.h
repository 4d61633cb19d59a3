/* bm-test-gui.h: main-loop helpers shared by the widget tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

GResource *bm_ui_get_resource (void);

/* Handles everything pending, without waiting */
static inline void
bm_test_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE));
}

static inline gboolean
bm_test_on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds */
static inline void
bm_test_run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, bm_test_on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Whether @widget's window is known to be on a monitor: GTK 4.8 places
 * a popover by its parent's monitor, and on X11 a window mapped a moment
 * ago may not have one yet (a popup then fails a critical check) */
static inline gboolean
bm_test_on_monitor (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = native ? gtk_native_get_surface (native) : NULL;

  return surface != NULL &&
         gdk_display_get_monitor_at_surface (gtk_widget_get_display (widget), surface) != NULL;
}

static inline void
bm_test_on_after_paint (GdkFrameClock *clock,
                        guint         *frames)
{
  (*frames)++;
}

/* Runs the main loop until @widget's window has painted @n more frames:
 * what a window leaves until after its first frame (the body map's
 * controls, say) is then in place; fails after 5 s */
static inline void
bm_test_wait_for_frames (GtkWidget *widget,
                         guint      n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean timed_out = FALSE;
  guint frames = 0;
  gulong handler;
  guint id;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (bm_test_on_after_paint), &frames);
  id = g_timeout_add (5000, bm_test_on_timeout, &timed_out);
  while (!timed_out && frames < n)
    {
      gtk_widget_queue_draw (widget);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_false (timed_out);
  g_source_remove (id);
  g_signal_handler_disconnect (clock, handler);
  bm_test_iterate ();
}

/* Runs the main loop until @widget is mapped, at least @min_width wide,
 * on a monitor and settled (two frames later); fails after 5 s */
static inline void
bm_test_wait_for_size (GtkWidget *widget,
                       int        min_width)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (5000, bm_test_on_timeout, &timed_out);

  while (!timed_out && (!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) < min_width ||
                        !bm_test_on_monitor (widget)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  bm_test_iterate ();
  bm_test_wait_for_frames (widget, 2);
}

/* Runs the main loop until @widget lies wholly inside its window, on a
 * monitor, and the window has painted since: a popover anchored to it
 * then has a monitor to be placed on. A button given the focus in a
 * scrolled page scrolls into sight only at the next layout, and GTK 4.8
 * fails a critical check placing a popover from a button out of sight
 * below the screen. Fails after 5 s. */
static inline void
bm_test_wait_in_sight (GtkWidget *widget)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (5000, bm_test_on_timeout, &timed_out);

  while (!timed_out)
    {
      GtkWidget *native = GTK_WIDGET (gtk_widget_get_native (widget));
      graphene_rect_t bounds;

      if (gtk_widget_get_mapped (widget) && bm_test_on_monitor (widget) &&
          gtk_widget_compute_bounds (widget, native, &bounds) &&
          bounds.origin.x >= 0 && bounds.origin.y >= 0 &&
          bounds.origin.x + bounds.size.width <= gtk_widget_get_width (native) &&
          bounds.origin.y + bounds.size.height <= gtk_widget_get_height (native))
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_false (timed_out);
  g_source_remove (id);
  bm_test_wait_for_frames (widget, 1);
}

/* The message dialog on screen, if any */
static inline AdwMessageDialog *
bm_test_find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* The first widget of @type inside @root, depth first */
static inline GtkWidget *
bm_test_find_widget (GtkWidget *root,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = bm_test_find_widget (child, type);

      if (found)
        return found;
    }
  return NULL;
}

/* Whether a label starting with @prefix shows: it and every widget
 * around it visible */
static inline gboolean
bm_test_shows_label (GtkWidget  *widget,
                     const char *prefix)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
      g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (bm_test_shows_label (child, prefix))
      return TRUE;
  return FALSE;
}

/* Tabs through @root from its first stop until the focus comes back
 * round or leaves it: every widget that took the focus, once each, in
 * order */
static inline GPtrArray *
bm_test_tab_stops (GtkWidget *root)
{
  GtkRoot *window = gtk_widget_get_root (root);
  GPtrArray *stops = g_ptr_array_new ();

  g_assert_true (gtk_widget_child_focus (root, GTK_DIR_TAB_FORWARD));
  for (int i = 0; i < 400; i++)
    {
      GtkWidget *focus = gtk_root_get_focus (window);

      if (focus == NULL || g_ptr_array_find (stops, focus, NULL))
        break;
      g_ptr_array_add (stops, focus);
      if (!gtk_widget_child_focus (root, GTK_DIR_TAB_FORWARD))
        break;
    }
  return stops;
}

/* Every Tab stop in @root acts: a list row that does nothing when
 * activated is no stop of its own. Returns the number of stops. */
static inline guint
bm_test_assert_tab_stops_act (GtkWidget *root)
{
  g_autoptr(GPtrArray) stops = bm_test_tab_stops (root);

  for (guint i = 0; i < stops->len; i++)
    {
      GtkWidget *focus = stops->pdata[i];

      if (GTK_IS_LIST_BOX_ROW (focus) && !gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (focus)))
        g_error ("Tab stops at a row that does nothing: %s “%s”", G_OBJECT_TYPE_NAME (focus),
                 ADW_IS_PREFERENCES_ROW (focus) ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (focus)) : "");
    }
  return stops->len;
}

/* The visible button labelled @label inside @root, depth first */
static inline GtkButton *
bm_test_find_button (GtkWidget  *root,
                     const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_visible (root) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return GTK_BUTTON (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found = bm_test_find_button (child, label);

      if (found)
        return found;
    }
  return NULL;
}

/* The app's own style sheet, which AdwApplication loads in the app: windows
 * made here are laid out as the app lays them out */
static inline void
bm_test_load_app_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}
