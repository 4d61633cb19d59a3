/* bm-atlas-bodies.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-atlas"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "bm-atlas-private.h"

/* Body outlines: the atlas's own figure made wider or narrower row by
 * row. In a view an outline scales, every point moves sideways from the
 * middle of the view, x' = cx + (x - cx) * s(y), s(y) > 0 taken from a
 * few keys [y, s] by a smooth curve (monotone cubic: no wave between
 * two keys, and s never beyond them). Each row is stretched or squeezed
 * as a whole and keeps its order, so what was inside the silhouette
 * stays inside it, regions stay apart, and each anchor stays in its
 * region: the atlas's rules hold for every outline without new data. */

#define BODIES_FORMAT  "bodymap-bodies"
#define BODIES_VERSION 1
#define MIN_SCALE      0.5
#define MAX_SCALE      1.5

typedef struct
{
  double y;
  double scale;
  double slope;   /* ds/dy at y */
} ScaleKey;

/* How one view of one outline is scaled, for bm_path_warp() */
typedef struct
{
  double  cx;
  GArray *keys;   /* ScaleKey, by y */
} Scale;

struct _BmBody
{
  char     *id;
  char     *name;
  char     *description;
  Scale   **scales;     /* per view; NULL: the view as the atlas draws it */
  guint     n_views;
  BmAtlas  *atlas;      /* made on first use; the default: none */
};

void
_bm_body_free (BmBody *body)
{
  g_free (body->id);
  g_free (body->name);
  g_free (body->description);
  for (guint v = 0; v < body->n_views; v++)
    if (body->scales[v] != NULL)
      {
        g_array_unref (body->scales[v]->keys);
        g_free (body->scales[v]);
      }
  g_free (body->scales);
  g_clear_object (&body->atlas);
  g_free (body);
}

static BmAtlas *
root_of (BmAtlas *self)
{
  return self->base != NULL ? self->base : self;
}

static const BmBody *
get_body (BmAtlas *self,
          guint    index)
{
  BmAtlas *root = root_of (self);

  g_return_val_if_fail (root->bodies != NULL && index < root->bodies->len, NULL);
  return g_ptr_array_index (root->bodies, index);
}

/* Fritsch-Carlson: the slope at each key keeps every piece of the curve
 * between its two keys. At the ends the curve levels off: beyond the
 * first and last keys the scale stays as it is. */
static void
compute_slopes (GArray *keys)
{
  ScaleKey *k = (ScaleKey *) (gpointer) keys->data;
  guint n = keys->len;

  for (guint i = 0; i < n; i++)
    k[i].slope = 0;
  for (guint i = 1; i + 1 < n; i++)
    {
      double h0 = k[i].y - k[i - 1].y, h1 = k[i + 1].y - k[i].y;
      double d0 = (k[i].scale - k[i - 1].scale) / h0;
      double d1 = (k[i + 1].scale - k[i].scale) / h1;
      double w0 = 2 * h1 + h0, w1 = h1 + 2 * h0;

      if (d0 * d1 > 0)
        k[i].slope = (w0 + w1) / (w0 / d0 + w1 / d1);
    }
}

static double
scale_at (const Scale *scale,
          double       y)
{
  const ScaleKey *k = (const ScaleKey *) (gconstpointer) scale->keys->data;
  guint n = scale->keys->len;
  guint i = 0;
  double h, t, t2, t3;

  if (y <= k[0].y)
    return k[0].scale;
  if (y >= k[n - 1].y)
    return k[n - 1].scale;
  while (i + 2 < n && y > k[i + 1].y)
    i++;

  h = k[i + 1].y - k[i].y;
  t = (y - k[i].y) / h;
  t2 = t * t;
  t3 = t2 * t;
  return (2 * t3 - 3 * t2 + 1) * k[i].scale + (t3 - 2 * t2 + t) * h * k[i].slope +
         (-2 * t3 + 3 * t2) * k[i + 1].scale + (t3 - t2) * h * k[i + 1].slope;
}

