/* zr-stats.c: counts and figures of a filter and of an article
 *
 * The statistics of a filter are counted over the in-memory facts of
 * zr-facts.h (one scan of arrays, a few ms at 200,000 records, built once
 * per connection and rebuilt when the library changes). The SQL below is
 * kept as the fallback for the rare filter the facts cannot answer and as
 * the reference the tests compare them with (_zr_stats_query_sql()).
 *
 * In SQL, each statistic is one statement over covering indexes (see the end of
 * the first migration in zr-database.c): records_district_chars serves the
 * totals and the district counts in a single grouped scan,
 * record_topics_topic the topic counts, bylines_name the reporters,
 * quotes_speaker / quotes_record_speaker the speakers. The records table is
 * joined only when the filter restricts it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-stats.h"

#include <glib/gi18n-lib.h>

#include "zr-classifier.h"
#include "zr-csv.h"
#include "zr-database-private.h"
#include "zr-facts.h"
#include "zr-figures.h"
#include "zr-filter-private.h"
#include "zr-quotes.h"

ZrFacet *
zr_facet_new (const char *name,
              guint       count)
{
  ZrFacet *f = g_new0 (ZrFacet, 1);
  f->name = g_strdup (name);
  f->count = count;
  return f;
}

void
zr_facet_free (ZrFacet *facet)
{
  if (facet == NULL)
    return;
  g_free (facet->name);
  g_free (facet);
}

void
zr_stats_free (ZrStats *stats)
{
  if (stats == NULL)
    return;
  g_clear_pointer (&stats->by_district, g_ptr_array_unref);
  g_clear_pointer (&stats->by_topic, g_ptr_array_unref);
  g_clear_pointer (&stats->top_reporters, g_ptr_array_unref);
  g_clear_pointer (&stats->top_speakers, g_ptr_array_unref);
  g_clear_pointer (&stats->by_source, g_ptr_array_unref);
  g_free (stats);
}

void
zr_article_stats_free (ZrArticleStats *stats)
{
  if (stats == NULL)
    return;
  g_strfreev (stats->speakers);
  g_strfreev (stats->districts);
  g_clear_pointer (&stats->figures, g_ptr_array_unref);
  g_free (stats);
}

guint
zr_stats_reading_minutes (guint64 chars)
{
  return (guint) ((chars + ZR_READING_CHARS_PER_MINUTE - 1) / ZR_READING_CHARS_PER_MINUTE);
}

static gboolean
strv_empty (GStrv v)
{
  return v == NULL || v[0] == NULL;
}

/* Does @filter restrict the records at all (the query counted only when
 * it makes an FTS expression)? */
static gboolean
filter_restricts (const ZrFilter *filter)
{
  return !zr_filter_is_empty (filter);
}

static sqlite3_stmt *
prepare (ZrDatabase  *db,
         GString     *sql,
         GPtrArray   *binds,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (zr_database_get_handle (db), sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _zr_database_set_error (zr_database_get_handle (db), rc, _("Could not count the articles"), error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  if (binds != NULL)
    _zr_filter_bind (stmt, 1, binds);
  return stmt;
}

static gboolean
step_failed (ZrDatabase  *db,
             int          rc,
             GError     **error)
{
  if (rc == SQLITE_DONE)
    return FALSE;
  _zr_database_set_error (zr_database_get_handle (db), rc, _("Could not count the articles"), error);
  return TRUE;
}

static GPtrArray *
facets_from_names (const char * const *names)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_facet_free);
  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (result, zr_facet_new (names[i], 0));
  return result;
}

static void
facets_set (GPtrArray  *facets,
            const char *name,
            guint       count)
{
  if (name == NULL)
    return;
  for (guint i = 0; i < facets->len; i++)
    {
      ZrFacet *facet = g_ptr_array_index (facets, i);
      if (g_strcmp0 (facet->name, name) == 0)
        {
          facet->count = count;
          return;
        }
    }
}

/* One grouped scan: counts per district under the filter without its
 * districts, and (optionally) the totals under the whole filter. */
