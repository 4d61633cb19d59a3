/* bm-window-actions.c: the window's actions (new, open, save, save as,
 * print, export, undo, redo, shortcuts) and the document operations behind
 * them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "bm-history.h"
#include "bm-plan-document.h"
#include "bm-print.h"
#include "bm-window-private.h"

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  _bm_window_guard_unsaved (BM_WINDOW (widget), PENDING_NEW, NULL);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  _bm_window_guard_unsaved (BM_WINDOW (widget), PENDING_OPEN_DIALOG, NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  _bm_window_save (BM_WINDOW (widget));
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  _bm_window_choose_save_file (BM_WINDOW (widget));
}

static void
on_print_sent (GtkWindow  *parent,
               const char *printer)
{
  g_autofree char *title = NULL;

  if (printer && *printer)
    /* Translators: a toast after printing, "Plan sent to “Office printer”" */
    title = g_strdup_printf (_("Plan sent to “%s”"), printer);
  else
    title = g_strdup (_("Plan sent to the printer"));
  _bm_window_toast (BM_WINDOW (parent), title, FALSE);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  BmWindow *self = BM_WINDOW (widget);

  bm_print_plan_with_library (GTK_WINDOW (self), bm_document_get_intake (self->document),
                              bm_document_ensure_plan (self->document), bm_window_get_library (self),
                              on_print_sent);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  _bm_window_choose_export_file (BM_WINDOW (widget));
}

/* The shortcuts window is built the first time it is asked for, not with
 * the main window (GtkApplicationWindow would build it before the first
 * frame if it sat at gtk/help-overlay.ui) */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/bm-shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

/* The text field that has the focus, whose own undo Ctrl+Z is for; NULL */
static GtkWidget *
focused_text (BmWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus && (GTK_IS_TEXT (focus) || GTK_IS_TEXT_VIEW (focus)) ? focus : NULL;
}

/* Ctrl+Z and Ctrl+Shift+Z undo the document's last change, except while a
 * text field has the focus: then they are the field's own */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BmWindow *self = BM_WINDOW (widget);
  GtkWidget *text = focused_text (self);

  if (text != NULL)
    gtk_widget_activate_action (text, "text.undo", NULL);
  else
    bm_intake_undo (bm_document_get_intake (self->document));
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BmWindow *self = BM_WINDOW (widget);
  GtkWidget *text = focused_text (self);

  if (text != NULL)
    gtk_widget_activate_action (text, "text.redo", NULL);
  else
    bm_intake_redo (bm_document_get_intake (self->document));
}

/* The toast's Undo after a new or opened document: the one it replaced
 * comes back as it was, unsaved changes and all (its draft with them) */
static void
undo_replace_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  BmWindow *self = BM_WINDOW (widget);
  g_autoptr(BmIntake) intake = g_steal_pointer (&self->replaced_intake);
  g_autoptr(GFile) file = g_steal_pointer (&self->replaced_file);
  gboolean modified = self->replaced_modified;

  _bm_window_forget_replaced (self);
  if (intake == NULL)
    return;
  bm_intake_set_modified (intake, modified);
  bm_document_set_file (self->document, file);
  bm_document_set_intake (self->document, intake);
}

/* F6 moves between the map and the side panel, as in GNOME apps */
static void
focus_other_pane_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  BmWindow *self = BM_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *panel = _bm_window_ensure_panel (self);
  gboolean in_panel = focus != NULL && panel != NULL && gtk_widget_is_ancestor (focus, panel);
  GtkWidget *target = in_panel || panel == NULL ? GTK_WIDGET (self->body_map) : panel;

  if (!gtk_widget_child_focus (target, GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (target);
}

void
_bm_window_class_actions_init (BmWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.undo-replace", NULL, undo_replace_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.focus-other-pane", NULL, focus_other_pane_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.focus-other-pane", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK, "win.focus-other-pane", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
}

void
_bm_window_actions_update (BmWindow *self)
{
  BmIntake *intake = bm_document_get_intake (self->document);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", bm_intake_can_undo (intake));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", bm_intake_can_redo (intake));
}

/* Saves to the document's file, or asks for one */
void
_bm_window_save (BmWindow *self)
{
  BmIntake *intake = bm_document_get_intake (self->document);
  g_autofree char *name = g_strstrip (g_strdup (bm_intake_get_client_name (intake)));
  GFile *file;

  /* A file without a name could not be opened again: ask for it first */
  if (name[0] == '\0')
    {
      self->pending = PENDING_NONE;
      g_clear_object (&self->pending_file);
      _bm_window_show_panel_page (self, "details");
      _bm_window_show_error (self, _("Add the Client’s Name"),
                             _("Type the client’s name under “About You” before saving."));
      return;
    }

  if ((file = bm_document_get_file (self->document)) != NULL)
    _bm_window_save_to (self, file);
  else
    {
      /* A visit of the library goes to its client's folder */
      g_autoptr(GError) error = NULL;
      g_autoptr(GFile) visit = _bm_window_dup_library_file (self, &error);

      if (visit != NULL)
        _bm_window_save_to (self, visit);
      else if (error != NULL)
        {
          self->pending = PENDING_NONE;
          g_clear_object (&self->pending_file);
          _bm_window_show_error (self, _("Could Not Save"), error->message);
        }
      else
        _bm_window_choose_save_file (self);
    }
}

