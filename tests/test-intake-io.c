/* test-intake-io.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bm-test-files.h"
#include "bm-intake-io.h"
#include "bm-json-reader.h"

#define DISPLAY_NAME "jamie.bodymap"

/* The example of docs/file-format.md, as written there */
static const char example[] =
  "{\n"
  "  \"format\": \"bodymap-intake\",\n"
  "  \"version\": 1,\n"
  "  \"client\": { \"name\": \"Jamie Rivers\", \"birth_year\": 1994, \"email\": \"\", \"phone\": \"\" },\n"
  "  \"visit_date\": \"2026-11-23\",\n"
  "  \"running\": {\n"
  "    \"phase\": \"peak\",\n"
  "    \"weekly_km\": 55,\n"
  "    \"next_race\": { \"date\": \"2026-12-06\", \"distance\": \"marathon\" },\n"
  "    \"last_race\": null\n"
  "  },\n"
  "  \"pressure\": \"firm\",\n"
  "  \"health\": [\"blood-thinners\"],\n"
  "  \"avoid\": [\"foot\"],\n"
  "  \"goals\": \"Finish my first marathon without calf cramps\",\n"
  "  \"marks\": [\n"
  "    { \"region\": \"calf\", \"side\": \"left\", \"severity\": 6, \"symptoms\": [\"tight\", \"knot\"],\n"
  "      \"note\": \"worse after long runs\" }\n"
  "  ],\n"
  "  \"therapist\": { }\n"
  "}\n";

/* What Body Map writes for it */
static const char example_saved[] =
  "{\n"
  "  \"format\": \"bodymap-intake\",\n"
  "  \"version\": 1,\n"
  "  \"client\": {\n"
  "    \"name\": \"Jamie Rivers\",\n"
  "    \"birth_year\": 1994,\n"
  "    \"email\": \"\",\n"
  "    \"phone\": \"\"\n"
  "  },\n"
  "  \"visit_date\": \"2026-11-23\",\n"
  "  \"running\": {\n"
  "    \"phase\": \"peak\",\n"
  "    \"weekly_km\": 55,\n"
  "    \"next_race\": {\n"
  "      \"date\": \"2026-12-06\",\n"
  "      \"distance\": \"marathon\"\n"
  "    },\n"
  "    \"last_race\": null\n"
  "  },\n"
  "  \"pressure\": \"firm\",\n"
  "  \"health\": [\"blood-thinners\"],\n"
  "  \"avoid\": [\"foot\"],\n"
  "  \"goals\": \"Finish my first marathon without calf cramps\",\n"
  "  \"marks\": [\n"
  "    {\n"
  "      \"region\": \"calf\",\n"
  "      \"side\": \"left\",\n"
  "      \"severity\": 6,\n"
  "      \"symptoms\": [\"tight\", \"knot\"],\n"
  "      \"note\": \"worse after long runs\"\n"
  "    }\n"
  "  ],\n"
  "  \"therapist\": {}\n"
  "}\n";

/* A valid file the reject cases break one piece at a time */
static const char base[] =
  "{\"format\": \"bodymap-intake\", \"version\": 1,\n"
  " \"client\": {\"name\": \"Jamie Rivers\", \"birth_year\": 1994, \"email\": \"\", \"phone\": \"\"},\n"
  " \"visit_date\": \"2026-11-23\",\n"
  " \"running\": {\"phase\": \"peak\", \"weekly_km\": 55,\n"
  "             \"next_race\": {\"date\": \"2026-12-06\", \"distance\": \"marathon\"}, \"last_race\": null},\n"
  " \"pressure\": \"firm\", \"health\": [\"blood-thinners\"], \"avoid\": [\"foot\"], \"goals\": \"Finish\",\n"
  " \"marks\": [{\"region\": \"calf\", \"side\": \"left\", \"severity\": 6, \"symptoms\": [\"tight\", \"knot\"], \"note\": \"worse\"},\n"
  "           {\"region\": \"neck\", \"side\": \"center\", \"severity\": 3, \"symptoms\": []}],\n"
  " \"therapist\": {}}\n";

typedef struct
{
  const char *name;
  const char *find;     /* replaced in base; NULL: replace is the whole file */
  const char *replace;
  int         code;
  const char *message;  /* after "jamie.bodymap: " */
} RejectCase;

#define INVALID BM_INTAKE_ERROR_INVALID

