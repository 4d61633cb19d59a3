/* bm-print.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bm-intake.h"
#include "bm-plan.h"

G_BEGIN_DECLS

/* Prints the treatment plan through the system print dialog (with its
 * preview). The pages are those of bm_plan_export_pdf(), laid out for the
 * chosen paper. The page setup (A4 or Letter from the locale at first) and
 * the print settings are remembered between runs. Errors are shown in a
 * dialog over @parent. Returns at once; printing goes on in the background. */
void bm_print_plan (GtkWindow    *parent,
                    BmIntake     *intake,
                    const BmPlan *plan);

G_END_DECLS
