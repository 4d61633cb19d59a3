/* bm-check-ins-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-check-ins-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "bm-check-ins.h"
#include "bm-check-ins-bar.h"
#include "bm-date.h"
#include "bm-intake-io.h"

struct _BmCheckInsBar
{
  GtkWidget   parent_instance;

  GtkWidget  *clamp;
  GtkWidget  *group;
  GtkListBox *list;
  BmLibrary  *library;
  GPtrArray  *check_ins;  /* BmCheckIn* */
};

G_DEFINE_FINAL_TYPE (BmCheckInsBar, bm_check_ins_bar, GTK_TYPE_WIDGET)

enum {
  FILED,
  FAILED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* "09:15" today, "1 Dec 09:15" another day */
static char *
dup_handed_in (const char *submitted)
{
  g_autoptr(GDateTime) when = submitted ? g_date_time_new_from_iso8601 (submitted, NULL) : NULL;
  g_autoptr(GDateTime) local = when ? g_date_time_to_local (when) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (local == NULL)
    return NULL;
  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: when a check-in was handed in today, "09:15" */
    return g_date_time_format (local, _("%H:%M"));
  /* Translators: when a check-in was handed in another day, "1 Dec 09:15" */
  return g_date_time_format (local, _("%-d %b %H:%M"));
}

static char *
dup_subtitle (const BmCheckIn *check_in)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *handed_in = dup_handed_in (check_in->submitted);

  if (check_in->birth_year > 0)
    /* Translators: a check-in's year of birth */
    g_ptr_array_add (parts, g_strdup_printf (_("Born %d"), check_in->birth_year));
  if (handed_in)
    /* Translators: "Handed in at 09:15" */
    g_ptr_array_add (parts, g_strdup_printf (_("Handed in at %s"), handed_in));
  g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u area marked", "%u areas marked", check_in->n_marks),
                                           check_in->n_marks));
  if (!check_in->complete)
    /* Translators: a check-in the client did not finish (the screen went idle) */
    g_ptr_array_add (parts, g_strdup (_("Not finished")));
  g_ptr_array_add (parts, NULL);
  /* Translators: the separator between the parts of a check-in's subtitle */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

static void
on_file_clicked_cb (GtkButton     *button,
                    BmCheckInsBar *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "bm-check-in-path");

  bm_check_ins_bar_file (self, path);
}

static void
rebuild (BmCheckInsBar *self)
{
  GtkWidget *child;
  guint n = self->check_ins ? self->check_ins->len : 0;
  g_autofree char *description = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; i < n; i++)
    {
      const BmCheckIn *check_in = g_ptr_array_index (self->check_ins, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button;
      g_autofree char *subtitle = NULL;
      g_autofree char *basename = g_path_get_basename (check_in->path);
      const char *title;

      if (check_in->error)
        {
          title = basename;
          subtitle = g_strdup (check_in->error);
        }
      else
        {
          title = check_in->name && *check_in->name ? check_in->name : _("No name given");
          subtitle = dup_subtitle (check_in);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

      button = gtk_button_new_with_mnemonic (check_in->error ? _("_Discard…") : _("_File…"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      {
        /* Translators: the accessible name of a check-in's button, "File the check-in of Jamie Rivers" */
        g_autofree char *name = check_in->error ? g_strdup_printf (_("Discard the damaged check-in %s"), basename)
                                                : g_strdup_printf (_("File the check-in of %s"), title);

        gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      }
      g_object_set_data_full (G_OBJECT (button), "bm-check-in-path", g_strdup (check_in->path), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_file_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->list, row);
    }

  description = g_strdup_printf (ngettext ("%u check-in waiting to be filed", "%u check-ins waiting to be filed", n), n);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group), description);
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
}

void
bm_check_ins_bar_reload (BmCheckInsBar *self,
                         BmLibrary     *library)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (BM_IS_CHECK_INS_BAR (self));
  g_return_if_fail (library == NULL || BM_IS_LIBRARY (library));

  g_set_object (&self->library, library);
  g_clear_pointer (&self->check_ins, g_ptr_array_unref);
  if (library != NULL)
    {
      self->check_ins = bm_check_ins_list (library, &error);
      if (error)
        g_warning ("%s", error->message);
    }
  rebuild (self);
}

