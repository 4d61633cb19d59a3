/* bm-path.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-path"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "bm-path.h"

#define CURVE_STEPS 16

struct _BmPath
{
  const BmPathElem *elems;
  guint             n_elems;
  /* One per element: how many points a curve is flattened to; NULL:
   * CURVE_STEPS for each (a warped path's short pieces need fewer) */
  const guint8     *steps;
  const BmPoint    *polygon;  /* flattened; subpaths joined */
  guint             n_points;
  const guint      *starts;   /* first polygon point of each subpath */
  guint             n_starts;
  /* The arrays above point into the compiled atlas's data (kept alive by
   * this reference), or are the path's own (NULL) */
  GVariant         *compiled;
  gpointer          owned_elems;  /* elems, when made for a compiled path */
  BmRect   bounds;
  double   anchor_x;
  double   anchor_y;
  gboolean anchor_valid;
  gboolean closed;
};

static void
skip_separators (const char **p)
{
  while (**p == ' ' || **p == ',' || **p == '\n' || **p == '\t' || **p == '\r')
    (*p)++;
}

/* Plain decimals ("-12.5") with at most 15 digits are read here: the
 * digits make an exact integer and dividing by an exact power of ten
 * rounds once, so the result is the one strtod gives, without its cost.
 * Anything else goes to g_ascii_strtod(). */
static gboolean
read_plain_decimal (const char **p,
                    double      *value)
{
  static const double powers[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
                                   1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
  const char *s = *p;
  gboolean negative = FALSE;
  guint64 digits = 0;
  guint n_digits = 0, n_fraction = 0;

  if (*s == '-' || *s == '+')
    negative = *s++ == '-';
  for (; g_ascii_isdigit (*s); s++, n_digits++)
    digits = digits * 10 + (guint64) (*s - '0');
  if (*s == '.')
    for (s++; g_ascii_isdigit (*s); s++, n_digits++, n_fraction++)
      digits = digits * 10 + (guint64) (*s - '0');
  if (n_digits == 0 || n_digits > 15 || *s == 'e' || *s == 'E' || *s == '.')
    return FALSE;

  *value = (double) digits / powers[n_fraction];
  if (negative)
    *value = -*value;
  *p = s;
  return TRUE;
}

static gboolean
read_number (const char **p,
             double      *value)
{
  char *end;

  skip_separators (p);
  if (**p == '\0' || g_ascii_isalpha (**p))
    return FALSE;
  if (read_plain_decimal (p, value))
    return TRUE;
  *value = g_ascii_strtod (*p, &end);
  if (end == *p || !isfinite (*value))
    return FALSE;
  *p = end;
  return TRUE;
}

static void
add_point (GArray *polygon,
           double  x,
           double  y)
{
  BmPoint pt = { x, y };

  g_array_append_val (polygon, pt);
}

/* The path takes @elems (BmPathElem) and @steps (guint8, or NULL) */
static void
take_elems (BmPath *path,
            GArray *elems,
            GArray *steps)
{
  path->n_elems = elems->len;
  path->elems = (const BmPathElem *) (gpointer) g_array_free (elems, FALSE);
  path->steps = steps ? (const guint8 *) g_array_free (steps, FALSE) : NULL;
}

/* How far the flattened outline may stray from the curve, in view units */
#define FLATNESS 0.05

/* How many straight pieces a curve from (x0, y0) is flattened to: as many
 * as keep the pieces within FLATNESS of the curve (a piece of a cubic
 * strays at most 3/4 of its control points' largest second difference
 * over the square of their number), at most CURVE_STEPS. A warped path
 * says its own. The atlas's short, gentle curves need three or four. */
static guint
curve_steps (const BmPath     *path,
             guint             elem,
             double            x0,
             double            y0)
{
  const BmPathElem *e = &path->elems[elem];
  double d1, d2;

  if (path->steps)
    return path->steps[elem];
  d1 = hypot (x0 - 2 * e->x[0] + e->x[1], y0 - 2 * e->y[0] + e->y[1]);
  d2 = hypot (e->x[0] - 2 * e->x[1] + e->x[2], e->y[0] - 2 * e->y[1] + e->y[2]);
  return CLAMP ((guint) ceil (sqrt (0.75 * MAX (d1, d2) / FLATNESS)), 2, CURVE_STEPS);
}

static void
flatten (BmPath *path)
{
  double cx = 0, cy = 0;
  guint n_points = 0;
  GArray *polygon, *starts;

  for (guint i = 0; i < path->n_elems; i++)
    {
      const BmPathElem *e = &path->elems[i];

      if (e->op == BM_PATH_CURVE)
        {
          n_points += curve_steps (path, i, cx, cy);
          cx = e->x[2];
          cy = e->y[2];
        }
      else if (e->op != BM_PATH_CLOSE)
        {
          n_points++;
          cx = e->x[0];
          cy = e->y[0];
        }
    }
  cx = cy = 0;
  /* Room for every point at once */
  polygon = g_array_sized_new (FALSE, FALSE, sizeof (BmPoint), n_points);
  starts = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < path->n_elems; i++)
    {
      const BmPathElem *e = &path->elems[i];

      switch (e->op)
        {
        case BM_PATH_MOVE:
          {
            guint start = polygon->len;
            g_array_append_val (starts, start);
          }
          G_GNUC_FALLTHROUGH;
        case BM_PATH_LINE:
          add_point (polygon, e->x[0], e->y[0]);
          cx = e->x[0];
          cy = e->y[0];
          break;

        case BM_PATH_CURVE:
          for (guint s = 1, n = curve_steps (path, i, cx, cy); s <= n; s++)
            {
              double t = (double) s / n;
              double u = 1 - t;
              double x = u*u*u*cx + 3*u*u*t*e->x[0] + 3*u*t*t*e->x[1] + t*t*t*e->x[2];
              double y = u*u*u*cy + 3*u*u*t*e->y[0] + 3*u*t*t*e->y[1] + t*t*t*e->y[2];
              add_point (polygon, x, y);
            }
          cx = e->x[2];
          cy = e->y[2];
          break;

        case BM_PATH_CLOSE:
        default:
          break;
        }
    }

  path->n_points = polygon->len;
  path->polygon = (const BmPoint *) (gpointer) g_array_free (polygon, FALSE);
  path->n_starts = starts->len;
  path->starts = (const guint *) (gpointer) g_array_free (starts, FALSE);
}

