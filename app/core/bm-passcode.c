/* bm-passcode.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-passcode"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "bm-file-util.h"
#include "bm-passcode.h"

#define PASSCODE_FORMAT       "bodymap-passcode"
#define DEFAULT_ITERATIONS    200000
#define MIN_ITERATIONS        1000
#define MAX_ITERATIONS        10000000
#define SALT_BYTES            16
#define HASH_BYTES            32
#define MAX_FILE_SIZE         4096

G_DEFINE_QUARK (bm-passcode-error-quark, bm_passcode_error)

char *
bm_passcode_dup_default_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "bodymap", "check-in-passcode", NULL);
}

void
bm_pbkdf2_sha256 (const guint8 *password,
                  gsize         password_len,
                  const guint8 *salt,
                  gsize         salt_len,
                  guint         iterations,
                  guint8       *out,
                  gsize         out_len)
{
  g_autoptr(GHmac) keyed = g_hmac_new (G_CHECKSUM_SHA256, password, password_len);

  for (guint32 block = 1; out_len > 0; block++)
    {
      guint8 u[HASH_BYTES], t[HASH_BYTES];
      guint8 index[4] = { block >> 24, block >> 16, block >> 8, block };
      gsize len = HASH_BYTES;
      gsize take = MIN (out_len, (gsize) HASH_BYTES);
      GHmac *hmac = g_hmac_copy (keyed);

      /* U1 = PRF (P, S || INT (i)) */
      g_hmac_update (hmac, salt, salt_len);
      g_hmac_update (hmac, index, sizeof index);
      g_hmac_get_digest (hmac, u, &len);
      g_hmac_unref (hmac);
      memcpy (t, u, sizeof t);
      /* Uj = PRF (P, Uj-1); T = U1 ^ U2 ^ ... */
      for (guint j = 1; j < iterations; j++)
        {
          hmac = g_hmac_copy (keyed);
          g_hmac_update (hmac, u, sizeof u);
          len = HASH_BYTES;
          g_hmac_get_digest (hmac, u, &len);
          g_hmac_unref (hmac);
          for (guint k = 0; k < HASH_BYTES; k++)
            t[k] ^= u[k];
        }
      memcpy (out, t, take);
      out += take;
      out_len -= take;
    }
}

/* A salt from the system's random source */
static gboolean
random_bytes (guint8  *out,
              gsize    len,
              GError **error)
{
  int fd = g_open ("/dev/urandom", O_RDONLY | O_CLOEXEC, 0);
  gsize done = 0;

  if (fd < 0)
    {
      g_set_error (error, BM_PASSCODE_ERROR, BM_PASSCODE_ERROR_IO, "/dev/urandom: %s", g_strerror (errno));
      return FALSE;
    }
  while (done < len)
    {
      gssize n = read (fd, out + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_set_error (error, BM_PASSCODE_ERROR, BM_PASSCODE_ERROR_IO, "/dev/urandom: %s",
                       n < 0 ? g_strerror (errno) : "end of file");
          close (fd);
          return FALSE;
        }
      done += (gsize) n;
    }
  close (fd);
  return TRUE;
}

typedef struct
{
  guint   iterations;
  guint8  salt[SALT_BYTES];
  guint8  hash[HASH_BYTES];
  gint64  failures;
  gint64  locked_until;
} Stored;

static gboolean
decode_exact (const char *text,
              guint8     *out,
              gsize       len)
{
  g_autofree guchar *bytes = NULL;
  gsize got = 0;

  if (text == NULL)
    return FALSE;
  bytes = g_base64_decode (text, &got);
  if (got != len)
    return FALSE;
  memcpy (out, bytes, len);
  return TRUE;
}

