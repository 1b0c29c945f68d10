/* test-stats.c: statistics of a filter against brute-force counts, and of
 * one article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "zr-classifier.h"
#include "zr-facts.h"
#include "zr-figures.h"
#include "zr-library.h"
#include "zr-quotes.h"
#include "zr-search.h"
#include "zr-stats.h"

#define N_SOURCES 30
#define N_RECORDS 1500

static const char *reporters[] = {
  "谭晓雯", "周建国", "李思远", "贺一鸣", "刘芳菲", "王卫东", "陈静", "易小川", "邓海波", "罗佳", "黄志强", "彭丽",
};
static const char *speakers[] = {
  "赵明亮", "孙桂兰", "市民", "该负责人", "钱立新", "吴晓燕", "郑国强", "冯雪",
};

/* Body text: one of these places in a sentence, so a search for one finds
 * a known part of the library. */
static const char *places[] = {
  "便民驿站", "口袋公园", "停车泊位", "老旧小区", "夜市街区", "充电桩",
};

typedef struct
{
  gint64       id;
  guint        source;
  const char  *district;      /* may be NULL */
  guint        chars;
  guint        n_topics;
  const char  *topics[3];
  guint        n_bylines;
  const char  *bylines[4];
  guint        n_quotes;
  const char  *quotes[4];     /* speakers, may be NULL */
  const char  *place;
} GenRecord;

typedef struct
{
  char       *dir;
  char       *path;
  ZrDatabase *db;
  char        source_names[N_SOURCES][32];
  char        source_dates[N_SOURCES][16];
  GenRecord   records[N_RECORDS];
} Fixture;

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  char *msg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &msg);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

static sqlite3_stmt *
prep (sqlite3    *db,
      const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  return stmt;
}

