/* test-plan-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bm-advisor.h"
#include "bm-atlas.h"
#include "bm-homecare.h"
#include "bm-intake-io.h"
#include "bm-plan-document.h"
#include "bm-progress.h"
#include "bm-plan-text.h"

#include "bm-test-files.h"
#include "bm-test-plans.h"

typedef struct
{
  char     *dir;
  BmIntake *intake;
  BmPlan   *plan;
  char     *path;
  guint     n_pages;
} Fixture;

/* Helpers */

static char *
run_tool (const char *first,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;
  const char *arg;
  va_list args;

  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static gboolean
have_poppler (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");

  if (pdftotext == NULL || pdfinfo == NULL)
    {
      g_test_skip ("pdftotext and pdfinfo (poppler-utils) are needed");
      return FALSE;
    }
  return TRUE;
}

/* Words separated by single spaces, so wrapped lines read as one */
static char *
squeeze (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \n\t\f\r", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i]; i++)
    if (*words[i])
      {
        if (out->len)
          g_string_append_c (out, ' ');
        g_string_append (out, words[i]);
      }
  return g_string_free (out, FALSE);
}

static char *
pdf_text (const char *path,
          guint       page)   /* from 1; 0: all */
{
  g_autofree char *first = g_strdup_printf ("%u", page ? page : 1);
  g_autofree char *last = g_strdup_printf ("%u", page ? page : 9999);

  return run_tool ("pdftotext", "-enc", "UTF-8", "-layout", "-f", first, "-l", last, path, "-", NULL);
}

/* In reading order: each column's lines together */
static char *
pdf_raw_text (const char *path)
{
  return run_tool ("pdftotext", "-enc", "UTF-8", path, "-", NULL);
}

static char *
pdf_info (const char *path,
          const char *key)
{
  g_autofree char *info = run_tool ("pdfinfo", "-enc", "UTF-8", path, NULL);
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  g_autofree char *prefix = g_strconcat (key, ":", NULL);

  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strstrip (g_strdup (lines[i] + strlen (prefix)));
  return NULL;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  g_autofree char *h = squeeze (haystack);
  g_autofree char *n = squeeze (needle);

  if (strstr (h, n) == NULL)
    g_error ("“%s” not found in the PDF's text:\n%s", n, haystack);
}

/* The first few words of a text: enough to find it, short enough that a
 * column beside it cannot come between them */
static char *
first_words (const char *text,
             guint       n)
{
  /* At most n words and the rest, so that cutting the rest loses nothing */
  g_auto(GStrv) words = g_strsplit (text, " ", (int) n + 1);

  if (g_strv_length (words) > n)
    {
      g_free (words[n]);
      words[n] = NULL;
    }
  return g_strjoinv (" ", words);
}

static void
add_mark (BmIntake   *intake,
          const char *region,
          BmSide      side,
          int         severity,
          BmSymptoms  symptoms,
          const char *note)
{
  g_autoptr(BmMark) mark = bm_mark_new (region, side, severity, symptoms, note);

  bm_intake_set_mark (intake, mark, FALSE);
}

static void
add_warning (BmPlan         *plan,
             BmWarningLevel  level,
             const char     *region,
             BmSide          side,
             const char     *message)
{
  BmPlanWarning *warning = g_new0 (BmPlanWarning, 1);

  warning->level = level;
  warning->region = g_strdup (region);
  warning->side = side;
  warning->message = g_strdup (message);
  g_ptr_array_add (plan->warnings, warning);
}

/* Tags each item's reason at its start and end, so the test can find
 * where a row begins and ends in the PDF's text */
static void
tag_rows (BmPlan *plan)
{
  for (guint i = 0; i < plan->items->len; i++)
    {
      BmPlanItem *item = g_ptr_array_index (plan->items, i);
      char *reason = g_strdup_printf ("row%02ustart %s row%02uend", i, item->reason ? item->reason : "", i);

      g_free (item->reason);
      item->reason = reason;
    }
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
export (Fixture    *f,
        const char *name)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pages = NULL;

  tag_rows (f->plan);
  f->path = g_build_filename (f->dir, name, NULL);
  file = g_file_new_for_path (f->path);
  g_assert_true (bm_plan_export_pdf (f->intake, f->plan, file, &error));
  g_assert_no_error (error);
  pages = pdf_info (f->path, "Pages");
  g_assert_nonnull (pages);
  f->n_pages = atoi (pages);

  /* To look at the pages: BM_TEST_KEEP_PDF=folder */
  if (g_getenv ("BM_TEST_KEEP_PDF"))
    {
      g_autofree char *kept = g_build_filename (g_getenv ("BM_TEST_KEEP_PDF"), name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (kept, contents, length, NULL));
    }
}

/* Fixtures */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = bm_test_make_temp_dir ("bodymap-pdf");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  bm_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_clear_pointer (&f->plan, bm_plan_free);
  g_clear_object (&f->intake);
}

