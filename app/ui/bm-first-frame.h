/* bm-first-frame.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* For the start-up benchmark (bench/bm-bench.c): when the environment has
 * BODYMAP_FIRST_FRAME_PROBE=1, the first frame painted in @window prints
 * "first-frame-ms N" (since @start_us, g_get_monotonic_time() at the top of
 * main()), then, once the app has settled, "pss-kib N" (its proportional
 * memory), and quits. With BODYMAP_FIRST_FRAME_PROBE=exit it prints the
 * first two and ends the process at once: what a profiler records of it
 * ends at the first frame. Otherwise it does nothing. */
void bm_first_frame_probe (GtkWindow *window,
                           gint64     start_us);

/* With that probe on in @widget's window: the first painted frame in which
 * @widget is mapped, wholly inside the window (any page transition over)
 * and, if it holds a GtkListView, with rows on screen prints "NAME-ms N",
 * the time since the same @start_us. Otherwise it does nothing. */
void bm_first_frame_probe_shown (GtkWidget  *widget,
                                 const char *name);

G_END_DECLS
