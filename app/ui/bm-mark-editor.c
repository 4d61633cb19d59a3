/* bm-mark-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-mark-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "bm-map-renderer.h"
#include "bm-mark-editor.h"

struct _BmMarkEditor
{
  GtkPopover      parent_instance;

  BmIntake       *intake;
  const BmRegion *region;
  BmSide          side;
  gulong          mark_changed_id;
  gboolean        updating;

  GtkLabel       *title;
  GtkScale       *scale;
  GtkLabel       *severity_label;
  GtkToggleButton *symptoms[BM_N_SYMPTOMS];
  GtkEntry       *note;
};

G_DEFINE_FINAL_TYPE (BmMarkEditor, bm_mark_editor, GTK_TYPE_POPOVER)

static const BmMark *
current_mark (BmMarkEditor *self)
{
  if (self->intake == NULL || self->region == NULL)
    return NULL;
  return bm_intake_get_mark (self->intake, bm_region_get_id (self->region), self->side);
}

static void
update_severity_label (BmMarkEditor *self,
                       int           severity)
{
  g_autofree char *text = NULL;

  /* Translators: severity and its band, e.g. "6 · Moderate" */
  text = g_strdup_printf (_("%d · %s"), severity,
                          bm_severity_band_label (bm_severity_get_band (severity)));
  gtk_label_set_label (self->severity_label, text);
}

static void
sync_from_mark (BmMarkEditor *self)
{
  const BmMark *mark = current_mark (self);

  if (mark == NULL)
    return;

  self->updating = TRUE;
  gtk_range_set_value (GTK_RANGE (self->scale), mark->severity);
  update_severity_label (self, mark->severity);
  for (guint i = 0; i < BM_N_SYMPTOMS; i++)
    gtk_toggle_button_set_active (self->symptoms[i], (mark->symptoms & bm_symptom_nth (i)) != 0);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->note)), mark->note ? mark->note : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->note), mark->note ? mark->note : "");
  self->updating = FALSE;
}

static void
store (BmMarkEditor *self,
       gboolean      merge)
{
  g_autoptr(BmMark) mark = NULL;
  BmSymptoms symptoms = 0;

  if (self->updating || self->region == NULL)
    return;

  for (guint i = 0; i < BM_N_SYMPTOMS; i++)
    if (gtk_toggle_button_get_active (self->symptoms[i]))
      symptoms |= bm_symptom_nth (i);

  mark = bm_mark_new (bm_region_get_id (self->region), self->side,
                      (int) gtk_range_get_value (GTK_RANGE (self->scale)),
                      symptoms,
                      gtk_editable_get_text (GTK_EDITABLE (self->note)));
  bm_intake_set_mark (self->intake, mark, merge);
}

static void
on_scale_value_changed_cb (BmMarkEditor *self,
                           GtkRange     *range)
{
  update_severity_label (self, (int) gtk_range_get_value (range));
  store (self, TRUE);
}

static void
on_symptom_toggled_cb (BmMarkEditor    *self,
                       GtkToggleButton *button)
{
  store (self, FALSE);
}

static void
on_note_changed_cb (BmMarkEditor *self,
                    GtkEditable  *editable)
{
  store (self, TRUE);
}

