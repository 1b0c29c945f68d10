/* zr-citation.h: citing an article or one of its quotes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Placeholders of a template: {quote} {speaker} {role} {headline} {bylines}
 * {authors} {date} (2023-03-15) {date_zh} (2023年3月15日) {page} (3) {link}.
 * A placeholder whose value is unknown is dropped with the punctuation that
 * belongs to it: the brackets around it (（）《》“”()[]【】 and 第…版) or the
 * separator before it (——，、: space), so no "（）", "，，" or trailing "，"
 * is left. A speaker's role with no speaker stands in for the speaker. */
#define ZR_CITATION_DEFAULT_TEMPLATE \
  "“{quote}”——{speaker}（{role}），《株洲日报》《{headline}》，{bylines}"

/* Used for plain citations of an article (no quote). */
#define ZR_CITATION_ARTICLE_TEMPLATE \
  "《{headline}》，{bylines}，《株洲日报》{date_zh}第{page}版"

typedef enum
{
  ZR_CITATION_FORMAT_PLAIN,
  ZR_CITATION_FORMAT_MARKDOWN,
  ZR_CITATION_FORMAT_GBT7714,
} ZrCitationFormat;

typedef struct
{
  gint64      article_id;    /* <= 0: no link */
  const char *headline;
  const char *bylines;       /* as the reader should see them: 全媒体记者 廖喜章 通讯员 张迪 */
  const char *authors;       /* names only, for GB/T 7714: 廖喜章, 张迪 */
  const char *page_date;     /* YYYY-MM-DD or NULL */
  int         page_number;   /* -1 if unknown */
  const char *quote;         /* NULL to cite the article */
  const char *speaker;
  const char *role;
} ZrCitationSource;

/* "plain", "markdown", "gbt7714" (also "gb7714", "gbt"). */
gboolean  zr_citation_format_from_string (const char         *str,
                                          ZrCitationFormat   *format);
const char *zr_citation_format_to_string (ZrCitationFormat    format);

/* The citation text (transfer full, never NULL; NULL/empty fields of @source
 * count as unknown).
 *
 * PLAIN: @template_ filled in (NULL: ZR_CITATION_DEFAULT_TEMPLATE for a quote,
 *   ZR_CITATION_ARTICLE_TEMPLATE for an article).
 * MARKDOWN: the quote as a blockquote ("> …", then "> ——speaker（role）"), a
 *   blank line and a source line
 *   "来源：《株洲日报》[《headline》](zhuzhou-reader://article/ID)，bylines，date 第N版";
 *   for an article only the source line. @template_ is not used.
 * GBT7714: "作者. 题名[N]. 株洲日报, 2023-03-15(03)." (GB/T 7714-2015 newspaper
 *   article; more than three authors end in ", 等"; the list number [n] is the
 *   user's to add). A quote cites its article. @template_ is not used. */
char     *zr_citation_format  (const ZrCitationSource *source,
                               ZrCitationFormat        format,
                               const char             *template_);
/* Fills @template_ with @source as PLAIN does. */
char     *zr_citation_apply_template (const ZrCitationSource *source,
                                      const char             *template_);
/* zhuzhou-reader://article/ID */
char     *zr_citation_dup_link (gint64 article_id);

G_END_DECLS
