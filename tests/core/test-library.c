/* test-library.c: importing pages and reading them back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zr-clippings.h"
#include "zr-encoding.h"
#include "zr-error.h"
#include "zr-page-parser.h"
#include "zr-search.h"
#include "zr-test-utils.h"

typedef struct
{
  char      *dir;
  char      *db_path;
  ZrLibrary *library;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = zr_test_mkdtemp ();
  f->db_path = g_build_filename (f->dir, "library.db", NULL);
  f->library = zr_test_open_library (f->db_path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->library);
  zr_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "core", name, NULL);
}

/* What the parser makes of a fixture: the library must store exactly this. */
static ZrPage *
parse_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  text = zr_text_decode (contents, len, NULL, NULL, &error);
  g_assert_no_error (error);
  return zr_page_parse (text);
}

static gint64
sql_int (ZrLibrary  *library,
         const char *sql)
{
  sqlite3 *db = zr_database_get_handle (zr_library_get_database (library));
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
sql_text (ZrLibrary  *library,
          const char *sql)
{
  sqlite3 *db = zr_database_get_handle (zr_library_get_database (library));
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
import_ok (Fixture    *f,
           const char *path,
           gboolean    expect_unchanged,
           guint       expect_records)
{
  g_autoptr(GError) error = NULL;
  gboolean unchanged = !expect_unchanged;
  guint n = G_MAXUINT;

  g_assert_true (zr_library_import_file (f->library, path, NULL, &unchanged, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (unchanged, ==, expect_unchanged);
  g_assert_cmpuint (n, ==, expect_unchanged ? 0 : expect_records);
}

static void
test_import_and_count (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *a = fixture_path ("page-a.txt");
  g_autofree char *b = fixture_path ("page-b.txt");
  g_autoptr(ZrPage) pa = parse_fixture ("page-a.txt");
  g_autoptr(ZrPage) pb = parse_fixture ("page-b.txt");
  g_autoptr(GError) error = NULL;
  const char *paths[] = { a, b, NULL };
  g_autoptr(ZrImportReport) report = NULL;

  g_assert_true (zr_library_is_empty (f->library));
  report = zr_library_import (f->library, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported_files, ==, 2);
  g_assert_cmpuint (report->unchanged_files, ==, 0);
  g_assert_cmpuint (report->failed->len, ==, 0);
  g_assert_cmpuint (report->articles, ==, pa->records->len + pb->records->len);
  g_assert_cmpuint (zr_library_count (f->library, NULL, &error), ==, report->articles);
  g_assert_false (zr_library_is_empty (f->library));
  /* The search index holds one row per record. */
  g_assert_cmpint (sql_int (f->library, "SELECT count(*) FROM record_fts"), ==, report->articles);
}

static void
test_unchanged_file_changes_nothing (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *a = fixture_path ("page-a.txt");
  g_autoptr(ZrPage) pa = parse_fixture ("page-a.txt");
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  gint64 imported_at;

  import_ok (f, a, FALSE, pa->records->len);
  before = zr_library_list_ids (f->library, NULL, 0, NULL);
  imported_at = sql_int (f->library, "SELECT imported_at FROM sources");
  g_usleep (G_USEC_PER_SEC + 10000);
  import_ok (f, a, TRUE, 0);
  after = zr_library_list_ids (f->library, NULL, 0, NULL);
  g_assert_cmpuint (before->len, ==, after->len);
  g_assert_cmpmem (before->data, before->len * sizeof (gint64), after->data, after->len * sizeof (gint64));
  g_assert_cmpint (sql_int (f->library, "SELECT imported_at FROM sources"), ==, imported_at);
  g_assert_cmpint (sql_int (f->library, "SELECT count(*) FROM sources"), ==, 1);
}

static void
test_changed_file_replaces_records (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *a = fixture_path ("page-a.txt");
  g_autofree char *b = fixture_path ("page-b.txt");
  g_autofree char *copy = g_build_filename (f->dir, "page.txt", NULL);
  g_autoptr(ZrPage) pa = parse_fixture ("page-a.txt");
  g_autoptr(ZrPage) pb = parse_fixture ("page-b.txt");
  g_autoptr(GArray) old_ids = NULL;
  g_autoptr(GError) error = NULL;

  zr_test_copy_file (a, copy);
  import_ok (f, copy, FALSE, pa->records->len);
  old_ids = zr_library_list_ids (f->library, NULL, 0, NULL);

  /* The same path now holds another page. */
  zr_test_copy_file (b, copy);
  import_ok (f, copy, FALSE, pb->records->len);
  g_assert_cmpuint (zr_library_count (f->library, NULL, &error), ==, pb->records->len);
  g_assert_cmpint (sql_int (f->library, "SELECT count(*) FROM sources"), ==, 1);
  for (guint i = 0; i < old_ids->len; i++)
    {
      g_autoptr(ZrArticle) gone = zr_library_get_article (f->library, g_array_index (old_ids, gint64, i), &error);
      g_assert_null (gone);
      g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_NOT_FOUND);
      g_clear_error (&error);
    }
  /* No orphans anywhere, and the index is in step. */
  g_assert_cmpint (sql_int (f->library, "SELECT count(*) FROM paragraphs WHERE record_id NOT IN (SELECT id FROM records)"), ==, 0);
  g_assert_cmpint (sql_int (f->library, "SELECT count(*) FROM record_fts"), ==, pb->records->len);
  g_assert_cmpint (sql_int (f->library, "SELECT count(*) FROM record_fts WHERE rowid NOT IN (SELECT id FROM records)"), ==, 0);
}

static void
test_article_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *a = fixture_path ("page-a.txt");
  g_autoptr(ZrPage) pa = parse_fixture ("page-a.txt");
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  import_ok (f, a, FALSE, pa->records->len);
  ids = zr_library_list_ids (f->library, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, pa->records->len);

  for (guint i = 0; i < ids->len; i++)
    {
      const ZrRecord *want = g_ptr_array_index (pa->records, i);
      g_autoptr(ZrArticle) got = zr_library_get_article (f->library, g_array_index (ids, gint64, i), &error);
      g_autoptr(ZrArticleSummary) summary = zr_library_get_summary (f->library, g_array_index (ids, gint64, i), &error);
      g_autofree char *want_flat = zr_record_dup_flat_text (want);
      g_autofree char *got_flat = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (got);
      g_assert_cmpint (got->position, ==, i);
      g_assert_cmpint (got->record->kind, ==, want->kind);
      g_assert_cmpstr (got->record->headline, ==, want->headline);
      g_assert_cmpstr (got->record->column, ==, want->column);
      g_assert_cmpstr (got->record->kicker, ==, want->kicker);
      g_assert_cmpstr (got->record->dateline, ==, want->dateline);
      g_assert_cmpstr (got->record->byline_text, ==, want->byline_text);
      g_assert_cmpuint (got->record->bylines->len, ==, want->bylines->len);
      for (guint j = 0; j < want->bylines->len; j++)
        {
          const ZrByline *wb = g_ptr_array_index (want->bylines, j);
          const ZrByline *gb = g_ptr_array_index (got->record->bylines, j);
          g_assert_cmpstr (gb->name, ==, wb->name);
          g_assert_cmpstr (gb->role, ==, wb->role);
        }
      g_assert_cmpuint (got->record->paragraphs->len, ==, want->paragraphs->len);
      for (guint j = 0; j < want->paragraphs->len; j++)
        {
          const ZrParagraph *wp = g_ptr_array_index (want->paragraphs, j);
          const ZrParagraph *gp = g_ptr_array_index (got->record->paragraphs, j);
          g_assert_cmpint (gp->kind, ==, wp->kind);
          g_assert_cmpstr (gp->text, ==, wp->text);
          g_assert_cmpint (gp->offset, ==, wp->offset);
        }
      /* Nothing lost on the way through the library. */
      got_flat = zr_record_dup_flat_text (got->record);
      g_assert_cmpstr (got_flat, ==, want_flat);
      g_assert_cmpuint (got->chars, ==, zr_record_count_chars (want));
      g_assert_nonnull (got->district);
      g_assert_cmpstr (got->source_name, ==, "page-a.txt");
      g_assert_nonnull (summary);
      g_assert_cmpstr (summary->district, ==, got->district);
      g_assert_cmpstr (summary->source_name, ==, "page-a.txt");
      if (want->headline)
        g_assert_cmpstr (summary->headline, ==, want->headline);
    }
}

static void
test_bad_file_reported_others_imported (Fixture       *f,
                                        gconstpointer  data)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "core", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "does-not-exist.txt", NULL);
  g_autoptr(ZrPage) pa = parse_fixture ("page-a.txt");
  g_autoptr(ZrPage) pb = parse_fixture ("page-b.txt");
  const char *paths[] = { dir, missing, NULL };
  g_autoptr(ZrImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saw_binary = FALSE, saw_missing = FALSE;

  report = zr_library_import (f->library, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported_files, ==, 2);
  g_assert_cmpuint (report->articles, ==, pa->records->len + pb->records->len);
  g_assert_cmpuint (report->failed->len, ==, 2);
  for (guint i = 0; i < report->failed->len; i++)
    {
      const ZrImportFailure *fail = g_ptr_array_index (report->failed, i);
      g_assert_nonnull (fail->message);
      g_assert_cmpstr (fail->message, !=, "");
      if (g_str_has_suffix (fail->path, "not-a-page.txt"))
        saw_binary = TRUE;
      if (g_str_has_suffix (fail->path, "does-not-exist.txt"))
        saw_missing = TRUE;
    }
  g_assert_true (saw_binary);
  g_assert_true (saw_missing);
  /* The binary file left no rows behind. */
  g_assert_cmpint (sql_int (f->library, "SELECT count(*) FROM sources WHERE name = 'not-a-page.txt'"), ==, 0);
}

static void
test_binary_file_error (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *png = fixture_path ("not-a-page.txt");
  g_autoptr(GError) error = NULL;

  g_assert_false (zr_library_import_file (f->library, png, NULL, NULL, NULL, &error));
  g_assert_error (error, ZR_IMPORT_ERROR, ZR_IMPORT_ERROR_BINARY);
  g_assert_true (zr_library_is_empty (f->library));
}

static void
test_folder_is_not_a_file (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (zr_library_import_file (f->library, f->dir, NULL, NULL, NULL, &error));
  g_assert_error (error, ZR_IMPORT_ERROR, ZR_IMPORT_ERROR_NOT_SUPPORTED);
}

static void
test_full_library_keeps_previous_state (Fixture       *f,
                                        gconstpointer  data)
{
  g_autofree char *a = fixture_path ("page-a.txt");
  g_autofree char *b = fixture_path ("page-b.txt");
  g_autoptr(ZrPage) pa = parse_fixture ("page-a.txt");
  g_autoptr(GError) error = NULL;
  sqlite3 *db = zr_database_get_handle (zr_library_get_database (f->library));
  gint64 pages;
  g_autofree char *limit = NULL;

  import_ok (f, a, FALSE, pa->records->len);
  /* Simulate a full disk: the file may not grow any more. */
  pages = sql_int (f->library, "PRAGMA page_count");
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages);
  g_assert_cmpint (sqlite3_exec (db, limit, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);

  /* Fill the last free pages so that the next page must grow the file. */
  for (int size = 2000, i = 0; size > 0; size /= 4)
    for (;; i++)
      {
        g_autofree char *fill = g_strdup_printf ("INSERT INTO settings VALUES ('fill-%d', hex (randomblob (%d)))", i, size);
        if (sqlite3_exec (db, fill, NULL, NULL, NULL) != SQLITE_OK)
          break;
      }
  /* Each table has its own pages: leave no free page for the records either. */
  g_assert_cmpint (sql_int (f->library, "PRAGMA freelist_count"), ==, 0);

  /* A page larger than what is left in the pages the tables already have. */
  {
    g_autofree char *contents = NULL;
    g_autoptr(GString) big = g_string_new (NULL);
    g_file_get_contents (b, &contents, NULL, NULL);
    for (int i = 0; i < 60; i++)
      g_string_append_printf (big, "%s\n第%d段\n\n", contents, i);
    g_free (b);
    b = g_build_filename (f->dir, "big.txt", NULL);
    g_assert_true (g_file_set_contents (b, big->str, big->len, NULL));
  }
  g_assert_false (zr_library_import_file (f->library, b, NULL, NULL, NULL, &error));
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FULL);
  g_assert_cmpuint (zr_library_count (f->library, NULL, NULL), ==, pa->records->len);
  g_assert_cmpint (sql_int (f->library, "SELECT count(*) FROM sources"), ==, 1);
  g_assert_true (sqlite3_get_autocommit (db));
}