static void
on_unmark_clicked_cb (BmMarkEditor *self,
                      GtkButton    *button)
{
  if (self->intake && self->region)
    bm_intake_remove_mark (self->intake, bm_region_get_id (self->region), self->side);
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
on_intake_mark_changed_cb (BmMarkEditor *self,
                           const char   *region,
                           int           side,
                           BmIntake     *intake)
{
  if (self->region == NULL || (BmSide) side != self->side ||
      g_strcmp0 (region, bm_region_get_id (self->region)) != 0)
    return;

  /* Undone or unmarked elsewhere */
  if (current_mark (self) == NULL)
    gtk_popover_popdown (GTK_POPOVER (self));
  else
    sync_from_mark (self);
}

static void
draw_symbol (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  BmSymptoms symptom = GPOINTER_TO_UINT (user_data);
  GdkRGBA fg;
  BmColor ink;

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (GTK_WIDGET (area), &fg);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
#endif
  ink = (BmColor) { fg.red, fg.green, fg.blue, 1 };
  bm_map_renderer_draw_symptom (cr, symptom, width / 2.0, height / 2.0, MIN (width, height) - 2, &ink);
}

static void
disconnect_intake (BmMarkEditor *self)
{
  if (self->intake != NULL)
    g_clear_signal_handler (&self->mark_changed_id, self->intake);
  g_clear_object (&self->intake);
}

static void
bm_mark_editor_dispose (GObject *object)
{
  BmMarkEditor *self = (BmMarkEditor *)object;

  disconnect_intake (self);

  G_OBJECT_CLASS (bm_mark_editor_parent_class)->dispose (object);
}

static void
bm_mark_editor_class_init (BmMarkEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bm_mark_editor_dispose;
}

static void
bm_mark_editor_init (BmMarkEditor *self)
{
  GtkWidget *box, *row, *label, *flow, *unmark;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_size_request (box, 280, -1);
  gtk_popover_set_child (GTK_POPOVER (self), box);

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->title));

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (row, 6);
  label = gtk_label_new_with_mnemonic (_("_How bad is it?"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (row), label);
  self->severity_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->severity_label), "numeric");
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->severity_label));
  gtk_box_append (GTK_BOX (box), row);

  self->scale = GTK_SCALE (gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, BM_SEVERITY_MAX, 1));
  gtk_range_set_round_digits (GTK_RANGE (self->scale), 0);
  for (int i = 0; i <= BM_SEVERITY_MAX; i++)
    gtk_scale_add_mark (self->scale, i, GTK_POS_BOTTOM, NULL);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->scale));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->scale),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  g_signal_connect_object (self->scale, "value-changed",
                           G_CALLBACK (on_scale_value_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->scale));

  /* The ends of the scale, inside the popover whatever their length */
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = gtk_label_new (C_("severity scale", "None"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (row), label);
  label = gtk_label_new (C_("severity scale", "Worst"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (box), row);

  label = gtk_label_new (_("What does it feel like?"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (GTK_BOX (box), label);

  flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 4);
  for (guint i = 0; i < BM_N_SYMPTOMS; i++)
    {
      BmSymptoms symptom = bm_symptom_nth (i);
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *symbol = gtk_drawing_area_new ();

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (symbol), 14);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (symbol), 14);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (symbol), draw_symbol,
                                      GUINT_TO_POINTER (symptom), NULL);
      gtk_widget_set_valign (symbol, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (content), symbol);
      gtk_box_append (GTK_BOX (content), gtk_label_new (bm_symptom_get_label (symptom)));
      gtk_widget_set_halign (content, GTK_ALIGN_CENTER);
      gtk_button_set_child (GTK_BUTTON (button), content);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, bm_symptom_get_label (symptom),
                                      -1);
      self->symptoms[i] = GTK_TOGGLE_BUTTON (button);
      g_signal_connect_object (button, "toggled",
                               G_CALLBACK (on_symptom_toggled_cb), self, G_CONNECT_SWAPPED);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), button);
    }
  gtk_box_append (GTK_BOX (box), flow);

  self->note = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->note, _("Note (optional)"));
  gtk_entry_set_max_length (self->note, 1000);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"),
                                  -1);
  gtk_widget_set_margin_top (GTK_WIDGET (self->note), 6);
  g_signal_connect_object (self->note, "changed",
                           G_CALLBACK (on_note_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->note));

  unmark = gtk_button_new_with_mnemonic (_("_Unmark"));
  gtk_widget_add_css_class (unmark, "destructive-action");
  gtk_widget_set_halign (unmark, GTK_ALIGN_END);
  gtk_widget_set_margin_top (unmark, 6);
  gtk_widget_set_tooltip_text (unmark, _("Remove this area from the map"));
  g_signal_connect_object (unmark, "clicked",
                           G_CALLBACK (on_unmark_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), unmark);
}

GtkWidget *
bm_mark_editor_new (void)
{
  return g_object_new (BM_TYPE_MARK_EDITOR, NULL);
}

void
bm_mark_editor_edit (BmMarkEditor   *self,
                     BmIntake       *intake,
                     const BmRegion *region,
                     BmSide          side)
{
  g_autofree char *title = NULL;

  g_return_if_fail (BM_IS_MARK_EDITOR (self));
  g_return_if_fail (BM_IS_INTAKE (intake));
  g_return_if_fail (region != NULL);

  if (self->intake != intake)
    {
      disconnect_intake (self);
      self->intake = g_object_ref (intake);
      self->mark_changed_id =
        g_signal_connect_object (intake, "mark-changed",
                                 G_CALLBACK (on_intake_mark_changed_cb), self,
                                 G_CONNECT_SWAPPED);
    }

  self->region = region;
  self->side = side;
  title = bm_region_dup_label (region, side);
  gtk_label_set_label (self->title, title);
  sync_from_mark (self);
}

const BmRegion *
bm_mark_editor_get_region (BmMarkEditor *self)
{
  g_return_val_if_fail (BM_IS_MARK_EDITOR (self), NULL);
  return self->region;
}

BmSide
bm_mark_editor_get_side (BmMarkEditor *self)
{
  g_return_val_if_fail (BM_IS_MARK_EDITOR (self), BM_SIDE_CENTER);
  return self->side;
}
