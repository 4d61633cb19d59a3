/* bm-comparison.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-comparison"

#include "config.h"

#include "bm-comparison.h"
#include "bm-history.h"

struct _BmComparison
{
  GObject       parent_instance;

  BmLibrary    *library;
  BmIntake     *intake;
  GSignalGroup *intake_signals;

  /* The earlier visits of the visit named by @key (client, visit, date) */
  char         *key;
  BmHistory    *history;
  int           selected;
  GPtrArray    *areas;
};

G_DEFINE_FINAL_TYPE (BmComparison, bm_comparison, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static char *
dup_key (BmComparison *self)
{
  if (self->library == NULL || self->intake == NULL || bm_intake_get_client_id (self->intake) == NULL)
    return NULL;
  return g_strjoin ("\n", bm_intake_get_client_id (self->intake),
                    bm_intake_get_visit_id (self->intake) ? bm_intake_get_visit_id (self->intake) : "",
                    bm_intake_get_visit_date (self->intake), NULL);
}

static void
update_areas (BmComparison *self)
{
  BmIntake *earlier = bm_comparison_get_earlier (self);

  g_clear_pointer (&self->areas, g_ptr_array_unref);
  if (earlier != NULL && self->intake != NULL)
    self->areas = bm_progress_compare (earlier, self->intake);
}

static void
select_visit (BmComparison *self,
              int           index)
{
  if (self->selected == index)
    return;
  self->selected = index;
  update_areas (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED]);
}

/* The earlier visits, read when the visit (or its date) is another one */
static void
load_history (BmComparison *self,
              gboolean      again)
{
  g_autofree char *key = dup_key (self);
  g_autofree char *selected_id = NULL;
  g_autoptr(GError) error = NULL;
  int selected = -1;

  if (!again && g_strcmp0 (key, self->key) == 0)
    return;

  if (self->selected >= 0 && g_strcmp0 (key, self->key) == 0)
    selected_id = g_strdup (bm_history_get_visit (self->history, self->selected)->visit_id);
  g_clear_pointer (&self->history, bm_history_free);
  g_free (self->key);
  self->key = g_steal_pointer (&key);

  if (self->key != NULL)
    {
      self->history = bm_history_load (self->library, bm_intake_get_client_id (self->intake),
                                       self->intake, &error);
      if (self->history == NULL)
        g_debug ("No earlier visits: %s", error->message);
    }

  for (guint i = 0; selected_id && i < bm_comparison_get_n_visits (self); i++)
    if (g_strcmp0 (bm_history_get_visit (self->history, i)->visit_id, selected_id) == 0)
      selected = i;

  /* Not through select_visit(): the index may be the same, the visit not */
  self->selected = selected;
  update_areas (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED]);
  g_signal_emit (self, signals [CHANGED], 0);
}

static void
on_intake_mark_changed_cb (BmComparison *self,
                           const char   *region,
                           int           side,
                           BmIntake     *intake)
{
  if (self->selected < 0)
    return;
  update_areas (self);
  g_signal_emit (self, signals [CHANGED], 0);
}

/* Another visit date: other earlier visits */
static void
on_intake_changed_cb (BmComparison *self,
                      BmIntake     *intake)
{
  load_history (self, FALSE);
}

static void
bm_comparison_dispose (GObject *object)
{
  BmComparison *self = BM_COMPARISON (object);

  if (self->intake_signals)
    g_signal_group_set_target (self->intake_signals, NULL);
  g_clear_object (&self->intake_signals);
  g_clear_object (&self->intake);
  g_clear_object (&self->library);
  g_clear_pointer (&self->history, bm_history_free);
  g_clear_pointer (&self->areas, g_ptr_array_unref);

  G_OBJECT_CLASS (bm_comparison_parent_class)->dispose (object);
}

static void
bm_comparison_finalize (GObject *object)
{
  BmComparison *self = BM_COMPARISON (object);

  g_free (self->key);

  G_OBJECT_CLASS (bm_comparison_parent_class)->finalize (object);
}

