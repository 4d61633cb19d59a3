/* bm-plan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-plan"

#include "config.h"

#include <glib/gi18n.h>

#include "bm-atlas.h"
#include "bm-json-writer.h"
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
  if (item->previous)
    g_strfreev (item->previous->techniques);
  g_free (item->previous);
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
  if (item->previous)
    {
      copy->previous = g_memdup2 (item->previous, sizeof *item->previous);
      copy->previous->techniques = g_strdupv (item->previous->techniques);
    }
  return copy;
}

static void
resolved_free (gpointer data)
{
  BmPlanResolved *resolved = data;

  g_free (resolved->region);
  g_free (resolved);
}

static BmPlanResolved *
resolved_copy (const BmPlanResolved *resolved)
{
  BmPlanResolved *copy = g_memdup2 (resolved, sizeof *resolved);

  copy->region = g_strdup (resolved->region);
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

/* JSON writing: the layout of docs/plan-format.md (bm-json-writer.h) */

static void
write_int_or_null (BmJsonWriter *w,
                   int           value)
{
  if (value < 0)
    bm_json_writer_null (w);
  else
    bm_json_writer_int (w, value);
}

static void
write_symptoms (BmJsonWriter *w,
                BmSymptoms    symptoms)
{
  bm_json_writer_begin_inline_array (w);
  for (guint i = 0; i < BM_N_SYMPTOMS; i++)
    if (symptoms & bm_symptom_nth (i))
      bm_json_writer_string (w, bm_symptom_to_id (bm_symptom_nth (i)));
  bm_json_writer_end_array (w);
}

/* The area and what was marked there: the first keys of an item, and all
 * of a next-time entry */
static void
write_area_keys (BmJsonWriter     *w,
                 const BmPlanItem *item)
{
  bm_json_writer_key (w, "region");
  bm_json_writer_string (w, item->region);
  bm_json_writer_key (w, "side");
  bm_json_writer_string (w, bm_side_to_id (item->side));
  bm_json_writer_key (w, "severity");
  bm_json_writer_int (w, item->severity);
  bm_json_writer_key (w, "symptoms");
  write_symptoms (w, item->symptoms);
}

static void
write_item (BmJsonWriter     *w,
            const BmPlan     *plan,
            const BmPlanItem *item)
{
  bm_json_writer_begin_object (w);
  write_area_keys (w, item);
  bm_json_writer_key (w, "marked");
  bm_json_writer_bool (w, item->marked);
  bm_json_writer_key (w, "techniques");
  bm_json_writer_string_array (w, (const char * const *) item->techniques);
  bm_json_writer_key (w, "minutes");
  bm_json_writer_int (w, item->minutes);
  bm_json_writer_key (w, "reason");
  bm_json_writer_string (w, item->reason ? item->reason : "");
  if (item->therapist)
    {
      bm_json_writer_key (w, "therapist");
      bm_json_writer_bool (w, TRUE);
    }
  bm_json_writer_key (w, "role");
  bm_json_writer_string (w, bm_item_role_to_id (item->role));
  if (item->supports)
    {
      bm_json_writer_key (w, "supports");
      bm_json_writer_string (w, item->supports);
    }
  if (item->left_out)
    {
      bm_json_writer_key (w, "left_out");
      bm_json_writer_bool (w, TRUE);
      bm_json_writer_key (w, "freed_minutes");
      bm_json_writer_int (w, item->freed_minutes);
    }
  /* Since the previous visit (the contract's history fields) */
  if (plan->previous_visit != NULL)
    {
      bm_json_writer_key (w, "previous");
      if (item->previous)
        {
          bm_json_writer_begin_object (w);
          bm_json_writer_key (w, "severity");
          bm_json_writer_int (w, item->previous->severity);
          bm_json_writer_key (w, "techniques");
          bm_json_writer_string_array (w, (const char * const *) item->previous->techniques);
          bm_json_writer_key (w, "minutes");
          bm_json_writer_int (w, item->previous->minutes);
          bm_json_writer_end_object (w);
        }
      else
        bm_json_writer_null (w);
      if (bm_change_to_id (item->change))
        {
          bm_json_writer_key (w, "change");
          bm_json_writer_string (w, bm_change_to_id (item->change));
        }
    }
  bm_json_writer_end_object (w);
}

static void
write_area (BmJsonWriter     *w,
            const BmPlanItem *item)
{
  bm_json_writer_begin_object (w);
  write_area_keys (w, item);
  bm_json_writer_end_object (w);
}

static void
write_home_care (BmJsonWriter         *w,
                 const BmHomeCareItem *hc)
{
  bm_json_writer_begin_object (w);
  bm_json_writer_key (w, "region");
  bm_json_writer_string (w, hc->region);
  bm_json_writer_key (w, "advice");
  bm_json_writer_string (w, hc->text ? hc->text : "");
  bm_json_writer_end_object (w);
}

