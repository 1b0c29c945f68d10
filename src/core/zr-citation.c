/* zr-citation.c  (STUB: to be replaced by the quotes work)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-citation.h"

gboolean
zr_citation_format_from_string (const char       *str,
                                ZrCitationFormat *format)
{
  if (g_strcmp0 (str, "plain") == 0)
    *format = ZR_CITATION_FORMAT_PLAIN;
  else if (g_strcmp0 (str, "markdown") == 0)
    *format = ZR_CITATION_FORMAT_MARKDOWN;
  else if (g_strcmp0 (str, "gbt7714") == 0)
    *format = ZR_CITATION_FORMAT_GBT7714;
  else
    return FALSE;
  return TRUE;
}

char *
zr_citation_format (const ZrCitationSource *source,
                    ZrCitationFormat        format,
                    const char             *template_)
{
  return g_strdup_printf ("“%s”《%s》", source->quote ? source->quote : "", source->headline ? source->headline : "");
}

char *
zr_citation_dup_link (gint64 article_id)
{
  return g_strdup_printf ("zhuzhou-reader://article/%" G_GINT64_FORMAT, article_id);
}
