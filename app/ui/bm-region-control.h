/* bm-region-control.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bm-atlas.h"
#include "bm-mark.h"

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

G_END_DECLS