gboolean
_bm_window_save_to (BmWindow *self,
                    GFile    *file)
{
  g_autoptr(GError) error = NULL;
  /* @file may be the document's own, replaced by the save */
  g_autoptr(GFile) target = g_object_ref (file);

  if (!bm_document_save (self->document, target, &error))
    {
      /* Someone else saved it since: they choose; what waits for the
       * save waits on */
      if (g_error_matches (error, BM_DOCUMENT_ERROR, BM_DOCUMENT_ERROR_CHANGED))
        {
          _bm_window_ask_changed (self, target);
          return FALSE;
        }
      /* Whatever was waiting for the save waits no more; the window
       * keeps its settings */
      self->pending = PENDING_NONE;
      g_clear_object (&self->pending_file);
      _bm_window_show_error (self, _("Could Not Save"), error->message);
      return FALSE;
    }
  _bm_window_saved (self, target);
  return TRUE;
}

/* After a save: say so, and go on with what waited for it */
void
_bm_window_saved (BmWindow *self,
                  GFile    *target)
{
  BmIntake *intake = bm_document_get_intake (self->document);

  if (bm_intake_get_client_id (intake) != NULL)
    {
      /* In the library: its file's name means nothing to anyone */
      _bm_window_toast (self, _("Visit saved"), FALSE);
      _bm_window_library_changed (self);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (target);
      /* Translators: a toast after saving, "Saved “jamie.bodymap”" */
      g_autofree char *title = g_strdup_printf (_("Saved “%s”"), name);

      _bm_window_remember_folder (self, target);
      _bm_window_toast (self, title, FALSE);
    }
  _bm_window_run_pending (self);
}

void
_bm_window_load_file (BmWindow *self,
                      GFile    *file)
{
  g_autoptr(GError) error = NULL;

  _bm_window_keep_replaced (self);
  if (!bm_document_load (self->document, file, &error))
    {
      /* The open document stays as it was */
      _bm_window_forget_replaced (self);
      _bm_window_show_error (self, _("Could Not Open the File"), error->message);
      return;
    }

  /* Shown, even when the clients' page was (a file dropped on it, or
   * opened from the command line into this window) */
  _bm_window_show_editor (self);

  /* Not added to the recent files: a file's name often names the client,
   * and the recent files are for anyone at the computer to see */
  if (bm_intake_get_client_id (bm_document_get_intake (self->document)) == NULL)
    _bm_window_remember_folder (self, file);
  {
    g_autofree char *name = g_file_get_basename (file);
    /* Translators: a toast with Undo after opening a file in place of
     * the document shown, "Opened “sam.bodymap”" */
    g_autofree char *title = g_strdup_printf (_("Opened “%s”"), name);

    _bm_window_offer_replaced (self, title);
  }
}

/* What was waiting for the answer to "save changes?" (and the save) */
void
_bm_window_run_pending (BmWindow *self)
{
  PendingAction action = self->pending;
  g_autoptr(GFile) file = g_steal_pointer (&self->pending_file);

  self->pending = PENDING_NONE;

  switch (action)
    {
    case PENDING_CLOSE:
      bm_document_clear_draft (self->document);
      gtk_window_destroy (GTK_WINDOW (self));
      break;

    case PENDING_NEW:
      _bm_window_keep_replaced (self);
      bm_document_reset (self->document);
      _bm_window_show_editor (self);
      /* Translators: a toast with Undo after New */
      _bm_window_offer_replaced (self, _("New intake started"));
      break;

    case PENDING_OPEN_DIALOG:
      _bm_window_choose_open_file (self);
      break;

    case PENDING_OPEN_FILE:
      _bm_window_load_file (self, file);
      break;

    case PENDING_NEW_VISIT:
      {
        g_autofree char *client_id = g_steal_pointer (&self->pending_client_id);

        _bm_window_keep_replaced (self);
        _bm_window_start_visit (self, client_id);
        _bm_window_forget_replaced (self);
      }
      break;

    case PENDING_NONE:
    default:
      break;
    }
}

void
_bm_window_export_pdf_to (BmWindow *self,
                          GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BmHistory) history = NULL;
  BmIntake *intake;
  const BmPlan *plan;

  if (self->disposed)
    return;
  intake = bm_document_get_intake (self->document);
  plan = bm_document_ensure_plan (self->document);
  /* The progress chart: the client's visits up to this one */
  if (bm_window_get_library (self) != NULL)
    history = bm_history_load_through (bm_window_get_library (self), intake, plan);
  if (!bm_plan_export_pdf_with_history (intake, plan, history, file, &error))
    _bm_window_show_error (self, _("Could Not Export"), error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: a toast after exporting, "Plan exported as “jamie.pdf”" */
      g_autofree char *title = g_strdup_printf (_("Plan exported as “%s”"), name);

      _bm_window_toast (self, title, FALSE);
    }
}
