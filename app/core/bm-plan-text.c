/* bm-plan-text.c: the plan for a person, in the user's language
 * (bodymap --plan FILE --format=text), and the plan's facts in words
 * shared with the Plan page and the printed plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-plan"

#include "config.h"

#include <glib/gi18n.h>

#include "bm-atlas.h"
#include "bm-date.h"
#include "bm-plan.h"
#include "bm-plan-text.h"

/* Words */

static char *
dup_date_after (const char *visit_date,
                int         days)
{
  g_autofree char *later = bm_date_add_days (visit_date, days);

  if (later == NULL)
    return NULL;
  /* Translators: a short date near the visit, "Mon 7 Dec"; see g_date_time_format() */
  return bm_date_format (later, _("%a %-d %b"));
}

/* "in 4 days (Mon 7 Dec)", "tomorrow (Tue 24 Nov)" */
static char *
dup_in_days (const char *visit_date,
             int         days)
{
  g_autofree char *date = dup_date_after (visit_date, days);
  g_autofree char *count = NULL;

  if (days == 0)
    count = g_strdup (C_("from the visit", "today"));
  else if (days == 1)
    count = g_strdup (C_("from the visit", "tomorrow"));
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d day", "in %d days", days), days);
  if (date == NULL)
    return g_steal_pointer (&count);
  /* Translators: "in 4 days (Mon 7 Dec)" */
  return g_strdup_printf (_("%s (%s)"), count, date);
}

char *
bm_plan_dup_region_label (const char *region,
                          BmSide      side)
{
  const BmRegion *r = region ? bm_atlas_lookup (bm_atlas_get_default (), region) : NULL;

  if (r == NULL)
    return g_strdup (region ? region : "");
  return bm_region_dup_label (r, side);
}

/* In a list, labels after the first start with a small letter ("Left
 * calf, right calf"), unless the word is an abbreviation ("IT band") */
static void
append_in_list (GString    *list,
                const char *label)
{
  if (list->len == 0)
    {
      g_string_append (list, label);
      return;
    }
  /* Translators: separates areas in a list */
  g_string_append (list, _(", "));
  if (g_unichar_isupper (g_utf8_get_char (label)) && *label &&
      g_unichar_islower (g_utf8_get_char (g_utf8_next_char (label))))
    {
      char lower[8];
      int n = g_unichar_to_utf8 (g_unichar_tolower (g_utf8_get_char (label)), lower);

      g_string_append_len (list, lower, n);
      g_string_append (list, g_utf8_next_char (label));
    }
  else
    g_string_append (list, label);
}

char *
bm_plan_dup_area_list (const GArray *areas)
{
  GString *list;

  g_return_val_if_fail (areas != NULL, NULL);

  if (areas->len == 0)
    return NULL;
  list = g_string_new (NULL);
  for (guint i = 0; i < areas->len; i++)
    {
      const BmPlanArea *area = &g_array_index (areas, BmPlanArea, i);
      g_autofree char *label = NULL;
      gboolean listed = FALSE;

      /* Each area once, even when the plan has its warning twice */
      for (guint k = 0; k < i && !listed; k++)
        {
          const BmPlanArea *before = &g_array_index (areas, BmPlanArea, k);

          listed = before->side == area->side && g_strcmp0 (before->region, area->region) == 0;
        }
      if (listed)
        continue;
      label = bm_plan_dup_region_label (area->region, area->side);
      append_in_list (list, label);
    }
  return g_string_free (list, FALSE);
}

char *
bm_plan_dup_do_not_touch (const BmPlan *plan)
{
  GString *list;

  g_return_val_if_fail (plan != NULL, NULL);

  if (plan->do_not_touch == NULL || plan->do_not_touch[0] == NULL)
    return NULL;
  list = g_string_new (NULL);
  for (guint i = 0; plan->do_not_touch[i]; i++)
    {
      const BmRegion *region = bm_atlas_lookup (bm_atlas_get_default (), plan->do_not_touch[i]);

      if (list->len > 0)
        g_string_append (list, _(", "));
      g_string_append (list, region ? bm_region_get_name (region) : plan->do_not_touch[i]);
    }
  return g_string_free (list, FALSE);
}

