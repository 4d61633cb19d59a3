/* test-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "bm-map-renderer.h"
#include "bm-test-atlas.h"

typedef struct
{
  BmAtlas         *atlas;
  BmIntake        *intake;
  BmMapStyle       style;
  BmMapLayout      layout;
  cairo_surface_t *surface;
  BmView           front;
  BmView           back;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->atlas = bm_atlas_get_default ();
  g_assert_true (bm_atlas_lookup_view (f->atlas, "front", &f->front));
  g_assert_true (bm_atlas_lookup_view (f->atlas, "back", &f->back));
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
  g_assert_cmpfloat (bm_map_layout_get_view_x (&f->layout, f->front), >=, 0);
  g_assert_cmpfloat (bm_map_layout_get_view_x (&f->layout, f->front) + f->layout.view_width, <=, bm_map_layout_get_view_x (&f->layout, f->back));
  g_assert_cmpfloat (bm_map_layout_get_view_x (&f->layout, f->back) + f->layout.view_width, <=, 1200);
  g_assert_cmpfloat (f->layout.view_y + f->layout.view_height, <=, 900.01);
  g_assert_cmpfloat_with_epsilon (f->layout.view_width / f->layout.view_height, vw / vh, 1e-9);

  /* A phone-sized target keeps the aspect too */
  bm_map_layout_compute (&f->layout, f->atlas, &f->style, 340, 900);
  g_assert_cmpfloat (bm_map_layout_get_view_x (&f->layout, f->back) + f->layout.view_width, <=, 340.01);
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

  region_point (f, "calf", BM_SIDE_LEFT, f->back, &x, &y);
  g_assert_true (bm_map_layout_hit_test (&f->layout, f->atlas, x, y, &view, &region, &side));
  g_assert_cmpstr (bm_region_get_id (region), ==, "calf");
  g_assert_cmpint (side, ==, BM_SIDE_LEFT);
  g_assert_cmpint (view, ==, f->back);

  /* Seen from behind, the client's left calf is on the viewer's left */
  g_assert_cmpfloat (x, <, bm_map_layout_get_view_x (&f->layout, f->back) + f->layout.view_width / 2);
  /* From the front, the client's left thigh is on the viewer's right */
  region_point (f, "quadriceps", BM_SIDE_LEFT, f->front, &x, &y);
  g_assert_cmpfloat (x, >, bm_map_layout_get_view_x (&f->layout, f->front) + f->layout.view_width / 2);

  /* The title band and the gap are not the body */
  g_assert_false (bm_map_layout_hit_test (&f->layout, f->atlas, 600, 5, NULL, NULL, NULL));
  g_assert_false (bm_map_layout_hit_test (&f->layout, f->atlas, 2, 450, NULL, NULL, NULL));
}

/* A tap beside the Achilles, 10 px out from it on the target: within a
 * finger's width (26 px) it is the Achilles; not within 8 px; far from
 * everything, nothing */
