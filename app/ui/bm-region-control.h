/* bm-region-control.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bm-atlas.h"
#include "bm-mark.h"
#include "bm-progress.h"

G_BEGIN_DECLS

#define BM_TYPE_REGION_CONTROL (bm_region_control_get_type ())

G_DECLARE_FINAL_TYPE (BmRegionControl, bm_region_control, BM, REGION_CONTROL, GtkWidget)

/* An invisible, focusable stand-in for one region and side of the body
 * map: keyboard focus and the screen reader's check box. */
GtkWidget      *bm_region_control_new        (const BmRegion  *region,
                                              BmSide           side);
const BmRegion *bm_region_control_get_region (BmRegionControl *self);
BmSide          bm_region_control_get_side   (BmRegionControl *self);
/* Updates the accessible state from the mark (NULL: unmarked) */
void            bm_region_control_set_mark   (BmRegionControl *self,
                                              const BmMark    *mark);
/* Compare mode: how the area changed since the visit of @date
 * ("YYYY-MM-DD"), said before the mark; NULL @area: no change to tell
 * (not comparing, or marked at neither visit) */
void            bm_region_control_set_change (BmRegionControl      *self,
                                              const BmProgressArea *area,
                                              const char           *date);
/* What the screen reader says after the name (for tests) */
const char     *bm_region_control_get_description (BmRegionControl *self);

G_END_DECLS
