/* test-atlas.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "bm-atlas.h"
#include "bm-atlas-private.h"
#include "bm-test-atlas.h"

/* The region ids of the contract (docs/file-format.md), and where a therapist looks for each region */
static const struct {
  const char *id;
  const char *name;
  gboolean    paired;
  const char *must_be_in;   /* views the region has to show in */
} required[] = {
  { "neck", "Neck", FALSE, "back" },
  { "upper-trapezius", "Upper trapezius", TRUE, "back" },
  { "shoulder", "Shoulder (deltoid)", TRUE, "front" },
  { "upper-back", "Upper back (rhomboids)", TRUE, "back" },
  { "lower-back", "Lower back", TRUE, "back" },
  { "chest", "Chest", TRUE, "front" },
  { "abdomen", "Abdomen", FALSE, "front" },
  { "upper-arm", "Upper arm", TRUE, "front" },
  { "forearm", "Forearm", TRUE, "front" },
  { "glutes", "Glutes", TRUE, "back" },
  { "piriformis", "Piriformis", TRUE, "back" },
  { "tfl", "Hip, outer (TFL)", TRUE, "front" },
  { "hip-flexors", "Hip flexors", TRUE, "front" },
  { "adductors", "Inner thigh (adductors)", TRUE, "front" },
  { "quadriceps", "Front thigh (quadriceps)", TRUE, "front" },
  { "it-band", "IT band", TRUE, "front" },
  { "hamstrings", "Hamstrings", TRUE, "back" },
  { "knee", "Knee", TRUE, "front" },
  { "shin", "Shin", TRUE, "front" },
  { "peroneals", "Outer lower leg (peroneals)", TRUE, "front" },
  { "calf", "Calf", TRUE, "back" },
  { "achilles", "Achilles tendon", TRUE, "back" },
  { "ankle", "Ankle", TRUE, "front" },
  { "foot", "Foot (top)", TRUE, "front" },
  { "plantar-fascia", "Sole of the foot (plantar fascia)", TRUE, "back" },
  /* Seen from the side (issue 17) */
  { "glute-medius", "Glute medius", TRUE, "left-side" },
  { "greater-trochanter", "Hip bone, outer (greater trochanter)", TRUE, "right-side" },
  { "outer-knee", "Knee, outer side", TRUE, "left-side" },
};

static BmAtlas *
load_test_atlas (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);

  return bm_test_load_atlas_file (path);
}

static void
test_required_regions (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();

  g_assert_cmpuint (bm_atlas_get_n_regions (atlas), >=, G_N_ELEMENTS (required));

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      const BmRegion *region = bm_atlas_lookup (atlas, required[i].id);
      BmView view = bm_test_view_by_id (atlas, required[i].must_be_in);

      g_test_message ("region %s", required[i].id);
      g_assert_nonnull (region);
      g_assert_cmpstr (bm_region_get_id (region), ==, required[i].id);
      g_assert_cmpstr (bm_region_get_name (region), ==, required[i].name);
      g_assert_cmpint (bm_region_is_paired (region), ==, required[i].paired);
      g_assert_true (bm_region_in_view (region, view));
      g_assert_true (bm_region_in_view (region, bm_region_get_primary_view (region)));
      g_assert_true (bm_region_accepts_side (region, required[i].paired ? BM_SIDE_LEFT : BM_SIDE_CENTER));
      g_assert_false (bm_region_accepts_side (region, required[i].paired ? BM_SIDE_CENTER : BM_SIDE_LEFT));
    }

  /* The outer thigh and hip carry the IT band and TFL */
  g_assert_true (bm_region_in_view (bm_atlas_lookup (atlas, "it-band"), bm_test_view_by_id (atlas, "back")));
  g_assert_null (bm_atlas_lookup (atlas, "no-such-region"));
}

/* The views come from the atlas: front on the left, back on the right,
 * each with its name and which of the client's sides is at each edge */
static void
test_views_listed (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  BmSide at_left = BM_SIDE_CENTER, at_right = BM_SIDE_CENTER;
  BmView view = G_MAXUINT;

  g_assert_cmpuint (bm_atlas_get_n_views (atlas), ==, 4);
  g_assert_cmpstr (bm_atlas_get_view_id (atlas, 0), ==, "front");
  g_assert_cmpstr (bm_atlas_get_view_id (atlas, 1), ==, "back");
  g_assert_cmpstr (bm_atlas_get_view_id (atlas, 2), ==, "left-side");
  g_assert_cmpstr (bm_atlas_get_view_id (atlas, 3), ==, "right-side");
  g_assert_cmpstr (bm_atlas_get_view_name (atlas, 0), ==, "Front");
  g_assert_cmpstr (bm_atlas_get_view_name (atlas, 1), ==, "Back");
  g_assert_cmpstr (bm_atlas_get_view_name (atlas, 2), ==, "Your left side");
  g_assert_cmpstr (bm_atlas_get_view_name (atlas, 3), ==, "Your right side");
  g_assert_cmpstr (bm_atlas_get_view_short_name (atlas, 0), ==, "Front");
  g_assert_cmpstr (bm_atlas_get_view_short_name (atlas, 2), ==, "Your left");
  g_assert_cmpstr (bm_atlas_get_view_short_name (atlas, 3), ==, "Your right");

  /* Front and back show both sides; a side view one, with no labels at
   * its edges */
  g_assert_cmpint (bm_atlas_get_view_shows (atlas, 0), ==, BM_SIDE_CENTER);
  g_assert_cmpint (bm_atlas_get_view_shows (atlas, 1), ==, BM_SIDE_CENTER);
  g_assert_cmpint (bm_atlas_get_view_shows (atlas, 2), ==, BM_SIDE_LEFT);
  g_assert_cmpint (bm_atlas_get_view_shows (atlas, 3), ==, BM_SIDE_RIGHT);
  g_assert_false (bm_atlas_get_view_sides (atlas, 2, NULL, NULL));
  g_assert_false (bm_atlas_get_view_sides (atlas, 3, NULL, NULL));

  /* From the front the client's right is on the viewer's left, as in a
   * mirror; from behind it is the other way round */
  g_assert_true (bm_atlas_get_view_sides (atlas, 0, &at_left, &at_right));
  g_assert_cmpint (at_left, ==, BM_SIDE_RIGHT);
  g_assert_cmpint (at_right, ==, BM_SIDE_LEFT);
  g_assert_true (bm_atlas_get_view_sides (atlas, 1, &at_left, &at_right));
  g_assert_cmpint (at_left, ==, BM_SIDE_LEFT);
  g_assert_cmpint (at_right, ==, BM_SIDE_RIGHT);

  g_assert_true (bm_atlas_lookup_view (atlas, "back", &view));
  g_assert_cmpuint (view, ==, 1);
  g_assert_false (bm_atlas_lookup_view (atlas, "side", NULL));
  g_assert_false (bm_atlas_lookup_view (atlas, NULL, NULL));

  for (guint v = 0; v < bm_atlas_get_n_views (atlas); v++)
    {
      g_assert_nonnull (bm_atlas_get_outline (atlas, v));
      g_assert_cmpuint (bm_atlas_get_outline (atlas, v)->len, >, 0);
      g_assert_nonnull (bm_atlas_get_details (atlas, v));
    }
}

/* Every region shows in at least one of the listed views, its primary view
 * among them */
static void
test_views_regions (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();

  for (guint i = 0; i < bm_atlas_get_n_regions (atlas); i++)
    {
      const BmRegion *region = bm_atlas_get_region (atlas, i);
      guint views = 0;

      for (guint v = 0; v < bm_atlas_get_n_views (atlas); v++)
        if (bm_region_in_view (region, v))
          views++;
      g_test_message ("region %s", bm_region_get_id (region));
      g_assert_cmpuint (views, >, 0);
      g_assert_cmpuint (bm_region_get_primary_view (region), <, bm_atlas_get_n_views (atlas));
      g_assert_true (bm_region_in_view (region, bm_region_get_primary_view (region)));
    }
}

