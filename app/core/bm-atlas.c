/* bm-atlas.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-atlas"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bm-atlas-private.h"


G_DEFINE_FINAL_TYPE (BmAtlas, bm_atlas, G_TYPE_OBJECT)

G_DEFINE_QUARK (bm-atlas-error-quark, bm_atlas_error)

/* From the generated resource file; calling it also makes sure the linker
 * keeps the resources (and their constructor) out of the static library. */
void
_bm_region_free (BmRegion *region)
{
  g_free (region->id);
  g_free (region->name);
  g_free (region->short_name);
  g_free (region->covers);
  for (guint v = 0; v < region->n_views; v++)
    for (guint s = 0; s < 2; s++)
      g_clear_pointer (&region->views[v].shapes[s], g_ptr_array_unref);
  g_free (region->views);
  g_free (region);
}

static void
clear_views (BmAtlas *self)
{
  for (guint v = 0; v < self->n_views; v++)
    {
      g_free (self->views[v].id);
      g_free (self->views[v].name);
      g_free (self->views[v].short_name);
      g_clear_pointer (&self->views[v].outline, g_ptr_array_unref);
      g_clear_pointer (&self->views[v].details, g_ptr_array_unref);
    }
  g_clear_pointer (&self->views, g_free);
  self->n_views = 0;
}

/* Members and elements of the expected type, or NULL: the atlas is ours,
 * but a broken one must give an error, not a crash */
static JsonArray *
member_array (JsonObject *obj,
              const char *name)
{
  JsonNode *node = obj ? json_object_get_member (obj, name) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
member_object (JsonObject *obj,
               const char *name)
{
  JsonNode *node = obj ? json_object_get_member (obj, name) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
member_string (JsonObject *obj,
               const char *name)
{
  JsonNode *node = obj ? json_object_get_member (obj, name) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static JsonObject *
element_object (JsonArray *array,
                guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
          json_node_get_value_type (node) == G_TYPE_INT64);
}

static GPtrArray *
parse_paths (JsonArray   *array,
             const char  *where,
             GError     **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func ((GDestroyNotify) bm_path_free);

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *data = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                         ? json_node_get_string (node) : NULL;
      g_autoptr(GError) local_error = NULL;
      BmPath *path;

      if (data == NULL || !(path = bm_path_parse (data, &local_error)))
        {
          g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                       "%s[%u]: %s", where, i,
                       local_error ? local_error->message : "not a string");
          return NULL;
        }
      g_ptr_array_add (paths, path);
    }

  return g_steal_pointer (&paths);
}

/* "anchors": { "front": [x, y], ... }, optional; each view must be one the
 * region has shapes in, and the point must lie within the view. The right
 * side of a paired region is the mirror image, like its shapes. */
static gboolean
parse_anchors (BmAtlas     *self,
               BmRegion    *region,
               JsonObject  *robj,
               GError     **error)
{
  JsonObject *anchors;
  GList *members;
  gboolean ok = TRUE;

  if (!json_object_has_member (robj, "anchors"))
    return TRUE;
  if (!(anchors = member_object (robj, "anchors")))
    {
      g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                   "%s.anchors: expected an object", region->id);
      return FALSE;
    }

  members = json_object_get_members (anchors);
  for (GList *l = members; l && ok; l = l->next)
    {
      JsonNode *node = json_object_get_member (anchors, l->data);
      JsonArray *point = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      BmView view;
      double x, y;

      if (!bm_atlas_lookup_view (self, l->data, &view) || !bm_region_in_view (region, view))
        {
          g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                       "%s.anchors.%s: the region has no shape in that view",
                       region->id, (char *) l->data);
          ok = FALSE;
          break;
        }
      if (point == NULL || json_array_get_length (point) != 2 ||
          !is_number (json_array_get_element (point, 0)) ||
          !is_number (json_array_get_element (point, 1)))
        {
          g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                       "%s.anchors.%s: expected [x, y]", region->id, (char *) l->data);
          ok = FALSE;
          break;
        }
      x = json_array_get_double_element (point, 0);
      y = json_array_get_double_element (point, 1);
      if (!(x >= 0 && x <= self->width && y >= 0 && y <= self->height))
        {
          g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                       "%s.anchors.%s: (%g, %g) is outside the view", region->id,
                       (char *) l->data, x, y);
          ok = FALSE;
          break;
        }
      region->views[view].has_anchor = TRUE;
      region->views[view].anchor[0][0] = x;
      region->views[view].anchor[0][1] = y;
      region->views[view].anchor[1][0] = self->width - x;
      region->views[view].anchor[1][1] = y;
      /* A side view gives the point of the one side it shows */
      if (self->views[view].shows != BM_SIDE_CENTER)
        {
          guint slot = _bm_side_slot (self->views[view].shows);

          region->views[view].anchor[slot][0] = x;
          region->views[view].anchor[slot][1] = y;
        }
    }
  g_list_free (members);
  return ok;
}

