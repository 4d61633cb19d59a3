/* bm-window-library.c: the window's clinic library. Three pages in a
 * leaflet, with back navigation: every client, one client and their
 * visits, and the editor of one visit (the window's template content).
 * The first two are built once a library exists; before that the window
 * is the editor alone, as it always was.
 *
 * The library is read in a worker thread (bm_library_load_async()): the
 * window paints at once, the clients page says it is loading, and its
 * rows come when the clients are read. Another window or device changing
 * the library is seen two ways. A file monitor on the clients folder
 * tells at once of a client added or removed. A visit added to a client
 * changes only that client's folder, which a monitor of the clients
 * folder does not report, and a monitor for each of 10,000 client
 * folders would take that many of the user's inotify watches (8,192 in
 * all on some systems); nor do network shares and most FUSE file systems
 * report changes made elsewhere. So the library is also looked at every
 * few seconds, by the same load in the worker thread: a stat() of each
 * client folder, and only changed folders read again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-window-library"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bm-date.h"
#include "bm-first-frame.h"
#include "bm-intake-io.h"
#include "bm-widget-util.h"
#include "bm-window-private.h"

/* How often the library is looked at for what other devices changed */
#define POLL_SECONDS 5
/* A burst of changes (a sync tool writing many files) loads once */
#define CHANGED_DELAY_MS 250

static char *
dup_library_location (BmWindow *self)
{
  GApplication *app = g_application_get_default ();
  const char *given = app ? g_object_get_data (G_OBJECT (app), "bm-library") : NULL;
  g_autofree char *chosen = NULL;

  if (given && *given)
    return g_strdup (given);
  if (self->settings)
    chosen = g_settings_get_string (self->settings, "library");
  if (chosen && *chosen)
    return g_steal_pointer (&chosen);
  return bm_library_dup_default_path ();
}

static gboolean
library_exists (BmLibrary *library)
{
  g_autofree char *marker = g_build_filename (bm_library_get_path (library), "library.json", NULL);

  return g_file_test (marker, G_FILE_TEST_IS_REGULAR);
}

static void
refresh_views (BmWindow *self)
{
  if (self->check_ins_bar)
    bm_check_ins_bar_reload (self->check_ins_bar, self->library);
  if (self->clients_view)
    {
      g_autofree char *clients = g_build_filename (bm_library_get_path (self->library), "clients", NULL);

      bm_clients_view_set_library (self->clients_view, self->library);
      /* access() says EROFS for a read-only disk or share, even to root */
      bm_clients_view_set_read_only (self->clients_view, g_access (clients, W_OK) != 0);
    }
  if (self->client_view && bm_client_view_get_id (self->client_view))
    {
      const char *id = bm_client_view_get_id (self->client_view);
      const BmClient *client = bm_library_lookup (self->library, id);

      if (client && bm_client_view_show (self->client_view, self->library, id))
        {
          g_autofree char *visits = g_strdup_printf (ngettext ("%u visit", "%u visits", client->visits->len),
                                                     client->visits->len);

          adw_window_title_set_title (self->client_title, client->name ? client->name : client->id);
          adw_window_title_set_subtitle (self->client_title, visits);
        }
    }
}

static void start_load (BmWindow *self);
static void ensure_client_page (BmWindow *self);

static void
on_clients_changed_cb (GFileMonitor      *monitor,
                       GFile             *file,
                       GFile             *other,
                       GFileMonitorEvent  event,
                       BmWindow          *self);

static void
on_check_ins_changed_cb (GFileMonitor      *monitor,
                         GFile             *file,
                         GFile             *other,
                         GFileMonitorEvent  event,
                         BmWindow          *self)
{
  g_autofree char *name = g_file_get_basename (file);

  /* A check-in appears by its rename into place */
  if (name[0] == '.' || event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT)
    return;
  if (self->check_ins_bar)
    bm_check_ins_bar_reload (self->check_ins_bar, self->library);
}

/* A file monitor on the library's @folder ("clients", "check-ins"), or
 * NULL where the location reports nothing (the poll covers it) */