static const RejectCase reject_cases[] = {
  /* What the file is */
  { "format-wrong", "\"bodymap-intake\"", "\"bodymap-plan\"", BM_INTAKE_ERROR_NOT_INTAKE,
    "not a Body Map intake file (format is not \"bodymap-intake\")" },
  { "format-missing", "\"format\": \"bodymap-intake\", ", "", BM_INTAKE_ERROR_NOT_INTAKE,
    "not a Body Map intake file (format is not \"bodymap-intake\")" },
  { "format-number", "\"bodymap-intake\"", "1", BM_INTAKE_ERROR_NOT_INTAKE,
    "not a Body Map intake file (format is not \"bodymap-intake\")" },
  { "root-list", NULL, "[1, 2]", BM_INTAKE_ERROR_NOT_INTAKE,
    "not a Body Map intake file (format is not \"bodymap-intake\")" },
  { "root-null", NULL, "null", BM_INTAKE_ERROR_NOT_INTAKE,
    "not a Body Map intake file (format is not \"bodymap-intake\")" },
  { "newer-version", "\"version\": 1", "\"version\": 3", BM_INTAKE_ERROR_NEWER_VERSION,
    "this file was made by a newer version of Body Map (format version 3)" },
  { "v2-without-client-id", "\"version\": 1", "\"version\": 2", INVALID, "client_id: is missing" },
  { "v2-empty-visit-id", "\"version\": 1", "\"version\": 2, \"client_id\": \"sam\", \"visit_id\": \"\"", INVALID,
    "visit_id: must not be empty" },
  { "newer-version-first", NULL,
    "{\"format\": \"bodymap-intake\", \"version\": 7, \"client\": 5, \"marks\": \"new\"}",
    BM_INTAKE_ERROR_NEWER_VERSION,
    "this file was made by a newer version of Body Map (format version 7)" },
  { "version-zero", "\"version\": 1", "\"version\": 0", INVALID, "version: must be 1 or 2, got 0" },
  { "version-missing", "\"version\": 1,", "", INVALID, "version: is missing" },
  { "version-null", "\"version\": 1", "\"version\": null", INVALID, "version: is missing" },
  { "version-string", "\"version\": 1", "\"version\": \"1\"", INVALID,
    "version: must be a whole number, got \"1\"" },
  { "version-fraction", "\"version\": 1", "\"version\": 1.5", INVALID,
    "version: must be a whole number, got 1.5" },

  /* Client */
  { "client-missing",
    "\"client\": {\"name\": \"Jamie Rivers\", \"birth_year\": 1994, \"email\": \"\", \"phone\": \"\"},", "",
    INVALID, "client: is missing" },
  { "client-not-object",
    "{\"name\": \"Jamie Rivers\", \"birth_year\": 1994, \"email\": \"\", \"phone\": \"\"}", "\"Jamie\"",
    INVALID, "client: must be an object, got \"Jamie\"" },
  { "name-missing", "\"name\": \"Jamie Rivers\", ", "", INVALID, "client.name: is missing" },
  { "name-null", "\"Jamie Rivers\"", "null", INVALID, "client.name: is missing" },
  { "name-empty", "\"Jamie Rivers\"", "\"\"", INVALID, "client.name: must not be empty" },
  { "name-blank", "\"Jamie Rivers\"", "\" \\t\\n \"", INVALID, "client.name: must not be empty" },
  { "name-number", "\"Jamie Rivers\"", "42", INVALID, "client.name: must be text, got 42" },
  { "name-list", "\"Jamie Rivers\"", "[\"Jamie\"]", INVALID, "client.name: must be text, got a list" },
  { "birth-year-too-early", "1994", "1899", INVALID,
    "client.birth_year: must be 1900 or later, got 1899" },
  { "birth-year-zero", "1994", "0", INVALID,
    "client.birth_year: must be 1900 or later, got 0" },
  { "birth-year-negative-huge", "1994", "-1e300", INVALID,
    "client.birth_year: must be 1900 or later, got -1e+300" },
  { "birth-year-after-visit", "1994", "2027", INVALID,
    "client.birth_year: 2027 is after the visit date (2026-11-23)" },
  { "birth-year-future", "1994", "2031", INVALID,
    "client.birth_year: 2031 is after the visit date (2026-11-23)" },
  { "birth-year-visit-year", "1994", "2026", INVALID,
    "client.birth_year: 2026 makes the client younger than 5" },
  { "birth-year-age-2", "1994", "2024", INVALID,
    "client.birth_year: 2024 makes the client younger than 5" },
  { "birth-year-age-4", "1994", "2022", INVALID,
    "client.birth_year: 2022 makes the client younger than 5" },
  /* Against the visit's year, not today's */
  { "birth-year-old-visit", "\"2026-11-23\",", "\"1990-06-01\",", INVALID,
    "client.birth_year: 1994 is after the visit date (1990-06-01)" },
  { "birth-year-fraction", "1994", "1994.5", INVALID,
    "client.birth_year: must be a whole number, got 1994.5" },
  { "birth-year-string", "1994", "\"1994\"", INVALID,
    "client.birth_year: must be a whole number, got \"1994\"" },
  { "birth-year-huge", "1994", "1e300", INVALID,
    "client.birth_year: 1e+300 is after the visit date (2026-11-23)" },
  { "birth-year-whole-double", "1994", "2.027e3", INVALID,
    "client.birth_year: 2027 is after the visit date (2026-11-23)" },
  { "email-number", "\"email\": \"\"", "\"email\": 5", INVALID, "client.email: must be text, got 5" },
  { "phone-bool", "\"phone\": \"\"", "\"phone\": true", INVALID, "client.phone: must be text, got true" },

  /* Visit date */
  { "visit-date-missing", "\"visit_date\": \"2026-11-23\",", "", INVALID, "visit_date: is missing" },
  { "visit-date-feb-30", "\"2026-11-23\"", "\"2026-02-30\"", INVALID,
    "visit_date: must be a date written like 2026-11-23, got \"2026-02-30\"" },
  { "visit-date-feb-29-not-leap", "\"2026-11-23\"", "\"2025-02-29\"", INVALID,
    "visit_date: must be a date written like 2026-11-23, got \"2025-02-29\"" },
  { "visit-date-month-13", "\"2026-11-23\"", "\"2026-13-01\"", INVALID,
    "visit_date: must be a date written like 2026-11-23, got \"2026-13-01\"" },
  { "visit-date-short", "\"2026-11-23\"", "\"2026-1-5\"", INVALID,
    "visit_date: must be a date written like 2026-11-23, got \"2026-1-5\"" },
  { "visit-date-word", "\"2026-11-23\"", "\"tomorrow\"", INVALID,
    "visit_date: must be a date written like 2026-11-23, got \"tomorrow\"" },
  { "visit-date-time", "\"2026-11-23\"", "\"2026-11-23T10:00\"", INVALID,
    "visit_date: must be a date written like 2026-11-23, got \"2026-11-23T10:00\"" },
  { "visit-date-signs", "\"2026-11-23\"", "\"+026-11-23\"", INVALID,
    "visit_date: must be a date written like 2026-11-23, got \"+026-11-23\"" },
  { "visit-date-number", "\"2026-11-23\"", "20261123", INVALID,
    "visit_date: must be text, got 20261123" },

  /* Running */
  { "running-not-object", "\"running\": {", "\"running\": [], \"x\": {", INVALID,
    "running: must be an object, got a list" },
  { "phase-unknown", "\"peak\"", "\"fast\"", INVALID,
    "running.phase: must be one of maintenance, peak, rehab, taper, got \"fast\"" },
  { "phase-number", "\"peak\"", "2", INVALID,
    "running.phase: must be one of maintenance, peak, rehab, taper, got 2" },
  { "weekly-km-negative", "\"weekly_km\": 55", "\"weekly_km\": -1", INVALID,
    "running.weekly_km: must be between 0 and 400, got -1" },
  { "weekly-km-too-high", "\"weekly_km\": 55", "\"weekly_km\": 400.5", INVALID,
    "running.weekly_km: must be between 0 and 400, got 400.5" },
  { "weekly-km-string", "\"weekly_km\": 55", "\"weekly_km\": \"55\"", INVALID,
    "running.weekly_km: must be a number, got \"55\"" },
  { "race-not-object", "{\"date\": \"2026-12-06\", \"distance\": \"marathon\"}", "\"2026-12-06\"", INVALID,
    "running.next_race: must be an object, got \"2026-12-06\"" },
  { "race-date-missing", "\"date\": \"2026-12-06\", ", "", INVALID,
    "running.next_race.date: is missing" },
  { "race-date-invalid", "\"2026-12-06\"", "\"2026-12-32\"", INVALID,
    "running.next_race.date: must be a date written like 2026-11-23, got \"2026-12-32\"" },
  { "race-distance-number", "\"marathon\"", "42.195", INVALID,
    "running.next_race.distance: must be text, got 42.195" },
  { "last-race-date-word", "\"last_race\": null", "\"last_race\": {\"date\": \"yesterday\"}", INVALID,
    "running.last_race.date: must be a date written like 2026-11-23, got \"yesterday\"" },

  /* Pressure, health, avoid, goals */
  { "pressure-unknown", "\"firm\"", "\"hard\"", INVALID,
    "pressure: must be one of light, medium, firm, deep, got \"hard\"" },
  { "health-not-list", "[\"blood-thinners\"]", "\"fever\"", INVALID,
    "health: must be a list, got \"fever\"" },
  { "health-unknown", "[\"blood-thinners\"]", "[\"blood-thinners\", \"flu\"]", INVALID,
    "health[1]: unknown health flag \"flu\"" },
  { "health-duplicate", "[\"blood-thinners\"]", "[\"fever\", \"blood-thinners\", \"fever\"]", INVALID,
    "health[2]: \"fever\" is listed twice (also in health[0])" },
  { "health-number", "[\"blood-thinners\"]", "[1]", INVALID, "health[0]: must be text, got 1" },
  { "avoid-unknown", "[\"foot\"]", "[\"toe\"]", INVALID, "avoid[0]: unknown body region \"toe\"" },
  { "avoid-duplicate", "[\"foot\"]", "[\"foot\", \"calf\", \"foot\"]", INVALID,
    "avoid[2]: \"foot\" is listed twice (also in avoid[0])" },
  { "avoid-message-one-line", "[\"foot\"]", "[\"to\\ne\"]", INVALID,
    "avoid[0]: unknown body region \"to\\ne\"" },
  { "avoid-message-shortened", "[\"foot\"]",
    "[\"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz\"]", INVALID,
    "avoid[0]: unknown body region \"abcdefghijklmnopqrstuvwxyzabcdefghijklmn…\"" },
  { "goals-number", "\"Finish\"", "12", INVALID, "goals: must be text, got 12" },

  /* Marks */
  { "marks-not-list", "\"marks\": [", "\"marks\": {}, \"x\": [", INVALID,
    "marks: must be a list, got an object" },
  { "mark-not-object", "\"marks\": [", "\"marks\": [\"calf\", ", INVALID,
    "marks[0]: must be an object, got \"calf\"" },
  { "mark-region-missing", "\"region\": \"calf\", ", "", INVALID, "marks[0].region: is missing" },
  { "mark-region-unknown", "\"calf\"", "\"toe\"", INVALID, "marks[0].region: unknown body region \"toe\"" },
  { "mark-region-number", "\"calf\"", "7", INVALID, "marks[0].region: must be text, got 7" },
  { "mark-side-missing", "\"side\": \"left\", ", "", INVALID,
    "marks[0].side: is missing (must be left or right for calf)" },
  { "mark-side-null", "\"side\": \"left\"", "\"side\": null", INVALID,
    "marks[0].side: is missing (must be left or right for calf)" },
  { "mark-side-center-on-paired", "\"side\": \"left\"", "\"side\": \"center\"", INVALID,
    "marks[0].side: must be left or right for calf, got \"center\"" },
  { "mark-side-unknown", "\"side\": \"left\"", "\"side\": \"up\"", INVALID,
    "marks[0].side: must be left or right for calf, got \"up\"" },
  { "mark-side-on-midline", "\"side\": \"center\"", "\"side\": \"left\"", INVALID,
    "marks[1].side: must be center for neck, got \"left\"" },
  { "severity-missing", "\"severity\": 6, ", "", INVALID, "marks[0].severity: is missing" },
  { "severity-out-of-range", "\"severity\": 6", "\"severity\": 15", INVALID,
    "marks[0].severity: must be 0-10, got 15" },
  { "severity-negative", "\"severity\": 3", "\"severity\": -1", INVALID,
    "marks[1].severity: must be 0-10, got -1" },
  { "severity-fraction", "\"severity\": 6", "\"severity\": 6.5", INVALID,
    "marks[0].severity: must be a whole number, got 6.5" },
  { "severity-huge", "\"severity\": 6", "\"severity\": -1e20", INVALID,
    "marks[0].severity: must be 0-10, got -1e+20" },
  { "severity-string", "\"severity\": 6", "\"severity\": \"6\"", INVALID,
    "marks[0].severity: must be a whole number, got \"6\"" },
  { "symptoms-not-list", "[\"tight\", \"knot\"]", "\"tight\"", INVALID,
    "marks[0].symptoms: must be a list, got \"tight\"" },
  { "symptom-unknown", "[\"tight\", \"knot\"]", "[\"tight\", \"itchy\"]", INVALID,
    "marks[0].symptoms[1]: unknown symptom \"itchy\"" },
  { "symptom-duplicate", "[\"tight\", \"knot\"]", "[\"tight\", \"knot\", \"tight\"]", INVALID,
    "marks[0].symptoms[2]: \"tight\" is listed twice (also in marks[0].symptoms[0])" },
  { "note-number", "\"worse\"", "5", INVALID, "marks[0].note: must be text, got 5" },
  { "mark-twice",
    "\"symptoms\": []}", "\"symptoms\": []}, {\"region\": \"calf\", \"side\": \"left\", \"severity\": 2}", INVALID,
    "marks[2]: Left calf is marked twice (also in marks[0])" },
  { "mark-twice-midline",
    "\"symptoms\": []}", "\"symptoms\": []}, {\"region\": \"neck\", \"severity\": 2}", INVALID,
    "marks[2]: Neck is marked twice (also in marks[1])" },
  { "therapist-not-object", "\"therapist\": {}", "\"therapist\": []", INVALID,
    "therapist: must be an object, got a list" },

  /* Not JSON: the reader's message with the file name in front */
  { "syntax-empty", NULL, "", BM_INTAKE_ERROR_SYNTAX, "the file is empty" },
  { "syntax-blank", NULL, " \n\t\r\n ", BM_INTAKE_ERROR_SYNTAX, "the file is empty" },
  { "syntax-missing-comma", "\"version\": 1,", "\"version\": 1", BM_INTAKE_ERROR_SYNTAX,
    "line 2, column 2: expected ',' or '}' after an object member" },
  { "syntax-trailing-comma", "\"therapist\": {}}", "\"therapist\": {},}", BM_INTAKE_ERROR_SYNTAX,
    "line 9, column 17: a comma before '}' is not allowed" },
  { "syntax-single-quotes", "\"firm\"", "'firm'", BM_INTAKE_ERROR_SYNTAX,
    "line 6, column 14: single quotes are not allowed, use double quotes" },
  { "syntax-comment", "\"goals\": \"Finish\",", "\"goals\": \"Finish\", // why", BM_INTAKE_ERROR_SYNTAX,
    "line 6, column 90: comments are not allowed" },
  { "syntax-duplicate-key", "\"pressure\": \"firm\"", "\"pressure\": \"firm\", \"pressure\": \"light\"",
    BM_INTAKE_ERROR_SYNTAX, "line 6, column 22: \"pressure\" appears twice in the same object" },
};

