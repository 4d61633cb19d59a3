/* test-bodies.c: body outlines (resources/atlas/bodies.json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bm-advisor.h"
#include "bm-atlas.h"
#include "bm-intake-io.h"
#include "bm-plan-document.h"

#include "bm-test-atlas.h"
#include "bm-test-files.h"

/* Every outline but the default, which test-atlas checks */
static GPtrArray *
other_outlines (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  GPtrArray *outlines = g_ptr_array_new ();

  for (guint b = 1; b < bm_atlas_get_n_bodies (atlas); b++)
    g_ptr_array_add (outlines, bm_atlas_get_for_body (atlas, bm_atlas_get_body_id (atlas, b)));
  g_assert_cmpuint (outlines->len, >=, 2);
  return outlines;
}

/* The width of the silhouette on row @y: from its leftmost to its
 * rightmost point */
static double
row_width (BmAtlas *atlas,
           BmView   view,
           double   y)
{
  double vw, left = -1, right = -1;

  bm_atlas_get_view_size (atlas, &vw, NULL);
  for (double x = 0; x <= vw; x += 0.25)
    if (bm_test_in_outline (atlas, view, x, y))
      {
        if (left < 0)
          left = x;
        right = x;
      }
  return left < 0 ? 0 : right - left;
}

static void
test_list (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  guint n = bm_atlas_get_n_bodies (atlas);
  guint index = G_MAXUINT;

  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpstr (bm_atlas_get_body_id (atlas, 0), ==, "standard");
  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (bm_atlas_get_body_name (atlas, i));
      g_assert_cmpstr (bm_atlas_get_body_name (atlas, i), !=, "");
      g_assert_cmpstr (bm_atlas_get_body_description (atlas, i), !=, "");
      g_assert_true (bm_atlas_lookup_body (atlas, bm_atlas_get_body_id (atlas, i), &index));
      g_assert_cmpuint (index, ==, i);
    }
  g_assert_true (bm_atlas_lookup_body (atlas, "wider-hips", NULL));
  g_assert_true (bm_atlas_lookup_body (atlas, "broad-shoulders", NULL));

  /* No id is the default; an unknown one is not on the list */
  g_assert_true (bm_atlas_lookup_body (atlas, NULL, &index));
  g_assert_cmpuint (index, ==, 0);
  g_assert_false (bm_atlas_lookup_body (atlas, "wide", NULL));
  g_assert_false (bm_atlas_lookup_body (atlas, "", NULL));
}

static void
test_for_body (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  BmAtlas *wider;

  /* The default is the atlas itself, and what does not exist too */
  g_assert_true (bm_atlas_get_for_body (atlas, NULL) == atlas);
  g_assert_true (bm_atlas_get_for_body (atlas, "standard") == atlas);
  g_assert_true (bm_atlas_get_for_body (atlas, "wide") == atlas);
  g_assert_cmpuint (bm_atlas_get_body (atlas), ==, 0);

  /* Another is made once and kept */
  wider = bm_atlas_get_for_body (atlas, "wider-hips");
  g_assert_true (BM_IS_ATLAS (wider));
  g_assert_true (wider != atlas);
  g_assert_true (bm_atlas_get_for_body (atlas, "wider-hips") == wider);
  g_assert_cmpstr (bm_atlas_get_body_id (atlas, bm_atlas_get_body (wider)), ==, "wider-hips");

  /* An outline's atlas knows the others as its own atlas does */
  g_assert_cmpuint (bm_atlas_get_n_bodies (wider), ==, bm_atlas_get_n_bodies (atlas));
  g_assert_true (bm_atlas_get_for_body (wider, NULL) == atlas);
  g_assert_true (bm_atlas_get_for_body (wider, "wider-hips") == wider);
  g_assert_true (bm_atlas_get_for_body (wider, "broad-shoulders") ==
                 bm_atlas_get_for_body (atlas, "broad-shoulders"));
}

/* Same views, same regions in the same order, under the same names: a
 * mark is the same area whatever the outline */
