/* bm-check-in-form.h: check-in, step 2 — the client tells about
 * themselves in plain words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bm-intake.h"

G_BEGIN_DECLS

#define BM_TYPE_CHECK_IN_FORM (bm_check_in_form_get_type ())

G_DECLARE_FINAL_TYPE (BmCheckInForm, bm_check_in_form, BM, CHECK_IN_FORM, GtkWidget)

/* A form that writes every answer to @intake as it is given. It starts
 * empty: it never shows what @intake held before. */
GtkWidget *bm_check_in_form_new            (BmIntake      *intake);
BmIntake  *bm_check_in_form_get_intake     (BmCheckInForm *self);

/* Name and year of birth; with @need_consent, the consent too. When
 * something is missing, says what in plain words under it, moves the
 * keyboard focus there and returns FALSE. */
gboolean   bm_check_in_form_validate       (BmCheckInForm *self,
                                            gboolean       need_consent);
/* "None of these" is ticked for the health questions */
gboolean   bm_check_in_form_get_none_of_these (BmCheckInForm *self);
void       bm_check_in_form_set_none_of_these (BmCheckInForm *self,
                                               gboolean       none);
/* The check of a health question */
GtkCheckButton *bm_check_in_form_get_health_check (BmCheckInForm *self,
                                                   BmHealthFlags  flag);

/* Plain words, for the review */
const char *bm_check_in_phase_label        (BmPhase        phase);
const char *bm_check_in_pressure_label     (BmPressure     pressure);
const char *bm_check_in_health_label       (BmHealthFlags  flag);

G_END_DECLS