static void
make_short (Fixture *f)
{
  f->intake = bm_intake_new ();
  bm_intake_set_client_name (f->intake, "Ana Short");
  bm_intake_set_birth_year (f->intake, 1990);
  bm_intake_set_visit_date (f->intake, "2026-03-02");
  bm_intake_set_goals (f->intake, "Run a relaxed 10K");
  add_mark (f->intake, "calf", BM_SIDE_LEFT, 5, BM_SYMPTOM_TIGHT | BM_SYMPTOM_KNOT, "after hill repeats");
  add_mark (f->intake, "hamstrings", BM_SIDE_RIGHT, 3, BM_SYMPTOM_TIGHT, NULL);
  add_mark (f->intake, "neck", BM_SIDE_CENTER, 2, BM_SYMPTOM_SORE, NULL);
  f->plan = bm_advise (f->intake);
  add_warning (f->plan, BM_WARNING_CAUTION, "calf", BM_SIDE_LEFT, "Keep the pressure moderate on the knot.");
}

static const char long_word[] =
  "Supercalifragilisticexpialidocious-and-then-some-more-letters-that-never-stop-"
  "at-all-because-nobody-pressed-the-space-bar-while-typing-this-note";

static void
make_long (Fixture *f)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GString) goals = g_string_new (NULL);
  guint n = 0;

  f->intake = bm_intake_new ();
  bm_intake_set_client_name (f->intake, "Maximiliana Long-Surname de la Fuente y Montenegro");
  bm_intake_set_visit_date (f->intake, "2026-11-23");
  bm_intake_set_next_race (f->intake, "2026-11-25", "100 km trail ultra");
  bm_intake_set_last_race (f->intake, "2026-11-01", "half marathon");
  bm_intake_set_health (f->intake, BM_HEALTH_BLOOD_THINNERS | BM_HEALTH_OSTEOPOROSIS |
                                   BM_HEALTH_CLOTS_OR_VARICOSE_VEINS | BM_HEALTH_SKIN_CONDITION);
  bm_intake_set_avoided (f->intake, "abdomen", TRUE);
  bm_intake_set_avoided (f->intake, "chest", TRUE);

  for (guint i = 0; i < bm_atlas_get_n_regions (atlas); i++)
    {
      const BmRegion *region = bm_atlas_get_region (atlas, i);
      const char *id = bm_region_get_id (region);
      BmSide sides[2] = { BM_SIDE_LEFT, BM_SIDE_RIGHT };
      guint n_sides = bm_region_is_paired (region) ? 2 : 1;

      if (!bm_region_is_paired (region))
        sides[0] = BM_SIDE_CENTER;
      for (guint s = 0; s < n_sides; s++, n++)
        add_mark (f->intake, id, sides[s], 1 + n % 10, bm_symptom_nth (n % BM_N_SYMPTOMS),
                  n % 7 == 0 ? "It has been bothering me for weeks, mostly after long runs on "
                               "the road, and it eases a little with stretching." : NULL);
    }

  for (guint i = 0; i < 12; i++)
    g_string_append (goals, "Finish the ultra feeling strong, keep the calves calm on the descents, ");
  g_string_append (goals, long_word);
  bm_intake_set_goals (f->intake, goals->str);

  f->plan = bm_advise (f->intake);
  for (guint i = 0; i < 6; i++)
    {
      add_warning (f->plan, BM_WARNING_REFER, "shin", BM_SIDE_LEFT,
                   "Pain on the bone itself that gets worse when hopping needs a physiotherapist "
                   "to rule out a stress reaction before any work on this area.");
      add_warning (f->plan, BM_WARNING_CAUTION, NULL, BM_SIDE_CENTER,
                   "Blood thinners: lighter pressure everywhere, no Ashiatsu.");
    }
  add_warning (f->plan, BM_WARNING_POSTPONE, NULL, BM_SIDE_CENTER, "Fever today: no massage.");

  for (guint i = 0; i < 40; i++)
    g_string_append (notes, "Worked slowly through the posterior chain; the client tolerated "
                            "firm pressure on the left side better than on the right. ");
  g_string_append (notes, long_word);
  f->plan->therapist_notes = g_strdup (notes->str);
  if (f->plan->items->len > 2)
    ((BmPlanItem *) g_ptr_array_index (f->plan->items, 2))->therapist = TRUE;
}

static void
make_jamie (Fixture *f)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "jamie.bodymap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  f->intake = bm_intake_load_file (file, &error);
  g_assert_no_error (error);
  f->plan = bm_advise (f->intake);
}

static void
assert_has_line (const char *text,
                 const char *line)
{
  g_autofree char *with_newlines = g_strdup_printf ("\n%s\n", line);

  if (strstr (text, with_newlines) == NULL)
    g_error ("“%s” is not a line of:\n%s", line, text);
}

