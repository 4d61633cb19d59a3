/* bm-intake.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "bm-mark.h"

G_BEGIN_DECLS

#define BM_TYPE_INTAKE (bm_intake_get_type ())

G_DECLARE_FINAL_TYPE (BmIntake, bm_intake, BM, INTAKE, GObject)

/* A race: ISO date ("2026-12-06") and free-text distance. */
typedef struct
{
  char *date;
  char *distance;
} BmRace;

/* What a new undo step changed (BmIntake::step-recorded) */
typedef enum
{
  BM_STEP_MARK,       /* a mark: set, changed or removed */
  BM_STEP_FIELD,      /* a field of the client's details or running */
  BM_STEP_THERAPIST,  /* the therapist's part */
} BmStepKind;

BmIntake      *bm_intake_new                (void);

/* Where the intake is filed in a clinic library (bm-library.h): the
 * client's id and the visit's id, NULL for a file of its own. A link,
 * not an edit: no undo step, and the intake is not marked modified. A
 * linked intake is saved as a version 2 file (docs/file-format.md). */
const char    *bm_intake_get_client_id      (BmIntake      *self);
const char    *bm_intake_get_visit_id       (BmIntake      *self);
void           bm_intake_set_library_link   (BmIntake      *self,
                                             const char    *client_id,
                                             const char    *visit_id);

/* A check-in the client filled in at the clinic, waiting in the
 * library to be filed (docs/file-format.md, "Check-ins"): "complete" or
 * "incomplete" (left unfinished), and when it was handed in (ISO 8601).
 * A label, not an edit: no undo step. NULL status: not a check-in. */
const char    *bm_intake_get_check_in_status    (BmIntake   *self);
const char    *bm_intake_get_check_in_submitted (BmIntake   *self);
void           bm_intake_set_check_in           (BmIntake   *self,
                                                 const char *status,
                                                 const char *submitted);

/* Client */
const char    *bm_intake_get_client_name    (BmIntake      *self);
void           bm_intake_set_client_name    (BmIntake      *self,
                                             const char    *name);
int            bm_intake_get_birth_year     (BmIntake      *self); /* 0: unknown */
void           bm_intake_set_birth_year     (BmIntake      *self,
                                             int            year);
const char    *bm_intake_get_email          (BmIntake      *self);
void           bm_intake_set_email          (BmIntake      *self,
                                             const char    *email);
const char    *bm_intake_get_phone          (BmIntake      *self);
void           bm_intake_set_phone          (BmIntake      *self,
                                             const char    *phone);

/* "YYYY-MM-DD"; a new intake has today's date */
const char    *bm_intake_get_visit_date     (BmIntake      *self);
void           bm_intake_set_visit_date     (BmIntake      *self,
                                             const char    *date);

/* Running context */
BmPhase        bm_intake_get_phase          (BmIntake      *self);
void           bm_intake_set_phase          (BmIntake      *self,
                                             BmPhase        phase);
double         bm_intake_get_weekly_km      (BmIntake      *self); /* < 0: unknown */
void           bm_intake_set_weekly_km      (BmIntake      *self,
                                             double         km);
const BmRace  *bm_intake_get_next_race      (BmIntake      *self); /* NULL: none */
void           bm_intake_set_next_race      (BmIntake      *self,
                                             const char    *date,
                                             const char    *distance);
const BmRace  *bm_intake_get_last_race      (BmIntake      *self);
void           bm_intake_set_last_race      (BmIntake      *self,
                                             const char    *date,
                                             const char    *distance);

/* The body outline the client picked as closest to their own: an id of
 * bm_atlas_get_body_id(), NULL for the default (an intake file checks
 * it against the atlas when read) */
const char    *bm_intake_get_body           (BmIntake      *self);
void           bm_intake_set_body           (BmIntake      *self,
                                             const char    *body);

BmPressure     bm_intake_get_pressure       (BmIntake      *self);
void           bm_intake_set_pressure       (BmIntake      *self,
                                             BmPressure     pressure);
BmHealthFlags  bm_intake_get_health         (BmIntake      *self);
void           bm_intake_set_health         (BmIntake      *self,
                                             BmHealthFlags  flags);

