/* bm-library.c
 *
 * The folder (docs/file-format.md, "The library"):
 *
 *   LIBRARY/library.json                      what the folder is
 *   LIBRARY/clients/CLIENT-ID/client.json      the client's details
 *   LIBRARY/clients/CLIENT-ID/VISIT-ID.bodymap one file per visit (version 2)
 *
 * A client's id is the name of their folder: it is made once, from the
 * name and birth year, and stays when the client is renamed. A new
 * client's folder is made whole under a temporary name and then renamed
 * into place, which fails when another process took that id first; a
 * visit's id is its date and a hash of its content, so that filing the
 * same intake twice, from two processes at once, gives one file. Files
 * and folders whose names start with "." are the library's own
 * temporaries and are never read.
 *
 * Loading does not read every file: an index in the user's cache folder
 * (bm-library-index.c) holds what each client's folder held when it was
 * last read, with a stamp of the folder and of each file. Only the
 * clients whose folder's stamp changed are read again, and of them only
 * the files whose stamp changed. Within one process the last load serves
 * as the index. The files stay the truth: the index is rebuilt from them
 * whenever it is missing, damaged or stale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-library"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bm-advisor.h"
#include "bm-file-util.h"
#include "bm-intake-io.h"
#include "bm-json-writer.h"
#include "bm-library.h"
#include "bm-library-index.h"
#include "bm-library-private.h"
#include "bm-therapist.h"

#define LIBRARY_FORMAT      "bodymap-library"
#define CLIENT_FORMAT       "bodymap-client"
#define CLIENT_VERSION      2
#define MAX_CLIENT_FILE     (64 * 1024)
#define VISIT_SUFFIX        ".bodymap"
#define TMP_PREFIX          ".tmp-"
#define NEW_CLIENT_PREFIX   ".new-client-"
/* How long a client folder may stay without its details while another
 * process finishes making it */
#define CLIENT_WAIT_MS      2000

/* A change made this long before a load or less may not show in the
 * folder's times yet: FAT counts in steps of 2 seconds, most file
 * systems in ticks of a few milliseconds. Such a folder or file is read
 * again next time rather than trusted (as git does with its index). */
#define RACY_NS             (2 * G_GINT64_CONSTANT (1000000000))

/* A visit as listed, with the stamp of its file */
typedef struct
{
  BmVisitInfo pub;
  BmStamp     stamp;
} VisitEntry;

/* A client as listed, in one block of memory with their visits and every
 * string of theirs (the visits' areas are the library's interned ones):
 * a library of 10,000 clients is 10,000 blocks and their two arrays each,
 * not a few hundred thousand little strings. Kept from one load to the
 * next while the client's folder does not change. */
typedef struct
{
  BmClient    pub;
  /* Shared by the lists of successive loads, which may be made in
   * another thread (bm_library_load_async()): never changed once made */
  gatomicrefcount ref_count;
  BmStamp     dir_stamp;
  BmStamp     details_stamp;
  const char *sort_key;      /* collation key of the name, or of the id */
  gboolean    damaged;       /* client.json or a visit: read again every load */
  guint       n_visits;
  VisitEntry  visits[];
} ClientEntry;

struct _BmLibrary
{
  GObject     parent_instance;

  /* Set once by bm_library_new(), read by loads in any thread */
  char       *path;
  char       *clients_path;
  char       *index_path;
  GPtrArray  *no_conflicts; /* the conflicts of every client without any */

  /* What the last load gave: replaced whole by the next one, never
   * changed, so that a load in another thread can start from it */
  GPtrArray  *clients;    /* ClientEntry* (a reference each), sorted */
  GHashTable *by_id;      /* id → ClientEntry* (borrowed) */
  GPtrArray  *conflicts;  /* char* */
  BmLibraryLoadStats stats;
  gboolean    loaded;
  /* Loads are numbered as they start; an asynchronous one that finishes
   * after a later one was shown is dropped */
  guint64     next_serial;
  guint64     shown_serial;
  /* bm_library_load_client() changed what the index holds */
  gboolean    index_stale;

  GMutex      areas_lock;
  GHashTable *areas;      /* the visits' areas, interned; under areas_lock */
};

G_DEFINE_FINAL_TYPE (BmLibrary, bm_library, G_TYPE_OBJECT)

G_DEFINE_QUARK (bm-library-error-quark, bm_library_error)

static ClientEntry *
client_ref (ClientEntry *entry)
{
  g_atomic_ref_count_inc (&entry->ref_count);
  return entry;
}

static void
client_unref (gpointer data)
{
  ClientEntry *entry = data;

  if (entry == NULL || !g_atomic_ref_count_dec (&entry->ref_count))
    return;
  g_ptr_array_unref (entry->pub.visits);
  g_ptr_array_unref (entry->pub.conflicts);
  g_free (entry);
}

static void
bm_library_finalize (GObject *object)
{
  BmLibrary *self = BM_LIBRARY (object);

  g_free (self->path);
  g_free (self->clients_path);
  g_free (self->index_path);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->clients, g_ptr_array_unref);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  g_clear_pointer (&self->areas, g_hash_table_unref);
  g_clear_pointer (&self->no_conflicts, g_ptr_array_unref);
  g_mutex_clear (&self->areas_lock);

  G_OBJECT_CLASS (bm_library_parent_class)->finalize (object);
}

static void
bm_library_class_init (BmLibraryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bm_library_finalize;
}

static void
bm_library_init (BmLibrary *self)
{
  self->clients = g_ptr_array_new_with_free_func (client_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->conflicts = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&self->areas_lock);
  self->areas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->no_conflicts = g_ptr_array_new ();
}

char *
bm_library_dup_default_path (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autofree char *fallback = NULL;

  if (documents == NULL || g_str_equal (documents, g_get_home_dir ()))
    documents = fallback = g_build_filename (g_get_home_dir (), "Documents", NULL);
  return g_build_filename (documents, "Body Map", NULL);
}

BmLibrary *
bm_library_new (GFile   *location,
                GError **error)
{
  g_autofree char *path = NULL;
  BmLibrary *self;

  g_return_val_if_fail (G_IS_FILE (location), NULL);

  path = g_file_get_path (location);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (location);

      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_LOCATION,
                   _("%s: this location cannot be used as a library; open it in Files first so that it has a folder path"),
                   uri);
      return NULL;
    }
  self = g_object_new (BM_TYPE_LIBRARY, NULL);
  self->path = g_steal_pointer (&path);
  self->clients_path = g_build_filename (self->path, "clients", NULL);
  self->index_path = bm_library_index_dup_path (self->path);
  return self;
}

const char *
bm_library_get_path (BmLibrary *self)
{
  g_return_val_if_fail (BM_IS_LIBRARY (self), NULL);
  return self->path;
}

gboolean
bm_library_is_conflict_name (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  return strstr (name, ".sync-conflict-") != NULL || strstr (name, " (conflicted copy ") != NULL;
}

char *
bm_library_dup_conflict_original (const char *name)
{
  const char *start, *end;

  g_return_val_if_fail (name != NULL, NULL);

  /* Syncthing: "x.sync-conflict-20261101-101010-ABCDEFG.bodymap" */
  if ((start = strstr (name, ".sync-conflict-")) != NULL)
    {
      end = strchr (start + 1, '.');
      if (end == NULL)
        end = start + strlen (start);
      return start == name ? NULL : g_strdup_printf ("%.*s%s", (int) (start - name), name, end);
    }
  /* Nextcloud, Dropbox: "x (conflicted copy 2026-11-01 101010).bodymap" */
  if ((start = strstr (name, " (conflicted copy ")) != NULL && (end = strchr (start, ')')) != NULL)
    return start == name ? NULL : g_strdup_printf ("%.*s%s", (int) (start - name), name, end + 1);
  return NULL;
}

