/* test-cli.c: the command-line contract of DESIGN.md §7, run on the built binary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <string.h>
#include <sys/stat.h>
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

/* Runs zhuzhou-reader-cli --db DB ARGS… (NULL-terminated). */
static void
run_cli (Fixture    *f,
         Run        *r,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("ZR_CLI");
  const char *arg;
  va_list ap;
  int wait_status;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  if (f != NULL)
    {
      g_ptr_array_add (argv, (char *) "--db");
      g_ptr_array_add (argv, f->db);
    }
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &r->out, &r->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
}

/* Starts zhuzhou-reader-cli --db DB ARGS… without waiting for it. */
static GSubprocess *
spawn_cli (const char *db,
           const char *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (char *) g_getenv ("ZR_CLI"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db);
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  return proc;
}

/* Waits for @proc and fills @r. */
static void
finish_cli (GSubprocess *proc,
            Run         *r)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  r->status = g_subprocess_get_exit_status (proc);
  if (r->status != 0)
    g_test_message ("exit %d: %s", r->status, r->err);
}

/* Runs zhuzhou-reader-cli --db DB ARGS… with stdout sent to @stdout_path
 * (or captured when NULL) and the environment changed by @env, pairs of
 * name and value (a NULL value unsets). */
static void
run_cli_full (Fixture            *f,
              Run                *r,
              const char         *stdout_path,
              const char * const *env,
              const char         *first,
              ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDERR_PIPE;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (char *) g_getenv ("ZR_CLI"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, f->db);
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  if (stdout_path == NULL)
    flags |= G_SUBPROCESS_FLAGS_STDOUT_PIPE;
  launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_set_cwd (launcher, f->dir);
  if (stdout_path != NULL)
    g_subprocess_launcher_set_stdout_file_path (launcher, stdout_path);
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    {
      if (env[i + 1] != NULL)
        g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
      else
        g_subprocess_launcher_unsetenv (launcher, env[i]);
    }
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  finish_cli (proc, r);
  if (r->out == NULL)
    r->out = g_strdup ("");
}

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
  zr_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* Imports the two readable fixture pages. */
