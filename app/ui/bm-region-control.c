/* bm-region-control.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-region-control"

#include "config.h"

#include <glib/gi18n.h>

#include "bm-date.h"
#include "bm-region-control.h"

struct _BmRegionControl
{
  GtkWidget       parent_instance;

  const BmRegion *region;
  BmSide          side;
  BmMark         *mark;
  char           *change;       /* compare mode: "Better since …"; NULL: none */
  char           *description;
};

G_DEFINE_FINAL_TYPE (BmRegionControl, bm_region_control, GTK_TYPE_WIDGET)

enum {
  ACTIVATE,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
update_description (BmRegionControl *self)
{
  GString *str = g_string_new (NULL);
  const BmMark *mark = self->mark;

  if (self->change != NULL)
    g_string_append_printf (str, "%s. ", self->change);
  if (mark != NULL)
    {
      g_autofree char *band = g_utf8_strdown (bm_severity_band_label (bm_severity_get_band (mark->severity)), -1);

      /* Translators: e.g. "Severity 6 of 10, moderate" */
      g_string_append_printf (str, _("Severity %d of 10, %s"), mark->severity, band);
      for (guint i = 0; i < BM_N_SYMPTOMS; i++)
        if (mark->symptoms & bm_symptom_nth (i))
          g_string_append_printf (str, ", %s", bm_symptom_get_label (bm_symptom_nth (i)));
    }
  else
    g_string_append (str, _("Not marked"));

  g_free (self->description);
  self->description = g_string_free (str, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

/* "Better since 9 November 2026: 6 → 4" */
static char *
dup_change_text (const BmProgressArea *area,
                 const char           *date)
{
  /* Translators: the date of the visit compared with, "9 November 2026" (strftime) */
  g_autofree char *day = bm_date_format (date, _("%-d %B %Y"));
  const char *when = day ? day : date;

  switch (area->kind)
    {
    case BM_PROGRESS_BETTER:
      /* Translators: screen reader, "Better since 9 November 2026: 6 → 4" */
      return g_strdup_printf (_("Better since %s: %d → %d"), when, area->before, area->now);
    case BM_PROGRESS_WORSE:
      /* Translators: screen reader, "Worse since 9 November 2026: 3 → 6" */
      return g_strdup_printf (_("Worse since %s: %d → %d"), when, area->before, area->now);
    case BM_PROGRESS_SAME:
      /* Translators: screen reader, "About the same since 9 November 2026: 5 → 4" */
      return g_strdup_printf (_("About the same since %s: %d → %d"), when, area->before, area->now);
    case BM_PROGRESS_NEW:
      /* Translators: screen reader, "New since 9 November 2026: 6" */
      return g_strdup_printf (_("New since %s: %d"), when, area->now);
    case BM_PROGRESS_RESOLVED:
    default:
      /* Translators: screen reader, "Resolved since 9 November 2026: 4 → none" */
      return g_strdup_printf (_("Resolved since %s: %d → none"), when, area->before);
    }
}

/* The check box's one action. GTK 4.8 gives AT-SPI clients (switch
 * access, voice control, a screen reader's "activate") the actions a
 * plain widget installs in its class, with no parameter, under their
 * name: "toggle" */
static void
toggle_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals [ACTIVATE], 0);
}

static void
bm_region_control_finalize (GObject *object)
{
  BmRegionControl *self = BM_REGION_CONTROL (object);

  g_clear_pointer (&self->mark, bm_mark_free);
  g_free (self->change);
  g_free (self->description);

  G_OBJECT_CLASS (bm_region_control_parent_class)->finalize (object);
}

static void
bm_region_control_class_init (BmRegionControlClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bm_region_control_finalize;

  /**
   * BmRegionControl::activate:
   *
   * Marks or unmarks the region, as Space does: the "toggle" action, and
   * gtk_widget_activate().
   */
  signals [ACTIVATE] =
    g_signal_new ("activate",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal (widget_class, signals [ACTIVATE]);
  gtk_widget_class_install_action (widget_class, "toggle", NULL, toggle_action);

  gtk_widget_class_set_css_name (widget_class, "bmregion");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_CHECKBOX);
}

static void
bm_region_control_init (BmRegionControl *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  /* The map under it takes the pointer; this only takes keyboard focus */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

GtkWidget *
bm_region_control_new (const BmRegion *region,
                       BmSide          side)
{
  BmRegionControl *self;
  g_autofree char *label = NULL;

  g_return_val_if_fail (region != NULL, NULL);

  self = g_object_new (BM_TYPE_REGION_CONTROL, NULL);
  self->region = region;
  self->side = side;

  label = bm_region_dup_label (region, side);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  bm_region_control_set_mark (self, NULL);

  return GTK_WIDGET (self);
}

const BmRegion *
bm_region_control_get_region (BmRegionControl *self)
{
  g_return_val_if_fail (BM_IS_REGION_CONTROL (self), NULL);
  return self->region;
}

BmSide
bm_region_control_get_side (BmRegionControl *self)
{
  g_return_val_if_fail (BM_IS_REGION_CONTROL (self), BM_SIDE_CENTER);
  return self->side;
}

void
bm_region_control_set_mark (BmRegionControl *self,
                            const BmMark    *mark)
{
  g_return_if_fail (BM_IS_REGION_CONTROL (self));

  gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                               GTK_ACCESSIBLE_STATE_CHECKED,
                               mark ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
  g_clear_pointer (&self->mark, bm_mark_free);
  self->mark = mark ? bm_mark_copy (mark) : NULL;
  update_description (self);
}

void
bm_region_control_set_change (BmRegionControl      *self,
                              const BmProgressArea *area,
                              const char           *date)
{
  g_autofree char *change = NULL;

  g_return_if_fail (BM_IS_REGION_CONTROL (self));
  g_return_if_fail (area == NULL || date != NULL);

  change = area ? dup_change_text (area, date) : NULL;
  if (g_strcmp0 (change, self->change) == 0)
    return;
  g_free (self->change);
  self->change = g_steal_pointer (&change);
  update_description (self);
}

const char *
bm_region_control_get_description (BmRegionControl *self)
{
  g_return_val_if_fail (BM_IS_REGION_CONTROL (self), NULL);
  return self->description;
}
