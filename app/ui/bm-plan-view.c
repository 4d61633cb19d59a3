/* bm-plan-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-plan-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bm-atlas.h"
#include "bm-document.h"
#include "bm-date.h"
#include "bm-plan-text.h"
#include "bm-plan-view.h"
#include "bm-widget-util.h"
#include "bm-therapist.h"

/* The widgets of one area of the plan, kept across updates so that the
 * therapist's focus and what is expanded survive a change */
typedef struct
{
  BmPlanView     *view;
  char           *key;
  char           *region;
  BmSide          side;
  AdwExpanderRow *row;
  GtkLabel       *minutes_label;
  AdwActionRow   *reason_row;
  GtkWidget      *techniques_box;
  GtkSpinButton  *minutes;
  GtkCheckButton *technique_checks[16];
  guint           n_checks;
  GtkWidget      *edit_rows[3];  /* techniques, their choice, minutes: not for a left-out area */
  GtkButton      *remove;        /* Leave Out, or Put Back for a left-out area */
  gboolean        left_out;
  gboolean        seen;
} ItemRows;

struct _BmPlanView
{
  GtkWidget       parent_instance;

  BmDocument     *document;
  GSignalGroup   *document_signals;
  BmIntake       *intake;       /* the document's */
  const BmPlan   *plan;         /* shown: the document's, or shown_copy */
  BmPlan         *shown_copy;   /* bm_plan_view_show_plan() */
  gboolean        syncing;

  GtkWidget      *box;
  GtkWidget      *warnings_box;
  char           *warnings_key;  /* what they show */
  char           *focus_warning; /* the id of the warning whose control gets the focus back */
  AdwActionRow   *length_row;
  GtkDropDown    *length_dropdown;
  AdwActionRow   *next_visit_row;
  AdwActionRow   *timing_row;
  AdwActionRow   *do_not_touch_row;
  GtkWidget      *postponed_card;
  GtkLabel       *postponed_advice;
  GtkWidget      *next_time_group;
  GtkWidget      *progress_group;
  GtkListBox     *progress_list;
  GtkListBox     *next_time_list;
  GtkListBox     *items_list;
  GtkImage       *over_icon;
  AdwActionRow   *over_row;
  GtkWidget      *reset_button;
  GtkMenuButton  *add_button;
  GtkPopover     *add_popover;
  GtkSearchEntry *add_search;
  GtkListBox     *add_list;
  char          **add_query;    /* the search's words, casefolded */
  char           *focus_item;   /* the key of the area row that gets the focus once shown */
  GtkTextView    *notes;
  GHashTable     *items;        /* key -> ItemRows */
};

G_DEFINE_FINAL_TYPE (BmPlanView, bm_plan_view, GTK_TYPE_WIDGET)

/* From the generated resource file; calling it also makes sure the linker
 * keeps the resources (and their constructor) out of the static library. */
GResource *bm_ui_get_resource (void);

static const int bookable[] = { 0, 30, 45, 60, 75, 90, 120 };

static char *
item_key (const char *region,
          BmSide      side)
{
  return g_strdup_printf ("%s:%s", region, bm_side_to_id (side));
}

static void
item_rows_free (gpointer data)
{
  ItemRows *rows = data;

  g_free (rows->key);
  g_free (rows->region);
  g_free (rows);
}

/* One area of the atlas that Add Area offers, on a row of its list */
typedef struct
{
  char   *region;
  BmSide  side;
  char   *key;
  char   *folded;   /* its name, casefolded, for the search */
  GtkLabel *note;   /* "Already in the plan" */
} AreaChoice;

static void
area_choice_free (gpointer data)
{
  AreaChoice *choice = data;

  g_free (choice->region);
  g_free (choice->key);
  g_free (choice->folded);
  g_free (choice);
}

/* Lines joined by newlines, skipping the NULL and empty ones */
static char *
join_lines (const char * const *lines,
            guint               n_lines)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_lines; i++)
    if (lines[i] && *lines[i])
      {
        if (out->len)
          g_string_append_c (out, '\n');
        g_string_append (out, lines[i]);
      }
  return g_string_free (out, FALSE);
}

#define JOIN_LINES(...) \
  join_lines ((const char *[]) { __VA_ARGS__ }, G_N_ELEMENTS (((const char *[]) { __VA_ARGS__ })))

static char *
join_symptom_labels (BmSymptoms symptoms)
{
  GString *labels = g_string_new (NULL);

  for (guint i = 0; i < BM_N_SYMPTOMS; i++)
    if (symptoms & bm_symptom_nth (i))
      {
        if (labels->len > 0)
          /* Translators: separates symptoms in a list */
          g_string_append (labels, _(", "));
        g_string_append (labels, bm_symptom_get_label (bm_symptom_nth (i)));
      }
  return g_string_free (labels, FALSE);
}

static const char *
warning_title (BmWarningLevel level)
{
  switch (level)
    {
    case BM_WARNING_POSTPONE:
      return _("Postpone the massage");
    case BM_WARNING_REFER:
      return _("See a physiotherapist or doctor first");
    case BM_WARNING_CAUTION:
    default:
      return _("Take care");
    }
}

/* "See a physiotherapist or doctor first: Left calf, right calf" */
static char *
dup_warning_heading (const BmWarningGroup *group)
{
  g_autofree char *areas = bm_plan_dup_area_list (group->areas);

  if (areas == NULL)
    return g_strdup (warning_title (group->level));
  /* Translators: a warning's heading and the areas it is about */
  return g_strdup_printf (_("%s: %s"), warning_title (group->level), areas);
}

/* What an acknowledgement is about: the warning's rule and its areas */
typedef struct
{
  BmPlanView *view;
  char       *id;
  GArray     *areas;    /* BmPlanArea; empty: a general warning */
  GtkEntry   *entry;
  GtkWidget  *button;
} Acknowledgement;

static void
acknowledgement_free (gpointer data,
                      GClosure *closure)
{
  Acknowledgement *ack = data;

  g_free (ack->id);
  g_array_unref (ack->areas);
  g_free (ack);
}

static void
clear_area (gpointer data)
{
  g_free (((BmPlanArea *) data)->region);
}

static Acknowledgement *
acknowledgement_new (BmPlanView           *view,
                     const BmWarningGroup *group)
{
  Acknowledgement *ack = g_new0 (Acknowledgement, 1);

  ack->view = view;
  ack->id = g_strdup (group->id);
  ack->areas = g_array_new (FALSE, TRUE, sizeof (BmPlanArea));
  g_array_set_clear_func (ack->areas, clear_area);
  for (guint i = 0; i < group->areas->len; i++)
    {
      const BmPlanArea *area = &g_array_index (group->areas, BmPlanArea, i);
      BmPlanArea copy = { g_strdup (area->region), area->side };

      g_array_append_val (ack->areas, copy);
    }
  return ack;
}