static void
test_find_nearest (Fixture       *f,
                   gconstpointer  data)
{
  const BmRegion *achilles = bm_atlas_lookup (f->atlas, "achilles");
  const BmRegion *region = NULL;
  BmSide side = BM_SIDE_CENTER;
  BmView view = G_MAXUINT;
  BmRect b;
  double x0, y0, x1, y1, x, y;

  g_assert_true (bm_region_get_bounds (achilles, f->back, BM_SIDE_LEFT, &b));
  bm_map_layout_from_view (&f->layout, f->back, b.x, b.y, &x0, &y0);
  bm_map_layout_from_view (&f->layout, f->back, b.x + b.width, b.y + b.height, &x1, &y1);
  /* From behind, the client's left Achilles, and 10 px to its right:
   * the bare skin between it and the inner edge of the leg (its outer
   * side has the peroneals, below it is the ankle) */
  x = x1 + 10;
  y = (y0 + y1) / 2;
  g_assert_false (bm_map_layout_hit_test (&f->layout, f->atlas, x, y, NULL, NULL, NULL));
  g_assert_true (bm_map_layout_find_nearest (&f->layout, f->atlas, x, y, 26, &view, &region, &side));
  g_assert_true (region == achilles);
  g_assert_cmpint (side, ==, BM_SIDE_LEFT);
  g_assert_cmpint (view, ==, f->back);
  g_assert_false (bm_map_layout_find_nearest (&f->layout, f->atlas, x, y, 8, NULL, &region, NULL));
  g_assert_null (region);

  /* Inside is the region itself */
  region_point (f, "calf", BM_SIDE_RIGHT, f->back, &x, &y);
  g_assert_true (bm_map_layout_find_nearest (&f->layout, f->atlas, x, y, 26, &view, &region, &side));
  g_assert_cmpstr (bm_region_get_id (region), ==, "calf");
  g_assert_cmpint (side, ==, BM_SIDE_RIGHT);

  /* The title band, the margin left of the figures */
  g_assert_false (bm_map_layout_find_nearest (&f->layout, f->atlas, 600, 5, 26, NULL, NULL, NULL));
  g_assert_false (bm_map_layout_find_nearest (&f->layout, f->atlas, 2, 450, 26, NULL, NULL, NULL));
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

  region_point (f, "calf", BM_SIDE_LEFT, f->back, &x, &y);
  g_assert_cmphex (pixel_at (f, x, y), ==, hex (&severe));
  region_point (f, "calf", BM_SIDE_RIGHT, f->back, &x, &y);
  g_assert_cmphex (pixel_at (f, x, y), ==, hex (&f->style.region));
  region_point (f, "quadriceps", BM_SIDE_RIGHT, f->front, &x, &y);
  g_assert_cmphex (pixel_at (f, x, y), ==, hex (&mild));
  region_point (f, "quadriceps", BM_SIDE_LEFT, f->front, &x, &y);
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
  region_point (f, "hamstrings", BM_SIDE_LEFT, f->back, &x, &y);
  g_assert_cmphex (pixel_at (f, x, y), ==, hex (&fill));

  /* A sore spot puts a dark dot at the centre */
  knotted = bm_mark_new ("hamstrings", BM_SIDE_LEFT, 5, BM_SYMPTOM_SORE, NULL);
  bm_intake_set_mark (f->intake, knotted, FALSE);
  render (f);
  g_assert_cmphex (pixel_at (f, x, y), !=, hex (&fill));
}

static double
grey_at (Fixture *f,
         int      x,
         int      y)
{
  guint32 rgb = pixel_at (f, x, y);

  return (0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff)) / 255;
}

static void
render_change (Fixture        *f,
               BmProgressKind  kind)
{
  g_autoptr(GPtrArray) areas = g_ptr_array_new_with_free_func ((GDestroyNotify) bm_progress_area_free);
  BmProgressArea *area = g_new0 (BmProgressArea, 1);
  cairo_t *cr = cairo_create (f->surface);

  area->region = g_strdup ("hamstrings");
  area->side = BM_SIDE_LEFT;
  area->before = kind == BM_PROGRESS_NEW ? -1 : 5;
  area->now = kind == BM_PROGRESS_RESOLVED ? -1 : 5;
  area->kind = kind;
  g_ptr_array_add (areas, area);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  bm_map_renderer_draw_body (cr, f->atlas, &f->layout, &f->style);
  bm_map_renderer_draw_changes (cr, f->atlas, areas, f->intake, &f->layout, &f->style);
  cairo_destroy (cr);
  cairo_surface_flush (f->surface);
}

/* Compare mode: every change reads apart from every other in grey scale,
 * by its fill (lighter from worse to resolved) and by its symbol at the
 * area's centre, each a shape of its own */
