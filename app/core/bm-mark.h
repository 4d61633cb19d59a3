/* bm-mark.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bm-types.h"

G_BEGIN_DECLS

#define BM_TYPE_MARK (bm_mark_get_type ())

/* One marked region on one side: what the client reported there. */
typedef struct
{
  char       *region;    /* atlas id, e.g. "calf" */
  BmSide      side;
  int         severity;  /* 0-10 */
  BmSymptoms  symptoms;
  char       *note;      /* may be NULL */
} BmMark;

GType     bm_mark_get_type (void) G_GNUC_CONST;
BmMark   *bm_mark_new      (const char   *region,
                            BmSide        side,
                            int           severity,
                            BmSymptoms    symptoms,
                            const char   *note);
BmMark   *bm_mark_copy     (const BmMark *mark);
void      bm_mark_free     (BmMark       *mark);
gboolean  bm_mark_equal    (const BmMark *a,
                            const BmMark *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BmMark, bm_mark_free)

G_END_DECLS
