/* zr-encoding.c  (STUB: to be replaced by the encoding work)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zr-encoding.h"
#include "zr-error.h"

char *
zr_text_decode (const char  *data,
                gsize        len,
                const char  *forced_encoding,
                char       **out_encoding,
                GError     **error)
{
  GString *s;
  if (!g_utf8_validate_len (data, len, NULL))
    {
      g_set_error (error, ZR_IMPORT_ERROR, ZR_IMPORT_ERROR_UNDECODABLE, _("Not UTF-8"));
      return NULL;
    }
  s = g_string_new_len (data, len);
  g_string_replace (s, "\r\n", "\n", 0);
  if (out_encoding)
    *out_encoding = g_strdup ("UTF-8");
  return g_string_free (s, FALSE);
}
