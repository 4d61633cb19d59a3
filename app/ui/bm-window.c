/* bm-window.c: the window and its state; its actions, dialogs and drag and
 * drop are in bm-window-actions.c, bm-window-dialogs.c and bm-window-dnd.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bm-legend.h"
#include "bm-settings.h"
#include "bm-therapist.h"
#include "bm-date.h"
#include "bm-widget-util.h"
#include "bm-window-private.h"

G_DEFINE_FINAL_TYPE (BmWindow, bm_window, ADW_TYPE_APPLICATION_WINDOW)

static void ensure_panel (BmWindow *self);

static GtkWidget *
with_margins (GtkWidget *widget)
{
  gtk_widget_set_margin_start (widget, 12);
  gtk_widget_set_margin_end (widget, 12);
  gtk_widget_set_margin_top (widget, 12);
  gtk_widget_set_margin_bottom (widget, 12);
  return widget;
}

static BmIntakeForm *
ensure_intake_form (BmWindow *self)
{
  if (self->intake_form == NULL && !self->disposed)
    {
      ensure_panel (self);
      self->intake_form = BM_INTAKE_FORM (with_margins (bm_intake_form_new ()));
      bm_intake_form_set_intake (self->intake_form, bm_document_get_intake (self->document));
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
      bm_plan_view_set_document (self->plan_view, self->document);
      gtk_scrolled_window_set_child (self->plan_scroller, GTK_WIDGET (self->plan_view));
    }
  return self->plan_view;
}

static void
update_title (BmWindow *self)
{
  BmIntake *intake = bm_document_get_intake (self->document);
  GFile *file = bm_document_get_file (self->document);
  const char *name = bm_intake_get_client_name (intake);
  g_autofree char *display = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  display = g_strstrip (g_strdup (name ? name : ""));
  if (display[0] == '\0')
    {
      g_free (display);
      display = g_strdup (_("New Intake"));
    }

  if (bm_intake_get_client_id (intake) != NULL)
    {
      /* A visit of the library: its file's name means nothing to people */
      /* Translators: a date in the header bar, "23 Nov 2026" (strftime) */
      g_autofree char *day = bm_date_format (bm_intake_get_visit_date (intake), _("%-d %b %Y"));

      if (file != NULL)
        /* Translators: header bar subtitle, "Visit of 23 Nov 2026" */
        subtitle = g_strdup_printf (_("Visit of %s"), day);
      else
        /* Translators: header bar subtitle, "New visit, 2 Dec 2026" */
        subtitle = g_strdup_printf (_("New visit, %s"), day);
    }
  else if (file != NULL)
    subtitle = g_file_get_basename (file);
  else
    subtitle = g_strdup (_("Not saved yet"));

  /* The dot tells the document has unsaved changes, in the header bar as
   * in the window manager's title */
  if (bm_document_get_modified (self->document))
    {
      /* Translators: header bar title of a document with unsaved changes */
      g_autofree char *dotted = g_strdup_printf (_("• %s"), display);

      adw_window_title_set_title (self->window_title, dotted);
    }
  else
    adw_window_title_set_title (self->window_title, display);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  /* The dot tells the document has unsaved changes */
  if (bm_document_get_modified (self->document))
    /* Translators: window title of a document with unsaved changes */
    title = g_strdup_printf (_("• %s — Body Map"), display);
  else
    /* Translators: window title, the client's name and the app */
    title = g_strdup_printf (_("%s — Body Map"), display);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

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
  _bm_window_actions_update (self);
}

static void
on_intake_changed_cb (BmWindow *self,
                      BmIntake *intake)
{
  /* The client's name is in the title */
  update_title (self);
}

static void
on_document_state_cb (BmWindow   *self,
                      GParamSpec *pspec,
                      BmDocument *document)
{
  update_title (self);
  _bm_window_library_update_banner (self);
  /* A save may have filed the visit in the library */
  if (self->comparison != NULL)
    bm_comparison_update (self->comparison);
}

