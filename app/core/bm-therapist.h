/* bm-therapist.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bm-intake.h"
#include "bm-plan.h"

G_BEGIN_DECLS

/* Edits of the intake's "therapist" object (docs/plan-format.md): each
 * call replaces the object, so the intake reports the change. */

void   bm_therapist_set_session_minutes (BmIntake           *intake,
                                         int                 minutes);  /* 0: the advisor's */
int    bm_therapist_get_session_minutes (BmIntake           *intake);
void   bm_therapist_set_notes           (BmIntake           *intake,
                                         const char         *notes);
const char *bm_therapist_get_notes      (BmIntake           *intake);
/* Minutes of one area (< 0: back to the advisor's) */
void   bm_therapist_set_item_minutes    (BmIntake           *intake,
                                         const char         *region,
                                         BmSide              side,
                                         int                 minutes);
/* Techniques of one area, best first (NULL: back to the advisor's) */
void   bm_therapist_set_item_techniques (BmIntake           *intake,
                                         const char         *region,
                                         BmSide              side,
                                         const char * const *techniques);
/* Adds an area to the plan (undoing a removal first) */
void   bm_therapist_add_item            (BmIntake           *intake,
                                         const char         *region,
                                         BmSide              side);
/* Leaves an area out of the plan (and forgets the changes made to it) */
void   bm_therapist_remove_item         (BmIntake           *intake,
                                         const char         *region,
                                         BmSide              side);
/* When the therapist's changes made @plan longer than the length they
 * chose (plan->chosen_session_minutes), sets the minutes of the areas
 * worked so that they fit that length again, each in proportion, in one
 * undo step. General maintenance gives way first. FALSE when there was
 * nothing to rebalance. */
gboolean bm_therapist_rebalance         (BmIntake           *intake,
                                         const BmPlan       *plan);
/* Forgets every adjustment */
/* Acknowledges the warning @id ("nerve", "fever"...) for @region and
 * @side (@region NULL: a general warning) with a short note, e.g. "cleared
 * by physio on 28 Nov"; the note may be empty. The advisor then lifts that
 * warning's limits there and shows it as acknowledged. A NULL @note takes
 * the acknowledgement back. Reset keeps acknowledgements, as it keeps notes. */
void   bm_therapist_acknowledge_warning (BmIntake           *intake,
                                         const char         *id,
                                         const char         *region,
                                         BmSide              side,
                                         const char         *note);
/* The note of that acknowledgement ("" when it has none), or NULL when
 * the warning is not acknowledged */
const char *bm_therapist_get_acknowledgement (BmIntake      *intake,
                                              const char    *id,
                                              const char    *region,
                                              BmSide         side);
/* What one change of the therapist's part did, for a toast with Undo */
typedef enum
{
  BM_THERAPIST_CHANGE_OTHER,
  BM_THERAPIST_CHANGE_LEFT_OUT,  /* an area left out: *region, *side */
  BM_THERAPIST_CHANGE_RESET,     /* back to the suggested plan */
  BM_THERAPIST_CHANGE_REBALANCED, /* the minutes of several areas at once */
} BmTherapistChange;

BmTherapistChange bm_therapist_describe_change (JsonObject  *before,
                                                JsonObject  *after,
                                                char       **region,
                                                BmSide      *side);
void   bm_therapist_reset               (BmIntake           *intake);
gboolean bm_therapist_has_changes       (BmIntake           *intake);

G_END_DECLS
