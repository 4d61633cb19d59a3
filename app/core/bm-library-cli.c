/* bm-library-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-library-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bm-advisor.h"
#include "bm-atlas.h"
#include "bm-intake-io.h"
#include "bm-json-writer.h"
#include "bm-library-cli.h"
#include "bm-history.h"
#include "bm-progress.h"
#include "bm-techniques.h"

/* One line of a tab-separated table: no tabs or line breaks inside */
static char *
field (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);

  return g_strdelimit (g_steal_pointer (&valid), "\t\r\n", ' ');
}

static void
print_line_error (const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_printerr ("%s\n", g_strdelimit (line, "\r\n", ' '));
}

BmLibrary *
bm_library_cli_open (const char *location)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  BmLibrary *library;

  if (location != NULL && *location == '\0')
    {
      g_printerr ("%s\n", _("--library: needs a folder"));
      return NULL;
    }
  if (location != NULL)
    file = g_file_new_for_commandline_arg (location);
  else
    {
      g_autofree char *path = bm_library_dup_default_path ();

      file = g_file_new_for_path (path);
    }
  library = bm_library_new (file, &error);
  if (library == NULL)
    print_line_error (error->message);
  return library;
}

int
bm_library_cli_import (BmLibrary          *library,
                       const char * const *files)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_return_val_if_fail (BM_IS_LIBRARY (library), 1);

  if (files == NULL || files[0] == NULL)
    {
      g_printerr ("%s\n", _("Usage: bodymap --import FILE… [--library DIR]"));
      return 1;
    }
  if (!bm_library_ensure (library, &error))
    {
      print_line_error (error->message);
      return 1;
    }

  for (guint i = 0; files[i]; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (files[i]);
      g_autoptr(BmIntake) intake = NULL;
      g_autofree char *id = NULL;
      g_autofree char *name = NULL;
      gboolean made = FALSE;

      g_clear_error (&error);
      intake = bm_intake_load_file (file, &error);
      if (intake == NULL || !bm_library_file_intake (library, intake, &id, &made, &error))
        {
          print_line_error (error->message);
          status = 1;
          continue;
        }
      name = field (files[i]);
      g_print ("%s\t%s\t%s\t%s\n", name, id, made ? "new" : "existing", bm_intake_get_visit_date (intake));
      fflush (stdout);
    }
  return status;
}

/* The damaged files and conflict copies, one line each on stderr */
static void
report_problems (BmLibrary *library)
{
  GPtrArray *clients = bm_library_get_clients (library);
  GPtrArray *conflicts = bm_library_get_conflicts (library);

  for (guint i = 0; i < clients->len; i++)
    {
      const BmClient *client = g_ptr_array_index (clients, i);

      if (client->error)
        print_line_error (client->error);
      for (guint v = 0; v < client->visits->len; v++)
        {
          const BmVisitInfo *visit = g_ptr_array_index (client->visits, v);

          if (visit->error)
            print_line_error (visit->error);
        }
      for (guint c = 0; c < client->conflicts->len; c++)
        {
          /* Translators: a file a sync tool made when two devices changed the same file */
          g_autofree char *line = g_strdup_printf (_("%s: a conflict copy made by a sync tool; compare it with the file it copies and keep one"),
                                                   (const char *) g_ptr_array_index (client->conflicts, c));

          print_line_error (line);
        }
    }
  for (guint c = 0; c < conflicts->len; c++)
    {
      g_autofree char *line = g_strdup_printf (_("%s: a conflict copy made by a sync tool; compare it with the file it copies and keep one"),
                                               (const char *) g_ptr_array_index (conflicts, c));

      print_line_error (line);
    }
}

/* "id", "name" (null when damaged) and "birth_year" (null when unknown) */
static void
write_client_keys (BmJsonWriter   *w,
                   const BmClient *client)
{
  bm_json_writer_key (w, "id");
  bm_json_writer_string (w, client->id);
  bm_json_writer_key (w, "name");
  if (client->name)
    bm_json_writer_string (w, client->name);
  else
    bm_json_writer_null (w);
  bm_json_writer_key (w, "birth_year");
  if (client->birth_year > 0)
    bm_json_writer_int (w, client->birth_year);
  else
    bm_json_writer_null (w);
}

static void
write_paths (BmJsonWriter *w,
             GPtrArray    *paths)
{
  bm_json_writer_begin_array (w);
  for (guint i = 0; i < paths->len; i++)
    bm_json_writer_string (w, g_ptr_array_index (paths, i));
  bm_json_writer_end_array (w);
}

