/* bm-mark-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bm-atlas.h"
#include "bm-intake.h"

G_BEGIN_DECLS

#define BM_TYPE_MARK_EDITOR (bm_mark_editor_get_type ())

G_DECLARE_FINAL_TYPE (BmMarkEditor, bm_mark_editor, BM, MARK_EDITOR, GtkPopover)

/* A popover to edit one mark: severity, symptoms, note, unmark. Every
 * change goes straight to the intake (and its undo history). */
GtkWidget *bm_mark_editor_new      (void);
void       bm_mark_editor_edit     (BmMarkEditor   *self,
                                    BmIntake       *intake,
                                    const BmRegion *region,
                                    BmSide          side);
const BmRegion *bm_mark_editor_get_region (BmMarkEditor *self);
BmSide     bm_mark_editor_get_side (BmMarkEditor   *self);
/* Puts fewer symptom chips a line until the editor is at most @width
 * wide (the window's width), or one a line */
void       bm_mark_editor_fit_width (BmMarkEditor  *self,
                                     int            width);

/* For a finger: every target at least 44 px (the "touch" style class,
 * resources/style.css) */
void       bm_mark_editor_set_touch (BmMarkEditor  *self,
                                     gboolean       touch);
gboolean   bm_mark_editor_get_touch (BmMarkEditor  *self);

G_END_DECLS
