/* bm-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bm-adaptive-box.h"
#include "bm-draft.h"
#include "bm-intake-form.h"
#include "bm-legend.h"
#include "bm-intake-io.h"
#include "bm-body-map.h"
#include "bm-map-renderer.h"
#include "bm-marks-list.h"
#include "bm-plan-document.h"
#include "bm-plan-view.h"
#include "bm-print.h"
#include "bm-settings.h"
#include "bm-window.h"

typedef enum
{
  PENDING_NONE,
  PENDING_CLOSE,
  PENDING_NEW,
  PENDING_OPEN_DIALOG,
  PENDING_OPEN_FILE,
} PendingAction;

#define DRAFT_DELAY_MS 1000

struct _BmWindow
{
  AdwApplicationWindow  parent_instance;

  BmIntake             *intake;
  GFile                *file;
  gboolean              syncing;
  guint                 draft_timeout_id;

  /* What to do once the user has answered "save changes?" and, if asked
   * to, the save has finished */
  PendingAction         pending;
  GFile                *pending_file;

  /* Window size and the last folder; NULL when the schema is not
   * installed (running from the build folder without it) */
  GSettings            *settings;

  AdwWindowTitle       *window_title;
  BmBodyMap            *body_map;
  BmMarksList          *marks_list;
  /* Built when first shown, after the first frame */
  BmIntakeForm         *intake_form;
  BmPlanView           *plan_view;
  GtkScrolledWindow    *details_scroller;
  GtkScrolledWindow    *plan_scroller;
  GtkStack             *panel_stack;
  BmAdaptiveBox        *content_box;
  GtkMenuButton        *menu_button;
  GMenuModel           *primary_menu;
  GtkWidget            *panel;
  gulong                first_frame_id;
  guint                 build_panel_id;
  gboolean              disposed;   /* late callbacks find it taken apart */
};

