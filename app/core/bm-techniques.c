/* bm-techniques.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bm-advisor-rules.h"
#include "bm-techniques.h"

const char *
bm_technique_get_name (const char *id)
{
  const Rules *rules = bm_advisor_rules_get_default ();
  int t = bm_advisor_rules_find_technique (rules, id);

  return t < 0 ? NULL : TR (rules->techniques[t].name);
}

const char *
bm_technique_get_description (const char *id)
{
  const Rules *rules = bm_advisor_rules_get_default ();
  int t = bm_advisor_rules_find_technique (rules, id);

  return t < 0 ? NULL : TR (rules->techniques[t].description);
}

const char * const *
bm_technique_list_ids (void)
{
  return bm_advisor_rules_get_default ()->technique_ids;
}