static void
test_filter_by_district (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *a = fixture_path ("page-a.txt");
  g_autofree char *b = fixture_path ("page-b.txt");
  const char *paths[] = { a, b, NULL };
  g_autoptr(ZrImportReport) report = zr_library_import (f->library, paths, NULL, NULL, NULL, NULL);
  g_autoptr(ZrFilter) filter = zr_filter_new ();
  g_autoptr(GArray) all = zr_library_list_ids (f->library, NULL, 0, NULL);
  g_autoptr(GArray) some = NULL;
  const char *district[] = { "测试区", NULL };
  sqlite3 *db = zr_database_get_handle (zr_library_get_database (f->library));
  g_autofree char *sql = NULL;

  g_assert_cmpuint (all->len, >, 0);
  /* Put the first record, and only it, in a district of its own. */
  sql = g_strdup_printf ("UPDATE records SET district = '测试区' WHERE id = %" G_GINT64_FORMAT,
                         g_array_index (all, gint64, 0));
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  zr_filter_set_districts (filter, district);
  g_assert_cmpuint (zr_library_count (f->library, filter, NULL), ==, 1);
  some = zr_library_list_ids (f->library, filter, 0, NULL);
  g_assert_cmpuint (some->len, ==, 1);
  g_assert_cmpint (g_array_index (some, gint64, 0), ==, g_array_index (all, gint64, 0));
  /* A limit cuts the page-ordered list. */
  g_clear_pointer (&some, g_array_unref);
  some = zr_library_list_ids (f->library, NULL, 1, NULL);
  g_assert_cmpuint (some->len, ==, 1);
  g_assert_cmpint (g_array_index (some, gint64, 0), ==, g_array_index (all, gint64, 0));
}

