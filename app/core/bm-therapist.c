/* bm-therapist.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-therapist"

#include "config.h"

#include "bm-adjustments.h"
#include "bm-therapist.h"

static JsonNode *deep_copy (JsonNode *node);

static JsonObject *
deep_copy_object (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l; l = l->next)
    json_object_set_member (copy, l->data, deep_copy (json_object_get_member (object, l->data)));
  return copy;
}

/* json_node_copy() shares objects and arrays: this copies them too */
static JsonNode *
deep_copy (JsonNode *node)
{
  JsonNode *copy;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, deep_copy_object (json_node_get_object (node)));
      return copy;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        JsonArray *new_array = json_array_sized_new (json_array_get_length (array));

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (new_array, deep_copy (json_array_get_element (array, i)));
        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, new_array);
        return copy;
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

/* A copy of the current object to edit (never NULL): the intake's own
 * object stays as it is until the edited copy replaces it */
static JsonObject *
dup_therapist (BmIntake *intake)
{
  JsonObject *current = bm_intake_get_therapist (intake);

  if (current == NULL)
    return json_object_new ();
  return deep_copy_object (current);
}

static void
store (BmIntake   *intake,
       JsonObject *object)
{
  bm_intake_set_therapist (intake, object);
}

static JsonArray *
ensure_array (JsonObject *object,
              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      json_object_set_array_member (object, member, json_array_new ());
      node = json_object_get_member (object, member);
    }
  return json_node_get_array (node);
}

/* Whether the entry names @region on @side; an entry with no side names
 * both sides when @sideless_matches */
static gboolean
entry_matches (JsonNode   *node,
               const char *region,
               BmSide      side,
               gboolean    sideless_matches)
{
  BmAdjustedArea area = { 0 };
  gboolean matches;

  if (!JSON_NODE_HOLDS_OBJECT (node) || !bm_adjusted_area_read (json_node_get_object (node), &area))
    return FALSE;
  matches = (area.has_side || sideless_matches) && bm_adjusted_area_covers (&area, region, side);
  g_free (area.region);
  return matches;
}

/* The entry for one area in "items", created when asked */
static JsonObject *
find_item (JsonObject *therapist,
           const char *region,
           BmSide      side,
           gboolean    create)
{
  JsonArray *items = ensure_array (therapist, "items");
  JsonObject *entry;

  for (guint i = 0; i < json_array_get_length (items); i++)
    if (entry_matches (json_array_get_element (items, i), region, side, FALSE))
      return json_array_get_object_element (items, i);

  if (!create)
    return NULL;

  entry = json_object_new ();
  json_object_set_string_member (entry, "region", region);
  json_object_set_string_member (entry, "side", bm_side_to_id (side));
  json_array_add_object_element (items, entry);
  return entry;
}

static void
remove_entries (JsonObject *therapist,
                const char *member,
                const char *region,
                BmSide      side)
{
  JsonArray *array = ensure_array (therapist, member);

  for (guint i = json_array_get_length (array); i > 0; i--)
    if (entry_matches (json_array_get_element (array, i - 1), region, side, TRUE))
      json_array_remove_element (array, i - 1);
}

/* Empty arrays and objects are not worth keeping in the file */
static void
tidy (JsonObject *therapist)
{
  static const char *arrays[] = { "items", "removed", "acknowledged" };

  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    {
      JsonNode *node = json_object_get_member (therapist, arrays[i]);

      if (node && JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) == 0)
        json_object_remove_member (therapist, arrays[i]);
    }
}

static void
commit (BmIntake   *intake,
        JsonObject *therapist)
{
  tidy (therapist);
  store (intake, therapist);
}

/* Typing the notes, or stepping the minutes, is one undo step */
static void
commit_merged (BmIntake   *intake,
               JsonObject *therapist)
{
  tidy (therapist);
  bm_intake_set_therapist_merged (intake, therapist, TRUE);
}

