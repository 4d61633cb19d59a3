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
  GStrv       region_ids;
  GHashTable *advice;     /* region id -> English advice */
  GStrv       general;    /* English */
  char       *general_text; /* translated, joined */
} HomeCare;

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

  hc->advice = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

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
          const char *text = json_object_get_string_member_with_default (regions, l->data, NULL);

          if (text == NULL || *text == '\0')
            continue;
          g_strv_builder_add (ids, l->data);
          g_hash_table_insert (hc->advice, g_strdup (l->data), g_strdup (text));
        }
    }

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      const char *text = json_node_get_string (json_array_get_element (items, i));

      if (text != NULL && *text != '\0')
        g_strv_builder_add (general, text);
    }

out:
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
  const char *text;

  g_return_val_if_fail (region_id != NULL, NULL);

  text = g_hash_table_lookup (get_home_care ()->advice, region_id);
  return text ? g_dgettext (GETTEXT_PACKAGE, text) : NULL;
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