static void
import_pages (Fixture *f)
{
  g_autofree char *a = g_test_build_filename (G_TEST_DIST, "data", "core", "page-a.txt", NULL);
  g_autofree char *b = g_test_build_filename (G_TEST_DIST, "data", "core", "page-b.txt", NULL);
  g_auto(Run) r = { 0 };

  run_cli (f, &r, "import", "--json", a, b, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (zr_test_json_int (r.out, "$.imported_files"), ==, 2);
}

static void
test_import_json (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "core", NULL);
  g_auto(Run) r = { 0 };
  g_auto(Run) again = { 0 };
  g_autofree char *failed_path = NULL;
  g_autofree char *failed_error = NULL;

  /* The folder holds two pages and a PNG named .txt. */
  run_cli (f, &r, "import", "--json", dir, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpint (zr_test_json_int (r.out, "$.imported_files"), ==, 2);
  g_assert_cmpint (zr_test_json_int (r.out, "$.unchanged_files"), ==, 0);
  g_assert_cmpint (zr_test_json_int (r.out, "$.articles"), >, 0);
  g_assert_cmpint (zr_test_json_length (r.out, "$.failed"), ==, 1);
  failed_path = zr_test_json_get (r.out, "$.failed[0].path");
  failed_error = zr_test_json_get (r.out, "$.failed[0].error");
  g_assert_true (g_str_has_suffix (failed_path, "not-a-page.txt"));
  g_assert_cmpstr (failed_error, !=, "");
  /* the error is on stderr too, naming the file */
  g_assert_nonnull (strstr (r.err, "not-a-page.txt"));

  run_cli (f, &again, "import", "--json", dir, NULL);
  g_assert_cmpint (zr_test_json_int (again.out, "$.imported_files"), ==, 0);
  g_assert_cmpint (zr_test_json_int (again.out, "$.unchanged_files"), ==, 2);
  g_assert_cmpint (zr_test_json_int (again.out, "$.articles"), ==, 0);
}

static void
test_articles_and_show (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(Run) list = { 0 };
  gint64 n;

  import_pages (f);
  run_cli (f, &list, "articles", "--json", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_cmpstr (list.err, ==, "");
  n = zr_test_json_length (list.out, "$");
  g_assert_cmpint (n, >=, 2);

  for (gint64 i = 0; i < n; i++)
    {
      static const char *keys[] = { "id", "source", "headline", "column", "kicker", "bylines", "dateline",
                                    "district", "districts", "topics", "kind", "chars" };
      g_autofree char *id = NULL;
      g_autofree char *kind = NULL;
      g_autofree char *path = NULL;
      g_auto(Run) show = { 0 };

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          g_autofree char *key_path = g_strdup_printf ("$[%" G_GINT64_FORMAT "]", i);
          /* json_type is NULL only for a missing key (a JSON null gives 'null') */
          sqlite3 *db;
          sqlite3_stmt *stmt;
          g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
          g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT json_type (?1, ?2 || '.' || ?3)", -1, &stmt, NULL), ==, SQLITE_OK);
          sqlite3_bind_text (stmt, 1, list.out, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, key_path, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, keys[k], -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
            g_error ("article %" G_GINT64_FORMAT " has no key “%s”", i, keys[k]);
          sqlite3_finalize (stmt);
          sqlite3_close (db);
        }

      path = g_strdup_printf ("$[%" G_GINT64_FORMAT "].id", i);
      id = zr_test_json_get (list.out, path);
      g_free (path);
      path = g_strdup_printf ("$[%" G_GINT64_FORMAT "].kind", i);
      kind = zr_test_json_get (list.out, path);
      g_assert_true (g_str_equal (kind, "article") || g_str_equal (kind, "notice") || g_str_equal (kind, "fragment"));

      run_cli (f, &show, "show", id, "--json", NULL);
      g_assert_cmpint (show.status, ==, 0);
      g_assert_cmpint (zr_test_json_int (show.out, "$.id"), ==, g_ascii_strtoll (id, NULL, 10));
      g_assert_cmpint (zr_test_json_length (show.out, "$.paragraphs"), >=, 0);
      g_assert_cmpint (zr_test_json_length (show.out, "$.quotes"), >=, 0);
      g_assert_cmpint (zr_test_json_length (show.out, "$.figures"), >=, 0);
      {
        g_autofree char *why = zr_test_json_get (show.out, "$.why");
        g_assert_nonnull (why);
      }
    }
}

static void
test_show_text_has_every_paragraph (Fixture       *f,
                                    gconstpointer  data)
{
  g_auto(Run) list = { 0 };
  g_auto(Run) show = { 0 };
  g_auto(Run) json = { 0 };
  g_autofree char *id = NULL;
  gint64 n;

  import_pages (f);
  run_cli (f, &list, "articles", "--json", NULL);
  id = zr_test_json_get (list.out, "$[0].id");
  run_cli (f, &show, "show", id, NULL);
  run_cli (f, &json, "show", id, "--json", NULL);
  g_assert_cmpint (show.status, ==, 0);
  n = zr_test_json_length (json.out, "$.paragraphs");
  g_assert_cmpint (n, >=, 2);   /* the first fixture article has a body */
  for (gint64 i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("$.paragraphs[%" G_GINT64_FORMAT "].text", i);
      g_autofree char *text = zr_test_json_get (json.out, path);
      g_assert_nonnull (strstr (show.out, text));
    }
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Run) unknown = { 0 };
  g_auto(Run) no_id = { 0 };
  g_auto(Run) bad_option = { 0 };
  g_auto(Run) bad_format = { 0 };

  run_cli (f, &unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_cmpstr (unknown.out, ==, "");
  g_assert_nonnull (strstr (unknown.err, "frobnicate"));

  run_cli (f, &no_id, "show", NULL);
  g_assert_cmpint (no_id.status, ==, 2);

  run_cli (f, &bad_option, "articles", "--no-such-option", NULL);
  g_assert_cmpint (bad_option.status, ==, 2);

  run_cli (f, &bad_format, "cite", "1", "--format", "apa", NULL);
  g_assert_cmpint (bad_format.status, ==, 2);
}

static void
test_missing_article_fails (Fixture       *f,
                            gconstpointer  data)
{
  g_auto(Run) r = { 0 };

  import_pages (f);
  run_cli (f, &r, "show", "999999", "--json", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "999999"));
}

static void
test_cite_and_stats (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Run) list = { 0 };
  g_auto(Run) cite = { 0 };
  g_auto(Run) stats = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *headline = NULL;

  import_pages (f);
  run_cli (f, &list, "articles", "--json", NULL);
  id = zr_test_json_get (list.out, "$[0].id");
  headline = zr_test_json_get (list.out, "$[0].headline");
  run_cli (f, &cite, "cite", id, NULL);
  g_assert_cmpint (cite.status, ==, 0);
  g_assert_nonnull (strstr (cite.out, headline));

  run_cli (f, &stats, "stats", "--json", NULL);
  g_assert_cmpint (stats.status, ==, 0);
  g_assert_cmpint (zr_test_json_int (stats.out, "$.articles"), ==, zr_test_json_length (list.out, "$"));
  g_assert_cmpint (zr_test_json_int (stats.out, "$.chars"), >, 0);

  /* The text form is the window's "Copy as Markdown": title, totals, tables */
  {
    g_auto(Run) text = { 0 };
    g_autofree char *articles = g_strdup_printf ("\n- Articles: %" G_GINT64_FORMAT "\n",
                                                 zr_test_json_int (stats.out, "$.articles"));

    run_cli (f, &text, "stats", NULL);
    g_assert_cmpint (text.status, ==, 0);
    g_assert_true (g_str_has_prefix (text.out, "# Statistics: All articles\n"));
    g_assert_nonnull (strstr (text.out, articles));
    g_assert_nonnull (strstr (text.out, "\n## By District\n\n| District | Articles |\n| --- | ---: |\n"));
  }
}