void
bm_therapist_set_session_minutes (BmIntake *intake,
                                  int       minutes)
{
  g_autoptr(JsonObject) therapist = NULL;

  g_return_if_fail (BM_IS_INTAKE (intake));

  if (bm_therapist_get_session_minutes (intake) == MAX (minutes, 0))
    return;
  therapist = dup_therapist (intake);
  if (minutes > 0)
    json_object_set_int_member (therapist, "session_minutes", minutes);
  else if (json_object_has_member (therapist, "session_minutes"))
    json_object_remove_member (therapist, "session_minutes");
  commit (intake, therapist);
}

int
bm_therapist_get_session_minutes (BmIntake *intake)
{
  JsonObject *therapist = bm_intake_get_therapist (intake);
  JsonNode *node = therapist ? json_object_get_member (therapist, "session_minutes") : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return (int) CLAMP (json_node_get_int (node), 0, 120);
}

void
bm_therapist_set_notes (BmIntake   *intake,
                        const char *notes)
{
  g_autoptr(JsonObject) therapist = NULL;

  g_return_if_fail (BM_IS_INTAKE (intake));

  if (g_strcmp0 (bm_therapist_get_notes (intake), notes ? notes : "") == 0)
    return;
  therapist = dup_therapist (intake);
  if (notes && *notes)
    json_object_set_string_member (therapist, "notes", notes);
  else if (json_object_has_member (therapist, "notes"))
    json_object_remove_member (therapist, "notes");
  commit_merged (intake, therapist);
}

const char *
bm_therapist_get_notes (BmIntake *intake)
{
  JsonObject *therapist = bm_intake_get_therapist (intake);

  if (therapist == NULL)
    return "";
  return json_object_get_string_member_with_default (therapist, "notes", "");
}

void
bm_therapist_set_item_minutes (BmIntake   *intake,
                               const char *region,
                               BmSide      side,
                               int         minutes)
{
  g_autoptr(JsonObject) therapist = NULL;
  JsonObject *item;

  g_return_if_fail (BM_IS_INTAKE (intake));
  g_return_if_fail (region != NULL);

  therapist = dup_therapist (intake);
  item = find_item (therapist, region, side, minutes >= 0);
  if (item == NULL)
    return;
  if (minutes >= 0)
    json_object_set_int_member (item, "minutes", MIN (minutes, 120));
  else if (json_object_has_member (item, "minutes"))
    json_object_remove_member (item, "minutes");
  commit_merged (intake, therapist);
}

void
bm_therapist_set_item_techniques (BmIntake           *intake,
                                  const char         *region,
                                  BmSide              side,
                                  const char * const *techniques)
{
  g_autoptr(JsonObject) therapist = NULL;
  JsonObject *item;

  g_return_if_fail (BM_IS_INTAKE (intake));
  g_return_if_fail (region != NULL);

  therapist = dup_therapist (intake);
  item = find_item (therapist, region, side, techniques != NULL);
  if (item == NULL)
    return;
  if (techniques != NULL)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; techniques[i]; i++)
        json_array_add_string_element (array, techniques[i]);
      json_object_set_array_member (item, "techniques", array);
    }
  else if (json_object_has_member (item, "techniques"))
    json_object_remove_member (item, "techniques");
  commit (intake, therapist);
}

void
bm_therapist_add_item (BmIntake   *intake,
                       const char *region,
                       BmSide      side)
{
  g_autoptr(JsonObject) therapist = NULL;

  g_return_if_fail (BM_IS_INTAKE (intake));
  g_return_if_fail (region != NULL);

  therapist = dup_therapist (intake);
  remove_entries (therapist, "removed", region, side);
  find_item (therapist, region, side, TRUE);
  commit (intake, therapist);
}

void
bm_therapist_remove_item (BmIntake   *intake,
                          const char *region,
                          BmSide      side)
{
  g_autoptr(JsonObject) therapist = NULL;
  JsonObject *entry;

  g_return_if_fail (BM_IS_INTAKE (intake));
  g_return_if_fail (region != NULL);

  therapist = dup_therapist (intake);
  remove_entries (therapist, "items", region, side);
  remove_entries (therapist, "removed", region, side);
  entry = json_object_new ();
  json_object_set_string_member (entry, "region", region);
  json_object_set_string_member (entry, "side", bm_side_to_id (side));
  json_array_add_object_element (ensure_array (therapist, "removed"), entry);
  commit (intake, therapist);
}

