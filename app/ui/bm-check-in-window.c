/* bm-check-in-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-check-in-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bm-body-map.h"
#include "bm-check-in-flow.h"
#include "bm-check-in-window.h"
#include "bm-check-ins.h"
#include "bm-passcode.h"
#include "bm-settings.h"
#include "bm-window.h"

struct _BmCheckInWindow
{
  AdwWindow        parent_instance;

  BmLibrary       *library;
  char            *passcode_path;
  GCancellable    *cancellable;

  /* While it runs: the app's windows it hid, the shortcuts it took away */
  gboolean         locked;
  GtkApplication  *locked_app;
  gboolean         leaving;
  GPtrArray       *hidden;
  GHashTable      *watched;
  GHashTable      *saved_accels;
  GAction         *disabled_quit;
  gulong           toplevels_id;

  /* Inactivity */
  guint            idle_seconds;
  guint            countdown_seconds;
  gint64           last_input;
  guint            idle_id;
  guint            countdown_id;
  guint            countdown_left;

  /* The passcode's wait after too many wrong tries */
  guint            locked_id;
  gint64           locked_left;
  char            *page_before_leave;

  GtkStack        *main_stack;
  AdwBin          *flow_bin;
  BmCheckInFlow   *flow;
  GtkWidget       *staff_button;
  GtkEditable     *setup_entry;
  GtkEditable     *setup_confirm_entry;
  GtkLabel        *setup_error;
  GtkWidget       *setup_spinner;
  GtkWidget       *setup_button;
  GtkWidget       *setup_cancel_button;
  GtkEditable     *leave_entry;
  GtkLabel        *leave_error;
  GtkWidget       *leave_spinner;
  GtkWidget       *leave_button;
  GtkWidget       *leave_cancel_button;
  GtkLabel        *countdown_label;
  GtkWidget       *still_here_button;
  GtkWidget       *start_button;
};

G_DEFINE_FINAL_TYPE (BmCheckInWindow, bm_check_in_window, ADW_TYPE_WINDOW)

static void schedule_idle (BmCheckInWindow *self);

static const char *
page (BmCheckInWindow *self)
{
  return gtk_stack_get_visible_child_name (self->main_stack);
}

static void
show_page (BmCheckInWindow *self,
           const char      *name)
{
  gtk_stack_set_visible_child_name (self->main_stack, name);
}

