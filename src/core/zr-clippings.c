/* zr-clippings.c  (STUB: to be replaced by the quotes work)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-clippings.h"
#include "zr-error.h"

void
zr_clipping_free (ZrClipping *c)
{
  if (c == NULL)
    return;
  g_free (c->quote);
  g_free (c->speaker);
  g_free (c->role);
  g_free (c->headline);
  g_free (c->citation);
  g_free (c->note);
  g_free (c);
}

gint64
zr_clippings_save (ZrDatabase       *db,
                   const ZrArticle  *article,
                   guint             quote_index,
                   const char       *text,
                   const char       *note,
                   GError          **error)
{
  g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED, "not implemented");
  return -1;
}

GPtrArray *
zr_clippings_list (ZrDatabase  *db,
                   GError     **error)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) zr_clipping_free);
}

guint
zr_clippings_count (ZrDatabase *db)
{
  return 0;
}

gboolean
zr_clippings_delete (ZrDatabase  *db,
                     gint64       id,
                     GError     **error)
{
  return TRUE;
}

gboolean
zr_clippings_format_from_string (const char        *str,
                                 ZrClippingsFormat *format)
{
  return FALSE;
}

char *
zr_clippings_export (ZrDatabase         *db,
                     ZrClippingsFormat   format,
                     GError            **error)
{
  return g_strdup ("");
}

gboolean
zr_clippings_import_json (ZrDatabase  *db,
                          const char  *json,
                          guint       *out_added,
                          GError     **error)
{
  *out_added = 0;
  return TRUE;
}
