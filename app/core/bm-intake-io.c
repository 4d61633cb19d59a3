/* bm-intake-io.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-intake-io"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bm-atlas.h"
#include "bm-date.h"
#include "bm-file-util.h"
#include "bm-intake-io.h"
#include "bm-json-reader.h"
#include "bm-json-writer.h"

#define MAX_NAME_CHARS      200
#define MAX_LINK_CHARS      200  /* a library id */
#define MAX_CONTACT_CHARS   200
#define MAX_DISTANCE_CHARS  100
#define MAX_GOALS_CHARS     2000
#define MAX_NOTE_CHARS      1000
#define MAX_WEEKLY_KM       400
#define MESSAGE_QUOTE_CHARS 40

/* Refusals are collected here while reading one file */
typedef struct
{
  const char  *display_name;
  GError     **error;
  BmAtlas     *atlas;
  gboolean     draft;   /* an autosaved draft may be unfinished */
} Loader;

typedef enum
{
  ID_HEALTH,
  ID_REGION,
  ID_SYMPTOM,
} IdKind;

G_DEFINE_QUARK (bm-intake-error-quark, bm_intake_error)

/* Known keys at each level, in the order they are written (docs/file-format.md) */
static const char * const top_keys[] = {
  "format", "version", "client_id", "visit_id", "check_in", "client", "visit_date", "running", "pressure",
  "health", "allergies", "avoid", "goals", "consent", "body", "marks", "therapist", "given", NULL
};
static const char * const client_keys[] = {
  "name", "birth_year", "email", "phone", NULL
};
static const char * const running_keys[] = {
  "phase", "weekly_km", "next_race", "last_race", NULL
};
static const char * const race_keys[] = {
  "date", "distance", NULL
};
static const char * const mark_keys[] = {
  "region", "side", "severity", "symptoms", "note", NULL
};

/* Writing */

/* Text fields: a missing one is written "" */
static void
write_text (BmJsonWriter *w,
            const char   *str)
{
  bm_json_writer_string (w, str ? str : "");
}

/* Members of @source that are not in @known, in their original order */
static void
write_unknown_members (BmJsonWriter        *w,
                       JsonObject          *source,
                       const char * const  *known)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (source == NULL)
    return;

  json_object_iter_init_ordered (&iter, source);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (g_strv_contains (known, name))
        continue;
      bm_json_writer_key (w, name);
      bm_json_writer_node (w, member);
    }
}

static JsonObject *
get_object_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

static void
write_race (BmJsonWriter *w,
            const BmRace *race,
            JsonObject   *source)
{
  if (race == NULL)
    {
      bm_json_writer_null (w);
      return;
    }

  bm_json_writer_begin_object (w);
  /* The model does not tell a missing distance from an empty one: always
   * write it, so that scripts can rely on it */
  bm_json_writer_key (w, "date");
  write_text (w, race->date);
  bm_json_writer_key (w, "distance");
  write_text (w, race->distance);
  write_unknown_members (w, source, race_keys);
  bm_json_writer_end_object (w);
}

/* NULL unless the member is a string */
static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL ||
      !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* The source object of the mark for the same region and side, if any */
static JsonObject *
find_source_mark (JsonObject   *source,
                  const BmMark *mark)
{
  JsonNode *node;
  JsonArray *marks;

  if (source == NULL)
    return NULL;

  node = json_object_get_member (source, "marks");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  marks = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (marks); i++)
    {
      JsonNode *element = json_array_get_element (marks, i);
      JsonObject *object;
      const char *region;
      const char *side = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      object = json_node_get_object (element);
      region = get_string_member (object, "region");
      if (json_object_has_member (object, "side"))
        side = get_string_member (object, "side");
      else
        side = bm_side_to_id (BM_SIDE_CENTER);

      if (g_strcmp0 (region, mark->region) == 0 &&
          g_strcmp0 (side, bm_side_to_id (mark->side)) == 0)
        return object;
    }

  return NULL;
}

static void
write_mark (BmJsonWriter *w,
            const BmMark *mark,
            JsonObject   *source)
{
  bm_json_writer_begin_object (w);

  bm_json_writer_key (w, "region");
  write_text (w, mark->region);
  bm_json_writer_key (w, "side");
  write_text (w, bm_side_to_id (mark->side));
  bm_json_writer_key (w, "severity");
  bm_json_writer_int (w, mark->severity);

  bm_json_writer_key (w, "symptoms");
  bm_json_writer_begin_inline_array (w);
  for (guint i = 0; i < BM_N_SYMPTOMS; i++)
    {
      BmSymptoms symptom = bm_symptom_nth (i);

      if ((mark->symptoms & symptom) != 0)
        write_text (w, bm_symptom_to_id (symptom));
    }
  bm_json_writer_end_array (w);

  if (mark->note != NULL)
    {
      bm_json_writer_key (w, "note");
      write_text (w, mark->note);
    }

  write_unknown_members (w, find_source_mark (source, mark), mark_keys);
  bm_json_writer_end_object (w);
}

