/* bm-first-frame.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-first-frame"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "bm-first-frame.h"

#define SETTLE_MS 1500
/* How many more SETTLE_MS to wait for what bm_first_frame_probe_shown() waits for */
#define MAX_WAITS 10

typedef struct
{
  gint64   start_us;
  gulong   handler;
  guint    pending;   /* bm_first_frame_probe_shown() still waiting */
  guint    waits;
  gboolean exit_now;  /* BODYMAP_FIRST_FRAME_PROBE=exit */
} Probe;

static long
read_pss_kib (void)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/smaps_rollup", &contents, NULL, NULL))
    return -1;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], "Pss:"))
      return strtol (lines[i] + 4, NULL, 10);
  return -1;
}

static gboolean
on_settled_cb (gpointer user_data)
{
  GtkWindow *window = user_data;
  GtkApplication *app = gtk_window_get_application (window);
  Probe *probe = g_object_get_data (G_OBJECT (window), "bm-first-frame-probe");

  if (probe->pending > 0 && probe->waits++ < MAX_WAITS)
    return G_SOURCE_CONTINUE;
  g_print ("pss-kib %ld\n", read_pss_kib ());
  fflush (stdout);
  if (app)
    g_application_quit (G_APPLICATION (app));
  else
    gtk_window_destroy (window);
  return G_SOURCE_REMOVE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GtkWindow     *window)
{
  Probe *probe = g_object_get_data (G_OBJECT (window), "bm-first-frame-probe");

  g_signal_handler_disconnect (clock, probe->handler);
  {
    struct timespec cpu;

    /* The main thread's own work, which the machine's other load hardly
     * changes: the figure to compare builds by */
    if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu) == 0)
      g_print ("first-frame-cpu-ms %.2f\n", cpu.tv_sec * 1000.0 + cpu.tv_nsec / 1e6);
  }
  g_print ("first-frame-ms %.2f\n", (g_get_monotonic_time () - probe->start_us) / 1000.0);
  fflush (stdout);
  /* For a profiler: nothing after the first frame, not even the app's
   * own clean-up, gets into the profile */
  if (probe->exit_now)
    _exit (0);
  g_timeout_add (SETTLE_MS, on_settled_cb, window);
}

static void
on_realize_cb (GtkWindow *window)
{
  Probe *probe = g_object_get_data (G_OBJECT (window), "bm-first-frame-probe");
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  probe->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), window);
}

void
bm_first_frame_probe (GtkWindow *window,
                      gint64     start_us)
{
  const char *mode = g_getenv ("BODYMAP_FIRST_FRAME_PROBE");
  Probe *probe;

  g_return_if_fail (GTK_IS_WINDOW (window));

  if (g_strcmp0 (mode, "1") != 0 && g_strcmp0 (mode, "exit") != 0)
    return;

  probe = g_new0 (Probe, 1);
  probe->start_us = start_us;
  probe->exit_now = g_str_equal (mode, "exit");
  g_object_set_data_full (G_OBJECT (window), "bm-first-frame-probe", probe, g_free);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), NULL);
}

typedef struct
{
  GtkWidget     *widget;  /* weak */
  GtkWidget     *root;    /* weak */
  char          *name;
  gint64         start_us;
  gulong         handler;
} Shown;

static void
shown_free (Shown *shown)
{
  Probe *probe = shown->root ? g_object_get_data (G_OBJECT (shown->root), "bm-first-frame-probe") : NULL;

  if (probe)
    probe->pending--;
  g_clear_weak_pointer (&shown->widget);
  g_clear_weak_pointer (&shown->root);
  g_free (shown->name);
  g_free (shown);
}

/* A GtkListView under @widget has a row mapped; TRUE without a list */
static gboolean
has_rows (GtkWidget *widget,
          gboolean  *found_list)
{
  if (GTK_IS_LIST_VIEW (widget))
    {
      *found_list = TRUE;
      for (GtkWidget *row = gtk_widget_get_first_child (widget); row; row = gtk_widget_get_next_sibling (row))
        if (gtk_widget_get_mapped (row) && gtk_widget_get_height (row) > 0)
          return TRUE;
      return FALSE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_mapped (child) && has_rows (child, found_list))
      return TRUE;
  return FALSE;
}

static gboolean
is_shown (GtkWidget *widget)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  graphene_rect_t bounds;
  gboolean found_list = FALSE;

  if (!gtk_widget_get_mapped (widget) || !gtk_widget_compute_bounds (widget, root, &bounds) ||
      bounds.size.width <= 0 || bounds.size.height <= 0 || bounds.origin.x < 0 || bounds.origin.y < 0 ||
      bounds.origin.x + bounds.size.width > gtk_widget_get_width (root) + 0.5 ||
      bounds.origin.y + bounds.size.height > gtk_widget_get_height (root) + 0.5)
    return FALSE;
  return has_rows (widget, &found_list) || !found_list;
}

static void
on_shown_after_paint_cb (GdkFrameClock *clock,
                         Shown         *shown)
{
  if (shown->widget != NULL && !is_shown (shown->widget))
    return;
  if (shown->widget != NULL)
    {
      g_print ("%s-ms %.2f\n", shown->name, (g_get_monotonic_time () - shown->start_us) / 1000.0);
      fflush (stdout);
    }
  g_signal_handler_disconnect (clock, shown->handler);
  shown_free (shown);
}

void
bm_first_frame_probe_shown (GtkWidget  *widget,
                            const char *name)
{
  GtkRoot *root;
  Probe *probe;
  GdkFrameClock *clock;
  Shown *shown;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  root = gtk_widget_get_root (widget);
  probe = root ? g_object_get_data (G_OBJECT (root), "bm-first-frame-probe") : NULL;
  clock = probe ? gtk_widget_get_frame_clock (GTK_WIDGET (root)) : NULL;
  if (clock == NULL)
    return;

  shown = g_new0 (Shown, 1);
  g_set_weak_pointer (&shown->widget, widget);
  g_set_weak_pointer (&shown->root, GTK_WIDGET (root));
  shown->name = g_strdup (name);
  shown->start_us = probe->start_us;
  probe->pending++;
  shown->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_shown_after_paint_cb), shown);
  gtk_widget_queue_draw (widget);
}
