/* test-advisor.c: the advisor's rules, scenario by scenario, the plan's
 * JSON against the contract, and the rules data file itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "bm-advisor.h"
#include "bm-atlas.h"
#include "bm-homecare.h"
#include "bm-intake-io.h"
#include "bm-therapist.h"

#define VISIT "2026-11-23"

static const char * const contract_techniques[] = {
  "deep-tissue", "trigger-point", "myofascial-release", "ashiatsu", "muscle-energy-technique",
  "assisted-stretching", "pre-event", "post-event-flush", "swedish", NULL
};
static const char * const deep_techniques[] = { "deep-tissue", "trigger-point", "ashiatsu", NULL };
static const int bookable[] = { 30, 45, 60, 75, 90, 120 };

/* Helpers */

static BmIntake *
new_intake (BmPhase       phase,
            BmPressure    pressure,
            BmHealthFlags health)
{
  BmIntake *intake = bm_intake_new ();

  bm_intake_set_client_name (intake, "Test Runner");
  bm_intake_set_visit_date (intake, VISIT);
  bm_intake_set_phase (intake, phase);
  bm_intake_set_pressure (intake, pressure);
  bm_intake_set_health (intake, health);
  return intake;
}

static void
mark (BmIntake   *intake,
      const char *region,
      BmSide      side,
      int         severity,
      BmSymptoms  symptoms)
{
  g_autoptr(BmMark) m = bm_mark_new (region, side, severity, symptoms, NULL);

  bm_intake_set_mark (intake, m, FALSE);
}

static char *
date_from_visit (int days)
{
  g_autoptr(GDateTime) visit = g_date_time_new_local (2026, 11, 23, 12, 0, 0);
  g_autoptr(GDateTime) date = g_date_time_add_days (visit, days);

  return g_date_time_format (date, "%Y-%m-%d");
}

static guint
count_items (const BmPlan *plan,
             const char   *region)
{
  guint n = 0;

  for (guint i = 0; i < plan->items->len; i++)
    n += g_str_equal (((BmPlanItem *) g_ptr_array_index (plan->items, i))->region, region);
  return n;
}

static gboolean
has_technique (const BmPlanItem *item,
               const char       *id)
{
  return g_strv_contains ((const char * const *) item->techniques, id);
}

static gboolean
has_deep (const BmPlanItem *item)
{
  for (guint i = 0; deep_techniques[i]; i++)
    if (has_technique (item, deep_techniques[i]))
      return TRUE;
  return FALSE;
}

static const BmPlanWarning *
find_warning (const BmPlan   *plan,
              BmWarningLevel  level,
              const char     *region,
              BmSide          side)
{
  for (guint i = 0; i < plan->warnings->len; i++)
    {
      const BmPlanWarning *w = g_ptr_array_index (plan->warnings, i);

      if (w->level == level && g_strcmp0 (w->region, region) == 0 && (region == NULL || w->side == side))
        return w;
    }
  return NULL;
}

static gboolean
has_level (const BmPlan   *plan,
           BmWarningLevel  level)
{
  for (guint i = 0; i < plan->warnings->len; i++)
    if (((const BmPlanWarning *) g_ptr_array_index (plan->warnings, i))->level == level)
      return TRUE;
  return FALSE;
}

static const BmPlanWarning *
find_warning_id (const BmPlan *plan,
                 const char   *id,
                 const char   *region,
                 BmSide        side)
{
  for (guint i = 0; i < plan->warnings->len; i++)
    {
      const BmPlanWarning *w = g_ptr_array_index (plan->warnings, i);

      if (g_strcmp0 (w->id, id) == 0 && g_strcmp0 (w->region, region) == 0 && (region == NULL || w->side == side))
        return w;
    }
  return NULL;
}

static guint
count_role (const BmPlan *plan,
            BmItemRole    role)
{
  guint n = 0;

  for (guint i = 0; i < plan->items->len; i++)
    n += ((BmPlanItem *) g_ptr_array_index (plan->items, i))->role == role;
  return n;
}

static const char *
find_home_care (const BmPlan *plan,
                const char   *region)
{
  for (guint i = 0; i < plan->home_care->len; i++)
    {
      const BmHomeCareItem *hc = g_ptr_array_index (plan->home_care, i);

      if (g_strcmp0 (hc->region, region) == 0)
        return hc->text;
    }
  return NULL;
}

static void
assert_keys (JsonObject         *obj,
             const char * const *contract,
             const char * const *extra)
{
  g_autoptr(GList) members = json_object_get_members (obj);
  GList *l = members;

  for (guint i = 0; contract[i]; i++, l = l->next)
    {
      g_assert_nonnull (l);
      g_assert_cmpstr (l->data, ==, contract[i]);
    }
  for (; l; l = l->next)
    g_assert_true (g_strv_contains (extra, l->data));
}

static void
assert_nullable_int (JsonObject *obj,
                     const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  g_assert_true (JSON_NODE_HOLDS_NULL (node) || json_node_get_value_type (node) == G_TYPE_INT64);
}

/* The plan JSON of docs/plan-format.md, key by key */
static void
assert_json_shape (const char *json)
{
  static const char * const top[] = { "format", "version", "client", "visit_date", "session_minutes",
                                      "items", "warnings", "timing", "next_visit_days", NULL };
  static const char * const top_extra[] = { "assessment_minutes", "session_set_by_therapist", "chosen_session_minutes", "therapist_notes",
                                            "postpone_advice", "free_minutes", "do_not_touch", "next_time",
                                            "race_visits", "next_visit_reason", "home_care", NULL };
  static const char * const item_keys[] = { "region", "side", "severity", "symptoms", "marked",
                                            "techniques", "minutes", "reason", NULL };
  static const char * const item_extra[] = { "therapist", "role", "supports", "left_out", "freed_minutes", NULL };
  static const char * const warning_keys[] = { "level", "region", "side", "message", NULL };
  static const char * const warning_extra[] = { "id", "acknowledged", "note", NULL };
  static const char * const timing_keys[] = { "days_to_race", "days_since_race", "advice", NULL };
  static const char * const none[] = { NULL };
  static const char * const levels[] = { "caution", "refer", "postpone", NULL };
  static const char * const sides[] = { "left", "right", "center", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *timing;
  JsonArray *items, *warnings;

  g_assert_true (g_str_has_suffix (json, "}\n"));
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  assert_keys (root, top, top_extra);
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "bodymap-plan");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_nonnull (json_object_get_string_member (root, "client"));
  g_assert_nonnull (json_object_get_string_member (root, "visit_date"));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (root, "session_minutes")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (root, "next_visit_days")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (root, "next_visit_days"), >, 0);

  items = json_object_get_array_member (root, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonArray *techniques = json_object_get_array_member (item, "techniques");
      JsonArray *symptoms = json_object_get_array_member (item, "symptoms");
      BmSymptoms symptom;

      assert_keys (item, item_keys, item_extra);
      g_assert_nonnull (bm_atlas_lookup (bm_atlas_get_default (), json_object_get_string_member (item, "region")));
      g_assert_true (g_strv_contains (sides, json_object_get_string_member (item, "side")));
      g_assert_cmpint (json_object_get_int_member (item, "severity"), >=, 0);
      g_assert_cmpint (json_object_get_int_member (item, "severity"), <=, 10);
      for (guint k = 0; k < json_array_get_length (symptoms); k++)
        g_assert_true (bm_symptom_from_id (json_array_get_string_element (symptoms, k), &symptom));
      g_assert_cmpint (json_node_get_value_type (json_object_get_member (item, "marked")), ==, G_TYPE_BOOLEAN);
      for (guint k = 0; k < json_array_get_length (techniques); k++)
        g_assert_true (g_strv_contains (contract_techniques, json_array_get_string_element (techniques, k)));
      g_assert_cmpint (json_object_get_int_member (item, "minutes"), >=, 0);
      g_assert_nonnull (json_object_get_string_member (item, "reason"));
      if (json_object_has_member (item, "therapist"))
        g_assert_true (json_object_get_boolean_member (item, "therapist"));
    }

  warnings = json_object_get_array_member (root, "warnings");
  for (guint i = 0; i < json_array_get_length (warnings); i++)
    {
      JsonObject *w = json_array_get_object_element (warnings, i);
      gboolean general = json_object_get_null_member (w, "region");

      assert_keys (w, warning_keys, warning_extra);
      g_assert_true (g_strv_contains (levels, json_object_get_string_member (w, "level")));
      g_assert_cmpint (general, ==, json_object_get_null_member (w, "side"));
      if (!general)
        g_assert_true (g_strv_contains (sides, json_object_get_string_member (w, "side")));
      g_assert_cmpstr (json_object_get_string_member (w, "message"), !=, "");
    }

  timing = json_object_get_object_member (root, "timing");
  assert_keys (timing, timing_keys, none);
  assert_nullable_int (timing, "days_to_race");
  assert_nullable_int (timing, "days_since_race");
  g_assert_cmpstr (json_object_get_string_member (timing, "advice"), !=, "");
}

/* Every plan: minutes fit a bookable session, head to toe, one item per
 * region and side, warnings most serious first, same JSON twice */
static BmPlan *
advise (BmIntake *intake)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  BmPlan *plan = bm_advise (intake);
  g_autoptr(BmPlan) again = bm_advise (intake);
  g_autoptr(BmPlan) copy = bm_plan_copy (plan);
  g_autofree char *json = bm_plan_to_json (plan);
  g_autofree char *json_again = bm_plan_to_json (again);
  g_autofree char *json_copy = bm_plan_to_json (copy);
  g_autofree char *text = bm_plan_to_text (plan);
  int sum = 0;
  guint last_order = 0;
  int last_level = 0;

  g_assert_cmpstr (json, ==, json_again);
  g_assert_cmpstr (json, ==, json_copy);
  assert_json_shape (json);
  g_assert_true (g_str_has_prefix (text, "Treatment plan for "));

  if (plan->session_minutes == 0)
    {
      /* Postponed: no minutes anywhere, and it says what to do instead */
      g_assert_true (has_level (plan, BM_WARNING_POSTPONE));
      g_assert_cmpint (plan->assessment_minutes, ==, 0);
      g_assert_nonnull (plan->postpone_advice);
      g_assert_cmpstr (plan->postpone_advice, !=, "");
      g_assert_null (strstr (plan->timing_advice, "today's work"));
      g_assert_null (strstr (plan->timing_advice, "only brisk"));
      g_assert_cmpuint (plan->next_time->len, ==, 0);
    }
  else
    {
      gboolean ok = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (bookable); i++)
        ok |= plan->session_minutes == bookable[i];
      g_assert_true (ok);
      g_assert_cmpint (plan->assessment_minutes, >, 0);
    }

  for (guint i = 0; i < plan->items->len; i++)
    {
      const BmPlanItem *item = g_ptr_array_index (plan->items, i);
      const BmRegion *region = bm_atlas_lookup (atlas, item->region);
      guint order;

      g_assert_nonnull (region);
      g_assert_true (bm_region_accepts_side (region, item->side));
      order = bm_region_get_index (region) * 3 + (item->side == BM_SIDE_RIGHT ? 1 : 0);
      if (i > 0)
        g_assert_cmpuint (order, >, last_order);
      last_order = order;
      g_assert_cmpint (item->minutes, >=, 0);
      if (item->techniques[0] == NULL || plan->session_minutes == 0 || item->left_out)
        {
          g_assert_cmpint (item->minutes, ==, 0);
          g_assert_true (item->techniques[0] == NULL || item->therapist);
        }
      if (item->role == BM_ITEM_SUPPORT)
        g_assert_nonnull (item->supports);
      /* A refer warning means not this area today, unless acknowledged */
      if (!item->therapist)
        for (guint k = 0; k < plan->warnings->len; k++)
          {
            const BmPlanWarning *w = g_ptr_array_index (plan->warnings, k);

            if (w->level != BM_WARNING_CAUTION && !w->acknowledged && w->region &&
                g_str_equal (w->region, item->region) && w->side == item->side)
              {
                g_assert_cmpint (item->minutes, ==, 0);
                g_assert_null (item->techniques[0]);
              }
          }
      g_assert_nonnull (item->reason);
      g_assert_cmpstr (item->reason, !=, "");
      sum += item->minutes;
    }
  g_assert_cmpint (sum + plan->assessment_minutes, <=, plan->session_minutes);
  g_assert_cmpint (plan->session_minutes - plan->assessment_minutes - sum, ==, bm_plan_get_free_minutes (plan));
  if (!plan->session_set_by_therapist)
    g_assert_cmpint (plan->session_minutes, <=, 90);
  /* The next visit never lands on race day */
  g_assert_cmpint (plan->next_visit_days, >, 0);
  g_assert_cmpint (plan->next_visit_days, !=, plan->days_to_race);
  /* No warning is said twice for one area */
  for (guint i = 0; i < plan->warnings->len; i++)
    for (guint k = i + 1; k < plan->warnings->len; k++)
      {
        const BmPlanWarning *a = g_ptr_array_index (plan->warnings, i);
        const BmPlanWarning *b = g_ptr_array_index (plan->warnings, k);

        g_assert_false (g_strcmp0 (a->id, b->id) == 0 && g_strcmp0 (a->region, b->region) == 0 &&
                        a->side == b->side);
      }
  /* Avoided areas are never worked */
  for (guint i = 0; plan->do_not_touch[i]; i++)
    for (guint k = 0; k < plan->items->len; k++)
      {
        const BmPlanItem *item = g_ptr_array_index (plan->items, k);

        if (g_str_equal (item->region, plan->do_not_touch[i]))
          g_assert_cmpint (item->minutes, ==, 0);
      }

  for (guint i = 0; i < plan->warnings->len; i++)
    {
      const BmPlanWarning *w = g_ptr_array_index (plan->warnings, i);
      int level = w->level == BM_WARNING_POSTPONE ? 0 : w->level == BM_WARNING_REFER ? 1 : 2;

      g_assert_cmpint (level, >=, last_level);
      last_level = level;
    }

  return plan;
}

/* Scenarios */

/* Jamie, from seed 000: first marathon, Achilles sensitivity and tight
 * calves; helped by deep tissue on the calves and stretching */
static void
test_jamie (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmPlan) plan = NULL;
  g_autofree char *race = date_from_visit (28);
  const BmPlanItem *calf, *achilles;

  bm_intake_set_next_race (intake, race, "marathon");
  mark (intake, "calf", BM_SIDE_LEFT, 5, BM_SYMPTOM_TIGHT);
  mark (intake, "calf", BM_SIDE_RIGHT, 5, BM_SYMPTOM_TIGHT);
  mark (intake, "achilles", BM_SIDE_LEFT, 4, BM_SYMPTOM_SORE);
  mark (intake, "achilles", BM_SIDE_RIGHT, 4, BM_SYMPTOM_SORE);
  plan = advise (intake);

  /* The calves are marked: not added again in support of the Achilles;
   * the soleus, the lower calf that also ends in the tendon, is */
  g_assert_cmpuint (count_role (plan, BM_ITEM_MARKED), ==, 4);
  g_assert_cmpuint (count_role (plan, BM_ITEM_SUPPORT), ==, 2);
  g_assert_cmpuint (count_items (plan, "calf"), ==, 2);
  g_assert_cmpstr (bm_plan_find_item (plan, "soleus", BM_SIDE_LEFT)->supports, ==, "achilles");
  g_assert_cmpstr (bm_plan_find_item (plan, "soleus", BM_SIDE_RIGHT)->supports, ==, "achilles");
  calf = bm_plan_find_item (plan, "calf", BM_SIDE_LEFT);
  g_assert_true (calf->marked);
  g_assert_cmpstr (calf->techniques[0], ==, "deep-tissue");
  g_assert_true (has_technique (calf, "assisted-stretching"));
  g_assert_false (has_technique (calf, "ashiatsu"));
  g_assert_cmpint (calf->minutes, >=, 10);

  achilles = bm_plan_find_item (plan, "achilles", BM_SIDE_RIGHT);
  g_assert_false (has_deep (achilles));
  g_assert_true (has_technique (achilles, "assisted-stretching"));

  /* A hard training block: 90 minutes, the spare time on the usual chain */
  g_assert_cmpint (plan->session_minutes, ==, 90);
  g_assert_cmpuint (count_role (plan, BM_ITEM_MAINTENANCE), >, 0);
  g_assert_cmpint (plan->days_to_race, ==, 28);
  g_assert_cmpint (plan->days_since_race, ==, -1);
  g_assert_cmpint (plan->next_visit_days, ==, 7);
  g_assert_cmpuint (plan->warnings->len, ==, 0);
  g_assert_nonnull (strstr (calf->reason, "tightness"));
}