static void
test_changes_grey_scale (Fixture       *f,
                         gconstpointer  data)
{
  enum { PATCH = 14 };  /* half the side of the square around the symbol */
  double patch[BM_N_PROGRESS_KINDS][2 * PATCH][2 * PATCH];
  double fill[BM_N_PROGRESS_KINDS];
  static const BmProgressKind dark_to_light[] = {
    BM_PROGRESS_WORSE, BM_PROGRESS_NEW, BM_PROGRESS_SAME, BM_PROGRESS_BETTER, BM_PROGRESS_RESOLVED,
  };
  const BmRegion *hit = NULL;
  BmSide side;
  double ax, ay, fy;

  region_point (f, "hamstrings", BM_SIDE_LEFT, f->back, &ax, &ay);
  /* A point of the fill clear of the symbol: below it, still in the area */
  fy = ay + PATCH + 4;
  g_assert_true (bm_map_layout_hit_test (&f->layout, f->atlas, ax, fy, NULL, &hit, &side));
  g_assert_cmpstr (bm_region_get_id (hit), ==, "hamstrings");
  g_assert_cmpint (side, ==, BM_SIDE_LEFT);

  for (guint k = 0; k < BM_N_PROGRESS_KINDS; k++)
    {
      BmColor expected;

      render_change (f, k);
      bm_progress_get_color (k, &expected);
      g_assert_cmphex (pixel_at (f, ax, fy), ==, hex (&expected));
      fill[k] = grey_at (f, ax, fy);
      for (int dy = 0; dy < 2 * PATCH; dy++)
        for (int dx = 0; dx < 2 * PATCH; dx++)
          patch[k][dy][dx] = grey_at (f, ax - PATCH + dx, ay - PATCH + dy);
    }

  /* Fills: in grey, darkest to lightest in that order, well apart */
  for (guint i = 1; i < G_N_ELEMENTS (dark_to_light); i++)
    g_assert_cmpfloat (fill[dark_to_light[i]] - fill[dark_to_light[i - 1]], >, 0.1);

  /* Symbols: each shape apart from the others, fill aside. Each patch
   * less its fill leaves the symbol's ink; two symbols differ over many
   * pixels. */
  for (guint a = 0; a < BM_N_PROGRESS_KINDS; a++)
    for (guint b = a + 1; b < BM_N_PROGRESS_KINDS; b++)
      {
        guint differing = 0;

        for (int dy = 0; dy < 2 * PATCH; dy++)
          for (int dx = 0; dx < 2 * PATCH; dx++)
            {
              gboolean ink_a = fabs (patch[a][dy][dx] - fill[a]) > 0.25;
              gboolean ink_b = fabs (patch[b][dy][dx] - fill[b]) > 0.25;

              differing += ink_a != ink_b;
            }
        if (differing < 12)
          g_error ("%s and %s draw the same symbol (%u pixels apart)",
                   bm_progress_kind_to_id (a), bm_progress_kind_to_id (b), differing);
      }
}

static BmAtlas *
load_three_views (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "three-views.atlas.json", NULL);

  return bm_test_load_atlas_file (path);
}

/* However many views the atlas lists, they sit side by side in the order
 * of their columns, apart, inside the target, and each is drawn */