gboolean
bm_library_resolve_conflict (BmLibrary   *self,
                             const char  *path,
                             gboolean     keep_copy,
                             GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *name = NULL;
  g_autofree char *original = NULL;
  g_autofree char *original_path = NULL;

  g_return_val_if_fail (BM_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Only a conflict copy in a client's folder of this library */
  dir = g_path_get_dirname (path);
  parent = g_path_get_dirname (dir);
  name = g_path_get_basename (path);
  if (g_strcmp0 (parent, self->clients_path) != 0 || !bm_library_is_conflict_name (name) ||
      (original = bm_library_dup_conflict_original (name)) == NULL)
    {
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_LOCATION,
                   _("%s: not a conflict copy in %s"), path, self->path);
      return FALSE;
    }
  original_path = g_build_filename (dir, original, NULL);

  /* The copy takes the original's place in one rename, or goes */
  if (keep_copy ? g_rename (path, original_path) != 0 : g_unlink (path) != 0)
    {
      int saved = errno;
      int code = saved == EACCES || saved == EROFS || saved == EPERM ? BM_LIBRARY_ERROR_READ_ONLY : BM_LIBRARY_ERROR_IO;

      if (keep_copy)
        g_set_error (error, BM_LIBRARY_ERROR, code, _("%s: could not put it in place of %s: %s"), path, original,
                     g_strerror (saved));
      else
        g_set_error (error, BM_LIBRARY_ERROR, code, _("%s: could not delete it: %s"), path, g_strerror (saved));
      return FALSE;
    }
  {
    g_autofree char *id = g_path_get_basename (dir);

    return bm_library_load_client (self, id, error);
  }
}

/* Folders of the library: private, whatever the umask */
static gboolean
make_private_dir (const char  *path,
                  GError     **error)
{
  if (g_mkdir (path, 0700) != 0 && errno != EEXIST)
    {
      int saved = errno;

      g_set_error (error, BM_LIBRARY_ERROR,
                   saved == EACCES || saved == EROFS || saved == EPERM
                   ? BM_LIBRARY_ERROR_READ_ONLY : BM_LIBRARY_ERROR_IO,
                   _("%s: could not create the folder: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_LOCATION,
                   _("%s: not a folder"), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  return g_rmdir (path) == 0;
}

/* What killed processes left: half-made client folders older than ten
 * minutes (a live process finishes one in well under a second) */
static void
sweep_new_clients (BmLibrary *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->clients_path, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, NEW_CLIENT_PREFIX))
        continue;
      path = g_build_filename (self->clients_path, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode) && now - (gint64) st.st_mtime > 600)
        remove_tree (path);
    }
}

gboolean
bm_library_ensure (BmLibrary  *self,
                   GError    **error)
{
  g_autofree char *marker = NULL;

  g_return_val_if_fail (BM_IS_LIBRARY (self), FALSE);

  if (g_mkdir_with_parents (self->path, 0700) != 0 && !g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      int saved = errno;

      g_set_error (error, BM_LIBRARY_ERROR,
                   saved == EACCES || saved == EROFS || saved == EPERM
                   ? BM_LIBRARY_ERROR_READ_ONLY : BM_LIBRARY_ERROR_IO,
                   _("%s: could not create the library: %s"), self->path, g_strerror (saved));
      return FALSE;
    }
  if (!make_private_dir (self->path, error) || !make_private_dir (self->clients_path, error))
    return FALSE;

  marker = g_build_filename (self->path, "library.json", NULL);
  if (!g_file_test (marker, G_FILE_TEST_EXISTS))
    {
      static const char text[] = "{\n  \"format\": \"" LIBRARY_FORMAT "\",\n  \"version\": 2\n}\n";
      g_autoptr(GError) local = NULL;

      if (!bm_file_replace (marker, TMP_PREFIX, text, sizeof text - 1, BM_FILE_REPLACE_NONE, &local))
        {
          g_set_error (error, BM_LIBRARY_ERROR,
                       g_error_matches (local, BM_FILE_ERROR, BM_FILE_ERROR_OPEN)
                       ? BM_LIBRARY_ERROR_READ_ONLY : BM_LIBRARY_ERROR_IO,
                       _("%s: could not write: %s"), marker, local->message);
          return FALSE;
        }
    }
  sweep_new_clients (self);
  return TRUE;
}

/* Reading */

/* The client's details; FALSE with a one-line @error naming the file */
static gboolean
read_client_file (const char  *path,
                  char       **name,
                  int         *birth_year,
                  char       **email,
                  char       **phone,
                  GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *base = g_path_get_basename (path);
  JsonNode *root;
  JsonObject *object;
  JsonNode *node;
  const char *text;

  bytes = bm_file_read_bounded (path, MAX_CLIENT_FILE, NULL, &local);
  if (bytes == NULL)
    {
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_IO, "%s: %s", path,
                   local->message[0] ? local->message : _("could not be read"));
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &local))
    {
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_IO, "%s: %s", path, local->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (root), "format", ""),
                 CLIENT_FORMAT) != 0)
    {
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_IO,
                   _("%s: not a Body Map client file"), path);
      return FALSE;
    }
  object = json_node_get_object (root);
  node = json_object_get_member (object, "version");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 1)
    {
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_IO, _("%s: version: is missing"), path);
      return FALSE;
    }
  if (json_node_get_int (node) > CLIENT_VERSION)
    {
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_IO,
                   _("%s: this file was made by a newer version of Body Map (format version %d)"),
                   path, (int) MIN (json_node_get_int (node), G_MAXINT));
      return FALSE;
    }
  node = json_object_get_member (object, "name");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING ||
      *(text = json_node_get_string (node)) == '\0' || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_IO, _("%s: name: must not be empty"), path);
      return FALSE;
    }
  *name = g_strdup (text);
  node = json_object_get_member (object, "birth_year");
  *birth_year = node && json_node_get_value_type (node) == G_TYPE_INT64
                ? (int) CLAMP (json_node_get_int (node), 0, 9999) : 0;
  *email = g_strdup (json_object_get_string_member_with_default (object, "email", ""));
  *phone = g_strdup (json_object_get_string_member_with_default (object, "phone", ""));
  return TRUE;
}

static GBytes *
client_file_bytes (const char *name,
                   int         birth_year,
                   const char *email,
                   const char *phone)
{
  g_autoptr(BmJsonWriter) w = bm_json_writer_new ();

  bm_json_writer_begin_object (w);
  bm_json_writer_key (w, "format");
  bm_json_writer_string (w, CLIENT_FORMAT);
  bm_json_writer_key (w, "version");
  bm_json_writer_int (w, CLIENT_VERSION);
  bm_json_writer_key (w, "name");
  bm_json_writer_string (w, name);
  if (birth_year > 0)
    {
      bm_json_writer_key (w, "birth_year");
      bm_json_writer_int (w, birth_year);
    }
  bm_json_writer_key (w, "email");
  bm_json_writer_string (w, email ? email : "");
  bm_json_writer_key (w, "phone");
  bm_json_writer_string (w, phone ? phone : "");
  bm_json_writer_end_object (w);
  return bm_json_writer_free_to_bytes (g_steal_pointer (&w));
}

/* Stamps */

static BmStamp
stamp_from_stat (const struct stat *st,
                 gint64             racy_after_ns)
{
  gint64 mtime_ns = (gint64) st->st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_mtim.tv_nsec;
  gint64 ctime_ns = (gint64) st->st_ctim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_ctim.tv_nsec;

  if (mtime_ns >= racy_after_ns)
    return BM_STAMP_RACY;
  return bm_stamp_make (mtime_ns, ctime_ns, (guint64) st->st_size, (guint64) st->st_ino);
}

static BmStamp
stamp_path (const char *path,
            gint64      racy_after_ns)
{
  struct stat st;

  return stat (path, &st) == 0 ? stamp_from_stat (&st, racy_after_ns) : BM_STAMP_MISSING;
}