static double
distance_to_edges (const BmPath *path,
                   double        x,
                   double        y)
{
  double best = G_MAXDOUBLE;

  for (guint s = 0; s < path->n_starts; s++)
    {
      guint first = path->starts[s];
      guint end = s + 1 < path->n_starts ? path->starts[s + 1] : path->n_points;

      for (guint i = first; i < end; i++)
        {
          const BmPoint *a = &path->polygon[i];
          const BmPoint *b = &path->polygon[i + 1 < end ? i + 1 : first];
          double dx = b->x - a->x, dy = b->y - a->y;
          double len2 = dx * dx + dy * dy;
          double t = len2 > 0 ? ((x - a->x) * dx + (y - a->y) * dy) / len2 : 0;
          double px, py;

          t = CLAMP (t, 0, 1);
          px = a->x + t * dx - x;
          py = a->y + t * dy - y;
          best = MIN (best, px * px + py * py);
        }
    }

  return sqrt (best);
}

static void
compute_metrics (BmPath *path)
{
  double minx = G_MAXDOUBLE, miny = G_MAXDOUBLE, maxx = -G_MAXDOUBLE, maxy = -G_MAXDOUBLE;

  for (guint i = 0; i < path->n_points; i++)
    {
      const BmPoint *pt = &path->polygon[i];

      minx = MIN (minx, pt->x);
      miny = MIN (miny, pt->y);
      maxx = MAX (maxx, pt->x);
      maxy = MAX (maxy, pt->y);
    }

  path->bounds.x = minx;
  path->bounds.y = miny;
  path->bounds.width = maxx - minx;
  path->bounds.height = maxy - miny;
}

