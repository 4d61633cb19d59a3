/* test-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "bm-map-renderer.h"

typedef struct
{
  BmAtlas         *atlas;
  BmIntake        *intake;
  BmMapStyle       style;
  BmMapLayout      layout;
  cairo_surface_t *surface;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->atlas = bm_atlas_get_default ();
  f->intake = bm_intake_new ();
  bm_map_style_init (&f->style, GPOINTER_TO_INT (data));
  bm_map_layout_compute (&f->layout, f->atlas, &f->style, 1200, 900);
  f->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 900);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->intake);
  cairo_surface_destroy (f->surface);
}

static void
render (Fixture *f)
{
  cairo_t *cr = cairo_create (f->surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  bm_map_renderer_draw_base (cr, f->atlas, f->intake, &f->layout, &f->style);
  cairo_destroy (cr);
  cairo_surface_flush (f->surface);
}

/* The colour drawn at a point, as 0xRRGGBB */
static guint32
pixel_at (Fixture *f,
          double   x,
          double   y)
{
  unsigned char *data = cairo_image_surface_get_data (f->surface);
  int stride = cairo_image_surface_get_stride (f->surface);
  guint32 argb = *(guint32 *) (gpointer) (data + (int) y * stride + (int) x * 4);

  return argb & 0xffffff;
}

static guint32
hex (const BmColor *c)
{
  return ((guint32) round (c->red * 255) << 16) | ((guint32) round (c->green * 255) << 8) |
         (guint32) round (c->blue * 255);
}

static void
region_point (Fixture    *f,
              const char *id,
              BmSide      side,
              BmView      view,
              double     *x,
              double     *y)
{
  double vx, vy;

  g_assert_true (bm_region_get_anchor (bm_atlas_lookup (f->atlas, id), view, side, &vx, &vy));
  bm_map_layout_from_view (&f->layout, view, vx, vy, x, y);
}

static void
test_layout (Fixture       *f,
             gconstpointer  data)
{
  double vw, vh;

  bm_atlas_get_view_size (f->atlas, &vw, &vh);

  /* Both views fit, side by side, front first, aspect kept */
  g_assert_cmpfloat (f->layout.view_x[BM_VIEW_FRONT], >=, 0);
  g_assert_cmpfloat (f->layout.view_x[BM_VIEW_FRONT] + f->layout.view_width, <=, f->layout.view_x[BM_VIEW_BACK]);
  g_assert_cmpfloat (f->layout.view_x[BM_VIEW_BACK] + f->layout.view_width, <=, 1200);
  g_assert_cmpfloat (f->layout.view_y + f->layout.view_height, <=, 900.01);
  g_assert_cmpfloat_with_epsilon (f->layout.view_width / f->layout.view_height, vw / vh, 1e-9);

  /* A phone-sized target keeps the aspect too */
  bm_map_layout_compute (&f->layout, f->atlas, &f->style, 340, 900);
  g_assert_cmpfloat (f->layout.view_x[BM_VIEW_BACK] + f->layout.view_width, <=, 340.01);
  g_assert_cmpfloat_with_epsilon (f->layout.view_width / f->layout.view_height, vw / vh, 1e-9);
}

static void
test_hit_test (Fixture       *f,
               gconstpointer  data)
{
  const BmRegion *region = NULL;
  BmSide side;
  BmView view;
  double x, y;

  region_point (f, "calf", BM_SIDE_LEFT, BM_VIEW_BACK, &x, &y);
  g_assert_true (bm_map_layout_hit_test (&f->layout, f->atlas, x, y, &view, &region, &side));
  g_assert_cmpstr (bm_region_get_id (region), ==, "calf");
  g_assert_cmpint (side, ==, BM_SIDE_LEFT);
  g_assert_cmpint (view, ==, BM_VIEW_BACK);

  /* Seen from behind, the client's left calf is on the viewer's left */
  g_assert_cmpfloat (x, <, f->layout.view_x[BM_VIEW_BACK] + f->layout.view_width / 2);
  /* From the front, the client's left thigh is on the viewer's right */
  region_point (f, "quadriceps", BM_SIDE_LEFT, BM_VIEW_FRONT, &x, &y);
  g_assert_cmpfloat (x, >, f->layout.view_x[BM_VIEW_FRONT] + f->layout.view_width / 2);

  /* The title band and the gap are not the body */
  g_assert_false (bm_map_layout_hit_test (&f->layout, f->atlas, 600, 5, NULL, NULL, NULL));
  g_assert_false (bm_map_layout_hit_test (&f->layout, f->atlas, 2, 450, NULL, NULL, NULL));
}