static int
compare_visits (gconstpointer a,
                gconstpointer b)
{
  const BmVisitInfo *x = *(BmVisitInfo * const *) a;
  const BmVisitInfo *y = *(BmVisitInfo * const *) b;

  /* Damaged last */
  if ((x->date == NULL) != (y->date == NULL))
    return x->date == NULL ? 1 : -1;
  if (x->date && y->date && strcmp (x->date, y->date) != 0)
    return strcmp (x->date, y->date);
  return strcmp (x->visit_id, y->visit_id);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A damaged visit file, as read */
typedef struct
{
  const char *visit_id;
  const char *error;
} DamagedVisit;

/* Lays a bump allocator's strings end to end */
static char *
put_string (char      **p,
            const char *s)
{
  gsize n = strlen (s) + 1;
  char *start = *p;

  memcpy (start, s, n);
  *p += n;
  return start;
}

static char *
put_nullable (char      **p,
              const char *s)
{
  return s ? put_string (p, s) : NULL;
}

/* "DIR/NAME", as g_build_filename() makes it */
static char *
put_path (char       **p,
          const char  *dir,
          gsize        dir_len,
          const char  *name)
{
  gsize n = strlen (name) + 1;
  char *start = *p;

  memcpy (start, dir, dir_len);
  start[dir_len] = '/';
  memcpy (start + dir_len + 1, name, n);
  *p += dir_len + 1 + n;
  return start;
}

static gsize
nullable_size (const char *s)
{
  return s ? strlen (s) + 1 : 0;
}

/* The client as listed, in one block: @record's readable visits, and
 * @damaged ones with their errors; @details_error when client.json is
 * damaged (then @record has no name) */
static ClientEntry *
pack_client (BmLibrary            *self,
             const BmClientRecord *record,
             const char           *details_error,
             const DamagedVisit   *damaged,
             guint                 n_damaged)
{
  gsize clients_len = strlen (self->clients_path);
  gsize dir_len = clients_len + 1 + strlen (record->id);
  guint n_visits = record->n_visits + n_damaged;
  g_autofree char *sort_key = g_utf8_collate_key (record->name ? record->name : record->id, -1);
  gsize size = sizeof (ClientEntry) + n_visits * sizeof (VisitEntry);
  gsize suffix_len = strlen (VISIT_SUFFIX);
  ClientEntry *entry;
  char **areas;
  char *p;

  /* The visits' area arrays, then the strings */
  for (guint i = 0; i < record->n_visits; i++)
    size += (record->visits[i].n_areas + 1) * sizeof (char *);
  size += n_damaged * sizeof (char *);
  size += strlen (record->id) + 1 + dir_len + 1 + strlen (sort_key) + 1 + nullable_size (record->name) +
          nullable_size (record->email) + nullable_size (record->phone) + nullable_size (details_error);
  for (guint i = 0; i < record->n_conflicts; i++)
    size += dir_len + 1 + strlen (record->conflicts[i]) + 1;
  for (guint i = 0; i < record->n_visits; i++)
    {
      const BmVisitRecord *visit = &record->visits[i];

      size += dir_len + 1 + 2 * strlen (visit->visit_id) + suffix_len + 2 +
              nullable_size (visit->date) + nullable_size (visit->next_race);
    }
  for (guint i = 0; i < n_damaged; i++)
    size += dir_len + 1 + 2 * strlen (damaged[i].visit_id) + suffix_len + 2 + strlen (damaged[i].error) + 1;

  entry = g_malloc (size);
  memset (entry, 0, sizeof (ClientEntry) + n_visits * sizeof (VisitEntry));
  areas = (char **) (entry->visits + n_visits);
  p = (char *) areas;
  for (guint i = 0; i < record->n_visits; i++)
    p += (record->visits[i].n_areas + 1) * sizeof (char *);
  p += n_damaged * sizeof (char *);

  entry->pub.id = put_string (&p, record->id);
  entry->pub.dir = p;
  memcpy (p, self->clients_path, clients_len);
  p[clients_len] = '/';
  p += clients_len + 1;
  put_string (&p, record->id);
  entry->pub.name = put_nullable (&p, record->name);
  entry->pub.birth_year = record->birth_year;
  entry->pub.email = put_nullable (&p, record->email);
  entry->pub.phone = put_nullable (&p, record->phone);
  entry->pub.error = put_nullable (&p, details_error);
  entry->pub.visits = g_ptr_array_sized_new (n_visits);
  entry->pub.conflicts = record->n_conflicts ? g_ptr_array_sized_new (record->n_conflicts)
                                             : g_ptr_array_ref (self->no_conflicts);
  entry->sort_key = put_string (&p, sort_key);
  g_atomic_ref_count_init (&entry->ref_count);
  entry->dir_stamp = record->dir_stamp;
  entry->details_stamp = record->details_stamp;
  entry->damaged = details_error != NULL || n_damaged > 0;
  entry->n_visits = n_visits;

  for (guint i = 0; i < record->n_conflicts; i++)
    g_ptr_array_add (entry->pub.conflicts, put_path (&p, entry->pub.dir, dir_len, record->conflicts[i]));
  g_ptr_array_sort (entry->pub.conflicts, compare_strings);

  for (guint i = 0; i < n_visits; i++)
    {
      VisitEntry *visit = &entry->visits[i];
      const char *id = i < record->n_visits ? record->visits[i].visit_id : damaged[i - record->n_visits].visit_id;
      gsize id_len = strlen (id);

      /* DIR/ID.bodymap */
      visit->pub.path = p;
      memcpy (p, entry->pub.dir, dir_len);
      p[dir_len] = '/';
      memcpy (p + dir_len + 1, id, id_len);
      memcpy (p + dir_len + 1 + id_len, VISIT_SUFFIX, suffix_len + 1);
      p += dir_len + 1 + id_len + suffix_len + 1;
      visit->pub.visit_id = put_string (&p, id);
      visit->pub.areas = areas;
      if (i < record->n_visits)
        {
          const BmVisitRecord *from = &record->visits[i];

          visit->stamp = from->stamp;
          visit->pub.date = put_string (&p, from->date);
          visit->pub.next_race = put_nullable (&p, from->next_race);
          visit->pub.session_minutes = from->session_minutes;
          memcpy (areas, from->areas, from->n_areas * sizeof (char *));
          areas += from->n_areas;
        }
      else
        {
          /* Read again every time: never reused, never in the index */
          visit->stamp = BM_STAMP_RACY;
          visit->pub.error = put_string (&p, damaged[i - record->n_visits].error);
        }
      *areas++ = NULL;
      g_ptr_array_add (entry->pub.visits, visit);
    }
  g_ptr_array_sort (entry->pub.visits, compare_visits);
  g_assert ((gsize) (p - (char *) entry) == size);
  return entry;
}

/* @entry as a record (its readable visits), for the index or to be read
 * again; @visits holds the BmVisitRecords and @conflicts the names */
static void
entry_to_record (const ClientEntry *entry,
                 BmClientRecord    *record,
                 GArray            *visits,
                 GPtrArray         *conflicts)
{
  gsize dir_len = strlen (entry->pub.dir);

  g_array_set_size (visits, 0);
  g_ptr_array_set_size (conflicts, 0);
  for (guint i = 0; i < entry->n_visits; i++)
    {
      const VisitEntry *from = &entry->visits[i];
      BmVisitRecord visit = { 0 };

      if (from->pub.error != NULL)
        continue;
      visit.visit_id = from->pub.visit_id;
      visit.stamp = from->stamp;
      visit.date = from->pub.date;
      visit.next_race = from->pub.next_race;
      visit.areas = (const char * const *) from->pub.areas;
      visit.n_areas = g_strv_length (from->pub.areas);
      visit.session_minutes = from->pub.session_minutes;
      g_array_append_val (visits, visit);
    }
  for (guint i = 0; i < entry->pub.conflicts->len; i++)
    g_ptr_array_add (conflicts, (char *) g_ptr_array_index (entry->pub.conflicts, i) + dir_len + 1);

  memset (record, 0, sizeof *record);
  record->id = entry->pub.id;
  record->dir_stamp = entry->dir_stamp;
  record->details_stamp = entry->details_stamp;
  record->name = entry->pub.name;
  record->email = entry->pub.email;
  record->phone = entry->pub.phone;
  record->birth_year = entry->pub.birth_year;
  record->damaged = entry->damaged;
  record->conflicts = (const char * const *) conflicts->pdata;
  record->n_conflicts = conflicts->len;
  record->visits = (const BmVisitRecord *) (gpointer) visits->data;
  record->n_visits = visits->len;
}

/* Reads a visit file: into @visit (strings in @strings, areas in a new
 * array added to @arrays), or its one-line error */
static gboolean
read_visit (BmLibrary          *self,
            BmLibraryLoadStats *stats,
            const char    *path,
            const char    *name,
            GStringChunk  *strings,
            GPtrArray     *arrays,
            BmVisitRecord *visit,
            char         **error_line)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = NULL;
  const char **areas;
  GPtrArray *marks;

  stats->visits_read++;
  intake = bm_intake_load_file (file, &error);
  if (intake == NULL)
    {
      /* Named by its whole path, as the client's details are: the name
       * alone does not say whose visit it is */
      if (g_str_has_prefix (error->message, name) && g_str_has_prefix (error->message + strlen (name), ": "))
        *error_line = g_strconcat (path, error->message + strlen (name), NULL);
      else
        *error_line = g_strdup (error->message);
      return FALSE;
    }
  visit->date = g_string_chunk_insert_const (strings, bm_intake_get_visit_date (intake));
  if (bm_intake_get_next_race (intake))
    visit->next_race = g_string_chunk_insert_const (strings, bm_intake_get_next_race (intake)->date);
  marks = bm_intake_get_marks (intake);
  areas = g_new (const char *, marks->len + 1);
  g_mutex_lock (&self->areas_lock);
  for (guint i = 0; i < marks->len; i++)
    {
      const BmMark *mark = g_ptr_array_index (marks, i);
      char area[256];

      g_snprintf (area, sizeof area, "%s:%s:%d", mark->region, bm_side_to_id (mark->side), mark->severity);
      areas[i] = bm_library_index_intern (self->areas, area);
    }
  g_mutex_unlock (&self->areas_lock);
  areas[marks->len] = NULL;
  g_ptr_array_add (arrays, areas);
  visit->areas = areas;
  visit->n_areas = marks->len;
  visit->session_minutes = bm_therapist_get_session_minutes (intake);
  return TRUE;
}