static void
test_symlink_loop (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *sub = g_build_filename (f->dir, "pages", NULL);
  g_autofree char *loop = g_build_filename (sub, "again", NULL);
  g_autofree char *page = g_build_filename (sub, "p.txt", NULL);
  g_autofree char *a = fixture_path ("page-a.txt");
  g_autoptr(GPtrArray) failed = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_import_failure_free);
  g_autoptr(GPtrArray) files = NULL;
  const char *paths[] = { sub, NULL };

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_cmpint (symlink (sub, loop), ==, 0);
  zr_test_copy_file (a, page);
  files = zr_library_collect_files (paths, failed);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (files, 0), "p.txt"));
  g_assert_cmpuint (failed->len, ==, 1);
}

static void
test_reclassify_is_stable (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *a = fixture_path ("page-a.txt");
  g_autoptr(ZrPage) pa = parse_fixture ("page-a.txt");
  g_autoptr(GError) error = NULL;
  guint changed = 99;

  import_ok (f, a, FALSE, pa->records->len);
  g_assert_true (zr_library_reclassify (f->library, NULL, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpint (sql_int (f->library, "SELECT count(*) FROM records WHERE district IS NULL"), ==, 0);
}

static void
test_set_page (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a = fixture_path ("page-a.txt");
  g_autoptr(ZrPage) pa = parse_fixture ("page-a.txt");
  g_autoptr(GArray) ids = NULL;
  g_autoptr(ZrArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  import_ok (f, a, FALSE, pa->records->len);
  ids = zr_library_list_ids (f->library, NULL, 0, NULL);
  id = g_array_index (ids, gint64, 0);
  g_assert_true (zr_library_set_page (f->library, id, "2024-05-20", 3, &error));
  g_assert_no_error (error);
  article = zr_library_get_article (f->library, id, &error);
  g_assert_cmpstr (article->page_date, ==, "2024-05-20");
  g_assert_cmpint (article->page_number, ==, 3);
  g_assert_false (zr_library_set_page (f->library, id, "20 May", 3, &error));
  g_assert_error (error, ZR_DATA_ERROR, ZR_DATA_ERROR_INVALID);
}

/* Setting the page number leaves the date alone and the other way round;
 * a page number that is not one (0, negative, absurd) changes nothing.
 * Before, the value not given was wiped and --page -5 was taken. */
static void
test_set_page_changes_only_what_is_given (Fixture       *f,
                                          gconstpointer  data)
{
  g_autofree char *a = fixture_path ("page-a.txt");
  g_autoptr(ZrPage) pa = parse_fixture ("page-a.txt");
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  static const int bad_pages[] = { -5, 0, -2, ZR_MAX_PAGE_NUMBER + 1 };
  gint64 id;

  import_ok (f, a, FALSE, pa->records->len);
  ids = zr_library_list_ids (f->library, NULL, 0, NULL);
  id = g_array_index (ids, gint64, 0);
  g_assert_true (zr_library_set_page (f->library, id, "2024-05-20", 3, &error));
  g_assert_no_error (error);

  g_assert_true (zr_library_set_page (f->library, id, NULL, 7, &error));
  g_assert_no_error (error);
  {
    g_autoptr(ZrArticle) article = zr_library_get_article_brief (f->library, id, &error);
    g_assert_cmpstr (article->page_date, ==, "2024-05-20");
    g_assert_cmpint (article->page_number, ==, 7);
  }

  g_assert_true (zr_library_set_page (f->library, id, "2024-06-01", -1, &error));
  g_assert_no_error (error);
  {
    g_autoptr(ZrArticle) article = zr_library_get_article_brief (f->library, id, &error);
    g_assert_cmpstr (article->page_date, ==, "2024-06-01");
    g_assert_cmpint (article->page_number, ==, 7);
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad_pages); i++)
    {
      g_autoptr(GError) bad = NULL;
      g_autoptr(ZrArticle) article = NULL;

      g_assert_false (zr_library_set_page (f->library, id, "2025-01-02", bad_pages[i], &bad));
      g_assert_error (bad, ZR_DATA_ERROR, ZR_DATA_ERROR_INVALID);
      article = zr_library_get_article_brief (f->library, id, &error);
      g_assert_cmpstr (article->page_date, ==, "2024-06-01");
      g_assert_cmpint (article->page_number, ==, 7);
    }
  g_assert_false (zr_library_set_page (f->library, G_MAXINT64, NULL, 2, &error));
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_NOT_FOUND);
}

/* import --encoding with an encoding that does not fit the file: refused,
 * the articles already imported stay as they were, and nothing of the
 * wrong choice is kept. Before, UTF-16LE on a UTF-8 page replaced its
 * articles with garbage and every later import read it so again. */
static void
test_wrong_encoding_refused (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *a = fixture_path ("page-a.txt");
  g_autoptr(ZrPage) pa = parse_fixture ("page-a.txt");
  const ZrRecord *first = g_ptr_array_index (pa->records, 0);
  static const char *wrong[] = { "UTF-16LE", "UTF-16BE" };
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autofree char *override = NULL;

  import_ok (f, a, FALSE, pa->records->len);
  before = zr_library_list_ids (f->library, NULL, 0, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (zr_library_import_file (f->library, a, wrong[i], NULL, NULL, &error));
      g_assert_error (error, ZR_IMPORT_ERROR, ZR_IMPORT_ERROR_UNDECODABLE);
    }
  after = zr_library_list_ids (f->library, NULL, 0, NULL);
  g_assert_cmpmem (before->data, before->len * sizeof (gint64), after->data, after->len * sizeof (gint64));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ZrArticle) article = zr_library_get_article_brief (f->library, g_array_index (after, gint64, 0), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (article->record->headline, ==, first->headline);
  }
  override = sql_text (f->library, "SELECT encoding_override FROM sources");
  g_assert_null (override);
  import_ok (f, a, TRUE, 0);
}

