/* test-vfs.c: SQLite's locks on the library hold whatever else this process
 * opens and closes, still exclude as SQLite expects, and a library deleted
 * or replaced while open is noticed and never written to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <unistd.h>

#include "zr-error.h"
#include "zr-test-utils.h"
#include "zr-vfs.h"

#define ROW_PADDING 400   /* bytes per row: a few rows fill a page */

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* Rows first .. first+n-1 of table t, in one transaction */
static gboolean
insert_rows (ZrDatabase  *db,
             int          first,
             int          n,
             GError     **error)
{
  g_autofree char *padding = g_strnfill (ROW_PADDING, 'x');

  if (!zr_database_begin (db, error))
    return FALSE;
  for (int i = first; i < first + n; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO t (id, v) VALUES (%d, 'row %d %s')", i + 1, i + 1, padding);
      if (!zr_database_exec (db, sql, error))
        {
          zr_database_rollback (db);
          return FALSE;
        }
    }
  return zr_database_commit (db, error);
}

static ZrDatabase *
open_with_table (const char *path)
{
  g_autoptr(GError) error = NULL;
  ZrDatabase *db = zr_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (zr_database_exec (db, "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)", &error));
  g_assert_no_error (error);
  return db;
}

/* What a GTK file chooser does to the files of the folder it shows */
static void
open_and_close (const char *path)
{
  char buf[64];
  int fd = open (path, O_RDONLY);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (read (fd, buf, sizeof buf), >=, 0);
  close (fd);
}

/* The library reopened afresh: whole, with rows 1..n and nothing else */
static void
assert_library_has_rows (const char *path,
                         int         n)
{
  sqlite3 *db = NULL;
  g_autofree char *check = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  check = query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM t"), ==, n);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM t WHERE v LIKE 'row ' || id || ' x%'"), ==, n);
  g_assert_cmpint (query_int (db, "SELECT max(id) FROM t"), ==, n);
  sqlite3_close (db);
}

/* ---- other processes: this test program run again with --child ---- */

/* @library: set to the app's own connection object, if that is how */
static sqlite3 *
child_open (const char  *how,
            const char  *path,
            ZrDatabase **library)
{
  sqlite3 *db = NULL;

  if (g_str_has_suffix (how, "-app"))
    {
      /* the command-line tool */
      g_autoptr(GError) error = NULL;

      *library = zr_database_open (path, &error);
      if (*library == NULL)
        {
          g_printerr ("child: %s\n", error->message);
          exit (3);
        }
      db = zr_database_get_handle (*library);
    }
  else
    {
      /* another program on SQLite's own "unix" VFS (POSIX locks), such as
       * the sqlite3 shell */
      if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, "unix") != SQLITE_OK)
        exit (3);
    }
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static int
child_main (const char *how,
            const char *path)
{
  ZrDatabase *library = NULL;
  sqlite3 *db = child_open (how, path, &library);

  if (g_str_has_prefix (how, "read"))
    {
      /* read and close: with locks dropped in the other process, this
       * close checkpoints and deletes the -wal and -shm */
      g_print ("%" G_GINT64_FORMAT "\n", query_int (db, "SELECT count(*) FROM t"));
    }
  else if (g_str_has_prefix (how, "hold-write"))
    {
      /* a write transaction held for a second */
      if (sqlite3_exec (db, "BEGIN IMMEDIATE; INSERT INTO t (v) VALUES ('child')", NULL, NULL, NULL) != SQLITE_OK)
        {
          g_printerr ("child: %s\n", sqlite3_errmsg (db));
          return 4;
        }
      g_print ("ready\n");
      fflush (stdout);
      g_usleep (G_USEC_PER_SEC);
      if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        return 5;
    }
  if (library != NULL)
    g_object_unref (library);
  else
    sqlite3_close_v2 (db);
  return 0;
}

static GSubprocess *
spawn_child (const char *how,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                         "/proc/self/exe", "--child", how, path, NULL);

  g_assert_no_error (error);
  return child;
}

static char *
run_child (const char *how,
           const char *path)
{
  g_autoptr(GSubprocess) child = spawn_child (how, path);
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
  return g_strstrip (out);
}

static void
wait_for_ready (GSubprocess *child)
{
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "ready");
}

static void
wait_child (GSubprocess *child)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
}

/* ---- the tests ---- */

/* Issue #13, item 2: the window open on the library, the file chooser
 * reads the library's folder, the CLI reads the library and exits, the
 * window imports on a second connection and carries on. */
