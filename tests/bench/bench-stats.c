/* bench-stats.c: facet counts and stats of a filter on a large library
 *
 *   bench-stats [N] [--seed S] [--json FILE] [--reps R] [--db PATH]
 *
 * Builds a library of N records (200,000 by default) in a temporary file by
 * inserting rows with SQL (sources, records with district, primary topic
 * and chars, record_topics, bylines, quotes), seeded and reproducible, then
 * times each statistic of zr-stats.h under several filters. Prints a table
 * of p50/p95 per query kind and writes JSON (bench-stats.json by default).
 * The target (DESIGN.md §9) is under 50 ms for each kind.
 *
 * The statistics count over the in-memory facts of zr-facts.h: "cold" is
 * the first stats_query on a connection (building the facts, then
 * counting), the table is warm (facts built). For comparison the SQL-only
 * reference (_zr_stats_query_sql, what the statistics did before the
 * facts) is timed too, as "sql stats_query". The search part
 * of a filter is not exercised here (record_fts stays empty); the tests
 * cover it on a small library. With --db the library is written to PATH
 * (which must not exist) and kept, to look at query plans.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "zr-bench-gen.h"
#include "zr-classifier.h"
#include "zr-facts.h"
#include "zr-json.h"
#include "zr-stats.h"

#define TARGET_MS 50.0

static void
die_sql (sqlite3    *db,
         const char *what)
{
  g_printerr ("bench-stats: %s: %s\n", what, sqlite3_errmsg (db));
  exit (1);
}

static sqlite3_stmt *
prep (sqlite3    *db,
      const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    die_sql (db, sql);
  return stmt;
}

static void
step (sqlite3      *db,
      sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    die_sql (db, sqlite3_sql (stmt));
  sqlite3_reset (stmt);
}

static void
generate (ZrDatabase *zdb,
          guint       n,
          guint64     seed)
{
  g_autoptr(ZrBenchGen) gen = zr_bench_gen_new (seed);
  sqlite3 *db = zr_database_get_handle (zdb);
  const char * const *topics = zr_classifier_list_topics ();
  guint n_topics = g_strv_length ((char **) topics);
  guint n_sources = MAX (1, n / 4);            /* about 4 stories a page */
  guint n_reporters = 400, n_speakers = 20000;
  g_autoptr(GPtrArray) reporters = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) speakers = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *ins_source, *ins_record, *ins_topic, *ins_byline, *ins_quote;
  guint record = 0;

  for (guint i = 0; i < n_reporters; i++)
    g_ptr_array_add (reporters, zr_bench_gen_name (gen));
  for (guint i = 0; i < n_speakers; i++)
    g_ptr_array_add (speakers, zr_bench_gen_name (gen));

  if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    die_sql (db, "BEGIN");
  ins_source = prep (db, "INSERT INTO sources (id, path, name, content_hash, encoding, size, imported_at, page_date, page_number) "
                         "VALUES (?, ?, ?, 'x', 'UTF-8', 20000, 0, ?, ?)");
  ins_record = prep (db, "INSERT INTO records (id, source_id, position, kind, headline, chars, district, primary_topic) "
                         "VALUES (?, ?, ?, 'article', '标题', ?, ?, ?)");
  ins_topic = prep (db, "INSERT INTO record_topics (record_id, topic, is_primary, weight) VALUES (?, ?, ?, 1)");
  ins_byline = prep (db, "INSERT INTO bylines (record_id, position, name, role) VALUES (?, ?, ?, '记者')");
  ins_quote = prep (db, "INSERT INTO quotes (record_id, position, paragraph, start_offset, end_offset, text, speaker) "
                        "VALUES (?, ?, 1, 0, 20, '引语', ?)");

  for (guint s = 0; s < n_sources && record < n; s++)
    {
      /* eight pages a day from 2004 on */
      g_autoptr(GDateTime) base = g_date_time_new_utc (2004, 1, 1, 0, 0, 0);
      g_autoptr(GDateTime) day = g_date_time_add_days (base, (gint) (s / 8));
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
      g_autofree char *name = g_strdup_printf ("株洲日报_%s_%02u.txt", date, s % 8 + 1);
      g_autofree char *path = g_strdup_printf ("/pages/%s", name);
      guint stories = (s + 1 == n_sources) ? n - record : MIN (n - record, zr_bench_gen_int (gen, 1, 7));

      sqlite3_bind_int (ins_source, 1, (int) s + 1);
      sqlite3_bind_text (ins_source, 2, path, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins_source, 3, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins_source, 4, date, -1, SQLITE_STATIC);
      sqlite3_bind_int (ins_source, 5, (int) (s % 8 + 1));
      step (db, ins_source);

      for (guint p = 0; p < stories; p++, record++)
        {
          gint64 id = record + 1;
          guint nt = zr_bench_gen_int (gen, 1, 3);
          const char *chosen[3] = { NULL, NULL, NULL };
          guint nb = zr_bench_gen_int (gen, 0, 3);
          guint nq = zr_bench_gen_int (gen, 0, 4);
          const char *district = zr_bench_gen_int (gen, 0, 9) == 0
                                 ? (zr_bench_gen_int (gen, 0, 3) ? ZR_DISTRICT_CITY : ZR_DISTRICT_OTHER)
                                 : zr_bench_gen_district (gen);

          for (guint t = 0; t < nt; t++)
            {
              const char *topic = t == 0 ? zr_bench_gen_topic (gen) : topics[zr_bench_gen_int (gen, 0, n_topics - 1)];
              if ((t > 0 && topic == chosen[0]) || (t > 1 && topic == chosen[1]) ||
                  (chosen[0] != NULL && g_str_equal (topic, chosen[0])) ||
                  (chosen[1] != NULL && g_str_equal (topic, chosen[1])))
                continue;
              chosen[t] = topic;
            }

          sqlite3_bind_int64 (ins_record, 1, id);
          sqlite3_bind_int (ins_record, 2, (int) s + 1);
          sqlite3_bind_int (ins_record, 3, (int) p);
          sqlite3_bind_int (ins_record, 4, (int) zr_bench_gen_int (gen, 200, 3200));
          sqlite3_bind_text (ins_record, 5, district, -1, SQLITE_STATIC);
          sqlite3_bind_text (ins_record, 6, chosen[0], -1, SQLITE_STATIC);
          step (db, ins_record);

          for (guint t = 0; t < nt; t++)
            {
              if (chosen[t] == NULL)
                continue;
              sqlite3_bind_int64 (ins_topic, 1, id);
              sqlite3_bind_text (ins_topic, 2, chosen[t], -1, SQLITE_STATIC);
              sqlite3_bind_int (ins_topic, 3, t == 0);
              step (db, ins_topic);
            }
          for (guint b = 0; b < nb; b++)
            {
              /* a few staff reporters write most stories */
              guint r = MIN (zr_bench_gen_int (gen, 0, n_reporters - 1), zr_bench_gen_int (gen, 0, n_reporters - 1));
              sqlite3_bind_int64 (ins_byline, 1, id);
              sqlite3_bind_int (ins_byline, 2, (int) b);
              sqlite3_bind_text (ins_byline, 3, g_ptr_array_index (reporters, r), -1, SQLITE_STATIC);
              step (db, ins_byline);
            }
          for (guint q = 0; q < nq; q++)
            {
              guint k = zr_bench_gen_int (gen, 0, 9);
              sqlite3_bind_int64 (ins_quote, 1, id);
              sqlite3_bind_int (ins_quote, 2, (int) q);
              if (k == 0)
                sqlite3_bind_null (ins_quote, 3);
              else if (k == 1)
                sqlite3_bind_text (ins_quote, 3, "市民", -1, SQLITE_STATIC);
              else
                sqlite3_bind_text (ins_quote, 3,
                                   g_ptr_array_index (speakers, MIN (zr_bench_gen_int (gen, 0, n_speakers - 1),
                                                                      zr_bench_gen_int (gen, 0, n_speakers - 1))),
                                   -1, SQLITE_STATIC);
              step (db, ins_quote);
            }
        }
    }
  sqlite3_finalize (ins_source);
  sqlite3_finalize (ins_record);
  sqlite3_finalize (ins_topic);
  sqlite3_finalize (ins_byline);
  sqlite3_finalize (ins_quote);
  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    die_sql (db, "COMMIT");
}

