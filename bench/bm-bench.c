/* bm-bench.c: Body Map's performance figures
 *
 * Prints one "name value unit" line per figure, each the median of many
 * runs. See the README for the targets and how to reproduce.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "bm-advisor.h"
#include "bm-date.h"
#include "bm-history.h"
#include "bm-history-chart.h"
#include "bm-library.h"
#include "bm-library-private.h"
#include "bm-map-renderer.h"
#include "bm-plan-document.h"

#include "bm-library-gen.h"
#include "bm-test-files.h"

#define WIDTH 1200
#define HEIGHT 900

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* NAN for no samples (a start that failed at once) */
static double
median (GArray *samples)
{
  if (samples->len == 0)
    return NAN;
  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, samples->len / 2);
}

static BmIntake *
typical_intake (void)
{
  static const struct { const char *region; BmSide side; int severity; BmSymptoms symptoms; } marks[] = {
    { "calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT | BM_SYMPTOM_KNOT },
    { "calf", BM_SIDE_RIGHT, 3, BM_SYMPTOM_TIGHT },
    { "it-band", BM_SIDE_LEFT, 7, BM_SYMPTOM_SORE },
    { "hamstrings", BM_SIDE_RIGHT, 4, BM_SYMPTOM_TIGHT },
    { "glutes", BM_SIDE_LEFT, 5, BM_SYMPTOM_KNOT },
    { "lower-back", BM_SIDE_LEFT, 2, 0 },
    { "achilles", BM_SIDE_LEFT, 5, BM_SYMPTOM_SORE | BM_SYMPTOM_SWOLLEN },
    { "plantar-fascia", BM_SIDE_RIGHT, 8, BM_SYMPTOM_SHARP },
    { "neck", BM_SIDE_CENTER, 2, BM_SYMPTOM_TIGHT },
  };
  BmIntake *intake = bm_intake_new ();

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    {
      g_autoptr(BmMark) mark = bm_mark_new (marks[i].region, marks[i].side, marks[i].severity,
                                            marks[i].symptoms, NULL);
      bm_intake_set_mark (intake, mark, FALSE);
    }
  return intake;
}

/* Every region and side marked, with symptoms, plus a health flag, an
 * avoided region and a race: the advisor's worst case */
static BmIntake *
full_intake (BmAtlas *atlas)
{
  BmIntake *intake = bm_intake_new ();

  bm_intake_set_client_name (intake, "Bench Runner");
  bm_intake_set_visit_date (intake, "2026-11-23");
  bm_intake_set_phase (intake, BM_PHASE_PEAK);
  bm_intake_set_pressure (intake, BM_PRESSURE_DEEP);
  bm_intake_set_health (intake, BM_HEALTH_OSTEOPOROSIS);
  bm_intake_set_next_race (intake, "2026-11-27", "marathon");
  bm_intake_set_avoided (intake, "neck", TRUE);
  for (guint i = 0; i < bm_atlas_get_n_regions (atlas); i++)
    {
      const BmRegion *region = bm_atlas_get_region (atlas, i);
      const char *id = bm_region_get_id (region);

      if (bm_region_is_paired (region))
        {
          g_autoptr(BmMark) left = bm_mark_new (id, BM_SIDE_LEFT, 1 + i % 10,
                                                BM_SYMPTOM_TIGHT | BM_SYMPTOM_KNOT, NULL);
          g_autoptr(BmMark) right = bm_mark_new (id, BM_SIDE_RIGHT, (i * 3) % 11,
                                                 bm_symptom_nth (i % BM_N_SYMPTOMS), NULL);

          bm_intake_set_mark (intake, left, FALSE);
          bm_intake_set_mark (intake, right, FALSE);
        }
      else
        {
          g_autoptr(BmMark) center = bm_mark_new (id, BM_SIDE_CENTER, 5, BM_SYMPTOM_SORE, NULL);

          bm_intake_set_mark (intake, center, FALSE);
        }
    }
  return intake;
}

/* One start of @program (with @file, if any, or --library @library) with
 * the first-frame probe on: the time to the first frame (ms), the main
 * thread's CPU time until then (ms, if @cpu_ms), the memory once settled
 * (KiB) and, with @library, the time until the clients view showed its
 * rows (ms) */
static gboolean
run_once (const char  *program,
          const char  *file,
          const char  *library,
          char       **env,
          double      *first_frame_ms,
          double      *cpu_ms,
          double      *pss_kib,
          double      *clients_view_ms)
{
  const char *argv[] = { program, library ? "--library" : file, library, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  *first_frame_ms = *pss_kib = -1;
  if (cpu_ms)
    *cpu_ms = -1;
  if (clients_view_ms)
    *clients_view_ms = -1;
  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &status, NULL) || !g_spawn_check_wait_status (status, NULL))
    return FALSE;
  lines = g_strsplit (out, "\n", -1);
  for (guint l = 0; lines[l]; l++)
    if (g_str_has_prefix (lines[l], "first-frame-ms "))
      *first_frame_ms = g_ascii_strtod (lines[l] + 15, NULL);
    else if (cpu_ms && g_str_has_prefix (lines[l], "first-frame-cpu-ms "))
      *cpu_ms = g_ascii_strtod (lines[l] + 19, NULL);
    else if (g_str_has_prefix (lines[l], "pss-kib "))
      *pss_kib = g_ascii_strtod (lines[l] + 8, NULL);
    else if (clients_view_ms && g_str_has_prefix (lines[l], "clients-view-ms "))
      *clients_view_ms = g_ascii_strtod (lines[l] + 16, NULL);
  return *first_frame_ms >= 0 && *pss_kib >= 0 && (cpu_ms == NULL || *cpu_ms >= 0) &&
         (clients_view_ms == NULL || *clients_view_ms >= 0);
}

