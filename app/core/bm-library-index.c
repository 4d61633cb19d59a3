/* bm-library-index.c
 *
 * The index is one binary file per library and per user, in the user's
 * cache folder (never in the library, which other devices share):
 *
 *   "BMLIBIDX"                    magic
 *   u32 version, u32 0            INDEX_VERSION
 *   u64 file length
 *   u64 offset of the area table
 *   u64 number of client records
 *   string library path
 *   client records
 *   area table: varint n, n strings ("calf:left:6")
 *   u64 checksum of everything before it
 *
 * A client record: varint length of the rest; string id; u64 stamps of
 * the folder and of client.json; a flags byte (1: damaged); name, email
 * and phone (nullable strings); varint birth year; varint n and n
 * conflict copies' file names; varint n and n visit records. A visit
 * record: string visit id; u64 stamp of its file; string date; nullable
 * string next race; zigzag varint session minutes; varint n and n varint
 * indexes into the area table.
 *
 * Integers are little-endian; a string is a varint length, the bytes and
 * a NUL; a nullable string's varint is the length + 1, 0 for NULL. The
 * whole file is checked (its length, its checksum) when it is read; the
 * records are found then, and decoded only when asked for, each length
 * checked against what is left, so that not even a damaged file that
 * passed the checksum is ever read past its end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-library"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bm-file-util.h"
#include "bm-library-index.h"

#define INDEX_MAGIC        "BMLIBIDX"
/* 1: the first one. Raise it whenever what is written changes: an index
 * of another version is rebuilt from the files. */
#define INDEX_VERSION      1
#define INDEX_HEADER_SIZE  (8 + 4 + 4 + 8 + 8 + 8)
#define INDEX_MAX_SIZE     ((gsize) 1 << 30)

/* Damage, not tampering: the index is the user's own, in their private
 * cache folder. A multiply-xorshift over 64-bit words. */
static guint64
checksum (const guint8 *p,
          gsize         n)
{
  guint64 h = G_GUINT64_CONSTANT (0x243F6A8885A308D3) ^ n;

  for (; n >= 8; p += 8, n -= 8)
    {
      guint64 w;

      memcpy (&w, p, 8);
      h = (h ^ GUINT64_FROM_LE (w)) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
      h ^= h >> 29;
    }
  for (; n > 0; p++, n--)
    {
      h = (h ^ *p) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
      h ^= h >> 29;
    }
  return h;
}

BmStamp
bm_stamp_make (gint64  mtime_ns,
               gint64  ctime_ns,
               guint64 size,
               guint64 ino)
{
  guint64 parts[4] = { (guint64) mtime_ns, (guint64) ctime_ns, size, ino };
  guint64 h = G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      h ^= parts[i];
      h *= G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
      h ^= h >> 31;
      h *= G_GUINT64_CONSTANT (0x94D049BB133111EB);
      h ^= h >> 29;
    }
  /* The two values that mean something else */
  return h <= BM_STAMP_MISSING ? h + 2 : h;
}

char *
bm_library_index_dup_path (const char *library_path)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, library_path, -1);
  g_autofree char *name = g_strdup_printf ("library-%.32s.index", hash);

  return g_build_filename (g_get_user_cache_dir (), "bodymap", name, NULL);
}

const char *
bm_library_index_intern (GHashTable *set,
                         const char *area)
{
  const char *found = g_hash_table_lookup (set, area);

  if (found == NULL)
    {
      char *copy = g_strdup (area);

      g_hash_table_add (set, copy);
      found = copy;
    }
  return found;
}

/* Reading */

struct _BmLibraryIndex
{
  GBytes      *bytes;      /* the file: the records' strings point into it */
  const char **areas;      /* the area table, interned */
  guint        n_areas;
  GHashTable  *records;    /* id → its record's start (const guint8 *) */
  /* What bm_library_index_get() gives, until the next call */
  GArray      *visits;     /* BmVisitRecord */
  GPtrArray   *area_refs;
  GPtrArray   *conflicts;
};

typedef struct
{
  const guint8 *p;
  const guint8 *end;
  gboolean      bad;
} Reader;

static guint64
read_u64 (Reader *r)
{
  guint64 v;

  if (r->bad || r->end - r->p < 8)
    {
      r->bad = TRUE;
      return 0;
    }
  memcpy (&v, r->p, 8);
  r->p += 8;
  return GUINT64_FROM_LE (v);
}

static guint64
read_varint (Reader *r)
{
  guint64 v = 0;

  for (guint shift = 0; shift < 64; shift += 7)
    {
      guint8 b;

      if (r->bad || r->p >= r->end)
        break;
      b = *r->p++;
      v |= (guint64) (b & 0x7f) << shift;
      if (!(b & 0x80))
        return v;
    }
  r->bad = TRUE;
  return 0;
}