G_DEFINE_FINAL_TYPE (BmWindow, bm_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_actions (BmWindow *self);

/* The main menu is built when first opened, not before the first frame */
static void
create_primary_menu_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  BmWindow *self = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

static void
on_intake_history_cb (BmWindow   *self,
                      GParamSpec *pspec,
                      BmIntake   *intake)
{
  update_actions (self);
}

static void
on_map_selection_changed_cb (BmWindow  *self,
                             BmBodyMap *map)
{
  const BmRegion *region;
  BmSide side;

  /* Not while the window is being taken apart */
  if (self->syncing || self->marks_list == NULL)
    return;
  self->syncing = TRUE;
  region = bm_body_map_get_selected (map, &side);
  bm_marks_list_select (self->marks_list, region, side);
  self->syncing = FALSE;
}

static void
on_list_selection_changed_cb (BmWindow    *self,
                              BmMarksList *list)
{
  const BmRegion *region;
  BmSide side;

  if (self->syncing || self->body_map == NULL)
    return;
  self->syncing = TRUE;
  region = bm_marks_list_get_selected (list, &side);
  bm_body_map_select (self->body_map, region, side);
  self->syncing = FALSE;
}

static void
on_list_activated_cb (BmWindow       *self,
                      const BmRegion *region,
                      int             side,
                      BmMarksList    *list)
{
  bm_body_map_edit (self->body_map, region, side);
}

static void
remember_folder (BmWindow *self,
                 GFile    *file)
{
  g_autoptr(GFile) folder = file ? g_file_get_parent (file) : NULL;
  g_autofree char *uri = folder ? g_file_get_uri (folder) : NULL;

  if (self->settings && uri)
    g_settings_set_string (self->settings, "last-folder", uri);
}

/* The folder to start file choosers in: the document's, or the last one */
static GFile *
dup_start_folder (BmWindow *self)
{
  g_autofree char *uri = NULL;

  if (self->file != NULL)
    return g_file_get_parent (self->file);
  if (self->settings && (uri = g_settings_get_string (self->settings, "last-folder")) && *uri)
    return g_file_new_for_uri (uri);
  return NULL;
}

static void
save_window_state (BmWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

static GtkWidget *
with_margins (GtkWidget *widget)
{
  gtk_widget_set_margin_start (widget, 12);
  gtk_widget_set_margin_end (widget, 12);
  gtk_widget_set_margin_top (widget, 12);
  gtk_widget_set_margin_bottom (widget, 12);
  return widget;
}

static void ensure_panel (BmWindow *self);

static BmIntakeForm *
ensure_intake_form (BmWindow *self)
{
  if (self->intake_form == NULL && !self->disposed)
    {
      ensure_panel (self);
      self->intake_form = BM_INTAKE_FORM (with_margins (bm_intake_form_new ()));
      bm_intake_form_set_intake (self->intake_form, self->intake);
      gtk_scrolled_window_set_child (self->details_scroller, GTK_WIDGET (self->intake_form));
    }
  return self->intake_form;
}

static BmPlanView *
ensure_plan_view (BmWindow *self)
{
  if (self->plan_view == NULL && !self->disposed)
    {
      ensure_panel (self);
      self->plan_view = BM_PLAN_VIEW (with_margins (bm_plan_view_new ()));
      bm_plan_view_set_intake (self->plan_view, self->intake);
      gtk_scrolled_window_set_child (self->plan_scroller, GTK_WIDGET (self->plan_view));
    }
  return self->plan_view;
}

/* The side panel (its switcher, the marked areas) is built once the window
 * has drawn its first frame with the map: the map comes first. The panel's
 * room is kept meanwhile, so nothing moves when it comes. Anything that
 * needs it sooner builds it then. */
static void
stop_waiting_for_first_frame (BmWindow *self)
{
  if (self->first_frame_id != 0)
    g_clear_signal_handler (&self->first_frame_id,
                            gtk_widget_get_frame_clock (GTK_WIDGET (self)));
}

static void on_panel_page_cb (BmWindow   *self,
                              GParamSpec *pspec,
                              GtkStack   *stack);

static void
ensure_panel (BmWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;

  if (self->panel != NULL || self->disposed)
    return;

  stop_waiting_for_first_frame (self);
  g_clear_handle_id (&self->build_panel_id, g_source_remove);
  builder = gtk_builder_new ();
  gtk_builder_set_translation_domain (builder, GETTEXT_PACKAGE);
  if (!gtk_builder_add_from_resource (builder, RESOURCE_PREFIX "/ui/bm-panel.ui", &error))
    g_error ("The built-in side panel is broken: %s", error->message);

  self->panel = GTK_WIDGET (gtk_builder_get_object (builder, "panel"));
  self->panel_stack = GTK_STACK (gtk_builder_get_object (builder, "panel_stack"));
  self->marks_list = BM_MARKS_LIST (gtk_builder_get_object (builder, "marks_list"));
  self->details_scroller = GTK_SCROLLED_WINDOW (gtk_builder_get_object (builder, "details_scroller"));
  self->plan_scroller = GTK_SCROLLED_WINDOW (gtk_builder_get_object (builder, "plan_scroller"));
  bm_adaptive_box_set_panel (self->content_box, self->panel);

  g_signal_connect_object (self->panel_stack, "notify::visible-child-name",
                           G_CALLBACK (on_panel_page_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->marks_list, "selection-changed",
                           G_CALLBACK (on_list_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->marks_list, "activated",
                           G_CALLBACK (on_list_activated_cb), self, G_CONNECT_SWAPPED);
  bm_marks_list_set_intake (self->marks_list, self->intake);

  /* What was selected on the map before the list was there */
  {
    BmSide side;
    const BmRegion *region = bm_body_map_get_selected (self->body_map, &side);

    if (region != NULL)
      bm_marks_list_select (self->marks_list, region, side);
  }
}

static gboolean
build_panel_cb (gpointer user_data)
{
  BmWindow *self = user_data;

  self->build_panel_id = 0;
  ensure_panel (self);
  return G_SOURCE_REMOVE;
}

static void
on_first_frame_cb (BmWindow      *self,
                   GdkFrameClock *clock)
{
  /* Right after the frame, not within it */
  stop_waiting_for_first_frame (self);
  if (self->build_panel_id == 0)
    self->build_panel_id = g_idle_add (build_panel_cb, self);
}

static void
on_realize_cb (BmWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->panel == NULL && self->first_frame_id == 0 && clock != NULL)
    self->first_frame_id = g_signal_connect_object (clock, "after-paint",
                                                    G_CALLBACK (on_first_frame_cb), self,
                                                    G_CONNECT_SWAPPED);
}

static void
on_unrealize_cb (BmWindow *self)
{
  /* The frame clock goes with the surface */
  stop_waiting_for_first_frame (self);
}

static void
show_panel_page (BmWindow   *self,
                 const char *name)
{
  ensure_panel (self);
  gtk_stack_set_visible_child_name (self->panel_stack, name);
}

static void
on_panel_page_cb (BmWindow   *self,
                  GParamSpec *pspec,
                  GtkStack   *stack)
{
  const char *name = gtk_stack_get_visible_child_name (stack);

  if (g_strcmp0 (name, "details") == 0)
    ensure_intake_form (self);
  else if (g_strcmp0 (name, "plan") == 0)
    ensure_plan_view (self);
}

static void
update_title (BmWindow *self)
{
  const char *name = self->intake ? bm_intake_get_client_name (self->intake) : "";
  gboolean modified = self->intake && bm_intake_get_modified (self->intake);
  g_autofree char *display = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  display = g_strstrip (g_strdup (name ? name : ""));
  if (display[0] == '\0')
    {
      g_free (display);
      display = g_strdup (_("New Intake"));
    }

  if (self->file != NULL)
    subtitle = g_file_get_basename (self->file);
  else
    subtitle = g_strdup (_("Not saved yet"));

  adw_window_title_set_title (self->window_title, display);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  /* The dot tells the document has unsaved changes */
  if (modified)
    /* Translators: window title of a document with unsaved changes */
    title = g_strdup_printf (_("• %s — Body Map"), display);
  else
    /* Translators: window title, the client's name and the app */
    title = g_strdup_printf (_("%s — Body Map"), display);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_actions (BmWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 self->intake && bm_intake_can_undo (self->intake));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 self->intake && bm_intake_can_redo (self->intake));
}

static void
show_error (BmWindow   *self,
            const char *heading,
            const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
write_draft_cb (gpointer user_data)
{
  BmWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  self->draft_timeout_id = 0;

  if (self->intake == NULL || !bm_intake_get_modified (self->intake))
    return G_SOURCE_REMOVE;

  if (!bm_draft_write (self->intake, self->file, &error))
    g_warning ("Could not write the autosave draft: %s", error->message);

  return G_SOURCE_REMOVE;
}

static void
schedule_draft (BmWindow *self)
{
  /* Not pushed back by further changes: every change reaches the draft
   * within DRAFT_DELAY_MS */
  if (self->draft_timeout_id == 0)
    self->draft_timeout_id = g_timeout_add (DRAFT_DELAY_MS, write_draft_cb, self);
}

static void
on_intake_changed_cb (BmWindow *self,
                      BmIntake *intake)
{
  schedule_draft (self);
  update_title (self);
}

static void
on_intake_modified_cb (BmWindow   *self,
                       GParamSpec *pspec,
                       BmIntake   *intake)
{
  if (!bm_intake_get_modified (intake))
    {
      g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
      bm_draft_clear ();
    }
  update_title (self);
}

static void
add_to_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

static void
set_document (BmWindow *self,
              BmIntake *intake,
              GFile    *file)
{
  g_set_object (&self->file, file);
  bm_window_set_intake (self, intake);
  update_title (self);
}

static void run_pending (BmWindow *self);

static gboolean
save_to (BmWindow *self,
         GFile    *file)
{
  g_autoptr(GError) error = NULL;

  if (!bm_intake_save_file (self->intake, file, &error))
    {
      self->pending = PENDING_NONE;
      g_clear_object (&self->pending_file);
  g_clear_object (&self->settings);
      show_error (self, _("Could Not Save"), error->message);
      return FALSE;
    }

  g_set_object (&self->file, file);
  add_to_recent (file);
  remember_folder (self, file);
  update_title (self);
  run_pending (self);
  return TRUE;
}

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
  g_autofree char *name = g_strstrip (g_strdup (bm_intake_get_client_name (self->intake)));

  g_strdelimit (name, "/\\:", '-');
  if (name[0] == '\0')
    return g_strdup_printf ("%s.bodymap", bm_intake_get_visit_date (self->intake));
  return g_strdup_printf ("%s %s.bodymap", name, bm_intake_get_visit_date (self->intake));
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
  if (self->disposed)
    return;
  if (file == NULL)
    {
      /* Cancelled: whatever was waiting for the save waits no more */
      self->pending = PENDING_NONE;
      g_clear_object (&self->pending_file);
      return;
    }

  {
    g_autoptr(GFile) target = with_extension (file);
    save_to (self, target);
  }
}

static void load_file (BmWindow *self, GFile *file);

static void
on_open_file_chosen (BmWindow *self,
                     GFile    *file)
{
  if (file != NULL && !self->disposed)
    load_file (self, file);
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

static GtkFileDialog *
create_file_dialog (BmWindow   *self,
                    const char *title)
{
  GtkFileDialog *dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) filter = create_filter ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  g_list_store_append (filters, filter);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, filter);
  {
    g_autoptr(GFile) folder = dup_start_folder (self);

    if (folder != NULL)
      gtk_file_dialog_set_initial_folder (dialog, folder);
  }
  return dialog;
}

static void
choose_save_file (BmWindow *self)
{
  g_autoptr(GtkFileDialog) dialog = create_file_dialog (self, _("Save Intake"));
  g_autofree char *name = suggest_file_name (self);

  gtk_file_dialog_set_initial_name (dialog, name);
  gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL, on_save_dialog_cb, g_object_ref (self));
}

