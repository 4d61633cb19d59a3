/* bm-plan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-plan"

#include "config.h"

#include <glib/gi18n.h>

#include "bm-atlas.h"
#include "bm-json-reader.h"
#include "bm-plan.h"

G_DEFINE_BOXED_TYPE (BmPlan, bm_plan, bm_plan_copy, bm_plan_free)

static void
plan_item_free (gpointer data)
{
  BmPlanItem *item = data;

  g_free (item->region);
  g_strfreev (item->techniques);
  g_free (item->reason);
  g_free (item);
}

static BmPlanItem *
plan_item_copy (const BmPlanItem *item)
{
  BmPlanItem *copy = g_memdup2 (item, sizeof *item);

  copy->region = g_strdup (item->region);
  copy->techniques = g_strdupv (item->techniques);
  copy->reason = g_strdup (item->reason);
  return copy;
}

static void
plan_warning_free (gpointer data)
{
  BmPlanWarning *warning = data;

  g_free (warning->region);
  g_free (warning->message);
  g_free (warning);
}

static BmPlanWarning *
plan_warning_copy (const BmPlanWarning *warning)
{
  BmPlanWarning *copy = g_memdup2 (warning, sizeof *warning);

  copy->region = g_strdup (warning->region);
  copy->message = g_strdup (warning->message);
  return copy;
}

/* JSON writing: formats.md's layout, "key": value, 2-space indent, string
 * arrays on one line */

static void
append_json_string (GString    *out,
                    const char *str)
{
  if (str == NULL)
    g_string_append (out, "null");
  else
    bm_json_append_string (out, str);
}

static void
append_key (GString    *out,
            guint       level,
            gboolean   *first,
            const char *key)
{
  g_string_append (out, *first ? "\n" : ",\n");
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
  append_json_string (out, key);
  g_string_append (out, ": ");
  *first = FALSE;
}

static void
append_close (GString  *out,
              guint     level,
              gboolean  empty,
              char      bracket)
{
  if (!empty)
    {
      g_string_append_c (out, '\n');
      for (guint i = 0; i < level; i++)
        g_string_append (out, "  ");
    }
  g_string_append_c (out, bracket);
}

static void
append_int_or_null (GString *out,
                    int      value)
{
  if (value < 0)
    g_string_append (out, "null");
  else
    g_string_append_printf (out, "%d", value);
}

static void
append_string_array (GString            *out,
                     const char * const *strv)
{
  g_string_append_c (out, '[');
  for (guint i = 0; strv && strv[i]; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      append_json_string (out, strv[i]);
    }
  g_string_append_c (out, ']');
}

static void
append_symptoms (GString    *out,
                 BmSymptoms  symptoms)
{
  gboolean first = TRUE;

  g_string_append_c (out, '[');
  for (guint i = 0; i < BM_N_SYMPTOMS; i++)
    if (symptoms & bm_symptom_nth (i))
      {
        if (!first)
          g_string_append (out, ", ");
        append_json_string (out, bm_symptom_to_id (bm_symptom_nth (i)));
        first = FALSE;
      }
  g_string_append_c (out, ']');
}

static void
append_item (GString          *out,
             const BmPlanItem *item)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  append_key (out, 3, &first, "region");
  append_json_string (out, item->region);
  append_key (out, 3, &first, "side");
  append_json_string (out, bm_side_to_id (item->side));
  append_key (out, 3, &first, "severity");
  g_string_append_printf (out, "%d", item->severity);
  append_key (out, 3, &first, "symptoms");
  append_symptoms (out, item->symptoms);
  append_key (out, 3, &first, "marked");
  g_string_append (out, item->marked ? "true" : "false");
  append_key (out, 3, &first, "techniques");
  append_string_array (out, (const char * const *) item->techniques);
  append_key (out, 3, &first, "minutes");
  g_string_append_printf (out, "%d", item->minutes);
  append_key (out, 3, &first, "reason");
  append_json_string (out, item->reason ? item->reason : "");
  if (item->therapist)
    {
      append_key (out, 3, &first, "therapist");
      g_string_append (out, "true");
    }
  append_close (out, 2, FALSE, '}');
}

