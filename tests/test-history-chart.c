/* test-history-chart.c: the progress chart, its table and the printed
 * plan's chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "bm-advisor.h"
#include "bm-history-chart.h"
#include "bm-plan-document.h"
#include "bm-progress.h"

#include "bm-test-files.h"

#define WIDTH 640
#define HEIGHT 360

typedef struct
{
  const char *date;
  const char *next_race;   /* may be NULL */
  struct { const char *region; BmSide side; int severity; } marks[6];
} Visit;

/* Four visits a fortnight apart; the calf is not marked at the third */
static const Visit four_visits[] = {
  { "2026-10-05", "2026-11-08", { { "calf", BM_SIDE_LEFT, 6 }, { "neck", BM_SIDE_CENTER, 3 },
                                  { "hamstrings", BM_SIDE_RIGHT, 2 } } },
  { "2026-10-19", "2026-11-08", { { "calf", BM_SIDE_LEFT, 4 }, { "shin", BM_SIDE_RIGHT, 5 },
                                  { "glutes", BM_SIDE_LEFT, 1 } } },
  { "2026-11-02", "2026-11-08", { { "shin", BM_SIDE_RIGHT, 5 }, { "lower-back", BM_SIDE_CENTER, 2 } } },
  { "2026-11-16", "2027-06-01", { { "calf", BM_SIDE_LEFT, 2 }, { "shin", BM_SIDE_RIGHT, 3 },
                                  { "it-band", BM_SIDE_LEFT, 1 } } },
};

static BmIntake *
make_intake (const Visit *visit)
{
  BmIntake *intake = bm_intake_new ();

  bm_intake_set_client_name (intake, "Jamie Rivers");
  bm_intake_set_visit_date (intake, visit->date);
  if (visit->next_race)
    bm_intake_set_next_race (intake, visit->next_race, "marathon");
  for (guint m = 0; m < G_N_ELEMENTS (visit->marks) && visit->marks[m].region; m++)
    {
      g_autoptr(BmMark) mark = bm_mark_new (visit->marks[m].region, visit->marks[m].side,
                                            visit->marks[m].severity, BM_SYMPTOM_TIGHT, NULL);

      bm_intake_set_mark (intake, mark, FALSE);
    }
  return intake;
}

static BmHistory *
make_history (const Visit *visits,
              guint        n)
{
  BmHistory *history = bm_history_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BmIntake) intake = make_intake (&visits[i]);

      bm_history_add (history, intake, bm_advise (intake));
    }
  return history;
}

static guint
series_index (const BmHistoryChart *chart,
              const char           *label)
{
  for (guint s = 0; s < bm_history_chart_get_n_series (chart); s++)
    if (g_strcmp0 (bm_history_chart_get_series_label (chart, s), label) == 0)
      return s;
  g_error ("no series “%s” in the chart", label);
  return G_MAXUINT;
}

/* The chart on white, as print has it */
static cairo_surface_t *
render (const BmHistoryChart       *chart,
        BmHistoryChartLayout       *layout,
        const BmHistoryChartStyle  *style,
        const char                 *name)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  bm_history_chart_layout_compute (layout, chart, style, WIDTH, HEIGHT);
  bm_history_chart_draw (cr, chart, layout, style);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* To look at it: BM_TEST_KEEP_PNG=folder */
  if (g_getenv ("BM_TEST_KEEP_PNG") && name)
    {
      g_autofree char *path = g_build_filename (g_getenv ("BM_TEST_KEEP_PNG"), name, NULL);

      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
    }
  return surface;
}

static void
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y,
          double           rgb[3])
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;

  g_assert_true (x >= 0 && y >= 0 && x < WIDTH && y < HEIGHT);
  pixel = *(const guint32 *) (data + y * stride + x * 4);
  rgb[0] = ((pixel >> 16) & 0xff) / 255.0;
  rgb[1] = ((pixel >> 8) & 0xff) / 255.0;
  rgb[2] = (pixel & 0xff) / 255.0;
}

