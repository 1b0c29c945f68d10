/* bench-import.c: import throughput and library size on generated pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-import [N] --dir DIR [--seed S] [--json FILE]
 *
 * Writes pages holding N generated articles (25 a page, default 200,000) to
 * DIR/pages (reused when already there), then measures, on the same files:
 *   raw        reading each file and inserting its text into a bare table
 *   no index   the whole import (decode, segment, classify, quotes, figures,
 *              store) without the search index
 *   full       the whole import with the search index (DIR/library.db,
 *              kept for the other benchmarks)
 * and the size of the library against the size of the text.
 */
#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "zr-bench-gen.h"
#include "zr-classifier.h"
#include "zr-database.h"
#include "zr-json.h"
#include "zr-library-private.h"

#define PER_PAGE 25

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-import: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

static GPtrArray *
write_pages (const char *dir,
             guint       n_articles,
             guint64     seed,
             guint64    *out_bytes)
{
  g_autoptr(ZrBenchGen) gen = zr_bench_gen_new (seed);
  g_autoptr(GDateTime) day = g_date_time_new_utc (2004, 1, 1, 0, 0, 0);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  guint n_pages = (n_articles + PER_PAGE - 1) / PER_PAGE;
  guint64 bytes = 0;

  g_mkdir_with_parents (dir, 0755);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr(GDateTime) d = g_date_time_add_days (day, i / 8);
      g_autofree char *date = g_date_time_format (d, "%Y-%m-%d");
      g_autofree char *name = g_strdup_printf ("%s_第%02u版.txt", date, i % 8 + 1);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      guint n = MIN (PER_PAGE, n_articles - i * PER_PAGE);
      g_autofree char *page = zr_bench_gen_page (gen, n);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_autoptr(GError) error = NULL;
          if (!g_file_set_contents (path, page, -1, &error))
            die (path, error);
        }
      bytes += strlen (page);
      g_ptr_array_add (files, g_steal_pointer (&path));
    }
  *out_bytes = bytes;
  return files;
}

static double
raw_insert (GPtrArray  *files,
            const char *db_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 start;

  g_unlink (db_path);
  sqlite3_open (db_path, &db);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                    "CREATE TABLE pages (id INTEGER PRIMARY KEY, path TEXT, text TEXT)", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO pages (path, text) VALUES (?, ?)", -1, &stmt, NULL);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *contents = NULL;
      gsize len;
      const char *path = g_ptr_array_index (files, i);

      if (!g_file_get_contents (path, &contents, &len, NULL))
        continue;
      sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
      sqlite3_bind_text (stmt, 1, path, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, contents, len, SQLITE_STATIC);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
import_all (GPtrArray  *files,
            const char *db_path,
            gboolean    index,
            guint      *out_articles)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = NULL;
  g_autoptr(ZrClassifier) classifier = NULL;
  g_autoptr(ZrLibrary) library = NULL;
  g_autoptr(ZrImportReport) report = NULL;
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);
  gint64 start;

  g_unlink (db_path);
  g_unlink (wal);
  g_unlink (shm);
  db = zr_database_open (db_path, &error);
  if (db == NULL)
    die (db_path, error);
  classifier = zr_classifier_new_default (&error);
  if (classifier == NULL)
    die ("classifier", error);
  library = zr_library_new (db, classifier);
  _zr_library_set_skip_index (library, !index);

  g_ptr_array_add (files, NULL);
  start = g_get_monotonic_time ();
  report = zr_library_import (library, (const char * const *) files->pdata, NULL, NULL, NULL, &error);
  g_ptr_array_remove_index (files, files->len - 1);
  if (report == NULL)
    die ("import", error);
  zr_database_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
  *out_articles = report->articles;
  if (report->failed->len > 0)
    g_printerr ("bench-import: %u files failed\n", report->failed->len);
  return (g_get_monotonic_time () - start) / 1e6;
}

