/* test-faults.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What happens to the user's files when the world misbehaves: a full disk,
 * a read-only folder, the app killed in the middle of a save, a draft that
 * is missing, unreadable or corrupt. No display needed.
 */

#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bm-test-files.h"
#include "bm-draft.h"
#include "bm-intake-io.h"

#define DISPLAY_NAME "jamie.bodymap"

/* Every region and side a mark can have (bodymap --list-regions) */
static const struct { const char *id; gboolean paired; } regions[] = {
  { "neck", FALSE }, { "upper-trapezius", TRUE }, { "shoulder", TRUE }, { "chest", TRUE },
  { "upper-back", TRUE }, { "upper-arm", TRUE }, { "abdomen", FALSE }, { "lower-back", TRUE },
  { "forearm", TRUE }, { "hip-flexors", TRUE }, { "tfl", TRUE }, { "glutes", TRUE },
  { "piriformis", TRUE }, { "adductors", TRUE }, { "quadriceps", TRUE }, { "it-band", TRUE },
  { "hamstrings", TRUE }, { "knee", TRUE }, { "shin", TRUE }, { "peroneals", TRUE },
  { "calf", TRUE }, { "achilles", TRUE }, { "ankle", TRUE }, { "foot", TRUE },
  { "plantar-fascia", TRUE },
};

/* Helpers */

/* A temporary folder the unprivileged user the subprocesses become can
 * reach */
static char *
make_temp_dir (void)
{
  char *dir = bm_test_make_temp_dir ("bodymap-faults");

  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  return dir;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
write_string (const char *path,
              const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
assert_bytes_equal (GBytes *actual,
                    GBytes *expected)
{
  if (!g_bytes_equal (actual, expected))
    g_error ("the file has %" G_GSIZE_FORMAT " bytes and is not the expected %" G_GSIZE_FORMAT " bytes",
             g_bytes_get_size (actual), g_bytes_get_size (expected));
}

/* An intake with every region marked and long notes; @filler adds an
 * unknown key of that many bytes, which is kept when saving. @letter makes
 * two versions differ everywhere. */
static BmIntake *
make_intake (char   letter,
             gsize  filler)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = g_strnfill (900, letter);
  g_autofree char *extra = g_strnfill (filler, letter);
  BmIntake *intake;
  guint n = 0;

  g_string_append_printf (json,
                          "{\"format\": \"bodymap-intake\", \"version\": 1,\n"
                          " \"client\": {\"name\": \"Client %c\"}, \"visit_date\": \"2026-11-23\",\n"
                          " \"goals\": \"%s\",\n"
                          " \"attachment\": \"%s\",\n"
                          " \"marks\": [\n",
                          letter, note, extra);
  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    {
      for (guint side = 0; side < (regions[i].paired ? 2 : 1); side++)
        {
          g_string_append_printf (json,
                                  "%s  {\"region\": \"%s\", \"side\": \"%s\", \"severity\": %u,"
                                  " \"symptoms\": [\"tight\"], \"note\": \"%s\"}",
                                  n++ ? ",\n" : "", regions[i].id,
                                  !regions[i].paired ? "center" : side ? "right" : "left",
                                  (i + (guint) letter) % 11, note);
        }
    }
  g_string_append (json, "\n]}\n");

  bytes = g_string_free_to_bytes (g_steal_pointer (&json));
  intake = bm_intake_load_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  return intake;
}

/* Writes a marker that tells the parent the subprocess could not set up
 * its fault (no privileges to drop, no mount namespace) */
static void
mark_skipped (const char *dir,
              const char *why)
{
  g_autofree char *marker = g_build_filename (dir, "skipped", NULL);

  write_string (marker, why);
}

static gboolean
check_skipped (const char *dir)
{
  g_autofree char *marker = g_build_filename (dir, "skipped", NULL);
  g_autofree char *why = NULL;

  if (!g_file_get_contents (marker, &why, NULL, NULL))
    return FALSE;
  g_test_skip (why);
  g_unlink (marker);
  return TRUE;
}

/* Root may write anywhere: become nobody so that permissions count */
static gboolean
drop_privileges (void)
{
  if (geteuid () != 0)
    return TRUE;
  return setgroups (0, NULL) == 0 && setgid (65534) == 0 && setuid (65534) == 0 && geteuid () != 0;
}

static gboolean
write_proc_file (const char *path,
                 const char *contents)
{
  int fd = open (path, O_WRONLY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = write (fd, contents, strlen (contents)) == (gssize) strlen (contents);
  close (fd);
  return ok;
}

/* A mount namespace of our own, so that a small tmpfs can be mounted
 * without touching the system: directly as root with CAP_SYS_ADMIN,
 * otherwise inside a user namespace where we are root */
static gboolean
enter_mount_namespace (void)
{
  uid_t uid = geteuid ();
  gid_t gid = getegid ();

  if (unshare (CLONE_NEWNS) != 0)
    {
      g_autofree char *uid_map = g_strdup_printf ("0 %u 1\n", (guint) uid);
      g_autofree char *gid_map = g_strdup_printf ("0 %u 1\n", (guint) gid);

      if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0)
        return FALSE;
      write_proc_file ("/proc/self/setgroups", "deny");
      if (!write_proc_file ("/proc/self/uid_map", uid_map) ||
          !write_proc_file ("/proc/self/gid_map", gid_map))
        return FALSE;
    }
  return mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0;
}

/* Fills the filesystem of @dir to the last byte */
static void
fill_disk (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "filler", NULL);
  char block[4096];
  int fd;

  memset (block, 'f', sizeof block);
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  g_assert_cmpint (fd, >=, 0);
  for (gsize size = sizeof block; size > 0; size /= 2)
    {
      while (write (fd, block, size) == (gssize) size)
        ;
    }
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);
}

