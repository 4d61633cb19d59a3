/* bm-library-index.h: the library's speed-up index, a cache of what the
 * client folders held when they were last read (private to bm-library.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What stat() said of a file or folder (its times to the nanosecond,
 * size and inode), as a hash: two stamps that are equal say that it has
 * not changed since. A racy one (BM_STAMP_RACY: changed so recently that
 * another change in the same tick of the file system's clock would not
 * show) never equals anything. */
typedef guint64 BmStamp;

#define BM_STAMP_RACY     G_GUINT64_CONSTANT (0)
#define BM_STAMP_MISSING  G_GUINT64_CONSTANT (1)    /* no such file */

static inline gboolean
bm_stamp_equal (BmStamp recorded,
                BmStamp now)
{
  return recorded != BM_STAMP_RACY && recorded == now;
}

BmStamp bm_stamp_make (gint64  mtime_ns,
                       gint64  ctime_ns,
                       guint64 size,
                       guint64 ino);

/* One readable visit of a client as recorded: its id (the file's name
 * without ".bodymap"), its file's stamp and what the list shows of it.
 * @areas are interned strings (bm_library_index_intern()). */
typedef struct
{
  const char         *visit_id;
  BmStamp             stamp;
  const char         *date;
  const char         *next_race;        /* NULL: none */
  const char * const *areas;
  guint               n_areas;
  int                 session_minutes;
} BmVisitRecord;

/* One client folder as recorded. A client with a damaged file is
 * recorded with @damaged set and without its damaged visits: those are
 * read again every time, never taken from the index. */
typedef struct
{
  const char          *id;
  BmStamp              dir_stamp;
  BmStamp              details_stamp;    /* client.json */
  const char          *name;             /* NULL: client.json damaged */
  const char          *email;
  const char          *phone;
  int                  birth_year;
  gboolean             damaged;
  const char * const  *conflicts;        /* file names */
  guint                n_conflicts;
  const BmVisitRecord *visits;           /* readable ones only */
  guint                n_visits;
} BmClientRecord;

/* Where the index of the library at @library_path lives:
 * $XDG_CACHE_HOME/bodymap/library-HASH.index, HASH from the path */
char                 *bm_library_index_dup_path  (const char   *library_path);

/* The one copy of @area ("calf:left:6") in @set, a string set
 * (g_str_hash, g_str_equal, g_free) that owns them */
const char           *bm_library_index_intern    (GHashTable   *set,
                                                  const char   *area);

typedef struct _BmLibraryIndex BmLibraryIndex;

/* Reads the index at @path. NULL when it is missing, damaged, of another
 * format version or of another library, with @error saying which (for
 * the debug log). Records are decoded when asked for; their areas are
 * interned in @areas. */
BmLibraryIndex       *bm_library_index_load      (const char   *path,
                                                  const char   *library_path,
                                                  GHashTable   *areas,
                                                  GError      **error);
guint                 bm_library_index_get_n_clients (BmLibraryIndex *index);
/* The record of the client folder @id, in @record; valid until the next
 * call. FALSE when there is none. */
gboolean              bm_library_index_get       (BmLibraryIndex *index,
                                                  const char     *id,
                                                  BmClientRecord *record);
void                  bm_library_index_free      (BmLibraryIndex *index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BmLibraryIndex, bm_library_index_free)

/* Writing: every client, then save */
typedef struct _BmLibraryIndexWriter BmLibraryIndexWriter;

BmLibraryIndexWriter *bm_library_index_writer_new (const char   *library_path);
void                  bm_library_index_writer_add (BmLibraryIndexWriter *writer,
                                                   const BmClientRecord *client);
/* Writes the index to @path atomically (a private file in a private
 * folder, made when missing); frees @writer */
gboolean              bm_library_index_writer_save (BmLibraryIndexWriter *writer,
                                                    const char           *path,
                                                    GError              **error);
void                  bm_library_index_writer_free (BmLibraryIndexWriter *writer);

G_END_DECLS
