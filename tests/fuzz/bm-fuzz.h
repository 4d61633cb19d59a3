/* bm-fuzz.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The fuzz entry points. Each fuzz-*.c also defines LLVMFuzzerTestOneInput
 * around its entry unless built with BM_FUZZ_REPLAY, as
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

G_END_DECLS