static void
test_text_safety (void)
{
  g_autoptr(BmPlan) plan = bm_test_make_safety_plan ();
  g_autofree char *text = bm_plan_to_text (plan);

  /* The session's unplanned minutes, and what is not to be touched, once */
  assert_has_line (text, "Session: 60 minutes");
  assert_has_line (text, "  12 min not planned yet");
  assert_has_line (text, "Do not touch: Foot (top), Neck");
  g_assert_cmpuint (count (text, "Neck"), ==, 1);

  /* One line for a warning of three areas; the acknowledged one says so */
  assert_has_line (text, "  See a professional first, Right shin, left calf, right calf: " BM_TEST_NERVE_MESSAGE);
  g_assert_cmpuint (count (text, BM_TEST_NERVE_MESSAGE), ==, 1);
  assert_has_line (text, "  Caution: Blood thinners: lighter pressure throughout.");
  assert_has_line (text, "    Acknowledged by your therapist: cleared by GP on 28 Nov");

  /* Each row says why it is there, on its own */
  assert_has_line (text, "  Left outer hip (TFL): 8 minutes\n    Supports: Left IT band");
  assert_has_line (text, "  Right hamstrings: 10 minutes\n    General maintenance");
  assert_has_line (text, "  Right upper back (rhomboids): 5 minutes\n    Added by the therapist");
  assert_has_line (text, "  Left glutes: left out by the therapist, 12 min freed\n    Marked: 5/10, Knot");
  assert_has_line (text, "  Right shin: not worked today\n    Marked: 7/10, Tingling");
  g_assert_null (strstr (text, "upporting area"));
  g_assert_null (strstr (text, ": 0 minutes"));

  assert_has_line (text, "Next time\n  Right front thigh (quadriceps): 3/10, Sore");

  /* Dates from the visit (Thursday 3 December), not from today */
  assert_has_line (text, "  Next race in 6 days");
  assert_has_line (text, "  Light work only this close to the race.");
  assert_has_line (text, "Next visit: in about 4 days (Mon 7 Dec)");
  assert_has_line (text, "  A light session a few days before the race.");
  assert_has_line (text, "  Before your race: a light session in 3 days (Sun 6 Dec)");
  assert_has_line (text, "  After your race: a recovery session in 9 days (Sat 12 Dec)");

  /* Home care last, the areas' first */
  assert_has_line (text, "At home\n  IT band: Roll the outer thigh gently, never the band itself.\n"
                         "  Drink well and walk a little tonight.");
  g_assert_true (strstr (text, "At home") > strstr (text, "Next visit"));
}

static void
test_text_postponed (void)
{
  g_autoptr(BmPlan) plan = bm_test_make_postponed_plan ();
  g_autofree char *text = bm_plan_to_text (plan);

  /* Plainly at the top, before the warnings */
  assert_has_line (text, "No massage today\n  Rest until you have been well for two days, then rebook.");
  g_assert_true (strstr (text, "No massage today") < strstr (text, "Warnings"));
  g_assert_null (strstr (text, "Session:"));
  g_assert_null (strstr (text, "minutes"));
  g_assert_null (strstr (text, "A flush today"));
  assert_has_line (text, "  Left calf: not worked today");
  /* Race day and the day after, in words */
  assert_has_line (text, "  Race today");
  assert_has_line (text, "  Raced yesterday");
  g_assert_null (strstr (text, "0 days"));
}

static void
test_text_race_words (void)
{
  g_autoptr(BmPlan) plan = bm_test_make_safety_plan ();
  g_autofree char *next = NULL;
  g_autofree char *last = NULL;
  g_autofree char *visit = NULL;

  plan->days_to_race = 1;
  plan->days_since_race = 0;
  plan->visit_before_race = 0;
  plan->next_visit_days = 1;
  next = bm_plan_dup_next_race (plan);
  last = bm_plan_dup_last_race (plan);
  g_assert_cmpstr (next, ==, "Race tomorrow");
  g_assert_cmpstr (last, ==, "Raced today");
  g_clear_pointer (&next, g_free);
  next = bm_plan_dup_race_visit (plan, TRUE);
  g_assert_cmpstr (next, ==, "Before your race: a light session today (Thu 3 Dec)");
  visit = bm_plan_dup_next_visit (plan, TRUE);
  g_assert_cmpstr (visit, ==, "Tomorrow (Fri 4 Dec)");

  plan->days_since_race = 3;
  g_clear_pointer (&last, g_free);
  last = bm_plan_dup_last_race (plan);
  g_assert_cmpstr (last, ==, "Last race 3 days ago");
}

/* Checks */

/* No row is cut: each row's start and end are on the same page, once in
 * the whole document (a row sliced by a page end would be drawn twice).
 * Pages that continue the table repeat its header. */