static void
step_done (sqlite3_stmt *stmt)
{
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (4121);
  const char * const *districts = zr_classifier_list_districts ();
  const char * const *topics = zr_classifier_list_topics ();
  guint n_districts = g_strv_length ((char **) districts);
  guint n_topics = g_strv_length ((char **) topics);
  guint positions[N_SOURCES] = { 0 };
  sqlite3 *db;
  sqlite3_stmt *ins_source, *ins_record, *ins_topic, *ins_byline, *ins_quote, *ins_para;

  fx->dir = g_dir_make_tmp ("zr-stats-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "library.db", NULL);
  fx->db = zr_database_open (fx->path, &error);
  g_assert_no_error (error);
  db = zr_database_get_handle (fx->db);

  exec_ok (db, "BEGIN");
  ins_source = prep (db, "INSERT INTO sources (id, path, name, content_hash, encoding, size, imported_at, page_date, page_number) "
                         "VALUES (?, ?, ?, 'x', 'UTF-8', 1, 0, ?, ?)");
  for (guint s = 0; s < N_SOURCES; s++)
    {
      g_autofree char *path = NULL;

      /* two pages a day: ties in page date are broken by name */
      g_snprintf (fx->source_dates[s], sizeof fx->source_dates[s], "2023-03-%02u", 1 + (N_SOURCES - s) / 2);
      g_snprintf (fx->source_names[s], sizeof fx->source_names[s], "株洲日报_%s_%02u.txt",
                  fx->source_dates[s], 1 + s % 2);
      path = g_strdup_printf ("/pages/%s", fx->source_names[s]);
      sqlite3_bind_int (ins_source, 1, (int) s + 1);
      sqlite3_bind_text (ins_source, 2, path, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (ins_source, 3, fx->source_names[s], -1, SQLITE_STATIC);
      sqlite3_bind_text (ins_source, 4, fx->source_dates[s], -1, SQLITE_STATIC);
      sqlite3_bind_int (ins_source, 5, 1 + s % 2);
      step_done (ins_source);
    }

  ins_record = prep (db, "INSERT INTO records (id, source_id, position, kind, headline, chars, district, primary_topic) "
                         "VALUES (?, ?, ?, 'article', ?, ?, ?, ?)");
  ins_topic = prep (db, "INSERT INTO record_topics (record_id, topic, is_primary) VALUES (?, ?, ?)");
  ins_byline = prep (db, "INSERT INTO bylines (record_id, position, name, role) VALUES (?, ?, ?, '记者')");
  ins_quote = prep (db, "INSERT INTO quotes (record_id, position, paragraph, start_offset, end_offset, text, speaker) "
                        "VALUES (?, ?, 0, 0, 4, '说的话', ?)");
  ins_para = prep (db, "INSERT INTO paragraphs (record_id, position, kind, text) VALUES (?, 0, 'body', ?)");
  for (guint i = 0; i < N_RECORDS; i++)
    {
      GenRecord *r = &fx->records[i];
      g_autofree char *headline = g_strdup_printf ("标题%u", i);

      r->id = 1000 + i * 3;   /* ids that are not positions */
      /* skewed: the first sources get more stories */
      r->source = (guint) MIN (g_rand_int_range (rand, 0, N_SOURCES), g_rand_int_range (rand, 0, N_SOURCES));
      r->district = g_rand_int_range (rand, 0, 30) == 0 ? NULL
                    : districts[MIN (g_rand_int_range (rand, 0, n_districts), g_rand_int_range (rand, 0, n_districts))];
      r->chars = g_rand_int_range (rand, 40, 3000);
      r->n_topics = g_rand_int_range (rand, 1, 4);
      for (guint t = 0; t < r->n_topics; t++)
        {
          const char *topic;
          gboolean dup;
          do
            {
              topic = topics[g_rand_int_range (rand, 0, t == 0 ? 5 : n_topics)];
              dup = FALSE;
              for (guint k = 0; k < t; k++)
                dup |= topic == r->topics[k];
            }
          while (dup);
          r->topics[t] = topic;
        }
      r->n_bylines = g_rand_int_range (rand, 0, 4);
      for (guint b = 0; b < r->n_bylines; b++)
        r->bylines[b] = reporters[MIN (g_rand_int_range (rand, 0, G_N_ELEMENTS (reporters)),
                                       g_rand_int_range (rand, 0, G_N_ELEMENTS (reporters)))];
      r->n_quotes = g_rand_int_range (rand, 0, 5);
      for (guint q = 0; q < r->n_quotes; q++)
        r->quotes[q] = g_rand_int_range (rand, 0, 6) == 0 ? NULL
                       : speakers[g_rand_int_range (rand, 0, G_N_ELEMENTS (speakers))];

      r->place = places[g_rand_int_range (rand, 0, G_N_ELEMENTS (places))];

      sqlite3_bind_int64 (ins_record, 1, r->id);
      sqlite3_bind_int (ins_record, 2, (int) r->source + 1);
      sqlite3_bind_int (ins_record, 3, (int) positions[r->source]++);
      sqlite3_bind_text (ins_record, 4, headline, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (ins_record, 5, (int) r->chars);
      if (r->district != NULL)
        sqlite3_bind_text (ins_record, 6, r->district, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (ins_record, 6);
      sqlite3_bind_text (ins_record, 7, r->topics[0], -1, SQLITE_STATIC);
      step_done (ins_record);

      {
        g_autofree char *body = g_strdup_printf ("今年第%u批%s项目近日完工，街坊们都来看了看。", i % 7 + 1, r->place);
        sqlite3_bind_int64 (ins_para, 1, r->id);
        sqlite3_bind_text (ins_para, 2, body, -1, SQLITE_TRANSIENT);
        step_done (ins_para);
      }
      for (guint t = 0; t < r->n_topics; t++)
        {
          sqlite3_bind_int64 (ins_topic, 1, r->id);
          sqlite3_bind_text (ins_topic, 2, r->topics[t], -1, SQLITE_STATIC);
          sqlite3_bind_int (ins_topic, 3, t == 0);
          step_done (ins_topic);
        }
      for (guint b = 0; b < r->n_bylines; b++)
        {
          sqlite3_bind_int64 (ins_byline, 1, r->id);
          sqlite3_bind_int (ins_byline, 2, (int) b);
          sqlite3_bind_text (ins_byline, 3, r->bylines[b], -1, SQLITE_STATIC);
          step_done (ins_byline);
        }
      for (guint q = 0; q < r->n_quotes; q++)
        {
          sqlite3_bind_int64 (ins_quote, 1, r->id);
          sqlite3_bind_int (ins_quote, 2, (int) q);
          if (r->quotes[q] != NULL)
            sqlite3_bind_text (ins_quote, 3, r->quotes[q], -1, SQLITE_STATIC);
          else
            sqlite3_bind_null (ins_quote, 3);
          step_done (ins_quote);
        }
    }
  sqlite3_finalize (ins_source);
  sqlite3_finalize (ins_record);
  sqlite3_finalize (ins_topic);
  sqlite3_finalize (ins_byline);
  sqlite3_finalize (ins_quote);
  sqlite3_finalize (ins_para);
  exec_ok (db, "COMMIT");
  g_assert_true (zr_search_rebuild (fx->db, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fx->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fx->path, "-shm", NULL);

  g_clear_object (&fx->db);
  g_unlink (fx->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

/* Brute force */

static gboolean
in_list (const char * const *list,
         const char         *value)
{
  if (list == NULL || list[0] == NULL)
    return TRUE;
  return value != NULL && g_strv_contains (list, value);
}

static gboolean
has_any_topic (const GenRecord    *r,
               const char * const *topics)
{
  if (topics == NULL || topics[0] == NULL)
    return TRUE;
  for (guint t = 0; t < r->n_topics; t++)
    if (g_strv_contains (topics, r->topics[t]))
      return TRUE;
  return FALSE;
}

/* The search part: the words of the queries used here occur only in the
 * place names of the body text. */
static gboolean
has_query (const GenRecord *r,
           const char      *query)
{
  return query == NULL || strstr (r->place, query) != NULL;
}

static gboolean
matches (const GenRecord    *r,
         const char * const *districts,
         const char * const *topics,
         const char         *query)
{
  return in_list (districts, r->district) && has_any_topic (r, topics) && has_query (r, query);
}

static ZrFilter *
make_filter (const char * const *districts,
             const char * const *topics)
{
  ZrFilter *f = zr_filter_new ();
  if (districts != NULL)
    zr_filter_set_districts (f, districts);
  if (topics != NULL)
    zr_filter_set_topics (f, topics);
  return f;
}

static void
assert_facets_equal (GPtrArray  *got,
                     GPtrArray  *expected,
                     const char *what)
{
  g_test_message ("%s: %u entries", what, expected->len);
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    {
      const ZrFacet *g = got->pdata[i], *e = expected->pdata[i];
      g_assert_cmpstr (g->name, ==, e->name);
      g_assert_cmpuint (g->count, ==, e->count);
    }
}

/* The first @n of @all. */
static void
assert_facets_prefix (GPtrArray *got,
                      GPtrArray *all,
                      guint      n)
{
  g_autoptr(GPtrArray) cut = g_ptr_array_new ();
  for (guint i = 0; i < MIN (n, all->len); i++)
    g_ptr_array_add (cut, all->pdata[i]);
  assert_facets_equal (got, cut, "top");
}

typedef struct
{
  const char *name;
  guint       count;
  const char *date;     /* by source: tie breakers */
  guint       index;
} Expect;

static gint
expect_cmp (gconstpointer a,
            gconstpointer b)
{
  const Expect *x = a, *y = b;
  int c;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  if ((c = g_strcmp0 (x->date, y->date)) != 0)
    return c;
  if ((c = strcmp (x->name, y->name)) != 0)
    return c;
  return x->index < y->index ? -1 : x->index > y->index;
}

static void
assert_ranked (GPtrArray  *got,
               GArray     *expected,
               const char *what)
{
  guint n = 0;

  g_array_sort (expected, expect_cmp);
  for (guint i = 0; i < expected->len; i++)
    if (g_array_index (expected, Expect, i).count > 0)
      n++;
  g_test_message ("%s: %u entries", what, n);
  g_assert_cmpuint (got->len, ==, n);
  for (guint i = 0; i < got->len; i++)
    {
      const ZrFacet *f = got->pdata[i];
      const Expect *e = &g_array_index (expected, Expect, i);
      g_assert_cmpstr (f->name, ==, e->name);
      g_assert_cmpuint (f->count, ==, e->count);
    }
}

static GArray *
tally_names (const char * const *pool,
             guint               n_pool)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (Expect));
  for (guint i = 0; i < n_pool; i++)
    {
      Expect e = { pool[i], 0, NULL, i };
      g_array_append_val (a, e);
    }
  return a;
}

static void
bump (GArray     *a,
      const char *name,
      guint       by)
{
  for (guint i = 0; i < a->len; i++)
    if (g_str_equal (g_array_index (a, Expect, i).name, name))
      {
        g_array_index (a, Expect, i).count += by;
        return;
      }
  g_assert_not_reached ();
}

static void
check_filter (Fixture            *fx,
              const char * const *districts,
              const char * const *topics,
              const char         *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrFilter) filter = make_filter (districts, topics);
  g_autoptr(ZrStats) sql = NULL;
  g_autoptr(GPtrArray) by_district = NULL;
  g_autoptr(GPtrArray) by_topic = NULL;
  g_autoptr(GPtrArray) reporters_got = NULL;
  g_autoptr(GPtrArray) speakers_got = NULL;
  g_autoptr(GPtrArray) sources_got = NULL;
  g_autoptr(ZrStats) stats = NULL;
  g_autoptr(GArray) rep = tally_names (reporters, G_N_ELEMENTS (reporters));
  g_autoptr(GArray) spk = tally_names (speakers, G_N_ELEMENTS (speakers));
  g_autoptr(GArray) src = g_array_new (FALSE, TRUE, sizeof (Expect));
  const char * const *all_districts = zr_classifier_list_districts ();
  const char * const *all_topics = zr_classifier_list_topics ();
  guint articles = 0, got_articles = 0;
  guint64 chars = 0, got_chars = 0;

  zr_filter_set_query (filter, query);
  for (guint s = 0; s < N_SOURCES; s++)
    {
      Expect e = { fx->source_names[s], 0, fx->source_dates[s], s };
      g_array_append_val (src, e);
    }
  for (guint i = 0; i < N_RECORDS; i++)
    {
      const GenRecord *r = &fx->records[i];
      if (!matches (r, districts, topics, query))
        continue;
      articles++;
      chars += r->chars;
      g_array_index (src, Expect, r->source).count++;
      for (guint b = 0; b < r->n_bylines; b++)
        {
          gboolean earlier = FALSE;
          for (guint k = 0; k < b; k++)
            earlier |= g_str_equal (r->bylines[k], r->bylines[b]);
          if (!earlier)
            bump (rep, r->bylines[b], 1);
        }
      for (guint q = 0; q < r->n_quotes; q++)
        if (r->quotes[q] != NULL)
          bump (spk, r->quotes[q], 1);
    }
  g_assert_cmpuint (articles, >, 0);

  /* totals */
  g_assert_true (zr_stats_count_articles (fx->db, filter, &got_articles, &got_chars, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (got_articles, ==, articles);
  g_assert_cmpuint (got_chars, ==, chars);

  /* by district: the filter's own districts ignored, every district listed */
  by_district = zr_stats_count_by_district (fx->db, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_district->len, ==, g_strv_length ((char **) all_districts));
  for (guint d = 0; all_districts[d] != NULL; d++)
    {
      const ZrFacet *f = by_district->pdata[d];
      guint n = 0;
      for (guint i = 0; i < N_RECORDS; i++)
        if (g_strcmp0 (fx->records[i].district, all_districts[d]) == 0 &&
            has_any_topic (&fx->records[i], topics) && has_query (&fx->records[i], query))
          n++;
      g_assert_cmpstr (f->name, ==, all_districts[d]);
      g_assert_cmpuint (f->count, ==, n);
    }

  /* by topic: the filter's own topics ignored, a record counts per topic */
  by_topic = zr_stats_count_by_topic (fx->db, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_topic->len, ==, g_strv_length ((char **) all_topics));
  for (guint t = 0; all_topics[t] != NULL; t++)
    {
      const ZrFacet *f = by_topic->pdata[t];
      const char *one[] = { all_topics[t], NULL };
      guint n = 0;
      for (guint i = 0; i < N_RECORDS; i++)
        if (matches (&fx->records[i], districts, one, query))
          n++;
      g_assert_cmpstr (f->name, ==, all_topics[t]);
      g_assert_cmpuint (f->count, ==, n);
    }

  reporters_got = zr_stats_top_reporters (fx->db, filter, 0, &error);
  g_assert_no_error (error);
  assert_ranked (reporters_got, rep, "reporters");
  speakers_got = zr_stats_top_speakers (fx->db, filter, 0, &error);
  g_assert_no_error (error);
  assert_ranked (speakers_got, spk, "speakers");
  sources_got = zr_stats_by_source (fx->db, filter, 0, &error);
  g_assert_no_error (error);
  assert_ranked (sources_got, src, "sources");

  /* all at once, top lists cut to ZR_STATS_TOP_N */
  stats = zr_stats_query (fx->db, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->articles, ==, articles);
  g_assert_cmpuint (stats->chars, ==, chars);
  g_assert_cmpuint (stats->reading_minutes, ==, (chars + 399) / 400);
  g_assert_cmpuint (stats->by_district->len, ==, by_district->len);
  for (guint i = 0; i < by_district->len; i++)
    g_assert_cmpuint (((ZrFacet *) stats->by_district->pdata[i])->count, ==,
                      ((ZrFacet *) by_district->pdata[i])->count);
  for (guint i = 0; i < by_topic->len; i++)
    g_assert_cmpuint (((ZrFacet *) stats->by_topic->pdata[i])->count, ==,
                      ((ZrFacet *) by_topic->pdata[i])->count);
  g_assert_cmpuint (stats->top_reporters->len, ==, MIN (reporters_got->len, ZR_STATS_TOP_N));
  for (guint i = 0; i < stats->top_reporters->len; i++)
    g_assert_cmpstr (((ZrFacet *) stats->top_reporters->pdata[i])->name, ==,
                     ((ZrFacet *) reporters_got->pdata[i])->name);
  g_assert_cmpuint (stats->top_speakers->len, ==, MIN (speakers_got->len, ZR_STATS_TOP_N));
  g_assert_cmpuint (stats->by_source->len, ==, MIN (sources_got->len, ZR_STATS_TOP_N));
  for (guint i = 0; i < stats->by_source->len; i++)
    g_assert_cmpstr (((ZrFacet *) stats->by_source->pdata[i])->name, ==,
                     ((ZrFacet *) sources_got->pdata[i])->name);

  /* the SQL reference (no cache) agrees entry by entry */
  sql = _zr_stats_query_sql (fx->db, filter, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sql->articles, ==, articles);
  g_assert_cmpuint (sql->chars, ==, chars);
  assert_facets_equal (by_district, sql->by_district, "districts (sql)");
  assert_facets_equal (by_topic, sql->by_topic, "topics (sql)");
  assert_facets_equal (reporters_got, sql->top_reporters, "reporters (sql)");
  assert_facets_equal (speakers_got, sql->top_speakers, "speakers (sql)");
  assert_facets_equal (sources_got, sql->by_source, "sources (sql)");
  assert_facets_prefix (stats->top_reporters, sql->top_reporters, ZR_STATS_TOP_N);
  assert_facets_prefix (stats->top_speakers, sql->top_speakers, ZR_STATS_TOP_N);
  assert_facets_prefix (stats->by_source, sql->by_source, ZR_STATS_TOP_N);
}

static void
test_no_filter (Fixture       *fx,
                gconstpointer  data)
{
  check_filter (fx, NULL, NULL, NULL);
}

static void
test_one_district (Fixture       *fx,
                   gconstpointer  data)
{
  const char *d[] = { "石峰区", NULL };
  check_filter (fx, d, NULL, NULL);
}

static void
test_two_districts (Fixture       *fx,
                    gconstpointer  data)
{
  const char *d[] = { "荷塘区", "醴陵市", NULL };
  check_filter (fx, d, NULL, NULL);
}

static void
test_topic (Fixture       *fx,
            gconstpointer  data)
{
  const char *t[] = { "城市管理", NULL };
  check_filter (fx, NULL, t, NULL);
}

static void
test_district_topic (Fixture       *fx,
                     gconstpointer  data)
{
  const char *d[] = { "芦淞区", NULL };
  const char *t[] = { "党建", "政务服务", NULL };
  check_filter (fx, d, t, NULL);
}

static void
test_two_topics (Fixture       *fx,
                 gconstpointer  data)
{
  const char *t[] = { "城市管理", "教育", NULL };
  check_filter (fx, NULL, t, NULL);
}

static void
test_search (Fixture       *fx,
             gconstpointer  data)
{
  check_filter (fx, NULL, NULL, "驿站");
}

static void
test_search_district (Fixture       *fx,
                      gconstpointer  data)
{
  const char *d[] = { "荷塘区", "石峰区", NULL };
  check_filter (fx, d, NULL, "公园");
}

static void
test_search_district_topic (Fixture       *fx,
                            gconstpointer  data)
{
  const char *d[] = { "芦淞区", "天元区", "醴陵市", NULL };
  const char *t[] = { "城市管理", "党建", "政务服务", NULL };
  check_filter (fx, d, t, "泊位");
}

/* zr_stats_query() and the SQL reference give the same stats. */
static void
assert_stats_match_sql (ZrDatabase     *db,
                        const ZrFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrStats) got = zr_stats_query (db, filter, &error);
  g_autoptr(ZrStats) sql = NULL;

  g_assert_no_error (error);
  sql = _zr_stats_query_sql (db, filter, ZR_STATS_TOP_N, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->articles, ==, sql->articles);
  g_assert_cmpuint (got->chars, ==, sql->chars);
  g_assert_cmpuint (got->reading_minutes, ==, sql->reading_minutes);
  assert_facets_equal (got->by_district, sql->by_district, "districts");
  assert_facets_equal (got->by_topic, sql->by_topic, "topics");
  assert_facets_equal (got->top_reporters, sql->top_reporters, "reporters");
  assert_facets_equal (got->top_speakers, sql->top_speakers, "speakers");
  assert_facets_equal (got->by_source, sql->by_source, "sources");
}

static guint
facet_count (GPtrArray  *facets,
             const char *name)
{
  for (guint i = 0; i < facets->len; i++)
    if (g_str_equal (((ZrFacet *) facets->pdata[i])->name, name))
      return ((ZrFacet *) facets->pdata[i])->count;
  return 0;
}

/* The facts are kept while nothing changes, and dropped when something does. */
static void
test_cache_reused (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrFacts) a = zr_facts_dup_for_database (fx->db, &error);
  g_autoptr(ZrFacts) b = NULL;
  g_autoptr(ZrFacts) c = NULL;
  guint64 generation;

  g_assert_no_error (error);
  g_assert_cmpuint (zr_facts_get_n_records (a), ==, N_RECORDS);
  g_assert_cmpuint (zr_facts_get_n_sources (a), ==, N_SOURCES);
  g_assert_cmpuint (zr_facts_get_n_names (a), ==, G_N_ELEMENTS (reporters) + G_N_ELEMENTS (speakers));
  b = zr_facts_dup_for_database (fx->db, &error);
  g_assert_no_error (error);
  g_assert_true (a == b);

  /* a read is not a write */
  generation = zr_database_get_generation (fx->db);
  g_assert_true (zr_database_exec (fx->db, "SELECT count(*) FROM records", &error));
  g_assert_cmpuint (zr_database_get_generation (fx->db), ==, generation);
  g_assert_true (zr_database_exec (fx->db, "UPDATE settings SET value = 'x' WHERE key = 'nothing'", &error));
  g_assert_cmpuint (zr_database_get_generation (fx->db), ==, generation);

  g_assert_true (zr_database_begin (fx->db, &error));
  g_assert_true (zr_database_exec (fx->db, "INSERT INTO settings VALUES ('stats-test', '1')", &error));
  g_assert_true (zr_database_commit (fx->db, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (zr_database_get_generation (fx->db), >, generation);
  c = zr_facts_dup_for_database (fx->db, &error);
  g_assert_no_error (error);
  g_assert_true (c != a);
  g_assert_cmpuint (zr_facts_get_n_records (c), ==, N_RECORDS);
}

static const char fresh_page[] =
  "## 天元区 滨江步道添了一批健身器材\n\n"
  "株洲日报讯(全媒体记者/龙思琪) 日前,天元区滨江风光带新装健身器材26件,沿江晨练的人多了起来。\n\n"
  "“早上跑完步,顺手还能拉一拉筋。”家住附近的欧阳春笑着说。\n\n"
  "## 渌口区 南洲镇早稻开镰\n\n"
  "株洲日报讯(记者/曾凡宇) 眼下正是早稻收割时节,渌口区南洲镇800余亩稻田里,收割机来回忙个不停。\n\n"
  "“今年雨水匀,亩产比去年多了五十来斤。”种粮大户肖满仓说。\n";

/* An import on the same connection shows at once. */
static void
test_stale_after_import (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrClassifier) classifier = zr_classifier_new_default (&error);
  g_autoptr(ZrLibrary) library = NULL;
  g_autoptr(ZrStats) before = NULL;
  g_autoptr(ZrStats) after = NULL;
  g_autofree char *page = g_build_filename (fx->dir, "株洲日报_2023-04-02_03.txt", NULL);
  gboolean unchanged = TRUE;
  guint records = 0;

  g_assert_no_error (error);
  library = zr_library_new (fx->db, classifier);
  before = zr_stats_query (fx->db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->articles, ==, N_RECORDS);

  g_assert_true (g_file_set_contents (page, fresh_page, -1, &error));
  g_assert_true (zr_library_import_file (library, page, NULL, &unchanged, &records, &error));
  g_assert_no_error (error);
  g_assert_false (unchanged);
  g_assert_cmpuint (records, >=, 2);

  after = zr_stats_query (fx->db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->articles, ==, N_RECORDS + records);
  g_assert_cmpuint (after->chars, >, before->chars);
  g_assert_cmpuint (facet_count (after->by_district, "天元区"), >, facet_count (before->by_district, "天元区"));
  assert_stats_match_sql (fx->db, NULL);
  g_unlink (page);
}

/* A commit by another connection (the CLI importing while the reader is
 * open) shows too. */
static void
test_stale_after_other_connection (Fixture       *fx,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) other = NULL;
  g_autoptr(ZrStats) before = NULL;
  g_autoptr(ZrStats) after = NULL;
  g_autoptr(GPtrArray) reporters_after = NULL;
  const char *d[] = { "石峰区", NULL };
  g_autoptr(ZrFilter) filter = make_filter (d, NULL);

  before = zr_stats_query (fx->db, filter, &error);
  g_assert_no_error (error);

  other = zr_database_open (fx->path, &error);
  g_assert_no_error (error);
  g_assert_true (zr_database_begin (other, &error));
  g_assert_true (zr_database_exec (other,
                                   "INSERT INTO records (id, source_id, position, kind, headline, chars, district, primary_topic) "
                                   "VALUES (999999, 1, 9999, 'article', '新稿', 777, '石峰区', '城市管理');"
                                   "INSERT INTO record_topics VALUES (999999, '城市管理', 1, 1);"
                                   "INSERT INTO bylines VALUES (999999, 0, '新来的记者', '记者');", &error));
  g_assert_true (zr_database_commit (other, &error));
  g_assert_no_error (error);

  after = zr_stats_query (fx->db, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->articles, ==, before->articles + 1);
  g_assert_cmpuint (after->chars, ==, before->chars + 777);
  g_assert_cmpuint (facet_count (after->by_district, "石峰区"), ==, facet_count (before->by_district, "石峰区") + 1);
  g_assert_cmpuint (facet_count (after->by_topic, "城市管理"), ==, facet_count (before->by_topic, "城市管理") + 1);
  reporters_after = zr_stats_top_reporters (fx->db, filter, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (facet_count (reporters_after, "新来的记者"), ==, 1);
  assert_stats_match_sql (fx->db, filter);
}

/* Writes through the raw handle and inside a transaction, rolled back. */
static void
test_stale_raw_and_rollback (Fixture       *fx,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint articles = 0, n = 0;
  guint64 chars = 0, c = 0;

  g_assert_true (zr_stats_count_articles (fx->db, NULL, &articles, &chars, &error));
  exec_ok (zr_database_get_handle (fx->db), "UPDATE records SET chars = chars + 5 WHERE id = 1000");
  g_assert_true (zr_stats_count_articles (fx->db, NULL, &n, &c, &error));
  g_assert_cmpuint (n, ==, articles);
  g_assert_cmpuint (c, ==, chars + 5);

  g_assert_true (zr_database_begin (fx->db, &error));
  g_assert_true (zr_database_exec (fx->db, "DELETE FROM records WHERE id = 1003", &error));
  g_assert_true (zr_stats_count_articles (fx->db, NULL, &n, &c, &error));
  g_assert_cmpuint (n, ==, articles - 1);
  zr_database_rollback (fx->db);
  g_assert_true (zr_stats_count_articles (fx->db, NULL, &n, &c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, articles);
  g_assert_cmpuint (c, ==, chars + 5);
}

/* A library with more topic names than the facts have bits: filters on
 * the lumped ones are answered with SQL, the others from the facts, all
 * exactly. */
static void
test_many_topics (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrFacts) facts = NULL;
  sqlite3 *h = zr_database_get_handle (fx->db);
  guint lumped = 0;

  exec_ok (h, "BEGIN");
  for (guint k = 0; k < 40; k++)
    for (guint i = 0; i <= k % 5; i++)
      {
        g_autofree char *sql = g_strdup_printf ("INSERT OR IGNORE INTO record_topics VALUES (%u, '自定话题%02u', 0, 1)",
                                                1000 + 3 * (k * 7 + i * 11), k);
        exec_ok (h, sql);
      }
  exec_ok (h, "COMMIT");

  facts = zr_facts_dup_for_database (fx->db, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < 40; k++)
    {
      g_autofree char *name = g_strdup_printf ("自定话题%02u", k);
      const char *t[] = { name, NULL };
      const char *d[] = { "荷塘区", "石峰区", "芦淞区", "天元区", NULL };
      g_autoptr(ZrFilter) filter = make_filter (NULL, t);
      g_autoptr(ZrFilter) with_districts = make_filter (d, t);
      guint n = 0;

      if (!zr_facts_can_answer (facts, filter))
        lumped++;
      g_assert_true (zr_stats_count_articles (fx->db, filter, &n, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, k % 5 + 1);
      assert_stats_match_sql (fx->db, filter);
      assert_stats_match_sql (fx->db, with_districts);
    }
  g_assert_cmpuint (lumped, >, 0);
  g_assert_cmpuint (lumped, <, 40);
}

static void
test_empty_result (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *d[] = { "不存在的区", NULL };
  g_autoptr(ZrFilter) filter = make_filter (d, NULL);
  g_autoptr(ZrStats) stats = zr_stats_query (fx->db, filter, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (stats->articles, ==, 0);
  g_assert_cmpuint (stats->chars, ==, 0);
  g_assert_cmpuint (stats->reading_minutes, ==, 0);
  g_assert_cmpuint (stats->top_reporters->len, ==, 0);
  g_assert_cmpuint (stats->top_speakers->len, ==, 0);
  g_assert_cmpuint (stats->by_source->len, ==, 0);
  /* the district counts ignore the district filter: they are not empty */
  g_assert_cmpuint (stats->by_district->len, ==, 11);
  g_assert_cmpuint (((ZrFacet *) stats->by_district->pdata[0])->count, >, 0);
}

/* The JSON of `stats --json` carries the same numbers. */
static void
test_json (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrStats) stats = zr_stats_query (fx->db, NULL, &error);
  ZrJson *json = zr_json_new (FALSE);
  g_autofree char *text = NULL;
  sqlite3 *mem = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  zr_stats_write_json (stats, json);
  text = zr_json_steal (json);   /* frees the writer */
  g_assert_cmpint (sqlite3_open (":memory:", &mem), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (mem,
                                       "SELECT json_valid(?1), json_extract(?1, '$.articles'), "
                                       "json_extract(?1, '$.chars'), json_extract(?1, '$.by_district.石峰区'), "
                                       "json_extract(?1, '$.top_reporters[0].name')", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, N_RECORDS);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 2), ==, (gint64) stats->chars);
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, ((ZrFacet *) stats->by_district->pdata[2])->count);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==,
                   ((ZrFacet *) stats->top_reporters->pdata[0])->name);
  sqlite3_finalize (stmt);
  sqlite3_close (mem);
}

/* The search part of a filter, on a small library indexed for real. */
static void
test_query (void)
{
  static const char *texts[] = {
    "荷塘区新建建宁驿站三座", "石峰区清水塘老工业区改造", "驿站里有热水和充电宝", "天元区新增停车泊位",
    "芦淞区服装城夜市开张", "城管驿站二十四小时开放",
  };
  static const char *dists[] = { "荷塘区", "石峰区", "荷塘区", "天元区", "芦淞区", "石峰区" };
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = zr_database_open (":memory:", &error);
  g_autofree char *match = zr_search_build_match ("驿站");
  g_autoptr(ZrFilter) filter = zr_filter_new ();
  g_autoptr(ZrStats) stats = NULL;
  sqlite3 *h;

  g_assert_no_error (error);
  g_assert_nonnull (match);
  h = zr_database_get_handle (db);
  exec_ok (h, "INSERT INTO sources (id, path, name, content_hash, encoding, size, imported_at) "
              "VALUES (1, '/p/a.txt', 'a.txt', 'x', 'UTF-8', 1, 0)");
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(ZrRecord) record = zr_record_new (ZR_RECORD_KIND_ARTICLE);
      g_autofree char *sql = g_strdup_printf ("INSERT INTO records (id, source_id, position, kind, headline, chars, district, primary_topic) "
                                              "VALUES (%u, 1, %u, 'article', 'h', %u, '%s', '城市管理');"
                                              "INSERT INTO record_topics VALUES (%u, '城市管理', 1, 1);"
                                              "INSERT INTO paragraphs (record_id, position, kind, text) "
                                              "VALUES (%u, 0, 'body', '%s');",
                                              i + 1, i, 100 * (i + 1), dists[i], i + 1, i + 1, texts[i]);
      exec_ok (h, sql);
      record->headline = g_strdup ("标题");
      g_ptr_array_add (record->paragraphs, zr_paragraph_new (ZR_PARAGRAPH_KIND_BODY, texts[i], 0));
      g_assert_true (zr_search_index_record (db, i + 1, record, &error));
      g_assert_no_error (error);
    }

  /* 驿站 is in records 1, 3 and 6 (the index reads the stored paragraphs) */
  zr_filter_set_query (filter, "驿站");
  stats = zr_stats_query (db, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->articles, ==, 3);
  g_assert_cmpuint (stats->chars, ==, 100 + 300 + 600);
  g_assert_cmpuint (((ZrFacet *) stats->by_district->pdata[0])->count, ==, 2);   /* 荷塘区 */
  g_assert_cmpuint (((ZrFacet *) stats->by_district->pdata[2])->count, ==, 1);   /* 石峰区 */
  g_assert_cmpuint (((ZrFacet *) stats->by_district->pdata[3])->count, ==, 0);   /* 天元区 */
  g_assert_cmpuint (((ZrFacet *) stats->by_topic->pdata[0])->count, ==, 3);      /* 城市管理 */
}

/* Stats of one hand-built article. */
static void
test_article (void)
{
  g_autoptr(ZrArticle) article = g_new0 (ZrArticle, 1);
  g_autoptr(ZrArticleStats) s = NULL;
  g_autoptr(ZrArticleStats) s2 = NULL;
  ZrRecord *record = zr_record_new (ZR_RECORD_KIND_ARTICLE);
  const char *mentioned[] = { "渌口区", "天元区", NULL };

  record->headline = g_strdup ("渌口区新建标准厂房");
  g_ptr_array_add (record->paragraphs, zr_paragraph_new (ZR_PARAGRAPH_KIND_BODY,
                   "园区今年新建标准厂房12栋，总面积达8.6万平方米。", 0));
  g_ptr_array_add (record->paragraphs, zr_paragraph_new (ZR_PARAGRAPH_KIND_SUBHEAD, "审批提速", 30));
  g_ptr_array_add (record->paragraphs, zr_paragraph_new (ZR_PARAGRAPH_KIND_BODY,
                   "“以前要跑好几趟，现在一次就办好了。”企业负责人刘海洋说。", 35));
  g_ptr_array_add (record->paragraphs, zr_paragraph_new (ZR_PARAGRAPH_KIND_CAPTION, "新建成的厂房", 70));
  g_ptr_array_add (record->paragraphs, zr_paragraph_new (ZR_PARAGRAPH_KIND_BODY,
                   "“下一步还要再引进5家企业。”刘海洋表示。市民说“方便多了”。", 80));
  article->record = record;
  article->chars = 901;
  article->district = g_strdup ("渌口区");
  article->districts = g_strdupv ((char **) mentioned);
  article->quotes = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_quote_free);
  g_ptr_array_add (article->quotes, zr_quote_new (2, 1, 16, "以前要跑好几趟，现在一次就办好了。", "刘海洋", "企业负责人"));
  g_ptr_array_add (article->quotes, zr_quote_new (4, 1, 13, "下一步还要再引进5家企业。", "刘海洋", NULL));
  g_ptr_array_add (article->quotes, zr_quote_new (4, 23, 27, "方便多了", "市民", NULL));
  g_ptr_array_add (article->quotes, zr_quote_new (4, 30, 32, "好", NULL, NULL));

  s = zr_stats_for_article (article);
  g_assert_cmpuint (s->chars, ==, 901);
  g_assert_cmpuint (s->reading_minutes, ==, 3);    /* 901 / 400, rounded up */
  g_assert_cmpuint (s->paragraphs, ==, 3);         /* body only */
  g_assert_cmpuint (s->quotes, ==, 4);
  g_assert_cmpuint (g_strv_length (s->speakers), ==, 2);
  g_assert_cmpstr (s->speakers[0], ==, "刘海洋");
  g_assert_cmpstr (s->speakers[1], ==, "市民");
  g_assert_cmpuint (g_strv_length (s->districts), ==, 2);
  g_assert_cmpstr (s->districts[0], ==, "渌口区");
  g_assert_cmpstr (s->districts[1], ==, "天元区");
  /* no figures loaded with the article: extracted from its paragraphs */
  g_assert_cmpuint (s->figures->len, ==, 3);
  g_assert_cmpstr (((ZrFigure *) s->figures->pdata[0])->text, ==, "12栋");
  g_assert_cmpuint (((ZrFigure *) s->figures->pdata[0])->start, ==, 10);
  g_assert_cmpstr (((ZrFigure *) s->figures->pdata[0])->context, ==, "园区今年新建标准厂房12栋");
  g_assert_cmpstr (((ZrFigure *) s->figures->pdata[1])->text, ==, "8.6万平方米");
  g_assert_cmpstr (((ZrFigure *) s->figures->pdata[1])->context, ==, "总面积达8.6万平方米");
  g_assert_cmpstr (((ZrFigure *) s->figures->pdata[2])->text, ==, "5家");
  g_assert_cmpuint (((ZrFigure *) s->figures->pdata[2])->paragraph, ==, 4);

  /* figures the article already has are handed out as they are */
  article->figures = zr_figures_extract (record);
  s2 = zr_stats_for_article (article);
  g_assert_cmpuint (s2->figures->len, ==, 3);
  g_assert_true (s2->figures->pdata[1] == article->figures->pdata[1]);
  g_clear_pointer (&s2, zr_article_stats_free);
  g_assert_cmpstr (((ZrFigure *) article->figures->pdata[1])->text, ==, "8.6万平方米");
}

static void
test_reading_minutes (void)
{
  g_assert_cmpuint (ZR_READING_CHARS_PER_MINUTE, >=, 300);
  g_assert_cmpuint (ZR_READING_CHARS_PER_MINUTE, <=, 500);
  g_assert_cmpuint (zr_stats_reading_minutes (0), ==, 0);
  g_assert_cmpuint (zr_stats_reading_minutes (1), ==, 1);
  g_assert_cmpuint (zr_stats_reading_minutes (400), ==, 1);
  g_assert_cmpuint (zr_stats_reading_minutes (401), ==, 2);
  g_assert_cmpuint (zr_stats_reading_minutes (G_GUINT64_CONSTANT (40000000)), ==, 100000);
}

static GPtrArray *
facets_of (const char *first_name,
           ...)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_facet_free);
  va_list args;

  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    g_ptr_array_add (out, zr_facet_new (name, va_arg (args, guint)));
  va_end (args);
  return out;
}

