/* bm-advisor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-advisor"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "bm-advisor.h"
#include "bm-atlas.h"

#define RULES_RESOURCE "/io/github/bodymap/BodyMap/rules/advisor.json"

/* The rules file holds English text; it is translated where it is used */
#define TR(s) g_dgettext (GETTEXT_PACKAGE, (s))

#define MAX_TECHNIQUES   32
#define MAX_PREFER       16
#define MAX_RESTRICTIONS 12
#define MAX_NOTES        8
#define N_SIDES          3
#define N_PRESSURES      4
#define N_PHASES         3
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
} SupportRule;

typedef struct
{
  BmWarningLevel  level;
  guint8         *regions;      /* NULL: any region */
  gboolean        except;       /* regions lists the ones it does not apply to */
  BmSymptoms      symptoms;     /* any of these; 0: any mark */
  int             min_severity;
  int             max_severity;
  Effect          effect;
  guint8         *also;         /* regions on the same side, may be NULL */
  Effect          also_effect;
  char           *message;
  char           *note;
  char           *also_note;
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
} HealthRule;

typedef struct
{
  int       from;
  int       to;                 /* -1: open-ended */
  PrefList  only;
  guint32   exclude;
  int       bonus[MAX_TECHNIQUES];
  int       item_minutes;       /* -1: unchanged */
  int       assessment_minutes;
  int       max_session_minutes;
  char     *advice;
  char     *note;
} RaceWindow;

typedef struct
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
  GArray       *before;        /* RaceWindow */
  GArray       *after;         /* RaceWindow */
  char         *none_advice;

  char         *avoid_message;
  char         *avoid_reason;

  guint         n_bookable;
  int           bookable[8];
  int           assessment_minutes;
  int           support_minutes;
  char         *shortened_overflow;
  char         *shortened_window;
  char         *shortened_therapist;

  char         *postpone_reason;
  int           postpone_next_visit_days;

  GArray       *empty_regions; /* guint */
  PrefList      empty_prefer;
  int           empty_minutes;
  char         *empty_reason;

  char         *therapist_added_reason;
} Rules;

/* Per advice: what may be done on one region and side */
typedef struct
{
  guint32      mask;   /* techniques ruled out */
  const char  *note;   /* why, for the item's reason; may be NULL */
  gboolean     always; /* the note goes into the reason even when nothing was left out */
} Restriction;

typedef struct
{
  guint        n;
  Restriction  r[MAX_RESTRICTIONS];
  gboolean     no_work;
  const char  *no_work_note;
} Slot;

typedef struct
{
  guint        order;    /* atlas index * N_SIDES + side */
  BmPlanItem  *item;
  gboolean     fixed;    /* minutes set by the therapist */
  gboolean     removed;
} Entry;

typedef struct
{
  BmWarningLevel  level;
  int             region;  /* -1: general */
  BmSide          side;
  guint           seq;
  const char     *message; /* untranslated */
} PendingWarning;

typedef struct
{
  const Rules       *rules;
  BmAtlas           *atlas;
  BmPressure         pressure;        /* the client's choice */
  BmPressure         bonus_pressure;  /* the same, capped by health rules */
  BmPhase            phase;
  Slot               global;
  Slot              *slots;       /* n_regions * N_SIDES */
  gboolean          *avoided;     /* n_regions */
  const RaceWindow  *windows[2];  /* before, after; may be NULL */
  GArray            *entries;     /* Entry */
  int               *entry_at;    /* slot -> entry index + 1; 0: none */
  GArray            *warnings;    /* PendingWarning */
} Context;

/* From the generated resource file; calling it also makes sure the linker
 * keeps the resources (and their constructor) out of the static library. */
GResource *bm_core_get_resource (void);

/* Loading the rules */

#define RULES_ERROR (rules_error_quark ())
static G_DEFINE_QUARK (bm-advisor-rules-error-quark, rules_error)

static gboolean
fail (GError     **error,
      const char  *where,
      const char  *what)
{
  g_set_error (error, RULES_ERROR, 0, "%s: %s", where, what);
  return FALSE;
}

static int
find_technique (const Rules *rules,
                const char  *id)
{
  for (guint i = 0; id && i < rules->n_techniques; i++)
    if (g_str_equal (rules->techniques[i].id, id))
      return (int) i;
  return -1;
}

static JsonNode *
member (JsonObject *obj,
        const char *name)
{
  return obj && json_object_has_member (obj, name) ? json_object_get_member (obj, name) : NULL;
}

static gboolean
read_string (JsonObject  *obj,
             const char  *name,
             gboolean     required,
             char       **out,
             GError     **error)
{
  JsonNode *node = member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return fail (error, name, "missing");
      *out = NULL;
      return TRUE;
    }
  if (json_node_get_value_type (node) != G_TYPE_STRING || !*json_node_get_string (node))
    return fail (error, name, "expected a non-empty string");
  *out = json_node_dup_string (node);
  return TRUE;
}

static gboolean
read_int (JsonObject  *obj,
          const char  *name,
          int          min,
          int          max,
          int         *out,
          GError     **error)
{
  JsonNode *node = member (obj, name);
  gint64 value;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (error, name, "expected an integer");
  value = json_node_get_int (node);
  if (value < min || value > max)
    return fail (error, name, "out of range");
  *out = (int) value;
  return TRUE;
}

static JsonArray *
read_array (JsonObject  *obj,
            const char  *name,
            gboolean     required,
            GError     **error)
{
  JsonNode *node = member (obj, name);

  if (node == NULL && !required)
    return NULL;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      fail (error, name, "expected an array");
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonObject *
read_object (JsonObject  *obj,
             const char  *name,
             GError     **error)
{
  JsonNode *node = member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (error, name, "expected an object");
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
read_prefer (const Rules  *rules,
             JsonObject   *obj,
             const char   *name,
             PrefList     *out,
             GError      **error)
{
  JsonArray *array = read_array (obj, name, FALSE, error);

  out->n = 0;
  if (array == NULL)
    return error == NULL || *error == NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      int t = find_technique (rules, json_array_get_string_element (array, i));

      if (t < 0 || out->n >= MAX_PREFER)
        return fail (error, name, "unknown technique or too many");
      out->tech[out->n++] = (guint8) t;
    }
  return TRUE;
}

static gboolean
read_mask (const Rules  *rules,
           JsonObject   *obj,
           const char   *name,
           guint32      *out,
           GError      **error)
{
  PrefList list;

  *out = 0;
  if (!read_prefer (rules, obj, name, &list, error))
    return FALSE;
  for (guint i = 0; i < list.n; i++)
    *out |= 1u << list.tech[i];
  return TRUE;
}

static gboolean
read_bonus (const Rules  *rules,
            JsonObject   *obj,
            const char   *name,
            int          *bonus,
            GError      **error)
{
  JsonObject *bobj;
  g_autoptr(GList) members = NULL;

  memset (bonus, 0, sizeof (int) * MAX_TECHNIQUES);
  if (member (obj, name) == NULL)
    return TRUE;
  if (!(bobj = read_object (obj, name, error)))
    return FALSE;
  members = json_object_get_members (bobj);
  for (GList *l = members; l; l = l->next)
    {
      int t = find_technique (rules, l->data);

      if (t < 0 || !read_int (bobj, l->data, -20, 20, &bonus[t], error))
        return fail (error, name, "bonus for an unknown technique, or not -20 to 20");
    }
  return TRUE;
}

static int
region_index (const char *id)
{
  const BmRegion *region = bm_atlas_lookup (bm_atlas_get_default (), id);

  return region ? (int) bm_region_get_index (region) : -1;
}

static gboolean
read_region_set (const Rules  *rules,
                 JsonObject   *obj,
                 const char   *name,
                 guint8      **out,
                 GError      **error)
{
  JsonArray *array = read_array (obj, name, FALSE, error);

  *out = NULL;
  if (array == NULL)
    return error == NULL || *error == NULL;
  *out = g_new0 (guint8, rules->n_regions);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      int r = region_index (json_array_get_string_element (array, i));

      if (r < 0)
        return fail (error, name, "unknown region");
      (*out)[r] = 1;
    }
  return TRUE;
}

