/* bm-plan-text.h: the plan's facts in words, shared by the text format,
 * the Plan page and the printed plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bm-plan.h"
#include "bm-techniques.h"

G_BEGIN_DECLS

/* Every function returns translated text, or NULL when there is nothing
 * to say. Days are counted from the plan's visit date, never from today. */

/* "Left calf, right calf, neck" from BmPlanArea, in their order */
char *bm_plan_dup_area_list       (const GArray     *areas);
/* "Foot (top), Neck": plan->do_not_touch */
char *bm_plan_dup_do_not_touch    (const BmPlan     *plan);
/* "Race today", "Race tomorrow", "Next race in 4 days" */
char *bm_plan_dup_next_race       (const BmPlan     *plan);
/* "Raced today", "Raced yesterday", "Last race 3 days ago" */
char *bm_plan_dup_last_race       (const BmPlan     *plan);
/* "In about 4 days (Mon 7 Dec)", "Tomorrow (Tue 24 Nov)"; with
 * @capital FALSE, "in about 4 days (Mon 7 Dec)" to follow a colon */
char *bm_plan_dup_next_visit      (const BmPlan     *plan,
                                   gboolean          capital);
/* "Before your race: a light session in 4 days (Mon 7 Dec)" (@before)
 * or "After your race: a recovery session in 9 days (Sat 12 Dec)" */
char *bm_plan_dup_race_visit      (const BmPlan     *plan,
                                   gboolean          before);
/* "12 min not planned yet": bm_plan_get_free_minutes() */
char *bm_plan_dup_free_minutes    (const BmPlan     *plan);
/* Why an unmarked item is in the plan: "Supports: Left IT band",
 * "General maintenance", "Added by the therapist"; NULL for a marked one */
char *bm_plan_item_dup_role       (const BmPlanItem *item);
/* "12 min freed" for an item left out by the therapist */
char *bm_plan_item_dup_freed      (const BmPlanItem *item);
/* A region's label for a person ("Left calf"), or @region itself when the
 * atlas does not know it */
/* One line for each area marked now or at the previous visit: "Left
 * calf: 6 → 3, better", "Right shin: new, 4/10", "Right hamstrings: 4 →
 * not marked"; NULL without a previous visit. Free with g_strfreev(). */
GStrv bm_plan_dup_progress_lines  (const BmPlan     *plan);
/* The change of one marked item since the previous visit, "6 → 3,
 * better"; NULL when there is nothing to say */
char *bm_plan_item_dup_change     (const BmPlanItem *item);
/* An area marked at the previous visit and not now: "4 → not marked" */
char *bm_plan_resolved_dup_change (const BmPlanResolved *resolved);
char *bm_plan_dup_region_label    (const char       *region,
                                   BmSide            side);

G_END_DECLS