static GFileMonitor *
monitor_folder (BmWindow   *self,
                const char *folder,
                GCallback   on_changed)
{
  g_autofree char *path = g_build_filename (bm_library_get_path (self->library), folder, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GFileMonitor *monitor = g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);

  if (monitor == NULL)
    {
      g_debug ("%s: no monitor, polling only: %s", path, error->message);
      return NULL;
    }
  g_signal_connect_object (monitor, "changed", on_changed, self, 0);
  return monitor;
}

/* Check-ins handed in at the clinic's tablet */
static void
watch_check_ins (BmWindow *self)
{
  if (self->check_ins_monitor == NULL && self->library != NULL)
    self->check_ins_monitor = monitor_folder (self, "check-ins", G_CALLBACK (on_check_ins_changed_cb));
}

/* Client folders added or removed, by this process or another */
static void
watch_clients (BmWindow *self)
{
  if (self->library_monitor == NULL && self->library != NULL)
    self->library_monitor = monitor_folder (self, "clients", G_CALLBACK (on_clients_changed_cb));
}

static void
on_library_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  GWeakRef *ref = data;
  g_autoptr(BmWindow) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;
  gboolean ok;

  g_weak_ref_clear (ref);
  g_free (ref);
  /* Shown by the library whether or not the window is still there */
  ok = bm_library_load_finish (BM_LIBRARY (source), result, &changed, &error);
  if (self == NULL)
    return;
  /* Closed, or another library chosen meanwhile */
  if (self->disposed || BM_LIBRARY (source) != self->library)
    return;
  self->library_loading = FALSE;
  if (!ok)
    _bm_window_toast (self, error->message, FALSE);
  if (changed || !ok || self->library_probe_pending)
    refresh_views (self);
  if (self->library_probe_pending)
    {
      self->library_probe_pending = FALSE;
      bm_first_frame_probe_shown (self->clients_page, "clients-view");
    }
  if (self->clients_page != NULL)
    {
      watch_clients (self);
      watch_check_ins (self);
    }
  /* An earlier visit filed from elsewhere is one to compare with */
  if (changed)
    bm_comparison_reload (self->comparison);
  if (self->library_load_again)
    {
      self->library_load_again = FALSE;
      start_load (self);
    }
}

/* Reads the library again in a worker thread; the views follow when it
 * is done, if anything changed */
static void
start_load (BmWindow *self)
{
  GWeakRef *ref;

  if (self->library == NULL || self->disposed)
    return;
  if (self->library_loading)
    {
      self->library_load_again = TRUE;
      return;
    }
  self->library_loading = TRUE;
  /* A window closed meanwhile goes at once, not when the load is done */
  ref = g_new (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  bm_library_load_async (self->library, self->library_cancellable, on_library_loaded_cb, ref);
}

static gboolean
changed_timeout_cb (gpointer data)
{
  BmWindow *self = data;

  self->library_changed_id = 0;
  start_load (self);
  return G_SOURCE_REMOVE;
}

static void
on_clients_changed_cb (GFileMonitor      *monitor,
                       GFile             *file,
                       GFile             *other,
                       GFileMonitorEvent  event,
                       BmWindow          *self)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *other_name = other ? g_file_get_basename (other) : NULL;

  /* The library's own temporaries and locks: a new client appears by
   * its rename into place */
  if (name[0] == '.' && (other_name == NULL || other_name[0] == '.'))
    return;
  if (event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT || event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT)
    return;
  if (self->library_changed_id == 0)
    self->library_changed_id = g_timeout_add (CHANGED_DELAY_MS, changed_timeout_cb, self);
}

/* What other devices changed inside the client folders (see the top) */
static gboolean
poll_cb (gpointer data)
{
  BmWindow *self = data;

  if (self->library != NULL && self->clients_page != NULL && !self->library_loading)
    start_load (self);
  /* Where no monitor tells */
  if (self->check_ins_bar != NULL && self->check_ins_monitor == NULL)
    bm_check_ins_bar_reload (self->check_ins_bar, self->library);
  return G_SOURCE_CONTINUE;
}

/* After this process wrote to the client @id's folder (NULL: unknown):
 * that client is read again at once, so that what was just saved shows,
 * and the rest of the library in the worker thread */
