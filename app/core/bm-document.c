/* bm-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-document"

#include "config.h"

#include <glib/gi18n.h>

#include "bm-advisor.h"
#include "bm-document.h"
#include "bm-draft.h"
#include "bm-intake-io.h"
#include "bm-history.h"
#include "bm-library-cli.h"
#include "bm-progress.h"

struct _BmDocument
{
  GObject        parent_instance;

  BmIntake      *intake;
  GFile         *file;
  /* The file's entity tag when it was read or saved here: a save checks
   * that nobody changed the file since (NULL: nothing to compare) */
  char          *etag;

  /* The client's earlier visits, for what the plan learns from them and
   * its "since the last visit"; read again when the intake's link or date
   * changes */
  BmLibrary     *library;
  char          *previous_key;
  BmHistory     *earlier;
  GSignalGroup  *intake_signals;

  guint          draft_timeout_id;

  /* NULL until first asked for: nothing is computed for a document whose
   * plan nobody looks at */
  BmPlan        *plan;
  guint          plan_timeout_id;   /* a change waits for the plan */
};

G_DEFINE_FINAL_TYPE (BmDocument, bm_document, G_TYPE_OBJECT)

G_DEFINE_QUARK (bm-document-error-quark, bm_document_error)

static char *
dup_etag (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ETAG_VALUE, G_FILE_QUERY_INFO_NONE,
                                                 NULL, NULL);

  return info ? g_strdup (g_file_info_get_etag (info)) : NULL;
}

enum {
  PROP_0,
  PROP_INTAKE,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void update_plan (BmDocument *self);

/* The advisor's plan, and what changed since the previous visit */
static BmPlan *
make_plan (BmDocument *self)
{
  g_autofree char *key = NULL;

  if (self->library == NULL || bm_intake_get_client_id (self->intake) == NULL)
    return bm_advise (self->intake);
  key = g_strjoin ("\n", bm_intake_get_client_id (self->intake), bm_intake_get_visit_id (self->intake),
                   bm_intake_get_visit_date (self->intake), NULL);
  if (g_strcmp0 (key, self->previous_key) != 0)
    {
      g_clear_pointer (&self->earlier, bm_history_free);
      self->earlier = bm_history_load (self->library, bm_intake_get_client_id (self->intake), self->intake, NULL);
      g_free (self->previous_key);
      self->previous_key = g_steal_pointer (&key);
    }
  return bm_advise_with_history (self->intake, self->earlier);
}

const BmHistory *
bm_document_get_earlier_visits (BmDocument *self)
{
  g_return_val_if_fail (BM_IS_DOCUMENT (self), NULL);

  /* Made with the plan */
  bm_document_get_plan (self);
  return self->earlier;
}

void
bm_document_set_library (BmDocument *self,
                         BmLibrary  *library)
{
  g_return_if_fail (BM_IS_DOCUMENT (self));
  g_return_if_fail (library == NULL || BM_IS_LIBRARY (library));

  if (self->library == library)
    return;
  g_set_object (&self->library, library);
  g_clear_pointer (&self->previous_key, g_free);
  g_clear_pointer (&self->earlier, bm_history_free);
  if (self->plan != NULL)
    update_plan (self);
}

static void
update_plan (BmDocument *self)
{
  /* The old plan lives until those who show it have been told */
  g_autoptr(BmPlan) old = g_steal_pointer (&self->plan);

  g_clear_handle_id (&self->plan_timeout_id, g_source_remove);
  self->plan = make_plan (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PLAN]);
}

static gboolean
update_plan_cb (gpointer user_data)
{
  BmDocument *self = user_data;

  self->plan_timeout_id = 0;
  update_plan (self);
  return G_SOURCE_REMOVE;
}

static gboolean
write_draft_cb (gpointer user_data)
{
  BmDocument *self = user_data;
  g_autoptr(GError) error = NULL;

  self->draft_timeout_id = 0;

  if (!bm_intake_get_modified (self->intake))
    return G_SOURCE_REMOVE;

  if (!bm_draft_write (self->intake, self->file, &error))
    g_warning ("Could not write the autosave draft: %s", error->message);

  return G_SOURCE_REMOVE;
}

