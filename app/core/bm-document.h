/* bm-document.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bm-intake.h"
#include "bm-history.h"
#include "bm-library.h"
#include "bm-plan.h"

G_BEGIN_DECLS

#define BM_TYPE_DOCUMENT (bm_document_get_type ())

G_DECLARE_FINAL_TYPE (BmDocument, bm_document, BM, DOCUMENT, GObject)

/* How long after a change the plan is recomputed: a burst of changes (a
 * slider dragged) gives one plan */
#define BM_DOCUMENT_PLAN_DELAY_MS  60
/* Every change reaches the autosaved draft within this time */
#define BM_DOCUMENT_DRAFT_DELAY_MS 1000

/* The document being edited in a window, with no widget: the intake, the
 * file it belongs to (NULL until first saved), whether it has unsaved
 * changes, its autosaved draft (bm-draft.h) and the treatment plan the
 * advisor makes of it. Widgets observe it. */
BmDocument   *bm_document_new           (void);

BmIntake     *bm_document_get_intake    (BmDocument  *self);
/* Replaces the intake (the file stays); a modified intake gets a draft */
void          bm_document_set_intake    (BmDocument  *self,
                                         BmIntake    *intake);
GFile        *bm_document_get_file      (BmDocument  *self);
void          bm_document_set_file      (BmDocument  *self,
                                         GFile       *file);
/* The intake has changes that are not saved */
gboolean      bm_document_get_modified  (BmDocument  *self);

/* A new, empty intake with no file, and no draft */
void          bm_document_reset         (BmDocument  *self);
/* Reads @file (bm_intake_load_file()); on error the document is as it was */
gboolean      bm_document_load          (BmDocument  *self,
                                         GFile       *file,
                                         GError     **error);
#define BM_DOCUMENT_ERROR (bm_document_error_quark ())

typedef enum
{
  /* The file was changed by someone else since it was read or saved here */
  BM_DOCUMENT_ERROR_CHANGED,
} BmDocumentError;

GQuark        bm_document_error_quark   (void);

/* Saves to @file (bm_intake_save_file()), which becomes the document's
 * file; the draft is removed. On error nothing changes. Saving over the
 * document's own file fails with BM_DOCUMENT_ERROR_CHANGED when another
 * window or device saved it since it was read or saved here (its GIO
 * entity tag differs): then reload it, save elsewhere, or overwrite. */
gboolean      bm_document_save          (BmDocument  *self,
                                         GFile       *file,
                                         GError     **error);
/* As bm_document_save(), without the check */
gboolean      bm_document_overwrite     (BmDocument  *self,
                                         GFile       *file,
                                         GError     **error);
/* Takes the autosaved draft (and the file it belongs to) as the document */
gboolean      bm_document_restore_draft (BmDocument  *self,
                                         GError     **error);
/* Removes the draft, and forgets a draft write still to come */
void          bm_document_clear_draft   (BmDocument  *self);

/* The clinic library the document's visits belong to (NULL: none): with
 * it, a visit's plan learns from the client's earlier visits and says
 * what changed since the previous one (bm_advise_with_history()) */
void          bm_document_set_library   (BmDocument  *self,
                                         BmLibrary   *library);
/* Those earlier visits, oldest first; NULL when the document is not a
 * visit of the library */
const BmHistory *bm_document_get_earlier_visits (BmDocument *self);

/* The plan last made, computed at once the first time it is asked for
 * (nothing is computed before). After a change, the new plan comes
 * BM_DOCUMENT_PLAN_DELAY_MS later, with a notification of "plan". */
const BmPlan *bm_document_get_plan      (BmDocument  *self);
/* The plan of the intake as it is now, for printing and export: made at
 * once if a change is still waiting for the delay */
const BmPlan *bm_document_ensure_plan   (BmDocument  *self);

G_END_DECLS