/* Acknowledges the warning for every area it names (@note NULL: takes the
 * acknowledgement back). The intake reports the change; the plan follows. */
static void
acknowledge (Acknowledgement *ack,
             const char      *note)
{
  BmIntake *intake = ack->view->intake;

  if (intake == NULL || ack->id == NULL)
    return;
  /* The same control gets the focus back once the plan is rebuilt */
  g_free (ack->view->focus_warning);
  ack->view->focus_warning = g_strdup (ack->id);
  if (ack->areas->len == 0)
    bm_therapist_acknowledge_warning (intake, ack->id, NULL, BM_SIDE_CENTER, note);
  for (guint i = 0; i < ack->areas->len; i++)
    {
      const BmPlanArea *area = &g_array_index (ack->areas, BmPlanArea, i);

      bm_therapist_acknowledge_warning (intake, ack->id, area->region, area->side, note);
    }
}

static void
on_acknowledge_activate_cb (GtkWidget       *widget,
                            Acknowledgement *ack)
{
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (ack->entry))));
  GtkWidget *popover = gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER);

  if (popover)
    gtk_popover_popdown (GTK_POPOVER (popover));
  acknowledge (ack, note);
}

static void
on_withdraw_clicked_cb (GtkButton       *button,
                        Acknowledgement *ack)
{
  acknowledge (ack, NULL);
}

/* "Acknowledge…": a popover that asks for a short note; Enter confirms */
static GtkWidget *
create_acknowledge_button (BmPlanView           *self,
                           const BmWarningGroup *group,
                           const char           *heading)
{
  Acknowledgement *ack = acknowledgement_new (self, group);
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *title = gtk_label_new (_("Acknowledge Warning"));
  GtkWidget *explain = gtk_label_new (_("The plan then works the area normally. Say why, briefly."));
  GtkWidget *confirm = gtk_button_new_with_mnemonic (_("_Acknowledge"));
  g_autofree char *accessible = NULL;

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Acknowledge…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, _("The therapist has checked this and the area may be worked"));
  /* Translators: what a screen reader says for the button, "Acknowledge warning: Take care: Left calf" */
  accessible = g_strdup_printf (_("Acknowledge warning: %s"), heading);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (explain), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (explain), 28);
  gtk_label_set_xalign (GTK_LABEL (explain), 0);
  gtk_widget_add_css_class (explain, "dim-label");

  ack->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_max_length (ack->entry, 200);
  gtk_entry_set_placeholder_text (ack->entry, _("Cleared by physio on 28 Nov"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (ack->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, heading,
                                  -1);
  g_signal_connect (ack->entry, "activate", G_CALLBACK (on_acknowledge_activate_cb), ack);

  bm_widget_name_button (confirm, _("Acknowledge"));
  gtk_widget_add_css_class (confirm, "suggested-action");
  gtk_widget_set_halign (confirm, GTK_ALIGN_END);
  g_signal_connect_data (confirm, "clicked", G_CALLBACK (on_acknowledge_activate_cb), ack,
                         acknowledgement_free, 0);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), explain);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ack->entry));
  gtk_box_append (GTK_BOX (box), confirm);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), confirm);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);

  ack->button = button;
  g_object_set_data_full (G_OBJECT (button), "bm-warning-id", g_strdup (group->id), g_free);
  return button;
}

static GtkWidget *
create_withdraw_button (BmPlanView           *self,
                        const BmWarningGroup *group,
                        const char           *heading)
{
  Acknowledgement *ack = acknowledgement_new (self, group);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Withdraw"));
  g_autofree char *accessible = NULL;

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Take the acknowledgement back: the warning applies again"));
  /* Translators: what a screen reader says for the button */
  accessible = g_strdup_printf (_("Withdraw the acknowledgement: %s"), heading);
  bm_widget_name_button (button, accessible);
  g_signal_connect_data (button, "clicked", G_CALLBACK (on_withdraw_clicked_cb), ack, acknowledgement_free, 0);
  g_object_set_data_full (G_OBJECT (button), "bm-warning-id", g_strdup (group->id), g_free);
  return button;
}

/* A row of a warning list: icon, title, message and its control under
 * them, so that the text keeps the width of a narrow window */
static GtkWidget *
create_warning_row (const char *icon_name,
                    const char *title,
                    const char *message,
                    const char *note,
                    GtkWidget  *button)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *label;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 2);
  gtk_box_append (GTK_BOX (box), icon);

  label = gtk_label_new (title);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (texts), label);
  label = gtk_label_new (message);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (texts), label);
  if (note)
    {
      label = gtk_label_new (note);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (texts), label);
    }
  if (button)
    {
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_set_margin_top (button, 3);
      gtk_box_append (GTK_BOX (texts), button);
    }
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
  return row;
}

/* A caution: a row in a list, less loud than the serious warnings */
static GtkWidget *
create_caution_row (BmPlanView           *self,
                    const BmWarningGroup *group)
{
  g_autofree char *areas = bm_plan_dup_area_list (group->areas);
  g_autofree char *heading = dup_warning_heading (group);

  return create_warning_row ("dialog-information-symbolic", areas ? areas : _("Whole session"), group->message,
                             NULL, group->id ? create_acknowledge_button (self, group, heading) : NULL);
}

/* An acknowledged warning: still listed, with the therapist's note, and
 * quiet */
static GtkWidget *
create_acknowledged_row (BmPlanView           *self,
                         const BmWarningGroup *group)
{
  g_autofree char *heading = dup_warning_heading (group);
  g_autofree char *note = NULL;
  GtkWidget *row;

  if (group->note && *group->note)
    /* Translators: the therapist's note on a warning: "Acknowledged: cleared by physio on 28 Nov" */
    note = g_strdup_printf (_("Acknowledged: %s"), group->note);
  else
    note = g_strdup (_("Acknowledged"));
  row = create_warning_row ("object-select-symbolic", heading, group->message, note,
                            group->id ? create_withdraw_button (self, group, heading) : NULL);
  gtk_widget_add_css_class (row, "bm-acknowledged");
  return row;
}

