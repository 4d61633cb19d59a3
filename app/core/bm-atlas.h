/* bm-atlas.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bm-path.h"
#include "bm-types.h"

G_BEGIN_DECLS

#define BM_ATLAS_ERROR (bm_atlas_error_quark ())

typedef enum
{
  BM_ATLAS_ERROR_INVALID,
} BmAtlasError;

/* A view of the body ("front", "back"): an index into the atlas's views,
 * 0 to bm_atlas_get_n_views() - 1, numbered left to right as they are
 * laid out. Which views there are is the atlas's data. */
typedef guint BmView;

#define BM_TYPE_ATLAS (bm_atlas_get_type ())

G_DECLARE_FINAL_TYPE (BmAtlas, bm_atlas, BM, ATLAS, GObject)

typedef struct _BmRegion BmRegion;

GQuark           bm_atlas_error_quark       (void);

/* The atlas built into the app (from GResource); never fails. */
BmAtlas         *bm_atlas_get_default       (void);
BmAtlas         *bm_atlas_new_from_bytes    (GBytes          *bytes,
                                             GError         **error);

/* The compiled atlas: what bm_atlas_new_from_bytes() reads from the
 * atlas's JSON, parsed, with every shape flattened, as the build stores
 * the built-in atlas (bm-atlas-compile) so that starting up parses
 * nothing. Body outlines are not part of it (bm_atlas_load_bodies()). */
#define BM_ATLAS_PATHS_TYPE "a" BM_PATH_VARIANT_TYPE
/* A view: id, name, short name (or none), the sides at its edges, the
 * side it shows, its outline and its details */
#define BM_ATLAS_VIEW_TYPE "(ssmsiii" BM_ATLAS_PATHS_TYPE BM_ATLAS_PATHS_TYPE ")"
/* A region in one view: the shapes of its two side slots (none: not in
 * that view) and its anchors, when the atlas gives them */
#define BM_ATLAS_REGION_VIEW_TYPE "(m" BM_ATLAS_PATHS_TYPE "m" BM_ATLAS_PATHS_TYPE "bdddd)"
/* A region: id, name, short name, what it covers (or nothing), paired,
 * its primary view, and itself in each view */
#define BM_ATLAS_REGION_TYPE "(sssmsbua" BM_ATLAS_REGION_VIEW_TYPE ")"
/* The atlas: the format's name and version, the view size, the views and
 * the regions */
#define BM_ATLAS_COMPILED_TYPE "(sudda" BM_ATLAS_VIEW_TYPE "a" BM_ATLAS_REGION_TYPE ")"
GVariant        *bm_atlas_compile           (BmAtlas         *self);
BmAtlas         *bm_atlas_new_from_compiled (GVariant        *compiled,
                                             GError         **error);

void             bm_atlas_get_view_size     (BmAtlas         *self,
                                             double          *width,
                                             double          *height);

/* Views, left to right */
guint            bm_atlas_get_n_views       (BmAtlas         *self);
/* The view with this id; FALSE when the atlas has none */
gboolean         bm_atlas_lookup_view       (BmAtlas         *self,
                                             const char      *id,
                                             BmView          *view);
const char      *bm_atlas_get_view_id       (BmAtlas         *self,
                                             BmView           view);
/* Translated, shown above the figure: "Front" */
const char      *bm_atlas_get_view_name     (BmAtlas         *self,
                                             BmView           view);
/* Translated, where space is short (the view switcher): "Your left";
 * the name when the atlas gives no short one */
const char      *bm_atlas_get_view_short_name (BmAtlas       *self,
                                               BmView         view);
/* Which of the client's sides is at the viewer's left and right edge of
 * the figure (BM_SIDE_RIGHT and BM_SIDE_LEFT from the front); FALSE when
 * the atlas does not say */
gboolean         bm_atlas_get_view_sides    (BmAtlas         *self,
                                             BmView           view,
                                             BmSide          *viewer_left,
                                             BmSide          *viewer_right);
/* The one side of the client a side view shows ("shows" in the atlas):
 * its paired regions have shapes for that side only. BM_SIDE_CENTER for
 * a view of both sides (front, back) */
BmSide           bm_atlas_get_view_shows    (BmAtlas         *self,
                                             BmView           view);
/* Silhouette and anatomy lines of a view: arrays of BmPath* */
GPtrArray       *bm_atlas_get_outline       (BmAtlas         *self,
                                             BmView           view);
GPtrArray       *bm_atlas_get_details       (BmAtlas         *self,
                                             BmView           view);

/* Regions, head to toe */
guint            bm_atlas_get_n_regions     (BmAtlas         *self);
const BmRegion  *bm_atlas_get_region        (BmAtlas         *self,
                                             guint            index);
