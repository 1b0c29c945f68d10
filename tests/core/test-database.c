/* test-database.c: the library file, its schema and its failures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "zr-error.h"
#include "zr-test-utils.h"

static char *
read_file (const char *path,
           gsize      *len)
{
  char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

/* Runs @sql on a plain SQLite connection (not the app's). */
static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
}

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
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE future (x); PRAGMA user_version = 99; PRAGMA application_id = 2053665380", NULL, NULL, NULL), ==, SQLITE_OK);
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

/* Item 6 of issue #13: another program's database is refused, byte for
 * byte untouched (no tables added, not switched to WAL). */
static void
test_foreign_database_untouched (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "other.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = NULL;
  gsize before_len, after_len;

  raw_exec (path, "CREATE TABLE contacts (name TEXT, phone TEXT);"
                  "INSERT INTO contacts VALUES ('Wang', '0731-1234')");
  before = read_file (path, &before_len);

  db = zr_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_NOT_LIBRARY);
  g_assert_nonnull (strstr (error->message, "not a Zhuzhou Reader library"));
  g_assert_nonnull (strstr (error->message, "untouched"));

  after = read_file (path, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  zr_test_rmdir (dir);
}

/* Item 17: a negative user_version is refused with a reason, not
 * “not an error”. */
static void
test_negative_version_refused (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = NULL;
  gsize before_len, after_len;

  raw_exec (path, "CREATE TABLE t (x); PRAGMA user_version = -3");
  before = read_file (path, &before_len);
  db = zr_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_NOT_LIBRARY);
  g_assert_null (strstr (error->message, "not an error"));
  after = read_file (path, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);
  g_clear_error (&error);

  /* the same with this app's id */
  raw_exec (path, "PRAGMA application_id = 2053665380");
  db = zr_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_NOT_LIBRARY);
  g_assert_nonnull (strstr (error->message, "-3"));
  g_assert_null (strstr (error->message, "not an error"));
  zr_test_rmdir (dir);
}

static void
test_empty_path_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = zr_database_open ("", &error);

  g_assert_null (db);
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED);
}

/* A library written before the application id existed is recognised by
 * its tables and stamped. */
static void
test_library_carries_application_id (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = zr_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, ZR_APPLICATION_ID);
  g_clear_object (&db);

  raw_exec (path, "PRAGMA application_id = 0");
  db = zr_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, ZR_APPLICATION_ID);
  g_clear_object (&db);
  zr_test_rmdir (dir);
}

static void
unlink_sidecars_of (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_unlink (name);
    }
}

static guint
count_prefixed (const char *dir_path,
                const char *prefix)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix))
      n++;
  return n;
}

/* Item 3: two damaged files set aside in the same second are both kept;
 * a file already under the set-aside name is never replaced. */
static void
test_move_aside_never_replaces (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "first damaged file", -1, NULL));
  first = zr_database_move_aside (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "second damaged file", -1, NULL));
  second = zr_database_move_aside (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, !=, second);

  /* whatever the clock says, a name in use is not taken */
  g_assert_true (g_file_set_contents (path, "third damaged file", -1, NULL));
  third = zr_database_move_aside (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (third, !=, first);
  g_assert_cmpstr (third, !=, second);

  g_file_get_contents (first, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "first damaged file");
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (second, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "second damaged file");
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (third, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "third damaged file");
  g_assert_cmpuint (count_prefixed (dir, "library.db.damaged-"), ==, 3);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  zr_test_rmdir (dir);
}

static void
fill_settings (ZrDatabase *db,
               int         rows)
{
  for (int i = 0; i < rows; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT OR REPLACE INTO settings VALUES ('k%d', hex (randomblob (500)))", i);
      g_assert_true (zr_database_exec (db, sql, NULL));
    }
}

typedef struct
{
  const char    *path;
  volatile gint  done;
  guint          transactions;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = zr_database_open (w->path, &error);

  g_assert_no_error (error);
  /* a checkpoint after every transaction: the library file grows while
   * others open it, again and again */
  g_assert_true (zr_database_exec (db, "PRAGMA wal_autocheckpoint = 1", NULL));
  for (w->transactions = 0; w->transactions < 600; w->transactions++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO settings VALUES ('w%u', hex (randomblob (3000)))",
                                              w->transactions);
      g_assert_true (zr_database_begin (db, &error));
      g_assert_true (zr_database_exec (db, sql, &error));
      g_assert_true (zr_database_commit (db, &error));
    }
  g_atomic_int_set (&w->done, 1);
  return NULL;
}