static guint
readable_visits (const BmClient *client)
{
  guint n = 0;

  for (guint v = 0; v < client->visits->len; v++)
    n += ((const BmVisitInfo *) g_ptr_array_index (client->visits, v))->error == NULL;
  return n;
}

int
bm_library_cli_list_clients (BmLibrary  *library,
                             const char *format)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *clients;

  g_return_val_if_fail (BM_IS_LIBRARY (library), 1);

  if (!bm_library_load (library, &error))
    {
      print_line_error (error->message);
      return 1;
    }
  clients = bm_library_get_clients (library);

  if (g_strcmp0 (format, "json") == 0)
    {
      g_autoptr(BmJsonWriter) w = bm_json_writer_new ();
      GPtrArray *conflicts = bm_library_get_conflicts (library);
      g_autofree char *out = NULL;

      bm_json_writer_begin_object (w);
      bm_json_writer_key (w, "format");
      bm_json_writer_string (w, "bodymap-clients");
      bm_json_writer_key (w, "version");
      bm_json_writer_int (w, 1);
      bm_json_writer_key (w, "clients");
      bm_json_writer_begin_array (w);
      for (guint i = 0; i < clients->len; i++)
        {
          const BmClient *client = g_ptr_array_index (clients, i);
          const BmVisitInfo *last = bm_client_get_latest_visit (client);

          bm_json_writer_begin_object (w);
          write_client_keys (w, client);
          bm_json_writer_key (w, "visits");
          bm_json_writer_int (w, readable_visits (client));
          bm_json_writer_key (w, "last_visit");
          if (last)
            bm_json_writer_string (w, last->date);
          else
            bm_json_writer_null (w);
          bm_json_writer_key (w, "next_race");
          if (last && last->next_race)
            bm_json_writer_string (w, last->next_race);
          else
            bm_json_writer_null (w);
          /* What could not be read, each with its one-line error */
          bm_json_writer_key (w, "damaged");
          bm_json_writer_begin_array (w);
          if (client->error)
            bm_json_writer_string (w, client->error);
          for (guint v = 0; v < client->visits->len; v++)
            {
              const BmVisitInfo *visit = g_ptr_array_index (client->visits, v);

              if (visit->error)
                bm_json_writer_string (w, visit->error);
            }
          bm_json_writer_end_array (w);
          bm_json_writer_key (w, "conflicts");
          write_paths (w, client->conflicts);
          bm_json_writer_end_object (w);
        }
      bm_json_writer_end_array (w);
      bm_json_writer_key (w, "conflicts");
      write_paths (w, conflicts);
      bm_json_writer_end_object (w);
      out = bm_json_writer_free_to_string (g_steal_pointer (&w));
      fputs (out, stdout);
      fflush (stdout);
      return 0;
    }

  for (guint i = 0; i < clients->len; i++)
    {
      const BmClient *client = g_ptr_array_index (clients, i);
      const BmVisitInfo *last = bm_client_get_latest_visit (client);
      g_autofree char *name = field (client->name);
      g_autofree char *year = client->birth_year > 0 ? g_strdup_printf ("%d", client->birth_year) : g_strdup ("");

      g_print ("%s\t%s\t%s\t%u\t%s\t%s\n", client->id, name, year, readable_visits (client),
               last ? last->date : "", last && last->next_race ? last->next_race : "");
    }
  fflush (stdout);
  report_problems (library);
  return 0;
}

BmIntake *
bm_library_load_latest_visit (BmLibrary   *library,
                              const char  *client_id,
                              GError     **error)
{
  const BmClient *client;
  const BmVisitInfo *last;
  g_autoptr(GFile) file = NULL;

  if (!bm_library_load (library, error))
    return NULL;
  client = bm_library_lookup (library, client_id);
  if (client == NULL)
    {
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_NO_CLIENT,
                   _("%s: no such file, and no client with that id in %s"), client_id,
                   bm_library_get_path (library));
      return NULL;
    }
  last = bm_client_get_latest_visit (client);
  if (last == NULL)
    {
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_NO_VISIT,
                   _("%s: the client has no visit that can be read"), client_id);
      return NULL;
    }
  file = g_file_new_for_path (last->path);
  return bm_intake_load_file (file, error);
}