/* The fixture used by the command line tests */
static void
test_jamie_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "jamie.bodymap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = bm_intake_load_file (file, &error);
  g_autoptr(BmPlan) plan = NULL;

  g_assert_no_error (error);
  plan = advise (intake);

  g_assert_cmpstr (plan->client, ==, "Jamie Rivers");
  g_assert_cmpstr (plan->visit_date, ==, "2026-11-23");
  g_assert_cmpint (plan->days_to_race, ==, 13);
  g_assert_nonnull (find_warning (plan, BM_WARNING_CAUTION, NULL, 0));          /* blood thinners */
  g_assert_nonnull (find_warning (plan, BM_WARNING_REFER, "it-band", BM_SIDE_LEFT));
  g_assert_nonnull (find_warning (plan, BM_WARNING_REFER, "shin", BM_SIDE_LEFT));
  g_assert_nonnull (find_warning (plan, BM_WARNING_REFER, "plantar-fascia", BM_SIDE_RIGHT));
  /* The avoided foot is not marked: listed once, no caution line */
  g_assert_null (find_warning (plan, BM_WARNING_CAUTION, "foot", BM_SIDE_LEFT));
  g_assert_cmpstrv (plan->do_not_touch, ((const char * const[]) { "foot", NULL }));
  g_assert_cmpuint (count_items (plan, "foot"), ==, 0);
  /* The areas to be seen first get no time at all, and no two-hour
   * booking */
  g_assert_cmpint (bm_plan_find_item (plan, "it-band", BM_SIDE_LEFT)->minutes, ==, 0);
  g_assert_cmpint (bm_plan_find_item (plan, "plantar-fascia", BM_SIDE_RIGHT)->minutes, ==, 0);
  g_assert_cmpint (bm_plan_find_item (plan, "shin", BM_SIDE_LEFT)->minutes, ==, 0);
  g_assert_cmpint (plan->session_minutes, ==, 90);
  for (guint i = 0; i < plan->items->len; i++)
    {
      const BmPlanItem *item = g_ptr_array_index (plan->items, i);

      g_assert_false (has_technique (item, "deep-tissue"));
      g_assert_false (has_technique (item, "ashiatsu"));
    }
  /* The IT band is to be seen first: no TFL work in its support either */
  g_assert_null (bm_plan_find_item (plan, "tfl", BM_SIDE_LEFT));
  g_assert_true (bm_plan_find_item (plan, "glutes", BM_SIDE_LEFT)->marked);
  g_assert_cmpint (bm_plan_find_item (plan, "glutes", BM_SIDE_LEFT)->role, ==, BM_ITEM_MARKED);
  g_assert_false (has_deep (bm_plan_find_item (plan, "it-band", BM_SIDE_LEFT)));
  g_assert_false (has_deep (bm_plan_find_item (plan, "plantar-fascia", BM_SIDE_RIGHT)));
}

/* Outer knee pain in a runner is the IT band syndrome pattern: the knee
 * itself gets only gentle work, the band and the hip muscles that pull
 * on it are worked in its support; the bony point of the hip likewise */
static void
test_outer_knee (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmPlan) plan = NULL;
  const BmPlanItem *knee, *band, *gmed, *trochanter;

  mark (intake, "outer-knee", BM_SIDE_LEFT, 5, BM_SYMPTOM_SORE);
  mark (intake, "greater-trochanter", BM_SIDE_RIGHT, 4, BM_SYMPTOM_SORE);
  plan = advise (intake);

  knee = bm_plan_find_item (plan, "outer-knee", BM_SIDE_LEFT);
  g_assert_nonnull (knee);
  g_assert_true (knee->marked);
  g_assert_false (has_deep (knee));
  band = bm_plan_find_item (plan, "it-band", BM_SIDE_LEFT);
  g_assert_nonnull (band);
  g_assert_cmpint (band->role, ==, BM_ITEM_SUPPORT);
  g_assert_cmpstr (band->supports, ==, "outer-knee");
  g_assert_nonnull (strstr (band->reason, "IT band"));
  gmed = bm_plan_find_item (plan, "glute-medius", BM_SIDE_LEFT);
  g_assert_nonnull (gmed);
  g_assert_cmpint (gmed->role, ==, BM_ITEM_SUPPORT);
  /* The other side is not touched by it */
  g_assert_null (bm_plan_find_item (plan, "it-band", BM_SIDE_RIGHT));

  trochanter = bm_plan_find_item (plan, "greater-trochanter", BM_SIDE_RIGHT);
  g_assert_nonnull (trochanter);
  g_assert_false (has_deep (trochanter));
  g_assert_cmpint (bm_plan_find_item (plan, "glute-medius", BM_SIDE_RIGHT)->role, ==, BM_ITEM_SUPPORT);
  g_assert_nonnull (find_home_care (plan, "outer-knee"));
  g_assert_nonnull (find_home_care (plan, "greater-trochanter"));
}

static void
test_it_band (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmPlan) plan = NULL;
  const BmPlanItem *tfl, *glutes, *band;

  mark (intake, "it-band", BM_SIDE_RIGHT, 5, BM_SYMPTOM_TIGHT | BM_SYMPTOM_SORE);
  plan = advise (intake);

  g_assert_cmpuint (count_role (plan, BM_ITEM_MARKED) + count_role (plan, BM_ITEM_SUPPORT), ==, 3);
  tfl = bm_plan_find_item (plan, "tfl", BM_SIDE_RIGHT);
  glutes = bm_plan_find_item (plan, "glutes", BM_SIDE_RIGHT);
  band = bm_plan_find_item (plan, "it-band", BM_SIDE_RIGHT);
  g_assert_cmpint (tfl->role, ==, BM_ITEM_SUPPORT);
  g_assert_cmpint (glutes->role, ==, BM_ITEM_SUPPORT);
  g_assert_cmpstr (glutes->supports, ==, "it-band");
  g_assert_false (tfl->marked);
  g_assert_false (glutes->marked);
  g_assert_cmpint (tfl->severity, ==, 0);
  g_assert_true (band->marked);
  g_assert_cmpstr (tfl->techniques[0], ==, "trigger-point");
  g_assert_nonnull (strstr (glutes->reason, "IT band"));
  g_assert_cmpint (plan->next_visit_days, ==, 21);
  /* A focused session for a runner is at least an hour; the spare
   * minutes are general maintenance */
  g_assert_cmpint (plan->session_minutes, ==, 60);
  g_assert_cmpuint (count_role (plan, BM_ITEM_MAINTENANCE), >, 0);
  /* The band itself is not stretched (its own home care says so) */
  g_assert_false (has_technique (band, "assisted-stretching"));
}

static void
test_race_in_two_days (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_DEEP, 0);
  g_autoptr(BmPlan) plan = NULL;
  g_autofree char *race = date_from_visit (2);

  bm_intake_set_next_race (intake, race, "10K");
  mark (intake, "quadriceps", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT | BM_SYMPTOM_KNOT);
  mark (intake, "calf", BM_SIDE_RIGHT, 8, BM_SYMPTOM_TIGHT);
  mark (intake, "it-band", BM_SIDE_LEFT, 4, BM_SYMPTOM_TIGHT);
  plan = advise (intake);

  g_assert_cmpint (plan->days_to_race, ==, 2);
  g_assert_cmpint (plan->session_minutes, <=, 45);
  for (guint i = 0; i < plan->items->len; i++)
    {
      const BmPlanItem *item = g_ptr_array_index (plan->items, i);

      g_assert_cmpstrv (item->techniques, ((const char * const[]) { "pre-event", NULL }));
      g_assert_cmpint (item->minutes, <=, 5);
      g_assert_nonnull (strstr (item->reason, "race"));
    }
  g_assert_nonnull (strstr (plan->timing_advice, "pre-event"));
}

static void
test_race_yesterday (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmPlan) plan = NULL;
  g_autofree char *race = date_from_visit (-1);

  bm_intake_set_last_race (intake, race, "marathon");
  mark (intake, "hamstrings", BM_SIDE_LEFT, 7, BM_SYMPTOM_SORE | BM_SYMPTOM_TIGHT);
  mark (intake, "calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_KNOT);
  plan = advise (intake);

  g_assert_cmpint (plan->days_since_race, ==, 1);
  g_assert_cmpint (plan->days_to_race, ==, -1);
  g_assert_cmpint (plan->session_minutes, <=, 60);
  for (guint i = 0; i < plan->items->len; i++)
    g_assert_cmpstrv (((BmPlanItem *) g_ptr_array_index (plan->items, i))->techniques,
                      ((const char * const[]) { "post-event-flush", NULL }));
  g_assert_nonnull (strstr (plan->timing_advice, "gentle"));
}

static void
test_race_three_days_ago (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmPlan) plan = NULL;
  g_autofree char *race = date_from_visit (-3);

  bm_intake_set_last_race (intake, race, "half marathon");
  mark (intake, "quadriceps", BM_SIDE_RIGHT, 5, BM_SYMPTOM_TIGHT);
  mark (intake, "glutes", BM_SIDE_RIGHT, 5, BM_SYMPTOM_KNOT);
  plan = advise (intake);

  g_assert_cmpint (plan->days_since_race, ==, 3);
  g_assert_cmpstr (bm_plan_find_item (plan, "quadriceps", BM_SIDE_RIGHT)->techniques[0], ==, "deep-tissue");
  g_assert_cmpstr (bm_plan_find_item (plan, "glutes", BM_SIDE_RIGHT)->techniques[0], ==, "trigger-point");
  g_assert_nonnull (strstr (plan->timing_advice, "possible again"));
}

static void
test_race_in_four_days (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_DEEP, 0);
  g_autoptr(BmPlan) plan = NULL;
  g_autofree char *race = date_from_visit (4);
  const BmPlanItem *quads;

  bm_intake_set_next_race (intake, race, "marathon");
  mark (intake, "quadriceps", BM_SIDE_LEFT, 5, BM_SYMPTOM_TIGHT);
  plan = advise (intake);

  quads = bm_plan_find_item (plan, "quadriceps", BM_SIDE_LEFT);
  g_assert_false (has_technique (quads, "ashiatsu"));
  g_assert_cmpstr (quads->techniques[0], !=, "deep-tissue");
  g_assert_nonnull (strstr (quads->reason, "race"));
}

static void
test_possible_clot (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_DEEP, 0);
  g_autoptr(BmPlan) plan = NULL;
  const BmPlanItem *calf, *hamstrings, *achilles;

  mark (intake, "calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_SORE | BM_SYMPTOM_SWOLLEN);
  mark (intake, "hamstrings", BM_SIDE_LEFT, 5, BM_SYMPTOM_TIGHT);
  mark (intake, "achilles", BM_SIDE_LEFT, 3, BM_SYMPTOM_SORE);
  mark (intake, "hamstrings", BM_SIDE_RIGHT, 5, BM_SYMPTOM_TIGHT);
  plan = advise (intake);

  /* No massage today at all, not gentle work on the rest of the leg */
  g_assert_nonnull (find_warning (plan, BM_WARNING_POSTPONE, "calf", BM_SIDE_LEFT));
  g_assert_cmpstr (find_warning (plan, BM_WARNING_POSTPONE, "calf", BM_SIDE_LEFT)->id, ==, "possible-clot");
  g_assert_nonnull (strstr (find_warning (plan, BM_WARNING_POSTPONE, "calf", BM_SIDE_LEFT)->message, "doctor today"));
  g_assert_null (find_warning (plan, BM_WARNING_CAUTION, "calf", BM_SIDE_LEFT));
  g_assert_cmpint (plan->session_minutes, ==, 0);
  calf = bm_plan_find_item (plan, "calf", BM_SIDE_LEFT);
  g_assert_null (calf->techniques[0]);
  hamstrings = bm_plan_find_item (plan, "hamstrings", BM_SIDE_LEFT);
  g_assert_null (hamstrings->techniques[0]);
  g_assert_cmpint (hamstrings->minutes, ==, 0);
  achilles = bm_plan_find_item (plan, "achilles", BM_SIDE_LEFT);
  g_assert_cmpint (achilles->minutes, ==, 0);
  g_assert_null (bm_plan_find_item (plan, "hamstrings", BM_SIDE_RIGHT)->techniques[0]);
  g_assert_nonnull (strstr (plan->postpone_advice, "doctor"));
  g_assert_cmpuint (count_items (plan, "calf"), ==, 1);
}

static void
test_tingling_foot (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmPlan) plan = NULL;
  const BmPlanItem *sole, *calf;

  mark (intake, "plantar-fascia", BM_SIDE_RIGHT, 4, BM_SYMPTOM_TINGLING | BM_SYMPTOM_KNOT);
  mark (intake, "foot", BM_SIDE_LEFT, 2, BM_SYMPTOM_TINGLING);
  plan = advise (intake);

  g_assert_nonnull (find_warning (plan, BM_WARNING_REFER, "plantar-fascia", BM_SIDE_RIGHT));
  g_assert_nonnull (find_warning (plan, BM_WARNING_REFER, "foot", BM_SIDE_LEFT));
  /* Refer first means not this area today */
  sole = bm_plan_find_item (plan, "plantar-fascia", BM_SIDE_RIGHT);
  g_assert_null (sole->techniques[0]);
  g_assert_cmpint (sole->minutes, ==, 0);
  g_assert_nonnull (strstr (sole->reason, "tingling"));
  g_assert_null (bm_plan_find_item (plan, "foot", BM_SIDE_LEFT)->techniques[0]);
  /* Nor is the calf worked in its support, where the nerve runs */
  calf = bm_plan_find_item (plan, "calf", BM_SIDE_RIGHT);
  g_assert_true (calf == NULL || calf->role == BM_ITEM_MAINTENANCE);
  g_assert_null (find_home_care (plan, "plantar-fascia") == NULL ? NULL
                 : strstr (find_home_care (plan, "plantar-fascia"), "Roll"));
}

static void
test_deep_pressure_big_muscles (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_DEEP, 0);
  g_autoptr(BmPlan) plan = NULL;
  const char *big[] = { "quadriceps", "hamstrings", "glutes" };

  for (guint i = 0; i < G_N_ELEMENTS (big); i++)
    {
      mark (intake, big[i], BM_SIDE_LEFT, 3, BM_SYMPTOM_TIGHT);
      mark (intake, big[i], BM_SIDE_RIGHT, 3, BM_SYMPTOM_TIGHT);
    }
  mark (intake, "calf", BM_SIDE_LEFT, 3, BM_SYMPTOM_TIGHT);
  mark (intake, "shin", BM_SIDE_LEFT, 3, BM_SYMPTOM_TIGHT);
  mark (intake, "lower-back", BM_SIDE_LEFT, 3, BM_SYMPTOM_TIGHT);
  plan = advise (intake);

  for (guint i = 0; i < G_N_ELEMENTS (big); i++)
    {
      g_assert_true (has_technique (bm_plan_find_item (plan, big[i], BM_SIDE_LEFT), "ashiatsu"));
      g_assert_true (has_technique (bm_plan_find_item (plan, big[i], BM_SIDE_RIGHT), "ashiatsu"));
    }
  g_assert_true (has_technique (bm_plan_find_item (plan, "lower-back", BM_SIDE_LEFT), "ashiatsu"));
  g_assert_false (has_technique (bm_plan_find_item (plan, "calf", BM_SIDE_LEFT), "ashiatsu"));
  /* No deep pressure on the shin bone */
  g_assert_false (has_deep (bm_plan_find_item (plan, "shin", BM_SIDE_LEFT)));
}

static void
test_light_pressure (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_LIGHT, 0);
  g_autoptr(BmPlan) plan = NULL;
  const BmPlanItem *quads, *glutes;

  mark (intake, "quadriceps", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT);
  mark (intake, "glutes", BM_SIDE_LEFT, 6, BM_SYMPTOM_KNOT);
  plan = advise (intake);

  quads = bm_plan_find_item (plan, "quadriceps", BM_SIDE_LEFT);
  glutes = bm_plan_find_item (plan, "glutes", BM_SIDE_LEFT);
  g_assert_false (has_technique (quads, "ashiatsu"));
  g_assert_false (has_technique (glutes, "ashiatsu"));
  g_assert_cmpstr (quads->techniques[0], !=, "deep-tissue");
  g_assert_cmpstr (glutes->techniques[0], !=, "deep-tissue");
  g_assert_nonnull (strstr (quads->reason, "light pressure"));
  /* A knot still gets held pressure, dosed to a light touch */
  g_assert_cmpstr (glutes->techniques[0], ==, "trigger-point");
}

static void
test_fever (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_FIRM, BM_HEALTH_FEVER | BM_HEALTH_BLOOD_THINNERS);
  g_autoptr(BmPlan) plan = NULL;
  g_autoptr(JsonObject) therapist = json_object_new ();
  g_autofree char *text = NULL;
  const BmPlanWarning *first;

  json_object_set_int_member (therapist, "session_minutes", 60);
  bm_intake_set_therapist (intake, therapist);
  mark (intake, "it-band", BM_SIDE_LEFT, 5, BM_SYMPTOM_TIGHT);
  mark (intake, "calf", BM_SIDE_RIGHT, 5, BM_SYMPTOM_TIGHT);
  plan = advise (intake);

  g_assert_cmpint (plan->session_minutes, ==, 0);
  g_assert_false (plan->session_set_by_therapist);
  first = g_ptr_array_index (plan->warnings, 0);
  g_assert_cmpint (first->level, ==, BM_WARNING_POSTPONE);
  g_assert_null (first->region);
  /* Marked regions stay listed, with nothing to do; no supporting items */
  g_assert_cmpuint (plan->items->len, ==, 2);
  for (guint i = 0; i < plan->items->len; i++)
    {
      const BmPlanItem *item = g_ptr_array_index (plan->items, i);

      g_assert_null (item->techniques[0]);
      g_assert_cmpint (item->minutes, ==, 0);
      g_assert_true (item->marked);
    }
  g_assert_cmpint (plan->next_visit_days, ==, 7);
  text = bm_plan_to_text (plan);
  g_assert_nonnull (strstr (text, "No massage today"));
}