static void
choose_open_file (BmWindow *self)
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

static GtkFileChooserNative *
create_native (BmWindow             *self,
               const char           *title,
               GtkFileChooserAction  action,
               const char           *accept)
{
  GtkFileChooserNative *native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action,
                                                              accept, _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), create_filter ());
  {
    g_autoptr(GFile) folder = dup_start_folder (self);

    if (folder != NULL)
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
  }
  g_signal_connect (native, "response", G_CALLBACK (on_native_response_cb), g_object_ref (self));
  return native;
}

static void
choose_save_file (BmWindow *self)
{
  GtkFileChooserNative *native = create_native (self, _("Save Intake"),
                                                GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  g_autofree char *name = suggest_file_name (self);

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
choose_open_file (BmWindow *self)
{
  GtkFileChooserNative *native = create_native (self, _("Open Intake"),
                                                GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
#endif

static void
load_file (BmWindow *self,
           GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = bm_intake_load_file (file, &error);

  if (intake == NULL)
    {
      /* The open document stays as it was */
      show_error (self, _("Could Not Open the File"), error->message);
      return;
    }

  set_document (self, intake, file);
  add_to_recent (file);
  remember_folder (self, file);
}

static void
run_pending (BmWindow *self)
{
  PendingAction action = self->pending;
  g_autoptr(GFile) file = g_steal_pointer (&self->pending_file);

  self->pending = PENDING_NONE;

  switch (action)
    {
    case PENDING_CLOSE:
      g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
      bm_draft_clear ();
      gtk_window_destroy (GTK_WINDOW (self));
      break;

    case PENDING_NEW:
      {
        g_autoptr(BmIntake) intake = bm_intake_new ();

        bm_draft_clear ();
        set_document (self, intake, NULL);
      }
      break;

    case PENDING_OPEN_DIALOG:
      choose_open_file (self);
      break;

    case PENDING_OPEN_FILE:
      load_file (self, file);
      break;

    case PENDING_NONE:
    default:
      break;
    }
}

static void
save (BmWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (bm_intake_get_client_name (self->intake)));

  /* A file without a name could not be opened again: ask for it first */
  if (name[0] == '\0')
    {
      self->pending = PENDING_NONE;
      g_clear_object (&self->pending_file);
      show_panel_page (self, "details");
      show_error (self, _("Add the Client’s Name"),
                  _("Type the client’s name under “About You” before saving."));
      return;
    }

  if (self->file != NULL)
    save_to (self, self->file);
  else
    choose_save_file (self);
}

static void
on_save_changes_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             BmWindow         *self)
{
  if (g_str_equal (response, "save"))
    save (self);
  else if (g_str_equal (response, "discard"))
    {
      /* The changes are given up: nothing to restore after this */
      if (self->intake)
        bm_intake_set_modified (self->intake, FALSE);
      run_pending (self);
    }
  else
    {
      self->pending = PENDING_NONE;
      g_clear_object (&self->pending_file);
    }
}

/* Runs @action now, or after asking what to do with unsaved changes */
static void
guard_unsaved (BmWindow      *self,
               PendingAction  action,
               GFile         *file)
{
  GtkWidget *dialog;
  g_autofree char *heading = NULL;
  const char *name;

  self->pending = action;
  g_set_object (&self->pending_file, file);

  if (self->intake == NULL || !bm_intake_get_modified (self->intake))
    {
      run_pending (self);
      return;
    }

  name = bm_intake_get_client_name (self->intake);
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

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            BmWindow      *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *base = g_file_get_basename (l->data);

      if (base && g_str_has_suffix (base, ".bodymap"))
        {
          guard_unsaved (self, PENDING_OPEN_FILE, l->data);
          g_slist_free (files);
          return TRUE;
        }
    }

  g_slist_free (files);
  show_error (self, _("Could Not Open the File"),
              _("Only Body Map intakes (.bodymap files) can be opened here"));
  return FALSE;
}

static gboolean
bm_window_close_request (GtkWindow *window)
{
  BmWindow *self = BM_WINDOW (window);

  save_window_state (self);

  if (self->intake && bm_intake_get_modified (self->intake))
    {
      guard_unsaved (self, PENDING_CLOSE, NULL);
      return TRUE;
    }

  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  bm_draft_clear ();
  return GTK_WINDOW_CLASS (bm_window_parent_class)->close_request (window);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  guard_unsaved (BM_WINDOW (widget), PENDING_NEW, NULL);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  guard_unsaved (BM_WINDOW (widget), PENDING_OPEN_DIALOG, NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  save (BM_WINDOW (widget));
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  choose_save_file (BM_WINDOW (widget));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  BmWindow *self = BM_WINDOW (widget);

  bm_print_plan (GTK_WINDOW (self), self->intake, bm_plan_view_get_plan (ensure_plan_view (self)));
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

static void
export_pdf_to (BmWindow *self,
               GFile    *file)
{
  g_autoptr(GError) error = NULL;

  if (self->disposed)
    return;
  if (!bm_plan_export_pdf (self->intake, bm_plan_view_get_plan (ensure_plan_view (self)), file, &error))
    show_error (self, _("Could Not Export"), error->message);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
on_export_dialog_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(BmWindow) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);

  if (file != NULL)
    export_pdf_to (self, file);
}
#else
static void
on_export_native_response_cb (GtkNativeDialog *native,
                              int              response,
                              BmWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      export_pdf_to (self, file);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  g_object_unref (self);
}
#endif

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  BmWindow *self = BM_WINDOW (widget);
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

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BmWindow *self = BM_WINDOW (widget);

  if (self->intake)
    bm_intake_undo (self->intake);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BmWindow *self = BM_WINDOW (widget);

  if (self->intake)
    bm_intake_redo (self->intake);
}

static void
bm_window_dispose (GObject *object)
{
  BmWindow *self = (BmWindow *)object;

  self->disposed = TRUE;
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  g_clear_handle_id (&self->build_panel_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), BM_TYPE_WINDOW);
  /* Borrowed from the panel, which went with the template's widgets */
  self->panel = NULL;
  self->panel_stack = NULL;
  self->marks_list = NULL;
  self->details_scroller = NULL;
  self->plan_scroller = NULL;
  self->intake_form = NULL;
  self->plan_view = NULL;
  g_clear_object (&self->intake);
  g_clear_object (&self->file);
  g_clear_object (&self->pending_file);

  G_OBJECT_CLASS (bm_window_parent_class)->dispose (object);
}