/* A pixel of @color (nearly) within @radius of (x, y) */
static gboolean
has_color_near (cairo_surface_t *surface,
                double           x,
                double           y,
                double           radius,
                const BmColor   *color)
{
  for (int dy = (int) -radius; dy <= (int) radius; dy++)
    for (int dx = (int) -radius; dx <= (int) radius; dx++)
      {
        int px = (int) round (x) + dx, py = (int) round (y) + dy;
        double rgb[3];

        if (px < 0 || py < 0 || px >= WIDTH || py >= HEIGHT)
          continue;
        pixel_at (surface, px, py, rgb);
        if (fabs (rgb[0] - color->red) < 0.08 && fabs (rgb[1] - color->green) < 0.08 &&
            fabs (rgb[2] - color->blue) < 0.08)
          return TRUE;
      }
  return FALSE;
}

/* The series' values, as the history gave them, and its table */
static void
test_series_and_table (void)
{
  g_autoptr(BmHistory) history = make_history (four_visits, G_N_ELEMENTS (four_visits));
  g_autoptr(BmHistoryChart) chart = bm_history_chart_new (history);
  g_autoptr(GPtrArray) table = NULL;
  g_autoptr(GPtrArray) all = NULL;
  char **header, **calf_row = NULL, **neck_row = NULL;
  guint calf, shin;

  g_assert_cmpuint (bm_history_chart_get_n_visits (chart), ==, 4);
  g_assert_cmpuint (bm_history_chart_get_n_series (chart), ==, 7);
  g_assert_true (bm_history_chart_is_useful (chart));
  calf = series_index (chart, "Left calf");
  shin = series_index (chart, "Right shin");
  g_assert_cmpint (bm_history_chart_get_severity (chart, calf, 0), ==, 6);
  g_assert_cmpint (bm_history_chart_get_severity (chart, calf, 2), ==, -1);
  g_assert_cmpint (bm_history_chart_get_severity (chart, shin, 0), ==, -1);
  g_assert_cmpint (bm_history_chart_get_severity (chart, shin, 3), ==, 3);

  /* The top four by default: marked at the last visit, worst first */
  g_assert_cmpuint (bm_history_chart_get_n_shown (chart), ==, BM_HISTORY_CHART_DEFAULT_SERIES);
  g_assert_cmpstr (bm_history_chart_get_series_label (chart, 0), ==, "Right shin");
  g_assert_cmpstr (bm_history_chart_get_series_label (chart, 1), ==, "Left calf");
  g_assert_true (bm_history_chart_get_shown (chart, calf));

  table = bm_history_chart_dup_table (chart, TRUE);
  g_assert_cmpuint (table->len, ==, 1 + BM_HISTORY_CHART_DEFAULT_SERIES);
  header = g_ptr_array_index (table, 0);
  g_assert_cmpuint (g_strv_length (header), ==, 5);
  g_assert_cmpstr (header[0], ==, "Area");
  g_assert_cmpstr (header[1], ==, "5 Oct 2026");
  g_assert_cmpstr (header[4], ==, "16 Nov 2026");
  for (guint r = 1; r < table->len; r++)
    {
      char **row = g_ptr_array_index (table, r);

      g_assert_cmpuint (g_strv_length (row), ==, 5);
      if (g_str_equal (row[0], "Left calf"))
        calf_row = row;
    }
  g_assert_nonnull (calf_row);
  g_assert_cmpstr (calf_row[1], ==, "6");
  g_assert_cmpstr (calf_row[2], ==, "4");
  g_assert_cmpstr (calf_row[3], ==, "–");
  g_assert_cmpstr (calf_row[4], ==, "2");

  /* Every area on request: the neck, marked once at the first visit */
  all = bm_history_chart_dup_table (chart, FALSE);
  g_assert_cmpuint (all->len, ==, 1 + 7);
  for (guint r = 1; r < all->len; r++)
    if (g_str_equal (((char **) g_ptr_array_index (all, r))[0], "Neck"))
      neck_row = g_ptr_array_index (all, r);
  g_assert_nonnull (neck_row);
  g_assert_cmpstr (neck_row[1], ==, "3");
  g_assert_cmpstr (neck_row[2], ==, "–");
  g_assert_cmpstr (neck_row[4], ==, "–");

  {
    g_autofree char *text = bm_history_chart_dup_series_text (chart, calf);
    g_autofree char *summary = bm_history_chart_dup_summary (chart);

    g_assert_cmpstr (text, ==, "5 Oct 2026, 6; 19 Oct 2026, 4; 2 Nov 2026, not marked; 16 Nov 2026, 2");
    g_assert_nonnull (strstr (summary, "Right shin, Left calf"));
    g_assert_nonnull (strstr (summary, "at 4 visits, 5 Oct 2026 to 16 Nov 2026"));
    g_assert_nonnull (strstr (summary, "Race on 8 Nov 2026."));
  }
}