/* The window keeps the library open while an import writes through a
 * connection of its own, and the user may run the command-line tool at the
 * same time. Opening that second connection must not drop the locks the
 * process holds on the file: the tool, finding the library unused when it
 * closes, would remove the write-ahead log the import then writes to, and
 * the imported page would be gone. */
static void
test_import_beside_open_window_and_cli (Fixture       *f,
                                        gconstpointer  data)
{
  g_autofree char *a = g_test_build_filename (G_TEST_DIST, "data", "core", "page-a.txt", NULL);
  g_autofree char *b = g_test_build_filename (G_TEST_DIST, "data", "core", "page-b.txt", NULL);
  const char *first[] = { a, NULL };
  const char *second[] = { b, NULL };
  g_autoptr(ZrLibrary) window = NULL;
  g_autoptr(ZrLibrary) importer = NULL;
  g_autoptr(ZrImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) before = { 0 };
  g_auto(Run) during = { 0 };
  g_auto(Run) after = { 0 };
  g_auto(Run) list = { 0 };
  gint64 n_before;

  window = zr_test_open_library (f->db);
  report = zr_library_import (window, first, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&report, zr_import_report_free);
  run_cli (f, &before, "stats", "--json", NULL);
  g_assert_cmpint (before.status, ==, 0);
  n_before = zr_test_json_int (before.out, "$.articles");
  g_assert_cmpint (n_before, >, 0);

  importer = zr_test_open_library (f->db);
  /* the tool opens and closes the library while both connections are open */
  run_cli (f, &during, "stats", "--json", NULL);
  g_assert_cmpint (during.status, ==, 0);
  report = zr_library_import (importer, second, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported_files, ==, 1);
  g_assert_cmpuint (report->articles, >, 0);

  run_cli (f, &after, "stats", "--json", NULL);
  g_assert_cmpint (after.status, ==, 0);
  g_assert_cmpint (zr_test_json_int (after.out, "$.articles"), ==, n_before + report->articles);
  /* and still there once every connection is closed */
  g_clear_object (&importer);
  g_clear_object (&window);
  run_cli (f, &list, "stats", "--json", NULL);
  g_assert_cmpint (zr_test_json_int (list.out, "$.articles"), ==, n_before + report->articles);
}

/* Naming the library file itself among the files to import is refused
 * with a reason; the pages beside it are imported and the library is
 * unharmed. */
static void
test_import_library_itself_refused (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *a = g_test_build_filename (G_TEST_DIST, "data", "core", "page-a.txt", NULL);
  g_autofree char *b = g_test_build_filename (G_TEST_DIST, "data", "core", "page-b.txt", NULL);
  g_autofree char *failed_path = NULL;
  g_autofree char *failed_error = NULL;
  g_auto(Run) first = { 0 };
  g_auto(Run) r = { 0 };
  g_auto(Run) stats = { 0 };

  run_cli (f, &first, "import", "--json", a, NULL);
  g_assert_cmpint (first.status, ==, 0);
  run_cli (f, &r, "import", "--json", f->db, b, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpint (zr_test_json_int (r.out, "$.imported_files"), ==, 1);
  g_assert_cmpint (zr_test_json_length (r.out, "$.failed"), ==, 1);
  failed_path = zr_test_json_get (r.out, "$.failed[0].path");
  failed_error = zr_test_json_get (r.out, "$.failed[0].error");
  g_assert_true (g_str_has_suffix (failed_path, "library.db"));
  g_assert_nonnull (strstr (failed_error, "library file itself"));
  run_cli (f, &stats, "stats", "--json", NULL);
  g_assert_cmpint (stats.status, ==, 0);
  g_assert_cmpint (zr_test_json_int (stats.out, "$.articles"),
                   ==, zr_test_json_int (first.out, "$.articles") + zr_test_json_int (r.out, "$.articles"));
}

static void
test_damaged_library_moved_aside (Fixture       *f,
                                  gconstpointer  data)
{
  g_auto(Run) r = { 0 };
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gboolean found = FALSE;

  g_assert_true (g_file_set_contents (f->db, "garbage, not a library", -1, NULL));
  run_cli (f, &r, "articles", "--json", NULL);
  /* the command fails and says so: its answer would be about no library */
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "damaged"));
  g_assert_cmpstr (r.out, ==, "");
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "library.db.damaged-"))
      {
        g_autofree char *path = g_build_filename (f->dir, name, NULL);
        g_autofree char *contents = NULL;
        g_file_get_contents (path, &contents, NULL, NULL);
        g_assert_cmpstr (contents, ==, "garbage, not a library");
        found = TRUE;
      }
  g_assert_true (found);
}

