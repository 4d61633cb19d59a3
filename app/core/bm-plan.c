/* bm-plan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-plan"

#include "config.h"

#include <glib/gi18n.h>

#include "bm-atlas.h"
#include "bm-json-reader.h"
#include "bm-plan.h"

G_DEFINE_BOXED_TYPE (BmPlan, bm_plan, bm_plan_copy, bm_plan_free)

void
bm_plan_item_free (BmPlanItem *item)
{
  if (item == NULL)
    return;
  g_free (item->region);
  g_strfreev (item->techniques);
  g_free (item->reason);
  g_free (item->supports);
  g_free (item);
}

static void
plan_item_free (gpointer data)
{
  bm_plan_item_free (data);
}

static BmPlanItem *
plan_item_copy (const BmPlanItem *item)
{
  BmPlanItem *copy = g_memdup2 (item, sizeof *item);

  copy->region = g_strdup (item->region);
  copy->techniques = g_strdupv (item->techniques);
  copy->reason = g_strdup (item->reason);
  copy->supports = g_strdup (item->supports);
  return copy;
}

static void
plan_warning_free (gpointer data)
{
  BmPlanWarning *warning = data;

  g_free (warning->region);
  g_free (warning->message);
  g_free (warning->id);
  g_free (warning->note);
  g_free (warning);
}

static BmPlanWarning *
plan_warning_copy (const BmPlanWarning *warning)
{
  BmPlanWarning *copy = g_memdup2 (warning, sizeof *warning);

  copy->region = g_strdup (warning->region);
  copy->message = g_strdup (warning->message);
  copy->id = g_strdup (warning->id);
  copy->note = g_strdup (warning->note);
  return copy;
}

static void
home_care_free (gpointer data)
{
  BmHomeCareItem *hc = data;

  g_free (hc->region);
  g_free (hc->text);
  g_free (hc);
}

static BmHomeCareItem *
home_care_copy (const BmHomeCareItem *hc)
{
  BmHomeCareItem *copy = g_new0 (BmHomeCareItem, 1);

  copy->region = g_strdup (hc->region);
  copy->text = g_strdup (hc->text);
  return copy;
}

static void
warning_group_free (gpointer data)
{
  BmWarningGroup *group = data;

  g_free (group->id);
  g_free (group->message);
  g_free (group->note);
  g_array_unref (group->areas);
  g_free (group);
}

static void
plan_area_clear (gpointer data)
{
  g_free (((BmPlanArea *) data)->region);
}

/* JSON writing: formats.md's layout, "key": value, 2-space indent, string
 * arrays on one line */

static void
append_json_string (GString    *out,
                    const char *str)
{
  if (str == NULL)
    g_string_append (out, "null");
  else
    bm_json_append_string (out, str);
}

static void
append_key (GString    *out,
            guint       level,
            gboolean   *first,
            const char *key)
{
  g_string_append (out, *first ? "\n" : ",\n");
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
  append_json_string (out, key);
  g_string_append (out, ": ");
  *first = FALSE;
}

static void
append_close (GString  *out,
              guint     level,
              gboolean  empty,
              char      bracket)
{
  if (!empty)
    {
      g_string_append_c (out, '\n');
      for (guint i = 0; i < level; i++)
        g_string_append (out, "  ");
    }
  g_string_append_c (out, bracket);
}

static void
append_int_or_null (GString *out,
                    int      value)
{
  if (value < 0)
    g_string_append (out, "null");
  else
    g_string_append_printf (out, "%d", value);
}

static void
append_string_array (GString            *out,
                     const char * const *strv)
{
  g_string_append_c (out, '[');
  for (guint i = 0; strv && strv[i]; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      append_json_string (out, strv[i]);
    }
  g_string_append_c (out, ']');
}

static void
append_symptoms (GString    *out,
                 BmSymptoms  symptoms)
{
  gboolean first = TRUE;

  g_string_append_c (out, '[');
  for (guint i = 0; i < BM_N_SYMPTOMS; i++)
    if (symptoms & bm_symptom_nth (i))
      {
        if (!first)
          g_string_append (out, ", ");
        append_json_string (out, bm_symptom_to_id (bm_symptom_nth (i)));
        first = FALSE;
      }
  g_string_append_c (out, ']');
}

