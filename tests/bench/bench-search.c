/* bench-search.c: search latency and index size on a generated library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-search [N] [--seed S] [--json FILE] [--dir DIR] [--keep]
 *
 * Builds a library of N generated records (default 200,000) in DIR (a new
 * temporary folder by default), then times, for 1-, 2-, 4-character and
 * two-word queries: zr_search_run (top 50 with snippets), zr_search_count,
 * FTS5's trigram tokenizer on the same texts (in a separate file, so the
 * library's size is its own) and a brute-force instr() scan. Prints a
 * table, the sizes of the two index tables (record_fts_uni, record_fts_bi,
 * from dbstat) and writes JSON (bench-search.json by default).
 */
#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zr-bench-gen.h"
#include "zr-database.h"
#include "zr-json.h"
#include "zr-search.h"

#define TOP 50

typedef enum
{
  CLASS_1,
  CLASS_2,
  CLASS_4,
  CLASS_TWO_WORDS,
  N_CLASSES,
} QueryClass;

static const char *class_names[] = { "1 char", "2 chars", "4 chars", "2 words" };

typedef enum
{
  METHOD_ZR_RUN,
  METHOD_ZR_COUNT,
  METHOD_TRIGRAM,
  METHOD_SCAN,
  N_METHODS,
} Method;

static const char *method_names[] = { "zr top50+snippets", "zr count", "trigram top50+snip", "instr scan top50" };

typedef struct
{
  GArray *ms;          /* double */
  guint64 hits;        /* sum over queries of the hit count */
  gboolean available;
} Stats;

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-search: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *msg = NULL;
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_printerr ("bench-search: %s: %s\n", sql, msg);
      exit (1);
    }
}

static sqlite3_stmt *
prepare_or_die (sqlite3    *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_printerr ("bench-search: %s: %s\n", sql, sqlite3_errmsg (db));
      exit (1);
    }
  return stmt;
}

static void
join_line (GString    *out,
           const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append (out, text);
}

/* Inserts the library the way the importer stores it; returns the number
 * of bytes of indexed text (headline, meta, body). */