/* The statistics as the CLI prints them and the panel copies them: one
 * core rendering, checked against text written here */
static void
test_text (void)
{
  g_autoptr(ZrStats) stats = g_new0 (ZrStats, 1);
  g_autoptr(ZrFilter) filter = zr_filter_new ();
  const char *districts[] = { "荷塘区", NULL };
  g_autofree char *csv = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *all = NULL;

  stats->articles = 3;
  stats->chars = 1234;
  stats->reading_minutes = 4;
  stats->by_district = facets_of ("荷塘区", 2u, "天元区", 0u, NULL);
  stats->by_topic = facets_of ("城市管理", 3u, NULL);
  stats->top_reporters = facets_of ("李\"四\"", 2u, "王, 小明", 1u, NULL);
  stats->top_speakers = facets_of (NULL);

  csv = zr_stats_dup_csv (stats);
  g_assert_cmpstr (csv, ==,
                   "section,name,count\r\n"
                   "total,articles,3\r\n"
                   "total,characters,1234\r\n"
                   "total,reading_minutes,4\r\n"
                   "district,荷塘区,2\r\n"
                   "district,天元区,0\r\n"
                   "topic,城市管理,3\r\n"
                   "reporter,\"李\"\"四\"\"\",2\r\n"
                   "reporter,\"王, 小明\",1\r\n");

  zr_filter_set_districts (filter, districts);
  zr_filter_set_query (filter, "驿站");
  markdown = zr_stats_dup_markdown (stats, filter);
  g_assert_cmpstr (markdown, ==,
                   "# Statistics: 荷塘区 · “驿站”\n\n"
                   "- Articles: 3\n"
                   "- Characters: 1234\n"
                   "- Reading time (minutes): 4\n"
                   "\n## By District\n\n| District | Articles |\n| --- | ---: |\n| 荷塘区 | 2 |\n"
                   "\n## By Topic\n\n| Topic | Articles |\n| --- | ---: |\n| 城市管理 | 3 |\n"
                   "\n## Top Reporters\n\n| Reporter | Articles |\n| --- | ---: |\n| 李\"四\" | 2 |\n| 王, 小明 | 1 |\n"
                   "\n## Most Quoted\n\n| Speaker | Quotes |\n| --- | ---: |\n| — | 0 |\n");

  all = zr_stats_dup_filter_description (NULL);
  g_assert_cmpstr (all, ==, "All articles");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/core/stats/filter/none", Fixture, NULL, fixture_set_up, test_no_filter, fixture_tear_down);
  g_test_add ("/core/stats/filter/one-district", Fixture, NULL, fixture_set_up, test_one_district, fixture_tear_down);
  g_test_add ("/core/stats/filter/two-districts", Fixture, NULL, fixture_set_up, test_two_districts, fixture_tear_down);
  g_test_add ("/core/stats/filter/topic", Fixture, NULL, fixture_set_up, test_topic, fixture_tear_down);
  g_test_add ("/core/stats/filter/district-topic", Fixture, NULL, fixture_set_up, test_district_topic, fixture_tear_down);
  g_test_add ("/core/stats/filter/two-topics", Fixture, NULL, fixture_set_up, test_two_topics, fixture_tear_down);
  g_test_add ("/core/stats/filter/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/core/stats/filter/search-district", Fixture, NULL, fixture_set_up, test_search_district, fixture_tear_down);
  g_test_add ("/core/stats/filter/search-district-topic", Fixture, NULL, fixture_set_up, test_search_district_topic,
              fixture_tear_down);
  g_test_add ("/core/stats/filter/many-topics", Fixture, NULL, fixture_set_up, test_many_topics, fixture_tear_down);
  g_test_add ("/core/stats/cache/reused", Fixture, NULL, fixture_set_up, test_cache_reused, fixture_tear_down);
  g_test_add ("/core/stats/cache/stale-after-import", Fixture, NULL, fixture_set_up, test_stale_after_import,
              fixture_tear_down);
  g_test_add ("/core/stats/cache/stale-after-other-connection", Fixture, NULL, fixture_set_up,
              test_stale_after_other_connection, fixture_tear_down);
  g_test_add ("/core/stats/cache/stale-raw-and-rollback", Fixture, NULL, fixture_set_up, test_stale_raw_and_rollback,
              fixture_tear_down);
  g_test_add ("/core/stats/filter/empty-result", Fixture, NULL, fixture_set_up, test_empty_result, fixture_tear_down);
  g_test_add ("/core/stats/json", Fixture, NULL, fixture_set_up, test_json, fixture_tear_down);
  g_test_add_func ("/core/stats/query", test_query);
  g_test_add_func ("/core/stats/article", test_article);
  g_test_add_func ("/core/stats/reading-minutes", test_reading_minutes);
  g_test_add_func ("/core/stats/text", test_text);
  return g_test_run ();
}
