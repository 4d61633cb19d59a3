/* bm-intake.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-intake"

#include "config.h"

#include "bm-enum-types.h"
#include "bm-intake.h"

/* The fields of the intake that an undo step can hold */
typedef enum
{
  FIELD_NONE,         /* a mark */
  FIELD_CLIENT_NAME,
  FIELD_BIRTH_YEAR,
  FIELD_EMAIL,
  FIELD_PHONE,
  FIELD_VISIT_DATE,
  FIELD_PHASE,
  FIELD_WEEKLY_KM,
  FIELD_NEXT_RACE,
  FIELD_LAST_RACE,
  FIELD_PRESSURE,
  FIELD_HEALTH,
  FIELD_AVOID,
  FIELD_GOALS,
  FIELD_ALLERGIES,
  FIELD_CONSENT,
  FIELD_BODY,
  FIELD_THERAPIST,
} Field;

/* One undoable change: of one mark (what was there before and after,
 * NULL: unmarked), or of one field (its value before and after). Every
 * change of the document is one, so that one history covers them all. */
typedef struct
{
  Field     field;
  char     *region;
  BmSide    side;
  BmMark   *before;
  BmMark   *after;
  GValue    before_value;
  GValue    after_value;
  guint     serial;
  gint64    time;       /* monotonic, of the last change merged in */
  gboolean  mergeable;
} BmUndoStep;

/* Changes of one field closer together than this are one step: typing */
#define MERGE_USEC (2 * G_USEC_PER_SEC)

struct _BmIntake
{
  GObject        parent_instance;

  char          *client_id;     /* the library link; NULL: none */
  char          *visit_id;
  char          *client_name;
  int            birth_year;
  char          *email;
  char          *phone;
  char          *visit_date;
  BmPhase        phase;
  double         weekly_km;
  BmRace        *next_race;
  BmRace        *last_race;
  BmPressure     pressure;
  BmHealthFlags  health;
  GPtrArray     *avoid;
  char          *goals;
  char          *allergies;
  gboolean       consent;
  char          *body;          /* the body outline's id; NULL: the default */
  char          *check_in_status;   /* a check-in waiting to be filed; NULL otherwise */
  char          *check_in_submitted;
  GPtrArray     *marks;
  GPtrArray     *last_time;     /* BmMark*, the previous visit's; NULL: none */
  JsonObject    *given;         /* the plan as given (visits of a library) */
  char          *last_time_date;
  JsonObject    *therapist;
  JsonNode      *source;

  GQueue         undo;
  GQueue         redo;
  guint          next_serial;
  guint          saved_serial;  /* the undo head when saved; 0: empty */

  guint          modified : 1;
  guint          replaying : 1; /* undo or redo: changes are not recorded */
};

G_DEFINE_FINAL_TYPE (BmIntake, bm_intake, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT_NAME,
  PROP_BIRTH_YEAR,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_VISIT_DATE,
  PROP_PHASE,
  PROP_WEEKLY_KM,
  PROP_PRESSURE,
  PROP_HEALTH,
  PROP_GOALS,
  PROP_ALLERGIES,
  PROP_CONSENT,
  PROP_BODY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  MARK_CHANGED,
  CHANGED,
  STEP_RECORDED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

#define UNDO_LIMIT 500

static void
undo_step_free (gpointer data)
{
  BmUndoStep *step = data;

  g_free (step->region);
  g_clear_pointer (&step->before, bm_mark_free);
  g_clear_pointer (&step->after, bm_mark_free);
  if (G_IS_VALUE (&step->before_value))
    g_value_unset (&step->before_value);
  if (G_IS_VALUE (&step->after_value))
    g_value_unset (&step->after_value);
  g_free (step);
}

static void
race_free (BmRace *race)
{
  if (race == NULL)
    return;
  g_free (race->date);
  g_free (race->distance);
  g_free (race);
}

static void
emit_changed (BmIntake *self)
{
  /* Undo and redo work out whether the document is back as saved */
  if (!self->modified && !self->replaying)
    {
      self->modified = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODIFIED]);
    }
  g_signal_emit (self, signals [CHANGED], 0);
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field ? *field : "", value ? value : "") == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value ? value : "");
  return TRUE;
}

static guint
find_mark (BmIntake   *self,
           const char *region,
           BmSide      side)
{
  for (guint i = 0; i < self->marks->len; i++)
    {
      const BmMark *mark = g_ptr_array_index (self->marks, i);

      if (mark->side == side && g_str_equal (mark->region, region))
        return i;
    }
  return G_MAXUINT;
}

/* Puts @mark (or nothing) in place of the region's mark; no undo. */
static void
apply_mark (BmIntake     *self,
            const char   *region,
            BmSide        side,
            const BmMark *mark)
{
  guint pos = find_mark (self, region, side);

  if (mark == NULL)
    {
      if (pos == G_MAXUINT)
        return;
      g_ptr_array_remove_index (self->marks, pos);
    }
  else if (pos == G_MAXUINT)
    g_ptr_array_add (self->marks, bm_mark_copy (mark));
  else
    {
      bm_mark_free (g_ptr_array_index (self->marks, pos));
      g_ptr_array_index (self->marks, pos) = bm_mark_copy (mark);
    }

  g_signal_emit (self, signals [MARK_CHANGED], 0, region, side);
  emit_changed (self);
}