static void
test_three_views (void)
{
  g_autoptr(BmAtlas) atlas = load_three_views ();
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmMark) hip = bm_mark_new ("outer-hip", BM_SIDE_LEFT, 9, 0, NULL);
  static const int sizes[][2] = { { 1200, 900 }, { 340, 900 }, { 900, 200 } };
  BmMapStyle style;
  BmMapLayout layout;
  BmView side;

  g_assert_true (bm_atlas_lookup_view (atlas, "left-side", &side));
  bm_map_style_init (&style, FALSE);
  bm_intake_set_mark (intake, hip, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, sizes[i][0], sizes[i][1]);
      cairo_t *cr = cairo_create (surface);
      const BmRegion *region = NULL;
      BmSide hit_side;
      BmView view;
      BmColor severe;
      double vx, vy, x, y;

      g_test_message ("%d x %d", sizes[i][0], sizes[i][1]);
      bm_map_layout_compute (&layout, atlas, &style, sizes[i][0], sizes[i][1]);
      g_assert_cmpuint (layout.n_views, ==, 3);
      g_assert_cmpfloat (bm_map_layout_get_view_x (&layout, 0), >=, 0);
      for (guint v = 0; v + 1 < 3; v++)
        g_assert_cmpfloat (bm_map_layout_get_view_x (&layout, v) + layout.view_width, <,
                           bm_map_layout_get_view_x (&layout, v + 1));
      g_assert_cmpfloat (bm_map_layout_get_view_x (&layout, 2) + layout.view_width, <=, sizes[i][0] + 0.01);
      g_assert_cmpfloat (layout.view_y + layout.view_height, <=, sizes[i][1] + 0.01);
      g_assert_cmpfloat_with_epsilon (layout.view_width, layout.view_height, 1e-9);
      /* The width is used when the height allows */
      if (sizes[i][1] > sizes[i][0])
        g_assert_cmpfloat_with_epsilon (bm_map_layout_get_views_width (atlas) * layout.scale, sizes[i][0], 1e-6);

      /* Between views is no view; the middle one is the side view */
      g_assert_false (bm_map_layout_to_view (&layout, bm_map_layout_get_view_x (&layout, 1) - 1,
                                             layout.view_y + 1, &view, &vx, &vy));
      g_assert_true (bm_map_layout_to_view (&layout, bm_map_layout_get_view_x (&layout, 1) + 1,
                                            layout.view_y + 1, &view, &vx, &vy));
      g_assert_cmpuint (view, ==, side);

      /* The outer hip, marked, is drawn where the side view hits it */
      g_assert_true (bm_region_get_anchor (bm_atlas_lookup (atlas, "outer-hip"), side, BM_SIDE_LEFT, &vx, &vy));
      bm_map_layout_from_view (&layout, side, vx, vy, &x, &y);
      g_assert_true (bm_map_layout_hit_test (&layout, atlas, x, y, &view, &region, &hit_side));
      g_assert_cmpuint (view, ==, side);
      g_assert_cmpstr (bm_region_get_id (region), ==, "outer-hip");
      g_assert_cmpint (hit_side, ==, BM_SIDE_LEFT);

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      bm_map_renderer_draw_base (cr, atlas, intake, &layout, &style);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      bm_severity_get_color (9, &severe);
      {
        unsigned char *pixels = cairo_image_surface_get_data (surface);
        int stride = cairo_image_surface_get_stride (surface);
        guint32 argb = *(guint32 *) (gpointer) (pixels + (int) y * stride + (int) x * 4);

        g_assert_cmphex (argb & 0xffffff, ==, hex (&severe));
        /* Every view has its body drawn: skin in its middle, not paper */
        for (guint v = 0; v < 3; v++)
          {
            bm_map_layout_from_view (&layout, v, 50, 50, &x, &y);
            argb = *(guint32 *) (gpointer) (pixels + (int) y * stride + (int) x * 4);
            g_assert_cmphex (argb & 0xffffff, ==, hex (&style.skin));
          }
      }
      cairo_surface_destroy (surface);
    }
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

/* The side labels ("← Your right", "Your left →") keep a size that can be
 * read in a 360 px window: they go one a line rather than shrink, and
 * never overlap */
