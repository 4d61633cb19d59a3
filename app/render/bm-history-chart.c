/* bm-history-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-history-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "bm-date.h"
#include "bm-history-chart.h"

#define SEVERITY_MAX 10

typedef struct
{
  char     *label;
  int      *severity;   /* one per visit; -1: not marked */
  gboolean  shown;
} Series;

struct _BmHistoryChart
{
  guint      n_visits;
  char     **dates;      /* one per visit, oldest first */
  int       *days;       /* their Julian days */
  GPtrArray *series;     /* Series*, most important first */
  GStrv      races;
  int       *race_days;
  guint      n_races;
};

/* Dash patterns in line widths, drawn with butt caps (round ones cost
 * cairo twice the time for the many short dashes): a dot is a dash about
 * as long as the line is wide. Six patterns against seven markers: the
 * pairs repeat only after 42 series. */
static const double dash_long[] = { 8, 3.5 };
static const double dash_dots[] = { 1.2, 2.2 };
static const double dash_dash_dot[] = { 7, 2.8, 1.2, 2.8 };
static const double dash_short[] = { 3.5, 3 };
static const double dash_dash_dot_dot[] = { 7, 2.8, 1.2, 2.8, 1.2, 2.8 };

static const struct { const double *dashes; guint n; } dash_patterns[] = {
  { NULL, 0 },
  { dash_long, G_N_ELEMENTS (dash_long) },
  { dash_dots, G_N_ELEMENTS (dash_dots) },
  { dash_dash_dot, G_N_ELEMENTS (dash_dash_dot) },
  { dash_short, G_N_ELEMENTS (dash_short) },
  { dash_dash_dot_dot, G_N_ELEMENTS (dash_dash_dot_dot) },
};

/* GNOME's palette: darker shades on light ground, lighter on dark */
static const guint32 light_colors[] = {
  0x1c71d8, 0xc01c28, 0x26a269, 0xc64600, 0x813d9c, 0x865e3c, 0x0e7a82, 0x3d3846,
};
static const guint32 dark_colors[] = {
  0x62a0ea, 0xf66151, 0x57e389, 0xffa348, 0xc061cb, 0xcdab8f, 0x5bc8c0, 0xdeddda,
};

G_STATIC_ASSERT (G_N_ELEMENTS (light_colors) == G_N_ELEMENTS (dark_colors));

static void
series_free (gpointer data)
{
  Series *series = data;

  g_free (series->label);
  g_free (series->severity);
  g_free (series);
}

static void
color_from_hex (BmColor *color,
                guint32  hex)
{
  color->red = ((hex >> 16) & 0xff) / 255.0;
  color->green = ((hex >> 8) & 0xff) / 255.0;
  color->blue = (hex & 0xff) / 255.0;
  color->alpha = 1;
}

static void
set_source (cairo_t       *cr,
            const BmColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static int
julian_day (const char *date)
{
  GDate day;

  return date && bm_date_parse (date, &day) ? (int) g_date_get_julian (&day) : 0;
}

static const Series *
get_series (const BmHistoryChart *self,
            guint                 index)
{
  return g_ptr_array_index (self->series, index);
}

/* Text */

static double
small_size (const BmHistoryChartStyle *style)
{
  return style->font_size * 0.85;
}

/* A layout for @text at @size device units, in the style's context or
 * else one of @cr's */
static PangoLayout *
new_layout (cairo_t                   *cr,
            const BmHistoryChartStyle *style,
            const char                *text,
            double                     size)
{
  PangoLayout *layout = style->pango_context ? pango_layout_new (style->pango_context)
                                             : pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (style->font_family);

  pango_font_description_set_absolute_size (desc, round (size * PANGO_SCALE));
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (desc);
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width)
    *width = logical.width / (double) PANGO_SCALE;
  if (height)
    *height = logical.height / (double) PANGO_SCALE;
}

static double
text_height (cairo_t                   *cr,
             const BmHistoryChartStyle *style,
             double                     size)
{
  PangoLayout *layout = new_layout (cr, style, "0", size);
  double height;

  layout_size (layout, NULL, &height);
  g_object_unref (layout);
  return height;
}

static double
text_width (cairo_t                   *cr,
            const BmHistoryChartStyle *style,
            const char                *text,
            double                     size)
{
  PangoLayout *layout = new_layout (cr, style, text, size);
  double width;

  layout_size (layout, &width, NULL);
  g_object_unref (layout);
  return width;
}

/* Draws @text with its top at @y; @align 0 puts its left edge at @x,
 * 0.5 its middle, 1 its right edge. Returns its width. */