static void
anchor_in (BmAtlas    *atlas,
           const char *id,
           BmView      view,
           BmSide      side,
           double     *x,
           double     *y)
{
  const BmRegion *region = bm_atlas_lookup (atlas, id);

  g_test_message ("%s in view %u", id, view);
  g_assert_nonnull (region);
  g_assert_true (bm_region_get_anchor (region, view, side, x, y));
}

/* The side views (issue 17): each shows one of the client's sides, the
 * right the mirror image of the left, with the outer leg where it is:
 * the client faces the viewer's left in the view of their left side, so
 * the front of the leg is on the viewer's left there */
static void
test_views_side (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  BmView left = bm_test_view_by_id (atlas, "left-side"), right = bm_test_view_by_id (atlas, "right-side");
  const char *outer_leg[] = { "it-band", "tfl", "peroneals", "outer-knee", "glute-medius",
                              "calf", "greater-trochanter", "glutes", NULL };
  double vw, quad_x, it_x, ham_x, tfl_x, gmed_x, shin_x, per_x, calf_x, y, gmed_y, gt_y, it_y, knee_y, per_y;

  bm_atlas_get_view_size (atlas, &vw, NULL);

  for (guint i = 0; outer_leg[i]; i++)
    {
      const BmRegion *region = bm_atlas_lookup (atlas, outer_leg[i]);
      double lx, ly, rx, ry;
      const BmRegion *hit = NULL;
      BmSide side = BM_SIDE_CENTER;

      g_test_message ("%s", outer_leg[i]);
      g_assert_true (bm_region_in_view (region, left));
      g_assert_true (bm_region_in_view (region, right));
      /* Only the side in sight */
      g_assert_cmpuint (bm_region_get_shapes (region, left, BM_SIDE_RIGHT)->len, ==, 0);
      g_assert_cmpuint (bm_region_get_shapes (region, right, BM_SIDE_LEFT)->len, ==, 0);
      g_assert_cmpuint (bm_region_get_shapes (region, left, BM_SIDE_LEFT)->len, >, 0);
      g_assert_cmpuint (bm_region_get_shapes (region, right, BM_SIDE_RIGHT)->len, >, 0);
      /* Mirror images */
      g_assert_true (bm_region_get_anchor (region, left, BM_SIDE_LEFT, &lx, &ly));
      g_assert_true (bm_region_get_anchor (region, right, BM_SIDE_RIGHT, &rx, &ry));
      g_assert_cmpfloat_with_epsilon (lx, vw - rx, 0.11);
      g_assert_cmpfloat_with_epsilon (ly, ry, 0.11);
      /* A point of the right side view is on the client's right */
      g_assert_true (bm_atlas_hit_test (atlas, right, rx, ry, &hit, &side));
      g_assert_true (hit == region);
      g_assert_cmpint (side, ==, BM_SIDE_RIGHT);
      g_assert_true (bm_atlas_hit_test (atlas, left, lx, ly, &hit, &side));
      g_assert_true (hit == region);
      g_assert_cmpint (side, ==, BM_SIDE_LEFT);
      /* Their keyboard control sits where that side shows */
      g_assert_true (bm_region_in_view (region, bm_region_get_view_for_side (region, BM_SIDE_LEFT)));
      g_assert_cmpuint (bm_region_get_shapes (region, bm_region_get_view_for_side (region, BM_SIDE_RIGHT),
                                              BM_SIDE_RIGHT)->len, >, 0);
    }

  /* Front to back across the thigh, the hip and the lower leg */
  anchor_in (atlas, "quadriceps", left, BM_SIDE_LEFT, &quad_x, &y);
  anchor_in (atlas, "it-band", left, BM_SIDE_LEFT, &it_x, &it_y);
  anchor_in (atlas, "hamstrings", left, BM_SIDE_LEFT, &ham_x, &y);
  g_assert_cmpfloat (quad_x, <, it_x);
  g_assert_cmpfloat (it_x, <, ham_x);
  anchor_in (atlas, "tfl", left, BM_SIDE_LEFT, &tfl_x, &y);
  anchor_in (atlas, "glute-medius", left, BM_SIDE_LEFT, &gmed_x, &gmed_y);
  g_assert_cmpfloat (tfl_x, <, gmed_x);
  /* From the side the front of the shin is the tibialis anterior; the
   * inner edge (the region "shin") is out of sight */
  g_assert_false (bm_region_in_view (bm_atlas_lookup (atlas, "shin"), left));
  anchor_in (atlas, "tibialis-anterior", left, BM_SIDE_LEFT, &shin_x, &y);
  anchor_in (atlas, "peroneals", left, BM_SIDE_LEFT, &per_x, &per_y);
  anchor_in (atlas, "calf", left, BM_SIDE_LEFT, &calf_x, &y);
  g_assert_cmpfloat (shin_x, <, per_x);
  g_assert_cmpfloat (per_x, <, calf_x);
  /* Top to bottom down the outside of the leg */
  anchor_in (atlas, "greater-trochanter", left, BM_SIDE_LEFT, &y, &gt_y);
  anchor_in (atlas, "outer-knee", left, BM_SIDE_LEFT, &y, &knee_y);
  g_assert_cmpfloat (gmed_y, <, gt_y);
  g_assert_cmpfloat (gt_y, <, it_y);
  g_assert_cmpfloat (it_y, <, knee_y);
  g_assert_cmpfloat (knee_y, <, per_y);

  /* The new regions are found from the side first, each side in its view */
  g_assert_cmpuint (bm_region_get_primary_view (bm_atlas_lookup (atlas, "outer-knee")), ==, left);
  g_assert_cmpuint (bm_region_get_view_for_side (bm_atlas_lookup (atlas, "outer-knee"), BM_SIDE_RIGHT), ==, right);
  /* The regions of both sides keep the view they had */
  g_assert_cmpuint (bm_region_get_view_for_side (bm_atlas_lookup (atlas, "it-band"), BM_SIDE_RIGHT), ==,
                    bm_test_view_by_id (atlas, "front"));
}

static void
assert_in_views (BmAtlas    *atlas,
                 const char *id,
                 const char *const *views)
{
  const BmRegion *region = bm_atlas_lookup (atlas, id);

  g_test_message ("%s", id);
  g_assert_nonnull (region);
  g_assert_true (bm_region_is_paired (region));
  for (BmView v = 0; v < bm_atlas_get_n_views (atlas); v++)
    g_assert_cmpint (bm_region_in_view (region, v), ==,
                     g_strv_contains (views, bm_atlas_get_view_id (atlas, v)));
}

/* The finer regions (issue 17) sit where a runner's problems do, in the
 * views that show them, in anatomical order; "knee" and "shin" keep
 * their ids (the file format's contract) and cover a part of what they did */
