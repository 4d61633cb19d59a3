/* bm-plan-document.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "bm-history.h"
#include "bm-intake.h"
#include "bm-plan.h"

G_BEGIN_DECLS

/* The printable treatment plan: one renderer for print, print preview and
 * PDF. The document is laid out and paginated when it is created; drawing a
 * page only paints. Units are points (1/72 inch), origin at the top-left
 * corner of the paper; the document keeps its own margins. */

#define BM_PLAN_DOCUMENT_ERROR (bm_plan_document_error_quark ())

typedef enum
{
  BM_PLAN_DOCUMENT_ERROR_WRITE,   /* the file could not be written */
  BM_PLAN_DOCUMENT_ERROR_RENDER,  /* cairo could not produce the PDF */
} BmPlanDocumentError;

typedef struct _BmPlanDocument BmPlanDocument;

GQuark           bm_plan_document_error_quark           (void);

/* A4, or US Letter when the locale's paper (LC_PAPER) is letter; points */
void             bm_plan_document_get_default_page_size (double          *width,
                                                         double          *height);

/* Keeps a reference on @intake and a copy of @plan */
BmPlanDocument  *bm_plan_document_new                   (BmIntake        *intake,
                                                         const BmPlan    *plan,
                                                         double           page_width,
                                                         double           page_height);
/* The same, and with @history (may be NULL; nothing is kept of it) of
 * two or more visits with marks, the "Since the last visit" section has
 * the progress chart and its table. The history should end with this
 * visit. */
BmPlanDocument  *bm_plan_document_new_with_history      (BmIntake        *intake,
                                                         const BmPlan    *plan,
                                                         const BmHistory *history,
                                                         double           page_width,
                                                         double           page_height);
void             bm_plan_document_free                  (BmPlanDocument  *self);

guint            bm_plan_document_get_n_pages           (BmPlanDocument  *self);
/* @cr in points, its origin at the page's top-left corner; @page from 0 */
void             bm_plan_document_draw_page             (BmPlanDocument  *self,
                                                         cairo_t         *cr,
                                                         guint            page);

/* "Treatment plan — Jamie Rivers — 2026-11-23": PDF title and print job name */
char            *bm_plan_document_dup_title             (const BmPlan    *plan);

/* Writes the plan as a PDF at the default page size. The file is replaced
 * atomically (a temporary file in the same folder, synced, then renamed)
 * and is private to the user (mode 0600). On failure nothing is left
 * behind and the message names the file ("out.pdf: could not write: …"). */
gboolean         bm_plan_export_pdf                     (BmIntake        *intake,
                                                         const BmPlan    *plan,
                                                         GFile           *out,
                                                         GError         **error);

/* The same, with the progress chart of @history (may be NULL) */
gboolean         bm_plan_export_pdf_with_history        (BmIntake        *intake,
                                                         const BmPlan    *plan,
                                                         const BmHistory *history,
                                                         GFile           *out,
                                                         GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BmPlanDocument, bm_plan_document_free)

G_END_DECLS
