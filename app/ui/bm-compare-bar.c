/* bm-compare-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-compare-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "bm-compare-bar.h"
#include "bm-date.h"

struct _BmCompareBar
{
  GtkWidget        parent_instance;

  BmComparison    *comparison;
  GSignalGroup    *comparison_signals;
  gboolean         syncing;

  GtkToggleButton *toggle;
  GtkWidget       *since;
  GtkDropDown     *drop_down;  /* made when first shown */
  GtkStringList   *dates;
};

G_DEFINE_FINAL_TYPE (BmCompareBar, bm_compare_bar, GTK_TYPE_WIDGET)

/* The drop-down lists the visits newest first; the comparison, oldest
 * first */
static guint
position_of_visit (BmCompareBar *self,
                   int           index)
{
  return bm_comparison_get_n_visits (self->comparison) - 1 - index;
}

static void on_selected_cb (BmCompareBar *self,
                            GParamSpec   *pspec,
                            GtkDropDown  *drop_down);

/* The list of visits, made when there is an earlier visit to pick: most
 * files have none, and a drop-down is not cheap to build */
static GtkDropDown *
ensure_drop_down (BmCompareBar *self)
{
  if (self->drop_down != NULL)
    return self->drop_down;

  self->drop_down = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->dates)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Earlier visit to compare with"),
                                  -1);
  /* No tooltip: it would cover the list it opens */
  gtk_widget_set_visible (GTK_WIDGET (self->drop_down), FALSE);
  g_signal_connect_object (self->drop_down, "notify::selected", G_CALLBACK (on_selected_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_parent (GTK_WIDGET (self->drop_down), GTK_WIDGET (self));
  return self->drop_down;
}

static void
rebuild_dates (BmCompareBar *self)
{
  guint n = bm_comparison_get_n_visits (self->comparison);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = n; i-- > 0;)
    {
      const char *date = bm_comparison_get_visit_date (self->comparison, i);
      /* Translators: an earlier visit to compare with, "9 Nov 2026" (strftime) */
      char *day = bm_date_format (date, _("%-d %b %Y"));

      g_ptr_array_add (labels, day ? day : g_strdup (date));
    }
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->dates, 0, g_list_model_get_n_items (G_LIST_MODEL (self->dates)),
                          (const char * const *) labels->pdata);
}

static void
on_comparison_changed_cb (BmCompareBar *self,
                          BmComparison *comparison)
{
  guint n = bm_comparison_get_n_visits (comparison);
  int selected = bm_comparison_get_selected (comparison);

  self->syncing = TRUE;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->dates)) != n)
    rebuild_dates (self);
  else
    for (guint i = 0; i < n; i++)
      {
        g_autofree char *day = bm_date_format (bm_comparison_get_visit_date (comparison, i), _("%-d %b %Y"));

        if (g_strcmp0 (day, gtk_string_list_get_string (self->dates, position_of_visit (self, i))) != 0)
          {
            rebuild_dates (self);
            break;
          }
      }
  gtk_toggle_button_set_active (self->toggle, selected >= 0);
  gtk_widget_set_visible (self->since, selected >= 0);
  if (selected >= 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (ensure_drop_down (self)), TRUE);
      gtk_drop_down_set_selected (self->drop_down, position_of_visit (self, selected));
    }
  else if (self->drop_down != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->drop_down), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
  self->syncing = FALSE;
}

static void
on_toggled_cb (BmCompareBar    *self,
               GtkToggleButton *toggle)
{
  if (self->syncing || self->comparison == NULL)
    return;
  bm_comparison_set_active (self->comparison, gtk_toggle_button_get_active (toggle));
  /* Straight on to the visit picked, for a keyboard user */
  if (gtk_toggle_button_get_active (toggle) && gtk_widget_has_focus (GTK_WIDGET (toggle)))
    gtk_widget_grab_focus (GTK_WIDGET (ensure_drop_down (self)));
}

static void
on_selected_cb (BmCompareBar *self,
                GParamSpec   *pspec,
                GtkDropDown  *drop_down)
{
  guint position = gtk_drop_down_get_selected (drop_down);

  if (self->syncing || self->comparison == NULL || position == GTK_INVALID_LIST_POSITION ||
      !bm_comparison_get_active (self->comparison))
    return;
  bm_comparison_set_selected (self->comparison, position_of_visit (self, position));
}

static void
bm_compare_bar_dispose (GObject *object)
{
  BmCompareBar *self = BM_COMPARE_BAR (object);
  GtkWidget *child;

  if (self->comparison_signals)
    g_signal_group_set_target (self->comparison_signals, NULL);
  g_clear_object (&self->comparison_signals);
  g_clear_object (&self->comparison);
  g_clear_object (&self->dates);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (bm_compare_bar_parent_class)->dispose (object);
}

static void
bm_compare_bar_class_init (BmCompareBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bm_compare_bar_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "comparebar");
}

static void
bm_compare_bar_init (BmCompareBar *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label;

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 8);

  /* Translators: a toggle: show how the areas changed since an earlier visit */
  label = gtk_label_new_with_mnemonic (_("C_ompare"));
  gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name ("view-dual-symbolic"));
  gtk_box_append (GTK_BOX (content), label);
  self->toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  gtk_button_set_child (GTK_BUTTON (self->toggle), content);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->toggle));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->toggle), _("Show how each area changed since an earlier visit"));
  /* Named by its label, "Compare" */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->toggle),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Show how each area changed since an earlier visit"),
                                  -1);
  g_signal_connect_object (self->toggle, "toggled", G_CALLBACK (on_toggled_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_parent (GTK_WIDGET (self->toggle), GTK_WIDGET (self));

  /* Translators: before the date of the visit compared with, "since 9 Nov 2026" */
  self->since = gtk_label_new (_("since"));
  gtk_widget_set_visible (self->since, FALSE);
  gtk_widget_set_parent (self->since, GTK_WIDGET (self));

  self->dates = gtk_string_list_new (NULL);

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
bm_compare_bar_new (void)
{
  return g_object_new (BM_TYPE_COMPARE_BAR, NULL);
}

void
bm_compare_bar_set_comparison (BmCompareBar *self,
                               BmComparison *comparison)
{
  g_return_if_fail (BM_IS_COMPARE_BAR (self));
  g_return_if_fail (comparison == NULL || BM_IS_COMPARISON (comparison));

  if (!bm_comparison_follow (&self->comparison, &self->comparison_signals, comparison,
                             G_CALLBACK (on_comparison_changed_cb), self))
    return;
  if (comparison != NULL)
    on_comparison_changed_cb (self, comparison);
  else
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkToggleButton *
bm_compare_bar_get_toggle (BmCompareBar *self)
{
  g_return_val_if_fail (BM_IS_COMPARE_BAR (self), NULL);
  return self->toggle;
}

GtkDropDown *
bm_compare_bar_get_drop_down (BmCompareBar *self)
{
  g_return_val_if_fail (BM_IS_COMPARE_BAR (self), NULL);
  return ensure_drop_down (self);
}