static void
bm_window_class_init (BmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = bm_window_dispose;
  window_class->close_request = bm_window_close_request;

  g_type_ensure (BM_TYPE_ADAPTIVE_BOX);
  g_type_ensure (BM_TYPE_BODY_MAP);
  g_type_ensure (BM_TYPE_LEGEND);
  g_type_ensure (BM_TYPE_MARKS_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BmWindow, body_map);
  gtk_widget_class_bind_template_child (widget_class, BmWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, BmWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, BmWindow, content_box);

  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
}

static void
bm_window_init (BmWindow *self)
{
  g_autoptr(BmIntake) intake = NULL;
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->menu_button, create_primary_menu_cb, self, NULL);

  if ((self->settings = bm_settings_new ()))
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   MAX (360, g_settings_get_int (self->settings, "window-width")),
                                   MAX (400, g_settings_get_int (self->settings, "window-height")));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }


  g_signal_connect (self, "realize", G_CALLBACK (on_realize_cb), NULL);
  g_signal_connect (self, "unrealize", G_CALLBACK (on_unrealize_cb), NULL);

  g_signal_connect_object (self->body_map, "selection-changed",
                           G_CALLBACK (on_map_selection_changed_cb), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  intake = bm_intake_new ();
  bm_window_set_intake (self, intake);
}

