/* bm-client-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-client-view"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "bm-atlas.h"
#include "bm-client-view.h"
#include "bm-date.h"
#include "bm-history.h"
#include "bm-history-chart-view.h"
#include "bm-widget-util.h"

struct _BmClientView
{
  GtkWidget            parent_instance;

  GtkWidget           *page;
  AdwPreferencesGroup *details_group;
  AdwEntryRow         *name_row;
  AdwEntryRow         *year_row;
  AdwEntryRow         *email_row;
  AdwEntryRow         *phone_row;
  AdwPreferencesGroup *progress_group;
  BmHistoryChartView  *chart_view;
  GtkListBox          *progress_list;
  AdwPreferencesGroup *visits_group;
  GtkListBox          *visits_list;
  AdwPreferencesGroup *conflicts_group;
  GtkListBox          *conflicts_list;

  BmLibrary           *library;
  char                *id;
};

G_DEFINE_FINAL_TYPE (BmClientView, bm_client_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_VISIT_ACTIVATED,
  SIGNAL_DETAILS_CHANGED,
  SIGNAL_CONFLICT_RESOLVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "Left calf 6 · Right hamstrings 4" */
static char *
dup_areas (const BmVisitInfo *visit)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; visit->areas && visit->areas[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (visit->areas[i], ":", 3);
      const BmRegion *region;
      BmSide side = BM_SIDE_CENTER;
      g_autofree char *label = NULL;

      if (g_strv_length (parts) != 3)
        continue;
      region = bm_atlas_lookup (atlas, parts[0]);
      bm_side_from_id (parts[1], &side);
      label = region ? bm_region_dup_label (region, side) : g_strdup (parts[0]);
      if (out->len)
        g_string_append (out, " · ");
      g_string_append_printf (out, "%s %s", label, parts[2]);
    }
  if (out->len == 0)
    g_string_append (out, _("Nothing marked"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

static void
on_visit_row_activated_cb (BmClientView  *self,
                           AdwActionRow  *row)
{
  const char *path = g_object_get_data (G_OBJECT (row), "bm-path");

  if (path)
    g_signal_emit (self, signals[SIGNAL_VISIT_ACTIVATED], 0, path);
}

static GtkWidget *
visit_row (BmClientView      *self,
           const BmVisitInfo *visit)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *basename = g_path_get_basename (visit->path);

  if (visit->error)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Damaged"), -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), basename);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), visit->error);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_set_focusable (row, FALSE);
      return row;
    }
  {
    /* Translators: a visit in the client's list, "Monday 23 November 2026" (strftime) */
    g_autofree char *day = bm_date_format (visit->date, _("%A %-d %B %Y"));
    g_autofree char *areas = dup_areas (visit);
    g_autofree char *subtitle = NULL;

    if (visit->session_minutes > 0)
      /* Translators: the marked areas of a visit and its length, "Left calf 6 · 60 min" */
      subtitle = g_strdup_printf (_("%s · %d min"), areas, visit->session_minutes);
    else
      subtitle = g_strdup (areas);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), day);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "bm-path", g_strdup (visit->path), g_free);
  return row;
}

static void
on_area_toggled_cb (GtkCheckButton *check,
                    BmClientView   *self)
{
  guint series = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "bm-series"));

  bm_history_chart_view_set_shown (self->chart_view, series, gtk_check_button_get_active (check));
}

/* The chart's text alternative and its choice of areas: a row per area
 * with its severity at each visit, and a check to chart it */
static GtkWidget *
progress_table_row (BmClientView         *self,
                    const BmHistoryChart *chart)
{
  GtkWidget *expander = adw_expander_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Severity by Visit"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _("Every area, visit by visit; tick the ones to chart"));
  for (guint s = 0; s < bm_history_chart_get_n_series (chart); s++)
    {
      const char *label = bm_history_chart_get_series_label (chart, s);
      g_autofree char *values = bm_history_chart_dup_series_text (chart, s);
      /* Translators: accessible name of the check beside an area under Severity by Visit */
      g_autofree char *check_name = g_strdup_printf (_("Show %s in the chart"), label);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), values);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), bm_history_chart_get_shown (chart, s));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, check_name, -1);
      g_object_set_data (G_OBJECT (check), "bm-series", GUINT_TO_POINTER (s));
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_area_toggled_cb), self, 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  return expander;
}

/* The chart of the client's visits, when two or more have marks */
static void
show_progress (BmClientView   *self,
               const BmClient *client)
{
  g_autoptr(BmHistory) history = bm_history_new_for_client (client, NULL);
  g_autoptr(BmHistoryChart) chart = bm_history_chart_new (history);
  gboolean useful = bm_history_chart_is_useful (chart);

  clear_list (self->progress_list);
  if (useful)
    gtk_list_box_append (self->progress_list, progress_table_row (self, chart));
  bm_history_chart_view_set_chart (self->chart_view, useful ? g_steal_pointer (&chart) : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_group), useful);
}