static void
write_intake (BmJsonWriter *w,
              BmIntake     *intake)
{
  JsonNode *source_node = bm_intake_get_source (intake);
  JsonObject *source = NULL;
  JsonObject *source_client;
  JsonObject *source_running;
  JsonObject *therapist;
  const char * const *avoid;
  GPtrArray *marks;
  BmHealthFlags health;
  double km;

  if (source_node != NULL && JSON_NODE_HOLDS_OBJECT (source_node))
    source = json_node_get_object (source_node);
  source_client = get_object_member (source, "client");
  source_running = get_object_member (source, "running");

  bm_json_writer_begin_object (w);

  bm_json_writer_key (w, "format");
  write_text (w, BM_INTAKE_FORMAT);
  bm_json_writer_key (w, "version");
  if (bm_intake_get_client_id (intake) != NULL)
    {
      bm_json_writer_int (w, 2);
      bm_json_writer_key (w, "client_id");
      write_text (w, bm_intake_get_client_id (intake));
      bm_json_writer_key (w, "visit_id");
      write_text (w, bm_intake_get_visit_id (intake));
    }
  else if (bm_intake_get_check_in_status (intake) != NULL)
    bm_json_writer_int (w, 2);
  else
    bm_json_writer_int (w, 1);
  if (bm_intake_get_check_in_status (intake) != NULL)
    {
      bm_json_writer_key (w, "check_in");
      bm_json_writer_begin_object (w);
      bm_json_writer_key (w, "status");
      write_text (w, bm_intake_get_check_in_status (intake));
      if (bm_intake_get_check_in_submitted (intake))
        {
          bm_json_writer_key (w, "submitted");
          write_text (w, bm_intake_get_check_in_submitted (intake));
        }
      bm_json_writer_end_object (w);
    }

  bm_json_writer_key (w, "client");
  bm_json_writer_begin_object (w);
  bm_json_writer_key (w, "name");
  write_text (w, bm_intake_get_client_name (intake));
  if (bm_intake_get_birth_year (intake) > 0)
    {
      bm_json_writer_key (w, "birth_year");
      bm_json_writer_int (w, bm_intake_get_birth_year (intake));
    }
  bm_json_writer_key (w, "email");
  write_text (w, bm_intake_get_email (intake));
  bm_json_writer_key (w, "phone");
  write_text (w, bm_intake_get_phone (intake));
  write_unknown_members (w, source_client, client_keys);
  bm_json_writer_end_object (w);

  bm_json_writer_key (w, "visit_date");
  write_text (w, bm_intake_get_visit_date (intake));

  bm_json_writer_key (w, "running");
  bm_json_writer_begin_object (w);
  bm_json_writer_key (w, "phase");
  write_text (w, bm_phase_to_id (bm_intake_get_phase (intake)));
  km = bm_intake_get_weekly_km (intake);
  if (isfinite (km) && km >= 0)
    {
      bm_json_writer_key (w, "weekly_km");
      bm_json_writer_double (w, km);
    }
  bm_json_writer_key (w, "next_race");
  write_race (w, bm_intake_get_next_race (intake),
              get_object_member (source_running, "next_race"));
  bm_json_writer_key (w, "last_race");
  write_race (w, bm_intake_get_last_race (intake),
              get_object_member (source_running, "last_race"));
  write_unknown_members (w, source_running, running_keys);
  bm_json_writer_end_object (w);

  bm_json_writer_key (w, "pressure");
  write_text (w, bm_pressure_to_id (bm_intake_get_pressure (intake)));

  bm_json_writer_key (w, "health");
  health = bm_intake_get_health (intake);
  bm_json_writer_begin_inline_array (w);
  for (guint i = 0; i < BM_N_HEALTH_FLAGS; i++)
    {
      BmHealthFlags flag = bm_health_nth (i);

      if ((health & flag) != 0)
        write_text (w, bm_health_to_id (flag));
    }
  bm_json_writer_end_array (w);

  if (*bm_intake_get_allergies (intake))
    {
      bm_json_writer_key (w, "allergies");
      write_text (w, bm_intake_get_allergies (intake));
    }

  bm_json_writer_key (w, "avoid");
  avoid = bm_intake_get_avoid (intake);
  bm_json_writer_begin_inline_array (w);
  for (guint i = 0; avoid != NULL && avoid[i] != NULL; i++)
    write_text (w, avoid[i]);
  bm_json_writer_end_array (w);

  bm_json_writer_key (w, "goals");
  write_text (w, bm_intake_get_goals (intake));
  if (bm_intake_get_consent (intake))
    {
      bm_json_writer_key (w, "consent");
      bm_json_writer_bool (w, TRUE);
    }
  if (bm_intake_get_body (intake) != NULL)
    {
      bm_json_writer_key (w, "body");
      write_text (w, bm_intake_get_body (intake));
    }

  bm_json_writer_key (w, "marks");
  marks = bm_intake_get_marks (intake);
  bm_json_writer_begin_array (w);
  for (guint i = 0; marks != NULL && i < marks->len; i++)
    write_mark (w, g_ptr_array_index (marks, i), source);
  bm_json_writer_end_array (w);

  therapist = bm_intake_get_therapist (intake);
  if (therapist != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), therapist);

      bm_json_writer_key (w, "therapist");
      bm_json_writer_node (w, node);
    }
  /* Version 2 only: the plan as given at the visit */
  if (bm_intake_get_client_id (intake) != NULL && bm_intake_get_given (intake) != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), bm_intake_get_given (intake));

      bm_json_writer_key (w, "given");
      bm_json_writer_node (w, node);
    }

  write_unknown_members (w, source, top_keys);
  bm_json_writer_end_object (w);
}

/* Reading */

/* A file name fit for a one-line message */
static char *
dup_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  char *name;

  if (basename == NULL)
    return g_file_get_parse_name (file);

  name = g_filename_display_name (basename);
  for (char *p = name; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7f)
        *p = '?';
    }

  return name;
}

static void
set_error (const char    *display_name,
           GError       **error,
           BmIntakeError  code,
           const char    *format,
           ...) G_GNUC_PRINTF (4, 5);

static void
set_error (const char    *display_name,
           GError       **error,
           BmIntakeError  code,
           const char    *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (display_name != NULL)
    g_set_error (error, BM_INTAKE_ERROR, code, "%s: %s", display_name, message);
  else
    g_set_error_literal (error, BM_INTAKE_ERROR, code, message);
}