/* The interior point farthest from the edges: a coarse grid, then a finer
 * one around the best cell. Only needed for marked regions, so computed on
 * first use. */
static void
search_anchor (BmPath *path,
               double  x0,
               double  y0,
               double  width,
               double  height,
               guint   steps,
               double *best)
{
  for (guint gy = 1; gy < steps; gy++)
    for (guint gx = 1; gx < steps; gx++)
      {
        double x = x0 + width * gx / steps;
        double y = y0 + height * gy / steps;
        double d;

        if (!bm_path_contains (path, x, y))
          continue;
        d = distance_to_edges (path, x, y);
        if (d > *best)
          {
            *best = d;
            path->anchor_x = x;
            path->anchor_y = y;
          }
      }
}

static void
compute_anchor (BmPath *path)
{
  const BmRect *b = &path->bounds;
  double best = -1;

  path->anchor_x = b->x + b->width / 2;
  path->anchor_y = b->y + b->height / 2;
  path->anchor_valid = TRUE;

  if (!path->closed)
    return;

  search_anchor (path, b->x, b->y, b->width, b->height, 10, &best);
  if (best > 0)
    {
      double cw = b->width / 10, ch = b->height / 10;

      search_anchor (path, path->anchor_x - cw, path->anchor_y - ch, 2 * cw, 2 * ch, 8, &best);
    }
}

static BmPath *
path_new (void)
{
  return g_new0 (BmPath, 1);
}

static void
path_finish (BmPath *path)
{
  flatten (path);
  compute_metrics (path);
}

BmPath *
bm_path_parse (const char  *data,
               GError     **error)
{
  g_autoptr(BmPath) path = NULL;
  g_autoptr(GArray) elems = g_array_new (FALSE, FALSE, sizeof (BmPathElem));
  const char *p = data;
  double cx = 0, cy = 0;
  gboolean started = FALSE;

  g_return_val_if_fail (data != NULL, NULL);

  path = path_new ();

  for (;;)
    {
      BmPathElem e = { 0 };
      char cmd;
      guint n_points;

      skip_separators (&p);
      if (*p == '\0')
        break;

      cmd = *p++;
      switch (cmd)
        {
        case 'M': e.op = BM_PATH_MOVE; n_points = 1; break;
        case 'L': e.op = BM_PATH_LINE; n_points = 1; break;
        case 'C': e.op = BM_PATH_CURVE; n_points = 3; break;
        case 'Q': e.op = BM_PATH_CURVE; n_points = 2; break;
        case 'Z': e.op = BM_PATH_CLOSE; n_points = 0; break;
        default:
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "unsupported path command '%c' at offset %d",
                       cmd, (int) (p - data - 1));
          return NULL;
        }

      if (cmd != 'M' && !started)
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "path must start with M");
          return NULL;
        }
      started = TRUE;

      /* Repeated coordinate groups repeat the command (M continues as L) */
      do
        {
          double xs[3], ys[3];

          for (guint i = 0; i < n_points; i++)
            if (!read_number (&p, &xs[i]) || !read_number (&p, &ys[i]))
              {
                g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                             "expected a number at offset %d", (int) (p - data));
                return NULL;
              }

          if (cmd == 'Q')
            {
              /* Quadratic to cubic */
              e.x[0] = cx + 2.0 / 3.0 * (xs[0] - cx);
              e.y[0] = cy + 2.0 / 3.0 * (ys[0] - cy);
              e.x[1] = xs[1] + 2.0 / 3.0 * (xs[0] - xs[1]);
              e.y[1] = ys[1] + 2.0 / 3.0 * (ys[0] - ys[1]);
              e.x[2] = xs[1];
              e.y[2] = ys[1];
            }
          else
            for (guint i = 0; i < n_points; i++)
              {
                e.x[i] = xs[i];
                e.y[i] = ys[i];
              }

          if (n_points > 0)
            {
              cx = e.x[e.op == BM_PATH_CURVE ? 2 : 0];
              cy = e.y[e.op == BM_PATH_CURVE ? 2 : 0];
            }
          g_array_append_val (elems, e);
          if (e.op == BM_PATH_MOVE)
            e.op = BM_PATH_LINE;

          skip_separators (&p);
        }
      while (n_points > 0 && *p != '\0' && !g_ascii_isalpha (*p));

      if (cmd == 'Z')
        path->closed = TRUE;
    }

  if (elems->len < 2)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "path is empty");
      return NULL;
    }

  take_elems (path, g_steal_pointer (&elems), NULL);
  path_finish (path);

  return g_steal_pointer (&path);
}

