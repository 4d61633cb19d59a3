/* test-intake.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bm-enum-types.h"
#include "bm-intake.h"
#include "bm-therapist.h"

typedef struct
{
  guint    mark_changed;
  guint    changed;
  char    *last_region;
  int      last_side;
} Counter;

static void
on_mark_changed (BmIntake   *intake,
                 const char *region,
                 int         side,
                 Counter    *counter)
{
  counter->mark_changed++;
  g_free (counter->last_region);
  counter->last_region = g_strdup (region);
  counter->last_side = side;
}

static void
on_changed (BmIntake *intake,
            Counter  *counter)
{
  counter->changed++;
}

static void
mark (BmIntake   *intake,
      const char *region,
      BmSide      side,
      int         severity,
      BmSymptoms  symptoms,
      gboolean    merge)
{
  g_autoptr(BmMark) m = bm_mark_new (region, side, severity, symptoms, NULL);

  bm_intake_set_mark (intake, m, merge);
}

static void
test_defaults (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_assert_cmpstr (bm_intake_get_visit_date (intake), ==, today);
  g_assert_cmpint (bm_intake_get_phase (intake), ==, BM_PHASE_MAINTENANCE);
  g_assert_cmpint (bm_intake_get_pressure (intake), ==, BM_PRESSURE_MEDIUM);
  g_assert_cmpuint (bm_intake_get_marks (intake)->len, ==, 0);
  g_assert_false (bm_intake_get_modified (intake));
  g_assert_false (bm_intake_can_undo (intake));
  g_assert_false (bm_intake_can_redo (intake));
  g_assert_null (bm_intake_get_next_race (intake));
  g_assert_cmpstr (bm_intake_get_client_name (intake), ==, "");
}

static void
test_marks (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  Counter counter = { 0 };
  const BmMark *m;

  g_signal_connect (intake, "mark-changed", G_CALLBACK (on_mark_changed), &counter);
  g_signal_connect (intake, "changed", G_CALLBACK (on_changed), &counter);

  mark (intake, "calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT | BM_SYMPTOM_KNOT, FALSE);
  g_assert_cmpuint (counter.mark_changed, ==, 1);
  g_assert_cmpstr (counter.last_region, ==, "calf");
  g_assert_cmpint (counter.last_side, ==, BM_SIDE_LEFT);
  g_assert_true (bm_intake_get_modified (intake));

  m = bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT);
  g_assert_nonnull (m);
  g_assert_cmpint (m->severity, ==, 6);
  g_assert_cmpuint (m->symptoms, ==, BM_SYMPTOM_TIGHT | BM_SYMPTOM_KNOT);
  g_assert_null (bm_intake_get_mark (intake, "calf", BM_SIDE_RIGHT));

  /* Replacing keeps one mark per region and side */
  mark (intake, "calf", BM_SIDE_LEFT, 8, 0, FALSE);
  g_assert_cmpuint (bm_intake_get_marks (intake)->len, ==, 1);
  g_assert_cmpint (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT)->severity, ==, 8);

  /* The same mark again changes nothing */
  mark (intake, "calf", BM_SIDE_LEFT, 8, 0, FALSE);
  g_assert_cmpuint (counter.mark_changed, ==, 2);

  mark (intake, "calf", BM_SIDE_RIGHT, 3, 0, FALSE);
  mark (intake, "neck", BM_SIDE_CENTER, 2, 0, FALSE);
  g_assert_cmpuint (bm_intake_get_marks (intake)->len, ==, 3);

  bm_intake_remove_mark (intake, "calf", BM_SIDE_LEFT);
  g_assert_null (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT));
  g_assert_nonnull (bm_intake_get_mark (intake, "calf", BM_SIDE_RIGHT));
  g_assert_cmpuint (counter.mark_changed, ==, 5);

  /* Removing what is not there is a no-op */
  bm_intake_remove_mark (intake, "calf", BM_SIDE_LEFT);
  g_assert_cmpuint (counter.mark_changed, ==, 5);

  /* Severity is kept in range */
  mark (intake, "knee", BM_SIDE_LEFT, 15, 0, FALSE);
  g_assert_cmpint (bm_intake_get_mark (intake, "knee", BM_SIDE_LEFT)->severity, ==, 10);

  g_assert_cmpuint (counter.changed, ==, counter.mark_changed);
  g_free (counter.last_region);
}