static gboolean
read_effect (JsonObject  *obj,
             const char  *name,
             Effect      *out,
             GError     **error)
{
  const char *id = member (obj, name) ? json_object_get_string_member (obj, name) : "none";

  if (g_strcmp0 (id, "none") == 0)
    *out = EFFECT_NONE;
  else if (g_strcmp0 (id, "no-deep") == 0)
    *out = EFFECT_NO_DEEP;
  else if (g_strcmp0 (id, "no-work") == 0)
    *out = EFFECT_NO_WORK;
  else
    return fail (error, name, "expected none, no-deep or no-work");
  return TRUE;
}

static gboolean
read_level (JsonObject     *obj,
            BmWarningLevel *out,
            GError        **error)
{
  const char *id = member (obj, "level") ? json_object_get_string_member (obj, "level") : NULL;

  for (BmWarningLevel level = BM_WARNING_CAUTION; level <= BM_WARNING_POSTPONE; level++)
    if (g_strcmp0 (id, bm_warning_level_to_id (level)) == 0)
      {
        *out = level;
        return TRUE;
      }
  return fail (error, "level", "expected caution, refer or postpone");
}

static gboolean
read_pressure (JsonObject  *obj,
               const char  *name,
               int         *out,
               GError     **error)
{
  BmPressure pressure;

  *out = -1;
  if (member (obj, name) == NULL)
    return TRUE;
  if (!bm_pressure_from_id (json_object_get_string_member (obj, name), &pressure))
    return fail (error, name, "unknown pressure");
  *out = pressure;
  return TRUE;
}

static JsonObject *
array_object (JsonArray *array,
              guint      i,
              GError   **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (error, "rule", "expected an object");
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
load_techniques (Rules       *rules,
                 JsonObject  *root,
                 GError     **error)
{
  JsonArray *array = read_array (root, "techniques", TRUE, error);

  if (array == NULL || json_array_get_length (array) > MAX_TECHNIQUES)
    return fail (error, "techniques", "missing or too many");

  rules->n_techniques = json_array_get_length (array);
  rules->technique_ids = g_new0 (const char *, rules->n_techniques + 1);
  for (guint i = 0; i < rules->n_techniques; i++)
    {
      JsonObject *obj = array_object (array, i, error);
      Technique *t = &rules->techniques[i];
      int pressure;

      if (obj == NULL ||
          !read_string (obj, "id", TRUE, &t->id, error) ||
          !read_string (obj, "name", TRUE, &t->name, error) ||
          !read_string (obj, "description", TRUE, &t->description, error) ||
          !read_string (obj, "reason", TRUE, &t->reason, error) ||
          !read_pressure (obj, "min_pressure", &pressure, error))
        return FALSE;
      if (find_technique (rules, t->id) != (int) i)
        return fail (error, t->id, "duplicate technique");
      t->deep = json_object_get_boolean_member_with_default (obj, "deep", FALSE);
      t->min_pressure = pressure < 0 ? BM_PRESSURE_LIGHT : (BmPressure) pressure;
      rules->technique_ids[i] = t->id;
      rules->all_mask |= 1u << i;
      if (t->deep)
        rules->deep_mask |= 1u << i;
    }

  /* Region lists need the techniques and the atlas */
  rules->regions = g_new0 (RegionRule, rules->n_regions);
  for (guint i = 0; i < rules->n_techniques; i++)
    {
      g_autofree guint8 *allowed = NULL;

      if (!read_region_set (rules, json_array_get_object_element (array, i), "regions", &allowed, error))
        return FALSE;
      for (guint r = 0; allowed && r < rules->n_regions; r++)
        if (!allowed[r])
          rules->regions[r].disallowed |= 1u << i;
    }
  return TRUE;
}

static gboolean
load_points (JsonObject  *obj,
             const char  *name,
             int         *points,
             guint       *n,
             GError     **error)
{
  JsonArray *array = read_array (obj, name, TRUE, error);

  if (array == NULL || json_array_get_length (array) == 0 || json_array_get_length (array) > MAX_PREFER)
    return fail (error, name, "expected 1 to 16 numbers");
  *n = json_array_get_length (array);
  for (guint i = 0; i < *n; i++)
    points[i] = (int) json_array_get_int_element (array, i);
  return TRUE;
}

static gboolean
load_scoring (Rules       *rules,
              JsonObject  *root,
              GError     **error)
{
  JsonObject *obj = read_object (root, "scoring", error);
  JsonArray *array;
  int max;

  if (obj == NULL ||
      !load_points (obj, "rank_points", rules->rank_points, &rules->n_rank_points, error) ||
      !load_points (obj, "region_rank_points", rules->region_rank_points, &rules->n_region_rank_points, error) ||
      !read_int (obj, "max_techniques", 1, MAX_TECHNIQUES, &max, error) ||
      !read_prefer (rules, obj, "no_symptom_prefer", &rules->no_symptom_prefer, error) ||
      !read_prefer (rules, obj, "fallback", &rules->fallback, error) ||
      !read_string (obj, "no_technique_reason", TRUE, &rules->no_technique_reason, error))
    return FALSE;
  rules->max_techniques = (guint) max;

  if (!(array = read_array (root, "symptoms", TRUE, error)))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *sobj = array_object (array, i, error);
      BmSymptoms symptom;

      if (sobj == NULL)
        return FALSE;
      if (!bm_symptom_from_id (json_object_get_string_member_with_default (sobj, "id", ""), &symptom))
        return fail (error, "symptoms", "unknown symptom");
      for (guint s = 0; s < BM_N_SYMPTOMS; s++)
        if (bm_symptom_nth (s) == symptom &&
            !read_prefer (rules, sobj, "prefer", &rules->symptom_prefer[s], error))
          return FALSE;
    }

  if (!(array = read_array (root, "regions", TRUE, error)))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *robj = array_object (array, i, error);
      RegionRule *region;
      int r;

      if (robj == NULL)
        return FALSE;
      if ((r = region_index (json_object_get_string_member_with_default (robj, "id", ""))) < 0)
        return fail (error, "regions", "unknown region");
      region = &rules->regions[r];
      region->no_deep = json_object_get_boolean_member_with_default (robj, "no_deep", FALSE);
      if (!read_string (robj, "note", region->no_deep, &region->note, error) ||
          !read_prefer (rules, robj, "prefer", &region->prefer, error))
        return FALSE;
    }

  if (!(array = read_array (root, "pressure", TRUE, error)))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *pobj = array_object (array, i, error);
      BmPressure pressure;

      if (pobj == NULL)
        return FALSE;
      if (!bm_pressure_from_id (json_object_get_string_member_with_default (pobj, "id", ""), &pressure))
        return fail (error, "pressure", "unknown pressure");
      if (!read_bonus (rules, pobj, "bonus", rules->pressure_bonus[pressure], error) ||
          !read_string (pobj, "note", TRUE, &rules->pressure_note[pressure], error))
        return FALSE;
    }

  if (!(array = read_array (root, "severity", TRUE, error)))
    return FALSE;
  rules->severity = g_array_new (FALSE, TRUE, sizeof (SeverityRule));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *sobj = array_object (array, i, error);
      SeverityRule rule = { 0 };

      if (sobj == NULL ||
          !read_int (sobj, "min", 0, BM_SEVERITY_MAX, &rule.min, error) ||
          !read_int (sobj, "max", rule.min, BM_SEVERITY_MAX, &rule.max, error) ||
          !read_int (sobj, "minutes", 1, 120, &rule.minutes, error) ||
          !read_bonus (rules, sobj, "bonus", rule.bonus, error))
        return FALSE;
      g_array_append_val (rules->severity, rule);
    }

  if (!(array = read_array (root, "phases", TRUE, error)))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *pobj = array_object (array, i, error);
      BmPhase phase;

      if (pobj == NULL)
        return FALSE;
      if (!bm_phase_from_id (json_object_get_string_member_with_default (pobj, "id", ""), &phase))
        return fail (error, "phases", "unknown phase");
      if (!read_int (pobj, "next_visit_days", 1, 365, &rules->phase_days[phase], error) ||
          !read_bonus (rules, pobj, "bonus", rules->phase_bonus[phase], error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_supports (Rules       *rules,
               JsonObject  *root,
               GError     **error)
{
  JsonArray *array = read_array (root, "supports", TRUE, error);

  if (array == NULL)
    return FALSE;
  rules->supports = g_array_new (FALSE, TRUE, sizeof (SupportRule));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *obj = array_object (array, i, error);
      SupportRule rule = { 0 };
      JsonArray *to;
      int from;

      if (obj == NULL)
        return FALSE;
      if ((from = region_index (json_object_get_string_member_with_default (obj, "from", ""))) < 0)
        return fail (error, "supports", "unknown region");
      rule.from = (guint) from;
      if (!(to = read_array (obj, "to", TRUE, error)) ||
          !read_prefer (rules, obj, "prefer", &rule.prefer, error) ||
          !read_string (obj, "reason", TRUE, &rule.reason, error))
        return FALSE;
      rule.to = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (rules->supports, rule);
      for (guint k = 0; k < json_array_get_length (to); k++)
        {
          int r = region_index (json_array_get_string_element (to, k));
          guint ur = (guint) r;

          if (r < 0)
            return fail (error, "supports", "unknown region");
          g_array_append_val (rule.to, ur);
        }
    }
  return TRUE;
}

static gboolean
load_mark_rules (Rules       *rules,
                 JsonObject  *root,
                 GError     **error)
{
  JsonArray *array = read_array (root, "mark_rules", TRUE, error);

  if (array == NULL)
    return FALSE;
  rules->mark_rules = g_array_new (FALSE, TRUE, sizeof (MarkRule));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *obj = array_object (array, i, error);
      MarkRule rule = { 0 };
      JsonArray *symptoms;

      if (obj == NULL ||
          !read_level (obj, &rule.level, error) ||
          !read_int (obj, "min_severity", 0, BM_SEVERITY_MAX, &rule.min_severity, error) ||
          !read_int (obj, "max_severity", rule.min_severity, BM_SEVERITY_MAX, &rule.max_severity, error) ||
          !read_effect (obj, "effect", &rule.effect, error) ||
          !read_effect (obj, "also_effect", &rule.also_effect, error) ||
          !read_region_set (rules, obj, "also", &rule.also, error) ||
          !read_string (obj, "message", TRUE, &rule.message, error) ||
          !read_string (obj, "note", rule.effect != EFFECT_NONE, &rule.note, error) ||
          !read_string (obj, "also_note", rule.also != NULL, &rule.also_note, error))
        return FALSE;
      if (member (obj, "regions_except"))
        {
          rule.except = TRUE;
          if (!read_region_set (rules, obj, "regions_except", &rule.regions, error))
            return FALSE;
        }
      else if (!read_region_set (rules, obj, "regions", &rule.regions, error))
        return FALSE;
      if ((symptoms = read_array (obj, "symptoms", FALSE, error)))
        for (guint k = 0; k < json_array_get_length (symptoms); k++)
          {
            BmSymptoms symptom;

            if (!bm_symptom_from_id (json_array_get_string_element (symptoms, k), &symptom))
              return fail (error, "mark_rules", "unknown symptom");
            rule.symptoms |= symptom;
          }
      g_array_append_val (rules->mark_rules, rule);
    }
  return TRUE;
}