static gboolean
parse_side (JsonArray *sides,
            guint      index,
            BmSide    *side)
{
  JsonNode *node = json_array_get_element (sides, index);

  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
         bm_side_from_id (json_node_get_string (node), side) && *side != BM_SIDE_CENTER;
}

/* "views": [{ "id": "front", "name": "Front", "sides": ["right", "left"],
 * "column": 0, "outline": [...], "details": [...] }, ...]. They are kept
 * in the order of their columns (optional: their place in the list),
 * which must number them 0, 1, 2... */
static gboolean
parse_views (BmAtlas    *self,
             JsonArray  *views,
             GError    **error)
{
  guint n = views ? json_array_get_length (views) : 0;

  if (n == 0)
    {
      g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID, "views: the atlas lists no views");
      return FALSE;
    }

  self->views = g_new0 (BmAtlasView, n);
  self->n_views = n;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *vobj = element_object (views, i);
      JsonNode *column_node = vobj ? json_object_get_member (vobj, "column") : NULL;
      JsonArray *sides = member_array (vobj, "sides");
      g_autofree char *where = g_strdup_printf ("views[%u]", i);
      const char *id = member_string (vobj, "id");
      BmAtlasView *view;
      gint64 column = i;

      if (vobj == NULL || id == NULL || *id == '\0' || member_string (vobj, "name") == NULL)
        {
          g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID, "%s: needs id and name", where);
          return FALSE;
        }
      if (column_node != NULL)
        {
          if (!JSON_NODE_HOLDS_VALUE (column_node) || json_node_get_value_type (column_node) != G_TYPE_INT64)
            {
              g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                           "%s.column: expected a whole number", where);
              return FALSE;
            }
          column = json_node_get_int (column_node);
        }
      if (column < 0 || column >= n)
        {
          g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                       "%s.column: %" G_GINT64_FORMAT " is not between 0 and %u", where, column, n - 1);
          return FALSE;
        }
      view = &self->views[column];
      if (view->id != NULL)
        {
          g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                       "%s.column: %" G_GINT64_FORMAT " is taken by view %s", where, column, view->id);
          return FALSE;
        }
      if (bm_atlas_lookup_view (self, id, NULL))
        {
          g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID, "%s: duplicate id %s", where, id);
          return FALSE;
        }
      view->id = g_strdup (id);
      view->name = g_strdup (member_string (vobj, "name"));
      view->short_name = g_strdup (member_string (vobj, "short"));

      /* "shows": "left" or "right": a view of one side of the body */
      if (json_object_has_member (vobj, "shows") &&
          (member_string (vobj, "shows") == NULL ||
           !bm_side_from_id (member_string (vobj, "shows"), &view->shows) ||
           view->shows == BM_SIDE_CENTER))
        {
          g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                       "%s.shows: expected \"left\" or \"right\"", where);
          return FALSE;
        }
      if (view->shows != BM_SIDE_CENTER && json_object_has_member (vobj, "sides"))
        {
          g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                       "%s: a view of one side (shows) has no sides at its edges", where);
          return FALSE;
        }

      if (json_object_has_member (vobj, "sides") &&
          (sides == NULL || json_array_get_length (sides) != 2 ||
           !parse_side (sides, 0, &view->sides[0]) || !parse_side (sides, 1, &view->sides[1]) ||
           view->sides[0] == view->sides[1]))
        {
          g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                       "%s.sides: expected [\"right\", \"left\"] or [\"left\", \"right\"]", where);
          return FALSE;
        }

      if (!(view->outline = parse_paths (member_array (vobj, "outline"), where, error)) ||
          !(view->details = parse_paths (member_array (vobj, "details"), where, error)))
        return FALSE;
      if (view->outline->len == 0)
        {
          g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                       "view %s has no outline", view->id);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