static void
test_undo_redo (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();

  mark (intake, "calf", BM_SIDE_LEFT, 6, 0, FALSE);
  mark (intake, "calf", BM_SIDE_LEFT, 7, 0, FALSE);
  bm_intake_remove_mark (intake, "calf", BM_SIDE_LEFT);
  g_assert_true (bm_intake_can_undo (intake));
  g_assert_false (bm_intake_can_redo (intake));

  bm_intake_undo (intake);
  g_assert_cmpint (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT)->severity, ==, 7);
  g_assert_true (bm_intake_can_redo (intake));
  bm_intake_undo (intake);
  g_assert_cmpint (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT)->severity, ==, 6);
  bm_intake_undo (intake);
  g_assert_null (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT));
  g_assert_false (bm_intake_can_undo (intake));

  /* Undo with nothing to undo is harmless */
  bm_intake_undo (intake);

  bm_intake_redo (intake);
  g_assert_cmpint (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT)->severity, ==, 6);
  bm_intake_redo (intake);
  bm_intake_redo (intake);
  g_assert_null (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT));
  g_assert_false (bm_intake_can_redo (intake));

  /* A new change drops what could be redone */
  bm_intake_undo (intake);
  mark (intake, "shin", BM_SIDE_RIGHT, 4, 0, FALSE);
  g_assert_false (bm_intake_can_redo (intake));
  g_assert_nonnull (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT));

  bm_intake_clear_history (intake);
  g_assert_false (bm_intake_can_undo (intake));
  g_assert_nonnull (bm_intake_get_mark (intake, "shin", BM_SIDE_RIGHT));
}

/* A slider being dragged is one step to undo, not twenty */
static void
test_undo_merge (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();

  mark (intake, "calf", BM_SIDE_LEFT, 5, 0, FALSE);
  for (int s = 6; s <= 9; s++)
    mark (intake, "calf", BM_SIDE_LEFT, s, 0, TRUE);
  g_assert_cmpint (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT)->severity, ==, 9);

  /* A merge with another region starts a new step */
  mark (intake, "calf", BM_SIDE_RIGHT, 2, 0, TRUE);
  mark (intake, "calf", BM_SIDE_RIGHT, 3, 0, TRUE);

  bm_intake_undo (intake);
  g_assert_null (bm_intake_get_mark (intake, "calf", BM_SIDE_RIGHT));
  bm_intake_undo (intake);
  g_assert_cmpint (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT)->severity, ==, 5);
  bm_intake_redo (intake);
  g_assert_cmpint (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT)->severity, ==, 9);

  /* After an undo, a merging change does not fold into the undone step */
  bm_intake_undo (intake);
  mark (intake, "calf", BM_SIDE_LEFT, 1, 0, TRUE);
  bm_intake_undo (intake);
  g_assert_cmpint (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT)->severity, ==, 5);
}

static void
test_fields (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  Counter counter = { 0 };

  g_signal_connect (intake, "changed", G_CALLBACK (on_changed), &counter);

  bm_intake_set_client_name (intake, "Jamie Rivers");
  bm_intake_set_client_name (intake, "Jamie Rivers");
  g_assert_cmpuint (counter.changed, ==, 1);
  g_assert_cmpstr (bm_intake_get_client_name (intake), ==, "Jamie Rivers");

  bm_intake_set_next_race (intake, "2026-12-06", "marathon");
  g_assert_cmpstr (bm_intake_get_next_race (intake)->distance, ==, "marathon");
  bm_intake_set_next_race (intake, NULL, NULL);
  g_assert_null (bm_intake_get_next_race (intake));

  bm_intake_set_avoided (intake, "foot", TRUE);
  bm_intake_set_avoided (intake, "neck", TRUE);
  bm_intake_set_avoided (intake, "foot", TRUE);
  g_assert_cmpuint (g_strv_length ((char **) bm_intake_get_avoid (intake)), ==, 2);
  g_assert_true (bm_intake_get_avoided (intake, "foot"));
  bm_intake_set_avoided (intake, "foot", FALSE);
  g_assert_false (bm_intake_get_avoided (intake, "foot"));
  g_assert_cmpstr (bm_intake_get_avoid (intake)[0], ==, "neck");

  bm_intake_set_health (intake, BM_HEALTH_FEVER | BM_HEALTH_BLOOD_THINNERS);
  g_assert_cmpuint (bm_intake_get_health (intake), ==, BM_HEALTH_FEVER | BM_HEALTH_BLOOD_THINNERS);

  /* The "phase" property takes every phase, the last one included */
  g_object_set (intake, "phase", BM_PHASE_TAPER, NULL);
  g_assert_cmpint (bm_intake_get_phase (intake), ==, BM_PHASE_TAPER);

  bm_intake_set_modified (intake, FALSE);
  g_assert_false (bm_intake_get_modified (intake));
  bm_intake_set_weekly_km (intake, 55);
  g_assert_true (bm_intake_get_modified (intake));
}

