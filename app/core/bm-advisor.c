/* bm-advisor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-advisor"

#include "config.h"

#include <stdarg.h>

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "bm-advisor.h"
#include "bm-advisor-rules.h"
#include "bm-atlas.h"
#include "bm-date.h"
#include "bm-homecare.h"
#include "bm-adjustments.h"
#include "bm-progress.h"



/* Advising */

/* Per advice: what may be done on one region and side */
typedef struct
{
  guint32      mask;   /* techniques ruled out */
  const char  *note;   /* why, for the item's reason; may be NULL */
  gboolean     always; /* the note goes into the reason even when nothing was left out */
} Restriction;

typedef struct
{
  guint        n;
  Restriction  r[MAX_RESTRICTIONS];
  gboolean     no_work;
  const char  *no_work_note;
  gboolean     refer;      /* a refer or postpone warning: not this area today */
  const char  *home_care;  /* from the rule that stopped the work; may be NULL */
} Slot;

typedef struct
{
  guint        order;    /* atlas index * N_SIDES + side */
  BmPlanItem  *item;
  gboolean     fixed;    /* minutes set by the therapist */
  gboolean     removed;  /* left out by the therapist */
  gboolean     next_time; /* did not fit today */
  int          source;   /* support: the entry index of the area it supports; -1 */
  int          priority;
} Entry;

typedef struct
{
  BmWarningLevel  level;
  int             region;  /* -1: general */
  BmSide          side;
  guint           seq;
  const char     *message; /* untranslated */
  const char     *id;
  const char     *note;    /* acknowledged: the therapist's note; else NULL */
} PendingWarning;

typedef struct
{
  const Rules       *rules;
  BmAtlas           *atlas;
  BmIntake          *intake;
  const BmAdjustments *adjustments;
  BmPressure         pressure;        /* the client's choice */
  BmPressure         bonus_pressure;  /* the same, capped by health and age */
  BmPhase            phase;
  BmHealthFlags      health;
  int                age;             /* in the visit's year; -1: unknown */
  Slot               global;
  Slot              *slots;       /* n_regions * N_SIDES */
  gboolean          *avoided;     /* n_regions */
  const RaceWindow  *window;      /* the race window that decides today; may be NULL */
  gboolean           window_before;
  GArray            *entries;     /* Entry */
  int               *entry_at;    /* slot -> entry index + 1; 0: none */
  GArray            *warnings;    /* PendingWarning */
  gboolean           postpone;
  GPtrArray         *instead;     /* untranslated: what to do instead of today's session */
  const char        *race_advice; /* untranslated: advice for racing while postponed */
  const BmHistory   *history;     /* earlier visits, oldest first; may be NULL */
  GPtrArray         *owned;       /* text made here (filled-in templates), freed at the end */
} Context;

static guint
side_slot (BmSide side)
{
  return side == BM_SIDE_LEFT ? 0 : side == BM_SIDE_RIGHT ? 1 : 2;
}

static guint
slot_index (guint  region,
            BmSide side)
{
  return region * N_SIDES + side_slot (side);
}

static const char *
region_id (const Context *ctx,
           guint          region)
{
  return bm_region_get_id (bm_atlas_get_region (ctx->atlas, region));
}

static void
slot_restrict (Slot       *slot,
               guint32     mask,
               const char *note,
               gboolean    always)
{
  if (mask == 0)
    return;
  for (guint i = 0; i < slot->n; i++)
    if (slot->r[i].note == note && slot->r[i].always == always)
      {
        slot->r[i].mask |= mask;
        return;
      }
  if (slot->n < MAX_RESTRICTIONS)
    {
      slot->r[slot->n].mask = mask;
      slot->r[slot->n].note = note;
      slot->r[slot->n].always = always;
      slot->n++;
    }
  else
    slot->r[MAX_RESTRICTIONS - 1].mask |= mask;
}

static void
slot_apply (const Rules *rules,
            Slot        *slot,
            Effect       effect,
            const char  *note)
{
  /* Region-specific safety notes are always worth saying */
  if (effect == EFFECT_NO_DEEP)
    slot_restrict (slot, rules->deep_mask, note, TRUE);
  else if (effect == EFFECT_NO_WORK && !slot->no_work)
    {
      slot->no_work = TRUE;
      slot->no_work_note = note;
    }
}

/* The therapist's note when they acknowledged warning @id there, else NULL */
static const char *
acknowledgement (const Context *ctx,
                 const char    *id,
                 int            region,
                 BmSide         side)
{
  return bm_adjustments_get_acknowledgement (ctx->adjustments, id,
                                             region < 0 ? NULL : region_id (ctx, (guint) region),
                                             region < 0 ? BM_SIDE_CENTER : side);
}

/* Adds the warning; FALSE when the therapist acknowledged it, and its
 * limits are lifted */
static gboolean
add_warning (Context        *ctx,
             BmWarningLevel  level,
             const char     *id,
             int             region,
             BmSide          side,
             const char     *message)
{
  PendingWarning w = { level, region, region < 0 ? BM_SIDE_CENTER : side, ctx->warnings->len, message, id, NULL };

  for (guint i = 0; i < ctx->warnings->len; i++)
    {
      const PendingWarning *o = &g_array_index (ctx->warnings, PendingWarning, i);

      /* Two rules of one kind (the clot patterns) say it once per area */
      if (o->region == w.region && o->side == w.side && g_strcmp0 (o->id, id) == 0 && id != NULL)
        return o->note == NULL;
    }
  if (id != NULL)
    w.note = acknowledgement (ctx, id, region, w.side);
  g_array_append_val (ctx->warnings, w);
  return w.note == NULL;
}

static int
level_rank (BmWarningLevel level)
{
  return level == BM_WARNING_POSTPONE ? 0 : level == BM_WARNING_REFER ? 1 : 2;
}

static int
compare_warnings (gconstpointer a,
                  gconstpointer b)
{
  const PendingWarning *x = a, *y = b;

  if (level_rank (x->level) != level_rank (y->level))
    return level_rank (x->level) - level_rank (y->level);
  if ((x->note != NULL) != (y->note != NULL))
    return (x->note != NULL) - (y->note != NULL);
  if (x->region != y->region)
    return x->region - y->region;
  if (x->side != y->side)
    return (int) side_slot (x->side) - (int) side_slot (y->side);
  return (int) x->seq - (int) y->seq;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a, *y = b;

  return x->order < y->order ? -1 : x->order > y->order;
}

/* The sides of @region that go with @side: the same side for a paired
 * region, the centre for a midline one, both for a paired region reached
 * from the centre */
static guint
sides_for (const BmRegion *region,
           BmSide          side,
           BmSide         *out)
{
  if (!bm_region_is_paired (region))
    {
      out[0] = BM_SIDE_CENTER;
      return 1;
    }
  if (side == BM_SIDE_CENTER)
    {
      out[0] = BM_SIDE_LEFT;
      out[1] = BM_SIDE_RIGHT;
      return 2;
    }
  out[0] = side;
  return 1;
}

static void
add_points (int            *score,
            const PrefList *list,
            const int      *points,
            guint           n_points)
{
  for (guint i = 0; i < list->n && i < n_points; i++)
    score[list->tech[i]] += points[i];
}

static void
add_bonus (const Rules *rules,
           int         *score,
           const int   *bonus)
{
  for (guint t = 0; t < rules->n_techniques; t++)
    score[t] += bonus[t];
}

static void
add_note (const char **notes,
          guint       *n_notes,
          const char  *note)
{
  if (note == NULL)
    return;
  for (guint i = 0; i < *n_notes; i++)
    if (notes[i] == note)
      return;
  if (*n_notes < MAX_NOTES)
    notes[(*n_notes)++] = note;
}

/* The first restriction that rules @t out on this region and side, or NULL */
static const Restriction *
find_restriction (const Context *ctx,
                  const Slot    *slot,
                  guint          t)
{
  guint32 bit = 1u << t;

  for (guint i = 0; i < slot->n; i++)
    if (slot->r[i].mask & bit)
      return &slot->r[i];
  for (guint i = 0; i < ctx->global.n; i++)
    if (ctx->global.r[i].mask & bit)
      return &ctx->global.r[i];
  return NULL;
}

/* Why the region itself rules @t out (NULL note: silently), or FALSE */
static gboolean
region_rules_out (const Rules       *rules,
                  const RegionRule  *rr,
                  guint              t,
                  const char       **note)
{
  *note = NULL;
  if (rr->disallowed & (1u << t))
    return TRUE;
  if (rr->no_deep && (rules->deep_mask & (1u << t)))
    {
      *note = rr->note;
      return TRUE;
    }
  if (rr->exclude & (1u << t))
    {
      *note = rr->exclude_note;
      return TRUE;
    }
  return FALSE;
}

static gboolean
technique_allowed (const Context *ctx,
                   guint          region,
                   const Slot    *slot,
                   guint          t)
{
  const char *note;

  if (region_rules_out (ctx->rules, &ctx->rules->regions[region], t, &note))
    return FALSE;
  return find_restriction (ctx, slot, t) == NULL;
}