/* Two visits with marks make a chart; one, or a second with none, not */
static void
test_useful (void)
{
  static const Visit one_marked[] = {
    { "2026-10-05", NULL, { { "calf", BM_SIDE_LEFT, 6 } } },
    { "2026-10-19", NULL, { { NULL } } },
  };
  g_autoptr(BmHistory) single = make_history (four_visits, 1);
  g_autoptr(BmHistory) empty_second = make_history (one_marked, G_N_ELEMENTS (one_marked));
  g_autoptr(BmHistory) two = make_history (four_visits, 2);
  g_autoptr(BmHistoryChart) a = bm_history_chart_new (single);
  g_autoptr(BmHistoryChart) b = bm_history_chart_new (empty_second);
  g_autoptr(BmHistoryChart) c = bm_history_chart_new (two);

  g_assert_false (bm_history_chart_is_useful (a));
  g_assert_false (bm_history_chart_is_useful (b));
  g_assert_true (bm_history_chart_is_useful (c));
}

/* Each shown series is drawn at its points in its colour; a hidden one
 * is not; a visit it was not marked at breaks its line */
static void
test_draws_points (void)
{
  g_autoptr(BmHistory) history = make_history (four_visits, G_N_ELEMENTS (four_visits));
  g_autoptr(BmHistoryChart) chart = bm_history_chart_new (history);
  BmHistoryChartStyle style;
  BmHistoryChartLayout layout;
  cairo_surface_t *surface;
  guint calf = series_index (chart, "Left calf");
  guint glutes = series_index (chart, "Left glutes");
  BmHistorySeriesLook look;
  double x0, y0, x1, y1, x3, y3;

  bm_history_chart_style_init (&style, FALSE);
  surface = render (chart, &layout, &style, "chart.png");

  /* Inside the surface, with room for the legend */
  g_assert_cmpfloat (layout.plot_x, >, 0);
  g_assert_cmpfloat (layout.plot_x + layout.plot_width, <=, WIDTH);
  g_assert_cmpfloat (layout.legend_y + layout.legend_height, <=, HEIGHT + 0.5);
  g_assert_cmpfloat (layout.plot_height, >, HEIGHT / 2);

  for (guint s = 0; s < bm_history_chart_get_n_series (chart); s++)
    {
      if (!bm_history_chart_get_shown (chart, s))
        continue;
      bm_history_chart_get_look (s, FALSE, &look);
      for (guint v = 0; v < bm_history_chart_get_n_visits (chart); v++)
        {
          double x, y;

          if (!bm_history_chart_layout_get_point (&layout, chart, s, v, &x, &y))
            continue;
          if (!has_color_near (surface, x, y, layout.marker_size / 2, &look.color))
            g_error ("%s at visit %u: not drawn at %.0f, %.0f", bm_history_chart_get_series_label (chart, s),
                     v, x, y);
        }
    }

  /* Later visits to the right, higher severity higher up */
  g_assert_true (bm_history_chart_layout_get_point (&layout, chart, calf, 0, &x0, &y0));
  g_assert_true (bm_history_chart_layout_get_point (&layout, chart, calf, 1, &x1, &y1));
  g_assert_false (bm_history_chart_layout_get_point (&layout, chart, calf, 2, NULL, NULL));
  g_assert_true (bm_history_chart_layout_get_point (&layout, chart, calf, 3, &x3, &y3));
  g_assert_cmpfloat (x0, <, x1);
  g_assert_cmpfloat (y0, <, y1);
  g_assert_cmpfloat (y1, <, y3);
  g_assert_cmpfloat_with_epsilon (y0, bm_history_chart_layout_severity_y (&layout, 6), 0.01);

  /* The calf's line: between its first two points, not across the gap */
  bm_history_chart_get_look (calf, FALSE, &look);
  g_assert_true (has_color_near (surface, (x0 + x1) / 2, (y0 + y1) / 2, 2, &look.color));
  {
    double x2 = bm_history_chart_layout_date_x (&layout, bm_history_chart_get_visit_date (chart, 2));
    double across = y1 + (y3 - y1) * (x2 - x1) / (x3 - x1);

    g_assert_false (has_color_near (surface, x2, across, 2, &look.color));
  }

  /* The glutes are not among the first four: none of them drawn */
  g_assert_false (bm_history_chart_get_shown (chart, glutes));
  bm_history_chart_get_look (glutes, FALSE, &look);
  g_assert_true (bm_history_chart_layout_get_point (&layout, chart, glutes, 1, &x0, &y0));
  g_assert_false (has_color_near (surface, x0, y0, layout.marker_size, &look.color));
  cairo_surface_destroy (surface);

  /* Picked, it is */
  bm_history_chart_set_shown (chart, glutes, TRUE);
  surface = render (chart, &layout, &style, "chart-neck.png");
  g_assert_true (bm_history_chart_layout_get_point (&layout, chart, glutes, 1, &x0, &y0));
  g_assert_true (has_color_near (surface, x0, y0, layout.marker_size / 2, &look.color));
  cairo_surface_destroy (surface);

  /* All of them, and the legend still fits */
  bm_history_chart_show_first (chart, G_MAXUINT);
  g_assert_cmpuint (bm_history_chart_get_n_shown (chart), ==, bm_history_chart_get_n_series (chart));
  surface = render (chart, &layout, &style, "chart-all.png");
  g_assert_cmpfloat (layout.legend_y + layout.legend_height, <=, HEIGHT + 0.5);
  cairo_surface_destroy (surface);
}