static void
notify_history (BmIntake *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CAN_REDO]);
}

static guint
head_serial (BmIntake *self)
{
  BmUndoStep *head = g_queue_peek_head (&self->undo);

  return head ? head->serial : 0;
}

/* Modified unless the history is back where it was when saved */
static void
update_modified (BmIntake *self)
{
  gboolean modified = head_serial (self) != self->saved_serial;

  if (self->modified != modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODIFIED]);
    }
}

/* The step @step is merged into, or NULL for a step of its own */
static BmUndoStep *
merge_target (BmIntake   *self,
              Field       field,
              const char *region,
              BmSide      side,
              gboolean    merge)
{
  BmUndoStep *last = g_queue_peek_head (&self->undo);

  if (!merge || last == NULL || !last->mergeable || last->field != field ||
      last->serial == self->saved_serial)
    return NULL;
  if (field == FIELD_NONE)
    return last->side == side && g_str_equal (last->region, region) ? last : NULL;
  return g_get_monotonic_time () - last->time < MERGE_USEC ? last : NULL;
}

static BmUndoStep *
push_step (BmIntake *self,
           Field     field,
           gboolean  merge)
{
  BmUndoStep *step = g_new0 (BmUndoStep, 1);

  step->field = field;
  step->serial = ++self->next_serial;
  step->time = g_get_monotonic_time ();
  step->mergeable = merge;
  g_queue_push_head (&self->undo, step);

  if (g_queue_get_length (&self->undo) > UNDO_LIMIT)
    {
      undo_step_free (g_queue_pop_tail (&self->undo));
      /* The saved state, before the oldest step, can no longer be reached */
      if (self->saved_serial == 0)
        self->saved_serial = G_MAXUINT;
    }
  return step;
}

static void
record_change (BmIntake     *self,
               const char   *region,
               BmSide        side,
               const BmMark *before,
               const BmMark *after,
               gboolean      merge)
{
  BmUndoStep *step;

  g_queue_clear_full (&self->redo, undo_step_free);

  if ((step = merge_target (self, FIELD_NONE, region, side, merge)))
    {
      g_clear_pointer (&step->after, bm_mark_free);
      step->after = after ? bm_mark_copy (after) : NULL;
      step->time = g_get_monotonic_time ();
    }
  else
    {
      step = push_step (self, FIELD_NONE, merge);
      step->region = g_strdup (region);
      step->side = side;
      step->before = before ? bm_mark_copy (before) : NULL;
      step->after = after ? bm_mark_copy (after) : NULL;
      g_signal_emit (self, signals [STEP_RECORDED], 0, BM_STEP_MARK, step->before, step->after);
    }

  notify_history (self);
  update_modified (self);
}

static void get_field (BmIntake *self,
                       Field     field,
                       GValue   *value);

/* Records the change of @field from @before to its value now */
static void
record_field (BmIntake *self,
              Field     field,
              GValue   *before,
              gboolean  merge)
{
  BmUndoStep *step;

  if (self->replaying)
    {
      g_value_unset (before);
      return;
    }

  g_queue_clear_full (&self->redo, undo_step_free);
  if ((step = merge_target (self, field, NULL, BM_SIDE_CENTER, merge)))
    {
      g_value_unset (&step->after_value);
      get_field (self, field, &step->after_value);
      step->time = g_get_monotonic_time ();
      g_value_unset (before);
    }
  else
    {
      step = push_step (self, field, merge);
      step->before_value = *before;  /* taken */
      get_field (self, field, &step->after_value);
      if (field == FIELD_THERAPIST)
        g_signal_emit (self, signals [STEP_RECORDED], 0, BM_STEP_THERAPIST,
                       g_value_get_boxed (&step->before_value), g_value_get_boxed (&step->after_value));
      else
        g_signal_emit (self, signals [STEP_RECORDED], 0, BM_STEP_FIELD, NULL, NULL);
    }
  *before = (GValue) G_VALUE_INIT;

  notify_history (self);
  update_modified (self);
}

