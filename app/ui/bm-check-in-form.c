/* bm-check-in-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-check-in-form"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "bm-atlas.h"
#include "bm-check-in-form.h"
#include "bm-date.h"
#include "bm-widget-util.h"

#define RACE_DEFAULT_DAYS 14

struct _BmCheckInForm
{
  GtkWidget             parent_instance;

  BmIntake             *intake;

  GtkCheckButton       *phase_checks[BM_N_PHASES];
  GtkCheckButton       *pressure_checks[BM_PRESSURE_DEEP + 1];
  GtkCheckButton       *health_checks[BM_N_HEALTH_FLAGS];
  GtkCheckButton       *none_check;
  GPtrArray            *avoid_checks;
  char                 *race_date;
  gboolean              syncing;

  GtkWidget            *box;
  AdwEntryRow          *name_row;
  AdwEntryRow          *birth_year_row;
  AdwEntryRow          *email_row;
  AdwEntryRow          *phone_row;
  GtkLabel             *about_error;
  AdwPreferencesGroup  *phase_group;
  AdwExpanderRow       *race_row;
  AdwActionRow         *race_date_row;
  GtkMenuButton        *race_date_button;
  GtkCalendar          *race_calendar;
  AdwEntryRow          *race_distance_row;
  AdwPreferencesGroup  *pressure_group;
  AdwPreferencesGroup  *health_group;
  AdwPreferencesGroup  *conditions_group;
  AdwPreferencesGroup  *none_group;
  AdwEntryRow          *allergies_row;
  AdwExpanderRow       *avoid_row;
  GtkLabel             *consent_text;
  AdwActionRow         *consent_row;
  GtkCheckButton       *consent_check;
  GtkLabel             *consent_error;
};

G_DEFINE_FINAL_TYPE (BmCheckInForm, bm_check_in_form, GTK_TYPE_WIDGET)

/* In the order of BmPhase: a title in plain words, then what it means
 * (the same words as the therapist's form) */
static const char * const phase_words[BM_N_PHASES][2] = {
  { N_("Steady running"), N_("Steady or light training, or off-season") },
  { N_("Training hard"), N_("High mileage or speed work") },
  { N_("Coming back from an injury"), NULL },
  { N_("Easing off before a race"), N_("The last weeks before a goal race: less mileage, keeping the legs fresh") },
};

/* In the order of BmPressure */
static const char * const pressure_words[BM_PRESSURE_DEEP + 1][2] = {
  { N_("Light"), N_("Gentle and relaxing") },
  { N_("Medium"), N_("Firm enough to ease tight muscles") },
  { N_("Firm"), N_("Strong, for muscles used to massage") },
  { N_("Deep"), N_("Slow, strong work on deep layers; can feel intense") },
};

/* The health questions, in the therapist's form's words; @condition:
 * asked under "Conditions Your Therapist Must Know About" */
static const struct
{
  BmHealthFlags  flag;
  const char    *title;
  const char    *subtitle;
  gboolean       condition;
} health_items[BM_N_HEALTH_FLAGS] = {
  { BM_HEALTH_FEVER, N_("I have a fever or feel unwell today"), NULL, FALSE },
  { BM_HEALTH_RECENT_INJURY, N_("I hurt myself in the last 3 days"),
    N_("For example a sprain, swelling or bruising"), FALSE },
  { BM_HEALTH_RECENT_SURGERY, N_("I had surgery recently"), NULL, FALSE },
  { BM_HEALTH_SKIN_CONDITION, N_("I have a rash, wound or skin infection"), NULL, FALSE },
  { BM_HEALTH_BLOOD_THINNERS, N_("I take blood thinners"),
    N_("Medicine that stops blood from clotting, such as warfarin"), FALSE },
  { BM_HEALTH_CLOTS_OR_VARICOSE_VEINS, N_("I have had blood clots or have varicose veins"), NULL, FALSE },
  { BM_HEALTH_OSTEOPOROSIS, N_("I have osteoporosis or fragile bones"), NULL, FALSE },
  { BM_HEALTH_DIABETES, N_("I have diabetes"), NULL, TRUE },
  { BM_HEALTH_HEART_CONDITION, N_("I have a heart condition"),
    N_("Or high blood pressure that is treated, or a pacemaker"), TRUE },
  { BM_HEALTH_CANCER_TREATMENT, N_("I am being treated for cancer, or was in the last year"), NULL, TRUE },
  { BM_HEALTH_PREGNANCY, N_("I am pregnant"), NULL, TRUE },
};

