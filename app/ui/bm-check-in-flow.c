/* bm-check-in-flow.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-check-in-flow"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bm-adaptive-box.h"
#include "bm-atlas.h"
#include "bm-body-map.h"
#include "bm-check-in-flow.h"
#include "bm-check-in-form.h"
#include "bm-date.h"
#include "bm-marks-list.h"
#include "bm-outline-picker.h"
#include "bm-widget-util.h"

struct _BmCheckInFlow
{
  GtkWidget       parent_instance;

  BmIntake       *intake;
  BmCheckInForm  *form;
  BmCheckInStep   step;

  GtkWidget      *box;
  GtkLabel       *step_label;
  GtkStack       *step_stack;
  GtkWidget      *map_page;
  BmBodyMap      *body_map;
  BmMarksList    *marks_list;
  BmOutlinePicker *outline_picker;
  GtkScrolledWindow *about_scroller;
  AdwBin         *about_bin;
  GtkScrolledWindow *review_scroller;
  GtkWidget      *review_box;
  GtkLabel       *review_error;
  GtkWidget      *back_button;
  GtkWidget      *next_button;
  GtkWidget      *done_button;
};

G_DEFINE_FINAL_TYPE (BmCheckInFlow, bm_check_in_flow, GTK_TYPE_WIDGET)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static const char * const step_pages[BM_CHECK_IN_N_STEPS] = { "map", "about", "review" };

/* The steps' names as the step indicator says them */
static const char * const step_names[BM_CHECK_IN_N_STEPS] = {
  N_("Where does it hurt?"),
  N_("About you"),
  N_("Check and finish"),
};

static GtkWidget *
add_review_group (BmCheckInFlow *self,
                  const char    *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (GTK_BOX (self->review_box), group);
  return group;
}