static void
test_blood_thinners (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_DEEP, BM_HEALTH_BLOOD_THINNERS);
  g_autoptr(BmPlan) plan = NULL;
  const BmPlanItem *quads;
  const BmPlanWarning *w;

  mark (intake, "quadriceps", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT);
  mark (intake, "calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT | BM_SYMPTOM_KNOT);
  plan = advise (intake);

  w = find_warning (plan, BM_WARNING_CAUTION, NULL, 0);
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "lighter pressure"));
  g_assert_null (find_warning (plan, BM_WARNING_REFER, NULL, 0));
  for (guint i = 0; i < plan->items->len; i++)
    {
      const BmPlanItem *item = g_ptr_array_index (plan->items, i);

      g_assert_false (has_technique (item, "ashiatsu"));
      g_assert_false (has_technique (item, "deep-tissue"));
      g_assert_nonnull (item->techniques[0]);
    }
  quads = bm_plan_find_item (plan, "quadriceps", BM_SIDE_LEFT);
  g_assert_nonnull (strstr (quads->reason, "blood thinners"));
}

static void
test_other_health (void)
{
  BmHealthFlags flags[] = { BM_HEALTH_OSTEOPOROSIS, BM_HEALTH_PREGNANCY, BM_HEALTH_RECENT_INJURY,
                            BM_HEALTH_RECENT_SURGERY, BM_HEALTH_CLOTS_OR_VARICOSE_VEINS,
                            BM_HEALTH_SKIN_CONDITION };

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_DEEP, flags[i]);
      g_autoptr(BmPlan) plan = NULL;
      const BmPlanItem *quads;

      mark (intake, "quadriceps", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT);
      mark (intake, "abdomen", BM_SIDE_CENTER, 3, BM_SYMPTOM_TIGHT);
      plan = advise (intake);
      quads = bm_plan_find_item (plan, "quadriceps", BM_SIDE_LEFT);
      g_assert_cmpuint (plan->warnings->len, >=, 1);
      g_assert_cmpint (plan->session_minutes, >, 0);

      switch ((int) flags[i])
        {
        case BM_HEALTH_RECENT_INJURY:
        case BM_HEALTH_RECENT_SURGERY:
          g_assert_nonnull (find_warning (plan, BM_WARNING_REFER, NULL, 0));
          g_assert_false (has_deep (quads));
          break;
        case BM_HEALTH_SKIN_CONDITION:
          g_assert_true (has_technique (quads, "ashiatsu"));
          break;
        case BM_HEALTH_PREGNANCY:
          g_assert_null (bm_plan_find_item (plan, "abdomen", BM_SIDE_CENTER)->techniques[0]);
          G_GNUC_FALLTHROUGH;
        default:
          g_assert_nonnull (find_warning (plan, BM_WARNING_CAUTION, NULL, 0));
          g_assert_false (has_technique (quads, "ashiatsu"));
          g_assert_false (has_technique (quads, "deep-tissue"));
        }
    }
}

static void
test_empty_map (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_MEDIUM, 0);
  g_autoptr(BmPlan) plan = advise (intake);
  g_autoptr(BmPlan) avoiding = NULL;

  g_assert_cmpuint (plan->items->len, ==, 8);
  g_assert_cmpint (plan->session_minutes, ==, 60);
  g_assert_cmpuint (plan->warnings->len, ==, 0);
  for (guint i = 0; i < plan->items->len; i++)
    {
      const BmPlanItem *item = g_ptr_array_index (plan->items, i);

      /* Each reason makes sense on its own */
      g_assert_false (item->marked);
      g_assert_cmpint (item->role, ==, BM_ITEM_MAINTENANCE);
      g_assert_nonnull (item->techniques[0]);
      g_assert_true (g_str_has_prefix (item->reason, "General maintenance"));
    }
  g_assert_nonnull (bm_plan_find_item (plan, "calf", BM_SIDE_RIGHT));

  bm_intake_set_avoided (intake, "calf", TRUE);
  avoiding = advise (intake);
  g_assert_cmpuint (count_items (avoiding, "calf"), ==, 0);
  g_assert_cmpint (avoiding->session_minutes, ==, 60);
}

static void
test_avoided (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmPlan) plan = NULL;
  const BmPlanItem *calf;

  bm_intake_set_avoided (intake, "calf", TRUE);
  bm_intake_set_avoided (intake, "neck", TRUE);
  mark (intake, "calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT);
  mark (intake, "achilles", BM_SIDE_RIGHT, 4, BM_SYMPTOM_SORE);
  mark (intake, "hamstrings", BM_SIDE_RIGHT, 4, BM_SYMPTOM_TIGHT);
  plan = advise (intake);

  calf = bm_plan_find_item (plan, "calf", BM_SIDE_LEFT);
  g_assert_null (calf->techniques[0]);
  g_assert_cmpint (calf->minutes, ==, 0);
  g_assert_nonnull (strstr (calf->reason, "not to be touched"));
  /* No calf work in support of the Achilles either */
  g_assert_null (bm_plan_find_item (plan, "calf", BM_SIDE_RIGHT));
  /* A caution only where the avoided area is also marked; the others are
   * listed once among the facts */
  g_assert_nonnull (find_warning (plan, BM_WARNING_CAUTION, "calf", BM_SIDE_LEFT));
  g_assert_null (find_warning (plan, BM_WARNING_CAUTION, "calf", BM_SIDE_RIGHT));
  g_assert_null (find_warning (plan, BM_WARNING_CAUTION, "neck", BM_SIDE_CENTER));
  g_assert_cmpstrv (plan->do_not_touch, ((const char * const[]) { "neck", NULL }));
  g_assert_nonnull (bm_plan_find_item (plan, "hamstrings", BM_SIDE_RIGHT)->techniques[0]);
}

/* A client who avoids one part of a foot (the heel) gets no support or
 * maintenance work on its other parts (the sole, the top, the forefoot)
 * on either foot; what they marked themselves is still worked */
static void
test_avoided_whole_foot (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmPlan) before = NULL;
  g_autoptr(BmPlan) plan = NULL;

  mark (intake, "forefoot", BM_SIDE_LEFT, 4, BM_SYMPTOM_SORE);
  before = advise (intake);
  g_assert_cmpstr (bm_plan_find_item (before, "plantar-fascia", BM_SIDE_LEFT)->supports, ==, "forefoot");
  g_assert_cmpuint (count_items (before, "plantar-fascia"), ==, 2);

  bm_intake_set_avoided (intake, "heel", TRUE);
  plan = advise (intake);
  g_assert_cmpuint (count_items (plan, "plantar-fascia"), ==, 0);
  g_assert_cmpuint (count_items (plan, "heel"), ==, 0);
  g_assert_cmpuint (count_items (plan, "foot"), ==, 0);
  g_assert_nonnull (bm_plan_find_item (plan, "forefoot", BM_SIDE_LEFT)->techniques[0]);
  g_assert_nonnull (bm_plan_find_item (plan, "calf", BM_SIDE_LEFT)->techniques[0]);
  g_assert_cmpstrv (plan->do_not_touch, ((const char * const[]) { "heel", NULL }));
}

static void
test_therapist (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmPlan) plan = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  const BmPlanItem *calf, *back, *glutes;

  mark (intake, "neck", BM_SIDE_CENTER, 2, BM_SYMPTOM_TIGHT);
  mark (intake, "calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT);
  mark (intake, "it-band", BM_SIDE_LEFT, 4, BM_SYMPTOM_TIGHT);
  json_parser_load_from_data (parser,
    "{ \"session_minutes\": 90, \"notes\": \"Check the left calf again next week.\","
    "  \"items\": ["
    "    { \"region\": \"calf\", \"side\": \"left\", \"techniques\": [\"trigger-point\", \"no-such\", \"trigger-point\"], \"minutes\": 25 },"
    "    { \"region\": \"upper-back\", \"side\": \"right\", \"minutes\": 10, \"reason\": \"Desk work.\" },"
    "    { \"region\": \"glutes\", \"side\": \"left\", \"reason\": \"Start here.\" },"
    "    { \"region\": \"nowhere\", \"side\": \"left\" }, 42, { \"region\": \"calf\", \"side\": \"center\" }"
    "  ],"
    "  \"removed\": [ { \"region\": \"neck\" }, { \"region\": \"tfl\", \"side\": \"left\" } ] }", -1, &error);
  g_assert_no_error (error);
  bm_intake_set_therapist (intake, json_node_get_object (json_parser_get_root (parser)));
  plan = advise (intake);

  g_assert_cmpint (plan->session_minutes, ==, 90);
  g_assert_true (plan->session_set_by_therapist);
  g_assert_cmpstr (plan->therapist_notes, ==, "Check the left calf again next week.");
  /* What the therapist leaves out stays visible, with the minutes it frees */
  g_assert_true (bm_plan_find_item (plan, "neck", BM_SIDE_CENTER)->left_out);
  g_assert_cmpint (bm_plan_find_item (plan, "neck", BM_SIDE_CENTER)->severity, ==, 2);
  g_assert_cmpint (bm_plan_find_item (plan, "neck", BM_SIDE_CENTER)->freed_minutes, ==, 8);
  g_assert_cmpint (bm_plan_find_item (plan, "neck", BM_SIDE_CENTER)->minutes, ==, 0);
  g_assert_true (bm_plan_find_item (plan, "tfl", BM_SIDE_LEFT)->left_out);

  calf = bm_plan_find_item (plan, "calf", BM_SIDE_LEFT);
  g_assert_true (calf->therapist);
  g_assert_true (calf->marked);
  g_assert_cmpstrv (calf->techniques, ((const char * const[]) { "trigger-point", NULL }));
  g_assert_cmpint (calf->minutes, ==, 25);

  back = bm_plan_find_item (plan, "upper-back", BM_SIDE_RIGHT);
  g_assert_true (back->therapist);
  g_assert_false (back->marked);
  g_assert_nonnull (back->techniques[0]);
  g_assert_cmpint (back->minutes, ==, 10);
  g_assert_cmpstr (back->reason, ==, "Desk work.");

  glutes = bm_plan_find_item (plan, "glutes", BM_SIDE_LEFT);
  g_assert_true (glutes->therapist);
  g_assert_cmpstr (glutes->reason, ==, "Start here.");
  g_assert_false (bm_plan_find_item (plan, "it-band", BM_SIDE_LEFT)->therapist);

  json = bm_plan_to_json (plan);
  g_assert_nonnull (strstr (json, "\"therapist\": true"));
  g_assert_nonnull (strstr (json, "\"session_set_by_therapist\": true"));
  g_assert_nonnull (strstr (json, "\"therapist_notes\": \"Check the left calf again next week.\""));
  text = bm_plan_to_text (plan);
  g_assert_nonnull (strstr (text, "Adjusted by your therapist"));
  g_assert_nonnull (strstr (text, "Check the left calf again next week."));
}

/* A session the therapist set too short: the items shrink to fit */
static void
test_therapist_short (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmPlan) plan = NULL;
  g_autoptr(JsonObject) therapist = json_object_new ();

  json_object_set_int_member (therapist, "session_minutes", 40);
  bm_intake_set_therapist (intake, therapist);
  mark (intake, "calf", BM_SIDE_LEFT, 9, BM_SYMPTOM_TIGHT);
  mark (intake, "calf", BM_SIDE_RIGHT, 9, BM_SYMPTOM_TIGHT);
  mark (intake, "hamstrings", BM_SIDE_RIGHT, 9, BM_SYMPTOM_TIGHT);
  plan = advise (intake);

  g_assert_cmpint (plan->session_minutes, ==, 45);
  g_assert_nonnull (find_warning (plan, BM_WARNING_CAUTION, NULL, 0));
}

/* Whatever the therapist object holds, no crash and a valid plan */
static void
test_therapist_garbage (void)
{
  const char *cases[] = {
    "{}",
    "{ \"session_minutes\": \"long\", \"notes\": 3, \"items\": {}, \"removed\": \"all\" }",
    "{ \"session_minutes\": -5, \"items\": [ null, [], { \"region\": 1 }, { \"region\": \"calf\" } ] }",
    "{ \"session_minutes\": 1e300, \"items\": [ { \"region\": \"calf\", \"side\": \"left\", \"minutes\": -7, \"techniques\": [1, null] } ] }",
    "{ \"session_minutes\": 500, \"items\": [ { \"region\": \"neck\", \"side\": \"left\" }, { \"region\": \"shin\", \"side\": \"right\", \"minutes\": 1000 } ] }",
    "{ \"removed\": [ { \"region\": \"calf\" } ], \"items\": [ { \"region\": \"calf\", \"side\": \"right\" } ] }",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BmIntake) intake = new_intake (BM_PHASE_REHAB, BM_PRESSURE_MEDIUM, 0);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(BmPlan) plan = NULL;

      mark (intake, "calf", BM_SIDE_LEFT, 5, BM_SYMPTOM_TIGHT);
      mark (intake, "calf", BM_SIDE_RIGHT, 5, BM_SYMPTOM_TIGHT);
      json_parser_load_from_data (parser, cases[i], -1, &error);
      g_assert_no_error (error);
      bm_intake_set_therapist (intake, json_node_get_object (json_parser_get_root (parser)));
      plan = advise (intake);
      g_assert_cmpint (plan->next_visit_days, ==, 14);
    }
}

static BmIntake *
everything_marked (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  BmIntake *intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_DEEP, 0);

  for (guint i = 0; i < bm_atlas_get_n_regions (atlas); i++)
    {
      const BmRegion *region = bm_atlas_get_region (atlas, i);

      if (bm_region_is_paired (region))
        {
          mark (intake, bm_region_get_id (region), BM_SIDE_LEFT, 10, BM_SYMPTOM_TIGHT | BM_SYMPTOM_KNOT);
          mark (intake, bm_region_get_id (region), BM_SIDE_RIGHT, 10, BM_SYMPTOM_SORE);
        }
      else
        mark (intake, bm_region_get_id (region), BM_SIDE_CENTER, 10, BM_SYMPTOM_TIGHT);
    }
  return intake;
}

static void
test_overflow (void)
{
  g_autoptr(BmIntake) intake = everything_marked ();
  g_autoptr(BmPlan) plan = advise (intake);
  g_autofree char *race = date_from_visit (1);
  g_autoptr(BmPlan) pre_event = NULL;

  /* No two-hour booking: the areas that matter most today, the rest
   * next time */
  g_assert_cmpint (plan->session_minutes, ==, 90);
  g_assert_nonnull (find_warning_id (plan, "next-time", NULL, 0));
  g_assert_cmpuint (plan->next_time->len, >, 0);
  for (guint i = 0; i < plan->next_time->len; i++)
    {
      const BmPlanItem *later = g_ptr_array_index (plan->next_time, i);

      g_assert_null (bm_plan_find_item (plan, later->region, later->side));
      g_assert_true (later->marked);
    }

  /* Pre-event sessions stay short even with everything marked */
  bm_intake_set_next_race (intake, race, "5K");
  pre_event = advise (intake);
  g_assert_cmpint (pre_event->session_minutes, ==, 45);
  g_assert_nonnull (find_warning_id (pre_event, "next-time", NULL, 0));
}

/* The order the marks were made in does not matter */
static void
test_mark_order (void)
{
  g_autoptr(BmIntake) a = new_intake (BM_PHASE_PEAK, BM_PRESSURE_FIRM, BM_HEALTH_OSTEOPOROSIS);
  g_autoptr(BmIntake) b = new_intake (BM_PHASE_PEAK, BM_PRESSURE_FIRM, BM_HEALTH_OSTEOPOROSIS);
  g_autoptr(BmPlan) plan_a = NULL;
  g_autoptr(BmPlan) plan_b = NULL;
  g_autofree char *json_a = NULL;
  g_autofree char *json_b = NULL;

  mark (a, "achilles", BM_SIDE_LEFT, 4, BM_SYMPTOM_SORE | BM_SYMPTOM_SWOLLEN);
  mark (a, "plantar-fascia", BM_SIDE_LEFT, 8, BM_SYMPTOM_SHARP);
  mark (a, "shin", BM_SIDE_LEFT, 3, BM_SYMPTOM_TINGLING);
  mark (a, "neck", BM_SIDE_CENTER, 2, 0);
  mark (b, "neck", BM_SIDE_CENTER, 2, 0);
  mark (b, "shin", BM_SIDE_LEFT, 3, BM_SYMPTOM_TINGLING);
  mark (b, "plantar-fascia", BM_SIDE_LEFT, 8, BM_SYMPTOM_SHARP);
  mark (b, "achilles", BM_SIDE_LEFT, 4, BM_SYMPTOM_SORE | BM_SYMPTOM_SWOLLEN);
  plan_a = advise (a);
  plan_b = advise (b);
  json_a = bm_plan_to_json (plan_a);
  json_b = bm_plan_to_json (plan_b);
  g_assert_cmpstr (json_a, ==, json_b);
  g_assert_cmpint (bm_plan_find_item (plan_a, "calf", BM_SIDE_LEFT)->role, ==, BM_ITEM_SUPPORT);
}


/* Safety rules of issue 11, each as a client would mark the map */

static BmPlan *
advise_with_therapist (BmIntake   *intake,
                       const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  bm_intake_set_therapist (intake, json_node_get_object (json_parser_get_root (parser)));
  return advise (intake);
}

