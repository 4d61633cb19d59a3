/* bm-map-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-map-bar"

#include "config.h"

#include "bm-map-bar.h"

struct _BmMapBar
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (BmMapBar, bm_map_bar, GTK_TYPE_WIDGET)

#define SPACING 6

/* The visible children: the start one and the end one, either NULL */
static void
get_children (BmMapBar   *self,
              GtkWidget **start,
              GtkWidget **end)
{
  GtkWidget *first = gtk_widget_get_first_child (GTK_WIDGET (self));
  GtkWidget *last = gtk_widget_get_last_child (GTK_WIDGET (self));

  *start = first && gtk_widget_get_visible (first) ? first : NULL;
  *end = last && last != first && gtk_widget_get_visible (last) ? last : NULL;
}

static int
natural_width (GtkWidget *child)
{
  int nat = 0;

  if (child != NULL)
    gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat, NULL, NULL);
  return nat;
}

static gboolean
side_by_side (GtkWidget *start,
              GtkWidget *end,
              int        width)
{
  return start == NULL || end == NULL ||
         width >= natural_width (start) + SPACING + natural_width (end);
}

static void
measure_child (GtkWidget      *child,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural)
{
  *minimum = *natural = 0;
  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
}

static void
bm_map_bar_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  GtkWidget *start, *end;
  int start_min, start_nat, end_min, end_nat;

  get_children (BM_MAP_BAR (widget), &start, &end);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* At the narrowest, one above the other */
      measure_child (start, orientation, -1, &start_min, &start_nat);
      measure_child (end, orientation, -1, &end_min, &end_nat);
      *minimum = MAX (start_min, end_min);
      *natural = start_nat + end_nat + (start && end ? SPACING : 0);
      return;
    }

  if (for_size < 0 || side_by_side (start, end, for_size))
    {
      measure_child (start, orientation, -1, &start_min, &start_nat);
      measure_child (end, orientation, -1, &end_min, &end_nat);
      *minimum = MAX (start_min, end_min);
      *natural = MAX (start_nat, end_nat);
    }
  else
    {
      measure_child (start, orientation, for_size, &start_min, &start_nat);
      measure_child (end, orientation, for_size, &end_min, &end_nat);
      *minimum = start_min + SPACING + end_min;
      *natural = start_nat + SPACING + end_nat;
    }
}

static void
bm_map_bar_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  GtkWidget *start, *end;
  int end_width, end_height, start_height, min;

  get_children (BM_MAP_BAR (widget), &start, &end);
  end_width = MIN (natural_width (end), width);

  if (side_by_side (start, end, width))
    {
      if (start != NULL)
        gtk_widget_size_allocate (start, &(GtkAllocation) { 0, 0, MAX (0, width - end_width - (end ? SPACING : 0)), height }, -1);
      if (end != NULL)
        gtk_widget_size_allocate (end, &(GtkAllocation) { width - end_width, 0, end_width, height }, -1);
      return;
    }

  gtk_widget_measure (start, GTK_ORIENTATION_VERTICAL, width, &min, &start_height, NULL, NULL);
  gtk_widget_measure (end, GTK_ORIENTATION_VERTICAL, end_width, &min, &end_height, NULL, NULL);
  start_height = MIN (start_height, MAX (0, height - SPACING - end_height));
  gtk_widget_size_allocate (start, &(GtkAllocation) { 0, 0, width, start_height }, -1);
  gtk_widget_size_allocate (end, &(GtkAllocation) { width - end_width, start_height + SPACING,
                                                    end_width, MAX (0, height - start_height - SPACING) }, -1);
}

static GtkSizeRequestMode
bm_map_bar_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
bm_map_bar_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (bm_map_bar_parent_class)->dispose (object);
}

static void
bm_map_bar_class_init (BmMapBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bm_map_bar_dispose;
  widget_class->measure = bm_map_bar_measure;
  widget_class->size_allocate = bm_map_bar_size_allocate;
  widget_class->get_request_mode = bm_map_bar_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "mapbar");
}

static void
bm_map_bar_init (BmMapBar *self)
{
}

GtkWidget *
bm_map_bar_new (void)
{
  return g_object_new (BM_TYPE_MAP_BAR, NULL);
}