static void
on_open_conflict_clicked_cb (GtkButton    *button,
                             BmClientView *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "bm-path");

  g_signal_emit (self, signals[SIGNAL_VISIT_ACTIVATED], 0, path);
}

static void
on_resolve_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        BmClientView     *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "bm-path");
  gboolean keep = g_str_equal (response, "keep");
  g_autoptr(GError) error = NULL;

  if (!keep && !g_str_equal (response, "delete"))
    return;
  if (self->library == NULL)
    return;
  if (!bm_library_resolve_conflict (self->library, path, keep, &error))
    g_signal_emit (self, signals[SIGNAL_CONFLICT_RESOLVED], 0, NULL, error->message);
  else
    g_signal_emit (self, signals[SIGNAL_CONFLICT_RESOLVED], 0,
                   keep ? _("The copy is the visit now") : _("Copy deleted"), NULL);
}

/* Keep the copy in place of the file it was made of, or delete it: the
 * therapist confirms either, since neither can be undone */
static void
on_resolve_conflict_clicked_cb (GtkButton    *button,
                                BmClientView *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "bm-path");
  gboolean keep = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "bm-keep"));
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *original = bm_library_dup_conflict_original (name);
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (keep)
    /* Translators: keeping a sync tool's conflict copy; the names of the two files */
    body = g_strdup_printf (_("%s replaces %s, which is lost. Open both first if you are not sure which is right."),
                            name, original ? original : "");
  else
    /* Translators: deleting a sync tool's conflict copy; its file name */
    body = g_strdup_printf (_("%s is deleted; the visit it was copied from stays as it is."), name);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   keep ? _("Keep This Copy?") : _("Delete This Copy?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    keep ? "keep" : "delete", keep ? _("_Keep Copy") : _("_Delete Copy"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), keep ? "keep" : "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "bm-path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_resolve_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
conflict_button (BmClientView *self,
                 const char   *mnemonic,
                 const char   *name,
                 const char   *path,
                 GCallback     callback,
                 gboolean      keep)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  bm_widget_name_button (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "bm-path", g_strdup (path), g_free);
  g_object_set_data (G_OBJECT (button), "bm-keep", GINT_TO_POINTER (keep));
  g_signal_connect_object (button, "clicked", callback, self, 0);
  return button;
}

static void
on_details_apply_cb (BmClientView *self)
{
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *year_text = gtk_editable_get_text (GTK_EDITABLE (self->year_row));
  g_autofree char *stripped = NULL;
  int year = 0;

  if (self->library == NULL || self->id == NULL)
    return;
  if (*year_text)
    {
      char *end = NULL;
      long value = strtol (year_text, &end, 10);

      if (end == NULL || *end != '\0' || value < 1900 || value > 2100)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->year_row), "error");
          return;
        }
      year = (int) value;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->year_row), "error");
  stripped = g_strstrip (g_strdup (name));
  if (*stripped == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  if (!bm_library_update_client (self->library, self->id, stripped, year,
                                 gtk_editable_get_text (GTK_EDITABLE (self->email_row)),
                                 gtk_editable_get_text (GTK_EDITABLE (self->phone_row)), &error))
    g_signal_emit (self, signals[SIGNAL_DETAILS_CHANGED], 0, error->message);
  else
    g_signal_emit (self, signals[SIGNAL_DETAILS_CHANGED], 0, NULL);
}

