/* bm-map-renderer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "bm-atlas.h"
#include "bm-intake.h"
#include "bm-progress.h"

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} BmColor;

/* The side labels and the legend: CSS's "smaller", the size of a header
 * bar's subtitle, so the window's first frame loads one font less */
#define BM_MAP_SMALL_TEXT (1 / 1.2)
/* The smallest the side labels ("Your left") get, in device units: below
 * it they are not read but guessed */
#define BM_MAP_MIN_SIDE_TEXT 10.0

/* Colours and text of the drawing: the screen picks light or dark, print
 * uses light. */
typedef struct
{
  BmColor     skin;
  BmColor     outline;
  BmColor     region;
  BmColor     region_edge;
  BmColor     detail;
  BmColor     text;
  BmColor     dim_text;
  BmColor     accent;
  BmColor     zero;       /* marked with severity 0 */
  BmColor     avoid;      /* hatching of regions not to be touched */
  const char *font_family;
  double      font_size;  /* in device units */
  /* Borrowed. On screen, the widget's, so the map's text shares fonts (and
   * their loading) with the rest of the window; NULL: a context is made
   * for each cairo context (print, PDF) */
  PangoContext *pango_context;
  gboolean    dark;
} BmMapStyle;

/* Where the views sit on the target surface: the atlas's views side by
 * side, left to right, each under its title */
typedef struct
{
  double width, height;
  double scale;            /* device units per view unit */
  guint  n_views;           /* shown, from first_view on */
  BmView first_view;
  double view_x0;          /* left edge of the first view */
  double view_step;        /* from a view's left edge to the next one's */
  double view_y;
  double view_width;       /* one view, in device units */
  double view_height;
  double title_height;
  double side_text_size;   /* the side labels' size, device units */
  guint  side_lines;       /* 1: both side labels on one line; 2: one a line */
  double label_reach;      /* how far the side labels may stand out beyond
                            * the view's edges: the free room beside a
                            * view shown alone; 0 when views stand side by side */
} BmMapLayout;

/* What the user is pointing at, focusing and has selected */
typedef struct
{
  const char *hover_region;
  BmSide      hover_side;
  const char *focus_region;
  BmSide      focus_side;
  const char *selected_region;
  BmSide      selected_side;
} BmMapState;

void     bm_map_style_init          (BmMapStyle        *style,
                                     gboolean           dark);
void     bm_severity_get_color      (int                severity,
                                     BmColor           *color);

/* The width of all the views side by side, with the gaps between them,
 * in view units: what a target's aspect is measured against */
double   bm_map_layout_get_views_width (BmAtlas        *atlas);
/* How many views, at most all, are shown side by side on @width when
 * none may be narrower than @min_view_width; at least one */
guint    bm_map_layout_count_fitting (BmAtlas          *atlas,
                                      double            width,
                                      double            min_view_width);
/* How many views to show side by side in @width x @height: as many as
 * bm_map_layout_count_fitting() allows, but not so many that each figure
 * drops below BM_MAP_MIN_FIGURE_SHARE of the size the height alone would
 * give it (more, smaller figures make the small areas, such as the heel
 * or the patellar tendon, too small to point at: the others are a switch
 * away) */
#define BM_MAP_MIN_FIGURE_SHARE 0.8
guint    bm_map_layout_count_shown  (BmAtlas           *atlas,
                                     const BmMapStyle  *style,
                                     double             width,
                                     double             height,
                                     double             min_view_width);
/* All the atlas's views */
void     bm_map_layout_compute      (BmMapLayout       *layout,
                                     BmAtlas           *atlas,
                                     const BmMapStyle  *style,
                                     double             width,
                                     double             height);
/* @n_views of them side by side, from @first on (moved back so that
 * @n_views are shown); the others are off the target */
void     bm_map_layout_compute_views (BmMapLayout      *layout,
                                      BmAtlas          *atlas,
                                      const BmMapStyle *style,
                                      double            width,
                                      double            height,
                                      BmView            first,
                                      guint             n_views);
gboolean bm_map_layout_shows_view   (const BmMapLayout *layout,
                                     BmView             view);
/* The side labels of @view ("← Your right", "Your left →"), translated;
 * FALSE when the atlas gives the view no sides */
gboolean bm_map_layout_get_side_labels (BmAtlas          *atlas,
                                        BmView            view,
                                        const char      **left,
                                        const char      **right);
/* Left edge of @view on the target */
double   bm_map_layout_get_view_x   (const BmMapLayout *layout,
                                     BmView             view);
/* Target point to a view and its coordinates; FALSE between views */
gboolean bm_map_layout_to_view      (const BmMapLayout *layout,
                                     double             x,
                                     double             y,
                                     BmView            *view,
                                     double            *vx,
                                     double            *vy);
void     bm_map_layout_from_view    (const BmMapLayout *layout,
                                     BmView             view,
                                     double             vx,
                                     double             vy,
                                     double            *x,
                                     double            *y);
/* @layout with @view alone, where @layout shows it: what one view of it
 * is drawn with */
void     bm_map_layout_get_single   (const BmMapLayout *layout,
                                     BmView             view,
                                     BmMapLayout       *single);
/* Where bm_map_renderer_draw_titles() draws on the target: the band of
 * the views' names and side labels */
void     bm_map_layout_get_titles_area (const BmMapLayout *layout,
                                        BmRect            *area);
/* Where bm_map_renderer_draw_figures() draws @view's figure on the
 * target */