static void
test_same_regions (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  g_autoptr(GPtrArray) outlines = other_outlines ();
  double w0, h0;

  bm_atlas_get_view_size (atlas, &w0, &h0);
  for (guint o = 0; o < outlines->len; o++)
    {
      BmAtlas *outline = g_ptr_array_index (outlines, o);
      double w, h;

      bm_atlas_get_view_size (outline, &w, &h);
      g_assert_cmpfloat (w, ==, w0);
      g_assert_cmpfloat (h, ==, h0);
      g_assert_cmpuint (bm_atlas_get_n_views (outline), ==, bm_atlas_get_n_views (atlas));
      for (BmView v = 0; v < bm_atlas_get_n_views (atlas); v++)
        {
          g_assert_cmpstr (bm_atlas_get_view_id (outline, v), ==, bm_atlas_get_view_id (atlas, v));
          g_assert_cmpstr (bm_atlas_get_view_name (outline, v), ==, bm_atlas_get_view_name (atlas, v));
          g_assert_cmpint (bm_atlas_get_view_shows (outline, v), ==, bm_atlas_get_view_shows (atlas, v));
        }

      g_assert_cmpuint (bm_atlas_get_n_regions (outline), ==, bm_atlas_get_n_regions (atlas));
      for (guint i = 0; i < bm_atlas_get_n_regions (atlas); i++)
        {
          const BmRegion *a = bm_atlas_get_region (atlas, i);
          const BmRegion *b = bm_atlas_get_region (outline, i);
          g_autofree char *label_a = bm_region_dup_label (a, BM_SIDE_LEFT);
          g_autofree char *label_b = bm_region_dup_label (b, BM_SIDE_LEFT);

          g_assert_true (a != b);
          g_assert_cmpstr (bm_region_get_id (b), ==, bm_region_get_id (a));
          g_assert_cmpuint (bm_region_get_index (b), ==, i);
          g_assert_true (bm_atlas_lookup (outline, bm_region_get_id (a)) == b);
          g_assert_cmpstr (bm_region_get_name (b), ==, bm_region_get_name (a));
          g_assert_cmpstr (bm_region_get_covers (b), ==, bm_region_get_covers (a));
          g_assert_cmpstr (label_b, ==, label_a);
          g_assert_cmpint (bm_region_is_paired (b), ==, bm_region_is_paired (a));
          g_assert_cmpuint (bm_region_get_primary_view (b), ==, bm_region_get_primary_view (a));
          for (BmView v = 0; v < bm_atlas_get_n_views (atlas); v++)
            for (guint s = 0; s < G_N_ELEMENTS (bm_test_all_sides); s++)
              g_assert_cmpuint (bm_region_get_shapes (b, v, bm_test_all_sides[s])->len, ==,
                                bm_region_get_shapes (a, v, bm_test_all_sides[s])->len);
        }
    }
}

/* The outlines are what they say, front and back; seen from the side
 * (no depth given) they are the atlas's own */
static void
test_shapes (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  BmAtlas *wider = bm_atlas_get_for_body (atlas, "wider-hips");
  BmAtlas *broad = bm_atlas_get_for_body (atlas, "broad-shoulders");
  const char *views[] = { "front", "back" };
  /* Rows of the atlas's figure: across the shoulders (deltoids) and
   * across the hips, just above the crotch */
  const double shoulders = 135, hips = 295;

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      BmView v = bm_test_view_by_id (atlas, views[i]);
      double s0 = row_width (atlas, v, shoulders), h0 = row_width (atlas, v, hips);

      g_test_message ("%s: shoulders %.1f, hips %.1f; wider hips %.1f, %.1f; broad shoulders %.1f, %.1f",
                      views[i], s0, h0, row_width (wider, v, shoulders), row_width (wider, v, hips),
                      row_width (broad, v, shoulders), row_width (broad, v, hips));
      g_assert_cmpfloat (row_width (wider, v, shoulders), <, s0 * 0.95);
      g_assert_cmpfloat (row_width (wider, v, hips), >, h0 * 1.08);
      g_assert_cmpfloat (row_width (broad, v, shoulders), >, s0 * 1.05);
      g_assert_cmpfloat (row_width (broad, v, hips), <, h0 * 0.95);
      /* The head as it is */
      g_assert_cmpfloat (fabs (row_width (wider, v, 50) - row_width (atlas, v, 50)), <, 0.3);
      g_assert_cmpfloat (fabs (row_width (broad, v, 50) - row_width (atlas, v, 50)), <, 0.3);
    }

  for (BmView v = 0; v < bm_atlas_get_n_views (atlas); v++)
    if (bm_atlas_get_view_shows (atlas, v) != BM_SIDE_CENTER)
      {
        g_assert_true (bm_atlas_get_outline (wider, v) == bm_atlas_get_outline (atlas, v));
        g_assert_true (bm_atlas_get_outline (broad, v) == bm_atlas_get_outline (atlas, v));
      }
}

