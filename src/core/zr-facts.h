/* zr-facts.h: the facts of every record of the library, in memory, for
 * statistics of a filter
 *
 * A columnar copy of what the statistics of zr-stats.h need: for each
 * record (in id order) its district, its topics (a bit mask), its
 * characters and its source page; its byline names and quote speakers
 * (interned). Built from the library in one pass of a few SELECTs (a few
 * hundred ms, a few MB at 200,000 records) and kept on the ZrDatabase, so
 * a filter's counts are a scan of arrays, not an index lookup per record.
 *
 * The copy is rebuilt when the library changed: after a write on the same
 * connection (zr_database_get_generation(), or any row changed through the
 * raw handle) or a commit by another connection (PRAGMA data_version, e.g.
 * the CLI importing while the reader is open).
 *
 * Threads: a ZrDatabase (its sqlite3 handle) is used by one thread at a
 * time; the cache belongs to the connection, so it needs no lock of its
 * own. A ZrFacts handed out is immutable and reference counted: it stays
 * valid after the cache moves on to a newer one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zr-database.h"
#include "zr-filter.h"

G_BEGIN_DECLS

typedef struct _ZrFacts ZrFacts;

typedef enum
{
  ZR_FACTS_TALLY_TOTALS    = 0,          /* articles and chars: always */
  ZR_FACTS_TALLY_DISTRICTS = 1 << 0,
  ZR_FACTS_TALLY_TOPICS    = 1 << 1,
  ZR_FACTS_TALLY_SOURCES   = 1 << 2,
  ZR_FACTS_TALLY_REPORTERS = 1 << 3,
  ZR_FACTS_TALLY_SPEAKERS  = 1 << 4,
  ZR_FACTS_TALLY_ALL       = 0x1f,
} ZrFactsTallyFlags;

/* Counts of one filter. Arrays not asked for are NULL. */
typedef struct
{
  guint    articles;      /* records under the whole filter */
  guint64  chars;
  guint   *by_district;   /* [zr_facts_get_n_district_slots()]: the filter without its districts;
                           * slot i < n of zr_classifier_list_districts() is its i-th district */
  guint   *by_topic;      /* [zr_facts_get_n_topic_slots()]: the filter without its topics, one
                           * count per topic of a record; slot i as for districts */
  guint   *by_source;     /* [zr_facts_get_n_sources()]: records per source page, by source rank */
  guint   *by_reporter;   /* [zr_facts_get_n_names()]: records per byline name (once a record) */
  guint   *by_speaker;    /* [zr_facts_get_n_names()]: quotes per speaker */
} ZrFactsTally;

/* The facts of @db's library, from the connection's cache, built first if
 * absent or stale. Returns: (transfer full), or NULL with @error */
ZrFacts      *zr_facts_dup_for_database (ZrDatabase        *db,
                                         GError           **error);
/* Drops the connection's cache (the next call builds it again). */
void          zr_facts_invalidate       (ZrDatabase        *db);
ZrFacts      *zr_facts_ref              (ZrFacts           *facts);
void          zr_facts_unref            (ZrFacts           *facts);

guint         zr_facts_get_n_records    (ZrFacts           *facts);
/* Approximate bytes held. */
gsize         zr_facts_get_size         (ZrFacts           *facts);
guint         zr_facts_get_n_district_slots (ZrFacts       *facts);
guint         zr_facts_get_n_topic_slots (ZrFacts          *facts);
/* Source pages ranked by page date (none first), file name, id: the
 * order ties are broken in. */
guint         zr_facts_get_n_sources    (ZrFacts           *facts);
const char   *zr_facts_get_source_name  (ZrFacts           *facts,
                                         guint              rank);
/* Names of bylines and speakers, ids in byte order of the names. */
guint         zr_facts_get_n_names      (ZrFacts           *facts);
const char   *zr_facts_get_name         (ZrFacts           *facts,
                                         guint              id);

/* Can the facts answer @filter exactly? FALSE only for a filter naming
 * a district or topic the facts had to lump together: a library with more
 * than 254 district names or 31 topic names (the built-in lists have 11
 * and 14) keeps the rest in one shared slot. */
gboolean      zr_facts_can_answer       (ZrFacts           *facts,
                                         const ZrFilter    *filter);
/* Counts under @filter; @db runs the filter's search query (its matches
 * are taken from record_fts). Returns: (transfer full), or NULL with @error */
ZrFactsTally *zr_facts_tally            (ZrFacts           *facts,
                                         ZrDatabase        *db,
                                         const ZrFilter    *filter,
                                         ZrFactsTallyFlags  what,
                                         GError           **error);
void          zr_facts_tally_free       (ZrFactsTally      *tally);

/* Indexes i of @counts with counts[i] > 0, most first, ties by index; at
 * most @limit (0: all). Returns: (transfer full) (element-type guint) */
GArray       *zr_facts_rank             (const guint       *counts,
                                         guint              n,
                                         guint              limit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZrFacts, zr_facts_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZrFactsTally, zr_facts_tally_free)

G_END_DECLS
