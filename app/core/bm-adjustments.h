/* bm-adjustments.h: the therapist's adjustments to a plan, typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "bm-types.h"

G_BEGIN_DECLS

/* The intake's "therapist" object (docs/plan-format.md) read once into
 * plain data. Reading is forgiving: entries of the wrong shape are left
 * out, so an older or hand-edited file always gives a plan. */

/* An area as the therapist object names it: a region id, and a side or
 * none (a paired region with no side means both sides) */
typedef struct
{
  char     *region;
  gboolean  has_side;
  BmSide    side;     /* when has_side */
} BmAdjustedArea;

typedef struct
{
  BmAdjustedArea  area;
  GStrv           techniques;  /* ids as written (strings only); NULL: not given */
  gboolean        has_minutes;
  gint64          minutes;     /* as written, when has_minutes */
  char           *reason;      /* NULL: not given */
} BmAdjustedItem;

typedef struct
{
  char           *warning;     /* the warning's id */
  BmAdjustedArea  area;        /* region NULL: a general warning */
  char           *note;        /* "" when none */
} BmAcknowledgement;

typedef struct
{
  gint64      session_minutes; /* 0: the advisor's */
  char       *notes;           /* NULL: none */
  GPtrArray  *items;           /* BmAdjustedItem* */
  GPtrArray  *removed;         /* BmAdjustedArea* */
  GPtrArray  *acknowledged;    /* BmAcknowledgement* */
} BmAdjustments;

/* @therapist may be NULL: no adjustments */
BmAdjustments *bm_adjustments_new_from_json (JsonObject          *therapist);
void           bm_adjustments_free          (BmAdjustments       *adjustments);

/* Reads the region and side of one entry of the therapist object; FALSE
 * when it names no region or a side that is not a side id. Free
 * area->region. */
gboolean       bm_adjusted_area_read        (JsonObject           *entry,
                                             BmAdjustedArea       *area);

/* Whether the area named covers @region on @side: the same region, and
 * the same side or no side at all */
gboolean       bm_adjusted_area_covers      (const BmAdjustedArea *area,
                                             const char           *region,
                                             BmSide                side);

/* The note of the acknowledgement of warning @id for that area (@region
 * NULL: a general warning), "" when it has none, NULL when there is none */
const char    *bm_adjustments_get_acknowledgement (const BmAdjustments *adjustments,
                                                   const char          *id,
                                                   const char          *region,
                                                   BmSide               side);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BmAdjustments, bm_adjustments_free)

G_END_DECLS
