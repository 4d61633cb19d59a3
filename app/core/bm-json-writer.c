/* bm-json-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-json-writer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "bm-json-writer.h"

/* An open object or array */
typedef struct
{
  guint8 is_array;
  guint8 is_inline;  /* an array on one line */
  guint8 empty;
} Frame;

struct _BmJsonWriter
{
  GString *out;
  GArray  *frames;
};

static void
append_indent (GString *out,
               guint    level)
{
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

static Frame *
get_top_frame (BmJsonWriter *self)
{
  if (self->frames->len == 0)
    return NULL;
  return &g_array_index (self->frames, Frame, self->frames->len - 1);
}

/* What goes before a value: in an array, the separator and the indent; in
 * an object the key has written it */
static void
begin_value (BmJsonWriter *self)
{
  Frame *top = get_top_frame (self);

  if (top == NULL || !top->is_array)
    return;

  if (top->is_inline)
    {
      if (!top->empty)
        g_string_append (self->out, ", ");
    }
  else
    {
      g_string_append (self->out, top->empty ? "\n" : ",\n");
      append_indent (self->out, self->frames->len);
    }
  top->empty = FALSE;
}

static void
push_frame (BmJsonWriter *self,
            gboolean      is_array,
            gboolean      is_inline,
            char          bracket)
{
  Frame frame = { is_array, is_inline, TRUE };

  begin_value (self);
  g_string_append_c (self->out, bracket);
  g_array_append_val (self->frames, frame);
}

static void
pop_frame (BmJsonWriter *self,
           gboolean      is_array,
           char          bracket)
{
  Frame frame;

  g_return_if_fail (self->frames->len > 0);

  frame = *get_top_frame (self);
  g_return_if_fail (frame.is_array == is_array);

  g_array_set_size (self->frames, self->frames->len - 1);
  if (!frame.empty && !frame.is_inline)
    {
      g_string_append_c (self->out, '\n');
      append_indent (self->out, self->frames->len);
    }
  g_string_append_c (self->out, bracket);
}

/* TRUE when no object is inside the array, however deep */
static gboolean
array_is_flat (JsonArray *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (element) ||
          (JSON_NODE_HOLDS_ARRAY (element) && !array_is_flat (json_node_get_array (element))))
        return FALSE;
    }

  return TRUE;
}

BmJsonWriter *
bm_json_writer_new (void)
{
  BmJsonWriter *self = g_new0 (BmJsonWriter, 1);

  self->out = g_string_sized_new (4096);
  self->frames = g_array_sized_new (FALSE, FALSE, sizeof (Frame), 8);
  return self;
}

void
bm_json_writer_free (BmJsonWriter *self)
{
  if (self == NULL)
    return;
  g_string_free (self->out, TRUE);
  g_array_unref (self->frames);
  g_free (self);
}

char *
bm_json_writer_free_to_string (BmJsonWriter *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);
  g_warn_if_fail (self->frames->len == 0);

  out = g_steal_pointer (&self->out);
  g_string_append_c (out, '\n');
  g_array_unref (self->frames);
  g_free (self);
  return g_string_free (out, FALSE);
}

GBytes *
bm_json_writer_free_to_bytes (BmJsonWriter *self)
{
  char *text;

  g_return_val_if_fail (self != NULL, NULL);

  text = bm_json_writer_free_to_string (self);
  return g_bytes_new_take (text, strlen (text));
}

void
bm_json_writer_begin_object (BmJsonWriter *self)
{
  Frame *top;

  g_return_if_fail (self != NULL);
  top = get_top_frame (self);
  g_return_if_fail (top == NULL || !top->is_inline);

  push_frame (self, FALSE, FALSE, '{');
}

void
bm_json_writer_end_object (BmJsonWriter *self)
{
  g_return_if_fail (self != NULL);

  pop_frame (self, FALSE, '}');
}

void
bm_json_writer_begin_array (BmJsonWriter *self)
{
  Frame *top;

  g_return_if_fail (self != NULL);

  top = get_top_frame (self);
  push_frame (self, TRUE, top != NULL && top->is_inline, '[');
}