load (BmAtlas     *self,
      JsonNode    *root,
      GError     **error)
{
  JsonObject *obj;
  JsonArray *size, *regions;

  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (root), "format", ""),
                 "bodymap-atlas") != 0)
    {
      g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID, "not a Body Map atlas");
      return FALSE;
    }
  obj = json_node_get_object (root);

  size = member_array (obj, "view_size");
  if (size == NULL || json_array_get_length (size) != 2 ||
      !is_number (json_array_get_element (size, 0)) || !is_number (json_array_get_element (size, 1)))
    {
      g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID, "view_size: expected [width, height]");
      return FALSE;
    }
  self->width = json_array_get_double_element (size, 0);
  self->height = json_array_get_double_element (size, 1);

  if (!parse_views (self, member_array (obj, "views"), error))
    return FALSE;

  regions = member_array (obj, "regions");
  for (guint i = 0; regions && i < json_array_get_length (regions); i++)
    {
      JsonObject *robj = element_object (regions, i);
      JsonObject *shapes;
      BmRegion *region;
      GList *members;

      if (robj == NULL || member_string (robj, "id") == NULL ||
          member_string (robj, "name") == NULL ||
          !(shapes = member_object (robj, "shapes")))
        {
          g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                       "regions[%u]: needs id, name and shapes", i);
          return FALSE;
        }

      region = g_new0 (BmRegion, 1);
      region->index = self->regions->len;
      region->n_views = self->n_views;
      region->views = g_new0 (BmRegionView, self->n_views);
      region->id = g_strdup (member_string (robj, "id"));
      region->name = g_strdup (member_string (robj, "name"));
      region->short_name = g_strdup (json_object_get_string_member_with_default (robj, "short", region->name));
      region->covers = g_strdup (member_string (robj, "covers"));
      region->paired = json_object_get_boolean_member_with_default (robj, "paired", FALSE);
      g_ptr_array_add (self->regions, region);

      if (region->covers == NULL && json_object_has_member (robj, "covers"))
        {
          g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                       "regions[%u]: covers must be text", i);
          return FALSE;
        }

      if (g_hash_table_contains (self->by_id, region->id))
        {
          g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                       "regions[%u]: duplicate id %s", i, region->id);
          return FALSE;
        }
      g_hash_table_insert (self->by_id, region->id, region);

      members = json_object_get_members (shapes);
      for (GList *l = members; l; l = l->next)
        {
          g_autofree char *where = g_strdup_printf ("%s.shapes.%s", region->id, (char *) l->data);
          BmRegionView *rv;
          BmView view;

          if (!bm_atlas_lookup_view (self, l->data, &view))
            {
              g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID, "%s: unknown view", where);
              g_list_free (members);
              return FALSE;
            }
          rv = &region->views[view];
          if (rv->shapes[0] != NULL || rv->shapes[1] != NULL)
            {
              g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID, "%s: given twice", where);
              g_list_free (members);
              return FALSE;
            }
          if (!(rv->shapes[0] = parse_paths (member_array (shapes, l->data), where, error)))
            {
              g_list_free (members);
              return FALSE;
            }
          /* A view of the client's right side: its shapes are the right
           * side's, and the left shows in no shape there */
          if (region->paired && self->views[view].shows == BM_SIDE_RIGHT)
            {
              rv->shapes[1] = g_steal_pointer (&rv->shapes[0]);
              rv->shapes[0] = g_ptr_array_new_with_free_func ((GDestroyNotify) bm_path_free);
            }
          else if (region->paired && self->views[view].shows == BM_SIDE_LEFT)
            rv->shapes[1] = g_ptr_array_new_with_free_func ((GDestroyNotify) bm_path_free);
          else if (region->paired)
            {
              rv->shapes[1] = g_ptr_array_new_with_free_func ((GDestroyNotify) bm_path_free);
              for (guint k = 0; k < rv->shapes[0]->len; k++)
                g_ptr_array_add (rv->shapes[1],
                                 bm_path_mirror (g_ptr_array_index (rv->shapes[0], k),
                                                 self->width / 2));
            }
        }
      g_list_free (members);

      if (!parse_anchors (self, region, robj, error))
        return FALSE;

      /* Without a primary view: the first, left to right, that shows it */
      if (!bm_atlas_lookup_view (self, json_object_get_string_member_with_default (robj, "primary", ""),
                                 &region->primary))
        for (region->primary = 0; region->primary + 1 < self->n_views; region->primary++)
          if (bm_region_in_view (region, region->primary))
            break;
      if (!bm_region_in_view (region, region->primary))
        {
          g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                       "%s: no shape in its primary view", region->id);
          return FALSE;
        }
    }

  return TRUE;
}