#define fail(l, code, ...) \
  set_error ((l)->display_name, (l)->error, (code), __VA_ARGS__)

/* A string value for a message: quoted, escaped, on one line, shortened */
static char *
quote_for_message (const char *str)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *shortened = NULL;

  if (g_utf8_strlen (str, -1) > MESSAGE_QUOTE_CHARS)
    {
      const char *cut = g_utf8_offset_to_pointer (str, MESSAGE_QUOTE_CHARS);

      shortened = g_strdup_printf ("%.*s…", (int) (cut - str), str);
      str = shortened;
    }

  bm_json_append_string (out, str);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* What a value is, for "got ...": 15, 6.5, "tomorrow", null, a list */
static char *
describe_value (JsonNode *node)
{
  if (node == NULL)
    return g_strdup (_("nothing"));

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return g_strdup (_("an object"));

    case JSON_NODE_ARRAY:
      return g_strdup (_("a list"));

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
        case G_TYPE_DOUBLE:
          {
            g_autoptr(GString) text = g_string_new (NULL);

            bm_json_append_double (text, json_node_get_double (node));
            return g_string_free (g_steal_pointer (&text), FALSE);
          }
        case G_TYPE_BOOLEAN:
          return g_strdup (json_node_get_boolean (node) ? "true" : "false");
        case G_TYPE_STRING:
          return quote_for_message (json_node_get_string (node));
        default:
          break;
        }
      G_GNUC_FALLTHROUGH;

    case JSON_NODE_NULL:
    default:
      return g_strdup ("null");
    }
}

static char *
join_path (const char *parent,
           const char *key)
{
  if (parent == NULL)
    return g_strdup (key);
  return g_strconcat (parent, ".", key, NULL);
}

/* The member, or NULL when it is absent or null */
static JsonNode *
get_member (JsonObject *object,
            const char *key)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, key);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

static gboolean
check_present (Loader     *l,
               JsonNode   *node,
               const char *path)
{
  if (node != NULL)
    return TRUE;

  fail (l, BM_INTAKE_ERROR_INVALID, _("%s: is missing"), path);
  return FALSE;
}

static gboolean
check_object (Loader      *l,
              JsonNode    *node,
              const char  *path,
              JsonObject **object)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *got = describe_value (node);

      fail (l, BM_INTAKE_ERROR_INVALID, _("%s: must be an object, got %s"), path, got);
      return FALSE;
    }

  *object = json_node_get_object (node);
  return TRUE;
}

static gboolean
check_array (Loader      *l,
             JsonNode    *node,
             const char  *path,
             JsonArray  **array)
{
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *got = describe_value (node);

      fail (l, BM_INTAKE_ERROR_INVALID, _("%s: must be a list, got %s"), path, got);
      return FALSE;
    }

  *array = json_node_get_array (node);
  return TRUE;
}

/* A string of at most @max_chars characters (0: no limit) */
static gboolean
check_string (Loader      *l,
              JsonNode    *node,
              const char  *path,
              guint        max_chars,
              const char **value)
{
  glong n_chars;

  if (!JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *got = describe_value (node);

      fail (l, BM_INTAKE_ERROR_INVALID, _("%s: must be text, got %s"), path, got);
      return FALSE;
    }

  *value = json_node_get_string (node);
  n_chars = g_utf8_strlen (*value, -1);
  if (max_chars > 0 && n_chars > (glong) max_chars)
    {
      fail (l, BM_INTAKE_ERROR_INVALID,
            _("%s: is too long (%ld characters, at most %u)"),
            path, n_chars, max_chars);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_number (Loader     *l,
              JsonNode   *node,
              const char *path,
              double     *value)
{
  GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    {
      g_autofree char *got = describe_value (node);

      fail (l, BM_INTAKE_ERROR_INVALID, _("%s: must be a number, got %s"), path, got);
      return FALSE;
    }

  *value = json_node_get_double (node);
  return TRUE;
}

/* JSON has no integer type: 6 and 6.0 are both whole numbers, 6.5 is not.
 * Huge whole numbers are clamped: @value is for range checks only. */
static gboolean
check_integer (Loader     *l,
               JsonNode   *node,
               const char *path,
               gint64     *value)
{
  GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (type == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }

  if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (d == floor (d))
        {
          *value = (gint64) CLAMP (d, -1e15, 1e15);
          return TRUE;
        }
    }

  {
    g_autofree char *got = describe_value (node);

    fail (l, BM_INTAKE_ERROR_INVALID, _("%s: must be a whole number, got %s"), path, got);
  }
  return FALSE;
}

/* A real calendar date written YYYY-MM-DD */
static gboolean
check_date (Loader      *l,
            JsonNode    *node,
            const char  *path,
            const char **value,
            guint       *year)
{
  GDate date;

  if (!check_string (l, node, path, 0, value))
    return FALSE;

  if (!bm_date_parse (*value, &date))
    {
      g_autofree char *got = describe_value (node);

      fail (l, BM_INTAKE_ERROR_INVALID,
            _("%s: must be a date written like 2026-11-23, got %s"), path, got);
      return FALSE;
    }

  if (year != NULL)
    *year = g_date_get_year (&date);
  return TRUE;
}

static gboolean
is_blank (const char *str)
{
  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_known_id (Loader     *l,
             IdKind      kind,
             const char *id)
{
  BmHealthFlags flag;
  BmSymptoms symptom;

  switch (kind)
    {
    case ID_HEALTH:
      return bm_health_from_id (id, &flag);
    case ID_SYMPTOM:
      return bm_symptom_from_id (id, &symptom);
    case ID_REGION:
      return bm_atlas_lookup (l->atlas, id) != NULL;
    default:
      g_assert_not_reached ();
    }
}

/* A list of known ids without duplicates; returns the ids (borrowed) */
static GPtrArray *
check_id_list (Loader     *l,
               JsonNode   *node,
               const char *path,
               IdKind      kind)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  JsonArray *array;

  if (!check_array (l, node, path, &array))
    return NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element_path = g_strdup_printf ("%s[%u]", path, i);
      g_autofree char *quoted = NULL;
      const char *id;

      if (!check_string (l, json_array_get_element (array, i), element_path, 0, &id))
        return NULL;

      quoted = quote_for_message (id);
      if (!is_known_id (l, kind, id))
        {
          switch (kind)
            {
            case ID_HEALTH:
              fail (l, BM_INTAKE_ERROR_INVALID,
                    _("%s: unknown health flag %s"), element_path, quoted);
              break;
            case ID_REGION:
              fail (l, BM_INTAKE_ERROR_INVALID,
                    _("%s: unknown body region %s"), element_path, quoted);
              break;
            case ID_SYMPTOM:
              fail (l, BM_INTAKE_ERROR_INVALID,
                    _("%s: unknown symptom %s"), element_path, quoted);
              break;
            default:
              g_assert_not_reached ();
            }
          return NULL;
        }

      for (guint j = 0; j < ids->len; j++)
        {
          if (g_str_equal (g_ptr_array_index (ids, j), id))
            {
              fail (l, BM_INTAKE_ERROR_INVALID,
                    _("%s: %s is listed twice (also in %s[%u])"),
                    element_path, quoted, path, j);
              return NULL;
            }
        }

      g_ptr_array_add (ids, (gpointer) id);
    }

  return g_steal_pointer (&ids);
}

