/* bm-fuzz.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stdint.h>
#include <stddef.h>

G_BEGIN_DECLS

/* The fuzz entry points. Each fuzz-*.c also defines LLVMFuzzerTestOneInput
 * around its entry (BM_FUZZ_ENTRY_POINTS) unless built with BM_FUZZ_REPLAY, as
 * tests/test-fuzz-regressions.c does to replay the corpus and every past
 * crasher in the normal test suite. Both abort on a broken invariant. */

/* bm_intake_load_bytes() and bm_intake_load_draft_bytes() on the input;
 * whatever loads must save to bytes that load again and save the same */
int   bm_fuzz_intake_one_input  (const guint8 *data,
                                 gsize         size);
/* The whole plan path: load, advise, plan as JSON and as text, and every
 * page of the printable plan drawn onto a PDF surface that writes nowhere */
int   bm_fuzz_plan_one_input    (const guint8 *data,
                                 gsize         size);

/* The libFuzzer entry points around @one_input (nothing when replaying).
 * A warning or a failed precondition on any input is a bug too. */
#ifndef BM_FUZZ_REPLAY
#define BM_FUZZ_ENTRY_POINTS(one_input)                                   \
  int LLVMFuzzerInitialize (int *argc, char ***argv);                     \
  int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);          \
                                                                          \
  int                                                                     \
  LLVMFuzzerInitialize (int    *argc,                                     \
                        char ***argv)                                     \
  {                                                                       \
    g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);  \
    return 0;                                                             \
  }                                                                       \
                                                                          \
  int                                                                     \
  LLVMFuzzerTestOneInput (const uint8_t *data,                            \
                          size_t         size)                            \
  {                                                                       \
    return one_input (data, size);                                        \
  }
#else
#define BM_FUZZ_ENTRY_POINTS(one_input)
#endif

G_END_DECLS