static double
draw_text (cairo_t                   *cr,
           const BmHistoryChartStyle *style,
           const char                *text,
           double                     x,
           double                     y,
           double                     align,
           double                     size,
           const BmColor             *color)
{
  PangoLayout *layout = new_layout (cr, style, text, size);
  double width;

  layout_size (layout, &width, NULL);
  set_source (cr, color);
  cairo_move_to (cr, x - width * align, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
  return width;
}

/* The short date under a tick: "9 Nov", with the year when it is the
 * first label or the year changed */
static char *
format_tick_date (const char *date,
                  gboolean    with_year)
{
  /* Translators: a date on the chart's time axis, "9 Nov 2026" (strftime) */
  const char *long_format = _("%-d %b %Y");
  /* Translators: a date on the chart's time axis, "9 Nov" (strftime) */
  const char *short_format = _("%-d %b");
  char *text = bm_date_format (date, with_year ? long_format : short_format);

  return text ? text : g_strdup (date);
}

/* Markers and lines */

/* Adds a marker's shape centred on (x, y) to the path */
static void
add_marker (cairo_t         *cr,
            BmHistoryMarker  marker,
            double           x,
            double           y,
            double           size)
{
  double r = size / 2;

  switch (marker)
    {
    case BM_HISTORY_MARKER_DISC:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_close_path (cr);
      break;
    case BM_HISTORY_MARKER_OPEN_SQUARE:
      r *= 0.85;
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      break;
    case BM_HISTORY_MARKER_TRIANGLE:
      r *= 1.2;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r * 0.866, y + r * 0.5);
      cairo_line_to (cr, x - r * 0.866, y + r * 0.5);
      cairo_close_path (cr);
      break;
    case BM_HISTORY_MARKER_OPEN_DIAMOND:
      r *= 1.15;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
      break;
    case BM_HISTORY_MARKER_CROSS:
      r *= 0.9;
      cairo_move_to (cr, x - r, y - r);
      cairo_line_to (cr, x + r, y + r);
      cairo_move_to (cr, x + r, y - r);
      cairo_line_to (cr, x - r, y + r);
      break;
    case BM_HISTORY_MARKER_SQUARE:
      r *= 0.8;
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      break;
    case BM_HISTORY_MARKER_OPEN_TRIANGLE_DOWN:
    default:
      r *= 1.2;
      cairo_move_to (cr, x, y + r);
      cairo_line_to (cr, x + r * 0.866, y - r * 0.5);
      cairo_line_to (cr, x - r * 0.866, y - r * 0.5);
      cairo_close_path (cr);
      break;
    }
}

static gboolean
marker_is_filled (BmHistoryMarker marker)
{
  return marker == BM_HISTORY_MARKER_DISC || marker == BM_HISTORY_MARKER_TRIANGLE ||
         marker == BM_HISTORY_MARKER_SQUARE;
}

/* The line settings the outlined markers are drawn with */
static void
set_marker_look (cairo_t         *cr,
                 BmHistoryMarker  marker,
                 double           line_width)
{
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, marker == BM_HISTORY_MARKER_CROSS ? line_width * 1.3 : line_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
}

/* Each marker is painted alone: cairo's image backend works over the
 * extents of what it paints, and all of a series' markers together span
 * the whole plot */
static void
paint_marker (cairo_t         *cr,
              BmHistoryMarker  marker,
              double           x,
              double           y,
              double           size)
{
  add_marker (cr, marker, x, y, size);
  if (marker_is_filled (marker))
    cairo_fill (cr);
  else
    cairo_stroke (cr);
}

static void
draw_marker (cairo_t         *cr,
             BmHistoryMarker  marker,
             double           x,
             double           y,
             double           size,
             double           line_width)
{
  cairo_save (cr);
  cairo_new_path (cr);
  set_marker_look (cr, marker, line_width);
  paint_marker (cr, marker, x, y, size);
  cairo_restore (cr);
}

static void
set_line_look (cairo_t                   *cr,
               const BmHistorySeriesLook *look,
               double                     line_width)
{
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, line_width);
  cairo_set_line_cap (cr, look->n_dashes > 0 ? CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
}

/* Strokes the polyline through @n points, cut into the look's dashes,
 * the pattern running on across the corners. Two things make it several
 * times faster in cairo's image backend than one dashed stroke: the
 * dashes are sub-paths of a path with no dash pattern, and each segment
 * is stroked alone (cairo works over the extents of what it strokes, and
 * a whole line spans the plot). The round caps of solid lines cover their
 * corners. */
