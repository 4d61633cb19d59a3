/* bm-test-files.h: temporary folders for the tests (no display needed)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <utime.h>

/* A new private folder in the system's temporary folder */
static inline char *
bm_test_make_temp_dir (const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes @path and everything below it (links are removed, not followed) */
static inline void
bm_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            bm_test_remove_tree (child);
          else
            g_unlink (child);
        }
    }
  g_rmdir (path);
}

static inline guint
bm_test_count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Writes @path, last changed @age_seconds ago */
static inline void
bm_test_write_aged_file (const char *path,
                         guint       age_seconds)
{
  struct utimbuf times;

  g_assert_true (g_file_set_contents (path, "left over", -1, NULL));
  times.actime = times.modtime = (time_t) (g_get_real_time () / G_USEC_PER_SEC) - age_seconds;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

/* Leftovers of killed saves into @dir, named @prefix + six characters, and
 * lookalikes that are not: returns the names that must go */
static inline GPtrArray *
bm_test_make_leftovers (const char *dir,
                        const char *prefix)
{
  static const struct { const char *suffix; guint age; gboolean stale; } files[] = {
    { "Ab12cD", 3600, TRUE },    /* an hour old: a leftover */
    { "xYz789", 86400, TRUE },
    { "Rc3nt1", 10, FALSE },     /* a save in progress, perhaps */
    { "abc12", 3600, FALSE },    /* not mkstemp's six characters */
    { "abc1234", 3600, FALSE },
    { "ab.123", 3600, FALSE },
  };
  GPtrArray *stale = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *name = g_strconcat (prefix, files[i].suffix, NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      bm_test_write_aged_file (path, files[i].age);
      if (files[i].stale)
        g_ptr_array_add (stale, g_steal_pointer (&name));
    }
  return stale;
}

/* After a save into @dir: the stale leftovers are gone, nothing else is */
static inline void
bm_test_check_leftovers (const char *dir,
                         const char *prefix,
                         GPtrArray  *stale)
{
  static const char *kept[] = { "Rc3nt1", "abc12", "abc1234", "ab.123" };

  for (guint i = 0; i < stale->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (stale, i), NULL);

      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *name = g_strconcat (prefix, kept[i], NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    }
}