/* In grey scale each series still differs from the others: its own
 * marker and dash pattern, and so its own pixels for the same values */
static void
test_grey_scale (void)
{
  static const Visit same[] = {
    { "2026-10-05", NULL, { { "calf", BM_SIDE_LEFT, 6 }, { "calf", BM_SIDE_RIGHT, 6 },
                            { "shin", BM_SIDE_LEFT, 6 }, { "shin", BM_SIDE_RIGHT, 6 } } },
    { "2026-11-02", NULL, { { "calf", BM_SIDE_LEFT, 3 }, { "calf", BM_SIDE_RIGHT, 3 },
                            { "shin", BM_SIDE_LEFT, 3 }, { "shin", BM_SIDE_RIGHT, 3 } } },
  };
  g_autoptr(BmHistory) history = make_history (same, G_N_ELEMENTS (same));
  g_autoptr(BmHistoryChart) chart = bm_history_chart_new (history);
  guint n = bm_history_chart_get_n_series (chart);
  g_autofree guint8 **grey = g_new0 (guint8 *, n);
  BmHistoryChartStyle style;
  BmHistoryChartLayout layout;

  /* No two of the first dozen looks share marker and dash */
  for (guint i = 0; i < 12; i++)
    for (guint j = i + 1; j < 12; j++)
      {
        BmHistorySeriesLook a, b;

        bm_history_chart_get_look (i, FALSE, &a);
        bm_history_chart_get_look (j, FALSE, &b);
        g_assert_false (a.marker == b.marker && a.dash_index == b.dash_index);
      }
  for (guint i = 0; i < BM_HISTORY_N_MARKERS; i++)
    {
      BmHistorySeriesLook a, b;

      bm_history_chart_get_look (i, FALSE, &a);
      bm_history_chart_get_look (i + 1, FALSE, &b);
      g_assert_cmpint (a.marker, !=, b.marker);
      g_assert_cmpuint (a.dash_index, !=, b.dash_index);
    }

  /* Each series alone, the plot in grey */
  g_assert_cmpuint (n, ==, 4);
  bm_history_chart_style_init (&style, FALSE);
  for (guint s = 0; s < n; s++)
    {
      cairo_surface_t *surface;
      g_autofree char *name = g_strdup_printf ("grey-%u.png", s);

      bm_history_chart_show_first (chart, 0);
      bm_history_chart_set_shown (chart, s, TRUE);
      surface = render (chart, &layout, &style, name);
      grey[s] = g_new0 (guint8, WIDTH * HEIGHT);
      for (int y = (int) layout.plot_y; y < (int) (layout.plot_y + layout.plot_height); y++)
        for (int x = (int) layout.plot_x; x < (int) (layout.plot_x + layout.plot_width); x++)
          {
            double rgb[3];

            pixel_at (surface, x, y, rgb);
            grey[s][y * WIDTH + x] = (guint8) round (255 * (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]));
          }
      cairo_surface_destroy (surface);
    }
  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      {
        guint differ = 0;

        /* Ignoring the difference in grey level the colours make */
        for (guint p = 0; p < WIDTH * HEIGHT; p++)
          differ += (grey[a][p] < 200) != (grey[b][p] < 200);
        if (differ < 150)
          g_error ("series %u and %u: only %u pixels differ in grey scale", a, b, differ);
      }
  for (guint s = 0; s < n; s++)
    g_free (grey[s]);
}

