/* bm-legend.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bm-comparison.h"

G_BEGIN_DECLS

#define BM_TYPE_LEGEND (bm_legend_get_type ())

G_DECLARE_FINAL_TYPE (BmLegend, bm_legend, BM, LEGEND, GtkWidget)

/* The key to the map's colours and symbols. Its items wrap into as many
 * rows as the width needs, and it asks for the height of those rows. */
GtkWidget *bm_legend_new            (void);
/* While @comparison compares two visits, the key to the changes */
void       bm_legend_set_comparison (BmLegend     *self,
                                     BmComparison *comparison);
gboolean   bm_legend_get_comparing  (BmLegend     *self);

G_END_DECLS
