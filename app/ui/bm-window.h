/* bm-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bm-document.h"
#include "bm-library.h"
#include "bm-intake.h"

G_BEGIN_DECLS

#define BM_TYPE_WINDOW (bm_window_get_type ())

G_DECLARE_FINAL_TYPE (BmWindow, bm_window, BM, WINDOW, AdwApplicationWindow)

BmWindow  *bm_window_new        (GtkApplication *application);
/* The document shown: its file, intake, unsaved state, draft and plan */
BmDocument *bm_window_get_document (BmWindow    *self);
BmIntake  *bm_window_get_intake (BmWindow       *self);
void       bm_window_set_intake (BmWindow       *self,
                                 BmIntake       *intake);
GFile     *bm_window_get_file   (BmWindow       *self);
/* Opens @file, after asking about unsaved changes */
void       bm_window_open       (BmWindow       *self,
                                 GFile          *file);
/* Offers to restore the autosaved draft of a session that ended without
 * saving; says so when the draft is damaged */
void       bm_window_offer_draft (BmWindow      *self);
GtkWidget *bm_window_get_body_map   (BmWindow   *self);
GtkWidget *bm_window_get_marks_list (BmWindow   *self);
GtkWidget *bm_window_get_plan_view  (BmWindow   *self);
GtkWidget *bm_window_get_intake_form (BmWindow  *self);

/* The clinic library the window shows (NULL: none); the window takes
 * its own reference. By default the window uses the one --library or the
 * preferences name, once the window is up. */
void       bm_window_set_library    (BmWindow      *self,
                                     BmLibrary     *library);
BmLibrary *bm_window_get_library    (BmWindow      *self);

G_END_DECLS
