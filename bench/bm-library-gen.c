/* bm-library-gen.c: a clinic library made up for the benchmarks
 *
 * The files are written directly, in the library's formats
 * (docs/file-format.md, "The library"), without the fsync and the
 * matching that filing does: 50,000 visits in seconds rather than
 * minutes. The visit files themselves are made by bm_intake_save_bytes(),
 * so they are exactly what Body Map writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "bm-atlas.h"
#include "bm-intake-io.h"
#include "bm-json-writer.h"
#include "bm-library.h"
#include "bm-therapist.h"

#include "bm-library-gen.h"

static const char *first_names[] = {
  "Jamie", "Sam", "Alex", "Maria", "José", "Zoë", "Chloé", "Renée", "Björn", "Søren", "Łukasz", "Ana",
  "Noémie", "François", "Inés", "Joaquín", "Mikael", "Aoife", "Siobhán", "Dario", "Giulia", "Kim", "Lee",
  "Priya", "Anjali", "Wei", "Yuki", "Hana", "Olga", "Dmitri", "Fatima", "Omar", "Amara", "Kwame", "Emma",
  "Liam", "Olivia", "Noah", "Ava", "Elijah", "Sophia", "Lucas", "Mia", "Mateo", "Isabella", "Leo", "Ella",
  "Hugo", "Léa", "Jonas", "Ida", "Nils", "Astrid", "Pål", "Åsa", "Jürgen", "Günther", "Ümit", "Çağla",
  "Tomás", "Beatriz", "João", "Conceição", "Raúl", "Nuria", "Ximena", "Pilar", "Ngozi", "Tariq", "Rania",
  "Aleksander", "Katarzyna", "Zuzana", "Petr", "Dóra", "Ágnes", "Eero", "Aino", "Jean-Luc", "Marie-Claire",
};

static const char *last_names[] = {
  "Rivers", "Lee", "Park", "García", "Müller", "Núñez", "Öztürk", "Ødegaard", "Kowalski", "Nowak",
  "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thomas", "Roberts", "Walker",
  "Moreau", "Lefèvre", "Fournier", "Girard", "Bernard", "Dubois", "Rossi", "Russo", "Ferrari", "Esposito",
  "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Schäfer", "Koch", "Björk", "Lindqvist",
  "Nakamura", "Tanaka", "Suzuki", "Chen", "Wang", "Zhang", "Singh", "Patel", "Kumar", "Okafor", "Mensah",
  "O'Brien", "Ó Súilleabháin", "MacDonald", "Van der Berg", "De Jong", "Jansen", "Novák", "Dvořák",
  "Horváth", "Nagy", "Popescu", "Ivanova", "Petrov", "Papadopoulos", "Yılmaz", "Kaya", "Haddad",
  "Santos", "Oliveira", "Pereira", "Gonçalves", "Fernández", "López", "Martínez", "Sánchez", "Díaz",
  "Wu-Lane", "Moss", "Bell", "Hughes", "Murphy", "Kelly", "Quinn", "Nguyễn", "Trần", "Lê",
};

static const char *distances[] = { "5k", "10k", "half marathon", "marathon", "trail 30k", "ultra 50k" };

static void
write_file (const char *path,
            const void *data,
            gsize       length)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  const char *p = data;

  if (fd < 0)
    g_error ("%s: %s", path, g_strerror (errno));
  while (length > 0)
    {
      gssize n = write (fd, p, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        g_error ("%s: %s", path, g_strerror (errno));
      p += n;
      length -= (gsize) n;
    }
  /* Whatever the umask, as the library writes them */
  if (fchmod (fd, 0600) != 0 || close (fd) != 0)
    g_error ("%s: %s", path, g_strerror (errno));
}

static void
make_dir (const char *path)
{
  if (g_mkdir (path, 0700) != 0 || g_chmod (path, 0700) != 0)
    g_error ("%s: %s", path, g_strerror (errno));
}

