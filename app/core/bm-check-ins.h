/* bm-check-ins.h: check-ins the clients filled in at the clinic, waiting
 * in the library (LIBRARY/check-ins/) for the therapist to file them
 * (docs/file-format.md, "Check-ins")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bm-intake.h"
#include "bm-library.h"

G_BEGIN_DECLS

/* One check-in waiting */
typedef struct
{
  char    *path;
  char    *name;        /* as the client typed it; NULL when damaged */
  int      birth_year;  /* 0: not given */
  char    *email;
  gboolean complete;    /* FALSE: left unfinished (the screen reset for inactivity) */
  char    *submitted;   /* ISO 8601, as written; may be NULL */
  guint    n_marks;
  char    *error;       /* damaged: the one-line error; NULL otherwise */
} BmCheckIn;

void        bm_check_in_free       (BmCheckIn   *check_in);

/* LIBRARY/check-ins */
char       *bm_check_ins_dup_folder (BmLibrary  *library);

/* Writes @intake to the waiting list, labelled complete or incomplete with
 * the time now (the intake gets the label). Atomic, 0600 in a 0700
 * folder. @path: where it went. */
gboolean    bm_check_ins_submit    (BmLibrary   *library,
                                    BmIntake    *intake,
                                    gboolean     complete,
                                    char       **path,
                                    GError     **error);

/* Every check-in waiting, the oldest first; damaged ones with their error.
 * Sync conflict copies and temporaries are left out. */
GPtrArray  *bm_check_ins_list      (BmLibrary   *library,
                                    GError     **error);

/* How a check-in compares with the clients on file, for the therapist */
typedef struct
{
  const BmClient *client;    /* the client it matches, or NULL: a new client */
  gboolean        looks_off; /* matched, but something differs (see @reasons) */
  GStrv           reasons;   /* translated, one per difference */
} BmCheckInMatch;

void        bm_check_in_match_clear (BmCheckInMatch *match);

/* The client @intake matches (same name and birth year, or same email),
 * and whether the match looks off: another email, another birth year or a
 * very different name than on file */
void        bm_check_ins_match     (BmLibrary      *library,
                                    BmIntake       *intake,
                                    BmCheckInMatch *match);

/* Files the check-in at @path as a visit of @client_id (an existing
 * client) or, when NULL, of a new client, then takes it off the list.
 * @visit_path: the visit's file. Filing it twice files it once. */
gboolean    bm_check_ins_file      (BmLibrary   *library,
                                    const char  *path,
                                    const char  *client_id,
                                    char       **filed_client_id,
                                    char       **visit_path,
                                    GError     **error);

/* Takes the check-in at @path off the list without filing it */
gboolean    bm_check_ins_discard   (BmLibrary   *library,
                                    const char  *path,
                                    GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BmCheckIn, bm_check_in_free)

G_END_DECLS