/* An id from a fixed set: maintenance, peak, rehab or taper... */
static gboolean
check_choice (Loader      *l,
              JsonNode    *node,
              const char  *path,
              const char * (*to_id) (int),
              int          n_choices,
              int         *value)
{
  const char *id;

  if (!JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    id = NULL;
  else
    id = json_node_get_string (node);

  for (int i = 0; id != NULL && i < n_choices; i++)
    {
      if (g_str_equal (id, to_id (i)))
        {
          *value = i;
          return TRUE;
        }
    }

  {
    g_autoptr(GString) choices = g_string_new (NULL);
    g_autofree char *got = describe_value (node);

    for (int i = 0; i < n_choices; i++)
      {
        if (i > 0)
          g_string_append (choices, ", ");
        g_string_append (choices, to_id (i));
      }

    fail (l, BM_INTAKE_ERROR_INVALID,
          /* TRANSLATORS: a field, then a list of ids, then the wrong value */
          _("%s: must be one of %s, got %s"), path, choices->str, got);
  }
  return FALSE;
}

static const char *
phase_to_id (int phase)
{
  return bm_phase_to_id ((BmPhase) phase);
}

static const char *
pressure_to_id (int pressure)
{
  return bm_pressure_to_id ((BmPressure) pressure);
}

static gboolean
read_format (Loader     *l,
             JsonNode   *root,
             gint64     *version_out)
{
  JsonObject *object;
  JsonNode *node;
  gint64 version;

  node = JSON_NODE_HOLDS_OBJECT (root)
    ? json_object_get_member (json_node_get_object (root), "format")
    : NULL;

  if (node == NULL ||
      !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (node), BM_INTAKE_FORMAT) != 0)
    {
      fail (l, BM_INTAKE_ERROR_NOT_INTAKE,
            _("not a Body Map intake file (format is not \"%s\")"), BM_INTAKE_FORMAT);
      return FALSE;
    }

  object = json_node_get_object (root);
  node = get_member (object, "version");
  if (!check_present (l, node, "version") ||
      !check_integer (l, node, "version", &version))
    return FALSE;

  if (version > BM_INTAKE_VERSION)
    {
      g_autofree char *got = describe_value (node);

      fail (l, BM_INTAKE_ERROR_NEWER_VERSION,
            _("this file was made by a newer version of Body Map (format version %s)"), got);
      return FALSE;
    }

  if (version < 1)
    {
      g_autofree char *got = describe_value (node);

      fail (l, BM_INTAKE_ERROR_INVALID, _("version: must be 1 or 2, got %s"), got);
      return FALSE;
    }

  *version_out = version;
  return TRUE;
}