static void
warp_point (double   *x,
            double   *y,
            gpointer  user_data)
{
  const Scale *scale = user_data;

  *x = scale->cx + (*x - scale->cx) * scale_at (scale, *y);
}

static gboolean
is_number (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
          json_node_get_value_type (node) == G_TYPE_INT64);
}

static const char *
member_string (JsonObject *obj,
               const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static gboolean
is_id (const char *id)
{
  if (id == NULL || *id == '\0' || *id == '-')
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

/* "front": [[y, s], ...]: at least one key, y rising within the view */
static Scale *
parse_scale (BmAtlas     *self,
             JsonNode    *node,
             const char  *where,
             GError     **error)
{
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (ScaleKey));
  Scale *scale;

  if (array == NULL || json_array_get_length (array) == 0)
    {
      g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                   "%s: expected a list of [y, scale]", where);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonArray *pair = JSON_NODE_HOLDS_ARRAY (item) ? json_node_get_array (item) : NULL;
      ScaleKey key = { 0 };

      if (pair == NULL || json_array_get_length (pair) != 2 ||
          !is_number (json_array_get_element (pair, 0)) || !is_number (json_array_get_element (pair, 1)))
        {
          g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                       "%s[%u]: expected [y, scale]", where, i);
          return NULL;
        }
      key.y = json_array_get_double_element (pair, 0);
      key.scale = json_array_get_double_element (pair, 1);
      if (!(key.y >= 0 && key.y <= self->height))
        {
          g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                       "%s[%u]: y %g is outside the view", where, i, key.y);
          return NULL;
        }
      if (i > 0 && key.y <= g_array_index (keys, ScaleKey, i - 1).y)
        {
          g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                       "%s[%u]: y must rise from one key to the next", where, i);
          return NULL;
        }
      if (!(key.scale >= MIN_SCALE && key.scale <= MAX_SCALE))
        {
          g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                       "%s[%u]: scale must be %g to %g, got %g", where, i, MIN_SCALE, MAX_SCALE, key.scale);
          return NULL;
        }
      g_array_append_val (keys, key);
    }
  compute_slopes (keys);

  scale = g_new0 (Scale, 1);
  scale->cx = self->width / 2;
  scale->keys = g_steal_pointer (&keys);
  return scale;
}

static BmBody *
parse_body (BmAtlas     *self,
            JsonNode    *node,
            guint        index,
            GError     **error)
{
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  g_autofree char *where = g_strdup_printf ("bodies[%u]", index);
  BmBody *body;
  JsonNode *scales;

  if (obj == NULL || !is_id (member_string (obj, "id")) ||
      member_string (obj, "name") == NULL || member_string (obj, "description") == NULL)
    {
      g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                   "%s: needs an id (lower case, digits and -), a name and a description", where);
      return NULL;
    }

  body = g_new0 (BmBody, 1);
  body->id = g_strdup (member_string (obj, "id"));
  body->name = g_strdup (member_string (obj, "name"));
  body->description = g_strdup (member_string (obj, "description"));
  body->n_views = self->n_views;
  body->scales = g_new0 (Scale *, self->n_views);

  if ((scales = json_object_get_member (obj, "scale")) == NULL)
    return body;

  if (index == 0 || !JSON_NODE_HOLDS_OBJECT (scales))
    {
      g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                   index == 0 ? "%s.scale: the first outline is the atlas's own figure, with no scale"
                              : "%s.scale: expected an object, by view id", where);
      _bm_body_free (body);
      return NULL;
    }

  {
    GList *members = json_object_get_members (json_node_get_object (scales));

    for (GList *l = members; l; l = l->next)
      {
        g_autofree char *member_where = g_strdup_printf ("%s.scale.%s", where, (char *) l->data);
        BmView view;

        if (!bm_atlas_lookup_view (self, l->data, &view))
          {
            g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID, "%s: unknown view", member_where);
            g_list_free (members);
            _bm_body_free (body);
            return NULL;
          }
        body->scales[view] = parse_scale (self, json_object_get_member (json_node_get_object (scales), l->data),
                                          member_where, error);
        if (body->scales[view] == NULL)
          {
            g_list_free (members);
            _bm_body_free (body);
            return NULL;
          }
      }
    g_list_free (members);
  }

  return body;
}

