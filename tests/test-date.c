/* test-date.c: calendar dates as the files write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "bm-date.h"

static void
test_parse (void)
{
  const char *good[] = { "2026-11-23", "2024-02-29", "0001-01-01", "9999-12-31" };
  const char *bad[] = { NULL, "", "2026-11-3", "2026-11-230", "2026/11/23", "2026-13-01", "2026-00-10",
                        "2025-02-29", "2026-04-31", "0000-01-01", "2026-11-2x", " 2026-11-23", "+026-11-23",
                        "２０２６-11-23", "2026-11-23\n" };
  GDate date;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *iso = NULL;

      g_assert_true (bm_date_parse (good[i], &date));
      iso = bm_date_to_iso (&date);
      g_assert_cmpstr (iso, ==, good[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (bm_date_parse (bad[i], &date));
      g_assert_false (g_date_valid (&date));
    }
}

static void
test_arithmetic (void)
{
  g_autofree char *later = bm_date_add_days ("2026-11-23", 13);
  g_autofree char *earlier = bm_date_add_days ("2026-03-01", -1);
  g_autofree char *leap = bm_date_add_days ("2024-02-28", 1);
  int days = 0;

  g_assert_cmpstr (later, ==, "2026-12-06");
  g_assert_cmpstr (earlier, ==, "2026-02-28");
  g_assert_cmpstr (leap, ==, "2024-02-29");
  g_assert_null (bm_date_add_days ("9999-12-31", 1));
  g_assert_null (bm_date_add_days ("0001-01-01", -1));
  g_assert_null (bm_date_add_days ("tomorrow", 1));
  g_assert_null (bm_date_add_days ("2026-11-23", G_MAXINT));
  g_assert_null (bm_date_add_days ("2026-11-23", G_MININT));

  g_assert_true (bm_date_days_between ("2026-11-23", "2026-12-06", &days));
  g_assert_cmpint (days, ==, 13);
  g_assert_true (bm_date_days_between ("2026-12-06", "2026-11-23", &days));
  g_assert_cmpint (days, ==, -13);
  g_assert_false (bm_date_days_between ("2026-11-23", "soon", &days));
}

/* Day counts never go through a local midnight: the same across the
 * daylight-saving change, whatever the time zone */
static void
test_daylight_saving (void)
{
  const char *zones[] = { "Europe/Madrid", "America/New_York", "Australia/Lord_Howe", "UTC" };

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autofree char *spring = NULL;
      g_autofree char *label = NULL;
      int days = 0;

      g_setenv ("TZ", zones[i], TRUE);
      tzset ();
      g_assert_true (bm_date_days_between ("2026-03-28", "2026-03-30", &days));
      g_assert_cmpint (days, ==, 2);
      spring = bm_date_add_days ("2026-03-28", 2);
      g_assert_cmpstr (spring, ==, "2026-03-30");
      label = bm_date_format ("2026-03-29", "%Y-%m-%d");
      g_assert_cmpstr (label, ==, "2026-03-29");
    }
  g_unsetenv ("TZ");
  tzset ();
}

static void
test_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  bm_date_set_today (&today);
  g_assert_true (g_date_valid (&today));
  g_assert_cmpint (g_date_get_year (&today), ==, g_date_time_get_year (now));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse", test_parse);
  g_test_add_func ("/date/arithmetic", test_arithmetic);
  g_test_add_func ("/date/daylight-saving", test_daylight_saving);
  g_test_add_func ("/date/today", test_today);

  return g_test_run ();
}