static void
get_field (BmIntake *self,
           Field     field,
           GValue   *value)
{
  switch (field)
    {
    case FIELD_CLIENT_NAME:
    case FIELD_EMAIL:
    case FIELD_PHONE:
    case FIELD_VISIT_DATE:
    case FIELD_GOALS:
    case FIELD_ALLERGIES:
      g_value_init (value, G_TYPE_STRING);
      g_value_set_string (value, field == FIELD_CLIENT_NAME ? self->client_name
                                 : field == FIELD_EMAIL ? self->email
                                 : field == FIELD_PHONE ? self->phone
                                 : field == FIELD_VISIT_DATE ? self->visit_date
                                 : field == FIELD_ALLERGIES ? self->allergies : self->goals);
      break;
    case FIELD_CONSENT:
      g_value_init (value, G_TYPE_BOOLEAN);
      g_value_set_boolean (value, self->consent);
      break;
    case FIELD_BODY:
      g_value_init (value, G_TYPE_STRING);
      g_value_set_string (value, self->body);
      break;
    case FIELD_BIRTH_YEAR:
      g_value_init (value, G_TYPE_INT);
      g_value_set_int (value, self->birth_year);
      break;
    case FIELD_PHASE:
      g_value_init (value, G_TYPE_INT);
      g_value_set_int (value, self->phase);
      break;
    case FIELD_PRESSURE:
      g_value_init (value, G_TYPE_INT);
      g_value_set_int (value, self->pressure);
      break;
    case FIELD_HEALTH:
      g_value_init (value, G_TYPE_UINT);
      g_value_set_uint (value, self->health);
      break;
    case FIELD_WEEKLY_KM:
      g_value_init (value, G_TYPE_DOUBLE);
      g_value_set_double (value, self->weekly_km);
      break;
    case FIELD_NEXT_RACE:
    case FIELD_LAST_RACE:
      {
        const BmRace *race = field == FIELD_NEXT_RACE ? self->next_race : self->last_race;
        const char *pair[] = { race ? race->date : NULL, race ? race->distance : NULL, NULL };

        g_value_init (value, G_TYPE_STRV);
        g_value_set_boxed (value, race ? pair : NULL);
      }
      break;
    case FIELD_AVOID:
      g_value_init (value, G_TYPE_STRV);
      g_value_set_boxed (value, self->avoid->pdata);
      break;
    case FIELD_THERAPIST:
      g_value_init (value, JSON_TYPE_OBJECT);
      g_value_set_boxed (value, self->therapist);
      break;
    case FIELD_NONE:
    default:
      g_assert_not_reached ();
    }
}

/* Puts a field back as an undo step holds it, through the setters (which
 * notify and signal as for any change) */
static void
apply_field (BmIntake     *self,
             Field         field,
             const GValue *value)
{
  switch (field)
    {
    case FIELD_CLIENT_NAME:
      bm_intake_set_client_name (self, g_value_get_string (value));
      break;
    case FIELD_EMAIL:
      bm_intake_set_email (self, g_value_get_string (value));
      break;
    case FIELD_PHONE:
      bm_intake_set_phone (self, g_value_get_string (value));
      break;
    case FIELD_VISIT_DATE:
      bm_intake_set_visit_date (self, g_value_get_string (value));
      break;
    case FIELD_GOALS:
      bm_intake_set_goals (self, g_value_get_string (value));
      break;
    case FIELD_ALLERGIES:
      bm_intake_set_allergies (self, g_value_get_string (value));
      break;
    case FIELD_CONSENT:
      bm_intake_set_consent (self, g_value_get_boolean (value));
      break;
    case FIELD_BODY:
      bm_intake_set_body (self, g_value_get_string (value));
      break;
    case FIELD_BIRTH_YEAR:
      bm_intake_set_birth_year (self, g_value_get_int (value));
      break;
    case FIELD_PHASE:
      bm_intake_set_phase (self, (BmPhase) g_value_get_int (value));
      break;
    case FIELD_PRESSURE:
      bm_intake_set_pressure (self, (BmPressure) g_value_get_int (value));
      break;
    case FIELD_HEALTH:
      bm_intake_set_health (self, (BmHealthFlags) g_value_get_uint (value));
      break;
    case FIELD_WEEKLY_KM:
      bm_intake_set_weekly_km (self, g_value_get_double (value));
      break;
    case FIELD_NEXT_RACE:
    case FIELD_LAST_RACE:
      {
        const char * const *pair = g_value_get_boxed (value);

        if (field == FIELD_NEXT_RACE)
          bm_intake_set_next_race (self, pair ? pair[0] : NULL, pair ? pair[1] : NULL);
        else
          bm_intake_set_last_race (self, pair ? pair[0] : NULL, pair ? pair[1] : NULL);
      }
      break;
    case FIELD_AVOID:
      {
        const char * const *avoid = g_value_get_boxed (value);
        g_auto(GStrv) now = g_strdupv ((char **) self->avoid->pdata);

        /* Back to exactly that list, in its order */
        if (g_strv_equal ((const char * const *) now, avoid))
          break;
        g_ptr_array_set_size (self->avoid, 0);
        for (guint i = 0; avoid && avoid[i]; i++)
          g_ptr_array_add (self->avoid, g_strdup (avoid[i]));
        g_ptr_array_add (self->avoid, NULL);
        emit_changed (self);
      }
      break;
    case FIELD_THERAPIST:
      bm_intake_set_therapist (self, g_value_get_boxed (value));
      break;
    case FIELD_NONE:
    default:
      g_assert_not_reached ();
    }
}

static void
apply_step (BmIntake   *self,
            BmUndoStep *step,
            gboolean    undo)
{
  self->replaying = TRUE;
  if (step->field == FIELD_NONE)
    apply_mark (self, step->region, step->side, undo ? step->before : step->after);
  else
    apply_field (self, step->field, undo ? &step->before_value : &step->after_value);
  self->replaying = FALSE;
}

