/* bm-advisor-rules.h: the advisor's rules, loaded from
 * resources/rules/advisor.json (private to the advisor)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "bm-advisor.h"

G_BEGIN_DECLS

/* The rules file holds English text; it is translated where it is used */
#define TR(s) g_dgettext (GETTEXT_PACKAGE, (s))

#define MAX_TECHNIQUES   32
#define MAX_PREFER       16
#define MAX_RESTRICTIONS 12
#define MAX_NOTES        8
#define N_SIDES          3
#define N_PRESSURES      4
#define N_PHASES         BM_N_PHASES
#define MAX_DISTANCES    8
#define N_LEVELS         3

typedef enum
{
  EFFECT_NONE,
  EFFECT_NO_DEEP,
  EFFECT_NO_WORK,
} Effect;

typedef struct
{
  guint  n;
  guint8 tech[MAX_PREFER];
} PrefList;

typedef struct
{
  char       *id;
  char       *name;
  char       *description;
  char       *reason;
  gboolean    deep;
  BmPressure  min_pressure;
} Technique;

typedef struct
{
  gboolean  no_deep;
  char     *note;
  PrefList  prefer;
  guint32   disallowed;   /* techniques whose region list leaves this region out */
  guint32   exclude;      /* techniques never used here */
  char     *exclude_note;
  gboolean  small;        /* a small area: alone, it needs no full hour */
  gboolean  worked_through; /* its minutes go to its supporting areas */
} RegionRule;

typedef struct
{
  int  min;
  int  max;
  int  minutes;
  int  bonus[MAX_TECHNIQUES];
} SeverityRule;

typedef struct
{
  guint     from;
  GArray   *to;           /* guint region indices */
  PrefList  prefer;
  char     *reason;
  gboolean  minutes_from; /* the supported area's minutes, not the support block */
} SupportRule;

/* A condition on another mark of the client */
typedef struct
{
  guint8     *regions;     /* NULL: any region */
  BmSymptoms  symptoms;    /* any of these; 0: any mark */
  int         min_severity;
  gboolean    same_side;
} OtherMark;

/* One way of being at risk: any field that is set must hold */
typedef struct
{
  int            phase;        /* -1: any */
  double         min_weekly_km; /* < 0: any */
  BmHealthFlags  health;       /* 0: any */
} Risk;

typedef struct
{
  char           *id;
  BmWarningLevel  level;
  guint8         *regions;      /* NULL: any region */
  gboolean        except;       /* regions lists the ones it does not apply to */
  BmSymptoms      symptoms;     /* any of these; 0: any mark */
  int             min_severity;
  int             max_severity;
  gboolean        has_other;
  OtherMark       other;        /* another mark that must be there too */
  BmHealthFlags   health_any;   /* 0: whatever the health */
  GArray         *risk_any;     /* Risk; NULL: no risk needed */
  int             min_age;      /* -1: any */
  int             max_age;
  Effect          effect;
  guint32         exclude;
  guint8         *also;         /* regions on the same side, may be NULL */
  Effect          also_effect;
  char           *message;
  char           *note;
  char           *also_note;
  char           *instead;      /* postpone: what to do instead */
  char           *home_care;    /* replaces the area's home care */
} MarkRule;

typedef struct
{
  BmHealthFlags   flag;
  BmWarningLevel  level;
  Effect          effect;
  guint32         exclude;
  int             max_pressure; /* -1: no cap */
  guint8         *regions;      /* NULL: everywhere */
  guint8         *no_work;      /* NULL: none */
  char           *message;
  char           *note;
  char           *instead;      /* postpone: what to do instead */
  int             race_within_days; /* -1: no race advice */
  char           *race_advice;
} HealthRule;

typedef struct
{
  char     *id;
  int       min_age;            /* -1: any */
  int       max_age;
  int       max_pressure;
  guint32   exclude;
  char     *message;
  char     *note;
} AgeRule;

typedef struct
{
  double  max_km;
  int     before_days;
  int     after_days;
} Distance;