static GtkWidget *
create_warning (BmPlanView           *self,
                const BmWarningGroup *group)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon, *texts, *title, *message;
  g_autofree char *heading = dup_warning_heading (group);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "bm-warning");
  gtk_widget_add_css_class (card, "bm-serious");

  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_start (icon, 12);
  gtk_widget_set_margin_top (icon, 12);
  gtk_box_append (GTK_BOX (card), icon);

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_top (texts, 10);
  gtk_widget_set_margin_bottom (texts, 10);
  gtk_widget_set_margin_end (texts, 12);
  gtk_widget_set_hexpand (texts, TRUE);

  title = gtk_label_new (heading);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (texts), title);

  message = gtk_label_new (group->message);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_box_append (GTK_BOX (texts), message);
  if (group->id)
    {
      GtkWidget *button = create_acknowledge_button (self, group, heading);

      gtk_widget_set_margin_top (button, 4);
      gtk_box_append (GTK_BOX (texts), button);
    }
  gtk_box_append (GTK_BOX (card), texts);

  gtk_accessible_update_property (GTK_ACCESSIBLE (card),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, heading,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, group->message,
                                  -1);
  return card;
}

/* A key for what the warnings say, to rebuild them only when it changes
 * (an open popover and the focus survive other changes) */
static char *
dup_warnings_key (GPtrArray *groups)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < groups->len; i++)
    {
      const BmWarningGroup *group = g_ptr_array_index (groups, i);

      g_string_append_printf (key, "%d|%s|%s|%d|%s|", group->level, group->id ? group->id : "",
                              group->message ? group->message : "", group->acknowledged,
                              group->note ? group->note : "");
      for (guint a = 0; a < group->areas->len; a++)
        {
          const BmPlanArea *area = &g_array_index (group->areas, BmPlanArea, a);

          g_string_append_printf (key, "%s:%d,", area->region, area->side);
        }
      g_string_append_c (key, '\n');
    }
  return g_string_free (key, FALSE);
}

/* The first control for warning @id inside @widget */
static GtkWidget *
find_warning_control (GtkWidget  *widget,
                      const char *id)
{
  if (g_strcmp0 (g_object_get_data (G_OBJECT (widget), "bm-warning-id"), id) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_warning_control (child, id);

      if (found)
        return found;
    }
  return NULL;
}

static void
update_warnings (BmPlanView *self)
{
  g_autoptr(GPtrArray) groups = self->plan ? bm_plan_group_warnings (self->plan) : NULL;
  g_autofree char *key = groups ? dup_warnings_key (groups) : g_strdup ("");
  GtkWidget *child, *cautions = NULL, *acknowledged = NULL;

  if (g_strcmp0 (key, self->warnings_key) == 0)
    return;
  g_free (self->warnings_key);
  self->warnings_key = g_steal_pointer (&key);

  while ((child = gtk_widget_get_first_child (self->warnings_box)))
    gtk_box_remove (GTK_BOX (self->warnings_box), child);

  /* Most serious first: the serious ones as cards, then the cautions, then
   * what the therapist acknowledged */
  for (guint i = 0; groups && i < groups->len; i++)
    {
      const BmWarningGroup *group = g_ptr_array_index (groups, i);

      if (!group->acknowledged && group->level != BM_WARNING_CAUTION)
        gtk_box_append (GTK_BOX (self->warnings_box), create_warning (self, group));
    }
  for (guint i = 0; groups && i < groups->len; i++)
    {
      const BmWarningGroup *group = g_ptr_array_index (groups, i);

      if (group->acknowledged || group->level != BM_WARNING_CAUTION)
        continue;
      if (cautions == NULL)
        {
          cautions = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (cautions), _("Take Care"));
          gtk_widget_set_margin_top (cautions, 6);
          gtk_box_append (GTK_BOX (self->warnings_box), cautions);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (cautions), create_caution_row (self, group));
    }
  for (guint i = 0; groups && i < groups->len; i++)
    {
      const BmWarningGroup *group = g_ptr_array_index (groups, i);

      if (!group->acknowledged)
        continue;
      if (acknowledged == NULL)
        {
          acknowledged = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (acknowledged), _("Acknowledged Warnings"));
          adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (acknowledged),
                                                 _("The therapist has checked these."));
          gtk_widget_set_margin_top (acknowledged, 6);
          gtk_box_append (GTK_BOX (self->warnings_box), acknowledged);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (acknowledged), create_acknowledged_row (self, group));
    }
  gtk_widget_set_visible (self->warnings_box, groups && groups->len > 0);

  /* After an acknowledgement, the focus goes back to that warning's control */
  if (self->focus_warning)
    {
      GtkWidget *control = find_warning_control (self->warnings_box, self->focus_warning);

      g_clear_pointer (&self->focus_warning, g_free);
      if (control)
        gtk_widget_grab_focus (control);
    }
}

static char *
join_technique_names (GStrv techniques)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; techniques && techniques[i]; i++)
    {
      const char *name = bm_technique_get_name (techniques[i]);

      if (str->len)
        g_string_append (str, ", ");
      g_string_append (str, name ? name : techniques[i]);
    }
  if (str->len == 0)
    g_string_append (str, _("Not worked today"));
  return g_string_free (str, FALSE);
}

static void
on_minutes_changed_cb (GtkSpinButton *spin,
                       ItemRows      *rows)
{
  BmPlanView *self = rows->view;

  if (self->syncing || self->intake == NULL)
    return;
  bm_therapist_set_item_minutes (self->intake, rows->region, rows->side,
                                 gtk_spin_button_get_value_as_int (spin));
}

static void
on_technique_toggled_cb (GtkCheckButton *check,
                         ItemRows       *rows)
{
  BmPlanView *self = rows->view;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) techniques = NULL;
  const BmPlanItem *item = NULL;

  if (self->syncing || self->intake == NULL)
    return;

  /* Keep the current order; a new choice goes last */
  for (guint i = 0; self->plan && i < self->plan->items->len; i++)
    {
      const BmPlanItem *it = g_ptr_array_index (self->plan->items, i);

      if (it->side == rows->side && g_str_equal (it->region, rows->region))
        item = it;
    }
  for (guint i = 0; item && item->techniques && item->techniques[i]; i++)
    for (guint c = 0; c < rows->n_checks; c++)
      if (g_str_equal (g_object_get_data (G_OBJECT (rows->technique_checks[c]), "bm-technique"),
                       item->techniques[i]) &&
          gtk_check_button_get_active (rows->technique_checks[c]))
        g_strv_builder_add (builder, item->techniques[i]);
  for (guint c = 0; c < rows->n_checks; c++)
    {
      const char *id = g_object_get_data (G_OBJECT (rows->technique_checks[c]), "bm-technique");

      if (gtk_check_button_get_active (rows->technique_checks[c]) &&
          !(item && item->techniques && g_strv_contains ((const char * const *) item->techniques, id)))
        g_strv_builder_add (builder, id);
    }

  techniques = g_strv_builder_end (builder);
  bm_therapist_set_item_techniques (self->intake, rows->region, rows->side,
                                    (const char * const *) techniques);
}

