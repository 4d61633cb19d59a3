/* bm-map-bar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BM_TYPE_MAP_BAR (bm_map_bar_get_type ())

G_DECLARE_FINAL_TYPE (BmMapBar, bm_map_bar, BM, MAP_BAR, GtkWidget)

/* The bar over the map: two children (in a template, two <child>), the
 * first at the start (Compare), the second at the end (the outline).
 * Side by side when both fit at their natural width; in a narrow window
 * the second goes under the first, so neither makes the window wider. */
GtkWidget *bm_map_bar_new (void);

G_END_DECLS
