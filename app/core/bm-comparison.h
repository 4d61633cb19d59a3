/* bm-comparison.h: today's visit beside an earlier one of the same client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bm-intake.h"
#include "bm-library.h"
#include "bm-progress.h"

G_BEGIN_DECLS

#define BM_TYPE_COMPARISON (bm_comparison_get_type ())

G_DECLARE_FINAL_TYPE (BmComparison, bm_comparison, BM, COMPARISON, GObject)

/* What the map, the list and the compare control show when a library
 * visit is compared with one of the client's earlier visits: the earlier
 * visits (from bm-history.h), the one picked, and how each area changed
 * since (bm_progress_compare()), kept up to date as today's marks change.
 * Widgets observe it through ::changed. */
BmComparison         *bm_comparison_new              (void);

void                  bm_comparison_set_library      (BmComparison *self,
                                                      BmLibrary    *library);
BmIntake             *bm_comparison_get_intake       (BmComparison *self);
/* Today's visit. Another intake turns the comparison off. */
void                  bm_comparison_set_intake       (BmComparison *self,
                                                      BmIntake     *intake);
/* Reads the client's earlier visits again (after a save, or when the
 * library changed); the visit picked stays picked while it is there */
void                  bm_comparison_reload           (BmComparison *self);
/* Reads them again only when today's visit is now another one: a save
 * that files it links it to the library without the intake telling */
void                  bm_comparison_update           (BmComparison *self);

/* The client's visits before today's, oldest first: none when today's
 * visit is not a library visit */
guint                 bm_comparison_get_n_visits     (BmComparison *self);
const char           *bm_comparison_get_visit_date   (BmComparison *self,
                                                      guint         index);

/* The earlier visit compared with, as an index of the visits above; -1:
 * not comparing */
int                   bm_comparison_get_selected     (BmComparison *self);
void                  bm_comparison_set_selected     (BmComparison *self,
                                                      int           index);
/* Compares with the last visit before today's (TRUE), or stops */
void                  bm_comparison_set_active       (BmComparison *self,
                                                      gboolean      active);
gboolean              bm_comparison_get_active       (BmComparison *self);

/* The earlier visit compared with and its date; NULL when not comparing */
BmIntake             *bm_comparison_get_earlier      (BmComparison *self);
const char           *bm_comparison_get_earlier_date (BmComparison *self);
/* BmProgressArea*, head to toe; NULL when not comparing */
GPtrArray            *bm_comparison_get_areas        (BmComparison *self);
const BmProgressArea *bm_comparison_lookup           (BmComparison *self,
                                                      const char   *region,
                                                      BmSide        side);

/* For a widget that follows a comparison: sets *@slot to @comparison
 * (a reference) and has @on_changed (@instance, comparison) called on each
 * "changed" of it, through the signal group *@group (made the first
 * time). FALSE when *@slot was @comparison already. */
gboolean              bm_comparison_follow           (BmComparison **slot,
                                                      GSignalGroup **group,
                                                      BmComparison  *comparison,
                                                      GCallback      on_changed,
                                                      gpointer       instance);

G_END_DECLS