BmPath *
bm_path_mirror (const BmPath *path,
                double        axis_x)
{
  BmPath *copy;
  BmPathElem *elems;
  BmPoint *polygon;

  g_return_val_if_fail (path != NULL, NULL);

  copy = path_new ();
  copy->closed = path->closed;
  elems = g_memdup2 (path->elems, path->n_elems * sizeof *elems);
  for (guint i = 0; i < path->n_elems; i++)
    for (guint j = 0; j < 3; j++)
      elems[i].x[j] = 2 * axis_x - elems[i].x[j];
  copy->elems = elems;
  copy->n_elems = path->n_elems;
  copy->steps = path->steps ? g_memdup2 (path->steps, path->n_elems) : NULL;
  /* The mirror image of the flattened outline is the flattened outline of
   * the mirror image: no need to flatten again */
  polygon = g_memdup2 (path->polygon, path->n_points * sizeof *polygon);
  for (guint i = 0; i < path->n_points; i++)
    polygon[i].x = 2 * axis_x - polygon[i].x;
  copy->polygon = polygon;
  copy->n_points = path->n_points;
  copy->starts = g_memdup2 (path->starts, path->n_starts * sizeof *path->starts);
  copy->n_starts = path->n_starts;
  compute_metrics (copy);

  return copy;
}

/* A cubic from (x0, y0) through the element's control points, cut at
 * @t: the first part in @first (its start is x0, y0), the rest in @rest */
static void
split_curve (double            x0,
             double            y0,
             const BmPathElem *e,
             double            t,
             BmPathElem       *first,
             BmPathElem       *rest)
{
  double ax = x0 + (e->x[0] - x0) * t, ay = y0 + (e->y[0] - y0) * t;
  double bx = e->x[0] + (e->x[1] - e->x[0]) * t, by = e->y[0] + (e->y[1] - e->y[0]) * t;
  double cx = e->x[1] + (e->x[2] - e->x[1]) * t, cy = e->y[1] + (e->y[2] - e->y[1]) * t;
  double abx = ax + (bx - ax) * t, aby = ay + (by - ay) * t;
  double bcx = bx + (cx - bx) * t, bcy = by + (cy - by) * t;
  double mx = abx + (bcx - abx) * t, my = aby + (bcy - aby) * t;

  *first = (BmPathElem) { BM_PATH_CURVE, { ax, abx, mx }, { ay, aby, my } };
  *rest = (BmPathElem) { BM_PATH_CURVE, { bcx, cx, e->x[2] }, { bcy, cy, e->y[2] } };
}

/* Pieces of at most this size, in view units, across and down: moving
 * the control points of a piece this small by a body's scale (which
 * changes by a few per cent over tens of units) puts the curve within
 * about 0.05 units of where the warp puts the points of the original */
#define WARP_PIECE_WIDTH  12.0
#define WARP_PIECE_HEIGHT 6.0

