/* test-progress.c: what changed since the previous visit; no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bm-advisor.h"
#include "bm-plan-text.h"
#include "bm-progress.h"
#include "bm-therapist.h"

static BmIntake *
visit (const char *date)
{
  BmIntake *intake = bm_intake_new ();

  bm_intake_set_client_name (intake, "Jamie");
  bm_intake_set_visit_date (intake, date);
  return intake;
}

static void
mark (BmIntake   *intake,
      const char *region,
      BmSide      side,
      int         severity)
{
  g_autoptr(BmMark) m = bm_mark_new (region, side, severity, BM_SYMPTOM_TIGHT, NULL);

  bm_intake_set_mark (intake, m, FALSE);
}

/* better (two points or more down), worse, same (one point or less),
 * new, and gone; "previous" as marked then and as given then */
static void
test_changes (void)
{
  g_autoptr(BmIntake) before = visit ("2026-11-09");
  g_autoptr(BmIntake) now = visit ("2026-11-23");
  g_autoptr(BmPlan) before_plan = NULL;
  g_autoptr(BmPlan) plan = NULL;
  g_autofree char *json = NULL;
  g_auto(GStrv) lines = NULL;
  const BmPlanItem *calf, *hamstrings, *neck, *shin;
  const BmPlanResolved *gone;

  mark (before, "calf", BM_SIDE_LEFT, 6);
  mark (before, "hamstrings", BM_SIDE_RIGHT, 3);
  mark (before, "neck", BM_SIDE_CENTER, 4);
  mark (before, "glutes", BM_SIDE_LEFT, 5);
  /* What was given then, after the therapist's change */
  bm_therapist_set_item_minutes (before, "calf", BM_SIDE_LEFT, 20);
  before_plan = bm_advise (before);

  mark (now, "calf", BM_SIDE_LEFT, 4);        /* better */
  mark (now, "hamstrings", BM_SIDE_RIGHT, 5); /* worse */
  mark (now, "neck", BM_SIDE_CENTER, 5);      /* same: one point */
  mark (now, "shin", BM_SIDE_LEFT, 3);        /* new */
  plan = bm_advise (now);
  bm_progress_apply (plan, before, before_plan);

  g_assert_cmpstr (plan->previous_visit, ==, "2026-11-09");
  calf = bm_plan_find_item (plan, "calf", BM_SIDE_LEFT);
  g_assert_cmpint (calf->change, ==, BM_CHANGE_BETTER);
  g_assert_nonnull (calf->previous);
  g_assert_cmpint (calf->previous->severity, ==, 6);
  g_assert_cmpint (calf->previous->minutes, ==, 20);
  g_assert_cmpstrv (calf->previous->techniques,
                    (const char * const *) bm_plan_find_item (before_plan, "calf", BM_SIDE_LEFT)->techniques);
  hamstrings = bm_plan_find_item (plan, "hamstrings", BM_SIDE_RIGHT);
  g_assert_cmpint (hamstrings->change, ==, BM_CHANGE_WORSE);
  neck = bm_plan_find_item (plan, "neck", BM_SIDE_CENTER);
  g_assert_cmpint (neck->change, ==, BM_CHANGE_SAME);
  shin = bm_plan_find_item (plan, "shin", BM_SIDE_LEFT);
  g_assert_cmpint (shin->change, ==, BM_CHANGE_NEW);
  g_assert_null (shin->previous);

  g_assert_cmpuint (plan->resolved->len, ==, 1);
  gone = g_ptr_array_index (plan->resolved, 0);
  g_assert_cmpstr (gone->region, ==, "glutes");
  g_assert_cmpint (gone->side, ==, BM_SIDE_LEFT);
  g_assert_cmpint (gone->previous_severity, ==, 5);

  json = bm_plan_to_json (plan);
  g_assert_nonnull (strstr (json, "\"previous_visit\": \"2026-11-09\""));
  g_assert_nonnull (strstr (json, "\"change\": \"better\""));
  g_assert_nonnull (strstr (json, "\"previous_severity\": 5"));

  lines = bm_plan_dup_progress_lines (plan);
  g_assert_true (g_strv_contains ((const char * const *) lines, "Left calf: 6 → 4, better"));
  g_assert_true (g_strv_contains ((const char * const *) lines, "Right hamstrings: 3 → 5, worse"));
  g_assert_true (g_strv_contains ((const char * const *) lines, "Neck: 4 → 5, about the same"));
  g_assert_true (g_strv_contains ((const char * const *) lines, "Left shin: new, 3/10"));
  g_assert_true (g_strv_contains ((const char * const *) lines, "Left glutes: 5 → not marked"));

  /* A copy keeps it all */
  {
    g_autoptr(BmPlan) copy = bm_plan_copy (plan);
    g_autofree char *copied = bm_plan_to_json (copy);

    g_assert_cmpstr (copied, ==, json);
  }
}

