/* bm-library-private.h: what the tests and the benchmarks look at inside
 * a BmLibrary; not for the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bm-library.h"

G_BEGIN_DECLS

/* What the last bm_library_load() did */
typedef struct
{
  gboolean index_read;     /* the index file was read and used */
  gboolean index_written;  /* the index file was written */
  guint    folders_read;   /* client folders listed again */
  guint    details_read;   /* client.json files read */
  guint    visits_read;    /* visit files read */
} BmLibraryLoadStats;

const BmLibraryLoadStats *bm_library_get_load_stats (BmLibrary *self);

/* The library's index file in the user's cache folder */
const char               *bm_library_get_index_path (BmLibrary *self);

G_END_DECLS
