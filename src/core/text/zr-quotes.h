/* zr-quotes.h: speech quotes and who said them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zr-record.h"

G_BEGIN_DECLS

/* One quote found in a record.
 *
 * Offsets count characters (not bytes) in record->paragraphs[paragraph]->text
 * and cover the spoken words without the quotation marks, so that
 * g_utf8_substring (paragraph->text, start, end) equals @text.
 *
 * @speaker is the name as printed (康久清, 袁女士, 李总), or a description when
 * the page gives no name (市民, 该负责人, 现场一名城管队员, 区商粮局相关负责人);
 * NULL when the page does not say who spoke.
 * @role is the title and organisation printed before the name
 * (石峰区城管局局长) or remembered from an earlier mention of the same name in
 * the record; NULL for descriptions and when not printed. Descriptive words
 * such as 市民 or 家住某社区的 are not roles. */
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
ZrQuote   *zr_quote_copy     (const ZrQuote *quote);
void       zr_quote_free     (ZrQuote    *quote);

/* Quotes of the record in reading order. element-type ZrQuote, transfer full.
 *
 * A quote is a sentence someone said or wrote: words in “…”, 「…」 or ASCII
 * "…" (nested ‘…’ stay inside the text), or a `speaker：words` statement
 * (as under a 【声音】 heading). Quoted names, terms, slogans, banner texts
 * and document titles (“建宁驿站”, “三微”, “干净、便利、美观”) are not
 * quotes. Consecutive quotes “…”“…” are separate quotes sharing a speaker.
 * Unbalanced quotation marks are skipped. Never fails; NULL @record gives an
 * empty array. */
GPtrArray *zr_quotes_extract (const ZrRecord *record);

/* Splits a phrase naming a person (石峰区城管局局长康久清, 市民袁女士,
 * 该负责人) into speaker and role as zr_quotes_extract() does. Returns FALSE
 * when @phrase does not name a person. Exposed for tests and tools. */
gboolean   zr_quotes_parse_speaker (const char  *phrase,
                                    char       **out_speaker,
                                    char       **out_role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZrQuote, zr_quote_free)

G_END_DECLS
