/* bm-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-history"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "bm-advisor.h"
#include "bm-atlas.h"
#include "bm-date.h"
#include "bm-history.h"
#include "bm-intake-io.h"

struct _BmHistory
{
  GPtrArray *visits;  /* BmHistoryVisit*, oldest first */
};

static void
history_visit_free (gpointer data)
{
  BmHistoryVisit *visit = data;

  g_free (visit->date);
  g_free (visit->visit_id);
  g_clear_object (&visit->intake);
  g_clear_pointer (&visit->plan, bm_plan_free);
  g_free (visit);
}

BmHistory *
bm_history_new (void)
{
  BmHistory *self = g_new0 (BmHistory, 1);

  self->visits = g_ptr_array_new_with_free_func (history_visit_free);
  return self;
}

void
bm_history_free (BmHistory *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->visits);
  g_free (self);
}

BmPlan *
bm_history_dup_given_plan (BmIntake *intake)
{
  JsonObject *given = bm_intake_get_given (intake);
  BmPlan *plan = given ? bm_plan_new_from_given (given, intake) : NULL;

  return plan ? plan : bm_advise (intake);
}

void
bm_history_add (BmHistory *self,
                BmIntake  *intake,
                BmPlan    *plan)
{
  BmHistoryVisit *visit;
  const char *date;
  const char *visit_id;
  guint at;

  g_return_if_fail (self != NULL);
  g_return_if_fail (BM_IS_INTAKE (intake));

  date = bm_intake_get_visit_date (intake);
  visit_id = bm_intake_get_visit_id (intake);
  if (visit_id != NULL)
    for (guint i = 0; i < self->visits->len; i++)
      if (g_strcmp0 (((BmHistoryVisit *) g_ptr_array_index (self->visits, i))->visit_id, visit_id) == 0)
        {
          g_ptr_array_remove_index (self->visits, i);
          break;
        }

  visit = g_new0 (BmHistoryVisit, 1);
  visit->date = g_strdup (date ? date : "");
  visit->visit_id = g_strdup (visit_id);
  visit->intake = g_object_ref (intake);
  visit->plan = plan ? plan : bm_history_dup_given_plan (intake);

  /* After every visit of the same day or earlier */
  for (at = self->visits->len; at > 0; at--)
    if (strcmp (((BmHistoryVisit *) g_ptr_array_index (self->visits, at - 1))->date, visit->date) <= 0)
      break;
  g_ptr_array_insert (self->visits, at, visit);
}

guint
bm_history_get_n_visits (const BmHistory *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->visits->len;
}

const BmHistoryVisit *
bm_history_get_visit (const BmHistory *self,
                      guint            index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->visits->len, NULL);

  return g_ptr_array_index (self->visits, index);
}

const BmHistoryVisit *
bm_history_lookup (const BmHistory *self,
                   const char      *visit_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; visit_id && i < self->visits->len; i++)
    {
      const BmHistoryVisit *visit = g_ptr_array_index (self->visits, i);

      if (g_strcmp0 (visit->visit_id, visit_id) == 0)
        return visit;
    }
  return NULL;
}