static void
append_warning (GString             *out,
                const BmPlanWarning *warning)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  append_key (out, 3, &first, "level");
  append_json_string (out, bm_warning_level_to_id (warning->level));
  append_key (out, 3, &first, "region");
  append_json_string (out, warning->region);
  append_key (out, 3, &first, "side");
  append_json_string (out, warning->region ? bm_side_to_id (warning->side) : NULL);
  append_key (out, 3, &first, "message");
  append_json_string (out, warning->message ? warning->message : "");
  append_close (out, 2, FALSE, '}');
}

/* Text helpers */

static char *
dup_region_label (const char *region,
                  BmSide      side)
{
  const BmRegion *r = bm_atlas_lookup (bm_atlas_get_default (), region);

  if (r == NULL)
    return g_strdup (region);
  return bm_region_dup_label (r, side);
}

static const char *
warning_level_label (BmWarningLevel level)
{
  switch (level)
    {
    case BM_WARNING_POSTPONE:
      return C_("warning level", "Postpone");
    case BM_WARNING_REFER:
      return C_("warning level", "See a professional first");
    case BM_WARNING_CAUTION:
    default:
      return C_("warning level", "Caution");
    }
}

static char *
join_technique_names (const BmPlanItem *item)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; item->techniques && item->techniques[i]; i++)
    {
      const char *name = bm_technique_get_name (item->techniques[i]);

      if (i > 0)
        /* Translators: separates technique names in a list */
        g_string_append (names, _(", "));
      g_string_append (names, name ? name : item->techniques[i]);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static char *
join_symptom_labels (BmSymptoms symptoms)
{
  g_autoptr(GString) labels = g_string_new (NULL);

  for (guint i = 0; i < BM_N_SYMPTOMS; i++)
    if (symptoms & bm_symptom_nth (i))
      {
        if (labels->len > 0)
          g_string_append (labels, _(", "));
        g_string_append (labels, bm_symptom_get_label (bm_symptom_nth (i)));
      }
  return g_string_free (g_steal_pointer (&labels), FALSE);
}

static void
append_text_item (GString          *out,
                  const BmPlanItem *item)
{
  g_autofree char *label = dup_region_label (item->region, item->side);
  g_autofree char *techniques = join_technique_names (item);

  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE, "  %s: %d minute\n", "  %s: %d minutes\n", item->minutes),
                          label, item->minutes);
  if (item->marked)
    {
      g_autofree char *symptoms = join_symptom_labels (item->symptoms);

      if (*symptoms)
        /* Translators: "Marked: 6/10, Tight, Knot" */
        g_string_append_printf (out, _("    Marked: %d/10, %s\n"), item->severity, symptoms);
      else
        g_string_append_printf (out, _("    Marked: %d/10\n"), item->severity);
    }
  else
    g_string_append (out, _("    Not marked: worked in support\n"));
  if (*techniques)
    g_string_append_printf (out, _("    Techniques: %s\n"), techniques);
  else
    g_string_append (out, _("    Techniques: none, not worked today\n"));
  if (item->reason && *item->reason)
    g_string_append_printf (out, _("    Why: %s\n"), item->reason);
  if (item->therapist)
    g_string_append (out, _("    Adjusted by your therapist\n"));
}

/* Public API */

BmPlan *
bm_plan_new (void)
{
  BmPlan *plan = g_new0 (BmPlan, 1);

  plan->client = g_strdup ("");
  plan->visit_date = g_strdup ("");
  plan->items = g_ptr_array_new_with_free_func (plan_item_free);
  plan->warnings = g_ptr_array_new_with_free_func (plan_warning_free);
  plan->days_to_race = -1;
  plan->days_since_race = -1;
  plan->timing_advice = g_strdup ("");
  return plan;
}