static void
write_warning (BmJsonWriter        *w,
               const BmPlanWarning *warning)
{
  bm_json_writer_begin_object (w);
  bm_json_writer_key (w, "level");
  bm_json_writer_string (w, bm_warning_level_to_id (warning->level));
  bm_json_writer_key (w, "region");
  bm_json_writer_string (w, warning->region);
  bm_json_writer_key (w, "side");
  bm_json_writer_string (w, warning->region ? bm_side_to_id (warning->side) : NULL);
  bm_json_writer_key (w, "message");
  bm_json_writer_string (w, warning->message ? warning->message : "");
  if (warning->id)
    {
      bm_json_writer_key (w, "id");
      bm_json_writer_string (w, warning->id);
    }
  if (warning->acknowledged)
    {
      bm_json_writer_key (w, "acknowledged");
      bm_json_writer_bool (w, TRUE);
      bm_json_writer_key (w, "note");
      bm_json_writer_string (w, warning->note ? warning->note : "");
    }
  bm_json_writer_end_object (w);
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
  plan->resolved = g_ptr_array_new_with_free_func (resolved_free);
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
  copy->previous_visit = g_strdup (plan->previous_visit);
  copy->resolved = g_ptr_array_new_full (plan->resolved->len, resolved_free);
  for (guint i = 0; i < plan->resolved->len; i++)
    g_ptr_array_add (copy->resolved, resolved_copy (g_ptr_array_index (plan->resolved, i)));
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
  g_free (plan->previous_visit);
  g_clear_pointer (&plan->resolved, g_ptr_array_unref);
  g_free (plan);
}

const char *
bm_change_to_id (BmChange change)
{
  switch (change)
    {
    case BM_CHANGE_BETTER:
      return "better";
    case BM_CHANGE_WORSE:
      return "worse";
    case BM_CHANGE_SAME:
      return "same";
    case BM_CHANGE_NEW:
      return "new";
    case BM_CHANGE_NONE:
    default:
      return NULL;
    }
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
  BmJsonWriter *w;

  g_return_val_if_fail (plan != NULL, NULL);

  w = bm_json_writer_new ();
  bm_json_writer_begin_object (w);
  bm_json_writer_key (w, "format");
  bm_json_writer_string (w, "bodymap-plan");
  bm_json_writer_key (w, "version");
  bm_json_writer_int (w, 1);
  bm_json_writer_key (w, "client");
  bm_json_writer_string (w, plan->client ? plan->client : "");
  bm_json_writer_key (w, "visit_date");
  bm_json_writer_string (w, plan->visit_date ? plan->visit_date : "");
  bm_json_writer_key (w, "session_minutes");
  bm_json_writer_int (w, plan->session_minutes);

  bm_json_writer_key (w, "items");
  bm_json_writer_begin_array (w);
  for (guint i = 0; i < plan->items->len; i++)
    write_item (w, plan, g_ptr_array_index (plan->items, i));
  bm_json_writer_end_array (w);

  bm_json_writer_key (w, "warnings");
  bm_json_writer_begin_array (w);
  for (guint i = 0; i < plan->warnings->len; i++)
    write_warning (w, g_ptr_array_index (plan->warnings, i));
  bm_json_writer_end_array (w);

  bm_json_writer_key (w, "timing");
  bm_json_writer_begin_object (w);
  bm_json_writer_key (w, "days_to_race");
  write_int_or_null (w, plan->days_to_race);
  bm_json_writer_key (w, "days_since_race");
  write_int_or_null (w, plan->days_since_race);
  bm_json_writer_key (w, "advice");
  bm_json_writer_string (w, plan->timing_advice ? plan->timing_advice : "");
  bm_json_writer_end_object (w);

  bm_json_writer_key (w, "next_visit_days");
  bm_json_writer_int (w, plan->next_visit_days);

  /* Additions to the contract (docs/plan-format.md allows adding keys) */
  bm_json_writer_key (w, "assessment_minutes");
  bm_json_writer_int (w, plan->assessment_minutes);
  if (plan->session_set_by_therapist)
    {
      bm_json_writer_key (w, "session_set_by_therapist");
      bm_json_writer_bool (w, TRUE);
    }
  if (plan->chosen_session_minutes > 0)
    {
      bm_json_writer_key (w, "chosen_session_minutes");
      bm_json_writer_int (w, plan->chosen_session_minutes);
    }
  if (plan->therapist_notes && *plan->therapist_notes)
    {
      bm_json_writer_key (w, "therapist_notes");
      bm_json_writer_string (w, plan->therapist_notes);
    }
  if (plan->postpone_advice)
    {
      bm_json_writer_key (w, "postpone_advice");
      bm_json_writer_string (w, plan->postpone_advice);
    }
  bm_json_writer_key (w, "free_minutes");
  bm_json_writer_int (w, bm_plan_get_free_minutes (plan));
  bm_json_writer_key (w, "do_not_touch");
  bm_json_writer_string_array (w, (const char * const *) plan->do_not_touch);

  bm_json_writer_key (w, "next_time");
  bm_json_writer_begin_array (w);
  for (guint i = 0; i < plan->next_time->len; i++)
    write_area (w, g_ptr_array_index (plan->next_time, i));
  bm_json_writer_end_array (w);

  bm_json_writer_key (w, "race_visits");
  bm_json_writer_begin_object (w);
  bm_json_writer_key (w, "before_race_days");
  write_int_or_null (w, plan->visit_before_race);
  bm_json_writer_key (w, "after_race_days");
  write_int_or_null (w, plan->visit_after_race);
  bm_json_writer_end_object (w);
  if (plan->next_visit_reason)
    {
      bm_json_writer_key (w, "next_visit_reason");
      bm_json_writer_string (w, plan->next_visit_reason);
    }

  bm_json_writer_key (w, "home_care");
  bm_json_writer_begin_array (w);
  for (guint i = 0; i < plan->home_care->len; i++)
    write_home_care (w, g_ptr_array_index (plan->home_care, i));
  bm_json_writer_end_array (w);

  /* Since the previous visit, when there is one (the contract's history
   * fields): the date compared with, and what was marked then, not now */
  if (plan->previous_visit != NULL)
    {
      bm_json_writer_key (w, "previous_visit");
      bm_json_writer_string (w, plan->previous_visit);
      bm_json_writer_key (w, "resolved");
      bm_json_writer_begin_array (w);
      for (guint i = 0; i < plan->resolved->len; i++)
        {
          const BmPlanResolved *resolved = g_ptr_array_index (plan->resolved, i);

          bm_json_writer_begin_object (w);
          bm_json_writer_key (w, "region");
          bm_json_writer_string (w, resolved->region);
          bm_json_writer_key (w, "side");
          bm_json_writer_string (w, bm_side_to_id (resolved->side));
          bm_json_writer_key (w, "previous_severity");
          bm_json_writer_int (w, resolved->previous_severity);
          bm_json_writer_end_object (w);
        }
      bm_json_writer_end_array (w);
    }

  bm_json_writer_end_object (w);
  return bm_json_writer_free_to_string (w);
}