BmHistory *
bm_history_load (BmLibrary  *library,
                 const char *client_id,
                 BmIntake   *before,
                 GError    **error)
{
  const BmClient *client;

  g_return_val_if_fail (BM_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (before == NULL || BM_IS_INTAKE (before), NULL);

  /* A library already read needs only that client's folder read again
   * (quick whatever its size); else the whole library */
  if (bm_library_get_loaded (library))
    {
      if (!bm_library_load_client (library, client_id, error))
        return NULL;
    }
  else if (!bm_library_load (library, error))
    return NULL;
  if ((client = bm_library_lookup (library, client_id)) == NULL)
    {
      g_set_error (error, BM_LIBRARY_ERROR, BM_LIBRARY_ERROR_NO_CLIENT,
                   _("%s: no client with that id in %s"), client_id, bm_library_get_path (library));
      return NULL;
    }
  return bm_history_new_for_client (client, before);
}

BmHistory *
bm_history_new_for_client (const BmClient *client,
                           BmIntake       *before)
{
  g_autoptr(BmHistory) self = NULL;
  const char *date = NULL;
  const char *visit_id = NULL;

  g_return_val_if_fail (client != NULL, NULL);
  g_return_val_if_fail (before == NULL || BM_IS_INTAKE (before), NULL);

  if (before != NULL)
    {
      date = bm_intake_get_visit_date (before);
      visit_id = bm_intake_get_visit_id (before);
    }

  self = bm_history_new ();
  for (guint i = 0; i < client->visits->len; i++)
    {
      const BmVisitInfo *info = g_ptr_array_index (client->visits, i);
      g_autoptr(GFile) file = NULL;
      g_autoptr(BmIntake) intake = NULL;

      if (info->error != NULL || info->date == NULL)
        continue;
      if (before != NULL && (date == NULL || strcmp (info->date, date) >= 0 ||
                             g_strcmp0 (info->visit_id, visit_id) == 0))
        continue;
      file = g_file_new_for_path (info->path);
      if ((intake = bm_intake_load_file (file, NULL)) == NULL)
        continue;
      bm_history_add (self, intake, NULL);
    }
  return g_steal_pointer (&self);
}

BmHistory *
bm_history_load_through (BmLibrary    *library,
                         BmIntake     *intake,
                         const BmPlan *plan)
{
  const char *client_id;
  BmHistory *self;

  g_return_val_if_fail (BM_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (BM_IS_INTAKE (intake), NULL);
  g_return_val_if_fail (plan != NULL, NULL);

  if ((client_id = bm_intake_get_client_id (intake)) == NULL ||
      (self = bm_history_load (library, client_id, intake, NULL)) == NULL)
    return NULL;
  bm_history_add (self, intake, bm_plan_copy (plan));
  return self;
}

void
bm_history_series_free (BmHistorySeries *series)
{
  if (series == NULL)
    return;
  g_free (series->region);
  g_free (series->label);
  g_free (series->severity);
  g_free (series);
}

static int
compare_series (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const BmHistorySeries *x = *(BmHistorySeries * const *) a;
  const BmHistorySeries *y = *(BmHistorySeries * const *) b;
  BmAtlas *atlas = user_data;
  guint last = x->n_visits - 1;
  int now_x = x->severity[last], now_y = y->severity[last];
  const BmRegion *rx, *ry;
  guint ix, iy;

  /* Marked today first, worst first */
  if ((now_x >= 0) != (now_y >= 0))
    return now_x >= 0 ? -1 : 1;
  if (now_x != now_y)
    return now_y - now_x;
  if (x->peak != y->peak)
    return y->peak - x->peak;
  if (x->n_marked != y->n_marked)
    return (int) y->n_marked - (int) x->n_marked;
  rx = bm_atlas_lookup (atlas, x->region);
  ry = bm_atlas_lookup (atlas, y->region);
  ix = rx ? bm_region_get_index (rx) : G_MAXUINT;
  iy = ry ? bm_region_get_index (ry) : G_MAXUINT;
  if (ix != iy)
    return ix < iy ? -1 : 1;
  return (int) x->side - (int) y->side;
}

GPtrArray *
bm_history_dup_series (const BmHistory *self)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  GPtrArray *series = g_ptr_array_new_with_free_func ((GDestroyNotify) bm_history_series_free);
  g_autoptr(GHashTable) by_slot = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = self->visits->len;

  g_return_val_if_fail (self != NULL, series);

  for (guint v = 0; v < n; v++)
    {
      const BmHistoryVisit *visit = g_ptr_array_index (self->visits, v);
      GPtrArray *marks = bm_intake_get_marks (visit->intake);

      for (guint m = 0; m < marks->len; m++)
        {
          const BmMark *mark = g_ptr_array_index (marks, m);
          const BmRegion *region = bm_atlas_lookup (atlas, mark->region);
          g_autofree char *slot = g_strdup_printf ("%s:%d", mark->region, (int) mark->side);
          BmHistorySeries *row = g_hash_table_lookup (by_slot, slot);

          if (row == NULL)
            {
              row = g_new0 (BmHistorySeries, 1);
              row->region = g_strdup (mark->region);
              row->side = mark->side;
              row->label = region ? bm_region_dup_label (region, mark->side) : g_strdup (mark->region);
              row->n_visits = n;
              row->severity = g_new (int, n);
              for (guint k = 0; k < n; k++)
                row->severity[k] = -1;
              g_hash_table_insert (by_slot, g_steal_pointer (&slot), row);
              g_ptr_array_add (series, row);
            }
          row->severity[v] = mark->severity;
          row->latest = mark->severity;
          row->peak = MAX (row->peak, mark->severity);
          row->n_marked++;
        }
    }
  g_ptr_array_sort_with_data (series, compare_series, atlas);
  return series;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
bm_history_dup_race_dates (const BmHistory *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) dates = g_ptr_array_new ();
  GDate day;

  g_return_val_if_fail (self != NULL, NULL);

  for (guint v = 0; v < self->visits->len; v++)
    {
      const BmHistoryVisit *visit = g_ptr_array_index (self->visits, v);
      const BmRace *races[] = { bm_intake_get_last_race (visit->intake),
                                bm_intake_get_next_race (visit->intake) };

      for (guint r = 0; r < G_N_ELEMENTS (races); r++)
        if (races[r] && races[r]->date && bm_date_parse (races[r]->date, &day) &&
            g_hash_table_add (seen, races[r]->date))
          g_ptr_array_add (dates, races[r]->date);
    }
  g_ptr_array_sort (dates, compare_strings);
  for (guint i = 0; i < dates->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (dates, i));
  return g_strv_builder_end (builder);
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

int
bm_history_get_usual_gap (const BmHistory *self,
                          const char      *today)
{
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (int));
  guint n;

  g_return_val_if_fail (self != NULL, 0);

  n = self->visits->len + (today != NULL ? 1 : 0);
  for (guint v = 1; v < n; v++)
    {
      const BmHistoryVisit *a = g_ptr_array_index (self->visits, v - 1);
      const char *b = v < self->visits->len ? ((const BmHistoryVisit *) g_ptr_array_index (self->visits, v))->date
                                             : today;
      int days;

      if (bm_date_days_between (a->date, b, &days) && days > 0)
        g_array_append_val (gaps, days);
    }
  if (gaps->len == 0)
    return 0;
  g_array_sort (gaps, compare_int);
  if (gaps->len % 2 == 1)
    return g_array_index (gaps, int, gaps->len / 2);
  return (g_array_index (gaps, int, gaps->len / 2 - 1) + g_array_index (gaps, int, gaps->len / 2) + 1) / 2;
}