static void
assert_postponed (const BmPlan *plan)
{
  g_assert_cmpint (plan->session_minutes, ==, 0);
  for (guint i = 0; i < plan->items->len; i++)
    g_assert_cmpint (((BmPlanItem *) g_ptr_array_index (plan->items, i))->minutes, ==, 0);
  g_assert_nonnull (plan->postpone_advice);
}

/* 1, 15: a swollen painful calf, calf pain with swelling lower in the same
 * leg, or calf pain with surgery, pregnancy or a clot history */
static void
test_safety_clot_patterns (void)
{
  struct { BmHealthFlags health; gboolean swollen_ankle; gboolean other_side; gboolean postponed; } cases[] = {
    { 0, TRUE, FALSE, TRUE },
    { 0, TRUE, TRUE, FALSE },
    { BM_HEALTH_RECENT_SURGERY, FALSE, FALSE, TRUE },
    { BM_HEALTH_PREGNANCY, FALSE, FALSE, TRUE },
    { BM_HEALTH_CLOTS_OR_VARICOSE_VEINS, FALSE, FALSE, TRUE },
    { BM_HEALTH_BLOOD_THINNERS, FALSE, FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_FIRM, cases[i].health);
      g_autoptr(BmPlan) plan = NULL;

      mark (intake, "calf", BM_SIDE_RIGHT, 4, BM_SYMPTOM_SORE);
      mark (intake, "hamstrings", BM_SIDE_RIGHT, 4, BM_SYMPTOM_TIGHT);
      if (cases[i].swollen_ankle)
        mark (intake, "ankle", cases[i].other_side ? BM_SIDE_LEFT : BM_SIDE_RIGHT, 3, BM_SYMPTOM_SWOLLEN);
      plan = advise (intake);
      if (cases[i].postponed)
        {
          const BmPlanWarning *w = find_warning_id (plan, "possible-clot", "calf", BM_SIDE_RIGHT);

          g_assert_nonnull (w);
          g_assert_cmpint (w->level, ==, BM_WARNING_POSTPONE);
          g_assert_nonnull (strstr (w->message, "doctor today"));
          assert_postponed (plan);
        }
      else
        {
          g_assert_null (find_warning_id (plan, "possible-clot", "calf", BM_SIDE_RIGHT));
          g_assert_cmpint (plan->session_minutes, >, 0);
        }
    }
}

/* 2, 19: any postpone: no minutes, no advice about a session today, what
 * to do instead; fever with a race tomorrow speaks of racing with fever */
static void
test_safety_postpone (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_FIRM, BM_HEALTH_FEVER);
  g_autoptr(BmPlan) plan = NULL;
  g_autoptr(BmPlan) racing = NULL;
  g_autofree char *far = date_from_visit (4);
  g_autofree char *tomorrow = date_from_visit (1);
  g_autofree char *text = NULL;

  bm_intake_set_next_race (intake, far, "marathon");
  mark (intake, "calf", BM_SIDE_LEFT, 5, BM_SYMPTOM_TIGHT);
  plan = advise (intake);
  assert_postponed (plan);
  g_assert_null (strstr (plan->timing_advice, "today's work"));
  g_assert_nonnull (strstr (plan->postpone_advice, "well"));
  g_assert_cmpuint (plan->home_care->len, >, 0);
  for (guint i = 0; i < plan->home_care->len; i++)
    {
      const BmHomeCareItem *hc = g_ptr_array_index (plan->home_care, i);

      g_assert_null (hc->region);
      g_assert_null (strstr (hc->text, "after a massage"));
    }
  text = bm_plan_to_text (plan);
  g_assert_nonnull (strstr (text, "No massage today"));
  g_assert_null (strstr (text, "Session: 0"));

  bm_intake_set_next_race (intake, tomorrow, "10K");
  racing = advise (intake);
  assert_postponed (racing);
  g_assert_nonnull (strstr (racing->timing_advice, "fever"));
  g_assert_nonnull (strstr (racing->postpone_advice, "Racing with a fever"));
  g_assert_null (strstr (racing->timing_advice, "pre-event"));
  /* Not rebooked onto race day */
  g_assert_cmpint (racing->next_visit_days, !=, racing->days_to_race);
}

static void
assert_no_deep_anywhere (const BmPlan *plan)
{
  for (guint i = 0; i < plan->items->len; i++)
    g_assert_false (has_deep (g_ptr_array_index (plan->items, i)));
}

/* 3: race timing decides the techniques, and the reasons say why */
static void
test_safety_race_techniques (void)
{
  for (int days = 0; days <= 5; days++)
    {
      g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_DEEP, 0);
      g_autoptr(BmPlan) plan = NULL;
      g_autofree char *race = date_from_visit (days);

      bm_intake_set_next_race (intake, race, "marathon");
      mark (intake, "quadriceps", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT | BM_SYMPTOM_KNOT);
      mark (intake, "glutes", BM_SIDE_LEFT, 6, BM_SYMPTOM_KNOT);
      mark (intake, "calf", BM_SIDE_RIGHT, 6, BM_SYMPTOM_TIGHT);
      mark (intake, "hamstrings", BM_SIDE_RIGHT, 6, BM_SYMPTOM_TIGHT);
      plan = advise (intake);
      assert_no_deep_anywhere (plan);
      g_assert_nonnull (strstr (bm_plan_find_item (plan, "quadriceps", BM_SIDE_LEFT)->reason, "race"));
    }
  for (int days = 0; days <= 1; days++)
    {
      g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_DEEP, 0);
      g_autoptr(BmPlan) plan = NULL;
      g_autofree char *race = date_from_visit (-days);

      bm_intake_set_last_race (intake, race, "marathon");
      mark (intake, "quadriceps", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT | BM_SYMPTOM_KNOT);
      plan = advise (intake);
      for (guint i = 0; i < plan->items->len; i++)
        g_assert_cmpstrv (((BmPlanItem *) g_ptr_array_index (plan->items, i))->techniques,
                          ((const char * const[]) { "post-event-flush", NULL }));
    }
}

/* 4, 12: an area with a refer warning is not worked, not stretched at
 * home, and what supports it keeps its limits (not added at all) */
static void
test_safety_refer_not_today (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmPlan) plan = NULL;
  const BmPlanItem *shin;
  int most = 0;

  mark (intake, "shin", BM_SIDE_RIGHT, 6, BM_SYMPTOM_TINGLING);
  mark (intake, "hamstrings", BM_SIDE_LEFT, 3, BM_SYMPTOM_TIGHT);
  plan = advise (intake);
  shin = bm_plan_find_item (plan, "shin", BM_SIDE_RIGHT);
  g_assert_null (shin->techniques[0]);
  g_assert_cmpint (shin->minutes, ==, 0);
  g_assert_nonnull (strstr (shin->reason, "Not worked"));
  /* No deep tissue on the calf and peroneals, where the nerve runs */
  g_assert_null (bm_plan_find_item (plan, "peroneals", BM_SIDE_RIGHT));
  g_assert_true (bm_plan_find_item (plan, "calf", BM_SIDE_RIGHT) == NULL ||
                 bm_plan_find_item (plan, "calf", BM_SIDE_RIGHT)->role == BM_ITEM_MAINTENANCE);
  for (guint i = 0; i < plan->items->len; i++)
    most = MAX (most, ((BmPlanItem *) g_ptr_array_index (plan->items, i))->minutes);
  g_assert_cmpint (most, >, shin->minutes);
  g_assert_null (strstr (find_home_care (plan, "shin"), "stretch your"));
  g_assert_nonnull (strstr (find_home_care (plan, "shin"), "Do not stretch"));
}

/* 13: a suspected tear: not worked, stretched or flushed; home care
 * protects it */
static void
test_safety_tear (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_MEDIUM, 0);
  g_autoptr(BmPlan) plan = NULL;
  g_autofree char *race = date_from_visit (-1);
  const BmPlanItem *hamstring;

  bm_intake_set_last_race (intake, race, "10K");
  mark (intake, "hamstrings", BM_SIDE_LEFT, 8, BM_SYMPTOM_SHARP | BM_SYMPTOM_SWOLLEN);
  plan = advise (intake);
  hamstring = bm_plan_find_item (plan, "hamstrings", BM_SIDE_LEFT);
  g_assert_nonnull (find_warning_id (plan, "possible-tear", "hamstrings", BM_SIDE_LEFT));
  g_assert_null (hamstring->techniques[0]);
  g_assert_nonnull (strstr (find_home_care (plan, "hamstrings"), "Protect it"));
}

/* 14: recent injury and recent surgery gate the session */
static void
test_safety_injury_surgery (void)
{
  g_autoptr(BmIntake) injured = new_intake (BM_PHASE_PEAK, BM_PRESSURE_FIRM, BM_HEALTH_RECENT_INJURY);
  g_autoptr(BmIntake) operated = new_intake (BM_PHASE_PEAK, BM_PRESSURE_FIRM, BM_HEALTH_RECENT_SURGERY);
  g_autoptr(BmPlan) plan = NULL;
  g_autoptr(BmPlan) after_surgery = NULL;

  mark (injured, "hamstrings", BM_SIDE_RIGHT, 6, BM_SYMPTOM_SHARP);
  mark (injured, "upper-back", BM_SIDE_LEFT, 3, BM_SYMPTOM_TIGHT);
  plan = advise (injured);
  g_assert_null (bm_plan_find_item (plan, "hamstrings", BM_SIDE_RIGHT)->techniques[0]);
  g_assert_false (has_technique (bm_plan_find_item (plan, "hamstrings", BM_SIDE_RIGHT), "assisted-stretching"));
  g_assert_nonnull (bm_plan_find_item (plan, "upper-back", BM_SIDE_LEFT)->techniques[0]);
  assert_no_deep_anywhere (plan);

  mark (operated, "knee", BM_SIDE_LEFT, 5, BM_SYMPTOM_SORE);
  mark (operated, "neck", BM_SIDE_CENTER, 3, BM_SYMPTOM_TIGHT);
  after_surgery = advise (operated);
  g_assert_cmpint (bm_plan_find_item (after_surgery, "knee", BM_SIDE_LEFT)->minutes, ==, 0);
  /* No leg work at all until the surgeon clears it */
  for (guint i = 0; i < after_surgery->items->len; i++)
    {
      const BmPlanItem *item = g_ptr_array_index (after_surgery->items, i);

      if (g_strv_contains ((const char * const[]) { "quadriceps", "hamstrings", "calf", "tfl", "plantar-fascia",
                                                    "glutes", NULL }, item->region))
        g_assert_true (item->minutes == 0 || g_str_equal (item->region, "glutes"));
    }
  g_assert_null (bm_plan_find_item (after_surgery, "quadriceps", BM_SIDE_LEFT));
}

/* 15: possible stress fracture and nerve root */
static void
test_safety_bone_and_nerve_root (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmIntake) easy = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmIntake) back = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmPlan) plan = NULL;
  g_autoptr(BmPlan) easy_plan = NULL;
  g_autoptr(BmPlan) back_plan = NULL;
  const BmPlanWarning *w;

  mark (intake, "shin", BM_SIDE_LEFT, 5, BM_SYMPTOM_SHARP);
  plan = advise (intake);
  w = find_warning_id (plan, "stress-fracture", "shin", BM_SIDE_LEFT);
  g_assert_nonnull (w);
  g_assert_cmpint (w->level, ==, BM_WARNING_REFER);
  g_assert_nonnull (strstr (w->message, "Stop running"));
  g_assert_null (bm_plan_find_item (plan, "shin", BM_SIDE_LEFT)->techniques[0]);
  g_assert_nonnull (strstr (find_home_care (plan, "shin"), "Stop running"));

  /* Light training and strong bones: sharp but not a stress fracture */
  mark (easy, "shin", BM_SIDE_LEFT, 5, BM_SYMPTOM_SHARP);
  bm_intake_set_weekly_km (easy, 20);
  easy_plan = advise (easy);
  g_assert_null (find_warning_id (easy_plan, "stress-fracture", "shin", BM_SIDE_LEFT));
  bm_intake_set_weekly_km (easy, 80);
  g_clear_pointer (&easy_plan, bm_plan_free);
  easy_plan = advise (easy);
  g_assert_nonnull (find_warning_id (easy_plan, "stress-fracture", "shin", BM_SIDE_LEFT));

  mark (back, "lower-back", BM_SIDE_RIGHT, 5, BM_SYMPTOM_SORE);
  mark (back, "hamstrings", BM_SIDE_RIGHT, 3, BM_SYMPTOM_TINGLING);
  back_plan = advise (back);
  w = find_warning_id (back_plan, "nerve-root", "lower-back", BM_SIDE_RIGHT);
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "passing water"));
  g_assert_nonnull (strstr (w->message, "weak leg"));
  g_assert_cmpint (bm_plan_find_item (back_plan, "lower-back", BM_SIDE_RIGHT)->minutes, ==, 0);
}

/* 16: trigger point is deep work; soreness and severity put gentle work
 * first whatever the pressure; danger zones get no deep work */
static void
test_safety_deep_work (void)
{
  BmHealthFlags flags[] = { BM_HEALTH_BLOOD_THINNERS, BM_HEALTH_OSTEOPOROSIS, BM_HEALTH_PREGNANCY };
  g_autoptr(BmIntake) sore = new_intake (BM_PHASE_PEAK, BM_PRESSURE_DEEP, 0);
  g_autoptr(BmIntake) zones = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_DEEP, 0);
  g_autoptr(BmPlan) plan = NULL;
  g_autofree char *race = date_from_visit (-2);

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_FIRM, flags[i]);
      g_autoptr(BmPlan) knots = NULL;

      mark (intake, "glutes", BM_SIDE_LEFT, 5, BM_SYMPTOM_KNOT);
      mark (intake, "piriformis", BM_SIDE_LEFT, 5, BM_SYMPTOM_KNOT);
      knots = advise (intake);
      assert_no_deep_anywhere (knots);
    }

  /* Two days after a marathon, deep pressure asked, at peak soreness */
  bm_intake_set_last_race (sore, race, "marathon");
  mark (sore, "quadriceps", BM_SIDE_LEFT, 8, BM_SYMPTOM_SORE | BM_SYMPTOM_TIGHT);
  mark (sore, "hamstrings", BM_SIDE_RIGHT, 5, BM_SYMPTOM_SORE);
  plan = advise (sore);
  g_assert_false (g_strv_contains (deep_techniques, bm_plan_find_item (plan, "quadriceps", BM_SIDE_LEFT)->techniques[0]));
  g_assert_false (g_strv_contains (deep_techniques, bm_plan_find_item (plan, "hamstrings", BM_SIDE_RIGHT)->techniques[0]));
  g_assert_false (has_technique (bm_plan_find_item (plan, "quadriceps", BM_SIDE_LEFT), "ashiatsu"));

  mark (zones, "neck", BM_SIDE_CENTER, 5, BM_SYMPTOM_KNOT | BM_SYMPTOM_TIGHT);
  mark (zones, "hip-flexors", BM_SIDE_LEFT, 5, BM_SYMPTOM_KNOT | BM_SYMPTOM_TIGHT);
  mark (zones, "adductors", BM_SIDE_LEFT, 5, BM_SYMPTOM_KNOT | BM_SYMPTOM_TIGHT);
  g_clear_pointer (&plan, bm_plan_free);
  plan = advise (zones);
  g_assert_false (has_deep (bm_plan_find_item (plan, "neck", BM_SIDE_CENTER)));
  g_assert_false (has_deep (bm_plan_find_item (plan, "hip-flexors", BM_SIDE_LEFT)));
  g_assert_false (has_deep (bm_plan_find_item (plan, "adductors", BM_SIDE_LEFT)));
}

/* 17: young and older clients */
static void
test_safety_age (void)
{
  struct { int birth; gboolean limited; } cases[] = {
    { 2012, TRUE }, { 2010, TRUE }, { 2009, FALSE }, { 1980, FALSE }, { 1956, FALSE }, { 1955, TRUE }, { 1940, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_DEEP, 0);
      g_autoptr(BmPlan) plan = NULL;
      const BmPlanItem *quads;

      bm_intake_set_birth_year (intake, cases[i].birth);
      mark (intake, "quadriceps", BM_SIDE_LEFT, 5, BM_SYMPTOM_TIGHT);
      mark (intake, "knee", BM_SIDE_RIGHT, 4, BM_SYMPTOM_SORE);
      plan = advise (intake);
      quads = bm_plan_find_item (plan, "quadriceps", BM_SIDE_LEFT);
      g_assert_cmpint (has_technique (quads, "ashiatsu"), ==, !cases[i].limited);
      /* A child's sore knee prompts the growth-plate question */
      g_assert_cmpint (find_warning_id (plan, "growth-plate", "knee", BM_SIDE_RIGHT) != NULL, ==,
                       cases[i].birth >= 2010);
    }
}

