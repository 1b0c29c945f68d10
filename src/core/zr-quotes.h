/* zr-quotes.h: speech quotes and who said them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zr-record.h"

G_BEGIN_DECLS

typedef struct
{
  guint  paragraph;   /* index into record->paragraphs */
  guint  start;       /* character offset of the first quoted character in that paragraph */
  guint  end;         /* character offset just past the last quoted character */
  char  *text;        /* the spoken words, without the quotation marks */
  char  *speaker;     /* name as printed, or a description (市民, 该负责人); NULL if the page does not say */
  char  *role;        /* title and organisation, or NULL */
} ZrQuote;

ZrQuote   *zr_quote_new      (guint       paragraph,
                              guint       start,
                              guint       end,
                              const char *text,
                              const char *speaker,
                              const char *role);
void       zr_quote_free     (ZrQuote    *quote);
/* Quotes of the record in reading order. element-type ZrQuote */
GPtrArray *zr_quotes_extract (const ZrRecord *record);

G_END_DECLS
