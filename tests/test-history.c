/* test-history.c: a client's visits over time (BmHistory) and what the
 * advisor learns from them, scenario by scenario; no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bm-advisor.h"
#include "bm-advisor-rules.h"
#include "bm-history.h"
#include "bm-techniques.h"
#include "bm-therapist.h"

static BmIntake *
visit (const char *date)
{
  BmIntake *intake = bm_intake_new ();
  g_autofree char *id = g_strconcat (date, "-test", NULL);

  bm_intake_set_client_name (intake, "Jamie");
  bm_intake_set_visit_date (intake, date);
  bm_intake_set_library_link (intake, "jamie-1990", id);
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

static const BmPlanWarning *
find_warning (const BmPlan *plan,
              const char   *id,
              const char   *region)
{
  for (guint i = 0; i < plan->warnings->len; i++)
    {
      const BmPlanWarning *w = g_ptr_array_index (plan->warnings, i);

      if (g_strcmp0 (w->id, id) == 0 && g_strcmp0 (w->region, region) == 0)
        return w;
    }
  return NULL;
}

static gboolean
has_deep (const BmPlanItem *item)
{
  const char *deep[] = { "deep-tissue", "trigger-point", "ashiatsu", NULL };

  for (guint i = 0; item->techniques[i]; i++)
    if (g_strv_contains (deep, item->techniques[i]))
      return TRUE;
  return FALSE;
}

/* The history as given: visits sorted by date whatever the order they
 * come in, one per visit id; series, race dates and the usual gap */