static void
test_finer_regions (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  BmView front = bm_test_view_by_id (atlas, "front"), back = bm_test_view_by_id (atlas, "back");
  BmView left = bm_test_view_by_id (atlas, "left-side");
  const char *const front_only[] = { "front", NULL };
  const char *const back_only[] = { "back", NULL };
  const char *const front_and_sides[] = { "front", "left-side", "right-side", NULL };
  const char *const back_and_sides[] = { "back", "left-side", "right-side", NULL };
  double x, y, x2, y2, x3, y3;

  g_assert_cmpuint (bm_atlas_get_n_regions (atlas), >=, 40);

  assert_in_views (atlas, "knee", front_and_sides);
  assert_in_views (atlas, "knee-back", back_only);
  assert_in_views (atlas, "inner-knee", front_only);
  assert_in_views (atlas, "patellar-tendon", front_and_sides);
  assert_in_views (atlas, "shin", front_only);
  assert_in_views (atlas, "tibialis-anterior", front_and_sides);
  assert_in_views (atlas, "calf", back_and_sides);
  assert_in_views (atlas, "soleus", back_and_sides);
  assert_in_views (atlas, "groin", front_only);
  assert_in_views (atlas, "si-joint", back_only);
  assert_in_views (atlas, "mid-back", back_only);
  assert_in_views (atlas, "lats", back_only);
  assert_in_views (atlas, "quadratus-lumborum", back_and_sides);
  assert_in_views (atlas, "heel", back_and_sides);
  assert_in_views (atlas, "forefoot", front_and_sides);

  /* Front: kneecap, then the tendon below it; the inner knee on the inner
   * side (the client's left leg is on the viewer's right, x > 130) */
  anchor_in (atlas, "knee", front, BM_SIDE_LEFT, &x, &y);
  anchor_in (atlas, "patellar-tendon", front, BM_SIDE_LEFT, &x2, &y2);
  g_assert_cmpfloat (y, <, y2);
  g_assert_cmpfloat (fabs (x - x2), <, 4);
  anchor_in (atlas, "inner-knee", front, BM_SIDE_LEFT, &x3, &y3);
  g_assert_cmpfloat (x3, <, x2);
  g_assert_cmpfloat (y3, >, y);
  /* Across the shin, inside out: inner edge, tibialis anterior, peroneals */
  anchor_in (atlas, "shin", front, BM_SIDE_LEFT, &x, &y);
  anchor_in (atlas, "tibialis-anterior", front, BM_SIDE_LEFT, &x2, &y2);
  anchor_in (atlas, "peroneals", front, BM_SIDE_LEFT, &x3, &y3);
  g_assert_cmpfloat (130, <, x);
  g_assert_cmpfloat (x, <, x2);
  g_assert_cmpfloat (x2, <, x3);
  /* The groin is at the top of the inner thigh, above the adductors */
  anchor_in (atlas, "groin", front, BM_SIDE_LEFT, &x, &y);
  anchor_in (atlas, "adductors", front, BM_SIDE_LEFT, &x2, &y2);
  g_assert_cmpfloat (y, <, y2);
  g_assert_cmpfloat (x, <, 150);
  /* The top of the foot, then the forefoot and toes */
  anchor_in (atlas, "foot", front, BM_SIDE_LEFT, &x, &y);
  anchor_in (atlas, "forefoot", front, BM_SIDE_LEFT, &x2, &y2);
  g_assert_cmpfloat (y, <, y2);

  /* Back (the client's left on the viewer's left, x < 130): down the
   * spine upper, mid and lower back, the SI joint, the glutes; the lats
   * and the quadratus lumborum outside them */
  {
    const char *spine[] = { "upper-back", "mid-back", "lower-back", "si-joint", "glutes", NULL };
    double last = 0;

    for (guint i = 0; spine[i]; i++)
      {
        anchor_in (atlas, spine[i], back, BM_SIDE_LEFT, &x, &y);
        g_assert_cmpfloat (y, >, last);
        last = y;
      }
  }
  anchor_in (atlas, "mid-back", back, BM_SIDE_LEFT, &x, &y);
  anchor_in (atlas, "lats", back, BM_SIDE_LEFT, &x2, &y2);
  g_assert_cmpfloat (x2, <, x);
  anchor_in (atlas, "lower-back", back, BM_SIDE_LEFT, &x, &y);
  anchor_in (atlas, "quadratus-lumborum", back, BM_SIDE_LEFT, &x2, &y2);
  g_assert_cmpfloat (x2, <, x);
  /* Down the back of the leg: back of the knee, calf, soleus, Achilles,
   * ankle, heel, arch */
  {
    const char *leg[] = { "hamstrings", "knee-back", "calf", "soleus", "achilles", "ankle",
                          "heel", "plantar-fascia", NULL };
    double last = 0;

    for (guint i = 0; leg[i]; i++)
      {
        anchor_in (atlas, leg[i], back, BM_SIDE_LEFT, &x, &y);
        g_assert_cmpfloat (y, >, last);
        last = y;
      }
  }

  /* From the side (facing the viewer's left): the forefoot in front of
   * the top of the foot, the heel behind the ankle; the tendon under the
   * kneecap; the soleus under the calf */
  anchor_in (atlas, "forefoot", left, BM_SIDE_LEFT, &x, &y);
  anchor_in (atlas, "foot", left, BM_SIDE_LEFT, &x2, &y2);
  anchor_in (atlas, "heel", left, BM_SIDE_LEFT, &x3, &y3);
  g_assert_cmpfloat (x, <, x2);
  g_assert_cmpfloat (x2, <, x3);
  anchor_in (atlas, "knee", left, BM_SIDE_LEFT, &x, &y);
  anchor_in (atlas, "patellar-tendon", left, BM_SIDE_LEFT, &x2, &y2);
  g_assert_cmpfloat (y, <, y2);
  anchor_in (atlas, "calf", left, BM_SIDE_LEFT, &x, &y);
  anchor_in (atlas, "soleus", left, BM_SIDE_LEFT, &x2, &y2);
  g_assert_cmpfloat (y, <, y2);

  /* Each finer region is what a click on it finds, on either side */
  {
    const char *finer[] = { "knee-back", "inner-knee", "patellar-tendon", "tibialis-anterior",
                            "soleus", "groin", "si-joint", "mid-back", "lats",
                            "quadratus-lumborum", "heel", "forefoot", NULL };

    for (guint i = 0; finer[i]; i++)
      {
        const BmRegion *region = bm_atlas_lookup (atlas, finer[i]);
        BmView view = bm_region_get_primary_view (region);
        const BmRegion *hit = NULL;
        BmSide side = BM_SIDE_CENTER;
        double vw;

        bm_atlas_get_view_size (atlas, &vw, NULL);
        anchor_in (atlas, finer[i], view, BM_SIDE_LEFT, &x, &y);
        g_assert_true (bm_atlas_hit_test (atlas, view, x, y, &hit, &side));
        g_assert_true (hit == region);
        g_assert_cmpint (side, ==, BM_SIDE_LEFT);
        g_assert_true (bm_atlas_hit_test (atlas, view, vw - x, y, &hit, &side));
        g_assert_true (hit == region);
        g_assert_cmpint (side, ==, BM_SIDE_RIGHT);
      }
  }
}

/* An atlas with three views (tests/data/three-views.atlas.json): they are
 * numbered by their columns, whatever their order in the file; regions,
 * shapes and anchors belong to the view they name */