static gboolean
read_stored (const char  *path,
             Stored      *stored,
             GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  JsonNode *root;
  JsonObject *obj;
  gint64 iterations;

  bytes = bm_file_read_bounded (path, MAX_FILE_SIZE, NULL, &local);
  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
    goto damaged;
  obj = json_node_get_object (root);
  iterations = json_object_get_int_member_with_default (obj, "iterations", 0);
  if (g_strcmp0 (json_object_get_string_member_with_default (obj, "format", NULL), PASSCODE_FORMAT) != 0 ||
      g_strcmp0 (json_object_get_string_member_with_default (obj, "algorithm", NULL), "pbkdf2-sha256") != 0 ||
      iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS ||
      !decode_exact (json_object_get_string_member_with_default (obj, "salt", NULL), stored->salt, SALT_BYTES) ||
      !decode_exact (json_object_get_string_member_with_default (obj, "hash", NULL), stored->hash, HASH_BYTES))
    goto damaged;
  stored->iterations = (guint) iterations;
  stored->failures = MAX (json_object_get_int_member_with_default (obj, "failures", 0), 0);
  stored->locked_until = MAX (json_object_get_int_member_with_default (obj, "locked_until", 0), 0);
  return TRUE;

damaged:
  g_set_error (error, BM_PASSCODE_ERROR, BM_PASSCODE_ERROR_DAMAGED, _("%s: the stored passcode cannot be read: %s"),
               path, local ? local->message : _("not a passcode file"));
  return FALSE;
}

