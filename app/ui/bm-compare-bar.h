/* bm-compare-bar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bm-comparison.h"

G_BEGIN_DECLS

#define BM_TYPE_COMPARE_BAR (bm_compare_bar_get_type ())

G_DECLARE_FINAL_TYPE (BmCompareBar, bm_compare_bar, BM, COMPARE_BAR, GtkWidget)

/* Compare: a toggle that compares today's visit with the last one, and
 * which earlier visit to compare with. Shown only when the visit has
 * earlier ones. */
GtkWidget    *bm_compare_bar_new            (void);
void          bm_compare_bar_set_comparison (BmCompareBar *self,
                                             BmComparison *comparison);
GtkToggleButton *bm_compare_bar_get_toggle  (BmCompareBar *self);
GtkDropDown  *bm_compare_bar_get_drop_down  (BmCompareBar *self);

G_END_DECLS
