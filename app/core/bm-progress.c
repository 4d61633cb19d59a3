/* bm-progress.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-progress"

#include "config.h"

#include <stdlib.h>

#include "bm-atlas.h"
#include "bm-progress.h"

static BmChange
change_between (int before,
                int now)
{
  if (abs (now - before) <= 1)
    return BM_CHANGE_SAME;
  return now < before ? BM_CHANGE_BETTER : BM_CHANGE_WORSE;
}

static int
compare_resolved (gconstpointer a,
                  gconstpointer b)
{
  const BmPlanResolved *x = *(BmPlanResolved * const *) a;
  const BmPlanResolved *y = *(BmPlanResolved * const *) b;
  BmAtlas *atlas = bm_atlas_get_default ();
  const BmRegion *rx = bm_atlas_lookup (atlas, x->region);
  const BmRegion *ry = bm_atlas_lookup (atlas, y->region);
  guint ix = rx ? bm_region_get_index (rx) : G_MAXUINT;
  guint iy = ry ? bm_region_get_index (ry) : G_MAXUINT;

  if (ix != iy)
    return ix < iy ? -1 : 1;
  return (int) x->side - (int) y->side;
}

void
bm_progress_apply (BmPlan       *plan,
                   BmIntake     *previous,
                   const BmPlan *previous_plan)
{
  GPtrArray *before;

  g_return_if_fail (plan != NULL);
  g_return_if_fail (BM_IS_INTAKE (previous));
  g_return_if_fail (previous_plan != NULL);

  g_free (plan->previous_visit);
  plan->previous_visit = g_strdup (bm_intake_get_visit_date (previous));
  g_ptr_array_set_size (plan->resolved, 0);

  for (guint i = 0; i < plan->items->len; i++)
    {
      BmPlanItem *item = g_ptr_array_index (plan->items, i);
      const BmMark *then = bm_intake_get_mark (previous, item->region, item->side);
      const BmPlanItem *given = bm_plan_find_item (previous_plan, item->region, item->side);

      if (item->previous)
        g_strfreev (item->previous->techniques);
      g_clear_pointer (&item->previous, g_free);
      item->change = BM_CHANGE_NONE;
      if (then != NULL)
        {
          item->previous = g_new0 (BmPlanPrevious, 1);
          item->previous->severity = then->severity;
          item->previous->techniques = given ? g_strdupv (given->techniques) : g_new0 (char *, 1);
          item->previous->minutes = given ? given->minutes : 0;
        }
      if (item->marked)
        item->change = then ? change_between (then->severity, item->severity) : BM_CHANGE_NEW;
    }

  /* Marked then, not now */
  before = bm_intake_get_marks (previous);
  for (guint i = 0; i < before->len; i++)
    {
      const BmMark *then = g_ptr_array_index (before, i);
      const BmPlanItem *now = bm_plan_find_item (plan, then->region, then->side);
      gboolean marked_now = now != NULL && now->marked;

      for (guint k = 0; !marked_now && k < plan->next_time->len; k++)
        {
          const BmPlanItem *later = g_ptr_array_index (plan->next_time, k);

          marked_now = g_str_equal (later->region, then->region) && later->side == then->side;
        }
      if (!marked_now)
        {
          BmPlanResolved *resolved = g_new0 (BmPlanResolved, 1);

          resolved->region = g_strdup (then->region);
          resolved->side = then->side;
          resolved->previous_severity = then->severity;
          g_ptr_array_add (plan->resolved, resolved);
        }
    }
  g_ptr_array_sort (plan->resolved, compare_resolved);
}