const BmRegion  *bm_atlas_lookup            (BmAtlas         *self,
                                             const char      *id);

/* Point in view coordinates to region and side; FALSE outside every region */
gboolean         bm_atlas_hit_test          (BmAtlas         *self,
                                             BmView           view,
                                             double           x,
                                             double           y,
                                             const BmRegion **region,
                                             BmSide          *side);

/* For a point outside every region (a tap beside a small area): the
 * region and side whose outline is nearest to (@x, @y), if it is at most
 * @max_distance away, in view units, measured to the outline itself, not
 * to a centre. A point inside a region is at distance 0 from it. FALSE,
 * and @region NULL, when none is that close. */
gboolean         bm_atlas_find_nearest      (BmAtlas         *self,
                                             BmView           view,
                                             double           x,
                                             double           y,
                                             double           max_distance,
                                             const BmRegion **region,
                                             BmSide          *side,
                                             double          *distance);

/* Body outlines (resources/atlas/bodies.json): figures of other builds
 * for the client to pick the one closest to their own. Each has the
 * same views and regions (ids, indices, names) with their shapes made
 * wider or narrower row by row. The first, index 0, is the atlas's own
 * figure and the default. An atlas without a list has none. */
gboolean         bm_atlas_load_bodies       (BmAtlas         *self,
                                             GBytes          *bytes,
                                             GError         **error);
guint            bm_atlas_get_n_bodies      (BmAtlas         *self);
const char      *bm_atlas_get_body_id       (BmAtlas         *self,
                                             guint            index);
/* Translated: "Wider hips" */
const char      *bm_atlas_get_body_name     (BmAtlas         *self,
                                             guint            index);
/* Translated, in a few plain words: "Narrower shoulders, wider hips" */
const char      *bm_atlas_get_body_description (BmAtlas      *self,
                                                guint         index);
/* The outline with this id; NULL is the default, index 0. FALSE for an
 * id the list does not have. */
gboolean         bm_atlas_lookup_body       (BmAtlas         *self,
                                             const char      *id,
                                             guint           *index);
/* The outline this atlas draws: 0 for the atlas itself */
guint            bm_atlas_get_body          (BmAtlas         *self);
/* The atlas of the outline with this id (NULL: the default), made on
 * first use and kept as long as @self; @self itself for the default or
 * an id it does not know. Its regions are not @self's: compare regions
 * of two atlases by id or index, never as pointers. Of any outline's
 * atlas, the same as of the atlas it was made from. */
BmAtlas         *bm_atlas_get_for_body      (BmAtlas         *self,
                                             const char      *body_id);

const char      *bm_region_get_id           (const BmRegion  *region);
guint            bm_region_get_index        (const BmRegion  *region);
/* Translated: "Hip, outer (TFL)" */
const char      *bm_region_get_name         (const BmRegion  *region);
/* Translated, what the region takes in: "The top of the foot, from the
 * ankle to the toes (not the sole)"; NULL when the atlas does not say */
const char      *bm_region_get_covers       (const BmRegion  *region);
/* Translated, for a person: "Left calf", "Right IT band", "Neck" */
char            *bm_region_dup_label        (const BmRegion  *region,
                                             BmSide           side);
gboolean         bm_region_is_paired        (const BmRegion  *region);
/* TRUE when @side is valid for the region: left/right when paired, center otherwise */
gboolean         bm_region_accepts_side     (const BmRegion  *region,
                                             BmSide           side);
gboolean         bm_region_in_view          (const BmRegion  *region,
                                             BmView           view);
BmView           bm_region_get_primary_view (const BmRegion  *region);
/* Where the control of one side sits: the primary view when it shows
 * that side, otherwise the first view, left to right, that does (a
 * region first seen in the side views has its right side in the view of
 * the client's right side) */
BmView           bm_region_get_view_for_side (const BmRegion *region,
                                              BmSide          side);
/* Shapes (BmPath*) of one side in one view; empty when not in that view */
GPtrArray       *bm_region_get_shapes       (const BmRegion  *region,
                                             BmView           view,
                                             BmSide           side);
/* Union of the shapes' bounds; FALSE when not in that view */
gboolean         bm_region_get_bounds       (const BmRegion  *region,
                                             BmView           view,
                                             BmSide           side,
                                             BmRect          *bounds);
/* A point well inside the region's largest shape */
gboolean         bm_region_get_anchor       (const BmRegion  *region,
                                             BmView           view,
                                             BmSide           side,
                                             double          *x,
                                             double          *y);

G_END_DECLS
