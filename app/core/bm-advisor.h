/* bm-advisor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bm-intake.h"
#include "bm-plan.h"

G_BEGIN_DECLS

/* Suggests a treatment plan from an intake: techniques, minutes and reasons
 * per region, supporting regions, warnings, race timing, session length and
 * next visit. The rules are data (resources/rules/advisor.json); the same
 * intake always gives the same plan. The therapist's adjustments stored in
 * the intake's "therapist" object are applied on top. */
BmPlan *bm_advise (BmIntake *intake);

G_END_DECLS