static void
reload_client (BmWindow   *self,
               const char *id)
{
  g_autoptr(GError) error = NULL;

  if (self->library == NULL)
    return;
  if (id != NULL && bm_library_get_loaded (self->library))
    {
      if (!bm_library_load_client (self->library, id, &error))
        g_debug ("%s: %s", id, error->message);
      refresh_views (self);
    }
  start_load (self);
}

void
_bm_window_library_changed (BmWindow *self)
{
  if (self->clients_page != NULL)
    reload_client (self, bm_intake_get_client_id (bm_document_get_intake (self->document)));
}

static void
on_client_activated_cb (BmWindow   *self,
                        const char *id)
{
  const BmClient *client = bm_library_lookup (self->library, id);

  if (client == NULL)
    return;
  ensure_client_page (self);
  bm_client_view_show (self->client_view, self->library, id);
  refresh_views (self);
  adw_leaflet_set_visible_child (self->leaflet, self->client_page);
}

static void
on_visit_activated_cb (BmWindow   *self,
                       const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  _bm_window_show_editor (self);
  bm_window_open (self, file);
}

/* A check-in filed: the visit opens, to go on with it */
static void
on_check_in_filed_cb (BmWindow   *self,
                      const char *visit_path,
                      const char *client_id)
{
  g_autoptr(GFile) file = g_file_new_for_path (visit_path);

  reload_client (self, client_id);
  _bm_window_show_editor (self);
  bm_window_open (self, file);
  _bm_window_toast (self, _("Check-in filed as a visit"), FALSE);
}

static void
on_check_in_failed_cb (BmWindow   *self,
                       const char *message)
{
  _bm_window_show_error (self, _("Could Not File the Check-in"), message);
}

static void
on_conflict_resolved_cb (BmWindow   *self,
                         const char *message,
                         const char *error)
{
  if (error != NULL)
    _bm_window_show_error (self, _("Could Not Resolve the Conflict"), error);
  else
    _bm_window_toast (self, message, FALSE);
  /* bm_library_resolve_conflict() read the client again */
  refresh_views (self);
}

static void
on_details_changed_cb (BmWindow   *self,
                       const char *error)
{
  if (error != NULL)
    _bm_window_show_error (self, _("Could Not Save the Details"), error);
  else
    {
      /* bm_library_update_client() read the client again */
      _bm_window_toast (self, _("Details saved"), FALSE);
      refresh_views (self);
    }
}

static GtkWidget *
header_menu_button (BmWindow *self)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "open-menu-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), self->primary_menu);
  gtk_menu_button_set_primary (GTK_MENU_BUTTON (button), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Main Menu"), -1);
  return button;
}

static GtkWidget *
text_button (const char *label,
             const char *name,
             const char *action,
             gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  bm_widget_name_button (button, name);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  return button;
}

static void
build_pages (BmWindow *self)
{
  GtkWidget *box, *header;

  if (self->clients_page != NULL)
    return;

  /* Every client */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (_("Clients"), NULL));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), text_button (_("_New Client"), _("New Client"), "win.new", FALSE));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), header_menu_button (self));
  gtk_box_append (GTK_BOX (box), header);
  self->check_ins_bar = BM_CHECK_INS_BAR (bm_check_ins_bar_new ());
  g_signal_connect_object (self->check_ins_bar, "filed", G_CALLBACK (on_check_in_filed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->check_ins_bar, "failed", G_CALLBACK (on_check_in_failed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->check_ins_bar));
  self->clients_view = BM_CLIENTS_VIEW (bm_clients_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->clients_view), TRUE);
  g_signal_connect_object (self->clients_view, "client-activated", G_CALLBACK (on_client_activated_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->clients_view));
  self->clients_page = box;

  adw_leaflet_insert_child_after (self->leaflet, self->clients_page, NULL);
  gtk_widget_set_visible (self->clients_button, TRUE);

  self->library_poll_id = g_timeout_add_seconds (POLL_SECONDS, poll_cb, self);
}

/* One client: made when first opened, so that the start page has less
 * to lay out */