/* The environment of the apps started with the first-frame probe: no
 * draft to offer (@home), no settings of the user's, software rendering */
static char **
probe_environ (const char *home)
{
  char **env = g_get_environ ();

  env = g_environ_setenv (env, "BODYMAP_FIRST_FRAME_PROBE", "1", TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", home, TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  env = g_environ_setenv (env, "GSK_RENDERER", "cairo", TRUE);
  env = g_environ_setenv (env, "NO_AT_BRIDGE", "1", TRUE);
  return env;
}

typedef struct
{
  GArray *ms;
  GArray *cpu_ms;
  GArray *kib;
} Samples;

typedef struct
{
  double ms;
  double cpu_ms;
  double kib;
} Startup;

static Samples
samples_new (void)
{
  return (Samples) { g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
                     g_array_new (FALSE, FALSE, sizeof (double)) };
}

static gboolean
samples_run (Samples    *samples,
             const char *program,
             const char *file,
             char      **env)
{
  double ms, cpu_ms, kib;

  if (!run_once (program, file, NULL, env, &ms, &cpu_ms, &kib, NULL))
    return FALSE;
  g_array_append_val (samples->ms, ms);
  g_array_append_val (samples->cpu_ms, cpu_ms);
  g_array_append_val (samples->kib, kib);
  return TRUE;
}

static Startup
samples_finish (Samples *samples)
{
  Startup medians = { median (samples->ms), median (samples->cpu_ms), median (samples->kib) };

  g_array_unref (samples->ms);
  g_array_unref (samples->cpu_ms);
  g_array_unref (samples->kib);
  return medians;
}

/* Starts the bare window and Body Map (with the example intake) @runs times
 * each, alternately, so that whatever else the machine is doing weighs on
 * both alike; gives the medians, and the median of each round's ratio of
 * the first frames (@paired_ratio), which the machine's speed wandering
 * from one round to the next does not move */
static gboolean
measure_startup (guint    runs,
                 Startup *bare,
                 Startup *app,
                 double  *paired_ratio)
{
  Samples bare_samples = samples_new ();
  Samples app_samples = samples_new ();
  g_autofree char *home = bm_test_make_temp_dir ("bm-bench");
  g_auto(GStrv) env = probe_environ (home);
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < runs; i++)
    ok = samples_run (&bare_samples, BARE_WINDOW_BINARY, NULL, env) &&
         samples_run (&app_samples, BODYMAP_BINARY, EXAMPLE_INTAKE, env);

  for (guint i = 0; i < app_samples.ms->len; i++)
    {
      double ratio = g_array_index (app_samples.ms, double, i) / g_array_index (bare_samples.ms, double, i);

      g_array_append_val (ratios, ratio);
    }
  *paired_ratio = median (ratios);
  *bare = samples_finish (&bare_samples);
  *app = samples_finish (&app_samples);
  /* The apps write there (recently used files, say) */
  bm_test_remove_tree (home);
  return ok;
}

