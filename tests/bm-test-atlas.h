/* bm-test-atlas.h: the geometry every atlas must keep, for the atlas's
 * own figure (test-atlas) and for each body outline (test-bodies)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bm-atlas.h"

static const BmSide bm_test_all_sides[] = { BM_SIDE_CENTER, BM_SIDE_LEFT, BM_SIDE_RIGHT };

/* An atlas read from its JSON file, @path, which must be a good one */
static inline BmAtlas *
bm_test_load_atlas_file (const char *path)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len;
  BmAtlas *atlas;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);
  atlas = bm_atlas_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  return atlas;
}

/* The view with this id, which the atlas must have */
static inline BmView
bm_test_view_by_id (BmAtlas    *atlas,
                    const char *id)
{
  BmView view = G_MAXUINT;

  g_assert_true (bm_atlas_lookup_view (atlas, id, &view));
  return view;
}

static inline gboolean
bm_test_in_outline (BmAtlas *atlas,
                    BmView   view,
                    double   x,
                    double   y)
{
  GPtrArray *outline = bm_atlas_get_outline (atlas, view);

  for (guint i = 0; i < outline->len; i++)
    if (bm_path_contains (g_ptr_array_index (outline, i), x, y))
      return TRUE;
  return FALSE;
}

/* A view of @atlas drawn as @other draws it (the side views of a body
 * outline) is @other's to check */
static inline gboolean
bm_test_view_is_other (BmAtlas *atlas,
                       BmView   view,
                       BmAtlas *other)
{
  return other != NULL && bm_atlas_get_outline (atlas, view) == bm_atlas_get_outline (other, view);
}

/* Shapes are closed, inside the view and the body, big enough to hit, and
 * the client's left sits on the correct side of the midline (a side view
 * holds the side it shows, and only it). Views drawn as @other draws them
 * are left out (NULL: none). */
static inline void
bm_test_check_shapes (BmAtlas *atlas,
                      BmAtlas *other)
{
  double vw, vh;

  bm_atlas_get_view_size (atlas, &vw, &vh);
  for (guint i = 0; i < bm_atlas_get_n_regions (atlas); i++)
    {
      const BmRegion *region = bm_atlas_get_region (atlas, i);

      for (BmView v = 0; v < bm_atlas_get_n_views (atlas); v++)
        for (guint s = 0; s < G_N_ELEMENTS (bm_test_all_sides); s++)
          {
            BmSide side = bm_test_all_sides[s];
            GPtrArray *shapes = bm_region_get_shapes (region, v, side);

            if (bm_test_view_is_other (atlas, v, other))
              continue;
            for (guint k = 0; k < shapes->len; k++)
              {
                const BmPath *path = g_ptr_array_index (shapes, k);
                const BmRect *b = bm_path_get_bounds (path);
                guint inside = 0, outside = 0;

                g_test_message ("%s: %s %s %s[%u]", bm_atlas_get_body_id (atlas, bm_atlas_get_body (atlas)),
                                bm_region_get_id (region), bm_atlas_get_view_id (atlas, v),
                                bm_side_to_id (side), k);
                g_assert_true (bm_path_is_closed (path));
                g_assert_cmpfloat (b->x, >=, 0);
                g_assert_cmpfloat (b->y, >=, 0);
                g_assert_cmpfloat (b->x + b->width, <=, vw);
                g_assert_cmpfloat (b->y + b->height, <=, vh);
                /* Clickable: at least about 5 x 5 view units */
                g_assert_cmpfloat (bm_path_get_area (path), >=, 25);

                if (side != BM_SIDE_CENTER && bm_atlas_get_view_shows (atlas, v) != BM_SIDE_CENTER)
                  g_assert_cmpint (side, ==, bm_atlas_get_view_shows (atlas, v));
                else if (side != BM_SIDE_CENTER)
                  {
                    /* On the half the view says: from the front the
                     * client's left is on the viewer's right */
                    BmSide at_right;

                    g_assert_true (bm_atlas_get_view_sides (atlas, v, NULL, &at_right));
                    if (side == at_right)
                      g_assert_cmpfloat (b->x, >=, vw / 2);
                    else
                      g_assert_cmpfloat (b->x + b->width, <=, vw / 2);
                  }

                for (double y = b->y; y <= b->y + b->height; y += 0.5)
                  for (double x = b->x; x <= b->x + b->width; x += 0.5)
                    if (bm_path_contains (path, x, y))
                      {
                        if (bm_test_in_outline (atlas, v, x, y))
                          inside++;
                        else
                          outside++;
                      }
                g_assert_cmpuint (inside, >, 0);
                /* Inside the silhouette (flattening may differ by a hair) */
                g_assert_cmpfloat ((double) outside / inside, <, 0.01);
              }
          }
    }
}

typedef struct
{
  const BmRegion *region;
  BmSide          side;
  const BmPath   *path;
} BmTestShape;

/* No two shapes of a view share a point, on a grid half a unit apart
 * (views drawn as @other draws them left out). Each row only asks the
 * shapes that reach it. */
static inline void
bm_test_check_no_overlap (BmAtlas *atlas,
                          BmAtlas *other)
{
  double vw, vh;

  bm_atlas_get_view_size (atlas, &vw, &vh);
  for (BmView v = 0; v < bm_atlas_get_n_views (atlas); v++)
    {
      g_autoptr(GArray) shapes = g_array_new (FALSE, FALSE, sizeof (BmTestShape));
      g_autoptr(GArray) row = g_array_new (FALSE, FALSE, sizeof (BmTestShape));

      if (bm_test_view_is_other (atlas, v, other))
        continue;
      for (guint i = 0; i < bm_atlas_get_n_regions (atlas); i++)
        for (guint s = 0; s < G_N_ELEMENTS (bm_test_all_sides); s++)
          {
            const BmRegion *region = bm_atlas_get_region (atlas, i);
            GPtrArray *paths = bm_region_get_shapes (region, v, bm_test_all_sides[s]);

            for (guint k = 0; k < paths->len; k++)
              {
                BmTestShape shape = { region, bm_test_all_sides[s], g_ptr_array_index (paths, k) };

                g_array_append_val (shapes, shape);
              }
          }

      for (double y = 0.25; y < vh; y += 0.5)
        {
          g_array_set_size (row, 0);
          for (guint k = 0; k < shapes->len; k++)
            {
              const BmTestShape *shape = &g_array_index (shapes, BmTestShape, k);
              const BmRect *b = bm_path_get_bounds (shape->path);

              if (y >= b->y && y <= b->y + b->height)
                g_array_append_val (row, *shape);
            }
          for (double x = 0.25; x < vw; x += 0.5)
            {
              const BmTestShape *first = NULL;

              for (guint k = 0; k < row->len; k++)
                {
                  const BmTestShape *shape = &g_array_index (row, BmTestShape, k);

                  if (!bm_path_contains (shape->path, x, y))
                    continue;
                  if (first != NULL)
                    g_error ("%s, %s view, (%.2f, %.2f): %s %s overlaps %s %s",
                             bm_atlas_get_body_id (atlas, bm_atlas_get_body (atlas)),
                             bm_atlas_get_view_id (atlas, v), x, y,
                             bm_region_get_id (first->region), bm_side_to_id (first->side),
                             bm_region_get_id (shape->region), bm_side_to_id (shape->side));
                  first = shape;
                }
            }
        }
    }
}