/* client.json, as bm-library.c writes it */
static void
write_client_file (const char *dir,
                   const char *name,
                   int         birth_year,
                   const char *email,
                   const char *phone)
{
  g_autoptr(BmJsonWriter) w = bm_json_writer_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = g_build_filename (dir, "client.json", NULL);

  bm_json_writer_begin_object (w);
  bm_json_writer_key (w, "format");
  bm_json_writer_string (w, "bodymap-client");
  bm_json_writer_key (w, "version");
  bm_json_writer_int (w, 2);
  bm_json_writer_key (w, "name");
  bm_json_writer_string (w, name);
  if (birth_year > 0)
    {
      bm_json_writer_key (w, "birth_year");
      bm_json_writer_int (w, birth_year);
    }
  bm_json_writer_key (w, "email");
  bm_json_writer_string (w, email);
  bm_json_writer_key (w, "phone");
  bm_json_writer_string (w, phone);
  bm_json_writer_end_object (w);
  bytes = bm_json_writer_free_to_bytes (g_steal_pointer (&w));
  write_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* The email as a clinic would have it: ASCII, lower case */
static char *
make_email (const char *first,
            const char *last,
            guint       n)
{
  g_autofree char *a = g_str_to_ascii (first, "C");
  g_autofree char *b = g_str_to_ascii (last, "C");
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = a; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  g_string_append_c (out, '.');
  for (const char *p = b; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  g_string_append_printf (out, "%u@example.org", n);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
write_visit (GRand      *rand,
             BmAtlas    *atlas,
             const char *dir,
             const char *client_id,
             const char *name,
             int         birth_year,
             const char *email,
             const char *phone,
             const GDate *date)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autofree char *day = format_date (date);
  g_autofree char *visit_id = g_strdup_printf ("%s-%08x%02x", day, g_rand_int (rand),
                                               g_rand_int_range (rand, 0, 256));
  g_autofree char *file_name = g_strconcat (visit_id, ".bodymap", NULL);
  g_autofree char *path = g_build_filename (dir, file_name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  guint n_regions = bm_atlas_get_n_regions (atlas);
  int n_marks = g_rand_int_range (rand, 1, 7);

  bm_intake_set_client_name (intake, name);
  bm_intake_set_birth_year (intake, birth_year);
  bm_intake_set_email (intake, email);
  bm_intake_set_phone (intake, phone);
  bm_intake_set_visit_date (intake, day);
  bm_intake_set_phase (intake, (BmPhase) g_rand_int_range (rand, 0, BM_N_PHASES));
  bm_intake_set_pressure (intake, (BmPressure) g_rand_int_range (rand, BM_PRESSURE_LIGHT, BM_PRESSURE_DEEP + 1));
  bm_intake_set_weekly_km (intake, g_rand_int_range (rand, 10, 120));
  if (g_rand_int_range (rand, 0, 10) < 4)
    {
      GDate race = *date;
      g_autofree char *race_day = NULL;

      g_date_add_days (&race, g_rand_int_range (rand, 14, 140));
      race_day = format_date (&race);
      bm_intake_set_next_race (intake, race_day, distances[g_rand_int_range (rand, 0, G_N_ELEMENTS (distances))]);
    }
  for (int m = 0; m < n_marks; m++)
    {
      const BmRegion *region = bm_atlas_get_region (atlas, g_rand_int_range (rand, 0, n_regions));
      BmSide side = !bm_region_is_paired (region) ? BM_SIDE_CENTER
                    : g_rand_boolean (rand) ? BM_SIDE_LEFT : BM_SIDE_RIGHT;
      BmSymptoms symptoms = (BmSymptoms) g_rand_int_range (rand, 0, 1 << BM_N_SYMPTOMS);
      g_autoptr(BmMark) mark = bm_mark_new (bm_region_get_id (region), side, g_rand_int_range (rand, 1, 11),
                                            symptoms, m == 0 && g_rand_boolean (rand) ? "worse after long runs" : NULL);

      /* One mark per region and side: a second pick of the same one replaces it */
      bm_intake_set_mark (intake, mark, FALSE);
    }
  if (g_rand_int_range (rand, 0, 5) == 0)
    bm_therapist_set_session_minutes (intake, g_rand_boolean (rand) ? 60 : 90);
  bm_intake_set_library_link (intake, client_id, visit_id);
  bytes = bm_intake_save_bytes (intake);
  write_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

void
bm_bench_make_library (const char *dir,
                       guint       n_clients,
                       guint       n_visits,
                       guint32     seed)
{
  static const char marker[] = "{\n  \"format\": \"bodymap-library\",\n  \"version\": 2\n}\n";
  GRand *rand = g_rand_new_with_seed (seed);
  BmAtlas *atlas = bm_atlas_get_default ();
  g_autofree char *clients_dir = g_build_filename (dir, "clients", NULL);
  g_autofree char *marker_path = g_build_filename (dir, "library.json", NULL);
  g_autofree guint8 *counts = g_new (guint8, n_clients);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 start = g_get_monotonic_time ();
  guint spread;

  g_return_if_fail (n_clients > 0 && n_visits >= n_clients && n_visits <= n_clients * 10);

  make_dir (dir);
  make_dir (clients_dir);
  write_file (marker_path, marker, sizeof marker - 1);

  /* Every client has one visit, the rest go to random ones, at most 10
   * each: 1 to 10, around the average */
  memset (counts, 1, n_clients);
  for (spread = n_clients; spread < n_visits;)
    {
      guint i = g_rand_int_range (rand, 0, n_clients);

      if (counts[i] < 10)
        {
          counts[i]++;
          spread++;
        }
    }

  for (guint i = 0; i < n_clients; i++)
    {
      const char *first = first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))];
      const char *last = last_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (last_names))];
      g_autofree char *name = g_strdup_printf ("%s %s", first, last);
      int birth_year = g_rand_int_range (rand, 0, 20) == 0 ? 0 : g_rand_int_range (rand, 1950, 2008);
      g_autofree char *email = g_rand_int_range (rand, 0, 10) < 7 ? make_email (first, last, i) : g_strdup ("");
      g_autofree char *phone = g_rand_boolean (rand)
                               ? g_strdup_printf ("+44 7%03u %06u", g_rand_int_range (rand, 0, 1000),
                                                  g_rand_int_range (rand, 0, 1000000))
                               : g_strdup ("");
      g_autofree char *base = bm_library_make_client_id (name, birth_year);
      g_autofree char *id = g_strdup (base);
      g_autofree char *client_dir = NULL;
      GDate date;

      /* Unique as the library makes them: "-2", "-3"... */
      for (guint n = 2; g_hash_table_contains (ids, id); n++)
        {
          g_free (id);
          id = g_strdup_printf ("%s-%u", base, n);
        }
      g_hash_table_add (ids, g_strdup (id));
      client_dir = g_build_filename (clients_dir, id, NULL);
      make_dir (client_dir);
      write_client_file (client_dir, name, birth_year, email, phone);

      /* The first visit some time in the last three years, the next ones
       * every one to four weeks */
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, G_DATE_JANUARY, 2024);
      g_date_add_days (&date, g_rand_int_range (rand, 0, 3 * 365 - 10 * 28));
      for (guint v = 0; v < counts[i]; v++)
        {
          write_visit (rand, atlas, client_dir, id, name, birth_year, email, phone, &date);
          g_date_add_days (&date, 7 * g_rand_int_range (rand, 1, 5));
        }
      if ((i + 1) % 1000 == 0 || i + 1 == n_clients)
        g_printerr ("\rMaking the library: %u of %u clients (%.0f s)", i + 1, n_clients,
                    (g_get_monotonic_time () - start) / 1e6);
    }
  g_printerr ("\n");
  g_rand_free (rand);
}