/* Issue #13 item 1: opening the library while another connection writes
 * and checkpoints it never takes it for damaged (a size read without a
 * lock is no proof). */
static void
test_open_while_written (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = NULL;
  Writer w = { path, 0, 0 };
  GThread *thread;
  guint opens = 0;

  db = zr_database_open (path, &error);
  g_assert_no_error (error);
  fill_settings (db, 50);
  g_clear_object (&db);

  thread = g_thread_new ("writer", writer_thread, &w);
  while (!g_atomic_int_get (&w.done))
    {
      db = zr_database_open (path, &error);
      if (db == NULL)
        g_error ("opening during a write failed after %u opens, %u transactions: %s",
                 opens, w.transactions, error->message);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM settings"), >=, 50);
      g_clear_object (&db);
      opens++;
    }
  g_thread_join (thread);
  g_test_message ("%u opens during the writes", opens);
  g_assert_cmpuint (count_prefixed (dir, "library.db.damaged-"), ==, 0);
  db = zr_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM settings"), ==, 650);
  g_clear_object (&db);
  zr_test_rmdir (dir);
}

/* Item 4: a library file replaced by a larger copy while the old one's
 * log is still beside it. The log must not be applied (it would cut the
 * library to the old file's size). */
static void
test_stale_log_refused (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *other = g_build_filename (dir, "bigger.db", NULL);
  g_autofree char *big = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = NULL;
  gsize big_len, after_len;
  sqlite3 *raw = NULL;
  GStatBuf st;

  /* a small library whose last transaction is only in its log */
  db = zr_database_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  sqlite3_db_config (raw, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  g_assert_cmpint (sqlite3_exec (raw, "INSERT INTO settings VALUES ('small', 'yes')", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 0);

  /* a larger library, copied over it by hand */
  db = zr_database_open (other, &error);
  g_assert_no_error (error);
  fill_settings (db, 300);
  g_assert_true (zr_database_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  g_clear_object (&db);
  big = read_file (other, &big_len);
  g_assert_true (g_file_set_contents (path, big, big_len, NULL));

  db = zr_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_STALE_LOG);
  g_assert_nonnull (strstr (error->message, "-wal"));
  g_clear_error (&error);

  after = read_file (path, &after_len);
  g_assert_cmpmem (big, big_len, after, after_len);

  /* restoring a backup sets the library aside with its stray log */
  {
    g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
    g_autofree char *previous = NULL;

    db = zr_database_open (other, &error);
    g_assert_no_error (error);
    g_assert_true (zr_database_backup_to (db, copy, &error));
    g_clear_object (&db);
    db = zr_database_restore (path, copy, &previous, &error);
    g_assert_no_error (error);
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM settings"), ==, 300);
    g_clear_object (&db);
    g_assert_nonnull (strstr (previous, ".damaged-"));
    g_clear_pointer (&after, g_free);
    after = read_file (previous, &after_len);
    g_assert_cmpmem (big, big_len, after, after_len);
    g_assert_true (g_file_test (previous, G_FILE_TEST_EXISTS));
    /* and put the refused pair back for the rest of the test */
    unlink_sidecars_of (path);
    g_assert_cmpint (g_rename (previous, path), ==, 0);
    {
      g_autofree char *from = g_strconcat (previous, "-wal", NULL);
      g_assert_cmpint (g_rename (from, wal), ==, 0);
    }
  }

  /* once the stray log is gone, the copy opens whole */
  g_assert_cmpint (g_unlink (wal), ==, 0);
  db = zr_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM settings"), ==, 300);
  g_clear_object (&db);
  zr_test_rmdir (dir);
}

/* Item 4: backups are whole libraries made with SQLite's backup API,
 * the last three kept; restoring one puts its contents back. */
static void
test_backup_and_restore (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *manual = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *previous = NULL;
  g_autofree char *backup_dir = zr_database_dup_backup_dir (path);
  g_auto(GStrv) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = NULL;

  db = zr_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (zr_database_exec (db, "INSERT INTO settings VALUES ('state', 'one')", NULL));
  g_assert_true (zr_database_backup_to (db, manual, &error));
  g_assert_no_error (error);
  /* never over an existing file */
  g_assert_false (zr_database_backup_to (db, manual, &error));
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED);
  g_clear_error (&error);

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *made = zr_database_make_backup (db, &error);
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (made, backup_dir));
    }
  backups = zr_database_list_backups (path);
  g_assert_cmpuint (g_strv_length (backups), ==, ZR_DATABASE_BACKUPS_KEPT);
  g_assert_true (zr_database_exec (db, "UPDATE settings SET value = 'two' WHERE key = 'state'", NULL));
  g_clear_object (&db);

  db = zr_database_restore (path, manual, &previous, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM settings WHERE key = 'state' AND value = 'one'"), ==, 1);
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, ZR_APPLICATION_ID);
  g_clear_object (&db);
  /* the library as it was before the restore is a backup in its turn */
  g_assert_nonnull (previous);
  db = zr_database_open (previous, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM settings WHERE key = 'state' AND value = 'two'"), ==, 1);
  g_clear_object (&db);

  /* another program's database is not a backup */
  {
    g_autofree char *foreign = g_build_filename (dir, "foreign.db", NULL);
    raw_exec (foreign, "CREATE TABLE t (x)");
    g_assert_null (zr_database_restore (path, foreign, NULL, &error));
    g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_NOT_LIBRARY);
    g_clear_error (&error);
  }

  /* the library itself is not a backup of it */
  g_assert_null (zr_database_restore (path, path, NULL, &error));
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED);
  g_clear_error (&error);

  /* a copy of a library made before the application id is a backup too */
  raw_exec (manual, "PRAGMA application_id = 0");
  db = zr_database_restore (path, manual, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM settings WHERE value = 'one'"), ==, 1);
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, ZR_APPLICATION_ID);
  g_clear_object (&db);
  zr_test_rmdir (dir);
}