/* As test-atlas asks of the atlas: every shape inside the view and its
 * silhouette, large enough to point at, on its side of the middle */
static void
test_geometry_inside (void)
{
  g_autoptr(GPtrArray) outlines = other_outlines ();

  for (guint o = 0; o < outlines->len; o++)
    bm_test_check_shapes (g_ptr_array_index (outlines, o), bm_atlas_get_default ());
}

/* No two shapes of a view share a point, on a grid half a unit apart.
 * Each row only asks the shapes that reach it. */
static void
test_geometry_no_overlap (void)
{
  g_autoptr(GPtrArray) outlines = other_outlines ();

  for (guint o = 0; o < outlines->len; o++)
    bm_test_check_no_overlap (g_ptr_array_index (outlines, o), bm_atlas_get_default ());
}

/* Each region's symbol sits inside it, clear of its edges, and a click
 * there is that region and side */
static void
test_anchors (void)
{
  g_autoptr(GPtrArray) outlines = other_outlines ();
  guint checked = 0;

  for (guint o = 0; o < outlines->len; o++)
    {
      BmAtlas *atlas = g_ptr_array_index (outlines, o);

      for (guint i = 0; i < bm_atlas_get_n_regions (atlas); i++)
        {
          const BmRegion *region = bm_atlas_get_region (atlas, i);

          for (BmView v = 0; v < bm_atlas_get_n_views (atlas); v++)
            for (guint s = 0; s < G_N_ELEMENTS (bm_test_all_sides); s++)
              {
                GPtrArray *shapes = bm_region_get_shapes (region, v, bm_test_all_sides[s]);
                const BmRegion *hit = NULL;
                BmSide side = BM_SIDE_CENTER;
                double x, y, clearance = -1;

                if (shapes->len == 0)
                  {
                    g_assert_false (bm_region_get_anchor (region, v, bm_test_all_sides[s], &x, &y));
                    continue;
                  }
                g_assert_true (bm_region_get_anchor (region, v, bm_test_all_sides[s], &x, &y));
                for (guint k = 0; k < shapes->len; k++)
                  if (bm_path_contains (g_ptr_array_index (shapes, k), x, y))
                    clearance = bm_path_distance_to_edge (g_ptr_array_index (shapes, k), x, y);
                g_test_message ("%s %s %s: anchor (%.1f, %.1f), clearance %.2f",
                                bm_region_get_id (region), bm_atlas_get_view_id (atlas, v),
                                bm_side_to_id (bm_test_all_sides[s]), x, y, clearance);
                /* The atlas keeps 3.5 units; the narrowest outline
                 * squeezes a row by an eighth at most */
                g_assert_cmpfloat (clearance, >=, 3.0);

                g_assert_true (bm_atlas_hit_test (atlas, v, x, y, &hit, &side));
                g_assert_true (hit == region);
                g_assert_cmpint (side, ==, bm_test_all_sides[s]);
                checked++;
              }
        }
    }
  g_assert_cmpuint (checked, >=, 120);
}

/* A small atlas to load lists of outlines against */
static BmAtlas *
small_atlas (void)
{
  static const char json[] =
    "{\"format\": \"bodymap-atlas\", \"view_size\": [100, 100], \"views\": ["
    "{\"id\": \"front\", \"name\": \"Front\", \"outline\": [\"M 20 0 L 80 0 L 80 100 L 20 100 Z\"]},"
    "{\"id\": \"side\", \"name\": \"Side\", \"outline\": [\"M 20 0 L 80 0 L 80 100 L 20 100 Z\"]}],"
    "\"regions\": [{\"id\": \"a\", \"name\": \"A\", \"paired\": true,"
    "\"shapes\": {\"front\": [\"M 60 10 L 70 10 L 70 90 L 60 90 Z\"]},"
    "\"anchors\": {\"front\": [65, 50]}}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  BmAtlas *atlas = bm_atlas_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  return atlas;
}