/* The entry of "acknowledged" for that warning and area, or -1 */
static int
find_acknowledgement (JsonArray  *array,
                      const char *id,
                      const char *region,
                      BmSide      side)
{
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *entry;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      entry = json_node_get_object (node);
      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "warning", NULL), id) != 0)
        continue;
      if (region == NULL ? json_object_has_member (entry, "region")
                         : !entry_matches (node, region, side, TRUE))
        continue;
      return (int) i;
    }
  return -1;
}

void
bm_therapist_acknowledge_warning (BmIntake   *intake,
                                  const char *id,
                                  const char *region,
                                  BmSide      side,
                                  const char *note)
{
  g_autoptr(JsonObject) therapist = NULL;
  JsonArray *array;
  JsonObject *entry;
  int at;

  g_return_if_fail (BM_IS_INTAKE (intake));
  g_return_if_fail (id != NULL);

  if (g_strcmp0 (bm_therapist_get_acknowledgement (intake, id, region, side), note) == 0)
    return;
  therapist = dup_therapist (intake);
  array = ensure_array (therapist, "acknowledged");
  if ((at = find_acknowledgement (array, id, region, side)) >= 0)
    json_array_remove_element (array, (guint) at);
  if (note != NULL)
    {
      entry = json_object_new ();
      json_object_set_string_member (entry, "warning", id);
      if (region != NULL)
        {
          json_object_set_string_member (entry, "region", region);
          json_object_set_string_member (entry, "side", bm_side_to_id (side));
        }
      json_object_set_string_member (entry, "note", note);
      json_array_add_object_element (array, entry);
    }
  commit (intake, therapist);
}