static GPtrArray *
district_scan (ZrDatabase      *db,
               const ZrFilter  *filter,
               guint           *out_articles,
               guint64         *out_chars,
               GError         **error)
{
  g_autoptr(ZrFilter) f = zr_filter_copy (filter);
  g_autoptr(GString) sql = g_string_new ("SELECT r.district, count(*), total(r.chars) FROM records r WHERE 1");
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) result = facets_from_names (zr_classifier_list_districts ());
  gboolean any_district = filter != NULL && !strv_empty (filter->districts);
  guint articles = 0;
  guint64 chars = 0;
  int rc;

  g_clear_pointer (&f->districts, g_strfreev);
  _zr_filter_append_sql (f, TRUE, sql, binds);
  g_string_append (sql, " GROUP BY r.district");
  stmt = prepare (db, sql, binds, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = _zr_column_text (stmt, 0);
      guint count = (guint) sqlite3_column_int64 (stmt, 1);
      guint64 sum = (guint64) sqlite3_column_double (stmt, 2);

      facets_set (result, name, count);
      if (!any_district || (name != NULL && g_strv_contains ((const char * const *) filter->districts, name)))
        {
          articles += count;
          chars += sum;
        }
    }
  if (step_failed (db, rc, error))
    return NULL;

  if (out_articles != NULL)
    *out_articles = articles;
  if (out_chars != NULL)
    *out_chars = chars;
  return g_steal_pointer (&result);
}

static gboolean
sql_count_articles (ZrDatabase      *db,
                    const ZrFilter  *filter,
                    guint           *out_articles,
                    guint64         *out_chars,
                    GError         **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*), total(r.chars) FROM records r WHERE 1");
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (ZR_IS_DATABASE (db), FALSE);

  _zr_filter_append_sql (filter, TRUE, sql, binds);
  stmt = prepare (db, sql, binds, error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return !step_failed (db, rc == SQLITE_DONE ? SQLITE_ERROR : rc, error);
  if (out_articles != NULL)
    *out_articles = (guint) sqlite3_column_int64 (stmt, 0);
  if (out_chars != NULL)
    *out_chars = (guint64) sqlite3_column_double (stmt, 1);
  return TRUE;
}

static GPtrArray *
sql_count_by_topic (ZrDatabase      *db,
                    const ZrFilter  *filter,
                    GError         **error)
{
  g_autoptr(ZrFilter) f = zr_filter_copy (filter);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) result = facets_from_names (zr_classifier_list_topics ());
  int rc;

  g_return_val_if_fail (ZR_IS_DATABASE (db), NULL);

  g_clear_pointer (&f->topics, g_strfreev);
  if (filter_restricts (f))
    {
      /* the set of ids first, then one ordered scan of the topic index:
       * faster than a lookup per record */
      g_string_append (sql, "SELECT t.topic, count(*) FROM record_topics t "
                            "WHERE t.record_id IN (SELECT r.id FROM records r WHERE 1");
      _zr_filter_append_sql (f, TRUE, sql, binds);
      g_string_append (sql, ")");
    }
  else
    g_string_append (sql, "SELECT t.topic, count(*) FROM record_topics t WHERE 1");
  g_string_append (sql, " GROUP BY t.topic");

  stmt = prepare (db, sql, binds, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    facets_set (result, _zr_column_text (stmt, 0), (guint) sqlite3_column_int64 (stmt, 1));
  if (step_failed (db, rc, error))
    return NULL;
  return g_steal_pointer (&result);
}

/* "SELECT name, count FROM … GROUP BY … ORDER BY count DESC …" into facets.
 * @select_filtered ends in an open "IN (SELECT r.id FROM records r WHERE 1"
 * that the filter's conditions complete. */