static void
bm_atlas_finalize (GObject *object)
{
  BmAtlas *self = (BmAtlas *)object;

  g_clear_pointer (&self->bodies, g_ptr_array_unref);
  g_mutex_clear (&self->bodies_lock);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->regions, g_ptr_array_unref);
  clear_views (self);

  G_OBJECT_CLASS (bm_atlas_parent_class)->finalize (object);
}

static void
bm_atlas_class_init (BmAtlasClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bm_atlas_finalize;
}

static void
bm_atlas_init (BmAtlas *self)
{
  self->regions = g_ptr_array_new_with_free_func ((GDestroyNotify) _bm_region_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_mutex_init (&self->bodies_lock);
}

BmAtlas *
bm_atlas_new_from_bytes (GBytes  *bytes,
                         GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(BmAtlas) self = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (!json_parser_load_from_data (parser, data, len, error))
    return NULL;
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID, "empty atlas");
      return NULL;
    }

  self = g_object_new (BM_TYPE_ATLAS, NULL);
  if (!load (self, json_parser_get_root (parser), error))
    return NULL;

  return g_steal_pointer (&self);
}

#define COMPILED_FORMAT "bodymap-atlas-compiled"
#define COMPILED_VERSION 1

static GVariant *
paths_to_variant (GPtrArray *paths)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE (BM_ATLAS_PATHS_TYPE));
  for (guint i = 0; paths && i < paths->len; i++)
    g_variant_builder_add_value (&builder, bm_path_to_variant (g_ptr_array_index (paths, i)));
  return g_variant_builder_end (&builder);
}

static GVariant *
maybe_paths_to_variant (GPtrArray *paths)
{
  return g_variant_new_maybe (G_VARIANT_TYPE (BM_ATLAS_PATHS_TYPE),
                              paths ? paths_to_variant (paths) : NULL);
}

GVariant *
bm_atlas_compile (BmAtlas *self)
{
  GVariantBuilder views, regions;

  g_return_val_if_fail (BM_IS_ATLAS (self), NULL);

  g_variant_builder_init (&views, G_VARIANT_TYPE ("a" BM_ATLAS_VIEW_TYPE));
  for (guint v = 0; v < self->n_views; v++)
    {
      const BmAtlasView *view = &self->views[v];

      g_variant_builder_add (&views, "(ssmsiii@" BM_ATLAS_PATHS_TYPE "@" BM_ATLAS_PATHS_TYPE ")",
                             view->id, view->name, view->short_name,
                             (gint32) view->sides[0], (gint32) view->sides[1], (gint32) view->shows,
                             paths_to_variant (view->outline), paths_to_variant (view->details));
    }

  g_variant_builder_init (&regions, G_VARIANT_TYPE ("a" BM_ATLAS_REGION_TYPE));
  for (guint i = 0; i < self->regions->len; i++)
    {
      const BmRegion *region = g_ptr_array_index (self->regions, i);
      GVariantBuilder rviews;

      g_variant_builder_init (&rviews, G_VARIANT_TYPE ("a" BM_ATLAS_REGION_VIEW_TYPE));
      for (guint v = 0; v < region->n_views; v++)
        {
          const BmRegionView *rv = &region->views[v];

          g_variant_builder_add (&rviews, "(@m" BM_ATLAS_PATHS_TYPE "@m" BM_ATLAS_PATHS_TYPE "bdddd)",
                                 maybe_paths_to_variant (rv->shapes[0]), maybe_paths_to_variant (rv->shapes[1]),
                                 rv->has_anchor, rv->anchor[0][0], rv->anchor[0][1],
                                 rv->anchor[1][0], rv->anchor[1][1]);
        }
      g_variant_builder_add (&regions, "(sssmsbu@a" BM_ATLAS_REGION_VIEW_TYPE ")",
                             region->id, region->name, region->short_name, region->covers,
                             region->paired, (guint32) region->primary,
                             g_variant_builder_end (&rviews));
    }

  return g_variant_ref_sink (g_variant_new ("(sudd@a" BM_ATLAS_VIEW_TYPE "@a" BM_ATLAS_REGION_TYPE ")",
                                            COMPILED_FORMAT, COMPILED_VERSION, self->width, self->height,
                                            g_variant_builder_end (&views), g_variant_builder_end (&regions)));
}

