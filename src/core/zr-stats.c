/* zr-stats.c  (STUB: to be replaced by the stats work)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-classifier.h"
#include "zr-database-private.h"
#include "zr-filter-private.h"
#include "zr-stats.h"

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

static GPtrArray *
count_by (ZrDatabase     *db,
          const ZrFilter *filter,
          gboolean        by_district,
          GError        **error)
{
  g_autoptr(ZrFilter) f = zr_filter_copy (filter);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char * const *names = by_district ? zr_classifier_list_districts () : zr_classifier_list_topics ();
  GPtrArray *result;
  int rc;

  if (by_district)
    {
      g_clear_pointer (&f->districts, g_strfreev);
      g_string_append (sql, "SELECT r.district, count(*) FROM records r WHERE 1");
    }
  else
    {
      g_clear_pointer (&f->topics, g_strfreev);
      g_string_append (sql, "SELECT t.topic, count(*) FROM records r JOIN record_topics t ON t.record_id = r.id WHERE 1");
    }
  _zr_filter_append_sql (f, TRUE, sql, binds);
  g_string_append (sql, " GROUP BY 1");
  rc = sqlite3_prepare_v2 (zr_database_get_handle (db), sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _zr_database_set_error (zr_database_get_handle (db), rc, "count", error);
      return NULL;
    }
  _zr_filter_bind (stmt, 1, binds);
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_facet_free);
  for (guint i = 0; names[i]; i++)
    g_ptr_array_add (result, zr_facet_new (names[i], 0));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = _zr_column_text (stmt, 0);
      for (guint i = 0; i < result->len; i++)
        {
          ZrFacet *facet = g_ptr_array_index (result, i);
          if (g_strcmp0 (facet->name, name) == 0)
            facet->count = sqlite3_column_int (stmt, 1);
        }
    }
  return result;
}

GPtrArray *
zr_stats_count_by_district (ZrDatabase      *db,
                            const ZrFilter  *filter,
                            GError         **error)
{
  return count_by (db, filter, TRUE, error);
}

GPtrArray *
zr_stats_count_by_topic (ZrDatabase      *db,
                         const ZrFilter  *filter,
                         GError         **error)
{
  return count_by (db, filter, FALSE, error);
}

ZrStats *
zr_stats_query (ZrDatabase      *db,
                const ZrFilter  *filter,
                GError         **error)
{
  ZrStats *stats = g_new0 (ZrStats, 1);
  stats->by_district = zr_stats_count_by_district (db, filter, NULL);
  stats->by_topic = zr_stats_count_by_topic (db, filter, NULL);
  stats->top_reporters = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_facet_free);
  stats->top_speakers = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_facet_free);
  stats->by_source = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_facet_free);
  return stats;
}

ZrArticleStats *
zr_stats_for_article (const ZrArticle *article)
{
  ZrArticleStats *s = g_new0 (ZrArticleStats, 1);
  s->chars = article->chars;
  s->reading_minutes = zr_stats_reading_minutes (article->chars);
  s->paragraphs = article->record->paragraphs->len;
  s->quotes = article->quotes ? article->quotes->len : 0;
  s->figures = g_ptr_array_new ();
  return s;
}
