/* bm-outline-picker.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bm-intake.h"

G_BEGIN_DECLS

#define BM_TYPE_OUTLINE_PICKER (bm_outline_picker_get_type ())

G_DECLARE_FINAL_TYPE (BmOutlinePicker, bm_outline_picker, BM, OUTLINE_PICKER, GtkWidget)

/* The body outlines to choose from (bm_atlas_get_n_bodies()), each a
 * radio button with a picture of its figure, its name and a few words;
 * choosing one sets the intake's outline (an edit, undone like any
 * other). One under another; in touch mode side by side, larger, for a
 * finger. Without an intake, nothing can be chosen. */
GtkWidget      *bm_outline_picker_new         (void);
BmIntake       *bm_outline_picker_get_intake  (BmOutlinePicker *self);
void            bm_outline_picker_set_intake  (BmOutlinePicker *self,
                                               BmIntake        *intake);
gboolean        bm_outline_picker_get_touch   (BmOutlinePicker *self);
void            bm_outline_picker_set_touch   (BmOutlinePicker *self,
                                               gboolean         touch);
/* The radio button of outline @index */
GtkCheckButton *bm_outline_picker_get_button  (BmOutlinePicker *self,
                                               guint            index);

G_END_DECLS
