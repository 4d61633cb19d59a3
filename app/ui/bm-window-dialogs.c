/* bm-window-dialogs.c: the window's dialogs: file choosers, the
 * Save/Discard/Cancel guard, the offer to restore a draft, errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-window-dialogs"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bm-draft.h"
#include "bm-window-private.h"

static GtkFileFilter *
create_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Body Map intakes"));
  gtk_file_filter_add_pattern (filter, "*.bodymap");
  gtk_file_filter_add_suffix (filter, "bodymap");
  return filter;
}

static char *
suggest_file_name (BmWindow *self)
{
  BmIntake *intake = bm_document_get_intake (self->document);
  g_autofree char *name = g_strstrip (g_strdup (bm_intake_get_client_name (intake)));

  g_strdelimit (name, "/\\:", '-');
  if (name[0] == '\0')
    return g_strdup_printf ("%s.bodymap", bm_intake_get_visit_date (intake));
  return g_strdup_printf ("%s %s.bodymap", name, bm_intake_get_visit_date (intake));
}

/* A name typed without the extension gets it */
static GFile *
with_extension (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *with = NULL;
  g_autoptr(GFile) parent = NULL;

  if (base == NULL || g_str_has_suffix (base, ".bodymap") || strchr (base, '.') != NULL)
    return g_object_ref (file);

  parent = g_file_get_parent (file);
  with = g_strconcat (base, ".bodymap", NULL);
  return parent ? g_file_get_child (parent, with) : g_object_ref (file);
}

static void
on_save_file_chosen (BmWindow *self,
                     GFile    *file)
{
  g_autoptr(GFile) target = NULL;

  if (self->disposed)
    return;
  if (file == NULL)
    {
      /* Cancelled: whatever was waiting for the save waits no more */
      self->pending = PENDING_NONE;
      g_clear_object (&self->pending_file);
      return;
    }

  target = with_extension (file);
  _bm_window_save_to (self, target);
}

static void
on_open_file_chosen (BmWindow *self,
                     GFile    *file)
{
  if (file != NULL && !self->disposed)
    _bm_window_load_file (self, file);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
on_save_dialog_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BmWindow) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);

  on_save_file_chosen (self, file);
}

static void
on_open_dialog_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BmWindow) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, NULL);

  on_open_file_chosen (self, file);
}

static void
on_export_dialog_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(BmWindow) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);

  if (file != NULL)
    _bm_window_export_pdf_to (self, file);
}

static GtkFileDialog *
create_file_dialog (BmWindow   *self,
                    const char *title)
{
  GtkFileDialog *dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) filter = create_filter ();
  g_autoptr(GFile) folder = _bm_window_dup_start_folder (self);

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  g_list_store_append (filters, filter);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, filter);
  if (folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, folder);
  return dialog;
}

void
_bm_window_choose_save_file (BmWindow *self)
{
  g_autoptr(GtkFileDialog) dialog = create_file_dialog (self, _("Save Intake"));
  g_autofree char *name = suggest_file_name (self);

  gtk_file_dialog_set_initial_name (dialog, name);
  gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL, on_save_dialog_cb, g_object_ref (self));
}

void
_bm_window_choose_open_file (BmWindow *self)
{
  g_autoptr(GtkFileDialog) dialog = create_file_dialog (self, _("Open Intake"));

  gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, on_open_dialog_cb, g_object_ref (self));
}
#else
static void
on_native_response_cb (GtkNativeDialog *native,
                       int              response,
                       BmWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  gboolean saving = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (native)) == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  if (saving)
    on_save_file_chosen (self, file);
  else
    on_open_file_chosen (self, file);

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  g_object_unref (self);
}

static void
on_export_native_response_cb (GtkNativeDialog *native,
                              int              response,
                              BmWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      _bm_window_export_pdf_to (self, file);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  g_object_unref (self);
}

static GtkFileChooserNative *
create_native (BmWindow             *self,
               const char           *title,
               GtkFileChooserAction  action,
               const char           *accept)
{
  GtkFileChooserNative *native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action,
                                                              accept, _("_Cancel"));
  g_autoptr(GFile) folder = _bm_window_dup_start_folder (self);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), create_filter ());
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
  g_signal_connect (native, "response", G_CALLBACK (on_native_response_cb), g_object_ref (self));
  return native;
}