static void
show_message (GtkLabel   *label,
              GtkWidget  *field,
              const char *message)
{
  gtk_label_set_label (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  /* GTK 4.8 cannot announce: the label is an alert, and the field it is
   * about says it too when it has the focus */
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Whatever the last client copied goes with them */
static void
clear_clipboards (BmCheckInWindow *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GdkClipboard *clipboards[] = { gdk_display_get_clipboard (display),
                                 gdk_display_get_primary_clipboard (display) };

  for (guint i = 0; i < G_N_ELEMENTS (clipboards); i++)
    if (gdk_clipboard_is_local (clipboards[i]))
      gdk_clipboard_set_text (clipboards[i], "");
}

static void on_flow_finished_cb (BmCheckInWindow *self,
                                 BmCheckInFlow   *flow);

/* A new client: a new flow on a new intake. The old flow goes whole,
 * with every entry, list, undo history and popover it had. */
static void
reset_flow (BmCheckInWindow *self)
{
  GtkWidget *flow = bm_check_in_flow_new ();

  g_signal_connect_object (flow, "finished", G_CALLBACK (on_flow_finished_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->flow_bin, flow);
  self->flow = BM_CHECK_IN_FLOW (flow);
  clear_clipboards (self);
}

static void
start_flow (BmCheckInWindow *self)
{
  show_page (self, "flow");
  self->last_input = g_get_monotonic_time ();
  schedule_idle (self);
  gtk_widget_child_focus (GTK_WIDGET (self->flow), GTK_DIR_TAB_FORWARD);
}

/* Inactivity */

static void
stop_countdown (BmCheckInWindow *self)
{
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  self->countdown_left = 0;
}

static void
update_countdown (BmCheckInWindow *self)
{
  g_autofree char *text = g_strdup_printf (ngettext ("Starting over in %u second", "Starting over in %u seconds",
                                                     self->countdown_left), self->countdown_left);

  gtk_label_set_label (self->countdown_label, text);
}

/* The client walked away: what they gave goes to the desk as unfinished,
 * and the next person finds an empty screen */
static void
start_over (BmCheckInWindow *self)
{
  stop_countdown (self);
  if (bm_check_in_flow_has_input (self->flow))
    {
      BmIntake *intake = bm_check_in_flow_get_intake (self->flow);
      g_autoptr(GError) error = NULL;

      /* A check-in without a name still reaches the therapist (an
       * incomplete check-in may have none) */
      if (!bm_check_ins_submit (self->library, intake, FALSE, NULL, &error))
        g_message ("Could not keep an unfinished check-in: %s", error->message);
    }
  reset_flow (self);
  start_flow (self);
}

static gboolean
on_countdown_tick_cb (gpointer user_data)
{
  BmCheckInWindow *self = user_data;

  if (self->countdown_left > 0)
    self->countdown_left--;
  if (self->countdown_left == 0)
    {
      self->countdown_id = 0;
      start_over (self);
      return G_SOURCE_REMOVE;
    }
  update_countdown (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_idle_timeout_cb (gpointer user_data)
{
  BmCheckInWindow *self = user_data;
  gint64 idle_us = (gint64) self->idle_seconds * G_USEC_PER_SEC;
  gint64 since = g_get_monotonic_time () - self->last_input;
  const char *name = page (self);

  self->idle_id = 0;
  if (since < idle_us)
    {
      schedule_idle (self);
      return G_SOURCE_REMOVE;
    }

  if (g_str_equal (name, "leave"))
    {
      /* Someone opened the staff's page and went: back to the client's */
      gtk_editable_set_text (self->leave_entry, "");
      show_page (self, self->page_before_leave ? self->page_before_leave : "flow");
      self->last_input = g_get_monotonic_time ();
      schedule_idle (self);
    }
  else if (g_str_equal (name, "thanks"))
    start_flow (self);
  else if (g_str_equal (name, "flow"))
    {
      if (bm_check_in_flow_has_input (self->flow))
        {
          GtkPopover *editor = GTK_POPOVER (bm_body_map_get_editor (BM_BODY_MAP (bm_check_in_flow_get_body_map (self->flow))));

          gtk_popover_popdown (editor);
          self->countdown_left = MAX (self->countdown_seconds, 1);
          update_countdown (self);
          show_page (self, "idle");
          gtk_widget_grab_focus (self->still_here_button);
          self->countdown_id = g_timeout_add_seconds (1, on_countdown_tick_cb, self);
        }
      else
        {
          /* Nothing given: only back to the first step */
          if (bm_check_in_flow_get_step (self->flow) != BM_CHECK_IN_STEP_MAP)
            reset_flow (self);
          self->last_input = g_get_monotonic_time ();
          schedule_idle (self);
        }
    }
  return G_SOURCE_REMOVE;
}

static void
schedule_idle (BmCheckInWindow *self)
{
  gint64 idle_us = (gint64) self->idle_seconds * G_USEC_PER_SEC;
  gint64 left = idle_us - (g_get_monotonic_time () - self->last_input);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (!self->locked || self->idle_seconds == 0)
    return;
  self->idle_id = g_timeout_add (MAX (left / 1000, 0) + 1, on_idle_timeout_cb, self);
}

static gboolean
on_input_cb (BmCheckInWindow    *self,
             GdkEvent           *event,
             GtkEventController *controller)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_MOTION_NOTIFY:
    case GDK_BUTTON_PRESS:
    case GDK_BUTTON_RELEASE:
    case GDK_KEY_PRESS:
    case GDK_KEY_RELEASE:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCH_END:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
      self->last_input = g_get_monotonic_time ();
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

/* Hiding the app's other windows, and its keyboard shortcuts */

static void
hide_window (BmCheckInWindow *self,
             GtkWindow       *window)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (window)))
    return;
  if (!g_ptr_array_find (self->hidden, window, NULL))
    g_ptr_array_add (self->hidden, g_object_ref (window));
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
}

static void
on_other_window_visible_cb (BmCheckInWindow *self,
                            GParamSpec      *pspec,
                            GtkWindow       *window)
{
  /* A dialog of a hidden window, or a window opened meanwhile */
  if (self->locked && gtk_widget_get_visible (GTK_WIDGET (window)))
    hide_window (self, window);
}

static void
watch_toplevels (BmCheckInWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if ((gpointer) window == self || g_hash_table_contains (self->watched, window))
        continue;
      g_hash_table_add (self->watched, window);
      g_signal_connect_object (window, "notify::visible", G_CALLBACK (on_other_window_visible_cb),
                               self, G_CONNECT_SWAPPED);
      hide_window (self, window);
    }
}

static void
on_toplevels_changed_cb (BmCheckInWindow *self)
{
  if (self->locked)
    watch_toplevels (self);
}

static void
lock_down (BmCheckInWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (self->locked)
    return;
  self->locked = TRUE;

  /* Kept: a window being destroyed has no application any more */
  if (app != NULL)
    {
      self->locked_app = g_object_ref (app);
      g_auto(GStrv) actions = gtk_application_list_action_descriptions (app);
      GAction *quit = g_action_map_lookup_action (G_ACTION_MAP (app), "quit");
      static const char * const none[] = { NULL };

      for (guint i = 0; actions[i]; i++)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, actions[i]);

          if (accels == NULL || accels[0] == NULL)
            continue;
          g_hash_table_insert (self->saved_accels, g_strdup (actions[i]), g_steal_pointer (&accels));
          gtk_application_set_accels_for_action (app, actions[i], none);
        }
      if (G_IS_SIMPLE_ACTION (quit) && g_action_get_enabled (quit))
        {
          g_simple_action_set_enabled (G_SIMPLE_ACTION (quit), FALSE);
          self->disabled_quit = g_object_ref (quit);
        }
    }

  self->toplevels_id = g_signal_connect_object (gtk_window_get_toplevels (), "items-changed",
                                                G_CALLBACK (on_toplevels_changed_cb), self, G_CONNECT_SWAPPED);
  watch_toplevels (self);
}