static int
health_index (BmHealthFlags flag)
{
  for (int i = 0; i < BM_N_HEALTH_FLAGS; i++)
    if (health_items[i].flag == flag)
      return i;
  return -1;
}

static void
show_error (GtkLabel   *label,
            GtkWidget  *field,
            const char *message)
{
  gtk_label_set_label (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  if (field != NULL)
    {
      /* GTK 4.8 cannot announce: the field says what is wrong when it
       * takes the focus, and the label is an alert */
      gtk_accessible_update_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      message, -1);
      gtk_widget_grab_focus (field);
    }
}

static void
clear_error (GtkLabel  *label,
             GtkWidget *field)
{
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
  gtk_label_set_label (label, "");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static int
parse_year (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  guint64 year;

  if (*stripped == '\0' || !g_ascii_string_to_unsigned (stripped, 10, 1, 9999, &year, NULL))
    return 0;
  return (int) year;
}

static int
visit_year (BmCheckInForm *self)
{
  GDate date;

  if (bm_date_parse (bm_intake_get_visit_date (self->intake), &date))
    return g_date_get_year (&date);
  bm_date_set_today (&date);
  return g_date_get_year (&date);
}

static void
update_race (BmCheckInForm *self)
{
  g_autofree char *shown = NULL;

  /* Translators: the race day as shown in check-in, e.g. "Sunday, 6 December 2026";
   * see the format of g_date_time_format() */
  shown = bm_date_format (self->race_date, _("%A, %-d %B %Y"));
  gtk_menu_button_set_label (self->race_date_button, shown ? shown : self->race_date);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->race_date_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  shown ? shown : self->race_date, -1);

  if (adw_expander_row_get_enable_expansion (self->race_row))
    {
      g_autofree char *distance = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->race_distance_row))));

      bm_intake_set_next_race (self->intake, self->race_date, distance);
    }
  else
    bm_intake_set_next_race (self->intake, NULL, NULL);
}

static void
update_avoid_subtitle (BmCheckInForm *self)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  g_autoptr(GString) summary = g_string_new (NULL);

  for (guint i = 0; i < self->avoid_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->avoid_checks, i)))
      {
        const BmRegion *region = bm_atlas_get_region (atlas, i);

        if (summary->len > 0)
          /* Translators: between the areas not to touch, "Neck, Feet" */
          g_string_append (summary, _(", "));
        g_string_append (summary, bm_region_get_name (region));
      }
  adw_expander_row_set_subtitle (self->avoid_row, summary->len ? summary->str : _("None"));
}

static void
on_text_changed_cb (BmCheckInForm *self,
                    GtkEditable   *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if ((gpointer) editable == self->name_row)
    {
      bm_intake_set_client_name (self->intake, text);
      if (*text)
        clear_error (self->about_error, GTK_WIDGET (self->name_row));
    }
  else if ((gpointer) editable == self->birth_year_row)
    {
      bm_intake_set_birth_year (self->intake, parse_year (text));
      clear_error (self->about_error, GTK_WIDGET (self->birth_year_row));
    }
  else if ((gpointer) editable == self->email_row)
    bm_intake_set_email (self->intake, text);
  else if ((gpointer) editable == self->phone_row)
    bm_intake_set_phone (self->intake, text);
  else if ((gpointer) editable == self->allergies_row)
    bm_intake_set_allergies (self->intake, text);
  else if ((gpointer) editable == self->race_distance_row)
    update_race (self);
}

