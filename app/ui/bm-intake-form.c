/* bm-intake-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-intake-form"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "bm-atlas.h"
#include "bm-date.h"
#include "bm-intake-form.h"
#include "bm-widget-util.h"

#define NAME_MAX_CHARS    200
#define WEEKLY_KM_MAX     400
#define AVOID_SUMMARY_MAX 3

typedef enum
{
  DATE_VISIT,
  DATE_NEXT_RACE,
  DATE_LAST_RACE,
  N_DATES
} DateField;

typedef enum
{
  RACE_NEXT,
  RACE_LAST,
  N_RACES
} RaceKind;

/* A menu button showing a date in words, with a calendar popover */
typedef struct
{
  GtkMenuButton *button;
  GtkCalendar   *calendar;
  /* A click is under way: the day it picks is taken and closes the popover */
  gboolean       clicking;
  /* The arrow keys are moving the selection: nothing is taken yet */
  gboolean       browsing;
} DateChooser;

typedef struct
{
  AdwExpanderRow *row;
  AdwEntryRow    *distance_row;
  /* The date shown, kept while the race is switched off so that
   * switching it back on restores it */
  char           *date;
} RaceWidgets;

/* What an item of a combo row means, shown under its name */
typedef struct
{
  AdwComboRow       *row;
  const char * const *explanations;
} ChoiceList;

struct _BmIntakeForm
{
  GtkWidget            parent_instance;

  BmIntake            *intake;
  BmAtlas             *atlas;
  GSignalGroup        *intake_signals;
  gboolean             syncing;
  gboolean             name_touched;

  DateChooser          dates[N_DATES];
  RaceWidgets          races[N_RACES];
  GtkCheckButton      *health_checks[BM_N_HEALTH_FLAGS];
  GPtrArray           *avoid_checks;
  ChoiceList           phase_choices;
  ChoiceList           pressure_choices;

  GtkWidget           *box;
  AdwEntryRow         *name_row;
  AdwEntryRow         *birth_year_row;
  AdwEntryRow         *email_row;
  AdwEntryRow         *phone_row;
  GtkLabel            *about_hint;
  AdwComboRow         *phase_row;
  GtkSpinButton       *weekly_spin;
  AdwComboRow         *pressure_row;
  AdwPreferencesGroup *health_group;
  AdwExpanderRow      *avoid_row;
  GtkTextView         *goals_view;
};

G_DEFINE_FINAL_TYPE (BmIntakeForm, bm_intake_form, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_INTAKE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* In the order of BmPhase */
static const char * const phase_explanations[BM_N_PHASES + 1] = {
  N_("Steady or light training, or off-season"),
  N_("High mileage or speed work"),
  N_("Coming back from an injury"),
  N_("The last weeks before a goal race: less mileage, keeping the legs fresh"),
  NULL
};

/* In the order of BmPressure */
static const char * const pressure_explanations[] = {
  N_("Gentle and relaxing"),
  N_("Firm enough to ease tight muscles"),
  N_("Strong, for muscles used to massage"),
  N_("Slow, strong work on deep layers; can feel intense"),
  NULL
};

static const struct
{
  BmHealthFlags  flag;
  const char    *title;
  const char    *subtitle;
} health_items[BM_N_HEALTH_FLAGS] = {
  { BM_HEALTH_FEVER, N_("I have a fever or feel unwell today"), NULL },
  { BM_HEALTH_RECENT_INJURY, N_("I hurt myself in the last 3 days"),
    N_("For example a sprain, swelling or bruising") },
  { BM_HEALTH_RECENT_SURGERY, N_("I had surgery recently"), NULL },
  { BM_HEALTH_BLOOD_THINNERS, N_("I take blood thinners"),
    N_("Medicine that stops blood from clotting, such as warfarin") },
  { BM_HEALTH_PREGNANCY, N_("I am pregnant"), NULL },
  { BM_HEALTH_OSTEOPOROSIS, N_("I have osteoporosis or fragile bones"), NULL },
  { BM_HEALTH_CLOTS_OR_VARICOSE_VEINS, N_("I have had blood clots or have varicose veins"), NULL },
  { BM_HEALTH_SKIN_CONDITION, N_("I have a rash, wound or skin infection"), NULL },
  { BM_HEALTH_DIABETES, N_("I have diabetes"), NULL },
  { BM_HEALTH_HEART_CONDITION, N_("I have a heart condition"),
    N_("Or high blood pressure that is treated, or a pacemaker") },
  { BM_HEALTH_CANCER_TREATMENT, N_("I am being treated for cancer, or was in the last year"), NULL },
};

static const struct
{
  const BmRace *(*get) (BmIntake *intake);
  void          (*set) (BmIntake   *intake,
                        const char *date,
                        const char *distance);
  int            default_days;
} race_info[N_RACES] = {
  [RACE_NEXT] = { bm_intake_get_next_race, bm_intake_set_next_race, 14 },
  [RACE_LAST] = { bm_intake_get_last_race, bm_intake_set_last_race, 0 },
};

static int
current_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_get_year (now);
}

/* The calendar day "YYYY-MM-DD" at noon local time, for GtkCalendar;
 * NULL when it is not a real date. Noon, because some time zones skip
 * midnight when daylight saving starts. */
static GDateTime *
dup_calendar_day (const char *iso)
{
  GDate date;

  if (!bm_date_parse (iso, &date))
    return NULL;
  return g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 12, 0, 0);
}

