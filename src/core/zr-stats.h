/* zr-stats.h: counts and figures of a filter and of an article
 *
 * Everything about a filter is counted over an in-memory copy of each
 * record's district, topics, size, page, bylines and speakers (zr-facts.h;
 * no article is loaded), under 50 ms on a 200,000-article library once
 * that copy is built (tests/bench/bench-stats.c measures both). A filter is applied as
 * everywhere else: districts (union) ∩ topics (union) ∩ search query.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zr-article.h"
#include "zr-database.h"
#include "zr-filter.h"
#include "zr-json.h"

G_BEGIN_DECLS

/* Characters of Chinese text a reader reads in a minute: the one place this
 * constant lives. Studies of Chinese silent reading put adult readers at
 * about 300 to 500 characters a minute (newspaper prose, not skimming); 400
 * is the middle of that range. Reading time = characters / this, rounded
 * up, so any non-empty text takes at least one minute. */
#define ZR_READING_CHARS_PER_MINUTE 400

/* Length of the "top" lists (reporters, speakers, source pages) that
 * zr_stats_query() returns. */
#define ZR_STATS_TOP_N 10

typedef struct
{
  char  *name;
  guint  count;
} ZrFacet;

typedef struct
{
  guint      articles;        /* records under the filter (every kind) */
  guint64    chars;           /* sum of their records.chars */
  guint      reading_minutes; /* zr_stats_reading_minutes (chars) */
  GPtrArray *by_district;     /* element-type ZrFacet, every district in list order, zeros included */
  GPtrArray *by_topic;        /* element-type ZrFacet, every topic in list order, zeros included */
  GPtrArray *top_reporters;   /* element-type ZrFacet, most first: articles per byline name */
  GPtrArray *top_speakers;    /* element-type ZrFacet, most first: quotes per speaker */
  GPtrArray *by_source;       /* element-type ZrFacet: stories per source page (file name), most first */
} ZrStats;

typedef struct
{
  guint      chars;           /* the article's characters (records.chars) */
  guint      reading_minutes;
  guint      paragraphs;      /* body paragraphs (not subheads, not captions) */
  guint      quotes;
  GStrv      speakers;        /* distinct named speakers, in order of first quote */
  GStrv      districts;       /* every district mentioned, primary first */
  GPtrArray *figures;         /* element-type ZrFigure, reading order: the article's own
                               * (borrowed) or, when it has none loaded, extracted */
} ZrArticleStats;

ZrFacet   *zr_facet_new               (const char      *name,
                                       guint            count);
void       zr_facet_free              (ZrFacet         *facet);
void       zr_stats_free              (ZrStats         *stats);
void       zr_article_stats_free      (ZrArticleStats  *stats);

/* Counts per district / topic under @filter, ignoring the filter's own
 * districts (resp. topics) so a sidebar can show what a click would give.
 * Every district of zr_classifier_list_districts() (resp. topic of
 * zr_classifier_list_topics()) is there, in that order, zeros included.
 * A record counts once for each of its topics (record_topics).
 * Returns: (transfer full) (element-type ZrFacet), or NULL with @error */
GPtrArray *zr_stats_count_by_district (ZrDatabase      *db,
                                       const ZrFilter  *filter,
                                       GError         **error);
GPtrArray *zr_stats_count_by_topic    (ZrDatabase      *db,
                                       const ZrFilter  *filter,
                                       GError         **error);

/* Number of records and their characters under @filter. */
gboolean   zr_stats_count_articles    (ZrDatabase      *db,
                                       const ZrFilter  *filter,
                                       guint           *out_articles,
                                       guint64         *out_chars,
                                       GError         **error);
/* Byline names by number of articles under @filter (every role), most
 * first, ties by name; at most @limit (0: no limit). */
GPtrArray *zr_stats_top_reporters     (ZrDatabase      *db,
                                       const ZrFilter  *filter,
                                       guint            limit,
                                       GError         **error);
/* Speakers (as stored by the quote finder, NULL ones left out) by number
 * of quotes under @filter, most first, ties by name. */
GPtrArray *zr_stats_top_speakers      (ZrDatabase      *db,
                                       const ZrFilter  *filter,
                                       guint            limit,
                                       GError         **error);
/* Source pages (file names) by number of records under @filter, most
 * first, ties by page date then name. */
GPtrArray *zr_stats_by_source         (ZrDatabase      *db,
                                       const ZrFilter  *filter,
                                       guint            limit,
                                       GError         **error);

/* All of the above for the stats panel and `stats --json`; the top lists
 * hold at most ZR_STATS_TOP_N entries.
 * Returns: (transfer full): the stats, or NULL with @error */
ZrStats   *zr_stats_query             (ZrDatabase      *db,
                                       const ZrFilter  *filter,
                                       GError         **error);

/* Writes the object of `stats --json` (DESIGN.md §7):
 * {"articles","chars","reading_minutes","by_district":{name:count,…},
 *  "by_topic":{…},"top_reporters":[{"name","count"}…],
 *  "top_speakers":[{"name","count"}…],"by_source":[{"name","count"}…]} */
void       zr_stats_write_json        (const ZrStats   *stats,
                                       ZrJson          *json);

/* Stats of one loaded article; never fails.
 * Returns: (transfer full) */
ZrArticleStats *zr_stats_for_article  (const ZrArticle *article);
/* Minutes to read @chars characters, rounded up (0 for 0). */
guint      zr_stats_reading_minutes   (guint64          chars);

/* Private, for tests and benchmarks: zr_stats_query() computed with SQL
 * only, the top lists cut at @limit (0: all). */
ZrStats   *_zr_stats_query_sql        (ZrDatabase      *db,
                                       const ZrFilter  *filter,
                                       guint            limit,
                                       GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZrStats, zr_stats_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZrArticleStats, zr_article_stats_free)

/* The statistics as text, the same in the CLI and the window */
char        *zr_stats_dup_filter_description (const ZrFilter *filter);
char        *zr_stats_dup_markdown           (const ZrStats  *stats,
                                              const ZrFilter *filter);
char        *zr_stats_dup_csv                (const ZrStats  *stats);

G_END_DECLS
