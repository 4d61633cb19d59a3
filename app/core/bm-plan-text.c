/* bm-plan-text.c: the plan for a person, in the user's language
 * (bodymap --plan FILE --format=text)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-plan"

#include "config.h"

#include <glib/gi18n.h>

#include "bm-atlas.h"
#include "bm-plan.h"

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