static char *
format_human_date (const char *iso)
{
  /* Translators: a date as shown in the form, e.g. "Sun, 6 Dec 2026";
   * see the format of g_date_time_format() */
  char *text = bm_date_format (iso, _("%a, %-d %b %Y"));

  return text ? text : g_strdup (iso ? iso : "");
}

static char *
dup_default_date (int days_from_today)
{
  g_autofree char *today = NULL;
  GDate date;

  bm_date_set_today (&date);
  today = bm_date_to_iso (&date);
  return bm_date_add_days (today, days_from_today);
}

/* The day selected in @calendar, "YYYY-MM-DD" */
static char *
dup_calendar_selection (GtkCalendar *calendar)
{
  GDate date;
  int year, month, day;

  g_object_get (calendar, "year", &year, "month", &month, "day", &day, NULL);
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) (month + 1), (GDateYear) year))
    {
      g_autoptr(GDateTime) selected = gtk_calendar_get_date (calendar);

      return g_date_time_format (selected, "%Y-%m-%d");
    }
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) (month + 1), (GDateYear) year);
  return bm_date_to_iso (&date);
}

/* The year in @text, or 0 when it is not four digits */
static int
parse_year (const char *text)
{
  if (strlen (text) != 4)
    return 0;
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_isdigit (text[i]))
      return 0;
  return atoi (text);
}

/* Birth years are checked against the visit, as the file reader does */
static int
get_visit_year (BmIntakeForm *self)
{
  GDate visit;

  if (self->intake != NULL && bm_date_parse (bm_intake_get_visit_date (self->intake), &visit))
    return g_date_get_year (&visit);
  return current_year ();
}

/* The year of birth typed, or 0 when there is none or it is not one a
 * file may hold for this visit */
static int
get_typed_birth_year (BmIntakeForm *self)
{
  int year = parse_year (gtk_editable_get_text (GTK_EDITABLE (self->birth_year_row)));

  if (year == 0 || bm_birth_year_check (year, get_visit_year (self)) != BM_BIRTH_YEAR_OK)
    return 0;
  return year;
}

static gboolean
is_blank (const char *text)
{
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* Never moves the cursor of an entry whose text already matches */
static void
set_editable_text (GtkEditable *editable,
                   const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (editable), text ? text : "") != 0)
    gtk_editable_set_text (editable, text ? text : "");
}

static GtkText *
get_entry_text (AdwEntryRow *row)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));

  return GTK_IS_TEXT (delegate) ? GTK_TEXT (delegate) : NULL;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child : find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The switch of an expander row is said as "GtkSwitch" unless named */
static void
name_expander_switch (AdwExpanderRow *row)
{
  GtkWidget *toggle = find_descendant (GTK_WIDGET (row), GTK_TYPE_SWITCH);

  if (toggle != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1);
}

/* What is wrong with the year of birth typed, for the client */
static char *
dup_birth_year_error (BmIntakeForm *self,
                      const char   *text)
{
  int visit_year = get_visit_year (self);
  int year = parse_year (text);

  switch (year > 0 ? bm_birth_year_check (year, visit_year) : BM_BIRTH_YEAR_TOO_EARLY)
    {
    case BM_BIRTH_YEAR_AFTER_VISIT:
      /* Translators: %d is the year of birth the client typed */
      return g_strdup_printf (_("Year of birth: %d is after the visit date."), year);

    case BM_BIRTH_YEAR_TOO_YOUNG:
      /* Translators: the first %d is the year of birth the client typed, the
       * second an age in years */
      return g_strdup_printf (ngettext ("Year of birth: %d would make you younger than %d.",
                                        "Year of birth: %d would make you younger than %d.",
                                        BM_CLIENT_MIN_AGE),
                              year, BM_CLIENT_MIN_AGE);

    case BM_BIRTH_YEAR_OK:
    case BM_BIRTH_YEAR_TOO_EARLY:
    default:
      G_STATIC_ASSERT (BM_BIRTH_YEAR_MIN == 1900);
      /* Translators: %d is the latest year of birth allowed: five years
       * before the year of the visit */
      return g_strdup_printf (_("Year of birth: four digits, from 1900 to %d."),
                              visit_year - BM_CLIENT_MIN_AGE);
    }
}

