/* bm-plan.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "bm-intake.h"
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

/* Why an item is in the plan */
typedef enum
{
  BM_ITEM_MARKED,       /* the client marked it */
  BM_ITEM_SUPPORT,      /* worked in support of a marked area (TFL and glutes for the IT band) */
  BM_ITEM_MAINTENANCE,  /* general maintenance: an empty map, or spare minutes on the runner's usual chain */
  BM_ITEM_ADDED,        /* added by the therapist */
} BmItemRole;

/* How a marked area changed since the previous visit */
typedef enum
{
  BM_CHANGE_NONE,    /* not marked now, or no previous visit */
  BM_CHANGE_BETTER,  /* two points or more lower */
  BM_CHANGE_WORSE,   /* two points or more higher */
  BM_CHANGE_SAME,    /* a change of one point or less */
  BM_CHANGE_NEW,     /* not marked at the previous visit */
} BmChange;

/* That region and side at the previous visit */
typedef struct
{
  int    severity;    /* as marked then */
  GStrv  techniques;  /* as given then (after the therapist's changes) */
  int    minutes;
} BmPlanPrevious;

/* A region marked at the previous visit and not now */
typedef struct
{
  char   *region;
  BmSide  side;
  int     previous_severity;
} BmPlanResolved;

typedef struct
{
  char        *region;        /* atlas id */
  BmSide       side;
  int          severity;      /* 0 for items that were not marked */
  BmSymptoms   symptoms;
  gboolean     marked;        /* FALSE: added in support, for maintenance or by the therapist */
  GStrv        techniques;    /* technique ids, best first; empty: do not work it */
  int          minutes;
  char        *reason;        /* plain words, translated */
  gboolean     therapist;     /* added or changed by the therapist */
  BmItemRole   role;
  char        *supports;      /* BM_ITEM_SUPPORT: the atlas id of the area it supports */
  gboolean     left_out;      /* left out by the therapist: no techniques, 0 minutes */
  int          freed_minutes; /* left out: the minutes the plan had given it */
  /* With a previous visit (bm-progress.h) */
  BmPlanPrevious *previous;   /* NULL: not marked then */
  BmChange     change;
} BmPlanItem;

typedef struct
{
  BmWarningLevel  level;
  char           *region;     /* NULL when general */
  BmSide          side;
  char           *message;    /* translated */
  char           *id;         /* the rule's id ("possible-clot", "fever"...) */
  gboolean        acknowledged; /* by the therapist; its limits are lifted */
  char           *note;       /* the therapist's note when acknowledged; may be NULL */
} BmPlanWarning;

/* An area: an atlas id and a side */
typedef struct
{
  char   *region;
  BmSide  side;
} BmPlanArea;

/* The same warning for several areas, as people read it: one line naming
 * them all. From bm_plan_group_warnings(). */
typedef struct
{
  BmWarningLevel  level;
  char           *id;
  char           *message;    /* translated */
  GArray         *areas;      /* BmPlanArea, head to toe; empty when general */
  gboolean        acknowledged; /* every area of it acknowledged */
  char           *note;       /* the note of the first acknowledged area; may be NULL */
} BmWarningGroup;

/* A piece of home care: for one region, or general (region NULL) */
typedef struct
{
  char *region;
  char *text;                 /* translated */
} BmHomeCareItem;

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
  int          chosen_session_minutes; /* the therapist's length when the areas
                                        * they changed made the session longer; else 0 */

  /* Additions to the contract plan (docs/plan-format.md) */
  char        *postpone_advice;  /* postponed: what to do instead, translated; else NULL */
  GStrv        do_not_touch;     /* atlas ids the client does not want touched, atlas order */
  GPtrArray   *next_time;        /* BmPlanItem*: marked areas that did not fit today (no techniques, 0 minutes) */
  int          visit_before_race; /* days from the visit to a suggested visit before the next race; -1: none */
  int          visit_after_race;  /* days from the visit to a suggested visit after it; -1: none */
  char        *next_visit_reason; /* translated; may be NULL */
  GPtrArray   *home_care;        /* BmHomeCareItem*: per region (areas worked) first, then general */

  /* Since the previous visit (bm-progress.h); NULL and empty without one */
  char        *previous_visit;   /* YYYY-MM-DD */
  GPtrArray   *resolved;         /* BmPlanResolved*, head to toe */
} BmPlan;

#define BM_TYPE_PLAN (bm_plan_get_type ())

GType         bm_plan_get_type        (void) G_GNUC_CONST;
BmPlan       *bm_plan_new             (void);
BmPlan       *bm_plan_copy            (const BmPlan *plan);
void          bm_plan_item_free       (BmPlanItem   *item);
void          bm_plan_free            (BmPlan       *plan);
/* The plan's item for @region on @side, or NULL */
const BmPlanItem *bm_plan_find_item   (const BmPlan *plan,
                                       const char   *region,
                                       BmSide        side);

const char   *bm_warning_level_to_id  (BmWarningLevel level);
const char   *bm_item_role_to_id      (BmItemRole     role);
/* The plan as given, kept in a visit's file ("given" in
 * docs/file-format.md): the session's minutes and, per area worked or
 * not, its techniques and minutes */
JsonObject   *bm_plan_dup_given       (const BmPlan   *plan);
/* A plan with just what "given" keeps (items: region, side, techniques,
 * minutes; severity from @intake's marks); NULL when @given is not of
 * that shape */
BmPlan       *bm_plan_new_from_given  (JsonObject     *given,
                                       BmIntake       *intake);
/* "better", "worse", "same", "new"; NULL for BM_CHANGE_NONE */
const char   *bm_change_to_id         (BmChange       change);

/* Minutes of the session not given to the assessment or to any item
 * (never negative) */
int           bm_plan_get_free_minutes (const BmPlan *plan);

/* The plan's warnings as people read them: one BmWarningGroup per level,
 * rule and message, naming every area it concerns, most serious first.
 * Free with g_ptr_array_unref(). */
GPtrArray    *bm_plan_group_warnings  (const BmPlan *plan);

/* The plan JSON of docs/plan-format.md (format "bodymap-plan", version 1),
 * pretty-printed, with a trailing newline */
char         *bm_plan_to_json         (const BmPlan *plan);
/* The same plan for a person, in the user's language */
char         *bm_plan_to_text         (const BmPlan *plan);


G_DEFINE_AUTOPTR_CLEANUP_FUNC (BmPlan, bm_plan_free)

G_END_DECLS
