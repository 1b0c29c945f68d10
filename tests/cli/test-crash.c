/* test-crash.c: an import or reclassify killed with SIGKILL leaves the
 * library whole: every file fully imported or absent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/wait.h>

#include "zr-encoding.h"
#include "zr-page-parser.h"
#include "../core/zr-test-utils.h"

static void
write_pages (const char *dir,
             int         n_files)
{
  for (int i = 0; i < n_files; i++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      g_autofree char *name = g_strdup_printf ("2024-01-%02d_第%02d版.txt", i % 28 + 1, i % 8 + 1);
      g_autofree char *sub = g_strdup_printf ("%s/batch-%03d", dir, i);
      g_autofree char *path = g_build_filename (sub, name, NULL);

      g_mkdir (sub, 0700);
      for (int j = 0; j < 25; j++)
        {
          g_string_append_printf (s, "## 天元区第%d批项目 第%d号工地复工\n\n", i, j);
          g_string_append_printf (s, "株洲日报讯(全媒体记者/黄%d) 近日，天元区栗雨街道第%d号工地全面复工，现场有工人%d名。\n\n", j, j, i + j);
          g_string_append (s, "“工期紧，我们分两班倒。”项目负责人王先生说。\n\n");
          g_string_append_printf (s, "据了解，该项目计划投资%d万元，预计明年%d月完工。\n\n", i * 10 + j, j % 12 + 1);
        }
      g_assert_true (g_file_set_contents (path, s->str, s->len, NULL));
    }
}

static guint
expected_records (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autoptr(ZrPage) page = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  text = zr_text_decode (contents, len, NULL, NULL, NULL);
  g_assert_nonnull (text);
  page = zr_page_parse (text);
  return page->records->len;
}

static gint64
count_sources (const char *db_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return -1;
    }
  sqlite3_busy_timeout (db, 1000);
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sources", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Returns TRUE if the process was still running and was killed. */
static gboolean
kill_and_reap (GPid pid)
{
  int status = 0;
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  return WIFSIGNALED (status);
}