static GPtrArray *
ranked (ZrDatabase      *db,
        const ZrFilter  *filter,
        const char      *select_all,
        const char      *select_filtered,
        const char      *group_order,
        guint            limit,
        GError         **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_facet_free);
  int rc;

  g_return_val_if_fail (ZR_IS_DATABASE (db), NULL);

  if (filter_restricts (filter) || select_all == NULL)
    {
      g_string_append (sql, select_filtered);
      _zr_filter_append_sql (filter, TRUE, sql, binds);
      g_string_append (sql, ")");
    }
  else
    g_string_append (sql, select_all);
  g_string_append (sql, group_order);
  if (limit > 0)
    g_string_append_printf (sql, " LIMIT %u", limit);

  stmt = prepare (db, sql, binds, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, zr_facet_new (_zr_column_text (stmt, 0),
                                           (guint) sqlite3_column_int64 (stmt, 1)));
  if (step_failed (db, rc, error))
    return NULL;
  return g_steal_pointer (&result);
}

static GPtrArray *
sql_top_reporters (ZrDatabase      *db,
                   const ZrFilter  *filter,
                   guint            limit,
                   GError         **error)
{
  return ranked (db, filter,
                 "SELECT b.name, count(DISTINCT b.record_id) AS n FROM bylines b WHERE 1",
                 "SELECT b.name, count(DISTINCT b.record_id) AS n FROM bylines b "
                 "WHERE b.record_id IN (SELECT r.id FROM records r WHERE 1",
                 " GROUP BY b.name ORDER BY n DESC, b.name",
                 limit, error);
}

static GPtrArray *
sql_top_speakers (ZrDatabase      *db,
                  const ZrFilter  *filter,
                  guint            limit,
                  GError         **error)
{
  return ranked (db, filter,
                 "SELECT q.speaker, count(*) AS n FROM quotes q WHERE q.speaker IS NOT NULL",
                 "SELECT q.speaker, count(*) AS n FROM quotes q WHERE q.speaker IS NOT NULL "
                 "AND q.record_id IN (SELECT r.id FROM records r WHERE 1",
                 " GROUP BY q.speaker ORDER BY n DESC, q.speaker",
                 limit, error);
}

static GPtrArray *
sql_by_source (ZrDatabase      *db,
                const ZrFilter  *filter,
                guint            limit,
                GError         **error)
{
  /* grouped on records first (index on source_id), sources looked up per
   * group only */
  g_autoptr(GString) inner = g_string_new ("SELECT r.source_id AS sid, count(*) AS n FROM records r WHERE 1");
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_facet_free);
  int rc;

  g_return_val_if_fail (ZR_IS_DATABASE (db), NULL);

  _zr_filter_append_sql (filter, TRUE, inner, binds);
  g_string_append (inner, " GROUP BY r.source_id");
  g_string_printf (sql, "SELECT s.name, g.n FROM (%s) g JOIN sources s ON s.id = g.sid "
                        "ORDER BY g.n DESC, s.page_date, s.name, s.id", inner->str);
  if (limit > 0)
    g_string_append_printf (sql, " LIMIT %u", limit);

  stmt = prepare (db, sql, binds, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, zr_facet_new (_zr_column_text (stmt, 0),
                                           (guint) sqlite3_column_int64 (stmt, 1)));
  if (step_failed (db, rc, error))
    return NULL;
  return g_steal_pointer (&result);
}

/* The statistics with SQL only: the fallback when the facts cannot answer
 * a filter, and the reference the tests hold the facts to. */
ZrStats *
_zr_stats_query_sql (ZrDatabase      *db,
                     const ZrFilter  *filter,
                     guint            limit,
                     GError         **error)
{
  g_autoptr(ZrStats) stats = g_new0 (ZrStats, 1);

  g_return_val_if_fail (ZR_IS_DATABASE (db), NULL);

  stats->by_district = district_scan (db, filter, &stats->articles, &stats->chars, error);
  if (stats->by_district == NULL)
    return NULL;
  stats->reading_minutes = zr_stats_reading_minutes (stats->chars);
  if ((stats->by_topic = sql_count_by_topic (db, filter, error)) == NULL)
    return NULL;
  if ((stats->top_reporters = sql_top_reporters (db, filter, limit, error)) == NULL)
    return NULL;
  if ((stats->top_speakers = sql_top_speakers (db, filter, limit, error)) == NULL)
    return NULL;
  if ((stats->by_source = sql_by_source (db, filter, limit, error)) == NULL)
    return NULL;
  return g_steal_pointer (&stats);
}

