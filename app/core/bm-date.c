/* bm-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bm-date.h"

gboolean
bm_date_parse (const char *text,
               GDate      *date)
{
  guint y, m, d;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10)
    return FALSE;
  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }

  y = (guint) g_ascii_strtoull (text, NULL, 10);
  m = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  d = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > 31 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

char *
bm_date_to_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

char *
bm_date_add_days (const char *text,
                  int         days)
{
  GDate date;
  guint32 julian;

  if (!bm_date_parse (text, &date))
    return NULL;
  julian = g_date_get_julian (&date);
  if ((days < 0 && (guint32) -(gint64) days >= julian) ||
      (days > 0 && (guint64) julian + (guint64) days > G_MAXUINT32))
    return NULL;
  g_date_set_julian (&date, (guint32) ((gint64) julian + days));
  if (!g_date_valid (&date) || g_date_get_year (&date) > 9999)
    return NULL;
  return bm_date_to_iso (&date);
}

gboolean
bm_date_days_between (const char *from,
                      const char *to,
                      int        *days)
{
  GDate a, b;

  if (!bm_date_parse (from, &a) || !bm_date_parse (to, &b))
    return FALSE;
  if (days)
    *days = g_date_days_between (&a, &b);
  return TRUE;
}

void
bm_date_set_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (date != NULL);

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
}

char *
bm_date_format (const char *text,
                const char *format)
{
  g_autoptr(GDateTime) noon = NULL;
  GDate date;

  g_return_val_if_fail (format != NULL, NULL);

  if (!bm_date_parse (text, &date) ||
      (noon = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                                   g_date_get_day (&date), 12, 0, 0)) == NULL)
    return NULL;
  return g_date_time_format (noon, format);
}
