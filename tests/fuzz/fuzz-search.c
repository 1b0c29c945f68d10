/* fuzz-search.c: the user's search text → an FTS5 MATCH that always runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * zr-search.h promises that zr_search_build_match() never returns an
 * expression FTS5 could reject, and DESIGN.md §6 that no input causes an
 * error. Runs every expression on a small in-memory library.
 */
#include "config.h"

#include "zr-database-private.h"
#include "zr-fuzz.h"
#include "zr-search.h"

/* Made up for the harness; not from any page. */
static const char * const articles[][2] = {
  { "荷塘区新建口袋公园三处", "居民在月塘街道的小游园里下棋，Wi-Fi 信号覆盖全园，投资约120万元。" },
  { "天元区开展夜间交通安全检查", "民警在湘江大道查处酒驾2起，“安全回家最要紧。”带队的交警说。" },
  { "ＡＢＣ全角字母与 abc 半角", "数字１２３和123，百分比45.6%，AND OR NOT NEAR 都是普通词。" },
};

static ZrDatabase *
get_database (void)
{
  static ZrDatabase *db = NULL;

  if (db == NULL)
    {
      g_autoptr(GError) error = NULL;

      db = zr_database_open (":memory:", &error);
      g_assert_no_error (error);
      for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
        {
          g_autoptr(ZrRecord) record = zr_record_new (ZR_RECORD_KIND_ARTICLE);
          g_autoptr(GError) index_error = NULL;

          record->headline = g_strdup (articles[i][0]);
          record->headline_offset = 0;
          g_ptr_array_add (record->paragraphs,
                           zr_paragraph_new (ZR_PARAGRAPH_KIND_BODY, articles[i][1],
                                             g_utf8_strlen (articles[i][0], -1) + 1));
          /* The index may want the record's row too; a harness without one
           * still checks the MATCH syntax, which is the point. */
          if (!zr_search_index_record (db, i + 1, record, &index_error))
            g_clear_error (&index_error);
        }
    }
  return db;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *query = NULL;
  g_autofree char *match = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(ZrFilter) filter = NULL;
  ZrDatabase *db;

  zr_fuzz_init ();
  db = get_database ();

  query = zr_fuzz_dup_utf8 (data, size);
  match = zr_search_build_match (query);
  if (match != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      sqlite3 *handle = zr_database_get_handle (db);
      int rc;

      g_assert_true (g_utf8_validate (match, -1, NULL));
      rc = sqlite3_prepare_v2 (handle,
                               "SELECT rowid FROM record_fts WHERE record_fts MATCH ?",
                               -1, &stmt, NULL);
      g_assert_cmpint (rc, ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        ;
      if (rc != SQLITE_DONE)
        g_error ("MATCH %s (from the query %s) failed: %s",
                 match, query, sqlite3_errmsg (handle));
    }

  filter = zr_filter_new ();
  hits = zr_search_run (db, query, filter, 20, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hits);
  for (guint i = 0; i < hits->len; i++)
    {
      const ZrSearchHit *hit = g_ptr_array_index (hits, i);
      g_assert_cmpint (hit->id, >=, 1);
      if (hit->snippet != NULL)
        g_assert_true (g_utf8_validate (hit->snippet, -1, NULL));
    }

  return 0;
}