/* Saves @intake over the intake saved at @path and expects @expected_errno;
 * the old file must stay as it was, nothing else may be left in the
 * folder, and the document must stay unsaved */
static void
assert_save_fails (BmIntake   *intake,
                   const char *path,
                   int         expected_errno)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GBytes) old = read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("%s: could not save: %s",
                                               DISPLAY_NAME, g_strerror (expected_errno));
  guint n_entries = bm_test_count_entries (dir);

  bm_intake_set_modified (intake, TRUE);
  g_assert_false (bm_intake_save_file (intake, file, &error));
  g_assert_error (error, BM_INTAKE_ERROR, BM_INTAKE_ERROR_IO);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_true (bm_intake_get_modified (intake));

  after = read_bytes (path);
  assert_bytes_equal (after, old);
  g_assert_cmpuint (bm_test_count_entries (dir), ==, n_entries);
}

static void
save_or_die (BmIntake   *intake,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (bm_intake_save_file (intake, file, &error));
  g_assert_no_error (error);
}

/* Saving */

static void
test_save_full_disk (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *disk = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(BmIntake) small = make_intake ('a', 0);
      g_autoptr(BmIntake) large = make_intake ('b', 200 * 1024);
      g_autofree char *path = NULL;
      g_autofree char *filler = NULL;

      dir = g_strdup (g_getenv ("BM_TEST_DIR"));
      disk = g_build_filename (dir, "disk", NULL);
      if (!enter_mount_namespace () ||
          mount ("tmpfs", disk, "tmpfs", 0, "size=512k,mode=0755") != 0)
        {
          mark_skipped (dir, "cannot mount a small tmpfs here (no mount namespace)");
          return;
        }

      /* A disk with the old file and not one byte free */
      path = g_build_filename (disk, DISPLAY_NAME, NULL);
      save_or_die (small, path);
      fill_disk (disk);
      assert_save_fails (large, path, ENOSPC);

      /* Even a save that would fit in the old file's space needs room for
       * the new file beside it */
      assert_save_fails (small, path, ENOSPC);

      /* Once there is room again, saving works */
      filler = g_build_filename (disk, "filler", NULL);
      g_assert_cmpint (g_unlink (filler), ==, 0);
      save_or_die (large, path);
      g_assert_false (bm_intake_get_modified (large));
      g_assert_cmpuint (bm_test_count_entries (disk), ==, 1);
      umount (disk);
      return;
    }

  dir = make_temp_dir ();
  disk = g_build_filename (dir, "disk", NULL);
  g_assert_cmpint (g_mkdir (disk, 0755), ==, 0);

  g_setenv ("BM_TEST_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("BM_TEST_DIR");
  g_test_trap_assert_passed ();
  check_skipped (dir);

  bm_test_remove_tree (dir);
}