static void
schedule_draft (BmDocument *self)
{
  /* Not pushed back by further changes: every change reaches the draft
   * within BM_DOCUMENT_DRAFT_DELAY_MS */
  if (self->draft_timeout_id == 0)
    self->draft_timeout_id = g_timeout_add (BM_DOCUMENT_DRAFT_DELAY_MS, write_draft_cb, self);
}

static void
on_intake_changed_cb (BmDocument *self,
                      BmIntake   *intake)
{
  schedule_draft (self);

  /* Not pushed back either: a slider dragged for a while still updates
   * the plan as it goes */
  if (self->plan != NULL && self->plan_timeout_id == 0)
    self->plan_timeout_id = g_timeout_add (BM_DOCUMENT_PLAN_DELAY_MS, update_plan_cb, self);
}

static void
on_intake_modified_cb (BmDocument *self,
                       GParamSpec *pspec,
                       BmIntake   *intake)
{
  /* Saved, or the changes given up: nothing to restore after this */
  if (!bm_intake_get_modified (intake))
    bm_document_clear_draft (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODIFIED]);
}

static void
bm_document_dispose (GObject *object)
{
  BmDocument *self = (BmDocument *)object;

  /* A draft already written stays: that is what it is for */
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  g_clear_handle_id (&self->plan_timeout_id, g_source_remove);
  if (self->intake_signals)
    g_signal_group_set_target (self->intake_signals, NULL);
  g_clear_object (&self->intake_signals);
  g_clear_object (&self->intake);
  g_clear_object (&self->file);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->plan, bm_plan_free);
  g_clear_object (&self->library);
  g_clear_pointer (&self->previous_key, g_free);
  g_clear_pointer (&self->earlier, bm_history_free);

  G_OBJECT_CLASS (bm_document_parent_class)->dispose (object);
}

