/* bm-progress.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-progress"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "bm-atlas.h"
#include "bm-progress.h"

BmChange
bm_progress_classify (int before,
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
        item->change = then ? bm_progress_classify (then->severity, item->severity) : BM_CHANGE_NEW;
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

void
bm_progress_area_free (BmProgressArea *area)
{
  if (area == NULL)
    return;
  g_free (area->region);
  g_free (area);
}

static int
compare_areas (gconstpointer a,
               gconstpointer b)
{
  const BmProgressArea *x = *(BmProgressArea * const *) a;
  const BmProgressArea *y = *(BmProgressArea * const *) b;
  BmAtlas *atlas = bm_atlas_get_default ();
  guint ix = bm_region_get_index (bm_atlas_lookup (atlas, x->region));
  guint iy = bm_region_get_index (bm_atlas_lookup (atlas, y->region));

  if (ix != iy)
    return ix < iy ? -1 : 1;
  return (int) x->side - (int) y->side;
}

static BmProgressKind
kind_of_change (BmChange change)
{
  switch (change)
    {
    case BM_CHANGE_BETTER:
      return BM_PROGRESS_BETTER;
    case BM_CHANGE_WORSE:
      return BM_PROGRESS_WORSE;
    case BM_CHANGE_NEW:
      return BM_PROGRESS_NEW;
    case BM_CHANGE_SAME:
    case BM_CHANGE_NONE:
    default:
      return BM_PROGRESS_SAME;
    }
}

GPtrArray *
bm_progress_compare (BmIntake *earlier,
                     BmIntake *now)
{
  GPtrArray *areas;
  BmAtlas *atlas = bm_atlas_get_default ();
  GPtrArray *marks;

  g_return_val_if_fail (BM_IS_INTAKE (earlier), NULL);
  g_return_val_if_fail (BM_IS_INTAKE (now), NULL);

  areas = g_ptr_array_new_with_free_func ((GDestroyNotify) bm_progress_area_free);

  /* Today's areas: better, worse, same or new */
  marks = bm_intake_get_marks (now);
  for (guint i = 0; i < marks->len; i++)
    {
      const BmMark *mark = g_ptr_array_index (marks, i);
      const BmMark *then = bm_intake_get_mark (earlier, mark->region, mark->side);
      BmProgressArea *area;

      if (bm_atlas_lookup (atlas, mark->region) == NULL)
        continue;
      area = g_new0 (BmProgressArea, 1);
      area->region = g_strdup (mark->region);
      area->side = mark->side;
      area->now = mark->severity;
      area->before = then ? then->severity : -1;
      area->kind = then ? kind_of_change (bm_progress_classify (then->severity, mark->severity))
                        : BM_PROGRESS_NEW;
      g_ptr_array_add (areas, area);
    }

  /* Marked then, not now */
  marks = bm_intake_get_marks (earlier);
  for (guint i = 0; i < marks->len; i++)
    {
      const BmMark *then = g_ptr_array_index (marks, i);
      BmProgressArea *area;

      if (bm_atlas_lookup (atlas, then->region) == NULL ||
          bm_intake_get_mark (now, then->region, then->side) != NULL)
        continue;
      area = g_new0 (BmProgressArea, 1);
      area->region = g_strdup (then->region);
      area->side = then->side;
      area->before = then->severity;
      area->now = -1;
      area->kind = BM_PROGRESS_RESOLVED;
      g_ptr_array_add (areas, area);
    }

  g_ptr_array_sort (areas, compare_areas);
  return areas;
}

const BmProgressArea *
bm_progress_find (GPtrArray  *areas,
                  const char *region,
                  BmSide      side)
{
  g_return_val_if_fail (region != NULL, NULL);

  for (guint i = 0; areas != NULL && i < areas->len; i++)
    {
      const BmProgressArea *area = g_ptr_array_index (areas, i);

      if (area->side == side && g_str_equal (area->region, region))
        return area;
    }
  return NULL;
}

const char *
bm_progress_kind_to_id (BmProgressKind kind)
{
  static const char * const ids[BM_N_PROGRESS_KINDS] = {
    "better", "worse", "same", "new", "resolved",
  };

  g_return_val_if_fail (kind < BM_N_PROGRESS_KINDS, NULL);
  return ids[kind];
}

const char *
bm_progress_kind_get_label (BmProgressKind kind)
{
  g_return_val_if_fail (kind < BM_N_PROGRESS_KINDS, NULL);

  switch (kind)
    {
    case BM_PROGRESS_BETTER:
      /* Translators: how an area changed since an earlier visit */
      return C_("change", "Better");
    case BM_PROGRESS_WORSE:
      /* Translators: how an area changed since an earlier visit */
      return C_("change", "Worse");
    case BM_PROGRESS_SAME:
      /* Translators: how an area changed since an earlier visit */
      return C_("change", "Same");
    case BM_PROGRESS_NEW:
      /* Translators: how an area changed since an earlier visit */
      return C_("change", "New");
    case BM_PROGRESS_RESOLVED:
    default:
      /* Translators: how an area changed since an earlier visit: it no longer hurts */
      return C_("change", "Resolved");
    }
}
