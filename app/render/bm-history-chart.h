/* bm-history-chart.h: a client's areas, severity over the visits, drawn
 * with cairo for the screen, print and PDF, and the same as a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "bm-history.h"
#include "bm-map-renderer.h"

G_BEGIN_DECLS

/* The areas drawn until the user picks others: the most important first */
#define BM_HISTORY_CHART_DEFAULT_SERIES 4

/* Races this many days before the first visit or after the last one
 * still get a marker, and widen the time axis to reach them */
#define BM_HISTORY_CHART_RACE_REACH 42

typedef struct _BmHistoryChart BmHistoryChart;

/* Colours and text. The series' own colours come with their look. */
typedef struct
{
  BmColor       background;  /* under the plot; alpha 0: none */
  BmColor       text;
  BmColor       dim_text;
  BmColor       grid;
  BmColor       axis;
  BmColor       race;
  const char   *font_family;
  double        font_size;   /* device units */
  /* Borrowed: the widget's on screen, the document's in print; NULL: one
   * is made for each cairo context, and for measuring */
  PangoContext *pango_context;
  gboolean      dark;
} BmHistoryChartStyle;

/* Markers, one shape and fill each, so the series part in grey scale */
typedef enum
{
  BM_HISTORY_MARKER_DISC,
  BM_HISTORY_MARKER_OPEN_SQUARE,
  BM_HISTORY_MARKER_TRIANGLE,
  BM_HISTORY_MARKER_OPEN_DIAMOND,
  BM_HISTORY_MARKER_CROSS,
  BM_HISTORY_MARKER_SQUARE,
  BM_HISTORY_MARKER_OPEN_TRIANGLE_DOWN,
  BM_HISTORY_N_MARKERS
} BmHistoryMarker;

/* How series number @index (its place in the chart, most important
 * first) is drawn: colour, marker and dash pattern (in line widths;
 * none: solid). Marker and dash cycle at coprime lengths, so no two of
 * the first 42 series share both. */
typedef struct
{
  BmColor          color;
  BmHistoryMarker  marker;
  const double    *dashes;
  guint            n_dashes;
  guint            dash_index;
} BmHistorySeriesLook;

/* Where the parts sit on the target, device units */
typedef struct
{
  double width, height;
  double plot_x, plot_y;          /* the plot's top-left corner */
  double plot_width, plot_height;
  double axis_label_y;            /* top of the dates under the axis */
  double legend_y;                /* top of the legend */
  double legend_height;
  double line_width;
  double marker_size;
  int    first_day;               /* Julian day at the plot's left edge */
  int    n_days;                  /* days across the plot, 1 or more */
} BmHistoryChartLayout;

void            bm_history_chart_style_init       (BmHistoryChartStyle       *style,
                                                   gboolean                   dark);
void            bm_history_chart_get_look         (guint                      index,
                                                   gboolean                   dark,
                                                   BmHistorySeriesLook       *look);

/* Copies what it draws from @history: the visits' dates, every area's
 * severities (bm_history_dup_series()) and the races near the visits.
 * The first BM_HISTORY_CHART_DEFAULT_SERIES areas are shown. */
BmHistoryChart *bm_history_chart_new              (const BmHistory           *history);
void            bm_history_chart_free             (BmHistoryChart            *self);

/* Worth a chart: two or more visits at which something was marked */
gboolean        bm_history_chart_is_useful        (const BmHistoryChart      *self);

guint           bm_history_chart_get_n_visits     (const BmHistoryChart      *self);
const char     *bm_history_chart_get_visit_date   (const BmHistoryChart      *self,
                                                   guint                      visit);
guint           bm_history_chart_get_n_series     (const BmHistoryChart      *self);
/* "Left calf" */
const char     *bm_history_chart_get_series_label (const BmHistoryChart      *self,
                                                   guint                      series);
/* 0–10, or -1 when the area was not marked at that visit */
int             bm_history_chart_get_severity     (const BmHistoryChart      *self,
                                                   guint                      series,
                                                   guint                      visit);
/* The races that get a marker, sorted, "YYYY-MM-DD" */
guint           bm_history_chart_get_n_races      (const BmHistoryChart      *self);
const char     *bm_history_chart_get_race_date    (const BmHistoryChart      *self,
                                                   guint                      race);

/* Which series are drawn (and in the legend) */
gboolean        bm_history_chart_get_shown        (const BmHistoryChart      *self,
                                                   guint                      series);
void            bm_history_chart_set_shown        (BmHistoryChart            *self,
                                                   guint                      series,
                                                   gboolean                   shown);
/* Shows the first @n series (all of them with G_MAXUINT), hides the rest */
void            bm_history_chart_show_first       (BmHistoryChart            *self,
                                                   guint                      n);
guint           bm_history_chart_get_n_shown      (const BmHistoryChart      *self);

/* The chart at @width × @height (the legend takes what it needs, the plot
 * the rest) */
void            bm_history_chart_layout_compute   (BmHistoryChartLayout      *layout,
                                                   const BmHistoryChart      *chart,
                                                   const BmHistoryChartStyle *style,
                                                   double                     width,
                                                   double                     height);
/* The height the chart wants at @width for a plot @plot_height tall */
double          bm_history_chart_measure_height   (const BmHistoryChart      *chart,
                                                   const BmHistoryChartStyle *style,
                                                   double                     width,
                                                   double                     plot_height);
/* Where a day ("YYYY-MM-DD") is on the time axis; -1 when not a date */
double          bm_history_chart_layout_date_x    (const BmHistoryChartLayout *layout,
                                                   const char                *date);
double          bm_history_chart_layout_severity_y (const BmHistoryChartLayout *layout,
                                                    double                     severity);
/* The point of @series at @visit; FALSE when not marked then */
gboolean        bm_history_chart_layout_get_point (const BmHistoryChartLayout *layout,
                                                   const BmHistoryChart      *chart,
                                                   guint                      series,
                                                   guint                      visit,
                                                   double                    *x,
                                                   double                    *y);

/* Everything: grid, axes with the visits' and races' marks, a line and
 * markers per shown series, the legend */
void            bm_history_chart_draw             (cairo_t                   *cr,
                                                   const BmHistoryChart      *chart,
                                                   const BmHistoryChartLayout *layout,
                                                   const BmHistoryChartStyle *style);

/* The text alternative. A table: the header row (“Area”, then each
 * visit's date), then a row per series (the shown ones, or all): its
 * label, then its severity at each visit, “6”, or “–” when not marked.
 * Each row a GStrv. */
GPtrArray      *bm_history_chart_dup_table        (const BmHistoryChart      *self,
                                                   gboolean                   shown_only);
/* A visit's date as the table and the axis's long form write it:
 * "9 Nov 2026" */
char           *bm_history_chart_format_date      (const char                *date);
/* One series as a sentence: "Left calf: 9 Nov 2026, 6; 23 Nov 2026, not
 * marked; 7 Dec 2026, 3" */
char           *bm_history_chart_dup_series_text  (const BmHistoryChart      *self,
                                                   guint                      series);
/* What the chart shows, in words: its visits, areas and races */
char           *bm_history_chart_dup_summary      (const BmHistoryChart      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BmHistoryChart, bm_history_chart_free)

G_END_DECLS