/* Picks the best allowed techniques by score; notes why a better-scored
 * one was left out */
static GStrv
choose_techniques (const Context *ctx,
                   guint          region,
                   const Slot    *slot,
                   const int     *score,
                   const char   **notes,
                   guint         *n_notes)
{
  const Rules *rules = ctx->rules;
  const RegionRule *rr = &rules->regions[region];
  guint order[MAX_TECHNIQUES];
  const char *chosen[MAX_TECHNIQUES + 1];
  guint n_order = 0, n_chosen = 0;

  for (guint t = 0; t < rules->n_techniques; t++)
    if (score[t] > 0)
      {
        /* Insertion by score, ties in catalogue order */
        guint k = n_order;

        while (k > 0 && score[order[k - 1]] < score[t])
          {
            order[k] = order[k - 1];
            k--;
          }
        order[k] = t;
        n_order++;
      }

  for (guint i = 0; i < n_order && n_chosen < rules->max_techniques; i++)
    {
      guint t = order[i];
      const Restriction *restriction;
      const char *note;

      if (region_rules_out (rules, rr, t, &note))
        {
          add_note (notes, n_notes, note);
          continue;
        }
      if ((restriction = find_restriction (ctx, slot, t)))
        {
          add_note (notes, n_notes, restriction->note);
          continue;
        }
      chosen[n_chosen++] = rules->techniques[t].id;
    }

  for (guint i = 0; n_chosen == 0 && i < rules->fallback.n; i++)
    if (technique_allowed (ctx, region, slot, rules->fallback.tech[i]))
      chosen[n_chosen++] = rules->techniques[rules->fallback.tech[i]].id;

  chosen[n_chosen] = NULL;
  return g_strdupv ((char **) chosen);
}

static char *
join_reason (const char  *lead,
             const char **notes,
             guint        n_notes)
{
  GString *reason = g_string_new (lead ? TR (lead) : NULL);

  for (guint i = 0; i < n_notes; i++)
    {
      if (reason->len > 0)
        g_string_append_c (reason, ' ');
      g_string_append (reason, TR (notes[i]));
    }
  return g_string_free (reason, FALSE);
}

static const SeverityRule *
severity_rule (const Rules *rules,
               int          severity)
{
  for (guint i = 0; i < rules->severity->len; i++)
    {
      const SeverityRule *rule = &g_array_index (rules->severity, SeverityRule, i);

      if (severity >= rule->min && severity <= rule->max)
        return rule;
    }
  return NULL;
}

static int
severity_minutes (const Rules *rules,
                  int          severity)
{
  const SeverityRule *rule = severity_rule (rules, severity);

  return rule ? rule->minutes : rules->support_minutes;
}

static int
window_item_minutes (const Context *ctx,
                     int            minutes)
{
  if (ctx->window && ctx->window->item_minutes >= 0)
    minutes = MIN (minutes, ctx->window->item_minutes);
  return minutes;
}

static Entry *
entry_at (Context *ctx,
          guint    region,
          BmSide   side)
{
  int at = ctx->entry_at[slot_index (region, side)];

  return at ? &g_array_index (ctx->entries, Entry, at - 1) : NULL;
}

static Entry *
add_entry (Context    *ctx,
           guint       region,
           BmSide      side,
           BmItemRole  role)
{
  Entry entry = { 0 };
  guint slot = slot_index (region, side);

  entry.order = slot;
  entry.source = -1;
  entry.item = g_new0 (BmPlanItem, 1);
  entry.item->region = g_strdup (region_id (ctx, region));
  entry.item->side = side;
  entry.item->role = role;
  entry.item->marked = role == BM_ITEM_MARKED;
  g_array_append_val (ctx->entries, entry);
  ctx->entry_at[slot] = ctx->entries->len;
  return &g_array_index (ctx->entries, Entry, ctx->entries->len - 1);
}

/* Not to be worked today: an avoided area, or a rule that stops the work */
static gboolean
not_today (const Context *ctx,
           guint          region,
           BmSide         side)
{
  return ctx->avoided[region] || ctx->slots[slot_index (region, side)].no_work;
}

/* No supporting or maintenance work here: not today, or the client
 * avoided another part of the same body part (the heel, the sole, the top
 * or the forefoot of one foot) */
static gboolean
no_extra_work (const Context *ctx,
               guint          region,
               BmSide         side)
{
  int group = ctx->rules->avoid_group[region];

  if (not_today (ctx, region, side))
    return TRUE;
  if (group >= 0)
    for (guint r = 0; r < ctx->rules->n_regions; r++)
      if (r != region && ctx->rules->avoid_group[r] == group && ctx->avoided[r])
        return TRUE;
  return FALSE;
}

static void
set_no_work (BmPlanItem *item,
             const char *reason)
{
  g_strfreev (item->techniques);
  item->techniques = g_new0 (char *, 1);
  item->minutes = 0;
  g_free (item->reason);
  item->reason = g_strdup (TR (reason));
}

/* Fills in techniques, minutes and reason of an item from the preference
 * lists and everything that restricts this region and side. @inherit: the
 * limits of the area it supports, or NULL */
static void
plan_item (Context         *ctx,
           BmPlanItem      *item,
           guint            region,
           const PrefList **lists,
           const int      **bonuses,
           guint            n_lists,
           const int       *extra_bonus,
           const Slot      *inherit,
           int              minutes,
           const char      *lead)
{
  const Rules *rules = ctx->rules;
  Slot slot = ctx->slots[slot_index (region, item->side)];
  const RegionRule *rr = &rules->regions[region];
  const char *notes[MAX_NOTES];
  guint n_notes = 0;
  int score[MAX_TECHNIQUES] = { 0 };
  const RaceWindow *window = ctx->window;

  if (ctx->avoided[region] || slot.no_work)
    {
      set_no_work (item, ctx->avoided[region] ? rules->avoid_reason : slot.no_work_note);
      return;
    }
  for (guint i = 0; inherit && i < inherit->n; i++)
    slot_restrict (&slot, inherit->r[i].mask, inherit->r[i].note, inherit->r[i].always);

  if (window && window->only.n > 0)
    {
      /* A race window with "only" replaces the techniques outright */
      for (guint i = 0; i < window->only.n; i++)
        score[window->only.tech[i]] = 100 - (int) i;
    }
  else
    {
      for (guint i = 0; i < n_lists; i++)
        {
          add_points (score, lists[i], rules->rank_points, rules->n_rank_points);
          if (bonuses[i])
            add_bonus (rules, score, bonuses[i]);
        }
      add_points (score, &rr->prefer, rules->region_rank_points, rules->n_region_rank_points);
      add_bonus (rules, score, rules->pressure_bonus[ctx->bonus_pressure]);
      add_bonus (rules, score, rules->phase_bonus[ctx->phase]);
      if (extra_bonus)
        add_bonus (rules, score, extra_bonus);
      if (window)
        add_bonus (rules, score, window->bonus);
    }

  item->techniques = choose_techniques (ctx, region, &slot, score, notes, &n_notes);
  for (guint i = 0; i < slot.n; i++)
    if (slot.r[i].always)
      add_note (notes, &n_notes, slot.r[i].note);
  if (window)
    add_note (notes, &n_notes, window->note);

  if (item->techniques[0] == NULL)
    {
      item->minutes = 0;
      item->reason = join_reason (rules->no_technique_reason, notes, n_notes);
      return;
    }

  if (lead == NULL)
    lead = rules->techniques[bm_advisor_rules_find_technique (rules, item->techniques[0])].reason;
  item->minutes = window_item_minutes (ctx, minutes);
  item->reason = join_reason (lead, notes, n_notes);
}

/* @template with each {key} replaced: key, value pairs, then NULL */
static char *
fill_template (const char *template,
               ...)
{
  GString *out = g_string_new (template);
  const char *key;
  va_list ap;

  va_start (ap, template);
  while ((key = va_arg (ap, const char *)) != NULL)
    {
      const char *value = va_arg (ap, const char *);
      g_autofree char *braced = g_strconcat ("{", key, "}", NULL);

      g_string_replace (out, braced, value, 0);
    }
  va_end (ap);
  return g_string_free (out, FALSE);
}

/* "Trigger point, Stretching": the techniques' names, translated */
static char *
dup_technique_names (const Rules        *rules,
                     const char * const *ids)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; ids && ids[i]; i++)
    {
      int t = bm_advisor_rules_find_technique (rules, ids[i]);

      if (t < 0)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, TR (rules->techniques[t].name));
    }
  return g_string_free (out, FALSE);
}

/* What the earlier visits teach about one marked area */
typedef enum
{
  LEARNED_NOTHING,
  LEARNED_IMPROVED,   /* better since the last visit: the same again */
  LEARNED_STUCK,      /* no better over several visits: something else */
} LearnedKind;

typedef struct
{
  LearnedKind       kind;
  int               bonus[MAX_TECHNIQUES];
  const BmPlanItem *given;    /* that area as given at the last visit */
  int               before;   /* severity at the last visit */
  guint             visits;   /* LEARNED_STUCK: visits in a row */
} Learned;