static gboolean
write_stored (const char    *path,
              const Stored  *stored,
              GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *salt = g_base64_encode (stored->salt, SALT_BYTES);
  g_autofree char *hash = g_base64_encode (stored->hash, HASH_BYTES);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *text = NULL;
  g_autoptr(GError) local = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, PASSCODE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "algorithm");
  json_builder_add_string_value (builder, "pbkdf2-sha256");
  json_builder_set_member_name (builder, "iterations");
  json_builder_add_int_value (builder, stored->iterations);
  json_builder_set_member_name (builder, "salt");
  json_builder_add_string_value (builder, salt);
  json_builder_set_member_name (builder, "hash");
  json_builder_add_string_value (builder, hash);
  json_builder_set_member_name (builder, "failures");
  json_builder_add_int_value (builder, stored->failures);
  json_builder_set_member_name (builder, "locked_until");
  json_builder_add_int_value (builder, stored->locked_until);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !bm_file_replace (path, NULL, text, strlen (text), BM_FILE_REPLACE_NONE, &local))
    {
      g_set_error (error, BM_PASSCODE_ERROR, BM_PASSCODE_ERROR_IO, _("%s: could not write: %s"), path,
                   local ? local->message : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
bm_passcode_is_set (const char *path)
{
  Stored stored;

  g_return_val_if_fail (path != NULL, FALSE);

  return read_stored (path, &stored, NULL);
}

gboolean
bm_passcode_set (const char  *path,
                 const char  *passcode,
                 guint        iterations,
                 GError     **error)
{
  Stored stored = { 0 };

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (passcode != NULL, FALSE);

  if (g_utf8_strlen (passcode, -1) < BM_PASSCODE_MIN_LENGTH)
    {
      g_set_error (error, BM_PASSCODE_ERROR, BM_PASSCODE_ERROR_TOO_SHORT,
                   ngettext ("The passcode needs at least %d character",
                             "The passcode needs at least %d characters", BM_PASSCODE_MIN_LENGTH),
                   BM_PASSCODE_MIN_LENGTH);
      return FALSE;
    }
  stored.iterations = iterations ? CLAMP (iterations, MIN_ITERATIONS, MAX_ITERATIONS) : DEFAULT_ITERATIONS;
  if (!random_bytes (stored.salt, SALT_BYTES, error))
    return FALSE;
  bm_pbkdf2_sha256 ((const guint8 *) passcode, strlen (passcode), stored.salt, SALT_BYTES,
                    stored.iterations, stored.hash, HASH_BYTES);
  return write_stored (path, &stored, error);
}

/* Compares in time that does not depend on where they differ */
static gboolean
same_hash (const guint8 *a,
           const guint8 *b)
{
  guint8 diff = 0;

  for (guint i = 0; i < HASH_BYTES; i++)
    diff |= a[i] ^ b[i];
  return diff == 0;
}

BmPasscodeResult
bm_passcode_check (const char  *path,
                   const char  *passcode,
                   gint64       now,
                   gint64      *wait_seconds,
                   GError     **error)
{
  Stored stored;
  guint8 hash[HASH_BYTES];
  gboolean right;

  g_return_val_if_fail (path != NULL, BM_PASSCODE_WRONG);
  g_return_val_if_fail (passcode != NULL, BM_PASSCODE_WRONG);

  if (wait_seconds)
    *wait_seconds = 0;
  if (now <= 0)
    now = g_get_real_time () / G_USEC_PER_SEC;
  if (!read_stored (path, &stored, error))
    return BM_PASSCODE_WRONG;

  if (stored.locked_until > now)
    {
      if (wait_seconds)
        *wait_seconds = stored.locked_until - now;
      return BM_PASSCODE_LOCKED;
    }

  bm_pbkdf2_sha256 ((const guint8 *) passcode, strlen (passcode), stored.salt, SALT_BYTES,
                    stored.iterations, hash, HASH_BYTES);
  right = same_hash (hash, stored.hash);
  if (right)
    {
      if (stored.failures == 0 && stored.locked_until == 0)
        return BM_PASSCODE_RIGHT;
      stored.failures = 0;
      stored.locked_until = 0;
    }
  else
    {
      stored.failures++;
      if (stored.failures >= BM_PASSCODE_FREE_TRIES)
        {
          gint64 wait = BM_PASSCODE_FIRST_WAIT;

          for (gint64 k = BM_PASSCODE_FREE_TRIES; k < stored.failures && wait < BM_PASSCODE_MAX_WAIT; k++)
            wait *= 2;
          wait = MIN (wait, BM_PASSCODE_MAX_WAIT);
          stored.locked_until = now + wait;
          if (wait_seconds)
            *wait_seconds = wait;
        }
    }
  /* The count must be kept: a failure to write it is an error */
  if (!write_stored (path, &stored, error))
    return BM_PASSCODE_WRONG;
  return right ? BM_PASSCODE_RIGHT : BM_PASSCODE_WRONG;
}

typedef struct
{
  char   *path;
  char   *passcode;
  gint64  wait;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  if (job->passcode)
    {
      memset (job->passcode, 0, strlen (job->passcode));
      g_free (job->passcode);
    }
  g_free (job);
}

static Job *
job_new (const char *path,
         const char *passcode)
{
  Job *job = g_new0 (Job, 1);

  job->path = g_strdup (path);
  job->passcode = g_strdup (passcode);
  return job;
}

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  BmPasscodeResult result = bm_passcode_check (job->path, job->passcode, 0, &job->wait, &error);

  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, result);
}

void
bm_passcode_check_async (const char          *path,
                         const char          *passcode,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, bm_passcode_check_async);
  g_task_set_task_data (task, job_new (path, passcode), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, check_thread);
}

BmPasscodeResult
bm_passcode_check_finish (GAsyncResult  *result,
                          gint64        *wait_seconds,
                          GError       **error)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  gssize value = g_task_propagate_int (G_TASK (result), error);

  if (wait_seconds)
    *wait_seconds = job->wait;
  return value < 0 ? BM_PASSCODE_WRONG : (BmPasscodeResult) value;
}

static void
set_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (bm_passcode_set (job->path, job->passcode, 0, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
bm_passcode_set_async (const char          *path,
                       const char          *passcode,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, bm_passcode_set_async);
  g_task_set_task_data (task, job_new (path, passcode), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, set_thread);
}

gboolean
bm_passcode_set_finish (GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
