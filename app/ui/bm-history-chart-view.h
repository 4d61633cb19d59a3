/* bm-history-chart-view.h: the progress chart on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bm-history-chart.h"

G_BEGIN_DECLS

#define BM_TYPE_HISTORY_CHART_VIEW (bm_history_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (BmHistoryChartView, bm_history_chart_view, BM, HISTORY_CHART_VIEW, GtkWidget)

GtkWidget            *bm_history_chart_view_new        (void);
/* Takes @chart (may be NULL: nothing to draw) */
void                  bm_history_chart_view_set_chart  (BmHistoryChartView *self,
                                                        BmHistoryChart     *chart);
const BmHistoryChart *bm_history_chart_view_get_chart  (BmHistoryChartView *self);
/* Draws series @series or not, and says so to assistive technologies */
void                  bm_history_chart_view_set_shown  (BmHistoryChartView *self,
                                                        guint               series,
                                                        gboolean            shown);

G_END_DECLS