/* Reads the client in @dir again, taking from @base (what was read
 * before, NULL when nothing) the visits whose files have not changed */
static ClientEntry *
read_client (BmLibrary            *self,
             BmLibraryLoadStats   *stats,
             const char           *dir,
             const char           *id,
             BmStamp               dir_stamp,
             const BmClientRecord *base,
             gint64                racy_after_ns)
{
  g_autofree char *details = g_build_filename (dir, "client.json", NULL);
  g_autoptr(GStringChunk) strings = g_string_chunk_new (1024);
  g_autoptr(GArray) visits = g_array_new (FALSE, TRUE, sizeof (BmVisitRecord));
  g_autoptr(GArray) damaged = g_array_new (FALSE, TRUE, sizeof (DamagedVisit));
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new ();
  g_autoptr(GPtrArray) arrays = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) base_visits = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) path = g_string_new (dir);
  g_autoptr(GDir) d = NULL;
  BmClientRecord record = { 0 };
  char *details_error = NULL;
  const char *name;

  stats->folders_read++;
  record.id = id;
  record.dir_stamp = dir_stamp;

  record.details_stamp = stamp_path (details, racy_after_ns);
  if (base && base->name && bm_stamp_equal (base->details_stamp, record.details_stamp))
    {
      record.name = base->name;
      record.birth_year = base->birth_year;
      record.email = base->email;
      record.phone = base->phone;
    }
  else
    {
      g_autoptr(GError) error = NULL;
      char *client_name = NULL, *email = NULL, *phone = NULL;

      stats->details_read++;
      if (read_client_file (details, &client_name, &record.birth_year, &email, &phone, &error))
        {
          record.name = g_string_chunk_insert (strings, client_name);
          record.email = g_string_chunk_insert (strings, email);
          record.phone = g_string_chunk_insert (strings, phone);
        }
      else
        {
          details_error = g_strdup (error->message);
          g_ptr_array_add (errors, details_error);
          record.birth_year = 0;
          /* Read again every time, as a damaged visit is */
          record.details_stamp = BM_STAMP_RACY;
        }
      g_free (client_name);
      g_free (email);
      g_free (phone);
    }

  for (guint i = 0; base && i < base->n_visits; i++)
    g_hash_table_insert (base_visits, (gpointer) base->visits[i].visit_id, (gpointer) &base->visits[i]);

  g_string_append_c (path, '/');
  d = g_dir_open (dir, 0, NULL);
  while (d && (name = g_dir_read_name (d)))
    {
      const BmVisitRecord *before;
      BmVisitRecord visit = { 0 };
      char *error_line = NULL;

      if (name[0] == '.')
        continue;
      if (bm_library_is_conflict_name (name))
        {
          g_ptr_array_add (conflicts, g_string_chunk_insert (strings, name));
          continue;
        }
      if (!g_str_has_suffix (name, VISIT_SUFFIX) || strlen (name) <= strlen (VISIT_SUFFIX))
        continue;

      g_string_truncate (path, strlen (dir) + 1);
      g_string_append (path, name);
      visit.visit_id = g_string_chunk_insert_len (strings, name, strlen (name) - strlen (VISIT_SUFFIX));
      visit.stamp = stamp_path (path->str, racy_after_ns);
      before = g_hash_table_lookup (base_visits, visit.visit_id);
      if (before && bm_stamp_equal (before->stamp, visit.stamp))
        {
          visit = *before;
          g_array_append_val (visits, visit);
        }
      else if (read_visit (self, stats, path->str, name, strings, arrays, &visit, &error_line))
        g_array_append_val (visits, visit);
      else
        {
          DamagedVisit bad = { visit.visit_id, error_line };

          g_ptr_array_add (errors, error_line);
          g_array_append_val (damaged, bad);
        }
    }

  record.damaged = details_error != NULL || damaged->len > 0;
  record.conflicts = (const char * const *) conflicts->pdata;
  record.n_conflicts = conflicts->len;
  record.visits = (const BmVisitRecord *) (gpointer) visits->data;
  record.n_visits = visits->len;
  return pack_client (self, &record, details_error, (const DamagedVisit *) (gpointer) damaged->data, damaged->len);
}

static int
compare_clients (gconstpointer a,
                 gconstpointer b)
{
  const ClientEntry *x = *(ClientEntry * const *) a;
  const ClientEntry *y = *(ClientEntry * const *) b;
  int c = strcmp (x->sort_key, y->sort_key);

  return c != 0 ? c : strcmp (x->pub.id, y->pub.id);
}

/* The index: what was loaded, for the next start. A cache, so failing to
 * write it (a read-only cache folder) only costs time next time. Several
 * processes may write it at once: each replaces it whole, the last one
 * wins, and what it wrote was true when it loaded. */
static gboolean
write_index (BmLibrary *self,
             GPtrArray *clients)
{
  BmLibraryIndexWriter *writer = bm_library_index_writer_new (self->path);
  g_autoptr(GArray) visits = g_array_new (FALSE, FALSE, sizeof (BmVisitRecord));
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gboolean written;

  for (guint i = 0; i < clients->len; i++)
    {
      BmClientRecord record;

      entry_to_record (g_ptr_array_index (clients, i), &record, visits, conflicts);
      bm_library_index_writer_add (writer, &record);
    }
  written = bm_library_index_writer_save (writer, self->index_path, &error);
  if (!written)
    g_debug ("No index for %s: %s", self->path, error->message);
  return written;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DIR, closedir)

/* What one load gave, before it is shown */
typedef struct
{
  guint64            serial;
  GPtrArray         *base;       /* the clients it started from (a reference) */
  GPtrArray         *base_conflicts;
  gboolean           write_index; /* even when nothing changed */
  GPtrArray         *clients;
  GHashTable        *by_id;
  GPtrArray         *conflicts;
  BmLibraryLoadStats stats;
  gboolean           changed;    /* from the base */
} Load;

static void
load_free (Load *load)
{
  g_clear_pointer (&load->base, g_ptr_array_unref);
  g_clear_pointer (&load->base_conflicts, g_ptr_array_unref);
  g_clear_pointer (&load->clients, g_ptr_array_unref);
  g_clear_pointer (&load->by_id, g_hash_table_unref);
  g_clear_pointer (&load->conflicts, g_ptr_array_unref);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_free)

