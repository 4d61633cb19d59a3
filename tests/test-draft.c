/* test-draft.c: the autosaved draft, with no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "bm-draft.h"
#include "bm-intake-io.h"

#include "bm-test-files.h"

static char *tmp_home;

static char *
draft_file (void)
{
  g_autofree char *dir = bm_draft_dup_dir ();

  return g_build_filename (dir, "draft.bodymap", NULL);
}

static void
test_write_read (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmIntake) back = NULL;
  g_autoptr(BmMark) mark = bm_mark_new ("calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_KNOT, "after long runs");
  g_autoptr(GFile) origin = g_file_new_for_path ("/home/someone/Jamie.bodymap");
  g_autoptr(GFile) origin_back = NULL;
  g_autoptr(GDateTime) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = draft_file ();
  struct stat st;

  bm_draft_clear ();
  g_assert_false (bm_draft_exists ());

  bm_intake_set_client_name (intake, "Jamie Rivers");
  bm_intake_set_mark (intake, mark, FALSE);
  g_assert_true (bm_draft_write (intake, origin, &error));
  g_assert_no_error (error);
  g_assert_true (bm_draft_exists ());

  /* Private health data: only the user reads it */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  back = bm_draft_read (&origin_back, &saved, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpstr (bm_intake_get_client_name (back), ==, "Jamie Rivers");
  g_assert_true (bm_mark_equal (bm_intake_get_mark (back, "calf", BM_SIDE_LEFT), mark));
  g_assert_true (g_file_equal (origin, origin_back));
  g_assert_nonnull (saved);
  /* What comes back still needs saving */
  g_assert_true (bm_intake_get_modified (back));

  bm_draft_clear ();
  g_assert_false (bm_draft_exists ());
}

/* A client may mark areas before typing a name: the draft keeps that too */
static void
test_unfinished (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmIntake) back = NULL;
  g_autoptr(BmMark) mark = bm_mark_new ("neck", BM_SIDE_CENTER, 3, 0, NULL);
  g_autoptr(GFile) origin = NULL;
  g_autoptr(GError) error = NULL;

  bm_intake_set_mark (intake, mark, FALSE);
  g_assert_true (bm_draft_write (intake, NULL, &error));
  back = bm_draft_read (&origin, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bm_intake_get_mark (back, "neck", BM_SIDE_CENTER));
  g_assert_null (origin);
  bm_draft_clear ();
}

static void
test_missing (void)
{
  g_autoptr(GError) error = NULL;

  bm_draft_clear ();
  g_assert_null (bm_draft_read (NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_damaged (void)
{
  static const char *damaged[] = { "", "{\"format\": \"bodymap-intake\", \"vers", "\xff\xfe garbage" };
  g_autofree char *dir = bm_draft_dup_dir ();
  g_autofree char *path = draft_file ();

  g_mkdir_with_parents (dir, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autoptr(GError) error = NULL;
      BmIntake *intake;

      g_assert_true (g_file_set_contents (path, damaged[i], -1, NULL));
      intake = bm_draft_read (NULL, NULL, &error);
      g_assert_null (intake);
      g_assert_nonnull (error);
      g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND));
    }
  bm_draft_clear ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* Never the user's real data folder */
  tmp_home = bm_test_make_temp_dir ("bodymap-draft");
  g_setenv ("XDG_DATA_HOME", tmp_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/draft/write-read", test_write_read);
  g_test_add_func ("/draft/unfinished", test_unfinished);
  g_test_add_func ("/draft/missing", test_missing);
  g_test_add_func ("/draft/damaged", test_damaged);

  ret = g_test_run ();

  bm_test_remove_tree (tmp_home);
  g_free (tmp_home);
  return ret;
}