guint
bm_check_ins_bar_get_n (BmCheckInsBar *self)
{
  g_return_val_if_fail (BM_IS_CHECK_INS_BAR (self), 0);

  return self->check_ins ? self->check_ins->len : 0;
}

/* The filing dialog */

typedef struct
{
  BmCheckInsBar *bar;
  GtkWidget     *dialog;
  char          *path;
  char          *match_id;    /* the client it matches; NULL: none */
  GtkWidget     *match_check;
  GtkWidget     *new_check;
  GtkWidget     *other_check;
  GtkDropDown   *other;
  GPtrArray     *client_ids;  /* in the drop-down's order */
} Filing;

static void
filing_free (gpointer  data,
             GClosure *closure)
{
  Filing *filing = data;

  g_object_unref (filing->bar);
  g_free (filing->path);
  g_free (filing->match_id);
  g_clear_pointer (&filing->client_ids, g_ptr_array_unref);
  g_free (filing);
}

static void
on_filing_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       Filing           *filing)
{
  BmCheckInsBar *self = filing->bar;
  g_autoptr(GError) error = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *visit_path = NULL;

  if (self->library == NULL)
    return;
  if (g_str_equal (response, "discard"))
    {
      if (!bm_check_ins_discard (self->library, filing->path, &error))
        g_signal_emit (self, signals[FAILED], 0, error->message);
      bm_check_ins_bar_reload (self, self->library);
      return;
    }
  if (!g_str_equal (response, "file"))
    return;

  if (filing->match_check && gtk_check_button_get_active (GTK_CHECK_BUTTON (filing->match_check)))
    client_id = g_strdup (filing->match_id);
  else if (gtk_check_button_get_active (GTK_CHECK_BUTTON (filing->other_check)))
    {
      guint selected = gtk_drop_down_get_selected (filing->other);

      if (selected == GTK_INVALID_LIST_POSITION || selected >= filing->client_ids->len)
        return;
      client_id = g_strdup (g_ptr_array_index (filing->client_ids, selected));
    }
  if (!bm_check_ins_file (self->library, filing->path, client_id, NULL, &visit_path, &error))
    {
      g_signal_emit (self, signals[FAILED], 0, error->message);
      bm_check_ins_bar_reload (self, self->library);
      return;
    }
  bm_check_ins_bar_reload (self, self->library);
  {
    g_autoptr(GFile) visit = g_file_new_for_path (visit_path);
    g_autoptr(BmIntake) intake = bm_intake_load_file (visit, NULL);
    const char *filed_id = intake ? bm_intake_get_client_id (intake) : client_id;

    g_signal_emit (self, signals[FILED], 0, visit_path, filed_id);
  }
}

/* "With another client" needs one picked before it can be filed */
static void
update_file_response (Filing *filing)
{
  gboolean picked = gtk_drop_down_get_selected (filing->other) != GTK_INVALID_LIST_POSITION;

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (filing->dialog), "file",
                                           picked || !gtk_check_button_get_active (GTK_CHECK_BUTTON (filing->other_check)));
}

static void
on_other_selected_cb (GtkDropDown *dropdown,
                      GParamSpec  *pspec,
                      Filing      *filing)
{
  if (gtk_drop_down_get_selected (dropdown) != GTK_INVALID_LIST_POSITION)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (filing->other_check), TRUE);
  update_file_response (filing);
}

static void
on_other_toggled_cb (GtkCheckButton *check,
                     Filing         *filing)
{
  update_file_response (filing);
}

