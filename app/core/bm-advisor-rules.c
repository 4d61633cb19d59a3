/* bm-advisor-rules.c: loading and checking the advisor's rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-advisor"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "bm-advisor-rules.h"
#include "bm-atlas.h"

#define RULES_RESOURCE "/io/github/bodymap/BodyMap/rules/advisor.json"

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

static gpointer
own_block (Rules    *rules,
           gpointer  block)
{
  g_ptr_array_add (rules->blocks, block);
  return block;
}

static GArray *
own_array (Rules  *rules,
           GArray *array)
{
  g_ptr_array_add (rules->arrays, array);
  return array;
}

static gboolean
read_string (Rules       *rules,
             JsonObject  *obj,
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
  *out = g_string_chunk_insert_const (rules->strings, json_node_get_string (node));
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
region_index (const Rules *rules,
              const char  *id)
{
  const BmRegion *region = bm_atlas_lookup (rules->atlas, id);

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
  *out = own_block ((Rules *) rules, g_new0 (guint8, rules->n_regions));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      int r = region_index (rules, json_array_get_string_element (array, i));

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

static gboolean
read_symptoms (JsonObject  *obj,
               const char  *name,
               BmSymptoms  *out,
               GError     **error)
{
  JsonArray *array = read_array (obj, name, FALSE, error);

  *out = 0;
  for (guint k = 0; array && k < json_array_get_length (array); k++)
    {
      BmSymptoms symptom;

      if (!bm_symptom_from_id (json_array_get_string_element (array, k), &symptom))
        return fail (error, name, "unknown symptom");
      *out |= symptom;
    }
  return error == NULL || *error == NULL;
}

static gboolean
read_health_set (JsonObject     *obj,
                 const char     *name,
                 BmHealthFlags  *out,
                 GError        **error)
{
  JsonArray *array = read_array (obj, name, FALSE, error);

  *out = 0;
  for (guint k = 0; array && k < json_array_get_length (array); k++)
    {
      BmHealthFlags flag;

      if (!bm_health_from_id (json_array_get_string_element (array, k), &flag))
        return fail (error, name, "unknown health flag");
      *out |= flag;
    }
  return error == NULL || *error == NULL;
}

/* An integer that may be left out (then -1) */
static gboolean
read_optional_int (JsonObject  *obj,
                   const char  *name,
                   int          min,
                   int          max,
                   int         *out,
                   GError     **error)
{
  *out = -1;
  if (member (obj, name) == NULL)
    return TRUE;
  return read_int (obj, name, min, max, out, error);
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
  rules->technique_ids = own_block (rules, g_new0 (const char *, rules->n_techniques + 1));
  for (guint i = 0; i < rules->n_techniques; i++)
    {
      JsonObject *obj = array_object (array, i, error);
      Technique *t = &rules->techniques[i];
      int pressure;

      if (obj == NULL ||
          !read_string (rules, obj, "id", TRUE, &t->id, error) ||
          !read_string (rules, obj, "name", TRUE, &t->name, error) ||
          !read_string (rules, obj, "description", TRUE, &t->description, error) ||
          !read_string (rules, obj, "reason", TRUE, &t->reason, error) ||
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
  rules->regions = own_block (rules, g_new0 (RegionRule, rules->n_regions));
  for (guint i = 0; i < rules->n_techniques; i++)
    {
      guint8 *allowed = NULL;  /* owned by the rules */

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
      !read_string (rules, obj, "no_technique_reason", TRUE, &rules->no_technique_reason, error))
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
            (!read_prefer (rules, sobj, "prefer", &rules->symptom_prefer[s], error) ||
             !read_bonus (rules, sobj, "bonus", rules->symptom_bonus[s], error)))
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
      if ((r = region_index (rules, json_object_get_string_member_with_default (robj, "id", ""))) < 0)
        return fail (error, "regions", "unknown region");
      region = &rules->regions[r];
      region->no_deep = json_object_get_boolean_member_with_default (robj, "no_deep", FALSE);
      region->small = json_object_get_boolean_member_with_default (robj, "small", FALSE);
      region->worked_through = json_object_get_boolean_member_with_default (robj, "worked_through", FALSE);
      if (!read_string (rules, robj, "note", region->no_deep || region->worked_through, &region->note, error) ||
          !read_prefer (rules, robj, "prefer", &region->prefer, error) ||
          !read_mask (rules, robj, "exclude", &region->exclude, error) ||
          !read_string (rules, robj, "exclude_note", region->exclude != 0, &region->exclude_note, error))
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
          !read_string (rules, pobj, "note", TRUE, &rules->pressure_note[pressure], error))
        return FALSE;
    }

  if (!(array = read_array (root, "severity", TRUE, error)))
    return FALSE;
  rules->severity = own_array (rules, g_array_new (FALSE, TRUE, sizeof (SeverityRule)));
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

  if (!(array = read_array (root, "phases", TRUE, error)) || json_array_get_length (array) != N_PHASES)
    return fail (error, "phases", "expected one entry per training phase");
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
  rules->supports = own_array (rules, g_array_new (FALSE, TRUE, sizeof (SupportRule)));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *obj = array_object (array, i, error);
      SupportRule rule = { 0 };
      JsonArray *to;
      int from;

      if (obj == NULL)
        return FALSE;
      if ((from = region_index (rules, json_object_get_string_member_with_default (obj, "from", ""))) < 0)
        return fail (error, "supports", "unknown region");
      rule.from = (guint) from;
      if (!(to = read_array (obj, "to", TRUE, error)) ||
          !read_prefer (rules, obj, "prefer", &rule.prefer, error) ||
          !read_string (rules, obj, "reason", TRUE, &rule.reason, error))
        return FALSE;
      rule.to = own_array (rules, g_array_new (FALSE, FALSE, sizeof (guint)));
      rule.minutes_from = g_strcmp0 (json_object_get_string_member_with_default (obj, "minutes", ""), "from") == 0;
      g_array_append_val (rules->supports, rule);
      for (guint k = 0; k < json_array_get_length (to); k++)
        {
          int r = region_index (rules, json_array_get_string_element (to, k));
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
  rules->mark_rules = own_array (rules, g_array_new (FALSE, TRUE, sizeof (MarkRule)));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *obj = array_object (array, i, error);
      MarkRule rule = { 0 };

      JsonObject *other;
      JsonArray *risks;

      if (obj == NULL ||
          !read_string (rules, obj, "id", TRUE, &rule.id, error) ||
          !read_level (obj, &rule.level, error) ||
          !read_int (obj, "min_severity", 0, BM_SEVERITY_MAX, &rule.min_severity, error) ||
          !read_int (obj, "max_severity", rule.min_severity, BM_SEVERITY_MAX, &rule.max_severity, error) ||
          !read_effect (obj, "effect", &rule.effect, error) ||
          !read_effect (obj, "also_effect", &rule.also_effect, error) ||
          !read_region_set (rules, obj, "also", &rule.also, error) ||
          !read_mask (rules, obj, "exclude", &rule.exclude, error) ||
          !read_health_set (obj, "health_any", &rule.health_any, error) ||
          !read_optional_int (obj, "min_age", 0, 150, &rule.min_age, error) ||
          !read_optional_int (obj, "max_age", 0, 150, &rule.max_age, error) ||
          !read_string (rules, obj, "message", TRUE, &rule.message, error) ||
          !read_string (rules, obj, "note", rule.effect != EFFECT_NONE, &rule.note, error) ||
          !read_string (rules, obj, "also_note", rule.also != NULL, &rule.also_note, error) ||
          !read_string (rules, obj, "instead", rule.level == BM_WARNING_POSTPONE, &rule.instead, error) ||
          !read_string (rules, obj, "home_care", FALSE, &rule.home_care, error))
        return FALSE;
      if (member (obj, "with_mark"))
        {
          if (!(other = read_object (obj, "with_mark", error)) ||
              !read_region_set (rules, other, "regions", &rule.other.regions, error) ||
              !read_symptoms (other, "symptoms", &rule.other.symptoms, error))
            return FALSE;
          rule.has_other = TRUE;
          rule.other.min_severity = (int) json_object_get_int_member_with_default (other, "min_severity", 0);
          rule.other.same_side = json_object_get_boolean_member_with_default (other, "same_side", FALSE);
        }
      if ((risks = read_array (obj, "risk_any", FALSE, error)))
        {
          rule.risk_any = own_array (rules, g_array_new (FALSE, TRUE, sizeof (Risk)));
          for (guint k = 0; k < json_array_get_length (risks); k++)
            {
              JsonObject *robj = array_object (risks, k, error);
              Risk risk = { -1, -1, 0 };
              BmPhase phase;

              if (robj == NULL)
                return FALSE;
              if (member (robj, "phase"))
                {
                  if (!bm_phase_from_id (json_object_get_string_member (robj, "phase"), &phase))
                    return fail (error, "risk_any", "unknown phase");
                  risk.phase = (int) phase;
                }
              if (member (robj, "health") &&
                  !bm_health_from_id (json_object_get_string_member (robj, "health"), &risk.health))
                return fail (error, "risk_any", "unknown health flag");
              risk.min_weekly_km = json_object_get_double_member_with_default (robj, "min_weekly_km", -1);
              g_array_append_val (rule.risk_any, risk);
            }
        }
      else if (error && *error)
        return FALSE;
      if (member (obj, "regions_except"))
        {
          rule.except = TRUE;
          if (!read_region_set (rules, obj, "regions_except", &rule.regions, error))
            return FALSE;
        }
      else if (!read_region_set (rules, obj, "regions", &rule.regions, error))
        return FALSE;
      if (!read_symptoms (obj, "symptoms", &rule.symptoms, error))
        return FALSE;
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
  rules->health_rules = own_array (rules, g_array_new (FALSE, TRUE, sizeof (HealthRule)));
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
          !read_string (rules, obj, "message", TRUE, &rule.message, error) ||
          !read_string (rules, obj, "note", FALSE, &rule.note, error) ||
          !read_string (rules, obj, "instead", rule.level == BM_WARNING_POSTPONE, &rule.instead, error) ||
          !read_optional_int (obj, "race_within_days", 0, 366, &rule.race_within_days, error) ||
          !read_string (rules, obj, "race_advice", rule.race_within_days >= 0, &rule.race_advice, error))
        return FALSE;
      g_array_append_val (rules->health_rules, rule);
    }

  if (!(array = read_array (root, "age_rules", TRUE, error)))
    return FALSE;
  rules->age_rules = own_array (rules, g_array_new (FALSE, TRUE, sizeof (AgeRule)));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *obj = array_object (array, i, error);
      AgeRule rule = { 0 };

      if (obj == NULL ||
          !read_string (rules, obj, "id", TRUE, &rule.id, error) ||
          !read_optional_int (obj, "min_age", 0, 150, &rule.min_age, error) ||
          !read_optional_int (obj, "max_age", 0, 150, &rule.max_age, error) ||
          !read_pressure (obj, "max_pressure", &rule.max_pressure, error) ||
          !read_mask (rules, obj, "exclude", &rule.exclude, error) ||
          !read_string (rules, obj, "message", TRUE, &rule.message, error) ||
          !read_string (rules, obj, "note", TRUE, &rule.note, error))
        return FALSE;
      g_array_append_val (rules->age_rules, rule);
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
  *out = own_array (rules, g_array_new (FALSE, TRUE, sizeof (RaceWindow)));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *obj = array_object (array, i, error);
      RaceWindow window = { 0 };

      if (obj == NULL ||
          !read_int (obj, "from", 0, 366, &window.from, error) ||
          !read_int (obj, "to", -1, 366, &window.to, error) ||
          !read_prefer (rules, obj, "only", &window.only, error) ||
          !read_mask (rules, obj, "exclude", &window.exclude, error) ||
          !read_effect (obj, "effect", &window.effect, error) ||
          !read_bonus (rules, obj, "bonus", window.bonus, error) ||
          !read_int (obj, "item_minutes", -1, 120, &window.item_minutes, error) ||
          !read_int (obj, "assessment_minutes", -1, 120, &window.assessment_minutes, error) ||
          !read_int (obj, "max_session_minutes", -1, 120, &window.max_session_minutes, error) ||
          !read_string (rules, obj, "advice", TRUE, &window.advice, error) ||
          !read_string (rules, obj, "note", FALSE, &window.note, error))
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
      !read_string (rules, obj, "message", TRUE, &rules->avoid_message, error) ||
      !read_string (rules, obj, "reason", TRUE, &rules->avoid_reason, error))
    return FALSE;
  rules->avoid_group = own_block (rules, g_new (int, rules->n_regions));
  for (guint r = 0; r < rules->n_regions; r++)
    rules->avoid_group[r] = -1;
  if ((array = read_array (obj, "groups", FALSE, error)))
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonNode *node = json_array_get_element (array, i);
        JsonArray *group = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

        if (group == NULL || json_array_get_length (group) < 2)
          return fail (error, "groups", "expected groups of two or more regions");
        for (guint k = 0; k < json_array_get_length (group); k++)
          {
            JsonNode *member = json_array_get_element (group, k);
            int r = JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING
                    ? region_index (rules, json_node_get_string (member)) : -1;

            if (r < 0 || rules->avoid_group[r] >= 0)
              return fail (error, "groups", "expected groups of two or more regions, each region in one group");
            rules->avoid_group[r] = (int) i;
          }
      }

  if (!(obj = read_object (root, "race", error)) ||
      !load_windows (rules, obj, "before", &rules->before, error) ||
      !load_windows (rules, obj, "after", &rules->after, error) ||
      !read_string (rules, obj, "none_advice", TRUE, &rules->none_advice, error) ||
      !read_string (rules, obj, "postponed_advice", TRUE, &rules->postponed_advice, error) ||
      !read_int (obj, "visits_within_days", 0, 366, &rules->visits_within_days, error) ||
      !read_string (rules, obj, "next_visit_moved", TRUE, &rules->next_visit_moved, error) ||
      !read_string (rules, obj, "race_visits_reason", TRUE, &rules->race_visits_reason, error) ||
      !(array = read_array (obj, "distances", TRUE, error)))
    return FALSE;
  if (json_array_get_length (array) == 0 || json_array_get_length (array) > MAX_DISTANCES)
    return fail (error, "distances", "expected 1 to 8 distances");
  rules->n_distances = json_array_get_length (array);
  for (guint i = 0; i < rules->n_distances; i++)
    {
      JsonObject *dobj = array_object (array, i, error);
      Distance *d = &rules->distances[i];

      if (dobj == NULL ||
          !read_int (dobj, "before_days", 1, 30, &d->before_days, error) ||
          !read_int (dobj, "after_days", 1, 30, &d->after_days, error))
        return FALSE;
      d->max_km = json_object_get_double_member_with_default (dobj, "max_km", 0);
      if (!(d->max_km > 0) || (i > 0 && d->max_km <= rules->distances[i - 1].max_km))
        return fail (error, "distances", "max_km must grow");
      if (g_strcmp0 (json_object_get_string_member_with_default (dobj, "id", ""),
                     json_object_get_string_member_with_default (obj, "default_distance", "")) == 0)
        rules->default_distance = i;
    }

  if (!(obj = read_object (root, "session", error)) ||
      !(array = read_array (obj, "bookable_minutes", TRUE, error)) ||
      !read_int (obj, "assessment_minutes", 0, 60, &rules->assessment_minutes, error) ||
      !read_int (obj, "support_minutes", 1, 120, &rules->support_minutes, error) ||
      !read_string (rules, obj, "shortened_overflow", TRUE, &rules->shortened_overflow, error) ||
      !read_string (rules, obj, "shortened_window", TRUE, &rules->shortened_window, error) ||
      !read_string (rules, obj, "shortened_therapist", TRUE, &rules->shortened_therapist, error) ||
      !read_string (rules, obj, "longer_than_chosen", TRUE, &rules->longer_than_chosen, error) ||
      !read_int (obj, "min_minutes", 0, 120, &rules->min_minutes, error) ||
      !read_int (obj, "small_minutes", 0, 120, &rules->small_minutes, error) ||
      !read_int (obj, "several_areas", 1, 100, &rules->several_areas, error) ||
      !read_int (obj, "long_minutes", 0, 120, &rules->long_minutes, error) ||
      !read_int (obj, "max_minutes", 1, 120, &rules->max_minutes, error))
    return FALSE;
  {
    JsonArray *phases = read_array (obj, "long_phases", FALSE, error);

    for (guint i = 0; phases && i < json_array_get_length (phases); i++)
      {
        BmPhase phase;

        if (!bm_phase_from_id (json_array_get_string_element (phases, i), &phase))
          return fail (error, "long_phases", "unknown phase");
        rules->long_phases |= 1u << phase;
      }
    if (error && *error)
      return FALSE;
  }
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
      !read_string (rules, obj, "reason", TRUE, &rules->postpone_reason, error) ||
      !read_int (obj, "next_visit_days", 1, 365, &rules->postpone_next_visit_days, error))
    return FALSE;

  if (!(obj = read_object (root, "empty_map", error)) ||
      !(array = read_array (obj, "regions", TRUE, error)) ||
      !read_prefer (rules, obj, "prefer", &rules->empty_prefer, error) ||
      !read_int (obj, "minutes", 1, 120, &rules->empty_minutes, error) ||
      !read_string (rules, obj, "reason", TRUE, &rules->empty_reason, error))
    return FALSE;
  rules->empty_regions = own_array (rules, g_array_new (FALSE, FALSE, sizeof (guint)));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      int r = region_index (rules, json_array_get_string_element (array, i));
      guint ur = (guint) r;

      if (r < 0)
        return fail (error, "empty_map", "unknown region");
      g_array_append_val (rules->empty_regions, ur);
    }

  if (!(obj = read_object (root, "priority", error)) ||
      !read_int (obj, "race_days", 0, 366, &rules->race_priority_days, error) ||
      !read_int (obj, "race_bonus", 0, 10, &rules->race_priority_bonus, error) ||
      !read_region_set (rules, obj, "race_regions", &rules->race_priority_regions, error))
    return FALSE;

  if (!(obj = read_object (root, "maintenance", error)) ||
      !(array = read_array (obj, "regions", TRUE, error)) ||
      !read_prefer (rules, obj, "prefer", &rules->chain_prefer, error) ||
      !read_int (obj, "minutes", 1, 60, &rules->chain_minutes, error) ||
      !read_int (obj, "max_minutes", rules->chain_minutes, 60, &rules->chain_max_minutes, error) ||
      !read_string (rules, obj, "reason", TRUE, &rules->chain_reason, error))
    return FALSE;
  rules->chain = own_array (rules, g_array_new (FALSE, FALSE, sizeof (guint)));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      int r = region_index (rules, json_array_get_string_element (array, i));
      guint ur = (guint) r;

      if (r < 0)
        return fail (error, "maintenance", "unknown region");
      g_array_append_val (rules->chain, ur);
    }

  if (!(obj = read_object (root, "therapist", error)) ||
      !read_string (rules, obj, "added_reason", TRUE, &rules->therapist_added_reason, error) ||
      !read_string (rules, obj, "left_out_reason", TRUE, &rules->left_out_reason, error))
    return FALSE;

  return TRUE;
}

