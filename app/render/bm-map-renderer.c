/* bm-map-renderer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-map-renderer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "bm-map-renderer.h"

#define GAP_VIEWS 0.10     /* gap between the views, in view widths */
#define SYMBOL_UNITS 8.0   /* symptom symbol size, in view units */

/* Severity 1-10 from light yellow to dark red: lightness falls as
 * severity rises, so the scale survives grey-scale printing. */
static const guint32 severity_colors[BM_SEVERITY_MAX + 1] = {
  0x99c1f1, /* 0: marked, no pain */
  0xf9f06b, 0xf6e05a, 0xf5c84a,
  0xffb060, 0xff9038, 0xf66d14,
  0xe8413a, 0xd01f2a, 0xb01a28, 0x8c1626,
};

/* By BmProgressKind: worse, new, same, better, resolved from dark to
 * light (luminance 0.25, 0.46, 0.62, 0.75, 0.92) */
static const guint32 progress_colors[BM_N_PROGRESS_KINDS] = {
  0x57e389, /* better: green */
  0xc01c28, /* worse: red */
  0x8c9fb8, /* same: blue grey */
  0xe66100, /* new: orange */
  0xd0f5d8, /* resolved: pale green, with a dashed edge */
};

static void
color_from_hex (BmColor *color,
                guint32  hex,
                double   alpha)
{
  color->red = ((hex >> 16) & 0xff) / 255.0;
  color->green = ((hex >> 8) & 0xff) / 255.0;
  color->blue = (hex & 0xff) / 255.0;
  color->alpha = alpha;
}

static void
set_source (cairo_t       *cr,
            const BmColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static double
color_luminance (const BmColor *c)
{
  return 0.2126 * c->red + 0.7152 * c->green + 0.0722 * c->blue;
}

void
bm_map_style_init (BmMapStyle *style,
                   gboolean    dark)
{
  memset (style, 0, sizeof *style);
  style->dark = dark;
  style->font_family = "Cantarell, Adwaita Sans, sans-serif";
  style->font_size = 13;

  if (!dark)
    {
      color_from_hex (&style->skin, 0xf3ede6, 1);
      color_from_hex (&style->outline, 0x5e5c64, 1);
      color_from_hex (&style->region, 0xe6ddd3, 1);
      color_from_hex (&style->region_edge, 0xb9afa6, 1);
      color_from_hex (&style->detail, 0xa59c93, 1);
      color_from_hex (&style->text, 0x241f31, 1);
      color_from_hex (&style->dim_text, 0x5e5c64, 1);
      color_from_hex (&style->accent, 0x1c71d8, 1);
      color_from_hex (&style->avoid, 0x5e5c64, 1);
    }
  else
    {
      color_from_hex (&style->skin, 0x4a4550, 1);
      color_from_hex (&style->outline, 0xc0bfbc, 1);
      color_from_hex (&style->region, 0x5a5462, 1);
      color_from_hex (&style->region_edge, 0x77707f, 1);
      color_from_hex (&style->detail, 0x8a8392, 1);
      color_from_hex (&style->text, 0xffffff, 1);
      color_from_hex (&style->dim_text, 0xc0bfbc, 1);
      color_from_hex (&style->accent, 0x78aeed, 1);
      color_from_hex (&style->avoid, 0xdeddda, 1);
    }
  color_from_hex (&style->zero, severity_colors[0], 1);
}

void
bm_severity_get_color (int      severity,
                       BmColor *color)
{
  color_from_hex (color, severity_colors[CLAMP (severity, 0, BM_SEVERITY_MAX)], 1);
}

static double
views_width (BmAtlas *atlas,
             guint    n)
{
  double vw;

  bm_atlas_get_view_size (atlas, &vw, NULL);
  return vw * (n + (n - 1) * GAP_VIEWS);
}

double
bm_map_layout_get_views_width (BmAtlas *atlas)
{
  return views_width (atlas, bm_atlas_get_n_views (atlas));
}

guint
bm_map_layout_count_fitting (BmAtlas *atlas,
                             double   width,
                             double   min_view_width)
{
  guint n = bm_atlas_get_n_views (atlas);
  double vw;

  g_return_val_if_fail (BM_IS_ATLAS (atlas), 1);

  bm_atlas_get_view_size (atlas, &vw, NULL);
  /* n views at the smallest scale take min_view_width * (n + gaps) */
  while (n > 1 && width < views_width (atlas, n) * min_view_width / vw)
    n--;
  return n;
}

guint
bm_map_layout_count_shown (BmAtlas          *atlas,
                           const BmMapStyle *style,
                           double            width,
                           double            height,
                           double            min_view_width)
{
  guint n = bm_map_layout_count_fitting (atlas, width, min_view_width);
  double vw, vh, by_height;

  g_return_val_if_fail (BM_IS_ATLAS (atlas), 1);
  g_return_val_if_fail (style != NULL, 1);

  bm_atlas_get_view_size (atlas, &vw, &vh);
  /* The scale the height allows, below the view names and side labels */
  by_height = MAX (0, height - ceil (style->font_size * 3.2)) / vh;
  while (n > 1 && width / views_width (atlas, n) < BM_MAP_MIN_FIGURE_SHARE * by_height)
    n--;
  return n;
}

static double text_width (cairo_t          *cr,
                          const BmMapStyle *style,
                          const char       *text,
                          double            size);

gboolean
bm_map_layout_get_side_labels (BmAtlas     *atlas,
                               BmView       view,
                               const char **left,
                               const char **right)
{
  BmSide at_left, at_right;

  g_return_val_if_fail (BM_IS_ATLAS (atlas), FALSE);

  if (!bm_atlas_get_view_sides (atlas, view, &at_left, &at_right))
    return FALSE;
  /* From the front the client's right is on the viewer's left */
  *left = at_left == BM_SIDE_RIGHT ? _("← Your right") : _("← Your left");
  *right = at_right == BM_SIDE_LEFT ? _("Your left →") : _("Your right →");
  return TRUE;
}

/* The width the side labels of the widest view need side by side
 * (@pair), and the widest single label (@single), at @size */
static void
measure_side_labels (BmAtlas          *atlas,
                     const BmMapStyle *style,
                     double            size,
                     double           *pair,
                     double           *single)
{
  cairo_surface_t *surface = NULL;
  cairo_t *cr = NULL;

  /* Measuring only: without the style's context, text needs a cairo one */
  if (style->pango_context == NULL)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cr = cairo_create (surface);
    }

  *pair = *single = 0;
  for (guint v = 0; v < bm_atlas_get_n_views (atlas); v++)
    {
      const char *left, *right;
      double lw, rw;

      if (!bm_map_layout_get_side_labels (atlas, v, &left, &right))
        continue;
      lw = text_width (cr, style, left, size);
      rw = text_width (cr, style, right, size);
      *pair = MAX (*pair, lw + rw + style->font_size);
      *single = MAX (*single, MAX (lw, rw));
    }

  g_clear_pointer (&cr, cairo_destroy);
  g_clear_pointer (&surface, cairo_surface_destroy);
}