static gboolean
read_client (Loader     *l,
             JsonObject *top,
             const char *visit_date,
             guint       visit_year,
             BmIntake   *intake)
{
  JsonObject *client;
  JsonNode *node;
  const char *name;
  const char *text;

  node = get_member (top, "client");
  if (!check_present (l, node, "client") ||
      !check_object (l, node, "client", &client))
    return FALSE;

  node = get_member (client, "name");
  if (!check_present (l, node, "client.name") ||
      !check_string (l, node, "client.name", MAX_NAME_CHARS, &name))
    return FALSE;
  if (is_blank (name) && !l->draft)
    {
      fail (l, BM_INTAKE_ERROR_INVALID, _("%s: must not be empty"), "client.name");
      return FALSE;
    }
  bm_intake_set_client_name (intake, name);

  if ((node = get_member (client, "birth_year")) != NULL)
    {
      BmBirthYearCheck check;
      g_autofree char *got = NULL;
      gint64 year;

      if (!check_integer (l, node, "client.birth_year", &year))
        return FALSE;

      check = bm_birth_year_check (year, (int) visit_year);
      if (check != BM_BIRTH_YEAR_OK)
        got = describe_value (node);

      switch (check)
        {
        case BM_BIRTH_YEAR_OK:
          break;

        case BM_BIRTH_YEAR_TOO_EARLY:
          /* Translators: a field, the earliest year allowed, the wrong value:
           * "client.birth_year: must be 1900 or later, got 1899" */
          fail (l, BM_INTAKE_ERROR_INVALID, _("%s: must be %d or later, got %s"),
                "client.birth_year", BM_BIRTH_YEAR_MIN, got);
          return FALSE;

        case BM_BIRTH_YEAR_AFTER_VISIT:
          /* Translators: a field, the year given, the visit's date as in the file:
           * "client.birth_year: 2031 is after the visit date (2026-11-23)" */
          fail (l, BM_INTAKE_ERROR_INVALID, _("%s: %s is after the visit date (%s)"),
                "client.birth_year", got, visit_date);
          return FALSE;

        case BM_BIRTH_YEAR_TOO_YOUNG:
          fail (l, BM_INTAKE_ERROR_INVALID,
                /* Translators: a field, the year given, an age in years:
                 * "client.birth_year: 2024 makes the client younger than 5" */
                ngettext ("%s: %s makes the client younger than %d",
                          "%s: %s makes the client younger than %d", BM_CLIENT_MIN_AGE),
                "client.birth_year", got, BM_CLIENT_MIN_AGE);
          return FALSE;
        }
      bm_intake_set_birth_year (intake, (int) year);
    }

  if ((node = get_member (client, "email")) != NULL)
    {
      if (!check_string (l, node, "client.email", MAX_CONTACT_CHARS, &text))
        return FALSE;
      bm_intake_set_email (intake, text);
    }

  if ((node = get_member (client, "phone")) != NULL)
    {
      if (!check_string (l, node, "client.phone", MAX_CONTACT_CHARS, &text))
        return FALSE;
      bm_intake_set_phone (intake, text);
    }

  return TRUE;
}

static gboolean
read_race (Loader     *l,
           JsonObject *running,
           const char *key,
           BmIntake   *intake)
{
  g_autofree char *path = join_path ("running", key);
  g_autofree char *date_path = join_path (path, "date");
  g_autofree char *distance_path = join_path (path, "distance");
  JsonObject *race;
  JsonNode *node;
  const char *date;
  const char *distance = NULL;

  if ((node = get_member (running, key)) == NULL)
    return TRUE;

  if (!check_object (l, node, path, &race))
    return FALSE;

  node = get_member (race, "date");
  if (!check_present (l, node, date_path) ||
      !check_date (l, node, date_path, &date, NULL))
    return FALSE;

  if ((node = get_member (race, "distance")) != NULL &&
      !check_string (l, node, distance_path, MAX_DISTANCE_CHARS, &distance))
    return FALSE;

  if (g_str_equal (key, "next_race"))
    bm_intake_set_next_race (intake, date, distance);
  else
    bm_intake_set_last_race (intake, date, distance);

  return TRUE;
}

static gboolean
read_running (Loader     *l,
              JsonObject *top,
              BmIntake   *intake)
{
  JsonObject *running;
  JsonNode *node;

  if ((node = get_member (top, "running")) == NULL)
    return TRUE;

  if (!check_object (l, node, "running", &running))
    return FALSE;

  if ((node = get_member (running, "phase")) != NULL)
    {
      int phase;

      if (!check_choice (l, node, "running.phase", phase_to_id,
                         BM_N_PHASES, &phase))
        return FALSE;
      bm_intake_set_phase (intake, (BmPhase) phase);
    }

  if ((node = get_member (running, "weekly_km")) != NULL)
    {
      double km;

      if (!check_number (l, node, "running.weekly_km", &km))
        return FALSE;
      if (km < 0 || km > MAX_WEEKLY_KM)
        {
          g_autofree char *got = describe_value (node);

          fail (l, BM_INTAKE_ERROR_INVALID, _("%s: must be between %d and %d, got %s"),
                "running.weekly_km", 0, MAX_WEEKLY_KM, got);
          return FALSE;
        }
      bm_intake_set_weekly_km (intake, km);
    }

  return read_race (l, running, "next_race", intake) &&
         read_race (l, running, "last_race", intake);
}

static gboolean
read_mark (Loader     *l,
           JsonNode   *node,
           const char *path,
           BmMark    **out_mark)
{
  g_autofree char *region_path = join_path (path, "region");
  g_autofree char *side_path = join_path (path, "side");
  g_autofree char *severity_path = join_path (path, "severity");
  g_autofree char *symptoms_path = join_path (path, "symptoms");
  g_autofree char *note_path = join_path (path, "note");
  g_autoptr(GPtrArray) symptom_ids = NULL;
  const BmRegion *region;
  JsonObject *mark;
  const char *region_id;
  const char *note = NULL;
  BmSymptoms symptoms = BM_SYMPTOM_NONE;
  BmSide side = BM_SIDE_CENTER;
  gint64 severity;

  if (!check_object (l, node, path, &mark))
    return FALSE;

  node = get_member (mark, "region");
  if (!check_present (l, node, region_path) ||
      !check_string (l, node, region_path, 0, &region_id))
    return FALSE;

  region = bm_atlas_lookup (l->atlas, region_id);
  if (region == NULL)
    {
      g_autofree char *quoted = quote_for_message (region_id);

      fail (l, BM_INTAKE_ERROR_INVALID, _("%s: unknown body region %s"), region_path, quoted);
      return FALSE;
    }

  node = get_member (mark, "side");
  if (node == NULL && bm_region_is_paired (region))
    {
      fail (l, BM_INTAKE_ERROR_INVALID,
            _("%s: is missing (must be left or right for %s)"), side_path, region_id);
      return FALSE;
    }
  if (node != NULL)
    {
      const char *side_id = NULL;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        side_id = json_node_get_string (node);

      if (side_id == NULL ||
          !bm_side_from_id (side_id, &side) ||
          !bm_region_accepts_side (region, side))
        {
          g_autofree char *got = describe_value (node);

          if (bm_region_is_paired (region))
            fail (l, BM_INTAKE_ERROR_INVALID,
                  _("%s: must be left or right for %s, got %s"), side_path, region_id, got);
          else
            fail (l, BM_INTAKE_ERROR_INVALID,
                  _("%s: must be center for %s, got %s"), side_path, region_id, got);
          return FALSE;
        }
    }

  node = get_member (mark, "severity");
  if (!check_present (l, node, severity_path) ||
      !check_integer (l, node, severity_path, &severity))
    return FALSE;
  if (severity < 0 || severity > BM_SEVERITY_MAX)
    {
      g_autofree char *got = describe_value (node);

      fail (l, BM_INTAKE_ERROR_INVALID, _("%s: must be 0-%d, got %s"),
            severity_path, BM_SEVERITY_MAX, got);
      return FALSE;
    }

  if ((node = get_member (mark, "symptoms")) != NULL)
    {
      symptom_ids = check_id_list (l, node, symptoms_path, ID_SYMPTOM);
      if (symptom_ids == NULL)
        return FALSE;

      for (guint i = 0; i < symptom_ids->len; i++)
        {
          BmSymptoms symptom;

          if (bm_symptom_from_id (g_ptr_array_index (symptom_ids, i), &symptom))
            symptoms |= symptom;
        }
    }

  if ((node = get_member (mark, "note")) != NULL &&
      !check_string (l, node, note_path, MAX_NOTE_CHARS, &note))
    return FALSE;

  *out_mark = bm_mark_new (region_id, side, (int) severity, symptoms, note);
  return TRUE;
}

