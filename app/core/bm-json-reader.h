/* bm-json-reader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define BM_JSON_ERROR (bm_json_error_quark ())

typedef enum
{
  BM_JSON_ERROR_EMPTY,          /* nothing but white space */
  BM_JSON_ERROR_ENCODING,       /* invalid UTF-8 or a NUL byte */
  BM_JSON_ERROR_SYNTAX,         /* not RFC 8259 JSON */
  BM_JSON_ERROR_DUPLICATE_KEY,  /* a key twice in one object */
  BM_JSON_ERROR_TOO_DEEP,       /* nested deeper than BM_JSON_MAX_DEPTH */
  BM_JSON_ERROR_NUMBER_RANGE,   /* a number too large for a double */
} BmJsonError;

/* Arrays and objects nested deeper than this are refused. */
#define BM_JSON_MAX_DEPTH 64

GQuark    bm_json_error_quark (void);

/* Strict RFC 8259 reader. @data need not be nul-terminated.
 *
 * Integral numbers (no fraction, no exponent) that fit are G_TYPE_INT64
 * values, every other number is a G_TYPE_DOUBLE. A single UTF-8 byte order
 * mark at the very start is skipped; everything else outside the grammar is
 * an error: comments, single quotes, trailing commas, trailing data, leading
 * zeros, numbers beyond the range of a double, control characters in
 * strings, bad or lone-surrogate \u escapes, \u0000 (strings are C strings),
 * duplicate keys, invalid UTF-8 and NUL bytes.
 *
 * Error messages are translated and start with "line L, column C: " (columns
 * count characters, from 1), except for empty input. */
JsonNode *bm_json_read        (const char  *data,
                               gsize        len,
                               GError     **error);

G_END_DECLS
