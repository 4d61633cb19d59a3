/* bm-json-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-json-reader"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bm-json-reader.h"
#include "bm-json-writer.h"

/* Longest member name quoted in a message, in characters */
#define MESSAGE_NAME_CHARS 40

typedef struct
{
  const char  *start;  /* first byte after a byte order mark */
  const char  *pos;
  const char  *end;
  guint        depth;
  GError     **error;
} Reader;

G_DEFINE_QUARK (bm-json-error-quark, bm_json_error)

static const char utf8_bom[] = "\xef\xbb\xbf";

static JsonNode *read_value (Reader *r);

static void
locate (const char *start,
        const char *at,
        guint      *line,
        guint      *column)
{
  const char *line_start = start;

  *line = 1;
  for (const char *p = start; p < at; p++)
    {
      if (*p == '\n')
        {
          (*line)++;
          line_start = p + 1;
        }
    }

  /* Columns count characters: skip UTF-8 continuation bytes */
  *column = 1;
  for (const char *p = line_start; p < at; p++)
    {
      if (((guchar) *p & 0xc0) != 0x80)
        (*column)++;
    }
}

static void
set_error_at (const char   *start,
              const char   *at,
              GError      **error,
              BmJsonError   code,
              const char   *format,
              ...) G_GNUC_PRINTF (5, 6);

static void
set_error_at (const char   *start,
              const char   *at,
              GError      **error,
              BmJsonError   code,
              const char   *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;
  guint line;
  guint column;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  locate (start, at, &line, &column);

  /* TRANSLATORS: the position of a mistake in a file, then what it is */
  g_set_error (error, BM_JSON_ERROR, code, _("line %u, column %u: %s"),
               line, column, message);
}

#define fail_at(r, at, code, ...) \
  set_error_at ((r)->start, (at), (r)->error, (code), __VA_ARGS__)

static gboolean
at_end (Reader *r)
{
  return r->pos >= r->end;
}

static void
skip_whitespace (Reader *r)
{
  while (r->pos < r->end &&
         (*r->pos == ' ' || *r->pos == '\t' || *r->pos == '\n' || *r->pos == '\r'))
    r->pos++;
}

static gboolean
looks_like_comment (Reader *r)
{
  return r->end - r->pos >= 2 &&
         r->pos[0] == '/' &&
         (r->pos[1] == '/' || r->pos[1] == '*');
}

/* What sits at r->pos, for a message: 'x', 'NaN' (a @word) or U+0007 */
static char *
describe_here (Reader   *r,
               gboolean  word)
{
  const char *p = r->pos;
  gunichar c;

  if (at_end (r))
    return g_strdup (_("the end of the file"));

  if (word && g_ascii_isalnum (*p))
    {
      gsize n = 0;

      while (p + n < r->end && n < 20 && (g_ascii_isalnum (p[n]) || p[n] == '_'))
        n++;
      return g_strdup_printf ("'%.*s'", (int) n, p);
    }

  /* The input is valid UTF-8, so a whole character is there */
  c = g_utf8_get_char (p);
  if (g_unichar_isgraph (c))
    {
      char buf[8];

      buf[g_unichar_to_utf8 (c, buf)] = '\0';
      return g_strdup_printf ("'%s'", buf);
    }

  return g_strdup_printf ("U+%04X", c);
}

/* A member name for a message, without its quotes: escaped as in JSON, so
 * that the message stays on one line whatever the name holds, and cut
 * short when long */