static gboolean
read_marks (Loader     *l,
            JsonObject *top,
            BmIntake   *intake)
{
  g_autoptr(GPtrArray) marks = g_ptr_array_new_with_free_func ((GDestroyNotify) bm_mark_free);
  JsonArray *array;
  JsonNode *node;

  if ((node = get_member (top, "marks")) == NULL)
    return TRUE;

  if (!check_array (l, node, "marks", &array))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("marks[%u]", i);
      BmMark *mark = NULL;

      if (!read_mark (l, json_array_get_element (array, i), path, &mark))
        return FALSE;

      for (guint j = 0; j < marks->len; j++)
        {
          const BmMark *other = g_ptr_array_index (marks, j);

          if (other->side == mark->side && g_str_equal (other->region, mark->region))
            {
              const BmRegion *region = bm_atlas_lookup (l->atlas, mark->region);
              g_autofree char *label = bm_region_dup_label (region, mark->side);

              fail (l, BM_INTAKE_ERROR_INVALID,
                    /* TRANSLATORS: "marks[4]: Left calf is marked twice (also in marks[1])" */
                    _("%s: %s is marked twice (also in marks[%u])"), path, label, j);
              bm_mark_free (mark);
              return FALSE;
            }
        }

      g_ptr_array_add (marks, mark);
    }

  for (guint i = 0; i < marks->len; i++)
    bm_intake_set_mark (intake, g_ptr_array_index (marks, i), FALSE);

  return TRUE;
}

/* "body": the id of one of the atlas's body outlines */
static gboolean
read_body (Loader   *l,
           JsonNode *node,
           BmIntake *intake)
{
  const char *id = NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    id = json_node_get_string (node);
  if (id != NULL && bm_atlas_lookup_body (l->atlas, id, NULL))
    {
      bm_intake_set_body (intake, id);
      return TRUE;
    }

  {
    g_autoptr(GString) choices = g_string_new (NULL);
    g_autofree char *got = describe_value (node);

    for (guint i = 0; i < bm_atlas_get_n_bodies (l->atlas); i++)
      {
        if (i > 0)
          g_string_append (choices, ", ");
        g_string_append (choices, bm_atlas_get_body_id (l->atlas, i));
      }
    fail (l, BM_INTAKE_ERROR_INVALID, _("%s: must be one of %s, got %s"), "body", choices->str, got);
  }
  return FALSE;
}