char *
bm_plan_dup_next_race (const BmPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);

  if (plan->days_to_race < 0)
    return NULL;
  if (plan->days_to_race == 0)
    return g_strdup (_("Race today"));
  if (plan->days_to_race == 1)
    return g_strdup (_("Race tomorrow"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Next race in %d day", "Next race in %d days",
                                       plan->days_to_race),
                          plan->days_to_race);
}

char *
bm_plan_dup_last_race (const BmPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);

  if (plan->days_since_race < 0)
    return NULL;
  if (plan->days_since_race == 0)
    return g_strdup (_("Raced today"));
  if (plan->days_since_race == 1)
    return g_strdup (_("Raced yesterday"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last race %d day ago", "Last race %d days ago",
                                       plan->days_since_race),
                          plan->days_since_race);
}

char *
bm_plan_dup_next_visit (const BmPlan *plan,
                        gboolean      capital)
{
  g_autofree char *date = NULL;
  int days;

  g_return_val_if_fail (plan != NULL, NULL);

  days = plan->next_visit_days;
  if (days <= 0)
    return NULL;
  date = dup_date_after (plan->visit_date, days);
  if (date == NULL)
    date = g_strdup (plan->visit_date ? plan->visit_date : "");
  if (days == 1)
    /* Translators: the next visit is the day after this one, "Tomorrow (Tue 24 Nov)" */
    return g_strdup_printf (capital ? _("Tomorrow (%s)") : _("tomorrow (%s)"), date);
  if (capital)
    /* Translators: the next visit, "In about 4 days (Mon 7 Dec)" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "In about %d day (%s)", "In about %d days (%s)", days),
                            days, date);
  /* Translators: the next visit, in a sentence: "Next visit: in about 4 days (Mon 7 Dec)" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in about %d day (%s)", "in about %d days (%s)", days),
                          days, date);
}

char *
bm_plan_dup_race_visit (const BmPlan *plan,
                        gboolean      before)
{
  int days;
  g_autofree char *when = NULL;

  g_return_val_if_fail (plan != NULL, NULL);

  days = before ? plan->visit_before_race : plan->visit_after_race;
  if (days < 0)
    return NULL;
  when = dup_in_days (plan->visit_date, days);
  if (before)
    /* Translators: "Before your race: a light session in 4 days (Mon 7 Dec)" */
    return g_strdup_printf (_("Before your race: a light session %s"), when);
  /* Translators: "After your race: a recovery session in 9 days (Sat 12 Dec)" */
  return g_strdup_printf (_("After your race: a recovery session %s"), when);
}

char *
bm_plan_dup_free_minutes (const BmPlan *plan)
{
  int free_minutes;

  g_return_val_if_fail (plan != NULL, NULL);

  free_minutes = bm_plan_get_free_minutes (plan);
  if (plan->session_minutes == 0 || free_minutes <= 0)
    return NULL;
  /* Translators: minutes of the session given to no area yet, "12 min not planned yet" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min not planned yet", "%d min not planned yet",
                                       free_minutes),
                          free_minutes);
}

char *
bm_plan_item_dup_role (const BmPlanItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);

  switch (item->role)
    {
    case BM_ITEM_SUPPORT:
      if (item->supports)
        {
          g_autofree char *label = bm_plan_dup_region_label (item->supports, item->side);
          const BmRegion *supported = bm_atlas_lookup (bm_atlas_get_default (), item->supports);

          /* A paired area supports the area on its own side; a midline
           * one (the lower back) may support either */
          if (supported && bm_region_is_paired (supported) && item->side == BM_SIDE_CENTER)
            {
              g_free (label);
              label = g_strdup (bm_region_get_name (supported));
            }
          /* Translators: an area worked in support of a marked one, "Supports: Left IT band" */
          return g_strdup_printf (_("Supports: %s"), label);
        }
      return g_strdup (_("Worked in support"));
    case BM_ITEM_MAINTENANCE:
      return g_strdup (_("General maintenance"));
    case BM_ITEM_ADDED:
      return g_strdup (_("Added by the therapist"));
    case BM_ITEM_MARKED:
    default:
      /* An unmarked area with no role (from an advisor that gave none) */
      return item->marked ? NULL : g_strdup (_("Worked in support"));
    }
}