void
_bm_window_choose_save_file (BmWindow *self)
{
  GtkFileChooserNative *native = create_native (self, _("Save Intake"),
                                                GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  g_autofree char *name = suggest_file_name (self);

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
_bm_window_choose_open_file (BmWindow *self)
{
  GtkFileChooserNative *native = create_native (self, _("Open Intake"),
                                                GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
#endif

void
_bm_window_choose_export_file (BmWindow *self)
{
  g_autofree char *base = suggest_file_name (self);
  g_autofree char *name = NULL;
  GtkFileFilter *filter = gtk_file_filter_new ();

  /* "Jamie Rivers 2026-11-23.bodymap" becomes "….pdf" */
  if (g_str_has_suffix (base, ".bodymap"))
    base[strlen (base) - strlen (".bodymap")] = '\0';
  name = g_strconcat (base, ".pdf", NULL);

  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
    g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

    g_list_store_append (filters, filter);
    gtk_file_dialog_set_title (dialog, _("Export as PDF"));
    gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
    gtk_file_dialog_set_initial_name (dialog, name);
    gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL, on_export_dialog_cb, g_object_ref (self));
    g_object_unref (filter);
  }
#else
  {
    GtkFileChooserNative *native = gtk_file_chooser_native_new (_("Export as PDF"), GTK_WINDOW (self),
                                                                GTK_FILE_CHOOSER_ACTION_SAVE,
                                                                _("_Export"), _("_Cancel"));

    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
    g_signal_connect (native, "response", G_CALLBACK (on_export_native_response_cb), g_object_ref (self));
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  }
#endif
}

void
_bm_window_show_error (BmWindow   *self,
                       const char *heading,
                       const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_save_changes_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             BmWindow         *self)
{
  if (g_str_equal (response, "save"))
    _bm_window_save (self);
  else if (g_str_equal (response, "discard"))
    {
      /* The changes are given up: nothing to restore after this
       * (but the toast's Undo) */
      _bm_window_keep_replaced (self);
      bm_intake_set_modified (bm_document_get_intake (self->document), FALSE);
      _bm_window_run_pending (self);
    }
  else
    {
      self->pending = PENDING_NONE;
      g_clear_object (&self->pending_file);
    }
}

/* "Keep Both": where this window's version goes, beside the other */
static GFile *
dup_keep_both_file (BmWindow *self,
                    GFile    *file)
{
  BmIntake *intake = bm_document_get_intake (self->document);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *stem = g_str_has_suffix (base, ".bodymap")
                          ? g_strndup (base, strlen (base) - strlen (".bodymap")) : g_strdup (base);

  /* A visit of the library: another visit of that day */
  if (bm_intake_get_client_id (intake) != NULL)
    {
      g_autofree char *visit_id = bm_library_make_visit_id (bm_intake_get_visit_date (intake));
      g_autofree char *name = g_strconcat (visit_id, ".bodymap", NULL);

      bm_intake_set_library_link (intake, bm_intake_get_client_id (intake), visit_id);
      return g_file_get_child (parent, name);
    }
  for (guint n = 2; n < 1000; n++)
    {
      /* Translators: the file kept beside another, "jamie (2).bodymap" */
      g_autofree char *name = g_strdup_printf ("%s (%u).bodymap", stem, n);
      g_autoptr(GFile) candidate = g_file_get_child (parent, name);

      if (!g_file_query_exists (candidate, NULL))
        return g_steal_pointer (&candidate);
    }
  return NULL;
}

static void
on_changed_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        BmWindow         *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "bm-file");
  g_autoptr(GError) error = NULL;

  if (self->disposed)
    return;
  if (g_str_equal (response, "reload"))
    {
      /* Their version; this window's is one Undo away */
      self->pending = PENDING_NONE;
      g_clear_object (&self->pending_file);
      _bm_window_keep_replaced (self);
      if (!bm_document_load (self->document, file, &error))
        {
          _bm_window_forget_replaced (self);
          _bm_window_show_error (self, _("Could Not Reload"), error->message);
          return;
        }
      _bm_window_offer_replaced (self, _("Reloaded the saved version"));
    }
  else if (g_str_equal (response, "keep-both"))
    {
      g_autoptr(GFile) other = dup_keep_both_file (self, file);

      if (other == NULL || !bm_document_overwrite (self->document, other, &error))
        {
          self->pending = PENDING_NONE;
          g_clear_object (&self->pending_file);
          _bm_window_show_error (self, _("Could Not Save"), error ? error->message : _("No free file name"));
          return;
        }
      _bm_window_saved (self, other);
    }
  else if (g_str_equal (response, "overwrite"))
    {
      if (!bm_document_overwrite (self->document, file, &error))
        {
          self->pending = PENDING_NONE;
          g_clear_object (&self->pending_file);
          _bm_window_show_error (self, _("Could Not Save"), error->message);
          return;
        }
      _bm_window_saved (self, file);
    }
  else
    {
      self->pending = PENDING_NONE;
      g_clear_object (&self->pending_file);
    }
}

void
_bm_window_ask_changed (BmWindow *self,
                        GFile    *file)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Changed Since You Opened It"),
                                   _("Another window or device saved this file after you opened it here. Reload theirs (yours stays one Undo away), keep both, or overwrite theirs with yours."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "reload", _("_Reload"),
                                    "keep-both", _("_Keep Both"),
                                    "overwrite", _("_Overwrite"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "overwrite",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "keep-both",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep-both");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "bm-file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_changed_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Runs @action now, or after asking what to do with unsaved changes */
void
_bm_window_guard_unsaved (BmWindow      *self,
                          PendingAction  action,
                          GFile         *file)
{
  GtkWidget *dialog;
  g_autofree char *heading = NULL;
  const char *name;

  self->pending = action;
  g_set_object (&self->pending_file, file);

  if (!bm_document_get_modified (self->document))
    {
      _bm_window_run_pending (self);
      return;
    }

  name = bm_intake_get_client_name (bm_document_get_intake (self->document));
  if (name && *name)
    heading = g_strdup_printf (_("Save Changes to “%s”?"), name);
  else
    heading = g_strdup (_("Save Changes?"));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("The changes will be lost if you don’t save them."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_changes_response_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_restore_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        BmWindow         *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "restore"))
    {
      /* The last session's draft, not this document's */
      bm_draft_clear ();
      return;
    }

  if (!bm_document_restore_draft (self->document, &error))
    _bm_window_show_error (self, _("Could Not Restore"), error->message);
}

void
bm_window_offer_draft (BmWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) saved = NULL;
  g_autoptr(BmIntake) draft = NULL;
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_if_fail (BM_IS_WINDOW (self));

  if (!(draft = bm_draft_read (NULL, &saved, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_autofree char *message = g_strdup_printf (_("The autosaved copy of your last session could not be read (%s) and was removed."),
                                                      error->message);
          bm_draft_clear ();
          _bm_window_show_error (self, _("Unsaved Work Lost"), message);
        }
      return;
    }

  /* Whoever sits at the computer now sees this: it names no client */
  when = g_date_time_format (saved, "%x %X");
  body = g_strdup_printf (_("Body Map closed before some changes were saved. Restore them, as they were at %s?"),
                          when);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore Unsaved Work?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