static void
bm_intake_finalize (GObject *object)
{
  BmIntake *self = (BmIntake *)object;

  g_free (self->client_name);
  g_free (self->email);
  g_free (self->phone);
  g_free (self->client_id);
  g_free (self->visit_id);
  g_clear_pointer (&self->last_time, g_ptr_array_unref);
  g_clear_pointer (&self->given, json_object_unref);
  g_free (self->last_time_date);
  g_free (self->visit_date);
  g_clear_pointer (&self->next_race, race_free);
  g_clear_pointer (&self->last_race, race_free);
  g_clear_pointer (&self->avoid, g_ptr_array_unref);
  g_free (self->goals);
  g_free (self->allergies);
  g_free (self->body);
  g_free (self->check_in_status);
  g_free (self->check_in_submitted);
  g_clear_pointer (&self->marks, g_ptr_array_unref);
  g_clear_pointer (&self->therapist, json_object_unref);
  g_clear_pointer (&self->source, json_node_unref);
  g_queue_clear_full (&self->undo, undo_step_free);
  g_queue_clear_full (&self->redo, undo_step_free);

  G_OBJECT_CLASS (bm_intake_parent_class)->finalize (object);
}

static void
bm_intake_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BmIntake *self = BM_INTAKE (object);

  switch (prop_id)
    {
    case PROP_CLIENT_NAME:
      g_value_set_string (value, self->client_name);
      break;
    case PROP_BIRTH_YEAR:
      g_value_set_int (value, self->birth_year);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_VISIT_DATE:
      g_value_set_string (value, self->visit_date);
      break;
    case PROP_PHASE:
      g_value_set_enum (value, self->phase);
      break;
    case PROP_WEEKLY_KM:
      g_value_set_double (value, self->weekly_km);
      break;
    case PROP_PRESSURE:
      g_value_set_enum (value, self->pressure);
      break;
    case PROP_HEALTH:
      g_value_set_flags (value, self->health);
      break;
    case PROP_GOALS:
      g_value_set_string (value, self->goals);
      break;
    case PROP_ALLERGIES:
      g_value_set_string (value, self->allergies);
      break;
    case PROP_CONSENT:
      g_value_set_boolean (value, self->consent);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, bm_intake_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, bm_intake_can_redo (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bm_intake_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  BmIntake *self = BM_INTAKE (object);

  switch (prop_id)
    {
    case PROP_CLIENT_NAME:
      bm_intake_set_client_name (self, g_value_get_string (value));
      break;
    case PROP_BIRTH_YEAR:
      bm_intake_set_birth_year (self, g_value_get_int (value));
      break;
    case PROP_EMAIL:
      bm_intake_set_email (self, g_value_get_string (value));
      break;
    case PROP_PHONE:
      bm_intake_set_phone (self, g_value_get_string (value));
      break;
    case PROP_VISIT_DATE:
      bm_intake_set_visit_date (self, g_value_get_string (value));
      break;
    case PROP_PHASE:
      bm_intake_set_phase (self, g_value_get_enum (value));
      break;
    case PROP_WEEKLY_KM:
      bm_intake_set_weekly_km (self, g_value_get_double (value));
      break;
    case PROP_PRESSURE:
      bm_intake_set_pressure (self, g_value_get_enum (value));
      break;
    case PROP_HEALTH:
      bm_intake_set_health (self, g_value_get_flags (value));
      break;
    case PROP_GOALS:
      bm_intake_set_goals (self, g_value_get_string (value));
      break;
    case PROP_ALLERGIES:
      bm_intake_set_allergies (self, g_value_get_string (value));
      break;
    case PROP_CONSENT:
      bm_intake_set_consent (self, g_value_get_boolean (value));
      break;
    case PROP_BODY:
      bm_intake_set_body (self, g_value_get_string (value));
      break;
    case PROP_MODIFIED:
      bm_intake_set_modified (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bm_intake_class_init (BmIntakeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bm_intake_finalize;
  object_class->get_property = bm_intake_get_property;
  object_class->set_property = bm_intake_set_property;

  properties [PROP_CLIENT_NAME] = g_param_spec_string ("client-name", NULL, NULL, "", rw);
  properties [PROP_BIRTH_YEAR] = g_param_spec_int ("birth-year", NULL, NULL, 0, 9999, 0, rw);
  properties [PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, "", rw);
  properties [PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, "", rw);
  properties [PROP_VISIT_DATE] = g_param_spec_string ("visit-date", NULL, NULL, NULL, rw);
  properties [PROP_PHASE] = g_param_spec_enum ("phase", NULL, NULL, BM_TYPE_PHASE, BM_PHASE_MAINTENANCE, rw);
  properties [PROP_WEEKLY_KM] = g_param_spec_double ("weekly-km", NULL, NULL, -1, 400, -1, rw);
  properties [PROP_PRESSURE] = g_param_spec_enum ("pressure", NULL, NULL, BM_TYPE_PRESSURE, BM_PRESSURE_MEDIUM, rw);
  properties [PROP_HEALTH] = g_param_spec_flags ("health", NULL, NULL, BM_TYPE_HEALTH_FLAGS, BM_HEALTH_NONE, rw);
  properties [PROP_GOALS] = g_param_spec_string ("goals", NULL, NULL, "", rw);
  properties [PROP_ALLERGIES] = g_param_spec_string ("allergies", NULL, NULL, "", rw);
  properties [PROP_CONSENT] = g_param_spec_boolean ("consent", NULL, NULL, FALSE, rw);
  properties [PROP_BODY] = g_param_spec_string ("body", NULL, NULL, NULL, rw);
  properties [PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties [PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties [PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BmIntake::mark-changed:
   * @region: the region id
   * @side: the #BmSide
   *
   * A mark was added, changed or removed.
   */
  signals [MARK_CHANGED] =
    g_signal_new ("mark-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);

  /**
   * BmIntake::changed:
   *
   * Anything in the document changed.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * BmIntake::step-recorded:
   * @kind: a #BmStepKind
   * @before: the mark (#BmMark) or therapist object (#JsonObject) before,
   *   or %NULL; other kinds: %NULL
   * @after: the same after
   *
   * A change made a new undo step (not one joined to the previous step,
   * and not an undo or redo): what may be worth a toast with Undo.
   */
  signals [STEP_RECORDED] =
    g_signal_new ("step-recorded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_POINTER, G_TYPE_POINTER);
}

static void
bm_intake_init (BmIntake *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->client_name = g_strdup ("");
  self->email = g_strdup ("");
  self->phone = g_strdup ("");
  self->goals = g_strdup ("");
  self->allergies = g_strdup ("");
  self->visit_date = g_date_time_format (now, "%Y-%m-%d");
  self->phase = BM_PHASE_MAINTENANCE;
  self->pressure = BM_PRESSURE_MEDIUM;
  self->weekly_km = -1;
  self->avoid = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->avoid, NULL);
  self->marks = g_ptr_array_new_with_free_func ((GDestroyNotify) bm_mark_free);
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

BmIntake *
bm_intake_new (void)
{
  return g_object_new (BM_TYPE_INTAKE, NULL);
}

/* Typing in a text field is one undo step */
#define STRING_SETTER(member, prop, id) \
  G_STMT_START { \
    GValue before = G_VALUE_INIT; \
    g_return_if_fail (BM_IS_INTAKE (self)); \
    if (g_strcmp0 (self->member ? self->member : "", value ? value : "") == 0) \
      return; \
    get_field (self, id, &before); \
    set_string (&self->member, value); \
    g_object_notify_by_pspec (G_OBJECT (self), properties [prop]); \
    emit_changed (self); \
    record_field (self, id, &before, TRUE); \
  } G_STMT_END

JsonObject *
bm_intake_get_given (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), NULL);
  return self->given;
}

void
bm_intake_set_given (BmIntake   *self,
                     JsonObject *given)
{
  g_return_if_fail (BM_IS_INTAKE (self));

  if (given)
    json_object_ref (given);
  g_clear_pointer (&self->given, json_object_unref);
  self->given = given;
}

void
bm_intake_set_last_time (BmIntake   *self,
                         GPtrArray  *marks,
                         const char *date)
{
  g_return_if_fail (BM_IS_INTAKE (self));

  g_clear_pointer (&self->last_time, g_ptr_array_unref);
  g_clear_pointer (&self->last_time_date, g_free);
  if (marks != NULL && marks->len > 0)
    {
      self->last_time = g_ptr_array_new_with_free_func ((GDestroyNotify) bm_mark_free);
      for (guint i = 0; i < marks->len; i++)
        g_ptr_array_add (self->last_time, bm_mark_copy (g_ptr_array_index (marks, i)));
      self->last_time_date = g_strdup (date);
    }
  g_signal_emit (self, signals [CHANGED], 0);
}

GPtrArray *
bm_intake_dup_last_time (BmIntake *self)
{
  GPtrArray *shown = g_ptr_array_new ();

  g_return_val_if_fail (BM_IS_INTAKE (self), shown);

  for (guint i = 0; self->last_time && i < self->last_time->len; i++)
    {
      BmMark *mark = g_ptr_array_index (self->last_time, i);

      if (find_mark (self, mark->region, mark->side) == G_MAXUINT)
        g_ptr_array_add (shown, mark);
    }
  return shown;
}

gboolean
bm_intake_has_last_time (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), FALSE);

  for (guint i = 0; self->last_time && i < self->last_time->len; i++)
    {
      BmMark *mark = g_ptr_array_index (self->last_time, i);

      if (find_mark (self, mark->region, mark->side) == G_MAXUINT)
        return TRUE;
    }
  return FALSE;
}

const char *
bm_intake_get_last_time_date (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), NULL);
  return self->last_time_date;
}

void
bm_intake_clear_last_time (BmIntake   *self,
                           const char *region,
                           BmSide      side)
{
  g_return_if_fail (BM_IS_INTAKE (self));
  g_return_if_fail (region != NULL);

  for (guint i = 0; self->last_time && i < self->last_time->len; i++)
    {
      BmMark *mark = g_ptr_array_index (self->last_time, i);

      if (g_str_equal (mark->region, region) && mark->side == side)
        {
          g_autofree char *id = g_strdup (region);

          g_ptr_array_remove_index (self->last_time, i);
          g_signal_emit (self, signals [MARK_CHANGED], 0, id, side);
          g_signal_emit (self, signals [CHANGED], 0);
          return;
        }
    }
}

const char *
bm_intake_get_client_id (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), NULL);
  return self->client_id;
}

const char *
bm_intake_get_visit_id (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), NULL);
  return self->visit_id;
}

