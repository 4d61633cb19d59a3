/* bm-history-chart-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-history-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bm-history-chart-view.h"

/* The plot's height; the legend adds to it */
#define PLOT_HEIGHT 200

struct _BmHistoryChartView
{
  GtkWidget       parent_instance;

  BmHistoryChart *chart;
};

G_DEFINE_FINAL_TYPE (BmHistoryChartView, bm_history_chart_view, GTK_TYPE_WIDGET)

static void
init_style (BmHistoryChartView  *self,
            BmHistoryChartStyle *style)
{
  bm_history_chart_style_init (style, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  style->pango_context = gtk_widget_get_pango_context (GTK_WIDGET (self));
}

static void
update_description (BmHistoryChartView *self)
{
  g_autofree char *summary = self->chart ? bm_history_chart_dup_summary (self->chart) : NULL;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary ? summary : "",
                                  -1);
}

static void
on_dark_changed_cb (BmHistoryChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static GtkSizeRequestMode
bm_history_chart_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
bm_history_chart_view_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  BmHistoryChartView *self = BM_HISTORY_CHART_VIEW (widget);
  BmHistoryChartStyle style;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 640;
      return;
    }
  if (self->chart == NULL)
    {
      *minimum = *natural = 0;
      return;
    }
  init_style (self, &style);
  *minimum = *natural = (int) bm_history_chart_measure_height (self->chart, &style,
                                                               for_size > 0 ? for_size : 640, PLOT_HEIGHT);
}

static void
bm_history_chart_view_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  BmHistoryChartView *self = BM_HISTORY_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  BmHistoryChartStyle style;
  BmHistoryChartLayout layout;
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;
  init_style (self, &style);
  bm_history_chart_layout_compute (&layout, self->chart, &style, width, height);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  bm_history_chart_draw (cr, self->chart, &layout, &style);
  cairo_destroy (cr);
}

static void
bm_history_chart_view_finalize (GObject *object)
{
  BmHistoryChartView *self = BM_HISTORY_CHART_VIEW (object);

  g_clear_pointer (&self->chart, bm_history_chart_free);

  G_OBJECT_CLASS (bm_history_chart_view_parent_class)->finalize (object);
}

static void
bm_history_chart_view_class_init (BmHistoryChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bm_history_chart_view_finalize;
  widget_class->get_request_mode = bm_history_chart_view_get_request_mode;
  widget_class->measure = bm_history_chart_view_measure;
  widget_class->snapshot = bm_history_chart_view_snapshot;

  gtk_widget_class_set_css_name (widget_class, "historychart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bm_history_chart_view_init (BmHistoryChartView *self)
{
  /* Translators: accessible name of the progress chart on the client's page */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Progress chart"), -1);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
bm_history_chart_view_new (void)
{
  return g_object_new (BM_TYPE_HISTORY_CHART_VIEW, NULL);
}

void
bm_history_chart_view_set_chart (BmHistoryChartView *self,
                                 BmHistoryChart     *chart)
{
  g_return_if_fail (BM_IS_HISTORY_CHART_VIEW (self));

  if (self->chart == chart)
    return;
  g_clear_pointer (&self->chart, bm_history_chart_free);
  self->chart = chart;
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const BmHistoryChart *
bm_history_chart_view_get_chart (BmHistoryChartView *self)
{
  g_return_val_if_fail (BM_IS_HISTORY_CHART_VIEW (self), NULL);
  return self->chart;
}

void
bm_history_chart_view_set_shown (BmHistoryChartView *self,
                                 guint               series,
                                 gboolean            shown)
{
  g_return_if_fail (BM_IS_HISTORY_CHART_VIEW (self));
  g_return_if_fail (self->chart != NULL);
  g_return_if_fail (series < bm_history_chart_get_n_series (self->chart));

  if (bm_history_chart_get_shown (self->chart, series) == !!shown)
    return;
  bm_history_chart_set_shown (self->chart, series, shown);
  update_description (self);
  /* The legend may take another row */
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
