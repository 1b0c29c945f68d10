/* zr-clippings.h: saved quotes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zr-article.h"
#include "zr-database.h"

G_BEGIN_DECLS

typedef enum
{
  ZR_CLIPPINGS_FORMAT_MARKDOWN,
  ZR_CLIPPINGS_FORMAT_CSV,
  ZR_CLIPPINGS_FORMAT_JSON,
} ZrClippingsFormat;

typedef struct
{
  gint64  id;
  gint64  article_id;      /* -1 once the article is gone */
  char   *quote;
  char   *speaker;
  char   *role;
  char   *headline;
  char   *citation;
  char   *note;
  gint64  saved_at;        /* unix time */
  char   *source_path;     /* the page file the quote came from ("" if unknown) */
  int     record_position; /* position of the article on that page, -1 if unknown */
} ZrClipping;

void        zr_clipping_free          (ZrClipping        *clipping);
/* Clippings keep a copy of what they show (quote, speaker, role, headline,
 * citation) and the page file + position of the article, so they survive
 * a re-import that renumbers articles; article_id is looked up again from
 * source_path + record_position each time clippings are read.
 *
 * zr_clippings_save: saves the article's @quote_index-th quote (from 1, as in
 * article->quotes), or @text (a selection, speaker unknown) when @quote_index
 * is 0. @note may be NULL. Saving the same text from the same article twice
 * keeps one (the note of the later save wins when given). Returns the
 * clipping's id, or -1 with ZR_DATABASE_ERROR_NOT_FOUND for a quote index out
 * of range or an empty selection. */
gint64      zr_clippings_save         (ZrDatabase        *db,
                                       const ZrArticle   *article,
                                       guint              quote_index,
                                       const char        *text,
                                       const char        *note,
                                       GError           **error);
GPtrArray  *zr_clippings_list         (ZrDatabase        *db,
                                       GError           **error);
guint       zr_clippings_count        (ZrDatabase        *db);
gboolean    zr_clippings_delete       (ZrDatabase        *db,
                                       gint64             id,
                                       GError           **error);
/* "markdown", "csv", "json" */
gboolean    zr_clippings_format_from_string (const char   *str,
                                             ZrClippingsFormat *format);
/* All clippings, oldest first:
 * MARKDOWN: a "# 引语收藏" document, one blockquote + source line each;
 * CSV: UTF-8 with a BOM, a header row, RFC 4180 quoting, CRLF line ends;
 * columns quote,speaker,role,headline,citation,note,source_path,
 * record_position,article_id,saved_at (ISO 8601 UTC);
 * JSON: an array of objects with the same keys (saved_at as unix time),
 * which zr_clippings_import_json() reads back. */
char       *zr_clippings_export       (ZrDatabase        *db,
                                       ZrClippingsFormat  format,
                                       GError           **error);
/* Imports clippings exported as JSON; ones already there are skipped.
 * Malformed JSON, or an element without a "quote" string, fails with
 * ZR_DATA_ERROR_INVALID and imports nothing. @out_added may be NULL. */
gboolean    zr_clippings_import_json  (ZrDatabase        *db,
                                       const char        *json,
                                       guint             *out_added,
                                       GError           **error);

G_END_DECLS