static void
test_in_process_close_keeps_locks (gconstpointer data)
{
  const char *child_how = data;
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "lib.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(ZrDatabase) window = open_with_table (path);
  g_autoptr(ZrDatabase) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *seen = NULL;

  g_assert_true (insert_rows (window, 0, 100, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  open_and_close (path);
  open_and_close (wal);
  open_and_close (shm);

  seen = run_child (child_how, path);
  g_assert_cmpstr (seen, ==, "100");

  /* the window is still there: its log and index must be too */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_true (zr_database_check_file (window, &error));
  g_assert_no_error (error);

  /* the window's import runs on a connection of its own */
  import = open_with_table (path);
  g_assert_true (insert_rows (import, 100, 100, &error));
  g_assert_no_error (error);
  g_clear_object (&import);

  g_assert_cmpint (query_int (zr_database_get_handle (window), "SELECT count(*) FROM t"), ==, 200);
  g_assert_true (insert_rows (window, 200, 100, &error));
  g_assert_no_error (error);
  g_clear_object (&window);

  assert_library_has_rows (path, 300);
  zr_test_rmdir (dir);
}

/* Two connections of one process: one writer at a time, readers beside it
 * see the last commit, busy_timeout waits for the writer */
static void
test_one_process_excludes (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "lib.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(ZrDatabase) a = open_with_table (path);
  g_autoptr(ZrDatabase) b = open_with_table (path);
  sqlite3 *hb = zr_database_get_handle (b);
  g_autoptr(GError) error = NULL;

  g_assert_true (insert_rows (a, 0, 10, &error));
  g_assert_no_error (error);

  g_assert_true (zr_database_begin (a, &error));
  g_assert_true (zr_database_exec (a, "INSERT INTO t (id, v) VALUES (11, 'row 11 x')", &error));

  /* a reader beside the writer: the last commit, no waiting */
  g_assert_cmpint (query_int (hb, "SELECT count(*) FROM t"), ==, 10);
  /* a second writer: busy */
  sqlite3_busy_timeout (hb, 0);
  g_assert_cmpint (sqlite3_exec (hb, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_BUSY);

  g_assert_true (zr_database_commit (a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (hb, "SELECT count(*) FROM t"), ==, 11);
  g_assert_cmpint (sqlite3_exec (hb, "BEGIN IMMEDIATE; INSERT INTO t (id, v) VALUES (12, 'row 12 x'); COMMIT",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (zr_database_get_handle (a), "SELECT count(*) FROM t"), ==, 12);

  /* the first to close leaves the log to the other; the last removes it */
  g_clear_object (&b);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_clear_object (&a);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  assert_library_has_rows (path, 12);
  zr_test_rmdir (dir);
}

/* Another process holds the write lock: we are busy without a timeout and
 * wait with one; both with another instance of the app (open file
 * description locks) and with a program on POSIX locks */
static void
test_other_process_excludes (gconstpointer data)
{
  const char *child_how = data;
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "lib.db", NULL);
  g_autoptr(ZrDatabase) db = open_with_table (path);
  sqlite3 *h = zr_database_get_handle (db);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  g_assert_true (insert_rows (db, 0, 5, &error));
  g_assert_no_error (error);

  child = spawn_child (child_how, path);
  wait_for_ready (child);

  /* a connection that arrives while the child is attached joins its
   * index (it must not take itself for the first and reset it) */
  {
    g_autoptr(ZrDatabase) late = open_with_table (path);
    sqlite3 *hl = zr_database_get_handle (late);

    g_assert_cmpint (query_int (hl, "SELECT count(*) FROM t"), ==, 5);
    sqlite3_busy_timeout (hl, 0);
    g_assert_cmpint (sqlite3_exec (hl, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_BUSY);
  }

  /* readers go on while it writes */
  g_assert_cmpint (query_int (h, "SELECT count(*) FROM t"), ==, 5);
  sqlite3_busy_timeout (h, 0);
  g_assert_cmpint (sqlite3_exec (h, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_BUSY);

  /* with a timeout, the write waits for the child's commit */
  sqlite3_busy_timeout (h, 10000);
  start = g_get_monotonic_time ();
  g_assert_cmpint (sqlite3_exec (h, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (h, "SELECT count(*) FROM t WHERE v = 'child'"), ==, 1);
  g_assert_cmpint (sqlite3_exec (h, "INSERT INTO t (v) VALUES ('parent'); COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 9 * G_USEC_PER_SEC);
  wait_child (child);

  g_assert_cmpint (query_int (h, "SELECT count(*) FROM t"), ==, 7);
  g_clear_object (&db);
  {
    sqlite3 *check = NULL;
    g_autofree char *ok = NULL;

    g_assert_cmpint (sqlite3_open_v2 (path, &check, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    ok = query_text (check, "PRAGMA integrity_check");
    g_assert_cmpstr (ok, ==, "ok");
    sqlite3_close (check);
  }
  zr_test_rmdir (dir);
}

typedef struct
{
  const char *path;
  int         worker;
  int         failures;
  char       *message;
} Writer;

#define WRITERS 4
#define WRITES  40

static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = zr_database_open (w->path, &error);

  if (db == NULL)
    {
      w->failures++;
      w->message = g_strdup (error->message);
      return NULL;
    }
  for (int i = 0; i < WRITES; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO t (v) VALUES ('w%d-%d')", w->worker, i);

      /* a read, then a write: the readers' and the writer's locks in turn */
      query_int (zr_database_get_handle (db), "SELECT count(*) FROM t");
      if (!zr_database_begin (db, &error) || !zr_database_exec (db, sql, &error) || !zr_database_commit (db, &error))
        {
          zr_database_rollback (db);
          w->failures++;
          if (w->message == NULL)
            w->message = g_strdup (error->message);
          g_clear_error (&error);
        }
    }
  return NULL;
}

/* Connections of several threads and another process write at once: with
 * the busy timeout every write gets through */
static void
test_many_writers (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "lib.db", NULL);
  g_autoptr(ZrDatabase) db = open_with_table (path);
  g_autoptr(GSubprocess) child = NULL;
  Writer writers[WRITERS];
  GThread *threads[WRITERS];

  child = spawn_child ("hold-write-unix", path);
  for (int i = 0; i < WRITERS; i++)
    {
      writers[i] = (Writer) { path, i, 0, NULL };
      threads[i] = g_thread_new ("writer", writer_thread, &writers[i]);
    }
  for (int i = 0; i < WRITERS; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpstr (writers[i].message, ==, NULL);
      g_assert_cmpint (writers[i].failures, ==, 0);
    }
  wait_child (child);

  g_assert_cmpint (query_int (zr_database_get_handle (db), "SELECT count(*) FROM t"), ==, WRITERS * WRITES + 1);
  g_clear_object (&db);
  zr_test_rmdir (dir);
}

/* Issue #13, item 7: the library deleted while the window has it open */
static void
test_deleted_library_noticed (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "lib.db", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(ZrDatabase) window = open_with_table (path);
  g_autoptr(ZrDatabase) fresh = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (insert_rows (window, 0, 20, &error));
  g_assert_true (zr_database_check_file (window, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_unlink (path), ==, 0);

  g_assert_false (zr_database_check_file (window, &error));
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_MOVED);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* nothing more goes into a file nobody will ever see */
  g_assert_false (insert_rows (window, 20, 5, &error));
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_MOVED);
  g_clear_error (&error);
  /* what it held can still be read (the window goes on showing it) */
  for (int i = 0; i < 3; i++)
    g_assert_cmpint (query_int (zr_database_get_handle (window), "SELECT count(*) FROM t"), ==, 20);

  /* its index is gone with it: a new library at the path starts clean,
   * and the old connection closing leaves it alone */
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  fresh = open_with_table (path);
  g_assert_true (insert_rows (fresh, 0, 3, &error));
  g_assert_no_error (error);
  g_assert_true (zr_database_check_file (fresh, &error));
  g_clear_object (&window);
  g_assert_true (insert_rows (fresh, 3, 3, &error));
  g_assert_no_error (error);
  g_clear_object (&fresh);
  assert_library_has_rows (path, 6);
  zr_test_rmdir (dir);
}

/* Deleted by mistake: what the window still holds is written back */
static void
test_deleted_library_restored (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "lib.db", NULL);
  g_autoptr(ZrDatabase) window = open_with_table (path);
  g_autoptr(GError) error = NULL;

  /* some of it checkpointed into the file, some only in the log */
  g_assert_true (insert_rows (window, 0, 20, &error));
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (zr_database_get_handle (window), NULL,
                                              SQLITE_CHECKPOINT_PASSIVE, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (insert_rows (window, 20, 20, &error));
  g_assert_no_error (error);

  /* nothing to restore while the file is there */
  g_assert_false (zr_database_restore_deleted (window, &error));
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_false (zr_database_check_file (window, &error));
  g_clear_error (&error);

  g_assert_true (zr_database_restore_deleted (window, &error));
  g_assert_no_error (error);
  g_clear_object (&window);
  assert_library_has_rows (path, 40);

  /* and it opens as a library again, and takes writes */
  window = open_with_table (path);
  g_assert_true (insert_rows (window, 40, 2, &error));
  g_assert_no_error (error);
  g_clear_object (&window);
  assert_library_has_rows (path, 42);
  zr_test_rmdir (dir);
}

/* ... but never over a file that appeared at the path meanwhile */
static void
test_restore_never_replaces (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "lib.db", NULL);
  g_autoptr(ZrDatabase) window = open_with_table (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (insert_rows (window, 0, 5, &error));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_false (zr_database_check_file (window, &error));
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (path, "someone else's", -1, &error));

  g_assert_false (zr_database_restore_deleted (window, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&window);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "someone else's");
  zr_test_rmdir (dir);
}

/* ... or replaced by another file (a backup copied over it) */
static void
test_replaced_library_noticed (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "lib.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autoptr(ZrDatabase) window = open_with_table (path);
  g_autoptr(ZrDatabase) second = open_with_table (other);
  g_autoptr(GError) error = NULL;

  g_assert_true (insert_rows (window, 0, 10, &error));
  g_assert_true (insert_rows (second, 0, 4, &error));
  g_clear_object (&second);

  g_assert_cmpint (g_rename (other, path), ==, 0);

  g_assert_false (zr_database_check_file (window, &error));
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_MOVED);
  g_clear_error (&error);
  g_assert_false (insert_rows (window, 10, 5, &error));
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_MOVED);
  g_clear_error (&error);
  g_clear_object (&window);

  /* the file now at the path is the other one, untouched */
  assert_library_has_rows (path, 4);
  zr_test_rmdir (dir);
}

/* "Detect it if it happens anyway": a program that ignores the locks
 * removes the -wal and -shm while the window has the library open. The
 * window notices, and refuses to write or checkpoint from its stale index
 * (which would damage the library); opened again, the library is whole. */
static void
test_removed_index_noticed (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "lib.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(ZrDatabase) window = open_with_table (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (insert_rows (window, 0, 30, &error));
  /* what that program would have done first: the log into the file */
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (zr_database_get_handle (window), NULL,
                                              SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (g_unlink (wal), ==, 0);
  g_assert_cmpint (g_unlink (shm), ==, 0);

  g_assert_false (zr_database_check_file (window, &error));
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_MOVED);
  g_clear_error (&error);
  g_assert_false (insert_rows (window, 30, 5, &error));
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_MOVED);
  g_clear_error (&error);
  g_assert_cmpint (query_int (zr_database_get_handle (window), "SELECT count(*) FROM t"), ==, 30);
  g_clear_object (&window);

  assert_library_has_rows (path, 30);
  window = open_with_table (path);
  g_assert_true (zr_database_check_file (window, &error));
  g_assert_true (insert_rows (window, 30, 5, &error));
  g_assert_no_error (error);
  g_clear_object (&window);
  assert_library_has_rows (path, 35);
  zr_test_rmdir (dir);
}

static void
delete_during_import_cb (const char *file,
                         guint       done,
                         guint       total,
                         gpointer    user_data)
{
  const char *path = user_data;

  /* the second file: the first one's transaction is open */
  if (done == 1)
    g_assert_cmpint (g_unlink (path), ==, 0);
}

/* An import (the CLI's, the window's) that outlives its library fails
 * and says why, rather than reporting files saved into a deleted file */
static void
test_import_into_deleted_library_fails (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "lib.db", NULL);
  g_autofree char *page_a = g_test_build_filename (G_TEST_DIST, "data", "core", "page-a.txt", NULL);
  g_autofree char *page_b = g_test_build_filename (G_TEST_DIST, "data", "core", "page-b.txt", NULL);
  const char *pages[] = { page_a, page_b, NULL };
  g_autoptr(ZrLibrary) library = zr_test_open_library (path);
  g_autoptr(ZrImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_test (page_a, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (page_b, G_FILE_TEST_IS_REGULAR));
  report = zr_library_import (library, pages, delete_during_import_cb, path, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_MOVED);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "deleted"));
  g_clear_object (&library);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  zr_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2], argv[3]);

  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/core/vfs/in-process-close-keeps-locks/cli", "read-app",
                        test_in_process_close_keeps_locks);
  g_test_add_data_func ("/core/vfs/in-process-close-keeps-locks/sqlite3-shell", "read-unix",
                        test_in_process_close_keeps_locks);
  g_test_add_func ("/core/vfs/one-process-excludes", test_one_process_excludes);
  g_test_add_data_func ("/core/vfs/other-process-excludes/app", "hold-write-app",
                        test_other_process_excludes);
  g_test_add_data_func ("/core/vfs/other-process-excludes/sqlite3-shell", "hold-write-unix",
                        test_other_process_excludes);
  g_test_add_func ("/core/vfs/many-writers", test_many_writers);
  g_test_add_func ("/core/vfs/deleted-library-noticed", test_deleted_library_noticed);
  g_test_add_func ("/core/vfs/deleted-library-restored", test_deleted_library_restored);
  g_test_add_func ("/core/vfs/restore-never-replaces", test_restore_never_replaces);
  g_test_add_func ("/core/vfs/replaced-library-noticed", test_replaced_library_noticed);
  g_test_add_func ("/core/vfs/removed-index-noticed", test_removed_index_noticed);
  g_test_add_func ("/core/vfs/import-into-deleted-library-fails", test_import_into_deleted_library_fails);

  return g_test_run ();
}
