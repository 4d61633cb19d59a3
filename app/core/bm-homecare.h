/* bm-homecare.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bm-types.h"

G_BEGIN_DECLS

/* Home-care advice printed with the treatment plan, from
 * resources/rules/homecare.json: one short piece of advice per region,
 * and general advice for every client. Translated at use. */

/* Advice for one atlas region ("calf"); NULL when there is none */
const char          *bm_homecare_get_advice      (const char *region_id);
/* General advice: short paragraphs separated by "\n" */
const char          *bm_homecare_get_general     (void);
/* Advice for one region that suits the client's health: where the usual
 * advice lies on the back or bends the spine, a safe variant is given for
 * pregnancy or osteoporosis. NULL when there is none. */
const char          *bm_homecare_get_advice_for  (const char    *region_id,
                                                  BmHealthFlags  health);

typedef enum
{
  BM_HOMECARE_USUAL,      /* after a session */
  BM_HOMECARE_RACE_DAY,   /* the race is in the next two days */
  BM_HOMECARE_POSTPONED,  /* no massage today */
} BmHomeCareKind;

/* General advice of that kind, translated, NULL-terminated */
const char * const  *bm_homecare_get_general_list (BmHomeCareKind kind);
/* For an area that must be checked first: no stretching or loading */
const char          *bm_homecare_get_refer       (void);

/* The region ids that have advice, in the file's order */
const char * const  *bm_homecare_list_region_ids (void);

G_END_DECLS