void     bm_map_layout_get_figure_area (const BmMapLayout *layout,
                                        BmAtlas           *atlas,
                                        BmView             view,
                                        BmRect            *area);
/* Where bm_map_renderer_draw_marks() draws the marks of @intake in
 * @view, or, when @areas is not NULL, bm_map_renderer_draw_changes() the
 * changes of @areas: their regions, with symbols that may stand out of a
 * small area. FALSE when there is nothing to draw in that view. */
gboolean bm_map_layout_get_marks_area (const BmMapLayout *layout,
                                       BmAtlas           *atlas,
                                       BmView             view,
                                       BmIntake          *intake,
                                       GPtrArray         *areas,
                                       BmRect            *area);
/* Where bm_map_renderer_draw_state() draws @state in @view; FALSE when
 * it draws nothing there */
gboolean bm_map_layout_get_state_area (const BmMapLayout *layout,
                                       BmAtlas           *atlas,
                                       BmView             view,
                                       const BmMapState  *state,
                                       BmRect            *area);
/* Target point to the region and side under it */
gboolean bm_map_layout_hit_test     (const BmMapLayout *layout,
                                     BmAtlas           *atlas,
                                     double             x,
                                     double             y,
                                     BmView            *view,
                                     const BmRegion   **region,
                                     BmSide            *side);
/* A tap beside a small area: the region and side whose outline is
 * nearest to the target point, in any view, if it is at most
 * @max_distance away (device units); a point inside a region is that
 * region. FALSE when none is that close. bm_map_layout_hit_test() is
 * the cheaper test for a point inside. */
gboolean bm_map_layout_find_nearest (const BmMapLayout *layout,
                                     BmAtlas           *atlas,
                                     double             x,
                                     double             y,
                                     double             max_distance,
                                     BmView            *view,
                                     const BmRegion   **region,
                                     BmSide            *side);

/* What changes only with the size and style: titles, body, regions */
void     bm_map_renderer_draw_body  (cairo_t           *cr,
                                     BmAtlas           *atlas,
                                     const BmMapLayout *layout,
                                     const BmMapStyle  *style);
/* The two parts of the body: the views' names with their side labels,
 * and the figures */
void     bm_map_renderer_draw_titles (cairo_t           *cr,
                                      BmAtlas           *atlas,
                                      const BmMapLayout *layout,
                                      const BmMapStyle  *style);
void     bm_map_renderer_draw_figures (cairo_t           *cr,
                                       BmAtlas           *atlas,
                                       const BmMapLayout *layout,
                                       const BmMapStyle  *style);
/* One view of the body alone, as large as fits in @width x @height and
 * centred there: a thumbnail of @atlas's outline (bm_atlas_get_for_body()) */
void     bm_map_renderer_draw_thumbnail (cairo_t          *cr,
                                         BmAtlas          *atlas,
                                         BmView            view,
                                         double            width,
                                         double            height,
                                         const BmMapStyle *style);
/* The marked regions in their severity colours, with symptom symbols */
void     bm_map_renderer_draw_marks (cairo_t           *cr,
                                     BmAtlas           *atlas,
                                     BmIntake          *intake,
                                     const BmMapLayout *layout,
                                     const BmMapStyle  *style);
/* Body and marks */
void     bm_map_renderer_draw_base  (cairo_t           *cr,
                                     BmAtlas           *atlas,
                                     BmIntake          *intake,
                                     const BmMapLayout *layout,
                                     const BmMapStyle  *style);
/* Hover, focus and selection, drawn over the base */
void     bm_map_renderer_draw_state (cairo_t           *cr,
                                     BmAtlas           *atlas,
                                     const BmMapLayout *layout,
                                     const BmMapStyle  *style,
                                     const BmMapState  *state);

/* A symptom's symbol centred on (x, y), @size across */
void     bm_map_renderer_draw_symptom (cairo_t         *cr,
                                       BmSymptoms       symptom,
                                       double           x,
                                       double           y,
                                       double           size,
                                       const BmColor   *ink);

/* Compare mode: each colour is lighter than the one before in this
 * order (worse, new, same, better, resolved), so they stay apart in
 * grey scale; each kind has its own symbol too */
void     bm_progress_get_color      (BmProgressKind     kind,
                                     BmColor           *color);
/* A change's symbol centred on (x, y), @size across: ↓ better, ↑ worse,
 * = same, + new, ✓ resolved */
void     bm_map_renderer_draw_change_symbol (cairo_t        *cr,
                                             BmProgressKind  kind,
                                             double          x,
                                             double          y,
                                             double          size,
                                             const BmColor  *ink);
/* Compare mode, instead of the marks: each area of @areas
 * (BmProgressArea*, bm_progress_compare()) filled by its change, with
 * the change's symbol; resolved areas have a dashed edge. The regions of
 * @intake not to be touched are hatched over them. */
void     bm_map_renderer_draw_changes (cairo_t           *cr,
                                       BmAtlas           *atlas,
                                       GPtrArray         *areas,
                                       BmIntake          *intake,
                                       const BmMapLayout *layout,
                                       const BmMapStyle  *style);
/* The legend of compare mode: the five changes, laid out as
 * bm_map_renderer_draw_legend() does */
double   bm_map_renderer_draw_change_legend (cairo_t          *cr,
                                             const BmMapStyle *style,
                                             double            width);

/* The legend: severity bands and symptom symbols, laid out in a @width
 * wide block; returns the height used. With @cr NULL only measures. */
double   bm_map_renderer_draw_legend (cairo_t          *cr,
                                      const BmMapStyle *style,
                                      double            width);

G_END_DECLS