static void
on_document_intake_cb (BmWindow   *self,
                       GParamSpec *pspec,
                       BmDocument *document)
{
  BmIntake *intake = bm_document_get_intake (document);

  if (self->comparison != NULL)
    bm_comparison_set_intake (self->comparison, intake);
  bm_body_map_set_intake (self->body_map, intake);
  bm_outline_button_set_intake (self->outline_button, intake);
  if (self->marks_list != NULL)
    bm_marks_list_set_intake (self->marks_list, intake);
  if (self->intake_form != NULL)
    bm_intake_form_set_intake (self->intake_form, intake);
  _bm_window_actions_update (self);
  update_title (self);
  _bm_window_library_update_banner (self);
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

GtkWidget *
_bm_window_ensure_panel (BmWindow *self)
{
  ensure_panel (self);
  return self->panel;
}

static void
ensure_panel (BmWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;

  if (self->panel != NULL || self->disposed)
    return;

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
  bm_marks_list_set_intake (self->marks_list, bm_document_get_intake (self->document));
  bm_marks_list_set_comparison (self->marks_list, self->comparison);
  bm_marks_list_link_map (self->marks_list, self->body_map);
}

/* The side panel (its switcher, the marked areas) is built once the window
 * has drawn its first frame with the map: the map comes first. The panel's
 * room is kept meanwhile, so nothing moves when it comes. Anything that
 * needs it sooner builds it then. */
static void
build_panel (GtkWidget *widget)
{
  ensure_panel (BM_WINDOW (widget));
}

static gboolean
bm_window_close_request (GtkWindow *window)
{
  BmWindow *self = BM_WINDOW (window);

  _bm_window_save_state (self);

  if (bm_document_get_modified (self->document))
    {
      _bm_window_guard_unsaved (self, PENDING_CLOSE, NULL);
      return TRUE;
    }

  bm_document_clear_draft (self->document);
  return GTK_WINDOW_CLASS (bm_window_parent_class)->close_request (window);
}

static void
bm_window_dispose (GObject *object)
{
  BmWindow *self = (BmWindow *)object;

  self->disposed = TRUE;
  g_clear_weak_pointer (&self->undo_toast);
  g_clear_weak_pointer (&self->replaced_toast);
  g_clear_object (&self->replaced_intake);
  g_clear_object (&self->replaced_file);
  _bm_window_library_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), BM_TYPE_WINDOW);
  /* Borrowed from the panel, which went with the template's widgets */
  self->panel = NULL;
  self->panel_stack = NULL;
  self->marks_list = NULL;
  self->details_scroller = NULL;
  self->plan_scroller = NULL;
  self->intake_form = NULL;
  self->plan_view = NULL;
  if (self->document_signals)
    g_signal_group_set_target (self->document_signals, NULL);
  if (self->intake_signals)
    g_signal_group_set_target (self->intake_signals, NULL);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->intake_signals);
  g_clear_object (&self->comparison);
  /* A draft still to be written is not: the window closed with the
   * document saved or its changes given up */
  g_clear_object (&self->document);
  g_clear_object (&self->pending_file);
  g_clear_object (&self->settings);

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
  g_type_ensure (BM_TYPE_COMPARE_BAR);
  g_type_ensure (BM_TYPE_LEGEND);
  g_type_ensure (BM_TYPE_MAP_BAR);
  g_type_ensure (BM_TYPE_MARKS_LIST);
  g_type_ensure (BM_TYPE_OUTLINE_BUTTON);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BmWindow, editor_header);
  gtk_widget_class_bind_template_child (widget_class, BmWindow, clients_button);
  gtk_widget_class_bind_template_child (widget_class, BmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BmWindow, body_map);
  gtk_widget_class_bind_template_child (widget_class, BmWindow, compare_bar);
  gtk_widget_class_bind_template_child (widget_class, BmWindow, outline_button);
  gtk_widget_class_bind_template_child (widget_class, BmWindow, legend);
  gtk_widget_class_bind_template_child (widget_class, BmWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, BmWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, BmWindow, content_box);

  _bm_window_class_actions_init (klass);
  _bm_window_class_library_init (klass);
}

static void
on_undo_toast_dismissed_cb (BmWindow *self,
                            AdwToast *toast)
{
  if (self->undo_toast == toast)
    g_clear_weak_pointer (&self->undo_toast);
}

/* The toast is not dismissed from here: libadwaita 1.2 can crash when a
 * toast is dismissed while another one animates. Its Undo is made
 * insensitive instead, and it goes at its timeout (or its own button). */