static BmIntake *
load_string (const char  *json,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return bm_intake_load_bytes (bytes, DISPLAY_NAME, error);
}

static char *
save_string (BmIntake *intake)
{
  g_autoptr(GBytes) bytes = bm_intake_save_bytes (intake);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_assert_cmpuint (strlen (data), <=, size);
  return g_strndup (data, size);
}

static char *
replace_once (const char *haystack,
              const char *find,
              const char *replace)
{
  const char *at = strstr (haystack, find);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - haystack), haystack, replace, at + strlen (find));
}

static void
assert_rejected (const char *json,
                 int         code,
                 const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = load_string (json, &error);
  g_autofree char *expected = g_strconcat (DISPLAY_NAME ": ", message, NULL);

  g_assert_null (intake);
  g_assert_error (error, BM_INTAKE_ERROR, code);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_null (strchr (error->message, '\n'));
}

static char *
repeat (const char *unit,
        guint       n)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (str, unit);
  return g_string_free (str, FALSE);
}

static char *
read_whole (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
write_whole (const char *path,
             const char *contents,
             int         mode)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

/* Loading */

static void
test_load_example (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = load_string (example, &error);
  const BmMark *mark;
  const char * const *avoid;

  g_assert_no_error (error);
  g_assert_nonnull (intake);

  g_assert_cmpstr (bm_intake_get_client_name (intake), ==, "Jamie Rivers");
  g_assert_cmpint (bm_intake_get_birth_year (intake), ==, 1994);
  g_assert_cmpstr (bm_intake_get_email (intake), ==, "");
  g_assert_cmpstr (bm_intake_get_visit_date (intake), ==, "2026-11-23");
  g_assert_cmpint (bm_intake_get_phase (intake), ==, BM_PHASE_PEAK);
  g_assert_cmpfloat (bm_intake_get_weekly_km (intake), ==, 55.0);
  g_assert_nonnull (bm_intake_get_next_race (intake));
  g_assert_cmpstr (bm_intake_get_next_race (intake)->date, ==, "2026-12-06");
  g_assert_cmpstr (bm_intake_get_next_race (intake)->distance, ==, "marathon");
  g_assert_null (bm_intake_get_last_race (intake));
  g_assert_cmpint (bm_intake_get_pressure (intake), ==, BM_PRESSURE_FIRM);
  g_assert_cmpint (bm_intake_get_health (intake), ==, BM_HEALTH_BLOOD_THINNERS);
  avoid = bm_intake_get_avoid (intake);
  g_assert_cmpstr (avoid[0], ==, "foot");
  g_assert_null (avoid[1]);
  g_assert_cmpstr (bm_intake_get_goals (intake), ==, "Finish my first marathon without calf cramps");

  g_assert_cmpuint (bm_intake_get_marks (intake)->len, ==, 1);
  mark = bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT);
  g_assert_nonnull (mark);
  g_assert_cmpint (mark->severity, ==, 6);
  g_assert_cmpint (mark->symptoms, ==, BM_SYMPTOM_TIGHT | BM_SYMPTOM_KNOT);
  g_assert_cmpstr (mark->note, ==, "worse after long runs");

  g_assert_nonnull (bm_intake_get_therapist (intake));
  g_assert_cmpuint (json_object_get_size (bm_intake_get_therapist (intake)), ==, 0);

  g_assert_nonnull (bm_intake_get_source (intake));
  g_assert_false (bm_intake_get_modified (intake));
  g_assert_false (bm_intake_can_undo (intake));
}

static void
test_load_minimal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = NULL;
  g_autofree char *saved = NULL;

  intake = load_string ("{\"format\": \"bodymap-intake\", \"version\": 1,"
                        " \"client\": {\"name\": \"Sam\"}, \"visit_date\": \"2026-01-05\"}", &error);
  g_assert_no_error (error);

  g_assert_cmpint (bm_intake_get_birth_year (intake), ==, 0);
  g_assert_cmpint (bm_intake_get_phase (intake), ==, BM_PHASE_MAINTENANCE);
  g_assert_cmpfloat (bm_intake_get_weekly_km (intake), <, 0);
  g_assert_null (bm_intake_get_next_race (intake));
  g_assert_cmpint (bm_intake_get_pressure (intake), ==, BM_PRESSURE_MEDIUM);
  g_assert_cmpint (bm_intake_get_health (intake), ==, BM_HEALTH_NONE);
  g_assert_cmpuint (bm_intake_get_marks (intake)->len, ==, 0);
  g_assert_null (bm_intake_get_therapist (intake));

  saved = save_string (intake);
  g_assert_cmpstr (saved, ==,
                   "{\n"
                   "  \"format\": \"bodymap-intake\",\n"
                   "  \"version\": 1,\n"
                   "  \"client\": {\n"
                   "    \"name\": \"Sam\",\n"
                   "    \"email\": \"\",\n"
                   "    \"phone\": \"\"\n"
                   "  },\n"
                   "  \"visit_date\": \"2026-01-05\",\n"
                   "  \"running\": {\n"
                   "    \"phase\": \"maintenance\",\n"
                   "    \"next_race\": null,\n"
                   "    \"last_race\": null\n"
                   "  },\n"
                   "  \"pressure\": \"medium\",\n"
                   "  \"health\": [],\n"
                   "  \"avoid\": [],\n"
                   "  \"goals\": \"\",\n"
                   "  \"marks\": []\n"
                   "}\n");
}

/* Optional fields may be null, midline marks may leave out the side */
static void
test_load_nulls (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = NULL;
  const BmMark *mark;

  intake = load_string ("{\"format\": \"bodymap-intake\", \"version\": 1,"
                        " \"client\": {\"name\": \"Sam\", \"birth_year\": null, \"email\": null, \"phone\": null},"
                        " \"visit_date\": \"2024-02-29\","
                        " \"running\": {\"phase\": null, \"weekly_km\": null, \"next_race\": null,"
                        "               \"last_race\": {\"date\": \"2024-01-01\", \"distance\": null}},"
                        " \"pressure\": null, \"health\": null, \"avoid\": null, \"goals\": null,"
                        " \"marks\": [{\"region\": \"neck\", \"severity\": 0, \"symptoms\": null, \"note\": null},"
                        "            {\"region\": \"shin\", \"side\": \"right\", \"severity\": 10.0}],"
                        " \"therapist\": null}", &error);
  g_assert_no_error (error);

  g_assert_cmpint (bm_intake_get_phase (intake), ==, BM_PHASE_MAINTENANCE);
  g_assert_cmpstr (bm_intake_get_last_race (intake)->date, ==, "2024-01-01");
  g_assert_cmpstr (bm_intake_get_last_race (intake)->distance ?: "", ==, "");

  mark = bm_intake_get_mark (intake, "neck", BM_SIDE_CENTER);
  g_assert_nonnull (mark);
  g_assert_cmpint (mark->symptoms, ==, BM_SYMPTOM_NONE);
  g_assert_null (mark->note);

  /* 10.0 is a whole number */
  mark = bm_intake_get_mark (intake, "shin", BM_SIDE_RIGHT);
  g_assert_nonnull (mark);
  g_assert_cmpint (mark->severity, ==, 10);
}

/* Every training phase, the last one added included, reads back as the
 * same phase and is written with the same id */
