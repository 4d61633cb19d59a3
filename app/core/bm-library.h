/* bm-library.h: a clinic's records, every visit of every client, in a
 * folder of plain files (docs/file-format.md, "The library")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bm-intake.h"

G_BEGIN_DECLS

#define BM_LIBRARY_ERROR (bm_library_error_quark ())

typedef enum
{
  BM_LIBRARY_ERROR_LOCATION,   /* the folder cannot be used (not a folder, no local path) */
  BM_LIBRARY_ERROR_READ_ONLY,  /* it can be read, not written */
  BM_LIBRARY_ERROR_IO,         /* reading or writing failed */
  BM_LIBRARY_ERROR_NO_CLIENT,  /* no client with that id */
  BM_LIBRARY_ERROR_NO_VISIT,   /* the client has no readable visit */
} BmLibraryError;

/* One visit file of a client, as listed: enough to show it without
 * reading the whole intake again */
typedef struct
{
  char    *path;
  char    *visit_id;     /* the file's name without ".bodymap" */
  char    *date;         /* YYYY-MM-DD; NULL when damaged */
  char    *next_race;    /* YYYY-MM-DD as given at that visit; NULL: none */
  GStrv    areas;        /* "calf:left:6", head to toe as marked; empty when none */
  int      session_minutes; /* as the therapist set it; 0: the advisor's */
  char    *error;        /* damaged: the one-line error; NULL otherwise */
} BmVisitInfo;

/* One client: the folder named by the client's id */
typedef struct
{
  char      *id;
  char      *dir;
  char      *name;         /* NULL when client.json is damaged */
  int        birth_year;   /* 0: unknown */
  char      *email;
  char      *phone;
  GPtrArray *visits;       /* BmVisitInfo*, oldest first; damaged ones last */
  GPtrArray *conflicts;    /* paths of sync-tool conflict copies in the folder */
  char      *error;        /* client.json damaged: the one-line error */
} BmClient;

#define BM_TYPE_LIBRARY (bm_library_get_type ())
G_DECLARE_FINAL_TYPE (BmLibrary, bm_library, BM, LIBRARY, GObject)

GQuark         bm_library_error_quark     (void);

/* "Body Map" in the user's documents folder */
char          *bm_library_dup_default_path (void);

/* The library at @location (a path or a GIO location with a local path,
 * as GVfs gives network shares); nothing is read or created yet. NULL
 * with @error set when the location has no local path. */
BmLibrary     *bm_library_new             (GFile        *location,
                                           GError      **error);
const char    *bm_library_get_path        (BmLibrary    *self);

/* Creates the library's folders (mode 0700) when they are missing, and
 * removes what killed imports left behind. */
gboolean       bm_library_ensure          (BmLibrary    *self,
                                           GError      **error);

/* Reads the clients and their visits from the files. A missing library
 * is an empty one. Damaged files are listed with their error, never fatal;
 * FALSE only when the folder itself cannot be read. */
gboolean       bm_library_load            (BmLibrary    *self,
                                           GError      **error);
/* The same in a worker thread, so that a window stays responsive while
 * a library of thousands of clients is read and its index written. What
 * the library shows changes only in bm_library_load_finish(), in the
 * thread that started it; a load started later and shown already wins.
 * @changed (may be NULL): whether the clients or the conflicts differ
 * from what was shown when it started. Cancelled, it shows nothing and
 * says G_IO_ERROR_CANCELLED. */