void
bm_intake_set_library_link (BmIntake   *self,
                            const char *client_id,
                            const char *visit_id)
{
  g_return_if_fail (BM_IS_INTAKE (self));
  g_return_if_fail ((client_id == NULL) == (visit_id == NULL));

  /* Either may be the intake's own: copied before the old ones go */
  {
    char *new_client = g_strdup (client_id);
    char *new_visit = g_strdup (visit_id);

    g_free (self->client_id);
    g_free (self->visit_id);
    self->client_id = new_client;
    self->visit_id = new_visit;
  }
}

const char *
bm_intake_get_check_in_status (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), NULL);
  return self->check_in_status;
}

const char *
bm_intake_get_check_in_submitted (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), NULL);
  return self->check_in_submitted;
}

void
bm_intake_set_check_in (BmIntake   *self,
                        const char *status,
                        const char *submitted)
{
  char *new_status, *new_submitted;

  g_return_if_fail (BM_IS_INTAKE (self));
  g_return_if_fail (status == NULL || g_str_equal (status, "complete") || g_str_equal (status, "incomplete"));

  new_status = g_strdup (status);
  new_submitted = status ? g_strdup (submitted) : NULL;
  g_free (self->check_in_status);
  g_free (self->check_in_submitted);
  self->check_in_status = new_status;
  self->check_in_submitted = new_submitted;
}