static BmIntake *
read_intake (Loader   *l,
             JsonNode *root)
{
  g_autoptr(BmIntake) intake = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  JsonObject *top;
  JsonNode *node;
  const char *text;
  guint visit_year;
  gint64 version = 1;
  const char *client_id = NULL, *visit_id = NULL;
  const char *check_in_status = NULL, *check_in_submitted = NULL;

  if (!read_format (l, root, &version))
    return NULL;

  top = json_node_get_object (root);

  /* Version 2: a check-in waiting to be filed, or where the visit is filed */
  if (version >= 2 && (node = get_member (top, "check_in")) != NULL)
    {
      JsonObject *check_in;

      if (!check_object (l, node, "check_in", &check_in))
        return NULL;
      node = get_member (check_in, "status");
      if (!check_present (l, node, "check_in.status") ||
          !check_string (l, node, "check_in.status", 16, &check_in_status))
        return NULL;
      if (!g_str_equal (check_in_status, "complete") && !g_str_equal (check_in_status, "incomplete"))
        {
          fail (l, BM_INTAKE_ERROR_INVALID, _("%s: must be “complete” or “incomplete”"), "check_in.status");
          return NULL;
        }
      if ((node = get_member (check_in, "submitted")) != NULL &&
          !check_string (l, node, "check_in.submitted", 64, &check_in_submitted))
        return NULL;
      /* A client who walked away before giving a name: what they marked
       * still reaches the therapist */
      if (g_str_equal (check_in_status, "incomplete"))
        l->draft = TRUE;
    }
  if (version >= 2 && (check_in_status == NULL || get_member (top, "client_id") != NULL))
    {
      node = get_member (top, "client_id");
      if (!check_present (l, node, "client_id") ||
          !check_string (l, node, "client_id", MAX_LINK_CHARS, &client_id))
        return NULL;
      node = get_member (top, "visit_id");
      if (!check_present (l, node, "visit_id") ||
          !check_string (l, node, "visit_id", MAX_LINK_CHARS, &visit_id))
        return NULL;
      if (*client_id == '\0' || *visit_id == '\0')
        {
          fail (l, BM_INTAKE_ERROR_INVALID, _("%s: must not be empty"), *client_id ? "visit_id" : "client_id");
          return NULL;
        }
    }

  /* The limit comes before the marks' content so that it is what a
   * huge file is refused for */
  node = get_member (top, "marks");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node) &&
      json_array_get_length (json_node_get_array (node)) > BM_INTAKE_MAX_MARKS)
    {
      fail (l, BM_INTAKE_ERROR_TOO_LARGE, _("%s: too many marks (%u, at most %d)"), "marks",
            json_array_get_length (json_node_get_array (node)), BM_INTAKE_MAX_MARKS);
      return NULL;
    }

  intake = bm_intake_new ();
  if (client_id != NULL)
    bm_intake_set_library_link (intake, client_id, visit_id);
  if (check_in_status != NULL)
    bm_intake_set_check_in (intake, check_in_status, check_in_submitted);

  /* Before the client: the birth year is checked against the visit */
  node = get_member (top, "visit_date");
  if (!check_present (l, node, "visit_date") ||
      !check_date (l, node, "visit_date", &text, &visit_year))
    return NULL;
  bm_intake_set_visit_date (intake, text);

  if (!read_client (l, top, text, visit_year, intake) ||
      !read_running (l, top, intake))
    return NULL;

  if ((node = get_member (top, "pressure")) != NULL)
    {
      int pressure;

      if (!check_choice (l, node, "pressure", pressure_to_id,
                         BM_PRESSURE_DEEP + 1, &pressure))
        return NULL;
      bm_intake_set_pressure (intake, (BmPressure) pressure);
    }

  if ((node = get_member (top, "health")) != NULL)
    {
      BmHealthFlags flags = BM_HEALTH_NONE;

      if ((ids = check_id_list (l, node, "health", ID_HEALTH)) == NULL)
        return NULL;
      for (guint i = 0; i < ids->len; i++)
        {
          BmHealthFlags flag;

          if (bm_health_from_id (g_ptr_array_index (ids, i), &flag))
            flags |= flag;
        }
      bm_intake_set_health (intake, flags);
      g_clear_pointer (&ids, g_ptr_array_unref);
    }

  if ((node = get_member (top, "avoid")) != NULL)
    {
      if ((ids = check_id_list (l, node, "avoid", ID_REGION)) == NULL)
        return NULL;
      for (guint i = 0; i < ids->len; i++)
        bm_intake_set_avoided (intake, g_ptr_array_index (ids, i), TRUE);
      g_clear_pointer (&ids, g_ptr_array_unref);
    }

  if ((node = get_member (top, "goals")) != NULL)
    {
      if (!check_string (l, node, "goals", MAX_GOALS_CHARS, &text))
        return NULL;
      bm_intake_set_goals (intake, text);
    }

  if ((node = get_member (top, "allergies")) != NULL)
    {
      if (!check_string (l, node, "allergies", MAX_GOALS_CHARS, &text))
        return NULL;
      bm_intake_set_allergies (intake, text);
    }

  if ((node = get_member (top, "consent")) != NULL)
    {
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        bm_intake_set_consent (intake, json_node_get_boolean (node));
      else
        {
          fail (l, BM_INTAKE_ERROR_INVALID, _("%s: must be true or false"), "consent");
          return NULL;
        }
    }

  if ((node = get_member (top, "body")) != NULL && !read_body (l, node, intake))
    return NULL;

  if (!read_marks (l, top, intake))
    return NULL;

  if ((node = get_member (top, "therapist")) != NULL)
    {
      JsonObject *therapist;

      if (!check_object (l, node, "therapist", &therapist))
        return NULL;
      bm_intake_set_therapist (intake, therapist);
    }

  if (version >= 2 && (node = get_member (top, "given")) != NULL)
    {
      JsonObject *given;

      if (!check_object (l, node, "given", &given))
        return NULL;
      bm_intake_set_given (intake, given);
    }

  bm_intake_set_source (intake, root);
  bm_intake_clear_history (intake);
  bm_intake_set_modified (intake, FALSE);

  return g_steal_pointer (&intake);
}

/* Reads at most BM_INTAKE_MAX_FILE_SIZE + 1 bytes of a local file */
static GBytes *
read_local_file (const char  *path,
                 const char  *display_name,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  bytes = bm_file_read_bounded (path, BM_INTAKE_MAX_FILE_SIZE, NULL, &local_error);
  if (bytes != NULL)
    return bytes;

  switch (local_error->code)
    {
    case BM_FILE_ERROR_IS_DIRECTORY:
      set_error (display_name, error, BM_INTAKE_ERROR_IO,
                 _("this is a folder, not a Body Map file"));
      break;
    case BM_FILE_ERROR_NOT_REGULAR:
      set_error (display_name, error, BM_INTAKE_ERROR_IO,
                 _("this is not an ordinary file"));
      break;
    case BM_FILE_ERROR_TOO_LARGE:
      set_error (display_name, error, BM_INTAKE_ERROR_TOO_LARGE,
                 _("the file is too large for a Body Map intake (over 1 MiB)"));
      break;
    case BM_FILE_ERROR_READ:
      set_error (display_name, error, BM_INTAKE_ERROR_IO,
                 _("could not read the file: %s"), local_error->message);
      break;
    default:
      set_error (display_name, error, BM_INTAKE_ERROR_IO,
                 _("could not open the file: %s"), local_error->message);
      break;
    }
  return NULL;
}