static void
test_side_labels_readable (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  BmMapStyle style;
  /* The map in the narrowest window, with the panel under it or not, and
   * in a wide one */
  const double sizes[][2] = { { 360 - 2 * 12, 240 }, { 360 - 2 * 12, 500 }, { 600, 400 }, { 1100, 700 } };

  bm_map_style_init (&style, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      BmMapLayout layout;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cairo_t *cr = cairo_create (surface);

      bm_map_layout_compute (&layout, atlas, &style, sizes[i][0], sizes[i][1]);
      g_assert_cmpfloat (layout.side_text_size, >=, BM_MAP_MIN_SIDE_TEXT);
      g_assert_cmpfloat (layout.side_text_size, >=, style.font_size * BM_MAP_SMALL_TEXT);
      g_assert_cmpfloat (layout.view_y, >=, layout.title_height);

      for (guint v = 0; v < bm_atlas_get_n_views (atlas); v++)
        {
          const char *left, *right;
          PangoLayout *text;
          PangoFontDescription *desc;
          int lw, rw;

          /* The side views have no left and right to say */
          if (!bm_map_layout_get_side_labels (atlas, v, &left, &right))
            continue;
          text = pango_cairo_create_layout (cr);
          desc = pango_font_description_from_string (style.font_family);
          pango_font_description_set_absolute_size (desc, round (layout.side_text_size * PANGO_SCALE));
          pango_layout_set_font_description (text, desc);
          pango_layout_set_text (text, left, -1);
          pango_layout_get_pixel_size (text, &lw, NULL);
          pango_layout_set_text (text, right, -1);
          pango_layout_get_pixel_size (text, &rw, NULL);
          /* Side by side, they fit the view; one a line, each fits */
          if (layout.side_lines == 1)
            g_assert_cmpfloat (lw + rw, <=, layout.view_width + 2 * layout.label_reach);
          else
            g_assert_cmpfloat (MAX (lw, rw), <=, layout.view_step);
          pango_font_description_free (desc);
          g_object_unref (text);
        }
      if (sizes[i][0] >= 1100)
        g_assert_cmpuint (layout.side_lines, ==, 1);

      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

/* Not every view fits a narrow target: a run of them is shown, from the
 * one asked for, and the others are out of sight and out of reach */
static void
test_layout_views_that_fit (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  BmMapStyle style;
  BmMapLayout layout;
  BmView view = G_MAXUINT;
  BmView left_side = G_MAXUINT;
  const BmRegion *region = NULL;
  BmSide side = BM_SIDE_CENTER;
  double x, y, vx, vy, ax, ay;

  bm_map_style_init (&style, FALSE);
  g_assert_cmpuint (bm_atlas_get_n_views (atlas), ==, 4);
  g_assert_cmpuint (bm_map_layout_count_fitting (atlas, 340, 170), ==, 1);
  g_assert_cmpuint (bm_map_layout_count_fitting (atlas, 600, 170), ==, 3);
  g_assert_cmpuint (bm_map_layout_count_fitting (atlas, 2000, 170), ==, 4);
  g_assert_cmpuint (bm_map_layout_count_fitting (atlas, 10, 170), ==, 1);
  /* Not so many that the figures shrink far below what the height gives
   * them: at 750 x 620 (a window of 1100 x 800 beside the sidebar) four
   * would fit at 170 px, but three are each much larger */
  g_assert_cmpuint (bm_map_layout_count_fitting (atlas, 750, 170), ==, 4);
  g_assert_cmpuint (bm_map_layout_count_shown (atlas, &style, 750, 620, 170), ==, 3);
  {
    BmMapLayout three, four;

    bm_map_layout_compute_views (&three, atlas, &style, 750, 620, 0, 3);
    bm_map_layout_compute_views (&four, atlas, &style, 750, 620, 0, 4);
    g_assert_cmpfloat (three.scale, >, 1.2 * four.scale);
  }
  /* Wide enough for all four at nearly the height's size: all four */
  g_assert_cmpuint (bm_map_layout_count_shown (atlas, &style, 1000, 620, 170), ==, 4);
  /* A short, wide map shows all that fit */
  g_assert_cmpuint (bm_map_layout_count_shown (atlas, &style, 750, 300, 170), ==, 4);
  g_assert_cmpuint (bm_map_layout_count_shown (atlas, &style, 340, 800, 170), ==, 1);

  /* Two from the last: moved back so that two show */
  g_assert_true (bm_atlas_lookup_view (atlas, "left-side", &left_side));
  bm_map_layout_compute_views (&layout, atlas, &style, 400, 600, 3, 2);
  g_assert_cmpuint (layout.first_view, ==, left_side);
  g_assert_cmpuint (layout.n_views, ==, 2);
  g_assert_false (bm_map_layout_shows_view (&layout, 0));
  g_assert_true (bm_map_layout_shows_view (&layout, left_side));
  g_assert_true (bm_map_layout_shows_view (&layout, left_side + 1));
  g_assert_cmpfloat (bm_map_layout_get_view_x (&layout, 0), >=, layout.width);

  /* The left of the two is the client's left side: the IT band there is
   * the left one */
  g_assert_true (bm_region_get_anchor (bm_atlas_lookup (atlas, "it-band"), left_side, BM_SIDE_LEFT, &ax, &ay));
  bm_map_layout_from_view (&layout, left_side, ax, ay, &x, &y);
  g_assert_cmpfloat (x, <, layout.width / 2);
  g_assert_true (bm_map_layout_to_view (&layout, x, y, &view, &vx, &vy));
  g_assert_cmpuint (view, ==, left_side);
  g_assert_true (bm_map_layout_hit_test (&layout, atlas, x, y, &view, &region, &side));
  g_assert_cmpstr (bm_region_get_id (region), ==, "it-band");
  g_assert_cmpint (side, ==, BM_SIDE_LEFT);

  /* Every view at once, as print has them */
  bm_map_layout_compute (&layout, atlas, &style, 2000, 600);
  g_assert_cmpuint (layout.first_view, ==, 0);
  g_assert_cmpuint (layout.n_views, ==, 4);
}

/* Every region marked with every symptom (the widest runs of symbols),
 * heaviest last: what reaches furthest out of each figure */
static BmIntake *
new_intake_marking_all (BmAtlas *atlas)
{
  BmIntake *intake = bm_intake_new ();
  g_autoptr(GPtrArray) last_time = g_ptr_array_new_with_free_func ((GDestroyNotify) bm_mark_free);
  BmSymptoms all = 0;

  for (guint i = 0; i < BM_N_SYMPTOMS; i++)
    all |= bm_symptom_nth (i);
  for (guint i = 0; i < bm_atlas_get_n_regions (atlas); i++)
    {
      const BmRegion *region = bm_atlas_get_region (atlas, i);
      const char *id = bm_region_get_id (region);

      if (!bm_region_is_paired (region))
        {
          g_autoptr(BmMark) mark = bm_mark_new (id, BM_SIDE_CENTER, 1 + i % 10, all, NULL);

          bm_intake_set_mark (intake, mark, FALSE);
          continue;
        }
      {
        g_autoptr(BmMark) left = bm_mark_new (id, BM_SIDE_LEFT, 1 + i % 10, all, NULL);

        bm_intake_set_mark (intake, left, FALSE);
        /* The other side: last time's, still to confirm, or not to be touched */
        if (i % 2 == 0)
          g_ptr_array_add (last_time, bm_mark_new (id, BM_SIDE_RIGHT, 4, BM_SYMPTOM_NONE, NULL));
        else
          bm_intake_set_avoided (intake, id, TRUE);
      }
    }
  bm_intake_set_last_time (intake, last_time, "2026-11-01");
  return intake;
}

/* Each area changed, of every kind in turn */
static GPtrArray *
new_changes_of_all (BmAtlas *atlas)
{
  GPtrArray *areas = g_ptr_array_new_with_free_func ((GDestroyNotify) bm_progress_area_free);

  for (guint i = 0; i < bm_atlas_get_n_regions (atlas); i++)
    {
      const BmRegion *region = bm_atlas_get_region (atlas, i);
      BmProgressArea *area = g_new0 (BmProgressArea, 1);

      area->region = g_strdup (bm_region_get_id (region));
      area->side = bm_region_is_paired (region) ? BM_SIDE_RIGHT : BM_SIDE_CENTER;
      area->kind = i % BM_N_PROGRESS_KINDS;
      area->before = area->kind == BM_PROGRESS_NEW ? -1 : 5;
      area->now = area->kind == BM_PROGRESS_RESOLVED ? -1 : 5;
      g_ptr_array_add (areas, area);
    }
  return areas;
}

/* Clips @cr to @area rounded out to whole pixels, as a node of the map
 * holding that area is */
static void
clip_to_area (cairo_t      *cr,
              const BmRect *area)
{
  double x0 = floor (area->x), y0 = floor (area->y);

  cairo_rectangle (cr, x0, y0, ceil (area->x + area->width) - x0, ceil (area->y + area->height) - y0);
  cairo_clip (cr);
}

/* Draws the map as the map widget does at its own size: the titles and
 * each view's figure each only within their areas, and the marks (or
 * changes) with each figure or, @apart, each only within theirs after
 * all the figures. Returns the share of the target the areas cover. */
static double
draw_in_areas (cairo_t           *cr,
               BmAtlas           *atlas,
               BmIntake          *intake,
               GPtrArray         *areas,
               const BmMapLayout *layout,
               const BmMapStyle  *style,
               gboolean           apart)
{
  double covered = 0;
  BmRect area;

  bm_map_layout_get_titles_area (layout, &area);
  covered += area.width * area.height;
  cairo_save (cr);
  clip_to_area (cr, &area);
  bm_map_renderer_draw_titles (cr, atlas, layout, style);
  cairo_restore (cr);

  for (guint pass = 0; pass < (apart ? 2 : 1); pass++)
    for (guint v = layout->first_view; v < layout->first_view + layout->n_views; v++)
      {
        gboolean figure = pass == 0;
        gboolean marks = apart ? pass == 1 : TRUE;
        BmMapLayout single;
        BmRect marked;
        gboolean any = marks && bm_map_layout_get_marks_area (layout, atlas, v, intake, areas, &marked);

        bm_map_layout_get_single (layout, v, &single);
        cairo_save (cr);
        if (figure)
          {
            bm_map_layout_get_figure_area (layout, atlas, v, &area);
            if (any)
              bm_rect_union (&area, &marked, &area);
          }
        else
          area = marked;
        if (figure || any)
          {
            covered += area.width * area.height;
            clip_to_area (cr, &area);
            if (figure)
              bm_map_renderer_draw_figures (cr, atlas, &single, style);
            if (any && areas != NULL)
              bm_map_renderer_draw_changes (cr, atlas, areas, intake, &single, style);
            else if (any)
              bm_map_renderer_draw_marks (cr, atlas, intake, &single, style);
          }
        cairo_restore (cr);
      }
  return covered / (layout->width * layout->height);
}

static cairo_surface_t *
new_white_surface (int width,
                   int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_destroy (cr);
  return surface;
}

/* How many pixels differ */
static guint
count_differing (cairo_surface_t *a,
                 cairo_surface_t *b)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);
  const guchar *pa, *pb;
  guint n = 0;

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  pa = cairo_image_surface_get_data (a);
  pb = cairo_image_surface_get_data (b);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      n += (*(const guint32 *) (gconstpointer) (pa + y * stride + x * 4) & 0xffffff) !=
           (*(const guint32 *) (gconstpointer) (pb + y * stride + x * 4) & 0xffffff);
  return n;
}

