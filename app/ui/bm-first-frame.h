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
 * memory), and quits. Otherwise it does nothing. */
void bm_first_frame_probe (GtkWindow *window,
                           gint64     start_us);

G_END_DECLS