static void
update_about_errors (BmIntakeForm *self)
{
  const char *year_text = gtk_editable_get_text (GTK_EDITABLE (self->birth_year_row));
  gboolean name_error, year_error;
  g_autoptr(GString) hint = g_string_new (NULL);

  name_error = self->name_touched &&
               is_blank (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  /* A year being typed is not wrong yet */
  year_error = *year_text != '\0' && get_typed_birth_year (self) == 0 &&
               (strlen (year_text) >= 4 ||
                !gtk_widget_has_focus (GTK_WIDGET (get_entry_text (self->birth_year_row))));

  if (name_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  if (year_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->birth_year_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->birth_year_row), "error");

  if (name_error)
    g_string_append (hint, _("Please enter your name."));
  if (year_error)
    {
      g_autofree char *message = dup_birth_year_error (self, year_text);

      if (hint->len)
        g_string_append_c (hint, '\n');
      g_string_append (hint, message);
    }

  gtk_label_set_label (self->about_hint, hint->str);
  gtk_widget_set_visible (GTK_WIDGET (self->about_hint), hint->len > 0);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->name_row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               name_error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->birth_year_row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               year_error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static DateField
find_date_field (BmIntakeForm *self,
                 GtkCalendar  *calendar)
{
  for (guint i = 0; i < N_DATES; i++)
    if (self->dates[i].calendar == calendar)
      return i;
  g_assert_not_reached ();
  return DATE_VISIT;
}

static RaceKind
find_race (BmIntakeForm *self,
           gpointer      widget)
{
  for (guint i = 0; i < N_RACES; i++)
    if ((gpointer) self->races[i].row == widget ||
        (gpointer) self->races[i].distance_row == widget)
      return i;
  g_assert_not_reached ();
  return RACE_NEXT;
}

static void
show_date (BmIntakeForm *self,
           DateField     field,
           const char   *iso)
{
  DateChooser *chooser = &self->dates[field];
  g_autoptr(GDateTime) date = dup_calendar_day (iso);
  g_autofree char *label = format_human_date (iso);
  gboolean was_syncing = self->syncing;

  gtk_menu_button_set_label (chooser->button, label);
  if (date != NULL)
    {
      g_autoptr(GDateTime) shown = gtk_calendar_get_date (chooser->calendar);

      if (g_date_time_get_year (shown) != g_date_time_get_year (date) ||
          g_date_time_get_day_of_year (shown) != g_date_time_get_day_of_year (date))
        {
          self->syncing = TRUE;
          gtk_calendar_select_day (chooser->calendar, date);
          self->syncing = was_syncing;
        }
    }
}

static void
update_race_subtitle (BmIntakeForm *self,
                      RaceKind      kind)
{
  RaceWidgets *race = &self->races[kind];
  g_autofree char *text = NULL;

  if (adw_expander_row_get_enable_expansion (race->row) && race->date != NULL)
    {
      g_autofree char *date = format_human_date (race->date);
      const char *distance = gtk_editable_get_text (GTK_EDITABLE (race->distance_row));

      if (is_blank (distance))
        text = g_steal_pointer (&date);
      else
        /* Translators: a race's date and distance, e.g. "Sun, 6 Dec 2026 · marathon" */
        text = g_strdup_printf (_("%s · %s"), date, distance);
    }
  else if (kind == RACE_NEXT)
    text = g_strdup (_("None planned"));
  else
    text = g_strdup (_("None recently"));

  adw_expander_row_set_subtitle (race->row, text);
}

/* A year the file may not hold is shown as wrong and not written */
static void
write_birth_year (BmIntakeForm *self)
{
  if (self->intake != NULL)
    bm_intake_set_birth_year (self->intake, get_typed_birth_year (self));
  update_about_errors (self);
}

static void
write_race (BmIntakeForm *self,
            RaceKind      kind)
{
  RaceWidgets *race = &self->races[kind];

  if (self->intake == NULL)
    return;

  if (adw_expander_row_get_enable_expansion (race->row))
    race_info[kind].set (self->intake, race->date,
                         gtk_editable_get_text (GTK_EDITABLE (race->distance_row)));
  else
    race_info[kind].set (self->intake, NULL, NULL);
}

static void
update_avoid_subtitle (BmIntakeForm *self)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  guint n_avoided = 0;

  for (guint i = 0; i < self->avoid_checks->len; i++)
    {
      if (!gtk_check_button_get_active (g_ptr_array_index (self->avoid_checks, i)))
        continue;
      if (n_avoided < AVOID_SUMMARY_MAX)
        {
          const BmRegion *region = bm_atlas_get_region (self->atlas, i);

          if (summary->len)
            g_string_append (summary, _(", "));
          g_string_append (summary, bm_region_get_name (region));
        }
      n_avoided++;
    }

  if (n_avoided == 0)
    adw_expander_row_set_subtitle (self->avoid_row, _("None"));
  else if (n_avoided <= AVOID_SUMMARY_MAX)
    adw_expander_row_set_subtitle (self->avoid_row, summary->str);
  else
    {
      guint more = n_avoided - AVOID_SUMMARY_MAX;
      g_autofree char *text = NULL;

      /* Translators: %s is a list of body areas, %u how many more were chosen */
      text = g_strdup_printf (ngettext ("%s and %u more", "%s and %u more", more),
                              summary->str, more);
      adw_expander_row_set_subtitle (self->avoid_row, text);
    }
}

static void
update_choice_subtitle (ChoiceList *choices)
{
  guint selected = adw_combo_row_get_selected (choices->row);

  if (selected < g_strv_length ((char **) choices->explanations))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (choices->row),
                                 _(choices->explanations[selected]));
}

/* Model to widgets. Each one leaves a widget alone when it already shows
 * the document's value, so typing is never disturbed. */

static void
sync_name (BmIntakeForm *self)
{
  set_editable_text (GTK_EDITABLE (self->name_row), bm_intake_get_client_name (self->intake));
  update_about_errors (self);
}

static void
sync_birth_year (BmIntakeForm *self)
{
  int year = bm_intake_get_birth_year (self->intake);

  if (get_typed_birth_year (self) != year)
    {
      g_autofree char *year_text = year > 0 ? g_strdup_printf ("%d", year) : g_strdup ("");

      set_editable_text (GTK_EDITABLE (self->birth_year_row), year_text);
    }
  update_about_errors (self);
}

static void
sync_visit_date (BmIntakeForm *self)
{
  int typed_year;

  show_date (self, DATE_VISIT, bm_intake_get_visit_date (self->intake));

  /* The years of birth allowed follow the visit: the year typed may become
   * allowed, or stop being allowed, and the document holds only an allowed one */
  typed_year = get_typed_birth_year (self);
  if (bm_intake_get_birth_year (self->intake) != typed_year)
    bm_intake_set_birth_year (self->intake, typed_year);
  update_about_errors (self);
}