static void
on_remove_clicked_cb (GtkButton *button,
                      ItemRows  *rows)
{
  BmIntake *intake = rows->view->intake;

  if (intake == NULL)
    return;
  /* Adding a left-out area undoes the removal */
  if (rows->left_out)
    bm_therapist_add_item (intake, rows->region, rows->side);
  else
    bm_therapist_remove_item (intake, rows->region, rows->side);
}

static ItemRows *
create_item_rows (BmPlanView       *self,
                  const BmPlanItem *item)
{
  const BmRegion *region = bm_atlas_lookup (bm_atlas_get_default (), item->region);
  const char * const *ids = bm_technique_list_ids ();
  g_autofree char *title = region ? bm_region_dup_label (region, item->side) : g_strdup (item->region);
  ItemRows *rows = g_new0 (ItemRows, 1);
  GtkWidget *row, *flow, *remove, *minutes_row;

  rows->view = self;
  rows->region = g_strdup (item->region);
  rows->side = item->side;
  rows->key = item_key (item->region, item->side);

  rows->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (rows->row), FALSE);

  rows->minutes_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (rows->minutes_label), "numeric");
  adw_expander_row_add_action (rows->row, GTK_WIDGET (rows->minutes_label));

  /* Why */
  rows->reason_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->reason_row), _("Why"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (rows->reason_row), FALSE);
  adw_action_row_set_subtitle_lines (rows->reason_row, 0);
  adw_expander_row_add_row (rows->row, GTK_WIDGET (rows->reason_row));

  /* Techniques: the chosen ones explained, and a choice of all */
  rows->techniques_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (rows->techniques_box, 12);
  gtk_widget_set_margin_end (rows->techniques_box, 12);
  gtk_widget_set_margin_top (rows->techniques_box, 8);
  gtk_widget_set_margin_bottom (rows->techniques_box, 8);
  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), rows->techniques_box);
  adw_expander_row_add_row (rows->row, row);
  rows->edit_rows[0] = row;

  flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 1);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  for (guint i = 0; ids[i] && rows->n_checks < G_N_ELEMENTS (rows->technique_checks); i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (bm_technique_get_name (ids[i]));

      gtk_widget_set_tooltip_text (check, bm_technique_get_description (ids[i]));
      g_object_set_data_full (G_OBJECT (check), "bm-technique", g_strdup (ids[i]), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_technique_toggled_cb), rows);
      rows->technique_checks[rows->n_checks++] = GTK_CHECK_BUTTON (check);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), check);
    }
  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (flow, 8);
  gtk_widget_set_margin_end (flow, 8);
  gtk_widget_set_margin_top (flow, 4);
  gtk_widget_set_margin_bottom (flow, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), flow);
  gtk_accessible_update_property (GTK_ACCESSIBLE (flow),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Techniques"),
                                  -1);
  adw_expander_row_add_row (rows->row, row);
  rows->edit_rows[1] = row;

  /* Minutes */
  minutes_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (minutes_row), _("Minutes"));
  rows->minutes = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 120, 1));
  gtk_widget_set_valign (GTK_WIDGET (rows->minutes), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (rows->minutes),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Minutes"),
                                  -1);
  g_signal_connect (rows->minutes, "value-changed", G_CALLBACK (on_minutes_changed_cb), rows);
  adw_action_row_add_suffix (ADW_ACTION_ROW (minutes_row), GTK_WIDGET (rows->minutes));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (minutes_row), GTK_WIDGET (rows->minutes));
  adw_expander_row_add_row (rows->row, minutes_row);
  rows->edit_rows[2] = minutes_row;

  /* Leave out */
  remove = gtk_button_new_with_mnemonic (_("_Leave Out of the Plan"));
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  gtk_widget_set_margin_top (remove, 6);
  gtk_widget_set_margin_bottom (remove, 6);
  gtk_widget_set_margin_end (remove, 6);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), rows);
  rows->remove = GTK_BUTTON (remove);
  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), remove);
  adw_expander_row_add_row (rows->row, row);

  return rows;
}

static void
update_item_rows (BmPlanView       *self,
                  ItemRows         *rows,
                  const BmPlanItem *item)
{
  g_autofree char *names = join_technique_names (item->techniques);
  g_autofree char *minutes = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *role = NULL;
  gboolean worked;
  GtkWidget *child;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  /* Each row says on its own why it is there and what it gets */
  role = bm_plan_item_dup_role (item);
  if (item->left_out)
    {
      g_autofree char *freed = bm_plan_item_dup_freed (item);
      g_autofree char *severity = item->marked ? g_strdup_printf (_("Severity %d/10"), item->severity) : NULL;

      subtitle = JOIN_LINES (_("Left out by the therapist"), role, severity, freed);
    }
  else
    {
      g_autofree char *change = bm_plan_item_dup_change (item);
      /* Translators: on a row of the plan, "Since the last visit: 6 → 3, better" */
      g_autofree char *since = change ? g_strdup_printf (_("Since the last visit: %s"), change) : NULL;

      subtitle = JOIN_LINES (role, since,
                             item->therapist && item->role != BM_ITEM_ADDED ? _("Changed by the therapist") : NULL,
                             names);
    }
  adw_expander_row_set_subtitle (rows->row, subtitle);

  /* Minutes only for an area worked today */
  worked = !item->left_out && item->techniques && item->techniques[0];
  if (worked)
    {
      /* Translators: minutes of one area of the plan */
      minutes = g_strdup_printf (ngettext ("%d min", "%d min", item->minutes), item->minutes);
      gtk_label_set_label (rows->minutes_label, minutes);
    }
  gtk_widget_set_visible (GTK_WIDGET (rows->minutes_label), worked);
  if (worked)
    gtk_widget_remove_css_class (GTK_WIDGET (rows->row), "bm-not-worked");
  else
    gtk_widget_add_css_class (GTK_WIDGET (rows->row), "bm-not-worked");

  /* A left-out area can only be put back */
  rows->left_out = item->left_out;
  for (guint i = 0; i < G_N_ELEMENTS (rows->edit_rows); i++)
    gtk_widget_set_visible (rows->edit_rows[i], !item->left_out);
  gtk_button_set_label (rows->remove, item->left_out ? _("_Put Back in the Plan") : _("_Leave Out of the Plan"));
  bm_widget_name_button (GTK_WIDGET (rows->remove), item->left_out ? _("Put Back in the Plan") : _("Leave Out of the Plan"));
  if (item->left_out)
    gtk_widget_remove_css_class (GTK_WIDGET (rows->remove), "flat");
  else
    gtk_widget_add_css_class (GTK_WIDGET (rows->remove), "flat");

  adw_action_row_set_subtitle (rows->reason_row, item->reason ? item->reason : "");

  /* The chosen techniques, each with what it is */
  while ((child = gtk_widget_get_first_child (rows->techniques_box)))
    gtk_box_remove (GTK_BOX (rows->techniques_box), child);
  for (guint i = 0; item->techniques && item->techniques[i]; i++)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b> — %s",
                                                         bm_technique_get_name (item->techniques[i]),
                                                         bm_technique_get_description (item->techniques[i]));
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (rows->techniques_box), label);
    }
  if (gtk_widget_get_first_child (rows->techniques_box) == NULL)
    {
      GtkWidget *label = gtk_label_new (_("No technique: this area is not worked today."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (rows->techniques_box), label);
    }

  for (guint c = 0; c < rows->n_checks; c++)
    {
      const char *id = g_object_get_data (G_OBJECT (rows->technique_checks[c]), "bm-technique");

      gtk_check_button_set_active (rows->technique_checks[c],
                                   item->techniques && g_strv_contains ((const char * const *) item->techniques, id));
    }

  /* Not while the therapist is typing in it */
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (rows->minutes)))
    gtk_spin_button_set_value (rows->minutes, item->minutes);
}

