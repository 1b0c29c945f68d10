/* zr-facts.c: the facts of every record of the library, in memory
 *
 * Layout (n records, in id order):
 *   ids[n]            record ids, to map search hits to indexes
 *   district[n]       slot: 0… the classifier's districts in list order, then
 *                     other names met in the library; DISTRICT_NONE for NULL,
 *                     DISTRICT_LUMP for names past the slots
 *   topics[n]         bit mask over topic slots (same scheme, TOPIC_LUMP last)
 *   chars[n], source[n] (source rank: page date, name, id)
 *   bylines / quotes  CSR: names of record i are names[off[i] … off[i+1]),
 *                     name ids into one dictionary sorted by bytes; the
 *                     bylines of a record are kept once each
 *
 * Thread safety: the cache hangs on the ZrDatabase and is only touched
 * through it; a connection is used by one thread at a time (the GUI hands
 * it from thread to thread, never shares it), so no lock is needed. A built
 * ZrFacts is never changed again; its reference count is atomic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-facts.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "zr-classifier.h"
#include "zr-database-private.h"
#include "zr-search.h"

#define FACTS_KEY "zr-facts"

#define N_DISTRICT_SLOTS 256
#define DISTRICT_NONE    255
#define DISTRICT_LUMP    254
#define N_TOPIC_SLOTS    32
#define TOPIC_LUMP       31

struct _ZrFacts
{
  gatomicrefcount  ref_count;

  /* what the library looked like when the facts were read */
  guint64          generation;
  sqlite3_int64    total_changes;
  gint64           data_version;

  guint            n;
  gint64          *ids;
  gboolean         dense;          /* ids[i] == ids[0] + i */
  guint8          *district;
  guint32         *topics;
  guint32         *chars;
  guint32         *source;
  guint32         *byline_off;     /* [n + 1] */
  guint32         *byline_names;
  guint32         *quote_off;      /* [n + 1] */
  guint32         *quote_names;

  GStringChunk    *strings;
  GHashTable      *district_slots; /* name → slot + 1 */
  GHashTable      *topic_slots;    /* name → slot + 1 */
  gboolean         district_lumped;
  gboolean         topic_lumped;
  GPtrArray       *source_names;   /* by rank, borrowed from strings */
  GPtrArray       *names;          /* by id, borrowed from strings */
};

ZrFacts *
zr_facts_ref (ZrFacts *facts)
{
  g_return_val_if_fail (facts != NULL, NULL);
  g_atomic_ref_count_inc (&facts->ref_count);
  return facts;
}

void
zr_facts_unref (ZrFacts *facts)
{
  if (facts == NULL || !g_atomic_ref_count_dec (&facts->ref_count))
    return;
  g_free (facts->ids);
  g_free (facts->district);
  g_free (facts->topics);
  g_free (facts->chars);
  g_free (facts->source);
  g_free (facts->byline_off);
  g_free (facts->byline_names);
  g_free (facts->quote_off);
  g_free (facts->quote_names);
  g_clear_pointer (&facts->district_slots, g_hash_table_unref);
  g_clear_pointer (&facts->topic_slots, g_hash_table_unref);
  g_clear_pointer (&facts->source_names, g_ptr_array_unref);
  g_clear_pointer (&facts->names, g_ptr_array_unref);
  g_clear_pointer (&facts->strings, g_string_chunk_free);
  g_free (facts);
}

guint
zr_facts_get_n_records (ZrFacts *facts)
{
  return facts->n;
}

gsize
zr_facts_get_size (ZrFacts *facts)
{
  gsize n = facts->n;
  return n * (sizeof (gint64) + 1 + 3 * sizeof (guint32)) +
         (2 * (n + 1) + facts->byline_off[n] + facts->quote_off[n]) * sizeof (guint32) +
         (facts->source_names->len + facts->names->len) * (sizeof (gpointer) + 16);
}

guint
zr_facts_get_n_district_slots (ZrFacts *facts)
{
  return N_DISTRICT_SLOTS;
}

guint
zr_facts_get_n_topic_slots (ZrFacts *facts)
{
  return N_TOPIC_SLOTS;
}

guint
zr_facts_get_n_sources (ZrFacts *facts)
{
  return facts->source_names->len;
}

