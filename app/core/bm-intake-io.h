/* bm-intake-io.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bm-intake.h"

G_BEGIN_DECLS

#define BM_INTAKE_ERROR (bm_intake_error_quark ())

typedef enum
{
  BM_INTAKE_ERROR_SYNTAX,         /* not valid JSON (position in the message) */
  BM_INTAKE_ERROR_NOT_INTAKE,     /* JSON, but not a Body Map intake */
  BM_INTAKE_ERROR_NEWER_VERSION,  /* made by a newer Body Map */
  BM_INTAKE_ERROR_INVALID,        /* a field breaks a rule (field in the message) */
  BM_INTAKE_ERROR_TOO_LARGE,      /* over 1 MiB or over 200 marks */
  BM_INTAKE_ERROR_IO,             /* could not read or write the file */
} BmIntakeError;

#define BM_INTAKE_FORMAT          "bodymap-intake"
/* The newest version read. Version 1: a file of its own; version 2: a
 * visit filed in a clinic library, with "client_id" and "visit_id". A
 * linked intake is written as version 2, any other as version 1. */
#define BM_INTAKE_VERSION         2
#define BM_INTAKE_MAX_FILE_SIZE   (1024 * 1024)
#define BM_INTAKE_MAX_MARKS       200

GQuark     bm_intake_error_quark (void);

/* Reads and validates an intake file (docs/file-format.md). Every error
 * message is one translated line that starts with "@display_name: " (or
 * with nothing when @display_name is NULL). The loaded intake keeps the
 * parsed tree as its source, has no undo history and is not modified. */
BmIntake  *bm_intake_load_bytes  (GBytes      *bytes,
                                  const char  *display_name,
                                  GError     **error);
/* As bm_intake_load_bytes(), for the app's own autosaved drafts: the same
 * rules, but the intake may be unfinished (no client name yet). */
BmIntake  *bm_intake_load_draft_bytes (GBytes      *bytes,
                                       const char  *display_name,
                                       GError     **error);
/* As bm_intake_load_bytes(), named after the file's basename; refuses
 * anything that is not a regular file, and files over 1 MiB before
 * reading them. */
BmIntake  *bm_intake_load_file   (GFile       *file,
                                  GError     **error);

/* The file's bytes: pretty-printed UTF-8 JSON, 2-space indent, trailing
 * newline (bm-json-writer.h), known keys in the order of
 * docs/file-format.md followed by the unknown keys of the source at the
 * same level. Saving what was loaded from bytes this function wrote gives
 * the same bytes. */
GBytes    *bm_intake_save_bytes  (BmIntake    *intake);
/* Atomic save: the file is either replaced whole or left as it was. The
 * new file is private to the user (mode 0600). Refuses to write what
 * bm_intake_load_bytes() would refuse ("could not save: client.name: must
 * not be empty", or over 1 MiB, which only unknown keys kept from the source
 * can cause). On success the saved tree becomes the intake's source and the
 * modified flag is cleared. */
gboolean   bm_intake_save_file   (BmIntake    *intake,
                                  GFile       *file,
                                  GError     **error);

G_END_DECLS
