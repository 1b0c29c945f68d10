/* test-safety.c: the library's safety through the command-line tool
 * (issue #13): damage only on proof, set aside without replacing, other
 * programs' files untouched, backups and restore, honest diagnoses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../core/zr-test-utils.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef ZrTestRun Run;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, zr_test_run_clear)

typedef enum
{
  AS_ROOT_OR_SELF = 0,
  AS_NOBODY = 1 << 0,       /* through setpriv when the tests run as root */
  SMALL_FILE_LIMIT = 1 << 1, /* writes past 64 KiB fail, as on a full disk */
} RunFlags;

static void
limit_file_size (gpointer data)
{
  struct rlimit limit = { 65536, 65536 };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

static gboolean
can_run_as_nobody (void)
{
  return geteuid () != 0 || g_file_test ("/usr/bin/setpriv", G_FILE_TEST_IS_EXECUTABLE);
}

/* Runs zhuzhou-reader-cli --db DB ARGS… (NULL-terminated). */
static void
run_cli_full (Fixture    *f,
              RunFlags    flags,
              Run        *r,
              const char *first,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;
  int wait_status;

  if ((flags & AS_NOBODY) && geteuid () == 0)
    {
      g_ptr_array_add (argv, (char *) "/usr/bin/setpriv");
      g_ptr_array_add (argv, (char *) "--reuid=65534");
      g_ptr_array_add (argv, (char *) "--regid=65534");
      g_ptr_array_add (argv, (char *) "--clear-groups");
    }
  g_ptr_array_add (argv, (char *) g_getenv ("ZR_CLI"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, f->db);
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
                (flags & SMALL_FILE_LIMIT) ? limit_file_size : NULL, NULL,
                &r->out, &r->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
}

#define run_cli(f, r, ...) run_cli_full ((f), AS_ROOT_OR_SELF, (r), __VA_ARGS__)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = zr_test_mkdtemp ();
  f->db = g_build_filename (f->dir, "library.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("chmod -R u+rwx %s", f->dir);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  zr_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
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

static void
import_fixture (Fixture    *f,
                const char *name)
{
  g_autofree char *page = g_test_build_filename (G_TEST_DIST, "data", "core", name, NULL);
  g_auto(Run) r = { 0 };

  run_cli (f, &r, "import", "--json", page, NULL);
  g_assert_cmpint (r.status, ==, 0);
}

static gint64
count_articles (Fixture *f)
{
  g_auto(Run) r = { 0 };

  run_cli (f, &r, "stats", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  return zr_test_json_int (r.out, "$.articles");
}

/* Writes @n page files of a few articles each, written for this test. */
static char *
write_pages (Fixture *f,
             guint    n)
{
  g_autofree char *dir = g_build_filename (f->dir, "pages", NULL);
  static const char *places[] = { "荷塘区", "芦淞区", "石峰区", "天元区", "渌口区" };

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) page = g_string_new (NULL);
      g_autofree char *name = g_strdup_printf ("%u-%02u-%02u_第%02u版.txt",
                                             2001 + i / 336, 1 + i / 28 % 12, 1 + i % 28, 1 + i % 8);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      for (guint a = 0; a < 6; a++)
        {
          g_string_append_printf (page, "## %s第%u号社区服务站开门迎客\n\n", places[(i + a) % 5], i * 6 + a);
          for (guint p = 0; p < 8; p++)
            g_string_append_printf (page, "社区居民在服务站办理了第%u件事，工作人员说下周还会增加%u个窗口。"
                                          "楼下的菜市场也换了新招牌，早上六点就开门。\n\n", p, a + p);
        }
      g_assert_true (g_file_set_contents (path, page->str, page->len, NULL));
    }
  return g_steal_pointer (&dir);
}

/* Item 1: readers while an import runs never take the live library for
 * damaged; the import keeps everything. */
static void
test_readers_during_import (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *pages = NULL;
  const char *argv[] = { g_getenv ("ZR_CLI"), "--db", f->db, "import", "--json", NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *import_out = NULL;
  GPid pid;
  int out_fd;
  int wait_status = 0;
  guint rounds = 0;
  gint64 before;

  /* a library with something in it, so readers read while pages are added */
  pages = write_pages (f, 250);
  import_fixture (f, "page-a.txt");
  before = count_articles (f);
  argv[5] = pages;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL,
                            NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);

  for (;;)
    {
      g_auto(Run) stats = { 0 };
      g_auto(Run) search = { 0 };
      pid_t done = waitpid (pid, &wait_status, WNOHANG);

      run_cli (f, &stats, "stats", "--json", NULL);
      if (stats.status != 0 || strstr (stats.err, "damaged") != NULL)
        g_error ("a reader failed during the import (exit %d): %s", stats.status, stats.err);
      run_cli (f, &search, "search", "社区", "--json", NULL);
      if (search.status != 0 || strstr (search.err, "damaged") != NULL)
        g_error ("a search failed during the import (exit %d): %s", search.status, search.err);
      rounds++;
      if (done == pid)
        break;
    }
  g_spawn_close_pid (pid);
  {
    g_autoptr(GIOChannel) channel = g_io_channel_unix_new (out_fd);
    g_io_channel_set_close_on_unref (channel, TRUE);
    g_io_channel_read_to_end (channel, &import_out, NULL, &error);
    g_assert_no_error (error);
  }
  g_test_message ("%u rounds of readers during the import", rounds);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
  g_assert_cmpint (zr_test_json_int (import_out, "$.imported_files"), ==, 250);
  g_assert_cmpuint (count_prefixed (f->dir, "library.db.damaged-"), ==, 0);
  g_assert_cmpint (count_articles (f), ==, before + zr_test_json_int (import_out, "$.articles"));
}

/* Item 12: after setting a damaged library aside, the command fails and
 * says so instead of answering about an empty library. */
static void
test_damaged_library_command_fails (Fixture       *f,
                                    gconstpointer  data)
{
  g_auto(Run) r = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) search = { 0 };

  g_assert_true (g_file_set_contents (f->db, "the first damaged library, as garbage", -1, NULL));
  run_cli (f, &r, "articles", "--json", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "damaged"));
  g_assert_nonnull (strstr (r.err, "library.db.damaged-"));
  g_assert_cmpuint (count_prefixed (f->dir, "library.db.damaged-"), ==, 1);

  /* a second damaged file right after: both kept (item 3) */
  g_assert_true (g_file_set_contents (f->db, "the second damaged library, as garbage", -1, NULL));
  run_cli (f, &search, "search", "社区", "--json", NULL);
  g_assert_cmpint (search.status, ==, 1);
  g_assert_cmpstr (search.out, ==, "");
  g_assert_cmpuint (count_prefixed (f->dir, "library.db.damaged-"), ==, 2);

  /* the next command starts a new library */
  run_cli (f, &again, "articles", "--json", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpint (zr_test_json_length (again.out, "$"), ==, 0);
}

/* Item 6: another program's database is refused and left byte for byte
 * as it was. */
static void
test_foreign_database_untouched (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_auto(Run) r = { 0 };
  g_auto(Run) imp = { 0 };
  g_autofree char *page = g_test_build_filename (G_TEST_DIST, "data", "core", "page-a.txt", NULL);
  sqlite3 *raw = NULL;
  gsize before_len, after_len;

  g_assert_cmpint (sqlite3_open (f->db, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE notes (day TEXT, text TEXT);"
                                      "INSERT INTO notes VALUES ('周一', '买菜')", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  g_assert_true (g_file_get_contents (f->db, &before, &before_len, NULL));

  run_cli (f, &r, "search", "x", "--json", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "not a Zhuzhou Reader library"));
  run_cli (f, &imp, "import", page, NULL);
  g_assert_cmpint (imp.status, ==, 1);

  g_assert_true (g_file_get_contents (f->db, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_prefixed (f->dir, "library.db.damaged-"), ==, 0);
}

/* Item 17: an empty --db and :memory: keep nothing: refused. */
static void
test_db_that_keeps_nothing (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *page = g_test_build_filename (G_TEST_DIST, "data", "core", "page-a.txt", NULL);
  static const char *names[] = { "", ":memory:" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_auto(Run) r = { 0 };
      g_autofree char *saved = f->db;

      f->db = g_strdup (names[i]);
      run_cli (f, &r, "import", "--json", page, NULL);
      g_free (f->db);
      f->db = g_steal_pointer (&saved);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.out, ==, "");
      g_assert_nonnull (strstr (r.err, "--db"));
    }
}

/* Item 4: backup -o FILE and restore FILE. */
static void
test_backup_and_restore (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (f->dir, "before-b.db", NULL);
  g_autofree char *made = NULL;
  g_autofree char *previous = NULL;
  g_auto(Run) backup = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) restore = { 0 };
  g_auto(Run) list = { 0 };
  gint64 with_a, with_both;

  import_fixture (f, "page-a.txt");
  with_a = count_articles (f);
  run_cli (f, &backup, "backup", "-o", copy, "--json", NULL);
  g_assert_cmpint (backup.status, ==, 0);
  made = zr_test_json_get (backup.out, "$.backup");
  g_assert_cmpstr (made, ==, copy);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));

  /* an existing file is never replaced */
  run_cli (f, &again, "backup", "-o", copy, NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "already exists"));

  import_fixture (f, "page-b.txt");
  with_both = count_articles (f);
  g_assert_cmpint (with_both, >, with_a);

  run_cli (f, &restore, "restore", copy, "--json", NULL);
  g_assert_cmpint (restore.status, ==, 0);
  g_assert_cmpint (count_articles (f), ==, with_a);
  /* what was there before the restore is kept as a backup */
  previous = zr_test_json_get (restore.out, "$.previous");
  g_assert_nonnull (previous);
  run_cli (f, &list, "restore", "--list", "--json", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_cmpint (zr_test_json_length (list.out, "$"), >=, 1);
  {
    g_auto(Run) back = { 0 };
    run_cli (f, &back, "restore", previous, NULL);
    g_assert_cmpint (back.status, ==, 0);
    g_assert_cmpint (count_articles (f), ==, with_both);
  }
}