static gboolean
load_health_rules (Rules       *rules,
                   JsonObject  *root,
                   GError     **error)
{
  JsonArray *array = read_array (root, "health_rules", TRUE, error);

  if (array == NULL)
    return FALSE;
  rules->health_rules = g_array_new (FALSE, TRUE, sizeof (HealthRule));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *obj = array_object (array, i, error);
      HealthRule rule = { 0 };

      if (obj == NULL)
        return FALSE;
      if (!bm_health_from_id (json_object_get_string_member_with_default (obj, "flag", ""), &rule.flag))
        return fail (error, "health_rules", "unknown health flag");
      if (!read_level (obj, &rule.level, error) ||
          !read_effect (obj, "effect", &rule.effect, error) ||
          !read_mask (rules, obj, "exclude", &rule.exclude, error) ||
          !read_pressure (obj, "max_pressure", &rule.max_pressure, error) ||
          !read_region_set (rules, obj, "regions", &rule.regions, error) ||
          !read_region_set (rules, obj, "no_work", &rule.no_work, error) ||
          !read_string (obj, "message", TRUE, &rule.message, error) ||
          !read_string (obj, "note", FALSE, &rule.note, error))
        return FALSE;
      g_array_append_val (rules->health_rules, rule);
    }
  return TRUE;
}

static gboolean
load_windows (Rules       *rules,
              JsonObject  *race,
              const char  *name,
              GArray     **out,
              GError     **error)
{
  JsonArray *array = read_array (race, name, TRUE, error);

  if (array == NULL)
    return FALSE;
  *out = g_array_new (FALSE, TRUE, sizeof (RaceWindow));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *obj = array_object (array, i, error);
      RaceWindow window = { 0 };

      if (obj == NULL ||
          !read_int (obj, "from", 0, 366, &window.from, error) ||
          !read_int (obj, "to", -1, 366, &window.to, error) ||
          !read_prefer (rules, obj, "only", &window.only, error) ||
          !read_mask (rules, obj, "exclude", &window.exclude, error) ||
          !read_bonus (rules, obj, "bonus", window.bonus, error) ||
          !read_int (obj, "item_minutes", -1, 120, &window.item_minutes, error) ||
          !read_int (obj, "assessment_minutes", -1, 120, &window.assessment_minutes, error) ||
          !read_int (obj, "max_session_minutes", -1, 120, &window.max_session_minutes, error) ||
          !read_string (obj, "advice", TRUE, &window.advice, error) ||
          !read_string (obj, "note", FALSE, &window.note, error))
        return FALSE;
      g_array_append_val (*out, window);
    }
  return TRUE;
}

static gboolean
load_rest (Rules       *rules,
           JsonObject  *root,
           GError     **error)
{
  JsonObject *obj;
  JsonArray *array;

  if (!(obj = read_object (root, "avoid", error)) ||
      !read_string (obj, "message", TRUE, &rules->avoid_message, error) ||
      !read_string (obj, "reason", TRUE, &rules->avoid_reason, error))
    return FALSE;

  if (!(obj = read_object (root, "race", error)) ||
      !load_windows (rules, obj, "before", &rules->before, error) ||
      !load_windows (rules, obj, "after", &rules->after, error) ||
      !read_string (obj, "none_advice", TRUE, &rules->none_advice, error))
    return FALSE;

  if (!(obj = read_object (root, "session", error)) ||
      !(array = read_array (obj, "bookable_minutes", TRUE, error)) ||
      !read_int (obj, "assessment_minutes", 0, 60, &rules->assessment_minutes, error) ||
      !read_int (obj, "support_minutes", 1, 120, &rules->support_minutes, error) ||
      !read_string (obj, "shortened_overflow", TRUE, &rules->shortened_overflow, error) ||
      !read_string (obj, "shortened_window", TRUE, &rules->shortened_window, error) ||
      !read_string (obj, "shortened_therapist", TRUE, &rules->shortened_therapist, error))
    return FALSE;
  rules->n_bookable = json_array_get_length (array);
  if (rules->n_bookable == 0 || rules->n_bookable > G_N_ELEMENTS (rules->bookable))
    return fail (error, "bookable_minutes", "expected 1 to 8 lengths");
  for (guint i = 0; i < rules->n_bookable; i++)
    {
      rules->bookable[i] = (int) json_array_get_int_element (array, i);
      if (rules->bookable[i] <= rules->assessment_minutes || (i > 0 && rules->bookable[i] <= rules->bookable[i - 1]))
        return fail (error, "bookable_minutes", "must grow and hold the assessment");
    }

  if (!(obj = read_object (root, "postpone", error)) ||
      !read_string (obj, "reason", TRUE, &rules->postpone_reason, error) ||
      !read_int (obj, "next_visit_days", 1, 365, &rules->postpone_next_visit_days, error))
    return FALSE;

  if (!(obj = read_object (root, "empty_map", error)) ||
      !(array = read_array (obj, "regions", TRUE, error)) ||
      !read_prefer (rules, obj, "prefer", &rules->empty_prefer, error) ||
      !read_int (obj, "minutes", 1, 120, &rules->empty_minutes, error) ||
      !read_string (obj, "reason", TRUE, &rules->empty_reason, error))
    return FALSE;
  rules->empty_regions = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      int r = region_index (json_array_get_string_element (array, i));
      guint ur = (guint) r;

      if (r < 0)
        return fail (error, "empty_map", "unknown region");
      g_array_append_val (rules->empty_regions, ur);
    }

  if (!(obj = read_object (root, "therapist", error)) ||
      !read_string (obj, "added_reason", TRUE, &rules->therapist_added_reason, error))
    return FALSE;

  return TRUE;
}