/* A path list of the compiled atlas; NULL when a path is broken */
static GPtrArray *
paths_from_variant (GVariant *array)
{
  g_autoptr(GPtrArray) paths = NULL;
  gsize n = g_variant_n_children (array);

  paths = g_ptr_array_new_full (n, (GDestroyNotify) bm_path_free);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (array, i);
      BmPath *path = bm_path_new_from_variant (child);

      if (path == NULL)
        return NULL;
      g_ptr_array_add (paths, path);
    }
  return g_steal_pointer (&paths);
}

static gboolean
valid_side (gint32 side)
{
  return side >= BM_SIDE_CENTER && side <= BM_SIDE_RIGHT;
}

static gboolean
load_compiled_views (BmAtlas  *self,
                     GVariant *views)
{
  self->n_views = g_variant_n_children (views);
  self->views = g_new0 (BmAtlasView, self->n_views);
  for (guint v = 0; v < self->n_views; v++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (views, v);
      g_autoptr(GVariant) outline = NULL;
      g_autoptr(GVariant) details = NULL;
      BmAtlasView *view = &self->views[v];
      gint32 sides[2], shows;

      g_variant_get (child, "(ssmsiii@" BM_ATLAS_PATHS_TYPE "@" BM_ATLAS_PATHS_TYPE ")",
                     &view->id, &view->name, &view->short_name, &sides[0], &sides[1], &shows,
                     &outline, &details);
      if (!valid_side (sides[0]) || !valid_side (sides[1]) || !valid_side (shows) ||
          !(view->outline = paths_from_variant (outline)) || view->outline->len == 0 ||
          !(view->details = paths_from_variant (details)))
        return FALSE;
      view->sides[0] = sides[0];
      view->sides[1] = sides[1];
      view->shows = shows;
    }
  return self->n_views > 0;
}

static gboolean
load_compiled_region (BmAtlas  *self,
                      GVariant *variant)
{
  g_autoptr(GVariant) rviews = NULL;
  BmRegion *region = g_new0 (BmRegion, 1);
  guint32 primary;

  region->index = self->regions->len;
  region->n_views = self->n_views;
  region->views = g_new0 (BmRegionView, self->n_views);
  g_ptr_array_add (self->regions, region);
  g_variant_get (variant, "(sssmsbu@a" BM_ATLAS_REGION_VIEW_TYPE ")",
                 &region->id, &region->name, &region->short_name, &region->covers,
                 &region->paired, &primary, &rviews);
  if (primary >= self->n_views || g_variant_n_children (rviews) != self->n_views ||
      g_hash_table_contains (self->by_id, region->id))
    return FALSE;
  region->primary = primary;
  g_hash_table_insert (self->by_id, region->id, region);

  for (guint v = 0; v < self->n_views; v++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (rviews, v);
      g_autoptr(GVariant) maybe0 = NULL;
      g_autoptr(GVariant) maybe1 = NULL;
      BmRegionView *rv = &region->views[v];

      g_variant_get (child, "(@m" BM_ATLAS_PATHS_TYPE "@m" BM_ATLAS_PATHS_TYPE "bdddd)",
                     &maybe0, &maybe1, &rv->has_anchor, &rv->anchor[0][0], &rv->anchor[0][1],
                     &rv->anchor[1][0], &rv->anchor[1][1]);
      for (guint s = 0; s < 2; s++)
        {
          g_autoptr(GVariant) paths = g_variant_get_maybe (s == 0 ? maybe0 : maybe1);

          if (paths != NULL && !(rv->shapes[s] = paths_from_variant (paths)))
            return FALSE;
        }
    }
  return bm_region_in_view (region, region->primary);
}