gboolean
bm_atlas_load_bodies (BmAtlas  *self,
                      GBytes   *bytes,
                      GError  **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) bodies = NULL;
  JsonObject *root;
  JsonNode *node;
  JsonArray *list;
  gsize len;
  const char *data;

  g_return_val_if_fail (BM_IS_ATLAS (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (self->base == NULL && self->bodies == NULL, FALSE);

  data = g_bytes_get_data (bytes, &len);
  if (!json_parser_load_from_data (parser, data, len, error))
    return FALSE;
  node = json_parser_get_root (parser);
  root = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (root == NULL || g_strcmp0 (member_string (root, "format"), BODIES_FORMAT) != 0)
    {
      g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID, "not a list of Body Map outlines");
      return FALSE;
    }
  node = json_object_get_member (root, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 1 || json_node_get_int (node) > BODIES_VERSION)
    {
      g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID, "version: expected %d", BODIES_VERSION);
      return FALSE;
    }
  node = json_object_get_member (root, "bodies");
  list = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  if (list == NULL || json_array_get_length (list) == 0)
    {
      g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID, "bodies: expected a list of outlines");
      return FALSE;
    }

  bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) _bm_body_free);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      BmBody *body = parse_body (self, json_array_get_element (list, i), i, error);

      if (body == NULL)
        return FALSE;
      for (guint j = 0; j < bodies->len; j++)
        if (g_str_equal (((BmBody *) g_ptr_array_index (bodies, j))->id, body->id))
          {
            g_set_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID,
                         "bodies[%u]: duplicate id %s", i, body->id);
            _bm_body_free (body);
            return FALSE;
          }
      g_ptr_array_add (bodies, body);
    }

  self->bodies = g_steal_pointer (&bodies);
  return TRUE;
}

guint
bm_atlas_get_n_bodies (BmAtlas *self)
{
  g_return_val_if_fail (BM_IS_ATLAS (self), 0);

  return root_of (self)->bodies ? root_of (self)->bodies->len : 0;
}

const char *
bm_atlas_get_body_id (BmAtlas *self,
                      guint    index)
{
  const BmBody *body;

  g_return_val_if_fail (BM_IS_ATLAS (self), NULL);
  body = get_body (self, index);
  return body ? body->id : NULL;
}

const char *
bm_atlas_get_body_name (BmAtlas *self,
                        guint    index)
{
  const BmBody *body;

  g_return_val_if_fail (BM_IS_ATLAS (self), NULL);
  body = get_body (self, index);
  /* Extracted with this context by po/extract-json-strings.py */
  return body ? g_dpgettext2 (GETTEXT_PACKAGE, "body outline", body->name) : NULL;
}

const char *
bm_atlas_get_body_description (BmAtlas *self,
                               guint    index)
{
  const BmBody *body;

  g_return_val_if_fail (BM_IS_ATLAS (self), NULL);
  body = get_body (self, index);
  return body ? g_dgettext (GETTEXT_PACKAGE, body->description) : NULL;
}

gboolean
bm_atlas_lookup_body (BmAtlas    *self,
                      const char *id,
                      guint      *index)
{
  GPtrArray *bodies;

  g_return_val_if_fail (BM_IS_ATLAS (self), FALSE);

  bodies = root_of (self)->bodies;
  if (id == NULL)
    {
      if (index)
        *index = 0;
      return TRUE;
    }
  for (guint i = 0; bodies != NULL && i < bodies->len; i++)
    if (g_str_equal (((BmBody *) g_ptr_array_index (bodies, i))->id, id))
      {
        if (index)
          *index = i;
        return TRUE;
      }
  return FALSE;
}

guint
bm_atlas_get_body (BmAtlas *self)
{
  g_return_val_if_fail (BM_IS_ATLAS (self), 0);

  return self->body;
}