static void
test_views_three (void)
{
  g_autoptr(BmAtlas) atlas = load_test_atlas ("three-views.atlas.json");
  const BmRegion *hip, *calf, *neck, *hit = NULL;
  BmView front, side, back;
  BmSide at_left, at_right, hit_side;
  double x, y;

  g_assert_cmpuint (bm_atlas_get_n_views (atlas), ==, 3);
  front = bm_test_view_by_id (atlas, "front");
  side = bm_test_view_by_id (atlas, "left-side");
  back = bm_test_view_by_id (atlas, "back");
  g_assert_cmpuint (front, ==, 0);
  g_assert_cmpuint (side, ==, 1);
  g_assert_cmpuint (back, ==, 2);
  g_assert_cmpstr (bm_atlas_get_view_name (atlas, side), ==, "Left side");
  /* A side view does not say which side is at its edges */
  g_assert_false (bm_atlas_get_view_sides (atlas, side, &at_left, &at_right));
  g_assert_true (bm_atlas_get_view_sides (atlas, back, &at_left, &at_right));
  g_assert_cmpint (at_left, ==, BM_SIDE_LEFT);

  hip = bm_atlas_lookup (atlas, "outer-hip");
  calf = bm_atlas_lookup (atlas, "calf");
  neck = bm_atlas_lookup (atlas, "neck");
  g_assert_false (bm_region_in_view (hip, front));
  g_assert_true (bm_region_in_view (hip, side));
  g_assert_false (bm_region_in_view (hip, back));
  g_assert_cmpuint (bm_region_get_primary_view (hip), ==, side);
  /* No primary given: the first view, left to right, that shows it */
  g_assert_cmpuint (bm_region_get_primary_view (calf), ==, side);
  g_assert_cmpuint (bm_region_get_primary_view (neck), ==, back);

  /* Anchors per view: given in the side view, computed in the back view */
  g_assert_true (bm_region_get_anchor (calf, side, BM_SIDE_LEFT, &x, &y));
  g_assert_cmpfloat (x, ==, 60);
  g_assert_cmpfloat (y, ==, 70);
  g_assert_true (bm_region_get_anchor (calf, back, BM_SIDE_LEFT, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, 25, 1);
  g_assert_cmpfloat_with_epsilon (y, 75, 1);
  g_assert_false (bm_region_get_anchor (calf, front, BM_SIDE_LEFT, &x, &y));

  g_assert_true (bm_atlas_hit_test (atlas, side, 65, 30, &hit, &hit_side));
  g_assert_true (hit == hip);
  g_assert_cmpint (hit_side, ==, BM_SIDE_LEFT);
  g_assert_false (bm_atlas_hit_test (atlas, front, 50, 30, &hit, NULL));
  g_assert_true (bm_atlas_hit_test (atlas, front, 65, 30, &hit, NULL));
  g_assert_true (hit == bm_atlas_lookup (atlas, "chest"));
  g_assert_true (bm_atlas_hit_test (atlas, back, 75, 75, &hit, &hit_side));
  g_assert_true (hit == calf);
  g_assert_cmpint (hit_side, ==, BM_SIDE_RIGHT);
}

/* Every region says what it takes in; the foot's two regions say which
 * part of the foot each is */
static void
test_covers (void)
{
  static const char without[] =
    "{\"format\": \"bodymap-atlas\", \"version\": 1, \"view_size\": [10, 20], \"views\": ["
    "{\"id\": \"front\", \"name\": \"Front\", \"outline\": [\"M 0 0 L 10 0 L 10 20 L 0 20 Z\"]},"
    "{\"id\": \"back\", \"name\": \"Back\", \"outline\": [\"M 0 0 L 10 0 L 10 20 L 0 20 Z\"]}],"
    "\"regions\": [{\"id\": \"a\", \"name\": \"A\","
    " \"shapes\": {\"front\": [\"M 1 1 L 9 1 L 9 9 L 1 9 Z\"]}}]}";
  BmAtlas *atlas = bm_atlas_get_default ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BmAtlas) small = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < bm_atlas_get_n_regions (atlas); i++)
    {
      const BmRegion *region = bm_atlas_get_region (atlas, i);
      const char *covers = bm_region_get_covers (region);

      g_test_message ("region %s", bm_region_get_id (region));
      g_assert_nonnull (covers);
      g_assert_cmpuint (strlen (covers), >, 0);
      g_assert_cmpstr (covers, !=, bm_region_get_name (region));
    }
  g_assert_cmpstr (bm_region_get_covers (bm_atlas_lookup (atlas, "foot")), ==,
                   "The top of the foot, between the ankle and the toes (not the sole)");
  /* The regions a finer one took a part of say what is left to them */
  g_assert_cmpstr (bm_region_get_covers (bm_atlas_lookup (atlas, "plantar-fascia")), ==,
                   "The arch of the foot, between the heel and the ball of the foot");
  g_assert_cmpstr (bm_region_get_covers (bm_atlas_lookup (atlas, "knee")), ==,
                   "The front of the knee, around the kneecap");
  g_assert_cmpstr (bm_region_get_covers (bm_atlas_lookup (atlas, "shin")), ==,
                   "The inner edge of the shin bone, where shin splints hurt");

  /* It is optional */
  bytes = g_bytes_new_static (without, strlen (without));
  small = bm_atlas_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_null (bm_region_get_covers (bm_atlas_lookup (small, "a")));
}

static void
test_head_to_toe (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  guint neck = bm_region_get_index (bm_atlas_lookup (atlas, "neck"));
  guint calf = bm_region_get_index (bm_atlas_lookup (atlas, "calf"));
  guint sole = bm_region_get_index (bm_atlas_lookup (atlas, "plantar-fascia"));
  guint hams = bm_region_get_index (bm_atlas_lookup (atlas, "hamstrings"));

  g_assert_cmpuint (neck, <, hams);
  g_assert_cmpuint (hams, <, calf);
  g_assert_cmpuint (calf, <, sole);

  for (guint i = 0; i < bm_atlas_get_n_regions (atlas); i++)
    g_assert_cmpuint (bm_region_get_index (bm_atlas_get_region (atlas, i)), ==, i);
}

static void
test_labels (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  g_autofree char *calf = bm_region_dup_label (bm_atlas_lookup (atlas, "calf"), BM_SIDE_LEFT);
  g_autofree char *itb = bm_region_dup_label (bm_atlas_lookup (atlas, "it-band"), BM_SIDE_RIGHT);
  g_autofree char *tfl = bm_region_dup_label (bm_atlas_lookup (atlas, "tfl"), BM_SIDE_LEFT);
  g_autofree char *neck = bm_region_dup_label (bm_atlas_lookup (atlas, "neck"), BM_SIDE_CENTER);

  g_assert_cmpstr (calf, ==, "Left calf");
  g_assert_cmpstr (itb, ==, "Right IT band");
  g_assert_cmpstr (tfl, ==, "Left outer hip (TFL)");
  g_assert_cmpstr (neck, ==, "Neck");
}

/* Shapes are closed, inside the view and the body, big enough to hit, and
 * the client's left sits on the correct side of the midline. */
static void
test_geometry_valid (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  double vw, vh;

  bm_atlas_get_view_size (atlas, &vw, &vh);
  g_assert_cmpfloat (vw, >, 0);
  g_assert_cmpfloat (vh, >, vw);
  bm_test_check_shapes (atlas, NULL);
}

static void
test_geometry_no_overlap (void)
{
  bm_test_check_no_overlap (bm_atlas_get_default (), NULL);
}

typedef struct
{
  const char *region;
  BmSide      side;
} HitCase;

static void
test_hit_test_region (gconstpointer data)
{
  const HitCase *hc = data;
  BmAtlas *atlas = bm_atlas_get_default ();
  const BmRegion *region = bm_atlas_lookup (atlas, hc->region);
  guint views = 0;

  for (guint v = 0; v < bm_atlas_get_n_views (atlas); v++)
    {
      const BmRegion *hit = NULL;
      BmSide side = BM_SIDE_CENTER;
      double x, y;

      /* A side view shows one side */
      if (bm_region_get_shapes (region, v, hc->side)->len == 0)
        {
          g_assert_false (bm_region_get_anchor (region, v, hc->side, &x, &y));
          continue;
        }
      views++;
      g_assert_true (bm_region_get_anchor (region, v, hc->side, &x, &y));
      g_assert_true (bm_atlas_hit_test (atlas, v, x, y, &hit, &side));
      g_assert_true (hit == region);
      g_assert_cmpint (side, ==, hc->side);
    }
  g_assert_cmpuint (views, >, 0);
}

/* The symbol of a marked region sits where the atlas says: inside the
 * region, at least as far from its edges as the point the app would
 * otherwise compute, and clear of the edges */
static void
test_anchors (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  guint checked = 0;

  for (guint r = 0; r < bm_atlas_get_n_regions (atlas); r++)
    {
      const BmRegion *region = bm_atlas_get_region (atlas, r);
      BmSide sides[] = { BM_SIDE_CENTER, BM_SIDE_LEFT, BM_SIDE_RIGHT };

      for (guint v = 0; v < bm_atlas_get_n_views (atlas); v++)
        for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
          {
            GPtrArray *shapes = bm_region_get_shapes (region, v, sides[s]);
            double x, y, clearance = -1, largest_area = -1, computed = 0;

            if (shapes->len == 0)
              {
                g_assert_false (bm_region_get_anchor (region, v, sides[s], &x, &y));
                continue;
              }
            g_assert_true (bm_region_get_anchor (region, v, sides[s], &x, &y));
            for (guint k = 0; k < shapes->len; k++)
              {
                const BmPath *path = g_ptr_array_index (shapes, k);
                double ax, ay;

                if (bm_path_contains (path, x, y))
                  clearance = bm_path_distance_to_edge (path, x, y);
                if (bm_path_get_area (path) > largest_area)
                  {
                    largest_area = bm_path_get_area (path);
                    bm_path_get_anchor (path, &ax, &ay);
                    computed = bm_path_distance_to_edge (path, ax, ay);
                  }
              }
            g_test_message ("%s %s side %d: anchor (%.1f, %.1f) clearance %.2f, computed %.2f",
                            bm_region_get_id (region), bm_atlas_get_view_id (atlas, v), sides[s], x, y,
                            clearance, computed);
            g_assert_cmpfloat (clearance, >=, 3.5);
            g_assert_cmpfloat (clearance, >=, 0.95 * computed);
            checked++;
          }
    }
  g_assert_cmpuint (checked, >=, 60);
}

