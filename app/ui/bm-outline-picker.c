/* bm-outline-picker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-outline-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "bm-atlas.h"
#include "bm-body-map.h"
#include "bm-map-renderer.h"
#include "bm-outline-picker.h"

/* One outline: its radio button, and in it the picture and the words */
typedef struct
{
  GtkCheckButton *button;
  GtkBox         *box;
  GtkWidget      *picture;
  GtkWidget      *name;
  GtkWidget      *description;
} Choice;

struct _BmOutlinePicker
{
  GtkWidget     parent_instance;

  BmIntake     *intake;
  GSignalGroup *intake_signals;
  GArray       *choices;    /* Choice, as the atlas lists the outlines */
  gboolean      touch;
  gboolean      syncing;
};

G_DEFINE_FINAL_TYPE (BmOutlinePicker, bm_outline_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_INTAKE,
  PROP_TOUCH,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The pictures' size: in a list, and for a finger */
#define PICTURE_WIDTH        52
#define PICTURE_HEIGHT       120
#define TOUCH_PICTURE_WIDTH  64
#define TOUCH_PICTURE_HEIGHT 148

/* The view the pictures show: the first of both sides (the front) */
static BmView
picture_view (BmAtlas *atlas)
{
  for (BmView v = 0; v < bm_atlas_get_n_views (atlas); v++)
    if (bm_atlas_get_view_shows (atlas, v) == BM_SIDE_CENTER)
      return v;
  return 0;
}

static void
draw_picture (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  guint index = GPOINTER_TO_UINT (user_data);
  BmAtlas *outline = bm_atlas_get_for_body (atlas, bm_atlas_get_body_id (atlas, index));
  BmMapStyle style;

  bm_map_style_init_for_widget (&style, GTK_WIDGET (area));
  bm_map_renderer_draw_thumbnail (cr, outline, picture_view (outline), width, height, &style);
}

static void
sync_choice (BmOutlinePicker *self)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  guint index = 0;

  if (self->intake != NULL && !bm_atlas_lookup_body (atlas, bm_intake_get_body (self->intake), &index))
    index = G_MAXUINT;

  self->syncing = TRUE;
  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *choice = &g_array_index (self->choices, Choice, i);

      gtk_check_button_set_active (choice->button, self->intake != NULL && i == index);
      gtk_widget_set_sensitive (GTK_WIDGET (choice->button), self->intake != NULL);
    }
  self->syncing = FALSE;
}

static void
apply_touch (BmOutlinePicker *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout),
                                  self->touch ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_homogeneous (GTK_BOX_LAYOUT (layout), self->touch);
  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *choice = &g_array_index (self->choices, Choice, i);

      gtk_orientable_set_orientation (GTK_ORIENTABLE (choice->box),
                                      self->touch ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
      gtk_widget_set_size_request (choice->picture,
                                   self->touch ? TOUCH_PICTURE_WIDTH : PICTURE_WIDTH,
                                   self->touch ? TOUCH_PICTURE_HEIGHT : PICTURE_HEIGHT);
      /* Side by side there is room for the name only, under the
       * picture: the words are the button's description and tooltip */
      gtk_widget_set_visible (choice->description, !self->touch);
      gtk_label_set_wrap (GTK_LABEL (choice->name), self->touch);
      gtk_label_set_justify (GTK_LABEL (choice->name), self->touch ? GTK_JUSTIFY_CENTER : GTK_JUSTIFY_LEFT);
      gtk_label_set_xalign (GTK_LABEL (choice->name), self->touch ? 0.5 : 0);
    }
  if (self->touch)
    gtk_widget_add_css_class (GTK_WIDGET (self), "touch");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "touch");
}

static void
on_intake_body_cb (BmOutlinePicker *self,
                   GParamSpec      *pspec,
                   BmIntake        *intake)
{
  sync_choice (self);
}

static void
on_button_toggled_cb (BmOutlinePicker *self,
                      GtkCheckButton  *button)
{
  BmAtlas *atlas = bm_atlas_get_default ();

  if (self->syncing || self->intake == NULL || !gtk_check_button_get_active (button))
    return;

  for (guint i = 0; i < self->choices->len; i++)
    if (g_array_index (self->choices, Choice, i).button == button)
      {
        /* The default is no outline named, as in a file from before
         * there were others */
        bm_intake_set_body (self->intake, i == 0 ? NULL : bm_atlas_get_body_id (atlas, i));
        break;
      }
}