const char *
bm_intake_get_client_name (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), NULL);
  return self->client_name;
}

void
bm_intake_set_client_name (BmIntake   *self,
                           const char *value)
{
  STRING_SETTER (client_name, PROP_CLIENT_NAME, FIELD_CLIENT_NAME);
}

int
bm_intake_get_birth_year (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), 0);
  return self->birth_year;
}

void
bm_intake_set_birth_year (BmIntake *self,
                          int       year)
{
  g_return_if_fail (BM_IS_INTAKE (self));

  GValue before = G_VALUE_INIT;

  if (self->birth_year == year)
    return;
  get_field (self, FIELD_BIRTH_YEAR, &before);
  self->birth_year = year;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BIRTH_YEAR]);
  emit_changed (self);
  record_field (self, FIELD_BIRTH_YEAR, &before, TRUE);
}

const char *
bm_intake_get_email (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), NULL);
  return self->email;
}

void
bm_intake_set_email (BmIntake   *self,
                     const char *value)
{
  STRING_SETTER (email, PROP_EMAIL, FIELD_EMAIL);
}

const char *
bm_intake_get_phone (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), NULL);
  return self->phone;
}

void
bm_intake_set_phone (BmIntake   *self,
                     const char *value)
{
  STRING_SETTER (phone, PROP_PHONE, FIELD_PHONE);
}

const char *
bm_intake_get_visit_date (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), NULL);
  return self->visit_date;
}

void
bm_intake_set_visit_date (BmIntake   *self,
                          const char *value)
{
  STRING_SETTER (visit_date, PROP_VISIT_DATE, FIELD_VISIT_DATE);
}

BmPhase
bm_intake_get_phase (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), BM_PHASE_MAINTENANCE);
  return self->phase;
}

void
bm_intake_set_phase (BmIntake *self,
                     BmPhase   phase)
{
  g_return_if_fail (BM_IS_INTAKE (self));
  g_return_if_fail ((guint) phase < BM_N_PHASES);

  GValue before = G_VALUE_INIT;

  if (self->phase == phase)
    return;
  get_field (self, FIELD_PHASE, &before);
  self->phase = phase;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PHASE]);
  emit_changed (self);
  record_field (self, FIELD_PHASE, &before, FALSE);
}

double
bm_intake_get_weekly_km (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), -1);
  return self->weekly_km;
}

void
bm_intake_set_weekly_km (BmIntake *self,
                         double    km)
{
  g_return_if_fail (BM_IS_INTAKE (self));

  GValue before = G_VALUE_INIT;

  if (km < 0)
    km = -1;
  if (self->weekly_km == km)
    return;
  get_field (self, FIELD_WEEKLY_KM, &before);
  self->weekly_km = km;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_WEEKLY_KM]);
  emit_changed (self);
  record_field (self, FIELD_WEEKLY_KM, &before, TRUE);
}

static gboolean
set_race (BmRace     **race,
          const char  *date,
          const char  *distance)
{
  if (date == NULL)
    {
      if (*race == NULL)
        return FALSE;
      g_clear_pointer (race, race_free);
      return TRUE;
    }

  if (*race != NULL &&
      g_strcmp0 ((*race)->date, date) == 0 &&
      g_strcmp0 ((*race)->distance, distance ? distance : "") == 0)
    return FALSE;

  g_clear_pointer (race, race_free);
  *race = g_new0 (BmRace, 1);
  (*race)->date = g_strdup (date);
  (*race)->distance = g_strdup (distance ? distance : "");
  return TRUE;
}