static guint64
file_size (const char *path)
{
  GStatBuf st;
  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *json_path = NULL;
  gint64 seed = 20240520;
  GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where pages and libraries go", "DIR" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Generator seed", "S" },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_path, "Write results as JSON here", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[N]");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *pages_dir = NULL;
  g_autofree char *raw_db = NULL;
  g_autofree char *noindex_db = NULL;
  g_autofree char *library_db = NULL;
  guint64 text_bytes = 0;
  guint n = 200000, articles_noindex = 0, articles = 0;
  double t_raw, t_noindex, t_full, mb;
  guint64 lib_bytes;
  ZrJson *json;

  /* the tables print ×, ≤ and … in the locale's characters */
  setlocale (LC_CTYPE, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die ("options", error);
  if (argc > 1)
    n = (guint) g_ascii_strtoull (argv[1], NULL, 10);
  if (dir == NULL)
    dir = g_dir_make_tmp ("zr-bench-import-XXXXXX", NULL);

  pages_dir = g_build_filename (dir, "pages", NULL);
  raw_db = g_build_filename (dir, "raw.db", NULL);
  noindex_db = g_build_filename (dir, "noindex.db", NULL);
  library_db = g_build_filename (dir, "library.db", NULL);

  g_printerr ("bench-import: writing %u articles to %s …\n", n, pages_dir);
  files = write_pages (pages_dir, n, seed, &text_bytes);
  mb = text_bytes / (1024.0 * 1024.0);

  g_printerr ("bench-import: raw insert …\n");
  t_raw = raw_insert (files, raw_db);
  g_printerr ("bench-import: import without the search index …\n");
  t_noindex = import_all (files, noindex_db, FALSE, &articles_noindex);
  g_printerr ("bench-import: import with the search index …\n");
  t_full = import_all (files, library_db, TRUE, &articles);
  lib_bytes = file_size (library_db);
  g_unlink (noindex_db);
  g_unlink (raw_db);

  g_print ("\nImport of %u files, %.1f MB of page text, %u articles\n", files->len, mb, articles);
  g_print ("%-34s %10s %10s %12s\n", "", "seconds", "MB/s", "articles/s");
  g_print ("%-34s %10.1f %10.1f %12s\n", "raw: read + insert into bare table", t_raw, mb / t_raw, "-");
  g_print ("%-34s %10.1f %10.1f %12.0f\n", "import without search index", t_noindex, mb / t_noindex, articles_noindex / t_noindex);
  g_print ("%-34s %10.1f %10.1f %12.0f\n", "import with search index", t_full, mb / t_full, articles / t_full);
  g_print ("Library %.1f MB = %.2f × the text (target ≤ 3×)\n", lib_bytes / (1024.0 * 1024.0), (double) lib_bytes / text_bytes);

  json = zr_json_new (TRUE);
  zr_json_begin_object (json);
  zr_json_key (json, "files"); zr_json_int (json, files->len);
  zr_json_key (json, "articles"); zr_json_int (json, articles);
  zr_json_key (json, "text_mb"); zr_json_double (json, mb);
  zr_json_key (json, "raw_seconds"); zr_json_double (json, t_raw);
  zr_json_key (json, "raw_mb_per_s"); zr_json_double (json, mb / t_raw);
  zr_json_key (json, "noindex_seconds"); zr_json_double (json, t_noindex);
  zr_json_key (json, "noindex_mb_per_s"); zr_json_double (json, mb / t_noindex);
  zr_json_key (json, "full_seconds"); zr_json_double (json, t_full);
  zr_json_key (json, "full_mb_per_s"); zr_json_double (json, mb / t_full);
  zr_json_key (json, "full_articles_per_s"); zr_json_double (json, articles / t_full);
  zr_json_key (json, "library_mb"); zr_json_double (json, lib_bytes / (1024.0 * 1024.0));
  zr_json_key (json, "library_to_text"); zr_json_double (json, (double) lib_bytes / text_bytes);
  zr_json_key (json, "library"); zr_json_string (json, library_db);
  zr_json_end_object (json);
  {
    g_autofree char *text = zr_json_steal (json);
    if (json_path && !g_file_set_contents (json_path, text, -1, &error))
      die (json_path, error);
  }
  return 0;
}