static void
stroke_line (cairo_t                   *cr,
            const BmHistorySeriesLook *look,
            double                     line_width,
            const double              *xs,
            const double              *ys,
            guint                      n)
{
  guint element = 0;
  double left;
  gboolean pen_down = FALSE;

  if (n == 0)
    return;
  if (look->n_dashes == 0)
    {
      for (guint i = 1; i < n; i++)
        {
          cairo_move_to (cr, xs[i - 1], ys[i - 1]);
          cairo_line_to (cr, xs[i], ys[i]);
          cairo_stroke (cr);
        }
      return;
    }

  left = look->dashes[0] * line_width;
  for (guint i = 1; i < n; i++)
    {
      double dx = xs[i] - xs[i - 1], dy = ys[i] - ys[i - 1];
      double length = sqrt (dx * dx + dy * dy);
      double at = 0;

      while (at < length)
        {
          double step = MIN (left, length - at);
          gboolean on = element % 2 == 0;

          if (on)
            {
              if (!pen_down)
                cairo_move_to (cr, xs[i - 1] + dx * at / length, ys[i - 1] + dy * at / length);
              cairo_line_to (cr, xs[i - 1] + dx * (at + step) / length, ys[i - 1] + dy * (at + step) / length);
              pen_down = TRUE;
            }
          at += step;
          left -= step;
          if (left <= 1e-9)
            {
              element = (element + 1) % look->n_dashes;
              left = look->dashes[element] * line_width;
              pen_down = FALSE;
            }
        }
      cairo_stroke (cr);
      /* A dash that goes on round the corner */
      if (pen_down)
        cairo_move_to (cr, xs[i], ys[i]);
    }
  cairo_new_path (cr);
}

/* The legend: a sample of each shown series' line and marker, then its
 * label, flowing in rows @width wide. Measures with @cr NULL; returns
 * the height. */
static double
lay_out_legend (cairo_t                    *cr,
                const BmHistoryChart       *chart,
                const BmHistoryChartStyle  *style,
                const BmHistoryChartLayout *layout,
                double                      width,
                double                      top)
{
  cairo_t *measure = cr;
  double size = style->font_size;
  double sample_w = round (size * 2.4);
  double gap = round (size * 0.4);
  double spacing = round (size * 1.3);
  double row_h, x = 0, y = 0;
  gboolean any = FALSE;

  g_assert (measure != NULL || style->pango_context != NULL);
  row_h = ceil (text_height (measure, style, size) * 1.25);

  for (guint i = 0; i < chart->series->len; i++)
    {
      const Series *series = get_series (chart, i);
      double label_w, entry_w;

      if (!series->shown)
        continue;
      label_w = text_width (measure, style, series->label, size);
      entry_w = sample_w + gap + label_w;
      if (any && x + entry_w > width)
        {
          x = 0;
          y += row_h;
        }
      if (cr != NULL)
        {
          BmHistorySeriesLook look;
          double mid = top + y + row_h / 2;
          double xs[] = { x + layout->line_width, x + sample_w - layout->line_width };
          double ys[] = { mid, mid };

          bm_history_chart_get_look (i, style->dark, &look);
          set_source (cr, &look.color);
          set_line_look (cr, &look, layout->line_width);
          cairo_new_path (cr);
          stroke_line (cr, &look, layout->line_width, xs, ys, G_N_ELEMENTS (xs));
          draw_marker (cr, look.marker, x + sample_w / 2, mid, layout->marker_size, layout->line_width);
          draw_text (cr, style, series->label, x + sample_w + gap,
                     top + y + (row_h - text_height (cr, style, size)) / 2, 0, size, &style->text);
        }
      x += entry_w + spacing;
      any = TRUE;
    }
  return any ? y + row_h : 0;
}

/* The top band (race labels), the dates under the axis and their gap,
 * and the left column (severity labels) */
static void
measure_frame (cairo_t                   *cr,
               const BmHistoryChart      *chart,
               const BmHistoryChartStyle *style,
               double                    *top_band,
               double                    *bottom_band,
               double                    *left_band,
               double                    *right_band)
{
  double small = small_size (style);
  double th = text_height (cr, style, small);
  double last_w = 0;

  *top_band = chart->n_races > 0 ? ceil (th * 1.35) : ceil (th / 2 + 1);
  *bottom_band = ceil (small * 0.45 + th * 1.2);
  *left_band = ceil (text_width (cr, style, "10", small) + small * 0.6);
  if (chart->n_visits > 0)
    {
      g_autofree char *label = format_tick_date (chart->dates[chart->n_visits - 1], FALSE);

      last_w = text_width (cr, style, label, small);
    }
  *right_band = ceil (MAX (last_w / 2, small));
}

