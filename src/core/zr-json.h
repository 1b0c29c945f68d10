/* zr-json.h: a small JSON writer (UTF-8 kept as is, not \u-escaped)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ZrJson ZrJson;

ZrJson *zr_json_new          (gboolean     pretty);
void    zr_json_free         (ZrJson      *json);
/* Ends the document and returns its text. */
char   *zr_json_steal        (ZrJson      *json);
void    zr_json_begin_object (ZrJson      *json);
void    zr_json_end_object   (ZrJson      *json);
void    zr_json_begin_array  (ZrJson      *json);
void    zr_json_end_array    (ZrJson      *json);
/* Inside an object: the next value's key. */
void    zr_json_key          (ZrJson      *json,
                              const char  *key);
void    zr_json_string       (ZrJson      *json,
                              const char  *value);   /* NULL writes null */
void    zr_json_int          (ZrJson      *json,
                              gint64       value);
void    zr_json_double       (ZrJson      *json,
                              double       value);
void    zr_json_bool         (ZrJson      *json,
                              gboolean     value);
void    zr_json_null         (ZrJson      *json);
/* Inserts already-formed JSON text (e.g. a stored why_json). */
void    zr_json_raw          (ZrJson      *json,
                              const char  *text);
/* Appends @value escaped as a JSON string (with quotes) to @out. */
void    zr_json_append_escaped (GString   *out,
                                const char *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZrJson, zr_json_free)

G_END_DECLS
