/* bm-progress.h: how a client's areas changed since the previous visit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bm-intake.h"
#include "bm-plan.h"

G_BEGIN_DECLS

/* Adds to @plan (today's) what it says about the previous visit: its
 * date, each item's "previous" (severity as marked then, techniques and
 * minutes as given then, from @previous_plan) and, for marked areas, the
 * change; and the areas marked then and not now. A change of one point or
 * less is "same". */
void  bm_progress_apply (BmPlan       *plan,
                         BmIntake     *previous,
                         const BmPlan *previous_plan);

G_END_DECLS