static void
bm_comparison_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BmComparison *self = BM_COMPARISON (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_int (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bm_comparison_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BmComparison *self = BM_COMPARISON (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      bm_comparison_set_selected (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bm_comparison_class_init (BmComparisonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bm_comparison_dispose;
  object_class->finalize = bm_comparison_finalize;
  object_class->get_property = bm_comparison_get_property;
  object_class->set_property = bm_comparison_set_property;

  properties [PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BmComparison::changed:
   *
   * What is shown changed: the earlier visits, the one picked, or how the
   * areas changed since.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
bm_comparison_init (BmComparison *self)
{
  self->selected = -1;
  self->intake_signals = g_signal_group_new (BM_TYPE_INTAKE);
  g_signal_group_connect_swapped (self->intake_signals, "mark-changed",
                                  G_CALLBACK (on_intake_mark_changed_cb), self);
  g_signal_group_connect_swapped (self->intake_signals, "changed",
                                  G_CALLBACK (on_intake_changed_cb), self);
}

BmComparison *
bm_comparison_new (void)
{
  return g_object_new (BM_TYPE_COMPARISON, NULL);
}

void
bm_comparison_set_library (BmComparison *self,
                           BmLibrary    *library)
{
  g_return_if_fail (BM_IS_COMPARISON (self));
  g_return_if_fail (library == NULL || BM_IS_LIBRARY (library));

  if (!g_set_object (&self->library, library))
    return;
  load_history (self, TRUE);
}

BmIntake *
bm_comparison_get_intake (BmComparison *self)
{
  g_return_val_if_fail (BM_IS_COMPARISON (self), NULL);
  return self->intake;
}

void
bm_comparison_set_intake (BmComparison *self,
                          BmIntake     *intake)
{
  g_return_if_fail (BM_IS_COMPARISON (self));
  g_return_if_fail (intake == NULL || BM_IS_INTAKE (intake));

  if (!g_set_object (&self->intake, intake))
    return;
  g_signal_group_set_target (self->intake_signals, intake);
  /* Another visit: not compared until asked */
  self->selected = -1;
  g_clear_pointer (&self->key, g_free);
  load_history (self, TRUE);
}

void
bm_comparison_reload (BmComparison *self)
{
  g_return_if_fail (BM_IS_COMPARISON (self));
  load_history (self, TRUE);
}

void
bm_comparison_update (BmComparison *self)
{
  g_return_if_fail (BM_IS_COMPARISON (self));
  load_history (self, FALSE);
}

guint
bm_comparison_get_n_visits (BmComparison *self)
{
  g_return_val_if_fail (BM_IS_COMPARISON (self), 0);
  return self->history ? bm_history_get_n_visits (self->history) : 0;
}

const char *
bm_comparison_get_visit_date (BmComparison *self,
                              guint         index)
{
  g_return_val_if_fail (BM_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (index < bm_comparison_get_n_visits (self), NULL);
  return bm_history_get_visit (self->history, index)->date;
}

int
bm_comparison_get_selected (BmComparison *self)
{
  g_return_val_if_fail (BM_IS_COMPARISON (self), -1);
  return self->selected;
}

void
bm_comparison_set_selected (BmComparison *self,
                            int           index)
{
  g_return_if_fail (BM_IS_COMPARISON (self));
  g_return_if_fail (index < (int) bm_comparison_get_n_visits (self));

  if (self->selected == MAX (index, -1))
    return;
  select_visit (self, MAX (index, -1));
  g_signal_emit (self, signals [CHANGED], 0);
}

void
bm_comparison_set_active (BmComparison *self,
                          gboolean      active)
{
  g_return_if_fail (BM_IS_COMPARISON (self));

  if (active == (self->selected >= 0))
    return;
  bm_comparison_set_selected (self, active ? (int) bm_comparison_get_n_visits (self) - 1 : -1);
}

gboolean
bm_comparison_get_active (BmComparison *self)
{
  g_return_val_if_fail (BM_IS_COMPARISON (self), FALSE);
  return self->selected >= 0;
}

BmIntake *
bm_comparison_get_earlier (BmComparison *self)
{
  g_return_val_if_fail (BM_IS_COMPARISON (self), NULL);

  if (self->selected < 0 || self->history == NULL)
    return NULL;
  return bm_history_get_visit (self->history, self->selected)->intake;
}

const char *
bm_comparison_get_earlier_date (BmComparison *self)
{
  g_return_val_if_fail (BM_IS_COMPARISON (self), NULL);

  if (self->selected < 0 || self->history == NULL)
    return NULL;
  return bm_history_get_visit (self->history, self->selected)->date;
}

GPtrArray *
bm_comparison_get_areas (BmComparison *self)
{
  g_return_val_if_fail (BM_IS_COMPARISON (self), NULL);
  return self->areas;
}

const BmProgressArea *
bm_comparison_lookup (BmComparison *self,
                      const char   *region,
                      BmSide        side)
{
  g_return_val_if_fail (BM_IS_COMPARISON (self), NULL);
  return self->areas ? bm_progress_find (self->areas, region, side) : NULL;
}

gboolean
bm_comparison_follow (BmComparison **slot,
                      GSignalGroup **group,
                      BmComparison  *comparison,
                      GCallback      on_changed,
                      gpointer       instance)
{
  g_return_val_if_fail (slot != NULL && group != NULL, FALSE);
  g_return_val_if_fail (comparison == NULL || BM_IS_COMPARISON (comparison), FALSE);

  if (!g_set_object (slot, comparison))
    return FALSE;
  if (*group == NULL)
    {
      *group = g_signal_group_new (BM_TYPE_COMPARISON);
      g_signal_group_connect_swapped (*group, "changed", on_changed, instance);
    }
  g_signal_group_set_target (*group, comparison);
  return TRUE;
}