static void
unlock (BmCheckInWindow *self)
{
  g_autoptr(GtkApplication) app = g_steal_pointer (&self->locked_app);
  GListModel *toplevels = gtk_window_get_toplevels ();
  GHashTableIter iter;
  gpointer key, value;
  GtkWindow *first = NULL;

  if (!self->locked)
    return;
  self->locked = FALSE;

  g_clear_signal_handler (&self->toplevels_id, toplevels);
  g_hash_table_iter_init (&iter, self->watched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_signal_handlers_disconnect_by_func (key, on_other_window_visible_cb, self);
  g_hash_table_remove_all (self->watched);

  if (app != NULL)
    {
      g_hash_table_iter_init (&iter, self->saved_accels);
      while (g_hash_table_iter_next (&iter, &key, &value))
        gtk_application_set_accels_for_action (app, key, (const char * const *) value);
    }
  g_hash_table_remove_all (self->saved_accels);
  if (self->disabled_quit)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (self->disabled_quit), TRUE);
  g_clear_object (&self->disabled_quit);

  /* Only the windows still there: one may have closed meanwhile */
  for (guint i = 0; i < self->hidden->len; i++)
    {
      GtkWindow *window = g_ptr_array_index (self->hidden, i);

      for (guint j = 0; j < g_list_model_get_n_items (toplevels); j++)
        {
          g_autoptr(GtkWindow) there = g_list_model_get_item (toplevels, j);

          if (there == window)
            {
              gtk_widget_set_visible (GTK_WIDGET (window), TRUE);
              if (first == NULL && BM_IS_WINDOW (window))
                first = window;
            }
        }
    }
  if (first != NULL)
    gtk_window_present (first);
  g_ptr_array_set_size (self->hidden, 0);
}

static void
leave (BmCheckInWindow *self)
{
  self->leaving = TRUE;
  g_clear_handle_id (&self->idle_id, g_source_remove);
  stop_countdown (self);
  unlock (self);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The passcode */

/* GtkText wants to lose the focus before it is made insensitive */
static void
release_focus (BmCheckInWindow *self,
               GtkWidget       *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)))
    gtk_root_set_focus (GTK_ROOT (self), NULL);
}

