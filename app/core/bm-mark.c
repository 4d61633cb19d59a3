/* bm-mark.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bm-mark.h"

G_DEFINE_BOXED_TYPE (BmMark, bm_mark, bm_mark_copy, bm_mark_free)

BmMark *
bm_mark_new (const char *region,
             BmSide      side,
             int         severity,
             BmSymptoms  symptoms,
             const char *note)
{
  BmMark *mark;

  g_return_val_if_fail (region != NULL, NULL);

  mark = g_new0 (BmMark, 1);
  mark->region = g_strdup (region);
  mark->side = side;
  mark->severity = CLAMP (severity, 0, BM_SEVERITY_MAX);
  mark->symptoms = symptoms;
  mark->note = (note && *note) ? g_strdup (note) : NULL;

  return mark;
}

BmMark *
bm_mark_copy (const BmMark *mark)
{
  g_return_val_if_fail (mark != NULL, NULL);

  return bm_mark_new (mark->region, mark->side, mark->severity,
                      mark->symptoms, mark->note);
}

void
bm_mark_free (BmMark *mark)
{
  if (mark == NULL)
    return;

  g_free (mark->region);
  g_free (mark->note);
  g_free (mark);
}

gboolean
bm_mark_equal (const BmMark *a,
               const BmMark *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return g_strcmp0 (a->region, b->region) == 0 &&
         a->side == b->side &&
         a->severity == b->severity &&
         a->symptoms == b->symptoms &&
         g_strcmp0 (a->note ? a->note : "", b->note ? b->note : "") == 0;
}