/* The same from the facts of zr-facts.h: one scan of in-memory arrays.
 * Returns TRUE with *out_tally NULL when the facts cannot answer @filter
 * exactly (see zr_facts_can_answer()): the caller then uses SQL. */
static gboolean
facts_tally (ZrDatabase         *db,
             const ZrFilter     *filter,
             ZrFactsTallyFlags   what,
             ZrFacts           **out_facts,
             ZrFactsTally      **out_tally,
             GError            **error)
{
  g_autoptr(ZrFacts) facts = zr_facts_dup_for_database (db, error);

  *out_tally = NULL;
  if (facts == NULL)
    return FALSE;
  if (!zr_facts_can_answer (facts, filter))
    return TRUE;
  *out_tally = zr_facts_tally (facts, db, filter, what, error);
  if (*out_tally == NULL)
    return FALSE;
  *out_facts = g_steal_pointer (&facts);
  return TRUE;
}

/* Every name of @names (the first slots of the facts), in order. */
static GPtrArray *
facets_from_slots (const char * const *names,
                   const guint        *counts)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_facet_free);
  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (result, zr_facet_new (names[i], counts[i]));
  return result;
}

static GPtrArray *
facets_ranked (ZrFacts     *facts,
               const guint *counts,
               gboolean     sources,
               guint        limit)
{
  guint n = sources ? zr_facts_get_n_sources (facts) : zr_facts_get_n_names (facts);
  g_autoptr(GArray) top = zr_facts_rank (counts, n, limit);
  GPtrArray *result = g_ptr_array_new_full (top->len, (GDestroyNotify) zr_facet_free);

  for (guint i = 0; i < top->len; i++)
    {
      guint k = g_array_index (top, guint, i);
      g_ptr_array_add (result, zr_facet_new (sources ? zr_facts_get_source_name (facts, k)
                                                     : zr_facts_get_name (facts, k),
                                             counts[k]));
    }
  return result;
}

GPtrArray *
zr_stats_count_by_district (ZrDatabase      *db,
                            const ZrFilter  *filter,
                            GError         **error)
{
  g_autoptr(ZrFacts) facts = NULL;
  g_autoptr(ZrFactsTally) t = NULL;

  g_return_val_if_fail (ZR_IS_DATABASE (db), NULL);

  if (!facts_tally (db, filter, ZR_FACTS_TALLY_DISTRICTS, &facts, &t, error))
    return NULL;
  if (t == NULL)
    return district_scan (db, filter, NULL, NULL, error);
  return facets_from_slots (zr_classifier_list_districts (), t->by_district);
}

GPtrArray *
zr_stats_count_by_topic (ZrDatabase      *db,
                         const ZrFilter  *filter,
                         GError         **error)
{
  g_autoptr(ZrFacts) facts = NULL;
  g_autoptr(ZrFactsTally) t = NULL;

  g_return_val_if_fail (ZR_IS_DATABASE (db), NULL);

  if (!facts_tally (db, filter, ZR_FACTS_TALLY_TOPICS, &facts, &t, error))
    return NULL;
  if (t == NULL)
    return sql_count_by_topic (db, filter, error);
  return facets_from_slots (zr_classifier_list_topics (), t->by_topic);
}

gboolean
zr_stats_count_articles (ZrDatabase      *db,
                         const ZrFilter  *filter,
                         guint           *out_articles,
                         guint64         *out_chars,
                         GError         **error)
{
  g_autoptr(ZrFacts) facts = NULL;
  g_autoptr(ZrFactsTally) t = NULL;

  g_return_val_if_fail (ZR_IS_DATABASE (db), FALSE);

  if (!facts_tally (db, filter, ZR_FACTS_TALLY_TOTALS, &facts, &t, error))
    return FALSE;
  if (t == NULL)
    return sql_count_articles (db, filter, out_articles, out_chars, error);
  if (out_articles != NULL)
    *out_articles = t->articles;
  if (out_chars != NULL)
    *out_chars = t->chars;
  return TRUE;
}