static void
draw_grid (cairo_t                    *cr,
           const BmHistoryChartLayout *layout,
           const BmHistoryChartStyle  *style)
{
  double small = small_size (style);
  double th = text_height (cr, style, small);

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  for (int s = 0; s <= SEVERITY_MAX; s += 2)
    {
      double y = round (bm_history_chart_layout_severity_y (layout, s)) + 0.5;
      char label[4];

      set_source (cr, s == 0 ? &style->axis : &style->grid);
      cairo_move_to (cr, layout->plot_x, y);
      cairo_line_to (cr, layout->plot_x + layout->plot_width, y);
      cairo_stroke (cr);
      g_snprintf (label, sizeof label, "%d", s);
      draw_text (cr, style, label, layout->plot_x - small * 0.4, y - th / 2, 1, small, &style->dim_text);
    }
  set_source (cr, &style->axis);
  cairo_move_to (cr, round (layout->plot_x) + 0.5, layout->plot_y);
  cairo_line_to (cr, round (layout->plot_x) + 0.5, layout->plot_y + layout->plot_height);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* A tick under the axis at each visit, and the dates that fit, the last
 * one always */
static void
draw_time_axis (cairo_t                    *cr,
                const BmHistoryChart       *chart,
                const BmHistoryChartLayout *layout,
                const BmHistoryChartStyle  *style)
{
  double small = small_size (style);
  double bottom = layout->plot_y + layout->plot_height;
  double tick = round (small * 0.45);
  double gap = small * 0.8;
  double placed_right = -G_MAXDOUBLE;
  double last_left = G_MAXDOUBLE;
  int placed_year = 0;
  g_autofree char *last_label = NULL;

  cairo_save (cr);
  set_source (cr, &style->axis);
  cairo_set_line_width (cr, 1);
  for (guint v = 0; v < chart->n_visits; v++)
    {
      double x = round (bm_history_chart_layout_date_x (layout, chart->dates[v])) + 0.5;

      cairo_move_to (cr, x, bottom);
      cairo_line_to (cr, x, bottom + tick);
    }
  cairo_stroke (cr);

  if (chart->n_visits == 0)
    {
      cairo_restore (cr);
      return;
    }

  /* The last date's place is kept for it */
  {
    guint last = chart->n_visits - 1;
    GDate first_day, last_day;
    gboolean new_year;
    double x = bm_history_chart_layout_date_x (layout, chart->dates[last]);
    double w;

    g_date_clear (&first_day, 1);
    g_date_clear (&last_day, 1);
    bm_date_parse (chart->dates[0], &first_day);
    bm_date_parse (chart->dates[last], &last_day);
    new_year = chart->n_visits == 1 ||
               (g_date_valid (&first_day) && g_date_valid (&last_day) &&
                g_date_get_year (&first_day) != g_date_get_year (&last_day));
    last_label = format_tick_date (chart->dates[last], new_year);
    w = text_width (cr, style, last_label, small);
    last_left = CLAMP (x - w / 2, 0, layout->width - w);
  }

  for (guint v = 0; v + 1 < chart->n_visits; v++)
    {
      double x = bm_history_chart_layout_date_x (layout, chart->dates[v]);
      GDate day;
      int year;
      g_autofree char *label = NULL;
      double w, left;

      if (!bm_date_parse (chart->dates[v], &day))
        continue;
      year = g_date_get_year (&day);
      label = format_tick_date (chart->dates[v], year != placed_year);
      w = text_width (cr, style, label, small);
      left = CLAMP (x - w / 2, 0, layout->width - w);
      if (left < placed_right + gap || left + w + gap > last_left)
        continue;
      draw_text (cr, style, label, left, layout->axis_label_y, 0, small, &style->dim_text);
      placed_right = left + w;
      placed_year = year;
    }
  draw_text (cr, style, last_label, last_left, layout->axis_label_y, 0, small, &style->dim_text);
  cairo_restore (cr);
}

/* Each race: a dashed line across the plot, a flag at its top with
 * “Race” over it, and a triangle on the axis */
static void
draw_races (cairo_t                    *cr,
            const BmHistoryChart       *chart,
            const BmHistoryChartLayout *layout,
            const BmHistoryChartStyle  *style)
{
  double small = small_size (style);
  double th = text_height (cr, style, small);
  double bottom = layout->plot_y + layout->plot_height;
  double flag = MAX (small * 0.7, 4);
  double dash[] = { 3, 3 };
  double placed_right = -G_MAXDOUBLE;
  /* Translators: the label over a race date on the progress chart */
  const char *label = _("Race");
  double label_w = text_width (cr, style, label, small);

  cairo_save (cr);
  for (guint r = 0; r < chart->n_races; r++)
    {
      double x = round (bm_history_chart_layout_date_x (layout, chart->races[r])) + 0.5;
      double left = CLAMP (x - label_w / 2, 0, layout->width - label_w);

      set_source (cr, &style->race);
      cairo_set_line_width (cr, 1);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_move_to (cr, x, layout->plot_y + flag);
      cairo_line_to (cr, x, bottom);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      /* The pole and its pennant */
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, x, layout->plot_y - 1);
      cairo_line_to (cr, x, layout->plot_y + flag * 1.6);
      cairo_stroke (cr);
      cairo_move_to (cr, x, layout->plot_y - 1);
      cairo_line_to (cr, x + flag * 1.1, layout->plot_y - 1 + flag * 0.45);
      cairo_line_to (cr, x, layout->plot_y - 1 + flag * 0.9);
      cairo_close_path (cr);
      cairo_fill (cr);

      /* On the time axis */
      cairo_move_to (cr, x, bottom - flag * 0.9);
      cairo_line_to (cr, x + flag * 0.6, bottom);
      cairo_line_to (cr, x - flag * 0.6, bottom);
      cairo_close_path (cr);
      cairo_fill (cr);

      if (left >= placed_right + small * 0.5)
        {
          draw_text (cr, style, label, left, layout->plot_y - 2 - th, 0, small, &style->race);
          placed_right = left + label_w;
        }
    }
  cairo_restore (cr);
}