const BmRace *
bm_intake_get_next_race (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), NULL);
  return self->next_race;
}

void
bm_intake_set_next_race (BmIntake   *self,
                         const char *date,
                         const char *distance)
{
  g_return_if_fail (BM_IS_INTAKE (self));

  GValue before = G_VALUE_INIT;

  get_field (self, FIELD_NEXT_RACE, &before);
  if (!set_race (&self->next_race, date, distance))
    {
      g_value_unset (&before);
      return;
    }
  emit_changed (self);
  record_field (self, FIELD_NEXT_RACE, &before, TRUE);
}

const BmRace *
bm_intake_get_last_race (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), NULL);
  return self->last_race;
}

void
bm_intake_set_last_race (BmIntake   *self,
                         const char *date,
                         const char *distance)
{
  g_return_if_fail (BM_IS_INTAKE (self));

  GValue before = G_VALUE_INIT;

  get_field (self, FIELD_LAST_RACE, &before);
  if (!set_race (&self->last_race, date, distance))
    {
      g_value_unset (&before);
      return;
    }
  emit_changed (self);
  record_field (self, FIELD_LAST_RACE, &before, TRUE);
}

const char *
bm_intake_get_body (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), NULL);
  return self->body;
}

void
bm_intake_set_body (BmIntake   *self,
                    const char *body)
{
  g_return_if_fail (BM_IS_INTAKE (self));

  GValue before = G_VALUE_INIT;

  if (body != NULL && *body == '\0')
    body = NULL;
  if (g_strcmp0 (self->body, body) == 0)
    return;
  get_field (self, FIELD_BODY, &before);
  g_free (self->body);
  self->body = g_strdup (body);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BODY]);
  emit_changed (self);
  record_field (self, FIELD_BODY, &before, FALSE);
}

BmPressure
bm_intake_get_pressure (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), BM_PRESSURE_MEDIUM);
  return self->pressure;
}

void
bm_intake_set_pressure (BmIntake   *self,
                        BmPressure  pressure)
{
  g_return_if_fail (BM_IS_INTAKE (self));

  GValue before = G_VALUE_INIT;

  if (self->pressure == pressure)
    return;
  get_field (self, FIELD_PRESSURE, &before);
  self->pressure = pressure;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PRESSURE]);
  emit_changed (self);
  record_field (self, FIELD_PRESSURE, &before, FALSE);
}

BmHealthFlags
bm_intake_get_health (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), 0);
  return self->health;
}

void
bm_intake_set_health (BmIntake      *self,
                      BmHealthFlags  flags)
{
  g_return_if_fail (BM_IS_INTAKE (self));

  GValue before = G_VALUE_INIT;

  if (self->health == flags)
    return;
  get_field (self, FIELD_HEALTH, &before);
  self->health = flags;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_HEALTH]);
  emit_changed (self);
  record_field (self, FIELD_HEALTH, &before, FALSE);
}

const char * const *
bm_intake_get_avoid (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), NULL);
  return (const char * const *) self->avoid->pdata;
}

gboolean
bm_intake_get_avoided (BmIntake   *self,
                       const char *region)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), FALSE);
  g_return_val_if_fail (region != NULL, FALSE);

  return g_strv_contains (bm_intake_get_avoid (self), region);
}

void
bm_intake_set_avoided (BmIntake   *self,
                       const char *region,
                       gboolean    avoided)
{
  g_return_if_fail (BM_IS_INTAKE (self));
  g_return_if_fail (region != NULL);

  GValue before = G_VALUE_INIT;

  if (bm_intake_get_avoided (self, region) == !!avoided)
    return;

  get_field (self, FIELD_AVOID, &before);
  if (avoided)
    g_ptr_array_insert (self->avoid, self->avoid->len - 1, g_strdup (region));
  else
    for (guint i = 0; i + 1 < self->avoid->len; i++)
      if (g_str_equal (g_ptr_array_index (self->avoid, i), region))
        {
          g_ptr_array_remove_index (self->avoid, i);
          break;
        }

  emit_changed (self);
  record_field (self, FIELD_AVOID, &before, FALSE);
}

const char *
bm_intake_get_goals (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), NULL);
  return self->goals;
}

void
bm_intake_set_goals (BmIntake   *self,
                     const char *value)
{
  STRING_SETTER (goals, PROP_GOALS, FIELD_GOALS);
}

const char *
bm_intake_get_allergies (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), NULL);
  return self->allergies;
}

void
bm_intake_set_allergies (BmIntake   *self,
                         const char *value)
{
  STRING_SETTER (allergies, PROP_ALLERGIES, FIELD_ALLERGIES);
}

gboolean
bm_intake_get_consent (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), FALSE);
  return self->consent;
}

void
bm_intake_set_consent (BmIntake *self,
                       gboolean  consent)
{
  GValue before = G_VALUE_INIT;

  g_return_if_fail (BM_IS_INTAKE (self));

  consent = !!consent;
  if (self->consent == consent)
    return;
  get_field (self, FIELD_CONSENT, &before);
  self->consent = consent;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CONSENT]);
  emit_changed (self);
  record_field (self, FIELD_CONSENT, &before, FALSE);
}