/* For files that are not local (gvfs); local files never come here */
static GBytes *
read_remote_file (GFile       *file,
                  const char  *display_name,
                  GError     **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      set_error (display_name, error, BM_INTAKE_ERROR_IO,
                 _("could not open the file: %s"), local_error->message);
      return NULL;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      set_error (display_name, error, BM_INTAKE_ERROR_IO,
                 _("this is not an ordinary file"));
      return NULL;
    }

  if (g_file_info_get_size (info) > BM_INTAKE_MAX_FILE_SIZE)
    {
      set_error (display_name, error, BM_INTAKE_ERROR_TOO_LARGE,
                 _("the file is too large for a Body Map intake (over 1 MiB)"));
      return NULL;
    }

  stream = g_file_read (file, NULL, &local_error);
  data = g_malloc (BM_INTAKE_MAX_FILE_SIZE + 1);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), data, BM_INTAKE_MAX_FILE_SIZE + 1,
                                &length, NULL, &local_error))
    {
      set_error (display_name, error, BM_INTAKE_ERROR_IO,
                 _("could not read the file: %s"), local_error->message);
      return NULL;
    }

  if (length > BM_INTAKE_MAX_FILE_SIZE)
    {
      set_error (display_name, error, BM_INTAKE_ERROR_TOO_LARGE,
                 _("the file is too large for a Body Map intake (over 1 MiB)"));
      return NULL;
    }

  return g_bytes_new_take (g_realloc (g_steal_pointer (&data), MAX (length, 1)), length);
}

/* Public API */

static BmIntake *
load_bytes (GBytes      *bytes,
            const char  *display_name,
            gboolean     draft,
            GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  Loader l = { display_name, error, NULL, draft };
  const char *data;
  gsize length;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  if (length > BM_INTAKE_MAX_FILE_SIZE)
    {
      fail (&l, BM_INTAKE_ERROR_TOO_LARGE,
            _("the file is too large for a Body Map intake (over 1 MiB)"));
      return NULL;
    }

  root = bm_json_read (data, length, &local_error);
  if (root == NULL)
    {
      fail (&l, BM_INTAKE_ERROR_SYNTAX, "%s", local_error->message);
      return NULL;
    }

  l.atlas = bm_atlas_get_default ();
  return read_intake (&l, root);
}

BmIntake *
bm_intake_load_bytes (GBytes      *bytes,
                      const char  *display_name,
                      GError     **error)
{
  return load_bytes (bytes, display_name, FALSE, error);
}

BmIntake *
bm_intake_load_draft_bytes (GBytes      *bytes,
                            const char  *display_name,
                            GError     **error)
{
  return load_bytes (bytes, display_name, TRUE, error);
}

BmIntake *
bm_intake_load_file (GFile   *file,
                     GError **error)
{
  g_autofree char *display_name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *path;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = dup_display_name (file);
  path = g_file_peek_path (file);

  if (path != NULL)
    bytes = read_local_file (path, display_name, error);
  else
    bytes = read_remote_file (file, display_name, error);

  if (bytes == NULL)
    return NULL;

  return bm_intake_load_bytes (bytes, display_name, error);
}

GBytes *
bm_intake_save_bytes (BmIntake *intake)
{
  BmJsonWriter *w;

  g_return_val_if_fail (BM_IS_INTAKE (intake), NULL);

  w = bm_json_writer_new ();
  write_intake (w, intake);
  return bm_json_writer_free_to_bytes (w);
}

gboolean
bm_intake_save_file (BmIntake  *intake,
                     GFile     *file,
                     GError   **error)
{
  g_autoptr(BmIntake) written = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = NULL;
  const char *path;
  const char *data;
  gsize length;

  g_return_val_if_fail (BM_IS_INTAKE (intake), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = bm_intake_save_bytes (intake);
  data = g_bytes_get_data (bytes, &length);
  display_name = dup_display_name (file);
  path = g_file_peek_path (file);

  /* Never write a file that Body Map would refuse to open. Only unknown
   * keys kept from the source can make it this large; the rest is what the
   * app was given (an empty name, a weekly distance out of range...). */
  if (length > BM_INTAKE_MAX_FILE_SIZE)
    {
      set_error (display_name, error, BM_INTAKE_ERROR_TOO_LARGE,
                 _("could not save: the file would be larger than 1 MiB"));
      return FALSE;
    }

  written = bm_intake_load_bytes (bytes, NULL, &local_error);
  if (written == NULL)
    {
      set_error (display_name, error, local_error->code,
                 _("could not save: %s"), local_error->message);
      return FALSE;
    }

  /* Saving through a symbolic link replaces the file it points to */
  if (path != NULL)
    {
      if (!bm_file_replace (path, ".bodymap-", data, length,
                            BM_FILE_REPLACE_FOLLOW_LINKS, &local_error))
        {
          set_error (display_name, error, BM_INTAKE_ERROR_IO,
                     _("could not save: %s"), local_error->message);
          return FALSE;
        }
    }
  else
    {
      if (!g_file_replace_contents (file, data, length, NULL, FALSE,
                                    G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                    NULL, NULL, &local_error))
        {
          set_error (display_name, error, BM_INTAKE_ERROR_IO,
                     _("could not save: %s"), local_error->message);
          return FALSE;
        }
    }

  /* The file on disk is now the source of the unknown keys: a mark
   * removed and saved does not bring its old keys back later */
  bm_intake_set_source (intake, bm_intake_get_source (written));
  bm_intake_set_modified (intake, FALSE);
  return TRUE;
}