static void
test_types (void)
{
  BmSide side;
  BmSymptoms symptom;
  BmHealthFlags flag;
  BmPhase phase;

  g_assert_true (bm_side_from_id ("left", &side));
  g_assert_cmpint (side, ==, BM_SIDE_LEFT);
  g_assert_false (bm_side_from_id ("Left", &side));
  g_assert_false (bm_side_from_id (NULL, &side));
  g_assert_true (bm_symptom_from_id ("tingling", &symptom));
  g_assert_cmpint (symptom, ==, BM_SYMPTOM_TINGLING);
  g_assert_cmpstr (bm_symptom_to_id (BM_SYMPTOM_SWOLLEN), ==, "swollen");
  g_assert_true (bm_health_from_id ("clots-or-varicose-veins", &flag));
  g_assert_cmpint (flag, ==, BM_HEALTH_CLOTS_OR_VARICOSE_VEINS);

  /* Phases keep their values; taper came last */
  g_assert_cmpint (BM_PHASE_MAINTENANCE, ==, 0);
  g_assert_cmpint (BM_PHASE_PEAK, ==, 1);
  g_assert_cmpint (BM_PHASE_REHAB, ==, 2);
  g_assert_cmpint (BM_PHASE_TAPER, ==, 3);
  g_assert_true (bm_phase_from_id ("taper", &phase));
  g_assert_cmpint (phase, ==, BM_PHASE_TAPER);
  g_assert_cmpstr (bm_phase_to_id (BM_PHASE_TAPER), ==, "taper");
  g_assert_cmpstr (bm_phase_to_id (BM_PHASE_REHAB), ==, "rehab");
  g_assert_false (bm_phase_from_id ("tapering", &phase));

  g_assert_cmpint (bm_severity_get_band (0), ==, BM_SEVERITY_NONE);
  g_assert_cmpint (bm_severity_get_band (1), ==, BM_SEVERITY_MILD);
  g_assert_cmpint (bm_severity_get_band (3), ==, BM_SEVERITY_MILD);
  g_assert_cmpint (bm_severity_get_band (4), ==, BM_SEVERITY_MODERATE);
  g_assert_cmpint (bm_severity_get_band (6), ==, BM_SEVERITY_MODERATE);
  g_assert_cmpint (bm_severity_get_band (7), ==, BM_SEVERITY_SEVERE);
  g_assert_cmpint (bm_severity_get_band (10), ==, BM_SEVERITY_SEVERE);
  g_assert_cmpstr (bm_severity_band_label (BM_SEVERITY_MODERATE), ==, "Moderate");
}