static Rules *
rules_load (GBytes  *bytes,
            GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  Rules *rules;
  JsonNode *root;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (!json_parser_load_from_data (parser, data, len, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (root), "format", ""),
                 "bodymap-advisor-rules") != 0)
    {
      fail (error, "rules", "not Body Map advisor rules");
      return NULL;
    }

  /* Loaded once for the life of the process; never freed */
  rules = g_new0 (Rules, 1);
  rules->n_regions = bm_atlas_get_n_regions (bm_atlas_get_default ());
  if (!load_techniques (rules, json_node_get_object (root), error) ||
      !load_scoring (rules, json_node_get_object (root), error) ||
      !load_supports (rules, json_node_get_object (root), error) ||
      !load_mark_rules (rules, json_node_get_object (root), error) ||
      !load_health_rules (rules, json_node_get_object (root), error) ||
      !load_rest (rules, json_node_get_object (root), error))
    return NULL;  /* the half-loaded rules leak; this only happens on a broken build */

  return rules;
}

static const Rules *
get_rules (void)
{
  static const Rules *rules;

  if (g_once_init_enter (&rules))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      const Rules *loaded = NULL;

      g_assert (bm_core_get_resource () != NULL);
      bytes = g_resources_lookup_data (RULES_RESOURCE, 0, &error);
      if (bytes != NULL)
        loaded = rules_load (bytes, &error);
      if (loaded == NULL)
        g_error ("The built-in advisor rules are broken: %s", error->message);

      g_once_init_leave (&rules, loaded);
    }

  return rules;
}

/* Advising */

static guint
side_slot (BmSide side)
{
  return side == BM_SIDE_LEFT ? 0 : side == BM_SIDE_RIGHT ? 1 : 2;
}

static guint
slot_index (guint  region,
            BmSide side)
{
  return region * N_SIDES + side_slot (side);
}

static void
slot_restrict (Slot       *slot,
               guint32     mask,
               const char *note,
               gboolean    always)
{
  if (mask == 0)
    return;
  if (slot->n < MAX_RESTRICTIONS)
    {
      slot->r[slot->n].mask = mask;
      slot->r[slot->n].note = note;
      slot->r[slot->n].always = always;
      slot->n++;
    }
  else
    slot->r[MAX_RESTRICTIONS - 1].mask |= mask;
}

static void
slot_apply (const Rules *rules,
            Slot        *slot,
            Effect       effect,
            const char  *note)
{
  /* Region-specific safety notes are always worth saying */
  if (effect == EFFECT_NO_DEEP)
    slot_restrict (slot, rules->deep_mask, note, TRUE);
  else if (effect == EFFECT_NO_WORK && !slot->no_work)
    {
      slot->no_work = TRUE;
      slot->no_work_note = note;
    }
}

static void
add_warning (Context        *ctx,
             BmWarningLevel  level,
             int             region,
             BmSide          side,
             const char     *message)
{
  PendingWarning w = { level, region, region < 0 ? BM_SIDE_CENTER : side, ctx->warnings->len, message };

  g_array_append_val (ctx->warnings, w);
}

static int
level_rank (BmWarningLevel level)
{
  return level == BM_WARNING_POSTPONE ? 0 : level == BM_WARNING_REFER ? 1 : 2;
}

static int
compare_warnings (gconstpointer a,
                  gconstpointer b)
{
  const PendingWarning *x = a, *y = b;

  if (level_rank (x->level) != level_rank (y->level))
    return level_rank (x->level) - level_rank (y->level);
  if (x->region != y->region)
    return x->region - y->region;
  if (x->side != y->side)
    return (int) side_slot (x->side) - (int) side_slot (y->side);
  return (int) x->seq - (int) y->seq;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a, *y = b;

  return x->order < y->order ? -1 : x->order > y->order;
}

/* The sides of @region that go with @side: the same side for a paired
 * region, the centre for a midline one, both for a paired region reached
 * from the centre */
static guint
sides_for (const BmRegion *region,
           BmSide          side,
           BmSide         *out)
{
  if (!bm_region_is_paired (region))
    {
      out[0] = BM_SIDE_CENTER;
      return 1;
    }
  if (side == BM_SIDE_CENTER)
    {
      out[0] = BM_SIDE_LEFT;
      out[1] = BM_SIDE_RIGHT;
      return 2;
    }
  out[0] = side;
  return 1;
}

static void
add_points (int            *score,
            const PrefList *list,
            const int      *points,
            guint           n_points)
{
  for (guint i = 0; i < list->n && i < n_points; i++)
    score[list->tech[i]] += points[i];
}

static void
add_bonus (const Rules *rules,
           int         *score,
           const int   *bonus)
{
  for (guint t = 0; t < rules->n_techniques; t++)
    score[t] += bonus[t];
}

static void
add_note (const char **notes,
          guint       *n_notes,
          const char  *note)
{
  if (note == NULL)
    return;
  for (guint i = 0; i < *n_notes; i++)
    if (notes[i] == note)
      return;
  if (*n_notes < MAX_NOTES)
    notes[(*n_notes)++] = note;
}

/* The first restriction that rules @t out on this region and side, or NULL */
static const Restriction *
find_restriction (const Context *ctx,
                  const Slot    *slot,
                  guint          t)
{
  guint32 bit = 1u << t;

  for (guint i = 0; i < slot->n; i++)
    if (slot->r[i].mask & bit)
      return &slot->r[i];
  for (guint i = 0; i < ctx->global.n; i++)
    if (ctx->global.r[i].mask & bit)
      return &ctx->global.r[i];
  return NULL;
}

static gboolean
technique_allowed (const Context *ctx,
                   guint          region,
                   const Slot    *slot,
                   guint          t)
{
  const RegionRule *rr = &ctx->rules->regions[region];

  if (rr->disallowed & (1u << t))
    return FALSE;
  if (rr->no_deep && (ctx->rules->deep_mask & (1u << t)))
    return FALSE;
  return find_restriction (ctx, slot, t) == NULL;
}

/* Picks the best allowed techniques by score; notes why a better-scored
 * one was left out */