static void
on_race_row_notify_cb (BmCheckInForm *self)
{
  update_race (self);
}

static void
on_race_calendar_day_selected_cb (BmCheckInForm *self,
                                  GtkCalendar   *calendar)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);

  g_free (self->race_date);
  self->race_date = g_date_time_format (day, "%Y-%m-%d");
  update_race (self);
  gtk_menu_button_popdown (self->race_date_button);
}

static void
on_phase_toggled_cb (BmCheckInForm  *self,
                     GtkCheckButton *check)
{
  if (!gtk_check_button_get_active (check))
    return;
  for (int i = 0; i < BM_N_PHASES; i++)
    if (self->phase_checks[i] == check)
      bm_intake_set_phase (self->intake, i);
}

static void
on_pressure_toggled_cb (BmCheckInForm  *self,
                        GtkCheckButton *check)
{
  if (!gtk_check_button_get_active (check))
    return;
  for (int i = 0; i <= BM_PRESSURE_DEEP; i++)
    if (self->pressure_checks[i] == check)
      bm_intake_set_pressure (self->intake, i);
}

static void
on_health_toggled_cb (BmCheckInForm  *self,
                      GtkCheckButton *check)
{
  BmHealthFlags flags = BM_HEALTH_NONE;

  if (self->syncing)
    return;
  self->syncing = TRUE;
  /* "None of these" and the others exclude each other */
  if (check == self->none_check && gtk_check_button_get_active (check))
    for (int i = 0; i < BM_N_HEALTH_FLAGS; i++)
      gtk_check_button_set_active (self->health_checks[i], FALSE);
  else if (check != self->none_check && gtk_check_button_get_active (check))
    gtk_check_button_set_active (self->none_check, FALSE);
  self->syncing = FALSE;

  for (int i = 0; i < BM_N_HEALTH_FLAGS; i++)
    if (gtk_check_button_get_active (self->health_checks[i]))
      flags |= health_items[i].flag;
  bm_intake_set_health (self->intake, flags);
}

static void
on_avoid_toggled_cb (BmCheckInForm  *self,
                     GtkCheckButton *check)
{
  guint index;

  if (g_ptr_array_find (self->avoid_checks, check, &index))
    bm_intake_set_avoided (self->intake, bm_region_get_id (bm_atlas_get_region (bm_atlas_get_default (), index)),
                           gtk_check_button_get_active (check));
  update_avoid_subtitle (self);
}

static void
on_consent_check_toggled_cb (BmCheckInForm  *self,
                             GtkCheckButton *check)
{
  bm_intake_set_consent (self->intake, gtk_check_button_get_active (check));
  if (gtk_check_button_get_active (check))
    clear_error (self->consent_error, GTK_WIDGET (self->consent_check));
}

static void
bm_check_in_form_dispose (GObject *object)
{
  BmCheckInForm *self = BM_CHECK_IN_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BM_TYPE_CHECK_IN_FORM);
  g_clear_object (&self->intake);
  g_clear_pointer (&self->avoid_checks, g_ptr_array_unref);
  g_clear_pointer (&self->race_date, g_free);

  G_OBJECT_CLASS (bm_check_in_form_parent_class)->dispose (object);
}