/* Region ids not to be touched, in the order they were added */
const char   * const *bm_intake_get_avoid   (BmIntake      *self);
gboolean       bm_intake_get_avoided        (BmIntake      *self,
                                             const char    *region);
void           bm_intake_set_avoided        (BmIntake      *self,
                                             const char    *region,
                                             gboolean       avoided);
const char    *bm_intake_get_goals          (BmIntake      *self);
void           bm_intake_set_goals          (BmIntake      *self,
                                             const char    *goals);
/* Allergies or sensitivities (oils, lotions), in the client's words */
const char    *bm_intake_get_allergies      (BmIntake      *self);
void           bm_intake_set_allergies      (BmIntake      *self,
                                             const char    *allergies);
/* The client agreed to treatment (check-in asks; the therapist may too) */
gboolean       bm_intake_get_consent        (BmIntake      *self);
void           bm_intake_set_consent        (BmIntake      *self,
                                             gboolean       consent);

/* The plan as given at this visit, kept in a visit of the library so that
 * later rules never rewrite history (docs/file-format.md, "given"): a
 * link, not an edit (no undo step, not marked modified). NULL: none. */
JsonObject    *bm_intake_get_given          (BmIntake      *self);
void           bm_intake_set_given          (BmIntake      *self,
                                             JsonObject    *given);

/* Last time: the marks of the client's previous visit, shown faintly on
 * a new visit, each until it is marked again today or cleared; never
 * taken as today's pain. Not saved and not undone: they come from the
 * last visit's file. The array holds BmMark*; @date is that visit's. */
void           bm_intake_set_last_time      (BmIntake      *self,
                                             GPtrArray     *marks,
                                             const char    *date);
/* The ones still to confirm or clear: not marked today, not cleared */
GPtrArray     *bm_intake_dup_last_time      (BmIntake      *self);
/* Whether any is still to confirm or clear; allocates nothing (for the
 * map's drawing) */
gboolean       bm_intake_has_last_time      (BmIntake      *self);
const char    *bm_intake_get_last_time_date (BmIntake      *self);
void           bm_intake_clear_last_time    (BmIntake      *self,
                                             const char    *region,
                                             BmSide         side);

/* Marks. The array holds BmMark*, in the order they were added. */
GPtrArray     *bm_intake_get_marks          (BmIntake      *self);
const BmMark  *bm_intake_get_mark           (BmIntake      *self,
                                             const char    *region,
                                             BmSide         side);
/* Adds or replaces the mark for mark->region and mark->side.
 * With @merge, a change to the same mark as the previous change joins
 * that undo step (a slider being dragged, a note being typed). */
void           bm_intake_set_mark           (BmIntake      *self,
                                             const BmMark  *mark,
                                             gboolean       merge);
void           bm_intake_remove_mark        (BmIntake      *self,
                                             const char    *region,
                                             BmSide         side);

/* The therapist's part (docs/plan-format.md), may be NULL. The object is
 * replaced whole, never changed in place. With @merge, a change within a
 * moment of the previous one joins its undo step (notes being typed). */
JsonObject    *bm_intake_get_therapist      (BmIntake      *self);
void           bm_intake_set_therapist      (BmIntake      *self,
                                             JsonObject    *therapist);
void           bm_intake_set_therapist_merged (BmIntake    *self,
                                               JsonObject  *therapist,
                                               gboolean     merge);

/* The parsed file this intake was loaded from, kept so unknown keys
 * survive a save. NULL for a new intake. */
JsonNode      *bm_intake_get_source         (BmIntake      *self);
void           bm_intake_set_source         (BmIntake      *self,
                                             JsonNode      *source);

/* Undo and redo: one history of every change of the document (marks,
 * every field, the therapist's part). Typing in one text field is one
 * step. Undoing back to where the document was saved makes it
 * unmodified again. */
gboolean       bm_intake_can_undo           (BmIntake      *self);
gboolean       bm_intake_can_redo           (BmIntake      *self);
void           bm_intake_undo               (BmIntake      *self);
void           bm_intake_redo               (BmIntake      *self);
void           bm_intake_clear_history      (BmIntake      *self);

/* Changes since the last save */
gboolean       bm_intake_get_modified       (BmIntake      *self);
void           bm_intake_set_modified       (BmIntake      *self,
                                             gboolean       modified);

G_END_DECLS