/* Points for the techniques given last time: @lead puts them first, in
 * their order, above anything else (what is not allowed today still is
 * left out); otherwise @points each */
static void
add_given_bonus (const Rules *rules,
                 Learned     *learned,
                 gboolean     lead,
                 int          points)
{
  for (guint i = 0; learned->given->techniques[i]; i++)
    {
      int t = bm_advisor_rules_find_technique (rules, learned->given->techniques[i]);

      if (t >= 0)
        learned->bonus[t] += lead ? 1000 - 10 * (int) i : points;
    }
}

/* Against the last visit: worse after deep work there means lighter work
 * today; better means the same again. Marked at several visits in a row
 * (today's included) and no better than at the first of them: an
 * assessment is due, and today leads with something else. Nothing is
 * learned for an area not worked today, or in a race window that sets
 * the techniques outright. */
static void
learn_from_history (Context      *ctx,
                    guint         region,
                    const BmMark *mark,
                    Learned      *learned)
{
  const Rules *rules = ctx->rules;
  guint n = ctx->history ? bm_history_get_n_visits (ctx->history) : 0;
  const char *id = region_id (ctx, region);
  const Slot *slot = &ctx->slots[slot_index (region, mark->side)];
  const BmHistoryVisit *last;
  const BmMark *then;
  const BmPlanItem *given;
  gboolean deep = FALSE;
  guint run = 1;
  int first = mark->severity;

  if (!rules->history || n == 0 || ctx->avoided[region] || slot->no_work || slot->refer ||
      (ctx->window && ctx->window->only.n > 0))
    return;
  last = bm_history_get_visit (ctx->history, n - 1);
  then = bm_intake_get_mark (last->intake, id, mark->side);
  given = bm_plan_find_item (last->plan, id, mark->side);
  if (given && (given->techniques == NULL || given->techniques[0] == NULL || given->minutes <= 0))
    given = NULL;
  for (guint i = 0; given && given->techniques[i]; i++)
    {
      int t = bm_advisor_rules_find_technique (rules, given->techniques[i]);

      deep |= t >= 0 && rules->techniques[t].deep;
    }
  learned->given = given;
  learned->before = then ? then->severity : -1;

  if (then && given && mark->severity <= then->severity - 2)
    {
      learned->kind = LEARNED_IMPROVED;
      if (rules->improved_repeat)
        add_given_bonus (rules, learned, TRUE, 0);
      return;
    }
  if (then && deep && mark->severity >= then->severity + 2)
    slot_restrict (&ctx->slots[slot_index (region, mark->side)], rules->deep_mask,
                   rules->worse_after_deep_note, TRUE);

  for (guint v = n; v > 0 && run < (guint) rules->stuck_visits; v--)
    {
      const BmMark *earlier = bm_intake_get_mark (bm_history_get_visit (ctx->history, v - 1)->intake,
                                                  id, mark->side);

      if (earlier == NULL)
        break;
      first = earlier->severity;
      run++;
    }
  if (run >= (guint) rules->stuck_visits && mark->severity > first - 2)
    {
      g_autofree char *visits = g_strdup_printf ("%u", run);
      char *message = fill_template (TR (rules->stuck_message), "visits", visits, NULL);

      g_ptr_array_add (ctx->owned, message);
      add_warning (ctx, rules->stuck_level, "not-improving", (int) region, mark->side, message);
      learned->visits = run;
      if (given)
        {
          learned->kind = LEARNED_STUCK;
          add_given_bonus (rules, learned, FALSE, rules->stuck_penalty);
        }
    }
}

/* The item's reason says what was learned, when the techniques chosen
 * bear it out: the same lead technique as last time after an
 * improvement, another one after no improvement */
static char *
dup_learned_note (const Context    *ctx,
                  const Learned    *learned,
                  const BmPlanItem *item)
{
  const Rules *rules = ctx->rules;
  gboolean same_lead;
  g_autofree char *names = NULL;

  if (learned->kind == LEARNED_NOTHING || item->techniques[0] == NULL)
    return NULL;
  same_lead = g_strv_contains ((const char * const *) learned->given->techniques, item->techniques[0]);
  names = dup_technique_names (rules, (const char * const *) learned->given->techniques);
  if (learned->kind == LEARNED_IMPROVED && same_lead)
    {
      g_autofree char *minutes = g_strdup_printf ("%d", learned->given->minutes);
      g_autofree char *before = g_strdup_printf ("%d", learned->before);
      g_autofree char *now = g_strdup_printf ("%d", item->severity);

      return fill_template (TR (rules->improved_note), "techniques", names, "minutes", minutes,
                            "before", before, "now", now, NULL);
    }
  if (learned->kind == LEARNED_STUCK && !same_lead)
    {
      g_autofree char *visits = g_strdup_printf ("%u", learned->visits);

      return fill_template (TR (rules->stuck_note), "visits", visits, "techniques", names, NULL);
    }
  return NULL;
}

static void
plan_marked (Context      *ctx,
             BmPlanItem   *item,
             guint         region,
             const BmMark *mark)
{
  const Rules *rules = ctx->rules;
  const SeverityRule *sev = severity_rule (rules, mark->severity);
  const PrefList *lists[BM_N_SYMPTOMS + 1];
  const int *bonuses[BM_N_SYMPTOMS + 1];
  guint n_lists = 0;
  Learned learned = { LEARNED_NOTHING, { 0 }, NULL, -1, 0 };
  const int *extra = sev ? sev->bonus : NULL;
  g_autofree char *note = NULL;

  learn_from_history (ctx, region, mark, &learned);
  if (learned.kind != LEARNED_NOTHING)
    {
      for (guint t = 0; extra && t < rules->n_techniques; t++)
        learned.bonus[t] += extra[t];
      extra = learned.bonus;
    }

  for (guint s = 0; s < BM_N_SYMPTOMS; s++)
    if (mark->symptoms & bm_symptom_nth (s))
      {
        lists[n_lists] = &rules->symptom_prefer[s];
        bonuses[n_lists++] = rules->symptom_bonus[s];
      }
  if (n_lists == 0)
    {
      lists[n_lists] = &rules->no_symptom_prefer;
      bonuses[n_lists++] = NULL;
    }

  item->severity = mark->severity;
  item->symptoms = mark->symptoms;
  item->marked = TRUE;
  plan_item (ctx, item, region, lists, bonuses, n_lists, extra, NULL,
             sev ? sev->minutes : rules->support_minutes, NULL);
  if ((note = dup_learned_note (ctx, &learned, item)))
    {
      char *reason = *item->reason ? g_strconcat (item->reason, " ", note, NULL) : g_strdup (note);

      g_free (item->reason);
      item->reason = reason;
    }
}

static void
plan_general (Context        *ctx,
              BmPlanItem     *item,
              guint           region,
              const PrefList *prefer,
              const Slot     *inherit,
              int             minutes,
              const char     *lead)
{
  const PrefList *lists[1] = { prefer };
  const int *bonuses[1] = { NULL };

  plan_item (ctx, item, region, lists, bonuses, 1, NULL, inherit, minutes, lead);
}

/* Days from @from to the race's date; -1 when unknown or negative */
static int
days_between (const GDate  *from,
              const BmRace *race,
              gboolean      forward)
{
  GDate date;
  int days;

  if (race == NULL || !g_date_valid (from) || !bm_date_parse (race->date, &date))
    return -1;
  days = forward ? g_date_days_between (from, &date) : g_date_days_between (&date, from);
  return days >= 0 ? days : -1;
}

static const RaceWindow *
find_window (GArray *windows,
             int     days)
{
  if (days < 0)
    return NULL;
  for (guint i = 0; i < windows->len; i++)
    {
      const RaceWindow *w = &g_array_index (windows, RaceWindow, i);

      if (days >= w->from && (w->to < 0 || days <= w->to))
        return w;
    }
  return NULL;
}

/* Kilometres in a free-text distance ("10K", "half marathon", "50 mi"),
 * as the index of the rules' distance it falls in */
static guint
distance_index (const Rules *rules,
                const char  *text)
{
  g_autofree char *lower = text ? g_utf8_strdown (text, -1) : NULL;
  double km = -1;

  if (lower == NULL || *lower == '\0')
    return rules->default_distance;
  if (strstr (lower, "ultra"))
    km = 50;
  else if (strstr (lower, "half") || strstr (lower, "medio") || strstr (lower, "semi"))
    km = 21.1;
  else if (strstr (lower, "marat"))
    km = 42.2;
  else
    {
      const char *p = lower;

      while (*p && !g_ascii_isdigit (*p))
        p++;
      if (*p)
        {
          g_autofree char *number = g_strdup (p);
          char *end;
          double value;

          g_strdelimit (number, ",", '.');
          value = g_ascii_strtod (number, &end);
          while (*end == ' ')
            end++;
          if (g_str_has_prefix (end, "mi"))
            km = value * 1.609;
          else if (*end == 'm' && end[1] != 'i' && value > 100)
            km = value / 1000;  /* metres */
          else
            km = value;
        }
    }
  if (!(km > 0))
    return rules->default_distance;
  for (guint i = 0; i < rules->n_distances; i++)
    if (km <= rules->distances[i].max_km)
      return i;
  return rules->n_distances - 1;
}