static void
test_load_phases (void)
{
  static const struct { const char *id; BmPhase phase; } phases[] = {
    { "maintenance", BM_PHASE_MAINTENANCE },
    { "peak", BM_PHASE_PEAK },
    { "rehab", BM_PHASE_REHAB },
    { "taper", BM_PHASE_TAPER },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (phases) == BM_N_PHASES);

  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    {
      g_autofree char *value = g_strdup_printf ("\"%s\"", phases[i].id);
      g_autofree char *json = replace_once (base, "\"peak\"", value);
      g_autofree char *line = g_strdup_printf ("    \"phase\": %s,\n", value);
      g_autoptr(GError) error = NULL;
      g_autoptr(BmIntake) intake = load_string (json, &error);
      g_autofree char *saved = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (bm_intake_get_phase (intake), ==, phases[i].phase);
      saved = save_string (intake);
      g_assert_nonnull (strstr (saved, line));
    }
}

/* A tapering runner's file, as Body Map writes it, saves to the same bytes */
static void
test_load_taper_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "taper.bodymap", NULL);
  g_autofree char *contents = read_whole (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = bm_intake_load_file (file, &error);
  g_autofree char *saved = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (bm_intake_get_phase (intake), ==, BM_PHASE_TAPER);
  saved = save_string (intake);
  g_assert_cmpstr (saved, ==, contents);
}

/* The first and last years allowed: 1900, and five years before the
 * visit's year, whatever today's year is */
static void
test_load_birth_year_bounds (void)
{
  static const struct { const char *visit; int year; } cases[] = {
    { "\"2026-11-23\"", 1900 },
    { "\"2026-11-23\"", 2021 },
    { "\"2026-01-01\"", 2021 },
    { "\"1990-06-01\"", 1985 },
    { "\"2040-12-31\"", 2035 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *year = g_strdup_printf ("%d", cases[i].year);
      g_autofree char *with_year = replace_once (base, "1994", year);
      g_autofree char *json = replace_once (with_year, "\"2026-11-23\"", cases[i].visit);
      g_autofree char *line = g_strdup_printf ("    \"birth_year\": %d,\n", cases[i].year);
      g_autoptr(GError) error = NULL;
      g_autoptr(BmIntake) intake = load_string (json, &error);
      g_autofree char *saved = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (bm_intake_get_birth_year (intake), ==, cases[i].year);
      saved = save_string (intake);
      g_assert_nonnull (strstr (saved, line));
    }
}

/* Limits count characters, not bytes */
static void
test_load_limits_in_characters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = NULL;
  g_autofree char *name = repeat ("é", 200);
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", name);
  g_autofree char *json = replace_once (base, "\"Jamie Rivers\"", quoted);

  intake = load_string (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bm_intake_get_client_name (intake), ==, name);
}

static void
test_load_file (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-test");
  g_autofree char *path = g_build_filename (dir, DISPLAY_NAME, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = NULL;
  g_autoptr(BmIntake) bad = NULL;

  write_whole (path, example, 0644);
  intake = bm_intake_load_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bm_intake_get_client_name (intake), ==, "Jamie Rivers");

  /* Messages name the file, not the whole path */
  write_whole (path, "{\n  \"format\": \"bodymap-intake\",\n  \"version\": 1\n  \"client\": {}\n}\n", 0644);
  bad = bm_intake_load_file (file, &error);
  g_assert_null (bad);
  g_assert_error (error, BM_INTAKE_ERROR, BM_INTAKE_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==,
                   "jamie.bodymap: line 4, column 3: expected ',' or '}' after an object member");

  bm_test_remove_tree (dir);
}

static void
test_load_file_missing (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-test");
  g_autofree char *path = g_build_filename (dir, DISPLAY_NAME, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = bm_intake_load_file (file, &error);
  g_autofree char *expected = g_strdup_printf ("jamie.bodymap: could not open the file: %s",
                                               g_strerror (ENOENT));

  g_assert_null (intake);
  g_assert_error (error, BM_INTAKE_ERROR, BM_INTAKE_ERROR_IO);
  g_assert_cmpstr (error->message, ==, expected);

  bm_test_remove_tree (dir);
}

static void
test_load_file_not_regular (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-test");
  g_autofree char *folder = g_build_filename (dir, "clients.bodymap", NULL);
  g_autofree char *fifo = g_build_filename (dir, "pipe.bodymap", NULL);
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  g_autoptr(GFile) fifo_file = g_file_new_for_path (fifo);
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  intake = bm_intake_load_file (folder_file, &error);
  g_assert_null (intake);
  g_assert_error (error, BM_INTAKE_ERROR, BM_INTAKE_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "clients.bodymap: this is a folder, not a Body Map file");
  g_clear_error (&error);

  /* A pipe with no writer: must be refused, not waited on */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  intake = bm_intake_load_file (fifo_file, &error);
  g_assert_null (intake);
  g_assert_error (error, BM_INTAKE_ERROR, BM_INTAKE_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "pipe.bodymap: this is not an ordinary file");

  bm_test_remove_tree (dir);
}

/* Limits */

static void
test_limit_file_size_bytes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = NULL;
  g_autoptr(BmIntake) too_large = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *padded = NULL;
  g_autofree char *padding = NULL;
  gsize size;

  /* Exactly 1 MiB is fine */
  size = strlen (base) + strlen (", \"padding\": \"\"");
  padding = g_strnfill (BM_INTAKE_MAX_FILE_SIZE - size, 'x');
  padded = replace_once (base, "\"therapist\": {}",
                         "\"therapist\": {}, \"padding\": \"@\"");
  {
    g_autofree char *tmp = replace_once (padded, "@", padding);

    g_free (padded);
    padded = g_steal_pointer (&tmp);
  }
  g_assert_cmpuint (strlen (padded), ==, BM_INTAKE_MAX_FILE_SIZE);
  intake = load_string (padded, &error);
  g_assert_no_error (error);

  /* One byte more is not, even as white space */
  {
    g_autofree char *more = g_strconcat (padded, " ", NULL);

    bytes = g_bytes_new (more, strlen (more));
  }
  too_large = bm_intake_load_bytes (bytes, DISPLAY_NAME, &error);
  g_assert_null (too_large);
  g_assert_error (error, BM_INTAKE_ERROR, BM_INTAKE_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "jamie.bodymap: the file is too large for a Body Map intake (over 1 MiB)");
}

static void
test_limit_file_size_file (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-test");
  g_autofree char *path = g_build_filename (dir, DISPLAY_NAME, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = NULL;
  int fd;

  /* A sparse file of 64 MiB: refused from its size, without reading it */
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 64 * 1024 * 1024), ==, 0);
  close (fd);

  intake = bm_intake_load_file (file, &error);
  g_assert_null (intake);
  g_assert_error (error, BM_INTAKE_ERROR, BM_INTAKE_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "jamie.bodymap: the file is too large for a Body Map intake (over 1 MiB)");

  bm_test_remove_tree (dir);
}

static void
test_limit_marks (void)
{
  g_autoptr(GString) marks = g_string_new ("\"marks\": [");
  g_autofree char *json = NULL;

  /* The count is checked before the marks themselves */
  for (guint i = 0; i < BM_INTAKE_MAX_MARKS + 1; i++)
    g_string_append_printf (marks, "%s{\"region\": \"calf\", \"side\": \"left\", \"severity\": 1}",
                            i > 0 ? ", " : "");
  g_string_append (marks, "], \"x\": [");

  json = replace_once (base, "\"marks\": [", marks->str);
  assert_rejected (json, BM_INTAKE_ERROR_TOO_LARGE, "marks: too many marks (201, at most 200)");
}

static void
test_limit_lengths (void)
{
  struct {
    const char *find;
    const char *unit;
    guint       n;
    const char *message;
  } cases[] = {
    { "\"Jamie Rivers\"", "é", 201, "client.name: is too long (201 characters, at most 200)" },
    { "\"email\": \"\"", "a", 201, "client.email: is too long (201 characters, at most 200)" },
    { "\"phone\": \"\"", "1", 201, "client.phone: is too long (201 characters, at most 200)" },
    { "\"marathon\"", "ü", 101, "running.next_race.distance: is too long (101 characters, at most 100)" },
    { "\"Finish\"", "🏃", 2001, "goals: is too long (2001 characters, at most 2000)" },
    { "\"worse\"", "x", 1001, "marks[0].note: is too long (1001 characters, at most 1000)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *long_text = repeat (cases[i].unit, cases[i].n);
      g_autofree char *value = NULL;
      g_autofree char *json = NULL;

      if (g_str_has_prefix (cases[i].find, "\"email\"") || g_str_has_prefix (cases[i].find, "\"phone\""))
        value = g_strdup_printf ("\"%.5s\": \"%s\"", cases[i].find + 1, long_text);
      else
        value = g_strdup_printf ("\"%s\"", long_text);

      json = replace_once (base, cases[i].find, value);
      assert_rejected (json, INVALID, cases[i].message);

      /* One character less is fine */
      {
        g_autofree char *ok_text = repeat (cases[i].unit, cases[i].n - 1);
        g_autofree char *ok_value = NULL;
        g_autofree char *ok_json = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(BmIntake) intake = NULL;

        if (g_str_has_prefix (cases[i].find, "\"email\"") || g_str_has_prefix (cases[i].find, "\"phone\""))
          ok_value = g_strdup_printf ("\"%.5s\": \"%s\"", cases[i].find + 1, ok_text);
        else
          ok_value = g_strdup_printf ("\"%s\"", ok_text);
        ok_json = replace_once (base, cases[i].find, ok_value);
        intake = load_string (ok_json, &error);
        g_assert_no_error (error);
      }
    }
}

/* Rejections */

static void
test_reject (gconstpointer data)
{
  const RejectCase *c = data;
  g_autofree char *json = NULL;

  if (c->find != NULL)
    json = replace_once (base, c->find, c->replace);
  else
    json = g_strdup (c->replace);

  assert_rejected (json, c->code, c->message);
}

static void
test_reject_base_is_valid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = load_string (base, &error);

  g_assert_no_error (error);
  g_assert_nonnull (intake);
}