static void
add_review_row (GtkWidget  *group,
                const char *title,
                const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (value != NULL && *value != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static char *
dup_symptoms_text (BmSymptoms symptoms)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < BM_N_SYMPTOMS; i++)
    if (symptoms & bm_symptom_nth (i))
      {
        if (text->len > 0)
          /* Translators: between the symptoms of an area, "Tight, Knot" */
          g_string_append (text, _(", "));
        g_string_append (text, bm_symptom_get_label (bm_symptom_nth (i)));
      }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* What the client answered, in their words, to check before finishing */
static void
fill_review (BmCheckInFlow *self)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  GPtrArray *marks = bm_intake_get_marks (self->intake);
  BmHealthFlags health = bm_intake_get_health (self->intake);
  const char * const *avoid = bm_intake_get_avoid (self->intake);
  const BmRace *race = bm_intake_get_next_race (self->intake);
  const char *text;
  GtkWidget *child, *group;
  g_autofree char *year = NULL;

  while ((child = gtk_widget_get_first_child (self->review_box)))
    gtk_box_remove (GTK_BOX (self->review_box), child);

  group = add_review_group (self, _("Where It Hurts"));
  if (marks->len == 0)
    add_review_row (group, _("Nothing marked"), NULL);
  for (guint i = 0; i < marks->len; i++)
    {
      const BmMark *mark = g_ptr_array_index (marks, i);
      const BmRegion *region = bm_atlas_lookup (atlas, mark->region);
      g_autofree char *name = region ? bm_region_dup_label (region, mark->side) : g_strdup (mark->region);
      g_autofree char *symptoms = dup_symptoms_text (mark->symptoms);
      g_autoptr(GString) value = g_string_new (NULL);

      /* Translators: how bad an area is, "6 out of 10" */
      g_string_printf (value, _("%d out of 10"), mark->severity);
      if (*symptoms)
        g_string_append_printf (value, " · %s", symptoms);
      if (mark->note && *mark->note)
        g_string_append_printf (value, " · %s", mark->note);
      add_review_row (group, name, value->str);
    }
  {
    guint body = 0;

    bm_atlas_lookup_body (atlas, bm_intake_get_body (self->intake), &body);
    add_review_row (group, _("Outline closest to yours"), bm_atlas_get_body_name (atlas, body));
  }

  group = add_review_group (self, _("About You"));
  add_review_row (group, _("Name"), bm_intake_get_client_name (self->intake));
  if (bm_intake_get_birth_year (self->intake) > 0)
    year = g_strdup_printf ("%d", bm_intake_get_birth_year (self->intake));
  add_review_row (group, _("Year of birth"), year);
  text = bm_intake_get_email (self->intake);
  add_review_row (group, _("Email"), text && *text ? text : _("Not given"));
  text = bm_intake_get_phone (self->intake);
  add_review_row (group, _("Phone"), text && *text ? text : _("Not given"));

  group = add_review_group (self, _("Running"));
  add_review_row (group, _("At the moment"), bm_check_in_phase_label (bm_intake_get_phase (self->intake)));
  if (race != NULL)
    {
      /* Translators: the race day in the review, e.g. "Sunday, 6 December 2026";
       * see the format of g_date_time_format() */
      g_autofree char *day = bm_date_format (race->date, _("%A, %-d %B %Y"));
      g_autofree char *value = race->distance && *race->distance
                               ? g_strdup_printf ("%s · %s", day ? day : race->date, race->distance)
                               : g_strdup (day ? day : race->date);

      add_review_row (group, _("Next race"), value);
    }
  else
    add_review_row (group, _("Next race"), _("None coming up"));
  add_review_row (group, _("Pressure you like"), bm_check_in_pressure_label (bm_intake_get_pressure (self->intake)));

  group = add_review_group (self, _("Your Health"));
  if (health == BM_HEALTH_NONE)
    add_review_row (group, bm_check_in_form_get_none_of_these (self->form) ? _("None of these")
                                                                          : _("Nothing ticked"), NULL);
  for (guint i = 0; i < BM_N_HEALTH_FLAGS; i++)
    if (health & bm_health_nth (i))
      add_review_row (group, bm_check_in_health_label (bm_health_nth (i)), NULL);
  text = bm_intake_get_allergies (self->intake);
  add_review_row (group, _("Allergies"), text && *text ? text : _("None given"));
  {
    g_autoptr(GString) names = g_string_new (NULL);

    for (guint i = 0; avoid && avoid[i]; i++)
      {
        const BmRegion *region = bm_atlas_lookup (atlas, avoid[i]);

        if (names->len > 0)
          g_string_append (names, _(", "));
        g_string_append (names, region ? bm_region_get_name (region) : avoid[i]);
      }
    add_review_row (group, _("Places not to touch"), names->len ? names->str : _("None"));
  }
  add_review_row (group, _("Consent to treatment"),
                  bm_intake_get_consent (self->intake) ? _("I agree") : _("Not given yet"));

  bm_widget_unfocus_inert_rows (self->review_box);
}

static void
update_step (BmCheckInFlow *self)
{
  g_autofree char *text = bm_check_in_flow_dup_step_text (self);
  /* Translators: the step indicator for screen readers, "Step 2 of 3, About you" */
  g_autofree char *spoken = g_strdup_printf (_("Step %d of %d, %s"), self->step + 1, BM_CHECK_IN_N_STEPS,
                                             _(step_names[self->step]));

  gtk_label_set_label (self->step_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->step_label), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  gtk_stack_set_visible_child_name (self->step_stack, step_pages[self->step]);
  gtk_widget_set_visible (self->back_button, self->step > BM_CHECK_IN_STEP_MAP);
  gtk_widget_set_visible (self->next_button, self->step < BM_CHECK_IN_STEP_REVIEW);
  gtk_widget_set_visible (self->done_button, self->step == BM_CHECK_IN_STEP_REVIEW);
  gtk_widget_set_visible (GTK_WIDGET (self->review_error), FALSE);
}

static void
scroll_to_top (GtkScrolledWindow *scroller)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