void           bm_library_load_async      (BmLibrary           *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean       bm_library_load_finish     (BmLibrary     *self,
                                           GAsyncResult  *result,
                                           gboolean      *changed,
                                           GError       **error);
/* Whether a load has finished: before, the library shows no clients
 * because it has not read them yet */
gboolean       bm_library_get_loaded      (BmLibrary    *self);
/* Reads the folder of the client @id again, and only it, after this
 * process wrote to it (a visit saved, details changed): quick whatever
 * the size of the library. A client whose folder is gone is dropped. The
 * next bm_library_load() brings the index up to date. */
gboolean       bm_library_load_client     (BmLibrary    *self,
                                           const char   *id,
                                           GError      **error);
/* Every client, sorted by name (then id); owned by the library. A load
 * replaces the array, it never changes it: take a reference to keep it. */
GPtrArray     *bm_library_get_clients     (BmLibrary    *self);
const BmClient *bm_library_lookup         (BmLibrary    *self,
                                           const char   *id);
/* Files of the library's folder that no client owns and that are not
 * the library's own: sync conflict copies at the top (paths) */
GPtrArray     *bm_library_get_conflicts   (BmLibrary    *self);

/* The newest visit of @client that could be read, NULL when none */
const BmVisitInfo *bm_client_get_latest_visit (const BmClient *client);

/* The client @intake matches as loaded (the same name and birth year, or
 * the same email), or NULL */
const BmClient *bm_library_match_client   (BmLibrary    *self,
                                           BmIntake     *intake);
/* bm_library_file_intake() into the client @to_client (which must exist),
 * or, when NULL, into a new client of its own whatever it matches: the
 * therapist's choice for a check-in */
gboolean       bm_library_file_intake_as  (BmLibrary    *self,
                                           BmIntake     *intake,
                                           const char   *to_client,
                                           char        **client_id,
                                           gboolean     *new_client,
                                           GError      **error);

/* Files @intake as a visit: with the client it matches (the same name and
 * birth year, or the same email) or a new client. The visit's file is
 * written whole or not at all; filing the same intake twice files it once.
 * Safe to call from several processes at once. Sets the intake's library
 * link. @client_id (the client's id) and @new_client (whether the client
 * was created) may be NULL. The library is loaded again afterwards. */
gboolean       bm_library_file_intake     (BmLibrary    *self,
                                           BmIntake     *intake,
                                           char        **client_id,
                                           gboolean     *new_client,
                                           GError      **error);

/* Where @intake goes in the library, without writing it: finds or makes
 * its client (as bm_library_file_intake() does; making one writes their
 * details), gives the intake its library link when it has none, and
 * returns the visit's file. A linked intake keeps its client and visit. */
GFile         *bm_library_prepare_visit   (BmLibrary    *self,
                                           BmIntake     *intake,
                                           gboolean     *new_client,
                                           GError      **error);

/* A new visit id for @date: the date and ten random hex digits */
char          *bm_library_make_visit_id   (const char   *date);

/* A cheap summary of the folders' change times: when it changes, another
 * window or device changed the library and it is worth loading again */
char          *bm_library_dup_signature   (BmLibrary    *self);

/* Changes a client's details; the id, and so the visits, stay */
gboolean       bm_library_update_client   (BmLibrary    *self,
                                           const char   *id,
                                           const char   *name,
                                           int           birth_year,
                                           const char   *email,
                                           const char   *phone,
                                           GError      **error);

/* Whether @name is a conflict copy a sync tool made ("x.sync-conflict-…",
 * "x (conflicted copy …)") */
gboolean       bm_library_is_conflict_name (const char  *name);
/* The name of the file a conflict copy was made of ("x.bodymap" for
 * "x.sync-conflict-20261101-101010-ABCDEFG.bodymap"), or NULL */
char          *bm_library_dup_conflict_original (const char *name);
/* Resolves the conflict copy at @path (in a client's folder): with
 * @keep_copy it takes the place of the file it was made of (one rename),
 * else it is deleted; then that client is read again */
gboolean       bm_library_resolve_conflict (BmLibrary   *self,
                                            const char  *path,
                                            gboolean     keep_copy,
                                            GError     **error);

/* The id a new client of that name and birth year would get, before
 * making it unique: lower-case ASCII words joined by '-', and the year */
char          *bm_library_make_client_id  (const char   *name,
                                           int           birth_year);

G_END_DECLS
