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

/* Name under which the tokenizer is registered on each connection. */
#define ZR_SEARCH_TOKENIZER "zr_hanzi"

/* At most this many terms of a query are used; the rest are ignored. */
#define ZR_SEARCH_MAX_TERMS 32
/* A term is cut after this many indexed characters. */
#define ZR_SEARCH_MAX_TERM_CHARS 256

typedef struct
{
  gint64  id;
  double  score;
  char   *headline;
  char   *district;
  char   *snippet;    /* matched text between 【 and 】 */
} ZrSearchHit;

void        zr_search_hit_free            (ZrSearchHit       *hit);

/* Called by zr_database_open() on every connection, before the schema:
 * registers the tokenizer and the module of the virtual table record_fts. */
gboolean    zr_search_register_tokenizer  (sqlite3           *db,
                                           GError           **error);
/* Called once, inside the transaction of the first migration. */
gboolean    zr_search_create_schema       (ZrDatabase        *db,
                                           GError           **error);
/* Index after the record's rows (records, paragraphs, bylines) are
 * stored, unindex before they are deleted or changed: the index keeps no
 * copy of the text and reads it from those rows. One record at a time
 * (repairs, tests); the importer uses the _source functions below. */
gboolean    zr_search_index_record        (ZrDatabase        *db,
                                           gint64             record_id,
                                           const ZrRecord    *record,
                                           GError           **error);
gboolean    zr_search_unindex_record      (ZrDatabase        *db,
                                           gint64             record_id,
                                           GError           **error);
/* The same for every record of one source file, in one statement per
 * index table: the importer calls these inside the file's transaction,
 * once per file (FTS5 flushes at the end of each statement, so this
 * writes few large segments instead of many small ones). Records already
 * indexed (resp. not indexed) are left alone. */
gboolean    zr_search_index_source        (ZrDatabase        *db,
                                           gint64             source_id,
                                           GError           **error);
gboolean    zr_search_unindex_source      (ZrDatabase        *db,
                                           gint64             source_id,
                                           GError           **error);
/* Re-reads every stored record into the index (repair). */
gboolean    zr_search_rebuild             (ZrDatabase        *db,
                                           GError           **error);
/* The user's text → its terms, folded and quoted ("城管" "局 驿站" -"党建"),
 * what the virtual table record_fts takes on the right of MATCH:
 *   SELECT rowid FROM record_fts WHERE record_fts MATCH ?
 * Returns NULL without error for a query that means "no filter": empty,
 * only spaces, or only characters that are not indexed (punctuation,
 * symbols, emoji). A query of only excluded terms (-a -b) means "every
 * record except". Never returns a string that MATCH could reject. */
char       *zr_search_build_match         (const char        *user_query);
/* Ranked hits (best first) with snippets, within the other filters of
 * @filter (its query is ignored: @query is used). A query that builds to
 * no expression (see zr_search_build_match()) gives no hits. */
GPtrArray  *zr_search_run                 (ZrDatabase        *db,
                                           const char        *query,
                                           const ZrFilter    *filter,
                                           guint              limit,
                                           GError           **error);
/* Number of records zr_search_run() would find with no limit (0 for a
 * query that builds to no expression). */
guint       zr_search_count               (ZrDatabase        *db,
                                           const char        *query,
                                           const ZrFilter    *filter,
                                           GError           **error);

/* The text as the index sees it: full-width forms folded to half-width,
 * letters lower-cased, every run of characters that are not indexed
 * (punctuation, spaces, symbols) replaced by one space, trimmed. A query
 * term finds a field exactly when its folding is a substring of the
 * field's folding. Invalid UTF-8 bytes count as punctuation. */
char       *zr_search_fold                (const char        *text);

G_END_DECLS
