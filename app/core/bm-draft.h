/* bm-draft.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bm-intake.h"

G_BEGIN_DECLS

/* The autosaved copy of the document being edited, so that a crash or a
 * power cut loses at most a moment of work. It lives in the user's data
 * folder ($XDG_DATA_HOME/bodymap/drafts), private to the user. */

char      *bm_draft_dup_dir   (void);
/* Writes the draft atomically; @origin is the file the document belongs to
 * (NULL for a new, never saved document). */
gboolean   bm_draft_write     (BmIntake    *intake,
                               GFile       *origin,
                               GError     **error);
/* Reads the draft. NULL with G_IO_ERROR_NOT_FOUND when there is none; any
 * other error means the draft is damaged. */
BmIntake  *bm_draft_read      (GFile      **origin,
                               GDateTime  **saved,
                               GError     **error);
gboolean   bm_draft_exists    (void);
void       bm_draft_clear     (void);

G_END_DECLS