static gboolean
risk_matches (const Context *ctx,
              const Risk    *risk)
{
  double km = bm_intake_get_weekly_km (ctx->intake);

  if (risk->phase >= 0 && (int) ctx->phase != risk->phase)
    return FALSE;
  if (risk->min_weekly_km >= 0 && !(km >= risk->min_weekly_km))
    return FALSE;
  if (risk->health && !(ctx->health & risk->health))
    return FALSE;
  return TRUE;
}

static gboolean
age_matches (int age,
             int min_age,
             int max_age)
{
  if (min_age < 0 && max_age < 0)
    return TRUE;
  if (age < 0)
    return FALSE;
  return (min_age < 0 || age >= min_age) && (max_age < 0 || age <= max_age);
}

#define MAX_ALLERGIES_CHARS 300

static char *dup_limited (const char *text,
                          glong       max_chars);

static void
apply_health (Context *ctx,
              BmPressure *cap)
{
  const Rules *rules = ctx->rules;
  g_autofree char *allergies = g_strstrip (dup_limited (bm_intake_get_allergies (ctx->intake), MAX_ALLERGIES_CHARS));

  /* In the client's words, for the therapist to check the products */
  if (*allergies != '\0')
    {
      char *message = fill_template (TR (rules->allergies_message), "allergies", allergies, NULL);

      g_ptr_array_add (ctx->owned, message);
      add_warning (ctx, rules->allergies_level, "allergies", -1, BM_SIDE_CENTER, message);
    }

  for (guint i = 0; i < rules->health_rules->len; i++)
    {
      const HealthRule *rule = &g_array_index (rules->health_rules, HealthRule, i);
      guint32 mask = rule->exclude;

      if (!(ctx->health & rule->flag))
        continue;
      if (!add_warning (ctx, rule->level, bm_health_to_id (rule->flag), -1, BM_SIDE_CENTER, rule->message))
        continue;

      if (rule->level == BM_WARNING_POSTPONE)
        {
          ctx->postpone = TRUE;
          g_ptr_array_add (ctx->instead, rule->instead);
          if (rule->race_advice && ctx->race_advice == NULL)
            {
              int days = -1;
              GDate visit;

              if (bm_date_parse (bm_intake_get_visit_date (ctx->intake), &visit))
                days = days_between (&visit, bm_intake_get_next_race (ctx->intake), TRUE);
              if (days >= 0 && days <= rule->race_within_days)
                ctx->race_advice = rule->race_advice;
            }
        }
      if (rule->effect == EFFECT_NO_DEEP)
        mask |= rules->deep_mask;
      if (rule->max_pressure >= 0)
        {
          *cap = MIN (*cap, (BmPressure) rule->max_pressure);
          for (guint t = 0; t < rules->n_techniques; t++)
            if (rules->techniques[t].min_pressure > (BmPressure) rule->max_pressure)
              mask |= 1u << t;
        }

      if (rule->regions == NULL)
        slot_restrict (&ctx->global, mask, rule->note, FALSE);
      else
        for (guint r = 0; r < rules->n_regions; r++)
          if (rule->regions[r])
            for (guint s = 0; s < N_SIDES; s++)
              slot_restrict (&ctx->slots[r * N_SIDES + s], mask, rule->note, FALSE);

      for (guint r = 0; rule->no_work && r < rules->n_regions; r++)
        if (rule->no_work[r])
          for (guint s = 0; s < N_SIDES; s++)
            slot_apply (rules, &ctx->slots[r * N_SIDES + s], EFFECT_NO_WORK, rule->note);
    }

  for (guint i = 0; i < rules->age_rules->len; i++)
    {
      const AgeRule *rule = &g_array_index (rules->age_rules, AgeRule, i);
      guint32 mask = rule->exclude;

      if (!age_matches (ctx->age, rule->min_age, rule->max_age) ||
          !add_warning (ctx, BM_WARNING_CAUTION, rule->id, -1, BM_SIDE_CENTER, rule->message))
        continue;
      if (rule->max_pressure >= 0)
        {
          *cap = MIN (*cap, (BmPressure) rule->max_pressure);
          for (guint t = 0; t < rules->n_techniques; t++)
            if (rules->techniques[t].min_pressure > (BmPressure) rule->max_pressure)
              mask |= 1u << t;
        }
      slot_restrict (&ctx->global, mask, rule->note, FALSE);
    }
}

typedef struct
{
  const BmMark *mark;
  int           region;  /* -1: not in the atlas or a side it does not take */
} MarkAt;

static gboolean
other_mark_matches (const OtherMark *other,
                    const MarkAt    *marks,
                    guint            n_marks,
                    guint            self,
                    BmSide           side)
{
  for (guint m = 0; m < n_marks; m++)
    {
      const BmMark *mark = marks[m].mark;

      if (m == self || marks[m].region < 0)
        continue;
      if (other->regions && !other->regions[marks[m].region])
        continue;
      if (other->symptoms && !(mark->symptoms & other->symptoms))
        continue;
      if (mark->severity < other->min_severity)
        continue;
      if (other->same_side && side != BM_SIDE_CENTER && mark->side != BM_SIDE_CENTER && mark->side != side)
        continue;
      return TRUE;
    }
  return FALSE;
}

static gboolean
mark_rule_matches (const Context  *ctx,
                   const MarkRule *rule,
                   const MarkAt   *marks,
                   guint           n_marks,
                   guint           m)
{
  const BmMark *mark = marks[m].mark;
  guint region = (guint) marks[m].region;

  if (rule->regions && (rule->regions[region] != 0) == rule->except)
    return FALSE;
  if (rule->symptoms && !(mark->symptoms & rule->symptoms))
    return FALSE;
  if (mark->severity < rule->min_severity || mark->severity > rule->max_severity)
    return FALSE;
  if (rule->health_any && !(ctx->health & rule->health_any))
    return FALSE;
  if (!age_matches (ctx->age, rule->min_age, rule->max_age))
    return FALSE;
  if (rule->risk_any)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < rule->risk_any->len && !any; i++)
        any = risk_matches (ctx, &g_array_index (rule->risk_any, Risk, i));
      if (!any)
        return FALSE;
    }
  if (rule->has_other && !other_mark_matches (&rule->other, marks, n_marks, m, mark->side))
    return FALSE;
  return TRUE;
}

static void
apply_mark_rules (Context      *ctx,
                  const MarkAt *marks,
                  guint         n_marks)
{
  const Rules *rules = ctx->rules;

  for (guint m = 0; m < n_marks; m++)
    {
      const BmMark *mark = marks[m].mark;
      guint r;
      Slot *slot;

      if (marks[m].region < 0)
        continue;
      r = (guint) marks[m].region;
      slot = &ctx->slots[slot_index (r, mark->side)];

      for (guint i = 0; i < rules->mark_rules->len; i++)
        {
          const MarkRule *rule = &g_array_index (rules->mark_rules, MarkRule, i);

          if (!mark_rule_matches (ctx, rule, marks, n_marks, m) ||
              !add_warning (ctx, rule->level, rule->id, (int) r, mark->side, rule->message))
            continue;

          if (rule->level == BM_WARNING_POSTPONE)
            {
              ctx->postpone = TRUE;
              g_ptr_array_add (ctx->instead, rule->instead);
            }
          if (rule->level != BM_WARNING_CAUTION)
            {
              /* Refer first: not this area today */
              slot->refer = TRUE;
              slot_apply (rules, slot, EFFECT_NO_WORK, rule->note);
            }
          slot_apply (rules, slot, rule->effect, rule->note);
          slot_restrict (slot, rule->exclude, rule->note, TRUE);
          if (rule->home_care && slot->home_care == NULL)
            slot->home_care = rule->home_care;

          for (guint o = 0; rule->also && o < rules->n_regions; o++)
            if (rule->also[o] && o != r)
              {
                BmSide sides[2];
                guint n = sides_for (bm_atlas_get_region (ctx->atlas, o), mark->side, sides);

                for (guint k = 0; k < n; k++)
                  slot_apply (rules, &ctx->slots[slot_index (o, sides[k])], rule->also_effect, rule->also_note);
              }
        }
    }
}

/* Avoided areas: left out; a caution only where the client also marked
 * the area, the rest are listed once (do_not_touch) */