BmWindow *
bm_window_new (GtkApplication *application)
{
  return g_object_new (BM_TYPE_WINDOW, "application", application, NULL);
}

BmIntake *
bm_window_get_intake (BmWindow *self)
{
  g_return_val_if_fail (BM_IS_WINDOW (self), NULL);
  return self->intake;
}

void
bm_window_set_intake (BmWindow *self,
                      BmIntake *intake)
{
  g_return_if_fail (BM_IS_WINDOW (self));
  g_return_if_fail (BM_IS_INTAKE (intake));

  if (self->intake == intake)
    return;

  if (self->intake != NULL)
    g_signal_handlers_disconnect_by_data (self->intake, self);
  g_set_object (&self->intake, intake);

  g_signal_connect_object (intake, "notify::can-undo",
                           G_CALLBACK (on_intake_history_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (intake, "notify::can-redo",
                           G_CALLBACK (on_intake_history_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (intake, "notify::modified",
                           G_CALLBACK (on_intake_modified_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (intake, "changed",
                           G_CALLBACK (on_intake_changed_cb), self, G_CONNECT_SWAPPED);

  bm_body_map_set_intake (self->body_map, intake);
  if (self->marks_list != NULL)
    bm_marks_list_set_intake (self->marks_list, intake);
  if (self->intake_form)
    bm_intake_form_set_intake (self->intake_form, intake);
  if (self->plan_view)
    bm_plan_view_set_intake (self->plan_view, intake);
  update_actions (self);
  update_title (self);
  if (bm_intake_get_modified (intake))
    schedule_draft (self);
}

GtkWidget *
bm_window_get_body_map (BmWindow *self)
{
  g_return_val_if_fail (BM_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->body_map);
}

GtkWidget *
bm_window_get_marks_list (BmWindow *self)
{
  g_return_val_if_fail (BM_IS_WINDOW (self), NULL);
  ensure_panel (self);
  return GTK_WIDGET (self->marks_list);
}

GFile *
bm_window_get_file (BmWindow *self)
{
  g_return_val_if_fail (BM_IS_WINDOW (self), NULL);
  return self->file;
}

void
bm_window_open (BmWindow *self,
                GFile    *file)
{
  g_return_if_fail (BM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  guard_unsaved (self, PENDING_OPEN_FILE, file);
}

static void
on_restore_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        BmWindow         *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) origin = NULL;
  g_autoptr(BmIntake) intake = NULL;

  if (!g_str_equal (response, "restore"))
    {
      bm_draft_clear ();
      return;
    }

  if (!(intake = bm_draft_read (&origin, NULL, &error)))
    {
      show_error (self, _("Could Not Restore"), error->message);
      return;
    }
  set_document (self, intake, origin);
}

void
bm_window_offer_draft (BmWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) origin = NULL;
  g_autoptr(GDateTime) saved = NULL;
  g_autoptr(BmIntake) draft = NULL;
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  const char *name;
  GtkWidget *dialog;

  g_return_if_fail (BM_IS_WINDOW (self));

  if (!(draft = bm_draft_read (&origin, &saved, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_autofree char *message = g_strdup_printf (_("The autosaved copy of your last session could not be read (%s) and was removed."),
                                                      error->message);
          bm_draft_clear ();
          show_error (self, _("Unsaved Work Lost"), message);
        }
      return;
    }

  name = bm_intake_get_client_name (draft);
  when = g_date_time_format (saved, "%x %X");
  if (name && *name)
    body = g_strdup_printf (_("Body Map closed before the changes to “%s” were saved. Restore them, as they were at %s?"),
                            name, when);
  else
    body = g_strdup_printf (_("Body Map closed before the changes to a new intake were saved. Restore them, as they were at %s?"),
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

GtkWidget *
bm_window_get_plan_view (BmWindow *self)
{
  g_return_val_if_fail (BM_IS_WINDOW (self), NULL);
  return GTK_WIDGET (ensure_plan_view (self));
}

GtkWidget *
bm_window_get_intake_form (BmWindow *self)
{
  g_return_val_if_fail (BM_IS_WINDOW (self), NULL);
  return GTK_WIDGET (ensure_intake_form (self));
}