GPtrArray *
zr_stats_top_reporters (ZrDatabase      *db,
                        const ZrFilter  *filter,
                        guint            limit,
                        GError         **error)
{
  g_autoptr(ZrFacts) facts = NULL;
  g_autoptr(ZrFactsTally) t = NULL;

  g_return_val_if_fail (ZR_IS_DATABASE (db), NULL);

  if (!facts_tally (db, filter, ZR_FACTS_TALLY_REPORTERS, &facts, &t, error))
    return NULL;
  if (t == NULL)
    return sql_top_reporters (db, filter, limit, error);
  return facets_ranked (facts, t->by_reporter, FALSE, limit);
}

GPtrArray *
zr_stats_top_speakers (ZrDatabase      *db,
                       const ZrFilter  *filter,
                       guint            limit,
                       GError         **error)
{
  g_autoptr(ZrFacts) facts = NULL;
  g_autoptr(ZrFactsTally) t = NULL;

  g_return_val_if_fail (ZR_IS_DATABASE (db), NULL);

  if (!facts_tally (db, filter, ZR_FACTS_TALLY_SPEAKERS, &facts, &t, error))
    return NULL;
  if (t == NULL)
    return sql_top_speakers (db, filter, limit, error);
  return facets_ranked (facts, t->by_speaker, FALSE, limit);
}

GPtrArray *
zr_stats_by_source (ZrDatabase      *db,
                    const ZrFilter  *filter,
                    guint            limit,
                    GError         **error)
{
  g_autoptr(ZrFacts) facts = NULL;
  g_autoptr(ZrFactsTally) t = NULL;

  g_return_val_if_fail (ZR_IS_DATABASE (db), NULL);

  if (!facts_tally (db, filter, ZR_FACTS_TALLY_SOURCES, &facts, &t, error))
    return NULL;
  if (t == NULL)
    return sql_by_source (db, filter, limit, error);
  return facets_ranked (facts, t->by_source, TRUE, limit);
}

ZrStats *
zr_stats_query (ZrDatabase      *db,
                const ZrFilter  *filter,
                GError         **error)
{
  g_autoptr(ZrFacts) facts = NULL;
  g_autoptr(ZrFactsTally) t = NULL;
  ZrStats *stats;

  g_return_val_if_fail (ZR_IS_DATABASE (db), NULL);

  if (!facts_tally (db, filter, ZR_FACTS_TALLY_ALL, &facts, &t, error))
    return NULL;
  if (t == NULL)
    return _zr_stats_query_sql (db, filter, ZR_STATS_TOP_N, error);

  stats = g_new0 (ZrStats, 1);
  stats->articles = t->articles;
  stats->chars = t->chars;
  stats->reading_minutes = zr_stats_reading_minutes (t->chars);
  stats->by_district = facets_from_slots (zr_classifier_list_districts (), t->by_district);
  stats->by_topic = facets_from_slots (zr_classifier_list_topics (), t->by_topic);
  stats->top_reporters = facets_ranked (facts, t->by_reporter, FALSE, ZR_STATS_TOP_N);
  stats->top_speakers = facets_ranked (facts, t->by_speaker, FALSE, ZR_STATS_TOP_N);
  stats->by_source = facets_ranked (facts, t->by_source, TRUE, ZR_STATS_TOP_N);
  return stats;
}

static void
write_facet_object (ZrJson    *json,
                    GPtrArray *facets)
{
  zr_json_begin_object (json);
  for (guint i = 0; facets != NULL && i < facets->len; i++)
    {
      const ZrFacet *facet = g_ptr_array_index (facets, i);
      zr_json_key (json, facet->name);
      zr_json_int (json, facet->count);
    }
  zr_json_end_object (json);
}