/* The start-up lines, @rounds starts of each window */
static void
bench_startup (guint rounds)
{
  Startup app, bare;
  double paired_ratio;

  if (!measure_startup (rounds, &bare, &app, &paired_ratio))
    {
      g_printerr ("could not measure the start-up\n");
      return;
    }
  g_print ("startup-first-frame %.0f ms\n", app.ms);
  g_print ("startup-bare-window %.0f ms\n", bare.ms);
  g_print ("startup-ratio %.2f x\n", app.ms / bare.ms);
  g_print ("startup-ratio-paired %.2f x\n", paired_ratio);
  /* The main thread's work alone: steadier on a shared machine */
  g_print ("startup-cpu-ratio %.2f x\n", app.cpu_ms / bare.cpu_ms);
  g_print ("memory-pss %.1f MiB\n", app.kib / 1024);
  g_print ("memory-pss-over-bare %.1f MiB\n", (app.kib - bare.kib) / 1024);
}

/* The clinic library: 10,000 clients with 50,000 visits */
#define LIBRARY_CLIENTS 10000
#define LIBRARY_VISITS  50000

static double
read_pss_kib (void)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/smaps_rollup", &text, NULL, NULL) ||
      !(line = strstr (text, "\nPss:")))
    return -1;
  return g_ascii_strtod (line + 5, NULL);
}

/* bm-bench --library-pss DIR, in a process of its own: the library at DIR
 * loaded (with its index), and this process's memory then */
static int
library_pss_child (const char *dir)
{
  g_autoptr(GFile) location = g_file_new_for_path (dir);
  g_autoptr(BmLibrary) library = bm_library_new (location, NULL);
  g_autoptr(GError) error = NULL;

  if (library == NULL || !bm_library_load (library, &error))
    {
      g_printerr ("%s: %s\n", dir, error ? error->message : "cannot be used");
      return 1;
    }
  g_print ("pss-kib %.0f\n", read_pss_kib ());
  return 0;
}

static double
spawn_library_pss (const char *dir)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self, "--library-pss", dir, NULL };
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_autofree char *out = NULL;
  int status;

  if (self == NULL ||
      !g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL) || !g_str_has_prefix (out, "pss-kib "))
    return -1;
  return g_ascii_strtod (out + 8, NULL);
}

/* What the clients view searches, as bm_client_item_new() makes it: the
 * name (or the id) and the email, case-folded */
static GPtrArray *
make_search_texts (BmLibrary *library)
{
  GPtrArray *clients = bm_library_get_clients (library);
  GPtrArray *texts = g_ptr_array_new_full (clients->len, g_free);

  for (guint i = 0; i < clients->len; i++)
    {
      const BmClient *client = g_ptr_array_index (clients, i);
      g_autofree char *search = g_strconcat (client->name ? client->name : client->id, "\n",
                                             client->email ? client->email : "", NULL);

      g_ptr_array_add (texts, g_utf8_casefold (search, -1));
    }
  return texts;
}

/* The filter of the clients view over every client, as after a keystroke:
 * the typed text stripped and case-folded, then a substring search */
static guint
search_clients (GPtrArray  *texts,
                const char *typed)
{
  g_autofree char *stripped = g_strstrip (g_strdup (typed));
  g_autofree char *key = g_utf8_casefold (stripped, -1);
  guint n = 0;

  for (guint i = 0; i < texts->len; i++)
    n += strstr (g_ptr_array_index (texts, i), key) != NULL;
  return n;
}

static BmLibrary *
open_library_unloaded (const char *dir)
{
  g_autoptr(GFile) location = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  BmLibrary *library = bm_library_new (location, &error);

  if (library == NULL)
    g_error ("%s: %s", dir, error->message);
  return library;
}

static BmLibrary *
open_library (const char *dir)
{
  BmLibrary *library = open_library_unloaded (dir);
  g_autoptr(GError) error = NULL;

  if (!bm_library_load (library, &error))
    g_error ("%s: %s", dir, error->message);
  return library;
}

/* Body Map started @runs times on the library at @dir (finding its index
 * in the cache folder of this process): from main() to the first painted
 * frame with the clients page in place and its rows, and the same from
 * the window's first frame. Needs a display (make bench runs this under
 * xvfb-run). */
