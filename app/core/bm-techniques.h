/* bm-techniques.h: the technique catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The techniques a plan may suggest, from the built-in rules
 * (resources/rules/advisor.json): translated name and a one-line
 * explanation for a technique id; NULL when unknown */
const char          *bm_technique_get_name        (const char *id);
const char          *bm_technique_get_description (const char *id);
/* Every technique id, best known first */
const char * const  *bm_technique_list_ids        (void);

G_END_DECLS
