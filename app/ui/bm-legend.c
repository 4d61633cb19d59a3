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
};

G_DEFINE_FINAL_TYPE (BmLegend, bm_legend, GTK_TYPE_WIDGET)

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
  *minimum = *natural = (int) ceil (bm_map_renderer_draw_legend (NULL, &style, for_size > 0 ? for_size : 330));
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
  bm_map_renderer_draw_legend (cr, &style, width);
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
bm_legend_class_init (BmLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

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
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Legend: colours from light yellow (mild) to dark red (severe); symbols for tight, sore, knot, sharp, tingling and swollen"),
                                  -1);
}

GtkWidget *
bm_legend_new (void)
{
  return g_object_new (BM_TYPE_LEGEND, NULL);
}