char *
bm_plan_item_dup_freed (const BmPlanItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);

  if (!item->left_out || item->freed_minutes <= 0)
    return NULL;
  /* Translators: minutes an area left out by the therapist gave back, "12 min freed" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min freed", "%d min freed", item->freed_minutes),
                          item->freed_minutes);
}

/* The text format */

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
append_marked (GString          *out,
               const BmPlanItem *item)
{
  g_autofree char *symptoms = join_symptom_labels (item->symptoms);

  if (*symptoms)
    /* Translators: "Marked: 6/10, Tight, Knot" */
    g_string_append_printf (out, _("    Marked: %d/10, %s\n"), item->severity, symptoms);
  else
    g_string_append_printf (out, _("    Marked: %d/10\n"), item->severity);
}

static void
append_text_item (GString          *out,
                  const BmPlanItem *item)
{
  g_autofree char *label = bm_plan_dup_region_label (item->region, item->side);
  g_autofree char *techniques = join_technique_names (item);
  g_autofree char *role = bm_plan_item_dup_role (item);

  if (item->left_out)
    {
      g_autofree char *freed = bm_plan_item_dup_freed (item);

      if (freed)
        /* Translators: "Left calf: left out by the therapist, 12 min freed" */
        g_string_append_printf (out, _("  %s: left out by the therapist, %s\n"), label, freed);
      else
        g_string_append_printf (out, _("  %s: left out by the therapist\n"), label);
    }
  else if (*techniques == '\0')
    /* Translators: an area of the plan that gets no work today */
    g_string_append_printf (out, _("  %s: not worked today\n"), label);
  else
    g_string_append_printf (out,
                            g_dngettext (GETTEXT_PACKAGE, "  %s: %d minute\n", "  %s: %d minutes\n", item->minutes),
                            label, item->minutes);

  if (item->marked)
    append_marked (out, item);
  else if (role)
    g_string_append_printf (out, "    %s\n", role);
  if (*techniques)
    g_string_append_printf (out, _("    Techniques: %s\n"), techniques);
  if (item->reason && *item->reason)
    g_string_append_printf (out, _("    Why: %s\n"), item->reason);
  if (item->therapist && !item->left_out && item->role != BM_ITEM_ADDED)
    g_string_append (out, _("    Adjusted by your therapist\n"));
}

static void
append_warnings (GString      *out,
                 const BmPlan *plan)
{
  g_autoptr(GPtrArray) groups = bm_plan_group_warnings (plan);

  if (groups->len == 0)
    return;
  g_string_append (out, _("\nWarnings\n"));
  for (guint i = 0; i < groups->len; i++)
    {
      const BmWarningGroup *group = g_ptr_array_index (groups, i);
      g_autofree char *areas = bm_plan_dup_area_list (group->areas);

      if (areas)
        /* Translators: "Caution, Left calf, right calf: message" */
        g_string_append_printf (out, _("  %s, %s: %s\n"),
                                warning_level_label (group->level), areas, group->message);
      else
        /* Translators: "Caution: message" */
        g_string_append_printf (out, _("  %s: %s\n"),
                                warning_level_label (group->level), group->message);
      if (group->acknowledged && group->note && *group->note)
        /* Translators: a warning the therapist acknowledged, with their note */
        g_string_append_printf (out, _("    Acknowledged by your therapist: %s\n"), group->note);
      else if (group->acknowledged)
        g_string_append (out, _("    Acknowledged by your therapist\n"));
    }
}

