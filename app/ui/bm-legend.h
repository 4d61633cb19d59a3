/* bm-legend.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BM_TYPE_LEGEND (bm_legend_get_type ())

G_DECLARE_FINAL_TYPE (BmLegend, bm_legend, BM, LEGEND, GtkWidget)

/* The key to the map's colours and symbols. Its items wrap into as many
 * rows as the width needs, and it asks for the height of those rows. */
GtkWidget *bm_legend_new (void);

G_END_DECLS