static void
assert_rows_whole (Fixture *f)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);
  guint first_table_page = G_MAXUINT;

  for (guint p = 1; p <= f->n_pages; p++)
    g_ptr_array_add (pages, pdf_text (f->path, p));

  for (guint i = 0; i < f->plan->items->len; i++)
    {
      g_autofree char *start = g_strdup_printf ("row%02ustart", i);
      g_autofree char *end = g_strdup_printf ("row%02uend", i);
      guint n_start = 0, n_end = 0;

      for (guint p = 0; p < pages->len; p++)
        {
          const char *text = g_ptr_array_index (pages, p);
          guint s = count (text, start), e = count (text, end);

          if (s != e)
            g_error ("page %u: the row %s…%s is cut", p + 1, start, end);
          if (s > 0)
            {
              first_table_page = MIN (first_table_page, p);
              if (p > first_table_page)
                g_assert_nonnull (strstr (text, "Techniques and why"));
            }
          n_start += s;
          n_end += e;
        }
      g_assert_cmpuint (n_start, ==, 1);
      g_assert_cmpuint (n_end, ==, 1);
    }
}

/* Every word inside the page, clear of the paper's edge by 6 mm */
static void
assert_within_margins (Fixture *f)
{
  g_autofree char *html = run_tool ("pdftotext", "-enc", "UTF-8", "-bbox", f->path, "-", NULL);
  g_autoptr(GRegex) page_re = g_regex_new ("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\"", 0, 0, NULL);
  g_autoptr(GRegex) word_re = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" "
                                           "xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)<", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *page_width = NULL;
  g_autofree char *page_height = NULL;
  double width = 0, height = 0, edge = 6 / 25.4 * 72;
  guint n_words = 0;

  g_assert_true (g_regex_match (page_re, html, 0, &match));
  page_width = g_match_info_fetch (match, 1);
  page_height = g_match_info_fetch (match, 2);
  width = g_ascii_strtod (page_width, NULL);
  height = g_ascii_strtod (page_height, NULL);
  g_clear_pointer (&match, g_match_info_unref);
  g_assert_cmpfloat (width, >, 500);

  g_regex_match (word_re, html, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *x0 = g_match_info_fetch (match, 1);
      g_autofree char *y0 = g_match_info_fetch (match, 2);
      g_autofree char *x1 = g_match_info_fetch (match, 3);
      g_autofree char *y1 = g_match_info_fetch (match, 4);
      g_autofree char *word = g_match_info_fetch (match, 5);

      if (g_ascii_strtod (x0, NULL) < edge || g_ascii_strtod (x1, NULL) > width - edge ||
          g_ascii_strtod (y0, NULL) < edge || g_ascii_strtod (y1, NULL) > height - edge)
        g_error ("“%s” runs past the margin: x %s–%s, y %s–%s", word, x0, x1, y0, y1);
      n_words++;
      g_match_info_next (match, NULL);
    }
  g_assert_cmpuint (n_words, >, 100);
}

static void
assert_common (Fixture *f)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  g_autofree char *text = pdf_raw_text (f->path);
  g_autofree char *numbering = g_strdup_printf ("Page 1 of %u", f->n_pages);
  g_autofree char *last = g_strdup_printf ("Page %u of %u", f->n_pages, f->n_pages);
  struct stat st;

  assert_contains (text, "Treatment plan");
  assert_contains (text, bm_intake_get_client_name (f->intake));
  assert_contains (text, numbering);
  assert_contains (text, last);
  assert_contains (text, "Body Map " PACKAGE_VERSION);
  assert_contains (text, "Therapist:");
  assert_contains (text, "Therapist’s signature");

  for (guint i = 0; i < f->plan->items->len; i++)
    {
      const BmPlanItem *item = g_ptr_array_index (f->plan->items, i);
      const BmRegion *region = bm_atlas_lookup (atlas, item->region);
      g_autofree char *label = bm_region_dup_label (region, item->side);
      g_autofree char *role = bm_plan_item_dup_role (item);

      assert_contains (text, label);
      for (guint t = 0; item->techniques && item->techniques[t]; t++)
        assert_contains (text, bm_technique_get_name (item->techniques[t]));
      /* Each row says why it is there */
      if (role)
        assert_contains (text, role);
      if (item->therapist && !item->left_out && item->role != BM_ITEM_ADDED)
        assert_contains (text, "Changed by the therapist");
    }
  g_assert_null (strstr (text, "upporting area"));
  /* The advisor's home care, each piece of it */
  for (guint i = 0; i < f->plan->home_care->len; i++)
    {
      const BmHomeCareItem *hc = g_ptr_array_index (f->plan->home_care, i);
      g_autofree char *start = first_words (hc->text, 5);

      assert_contains (text, start);
    }
  /* Each warning once, however many areas it names */
  {
    g_autoptr(GPtrArray) groups = bm_plan_group_warnings (f->plan);

    for (guint i = 0; i < groups->len; i++)
      {
        const BmWarningGroup *group = g_ptr_array_index (groups, i);
        g_autofree char *start = first_words (group->message, 5);

        assert_contains (text, start);
      }
  }

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  assert_rows_whole (f);
  assert_within_margins (f);
}

/* Tests */

/* A short plan; with @data, in that body outline, which the map names
 * under its legend */