static void
append_warped_curve (GArray           *elems,
                     GArray           *all_steps,
                     double            x0,
                     double            y0,
                     const BmPathElem *curve,
                     BmPathWarpFunc    warp,
                     gpointer          user_data)
{
  double minx = x0, maxx = x0, miny = y0, maxy = y0;
  BmPathElem rest = *curve;
  guint8 steps;
  guint n;

  for (guint j = 0; j < 3; j++)
    {
      minx = MIN (minx, curve->x[j]);
      maxx = MAX (maxx, curve->x[j]);
      miny = MIN (miny, curve->y[j]);
      maxy = MAX (maxy, curve->y[j]);
    }
  n = (guint) CLAMP (ceil (MAX ((maxx - minx) / WARP_PIECE_WIDTH, (maxy - miny) / WARP_PIECE_HEIGHT)), 1, 32);
  /* The pieces together as many points as the curve had (at least 4
   * each): hit tests cost what they cost on the atlas's own shapes */
  steps = (guint8) MAX (4, (CURVE_STEPS + n - 1) / n);

  for (guint i = 0; i < n; i++)
    {
      BmPathElem piece;

      if (i + 1 < n)
        {
          BmPathElem next;

          /* What is left runs from i/n to 1: the next piece is its first 1/(n - i) */
          split_curve (x0, y0, &rest, 1.0 / (n - i), &piece, &next);
          x0 = piece.x[2];
          y0 = piece.y[2];
          rest = next;
        }
      else
        piece = rest;

      for (guint j = 0; j < 3; j++)
        warp (&piece.x[j], &piece.y[j], user_data);
      g_array_append_val (elems, piece);
      g_array_append_val (all_steps, steps);
    }
}

/* A line warped is a curve: the same line as a cubic first */
static void
append_warped_line (GArray         *elems,
                    GArray         *steps,
                    double          x0,
                    double          y0,
                    double          x1,
                    double          y1,
                    BmPathWarpFunc  warp,
                    gpointer        user_data)
{
  BmPathElem curve = { BM_PATH_CURVE,
                       { x0 + (x1 - x0) / 3, x0 + (x1 - x0) * 2 / 3, x1 },
                       { y0 + (y1 - y0) / 3, y0 + (y1 - y0) * 2 / 3, y1 } };

  append_warped_curve (elems, steps, x0, y0, &curve, warp, user_data);
}

BmPath *
bm_path_warp (const BmPath   *path,
              BmPathWarpFunc  warp,
              gpointer        user_data)
{
  BmPath *copy;
  GArray *elems, *steps;
  double cx = 0, cy = 0, sx = 0, sy = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (warp != NULL, NULL);

  copy = path_new ();
  copy->closed = path->closed;
  elems = g_array_new (FALSE, FALSE, sizeof (BmPathElem));
  steps = g_array_new (FALSE, FALSE, sizeof (guint8));

  for (guint i = 0; i < path->n_elems; i++)
    {
      const BmPathElem *e = &path->elems[i];
      BmPathElem out = *e;
      const guint8 one = 1;

      switch (e->op)
        {
        case BM_PATH_MOVE:
          cx = sx = e->x[0];
          cy = sy = e->y[0];
          warp (&out.x[0], &out.y[0], user_data);
          g_array_append_val (elems, out);
          g_array_append_val (steps, one);
          break;

        case BM_PATH_LINE:
          append_warped_line (elems, steps, cx, cy, e->x[0], e->y[0], warp, user_data);
          cx = e->x[0];
          cy = e->y[0];
          break;

        case BM_PATH_CURVE:
          append_warped_curve (elems, steps, cx, cy, e, warp, user_data);
          cx = e->x[2];
          cy = e->y[2];
          break;

        case BM_PATH_CLOSE:
        default:
          /* The line back to the start, which closing draws, bends too */
          if (cx != sx || cy != sy)
            append_warped_line (elems, steps, cx, cy, sx, sy, warp, user_data);
          g_array_append_val (elems, out);
          g_array_append_val (steps, one);
          break;
        }
    }

  take_elems (copy, elems, steps);
  path_finish (copy);
  return copy;
}