static gboolean
load_allergies (Rules       *rules,
                JsonObject  *root,
                GError     **error)
{
  JsonObject *obj;

  if (!(obj = read_object (root, "allergies", error)) ||
      !read_level (obj, &rules->allergies_level, error) ||
      !read_string (rules, obj, "message", TRUE, &rules->allergies_message, error))
    return FALSE;
  if (strstr (rules->allergies_message, "{allergies}") == NULL)
    return fail (error, "allergies", "the message must name them ({allergies})");
  return TRUE;
}

static gboolean
load_history (Rules       *rules,
              JsonObject  *root,
              GError     **error)
{
  JsonObject *history, *obj;

  if (member (root, "history") == NULL)
    return TRUE;
  if (!(history = read_object (root, "history", error)))
    return FALSE;
  if (!(obj = read_object (history, "worse_after_deep", error)) ||
      !read_string (rules, obj, "note", TRUE, &rules->worse_after_deep_note, error))
    return FALSE;
  if (!(obj = read_object (history, "improved", error)) ||
      !read_string (rules, obj, "note", TRUE, &rules->improved_note, error))
    return FALSE;
  rules->improved_repeat = json_object_get_boolean_member_with_default (obj, "repeat", FALSE);
  if (!(obj = read_object (history, "not_improving", error)) ||
      !read_int (obj, "visits", 2, 20, &rules->stuck_visits, error) ||
      !read_level (obj, &rules->stuck_level, error) ||
      !read_int (obj, "penalty", -10, 0, &rules->stuck_penalty, error) ||
      !read_string (rules, obj, "message", TRUE, &rules->stuck_message, error) ||
      !read_string (rules, obj, "note", TRUE, &rules->stuck_note, error))
    return FALSE;
  /* Still worked, with another approach: a rule that stopped the work
   * would contradict its own note */
  if (rules->stuck_level != BM_WARNING_CAUTION)
    return fail (error, "not_improving", "level must be caution");
  if (!(obj = read_object (history, "usual_gap", error)) ||
      !read_int (obj, "min_days", 1, 365, &rules->usual_min_days, error) ||
      !read_int (obj, "max_days", rules->usual_min_days, 365, &rules->usual_max_days, error) ||
      !read_string (rules, obj, "reason", TRUE, &rules->usual_reason, error))
    return FALSE;
  rules->history = TRUE;
  return TRUE;
}