static void
test_short (Fixture       *f,
            gconstpointer  data)
{
  const char *body = data;
  g_autofree char *text = NULL;

  if (!have_poppler ())
    return;
  make_short (f);
  bm_intake_set_body (f->intake, body);
  export (f, "short.pdf");
  g_assert_cmpuint (f->n_pages, >=, 1);
  /* Spare minutes go to the runner's usual chain: a few more rows */
  g_assert_cmpuint (f->n_pages, <=, 3);
  assert_common (f);

  text = pdf_raw_text (f->path);
  assert_contains (text, "Left calf");
  assert_contains (text, "Caution");
  assert_contains (text, "Keep the pressure moderate on the knot.");
  assert_contains (text, "About 36");
  assert_contains (text, "Born in 1990");
  assert_contains (text, "Run a relaxed 10K");
  assert_contains (text, "after hill repeats");
  assert_contains (text, body ? "Outline: Wider hips" : "Outline: Standard");
}

static void
test_long (Fixture       *f,
           gconstpointer  data)
{
  Fixture short_f = { 0 };
  g_autofree char *text = NULL;

  if (!have_poppler ())
    return;
  short_f.dir = f->dir;
  make_short (&short_f);
  export (&short_f, "short.pdf");

  make_long (f);
  g_assert_cmpuint (f->plan->items->len, >=, 40);
  export (f, "long.pdf");
  g_assert_cmpuint (f->n_pages, >, short_f.n_pages);
  assert_common (f);

  text = pdf_raw_text (f->path);
  assert_contains (text, "Postpone");
  assert_contains (text, "Refer first");
  assert_contains (text, "in 2 days");
  assert_contains (text, "22 days ago");
  /* The unbroken word wraps instead of running off the page */
  assert_contains (text, "Supercalifragilistic");

  g_free (short_f.path);
  g_clear_pointer (&short_f.plan, bm_plan_free);
  g_clear_object (&short_f.intake);
}

static void
test_jamie (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *title = NULL;
  g_autofree char *creator = NULL;
  g_autofree char *text = NULL;

  if (!have_poppler ())
    return;
  make_jamie (f);
  export (f, "jamie.pdf");
  assert_common (f);

  title = pdf_info (f->path, "Title");
  g_assert_cmpstr (title, ==, "Treatment plan — Jamie Rivers — 2026-11-23");
  creator = pdf_info (f->path, "Creator");
  g_assert_cmpstr (creator, ==, "Body Map " PACKAGE_VERSION);

  text = pdf_raw_text (f->path);
  assert_contains (text, "Marathon, 6 December 2026 (in 13 days)");
  assert_contains (text, "Takes blood thinners");
  assert_contains (text, "Finish my first marathon without calf cramps");
  assert_contains (text, "Foot (top)");
}

/* Issue 11 on paper: a hand-built plan, so that the words do not depend on
 * the advisor */
static void
test_safety (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *layout = NULL;

  if (!have_poppler ())
    return;
  f->intake = bm_intake_new ();
  bm_intake_set_client_name (f->intake, "Robin Safe");
  bm_intake_set_visit_date (f->intake, "2026-12-03");
  bm_intake_set_phase (f->intake, BM_PHASE_TAPER);
  bm_intake_set_avoided (f->intake, "foot", TRUE);
  bm_intake_set_avoided (f->intake, "neck", TRUE);
  bm_intake_set_avoided (f->intake, "abdomen", TRUE);
  add_mark (f->intake, "it-band", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT, NULL);
  add_mark (f->intake, "shin", BM_SIDE_RIGHT, 7, BM_SYMPTOM_TINGLING, NULL);
  f->plan = bm_test_make_safety_plan ();
  export (f, "safety.pdf");
  text = pdf_raw_text (f->path);
  layout = pdf_text (f->path, 0);

  assert_contains (text, "Taper: the weeks before a goal race");
  /* The plan's own list, not the intake's: the abdomen is marked elsewhere */
  assert_contains (text, "Do not touch Foot (top), Neck");
  g_assert_null (strstr (text, "Abdomen"));

  /* One row for the three areas of the nerve warning */
  assert_contains (text, "Right shin, left calf, right calf: " BM_TEST_NERVE_MESSAGE);
  g_assert_cmpuint (count (text, "irritated nerve"), ==, 1);
  /* The acknowledged one, quieter and with its note */
  assert_contains (text, "Acknowledged");
  assert_contains (text, "Caution, acknowledged: cleared by GP on 28 Nov");

  assert_contains (text, "Supports: Left IT band");
  assert_contains (text, "General maintenance");
  assert_contains (text, "Added by the therapist");
  assert_contains (text, "Left out by the therapist (12 min freed)");
  assert_contains (text, "Not worked today");
  g_assert_null (strstr (text, "upporting area"));
  assert_contains (layout, "Not planned yet");
  assert_contains (layout, "12 min");

  assert_contains (text, "Next time");
  assert_contains (text, "Right front thigh (quadriceps): 3/10, Sore");
  assert_contains (text, "In about 4 days (Mon 7 Dec): A light session a few days before the race.");
  assert_contains (text, "Before your race: a light session in 3 days (Sun 6 Dec)");
  assert_contains (text, "After your race: a recovery session in 9 days (Sat 12 Dec)");

  /* Home care is the plan's: the area's first, then the general */
  assert_contains (text, "IT band: Roll the outer thigh gently");
  assert_contains (text, "Drink well and walk a little tonight.");
  g_assert_true (strstr (text, "Roll the outer thigh") < strstr (text, "Drink well"));
}

