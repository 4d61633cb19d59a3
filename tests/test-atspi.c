/* test-atspi.c: the body map as an assistive technology sees it, for
 * real: over the accessibility bus (AT-SPI), as switch access, voice
 * control or a screen reader would, under Xvfb and a D-Bus session of its
 * own (dbus-run-session, tests/meson.build)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <fcntl.h>
#include <unistd.h>

#include "bm-body-map.h"

#include "bm-test-gui.h"

/* From AT-SPI's atspi-constants.h */
#define ATSPI_ROLE_CHECK_BOX 7
#define ATSPI_STATE_CHECKED  4

#define ATSPI_ROOT_PATH "/org/a11y/atspi/accessible/root"

typedef struct
{
  GtkWindow       *window;
  BmBodyMap       *map;
  BmIntake        *intake;
  GDBusConnection *a11y;     /* our own connection, as an AT's */
  char            *app_name; /* the app's (GTK's) name on the a11y bus */
} Fixture;

typedef struct
{
  GVariant *reply;
  GError   *error;
  gboolean  done;
} Call;

static void
on_call_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Call *call = data;

  call->reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &call->error);
  call->done = TRUE;
}

/* GTK answers from this thread's main loop: the call is made
 * asynchronously and the loop runs until the answer comes */
static GVariant *
call_method (Fixture            *f,
             const char         *name,
             const char         *path,
             const char         *interface,
             const char         *method,
             GVariant           *parameters,
             const GVariantType *reply_type)
{
  Call call = { 0 };

  g_dbus_connection_call (f->a11y, name, path, interface, method, parameters, reply_type,
                          G_DBUS_CALL_FLAGS_NONE, 5000, NULL, on_call_done_cb, &call);
  while (!call.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (call.error);
  return call.reply;
}

static GVariant *
get_property (Fixture    *f,
              const char *name,
              const char *path,
              const char *interface,
              const char *property)
{
  g_autoptr(GVariant) reply = call_method (f, name, path, "org.freedesktop.DBus.Properties", "Get",
                                           g_variant_new ("(ss)", interface, property),
                                           G_VARIANT_TYPE ("(v)"));
  GVariant *value = NULL;

  g_variant_get (reply, "(v)", &value);
  return value;
}

/* The app's accessible root on the bus: the child of the registry's
 * desktop that this process owns */
static char *
find_app (Fixture *f)
{
  for (int attempt = 0; attempt < 50; attempt++)
    {
      g_autoptr(GVariant) children = call_method (f, "org.a11y.atspi.Registry", ATSPI_ROOT_PATH,
                                                  "org.a11y.atspi.Accessible", "GetChildren",
                                                  NULL, G_VARIANT_TYPE ("(a(so))"));
      g_autoptr(GVariantIter) iter = NULL;
      const char *name, *path;

      g_variant_get (children, "(a(so))", &iter);
      while (g_variant_iter_next (iter, "(&s&o)", &name, &path))
        {
          g_autoptr(GVariant) pid = call_method (f, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                 "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                                 g_variant_new ("(s)", name), G_VARIANT_TYPE ("(u)"));
          guint32 value;

          g_variant_get (pid, "(u)", &value);
          if (value == (guint32) getpid ())
            return g_strdup (name);
        }
      bm_test_run_for (100);
    }
  return NULL;
}

/* Every accessible with @role, breadth first from the app's root: its
 * name to its object path */
static GHashTable *
collect_accessibles (Fixture *f,
                     guint32  role)
{
  g_autoptr(GQueue) queue = g_queue_new ();
  GHashTable *found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint visited = 0;

  g_queue_push_tail (queue, g_strdup (ATSPI_ROOT_PATH));
  while (!g_queue_is_empty (queue) && visited++ < 5000)
    {
      g_autofree char *path = g_queue_pop_head (queue);
      g_autoptr(GVariant) role_reply = call_method (f, f->app_name, path, "org.a11y.atspi.Accessible", "GetRole",
                                                    NULL, G_VARIANT_TYPE ("(u)"));
      g_autoptr(GVariant) children = NULL;
      g_autoptr(GVariantIter) iter = NULL;
      const char *child_name, *child_path;
      guint32 path_role;

      g_variant_get (role_reply, "(u)", &path_role);
      if (path_role == role)
        {
          g_autoptr(GVariant) name = get_property (f, f->app_name, path, "org.a11y.atspi.Accessible", "Name");

          g_hash_table_insert (found, g_variant_dup_string (name, NULL), g_strdup (path));
        }

      children = call_method (f, f->app_name, path, "org.a11y.atspi.Accessible", "GetChildren",
                              NULL, G_VARIANT_TYPE ("(a(so))"));
      g_variant_get (children, "(a(so))", &iter);
      while (g_variant_iter_next (iter, "(&s&o)", &child_name, &child_path))
        if (g_strcmp0 (child_name, f->app_name) == 0)
          g_queue_push_tail (queue, g_strdup (child_path));
    }
  g_queue_free_full (g_steal_pointer (&queue), g_free);
  return found;
}

static char *
find_check_box (Fixture    *f,
                const char *label)
{
  g_autoptr(GHashTable) boxes = collect_accessibles (f, ATSPI_ROLE_CHECK_BOX);

  return g_strdup (g_hash_table_lookup (boxes, label));
}

static gboolean
has_interface (Fixture    *f,
               const char *path,
               const char *interface)
{
  g_autoptr(GVariant) reply = call_method (f, f->app_name, path, "org.a11y.atspi.Accessible", "GetInterfaces",
                                           NULL, G_VARIANT_TYPE ("(as)"));
  g_autofree const char **interfaces = NULL;

  g_variant_get (reply, "(^a&s)", &interfaces);
  return g_strv_contains (interfaces, interface);
}

static gboolean
is_checked (Fixture    *f,
            const char *path)
{
  g_autoptr(GVariant) reply = call_method (f, f->app_name, path, "org.a11y.atspi.Accessible", "GetState",
                                           NULL, G_VARIANT_TYPE ("(au)"));
  g_autoptr(GVariantIter) iter = NULL;
  guint32 word, i = 0;
  gboolean checked = FALSE;

  g_variant_get (reply, "(au)", &iter);
  while (g_variant_iter_next (iter, "u", &word))
    if (i++ == ATSPI_STATE_CHECKED / 32)
      checked = (word & (1u << (ATSPI_STATE_CHECKED % 32))) != 0;
  return checked;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDBusConnection) session = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *address;

  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (f->window);
  f->map = BM_BODY_MAP (bm_body_map_new ());
  f->intake = bm_intake_new ();
  bm_body_map_set_intake (f->map, f->intake);
  gtk_window_set_child (f->window, GTK_WIDGET (f->map));
  gtk_window_set_default_size (f->window, 1000, 760);
  gtk_window_present (f->window);
  bm_test_wait_for_size (GTK_WIDGET (f->map), 100);

  /* The accessibility bus, found as an AT finds it: from the session bus */
  session = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (session, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress",
                                       NULL, G_VARIANT_TYPE ("(s)"), G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(&s)", &address);
  f->a11y = g_dbus_connection_new_for_address_sync (address,
                                                    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                    NULL, NULL, &error);
  g_assert_no_error (error);
  f->app_name = find_app (f);
  g_assert_nonnull (f->app_name);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  bm_test_iterate ();
  g_assert_finalize_object (f->window);
  g_clear_object (&f->intake);
  g_clear_object (&f->a11y);
  g_free (f->app_name);
}

/* Every region control has an action; doing it marks the region, and
 * again unmarks it, as Space does */
static void
test_region_action (Fixture       *f,
                    gconstpointer  data)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  const BmRegion *achilles = bm_atlas_lookup (atlas, "achilles");
  g_autofree char *label = bm_region_dup_label (achilles, BM_SIDE_LEFT);
  g_autofree char *path = find_check_box (f, label);
  g_autoptr(GVariant) n_actions = NULL;
  g_autoptr(GVariant) name = NULL;
  g_autoptr(GVariant) done = NULL;
  const char *action;
  gboolean ok;

  g_assert_nonnull (path);
  g_assert_true (has_interface (f, path, "org.a11y.atspi.Action"));
  n_actions = get_property (f, f->app_name, path, "org.a11y.atspi.Action", "NActions");
  g_assert_cmpint (g_variant_get_int32 (n_actions), ==, 1);
  name = call_method (f, f->app_name, path, "org.a11y.atspi.Action", "GetName",
                      g_variant_new ("(i)", 0), G_VARIANT_TYPE ("(s)"));
  g_variant_get (name, "(&s)", &action);
  g_assert_cmpstr (action, ==, "toggle");
  g_assert_false (is_checked (f, path));

  done = call_method (f, f->app_name, path, "org.a11y.atspi.Action", "DoAction",
                      g_variant_new ("(i)", 0), G_VARIANT_TYPE ("(b)"));
  g_variant_get (done, "(b)", &ok);
  g_assert_true (ok);
  bm_test_iterate ();
  g_assert_nonnull (bm_intake_get_mark (f->intake, "achilles", BM_SIDE_LEFT));
  g_assert_null (bm_intake_get_mark (f->intake, "achilles", BM_SIDE_RIGHT));
  g_assert_true (bm_body_map_get_selected (f->map, NULL) == achilles);
  g_assert_true (is_checked (f, path));

  g_clear_pointer (&done, g_variant_unref);
  done = call_method (f, f->app_name, path, "org.a11y.atspi.Action", "DoAction",
                      g_variant_new ("(i)", 0), G_VARIANT_TYPE ("(b)"));
  bm_test_iterate ();
  g_assert_null (bm_intake_get_mark (f->intake, "achilles", BM_SIDE_LEFT));
  g_assert_false (is_checked (f, path));
}

/* Every control of the map, not just one: each is a check box with the
 * action */
static void
test_every_region_has_action (Fixture       *f,
                              gconstpointer  data)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  g_autoptr(GHashTable) boxes = collect_accessibles (f, ATSPI_ROLE_CHECK_BOX);
  guint n = bm_atlas_get_n_regions (atlas), n_controls = 0;

  for (guint i = 0; i < n; i++)
    {
      const BmRegion *region = bm_atlas_get_region (atlas, i);

      for (BmSide side = BM_SIDE_CENTER; side <= BM_SIDE_RIGHT; side++)
        {
          g_autofree char *label = NULL;
          g_autoptr(GVariant) n_actions = NULL;
          const char *path;

          if (!bm_region_accepts_side (region, side))
            continue;
          label = bm_region_dup_label (region, side);
          path = g_hash_table_lookup (boxes, label);
          g_assert_nonnull (path);
          n_actions = get_property (f, f->app_name, path, "org.a11y.atspi.Action", "NActions");
          g_assert_cmpint (g_variant_get_int32 (n_actions), ==, 1);
          n_controls++;
        }
    }
  g_assert_cmpuint (n_controls, >, 40);
}

