/* test-therapist.c: the therapist's adjustments, stored in the intake and
 * applied by the advisor; no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bm-adjustments.h"
#include "bm-advisor.h"
#include "bm-intake-io.h"
#include "bm-therapist.h"

static BmIntake *
calf_intake (void)
{
  BmIntake *intake = bm_intake_new ();
  g_autoptr(BmMark) mark = bm_mark_new ("calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT | BM_SYMPTOM_KNOT, NULL);

  bm_intake_set_client_name (intake, "Jamie Rivers");
  bm_intake_set_visit_date (intake, "2026-11-23");
  bm_intake_set_mark (intake, mark, FALSE);
  return intake;
}

static void
test_item_changes (void)
{
  g_autoptr(BmIntake) intake = calf_intake ();
  g_autoptr(BmPlan) before = bm_advise (intake);
  g_autoptr(BmPlan) after = NULL;
  const char *techniques[] = { "assisted-stretching", "swedish", NULL };
  const BmPlanItem *item;

  item = bm_plan_find_item (before, "calf", BM_SIDE_LEFT);
  g_assert_nonnull (item);
  g_assert_false (item->therapist);
  g_assert_false (bm_therapist_has_changes (intake));

  bm_therapist_set_item_minutes (intake, "calf", BM_SIDE_LEFT, 25);
  bm_therapist_set_item_techniques (intake, "calf", BM_SIDE_LEFT, techniques);
  g_assert_true (bm_therapist_has_changes (intake));
  g_assert_true (bm_intake_get_modified (intake));

  after = bm_advise (intake);
  item = bm_plan_find_item (after, "calf", BM_SIDE_LEFT);
  g_assert_nonnull (item);
  g_assert_true (item->therapist);
  g_assert_cmpint (item->minutes, ==, 25);
  g_assert_cmpstrv (item->techniques, techniques);
  /* The session still holds everything */
  g_assert_cmpint (after->session_minutes, >=, 25 + after->assessment_minutes);
}

static void
test_add_remove_reset (void)
{
  g_autoptr(BmIntake) intake = calf_intake ();
  g_autoptr(BmPlan) added = NULL;
  g_autoptr(BmPlan) removed = NULL;
  g_autoptr(BmPlan) reset = NULL;
  const BmPlanItem *item;

  bm_therapist_add_item (intake, "upper-back", BM_SIDE_RIGHT);
  added = bm_advise (intake);
  item = bm_plan_find_item (added, "upper-back", BM_SIDE_RIGHT);
  g_assert_nonnull (item);
  g_assert_true (item->therapist);
  g_assert_false (item->marked);
  g_assert_true (g_strv_length (item->techniques) > 0);

  bm_therapist_remove_item (intake, "calf", BM_SIDE_LEFT);
  removed = bm_advise (intake);
  /* Left out, it stays visible with no work and the minutes it frees */
  item = bm_plan_find_item (removed, "calf", BM_SIDE_LEFT);
  g_assert_true (item->left_out);
  g_assert_cmpint (item->minutes, ==, 0);
  g_assert_cmpint (item->freed_minutes, >, 0);
  g_assert_nonnull (bm_plan_find_item (removed, "upper-back", BM_SIDE_RIGHT));

  /* Adding back undoes the removal */
  bm_therapist_add_item (intake, "calf", BM_SIDE_LEFT);
  g_clear_pointer (&removed, bm_plan_free);
  removed = bm_advise (intake);
  g_assert_nonnull (bm_plan_find_item (removed, "calf", BM_SIDE_LEFT));
  g_assert_false (bm_plan_find_item (removed, "calf", BM_SIDE_LEFT)->left_out);

  /* Acknowledgements are kept by Reset, like the notes */
  bm_therapist_acknowledge_warning (intake, "nerve", "shin", BM_SIDE_LEFT, "cleared by physio on 28 Nov");
  bm_therapist_acknowledge_warning (intake, "recent-injury", NULL, BM_SIDE_CENTER, "");
  g_assert_cmpstr (bm_therapist_get_acknowledgement (intake, "nerve", "shin", BM_SIDE_LEFT), ==,
                   "cleared by physio on 28 Nov");
  g_assert_null (bm_therapist_get_acknowledgement (intake, "nerve", "shin", BM_SIDE_RIGHT));
  g_assert_null (bm_therapist_get_acknowledgement (intake, "nerve", NULL, BM_SIDE_CENTER));
  g_assert_cmpstr (bm_therapist_get_acknowledgement (intake, "recent-injury", NULL, BM_SIDE_CENTER), ==, "");

  bm_therapist_set_notes (intake, "Check again next week.");
  bm_therapist_reset (intake);
  g_assert_false (bm_therapist_has_changes (intake));
  /* The notes are not an adjustment: they stay */
  g_assert_cmpstr (bm_therapist_get_notes (intake), ==, "Check again next week.");
  reset = bm_advise (intake);
  g_assert_null (bm_plan_find_item (reset, "upper-back", BM_SIDE_RIGHT));
  g_assert_cmpstr (reset->therapist_notes, ==, "Check again next week.");
  g_assert_cmpstr (bm_therapist_get_acknowledgement (intake, "nerve", "shin", BM_SIDE_LEFT), ==,
                   "cleared by physio on 28 Nov");
  bm_therapist_acknowledge_warning (intake, "nerve", "shin", BM_SIDE_LEFT, NULL);
  g_assert_null (bm_therapist_get_acknowledgement (intake, "nerve", "shin", BM_SIDE_LEFT));
}