/* The running total against the session, the assessment included:
 * "55 of 60 minutes planned", what the assessment takes, and what is
 * still free or how much the areas go over. From the plan's numbers only,
 * so it follows every change the plan shows. */
static char *
dup_running_total (const BmPlan *plan,
                   gboolean     *over)
{
  int planned = plan->assessment_minutes;
  /* Against the length the therapist chose, even when their changes
   * made the session longer: that is what the client booked */
  int session = plan->chosen_session_minutes > 0 ? plan->chosen_session_minutes : plan->session_minutes;
  g_autofree char *total = NULL;
  g_autofree char *assessment = NULL;
  g_autofree char *difference = NULL;

  for (guint i = 0; i < plan->items->len; i++)
    planned += ((const BmPlanItem *) g_ptr_array_index (plan->items, i))->minutes;

  /* Translators: the plan's running total, "55 of 60 minutes planned" */
  total = g_strdup_printf (ngettext ("%d of %d minute planned", "%d of %d minutes planned", session),
                           planned, session);
  if (plan->assessment_minutes > 0)
    /* Translators: part of the running total, "Includes the 5 min assessment" */
    assessment = g_strdup_printf (ngettext ("Includes the %d min assessment", "Includes the %d min assessment",
                                            plan->assessment_minutes),
                                  plan->assessment_minutes);
  if (planned > session)
    /* Translators: the areas take more than the session, "10 minutes over" */
    difference = g_strdup_printf (ngettext ("%d minute over", "%d minutes over", planned - session),
                                  planned - session);
  else if (planned < session)
    /* Translators: minutes of the session given to nothing yet */
    difference = g_strdup_printf (ngettext ("%d minute not planned yet", "%d minutes not planned yet",
                                            session - planned),
                                  session - planned);
  *over = planned > session;
  return JOIN_LINES (total, assessment, difference);
}

static void
update_session (BmPlanView *self)
{
  const BmPlan *plan = self->plan;
  gboolean postponed = plan && plan->session_minutes == 0;
  gboolean over = FALSE;
  g_autofree char *subtitle = NULL;
  g_autofree char *next = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *next_race = NULL;
  g_autofree char *last_race = NULL;
  g_autofree char *do_not_touch = NULL;

  /* Postponed: said plainly at the top, what to do instead, and no
   * session length or timing advice about a session today */
  gtk_widget_set_visible (self->postponed_card, postponed);
  gtk_label_set_label (self->postponed_advice, postponed && plan->postpone_advice ? plan->postpone_advice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->postponed_advice),
                          postponed && plan->postpone_advice && *plan->postpone_advice);
  gtk_widget_set_visible (GTK_WIDGET (self->length_row), plan && !postponed);

  if (plan && !postponed)
    {
      subtitle = dup_running_total (plan, &over);
      adw_action_row_set_subtitle (self->length_row, subtitle);
      /* Read with the row's title, "Length, 55 of 60 minutes planned…" */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->length_row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                      -1);
      g_clear_pointer (&subtitle, g_free);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->over_icon), over);
  gtk_widget_set_visible (GTK_WIDGET (self->over_row), over && plan->chosen_session_minutes > 0);
  if (over && plan->chosen_session_minutes > 0)
    {
      g_autofree char *title = NULL;
      g_autofree char *runs = NULL;

      /* Translators: the therapist chose 60 minutes, their changes take longer */
      title = g_strdup_printf (ngettext ("Longer than the %d minute chosen", "Longer than the %d minutes chosen",
                                         plan->chosen_session_minutes),
                               plan->chosen_session_minutes);
      /* Translators: what happens unless the therapist rebalances */
      runs = g_strdup_printf (ngettext ("As changed, the session runs %d minute. Rebalance to shorten every area in proportion, or choose a longer length.",
                                        "As changed, the session runs %d minutes. Rebalance to shorten every area in proportion, or choose a longer length.",
                                        plan->session_minutes),
                              plan->session_minutes);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->over_row), title);
      adw_action_row_set_subtitle (self->over_row, runs);
    }
  {
    int chosen = self->intake ? bm_therapist_get_session_minutes (self->intake) : 0;
    guint selected = 0;

    for (guint i = 1; i < G_N_ELEMENTS (bookable); i++)
      if (bookable[i] == chosen)
        selected = i;
    gtk_drop_down_set_selected (self->length_dropdown, selected);
  }

  if (plan)
    {
      next = bm_plan_dup_next_visit (plan, TRUE);
      before = bm_plan_dup_race_visit (plan, TRUE);
      after = bm_plan_dup_race_visit (plan, FALSE);
      next_race = bm_plan_dup_next_race (plan);
      last_race = bm_plan_dup_last_race (plan);
      do_not_touch = bm_plan_dup_do_not_touch (plan);
    }
  subtitle = JOIN_LINES (next ? next : _("To be arranged"), plan ? plan->next_visit_reason : NULL, before, after);
  adw_action_row_set_subtitle (self->next_visit_row, subtitle);
  g_clear_pointer (&subtitle, g_free);

  subtitle = JOIN_LINES (next_race, last_race, plan && !postponed ? plan->timing_advice : NULL);
  adw_action_row_set_subtitle (self->timing_row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->timing_row), *subtitle != '\0');

  adw_action_row_set_subtitle (self->do_not_touch_row, do_not_touch ? do_not_touch : "");
  gtk_widget_set_visible (GTK_WIDGET (self->do_not_touch_row), do_not_touch != NULL);
}