static void
bench_clients_view (const char *dir,
                    guint       runs)
{
  g_autofree char *home = bm_test_make_temp_dir ("bm-bench");
  g_auto(GStrv) env = probe_environ (home);
  g_autoptr(GArray) from_main = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) from_first_frame = g_array_new (FALSE, FALSE, sizeof (double));

  env = g_environ_setenv (env, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  for (guint i = 0; i < runs; i++)
    {
      double first_ms, kib, ms;

      if (!run_once (BODYMAP_BINARY, NULL, dir, env, &first_ms, NULL, &kib, &ms))
        break;
      g_array_append_val (from_main, ms);
      ms -= first_ms;
      g_array_append_val (from_first_frame, ms);
    }
  if (from_main->len == runs)
    {
      g_print ("library-clients-view %.0f ms\n", median (from_main));
      g_print ("library-clients-view-after-first-frame %.0f ms\n", median (from_first_frame));
    }
  else
    g_printerr ("could not measure the clients view\n");
  bm_test_remove_tree (home);
}

static void
bench_library (guint runs)
{
  g_autofree char *parent = bm_test_make_temp_dir ("bm-bench-library");
  g_autofree char *dir = g_build_filename (parent, "Body Map", NULL);
  g_autofree char *empty = g_build_filename (parent, "Empty", NULL);
  g_autofree char *index_path = NULL;
  g_autofree char *empty_index_path = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) over = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) texts = NULL;
  static const char *typed[] = { "m", "ma", "mar", "mari", "maria", "mü", "mül", "müller", "j", "jo", "jos",
                                 "josé", "@", "@example", "5442", "zz" };
  guint open_runs = MAX (11, runs / 20);
  guint found = 0;
  gint64 made, start;
  BmLibrary *library;

  bm_bench_make_library (dir, LIBRARY_CLIENTS, LIBRARY_VISITS, 42);
  made = g_get_real_time ();

  /* The index from nothing: every file read, and the index written */
  library = open_library_unloaded (dir);
  index_path = g_strdup (bm_library_get_index_path (library));
  g_unlink (index_path);
  start = g_get_monotonic_time ();
  if (!bm_library_load (library, NULL) || !bm_library_get_load_stats (library)->index_written)
    g_error ("%s: the index was not written", dir);
  g_print ("library-index %.1f s\n", (g_get_monotonic_time () - start) / 1e6);
  g_object_unref (library);

  /* Folders changed less than 2 seconds before a load are read again by
   * the next one (bm-library.c): once, as on the first start after the
   * library was copied in */
  if (g_get_real_time () - made < 2500 * 1000)
    g_usleep (2500 * 1000 - (g_get_real_time () - made));
  g_object_unref (open_library (dir));

  /* Opening with a current index: from nothing to the sorted clients */
  for (guint i = 0; i < open_runs; i++)
    {
      const BmLibraryLoadStats *stats;
      double ms;

      start = g_get_monotonic_time ();
      library = open_library (dir);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);
      stats = bm_library_get_load_stats (library);
      if (!stats->index_read || stats->folders_read > 0 || bm_library_get_clients (library)->len != LIBRARY_CLIENTS)
        g_printerr ("library-open: the index was not used (%u folders read)\n", stats->folders_read);
      if (i + 1 < open_runs)
        g_object_unref (library);
    }
  g_print ("library-open %.1f ms\n", median (samples));
  g_array_set_size (samples, 0);

  /* The app started on that library: from main() to the first painted
   * frame with the clients page in place and its rows. Needs a display
   * (make bench runs this under xvfb-run); the app finds the index in
   * the bench's cache folder. */
  if (g_getenv ("DISPLAY") || g_getenv ("WAYLAND_DISPLAY"))
    bench_clients_view (dir, open_runs);

  /* A keystroke in the clients view's search */
  texts = make_search_texts (library);
  g_object_unref (library);
  for (guint i = 0; i < runs; i++)
    for (guint k = 0; k < G_N_ELEMENTS (typed); k++)
      {
        double ms;

        start = g_get_monotonic_time ();
        found += search_clients (texts, typed[k]);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (samples, ms);
      }
  if (found == 0)
    g_printerr ("library-search: nothing found\n");
  g_print ("library-search %.2f ms\n", median (samples));
  g_array_set_size (samples, 0);

  /* Memory: a process with that library loaded, over one with an empty
   * library, each alone, alternately */
  {
    g_autoptr(BmLibrary) empty_library = open_library_unloaded (empty);

    if (!bm_library_ensure (empty_library, NULL))
      g_error ("%s: could not make an empty library", empty);
    empty_index_path = g_strdup (bm_library_get_index_path (empty_library));
  }
  for (guint i = 0; i < 5; i++)
    {
      double full = spawn_library_pss (dir);
      double none = spawn_library_pss (empty);
      double mib = (full - none) / 1024;

      if (full < 0 || none < 0)
        {
          g_printerr ("could not measure the library's memory\n");
          break;
        }
      g_array_append_val (over, mib);
    }
  if (over->len > 0)
    g_print ("library-memory-over-empty %.1f MiB\n", median (over));

  g_unlink (index_path);
  g_unlink (empty_index_path);
  bm_test_remove_tree (parent);
}