/* The enums are GEnum and GFlags types whose nicks are the file ids */
static void
test_enum_types (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  GParamSpec *phase = g_object_class_find_property (G_OBJECT_GET_CLASS (intake), "phase");
  GParamSpec *pressure = g_object_class_find_property (G_OBJECT_GET_CLASS (intake), "pressure");
  GParamSpec *health = g_object_class_find_property (G_OBJECT_GET_CLASS (intake), "health");
  BmHealthFlags flags = 0;
  BmPhase p;

  g_assert_true (G_IS_PARAM_SPEC_ENUM (phase) && phase->value_type == BM_TYPE_PHASE);
  g_assert_true (G_IS_PARAM_SPEC_ENUM (pressure) && pressure->value_type == BM_TYPE_PRESSURE);
  g_assert_true (G_IS_PARAM_SPEC_FLAGS (health) && health->value_type == BM_TYPE_HEALTH_FLAGS);

  g_assert_cmpstr (bm_side_to_id (BM_SIDE_LEFT), ==, "left");
  g_assert_cmpstr (bm_side_to_id (BM_SIDE_CENTER), ==, "center");
  g_assert_cmpstr (bm_phase_to_id (BM_PHASE_TAPER), ==, "taper");
  g_assert_cmpstr (bm_pressure_to_id (BM_PRESSURE_DEEP), ==, "deep");
  g_assert_cmpstr (bm_symptom_to_id (BM_SYMPTOM_TINGLING), ==, "tingling");
  g_assert_cmpstr (bm_health_to_id (BM_HEALTH_CLOTS_OR_VARICOSE_VEINS), ==, "clots-or-varicose-veins");
  /* Neither none nor a combination is an id */
  g_assert_null (bm_symptom_to_id (BM_SYMPTOM_NONE));
  g_assert_null (bm_symptom_to_id (BM_SYMPTOM_TIGHT | BM_SYMPTOM_SORE));
  g_assert_null (bm_health_to_id (BM_HEALTH_NONE));
  g_assert_false (bm_health_from_id ("none", &flags));
  g_assert_false (bm_symptom_from_id ("none", NULL));
  g_assert_false (bm_phase_from_id ("Peak", &p));
  g_assert_false (bm_phase_from_id (NULL, &p));
  g_assert_true (bm_health_from_id ("recent-injury", &flags));
  g_assert_cmpint (flags, ==, BM_HEALTH_RECENT_INJURY);

  g_object_set (intake, "health", BM_HEALTH_FEVER | BM_HEALTH_PREGNANCY, "pressure", BM_PRESSURE_FIRM, NULL);
  g_assert_cmpint (bm_intake_get_health (intake), ==, BM_HEALTH_FEVER | BM_HEALTH_PREGNANCY);
  g_assert_cmpint (bm_intake_get_pressure (intake), ==, BM_PRESSURE_FIRM);
}


/* One history for every change: marks, fields, the therapist's part */
static void
test_history_every_change (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmMark) calf = bm_mark_new ("calf", BM_SIDE_LEFT, 5, BM_SYMPTOM_TIGHT, NULL);

  bm_intake_set_client_name (intake, "Sam");
  bm_intake_clear_history (intake);
  bm_intake_set_modified (intake, FALSE);

  /* Typing is one step */
  bm_intake_set_client_name (intake, "Sam R");
  bm_intake_set_client_name (intake, "Sam Ri");
  bm_intake_set_mark (intake, calf, FALSE);
  bm_intake_set_phase (intake, BM_PHASE_PEAK);
  bm_intake_set_health (intake, BM_HEALTH_FEVER);
  bm_intake_set_avoided (intake, "neck", TRUE);
  bm_intake_set_next_race (intake, "2026-12-06", "marathon");
  bm_therapist_set_session_minutes (intake, 75);
  g_assert_true (bm_intake_get_modified (intake));

  bm_intake_undo (intake);
  g_assert_cmpint (bm_therapist_get_session_minutes (intake), ==, 0);
  bm_intake_undo (intake);
  g_assert_null (bm_intake_get_next_race (intake));
  bm_intake_undo (intake);
  g_assert_false (bm_intake_get_avoided (intake, "neck"));
  bm_intake_undo (intake);
  g_assert_cmpint (bm_intake_get_health (intake), ==, BM_HEALTH_NONE);
  bm_intake_undo (intake);
  g_assert_cmpint (bm_intake_get_phase (intake), ==, BM_PHASE_MAINTENANCE);
  bm_intake_undo (intake);
  g_assert_null (bm_intake_get_mark (intake, "calf", BM_SIDE_LEFT));
  g_assert_true (bm_intake_get_modified (intake));
  bm_intake_undo (intake);
  g_assert_cmpstr (bm_intake_get_client_name (intake), ==, "Sam");
  /* Back where it was saved: not modified */
  g_assert_false (bm_intake_get_modified (intake));
  g_assert_false (bm_intake_can_undo (intake));

  bm_intake_redo (intake);
  g_assert_cmpstr (bm_intake_get_client_name (intake), ==, "Sam Ri");
  g_assert_true (bm_intake_get_modified (intake));
  while (bm_intake_can_redo (intake))
    bm_intake_redo (intake);
  g_assert_cmpint (bm_therapist_get_session_minutes (intake), ==, 75);
  g_assert_cmpstr (bm_intake_get_next_race (intake)->distance, ==, "marathon");
  g_assert_true (bm_intake_get_avoided (intake, "neck"));
}