static void
append_progress_row (BmPlanView *self,
                     const char *region,
                     BmSide      side,
                     const char *change)
{
  g_autofree char *label = bm_plan_dup_region_label (region, side);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), change);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_append (self->progress_list, row);
}

/* Every area marked now or at the previous visit, with its change, as the
 * printed plan's "Since the last visit" */
static void
update_progress (BmPlanView *self)
{
  const BmPlan *plan = self->plan;
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->progress_list))))
    gtk_list_box_remove (self->progress_list, child);
  if (plan == NULL || plan->previous_visit == NULL)
    {
      gtk_widget_set_visible (self->progress_group, FALSE);
      return;
    }
  for (guint k = 0; k < 2; k++)
    {
      GPtrArray *items = k == 0 ? plan->items : plan->next_time;

      for (guint i = 0; i < items->len; i++)
        {
          const BmPlanItem *item = g_ptr_array_index (items, i);
          g_autofree char *change = bm_plan_item_dup_change (item);

          if (change == NULL)
            continue;
          append_progress_row (self, item->region, item->side, change);
          n++;
        }
    }
  for (guint i = 0; i < plan->resolved->len; i++)
    {
      const BmPlanResolved *resolved = g_ptr_array_index (plan->resolved, i);
      g_autofree char *change = bm_plan_resolved_dup_change (resolved);

      append_progress_row (self, resolved->region, resolved->side, change);
      n++;
    }
  {
    g_autofree char *day = bm_date_format (plan->previous_visit, _("%-d %B %Y"));
    /* Translators: the description of "Since the Last Visit" on the Plan page */
    g_autofree char *description = g_strdup_printf (_("Compared with the visit of %s"),
                                                    day ? day : plan->previous_visit);

    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->progress_group), description);
  }
  gtk_widget_set_visible (self->progress_group, n > 0);
}

/* Marked areas that did not fit today */
static void
update_next_time (BmPlanView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->next_time_list))))
    gtk_list_box_remove (self->next_time_list, child);
  for (guint i = 0; self->plan && i < self->plan->next_time->len; i++)
    {
      const BmPlanItem *item = g_ptr_array_index (self->plan->next_time, i);
      g_autofree char *label = bm_plan_dup_region_label (item->region, item->side);
      g_autofree char *severity = NULL;
      g_autofree char *symptoms = join_symptom_labels (item->symptoms);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      /* Translators: an area's severity, "Severity 6/10" */
      severity = g_strdup_printf (_("Severity %d/10"), item->severity);
      /* Translators: "Severity 6/10 · Tight, Knot" */
      subtitle = *symptoms ? g_strdup_printf (_("%s · %s"), severity, symptoms) : g_strdup (severity);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->next_time_list, row);
    }
  gtk_widget_set_visible (self->next_time_group, self->plan && self->plan->next_time->len > 0);
}

/* The area rows offered by Add Area, one per region and side */
static void
fill_add_list (BmPlanView *self)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  static const BmSide sides[] = { BM_SIDE_CENTER, BM_SIDE_LEFT, BM_SIDE_RIGHT };

  for (guint i = 0; i < bm_atlas_get_n_regions (atlas); i++)
    {
      const BmRegion *region = bm_atlas_get_region (atlas, i);

      for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
        {
          g_autofree char *label = NULL;
          AreaChoice *choice;
          GtkWidget *row, *box, *title;

          if (!bm_region_accepts_side (region, sides[s]))
            continue;
          label = bm_region_dup_label (region, sides[s]);
          choice = g_new0 (AreaChoice, 1);
          choice->region = g_strdup (bm_region_get_id (region));
          choice->side = sides[s];
          choice->key = item_key (choice->region, choice->side);
          choice->folded = g_utf8_casefold (label, -1);

          /* Plain rows: a name and a note under it */
          row = gtk_list_box_row_new ();
          box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
          gtk_widget_add_css_class (box, "bm-add-area");
          title = gtk_label_new (label);
          gtk_label_set_xalign (GTK_LABEL (title), 0);
          gtk_label_set_wrap (GTK_LABEL (title), TRUE);
          /* A long name wraps rather than widen the popover past a
           * narrow window */
          gtk_label_set_max_width_chars (GTK_LABEL (title), 26);
          gtk_box_append (GTK_BOX (box), title);
          choice->note = GTK_LABEL (gtk_label_new (NULL));
          gtk_label_set_xalign (choice->note, 0);
          gtk_label_set_wrap (choice->note, TRUE);
          gtk_label_set_max_width_chars (choice->note, 26);
          gtk_widget_add_css_class (GTK_WIDGET (choice->note), "caption");
          gtk_widget_add_css_class (GTK_WIDGET (choice->note), "dim-label");
          gtk_widget_set_visible (GTK_WIDGET (choice->note), FALSE);
          gtk_box_append (GTK_BOX (box), GTK_WIDGET (choice->note));
          gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
          gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
          g_object_set_data_full (G_OBJECT (row), "bm-area", choice, area_choice_free);
          gtk_list_box_append (self->add_list, row);
        }
    }
}

/* Every word of the search somewhere in the name: "calf" finds both
 * calves, "hip out" the outer hip */
