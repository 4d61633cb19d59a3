/* bm-passcode.h: the therapist's passcode that leaves check-in, kept only
 * as a salted, slow hash (PBKDF2-HMAC-SHA256), with wrong tries limited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BM_PASSCODE_ERROR (bm_passcode_error_quark ())

typedef enum
{
  BM_PASSCODE_ERROR_TOO_SHORT,  /* fewer than BM_PASSCODE_MIN_LENGTH characters */
  BM_PASSCODE_ERROR_DAMAGED,    /* the stored file cannot be read */
  BM_PASSCODE_ERROR_IO,         /* it could not be written */
} BmPasscodeError;

typedef enum
{
  BM_PASSCODE_RIGHT,
  BM_PASSCODE_WRONG,
  BM_PASSCODE_LOCKED,           /* too many wrong tries: wait, even with the right one */
} BmPasscodeResult;

#define BM_PASSCODE_MIN_LENGTH 4
/* Wrong tries allowed before a wait; each further one doubles the wait */
#define BM_PASSCODE_FREE_TRIES 3
#define BM_PASSCODE_FIRST_WAIT 30
#define BM_PASSCODE_MAX_WAIT   (15 * 60)

GQuark            bm_passcode_error_quark   (void);

/* $XDG_CONFIG_HOME/bodymap/check-in-passcode: this device's, mode 0600 */
char             *bm_passcode_dup_default_path (void);

/* Whether a passcode is stored at @path */
gboolean          bm_passcode_is_set        (const char  *path);

/* Stores @passcode (at least BM_PASSCODE_MIN_LENGTH characters) hashed
 * with a new random salt, atomically; @iterations 0: the default. Slow on
 * purpose: call it off the main thread. */
gboolean          bm_passcode_set           (const char  *path,
                                             const char  *passcode,
                                             guint        iterations,
                                             GError     **error);

/* Checks @passcode: wrong tries are counted in the file, so a restart
 * does not reset them. After BM_PASSCODE_FREE_TRIES wrong tries every
 * check waits (LOCKED, @wait_seconds set) before it is tried again, the
 * wait doubling from BM_PASSCODE_FIRST_WAIT up to BM_PASSCODE_MAX_WAIT. A
 * right passcode clears the count. Slow on purpose: call it off the main
 * thread. @now: seconds since the epoch (0: now; tests pass their own). */
BmPasscodeResult  bm_passcode_check         (const char  *path,
                                             const char  *passcode,
                                             gint64       now,
                                             gint64      *wait_seconds,
                                             GError     **error);

/* Asynchronous forms for the interface: the hashing runs in a thread */
void              bm_passcode_check_async   (const char          *path,
                                             const char          *passcode,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
BmPasscodeResult  bm_passcode_check_finish  (GAsyncResult        *result,
                                             gint64              *wait_seconds,
                                             GError             **error);
void              bm_passcode_set_async     (const char          *path,
                                             const char          *passcode,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean          bm_passcode_set_finish    (GAsyncResult        *result,
                                             GError             **error);

/* PBKDF2-HMAC-SHA256 (RFC 8018), for the tests against known vectors */
void              bm_pbkdf2_sha256          (const guint8 *password,
                                             gsize         password_len,
                                             const guint8 *salt,
                                             gsize         salt_len,
                                             guint         iterations,
                                             guint8       *out,
                                             gsize         out_len);

G_END_DECLS