/* Up to @max; more is damage */
static guint
read_count (Reader *r,
            guint64 max)
{
  guint64 n = read_varint (r);

  if (n > max || n > G_MAXUINT)
    {
      r->bad = TRUE;
      return 0;
    }
  return (guint) n;
}

static const char *
read_string_of_length (Reader *r,
                       guint64 length)
{
  const char *s;

  if (r->bad || (guint64) (r->end - r->p) <= length || r->p[length] != '\0' ||
      memchr (r->p, '\0', length) != NULL)
    {
      r->bad = TRUE;
      return NULL;
    }
  s = (const char *) r->p;
  r->p += length + 1;
  return s;
}

static const char *
read_string (Reader *r)
{
  return read_string_of_length (r, read_varint (r));
}

static const char *
read_nullable (Reader *r)
{
  guint64 n = read_varint (r);

  return n == 0 ? NULL : read_string_of_length (r, n - 1);
}

/* A name in a folder: not empty, no '/' */
static const char *
read_file_name (Reader *r)
{
  const char *s = read_string (r);

  if (s != NULL && (*s == '\0' || strchr (s, '/') != NULL))
    r->bad = TRUE;
  return r->bad ? NULL : s;
}

void
bm_library_index_free (BmLibraryIndex *index)
{
  if (index == NULL)
    return;
  g_clear_pointer (&index->records, g_hash_table_unref);
  g_clear_pointer (&index->visits, g_array_unref);
  g_clear_pointer (&index->area_refs, g_ptr_array_unref);
  g_clear_pointer (&index->conflicts, g_ptr_array_unref);
  g_free (index->areas);
  g_bytes_unref (index->bytes);
  g_free (index);
}

static gboolean
damaged (GError    **error,
         const char *path,
         const char *why)
{
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: %s", path, why);
  return FALSE;
}

/* Checks the whole file and finds the records */
static gboolean
parse (BmLibraryIndex  *index,
       const char      *path,
       const char      *library_path,
       GHashTable      *areas,
       GError         **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (index->bytes, &size);
  Reader r = { data, data + size, FALSE };
  Reader table;
  guint64 stored_sum, area_offset, n_records;
  guint32 version;

  if (size < INDEX_HEADER_SIZE + 8 || memcmp (data, INDEX_MAGIC, 8) != 0)
    return damaged (error, path, "not an index");
  memcpy (&version, data + 8, 4);
  if (GUINT32_FROM_LE (version) != INDEX_VERSION)
    return damaged (error, path, "another format version");
  r.p += 16;
  memcpy (&stored_sum, data + size - 8, 8);
  if (read_u64 (&r) != size || GUINT64_FROM_LE (stored_sum) != checksum (data, size - 8))
    return damaged (error, path, "damaged");
  area_offset = read_u64 (&r);
  n_records = read_u64 (&r);
  if (area_offset < INDEX_HEADER_SIZE || area_offset >= size - 8 || n_records > size)
    return damaged (error, path, "damaged");
  r.end = data + area_offset;
  if (g_strcmp0 (read_string (&r), library_path) != 0)
    return damaged (error, path, "another library's");

  table.p = data + area_offset;
  table.end = data + size - 8;
  table.bad = FALSE;
  index->n_areas = read_count (&table, size);
  index->areas = g_new (const char *, index->n_areas + 1);
  for (guint i = 0; i < index->n_areas && !table.bad; i++)
    {
      const char *s = read_string (&table);

      index->areas[i] = s ? bm_library_index_intern (areas, s) : NULL;
    }
  if (table.bad || table.p != table.end)
    return damaged (error, path, "damaged");

  index->records = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint64 i = 0; i < n_records && !r.bad; i++)
    {
      guint64 length = read_varint (&r);
      const guint8 *start = r.p;
      const char *id;

      if (r.bad || length > (guint64) (r.end - r.p))
        return damaged (error, path, "damaged");
      id = read_file_name (&r);
      if (id != NULL)
        g_hash_table_insert (index->records, (gpointer) id, (gpointer) start);
      r.p = start + length;
    }
  if (r.bad || r.p != r.end)
    return damaged (error, path, "damaged");
  return TRUE;
}

BmLibraryIndex *
bm_library_index_load (const char  *path,
                       const char  *library_path,
                       GHashTable  *areas,
                       GError     **error)
{
  BmLibraryIndex *index = g_new0 (BmLibraryIndex, 1);
  g_autoptr(GError) local = NULL;

  index->bytes = bm_file_read_bounded (path, INDEX_MAX_SIZE, NULL, &local);
  if (index->bytes == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "%s: %s", path, local->message);
      bm_library_index_free (index);
      return NULL;
    }
  if (!parse (index, path, library_path, areas, error))
    {
      bm_library_index_free (index);
      return NULL;
    }
  index->visits = g_array_new (FALSE, FALSE, sizeof (BmVisitRecord));
  index->area_refs = g_ptr_array_new ();
  index->conflicts = g_ptr_array_new ();
  return index;
}