static void
bm_check_in_form_class_init (BmCheckInFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bm_check_in_form_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bm-check-in-form.ui");
  gtk_widget_class_bind_template_child (widget_class, BmCheckInForm, box);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInForm, name_row);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInForm, birth_year_row);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInForm, email_row);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInForm, phone_row);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInForm, about_error);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInForm, phase_group);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInForm, race_row);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInForm, race_date_row);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInForm, race_date_button);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInForm, race_calendar);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInForm, race_distance_row);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInForm, pressure_group);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInForm, health_group);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInForm, conditions_group);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInForm, none_group);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInForm, allergies_row);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInForm, avoid_row);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInForm, consent_text);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInForm, consent_row);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInForm, consent_check);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInForm, consent_error);
  gtk_widget_class_bind_template_callback (widget_class, on_race_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_consent_check_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
bm_check_in_form_init (BmCheckInForm *self)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  AdwEntryRow *entries[6];
  GtkCheckButton *group = NULL;
  GtkWidget *row;

  gtk_widget_init_template (GTK_WIDGET (self));

  entries[0] = self->name_row;
  entries[1] = self->birth_year_row;
  entries[2] = self->email_row;
  entries[3] = self->phone_row;
  entries[4] = self->allergies_row;
  entries[5] = self->race_distance_row;
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      bm_widget_name_entry_row (entries[i]);
      g_signal_connect_object (entries[i], "changed", G_CALLBACK (on_text_changed_cb), self, G_CONNECT_SWAPPED);
    }

  for (int i = 0; i < BM_N_PHASES; i++)
    {
      row = bm_widget_check_row_new (_(phase_words[i][0]), phase_words[i][1] ? _(phase_words[i][1]) : NULL,
                              group, &self->phase_checks[i]);
      group = self->phase_checks[0];
      g_signal_connect_object (self->phase_checks[i], "toggled", G_CALLBACK (on_phase_toggled_cb),
                               self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->phase_group, row);
    }

  group = NULL;
  for (int i = 0; i <= BM_PRESSURE_DEEP; i++)
    {
      row = bm_widget_check_row_new (_(pressure_words[i][0]), _(pressure_words[i][1]), group, &self->pressure_checks[i]);
      group = self->pressure_checks[0];
      g_signal_connect_object (self->pressure_checks[i], "toggled", G_CALLBACK (on_pressure_toggled_cb),
                               self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->pressure_group, row);
    }

  for (int i = 0; i < BM_N_HEALTH_FLAGS; i++)
    {
      row = bm_widget_check_row_new (_(health_items[i].title), health_items[i].subtitle ? _(health_items[i].subtitle) : NULL,
                              NULL, &self->health_checks[i]);
      g_signal_connect_object (self->health_checks[i], "toggled", G_CALLBACK (on_health_toggled_cb),
                               self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (health_items[i].condition ? self->conditions_group : self->health_group, row);
    }
  row = bm_widget_check_row_new (_("None of these"), _("None of the health questions above is true for me"),
                          NULL, &self->none_check);
  g_signal_connect_object (self->none_check, "toggled", G_CALLBACK (on_health_toggled_cb),
                           self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->none_group, row);

  self->avoid_checks = g_ptr_array_new ();
  for (guint i = 0; i < bm_atlas_get_n_regions (atlas); i++)
    {
      const BmRegion *region = bm_atlas_get_region (atlas, i);
      GtkCheckButton *check;

      row = bm_widget_check_row_new (bm_region_get_name (region), NULL, NULL, &check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_avoid_toggled_cb), self, G_CONNECT_SWAPPED);
      adw_expander_row_add_row (self->avoid_row, row);
      g_ptr_array_add (self->avoid_checks, check);
    }
  update_avoid_subtitle (self);

  g_signal_connect_object (self->race_row, "notify::enable-expansion", G_CALLBACK (on_race_row_notify_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->consent_check), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->consent_text, NULL, -1);

  bm_widget_unfocus_inert_rows (GTK_WIDGET (self));
}

GtkWidget *
bm_check_in_form_new (BmIntake *intake)
{
  BmCheckInForm *self;
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *today = NULL;
  GDate date;

  g_return_val_if_fail (BM_IS_INTAKE (intake), NULL);

  self = g_object_new (BM_TYPE_CHECK_IN_FORM, NULL);
  self->intake = g_object_ref (intake);

  /* The defaults the intake starts with, shown; nothing else */
  gtk_check_button_set_active (self->phase_checks[bm_intake_get_phase (intake)], TRUE);
  gtk_check_button_set_active (self->pressure_checks[bm_intake_get_pressure (intake)], TRUE);

  bm_date_set_today (&date);
  today = bm_date_to_iso (&date);
  self->race_date = bm_date_add_days (today, RACE_DEFAULT_DAYS);
  if (bm_date_parse (self->race_date, &date))
    {
      day = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date),
                                   12, 0, 0);
      gtk_calendar_select_day (self->race_calendar, day);
    }
  update_race (self);

  return GTK_WIDGET (self);
}

