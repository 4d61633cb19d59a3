/* bm-region-control.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-region-control"

#include "config.h"

#include <glib/gi18n.h>

#include "bm-region-control.h"

struct _BmRegionControl
{
  GtkWidget       parent_instance;

  const BmRegion *region;
  BmSide          side;
};

G_DEFINE_FINAL_TYPE (BmRegionControl, bm_region_control, GTK_TYPE_WIDGET)

static void
bm_region_control_class_init (BmRegionControlClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

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
  g_autofree char *description = NULL;

  g_return_if_fail (BM_IS_REGION_CONTROL (self));

  gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                               GTK_ACCESSIBLE_STATE_CHECKED,
                               mark ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);

  if (mark != NULL)
    {
      GString *str = g_string_new (NULL);
      g_autofree char *band = g_utf8_strdown (bm_severity_band_label (bm_severity_get_band (mark->severity)), -1);

      /* Translators: e.g. "Severity 6 of 10, moderate" */
      g_string_append_printf (str, _("Severity %d of 10, %s"), mark->severity, band);
      for (guint i = 0; i < BM_N_SYMPTOMS; i++)
        if (mark->symptoms & bm_symptom_nth (i))
          g_string_append_printf (str, ", %s", bm_symptom_get_label (bm_symptom_nth (i)));
      description = g_string_free (str, FALSE);
    }
  else
    description = g_strdup (_("Not marked"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}
