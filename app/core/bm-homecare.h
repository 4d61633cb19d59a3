/* bm-homecare.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Home-care advice printed with the treatment plan, from
 * resources/rules/homecare.json: one short piece of advice per region,
 * and general advice for every client. Translated at use. */

/* Advice for one atlas region ("calf"); NULL when there is none */
const char          *bm_homecare_get_advice      (const char *region_id);
/* General advice: short paragraphs separated by "\n" */
const char          *bm_homecare_get_general     (void);
/* The region ids that have advice, in the file's order */
const char * const  *bm_homecare_list_region_ids (void);

G_END_DECLS