BmIntake *
bm_check_in_form_get_intake (BmCheckInForm *self)
{
  g_return_val_if_fail (BM_IS_CHECK_IN_FORM (self), NULL);

  return self->intake;
}

gboolean
bm_check_in_form_validate (BmCheckInForm *self,
                           gboolean       need_consent)
{
  const char *name;
  int year;

  g_return_val_if_fail (BM_IS_CHECK_IN_FORM (self), FALSE);

  name = bm_intake_get_client_name (self->intake);
  year = bm_intake_get_birth_year (self->intake);
  if (name == NULL || *name == '\0')
    {
      show_error (self->about_error, GTK_WIDGET (self->name_row), _("Please type your name."));
      return FALSE;
    }
  if (year == 0)
    {
      show_error (self->about_error, GTK_WIDGET (self->birth_year_row),
                  _("Please type the year you were born, for example 1990."));
      return FALSE;
    }
  switch (bm_birth_year_check (year, visit_year (self)))
    {
    case BM_BIRTH_YEAR_OK:
      break;
    case BM_BIRTH_YEAR_TOO_EARLY:
    case BM_BIRTH_YEAR_AFTER_VISIT:
    case BM_BIRTH_YEAR_TOO_YOUNG:
    default:
      show_error (self->about_error, GTK_WIDGET (self->birth_year_row),
                  _("That year of birth does not look right. Please type it with four digits, for example 1990."));
      return FALSE;
    }
  clear_error (self->about_error, GTK_WIDGET (self->name_row));
  clear_error (self->about_error, GTK_WIDGET (self->birth_year_row));

  if (need_consent && !bm_intake_get_consent (self->intake))
    {
      GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);

      show_error (self->consent_error, GTK_WIDGET (self->consent_check),
                  _("To go on, please read the consent to treatment and tick “I agree to treatment”."));
      /* The consent is last: all of it in sight, with its message */
      if (scroller != NULL)
        {
          GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
        }
      return FALSE;
    }
  return TRUE;
}

gboolean
bm_check_in_form_get_none_of_these (BmCheckInForm *self)
{
  g_return_val_if_fail (BM_IS_CHECK_IN_FORM (self), FALSE);

  return gtk_check_button_get_active (self->none_check);
}

void
bm_check_in_form_set_none_of_these (BmCheckInForm *self,
                                    gboolean       none)
{
  g_return_if_fail (BM_IS_CHECK_IN_FORM (self));

  gtk_check_button_set_active (self->none_check, none);
}

GtkCheckButton *
bm_check_in_form_get_health_check (BmCheckInForm *self,
                                   BmHealthFlags  flag)
{
  int i = health_index (flag);

  g_return_val_if_fail (BM_IS_CHECK_IN_FORM (self), NULL);
  g_return_val_if_fail (i >= 0, NULL);

  return self->health_checks[i];
}

const char *
bm_check_in_phase_label (BmPhase phase)
{
  g_return_val_if_fail (phase < BM_N_PHASES, NULL);

  return _(phase_words[phase][0]);
}

const char *
bm_check_in_pressure_label (BmPressure pressure)
{
  g_return_val_if_fail (pressure <= BM_PRESSURE_DEEP, NULL);

  return _(pressure_words[pressure][0]);
}

const char *
bm_check_in_health_label (BmHealthFlags flag)
{
  int i = health_index (flag);

  g_return_val_if_fail (i >= 0, NULL);

  return _(health_items[i].title);
}
