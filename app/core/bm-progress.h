/* bm-progress.h: how a client's areas changed since the previous visit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bm-intake.h"
#include "bm-plan.h"

G_BEGIN_DECLS

/* Adds to @plan (today's) what it says about the previous visit: its
 * date, each item's "previous" (severity as marked then, techniques and
 * minutes as given then, from @previous_plan) and, for marked areas, the
 * change; and the areas marked then and not now. A change of one point or
 * less is "same". */
void  bm_progress_apply (BmPlan       *plan,
                         BmIntake     *previous,
                         const BmPlan *previous_plan);

/* How one area changed between two visits. BM_PROGRESS_BETTER to
 * BM_PROGRESS_NEW mean what the BmChange of the same name means. */
typedef enum
{
  BM_PROGRESS_BETTER,
  BM_PROGRESS_WORSE,
  BM_PROGRESS_SAME,
  BM_PROGRESS_NEW,
  BM_PROGRESS_RESOLVED,  /* marked then, not now */
} BmProgressKind;

#define BM_N_PROGRESS_KINDS (BM_PROGRESS_RESOLVED + 1)

/* One area (region and side) marked at either of two visits */
typedef struct
{
  char           *region;   /* atlas id */
  BmSide          side;
  int             before;   /* severity then; -1: not marked then */
  int             now;      /* severity now; -1: not marked now */
  BmProgressKind  kind;
} BmProgressArea;

/* The change from @before to @now (both 0-10): a change of one point or
 * less is BM_CHANGE_SAME */
BmChange        bm_progress_classify       (int                   before,
                                            int                   now);
/* Every area marked at @earlier or @now (or both), head to toe, left
 * before right; areas the atlas does not know are left out. The array
 * frees its BmProgressArea. */
GPtrArray      *bm_progress_compare        (BmIntake             *earlier,
                                            BmIntake             *now);
/* The area of @areas (from bm_progress_compare()) for a region and side,
 * NULL when it is in neither visit */
const BmProgressArea *bm_progress_find     (GPtrArray            *areas,
                                            const char           *region,
                                            BmSide                side);
void            bm_progress_area_free      (BmProgressArea       *area);

/* "better", "worse", "same", "new", "resolved" */
const char     *bm_progress_kind_to_id     (BmProgressKind        kind);
/* Translated, for people: "Better" */
const char     *bm_progress_kind_get_label (BmProgressKind        kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BmProgressArea, bm_progress_area_free)

G_END_DECLS