void
_bm_window_forget_replaced (BmWindow *self)
{
  g_clear_object (&self->replaced_intake);
  g_clear_object (&self->replaced_file);
  g_clear_weak_pointer (&self->replaced_toast);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-replace", FALSE);
}

void
_bm_window_keep_replaced (BmWindow *self)
{
  BmIntake *intake = bm_document_get_intake (self->document);
  GFile *file = bm_document_get_file (self->document);

  /* Kept already, before "Discard" took its unsaved mark */
  if (self->replaced_intake == intake)
    return;
  _bm_window_forget_replaced (self);
  /* An untouched, empty document is nothing to bring back */
  if (file == NULL && !bm_intake_get_modified (intake) && bm_intake_get_marks (intake)->len == 0 &&
      *bm_intake_get_client_name (intake) == '\0')
    return;
  self->replaced_intake = g_object_ref (intake);
  self->replaced_modified = bm_intake_get_modified (intake);
  g_set_object (&self->replaced_file, file);
}

static void
on_replaced_toast_dismissed_cb (BmWindow *self,
                                AdwToast *toast)
{
  if (self->replaced_toast == toast)
    {
      g_clear_weak_pointer (&self->replaced_toast);
      _bm_window_forget_replaced (self);
    }
}

void
_bm_window_offer_replaced (BmWindow   *self,
                           const char *title)
{
  AdwToast *toast;

  if (self->replaced_intake == NULL || self->disposed || self->toast_overlay == NULL)
    {
      _bm_window_forget_replaced (self);
      return;
    }
  toast = adw_toast_new (title);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-replace");
  g_set_weak_pointer (&self->replaced_toast, toast);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-replace", TRUE);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_replaced_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_bm_window_toast (BmWindow   *self,
                  const char *title,
                  gboolean    with_undo)
{
  AdwToast *toast;

  if (self->disposed || self->toast_overlay == NULL)
    return;
  /* One Undo at a time: a newer step takes over the toast on show (its
   * button undoes the last step, whichever it is) */
  if (with_undo && self->undo_toast != NULL)
    {
      adw_toast_set_title (self->undo_toast, title);
      return;
    }
  toast = adw_toast_new (title);
  /* A confirmation shows at once, even over an Undo toast, which comes
   * back after it */
  if (!with_undo)
    adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
      g_set_weak_pointer (&self->undo_toast, toast);
      /* Gone as soon as it is dismissed (its button, its timeout), even if
       * it lives on a moment for its animation */
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Destructive steps get a toast with Undo */
static void
on_step_recorded_cb (BmWindow *self,
                     int       kind,
                     gpointer  before,
                     gpointer  after,
                     BmIntake *intake)
{
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;
  g_autofree char *region = NULL;
  BmSide side = BM_SIDE_CENTER;

  if (kind == BM_STEP_MARK && before != NULL && after == NULL)
    {
      const BmMark *mark = before;
      const BmRegion *r = bm_atlas_lookup (bm_atlas_get_default (), mark->region);

      label = r ? bm_region_dup_label (r, mark->side) : g_strdup (mark->region);
      /* Translators: a toast after an area was unmarked, "Left calf unmarked" */
      title = g_strdup_printf (_("%s unmarked"), label);
    }
  else if (kind == BM_STEP_THERAPIST)
    switch (bm_therapist_describe_change (before, after, &region, &side))
      {
      case BM_THERAPIST_CHANGE_LEFT_OUT:
        {
          const BmRegion *r = bm_atlas_lookup (bm_atlas_get_default (), region);

          label = r ? bm_region_dup_label (r, side) : g_strdup (region);
          /* Translators: a toast after the therapist left an area out of the plan */
          title = g_strdup_printf (_("%s left out of the plan"), label);
        }
        break;
      case BM_THERAPIST_CHANGE_RESET:
        title = g_strdup (_("Plan reset to the suggestion"));
        break;
      case BM_THERAPIST_CHANGE_REBALANCED:
        /* Translators: a toast after Rebalance on the Plan page */
        title = g_strdup (_("Areas shortened to fit the chosen length"));
        break;
      case BM_THERAPIST_CHANGE_OTHER:
      default:
        break;
      }

  if (title != NULL)
    _bm_window_toast (self, title, TRUE);
}

static void
bm_window_init (BmWindow *self)
{
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

  /* Only while a toast offers to bring back a replaced document */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-replace", FALSE);
  bm_widget_after_first_frame (GTK_WIDGET (self), build_panel);


  self->comparison = bm_comparison_new ();
  bm_body_map_set_comparison (self->body_map, self->comparison);
  bm_legend_set_comparison (BM_LEGEND (self->legend), self->comparison);
  bm_compare_bar_set_comparison (self->compare_bar, self->comparison);

  _bm_window_dnd_init (self);

  /* Toasts go over the whole content */
  {
    g_autoptr(GtkWidget) content = g_object_ref (adw_application_window_get_content (ADW_APPLICATION_WINDOW (self)));

    self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
    adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), GTK_WIDGET (self->toast_overlay));
    adw_toast_overlay_set_child (self->toast_overlay, content);
  }
  _bm_window_library_init (self);

  self->intake_signals = g_signal_group_new (BM_TYPE_INTAKE);
  g_signal_group_connect_object (self->intake_signals, "notify::can-undo",
                                 G_CALLBACK (on_intake_history_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->intake_signals, "notify::can-redo",
                                 G_CALLBACK (on_intake_history_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->intake_signals, "changed",
                                 G_CALLBACK (on_intake_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->intake_signals, "step-recorded",
                                 G_CALLBACK (on_step_recorded_cb), self, G_CONNECT_SWAPPED);

  self->document_signals = g_signal_group_new (BM_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "notify::intake",
                                 G_CALLBACK (on_document_intake_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::modified",
                                 G_CALLBACK (on_document_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::file",
                                 G_CALLBACK (on_document_state_cb), self, G_CONNECT_SWAPPED);

  self->document = bm_document_new ();
  g_object_bind_property (self->document, "intake", self->intake_signals, "target",
                          G_BINDING_SYNC_CREATE);
  g_signal_group_set_target (self->document_signals, self->document);
  on_document_intake_cb (self, NULL, self->document);
}

void
_bm_window_show_panel_page (BmWindow   *self,
                            const char *name)
{
  ensure_panel (self);
  gtk_stack_set_visible_child_name (self->panel_stack, name);
}

void
_bm_window_remember_folder (BmWindow *self,
                            GFile    *file)
{
  g_autoptr(GFile) folder = file ? g_file_get_parent (file) : NULL;
  g_autofree char *uri = folder ? g_file_get_uri (folder) : NULL;

  if (self->settings && uri)
    g_settings_set_string (self->settings, "last-folder", uri);
}

/* The folder to start file choosers in: the document's, or the last one */
GFile *
_bm_window_dup_start_folder (BmWindow *self)
{
  GFile *file = bm_document_get_file (self->document);
  g_autofree char *uri = NULL;

  if (file != NULL)
    return g_file_get_parent (file);
  if (self->settings && (uri = g_settings_get_string (self->settings, "last-folder")) && *uri)
    return g_file_new_for_uri (uri);
  return NULL;
}

void
_bm_window_save_state (BmWindow *self)
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

BmWindow *
bm_window_new (GtkApplication *application)
{
  return g_object_new (BM_TYPE_WINDOW, "application", application, NULL);
}

BmDocument *
bm_window_get_document (BmWindow *self)
{
  g_return_val_if_fail (BM_IS_WINDOW (self), NULL);
  return self->document;
}

BmIntake *
bm_window_get_intake (BmWindow *self)
{
  g_return_val_if_fail (BM_IS_WINDOW (self), NULL);
  return bm_document_get_intake (self->document);
}

void
bm_window_set_intake (BmWindow *self,
                      BmIntake *intake)
{
  g_return_if_fail (BM_IS_WINDOW (self));
  g_return_if_fail (BM_IS_INTAKE (intake));

  bm_document_set_intake (self->document, intake);
}

GFile *
bm_window_get_file (BmWindow *self)
{
  g_return_val_if_fail (BM_IS_WINDOW (self), NULL);
  return bm_document_get_file (self->document);
}

void
bm_window_open (BmWindow *self,
                GFile    *file)
{
  g_return_if_fail (BM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  _bm_window_guard_unsaved (self, PENDING_OPEN_FILE, file);
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