/* A load that starts from what @self shows now; in the calling thread */
static Load *
load_new (BmLibrary *self)
{
  Load *load = g_new0 (Load, 1);

  load->serial = ++self->next_serial;
  load->base = g_ptr_array_ref (self->clients);
  load->base_conflicts = g_ptr_array_ref (self->conflicts);
  load->write_index = self->index_stale;
  self->index_stale = FALSE;
  load->clients = g_ptr_array_new_with_free_func (client_unref);
  load->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  load->conflicts = g_ptr_array_new_with_free_func (g_free);
  return load;
}

static gboolean
same_strings (GPtrArray *a,
              GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (strcmp (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

/* Whether two reads of a client's folder list the same: a folder read
 * again because it changed so recently that its time cannot be trusted
 * mostly lists what it did */
static gboolean
same_client (const ClientEntry *a,
             const ClientEntry *b)
{
  if (g_strcmp0 (a->pub.name, b->pub.name) != 0 || a->pub.birth_year != b->pub.birth_year ||
      g_strcmp0 (a->pub.email, b->pub.email) != 0 || g_strcmp0 (a->pub.phone, b->pub.phone) != 0 ||
      g_strcmp0 (a->pub.error, b->pub.error) != 0 || a->n_visits != b->n_visits ||
      !same_strings (a->pub.conflicts, b->pub.conflicts))
    return FALSE;
  for (guint i = 0; i < a->n_visits; i++)
    {
      const BmVisitInfo *x = g_ptr_array_index (a->pub.visits, i);
      const BmVisitInfo *y = g_ptr_array_index (b->pub.visits, i);

      /* Areas are interned: the same text is the same pointer */
      if (strcmp (x->visit_id, y->visit_id) != 0 || g_strcmp0 (x->date, y->date) != 0 ||
          g_strcmp0 (x->next_race, y->next_race) != 0 || g_strcmp0 (x->error, y->error) != 0 ||
          x->session_minutes != y->session_minutes ||
          !g_strv_equal ((const char * const *) x->areas, (const char * const *) y->areas))
        return FALSE;
    }
  return TRUE;
}

/* Reads the library into @load: touches nothing of @self but the
 * interned areas (under their lock), so it may run in any thread */
static gboolean
load_run (BmLibrary  *self,
          Load       *load,
          GError    **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(DIR) dir = NULL;
  struct dirent *dent;
  g_autoptr(GHashTable) old_by_id = NULL;
  g_autoptr(BmLibraryIndex) index = NULL;
  g_autoptr(GArray) base_visits = NULL;
  g_autoptr(GPtrArray) base_conflicts = NULL;
  g_autoptr(GString) path = NULL;
  gint64 racy_after_ns = g_get_real_time () * 1000 - RACY_NS;
  gboolean index_dirty = FALSE;
  gboolean changed = FALSE;
  guint n_base, n_kept = 0;

  /* A missing library is an empty one */
  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    goto done;
  if (!g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_LOCATION, _("%s: not a folder"), self->path);
      return FALSE;
    }
  if (!g_file_test (self->clients_path, G_FILE_TEST_EXISTS))
    goto done;

  /* Read with a folder handle: every client folder is stat()ed, and
   * fstatat() spares looking up the whole path each time */
  dir = opendir (self->clients_path);
  if (dir == NULL)
    {
      int saved = errno;
      g_autoptr(GDir) again = g_dir_open (self->clients_path, 0, &local);

      /* Said as GLib says it */
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_IO, "%s: %s", self->clients_path,
                   local ? local->message : g_strerror (saved));
      return FALSE;
    }

  /* What was read before: the last load's clients, or the index */
  old_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < load->base->len; i++)
    {
      ClientEntry *entry = g_ptr_array_index (load->base, i);

      g_hash_table_insert (old_by_id, (gpointer) entry->pub.id, entry);
    }
  n_base = load->base->len;
  if (load->base->len == 0)
    {
      g_mutex_lock (&self->areas_lock);
      index = bm_library_index_load (self->index_path, self->path, self->areas, &local);
      g_mutex_unlock (&self->areas_lock);
      if (index == NULL)
        {
          g_debug ("Reading the whole library %s: %s", self->path, local->message);
          index_dirty = TRUE;
        }
      else
        {
          n_base = bm_library_index_get_n_clients (index);
          load->stats.index_read = TRUE;
        }
    }
  base_visits = g_array_new (FALSE, FALSE, sizeof (BmVisitRecord));
  base_conflicts = g_ptr_array_new ();

  path = g_string_new (self->clients_path);
  g_string_append_c (path, '/');
  while ((dent = readdir (dir)))
    {
      const char *name = dent->d_name;
      const BmClientRecord *record = NULL;
      BmClientRecord from_old, from_index;
      ClientEntry *entry;
      BmStamp stamp;
      struct stat st;
      gboolean in_index = FALSE;
      ClientEntry *old;

      if (name[0] == '.' || !g_utf8_validate (name, -1, NULL))
        continue;
      g_string_truncate (path, strlen (self->clients_path) + 1);
      g_string_append (path, name);
      if (bm_library_is_conflict_name (name))
        {
          g_ptr_array_add (load->conflicts, g_strdup (path->str));
          continue;
        }
      if (fstatat (dirfd (dir), name, &st, 0) != 0 || !S_ISDIR (st.st_mode))
        continue;
      stamp = stamp_from_stat (&st, racy_after_ns);

      /* Unchanged since the last load: kept as it is */
      entry = g_hash_table_lookup (old_by_id, name);
      if (entry && !entry->damaged && bm_stamp_equal (entry->dir_stamp, stamp))
        {
          g_ptr_array_add (load->clients, client_ref (entry));
          n_kept++;
          continue;
        }
      old = entry;
      if (entry)
        {
          entry_to_record (entry, &from_old, base_visits, base_conflicts);
          record = &from_old;
        }
      else if (index)
        {
          /* Decoding interns the record's areas */
          g_mutex_lock (&self->areas_lock);
          in_index = bm_library_index_get (index, name, &from_index);
          g_mutex_unlock (&self->areas_lock);
          if (in_index)
            record = &from_index;
        }

      /* Unchanged since the index was written */
      if (record && !entry && !record->damaged && bm_stamp_equal (record->dir_stamp, stamp))
        {
          g_ptr_array_add (load->clients, pack_client (self, record, NULL, NULL, 0));
          n_kept++;
          continue;
        }

      entry = read_client (self, &load->stats, path->str, name, stamp, record, racy_after_ns);
      g_ptr_array_add (load->clients, entry);
      if (old == NULL || !same_client (old, entry))
        changed = TRUE;
      /* A client read again only for a damaged file, that is unchanged,
       * is in the index as they are */
      if (record && record->damaged && entry->damaged && bm_stamp_equal (record->dir_stamp, stamp))
        n_kept++;
      else
        index_dirty = TRUE;
    }
  if (n_kept != n_base)
    index_dirty = TRUE;

  g_ptr_array_sort (load->clients, compare_clients);
  g_ptr_array_sort (load->conflicts, compare_strings);
  for (guint i = 0; i < load->clients->len; i++)
    {
      ClientEntry *entry = g_ptr_array_index (load->clients, i);

      g_hash_table_insert (load->by_id, (gpointer) entry->pub.id, entry);
    }

  if (index_dirty || load->write_index)
    load->stats.index_written = write_index (self, load->clients);

done:
  /* From the list shown when the load started */
  if (load->base->len == 0)
    load->changed = load->clients->len > 0;
  else
    load->changed = changed || load->clients->len != load->base->len;
  load->changed = load->changed || !same_strings (load->conflicts, load->base_conflicts);
  return TRUE;
}

/* Shows what @load read: bm_library_get_clients() and the others give
 * it from now on */
