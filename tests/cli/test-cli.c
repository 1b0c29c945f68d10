/* test-cli.c: the command-line contract of DESIGN.md §7, run on the built binary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../core/zr-test-utils.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

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
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "damaged"));
  g_assert_cmpint (zr_test_json_length (r.out, "$"), ==, 0);
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
#undef ADD

  return g_test_run ();
}
