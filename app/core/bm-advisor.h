/* bm-advisor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bm-atlas.h"
#include "bm-history.h"
#include "bm-intake.h"
#include "bm-plan.h"
#include "bm-techniques.h"

G_BEGIN_DECLS

/* Suggests a treatment plan from an intake: techniques, minutes and reasons
 * per region, supporting regions, warnings, race timing, session length and
 * next visit. The rules are data (resources/rules/advisor.json); the same
 * intake always gives the same plan. The therapist's adjustments stored in
 * the intake's "therapist" object are applied on top. */
BmPlan *bm_advise (BmIntake *intake);

/* bm_advise() that also learns from the client's earlier visits (oldest
 * first; may be NULL or empty): what worked last time is kept, an area
 * worse after deep work gets lighter work, an area not getting better
 * over several visits is flagged, and the next visit follows the client's
 * own rhythm. The plan also says what changed since the latest of them
 * (bm-progress.h). */
BmPlan *bm_advise_with_history (BmIntake        *intake,
                                const BmHistory *earlier);

/* The rules, loaded for one atlas (which must outlive them). The built-in
 * ones come from resources/rules/advisor.json and the built-in atlas;
 * tests can load small rule sets of their own. */
typedef struct _BmAdvisorRules BmAdvisorRules;

BmAdvisorRules       *bm_advisor_rules_new_from_bytes (GBytes          *bytes,
                                                       BmAtlas         *atlas,
                                                       GError         **error);
void                  bm_advisor_rules_free           (BmAdvisorRules  *rules);
const BmAdvisorRules *bm_advisor_rules_get_default    (void);

/* bm_advise() with the rules and atlas given */
BmPlan *bm_advisor_advise (const BmAdvisorRules *rules,
                           BmAtlas              *atlas,
                           BmIntake             *intake);
BmPlan *bm_advisor_advise_with_history (const BmAdvisorRules *rules,
                                        BmAtlas              *atlas,
                                        BmIntake             *intake,
                                        const BmHistory      *earlier);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BmAdvisorRules, bm_advisor_rules_free)

G_END_DECLS