static void
load_show (BmLibrary *self,
           Load      *load)
{
  g_ptr_array_unref (self->clients);
  self->clients = g_steal_pointer (&load->clients);
  g_ptr_array_unref (self->conflicts);
  self->conflicts = g_steal_pointer (&load->conflicts);
  g_hash_table_unref (self->by_id);
  self->by_id = g_steal_pointer (&load->by_id);
  self->stats = load->stats;
  self->shown_serial = load->serial;
  self->loaded = TRUE;
}

static void
load_show_empty (BmLibrary *self,
                 Load      *load)
{
  g_ptr_array_set_size (load->clients, 0);
  g_hash_table_remove_all (load->by_id);
  g_ptr_array_set_size (load->conflicts, 0);
  load_show (self, load);
}

gboolean
bm_library_load (BmLibrary  *self,
                 GError    **error)
{
  g_autoptr(Load) load = NULL;

  g_return_val_if_fail (BM_IS_LIBRARY (self), FALSE);

  load = load_new (self);
  if (!load_run (self, load, error))
    {
      load_show_empty (self, load);
      return FALSE;
    }
  load_show (self, load);
  return TRUE;
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (load_run (BM_LIBRARY (source), data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
bm_library_load_async (BmLibrary           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BM_IS_LIBRARY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bm_library_load_async);
  g_task_set_task_data (task, load_new (self), (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_thread);
}

gboolean
bm_library_load_finish (BmLibrary     *self,
                        GAsyncResult  *result,
                        gboolean      *changed,
                        GError       **error)
{
  g_autoptr(GError) local = NULL;
  Load *load;
  gboolean ok;

  g_return_val_if_fail (BM_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (changed)
    *changed = FALSE;
  load = g_task_get_task_data (G_TASK (result));
  ok = g_task_propagate_boolean (G_TASK (result), &local);
  /* Cancelled: nothing shown, as if it had not been started */
  if (!ok && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (load->write_index && !load->stats.index_written)
        self->index_stale = TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  /* A later load is shown already: it read the folders after this one */
  if (load->serial < self->shown_serial)
    {
      if (load->write_index && !load->stats.index_written)
        self->index_stale = TRUE;
      return TRUE;
    }
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      gboolean was_empty = self->clients->len == 0;

      load_show_empty (self, load);
      if (changed)
        *changed = !was_empty;
      return FALSE;
    }
  if (changed)
    *changed = load->changed || !self->loaded;
  load_show (self, load);
  return TRUE;
}

gboolean
bm_library_get_loaded (BmLibrary *self)
{
  g_return_val_if_fail (BM_IS_LIBRARY (self), FALSE);
  return self->loaded;
}

gboolean
bm_library_load_client (BmLibrary  *self,
                        const char *id,
                        GError    **error)
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  BmLibraryLoadStats stats = { 0 };
  gint64 racy_after_ns = g_get_real_time () * 1000 - RACY_NS;
  ClientEntry *old;
  struct stat st;

  g_return_val_if_fail (BM_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!self->loaded)
    return bm_library_load (self, error);
  if (id[0] == '.' || strchr (id, '/') != NULL || bm_library_is_conflict_name (id))
    {
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_NO_CLIENT, _("no client with the id “%s”"), id);
      return FALSE;
    }
  dir = g_build_filename (self->clients_path, id, NULL);
  old = g_hash_table_lookup (self->by_id, id);

  /* A new list, as a load makes one: the one shown may be in use by a
   * load in another thread */
  clients = g_ptr_array_new_full (self->clients->len + 1, client_unref);
  for (guint i = 0; i < self->clients->len; i++)
    {
      ClientEntry *entry = g_ptr_array_index (self->clients, i);

      if (entry != old)
        g_ptr_array_add (clients, client_ref (entry));
    }
  if (stat (dir, &st) == 0 && S_ISDIR (st.st_mode))
    {
      BmClientRecord record;
      g_autoptr(GArray) visits = g_array_new (FALSE, FALSE, sizeof (BmVisitRecord));
      g_autoptr(GPtrArray) conflicts = g_ptr_array_new ();

      if (old)
        entry_to_record (old, &record, visits, conflicts);
      g_ptr_array_add (clients, read_client (self, &stats, dir, id, stamp_from_stat (&st, racy_after_ns),
                                             old ? &record : NULL, racy_after_ns));
      g_ptr_array_sort (clients, compare_clients);
    }

  g_hash_table_remove_all (self->by_id);
  for (guint i = 0; i < clients->len; i++)
    {
      ClientEntry *entry = g_ptr_array_index (clients, i);

      g_hash_table_insert (self->by_id, (gpointer) entry->pub.id, entry);
    }
  g_ptr_array_unref (self->clients);
  self->clients = g_steal_pointer (&clients);
  self->stats = stats;
  /* Shown over any load still under way, which read the folder before */
  self->shown_serial = ++self->next_serial;
  self->index_stale = TRUE;
  return TRUE;
}

const BmLibraryLoadStats *
bm_library_get_load_stats (BmLibrary *self)
{
  g_return_val_if_fail (BM_IS_LIBRARY (self), NULL);
  return &self->stats;
}

const char *
bm_library_get_index_path (BmLibrary *self)
{
  g_return_val_if_fail (BM_IS_LIBRARY (self), NULL);
  return self->index_path;
}

GPtrArray *
bm_library_get_clients (BmLibrary *self)
{
  g_return_val_if_fail (BM_IS_LIBRARY (self), NULL);
  return self->clients;
}

const BmClient *
bm_library_lookup (BmLibrary  *self,
                   const char *id)
{
  g_return_val_if_fail (BM_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->by_id, id);
}

GPtrArray *
bm_library_get_conflicts (BmLibrary *self)
{
  g_return_val_if_fail (BM_IS_LIBRARY (self), NULL);
  return self->conflicts;
}

const BmVisitInfo *
bm_client_get_latest_visit (const BmClient *client)
{
  g_return_val_if_fail (client != NULL, NULL);

  for (guint i = client->visits->len; i > 0; i--)
    {
      const BmVisitInfo *visit = g_ptr_array_index (client->visits, i - 1);

      if (visit->date != NULL)
        return visit;
    }
  return NULL;
}

/* Matching and filing */

/* The name as compared: case, accents written either way and runs of
 * spaces do not matter */
static char *
normalize_name (const char *name)
{
  g_autofree char *normal = g_utf8_normalize (name ? name : "", -1, G_NORMALIZE_ALL_COMPOSE);
  g_autofree char *folded = g_utf8_casefold (normal ? normal : "", -1);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\n\r", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; words[i]; i++)
    if (*words[i])
      {
        if (out->len)
          g_string_append_c (out, ' ');
        g_string_append (out, words[i]);
      }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
same_email (const char *a,
            const char *b)
{
  g_autofree char *stripped_a = NULL;
  g_autofree char *stripped_b = NULL;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  stripped_a = g_strstrip (g_strdup (a));
  stripped_b = g_strstrip (g_strdup (b));
  x = g_utf8_casefold (stripped_a, -1);
  y = g_utf8_casefold (stripped_b, -1);
  return *x != '\0' && g_str_equal (x, y);
}

static gboolean
client_matches (const char *name,
                int         birth_year,
                const char *email,
                const char *other_name,
                int         other_birth_year,
                const char *other_email)
{
  g_autofree char *a = normalize_name (name);
  g_autofree char *b = normalize_name (other_name);

  if (same_email (email, other_email))
    return TRUE;
  return *a != '\0' && g_str_equal (a, b) && birth_year == other_birth_year;
}

char *
bm_library_make_client_id (const char *name,
                           int         birth_year)
{
  g_autofree char *normal = g_utf8_normalize (name ? name : "", -1, G_NORMALIZE_ALL_COMPOSE);
  g_autofree char *ascii = g_str_to_ascii (normal ? normal : "", "C");
  g_autoptr(GString) id = g_string_new (NULL);
  gboolean dash = FALSE;

  for (const char *p = ascii; *p && id->len < 40; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && id->len > 0)
            g_string_append_c (id, '-');
          g_string_append_c (id, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else
        dash = TRUE;
    }
  if (id->len == 0)
    g_string_append (id, "client");
  if (birth_year > 0)
    g_string_append_printf (id, "-%d", birth_year);
  return g_string_free (g_steal_pointer (&id), FALSE);
}

/* Reads the details of the client in @dir, waiting a moment for a folder
 * another process is still making */
static gboolean
read_client_waiting (const char  *dir,
                     char       **name,
                     int         *birth_year,
                     char       **email,
                     char       **phone)
{
  g_autofree char *details = g_build_filename (dir, "client.json", NULL);

  for (int waited = 0; waited <= CLIENT_WAIT_MS; waited += 50)
    {
      if (g_file_test (details, G_FILE_TEST_EXISTS))
        return read_client_file (details, name, birth_year, email, phone, NULL);
      g_usleep (50 * 1000);
    }
  return FALSE;
}

/* Making a client is done by one process at a time: without that, two
 * processes filing visits of one person whose name differs but whose
 * email matches would each make a client. The lock is a folder (mkdir
 * is atomic on local and network file systems alike) holding its
 * owner's host and process id; a lock whose owner is gone, or that is
 * older than LOCK_STALE_SECONDS, is broken. */
#define LOCK_NAME           ".lock-new-client"
#define LOCK_STALE_SECONDS  10
#define LOCK_WAIT_MS        30000

static gboolean
lock_is_stale (const char *lock)
{
  g_autofree char *owner_path = g_build_filename (lock, "owner", NULL);
  g_autofree char *owner = NULL;
  GStatBuf st;

  if (g_stat (lock, &st) != 0)
    return FALSE;  /* gone already */
  if (g_get_real_time () / G_USEC_PER_SEC - (gint64) st.st_mtime > LOCK_STALE_SECONDS)
    return TRUE;
  if (g_file_get_contents (owner_path, &owner, NULL, NULL))
    {
      g_auto(GStrv) parts = g_strsplit (g_strstrip (owner), " ", 2);

      if (g_strv_length (parts) == 2 && g_str_equal (parts[0], g_get_host_name ()))
        {
          g_autofree char *proc = g_strdup_printf ("/proc/%s", parts[1]);

          return !g_file_test ("/proc/self", G_FILE_TEST_EXISTS) ? FALSE : !g_file_test (proc, G_FILE_TEST_EXISTS);
        }
    }
  return FALSE;
}

static char *
lock_clients (BmLibrary  *self,
              GError    **error)
{
  g_autofree char *lock = g_build_filename (self->clients_path, LOCK_NAME, NULL);

  for (int waited = 0; waited < LOCK_WAIT_MS; waited += 20)
    {
      if (g_mkdir (lock, 0700) == 0)
        {
          g_autofree char *owner_path = g_build_filename (lock, "owner", NULL);
          g_autofree char *owner = g_strdup_printf ("%s %d\n", g_get_host_name (), (int) getpid ());

          g_file_set_contents (owner_path, owner, -1, NULL);
          return g_steal_pointer (&lock);
        }
      if (errno != EEXIST)
        {
          int saved = errno;

          g_set_error (error, BM_LIBRARY_ERROR,
                       saved == EACCES || saved == EROFS ? BM_LIBRARY_ERROR_READ_ONLY : BM_LIBRARY_ERROR_IO,
                       _("%s: could not create a client folder: %s"), self->clients_path, g_strerror (saved));
          return NULL;
        }
      if (lock_is_stale (lock))
        {
          /* Renamed away first, so that two processes never both break it */
          g_autofree char *broken = g_strdup_printf ("%s.stale-%08x", lock, g_random_int ());

          if (g_rename (lock, broken) == 0)
            remove_tree (broken);
          continue;
        }
      g_usleep (20 * 1000);
    }
  g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_IO,
               _("%s: another Body Map has been making a client for too long; try again"), self->clients_path);
  return NULL;
}

static void
unlock_clients (char *lock)
{
  if (lock != NULL)
    remove_tree (lock);
  g_free (lock);
}

/* A client on file that @intake belongs to, read from the folders now
 * (another process may have made one since the library was loaded) */
static char *
find_client_on_disk (BmLibrary  *self,
                     const char *name,
                     int         birth_year,
                     const char *email)
{
  g_autoptr(GDir) dir = g_dir_open (self->clients_path, 0, NULL);
  const char *entry;

  while (dir && (entry = g_dir_read_name (dir)))
    {
      g_autofree char *details = NULL;
      g_autofree char *other_name = NULL;
      g_autofree char *other_email = NULL;
      g_autofree char *other_phone = NULL;
      int other_year = 0;

      if (entry[0] == '.')
        continue;
      details = g_build_filename (self->clients_path, entry, "client.json", NULL);
      if (read_client_file (details, &other_name, &other_year, &other_email, &other_phone, NULL) &&
          client_matches (name, birth_year, email, other_name, other_year, other_email))
        return g_strdup (entry);
    }
  return NULL;
}

static char *make_client (BmLibrary  *self,
                           BmIntake   *intake,
                           gboolean   *made,
                           GError    **error);

const BmClient *
bm_library_match_client (BmLibrary *self,
                         BmIntake  *intake)
{
  const char *name, *email;
  int birth_year;

  g_return_val_if_fail (BM_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (BM_IS_INTAKE (intake), NULL);

  name = bm_intake_get_client_name (intake);
  birth_year = bm_intake_get_birth_year (intake);
  email = bm_intake_get_email (intake);
  for (guint i = 0; i < self->clients->len; i++)
    {
      const BmClient *client = g_ptr_array_index (self->clients, i);

      if (client->name && client_matches (name, birth_year, email, client->name, client->birth_year, client->email))
        return client;
    }
  return NULL;
}

/* The id of the client @intake belongs to, made when there is none; with
 * @new_client, always a client of its own */
static char *
find_or_make_client (BmLibrary  *self,
                     BmIntake   *intake,
                     gboolean    new_client,
                     gboolean   *made,
                     GError    **error)
{
  const char *name = bm_intake_get_client_name (intake);
  int birth_year = bm_intake_get_birth_year (intake);
  const char *email = bm_intake_get_email (intake);
  const BmClient *client;
  char *lock;
  char *id = NULL;

  *made = FALSE;

  /* A client on file */
  if (!new_client && (client = bm_library_match_client (self, intake)) != NULL)
    return g_strdup (client->id);

  /* Looked for again, and made, by one process at a time */
  if (!(lock = lock_clients (self, error)))
    return NULL;
  if (!new_client)
    id = find_client_on_disk (self, name, birth_year, email);
  if (id == NULL)
    id = make_client (self, intake, made, error);
  unlock_clients (lock);
  return id;
}

static char *
make_client (BmLibrary  *self,
             BmIntake   *intake,
             gboolean   *made,
             GError    **error)
{
  const char *name = bm_intake_get_client_name (intake);
  int birth_year = bm_intake_get_birth_year (intake);
  const char *email = bm_intake_get_email (intake);
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(GBytes) details = NULL;
  g_autofree char *details_path = NULL;
  g_autoptr(GError) local = NULL;

  /* A new one, made whole in a private folder, then renamed into place:
   * the rename fails when another process has just taken the id */
  tmp = g_build_filename (self->clients_path, NEW_CLIENT_PREFIX "XXXXXX", NULL);
  if (g_mkdtemp_full (tmp, 0700) == NULL)
    {
      int saved = errno;

      g_set_error (error, BM_LIBRARY_ERROR,
                   saved == EACCES || saved == EROFS ? BM_LIBRARY_ERROR_READ_ONLY : BM_LIBRARY_ERROR_IO,
                   _("%s: could not create a client folder: %s"), self->clients_path, g_strerror (saved));
      return NULL;
    }
  details = client_file_bytes (name, birth_year, email, bm_intake_get_phone (intake));
  details_path = g_build_filename (tmp, "client.json", NULL);
  if (!bm_file_replace (details_path, TMP_PREFIX, g_bytes_get_data (details, NULL), g_bytes_get_size (details),
                        BM_FILE_REPLACE_NONE, &local))
    {
      remove_tree (tmp);
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_IO, _("%s: could not write: %s"),
                   details_path, local->message);
      return NULL;
    }

  base = bm_library_make_client_id (name, birth_year);
  for (guint n = 1; n < 10000; n++)
    {
      g_autofree char *id = n == 1 ? g_strdup (base) : g_strdup_printf ("%s-%u", base, n);
      g_autofree char *dir = g_build_filename (self->clients_path, id, NULL);
      g_autofree char *other_name = NULL;
      g_autofree char *other_email = NULL;
      g_autofree char *other_phone = NULL;
      int other_year = 0;

      if (g_rename (tmp, dir) == 0)
        {
          *made = TRUE;
          return g_steal_pointer (&id);
        }
      if (errno != EEXIST && errno != ENOTEMPTY && errno != EISDIR && errno != ENOTDIR)
        {
          int saved = errno;

          remove_tree (tmp);
          g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_IO, _("%s: could not create a client folder: %s"),
                       dir, g_strerror (saved));
          return NULL;
        }
      /* Taken: by the same client, made by another process just now? */
      if (read_client_waiting (dir, &other_name, &other_year, &other_email, &other_phone) &&
          client_matches (name, birth_year, email, other_name, other_year, other_email))
        {
          remove_tree (tmp);
          return g_steal_pointer (&id);
        }
    }
  remove_tree (tmp);
  g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_IO, _("%s: no free client id for “%s”"),
               self->clients_path, base);
  return NULL;
}