static void
write_facet_array (ZrJson    *json,
                   GPtrArray *facets)
{
  zr_json_begin_array (json);
  for (guint i = 0; facets != NULL && i < facets->len; i++)
    {
      const ZrFacet *facet = g_ptr_array_index (facets, i);
      zr_json_begin_object (json);
      zr_json_key (json, "name");
      zr_json_string (json, facet->name);
      zr_json_key (json, "count");
      zr_json_int (json, facet->count);
      zr_json_end_object (json);
    }
  zr_json_end_array (json);
}

void
zr_stats_write_json (const ZrStats *stats,
                     ZrJson        *json)
{
  g_return_if_fail (stats != NULL);
  g_return_if_fail (json != NULL);

  zr_json_begin_object (json);
  zr_json_key (json, "articles");
  zr_json_int (json, stats->articles);
  zr_json_key (json, "chars");
  zr_json_int (json, (gint64) stats->chars);
  zr_json_key (json, "reading_minutes");
  zr_json_int (json, stats->reading_minutes);
  zr_json_key (json, "by_district");
  write_facet_object (json, stats->by_district);
  zr_json_key (json, "by_topic");
  write_facet_object (json, stats->by_topic);
  zr_json_key (json, "top_reporters");
  write_facet_array (json, stats->top_reporters);
  zr_json_key (json, "top_speakers");
  write_facet_array (json, stats->top_speakers);
  zr_json_key (json, "by_source");
  write_facet_array (json, stats->by_source);
  zr_json_end_object (json);
}

ZrArticleStats *
zr_stats_for_article (const ZrArticle *article)
{
  ZrArticleStats *s = g_new0 (ZrArticleStats, 1);
  g_autoptr(GPtrArray) speakers = g_ptr_array_new ();
  const ZrRecord *record;

  g_return_val_if_fail (article != NULL, s);

  record = article->record;
  s->chars = article->chars;
  if (s->chars == 0 && record != NULL)
    s->chars = zr_record_count_chars (record);
  s->reading_minutes = zr_stats_reading_minutes (s->chars);

  if (record != NULL && record->paragraphs != NULL)
    for (guint i = 0; i < record->paragraphs->len; i++)
      {
        const ZrParagraph *p = g_ptr_array_index (record->paragraphs, i);
        if (p != NULL && p->kind == ZR_PARAGRAPH_KIND_BODY)
          s->paragraphs++;
      }

  if (article->quotes != NULL)
    {
      s->quotes = article->quotes->len;
      for (guint i = 0; i < article->quotes->len; i++)
        {
          const ZrQuote *q = g_ptr_array_index (article->quotes, i);
          gboolean seen = FALSE;

          if (q == NULL || q->speaker == NULL || q->speaker[0] == '\0')
            continue;
          for (guint k = 0; k < speakers->len && !seen; k++)
            seen = g_str_equal (g_ptr_array_index (speakers, k), q->speaker);
          if (!seen)
            g_ptr_array_add (speakers, q->speaker);
        }
    }
  g_ptr_array_add (speakers, NULL);
  s->speakers = g_strdupv ((char **) speakers->pdata);

  if (article->districts != NULL)
    s->districts = g_strdupv (article->districts);
  else if (article->district != NULL)
    s->districts = g_strsplit (article->district, "\x01", 1);
  else
    s->districts = g_new0 (char *, 1);

  if (article->figures != NULL)
    {
      s->figures = g_ptr_array_sized_new (article->figures->len);
      for (guint i = 0; i < article->figures->len; i++)
        g_ptr_array_add (s->figures, g_ptr_array_index (article->figures, i));
    }
  else
    s->figures = zr_figures_extract (record);

  return s;
}

/* ---------------------------------------------------------------------- */
/* The statistics as text: the CLI's `stats` and the panel's copies        */

/**
 * zr_stats_dup_filter_description:
 * @filter: (nullable)
 *
 * Returns: (transfer full): what @filter selects, for a title:
 *   "All articles", or "石峰区 · 城市管理 · “驿站”"
 */
