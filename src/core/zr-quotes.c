/* zr-quotes.c  (STUB: to be replaced by the quotes work)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-quotes.h"

ZrQuote *
zr_quote_new (guint       paragraph,
              guint       start,
              guint       end,
              const char *text,
              const char *speaker,
              const char *role)
{
  ZrQuote *q = g_new0 (ZrQuote, 1);
  q->paragraph = paragraph;
  q->start = start;
  q->end = end;
  q->text = g_strdup (text);
  q->speaker = g_strdup (speaker);
  q->role = g_strdup (role);
  return q;
}

void
zr_quote_free (ZrQuote *quote)
{
  if (quote == NULL)
    return;
  g_free (quote->text);
  g_free (quote->speaker);
  g_free (quote->role);
  g_free (quote);
}

GPtrArray *
zr_quotes_extract (const ZrRecord *record)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) zr_quote_free);
}