static void
append_item (GString          *out,
             const BmPlanItem *item)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  append_key (out, 3, &first, "region");
  append_json_string (out, item->region);
  append_key (out, 3, &first, "side");
  append_json_string (out, bm_side_to_id (item->side));
  append_key (out, 3, &first, "severity");
  g_string_append_printf (out, "%d", item->severity);
  append_key (out, 3, &first, "symptoms");
  append_symptoms (out, item->symptoms);
  append_key (out, 3, &first, "marked");
  g_string_append (out, item->marked ? "true" : "false");
  append_key (out, 3, &first, "techniques");
  append_string_array (out, (const char * const *) item->techniques);
  append_key (out, 3, &first, "minutes");
  g_string_append_printf (out, "%d", item->minutes);
  append_key (out, 3, &first, "reason");
  append_json_string (out, item->reason ? item->reason : "");
  if (item->therapist)
    {
      append_key (out, 3, &first, "therapist");
      g_string_append (out, "true");
    }
  append_key (out, 3, &first, "role");
  append_json_string (out, bm_item_role_to_id (item->role));
  if (item->supports)
    {
      append_key (out, 3, &first, "supports");
      append_json_string (out, item->supports);
    }
  if (item->left_out)
    {
      append_key (out, 3, &first, "left_out");
      g_string_append (out, "true");
      append_key (out, 3, &first, "freed_minutes");
      g_string_append_printf (out, "%d", item->freed_minutes);
    }
  append_close (out, 2, FALSE, '}');
}

static void
append_area (GString          *out,
             const BmPlanItem *item)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  append_key (out, 3, &first, "region");
  append_json_string (out, item->region);
  append_key (out, 3, &first, "side");
  append_json_string (out, bm_side_to_id (item->side));
  append_key (out, 3, &first, "severity");
  g_string_append_printf (out, "%d", item->severity);
  append_key (out, 3, &first, "symptoms");
  append_symptoms (out, item->symptoms);
  append_close (out, 2, FALSE, '}');
}

static void
append_home_care (GString              *out,
                  const BmHomeCareItem *hc)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  append_key (out, 3, &first, "region");
  append_json_string (out, hc->region);
  append_key (out, 3, &first, "advice");
  append_json_string (out, hc->text ? hc->text : "");
  append_close (out, 2, FALSE, '}');
}

static void
append_warning (GString             *out,
                const BmPlanWarning *warning)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  append_key (out, 3, &first, "level");
  append_json_string (out, bm_warning_level_to_id (warning->level));
  append_key (out, 3, &first, "region");
  append_json_string (out, warning->region);
  append_key (out, 3, &first, "side");
  append_json_string (out, warning->region ? bm_side_to_id (warning->side) : NULL);
  append_key (out, 3, &first, "message");
  append_json_string (out, warning->message ? warning->message : "");
  if (warning->id)
    {
      append_key (out, 3, &first, "id");
      append_json_string (out, warning->id);
    }
  if (warning->acknowledged)
    {
      append_key (out, 3, &first, "acknowledged");
      g_string_append (out, "true");
      append_key (out, 3, &first, "note");
      append_json_string (out, warning->note ? warning->note : "");
    }
  append_close (out, 2, FALSE, '}');
}

/* Public API */

BmPlan *
bm_plan_new (void)
{
  BmPlan *plan = g_new0 (BmPlan, 1);

  plan->client = g_strdup ("");
  plan->visit_date = g_strdup ("");
  plan->items = g_ptr_array_new_with_free_func (plan_item_free);
  plan->warnings = g_ptr_array_new_with_free_func (plan_warning_free);
  plan->next_time = g_ptr_array_new_with_free_func (plan_item_free);
  plan->home_care = g_ptr_array_new_with_free_func (home_care_free);
  plan->do_not_touch = g_new0 (char *, 1);
  plan->days_to_race = -1;
  plan->days_since_race = -1;
  plan->visit_before_race = -1;
  plan->visit_after_race = -1;
  plan->timing_advice = g_strdup ("");
  return plan;
}

BmPlan *
bm_plan_copy (const BmPlan *plan)
{
  BmPlan *copy;

  g_return_val_if_fail (plan != NULL, NULL);

  copy = g_memdup2 (plan, sizeof *plan);
  copy->client = g_strdup (plan->client);
  copy->visit_date = g_strdup (plan->visit_date);
  copy->timing_advice = g_strdup (plan->timing_advice);
  copy->therapist_notes = g_strdup (plan->therapist_notes);
  copy->items = g_ptr_array_new_full (plan->items->len, plan_item_free);
  for (guint i = 0; i < plan->items->len; i++)
    g_ptr_array_add (copy->items, plan_item_copy (g_ptr_array_index (plan->items, i)));
  copy->warnings = g_ptr_array_new_full (plan->warnings->len, plan_warning_free);
  for (guint i = 0; i < plan->warnings->len; i++)
    g_ptr_array_add (copy->warnings, plan_warning_copy (g_ptr_array_index (plan->warnings, i)));
  copy->next_time = g_ptr_array_new_full (plan->next_time->len, plan_item_free);
  for (guint i = 0; i < plan->next_time->len; i++)
    g_ptr_array_add (copy->next_time, plan_item_copy (g_ptr_array_index (plan->next_time, i)));
  copy->home_care = g_ptr_array_new_full (plan->home_care->len, home_care_free);
  for (guint i = 0; i < plan->home_care->len; i++)
    g_ptr_array_add (copy->home_care, home_care_copy (g_ptr_array_index (plan->home_care, i)));
  copy->do_not_touch = g_strdupv (plan->do_not_touch);
  copy->postpone_advice = g_strdup (plan->postpone_advice);
  copy->next_visit_reason = g_strdup (plan->next_visit_reason);
  return copy;
}