static void
test_session_length (void)
{
  g_autoptr(BmIntake) intake = calf_intake ();
  g_autoptr(BmPlan) plan = NULL;

  bm_therapist_set_session_minutes (intake, 90);
  g_assert_cmpint (bm_therapist_get_session_minutes (intake), ==, 90);
  plan = bm_advise (intake);
  g_assert_cmpint (plan->session_minutes, ==, 90);
  g_assert_true (plan->session_set_by_therapist);

  bm_therapist_set_session_minutes (intake, 0);
  g_assert_cmpint (bm_therapist_get_session_minutes (intake), ==, 0);
  g_clear_pointer (&plan, bm_plan_free);
  plan = bm_advise (intake);
  g_assert_false (plan->session_set_by_therapist);
}

/* Adjustments survive saving and opening, and the plan says who changed what */
static void
test_round_trip (void)
{
  g_autoptr(BmIntake) intake = calf_intake ();
  g_autoptr(BmIntake) back = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(BmPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  bm_therapist_set_item_minutes (intake, "calf", BM_SIDE_LEFT, 20);
  bm_therapist_set_session_minutes (intake, 75);
  bm_therapist_set_notes (intake, "Rebook in a week.");

  bytes = bm_intake_save_bytes (intake);
  back = bm_intake_load_bytes (bytes, "jamie.bodymap", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bm_therapist_get_session_minutes (back), ==, 75);
  g_assert_cmpstr (bm_therapist_get_notes (back), ==, "Rebook in a week.");

  again = bm_intake_save_bytes (back);
  g_assert_true (g_bytes_equal (bytes, again));

  /* On a document just opened, an adjustment is an unsaved change, and the
   * document it was copied from is untouched */
  {
    g_autoptr(BmIntake) other = bm_intake_load_bytes (bytes, "jamie.bodymap", NULL);

    g_assert_false (bm_intake_get_modified (other));
    bm_therapist_set_notes (other, "Changed.");
    g_assert_true (bm_intake_get_modified (other));
    g_assert_cmpstr (bm_therapist_get_notes (back), ==, "Rebook in a week.");
  }

  plan = bm_advise (back);
  g_assert_cmpint (bm_plan_find_item (plan, "calf", BM_SIDE_LEFT)->minutes, ==, 20);
  json = bm_plan_to_json (plan);
  g_assert_nonnull (strstr (json, "\"therapist\": true"));
  g_assert_nonnull (strstr (json, "\"session_set_by_therapist\": true"));
}

/* A hand-edited file with huge notes cannot make the plan (or its pages)
 * huge */
static void
test_long_text_limited (void)
{
  g_autoptr(BmIntake) intake = calf_intake ();
  g_autoptr(BmPlan) plan = NULL;
  g_autoptr(GString) huge = g_string_new (NULL);

  for (guint i = 0; i < 50000; i++)
    g_string_append (huge, "é");
  bm_therapist_set_notes (intake, huge->str);
  plan = bm_advise (intake);
  g_assert_cmpint (g_utf8_strlen (plan->therapist_notes, -1), <=, 4001);
  g_assert_true (g_str_has_suffix (plan->therapist_notes, "…"));
}


/* The therapist object read once into typed adjustments, forgivingly */
static void
test_adjustments (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BmAdjustments) adj = NULL;
  g_autoptr(BmAdjustments) none = bm_adjustments_new_from_json (NULL);
  const BmAdjustedItem *item;

  json_parser_load_from_data (parser,
    "{ \"session_minutes\": 75.0, \"notes\": \"Check again.\","
    "  \"items\": [ { \"region\": \"calf\", \"side\": \"left\", \"techniques\": [\"trigger-point\", 3, null],"
    "                 \"minutes\": 20, \"reason\": \"Knot.\" },"
    "               { \"region\": \"tfl\" }, { \"side\": \"left\" }, { \"region\": \"neck\", \"side\": \"up\" }, 7 ],"
    "  \"removed\": [ { \"region\": \"hamstrings\" }, [] ],"
    "  \"acknowledged\": [ { \"warning\": \"nerve\", \"region\": \"shin\", \"side\": \"right\", \"note\": \"ok\" },"
    "                      { \"warning\": \"fever\" }, { \"note\": \"no id\" } ] }", -1, &error);
  g_assert_no_error (error);
  adj = bm_adjustments_new_from_json (json_node_get_object (json_parser_get_root (parser)));

  g_assert_cmpint (adj->session_minutes, ==, 75);
  g_assert_cmpstr (adj->notes, ==, "Check again.");
  g_assert_cmpuint (adj->items->len, ==, 2);
  item = g_ptr_array_index (adj->items, 0);
  g_assert_cmpstrv (item->techniques, ((const char * const[]) { "trigger-point", NULL }));
  g_assert_true (item->has_minutes);
  g_assert_cmpint (item->minutes, ==, 20);
  g_assert_cmpstr (item->reason, ==, "Knot.");
  item = g_ptr_array_index (adj->items, 1);
  g_assert_null (item->techniques);
  g_assert_false (item->has_minutes);
  /* No side means both sides */
  g_assert_true (bm_adjusted_area_covers (&item->area, "tfl", BM_SIDE_LEFT));
  g_assert_true (bm_adjusted_area_covers (&item->area, "tfl", BM_SIDE_RIGHT));
  g_assert_false (bm_adjusted_area_covers (&item->area, "glutes", BM_SIDE_LEFT));
  g_assert_cmpuint (adj->removed->len, ==, 1);
  g_assert_cmpuint (adj->acknowledged->len, ==, 2);
  g_assert_cmpstr (bm_adjustments_get_acknowledgement (adj, "nerve", "shin", BM_SIDE_RIGHT), ==, "ok");
  g_assert_null (bm_adjustments_get_acknowledgement (adj, "nerve", "shin", BM_SIDE_LEFT));
  g_assert_cmpstr (bm_adjustments_get_acknowledgement (adj, "fever", NULL, BM_SIDE_CENTER), ==, "");
  g_assert_null (bm_adjustments_get_acknowledgement (adj, "fever", "shin", BM_SIDE_RIGHT));

  g_assert_cmpint (none->session_minutes, ==, 0);
  g_assert_null (none->notes);
  g_assert_cmpuint (none->items->len + none->removed->len + none->acknowledged->len, ==, 0);
}