static void
test_no_bus (void)
{
  g_test_skip ("No dbus-daemon or no accessibility bus launcher (at-spi2-core)");
}

/* A session bus of the test's own, where the accessibility bus launcher
 * and the registry start on demand from the system's service files */
static GTestDBus *
start_session_bus (void)
{
  const char * const *dirs = g_get_system_data_dirs ();
  g_autofree char *daemon = g_find_program_in_path ("dbus-daemon");
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  GTestDBus *bus;
  int saved_stdout, null_fd;
  gboolean launcher = FALSE;

  if (daemon == NULL)
    return NULL;
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  for (guint i = 0; dirs[i]; i++)
    {
      g_autofree char *dir = g_build_filename (dirs[i], "dbus-1", "services", NULL);
      g_autofree char *service = g_build_filename (dir, "org.a11y.Bus.service", NULL);

      if (g_file_test (service, G_FILE_TEST_EXISTS))
        {
          g_test_dbus_add_service_dir (bus, dir);
          launcher = TRUE;
        }
    }
  if (!launcher)
    {
      g_object_unref (bus);
      return NULL;
    }
  /* The daemon and the services it starts write to the standard output
   * they are given, which is the TAP stream: they get /dev/null */
  fflush (stdout);
  saved_stdout = dup (STDOUT_FILENO);
  null_fd = open ("/dev/null", O_WRONLY);
  g_assert_cmpint (saved_stdout, >=, 0);
  g_assert_cmpint (null_fd, >=, 0);
  dup2 (null_fd, STDOUT_FILENO);
  g_test_dbus_up (bus);
  dup2 (saved_stdout, STDOUT_FILENO);
  close (saved_stdout);
  close (null_fd);

  /* GTestDBus unsets the display, for other tests' sake */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  return bus;
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  int status;

  /* The real thing, not GTK's test context; GTK finds the accessibility
   * bus through the session bus, so that comes first */
  g_setenv ("GTK_A11Y", "atspi", TRUE);
  bus = start_session_bus ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_nonnull (bm_ui_get_resource ());

  if (bus == NULL)
    {
      g_test_add_func ("/atspi/region/toggle", test_no_bus);
      return g_test_run ();
    }

  g_test_add ("/atspi/region/toggle", Fixture, NULL, fixture_set_up, test_region_action, fixture_tear_down);
  g_test_add ("/atspi/region/every", Fixture, NULL, fixture_set_up, test_every_region_has_action, fixture_tear_down);

  status = g_test_run ();
  /* GTK keeps its connection to the session bus to the end: not waited
   * for, as g_test_dbus_down() and the last unref would */
  g_test_dbus_stop (bus);
  return status;
}