static GStrv
choose_techniques (const Context *ctx,
                   guint          region,
                   const Slot    *slot,
                   const int     *score,
                   const char   **notes,
                   guint         *n_notes)
{
  const Rules *rules = ctx->rules;
  const RegionRule *rr = &rules->regions[region];
  guint order[MAX_TECHNIQUES];
  const char *chosen[MAX_TECHNIQUES + 1];
  guint n_order = 0, n_chosen = 0;

  for (guint t = 0; t < rules->n_techniques; t++)
    if (score[t] > 0)
      {
        /* Insertion by score, ties in catalogue order */
        guint k = n_order;

        while (k > 0 && score[order[k - 1]] < score[t])
          {
            order[k] = order[k - 1];
            k--;
          }
        order[k] = t;
        n_order++;
      }

  for (guint i = 0; i < n_order && n_chosen < rules->max_techniques; i++)
    {
      guint t = order[i];
      const Restriction *restriction;

      if (rr->disallowed & (1u << t))
        continue;
      if (rr->no_deep && (rules->deep_mask & (1u << t)))
        {
          add_note (notes, n_notes, rr->note);
          continue;
        }
      if ((restriction = find_restriction (ctx, slot, t)))
        {
          add_note (notes, n_notes, restriction->note);
          continue;
        }
      chosen[n_chosen++] = rules->techniques[t].id;
    }

  for (guint i = 0; n_chosen == 0 && i < rules->fallback.n; i++)
    if (technique_allowed (ctx, region, slot, rules->fallback.tech[i]))
      chosen[n_chosen++] = rules->techniques[rules->fallback.tech[i]].id;

  chosen[n_chosen] = NULL;
  return g_strdupv ((char **) chosen);
}

static char *
join_reason (const char  *lead,
             const char **notes,
             guint        n_notes)
{
  GString *reason = g_string_new (lead ? TR (lead) : NULL);

  for (guint i = 0; i < n_notes; i++)
    {
      if (reason->len > 0)
        g_string_append_c (reason, ' ');
      g_string_append (reason, TR (notes[i]));
    }
  return g_string_free (reason, FALSE);
}

static const SeverityRule *
severity_rule (const Rules *rules,
               int          severity)
{
  for (guint i = 0; i < rules->severity->len; i++)
    {
      const SeverityRule *rule = &g_array_index (rules->severity, SeverityRule, i);

      if (severity >= rule->min && severity <= rule->max)
        return rule;
    }
  return NULL;
}

static int
window_item_minutes (const Context *ctx,
                     int            minutes)
{
  for (guint w = 0; w < 2; w++)
    if (ctx->windows[w] && ctx->windows[w]->item_minutes >= 0)
      minutes = MIN (minutes, ctx->windows[w]->item_minutes);
  return minutes;
}

static Entry *
add_entry (Context    *ctx,
           guint       region,
           BmSide      side)
{
  const BmRegion *r = bm_atlas_get_region (ctx->atlas, region);
  Entry entry = { 0 };
  guint slot = slot_index (region, side);

  entry.order = slot;
  entry.item = g_new0 (BmPlanItem, 1);
  entry.item->region = g_strdup (bm_region_get_id (r));
  entry.item->side = side;
  g_array_append_val (ctx->entries, entry);
  ctx->entry_at[slot] = ctx->entries->len;
  return &g_array_index (ctx->entries, Entry, ctx->entries->len - 1);
}

/* Fills in techniques, minutes and reason of an item from the preference
 * lists and everything that restricts this region and side */
static void
plan_item (Context         *ctx,
           BmPlanItem      *item,
           guint            region,
           const PrefList **lists,
           const int      **points,
           const guint     *n_points,
           guint            n_lists,
           const int       *extra_bonus,
           int              minutes,
           const char      *lead)
{
  const Rules *rules = ctx->rules;
  const Slot *slot = &ctx->slots[slot_index (region, item->side)];
  const RegionRule *rr = &rules->regions[region];
  const char *notes[MAX_NOTES];
  guint n_notes = 0;
  int score[MAX_TECHNIQUES] = { 0 };
  gboolean only = FALSE;

  if (ctx->avoided[region] || slot->no_work)
    {
      item->techniques = g_new0 (char *, 1);
      item->minutes = 0;
      item->reason = g_strdup (TR (ctx->avoided[region] ? rules->avoid_reason : slot->no_work_note));
      return;
    }

  /* A race window with "only" replaces the techniques outright */
  for (guint w = 0; w < 2; w++)
    if (ctx->windows[w] && ctx->windows[w]->only.n > 0)
      {
        const PrefList *list = &ctx->windows[w]->only;

        if (!only)
          for (guint i = 0; i < list->n; i++)
            score[list->tech[i]] = 100 - (int) i;
        else
          for (guint t = 0; t < rules->n_techniques; t++)
            {
              gboolean in_list = FALSE;

              for (guint i = 0; i < list->n; i++)
                in_list |= list->tech[i] == t;
              if (!in_list)
                score[t] = 0;
            }
        only = TRUE;
      }

  if (!only)
    {
      for (guint i = 0; i < n_lists; i++)
        add_points (score, lists[i], points[i], n_points[i]);
      add_points (score, &rr->prefer, rules->region_rank_points, rules->n_region_rank_points);
      add_bonus (rules, score, rules->pressure_bonus[ctx->bonus_pressure]);
      add_bonus (rules, score, rules->phase_bonus[ctx->phase]);
      if (extra_bonus)
        add_bonus (rules, score, extra_bonus);
      for (guint w = 0; w < 2; w++)
        if (ctx->windows[w])
          add_bonus (rules, score, ctx->windows[w]->bonus);
    }

  item->techniques = choose_techniques (ctx, region, slot, score, notes, &n_notes);
  for (guint i = 0; i < slot->n; i++)
    if (slot->r[i].always)
      add_note (notes, &n_notes, slot->r[i].note);
  for (guint w = 0; w < 2; w++)
    if (ctx->windows[w])
      add_note (notes, &n_notes, ctx->windows[w]->note);

  if (item->techniques[0] == NULL)
    {
      item->minutes = 0;
      item->reason = join_reason (rules->no_technique_reason, notes, n_notes);
      return;
    }

  if (lead == NULL)
    lead = rules->techniques[find_technique (rules, item->techniques[0])].reason;
  item->minutes = window_item_minutes (ctx, minutes);
  item->reason = join_reason (lead, notes, n_notes);
}

static void
plan_marked (Context      *ctx,
             BmPlanItem   *item,
             guint         region,
             const BmMark *mark)
{
  const Rules *rules = ctx->rules;
  const SeverityRule *sev = severity_rule (rules, mark->severity);
  const PrefList *lists[BM_N_SYMPTOMS + 1];
  const int *points[BM_N_SYMPTOMS + 1];
  guint n_points[BM_N_SYMPTOMS + 1];
  guint n_lists = 0;

  for (guint s = 0; s < BM_N_SYMPTOMS; s++)
    if (mark->symptoms & bm_symptom_nth (s))
      {
        lists[n_lists] = &rules->symptom_prefer[s];
        points[n_lists] = rules->rank_points;
        n_points[n_lists++] = rules->n_rank_points;
      }
  if (n_lists == 0)
    {
      lists[n_lists] = &rules->no_symptom_prefer;
      points[n_lists] = rules->rank_points;
      n_points[n_lists++] = rules->n_rank_points;
    }

  item->severity = mark->severity;
  item->symptoms = mark->symptoms;
  item->marked = TRUE;
  plan_item (ctx, item, region, lists, points, n_points, n_lists,
             sev ? sev->bonus : NULL, sev ? sev->minutes : rules->support_minutes, NULL);
}