static void
apply_avoid (Context  *ctx,
             BmPlan   *plan)
{
  const char * const *avoid = bm_intake_get_avoid (ctx->intake);
  g_autoptr(GStrvBuilder) untouched = g_strv_builder_new ();

  for (guint i = 0; avoid && avoid[i]; i++)
    {
      const BmRegion *region = bm_atlas_lookup (ctx->atlas, avoid[i]);

      if (region != NULL)
        ctx->avoided[bm_region_get_index (region)] = TRUE;
    }

  for (guint r = 0; r < ctx->rules->n_regions; r++)
    {
      const BmRegion *region = bm_atlas_get_region (ctx->atlas, r);
      gboolean marked = FALSE;

      if (!ctx->avoided[r])
        continue;
      for (guint s = 0; s < N_SIDES; s++)
        {
          static const BmSide sides[N_SIDES] = { BM_SIDE_LEFT, BM_SIDE_RIGHT, BM_SIDE_CENTER };

          if (bm_region_accepts_side (region, sides[s]) &&
              bm_intake_get_mark (ctx->intake, bm_region_get_id (region), sides[s]))
            {
              add_warning (ctx, BM_WARNING_CAUTION, "avoid", (int) r, sides[s], ctx->rules->avoid_message);
              marked = TRUE;
            }
        }
      if (!marked)
        g_strv_builder_add (untouched, bm_region_get_id (region));
    }
  g_strfreev (plan->do_not_touch);
  plan->do_not_touch = g_strv_builder_end (untouched);
}

/* Supporting areas, on the same side; they keep the limits of the area
 * they support, and an area that is not worked today gets no support */
static void
add_supports (Context *ctx)
{
  const Rules *rules = ctx->rules;
  guint n_entries = ctx->entries->len;

  for (guint i = 0; i < rules->supports->len; i++)
    {
      const SupportRule *rule = &g_array_index (rules->supports, SupportRule, i);

      for (guint e = 0; e < n_entries; e++)
        {
          Entry *from = &g_array_index (ctx->entries, Entry, e);
          const BmRegion *region = bm_atlas_get_region (ctx->atlas, from->order / N_SIDES);
          guint r = bm_region_get_index (region);
          BmSide side = from->item->side;
          const Slot *source = &ctx->slots[from->order];
          int minutes = rules->support_minutes;
          gboolean through = rules->regions[r].worked_through;
          gboolean any = FALSE;

          if (r != rule->from || from->item->role != BM_ITEM_MARKED || not_today (ctx, r, side))
            continue;
          if (rule->minutes_from)
            minutes = severity_minutes (rules, from->item->severity);

          for (guint k = 0; k < rule->to->len; k++)
            {
              guint to = g_array_index (rule->to, guint, k);
              BmSide sides[2];
              guint n = sides_for (bm_atlas_get_region (ctx->atlas, to), side, sides);

              for (guint s = 0; s < n; s++)
                {
                  Entry *entry = entry_at (ctx, to, sides[s]);

                  if (entry != NULL)
                    {
                      any |= entry->item->minutes > 0;
                      continue;
                    }
                  if (no_extra_work (ctx, to, sides[s]))
                    continue;
                  entry = add_entry (ctx, to, sides[s], BM_ITEM_SUPPORT);
                  entry->source = (int) e;
                  entry->item->supports = g_strdup (region_id (ctx, r));
                  plan_general (ctx, entry->item, to, &rule->prefer, source, minutes, rule->reason);
                  any |= entry->item->minutes > 0;
                  /* add_entry may move the array */
                  from = &g_array_index (ctx->entries, Entry, e);
                }
            }

          /* The bone itself gets no minutes when its supports take them */
          if (through && any)
            {
              set_no_work (from->item, rules->regions[r].note);
              from->item->techniques = g_renew (char *, from->item->techniques, 1);
            }
        }
    }
}

static int
entry_priority (const Context *ctx,
                const Entry   *entry,
                int            days_to_race)
{
  const Rules *rules = ctx->rules;
  int priority = entry->item->severity * 10;

  if (days_to_race >= 0 && days_to_race <= rules->race_priority_days &&
      rules->race_priority_regions && rules->race_priority_regions[entry->order / N_SIDES])
    priority += rules->race_priority_bonus * 10;
  return priority;
}

/* The minutes an entry takes with the supports that are there for it */
static int
entry_cost (Context *ctx,
            guint    e)
{
  int cost = g_array_index (ctx->entries, Entry, e).item->minutes;

  for (guint i = 0; i < ctx->entries->len; i++)
    {
      const Entry *s = &g_array_index (ctx->entries, Entry, i);

      if (s->source == (int) e)
        cost += s->item->minutes;
    }
  return cost;
}

/* When more is marked than fits, the areas that matter most stay and the
 * rest wait for next time, with what is there for them */
static gboolean
choose_for_today (Context  *ctx,
                  int       budget,
                  int       days_to_race,
                  GArray   *therapist_slots)
{
  guint n = ctx->entries->len;
  g_autofree guint *order = g_new (guint, n);
  guint n_order = 0;
  int used = 0;
  gboolean dropped = FALSE;

  for (guint e = 0; e < n; e++)
    {
      Entry *entry = &g_array_index (ctx->entries, Entry, e);

      if (entry->source >= 0)
        continue;
      entry->priority = entry_priority (ctx, entry, days_to_race);
      /* Stable insertion by priority, head to toe among equals */
      {
        guint k = n_order;

        while (k > 0)
          {
            const Entry *before = &g_array_index (ctx->entries, Entry, order[k - 1]);

            if (before->priority > entry->priority ||
                (before->priority == entry->priority && before->order < entry->order))
              break;
            order[k] = order[k - 1];
            k--;
          }
        order[k] = e;
        n_order++;
      }
    }

  for (guint i = 0; i < n_order; i++)
    {
      Entry *entry = &g_array_index (ctx->entries, Entry, order[i]);
      int cost = entry_cost (ctx, order[i]);
      gboolean kept_by_therapist = FALSE;

      for (guint k = 0; therapist_slots && k < therapist_slots->len; k++)
        kept_by_therapist |= g_array_index (therapist_slots, guint, k) == entry->order;

      if (used + cost <= budget || i == 0 || kept_by_therapist || cost == 0)
        {
          used += cost;
          continue;
        }
      entry->next_time = TRUE;
      dropped = TRUE;
      for (guint k = 0; k < n; k++)
        {
          Entry *s = &g_array_index (ctx->entries, Entry, k);

          if (s->source == (int) order[i])
            s->next_time = TRUE;
        }
    }
  return dropped;
}

static void
add_empty_map_items (Context *ctx)
{
  const Rules *rules = ctx->rules;

  for (guint i = 0; i < rules->empty_regions->len; i++)
    {
      guint r = g_array_index (rules->empty_regions, guint, i);
      BmSide sides[2];
      guint n = sides_for (bm_atlas_get_region (ctx->atlas, r), BM_SIDE_CENTER, sides);

      for (guint s = 0; s < n; s++)
        {
          Entry *entry;

          if (entry_at (ctx, r, sides[s]) || no_extra_work (ctx, r, sides[s]))
            continue;
          entry = add_entry (ctx, r, sides[s], BM_ITEM_MAINTENANCE);
          plan_general (ctx, entry->item, r, &rules->empty_prefer, NULL, rules->empty_minutes, rules->empty_reason);
        }
    }
}

/* Spare minutes go to the runner's usual chain as general maintenance */
static void
add_maintenance (Context *ctx,
                 int      spare)
{
  const Rules *rules = ctx->rules;
  guint candidates[64];
  guint n = 0;
  int each;

  if (spare < rules->chain_minutes)
    return;
  for (guint i = 0; i < rules->chain->len; i++)
    {
      guint r = g_array_index (rules->chain, guint, i);
      BmSide sides[2];
      guint k = sides_for (bm_atlas_get_region (ctx->atlas, r), BM_SIDE_CENTER, sides);

      for (guint s = 0; s < k && n < G_N_ELEMENTS (candidates); s++)
        if (!entry_at (ctx, r, sides[s]) && !no_extra_work (ctx, r, sides[s]))
          candidates[n++] = slot_index (r, sides[s]);
    }
  if (n == 0)
    return;
  n = MIN (n, (guint) (spare / rules->chain_minutes));
  each = MIN (rules->chain_max_minutes, spare / (int) n);

  for (guint i = 0; i < n && spare >= rules->chain_minutes; i++)
    {
      guint r = candidates[i] / N_SIDES;
      BmSide side = candidates[i] % N_SIDES == 0 ? BM_SIDE_LEFT
                    : candidates[i] % N_SIDES == 1 ? BM_SIDE_RIGHT : BM_SIDE_CENTER;
      Entry *entry = add_entry (ctx, r, side, BM_ITEM_MAINTENANCE);

      plan_general (ctx, entry->item, r, &rules->chain_prefer, NULL, MIN (each, spare), rules->chain_reason);
      spare -= entry->item->minutes;
    }
}

/* The therapist object (see docs/plan-format.md) */

/* The therapist's free text is not limited by the file format: keep what
 * reaches the plan (and the printed pages) to a sensible length */
#define MAX_THERAPIST_NOTES_CHARS  4000
#define MAX_THERAPIST_REASON_CHARS 1000

