/* bm-outline-button.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bm-intake.h"

G_BEGIN_DECLS

#define BM_TYPE_OUTLINE_BUTTON (bm_outline_button_get_type ())

G_DECLARE_FINAL_TYPE (BmOutlineButton, bm_outline_button, BM, OUTLINE_BUTTON, GtkWidget)

/* Over the map: "Outline: Wider hips", a menu button whose popover
 * picks the intake's body outline (BmOutlinePicker, made when first
 * opened) */
GtkWidget     *bm_outline_button_new          (void);
BmIntake      *bm_outline_button_get_intake   (BmOutlineButton *self);
void           bm_outline_button_set_intake   (BmOutlineButton *self,
                                               BmIntake        *intake);
GtkMenuButton *bm_outline_button_get_menu_button (BmOutlineButton *self);

G_END_DECLS