static void
append_session (GString      *out,
                const BmPlan *plan)
{
  g_autofree char *free_minutes = bm_plan_dup_free_minutes (plan);
  g_autofree char *do_not_touch = bm_plan_dup_do_not_touch (plan);

  if (plan->session_minutes == 0)
    {
      g_string_append (out, _("No massage today\n"));
      if (plan->postpone_advice && *plan->postpone_advice)
        g_string_append_printf (out, "  %s\n", plan->postpone_advice);
    }
  else
    {
      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE, "Session: %d minute", "Session: %d minutes",
                                           plan->session_minutes),
                              plan->session_minutes);
      if (plan->chosen_session_minutes > 0)
        /* Translators: after "Session: 75 minutes" */
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                  ", longer than the %d minute your therapist chose",
                                                  ", longer than the %d minutes your therapist chose",
                                                  plan->chosen_session_minutes),
                                plan->chosen_session_minutes);
      else if (plan->session_set_by_therapist)
        g_string_append (out, _(", set by your therapist"));
      g_string_append_c (out, '\n');
      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "  of which %d minute to talk and assess\n",
                                           "  of which %d minutes to talk and assess\n",
                                           plan->assessment_minutes),
                              plan->assessment_minutes);
      if (free_minutes)
        g_string_append_printf (out, "  %s\n", free_minutes);
    }
  if (do_not_touch)
    /* Translators: areas the client does not want touched, "Do not touch: Foot (top), Neck" */
    g_string_append_printf (out, _("Do not touch: %s\n"), do_not_touch);
}

static void
append_timing (GString      *out,
               const BmPlan *plan)
{
  g_autofree char *next_race = bm_plan_dup_next_race (plan);
  g_autofree char *last_race = bm_plan_dup_last_race (plan);
  /* A postponed plan gives no advice about a session today */
  gboolean advice = plan->session_minutes > 0 && plan->timing_advice && *plan->timing_advice;

  if (next_race == NULL && last_race == NULL && !advice)
    return;
  g_string_append (out, _("\nTiming\n"));
  if (next_race)
    g_string_append_printf (out, "  %s\n", next_race);
  if (last_race)
    g_string_append_printf (out, "  %s\n", last_race);
  if (advice)
    g_string_append_printf (out, "  %s\n", plan->timing_advice);
}

static void
append_next_visit (GString      *out,
                   const BmPlan *plan)
{
  g_autofree char *next = bm_plan_dup_next_visit (plan, FALSE);
  g_autofree char *before = bm_plan_dup_race_visit (plan, TRUE);
  g_autofree char *after = bm_plan_dup_race_visit (plan, FALSE);

  g_string_append_c (out, '\n');
  if (next)
    /* Translators: "Next visit: in about 4 days (Mon 7 Dec)" */
    g_string_append_printf (out, _("Next visit: %s\n"), next);
  else
    g_string_append (out, _("Next visit: to be arranged\n"));
  if (plan->next_visit_reason && *plan->next_visit_reason)
    g_string_append_printf (out, "  %s\n", plan->next_visit_reason);
  if (before)
    g_string_append_printf (out, "  %s\n", before);
  if (after)
    g_string_append_printf (out, "  %s\n", after);
}

static void
append_home_care (GString      *out,
                  const BmPlan *plan)
{
  if (plan->home_care->len == 0)
    return;
  g_string_append (out, _("\nAt home\n"));
  for (guint i = 0; i < plan->home_care->len; i++)
    {
      const BmHomeCareItem *hc = g_ptr_array_index (plan->home_care, i);
      const BmRegion *region = hc->region ? bm_atlas_lookup (bm_atlas_get_default (), hc->region) : NULL;

      if (hc->region)
        /* Translators: home care for one region, "Calf: text" */
        g_string_append_printf (out, _("  %s: %s\n"), region ? bm_region_get_name (region) : hc->region,
                                hc->text);
      else
        g_string_append_printf (out, "  %s\n", hc->text);
    }
}