static gboolean file_intake (BmLibrary  *self,
                             BmIntake   *intake,
                             const char *to_client,
                             gboolean    as_new_client,
                             char      **client_id,
                             gboolean   *new_client,
                             GError    **error);

gboolean
bm_library_file_intake (BmLibrary  *self,
                        BmIntake   *intake,
                        char      **client_id,
                        gboolean   *new_client,
                        GError    **error)
{
  return file_intake (self, intake, NULL, FALSE, client_id, new_client, error);
}

gboolean
bm_library_file_intake_as (BmLibrary  *self,
                           BmIntake   *intake,
                           const char *to_client,
                           char      **client_id,
                           gboolean   *new_client,
                           GError    **error)
{
  return file_intake (self, intake, to_client, to_client == NULL, client_id, new_client, error);
}

static gboolean
file_intake (BmLibrary  *self,
             BmIntake   *intake,
             const char *to_client,
             gboolean    as_new_client,
             char      **client_id,
             gboolean   *new_client,
             GError    **error)
{
  g_autofree char *id = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *visit_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *file_name = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  gboolean made = FALSE;
  char *old_client = NULL, *old_visit = NULL;

  g_return_val_if_fail (BM_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (BM_IS_INTAKE (intake), FALSE);

  if (!bm_library_ensure (self, error) || !bm_library_load (self, error))
    return FALSE;
  if (to_client != NULL)
    {
      if (bm_library_lookup (self, to_client) == NULL)
        {
          g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_NO_CLIENT,
                       _("%s: no client with that id in %s"), to_client, self->path);
          return FALSE;
        }
      id = g_strdup (to_client);
    }
  else if (!(id = find_or_make_client (self, intake, as_new_client, &made, error)))
    return FALSE;

  /* The visit's id: its date and its content, without any earlier link */
  old_client = g_strdup (bm_intake_get_client_id (intake));
  old_visit = g_strdup (bm_intake_get_visit_id (intake));
  bm_intake_set_library_link (intake, NULL, NULL);
  content = bm_intake_save_bytes (intake);
  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
  visit_id = g_strdup_printf ("%s-%.10s", bm_intake_get_visit_date (intake), hash);
  bm_intake_set_library_link (intake, id, visit_id);
  /* The plan as given, kept with the visit (a visit filed again keeps
   * the one it had) */
  if (bm_intake_get_given (intake) == NULL)
    {
      g_autoptr(BmPlan) plan = bm_advise (intake);
      g_autoptr(JsonObject) given = bm_plan_dup_given (plan);

      bm_intake_set_given (intake, given);
    }

  file_name = g_strconcat (visit_id, VISIT_SUFFIX, NULL);
  path = g_build_filename (self->clients_path, id, file_name, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      bytes = bm_intake_save_bytes (intake);
      if (!bm_file_replace (path, TMP_PREFIX, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                            BM_FILE_REPLACE_NONE, &local))
        {
          bm_intake_set_library_link (intake, old_client, old_visit);
          g_free (old_client);
          g_free (old_visit);
          g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_IO, _("%s: could not write: %s"), path,
                       local->message);
          return FALSE;
        }
    }
  g_free (old_client);
  g_free (old_visit);

  if (client_id)
    *client_id = g_strdup (id);
  if (new_client)
    *new_client = made;
  return bm_library_load (self, error);
}

