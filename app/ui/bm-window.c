/* bm-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bm-adaptive-box.h"
#include "bm-body-map.h"
#include "bm-map-renderer.h"
#include "bm-marks-list.h"
#include "bm-window.h"

struct _BmWindow
{
  AdwApplicationWindow  parent_instance;

  BmIntake             *intake;
  gboolean              syncing;

  AdwWindowTitle       *window_title;
  BmBodyMap            *body_map;
  BmMarksList          *marks_list;
  GtkDrawingArea       *legend;
};

G_DEFINE_FINAL_TYPE (BmWindow, bm_window, ADW_TYPE_APPLICATION_WINDOW)

static void
update_actions (BmWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 self->intake && bm_intake_can_undo (self->intake));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 self->intake && bm_intake_can_redo (self->intake));
}

static void
legend_style (GtkWidget  *widget,
              BmMapStyle *style)
{
  GdkRGBA fg;

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, &fg);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
#endif
  bm_map_style_init (style, (0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue) > 0.5);
}

static void
draw_legend (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  BmMapStyle style;
  double needed;

  legend_style (GTK_WIDGET (area), &style);
  needed = ceil (bm_map_renderer_draw_legend (NULL, &style, width));
  if ((int) needed != gtk_drawing_area_get_content_height (area))
    gtk_drawing_area_set_content_height (area, (int) needed);
  bm_map_renderer_draw_legend (cr, &style, width);
}

static void
on_intake_history_cb (BmWindow   *self,
                      GParamSpec *pspec,
                      BmIntake   *intake)
{
  update_actions (self);
}

static void
on_map_selection_changed_cb (BmWindow  *self,
                             BmBodyMap *map)
{
  const BmRegion *region;
  BmSide side;

  if (self->syncing)
    return;
  self->syncing = TRUE;
  region = bm_body_map_get_selected (map, &side);
  bm_marks_list_select (self->marks_list, region, side);
  self->syncing = FALSE;
}

static void
on_list_selection_changed_cb (BmWindow    *self,
                              BmMarksList *list)
{
  const BmRegion *region;
  BmSide side;

  if (self->syncing)
    return;
  self->syncing = TRUE;
  region = bm_marks_list_get_selected (list, &side);
  bm_body_map_select (self->body_map, region, side);
  self->syncing = FALSE;
}

static void
on_list_activated_cb (BmWindow       *self,
                      const BmRegion *region,
                      int             side,
                      BmMarksList    *list)
{
  bm_body_map_edit (self->body_map, region, side);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BmWindow *self = BM_WINDOW (widget);

  if (self->intake)
    bm_intake_undo (self->intake);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BmWindow *self = BM_WINDOW (widget);

  if (self->intake)
    bm_intake_redo (self->intake);
}

static void
bm_window_dispose (GObject *object)
{
  BmWindow *self = (BmWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BM_TYPE_WINDOW);
  g_clear_object (&self->intake);

  G_OBJECT_CLASS (bm_window_parent_class)->dispose (object);
}

static void
bm_window_class_init (BmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bm_window_dispose;

  g_type_ensure (BM_TYPE_ADAPTIVE_BOX);
  g_type_ensure (BM_TYPE_BODY_MAP);
  g_type_ensure (BM_TYPE_MARKS_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BmWindow, body_map);
  gtk_widget_class_bind_template_child (widget_class, BmWindow, marks_list);
  gtk_widget_class_bind_template_child (widget_class, BmWindow, legend);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
}

static void
bm_window_init (BmWindow *self)
{
  g_autoptr(BmIntake) intake = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->legend, draw_legend, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->legend),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Legend: colours from light yellow (mild) to dark red (severe); symbols for tight, sore, knot, sharp, tingling and swollen"),
                                  -1);

  g_signal_connect_object (self->body_map, "selection-changed",
                           G_CALLBACK (on_map_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->marks_list, "selection-changed",
                           G_CALLBACK (on_list_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->marks_list, "activated",
                           G_CALLBACK (on_list_activated_cb), self, G_CONNECT_SWAPPED);

  intake = bm_intake_new ();
  bm_window_set_intake (self, intake);
}

BmWindow *
bm_window_new (GtkApplication *application)
{
  return g_object_new (BM_TYPE_WINDOW, "application", application, NULL);
}

BmIntake *
bm_window_get_intake (BmWindow *self)
{
  g_return_val_if_fail (BM_IS_WINDOW (self), NULL);
  return self->intake;
}

void
bm_window_set_intake (BmWindow *self,
                      BmIntake *intake)
{
  g_return_if_fail (BM_IS_WINDOW (self));
  g_return_if_fail (BM_IS_INTAKE (intake));

  if (self->intake == intake)
    return;

  if (self->intake != NULL)
    g_signal_handlers_disconnect_by_data (self->intake, self);
  g_set_object (&self->intake, intake);

  g_signal_connect_object (intake, "notify::can-undo",
                           G_CALLBACK (on_intake_history_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (intake, "notify::can-redo",
                           G_CALLBACK (on_intake_history_cb), self, G_CONNECT_SWAPPED);

  bm_body_map_set_intake (self->body_map, intake);
  bm_marks_list_set_intake (self->marks_list, intake);
  update_actions (self);
}

GtkWidget *
bm_window_get_body_map (BmWindow *self)
{
  g_return_val_if_fail (BM_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->body_map);
}

GtkWidget *
bm_window_get_marks_list (BmWindow *self)
{
  g_return_val_if_fail (BM_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->marks_list);
}