static GPtrArray *
warp_paths (GPtrArray *paths,
            Scale     *scale)
{
  GPtrArray *warped;

  if (paths == NULL || scale == NULL)
    return paths ? g_ptr_array_ref (paths) : NULL;

  warped = g_ptr_array_new_full (paths->len, (GDestroyNotify) bm_path_free);
  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (warped, bm_path_warp (g_ptr_array_index (paths, i), warp_point, scale));
  return warped;
}

static GPtrArray *
mirror_paths (GPtrArray *paths,
              double     axis_x)
{
  GPtrArray *mirrored = g_ptr_array_new_full (paths->len, (GDestroyNotify) bm_path_free);

  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (mirrored, bm_path_mirror (g_ptr_array_index (paths, i), axis_x));
  return mirrored;
}

/* The atlas of @body: @base's views and regions, every shape of a view
 * the outline scales moved by its scale, the others shared with @base */
static BmAtlas *
derive (BmAtlas *base,
        guint    index)
{
  const BmBody *body = g_ptr_array_index (base->bodies, index);
  BmAtlas *self = g_object_new (BM_TYPE_ATLAS, NULL);

  self->base = base;
  self->body = index;
  self->width = base->width;
  self->height = base->height;
  self->n_views = base->n_views;
  self->views = g_new0 (BmAtlasView, base->n_views);
  for (guint v = 0; v < base->n_views; v++)
    {
      const BmAtlasView *from = &base->views[v];
      BmAtlasView *to = &self->views[v];

      to->id = g_strdup (from->id);
      to->name = g_strdup (from->name);
      to->short_name = g_strdup (from->short_name);
      to->sides[0] = from->sides[0];
      to->sides[1] = from->sides[1];
      to->shows = from->shows;
      to->outline = warp_paths (from->outline, body->scales[v]);
      to->details = warp_paths (from->details, body->scales[v]);
    }

  for (guint i = 0; i < base->regions->len; i++)
    {
      const BmRegion *from = g_ptr_array_index (base->regions, i);
      BmRegion *to = g_new0 (BmRegion, 1);

      to->index = from->index;
      to->id = g_strdup (from->id);
      to->name = g_strdup (from->name);
      to->short_name = g_strdup (from->short_name);
      to->covers = g_strdup (from->covers);
      to->paired = from->paired;
      to->primary = from->primary;
      to->n_views = from->n_views;
      to->views = g_new0 (BmRegionView, from->n_views);
      for (guint v = 0; v < from->n_views; v++)
        {
          to->views[v] = from->views[v];
          for (guint s = 0; s < 2; s++)
            {
              /* The right side of a paired region in a view of both
               * sides mirrors the left, and so does its warp: the
               * scale is the same either side of the middle */
              if (s == 1 && body->scales[v] != NULL && from->paired && base->views[v].shows == BM_SIDE_CENTER &&
                  to->views[v].shapes[0] != NULL)
                to->views[v].shapes[1] = mirror_paths (to->views[v].shapes[0], base->width / 2);
              else
                to->views[v].shapes[s] = warp_paths (from->views[v].shapes[s], body->scales[v]);
              if (to->views[v].has_anchor && body->scales[v] != NULL)
                warp_point (&to->views[v].anchor[s][0], &to->views[v].anchor[s][1], body->scales[v]);
            }
        }
      g_ptr_array_add (self->regions, to);
      g_hash_table_insert (self->by_id, to->id, to);
    }

  return self;
}

BmAtlas *
bm_atlas_get_for_body (BmAtlas    *self,
                       const char *body_id)
{
  BmAtlas *root;
  BmBody *body;
  guint index;

  g_return_val_if_fail (BM_IS_ATLAS (self), NULL);

  root = root_of (self);
  if (!bm_atlas_lookup_body (root, body_id, &index) || index == 0)
    return root;

  /* Outlines are made once, by whichever thread asks first */
  g_mutex_lock (&root->bodies_lock);
  body = g_ptr_array_index (root->bodies, index);
  if (body->atlas == NULL)
    body->atlas = derive (root, index);
  g_mutex_unlock (&root->bodies_lock);

  return body->atlas;
}