static void
assert_integrity (ZrDatabase *db)
{
  sqlite3_stmt *stmt = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (zr_database_get_handle (db), "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (zr_database_get_handle (db), "PRAGMA foreign_key_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* Files imported by the killed import: enough for several of its batches. */
#define N_IMPORT_FILES 60
/* Where the import stops itself (ZR_TEST_PAUSE_AFTER_FILES, zr-library.c):
 * this many files committed, the next one written but not committed. */
#define PAUSE_AFTER_FILES 23

/* Returns TRUE if another connection can take the write lock right now. */
static gboolean
can_write (const char *db_path)
{
  sqlite3 *db = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 0);
  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  else
    g_assert_cmpint (rc, ==, SQLITE_BUSY);
  sqlite3_close (db);
  return rc == SQLITE_OK;
}

static void
test_killed_import (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *pages = g_build_filename (dir, "pages", NULL);
  g_autofree char *db_path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *pause = g_strdup_printf ("%d", PAUSE_AFTER_FILES);
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "ZR_TEST_PAUSE_AFTER_FILES", pause, TRUE);
  const char *argv[] = { g_getenv ("ZR_CLI"), "--db", db_path, "import", pages, NULL };
  g_autoptr(ZrLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  guint checked = 0;
  int status = 0;
  GPid pid;

  g_mkdir (pages, 0700);
  write_pages (pages, N_IMPORT_FILES);

  /* The import stops itself mid-way (SIGSTOP) holding a batch it has not
   * committed; it is killed there, never by a guess at how long it takes. */
  g_assert_nonnull (argv[0]);
  g_spawn_async (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (waitpid (pid, &status, WUNTRACED), ==, pid);
  g_assert_true (WIFSTOPPED (status));
  g_assert_cmpint (count_sources (db_path), ==, PAUSE_AFTER_FILES);
  g_assert_false (can_write (db_path));   /* the half-written file's batch is open */
  g_assert_true (kill_and_reap (pid));

  library = zr_test_open_library (db_path);
  assert_integrity (zr_library_get_database (library));
  g_assert_cmpint (sqlite3_prepare_v2 (zr_database_get_handle (zr_library_get_database (library)),
                                       "SELECT s.path, count(r.id) FROM sources s LEFT JOIN records r ON r.source_id = s.id GROUP BY s.id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *path = (const char *) sqlite3_column_text (stmt, 0);
      g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, expected_records (path));
      checked++;
    }
  sqlite3_finalize (stmt);
  /* the committed files whole, the half-written one not there at all */
  g_assert_cmpuint (checked, ==, PAUSE_AFTER_FILES);

  /* Importing again completes the job. */
  {
    const char *paths[] = { pages, NULL };
    g_autoptr(ZrImportReport) report = zr_library_import (library, paths, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (report->unchanged_files, ==, PAUSE_AFTER_FILES);
    g_assert_cmpuint (report->imported_files, ==, N_IMPORT_FILES - PAUSE_AFTER_FILES);
    g_assert_cmpuint (report->failed->len, ==, 0);
  }
  g_assert_cmpint (count_sources (db_path), ==, N_IMPORT_FILES);
  g_clear_object (&library);
  zr_test_rmdir (dir);
}

/* Where the reclassification stops itself (ZR_TEST_PAUSE_AFTER_RECORDS,
 * zr-library.c): this many records rewritten in its one transaction. */
#define PAUSE_AFTER_RECORDS 500

static gint64
count_marked (ZrLibrary *library,
              gint64    *out_total)
{
  sqlite3_stmt *stmt = NULL;
  gint64 marked;

  g_assert_cmpint (sqlite3_prepare_v2 (zr_database_get_handle (zr_library_get_database (library)),
                                       "SELECT total (district = 'marked'), count(*) FROM records", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  marked = (gint64) sqlite3_column_double (stmt, 0);
  *out_total = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  return marked;
}

static void
test_killed_reclassify (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *pages = g_build_filename (dir, "pages", NULL);
  g_autofree char *db_path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *pause = g_strdup_printf ("%d", PAUSE_AFTER_RECORDS);
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "ZR_TEST_PAUSE_AFTER_RECORDS", pause, TRUE);
  const char *argv[] = { g_getenv ("ZR_CLI"), "--db", db_path, "reclassify", NULL };
  g_autoptr(ZrLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { pages, NULL };
  gint64 total = 0;
  int status = 0;
  GPid pid;

  g_mkdir (pages, 0700);
  write_pages (pages, N_IMPORT_FILES);
  library = zr_test_open_library (db_path);
  {
    g_autoptr(ZrImportReport) report = zr_library_import (library, paths, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  /* Mark every record, so that a half-done reclassification would show. */
  g_assert_true (zr_database_exec (zr_library_get_database (library),
                                   "UPDATE records SET district = 'marked'", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_marked (library, &total), ==, total);
  g_assert_cmpint (total, >, PAUSE_AFTER_RECORDS);
  g_clear_object (&library);

  /* It stops itself in the middle of its transaction, and is killed there */
  g_assert_nonnull (argv[0]);
  g_spawn_async (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (waitpid (pid, &status, WUNTRACED), ==, pid);
  g_assert_true (WIFSTOPPED (status));
  g_assert_false (can_write (db_path));   /* its transaction is open */
  g_assert_true (kill_and_reap (pid));

  /* all or nothing: here nothing */
  library = zr_test_open_library (db_path);
  assert_integrity (zr_library_get_database (library));
  g_assert_cmpint (count_marked (library, &total), ==, total);
  g_clear_object (&library);

  /* Run to the end, it does it all */
  {
    const char *again[] = { argv[0], "--db", db_path, "reclassify", NULL };
    int exit_status = -1;

    g_spawn_sync (NULL, (char **) again, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                  &exit_status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (exit_status, NULL));
  }
  library = zr_test_open_library (db_path);
  assert_integrity (zr_library_get_database (library));
  g_assert_cmpint (count_marked (library, &total), ==, 0);
  g_clear_object (&library);
  zr_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/crash/killed-import", test_killed_import);
  g_test_add_func ("/cli/crash/killed-reclassify", test_killed_reclassify);
  return g_test_run ();
}