static void
write_history_visit_json (BmJsonWriter *w,
                          BmIntake     *intake,
                          const char   *visit_id)
{
  g_autoptr(BmPlan) plan = bm_history_dup_given_plan (intake);
  GPtrArray *marks = bm_intake_get_marks (intake);

  bm_json_writer_begin_object (w);
  bm_json_writer_key (w, "visit_id");
  bm_json_writer_string (w, visit_id);
  bm_json_writer_key (w, "date");
  bm_json_writer_string (w, bm_intake_get_visit_date (intake));
  bm_json_writer_key (w, "marks");
  bm_json_writer_begin_array (w);
  for (guint i = 0; i < marks->len; i++)
    {
      const BmMark *mark = g_ptr_array_index (marks, i);
      g_autoptr(GStrvBuilder) symptoms = g_strv_builder_new ();
      g_auto(GStrv) ids = NULL;

      for (guint s = 0; s < BM_N_SYMPTOMS; s++)
        if (mark->symptoms & bm_symptom_nth (s))
          g_strv_builder_add (symptoms, bm_symptom_to_id (bm_symptom_nth (s)));
      ids = g_strv_builder_end (symptoms);
      bm_json_writer_begin_object (w);
      bm_json_writer_key (w, "region");
      bm_json_writer_string (w, mark->region);
      bm_json_writer_key (w, "side");
      bm_json_writer_string (w, bm_side_to_id (mark->side));
      bm_json_writer_key (w, "severity");
      bm_json_writer_int (w, mark->severity);
      bm_json_writer_key (w, "symptoms");
      bm_json_writer_string_array (w, (const char * const *) ids);
      bm_json_writer_end_object (w);
    }
  bm_json_writer_end_array (w);
  bm_json_writer_key (w, "plan");
  bm_json_writer_begin_object (w);
  bm_json_writer_key (w, "session_minutes");
  bm_json_writer_int (w, plan->session_minutes);
  bm_json_writer_key (w, "items");
  bm_json_writer_begin_array (w);
  for (guint i = 0; i < plan->items->len; i++)
    {
      const BmPlanItem *item = g_ptr_array_index (plan->items, i);

      bm_json_writer_begin_object (w);
      bm_json_writer_key (w, "region");
      bm_json_writer_string (w, item->region);
      bm_json_writer_key (w, "side");
      bm_json_writer_string (w, bm_side_to_id (item->side));
      bm_json_writer_key (w, "techniques");
      bm_json_writer_string_array (w, (const char * const *) item->techniques);
      bm_json_writer_key (w, "minutes");
      bm_json_writer_int (w, item->minutes);
      bm_json_writer_end_object (w);
    }
  bm_json_writer_end_array (w);
  bm_json_writer_end_object (w);
  bm_json_writer_end_object (w);
}

static void
append_history_visit_text (GString  *out,
                           BmIntake *intake)
{
  g_autoptr(BmPlan) plan = bm_history_dup_given_plan (intake);
  GPtrArray *marks = bm_intake_get_marks (intake);
  BmAtlas *atlas = bm_atlas_get_default ();

  g_string_append_printf (out, "%s\n", bm_intake_get_visit_date (intake));
  if (plan->session_minutes > 0)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "  Session: %d minute\n", "  Session: %d minutes\n",
                                              plan->session_minutes),
                            plan->session_minutes);
  else
    g_string_append_printf (out, "  %s\n", _("No massage that day"));
  for (guint i = 0; i < marks->len; i++)
    {
      const BmMark *mark = g_ptr_array_index (marks, i);
      const BmRegion *region = bm_atlas_lookup (atlas, mark->region);
      g_autofree char *label = region ? bm_region_dup_label (region, mark->side) : g_strdup (mark->region);

      /* Translators: one marked area in --history, "Marked: Left calf 6/10" */
      g_string_append_printf (out, _("  Marked: %s %d/10\n"), label, mark->severity);
    }
  for (guint i = 0; i < plan->items->len; i++)
    {
      const BmPlanItem *item = g_ptr_array_index (plan->items, i);
      const BmRegion *region = bm_atlas_lookup (atlas, item->region);
      g_autofree char *label = region ? bm_region_dup_label (region, item->side) : g_strdup (item->region);
      g_autoptr(GString) techniques = g_string_new (NULL);

      if (item->minutes <= 0)
        continue;
      for (guint t = 0; item->techniques[t]; t++)
        g_string_append_printf (techniques, "%s%s", t ? ", " : "", bm_technique_get_name (item->techniques[t]));
      /* Translators: one worked area in --history, "Worked: Left calf, 15 min (Deep tissue)" */
      g_string_append_printf (out, _("  Worked: %s, %d min (%s)\n"), label, item->minutes, techniques->str);
    }
}