static void
test_unreadable_file (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *secret = g_build_filename (f->dir, "secret.txt", NULL);
  g_autofree char *fine = g_build_filename (f->dir, "fine.txt", NULL);
  g_autofree char *a = g_test_build_filename (G_TEST_DIST, "data", "core", "page-a.txt", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *failed_path = NULL;
  g_autofree char *failed_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  int wait_status;

  zr_test_copy_file (a, secret);
  zr_test_copy_file (a, fine);
  g_assert_cmpint (g_chmod (secret, 0), ==, 0);
  if (geteuid () == 0)
    {
      /* root reads anything: run the import as an ordinary user */
      if (!g_file_test ("/usr/bin/setpriv", G_FILE_TEST_IS_EXECUTABLE))
        {
          g_test_skip ("root without setpriv cannot test an unreadable file");
          return;
        }
      g_assert_cmpint (g_chmod (f->dir, 0777), ==, 0);
      g_assert_cmpint (g_chmod (fine, 0644), ==, 0);
      g_ptr_array_add (argv, (char *) "/usr/bin/setpriv");
      g_ptr_array_add (argv, (char *) "--reuid=65534");
      g_ptr_array_add (argv, (char *) "--regid=65534");
      g_ptr_array_add (argv, (char *) "--clear-groups");
    }
  g_ptr_array_add (argv, (char *) g_getenv ("ZR_CLI"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, f->db);
  g_ptr_array_add (argv, (char *) "import");
  g_ptr_array_add (argv, (char *) "--json");
  g_ptr_array_add (argv, secret);
  g_ptr_array_add (argv, fine);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 1);
  g_assert_cmpint (zr_test_json_int (out, "$.imported_files"), ==, 1);
  g_assert_cmpint (zr_test_json_length (out, "$.failed"), ==, 1);
  failed_path = zr_test_json_get (out, "$.failed[0].path");
  failed_error = zr_test_json_get (out, "$.failed[0].error");
  g_assert_true (g_str_has_suffix (failed_path, "secret.txt"));
  g_assert_nonnull (strstr (failed_error, "Permission denied"));
}

/* A folder of @n distinct pages, written from the two fixture pages. */
static char *
make_pages (const char *parent,
            guint       n)
{
  g_autofree char *dir = g_build_filename (parent, "pages", NULL);
  g_autofree char *a = g_test_build_filename (G_TEST_DIST, "data", "core", "page-a.txt", NULL);
  g_autofree char *b = g_test_build_filename (G_TEST_DIST, "data", "core", "page-b.txt", NULL);
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;

  g_assert_true (g_file_get_contents (a, &text_a, NULL, NULL));
  g_assert_true (g_file_get_contents (b, &text_b, NULL, NULL));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("page-%02u.txt", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = g_strdup_printf ("%s\n本报编号第%u份。\n", i % 2 ? text_b : text_a, i);

      g_assert_true (g_file_set_contents (path, text, -1, NULL));
    }
  return g_steal_pointer (&dir);
}

/* Two imports of the same folder at the same time, into a new library:
 * both succeed, each file is imported by exactly one of them (the other
 * finds it unchanged), and the library holds every page once. Before, one
 * failed with “table sources already exists” (both created the schema) or
 * “UNIQUE constraint failed: sources.path” (both inserted the file). */
static void
test_concurrent_imports (Fixture       *f,
                         gconstpointer  data)
{
  const guint n_pages = 12;
  g_autofree char *pages = make_pages (f->dir, n_pages);
  g_auto(Run) reference = { 0 };
  gint64 n_articles;

  {
    g_autofree char *db = g_build_filename (f->dir, "reference.db", NULL);
    g_autoptr(GSubprocess) proc = spawn_cli (db, "import", "--json", pages, NULL);
    finish_cli (proc, &reference);
    g_assert_cmpint (reference.status, ==, 0);
    g_assert_cmpint (zr_test_json_int (reference.out, "$.imported_files"), ==, n_pages);
    n_articles = zr_test_json_int (reference.out, "$.articles");
  }

  for (guint round = 0; round < 6; round++)
    {
      g_autofree char *name = g_strdup_printf ("library-%u.db", round);
      g_autofree char *db = g_build_filename (f->dir, name, NULL);
      g_autoptr(GSubprocess) one = spawn_cli (db, "import", "--json", pages, NULL);
      g_autoptr(GSubprocess) two = spawn_cli (db, "import", "--json", pages, NULL);
      g_autoptr(GSubprocess) count = NULL;
      g_auto(Run) r1 = { 0 };
      g_auto(Run) r2 = { 0 };
      g_auto(Run) stats = { 0 };

      finish_cli (one, &r1);
      finish_cli (two, &r2);
      g_assert_cmpint (r1.status, ==, 0);
      g_assert_cmpint (r2.status, ==, 0);
      g_assert_cmpint (zr_test_json_int (r1.out, "$.imported_files") + zr_test_json_int (r2.out, "$.imported_files"),
                       ==, n_pages);
      g_assert_cmpint (zr_test_json_int (r1.out, "$.unchanged_files") + zr_test_json_int (r2.out, "$.unchanged_files"),
                       ==, n_pages);
      g_assert_cmpint (zr_test_json_int (r1.out, "$.articles") + zr_test_json_int (r2.out, "$.articles"),
                       ==, n_articles);

      count = spawn_cli (db, "stats", "--json", NULL);
      finish_cli (count, &stats);
      g_assert_cmpint (stats.status, ==, 0);
      g_assert_cmpint (zr_test_json_int (stats.out, "$.articles"), ==, n_articles);
    }
}

/* Three commands started together on a library that does not exist yet:
 * all of them succeed. Before, all but one could fail with “table sources
 * already exists” or “database is locked” while another created it. */
static void
test_concurrent_new_library (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *pages = make_pages (f->dir, 2);

  for (guint round = 0; round < 6; round++)
    {
      g_autofree char *name = g_strdup_printf ("new-%u.db", round);
      g_autofree char *db = g_build_filename (f->dir, name, NULL);
      g_autoptr(GSubprocess) stats = spawn_cli (db, "stats", "--json", NULL);
      g_autoptr(GSubprocess) articles = spawn_cli (db, "articles", "--json", NULL);
      g_autoptr(GSubprocess) import = spawn_cli (db, "import", "--json", pages, NULL);
      g_autoptr(GSubprocess) after = NULL;
      g_auto(Run) r_stats = { 0 };
      g_auto(Run) r_articles = { 0 };
      g_auto(Run) r_import = { 0 };
      g_auto(Run) r_after = { 0 };

      finish_cli (stats, &r_stats);
      finish_cli (articles, &r_articles);
      finish_cli (import, &r_import);
      g_assert_cmpint (r_stats.status, ==, 0);
      g_assert_cmpint (r_articles.status, ==, 0);
      g_assert_cmpint (r_import.status, ==, 0);
      g_assert_cmpint (zr_test_json_int (r_import.out, "$.imported_files"), ==, 2);

      after = spawn_cli (db, "stats", "--json", NULL);
      finish_cli (after, &r_after);
      g_assert_cmpint (r_after.status, ==, 0);
      g_assert_cmpint (zr_test_json_int (r_after.out, "$.articles"), ==, zr_test_json_int (r_import.out, "$.articles"));
    }
}

/* A failed write is a failure: output to a full disk exits 1 with a
 * message, for every command that prints. Before, the tool exited 0. */
static void
test_failed_write_exits_1 (Fixture       *f,
                           gconstpointer  data)
{
  static const char *commands[][4] = {
    { "articles", "--json", NULL },
    { "articles", NULL },
    { "search", "电梯", NULL },
    { "search", "电梯", "--json", NULL },
    { "stats", "--json", NULL },
    { "clippings", "export", NULL },
    { "clippings", "export", "--format", "csv" },
  };

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }
  import_pages (f);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) r = { 0 };

      run_cli_full (f, &r, "/dev/full", NULL, commands[i][0], commands[i][1], commands[i][2], commands[i][3], NULL);
      g_test_message ("%s %s: exit %d", commands[i][0], commands[i][1] ? commands[i][1] : "", r.status);
      g_assert_cmpint (r.status, ==, 1);
      g_assert_nonnull (strstr (r.err, "could not write the output"));
    }
}