/* 18: home care fits the situation */
static void
test_safety_home_care (void)
{
  g_autoptr(BmIntake) fragile = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_MEDIUM, BM_HEALTH_OSTEOPOROSIS);
  g_autoptr(BmIntake) pregnant = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_MEDIUM, BM_HEALTH_PREGNANCY);
  g_autoptr(BmIntake) racing = new_intake (BM_PHASE_PEAK, BM_PRESSURE_MEDIUM, 0);
  g_autofree char *race = date_from_visit (1);
  const char *regions[] = { "lower-back", "upper-back", "glutes", "hamstrings", "piriformis" };
  g_autoptr(BmPlan) plan = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    {
      mark (fragile, regions[i], BM_SIDE_LEFT, 3, BM_SYMPTOM_TIGHT);
      mark (pregnant, regions[i], BM_SIDE_LEFT, 3, BM_SYMPTOM_TIGHT);
    }
  plan = advise (fragile);
  for (guint i = 0; i < plan->home_care->len; i++)
    {
      const char *text = ((BmHomeCareItem *) g_ptr_array_index (plan->home_care, i))->text;

      g_assert_null (strstr (text, "hug"));
      g_assert_null (strstr (text, "Hug"));
      g_assert_null (strstr (text, "round your"));
    }
  g_clear_pointer (&plan, bm_plan_free);
  plan = advise (pregnant);
  for (guint i = 0; i < plan->home_care->len; i++)
    g_assert_null (strstr (((BmHomeCareItem *) g_ptr_array_index (plan->home_care, i))->text, "on your back"));

  bm_intake_set_next_race (racing, race, "half marathon");
  mark (racing, "calf", BM_SIDE_LEFT, 4, BM_SYMPTOM_TIGHT);
  g_clear_pointer (&plan, bm_plan_free);
  plan = advise (racing);
  for (guint i = 0; i < plan->home_care->len; i++)
    {
      const BmHomeCareItem *hc = g_ptr_array_index (plan->home_care, i);

      g_assert_null (hc->region);
      g_assert_null (strstr (hc->text, "day or two"));
    }
}

/* 19: one timing message when the windows overlap: the race just run wins */
static void
test_safety_one_timing (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmPlan) plan = NULL;
  g_autofree char *last = date_from_visit (-1);
  g_autofree char *next = date_from_visit (2);

  bm_intake_set_last_race (intake, last, "10K");
  bm_intake_set_next_race (intake, next, "10K");
  mark (intake, "calf", BM_SIDE_LEFT, 4, BM_SYMPTOM_TIGHT);
  plan = advise (intake);
  g_assert_nonnull (strstr (plan->timing_advice, "raced"));
  g_assert_null (strstr (plan->timing_advice, "pre-event"));
  g_assert_cmpstrv (bm_plan_find_item (plan, "calf", BM_SIDE_LEFT)->techniques,
                    ((const char * const[]) { "post-event-flush", NULL }));
}

/* 20: the next visit never lands on race day; visits around the race
 * scale with the distance; maintenance runners still get one after a
 * marathon */
static void
test_safety_next_visit (void)
{
  for (int days = 0; days <= 30; days++)
    for (BmPhase phase = BM_PHASE_MAINTENANCE; phase <= BM_PHASE_TAPER; phase++)
      {
        g_autoptr(BmIntake) intake = new_intake (phase, BM_PRESSURE_FIRM, 0);
        g_autoptr(BmPlan) plan = NULL;
        g_autofree char *race = date_from_visit (days);

        bm_intake_set_next_race (intake, race, "marathon");
        plan = advise (intake);
        g_assert_cmpint (plan->next_visit_days, !=, days);
        g_assert_false (plan->next_visit_days > days - 3 && plan->next_visit_days < days + 2);
        g_assert_cmpint (plan->visit_after_race, >=, days + 2);
        g_assert_cmpint (plan->visit_after_race, <=, days + 5);
        if (plan->visit_before_race > 0)
          {
            g_assert_cmpint (days - plan->visit_before_race, >=, 3);
            g_assert_cmpint (days - plan->visit_before_race, <=, 5);
          }
      }

  {
    g_autoptr(BmIntake) runner = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_FIRM, 0);
    g_autoptr(BmPlan) marathon = NULL;
    g_autoptr(BmPlan) five_k = NULL;
    g_autofree char *race = date_from_visit (10);

    bm_intake_set_next_race (runner, race, "Marathon");
    marathon = advise (runner);
    bm_intake_set_next_race (runner, race, "5 km");
    five_k = advise (runner);
    /* Not three weeks away when a marathon falls in between */
    g_assert_cmpint (marathon->next_visit_days, <, 21);
    g_assert_cmpint (marathon->visit_after_race - 10, >, five_k->visit_after_race - 10);
    g_assert_cmpint (10 - marathon->visit_before_race, >, 10 - five_k->visit_before_race);
  }
}

/* 21: regions whose right work sits elsewhere */
static void
test_safety_work_elsewhere (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmPlan) plan = NULL;
  const BmPlanItem *shin, *soleus, *calf;

  mark (intake, "knee", BM_SIDE_LEFT, 5, BM_SYMPTOM_SORE);
  mark (intake, "shin", BM_SIDE_RIGHT, 6, BM_SYMPTOM_SORE);
  plan = advise (intake);
  g_assert_cmpint (bm_plan_find_item (plan, "quadriceps", BM_SIDE_LEFT)->role, ==, BM_ITEM_SUPPORT);
  g_assert_cmpint (bm_plan_find_item (plan, "tfl", BM_SIDE_LEFT)->role, ==, BM_ITEM_SUPPORT);
  g_assert_cmpint (bm_plan_find_item (plan, "glutes", BM_SIDE_LEFT)->role, ==, BM_ITEM_SUPPORT);
  /* Shin splints: the soleus (with the tibialis posterior under it) takes
   * the shin's minutes, the upper calf a short block; not the peroneals
   * nor the front of the shin, and no minutes on the bone */
  g_assert_null (bm_plan_find_item (plan, "peroneals", BM_SIDE_RIGHT));
  g_assert_null (bm_plan_find_item (plan, "tibialis-anterior", BM_SIDE_RIGHT));
  shin = bm_plan_find_item (plan, "shin", BM_SIDE_RIGHT);
  soleus = bm_plan_find_item (plan, "soleus", BM_SIDE_RIGHT);
  calf = bm_plan_find_item (plan, "calf", BM_SIDE_RIGHT);
  g_assert_cmpint (shin->minutes, ==, 0);
  g_assert_cmpint (soleus->role, ==, BM_ITEM_SUPPORT);
  g_assert_cmpstr (soleus->supports, ==, "shin");
  g_assert_cmpint (soleus->minutes, ==, 12);
  g_assert_true (has_technique (soleus, "deep-tissue"));
  g_assert_nonnull (strstr (soleus->reason, "soleus"));
  g_assert_cmpint (calf->role, ==, BM_ITEM_SUPPORT);
  g_assert_cmpstr (calf->supports, ==, "shin");
  g_assert_cmpint (calf->minutes, ==, 8);
  g_assert_nonnull (strstr (shin->reason, "bone"));
}

/* 5: session length follows the seeds */
static void
test_safety_session_length (void)
{
  g_autoptr(BmIntake) one = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmIntake) small = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmIntake) several = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmPlan) plan = NULL;

  mark (one, "calf", BM_SIDE_LEFT, 5, BM_SYMPTOM_TIGHT);
  plan = advise (one);
  g_assert_cmpint (plan->session_minutes, ==, 60);
  g_assert_cmpuint (count_role (plan, BM_ITEM_MAINTENANCE), >, 0);
  g_assert_cmpint (bm_plan_find_item (plan, "calf", BM_SIDE_LEFT)->minutes, >=,
                   ((BmPlanItem *) g_ptr_array_index (plan->items, 0))->minutes);

  mark (small, "neck", BM_SIDE_CENTER, 3, BM_SYMPTOM_TIGHT);
  g_clear_pointer (&plan, bm_plan_free);
  plan = advise (small);
  g_assert_cmpint (plan->session_minutes, ==, 30);

  mark (several, "calf", BM_SIDE_LEFT, 5, BM_SYMPTOM_TIGHT);
  mark (several, "hamstrings", BM_SIDE_LEFT, 5, BM_SYMPTOM_TIGHT);
  mark (several, "glutes", BM_SIDE_RIGHT, 5, BM_SYMPTOM_KNOT);
  g_clear_pointer (&plan, bm_plan_free);
  plan = advise (several);
  g_assert_cmpint (plan->session_minutes, ==, 90);
}

/* 8: what the therapist leaves out stays, its minutes free */
static void
test_safety_left_out (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmPlan) before = NULL;
  g_autoptr(BmPlan) plan = NULL;
  const BmPlanItem *calf;

  mark (intake, "calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT);
  mark (intake, "hamstrings", BM_SIDE_LEFT, 4, BM_SYMPTOM_TIGHT);
  before = advise (intake);
  plan = advise_with_therapist (intake, "{ \"removed\": [ { \"region\": \"calf\", \"side\": \"left\" } ] }");
  calf = bm_plan_find_item (plan, "calf", BM_SIDE_LEFT);
  g_assert_true (calf->left_out);
  g_assert_cmpint (calf->severity, ==, 6);
  g_assert_cmpint (calf->freed_minutes, ==, 12);
  g_assert_cmpint (plan->session_minutes, ==, before->session_minutes);
  g_assert_cmpint (bm_plan_get_free_minutes (plan), ==, bm_plan_get_free_minutes (before) + 12);
  g_assert_cmpint (bm_plan_find_item (plan, "hamstrings", BM_SIDE_LEFT)->minutes, ==,
                   bm_plan_find_item (before, "hamstrings", BM_SIDE_LEFT)->minutes);
}

/* 9: an acknowledged warning lifts its limits and says so */
static void
test_safety_acknowledged (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmPlan) plan = NULL;
  g_autoptr(BmPlan) cleared = NULL;
  g_autofree char *json = NULL;
  const BmPlanWarning *w;

  mark (intake, "hamstrings", BM_SIDE_LEFT, 8, BM_SYMPTOM_SHARP);
  plan = advise (intake);
  g_assert_cmpint (bm_plan_find_item (plan, "hamstrings", BM_SIDE_LEFT)->minutes, ==, 0);

  bm_therapist_acknowledge_warning (intake, "possible-tear", "hamstrings", BM_SIDE_LEFT,
                                    "cleared by physio on 28 Nov");
  g_assert_cmpstr (bm_therapist_get_acknowledgement (intake, "possible-tear", "hamstrings", BM_SIDE_LEFT), ==,
                   "cleared by physio on 28 Nov");
  cleared = advise (intake);
  w = find_warning_id (cleared, "possible-tear", "hamstrings", BM_SIDE_LEFT);
  g_assert_true (w->acknowledged);
  g_assert_cmpstr (w->note, ==, "cleared by physio on 28 Nov");
  g_assert_cmpint (bm_plan_find_item (cleared, "hamstrings", BM_SIDE_LEFT)->minutes, >, 0);
  json = bm_plan_to_json (cleared);
  g_assert_nonnull (strstr (json, "\"note\": \"cleared by physio on 28 Nov\""));

  bm_therapist_acknowledge_warning (intake, "possible-tear", "hamstrings", BM_SIDE_LEFT, NULL);
  g_assert_null (bm_therapist_get_acknowledgement (intake, "possible-tear", "hamstrings", BM_SIDE_LEFT));
}

/* 10: the same warning for twenty areas is one line */
static void
test_safety_grouped (void)
{
  g_autoptr(BmIntake) intake = everything_marked ();
  g_autoptr(BmPlan) plan = NULL;
  g_autoptr(GPtrArray) groups = NULL;

  for (guint i = 0; i < bm_atlas_get_n_regions (bm_atlas_get_default ()); i++)
    {
      const BmRegion *region = bm_atlas_get_region (bm_atlas_get_default (), i);

      mark (intake, bm_region_get_id (region), bm_region_is_paired (region) ? BM_SIDE_LEFT : BM_SIDE_CENTER,
            4, BM_SYMPTOM_TINGLING);
    }
  plan = advise (intake);
  groups = bm_plan_group_warnings (plan);
  for (guint i = 0; i < groups->len; i++)
    for (guint k = i + 1; k < groups->len; k++)
      {
        const BmWarningGroup *a = g_ptr_array_index (groups, i);
        const BmWarningGroup *b = g_ptr_array_index (groups, k);

        g_assert_false (a->level == b->level && g_strcmp0 (a->message, b->message) == 0);
      }
  g_assert_cmpuint (groups->len, <, 8);
}

static void
test_catalogue (void)
{
  const char * const *ids = bm_technique_list_ids ();

  for (guint i = 0; contract_techniques[i]; i++)
    {
      g_assert_true (g_strv_contains (ids, contract_techniques[i]));
      g_assert_cmpstr (bm_technique_get_name (contract_techniques[i]), !=, "");
      g_assert_null (strchr (bm_technique_get_description (contract_techniques[i]), '\n'));
    }
  g_assert_cmpstr (bm_technique_get_name ("ashiatsu"), ==, "Ashiatsu");
  g_assert_null (bm_technique_get_name ("no-such-technique"));
  g_assert_null (bm_technique_get_description (NULL));
}

static void
test_json_escaping (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmPlan) plan = NULL;
  g_autofree char *json = NULL;

  bm_intake_set_client_name (intake, "Zoë \"Z\" O'Neil\\\t\x01");
  plan = advise (intake);
  json = bm_plan_to_json (plan);
  g_assert_nonnull (strstr (json, "\"client\": \"Zoë \\\"Z\\\" O'Neil\\\\\\t\\u0001\""));
}

/* The rules data file, checked on its own terms */

static JsonObject *
load_rules (JsonParser *parser)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  (void) bm_technique_list_ids (); /* links the core resources in */
  bytes = g_resources_lookup_data ("/io/github/bodymap/BodyMap/rules/advisor.json", 0, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}


/* The engine on rule sets of its own: the built-in rules, changed */
static BmAdvisorRules *
fixture_rules (void (*change) (JsonObject *root),
               GError   **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GBytes) bytes = NULL;
  JsonObject *root = load_rules (parser);
  char *data;
  gsize len;

  change (root);
  json_generator_set_root (generator, json_parser_get_root (parser));
  data = json_generator_to_data (generator, &len);
  bytes = g_bytes_new_take (data, len);
  return bm_advisor_rules_new_from_bytes (bytes, bm_atlas_get_default (), error);
}

static void
no_mark_rules_longer_blocks (JsonObject *root)
{
  JsonArray *severity = json_object_get_array_member (root, "severity");

  json_object_set_array_member (root, "mark_rules", json_array_new ());
  json_object_set_int_member (json_array_get_object_element (severity, 2), "minutes", 20);
}

static void
unknown_region (JsonObject *root)
{
  JsonObject *first = json_array_get_object_element (json_object_get_array_member (root, "supports"), 0);

  json_object_set_string_member (first, "from", "tail");
}

static void
no_session (JsonObject *root)
{
  json_object_remove_member (root, "session");
}

static void
three_phases (JsonObject *root)
{
  json_array_remove_element (json_object_get_array_member (root, "phases"), 3);
}

static void
test_rules_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BmAdvisorRules) rules = fixture_rules (no_mark_rules_longer_blocks, &error);
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_MEDIUM, 0);
  g_autoptr(BmPlan) plan = NULL;
  g_autoptr(BmPlan) builtin = NULL;
  const BmPlanItem *calf;

  g_assert_no_error (error);
  mark (intake, "calf", BM_SIDE_LEFT, 5, BM_SYMPTOM_TINGLING);
  plan = bm_advisor_advise (rules, bm_atlas_get_default (), intake);
  calf = bm_plan_find_item (plan, "calf", BM_SIDE_LEFT);
  /* Without the nerve rule the calf is worked, for the longer block */
  g_assert_cmpuint (plan->warnings->len, ==, 0);
  g_assert_nonnull (calf->techniques[0]);
  g_assert_cmpint (calf->minutes, ==, 20);
  /* The built-in rules are untouched */
  builtin = bm_advise (intake);
  g_assert_null (bm_plan_find_item (builtin, "calf", BM_SIDE_LEFT)->techniques[0]);
}

static void
test_rules_broken (void)
{
  void (*changes[]) (JsonObject *) = { unknown_region, no_session, three_phases };

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BmAdvisorRules) rules = fixture_rules (changes[i], &error);

      g_assert_null (rules);
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
assert_text (JsonObject *obj,
             const char *name)
{
  const char *text = json_object_get_string_member (obj, name);
  g_autofree char *lower = NULL;

  g_assert_nonnull (text);
  g_assert_cmpuint (strlen (text), >, 5);
  g_assert_null (strchr (text, '\n'));
  g_assert_null (strchr (text, '%'));
  lower = g_ascii_strdown (text, -1);
  /* The app makes no claim that massage flushes toxins or lactic acid */
  g_assert_null (strstr (lower, "toxin"));
  g_assert_null (strstr (lower, "lactic"));
}

static void
assert_technique (GHashTable *techniques,
                  const char *id)
{
  if (!g_hash_table_contains (techniques, id))
    g_error ("unknown technique %s", id);
}

static void
assert_technique_list (GHashTable *techniques,
                       JsonObject *obj,
                       const char *name)
{
  JsonArray *array;

  if (!json_object_has_member (obj, name))
    return;
  array = json_object_get_array_member (obj, name);
  for (guint i = 0; i < json_array_get_length (array); i++)
    assert_technique (techniques, json_array_get_string_element (array, i));
}