char *
zr_stats_dup_filter_description (const ZrFilter *filter)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (filter == NULL)
    return g_strdup (_("All articles"));
  if (filter->districts != NULL && filter->districts[0] != NULL)
    g_ptr_array_add (parts, g_strjoinv ("、", filter->districts));
  if (filter->topics != NULL && filter->topics[0] != NULL)
    g_ptr_array_add (parts, g_strjoinv ("、", filter->topics));
  if (filter->query != NULL && *filter->query != '\0')
    g_ptr_array_add (parts, g_strdup_printf ("“%s”", filter->query));
  if (parts->len == 0)
    return g_strdup (_("All articles"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
markdown_table (GString    *out,
                const char *title,
                const char *column,
                const char *count_column,
                GPtrArray  *facets)
{
  gboolean any = FALSE;

  g_string_append_printf (out, "\n## %s\n\n| %s | %s |\n| --- | ---: |\n", title, column, count_column);
  for (guint i = 0; facets != NULL && i < facets->len; i++)
    {
      const ZrFacet *f = g_ptr_array_index (facets, i);
      if (f->count == 0)
        continue;
      g_string_append_printf (out, "| %s | %u |\n", f->name, f->count);
      any = TRUE;
    }
  if (!any)
    g_string_append (out, "| — | 0 |\n");
}

/**
 * zr_stats_dup_markdown:
 * @filter: (nullable): what @stats counted, for the title
 *
 * Returns: (transfer full): @stats as Markdown (translated headings): a
 *   title, the totals as a list, and a table per facet
 */
char *
zr_stats_dup_markdown (const ZrStats  *stats,
                       const ZrFilter *filter)
{
  g_autofree char *description = NULL;
  GString *out;

  g_return_val_if_fail (stats != NULL, NULL);

  description = zr_stats_dup_filter_description (filter);
  out = g_string_new (NULL);
  /* Translators: the title of the statistics copied as Markdown */
  g_string_append_printf (out, "# %s: %s\n\n", _("Statistics"), description);
  g_string_append_printf (out, "- %s: %u\n", C_("stats", "Articles"), stats->articles);
  g_string_append_printf (out, "- %s: %" G_GUINT64_FORMAT "\n", C_("stats", "Characters"), stats->chars);
  g_string_append_printf (out, "- %s: %u\n", _("Reading time (minutes)"), stats->reading_minutes);
  markdown_table (out, _("By District"), _("District"), C_("stats", "Articles"), stats->by_district);
  markdown_table (out, _("By Topic"), _("Topic"), C_("stats", "Articles"), stats->by_topic);
  markdown_table (out, _("Top Reporters"), _("Reporter"), C_("stats", "Articles"), stats->top_reporters);
  markdown_table (out, _("Most Quoted"), _("Speaker"), C_("stats", "Quotes"), stats->top_speakers);
  return g_string_free (out, FALSE);
}

static void
csv_rows (GString    *out,
          const char *section,
          GPtrArray  *facets)
{
  for (guint i = 0; facets != NULL && i < facets->len; i++)
    {
      const ZrFacet *f = g_ptr_array_index (facets, i);
      g_string_append_printf (out, "%s,", section);
      zr_csv_append_field (out, f->name);
      g_string_append_printf (out, ",%u\r\n", f->count);
    }
}

/**
 * zr_stats_dup_csv:
 *
 * Returns: (transfer full): @stats as CSV: "section,name,count" rows with
 *   RFC 4180 line ends; the column names and sections are not translated,
 *   every district and topic is listed, zeros included
 */
char *
zr_stats_dup_csv (const ZrStats *stats)
{
  GString *out;

  g_return_val_if_fail (stats != NULL, NULL);

  out = g_string_new ("section,name,count\r\n");
  g_string_append_printf (out, "total,articles,%u\r\n", stats->articles);
  g_string_append_printf (out, "total,characters,%" G_GUINT64_FORMAT "\r\n", stats->chars);
  g_string_append_printf (out, "total,reading_minutes,%u\r\n", stats->reading_minutes);
  csv_rows (out, "district", stats->by_district);
  csv_rows (out, "topic", stats->by_topic);
  csv_rows (out, "reporter", stats->top_reporters);
  csv_rows (out, "speaker", stats->top_speakers);
  return g_string_free (out, FALSE);
}
