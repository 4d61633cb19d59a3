/* test-fuzz-regressions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Replays the fuzz seed corpus and every input that once crashed a fuzzer
 * (tests/fuzz/regressions) through the fuzzers' own entry points, built
 * without libFuzzer, so that the normal suite (and the sanitizer build)
 * keeps them fixed.
 */

#include "config.h"

#include <string.h>

#include "fuzz/bm-fuzz.h"

typedef int (*FuzzEntry) (const guint8 *data, gsize size);

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
collect_files (const char  *dir,
               GPtrArray   *paths)
{
  g_autoptr(GDir) d = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (!(d = g_dir_open (dir, 0, &error)))
    {
      /* An empty regressions folder is not kept by git */
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
      return;
    }

  while ((name = g_dir_read_name (d)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_files (path, paths);
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
               !g_str_has_suffix (path, ".md"))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
}

static void
replay (const char *folder,
        FuzzEntry   entry)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fuzz", folder, NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  collect_files (dir, paths);
  if (g_str_equal (folder, "corpus"))
    g_assert_cmpuint (paths->len, >=, 20);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      g_test_message ("%s", path);
      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      g_assert_cmpint (entry ((const guint8 *) contents, length), ==, 0);
    }
}

static void
test_corpus_intake (void)
{
  replay ("corpus", bm_fuzz_intake_one_input);
}

static void
test_corpus_plan (void)
{
  replay ("corpus", bm_fuzz_plan_one_input);
}

static void
test_regressions_intake (void)
{
  replay ("regressions", bm_fuzz_intake_one_input);
}

static void
test_regressions_plan (void)
{
  replay ("regressions", bm_fuzz_plan_one_input);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fuzz/corpus/intake", test_corpus_intake);
  g_test_add_func ("/fuzz/corpus/plan", test_corpus_plan);
  g_test_add_func ("/fuzz/regressions/intake", test_regressions_intake);
  g_test_add_func ("/fuzz/regressions/plan", test_regressions_plan);

  return g_test_run ();
}