const char *
zr_facts_get_source_name (ZrFacts *facts,
                          guint    rank)
{
  g_return_val_if_fail (rank < facts->source_names->len, NULL);
  return g_ptr_array_index (facts->source_names, rank);
}

guint
zr_facts_get_n_names (ZrFacts *facts)
{
  return facts->names->len;
}

const char *
zr_facts_get_name (ZrFacts *facts,
                   guint    id)
{
  g_return_val_if_fail (id < facts->names->len, NULL);
  return g_ptr_array_index (facts->names, id);
}

/* Building */

static gboolean
read_stamps (ZrDatabase     *db,
             guint64        *generation,
             sqlite3_int64  *total_changes,
             gint64         *data_version,
             GError        **error)
{
  sqlite3_stmt *stmt = _zr_stmt (db, "PRAGMA data_version", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return _zr_database_set_error (zr_database_get_handle (db), rc, _("Could not read the library"), error);
    }
  *data_version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  *generation = zr_database_get_generation (db);
  *total_changes = sqlite3_total_changes64 (zr_database_get_handle (db));
  return TRUE;
}

static sqlite3_stmt *
prepare (sqlite3     *h,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (h, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _zr_database_set_error (h, rc, _("Could not read the library"), error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static gboolean
done_ok (sqlite3      *h,
         int           rc,
         GError      **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  return _zr_database_set_error (h, rc, _("Could not read the library"), error);
}

/* Slot of @name in @slots, adding it while there is room. */
static guint
intern_slot (ZrFacts    *facts,
             GHashTable *slots,
             const char *name,
             guint       lump,
             gboolean   *lumped)
{
  gpointer v = g_hash_table_lookup (slots, name);
  guint slot;

  if (v != NULL)
    return GPOINTER_TO_UINT (v) - 1;
  slot = g_hash_table_size (slots);
  if (slot >= lump)
    {
      *lumped = TRUE;
      return lump;
    }
  g_hash_table_insert (slots, g_string_chunk_insert_const (facts->strings, name), GUINT_TO_POINTER (slot + 1));
  return slot;
}

static gboolean
load_sources (ZrFacts     *facts,
              sqlite3     *h,
              gint64     **out_ids,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (h, "SELECT id, name FROM sources ORDER BY page_date, name, id", error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *name = _zr_column_text (stmt, 1);
      g_array_append_val (ids, id);
      g_ptr_array_add (facts->source_names, g_string_chunk_insert_const (facts->strings, name ? name : ""));
    }
  if (!done_ok (h, rc, error))
    return FALSE;
  *out_ids = (gint64 *) (gpointer) g_array_free (g_steal_pointer (&ids), FALSE);
  return TRUE;
}

typedef struct
{
  gint64  id;
  guint32 rank;
} SourceKey;

static int
source_key_cmp (const void *a,
                const void *b)
{
  const SourceKey *x = a, *y = b;
  return x->id < y->id ? -1 : x->id > y->id;
}

static gboolean
load_records (ZrFacts     *facts,
              sqlite3     *h,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) count = prepare (h, "SELECT count(*) FROM records", error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree gint64 *source_ids = NULL;
  g_autofree SourceKey *keys = NULL;
  guint n_sources, n = 0, cap;
  gint64 last_sid = -1;
  guint32 last_rank = 0;
  int rc;

  if (count == NULL || !load_sources (facts, h, &source_ids, error))
    return FALSE;
  n_sources = facts->source_names->len;
  keys = g_new (SourceKey, MAX (n_sources, 1));
  for (guint i = 0; i < n_sources; i++)
    {
      keys[i].id = source_ids[i];
      keys[i].rank = i;
    }
  qsort (keys, n_sources, sizeof (SourceKey), source_key_cmp);

  rc = sqlite3_step (count);
  if (rc != SQLITE_ROW)
    return done_ok (h, rc == SQLITE_DONE ? SQLITE_ERROR : rc, error);
  cap = (guint) sqlite3_column_int64 (count, 0);

  facts->ids = g_new (gint64, MAX (cap, 1));
  facts->district = g_new (guint8, MAX (cap, 1));
  facts->topics = g_new0 (guint32, MAX (cap, 1));
  facts->chars = g_new (guint32, MAX (cap, 1));
  facts->source = g_new (guint32, MAX (cap, 1));

  stmt = prepare (h, "SELECT id, source_id, chars, district FROM records ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && n < cap)
    {
      gint64 sid = sqlite3_column_int64 (stmt, 1);
      const char *district = _zr_column_text (stmt, 3);
      gint64 c = sqlite3_column_int64 (stmt, 2);

      if (sid != last_sid)
        {
          SourceKey key = { sid, 0 };
          SourceKey *hit = bsearch (&key, keys, n_sources, sizeof (SourceKey), source_key_cmp);
          last_sid = sid;
          last_rank = hit != NULL ? hit->rank : 0;   /* a foreign key: always found */
        }
      facts->ids[n] = sqlite3_column_int64 (stmt, 0);
      facts->chars[n] = (guint32) CLAMP (c, 0, G_MAXUINT32);
      facts->source[n] = last_rank;
      facts->district[n] = district == NULL
                           ? DISTRICT_NONE
                           : intern_slot (facts, facts->district_slots, district, DISTRICT_LUMP,
                                          &facts->district_lumped);
      n++;
    }
  if (rc == SQLITE_ROW)
    rc = SQLITE_DONE;   /* more rows than counted cannot happen in one read transaction */
  if (!done_ok (h, rc, error))
    return FALSE;
  facts->n = n;
  facts->dense = n == 0 || facts->ids[n - 1] - facts->ids[0] == (gint64) n - 1;
  return TRUE;
}

static gboolean
load_topics (ZrFacts     *facts,
             sqlite3     *h,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (h, "SELECT record_id, topic FROM record_topics ORDER BY record_id", error);
  guint cur = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rid = sqlite3_column_int64 (stmt, 0);
      const char *topic = _zr_column_text (stmt, 1);
      guint slot;

      while (cur < facts->n && facts->ids[cur] < rid)
        cur++;
      if (cur == facts->n || facts->ids[cur] != rid || topic == NULL)
        continue;
      slot = intern_slot (facts, facts->topic_slots, topic, TOPIC_LUMP, &facts->topic_lumped);
      facts->topics[cur] |= 1u << slot;
    }
  return done_ok (h, rc, error);
}

typedef struct
{
  GHashTable *ids;     /* name (in strings) → provisional id + 1 */
  GPtrArray  *names;   /* provisional id → name */
} NameDict;

static guint32
name_id (ZrFacts    *facts,
         NameDict   *dict,
         const char *name)
{
  gpointer v = g_hash_table_lookup (dict->ids, name);
  char *copy;

  if (v != NULL)
    return GPOINTER_TO_UINT (v) - 1;
  copy = g_string_chunk_insert_const (facts->strings, name);
  g_ptr_array_add (dict->names, copy);
  g_hash_table_insert (dict->ids, copy, GUINT_TO_POINTER (dict->names->len));
  return dict->names->len - 1;
}

/* Reads (record_id, name) rows in record order into CSR arrays. With
 * @distinct a name is kept once a record. */
static gboolean
load_csr (ZrFacts     *facts,
          sqlite3     *h,
          const char  *sql,
          gboolean     distinct,
          NameDict    *dict,
          guint32    **out_off,
          guint32    **out_names,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (h, sql, error);
  g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree guint32 *off = g_new0 (guint32, facts->n + 1);
  guint cur = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rid = sqlite3_column_int64 (stmt, 0);
      const char *name = _zr_column_text (stmt, 1);
      guint32 id;
      gboolean seen = FALSE;

      while (cur < facts->n && facts->ids[cur] < rid)
        cur++;
      if (cur == facts->n || facts->ids[cur] != rid || name == NULL)
        continue;
      id = name_id (facts, dict, name);
      if (distinct)
        for (guint k = names->len - off[cur + 1]; k < names->len && !seen; k++)
          seen = g_array_index (names, guint32, k) == id;
      if (seen)
        continue;
      g_array_append_val (names, id);
      off[cur + 1]++;
    }
  if (!done_ok (h, rc, error))
    return FALSE;
  for (guint i = 0; i < facts->n; i++)
    off[i + 1] += off[i];
  *out_off = g_steal_pointer (&off);
  *out_names = (guint32 *) (gpointer) g_array_free (g_steal_pointer (&names), FALSE);
  return TRUE;
}

static int
name_cmp (const void *a,
          const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Renumbers the names in byte order of their text, so that "ties by name"
 * is "ties by id". */
static void
sort_names (ZrFacts  *facts,
            NameDict *dict)
{
  guint n = dict->names->len;
  g_autofree guint32 *remap = g_new (guint32, MAX (n, 1));
  guint32 *arrays[2] = { facts->byline_names, facts->quote_names };
  guint lens[2] = { facts->byline_off[facts->n], facts->quote_off[facts->n] };

  g_ptr_array_set_size (facts->names, n);
  if (n == 0)
    return;   /* no names: nothing to copy (pdata may be NULL) */
  memcpy (facts->names->pdata, dict->names->pdata, n * sizeof (gpointer));
  qsort (facts->names->pdata, n, sizeof (gpointer), name_cmp);
  for (guint i = 0; i < n; i++)
    remap[GPOINTER_TO_UINT (g_hash_table_lookup (dict->ids, facts->names->pdata[i])) - 1] = i;
  for (guint a = 0; a < 2; a++)
    for (guint k = 0; k < lens[a]; k++)
      arrays[a][k] = remap[arrays[a][k]];
}

static ZrFacts *
facts_build (ZrDatabase  *db,
             GError     **error)
{
  sqlite3 *h = zr_database_get_handle (db);
  g_autoptr(ZrFacts) facts = g_new0 (ZrFacts, 1);
  gboolean own_transaction = sqlite3_get_autocommit (h);
  const char * const *districts = zr_classifier_list_districts ();
  const char * const *topics = zr_classifier_list_topics ();
  NameDict dict;
  gboolean ok;
  int rc;

  g_atomic_ref_count_init (&facts->ref_count);
  facts->strings = g_string_chunk_new (64 * 1024);
  facts->district_slots = g_hash_table_new (g_str_hash, g_str_equal);
  facts->topic_slots = g_hash_table_new (g_str_hash, g_str_equal);
  facts->source_names = g_ptr_array_new ();
  facts->names = g_ptr_array_new ();
  /* the classifier's lists take the first slots, in their order */
  for (guint i = 0; districts[i] != NULL; i++)
    intern_slot (facts, facts->district_slots, districts[i], DISTRICT_LUMP, &facts->district_lumped);
  for (guint i = 0; topics[i] != NULL; i++)
    intern_slot (facts, facts->topic_slots, topics[i], TOPIC_LUMP, &facts->topic_lumped);

  /* one read transaction: every SELECT sees the same library, and the
   * stamps say which one */
  if (own_transaction && (rc = sqlite3_exec (h, "BEGIN", NULL, NULL, NULL)) != SQLITE_OK)
    {
      _zr_database_set_error (h, rc, _("Could not read the library"), error);
      return NULL;
    }

  dict.ids = g_hash_table_new (g_str_hash, g_str_equal);
  dict.names = g_ptr_array_new ();
  ok = read_stamps (db, &facts->generation, &facts->total_changes, &facts->data_version, error) &&
       load_records (facts, h, error) &&
       load_topics (facts, h, error) &&
       load_csr (facts, h, "SELECT record_id, name FROM bylines ORDER BY record_id, position", TRUE,
                 &dict, &facts->byline_off, &facts->byline_names, error) &&
       load_csr (facts, h, "SELECT record_id, speaker FROM quotes WHERE speaker IS NOT NULL ORDER BY record_id", FALSE,
                 &dict, &facts->quote_off, &facts->quote_names, error);
  if (ok)
    sort_names (facts, &dict);
  g_hash_table_unref (dict.ids);
  g_ptr_array_unref (dict.names);

  if (own_transaction)
    sqlite3_exec (h, ok ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
  if (!ok)
    return NULL;
  return g_steal_pointer (&facts);
}

ZrFacts *
zr_facts_dup_for_database (ZrDatabase  *db,
                           GError     **error)
{
  ZrFacts *cached;
  ZrFacts *facts;

  g_return_val_if_fail (ZR_IS_DATABASE (db), NULL);

  cached = g_object_get_data (G_OBJECT (db), FACTS_KEY);
  if (cached != NULL)
    {
      guint64 generation;
      sqlite3_int64 changes;
      gint64 version;

      if (!read_stamps (db, &generation, &changes, &version, error))
        return NULL;
      if (generation == cached->generation && changes == cached->total_changes && version == cached->data_version)
        return zr_facts_ref (cached);
      zr_facts_invalidate (db);
    }

  facts = facts_build (db, error);
  if (facts == NULL)
    return NULL;
  /* Facts read inside the caller's transaction may be rolled back with
   * it: they serve this call only. */
  if (sqlite3_get_autocommit (zr_database_get_handle (db)))
    g_object_set_data_full (G_OBJECT (db), FACTS_KEY, zr_facts_ref (facts), (GDestroyNotify) zr_facts_unref);
  return facts;
}

void
zr_facts_invalidate (ZrDatabase *db)
{
  g_return_if_fail (ZR_IS_DATABASE (db));
  g_object_set_data (G_OBJECT (db), FACTS_KEY, NULL);
}

/* Filtering and counting */

gboolean
zr_facts_can_answer (ZrFacts        *facts,
                     const ZrFilter *filter)
{
  if (filter == NULL)
    return TRUE;
  if (facts->district_lumped && filter->districts != NULL)
    for (guint i = 0; filter->districts[i] != NULL; i++)
      if (!g_hash_table_contains (facts->district_slots, filter->districts[i]))
        return FALSE;
  if (facts->topic_lumped && filter->topics != NULL)
    for (guint i = 0; filter->topics[i] != NULL; i++)
      if (!g_hash_table_contains (facts->topic_slots, filter->topics[i]))
        return FALSE;
  return TRUE;
}

/* Index of record @id, or -1. */
static gssize
record_index (ZrFacts *facts,
              gint64   id)
{
  gsize lo = 0, hi = facts->n;

  if (facts->n == 0)
    return -1;
  if (facts->dense)
    return id >= facts->ids[0] && id <= facts->ids[facts->n - 1] ? (gssize) (id - facts->ids[0]) : -1;
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      if (facts->ids[mid] < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < facts->n && facts->ids[lo] == id ? (gssize) lo : -1;
}

/* Bitmap over record indexes of the records matching @match. */
static guint64 *
query_bitmap (ZrFacts     *facts,
              ZrDatabase  *db,
              const char  *match,
              GError     **error)
{
  sqlite3_stmt *stmt = _zr_stmt (db, "SELECT rowid FROM record_fts WHERE record_fts MATCH ?", error);
  g_autofree guint64 *bits = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  bits = g_new0 (guint64, facts->n / 64 + 1);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gssize i = record_index (facts, sqlite3_column_int64 (stmt, 0));
      if (i >= 0)
        bits[i >> 6] |= G_GUINT64_CONSTANT (1) << (i & 63);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _zr_database_set_error (zr_database_get_handle (db), rc, _("Could not search the library"), error);
      return NULL;
    }
  return g_steal_pointer (&bits);
}

void
zr_facts_tally_free (ZrFactsTally *tally)
{
  if (tally == NULL)
    return;
  g_free (tally->by_district);
  g_free (tally->by_topic);
  g_free (tally->by_source);
  g_free (tally->by_reporter);
  g_free (tally->by_speaker);
  g_free (tally);
}

ZrFactsTally *
zr_facts_tally (ZrFacts            *facts,
                ZrDatabase         *db,
                const ZrFilter     *filter,
                ZrFactsTallyFlags   what,
                GError            **error)
{
  g_autoptr(ZrFactsTally) t = g_new0 (ZrFactsTally, 1);
  g_autofree guint64 *qbits = NULL;
  g_autofree char *match = NULL;
  guint8 dsel[N_DISTRICT_SLOTS];
  gboolean by_d = FALSE, by_t = FALSE;
  guint32 tmask = 0;
  guint articles = 0;
  guint64 chars = 0;
  guint *by_district = NULL, *by_topic = NULL, *by_source = NULL, *by_reporter = NULL, *by_speaker = NULL;

  g_return_val_if_fail (facts != NULL, NULL);

  if (filter != NULL && filter->districts != NULL && filter->districts[0] != NULL)
    {
      by_d = TRUE;
      memset (dsel, 0, sizeof dsel);
      for (guint i = 0; filter->districts[i] != NULL; i++)
        {
          gpointer v = g_hash_table_lookup (facts->district_slots, filter->districts[i]);
          if (v != NULL)
            dsel[GPOINTER_TO_UINT (v) - 1] = 1;
        }
    }
  if (filter != NULL && filter->topics != NULL && filter->topics[0] != NULL)
    {
      by_t = TRUE;
      for (guint i = 0; filter->topics[i] != NULL; i++)
        {
          gpointer v = g_hash_table_lookup (facts->topic_slots, filter->topics[i]);
          if (v != NULL)
            tmask |= 1u << (GPOINTER_TO_UINT (v) - 1);
        }
    }
  if (filter != NULL && (match = zr_search_build_match (filter->query)) != NULL)
    {
      qbits = query_bitmap (facts, db, match, error);
      if (qbits == NULL)
        return NULL;
    }

  if (what & ZR_FACTS_TALLY_DISTRICTS)
    by_district = t->by_district = g_new0 (guint, N_DISTRICT_SLOTS);
  if (what & ZR_FACTS_TALLY_TOPICS)
    by_topic = t->by_topic = g_new0 (guint, N_TOPIC_SLOTS);
  if (what & ZR_FACTS_TALLY_SOURCES)
    by_source = t->by_source = g_new0 (guint, MAX (facts->source_names->len, 1));
  if (what & ZR_FACTS_TALLY_REPORTERS)
    by_reporter = t->by_reporter = g_new0 (guint, MAX (facts->names->len, 1));
  if (what & ZR_FACTS_TALLY_SPEAKERS)
    by_speaker = t->by_speaker = g_new0 (guint, MAX (facts->names->len, 1));

  for (guint i = 0; i < facts->n; i++)
    {
      guint32 topics = facts->topics[i];
      gboolean t_ok = !by_t || (topics & tmask) != 0;

      if (qbits != NULL && (qbits[i >> 6] & (G_GUINT64_CONSTANT (1) << (i & 63))) == 0)
        continue;
      /* the district counts ignore the filter's districts… */
      if (by_district != NULL && t_ok)
        by_district[facts->district[i]]++;
      if (by_d && !dsel[facts->district[i]])
        continue;
      /* …the topic counts its topics */
      if (by_topic != NULL)
        for (guint32 m = topics; m != 0; m &= m - 1)
          by_topic[__builtin_ctz (m)]++;
      if (!t_ok)
        continue;

      articles++;
      chars += facts->chars[i];
      if (by_source != NULL)
        by_source[facts->source[i]]++;
      if (by_reporter != NULL)
        for (guint32 k = facts->byline_off[i]; k < facts->byline_off[i + 1]; k++)
          by_reporter[facts->byline_names[k]]++;
      if (by_speaker != NULL)
        for (guint32 k = facts->quote_off[i]; k < facts->quote_off[i + 1]; k++)
          by_speaker[facts->quote_names[k]]++;
    }

  t->articles = articles;
  t->chars = chars;
  return g_steal_pointer (&t);
}

typedef struct
{
  guint count;
  guint index;
} Ranked;

static int
ranked_cmp (const void *a,
            const void *b)
{
  const Ranked *x = a, *y = b;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

GArray *
zr_facts_rank (const guint *counts,
               guint        n,
               guint        limit)
{
  g_autoptr(GArray) top = g_array_new (FALSE, FALSE, sizeof (Ranked));
  GArray *result;
  guint len = 0;

  if (limit == 0 || limit >= n)
    {
      for (guint i = 0; i < n; i++)
        if (counts[i] > 0)
          {
            Ranked r = { counts[i], i };
            g_array_append_val (top, r);
          }
      if (top->len > 1)   /* data is NULL while the array is empty */
        qsort (top->data, top->len, sizeof (Ranked), ranked_cmp);
    }
  else
    {
      /* the best @limit so far, in order; indexes come in increasing
       * order, so a newcomer loses every tie */
      Ranked *r;

      g_array_set_size (top, limit);
      r = (Ranked *) (gpointer) top->data;
      for (guint i = 0; i < n; i++)
        {
          guint c = counts[i], pos;
          if (c == 0 || (len == limit && c <= r[len - 1].count))
            continue;
          pos = len == limit ? limit - 1 : len++;
          for (; pos > 0 && r[pos - 1].count < c; pos--)
            r[pos] = r[pos - 1];
          r[pos].count = c;
          r[pos].index = i;
        }
      g_array_set_size (top, len);
    }

  result = g_array_sized_new (FALSE, FALSE, sizeof (guint), top->len);
  for (guint i = 0; i < top->len; i++)
    g_array_append_val (result, g_array_index (top, Ranked, i).index);
  return result;
}