/* Hover, selection and focus on every area in turn, each drawn only
 * within its area in each view, as the map widget does: the same pixels
 * as drawn at once */
static void
test_state_areas (BmAtlas          *outline,
                  const BmMapStyle *style)
{
  guint n_regions = bm_atlas_get_n_regions (outline);
  BmMapLayout layout;

  bm_map_layout_compute (&layout, outline, style, 1100, 700);
  for (guint i = 0; i < n_regions; i += 3)
    {
      const BmRegion *hover = bm_atlas_get_region (outline, i);
      const BmRegion *selected = bm_atlas_get_region (outline, (i + 1) % n_regions);
      const BmRegion *focused = bm_atlas_get_region (outline, (i + 2) % n_regions);
      BmMapState state = {
        bm_region_get_id (hover), bm_region_is_paired (hover) ? BM_SIDE_LEFT : BM_SIDE_CENTER,
        bm_region_get_id (focused), bm_region_is_paired (focused) ? BM_SIDE_RIGHT : BM_SIDE_CENTER,
        bm_region_get_id (selected), bm_region_is_paired (selected) ? BM_SIDE_RIGHT : BM_SIDE_CENTER,
      };
      cairo_surface_t *whole = new_white_surface (1100, 700);
      cairo_surface_t *parts = new_white_surface (1100, 700);
      cairo_t *cr = cairo_create (whole);
      guint drawn = 0;

      bm_map_renderer_draw_state (cr, outline, &layout, style, &state);
      cairo_destroy (cr);

      cr = cairo_create (parts);
      for (guint v = layout.first_view; v < layout.first_view + layout.n_views; v++)
        {
          BmMapLayout single;
          BmRect area;

          if (!bm_map_layout_get_state_area (&layout, outline, v, &state, &area))
            continue;
          drawn++;
          bm_map_layout_get_single (&layout, v, &single);
          cairo_save (cr);
          clip_to_area (cr, &area);
          bm_map_renderer_draw_state (cr, outline, &single, style, &state);
          cairo_restore (cr);
        }
      cairo_destroy (cr);

      g_assert_cmpuint (drawn, >, 0);
      if (count_differing (whole, parts) > 0)
        g_error ("outline %s, hover on %s: %u pixels differ", bm_atlas_get_body_id (outline, bm_atlas_get_body (outline)),
                 state.hover_region, count_differing (whole, parts));
      cairo_surface_destroy (whole);
      cairo_surface_destroy (parts);
    }
}

