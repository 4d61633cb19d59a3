/* bm-legend.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-legend"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bm-body-map.h"
#include "bm-legend.h"
#include "bm-map-renderer.h"

struct _BmLegend
{
  GtkWidget parent_instance;

  /* What the rows depend on, as last seen */
  char     *family;
  double    font_size;

  BmComparison *comparison;
  GSignalGroup *comparison_signals;
  gboolean      comparing;
};

G_DEFINE_FINAL_TYPE (BmLegend, bm_legend, GTK_TYPE_WIDGET)

static double
draw (BmLegend         *self,
      cairo_t          *cr,
      const BmMapStyle *style,
      double            width)
{
  if (self->comparing)
    return bm_map_renderer_draw_change_legend (cr, style, width);
  return bm_map_renderer_draw_legend (cr, style, width);
}

static void
update_label (BmLegend *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->comparing
                                  ? _("Legend: better (arrow down, green), the same (equals sign, blue grey), worse (arrow up, red), new (plus, orange), resolved (tick, pale with a dashed edge)")
                                  : _("Legend: colours from light yellow (mild) to dark red (severe); symbols for tight, sore, knot, sharp, tingling and swollen"),
                                  -1);
}

static void
on_comparison_changed_cb (BmLegend     *self,
                          BmComparison *comparison)
{
  gboolean comparing = bm_comparison_get_active (comparison);

  if (comparing == self->comparing)
    return;
  self->comparing = comparing;
  update_label (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static GtkSizeRequestMode
bm_legend_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
bm_legend_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  BmMapStyle style;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Any width will do: the items wrap */
      *minimum = *natural = 0;
      return;
    }

  /* Without a width yet, as wide as a narrow window */
  bm_map_style_init_for_widget (&style, widget);
  *minimum = *natural = (int) ceil (draw (BM_LEGEND (widget), NULL, &style, for_size > 0 ? for_size : 330));
}

static void
bm_legend_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  BmMapStyle style;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  bm_map_style_init_for_widget (&style, widget);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (BM_LEGEND (widget), cr, &style, width);
  cairo_destroy (cr);
}

static void
bm_legend_css_changed (GtkWidget         *widget,
                       GtkCssStyleChange *change)
{
  BmLegend *self = BM_LEGEND (widget);
  BmMapStyle style;

  GTK_WIDGET_CLASS (bm_legend_parent_class)->css_changed (widget, change);

  /* Another font: other rows. Otherwise (light or dark, the window's
   * focus) at most other colours. */
  bm_map_style_init_for_widget (&style, widget);
  if (style.font_size != self->font_size || g_strcmp0 (style.font_family, self->family) != 0)
    {
      self->font_size = style.font_size;
      g_free (self->family);
      self->family = g_strdup (style.font_family);
      gtk_widget_queue_resize (widget);
    }
  else
    gtk_widget_queue_draw (widget);
}

static void
bm_legend_finalize (GObject *object)
{
  BmLegend *self = BM_LEGEND (object);

  g_free (self->family);

  G_OBJECT_CLASS (bm_legend_parent_class)->finalize (object);
}

static void
bm_legend_dispose (GObject *object)
{
  BmLegend *self = BM_LEGEND (object);

  if (self->comparison_signals)
    g_signal_group_set_target (self->comparison_signals, NULL);
  g_clear_object (&self->comparison_signals);
  g_clear_object (&self->comparison);

  G_OBJECT_CLASS (bm_legend_parent_class)->dispose (object);
}

static void
bm_legend_class_init (BmLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bm_legend_dispose;
  object_class->finalize = bm_legend_finalize;

  widget_class->get_request_mode = bm_legend_get_request_mode;
  widget_class->measure = bm_legend_measure;
  widget_class->snapshot = bm_legend_snapshot;
  widget_class->css_changed = bm_legend_css_changed;

  gtk_widget_class_set_css_name (widget_class, "legend");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bm_legend_init (BmLegend *self)
{
  update_label (self);
}

GtkWidget *
bm_legend_new (void)
{
  return g_object_new (BM_TYPE_LEGEND, NULL);
}

void
bm_legend_set_comparison (BmLegend     *self,
                          BmComparison *comparison)
{
  g_return_if_fail (BM_IS_LEGEND (self));
  g_return_if_fail (comparison == NULL || BM_IS_COMPARISON (comparison));

  if (!bm_comparison_follow (&self->comparison, &self->comparison_signals, comparison,
                             G_CALLBACK (on_comparison_changed_cb), self))
    return;
  if (comparison != NULL)
    on_comparison_changed_cb (self, comparison);
  else if (self->comparing)
    {
      self->comparing = FALSE;
      update_label (self);
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
}

gboolean
bm_legend_get_comparing (BmLegend *self)
{
  g_return_val_if_fail (BM_IS_LEGEND (self), FALSE);
  return self->comparing;
}