BmAtlas *
bm_atlas_new_from_compiled (GVariant  *compiled,
                            GError   **error)
{
  g_autoptr(BmAtlas) self = NULL;
  g_autoptr(GVariant) views = NULL;
  g_autoptr(GVariant) regions = NULL;
  const char *format;
  guint32 version;
  gsize n_regions;

  g_return_val_if_fail (compiled != NULL, NULL);

  if (!g_variant_is_of_type (compiled, G_VARIANT_TYPE (BM_ATLAS_COMPILED_TYPE)))
    {
      g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID, "not a compiled Body Map atlas");
      return NULL;
    }
  self = g_object_new (BM_TYPE_ATLAS, NULL);
  g_variant_get (compiled, "(&sudd@a" BM_ATLAS_VIEW_TYPE "@a" BM_ATLAS_REGION_TYPE ")",
                 &format, &version, &self->width, &self->height, &views, &regions);
  /* Compiled on a machine of the other byte order */
  if (g_str_equal (format, COMPILED_FORMAT) && version == GUINT32_SWAP_LE_BE (COMPILED_VERSION))
    {
      g_autoptr(GVariant) swapped = g_variant_byteswap (compiled);

      return bm_atlas_new_from_compiled (swapped, error);
    }
  if (!g_str_equal (format, COMPILED_FORMAT) || version != COMPILED_VERSION)
    {
      g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                   "a compiled atlas of another kind (%s %u)", format, version);
      return NULL;
    }
  if (!load_compiled_views (self, views))
    {
      g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID, "a view of the compiled atlas is broken");
      return NULL;
    }
  n_regions = g_variant_n_children (regions);
  for (gsize i = 0; i < n_regions; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (regions, i);

      if (!load_compiled_region (self, child))
        {
          g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                       "region %" G_GSIZE_FORMAT " of the compiled atlas is broken", i);
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

void
bm_atlas_get_view_size (BmAtlas *self,
                        double  *width,
                        double  *height)
{
  g_return_if_fail (BM_IS_ATLAS (self));

  if (width)
    *width = self->width;
  if (height)
    *height = self->height;
}

guint
bm_atlas_get_n_views (BmAtlas *self)
{
  g_return_val_if_fail (BM_IS_ATLAS (self), 0);

  return self->n_views;
}

gboolean
bm_atlas_lookup_view (BmAtlas    *self,
                      const char *id,
                      BmView     *view)
{
  g_return_val_if_fail (BM_IS_ATLAS (self), FALSE);

  for (guint v = 0; id != NULL && v < self->n_views; v++)
    if (g_strcmp0 (self->views[v].id, id) == 0)
      {
        if (view)
          *view = v;
        return TRUE;
      }
  return FALSE;
}

const char *
bm_atlas_get_view_id (BmAtlas *self,
                      BmView   view)
{
  g_return_val_if_fail (BM_IS_ATLAS (self), NULL);
  g_return_val_if_fail (view < self->n_views, NULL);

  return self->views[view].id;
}

const char *
bm_atlas_get_view_name (BmAtlas *self,
                        BmView   view)
{
  g_return_val_if_fail (BM_IS_ATLAS (self), NULL);
  g_return_val_if_fail (view < self->n_views, NULL);

  /* Extracted with this context by po/extract-json-strings.py */
  return g_dpgettext2 (GETTEXT_PACKAGE, "view", self->views[view].name);
}

const char *
bm_atlas_get_view_short_name (BmAtlas *self,
                              BmView   view)
{
  g_return_val_if_fail (BM_IS_ATLAS (self), NULL);
  g_return_val_if_fail (view < self->n_views, NULL);

  if (self->views[view].short_name == NULL)
    return bm_atlas_get_view_name (self, view);
  return g_dpgettext2 (GETTEXT_PACKAGE, "view", self->views[view].short_name);
}

gboolean
bm_atlas_get_view_sides (BmAtlas *self,
                         BmView   view,
                         BmSide  *viewer_left,
                         BmSide  *viewer_right)
{
  g_return_val_if_fail (BM_IS_ATLAS (self), FALSE);
  g_return_val_if_fail (view < self->n_views, FALSE);

  if (self->views[view].sides[0] == BM_SIDE_CENTER)
    return FALSE;
  if (viewer_left)
    *viewer_left = self->views[view].sides[0];
  if (viewer_right)
    *viewer_right = self->views[view].sides[1];
  return TRUE;
}

BmSide
bm_atlas_get_view_shows (BmAtlas *self,
                         BmView   view)
{
  g_return_val_if_fail (BM_IS_ATLAS (self), BM_SIDE_CENTER);
  g_return_val_if_fail (view < self->n_views, BM_SIDE_CENTER);

  return self->views[view].shows;
}

GPtrArray *
bm_atlas_get_outline (BmAtlas *self,
                      BmView   view)
{
  g_return_val_if_fail (BM_IS_ATLAS (self), NULL);
  g_return_val_if_fail (view < self->n_views, NULL);

  return self->views[view].outline;
}

GPtrArray *
bm_atlas_get_details (BmAtlas *self,
                      BmView   view)
{
  g_return_val_if_fail (BM_IS_ATLAS (self), NULL);
  g_return_val_if_fail (view < self->n_views, NULL);

  return self->views[view].details;
}

guint
bm_atlas_get_n_regions (BmAtlas *self)
{
  g_return_val_if_fail (BM_IS_ATLAS (self), 0);

  return self->regions->len;
}

const BmRegion *
bm_atlas_get_region (BmAtlas *self,
                     guint    index)
{
  g_return_val_if_fail (BM_IS_ATLAS (self), NULL);
  g_return_val_if_fail (index < self->regions->len, NULL);

  return g_ptr_array_index (self->regions, index);
}

const BmRegion *
bm_atlas_lookup (BmAtlas    *self,
                 const char *id)
{
  g_return_val_if_fail (BM_IS_ATLAS (self), NULL);

  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_id, id);
}