static char *
dup_client_choice (const BmClient *client)
{
  if (client->birth_year > 0)
    /* Translators: a client to file a check-in with, "Jamie Rivers, born 1994" */
    return g_strdup_printf (_("%s, born %d"), client->name ? client->name : client->id, client->birth_year);
  return g_strdup (client->name ? client->name : client->id);
}

GtkWidget *
bm_check_ins_bar_file (BmCheckInsBar *self,
                       const char    *path)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(BmIntake) intake = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) expression = NULL;
  BmCheckInMatch match = { 0 };
  GtkRoot *root;
  GtkWidget *dialog, *box;
  GPtrArray *clients;
  Filing *filing;
  const char *name;

  g_return_val_if_fail (BM_IS_CHECK_INS_BAR (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (self->library == NULL)
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  file = g_file_new_for_path (path);
  intake = bm_intake_load_file (file, &error);

  if (intake == NULL)
    {
      /* Damaged: it can only be read as it is, or removed */
      g_autofree char *basename = g_path_get_basename (path);

      dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       _("Discard the Damaged Check-in?"), error->message);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                        "discard", _("_Discard"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      filing = g_new0 (Filing, 1);
      filing->bar = g_object_ref (self);
      filing->path = g_strdup (path);
      g_signal_connect_data (dialog, "response", G_CALLBACK (on_filing_response_cb), filing,
                             filing_free, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return dialog;
    }

  bm_check_ins_match (self->library, intake, &match);
  name = *bm_intake_get_client_name (intake) ? bm_intake_get_client_name (intake) : _("No name given");

  /* Who they said they are */
  g_string_append (body, name);
  if (bm_intake_get_birth_year (intake) > 0)
    g_string_append_printf (body, _(", born %d"), bm_intake_get_birth_year (intake));
  if (*bm_intake_get_email (intake))
    g_string_append_printf (body, " · %s", bm_intake_get_email (intake));
  if (*bm_intake_get_phone (intake))
    g_string_append_printf (body, " · %s", bm_intake_get_phone (intake));
  g_string_append_c (body, '\n');
  if (g_strcmp0 (bm_intake_get_check_in_status (intake), "complete") != 0)
    g_string_append_printf (body, "%s\n", _("The client did not finish: the screen went idle and started over."));
  if (!bm_intake_get_consent (intake))
    g_string_append_printf (body, "%s\n", _("No consent to treatment was given: ask for it before the session."));
  if (match.client)
    {
      g_autofree char *choice = dup_client_choice (match.client);

      /* Translators: "Matches Jamie Rivers, born 1994, on file" */
      g_string_append_printf (body, _("Matches %s, on file."), choice);
      if (match.looks_off)
        {
          g_autofree char *reasons = g_strjoinv ("; ", match.reasons);

          g_string_append_c (body, '\n');
          /* Translators: "Check before filing: Another email than the one on file" */
          g_string_append_printf (body, _("Check before filing: %s."), reasons);
        }
    }
  else
    g_string_append (body, _("Matches no client on file."));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("File the Check-in"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "discard", _("_Discard"), "file", _("_File as Visit"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "file", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), match.looks_off ? "cancel" : "file");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  filing = g_new0 (Filing, 1);
  filing->bar = g_object_ref (self);
  filing->dialog = dialog;
  filing->path = g_strdup (path);
  filing->client_ids = g_ptr_array_new_with_free_func (g_free);

  /* With whom: the match, a new client, or any client picked */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  if (match.client)
    {
      g_autofree char *choice = dup_client_choice (match.client);
      /* Translators: filing a check-in, "With Jamie Rivers, born 1994" */
      g_autofree char *label = g_strdup_printf (_("With %s"), choice);

      filing->match_id = g_strdup (match.client->id);
      filing->match_check = gtk_check_button_new_with_label (label);
      gtk_box_append (GTK_BOX (box), filing->match_check);
    }
  filing->new_check = gtk_check_button_new_with_label (_("As a new client"));
  gtk_box_append (GTK_BOX (box), filing->new_check);
  filing->other_check = gtk_check_button_new_with_label (_("With another client:"));
  gtk_box_append (GTK_BOX (box), filing->other_check);
  if (filing->match_check)
    {
      gtk_check_button_set_group (GTK_CHECK_BUTTON (filing->new_check), GTK_CHECK_BUTTON (filing->match_check));
      gtk_check_button_set_group (GTK_CHECK_BUTTON (filing->other_check), GTK_CHECK_BUTTON (filing->match_check));
    }
  else
    gtk_check_button_set_group (GTK_CHECK_BUTTON (filing->other_check), GTK_CHECK_BUTTON (filing->new_check));
  /* A match that looks off is not taken for granted; a check-in with no
   * name can only go to a client picked from the list */
  if (*bm_intake_get_client_name (intake) == '\0')
    {
      gtk_widget_set_sensitive (filing->new_check, FALSE);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (filing->other_check), TRUE);
    }
  else
    gtk_check_button_set_active (GTK_CHECK_BUTTON (filing->match_check && !match.looks_off ? filing->match_check
                                                   : filing->new_check), TRUE);

  clients = bm_library_get_clients (self->library);
  for (guint i = 0; i < clients->len; i++)
    {
      const BmClient *client = g_ptr_array_index (clients, i);
      g_autofree char *choice = NULL;

      if (client->name == NULL)
        continue;
      choice = dup_client_choice (client);
      gtk_string_list_append (names, choice);
      g_ptr_array_add (filing->client_ids, g_strdup (client->id));
    }
  filing->other = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (filing->other, expression);
  gtk_drop_down_set_enable_search (filing->other, TRUE);
  /* Nobody picked until the therapist picks */
  gtk_drop_down_set_selected (filing->other, GTK_INVALID_LIST_POSITION);
  gtk_widget_set_sensitive (GTK_WIDGET (filing->other), filing->client_ids->len > 0);
  gtk_widget_set_sensitive (filing->other_check, filing->client_ids->len > 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (filing->other), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Another client"), -1);
  gtk_widget_set_margin_start (GTK_WIDGET (filing->other), 24);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (filing->other));
  g_signal_connect (filing->other, "notify::selected", G_CALLBACK (on_other_selected_cb), filing);
  g_signal_connect (filing->other_check, "toggled", G_CALLBACK (on_other_toggled_cb), filing);
  update_file_response (filing);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_signal_connect_data (dialog, "response", G_CALLBACK (on_filing_response_cb), filing,
                         filing_free, 0);
  bm_check_in_match_clear (&match);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
bm_check_ins_bar_dispose (GObject *object)
{
  BmCheckInsBar *self = BM_CHECK_INS_BAR (object);

  g_clear_pointer (&self->clamp, gtk_widget_unparent);
  g_clear_object (&self->library);
  g_clear_pointer (&self->check_ins, g_ptr_array_unref);

  G_OBJECT_CLASS (bm_check_ins_bar_parent_class)->dispose (object);
}

static void
bm_check_ins_bar_class_init (BmCheckInsBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bm_check_ins_bar_dispose;

  signals[FILED] = g_signal_new ("filed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "bmcheckins");
}

static void
bm_check_ins_bar_init (BmCheckInsBar *self)
{
  self->group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), _("Check-ins Waiting"));
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Check-ins waiting to be filed"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), GTK_WIDGET (self->list));
  /* As wide as the clients below */
  self->clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (self->clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (self->clamp), self->group);
  gtk_widget_set_margin_start (self->clamp, 12);
  gtk_widget_set_margin_end (self->clamp, 12);
  gtk_widget_set_margin_top (self->clamp, 12);
  gtk_widget_set_margin_bottom (self->clamp, 6);
  gtk_widget_set_parent (self->clamp, GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
bm_check_ins_bar_new (void)
{
  return g_object_new (BM_TYPE_CHECK_INS_BAR, NULL);
}