static void
place_views (BmMapLayout *layout,
             BmAtlas     *atlas,
             double       width,
             double       height)
{
  double vw, vh, total_w, scale;

  bm_atlas_get_view_size (atlas, &vw, &vh);
  total_w = views_width (atlas, layout->n_views);
  scale = MIN (width / total_w, MAX (1, height - layout->title_height) / vh);
  scale = MAX (scale, 0.01);

  layout->scale = scale;
  layout->view_width = vw * scale;
  layout->view_height = vh * scale;
  layout->view_x0 = (width - total_w * scale) / 2;
  layout->view_step = (1 + GAP_VIEWS) * vw * scale;
  layout->view_y = layout->title_height +
                   MAX (0, (height - layout->title_height - layout->view_height) / 2);
}

void
bm_map_layout_compute (BmMapLayout      *layout,
                       BmAtlas          *atlas,
                       const BmMapStyle *style,
                       double            width,
                       double            height)
{
  bm_map_layout_compute_views (layout, atlas, style, width, height, 0, bm_atlas_get_n_views (atlas));
}

void
bm_map_layout_compute_views (BmMapLayout      *layout,
                             BmAtlas          *atlas,
                             const BmMapStyle *style,
                             double            width,
                             double            height,
                             BmView            first,
                             guint             n_views)
{
  double pair, single;

  g_return_if_fail (BM_IS_ATLAS (atlas));
  g_return_if_fail (style != NULL);

  n_views = CLAMP (n_views, 1, bm_atlas_get_n_views (atlas));
  layout->n_views = n_views;
  layout->first_view = MIN (first, bm_atlas_get_n_views (atlas) - n_views);
  layout->width = width;
  layout->height = height;
  layout->side_text_size = MAX (style->font_size * BM_MAP_SMALL_TEXT, BM_MAP_MIN_SIDE_TEXT);
  layout->side_lines = 1;
  /* View name and the two side labels under it */
  layout->title_height = ceil (style->font_size * 3.2);
  place_views (layout, atlas, width, height);

  /* A narrow view: the side labels go one a line, at a size that can be
   * read, rather than shrink side by side until they cannot */
  /* A view shown alone (a narrow window) has room beside it for its side
   * labels on one line */
  layout->label_reach = n_views == 1 ? MAX (0, layout->view_x0) : 0;
  measure_side_labels (atlas, style, layout->side_text_size, &pair, &single);
  if (pair > layout->view_width + 2 * layout->label_reach)
    {
      layout->side_lines = 2;
      layout->title_height = ceil (style->font_size * 3.2 + layout->side_text_size * 1.3);
      place_views (layout, atlas, width, height);
    }
}

gboolean
bm_map_layout_shows_view (const BmMapLayout *layout,
                          BmView             view)
{
  return view >= layout->first_view && view < layout->first_view + layout->n_views;
}

double
bm_map_layout_get_view_x (const BmMapLayout *layout,
                          BmView             view)
{
  /* A view not shown lies off the target, right of the shown ones */
  if (!bm_map_layout_shows_view (layout, view))
    return layout->width + layout->view_step * (1 + view);
  return layout->view_x0 + (double) (view - layout->first_view) * layout->view_step;
}

gboolean
bm_map_layout_to_view (const BmMapLayout *layout,
                       double             x,
                       double             y,
                       BmView            *view,
                       double            *vx,
                       double            *vy)
{
  for (guint v = layout->first_view; v < layout->first_view + layout->n_views; v++)
    {
      double x0 = bm_map_layout_get_view_x (layout, v);

      if (x >= x0 && x < x0 + layout->view_width)
        {
          *view = v;
          *vx = (x - x0) / layout->scale;
          *vy = (y - layout->view_y) / layout->scale;
          return TRUE;
        }
    }
  return FALSE;
}

void
bm_map_layout_from_view (const BmMapLayout *layout,
                         BmView             view,
                         double             vx,
                         double             vy,
                         double            *x,
                         double            *y)
{
  *x = bm_map_layout_get_view_x (layout, view) + vx * layout->scale;
  *y = layout->view_y + vy * layout->scale;
}

/* Where a mark's symptom symbols go: @n of them, @size across, the first
 * centred on (x, y) and each next @step further across (@row) or down */
typedef struct
{
  double   x, y, size, step;
  guint    n;
  gboolean row;
} SymbolRun;

static gboolean
place_symptoms (const BmRegion    *region,
                BmView             view,
                const BmMark      *mark,
                const BmMapLayout *layout,
                SymbolRun         *run)
{
  double ax, ay;
  BmRect bounds;

  if (mark->symptoms == BM_SYMPTOM_NONE ||
      !bm_region_get_anchor (region, view, mark->side, &ax, &ay))
    return FALSE;

  run->n = 0;
  for (guint i = 0; i < BM_N_SYMPTOMS; i++)
    if (mark->symptoms & bm_symptom_nth (i))
      run->n++;

  run->size = CLAMP (SYMBOL_UNITS * layout->scale, 6, 16);
  run->step = run->size * 1.25;
  bm_region_get_bounds (region, view, mark->side, &bounds);
  bm_map_layout_from_view (layout, view, ax, ay, &ax, &ay);

  /* A row when it fits across the region, otherwise a column */
  run->row = run->n * run->step <= bounds.width * layout->scale || bounds.width >= bounds.height;
  run->x = run->row ? ax - (run->n - 1) * run->step / 2 : ax;
  run->y = run->row ? ay : ay - (run->n - 1) * run->step / 2;
  return TRUE;
}

static double
change_symbol_size (const BmMapLayout *layout)
{
  return CLAMP (SYMBOL_UNITS * 1.4 * layout->scale, 9, 20);
}

void
bm_map_layout_get_single (const BmMapLayout *layout,
                          BmView             view,
                          BmMapLayout       *single)
{
  g_return_if_fail (bm_map_layout_shows_view (layout, view));

  *single = *layout;
  single->first_view = view;
  single->n_views = 1;
  single->view_x0 = bm_map_layout_get_view_x (layout, view);
}

void
bm_map_layout_get_titles_area (const BmMapLayout *layout,
                               BmRect            *area)
{
  /* The names and side labels lie within the title band; the side
   * labels of a view shown alone reach into the room beside it */
  *area = (BmRect) { 0, 0, layout->width, MIN (layout->title_height, layout->view_y) };
}

static void
rect_add (BmRect       *rect,
          gboolean     *empty,
          const BmRect *other)
{
  if (*empty)
    *rect = *other;
  else
    bm_rect_union (rect, other, rect);
  *empty = FALSE;
}