static void
test_save_file_size_limit (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(BmIntake) small = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(BmIntake) large = make_intake ('b', 100 * 1024);
      struct rlimit limit = { 64 * 1024, 64 * 1024 };

      /* Writing past the limit fails with EFBIG, as a full disk would with
       * ENOSPC; this works without any privilege */
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      path = g_build_filename (g_getenv ("BM_TEST_DIR"), DISPLAY_NAME, NULL);
      assert_save_fails (large, path, EFBIG);
      return;
    }

  dir = make_temp_dir ();
  path = g_build_filename (dir, DISPLAY_NAME, NULL);
  small = make_intake ('a', 0);
  save_or_die (small, path);

  g_setenv ("BM_TEST_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("BM_TEST_DIR");
  g_test_trap_assert_passed ();

  g_assert_cmpuint (bm_test_count_entries (dir), ==, 1);
  bm_test_remove_tree (dir);
}

static void
test_save_read_only_folder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autoptr(BmIntake) old = NULL;
  g_autoptr(GBytes) old_bytes = NULL;
  g_autoptr(GBytes) after = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(BmIntake) intake = make_intake ('b', 0);

      dir = g_strdup (g_getenv ("BM_TEST_DIR"));
      if (!drop_privileges ())
        {
          mark_skipped (dir, "running as root and cannot drop privileges");
          return;
        }
      path = g_build_filename (dir, "ro", DISPLAY_NAME, NULL);
      assert_save_fails (intake, path, EACCES);
      return;
    }

  dir = make_temp_dir ();
  folder = g_build_filename (dir, "ro", NULL);
  path = g_build_filename (folder, DISPLAY_NAME, NULL);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  old = make_intake ('a', 0);
  save_or_die (old, path);
  old_bytes = read_bytes (path);
  /* Readable by the subprocess, which is not its owner */
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);

  g_setenv ("BM_TEST_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("BM_TEST_DIR");
  g_test_trap_assert_passed ();

  if (!check_skipped (dir))
    {
      after = read_bytes (path);
      assert_bytes_equal (after, old_bytes);
      g_assert_cmpuint (bm_test_count_entries (folder), ==, 1);
    }

  bm_test_remove_tree (dir);
}

/* A child saves two versions of a large intake in turn, forever; it is
 * killed at random moments: after a random number of completed saves, a
 * random time into the next one. The file must always be one of the two
 * versions, whole. */
static void
test_save_killed (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, DISPLAY_NAME, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BmIntake) a = make_intake ('a', 300 * 1024);
  g_autoptr(BmIntake) b = make_intake ('b', 400 * 1024);
  g_autoptr(GBytes) bytes_a = bm_intake_save_bytes (a);
  g_autoptr(GBytes) bytes_b = bm_intake_save_bytes (b);
  guint n_kills = g_test_slow () ? 200 : 60;
  guint seen_a = 0, seen_b = 0, leftovers = 0;
  gint64 start, save_us;

  /* Random moments within a few saves: measure how long one takes */
  start = g_get_monotonic_time ();
  save_or_die (b, path);
  save_or_die (a, path);
  save_us = MAX ((g_get_monotonic_time () - start) / 2, 1000);

  for (guint i = 0; i < n_kills; i++)
    {
      g_autoptr(GDir) d = NULL;
      g_autoptr(GBytes) contents = NULL;
      g_autoptr(BmIntake) loaded = NULL;
      g_autoptr(GError) error = NULL;
      const char *name;
      GStatBuf st;
      int saved[2];
      int status;
      int n_saves;
      pid_t pid;

      g_assert_cmpint (pipe (saved), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (saved[0]);
          for (;;)
            {
              g_autoptr(GError) child_error = NULL;

              /* One byte to the parent after each save; why it stopped,
               * if it does, on stderr */
              if (!bm_intake_save_file (b, file, &child_error) || write (saved[1], "b", 1) != 1 ||
                  !bm_intake_save_file (a, file, &child_error) || write (saved[1], "a", 1) != 1)
                {
                  g_printerr ("saving child: %s\n", child_error ? child_error->message : g_strerror (errno));
                  _exit (1);
                }
            }
        }
      close (saved[1]);

      /* Saves take very different times (a second fsync() in a row can
       * wait much longer than the first): a third of the kills come right
       * after a save, the rest at a random moment of the next one */
      n_saves = g_test_rand_int_range (0, 4);
      for (int s = 0; s < n_saves; s++)
        {
          struct pollfd pfd = { saved[0], POLLIN, 0 };
          char c;

          if (poll (&pfd, 1, 60 * 1000) != 1)
            g_error ("the saving child made no progress in a minute");
          if (read (saved[0], &c, 1) != 1)
            {
              g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
              g_error ("the saving child stopped by itself (status %d): see its message above", status);
            }
        }
      if (g_test_rand_int_range (0, 3) != 0)
        g_usleep (g_test_rand_int_range (0, (gint32) MIN (save_us * 2, G_MAXINT32)));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      close (saved[0]);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

      contents = read_bytes (path);
      if (g_bytes_equal (contents, bytes_a))
        seen_a++;
      else if (g_bytes_equal (contents, bytes_b))
        seen_b++;
      else
        g_error ("after kill %u the file is neither version (%" G_GSIZE_FORMAT " bytes)",
                 i, g_bytes_get_size (contents));

      loaded = bm_intake_load_file (file, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);

      /* A kill between creating the temporary file and renaming it leaves
       * that file behind (hidden, private); it never replaces the intake */
      d = g_dir_open (dir, 0, NULL);
      while ((name = g_dir_read_name (d)) != NULL)
        {
          if (g_str_equal (name, DISPLAY_NAME))
            continue;
          g_autofree char *leftover = g_build_filename (dir, name, NULL);

          g_assert_true (g_str_has_prefix (name, ".bodymap-"));
          leftovers++;
          g_unlink (leftover);
        }
    }

  g_test_message ("%u kills: %u times version a, %u times version b, %u temporary files left",
                  n_kills, seen_a, seen_b, leftovers);
  /* The kills did land at different moments of the saving */
  g_assert_cmpuint (seen_a, >, 0);
  g_assert_cmpuint (seen_b, >, 0);

  bm_test_remove_tree (dir);
}

