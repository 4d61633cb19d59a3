/* bm-outline-button.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-outline-button"

#include "config.h"

#include <glib/gi18n.h>

#include "bm-atlas.h"
#include "bm-outline-button.h"
#include "bm-outline-picker.h"

struct _BmOutlineButton
{
  GtkWidget        parent_instance;

  BmIntake        *intake;
  GSignalGroup    *intake_signals;
  GtkMenuButton   *button;
  BmOutlinePicker *picker;    /* made when first opened */
};

G_DEFINE_FINAL_TYPE (BmOutlineButton, bm_outline_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_INTAKE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
update_label (BmOutlineButton *self)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  guint index = 0;
  g_autofree char *label = NULL;

  if (self->intake != NULL)
    bm_atlas_lookup_body (atlas, bm_intake_get_body (self->intake), &index);
  /* Translators: over the map, the body outline drawn: "Outline: Wider hips" */
  label = g_strdup_printf (_("Outline: %s"), bm_atlas_get_body_name (atlas, index));
  gtk_menu_button_set_label (self->button, label);
  /* GTK 4.8 does not name a menu button by its label */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->button), self->intake != NULL);
}

static void
on_intake_body_cb (BmOutlineButton *self,
                   GParamSpec      *pspec,
                   BmIntake        *intake)
{
  GtkPopover *popover = gtk_menu_button_get_popover (self->button);

  /* An outline chosen (or the choice undone): the popover closes, so that
   * the map shows it unhidden, before the button is relabelled (GTK 4.8
   * rebuilds a menu button's content for a new label, which must not
   * happen under its open popover) */
  if (popover != NULL && gtk_widget_get_visible (GTK_WIDGET (popover)))
    gtk_popover_popdown (popover);
  update_label (self);
}

/* The popover: which outline, and why it matters, in a few words */
static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  BmOutlineButton *self = user_data;
  GtkWidget *popover, *box, *heading, *hint;

  if (self->picker != NULL)
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  heading = g_object_new (GTK_TYPE_LABEL,
                          "label", _("Body Outline"),
                          "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                          "xalign", 0.0f,
                          NULL);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  hint = gtk_label_new (_("The one closest to the client’s own. The marks stay where they are."));
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (hint), 28);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 34);
  gtk_box_append (GTK_BOX (box), hint);

  self->picker = BM_OUTLINE_PICKER (bm_outline_picker_new ());
  bm_outline_picker_set_intake (self->picker, self->intake);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->picker));

  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (button, popover);
}

static void
bm_outline_button_dispose (GObject *object)
{
  BmOutlineButton *self = BM_OUTLINE_BUTTON (object);

  if (self->intake_signals)
    g_signal_group_set_target (self->intake_signals, NULL);
  g_clear_object (&self->intake_signals);
  g_clear_object (&self->intake);
  self->picker = NULL;
  if (self->button != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->button));
      self->button = NULL;
    }

  G_OBJECT_CLASS (bm_outline_button_parent_class)->dispose (object);
}

static void
bm_outline_button_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BmOutlineButton *self = BM_OUTLINE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_INTAKE:
      g_value_set_object (value, self->intake);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bm_outline_button_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BmOutlineButton *self = BM_OUTLINE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_INTAKE:
      bm_outline_button_set_intake (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bm_outline_button_class_init (BmOutlineButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bm_outline_button_dispose;
  object_class->get_property = bm_outline_button_get_property;
  object_class->set_property = bm_outline_button_set_property;

  properties [PROP_INTAKE] =
    g_param_spec_object ("intake", NULL, NULL, BM_TYPE_INTAKE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "outlinebutton");
}

static void
bm_outline_button_init (BmOutlineButton *self)
{
  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  /* No tooltip: it would cover the popover it opens. The label says
   * what it is and what is chosen. */
  gtk_menu_button_set_create_popup_func (self->button, create_popup_cb, self, NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));

  self->intake_signals = g_signal_group_new (BM_TYPE_INTAKE);
  g_signal_group_connect_swapped (self->intake_signals, "notify::body",
                                  G_CALLBACK (on_intake_body_cb), self);
  update_label (self);
}

GtkWidget *
bm_outline_button_new (void)
{
  return g_object_new (BM_TYPE_OUTLINE_BUTTON, NULL);
}

BmIntake *
bm_outline_button_get_intake (BmOutlineButton *self)
{
  g_return_val_if_fail (BM_IS_OUTLINE_BUTTON (self), NULL);
  return self->intake;
}

void
bm_outline_button_set_intake (BmOutlineButton *self,
                              BmIntake        *intake)
{
  g_return_if_fail (BM_IS_OUTLINE_BUTTON (self));
  g_return_if_fail (intake == NULL || BM_IS_INTAKE (intake));

  if (!g_set_object (&self->intake, intake))
    return;
  g_signal_group_set_target (self->intake_signals, intake);
  if (self->picker != NULL)
    bm_outline_picker_set_intake (self->picker, intake);
  update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_INTAKE]);
}

GtkMenuButton *
bm_outline_button_get_menu_button (BmOutlineButton *self)
{
  g_return_val_if_fail (BM_IS_OUTLINE_BUTTON (self), NULL);
  return self->button;
}