GVariant *
bm_path_to_variant (const BmPath *path)
{
  GVariantBuilder elems, polygon, starts;
  GVariant *steps = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  /* Member by member, not the structs' bytes: their padding would make
   * the compiled atlas differ from build to build */
  g_variant_builder_init (&elems, G_VARIANT_TYPE ("a(idddddd)"));
  for (guint i = 0; i < path->n_elems; i++)
    {
      const BmPathElem *e = &path->elems[i];

      g_variant_builder_add (&elems, "(idddddd)", (gint32) e->op,
                             e->x[0], e->x[1], e->x[2], e->y[0], e->y[1], e->y[2]);
    }
  g_variant_builder_init (&polygon, G_VARIANT_TYPE ("a(dd)"));
  for (guint i = 0; i < path->n_points; i++)
    {
      const BmPoint *pt = &path->polygon[i];

      g_variant_builder_add (&polygon, "(dd)", pt->x, pt->y);
    }
  g_variant_builder_init (&starts, G_VARIANT_TYPE ("au"));
  for (guint i = 0; i < path->n_starts; i++)
    g_variant_builder_add (&starts, "u", path->starts[i]);
  if (path->steps != NULL)
    steps = g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, path->steps, path->n_elems, 1);

  return g_variant_new ("(ba(idddddd)a(dd)au@may)", path->closed, &elems, &polygon, &starts,
                        g_variant_new_maybe (G_VARIANT_TYPE_BYTESTRING, steps));
}

/* The members of @array, a GVariant array of fixed-size members laid out
 * as C lays out @size-byte structs, where they are (no copy) */
static gconstpointer
fixed_members (GVariant *array,
               gsize     size,
               guint    *n_members)
{
  gsize n = 0;
  gconstpointer data = g_variant_get_fixed_array (array, &n, size);

  *n_members = (guint) n;
  return n > 0 && n <= G_MAXUINT ? data : NULL;
}

BmPath *
bm_path_new_from_variant (GVariant *variant)
{
  g_autoptr(BmPath) path = NULL;
  g_autoptr(GVariant) closed = NULL;
  g_autoptr(GVariant) elems = NULL;
  g_autoptr(GVariant) polygon = NULL;
  g_autoptr(GVariant) starts = NULL;
  g_autoptr(GVariant) maybe_steps = NULL;
  g_autoptr(GVariant) steps = NULL;

  g_return_val_if_fail (g_variant_is_of_type (variant, G_VARIANT_TYPE (BM_PATH_VARIANT_TYPE)), NULL);

  path = path_new ();
  path->compiled = g_variant_ref_sink (variant);
  /* The arrays are read where they lie in the serialised data, which
   * the path keeps; a value made in memory is serialised first */
  g_variant_get_data (variant);
  closed = g_variant_get_child_value (variant, 0);
  elems = g_variant_get_child_value (variant, 1);
  polygon = g_variant_get_child_value (variant, 2);
  starts = g_variant_get_child_value (variant, 3);
  maybe_steps = g_variant_get_child_value (variant, 4);
  path->closed = g_variant_get_boolean (closed);

  /* GVariant aligns doubles to 8 bytes, as x86-64 and ARM do in structs:
   * (idddddd) is then a BmPathElem */
  if (sizeof (BmPathElem) == 56)
    path->elems = fixed_members (elems, sizeof (BmPathElem), &path->n_elems);
  else
    {
      GVariantIter iter;
      BmPathElem *all;
      gint32 op;

      path->n_elems = g_variant_iter_init (&iter, elems);
      path->elems = path->owned_elems = all = g_new (BmPathElem, path->n_elems);
      for (BmPathElem *e = all;
           g_variant_iter_next (&iter, "(idddddd)", &op, &e->x[0], &e->x[1], &e->x[2], &e->y[0], &e->y[1], &e->y[2]);
           e++)
        e->op = (BmPathOp) op;
    }
  path->polygon = fixed_members (polygon, sizeof (BmPoint), &path->n_points);
  path->starts = fixed_members (starts, sizeof (guint), &path->n_starts);
  if ((steps = g_variant_get_maybe (maybe_steps)) != NULL)
    {
      guint n_steps;

      path->steps = fixed_members (steps, 1, &n_steps);
      if (path->steps == NULL || n_steps != path->n_elems)
        return NULL;
    }

  /* What the code that reads them takes for granted */
  if (path->elems == NULL || path->n_elems < 2 || path->polygon == NULL || path->starts == NULL)
    return NULL;
  for (guint i = 0; i < path->n_starts; i++)
    if (path->starts[i] >= path->n_points || (i > 0 && path->starts[i] < path->starts[i - 1]))
      return NULL;
  for (guint i = 0; i < path->n_elems; i++)
    if ((guint) path->elems[i].op > BM_PATH_CLOSE)
      return NULL;
  compute_metrics (path);

  return g_steal_pointer (&path);
}