static void
test_postponed (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *first_page = NULL;

  if (!have_poppler ())
    return;
  f->intake = bm_intake_new ();
  bm_intake_set_client_name (f->intake, "Sam Fever");
  bm_intake_set_visit_date (f->intake, "2026-03-02");
  bm_intake_set_next_race (f->intake, "2026-03-02", "10K");
  bm_intake_set_last_race (f->intake, "2026-03-01", "parkrun");
  add_mark (f->intake, "calf", BM_SIDE_LEFT, 4, BM_SYMPTOM_TIGHT, NULL);
  f->plan = bm_test_make_postponed_plan ();
  export (f, "postponed.pdf");
  text = pdf_raw_text (f->path);
  first_page = pdf_text (f->path, 1);

  /* Plainly, before anything else but the title, and what to do instead */
  assert_contains (text, "No massage today Rest until you have been well for two days, then rebook.");
  g_assert_true (strstr (text, "Rest until") < strstr (text, "Running and health"));
  /* No session length, no timing advice about a session today */
  g_assert_null (strstr (text, "minutes"));
  g_assert_null (strstr (text, "A flush today"));
  assert_contains (text, "10K, 2 March 2026 (today)");
  assert_contains (text, "Parkrun, 1 March 2026 (yesterday)");
  g_assert_null (strstr (text, "0 days"));
  assert_contains (text, "Not worked today");
  assert_contains (first_page, "No massage today");
}

/* Since the last visit: its own section, between the warnings and the
 * plan, each area's change said in words */
static void
test_since_last_visit (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(BmIntake) before = bm_intake_new ();
  g_autoptr(BmPlan) before_plan = NULL;
  g_autofree char *text = NULL;

  if (!have_poppler ())
    return;
  bm_intake_set_client_name (before, "Jamie Rivers");
  bm_intake_set_visit_date (before, "2026-11-09");
  add_mark (before, "calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT, NULL);
  add_mark (before, "neck", BM_SIDE_CENTER, 3, BM_SYMPTOM_TIGHT, NULL);
  before_plan = bm_advise (before);

  f->intake = bm_intake_new ();
  bm_intake_set_client_name (f->intake, "Jamie Rivers");
  bm_intake_set_visit_date (f->intake, "2026-11-23");
  add_mark (f->intake, "calf", BM_SIDE_LEFT, 3, BM_SYMPTOM_TIGHT, NULL);
  add_mark (f->intake, "shin", BM_SIDE_RIGHT, 4, BM_SYMPTOM_SORE, NULL);
  f->plan = bm_advise (f->intake);
  bm_progress_apply (f->plan, before, before_plan);
  export (f, "since.pdf");
  text = pdf_raw_text (f->path);

  assert_contains (text, "Since the last visit");
  assert_contains (text, "Compared with the visit on 9 November 2026");
  assert_contains (text, "Left calf: 6 → 3, better");
  assert_contains (text, "Right shin: new, 4/10");
  assert_contains (text, "Neck: 3 → not marked");
  g_assert_true (strstr (text, "Since the last visit") < strstr (text, "head to toe"));
}

/* Only the expected names are left in @dir: no temporary file */
static void
assert_dir_holds (const char *dir,
                  const char *only)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)))
    if (g_strcmp0 (name, only) != 0)
      g_error ("%s left behind in %s", name, dir);
}

/* An export removes what exports of the same file killed midway left
 * behind, and nothing else */
static void
test_removes_leftovers (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) stale = bm_test_make_leftovers (f->dir, ".plan.pdf.");
  g_autofree char *other = g_build_filename (f->dir, ".other.pdf.Ab12cD", NULL);
  g_autofree char *intake_tmp = g_build_filename (f->dir, ".bodymap-Ab12cD", NULL);

  if (!have_poppler ())
    return;
  make_short (f);
  bm_test_write_aged_file (other, 3600);
  bm_test_write_aged_file (intake_tmp, 3600);
  export (f, "plan.pdf");
  bm_test_check_leftovers (f->dir, ".plan.pdf.", stale);
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (intake_tmp, G_FILE_TEST_EXISTS));
}