enum {
  KIND_ARTICLES,
  KIND_BY_DISTRICT,
  KIND_BY_TOPIC,
  KIND_TOP_REPORTERS,
  KIND_TOP_SPEAKERS,
  KIND_BY_SOURCE,
  KIND_ALL,
  N_KINDS
};

static const char *kind_names[N_KINDS] = {
  "articles+chars", "by_district", "by_topic", "top_reporters", "top_speakers", "by_source", "stats_query(all)",
};

static void
run_kind (ZrDatabase     *db,
          const ZrFilter *filter,
          int             kind)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  switch (kind)
    {
    case KIND_ARTICLES:
      {
        guint a = 0;
        guint64 c = 0;
        ok = zr_stats_count_articles (db, filter, &a, &c, &error);
      }
      break;
    case KIND_BY_DISTRICT:
      {
        g_autoptr(GPtrArray) r = zr_stats_count_by_district (db, filter, &error);
        ok = r != NULL;
      }
      break;
    case KIND_BY_TOPIC:
      {
        g_autoptr(GPtrArray) r = zr_stats_count_by_topic (db, filter, &error);
        ok = r != NULL;
      }
      break;
    case KIND_TOP_REPORTERS:
      {
        g_autoptr(GPtrArray) r = zr_stats_top_reporters (db, filter, ZR_STATS_TOP_N, &error);
        ok = r != NULL;
      }
      break;
    case KIND_TOP_SPEAKERS:
      {
        g_autoptr(GPtrArray) r = zr_stats_top_speakers (db, filter, ZR_STATS_TOP_N, &error);
        ok = r != NULL;
      }
      break;
    case KIND_BY_SOURCE:
      {
        g_autoptr(GPtrArray) r = zr_stats_by_source (db, filter, ZR_STATS_TOP_N, &error);
        ok = r != NULL;
      }
      break;
    case KIND_ALL:
    default:
      {
        g_autoptr(ZrStats) s = zr_stats_query (db, filter, &error);
        ok = s != NULL;
      }
      break;
    }
  if (!ok)
    {
      g_printerr ("bench-stats: %s: %s\n", kind_names[kind], error ? error->message : "?");
      exit (1);
    }
}