static void
test_anchors_load (void)
{
  static const char atlas_json[] =
    "{\"format\": \"bodymap-atlas\", \"view_size\": [100, 100], \"views\": ["
    "{\"id\": \"front\", \"name\": \"Front\", \"outline\": [\"M 0 0 L 100 0 L 100 100 L 0 100 Z\"]},"
    "{\"id\": \"back\", \"name\": \"Back\", \"outline\": [\"M 0 0 L 100 0 L 100 100 L 0 100 Z\"]}],"
    "\"regions\": [{\"id\": \"a\", \"name\": \"A\", \"paired\": true,"
    "\"shapes\": {\"front\": [\"M 60 10 L 90 10 L 90 40 L 60 40 Z\"]},"
    "\"anchors\": {\"front\": [70, 20]}}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (atlas_json, strlen (atlas_json));
  g_autoptr(GError) error = NULL;
  g_autoptr(BmAtlas) atlas = bm_atlas_new_from_bytes (bytes, &error);
  const BmRegion *region;
  double x, y;

  g_assert_no_error (error);
  region = bm_atlas_lookup (atlas, "a");
  g_assert_true (bm_region_get_anchor (region, bm_test_view_by_id (atlas, "front"), BM_SIDE_LEFT, &x, &y));
  g_assert_cmpfloat (x, ==, 70);
  g_assert_cmpfloat (y, ==, 20);
  /* The right side mirrors the left about the middle of the view */
  g_assert_true (bm_region_get_anchor (region, bm_test_view_by_id (atlas, "front"), BM_SIDE_RIGHT, &x, &y));
  g_assert_cmpfloat (x, ==, 30);
  g_assert_cmpfloat (y, ==, 20);
  g_assert_false (bm_region_get_anchor (region, bm_test_view_by_id (atlas, "back"), BM_SIDE_LEFT, &x, &y));
}

static void
test_hit_test_outside (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  double vw, vh;
  guint checked = 0;

  bm_atlas_get_view_size (atlas, &vw, &vh);

  for (guint v = 0; v < bm_atlas_get_n_views (atlas); v++)
    {
      const BmRegion *hit = (gpointer) 1;

      /* Corners, above the head, between the feet */
      g_assert_false (bm_atlas_hit_test (atlas, v, 1, 1, &hit, NULL));
      g_assert_null (hit);
      g_assert_false (bm_atlas_hit_test (atlas, v, vw - 1, vh - 1, NULL, NULL));
      g_assert_false (bm_atlas_hit_test (atlas, v, vw / 2, 2, NULL, NULL));
      g_assert_false (bm_atlas_hit_test (atlas, v, vw / 2, vh - 3, NULL, NULL));
      g_assert_false (bm_atlas_hit_test (atlas, v, -10, vh / 2, NULL, NULL));

      /* Nowhere outside the body */
      for (double y = 0.5; y < vh; y += 2)
        for (double x = 0.5; x < vw; x += 2)
          if (!bm_test_in_outline (atlas, v, x, y))
            {
              g_assert_false (bm_atlas_hit_test (atlas, v, x, y, NULL, NULL));
              checked++;
            }
    }
  g_assert_cmpuint (checked, >, 1000);
}

/* A tap beside an area: the nearest outline within reach, measured to
 * the outline, not to a centre */
static void
test_find_nearest (void)
{
  /* A small square "a" and a long thin strip "b" under it: from (15, 27)
   * the square's centre (15, 15) is nearer than the strip's (50, 31),
   * but the strip's edge (3 away) is nearer than the square's (7) */
  static const char data[] =
    "{\"format\": \"bodymap-atlas\", \"version\": 1, \"view_size\": [100, 60], \"views\": ["
    "{\"id\": \"front\", \"name\": \"Front\", \"outline\": [\"M 0 0 L 100 0 L 100 60 L 0 60 Z\"]}],"
    "\"regions\": ["
    "{\"id\": \"a\", \"name\": \"A\", \"shapes\": {\"front\": [\"M 10 10 L 20 10 L 20 20 L 10 20 Z\"]}},"
    "{\"id\": \"b\", \"name\": \"B\", \"shapes\": {\"front\": [\"M 0 30 L 100 30 L 100 32 L 0 32 Z\"]}}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, strlen (data));
  g_autoptr(BmAtlas) atlas = NULL;
  g_autoptr(GError) error = NULL;
  BmAtlas *real = bm_atlas_get_default ();
  const BmRegion *found = NULL;
  BmSide side = BM_SIDE_LEFT;
  double distance = -1, vw, vh;

  atlas = bm_atlas_new_from_bytes (bytes, &error);
  g_assert_no_error (error);

  g_assert_true (bm_atlas_find_nearest (atlas, 0, 15, 27, 5, &found, &side, &distance));
  g_assert_cmpstr (bm_region_get_id (found), ==, "b");
  g_assert_cmpint (side, ==, BM_SIDE_CENTER);
  g_assert_cmpfloat_with_epsilon (distance, 3, 1e-9);

  /* Only within reach */
  found = (gpointer) 1;
  g_assert_false (bm_atlas_find_nearest (atlas, 0, 15, 27, 2.5, &found, NULL, NULL));
  g_assert_null (found);
  g_assert_true (bm_atlas_find_nearest (atlas, 0, 15, 24, 5, &found, NULL, &distance));
  g_assert_cmpstr (bm_region_get_id (found), ==, "a");
  g_assert_cmpfloat_with_epsilon (distance, 4, 1e-9);
  /* Beside a corner: the distance to the corner, not to the line on */
  g_assert_true (bm_atlas_find_nearest (atlas, 0, 23, 23, 5, &found, NULL, &distance));
  g_assert_cmpstr (bm_region_get_id (found), ==, "a");
  g_assert_cmpfloat_with_epsilon (distance, sqrt (18), 1e-9);
  g_assert_false (bm_atlas_find_nearest (atlas, 0, 23, 23, 4, NULL, NULL, NULL));
  /* Inside is a hit, at no distance */
  g_assert_true (bm_atlas_find_nearest (atlas, 0, 12, 12, 0, &found, NULL, &distance));
  g_assert_cmpstr (bm_region_get_id (found), ==, "a");
  g_assert_cmpfloat (distance, ==, 0);
  g_assert_false (bm_atlas_find_nearest (atlas, 0, 60, 50, 10, NULL, NULL, NULL));

  /* The real atlas: the left and right Achilles from behind, each from
   * its own side; nothing above the head */
  bm_atlas_get_view_size (real, &vw, &vh);
  g_assert_false (bm_atlas_find_nearest (real, bm_test_view_by_id (real, "back"), vw / 2, 1, 5, NULL, NULL, NULL));
  for (guint s = 0; s < 2; s++)
    {
      const BmRegion *achilles = bm_atlas_lookup (real, "achilles");
      BmSide want = s == 0 ? BM_SIDE_LEFT : BM_SIDE_RIGHT;
      BmView back = bm_test_view_by_id (real, "back");
      BmRect bounds;
      double x, y;

      g_assert_true (bm_region_get_bounds (achilles, back, want, &bounds));
      /* Straight out from the middle of its height, 2 units past its
       * bounds: 2 or more from its outline */
      y = bounds.y + bounds.height / 2;
      x = bounds.x + bounds.width / 2 < vw / 2 ? bounds.x - 2 : bounds.x + bounds.width + 2;
      g_assert_false (bm_atlas_hit_test (real, back, x, y, NULL, NULL));
      g_assert_true (bm_atlas_find_nearest (real, back, x, y, 4, &found, &side, &distance));
      g_assert_cmpstr (bm_region_get_id (found), ==, "achilles");
      g_assert_cmpint (side, ==, want);
      g_assert_cmpfloat (distance, >=, 2 - 1e-9);
      g_assert_cmpfloat (distance, <=, 4);
    }
}