typedef struct
{
  int       from;
  int       to;                 /* -1: open-ended */
  PrefList  only;
  guint32   exclude;
  Effect    effect;
  int       bonus[MAX_TECHNIQUES];
  int       item_minutes;       /* -1: unchanged */
  int       assessment_minutes;
  int       max_session_minutes;
  char     *advice;
  char     *note;
} RaceWindow;

struct _BmAdvisorRules
{
  guint         n_techniques;
  Technique     techniques[MAX_TECHNIQUES];
  const char  **technique_ids;
  guint32       deep_mask;
  guint32       all_mask;

  guint         n_rank_points;
  int           rank_points[MAX_PREFER];
  guint         n_region_rank_points;
  int           region_rank_points[MAX_PREFER];
  guint         max_techniques;
  PrefList      no_symptom_prefer;
  PrefList      fallback;
  char         *no_technique_reason;

  PrefList      symptom_prefer[BM_N_SYMPTOMS];
  int           symptom_bonus[BM_N_SYMPTOMS][MAX_TECHNIQUES];

  guint         n_regions;
  RegionRule   *regions;

  int           pressure_bonus[N_PRESSURES][MAX_TECHNIQUES];
  char         *pressure_note[N_PRESSURES];

  GArray       *severity;      /* SeverityRule */
  int           phase_days[N_PHASES];
  int           phase_bonus[N_PHASES][MAX_TECHNIQUES];

  GArray       *supports;      /* SupportRule */
  GArray       *mark_rules;    /* MarkRule */
  GArray       *health_rules;  /* HealthRule */
  GArray       *age_rules;     /* AgeRule */
  GArray       *before;        /* RaceWindow */
  GArray       *after;         /* RaceWindow */
  char         *none_advice;
  char         *postponed_advice;
  guint         n_distances;
  Distance      distances[MAX_DISTANCES];
  guint         default_distance;
  int           visits_within_days;
  char         *next_visit_moved;
  char         *race_visits_reason;

  char         *avoid_message;
  char         *avoid_reason;
  int          *avoid_group;   /* n_regions: the group of parts of one body part
                                * (the four of a foot) the region is in, -1 */

  guint         n_bookable;
  int           bookable[8];
  int           assessment_minutes;
  int           support_minutes;
  char         *shortened_overflow;
  char         *shortened_window;
  char         *shortened_therapist;
  char         *longer_than_chosen;
  int           min_minutes;
  int           small_minutes;
  int           several_areas;
  int           long_minutes;
  guint32       long_phases;   /* 1 << BmPhase */
  int           max_minutes;

  int           race_priority_days;
  guint8       *race_priority_regions;
  int           race_priority_bonus;

  GArray       *chain;         /* guint region indices */
  PrefList      chain_prefer;
  int           chain_minutes;
  int           chain_max_minutes;
  char         *chain_reason;

  char         *postpone_reason;
  int           postpone_next_visit_days;

  GArray       *empty_regions; /* guint */
  PrefList      empty_prefer;
  int           empty_minutes;
  char         *empty_reason;

  char         *therapist_added_reason;
  char         *left_out_reason;

  /* What the client is allergic to: a caution naming it ({allergies}) */
  BmWarningLevel  allergies_level;
  char           *allergies_message;

  /* What earlier visits teach ("history"; optional: without it, earlier
   * visits change nothing). Notes hold {placeholders}. */
  gboolean        history;
  char           *worse_after_deep_note;
  gboolean        improved_repeat;    /* last time's techniques lead again */
  char           *improved_note;      /* {techniques} {minutes} {before} {now} */
  int             stuck_visits;
  BmWarningLevel  stuck_level;
  int             stuck_penalty;
  char           *stuck_message;      /* {visits} */
  char           *stuck_note;         /* {visits} {techniques} */
  int             usual_min_days;
  int             usual_max_days;
  char           *usual_reason;       /* {days} */

  /* What the rules own, freed with them */
  BmAtlas      *atlas;         /* the atlas they were loaded for; not owned */
  GStringChunk *strings;
  GPtrArray    *blocks;        /* g_free */
  GPtrArray    *arrays;        /* g_array_unref */
};

typedef struct _BmAdvisorRules Rules;


int     bm_advisor_rules_find_technique (const Rules *rules,
                                         const char  *id);

G_END_DECLS
