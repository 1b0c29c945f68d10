/* test-database.c: the library file, its schema and its failures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-error.h"
#include "zr-test-utils.h"

static gint64
query_int (ZrDatabase *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (zr_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
test_new_library_has_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = zr_database_open (":memory:", &error);
  static const char *tables[] = {
    "sources", "records", "paragraphs", "bylines", "record_districts", "record_topics",
    "quotes", "clippings", "settings", "record_fts",
  };

  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, ZR_SCHEMA_VERSION);
  g_assert_cmpint (query_int (db, "PRAGMA foreign_keys"), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_master WHERE name = '%s'", tables[i]);
      g_assert_cmpint (query_int (db, sql), ==, 1);
    }
}

static void
test_file_library_uses_wal (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "sub", "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = zr_database_open (path, &error);
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (zr_database_get_path (db), ==, path);
  g_assert_cmpint (sqlite3_prepare_v2 (zr_database_get_handle (db), "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  g_clear_object (&db);

  /* Opening again keeps what is there. */
  db = zr_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, ZR_SCHEMA_VERSION);
  g_clear_object (&db);
  zr_test_rmdir (dir);
}

static void
test_newer_schema_refused (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = NULL;
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE future (x); PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  g_file_get_contents (path, &before, NULL, NULL);

  db = zr_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer"));
  g_file_get_contents (path, &after, NULL, NULL);
  g_assert_cmpstr (before, ==, after);
  zr_test_rmdir (dir);
}

static void
test_damaged_file_detected_and_moved_aside (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *aside = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = NULL;

  g_assert_true (g_file_set_contents (path, "this is not a library, it is a shopping list\n", -1, NULL));
  db = zr_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_DAMAGED);
  g_clear_error (&error);

  aside = zr_database_move_aside (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (aside, path));
  g_assert_nonnull (strstr (aside, ".damaged-"));
  g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  db = zr_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_clear_object (&db);
  zr_test_rmdir (dir);
}

static void
test_truncated_library_detected (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = NULL;
  gsize len;

  db = zr_database_open (path, &error);
  g_assert_no_error (error);
  /* Enough rows for several pages, then checkpoint into the main file. */
  for (int i = 0; i < 300; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO settings VALUES ('k%d', hex (randomblob (500)))", i);
      g_assert_true (zr_database_exec (db, sql, NULL));
    }
  g_assert_true (zr_database_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  g_clear_object (&db);

  g_file_get_contents (path, &contents, &len, NULL);
  g_assert_cmpuint (len, >, 16384);
  g_assert_true (g_file_set_contents (path, contents, len / 3, NULL));

  db = zr_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_DAMAGED);
  zr_test_rmdir (dir);
}

static void
test_statement_cache (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = zr_database_open (":memory:", &error);
  sqlite3_stmt *a, *b;

  a = zr_database_get_statement (db, "SELECT count(*) FROM records", &error);
  g_assert_no_error (error);
  b = zr_database_get_statement (db, "SELECT count(*) FROM records", &error);
  g_assert_true (a == b);
  g_assert_null (zr_database_get_statement (db, "SELECT nonsense FROM nowhere", &error));
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED);
}

static void
test_transactions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = zr_database_open (":memory:", &error);

  g_assert_true (zr_database_begin (db, &error));
  g_assert_true (zr_database_exec (db, "INSERT INTO settings VALUES ('a', 'b')", &error));
  zr_database_rollback (db);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM settings"), ==, 0);

  g_assert_true (zr_database_begin (db, &error));
  g_assert_true (zr_database_exec (db, "INSERT INTO settings VALUES ('a', 'b')", &error));
  g_assert_true (zr_database_commit (db, &error));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM settings"), ==, 1);

  /* A record without its source breaks a foreign key. */
  g_assert_false (zr_database_exec (db, "INSERT INTO records (source_id, position, kind) VALUES (42, 0, 'article')", &error));
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED);
}

static void
test_default_path (void)
{
  g_autofree char *path = zr_database_dup_default_path ();
  g_assert_true (g_str_has_suffix (path, "zhuzhou-reader/library.db"));
  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/database/new-library-has-schema", test_new_library_has_schema);
  g_test_add_func ("/core/database/file-library-uses-wal", test_file_library_uses_wal);
  g_test_add_func ("/core/database/newer-schema-refused", test_newer_schema_refused);
  g_test_add_func ("/core/database/damaged-file-moved-aside", test_damaged_file_detected_and_moved_aside);
  g_test_add_func ("/core/database/truncated-library-detected", test_truncated_library_detected);
  g_test_add_func ("/core/database/statement-cache", test_statement_cache);
  g_test_add_func ("/core/database/transactions", test_transactions);
  g_test_add_func ("/core/database/default-path", test_default_path);
  return g_test_run ();
}