static void
test_load_errors (void)
{
  static const char *bad[] = {
    "",
    "[]",
    "{\"format\": \"something-else\"}",
    "{\"format\": \"bodymap-atlas\", \"view_size\": [1]}",
    "{\"format\": \"bodymap-atlas\", \"view_size\": [10, 20], \"views\": []}",
    "{\"format\": \"bodymap-atlas\", \"view_size\": [10, 20], \"views\": ["
      "{\"id\": \"front\", \"name\": \"Front\", \"outline\": [\"M 0 0 L 1 1 L 0 1 Z\"]},"
      "{\"id\": \"back\", \"name\": \"Back\", \"outline\": [\"M 0 0 X 1 1\"]}]}",
    "{\"format\": \"bodymap-atlas\", \"view_size\": [10, 20], \"views\": ["
      "{\"id\": \"front\", \"name\": \"Front\", \"outline\": [\"M 0 0 L 1 1 L 0 1 Z\"]},"
      "{\"id\": \"back\", \"name\": \"Back\", \"outline\": [\"M 0 0 L 1 1 L 0 1 Z\"]}],"
      "\"regions\": [{\"id\": \"a\", \"name\": \"A\", \"shapes\": {\"side\": []}}]}",
#define REGIONS(regions) \
    "{\"format\": \"bodymap-atlas\", \"view_size\": [10, 20], \"views\": [" \
      "{\"id\": \"front\", \"name\": \"Front\", \"outline\": [\"M 0 0 L 1 1 L 0 1 Z\"]}," \
      "{\"id\": \"back\", \"name\": \"Back\", \"outline\": [\"M 0 0 L 1 1 L 0 1 Z\"]}]," \
      "\"regions\": " regions "}"
    REGIONS ("[{\"id\": 5, \"name\": \"A\", \"shapes\": {\"front\": [\"M 0 0 L 1 1 Z\"]}}]"),
    REGIONS ("[{\"id\": null, \"name\": \"A\", \"shapes\": {\"front\": [\"M 0 0 L 1 1 Z\"]}}]"),
    REGIONS ("[{\"id\": \"a\", \"name\": [], \"shapes\": {\"front\": [\"M 0 0 L 1 1 Z\"]}}]"),
    REGIONS ("[{\"id\": \"a\", \"name\": \"A\", \"shapes\": []}]"),
    REGIONS ("[{\"id\": \"a\", \"name\": \"A\", \"shapes\": {\"front\": [7]}}]"),
    REGIONS ("[{\"id\": \"a\", \"name\": \"A\", \"shapes\": {\"front\": \"M 0 0\"}}]"),
    REGIONS ("[\"a\"]"),
    REGIONS ("[{\"id\": \"a\", \"name\": \"A\", \"covers\": 5, \"shapes\": {\"front\": [\"M 0 0 L 1 1 Z\"]}}]"),
#undef REGIONS
    "{\"format\": \"bodymap-atlas\", \"view_size\": \"x\"}",
    "{\"format\": \"bodymap-atlas\", \"view_size\": [\"10\", 20]}",
    "{\"format\": \"bodymap-atlas\", \"view_size\": [10, 20]}",
    "{\"format\": \"bodymap-atlas\", \"view_size\": [10, 20], \"views\": [1, 2]}",
    "{\"format\": \"bodymap-atlas\", \"view_size\": [10, 20], \"views\": ["
      "{\"id\": \"front\", \"name\": \"Front\", \"outline\": [1]}]}",
#define ONE_REGION(anchors) \
    "{\"format\": \"bodymap-atlas\", \"view_size\": [10, 20], \"views\": [" \
      "{\"id\": \"front\", \"name\": \"Front\", \"outline\": [\"M 0 0 L 1 1 L 0 1 Z\"]}," \
      "{\"id\": \"back\", \"name\": \"Back\", \"outline\": [\"M 0 0 L 1 1 L 0 1 Z\"]}]," \
      "\"regions\": [{\"id\": \"a\", \"name\": \"A\", " \
      "\"shapes\": {\"front\": [\"M 0 0 L 1 1 L 0 1 Z\"]}, \"anchors\": " anchors "}]}"
    ONE_REGION ("[1, 2]"),
    ONE_REGION ("{\"back\": [0.5, 0.5]}"),
    ONE_REGION ("{\"side\": [0.5, 0.5]}"),
    ONE_REGION ("{\"front\": [0.5]}"),
    ONE_REGION ("{\"front\": [\"0.5\", 1]}"),
    ONE_REGION ("{\"front\": [0.5, 21]}"),
#undef ONE_REGION
#define VIEWS(views) \
    "{\"format\": \"bodymap-atlas\", \"view_size\": [10, 20], \"views\": " views "}"
#define OUTLINE "\"outline\": [\"M 0 0 L 1 1 L 0 1 Z\"]"
    VIEWS ("[{\"id\": \"front\", " OUTLINE "}]"),
    VIEWS ("[{\"name\": \"Front\", " OUTLINE "}]"),
    VIEWS ("[{\"id\": \"\", \"name\": \"Front\", " OUTLINE "}]"),
    VIEWS ("[{\"id\": \"front\", \"name\": \"Front\"}]"),
    VIEWS ("[{\"id\": \"a\", \"name\": \"A\", " OUTLINE "}, {\"id\": \"a\", \"name\": \"B\", " OUTLINE "}]"),
    VIEWS ("[{\"id\": \"a\", \"name\": \"A\", \"column\": 1, " OUTLINE "}]"),
    VIEWS ("[{\"id\": \"a\", \"name\": \"A\", \"column\": -1, " OUTLINE "}]"),
    VIEWS ("[{\"id\": \"a\", \"name\": \"A\", \"column\": 0.5, " OUTLINE "}]"),
    VIEWS ("[{\"id\": \"a\", \"name\": \"A\", \"column\": \"0\", " OUTLINE "}]"),
    VIEWS ("[{\"id\": \"a\", \"name\": \"A\", \"column\": 1, " OUTLINE "},"
           " {\"id\": \"b\", \"name\": \"B\", \"column\": 1, " OUTLINE "}]"),
    VIEWS ("[{\"id\": \"a\", \"name\": \"A\", \"sides\": [\"left\"], " OUTLINE "}]"),
    VIEWS ("[{\"id\": \"a\", \"name\": \"A\", \"sides\": [\"left\", \"left\"], " OUTLINE "}]"),
    VIEWS ("[{\"id\": \"a\", \"name\": \"A\", \"sides\": [\"center\", \"left\"], " OUTLINE "}]"),
    VIEWS ("[{\"id\": \"a\", \"name\": \"A\", \"sides\": \"left\", " OUTLINE "}]"),
    VIEWS ("[{\"id\": \"a\", \"name\": \"A\", \"shows\": \"center\", " OUTLINE "}]"),
    VIEWS ("[{\"id\": \"a\", \"name\": \"A\", \"shows\": [\"left\"], " OUTLINE "}]"),
    VIEWS ("[{\"id\": \"a\", \"name\": \"A\", \"shows\": \"left\", \"sides\": [\"left\", \"right\"], " OUTLINE "}]"),
#undef OUTLINE
#undef VIEWS
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(BmAtlas) atlas = bm_atlas_new_from_bytes (bytes, &error);

      g_test_message ("case %u", i);
      g_assert_null (atlas);
      g_assert_nonnull (error);
    }
}