static void
assert_bonus (GHashTable *techniques,
              JsonObject *obj)
{
  JsonObject *bonus;
  g_autoptr(GList) members = NULL;

  if (!json_object_has_member (obj, "bonus"))
    return;
  bonus = json_object_get_object_member (obj, "bonus");
  members = json_object_get_members (bonus);
  for (GList *l = members; l; l = l->next)
    {
      assert_technique (techniques, l->data);
      g_assert_cmpint (json_object_get_int_member (bonus, l->data), >=, -20);
      g_assert_cmpint (json_object_get_int_member (bonus, l->data), <=, 20);
    }
}

static void
assert_region_list (JsonObject *obj,
                    const char *name)
{
  JsonArray *array;

  if (!json_object_has_member (obj, name))
    return;
  array = json_object_get_array_member (obj, name);
  g_assert_cmpuint (json_array_get_length (array), >, 0);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!bm_atlas_lookup (bm_atlas_get_default (), json_array_get_string_element (array, i)))
      g_error ("%s: unknown region %s", name, json_array_get_string_element (array, i));
}

static gboolean
array_contains (JsonArray  *array,
                const char *id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), id) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_bookable (gint64 minutes)
{
  for (guint i = 0; i < G_N_ELEMENTS (bookable); i++)
    if (bookable[i] == minutes)
      return TRUE;
  return FALSE;
}

/* @set (a set of strings) gets the region ids of @obj's @name */
static void
collect_regions (GHashTable *set,
                 JsonObject *obj,
                 const char *name)
{
  JsonArray *array;

  if (obj == NULL || !json_object_has_member (obj, name))
    return;
  array = json_object_get_array_member (obj, name);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_hash_table_add (set, (gpointer) json_array_get_string_element (array, i));
}

static void
assert_covers (GHashTable         *set,
               const char         *what,
               const char * const *ids)
{
  for (guint i = 0; ids[i]; i++)
    if (!g_hash_table_contains (set, ids[i]))
      g_error ("%s: %s is missing", what, ids[i]);
}

/* Every region of @small is in @big */
static void
assert_subset (GHashTable *small,
               GHashTable *big,
               const char *what)
{
  GHashTableIter iter;
  gpointer id;

  g_hash_table_iter_init (&iter, small);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (!g_hash_table_contains (big, id))
      g_error ("%s: %s is missing", what, (const char *) id);
}

static void
assert_windows (GHashTable *techniques,
                JsonArray  *windows,
                gint64      assessment)
{
  gint64 next = 0;

  for (guint i = 0; i < json_array_get_length (windows); i++)
    {
      JsonObject *w = json_array_get_object_element (windows, i);
      gint64 to = json_object_get_int_member (w, "to");
      gint64 item = json_object_get_int_member (w, "item_minutes");
      gint64 assess = json_object_get_int_member (w, "assessment_minutes");
      gint64 max = json_object_get_int_member (w, "max_session_minutes");

      /* Contiguous from day 0, no overlaps */
      g_assert_cmpint (json_object_get_int_member (w, "from"), ==, next);
      g_assert_true (to == -1 || to >= next);
      next = to + 1;
      assert_technique_list (techniques, w, "only");
      assert_technique_list (techniques, w, "exclude");
      assert_bonus (techniques, w);
      assert_text (w, "advice");
      assert_text (w, "why");
      if (json_object_has_member (w, "note"))
        assert_text (w, "note");
      g_assert_true (item == -1 || item > 0);
      g_assert_true (assess == -1 || assess > 0);
      g_assert_true (max == -1 || is_bookable (max));
      /* A short window's session holds its assessment and an item */
      if (max > 0)
        g_assert_cmpint ((assess >= 0 ? assess : assessment) + (item > 0 ? item : 1), <=, max);
      if (to == -1)
        g_assert_cmpuint (i, ==, json_array_get_length (windows) - 1);
    }
}

static void
test_rules_valid (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = load_rules (parser);
  g_autoptr(GHashTable) techniques = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;
  JsonObject *obj, *session, *race;
  gint64 assessment, max_minutes = 0, support;
  gboolean severity_seen[BM_SEVERITY_MAX + 1] = { FALSE };
  guint health_seen = 0;
  g_autoptr(GHashTable) stress = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) growth = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) swollen_postpone = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) swelling_except = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) nerve_root_legs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) legs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) veins = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) race_regions = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "bodymap-advisor-rules");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);

  /* The catalogue: every id of docs/plan-format.md, each described */
  array = json_object_get_array_member (root, "techniques");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *t = json_array_get_object_element (array, i);
      const char *id = json_object_get_string_member (t, "id");
      BmPressure pressure;

      g_assert_false (g_hash_table_contains (techniques, id));
      g_hash_table_add (techniques, (gpointer) id);
      assert_text (t, "name");
      assert_text (t, "description");
      assert_text (t, "reason");
      assert_text (t, "why");
      g_assert_true (bm_pressure_from_id (json_object_get_string_member (t, "min_pressure"), &pressure));
      assert_region_list (t, "regions");
      g_assert_cmpint (json_object_get_boolean_member (t, "deep"), ==,
                       g_strv_contains (deep_techniques, id));
      if (g_str_equal (id, "ashiatsu"))
        {
          JsonArray *regions = json_object_get_array_member (t, "regions");
          const char *large[] = { "quadriceps", "hamstrings", "glutes", "upper-back", "mid-back", "lower-back", NULL };

          g_assert_cmpint (pressure, >, BM_PRESSURE_MEDIUM);
          for (guint k = 0; k < json_array_get_length (regions); k++)
            g_assert_true (g_strv_contains (large, json_array_get_string_element (regions, k)));
        }
    }
  for (guint i = 0; contract_techniques[i]; i++)
    assert_technique (techniques, contract_techniques[i]);

  obj = json_object_get_object_member (root, "scoring");
  assert_technique_list (techniques, obj, "no_symptom_prefer");
  assert_technique_list (techniques, obj, "fallback");
  g_assert_cmpint (json_object_get_int_member (obj, "max_techniques"), >=, 1);
  assert_text (obj, "no_technique_reason");
  assert_text (obj, "why");
  /* The fallback must be usable anywhere: gentle and at light pressure */
  g_assert_true (array_contains (json_object_get_array_member (obj, "fallback"), "swedish"));

  array = json_object_get_array_member (root, "symptoms");
  g_assert_cmpuint (json_array_get_length (array), ==, BM_N_SYMPTOMS);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *s = json_array_get_object_element (array, i);
      const char *id = json_object_get_string_member (s, "id");
      JsonArray *prefer = json_object_get_array_member (s, "prefer");

      g_assert_true (bm_symptom_from_id (id, NULL));
      assert_technique_list (techniques, s, "prefer");
      assert_text (s, "why");
      if (g_str_equal (id, "knot"))
        g_assert_cmpstr (json_array_get_string_element (prefer, 0), ==, "trigger-point");
      if (g_str_equal (id, "tight"))
        {
          g_assert_cmpstr (json_array_get_string_element (prefer, 0), ==, "deep-tissue");
          g_assert_cmpstr (json_array_get_string_element (prefer, 1), ==, "myofascial-release");
        }
      if (g_str_equal (id, "sharp") || g_str_equal (id, "tingling") || g_str_equal (id, "swollen"))
        for (guint k = 0; k < json_array_get_length (prefer); k++)
          g_assert_false (g_strv_contains (deep_techniques, json_array_get_string_element (prefer, k)));
    }

  /* No deep pressure on bone, tendon or joint, nor in a danger zone (the
   * front of the neck, the groin, the hollow of the knee) */
  array = json_object_get_array_member (root, "regions");
  {
    const char *bony[] = { "shin", "knee", "achilles", "foot", "patellar-tendon", "inner-knee", "outer-knee",
                           "heel", "forefoot", "si-joint", "greater-trochanter", "ankle",
                           "neck", "hip-flexors", "adductors", "groin", "knee-back", NULL };
    guint found = 0;

    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *r = json_array_get_object_element (array, i);
        const char *id = json_object_get_string_member (r, "id");

        g_assert_nonnull (bm_atlas_lookup (bm_atlas_get_default (), id));
        assert_technique_list (techniques, r, "prefer");
        assert_text (r, "why");
        if (json_object_get_boolean_member_with_default (r, "no_deep", FALSE))
          {
            assert_text (r, "note");
            found += g_strv_contains (bony, id);
          }
      }
    g_assert_cmpuint (found, ==, g_strv_length ((char **) bony));
  }

  array = json_object_get_array_member (root, "pressure");
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *p = json_array_get_object_element (array, i);

      g_assert_true (bm_pressure_from_id (json_object_get_string_member (p, "id"), NULL));
      assert_bonus (techniques, p);
      assert_text (p, "note");
      assert_text (p, "why");
    }

  /* Severity bands cover 0-10 once each; worse takes at least as long */
  array = json_object_get_array_member (root, "severity");
  {
    gint64 last = 0;

    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *s = json_array_get_object_element (array, i);
        gint64 minutes = json_object_get_int_member (s, "minutes");

        for (gint64 v = json_object_get_int_member (s, "min"); v <= json_object_get_int_member (s, "max"); v++)
          {
            g_assert_true (v >= 0 && v <= BM_SEVERITY_MAX);
            g_assert_false (severity_seen[v]);
            severity_seen[v] = TRUE;
          }
        g_assert_cmpint (minutes, >=, last);
        last = max_minutes = minutes;
        assert_bonus (techniques, s);
        assert_text (s, "why");
      }
    for (guint v = 0; v <= BM_SEVERITY_MAX; v++)
      g_assert_true (severity_seen[v]);
  }

  /* Next visit in the ranges of domain.md */
  array = json_object_get_array_member (root, "phases");
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *p = json_array_get_object_element (array, i);
      const char *id = json_object_get_string_member (p, "id");
      gint64 days = json_object_get_int_member (p, "next_visit_days");

      g_assert_true (bm_phase_from_id (id, NULL));
      assert_bonus (techniques, p);
      assert_text (p, "why");
      if (g_str_equal (id, "peak") || g_str_equal (id, "taper"))
        g_assert_true (days >= 5 && days <= 10);
      else if (g_str_equal (id, "maintenance"))
        g_assert_true (days >= 14 && days <= 28);
      else
        g_assert_true (days >= 10 && days <= 21);
    }

  /* Supporting regions of domain.md */
  array = json_object_get_array_member (root, "supports");
  {
    const char *expected[][3] = { { "it-band", "tfl", "glutes" }, { "shin", "soleus", NULL }, { "shin", "calf", NULL },
                                  { "achilles", "calf", "soleus" }, { "plantar-fascia", "calf", NULL },
                                  { "knee", "quadriceps", "glutes" }, { "patellar-tendon", "quadriceps", NULL },
                                  { "knee-back", "hamstrings", "calf" }, { "inner-knee", "hamstrings", "adductors" },
                                  { "si-joint", "glutes", "piriformis" }, { "groin", "adductors", NULL },
                                  { "heel", "calf", "soleus" }, { "heel", "plantar-fascia", NULL },
                                  { "forefoot", "calf", "plantar-fascia" } };
    guint found = 0;

    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *s = json_array_get_object_element (array, i);
        JsonArray *to = json_object_get_array_member (s, "to");

        g_assert_nonnull (bm_atlas_lookup (bm_atlas_get_default (), json_object_get_string_member (s, "from")));
        assert_region_list (s, "to");
        g_assert_false (array_contains (to, json_object_get_string_member (s, "from")));
        /* Shin splints: the deep calf, not the peroneals nor the front
         * of the shin */
        if (g_str_equal (json_object_get_string_member (s, "from"), "shin"))
          {
            g_assert_false (array_contains (to, "peroneals"));
            g_assert_false (array_contains (to, "tibialis-anterior"));
          }
        /* The SI joint also through the side of the lower back */
        if (g_str_equal (json_object_get_string_member (s, "from"), "si-joint"))
          g_assert_true (array_contains (to, "quadratus-lumborum"));
        assert_technique_list (techniques, s, "prefer");
        assert_text (s, "reason");
        assert_text (s, "why");
        for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
          if (g_str_equal (expected[k][0], json_object_get_string_member (s, "from")) &&
              array_contains (to, expected[k][1]) && (!expected[k][2] || array_contains (to, expected[k][2])))
            found++;
      }
    g_assert_cmpuint (found, ==, G_N_ELEMENTS (expected));
  }

  array = json_object_get_array_member (root, "mark_rules");
  {
    gboolean clot = FALSE, nerve = FALSE, sharp = FALSE;

    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *m = json_array_get_object_element (array, i);
        const char *level = json_object_get_string_member (m, "level");
        const char *effect = json_object_get_string_member (m, "effect");
        gint64 min = json_object_get_int_member (m, "min_severity");
        gint64 max = json_object_get_int_member (m, "max_severity");
        JsonArray *symptoms = json_object_has_member (m, "symptoms")
                              ? json_object_get_array_member (m, "symptoms") : NULL;

        g_assert_cmpstr (json_object_get_string_member_with_default (m, "id", ""), !=, "");
        g_assert_true (g_str_equal (level, "caution") || g_str_equal (level, "refer") || g_str_equal (level, "postpone"));
        g_assert_true (g_str_equal (effect, "no-deep") || g_str_equal (effect, "no-work"));
        g_assert_true (min >= 0 && min <= max && max <= BM_SEVERITY_MAX);
        for (guint k = 0; symptoms && k < json_array_get_length (symptoms); k++)
          g_assert_true (bm_symptom_from_id (json_array_get_string_element (symptoms, k), NULL));
        assert_region_list (m, "regions");
        assert_region_list (m, "regions_except");
        assert_region_list (m, "also");
        assert_text (m, "message");
        assert_text (m, "note");
        assert_text (m, "why");
        if (json_object_has_member (m, "also"))
          assert_text (m, "also_note");
        /* Refer first means not this area today */
        if (!g_str_equal (level, "caution"))
          g_assert_cmpstr (effect, ==, "no-work");
        if (g_str_equal (level, "postpone"))
          assert_text (m, "instead");
        if (g_str_equal (level, "postpone") && symptoms && array_contains (symptoms, "swollen") &&
            array_contains (json_object_get_array_member (m, "regions"), "calf"))
          clot = TRUE;
        if (g_str_equal (level, "refer") && symptoms && array_contains (symptoms, "tingling"))
          nerve = TRUE;
        if (g_str_equal (level, "refer") && symptoms && array_contains (symptoms, "sharp") && min == 7)
          sharp = TRUE;
        if (g_str_equal (json_object_get_string_member (m, "id"), "stress-fracture"))
          collect_regions (stress, m, "regions");
        if (g_str_equal (json_object_get_string_member (m, "id"), "growth-plate"))
          collect_regions (growth, m, "regions");
        if (g_str_equal (json_object_get_string_member (m, "id"), "swelling"))
          collect_regions (swelling_except, m, "regions_except");
        if (g_str_equal (json_object_get_string_member (m, "id"), "nerve-root"))
          collect_regions (nerve_root_legs, json_object_get_object_member (m, "with_mark"), "regions");
        if (g_str_equal (level, "postpone") && symptoms && array_contains (symptoms, "swollen") &&
            !json_object_has_member (m, "with_mark") && min == 0)
          collect_regions (swollen_postpone, m, "regions");
      }
    g_assert_true (clot && nerve && sharp);
    /* Sharp pain on the bones of domain.md and of the finer regions of
     * issue 17; growth plates below the kneecap and at the heel; swelling
     * of the calf or behind the knee is a possible clot, and a region with
     * a postpone rule for swelling is no mere caution */
    assert_covers (stress, "stress-fracture regions",
                   (const char * const[]) { "shin", "tibialis-anterior", "foot", "forefoot", "heel", "groin", NULL });
    assert_covers (growth, "growth-plate regions", (const char * const[]) { "knee", "patellar-tendon", "heel", NULL });
    assert_covers (swollen_postpone, "swollen, postponed", (const char * const[]) { "calf", "soleus", "knee-back", NULL });
    assert_subset (swollen_postpone, swelling_except, "swelling: regions_except");
  }

  array = json_object_get_array_member (root, "health_rules");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *h = json_array_get_object_element (array, i);
      const char *flag = json_object_get_string_member (h, "flag");
      const char *level = json_object_get_string_member (h, "level");
      BmHealthFlags f;

      g_assert_true (bm_health_from_id (flag, &f));
      health_seen |= f;
      assert_technique_list (techniques, h, "exclude");
      assert_region_list (h, "regions");
      assert_region_list (h, "no_work");
      assert_text (h, "message");
      assert_text (h, "why");
      if (g_str_equal (flag, "recent-surgery"))
        collect_regions (legs, h, "no_work");
      if (g_str_equal (flag, "clots-or-varicose-veins"))
        collect_regions (veins, h, "regions");
      if (g_str_equal (flag, "fever"))
        g_assert_cmpstr (level, ==, "postpone");
      if (g_str_equal (flag, "recent-injury") || g_str_equal (flag, "recent-surgery"))
        g_assert_cmpstr (level, ==, "refer");
      if (g_str_equal (flag, "blood-thinners") || g_str_equal (flag, "osteoporosis") || g_str_equal (flag, "pregnancy"))
        {
          BmPressure cap;

          g_assert_cmpstr (level, ==, "caution");
          /* Trigger point is deep work too */
          g_assert_cmpstr (json_object_get_string_member (h, "effect"), ==, "no-deep");
          g_assert_true (bm_pressure_from_id (json_object_get_string_member (h, "max_pressure"), &cap));
          g_assert_cmpint (cap, <=, BM_PRESSURE_MEDIUM);
          assert_text (h, "note");
        }
    }
  for (guint i = 0; i < BM_N_HEALTH_FLAGS; i++)
    g_assert_true (health_seen & bm_health_nth (i));

  /* The lists of the legs agree: what waits after surgery is what a
   * history of clots keeps light, tingling in any of it with back pain is
   * a nerve root, and all of it counts more before a race */
  collect_regions (race_regions, json_object_get_object_member (root, "priority"), "race_regions");
  assert_covers (legs, "recent-surgery no_work",
                 (const char * const[]) { "groin", "knee-back", "patellar-tendon", "inner-knee", "tibialis-anterior",
                                          "soleus", "heel", "forefoot", NULL });
  assert_subset (legs, veins, "clots-or-varicose-veins regions");
  assert_subset (veins, legs, "recent-surgery no_work");
  assert_subset (legs, nerve_root_legs, "nerve-root with_mark regions");
  assert_subset (legs, race_regions, "priority race_regions");

  obj = json_object_get_object_member (root, "avoid");
  assert_text (obj, "message");
  assert_text (obj, "reason");
  assert_text (obj, "why");

  /* Sessions: the bookable lengths of domain.md, room for the assessment
   * and the longest item */
  session = json_object_get_object_member (root, "session");
  array = json_object_get_array_member (session, "bookable_minutes");
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (bookable));
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_assert_cmpint (json_array_get_int_element (array, i), ==, bookable[i]);
  assessment = json_object_get_int_member (session, "assessment_minutes");
  support = json_object_get_int_member (session, "support_minutes");
  g_assert_true (assessment > 0 && assessment < bookable[0]);
  g_assert_true (support > 0 && support <= max_minutes);
  g_assert_cmpint (assessment + max_minutes, <=, bookable[0]);
  assert_text (session, "shortened_overflow");
  assert_text (session, "shortened_window");
  assert_text (session, "shortened_therapist");
  assert_text (session, "why");

  race = json_object_get_object_member (root, "race");
  assert_windows (techniques, json_object_get_array_member (race, "before"), assessment);
  assert_windows (techniques, json_object_get_array_member (race, "after"), assessment);
  assert_text (race, "none_advice");
  assert_text (race, "why");
  {
    JsonObject *pre = json_array_get_object_element (json_object_get_array_member (race, "before"), 0);
    JsonObject *post = json_array_get_object_element (json_object_get_array_member (race, "after"), 0);
    JsonArray *only = json_object_get_array_member (pre, "only");

    g_assert_cmpint (json_object_get_int_member (pre, "to"), ==, 2);
    g_assert_cmpuint (json_array_get_length (only), ==, 1);
    g_assert_cmpstr (json_array_get_string_element (only, 0), ==, "pre-event");
    g_assert_cmpint (json_object_get_int_member (pre, "max_session_minutes"), <=, 45);
    g_assert_cmpint (json_object_get_int_member (post, "to"), ==, 1);
    only = json_object_get_array_member (post, "only");
    g_assert_cmpuint (json_array_get_length (only), ==, 1);
    g_assert_cmpstr (json_array_get_string_element (only, 0), ==, "post-event-flush");
  }

  obj = json_object_get_object_member (root, "postpone");
  assert_text (obj, "reason");
  assert_text (obj, "why");
  g_assert_cmpint (json_object_get_int_member (obj, "next_visit_days"), >, 0);

  /* The general session of an empty map fits a bookable length */
  obj = json_object_get_object_member (root, "empty_map");
  assert_region_list (obj, "regions");
  assert_technique_list (techniques, obj, "prefer");
  assert_text (obj, "reason");
  assert_text (obj, "why");
  g_assert_cmpint (assessment + 2 * (gint64) json_array_get_length (json_object_get_array_member (obj, "regions")) *
                   json_object_get_int_member (obj, "minutes"), <=, 60);

  obj = json_object_get_object_member (root, "therapist");
  assert_text (obj, "added_reason");
  assert_text (obj, "why");
}