static void
rect_add_paths (BmRect    *rect,
                gboolean  *empty,
                GPtrArray *paths)
{
  for (guint i = 0; i < paths->len; i++)
    rect_add (rect, empty, bm_path_get_bounds (g_ptr_array_index (paths, i)));
}

/* The square of @reach around (x, y) */
static void
rect_add_point (BmRect   *rect,
                gboolean *empty,
                double    x,
                double    y,
                double    reach)
{
  BmRect square = { x - reach, y - reach, 2 * reach, 2 * reach };

  rect_add (rect, empty, &square);
}

/* How far a symptom symbol @size across, with its halo, reaches from
 * its centre (bm_map_renderer_draw_symptom()) */
static double
symptom_reach (double size)
{
  return size / 2 + (MAX (1.2, size / 7) + 2.2) / 2 + 1;
}

/* The same for a change's symbol (bm_map_renderer_draw_change_symbol()) */
static double
change_reach (double size)
{
  return size / 2 + (MAX (1.5, size / 5.5) + 2.4) / 2 + 1;
}

void
bm_map_layout_get_figure_area (const BmMapLayout *layout,
                               BmAtlas           *atlas,
                               BmView             view,
                               BmRect            *area)
{
  static const BmSide sides[] = { BM_SIDE_CENTER, BM_SIDE_LEFT, BM_SIDE_RIGHT };
  double line = MAX (1.0, layout->scale * 1.2);
  BmRect figure = { 0 };
  gboolean empty = TRUE;
  double pad;

  g_return_if_fail (BM_IS_ATLAS (atlas));
  g_return_if_fail (area != NULL);

  /* Its outline, anatomy lines and regions, in view units */
  rect_add_paths (&figure, &empty, bm_atlas_get_outline (atlas, view));
  rect_add_paths (&figure, &empty, bm_atlas_get_details (atlas, view));
  for (guint i = 0; i < bm_atlas_get_n_regions (atlas); i++)
    for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
      rect_add_paths (&figure, &empty, bm_region_get_shapes (bm_atlas_get_region (atlas, i), view, sides[s]));

  /* On the target, with room for the outline's stroke (the widest) and
   * its antialiasing */
  pad = line * 0.65 + 1.5;
  bm_map_layout_from_view (layout, view, figure.x, figure.y, &area->x, &area->y);
  area->x -= pad;
  area->y -= pad;
  area->width = figure.width * layout->scale + 2 * pad;
  area->height = figure.height * layout->scale + 2 * pad;
}

/* The bounds of @region's @side in @view on the target, with room for
 * an edge @line wide; nothing when not in that view */
static void
rect_add_region (BmRect            *rect,
                 gboolean          *empty,
                 const BmMapLayout *layout,
                 const BmRegion    *region,
                 BmView             view,
                 BmSide             side,
                 double             line)
{
  BmRect bounds;
  double pad = line / 2 + 1.5;

  if (region == NULL || !bm_region_get_bounds (region, view, side, &bounds) ||
      bounds.width <= 0 || bounds.height <= 0)
    return;
  bm_map_layout_from_view (layout, view, bounds.x, bounds.y, &bounds.x, &bounds.y);
  bounds.x -= pad;
  bounds.y -= pad;
  bounds.width = bounds.width * layout->scale + 2 * pad;
  bounds.height = bounds.height * layout->scale + 2 * pad;
  rect_add (rect, empty, &bounds);
}