static gboolean
load_bodies (BmAtlas     *atlas,
             const char  *json,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return bm_atlas_load_bodies (atlas, bytes, error);
}

static void
test_load (void)
{
  g_autoptr(BmAtlas) atlas = small_atlas ();
  g_autoptr(GError) error = NULL;
  const BmRegion *region;
  BmAtlas *wide;
  double x, y;

  /* None: no outline but the atlas itself */
  g_assert_cmpuint (bm_atlas_get_n_bodies (atlas), ==, 0);
  g_assert_true (bm_atlas_get_for_body (atlas, NULL) == atlas);
  g_assert_true (bm_atlas_get_for_body (atlas, "wide") == atlas);

  g_assert_true (load_bodies (atlas,
                              "{\"format\": \"bodymap-bodies\", \"version\": 1, \"bodies\": ["
                              "{\"id\": \"plain\", \"name\": \"Plain\", \"description\": \"As drawn\"},"
                              "{\"id\": \"wide\", \"name\": \"Wide\", \"description\": \"Wider below\","
                              " \"scale\": {\"front\": [[20, 1], [80, 1.5]]}}]}", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bm_atlas_get_n_bodies (atlas), ==, 2);

  wide = bm_atlas_get_for_body (atlas, "wide");
  region = bm_atlas_lookup (wide, "a");
  /* Above the first key: as drawn; below the last: the last scale;
   * between: smoothly from one to the other */
  g_assert_cmpfloat (row_width (wide, 0, 10), ==, row_width (atlas, 0, 10));
  g_assert_cmpfloat (fabs (row_width (wide, 0, 90) - 90), <, 0.3);
  g_assert_cmpfloat (fabs (row_width (wide, 0, 50) - 75), <, 0.3);
  /* The anchor moves with its region, the left side's and the mirrored
   * right side's alike; the view the outline leaves as it is, too */
  g_assert_true (bm_region_get_anchor (region, 0, BM_SIDE_LEFT, &x, &y));
  g_assert_cmpfloat (fabs (x - (50 + 15 * 1.25)), <, 1e-9);
  g_assert_cmpfloat (y, ==, 50);
  g_assert_true (bm_region_get_anchor (region, 0, BM_SIDE_RIGHT, &x, &y));
  g_assert_cmpfloat (fabs (x - (50 - 15 * 1.25)), <, 1e-9);
  g_assert_true (bm_atlas_get_outline (wide, 1) == bm_atlas_get_outline (atlas, 1));
}

static void
test_load_errors (void)
{
  static const struct {
    const char *json;
    const char *message;
  } cases[] = {
    { "{\"format\": \"bodymap-atlas\"}", "not a list of Body Map outlines" },
    { "{\"format\": \"bodymap-bodies\", \"version\": 2, \"bodies\": []}", "version: expected 1" },
    { "{\"format\": \"bodymap-bodies\", \"version\": 1, \"bodies\": []}", "bodies: expected a list of outlines" },
    { "{\"format\": \"bodymap-bodies\", \"version\": 1, \"bodies\": [{\"id\": \"A b\", \"name\": \"A\", \"description\": \"\"}]}",
      "bodies[0]: needs an id (lower case, digits and -), a name and a description" },
    { "{\"format\": \"bodymap-bodies\", \"version\": 1, \"bodies\": [{\"id\": \"a\", \"name\": \"A\", \"description\": \"\","
      " \"scale\": {\"front\": [[0, 1]]}}]}",
      "bodies[0].scale: the first outline is the atlas's own figure, with no scale" },
    { "{\"format\": \"bodymap-bodies\", \"version\": 1, \"bodies\": [{\"id\": \"a\", \"name\": \"A\", \"description\": \"\"},"
      " {\"id\": \"a\", \"name\": \"B\", \"description\": \"\"}]}", "bodies[1]: duplicate id a" },
    { "{\"format\": \"bodymap-bodies\", \"version\": 1, \"bodies\": [{\"id\": \"a\", \"name\": \"A\", \"description\": \"\"},"
      " {\"id\": \"b\", \"name\": \"B\", \"description\": \"\", \"scale\": {\"top\": [[0, 1]]}}]}",
      "bodies[1].scale.top: unknown view" },
    { "{\"format\": \"bodymap-bodies\", \"version\": 1, \"bodies\": [{\"id\": \"a\", \"name\": \"A\", \"description\": \"\"},"
      " {\"id\": \"b\", \"name\": \"B\", \"description\": \"\", \"scale\": {\"front\": [[0, 1], [0, 1.1]]}}]}",
      "bodies[1].scale.front[1]: y must rise from one key to the next" },
    { "{\"format\": \"bodymap-bodies\", \"version\": 1, \"bodies\": [{\"id\": \"a\", \"name\": \"A\", \"description\": \"\"},"
      " {\"id\": \"b\", \"name\": \"B\", \"description\": \"\", \"scale\": {\"front\": [[10, 0.2]]}}]}",
      "bodies[1].scale.front[0]: scale must be 0.5 to 1.5, got 0.2" },
    { "{\"format\": \"bodymap-bodies\", \"version\": 1, \"bodies\": [{\"id\": \"a\", \"name\": \"A\", \"description\": \"\"},"
      " {\"id\": \"b\", \"name\": \"B\", \"description\": \"\", \"scale\": {\"front\": [[150, 1]]}}]}",
      "bodies[1].scale.front[0]: y 150 is outside the view" },
    { "{\"format\": \"bodymap-bodies\", \"version\": 1, \"bodies\": [{\"id\": \"a\", \"name\": \"A\", \"description\": \"\"},"
      " {\"id\": \"b\", \"name\": \"B\", \"description\": \"\", \"scale\": {\"front\": [10, 1]}}]}",
      "bodies[1].scale.front[0]: expected [y, scale]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BmAtlas) atlas = small_atlas ();
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].json);
      g_assert_false (load_bodies (atlas, cases[i].json, &error));
      g_assert_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpuint (bm_atlas_get_n_bodies (atlas), ==, 0);
    }
}