/* Item 4: a damaged library is set aside, with its log, before a backup
 * is put back. */
static void
test_restore_over_damaged_library (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *manual = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *previous = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = NULL;

  db = zr_database_open (manual, &error);
  g_assert_no_error (error);
  g_assert_true (zr_database_exec (db, "INSERT INTO settings VALUES ('state', 'kept')", NULL));
  g_clear_object (&db);

  g_assert_true (g_file_set_contents (path, "not a library at all, damaged beyond reading", -1, NULL));
  db = zr_database_restore (path, manual, &previous, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM settings WHERE value = 'kept'"), ==, 1);
  g_assert_nonnull (strstr (previous, ".damaged-"));
  g_file_get_contents (previous, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "not a library at all, damaged beyond reading");
  g_clear_object (&db);
  zr_test_rmdir (dir);
}

/* At most daily, before the first write: a backup of the library as it
 * was (none for an empty library). */
static void
test_daily_backup_on_first_write (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_auto(GStrv) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = NULL;

  db = zr_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (zr_database_begin (db, &error));
  g_assert_true (zr_database_exec (db, "INSERT INTO sources (path, name, content_hash, encoding, size, imported_at)"
                                       " VALUES ('/p', 'p', 'h', 'UTF-8', 1, 0)", &error));
  g_assert_true (zr_database_commit (db, &error));
  g_clear_object (&db);
  backups = zr_database_list_backups (path);
  g_assert_cmpuint (g_strv_length (backups), ==, 0);   /* it was empty */
  g_clear_pointer (&backups, g_strfreev);

  db = zr_database_open (path, &error);
  g_assert_true (zr_database_begin (db, &error));
  zr_database_rollback (db);
  g_assert_true (zr_database_begin (db, &error));
  zr_database_rollback (db);
  g_clear_object (&db);
  db = zr_database_open (path, &error);
  g_assert_true (zr_database_begin (db, &error));
  zr_database_rollback (db);
  g_clear_object (&db);
  backups = zr_database_list_backups (path);
  g_assert_cmpuint (g_strv_length (backups), ==, 1);
  db = zr_database_open (backups[0], &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sources"), ==, 1);
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
  g_test_add_func ("/core/database/foreign-database-untouched", test_foreign_database_untouched);
  g_test_add_func ("/core/database/negative-version-refused", test_negative_version_refused);
  g_test_add_func ("/core/database/empty-path-refused", test_empty_path_refused);
  g_test_add_func ("/core/database/library-carries-application-id", test_library_carries_application_id);
  g_test_add_func ("/core/database/move-aside-never-replaces", test_move_aside_never_replaces);
  g_test_add_func ("/core/database/open-while-written", test_open_while_written);
  g_test_add_func ("/core/database/stale-log-refused", test_stale_log_refused);
  g_test_add_func ("/core/database/backup-and-restore", test_backup_and_restore);
  g_test_add_func ("/core/database/restore-over-damaged-library", test_restore_over_damaged_library);
  g_test_add_func ("/core/database/daily-backup-on-first-write", test_daily_backup_on_first_write);
  g_test_add_func ("/core/database/statement-cache", test_statement_cache);
  g_test_add_func ("/core/database/transactions", test_transactions);
  g_test_add_func ("/core/database/default-path", test_default_path);
  return g_test_run ();
}