static char *
dup_limited (const char *text,
             glong       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *cut = NULL;

  if (g_utf8_strlen (valid, -1) <= max_chars)
    return g_steal_pointer (&valid);
  cut = g_strndup (valid, g_utf8_offset_to_pointer (valid, max_chars) - valid);
  return g_strconcat (cut, "…", NULL);
}

/* Region and side of a therapist entry; a paired region without a side
 * means both sides */
static guint
therapist_slots (Context              *ctx,
                 const BmAdjustedArea *area,
                 guint                *region,
                 BmSide               *sides)
{
  const BmRegion *r = bm_atlas_lookup (ctx->atlas, area->region);

  if (r == NULL)
    return 0;
  *region = bm_region_get_index (r);
  if (!area->has_side)
    return sides_for (r, BM_SIDE_CENTER, sides);
  if (!bm_region_accepts_side (r, area->side))
    return 0;
  sides[0] = area->side;
  return 1;
}

/* The slots the therapist's "items" name (guint slot indices) */
static GArray *
therapist_item_slots (Context             *ctx,
                      const BmAdjustments *adjustments)
{
  GArray *slots = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < adjustments->items->len; i++)
    {
      const BmAdjustedItem *item = g_ptr_array_index (adjustments->items, i);
      BmSide sides[2];
      guint region = 0, n;

      n = therapist_slots (ctx, &item->area, &region, sides);
      for (guint s = 0; s < n; s++)
        {
          guint slot = slot_index (region, sides[s]);

          g_array_append_val (slots, slot);
        }
    }
  return slots;
}

/* Known ids only, each once */
static GStrv
therapist_techniques (const Rules        *rules,
                      const char * const *given)
{
  const char *ids[MAX_TECHNIQUES + 1] = { NULL };
  guint n = 0;

  for (guint i = 0; given[i]; i++)
    {
      int t = bm_advisor_rules_find_technique (rules, given[i]);

      if (t < 0)
        continue;
      if (!g_strv_contains (ids, rules->techniques[t].id) && n < MAX_TECHNIQUES)
        {
          ids[n++] = rules->techniques[t].id;
          ids[n] = NULL;
        }
    }
  return g_strdupv ((char **) ids);
}

static void
apply_therapist_item (Context              *ctx,
                      const BmAdjustedItem *adjusted)
{
  const Rules *rules = ctx->rules;
  BmSide sides[2];
  guint region = 0;
  guint n = therapist_slots (ctx, &adjusted->area, &region, sides);
  const char * const *techniques = (const char * const *) adjusted->techniques;
  const char *reason = adjusted->reason;
  gint64 minutes = adjusted->minutes;
  gboolean has_minutes = adjusted->has_minutes;

  for (guint s = 0; s < n; s++)
    {
      Entry *entry = entry_at (ctx, region, sides[s]);
      BmPlanItem *item;

      if (entry && entry->next_time)
        entry->next_time = FALSE;  /* the therapist wants it today */
      if (entry == NULL)
        {
          const BmMark *mark = bm_intake_get_mark (ctx->intake, region_id (ctx, region), sides[s]);

          entry = add_entry (ctx, region, sides[s], mark ? BM_ITEM_MARKED : BM_ITEM_ADDED);
          item = entry->item;
          if (mark)
            {
              item->severity = mark->severity;
              item->symptoms = mark->symptoms;
            }
          if (!techniques)
            plan_general (ctx, item, region, &rules->no_symptom_prefer, NULL, rules->support_minutes,
                          reason ? NULL : rules->therapist_added_reason);
          else
            {
              item->minutes = window_item_minutes (ctx, rules->support_minutes);
              item->reason = g_strdup (TR (rules->therapist_added_reason));
            }
        }
      item = entry->item;

      if (techniques)
        {
          g_strfreev (item->techniques);
          item->techniques = therapist_techniques (rules, techniques);
          if (!has_minutes && item->techniques[0] != NULL && item->minutes == 0)
            item->minutes = window_item_minutes (ctx, rules->support_minutes);
          if (item->techniques[0] == NULL)
            item->minutes = 0;
        }
      if (has_minutes)
        {
          item->minutes = (int) CLAMP (minutes, 0, rules->bookable[rules->n_bookable - 1]);
          entry->fixed = TRUE;
        }
      if (reason)
        {
          g_free (item->reason);
          item->reason = dup_limited (reason, MAX_THERAPIST_REASON_CHARS);
        }
      item->therapist = TRUE;
    }
}

/* What the therapist left out stays in the plan, with the minutes it
 * frees; those are not given to other areas. Areas the therapist also
 * names in "items" are kept: the items win. */
static void
apply_removed (Context   *ctx,
               GPtrArray *removed,
               GArray    *item_slots)
{
  for (guint i = 0; i < removed->len; i++)
    {
      BmSide sides[2];
      guint region = 0, n;

      n = therapist_slots (ctx, g_ptr_array_index (removed, i), &region, sides);
      for (guint s = 0; s < n; s++)
        {
          Entry *entry = entry_at (ctx, region, sides[s]);
          gboolean named = FALSE;

          for (guint k = 0; k < item_slots->len; k++)
            named |= g_array_index (item_slots, guint, k) == slot_index (region, sides[s]);
          if (entry == NULL || named || entry->removed)
            continue;
          entry->removed = TRUE;
          entry->next_time = FALSE;
          entry->item->left_out = TRUE;
          entry->item->therapist = TRUE;
          entry->item->freed_minutes = entry->item->minutes;
          set_no_work (entry->item, ctx->rules->left_out_reason);
        }
    }
}

static int
round_up_bookable (const Rules *rules,
                   int          minutes,
                   int          max)
{
  for (guint i = 0; i < rules->n_bookable; i++)
    if (rules->bookable[i] >= minutes && rules->bookable[i] <= max)
      return rules->bookable[i];
  /* The longest allowed */
  for (guint i = rules->n_bookable; i > 0; i--)
    if (rules->bookable[i - 1] <= max)
      return rules->bookable[i - 1];
  return rules->bookable[0];
}

static gboolean
counts (const Entry *e,
        int          which) /* 0: not fixed, 1: fixed, 2: all */
{
  return !e->removed && !e->next_time && (which == 2 || (which == 1) == e->fixed);
}

static int
sum_minutes (GArray   *entries,
             int       which)
{
  int sum = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);

      if (counts (e, which))
        sum += e->item->minutes;
    }
  return sum;
}

/* Shrinks the chosen items' minutes proportionally to fit @budget */
static void
scale_minutes (GArray *entries,
               int     which,
               int     budget)
{
  int total = sum_minutes (entries, which);
  int sum = 0;

  if (total <= budget)
    return;
  budget = MAX (budget, 0);

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = &g_array_index (entries, Entry, i);

      if (!counts (e, which) || e->item->minutes == 0)
        continue;
      e->item->minutes = MAX (1, (int) ((gint64) e->item->minutes * budget / total));
      sum += e->item->minutes;
    }

  /* The rounding up to one minute can overshoot: take from the longest */
  while (sum > budget)
    {
      Entry *longest = NULL, *last = NULL;

      for (guint i = 0; i < entries->len; i++)
        {
          Entry *e = &g_array_index (entries, Entry, i);

          if (!counts (e, which) || e->item->minutes == 0)
            continue;
          last = e;
          if (e->item->minutes > 1 && (longest == NULL || e->item->minutes > longest->item->minutes))
            longest = e;
        }
      if (longest == NULL)
        longest = last;
      if (longest == NULL)
        break;
      longest->item->minutes--;
      sum--;
    }
}

/* The advisor's longest session today, and the minutes for assessment */
static int
session_cap (const Context *ctx,
             int           *assessment)
{
  const Rules *rules = ctx->rules;
  int max = rules->max_minutes;

  *assessment = rules->assessment_minutes;
  if (ctx->window)
    {
      if (ctx->window->assessment_minutes >= 0)
        *assessment = MIN (*assessment, ctx->window->assessment_minutes);
      if (ctx->window->max_session_minutes > 0)
        max = MIN (max, ctx->window->max_session_minutes);
    }
  return max;
}

/* The shortest session that suits what is worked today */
static int
session_floor (const Context *ctx)
{
  const Rules *rules = ctx->rules;
  guint n_marked = 0, n_others = 0;
  int small = -1;

  /* Pre-event work is short and brisk */
  if (ctx->window && ctx->window_before && ctx->window->only.n > 0)
    return 0;
  for (guint i = 0; i < ctx->entries->len; i++)
    {
      const Entry *e = &g_array_index (ctx->entries, Entry, i);

      if (!counts (e, 2) || e->item->minutes == 0)
        continue;
      if (e->item->role == BM_ITEM_MARKED)
        {
          n_marked++;
          small = rules->regions[e->order / N_SIDES].small;
        }
      else
        n_others++;
    }
  if (n_marked >= (guint) rules->several_areas || (rules->long_phases & (1u << ctx->phase)))
    return rules->long_minutes;
  if (n_marked == 1 && n_others == 0 && small == TRUE)
    return rules->small_minutes;
  return rules->min_minutes;
}

/* One message about timing: the window that decides today, or why there
 * is none */
