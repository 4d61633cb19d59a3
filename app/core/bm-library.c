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
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-library"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "bm-file-util.h"
#include "bm-intake-io.h"
#include "bm-json-writer.h"
#include "bm-library.h"
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

struct _BmLibrary
{
  GObject     parent_instance;

  char       *path;
  char       *clients_path;
  GPtrArray  *clients;    /* BmClient*, sorted */
  GHashTable *by_id;      /* id → BmClient* (borrowed) */
  GPtrArray  *conflicts;  /* char* */
};

G_DEFINE_FINAL_TYPE (BmLibrary, bm_library, G_TYPE_OBJECT)

G_DEFINE_QUARK (bm-library-error-quark, bm_library_error)

static void
visit_info_free (gpointer data)
{
  BmVisitInfo *visit = data;

  g_free (visit->path);
  g_free (visit->visit_id);
  g_free (visit->date);
  g_free (visit->next_race);
  g_strfreev (visit->areas);
  g_free (visit->error);
  g_free (visit);
}

static void
client_free (gpointer data)
{
  BmClient *client = data;

  g_free (client->id);
  g_free (client->dir);
  g_free (client->name);
  g_free (client->email);
  g_free (client->phone);
  g_ptr_array_unref (client->visits);
  g_ptr_array_unref (client->conflicts);
  g_free (client->error);
  g_free (client);
}

