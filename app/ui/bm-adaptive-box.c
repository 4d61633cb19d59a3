/* bm-adaptive-box.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-adaptive-box"

#include "config.h"

#include "bm-adaptive-box.h"

#define PANEL_WIDTH 340
#define NARROW_BELOW 760

struct _BmAdaptiveBox
{
  GtkWidget parent_instance;

  GtkWidget *main_child;
  GtkWidget *separator;
  GtkWidget *panel;
  gboolean   narrow;
};

static void bm_adaptive_box_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BmAdaptiveBox, bm_adaptive_box, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, bm_adaptive_box_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

static void
bm_adaptive_box_add_child (GtkBuildable *buildable,
                           GtkBuilder   *builder,
                           GObject      *child,
                           const char   *type)
{
  BmAdaptiveBox *self = BM_ADAPTIVE_BOX (buildable);

  if (!GTK_IS_WIDGET (child))
    {
      parent_buildable_iface->add_child (buildable, builder, child, type);
      return;
    }

  if (g_strcmp0 (type, "panel") == 0)
    bm_adaptive_box_set_panel (self, GTK_WIDGET (child));
  else
    {
      g_clear_pointer (&self->main_child, gtk_widget_unparent);
      self->main_child = GTK_WIDGET (child);
      gtk_widget_insert_after (self->main_child, GTK_WIDGET (self), NULL);
    }
}

static void
bm_adaptive_box_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = bm_adaptive_box_add_child;
}

static void
measure_child (GtkWidget      *child,
               GtkOrientation  orientation,
               int             for_size,
               int            *min,
               int            *nat)
{
  *min = *nat = 0;
  if (child && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, min, nat, NULL, NULL);
}

static void
bm_adaptive_box_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  BmAdaptiveBox *self = BM_ADAPTIVE_BOX (widget);
  int main_min, main_nat, panel_min, panel_nat, sep_min, sep_nat;

  measure_child (self->main_child, orientation, -1, &main_min, &main_nat);
  measure_child (self->panel, orientation, -1, &panel_min, &panel_nat);
  measure_child (self->separator, orientation, -1, &sep_min, &sep_nat);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Narrow is always possible, so the minimum is the widest child */
      *minimum = MAX (main_min, panel_min);
      *natural = main_nat + sep_nat + MAX (panel_nat, PANEL_WIDTH);
    }
  else
    {
      *minimum = MAX (main_min, panel_min);
      *natural = MAX (main_nat, panel_nat);
    }
}

static void
bm_adaptive_box_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  BmAdaptiveBox *self = BM_ADAPTIVE_BOX (widget);
  int sep_min, sep_nat;

  self->narrow = width < NARROW_BELOW;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->separator),
                                  self->narrow ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);

  if (!self->narrow)
    {
      int panel_min, panel_nat, panel_width;

      measure_child (self->panel, GTK_ORIENTATION_HORIZONTAL, -1, &panel_min, &panel_nat);
      panel_width = MAX (PANEL_WIDTH, panel_min);
      measure_child (self->separator, GTK_ORIENTATION_HORIZONTAL, -1, &sep_min, &sep_nat);
      if (self->main_child)
        gtk_widget_size_allocate (self->main_child,
                                  &(GtkAllocation) { 0, 0, MAX (0, width - panel_width - sep_min), height }, -1);
      gtk_widget_size_allocate (self->separator,
                                &(GtkAllocation) { width - panel_width - sep_min, 0, sep_min, height }, -1);
      if (self->panel)
        gtk_widget_size_allocate (self->panel,
                                  &(GtkAllocation) { width - panel_width, 0, panel_width, height }, -1);
    }
  else
    {
      int main_min, main_nat, panel_min, panel_nat, main_h;

      measure_child (self->separator, GTK_ORIENTATION_VERTICAL, width, &sep_min, &sep_nat);
      measure_child (self->main_child, GTK_ORIENTATION_VERTICAL, width, &main_min, &main_nat);
      measure_child (self->panel, GTK_ORIENTATION_VERTICAL, width, &panel_min, &panel_nat);

      /* The map first, as tall as its width wants but leaving the panel
       * (which scrolls) about a third of the height */
      main_h = CLAMP (main_nat, main_min, MAX (main_min, height * 0.68));
      if (self->main_child)
        gtk_widget_size_allocate (self->main_child, &(GtkAllocation) { 0, 0, width, main_h }, -1);
      gtk_widget_size_allocate (self->separator, &(GtkAllocation) { 0, main_h, width, sep_min }, -1);
      if (self->panel)
        gtk_widget_size_allocate (self->panel,
                                  &(GtkAllocation) { 0, main_h + sep_min, width,
                                                     MAX (0, height - main_h - sep_min) }, -1);
    }
}

static void
bm_adaptive_box_dispose (GObject *object)
{
  BmAdaptiveBox *self = (BmAdaptiveBox *)object;

  g_clear_pointer (&self->main_child, gtk_widget_unparent);
  g_clear_pointer (&self->separator, gtk_widget_unparent);
  g_clear_pointer (&self->panel, gtk_widget_unparent);

  G_OBJECT_CLASS (bm_adaptive_box_parent_class)->dispose (object);
}

static void
bm_adaptive_box_class_init (BmAdaptiveBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bm_adaptive_box_dispose;
  widget_class->measure = bm_adaptive_box_measure;
  widget_class->size_allocate = bm_adaptive_box_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "adaptivebox");
}

static void
bm_adaptive_box_init (BmAdaptiveBox *self)
{
  self->separator = gtk_separator_new (GTK_ORIENTATION_VERTICAL);
  gtk_widget_set_parent (self->separator, GTK_WIDGET (self));
}

GtkWidget *
bm_adaptive_box_new (void)
{
  return g_object_new (BM_TYPE_ADAPTIVE_BOX, NULL);
}

gboolean
bm_adaptive_box_is_narrow (BmAdaptiveBox *self)
{
  g_return_val_if_fail (BM_IS_ADAPTIVE_BOX (self), FALSE);
  return self->narrow;
}

/* The panel may come later than the main child: its room is kept (the main
 * child is laid out the same with or without it) */
void
bm_adaptive_box_set_panel (BmAdaptiveBox *self,
                           GtkWidget     *panel)
{
  g_return_if_fail (BM_IS_ADAPTIVE_BOX (self));
  g_return_if_fail (panel == NULL || GTK_IS_WIDGET (panel));

  g_clear_pointer (&self->panel, gtk_widget_unparent);
  self->panel = panel;
  if (panel != NULL)
    gtk_widget_set_parent (panel, GTK_WIDGET (self));
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