static void
plan_general (Context        *ctx,
              BmPlanItem     *item,
              guint           region,
              const PrefList *prefer,
              int             minutes,
              const char     *lead)
{
  const PrefList *lists[1] = { prefer };
  const int *points[1] = { ctx->rules->rank_points };
  guint n_points[1] = { ctx->rules->n_rank_points };

  plan_item (ctx, item, region, lists, points, n_points, 1, NULL, minutes, lead);
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  guint year, month, day;
  char tail;

  if (text == NULL || strlen (text) != 10 ||
      sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/* Days from @from to the race's date; -1 when unknown or negative */
static int
days_between (const GDate  *from,
              const BmRace *race,
              gboolean      forward)
{
  GDate date;
  int days;

  if (race == NULL || !g_date_valid (from) || !parse_date (race->date, &date))
    return -1;
  days = forward ? g_date_days_between (from, &date) : g_date_days_between (&date, from);
  return days >= 0 ? days : -1;
}

static const RaceWindow *
find_window (GArray *windows,
             int     days)
{
  if (days < 0)
    return NULL;
  for (guint i = 0; i < windows->len; i++)
    {
      const RaceWindow *w = &g_array_index (windows, RaceWindow, i);

      if (days >= w->from && (w->to < 0 || days <= w->to))
        return w;
    }
  return NULL;
}

static void
apply_health (Context       *ctx,
              BmHealthFlags  health,
              gboolean      *postpone,
              BmPressure    *cap)
{
  const Rules *rules = ctx->rules;

  for (guint i = 0; i < rules->health_rules->len; i++)
    {
      const HealthRule *rule = &g_array_index (rules->health_rules, HealthRule, i);
      guint32 mask = rule->exclude;

      if (!(health & rule->flag))
        continue;

      add_warning (ctx, rule->level, -1, BM_SIDE_CENTER, rule->message);
      if (rule->level == BM_WARNING_POSTPONE)
        *postpone = TRUE;
      if (rule->effect == EFFECT_NO_DEEP)
        mask |= rules->deep_mask;
      if (rule->max_pressure >= 0)
        {
          *cap = MIN (*cap, (BmPressure) rule->max_pressure);
          for (guint t = 0; t < rules->n_techniques; t++)
            if (rules->techniques[t].min_pressure > (BmPressure) rule->max_pressure)
              mask |= 1u << t;
        }

      if (rule->regions == NULL)
        slot_restrict (&ctx->global, mask, rule->note, FALSE);
      else
        for (guint r = 0; r < rules->n_regions; r++)
          if (rule->regions[r])
            for (guint s = 0; s < N_SIDES; s++)
              slot_restrict (&ctx->slots[r * N_SIDES + s], mask, rule->note, FALSE);

      for (guint r = 0; rule->no_work && r < rules->n_regions; r++)
        if (rule->no_work[r])
          for (guint s = 0; s < N_SIDES; s++)
            slot_apply (rules, &ctx->slots[r * N_SIDES + s], EFFECT_NO_WORK, rule->note);
    }
}

static gboolean
mark_rule_matches (const MarkRule *rule,
                   guint           region,
                   const BmMark   *mark)
{
  if (rule->regions && (rule->regions[region] != 0) == rule->except)
    return FALSE;
  if (rule->symptoms && !(mark->symptoms & rule->symptoms))
    return FALSE;
  return mark->severity >= rule->min_severity && mark->severity <= rule->max_severity;
}

static void
apply_mark_rules (Context   *ctx,
                  GPtrArray *marks)
{
  const Rules *rules = ctx->rules;

  for (guint m = 0; m < marks->len; m++)
    {
      const BmMark *mark = g_ptr_array_index (marks, m);
      const BmRegion *region = bm_atlas_lookup (ctx->atlas, mark->region);
      guint r;

      if (region == NULL || !bm_region_accepts_side (region, mark->side))
        continue;
      r = bm_region_get_index (region);

      for (guint i = 0; i < rules->mark_rules->len; i++)
        {
          const MarkRule *rule = &g_array_index (rules->mark_rules, MarkRule, i);

          if (!mark_rule_matches (rule, r, mark))
            continue;
          add_warning (ctx, rule->level, (int) r, mark->side, rule->message);
          slot_apply (rules, &ctx->slots[slot_index (r, mark->side)], rule->effect, rule->note);

          for (guint o = 0; rule->also && o < rules->n_regions; o++)
            if (rule->also[o] && o != r)
              {
                BmSide sides[2];
                guint n = sides_for (bm_atlas_get_region (ctx->atlas, o), mark->side, sides);

                for (guint k = 0; k < n; k++)
                  slot_apply (rules, &ctx->slots[slot_index (o, sides[k])], rule->also_effect, rule->also_note);
              }
        }
    }
}

static void
apply_avoid (Context  *ctx,
             BmIntake *intake)
{
  const char * const *avoid = bm_intake_get_avoid (intake);

  for (guint i = 0; avoid && avoid[i]; i++)
    {
      const BmRegion *region = bm_atlas_lookup (ctx->atlas, avoid[i]);
      guint r;

      if (region == NULL)
        continue;
      r = bm_region_get_index (region);
      if (ctx->avoided[r])
        continue;
      ctx->avoided[r] = TRUE;
      if (bm_region_is_paired (region))
        {
          add_warning (ctx, BM_WARNING_CAUTION, (int) r, BM_SIDE_LEFT, ctx->rules->avoid_message);
          add_warning (ctx, BM_WARNING_CAUTION, (int) r, BM_SIDE_RIGHT, ctx->rules->avoid_message);
        }
      else
        add_warning (ctx, BM_WARNING_CAUTION, (int) r, BM_SIDE_CENTER, ctx->rules->avoid_message);
    }
}

static void
add_supports (Context   *ctx,
              GPtrArray *marks)
{
  const Rules *rules = ctx->rules;

  for (guint i = 0; i < rules->supports->len; i++)
    {
      const SupportRule *rule = &g_array_index (rules->supports, SupportRule, i);

      for (guint m = 0; m < marks->len; m++)
        {
          const BmMark *mark = g_ptr_array_index (marks, m);
          const BmRegion *region = bm_atlas_lookup (ctx->atlas, mark->region);

          if (region == NULL || bm_region_get_index (region) != rule->from ||
              !bm_region_accepts_side (region, mark->side))
            continue;

          for (guint k = 0; k < rule->to->len; k++)
            {
              guint to = g_array_index (rule->to, guint, k);
              BmSide sides[2];
              guint n = sides_for (bm_atlas_get_region (ctx->atlas, to), mark->side, sides);

              for (guint s = 0; s < n; s++)
                {
                  guint slot = slot_index (to, sides[s]);
                  Entry *entry;

                  if (ctx->entry_at[slot] || ctx->avoided[to] || ctx->slots[slot].no_work)
                    continue;
                  entry = add_entry (ctx, to, sides[s]);
                  plan_general (ctx, entry->item, to, &rule->prefer, rules->support_minutes, rule->reason);
                }
            }
        }
    }
}

static void
add_empty_map_items (Context *ctx)
{
  const Rules *rules = ctx->rules;

  for (guint i = 0; i < rules->empty_regions->len; i++)
    {
      guint r = g_array_index (rules->empty_regions, guint, i);
      BmSide sides[2];
      guint n = sides_for (bm_atlas_get_region (ctx->atlas, r), BM_SIDE_CENTER, sides);

      if (ctx->avoided[r])
        continue;
      for (guint s = 0; s < n; s++)
        {
          Entry *entry;

          if (ctx->entry_at[slot_index (r, sides[s])] || ctx->slots[slot_index (r, sides[s])].no_work)
            continue;
          entry = add_entry (ctx, r, sides[s]);
          plan_general (ctx, entry->item, r, &rules->empty_prefer, rules->empty_minutes, rules->empty_reason);
        }
    }
}

/* The therapist object (see docs/plan-format.md) */

static const char *
json_string_member (JsonObject *obj,
                    const char *name)
{
  JsonNode *node = member (obj, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The therapist's free text is not limited by the file format: keep what
 * reaches the plan (and the printed pages) to a sensible length */
#define MAX_THERAPIST_NOTES_CHARS  4000
#define MAX_THERAPIST_REASON_CHARS 1000

static char *
dup_limited (const char *text,
             glong       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *cut = NULL;

  if (g_utf8_strlen (valid, -1) <= max_chars)
    return g_steal_pointer (&valid);
  cut = g_strndup (valid, g_utf8_offset_to_pointer (valid, max_chars) - valid);
  return g_strconcat (cut, "…", NULL);
}

static gboolean
json_int_member (JsonObject *obj,
                 const char *name,
                 gint64     *out)
{
  JsonNode *node = member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *out = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      if (!(value >= -1e9 && value <= 1e9))
        return FALSE;
      *out = (gint64) value;
    }
  else
    return FALSE;
  return TRUE;
}

static JsonArray *
json_array_member (JsonObject *obj,
                   const char *name)
{
  JsonNode *node = member (obj, name);

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Region and side of a therapist entry; a paired region without a side
 * means both sides */
static guint
therapist_slots (Context    *ctx,
                 JsonObject *obj,
                 guint      *region,
                 BmSide     *sides)
{
  const BmRegion *r = bm_atlas_lookup (ctx->atlas, json_string_member (obj, "region"));
  const char *side_id = json_string_member (obj, "side");
  BmSide side;

  if (r == NULL)
    return 0;
  *region = bm_region_get_index (r);
  if (side_id == NULL)
    return sides_for (r, BM_SIDE_CENTER, sides);
  if (!bm_side_from_id (side_id, &side) || !bm_region_accepts_side (r, side))
    return 0;
  sides[0] = side;
  return 1;
}

static GStrv
therapist_techniques (const Rules *rules,
                      JsonArray   *array)
{
  const char *ids[MAX_TECHNIQUES + 1] = { NULL };
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      int t;

      if (json_node_get_value_type (node) != G_TYPE_STRING ||
          (t = find_technique (rules, json_node_get_string (node))) < 0)
        continue;
      if (!g_strv_contains (ids, rules->techniques[t].id) && n < MAX_TECHNIQUES)
        {
          ids[n++] = rules->techniques[t].id;
          ids[n] = NULL;
        }
    }
  return g_strdupv ((char **) ids);
}

static void
apply_therapist_item (Context      *ctx,
                      BmIntake     *intake,
                      JsonObject   *obj)
{
  const Rules *rules = ctx->rules;
  BmSide sides[2];
  guint region = 0;
  guint n = therapist_slots (ctx, obj, &region, sides);
  JsonArray *techniques = json_array_member (obj, "techniques");
  const char *reason = json_string_member (obj, "reason");
  gint64 minutes = -1;
  gboolean has_minutes = json_int_member (obj, "minutes", &minutes);

  for (guint s = 0; s < n; s++)
    {
      guint slot = slot_index (region, sides[s]);
      Entry *entry = ctx->entry_at[slot] ? &g_array_index (ctx->entries, Entry, ctx->entry_at[slot] - 1) : NULL;
      BmPlanItem *item;

      if (entry == NULL || entry->removed)
        {
          const BmMark *mark = bm_intake_get_mark (intake, bm_region_get_id (bm_atlas_get_region (ctx->atlas, region)),
                                                   sides[s]);

          if (entry && entry->removed)
            {
              /* Removed and added again: starts afresh */
              g_clear_pointer (&entry->item->techniques, g_strfreev);
              g_clear_pointer (&entry->item->reason, g_free);
              entry->removed = FALSE;
            }
          else
            entry = add_entry (ctx, region, sides[s]);
          item = entry->item;
          if (mark)
            {
              item->severity = mark->severity;
              item->symptoms = mark->symptoms;
              item->marked = TRUE;
            }
          if (!techniques)
            plan_general (ctx, item, region, &rules->no_symptom_prefer, rules->support_minutes,
                          reason ? NULL : rules->therapist_added_reason);
          else
            {
              item->minutes = window_item_minutes (ctx, rules->support_minutes);
              item->reason = g_strdup (TR (rules->therapist_added_reason));
            }
        }
      item = entry->item;

      if (techniques)
        {
          g_strfreev (item->techniques);
          item->techniques = therapist_techniques (rules, techniques);
          if (!has_minutes && item->techniques[0] != NULL && item->minutes == 0)
            item->minutes = window_item_minutes (ctx, rules->support_minutes);
        }
      if (has_minutes)
        {
          item->minutes = (int) CLAMP (minutes, 0, rules->bookable[rules->n_bookable - 1]);
          entry->fixed = TRUE;
        }
      if (reason)
        {
          g_free (item->reason);
          item->reason = dup_limited (reason, MAX_THERAPIST_REASON_CHARS);
        }
      item->therapist = TRUE;
    }
}

static int
round_up_bookable (const Rules *rules,
                   int          minutes,
                   int          max)
{
  for (guint i = 0; i < rules->n_bookable; i++)
    if (rules->bookable[i] >= minutes && rules->bookable[i] <= max)
      return rules->bookable[i];
  /* The longest allowed */
  for (guint i = rules->n_bookable; i > 0; i--)
    if (rules->bookable[i - 1] <= max)
      return rules->bookable[i - 1];
  return rules->bookable[0];
}

static int
sum_minutes (GArray   *entries,
             int       which) /* 0: not fixed, 1: fixed, 2: all */
{
  int sum = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);

      if (!e->removed && (which == 2 || (which == 1) == e->fixed))
        sum += e->item->minutes;
    }
  return sum;
}

/* Shrinks the chosen items' minutes proportionally to fit @budget */
static void
scale_minutes (GArray *entries,
               int     which,
               int     budget)
{
  int total = sum_minutes (entries, which);
  int sum = 0;

  if (total <= budget)
    return;
  budget = MAX (budget, 0);

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = &g_array_index (entries, Entry, i);

      if (e->removed || !(which == 2 || (which == 1) == e->fixed) || e->item->minutes == 0)
        continue;
      e->item->minutes = MAX (1, (int) ((gint64) e->item->minutes * budget / total));
      sum += e->item->minutes;
    }

  /* The rounding up to one minute can overshoot: take from the longest */
  while (sum > budget)
    {
      Entry *longest = NULL, *last = NULL;

      for (guint i = 0; i < entries->len; i++)
        {
          Entry *e = &g_array_index (entries, Entry, i);

          if (e->removed || !(which == 2 || (which == 1) == e->fixed) || e->item->minutes == 0)
            continue;
          last = e;
          if (e->item->minutes > 1 && (longest == NULL || e->item->minutes > longest->item->minutes))
            longest = e;
        }
      if (longest == NULL)
        longest = last;
      if (longest == NULL)
        break;
      longest->item->minutes--;
      sum--;
    }
}

