/* bm-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bm-types.h"

typedef struct
{
  guint       value;
  const char *id;
  const char *label;
} BmEnumEntry;

static const BmEnumEntry sides[] = {
  { BM_SIDE_CENTER, "center", NULL },
  { BM_SIDE_LEFT, "left", NULL },
  { BM_SIDE_RIGHT, "right", NULL },
};

static const BmEnumEntry symptoms[] = {
  { BM_SYMPTOM_TIGHT, "tight", N_("Tight") },
  { BM_SYMPTOM_SORE, "sore", N_("Sore") },
  { BM_SYMPTOM_KNOT, "knot", N_("Knot") },
  { BM_SYMPTOM_SHARP, "sharp", N_("Sharp") },
  { BM_SYMPTOM_TINGLING, "tingling", N_("Tingling") },
  { BM_SYMPTOM_SWOLLEN, "swollen", N_("Swollen") },
};

static const BmEnumEntry phases[] = {
  { BM_PHASE_MAINTENANCE, "maintenance", NULL },
  { BM_PHASE_PEAK, "peak", NULL },
  { BM_PHASE_REHAB, "rehab", NULL },
  { BM_PHASE_TAPER, "taper", NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (phases) == BM_N_PHASES);

static const BmEnumEntry pressures[] = {
  { BM_PRESSURE_LIGHT, "light", NULL },
  { BM_PRESSURE_MEDIUM, "medium", NULL },
  { BM_PRESSURE_FIRM, "firm", NULL },
  { BM_PRESSURE_DEEP, "deep", NULL },
};

static const BmEnumEntry health[] = {
  { BM_HEALTH_FEVER, "fever", NULL },
  { BM_HEALTH_RECENT_INJURY, "recent-injury", NULL },
  { BM_HEALTH_RECENT_SURGERY, "recent-surgery", NULL },
  { BM_HEALTH_BLOOD_THINNERS, "blood-thinners", NULL },
  { BM_HEALTH_PREGNANCY, "pregnancy", NULL },
  { BM_HEALTH_OSTEOPOROSIS, "osteoporosis", NULL },
  { BM_HEALTH_CLOTS_OR_VARICOSE_VEINS, "clots-or-varicose-veins", NULL },
  { BM_HEALTH_SKIN_CONDITION, "skin-condition", NULL },
};

static const BmEnumEntry *
find_value (const BmEnumEntry *table,
            gsize              n,
            guint              value)
{
  for (gsize i = 0; i < n; i++)
    if (table[i].value == value)
      return &table[i];
  return NULL;
}

static gboolean
find_id (const BmEnumEntry *table,
         gsize              n,
         const char        *id,
         guint             *value)
{
  if (id == NULL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (table[i].id, id))
      {
        *value = table[i].value;
        return TRUE;
      }
  return FALSE;
}

#define TO_ID(table, v) \
  G_STMT_START { \
    const BmEnumEntry *e = find_value (table, G_N_ELEMENTS (table), v); \
    return e ? e->id : NULL; \
  } G_STMT_END

#define FROM_ID(table, id, type, out) \
  G_STMT_START { \
    guint v; \
    if (!find_id (table, G_N_ELEMENTS (table), id, &v)) \
      return FALSE; \
    if (out) \
      *out = (type) v; \
    return TRUE; \
  } G_STMT_END

const char *
bm_side_to_id (BmSide side)
{
  TO_ID (sides, side);
}

gboolean
bm_side_from_id (const char *id,
                 BmSide     *side)
{
  FROM_ID (sides, id, BmSide, side);
}

const char *
bm_symptom_to_id (BmSymptoms symptom)
{
  TO_ID (symptoms, symptom);
}

gboolean
bm_symptom_from_id (const char *id,
                    BmSymptoms *symptom)
{
  FROM_ID (symptoms, id, BmSymptoms, symptom);
}

const char *
bm_symptom_get_label (BmSymptoms symptom)
{
  const BmEnumEntry *e = find_value (symptoms, G_N_ELEMENTS (symptoms), symptom);

  return e ? _(e->label) : NULL;
}

BmSymptoms
bm_symptom_nth (guint n)
{
  g_return_val_if_fail (n < BM_N_SYMPTOMS, BM_SYMPTOM_NONE);

  return symptoms[n].value;
}

const char *
bm_phase_to_id (BmPhase phase)
{
  TO_ID (phases, phase);
}

gboolean
bm_phase_from_id (const char *id,
                  BmPhase    *phase)
{
  FROM_ID (phases, id, BmPhase, phase);
}

const char *
bm_pressure_to_id (BmPressure pressure)
{
  TO_ID (pressures, pressure);
}

gboolean
bm_pressure_from_id (const char *id,
                     BmPressure *pressure)
{
  FROM_ID (pressures, id, BmPressure, pressure);
}

const char *
bm_health_to_id (BmHealthFlags flag)
{
  TO_ID (health, flag);
}

gboolean
bm_health_from_id (const char    *id,
                   BmHealthFlags *flag)
{
  FROM_ID (health, id, BmHealthFlags, flag);
}

BmHealthFlags
bm_health_nth (guint n)
{
  g_return_val_if_fail (n < BM_N_HEALTH_FLAGS, BM_HEALTH_NONE);

  return health[n].value;
}

BmBirthYearCheck
bm_birth_year_check (gint64 year,
                     int    visit_year)
{
  if (year < BM_BIRTH_YEAR_MIN)
    return BM_BIRTH_YEAR_TOO_EARLY;
  if (year > visit_year)
    return BM_BIRTH_YEAR_AFTER_VISIT;
  if (visit_year - year < BM_CLIENT_MIN_AGE)
    return BM_BIRTH_YEAR_TOO_YOUNG;
  return BM_BIRTH_YEAR_OK;
}

BmSeverityBand
bm_severity_get_band (int severity)
{
  if (severity <= 0)
    return BM_SEVERITY_NONE;
  if (severity <= 3)
    return BM_SEVERITY_MILD;
  if (severity <= 6)
    return BM_SEVERITY_MODERATE;
  return BM_SEVERITY_SEVERE;
}

const char *
bm_severity_band_label (BmSeverityBand band)
{
  switch (band)
    {
    case BM_SEVERITY_NONE:
      return C_("severity", "None");
    case BM_SEVERITY_MILD:
      return C_("severity", "Mild");
    case BM_SEVERITY_MODERATE:
      return C_("severity", "Moderate");
    case BM_SEVERITY_SEVERE:
      return C_("severity", "Severe");
    default:
      g_assert_not_reached ();
    }
}
