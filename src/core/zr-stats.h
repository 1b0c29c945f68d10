/* zr-stats.h: counts and figures of a filter and of an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zr-article.h"
#include "zr-database.h"
#include "zr-filter.h"

G_BEGIN_DECLS

/* Characters of Chinese text a reader reads in a minute: the one place this
 * constant lives. */
#define ZR_READING_CHARS_PER_MINUTE 400

typedef struct
{
  char  *name;
  guint  count;
} ZrFacet;

typedef struct
{
  guint      articles;
  guint64    chars;
  guint      reading_minutes;
  GPtrArray *by_district;     /* element-type ZrFacet, every district in list order, zeros included */
  GPtrArray *by_topic;        /* element-type ZrFacet, every topic in list order, zeros included */
  GPtrArray *top_reporters;   /* element-type ZrFacet, most first */
  GPtrArray *top_speakers;    /* element-type ZrFacet, most first */
  GPtrArray *by_source;       /* element-type ZrFacet: stories per source page */
} ZrStats;

typedef struct
{
  guint      chars;
  guint      reading_minutes;
  guint      paragraphs;
  guint      quotes;
  GStrv      speakers;
  GStrv      districts;
  GPtrArray *figures;         /* element-type ZrFigure (borrowed from the article) */
} ZrArticleStats;

ZrFacet   *zr_facet_new               (const char      *name,
                                       guint            count);
void       zr_facet_free              (ZrFacet         *facet);
void       zr_stats_free              (ZrStats         *stats);
void       zr_article_stats_free      (ZrArticleStats  *stats);

/* Counts per district / topic under @filter, ignoring the filter's own
 * districts (resp. topics) so a sidebar can show what a click would give. */
GPtrArray *zr_stats_count_by_district (ZrDatabase      *db,
                                       const ZrFilter  *filter,
                                       GError         **error);
GPtrArray *zr_stats_count_by_topic    (ZrDatabase      *db,
                                       const ZrFilter  *filter,
                                       GError         **error);
ZrStats   *zr_stats_query             (ZrDatabase      *db,
                                       const ZrFilter  *filter,
                                       GError         **error);
ZrArticleStats *zr_stats_for_article  (const ZrArticle *article);
guint      zr_stats_reading_minutes   (guint64          chars);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZrStats, zr_stats_free)

G_END_DECLS
