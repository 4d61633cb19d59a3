/* bm-path.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  BM_PATH_MOVE,
  BM_PATH_LINE,
  BM_PATH_CURVE,
  BM_PATH_CLOSE,
} BmPathOp;

typedef struct
{
  BmPathOp op;
  double   x[3];  /* MOVE/LINE use [0]; CURVE: two control points, then the end */
  double   y[3];
} BmPathElem;

typedef struct
{
  double x, y, width, height;
} BmRect;

typedef struct
{
  double x, y;
} BmPoint;

/* The smallest rectangle holding @a and @b; @result may be either */
void bm_rect_union (const BmRect *a,
                    const BmRect *b,
                    BmRect       *result);

/* A parsed path (SVG subset: absolute M L C Q Z) with its flattened
 * polygon for hit testing. */
typedef struct _BmPath BmPath;

BmPath        *bm_path_parse           (const char    *data,
                                        GError       **error);
BmPath        *bm_path_mirror          (const BmPath  *path,
                                        double         axis_x);

/* Moves a point of the plane, in place */
typedef void (*BmPathWarpFunc) (double   *x,
                                double   *y,
                                gpointer  user_data);

/* @path with every point moved by @warp, a smooth map of the plane (a
 * body outline's scale, bm-atlas.c). Its curves and lines are cut into
 * pieces short enough that moving their control points follows the
 * warp to within a hair of a view unit, so that shapes that touch or
 * lie inside others in @path still do. */
BmPath        *bm_path_warp            (const BmPath  *path,
                                        BmPathWarpFunc warp,
                                        gpointer       user_data);
void           bm_path_free            (BmPath        *path);

/* The compiled form (bm-atlas-compile): the elements with their flattened
 * polygon, so that loading does no parsing or flattening */
#define BM_PATH_VARIANT_TYPE "(ba(idddddd)a(dd)aumay)"
GVariant      *bm_path_to_variant      (const BmPath  *path);
/* @variant is of BM_PATH_VARIANT_TYPE; NULL when its arrays do not fit */
BmPath        *bm_path_new_from_variant (GVariant     *variant);
guint          bm_path_get_n_elems     (const BmPath  *path);
const BmPathElem *bm_path_get_elems    (const BmPath  *path);
gboolean       bm_path_is_closed       (const BmPath  *path);
const BmRect  *bm_path_get_bounds      (const BmPath  *path);
/* Even-odd point-in-polygon test on the flattened curve */
gboolean       bm_path_contains        (const BmPath  *path,
                                        double         x,
                                        double         y);
/* A point well inside the shape (far from its edges) */
void           bm_path_get_anchor      (const BmPath  *path,
                                        double        *x,
                                        double        *y);
double         bm_path_get_area        (const BmPath  *path);
/* Distance from (x, y) to the nearest edge of the flattened path */
double         bm_path_distance_to_edge (const BmPath *path,
                                         double        x,
                                         double        y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BmPath, bm_path_free)

G_END_DECLS