static void
draw_series (cairo_t                    *cr,
             const BmHistoryChart       *chart,
             const BmHistoryChartLayout *layout,
             const BmHistoryChartStyle  *style,
             guint                       index)
{
  BmHistorySeriesLook look;
  g_autofree double *xs = g_new (double, chart->n_visits);
  g_autofree double *ys = g_new (double, chart->n_visits);
  guint n = 0;

  bm_history_chart_get_look (index, style->dark, &look);
  set_source (cr, &look.color);
  set_line_look (cr, &look, layout->line_width);
  cairo_new_path (cr);
  /* A visit it was not marked at breaks the line */
  for (guint v = 0; v <= chart->n_visits; v++)
    {
      if (v < chart->n_visits && bm_history_chart_layout_get_point (layout, chart, index, v, &xs[n], &ys[n]))
        {
          n++;
          continue;
        }
      if (n > 1)
        stroke_line (cr, &look, layout->line_width, xs, ys, n);
      n = 0;
    }

  set_marker_look (cr, look.marker, layout->line_width);
  for (guint v = 0; v < chart->n_visits; v++)
    {
      double x, y;

      if (bm_history_chart_layout_get_point (layout, chart, index, v, &x, &y))
        paint_marker (cr, look.marker, x, y, layout->marker_size);
    }
}

/* Public API */

void
bm_history_chart_style_init (BmHistoryChartStyle *style,
                             gboolean             dark)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  style->dark = dark;
  style->font_family = "Cantarell, Adwaita Sans, sans-serif";
  style->font_size = 13;
  if (!dark)
    {
      color_from_hex (&style->text, 0x241f31);
      color_from_hex (&style->dim_text, 0x5e5c64);
      color_from_hex (&style->grid, 0xdeddda);
      color_from_hex (&style->axis, 0x77767b);
      color_from_hex (&style->race, 0x241f31);
    }
  else
    {
      color_from_hex (&style->text, 0xffffff);
      color_from_hex (&style->dim_text, 0xc0bfbc);
      color_from_hex (&style->grid, 0x4a4550);
      color_from_hex (&style->axis, 0x9a9996);
      color_from_hex (&style->race, 0xffffff);
    }
}

void
bm_history_chart_get_look (guint                index,
                           gboolean             dark,
                           BmHistorySeriesLook *look)
{
  guint dash = index % G_N_ELEMENTS (dash_patterns);

  g_return_if_fail (look != NULL);

  color_from_hex (&look->color, (dark ? dark_colors : light_colors)[index % G_N_ELEMENTS (light_colors)]);
  look->marker = index % BM_HISTORY_N_MARKERS;
  look->dashes = dash_patterns[dash].dashes;
  look->n_dashes = dash_patterns[dash].n;
  look->dash_index = dash;
}

