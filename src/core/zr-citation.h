/* zr-citation.h: citing an article or one of its quotes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ZR_CITATION_DEFAULT_TEMPLATE \
  "“{quote}”——{speaker}（{role}），《株洲日报》《{headline}》，{bylines}"

typedef enum
{
  ZR_CITATION_FORMAT_PLAIN,
  ZR_CITATION_FORMAT_MARKDOWN,
  ZR_CITATION_FORMAT_GBT7714,
} ZrCitationFormat;

typedef struct
{
  gint64      article_id;
  const char *headline;
  const char *bylines;       /* as the reader should see them: 全媒体记者 廖喜章 通讯员 张迪 */
  const char *authors;       /* names only, for GB/T 7714: 廖喜章, 张迪 */
  const char *page_date;     /* YYYY-MM-DD or NULL */
  int         page_number;   /* -1 if unknown */
  const char *quote;         /* NULL to cite the article */
  const char *speaker;
  const char *role;
} ZrCitationSource;

gboolean  zr_citation_format_from_string (const char         *str,
                                          ZrCitationFormat   *format);
/* @template: NULL for ZR_CITATION_DEFAULT_TEMPLATE (plain and markdown only).
 * Unknown parts are left out with the punctuation that belongs to them. */
char     *zr_citation_format  (const ZrCitationSource *source,
                               ZrCitationFormat        format,
                               const char             *template_);
/* zhuzhou-reader://article/ID */
char     *zr_citation_dup_link (gint64 article_id);

G_END_DECLS