/* Races near the visits get a flag and widen the axis; far ones not */
static void
test_races (void)
{
  g_autoptr(BmHistory) history = make_history (four_visits, G_N_ELEMENTS (four_visits));
  g_autoptr(BmHistoryChart) chart = bm_history_chart_new (history);
  BmHistoryChartStyle style;
  BmHistoryChartLayout layout;
  cairo_surface_t *surface;
  double x, x_last;
  guint found = 0;

  /* 2027-06-01 is months after the last visit */
  g_assert_cmpuint (bm_history_chart_get_n_races (chart), ==, 1);
  g_assert_cmpstr (bm_history_chart_get_race_date (chart, 0), ==, "2026-11-08");

  bm_history_chart_style_init (&style, FALSE);
  surface = render (chart, &layout, &style, NULL);
  x = bm_history_chart_layout_date_x (&layout, "2026-11-08");
  x_last = bm_history_chart_layout_date_x (&layout, "2026-11-16");
  g_assert_cmpfloat (x, >, layout.plot_x);
  g_assert_cmpfloat (x, <, x_last);
  /* Its dashed line down the plot, in the race colour */
  for (int y = (int) layout.plot_y; y < (int) (layout.plot_y + layout.plot_height); y += 1)
    found += has_color_near (surface, x, y, 0, &style.race);
  g_assert_cmpuint (found, >, layout.plot_height / 4);
  cairo_surface_destroy (surface);

  /* A race three weeks after the last visit: the axis reaches it */
  {
    static const Visit with_race[] = {
      { "2026-10-05", NULL, { { "calf", BM_SIDE_LEFT, 6 } } },
      { "2026-10-19", "2026-11-09", { { "calf", BM_SIDE_LEFT, 4 } } },
    };
    g_autoptr(BmHistory) h = make_history (with_race, G_N_ELEMENTS (with_race));
    g_autoptr(BmHistoryChart) c = bm_history_chart_new (h);

    g_assert_cmpuint (bm_history_chart_get_n_races (c), ==, 1);
    bm_history_chart_layout_compute (&layout, c, &style, WIDTH, HEIGHT);
    x = bm_history_chart_layout_date_x (&layout, "2026-11-09");
    x_last = bm_history_chart_layout_date_x (&layout, "2026-10-19");
    g_assert_cmpfloat (x, >, x_last);
    g_assert_cmpfloat (x, <=, layout.plot_x + layout.plot_width);
  }
}