static void
bm_library_finalize (GObject *object)
{
  BmLibrary *self = BM_LIBRARY (object);

  g_free (self->path);
  g_free (self->clients_path);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->clients, g_ptr_array_unref);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);

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
  self->clients = g_ptr_array_new_with_free_func (client_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->conflicts = g_ptr_array_new_with_free_func (g_free);
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

static BmVisitInfo *
read_visit (const char *path,
            const char *name)
{
  BmVisitInfo *visit = g_new0 (BmVisitInfo, 1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = NULL;
  g_autoptr(GStrvBuilder) areas = g_strv_builder_new ();
  GPtrArray *marks;

  visit->path = g_strdup (path);
  visit->visit_id = g_strndup (name, strlen (name) - strlen (VISIT_SUFFIX));
  intake = bm_intake_load_file (file, &error);
  if (intake == NULL)
    {
      /* Named by its whole path, as the client's details are: the name
       * alone does not say whose visit it is */
      if (g_str_has_prefix (error->message, name) && g_str_has_prefix (error->message + strlen (name), ": "))
        visit->error = g_strconcat (path, error->message + strlen (name), NULL);
      else
        visit->error = g_strdup (error->message);
      visit->areas = g_new0 (char *, 1);
      return visit;
    }
  visit->date = g_strdup (bm_intake_get_visit_date (intake));
  if (bm_intake_get_next_race (intake))
    visit->next_race = g_strdup (bm_intake_get_next_race (intake)->date);
  marks = bm_intake_get_marks (intake);
  for (guint i = 0; i < marks->len; i++)
    {
      const BmMark *mark = g_ptr_array_index (marks, i);

      g_autofree char *area = g_strdup_printf ("%s:%s:%d", mark->region, bm_side_to_id (mark->side),
                                               mark->severity);

      g_strv_builder_add (areas, area);
    }
  visit->areas = g_strv_builder_end (areas);
  visit->session_minutes = bm_therapist_get_session_minutes (intake);
  return visit;
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

static BmClient *
read_client (const char *dir,
             const char *id)
{
  BmClient *client = g_new0 (BmClient, 1);
  g_autofree char *details = g_build_filename (dir, "client.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;

  client->id = g_strdup (id);
  client->dir = g_strdup (dir);
  client->visits = g_ptr_array_new_with_free_func (visit_info_free);
  client->conflicts = g_ptr_array_new_with_free_func (g_free);

  if (!read_client_file (details, &client->name, &client->birth_year, &client->email, &client->phone, &error))
    client->error = g_strdup (error->message);

  d = g_dir_open (dir, 0, NULL);
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = NULL;

      if (name[0] == '.')
        continue;
      path = g_build_filename (dir, name, NULL);
      if (bm_library_is_conflict_name (name))
        g_ptr_array_add (client->conflicts, g_steal_pointer (&path));
      else if (g_str_has_suffix (name, VISIT_SUFFIX) && strlen (name) > strlen (VISIT_SUFFIX))
        g_ptr_array_add (client->visits, read_visit (path, name));
    }
  g_ptr_array_sort (client->visits, compare_visits);
  g_ptr_array_sort (client->conflicts, (GCompareFunc) g_strcmp0);
  return client;
}

static int
compare_clients (gconstpointer a,
                 gconstpointer b)
{
  const BmClient *x = *(BmClient * const *) a;
  const BmClient *y = *(BmClient * const *) b;
  g_autofree char *kx = g_utf8_collate_key (x->name ? x->name : x->id, -1);
  g_autofree char *ky = g_utf8_collate_key (y->name ? y->name : y->id, -1);
  int c = strcmp (kx, ky);

  return c != 0 ? c : strcmp (x->id, y->id);
}

gboolean
bm_library_load (BmLibrary  *self,
                 GError    **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (BM_IS_LIBRARY (self), FALSE);

  g_hash_table_remove_all (self->by_id);
  g_ptr_array_set_size (self->clients, 0);
  g_ptr_array_set_size (self->conflicts, 0);

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_LOCATION, _("%s: not a folder"), self->path);
      return FALSE;
    }
  if (!g_file_test (self->clients_path, G_FILE_TEST_EXISTS))
    return TRUE;

  dir = g_dir_open (self->clients_path, 0, &local);
  if (dir == NULL)
    {
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_IO, "%s: %s", self->clients_path, local->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;

      if (name[0] == '.' || !g_utf8_validate (name, -1, NULL))
        continue;
      path = g_build_filename (self->clients_path, name, NULL);
      if (bm_library_is_conflict_name (name))
        g_ptr_array_add (self->conflicts, g_steal_pointer (&path));
      else if (g_file_test (path, G_FILE_TEST_IS_DIR))
        g_ptr_array_add (self->clients, read_client (path, name));
    }
  g_ptr_array_sort (self->clients, compare_clients);
  for (guint i = 0; i < self->clients->len; i++)
    {
      BmClient *client = g_ptr_array_index (self->clients, i);

      g_hash_table_insert (self->by_id, client->id, client);
    }
  g_ptr_array_sort (self->conflicts, (GCompareFunc) g_strcmp0);
  return TRUE;
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
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  x = g_utf8_casefold (g_strstrip (g_strdup (a)), -1);
  y = g_utf8_casefold (g_strstrip (g_strdup (b)), -1);
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

/* The id of the client @intake belongs to, made when there is none */
static char *
find_or_make_client (BmLibrary  *self,
                     BmIntake   *intake,
                     gboolean   *made,
                     GError    **error)
{
  const char *name = bm_intake_get_client_name (intake);
  int birth_year = bm_intake_get_birth_year (intake);
  const char *email = bm_intake_get_email (intake);
  char *lock;
  char *id;

  *made = FALSE;

  /* A client on file */
  for (guint i = 0; i < self->clients->len; i++)
    {
      const BmClient *client = g_ptr_array_index (self->clients, i);

      if (client->name && client_matches (name, birth_year, email, client->name, client->birth_year, client->email))
        return g_strdup (client->id);
    }

  /* Looked for again, and made, by one process at a time */
  if (!(lock = lock_clients (self, error)))
    return NULL;
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

gboolean
bm_library_file_intake (BmLibrary  *self,
                        BmIntake   *intake,
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
  if (!(id = find_or_make_client (self, intake, &made, error)))
    return FALSE;

  /* The visit's id: its date and its content, without any earlier link */
  old_client = g_strdup (bm_intake_get_client_id (intake));
  old_visit = g_strdup (bm_intake_get_visit_id (intake));
  bm_intake_set_library_link (intake, NULL, NULL);
  content = bm_intake_save_bytes (intake);
  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
  visit_id = g_strdup_printf ("%s-%.10s", bm_intake_get_visit_date (intake), hash);
  bm_intake_set_library_link (intake, id, visit_id);

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

      if (!bm_library_load (self, error) || !(id = find_or_make_client (self, intake, &made, error)))
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
  return bm_library_load (self, error);
}