static void
set_timing (Context  *ctx,
            BmPlan   *plan)
{
  const char *advice;

  if (ctx->postpone)
    advice = ctx->race_advice ? ctx->race_advice : ctx->rules->postponed_advice;
  else if (ctx->window)
    advice = ctx->window->advice;
  else
    advice = ctx->rules->none_advice;
  g_free (plan->timing_advice);
  plan->timing_advice = g_strdup (TR (advice));
}

/* The next visit never lands on race day or in the days around it where
 * it would do harm; around a race within reach, one visit is offered a
 * few days before and one a few days after, scaled by the distance */
static void
set_next_visit (Context *ctx,
                BmPlan  *plan)
{
  const Rules *rules = ctx->rules;
  const BmRace *race = bm_intake_get_next_race (ctx->intake);
  int next = ctx->postpone ? rules->postpone_next_visit_days : rules->phase_days[ctx->phase];
  int days = plan->days_to_race;
  const Distance *distance;
  int before, after, usual;

  /* The client's own rhythm, once there is one */
  if (!ctx->postpone && rules->history && ctx->history &&
      (usual = bm_history_get_usual_gap (ctx->history, plan->visit_date)) > 0)
    {
      g_autofree char *text = g_strdup_printf ("%d", usual);

      next = CLAMP (usual, rules->usual_min_days, rules->usual_max_days);
      g_free (plan->next_visit_reason);
      plan->next_visit_reason = fill_template (TR (rules->usual_reason), "days", text, NULL);
    }
  plan->next_visit_days = next;
  plan->visit_before_race = -1;
  plan->visit_after_race = -1;
  if (days < 0 || days > rules->visits_within_days || race == NULL)
    return;

  distance = &rules->distances[distance_index (rules, race->distance)];
  before = days - distance->before_days;
  after = days + distance->after_days;
  plan->visit_before_race = before > 0 ? before : -1;
  plan->visit_after_race = after;

  if (next > before && next < after)
    {
      /* Too close before the race, on race day or too soon after it */
      next = plan->visit_before_race > 0 ? plan->visit_before_race : after;
      g_free (plan->next_visit_reason);
      plan->next_visit_reason = g_strdup (TR (rules->next_visit_moved));
    }
  else if (next >= after)
    {
      /* The regular visit would come after the race: see the runner
       * around it */
      next = plan->visit_before_race > 0 ? plan->visit_before_race : after;
      g_free (plan->next_visit_reason);
      plan->next_visit_reason = g_strdup (TR (rules->race_visits_reason));
    }
  plan->next_visit_days = next;
}

static void
add_home_care (BmPlan     *plan,
               const char *region,
               const char *text)
{
  BmHomeCareItem *hc;

  for (guint i = 0; region && i < plan->home_care->len; i++)
    if (g_strcmp0 (((BmHomeCareItem *) g_ptr_array_index (plan->home_care, i))->region, region) == 0)
      return;
  hc = g_new0 (BmHomeCareItem, 1);
  hc->region = g_strdup (region);
  hc->text = g_strdup (text);
  g_ptr_array_add (plan->home_care, hc);
}

/* Home care that fits the day: an area to be checked first is not
 * stretched or loaded; no new stretches right before a race; safe
 * variants for osteoporosis and pregnancy; no advice "after the massage"
 * when there is none */
static void
set_home_care (Context *ctx,
               BmPlan  *plan)
{
  BmHomeCareKind kind = BM_HOMECARE_USUAL;
  const char * const *general;

  if (ctx->postpone)
    kind = BM_HOMECARE_POSTPONED;
  else if (ctx->window && ctx->window_before && ctx->window->only.n > 0)
    kind = BM_HOMECARE_RACE_DAY;

  /* Areas to be checked first come first, head to toe */
  for (guint pass = 0; pass < 2 && kind != BM_HOMECARE_POSTPONED; pass++)
    for (guint i = 0; i < plan->items->len; i++)
      {
        const BmPlanItem *item = g_ptr_array_index (plan->items, i);
        const BmRegion *region = bm_atlas_lookup (ctx->atlas, item->region);
        const Slot *slot;

        if (region == NULL)
          continue;
        slot = &ctx->slots[slot_index (bm_region_get_index (region), item->side)];
        if (pass == 0 && slot->refer)
          add_home_care (plan, item->region, slot->home_care ? TR (slot->home_care) : bm_homecare_get_refer ());
        else if (pass == 1 && kind == BM_HOMECARE_USUAL && !item->left_out &&
                 (item->role == BM_ITEM_MARKED || item->role == BM_ITEM_SUPPORT) &&
                 !ctx->avoided[bm_region_get_index (region)] &&
                 (item->techniques[0] != NULL || item->role == BM_ITEM_MARKED))
          {
            const char *text = bm_homecare_get_advice_for (item->region, ctx->health);

            if (text)
              add_home_care (plan, item->region, text);
          }
      }

  general = bm_homecare_get_general_list (kind);
  for (guint i = 0; general[i]; i++)
    add_home_care (plan, NULL, general[i]);
}

static void
set_postpone_advice (Context *ctx,
                     BmPlan  *plan)
{
  g_autoptr(GString) advice = g_string_new (NULL);

  for (guint i = 0; i < ctx->instead->len; i++)
    {
      const char *text = g_ptr_array_index (ctx->instead, i);
      gboolean seen = FALSE;

      for (guint k = 0; k < i; k++)
        seen |= g_ptr_array_index (ctx->instead, k) == text;
      if (seen || text == NULL)
        continue;
      if (advice->len > 0)
        g_string_append_c (advice, ' ');
      g_string_append (advice, TR (text));
    }
  /* Racing with a fever, for instance: said where the plan is read */
  if (ctx->race_advice)
    {
      if (advice->len > 0)
        g_string_append_c (advice, ' ');
      g_string_append (advice, TR (ctx->race_advice));
    }
  plan->postpone_advice = g_string_free (g_steal_pointer (&advice), FALSE);
}

/* Client age in the visit's year, from the birth year alone; -1 unknown */
static int
client_age (BmIntake    *intake,
            const GDate *visit)
{
  int birth = bm_intake_get_birth_year (intake);

  if (birth <= 0 || !g_date_valid (visit))
    return -1;
  return MAX (0, (int) g_date_get_year (visit) - birth);
}

BmPlan *
bm_advise (BmIntake *intake)
{
  return bm_advisor_advise (bm_advisor_rules_get_default (), bm_atlas_get_default (), intake);
}

BmPlan *
bm_advise_with_history (BmIntake        *intake,
                        const BmHistory *earlier)
{
  return bm_advisor_advise_with_history (bm_advisor_rules_get_default (), bm_atlas_get_default (), intake, earlier);
}

BmPlan *
bm_advisor_advise (const BmAdvisorRules *rules,
                   BmAtlas              *atlas,
                   BmIntake             *intake)
{
  return bm_advisor_advise_with_history (rules, atlas, intake, NULL);
}