/* An encoding chosen at an earlier import that does not read the file
 * (here: stored by an older version that took a wrong choice) gives way to
 * detection when the changed file is imported again, and is forgotten. */
static void
test_stale_encoding_choice_gives_way (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *a = fixture_path ("page-a.txt");
  g_autofree char *page = g_build_filename (f->dir, "p.txt", NULL);
  g_autoptr(ZrPage) pa = parse_fixture ("page-a.txt");
  const ZrRecord *first = g_ptr_array_index (pa->records, 0);
  g_autofree char *contents = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *override = NULL;
  g_autofree char *encoding = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrArticle) article = NULL;
  gboolean unchanged = TRUE;

  zr_test_copy_file (a, page);
  import_ok (f, page, FALSE, pa->records->len);
  g_assert_true (zr_database_exec (zr_library_get_database (f->library),
                                   "UPDATE sources SET encoding_override = 'UTF-16LE'", &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (page, &contents, NULL, NULL));
  changed = g_strconcat (contents, "\n本版另有一则简讯。\n", NULL);
  g_assert_true (g_file_set_contents (page, changed, -1, NULL));
  g_assert_true (zr_library_import_file (f->library, page, NULL, &unchanged, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (unchanged);

  override = sql_text (f->library, "SELECT encoding_override FROM sources");
  encoding = sql_text (f->library, "SELECT encoding FROM sources");
  g_assert_null (override);
  g_assert_cmpstr (encoding, ==, "UTF-8");
  ids = zr_library_list_ids (f->library, NULL, 0, NULL);
  article = zr_library_get_article_brief (f->library, g_array_index (ids, gint64, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (article->record->headline, ==, first->headline);
}

static void
test_second_connection_imports (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *a = fixture_path ("page-a.txt");
  g_autofree char *b = fixture_path ("page-b.txt");
  g_autoptr(ZrPage) pa = parse_fixture ("page-a.txt");
  g_autoptr(ZrPage) pb = parse_fixture ("page-b.txt");
  g_autoptr(ZrLibrary) other = zr_test_open_library (f->db_path);
  g_autoptr(GError) error = NULL;
  sqlite3 *reader = zr_database_get_handle (zr_library_get_database (f->library));
  sqlite3_stmt *stmt = NULL;
  gint64 version;

  import_ok (f, a, FALSE, pa->records->len);

  /* The window holds a read transaction open (a list being scrolled)… */
  g_assert_cmpint (sqlite3_prepare_v2 (reader, "SELECT id FROM records", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  version = zr_database_get_data_version (zr_library_get_database (f->library));
  /* …while the command-line tool imports through its own connection. */
  g_assert_true (zr_library_import_file (other, b, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  sqlite3_finalize (stmt);

  /* The window can tell that someone else wrote… */
  g_assert_cmpint (zr_database_get_data_version (zr_library_get_database (f->library)), !=, version);
  /* …and the next refresh shows the new records. */
  g_assert_cmpuint (zr_library_count (f->library, NULL, &error), ==, pa->records->len + pb->records->len);
}

typedef struct
{
  GCancellable *cancellable;
  guint         cancel_at;
} CancelAt;

static void
cancel_at_cb (const char *path,
              guint       done,
              guint       total,
              gpointer    user_data)
{
  CancelAt *c = user_data;

  if (done == c->cancel_at)
    g_cancellable_cancel (c->cancellable);
}

/* Cancelling an import (the dialog's Cancel) keeps the pages imported
 * before it, whole, leaves out the rest, and leaves the library ready for
 * the next import; the other connections see exactly that. */
static void
test_cancel_keeps_what_was_imported (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *a = fixture_path ("page-a.txt");
  g_autofree char *b = fixture_path ("page-b.txt");
  g_autoptr(ZrPage) pa = parse_fixture ("page-a.txt");
  g_autoptr(ZrPage) pb = parse_fixture ("page-b.txt");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ZrImportReport) report = NULL;
  g_autoptr(ZrImportReport) again = NULL;
  g_autoptr(ZrLibrary) other = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { a, b, NULL };
  CancelAt c = { cancellable, 0 };   /* Cancel pressed while the first page is read */

  report = zr_library_import (f->library, paths, cancel_at_cb, &c, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  other = zr_test_open_library (f->db_path);
  g_assert_cmpuint (zr_library_count (other, NULL, &error), ==, pa->records->len);
  g_assert_cmpint (sql_int (other, "SELECT count(*) FROM sources"), ==, 1);

  /* the next import picks up where it stopped; a file named twice is one */
  {
    const char *twice[] = { a, b, b, NULL };
    again = zr_library_import (f->library, twice, NULL, NULL, NULL, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpuint (again->imported_files, ==, 1);
  g_assert_cmpuint (again->unchanged_files, ==, 2);
  g_assert_cmpuint (zr_library_count (other, NULL, &error), ==, pa->records->len + pb->records->len);
  {
    g_autofree char *check = sql_text (other, "PRAGMA integrity_check");
    g_assert_cmpstr (check, ==, "ok");
  }
}

/* A folder named twice, or once more through a symbolic link to it, is read
 * once and is no error; a link back to a folder being read still is. */
static void
test_folder_named_twice_read_once (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *a = fixture_path ("page-a.txt");
  g_autofree char *real_dir = g_build_filename (f->dir, "pages", NULL);
  g_autofree char *link_dir = g_build_filename (f->dir, "linked", NULL);
  g_autofree char *inner_link = g_build_filename (f->dir, "other", "to-pages", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other", NULL);
  g_autofree char *page = g_build_filename (real_dir, "p.txt", NULL);
  g_autoptr(GPtrArray) failed = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_import_failure_free);
  g_autoptr(GPtrArray) files = NULL;
  const char *paths[] = { real_dir, link_dir, real_dir, other, NULL };

  g_assert_cmpint (g_mkdir (real_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (other, 0700), ==, 0);
  zr_test_copy_file (a, page);
  g_assert_cmpint (symlink (real_dir, link_dir), ==, 0);
  g_assert_cmpint (symlink (real_dir, inner_link), ==, 0);

  files = zr_library_collect_files (paths, failed);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (files, 0), ==, page);
  g_assert_cmpuint (failed->len, ==, 0);
}

/* A page reached through a symbolic link to its folder, or to the file
 * itself, is the same file: stored once, under its real path, found
 * unchanged. Before, each way in made a second copy of every record. */
static void
test_symlinked_path_is_one_file (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *a = fixture_path ("page-a.txt");
  g_autoptr(ZrPage) pa = parse_fixture ("page-a.txt");
  g_autofree char *real_dir = g_build_filename (f->dir, "pages", NULL);
  g_autofree char *link_dir = g_build_filename (f->dir, "linked", NULL);
  g_autofree char *page = g_build_filename (real_dir, "p.txt", NULL);
  g_autofree char *through_dir = g_build_filename (link_dir, "p.txt", NULL);
  g_autofree char *file_link = g_build_filename (f->dir, "alias.txt", NULL);
  g_autofree char *stored = NULL;
  char *resolved = NULL;
  g_autoptr(ZrImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char *first[] = { real_dir, NULL };
  const char *again[] = { link_dir, NULL };

  g_assert_cmpint (g_mkdir (real_dir, 0700), ==, 0);
  zr_test_copy_file (a, page);
  g_assert_cmpint (symlink (real_dir, link_dir), ==, 0);
  g_assert_cmpint (symlink (page, file_link), ==, 0);

  report = zr_library_import (f->library, first, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported_files, ==, 1);
  g_clear_pointer (&report, zr_import_report_free);
  report = zr_library_import (f->library, again, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported_files, ==, 0);
  g_assert_cmpuint (report->unchanged_files, ==, 1);
  g_assert_cmpuint (report->failed->len, ==, 0);
  import_ok (f, through_dir, TRUE, 0);
  import_ok (f, file_link, TRUE, 0);
  g_assert_cmpint (sql_int (f->library, "SELECT count(*) FROM sources"), ==, 1);
  g_assert_cmpint (sql_int (f->library, "SELECT count(*) FROM records"), ==, pa->records->len);

  resolved = realpath (page, NULL);
  g_assert_nonnull (resolved);
  stored = sql_text (f->library, "SELECT path FROM sources");
  g_assert_cmpstr (stored, ==, resolved);
  free (resolved);
}

/* Libraries written before paths were resolved hold the path a file was
 * named by, symbolic links and all. Re-importing by that path still finds
 * the file (no second copy), and its record and clippings move to the
 * real path, so that the file is found by that too. */
static void
test_old_unresolved_path_still_matches (Fixture       *f,
                                        gconstpointer  data)
{
  g_autofree char *a = fixture_path ("page-a.txt");
  g_autoptr(ZrPage) pa = parse_fixture ("page-a.txt");
  g_autofree char *real_dir = g_build_filename (f->dir, "pages", NULL);
  g_autofree char *link_dir = g_build_filename (f->dir, "linked", NULL);
  g_autofree char *page = g_build_filename (real_dir, "p.txt", NULL);
  g_autofree char *through_dir = g_build_filename (link_dir, "p.txt", NULL);
  g_autofree char *stored = NULL;
  g_autofree char *clipped = NULL;
  sqlite3 *db = zr_database_get_handle (zr_library_get_database (f->library));
  sqlite3_stmt *stmt = NULL;
  char *resolved = NULL;

  g_assert_cmpint (g_mkdir (real_dir, 0700), ==, 0);
  zr_test_copy_file (a, page);
  g_assert_cmpint (symlink (real_dir, link_dir), ==, 0);
  import_ok (f, page, FALSE, pa->records->len);

  /* what an older version stored for the file imported through the link */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE sources SET path = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, through_dir, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO clippings (source_path, record_position, quote_text, saved_at)"
                                           " VALUES (?1, 0, '一句话', 0)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, through_dir, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  import_ok (f, through_dir, TRUE, 0);
  import_ok (f, page, TRUE, 0);
  g_assert_cmpint (sql_int (f->library, "SELECT count(*) FROM sources"), ==, 1);
  g_assert_cmpint (sql_int (f->library, "SELECT count(*) FROM records"), ==, pa->records->len);

  resolved = realpath (page, NULL);
  g_assert_nonnull (resolved);
  stored = sql_text (f->library, "SELECT path FROM sources");
  clipped = sql_text (f->library, "SELECT source_path FROM clippings");
  g_assert_cmpstr (stored, ==, resolved);
  g_assert_cmpstr (clipped, ==, resolved);
  free (resolved);
}

/* Writes a page of one long article, @paragraphs paragraphs, to @path. */
static void
write_long_page (const char *path,
                 guint       paragraphs)
{
  g_autoptr(GString) page = g_string_new ("## 社区志愿服务队的一年\n\n");

  for (guint i = 1; i <= paragraphs; i++)
    {
      g_string_append_printf (page, "第%u段：", i);
      for (guint j = 0; j < 12; j++)
        g_string_append_printf (page, "志愿者第%u次走访独居老人，记下需要维修的水管和灯泡。", i * 12 + j);
      g_string_append (page, "\n\n");
    }
  g_assert_true (g_file_set_contents (path, page->str, page->len, NULL));
}

/* Issue #13 item 5: an article stored on a damaged page is an error, not
 * an article with fewer paragraphs. */
static void
test_damaged_page_is_an_error (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *page_path = g_build_filename (f->dir, "2024-05-06_第02版.txt", NULL);
  const char *paths[] = { page_path, NULL };
  g_autoptr(ZrImportReport) report = NULL;
  g_autoptr(ZrArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guchar *garbage = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *handle;
  gint64 id = 0, victim = 0, page_size = 0;
  guint n_leaves = 0;
  int fd;

  write_long_page (page_path, 300);
  report = zr_library_import (f->library, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  handle = zr_database_get_handle (zr_library_get_database (f->library));
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT id FROM records ORDER BY chars DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  article = zr_library_get_article (f->library, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (article->record->paragraphs->len, >=, 300);
  g_clear_pointer (&article, zr_article_free);

  /* one leaf page of the paragraphs in the middle of the article */
  g_assert_true (zr_database_exec (zr_library_get_database (f->library), "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT pageno, pgsize FROM dbstat WHERE name = 'paragraphs'"
                                               " AND pagetype = 'leaf' ORDER BY path", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (n_leaves++ == 5)
        {
          victim = sqlite3_column_int64 (stmt, 0);
          page_size = sqlite3_column_int64 (stmt, 1);
        }
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_leaves, >, 8);
  g_clear_object (&f->library);

  garbage = g_malloc (page_size);
  memset (garbage, 0xA5, page_size);
  fd = g_open (f->db_path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, garbage, page_size, (victim - 1) * page_size), ==, page_size);
  close (fd);

  f->library = zr_test_open_library (f->db_path);
  article = zr_library_get_article (f->library, id, &error);
  g_assert_null (article);
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_DAMAGED);
  g_clear_error (&error);
  article = zr_library_get_article_brief (f->library, id, &error);
  g_assert_null (article);
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_DAMAGED);
}

typedef struct
{
  ZrLibrary *other;
  gint64     article_id;
  guint      saved;
  GError    *error;
} WriterDuringImport;

/* Another program saves a clipping each time the import moves to the
 * next file, while the files before are analysed but maybe not written. */
static void
save_clipping_cb (const char *path,
                  guint       done,
                  guint       total,
                  gpointer    user_data)
{
  WriterDuringImport *w = user_data;
  g_autoptr(ZrArticle) article = NULL;
  g_autofree char *text = NULL;
  const ZrParagraph *first;

  if (path == NULL || done == 0 || w->error != NULL)
    return;
  article = zr_library_get_article (w->other, w->article_id, &w->error);
  if (article == NULL)
    return;
  /* a passage of the article, a different one each time */
  first = g_ptr_array_index (article->record->paragraphs, 0);
  g_assert_cmpint (g_utf8_strlen (first->text, -1), >, 4 + done);
  text = g_utf8_substring (first->text, 0, 4 + done);
  if (zr_clippings_save (zr_library_get_database (w->other), article, 0,
                                            text, NULL, &w->error) > 0)
    w->saved++;
}

/* The import holds the write lock only while it writes a batch, never
 * while it reads and analyses the next file: a clipping saved by the CLI
 * meanwhile used to fail with "database is locked". */
static void
test_writer_during_import (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *a = fixture_path ("page-a.txt");
  g_autofree char *b = fixture_path ("page-b.txt");
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ZrImportReport) report = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrPage) pa = parse_fixture ("page-a.txt");
  WriterDuringImport w = { NULL };

  import_ok (f, a, FALSE, pa->records->len);
  w.other = zr_test_open_library (f->db_path);
  /* fail at once instead of after the busy timeout */
  sqlite3_busy_timeout (zr_database_get_handle (zr_library_get_database (w.other)), 0);
  ids = zr_library_list_ids (w.other, NULL, 1, &error);
  g_assert_no_error (error);
  w.article_id = g_array_index (ids, gint64, 0);

  g_ptr_array_add (pages, g_strdup (b));
  for (int i = 0; i < 4; i++)
    {
      char *path = g_strdup_printf ("%s/2023-05-0%d_第01版.txt", f->dir, i + 1);
      g_autofree char *text = g_strdup_printf ("荷塘区新建%d座驿站\n\n记者从荷塘区获悉，第%d座驿站已经开放。\n", i + 2, i + 2);
      g_assert_true (g_file_set_contents (path, text, -1, NULL));
      g_ptr_array_add (pages, path);
    }
  g_ptr_array_add (pages, NULL);

  report = zr_library_import (f->library, (const char * const *) pages->pdata, save_clipping_cb, &w, NULL, &error);
  g_assert_no_error (error);
  g_assert_no_error (w.error);
  g_assert_cmpuint (report->imported_files, ==, 5);
  g_assert_cmpuint (w.saved, ==, 4);
  g_assert_cmpuint (zr_clippings_count (zr_library_get_database (f->library)), ==, 4);
  g_assert_cmpint (sql_int (f->library, "SELECT count(*) FROM sources"), ==, 6);
  g_clear_object (&w.other);
}

/* The same file named another way than an older version stored it: the
 * stored paths are resolved once, so importing the file by its real path
 * finds it (no second copy). */
static void
test_old_unresolved_path_resolved_once (Fixture       *f,
                                        gconstpointer  data)
{
  g_autofree char *a = fixture_path ("page-a.txt");
  g_autoptr(ZrPage) pa = parse_fixture ("page-a.txt");
  g_autofree char *real_dir = g_build_filename (f->dir, "pages", NULL);
  g_autofree char *link_dir = g_build_filename (f->dir, "linked", NULL);
  g_autofree char *page = g_build_filename (real_dir, "p.txt", NULL);
  g_autofree char *gone = g_build_filename (link_dir, "gone.txt", NULL);
  g_autofree char *through_dir = g_build_filename (link_dir, "p.txt", NULL);
  g_autofree char *stored = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(ZrLibrary) reopened = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = zr_database_get_handle (zr_library_get_database (f->library));
  sqlite3_stmt *stmt = NULL;
  char *resolved = NULL;
  gboolean unchanged = FALSE;

  g_assert_cmpint (g_mkdir (real_dir, 0700), ==, 0);
  zr_test_copy_file (a, page);
  g_assert_cmpint (symlink (real_dir, link_dir), ==, 0);
  import_ok (f, page, FALSE, pa->records->len);

  /* an older version's library: the file stored through the link, another
   * file that no longer exists, and no mark that paths were resolved */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE sources SET path = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, through_dir, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO sources (path, name, content_hash, encoding, size, imported_at)"
                                           " VALUES (?1, 'gone.txt', 'x', 'UTF-8', 1, 0)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, gone, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_true (zr_database_exec (zr_library_get_database (f->library), "DELETE FROM settings WHERE key = 'source-paths'", &error));
  g_assert_no_error (error);
  g_clear_object (&f->library);

  reopened = zr_test_open_library (f->db_path);
  g_assert_true (zr_library_import_file (reopened, page, NULL, &unchanged, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (unchanged);
  f->library = g_steal_pointer (&reopened);
  g_assert_cmpint (sql_int (f->library, "SELECT count(*) FROM sources"), ==, 2);
  g_assert_cmpint (sql_int (f->library, "SELECT count(*) FROM records"), ==, pa->records->len);

  resolved = realpath (page, NULL);
  g_assert_nonnull (resolved);
  stored = sql_text (f->library, "SELECT path FROM sources WHERE name = 'p.txt'");
  kept = sql_text (f->library, "SELECT path FROM sources WHERE name = 'gone.txt'");
  g_assert_cmpstr (stored, ==, resolved);
  g_assert_cmpstr (kept, ==, gone);
  free (resolved);
}

/* Closes @f's library, writes garbage over the @nth leaf page of @table
 * (after a checkpoint) and opens the library again. */
static void
damage_leaf_page (Fixture    *f,
                  const char *table,
                  guint       nth)
{
  sqlite3 *handle = zr_database_get_handle (zr_library_get_database (f->library));
  g_autofree char *sql = g_strdup_printf ("SELECT pageno, pgsize FROM dbstat WHERE name = '%s'"
                                          " AND pagetype = 'leaf' ORDER BY path", table);
  g_autofree guchar *garbage = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 victim = 0, page_size = 0;
  guint n_leaves = 0;
  int fd;

  g_assert_true (zr_database_exec (zr_library_get_database (f->library), "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (n_leaves++ == nth)
      {
        victim = sqlite3_column_int64 (stmt, 0);
        page_size = sqlite3_column_int64 (stmt, 1);
      }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_leaves, >, nth + 2);
  g_clear_object (&f->library);

  garbage = g_malloc (page_size);
  memset (garbage, 0xA5, page_size);
  fd = g_open (f->db_path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, garbage, page_size, (victim - 1) * page_size), ==, page_size);
  close (fd);
  f->library = zr_test_open_library (f->db_path);
}

/* Issue #13 item 5: a search whose hits lie on a damaged page is an
 * error, not hits without headlines. */
static void
test_damaged_page_fails_search (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *page_path = g_build_filename (f->dir, "2024-05-07_第04版.txt", NULL);
  g_autoptr(GString) page = g_string_new (NULL);
  const char *paths[] = { page_path, NULL };
  g_autoptr(ZrImportReport) report = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (page, "## 社区便民点第%u站今天开张\n\n居民排队领取了第%u批防暑药品，社区干部在门口登记。\n\n", i, i);
  g_assert_true (g_file_set_contents (page_path, page->str, page->len, NULL));
  report = zr_library_import (f->library, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  hits = zr_search_run (zr_library_get_database (f->library), "社区", NULL, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >=, 400);
  g_clear_pointer (&hits, g_ptr_array_unref);

  damage_leaf_page (f, "paragraphs", 2);
  hits = zr_search_run (zr_library_get_database (f->library), "社区", NULL, 1000, &error);
  g_assert_null (hits);
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_DAMAGED);
}

/* A record without a headline is called by the start of its text in the
 * list (the summary), the CLI and the window alike: zr_article_dup_title () */
static void
test_untitled (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *page = g_test_build_filename (G_TEST_DIST, "data", "core", "page-a.txt", NULL);
  const char *paths[] = { page, NULL };
  g_autoptr(ZrImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(ZrArticle) article = NULL;
  g_autoptr(ZrArticleSummary) summary = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *title = NULL;
  g_autofree char *start = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *no_text = NULL;
  const ZrParagraph *first;
  gint64 id;

  report = zr_library_import (f->library, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  ids = zr_library_list_ids (f->library, NULL, 0, &error);
  g_assert_no_error (error);
  id = g_array_index (ids, gint64, 0);
  sql = g_strdup_printf ("UPDATE records SET headline = NULL WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_true (zr_database_exec (zr_library_get_database (f->library), sql, &error));
  g_assert_no_error (error);

  article = zr_library_get_article (f->library, id, &error);
  g_assert_no_error (error);
  g_assert_null (article->record->headline);
  first = g_ptr_array_index (article->record->paragraphs, 0);
  g_assert_cmpint (g_utf8_strlen (first->text, -1), >, 24);
  start = g_utf8_substring (first->text, 0, 24);
  expected = g_strconcat (start, "…", NULL);

  summary = zr_library_get_summary (f->library, id, &error);
  g_assert_no_error (error);
  g_assert_null (summary->headline);
  title = zr_article_dup_title (summary->kind, summary->headline, summary->lead);
  g_assert_cmpstr (title, ==, expected);

  g_clear_pointer (&title, g_free);
  title = zr_article_dup_title ("article", "有标题", "正文");
  g_assert_cmpstr (title, ==, "有标题");
  g_clear_pointer (&title, g_free);
  title = zr_article_dup_title ("article", "", "  短正文  ");
  g_assert_cmpstr (title, ==, "短正文");
  no_text = zr_article_dup_title ("article", NULL, NULL);
  g_assert_cmpstr (no_text, ==, "(untitled)");
  g_clear_pointer (&title, g_free);
  title = zr_article_dup_title ("notice", NULL, "");
  g_assert_cmpstr (title, ==, "Notice");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/library/import-and-count", test_import_and_count);
  ADD ("/core/library/unchanged-file-changes-nothing", test_unchanged_file_changes_nothing);
  ADD ("/core/library/changed-file-replaces-records", test_changed_file_replaces_records);
  ADD ("/core/library/article-round-trip", test_article_round_trip);
  ADD ("/core/library/bad-file-reported-others-imported", test_bad_file_reported_others_imported);
  ADD ("/core/library/binary-file-error", test_binary_file_error);
  ADD ("/core/library/folder-is-not-a-file", test_folder_is_not_a_file);
  ADD ("/core/library/full-library-keeps-previous-state", test_full_library_keeps_previous_state);
  ADD ("/core/library/filter-by-district", test_filter_by_district);
  ADD ("/core/library/symlink-loop", test_symlink_loop);
  ADD ("/core/library/symlinked-path-is-one-file", test_symlinked_path_is_one_file);
  ADD ("/core/library/folder-named-twice-read-once", test_folder_named_twice_read_once);
  ADD ("/core/library/old-unresolved-path-still-matches", test_old_unresolved_path_still_matches);
  ADD ("/core/library/old-unresolved-path-resolved-once", test_old_unresolved_path_resolved_once);
  ADD ("/core/library/reclassify-is-stable", test_reclassify_is_stable);
  ADD ("/core/library/set-page", test_set_page);
  ADD ("/core/library/set-page-changes-only-what-is-given", test_set_page_changes_only_what_is_given);
  ADD ("/core/library/wrong-encoding-refused", test_wrong_encoding_refused);
  ADD ("/core/library/stale-encoding-choice-gives-way", test_stale_encoding_choice_gives_way);
  ADD ("/core/library/untitled", test_untitled);
  ADD ("/core/library/second-connection-imports", test_second_connection_imports);
  ADD ("/core/library/cancel-keeps-what-was-imported", test_cancel_keeps_what_was_imported);
  ADD ("/core/library/damaged-page-is-an-error", test_damaged_page_is_an_error);
  ADD ("/core/library/writer-during-import", test_writer_during_import);
  ADD ("/core/library/damaged-page-fails-search", test_damaged_page_fails_search);
#undef ADD

  return g_test_run ();
}