JsonObject *
bm_plan_dup_given (const BmPlan *plan)
{
  JsonObject *given = json_object_new ();
  JsonArray *items = json_array_new ();

  g_return_val_if_fail (plan != NULL, given);

  json_object_set_int_member (given, "session_minutes", plan->session_minutes);
  for (guint i = 0; i < plan->items->len; i++)
    {
      const BmPlanItem *item = g_ptr_array_index (plan->items, i);
      JsonObject *entry = json_object_new ();
      JsonArray *techniques = json_array_new ();

      for (guint t = 0; item->techniques && item->techniques[t]; t++)
        json_array_add_string_element (techniques, item->techniques[t]);
      json_object_set_string_member (entry, "region", item->region);
      json_object_set_string_member (entry, "side", bm_side_to_id (item->side));
      json_object_set_array_member (entry, "techniques", techniques);
      json_object_set_int_member (entry, "minutes", item->minutes);
      json_array_add_object_element (items, entry);
    }
  json_object_set_array_member (given, "items", items);
  return given;
}

BmPlan *
bm_plan_new_from_given (JsonObject *given,
                        BmIntake   *intake)
{
  g_autoptr(BmPlan) plan = NULL;
  JsonNode *node;
  JsonArray *items;

  g_return_val_if_fail (given != NULL, NULL);
  g_return_val_if_fail (BM_IS_INTAKE (intake), NULL);

  node = json_object_get_member (given, "items");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  items = json_node_get_array (node);
  plan = bm_plan_new ();
  g_free (plan->visit_date);
  plan->visit_date = g_strdup (bm_intake_get_visit_date (intake));
  node = json_object_get_member (given, "session_minutes");
  if (node && json_node_get_value_type (node) == G_TYPE_INT64)
    plan->session_minutes = (int) CLAMP (json_node_get_int (node), 0, 1000);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *element = json_array_get_element (items, i);
      JsonObject *entry;
      JsonNode *techniques;
      const char *region, *side_id;
      BmPlanItem *item;
      const BmMark *mark;
      BmSide side;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      entry = json_node_get_object (element);
      region = json_object_get_string_member_with_default (entry, "region", NULL);
      side_id = json_object_get_string_member_with_default (entry, "side", NULL);
      if (region == NULL || side_id == NULL || !bm_side_from_id (side_id, &side))
        continue;
      item = g_new0 (BmPlanItem, 1);
      item->region = g_strdup (region);
      item->side = side;
      item->minutes = (int) CLAMP (json_object_get_int_member_with_default (entry, "minutes", 0), 0, 1000);
      techniques = json_object_get_member (entry, "techniques");
      {
        g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

        if (techniques && JSON_NODE_HOLDS_ARRAY (techniques))
          for (guint t = 0; t < json_array_get_length (json_node_get_array (techniques)); t++)
            {
              JsonNode *id = json_array_get_element (json_node_get_array (techniques), t);

              if (json_node_get_value_type (id) == G_TYPE_STRING)
                g_strv_builder_add (ids, json_node_get_string (id));
            }
        item->techniques = g_strv_builder_end (ids);
      }
      if ((mark = bm_intake_get_mark (intake, region, side)))
        {
          item->severity = mark->severity;
          item->symptoms = mark->symptoms;
          item->marked = TRUE;
        }
      item->reason = g_strdup ("");
      g_ptr_array_add (plan->items, item);
    }
  return g_steal_pointer (&plan);
}