/* Numbers in paths read exactly as strtod reads them */
static void
test_path_numbers (void)
{
  static const char *fixed[] = { "0", "-0", "5.", ".5", "+3", "-12.25", "1e2", "-1.5E-1",
                                 "123456789012345", "1234567890123456789", "0.1", "259.9" };
  GRand *rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < G_N_ELEMENTS (fixed) + 2000; i++)
    {
      g_autofree char *number = i < G_N_ELEMENTS (fixed) ? g_strdup (fixed[i])
        : g_strdup_printf ("%.*f", g_rand_int_range (rand, 0, 7), g_rand_double_range (rand, -1000, 1000));
      g_autofree char *data = g_strdup_printf ("M %s,%s Z", number, number);
      g_autoptr(GError) error = NULL;
      g_autoptr(BmPath) path = bm_path_parse (data, &error);

      g_assert_no_error (error);
      g_assert_cmpfloat (bm_path_get_elems (path)[0].x[0], ==, g_ascii_strtod (number, NULL));
      g_assert_cmpfloat (bm_path_get_elems (path)[0].y[0], ==, g_ascii_strtod (number, NULL));
    }
  g_rand_free (rand);
}

static void
test_path_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BmPath) square = bm_path_parse ("M 0 0 L 10 0 L 10 10 L 0 10 Z", &error);
  g_autoptr(BmPath) curve = bm_path_parse ("M 0,0 C 5,-5 15,-5 20,0 Q 10,20 0,0 Z", &error);
  g_autoptr(BmPath) mirrored = NULL;
  BmPath *bad;
  double x, y;

  g_assert_no_error (error);
  g_assert_true (bm_path_contains (square, 5, 5));
  g_assert_false (bm_path_contains (square, 11, 5));
  g_assert_cmpfloat_with_epsilon (bm_path_get_area (square), 100, 0.001);
  bm_path_get_anchor (square, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 5, 0.5);
  g_assert_cmpfloat_with_epsilon (y, 5, 0.5);

  g_assert_true (bm_path_contains (curve, 10, -2));
  g_assert_true (bm_path_contains (curve, 10, 5));

  mirrored = bm_path_mirror (square, 20);
  g_assert_true (bm_path_contains (mirrored, 35, 5));
  g_assert_false (bm_path_contains (mirrored, 5, 5));

  bad = bm_path_parse ("L 1 1", &error);
  g_assert_null (bad);
  g_assert_nonnull (error);
  g_clear_error (&error);
  bad = bm_path_parse ("M 1 1 L 2", &error);
  g_assert_null (bad);
  g_clear_error (&error);
  bad = bm_path_parse ("M 1 1 L nan 2", &error);
  g_assert_null (bad);
  g_clear_error (&error);
  bad = bm_path_parse ("M 1 1 A 2 2 0 0 0 3 3", &error);
  g_assert_null (bad);
}

/* The atlas as its JSON gives it, parsed */
static BmAtlas *
load_source_atlas (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "resources", "atlas", "atlas.json", NULL);

  return bm_test_load_atlas_file (path);
}

static void
assert_same_paths (GPtrArray *a,
                   GPtrArray *b)
{
  g_assert_true ((a == NULL) == (b == NULL));
  if (a == NULL)
    return;
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const BmPath *pa = g_ptr_array_index (a, i), *pb = g_ptr_array_index (b, i);
      const BmRect *ra = bm_path_get_bounds (pa), *rb = bm_path_get_bounds (pb);
      double ax, ay, bx, by;

      g_assert_cmpint (bm_path_is_closed (pa), ==, bm_path_is_closed (pb));
      g_assert_cmpuint (bm_path_get_n_elems (pa), ==, bm_path_get_n_elems (pb));
      for (guint e = 0; e < bm_path_get_n_elems (pa); e++)
        {
          const BmPathElem *ea = &bm_path_get_elems (pa)[e], *eb = &bm_path_get_elems (pb)[e];

          g_assert_cmpint (ea->op, ==, eb->op);
          for (guint k = 0; k < 3; k++)
            {
              g_assert_cmpfloat (ea->x[k], ==, eb->x[k]);
              g_assert_cmpfloat (ea->y[k], ==, eb->y[k]);
            }
        }
      /* The flattened outline: its bounds, area, anchor and what it holds */
      g_assert_cmpmem (ra, sizeof *ra, rb, sizeof *rb);
      g_assert_cmpfloat (bm_path_get_area (pa), ==, bm_path_get_area (pb));
      bm_path_get_anchor (pa, &ax, &ay);
      bm_path_get_anchor (pb, &bx, &by);
      g_assert_cmpfloat (ax, ==, bx);
      g_assert_cmpfloat (ay, ==, by);
      for (guint gy = 0; gy <= 8; gy++)
        for (guint gx = 0; gx <= 8; gx++)
          {
            double x = ra->x + ra->width * gx / 8, y = ra->y + ra->height * gy / 8;

            g_assert_cmpint (bm_path_contains (pa, x, y), ==, bm_path_contains (pb, x, y));
          }
    }
}

/* Two atlases hold the same views and regions, shape for shape */
static void
assert_same_atlas (BmAtlas *a,
                   BmAtlas *b)
{
  double aw, ah, bw, bh;

  bm_atlas_get_view_size (a, &aw, &ah);
  bm_atlas_get_view_size (b, &bw, &bh);
  g_assert_cmpfloat (aw, ==, bw);
  g_assert_cmpfloat (ah, ==, bh);
  g_assert_cmpuint (bm_atlas_get_n_views (a), ==, bm_atlas_get_n_views (b));
  for (BmView v = 0; v < bm_atlas_get_n_views (a); v++)
    {
      BmSide al, ar, bl, br;

      g_assert_cmpstr (bm_atlas_get_view_id (a, v), ==, bm_atlas_get_view_id (b, v));
      g_assert_cmpstr (bm_atlas_get_view_name (a, v), ==, bm_atlas_get_view_name (b, v));
      g_assert_cmpstr (bm_atlas_get_view_short_name (a, v), ==, bm_atlas_get_view_short_name (b, v));
      g_assert_cmpint (bm_atlas_get_view_sides (a, v, &al, &ar), ==, bm_atlas_get_view_sides (b, v, &bl, &br));
      g_assert_cmpint (bm_atlas_get_view_shows (a, v), ==, bm_atlas_get_view_shows (b, v));
      assert_same_paths (bm_atlas_get_outline (a, v), bm_atlas_get_outline (b, v));
      assert_same_paths (bm_atlas_get_details (a, v), bm_atlas_get_details (b, v));
    }

  g_assert_cmpuint (bm_atlas_get_n_regions (a), ==, bm_atlas_get_n_regions (b));
  for (guint i = 0; i < bm_atlas_get_n_regions (a); i++)
    {
      const BmRegion *ra = bm_atlas_get_region (a, i), *rb = bm_atlas_get_region (b, i);

      g_assert_cmpstr (bm_region_get_id (ra), ==, bm_region_get_id (rb));
      g_assert_true (bm_atlas_lookup (b, bm_region_get_id (ra)) == rb);
      g_assert_cmpstr (bm_region_get_name (ra), ==, bm_region_get_name (rb));
      g_assert_cmpstr (ra->short_name, ==, rb->short_name);
      g_assert_cmpstr (bm_region_get_covers (ra), ==, bm_region_get_covers (rb));
      g_assert_cmpint (bm_region_is_paired (ra), ==, bm_region_is_paired (rb));
      g_assert_cmpint (bm_region_get_primary_view (ra), ==, bm_region_get_primary_view (rb));
      for (BmView v = 0; v < bm_atlas_get_n_views (a); v++)
        {
          static const BmSide sides[] = { BM_SIDE_CENTER, BM_SIDE_LEFT, BM_SIDE_RIGHT };

          g_assert_cmpint (bm_region_in_view (ra, v), ==, bm_region_in_view (rb, v));
          for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
            {
              double ax, ay, bx, by;

              assert_same_paths (bm_region_get_shapes (ra, v, sides[s]), bm_region_get_shapes (rb, v, sides[s]));
              if (bm_region_get_shapes (ra, v, sides[s])->len == 0)
                continue;
              bm_region_get_anchor (ra, v, sides[s], &ax, &ay);
              bm_region_get_anchor (rb, v, sides[s], &bx, &by);
              g_assert_cmpfloat (ax, ==, bx);
              g_assert_cmpfloat (ay, ==, by);
            }
        }
    }
}