/* The therapist's Reset is one step, and undoing it brings all back */
static void
test_history_reset (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();

  bm_therapist_set_session_minutes (intake, 90);
  bm_therapist_remove_item (intake, "calf", BM_SIDE_LEFT);
  bm_therapist_set_item_minutes (intake, "glutes", BM_SIDE_RIGHT, 20);
  bm_therapist_reset (intake);
  g_assert_false (bm_therapist_has_changes (intake));
  bm_intake_undo (intake);
  g_assert_true (bm_therapist_has_changes (intake));
  g_assert_cmpint (bm_therapist_get_session_minutes (intake), ==, 90);
}

/* Saved, then changed and undone: unmodified; a change after the save
 * never joins the step before it */
static void
test_history_saved_state (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();

  bm_intake_set_goals (intake, "Finish");
  bm_intake_set_modified (intake, FALSE);           /* saved */
  bm_intake_set_goals (intake, "Finish strong");    /* typing on */
  g_assert_true (bm_intake_get_modified (intake));
  bm_intake_undo (intake);
  g_assert_cmpstr (bm_intake_get_goals (intake), ==, "Finish");
  g_assert_false (bm_intake_get_modified (intake));
  bm_intake_undo (intake);
  g_assert_cmpstr (bm_intake_get_goals (intake), ==, "");
  g_assert_true (bm_intake_get_modified (intake));

  /* A new change where the saved state was redoable: it can no longer be
   * reached, so the document stays modified */
  bm_intake_set_goals (intake, "Other");
  bm_intake_undo (intake);
  g_assert_true (bm_intake_get_modified (intake));
}


typedef struct
{
  guint      n;
  BmStepKind kind;
  gboolean   removed_mark;
  BmTherapistChange change;
  char      *region;
} Recorded;

static void
on_step_recorded (BmIntake   *intake,
                  int         kind,
                  gpointer    before,
                  gpointer    after,
                  Recorded   *r)
{
  r->n++;
  r->kind = kind;
  r->removed_mark = kind == BM_STEP_MARK && before != NULL && after == NULL;
  if (kind == BM_STEP_THERAPIST)
    {
      BmSide side;

      g_clear_pointer (&r->region, g_free);
      r->change = bm_therapist_describe_change (before, after, &r->region, &side);
    }
}

/* What a new step did, for a toast with Undo: not for undo, redo or
 * typing that joins the previous step */
static void
test_history_step_recorded (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(BmMark) calf = bm_mark_new ("calf", BM_SIDE_LEFT, 5, BM_SYMPTOM_TIGHT, NULL);
  Recorded r = { 0 };

  g_signal_connect (intake, "step-recorded", G_CALLBACK (on_step_recorded), &r);
  bm_intake_set_mark (intake, calf, FALSE);
  g_assert_cmpuint (r.n, ==, 1);
  g_assert_false (r.removed_mark);
  bm_intake_remove_mark (intake, "calf", BM_SIDE_LEFT);
  g_assert_cmpuint (r.n, ==, 2);
  g_assert_true (r.removed_mark);
  bm_intake_undo (intake);
  bm_intake_redo (intake);
  g_assert_cmpuint (r.n, ==, 2);

  bm_intake_set_goals (intake, "F");
  bm_intake_set_goals (intake, "Fi");
  g_assert_cmpuint (r.n, ==, 3);
  g_assert_cmpint (r.kind, ==, BM_STEP_FIELD);

  bm_therapist_remove_item (intake, "hamstrings", BM_SIDE_RIGHT);
  g_assert_cmpint (r.change, ==, BM_THERAPIST_CHANGE_LEFT_OUT);
  g_assert_cmpstr (r.region, ==, "hamstrings");
  bm_therapist_set_session_minutes (intake, 60);
  g_assert_cmpint (r.change, ==, BM_THERAPIST_CHANGE_OTHER);
  bm_therapist_reset (intake);
  g_assert_cmpint (r.change, ==, BM_THERAPIST_CHANGE_RESET);
  g_free (r.region);
}

