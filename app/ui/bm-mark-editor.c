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
  GSignalGroup   *intake_signals;
  const BmRegion *region;
  BmSide          side;
  gboolean        updating;

  GtkLabel       *title;
  GtkScale       *scale;
  GtkLabel       *severity_label;
  GtkFlowBox     *symptom_box;
  GtkToggleButton *symptoms[BM_N_SYMPTOMS];
  GtkEntry       *note;
};

G_DEFINE_FINAL_TYPE (BmMarkEditor, bm_mark_editor, GTK_TYPE_POPOVER)

/* From the generated resource file; calling it also makes sure the linker
 * keeps the resources (and their constructor) out of the static library. */
GResource *bm_ui_get_resource (void);

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
bm_mark_editor_dispose (GObject *object)
{
  BmMarkEditor *self = (BmMarkEditor *)object;

  if (self->intake_signals)
    g_signal_group_set_target (self->intake_signals, NULL);
  g_clear_object (&self->intake_signals);
  g_clear_object (&self->intake);

  G_OBJECT_CLASS (bm_mark_editor_parent_class)->dispose (object);
}

static void
bm_mark_editor_class_init (BmMarkEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bm_mark_editor_dispose;

  g_assert (bm_ui_get_resource () != NULL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/bodymap/BodyMap/ui/bm-mark-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, BmMarkEditor, title);
  gtk_widget_class_bind_template_child (widget_class, BmMarkEditor, scale);
  gtk_widget_class_bind_template_child (widget_class, BmMarkEditor, severity_label);
  gtk_widget_class_bind_template_child (widget_class, BmMarkEditor, symptom_box);
  gtk_widget_class_bind_template_child (widget_class, BmMarkEditor, note);
  gtk_widget_class_bind_template_callback (widget_class, on_scale_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_note_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_unmark_clicked_cb);
}

static void
bm_mark_editor_init (BmMarkEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "bm-mark-editor");

  self->intake_signals = g_signal_group_new (BM_TYPE_INTAKE);
  g_signal_group_connect_swapped (self->intake_signals, "mark-changed",
                                  G_CALLBACK (on_intake_mark_changed_cb), self);

  /* The scale ends at the data's highest severity */
  gtk_range_set_range (GTK_RANGE (self->scale), 0, BM_SEVERITY_MAX);
  for (int i = 0; i <= BM_SEVERITY_MAX; i++)
    gtk_scale_add_mark (self->scale, i, GTK_POS_BOTTOM, NULL);

  /* One toggle per symptom, with the symbol the map draws */
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
      gtk_flow_box_append (self->symptom_box, button);
      /* One Tab stop per chip: the button, not its place in the box too */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
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

  if (g_set_object (&self->intake, intake))
    g_signal_group_set_target (self->intake_signals, intake);

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

void
bm_mark_editor_fit_width (BmMarkEditor *self,
                          int           width)
{
  g_return_if_fail (BM_IS_MARK_EDITOR (self));

  /* A popover takes its natural width, out of the window if need be */
  for (guint per_line = 3; per_line >= 1; per_line--)
    {
      int natural;

      gtk_flow_box_set_max_children_per_line (self->symptom_box, per_line);
      gtk_widget_measure (GTK_WIDGET (self), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      if (natural <= width)
        break;
    }
}

void
bm_mark_editor_set_touch (BmMarkEditor *self,
                          gboolean      touch)
{
  g_return_if_fail (BM_IS_MARK_EDITOR (self));

  if (touch)
    gtk_widget_add_css_class (GTK_WIDGET (self), "touch");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "touch");
}

gboolean
bm_mark_editor_get_touch (BmMarkEditor *self)
{
  g_return_val_if_fail (BM_IS_MARK_EDITOR (self), FALSE);
  return gtk_widget_has_css_class (GTK_WIDGET (self), "touch");
}