guint
bm_library_index_get_n_clients (BmLibraryIndex *index)
{
  return g_hash_table_size (index->records);
}

gboolean
bm_library_index_get (BmLibraryIndex *index,
                      const char     *id,
                      BmClientRecord *record)
{
  const guint8 *start = g_hash_table_lookup (index->records, id);
  const guint8 *data = g_bytes_get_data (index->bytes, NULL);
  Reader r;
  guint n;

  if (start == NULL)
    return FALSE;
  /* The record's length was checked when the file was read */
  r.p = start;
  r.end = data + g_bytes_get_size (index->bytes);
  r.bad = FALSE;
  memset (record, 0, sizeof *record);
  g_array_set_size (index->visits, 0);
  g_ptr_array_set_size (index->area_refs, 0);
  g_ptr_array_set_size (index->conflicts, 0);

  record->id = read_file_name (&r);
  record->dir_stamp = read_u64 (&r);
  record->details_stamp = read_u64 (&r);
  if (r.bad || r.p >= r.end)
    return FALSE;
  record->damaged = (*r.p++ & 1) != 0;
  record->name = read_nullable (&r);
  record->email = read_nullable (&r);
  record->phone = read_nullable (&r);
  record->birth_year = (int) read_count (&r, 9999);

  n = read_count (&r, r.end - r.p);
  for (guint k = 0; k < n && !r.bad; k++)
    g_ptr_array_add (index->conflicts, (gpointer) read_file_name (&r));

  n = read_count (&r, r.end - r.p);
  for (guint k = 0; k < n && !r.bad; k++)
    {
      BmVisitRecord visit = { 0 };
      guint64 minutes;
      guint n_areas;

      visit.visit_id = read_file_name (&r);
      visit.stamp = read_u64 (&r);
      visit.date = read_string (&r);
      visit.next_race = read_nullable (&r);
      minutes = read_varint (&r);
      visit.session_minutes = (int) (gint64) ((minutes >> 1) ^ -(minutes & 1));
      n_areas = read_count (&r, r.end - r.p);
      /* Where its areas start, for now: the array may move */
      visit.areas = GUINT_TO_POINTER (index->area_refs->len);
      visit.n_areas = n_areas;
      for (guint j = 0; j < n_areas && !r.bad; j++)
        {
          guint area = read_count (&r, G_MAXUINT);

          if (area >= index->n_areas)
            r.bad = TRUE;
          else
            g_ptr_array_add (index->area_refs, (gpointer) index->areas[area]);
        }
      g_array_append_val (index->visits, visit);
    }
  if (r.bad)
    return FALSE;

  for (guint k = 0; k < index->visits->len; k++)
    {
      BmVisitRecord *visit = &g_array_index (index->visits, BmVisitRecord, k);

      visit->areas = (const char * const *) index->area_refs->pdata + GPOINTER_TO_UINT (visit->areas);
    }
  record->conflicts = (const char * const *) index->conflicts->pdata;
  record->n_conflicts = index->conflicts->len;
  record->visits = (const BmVisitRecord *) (gpointer) index->visits->data;
  record->n_visits = index->visits->len;
  return TRUE;
}

/* Writing */

struct _BmLibraryIndexWriter
{
  GByteArray *out;
  GHashTable *area_ids;    /* interned string → id + 1 */
  GPtrArray  *area_table;  /* interned strings, by id */
  GByteArray *record;      /* the one being written */
  guint64     n_clients;
};

static void
write_u64 (GByteArray *out,
           guint64     v)
{
  v = GUINT64_TO_LE (v);
  g_byte_array_append (out, (const guint8 *) &v, 8);
}

static void
write_varint (GByteArray *out,
              guint64     v)
{
  guint8 buf[10];
  guint n = 0;

  do
    {
      buf[n] = v & 0x7f;
      v >>= 7;
      if (v)
        buf[n] |= 0x80;
      n++;
    }
  while (v);
  g_byte_array_append (out, buf, n);
}

static void
write_string (GByteArray *out,
              const char *s)
{
  gsize length = strlen (s);

  write_varint (out, length);
  g_byte_array_append (out, (const guint8 *) s, length + 1);
}

static void
write_nullable (GByteArray *out,
                const char *s)
{
  if (s == NULL)
    write_varint (out, 0);
  else
    {
      gsize length = strlen (s);

      write_varint (out, length + 1);
      g_byte_array_append (out, (const guint8 *) s, length + 1);
    }
}