BmPlan *
bm_plan_copy (const BmPlan *plan)
{
  BmPlan *copy;

  g_return_val_if_fail (plan != NULL, NULL);

  copy = g_memdup2 (plan, sizeof *plan);
  copy->client = g_strdup (plan->client);
  copy->visit_date = g_strdup (plan->visit_date);
  copy->timing_advice = g_strdup (plan->timing_advice);
  copy->therapist_notes = g_strdup (plan->therapist_notes);
  copy->items = g_ptr_array_new_full (plan->items->len, plan_item_free);
  for (guint i = 0; i < plan->items->len; i++)
    g_ptr_array_add (copy->items, plan_item_copy (g_ptr_array_index (plan->items, i)));
  copy->warnings = g_ptr_array_new_full (plan->warnings->len, plan_warning_free);
  for (guint i = 0; i < plan->warnings->len; i++)
    g_ptr_array_add (copy->warnings, plan_warning_copy (g_ptr_array_index (plan->warnings, i)));
  return copy;
}

const BmPlanItem *
bm_plan_find_item (const BmPlan *plan,
                   const char   *region,
                   BmSide        side)
{
  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (region != NULL, NULL);

  for (guint i = 0; i < plan->items->len; i++)
    {
      const BmPlanItem *item = g_ptr_array_index (plan->items, i);

      if (item->side == side && g_str_equal (item->region, region))
        return item;
    }
  return NULL;
}

void
bm_plan_free (BmPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->client);
  g_free (plan->visit_date);
  g_clear_pointer (&plan->items, g_ptr_array_unref);
  g_clear_pointer (&plan->warnings, g_ptr_array_unref);
  g_free (plan->timing_advice);
  g_free (plan->therapist_notes);
  g_free (plan);
}

const char *
bm_warning_level_to_id (BmWarningLevel level)
{
  switch (level)
    {
    case BM_WARNING_CAUTION:
      return "caution";
    case BM_WARNING_REFER:
      return "refer";
    case BM_WARNING_POSTPONE:
      return "postpone";
    default:
      return NULL;
    }
}

char *
bm_plan_to_json (const BmPlan *plan)
{
  GString *out;
  gboolean first = TRUE;
  gboolean tfirst = TRUE;

  g_return_val_if_fail (plan != NULL, NULL);

  out = g_string_sized_new (4096);
  g_string_append_c (out, '{');
  append_key (out, 1, &first, "format");
  append_json_string (out, "bodymap-plan");
  append_key (out, 1, &first, "version");
  g_string_append (out, "1");
  append_key (out, 1, &first, "client");
  append_json_string (out, plan->client ? plan->client : "");
  append_key (out, 1, &first, "visit_date");
  append_json_string (out, plan->visit_date ? plan->visit_date : "");
  append_key (out, 1, &first, "session_minutes");
  g_string_append_printf (out, "%d", plan->session_minutes);

  append_key (out, 1, &first, "items");
  g_string_append_c (out, '[');
  for (guint i = 0; i < plan->items->len; i++)
    {
      g_string_append (out, i == 0 ? "\n    " : ",\n    ");
      append_item (out, g_ptr_array_index (plan->items, i));
    }
  append_close (out, 1, plan->items->len == 0, ']');

  append_key (out, 1, &first, "warnings");
  g_string_append_c (out, '[');
  for (guint i = 0; i < plan->warnings->len; i++)
    {
      g_string_append (out, i == 0 ? "\n    " : ",\n    ");
      append_warning (out, g_ptr_array_index (plan->warnings, i));
    }
  append_close (out, 1, plan->warnings->len == 0, ']');

  append_key (out, 1, &first, "timing");
  g_string_append_c (out, '{');
  append_key (out, 2, &tfirst, "days_to_race");
  append_int_or_null (out, plan->days_to_race);
  append_key (out, 2, &tfirst, "days_since_race");
  append_int_or_null (out, plan->days_since_race);
  append_key (out, 2, &tfirst, "advice");
  append_json_string (out, plan->timing_advice ? plan->timing_advice : "");
  append_close (out, 1, FALSE, '}');

  append_key (out, 1, &first, "next_visit_days");
  g_string_append_printf (out, "%d", plan->next_visit_days);

  /* Additions to the contract (formats.md allows adding keys) */
  append_key (out, 1, &first, "assessment_minutes");
  g_string_append_printf (out, "%d", plan->assessment_minutes);
  if (plan->session_set_by_therapist)
    {
      append_key (out, 1, &first, "session_set_by_therapist");
      g_string_append (out, "true");
    }
  if (plan->therapist_notes && *plan->therapist_notes)
    {
      append_key (out, 1, &first, "therapist_notes");
      append_json_string (out, plan->therapist_notes);
    }

  append_close (out, 0, FALSE, '}');
  g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}