/* The app starts from the compiled atlas: it holds what the JSON says,
 * and compiles to the very same bytes */
static void
test_compiled_default (void)
{
  g_autoptr(BmAtlas) source = load_source_atlas ();
  BmAtlas *built_in = bm_atlas_get_default ();
  g_autoptr(GVariant) from_source = bm_atlas_compile (source);
  g_autoptr(GVariant) from_built_in = bm_atlas_compile (built_in);

  assert_same_atlas (source, built_in);
  g_assert_true (g_variant_equal (from_source, from_built_in));
  /* Side views, paired regions' mirrored shapes and anchors are in it */
  g_assert_cmpuint (bm_atlas_get_n_views (built_in), ==, 4);
}

/* A file compiled on a machine of the other byte order reads the same */
static void
test_compiled_byteswapped (void)
{
  g_autoptr(BmAtlas) source = load_source_atlas ();
  g_autoptr(GVariant) compiled = bm_atlas_compile (source);
  g_autoptr(GVariant) swapped = g_variant_byteswap (compiled);
  g_autoptr(GError) error = NULL;
  g_autoptr(BmAtlas) atlas = bm_atlas_new_from_compiled (swapped, &error);

  g_assert_no_error (error);
  assert_same_atlas (source, atlas);
}

static void
test_compiled_errors (void)
{
  g_autoptr(BmAtlas) source = load_source_atlas ();
  g_autoptr(GVariant) compiled = bm_atlas_compile (source);
  g_autoptr(GVariant) other = g_variant_ref_sink (g_variant_new_string ("atlas"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) outline = NULL;
  g_autoptr(GVariant) broken = NULL;
  BmAtlas *atlas;
  GVariantIter iter;
  GVariant *child;
  GVariantBuilder builder;
  guint i = 0;

  atlas = bm_atlas_new_from_compiled (other, &error);
  g_assert_null (atlas);
  g_assert_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID);
  g_clear_error (&error);

  /* Another version of the format */
  g_variant_builder_init (&builder, g_variant_get_type (compiled));
  g_variant_iter_init (&iter, compiled);
  while ((child = g_variant_iter_next_value (&iter)))
    {
      g_variant_builder_add_value (&builder, i++ == 1 ? g_variant_new_uint32 (99) : child);
      g_variant_unref (child);
    }
  broken = g_variant_ref_sink (g_variant_builder_end (&builder));
  atlas = bm_atlas_new_from_compiled (broken, &error);
  g_assert_null (atlas);
  g_assert_error (error, BM_ATLAS_ERROR, BM_ATLAS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "99"));
  g_clear_error (&error);

  /* Paths whose flattened outline does not fit their points */
  g_assert_null (bm_path_new_from_variant (g_variant_new_parsed ("(true, [(0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0), (1, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0)],"
                                                                 " [(0.0, 0.0), (1.0, 1.0)], [@u 5], @may nothing)")));
  g_assert_null (bm_path_new_from_variant (g_variant_new_parsed ("(true, [(0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0), (9, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0)],"
                                                                 " [(0.0, 0.0), (1.0, 1.0)], [@u 0], @may nothing)")));
  g_assert_null (bm_path_new_from_variant (g_variant_new_parsed ("(true, [(0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0), (1, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0)],"
                                                                 " [(0.0, 0.0), (1.0, 1.0)], [@u 0], @may just [byte 3])")));
  outline = g_variant_ref_sink (g_variant_new_parsed ("(true, [(0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0), (1, 10.0, 0.0, 0.0, 10.0, 0.0, 0.0),"
                                                      " (1, 0.0, 0.0, 0.0, 10.0, 0.0, 0.0), (3, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)],"
                                                      " [(0.0, 0.0), (10.0, 0.0), (0.0, 10.0)], [@u 0], @may nothing)"));
  {
    g_autoptr(BmPath) path = bm_path_new_from_variant (outline);

    g_assert_nonnull (path);
    g_assert_true (bm_path_contains (path, 2, 2));
    g_assert_cmpfloat_with_epsilon (bm_path_get_area (path), 50, 1e-9);
  }
}

/* Two rectangles apart, one inside the other, and the result in place */
static void
test_rect_union (void)
{
  BmRect a = { 10, 20, 30, 40 }, b = { -5, 30, 10, 100 }, inner = { 15, 25, 5, 5 }, r;

  bm_rect_union (&a, &b, &r);
  g_assert_cmpfloat (r.x, ==, -5);
  g_assert_cmpfloat (r.y, ==, 20);
  g_assert_cmpfloat (r.width, ==, 45);
  g_assert_cmpfloat (r.height, ==, 110);

  bm_rect_union (&a, &inner, &r);
  g_assert_cmpmem (&r, sizeof r, &a, sizeof a);

  bm_rect_union (&b, &a, &b);
  g_assert_cmpfloat (b.x, ==, -5);
  g_assert_cmpfloat (b.y, ==, 20);
  g_assert_cmpfloat (b.width, ==, 45);
  g_assert_cmpfloat (b.height, ==, 110);
}

int
main (int   argc,
      char *argv[])
{
  BmAtlas *atlas;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/regions/required", test_required_regions);
  g_test_add_func ("/atlas/regions/head-to-toe", test_head_to_toe);
  g_test_add_func ("/atlas/regions/labels", test_labels);
  g_test_add_func ("/atlas/regions/covers", test_covers);
  g_test_add_func ("/atlas/regions/finer", test_finer_regions);
  g_test_add_func ("/atlas/views/listed", test_views_listed);
  g_test_add_func ("/atlas/views/regions", test_views_regions);
  g_test_add_func ("/atlas/views/three", test_views_three);
  g_test_add_func ("/atlas/views/side", test_views_side);
  g_test_add_func ("/atlas/geometry/valid", test_geometry_valid);
  g_test_add_func ("/atlas/geometry/no-overlap", test_geometry_no_overlap);
  g_test_add_func ("/atlas/hit-test/outside", test_hit_test_outside);
  g_test_add_func ("/atlas/hit-test/nearest", test_find_nearest);
  g_test_add_func ("/atlas/anchors/inside", test_anchors);
  g_test_add_func ("/atlas/anchors/load", test_anchors_load);
  g_test_add_func ("/path/numbers", test_path_numbers);
  g_test_add_func ("/atlas/load/errors", test_load_errors);
  g_test_add_func ("/path/parse", test_path_parse);
  g_test_add_func ("/path/rect-union", test_rect_union);
  g_test_add_func ("/atlas/compiled/default", test_compiled_default);
  g_test_add_func ("/atlas/compiled/byteswapped", test_compiled_byteswapped);
  g_test_add_func ("/atlas/compiled/errors", test_compiled_errors);

  /* One hit test per region and side: /atlas/hit-test/left-calf */
  atlas = bm_atlas_get_default ();
  for (guint i = 0; i < bm_atlas_get_n_regions (atlas); i++)
    {
      const BmRegion *region = bm_atlas_get_region (atlas, i);

      for (guint s = 0; s < G_N_ELEMENTS (bm_test_all_sides); s++)
        {
          HitCase *hc;
          g_autofree char *name = NULL;

          if (!bm_region_accepts_side (region, bm_test_all_sides[s]))
            continue;
          hc = g_new0 (HitCase, 1);
          hc->region = bm_region_get_id (region);
          hc->side = bm_test_all_sides[s];
          if (bm_test_all_sides[s] == BM_SIDE_CENTER)
            name = g_strdup_printf ("/atlas/hit-test/%s", hc->region);
          else
            name = g_strdup_printf ("/atlas/hit-test/%s-%s", bm_side_to_id (hc->side), hc->region);
          g_test_add_data_func_full (name, hc, test_hit_test_region, g_free);
        }
    }

  return g_test_run ();
}