/* Wall and thread CPU milliseconds of one call. */
typedef struct
{
  gint64          wall0;
  struct timespec cpu0;
} Clock;

static void
clock_start (Clock *c)
{
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &c->cpu0);
  c->wall0 = g_get_monotonic_time ();
}

static void
clock_stop (Clock  *c,
            GArray *wall,
            GArray *cpu)
{
  struct timespec c1;
  double ms = (g_get_monotonic_time () - c->wall0) / 1000.0;
  double cpu_ms;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &c1);
  cpu_ms = (c1.tv_sec - c->cpu0.tv_sec) * 1e3 + (c1.tv_nsec - c->cpu0.tv_nsec) / 1e6;
  g_array_append_val (wall, ms);
  g_array_append_val (cpu, cpu_ms);
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
percentile (GArray *v,
            double  p)
{
  guint i;
  if (v->len == 0)
    return 0;
  qsort (v->data, v->len, sizeof (double), cmp_double);
  i = (guint) (p * (v->len - 1) + 0.5);
  return g_array_index (v, double, MIN (i, v->len - 1));
}

int
main (int   argc,
      char *argv[])
{
  guint n = 200000;
  guint64 seed = 20230315;
  guint reps = 15;
  const char *json_path = "bench-stats.json";
  const char *keep_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ZrDatabase) db = NULL;
  GArray *times[N_KINDS];
  GArray *cpu[N_KINDS];
  g_autoptr(GArray) cold_wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cold_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) build_wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) build_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sql_wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sql_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  gsize facts_bytes = 0;
  double worst[N_KINDS][8] = { { 0 } };
  gint64 t0, t1;
  ZrJson *json;
  g_autofree char *text = NULL;
  gboolean all_ok = TRUE;
  const char *one[] = { "石峰区", NULL };
  const char *two[] = { "荷塘区", "醴陵市", NULL };
  const char *topic[] = { "城市管理", NULL };
  const char *topic2[] = { "党建", "教育", NULL };
  struct { const char *label; const char * const *d; const char * const *t; } filters[] = {
    { "none", NULL, NULL },
    { "one district", one, NULL },
    { "two districts", two, NULL },
    { "topic", NULL, topic },
    { "district+topic", one, topic },
    { "two districts+two topics", two, topic2 },
  };

  /* the tables print ×, ≤ and … in the locale's characters */
  setlocale (LC_CTYPE, "");
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--seed") && i + 1 < argc)
        seed = g_ascii_strtoull (argv[++i], NULL, 10);
      else if (g_str_equal (argv[i], "--json") && i + 1 < argc)
        json_path = argv[++i];
      else if (g_str_equal (argv[i], "--db") && i + 1 < argc)
        keep_path = argv[++i];
      else if (g_str_equal (argv[i], "--reps") && i + 1 < argc)
        {
          int r = atoi (argv[++i]);
          reps = (guint) MAX (1, r);
        }
      else if (g_ascii_isdigit (argv[i][0]))
        n = (guint) MAX (1, atoi (argv[i]));
      else
        {
          g_printerr ("usage: bench-stats [N] [--seed S] [--json FILE] [--reps R] [--db PATH]\n");
          return 2;
        }
    }

  dir = g_dir_make_tmp ("zr-bench-stats-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("bench-stats: %s\n", error->message);
      return 1;
    }
  path = keep_path ? g_strdup (keep_path) : g_build_filename (dir, "library.db", NULL);
  db = zr_database_open (path, &error);
  if (db == NULL)
    {
      g_printerr ("bench-stats: %s\n", error->message);
      return 1;
    }

  t0 = g_get_monotonic_time ();
  generate (db, n, seed);
  t1 = g_get_monotonic_time ();
  g_print ("generated %u records in %.1f s (seed %" G_GUINT64_FORMAT ")\n", n, (t1 - t0) / 1e6, seed);

  for (int k = 0; k < N_KINDS; k++)
    {
      times[k] = g_array_new (FALSE, FALSE, sizeof (double));
      cpu[k] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  /* cold: the first statistics on a connection build the facts (the
   * library's pages are in the OS cache, as after the list was shown) */
  for (guint r = 0; r < MAX (reps, 3); r++)
    {
      Clock c;
      g_autoptr(ZrFacts) facts = NULL;

      zr_facts_invalidate (db);
      clock_start (&c);
      run_kind (db, NULL, KIND_ALL);
      clock_stop (&c, cold_wall, cold_cpu);

      zr_facts_invalidate (db);
      clock_start (&c);
      facts = zr_facts_dup_for_database (db, &error);
      clock_stop (&c, build_wall, build_cpu);
      if (facts == NULL)
        {
          g_printerr ("bench-stats: %s\n", error->message);
          return 1;
        }
      facts_bytes = zr_facts_get_size (facts);
    }

  /* one warm-up round, as a running app has the pages in cache */
  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    for (int k = 0; k < N_KINDS; k++)
      {
        g_autoptr(ZrFilter) filter = zr_filter_new ();
        if (filters[f].d)
          zr_filter_set_districts (filter, filters[f].d);
        if (filters[f].t)
          zr_filter_set_topics (filter, filters[f].t);
        run_kind (db, filter, k);
      }

  for (guint r = 0; r < reps; r++)
    for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
      {
        g_autoptr(ZrFilter) filter = zr_filter_new ();
        if (filters[f].d)
          zr_filter_set_districts (filter, filters[f].d);
        if (filters[f].t)
          zr_filter_set_topics (filter, filters[f].t);
        for (int k = 0; k < N_KINDS; k++)
          {
            double ms, cpu_ms;
            struct timespec c0, c1;
            clock_gettime (CLOCK_THREAD_CPUTIME_ID, &c0);
            t0 = g_get_monotonic_time ();
            run_kind (db, filter, k);
            ms = (g_get_monotonic_time () - t0) / 1000.0;
            clock_gettime (CLOCK_THREAD_CPUTIME_ID, &c1);
            cpu_ms = (c1.tv_sec - c0.tv_sec) * 1e3 + (c1.tv_nsec - c0.tv_nsec) / 1e6;
            g_array_append_val (times[k], ms);
            g_array_append_val (cpu[k], cpu_ms);
            worst[k][f] = MAX (worst[k][f], ms);
          }
      }

  /* the SQL-only reference, as before the facts */
  for (guint r = 0; r < MAX (1, reps / 3); r++)
    for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
      {
        g_autoptr(ZrFilter) filter = zr_filter_new ();
        g_autoptr(ZrStats) s = NULL;
        Clock c;

        if (filters[f].d)
          zr_filter_set_districts (filter, filters[f].d);
        if (filters[f].t)
          zr_filter_set_topics (filter, filters[f].t);
        clock_start (&c);
        s = _zr_stats_query_sql (db, filter, ZR_STATS_TOP_N, &error);
        clock_stop (&c, sql_wall, sql_cpu);
        if (s == NULL)
          {
            g_printerr ("bench-stats: sql: %s\n", error->message);
            return 1;
          }
      }

  /* wall time is what the user waits; CPU time shows the cost when the
   * machine is shared with other work */
  g_print ("\nwarm (facts built)\n%-18s %9s %9s %9s %11s   slowest filter\n", "query", "p50 ms", "p95 ms", "max ms", "cpu p95 ms");
  json = zr_json_new (TRUE);
  zr_json_begin_object (json);
  zr_json_key (json, "records");
  zr_json_int (json, n);
  zr_json_key (json, "seed");
  zr_json_int (json, (gint64) seed);
  zr_json_key (json, "sqlite");
  zr_json_string (json, sqlite3_libversion ());
  zr_json_key (json, "repetitions");
  zr_json_int (json, reps);
  zr_json_key (json, "filters");
  zr_json_begin_array (json);
  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    zr_json_string (json, filters[f].label);
  zr_json_end_array (json);
  zr_json_key (json, "target_ms");
  zr_json_double (json, TARGET_MS);
  zr_json_key (json, "queries");
  zr_json_begin_object (json);
  for (int k = 0; k < N_KINDS; k++)
    {
      double p50 = percentile (times[k], 0.50);
      double p95 = percentile (times[k], 0.95);
      double max = percentile (times[k], 1.0);
      double cpu95 = percentile (cpu[k], 0.95);
      guint slowest = 0;

      for (guint f = 1; f < G_N_ELEMENTS (filters); f++)
        if (worst[k][f] > worst[k][slowest])
          slowest = f;
      /* the whole panel is several queries: its target is each kind's */
      if (k != KIND_ALL && p95 >= TARGET_MS)
        all_ok = FALSE;
      g_print ("%-18s %9.2f %9.2f %9.2f %11.2f   %s\n", kind_names[k], p50, p95, max, cpu95, filters[slowest].label);
      zr_json_key (json, kind_names[k]);
      zr_json_begin_object (json);
      zr_json_key (json, "p50_ms");
      zr_json_double (json, p50);
      zr_json_key (json, "p95_ms");
      zr_json_double (json, p95);
      zr_json_key (json, "max_ms");
      zr_json_double (json, max);
      zr_json_key (json, "cpu_p95_ms");
      zr_json_double (json, cpu95);
      zr_json_key (json, "per_filter_max_ms");
      zr_json_begin_object (json);
      for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
        {
          zr_json_key (json, filters[f].label);
          zr_json_double (json, worst[k][f]);
        }
      zr_json_end_object (json);
      zr_json_end_object (json);
      g_array_unref (times[k]);
      g_array_unref (cpu[k]);
    }
  zr_json_end_object (json);

  g_print ("\n%-34s %9s %9s %9s %11s\n", "once per change of the library", "p50 ms", "p95 ms", "max ms", "cpu p95 ms");
  {
    struct { const char *label; const char *key; GArray *wall, *cpu; } extra[] = {
      { "cold stats_query (build + count)", "cold_stats_query", cold_wall, cold_cpu },
      { "build facts only", "build_facts", build_wall, build_cpu },
      { "sql stats_query (no facts)", "sql_stats_query", sql_wall, sql_cpu },
    };
    for (guint e = 0; e < G_N_ELEMENTS (extra); e++)
      {
        double p50 = percentile (extra[e].wall, 0.50);
        double p95 = percentile (extra[e].wall, 0.95);
        double max = percentile (extra[e].wall, 1.0);
        double cpu95 = percentile (extra[e].cpu, 0.95);

        g_print ("%-34s %9.2f %9.2f %9.2f %11.2f\n", extra[e].label, p50, p95, max, cpu95);
        zr_json_key (json, extra[e].key);
        zr_json_begin_object (json);
        zr_json_key (json, "p50_ms");
        zr_json_double (json, p50);
        zr_json_key (json, "p95_ms");
        zr_json_double (json, p95);
        zr_json_key (json, "max_ms");
        zr_json_double (json, max);
        zr_json_key (json, "cpu_p95_ms");
        zr_json_double (json, cpu95);
        zr_json_end_object (json);
      }
  }
  g_print ("facts in memory: %.1f MB\n", facts_bytes / 1e6);
  zr_json_key (json, "facts_bytes");
  zr_json_int (json, (gint64) facts_bytes);
  zr_json_key (json, "each_kind_p95_under_target");
  zr_json_bool (json, all_ok);
  zr_json_end_object (json);
  text = zr_json_steal (json);
  if (!g_file_set_contents (json_path, text, -1, &error))
    g_printerr ("bench-stats: %s\n", error->message);
  else
    g_print ("\nJSON written to %s\n", json_path);

  g_clear_object (&db);
  if (keep_path != NULL)
    g_rmdir (dir);
  else
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  return 0;
}