const char *
bm_therapist_get_acknowledgement (BmIntake   *intake,
                                  const char *id,
                                  const char *region,
                                  BmSide      side)
{
  JsonObject *therapist = bm_intake_get_therapist (intake);
  JsonNode *node = therapist ? json_object_get_member (therapist, "acknowledged") : NULL;
  JsonArray *array;
  int at;

  g_return_val_if_fail (id != NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  if ((at = find_acknowledgement (array, id, region, side)) < 0)
    return NULL;
  return json_object_get_string_member_with_default (json_array_get_object_element (array, (guint) at),
                                                     "note", "");
}

static const char *adjustments[] = { "items", "removed", "session_minutes" };

void
bm_therapist_reset (BmIntake *intake)
{
  g_autoptr(JsonObject) therapist = NULL;

  g_return_if_fail (BM_IS_INTAKE (intake));

  if (!bm_therapist_has_changes (intake))
    return;
  /* The notes are not an adjustment of the plan: they stay */
  therapist = dup_therapist (intake);
  for (guint i = 0; i < G_N_ELEMENTS (adjustments); i++)
    if (json_object_has_member (therapist, adjustments[i]))
      json_object_remove_member (therapist, adjustments[i]);
  store (intake, therapist);
}

static gboolean
object_has_changes (JsonObject *therapist)
{
  for (guint i = 0; therapist && i < G_N_ELEMENTS (adjustments); i++)
    if (json_object_has_member (therapist, adjustments[i]))
      return TRUE;
  return FALSE;
}

BmTherapistChange
bm_therapist_describe_change (JsonObject  *before,
                              JsonObject  *after,
                              char       **region,
                              BmSide      *side)
{
  g_autoptr(BmAdjustments) was = bm_adjustments_new_from_json (before);
  g_autoptr(BmAdjustments) now = bm_adjustments_new_from_json (after);

  if (object_has_changes (before) && !object_has_changes (after))
    return BM_THERAPIST_CHANGE_RESET;

  for (guint i = 0; i < now->removed->len; i++)
    {
      const BmAdjustedArea *area = g_ptr_array_index (now->removed, i);
      gboolean known = FALSE;

      for (guint k = 0; k < was->removed->len && !known; k++)
        {
          const BmAdjustedArea *old = g_ptr_array_index (was->removed, k);

          known = g_strcmp0 (old->region, area->region) == 0 && old->has_side == area->has_side &&
                  (!area->has_side || old->side == area->side);
        }
      if (!known)
        {
          if (region)
            *region = g_strdup (area->region);
          if (side)
            *side = area->has_side ? area->side : BM_SIDE_CENTER;
          return BM_THERAPIST_CHANGE_LEFT_OUT;
        }
    }

  /* One edit sets the minutes of one area: several at once is Rebalance */
  {
    guint changed = 0;

    for (guint i = 0; i < now->items->len; i++)
      {
        const BmAdjustedItem *item = g_ptr_array_index (now->items, i);
        gboolean same = FALSE;

        if (!item->has_minutes)
          continue;
        for (guint k = 0; k < was->items->len && !same; k++)
          {
            const BmAdjustedItem *old = g_ptr_array_index (was->items, k);

            same = g_strcmp0 (old->area.region, item->area.region) == 0 &&
                   old->area.has_side == item->area.has_side &&
                   (!item->area.has_side || old->area.side == item->area.side) &&
                   old->has_minutes && old->minutes == item->minutes;
          }
        changed += !same;
      }
    if (changed >= 2)
      return BM_THERAPIST_CHANGE_REBALANCED;
  }
  return BM_THERAPIST_CHANGE_OTHER;
}

gboolean
bm_therapist_has_changes (BmIntake *intake)
{
  JsonObject *therapist = bm_intake_get_therapist (intake);

  return therapist != NULL &&
         (json_object_has_member (therapist, "items") ||
          json_object_has_member (therapist, "removed") ||
          json_object_has_member (therapist, "session_minutes"));
}

gboolean
bm_therapist_rebalance (BmIntake     *intake,
                        const BmPlan *plan)
{
  g_autoptr(JsonObject) therapist = NULL;
  g_autofree int *minutes = NULL;
  int budget, total = 0, sum = 0;
  guint n = 0;

  g_return_val_if_fail (BM_IS_INTAKE (intake), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  if (plan->chosen_session_minutes <= 0)
    return FALSE;
  budget = MAX (plan->chosen_session_minutes - plan->assessment_minutes, 0);

  /* The areas worked; maintenance only fills what is spare */
  minutes = g_new0 (int, plan->items->len + 1);
  for (guint i = 0; i < plan->items->len; i++)
    {
      const BmPlanItem *item = g_ptr_array_index (plan->items, i);

      if (item->role == BM_ITEM_MAINTENANCE || item->minutes <= 0)
        continue;
      total += item->minutes;
      n++;
    }
  if (total <= budget || n == 0)
    return FALSE;

  /* In proportion, at least a minute each; what the rounding to whole
   * minutes gives back is taken from the longest */
  for (guint i = 0; i < plan->items->len; i++)
    {
      const BmPlanItem *item = g_ptr_array_index (plan->items, i);

      if (item->role == BM_ITEM_MAINTENANCE || item->minutes <= 0)
        continue;
      minutes[i] = MAX (1, (int) ((gint64) item->minutes * budget / total));
      sum += minutes[i];
    }
  while (sum > budget)
    {
      guint longest = G_MAXUINT;

      for (guint i = 0; i < plan->items->len; i++)
        if (minutes[i] > 1 && (longest == G_MAXUINT || minutes[i] > minutes[longest]))
          longest = i;
      if (longest == G_MAXUINT)
        break;
      minutes[longest]--;
      sum--;
    }

  therapist = dup_therapist (intake);
  for (guint i = 0; i < plan->items->len; i++)
    {
      const BmPlanItem *item = g_ptr_array_index (plan->items, i);

      if (minutes[i] > 0 && minutes[i] != item->minutes)
        json_object_set_int_member (find_item (therapist, item->region, item->side, TRUE), "minutes", minutes[i]);
    }
  commit (intake, therapist);
  return TRUE;
}