static char *
dup_name_for_message (const char *name)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *shortened = NULL;

  if (g_utf8_strlen (name, -1) > MESSAGE_NAME_CHARS)
    {
      const char *cut = g_utf8_offset_to_pointer (name, MESSAGE_NAME_CHARS);

      shortened = g_strdup_printf ("%.*s…", (int) (cut - name), name);
      name = shortened;
    }

  bm_json_append_string (out, name);
  g_string_truncate (out, out->len - 1);
  g_string_erase (out, 0, 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Reports that @what was expected at r->pos, naming the likely mistake. */
static void
fail_expected (Reader     *r,
               const char *what)
{
  if (looks_like_comment (r))
    fail_at (r, r->pos, BM_JSON_ERROR_SYNTAX, _("comments are not allowed"));
  else if (at_end (r))
    fail_at (r, r->pos, BM_JSON_ERROR_SYNTAX,
             /* TRANSLATORS: %s is what was expected, e.g. "',' or ']'" */
             _("unexpected end of the file, expected %s"), what);
  else
    fail_at (r, r->pos, BM_JSON_ERROR_SYNTAX, _("expected %s"), what);
}

static gboolean
enter_container (Reader *r)
{
  if (r->depth >= BM_JSON_MAX_DEPTH)
    {
      fail_at (r, r->pos, BM_JSON_ERROR_TOO_DEEP,
               _("the data is nested more than %d levels deep"),
               BM_JSON_MAX_DEPTH);
      return FALSE;
    }

  r->depth++;
  return TRUE;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads the four hex digits after "\u" at r->pos */
static gboolean
read_hex4 (Reader  *r,
           guint   *value)
{
  *value = 0;

  if (r->end - r->pos < 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      int v = hex_value (r->pos[i]);

      if (v < 0)
        return FALSE;
      *value = (*value << 4) | (guint) v;
    }

  r->pos += 4;
  return TRUE;
}

static gboolean
read_escape (Reader  *r,
             GString *str)
{
  const char *escape = r->pos;
  guint code;

  g_assert (*r->pos == '\\');
  r->pos++;

  if (at_end (r))
    {
      fail_at (r, escape, BM_JSON_ERROR_SYNTAX,
               _("this string is not closed (missing '\"')"));
      return FALSE;
    }

  switch (*r->pos)
    {
    case '"':  g_string_append_c (str, '"');  break;
    case '\\': g_string_append_c (str, '\\'); break;
    case '/':  g_string_append_c (str, '/');  break;
    case 'b':  g_string_append_c (str, '\b'); break;
    case 'f':  g_string_append_c (str, '\f'); break;
    case 'n':  g_string_append_c (str, '\n'); break;
    case 'r':  g_string_append_c (str, '\r'); break;
    case 't':  g_string_append_c (str, '\t'); break;

    case 'u':
      r->pos++;
      if (!read_hex4 (r, &code))
        {
          fail_at (r, escape, BM_JSON_ERROR_SYNTAX,
                   _("invalid \\u escape (expected four hex digits)"));
          return FALSE;
        }

      if (code >= 0xd800 && code <= 0xdbff)
        {
          guint low;

          if (r->end - r->pos >= 2 && r->pos[0] == '\\' && r->pos[1] == 'u')
            {
              const char *second = r->pos;

              r->pos += 2;
              if (!read_hex4 (r, &low))
                {
                  fail_at (r, second, BM_JSON_ERROR_SYNTAX,
                           _("invalid \\u escape (expected four hex digits)"));
                  return FALSE;
                }
              if (low < 0xdc00 || low > 0xdfff)
                {
                  fail_at (r, escape, BM_JSON_ERROR_SYNTAX,
                           _("invalid \\u escape (lone surrogate \\u%04X)"), code);
                  return FALSE;
                }
              code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
            }
          else
            {
              fail_at (r, escape, BM_JSON_ERROR_SYNTAX,
                       _("invalid \\u escape (lone surrogate \\u%04X)"), code);
              return FALSE;
            }
        }
      else if (code >= 0xdc00 && code <= 0xdfff)
        {
          fail_at (r, escape, BM_JSON_ERROR_SYNTAX,
                   _("invalid \\u escape (lone surrogate \\u%04X)"), code);
          return FALSE;
        }
      else if (code == 0)
        {
          /* Valid JSON, but our strings are nul-terminated */
          fail_at (r, escape, BM_JSON_ERROR_SYNTAX,
                   _("\\u0000 (a NUL character) is not allowed in a string"));
          return FALSE;
        }

      g_string_append_unichar (str, code);
      return TRUE;

    default:
      {
        g_autofree char *what = describe_here (r, FALSE);

        fail_at (r, escape, BM_JSON_ERROR_SYNTAX,
                 _("invalid escape: a backslash followed by %s"), what);
        return FALSE;
      }
    }

  r->pos++;
  return TRUE;
}

/* Reads the string at r->pos (an opening '"') */
static char *
read_string (Reader *r)
{
  g_autoptr(GString) str = g_string_new (NULL);
  const char *open = r->pos;

  g_assert (*r->pos == '"');
  r->pos++;

  for (;;)
    {
      const char *chunk = r->pos;
      guchar c;

      while (r->pos < r->end &&
             (guchar) *r->pos >= 0x20 && *r->pos != '"' && *r->pos != '\\')
        r->pos++;
      g_string_append_len (str, chunk, r->pos - chunk);

      if (at_end (r))
        {
          fail_at (r, open, BM_JSON_ERROR_SYNTAX,
                   _("this string is not closed (missing '\"')"));
          return NULL;
        }

      c = (guchar) *r->pos;
      if (c == '"')
        {
          r->pos++;
          return g_string_free (g_steal_pointer (&str), FALSE);
        }
      else if (c == '\\')
        {
          if (!read_escape (r, str))
            return NULL;
        }
      else if (c == '\n' || c == '\r')
        {
          fail_at (r, r->pos, BM_JSON_ERROR_SYNTAX,
                   _("line break inside a string (missing '\"'?)"));
          return NULL;
        }
      else
        {
          fail_at (r, r->pos, BM_JSON_ERROR_SYNTAX,
                   _("control character U+%04X inside a string"), (guint) c);
          return NULL;
        }
    }
}

static gboolean
skip_digits (Reader *r)
{
  const char *begin = r->pos;

  while (r->pos < r->end && g_ascii_isdigit (*r->pos))
    r->pos++;

  return r->pos > begin;
}

static JsonNode *
read_number (Reader *r)
{
  const char *begin = r->pos;
  gboolean integral = TRUE;
  g_autofree char *text = NULL;
  double d;

  if (*r->pos == '-')
    r->pos++;

  if (r->pos < r->end && *r->pos == '0')
    {
      r->pos++;
      if (r->pos < r->end && g_ascii_isdigit (*r->pos))
        {
          fail_at (r, begin, BM_JSON_ERROR_SYNTAX,
                   _("numbers must not start with a leading zero"));
          return NULL;
        }
    }
  else if (!skip_digits (r))
    {
      fail_at (r, begin, BM_JSON_ERROR_SYNTAX,
               _("invalid number (expected a digit after '-')"));
      return NULL;
    }

  if (r->pos < r->end && *r->pos == '.')
    {
      integral = FALSE;
      r->pos++;
      if (!skip_digits (r))
        {
          fail_at (r, r->pos, BM_JSON_ERROR_SYNTAX,
                   _("invalid number (expected a digit after the decimal point)"));
          return NULL;
        }
    }

  if (r->pos < r->end && (*r->pos == 'e' || *r->pos == 'E'))
    {
      integral = FALSE;
      r->pos++;
      if (r->pos < r->end && (*r->pos == '+' || *r->pos == '-'))
        r->pos++;
      if (!skip_digits (r))
        {
          fail_at (r, r->pos, BM_JSON_ERROR_SYNTAX,
                   _("invalid number (expected a digit in the exponent)"));
          return NULL;
        }
    }

  text = g_strndup (begin, r->pos - begin);

  if (integral)
    {
      gint64 v;

      errno = 0;
      v = g_ascii_strtoll (text, NULL, 10);
      if (errno == 0)
        return json_node_init_int (json_node_alloc (), v);
    }

  /* Too small rounds to zero, which is harmless; too large is not */
  d = g_ascii_strtod (text, NULL);
  if (!isfinite (d))
    {
      fail_at (r, begin, BM_JSON_ERROR_NUMBER_RANGE, _("this number is too large"));
      return NULL;
    }

  return json_node_init_double (json_node_alloc (), d);
}

static JsonNode *
read_literal (Reader *r)
{
  static const struct {
    const char *word;
    gsize       len;
    int         kind;
  } literals[] = {
    { "true",  4, 1 },
    { "false", 5, 0 },
    { "null",  4, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      if ((gsize) (r->end - r->pos) >= literals[i].len &&
          memcmp (r->pos, literals[i].word, literals[i].len) == 0)
        {
          r->pos += literals[i].len;
          if (literals[i].kind < 0)
            return json_node_init_null (json_node_alloc ());
          return json_node_init_boolean (json_node_alloc (), literals[i].kind);
        }
    }

  return NULL;
}

static JsonNode *
read_array (Reader *r)
{
  g_autoptr(JsonArray) array = NULL;
  JsonNode *node;

  g_assert (*r->pos == '[');
  if (!enter_container (r))
    return NULL;
  r->pos++;

  array = json_array_new ();
  skip_whitespace (r);

  if (r->pos < r->end && *r->pos == ']')
    {
      r->pos++;
    }
  else
    {
      for (;;)
        {
          JsonNode *element = read_value (r);

          if (element == NULL)
            return NULL;
          json_array_add_element (array, element);

          skip_whitespace (r);
          if (r->pos < r->end && *r->pos == ',')
            {
              const char *comma = r->pos;

              r->pos++;
              skip_whitespace (r);
              if (r->pos < r->end && *r->pos == ']')
                {
                  fail_at (r, comma, BM_JSON_ERROR_SYNTAX,
                           _("a comma before ']' is not allowed"));
                  return NULL;
                }
            }
          else if (r->pos < r->end && *r->pos == ']')
            {
              r->pos++;
              break;
            }
          else
            {
              fail_expected (r, _("',' or ']' after an array element"));
              return NULL;
            }
        }
    }

  r->depth--;
  node = json_node_alloc ();
  json_node_init_array (node, array);
  return node;
}

static JsonNode *
read_object (Reader *r)
{
  g_autoptr(JsonObject) object = NULL;
  const char *comma = NULL;
  JsonNode *node;

  g_assert (*r->pos == '{');
  if (!enter_container (r))
    return NULL;
  r->pos++;

  object = json_object_new ();
  skip_whitespace (r);

  if (r->pos < r->end && *r->pos == '}')
    {
      r->pos++;
      goto done;
    }

  for (;;)
    {
      g_autofree char *key = NULL;
      const char *key_start = r->pos;
      JsonNode *value;

      if (r->pos < r->end && *r->pos == '"')
        {
          key = read_string (r);
          if (key == NULL)
            return NULL;
        }
      else if (r->pos < r->end && *r->pos == '\'')
        {
          fail_at (r, r->pos, BM_JSON_ERROR_SYNTAX,
                   _("single quotes are not allowed, use double quotes"));
          return NULL;
        }
      else if (comma != NULL && r->pos < r->end && *r->pos == '}')
        {
          fail_at (r, comma, BM_JSON_ERROR_SYNTAX,
                   _("a comma before '}' is not allowed"));
          return NULL;
        }
      else
        {
          fail_expected (r, _("a member name in double quotes"));
          return NULL;
        }

      if (json_object_has_member (object, key))
        {
          g_autofree char *name = dup_name_for_message (key);

          fail_at (r, key_start, BM_JSON_ERROR_DUPLICATE_KEY,
                   _("\"%s\" appears twice in the same object"), name);
          return NULL;
        }

      skip_whitespace (r);
      if (r->pos < r->end && *r->pos == ':')
        {
          r->pos++;
        }
      else
        {
          fail_expected (r, _("':' after the member name"));
          return NULL;
        }

      value = read_value (r);
      if (value == NULL)
        return NULL;
      json_object_set_member (object, key, value);

      skip_whitespace (r);
      if (r->pos < r->end && *r->pos == ',')
        {
          comma = r->pos;
          r->pos++;
          skip_whitespace (r);
        }
      else if (r->pos < r->end && *r->pos == '}')
        {
          r->pos++;
          break;
        }
      else
        {
          fail_expected (r, _("',' or '}' after an object member"));
          return NULL;
        }
    }

done:
  r->depth--;
  node = json_node_alloc ();
  json_node_init_object (node, object);
  return node;
}

static JsonNode *
read_value (Reader *r)
{
  JsonNode *node;

  skip_whitespace (r);

  if (at_end (r))
    {
      fail_at (r, r->pos, BM_JSON_ERROR_SYNTAX,
               _("unexpected end of the file, expected a value"));
      return NULL;
    }

  switch (*r->pos)
    {
    case '{':
      return read_object (r);

    case '[':
      return read_array (r);

    case '"':
      {
        g_autofree char *str = read_string (r);

        if (str == NULL)
          return NULL;
        return json_node_init_string (json_node_alloc (), str);
      }

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return read_number (r);

    case '\'':
      fail_at (r, r->pos, BM_JSON_ERROR_SYNTAX,
               _("single quotes are not allowed, use double quotes"));
      return NULL;

    default:
      if ((node = read_literal (r)) != NULL)
        return node;

      if (looks_like_comment (r))
        {
          fail_at (r, r->pos, BM_JSON_ERROR_SYNTAX, _("comments are not allowed"));
        }
      else
        {
          g_autofree char *what = describe_here (r, TRUE);

          fail_at (r, r->pos, BM_JSON_ERROR_SYNTAX,
                   /* TRANSLATORS: %s is a character or word, e.g. 'NaN' */
                   _("unexpected %s, expected a value"), what);
        }
      return NULL;
    }
}

JsonNode *
bm_json_read (const char  *data,
              gsize        len,
              GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  const char *valid_end = NULL;
  Reader r = { 0, };

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";

  r.start = data;
  if (len >= 3 && memcmp (data, utf8_bom, 3) == 0)
    r.start = data + 3;
  r.pos = r.start;
  r.end = data + len;
  r.error = error;

  /* Check the encoding first so that the parser can trust it */
  if (!g_utf8_validate_len (data, len, &valid_end))
    {
      if (valid_end < r.start)
        valid_end = r.start;

      if (valid_end < r.end && *valid_end == '\0')
        set_error_at (r.start, valid_end, error, BM_JSON_ERROR_ENCODING,
                      _("the file contains a NUL byte"));
      else
        set_error_at (r.start, valid_end, error, BM_JSON_ERROR_ENCODING,
                      _("the text is not valid UTF-8"));
      return NULL;
    }

  skip_whitespace (&r);
  if (at_end (&r))
    {
      g_set_error_literal (error, BM_JSON_ERROR, BM_JSON_ERROR_EMPTY,
                           _("the file is empty"));
      return NULL;
    }

  root = read_value (&r);
  if (root == NULL)
    return NULL;

  skip_whitespace (&r);
  if (!at_end (&r))
    {
      if (looks_like_comment (&r))
        fail_at (&r, r.pos, BM_JSON_ERROR_SYNTAX, _("comments are not allowed"));
      else
        fail_at (&r, r.pos, BM_JSON_ERROR_SYNTAX,
                 _("unexpected data after the end of the document"));
      return NULL;
    }

  return g_steal_pointer (&root);
}