BmLibraryIndexWriter *
bm_library_index_writer_new (const char *library_path)
{
  BmLibraryIndexWriter *writer = g_new0 (BmLibraryIndexWriter, 1);

  writer->out = g_byte_array_sized_new (1 << 20);
  writer->area_ids = g_hash_table_new (g_direct_hash, g_direct_equal);
  writer->area_table = g_ptr_array_new ();
  writer->record = g_byte_array_sized_new (4096);
  g_byte_array_set_size (writer->out, INDEX_HEADER_SIZE);
  memset (writer->out->data, 0, INDEX_HEADER_SIZE);
  write_string (writer->out, library_path);
  return writer;
}

void
bm_library_index_writer_add (BmLibraryIndexWriter *writer,
                             const BmClientRecord *client)
{
  GByteArray *out = writer->record;
  guint8 flags = client->damaged ? 1 : 0;

  g_byte_array_set_size (out, 0);
  write_string (out, client->id);
  write_u64 (out, client->dir_stamp);
  write_u64 (out, client->details_stamp);
  g_byte_array_append (out, &flags, 1);
  write_nullable (out, client->name);
  write_nullable (out, client->email);
  write_nullable (out, client->phone);
  write_varint (out, (guint64) CLAMP (client->birth_year, 0, 9999));
  write_varint (out, client->n_conflicts);
  for (guint k = 0; k < client->n_conflicts; k++)
    write_string (out, client->conflicts[k]);
  write_varint (out, client->n_visits);
  for (guint k = 0; k < client->n_visits; k++)
    {
      const BmVisitRecord *visit = &client->visits[k];
      gint64 minutes = visit->session_minutes;

      write_string (out, visit->visit_id);
      write_u64 (out, visit->stamp);
      write_string (out, visit->date);
      write_nullable (out, visit->next_race);
      write_varint (out, ((guint64) minutes << 1) ^ (guint64) (minutes >> 63));
      write_varint (out, visit->n_areas);
      for (guint j = 0; j < visit->n_areas; j++)
        {
          guint id = GPOINTER_TO_UINT (g_hash_table_lookup (writer->area_ids, visit->areas[j]));

          if (id == 0)
            {
              g_ptr_array_add (writer->area_table, (gpointer) visit->areas[j]);
              id = writer->area_table->len;
              g_hash_table_insert (writer->area_ids, (gpointer) visit->areas[j], GUINT_TO_POINTER (id));
            }
          write_varint (out, id - 1);
        }
    }
  write_varint (writer->out, out->len);
  g_byte_array_append (writer->out, out->data, out->len);
  writer->n_clients++;
}

void
bm_library_index_writer_free (BmLibraryIndexWriter *writer)
{
  if (writer == NULL)
    return;
  g_byte_array_unref (writer->out);
  g_hash_table_unref (writer->area_ids);
  g_ptr_array_unref (writer->area_table);
  g_byte_array_unref (writer->record);
  g_free (writer);
}

/* The cache folder: private, whatever was there before */
static gboolean
make_private_folder (const char  *dir,
                     GError     **error)
{
  struct stat st;

  if (g_mkdir_with_parents (dir, 0700) != 0 || lstat (dir, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISDIR (st.st_mode) || st.st_uid != getuid ())
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM, "%s: not a folder of ours", dir);
      return FALSE;
    }
  if ((st.st_mode & 0777) != 0700 && g_chmod (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
bm_library_index_writer_save (BmLibraryIndexWriter  *writer,
                              const char            *path,
                              GError               **error)
{
  GByteArray *out = writer->out;
  g_autofree char *dir = g_path_get_dirname (path);
  guint64 area_offset = out->len;
  guint32 version = GUINT32_TO_LE (INDEX_VERSION);
  guint64 header[3];
  gboolean ok;

  write_varint (out, writer->area_table->len);
  for (guint i = 0; i < writer->area_table->len; i++)
    write_string (out, g_ptr_array_index (writer->area_table, i));

  memcpy (out->data, INDEX_MAGIC, 8);
  memcpy (out->data + 8, &version, 4);
  header[0] = GUINT64_TO_LE ((guint64) out->len + 8);
  header[1] = GUINT64_TO_LE (area_offset);
  header[2] = GUINT64_TO_LE (writer->n_clients);
  memcpy (out->data + 16, header, sizeof header);
  write_u64 (out, checksum (out->data, out->len));

  ok = make_private_folder (dir, error) &&
       bm_file_replace (path, NULL, out->data, out->len, BM_FILE_REPLACE_NONE, error);
  bm_library_index_writer_free (writer);
  return ok;
}