gboolean
bm_map_layout_get_marks_area (const BmMapLayout *layout,
                              BmAtlas           *atlas,
                              BmView             view,
                              BmIntake          *intake,
                              GPtrArray         *areas,
                              BmRect            *area)
{
  static const BmSide sides[] = { BM_SIDE_CENTER, BM_SIDE_LEFT, BM_SIDE_RIGHT };
  double line = MAX (1.0, layout->scale * 1.2);
  gboolean empty = TRUE;

  g_return_val_if_fail (BM_IS_ATLAS (atlas), FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  *area = (BmRect) { 0 };

  /* The changes, or today's and last time's marks; symbols are drawn at
   * a size that can be read, and may stand out of a small area */
  if (areas != NULL)
    {
      double reach = change_reach (change_symbol_size (layout));

      for (guint i = 0; i < areas->len; i++)
        {
          const BmProgressArea *changed = g_ptr_array_index (areas, i);
          const BmRegion *region = bm_atlas_lookup (atlas, changed->region);
          double ax, ay;

          rect_add_region (area, &empty, layout, region, view, changed->side, line);
          if (region == NULL || !bm_region_in_view (region, view) ||
              !bm_region_get_anchor (region, view, changed->side, &ax, &ay))
            continue;
          bm_map_layout_from_view (layout, view, ax, ay, &ax, &ay);
          rect_add_point (area, &empty, ax, ay, reach);
        }
    }
  else if (intake != NULL)
    {
      GPtrArray *marks = bm_intake_get_marks (intake);
      g_autoptr(GPtrArray) last_time = bm_intake_dup_last_time (intake);

      for (guint m = 0; m < last_time->len; m++)
        {
          const BmMark *mark = g_ptr_array_index (last_time, m);

          rect_add_region (area, &empty, layout, bm_atlas_lookup (atlas, mark->region), view, mark->side, line);
        }
      for (guint m = 0; m < marks->len; m++)
        {
          const BmMark *mark = g_ptr_array_index (marks, m);
          const BmRegion *region = bm_atlas_lookup (atlas, mark->region);
          SymbolRun run;
          double reach;

          rect_add_region (area, &empty, layout, region, view, mark->side, line);
          if (region == NULL || !bm_region_in_view (region, view) ||
              !place_symptoms (region, view, mark, layout, &run))
            continue;
          reach = symptom_reach (run.size);
          rect_add_point (area, &empty, run.x, run.y, reach);
          rect_add_point (area, &empty,
                          run.x + (run.row ? (run.n - 1) * run.step : 0),
                          run.y + (run.row ? 0 : (run.n - 1) * run.step), reach);
        }
    }

  /* Not to be touched: hatched, in today's map and in the changes */
  if (intake != NULL)
    {
      const char * const *avoid = bm_intake_get_avoid (intake);

      for (guint i = 0; avoid[i] != NULL; i++)
        for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
          rect_add_region (area, &empty, layout, bm_atlas_lookup (atlas, avoid[i]), view, sides[s], line);
    }

  return !empty;
}

gboolean
bm_map_layout_get_state_area (const BmMapLayout *layout,
                              BmAtlas           *atlas,
                              BmView             view,
                              const BmMapState  *state,
                              BmRect            *area)
{
  const char *ids[] = { state->hover_region, state->selected_region, state->focus_region };
  BmSide sides[] = { state->hover_side, state->selected_side, state->focus_side };
  gboolean empty = TRUE;

  g_return_val_if_fail (BM_IS_ATLAS (atlas), FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  *area = (BmRect) { 0 };
  /* The selection's edge is the widest (bm_map_renderer_draw_state()) */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    if (ids[i] != NULL)
      rect_add_region (area, &empty, layout, bm_atlas_lookup (atlas, ids[i]), view, sides[i], 3);
  return !empty;
}

gboolean
bm_map_layout_hit_test (const BmMapLayout *layout,
                        BmAtlas           *atlas,
                        double             x,
                        double             y,
                        BmView            *view,
                        const BmRegion   **region,
                        BmSide            *side)
{
  BmView v;
  double vx, vy;

  if (!bm_map_layout_to_view (layout, x, y, &v, &vx, &vy))
    return FALSE;
  if (view)
    *view = v;
  return bm_atlas_hit_test (atlas, v, vx, vy, region, side);
}

gboolean
bm_map_layout_find_nearest (const BmMapLayout *layout,
                            BmAtlas           *atlas,
                            double             x,
                            double             y,
                            double             max_distance,
                            BmView            *view,
                            const BmRegion   **region,
                            BmSide            *side)
{
  const BmRegion *best = NULL;
  BmSide best_side = BM_SIDE_CENTER;
  BmView best_view = 0;
  double best_distance = G_MAXDOUBLE;

  g_return_val_if_fail (BM_IS_ATLAS (atlas), FALSE);

  if (layout->scale <= 0)
    return FALSE;

  /* Beside a figure is in no view: each view is searched, with the
   * point in its coordinates */
  for (guint v = layout->first_view; v < layout->first_view + layout->n_views; v++)
    {
      double x0 = bm_map_layout_get_view_x (layout, v);
      double vx = (x - x0) / layout->scale;
      double vy = (y - layout->view_y) / layout->scale;
      double limit = MIN (max_distance / layout->scale, best_distance);
      const BmRegion *r;
      BmSide s;
      double d;

      if (bm_atlas_find_nearest (atlas, v, vx, vy, limit, &r, &s, &d) &&
          (best == NULL || d < best_distance))
        {
          best = r;
          best_side = s;
          best_view = v;
          best_distance = d;
        }
    }

  if (region)
    *region = best;
  if (best == NULL)
    return FALSE;
  if (side)
    *side = best_side;
  if (view)
    *view = best_view;
  return TRUE;
}

static void
append_path (cairo_t      *cr,
             const BmPath *path)
{
  const BmPathElem *elems = bm_path_get_elems (path);
  guint n = bm_path_get_n_elems (path);

  for (guint i = 0; i < n; i++)
    switch (elems[i].op)
      {
      case BM_PATH_MOVE:
        cairo_move_to (cr, elems[i].x[0], elems[i].y[0]);
        break;
      case BM_PATH_LINE:
        cairo_line_to (cr, elems[i].x[0], elems[i].y[0]);
        break;
      case BM_PATH_CURVE:
        cairo_curve_to (cr, elems[i].x[0], elems[i].y[0], elems[i].x[1], elems[i].y[1],
                        elems[i].x[2], elems[i].y[2]);
        break;
      case BM_PATH_CLOSE:
      default:
        cairo_close_path (cr);
        break;
      }
}

static void
append_paths (cairo_t   *cr,
              GPtrArray *paths)
{
  for (guint i = 0; i < paths->len; i++)
    append_path (cr, g_ptr_array_index (paths, i));
}

/* A dashed edge, in device units: what is not today's (last time's
 * marks, an area resolved since) */
static void
stroke_device_dashed (cairo_t *cr,
                      double   width)
{
  static const double dash[] = { 4.0, 3.0 };

  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Fills the shapes of @region's @side in view @v with @fill, keeping the
 * path for its edge; FALSE when it has none there */
static gboolean
fill_region (cairo_t        *cr,
             const BmRegion *region,
             guint           v,
             BmSide          side,
             const BmColor  *fill)
{
  GPtrArray *shapes;

  if (region == NULL || (shapes = bm_region_get_shapes (region, v, side))->len == 0)
    return FALSE;
  cairo_new_path (cr);
  append_paths (cr, shapes);
  set_source (cr, fill);
  cairo_fill_preserve (cr);
  return TRUE;
}

/* Stroke in device units while the path is in view units */
static void
stroke_device (cairo_t *cr,
               double   width,
               gboolean preserve)
{
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_set_line_width (cr, width);
  if (preserve)
    cairo_stroke_preserve (cr);
  else
    cairo_stroke (cr);
  cairo_restore (cr);
}

static void
enter_view (cairo_t           *cr,
            const BmMapLayout *layout,
            BmView             view)
{
  cairo_translate (cr, bm_map_layout_get_view_x (layout, view), layout->view_y);
  cairo_scale (cr, layout->scale, layout->scale);
}

/* A layout for @text in the style's family at @size device units. @cr may
 * be NULL when the style has its own Pango context (measuring only). */
static PangoLayout *
new_layout (cairo_t          *cr,
            const BmMapStyle *style,
            const char       *text,
            double            size,
            gboolean          bold)
{
  PangoLayout *layout = style->pango_context ? pango_layout_new (style->pango_context)
                                             : pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (style->font_family);

  /* Rounded as GTK rounds its own sizes, so equal sizes share fonts */
  pango_font_description_set_absolute_size (desc, round (size * PANGO_SCALE));
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (desc);
  return layout;
}

static void
draw_text (cairo_t          *cr,
           const BmMapStyle *style,
           const char       *text,
           double            x,
           double            y,
           double            align,   /* 0 left, 0.5 centre, 1 right of x */
           double            size,
           gboolean          bold,
           const BmColor    *color)
{
  PangoLayout *layout = new_layout (cr, style, text, size, bold);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  set_source (cr, color);
  cairo_move_to (cr, x - w * align, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

/* Each view's name, and under it which of the client's sides is at each
 * edge, as the atlas says */
static void
draw_titles (cairo_t           *cr,
             BmAtlas           *atlas,
             const BmMapLayout *layout,
             const BmMapStyle  *style)
{
  double fs = style->font_size;

  for (guint v = layout->first_view; v < layout->first_view + layout->n_views; v++)
    {
      double x0 = bm_map_layout_get_view_x (layout, v);
      double x1 = x0 + layout->view_width;
      double y = layout->title_height - fs * 1.6;
      const char *left_label, *right_label;
      double side_fs = layout->side_text_size;

      const char *name = bm_atlas_get_view_name (atlas, v);

      /* Names of neighbouring views never run into each other: the short
       * name ("Your left") where the whole one does not fit */
      if (text_width (cr, style, name, fs) * 1.1 > layout->view_step - fs * 0.5)
        name = bm_atlas_get_view_short_name (atlas, v);
      draw_text (cr, style, name, (x0 + x1) / 2, 0, 0.5, fs, TRUE, &style->text);

      if (!bm_map_layout_get_side_labels (atlas, v, &left_label, &right_label))
        continue;

      /* One a line when the view is too narrow for both side by side */
      if (layout->side_lines > 1)
        y -= side_fs * 1.3;
      draw_text (cr, style, left_label, x0 - layout->label_reach, y, 0, side_fs, FALSE, &style->dim_text);
      if (layout->side_lines > 1)
        y += side_fs * 1.3;
      draw_text (cr, style, right_label, x1 + layout->label_reach, y, 1, side_fs, FALSE, &style->dim_text);
    }
}

static void
draw_symptoms (cairo_t           *cr,
               const BmRegion    *region,
               BmView             view,
               const BmMark      *mark,
               const BmMapLayout *layout)
{
  BmColor fill, ink;
  SymbolRun run;
  double x, y;

  if (!place_symptoms (region, view, mark, layout, &run))
    return;

  bm_severity_get_color (mark->severity, &fill);
  if (color_luminance (&fill) < 0.45)
    color_from_hex (&ink, 0xffffff, 1);
  else
    color_from_hex (&ink, 0x241f31, 1);

  x = run.x;
  y = run.y;
  for (guint i = 0; i < BM_N_SYMPTOMS; i++)
    {
      BmSymptoms symptom = bm_symptom_nth (i);

      if (!(mark->symptoms & symptom))
        continue;
      bm_map_renderer_draw_symptom (cr, symptom, x, y, run.size, &ink);
      if (run.row)
        x += run.step;
      else
        y += run.step;
    }
}

static void
begin (cairo_t *cr)
{
  cairo_save (cr);
  /* Flattening curves to within 0.3 device units cannot be seen, and
   * halves the cost of stroking the long silhouette */
  cairo_set_tolerance (cr, 0.3);
}

/* One view's silhouette, regions and anatomy lines, in view units;
 * @line is the outline's width in device units */
static void
draw_figure (cairo_t          *cr,
             BmAtlas          *atlas,
             BmView            v,
             double            line,
             const BmMapStyle *style)
{
  guint n_regions = bm_atlas_get_n_regions (atlas);
  static const BmSide sides[] = { BM_SIDE_CENTER, BM_SIDE_LEFT, BM_SIDE_RIGHT };

  /* Body */
  cairo_new_path (cr);
  append_paths (cr, bm_atlas_get_outline (atlas, v));
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  set_source (cr, &style->skin);
  /* The edge of the skin lies under the middle of the outline */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  cairo_fill_preserve (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
  set_source (cr, &style->outline);
  stroke_device (cr, line * 1.3, FALSE);

  /* Every region, unmarked: one fill, since they never overlap. The
   * gaps between them show the skin as their edges. Their edges are
   * faint (region on skin), where 16 levels of coverage cannot be
   * told from 256, and this fill is half the cost of the drawing. */
  cairo_new_path (cr);
  for (guint i = 0; i < n_regions; i++)
    for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
      append_paths (cr, bm_region_get_shapes (bm_atlas_get_region (atlas, i), v, sides[s]));
  set_source (cr, &style->region);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  cairo_fill (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);

  /* Anatomy hints */
  cairo_new_path (cr);
  append_paths (cr, bm_atlas_get_details (atlas, v));
  set_source (cr, &style->detail);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  stroke_device (cr, MAX (0.7, line * 0.6), FALSE);
}

void
bm_map_renderer_draw_titles (cairo_t           *cr,
                             BmAtlas           *atlas,
                             const BmMapLayout *layout,
                             const BmMapStyle  *style)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (BM_IS_ATLAS (atlas));

  begin (cr);
  draw_titles (cr, atlas, layout, style);
  cairo_restore (cr);
}

void
bm_map_renderer_draw_figures (cairo_t           *cr,
                              BmAtlas           *atlas,
                              const BmMapLayout *layout,
                              const BmMapStyle  *style)
{
  double line = MAX (1.0, layout->scale * 1.2);

  g_return_if_fail (cr != NULL);
  g_return_if_fail (BM_IS_ATLAS (atlas));

  begin (cr);
  for (guint v = layout->first_view; v < layout->first_view + layout->n_views; v++)
    {
      cairo_save (cr);
      enter_view (cr, layout, v);
      draw_figure (cr, atlas, v, line, style);
      cairo_restore (cr);
    }
  cairo_restore (cr);
}

void
bm_map_renderer_draw_body (cairo_t           *cr,
                           BmAtlas           *atlas,
                           const BmMapLayout *layout,
                           const BmMapStyle  *style)
{
  bm_map_renderer_draw_titles (cr, atlas, layout, style);
  bm_map_renderer_draw_figures (cr, atlas, layout, style);
}

void
bm_map_renderer_draw_thumbnail (cairo_t          *cr,
                                BmAtlas          *atlas,
                                BmView            view,
                                double            width,
                                double            height,
                                const BmMapStyle *style)
{
  double vw, vh, scale;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (BM_IS_ATLAS (atlas));
  g_return_if_fail (view < bm_atlas_get_n_views (atlas));

  bm_atlas_get_view_size (atlas, &vw, &vh);
  scale = MIN (width / vw, height / vh);
  if (scale <= 0)
    return;

  begin (cr);
  cairo_translate (cr, (width - vw * scale) / 2, (height - vh * scale) / 2);
  cairo_scale (cr, scale, scale);
  draw_figure (cr, atlas, view, 1.0, style);
  cairo_restore (cr);
}

/* Diagonal lines over the current path, in device units */
static void
hatch_path (cairo_t       *cr,
            const BmColor *color,
            double         spacing)
{
  double x0, y0, x1, y1;

  cairo_save (cr);
  cairo_clip_preserve (cr);
  cairo_identity_matrix (cr);
  cairo_clip_extents (cr, &x0, &y0, &x1, &y1);
  cairo_new_path (cr);
  for (double x = x0 - (y1 - y0); x < x1; x += spacing)
    {
      cairo_move_to (cr, x, y1);
      cairo_line_to (cr, x + (y1 - y0), y0);
    }
  set_source (cr, color);
  cairo_set_line_width (cr, MAX (1.0, spacing / 4));
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_avoided (cairo_t           *cr,
              BmAtlas           *atlas,
              BmIntake          *intake,
              BmView             view,
              const BmMapStyle  *style,
              double             line)
{
  const char * const *avoid = bm_intake_get_avoid (intake);
  static const BmSide sides[] = { BM_SIDE_CENTER, BM_SIDE_LEFT, BM_SIDE_RIGHT };

  for (guint i = 0; avoid[i] != NULL; i++)
    {
      const BmRegion *region = bm_atlas_lookup (atlas, avoid[i]);

      if (region == NULL)
        continue;
      for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
        {
          GPtrArray *shapes = bm_region_get_shapes (region, view, sides[s]);
          double dash[] = { 3, 2 };

          if (shapes->len == 0)
            continue;
          cairo_new_path (cr);
          append_paths (cr, shapes);
          hatch_path (cr, &style->avoid, MAX (4, line * 3.5));
          set_source (cr, &style->avoid);
          cairo_set_dash (cr, dash, 2, 0);
          stroke_device (cr, line, FALSE);
          cairo_set_dash (cr, NULL, 0, 0);
        }
    }
}

void
bm_map_renderer_draw_marks (cairo_t           *cr,
                            BmAtlas           *atlas,
                            BmIntake          *intake,
                            const BmMapLayout *layout,
                            const BmMapStyle  *style)
{
  double line = MAX (1.0, layout->scale * 1.2);
  GPtrArray *marks;
  g_autoptr(GPtrArray) last_time = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (BM_IS_ATLAS (atlas));

  if (intake == NULL)
    return;

  marks = bm_intake_get_marks (intake);
  last_time = bm_intake_dup_last_time (intake);
  begin (cr);

  for (guint v = layout->first_view; v < layout->first_view + layout->n_views; v++)
    {
      cairo_save (cr);
      enter_view (cr, layout, v);

      /* Last time, still to confirm: faint, with a dashed edge, so it
       * never reads as today's pain (in grey scale too) */
      for (guint m = 0; m < last_time->len; m++)
        {
          const BmMark *mark = g_ptr_array_index (last_time, m);
          BmColor fill;

          bm_severity_get_color (mark->severity, &fill);
          fill.alpha = 0.3;
          if (!fill_region (cr, bm_atlas_lookup (atlas, mark->region), v, mark->side, &fill))
            continue;
          set_source (cr, &style->outline);
          stroke_device_dashed (cr, line);
        }

      /* Fills by severity, then all their edges in one stroke */
      for (guint m = 0; m < marks->len; m++)
        {
          const BmMark *mark = g_ptr_array_index (marks, m);
          BmColor fill;

          bm_severity_get_color (mark->severity, &fill);
          if (!fill_region (cr, bm_atlas_lookup (atlas, mark->region), v, mark->side, &fill))
            continue;
          set_source (cr, &style->outline);
          stroke_device (cr, line, FALSE);
        }

      /* Not to be touched: hatched, over any fill */
      draw_avoided (cr, atlas, intake, v, style, line);
      cairo_restore (cr);

      /* Symptom symbols, in device units so they stay legible */
      for (guint m = 0; m < marks->len; m++)
        {
          const BmMark *mark = g_ptr_array_index (marks, m);
          const BmRegion *region = bm_atlas_lookup (atlas, mark->region);

          if (region && bm_region_in_view (region, v))
            draw_symptoms (cr, region, v, mark, layout);
        }
    }

  cairo_restore (cr);
}

void
bm_progress_get_color (BmProgressKind  kind,
                       BmColor        *color)
{
  g_return_if_fail (kind < BM_N_PROGRESS_KINDS);
  color_from_hex (color, progress_colors[kind], 1);
}

/* Ink that reads on a fill: white on dark ones, near black on light */
static void
ink_for_fill (const BmColor *fill,
              BmColor       *ink)
{
  if (color_luminance (fill) < 0.45)
    color_from_hex (ink, 0xffffff, 1);
  else
    color_from_hex (ink, 0x241f31, 1);
}

void
bm_map_renderer_draw_change_symbol (cairo_t        *cr,
                                    BmProgressKind  kind,
                                    double          x,
                                    double          y,
                                    double          size,
                                    const BmColor  *ink)
{
  double r = size / 2;
  double lw = MAX (1.5, size / 5.5);
  BmColor halo;

  g_return_if_fail (kind < BM_N_PROGRESS_KINDS);

  if (color_luminance (ink) > 0.5)
    color_from_hex (&halo, 0x000000, 0.55);
  else
    color_from_hex (&halo, 0xffffff, 0.8);

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  switch (kind)
    {
    case BM_PROGRESS_BETTER:   /* an arrow down: it hurts less */
    case BM_PROGRESS_WORSE:    /* an arrow up: it hurts more */
      {
        double d = kind == BM_PROGRESS_BETTER ? 1 : -1;

        cairo_move_to (cr, x, y - d * r);
        cairo_line_to (cr, x, y + d * r);
        cairo_move_to (cr, x - r * 0.65, y + d * r * 0.3);
        cairo_line_to (cr, x, y + d * r);
        cairo_line_to (cr, x + r * 0.65, y + d * r * 0.3);
      }
      break;
    case BM_PROGRESS_SAME:     /* an equals sign */
      cairo_move_to (cr, x - r * 0.8, y - r * 0.35);
      cairo_line_to (cr, x + r * 0.8, y - r * 0.35);
      cairo_move_to (cr, x - r * 0.8, y + r * 0.35);
      cairo_line_to (cr, x + r * 0.8, y + r * 0.35);
      break;
    case BM_PROGRESS_NEW:      /* a plus */
      cairo_move_to (cr, x - r * 0.85, y);
      cairo_line_to (cr, x + r * 0.85, y);
      cairo_move_to (cr, x, y - r * 0.85);
      cairo_line_to (cr, x, y + r * 0.85);
      break;
    case BM_PROGRESS_RESOLVED: /* a tick */
    default:
      cairo_move_to (cr, x - r * 0.85, y + r * 0.05);
      cairo_line_to (cr, x - r * 0.25, y + r * 0.65);
      cairo_line_to (cr, x + r * 0.9, y - r * 0.7);
      break;
    }

  /* Halo first so the symbol reads on any fill */
  set_source (cr, &halo);
  cairo_set_line_width (cr, lw + 2.4);
  cairo_stroke_preserve (cr);
  set_source (cr, ink);
  cairo_set_line_width (cr, lw);
  cairo_stroke (cr);

  cairo_restore (cr);
}

void
bm_map_renderer_draw_changes (cairo_t           *cr,
                              BmAtlas           *atlas,
                              GPtrArray         *areas,
                              BmIntake          *intake,
                              const BmMapLayout *layout,
                              const BmMapStyle  *style)
{
  double line = MAX (1.0, layout->scale * 1.2);
  double size = change_symbol_size (layout);

  g_return_if_fail (cr != NULL);
  g_return_if_fail (BM_IS_ATLAS (atlas));

  if (areas == NULL)
    return;

  begin (cr);
  for (guint v = layout->first_view; v < layout->first_view + layout->n_views; v++)
    {
      cairo_save (cr);
      enter_view (cr, layout, v);
      for (guint i = 0; i < areas->len; i++)
        {
          const BmProgressArea *area = g_ptr_array_index (areas, i);
          BmColor fill;

          bm_progress_get_color (area->kind, &fill);
          if (!fill_region (cr, bm_atlas_lookup (atlas, area->region), v, area->side, &fill))
            continue;
          set_source (cr, &style->outline);
          if (area->kind == BM_PROGRESS_RESOLVED)
            stroke_device_dashed (cr, line);
          else
            stroke_device (cr, line, FALSE);
        }
      if (intake != NULL)
        draw_avoided (cr, atlas, intake, v, style, line);
      cairo_restore (cr);

      /* Symbols in device units, so they stay legible */
      for (guint i = 0; i < areas->len; i++)
        {
          const BmProgressArea *area = g_ptr_array_index (areas, i);
          const BmRegion *region = bm_atlas_lookup (atlas, area->region);
          BmColor fill, ink;
          double ax, ay;

          if (region == NULL || !bm_region_in_view (region, v) ||
              !bm_region_get_anchor (region, v, area->side, &ax, &ay))
            continue;
          bm_map_layout_from_view (layout, v, ax, ay, &ax, &ay);
          bm_progress_get_color (area->kind, &fill);
          ink_for_fill (&fill, &ink);
          bm_map_renderer_draw_change_symbol (cr, area->kind, ax, ay, size, &ink);
        }
    }
  cairo_restore (cr);
}

void
bm_map_renderer_draw_base (cairo_t           *cr,
                           BmAtlas           *atlas,
                           BmIntake          *intake,
                           const BmMapLayout *layout,
                           const BmMapStyle  *style)
{
  bm_map_renderer_draw_body (cr, atlas, layout, style);
  bm_map_renderer_draw_marks (cr, atlas, intake, layout, style);
}

static void
outline_region (cairo_t           *cr,
                BmAtlas           *atlas,
                const BmMapLayout *layout,
                const char        *id,
                BmSide             side,
                const BmColor     *color,
                double             width,
                double             fill_alpha,
                gboolean           dashed)
{
  const BmRegion *region = id ? bm_atlas_lookup (atlas, id) : NULL;

  if (region == NULL)
    return;

  for (guint v = layout->first_view; v < layout->first_view + layout->n_views; v++)
    {
      GPtrArray *shapes = bm_region_get_shapes (region, v, side);

      if (shapes->len == 0)
        continue;

      cairo_save (cr);
      enter_view (cr, layout, v);
      cairo_new_path (cr);
      append_paths (cr, shapes);
      if (fill_alpha > 0)
        {
          cairo_set_source_rgba (cr, color->red, color->green, color->blue, fill_alpha);
          cairo_fill_preserve (cr);
        }
      set_source (cr, color);
      if (dashed)
        {
          double dash[] = { 4, 3 };
          cairo_set_dash (cr, dash, 2, 0);
        }
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      stroke_device (cr, width, FALSE);
      cairo_restore (cr);
    }
}

void
bm_map_renderer_draw_state (cairo_t           *cr,
                            BmAtlas           *atlas,
                            const BmMapLayout *layout,
                            const BmMapStyle  *style,
                            const BmMapState  *state)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (state != NULL);

  outline_region (cr, atlas, layout, state->hover_region, state->hover_side,
                  &style->accent, 2, 0.22, FALSE);
  outline_region (cr, atlas, layout, state->selected_region, state->selected_side,
                  &style->accent, 3, 0, FALSE);
  outline_region (cr, atlas, layout, state->focus_region, state->focus_side,
                  &style->accent, 2, 0, TRUE);
}

void
bm_map_renderer_draw_symptom (cairo_t       *cr,
                              BmSymptoms     symptom,
                              double         x,
                              double         y,
                              double         size,
                              const BmColor *ink)
{
  double r = size / 2;
  double lw = MAX (1.2, size / 7);
  BmColor halo;

  if (color_luminance (ink) > 0.5)
    color_from_hex (&halo, 0x000000, 0.55);
  else
    color_from_hex (&halo, 0xffffff, 0.75);

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  switch (symptom)
    {
    case BM_SYMPTOM_TIGHT:   /* two parallel bars: a muscle pulled taut */
      cairo_move_to (cr, x - r, y - r * 0.4);
      cairo_line_to (cr, x + r, y - r * 0.4);
      cairo_move_to (cr, x - r, y + r * 0.4);
      cairo_line_to (cr, x + r, y + r * 0.4);
      break;
    case BM_SYMPTOM_SORE:    /* a filled dot */
      cairo_arc (cr, x, y, r * 0.6, 0, 2 * G_PI);
      break;
    case BM_SYMPTOM_KNOT:    /* a cross */
      cairo_move_to (cr, x - r * 0.75, y - r * 0.75);
      cairo_line_to (cr, x + r * 0.75, y + r * 0.75);
      cairo_move_to (cr, x + r * 0.75, y - r * 0.75);
      cairo_line_to (cr, x - r * 0.75, y + r * 0.75);
      break;
    case BM_SYMPTOM_SHARP:   /* a filled triangle pointing up */
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r * 0.9, y + r * 0.75);
      cairo_line_to (cr, x - r * 0.9, y + r * 0.75);
      cairo_close_path (cr);
      break;
    case BM_SYMPTOM_TINGLING: /* a zigzag */
      cairo_move_to (cr, x - r, y + r * 0.3);
      cairo_line_to (cr, x - r * 0.5, y - r * 0.4);
      cairo_line_to (cr, x, y + r * 0.4);
      cairo_line_to (cr, x + r * 0.5, y - r * 0.4);
      cairo_line_to (cr, x + r, y + r * 0.3);
      break;
    case BM_SYMPTOM_SWOLLEN: /* a ring */
      cairo_arc (cr, x, y, r * 0.75, 0, 2 * G_PI);
      break;
    case BM_SYMPTOM_NONE:
    default:
      cairo_restore (cr);
      return;
    }

  /* Halo first so the symbol reads on any fill */
  set_source (cr, &halo);
  cairo_set_line_width (cr, lw + 2.2);
  if (symptom == BM_SYMPTOM_SORE || symptom == BM_SYMPTOM_SHARP)
    {
      cairo_stroke_preserve (cr);
      set_source (cr, ink);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, lw * 0.5);
      cairo_stroke (cr);
    }
  else
    {
      cairo_stroke_preserve (cr);
      set_source (cr, ink);
      cairo_set_line_width (cr, lw);
      cairo_stroke (cr);
    }

  cairo_restore (cr);
}

static double
text_width (cairo_t          *cr,
            const BmMapStyle *style,
            const char       *text,
            double            size)
{
  PangoLayout *layout = new_layout (cr, style, text, size, FALSE);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  g_object_unref (layout);
  return w;
}

static double draw_legend (cairo_t *cr, gboolean paint, const BmMapStyle *style, double width);
static double draw_change_legend (cairo_t *cr, gboolean paint, const BmMapStyle *style, double width);

typedef double (*LegendFunc) (cairo_t          *cr,
                              gboolean          paint,
                              const BmMapStyle *style,
                              double            width);

/* Draws a legend on @cr, or with @cr NULL only measures it: text still
 * needs a context, the style's or a scratch one */
static double
draw_or_measure (LegendFunc        legend,
                 cairo_t          *cr,
                 const BmMapStyle *style,
                 double            width)
{
  cairo_surface_t *surface;
  cairo_t *measure;
  double height;

  if (cr != NULL)
    return legend (cr, TRUE, style, width);
  if (style->pango_context != NULL)
    return legend (NULL, FALSE, style, width);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  measure = cairo_create (surface);
  height = legend (measure, FALSE, style, width);
  cairo_destroy (measure);
  cairo_surface_destroy (surface);
  return height;
}

double
bm_map_renderer_draw_change_legend (cairo_t          *cr,
                                    const BmMapStyle *style,
                                    double            width)
{
  return draw_or_measure (draw_change_legend, cr, style, width);
}

double
bm_map_renderer_draw_legend (cairo_t          *cr,
                             const BmMapStyle *style,
                             double            width)
{
  return draw_or_measure (draw_legend, cr, style, width);
}

static double
draw_legend (cairo_t          *cr,
             gboolean          paint,
             const BmMapStyle *style,
             double            width)
{
  double fs = style->font_size * BM_MAP_SMALL_TEXT;
  double row = fs * 1.9;
  double sw = fs * 1.3;  /* swatch */
  double x = 0, y = 0;
  static const struct { int lo, hi; } bands[] = { { 1, 3 }, { 4, 6 }, { 7, 10 } };
  BmColor ink;

  color_from_hex (&ink, style->dark ? 0xffffff : 0x241f31, 1);

  /* Severity: a small ramp per band, then its name */
  for (guint b = 0; b < G_N_ELEMENTS (bands); b++)
    {
      g_autofree char *label = g_strdup_printf ("%s %d–%d",
                                                bm_severity_band_label (bm_severity_get_band (bands[b].lo)),
                                                bands[b].lo, bands[b].hi);
      int n = bands[b].hi - bands[b].lo + 1;
      double item = n * sw * 0.6 + fs * 0.5 + text_width (cr, style, label, fs) + fs * 1.2;

      if (x > 0 && x + item > width)
        {
          x = 0;
          y += row;
        }
      if (paint)
        {
          for (int s = 0; s < n; s++)
            {
              BmColor c;

              bm_severity_get_color (bands[b].lo + s, &c);
              set_source (cr, &c);
              cairo_rectangle (cr, x + s * sw * 0.6, y + (row - sw) / 2 - fs * 0.1, sw * 0.6, sw);
              cairo_fill (cr);
            }
          set_source (cr, &style->outline);
          cairo_set_line_width (cr, 1);
          cairo_rectangle (cr, x + 0.5, y + (row - sw) / 2 - fs * 0.1 + 0.5, n * sw * 0.6 - 1, sw - 1);
          cairo_stroke (cr);
          draw_text (cr, style, label, x + n * sw * 0.6 + fs * 0.5, y + (row - fs * 1.3) / 2,
                     0, fs, FALSE, &style->text);
        }
      x += item;
    }

  x = 0;
  y += row;

  for (guint i = 0; i < BM_N_SYMPTOMS; i++)
    {
      BmSymptoms symptom = bm_symptom_nth (i);
      const char *label = bm_symptom_get_label (symptom);
      double item = sw + fs * 0.4 + text_width (cr, style, label, fs) + fs * 1.2;

      if (x > 0 && x + item > width)
        {
          x = 0;
          y += row;
        }
      if (paint)
        {
          bm_map_renderer_draw_symptom (cr, symptom, x + sw / 2, y + row / 2 - fs * 0.1, sw, &ink);
          draw_text (cr, style, label, x + sw + fs * 0.4, y + (row - fs * 1.3) / 2,
                     0, fs, FALSE, &style->text);
        }
      x += item;
    }

  /* Regions not to be touched */
  {
    const char *label = _("Don’t touch");
    double item = sw + fs * 0.4 + text_width (cr, style, label, fs) + fs * 1.2;

    if (x > 0 && x + item > width)
      {
        x = 0;
        y += row;
      }
    if (paint)
      {
        double top = y + (row - sw) / 2 - fs * 0.1;

        cairo_rectangle (cr, x, top, sw, sw);
        hatch_path (cr, &style->avoid, 4);
        cairo_new_path (cr);
        draw_text (cr, style, label, x + sw + fs * 0.4, y + (row - fs * 1.3) / 2,
                   0, fs, FALSE, &style->text);
      }
  }

  return y + row;
}

/* A swatch of each change's colour with its symbol, then its name */
static double
draw_change_legend (cairo_t          *cr,
                    gboolean          paint,
                    const BmMapStyle *style,
                    double            width)
{
  double fs = style->font_size * BM_MAP_SMALL_TEXT;
  double row = fs * 1.9;
  double sw = fs * 1.5;
  double x = 0, y = 0;
  static const BmProgressKind order[] = {
    BM_PROGRESS_BETTER, BM_PROGRESS_SAME, BM_PROGRESS_WORSE, BM_PROGRESS_NEW, BM_PROGRESS_RESOLVED,
  };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const char *label = bm_progress_kind_get_label (order[i]);
      double item = sw + fs * 0.4 + text_width (cr, style, label, fs) + fs * 1.2;

      if (x > 0 && x + item > width)
        {
          x = 0;
          y += row;
        }
      if (paint)
        {
          double top = y + (row - sw) / 2 - fs * 0.1;
          BmColor fill, ink;

          bm_progress_get_color (order[i], &fill);
          ink_for_fill (&fill, &ink);
          cairo_rectangle (cr, x + 0.5, top + 0.5, sw - 1, sw - 1);
          set_source (cr, &fill);
          cairo_fill_preserve (cr);
          set_source (cr, &style->outline);
          cairo_set_line_width (cr, 1);
          if (order[i] == BM_PROGRESS_RESOLVED)
            {
              double dash[] = { 3, 2 };

              cairo_set_dash (cr, dash, 2, 0);
            }
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          bm_map_renderer_draw_change_symbol (cr, order[i], x + sw / 2, top + sw / 2, sw * 0.7, &ink);
          draw_text (cr, style, label, x + sw + fs * 0.4, y + (row - fs * 1.3) / 2,
                     0, fs, FALSE, &style->text);
        }
      x += item;
    }

  return y + row;
}