static AdwEntryRow *
details_row (BmClientView *self,
             const char   *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect_object (row, "apply", G_CALLBACK (on_details_apply_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->details_group, row);
  bm_widget_name_entry_row (ADW_ENTRY_ROW (row));
  return ADW_ENTRY_ROW (row);
}

static void
bm_client_view_dispose (GObject *object)
{
  BmClientView *self = BM_CLIENT_VIEW (object);

  g_clear_pointer (&self->page, gtk_widget_unparent);
  g_clear_object (&self->library);
  g_clear_pointer (&self->id, g_free);

  G_OBJECT_CLASS (bm_client_view_parent_class)->dispose (object);
}

static void
bm_client_view_class_init (BmClientViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bm_client_view_dispose;

  /* The visit file's path */
  signals[SIGNAL_VISIT_ACTIVATED] =
    g_signal_new ("visit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The details were saved (NULL), or the one-line error why not */
  signals[SIGNAL_DETAILS_CHANGED] =
    g_signal_new ("details-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A conflict copy was kept or deleted: what to say (a toast), and the
   * one-line error when it failed (else NULL) */
  signals[SIGNAL_CONFLICT_RESOLVED] =
    g_signal_new ("conflict-resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "clientview");
}

static GtkListBox *
boxed_list (AdwPreferencesGroup *group)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_group_add (group, list);
  return GTK_LIST_BOX (list);
}

static void
bm_client_view_init (BmClientView *self)
{
  self->page = adw_preferences_page_new ();
  gtk_widget_set_parent (self->page, GTK_WIDGET (self));

  self->details_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->details_group, _("Details"));
  adw_preferences_group_set_description (self->details_group,
                                         _("Changing the name keeps the client’s visits and id."));
  self->name_row = details_row (self, _("Name"));
  self->year_row = details_row (self, _("Year of birth"));
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->year_row), 4);
  self->email_row = details_row (self, _("Email"));
  self->phone_row = details_row (self, _("Phone"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), self->details_group);

  self->progress_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->progress_group, _("Progress"));
  adw_preferences_group_set_description (self->progress_group,
                                         _("Severity from 0 (none) to 10 at each visit, for the areas of most concern. Flags mark races."));
  self->chart_view = BM_HISTORY_CHART_VIEW (bm_history_chart_view_new ());
  gtk_widget_set_margin_top (GTK_WIDGET (self->chart_view), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->chart_view), 12);
  adw_preferences_group_add (self->progress_group, GTK_WIDGET (self->chart_view));
  self->progress_list = boxed_list (self->progress_group);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_group), FALSE);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), self->progress_group);

  self->visits_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->visits_group, _("Visits"));
  self->visits_list = boxed_list (self->visits_group);
  g_signal_connect_object (self->visits_list, "row-activated", G_CALLBACK (on_visit_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), self->visits_group);

  self->conflicts_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->conflicts_group, _("Conflict Copies"));
  adw_preferences_group_set_description (self->conflicts_group,
                                         _("A sync tool made these when two devices changed the same file. Open the copy and the visit to compare, then keep the copy in place of the visit, or delete it."));
  self->conflicts_list = boxed_list (self->conflicts_group);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), self->conflicts_group);
}

GtkWidget *
bm_client_view_new (void)
{
  return g_object_new (BM_TYPE_CLIENT_VIEW, NULL);
}

gboolean
bm_client_view_show (BmClientView *self,
                     BmLibrary    *library,
                     const char   *id)
{
  const BmClient *client;

  g_return_val_if_fail (BM_IS_CLIENT_VIEW (self), FALSE);
  g_return_val_if_fail (BM_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  client = bm_library_lookup (library, id);
  if (client == NULL)
    return FALSE;
  g_set_object (&self->library, library);
  if (self->id != id)
    {
      g_free (self->id);
      self->id = g_strdup (id);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), client->name ? client->name : "");
  {
    g_autofree char *year = client->birth_year > 0 ? g_strdup_printf ("%d", client->birth_year) : g_strdup ("");

    gtk_editable_set_text (GTK_EDITABLE (self->year_row), year);
  }
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), client->email ? client->email : "");
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), client->phone ? client->phone : "");

  show_progress (self, client);

  clear_list (self->visits_list);
  /* Newest first */
  for (guint i = client->visits->len; i > 0; i--)
    gtk_list_box_append (self->visits_list, visit_row (self, g_ptr_array_index (client->visits, i - 1)));
  if (client->visits->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No visits yet"));
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_append (self->visits_list, row);
    }

  clear_list (self->conflicts_list);
  for (guint i = 0; i < client->conflicts->len; i++)
    {
      const char *path = g_ptr_array_index (client->conflicts, i);
      g_autofree char *basename = g_path_get_basename (path);
      g_autofree char *original = bm_library_dup_conflict_original (basename);
      GtkWidget *row = adw_action_row_new ();
      /* Translators: accessible name of Open beside a conflict copy, "Open 2026-11-01-x.sync-conflict….bodymap" */
      g_autofree char *open_name = g_strdup_printf (_("Open %s"), basename);
      /* Translators: accessible names of Keep and Delete beside a conflict copy */
      g_autofree char *keep_name = g_strdup_printf (_("Keep %s"), basename);
      g_autofree char *delete_name = g_strdup_printf (_("Delete %s"), basename);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), basename);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (original)
        {
          /* Translators: what a conflict copy was made of, "A copy of 2026-11-01-ab12.bodymap" */
          g_autofree char *subtitle = g_strdup_printf (_("A copy of %s"), original);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 conflict_button (self, _("_Open"), open_name, path,
                                                  G_CALLBACK (on_open_conflict_clicked_cb), FALSE));
      if (original)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   conflict_button (self, _("_Keep…"), keep_name, path,
                                                    G_CALLBACK (on_resolve_conflict_clicked_cb), TRUE));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 conflict_button (self, _("_Delete…"), delete_name, path,
                                                  G_CALLBACK (on_resolve_conflict_clicked_cb), FALSE));
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_append (self->conflicts_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group), client->conflicts->len > 0);
  return TRUE;
}

const char *
bm_client_view_get_id (BmClientView *self)
{
  g_return_val_if_fail (BM_IS_CLIENT_VIEW (self), NULL);
  return self->id;
}