/* Intake files */

/* A file of tests/data, its text ending in a NUL as g_file_get_contents()
 * leaves it */
static GBytes *
read_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static BmIntake *
load_text (const char  *text,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return bm_intake_load_bytes (bytes, "client.bodymap", error);
}

static char *
save_text (BmIntake *intake)
{
  g_autoptr(GBytes) bytes = bm_intake_save_bytes (intake);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* A file from before outlines (as Body Map wrote it) reads as the
 * default and is written back byte for byte; a chosen outline is kept,
 * before the marks */
static void
test_intake_round_trip (void)
{
  g_autoptr(GBytes) old = read_data ("taper.bodymap");
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = bm_intake_load_bytes (old, "taper.bodymap", &error);
  g_autoptr(BmIntake) again = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  g_autofree char *text_default = NULL;
  const char *body, *marks, *goals;

  g_assert_no_error (error);
  g_assert_null (bm_intake_get_body (intake));
  written = bm_intake_save_bytes (intake);
  g_assert_true (g_bytes_equal (written, old));

  bm_intake_set_body (intake, "wider-hips");
  text = save_text (intake);
  body = strstr (text, "\n  \"body\": \"wider-hips\",\n");
  goals = strstr (text, "\n  \"goals\": ");
  marks = strstr (text, "\n  \"marks\": ");
  g_assert_nonnull (body);
  g_assert_true (goals < body && body < marks);

  again = load_text (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bm_intake_get_body (again), ==, "wider-hips");
  text_again = save_text (again);
  g_assert_cmpstr (text_again, ==, text);

  /* Back to the default: the key goes */
  bm_intake_set_body (again, NULL);
  text_default = save_text (again);
  g_assert_cmpstr (text_default, ==, g_bytes_get_data (old, NULL));

  /* The default named as such is kept as it is written */
  {
    g_auto(GStrv) parts = g_strsplit (g_bytes_get_data (old, NULL), "\"marks\":", 2);
    g_autofree char *with_default = g_strconcat (parts[0], "\"body\": \"standard\",\n  \"marks\":", parts[1], NULL);
    g_autoptr(BmIntake) standard = load_text (with_default, &error);
    g_autofree char *saved = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (bm_intake_get_body (standard), ==, "standard");
    g_assert_true (bm_atlas_get_for_body (bm_atlas_get_default (), bm_intake_get_body (standard)) ==
                   bm_atlas_get_default ());
    saved = save_text (standard);
    g_assert_cmpstr (saved, ==, with_default);
  }
}

static void
test_intake_errors (void)
{
  static const struct {
    const char *value;
    const char *message;
  } cases[] = {
    { "\"wide\"", "client.bodymap: body: must be one of standard, wider-hips, broad-shoulders, got \"wide\"" },
    { "\"\"", "client.bodymap: body: must be one of standard, wider-hips, broad-shoulders, got \"\"" },
    { "3", "client.bodymap: body: must be one of standard, wider-hips, broad-shoulders, got 3" },
    { "[\"wider-hips\"]", "client.bodymap: body: must be one of standard, wider-hips, broad-shoulders, got a list" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"format\": \"bodymap-intake\", \"version\": 1,"
                                               " \"client\": {\"name\": \"Sam\"}, \"visit_date\": \"2026-11-23\","
                                               " \"body\": %s, \"marks\": []}", cases[i].value);
      g_autoptr(GError) error = NULL;
      g_autoptr(BmIntake) intake = load_text (text, &error);

      g_assert_null (intake);
      g_assert_error (error, BM_INTAKE_ERROR, BM_INTAKE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* null, as for every key, is no value: the default */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BmIntake) intake = load_text ("{\"format\": \"bodymap-intake\", \"version\": 1,"
                                            " \"client\": {\"name\": \"Sam\"}, \"visit_date\": \"2026-11-23\","
                                            " \"body\": null, \"marks\": []}", &error);

    g_assert_no_error (error);
    g_assert_null (bm_intake_get_body (intake));
  }
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              gpointer    data)
{
  (*(guint *) data)++;
}

/* Choosing an outline is an edit like any other: undone and redone,
 * and it makes the document modified */
static void
test_intake_undo (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  guint notified = 0;

  g_signal_connect (intake, "notify::body", G_CALLBACK (on_notify_cb), &notified);
  bm_intake_set_modified (intake, FALSE);
  bm_intake_set_body (intake, "broad-shoulders");
  g_assert_cmpstr (bm_intake_get_body (intake), ==, "broad-shoulders");
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (bm_intake_get_modified (intake));
  g_assert_true (bm_intake_can_undo (intake));

  /* The same again is no change; "" is the default */
  bm_intake_set_body (intake, "broad-shoulders");
  g_assert_cmpuint (notified, ==, 1);

  bm_intake_undo (intake);
  g_assert_null (bm_intake_get_body (intake));
  g_assert_cmpuint (notified, ==, 2);
  g_assert_false (bm_intake_get_modified (intake));
  bm_intake_redo (intake);
  g_assert_cmpstr (bm_intake_get_body (intake), ==, "broad-shoulders");

  bm_intake_set_body (intake, "");
  g_assert_null (bm_intake_get_body (intake));
  bm_intake_undo (intake);
  g_assert_cmpstr (bm_intake_get_body (intake), ==, "broad-shoulders");
}

/* The printed plan */

static cairo_surface_t *
pdf_page (BmIntake   *intake,
          const char *dir,
          const char *name)
{
  g_autoptr(BmPlan) plan = bm_advise (intake);
  g_autofree char *pdf = g_build_filename (dir, name, NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftoppm", "-png", "-r", "200", "-f", "1", "-l", "1", "-singlefile", pdf, prefix, NULL };
  cairo_surface_t *surface;
  int status = 0;

  const char *bbox_argv[] = { "pdftotext", "-f", "1", "-l", "1", "-bbox", pdf, "-", NULL };
  g_autofree char *words = NULL;
  const char *caption;
  double x0, y0, x1, y1;
  cairo_t *cr;

  g_assert_true (bm_plan_export_pdf (intake, plan, file, &error));
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_unlink (png);

  /* The caption under the legend names the outline: its line is blanked,
   * so that the pages compare by their figures */
  g_spawn_sync (NULL, (char **) bbox_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &words, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  caption = strstr (words, ">Outline:<");
  g_assert_nonnull (caption);
  while (caption > words && strncmp (caption, "<word ", 6) != 0)
    caption--;
  g_assert_cmpint (sscanf (caption, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
                           &x0, &y0, &x1, &y1), ==, 4);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, (y0 - 1) * 200 / 72, cairo_image_surface_get_width (surface), (y1 - y0 + 2) * 200 / 72);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);

  return *(const guint32 *) (gconstpointer) (data + y * cairo_image_surface_get_stride (surface) + x * 4) & 0xffffff;
}

#define PAPER 0xffffff

/* Where two pages differ, and in how many pixels */
typedef struct
{
  int x0, y0, x1, y1;
  guint n;
} Difference;

static void
compare_pages (cairo_surface_t *a,
               cairo_surface_t *b,
               Difference      *d)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, h);
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  *d = (Difference) { w, h, -1, -1, 0 };
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (pixel (a, x, y) != pixel (b, x, y))
        {
          d->x0 = MIN (d->x0, x);
          d->y0 = MIN (d->y0, y);
          d->x1 = MAX (d->x1, x);
          d->y1 = MAX (d->y1, y);
          d->n++;
        }
}