static void
sync_weekly_km (BmIntakeForm *self)
{
  double km = bm_intake_get_weekly_km (self->intake);
  double shown = km < 0 ? 0 : MIN (km, WEEKLY_KM_MAX);

  if (gtk_spin_button_get_value (self->weekly_spin) != shown)
    gtk_spin_button_set_value (self->weekly_spin, shown);
}

static void
sync_health (BmIntakeForm *self)
{
  BmHealthFlags flags = bm_intake_get_health (self->intake);

  for (guint i = 0; i < BM_N_HEALTH_FLAGS; i++)
    gtk_check_button_set_active (self->health_checks[i], (flags & health_items[i].flag) != 0);
}

static void
sync_goals (BmIntakeForm *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->goals_view);
  const char *goals = bm_intake_get_goals (self->intake);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, goals ? goals : "") != 0)
    gtk_text_buffer_set_text (buffer, goals ? goals : "", -1);
}

static void
sync_race (BmIntakeForm *self,
           RaceKind      kind)
{
  RaceWidgets *race = &self->races[kind];
  const BmRace *value = race_info[kind].get (self->intake);

  if (value != NULL)
    {
      g_free (race->date);
      race->date = g_strdup (value->date);
      show_date (self, DATE_NEXT_RACE + kind, race->date);
      set_editable_text (GTK_EDITABLE (race->distance_row), value->distance);
    }
  adw_expander_row_set_enable_expansion (race->row, value != NULL);
  update_race_subtitle (self, kind);
}

static void
sync_avoid (BmIntakeForm *self)
{
  for (guint i = 0; i < self->avoid_checks->len; i++)
    {
      const BmRegion *region = bm_atlas_get_region (self->atlas, i);

      gtk_check_button_set_active (g_ptr_array_index (self->avoid_checks, i),
                                   bm_intake_get_avoided (self->intake, bm_region_get_id (region)));
    }
  update_avoid_subtitle (self);
}

static void
sync_property (BmIntakeForm *self,
               const char   *name)
{
  gboolean was_syncing = self->syncing;

  self->syncing = TRUE;

  if (g_str_equal (name, "client-name"))
    sync_name (self);
  else if (g_str_equal (name, "birth-year"))
    sync_birth_year (self);
  else if (g_str_equal (name, "email"))
    set_editable_text (GTK_EDITABLE (self->email_row), bm_intake_get_email (self->intake));
  else if (g_str_equal (name, "phone"))
    set_editable_text (GTK_EDITABLE (self->phone_row), bm_intake_get_phone (self->intake));
  else if (g_str_equal (name, "visit-date"))
    sync_visit_date (self);
  else if (g_str_equal (name, "phase"))
    adw_combo_row_set_selected (self->phase_row, bm_intake_get_phase (self->intake));
  else if (g_str_equal (name, "weekly-km"))
    sync_weekly_km (self);
  else if (g_str_equal (name, "pressure"))
    adw_combo_row_set_selected (self->pressure_row, bm_intake_get_pressure (self->intake));
  else if (g_str_equal (name, "health"))
    sync_health (self);
  else if (g_str_equal (name, "goals"))
    sync_goals (self);

  self->syncing = was_syncing;
}

static void
sync_lists (BmIntakeForm *self)
{
  gboolean was_syncing = self->syncing;

  self->syncing = TRUE;
  for (guint i = 0; i < N_RACES; i++)
    sync_race (self, i);
  sync_avoid (self);
  self->syncing = was_syncing;
}

static void
sync_all (BmIntakeForm *self)
{
  static const char * const names[] = {
    "client-name", "birth-year", "email", "phone", "visit-date",
    "phase", "weekly-km", "pressure", "health", "goals",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    sync_property (self, names[i]);
  sync_lists (self);
}

/* The chosen item in the row itself: never shortened, the explanation
 * under the title wraps instead */
static void
setup_choice_value_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_list_item_set_child (item, label);
}

static void
bind_choice_value_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (string));
}

static void
setup_choice_item_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      ChoiceList               *choices)
{
  GtkWidget *box, *labels, *title, *explanation, *check;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), labels);

  title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_box_append (GTK_BOX (labels), title);

  explanation = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (explanation), 0);
  gtk_label_set_wrap (GTK_LABEL (explanation), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (explanation), 26);
  gtk_widget_add_css_class (explanation, "caption");
  gtk_widget_add_css_class (explanation, "dim-label");
  gtk_box_append (GTK_BOX (labels), explanation);

  check = gtk_image_new_from_icon_name ("object-select-symbolic");
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), check);

  gtk_list_item_set_child (item, box);
}

static void
update_choice_check (GtkListItem *item)
{
  ChoiceList *choices = g_object_get_data (G_OBJECT (item), "bm-choices");
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (check,
                          adw_combo_row_get_selected (choices->row) == gtk_list_item_get_position (item));
}

static void
bind_choice_item_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     ChoiceList               *choices)
{
  GtkWidget *labels = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *title = gtk_widget_get_first_child (labels);
  GtkWidget *explanation = gtk_widget_get_next_sibling (title);
  GtkStringObject *string = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);
  gulong handler;

  gtk_label_set_label (GTK_LABEL (title), gtk_string_object_get_string (string));
  if (position < g_strv_length ((char **) choices->explanations))
    gtk_label_set_label (GTK_LABEL (explanation), _(choices->explanations[position]));

  g_object_set_data (G_OBJECT (item), "bm-choices", choices);
  handler = g_signal_connect_object (choices->row, "notify::selected",
                                     G_CALLBACK (update_choice_check), item,
                                     G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (item), "bm-handler", GSIZE_TO_POINTER (handler));
  update_choice_check (item);
}