/* The map's drawing split by area, as the map widget draws it at its own
 * size (a node for the titles and one for each view, the marks with
 * them or in nodes of their own): each part drawn only within its area
 * gives the very pixels of the whole map drawn at once, for every
 * outline, view and size, with every region marked, last time's marks,
 * areas not to be touched, and in compare mode; and the areas leave
 * most of the target out */
static void
test_areas (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  static const int sizes[][2] = { { 1100, 700 }, { 360, 640 }, { 700, 1100 }, { 1800, 600 } };
  BmMapStyle style;

  bm_map_style_init (&style, FALSE);
  for (guint b = 0; b < bm_atlas_get_n_bodies (atlas); b++)
    {
      BmAtlas *outline = bm_atlas_get_for_body (atlas, bm_atlas_get_body_id (atlas, b));
      g_autoptr(BmIntake) intake = new_intake_marking_all (outline);
      g_autoptr(GPtrArray) changes = new_changes_of_all (outline);

      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          int width = sizes[s][0], height = sizes[s][1];
          guint n = bm_map_layout_count_shown (atlas, &style, width, height, 150);

          for (BmView first = 0; first + n <= bm_atlas_get_n_views (outline); first++)
            for (guint mode = 0; mode < 3; mode++)
              {
                GPtrArray *areas = mode == 2 ? changes : NULL;
                cairo_surface_t *whole = new_white_surface (width, height);
                cairo_surface_t *parts = new_white_surface (width, height);
                cairo_t *cr;
                BmMapLayout layout;
                double covered;
                guint differing;

                bm_map_layout_compute_views (&layout, outline, &style, width, height, first, n);
                cr = cairo_create (whole);
                bm_map_renderer_draw_body (cr, outline, &layout, &style);
                if (areas != NULL)
                  bm_map_renderer_draw_changes (cr, outline, areas, intake, &layout, &style);
                else
                  bm_map_renderer_draw_marks (cr, outline, intake, &layout, &style);
                cairo_destroy (cr);

                cr = cairo_create (parts);
                covered = draw_in_areas (cr, outline, intake, areas, &layout, &style, mode == 1);
                cairo_destroy (cr);

                differing = count_differing (whole, parts);
                if (differing > 0)
                  g_error ("outline %s, %d x %d, views %u to %u, %s: %u pixels differ",
                           bm_atlas_get_body_id (atlas, b), width, height, first, first + n - 1,
                           mode == 0 ? "marks with the body" : mode == 1 ? "marks apart" : "changes",
                           differing);
                /* The nodes cover the figures, not the room around them */
                if (mode == 0 && n > 1)
                  g_assert_cmpfloat (covered, <, 0.75);
                cairo_surface_destroy (whole);
                cairo_surface_destroy (parts);
              }
        }
      test_state_areas (outline, &style);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/render/layout", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_layout, fixture_tear_down);
  g_test_add ("/render/hit-test", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_hit_test, fixture_tear_down);
  g_test_add ("/render/hit-test/nearest", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_find_nearest, fixture_tear_down);
  g_test_add ("/render/marked/light", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_marked_colours, fixture_tear_down);
  g_test_add ("/render/marked/dark", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_marked_colours, fixture_tear_down);
  g_test_add ("/render/symbols", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_symbols_drawn, fixture_tear_down);
  g_test_add_func ("/render/severity-scale", test_severity_scale);
  g_test_add ("/render/changes/grey-scale", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_changes_grey_scale, fixture_tear_down);
  g_test_add_func ("/render/legend", test_legend);
  g_test_add_func ("/render/layout/views-that-fit", test_layout_views_that_fit);
  g_test_add_func ("/render/side-labels-readable", test_side_labels_readable);
  g_test_add_func ("/render/three-views", test_three_views);
  g_test_add_func ("/render/areas", test_areas);

  return g_test_run ();
}