/* Saving and round trips */

static void
test_save_example (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = load_string (example, &error);
  g_autofree char *saved = NULL;

  g_assert_no_error (error);
  saved = save_string (intake);
  g_assert_cmpstr (saved, ==, example_saved);
}

static void
test_round_trip_example (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) first = load_string (example, &error);
  g_autoptr(BmIntake) second = NULL;
  g_autoptr(BmIntake) third = NULL;
  g_autofree char *saved1 = NULL;
  g_autofree char *saved2 = NULL;
  g_autofree char *saved3 = NULL;

  g_assert_no_error (error);
  saved1 = save_string (first);

  second = load_string (saved1, &error);
  g_assert_no_error (error);
  saved2 = save_string (second);
  g_assert_cmpstr (saved1, ==, saved2);

  third = load_string (saved2, &error);
  g_assert_no_error (error);
  saved3 = save_string (third);
  g_assert_cmpstr (saved2, ==, saved3);
}

/* A document made in the app, with awkward text, survives load and save */
static void
test_round_trip_app_written (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmIntake) loaded = NULL;
  g_autoptr(BmMark) calf = NULL;
  g_autoptr(BmMark) neck = NULL;
  g_autoptr(JsonObject) therapist = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  const char *awkward = "Zoë \"Z\" O'Brien\\ 🏃\ttab\nnew line\x01\x1f/ end";

  bm_intake_set_client_name (intake, awkward);
  bm_intake_set_birth_year (intake, 1988);
  bm_intake_set_email (intake, "zoe@example.org");
  bm_intake_set_phone (intake, "+353 1 555 0100");
  bm_intake_set_visit_date (intake, "2026-03-01");
  bm_intake_set_phase (intake, BM_PHASE_REHAB);
  bm_intake_set_weekly_km (intake, 55.5);
  bm_intake_set_next_race (intake, "2026-04-20", "half marathon – hilly");
  bm_intake_set_last_race (intake, "2025-10-12", NULL);
  bm_intake_set_pressure (intake, BM_PRESSURE_DEEP);
  bm_intake_set_health (intake, BM_HEALTH_PREGNANCY | BM_HEALTH_FEVER);
  bm_intake_set_avoided (intake, "neck", TRUE);
  bm_intake_set_avoided (intake, "abdomen", TRUE);
  bm_intake_set_goals (intake, "日本語のテキスト\r\n\u2028");

  calf = bm_mark_new ("calf", BM_SIDE_RIGHT, 10, BM_SYMPTOM_SWOLLEN | BM_SYMPTOM_TIGHT, "after \"hills\"");
  neck = bm_mark_new ("neck", BM_SIDE_CENTER, 0, BM_SYMPTOM_NONE, NULL);
  bm_intake_set_mark (intake, calf, FALSE);
  bm_intake_set_mark (intake, neck, FALSE);

  json_object_set_int_member (therapist, "minutes", 60);
  json_object_set_double_member (therapist, "ratio", 0.1);
  json_object_set_string_member (therapist, "note", "ok");
  bm_intake_set_therapist (intake, therapist);

  saved = save_string (intake);
  g_assert_nonnull (strstr (saved, "    \"name\": \"Zoë \\\"Z\\\" O'Brien\\\\ 🏃\\ttab\\nnew line\\u0001\\u001f/ end\",\n"));
  g_assert_nonnull (strstr (saved, "\"weekly_km\": 55.5,\n"));
  g_assert_nonnull (strstr (saved, "\"health\": [\"fever\", \"pregnancy\"],\n"));
  g_assert_nonnull (strstr (saved, "\"avoid\": [\"neck\", \"abdomen\"],\n"));
  g_assert_nonnull (strstr (saved, "\"symptoms\": [\"tight\", \"swollen\"],\n"));
  g_assert_nonnull (strstr (saved, "\"ratio\": 0.1,\n"));
  g_assert_true (g_str_has_suffix (saved, "}\n"));

  loaded = load_string (saved, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bm_intake_get_client_name (loaded), ==, awkward);
  g_assert_cmpfloat (bm_intake_get_weekly_km (loaded), ==, 55.5);
  g_assert_cmpstr (bm_intake_get_goals (loaded), ==, "日本語のテキスト\r\n\u2028");

  saved_again = save_string (loaded);
  g_assert_cmpstr (saved, ==, saved_again);
}

static void
test_round_trip_unknown_keys (void)
{
  static const char input[] =
    "{\"zeta\": 1, \"format\": \"bodymap-intake\", \"version\": 1,\n"
    " \"client\": {\"name\": \"Jamie\", \"pronouns\": \"they\", \"email\": \"\"},\n"
    " \"visit_date\": \"2026-11-23\",\n"
    " \"running\": {\"shoes\": [\"a\", {\"b\": [1, 2.5, -0.25, 1e300, true, false, null]}],"
    "              \"next_race\": {\"date\": \"2026-12-06\", \"city\": \"Dublin\"}},\n"
    " \"marks\": [{\"region\": \"calf\", \"side\": \"left\", \"severity\": 6, \"photo\": \"calf.jpg\"},\n"
    "           {\"region\": \"neck\", \"severity\": 1, \"drawn\": {\"x\": 3}}],\n"
    " \"therapist\": {\"plan\": {\"minutes\": 60}, \"note\": \"\\u00e9\\ud83d\\ude00\"},\n"
    " \"alpha\": {\"nested\": {}, \"grid\": [[1, 2], [], [[3]]]}, \"empty\": []}\n";
  static const char expected[] =
    "{\n"
    "  \"format\": \"bodymap-intake\",\n"
    "  \"version\": 1,\n"
    "  \"client\": {\n"
    "    \"name\": \"Jamie\",\n"
    "    \"email\": \"\",\n"
    "    \"phone\": \"\",\n"
    "    \"pronouns\": \"they\"\n"
    "  },\n"
    "  \"visit_date\": \"2026-11-23\",\n"
    "  \"running\": {\n"
    "    \"phase\": \"maintenance\",\n"
    "    \"next_race\": {\n"
    "      \"date\": \"2026-12-06\",\n"
    "      \"distance\": \"\",\n"
    "      \"city\": \"Dublin\"\n"
    "    },\n"
    "    \"last_race\": null,\n"
    "    \"shoes\": [\n"
    "      \"a\",\n"
    "      {\n"
    "        \"b\": [1, 2.5, -0.25, 1e+300, true, false, null]\n"
    "      }\n"
    "    ]\n"
    "  },\n"
    "  \"pressure\": \"medium\",\n"
    "  \"health\": [],\n"
    "  \"avoid\": [],\n"
    "  \"goals\": \"\",\n"
    "  \"marks\": [\n"
    "    {\n"
    "      \"region\": \"calf\",\n"
    "      \"side\": \"left\",\n"
    "      \"severity\": 6,\n"
    "      \"symptoms\": [],\n"
    "      \"photo\": \"calf.jpg\"\n"
    "    },\n"
    "    {\n"
    "      \"region\": \"neck\",\n"
    "      \"side\": \"center\",\n"
    "      \"severity\": 1,\n"
    "      \"symptoms\": [],\n"
    "      \"drawn\": {\n"
    "        \"x\": 3\n"
    "      }\n"
    "    }\n"
    "  ],\n"
    "  \"therapist\": {\n"
    "    \"plan\": {\n"
    "      \"minutes\": 60\n"
    "    },\n"
    "    \"note\": \"é😀\"\n"
    "  },\n"
    "  \"zeta\": 1,\n"
    "  \"alpha\": {\n"
    "    \"nested\": {},\n"
    "    \"grid\": [[1, 2], [], [[3]]]\n"
    "  },\n"
    "  \"empty\": []\n"
    "}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = load_string (input, &error);
  g_autoptr(BmIntake) again = NULL;
  g_autoptr(BmMark) right_calf = NULL;
  g_autoptr(BmMark) left_calf = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  g_autofree char *edited = NULL;

  g_assert_no_error (error);
  saved = save_string (intake);
  g_assert_cmpstr (saved, ==, expected);

  again = load_string (saved, &error);
  g_assert_no_error (error);
  saved_again = save_string (again);
  g_assert_cmpstr (saved_again, ==, expected);

  /* A mark's own keys go with that mark: not to a new mark elsewhere,
   * and they come back with a mark for the same region and side */
  bm_intake_remove_mark (intake, "calf", BM_SIDE_LEFT);
  right_calf = bm_mark_new ("calf", BM_SIDE_RIGHT, 2, BM_SYMPTOM_NONE, NULL);
  bm_intake_set_mark (intake, right_calf, FALSE);
  edited = save_string (intake);
  g_assert_null (strstr (edited, "calf.jpg"));
  g_assert_nonnull (strstr (edited, "\"drawn\""));
  g_clear_pointer (&edited, g_free);

  left_calf = bm_mark_new ("calf", BM_SIDE_LEFT, 3, BM_SYMPTOM_NONE, NULL);
  bm_intake_set_mark (intake, left_calf, FALSE);
  edited = save_string (intake);
  g_assert_nonnull (strstr (edited, "      \"severity\": 3,\n      \"symptoms\": [],\n      \"photo\": \"calf.jpg\"\n"));
}