static gboolean
filter_add_row (GtkListBoxRow *row,
                gpointer       data)
{
  BmPlanView *self = data;
  AreaChoice *choice = g_object_get_data (G_OBJECT (row), "bm-area");

  for (guint i = 0; self->add_query && self->add_query[i]; i++)
    if (strstr (choice->folded, self->add_query[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* An area already worked in the plan says so; a left-out one comes back */
static void
update_add_list (BmPlanView *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->add_list)); row;
       row = gtk_widget_get_next_sibling (row))
    {
      AreaChoice *choice = g_object_get_data (G_OBJECT (row), "bm-area");
      const BmPlanItem *item;
      const char *subtitle = NULL;

      if (choice == NULL)
        continue;
      item = self->plan ? bm_plan_find_item (self->plan, choice->region, choice->side) : NULL;
      if (item && item->left_out)
        subtitle = _("Left out: adding puts it back");
      else if (item)
        subtitle = _("Already in the plan");
      gtk_label_set_label (choice->note, subtitle ? subtitle : "");
      gtk_widget_set_visible (GTK_WIDGET (choice->note), subtitle != NULL);
      if (subtitle)
        gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* The area's row of the plan, unfolded, with the focus */
static gboolean
focus_item_row (BmPlanView *self,
                const char *key)
{
  ItemRows *rows = g_hash_table_lookup (self->items, key);

  if (rows == NULL)
    return FALSE;
  adw_expander_row_set_expanded (rows->row, TRUE);
  /* The expander row's own header takes the focus, not the row */
  if (!gtk_widget_grab_focus (GTK_WIDGET (rows->row)))
    gtk_widget_child_focus (GTK_WIDGET (rows->row), GTK_DIR_TAB_FORWARD);
  return TRUE;
}

static void
clear_add_search (BmPlanView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->add_search), "");
  g_clear_pointer (&self->add_query, g_strfreev);
  gtk_list_box_invalidate_filter (self->add_list);
}

static void
rebuild (BmPlanView *self)
{
  GHashTableIter iter;
  ItemRows *rows;
  guint position = 0;

  self->syncing = TRUE;

  /* Warnings first */
  update_warnings (self);

  update_session (self);
  update_next_time (self);
  update_progress (self);

  /* The areas, updated in place */
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &rows))
    rows->seen = FALSE;

  for (guint i = 0; self->plan && i < self->plan->items->len; i++)
    {
      const BmPlanItem *item = g_ptr_array_index (self->plan->items, i);
      g_autofree char *key = item_key (item->region, item->side);

      rows = g_hash_table_lookup (self->items, key);
      if (rows == NULL)
        {
          rows = create_item_rows (self, item);
          g_hash_table_insert (self->items, rows->key, rows);
          gtk_list_box_insert (self->items_list, GTK_WIDGET (rows->row), position);
        }
      else if (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (rows->row)) != (int) position)
        {
          g_object_ref (rows->row);
          gtk_list_box_remove (self->items_list, GTK_WIDGET (rows->row));
          gtk_list_box_insert (self->items_list, GTK_WIDGET (rows->row), position);
          g_object_unref (rows->row);
        }
      rows->seen = TRUE;
      update_item_rows (self, rows, item);
      position++;
    }

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &rows))
    if (!rows->seen)
      {
        gtk_list_box_remove (self->items_list, GTK_WIDGET (rows->row));
        g_hash_table_iter_remove (&iter);
      }

  gtk_widget_set_sensitive (self->reset_button,
                            self->intake && bm_therapist_has_changes (self->intake));
  update_add_list (self);
  bm_widget_unfocus_inert_rows (GTK_WIDGET (self));
  if (self->focus_item && focus_item_row (self, self->focus_item))
    g_clear_pointer (&self->focus_item, g_free);

  /* Notes, unless being typed */
  if (self->intake)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes);
      g_autofree char *text = NULL;
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (g_strcmp0 (text, bm_therapist_get_notes (self->intake)) != 0)
        gtk_text_buffer_set_text (buffer, bm_therapist_get_notes (self->intake), -1);
    }

  self->syncing = FALSE;
}

static void
show_document_plan (BmPlanView *self)
{
  self->plan = self->document ? bm_document_get_plan (self->document) : NULL;
  g_clear_pointer (&self->shown_copy, bm_plan_free);
  rebuild (self);
}

/* A new document starts with its items folded, and nothing of the last
 * client's search for an area */
static void
fold_items (BmPlanView *self)
{
  GtkWidget *child;

  gtk_popover_popdown (self->add_popover);
  clear_add_search (self);
  g_clear_pointer (&self->focus_item, g_free);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->items_list))))
    gtk_list_box_remove (self->items_list, child);
  g_hash_table_remove_all (self->items);
}

static void
on_document_plan_cb (BmPlanView *self,
                     GParamSpec *pspec,
                     BmDocument *document)
{
  show_document_plan (self);
}

static void
on_document_intake_cb (BmPlanView *self,
                       GParamSpec *pspec,
                       BmDocument *document)
{
  /* Its plan follows at once */
  g_set_object (&self->intake, bm_document_get_intake (document));
  fold_items (self);
}

static void
on_length_selected_cb (BmPlanView *self,
                       GParamSpec *pspec,
                       GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->syncing || self->intake == NULL || selected >= G_N_ELEMENTS (bookable))
    return;
  bm_therapist_set_session_minutes (self->intake, bookable[selected]);
}

static void
on_rebalance_clicked_cb (BmPlanView *self)
{
  if (self->intake && self->plan)
    bm_therapist_rebalance (self->intake, self->plan);
}

static void
on_notes_changed_cb (BmPlanView    *self,
                     GtkTextBuffer *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->syncing || self->intake == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  bm_therapist_set_notes (self->intake, text);
}

static void
on_reset_clicked_cb (BmPlanView *self,
                     GtkButton  *button)
{
  if (self->intake)
    bm_therapist_reset (self->intake);
}

/* Adds the area; one already in the plan is shown instead of added again */
static void
add_area (BmPlanView       *self,
          const AreaChoice *choice)
{
  const BmPlanItem *item = self->plan ? bm_plan_find_item (self->plan, choice->region, choice->side) : NULL;

  /* Its row gets the focus once the popover has closed and the plan
   * has it */
  g_free (self->focus_item);
  self->focus_item = g_strdup (choice->key);
  gtk_popover_popdown (self->add_popover);
  if (item && !item->left_out)
    return;
  if (self->intake == NULL)
    return;
  clear_add_search (self);
  bm_therapist_add_item (self->intake, choice->region, choice->side);
}

static void
on_add_row_activated_cb (BmPlanView    *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list)
{
  AreaChoice *choice = g_object_get_data (G_OBJECT (row), "bm-area");

  if (choice)
    add_area (self, choice);
}

static void
on_add_search_changed_cb (BmPlanView     *self,
                          GtkSearchEntry *entry)
{
  g_autofree char *folded = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);

  g_clear_pointer (&self->add_query, g_strfreev);
  self->add_query = g_strsplit_set (g_strstrip (folded), " \t", -1);
  /* Runs of spaces make empty words, which match anything anyway */
  gtk_list_box_invalidate_filter (self->add_list);
}

/* Enter takes the first area found */
static void
on_add_search_activate_cb (BmPlanView     *self,
                           GtkSearchEntry *entry)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->add_list)); row;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row) &&
        g_object_get_data (G_OBJECT (row), "bm-area"))
      {
        add_area (self, g_object_get_data (G_OBJECT (row), "bm-area"));
        return;
      }
}

static void
on_add_search_stop_cb (BmPlanView     *self,
                       GtkSearchEntry *entry)
{
  gtk_popover_popdown (self->add_popover);
}