GPtrArray *
bm_intake_get_marks (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), NULL);
  return self->marks;
}

const BmMark *
bm_intake_get_mark (BmIntake   *self,
                    const char *region,
                    BmSide      side)
{
  guint pos;

  g_return_val_if_fail (BM_IS_INTAKE (self), NULL);
  g_return_val_if_fail (region != NULL, NULL);

  pos = find_mark (self, region, side);
  return pos == G_MAXUINT ? NULL : g_ptr_array_index (self->marks, pos);
}

void
bm_intake_set_mark (BmIntake     *self,
                    const BmMark *mark,
                    gboolean      merge)
{
  g_autoptr(BmMark) before = NULL;
  const BmMark *old;

  g_return_if_fail (BM_IS_INTAKE (self));
  g_return_if_fail (mark != NULL && mark->region != NULL);

  old = bm_intake_get_mark (self, mark->region, mark->side);
  if (bm_mark_equal (old, mark))
    return;

  before = old ? bm_mark_copy (old) : NULL;
  apply_mark (self, mark->region, mark->side, mark);
  record_change (self, mark->region, mark->side, before, mark, merge);
}

void
bm_intake_remove_mark (BmIntake   *self,
                       const char *region,
                       BmSide      side)
{
  g_autoptr(BmMark) before = NULL;
  g_autofree char *id = NULL;
  const BmMark *old;

  g_return_if_fail (BM_IS_INTAKE (self));
  g_return_if_fail (region != NULL);

  if (!(old = bm_intake_get_mark (self, region, side)))
    return;

  /* @region may point into the mark being removed */
  id = g_strdup (region);
  before = bm_mark_copy (old);
  apply_mark (self, id, side, NULL);
  record_change (self, id, side, before, NULL, FALSE);
}

JsonObject *
bm_intake_get_therapist (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), NULL);
  return self->therapist;
}

void
bm_intake_set_therapist (BmIntake   *self,
                         JsonObject *therapist)
{
  bm_intake_set_therapist_merged (self, therapist, FALSE);
}

void
bm_intake_set_therapist_merged (BmIntake   *self,
                                JsonObject *therapist,
                                gboolean    merge)
{
  GValue before = G_VALUE_INIT;

  g_return_if_fail (BM_IS_INTAKE (self));

  if (self->therapist == therapist)
    return;
  get_field (self, FIELD_THERAPIST, &before);
  g_clear_pointer (&self->therapist, json_object_unref);
  self->therapist = therapist ? json_object_ref (therapist) : NULL;
  emit_changed (self);
  record_field (self, FIELD_THERAPIST, &before, merge);
}

JsonNode *
bm_intake_get_source (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), NULL);
  return self->source;
}

void
bm_intake_set_source (BmIntake *self,
                      JsonNode *source)
{
  g_return_if_fail (BM_IS_INTAKE (self));

  if (self->source == source)
    return;
  g_clear_pointer (&self->source, json_node_unref);
  self->source = source ? json_node_ref (source) : NULL;
}

gboolean
bm_intake_can_undo (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), FALSE);
  return !g_queue_is_empty (&self->undo);
}

gboolean
bm_intake_can_redo (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), FALSE);
  return !g_queue_is_empty (&self->redo);
}

void
bm_intake_undo (BmIntake *self)
{
  BmUndoStep *step;

  g_return_if_fail (BM_IS_INTAKE (self));

  if (!(step = g_queue_pop_head (&self->undo)))
    return;
  step->mergeable = FALSE;
  g_queue_push_head (&self->redo, step);
  /* Whatever comes next starts a step of its own */
  if (g_queue_peek_head (&self->undo))
    ((BmUndoStep *) g_queue_peek_head (&self->undo))->mergeable = FALSE;
  apply_step (self, step, TRUE);
  notify_history (self);
  update_modified (self);
}

void
bm_intake_redo (BmIntake *self)
{
  BmUndoStep *step;

  g_return_if_fail (BM_IS_INTAKE (self));

  if (!(step = g_queue_pop_head (&self->redo)))
    return;
  g_queue_push_head (&self->undo, step);
  apply_step (self, step, FALSE);
  notify_history (self);
  update_modified (self);
}

void
bm_intake_clear_history (BmIntake *self)
{
  g_return_if_fail (BM_IS_INTAKE (self));

  g_queue_clear_full (&self->undo, undo_step_free);
  g_queue_clear_full (&self->redo, undo_step_free);
  self->saved_serial = self->modified ? G_MAXUINT : 0;
  notify_history (self);
}

gboolean
bm_intake_get_modified (BmIntake *self)
{
  g_return_val_if_fail (BM_IS_INTAKE (self), FALSE);
  return self->modified;
}

void
bm_intake_set_modified (BmIntake *self,
                        gboolean  modified)
{
  g_return_if_fail (BM_IS_INTAKE (self));

  modified = !!modified;
  /* Saved here: undoing back to this point is unmodified again */
  self->saved_serial = modified ? G_MAXUINT : head_serial (self);
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODIFIED]);
}