static void
unbind_choice_item_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       ChoiceList               *choices)
{
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "bm-handler"));

  g_clear_signal_handler (&handler, choices->row);
  g_object_set_data (G_OBJECT (item), "bm-handler", NULL);
}

static void
setup_choices (ChoiceList         *choices,
               AdwComboRow        *row,
               const char * const *explanations)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

  /* One explanation for each item of the template's list */
  g_assert (g_list_model_get_n_items (adw_combo_row_get_model (row)) ==
            g_strv_length ((char **) explanations));

  choices->row = row;
  choices->explanations = explanations;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice_value_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice_value_cb), NULL);
  adw_combo_row_set_factory (row, factory);

  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_choice_item_cb), choices);
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_choice_item_cb), choices);
  g_signal_connect (list_factory, "unbind", G_CALLBACK (unbind_choice_item_cb), choices);
  adw_combo_row_set_list_factory (row, list_factory);
  update_choice_subtitle (choices);
}

static void
on_intake_notify_cb (BmIntakeForm *self,
                     GParamSpec   *pspec,
                     BmIntake     *intake)
{
  sync_property (self, pspec->name);
}

static void
on_intake_changed_cb (BmIntakeForm *self,
                      BmIntake     *intake)
{
  /* Races and areas to avoid have no property of their own */
  sync_lists (self);
}

static void
on_name_row_changed_cb (BmIntakeForm *self,
                        GtkEditable  *editable)
{
  if (self->syncing || self->intake == NULL)
    return;
  self->name_touched = TRUE;
  bm_intake_set_client_name (self->intake, gtk_editable_get_text (editable));
  update_about_errors (self);
}

static void
on_birth_year_row_changed_cb (BmIntakeForm *self,
                              GtkEditable  *editable)
{
  if (self->syncing || self->intake == NULL)
    return;
  write_birth_year (self);
}

static void
on_birth_year_insert_text_cb (GtkEditable *editable,
                              const char  *text,
                              int          length,
                              int         *position,
                              gpointer     user_data)
{
  if (length < 0)
    length = strlen (text);
  for (int i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      {
        gtk_widget_error_bell (GTK_WIDGET (editable));
        g_signal_stop_emission_by_name (editable, "insert-text");
        return;
      }
}

static void
on_birth_year_focus_leave_cb (BmIntakeForm *self)
{
  update_about_errors (self);
}

static void
on_email_row_changed_cb (BmIntakeForm *self,
                         GtkEditable  *editable)
{
  if (!self->syncing && self->intake != NULL)
    bm_intake_set_email (self->intake, gtk_editable_get_text (editable));
}

static void
on_phone_row_changed_cb (BmIntakeForm *self,
                         GtkEditable  *editable)
{
  if (!self->syncing && self->intake != NULL)
    bm_intake_set_phone (self->intake, gtk_editable_get_text (editable));
}

static void take_date (BmIntakeForm *self,
                       DateField     field,
                       gboolean      close);

static void
on_calendar_day_selected_cb (BmIntakeForm *self,
                             GtkCalendar  *calendar)
{
  DateField field = find_date_field (self, calendar);
  DateChooser *chooser = &self->dates[field];

  if (self->syncing || chooser->browsing)
    return;
  /* A day picked by a click also closes the popover; Space and Enter
   * take the day themselves (on_calendar_key_pressed_cb) */
  take_date (self, field, chooser->clicking);
}

/* Writes the day selected in the calendar of @field and closes its popover */
static void
take_date (BmIntakeForm *self,
           DateField     field,
           gboolean      close)
{
  DateChooser *chooser = &self->dates[field];
  g_autofree char *iso = NULL;
  g_autofree char *label = NULL;

  iso = dup_calendar_selection (chooser->calendar);
  label = format_human_date (iso);
  gtk_menu_button_set_label (chooser->button, label);

  if (field == DATE_VISIT)
    {
      if (self->intake != NULL)
        bm_intake_set_visit_date (self->intake, iso);
    }
  else
    {
      RaceKind kind = field - DATE_NEXT_RACE;

      g_free (self->races[kind].date);
      self->races[kind].date = g_steal_pointer (&iso);
      write_race (self, kind);
      update_race_subtitle (self, kind);
    }

  chooser->clicking = FALSE;
  if (close)
    gtk_menu_button_popdown (chooser->button);
}

/* A click on a day picks it and closes the popover: the calendar selects
 * the day it was pressed on while the click is under way. A press on the
 * arrows of the heading changes the month without selecting a day. */
static void
on_calendar_pressed_cb (GtkGestureClick *gesture,
                        int              n_press,
                        double           x,
                        double           y,
                        DateChooser     *chooser)
{
  chooser->clicking = TRUE;
}

static void
on_calendar_click_ended_cb (GtkGesture  *gesture,
                            DateChooser *chooser)
{
  chooser->clicking = FALSE;
}

/* From the keyboard the arrow keys move the selected day (a week up or
 * down), and Space or Enter takes it and closes; Escape leaves the date as
 * it was. With Ctrl, the arrows change the month and year, as GtkCalendar
 * does. */
static gboolean
on_calendar_key_pressed_cb (GtkEventControllerKey *controller,
                            guint                  keyval,
                            guint                  keycode,
                            GdkModifierType        state,
                            DateChooser           *chooser)
{
  GtkWidget *calendar = GTK_WIDGET (chooser->calendar);
  BmIntakeForm *self = BM_INTAKE_FORM (gtk_widget_get_ancestor (GTK_WIDGET (chooser->button), BM_TYPE_INTAKE_FORM));
  gboolean rtl = gtk_widget_get_direction (calendar) == GTK_TEXT_DIR_RTL;
  g_autoptr(GDateTime) shown = NULL;
  g_autoptr(GDateTime) moved = NULL;
  int days;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      days = rtl ? 1 : -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      days = rtl ? -1 : 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      days = -7;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      days = 7;
      break;
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (self != NULL)
        take_date (self, find_date_field (self, chooser->calendar), TRUE);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  shown = gtk_calendar_get_date (chooser->calendar);
  moved = g_date_time_add_days (shown, days);
  if (moved != NULL)
    {
      chooser->browsing = TRUE;
      gtk_calendar_select_day (chooser->calendar, moved);
      chooser->browsing = FALSE;
    }
  return GDK_EVENT_STOP;
}

/* Closed without taking a day: the calendar shows the document's date again */
static void
on_date_popover_closed_cb (BmIntakeForm *self,
                           GtkPopover   *popover)
{
  for (guint i = 0; i < N_DATES; i++)
    if (GTK_POPOVER (gtk_menu_button_get_popover (self->dates[i].button)) == popover)
      {
        if (i == DATE_VISIT)
          show_date (self, DATE_VISIT, self->intake ? bm_intake_get_visit_date (self->intake) : NULL);
        else if (self->races[i - DATE_NEXT_RACE].date != NULL)
          show_date (self, i, self->races[i - DATE_NEXT_RACE].date);
      }
}

static void
on_phase_row_selected_cb (BmIntakeForm *self,
                          GParamSpec   *pspec,
                          AdwComboRow  *row)
{
  update_choice_subtitle (&self->phase_choices);
  if (!self->syncing && self->intake != NULL)
    bm_intake_set_phase (self->intake, adw_combo_row_get_selected (row));
}

static void
on_pressure_row_selected_cb (BmIntakeForm *self,
                             GParamSpec   *pspec,
                             AdwComboRow  *row)
{
  update_choice_subtitle (&self->pressure_choices);
  if (!self->syncing && self->intake != NULL)
    bm_intake_set_pressure (self->intake, adw_combo_row_get_selected (row));
}

/* An empty spin button means "not given", stored as 0 */
static int
on_weekly_spin_input_cb (BmIntakeForm  *self,
                         double        *new_value,
                         GtkSpinButton *spin)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));

  if (is_blank (text))
    {
      *new_value = 0;
      return TRUE;
    }
  return FALSE;
}

