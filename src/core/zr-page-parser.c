/* zr-page-parser.c  (STUB: to be replaced by the segmentation work)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-page-parser.h"

ZrPage *
zr_page_parse (const char *text)
{
  ZrPage *page = zr_page_new ();
  ZrRecord *r = zr_record_new (ZR_RECORD_KIND_ARTICLE);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  int offset = 0;
  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *t = g_strstrip (g_strdup (lines[i]));
      if (*t)
        {
          if (r->headline == NULL)
            {
              r->headline = g_strdup (t);
              r->headline_offset = offset;
            }
          else
            g_ptr_array_add (r->paragraphs, zr_paragraph_new (ZR_PARAGRAPH_KIND_BODY, t, offset));
        }
      offset += g_utf8_strlen (lines[i], -1) + 1;
    }
  g_ptr_array_add (page->records, r);
  return page;
}