gboolean
bm_atlas_hit_test (BmAtlas         *self,
                   BmView           view,
                   double           x,
                   double           y,
                   const BmRegion **region,
                   BmSide          *side)
{
  g_return_val_if_fail (BM_IS_ATLAS (self), FALSE);
  g_return_val_if_fail (view < self->n_views, FALSE);

  for (guint i = 0; i < self->regions->len; i++)
    {
      const BmRegion *r = g_ptr_array_index (self->regions, i);

      for (guint slot = 0; slot < 2; slot++)
        {
          GPtrArray *shapes = r->views[view].shapes[slot];

          if (shapes == NULL)
            continue;
          for (guint k = 0; k < shapes->len; k++)
            if (bm_path_contains (g_ptr_array_index (shapes, k), x, y))
              {
                if (region)
                  *region = r;
                if (side)
                  *side = !r->paired ? BM_SIDE_CENTER : slot == 0 ? BM_SIDE_LEFT : BM_SIDE_RIGHT;
                return TRUE;
              }
        }
    }

  if (region)
    *region = NULL;
  return FALSE;
}

gboolean
bm_atlas_find_nearest (BmAtlas         *self,
                       BmView           view,
                       double           x,
                       double           y,
                       double           max_distance,
                       const BmRegion **region,
                       BmSide          *side,
                       double          *distance)
{
  const BmRegion *best = NULL;
  guint best_slot = 0;
  double best_distance = max_distance;

  g_return_val_if_fail (BM_IS_ATLAS (self), FALSE);
  g_return_val_if_fail (view < self->n_views, FALSE);
  g_return_val_if_fail (max_distance >= 0, FALSE);

  if (bm_atlas_hit_test (self, view, x, y, region, side))
    {
      if (distance)
        *distance = 0;
      return TRUE;
    }

  for (guint i = 0; i < self->regions->len; i++)
    {
      const BmRegion *r = g_ptr_array_index (self->regions, i);

      for (guint slot = 0; slot < 2; slot++)
        {
          GPtrArray *shapes = r->views[view].shapes[slot];

          if (shapes == NULL)
            continue;
          for (guint k = 0; k < shapes->len; k++)
            {
              const BmPath *path = g_ptr_array_index (shapes, k);
              const BmRect *b = bm_path_get_bounds (path);
              double d;

              /* Farther than the best so far from the bounds, so from
               * the outline too */
              if (x < b->x - best_distance || x > b->x + b->width + best_distance ||
                  y < b->y - best_distance || y > b->y + b->height + best_distance)
                continue;
              d = bm_path_distance_to_edge (path, x, y);
              if (best == NULL ? d <= best_distance : d < best_distance)
                {
                  best = r;
                  best_slot = slot;
                  best_distance = d;
                }
            }
        }
    }

  if (region)
    *region = best;
  if (best == NULL)
    return FALSE;
  if (side)
    *side = !best->paired ? BM_SIDE_CENTER : best_slot == 0 ? BM_SIDE_LEFT : BM_SIDE_RIGHT;
  if (distance)
    *distance = best_distance;
  return TRUE;
}

const char *
bm_region_get_id (const BmRegion *region)
{
  g_return_val_if_fail (region != NULL, NULL);
  return region->id;
}

guint
bm_region_get_index (const BmRegion *region)
{
  g_return_val_if_fail (region != NULL, 0);
  return region->index;
}

const char *
bm_region_get_name (const BmRegion *region)
{
  g_return_val_if_fail (region != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, region->name);
}

const char *
bm_region_get_covers (const BmRegion *region)
{
  g_return_val_if_fail (region != NULL, NULL);
  return region->covers ? g_dgettext (GETTEXT_PACKAGE, region->covers) : NULL;
}