static void
test_marked_colours (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(BmMark) calf = bm_mark_new ("calf", BM_SIDE_LEFT, 8, 0, NULL);
  g_autoptr(BmMark) quad = bm_mark_new ("quadriceps", BM_SIDE_RIGHT, 2, 0, NULL);
  BmColor severe, mild;
  double x, y;

  bm_intake_set_mark (f->intake, calf, FALSE);
  bm_intake_set_mark (f->intake, quad, FALSE);
  render (f);

  bm_severity_get_color (8, &severe);
  bm_severity_get_color (2, &mild);

  region_point (f, "calf", BM_SIDE_LEFT, BM_VIEW_BACK, &x, &y);
  g_assert_cmphex (pixel_at (f, x, y), ==, hex (&severe));
  region_point (f, "calf", BM_SIDE_RIGHT, BM_VIEW_BACK, &x, &y);
  g_assert_cmphex (pixel_at (f, x, y), ==, hex (&f->style.region));
  region_point (f, "quadriceps", BM_SIDE_RIGHT, BM_VIEW_FRONT, &x, &y);
  g_assert_cmphex (pixel_at (f, x, y), ==, hex (&mild));
  region_point (f, "quadriceps", BM_SIDE_LEFT, BM_VIEW_FRONT, &x, &y);
  g_assert_cmphex (pixel_at (f, x, y), ==, hex (&f->style.region));
}

/* Severity reads in grey-scale: each step is darker than the one before */
static void
test_severity_scale (void)
{
  double last = 2;

  for (int s = 1; s <= BM_SEVERITY_MAX; s++)
    {
      BmColor c;
      double grey;

      bm_severity_get_color (s, &c);
      grey = 0.2126 * c.red + 0.7152 * c.green + 0.0722 * c.blue;
      g_assert_cmpfloat (grey, <, last);
      last = grey;
    }
}

static void
test_symbols_drawn (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(BmMark) plain = bm_mark_new ("hamstrings", BM_SIDE_LEFT, 5, 0, NULL);
  g_autoptr(BmMark) knotted = NULL;
  BmColor fill;
  double x, y;

  bm_intake_set_mark (f->intake, plain, FALSE);
  render (f);
  bm_severity_get_color (5, &fill);
  region_point (f, "hamstrings", BM_SIDE_LEFT, BM_VIEW_BACK, &x, &y);
  g_assert_cmphex (pixel_at (f, x, y), ==, hex (&fill));

  /* A sore spot puts a dark dot at the centre */
  knotted = bm_mark_new ("hamstrings", BM_SIDE_LEFT, 5, BM_SYMPTOM_SORE, NULL);
  bm_intake_set_mark (f->intake, knotted, FALSE);
  render (f);
  g_assert_cmphex (pixel_at (f, x, y), !=, hex (&fill));
}

static void
test_legend (void)
{
  BmMapStyle style;
  double wide, narrow;

  bm_map_style_init (&style, FALSE);
  wide = bm_map_renderer_draw_legend (NULL, &style, 1200);
  narrow = bm_map_renderer_draw_legend (NULL, &style, 300);
  g_assert_cmpfloat (wide, >, 0);
  /* A narrow legend wraps onto more lines */
  g_assert_cmpfloat (narrow, >, wide);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/render/layout", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_layout, fixture_tear_down);
  g_test_add ("/render/hit-test", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_hit_test, fixture_tear_down);
  g_test_add ("/render/marked/light", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_marked_colours, fixture_tear_down);
  g_test_add ("/render/marked/dark", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_marked_colours, fixture_tear_down);
  g_test_add ("/render/symbols", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_symbols_drawn, fixture_tear_down);
  g_test_add_func ("/render/severity-scale", test_severity_scale);
  g_test_add_func ("/render/legend", test_legend);

  return g_test_run ();
}