static void
focus_step (BmCheckInFlow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->step_stack);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root == NULL)
    return;
  /* A new step starts at its top, and so does the keyboard focus */
  gtk_root_set_focus (root, NULL);
  if (self->step == BM_CHECK_IN_STEP_REVIEW || !gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (self->step == BM_CHECK_IN_STEP_REVIEW ? self->done_button : self->next_button);
}

static void
on_back_button_clicked_cb (BmCheckInFlow *self)
{
  if (self->step > BM_CHECK_IN_STEP_MAP)
    bm_check_in_flow_go_to_step (self, self->step - 1);
}

static void
on_next_button_clicked_cb (BmCheckInFlow *self)
{
  if (self->step < BM_CHECK_IN_STEP_REVIEW)
    bm_check_in_flow_go_to_step (self, self->step + 1);
}

static void
on_done_button_clicked_cb (BmCheckInFlow *self)
{
  bm_check_in_flow_finish (self);
}

static void
bm_check_in_flow_dispose (GObject *object)
{
  BmCheckInFlow *self = BM_CHECK_IN_FLOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BM_TYPE_CHECK_IN_FLOW);
  g_clear_object (&self->intake);

  G_OBJECT_CLASS (bm_check_in_flow_parent_class)->dispose (object);
}

static void
bm_check_in_flow_class_init (BmCheckInFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bm_check_in_flow_dispose;

  /**
   * BmCheckInFlow::finished:
   *
   * The client tapped "I'm done" with everything needed given
   */
  signals [FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (BM_TYPE_ADAPTIVE_BOX);
  g_type_ensure (BM_TYPE_BODY_MAP);
  g_type_ensure (BM_TYPE_MARKS_LIST);
  g_type_ensure (BM_TYPE_OUTLINE_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bm-check-in-flow.ui");
  gtk_widget_class_bind_template_child (widget_class, BmCheckInFlow, box);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInFlow, step_label);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInFlow, step_stack);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInFlow, map_page);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInFlow, body_map);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInFlow, marks_list);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInFlow, outline_picker);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInFlow, about_scroller);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInFlow, about_bin);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInFlow, review_scroller);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInFlow, review_box);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInFlow, review_error);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInFlow, back_button);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInFlow, next_button);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInFlow, done_button);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_next_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_done_button_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
bm_check_in_flow_init (BmCheckInFlow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->intake = bm_intake_new ();
  bm_body_map_set_intake (self->body_map, self->intake);
  /* A finger on a tablet: taps snap to the nearest area, zoom buttons */
  bm_body_map_set_touch_mode (self->body_map, TRUE);
  bm_marks_list_set_intake (self->marks_list, self->intake);
  bm_outline_picker_set_intake (self->outline_picker, self->intake);
  self->form = BM_CHECK_IN_FORM (bm_check_in_form_new (self->intake));
  adw_bin_set_child (self->about_bin, GTK_WIDGET (self->form));

  bm_marks_list_link_map (self->marks_list, self->body_map);

  update_step (self);
}

GtkWidget *
bm_check_in_flow_new (void)
{
  return g_object_new (BM_TYPE_CHECK_IN_FLOW, NULL);
}

BmIntake *
bm_check_in_flow_get_intake (BmCheckInFlow *self)
{
  g_return_val_if_fail (BM_IS_CHECK_IN_FLOW (self), NULL);

  return self->intake;
}