static BmAtlas *
load_compiled (gpointer compiled)
{
  return bm_atlas_new_from_compiled (compiled, NULL);
}

static BmAtlas *
parse_json (gpointer json)
{
  return bm_atlas_new_from_bytes (json, NULL);
}

/* The median time of @runs loads of an atlas by @load, after a first one */
static double
time_atlas_loads (BmAtlas  *(*load) (gpointer data),
                  gpointer   data,
                  guint      runs)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i <= runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(BmAtlas) atlas = load (data);
      double ms = (g_get_monotonic_time () - start) / 1000.0;

      if (atlas == NULL)
        g_error ("The atlas would not load");
      if (i > 0)
        g_array_append_val (samples, ms);
    }
  return median (samples);
}

static int
run_benchmarks (int   argc,
                char *argv[])
{
  BmAtlas *atlas = bm_atlas_get_default ();
  g_autoptr(BmIntake) intake = typical_intake ();
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_surface_t *target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_surface_t *base = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_surface_t *body = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  BmMapStyle style;
  BmMapLayout layout;
  BmMapState state = { 0 };
  guint runs = argc > 1 ? (guint) atoi (argv[1]) : 200;
  GRand *rand = g_rand_new_with_seed (42);
  cairo_t *cr;

  runs = MAX (runs, 11);
  bm_map_style_init (&style, FALSE);
  bm_map_layout_compute (&layout, atlas, &style, WIDTH, HEIGHT);
  state.hover_region = "hamstrings";
  state.hover_side = BM_SIDE_LEFT;
  state.selected_region = "calf";
  state.selected_side = BM_SIDE_LEFT;

  /* Warm up fonts and caches; the body layer is drawn once per size and
   * style, as on screen */
  cr = cairo_create (body);
  bm_map_renderer_draw_body (cr, atlas, &layout, &style);
  cairo_destroy (cr);
  cr = cairo_create (base);
  bm_map_renderer_draw_base (cr, atlas, intake, &layout, &style);
  cairo_destroy (cr);

  /* A full redraw, as when a mark changes: the body layer, every mark
   * with its symbols, and the hover and selection */
  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      cr = cairo_create (target);
      cairo_set_source_surface (cr, body, 0, 0);
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      bm_map_renderer_draw_marks (cr, atlas, intake, &layout, &style);
      bm_map_renderer_draw_state (cr, atlas, &layout, &style, &state);
      cairo_destroy (cr);
      cairo_surface_flush (target);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);
    }
  g_print ("map-full-redraw %.3f ms\n", median (samples));
  g_array_set_size (samples, 0);

  /* The same in another body outline: made on first use (the first time
   * the map shows it), then drawn as the atlas's own */
  {
    gint64 start = g_get_monotonic_time ();
    BmAtlas *outline = bm_atlas_get_for_body (atlas, "wider-hips");

    g_print ("outline-first-use %.3f ms\n", (g_get_monotonic_time () - start) / 1000.0);
    cr = cairo_create (body);
    bm_map_renderer_draw_body (cr, outline, &layout, &style);
    cairo_destroy (cr);
    for (guint i = 0; i < runs; i++)
      {
        double ms;

        start = g_get_monotonic_time ();
        cr = cairo_create (target);
        cairo_set_source_surface (cr, body, 0, 0);
        cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
        cairo_paint (cr);
        cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
        bm_map_renderer_draw_marks (cr, outline, intake, &layout, &style);
        bm_map_renderer_draw_state (cr, outline, &layout, &style, &state);
        cairo_destroy (cr);
        cairo_surface_flush (target);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (samples, ms);
      }
    g_print ("map-full-redraw-outline %.3f ms\n", median (samples));
    g_array_set_size (samples, 0);
  }

  /* The first draw at a new size or style: everything from nothing */
  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      cr = cairo_create (target);
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      bm_map_renderer_draw_base (cr, atlas, intake, &layout, &style);
      bm_map_renderer_draw_state (cr, atlas, &layout, &style, &state);
      cairo_destroy (cr);
      cairo_surface_flush (target);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);
    }
  g_print ("map-first-draw %.3f ms\n", median (samples));
  g_array_set_size (samples, 0);

  /* Hover: the unchanged base is reused, only the highlight is drawn */
  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      cr = cairo_create (target);
      cairo_set_source_surface (cr, base, 0, 0);
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      bm_map_renderer_draw_state (cr, atlas, &layout, &style, &state);
      cairo_destroy (cr);
      cairo_surface_flush (target);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);
    }
  g_print ("map-hover-redraw %.3f ms\n", median (samples));
  g_array_set_size (samples, 0);

  /* Hit-testing points anywhere on the map */
  for (guint i = 0; i < runs; i++)
    {
      const guint batch = 2000;
      gint64 start;
      guint hits = 0;
      double us;
      double xs[2000], ys[2000];

      for (guint k = 0; k < batch; k++)
        {
          xs[k] = g_rand_double_range (rand, 0, WIDTH);
          ys[k] = g_rand_double_range (rand, 0, HEIGHT);
        }
      start = g_get_monotonic_time ();
      for (guint k = 0; k < batch; k++)
        hits += bm_map_layout_hit_test (&layout, atlas, xs[k], ys[k], NULL, NULL, NULL);
      us = (double) (g_get_monotonic_time () - start) / batch;
      g_array_append_val (samples, us);
      (void) hits;
    }
  g_print ("hit-test %.3f us\n", median (samples));
  g_array_set_size (samples, 0);

  /* A tap in touch mode that misses every area: the nearest outline
   * within a finger's width (26 px), anywhere on the map */
  for (guint i = 0; i < runs; i++)
    {
      const guint batch = 500;
      gint64 start;
      guint hits = 0;
      double us;
      double xs[500], ys[500];

      for (guint k = 0; k < batch; k++)
        {
          xs[k] = g_rand_double_range (rand, 0, WIDTH);
          ys[k] = g_rand_double_range (rand, 0, HEIGHT);
        }
      start = g_get_monotonic_time ();
      for (guint k = 0; k < batch; k++)
        hits += bm_map_layout_find_nearest (&layout, atlas, xs[k], ys[k], 26, NULL, NULL, NULL);
      us = (double) (g_get_monotonic_time () - start) / batch;
      g_array_append_val (samples, us);
      (void) hits;
    }
  g_print ("tap-snap %.3f us\n", median (samples));
  g_array_set_size (samples, 0);

  /* The advisor on a map with every region and side marked, as the
   * suggestions panel runs it after each click */
  {
    g_autoptr(BmIntake) full = full_intake (atlas);

    bm_plan_free (bm_advise (full)); /* loads the rules */
    for (guint i = 0; i < runs; i++)
      {
        const guint batch = 20;
        gint64 start = g_get_monotonic_time ();
        double us;

        for (guint k = 0; k < batch; k++)
          bm_plan_free (bm_advise (full));
        us = (double) (g_get_monotonic_time () - start) / batch;
        g_array_append_val (samples, us);
      }
    g_print ("advise %.1f us\n", median (samples));
    g_array_set_size (samples, 0);
  }

  /* The advisor on a typical map (nine marks) of a client with 20
   * earlier visits, every two weeks, with the plans given then: what
   * worked, what did not, the usual gap. The history is read once, as
   * the window keeps it; only the advice is timed. */
  {
    g_autoptr(BmIntake) today = typical_intake ();
    g_autoptr(BmHistory) earlier = bm_history_new ();

    bm_intake_set_visit_date (today, "2026-11-23");
    bm_intake_set_library_link (today, "bench-runner", "2026-11-23-today");
    for (guint v = 0; v < 20; v++)
      {
        g_autoptr(BmIntake) before = typical_intake ();
        g_autofree char *date = bm_date_add_days ("2026-11-23", -14 * (int) (20 - v));
        g_autofree char *id = g_strconcat (date, "-bench", NULL);
        GPtrArray *marks = bm_intake_get_marks (before);

        bm_intake_set_visit_date (before, date);
        bm_intake_set_library_link (before, "bench-runner", id);
        /* Severities wander, so that every rule has work to do */
        for (guint m = 0; m < marks->len; m++)
          {
            const BmMark *mark = g_ptr_array_index (marks, m);
            g_autoptr(BmMark) changed = bm_mark_new (mark->region, mark->side,
                                                     CLAMP (mark->severity + (int) ((v + m) % 5) - 2, 0, 10),
                                                     mark->symptoms, NULL);

            bm_intake_set_mark (before, changed, FALSE);
          }
        bm_history_add (earlier, before, NULL);
      }

    bm_plan_free (bm_advise_with_history (today, earlier));
    for (guint i = 0; i < runs; i++)
      {
        const guint batch = 20;
        gint64 start = g_get_monotonic_time ();
        double us;

        for (guint k = 0; k < batch; k++)
          bm_plan_free (bm_advise_with_history (today, earlier));
        us = (double) (g_get_monotonic_time () - start) / batch;
        g_array_append_val (samples, us);
      }
    g_print ("advise-with-history %.1f us\n", median (samples));
    g_array_set_size (samples, 0);
  }

  /* The progress chart of 20 visits, two weeks apart, with 10 areas
   * marked at each and a race every eight weeks, all 10 areas shown: laid
   * out and drawn from nothing at about the size of the client page's
   * chart, its text in one Pango context as the widget's */
  {
    static const struct { const char *region; BmSide side; } areas[] = {
      { "calf", BM_SIDE_LEFT }, { "calf", BM_SIDE_RIGHT }, { "it-band", BM_SIDE_LEFT },
      { "hamstrings", BM_SIDE_RIGHT }, { "glutes", BM_SIDE_LEFT }, { "achilles", BM_SIDE_LEFT },
      { "plantar-fascia", BM_SIDE_RIGHT }, { "shin", BM_SIDE_LEFT }, { "lower-back", BM_SIDE_CENTER },
      { "neck", BM_SIDE_CENTER },
    };
    g_autoptr(BmHistory) history = bm_history_new ();
    g_autoptr(BmHistoryChart) chart = NULL;
    cairo_surface_t *chart_target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 720, 400);
    BmHistoryChartStyle chart_style;
    BmHistoryChartLayout chart_layout;

    for (guint v = 0; v < 20; v++)
      {
        g_autoptr(BmIntake) visit = bm_intake_new ();
        g_autofree char *date = bm_date_add_days ("2026-11-23", -14 * (int) (19 - v));
        g_autofree char *race = bm_date_add_days ("2026-11-23", -56 * (int) (4 - v / 4) + 10);

        bm_intake_set_client_name (visit, "Bench Runner");
        bm_intake_set_visit_date (visit, date);
        bm_intake_set_next_race (visit, race, "half");
        for (guint a = 0; a < G_N_ELEMENTS (areas); a++)
          {
            /* Each area at its own level, wandering by up to two points */
            int severity = CLAMP (2 + (int) (a % 7) + (int) ((v + a) % 5) - 2, 0, 10);
            g_autoptr(BmMark) mark = bm_mark_new (areas[a].region, areas[a].side, severity,
                                                  BM_SYMPTOM_TIGHT, NULL);

            bm_intake_set_mark (visit, mark, FALSE);
          }
        bm_history_add (history, visit, NULL);
      }
    chart = bm_history_chart_new (history);
    bm_history_chart_show_first (chart, G_MAXUINT);
    bm_history_chart_style_init (&chart_style, FALSE);
    chart_style.pango_context = pango_font_map_create_context (pango_cairo_font_map_get_default ());

    for (guint i = 0; i <= runs; i++)
      {
        gint64 start = g_get_monotonic_time ();
        double ms;

        cr = cairo_create (chart_target);
        cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
        cairo_paint (cr);
        cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
        bm_history_chart_layout_compute (&chart_layout, chart, &chart_style, 720, 400);
        bm_history_chart_draw (cr, chart, &chart_layout, &chart_style);
        cairo_destroy (cr);
        cairo_surface_flush (chart_target);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        if (i > 0) /* the first run loads the fonts */
          g_array_append_val (samples, ms);
      }
    g_print ("history-chart-draw %.2f ms\n", median (samples));
    g_array_set_size (samples, 0);
    if (g_getenv ("BM_BENCH_KEEP_CHART"))
      cairo_surface_write_to_png (chart_target, g_getenv ("BM_BENCH_KEEP_CHART"));
    cairo_surface_destroy (chart_target);
    g_object_unref (chart_style.pango_context);
  }

  /* "Export as PDF…" of a typical plan (nine marks): advice, layout,
   * drawing, and the atomic write of the file */
  {
    g_autoptr(BmIntake) typical = typical_intake ();
    g_autoptr(GError) error = NULL;
    g_autofree char *dir = bm_test_make_temp_dir ("bm-bench");
    g_autofree char *path = NULL;
    g_autoptr(GFile) file = NULL;
    guint pdf_runs = MAX (11, runs / 10);

    g_assert_no_error (error);
    path = g_build_filename (dir, "plan.pdf", NULL);
    file = g_file_new_for_path (path);
    bm_intake_set_client_name (typical, "Bench Runner");
    bm_intake_set_visit_date (typical, "2026-11-23");
    bm_intake_set_next_race (typical, "2026-12-06", "marathon");
    bm_intake_set_goals (typical, "Finish the marathon without calf cramps");

    for (guint i = 0; i <= pdf_runs; i++)
      {
        gint64 start = g_get_monotonic_time ();
        g_autoptr(BmPlan) plan = bm_advise (typical);
        double ms;

        if (!bm_plan_export_pdf (typical, plan, file, &error))
          g_error ("%s", error->message);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        if (i > 0) /* the first run loads the fonts */
          g_array_append_val (samples, ms);
      }
    g_print ("pdf-export %.1f ms\n", median (samples));
    g_array_set_size (samples, 0);
    bm_test_remove_tree (dir);
  }

  /* The built-in atlas as start-up loads it (compiled by the build), and
   * its JSON parsed as before; warm, after a first load of each */
  {
    g_autoptr(GBytes) compiled = g_resources_lookup_data ("/io/github/bodymap/BodyMap/atlas/atlas.compiled", 0, NULL);
    g_autoptr(GMappedFile) json = g_mapped_file_new (ATLAS_JSON, FALSE, NULL);
    g_autoptr(GBytes) json_bytes = json ? g_mapped_file_get_bytes (json) : NULL;
    g_autoptr(GVariant) variant = NULL;
    guint load_runs = MAX (11, runs / 4);

    if (compiled == NULL || json_bytes == NULL)
      g_error ("The atlas, compiled or as JSON, is missing");
    variant = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (BM_ATLAS_COMPILED_TYPE), compiled, TRUE));
    g_print ("atlas-load %.2f ms\n", time_atlas_loads (load_compiled, variant, load_runs));
    g_print ("atlas-parse-json %.2f ms\n", time_atlas_loads (parse_json, json_bytes, load_runs));
  }

  /* Start-up: needs a display (make bench runs this under xvfb-run). 40
   * rounds by default: the medians of 20 moved the ratio by 0.05 from one
   * run of make bench to the next on the shared machine */
  if (g_getenv ("DISPLAY") || g_getenv ("WAYLAND_DISPLAY"))
    bench_startup (MAX (11, runs / 5));

  bench_library (runs);

  g_rand_free (rand);
  cairo_surface_destroy (target);
  cairo_surface_destroy (base);
  cairo_surface_destroy (body);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = NULL;
  g_autofree char *users = g_strdup (g_getenv ("XDG_CACHE_HOME"));
  int status;

  if (argc == 3 && g_str_equal (argv[1], "--library-pss"))
    return library_pss_child (argv[2]);
  /* bm-bench --startup [ROUNDS]: only the start-up lines */
  if ((argc == 2 || argc == 3) && g_str_equal (argv[1], "--startup"))
    {
      guint rounds = argc == 3 ? (guint) atoi (argv[2]) : 40;

      if (rounds == 0)
        {
          g_printerr ("%s: not a number of rounds\n", argv[2]);
          return 2;
        }
      bench_startup (rounds);
      return 0;
    }
  /* bm-bench --clients-view DIR [N]: only the library-clients-view lines,
   * on a library made with bm-make-library (its index in the user's
   * cache folder, made by a first start that is not counted) */
  if ((argc == 3 || argc == 4) && g_str_equal (argv[1], "--clients-view"))
    {
      double first_ms, kib, ms;
      g_autofree char *home = bm_test_make_temp_dir ("bm-bench");
      g_auto(GStrv) env = g_environ_setenv (probe_environ (home), "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);

      if (!run_once (BODYMAP_BINARY, NULL, argv[2], env, &first_ms, NULL, &kib, &ms))
        g_printerr ("%s: could not start Body Map on it\n", argv[2]);
      bm_test_remove_tree (home);
      bench_clients_view (argv[2], argc == 4 ? (guint) atoi (argv[3]) : 11);
      return 0;
    }

  /* The library's index goes to a cache folder of the bench's own, not
   * the user's: GLib reads the variable once. The apps started for the
   * start-up lines keep the user's. */
  cache = bm_test_make_temp_dir ("bm-bench-cache");
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_assert_cmpstr (g_get_user_cache_dir (), ==, cache);
  if (users)
    g_setenv ("XDG_CACHE_HOME", users, TRUE);
  else
    g_unsetenv ("XDG_CACHE_HOME");
  status = run_benchmarks (argc, argv);
  bm_test_remove_tree (cache);
  return status;
}
