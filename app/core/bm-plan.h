/* bm-plan.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "bm-types.h"

G_BEGIN_DECLS

/* A treatment plan: what the advisor suggests for one intake, with the
 * therapist's adjustments applied. Plain data, owned by BmPlan. */

typedef enum
{
  BM_WARNING_CAUTION,   /* adapt the work */
  BM_WARNING_REFER,     /* a physiotherapist or doctor first, for that area */
  BM_WARNING_POSTPONE,  /* no massage today */
} BmWarningLevel;

typedef struct
{
  char        *region;        /* atlas id */
  BmSide       side;
  int          severity;      /* 0 for supporting items */
  BmSymptoms   symptoms;
  gboolean     marked;        /* FALSE: added in support of a marked region */
  GStrv        techniques;    /* technique ids, best first; empty: do not work it */
  int          minutes;
  char        *reason;        /* plain words, translated */
  gboolean     therapist;     /* added or changed by the therapist */
} BmPlanItem;

typedef struct
{
  BmWarningLevel  level;
  char           *region;     /* NULL when general */
  BmSide          side;
  char           *message;    /* translated */
} BmPlanWarning;

typedef struct
{
  char        *client;
  char        *visit_date;     /* YYYY-MM-DD */
  int          session_minutes; /* 30, 45, 60, 75, 90, 120; 0: postpone */
  GPtrArray   *items;          /* BmPlanItem*, head to toe */
  GPtrArray   *warnings;       /* BmPlanWarning*, most serious first */
  int          days_to_race;   /* -1: no next race */
  int          days_since_race; /* -1: no last race */
  char        *timing_advice;  /* translated */
  int          next_visit_days;
  char        *therapist_notes; /* may be NULL */
  gboolean     session_set_by_therapist;
  int          assessment_minutes; /* part of session_minutes, before the items */
} BmPlan;

#define BM_TYPE_PLAN (bm_plan_get_type ())

GType         bm_plan_get_type        (void) G_GNUC_CONST;
BmPlan       *bm_plan_new             (void);
BmPlan       *bm_plan_copy            (const BmPlan *plan);
void          bm_plan_free            (BmPlan       *plan);
/* The plan's item for @region on @side, or NULL */
const BmPlanItem *bm_plan_find_item   (const BmPlan *plan,
                                       const char   *region,
                                       BmSide        side);

const char   *bm_warning_level_to_id  (BmWarningLevel level);

/* The plan JSON of formats.md (format "bodymap-plan", version 1),
 * pretty-printed, with a trailing newline */
char         *bm_plan_to_json         (const BmPlan *plan);
/* The same plan for a person, in the user's language */
char         *bm_plan_to_text         (const BmPlan *plan);

/* The technique catalogue (from resources): translated name and a
 * one-line explanation for a technique id; NULL when unknown */
const char   *bm_technique_get_name        (const char *id);
const char   *bm_technique_get_description (const char *id);
/* Every technique id, best known first */
const char * const *bm_technique_list_ids  (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BmPlan, bm_plan_free)

G_END_DECLS