static gboolean
on_weekly_spin_output_cb (BmIntakeForm  *self,
                          GtkSpinButton *spin)
{
  if (gtk_spin_button_get_value_as_int (spin) == 0)
    {
      set_editable_text (GTK_EDITABLE (spin), "");
      return TRUE;
    }
  return FALSE;
}

static void
on_weekly_spin_value_changed_cb (BmIntakeForm  *self,
                                 GtkSpinButton *spin)
{
  double km = gtk_spin_button_get_value (spin);

  if (!self->syncing && self->intake != NULL)
    bm_intake_set_weekly_km (self->intake, km > 0 ? km : -1);
}

static void
on_race_row_enabled_cb (BmIntakeForm   *self,
                        GParamSpec     *pspec,
                        AdwExpanderRow *row)
{
  RaceKind kind = find_race (self, row);
  RaceWidgets *race = &self->races[kind];

  if (self->syncing)
    return;

  if (adw_expander_row_get_enable_expansion (row) && race->date == NULL)
    {
      race->date = dup_default_date (race_info[kind].default_days);
      show_date (self, DATE_NEXT_RACE + kind, race->date);
    }
  write_race (self, kind);
  update_race_subtitle (self, kind);
}

static void
on_race_distance_changed_cb (BmIntakeForm *self,
                             GtkEditable  *editable)
{
  RaceKind kind = find_race (self, editable);

  if (self->syncing)
    return;
  write_race (self, kind);
  update_race_subtitle (self, kind);
}

static void
on_health_check_toggled_cb (BmIntakeForm   *self,
                            GtkCheckButton *check)
{
  BmHealthFlags flag = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "bm-flag"));
  BmHealthFlags flags;

  if (self->syncing || self->intake == NULL)
    return;

  flags = bm_intake_get_health (self->intake);
  if (gtk_check_button_get_active (check))
    flags |= flag;
  else
    flags &= ~flag;
  bm_intake_set_health (self->intake, flags);
}

static void
on_avoid_check_toggled_cb (BmIntakeForm   *self,
                           GtkCheckButton *check)
{
  const BmRegion *region = g_object_get_data (G_OBJECT (check), "bm-region");

  update_avoid_subtitle (self);
  if (!self->syncing && self->intake != NULL)
    bm_intake_set_avoided (self->intake, bm_region_get_id (region),
                           gtk_check_button_get_active (check));
}

static void
on_goals_buffer_changed_cb (BmIntakeForm  *self,
                            GtkTextBuffer *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->syncing || self->intake == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  bm_intake_set_goals (self->intake, text);
}

static void
bm_intake_form_dispose (GObject *object)
{
  BmIntakeForm *self = (BmIntakeForm *)object;

  if (self->intake_signals)
    g_signal_group_set_target (self->intake_signals, NULL);
  g_clear_object (&self->intake_signals);
  g_clear_object (&self->intake);

  gtk_widget_dispose_template (GTK_WIDGET (self), BM_TYPE_INTAKE_FORM);
  g_clear_pointer (&self->avoid_checks, g_ptr_array_unref);
  memset (self->health_checks, 0, sizeof self->health_checks);

  G_OBJECT_CLASS (bm_intake_form_parent_class)->dispose (object);
}