static void
test_model (void)
{
  g_autoptr(BmHistory) history = bm_history_new ();
  g_autoptr(BmIntake) a = visit ("2026-10-01");
  g_autoptr(BmIntake) b = visit ("2026-10-15");
  g_autoptr(BmIntake) c = visit ("2026-11-12");
  g_autoptr(BmIntake) b_again = visit ("2026-10-15");
  g_autoptr(GPtrArray) series = NULL;
  g_auto(GStrv) races = NULL;
  const BmHistorySeries *s;

  mark (a, "calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT);
  mark (a, "neck", BM_SIDE_CENTER, 8, BM_SYMPTOM_SORE);
  mark (b, "calf", BM_SIDE_LEFT, 5, BM_SYMPTOM_TIGHT);
  mark (b_again, "calf", BM_SIDE_LEFT, 4, BM_SYMPTOM_TIGHT);
  mark (c, "calf", BM_SIDE_LEFT, 3, BM_SYMPTOM_TIGHT);
  mark (c, "hamstrings", BM_SIDE_RIGHT, 5, BM_SYMPTOM_TIGHT);
  bm_intake_set_next_race (a, "2026-11-01", "10K");
  bm_intake_set_last_race (c, "2026-11-01", "10K");
  bm_intake_set_next_race (c, "2027-04-20", "Marathon");

  bm_history_add (history, c, NULL);
  bm_history_add (history, a, NULL);
  bm_history_add (history, b, NULL);
  bm_history_add (history, b_again, NULL);  /* the same visit, saved again */

  g_assert_cmpuint (bm_history_get_n_visits (history), ==, 3);
  g_assert_cmpstr (bm_history_get_visit (history, 0)->date, ==, "2026-10-01");
  g_assert_cmpstr (bm_history_get_visit (history, 1)->date, ==, "2026-10-15");
  g_assert_true (bm_history_get_visit (history, 1)->intake == b_again);
  g_assert_cmpstr (bm_history_get_visit (history, 2)->date, ==, "2026-11-12");
  g_assert_nonnull (bm_history_get_visit (history, 2)->plan);
  g_assert_true (bm_history_lookup (history, "2026-10-01-test")->intake == a);
  g_assert_null (bm_history_lookup (history, "nope"));

  /* Marked at the latest visit first, worst first; then by peak */
  series = bm_history_dup_series (history);
  g_assert_cmpuint (series->len, ==, 3);
  s = g_ptr_array_index (series, 0);
  g_assert_cmpstr (s->region, ==, "hamstrings");
  g_assert_cmpint (s->severity[0], ==, -1);
  g_assert_cmpint (s->severity[2], ==, 5);
  s = g_ptr_array_index (series, 1);
  g_assert_cmpstr (s->region, ==, "calf");
  g_assert_cmpstr (s->label, ==, "Left calf");
  g_assert_cmpint (s->severity[0], ==, 6);
  g_assert_cmpint (s->severity[1], ==, 4);
  g_assert_cmpint (s->severity[2], ==, 3);
  g_assert_cmpint (s->peak, ==, 6);
  g_assert_cmpint (s->latest, ==, 3);
  g_assert_cmpuint (s->n_marked, ==, 3);
  s = g_ptr_array_index (series, 2);
  g_assert_cmpstr (s->region, ==, "neck");
  g_assert_cmpint (s->latest, ==, 8);

  races = bm_history_dup_race_dates (history);
  g_assert_cmpstrv (races, ((const char * const[]) { "2026-11-01", "2027-04-20", NULL }));

  /* Gaps of 14 and 28 days; with a visit on 2026-11-26, 14, 28 and 14 */
  g_assert_cmpint (bm_history_get_usual_gap (history, NULL), ==, 21);
  g_assert_cmpint (bm_history_get_usual_gap (history, "2026-11-26"), ==, 14);
  {
    g_autoptr(BmHistory) empty = bm_history_new ();

    g_assert_cmpint (bm_history_get_usual_gap (empty, "2026-11-26"), ==, 0);
  }
}

/* No history, or an empty one, changes nothing */
static void
test_no_history (void)
{
  g_autoptr(BmIntake) now = visit ("2026-11-23");
  g_autoptr(BmHistory) empty = bm_history_new ();
  g_autoptr(BmPlan) plain = NULL;
  g_autoptr(BmPlan) with_empty = NULL;
  g_autoptr(BmPlan) with_null = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  mark (now, "calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT);
  mark (now, "it-band", BM_SIDE_RIGHT, 4, BM_SYMPTOM_SORE);
  plain = bm_advise (now);
  with_empty = bm_advise_with_history (now, empty);
  with_null = bm_advise_with_history (now, NULL);
  a = bm_plan_to_json (plain);
  b = bm_plan_to_json (with_empty);
  c = bm_plan_to_json (with_null);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, ==, c);
}

/* Improved: the same lead technique again, and the reason says what was
 * done and how it went */
static void
test_improved (void)
{
  g_autoptr(BmIntake) before = visit ("2026-11-09");
  g_autoptr(BmIntake) now = visit ("2026-11-23");
  g_autoptr(BmHistory) history = bm_history_new ();
  g_autoptr(BmPlan) plain = NULL;
  g_autoptr(BmPlan) plan = NULL;
  const char *given[] = { "muscle-energy-technique", "assisted-stretching", NULL };
  const BmPlanItem *calf;

  mark (before, "calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT);
  bm_therapist_set_item_techniques (before, "calf", BM_SIDE_LEFT, given);
  bm_therapist_set_item_minutes (before, "calf", BM_SIDE_LEFT, 12);
  bm_history_add (history, before, NULL);

  mark (now, "calf", BM_SIDE_LEFT, 3, BM_SYMPTOM_TIGHT);
  plain = bm_advise (now);
  /* Without history the advisor leads with something else */
  g_assert_cmpstr (bm_plan_find_item (plain, "calf", BM_SIDE_LEFT)->techniques[0], !=, "muscle-energy-technique");

  plan = bm_advise_with_history (now, history);
  calf = bm_plan_find_item (plan, "calf", BM_SIDE_LEFT);
  g_assert_cmpstr (calf->techniques[0], ==, "muscle-energy-technique");
  g_assert_nonnull (strstr (calf->reason, "It helped last time (Muscle energy technique, Assisted stretching, 12 min, 6 → 3)"));
  g_assert_cmpint (calf->change, ==, BM_CHANGE_BETTER);
  g_assert_cmpstr (plan->previous_visit, ==, "2026-11-09");
  g_assert_null (find_warning (plan, "not-improving", "calf"));
}

/* Worse after deep work: no deep technique today, and the reason says so */
static void
test_worse_after_deep (void)
{
  g_autoptr(BmIntake) before = visit ("2026-11-09");
  g_autoptr(BmIntake) now = visit ("2026-11-23");
  g_autoptr(BmIntake) after_light = visit ("2026-11-09");
  g_autoptr(BmHistory) history = bm_history_new ();
  g_autoptr(BmHistory) light_history = bm_history_new ();
  g_autoptr(BmPlan) plain = NULL;
  g_autoptr(BmPlan) plan = NULL;
  g_autoptr(BmPlan) light = NULL;
  const char *deep[] = { "deep-tissue", NULL };
  const char *gentle[] = { "swedish", NULL };
  const BmPlanItem *ham;

  bm_intake_set_pressure (before, BM_PRESSURE_FIRM);
  bm_intake_set_pressure (now, BM_PRESSURE_FIRM);
  mark (before, "hamstrings", BM_SIDE_RIGHT, 3, BM_SYMPTOM_TIGHT);
  bm_therapist_set_item_techniques (before, "hamstrings", BM_SIDE_RIGHT, deep);
  bm_history_add (history, before, NULL);

  mark (now, "hamstrings", BM_SIDE_RIGHT, 6, BM_SYMPTOM_TIGHT);
  plain = bm_advise (now);
  g_assert_true (has_deep (bm_plan_find_item (plain, "hamstrings", BM_SIDE_RIGHT)));

  plan = bm_advise_with_history (now, history);
  ham = bm_plan_find_item (plan, "hamstrings", BM_SIDE_RIGHT);
  g_assert_nonnull (ham->techniques[0]);
  g_assert_false (has_deep (ham));
  g_assert_cmpint (ham->minutes, >, 0);
  g_assert_nonnull (strstr (ham->reason, "Worse since the deep work of the last visit: lighter work today."));
  g_assert_cmpint (ham->change, ==, BM_CHANGE_WORSE);

  /* Worse after gentle work: the rule does not apply */
  bm_intake_set_pressure (after_light, BM_PRESSURE_FIRM);
  mark (after_light, "hamstrings", BM_SIDE_RIGHT, 3, BM_SYMPTOM_TIGHT);
  bm_therapist_set_item_techniques (after_light, "hamstrings", BM_SIDE_RIGHT, gentle);
  bm_history_add (light_history, after_light, NULL);
  light = bm_advise_with_history (now, light_history);
  ham = bm_plan_find_item (light, "hamstrings", BM_SIDE_RIGHT);
  g_assert_true (has_deep (ham));
  g_assert_null (strstr (ham->reason, "Worse since"));
}

static BmHistory *
three_visits (int         first,
              int         second,
              const char *technique)
{
  BmHistory *history = bm_history_new ();
  g_autoptr(BmIntake) a = visit ("2026-10-12");
  g_autoptr(BmIntake) b = visit ("2026-10-26");
  const char *given[] = { technique, NULL };

  mark (a, "calf", BM_SIDE_LEFT, first, BM_SYMPTOM_TIGHT);
  mark (b, "calf", BM_SIDE_LEFT, second, BM_SYMPTOM_TIGHT);
  bm_therapist_set_item_techniques (a, "calf", BM_SIDE_LEFT, given);
  bm_therapist_set_item_techniques (b, "calf", BM_SIDE_LEFT, given);
  bm_history_add (history, a, NULL);
  bm_history_add (history, b, NULL);
  return history;
}

/* Marked at three visits in a row without getting better: a caution to
 * have it assessed, and a different lead technique today. Not at two
 * visits, not when it improved over them, and never for an area that is
 * not worked today. */
static void
test_not_improving (void)
{
  g_autoptr(BmIntake) now = visit ("2026-11-09");
  g_autoptr(BmHistory) stuck = three_visits (6, 6, "deep-tissue");
  g_autoptr(BmHistory) better = three_visits (6, 5, "deep-tissue");
  g_autoptr(BmHistory) two = bm_history_new ();
  g_autoptr(BmPlan) plan = NULL;
  g_autoptr(BmPlan) plan_better = NULL;
  g_autoptr(BmPlan) plan_two = NULL;
  g_autoptr(BmPlan) plan_referred = NULL;
  const BmPlanWarning *w;
  const BmPlanItem *calf;

  bm_intake_set_pressure (now, BM_PRESSURE_FIRM);
  mark (now, "calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT);
  plan = bm_advise_with_history (now, stuck);
  w = find_warning (plan, "not-improving", "calf");
  g_assert_nonnull (w);
  g_assert_cmpint (w->level, ==, BM_WARNING_CAUTION);
  g_assert_cmpint (w->side, ==, BM_SIDE_LEFT);
  g_assert_true (g_str_has_prefix (w->message, "Marked at 3 visits in a row without getting better:"));
  g_assert_nonnull (strstr (w->message, "physiotherapist"));
  calf = bm_plan_find_item (plan, "calf", BM_SIDE_LEFT);
  g_assert_nonnull (calf->techniques[0]);
  g_assert_cmpstr (calf->techniques[0], !=, "deep-tissue");
  g_assert_cmpint (calf->minutes, >, 0);
  g_assert_nonnull (strstr (calf->reason, "Not better after 3 visits of Deep tissue: something different today."));

  /* 6, 5, then 6 again is no better; 6, 5 and today 4 is */
  {
    g_autoptr(BmIntake) improving = visit ("2026-11-09");

    bm_intake_set_pressure (improving, BM_PRESSURE_FIRM);
    mark (improving, "calf", BM_SIDE_LEFT, 4, BM_SYMPTOM_TIGHT);
    plan_better = bm_advise_with_history (improving, better);
    g_assert_null (find_warning (plan_better, "not-improving", "calf"));
  }

  /* Two visits in a row are not yet a pattern */
  bm_history_add (two, bm_history_get_visit (stuck, 1)->intake, NULL);
  plan_two = bm_advise_with_history (now, two);
  g_assert_null (find_warning (plan_two, "not-improving", "calf"));

  /* Tingling is referred (not worked today): no "different approach" */
  {
    g_autoptr(BmIntake) tingling = visit ("2026-11-09");

    mark (tingling, "calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_TINGLING);
    plan_referred = bm_advise_with_history (tingling, stuck);
    g_assert_null (find_warning (plan_referred, "not-improving", "calf"));
    g_assert_nonnull (find_warning (plan_referred, "nerve", "calf"));
    g_assert_null (bm_plan_find_item (plan_referred, "calf", BM_SIDE_LEFT)->techniques[0]);
  }
}

/* A visit that is postponed learns nothing and keeps its own next visit */
static void
test_postponed (void)
{
  g_autoptr(BmIntake) now = visit ("2026-11-09");
  g_autoptr(BmHistory) stuck = three_visits (6, 6, "deep-tissue");
  g_autoptr(BmPlan) plan = NULL;

  mark (now, "calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT);
  bm_intake_set_health (now, BM_HEALTH_FEVER);
  plan = bm_advise_with_history (now, stuck);
  g_assert_cmpint (plan->session_minutes, ==, 0);
  g_assert_null (find_warning (plan, "not-improving", "calf"));
  {
    g_autoptr(BmPlan) plain = bm_advise (now);

    g_assert_cmpint (plan->next_visit_days, ==, plain->next_visit_days);
  }
}

/* The next visit follows the client's rhythm, kept within one to six
 * weeks, and the race still moves it */
static void
test_next_visit (void)
{
  g_autoptr(BmHistory) fortnightly = three_visits (4, 4, "swedish");
  g_autoptr(BmHistory) rare = bm_history_new ();
  g_autoptr(BmIntake) now = visit ("2026-11-09");
  g_autoptr(BmIntake) old = visit ("2026-01-05");
  g_autoptr(BmPlan) plan = NULL;
  g_autoptr(BmPlan) plain = NULL;
  g_autoptr(BmPlan) rare_plan = NULL;
  g_autoptr(BmPlan) race_plan = NULL;

  plain = bm_advise (now);
  g_assert_cmpint (plain->next_visit_days, ==, 21);   /* maintenance */
  plan = bm_advise_with_history (now, fortnightly);
  g_assert_cmpint (plan->next_visit_days, ==, 14);
  g_assert_cmpstr (plan->next_visit_reason, ==, "About every 14 days, as the client usually comes.");

  bm_history_add (rare, old, NULL);
  rare_plan = bm_advise_with_history (now, rare);
  g_assert_cmpint (rare_plan->next_visit_days, ==, 42);

  /* A half marathon in 12 days: the visit is offered before it */
  bm_intake_set_next_race (now, "2026-11-21", "Half marathon");
  race_plan = bm_advise_with_history (now, fortnightly);
  g_assert_cmpint (race_plan->next_visit_days, <, 12);
  g_assert_cmpint (race_plan->visit_before_race, ==, race_plan->next_visit_days);
}

/* The rules: every history rule says why; without them earlier visits
 * change nothing; a "not improving" rule that would stop the work (and so
 * contradict its own "different approach") is refused */
static void
change_drop_history (JsonObject *root)
{
  json_object_remove_member (root, "history");
}

static void
change_refer (JsonObject *root)
{
  JsonObject *history = json_object_get_object_member (root, "history");

  json_object_set_string_member (json_object_get_object_member (history, "not_improving"), "level", "refer");
}

static BmAdvisorRules *
changed_rules (void (*change) (JsonObject *root),
               GError   **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) changed = NULL;
  g_autofree char *text = NULL;

  (void) bm_technique_list_ids ();
  bytes = g_resources_lookup_data ("/io/github/bodymap/BodyMap/rules/advisor.json", 0, NULL);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  change (json_node_get_object (json_parser_get_root (parser)));
  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, NULL);
  changed = g_bytes_new (text, strlen (text));
  return bm_advisor_rules_new_from_bytes (changed, bm_atlas_get_default (), error);
}

static void
test_rules (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BmAdvisorRules) without = NULL;
  g_autoptr(BmAdvisorRules) refer = NULL;
  g_autoptr(BmHistory) stuck = three_visits (6, 6, "deep-tissue");
  g_autoptr(BmIntake) now = visit ("2026-11-09");
  g_autoptr(BmPlan) plan = NULL;
  g_autoptr(BmPlan) plain = NULL;
  g_autofree char *a = NULL, *b = NULL;
  JsonObject *history;
  const char *rules[] = { "worse_after_deep", "improved", "not_improving", "usual_gap", NULL };

  (void) bm_technique_list_ids ();
  bytes = g_resources_lookup_data ("/io/github/bodymap/BodyMap/rules/advisor.json", 0, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error));
  history = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "history");
  g_assert_nonnull (history);
  for (guint i = 0; rules[i]; i++)
    {
      JsonObject *rule = json_object_get_object_member (history, rules[i]);
      const char *why = json_object_get_string_member_with_default (rule, "why", "");

      g_assert_cmpuint (strlen (why), >, 40);
    }

  without = changed_rules (change_drop_history, &error);
  g_assert_no_error (error);
  mark (now, "calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT);
  plan = bm_advisor_advise_with_history (without, bm_atlas_get_default (), now, stuck);
  g_assert_null (find_warning (plan, "not-improving", "calf"));
  g_assert_cmpint (plan->next_visit_days, ==, 21);
  /* What changed is still said: that is not a rule */
  g_assert_cmpstr (plan->previous_visit, ==, "2026-10-26");

  refer = changed_rules (change_refer, &error);
  g_assert_nonnull (error);
  g_assert_null (refer);
  g_assert_nonnull (strstr (error->message, "not_improving"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/model", test_model);
  g_test_add_func ("/history/no-history", test_no_history);
  g_test_add_func ("/history/improved", test_improved);
  g_test_add_func ("/history/worse-after-deep", test_worse_after_deep);
  g_test_add_func ("/history/not-improving", test_not_improving);
  g_test_add_func ("/history/postponed", test_postponed);
  g_test_add_func ("/history/next-visit", test_next_visit);
  g_test_add_func ("/history/rules", test_rules);

  return g_test_run ();
}