char *
bm_region_dup_label (const BmRegion *region,
                     BmSide          side)
{
  g_autofree char *english = NULL;

  g_return_val_if_fail (region != NULL, NULL);

  if (!region->paired || side == BM_SIDE_CENTER)
    return g_strdup (bm_region_get_name (region));

  /* Whole labels are translated ("Left calf" with context "region
   * label", extracted by po/extract-json-strings.py): many languages put
   * the side after the noun and make it agree with it. */
  english = g_strdup_printf ("%s %s", side == BM_SIDE_LEFT ? "Left" : "Right", region->short_name);
  return g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "region label", english));
}

gboolean
bm_region_is_paired (const BmRegion *region)
{
  g_return_val_if_fail (region != NULL, FALSE);
  return region->paired;
}

gboolean
bm_region_accepts_side (const BmRegion *region,
                        BmSide          side)
{
  g_return_val_if_fail (region != NULL, FALSE);

  if (region->paired)
    return side == BM_SIDE_LEFT || side == BM_SIDE_RIGHT;
  return side == BM_SIDE_CENTER;
}

gboolean
bm_region_in_view (const BmRegion *region,
                   BmView          view)
{
  g_return_val_if_fail (region != NULL, FALSE);
  g_return_val_if_fail (view < region->n_views, FALSE);

  for (guint slot = 0; slot < 2; slot++)
    if (region->views[view].shapes[slot] != NULL && region->views[view].shapes[slot]->len > 0)
      return TRUE;
  return FALSE;
}

BmView
bm_region_get_primary_view (const BmRegion *region)
{
  g_return_val_if_fail (region != NULL, 0);
  return region->primary;
}

BmView
bm_region_get_view_for_side (const BmRegion *region,
                             BmSide          side)
{
  g_return_val_if_fail (region != NULL, 0);

  if (bm_region_get_shapes (region, region->primary, side)->len > 0)
    return region->primary;
  for (BmView v = 0; v < region->n_views; v++)
    if (bm_region_get_shapes (region, v, side)->len > 0)
      return v;
  return region->primary;
}

GPtrArray *
bm_region_get_shapes (const BmRegion *region,
                      BmView          view,
                      BmSide          side)
{
  static GPtrArray *empty;
  GPtrArray *shapes;

  g_return_val_if_fail (region != NULL, NULL);
  g_return_val_if_fail (view < region->n_views, NULL);

  if (g_once_init_enter (&empty))
    g_once_init_leave (&empty, g_ptr_array_new ());

  if (!bm_region_accepts_side (region, side))
    return empty;
  shapes = region->views[view].shapes[_bm_side_slot (side)];
  return shapes ? shapes : empty;
}

gboolean
bm_region_get_bounds (const BmRegion *region,
                      BmView          view,
                      BmSide          side,
                      BmRect         *bounds)
{
  GPtrArray *shapes = bm_region_get_shapes (region, view, side);
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  if (shapes->len == 0)
    return FALSE;

  for (guint i = 0; i < shapes->len; i++)
    {
      const BmRect *r = bm_path_get_bounds (g_ptr_array_index (shapes, i));

      x0 = MIN (x0, r->x);
      y0 = MIN (y0, r->y);
      x1 = MAX (x1, r->x + r->width);
      y1 = MAX (y1, r->y + r->height);
    }

  bounds->x = x0;
  bounds->y = y0;
  bounds->width = x1 - x0;
  bounds->height = y1 - y0;
  return TRUE;
}

gboolean
bm_region_get_anchor (const BmRegion *region,
                      BmView          view,
                      BmSide          side,
                      double         *x,
                      double         *y)
{
  GPtrArray *shapes = bm_region_get_shapes (region, view, side);
  const BmPath *largest = NULL;
  double best = -1;

  if (shapes->len == 0)
    return FALSE;
  if (region->views[view].has_anchor)
    {
      *x = region->views[view].anchor[_bm_side_slot (side)][0];
      *y = region->views[view].anchor[_bm_side_slot (side)][1];
      return TRUE;
    }

  for (guint i = 0; i < shapes->len; i++)
    {
      const BmPath *path = g_ptr_array_index (shapes, i);
      double area = bm_path_get_area (path);

      if (area > best)
        {
          best = area;
          largest = path;
        }
    }

  if (largest == NULL)
    return FALSE;

  bm_path_get_anchor (largest, x, y);
  return TRUE;
}