BmPlan *
bm_advisor_advise_with_history (const BmAdvisorRules *rules,
                                BmAtlas              *atlas,
                                BmIntake             *intake,
                                const BmHistory      *earlier)
{
  g_autoptr(BmPlan) plan = NULL;
  GPtrArray *marks;
  g_autofree Slot *slots = NULL;
  g_autofree gboolean *avoided = NULL;
  g_autofree int *entry_index = NULL;
  g_autofree MarkAt *mark_at = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GArray) warnings = NULL;
  g_autoptr(GPtrArray) instead = NULL;
  g_autoptr(GPtrArray) owned = NULL;
  g_autoptr(GArray) item_slots = NULL;
  Context ctx = { 0 };
  g_autoptr(BmAdjustments) adjustments = NULL;
  BmPressure cap = BM_PRESSURE_DEEP;
  int therapist_minutes = 0;
  const RaceWindow *before, *after;
  GDate visit;

  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (BM_IS_ATLAS (atlas), NULL);
  g_return_val_if_fail (bm_atlas_get_n_regions (atlas) == rules->n_regions, NULL);
  g_return_val_if_fail (BM_IS_INTAKE (intake), NULL);

  ctx.rules = rules;
  ctx.atlas = atlas;
  ctx.adjustments = adjustments = bm_adjustments_new_from_json (bm_intake_get_therapist (intake));
  ctx.intake = intake;
  ctx.pressure = bm_intake_get_pressure (intake);
  ctx.phase = bm_intake_get_phase (intake);
  ctx.health = bm_intake_get_health (intake);
  ctx.slots = slots = g_new0 (Slot, rules->n_regions * N_SIDES);
  ctx.avoided = avoided = g_new0 (gboolean, rules->n_regions);
  ctx.entry_at = entry_index = g_new0 (int, rules->n_regions * N_SIDES);
  ctx.entries = entries = g_array_sized_new (FALSE, TRUE, sizeof (Entry), 32);
  ctx.warnings = warnings = g_array_sized_new (FALSE, TRUE, sizeof (PendingWarning), 16);
  ctx.instead = instead = g_ptr_array_new ();
  ctx.owned = owned = g_ptr_array_new_with_free_func (g_free);
  ctx.history = earlier;

  if (ctx.pressure > BM_PRESSURE_DEEP)
    ctx.pressure = BM_PRESSURE_MEDIUM;
  if ((guint) ctx.phase >= N_PHASES)
    ctx.phase = BM_PHASE_MAINTENANCE;

  plan = bm_plan_new ();
  g_free (plan->client);
  plan->client = g_strdup (bm_intake_get_client_name (intake));
  g_free (plan->visit_date);
  plan->visit_date = g_strdup (bm_intake_get_visit_date (intake));

  /* Race timing, counted from the visit date. With a race on each side,
   * the nearer one decides today (on a tie, the race just run). */
  bm_date_parse (plan->visit_date, &visit);
  ctx.age = client_age (intake, &visit);
  plan->days_to_race = days_between (&visit, bm_intake_get_next_race (intake), TRUE);
  plan->days_since_race = days_between (&visit, bm_intake_get_last_race (intake), FALSE);
  before = find_window (rules->before, plan->days_to_race);
  after = find_window (rules->after, plan->days_since_race);
  if (after && (before == NULL || plan->days_since_race <= plan->days_to_race))
    ctx.window = after;
  else
    {
      ctx.window = before;
      ctx.window_before = TRUE;
    }
  if (ctx.window)
    {
      guint32 mask = ctx.window->exclude;

      if (ctx.window->effect == EFFECT_NO_DEEP)
        mask |= rules->deep_mask;
      slot_restrict (&ctx.global, mask, ctx.window->note, FALSE);
    }

  /* What may be done where: health and age, pressure, avoided regions, marks */
  apply_health (&ctx, &cap);
  {
    guint32 mask = 0;

    for (guint t = 0; t < rules->n_techniques; t++)
      if (rules->techniques[t].min_pressure > ctx.pressure)
        mask |= 1u << t;
    slot_restrict (&ctx.global, mask, rules->pressure_note[ctx.pressure], FALSE);
  }
  ctx.bonus_pressure = MIN (ctx.pressure, cap);
  apply_avoid (&ctx, plan);

  marks = bm_intake_get_marks (intake);
  mark_at = g_new0 (MarkAt, marks->len + 1);
  for (guint m = 0; m < marks->len; m++)
    {
      const BmMark *mark = g_ptr_array_index (marks, m);
      const BmRegion *region = bm_atlas_lookup (ctx.atlas, mark->region);

      mark_at[m].mark = mark;
      mark_at[m].region = region && bm_region_accepts_side (region, mark->side)
                          ? (int) bm_region_get_index (region) : -1;
    }
  apply_mark_rules (&ctx, mark_at, marks->len);

  /* The marked areas */
  for (guint m = 0; m < marks->len; m++)
    {
      const BmMark *mark = mark_at[m].mark;
      Entry *entry;

      if (mark_at[m].region < 0 || entry_at (&ctx, (guint) mark_at[m].region, mark->side))
        continue;
      entry = add_entry (&ctx, (guint) mark_at[m].region, mark->side, BM_ITEM_MARKED);
      if (ctx.postpone)
        {
          entry->item->severity = mark->severity;
          entry->item->symptoms = mark->symptoms;
          set_no_work (entry->item, rules->postpone_reason);
        }
      else
        plan_marked (&ctx, entry->item, (guint) mark_at[m].region, mark);
    }

  if (adjustments->notes)
    plan->therapist_notes = dup_limited (adjustments->notes, MAX_THERAPIST_NOTES_CHARS);

  if (!ctx.postpone)
    {
      int assessment, cap_minutes, need, floor_minutes;
      gboolean dropped;

      add_supports (&ctx);
      if (marks->len == 0)
        add_empty_map_items (&ctx);

      if (adjustments->session_minutes > 0)
        therapist_minutes = (int) MIN (adjustments->session_minutes, 1000);
      cap_minutes = session_cap (&ctx, &assessment);
      if (therapist_minutes > 0)
        cap_minutes = round_up_bookable (rules, therapist_minutes, rules->bookable[rules->n_bookable - 1]);

      /* More marked than fits: the areas that matter most today */
      item_slots = therapist_item_slots (&ctx, adjustments);
      dropped = choose_for_today (&ctx, cap_minutes - assessment, plan->days_to_race, item_slots);

      /* The advisor's own session: its length, and its areas fitted
       * into it */
      need = assessment + sum_minutes (ctx.entries, 2);
      floor_minutes = session_floor (&ctx);
      if (therapist_minutes > 0)
        {
          plan->session_minutes = cap_minutes;
          plan->session_set_by_therapist = TRUE;
        }
      else
        plan->session_minutes = round_up_bookable (rules, MAX (need, floor_minutes), cap_minutes);
      plan->assessment_minutes = assessment;
      if (need > plan->session_minutes)
        {
          scale_minutes (ctx.entries, 2, plan->session_minutes - assessment);
          if (!dropped)
            add_warning (&ctx, BM_WARNING_CAUTION, "shortened", -1, BM_SIDE_CENTER,
                         therapist_minutes > 0 ? rules->shortened_therapist : rules->shortened_window);
          need = assessment + sum_minutes (ctx.entries, 2);
        }
      if (dropped)
        add_warning (&ctx, BM_WARNING_CAUTION, "next-time", -1, BM_SIDE_CENTER,
                     therapist_minutes > 0 ? rules->shortened_therapist
                     : cap_minutes < rules->max_minutes ? rules->shortened_window : rules->shortened_overflow);

      /* The therapist's changes go on top, and never take minutes from
       * another area: what they add makes the session longer (shown
       * against the length the therapist chose). Only the Rebalance the
       * therapist asks for shortens areas. */
      for (guint i = 0; i < adjustments->items->len; i++)
        apply_therapist_item (&ctx, g_ptr_array_index (adjustments->items, i));

      need = assessment + sum_minutes (ctx.entries, 2);
      if (need > plan->session_minutes)
        {
          int longest = rules->bookable[rules->n_bookable - 1];

          if (therapist_minutes > 0)
            plan->chosen_session_minutes = plan->session_minutes;
          plan->session_minutes = round_up_bookable (rules, need, longest);
          if (need > plan->session_minutes)
            {
              /* Past the longest session there is: everything is fitted */
              scale_minutes (ctx.entries, 2, plan->session_minutes - assessment);
              add_warning (&ctx, BM_WARNING_CAUTION, "shortened", -1, BM_SIDE_CENTER, rules->shortened_therapist);
            }
          else if (therapist_minutes > 0)
            add_warning (&ctx, BM_WARNING_CAUTION, "longer-than-chosen", -1, BM_SIDE_CENTER,
                         rules->longer_than_chosen);
        }

      /* Spare minutes go to general maintenance (not in a session that
       * already runs past the length chosen); then what the therapist
       * left out frees its minutes, which stay free */
      if (plan->chosen_session_minutes == 0)
        add_maintenance (&ctx, plan->session_minutes - need);
      apply_removed (&ctx, adjustments->removed, item_slots);
    }
  else
    {
      plan->session_minutes = 0;
      plan->assessment_minutes = 0;
      set_postpone_advice (&ctx, plan);
    }

  /* Head to toe, left before right */
  g_array_sort (entries, compare_entries);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = &g_array_index (entries, Entry, i);

      if (e->item->techniques == NULL)
        e->item->techniques = g_new0 (char *, 1);
      if (e->item->reason == NULL)
        e->item->reason = g_strdup ("");
      if (e->next_time)
        {
          if (e->item->role == BM_ITEM_MARKED)
            {
              g_strfreev (e->item->techniques);
              e->item->techniques = g_new0 (char *, 1);
              e->item->minutes = 0;
              g_ptr_array_add (plan->next_time, e->item);
            }
          else
            bm_plan_item_free (e->item);
          continue;
        }
      g_ptr_array_add (plan->items, e->item);
    }

  g_array_sort (warnings, compare_warnings);
  for (guint i = 0; i < warnings->len; i++)
    {
      const PendingWarning *w = &g_array_index (warnings, PendingWarning, i);
      BmPlanWarning *warning = g_new0 (BmPlanWarning, 1);

      warning->level = w->level;
      warning->region = w->region < 0 ? NULL : g_strdup (region_id (&ctx, (guint) w->region));
      warning->side = w->side;
      warning->message = g_strdup (TR (w->message));
      warning->id = g_strdup (w->id);
      warning->acknowledged = w->note != NULL;
      warning->note = g_strdup (w->note);
      g_ptr_array_add (plan->warnings, warning);
    }

  set_timing (&ctx, plan);
  set_next_visit (&ctx, plan);
  set_home_care (&ctx, plan);

  if (earlier && bm_history_get_n_visits (earlier) > 0)
    {
      const BmHistoryVisit *last = bm_history_get_visit (earlier, bm_history_get_n_visits (earlier) - 1);

      bm_progress_apply (plan, last->intake, last->plan);
    }
  return g_steal_pointer (&plan);
}

