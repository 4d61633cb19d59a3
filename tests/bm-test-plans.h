/* bm-test-plans.h: plans as the advisor of issue 11 writes them, built by
 * hand so that tests of what people see do not depend on the advisor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bm-plan.h"


static inline BmPlanItem *
bm_test_add_item (BmPlan     *plan,
          const char *region,
          BmSide      side,
          int         severity,
          BmSymptoms  symptoms,
          BmItemRole  role,
          const char *technique,
          int         minutes,
          const char *reason)
{
  BmPlanItem *item = g_new0 (BmPlanItem, 1);

  item->region = g_strdup (region);
  item->side = side;
  item->severity = severity;
  item->symptoms = symptoms;
  item->marked = role == BM_ITEM_MARKED;
  item->role = role;
  item->techniques = technique ? g_strsplit (technique, ",", -1) : g_new0 (char *, 1);
  item->minutes = minutes;
  item->reason = g_strdup (reason);
  item->therapist = role == BM_ITEM_ADDED;
  g_ptr_array_add (plan->items, item);
  return item;
}

static inline BmPlanWarning *
bm_test_add_warning (BmPlan         *plan,
                  BmWarningLevel  level,
                  const char     *id,
                  const char     *region,
                  BmSide          side,
                  const char     *message,
                  const char     *note)
{
  BmPlanWarning *warning = g_new0 (BmPlanWarning, 1);

  warning->level = level;
  warning->id = g_strdup (id);
  warning->region = g_strdup (region);
  warning->side = side;
  warning->message = g_strdup (message);
  warning->acknowledged = note != NULL;
  warning->note = g_strdup (note);
  g_ptr_array_add (plan->warnings, warning);
  return warning;
}

static inline void
bm_test_add_home_care (BmPlan     *plan,
               const char *region,
               const char *text)
{
  BmHomeCareItem *hc = g_new0 (BmHomeCareItem, 1);

  hc->region = g_strdup (region);
  hc->text = g_strdup (text);
  g_ptr_array_add (plan->home_care, hc);
}

#define BM_TEST_NERVE_MESSAGE "Tingling can come from an irritated nerve: have it checked first."

static inline BmPlan *
bm_test_make_safety_plan (void)
{
  BmPlan *plan = bm_plan_new ();
  BmPlanItem *item;

  g_free (plan->client);
  plan->client = g_strdup ("Robin Safe");
  g_free (plan->visit_date);
  plan->visit_date = g_strdup ("2026-12-03");   /* a Thursday */
  plan->session_minutes = 60;
  plan->assessment_minutes = 10;
  plan->days_to_race = 6;
  plan->days_since_race = -1;
  g_free (plan->timing_advice);
  plan->timing_advice = g_strdup ("Light work only this close to the race.");
  plan->next_visit_days = 4;
  plan->visit_before_race = 3;
  plan->visit_after_race = 9;
  plan->next_visit_reason = g_strdup ("A light session a few days before the race.");

  bm_test_add_item (plan, "tfl", BM_SIDE_LEFT, 0, 0, BM_ITEM_SUPPORT, "swedish", 8, "Eases the pull on the band.")
    ->supports = g_strdup ("it-band");
  bm_test_add_item (plan, "glutes", BM_SIDE_LEFT, 5, BM_SYMPTOM_KNOT, BM_ITEM_MARKED, NULL, 0, "Left out today.");
  item = g_ptr_array_index (plan->items, 1);
  item->left_out = TRUE;
  item->therapist = TRUE;
  item->freed_minutes = 12;
  bm_test_add_item (plan, "it-band", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT, BM_ITEM_MARKED, "myofascial-release,swedish", 15,
            "Tight band: long, slow strokes.");
  bm_test_add_item (plan, "hamstrings", BM_SIDE_RIGHT, 0, 0, BM_ITEM_MAINTENANCE, "swedish", 10,
            "Spare minutes for the runner's usual chain.");
  bm_test_add_item (plan, "shin", BM_SIDE_RIGHT, 7, BM_SYMPTOM_TINGLING, BM_ITEM_MARKED, NULL, 0,
            "Not worked today: the tingling needs checking first.");
  bm_test_add_item (plan, "calf", BM_SIDE_LEFT, 4, BM_SYMPTOM_TINGLING, BM_ITEM_MARKED, NULL, 0,
            "Not worked today: the tingling needs checking first.");
  bm_test_add_item (plan, "calf", BM_SIDE_RIGHT, 3, BM_SYMPTOM_TINGLING, BM_ITEM_MARKED, NULL, 0,
            "Not worked today: the tingling needs checking first.");
  bm_test_add_item (plan, "upper-back", BM_SIDE_RIGHT, 0, 0, BM_ITEM_ADDED, "swedish", 5, "Added on the day.");
  /* 60 - 10 - 8 - 15 - 10 - 5 = 12 minutes not planned yet */

  bm_test_add_warning (plan, BM_WARNING_REFER, "nerve", "shin", BM_SIDE_RIGHT, BM_TEST_NERVE_MESSAGE, NULL);
  bm_test_add_warning (plan, BM_WARNING_REFER, "nerve", "calf", BM_SIDE_LEFT, BM_TEST_NERVE_MESSAGE, NULL);
  bm_test_add_warning (plan, BM_WARNING_REFER, "nerve", "calf", BM_SIDE_RIGHT, BM_TEST_NERVE_MESSAGE, NULL);
  bm_test_add_warning (plan, BM_WARNING_CAUTION, "blood-thinners", NULL, BM_SIDE_CENTER,
                    "Blood thinners: lighter pressure throughout.", "cleared by GP on 28 Nov");

  g_strfreev (plan->do_not_touch);
  plan->do_not_touch = g_strsplit ("foot,neck", ",", -1);

  item = g_new0 (BmPlanItem, 1);
  item->region = g_strdup ("quadriceps");
  item->side = BM_SIDE_RIGHT;
  item->severity = 3;
  item->symptoms = BM_SYMPTOM_SORE;
  item->marked = TRUE;
  item->techniques = g_new0 (char *, 1);
  g_ptr_array_add (plan->next_time, item);

  bm_test_add_home_care (plan, "it-band", "Roll the outer thigh gently, never the band itself.");
  bm_test_add_home_care (plan, NULL, "Drink well and walk a little tonight.");
  return plan;
}

/* A postponed plan: fever, with the marked area not worked */
static inline BmPlan *
bm_test_make_postponed_plan (void)
{
  BmPlan *plan = bm_plan_new ();

  g_free (plan->client);
  plan->client = g_strdup ("Sam Fever");
  g_free (plan->visit_date);
  plan->visit_date = g_strdup ("2026-03-02");
  plan->session_minutes = 0;
  plan->assessment_minutes = 0;
  plan->days_to_race = 0;
  plan->days_since_race = 1;
  g_free (plan->timing_advice);
  plan->timing_advice = g_strdup ("A flush today helps the legs recover.");
  plan->postpone_advice = g_strdup ("Rest until you have been well for two days, then rebook.");
  plan->next_visit_days = 7;
  bm_test_add_item (plan, "calf", BM_SIDE_LEFT, 4, BM_SYMPTOM_TIGHT, BM_ITEM_MARKED, NULL, 0,
            "Not worked: no massage today.");
  bm_test_add_warning (plan, BM_WARNING_POSTPONE, "fever", NULL, BM_SIDE_CENTER,
                    "No massage while you have a fever.", NULL);
  return plan;
}