static void
bm_intake_form_finalize (GObject *object)
{
  BmIntakeForm *self = (BmIntakeForm *)object;

  for (guint i = 0; i < N_RACES; i++)
    g_clear_pointer (&self->races[i].date, g_free);

  G_OBJECT_CLASS (bm_intake_form_parent_class)->finalize (object);
}

static void
bm_intake_form_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BmIntakeForm *self = BM_INTAKE_FORM (object);

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
bm_intake_form_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BmIntakeForm *self = BM_INTAKE_FORM (object);

  switch (prop_id)
    {
    case PROP_INTAKE:
      bm_intake_form_set_intake (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bm_intake_form_class_init (BmIntakeFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bm_intake_form_dispose;
  object_class->finalize = bm_intake_form_finalize;
  object_class->get_property = bm_intake_form_get_property;
  object_class->set_property = bm_intake_form_set_property;

  properties [PROP_INTAKE] =
    g_param_spec_object ("intake", NULL, NULL,
                         BM_TYPE_INTAKE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bm-intake-form.ui");
  gtk_widget_class_bind_template_child (widget_class, BmIntakeForm, box);
  gtk_widget_class_bind_template_child (widget_class, BmIntakeForm, name_row);
  gtk_widget_class_bind_template_child (widget_class, BmIntakeForm, birth_year_row);
  gtk_widget_class_bind_template_child (widget_class, BmIntakeForm, email_row);
  gtk_widget_class_bind_template_child (widget_class, BmIntakeForm, phone_row);
  gtk_widget_class_bind_template_child (widget_class, BmIntakeForm, about_hint);
  gtk_widget_class_bind_template_child (widget_class, BmIntakeForm, phase_row);
  gtk_widget_class_bind_template_child (widget_class, BmIntakeForm, weekly_spin);
  gtk_widget_class_bind_template_child (widget_class, BmIntakeForm, pressure_row);
  gtk_widget_class_bind_template_child (widget_class, BmIntakeForm, health_group);
  gtk_widget_class_bind_template_child (widget_class, BmIntakeForm, avoid_row);
  gtk_widget_class_bind_template_child (widget_class, BmIntakeForm, goals_view);
  gtk_widget_class_bind_template_child_full (widget_class, "visit_button", FALSE,
                                             G_STRUCT_OFFSET (BmIntakeForm, dates[DATE_VISIT].button));
  gtk_widget_class_bind_template_child_full (widget_class, "visit_calendar", FALSE,
                                             G_STRUCT_OFFSET (BmIntakeForm, dates[DATE_VISIT].calendar));
  gtk_widget_class_bind_template_child_full (widget_class, "next_race_button", FALSE,
                                             G_STRUCT_OFFSET (BmIntakeForm, dates[DATE_NEXT_RACE].button));
  gtk_widget_class_bind_template_child_full (widget_class, "next_race_calendar", FALSE,
                                             G_STRUCT_OFFSET (BmIntakeForm, dates[DATE_NEXT_RACE].calendar));
  gtk_widget_class_bind_template_child_full (widget_class, "last_race_button", FALSE,
                                             G_STRUCT_OFFSET (BmIntakeForm, dates[DATE_LAST_RACE].button));
  gtk_widget_class_bind_template_child_full (widget_class, "last_race_calendar", FALSE,
                                             G_STRUCT_OFFSET (BmIntakeForm, dates[DATE_LAST_RACE].calendar));
  gtk_widget_class_bind_template_child_full (widget_class, "next_race_row", FALSE,
                                             G_STRUCT_OFFSET (BmIntakeForm, races[RACE_NEXT].row));
  gtk_widget_class_bind_template_child_full (widget_class, "next_race_distance_row", FALSE,
                                             G_STRUCT_OFFSET (BmIntakeForm, races[RACE_NEXT].distance_row));
  gtk_widget_class_bind_template_child_full (widget_class, "last_race_row", FALSE,
                                             G_STRUCT_OFFSET (BmIntakeForm, races[RACE_LAST].row));
  gtk_widget_class_bind_template_child_full (widget_class, "last_race_distance_row", FALSE,
                                             G_STRUCT_OFFSET (BmIntakeForm, races[RACE_LAST].distance_row));

  gtk_widget_class_bind_template_callback (widget_class, on_name_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_birth_year_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_email_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_phone_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_phase_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pressure_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_weekly_spin_input_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_weekly_spin_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_weekly_spin_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_race_row_enabled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_race_distance_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "intakeform");
}

static void
bm_intake_form_init (BmIntakeForm *self)
{
  GtkEventController *controller;
  GtkText *text;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The document's changes reach the form while it shows that document */
  self->intake_signals = g_signal_group_new (BM_TYPE_INTAKE);
  g_signal_group_connect_swapped (self->intake_signals, "notify", G_CALLBACK (on_intake_notify_cb), self);
  g_signal_group_connect_swapped (self->intake_signals, "changed", G_CALLBACK (on_intake_changed_cb), self);

  self->atlas = bm_atlas_get_default ();

  /* About you */
  text = get_entry_text (self->name_row);
  if (text != NULL)
    gtk_text_set_max_length (text, NAME_MAX_CHARS);
  text = get_entry_text (self->birth_year_row);
  if (text != NULL)
    {
      gtk_text_set_max_length (text, 4);
      g_signal_connect (text, "insert-text", G_CALLBACK (on_birth_year_insert_text_cb), NULL);
    }
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->name_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->about_hint, NULL,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->birth_year_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->about_hint, NULL,
                                  -1);
  bm_widget_name_entry_row (self->name_row);
  bm_widget_name_entry_row (self->birth_year_row);
  bm_widget_name_entry_row (self->email_row);
  bm_widget_name_entry_row (self->phone_row);
  for (guint i = 0; i < N_RACES; i++)
    {
      bm_widget_name_entry_row (self->races[i].distance_row);
      name_expander_switch (self->races[i].row);
    }
  /* The race dates keep their own label ("Date of the next race"): the
   * row's title, "Date", would be said as well */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->dates[DATE_NEXT_RACE].button),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->dates[DATE_LAST_RACE].button),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave",
                           G_CALLBACK (on_birth_year_focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->birth_year_row), controller);

  /* Dates */
  for (guint i = 0; i < N_DATES; i++)
    {
      DateChooser *chooser = &self->dates[i];

      controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
      gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
      g_signal_connect (controller, "pressed", G_CALLBACK (on_calendar_pressed_cb), chooser);
      g_signal_connect (controller, "end", G_CALLBACK (on_calendar_click_ended_cb), chooser);
      gtk_widget_add_controller (GTK_WIDGET (chooser->calendar), controller);
      g_signal_connect_object (gtk_menu_button_get_popover (chooser->button), "closed",
                               G_CALLBACK (on_date_popover_closed_cb), self, G_CONNECT_SWAPPED);

      controller = gtk_event_controller_key_new ();
      gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
      g_signal_connect (controller, "key-pressed", G_CALLBACK (on_calendar_key_pressed_cb), chooser);
      gtk_widget_add_controller (GTK_WIDGET (chooser->calendar), controller);
    }
  for (guint i = 0; i < N_RACES; i++)
    update_race_subtitle (self, i);

  /* Running and massage */
  setup_choices (&self->phase_choices, self->phase_row, phase_explanations);
  setup_choices (&self->pressure_choices, self->pressure_row, pressure_explanations);
  adw_combo_row_set_selected (self->pressure_row, BM_PRESSURE_MEDIUM);

  /* Health */
  for (guint i = 0; i < BM_N_HEALTH_FLAGS; i++)
    {
      GtkCheckButton *check;
      GtkWidget *row;

      row = bm_widget_check_row_new (_(health_items[i].title),
                                     health_items[i].subtitle ? _(health_items[i].subtitle) : NULL,
                                     NULL, &check);
      g_object_set_data (G_OBJECT (check), "bm-flag", GUINT_TO_POINTER (health_items[i].flag));
      g_signal_connect_object (check, "toggled",
                               G_CALLBACK (on_health_check_toggled_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->health_group, row);
      self->health_checks[i] = check;
    }

  /* Areas to avoid, head to toe */
  self->avoid_checks = g_ptr_array_new ();
  for (guint i = 0; i < bm_atlas_get_n_regions (self->atlas); i++)
    {
      const BmRegion *region = bm_atlas_get_region (self->atlas, i);
      GtkCheckButton *check;
      GtkWidget *row;

      row = bm_widget_check_row_new (bm_region_get_name (region), bm_region_get_covers (region), NULL, &check);
      g_object_set_data (G_OBJECT (check), "bm-region", (gpointer) region);
      g_signal_connect_object (check, "toggled",
                               G_CALLBACK (on_avoid_check_toggled_cb), self, G_CONNECT_SWAPPED);
      adw_expander_row_add_row (self->avoid_row, row);
      g_ptr_array_add (self->avoid_checks, check);
    }
  update_avoid_subtitle (self);

  /* Goals */
  g_signal_connect_object (gtk_text_view_get_buffer (self->goals_view), "changed",
                           G_CALLBACK (on_goals_buffer_changed_cb), self, G_CONNECT_SWAPPED);

  bm_widget_unfocus_inert_rows (GTK_WIDGET (self));
  gtk_widget_set_sensitive (self->box, FALSE);
}