static void
test_round_trip_numbers (void)
{
  struct {
    const char *in;
    const char *out;
    double      km;
  } cases[] = {
    { "55", "55", 55 },
    { "55.5", "55.5", 55.5 },
    { "55.0", "55", 55 },
    { "1e2", "100", 100 },
    { "0.1", "0.1", 0.1 },
    { "42.195", "42.195", 42.195 },
    { "0", "0", 0 },
    { "399.99999999999994", "399.99999999999994", 399.99999999999994 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *find = g_strdup_printf ("\"weekly_km\": %s", cases[i].in);
      g_autofree char *json = replace_once (base, "\"weekly_km\": 55", find);
      g_autofree char *expected = g_strdup_printf ("\"weekly_km\": %s,\n", cases[i].out);
      g_autoptr(GError) error = NULL;
      g_autoptr(BmIntake) intake = load_string (json, &error);
      g_autofree char *saved = NULL;

      g_assert_no_error (error);
      g_assert_cmpfloat (bm_intake_get_weekly_km (intake), ==, cases[i].km);
      saved = save_string (intake);
      g_assert_nonnull (strstr (saved, expected));
    }
}

/* Saving to a file */

static void
test_save_file (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-test");
  g_autofree char *path = g_build_filename (dir, DISPLAY_NAME, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = load_string (example, &error);
  g_autoptr(BmIntake) loaded = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *contents_again = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  bm_intake_set_goals (intake, "Run happy");
  bm_intake_set_modified (intake, TRUE);

  g_assert_true (bm_intake_save_file (intake, file, &error));
  g_assert_no_error (error);
  g_assert_false (bm_intake_get_modified (intake));

  contents = read_whole (path);
  g_assert_nonnull (strstr (contents, "\"goals\": \"Run happy\""));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  g_assert_cmpuint (bm_test_count_entries (dir), ==, 1);

  /* Saving what was loaded from an app-written file changes nothing */
  loaded = bm_intake_load_file (file, &error);
  g_assert_no_error (error);
  g_assert_true (bm_intake_save_file (loaded, file, &error));
  g_assert_no_error (error);
  contents_again = read_whole (path);
  g_assert_cmpstr (contents, ==, contents_again);

  bm_test_remove_tree (dir);
}

static void
test_save_file_private (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-test");
  g_autofree char *path = g_build_filename (dir, DISPLAY_NAME, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = load_string (example, &error);
  g_autofree char *contents = NULL;
  GStatBuf st;
  mode_t old_umask;

  g_assert_no_error (error);
  write_whole (path, "old", 0644);

  /* Even with a umask that would let others read it */
  old_umask = umask (0);
  g_assert_true (bm_intake_save_file (intake, file, &error));
  umask (old_umask);
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  contents = read_whole (path);
  g_assert_cmpstr (contents, ==, example_saved);

  bm_test_remove_tree (dir);
}

static void
test_save_file_symlink (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-test");
  g_autofree char *real = g_build_filename (dir, "real.bodymap", NULL);
  g_autofree char *link = g_build_filename (dir, DISPLAY_NAME, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = load_string (example, &error);
  g_autofree char *contents = NULL;

  g_assert_no_error (error);
  write_whole (real, "old", 0644);
  g_assert_cmpint (symlink ("real.bodymap", link), ==, 0);

  g_assert_true (bm_intake_save_file (intake, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  contents = read_whole (real);
  g_assert_cmpstr (contents, ==, example_saved);
  g_assert_cmpuint (bm_test_count_entries (dir), ==, 2);

  bm_test_remove_tree (dir);
}

static void
test_save_file_onto_folder (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-test");
  g_autofree char *path = g_build_filename (dir, DISPLAY_NAME, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = load_string (example, &error);
  g_autofree char *expected = g_strdup_printf ("jamie.bodymap: could not save: %s", g_strerror (EISDIR));

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  bm_intake_set_modified (intake, TRUE);

  g_assert_false (bm_intake_save_file (intake, file, &error));
  g_assert_error (error, BM_INTAKE_ERROR, BM_INTAKE_ERROR_IO);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_true (bm_intake_get_modified (intake));

  /* The folder is as it was and no temporary file is left behind */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (bm_test_count_entries (path), ==, 0);
  g_assert_cmpuint (bm_test_count_entries (dir), ==, 1);

  bm_test_remove_tree (dir);
}

/* Unknown keys may grow when written out nicely; what Body Map would not
 * open again is not written */
static void
test_save_file_too_large (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-test");
  g_autofree char *path = g_build_filename (dir, DISPLAY_NAME, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = NULL;
  g_autoptr(GString) zeros = g_string_new ("\"therapist\": {}, \"zeros\": [0");
  g_autofree char *json = NULL;
  g_autofree char *contents = NULL;

  while (zeros->len < 900 * 1024)
    g_string_append (zeros, ",0");
  g_string_append_c (zeros, ']');
  json = replace_once (base, "\"therapist\": {}", zeros->str);

  intake = load_string (json, &error);
  g_assert_no_error (error);
  write_whole (path, "old", 0600);

  g_assert_false (bm_intake_save_file (intake, file, &error));
  g_assert_error (error, BM_INTAKE_ERROR, BM_INTAKE_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "jamie.bodymap: could not save: the file would be larger than 1 MiB");

  contents = read_whole (path);
  g_assert_cmpstr (contents, ==, "old");
  g_assert_cmpuint (bm_test_count_entries (dir), ==, 1);

  bm_test_remove_tree (dir);
}

/* The app never writes a file it would refuse to open */
static void
test_save_file_invalid (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-test");
  g_autofree char *path = g_build_filename (dir, DISPLAY_NAME, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = bm_intake_new ();

  g_assert_false (bm_intake_save_file (intake, file, &error));
  g_assert_error (error, BM_INTAKE_ERROR, BM_INTAKE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "jamie.bodymap: could not save: client.name: must not be empty");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (bm_test_count_entries (dir), ==, 0);
  g_clear_error (&error);

  /* Nothing the reader would refuse is written, a child's birth year included */
  bm_intake_set_client_name (intake, "Sam");
  bm_intake_set_visit_date (intake, "2026-11-23");
  bm_intake_set_birth_year (intake, 2024);
  g_assert_false (bm_intake_save_file (intake, file, &error));
  g_assert_error (error, BM_INTAKE_ERROR, BM_INTAKE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "jamie.bodymap: could not save: client.birth_year: 2024 makes the client younger than 5");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  bm_intake_set_birth_year (intake, 2021);
  g_assert_true (bm_intake_save_file (intake, file, &error));
  g_assert_no_error (error);
  g_assert_nonnull (bm_intake_get_source (intake));

  bm_test_remove_tree (dir);
}

/* After a save the file on disk is the source of unknown keys */
static void
test_save_file_source (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-test");
  g_autofree char *path = g_build_filename (dir, DISPLAY_NAME, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = NULL;
  g_autoptr(BmMark) mark = NULL;
  g_autofree char *json = replace_once (base, "\"note\": \"worse\"", "\"note\": \"worse\", \"photo\": \"calf.jpg\"");
  g_autofree char *contents = NULL;

  intake = load_string (json, &error);
  g_assert_no_error (error);

  bm_intake_remove_mark (intake, "calf", BM_SIDE_LEFT);
  g_assert_true (bm_intake_save_file (intake, file, &error));
  g_assert_no_error (error);

  mark = bm_mark_new ("calf", BM_SIDE_LEFT, 4, BM_SYMPTOM_NONE, NULL);
  bm_intake_set_mark (intake, mark, FALSE);
  g_assert_true (bm_intake_save_file (intake, file, &error));
  g_assert_no_error (error);

  contents = read_whole (path);
  g_assert_null (strstr (contents, "calf.jpg"));
  g_assert_nonnull (strstr (contents, "\"severity\": 4"));

  bm_test_remove_tree (dir);
}

/* Both failure tests run in a subprocess: one drops root (root may write
 * into read-only folders), the other limits the file size. */
static void
run_failing_save (const char *dir,
                  int         expected_errno)
{
  g_autofree char *path = g_build_filename (dir, DISPLAY_NAME, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = load_string (example, &error);
  g_autofree char *expected = g_strdup_printf ("jamie.bodymap: could not save: %s",
                                               g_strerror (expected_errno));

  g_assert_no_error (error);
  bm_intake_set_modified (intake, TRUE);

  g_assert_false (bm_intake_save_file (intake, file, &error));
  g_assert_error (error, BM_INTAKE_ERROR, BM_INTAKE_ERROR_IO);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_true (bm_intake_get_modified (intake));
}

/* A save removes what saves killed midway left in the folder (hidden
 * private copies of a client's data), and nothing else */
static void
test_save_file_removes_leftovers (void)
{
  g_autofree char *dir = bm_test_make_temp_dir ("bodymap-test");
  g_autofree char *path = g_build_filename (dir, "client.bodymap", NULL);
  g_autofree char *other = g_build_filename (dir, ".other.pdf.Ab12cD", NULL);
  g_autoptr(GPtrArray) stale = bm_test_make_leftovers (dir, ".bodymap-");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(GError) error = NULL;

  bm_test_write_aged_file (other, 3600);
  bm_intake_set_client_name (intake, "Sam Okafor");
  g_assert_true (bm_intake_save_file (intake, file, &error));
  g_assert_no_error (error);
  bm_test_check_leftovers (dir, ".bodymap-", stale);
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  bm_test_remove_tree (dir);
}

static void
test_save_file_read_only_folder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *skip_marker = NULL;
  g_autofree char *contents = NULL;

  if (g_test_subprocess ())
    {
      const char *test_dir = g_getenv ("BM_TEST_DIR");

      folder = g_build_filename (test_dir, "ro", NULL);
      if (geteuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        {
          skip_marker = g_build_filename (test_dir, "skipped", NULL);
          write_whole (skip_marker, "", 0600);
          return;
        }
      run_failing_save (folder, EACCES);
      return;
    }

  dir = bm_test_make_temp_dir ("bodymap-test");
  folder = g_build_filename (dir, "ro", NULL);
  path = g_build_filename (folder, DISPLAY_NAME, NULL);
  skip_marker = g_build_filename (dir, "skipped", NULL);

  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  write_whole (path, "{\"the old\": \"file\"}\n", 0644);
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);

  g_setenv ("BM_TEST_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("BM_TEST_DIR");
  g_test_trap_assert_passed ();

  if (g_file_test (skip_marker, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("running as root and cannot drop privileges");
    }
  else
    {
      contents = read_whole (path);
      g_assert_cmpstr (contents, ==, "{\"the old\": \"file\"}\n");
      g_assert_cmpuint (bm_test_count_entries (folder), ==, 1);
    }

  bm_test_remove_tree (dir);
}

static void
test_save_file_write_fails (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *old = NULL;

  if (g_test_subprocess ())
    {
      struct rlimit limit = { 100, 100 };

      /* Writing past the limit fails with EFBIG, like a full disk */
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      run_failing_save (g_getenv ("BM_TEST_DIR"), EFBIG);
      return;
    }

  dir = bm_test_make_temp_dir ("bodymap-test");
  path = g_build_filename (dir, DISPLAY_NAME, NULL);
  old = repeat ("{\"old\": true}\n", 20);
  write_whole (path, old, 0644);

  g_setenv ("BM_TEST_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("BM_TEST_DIR");
  g_test_trap_assert_passed ();

  contents = read_whole (path);
  g_assert_cmpstr (contents, ==, old);
  g_assert_cmpuint (bm_test_count_entries (dir), ==, 1);

  bm_test_remove_tree (dir);
}

/* The strict JSON reader */

typedef struct
{
  const char *name;
  const char *input;
  gssize      length;   /* -1: strlen */
  int         code;
  const char *message;
} JsonCase;

static const JsonCase json_cases[] = {
  { "empty", "", -1, BM_JSON_ERROR_EMPTY, "the file is empty" },
  { "blank", " \t\r\n ", -1, BM_JSON_ERROR_EMPTY, "the file is empty" },
  { "bom-only", "\xef\xbb\xbf", -1, BM_JSON_ERROR_EMPTY, "the file is empty" },
  { "single-quotes", "{'a': 1}", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 2: single quotes are not allowed, use double quotes" },
  { "single-quoted-value", "{\"a\": 'b'}", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 7: single quotes are not allowed, use double quotes" },
  { "line-comment", "{\"a\": 1 // one\n}", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 9: comments are not allowed" },
  { "block-comment", "/* intake */ {}", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 1: comments are not allowed" },
  { "comment-after", "{}\n// end", -1, BM_JSON_ERROR_SYNTAX,
    "line 2, column 1: comments are not allowed" },
  { "trailing-comma-object", "{\"a\": 1,}", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 8: a comma before '}' is not allowed" },
  { "trailing-comma-array", "[1, 2,\n]", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 6: a comma before ']' is not allowed" },
  { "trailing-data", "{} {}", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 4: unexpected data after the end of the document" },
  { "trailing-garbage", "[1]x", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 4: unexpected data after the end of the document" },
  { "number-too-large", "{\"km\": 1e400}", -1, BM_JSON_ERROR_NUMBER_RANGE,
    "line 1, column 8: this number is too large" },
  { "number-too-large-negative", "[-1e400]", -1, BM_JSON_ERROR_NUMBER_RANGE,
    "line 1, column 2: this number is too large" },
  { "leading-zero", "[01]", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 2: numbers must not start with a leading zero" },
  { "leading-zero-negative", "[-007]", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 2: numbers must not start with a leading zero" },
  { "lone-minus", "[-]", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 2: invalid number (expected a digit after '-')" },
  { "plus", "[+1]", -1, BM_JSON_ERROR_SYNTAX, "line 1, column 2: unexpected '+', expected a value" },
  { "bare-fraction", "[.5]", -1, BM_JSON_ERROR_SYNTAX, "line 1, column 2: unexpected '.', expected a value" },
  { "no-fraction-digits", "[1.]", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 4: invalid number (expected a digit after the decimal point)" },
  { "no-exponent-digits", "[1e+]", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 5: invalid number (expected a digit in the exponent)" },
  { "nan", "[NaN]", -1, BM_JSON_ERROR_SYNTAX, "line 1, column 2: unexpected 'NaN', expected a value" },
  { "infinity", "[-Infinity]", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 2: invalid number (expected a digit after '-')" },
  { "bad-literal", "[tru]", -1, BM_JSON_ERROR_SYNTAX, "line 1, column 2: unexpected 'tru', expected a value" },
  { "capital-literal", "[True]", -1, BM_JSON_ERROR_SYNTAX, "line 1, column 2: unexpected 'True', expected a value" },
  { "invalid-utf8", "{\"a\": \"\xff\"}", -1, BM_JSON_ERROR_ENCODING,
    "line 1, column 8: the text is not valid UTF-8" },
  { "invalid-utf8-second-line", "{\n\"é\": \"\xc3\"}", -1, BM_JSON_ERROR_ENCODING,
    "line 2, column 7: the text is not valid UTF-8" },
  { "utf8-surrogate", "[\"\xed\xa0\x80\"]", -1, BM_JSON_ERROR_ENCODING,
    "line 1, column 3: the text is not valid UTF-8" },
  { "overlong-utf8", "[\"\xc0\xaf\"]", -1, BM_JSON_ERROR_ENCODING,
    "line 1, column 3: the text is not valid UTF-8" },
  { "nul-byte", "{\"a\": 1\0}", 9, BM_JSON_ERROR_ENCODING,
    "line 1, column 8: the file contains a NUL byte" },
  { "nul-byte-in-string", "[\"a\0b\"]", 7, BM_JSON_ERROR_ENCODING,
    "line 1, column 4: the file contains a NUL byte" },
  { "escaped-nul", "[\"a\\u0000b\"]", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 4: \\u0000 (a NUL character) is not allowed in a string" },
  { "duplicate-key", "{\"a\": 1, \"a\": 2}", -1, BM_JSON_ERROR_DUPLICATE_KEY,
    "line 1, column 10: \"a\" appears twice in the same object" },
  { "duplicate-key-escaped", "{\"a\": 1, \"\\u0061\": 2}", -1, BM_JSON_ERROR_DUPLICATE_KEY,
    "line 1, column 10: \"a\" appears twice in the same object" },
  { "duplicate-key-control", "{\"a\\nb\": 1, \"a\\nb\": 2}", -1, BM_JSON_ERROR_DUPLICATE_KEY,
    "line 1, column 13: \"a\\nb\" appears twice in the same object" },
  { "lone-high-surrogate", "[\"\\ud800\"]", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 3: invalid \\u escape (lone surrogate \\uD800)" },
  { "lone-low-surrogate", "[\"x\\uDC00\"]", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 4: invalid \\u escape (lone surrogate \\uDC00)" },
  { "high-surrogate-then-letter", "[\"\\ud800\\u0041\"]", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 3: invalid \\u escape (lone surrogate \\uD800)" },
  { "two-high-surrogates", "[\"\\ud800\\ud800\"]", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 3: invalid \\u escape (lone surrogate \\uD800)" },
  { "short-unicode-escape", "[\"\\u12\"]", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 3: invalid \\u escape (expected four hex digits)" },
  { "bad-escape", "[\"\\x41\"]", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 3: invalid escape: a backslash followed by 'x'" },
  { "tab-in-string", "[\"a\tb\"]", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 4: control character U+0009 inside a string" },
  { "newline-in-string", "{\"name\": \"Jamie\n}", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 16: line break inside a string (missing '\"'?)" },
  { "unterminated-string", "[\"abc", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 2: this string is not closed (missing '\"')" },
  { "missing-comma", "{\"a\": 1 \"b\": 2}", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 9: expected ',' or '}' after an object member" },
  { "missing-colon", "{\"a\" 1}", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 6: expected ':' after the member name" },
  { "unquoted-key", "{a: 1}", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 2: expected a member name in double quotes" },
  { "missing-array-comma", "[1 2]", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 4: expected ',' or ']' after an array element" },
  { "truncated-value", "{\"a\": ", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 7: unexpected end of the file, expected a value" },
  { "truncated-object", "{\"a\": 1", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 8: unexpected end of the file, expected ',' or '}' after an object member" },
  { "truncated-array", "[1,\n", -1, BM_JSON_ERROR_SYNTAX,
    "line 2, column 1: unexpected end of the file, expected a value" },
  { "columns-count-characters", "[\"日本語\", ?]", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 9: unexpected '?', expected a value" },
  { "bom-then-error", "\xef\xbb\xbf{,}", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 2: expected a member name in double quotes" },
  { "second-bom", "\xef\xbb\xbf\xef\xbb\xbf{}", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 1: unexpected U+FEFF, expected a value" },
  { "control-outside-string", "[\x01]", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 2: unexpected U+0001, expected a value" },
  { "nbsp-as-space", "[1,\xc2\xa0" "2]", -1, BM_JSON_ERROR_SYNTAX,
    "line 1, column 4: unexpected U+00A0, expected a value" },
};

static void
test_json_reject (gconstpointer data)
{
  const JsonCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  gsize length = c->length < 0 ? strlen (c->input) : (gsize) c->length;

  node = bm_json_read (c->input, length, &error);
  g_assert_null (node);
  g_assert_error (error, BM_JSON_ERROR, c->code);
  g_assert_cmpstr (error->message, ==, c->message);
}

static void
test_json_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;
  static const char input[] =
    "\xef\xbb\xbf [6, 55.5, -0, 9223372036854775807, 9223372036854775808, -9223372036854775808,\r\n"
    "  1e2, 1E-2, 1e-400, true, false, null, \"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\", {}, [], \"\"] ";

  node = bm_json_read (input, strlen (input), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 16);

#define ASSERT_TYPE(i, type) \
  g_assert_cmpstr (g_type_name (json_node_get_value_type (json_array_get_element (array, i))), ==, g_type_name (type))

  ASSERT_TYPE (0, G_TYPE_INT64);
  g_assert_cmpint (json_array_get_int_element (array, 0), ==, 6);
  ASSERT_TYPE (1, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_array_get_double_element (array, 1), ==, 55.5);
  ASSERT_TYPE (2, G_TYPE_INT64);
  ASSERT_TYPE (3, G_TYPE_INT64);
  g_assert_cmpint (json_array_get_int_element (array, 3), ==, G_MAXINT64);
  ASSERT_TYPE (4, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_array_get_double_element (array, 4), ==, 9223372036854775808.0);
  ASSERT_TYPE (5, G_TYPE_INT64);
  g_assert_cmpint (json_array_get_int_element (array, 5), ==, G_MININT64);
  ASSERT_TYPE (6, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_array_get_double_element (array, 6), ==, 100.0);
  ASSERT_TYPE (7, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_array_get_double_element (array, 7), ==, 0.01);
  g_assert_cmpfloat (json_array_get_double_element (array, 8), ==, 0.0);
  g_assert_true (json_array_get_boolean_element (array, 9));
  g_assert_false (json_array_get_boolean_element (array, 10));
  g_assert_true (json_array_get_null_element (array, 11));
  g_assert_cmpstr (json_array_get_string_element (array, 12), ==, "\"\\/\b\f\n\r\té😀");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, 13)));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_array_get_element (array, 14)));
  g_assert_cmpstr (json_array_get_string_element (array, 15), ==, "");

#undef ASSERT_TYPE
}

static void
test_json_scalar_root (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) null_root = bm_json_read ("null", 4, &error);
  g_autoptr(JsonNode) number_root = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (null_root);
  g_assert_true (JSON_NODE_HOLDS_NULL (null_root));

  /* Not nul-terminated: the length is what counts */
  number_root = bm_json_read ("12345", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_node_get_int (number_root), ==, 12);
}

static void
test_json_depth (void)
{
  const guint deep = 100000;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *arrays = g_strnfill (deep, '[');
  g_autoptr(GString) objects = g_string_new (NULL);
  g_autofree char *too_deep = NULL;

  node = bm_json_read (arrays, deep, &error);
  g_assert_null (node);
  g_assert_error (error, BM_JSON_ERROR, BM_JSON_ERROR_TOO_DEEP);
  g_assert_cmpstr (error->message, ==, "line 1, column 65: the data is nested more than 64 levels deep");
  g_clear_error (&error);

  for (guint i = 0; i < deep; i++)
    g_string_append (objects, "{\"a\":");
  node = bm_json_read (objects->str, objects->len, &error);
  g_assert_null (node);
  g_assert_error (error, BM_JSON_ERROR, BM_JSON_ERROR_TOO_DEEP);
  g_clear_error (&error);

  /* 64 levels are fine, 65 are not */
  {
    g_autofree char *closing = g_strnfill (BM_JSON_MAX_DEPTH, ']');
    g_autofree char *doc = g_strconcat (arrays + deep - BM_JSON_MAX_DEPTH, closing, NULL);
    g_autofree char *closing_more = g_strnfill (BM_JSON_MAX_DEPTH + 1, ']');

    node = bm_json_read (doc, strlen (doc), &error);
    g_assert_no_error (error);
    g_assert_nonnull (node);
    g_clear_pointer (&node, json_node_unref);

    too_deep = g_strconcat (arrays + deep - BM_JSON_MAX_DEPTH - 1, closing_more, NULL);
    node = bm_json_read (too_deep, strlen (too_deep), &error);
    g_assert_error (error, BM_JSON_ERROR, BM_JSON_ERROR_TOO_DEEP);
    g_assert_null (node);
  }
}

static void
test_json_through_intake (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("{\"format\": \"bodymap-intake\"\0}", 29);
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = bm_intake_load_bytes (bytes, DISPLAY_NAME, &error);

  g_assert_null (intake);
  g_assert_error (error, BM_INTAKE_ERROR, BM_INTAKE_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "jamie.bodymap: line 1, column 28: the file contains a NUL byte");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/intake-io/load/example", test_load_example);
  g_test_add_func ("/intake-io/load/minimal", test_load_minimal);
  g_test_add_func ("/intake-io/load/nulls", test_load_nulls);
  g_test_add_func ("/intake-io/load/phases", test_load_phases);
  g_test_add_func ("/intake-io/load/birth-year-bounds", test_load_birth_year_bounds);
  g_test_add_func ("/intake-io/load/taper-file", test_load_taper_file);
  g_test_add_func ("/intake-io/load/limits-in-characters", test_load_limits_in_characters);
  g_test_add_func ("/intake-io/load/file", test_load_file);
  g_test_add_func ("/intake-io/load/file-missing", test_load_file_missing);
  g_test_add_func ("/intake-io/load/file-not-regular", test_load_file_not_regular);

  g_test_add_func ("/intake-io/limits/file-size", test_limit_file_size_bytes);
  g_test_add_func ("/intake-io/limits/file-size-on-disk", test_limit_file_size_file);
  g_test_add_func ("/intake-io/limits/marks", test_limit_marks);
  g_test_add_func ("/intake-io/limits/text-lengths", test_limit_lengths);

  g_test_add_func ("/intake-io/reject/base-is-valid", test_reject_base_is_valid);
  for (guint i = 0; i < G_N_ELEMENTS (reject_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/intake-io/reject/%s", reject_cases[i].name);

      g_test_add_data_func (path, &reject_cases[i], test_reject);
    }

  g_test_add_func ("/intake-io/save/example", test_save_example);
  g_test_add_func ("/intake-io/save/file", test_save_file);
  g_test_add_func ("/intake-io/save/private", test_save_file_private);
  g_test_add_func ("/intake-io/save/symlink", test_save_file_symlink);
  g_test_add_func ("/intake-io/save/onto-folder", test_save_file_onto_folder);
  g_test_add_func ("/intake-io/save/too-large", test_save_file_too_large);
  g_test_add_func ("/intake-io/save/invalid", test_save_file_invalid);
  g_test_add_func ("/intake-io/save/source-follows-file", test_save_file_source);
  g_test_add_func ("/intake-io/save/read-only-folder", test_save_file_read_only_folder);
  g_test_add_func ("/intake-io/save/removes-leftovers", test_save_file_removes_leftovers);
  g_test_add_func ("/intake-io/save/write-fails", test_save_file_write_fails);

  g_test_add_func ("/intake-io/round-trip/example", test_round_trip_example);
  g_test_add_func ("/intake-io/round-trip/app-written", test_round_trip_app_written);
  g_test_add_func ("/intake-io/round-trip/unknown-keys", test_round_trip_unknown_keys);
  g_test_add_func ("/intake-io/round-trip/numbers", test_round_trip_numbers);

  g_test_add_func ("/intake-io/json/values", test_json_values);
  g_test_add_func ("/intake-io/json/scalar-root", test_json_scalar_root);
  g_test_add_func ("/intake-io/json/depth", test_json_depth);
  g_test_add_func ("/intake-io/json/through-intake", test_json_through_intake);
  for (guint i = 0; i < G_N_ELEMENTS (json_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/intake-io/json/reject/%s", json_cases[i].name);

      g_test_add_data_func (path, &json_cases[i], test_json_reject);
    }

  return g_test_run ();
}