static void
ensure_client_page (BmWindow *self)
{
  GtkWidget *box, *header, *back;

  if (self->client_page != NULL)
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "win.show-clients");
  gtk_widget_set_tooltip_text (back, _("Clients"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back to Clients"), -1);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), back);
  self->client_title = ADW_WINDOW_TITLE (adw_window_title_new ("", NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->client_title));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), header_menu_button (self));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), text_button (_("New _Visit"), _("New Visit"), "win.new-visit", TRUE));
  gtk_box_append (GTK_BOX (box), header);
  self->client_view = BM_CLIENT_VIEW (bm_client_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->client_view), TRUE);
  g_signal_connect_object (self->client_view, "visit-activated", G_CALLBACK (on_visit_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client_view, "details-changed", G_CALLBACK (on_details_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client_view, "conflict-resolved", G_CALLBACK (on_conflict_resolved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->client_view));
  self->client_page = box;
  adw_leaflet_insert_child_after (self->leaflet, self->client_page, self->clients_page);
}

/* The start page, at once: sliding to it would only delay it */
static void
show_start_page (BmWindow *self)
{
  g_autoptr(AdwSpringParams) params = adw_spring_params_ref (adw_leaflet_get_child_transition_params (self->leaflet));
  g_autoptr(AdwSpringParams) instant = adw_spring_params_new (1, 1, 1e7);

  adw_leaflet_set_child_transition_params (self->leaflet, instant);
  adw_leaflet_set_visible_child (self->leaflet, self->clients_page);
  adw_leaflet_set_child_transition_params (self->leaflet, params);
}

static gboolean
document_is_pristine (BmWindow *self)
{
  BmIntake *intake = bm_document_get_intake (self->document);

  return bm_document_get_file (self->document) == NULL && !bm_intake_get_modified (intake) &&
         bm_intake_get_marks (intake)->len == 0 && *bm_intake_get_client_name (intake) == '\0';
}

static void
use_library (BmWindow  *self,
             BmLibrary *library)
{
  if (library != self->library)
    {
      /* A load of the last library still under way is dropped */
      if (self->library_cancellable)
        g_cancellable_cancel (self->library_cancellable);
      g_clear_object (&self->library_cancellable);
      self->library_cancellable = g_cancellable_new ();
      self->library_loading = self->library_load_again = self->library_probe_pending = FALSE;
      g_clear_handle_id (&self->library_changed_id, g_source_remove);
      if (self->library_monitor)
        g_file_monitor_cancel (self->library_monitor);
      g_clear_object (&self->library_monitor);
      if (self->check_ins_monitor)
        g_file_monitor_cancel (self->check_ins_monitor);
      g_clear_object (&self->check_ins_monitor);
    }
  g_set_object (&self->library, library);
  bm_document_set_library (self->document, library);
  bm_comparison_set_library (self->comparison, library);
  if (library == NULL || !library_exists (library))
    return;
  build_pages (self);
  /* What it holds already (read while GTK started, or by whoever gave
   * it), or "loading" until the worker has read it */
  refresh_views (self);
  if (bm_library_get_loaded (library))
    watch_clients (self);
  else if (!self->library_loading)
    start_load (self);
  _bm_window_library_update_banner (self);
  /* The start page, unless the window already shows a document */
  if (document_is_pristine (self))
    {
      show_start_page (self);
      /* Measured once its rows are painted */
      if (bm_library_get_loaded (library))
        bm_first_frame_probe_shown (self->clients_page, "clients-view");
      else
        self->library_probe_pending = TRUE;
    }
}

static gboolean
setup_library_cb (gpointer data)
{
  BmWindow *self = data;
  g_autoptr(BmLibrary) library = self->library ? g_object_ref (self->library) : NULL;
  g_autofree char *location = library ? g_strdup (bm_library_get_path (library)) : NULL;

  self->library_setup_id = 0;
  g_debug ("library at %s: %s", location, library && library_exists (library) ? "in use" : "none yet");
  if (library != NULL)
    use_library (self, library);
  return G_SOURCE_REMOVE;
}

void
bm_window_set_library (BmWindow  *self,
                       BmLibrary *library)
{
  g_return_if_fail (BM_IS_WINDOW (self));
  g_return_if_fail (library == NULL || BM_IS_LIBRARY (library));

  g_clear_handle_id (&self->library_setup_id, g_source_remove);
  use_library (self, library);
}

BmLibrary *
bm_window_get_library (BmWindow *self)
{
  g_return_val_if_fail (BM_IS_WINDOW (self), NULL);
  return self->library;
}

void
_bm_window_library_init (BmWindow *self)
{
  g_autoptr(GtkWidget) content = g_object_ref (adw_toast_overlay_get_child (self->toast_overlay));

  self->leaflet = ADW_LEAFLET (adw_leaflet_new ());
  adw_leaflet_set_can_unfold (self->leaflet, FALSE);
  adw_leaflet_set_can_navigate_back (self->leaflet, TRUE);
  adw_toast_overlay_set_child (self->toast_overlay, NULL);
  adw_leaflet_append (self->leaflet, content);
  self->editor_page = content;
  adw_toast_overlay_set_child (self->toast_overlay, GTK_WIDGET (self->leaflet));

  /* The library is read in a worker thread while GTK starts, on the
   * other core; its pages are made after the first frame, so that the
   * window shows at once whatever the library */
  {
    g_autofree char *location = dup_library_location (self);
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (location);

    self->library = bm_library_new (file, NULL);
    start_load (self);
  }
  self->library_setup_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, setup_library_cb, self, NULL);
}

