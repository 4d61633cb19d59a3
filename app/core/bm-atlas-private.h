/* bm-atlas-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bm-atlas.h"

G_BEGIN_DECLS

/* A region in one view. Shapes are kept per side slot: slot 0 is the
 * centre or the client's left, slot 1 the client's right. */
typedef struct
{
  GPtrArray  *shapes[2];
  /* From the atlas's "anchors" when given (computed from the shapes on
   * first use otherwise), in the same slots as the shapes */
  gboolean    has_anchor;
  double      anchor[2][2];
} BmRegionView;

struct _BmRegion
{
  guint         index;
  char         *id;
  char         *name;
  char         *short_name;
  char         *covers;
  gboolean      paired;
  BmView        primary;
  guint         n_views;
  BmRegionView *views;    /* n_views, as the atlas's */
};

typedef struct
{
  char       *id;
  char       *name;
  char       *short_name;   /* on the view switcher; NULL: the name */
  /* The client's side at the viewer's left and right edge; centre for
   * both when the atlas does not say */
  BmSide      sides[2];
  /* The one side of the client a side view shows (its paired regions
   * have shapes for that side only); centre when it shows both */
  BmSide      shows;
  GPtrArray  *outline;
  GPtrArray  *details;
} BmAtlasView;

struct _BmAtlas
{
  GObject      parent_instance;

  double       width;
  double       height;
  guint        n_views;
  BmAtlasView *views;     /* left to right */
  GPtrArray   *regions;
  GHashTable  *by_id;

  /* Body outlines (bm-atlas-bodies.c). An atlas read from its file holds
   * the list (NULL: none given) and the atlas of each outline, made on
   * first use; an outline's atlas has none, and points to the atlas it
   * was made from (not a reference: that atlas owns it). */
  GPtrArray   *bodies;    /* BmBody* */
  GMutex       bodies_lock;
  BmAtlas     *base;
  guint        body;      /* the outline this atlas draws */
};

typedef struct _BmBody BmBody;

/* Where a side's shapes and anchor are kept in a BmRegionView */
static inline guint
_bm_side_slot (BmSide side)
{
  return side == BM_SIDE_RIGHT ? 1 : 0;
}

void     _bm_region_free       (BmRegion *region);
void     _bm_body_free         (BmBody   *body);

G_END_DECLS
