/* bm-marks-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bm-atlas.h"
#include "bm-body-map.h"
#include "bm-comparison.h"
#include "bm-intake.h"

G_BEGIN_DECLS

#define BM_TYPE_MARKS_LIST (bm_marks_list_get_type ())

G_DECLARE_FINAL_TYPE (BmMarksList, bm_marks_list, BM, MARKS_LIST, GtkWidget)

/* The marked regions, head to toe */
GtkWidget      *bm_marks_list_new          (void);
void            bm_marks_list_set_intake   (BmMarksList    *self,
                                            BmIntake       *intake);
const BmRegion *bm_marks_list_get_selected (BmMarksList    *self,
                                            BmSide         *side);
void            bm_marks_list_select       (BmMarksList    *self,
                                            const BmRegion *region,
                                            BmSide          side);
/* Compare mode: while @comparison compares the list's intake with an
 * earlier visit, each row says how its area changed ("6 → 4 · Better"),
 * and the areas marked then and not now are listed too */
void            bm_marks_list_set_comparison (BmMarksList  *self,
                                              BmComparison *comparison);
/* Keeps @self and @map on the same area both ways (what is selected in
 * one is selected in the other), and a row activated opens the map's
 * editor for its area; undone when either goes */
void            bm_marks_list_link_map     (BmMarksList    *self,
                                            BmBodyMap      *map);
guint           bm_marks_list_get_n_rows   (BmMarksList    *self);
GtkListBox     *bm_marks_list_get_list_box (BmMarksList    *self);

G_END_DECLS
