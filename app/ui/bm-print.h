/* bm-print.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bm-intake.h"
#include "bm-library.h"
#include "bm-plan.h"

G_BEGIN_DECLS

/* Prints the treatment plan through the system print dialog (with its
 * preview). The pages are those of bm_plan_export_pdf(), laid out for the
 * chosen paper. The page setup (A4 or Letter from the locale at first) and
 * the print settings are remembered between runs. Errors are shown in a
 * dialog over @parent; @sent (may be NULL) is told when the pages went to
 * the printer. Returns at once; printing goes on in the background. */
/* Called over @parent when the pages went to @printer (NULL: unknown) */
typedef void (*BmPrintSentFunc) (GtkWindow  *parent,
                                 const char *printer);

void bm_print_plan (GtkWindow       *parent,
                    BmIntake        *intake,
                    const BmPlan    *plan,
                    BmPrintSentFunc  sent);
/* The same; when @intake is a visit of @library (may be NULL), the plan
 * has the progress chart of the client's visits up to this one */
void bm_print_plan_with_library (GtkWindow       *parent,
                                 BmIntake        *intake,
                                 const BmPlan    *plan,
                                 BmLibrary       *library,
                                 BmPrintSentFunc  sent);

/* Shows @pdf_path in the previewer (GtkSettings:gtk-print-preview-command,
 * or $BODYMAP_PREVIEW_COMMAND), with the print settings in @settings_path
 * (may be NULL). Both files are removed when the previewer exits, or at
 * once when it cannot be started: then a dialog over @parent says why, and
 * this returns FALSE. */
/* A new, empty file for the print preview: "preview-XXXXXX@suffix" in a
 * folder of the user's own (mode 0700, under the user's runtime folder,
 * which is emptied at logout), never in the shared temporary folder: the
 * plan is health data. Leftovers of earlier previews more than a day old
 * are removed first. Returns the path, or NULL with @error set. */
char    *bm_print_create_preview_file (const char  *suffix,
                                       GError     **error);

gboolean bm_print_show_preview (GtkWindow  *parent,
                                const char *pdf_path,
                                const char *settings_path);

G_END_DECLS