/* The minutes of every worked area that is not maintenance, by area */
static GHashTable *
area_minutes (const BmPlan *plan)
{
  GHashTable *minutes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < plan->items->len; i++)
    {
      const BmPlanItem *item = g_ptr_array_index (plan->items, i);

      if (item->role != BM_ITEM_MAINTENANCE)
        g_hash_table_insert (minutes, g_strdup_printf ("%s/%s", item->region, bm_side_to_id (item->side)),
                             GINT_TO_POINTER (item->minutes));
    }
  return minutes;
}

static int
planned_minutes (const BmPlan *plan)
{
  int sum = plan->assessment_minutes;

  for (guint i = 0; i < plan->items->len; i++)
    sum += ((const BmPlanItem *) g_ptr_array_index (plan->items, i))->minutes;
  return sum;
}

static gboolean
has_warning (const BmPlan *plan,
             const char   *id)
{
  for (guint i = 0; i < plan->warnings->len; i++)
    if (g_strcmp0 (((const BmPlanWarning *) g_ptr_array_index (plan->warnings, i))->id, id) == 0)
      return TRUE;
  return FALSE;
}

/* Every other area keeps its minutes, all of them */
static void
assert_others_kept (const BmPlan *before,
                    const BmPlan *after,
                    const char   *changed)
{
  g_autoptr(GHashTable) was = area_minutes (before);
  g_autoptr(GHashTable) now = area_minutes (after);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, was);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (key, changed) != 0)
      {
        g_assert_true (g_hash_table_contains (now, key));
        g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (now, key)), ==, GPOINTER_TO_INT (value));
      }
}

static BmIntake *
busy_intake (void)
{
  BmIntake *intake = calf_intake ();
  g_autoptr(BmMark) hamstring = bm_mark_new ("hamstrings", BM_SIDE_RIGHT, 5, BM_SYMPTOM_TIGHT, NULL);
  g_autoptr(BmMark) glutes = bm_mark_new ("glutes", BM_SIDE_LEFT, 4, BM_SYMPTOM_SORE, NULL);

  bm_intake_set_mark (intake, hamstring, FALSE);
  bm_intake_set_mark (intake, glutes, FALSE);
  return intake;
}

