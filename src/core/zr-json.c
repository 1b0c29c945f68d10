/* zr-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-json.h"

struct _ZrJson
{
  GString  *out;
  GArray   *first;     /* gboolean per open container: no member written yet */
  gboolean  pretty;
  gboolean  after_key;
};

ZrJson *
zr_json_new (gboolean pretty)
{
  ZrJson *json = g_new0 (ZrJson, 1);
  json->out = g_string_new (NULL);
  json->first = g_array_new (FALSE, FALSE, sizeof (gboolean));
  json->pretty = pretty;
  return json;
}

void
zr_json_free (ZrJson *json)
{
  if (json == NULL)
    return;
  if (json->out)
    g_string_free (json->out, TRUE);
  g_array_unref (json->first);
  g_free (json);
}

char *
zr_json_steal (ZrJson *json)
{
  char *text;
  if (json->pretty)
    g_string_append_c (json->out, '\n');
  text = g_string_free (json->out, FALSE);
  json->out = NULL;
  zr_json_free (json);
  return text;
}

static void
newline (ZrJson *json)
{
  if (!json->pretty)
    return;
  g_string_append_c (json->out, '\n');
  for (guint i = 0; i < json->first->len; i++)
    g_string_append (json->out, "  ");
}

/* Writes the separator before a value (or a key). */
static void
before_value (ZrJson *json)
{
  gboolean *first;

  if (json->after_key)
    {
      json->after_key = FALSE;
      return;
    }
  if (json->first->len == 0)
    return;
  first = &g_array_index (json->first, gboolean, json->first->len - 1);
  if (!*first)
    g_string_append_c (json->out, ',');
  *first = FALSE;
  newline (json);
}

static void
open_container (ZrJson *json,
                char    c)
{
  gboolean t = TRUE;
  before_value (json);
  g_string_append_c (json->out, c);
  g_array_append_val (json->first, t);
}

static void
close_container (ZrJson *json,
                 char    c)
{
  gboolean was_empty;
  g_return_if_fail (json->first->len > 0);
  was_empty = g_array_index (json->first, gboolean, json->first->len - 1);
  g_array_set_size (json->first, json->first->len - 1);
  if (!was_empty)
    newline (json);
  g_string_append_c (json->out, c);
}

void zr_json_begin_object (ZrJson *json) { open_container (json, '{'); }
void zr_json_end_object   (ZrJson *json) { close_container (json, '}'); }
void zr_json_begin_array  (ZrJson *json) { open_container (json, '['); }
void zr_json_end_array    (ZrJson *json) { close_container (json, ']'); }

void
zr_json_append_escaped (GString    *out,
                        const char *value)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) value; *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

void
zr_json_key (ZrJson     *json,
             const char *key)
{
  before_value (json);
  zr_json_append_escaped (json->out, key);
  g_string_append (json->out, json->pretty ? ": " : ":");
  json->after_key = TRUE;
}

void
zr_json_string (ZrJson     *json,
                const char *value)
{
  before_value (json);
  if (value == NULL)
    g_string_append (json->out, "null");
  else if (g_utf8_validate (value, -1, NULL))
    zr_json_append_escaped (json->out, value);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (value, -1);
      zr_json_append_escaped (json->out, valid);
    }
}

void
zr_json_int (ZrJson *json,
             gint64  value)
{
  before_value (json);
  g_string_append_printf (json->out, "%" G_GINT64_FORMAT, value);
}

void
zr_json_double (ZrJson *json,
                double  value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  before_value (json);
  g_string_append (json->out, g_ascii_formatd (buf, sizeof buf, "%.4g", value));
}

void
zr_json_bool (ZrJson   *json,
              gboolean  value)
{
  before_value (json);
  g_string_append (json->out, value ? "true" : "false");
}

void
zr_json_null (ZrJson *json)
{
  before_value (json);
  g_string_append (json->out, "null");
}

void
zr_json_raw (ZrJson     *json,
             const char *text)
{
  before_value (json);
  g_string_append (json->out, text ? text : "null");
}