void
bm_path_free (BmPath *path)
{
  if (path == NULL)
    return;

  if (path->compiled != NULL)
    {
      g_free (path->owned_elems);
      g_variant_unref (path->compiled);
    }
  else
    {
      g_free ((gpointer) path->elems);
      g_free ((gpointer) path->steps);
      g_free ((gpointer) path->polygon);
      g_free ((gpointer) path->starts);
    }
  g_free (path);
}

guint
bm_path_get_n_elems (const BmPath *path)
{
  return path->n_elems;
}

const BmPathElem *
bm_path_get_elems (const BmPath *path)
{
  return path->elems;
}

gboolean
bm_path_is_closed (const BmPath *path)
{
  return path->closed;
}

void
bm_rect_union (const BmRect *a,
               const BmRect *b,
               BmRect       *result)
{
  double x0 = MIN (a->x, b->x);
  double y0 = MIN (a->y, b->y);
  double x1 = MAX (a->x + a->width, b->x + b->width);
  double y1 = MAX (a->y + a->height, b->y + b->height);

  *result = (BmRect) { x0, y0, x1 - x0, y1 - y0 };
}

const BmRect *
bm_path_get_bounds (const BmPath *path)
{
  return &path->bounds;
}

double
bm_path_distance_to_edge (const BmPath *path,
                          double        x,
                          double        y)
{
  g_return_val_if_fail (path != NULL, 0);

  return path->n_points ? distance_to_edges (path, x, y) : 0;
}

gboolean
bm_path_contains (const BmPath *path,
                  double        x,
                  double        y)
{
  gboolean inside = FALSE;

  if (x < path->bounds.x || y < path->bounds.y ||
      x > path->bounds.x + path->bounds.width ||
      y > path->bounds.y + path->bounds.height)
    return FALSE;

  for (guint s = 0; s < path->n_starts; s++)
    {
      guint first = path->starts[s];
      guint end = s + 1 < path->n_starts ? path->starts[s + 1] : path->n_points;
      const BmPoint *pts = path->polygon;

      for (guint i = first, j = end - 1; i < end; j = i++)
        if (((pts[i].y > y) != (pts[j].y > y)) &&
            (x < (pts[j].x - pts[i].x) * (y - pts[i].y) / (pts[j].y - pts[i].y) + pts[i].x))
          inside = !inside;
    }

  return inside;
}

void
bm_path_get_anchor (const BmPath *path,
                    double       *x,
                    double       *y)
{
  if (!path->anchor_valid)
    compute_anchor ((BmPath *) path);
  *x = path->anchor_x;
  *y = path->anchor_y;
}

double
bm_path_get_area (const BmPath *path)
{
  double area = 0;

  for (guint s = 0; s < path->n_starts; s++)
    {
      guint first = path->starts[s];
      guint end = s + 1 < path->n_starts ? path->starts[s + 1] : path->n_points;
      const BmPoint *pts = path->polygon;

      for (guint i = first, j = end - 1; i < end; j = i++)
        area += (pts[j].x + pts[i].x) * (pts[j].y - pts[i].y);
    }

  return fabs (area) / 2;
}