/* More minutes for one area, with the advisor's length: the session
 * grows to hold them, and no other area loses a minute */
static void
test_minutes_never_taken (void)
{
  g_autoptr(BmIntake) intake = busy_intake ();
  g_autoptr(BmPlan) before = bm_advise (intake);
  g_autoptr(BmPlan) after = NULL;
  int calf = bm_plan_find_item (before, "calf", BM_SIDE_LEFT)->minutes;

  bm_therapist_set_item_minutes (intake, "calf", BM_SIDE_LEFT, calf + 60);
  after = bm_advise (intake);
  g_assert_cmpint (bm_plan_find_item (after, "calf", BM_SIDE_LEFT)->minutes, ==, calf + 60);
  assert_others_kept (before, after, "calf/left");
  g_assert_cmpint (planned_minutes (after), <=, after->session_minutes);
  g_assert_cmpint (after->session_minutes, >, before->session_minutes);
  g_assert_cmpint (after->chosen_session_minutes, ==, 0);
  g_assert_false (has_warning (after, "shortened"));
  g_clear_pointer (&after, bm_plan_free);

  /* Fewer minutes free a few; they are not handed to the others */
  bm_therapist_set_item_minutes (intake, "calf", BM_SIDE_LEFT, 2);
  after = bm_advise (intake);
  assert_others_kept (before, after, "calf/left");
  g_assert_cmpint (after->session_minutes, ==, before->session_minutes);
}

/* Over the length the therapist chose: said, kept, and fitted back only
 * by Rebalance, in one undo step */
static void
test_over_chosen_length (void)
{
  g_autoptr(BmIntake) intake = busy_intake ();
  g_autoptr(BmPlan) before = NULL;
  g_autoptr(BmPlan) over = NULL;
  g_autoptr(BmPlan) fitted = NULL;
  g_autoptr(BmPlan) undone = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  int calf;

  bm_therapist_set_session_minutes (intake, 60);
  before = bm_advise (intake);
  g_assert_cmpint (before->session_minutes, ==, 60);
  g_assert_false (bm_therapist_rebalance (intake, before));
  calf = bm_plan_find_item (before, "calf", BM_SIDE_LEFT)->minutes;

  bm_therapist_set_item_minutes (intake, "calf", BM_SIDE_LEFT, calf + 20);
  over = bm_advise (intake);
  g_assert_cmpint (over->chosen_session_minutes, ==, 60);
  g_assert_cmpint (over->session_minutes, >, 60);
  g_assert_cmpint (planned_minutes (over), >, 60);
  /* The contract holds: the plan as given fits its session */
  g_assert_cmpint (planned_minutes (over), <=, over->session_minutes);
  assert_others_kept (before, over, "calf/left");
  g_assert_true (has_warning (over, "longer-than-chosen"));
  json = bm_plan_to_json (over);
  g_assert_nonnull (strstr (json, "\"chosen_session_minutes\": 60"));
  text = bm_plan_to_text (over);
  g_assert_nonnull (strstr (text, "longer than the 60 minutes your therapist chose"));

  g_assert_true (bm_therapist_rebalance (intake, over));
  fitted = bm_advise (intake);
  g_assert_cmpint (fitted->session_minutes, ==, 60);
  g_assert_cmpint (fitted->chosen_session_minutes, ==, 0);
  g_assert_cmpint (planned_minutes (fitted), <=, 60);
  g_assert_false (has_warning (fitted, "longer-than-chosen"));
  /* The calf keeps the most, as it had the most */
  for (guint i = 0; i < fitted->items->len; i++)
    g_assert_cmpint (((const BmPlanItem *) g_ptr_array_index (fitted->items, i))->minutes, <=,
                     bm_plan_find_item (fitted, "calf", BM_SIDE_LEFT)->minutes);

  bm_intake_undo (intake);
  undone = bm_advise (intake);
  g_assert_cmpint (undone->chosen_session_minutes, ==, 60);
  g_assert_cmpint (bm_plan_find_item (undone, "calf", BM_SIDE_LEFT)->minutes, ==, calf + 20);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/therapist/item-changes", test_item_changes);
  g_test_add_func ("/therapist/adjustments", test_adjustments);
  g_test_add_func ("/therapist/add-remove-reset", test_add_remove_reset);
  g_test_add_func ("/therapist/session-length", test_session_length);
  g_test_add_func ("/therapist/round-trip", test_round_trip);
  g_test_add_func ("/therapist/long-text-limited", test_long_text_limited);
  g_test_add_func ("/therapist/minutes-never-taken", test_minutes_never_taken);
  g_test_add_func ("/therapist/over-chosen-length", test_over_chosen_length);

  return g_test_run ();
}