void
_bm_window_library_dispose (BmWindow *self)
{
  g_clear_handle_id (&self->library_setup_id, g_source_remove);
  g_clear_handle_id (&self->library_poll_id, g_source_remove);
  g_clear_handle_id (&self->library_changed_id, g_source_remove);
  if (self->library_cancellable)
    g_cancellable_cancel (self->library_cancellable);
  g_clear_object (&self->library_cancellable);
  if (self->library_monitor)
    g_file_monitor_cancel (self->library_monitor);
  g_clear_object (&self->library_monitor);
  if (self->check_ins_monitor)
    g_file_monitor_cancel (self->check_ins_monitor);
  g_clear_object (&self->check_ins_monitor);
  g_clear_object (&self->library);
  g_clear_pointer (&self->pending_client_id, g_free);
  self->check_ins_bar = NULL;
  self->clients_view = NULL;
  self->client_view = NULL;
}

/* The clients page; the library is made on first use */
static void
show_clients_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  BmWindow *self = BM_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->library == NULL)
    {
      g_autofree char *location = dup_library_location (self);
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (location);

      if (!(self->library = bm_library_new (file, &error)))
        {
          _bm_window_show_error (self, _("Could Not Open the Library"), error->message);
          return;
        }
    }
  if (!library_exists (self->library) && !bm_library_ensure (self->library, &error))
    {
      _bm_window_show_error (self, _("Could Not Open the Library"), error->message);
      return;
    }
  build_pages (self);
  refresh_views (self);
  start_load (self);
  adw_leaflet_set_visible_child (self->leaflet, self->clients_page);
  gtk_widget_grab_focus (bm_clients_view_get_search_entry (self->clients_view));
}

static void
new_visit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  BmWindow *self = BM_WINDOW (widget);
  const char *id = self->client_view ? bm_client_view_get_id (self->client_view) : NULL;

  if (id == NULL)
    return;
  g_free (self->pending_client_id);
  self->pending_client_id = g_strdup (id);
  _bm_window_guard_unsaved (self, PENDING_NEW_VISIT, NULL);
}

/* What carries over from the client's last visit: who they are, their
 * running and what they asked for. Not the health questions (health
 * changes: they are asked again) and not the marks (today's pain is
 * marked today). */