static void
test_write_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing", "out.pdf", NULL);
  g_autofree char *taken = g_build_filename (f->dir, "taken.pdf", NULL);
  g_autofree char *locked = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *locked_out = g_build_filename (locked, "out.pdf", NULL);
  g_autoptr(GFile) file = NULL;

  make_short (f);

  /* A folder that does not exist */
  file = g_file_new_for_path (missing);
  g_assert_false (bm_plan_export_pdf (f->intake, f->plan, file, &error));
  g_assert_error (error, BM_PLAN_DOCUMENT_ERROR, BM_PLAN_DOCUMENT_ERROR_WRITE);
  g_assert_true (g_str_has_prefix (error->message, "out.pdf: could not write: "));
  g_assert_null (strchr (error->message, '\n'));
  g_clear_error (&error);
  g_clear_object (&file);
  assert_dir_holds (f->dir, NULL);

  /* The name is taken by a folder: the temporary file was written, and is
   * removed again when the rename fails */
  g_assert_cmpint (g_mkdir (taken, 0700), ==, 0);
  file = g_file_new_for_path (taken);
  g_assert_false (bm_plan_export_pdf (f->intake, f->plan, file, &error));
  g_assert_error (error, BM_PLAN_DOCUMENT_ERROR, BM_PLAN_DOCUMENT_ERROR_WRITE);
  g_assert_true (g_str_has_prefix (error->message, "taken.pdf: could not write: "));
  g_clear_error (&error);
  g_clear_object (&file);
  assert_dir_holds (f->dir, "taken.pdf");
  g_rmdir (taken);

  /* A read-only folder (root may write anyway) */
  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  file = g_file_new_for_path (locked_out);
  if (geteuid () != 0)
    {
      g_assert_false (bm_plan_export_pdf (f->intake, f->plan, file, &error));
      g_assert_cmpstr (error->message, ==, "out.pdf: could not write: Permission denied");
      g_clear_error (&error);
      assert_dir_holds (locked, NULL);
    }
}

static void
test_page_size (void)
{
  double width = 0, height = 0;
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmPlan) plan = NULL;
  g_autoptr(BmPlanDocument) a4 = NULL;
  g_autoptr(BmPlanDocument) letter = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  /* The tests run in C.UTF-8, whose paper is A4 */
  bm_plan_document_get_default_page_size (&width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.28, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 841.89, 0.01);

  bm_intake_set_client_name (intake, "Sam");
  add_mark (intake, "calf", BM_SIDE_RIGHT, 4, BM_SYMPTOM_TIGHT, NULL);
  plan = bm_advise (intake);
  a4 = bm_plan_document_new (intake, plan, width, height);
  letter = bm_plan_document_new (intake, plan, 612, 792);
  g_assert_cmpuint (bm_plan_document_get_n_pages (a4), >=, 1);
  g_assert_cmpuint (bm_plan_document_get_n_pages (letter), >=, 1);

  /* Drawing touches only what it was given */
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  for (guint p = 0; p < bm_plan_document_get_n_pages (letter); p++)
    bm_plan_document_draw_page (letter, cr, p);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Page 1 drawn at one pixel a point */