char *
bm_plan_item_dup_change (const BmPlanItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);

  switch (item->change)
    {
    case BM_CHANGE_NEW:
      /* Translators: since the last visit, "new, 4/10" */
      return g_strdup_printf (_("new, %d/10"), item->severity);
    case BM_CHANGE_BETTER:
      /* Translators: since the last visit, "6 → 3, better" */
      return g_strdup_printf (_("%d → %d, better"), item->previous->severity, item->severity);
    case BM_CHANGE_WORSE:
      /* Translators: since the last visit, "3 → 6, worse" */
      return g_strdup_printf (_("%d → %d, worse"), item->previous->severity, item->severity);
    case BM_CHANGE_SAME:
      /* Translators: since the last visit, "2 → 3, about the same" */
      return g_strdup_printf (_("%d → %d, about the same"), item->previous->severity, item->severity);
    case BM_CHANGE_NONE:
    default:
      return NULL;
    }
}

char *
bm_plan_resolved_dup_change (const BmPlanResolved *resolved)
{
  g_return_val_if_fail (resolved != NULL, NULL);

  /* Translators: since the last visit, an area no longer marked, "4 → not marked" */
  return g_strdup_printf (_("%d → not marked"), resolved->previous_severity);
}

GStrv
bm_plan_dup_progress_lines (const BmPlan *plan)
{
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();

  g_return_val_if_fail (plan != NULL, NULL);

  if (plan->previous_visit == NULL)
    return NULL;
  for (guint i = 0; i < plan->items->len; i++)
    {
      const BmPlanItem *item = g_ptr_array_index (plan->items, i);
      g_autofree char *label = NULL;
      g_autofree char *change = NULL;
      g_autofree char *line = NULL;

      if (item->change == BM_CHANGE_NONE)
        continue;
      label = bm_plan_dup_region_label (item->region, item->side);
      change = bm_plan_item_dup_change (item);
      /* Translators: since the last visit, "Left calf: 6 → 3, better" */
      line = g_strdup_printf (_("%s: %s"), label, change);
      g_strv_builder_add (lines, line);
    }
  for (guint i = 0; i < plan->resolved->len; i++)
    {
      const BmPlanResolved *resolved = g_ptr_array_index (plan->resolved, i);
      g_autofree char *label = bm_plan_dup_region_label (resolved->region, resolved->side);
      g_autofree char *change = bm_plan_resolved_dup_change (resolved);
      g_autofree char *line = g_strdup_printf (_("%s: %s"), label, change);

      g_strv_builder_add (lines, line);
    }
  return g_strv_builder_end (lines);
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

  append_session (out, plan);
  append_warnings (out, plan);

  if (plan->previous_visit != NULL)
    {
      g_auto(GStrv) lines = bm_plan_dup_progress_lines (plan);

      /* Translators: heading, "Since the last visit (2026-11-09)" */
      g_string_append_printf (out, _("\nSince the last visit (%s)\n"), plan->previous_visit);
      for (guint i = 0; lines && lines[i]; i++)
        g_string_append_printf (out, "  %s\n", lines[i]);
    }

  g_string_append (out, _("\nPlan, head to toe\n"));
  if (plan->items->len == 0)
    g_string_append (out, _("  Nothing to work on\n"));
  for (guint i = 0; i < plan->items->len; i++)
    append_text_item (out, g_ptr_array_index (plan->items, i));

  if (plan->next_time->len > 0)
    {
      g_string_append (out, _("\nNext time\n"));
      for (guint i = 0; i < plan->next_time->len; i++)
        {
          const BmPlanItem *item = g_ptr_array_index (plan->next_time, i);
          g_autofree char *label = bm_plan_dup_region_label (item->region, item->side);
          g_autofree char *symptoms = join_symptom_labels (item->symptoms);

          if (*symptoms)
            /* Translators: an area left for the next visit, "Right shin: 4/10, Sore" */
            g_string_append_printf (out, _("  %s: %d/10, %s\n"), label, item->severity, symptoms);
          else
            g_string_append_printf (out, _("  %s: %d/10\n"), label, item->severity);
        }
    }

  append_timing (out, plan);
  append_next_visit (out, plan);

  if (plan->therapist_notes && *plan->therapist_notes)
    g_string_append_printf (out, _("\nYour therapist's notes\n  %s\n"), plan->therapist_notes);

  append_home_care (out, plan);

  g_string_append (out, _("\nEvery suggestion here is your therapist's decision on the day.\n"));

  return g_string_free (out, FALSE);
}