GFile *
bm_library_prepare_visit (BmLibrary  *self,
                          BmIntake   *intake,
                          gboolean   *new_client,
                          GError    **error)
{
  g_autofree char *id = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  gboolean made = FALSE;

  g_return_val_if_fail (BM_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (BM_IS_INTAKE (intake), NULL);

  if (!bm_library_ensure (self, error))
    return NULL;
  if (bm_intake_get_client_id (intake) != NULL)
    {
      g_autofree char *dir = g_build_filename (self->clients_path, bm_intake_get_client_id (intake), NULL);

      if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_NO_CLIENT,
                       _("no client with the id “%s” in %s"), bm_intake_get_client_id (intake), self->path);
          return NULL;
        }
    }
  else
    {
      g_autofree char *visit_id = NULL;

      /* A library loaded already is not read again whole: a client
       * another device made since is found on disk, under the lock */
      if ((!self->loaded && !bm_library_load (self, error)) ||
          !(id = find_or_make_client (self, intake, FALSE, &made, error)))
        return NULL;
      visit_id = bm_library_make_visit_id (bm_intake_get_visit_date (intake));
      bm_intake_set_library_link (intake, id, visit_id);
    }
  if (new_client)
    *new_client = made;
  file_name = g_strconcat (bm_intake_get_visit_id (intake), VISIT_SUFFIX, NULL);
  path = g_build_filename (self->clients_path, bm_intake_get_client_id (intake), file_name, NULL);
  return g_file_new_for_path (path);
}

char *
bm_library_make_visit_id (const char *date)
{
  return g_strdup_printf ("%s-%08x%02x", date, g_random_int (), g_random_int_range (0, 256));
}

char *
bm_library_dup_signature (BmLibrary *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GDir) dir = NULL;
  GStatBuf st;
  const char *name;
  guint64 sum = 0;
  guint n = 0;

  g_return_val_if_fail (BM_IS_LIBRARY (self), NULL);

  if (g_stat (self->clients_path, &st) != 0)
    return g_strdup ("");
  g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) st.st_mtime);
  dir = g_dir_open (self->clients_path, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;

      if (name[0] == '.')
        continue;
      path = g_build_filename (self->clients_path, name, NULL);
      if (g_stat (path, &st) == 0)
        {
          /* Folder times change when a visit is added or removed; a
           * visit saved again changes only its own time, so the
           * newest file counts too (seen through the folder's size) */
          sum = sum * 31 + (guint64) st.st_mtime * 1000003u + (guint64) st.st_size;
          n++;
        }
    }
  g_string_append_printf (out, ":%u:%" G_GUINT64_FORMAT, n, sum);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
bm_library_update_client (BmLibrary  *self,
                          const char *id,
                          const char *name,
                          int         birth_year,
                          const char *email,
                          const char *phone,
                          GError    **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (BM_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (id != NULL && name != NULL, FALSE);

  if (bm_library_lookup (self, id) == NULL)
    {
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_NO_CLIENT, _("no client with the id “%s”"), id);
      return FALSE;
    }
  if (*name == '\0')
    {
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_IO, _("%s: must not be empty"), "name");
      return FALSE;
    }
  path = g_build_filename (self->clients_path, id, "client.json", NULL);
  bytes = client_file_bytes (name, birth_year, email, phone);
  if (!bm_file_replace (path, TMP_PREFIX, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                        BM_FILE_REPLACE_NONE, &local))
    {
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_IO, _("%s: could not write: %s"), path,
                   local->message);
      return FALSE;
    }
  /* That client alone: a whole library is read in a worker thread */
  return bm_library_load_client (self, id, error);
}
