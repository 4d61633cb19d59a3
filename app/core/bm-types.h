/* bm-types.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Sides are always the client's own: BM_SIDE_LEFT is the client's left. */
typedef enum
{
  BM_SIDE_CENTER,
  BM_SIDE_LEFT,
  BM_SIDE_RIGHT,
} BmSide;

typedef enum
{
  BM_SYMPTOM_NONE     = 0,
  BM_SYMPTOM_TIGHT    = 1 << 0,
  BM_SYMPTOM_SORE     = 1 << 1,
  BM_SYMPTOM_KNOT     = 1 << 2,
  BM_SYMPTOM_SHARP    = 1 << 3,
  BM_SYMPTOM_TINGLING = 1 << 4,
  BM_SYMPTOM_SWOLLEN  = 1 << 5,
} BmSymptoms;

#define BM_N_SYMPTOMS 6

/* Training phases. New phases go last: the values are kept as they are. */
typedef enum
{
  BM_PHASE_MAINTENANCE,
  BM_PHASE_PEAK,
  BM_PHASE_REHAB,
  BM_PHASE_TAPER,
} BmPhase;

#define BM_N_PHASES (BM_PHASE_TAPER + 1)

typedef enum
{
  BM_PRESSURE_LIGHT,
  BM_PRESSURE_MEDIUM,
  BM_PRESSURE_FIRM,
  BM_PRESSURE_DEEP,
} BmPressure;

typedef enum
{
  BM_HEALTH_NONE                    = 0,
  BM_HEALTH_FEVER                   = 1 << 0,
  BM_HEALTH_RECENT_INJURY           = 1 << 1,
  BM_HEALTH_RECENT_SURGERY          = 1 << 2,
  BM_HEALTH_BLOOD_THINNERS          = 1 << 3,
  BM_HEALTH_PREGNANCY               = 1 << 4,
  BM_HEALTH_OSTEOPOROSIS            = 1 << 5,
  BM_HEALTH_CLOTS_OR_VARICOSE_VEINS = 1 << 6,
  BM_HEALTH_SKIN_CONDITION          = 1 << 7,
  BM_HEALTH_DIABETES                = 1 << 8,
  BM_HEALTH_HEART_CONDITION         = 1 << 9,
  BM_HEALTH_CANCER_TREATMENT        = 1 << 10,
} BmHealthFlags;

#define BM_N_HEALTH_FLAGS 11

typedef enum
{
  BM_SEVERITY_NONE,      /* 0 */
  BM_SEVERITY_MILD,      /* 1-3 */
  BM_SEVERITY_MODERATE,  /* 4-6 */
  BM_SEVERITY_SEVERE,    /* 7-10 */
} BmSeverityBand;

#define BM_SEVERITY_MAX 10

/* A client's year of birth: from BM_BIRTH_YEAR_MIN, and at least
 * BM_CLIENT_MIN_AGE years before the visit's year */
#define BM_BIRTH_YEAR_MIN 1900
#define BM_CLIENT_MIN_AGE 5

typedef enum
{
  BM_BIRTH_YEAR_OK,
  BM_BIRTH_YEAR_TOO_EARLY,    /* before BM_BIRTH_YEAR_MIN */
  BM_BIRTH_YEAR_AFTER_VISIT,  /* after the visit's year */
  BM_BIRTH_YEAR_TOO_YOUNG,    /* younger than BM_CLIENT_MIN_AGE at the visit */
} BmBirthYearCheck;

/* Ids as written in files ("left", "tight", "peak"...). The lookups return
 * FALSE for unknown ids. */
const char     *bm_side_to_id          (BmSide         side);
gboolean        bm_side_from_id        (const char    *id,
                                        BmSide        *side);
const char     *bm_symptom_to_id       (BmSymptoms     symptom);
gboolean        bm_symptom_from_id     (const char    *id,
                                        BmSymptoms    *symptom);
/* Translated, for people */
const char     *bm_symptom_get_label   (BmSymptoms     symptom);
BmSymptoms      bm_symptom_nth         (guint          n);

const char     *bm_phase_to_id         (BmPhase        phase);
gboolean        bm_phase_from_id       (const char    *id,
                                        BmPhase       *phase);
const char     *bm_pressure_to_id      (BmPressure     pressure);
gboolean        bm_pressure_from_id    (const char    *id,
                                        BmPressure    *pressure);
const char     *bm_health_to_id        (BmHealthFlags  flag);
gboolean        bm_health_from_id      (const char    *id,
                                        BmHealthFlags *flag);
BmHealthFlags   bm_health_nth          (guint          n);

/* Ages count in whole years: the visit's year minus the year of birth */
BmBirthYearCheck bm_birth_year_check   (gint64         year,
                                        int            visit_year);

BmSeverityBand  bm_severity_get_band   (int            severity);
const char     *bm_severity_band_label (BmSeverityBand band);

G_END_DECLS
