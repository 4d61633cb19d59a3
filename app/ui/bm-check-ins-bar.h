/* bm-check-ins-bar.h: the check-ins waiting in the library, on top of the
 * therapist's clients page, each filed as a visit once the therapist
 * confirms the client (bm-check-ins.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bm-library.h"

G_BEGIN_DECLS

#define BM_TYPE_CHECK_INS_BAR (bm_check_ins_bar_get_type ())
G_DECLARE_FINAL_TYPE (BmCheckInsBar, bm_check_ins_bar, BM, CHECK_INS_BAR, GtkWidget)

/* Signals: "filed" (const char *visit_path, const char *client_id) once a
 * check-in is a visit; "failed" (const char *message) with a one-line
 * error to show */

GtkWidget  *bm_check_ins_bar_new     (void);
/* Reads the waiting list of @library again (NULL: none); hidden when it is
 * empty */
void        bm_check_ins_bar_reload  (BmCheckInsBar *self,
                                      BmLibrary     *library);
guint       bm_check_ins_bar_get_n   (BmCheckInsBar *self);
/* Asks the therapist how to file the check-in at @path (the dialog a
 * row's File button opens); for tests, the dialog is returned */
GtkWidget  *bm_check_ins_bar_file    (BmCheckInsBar *self,
                                      const char    *path);

G_END_DECLS