typedef struct
{
  const BmRegion *region;
  BmSide          side;
  char           *label;
  int            *severity;  /* per visit; -1: not marked */
} HistoryRow;

static int
compare_history_rows (gconstpointer a,
                      gconstpointer b)
{
  const HistoryRow *x = *(HistoryRow * const *) a;
  const HistoryRow *y = *(HistoryRow * const *) b;
  guint ix = bm_region_get_index (x->region), iy = bm_region_get_index (y->region);

  if (ix != iy)
    return ix < iy ? -1 : 1;
  return (int) x->side - (int) y->side;
}

static void
history_row_free (gpointer data)
{
  HistoryRow *row = data;

  g_free (row->label);
  g_free (row->severity);
  g_free (row);
}

/* Every area marked at any visit, head to toe, with its severity at each
 * visit (oldest first; "-" when it was not marked) */
static void
append_history_table (GString        *out,
                      const BmClient *client)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  g_autoptr(GPtrArray) visits = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (history_row_free);
  g_autoptr(GHashTable) by_slot = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  glong width = 0;

  for (guint v = 0; v < client->visits->len; v++)
    if (((const BmVisitInfo *) g_ptr_array_index (client->visits, v))->error == NULL)
      g_ptr_array_add (visits, g_ptr_array_index (client->visits, v));
  if (visits->len == 0)
    return;

  for (guint v = 0; v < visits->len; v++)
    {
      const BmVisitInfo *visit = g_ptr_array_index (visits, v);

      for (guint a = 0; visit->areas && visit->areas[a]; a++)
        {
          g_auto(GStrv) parts = g_strsplit (visit->areas[a], ":", 3);
          g_autofree char *slot = NULL;
          const BmRegion *region;
          HistoryRow *row;
          BmSide side = BM_SIDE_CENTER;

          if (g_strv_length (parts) != 3 || !(region = bm_atlas_lookup (atlas, parts[0])) ||
              !bm_side_from_id (parts[1], &side))
            continue;
          slot = g_strconcat (parts[0], ":", parts[1], NULL);
          if (!(row = g_hash_table_lookup (by_slot, slot)))
            {
              row = g_new0 (HistoryRow, 1);
              row->region = region;
              row->side = side;
              row->label = bm_region_dup_label (region, side);
              row->severity = g_new (int, visits->len);
              for (guint k = 0; k < visits->len; k++)
                row->severity[k] = -1;
              g_hash_table_insert (by_slot, g_steal_pointer (&slot), row);
              g_ptr_array_add (rows, row);
              width = MAX (width, g_utf8_strlen (row->label, -1));
            }
          row->severity[v] = atoi (parts[2]);
        }
    }
  g_ptr_array_sort (rows, compare_history_rows);

  /* Translators: heading of the table in --history --format=text */
  g_string_append_printf (out, "\n%s\n", _("Severity by area, oldest visit first"));
  /* Translators: the first column's heading in that table */
  g_string_append_printf (out, "  %s", _("Area"));
  for (glong pad = g_utf8_strlen (_("Area"), -1); pad < width; pad++)
    g_string_append_c (out, ' ');
  for (guint v = 0; v < visits->len; v++)
    g_string_append_printf (out, "  %10s", ((const BmVisitInfo *) g_ptr_array_index (visits, v))->date);
  g_string_append_c (out, '\n');
  for (guint r = 0; r < rows->len; r++)
    {
      const HistoryRow *row = g_ptr_array_index (rows, r);

      g_string_append_printf (out, "  %s", row->label);
      for (glong pad = g_utf8_strlen (row->label, -1); pad < MAX (width, g_utf8_strlen (_("Area"), -1)); pad++)
        g_string_append_c (out, ' ');
      for (guint v = 0; v < visits->len; v++)
        {
          if (row->severity[v] < 0)
            g_string_append_printf (out, "  %10s", "-");
          else
            g_string_append_printf (out, "  %10d", row->severity[v]);
        }
      g_string_append_c (out, '\n');
    }
}