BmHistoryChart *
bm_history_chart_new (const BmHistory *history)
{
  BmHistoryChart *self;
  g_autoptr(GPtrArray) all = NULL;
  g_auto(GStrv) races = NULL;
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_autoptr(GArray) valid = g_array_new (FALSE, FALSE, sizeof (guint));
  int first = 0, last = 0;

  g_return_val_if_fail (history != NULL, NULL);

  self = g_new0 (BmHistoryChart, 1);
  self->series = g_ptr_array_new_with_free_func (series_free);

  /* Visits with no date have no place on the axis */
  for (guint v = 0; v < bm_history_get_n_visits (history); v++)
    if (julian_day (bm_history_get_visit (history, v)->date) > 0)
      g_array_append_val (valid, v);
  self->n_visits = valid->len;
  self->dates = g_new0 (char *, valid->len + 1);
  self->days = g_new0 (int, MAX (valid->len, 1));
  for (guint i = 0; i < valid->len; i++)
    {
      const BmHistoryVisit *visit = bm_history_get_visit (history, g_array_index (valid, guint, i));

      self->dates[i] = g_strdup (visit->date);
      self->days[i] = julian_day (visit->date);
    }
  if (self->n_visits > 0)
    {
      first = self->days[0];
      last = self->days[self->n_visits - 1];
    }

  all = bm_history_dup_series (history);
  for (guint s = 0; s < all->len; s++)
    {
      const BmHistorySeries *from = g_ptr_array_index (all, s);
      Series *series = g_new0 (Series, 1);
      gboolean any = FALSE;

      series->label = g_strdup (from->label);
      series->severity = g_new (int, MAX (self->n_visits, 1));
      for (guint i = 0; i < self->n_visits; i++)
        {
          series->severity[i] = from->severity[g_array_index (valid, guint, i)];
          any |= series->severity[i] >= 0;
        }
      if (!any)
        {
          series_free (series);
          continue;
        }
      series->shown = self->series->len < BM_HISTORY_CHART_DEFAULT_SERIES;
      g_ptr_array_add (self->series, series);
    }

  races = bm_history_dup_race_dates (history);
  for (guint r = 0; self->n_visits > 0 && races[r]; r++)
    {
      int day = julian_day (races[r]);

      if (day > 0 && day >= first - BM_HISTORY_CHART_RACE_REACH && day <= last + BM_HISTORY_CHART_RACE_REACH)
        g_strv_builder_add (kept, races[r]);
    }
  self->races = g_strv_builder_end (kept);
  self->n_races = g_strv_length (self->races);
  self->race_days = g_new0 (int, MAX (self->n_races, 1));
  for (guint r = 0; r < self->n_races; r++)
    self->race_days[r] = julian_day (self->races[r]);
  return self;
}

void
bm_history_chart_free (BmHistoryChart *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->dates);
  g_free (self->days);
  g_ptr_array_unref (self->series);
  g_strfreev (self->races);
  g_free (self->race_days);
  g_free (self);
}

gboolean
bm_history_chart_is_useful (const BmHistoryChart *self)
{
  guint marked = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint v = 0; v < self->n_visits && marked < 2; v++)
    for (guint s = 0; s < self->series->len; s++)
      if (get_series (self, s)->severity[v] >= 0)
        {
          marked++;
          break;
        }
  return marked >= 2;
}

guint
bm_history_chart_get_n_visits (const BmHistoryChart *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_visits;
}

const char *
bm_history_chart_get_visit_date (const BmHistoryChart *self,
                                 guint                 visit)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (visit < self->n_visits, NULL);
  return self->dates[visit];
}

guint
bm_history_chart_get_n_series (const BmHistoryChart *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->series->len;
}

const char *
bm_history_chart_get_series_label (const BmHistoryChart *self,
                                   guint                 series)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (series < self->series->len, NULL);
  return get_series (self, series)->label;
}

int
bm_history_chart_get_severity (const BmHistoryChart *self,
                               guint                 series,
                               guint                 visit)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (series < self->series->len, -1);
  g_return_val_if_fail (visit < self->n_visits, -1);
  return get_series (self, series)->severity[visit];
}

guint
bm_history_chart_get_n_races (const BmHistoryChart *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_races;
}

const char *
bm_history_chart_get_race_date (const BmHistoryChart *self,
                                guint                 race)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (race < self->n_races, NULL);
  return self->races[race];
}

gboolean
bm_history_chart_get_shown (const BmHistoryChart *self,
                            guint                 series)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (series < self->series->len, FALSE);
  return get_series (self, series)->shown;
}

void
bm_history_chart_set_shown (BmHistoryChart *self,
                            guint           series,
                            gboolean        shown)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (series < self->series->len);
  ((Series *) g_ptr_array_index (self->series, series))->shown = !!shown;
}

void
bm_history_chart_show_first (BmHistoryChart *self,
                             guint           n)
{
  g_return_if_fail (self != NULL);
  for (guint s = 0; s < self->series->len; s++)
    ((Series *) g_ptr_array_index (self->series, s))->shown = s < n;
}