/* The plan's map is drawn in the visit's outline: the page differs from
 * the default's only in the figure, and the outline is drawn on paper
 * the default leaves white (past the default's hips, or shoulders) */
static void
test_pdf (void)
{
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  g_autofree char *dir = NULL;
  g_autoptr(GBytes) bytes = read_data ("jamie.bodymap");
  const char *outlines[] = { "wider-hips", "broad-shoulders" };
  cairo_surface_t *standard, *named;
  Difference d;

  if (pdftoppm == NULL)
    {
      g_test_skip ("pdftoppm (poppler-utils) is needed");
      return;
    }
  dir = bm_test_make_temp_dir ("test-bodies");

  {
    g_autoptr(BmIntake) intake = bm_intake_load_bytes (bytes, "jamie.bodymap", NULL);

    standard = pdf_page (intake, dir, "standard.pdf");
    bm_intake_set_body (intake, "standard");
    named = pdf_page (intake, dir, "named.pdf");
    compare_pages (standard, named, &d);
    g_assert_cmpuint (d.n, ==, 0);
    cairo_surface_destroy (named);
  }

  for (guint i = 0; i < G_N_ELEMENTS (outlines); i++)
    {
      g_autoptr(BmIntake) intake = bm_intake_load_bytes (bytes, "jamie.bodymap", NULL);
      cairo_surface_t *page;
      guint drawn_on_paper = 0;

      bm_intake_set_body (intake, outlines[i]);
      page = pdf_page (intake, dir, "outline.pdf");
      compare_pages (standard, page, &d);
      g_test_message ("%s: %u pixels differ in (%d, %d)-(%d, %d)", outlines[i], d.n, d.x0, d.y0, d.x1, d.y1);
      g_assert_cmpuint (d.n, >, 200);
      /* The figure, not the text: within the map, a box narrower than
       * half the page */
      g_assert_cmpint (d.x1 - d.x0, <, cairo_image_surface_get_width (page) / 2);
      g_assert_cmpint (d.y1 - d.y0, <, cairo_image_surface_get_height (page) / 3);

      for (int y = d.y0; y <= d.y1; y++)
        for (int x = d.x0; x <= d.x1; x++)
          if (pixel (standard, x, y) == PAPER && pixel (page, x, y) != PAPER)
            drawn_on_paper++;
      g_test_message ("%s: %u pixels drawn where the default has paper", outlines[i], drawn_on_paper);
      g_assert_cmpuint (drawn_on_paper, >, 500);
      cairo_surface_destroy (page);
    }

  cairo_surface_destroy (standard);
  bm_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bodies/list", test_list);
  g_test_add_func ("/bodies/for-body", test_for_body);
  g_test_add_func ("/bodies/same-regions", test_same_regions);
  g_test_add_func ("/bodies/shapes", test_shapes);
  g_test_add_func ("/bodies/geometry/inside", test_geometry_inside);
  g_test_add_func ("/bodies/geometry/no-overlap", test_geometry_no_overlap);
  g_test_add_func ("/bodies/anchors", test_anchors);
  g_test_add_func ("/bodies/load", test_load);
  g_test_add_func ("/bodies/load/errors", test_load_errors);
  g_test_add_func ("/bodies/intake/round-trip", test_intake_round_trip);
  g_test_add_func ("/bodies/intake/errors", test_intake_errors);
  g_test_add_func ("/bodies/intake/undo", test_intake_undo);
  g_test_add_func ("/bodies/pdf", test_pdf);

  return g_test_run ();
}