gboolean
bm_check_in_flow_has_input (BmCheckInFlow *self)
{
  g_autoptr(BmIntake) fresh = bm_intake_new ();
  BmIntake *intake;
  const char * const *avoid;

  g_return_val_if_fail (BM_IS_CHECK_IN_FLOW (self), FALSE);

  intake = self->intake;
  avoid = bm_intake_get_avoid (intake);
  return bm_intake_get_marks (intake)->len > 0 ||
         *bm_intake_get_client_name (intake) != '\0' ||
         bm_intake_get_birth_year (intake) != 0 ||
         (bm_intake_get_email (intake) && *bm_intake_get_email (intake)) ||
         (bm_intake_get_phone (intake) && *bm_intake_get_phone (intake)) ||
         (bm_intake_get_allergies (intake) && *bm_intake_get_allergies (intake)) ||
         bm_intake_get_health (intake) != BM_HEALTH_NONE ||
         bm_check_in_form_get_none_of_these (self->form) ||
         (avoid != NULL && avoid[0] != NULL) ||
         bm_intake_get_next_race (intake) != NULL ||
         bm_intake_get_consent (intake) ||
         bm_intake_get_body (intake) != NULL ||
         bm_intake_get_phase (intake) != bm_intake_get_phase (fresh) ||
         bm_intake_get_pressure (intake) != bm_intake_get_pressure (fresh);
}

BmCheckInStep
bm_check_in_flow_get_step (BmCheckInFlow *self)
{
  g_return_val_if_fail (BM_IS_CHECK_IN_FLOW (self), BM_CHECK_IN_STEP_MAP);

  return self->step;
}

gboolean
bm_check_in_flow_go_to_step (BmCheckInFlow *self,
                             BmCheckInStep  step)
{
  g_return_val_if_fail (BM_IS_CHECK_IN_FLOW (self), FALSE);
  g_return_val_if_fail (step < BM_CHECK_IN_N_STEPS, FALSE);

  if (step == self->step)
    return TRUE;
  if (step > BM_CHECK_IN_STEP_ABOUT && self->step <= BM_CHECK_IN_STEP_ABOUT)
    {
      if (self->step != BM_CHECK_IN_STEP_ABOUT)
        {
          /* The answers are on the step before: show them there */
          if (!bm_check_in_flow_go_to_step (self, BM_CHECK_IN_STEP_ABOUT))
            return FALSE;
        }
      if (!bm_check_in_form_validate (self->form, TRUE))
        return FALSE;
    }

  /* The mark editor belongs to the map's step */
  if (self->step == BM_CHECK_IN_STEP_MAP)
    gtk_popover_popdown (bm_body_map_get_editor (self->body_map));

  self->step = step;
  if (step == BM_CHECK_IN_STEP_REVIEW)
    fill_review (self);
  update_step (self);
  scroll_to_top (self->about_scroller);
  scroll_to_top (self->review_scroller);
  focus_step (self);
  return TRUE;
}

void
bm_check_in_flow_finish (BmCheckInFlow *self)
{
  g_return_if_fail (BM_IS_CHECK_IN_FLOW (self));

  if (!bm_check_in_form_validate (self->form, TRUE))
    {
      bm_check_in_flow_go_to_step (self, BM_CHECK_IN_STEP_ABOUT);
      bm_check_in_form_validate (self->form, TRUE);
      return;
    }
  g_signal_emit (self, signals [FINISHED], 0);
}

void
bm_check_in_flow_show_error (BmCheckInFlow *self,
                             const char    *message)
{
  g_return_if_fail (BM_IS_CHECK_IN_FLOW (self));

  gtk_label_set_label (self->review_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->review_error), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->done_button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  message, -1);
  gtk_widget_grab_focus (self->done_button);
}

char *
bm_check_in_flow_dup_step_text (BmCheckInFlow *self)
{
  g_return_val_if_fail (BM_IS_CHECK_IN_FLOW (self), NULL);

  /* Translators: the step indicator, "Step 2 of 3: About you" */
  return g_strdup_printf (_("Step %d of %d: %s"), self->step + 1, BM_CHECK_IN_N_STEPS, _(step_names[self->step]));
}

GtkWidget *
bm_check_in_flow_get_body_map (BmCheckInFlow *self)
{
  g_return_val_if_fail (BM_IS_CHECK_IN_FLOW (self), NULL);

  return GTK_WIDGET (self->body_map);
}

GtkWidget *
bm_check_in_flow_get_form (BmCheckInFlow *self)
{
  g_return_val_if_fail (BM_IS_CHECK_IN_FLOW (self), NULL);

  return GTK_WIDGET (self->form);
}