/* Without a previous visit, none of the history fields */
static void
test_no_previous (void)
{
  g_autoptr(BmIntake) now = visit ("2026-11-23");
  g_autoptr(BmPlan) plan = NULL;
  g_autofree char *json = NULL;

  mark (now, "calf", BM_SIDE_LEFT, 4);
  plan = bm_advise (now);
  json = bm_plan_to_json (plan);
  g_assert_null (strstr (json, "previous"));
  g_assert_null (strstr (json, "\"change\""));
  g_assert_null (strstr (json, "resolved"));
  g_assert_null (bm_plan_dup_progress_lines (plan));
}

/* Two intakes area by area, as the map and the list compare them: head
 * to toe, with the severity then and now, the same one-point rule as the
 * plan, and the areas marked then and not now as resolved */
static void
test_compare (void)
{
  g_autoptr(BmIntake) before = visit ("2026-11-09");
  g_autoptr(BmIntake) now = visit ("2026-11-23");
  g_autoptr(GPtrArray) areas = NULL;
  static const struct {
    const char *region;
    BmSide side;
    int before, now;
    BmProgressKind kind;
  } expected[] = {
    { "neck", BM_SIDE_CENTER, 4, 5, BM_PROGRESS_SAME },
    { "glutes", BM_SIDE_LEFT, 5, -1, BM_PROGRESS_RESOLVED },
    { "hamstrings", BM_SIDE_RIGHT, 3, 5, BM_PROGRESS_WORSE },
    { "shin", BM_SIDE_LEFT, -1, 3, BM_PROGRESS_NEW },
    { "calf", BM_SIDE_LEFT, 6, 4, BM_PROGRESS_BETTER },
    { "calf", BM_SIDE_RIGHT, 2, 0, BM_PROGRESS_BETTER },
  };

  mark (before, "calf", BM_SIDE_LEFT, 6);
  mark (before, "calf", BM_SIDE_RIGHT, 2);
  mark (before, "hamstrings", BM_SIDE_RIGHT, 3);
  mark (before, "neck", BM_SIDE_CENTER, 4);
  mark (before, "glutes", BM_SIDE_LEFT, 5);
  mark (before, "no-such-region", BM_SIDE_LEFT, 5);

  mark (now, "calf", BM_SIDE_LEFT, 4);
  mark (now, "shin", BM_SIDE_LEFT, 3);
  mark (now, "calf", BM_SIDE_RIGHT, 0);       /* marked, no pain: two down */
  mark (now, "hamstrings", BM_SIDE_RIGHT, 5);
  mark (now, "neck", BM_SIDE_CENTER, 5);

  areas = bm_progress_compare (before, now);
  g_assert_cmpuint (areas->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < areas->len; i++)
    {
      const BmProgressArea *area = g_ptr_array_index (areas, i);

      g_assert_cmpstr (area->region, ==, expected[i].region);
      g_assert_cmpint (area->side, ==, expected[i].side);
      g_assert_cmpint (area->before, ==, expected[i].before);
      g_assert_cmpint (area->now, ==, expected[i].now);
      g_assert_cmpint (area->kind, ==, expected[i].kind);
      g_assert_true (bm_progress_find (areas, expected[i].region, expected[i].side) == area);
    }
  g_assert_null (bm_progress_find (areas, "calf", BM_SIDE_CENTER));
  g_assert_null (bm_progress_find (areas, "no-such-region", BM_SIDE_LEFT));

  g_assert_cmpint (bm_progress_classify (6, 4), ==, BM_CHANGE_BETTER);
  g_assert_cmpint (bm_progress_classify (4, 5), ==, BM_CHANGE_SAME);
  g_assert_cmpint (bm_progress_classify (5, 4), ==, BM_CHANGE_SAME);
  g_assert_cmpint (bm_progress_classify (3, 5), ==, BM_CHANGE_WORSE);
  g_assert_cmpstr (bm_progress_kind_to_id (BM_PROGRESS_RESOLVED), ==, "resolved");
  g_assert_cmpstr (bm_progress_kind_get_label (BM_PROGRESS_BETTER), ==, "Better");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/progress/changes", test_changes);
  g_test_add_func ("/progress/no-previous", test_no_previous);
  g_test_add_func ("/progress/compare", test_compare);

  return g_test_run ();
}