void
bm_advisor_rules_free (BmAdvisorRules *rules)
{
  if (rules == NULL)
    return;
  g_clear_pointer (&rules->strings, g_string_chunk_free);
  g_clear_pointer (&rules->blocks, g_ptr_array_unref);
  g_clear_pointer (&rules->arrays, g_ptr_array_unref);
  g_free (rules);
}

BmAdvisorRules *
bm_advisor_rules_new_from_bytes (GBytes   *bytes,
                                 BmAtlas  *atlas,
                                 GError  **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  Rules *rules;
  JsonNode *root;
  gsize len;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (atlas != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
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

  rules = g_new0 (Rules, 1);
  rules->atlas = atlas;
  rules->strings = g_string_chunk_new (4096);
  rules->blocks = g_ptr_array_new_with_free_func (g_free);
  rules->arrays = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  rules->n_regions = bm_atlas_get_n_regions (atlas);
  if (!load_techniques (rules, json_node_get_object (root), error) ||
      !load_scoring (rules, json_node_get_object (root), error) ||
      !load_supports (rules, json_node_get_object (root), error) ||
      !load_mark_rules (rules, json_node_get_object (root), error) ||
      !load_health_rules (rules, json_node_get_object (root), error) ||
      !load_rest (rules, json_node_get_object (root), error) ||
      !load_allergies (rules, json_node_get_object (root), error) ||
      !load_history (rules, json_node_get_object (root), error))
    {
      /* A failed check may leave GError unset on a missing optional piece */
      if (error && *error == NULL)
        fail (error, "rules", "incomplete");
      bm_advisor_rules_free (rules);
      return NULL;
    }

  return rules;
}

const BmAdvisorRules *
bm_advisor_rules_get_default (void)
{
  static const Rules *rules;

  if (g_once_init_enter (&rules))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      const Rules *loaded = NULL;

      /* Loaded once for the life of the process, with the built-in atlas */
      g_assert (bm_core_get_resource () != NULL);
      bytes = g_resources_lookup_data (RULES_RESOURCE, 0, &error);
      if (bytes != NULL)
        loaded = bm_advisor_rules_new_from_bytes (bytes, bm_atlas_get_default (), &error);
      if (loaded == NULL)
        g_error ("The built-in advisor rules are broken: %s", error->message);

      g_once_init_leave (&rules, loaded);
    }

  return rules;
}

int
bm_advisor_rules_find_technique (const Rules *rules,
                                 const char  *id)
{
  return find_technique (rules, id);
}
