/* bm-library-cli.h: the library's command-line commands (--import,
 * --list-clients, --history), with no display. Each returns the exit
 * status; output goes to stdout, one line per problem to stderr.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bm-library.h"

G_BEGIN_DECLS

/* The library named on the command line (a path or a URI), or the
 * default one; NULL after printing why not */
BmLibrary *bm_library_cli_open          (const char         *location);

/* FILE<TAB>CLIENT-ID<TAB>new|existing<TAB>VISIT-DATE per file filed */
int        bm_library_cli_import        (BmLibrary          *library,
                                         const char * const *files);
/* @format: "text" or "json" */
int        bm_library_cli_list_clients  (BmLibrary          *library,
                                         const char         *format);
int        bm_library_cli_history       (BmLibrary          *library,
                                         const char         *client_id,
                                         const char         *format);

/* The intake of the client's latest readable visit; NULL with a one-line
 * @error */
BmIntake  *bm_library_load_latest_visit (BmLibrary          *library,
                                         const char         *client_id,
                                         GError            **error);

/* The library @file (a visit of @intake's client) sits in, or NULL */
BmLibrary *bm_library_find_for_file     (GFile              *file,
                                         BmIntake           *intake);

/* The plan of @intake, learning from the client's earlier visits when the
 * intake is a visit of a library (bm_advise_with_history()): of @library,
 * or else of the library @file sits in (either may be NULL) */
BmPlan    *bm_library_advise            (BmLibrary          *library,
                                         BmIntake           *intake,
                                         GFile              *file);

G_END_DECLS
