/* zr-search.h: Chinese full-text search (FTS5 with our own tokenizer)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "zr-database.h"
#include "zr-filter.h"
#include "zr-record.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  double  score;
  char   *headline;
  char   *district;
  char   *snippet;    /* matched text between 【 and 】 */
} ZrSearchHit;

void        zr_search_hit_free            (ZrSearchHit       *hit);

/* Called by zr_database_open() on every connection, before the schema. */
gboolean    zr_search_register_tokenizer  (sqlite3           *db,
                                           GError           **error);
/* Called once, inside the transaction of the first migration. */
gboolean    zr_search_create_schema       (ZrDatabase        *db,
                                           GError           **error);
/* Called by the importer inside the file's transaction. */
gboolean    zr_search_index_record        (ZrDatabase        *db,
                                           gint64             record_id,
                                           const ZrRecord    *record,
                                           GError           **error);
gboolean    zr_search_unindex_record      (ZrDatabase        *db,
                                           gint64             record_id,
                                           GError           **error);
/* The user's text → an FTS5 MATCH expression. Returns NULL without error
 * for a query that means "no filter" (empty, only spaces). Never returns
 * an expression FTS5 could reject. */
char       *zr_search_build_match         (const char        *user_query);
/* Ranked hits (best first) with snippets, within the other filters of
 * @filter (its query is ignored: @query is used). */
GPtrArray  *zr_search_run                 (ZrDatabase        *db,
                                           const char        *query,
                                           const ZrFilter    *filter,
                                           guint              limit,
                                           GError           **error);

G_END_DECLS