static BmIntake *
new_visit_intake (BmWindow   *self,
                  const char *client_id,
                  char      **last_date)
{
  const BmClient *client = bm_library_lookup (self->library, client_id);
  const BmVisitInfo *last = client ? bm_client_get_latest_visit (client) : NULL;
  g_autoptr(BmIntake) before = NULL;
  BmIntake *intake = bm_intake_new ();
  g_autofree char *today = NULL;
  g_autofree char *visit_id = NULL;
  GDate date;

  bm_date_set_today (&date);
  today = bm_date_to_iso (&date);
  bm_intake_set_visit_date (intake, today);
  if (client && client->name)
    {
      bm_intake_set_client_name (intake, client->name);
      bm_intake_set_birth_year (intake, client->birth_year);
      bm_intake_set_email (intake, client->email);
      bm_intake_set_phone (intake, client->phone);
    }
  if (last)
    {
      g_autoptr(GFile) file = g_file_new_for_path (last->path);

      before = bm_intake_load_file (file, NULL);
    }
  if (before)
    {
      const BmRace *race;

      bm_intake_set_phase (intake, bm_intake_get_phase (before));
      bm_intake_set_weekly_km (intake, bm_intake_get_weekly_km (before));
      if ((race = bm_intake_get_next_race (before)) && g_strcmp0 (race->date, today) >= 0)
        bm_intake_set_next_race (intake, race->date, race->distance);
      else if (race)
        /* Run since: now the last race */
        bm_intake_set_last_race (intake, race->date, race->distance);
      if (bm_intake_get_last_race (intake) == NULL && (race = bm_intake_get_last_race (before)))
        bm_intake_set_last_race (intake, race->date, race->distance);
      bm_intake_set_pressure (intake, bm_intake_get_pressure (before));
      for (const char * const *avoid = bm_intake_get_avoid (before); *avoid; avoid++)
        bm_intake_set_avoided (intake, *avoid, TRUE);
      bm_intake_set_goals (intake, bm_intake_get_goals (before));
      bm_intake_set_body (intake, bm_intake_get_body (before));
      /* Shown faintly, each to confirm or clear: never today's pain
       * unless the client says so */
      bm_intake_set_last_time (intake, bm_intake_get_marks (before), last->date);
      *last_date = g_strdup (last->date);
    }
  visit_id = bm_library_make_visit_id (today);
  bm_intake_set_library_link (intake, client_id, visit_id);
  bm_intake_clear_history (intake);
  bm_intake_set_modified (intake, FALSE);
  return intake;
}

void
_bm_window_start_visit (BmWindow   *self,
                        const char *client_id)
{
  g_autoptr(BmIntake) intake = NULL;
  g_autofree char *last_date = NULL;

  if (self->library == NULL || client_id == NULL)
    return;
  intake = new_visit_intake (self, client_id, &last_date);
  bm_document_set_file (self->document, NULL);
  bm_document_set_intake (self->document, intake);
  _bm_window_show_editor (self);
  if (last_date)
    {
      /* Translators: a date in a toast, "23 Nov" (strftime) */
      g_autofree char *day = bm_date_format (last_date, _("%-d %b"));
      /* Translators: a toast after New Visit, "Details from the visit on 23 Nov. Ask the health questions again." */
      g_autofree char *title = g_strdup_printf (_("Details from the visit on %s. Ask the health questions again."),
                                                day);

      _bm_window_toast (self, title, FALSE);
    }
  _bm_window_show_panel_page (self, "details");
}

/* Under the editor's header bar: an intake of its own can join the
 * library (an old version 1 file, or one from elsewhere). Made when first
 * offered: most intakes are the library's own */
static void
ensure_file_banner (BmWindow *self)
{
  GtkWidget *box, *label, *button;

  if (self->file_banner != NULL)
    return;
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  label = gtk_label_new (_("This intake is a file of its own. File it in the library with the client’s other visits?"));
  button = gtk_button_new_with_mnemonic (_("_File in Library"));
  bm_widget_name_button (button, _("File in Library"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.file-in-library");
  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (label, 9);
  gtk_widget_set_margin_bottom (label, 9);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (button, 12);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), button);
  self->file_banner = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->file_banner, box);
  gtk_widget_insert_after (GTK_WIDGET (self->file_banner), self->editor_page, GTK_WIDGET (self->editor_header));
}

void
_bm_window_show_editor (BmWindow *self)
{
  if (self->leaflet != NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->editor_page);
}

void
_bm_window_library_update_banner (BmWindow *self)
{
  gboolean offer;

  if (self->document == NULL)
    return;
  offer = self->clients_page != NULL && bm_document_get_file (self->document) != NULL &&
          bm_intake_get_client_id (bm_document_get_intake (self->document)) == NULL;
  if (offer)
    ensure_file_banner (self);
  else if (self->file_banner == NULL)
    return;
  gtk_revealer_set_reveal_child (self->file_banner, offer);
  gtk_widget_set_visible (GTK_WIDGET (self->file_banner), offer);
}