static void
fit_session (Context *ctx,
             BmPlan  *plan,
             int      therapist_minutes)
{
  const Rules *rules = ctx->rules;
  int max = rules->bookable[rules->n_bookable - 1];
  int assessment = rules->assessment_minutes;
  int total, budget;
  const char *shortened;

  for (guint w = 0; w < 2; w++)
    if (ctx->windows[w])
      {
        if (ctx->windows[w]->assessment_minutes >= 0)
          assessment = MIN (assessment, ctx->windows[w]->assessment_minutes);
        if (ctx->windows[w]->max_session_minutes > 0)
          max = MIN (max, ctx->windows[w]->max_session_minutes);
      }

  total = assessment + sum_minutes (ctx->entries, 2);
  if (therapist_minutes > 0)
    {
      plan->session_minutes = round_up_bookable (rules, therapist_minutes, rules->bookable[rules->n_bookable - 1]);
      plan->session_set_by_therapist = TRUE;
      shortened = rules->shortened_therapist;
    }
  else
    {
      plan->session_minutes = round_up_bookable (rules, total, max);
      shortened = max < rules->bookable[rules->n_bookable - 1] ? rules->shortened_window : rules->shortened_overflow;
    }
  plan->assessment_minutes = assessment;

  if (total <= plan->session_minutes)
    return;

  budget = plan->session_minutes - assessment;
  if (sum_minutes (ctx->entries, 1) <= budget)
    scale_minutes (ctx->entries, 0, budget - sum_minutes (ctx->entries, 1));
  else
    scale_minutes (ctx->entries, 2, budget);
  add_warning (ctx, BM_WARNING_CAUTION, -1, BM_SIDE_CENTER, shortened);
}

