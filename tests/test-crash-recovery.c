/* test-crash-recovery.c: the real app, killed with SIGKILL after an edit,
 * gives the edit back on the next start. Needs Xvfb and xdotool.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>

#include "bm-body-map.h"
#include "bm-draft.h"
#include "bm-intake-io.h"
#include "bm-window.h"

#include "bm-test-files.h"
#include "bm-test-gui.h"

/* Where the left hamstrings are in the app's window, found by laying out
 * the same window here */
static void
find_click_point (GFile  *file,
                  double *x,
                  double *y)
{
  BmWindow *window = bm_window_new (NULL);
  BmBodyMap *map;
  graphene_point_t in, out;
  double sx, sy;
  gboolean timed_out = FALSE;
  guint id;

  g_object_ref_sink (window);
  bm_window_open (window, file);
  gtk_window_present (GTK_WINDOW (window));
  map = BM_BODY_MAP (bm_window_get_body_map (window));

  id = g_timeout_add (5000, bm_test_on_timeout, &timed_out);
  while (!timed_out && gtk_widget_get_width (GTK_WIDGET (map)) < 100)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  bm_test_iterate ();

  {
    double px, py;
    BmView back = 0;

    g_assert_true (bm_atlas_lookup_view (bm_atlas_get_default (), "back", &back));
    g_assert_true (bm_body_map_get_region_point (map, bm_atlas_lookup (bm_atlas_get_default (), "hamstrings"),
                                                 BM_SIDE_LEFT, back, &px, &py));
    in = GRAPHENE_POINT_INIT (px, py);
  }
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (map), GTK_WIDGET (window), &in, &out));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  g_test_message ("laid out here: window %d x %d, map %d x %d, surface offset %g, %g",
                  gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)),
                  gtk_widget_get_width (GTK_WIDGET (map)), gtk_widget_get_height (GTK_WIDGET (map)), sx, sy);
  *x = out.x + sx;
  *y = out.y + sy;

  gtk_window_destroy (GTK_WINDOW (window));
  bm_test_iterate ();
  g_assert_finalize_object (window);
}

static gboolean
run_xdotool (const char  *args,
             char       **output)
{
  g_autofree char *command = g_strdup_printf ("timeout 20 xdotool %s", args);
  int status = 0;

  if (!g_spawn_command_line_sync (command, output, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

static gboolean
draft_has_edit (void)
{
  g_autoptr(BmIntake) draft = bm_draft_read (NULL, NULL, NULL);

  return draft && bm_intake_get_mark (draft, "hamstrings", BM_SIDE_LEFT) != NULL;
}

static void
test_sigkill (void)
{
  const char *binary = g_getenv ("BODYMAP_BINARY");
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-crash");
  g_autofree char *path = g_build_filename (dir, "jamie.bodymap", NULL);
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "data", "jamie.bodymap", NULL);
  g_autofree char *original = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wid = NULL;
  g_autofree char *move = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { binary, path, NULL };
  GPid pid;
  double x, y;
  BmWindow *window;
  AdwMessageDialog *dialog;
  BmIntake *restored;
  int status;

  if (binary == NULL || g_find_program_in_path ("xdotool") == NULL)
    {
      g_test_skip ("needs BODYMAP_BINARY and xdotool");
      return;
    }

  /* The app's window must open at its default size, as the copy laid out
   * here does (make test runs Xvfb at 1280x1024) */
  {
    GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
    g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
    GdkRectangle area = { 0 };

    if (monitor)
      gdk_monitor_get_geometry (monitor, &area);
    if (area.width < 1200 || area.height < 900)
      {
        g_test_skip ("needs a screen of at least 1200x900");
        return;
      }
  }

  g_assert_true (g_file_get_contents (example, &original, NULL, NULL));
  g_assert_true (g_file_set_contents (path, original, -1, NULL));
  file = g_file_new_for_path (path);
  bm_draft_clear ();

  find_click_point (file, &x, &y);

  /* Start the real app on the file and make an edit with the pointer */
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  g_assert_true (run_xdotool ("search --sync --onlyvisible --name \"Jamie Rivers\"", &wid));
  g_strstrip (wid);
  if (strchr (wid, '\n'))
    *strchr (wid, '\n') = '\0';
  bm_test_run_for (1500);
  move = g_strdup_printf ("mousemove --window %s %d %d click 1", wid, (int) x, (int) y);
  g_test_message ("clicking at %d, %d in window %s", (int) x, (int) y, wid);
  if (g_getenv ("BM_TEST_SCREENSHOT"))
    {
      g_autofree char *command = g_strdup_printf ("import -window root %s", g_getenv ("BM_TEST_SCREENSHOT"));
      g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
    }
  g_assert_true (run_xdotool (move, NULL));

  /* Within 2 s the edit is in the draft */
  for (guint i = 0; i < 30 && !draft_has_edit (); i++)
    bm_test_run_for (100);
  g_assert_true (draft_has_edit ());

  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_spawn_close_pid (pid);

  /* The saved file was never touched */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, original);

  /* Start again: the app offers the draft, and restoring brings the edit
   * back, on top of the file it belongs to */
  window = bm_window_new (NULL);
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  bm_window_offer_draft (window);
  bm_test_iterate ();
  dialog = bm_test_find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "restore");
  bm_test_iterate ();

  restored = bm_window_get_intake (window);
  g_assert_nonnull (bm_intake_get_mark (restored, "hamstrings", BM_SIDE_LEFT));
  g_assert_nonnull (bm_intake_get_mark (restored, "calf", BM_SIDE_LEFT));
  g_assert_cmpstr (bm_intake_get_client_name (restored), ==, "Jamie Rivers");
  g_assert_true (g_file_equal (bm_window_get_file (window), file));
  g_assert_true (bm_intake_get_modified (restored));

  bm_intake_set_modified (restored, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  bm_test_iterate ();
  g_assert_finalize_object (window);

  bm_draft_clear ();
  bm_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = bm_test_make_temp_dir ("bodymap-xdg");
  int ret;

  /* The app started from here shares this data folder (and its draft) */
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_nonnull (bm_ui_get_resource ());

  /* The copy laid out here must match the app */
  bm_test_load_app_style ();

  g_test_add_func ("/crash-recovery/sigkill", test_sigkill);

  ret = g_test_run ();
  bm_test_remove_tree (home);
  return ret;
}