static void
set_setup_busy (BmCheckInWindow *self,
                gboolean         busy)
{
  if (busy)
    {
      release_focus (self, GTK_WIDGET (self->setup_entry));
      release_focus (self, GTK_WIDGET (self->setup_confirm_entry));
    }
  gtk_widget_set_visible (self->setup_spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->setup_spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->setup_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->setup_confirm_entry), !busy);
  gtk_widget_set_sensitive (self->setup_button, !busy);
  gtk_widget_set_sensitive (self->setup_cancel_button, !busy);
}

static void
on_passcode_set_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  BmCheckInWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bm_passcode_set_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_setup_busy (self, FALSE);
      show_message (self->setup_error, GTK_WIDGET (self->setup_entry), error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->setup_entry));
      return;
    }
  set_setup_busy (self, FALSE);
  gtk_editable_set_text (self->setup_entry, "");
  gtk_editable_set_text (self->setup_confirm_entry, "");
  start_flow (self);
}

static void
on_setup_button_clicked_cb (BmCheckInWindow *self)
{
  const char *passcode = gtk_editable_get_text (self->setup_entry);
  const char *again = gtk_editable_get_text (self->setup_confirm_entry);

  if (g_utf8_strlen (passcode, -1) < BM_PASSCODE_MIN_LENGTH)
    {
      g_autofree char *message = g_strdup_printf (ngettext ("Use at least %d character.",
                                                            "Use at least %d characters.",
                                                            BM_PASSCODE_MIN_LENGTH), BM_PASSCODE_MIN_LENGTH);

      show_message (self->setup_error, GTK_WIDGET (self->setup_entry), message);
      gtk_widget_grab_focus (GTK_WIDGET (self->setup_entry));
      return;
    }
  if (!g_str_equal (passcode, again))
    {
      show_message (self->setup_error, GTK_WIDGET (self->setup_confirm_entry),
                    _("The two passcodes are not the same. Type the same one twice."));
      gtk_editable_set_text (self->setup_confirm_entry, "");
      gtk_widget_grab_focus (GTK_WIDGET (self->setup_confirm_entry));
      return;
    }
  show_message (self->setup_error, GTK_WIDGET (self->setup_entry), NULL);
  set_setup_busy (self, TRUE);
  bm_passcode_set_async (self->passcode_path, passcode, self->cancellable, on_passcode_set_cb, self);
}

static void
on_setup_entry_activate_cb (BmCheckInWindow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->setup_confirm_entry));
}

static void
on_setup_cancel_button_clicked_cb (BmCheckInWindow *self)
{
  /* No passcode yet: nothing to protect, the staff is here */
  leave (self);
}

static void
set_leave_busy (BmCheckInWindow *self,
                gboolean         busy)
{
  if (busy || self->locked_id != 0)
    {
      release_focus (self, GTK_WIDGET (self->leave_entry));
      release_focus (self, self->leave_button);
    }
  gtk_widget_set_visible (self->leave_spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->leave_spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->leave_entry), !busy && self->locked_id == 0);
  gtk_widget_set_sensitive (self->leave_button, !busy && self->locked_id == 0);
}

static void
update_locked_message (BmCheckInWindow *self)
{
  g_autofree char *message = g_strdup_printf (ngettext ("Too many tries: wait %d second.",
                                                        "Too many tries: wait %d seconds.",
                                                        (int) self->locked_left), (int) self->locked_left);

  show_message (self->leave_error, GTK_WIDGET (self->leave_entry), message);
}

static gboolean
on_locked_tick_cb (gpointer user_data)
{
  BmCheckInWindow *self = user_data;

  if (--self->locked_left <= 0)
    {
      self->locked_id = 0;
      show_message (self->leave_error, GTK_WIDGET (self->leave_entry), NULL);
      set_leave_busy (self, FALSE);
      if (g_str_equal (page (self), "leave"))
        gtk_widget_grab_focus (GTK_WIDGET (self->leave_entry));
      return G_SOURCE_REMOVE;
    }
  update_locked_message (self);
  return G_SOURCE_CONTINUE;
}

