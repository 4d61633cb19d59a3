/* bm-json-writer.h: the byte-stable JSON layout of Body Map's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Writes JSON the way docs/file-format.md and docs/plan-format.md show it:
 * 2-space indent, one object member or array element a line, "key": value,
 * arrays of plain values on one line, [] and {} when empty. The same calls
 * always give the same bytes, which json-glib's generator does not promise:
 * saved files and plans can be compared byte for byte.
 *
 *   g_autoptr(BmJsonWriter) w = bm_json_writer_new ();
 *   bm_json_writer_begin_object (w);
 *   bm_json_writer_key (w, "symptoms");
 *   bm_json_writer_string_array (w, symptoms);
 *   bm_json_writer_end_object (w);
 *   json = bm_json_writer_free_to_string (g_steal_pointer (&w));
 *
 * Every value inside an object follows its key; inside an array it is the
 * next element. */
typedef struct _BmJsonWriter BmJsonWriter;

BmJsonWriter *bm_json_writer_new           (void);
void          bm_json_writer_free          (BmJsonWriter       *writer);
/* The text written, with a final newline; frees @writer */
char         *bm_json_writer_free_to_string (BmJsonWriter      *writer);
GBytes       *bm_json_writer_free_to_bytes (BmJsonWriter       *writer);

void          bm_json_writer_begin_object  (BmJsonWriter       *writer);
void          bm_json_writer_end_object    (BmJsonWriter       *writer);
/* An array with one element a line */
void          bm_json_writer_begin_array   (BmJsonWriter       *writer);
/* An array on one line: [1, 2, "three"]; arrays inside it are too. It
 * must hold no object. */
void          bm_json_writer_begin_inline_array (BmJsonWriter  *writer);
void          bm_json_writer_end_array     (BmJsonWriter       *writer);
void          bm_json_writer_key           (BmJsonWriter       *writer,
                                            const char         *key);

/* NULL is written null */
void          bm_json_writer_string        (BmJsonWriter       *writer,
                                            const char         *value);
void          bm_json_writer_int           (BmJsonWriter       *writer,
                                            gint64              value);
/* The shortest text that reads back as the same double, whole numbers
 * without a fraction (55, 55.5); null when not finite */
void          bm_json_writer_double        (BmJsonWriter       *writer,
                                            double              value);
void          bm_json_writer_bool          (BmJsonWriter       *writer,
                                            gboolean            value);
void          bm_json_writer_null          (BmJsonWriter       *writer);
/* ["a", "b"] on one line; NULL is [] */
void          bm_json_writer_string_array  (BmJsonWriter       *writer,
                                            const char * const *strv);
/* A parsed tree in the same layout, members in their order; arrays that
 * hold no object are written on one line */
void          bm_json_writer_node          (BmJsonWriter       *writer,
                                            JsonNode           *node);

/* Appends @str as a quoted, escaped JSON string (NULL as ""; text that is
 * not UTF-8 is made valid first) */
void          bm_json_append_string        (GString            *out,
                                            const char         *str);
/* @value as bm_json_writer_double() writes it */
void          bm_json_append_double        (GString            *out,
                                            double              value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BmJsonWriter, bm_json_writer_free)

G_END_DECLS