/* Drafts */

static char *
draft_file_path (void)
{
  g_autofree char *dir = bm_draft_dup_dir ();

  return g_build_filename (dir, "draft.bodymap", NULL);
}

static void
write_good_draft (void)
{
  g_autoptr(BmIntake) intake = make_intake ('d', 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (bm_draft_write (intake, NULL, &error));
  g_assert_no_error (error);
}

/* What the app needs to start: no intake, and an error that is not "there
 * is no draft", so that the user is told */
static void
assert_draft_damaged (void)
{
  g_autoptr(BmIntake) intake = NULL;
  g_autoptr(GFile) origin = NULL;
  g_autoptr(GDateTime) saved = NULL;
  g_autoptr(GError) error = NULL;

  intake = bm_draft_read (&origin, &saved, &error);
  g_assert_null (intake);
  g_assert_null (origin);
  g_assert_null (saved);
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND));
  g_assert_cmpstr (error->message, !=, "");
  g_test_message ("%s", error->message);
}

static void
test_draft_missing (void)
{
  g_autoptr(BmIntake) intake = NULL;
  g_autoptr(GError) error = NULL;

  bm_draft_clear ();
  g_assert_false (bm_draft_exists ());
  intake = bm_draft_read (NULL, NULL, &error);
  g_assert_null (intake);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  /* Nor is a missing origin file a problem */
  write_good_draft ();
  {
    g_autofree char *dir = bm_draft_dup_dir ();
    g_autofree char *origin_path = g_build_filename (dir, "draft.origin", NULL);
    g_autoptr(BmIntake) draft = NULL;
    g_autoptr(GFile) origin = NULL;
    g_autoptr(GError) draft_error = NULL;

    g_assert_cmpint (g_unlink (origin_path), ==, 0);
    draft = bm_draft_read (&origin, NULL, &draft_error);
    g_assert_no_error (draft_error);
    g_assert_nonnull (draft);
    g_assert_null (origin);
    g_assert_true (bm_intake_get_modified (draft));
  }
  bm_draft_clear ();
}