static void
add_choice (BmOutlinePicker *self,
            BmAtlas         *atlas,
            guint            index)
{
  Choice choice = { 0 };
  GtkWidget *words;
  const char *description = bm_atlas_get_body_description (atlas, index);

  choice.box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8));

  /* A picture for the eye; the name says it for a screen reader */
  choice.picture = g_object_new (GTK_TYPE_DRAWING_AREA,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                 "halign", GTK_ALIGN_CENTER,
                                 NULL);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (choice.picture), draw_picture,
                                  GUINT_TO_POINTER (index), NULL);
  gtk_box_append (choice.box, choice.picture);

  words = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_valign (words, GTK_ALIGN_CENTER);
  choice.name = gtk_label_new (bm_atlas_get_body_name (atlas, index));
  gtk_widget_add_css_class (choice.name, "heading");
  gtk_box_append (GTK_BOX (words), choice.name);
  choice.description = gtk_label_new (description);
  gtk_label_set_wrap (GTK_LABEL (choice.description), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (choice.description), 20);
  gtk_label_set_max_width_chars (GTK_LABEL (choice.description), 26);
  gtk_label_set_xalign (GTK_LABEL (choice.description), 0);
  gtk_widget_add_css_class (choice.description, "dim-label");
  gtk_box_append (GTK_BOX (words), choice.description);
  gtk_box_append (choice.box, words);

  choice.button = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_check_button_set_child (choice.button, GTK_WIDGET (choice.box));
  gtk_widget_add_css_class (GTK_WIDGET (choice.button), "bm-outline-choice");
  gtk_widget_set_tooltip_text (GTK_WIDGET (choice.button), description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (choice.button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, bm_atlas_get_body_name (atlas, index),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  if (self->choices->len > 0)
    gtk_check_button_set_group (choice.button, g_array_index (self->choices, Choice, 0).button);
  g_signal_connect_object (choice.button, "toggled", G_CALLBACK (on_button_toggled_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_parent (GTK_WIDGET (choice.button), GTK_WIDGET (self));
  g_array_append_val (self->choices, choice);
}

static void
bm_outline_picker_dispose (GObject *object)
{
  BmOutlinePicker *self = BM_OUTLINE_PICKER (object);
  GtkWidget *child;

  if (self->intake_signals)
    g_signal_group_set_target (self->intake_signals, NULL);
  g_clear_object (&self->intake_signals);
  g_clear_object (&self->intake);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->choices, g_array_unref);

  G_OBJECT_CLASS (bm_outline_picker_parent_class)->dispose (object);
}

static void
bm_outline_picker_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BmOutlinePicker *self = BM_OUTLINE_PICKER (object);

  switch (prop_id)
    {
    case PROP_INTAKE:
      g_value_set_object (value, self->intake);
      break;
    case PROP_TOUCH:
      g_value_set_boolean (value, self->touch);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bm_outline_picker_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BmOutlinePicker *self = BM_OUTLINE_PICKER (object);

  switch (prop_id)
    {
    case PROP_INTAKE:
      bm_outline_picker_set_intake (self, g_value_get_object (value));
      break;
    case PROP_TOUCH:
      bm_outline_picker_set_touch (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bm_outline_picker_class_init (BmOutlinePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = bm_outline_picker_dispose;
  object_class->get_property = bm_outline_picker_get_property;
  object_class->set_property = bm_outline_picker_set_property;

  properties [PROP_INTAKE] = g_param_spec_object ("intake", NULL, NULL, BM_TYPE_INTAKE, rw);
  properties [PROP_TOUCH] = g_param_spec_boolean ("touch", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "outlinepicker");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_RADIO_GROUP);
}

static void
bm_outline_picker_init (BmOutlinePicker *self)
{
  BmAtlas *atlas = bm_atlas_get_default ();

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Body outline"),
                                  -1);

  self->choices = g_array_new (FALSE, TRUE, sizeof (Choice));
  for (guint i = 0; i < bm_atlas_get_n_bodies (atlas); i++)
    add_choice (self, atlas, i);

  self->intake_signals = g_signal_group_new (BM_TYPE_INTAKE);
  g_signal_group_connect_swapped (self->intake_signals, "notify::body",
                                  G_CALLBACK (on_intake_body_cb), self);
  apply_touch (self);
  sync_choice (self);
}

GtkWidget *
bm_outline_picker_new (void)
{
  return g_object_new (BM_TYPE_OUTLINE_PICKER, NULL);
}

BmIntake *
bm_outline_picker_get_intake (BmOutlinePicker *self)
{
  g_return_val_if_fail (BM_IS_OUTLINE_PICKER (self), NULL);
  return self->intake;
}

void
bm_outline_picker_set_intake (BmOutlinePicker *self,
                              BmIntake        *intake)
{
  g_return_if_fail (BM_IS_OUTLINE_PICKER (self));
  g_return_if_fail (intake == NULL || BM_IS_INTAKE (intake));

  if (!g_set_object (&self->intake, intake))
    return;
  g_signal_group_set_target (self->intake_signals, intake);
  sync_choice (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_INTAKE]);
}

gboolean
bm_outline_picker_get_touch (BmOutlinePicker *self)
{
  g_return_val_if_fail (BM_IS_OUTLINE_PICKER (self), FALSE);
  return self->touch;
}

void
bm_outline_picker_set_touch (BmOutlinePicker *self,
                             gboolean         touch)
{
  g_return_if_fail (BM_IS_OUTLINE_PICKER (self));

  touch = !!touch;
  if (self->touch == touch)
    return;
  self->touch = touch;
  apply_touch (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TOUCH]);
}

GtkCheckButton *
bm_outline_picker_get_button (BmOutlinePicker *self,
                              guint            index)
{
  g_return_val_if_fail (BM_IS_OUTLINE_PICKER (self), NULL);
  g_return_val_if_fail (index < self->choices->len, NULL);

  return g_array_index (self->choices, Choice, index).button;
}