static guint64
build_library (ZrDatabase *db,
               guint       n,
               guint64     seed)
{
  g_autoptr(ZrBenchGen) gen = zr_bench_gen_new (seed);
  g_autoptr(GError) error = NULL;
  sqlite3 *handle = zr_database_get_handle (db);
  sqlite3_stmt *src, *rec, *par;
  guint64 text_bytes = 0;
  guint per_source = 8;
  gint64 source_id = 0;

  src = prepare_or_die (handle, "INSERT INTO sources (path, name, content_hash, encoding, size, imported_at, page_date)"
                                " VALUES (?, ?, 'x', 'UTF-8', 0, 0, ?)");
  rec = prepare_or_die (handle, "INSERT INTO records (source_id, position, kind, headline, column_label, kicker,"
                                " dateline, byline_text, chars, district) VALUES (?, ?, 'article', ?, ?, ?, ?, ?, ?, ?)");
  par = prepare_or_die (handle, "INSERT INTO paragraphs (record_id, position, kind, text) VALUES (?, ?, ?, ?)");

  for (guint i = 0; i < n; i++)
    {
      const char *district = NULL;
      g_autoptr(ZrRecord) record = zr_bench_gen_record (gen, 0, &district);
      g_autoptr(GString) meta = g_string_new (NULL);
      gint64 id;
      guint chars = 0;

      if (i % 5000 == 0)
        {
          if (source_id > 0 && !zr_search_index_source (db, source_id, &error))
            die ("index", error);
          if (i > 0 && !zr_database_commit (db, &error))
            die ("commit", error);
          if (!zr_database_begin (db, &error))
            die ("begin", error);
          g_printerr ("\rbuilding library: %u / %u", i, n);
        }
      if (i % per_source == 0)
        {
          /* the page before is complete: index it, as the importer does */
          if (source_id > 0 && !zr_search_index_source (db, source_id, &error))
            die ("index", error);
          g_autofree char *path = g_strdup_printf ("/pages/%06u.txt", i / per_source);
          g_autofree char *date = g_strdup_printf ("%04u-%02u-%02u", 2004 + i * 20 / n, 1 + (i / 400) % 12,
                                                   1 + (i / 16) % 28);
          sqlite3_reset (src);
          sqlite3_bind_text (src, 1, path, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (src, 2, path + 7, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (src, 3, date, -1, SQLITE_TRANSIENT);
          if (sqlite3_step (src) != SQLITE_DONE)
            die ("insert source", NULL);
          source_id = sqlite3_last_insert_rowid (handle);
        }

      for (guint p = 0; p < record->paragraphs->len; p++)
        chars += g_utf8_strlen (((ZrParagraph *) record->paragraphs->pdata[p])->text, -1);

      sqlite3_reset (rec);
      sqlite3_bind_int64 (rec, 1, source_id);
      sqlite3_bind_int (rec, 2, i % per_source);
      sqlite3_bind_text (rec, 3, record->headline, -1, SQLITE_STATIC);
      sqlite3_bind_text (rec, 4, record->column, -1, SQLITE_STATIC);
      sqlite3_bind_text (rec, 5, record->kicker, -1, SQLITE_STATIC);
      sqlite3_bind_text (rec, 6, record->dateline, -1, SQLITE_STATIC);
      sqlite3_bind_text (rec, 7, record->byline_text, -1, SQLITE_STATIC);
      sqlite3_bind_int (rec, 8, chars);
      sqlite3_bind_text (rec, 9, district, -1, SQLITE_STATIC);
      if (sqlite3_step (rec) != SQLITE_DONE)
        die ("insert record", NULL);
      id = sqlite3_last_insert_rowid (handle);

      for (guint p = 0; p < record->paragraphs->len; p++)
        {
          const ZrParagraph *paragraph = record->paragraphs->pdata[p];
          sqlite3_reset (par);
          sqlite3_bind_int64 (par, 1, id);
          sqlite3_bind_int (par, 2, p);
          sqlite3_bind_text (par, 3, zr_paragraph_kind_to_string (paragraph->kind), -1, SQLITE_STATIC);
          sqlite3_bind_text (par, 4, paragraph->text, -1, SQLITE_STATIC);
          if (sqlite3_step (par) != SQLITE_DONE)
            die ("insert paragraph", NULL);
          text_bytes += strlen (paragraph->text) + 1;
        }
      join_line (meta, record->column);
      join_line (meta, record->kicker);
      join_line (meta, record->byline_text);
      text_bytes += strlen (record->headline) + meta->len;
    }
  if (!zr_search_index_source (db, source_id, &error))
    die ("index", error);
  if (!zr_database_commit (db, &error))
    die ("commit", error);
  g_printerr ("\rbuilding library: %u / %u\n", n, n);
  sqlite3_finalize (src);
  sqlite3_finalize (rec);
  sqlite3_finalize (par);
  return text_bytes;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;
  if (g_stat (path, &st) != 0)
    return 0;
  return st.st_size;
}

/* Bytes of the pages of every table and index whose name starts with
 * @prefix (the FTS5 table and its shadow tables). */
static gint64
table_bytes (sqlite3    *db,
             const char *prefix)
{
  sqlite3_stmt *stmt = prepare_or_die (db, "SELECT coalesce (sum (pgsize), 0) FROM dbstat WHERE name LIKE ? || '%'");
  gint64 bytes = 0;

  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    bytes = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return bytes;
}

static gboolean
is_han (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN;
}

/* A run of @len Han characters from the body of a random record: queries
 * follow the library's own frequencies, and always hit something. */
static char *
sample_query (sqlite3    *db,
              ZrBenchGen *gen,
              guint       n,
              guint       len)
{
  sqlite3_stmt *stmt = prepare_or_die (db, "SELECT body FROM record_fts_text WHERE id = ?");
  char *result = NULL;

  while (result == NULL)
    {
      const char *body;
      glong n_chars;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, zr_bench_gen_int (gen, 1, n));
      if (sqlite3_step (stmt) != SQLITE_ROW)
        continue;
      body = (const char *) sqlite3_column_text (stmt, 0);
      n_chars = g_utf8_strlen (body, -1);
      for (guint attempt = 0; attempt < 20 && result == NULL && n_chars > (glong) len; attempt++)
        {
          const char *start = g_utf8_offset_to_pointer (body, zr_bench_gen_int (gen, 0, n_chars - len - 1));
          const char *p = start;
          guint k;

          for (k = 0; k < len && is_han (g_utf8_get_char (p)); k++)
            p = g_utf8_next_char (p);
          if (k == len)
            result = g_strndup (start, p - start);
        }
    }
  sqlite3_finalize (stmt);
  return result;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static guint
run_trigram (sqlite3    *db,
             const char *query)
{
  static sqlite3_stmt *ranked = NULL;
  static sqlite3_stmt *count = NULL;
  g_autofree char *match = g_strdup_printf ("\"%s\"", query);
  guint hits = 0;

  if (ranked == NULL)
    {
      ranked = prepare_or_die (db, "SELECT rowid, snippet(t, -1, '【', '】', '…', 24) FROM tri.t"
                                   " WHERE t MATCH ? ORDER BY bm25(t, 10.0, 3.0, 1.0) LIMIT 50");
      count = prepare_or_die (db, "SELECT count(*) FROM tri.t WHERE t MATCH ?");
    }
  sqlite3_reset (ranked);
  sqlite3_bind_text (ranked, 1, match, -1, SQLITE_STATIC);
  while (sqlite3_step (ranked) == SQLITE_ROW)
    ;
  sqlite3_reset (count);
  sqlite3_bind_text (count, 1, match, -1, SQLITE_STATIC);
  if (sqlite3_step (count) == SQLITE_ROW)
    hits = sqlite3_column_int (count, 0);
  return hits;
}

/* No index: every text is read. Matches found, newest 50 kept. */
static guint
run_scan (sqlite3    *db,
          const char *query)
{
  static sqlite3_stmt *stmt = NULL;
  g_auto(GStrv) words = g_strsplit (query, " ", -1);
  guint hits = 0;

  if (stmt == NULL)
    stmt = prepare_or_die (db,
                           "SELECT r.id FROM records r WHERE"
                           " (instr(r.headline, ?1) OR EXISTS (SELECT 1 FROM paragraphs p WHERE p.record_id = r.id AND instr(p.text, ?1)))"
                           " AND (?2 IS NULL OR instr(r.headline, ?2) OR EXISTS (SELECT 1 FROM paragraphs p WHERE p.record_id = r.id AND instr(p.text, ?2)))"
                           " ORDER BY r.id DESC");
  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, words[0], -1, SQLITE_STATIC);
  if (words[1] != NULL)
    sqlite3_bind_text (stmt, 2, words[1], -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 2);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    hits++;
  return hits;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
percentile (GArray *ms,
            double  p)
{
  guint idx;
  if (ms->len == 0)
    return 0;
  g_array_sort (ms, compare_double);
  idx = (guint) (p * (ms->len - 1) + 0.5);
  return g_array_index (ms, double, idx);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = NULL;
  g_autoptr(ZrBenchGen) qgen = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *tri_path = NULL;
  g_autofree char *json_path = NULL;
  char *attach = NULL;
  gint64 seed = 20240501;
  gint64 n = 200000;
  gboolean keep = FALSE;
  guint64 text_bytes;
  gint64 db_bytes, tri_bytes, uni_bytes, bi_bytes;
  double t0, build_s, tri_s;
  sqlite3 *handle;
  Stats stats[N_CLASSES][N_METHODS] = { { { 0 } } };
  static const guint n_queries[N_METHODS] = { 60, 60, 20, 5 };
  char *queries[N_CLASSES][60] = { { 0 } };
  g_autoptr(ZrJson) json = NULL;
  g_autofree char *json_text = NULL;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Generator seed", "S" },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_path, "Write the results here", "FILE" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Build the library in this folder", "DIR" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the library files", NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[N]");

  /* the tables print ×, ≤ and … in the locale's characters */
  setlocale (LC_CTYPE, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die ("options", error);
  if (argc > 1)
    n = g_ascii_strtoll (argv[1], NULL, 10);
  if (n < 100)
    die ("N must be at least 100", NULL);
  if (json_path == NULL)
    json_path = g_strdup ("bench-search.json");
  if (dir == NULL && (dir = g_dir_make_tmp ("bench-search-XXXXXX", &error)) == NULL)
    die ("temporary folder", error);
  path = g_build_filename (dir, "library.db", NULL);
  tri_path = g_build_filename (dir, "trigram.db", NULL);
  g_unlink (path);
  g_unlink (tri_path);

  db = zr_database_open (path, &error);
  if (db == NULL)
    die ("open", error);
  handle = zr_database_get_handle (db);

  t0 = now_ms ();
  text_bytes = build_library (db, n, seed);
  build_s = (now_ms () - t0) / 1000;
  exec_or_die (handle, "PRAGMA wal_checkpoint(TRUNCATE)");
  db_bytes = file_size (path);
  uni_bytes = table_bytes (handle, "record_fts_uni");
  bi_bytes = table_bytes (handle, "record_fts_bi");

  g_printerr ("building trigram index…\n");
  attach = sqlite3_mprintf ("ATTACH %Q AS tri", tri_path);
  exec_or_die (handle, attach);
  t0 = now_ms ();
  exec_or_die (handle, "PRAGMA tri.journal_mode = OFF;"
                       "CREATE VIRTUAL TABLE tri.t USING fts5 (headline, meta, body, tokenize = 'trigram');"
                       "INSERT INTO tri.t (rowid, headline, meta, body) SELECT id, headline, meta, body FROM record_fts_text");
  tri_s = (now_ms () - t0) / 1000;
  tri_bytes = file_size (tri_path);

  qgen = zr_bench_gen_new (seed + 1);
  for (guint q = 0; q < 60; q++)
    {
      g_autofree char *a = sample_query (handle, qgen, n, 2);
      g_autofree char *b = sample_query (handle, qgen, n, 2);
      queries[CLASS_1][q] = sample_query (handle, qgen, n, 1);
      queries[CLASS_2][q] = sample_query (handle, qgen, n, 2);
      queries[CLASS_4][q] = sample_query (handle, qgen, n, 4);
      queries[CLASS_TWO_WORDS][q] = g_strdup_printf ("%s %s", a, b);
    }

  for (guint c = 0; c < N_CLASSES; c++)
    for (guint m = 0; m < N_METHODS; m++)
      {
        Stats *s = &stats[c][m];
        s->ms = g_array_new (FALSE, FALSE, sizeof (double));
        /* trigram needs 3 characters per term (and LIKE with fewer
         * silently finds nothing on SQLite 3.40) */
        s->available = !(m == METHOD_TRIGRAM && (c == CLASS_1 || c == CLASS_2 || c == CLASS_TWO_WORDS));
        if (!s->available)
          continue;
        g_printerr ("timing %s / %s…\n", class_names[c], method_names[m]);
        for (guint q = 0; q < n_queries[m]; q++)
          {
            const char *query = queries[c][q];
            double start = now_ms (), ms;
            guint hits = 0;

            if (m == METHOD_ZR_RUN)
              {
                g_autoptr(GPtrArray) result = zr_search_run (db, query, NULL, TOP, &error);
                if (result == NULL)
                  die ("search", error);
                hits = result->len;
              }
            else if (m == METHOD_ZR_COUNT)
              {
                hits = zr_search_count (db, query, NULL, &error);
                if (error != NULL)
                  die ("count", error);
              }
            else if (m == METHOD_TRIGRAM)
              hits = run_trigram (handle, query);
            else
              hits = run_scan (handle, query);
            ms = now_ms () - start;
            g_array_append_val (s->ms, ms);
            s->hits += hits;
          }
      }

  printf ("\nSearch benchmark: %" G_GINT64_FORMAT " records, seed %" G_GINT64_FORMAT ", SQLite %s\n",
           n, seed, sqlite3_libversion ());
  printf ("text %.1f MB; library file %.1f MB (%.2f× text), built in %.1f s (%.1f MB/s);"
           " trigram index alone %.1f MB (%.2f× text), built in %.1f s\n\n",
           text_bytes / 1e6, db_bytes / 1e6, (double) db_bytes / text_bytes, build_s, text_bytes / 1e6 / build_s,
           tri_bytes / 1e6, (double) tri_bytes / text_bytes, tri_s);
  printf ("index record_fts_uni (1 char, detail=none) %.1f MB (%.2f× text);"
          " record_fts_bi (pairs, detail=full) %.1f MB (%.2f× text)\n\n",
          uni_bytes / 1e6, (double) uni_bytes / text_bytes, bi_bytes / 1e6, (double) bi_bytes / text_bytes);
  printf ("%-9s %-20s %7s %9s %9s %9s\n", "query", "method", "queries", "p50 ms", "p95 ms", "avg hits");
  for (guint c = 0; c < N_CLASSES; c++)
    for (guint m = 0; m < N_METHODS; m++)
      {
        Stats *s = &stats[c][m];
        if (!s->available)
          printf ("%-9s %-20s %7s %9s %9s %9s\n", class_names[c], method_names[m], "-", "n/a", "n/a", "n/a");
        else
          printf ("%-9s %-20s %7u %9.1f %9.1f %9.0f\n", class_names[c], method_names[m], s->ms->len,
                   percentile (s->ms, 0.5), percentile (s->ms, 0.95), (double) s->hits / s->ms->len);
      }
  printf ("\nexample queries: %s | %s | %s | %s\n", queries[CLASS_1][0], queries[CLASS_2][0],
           queries[CLASS_4][0], queries[CLASS_TWO_WORDS][0]);

  json = zr_json_new (TRUE);
  zr_json_begin_object (json);
  zr_json_key (json, "records");
  zr_json_int (json, n);
  zr_json_key (json, "seed");
  zr_json_int (json, seed);
  zr_json_key (json, "sqlite");
  zr_json_string (json, sqlite3_libversion ());
  zr_json_key (json, "text_bytes");
  zr_json_int (json, text_bytes);
  zr_json_key (json, "library_bytes");
  zr_json_int (json, db_bytes);
  zr_json_key (json, "library_to_text");
  zr_json_double (json, (double) db_bytes / text_bytes);
  zr_json_key (json, "index_uni_bytes");
  zr_json_int (json, uni_bytes);
  zr_json_key (json, "index_bi_bytes");
  zr_json_int (json, bi_bytes);
  zr_json_key (json, "build_seconds");
  zr_json_double (json, build_s);
  zr_json_key (json, "trigram_bytes");
  zr_json_int (json, tri_bytes);
  zr_json_key (json, "trigram_build_seconds");
  zr_json_double (json, tri_s);
  zr_json_key (json, "latency");
  zr_json_begin_array (json);
  for (guint c = 0; c < N_CLASSES; c++)
    for (guint m = 0; m < N_METHODS; m++)
      {
        Stats *s = &stats[c][m];
        zr_json_begin_object (json);
        zr_json_key (json, "query");
        zr_json_string (json, class_names[c]);
        zr_json_key (json, "method");
        zr_json_string (json, method_names[m]);
        zr_json_key (json, "available");
        zr_json_bool (json, s->available);
        if (s->available)
          {
            zr_json_key (json, "queries");
            zr_json_int (json, s->ms->len);
            zr_json_key (json, "p50_ms");
            zr_json_double (json, percentile (s->ms, 0.5));
            zr_json_key (json, "p95_ms");
            zr_json_double (json, percentile (s->ms, 0.95));
            zr_json_key (json, "avg_hits");
            zr_json_double (json, (double) s->hits / s->ms->len);
          }
        zr_json_end_object (json);
        g_array_unref (s->ms);
      }
  zr_json_end_array (json);
  zr_json_end_object (json);
  json_text = zr_json_steal (g_steal_pointer (&json));
  if (!g_file_set_contents (json_path, json_text, -1, &error))
    die ("write JSON", error);
  printf ("JSON written to %s\n", json_path);

  for (guint c = 0; c < N_CLASSES; c++)
    for (guint q = 0; q < 60; q++)
      g_free (queries[c][q]);
  sqlite3_free (attach);
  g_clear_object (&db);
  if (!keep)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      g_unlink (tri_path);
      g_rmdir (dir);
    }
  return 0;
}
