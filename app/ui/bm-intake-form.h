/* bm-intake-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bm-intake.h"

G_BEGIN_DECLS

#define BM_TYPE_INTAKE_FORM (bm_intake_form_get_type ())

G_DECLARE_FINAL_TYPE (BmIntakeForm, bm_intake_form, BM, INTAKE_FORM, GtkWidget)

/* The client's part of the intake (about you, running, pressure, health,
 * areas to avoid, goals), edited in place: every edit is written to the
 * document at once and the form follows the document's changes. It has no
 * scrolled window or outer margins of its own. */
GtkWidget *bm_intake_form_new        (void);
BmIntake  *bm_intake_form_get_intake (BmIntakeForm *self);
void       bm_intake_form_set_intake (BmIntakeForm *self,
                                      BmIntake     *intake);

G_END_DECLS
