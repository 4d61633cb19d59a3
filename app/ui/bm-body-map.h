/* bm-body-map.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bm-atlas.h"
#include "bm-comparison.h"
#include "bm-intake.h"
#include "bm-map-renderer.h"

G_BEGIN_DECLS

#define BM_TYPE_BODY_MAP (bm_body_map_get_type ())

G_DECLARE_FINAL_TYPE (BmBodyMap, bm_body_map, BM, BODY_MAP, GtkWidget)

#define BM_BODY_MAP_DEFAULT_SEVERITY 5
/* A tap this close to an area's outline (logical pixels, on screen:
 * about a finger's width, 7 mm) is a tap on it, in touch mode or from a
 * touch screen */
#define BM_BODY_MAP_SNAP_DISTANCE 26
/* The most the map zooms in */
#define BM_BODY_MAP_ZOOM_MAX 4.0

GtkWidget      *bm_body_map_new              (void);
BmIntake       *bm_body_map_get_intake       (BmBodyMap       *self);
void            bm_body_map_set_intake       (BmBodyMap       *self,
                                              BmIntake        *intake);

/* The selected region (NULL: none) */
const BmRegion *bm_body_map_get_selected     (BmBodyMap       *self,
                                              BmSide          *side);
void            bm_body_map_select           (BmBodyMap       *self,
                                              const BmRegion  *region,
                                              BmSide           side);
/* Marks the region when needed and opens its editor */
void            bm_body_map_edit             (BmBodyMap       *self,
                                              const BmRegion  *region,
                                              BmSide           side);
/* The focusable control standing for a region and side */
GtkWidget      *bm_body_map_get_control      (BmBodyMap       *self,
                                              const BmRegion  *region,
                                              BmSide           side);
/* A point well inside the region in @view, in widget coordinates */
gboolean        bm_body_map_get_region_point (BmBodyMap       *self,
                                              const BmRegion  *region,
                                              BmSide           side,
                                              BmView           view,
                                              double          *x,
                                              double          *y);
GtkPopover     *bm_body_map_get_editor       (BmBodyMap       *self);

/* Compare mode: while @comparison compares today's visit (the map's
 * intake) with an earlier one, the map shows how each area changed, and,
 * where the width allows, the earlier visit's map beside it */
void            bm_body_map_set_comparison   (BmBodyMap       *self,
                                              BmComparison    *comparison);
gboolean        bm_body_map_get_comparing    (BmBodyMap       *self);
/* The earlier visit's map beside this one; NULL when it is not shown
 * (not comparing, or too narrow) */
BmBodyMap      *bm_body_map_get_earlier_map  (BmBodyMap       *self);
/* A map that only shows its intake: no marking, no keyboard focus */
void            bm_body_map_set_editable     (BmBodyMap       *self,
                                              gboolean         editable);

void            bm_map_style_init_for_widget (BmMapStyle      *style,
                                              GtkWidget       *widget);

/* The name shown in a label beside the map: the area under the pointer,
 * else the area with the keyboard focus ("Left calf · 6/10" when marked);
 * NULL when none */
char          *bm_body_map_dup_shown_label (BmBodyMap *self);

/* Touch (check-in on a tablet): a tap within BM_BODY_MAP_SNAP_DISTANCE
 * of an area marks it; zoom buttons in the map's corner; the mark
 * editor's targets at least 44 px (its "touch" style class). Off by
 * default: a mouse's click beside an area marks nothing, unless it comes
 * from a touch screen. */
void            bm_body_map_set_touch_mode   (BmBodyMap       *self,
                                              gboolean         touch_mode);
gboolean        bm_body_map_get_touch_mode   (BmBodyMap       *self);

/* Zoom, 1 to BM_BODY_MAP_ZOOM_MAX, also by pinching, Ctrl+wheel and
 * Ctrl+plus, Ctrl+minus and Ctrl+0 in the map; zoomed in, a drag or the
 * wheel pans. The widget actions "map.zoom-in", "map.zoom-out" and
 * "map.zoom-reset" are enabled when they can act. */
double          bm_body_map_get_zoom         (BmBodyMap       *self);
/* About the centre of the map */
void            bm_body_map_set_zoom         (BmBodyMap       *self,
                                              double           zoom);
void            bm_body_map_zoom_in          (BmBodyMap       *self);
void            bm_body_map_zoom_out         (BmBodyMap       *self);
void            bm_body_map_zoom_reset       (BmBodyMap       *self);
/* Zooms to @zoom with the region (in its main view) in the middle:
 * "show me the feet" */
void            bm_body_map_zoom_to_region   (BmBodyMap       *self,
                                              const BmRegion  *region,
                                              BmSide           side,
                                              double           zoom);

G_END_DECLS
