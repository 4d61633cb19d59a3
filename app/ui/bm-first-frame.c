/* bm-first-frame.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-first-frame"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bm-first-frame.h"

#define SETTLE_MS 1500

typedef struct
{
  gint64  start_us;
  gulong  handler;
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
  g_print ("first-frame-ms %.2f\n", (g_get_monotonic_time () - probe->start_us) / 1000.0);
  fflush (stdout);
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
  Probe *probe;

  g_return_if_fail (GTK_IS_WINDOW (window));

  if (g_strcmp0 (g_getenv ("BODYMAP_FIRST_FRAME_PROBE"), "1") != 0)
    return;

  probe = g_new0 (Probe, 1);
  probe->start_us = start_us;
  g_object_set_data_full (G_OBJECT (window), "bm-first-frame-probe", probe, g_free);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), NULL);
}
