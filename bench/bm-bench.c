/* bm-bench.c: Body Map's performance figures
 *
 * Prints one "name value unit" line per figure, each the median of many
 * runs. See the README for the targets and how to reproduce.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "bm-map-renderer.h"

#define WIDTH 1200
#define HEIGHT 900

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, samples->len / 2);
}

static BmIntake *
typical_intake (void)
{
  static const struct { const char *region; BmSide side; int severity; BmSymptoms symptoms; } marks[] = {
    { "calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT | BM_SYMPTOM_KNOT },
    { "calf", BM_SIDE_RIGHT, 3, BM_SYMPTOM_TIGHT },
    { "it-band", BM_SIDE_LEFT, 7, BM_SYMPTOM_SORE },
    { "hamstrings", BM_SIDE_RIGHT, 4, BM_SYMPTOM_TIGHT },
    { "glutes", BM_SIDE_LEFT, 5, BM_SYMPTOM_KNOT },
    { "lower-back", BM_SIDE_LEFT, 2, 0 },
    { "achilles", BM_SIDE_LEFT, 5, BM_SYMPTOM_SORE | BM_SYMPTOM_SWOLLEN },
    { "plantar-fascia", BM_SIDE_RIGHT, 8, BM_SYMPTOM_SHARP },
    { "neck", BM_SIDE_CENTER, 2, BM_SYMPTOM_TIGHT },
  };
  BmIntake *intake = bm_intake_new ();

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    {
      g_autoptr(BmMark) mark = bm_mark_new (marks[i].region, marks[i].side, marks[i].severity,
                                            marks[i].symptoms, NULL);
      bm_intake_set_mark (intake, mark, FALSE);
    }
  return intake;
}

int
main (int   argc,
      char *argv[])
{
  BmAtlas *atlas = bm_atlas_get_default ();
  g_autoptr(BmIntake) intake = typical_intake ();
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_surface_t *target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_surface_t *base = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_surface_t *body = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  BmMapStyle style;
  BmMapLayout layout;
  BmMapState state = { 0 };
  guint runs = argc > 1 ? (guint) atoi (argv[1]) : 200;
  GRand *rand = g_rand_new_with_seed (42);
  cairo_t *cr;

  runs = MAX (runs, 11);
  bm_map_style_init (&style, FALSE);
  bm_map_layout_compute (&layout, atlas, &style, WIDTH, HEIGHT);
  state.hover_region = "hamstrings";
  state.hover_side = BM_SIDE_LEFT;
  state.selected_region = "calf";
  state.selected_side = BM_SIDE_LEFT;

  /* Warm up fonts and caches; the body layer is drawn once per size and
   * style, as on screen */
  cr = cairo_create (body);
  bm_map_renderer_draw_body (cr, atlas, &layout, &style);
  cairo_destroy (cr);
  cr = cairo_create (base);
  bm_map_renderer_draw_base (cr, atlas, intake, &layout, &style);
  cairo_destroy (cr);

  /* A full redraw, as when a mark changes: the body layer, every mark
   * with its symbols, and the hover and selection */
  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      cr = cairo_create (target);
      cairo_set_source_surface (cr, body, 0, 0);
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      bm_map_renderer_draw_marks (cr, atlas, intake, &layout, &style);
      bm_map_renderer_draw_state (cr, atlas, &layout, &style, &state);
      cairo_destroy (cr);
      cairo_surface_flush (target);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);
    }
  g_print ("map-full-redraw %.3f ms\n", median (samples));
  g_array_set_size (samples, 0);

  /* The first draw at a new size or style: everything from nothing */
  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      cr = cairo_create (target);
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      bm_map_renderer_draw_base (cr, atlas, intake, &layout, &style);
      bm_map_renderer_draw_state (cr, atlas, &layout, &style, &state);
      cairo_destroy (cr);
      cairo_surface_flush (target);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);
    }
  g_print ("map-first-draw %.3f ms\n", median (samples));
  g_array_set_size (samples, 0);

  /* Hover: the unchanged base is reused, only the highlight is drawn */
  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      cr = cairo_create (target);
      cairo_set_source_surface (cr, base, 0, 0);
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      bm_map_renderer_draw_state (cr, atlas, &layout, &style, &state);
      cairo_destroy (cr);
      cairo_surface_flush (target);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);
    }
  g_print ("map-hover-redraw %.3f ms\n", median (samples));
  g_array_set_size (samples, 0);

  /* Hit-testing points anywhere on the map */
  for (guint i = 0; i < runs; i++)
    {
      const guint batch = 2000;
      gint64 start;
      guint hits = 0;
      double us;
      double xs[2000], ys[2000];

      for (guint k = 0; k < batch; k++)
        {
          xs[k] = g_rand_double_range (rand, 0, WIDTH);
          ys[k] = g_rand_double_range (rand, 0, HEIGHT);
        }
      start = g_get_monotonic_time ();
      for (guint k = 0; k < batch; k++)
        hits += bm_map_layout_hit_test (&layout, atlas, xs[k], ys[k], NULL, NULL, NULL);
      us = (double) (g_get_monotonic_time () - start) / batch;
      g_array_append_val (samples, us);
      (void) hits;
    }
  g_print ("hit-test %.3f us\n", median (samples));

  g_rand_free (rand);
  cairo_surface_destroy (target);
  cairo_surface_destroy (base);
  cairo_surface_destroy (body);
  return 0;
}
