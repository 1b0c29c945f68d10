/* test-library.c: importing pages and reading them back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>

#include "zr-encoding.h"
#include "zr-error.h"
#include "zr-page-parser.h"
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
  ADD ("/core/library/reclassify-is-stable", test_reclassify_is_stable);
  ADD ("/core/library/set-page", test_set_page);
  ADD ("/core/library/untitled", test_untitled);
  ADD ("/core/library/second-connection-imports", test_second_connection_imports);
  ADD ("/core/library/cancel-keeps-what-was-imported", test_cancel_keeps_what_was_imported);
#undef ADD

  return g_test_run ();
}