const BmPlanItem *
bm_plan_find_item (const BmPlan *plan,
                   const char   *region,
                   BmSide        side)
{
  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (region != NULL, NULL);

  for (guint i = 0; i < plan->items->len; i++)
    {
      const BmPlanItem *item = g_ptr_array_index (plan->items, i);

      if (item->side == side && g_str_equal (item->region, region))
        return item;
    }
  return NULL;
}

void
bm_plan_free (BmPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->client);
  g_free (plan->visit_date);
  g_clear_pointer (&plan->items, g_ptr_array_unref);
  g_clear_pointer (&plan->warnings, g_ptr_array_unref);
  g_free (plan->timing_advice);
  g_free (plan->therapist_notes);
  g_clear_pointer (&plan->next_time, g_ptr_array_unref);
  g_clear_pointer (&plan->home_care, g_ptr_array_unref);
  g_strfreev (plan->do_not_touch);
  g_free (plan->postpone_advice);
  g_free (plan->next_visit_reason);
  g_free (plan);
}

const char *
bm_warning_level_to_id (BmWarningLevel level)
{
  switch (level)
    {
    case BM_WARNING_CAUTION:
      return "caution";
    case BM_WARNING_REFER:
      return "refer";
    case BM_WARNING_POSTPONE:
      return "postpone";
    default:
      return NULL;
    }
}

const char *
bm_item_role_to_id (BmItemRole role)
{
  switch (role)
    {
    case BM_ITEM_MARKED:
      return "marked";
    case BM_ITEM_SUPPORT:
      return "support";
    case BM_ITEM_MAINTENANCE:
      return "maintenance";
    case BM_ITEM_ADDED:
      return "added";
    default:
      return NULL;
    }
}

int
bm_plan_get_free_minutes (const BmPlan *plan)
{
  int free_minutes;

  g_return_val_if_fail (plan != NULL, 0);

  free_minutes = plan->session_minutes - plan->assessment_minutes;
  for (guint i = 0; i < plan->items->len; i++)
    free_minutes -= ((const BmPlanItem *) g_ptr_array_index (plan->items, i))->minutes;
  return MAX (free_minutes, 0);
}

GPtrArray *
bm_plan_group_warnings (const BmPlan *plan)
{
  GPtrArray *groups;

  g_return_val_if_fail (plan != NULL, NULL);

  /* The warnings come most serious first, general before areas, areas
   * head to toe: a group keeps the place of its first warning */
  groups = g_ptr_array_new_with_free_func (warning_group_free);
  for (guint i = 0; i < plan->warnings->len; i++)
    {
      const BmPlanWarning *w = g_ptr_array_index (plan->warnings, i);
      BmWarningGroup *group = NULL;

      for (guint k = 0; w->region && k < groups->len && group == NULL; k++)
        {
          BmWarningGroup *g = g_ptr_array_index (groups, k);

          if (g->level == w->level && g->areas->len > 0 && g_strcmp0 (g->id, w->id) == 0 &&
              g_strcmp0 (g->message, w->message) == 0)
            group = g;
        }
      if (group == NULL)
        {
          group = g_new0 (BmWarningGroup, 1);
          group->level = w->level;
          group->id = g_strdup (w->id);
          group->message = g_strdup (w->message);
          group->areas = g_array_new (FALSE, TRUE, sizeof (BmPlanArea));
          g_array_set_clear_func (group->areas, plan_area_clear);
          group->acknowledged = TRUE;
          g_ptr_array_add (groups, group);
        }
      if (w->region)
        {
          BmPlanArea area = { g_strdup (w->region), w->side };

          g_array_append_val (group->areas, area);
        }
      group->acknowledged &= w->acknowledged;
      if (w->acknowledged && group->note == NULL && w->note && *w->note)
        group->note = g_strdup (w->note);
    }
  return groups;
}