GtkWidget *
bm_intake_form_new (void)
{
  return g_object_new (BM_TYPE_INTAKE_FORM, NULL);
}

BmIntake *
bm_intake_form_get_intake (BmIntakeForm *self)
{
  g_return_val_if_fail (BM_IS_INTAKE_FORM (self), NULL);
  return self->intake;
}

void
bm_intake_form_set_intake (BmIntakeForm *self,
                           BmIntake     *intake)
{
  g_return_if_fail (BM_IS_INTAKE_FORM (self));
  g_return_if_fail (intake == NULL || BM_IS_INTAKE (intake));

  if (self->intake == intake)
    return;

  g_set_object (&self->intake, intake);
  g_signal_group_set_target (self->intake_signals, intake);

  /* A new document: nothing typed yet, nothing kept from the last one */
  self->name_touched = FALSE;
  self->syncing = TRUE;
  for (guint i = 0; i < N_RACES; i++)
    {
      g_clear_pointer (&self->races[i].date, g_free);
      gtk_editable_set_text (GTK_EDITABLE (self->races[i].distance_row), "");
    }
  self->syncing = FALSE;

  if (intake != NULL)
    sync_all (self);
  else
    {
      /* No document: show an empty form, greyed out */
      g_autoptr(BmIntake) blank = bm_intake_new ();

      self->intake = blank;
      sync_all (self);
      self->intake = NULL;
    }
  gtk_widget_set_sensitive (self->box, intake != NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_INTAKE]);
}