static void
test_draft_corrupt (void)
{
  static const char * const damages[] = {
    "",
    "{",
    "\xff\xfe\x00garbage",
    "{\"format\": \"bodymap-intake\", \"version\": 1, \"visit_date\": \"2026-02-30\"}",
    "{\"format\": \"something-else\"}",
    "[1, 2, 3]",
  };
  g_autofree char *path = draft_file_path ();

  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      write_good_draft ();
      g_assert_true (g_file_set_contents (path, damages[i], strlen (damages[i]) + (i == 2 ? 3 : 0), NULL));
      assert_draft_damaged ();
    }

  /* Cut short, as by a power cut on a file system without ordering */
  {
    g_autoptr(BmIntake) intake = make_intake ('d', 0);
    g_autoptr(GBytes) bytes = bm_intake_save_bytes (intake);

    write_good_draft ();
    g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                        g_bytes_get_size (bytes) / 2, NULL));
    assert_draft_damaged ();
  }

  /* Over 1 MiB */
  {
    g_autofree char *huge = g_strnfill (1024 * 1024 + 1, ' ');

    g_assert_true (g_file_set_contents (path, huge, -1, NULL));
    assert_draft_damaged ();
  }

  /* Not a file at all */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  assert_draft_damaged ();
  g_assert_cmpint (g_rmdir (path), ==, 0);

  bm_draft_clear ();
}

static void
run_unreadable_draft (gboolean folder)
{
  g_autofree char *path = NULL;
  g_autofree char *drafts = NULL;
  g_autofree char *bodymap = NULL;
  g_autofree char *skip_dir = NULL;

  if (g_test_subprocess ())
    {
      if (!drop_privileges ())
        {
          mark_skipped (g_getenv ("BM_TEST_DIR"), "running as root and cannot drop privileges");
          return;
        }
      g_assert_true (bm_draft_exists () || folder);
      assert_draft_damaged ();
      return;
    }

  write_good_draft ();
  path = draft_file_path ();
  drafts = bm_draft_dup_dir ();
  bodymap = g_path_get_dirname (drafts);
  if (folder)
    {
      /* The folder belongs to someone else and is closed to us */
      g_assert_cmpint (g_chmod (bodymap, 0755), ==, 0);
      g_assert_cmpint (g_chmod (drafts, 0700), ==, 0);
    }
  else
    {
      g_assert_cmpint (g_chmod (bodymap, 0755), ==, 0);
      g_assert_cmpint (g_chmod (drafts, 0755), ==, 0);
      g_assert_cmpint (g_chmod (path, 0000), ==, 0);
    }

  skip_dir = make_temp_dir ();
  g_assert_cmpint (g_chmod (skip_dir, 0777), ==, 0);
  g_setenv ("BM_TEST_DIR", skip_dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("BM_TEST_DIR");
  g_test_trap_assert_passed ();
  check_skipped (skip_dir);

  g_chmod (drafts, 0700);
  g_chmod (bodymap, 0700);
  g_chmod (path, 0600);
  bm_draft_clear ();
  bm_test_remove_tree (skip_dir);
}

static void
test_draft_unreadable_file (void)
{
  run_unreadable_draft (FALSE);
}

static void
test_draft_unreadable_folder (void)
{
  run_unreadable_draft (TRUE);
}

static void
test_draft_write_fails (void)
{
  g_autoptr(BmIntake) intake = make_intake ('d', 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *drafts = bm_draft_dup_dir ();

  /* The drafts folder cannot be created: a file is in the way */
  bm_draft_clear ();
  g_assert_cmpint (g_rmdir (drafts), ==, 0);
  write_string (drafts, "in the way");
  g_assert_false (bm_draft_write (intake, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_cmpint (g_unlink (drafts), ==, 0);

  /* and reading says there is no draft to restore, not a damaged one */
  g_clear_error (&error);
  write_string (drafts, "in the way");
  g_assert_null (bm_draft_read (NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpint (g_unlink (drafts), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* Drafts go to a folder of this test's own (the other tests run in
   * parallel and use theirs), reachable by the unprivileged subprocesses */
  if (!g_test_subprocess ())
    {
      data_dir = make_temp_dir ();
      g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
    }

  g_test_add_func ("/faults/save/full-disk", test_save_full_disk);
  g_test_add_func ("/faults/save/file-size-limit", test_save_file_size_limit);
  g_test_add_func ("/faults/save/read-only-folder", test_save_read_only_folder);
  g_test_add_func ("/faults/save/killed", test_save_killed);
  g_test_add_func ("/faults/draft/missing", test_draft_missing);
  g_test_add_func ("/faults/draft/corrupt", test_draft_corrupt);
  g_test_add_func ("/faults/draft/unreadable-file", test_draft_unreadable_file);
  g_test_add_func ("/faults/draft/unreadable-folder", test_draft_unreadable_folder);
  g_test_add_func ("/faults/draft/write-fails", test_draft_write_fails);

  status = g_test_run ();

  if (data_dir != NULL)
    bm_test_remove_tree (data_dir);
  return status;
}
