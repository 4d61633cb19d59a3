/* bm-adjustments.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bm-adjustments.h"

static JsonNode *
member (JsonObject *obj,
        const char *name)
{
  return obj && json_object_has_member (obj, name) ? json_object_get_member (obj, name) : NULL;
}

static const char *
string_member (JsonObject *obj,
               const char *name)
{
  JsonNode *node = member (obj, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Whole numbers, also written as decimals, within a sane range */
static gboolean
int_member (JsonObject *obj,
            const char *name,
            gint64     *out)
{
  JsonNode *node = member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *out = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      if (!(value >= -1e9 && value <= 1e9))
        return FALSE;
      *out = (gint64) value;
    }
  else
    return FALSE;
  return TRUE;
}

static JsonArray *
array_member (JsonObject *obj,
              const char *name)
{
  JsonNode *node = member (obj, name);

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* FALSE for an entry with no region or a side that is not a side id */
static gboolean
read_area (JsonObject     *obj,
           BmAdjustedArea *area,
           gboolean        region_required)
{
  const char *region = string_member (obj, "region");
  const char *side = string_member (obj, "side");

  if (region == NULL && region_required)
    return FALSE;
  if (side != NULL && !bm_side_from_id (side, &area->side))
    return FALSE;
  area->has_side = side != NULL;
  area->region = g_strdup (region);
  return TRUE;
}

static void
item_free (gpointer data)
{
  BmAdjustedItem *item = data;

  g_free (item->area.region);
  g_strfreev (item->techniques);
  g_free (item->reason);
  g_free (item);
}

static void
area_free (gpointer data)
{
  BmAdjustedArea *area = data;

  g_free (area->region);
  g_free (area);
}

static void
acknowledgement_free (gpointer data)
{
  BmAcknowledgement *ack = data;

  g_free (ack->warning);
  g_free (ack->area.region);
  g_free (ack->note);
  g_free (ack);
}

static GStrv
read_strings (JsonArray *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }
  return g_strv_builder_end (builder);
}

BmAdjustments *
bm_adjustments_new_from_json (JsonObject *therapist)
{
  BmAdjustments *adj = g_new0 (BmAdjustments, 1);
  JsonArray *array;
  gint64 minutes;

  adj->items = g_ptr_array_new_with_free_func (item_free);
  adj->removed = g_ptr_array_new_with_free_func (area_free);
  adj->acknowledged = g_ptr_array_new_with_free_func (acknowledgement_free);
  if (therapist == NULL)
    return adj;

  if (int_member (therapist, "session_minutes", &minutes) && minutes > 0)
    adj->session_minutes = minutes;
  adj->notes = g_strdup (string_member (therapist, "notes"));

  array = array_member (therapist, "items");
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      BmAdjustedItem *item;
      JsonArray *techniques;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      item = g_new0 (BmAdjustedItem, 1);
      if (!read_area (json_node_get_object (node), &item->area, TRUE))
        {
          item_free (item);
          continue;
        }
      if ((techniques = array_member (json_node_get_object (node), "techniques")))
        item->techniques = read_strings (techniques);
      item->has_minutes = int_member (json_node_get_object (node), "minutes", &item->minutes);
      item->reason = g_strdup (string_member (json_node_get_object (node), "reason"));
      g_ptr_array_add (adj->items, item);
    }

  array = array_member (therapist, "removed");
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      BmAdjustedArea *area;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      area = g_new0 (BmAdjustedArea, 1);
      if (read_area (json_node_get_object (node), area, TRUE))
        g_ptr_array_add (adj->removed, area);
      else
        area_free (area);
    }

  array = array_member (therapist, "acknowledged");
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      BmAcknowledgement *ack;
      const char *warning;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          (warning = string_member (json_node_get_object (node), "warning")) == NULL)
        continue;
      ack = g_new0 (BmAcknowledgement, 1);
      if (!read_area (json_node_get_object (node), &ack->area, FALSE))
        {
          acknowledgement_free (ack);
          continue;
        }
      ack->warning = g_strdup (warning);
      ack->note = g_strdup (string_member (json_node_get_object (node), "note"));
      if (ack->note == NULL)
        ack->note = g_strdup ("");
      g_ptr_array_add (adj->acknowledged, ack);
    }
  return adj;
}

void
bm_adjustments_free (BmAdjustments *adjustments)
{
  if (adjustments == NULL)
    return;
  g_free (adjustments->notes);
  g_ptr_array_unref (adjustments->items);
  g_ptr_array_unref (adjustments->removed);
  g_ptr_array_unref (adjustments->acknowledged);
  g_free (adjustments);
}

gboolean
bm_adjusted_area_read (JsonObject     *entry,
                       BmAdjustedArea *area)
{
  g_return_val_if_fail (entry != NULL, FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  return read_area (entry, area, TRUE);
}

gboolean
bm_adjusted_area_covers (const BmAdjustedArea *area,
                         const char           *region,
                         BmSide                side)
{
  g_return_val_if_fail (area != NULL, FALSE);

  if (g_strcmp0 (area->region, region) != 0)
    return FALSE;
  return !area->has_side || area->side == side;
}

const char *
bm_adjustments_get_acknowledgement (const BmAdjustments *adjustments,
                                    const char          *id,
                                    const char          *region,
                                    BmSide               side)
{
  g_return_val_if_fail (adjustments != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < adjustments->acknowledged->len; i++)
    {
      const BmAcknowledgement *ack = g_ptr_array_index (adjustments->acknowledged, i);

      if (g_strcmp0 (ack->warning, id) != 0)
        continue;
      if (region == NULL ? ack->area.region == NULL
                         : ack->area.region != NULL && bm_adjusted_area_covers (&ack->area, region, side))
        return ack->note;
    }
  return NULL;
}
