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
} ZrClipping;

void        zr_clipping_free          (ZrClipping        *clipping);
/* Saves the article's @quote_index-th quote (from 1), or @text (a selection)
 * when @quote_index is 0. Saving the same quote twice keeps one. */
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
gboolean    zr_clippings_format_from_string (const char   *str,
                                             ZrClippingsFormat *format);
char       *zr_clippings_export       (ZrDatabase        *db,
                                       ZrClippingsFormat  format,
                                       GError           **error);
/* Imports clippings exported as JSON; ones already there are skipped. */
gboolean    zr_clippings_import_json  (ZrDatabase        *db,
                                       const char        *json,
                                       guint             *out_added,
                                       GError           **error);

G_END_DECLS
