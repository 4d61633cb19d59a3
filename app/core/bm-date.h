/* bm-date.h: calendar dates as the files write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dates in Body Map's files are calendar days, "YYYY-MM-DD", with no time
 * of day and no time zone: every day count (race timing, next visit) is
 * counted between two such days, never through a local midnight, so
 * daylight-saving changes cannot shift it. */

/* Parses a real calendar day written exactly YYYY-MM-DD (ten characters,
 * ASCII digits, year 1 or later). FALSE, and @date cleared, otherwise. */
gboolean   bm_date_parse           (const char  *text,
                                    GDate       *date);
/* "YYYY-MM-DD" for a valid @date */
char      *bm_date_to_iso          (const GDate *date);
/* The day @days after (or before, when negative) @text, as "YYYY-MM-DD";
 * NULL when @text is not a date or the result is out of range */
char      *bm_date_add_days        (const char  *text,
                                    int          days);
/* Days from @from to @to (negative when @to is earlier); FALSE when either
 * is not a date */
gboolean   bm_date_days_between    (const char  *from,
                                    const char  *to,
                                    int         *days);
/* Today in the local time zone, as a calendar day */
void       bm_date_set_today       (GDate       *date);
/* Formats the day with a g_date_time_format() pattern, at noon UTC so the
 * day never moves; NULL when @text is not a date */
char      *bm_date_format          (const char  *text,
                                    const char  *format);

G_END_DECLS