guint
bm_history_chart_get_n_shown (const BmHistoryChart *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);
  for (guint s = 0; s < self->series->len; s++)
    n += get_series (self, s)->shown;
  return n;
}

void
bm_history_chart_layout_compute (BmHistoryChartLayout      *layout,
                                 const BmHistoryChart      *chart,
                                 const BmHistoryChartStyle *style,
                                 double                     width,
                                 double                     height)
{
  BmHistoryChartStyle text_style;
  PangoContext *own_context = NULL;
  double top, bottom, left, right, legend_gap;
  int first = G_MAXINT, last = G_MININT;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (chart != NULL);
  g_return_if_fail (style != NULL);

  /* One Pango context for all the text: a layout's own would load the
   * fonts again each time */
  text_style = *style;
  if (style->pango_context == NULL)
    text_style.pango_context = own_context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  style = &text_style;

  memset (layout, 0, sizeof *layout);
  layout->width = width;
  layout->height = height;
  layout->line_width = MAX (1.0, style->font_size * 0.15);
  layout->marker_size = MAX (4.0, style->font_size * 0.6);

  measure_frame (NULL, chart, style, &top, &bottom, &left, &right);
  layout->legend_height = lay_out_legend (NULL, chart, style, layout, width, 0);
  legend_gap = layout->legend_height > 0 ? round (style->font_size * 0.6) : 0;

  layout->plot_x = left;
  layout->plot_y = top;
  layout->plot_width = MAX (width - left - right, 1);
  layout->plot_height = MAX (height - top - bottom - legend_gap - layout->legend_height, 1);
  layout->axis_label_y = layout->plot_y + layout->plot_height + ceil (small_size (style) * 0.45) + 1;
  layout->legend_y = layout->plot_y + layout->plot_height + bottom + legend_gap;

  for (guint v = 0; v < chart->n_visits; v++)
    {
      first = MIN (first, chart->days[v]);
      last = MAX (last, chart->days[v]);
    }
  for (guint r = 0; r < chart->n_races; r++)
    {
      first = MIN (first, chart->race_days[r]);
      last = MAX (last, chart->race_days[r]);
    }
  if (first > last)
    first = last = 0;
  /* A single day sits in the middle */
  if (first == last)
    {
      first -= 1;
      last += 1;
    }
  layout->first_day = first;
  layout->n_days = last - first;
  g_clear_object (&own_context);
}

double
bm_history_chart_measure_height (const BmHistoryChart      *chart,
                                 const BmHistoryChartStyle *style,
                                 double                     width,
                                 double                     plot_height)
{
  BmHistoryChartLayout layout;

  g_return_val_if_fail (chart != NULL, 0);
  g_return_val_if_fail (style != NULL, 0);

  /* The frame and legend do not depend on the height */
  bm_history_chart_layout_compute (&layout, chart, style, width, 100000);
  return ceil (layout.height - layout.plot_height + plot_height);
}

double
bm_history_chart_layout_date_x (const BmHistoryChartLayout *layout,
                                const char                 *date)
{
  int day;
  double inset;

  g_return_val_if_fail (layout != NULL, -1);

  if ((day = julian_day (date)) == 0)
    return -1;
  /* Points at the ends keep clear of the severity axis */
  inset = MIN (layout->marker_size * 1.5, layout->plot_width / 4);
  return layout->plot_x + inset +
         (day - layout->first_day) * (layout->plot_width - 2 * inset) / MAX (layout->n_days, 1);
}

double
bm_history_chart_layout_severity_y (const BmHistoryChartLayout *layout,
                                    double                      severity)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->plot_y + layout->plot_height * (1 - severity / SEVERITY_MAX);
}

gboolean
bm_history_chart_layout_get_point (const BmHistoryChartLayout *layout,
                                   const BmHistoryChart       *chart,
                                   guint                       series,
                                   guint                       visit,
                                   double                     *x,
                                   double                     *y)
{
  int severity;

  g_return_val_if_fail (layout != NULL && chart != NULL, FALSE);
  g_return_val_if_fail (series < chart->series->len && visit < chart->n_visits, FALSE);

  severity = get_series (chart, series)->severity[visit];
  if (severity < 0)
    return FALSE;
  if (x)
    *x = bm_history_chart_layout_date_x (layout, chart->dates[visit]);
  if (y)
    *y = bm_history_chart_layout_severity_y (layout, MIN (severity, SEVERITY_MAX));
  return TRUE;
}

