/* bm-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bm-enum-types.h"
#include "bm-types.h"

/* The ids in files are the nicks of the GEnum and GFlags types that
 * glib-mkenums makes from bm-types.h (bm-enum-types.h) */

static const char *
enum_to_id (GType type,
            int   value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  g_type_class_unref (klass);  /* static types: the class stays */
  return v ? v->value_nick : NULL;
}

static gboolean
enum_from_id (GType       type,
              const char *id,
              int        *value)
{
  GEnumClass *klass;
  GEnumValue *v;

  if (id == NULL)
    return FALSE;
  klass = g_type_class_ref (type);
  v = g_enum_get_value_by_nick (klass, id);
  g_type_class_unref (klass);
  if (v == NULL)
    return FALSE;
  *value = v->value;
  return TRUE;
}

/* One flag, not a combination and not none */
static const char *
flag_to_id (GType type,
            guint flag)
{
  GFlagsClass *klass;
  GFlagsValue *v;

  if (flag == 0 || (flag & (flag - 1)) != 0)
    return NULL;
  klass = g_type_class_ref (type);
  v = g_flags_get_first_value (klass, flag);
  g_type_class_unref (klass);
  return v && v->value == flag ? v->value_nick : NULL;
}

static gboolean
flag_from_id (GType       type,
              const char *id,
              guint      *flag)
{
  GFlagsClass *klass;
  GFlagsValue *v;

  if (id == NULL)
    return FALSE;
  klass = g_type_class_ref (type);
  v = g_flags_get_value_by_nick (klass, id);
  g_type_class_unref (klass);
  if (v == NULL || v->value == 0)
    return FALSE;
  *flag = v->value;
  return TRUE;
}

static const char * const symptom_labels[BM_N_SYMPTOMS] = {
  N_("Tight"), N_("Sore"), N_("Knot"), N_("Sharp"), N_("Tingling"), N_("Swollen"),
};

const char *
bm_side_to_id (BmSide side)
{
  return enum_to_id (BM_TYPE_SIDE, (int) side);
}

gboolean
bm_side_from_id (const char *id,
                 BmSide     *side)
{
  int v;

  if (!enum_from_id (BM_TYPE_SIDE, id, &v))
    return FALSE;
  if (side)
    *side = (BmSide) v;
  return TRUE;
}

const char *
bm_symptom_to_id (BmSymptoms symptom)
{
  return flag_to_id (BM_TYPE_SYMPTOMS, symptom);
}

gboolean
bm_symptom_from_id (const char *id,
                    BmSymptoms *symptom)
{
  guint v;

  if (!flag_from_id (BM_TYPE_SYMPTOMS, id, &v))
    return FALSE;
  if (symptom)
    *symptom = (BmSymptoms) v;
  return TRUE;
}

const char *
bm_symptom_get_label (BmSymptoms symptom)
{
  for (guint i = 0; i < BM_N_SYMPTOMS; i++)
    if (symptom == bm_symptom_nth (i))
      return _(symptom_labels[i]);
  return NULL;
}

BmSymptoms
bm_symptom_nth (guint n)
{
  g_return_val_if_fail (n < BM_N_SYMPTOMS, BM_SYMPTOM_NONE);

  return (BmSymptoms) (1u << n);
}

const char *
bm_phase_to_id (BmPhase phase)
{
  return enum_to_id (BM_TYPE_PHASE, (int) phase);
}

gboolean
bm_phase_from_id (const char *id,
                  BmPhase    *phase)
{
  int v;

  if (!enum_from_id (BM_TYPE_PHASE, id, &v))
    return FALSE;
  if (phase)
    *phase = (BmPhase) v;
  return TRUE;
}

const char *
bm_pressure_to_id (BmPressure pressure)
{
  return enum_to_id (BM_TYPE_PRESSURE, (int) pressure);
}

gboolean
bm_pressure_from_id (const char *id,
                     BmPressure *pressure)
{
  int v;

  if (!enum_from_id (BM_TYPE_PRESSURE, id, &v))
    return FALSE;
  if (pressure)
    *pressure = (BmPressure) v;
  return TRUE;
}

const char *
bm_health_to_id (BmHealthFlags flag)
{
  return flag_to_id (BM_TYPE_HEALTH_FLAGS, flag);
}

gboolean
bm_health_from_id (const char    *id,
                   BmHealthFlags *flag)
{
  guint v;

  if (!flag_from_id (BM_TYPE_HEALTH_FLAGS, id, &v))
    return FALSE;
  if (flag)
    *flag = (BmHealthFlags) v;
  return TRUE;
}

BmHealthFlags
bm_health_nth (guint n)
{
  g_return_val_if_fail (n < BM_N_HEALTH_FLAGS, BM_HEALTH_NONE);

  return (BmHealthFlags) (1u << n);
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