char *
bm_plan_to_json (const BmPlan *plan)
{
  GString *out;
  gboolean first = TRUE;
  gboolean tfirst = TRUE;

  g_return_val_if_fail (plan != NULL, NULL);

  out = g_string_sized_new (4096);
  g_string_append_c (out, '{');
  append_key (out, 1, &first, "format");
  append_json_string (out, "bodymap-plan");
  append_key (out, 1, &first, "version");
  g_string_append (out, "1");
  append_key (out, 1, &first, "client");
  append_json_string (out, plan->client ? plan->client : "");
  append_key (out, 1, &first, "visit_date");
  append_json_string (out, plan->visit_date ? plan->visit_date : "");
  append_key (out, 1, &first, "session_minutes");
  g_string_append_printf (out, "%d", plan->session_minutes);

  append_key (out, 1, &first, "items");
  g_string_append_c (out, '[');
  for (guint i = 0; i < plan->items->len; i++)
    {
      g_string_append (out, i == 0 ? "\n    " : ",\n    ");
      append_item (out, g_ptr_array_index (plan->items, i));
    }
  append_close (out, 1, plan->items->len == 0, ']');

  append_key (out, 1, &first, "warnings");
  g_string_append_c (out, '[');
  for (guint i = 0; i < plan->warnings->len; i++)
    {
      g_string_append (out, i == 0 ? "\n    " : ",\n    ");
      append_warning (out, g_ptr_array_index (plan->warnings, i));
    }
  append_close (out, 1, plan->warnings->len == 0, ']');

  append_key (out, 1, &first, "timing");
  g_string_append_c (out, '{');
  append_key (out, 2, &tfirst, "days_to_race");
  append_int_or_null (out, plan->days_to_race);
  append_key (out, 2, &tfirst, "days_since_race");
  append_int_or_null (out, plan->days_since_race);
  append_key (out, 2, &tfirst, "advice");
  append_json_string (out, plan->timing_advice ? plan->timing_advice : "");
  append_close (out, 1, FALSE, '}');

  append_key (out, 1, &first, "next_visit_days");
  g_string_append_printf (out, "%d", plan->next_visit_days);

  /* Additions to the contract (formats.md allows adding keys) */
  append_key (out, 1, &first, "assessment_minutes");
  g_string_append_printf (out, "%d", plan->assessment_minutes);
  if (plan->session_set_by_therapist)
    {
      append_key (out, 1, &first, "session_set_by_therapist");
      g_string_append (out, "true");
    }
  if (plan->therapist_notes && *plan->therapist_notes)
    {
      append_key (out, 1, &first, "therapist_notes");
      append_json_string (out, plan->therapist_notes);
    }
  if (plan->postpone_advice)
    {
      append_key (out, 1, &first, "postpone_advice");
      append_json_string (out, plan->postpone_advice);
    }
  append_key (out, 1, &first, "free_minutes");
  g_string_append_printf (out, "%d", bm_plan_get_free_minutes (plan));
  append_key (out, 1, &first, "do_not_touch");
  append_string_array (out, (const char * const *) plan->do_not_touch);

  append_key (out, 1, &first, "next_time");
  g_string_append_c (out, '[');
  for (guint i = 0; i < plan->next_time->len; i++)
    {
      g_string_append (out, i == 0 ? "\n    " : ",\n    ");
      append_area (out, g_ptr_array_index (plan->next_time, i));
    }
  append_close (out, 1, plan->next_time->len == 0, ']');

  {
    gboolean vfirst = TRUE;

    append_key (out, 1, &first, "race_visits");
    g_string_append_c (out, '{');
    append_key (out, 2, &vfirst, "before_race_days");
    append_int_or_null (out, plan->visit_before_race);
    append_key (out, 2, &vfirst, "after_race_days");
    append_int_or_null (out, plan->visit_after_race);
    append_close (out, 1, FALSE, '}');
  }
  if (plan->next_visit_reason)
    {
      append_key (out, 1, &first, "next_visit_reason");
      append_json_string (out, plan->next_visit_reason);
    }

  append_key (out, 1, &first, "home_care");
  g_string_append_c (out, '[');
  for (guint i = 0; i < plan->home_care->len; i++)
    {
      g_string_append (out, i == 0 ? "\n    " : ",\n    ");
      append_home_care (out, g_ptr_array_index (plan->home_care, i));
    }
  append_close (out, 1, plan->home_care->len == 0, ']');

  append_close (out, 0, FALSE, '}');
  g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}