/* Measuring asks for the legend's room at narrow widths */
static void
test_measure (void)
{
  g_autoptr(BmHistory) history = make_history (four_visits, G_N_ELEMENTS (four_visits));
  g_autoptr(BmHistoryChart) chart = bm_history_chart_new (history);
  BmHistoryChartStyle style;
  BmHistoryChartLayout layout;
  double wide, narrow;

  bm_history_chart_style_init (&style, FALSE);
  bm_history_chart_show_first (chart, G_MAXUINT);
  wide = bm_history_chart_measure_height (chart, &style, 900, 200);
  narrow = bm_history_chart_measure_height (chart, &style, 280, 200);
  g_assert_cmpfloat (narrow, >, wide);
  bm_history_chart_layout_compute (&layout, chart, &style, 280, narrow);
  g_assert_cmpfloat_with_epsilon (layout.plot_height, 200, 1);
}

/* PDF */

static char *
run_pdftotext (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-layout", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
export_pdf (BmIntake        *intake,
            const BmPlan    *plan,
            const BmHistory *history,
            const char      *dir,
            const char      *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (bm_plan_export_pdf_with_history (intake, plan, history, file, &error));
  g_assert_no_error (error);
  if (g_getenv ("BM_TEST_KEEP_PDF"))
    {
      g_autofree char *kept = g_build_filename (g_getenv ("BM_TEST_KEEP_PDF"), name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (kept, contents, length, NULL));
    }
  return run_pdftotext (path);
}

/* Whitespace squeezed, so columns read as words */
static gboolean
contains_words (const char *text,
                const char *words)
{
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *a = g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);
  g_autofree char *b = g_regex_replace_literal (spaces, words, -1, 0, " ", 0, NULL);

  return strstr (a, b) != NULL;
}

/* With history the printed plan has the chart and its table in "Since
 * the last visit"; without, neither */
static void
test_pdf (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *dir = NULL;
  g_autoptr(BmHistory) history = NULL;
  g_autoptr(BmIntake) intake = NULL;
  g_autoptr(BmPlan) plan = NULL;
  const BmHistoryVisit *previous;
  g_autofree char *text = NULL;
  g_autofree char *plain = NULL;
  const char *since, *chart, *table, *table_end;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is needed");
      return;
    }
  dir = bm_test_make_temp_dir ("test-history-chart");
  history = make_history (four_visits, G_N_ELEMENTS (four_visits) - 1);
  intake = make_intake (&four_visits[G_N_ELEMENTS (four_visits) - 1]);
  plan = bm_advise (intake);
  previous = bm_history_get_visit (history, bm_history_get_n_visits (history) - 1);
  bm_progress_apply (plan, previous->intake, previous->plan);
  bm_history_add (history, intake, bm_plan_copy (plan));

  text = export_pdf (intake, plan, history, dir, "with-history.pdf");
  since = strstr (text, "Since the last visit");
  chart = strstr (text, "Severity at every visit");
  table = strstr (text, "Visit ");
  g_assert_nonnull (since);
  g_assert_nonnull (chart);
  g_assert_true (since < chart);
  g_assert_nonnull (strstr (chart, "Race"));
  g_assert_nonnull (strstr (chart, "Left calf"));
  g_assert_nonnull (strstr (chart, "Right shin"));
  /* The table: a row per visit, oldest first */
  table = strstr (chart, "Visit");
  g_assert_nonnull (table);
  table_end = strstr (table, "16 Nov 2026");
  g_assert_nonnull (table_end);
  g_assert_true (contains_words (table, "5 Oct 2026 – 6"));
  g_assert_true (contains_words (table, "2 Nov 2026 5 –"));
  /* Then the rest of the plan */
  g_assert_nonnull (strstr (table_end, "head to toe"));

  plain = export_pdf (intake, plan, NULL, dir, "without-history.pdf");
  g_assert_nonnull (strstr (plain, "Since the last visit"));
  g_assert_null (strstr (plain, "Severity at every visit"));
  bm_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history-chart/series-and-table", test_series_and_table);
  g_test_add_func ("/history-chart/useful", test_useful);
  g_test_add_func ("/history-chart/draws-points", test_draws_points);
  g_test_add_func ("/history-chart/grey-scale", test_grey_scale);
  g_test_add_func ("/history-chart/races", test_races);
  g_test_add_func ("/history-chart/measure", test_measure);
  g_test_add_func ("/history-chart/pdf", test_pdf);

  return g_test_run ();
}