/* Down from the search goes to the areas found */
static gboolean
on_add_search_key_pressed_cb (BmPlanView            *self,
                              guint                  keyval,
                              guint                  keycode,
                              GdkModifierType        state,
                              GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;
  return gtk_widget_child_focus (GTK_WIDGET (self->add_list), GTK_DIR_TAB_FORWARD);
}

/* The menu button takes the focus back as the popover closes: the area
 * just chosen takes it from there */
static void
on_add_popover_closed_cb (BmPlanView *self,
                          GtkPopover *popover)
{
  if (self->focus_item && focus_item_row (self, self->focus_item))
    g_clear_pointer (&self->focus_item, g_free);
}

/* The search has the focus as soon as the list opens */
static void
on_add_popover_show_cb (BmPlanView *self,
                        GtkPopover *popover)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->add_search));
}

static void
bm_plan_view_dispose (GObject *object)
{
  BmPlanView *self = (BmPlanView *)object;

  if (self->document_signals)
    g_signal_group_set_target (self->document_signals, NULL);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->document);
  g_clear_object (&self->intake);
  self->plan = NULL;
  g_clear_pointer (&self->shown_copy, bm_plan_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), BM_TYPE_PLAN_VIEW);
  self->box = NULL;
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->warnings_key, g_free);
  g_clear_pointer (&self->focus_warning, g_free);
  g_clear_pointer (&self->focus_item, g_free);
  g_clear_pointer (&self->add_query, g_strfreev);

  G_OBJECT_CLASS (bm_plan_view_parent_class)->dispose (object);
}

static void
bm_plan_view_class_init (BmPlanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bm_plan_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "planview");

  g_assert (bm_ui_get_resource () != NULL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/bodymap/BodyMap/ui/bm-plan-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BmPlanView, box);
  gtk_widget_class_bind_template_child (widget_class, BmPlanView, postponed_card);
  gtk_widget_class_bind_template_child (widget_class, BmPlanView, postponed_advice);
  gtk_widget_class_bind_template_child (widget_class, BmPlanView, warnings_box);
  gtk_widget_class_bind_template_child (widget_class, BmPlanView, length_row);
  gtk_widget_class_bind_template_child (widget_class, BmPlanView, length_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BmPlanView, next_visit_row);
  gtk_widget_class_bind_template_child (widget_class, BmPlanView, timing_row);
  gtk_widget_class_bind_template_child (widget_class, BmPlanView, do_not_touch_row);
  gtk_widget_class_bind_template_child (widget_class, BmPlanView, reset_button);
  gtk_widget_class_bind_template_child (widget_class, BmPlanView, items_list);
  gtk_widget_class_bind_template_child (widget_class, BmPlanView, over_icon);
  gtk_widget_class_bind_template_child (widget_class, BmPlanView, over_row);
  gtk_widget_class_bind_template_child (widget_class, BmPlanView, add_button);
  gtk_widget_class_bind_template_child (widget_class, BmPlanView, add_popover);
  gtk_widget_class_bind_template_child (widget_class, BmPlanView, add_search);
  gtk_widget_class_bind_template_child (widget_class, BmPlanView, add_list);
  gtk_widget_class_bind_template_child (widget_class, BmPlanView, next_time_group);
  gtk_widget_class_bind_template_child (widget_class, BmPlanView, progress_group);
  gtk_widget_class_bind_template_child (widget_class, BmPlanView, progress_list);
  gtk_widget_class_bind_template_child (widget_class, BmPlanView, next_time_list);
  gtk_widget_class_bind_template_child (widget_class, BmPlanView, notes);
  gtk_widget_class_bind_template_callback (widget_class, on_length_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_rebalance_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_popover_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_row_activated_cb);
}

static void
bm_plan_view_init (BmPlanView *self)
{
  g_autoptr(GtkStringList) lengths = gtk_string_list_new (NULL);
  GtkEventController *keys;
  GtkWidget *nothing_found;

  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, item_rows_free);
  self->document_signals = g_signal_group_new (BM_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "notify::intake",
                                 G_CALLBACK (on_document_intake_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::plan",
                                 G_CALLBACK (on_document_plan_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_init_template (GTK_WIDGET (self));
  bm_widget_name_button (self->reset_button, _("Reset"));

  /* The bookable lengths and the atlas's areas are data */
  gtk_string_list_append (lengths, C_("session length", "Suggested"));
  for (guint i = 1; i < G_N_ELEMENTS (bookable); i++)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%d minute", "%d minutes", bookable[i]), bookable[i]);
      gtk_string_list_append (lengths, text);
    }
  self->syncing = TRUE;
  gtk_drop_down_set_model (self->length_dropdown, G_LIST_MODEL (lengths));
  self->syncing = FALSE;
  fill_add_list (self);
  gtk_list_box_set_filter_func (self->add_list, filter_add_row, self, NULL);
  nothing_found = gtk_label_new (_("No area by that name"));
  gtk_widget_add_css_class (nothing_found, "dim-label");
  gtk_widget_set_margin_top (nothing_found, 12);
  gtk_widget_set_margin_bottom (nothing_found, 12);
  gtk_list_box_set_placeholder (self->add_list, nothing_found);
  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_add_search_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->add_search), keys);
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes), "changed",
                           G_CALLBACK (on_notes_changed_cb), self, G_CONNECT_SWAPPED);

  rebuild (self);
}

GtkWidget *
bm_plan_view_new (void)
{
  return g_object_new (BM_TYPE_PLAN_VIEW, NULL);
}

void
bm_plan_view_set_document (BmPlanView *self,
                           BmDocument *document)
{
  g_return_if_fail (BM_IS_PLAN_VIEW (self));
  g_return_if_fail (!document || BM_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  g_set_object (&self->document, document);
  g_signal_group_set_target (self->document_signals, document);
  if (document != NULL)
    g_set_object (&self->intake, bm_document_get_intake (document));
  else
    g_clear_object (&self->intake);
  fold_items (self);
  show_document_plan (self);
}

const BmPlan *
bm_plan_view_get_plan (BmPlanView *self)
{
  g_return_val_if_fail (BM_IS_PLAN_VIEW (self), NULL);

  return self->plan;
}

void
bm_plan_view_show_plan (BmPlanView   *self,
                        const BmPlan *plan)
{
  BmPlan *copy;

  g_return_if_fail (BM_IS_PLAN_VIEW (self));
  g_return_if_fail (plan != NULL);

  /* A plan still to come from earlier changes comes now, not over @plan */
  if (self->document != NULL)
    bm_document_ensure_plan (self->document);
  copy = bm_plan_copy (plan);
  g_clear_pointer (&self->shown_copy, bm_plan_free);
  self->plan = self->shown_copy = copy;
  rebuild (self);
}
