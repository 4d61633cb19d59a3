/* bm-plan-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bm-document.h"
#include "bm-plan.h"

G_BEGIN_DECLS

#define BM_TYPE_PLAN_VIEW (bm_plan_view_get_type ())

G_DECLARE_FINAL_TYPE (BmPlanView, bm_plan_view, BM, PLAN_VIEW, GtkWidget)

/* The document's suggested plan, kept up to date as the document's plan
 * follows its intake: warnings first, the session, then each area with its
 * techniques, minutes and reason. The therapist adjusts it here; the
 * changes go to the document's intake. */
GtkWidget    *bm_plan_view_new          (void);
void          bm_plan_view_set_document (BmPlanView   *self,
                                         BmDocument   *document);
/* The plan shown */
const BmPlan *bm_plan_view_get_plan     (BmPlanView   *self);
/* Shows a copy of @plan instead of the document's, until the document's
 * intake next changes: for tests and previews of plans the advisor does
 * not make */
void          bm_plan_view_show_plan    (BmPlanView   *self,
                                         const BmPlan *plan);

G_END_DECLS