static void
on_passcode_checked_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  BmCheckInWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 wait = 0;
  BmPasscodeResult answer = bm_passcode_check_finish (result, &wait, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_leave_busy (self, FALSE);
  gtk_editable_set_text (self->leave_entry, "");
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The passcode could not be checked: %s"), error->message);

      show_message (self->leave_error, GTK_WIDGET (self->leave_entry), message);
      gtk_widget_grab_focus (GTK_WIDGET (self->leave_entry));
      return;
    }
  switch (answer)
    {
    case BM_PASSCODE_RIGHT:
      leave (self);
      return;
    case BM_PASSCODE_WRONG:
      show_message (self->leave_error, GTK_WIDGET (self->leave_entry), _("That is not the passcode. Try again."));
      gtk_widget_grab_focus (GTK_WIDGET (self->leave_entry));
      break;
    case BM_PASSCODE_LOCKED:
    default:
      g_clear_handle_id (&self->locked_id, g_source_remove);
      self->locked_left = MAX (wait, 1);
      self->locked_id = g_timeout_add_seconds (1, on_locked_tick_cb, self);
      set_leave_busy (self, FALSE);
      update_locked_message (self);
      gtk_widget_grab_focus (self->leave_cancel_button);
      break;
    }
}

static void
on_leave_button_clicked_cb (BmCheckInWindow *self)
{
  const char *passcode = gtk_editable_get_text (self->leave_entry);

  if (self->locked_id != 0 || gtk_widget_get_visible (self->leave_spinner))
    return;
  if (*passcode == '\0')
    {
      show_message (self->leave_error, GTK_WIDGET (self->leave_entry), _("Type the passcode first."));
      gtk_widget_grab_focus (GTK_WIDGET (self->leave_entry));
      return;
    }
  set_leave_busy (self, TRUE);
  bm_passcode_check_async (self->passcode_path, passcode, self->cancellable, on_passcode_checked_cb, self);
}

static void
on_leave_cancel_button_clicked_cb (BmCheckInWindow *self)
{
  gtk_editable_set_text (self->leave_entry, "");
  if (self->locked_id == 0)
    show_message (self->leave_error, GTK_WIDGET (self->leave_entry), NULL);
  show_page (self, self->page_before_leave ? self->page_before_leave : "flow");
  self->last_input = g_get_monotonic_time ();
  schedule_idle (self);
}

static void
on_staff_button_clicked_cb (BmCheckInWindow *self)
{
  const char *from = page (self);

  if (!g_str_equal (from, "flow") && !g_str_equal (from, "thanks"))
    return;
  g_free (self->page_before_leave);
  self->page_before_leave = g_strdup (from);
  gtk_popover_popdown (GTK_POPOVER (bm_body_map_get_editor (BM_BODY_MAP (bm_check_in_flow_get_body_map (self->flow)))));
  show_page (self, "leave");
  if (self->locked_id == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->leave_entry));
  else
    gtk_widget_grab_focus (self->leave_cancel_button);
}

/* The client's steps */

static void
on_flow_finished_cb (BmCheckInWindow *self,
                     BmCheckInFlow   *flow)
{
  g_autoptr(GError) error = NULL;

  if (!bm_check_ins_submit (self->library, bm_check_in_flow_get_intake (flow), TRUE, NULL, &error))
    {
      g_message ("Could not hand in a check-in: %s", error->message);
      bm_check_in_flow_show_error (flow, _("Your answers could not be saved. Please ask at the desk for help."));
      return;
    }
  reset_flow (self);
  show_page (self, "thanks");
  gtk_widget_grab_focus (self->start_button);
  self->last_input = g_get_monotonic_time ();
  schedule_idle (self);
}

static void
on_still_here_button_clicked_cb (BmCheckInWindow *self)
{
  stop_countdown (self);
  show_page (self, "flow");
  self->last_input = g_get_monotonic_time ();
  schedule_idle (self);
  gtk_widget_child_focus (GTK_WIDGET (self->flow), GTK_DIR_TAB_FORWARD);
}

static void
on_start_button_clicked_cb (BmCheckInWindow *self)
{
  start_flow (self);
}

static void
on_main_stack_page_cb (BmCheckInWindow *self)
{
  const char *name = page (self);

  gtk_widget_set_visible (self->staff_button, name && (g_str_equal (name, "flow") || g_str_equal (name, "thanks")));
}