/* Issue 17, the finer regions */

/* The hollow behind the knee: swelling there may be a clot (no massage
 * today, a doctor today); pain there is worked through the hamstrings and
 * calf around it, never pressed; pain there with a history of clots waits
 * for a doctor too */
static void
test_knee_back (void)
{
  g_autoptr(BmIntake) swollen = new_intake (BM_PHASE_PEAK, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmIntake) sore = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmIntake) history = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_FIRM, BM_HEALTH_CLOTS_OR_VARICOSE_VEINS);
  g_autoptr(BmPlan) plan = NULL;
  const BmPlanWarning *w;
  const BmPlanItem *hollow, *hamstrings, *calf;

  mark (swollen, "knee-back", BM_SIDE_LEFT, 3, BM_SYMPTOM_SWOLLEN | BM_SYMPTOM_TIGHT);
  mark (swollen, "upper-back", BM_SIDE_RIGHT, 4, BM_SYMPTOM_TIGHT);
  plan = advise (swollen);
  w = find_warning_id (plan, "possible-clot", "knee-back", BM_SIDE_LEFT);
  g_assert_nonnull (w);
  g_assert_cmpint (w->level, ==, BM_WARNING_POSTPONE);
  g_assert_nonnull (strstr (w->message, "doctor today"));
  /* Said once, not also as a mere caution */
  g_assert_null (find_warning_id (plan, "swelling", "knee-back", BM_SIDE_LEFT));
  assert_postponed (plan);
  g_assert_null (bm_plan_find_item (plan, "knee-back", BM_SIDE_LEFT)->techniques[0]);
  g_assert_null (bm_plan_find_item (plan, "upper-back", BM_SIDE_RIGHT)->techniques[0]);
  g_assert_null (bm_plan_find_item (plan, "hamstrings", BM_SIDE_LEFT));
  g_assert_nonnull (strstr (plan->postpone_advice, "behind your knee"));

  mark (sore, "knee-back", BM_SIDE_RIGHT, 5, BM_SYMPTOM_SORE | BM_SYMPTOM_TIGHT);
  g_clear_pointer (&plan, bm_plan_free);
  plan = advise (sore);
  g_assert_cmpuint (plan->warnings->len, ==, 0);
  hollow = bm_plan_find_item (plan, "knee-back", BM_SIDE_RIGHT);
  g_assert_true (hollow->marked);
  g_assert_null (hollow->techniques[0]);
  g_assert_cmpint (hollow->minutes, ==, 0);
  g_assert_nonnull (strstr (hollow->reason, "artery"));
  hamstrings = bm_plan_find_item (plan, "hamstrings", BM_SIDE_RIGHT);
  calf = bm_plan_find_item (plan, "calf", BM_SIDE_RIGHT);
  g_assert_cmpint (hamstrings->role, ==, BM_ITEM_SUPPORT);
  g_assert_cmpstr (hamstrings->supports, ==, "knee-back");
  g_assert_cmpint (hamstrings->minutes, >, 0);
  g_assert_nonnull (strstr (hamstrings->reason, "back of the knee"));
  g_assert_cmpint (calf->role, ==, BM_ITEM_SUPPORT);
  g_assert_cmpstr (calf->supports, ==, "knee-back");
  g_assert_null (bm_plan_find_item (plan, "hamstrings", BM_SIDE_LEFT) ?
                 bm_plan_find_item (plan, "hamstrings", BM_SIDE_LEFT)->supports : NULL);
  g_assert_nonnull (find_home_care (plan, "knee-back"));

  /* Avoided supports: the hollow itself gets gentle work */
  bm_intake_set_avoided (sore, "hamstrings", TRUE);
  bm_intake_set_avoided (sore, "calf", TRUE);
  g_clear_pointer (&plan, bm_plan_free);
  plan = advise (sore);
  hollow = bm_plan_find_item (plan, "knee-back", BM_SIDE_RIGHT);
  g_assert_nonnull (hollow->techniques[0]);
  g_assert_false (has_deep (hollow));

  mark (history, "knee-back", BM_SIDE_LEFT, 3, BM_SYMPTOM_SORE);
  g_clear_pointer (&plan, bm_plan_free);
  plan = advise (history);
  w = find_warning_id (plan, "possible-clot", "knee-back", BM_SIDE_LEFT);
  g_assert_nonnull (w);
  g_assert_cmpint (w->level, ==, BM_WARNING_POSTPONE);
  assert_postponed (plan);
}

/* The tendon below the kneecap: no deep work on it, the quadriceps that
 * pull on it worked in its support with a full block; in a growing runner
 * the growth-plate question, as at the heel */
static void
test_patellar_tendon (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_DEEP, 0);
  g_autoptr(BmIntake) young = new_intake (BM_PHASE_PEAK, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmPlan) plan = NULL;
  g_autoptr(BmPlan) young_plan = NULL;
  const BmPlanItem *tendon, *quads;
  const BmPlanWarning *w;

  mark (intake, "patellar-tendon", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT | BM_SYMPTOM_KNOT);
  plan = advise (intake);
  tendon = bm_plan_find_item (plan, "patellar-tendon", BM_SIDE_LEFT);
  g_assert_true (tendon->marked);
  g_assert_nonnull (tendon->techniques[0]);
  g_assert_false (has_deep (tendon));
  g_assert_cmpint (tendon->minutes, >, 0);
  g_assert_nonnull (strstr (tendon->reason, "tendon"));
  quads = bm_plan_find_item (plan, "quadriceps", BM_SIDE_LEFT);
  g_assert_nonnull (quads);
  g_assert_cmpint (quads->role, ==, BM_ITEM_SUPPORT);
  g_assert_cmpstr (quads->supports, ==, "patellar-tendon");
  g_assert_cmpint (quads->minutes, ==, tendon->minutes);
  g_assert_true (has_technique (quads, "deep-tissue"));
  g_assert_nonnull (strstr (quads->reason, "kneecap"));
  g_assert_null (bm_plan_find_item (plan, "quadriceps", BM_SIDE_RIGHT));
  g_assert_nonnull (find_home_care (plan, "patellar-tendon"));

  bm_intake_set_birth_year (young, 2013);
  mark (young, "patellar-tendon", BM_SIDE_RIGHT, 4, BM_SYMPTOM_SORE);
  mark (young, "heel", BM_SIDE_LEFT, 4, BM_SYMPTOM_SORE);
  young_plan = advise (young);
  w = find_warning_id (young_plan, "growth-plate", "patellar-tendon", BM_SIDE_RIGHT);
  g_assert_nonnull (w);
  g_assert_cmpint (w->level, ==, BM_WARNING_CAUTION);
  g_assert_nonnull (find_warning_id (young_plan, "growth-plate", "heel", BM_SIDE_LEFT));
  assert_no_deep_anywhere (young_plan);
}

/* The SI joint: gentle work on the joint, its own-contraction work, and
 * the glutes, piriformis and side of the lower back around it; with
 * tingling down the same leg, a nerve root to be checked first */
static void
test_si_joint (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmIntake) tingling = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmPlan) plan = NULL;
  const BmPlanItem *joint;
  const char *around[] = { "glutes", "piriformis", "quadratus-lumborum" };

  mark (intake, "si-joint", BM_SIDE_LEFT, 5, BM_SYMPTOM_TIGHT);
  plan = advise (intake);
  joint = bm_plan_find_item (plan, "si-joint", BM_SIDE_LEFT);
  g_assert_false (has_deep (joint));
  g_assert_true (has_technique (joint, "muscle-energy-technique"));
  for (guint i = 0; i < G_N_ELEMENTS (around); i++)
    {
      const BmPlanItem *item = bm_plan_find_item (plan, around[i], BM_SIDE_LEFT);

      g_assert_nonnull (item);
      g_assert_cmpint (item->role, ==, BM_ITEM_SUPPORT);
      g_assert_cmpstr (item->supports, ==, "si-joint");
      g_assert_nonnull (strstr (item->reason, "SI joint"));
      g_assert_null (bm_plan_find_item (plan, around[i], BM_SIDE_RIGHT) ?
                     bm_plan_find_item (plan, around[i], BM_SIDE_RIGHT)->supports : NULL);
    }

  mark (tingling, "si-joint", BM_SIDE_RIGHT, 5, BM_SYMPTOM_SORE);
  mark (tingling, "calf", BM_SIDE_RIGHT, 3, BM_SYMPTOM_TINGLING);
  g_clear_pointer (&plan, bm_plan_free);
  plan = advise (tingling);
  g_assert_nonnull (find_warning_id (plan, "nerve-root", "si-joint", BM_SIDE_RIGHT));
  joint = bm_plan_find_item (plan, "si-joint", BM_SIDE_RIGHT);
  g_assert_null (joint->techniques[0]);
  g_assert_cmpint (joint->minutes, ==, 0);
  /* Nothing is worked in support of it */
  for (guint i = 0; i < plan->items->len; i++)
    g_assert_cmpstr (((BmPlanItem *) g_ptr_array_index (plan->items, i))->supports, !=, "si-joint");
}

/* The groin: gentle work only (the femoral triangle), the inner thigh in
 * its support; a lump may be a hernia and sharp pain a stress fracture of
 * the hip or pelvis, whatever the mileage */
static void
test_groin (void)
{
  struct { BmSymptoms symptoms; BmPhase phase; const char *id; const char *words; } cases[] = {
    { BM_SYMPTOM_SWOLLEN, BM_PHASE_MAINTENANCE, "hernia", "hernia" },
    { BM_SYMPTOM_SHARP, BM_PHASE_MAINTENANCE, "stress-fracture", "groin" },
    { BM_SYMPTOM_SHARP, BM_PHASE_PEAK, "stress-fracture", "high mileage" },
  };
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_DEEP, 0);
  g_autoptr(BmPlan) plan = NULL;
  const BmPlanItem *adductors;

  mark (intake, "groin", BM_SIDE_LEFT, 4, BM_SYMPTOM_TIGHT | BM_SYMPTOM_KNOT);
  plan = advise (intake);
  g_assert_false (has_deep (bm_plan_find_item (plan, "groin", BM_SIDE_LEFT)));
  adductors = bm_plan_find_item (plan, "adductors", BM_SIDE_LEFT);
  g_assert_cmpint (adductors->role, ==, BM_ITEM_SUPPORT);
  g_assert_cmpstr (adductors->supports, ==, "groin");
  g_assert_false (has_deep (adductors));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BmIntake) red = new_intake (cases[i].phase, BM_PRESSURE_FIRM, 0);
      g_autoptr(BmPlan) red_plan = NULL;
      const BmPlanWarning *w;
      guint refer = 0;

      bm_intake_set_weekly_km (red, 20);
      mark (red, "groin", BM_SIDE_RIGHT, 5, cases[i].symptoms);
      red_plan = advise (red);
      w = find_warning_id (red_plan, cases[i].id, "groin", BM_SIDE_RIGHT);
      g_assert_nonnull (w);
      g_assert_cmpint (w->level, ==, BM_WARNING_REFER);
      g_assert_nonnull (strstr (w->message, cases[i].words));
      /* One line for it */
      for (guint k = 0; k < red_plan->warnings->len; k++)
        refer += ((BmPlanWarning *) g_ptr_array_index (red_plan->warnings, k))->level == BM_WARNING_REFER;
      g_assert_cmpuint (refer, ==, 1);
      g_assert_null (bm_plan_find_item (red_plan, "groin", BM_SIDE_RIGHT)->techniques[0]);
      g_assert_null (bm_plan_find_item (red_plan, "adductors", BM_SIDE_RIGHT));
      g_assert_null (strstr (find_home_care (red_plan, "groin"), "Stand with your feet wide"));
    }
}

/* The heel: gentle on the bone, the calf, soleus and arch in its support;
 * the ball of the foot: sharp pain or swelling in a runner at risk is a
 * stress fracture to be checked first (nothing worked in its support),
 * and tingling between the toes a pinched nerve, said in its own words */
