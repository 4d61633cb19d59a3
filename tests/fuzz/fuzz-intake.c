/* fuzz-intake.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "bm-fuzz.h"
#include "bm-intake-io.h"

static void
check_round_trip (BmIntake *intake)
{
  g_autoptr(GBytes) saved = bm_intake_save_bytes (intake);
  g_autoptr(GBytes) saved_again = NULL;
  g_autoptr(BmIntake) reloaded = NULL;
  g_autoptr(GError) error = NULL;

  /* What the loader accepted, the saver writes, and the loader accepts
   * that again; saving it once more gives the same bytes */
  reloaded = bm_intake_load_draft_bytes (saved, NULL, &error);
  if (reloaded == NULL)
    g_error ("saved intake does not load again: %s\n%.*s", error->message,
             (int) g_bytes_get_size (saved), (const char *) g_bytes_get_data (saved, NULL));
  g_assert_false (bm_intake_get_modified (reloaded));

  saved_again = bm_intake_save_bytes (reloaded);
  if (!g_bytes_equal (saved, saved_again))
    g_error ("saving twice gives different bytes:\n%.*s\n---\n%.*s",
             (int) g_bytes_get_size (saved), (const char *) g_bytes_get_data (saved, NULL),
             (int) g_bytes_get_size (saved_again), (const char *) g_bytes_get_data (saved_again, NULL));
}

int
bm_fuzz_intake_one_input (const guint8 *data,
                          gsize         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(BmIntake) intake = NULL;
  g_autoptr(BmIntake) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) draft_error = NULL;

  intake = bm_intake_load_bytes (bytes, "fuzz.bodymap", &error);
  g_assert ((intake == NULL) != (error == NULL));
  if (error != NULL)
    {
      /* One line that names the file */
      g_assert_true (g_str_has_prefix (error->message, "fuzz.bodymap: "));
      g_assert_null (strchr (error->message, '\n'));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
  else
    {
      g_assert_false (bm_intake_get_modified (intake));
      check_round_trip (intake);
    }

  /* Drafts follow the same rules, except that they may be unfinished */
  draft = bm_intake_load_draft_bytes (bytes, NULL, &draft_error);
  g_assert ((draft == NULL) != (draft_error == NULL));
  if (intake != NULL)
    g_assert_nonnull (draft);
  if (draft != NULL)
    check_round_trip (draft);
  else
    g_assert_true (g_utf8_validate (draft_error->message, -1, NULL));

  return 0;
}

BM_FUZZ_ENTRY_POINTS (bm_fuzz_intake_one_input)