static void
on_fullscreened_cb (BmCheckInWindow *self)
{
  /* F11, a window manager's key or a double click: back to full screen */
  if (self->locked && !self->leaving && !gtk_window_is_fullscreen (GTK_WINDOW (self)))
    gtk_window_fullscreen (GTK_WINDOW (self));
}

static gboolean
bm_check_in_window_close_request (GtkWindow *window)
{
  BmCheckInWindow *self = BM_CHECK_IN_WINDOW (window);

  /* Alt+F4, Ctrl+W, the window manager: only the passcode leaves */
  if (!self->leaving)
    return TRUE;
  return GTK_WINDOW_CLASS (bm_check_in_window_parent_class)->close_request (window);
}

static void
bm_check_in_window_dispose (GObject *object)
{
  BmCheckInWindow *self = BM_CHECK_IN_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  g_clear_handle_id (&self->locked_id, g_source_remove);
  unlock (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), BM_TYPE_CHECK_IN_WINDOW);
  self->flow = NULL;

  G_OBJECT_CLASS (bm_check_in_window_parent_class)->dispose (object);
}

static void
bm_check_in_window_finalize (GObject *object)
{
  BmCheckInWindow *self = BM_CHECK_IN_WINDOW (object);

  g_clear_object (&self->library);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->passcode_path, g_free);
  g_clear_pointer (&self->page_before_leave, g_free);
  g_clear_pointer (&self->hidden, g_ptr_array_unref);
  g_clear_pointer (&self->watched, g_hash_table_unref);
  g_clear_pointer (&self->saved_accels, g_hash_table_unref);

  G_OBJECT_CLASS (bm_check_in_window_parent_class)->finalize (object);
}

static void
bm_check_in_window_class_init (BmCheckInWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = bm_check_in_window_dispose;
  object_class->finalize = bm_check_in_window_finalize;
  window_class->close_request = bm_check_in_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bm-check-in-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BmCheckInWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInWindow, flow_bin);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInWindow, staff_button);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInWindow, setup_entry);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInWindow, setup_confirm_entry);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInWindow, setup_error);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInWindow, setup_spinner);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInWindow, setup_button);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInWindow, setup_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInWindow, leave_entry);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInWindow, leave_error);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInWindow, leave_spinner);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInWindow, leave_button);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInWindow, leave_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInWindow, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInWindow, still_here_button);
  gtk_widget_class_bind_template_child (widget_class, BmCheckInWindow, start_button);
  gtk_widget_class_bind_template_callback (widget_class, on_staff_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_main_stack_page_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_cancel_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leave_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leave_cancel_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_still_here_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_start_button_clicked_cb);
}

static void
bm_check_in_window_init (BmCheckInWindow *self)
{
  GtkEventController *input;
  const char *idle = g_getenv ("BODYMAP_CHECK_IN_IDLE_SECONDS");
  guint64 seconds;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->hidden = g_ptr_array_new_with_free_func (g_object_unref);
  self->watched = g_hash_table_new (NULL, NULL);
  self->saved_accels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  self->idle_seconds = BM_CHECK_IN_IDLE_SECONDS;
  self->countdown_seconds = BM_CHECK_IN_COUNTDOWN_SECONDS;
  if (idle != NULL && g_ascii_string_to_unsigned (idle, 10, 1, 24 * 3600, &seconds, NULL))
    self->idle_seconds = seconds;
  self->last_input = g_get_monotonic_time ();

  /* Any key, pointer or touch, wherever it goes, before anyone handles it */
  input = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (input, GTK_PHASE_CAPTURE);
  g_signal_connect_object (input, "event", G_CALLBACK (on_input_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), input);

  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (on_fullscreened_cb), NULL);

  reset_flow (self);
  on_main_stack_page_cb (self);
}

BmCheckInWindow *
bm_check_in_window_new (GtkApplication *application,
                        BmLibrary      *library,
                        const char     *passcode_path)
{
  BmCheckInWindow *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (BM_IS_LIBRARY (library), NULL);

  self = g_object_new (BM_TYPE_CHECK_IN_WINDOW, "application", application, NULL);
  self->library = g_object_ref (library);
  self->passcode_path = passcode_path ? g_strdup (passcode_path) : bm_passcode_dup_default_path ();
  return self;
}