static void
bm_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BmDocument *self = BM_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_INTAKE:
      g_value_set_object (value, self->intake);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, bm_document_get_modified (self));
      break;

    case PROP_PLAN:
      g_value_set_boxed (value, bm_document_get_plan (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bm_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  BmDocument *self = BM_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_INTAKE:
      bm_document_set_intake (self, g_value_get_object (value));
      break;

    case PROP_FILE:
      bm_document_set_file (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bm_document_class_init (BmDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bm_document_dispose;
  object_class->get_property = bm_document_get_property;
  object_class->set_property = bm_document_set_property;

  properties [PROP_INTAKE] =
    g_param_spec_object ("intake", NULL, NULL, BM_TYPE_INTAKE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PLAN] =
    g_param_spec_boxed ("plan", NULL, NULL, BM_TYPE_PLAN,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bm_document_init (BmDocument *self)
{
  self->intake_signals = g_signal_group_new (BM_TYPE_INTAKE);
  g_signal_group_connect_object (self->intake_signals, "changed",
                                 G_CALLBACK (on_intake_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->intake_signals, "notify::modified",
                                 G_CALLBACK (on_intake_modified_cb), self, G_CONNECT_SWAPPED);

  self->intake = bm_intake_new ();
  g_signal_group_set_target (self->intake_signals, self->intake);
}

BmDocument *
bm_document_new (void)
{
  return g_object_new (BM_TYPE_DOCUMENT, NULL);
}

BmIntake *
bm_document_get_intake (BmDocument *self)
{
  g_return_val_if_fail (BM_IS_DOCUMENT (self), NULL);
  return self->intake;
}

void
bm_document_set_intake (BmDocument *self,
                        BmIntake   *intake)
{
  g_return_if_fail (BM_IS_DOCUMENT (self));
  g_return_if_fail (BM_IS_INTAKE (intake));

  if (self->intake == intake)
    return;

  g_set_object (&self->intake, intake);
  g_signal_group_set_target (self->intake_signals, intake);
  /* What was waiting was for the other intake */
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  if (bm_intake_get_modified (intake))
    schedule_draft (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_INTAKE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODIFIED]);
  /* Whoever looks at the plan sees the new intake's at once */
  if (self->plan != NULL)
    update_plan (self);
}

GFile *
bm_document_get_file (BmDocument *self)
{
  g_return_val_if_fail (BM_IS_DOCUMENT (self), NULL);
  return self->file;
}

void
bm_document_set_file (BmDocument *self,
                      GFile      *file)
{
  g_return_if_fail (BM_IS_DOCUMENT (self));
  g_return_if_fail (!file || G_IS_FILE (file));

  if (self->file == file)
    return;
  g_clear_pointer (&self->etag, g_free);
  g_set_object (&self->file, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FILE]);
}

gboolean
bm_document_get_modified (BmDocument *self)
{
  g_return_val_if_fail (BM_IS_DOCUMENT (self), FALSE);
  return bm_intake_get_modified (self->intake);
}

void
bm_document_reset (BmDocument *self)
{
  g_autoptr(BmIntake) intake = NULL;

  g_return_if_fail (BM_IS_DOCUMENT (self));

  intake = bm_intake_new ();
  bm_document_clear_draft (self);
  bm_document_set_file (self, NULL);
  bm_document_set_intake (self, intake);
}

gboolean
bm_document_load (BmDocument  *self,
                  GFile       *file,
                  GError     **error)
{
  g_autoptr(BmIntake) intake = NULL;

  g_return_val_if_fail (BM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(intake = bm_intake_load_file (file, error)))
    return FALSE;

  bm_document_set_file (self, file);
  bm_document_set_intake (self, intake);
  g_free (self->etag);
  self->etag = dup_etag (file);
  return TRUE;
}

gboolean
bm_document_save (BmDocument  *self,
                  GFile       *file,
                  GError     **error)
{
  g_return_val_if_fail (BM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Another window or device saved the file since it was read here */
  if (self->file != NULL && self->etag != NULL && g_file_equal (file, self->file))
    {
      g_autofree char *now = dup_etag (file);

      if (now != NULL && g_strcmp0 (now, self->etag) != 0)
        {
          g_autofree char *name = g_file_get_basename (file);

          g_set_error (error, BM_DOCUMENT_ERROR, BM_DOCUMENT_ERROR_CHANGED,
                       _("%s: changed by another window or device since it was opened here"), name);
          return FALSE;
        }
    }
  return bm_document_overwrite (self, file, error);
}

gboolean
bm_document_overwrite (BmDocument  *self,
                       GFile       *file,
                       GError     **error)
{
  g_return_val_if_fail (BM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A visit of the library keeps the plan as given */
  if (bm_intake_get_client_id (self->intake) != NULL)
    {
      g_autoptr(JsonObject) given = bm_plan_dup_given (bm_document_ensure_plan (self));

      bm_intake_set_given (self->intake, given);
    }

  /* Clears the modified flag, which removes the draft */
  if (!bm_intake_save_file (self->intake, file, error))
    return FALSE;

  bm_document_set_file (self, file);
  g_free (self->etag);
  self->etag = dup_etag (file);
  return TRUE;
}

gboolean
bm_document_restore_draft (BmDocument  *self,
                           GError     **error)
{
  g_autoptr(BmIntake) intake = NULL;
  g_autoptr(GFile) origin = NULL;

  g_return_val_if_fail (BM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(intake = bm_draft_read (&origin, NULL, error)))
    return FALSE;

  bm_document_set_file (self, origin);
  bm_document_set_intake (self, intake);
  return TRUE;
}

void
bm_document_clear_draft (BmDocument *self)
{
  g_return_if_fail (BM_IS_DOCUMENT (self));

  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  bm_draft_clear ();
}

const BmPlan *
bm_document_get_plan (BmDocument *self)
{
  g_return_val_if_fail (BM_IS_DOCUMENT (self), NULL);

  if (self->plan == NULL)
    {
      g_clear_handle_id (&self->plan_timeout_id, g_source_remove);
      self->plan = make_plan (self);
    }
  return self->plan;
}

const BmPlan *
bm_document_ensure_plan (BmDocument *self)
{
  g_return_val_if_fail (BM_IS_DOCUMENT (self), NULL);

  if (self->plan_timeout_id != 0)
    update_plan (self);
  return bm_document_get_plan (self);
}