static cairo_surface_t *
draw_first_page (BmIntake     *intake,
                 const BmPlan *plan)
{
  g_autoptr(BmPlanDocument) document = bm_plan_document_new (intake, plan, 595.28, 841.89);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 596, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  bm_plan_document_draw_page (document, cr, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The rows where two drawings differ; FALSE when they do not */
static gboolean
rows_differing (cairo_surface_t *a,
                cairo_surface_t *b,
                int             *top,
                int             *bottom)
{
  int stride = cairo_image_surface_get_stride (a);
  const guchar *pa = cairo_image_surface_get_data (a), *pb = cairo_image_surface_get_data (b);

  *top = -1;
  *bottom = -1;
  for (int y = 0; y < cairo_image_surface_get_height (a); y++)
    if (memcmp (pa + y * stride, pb + y * stride, 4 * cairo_image_surface_get_width (a)) != 0)
      {
        if (*top < 0)
          *top = y;
        *bottom = y;
      }
  return *top >= 0;
}

/* Every region of the atlas, marked alone, shows on the printed map, and
 * where its shapes are: the rows it changes follow the region's top and
 * bottom in the atlas (the same scale and offset for every region, fitted
 * from all of them), so that none is drawn elsewhere or left out */
static void
test_map_every_region (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  guint n = bm_atlas_get_n_regions (atlas);
  g_autoptr(BmIntake) blank = bm_intake_new ();
  g_autoptr(BmPlan) plan = NULL;
  cairo_surface_t *unmarked;
  g_autofree double *atlas_y = g_new (double, 2 * n);
  g_autofree double *page_y = g_new (double, 2 * n);
  double sx = 0, sy = 0, sxx = 0, sxy = 0, scale, offset;

  bm_intake_set_client_name (blank, "Sam Ortiz");
  bm_intake_set_visit_date (blank, "2026-12-02");
  /* One plan for all: only the map differs between the pages */
  plan = bm_advise (blank);
  unmarked = draw_first_page (blank, plan);

  for (guint i = 0; i < n; i++)
    {
      const BmRegion *region = bm_atlas_get_region (atlas, i);
      BmSide side = bm_region_is_paired (region) ? BM_SIDE_LEFT : BM_SIDE_CENTER;
      g_autoptr(BmIntake) intake = bm_intake_new ();
      cairo_surface_t *marked;
      double top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
      int row_top, row_bottom;

      bm_intake_set_client_name (intake, "Sam Ortiz");
      bm_intake_set_visit_date (intake, "2026-12-02");
      add_mark (intake, bm_region_get_id (region), side, 9, 0, NULL);
      marked = draw_first_page (intake, plan);
      g_test_message ("%s", bm_region_get_id (region));
      g_assert_true (rows_differing (unmarked, marked, &row_top, &row_bottom));
      for (BmView v = 0; v < bm_atlas_get_n_views (atlas); v++)
        {
          BmRect bounds;

          if (bm_region_get_bounds (region, v, side, &bounds))
            {
              top = MIN (top, bounds.y);
              bottom = MAX (bottom, bounds.y + bounds.height);
            }
        }
      atlas_y[2 * i] = top;
      atlas_y[2 * i + 1] = bottom;
      page_y[2 * i] = row_top;
      page_y[2 * i + 1] = row_bottom + 1;
      cairo_surface_destroy (marked);
    }
  cairo_surface_destroy (unmarked);

  for (guint k = 0; k < 2 * n; k++)
    {
      sx += atlas_y[k];
      sy += page_y[k];
      sxx += atlas_y[k] * atlas_y[k];
      sxy += atlas_y[k] * page_y[k];
    }
  scale = (2 * n * sxy - sx * sy) / (2 * n * sxx - sx * sx);
  offset = (sy - scale * sx) / (2 * n);
  /* A figure 600 units tall is printed about 270 points tall */
  g_assert_cmpfloat (scale, >, 0.35);
  for (guint k = 0; k < 2 * n; k++)
    {
      double expected = offset + scale * atlas_y[k];

      g_test_message ("%s %s: atlas %.1f, page %.0f, expected %.1f",
                      bm_region_get_id (bm_atlas_get_region (atlas, k / 2)), k % 2 ? "bottom" : "top",
                      atlas_y[k], page_y[k], expected);
      /* Within the outline's stroke and the symbol over a small region */
      g_assert_cmpfloat (fabs (page_y[k] - expected), <, 6);
    }
}

static void
test_homecare_data (void)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  const char * const *ids = bm_homecare_list_region_ids ();
  g_auto(GStrv) general = g_strsplit (bm_homecare_get_general (), "\n", -1);

  g_assert_cmpuint (g_strv_length ((GStrv) ids), >, 0);
  for (guint i = 0; ids[i]; i++)
    {
      const char *advice = bm_homecare_get_advice (ids[i]);

      if (bm_atlas_lookup (atlas, ids[i]) == NULL)
        g_error ("homecare.json: regions.%s: not a region of the atlas", ids[i]);
      g_assert_nonnull (advice);
      g_assert_cmpuint (strlen (advice), >, 20);
      g_assert_cmpuint (strlen (advice), <, 240);
    }
  /* Every region of the atlas has advice */
  for (guint i = 0; i < bm_atlas_get_n_regions (atlas); i++)
    {
      const char *id = bm_region_get_id (bm_atlas_get_region (atlas, i));

      if (bm_homecare_get_advice (id) == NULL)
        g_error ("homecare.json: no advice for %s", id);
    }
  g_assert_null (bm_homecare_get_advice ("no-such-region"));
  g_assert_cmpuint (g_strv_length (general), >=, 3);
  g_assert_nonnull (strstr (bm_homecare_get_general (), "doctor or physiotherapist"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/plan-document/pdf/short", Fixture, NULL, fixture_set_up, test_short, fixture_tear_down);
  g_test_add ("/plan-document/pdf/outline", Fixture, "wider-hips", fixture_set_up, test_short, fixture_tear_down);
  g_test_add ("/plan-document/pdf/long", Fixture, NULL, fixture_set_up, test_long, fixture_tear_down);
  g_test_add ("/plan-document/pdf/jamie", Fixture, NULL, fixture_set_up, test_jamie, fixture_tear_down);
  g_test_add ("/plan-document/pdf/safety", Fixture, NULL, fixture_set_up, test_safety, fixture_tear_down);
  g_test_add ("/plan-document/pdf/postponed", Fixture, NULL, fixture_set_up, test_postponed, fixture_tear_down);
  g_test_add ("/plan-document/pdf/since-last-visit", Fixture, NULL, fixture_set_up, test_since_last_visit, fixture_tear_down);
  g_test_add ("/plan-document/pdf/write-errors", Fixture, NULL, fixture_set_up, test_write_errors,
              fixture_tear_down);
  g_test_add ("/plan-document/pdf/removes-leftovers", Fixture, NULL, fixture_set_up, test_removes_leftovers,
              fixture_tear_down);
  g_test_add_func ("/plan-document/page-size", test_page_size);
  g_test_add_func ("/plan-document/map/every-region", test_map_every_region);
  g_test_add_func ("/homecare/data", test_homecare_data);
  g_test_add_func ("/plan-text/safety", test_text_safety);
  g_test_add_func ("/plan-text/postponed", test_text_postponed);
  g_test_add_func ("/plan-text/race-words", test_text_race_words);

  return g_test_run ();
}
