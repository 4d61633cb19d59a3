/* bm-history.h: a client's visits, oldest first, with the plan each was
 * given; what the chart, the comparison and the "what worked" rules read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bm-intake.h"
#include "bm-library.h"
#include "bm-plan.h"

G_BEGIN_DECLS

typedef struct
{
  char     *date;      /* YYYY-MM-DD */
  char     *visit_id;  /* NULL for a visit that is not filed yet */
  BmIntake *intake;
  BmPlan   *plan;      /* as given at that visit */
} BmHistoryVisit;

typedef struct _BmHistory BmHistory;

BmHistory            *bm_history_new          (void);
void                  bm_history_free         (BmHistory       *self);

/* Adds a visit (a reference to @intake is taken; @plan is taken, or,
 * when NULL, the plan kept in the visit as given or else worked out
 * again). Visits stay sorted by date, oldest first; a visit with the same
 * visit id as one already there replaces it. */
void                  bm_history_add          (BmHistory       *self,
                                               BmIntake        *intake,
                                               BmPlan          *plan);
guint                 bm_history_get_n_visits (const BmHistory *self);
const BmHistoryVisit *bm_history_get_visit    (const BmHistory *self,
                                               guint            index);
/* The plan @intake was given at its visit: kept in a visit of the library
 * ("given"); for a visit filed before that was kept, worked out again */
BmPlan               *bm_history_dup_given_plan (BmIntake      *intake);

/* The visit with that id, or NULL */
const BmHistoryVisit *bm_history_lookup       (const BmHistory *self,
                                               const char      *visit_id);

/* The readable visits of the client in @library (that client's folder
 * read again, or the whole library when it was never read), oldest
 * first. With @before, only the visits on days before that intake's
 * visit date, and never that visit itself. An unknown client is an error
 * naming it; a client with no readable visit gives an empty history. */
BmHistory            *bm_history_load         (BmLibrary       *library,
                                               const char      *client_id,
                                               BmIntake        *before,
                                               GError         **error);

/* The same from @client as its library last loaded it (nothing is
 * loaded but the visits' files) */
BmHistory            *bm_history_new_for_client (const BmClient *client,
                                                 BmIntake       *before);

/* What a printed plan charts: the visits of @intake's client in @library
 * before it, then @intake itself with @plan (copied). NULL when the
 * intake is no library visit or the library cannot be read. */
BmHistory            *bm_history_load_through (BmLibrary       *library,
                                               BmIntake        *intake,
                                               const BmPlan    *plan);

/* One area (region and side) over the visits */
typedef struct
{
  char   *region;     /* atlas id */
  BmSide  side;
  char   *label;      /* "Left calf", translated */
  int    *severity;   /* one per visit, oldest first; -1: not marked then */
  guint   n_visits;
  int     latest;     /* severity at the last visit it was marked */
  int     peak;       /* highest severity over the visits */
  guint   n_marked;   /* visits at which it was marked */
} BmHistorySeries;

void                  bm_history_series_free  (BmHistorySeries *series);

/* Every area marked at any visit: the areas of the latest visit first
 * (worst first), then the others by their peak, then head to toe */
GPtrArray            *bm_history_dup_series   (const BmHistory *self);

/* Every race date named at any visit (next and last race), sorted, each
 * once */
GStrv                 bm_history_dup_race_dates (const BmHistory *self);

/* The typical number of days between visits (the median of the gaps),
 * counting a visit on @today too when it is not NULL; 0 with fewer than
 * two visits */
int                   bm_history_get_usual_gap (const BmHistory *self,
                                                const char      *today);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BmHistory, bm_history_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BmHistorySeries, bm_history_series_free)

G_END_DECLS
