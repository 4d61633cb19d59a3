/* bm-homecare.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-homecare"

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bm-homecare.h"

#define HOMECARE_RESOURCE RESOURCE_PREFIX "/rules/homecare.json"

typedef struct
{
  char          *text;     /* English */
  char          *safe;     /* English; NULL: the usual text suits everyone */
  BmHealthFlags  safe_for; /* the flags the usual text does not suit */
} Advice;

typedef struct
{
  GStrv        region_ids;
  GHashTable  *advice;     /* region id -> Advice */
  GStrv        general;    /* English */
  char        *general_text; /* translated, joined */
  const char **lists[3];   /* BmHomeCareKind -> translated, NULL-terminated */
  char        *refer;      /* English */
} HomeCare;

static void
advice_free (gpointer data)
{
  Advice *advice = data;

  g_free (advice->text);
  g_free (advice->safe);
  g_free (advice);
}

static const char **
translated_list (JsonObject *root,
                 const char *name)
{
  JsonNode *node = root ? json_object_get_member (root, name) : NULL;
  JsonArray *array = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  guint n = array ? json_array_get_length (array) : 0;
  const char **list = g_new0 (const char *, n + 1);
  guint k = 0;

  for (guint i = 0; i < n; i++)
    {
      const char *text = json_node_get_string (json_array_get_element (array, i));

      /* The strings live as long as the process: interned */
      if (text != NULL && *text != '\0')
        list[k++] = g_dgettext (GETTEXT_PACKAGE, g_intern_string (text));
    }
  return list;
}

/* From the generated resource file; calling it also makes sure the linker
 * keeps the resources (and their constructor) out of the static library. */
GResource *bm_core_get_resource (void);

static void
load_home_care (HomeCare *hc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) general = g_strv_builder_new ();
  JsonObject *root, *regions;
  JsonArray *items;

  hc->advice = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, advice_free);

  g_assert (bm_core_get_resource () != NULL);
  bytes = g_resources_lookup_data (HOMECARE_RESOURCE, 0, &error);
  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &error))
    {
      g_critical ("%s: %s", HOMECARE_RESOURCE, error->message);
      goto out;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  regions = root && json_object_has_member (root, "regions")
            ? json_object_get_object_member (root, "regions") : NULL;
  items = root && json_object_has_member (root, "general")
          ? json_object_get_array_member (root, "general") : NULL;

  if (regions != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (regions);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (regions, l->data);
          Advice *advice = g_new0 (Advice, 1);

          if (JSON_NODE_HOLDS_OBJECT (node))
            {
              JsonObject *obj = json_node_get_object (node);
              JsonNode *flags = json_object_get_member (obj, "safe_for");

              advice->text = g_strdup (json_object_get_string_member_with_default (obj, "text", NULL));
              advice->safe = g_strdup (json_object_get_string_member_with_default (obj, "safe", NULL));
              for (guint i = 0; flags && JSON_NODE_HOLDS_ARRAY (flags) &&
                                i < json_array_get_length (json_node_get_array (flags)); i++)
                {
                  BmHealthFlags flag;

                  if (bm_health_from_id (json_array_get_string_element (json_node_get_array (flags), i), &flag))
                    advice->safe_for |= flag;
                }
            }
          else if (json_node_get_value_type (node) == G_TYPE_STRING)
            advice->text = g_strdup (json_node_get_string (node));

          if (advice->text == NULL || *advice->text == '\0')
            {
              advice_free (advice);
              continue;
            }
          g_strv_builder_add (ids, l->data);
          g_hash_table_insert (hc->advice, g_strdup (l->data), advice);
        }
    }

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      const char *text = json_node_get_string (json_array_get_element (items, i));

      if (text != NULL && *text != '\0')
        g_strv_builder_add (general, text);
    }

  hc->lists[BM_HOMECARE_USUAL] = translated_list (root, "general");
  hc->lists[BM_HOMECARE_RACE_DAY] = translated_list (root, "race_day");
  hc->lists[BM_HOMECARE_POSTPONED] = translated_list (root, "postponed");
  hc->refer = g_strdup (json_object_get_string_member_with_default (root, "refer", NULL));

out:
  for (guint i = 0; i < G_N_ELEMENTS (hc->lists); i++)
    if (hc->lists[i] == NULL)
      hc->lists[i] = g_new0 (const char *, 1);
  hc->region_ids = g_strv_builder_end (ids);
  hc->general = g_strv_builder_end (general);

  {
    GString *joined = g_string_new (NULL);

    for (guint i = 0; hc->general[i] != NULL; i++)
      {
        if (i > 0)
          g_string_append_c (joined, '\n');
        g_string_append (joined, g_dgettext (GETTEXT_PACKAGE, hc->general[i]));
      }
    hc->general_text = g_string_free (joined, FALSE);
  }
}

static const HomeCare *
get_home_care (void)
{
  static HomeCare hc;
  static gsize loaded;

  if (g_once_init_enter (&loaded))
    {
      load_home_care (&hc);
      g_once_init_leave (&loaded, 1);
    }
  return &hc;
}

const char *
bm_homecare_get_advice (const char *region_id)
{
  g_return_val_if_fail (region_id != NULL, NULL);

  return bm_homecare_get_advice_for (region_id, BM_HEALTH_NONE);
}

const char *
bm_homecare_get_advice_for (const char    *region_id,
                            BmHealthFlags  health)
{
  const Advice *advice;

  g_return_val_if_fail (region_id != NULL, NULL);

  advice = g_hash_table_lookup (get_home_care ()->advice, region_id);
  if (advice == NULL)
    return NULL;
  if (advice->safe && (health & advice->safe_for))
    return g_dgettext (GETTEXT_PACKAGE, advice->safe);
  return g_dgettext (GETTEXT_PACKAGE, advice->text);
}

const char * const *
bm_homecare_get_general_list (BmHomeCareKind kind)
{
  g_return_val_if_fail (kind <= BM_HOMECARE_POSTPONED, NULL);

  return get_home_care ()->lists[kind];
}

const char *
bm_homecare_get_refer (void)
{
  const char *refer = get_home_care ()->refer;

  return refer ? g_dgettext (GETTEXT_PACKAGE, refer) : NULL;
}

const char *
bm_homecare_get_general (void)
{
  return get_home_care ()->general_text;
}

const char * const *
bm_homecare_list_region_ids (void)
{
  return (const char * const *) get_home_care ()->region_ids;
}