static void
set_timing (Context  *ctx,
            BmPlan   *plan)
{
  const char *before = ctx->windows[0] ? ctx->windows[0]->advice : NULL;
  const char *after = ctx->windows[1] ? ctx->windows[1]->advice : NULL;

  g_free (plan->timing_advice);
  if (before && after)
    plan->timing_advice = g_strconcat (TR (before), " ", TR (after), NULL);
  else if (before || after)
    plan->timing_advice = g_strdup (TR (before ? before : after));
  else
    plan->timing_advice = g_strdup (TR (ctx->rules->none_advice));
}

BmPlan *
bm_advise (BmIntake *intake)
{
  const Rules *rules;
  g_autoptr(BmPlan) plan = NULL;
  GPtrArray *marks;
  g_autofree Slot *slots = NULL;
  g_autofree gboolean *avoided = NULL;
  g_autofree int *entry_at = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GArray) warnings = NULL;
  Context ctx = { 0 };
  JsonObject *therapist;
  gboolean postpone = FALSE;
  BmPressure cap = BM_PRESSURE_DEEP;
  int therapist_minutes = 0;
  GDate visit;

  g_return_val_if_fail (BM_IS_INTAKE (intake), NULL);

  rules = get_rules ();
  ctx.rules = rules;
  ctx.atlas = bm_atlas_get_default ();
  ctx.pressure = bm_intake_get_pressure (intake);
  ctx.phase = bm_intake_get_phase (intake);
  ctx.slots = slots = g_new0 (Slot, rules->n_regions * N_SIDES);
  ctx.avoided = avoided = g_new0 (gboolean, rules->n_regions);
  ctx.entry_at = entry_at = g_new0 (int, rules->n_regions * N_SIDES);
  ctx.entries = entries = g_array_sized_new (FALSE, TRUE, sizeof (Entry), 32);
  ctx.warnings = warnings = g_array_sized_new (FALSE, TRUE, sizeof (PendingWarning), 16);

  if (ctx.pressure > BM_PRESSURE_DEEP)
    ctx.pressure = BM_PRESSURE_MEDIUM;
  if (ctx.phase > BM_PHASE_REHAB)
    ctx.phase = BM_PHASE_MAINTENANCE;

  plan = bm_plan_new ();
  g_free (plan->client);
  plan->client = g_strdup (bm_intake_get_client_name (intake));
  g_free (plan->visit_date);
  plan->visit_date = g_strdup (bm_intake_get_visit_date (intake));

  /* Race timing, counted from the visit date */
  if (!parse_date (plan->visit_date, &visit))
    g_date_clear (&visit, 1);
  plan->days_to_race = days_between (&visit, bm_intake_get_next_race (intake), TRUE);
  plan->days_since_race = days_between (&visit, bm_intake_get_last_race (intake), FALSE);
  ctx.windows[0] = find_window (rules->before, plan->days_to_race);
  ctx.windows[1] = find_window (rules->after, plan->days_since_race);
  for (guint w = 0; w < 2; w++)
    if (ctx.windows[w])
      slot_restrict (&ctx.global, ctx.windows[w]->exclude, ctx.windows[w]->note, FALSE);

  /* What may be done where: health, pressure, avoided regions, marks */
  apply_health (&ctx, bm_intake_get_health (intake), &postpone, &cap);
  {
    guint32 mask = 0;

    for (guint t = 0; t < rules->n_techniques; t++)
      if (rules->techniques[t].min_pressure > ctx.pressure)
        mask |= 1u << t;
    slot_restrict (&ctx.global, mask, rules->pressure_note[ctx.pressure], FALSE);
  }
  ctx.bonus_pressure = MIN (ctx.pressure, cap);
  apply_avoid (&ctx, intake);

  /* Marks (sorted head to toe at the end) */
  marks = bm_intake_get_marks (intake);
  apply_mark_rules (&ctx, marks);

  for (guint m = 0; m < marks->len; m++)
    {
      const BmMark *mark = g_ptr_array_index (marks, m);
      const BmRegion *region = bm_atlas_lookup (ctx.atlas, mark->region);
      guint r;
      Entry *entry;

      if (region == NULL || !bm_region_accepts_side (region, mark->side))
        continue;
      r = bm_region_get_index (region);
      if (entry_at[slot_index (r, mark->side)])
        continue;
      entry = add_entry (&ctx, r, mark->side);
      if (postpone)
        {
          entry->item->severity = mark->severity;
          entry->item->symptoms = mark->symptoms;
          entry->item->marked = TRUE;
          entry->item->techniques = g_new0 (char *, 1);
          entry->item->reason = g_strdup (TR (rules->postpone_reason));
        }
      else
        plan_marked (&ctx, entry->item, r, mark);
    }

  therapist = bm_intake_get_therapist (intake);
  if (therapist && (json_string_member (therapist, "notes") != NULL))
    plan->therapist_notes = dup_limited (json_string_member (therapist, "notes"), MAX_THERAPIST_NOTES_CHARS);

  if (!postpone)
    {
      JsonArray *array;
      gint64 minutes;

      add_supports (&ctx, marks);
      if (marks->len == 0)
        add_empty_map_items (&ctx);

      /* The therapist's adjustments go on top */
      if (therapist && (array = json_array_member (therapist, "removed")))
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *node = json_array_get_element (array, i);
            BmSide sides[2];
            guint region = 0, n;

            if (!JSON_NODE_HOLDS_OBJECT (node))
              continue;
            n = therapist_slots (&ctx, json_node_get_object (node), &region, sides);
            for (guint s = 0; s < n; s++)
              {
                int at = entry_at[slot_index (region, sides[s])];

                if (at)
                  g_array_index (entries, Entry, at - 1).removed = TRUE;
              }
          }
      if (therapist && (array = json_array_member (therapist, "items")))
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *node = json_array_get_element (array, i);

            if (JSON_NODE_HOLDS_OBJECT (node))
              apply_therapist_item (&ctx, intake, json_node_get_object (node));
          }
      if (therapist && json_int_member (therapist, "session_minutes", &minutes) && minutes > 0)
        therapist_minutes = (int) MIN (minutes, 1000);

      fit_session (&ctx, plan, therapist_minutes);
      plan->next_visit_days = rules->phase_days[ctx.phase];
    }
  else
    {
      plan->session_minutes = 0;
      plan->assessment_minutes = 0;
      plan->next_visit_days = rules->postpone_next_visit_days;
    }

  /* Head to toe, left before right */
  g_array_sort (entries, compare_entries);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = &g_array_index (entries, Entry, i);

      if (e->removed)
        {
          g_strfreev (e->item->techniques);
          g_free (e->item->reason);
          g_free (e->item->region);
          g_free (e->item);
          continue;
        }
      if (e->item->techniques == NULL)
        e->item->techniques = g_new0 (char *, 1);
      if (e->item->reason == NULL)
        e->item->reason = g_strdup ("");
      g_ptr_array_add (plan->items, e->item);
    }

  g_array_sort (warnings, compare_warnings);
  for (guint i = 0; i < warnings->len; i++)
    {
      const PendingWarning *w = &g_array_index (warnings, PendingWarning, i);
      BmPlanWarning *warning = g_new0 (BmPlanWarning, 1);

      warning->level = w->level;
      warning->region = w->region < 0 ? NULL
                        : g_strdup (bm_region_get_id (bm_atlas_get_region (ctx.atlas, (guint) w->region)));
      warning->side = w->side;
      warning->message = g_strdup (TR (w->message));
      g_ptr_array_add (plan->warnings, warning);
    }

  set_timing (&ctx, plan);

  return g_steal_pointer (&plan);
}

/* The technique catalogue (declared in bm-plan.h) */

const char *
bm_technique_get_name (const char *id)
{
  const Rules *rules = get_rules ();
  int t = find_technique (rules, id);

  return t < 0 ? NULL : TR (rules->techniques[t].name);
}

const char *
bm_technique_get_description (const char *id)
{
  const Rules *rules = get_rules ();
  int t = find_technique (rules, id);

  return t < 0 ? NULL : TR (rules->techniques[t].description);
}

const char * const *
bm_technique_list_ids (void)
{
  return get_rules ()->technique_ids;
}