/* Under LC_ALL=C the plain-text output is still UTF-8 (it was “?” for
 * every Chinese character), Chinese arguments are still read (they were
 * refused as an invalid byte sequence), and messages keep Chinese names. */
static void
test_utf8_whatever_the_locale (Fixture       *f,
                               gconstpointer  data)
{
  static const char * const c_locale[] = { "LC_ALL", "C", "LANG", NULL, "LANGUAGE", NULL, NULL };
  g_auto(Run) list = { 0 };
  g_auto(Run) plain = { 0 };
  g_auto(Run) filtered = { 0 };
  g_auto(Run) cite = { 0 };
  g_auto(Run) missing = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *headline = NULL;
  g_autofree char *district = NULL;
  g_autofree char *line_start = NULL;
  g_autofree char *nowhere = g_build_filename (f->dir, "没有这一版.txt", NULL);

  import_pages (f);
  run_cli (f, &list, "articles", "--json", NULL);
  id = zr_test_json_get (list.out, "$[0].id");
  headline = zr_test_json_get (list.out, "$[0].headline");
  district = zr_test_json_get (list.out, "$[0].district");
  g_assert_nonnull (headline);
  g_assert_nonnull (district);

  run_cli_full (f, &plain, NULL, c_locale, "articles", NULL);
  g_assert_cmpint (plain.status, ==, 0);
  g_assert_nonnull (strstr (plain.out, headline));
  g_assert_null (strchr (plain.out, '?'));

  run_cli_full (f, &filtered, NULL, c_locale, "articles", "--district", district, NULL);
  g_assert_cmpint (filtered.status, ==, 0);
  line_start = g_strdup_printf ("%6s  %s", id, district);
  g_assert_true (g_str_has_prefix (filtered.out, line_start));

  run_cli_full (f, &cite, NULL, c_locale, "cite", id, NULL);
  g_assert_cmpint (cite.status, ==, 0);
  g_assert_nonnull (strstr (cite.out, headline));

  run_cli_full (f, &missing, NULL, c_locale, "import", nowhere, NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "没有这一版.txt"));
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* clippings export -o: a regular file is replaced whole, its permissions
 * kept; a symbolic link is written through and stays a link (a link to
 * /proc/self/fd/1 is what /dev/stdout is); a pipe stays a pipe and gets the
 * text; “-” is standard output; a read-only file is not replaced. Before,
 * a finished copy was renamed over whatever the name was. */