void
bm_history_chart_draw (cairo_t                    *cr,
                       const BmHistoryChart       *chart,
                       const BmHistoryChartLayout *layout,
                       const BmHistoryChartStyle  *style)
{
  BmHistoryChartStyle text_style;
  PangoContext *own_context = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (chart != NULL && layout != NULL && style != NULL);

  /* One Pango context for all the text, as in measuring */
  text_style = *style;
  if (style->pango_context == NULL)
    text_style.pango_context = own_context = pango_cairo_create_context (cr);
  style = &text_style;

  cairo_save (cr);
  if (style->background.alpha > 0)
    {
      set_source (cr, &style->background);
      cairo_rectangle (cr, layout->plot_x, layout->plot_y, layout->plot_width, layout->plot_height);
      cairo_fill (cr);
    }
  draw_grid (cr, layout, style);
  draw_races (cr, chart, layout, style);
  draw_time_axis (cr, chart, layout, style);
  /* The most important on top */
  for (guint s = chart->series->len; s > 0; s--)
    if (get_series (chart, s - 1)->shown)
      draw_series (cr, chart, layout, style, s - 1);
  cairo_set_dash (cr, NULL, 0, 0);
  lay_out_legend (cr, chart, style, layout, layout->width, layout->legend_y);
  cairo_restore (cr);
  g_clear_object (&own_context);
}

char *
bm_history_chart_format_date (const char *date)
{
  return format_tick_date (date, TRUE);
}

GPtrArray *
bm_history_chart_dup_table (const BmHistoryChart *self,
                            gboolean              shown_only)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  char **header;

  g_return_val_if_fail (self != NULL, rows);

  header = g_new0 (char *, self->n_visits + 2);
  /* Translators: the first column's heading in the table of the progress chart */
  header[0] = g_strdup (_("Area"));
  for (guint v = 0; v < self->n_visits; v++)
    header[v + 1] = bm_history_chart_format_date (self->dates[v]);
  g_ptr_array_add (rows, header);

  for (guint s = 0; s < self->series->len; s++)
    {
      const Series *series = get_series (self, s);
      char **row;

      if (shown_only && !series->shown)
        continue;
      row = g_new0 (char *, self->n_visits + 2);
      row[0] = g_strdup (series->label);
      for (guint v = 0; v < self->n_visits; v++)
        row[v + 1] = series->severity[v] >= 0 ? g_strdup_printf ("%d", series->severity[v])
                                              : g_strdup ("–");
      g_ptr_array_add (rows, row);
    }
  return rows;
}

char *
bm_history_chart_dup_series_text (const BmHistoryChart *self,
                                  guint                 series)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const Series *s;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (series < self->series->len, NULL);

  s = get_series (self, series);
  for (guint v = 0; v < self->n_visits; v++)
    {
      g_autofree char *date = bm_history_chart_format_date (self->dates[v]);

      if (v > 0)
        g_string_append (out, "; ");
      if (s->severity[v] >= 0)
        /* Translators: one visit in the text of the progress chart, "9 Nov 2026, 6" */
        g_string_append_printf (out, _("%s, %d"), date, s->severity[v]);
      else
        /* Translators: one visit in the text of the progress chart, "9 Nov 2026, not marked" */
        g_string_append_printf (out, _("%s, not marked"), date);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
bm_history_chart_dup_summary (const BmHistoryChart *self)
{
  g_autoptr(GString) areas = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->n_visits == 0)
    return g_strdup (_("No visits to chart."));
  for (guint s = 0; s < self->series->len; s++)
    if (get_series (self, s)->shown)
      {
        if (areas->len > 0)
          g_string_append (areas, _(", "));
        g_string_append (areas, get_series (self, s)->label);
      }
  from = bm_history_chart_format_date (self->dates[0]);
  to = bm_history_chart_format_date (self->dates[self->n_visits - 1]);
  if (areas->len == 0)
    g_string_append (areas, _("no area"));
  g_string_append_printf (out,
                          /* Translators: the progress chart in words, "Severity from 0 to 10 of Left calf, Neck at 3 visits, 9 Nov 2026 to 7 Dec 2026." */
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Severity from 0 to 10 of %s at %u visit, %s to %s.",
                                       "Severity from 0 to 10 of %s at %u visits, %s to %s.",
                                       self->n_visits),
                          areas->str, self->n_visits, from, to);
  for (guint r = 0; r < self->n_races; r++)
    {
      g_autofree char *day = bm_history_chart_format_date (self->races[r]);

      g_string_append_c (out, ' ');
      /* Translators: in the progress chart in words, "Race on 30 Nov 2026." */
      g_string_append_printf (out, _("Race on %s."), day);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