/* Files the intake shown, as it is now, as a visit in the library (the
 * matching client, or a new one); its own file stays as it was */
static void
file_in_library_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  BmWindow *self = BM_WINDOW (widget);
  BmIntake *intake = bm_document_get_intake (self->document);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean new_client = FALSE;

  if (self->library == NULL || bm_intake_get_client_id (intake) != NULL)
    return;
  if (*bm_intake_get_client_name (intake) == '\0')
    {
      _bm_window_show_panel_page (self, "details");
      _bm_window_show_error (self, _("Add the Client’s Name"),
                             _("Type the client’s name under “About You” before filing the intake."));
      return;
    }
  file = bm_library_prepare_visit (self->library, intake, &new_client, &error);
  if (file == NULL || !bm_document_overwrite (self->document, file, &error))
    {
      bm_intake_set_library_link (intake, NULL, NULL);
      _bm_window_show_error (self, _("Could Not File the Intake"), error->message);
      return;
    }
  _bm_window_toast (self, new_client ? _("Filed in the library as a new client")
                                     : _("Filed in the library with the client’s other visits"), FALSE);
  reload_client (self, bm_intake_get_client_id (intake));
  _bm_window_library_update_banner (self);
}

GFile *
_bm_window_dup_library_file (BmWindow  *self,
                             GError   **error)
{
  BmIntake *intake = bm_document_get_intake (self->document);

  if (self->library == NULL ||
      (bm_intake_get_client_id (intake) == NULL && !library_exists (self->library)))
    return NULL;
  return bm_library_prepare_visit (self->library, intake, NULL, error);
}

/* Another library folder, kept in the preferences */
static void
library_chosen (BmWindow *self,
                GFile    *folder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BmLibrary) library = NULL;
  g_autofree char *location = NULL;

  if (folder == NULL || self->disposed)
    return;
  if (!(library = bm_library_new (folder, &error)) || !bm_library_ensure (library, &error))
    {
      _bm_window_show_error (self, _("Could Not Use This Folder"), error->message);
      return;
    }
  location = g_file_get_path (folder);
  if (self->settings)
    g_settings_set_string (self->settings, "library", location);
  bm_window_set_library (self, library);
  adw_leaflet_set_visible_child (self->leaflet, self->clients_page);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
on_folder_dialog_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  g_autoptr(BmWindow) self = data;
  g_autoptr(GFile) folder = gtk_file_dialog_select_folder_finish (GTK_FILE_DIALOG (source), result, NULL);

  library_chosen (self, folder);
}
#else
static void
on_folder_native_cb (GtkNativeDialog *native,
                     int              response,
                     BmWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      library_chosen (self, folder);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  g_object_unref (self);
}
#endif

static void
choose_library_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  BmWindow *self = BM_WINDOW (widget);
  g_autoptr(GFile) current = self->library ? g_file_new_for_path (bm_library_get_path (self->library)) : NULL;

#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, _("Library Folder"));
  gtk_file_dialog_set_accept_label (dialog, _("_Use This Folder"));
  if (current)
    gtk_file_dialog_set_initial_folder (dialog, current);
  gtk_file_dialog_select_folder (dialog, GTK_WINDOW (self), NULL, on_folder_dialog_cb, g_object_ref (self));
#else
  GtkFileChooserNative *native = gtk_file_chooser_native_new (_("Library Folder"), GTK_WINDOW (self),
                                                              GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                              _("_Use This Folder"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (current && g_file_query_exists (current, NULL))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), current, NULL);
  g_signal_connect (native, "response", G_CALLBACK (on_folder_native_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
#endif
}

void
_bm_window_class_library_init (BmWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.show-clients", NULL, show_clients_action);
  gtk_widget_class_install_action (widget_class, "win.new-visit", NULL, new_visit_action);
  gtk_widget_class_install_action (widget_class, "win.file-in-library", NULL, file_in_library_action);
  gtk_widget_class_install_action (widget_class, "win.choose-library", NULL, choose_library_action);
}