void
bm_json_writer_begin_inline_array (BmJsonWriter *self)
{
  g_return_if_fail (self != NULL);

  push_frame (self, TRUE, TRUE, '[');
}

void
bm_json_writer_end_array (BmJsonWriter *self)
{
  g_return_if_fail (self != NULL);

  pop_frame (self, TRUE, ']');
}

void
bm_json_writer_key (BmJsonWriter *self,
                    const char   *key)
{
  Frame *top;

  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL);
  top = get_top_frame (self);
  g_return_if_fail (top != NULL && !top->is_array);

  g_string_append (self->out, top->empty ? "\n" : ",\n");
  append_indent (self->out, self->frames->len);
  bm_json_append_string (self->out, key);
  g_string_append (self->out, ": ");
  top->empty = FALSE;
}

void
bm_json_writer_string (BmJsonWriter *self,
                       const char   *value)
{
  g_return_if_fail (self != NULL);

  begin_value (self);
  if (value == NULL)
    g_string_append (self->out, "null");
  else
    bm_json_append_string (self->out, value);
}

void
bm_json_writer_int (BmJsonWriter *self,
                    gint64        value)
{
  g_return_if_fail (self != NULL);

  begin_value (self);
  g_string_append_printf (self->out, "%" G_GINT64_FORMAT, value);
}

void
bm_json_writer_double (BmJsonWriter *self,
                       double        value)
{
  g_return_if_fail (self != NULL);

  begin_value (self);
  bm_json_append_double (self->out, value);
}

void
bm_json_writer_bool (BmJsonWriter *self,
                     gboolean      value)
{
  g_return_if_fail (self != NULL);

  begin_value (self);
  g_string_append (self->out, value ? "true" : "false");
}

void
bm_json_writer_null (BmJsonWriter *self)
{
  g_return_if_fail (self != NULL);

  begin_value (self);
  g_string_append (self->out, "null");
}

void
bm_json_writer_string_array (BmJsonWriter       *self,
                             const char * const *strv)
{
  g_return_if_fail (self != NULL);

  bm_json_writer_begin_inline_array (self);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    bm_json_writer_string (self, strv[i]);
  bm_json_writer_end_array (self);
}

void
bm_json_writer_node (BmJsonWriter *self,
                     JsonNode     *node)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (node != NULL);

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        bm_json_writer_begin_object (self);
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            bm_json_writer_key (self, name);
            bm_json_writer_node (self, member);
          }
        bm_json_writer_end_object (self);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        if (array_is_flat (array))
          bm_json_writer_begin_inline_array (self);
        else
          bm_json_writer_begin_array (self);
        for (guint i = 0; i < json_array_get_length (array); i++)
          bm_json_writer_node (self, json_array_get_element (array, i));
        bm_json_writer_end_array (self);
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          bm_json_writer_int (self, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          bm_json_writer_double (self, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          bm_json_writer_bool (self, json_node_get_boolean (node));
          break;
        case G_TYPE_STRING:
          /* a string node never holds NULL from the reader; "" as before */
          bm_json_writer_string (self, json_node_get_string (node) ? json_node_get_string (node) : "");
          break;
        default:
          bm_json_writer_null (self);
        }
      break;

    case JSON_NODE_NULL:
    default:
      bm_json_writer_null (self);
      break;
    }
}

void
bm_json_append_string (GString    *out,
                       const char *str)
{
  g_autofree char *valid = NULL;

  g_return_if_fail (out != NULL);

  if (str == NULL)
    str = "";

  if (!g_utf8_validate (str, -1, NULL))
    str = valid = g_utf8_make_valid (str, -1);

  g_string_append_c (out, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b");  break;
        case '\f': g_string_append (out, "\\f");  break;
        case '\n': g_string_append (out, "\\n");  break;
        case '\r': g_string_append (out, "\\r");  break;
        case '\t': g_string_append (out, "\\t");  break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

void
bm_json_append_double (GString *out,
                       double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (out != NULL);

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  if (value == floor (value) && fabs (value) < 9007199254740992.0)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) value);
      return;
    }

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
}