static void
test_export_output (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *expected = NULL;
  g_autofree char *plain = g_build_filename (f->dir, "plain.md", NULL);
  g_autofree char *target = g_build_filename (f->dir, "target.md", NULL);
  g_autofree char *link = g_build_filename (f->dir, "link.md", NULL);
  g_autofree char *to_stdout = g_build_filename (f->dir, "stdout-link", NULL);
  g_autofree char *fifo = g_build_filename (f->dir, "pipe", NULL);
  g_autofree char *readonly = g_build_filename (f->dir, "readonly.md", NULL);
  g_autofree char *dash = g_build_filename (f->dir, "-", NULL);
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  g_autofree char *paragraph = NULL;
  g_autofree char *piece = NULL;
  GStatBuf st, before;

  import_pages (f);
  {
    g_auto(Run) list = { 0 };
    g_auto(Run) show = { 0 };
    g_auto(Run) save = { 0 };
    g_auto(Run) export = { 0 };

    run_cli (f, &list, "articles", "--json", NULL);
    id = zr_test_json_get (list.out, "$[0].id");
    run_cli (f, &show, "show", id, "--json", NULL);
    paragraph = zr_test_json_get (show.out, "$.paragraphs[0].text");
    piece = g_utf8_substring (paragraph, 0, MIN (12, g_utf8_strlen (paragraph, -1)));
    run_cli (f, &save, "clippings", "save", id, "--text", piece, NULL);
    g_assert_cmpint (save.status, ==, 0);
    run_cli (f, &export, "clippings", "export", NULL);
    g_assert_cmpint (export.status, ==, 0);
    g_assert_nonnull (strstr (export.out, piece));
    expected = g_strdup (export.out);
  }

  /* a regular file: replaced, permissions kept */
  {
    g_auto(Run) r = { 0 };
    g_assert_true (g_file_set_contents (plain, "old", -1, NULL));
    g_assert_cmpint (g_chmod (plain, 0600), ==, 0);
    run_cli_full (f, &r, NULL, NULL, "clippings", "export", "-o", plain, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_free (text);
    text = read_text (plain);
    g_assert_cmpstr (text, ==, expected);
    g_assert_cmpint (g_stat (plain, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  }

  /* a symbolic link: the file it names gets the text, the link stays */
  {
    g_auto(Run) r = { 0 };
    g_assert_true (g_file_set_contents (target, "old", -1, NULL));
    g_assert_cmpint (symlink ("target.md", link), ==, 0);
    run_cli_full (f, &r, NULL, NULL, "clippings", "export", "-o", link, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpint (g_lstat (link, &st), ==, 0);
    g_assert_true (S_ISLNK (st.st_mode));
    g_free (text);
    text = read_text (target);
    g_assert_cmpstr (text, ==, expected);
  }

  /* what /dev/stdout is: a link to the process's own standard output */
  {
    g_auto(Run) r = { 0 };
    g_assert_cmpint (symlink ("/proc/self/fd/1", to_stdout), ==, 0);
    run_cli_full (f, &r, NULL, NULL, "clippings", "export", "-o", to_stdout, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, expected);
    g_assert_cmpint (g_lstat (to_stdout, &st), ==, 0);
    g_assert_true (S_ISLNK (st.st_mode));
  }

  /* “-” is standard output, not a file named “-” */
  {
    g_auto(Run) r = { 0 };
    run_cli_full (f, &r, NULL, NULL, "clippings", "export", "-o", "-", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, expected);
    g_assert_false (g_file_test (dash, G_FILE_TEST_EXISTS));
  }

  /* a pipe: written into, still a pipe */
  {
    g_auto(Run) r = { 0 };
    g_autoptr(GString) got = g_string_new (NULL);
    char buf[4096];
    gssize n;
    int fd;

    g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
    /* opened for reading first (without blocking) so that the writer never waits */
    fd = open (fifo, O_RDONLY | O_NONBLOCK);
    g_assert_cmpint (fd, >=, 0);
    run_cli_full (f, &r, NULL, NULL, "clippings", "export", "-o", fifo, NULL);
    g_assert_cmpint (r.status, ==, 0);
    while ((n = read (fd, buf, sizeof buf)) > 0)
      g_string_append_len (got, buf, n);
    close (fd);
    g_assert_cmpstr (got->str, ==, expected);
    g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
    g_assert_true (S_ISFIFO (st.st_mode));
  }

  /* a read-only file is not replaced: refused, or (as root, who may write
   * anything) written into, never swapped for a new file */
  {
    g_auto(Run) r = { 0 };
    g_assert_true (g_file_set_contents (readonly, "keep", -1, NULL));
    g_assert_cmpint (g_chmod (readonly, 0444), ==, 0);
    g_assert_cmpint (g_stat (readonly, &before), ==, 0);
    run_cli_full (f, &r, NULL, NULL, "clippings", "export", "-o", readonly, NULL);
    g_assert_cmpint (g_stat (readonly, &st), ==, 0);
    g_assert_cmpint (st.st_ino, ==, before.st_ino);
    g_assert_cmpint (st.st_mode & 07777, ==, 0444);
    g_free (text);
    text = read_text (readonly);
    if (geteuid () != 0)
      {
        g_assert_cmpint (r.status, ==, 1);
        g_assert_nonnull (strstr (r.err, "readonly.md"));
        g_assert_cmpstr (text, ==, "keep");
      }
    else
      {
        g_assert_cmpint (r.status, ==, 0);
        g_assert_cmpstr (text, ==, expected);
      }
  }
}

/* set-page changes only what it is given and refuses what is not a page
 * number or a date (usage error, nothing changed). */
static void
test_set_page (Fixture       *f,
               gconstpointer  data)
{
  static const char *bad[][3] = {
    { "--page", "-5" }, { "--page", "0" }, { "--page", "1000" }, { "--date", "2024-13-01" }, { NULL },
  };
  g_autofree char *id = NULL;
  g_auto(Run) list = { 0 };
  g_auto(Run) both = { 0 };
  g_auto(Run) page_only = { 0 };
  g_auto(Run) date_only = { 0 };
  g_auto(Run) neither = { 0 };
  g_auto(Run) after = { 0 };

  import_pages (f);
  run_cli (f, &list, "articles", "--json", NULL);
  id = zr_test_json_get (list.out, "$[0].id");

  run_cli (f, &both, "set-page", id, "--date", "2024-05-20", "--page", "3", NULL);
  g_assert_cmpint (both.status, ==, 0);
  run_cli (f, &page_only, "set-page", id, "--page", "4", NULL);
  g_assert_cmpint (page_only.status, ==, 0);
  run_cli (f, &date_only, "set-page", id, "--date", "2024-06-01", NULL);
  g_assert_cmpint (date_only.status, ==, 0);
  for (guint i = 0; bad[i][0] != NULL; i++)
    {
      g_auto(Run) r = { 0 };
      run_cli (f, &r, "set-page", id, bad[i][0], bad[i][1], NULL);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.err, !=, "");
    }
  run_cli (f, &neither, "set-page", id, NULL);
  g_assert_cmpint (neither.status, ==, 2);

  run_cli (f, &after, "show", id, "--json", NULL);
  g_assert_cmpint (after.status, ==, 0);
  {
    g_autofree char *date = zr_test_json_get (after.out, "$.page_date");
    g_assert_cmpstr (date, ==, "2024-06-01");
  }
  g_assert_cmpint (zr_test_json_int (after.out, "$.page_number"), ==, 4);
}

/* import --encoding that does not fit the file fails and leaves the
 * articles as they were. */
static void
test_import_wrong_encoding (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *a = g_test_build_filename (G_TEST_DIST, "data", "core", "page-a.txt", NULL);
  g_auto(Run) first = { 0 };
  g_auto(Run) before = { 0 };
  g_auto(Run) wrong = { 0 };
  g_auto(Run) after = { 0 };

  run_cli (f, &first, "import", a, NULL);
  g_assert_cmpint (first.status, ==, 0);
  run_cli (f, &before, "articles", "--json", NULL);
  run_cli (f, &wrong, "import", "--json", "--encoding", "UTF-16LE", a, NULL);
  g_assert_cmpint (wrong.status, ==, 1);
  g_assert_cmpint (zr_test_json_int (wrong.out, "$.imported_files"), ==, 0);
  g_assert_cmpint (zr_test_json_length (wrong.out, "$.failed"), ==, 1);
  g_assert_nonnull (strstr (wrong.err, "UTF-16LE"));
  run_cli (f, &after, "articles", "--json", NULL);
  g_assert_cmpstr (after.out, ==, before.out);
}

/* clippings save --text takes only text of the article. */
static void
test_save_text_not_in_article (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_auto(Run) list = { 0 };
  g_auto(Run) save = { 0 };
  g_auto(Run) clippings = { 0 };

  import_pages (f);
  run_cli (f, &list, "articles", "--json", NULL);
  id = zr_test_json_get (list.out, "$[0].id");
  run_cli (f, &save, "clippings", "save", id, "--text", "这句话不在文章里", NULL);
  g_assert_cmpint (save.status, ==, 1);
  g_assert_nonnull (strstr (save.err, "not in the article"));
  run_cli (f, &clippings, "clippings", "list", "--json", NULL);
  g_assert_cmpint (clippings.status, ==, 0);
  g_assert_cmpint (zr_test_json_length (clippings.out, "$"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/import-json", test_import_json);
  ADD ("/cli/articles-and-show", test_articles_and_show);
  ADD ("/cli/show-text-has-every-paragraph", test_show_text_has_every_paragraph);
  ADD ("/cli/usage-errors", test_usage_errors);
  ADD ("/cli/missing-article-fails", test_missing_article_fails);
  ADD ("/cli/cite-and-stats", test_cite_and_stats);
  ADD ("/cli/damaged-library-moved-aside", test_damaged_library_moved_aside);
  ADD ("/cli/import-beside-open-window-and-cli", test_import_beside_open_window_and_cli);
  ADD ("/cli/import-library-itself-refused", test_import_library_itself_refused);
  ADD ("/cli/unreadable-file", test_unreadable_file);
  ADD ("/cli/concurrent/imports-of-one-folder", test_concurrent_imports);
  ADD ("/cli/concurrent/new-library", test_concurrent_new_library);
  ADD ("/cli/failed-write-exits-1", test_failed_write_exits_1);
  ADD ("/cli/utf8-whatever-the-locale", test_utf8_whatever_the_locale);
  ADD ("/cli/clippings-export-output", test_export_output);
  ADD ("/cli/set-page", test_set_page);
  ADD ("/cli/import-wrong-encoding", test_import_wrong_encoding);
  ADD ("/cli/clippings-save-text-not-in-article", test_save_text_not_in_article);
#undef ADD

  return g_test_run ();
}
