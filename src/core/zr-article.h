/* zr-article.h: one record as read back from the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zr-citation.h"
#include "zr-record.h"

G_BEGIN_DECLS

typedef struct
{
  gint64     id;
  gint64     source_id;
  int        position;          /* order on the page, from 0 */
  char      *source_path;
  char      *source_name;       /* base name of the file */
  char      *page_date;         /* YYYY-MM-DD or NULL */
  int        page_number;       /* 版次 or -1 */
  ZrRecord  *record;            /* headline, column, kicker, bylines, paragraphs … */
  guint      chars;
  char      *district;          /* primary */
  GStrv      districts;         /* every district mentioned, primary first */
  char      *topic;             /* primary */
  GStrv      topics;            /* primary first */
  char      *why_json;
  GPtrArray *quotes;            /* element-type ZrQuote */
  GPtrArray *figures;           /* element-type ZrFigure */
} ZrArticle;

/* What a list row shows: cheap to fetch. */
typedef struct
{
  gint64  id;
  char   *kind;
  char   *headline;
  char   *column;
  char   *kicker;
  char   *district;
  char   *topic;
  char   *source_name;
  char   *page_date;
  int     page_number;
  guint   chars;
  char   *lead;                 /* the start of its first paragraph, or NULL */
} ZrArticleSummary;

void   zr_article_free          (ZrArticle        *article);
/* What the list, the CLI and the window call a record: its headline, else
 * the start of its first paragraph (@lead) cut to 24 characters with "…",
 * else "Notice" or "(untitled)" */
char  *zr_article_dup_title     (const char       *kind,
                                 const char       *headline,
                                 const char       *lead);
void   zr_article_summary_free  (ZrArticleSummary *summary);
/* "全媒体记者 廖喜章 通讯员 张迪" */
char  *zr_article_dup_bylines_display (const ZrArticle *article);
/* "廖喜章, 张迪" */
char  *zr_article_dup_authors   (const ZrArticle  *article);

void   zr_article_fill_citation_source  (const ZrArticle  *article,
                                        ZrCitationSource *source);
void   zr_article_clear_citation_source (ZrCitationSource *source);

/* The citation of the article (@quote_index 0) or of its @quote_index-th
 * quote (from 1), as the CLI's `cite` and the window's "Copy with citation"
 * give it. @format is a ZrCitationFormat; @template_ NULL for the default.
 * Returns NULL with ZR_DATA_ERROR_INVALID if there is no such quote. */
char  *zr_article_format_citation (const ZrArticle *article,
                                   guint            quote_index,
                                   int              format,
                                   const char      *template_,
                                   GError         **error);
/* Same, for a piece of text the reader selected. */
char  *zr_article_format_selection_citation (const ZrArticle *article,
                                             const char      *text,
                                             int              format,
                                             const char      *template_);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZrArticle, zr_article_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZrArticleSummary, zr_article_summary_free)

G_END_DECLS