char *
bm_plan_to_text (const BmPlan *plan)
{
  GString *out;

  g_return_val_if_fail (plan != NULL, NULL);

  out = g_string_sized_new (4096);

  g_string_append_printf (out, _("Treatment plan for %s\n"), plan->client ? plan->client : "");
  g_string_append_printf (out, _("Visit on %s\n"), plan->visit_date ? plan->visit_date : "");
  g_string_append_c (out, '\n');

  if (plan->session_minutes == 0)
    g_string_append (out, _("Session: postponed, no massage today\n"));
  else
    {
      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE, "Session: %d minute", "Session: %d minutes",
                                           plan->session_minutes),
                              plan->session_minutes);
      if (plan->session_set_by_therapist)
        g_string_append (out, _(", set by your therapist"));
      g_string_append_c (out, '\n');
      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "  of which %d minute to talk and assess\n",
                                           "  of which %d minutes to talk and assess\n",
                                           plan->assessment_minutes),
                              plan->assessment_minutes);
    }

  if (plan->warnings->len > 0)
    {
      g_string_append (out, _("\nWarnings\n"));
      for (guint i = 0; i < plan->warnings->len; i++)
        {
          const BmPlanWarning *warning = g_ptr_array_index (plan->warnings, i);

          if (warning->region)
            {
              g_autofree char *label = dup_region_label (warning->region, warning->side);

              /* Translators: "Caution, Left calf: message" */
              g_string_append_printf (out, _("  %s, %s: %s\n"),
                                      warning_level_label (warning->level), label, warning->message);
            }
          else
            /* Translators: "Caution: message" */
            g_string_append_printf (out, _("  %s: %s\n"),
                                    warning_level_label (warning->level), warning->message);
        }
    }

  g_string_append (out, _("\nPlan, head to toe\n"));
  if (plan->items->len == 0)
    g_string_append (out, _("  Nothing to work on\n"));
  for (guint i = 0; i < plan->items->len; i++)
    append_text_item (out, g_ptr_array_index (plan->items, i));

  g_string_append (out, _("\nTiming\n"));
  if (plan->days_to_race >= 0)
    g_string_append_printf (out,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "  Next race in %d day\n", "  Next race in %d days\n",
                                         plan->days_to_race),
                            plan->days_to_race);
  if (plan->days_since_race >= 0)
    g_string_append_printf (out,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "  Last race %d day ago\n", "  Last race %d days ago\n",
                                         plan->days_since_race),
                            plan->days_since_race);
  if (plan->timing_advice && *plan->timing_advice)
    g_string_append_printf (out, "  %s\n", plan->timing_advice);

  g_string_append_c (out, '\n');
  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Next visit: in about %d day\n", "Next visit: in about %d days\n",
                                       plan->next_visit_days),
                          plan->next_visit_days);

  if (plan->therapist_notes && *plan->therapist_notes)
    g_string_append_printf (out, _("\nYour therapist's notes\n  %s\n"), plan->therapist_notes);

  g_string_append (out, _("\nEvery suggestion here is your therapist's decision on the day.\n"));

  return g_string_free (out, FALSE);
}