static void
test_heel_and_forefoot (void)
{
  g_autoptr(BmIntake) heel = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmIntake) sharp = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmIntake) nerve = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmPlan) plan = NULL;
  const char *around[] = { "calf", "soleus", "plantar-fascia" };
  const BmPlanWarning *w;
  const BmPlanItem *ball;

  mark (heel, "heel", BM_SIDE_LEFT, 5, BM_SYMPTOM_SORE | BM_SYMPTOM_KNOT);
  plan = advise (heel);
  g_assert_false (has_deep (bm_plan_find_item (plan, "heel", BM_SIDE_LEFT)));
  g_assert_nonnull (bm_plan_find_item (plan, "heel", BM_SIDE_LEFT)->techniques[0]);
  for (guint i = 0; i < G_N_ELEMENTS (around); i++)
    {
      const BmPlanItem *item = bm_plan_find_item (plan, around[i], BM_SIDE_LEFT);

      g_assert_nonnull (item);
      g_assert_cmpint (item->role, ==, BM_ITEM_SUPPORT);
      g_assert_cmpstr (item->supports, ==, "heel");
      g_assert_nonnull (strstr (item->reason, "heel"));
    }

  /* A high-mileage runner, then a light one with a swollen forefoot */
  bm_intake_set_weekly_km (sharp, 70);
  mark (sharp, "forefoot", BM_SIDE_RIGHT, 6, BM_SYMPTOM_SHARP);
  g_clear_pointer (&plan, bm_plan_free);
  plan = advise (sharp);
  w = find_warning_id (plan, "stress-fracture", "forefoot", BM_SIDE_RIGHT);
  g_assert_nonnull (w);
  g_assert_cmpint (w->level, ==, BM_WARNING_REFER);
  ball = bm_plan_find_item (plan, "forefoot", BM_SIDE_RIGHT);
  g_assert_null (ball->techniques[0]);
  g_assert_cmpint (ball->minutes, ==, 0);
  for (guint i = 0; i < plan->items->len; i++)
    g_assert_cmpstr (((BmPlanItem *) g_ptr_array_index (plan->items, i))->supports, !=, "forefoot");
  g_assert_nonnull (strstr (find_home_care (plan, "forefoot"), "Stop running"));

  mark (sharp, "forefoot", BM_SIDE_RIGHT, 4, BM_SYMPTOM_SWOLLEN);
  g_clear_pointer (&plan, bm_plan_free);
  plan = advise (sharp);
  g_assert_nonnull (find_warning_id (plan, "stress-fracture", "forefoot", BM_SIDE_RIGHT));
  bm_intake_set_weekly_km (sharp, 15);
  g_clear_pointer (&plan, bm_plan_free);
  plan = advise (sharp);
  g_assert_null (find_warning_id (plan, "stress-fracture", "forefoot", BM_SIDE_RIGHT));
  g_assert_nonnull (find_warning_id (plan, "swelling", "forefoot", BM_SIDE_RIGHT));
  g_assert_false (has_deep (bm_plan_find_item (plan, "forefoot", BM_SIDE_RIGHT)));

  mark (nerve, "forefoot", BM_SIDE_LEFT, 3, BM_SYMPTOM_TINGLING);
  g_clear_pointer (&plan, bm_plan_free);
  plan = advise (nerve);
  w = find_warning_id (plan, "nerve", "forefoot", BM_SIDE_LEFT);
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "between the toes"));
  g_assert_cmpuint (plan->warnings->len, ==, 1);
  g_assert_null (bm_plan_find_item (plan, "forefoot", BM_SIDE_LEFT)->techniques[0]);
  g_assert_nonnull (strstr (find_home_care (plan, "forefoot"), "wide at the toes"));
}

/* The front of the shin: a muscle that takes firm work; pain there with a
 * numb foot, or severe with swelling, is its compartment to be checked
 * first; sharp pain in a runner at risk a stress fracture */
static void
test_tibialis_anterior (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_FIRM, 0);
  g_autoptr(BmPlan) plan = NULL;
  const BmPlanWarning *w;

  mark (intake, "tibialis-anterior", BM_SIDE_LEFT, 5, BM_SYMPTOM_TIGHT | BM_SYMPTOM_KNOT);
  plan = advise (intake);
  g_assert_true (has_deep (bm_plan_find_item (plan, "tibialis-anterior", BM_SIDE_LEFT)));
  g_assert_cmpuint (count_role (plan, BM_ITEM_SUPPORT), ==, 0);
  g_assert_nonnull (strstr (find_home_care (plan, "tibialis-anterior"), "physiotherapist"));

  mark (intake, "foot", BM_SIDE_LEFT, 2, BM_SYMPTOM_TINGLING);
  g_clear_pointer (&plan, bm_plan_free);
  plan = advise (intake);
  w = find_warning_id (plan, "compartment", "tibialis-anterior", BM_SIDE_LEFT);
  g_assert_nonnull (w);
  g_assert_cmpint (w->level, ==, BM_WARNING_REFER);
  g_assert_null (bm_plan_find_item (plan, "tibialis-anterior", BM_SIDE_LEFT)->techniques[0]);
  g_assert_nonnull (find_warning_id (plan, "nerve", "foot", BM_SIDE_LEFT));
  g_assert_nonnull (strstr (find_home_care (plan, "tibialis-anterior"), "Stop a run"));

  /* Tingling on the other foot is not the pattern */
  bm_intake_remove_mark (intake, "foot", BM_SIDE_LEFT);
  mark (intake, "foot", BM_SIDE_RIGHT, 2, BM_SYMPTOM_TINGLING);
  g_clear_pointer (&plan, bm_plan_free);
  plan = advise (intake);
  g_assert_null (find_warning_id (plan, "compartment", "tibialis-anterior", BM_SIDE_LEFT));

  mark (intake, "tibialis-anterior", BM_SIDE_LEFT, 8, BM_SYMPTOM_SWOLLEN);
  g_clear_pointer (&plan, bm_plan_free);
  plan = advise (intake);
  w = find_warning_id (plan, "compartment", "tibialis-anterior", BM_SIDE_LEFT);
  g_assert_nonnull (w);
  g_assert_cmpint (w->level, ==, BM_WARNING_POSTPONE);
  g_assert_nonnull (strstr (w->message, "doctor today"));
  assert_postponed (plan);

  mark (intake, "tibialis-anterior", BM_SIDE_LEFT, 5, BM_SYMPTOM_SHARP);
  bm_intake_set_phase (intake, BM_PHASE_PEAK);
  g_clear_pointer (&plan, bm_plan_free);
  plan = advise (intake);
  g_assert_nonnull (find_warning_id (plan, "stress-fracture", "tibialis-anterior", BM_SIDE_LEFT));
}

/* The back between the shoulder blades and the small of the back, the
 * lats and the side of the waist: Ashiatsu only on the mid back; sharp
 * back pain with fragile bones is checked first; home care that neither
 * rounds nor bends a fragile spine */
static void
test_back_regions (void)
{
  g_autoptr(BmIntake) intake = new_intake (BM_PHASE_PEAK, BM_PRESSURE_DEEP, 0);
  g_autoptr(BmIntake) fragile = new_intake (BM_PHASE_MAINTENANCE, BM_PRESSURE_MEDIUM, BM_HEALTH_OSTEOPOROSIS);
  g_autoptr(BmPlan) plan = NULL;
  const BmPlanWarning *w;

  mark (intake, "mid-back", BM_SIDE_LEFT, 4, BM_SYMPTOM_TIGHT);
  mark (intake, "lats", BM_SIDE_LEFT, 4, BM_SYMPTOM_TIGHT);
  mark (intake, "quadratus-lumborum", BM_SIDE_RIGHT, 4, BM_SYMPTOM_KNOT);
  plan = advise (intake);
  g_assert_true (has_technique (bm_plan_find_item (plan, "mid-back", BM_SIDE_LEFT), "ashiatsu"));
  g_assert_false (has_technique (bm_plan_find_item (plan, "lats", BM_SIDE_LEFT), "ashiatsu"));
  g_assert_true (has_technique (bm_plan_find_item (plan, "lats", BM_SIDE_LEFT), "assisted-stretching"));
  g_assert_false (has_technique (bm_plan_find_item (plan, "quadratus-lumborum", BM_SIDE_RIGHT), "ashiatsu"));
  g_assert_cmpstr (bm_plan_find_item (plan, "quadratus-lumborum", BM_SIDE_RIGHT)->techniques[0], ==, "trigger-point");

  mark (fragile, "mid-back", BM_SIDE_RIGHT, 6, BM_SYMPTOM_SHARP);
  mark (fragile, "quadratus-lumborum", BM_SIDE_LEFT, 3, BM_SYMPTOM_TIGHT);
  mark (fragile, "si-joint", BM_SIDE_LEFT, 3, BM_SYMPTOM_TIGHT);
  g_clear_pointer (&plan, bm_plan_free);
  plan = advise (fragile);
  w = find_warning_id (plan, "spine-fracture", "mid-back", BM_SIDE_RIGHT);
  g_assert_nonnull (w);
  g_assert_cmpint (w->level, ==, BM_WARNING_REFER);
  g_assert_null (bm_plan_find_item (plan, "mid-back", BM_SIDE_RIGHT)->techniques[0]);
  g_assert_nonnull (strstr (find_home_care (plan, "mid-back"), "bending forward"));
  g_assert_null (strstr (find_home_care (plan, "quadratus-lumborum"), "to the other side"));
  g_assert_null (strstr (find_home_care (plan, "si-joint"), "sway"));
}

/* Whatever is marked, the plan never contradicts its own warnings: an
 * area to be seen first, or a postponed session, has no techniques and no
 * minutes and nothing is worked in its support; a region whose rules
 * forbid deep work never gets it */
static void
test_no_contradictions (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *regions = json_object_get_array_member (load_rules (parser), "regions");
  g_autoptr(GHashTable) no_deep = g_hash_table_new (g_str_hash, g_str_equal);
  const BmSymptoms symptoms[] = { BM_SYMPTOM_TIGHT | BM_SYMPTOM_KNOT, BM_SYMPTOM_SORE, BM_SYMPTOM_SHARP,
                                  BM_SYMPTOM_TINGLING, BM_SYMPTOM_SWOLLEN };
  struct { BmPhase phase; BmHealthFlags health; int weekly_km; int birth; } who[] = {
    { BM_PHASE_PEAK, 0, 80, 1990 },
    { BM_PHASE_MAINTENANCE, BM_HEALTH_OSTEOPOROSIS, 20, 1960 },
    { BM_PHASE_REHAB, BM_HEALTH_CLOTS_OR_VARICOSE_VEINS, 30, 2013 },
  };

  for (guint i = 0; i < json_array_get_length (regions); i++)
    {
      JsonObject *r = json_array_get_object_element (regions, i);

      if (json_object_get_boolean_member_with_default (r, "no_deep", FALSE))
        g_hash_table_add (no_deep, (gpointer) json_object_get_string_member (r, "id"));
    }

  for (guint r = 0; r < bm_atlas_get_n_regions (atlas); r++)
    for (guint s = 0; s < G_N_ELEMENTS (symptoms); s++)
      for (int severity = 3; severity <= 8; severity += 5)
        for (guint p = 0; p < G_N_ELEMENTS (who); p++)
          {
            const BmRegion *region = bm_atlas_get_region (atlas, r);
            BmSide side = bm_region_is_paired (region) ? BM_SIDE_LEFT : BM_SIDE_CENTER;
            g_autoptr(BmIntake) intake = new_intake (who[p].phase, BM_PRESSURE_DEEP, who[p].health);
            g_autoptr(BmPlan) plan = NULL;

            bm_intake_set_weekly_km (intake, who[p].weekly_km);
            bm_intake_set_birth_year (intake, who[p].birth);
            mark (intake, bm_region_get_id (region), side, severity, symptoms[s]);
            /* A neighbour, and a tingling calf on the same side */
            if (!g_str_equal (bm_region_get_id (region), "hamstrings"))
              mark (intake, "hamstrings", BM_SIDE_LEFT, 4, BM_SYMPTOM_TIGHT);
            if (s == 3 && !g_str_equal (bm_region_get_id (region), "calf"))
              mark (intake, "calf", BM_SIDE_LEFT, 2, BM_SYMPTOM_TINGLING);
            plan = advise (intake);

            for (guint i = 0; i < plan->items->len; i++)
              {
                const BmPlanItem *item = g_ptr_array_index (plan->items, i);

                if (g_hash_table_contains (no_deep, item->region))
                  g_assert_false (has_deep (item));
                if (plan->session_minutes == 0)
                  {
                    g_assert_null (item->techniques[0]);
                    g_assert_cmpint (item->role, ==, BM_ITEM_MARKED);
                  }
                if (item->role != BM_ITEM_SUPPORT)
                  continue;
                for (guint k = 0; k < plan->warnings->len; k++)
                  {
                    const BmPlanWarning *w = g_ptr_array_index (plan->warnings, k);

                    if (w->level != BM_WARNING_CAUTION && w->region && g_str_equal (w->region, item->supports) &&
                        w->side == item->side)
                      g_error ("%s, symptoms %u: %s supports %s, which has a %s warning (%s)", bm_region_get_id (region),
                               s, item->region, item->supports,
                               w->level == BM_WARNING_REFER ? "refer" : "postpone", w->id);
                  }
              }
          }
}

/* Home care (homecare.json) for every region of the atlas, in each of its
 * variants: short enough to print, and the variants for fragile bones and
 * for pregnancy neither round, twist nor side-bend the spine, nor lie on
 * the back */
static void
test_rules_home_care (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();

  for (guint i = 0; i < bm_atlas_get_n_regions (atlas); i++)
    {
      const char *id = bm_region_get_id (bm_atlas_get_region (atlas, i));
      const char *texts[] = { bm_homecare_get_advice_for (id, BM_HEALTH_NONE),
                              bm_homecare_get_advice_for (id, BM_HEALTH_OSTEOPOROSIS),
                              bm_homecare_get_advice_for (id, BM_HEALTH_PREGNANCY) };

      for (guint k = 0; k < G_N_ELEMENTS (texts); k++)
        {
          if (texts[k] == NULL)
            g_error ("homecare.json: no advice for %s", id);
          g_assert_cmpuint (strlen (texts[k]), >, 20);
          g_assert_cmpuint (strlen (texts[k]), <, 240);
          g_assert_null (strchr (texts[k], '\n'));
        }
      g_assert_null (strstr (texts[1], "round your"));
      g_assert_null (strstr (texts[1], "ug yourself"));
      g_assert_null (strstr (texts[1], "sway"));
      g_assert_null (strstr (texts[1], "to the other side"));
      g_assert_null (strstr (texts[2], "on your back"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/advisor/rules/valid", test_rules_valid);
  g_test_add_func ("/advisor/rules/fixture", test_rules_fixture);
  g_test_add_func ("/advisor/rules/broken", test_rules_broken);
  g_test_add_func ("/advisor/rules/home-care", test_rules_home_care);
  g_test_add_func ("/advisor/safety/clot-patterns", test_safety_clot_patterns);
  g_test_add_func ("/advisor/safety/postpone", test_safety_postpone);
  g_test_add_func ("/advisor/safety/race-techniques", test_safety_race_techniques);
  g_test_add_func ("/advisor/safety/refer-not-today", test_safety_refer_not_today);
  g_test_add_func ("/advisor/safety/tear", test_safety_tear);
  g_test_add_func ("/advisor/safety/injury-surgery", test_safety_injury_surgery);
  g_test_add_func ("/advisor/safety/bone-and-nerve-root", test_safety_bone_and_nerve_root);
  g_test_add_func ("/advisor/safety/deep-work", test_safety_deep_work);
  g_test_add_func ("/advisor/safety/age", test_safety_age);
  g_test_add_func ("/advisor/safety/home-care", test_safety_home_care);
  g_test_add_func ("/advisor/safety/one-timing", test_safety_one_timing);
  g_test_add_func ("/advisor/safety/next-visit", test_safety_next_visit);
  g_test_add_func ("/advisor/safety/work-elsewhere", test_safety_work_elsewhere);
  g_test_add_func ("/advisor/safety/session-length", test_safety_session_length);
  g_test_add_func ("/advisor/safety/left-out", test_safety_left_out);
  g_test_add_func ("/advisor/safety/acknowledged", test_safety_acknowledged);
  g_test_add_func ("/advisor/safety/grouped", test_safety_grouped);
  g_test_add_func ("/advisor/catalogue", test_catalogue);
  g_test_add_func ("/advisor/jamie", test_jamie);
  g_test_add_func ("/advisor/jamie-file", test_jamie_file);
  g_test_add_func ("/advisor/it-band", test_it_band);
  g_test_add_func ("/advisor/outer-knee", test_outer_knee);
  g_test_add_func ("/advisor/knee-back", test_knee_back);
  g_test_add_func ("/advisor/patellar-tendon", test_patellar_tendon);
  g_test_add_func ("/advisor/si-joint", test_si_joint);
  g_test_add_func ("/advisor/groin", test_groin);
  g_test_add_func ("/advisor/heel-and-forefoot", test_heel_and_forefoot);
  g_test_add_func ("/advisor/tibialis-anterior", test_tibialis_anterior);
  g_test_add_func ("/advisor/back-regions", test_back_regions);
  g_test_add_func ("/advisor/no-contradictions", test_no_contradictions);
  g_test_add_func ("/advisor/race/in-two-days", test_race_in_two_days);
  g_test_add_func ("/advisor/race/in-four-days", test_race_in_four_days);
  g_test_add_func ("/advisor/race/yesterday", test_race_yesterday);
  g_test_add_func ("/advisor/race/three-days-ago", test_race_three_days_ago);
  g_test_add_func ("/advisor/possible-clot", test_possible_clot);
  g_test_add_func ("/advisor/tingling-foot", test_tingling_foot);
  g_test_add_func ("/advisor/deep-pressure-big-muscles", test_deep_pressure_big_muscles);
  g_test_add_func ("/advisor/light-pressure", test_light_pressure);
  g_test_add_func ("/advisor/fever", test_fever);
  g_test_add_func ("/advisor/blood-thinners", test_blood_thinners);
  g_test_add_func ("/advisor/other-health", test_other_health);
  g_test_add_func ("/advisor/empty-map", test_empty_map);
  g_test_add_func ("/advisor/avoided", test_avoided);
  g_test_add_func ("/advisor/avoided/whole-foot", test_avoided_whole_foot);
  g_test_add_func ("/advisor/therapist/adjustments", test_therapist);
  g_test_add_func ("/advisor/therapist/short-session", test_therapist_short);
  g_test_add_func ("/advisor/therapist/garbage", test_therapist_garbage);
  g_test_add_func ("/advisor/overflow", test_overflow);
  g_test_add_func ("/advisor/mark-order", test_mark_order);
  g_test_add_func ("/advisor/json-escaping", test_json_escaping);

  return g_test_run ();
}