void
bm_check_in_window_start (BmCheckInWindow *self)
{
  g_return_if_fail (BM_IS_CHECK_IN_WINDOW (self));

  lock_down (self);
  gtk_window_fullscreen (GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (self));
  if (bm_passcode_is_set (self->passcode_path))
    start_flow (self);
  else
    {
      show_page (self, "setup");
      gtk_widget_grab_focus (GTK_WIDGET (self->setup_entry));
    }
}

BmCheckInWindow *
bm_check_in_window_find (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  for (GList *l = gtk_application_get_windows (application); l; l = l->next)
    if (BM_IS_CHECK_IN_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* The library: --library's, else the one chosen in the preferences, else
 * the default one, as the therapist's window finds it */
static char *
dup_library_location (GtkApplication *application)
{
  const char *given = g_object_get_data (G_OBJECT (application), "bm-library");
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *chosen = NULL;

  if (given && *given)
    return g_strdup (given);
  if ((settings = bm_settings_new ()))
    chosen = g_settings_get_string (settings, "library");
  if (chosen && *chosen)
    return g_steal_pointer (&chosen);
  return bm_library_dup_default_path ();
}

static void
start_check_in (GtkApplication *application,
                BmLibrary      *library)
{
  BmCheckInWindow *window = bm_check_in_window_find (application);

  if (window == NULL)
    {
      window = bm_check_in_window_new (application, library, NULL);
      bm_check_in_window_start (window);
    }
  else
    gtk_window_present (GTK_WINDOW (window));
}

static void
check_in_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  GtkApplication *application = user_data;
  const char *location = g_variant_get_string (param, NULL);
  g_autofree char *found = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BmLibrary) library = NULL;

  if (bm_check_in_window_find (application))
    {
      gtk_window_present (GTK_WINDOW (bm_check_in_window_find (application)));
      return;
    }
  if (*location == '\0')
    location = found = dup_library_location (application);
  file = g_file_new_for_commandline_arg (location);
  if (!(library = bm_library_new (file, &error)))
    {
      g_printerr ("%s\n", error->message);
      return;
    }
  start_check_in (application, library);
}

static void
start_check_in_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  GtkApplication *application = user_data;
  GtkWindow *active = gtk_application_get_active_window (application);
  BmLibrary *library = BM_IS_WINDOW (active) ? bm_window_get_library (BM_WINDOW (active)) : NULL;

  if (library != NULL)
    start_check_in (application, library);
  else
    g_action_group_activate_action (G_ACTION_GROUP (application), "check-in", g_variant_new_string (""));
}

void
bm_check_in_install_actions (GtkApplication *application)
{
  static const GActionEntry actions[] = {
    { "start-check-in", start_check_in_action },
    { "check-in", check_in_action, "s" },
  };

  g_return_if_fail (GTK_IS_APPLICATION (application));

  g_action_map_add_action_entries (G_ACTION_MAP (application), actions, G_N_ELEMENTS (actions), application);
}

const char *
bm_check_in_window_get_page (BmCheckInWindow *self)
{
  g_return_val_if_fail (BM_IS_CHECK_IN_WINDOW (self), NULL);

  return page (self);
}

BmCheckInFlow *
bm_check_in_window_get_flow (BmCheckInWindow *self)
{
  g_return_val_if_fail (BM_IS_CHECK_IN_WINDOW (self), NULL);

  return self->flow;
}

void
bm_check_in_window_set_idle_seconds (BmCheckInWindow *self,
                                     guint            idle_seconds,
                                     guint            countdown_seconds)
{
  g_return_if_fail (BM_IS_CHECK_IN_WINDOW (self));

  self->idle_seconds = idle_seconds;
  self->countdown_seconds = countdown_seconds;
  self->last_input = g_get_monotonic_time ();
  schedule_idle (self);
}

guint
bm_check_in_window_get_countdown (BmCheckInWindow *self)
{
  g_return_val_if_fail (BM_IS_CHECK_IN_WINDOW (self), 0);

  return self->countdown_id != 0 ? self->countdown_left : 0;
}