static gboolean
no_damage_reported (const Run *r)
{
  return strstr (r->err, "damaged") == NULL;
}

/* Item 13: a read-only folder is reported as such, not as damage. */
static void
test_read_only_folder_not_damage (Fixture       *f,
                                  gconstpointer  data)
{
  g_auto(Run) r = { 0 };

  if (!can_run_as_nobody ())
    {
      g_test_skip ("root without setpriv cannot test a read-only folder");
      return;
    }
  import_fixture (f, "page-a.txt");
  g_assert_cmpint (g_chmod (f->db, 0644), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);

  run_cli_full (f, AS_NOBODY, &r, "articles", "--json", NULL);
  g_assert_cmpint (g_chmod (f->dir, 0700), ==, 0);
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (no_damage_reported (&r));
  g_assert_nonnull (strstr (r.err, "cannot be written"));
  g_assert_cmpuint (count_prefixed (f->dir, "library.db.damaged-"), ==, 0);
}

/* Item 13: a write-ahead log that cannot be read is not damage. */
static void
test_unreadable_log_not_damage (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_auto(Run) r = { 0 };
  sqlite3 *raw = NULL;

  if (!can_run_as_nobody ())
    {
      g_test_skip ("root without setpriv cannot test an unreadable file");
      return;
    }
  import_fixture (f, "page-a.txt");
  /* a last transaction left in the log */
  g_assert_cmpint (sqlite3_open (f->db, &raw), ==, SQLITE_OK);
  sqlite3_db_config (raw, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  g_assert_cmpint (sqlite3_exec (raw, "INSERT INTO settings VALUES ('left', 'in the log')", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  if (geteuid () == 0)
    {
      g_autofree char *cmd = g_strdup_printf ("chown -R 65534:65534 %s", f->dir);
      g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
    }
  g_assert_cmpint (g_chmod (wal, 0), ==, 0);

  run_cli_full (f, AS_NOBODY, &r, "articles", "--json", NULL);
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (no_damage_reported (&r));
  g_assert_cmpuint (count_prefixed (f->dir, "library.db.damaged-"), ==, 0);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* Item 13: when writes fail for want of space, the library is full, not
 * damaged. */
static void
test_full_disk_not_damage (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *pages = NULL;
  g_auto(Run) r = { 0 };

  import_fixture (f, "page-a.txt");
  pages = write_pages (f, 40);
  run_cli_full (f, SMALL_FILE_LIMIT, &r, "import", pages, NULL);
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (no_damage_reported (&r));
  g_assert_cmpuint (count_prefixed (f->dir, "library.db.damaged-"), ==, 0);
  /* the library is as it was */
  g_assert_cmpint (count_articles (f), >, 0);
}

/* Item 5: an article on a damaged page is an error (exit 1, no partial
 * article); SQLite's integrity check confirms the damage, and the library
 * is set aside. */
static void
test_damaged_page_fails (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *page_path = g_build_filename (f->dir, "2024-06-07_第03版.txt", NULL);
  g_autoptr(GString) page = g_string_new ("## 老街坊的修鞋铺又开张了\n\n");
  g_autofree char *id = NULL;
  g_autofree guchar *garbage = NULL;
  g_auto(Run) imp = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) show = { 0 };
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 victim = 0, page_size = 0;
  guint leaves = 0;
  FILE *file;

  for (guint i = 1; i <= 300; i++)
    {
      for (guint j = 0; j < 12; j++)
        g_string_append_printf (page, "修鞋师傅第%u次给邻居补好了鞋跟，只收了%u元钱。", i * 12 + j, j + 2);
      g_string_append (page, "\n\n");
    }
  g_assert_true (g_file_set_contents (page_path, page->str, page->len, NULL));
  run_cli (f, &imp, "import", page_path, NULL);
  g_assert_cmpint (imp.status, ==, 0);
  run_cli (f, &list, "articles", "--json", NULL);
  id = zr_test_json_get (list.out, "$[0].id");

  g_assert_cmpint (sqlite3_open (f->db, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT pageno, pgsize FROM dbstat WHERE name = 'paragraphs'"
                                            " AND pagetype = 'leaf' ORDER BY path", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (leaves++ == 5)
      {
        victim = sqlite3_column_int64 (stmt, 0);
        page_size = sqlite3_column_int64 (stmt, 1);
      }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
  g_assert_cmpuint (leaves, >, 8);

  garbage = g_malloc (page_size);
  memset (garbage, 0x5A, page_size);
  file = g_fopen (f->db, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseeko (file, (victim - 1) * page_size, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (garbage, 1, page_size, file), ==, page_size);
  fclose (file);

  run_cli (f, &show, "show", id, "--json", NULL);
  g_test_message ("%s", show.err);
  g_assert_cmpint (show.status, ==, 1);
  g_assert_cmpstr (show.out, ==, "");
  g_assert_nonnull (strstr (show.err, "damaged"));
  g_assert_cmpuint (count_prefixed (f->dir, "library.db.damaged-"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/safety/readers-during-import", test_readers_during_import);
  ADD ("/cli/safety/damaged-library-command-fails", test_damaged_library_command_fails);
  ADD ("/cli/safety/damaged-page-fails", test_damaged_page_fails);
  ADD ("/cli/safety/foreign-database-untouched", test_foreign_database_untouched);
  ADD ("/cli/safety/db-that-keeps-nothing", test_db_that_keeps_nothing);
  ADD ("/cli/safety/backup-and-restore", test_backup_and_restore);
  ADD ("/cli/safety/read-only-folder-not-damage", test_read_only_folder_not_damage);
  ADD ("/cli/safety/unreadable-log-not-damage", test_unreadable_log_not_damage);
  ADD ("/cli/safety/full-disk-not-damage", test_full_disk_not_damage);
#undef ADD

  return g_test_run ();
}