int
bm_library_cli_history (BmLibrary  *library,
                        const char *client_id,
                        const char *format)
{
  g_autoptr(GError) error = NULL;
  const BmClient *client;
  g_autoptr(BmJsonWriter) w = NULL;
  g_autoptr(GString) text = NULL;
  gboolean json = g_strcmp0 (format, "json") == 0;

  g_return_val_if_fail (BM_IS_LIBRARY (library), 1);

  if (client_id == NULL || *client_id == '\0')
    {
      g_printerr ("%s\n", _("Usage: bodymap --history CLIENT-ID [--library DIR] [--format=json|text]"));
      return 1;
    }
  if (!bm_library_load (library, &error))
    {
      print_line_error (error->message);
      return 1;
    }
  client = bm_library_lookup (library, client_id);
  if (client == NULL)
    {
      g_autofree char *line = g_strdup_printf (_("%s: no client with that id in %s"), client_id,
                                               bm_library_get_path (library));

      print_line_error (line);
      return 1;
    }

  if (json)
    {
      w = bm_json_writer_new ();
      bm_json_writer_begin_object (w);
      bm_json_writer_key (w, "format");
      bm_json_writer_string (w, "bodymap-history");
      bm_json_writer_key (w, "version");
      bm_json_writer_int (w, 1);
      bm_json_writer_key (w, "client");
      bm_json_writer_begin_object (w);
      write_client_keys (w, client);
      bm_json_writer_end_object (w);
      bm_json_writer_key (w, "visits");
      bm_json_writer_begin_array (w);
    }
  else
    {
      g_autofree char *name = field (client->name ? client->name : client->id);

      text = g_string_new (NULL);
      /* Translators: the first line of --history --format=text */
      g_string_append_printf (text, _("Visits of %s (%s)\n"), name, client->id);
      append_history_table (text, client);
    }

  for (guint v = 0; v < client->visits->len; v++)
    {
      const BmVisitInfo *visit = g_ptr_array_index (client->visits, v);
      g_autoptr(GFile) file = NULL;
      g_autoptr(BmIntake) intake = NULL;

      if (visit->error)
        continue;
      g_clear_error (&error);
      file = g_file_new_for_path (visit->path);
      intake = bm_intake_load_file (file, &error);
      if (intake == NULL)
        continue;
      if (json)
        write_history_visit_json (w, intake, visit->visit_id);
      else
        {
          g_string_append_c (text, '\n');
          append_history_visit_text (text, intake);
        }
    }

  if (json)
    {
      g_autofree char *out = NULL;

      bm_json_writer_end_array (w);
      bm_json_writer_end_object (w);
      out = bm_json_writer_free_to_string (g_steal_pointer (&w));
      fputs (out, stdout);
    }
  else
    g_print ("%s", text->str);
  fflush (stdout);

  for (guint v = 0; v < client->visits->len; v++)
    {
      const BmVisitInfo *visit = g_ptr_array_index (client->visits, v);

      if (visit->error)
        print_line_error (visit->error);
    }
  return 0;
}

/* LIBRARY/clients/CLIENT-ID/VISIT.bodymap: the library, when @file is
 * there and the folder is the intake's client's */
static BmLibrary *
library_of_file (GFile    *file,
                 BmIntake *intake)
{
  g_autoptr(GFile) client_dir = file ? g_file_get_parent (file) : NULL;
  g_autoptr(GFile) clients = client_dir ? g_file_get_parent (client_dir) : NULL;
  g_autoptr(GFile) root = clients ? g_file_get_parent (clients) : NULL;
  g_autoptr(GFile) marker = root ? g_file_get_child (root, "library.json") : NULL;
  g_autofree char *client_name = client_dir ? g_file_get_basename (client_dir) : NULL;
  g_autofree char *clients_name = clients ? g_file_get_basename (clients) : NULL;

  if (marker == NULL || g_strcmp0 (clients_name, "clients") != 0 ||
      g_strcmp0 (client_name, bm_intake_get_client_id (intake)) != 0 ||
      !g_file_query_exists (marker, NULL))
    return NULL;
  return bm_library_new (root, NULL);
}

BmLibrary *
bm_library_find_for_file (GFile    *file,
                          BmIntake *intake)
{
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);
  g_return_val_if_fail (BM_IS_INTAKE (intake), NULL);

  return bm_intake_get_client_id (intake) != NULL ? library_of_file (file, intake) : NULL;
}

BmPlan *
bm_library_advise (BmLibrary *library,
                   BmIntake  *intake,
                   GFile     *file)
{
  g_autoptr(BmLibrary) own = NULL;
  g_autoptr(BmHistory) earlier = NULL;

  g_return_val_if_fail (BM_IS_INTAKE (intake), NULL);

  if (bm_intake_get_client_id (intake) != NULL &&
      (library != NULL || (library = own = library_of_file (file, intake)) != NULL))
    earlier = bm_history_load (library, bm_intake_get_client_id (intake), intake, NULL);
  return bm_advise_with_history (intake, earlier);
}