/* Last time's marks: shown until marked again or cleared, never saved,
 * never modified the document nor took an undo step */
static void
test_last_time (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func ((GDestroyNotify) bm_mark_free);
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) after_mark = NULL;
  g_autoptr(GPtrArray) after_clear = NULL;
  g_autoptr(BmMark) calf_today = bm_mark_new ("calf", BM_SIDE_LEFT, 3, BM_SYMPTOM_SORE, NULL);

  g_ptr_array_add (before, bm_mark_new ("calf", BM_SIDE_LEFT, 6, BM_SYMPTOM_TIGHT, NULL));
  g_ptr_array_add (before, bm_mark_new ("neck", BM_SIDE_CENTER, 2, 0, NULL));
  g_assert_false (bm_intake_has_last_time (intake));
  bm_intake_set_last_time (intake, before, "2026-11-23");
  g_assert_false (bm_intake_get_modified (intake));
  g_assert_false (bm_intake_can_undo (intake));
  g_assert_cmpstr (bm_intake_get_last_time_date (intake), ==, "2026-11-23");
  shown = bm_intake_dup_last_time (intake);
  g_assert_cmpuint (shown->len, ==, 2);
  g_assert_true (bm_intake_has_last_time (intake));
  g_assert_cmpuint (bm_intake_get_marks (intake)->len, ==, 0);

  /* Marked today: no longer last time's */
  bm_intake_set_mark (intake, calf_today, FALSE);
  after_mark = bm_intake_dup_last_time (intake);
  g_assert_cmpuint (after_mark->len, ==, 1);
  g_assert_true (bm_intake_has_last_time (intake));
  g_assert_cmpstr (((BmMark *) g_ptr_array_index (after_mark, 0))->region, ==, "neck");

  bm_intake_clear_last_time (intake, "neck", BM_SIDE_CENTER);
  after_clear = bm_intake_dup_last_time (intake);
  g_assert_cmpuint (after_clear->len, ==, 0);
  g_assert_false (bm_intake_has_last_time (intake));
}

/* The library link may be set from the intake's own strings */
static void
test_library_link (void)
{
  g_autoptr(BmIntake) intake = bm_intake_new ();

  bm_intake_set_library_link (intake, "sam-lee", "2026-11-23-0123456789");
  bm_intake_set_library_link (intake, bm_intake_get_client_id (intake), bm_intake_get_visit_id (intake));
  g_assert_cmpstr (bm_intake_get_client_id (intake), ==, "sam-lee");
  g_assert_cmpstr (bm_intake_get_visit_id (intake), ==, "2026-11-23-0123456789");
  g_assert_false (bm_intake_get_modified (intake));
  bm_intake_set_library_link (intake, NULL, NULL);
  g_assert_null (bm_intake_get_client_id (intake));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/intake/defaults", test_defaults);
  g_test_add_func ("/intake/enum-types", test_enum_types);
  g_test_add_func ("/intake/marks", test_marks);
  g_test_add_func ("/intake/undo-redo", test_undo_redo);
  g_test_add_func ("/intake/history/every-change", test_history_every_change);
  g_test_add_func ("/intake/history/reset", test_history_reset);
  g_test_add_func ("/intake/history/saved-state", test_history_saved_state);
  g_test_add_func ("/intake/history/step-recorded", test_history_step_recorded);
  g_test_add_func ("/intake/undo-merge", test_undo_merge);
  g_test_add_func ("/intake/fields", test_fields);
  g_test_add_func ("/intake/types", test_types);
  g_test_add_func ("/intake/last-time", test_last_time);
  g_test_add_func ("/intake/library-link", test_library_link);

  return g_test_run ();
}
