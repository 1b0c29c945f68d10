/* zr-search.c: Chinese full-text search (FTS5 with our own tokenizer)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tokenizer emits one token per indexed character (Han, letters,
 * digits, after folding full-width forms and case), and one separator
 * token for each run of characters that are not indexed (punctuation,
 * spaces, symbols) between two indexed ones. Every query term becomes an
 * FTS5 phrase of its characters, so a term matches exactly where its
 * folded text is a substring of the folded field: "城管" does not match
 * "城，管" (the separator sits between), and "城，管" matches "城。管".
 *
 * Ranking does not touch every hit: common characters hit most of the
 * library, and bm25 over 100,000 rows costs hundreds of milliseconds.
 * Candidates are the newest ZR_SEARCH_CANDIDATES hits (FTS5 hands them
 * out in rowid order without sorting); only those are scored with bm25
 * (headline weighted highest) and sorted.
 *
 * A fourth column "tag" holds a marker token in every row, so a query of
 * only excluded terms ("-城管") can be written as marker NOT (…).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zr-database-private.h"
#include "zr-error.h"
#include "zr-filter-private.h"
#include "zr-search.h"

/* How many hits (newest first) are ranked. */
#define ZR_SEARCH_CANDIDATES 1000

/* Tokens that no character folds to. */
#define SEP_TOKEN    "\x01"
#define MARKER_TOKEN "\x02"
/* The text of the tag column; the tokenizer turns exactly this text
 * into MARKER_TOKEN. U+E000 is never indexed otherwise. */
#define MARKER_TEXT  "\xee\x80\x80"
#define MARKER_CHAR  0xE000

#define BM25_WEIGHTS "10.0, 3.0, 1.0, 0.0"

void
zr_search_hit_free (ZrSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->headline);
  g_free (hit->district);
  g_free (hit->snippet);
  g_free (hit);
}

/* Returns the folded character, or 0 when @c is not indexed. */
static inline gunichar
fold_char (gunichar c)
{
  if (c >= 0xFF01 && c <= 0xFF5E)
    c -= 0xFEE0;
  if (c < 0x80)
    {
      if (g_ascii_isalnum (c))
        return g_ascii_tolower (c);
      return 0;
    }
  if (c == MARKER_CHAR)
    return 0;

  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_PRIVATE_USE:
      return g_unichar_tolower (c);
    default:
      return 0;
    }
}

/* Decodes one character at @p (before @end); invalid bytes decode as
 * U+FFFD, one byte at a time. */
static inline gunichar
next_char (const char  *p,
           const char  *end,
           int         *len)
{
  gunichar c;

  if ((guchar) *p < 0x80)
    {
      *len = 1;
      return (guchar) *p;
    }
  c = g_utf8_get_char_validated (p, end - p);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *len = 1;
      return 0xFFFD;
    }
  *len = g_utf8_next_char (p) - p;
  return c;
}

char *
zr_search_fold (const char *text)
{
  GString *out;
  const char *p, *end;
  gboolean pending_space = FALSE;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text));
  end = text + strlen (text);
  for (p = text; p < end;)
    {
      int len;
      gunichar c = fold_char (next_char (p, end, &len));

      if (c == 0)
        pending_space = out->len > 0;
      else
        {
          if (pending_space)
            g_string_append_c (out, ' ');
          pending_space = FALSE;
          g_string_append_unichar (out, c);
        }
      p += len;
    }
  return g_string_free (out, FALSE);
}

/* Tokenizer */

typedef struct
{
  int unused;
} ZrTokenizer;

static int
tokenizer_create (void            *user_data,
                  const char     **argv,
                  int              argc,
                  Fts5Tokenizer  **out)
{
  *out = (Fts5Tokenizer *) g_new0 (ZrTokenizer, 1);
  return SQLITE_OK;
}

static void
tokenizer_delete (Fts5Tokenizer *tokenizer)
{
  g_free (tokenizer);
}

static int
tokenizer_tokenize (Fts5Tokenizer *tokenizer,
                    void          *ctx,
                    int            flags,
                    const char    *text,
                    int            n_text,
                    int          (*token) (void       *ctx,
                                           int         tflags,
                                           const char *tok,
                                           int         n_tok,
                                           int         start,
                                           int         end))
{
  const char *p, *end;
  gboolean seen = FALSE;
  int sep_start = -1;

  if (text == NULL || n_text <= 0)
    return SQLITE_OK;

  if (n_text == (int) strlen (MARKER_TEXT) && memcmp (text, MARKER_TEXT, n_text) == 0)
    return token (ctx, 0, MARKER_TOKEN, 1, 0, n_text);

  end = text + n_text;
  for (p = text; p < end;)
    {
      int len, rc;
      gunichar c = fold_char (next_char (p, end, &len));

      if (c == 0)
        {
          if (seen && sep_start < 0)
            sep_start = p - text;
        }
      else
        {
          char buf[8];
          int n_buf = g_unichar_to_utf8 (c, buf);

          if (sep_start >= 0)
            {
              rc = token (ctx, 0, SEP_TOKEN, 1, sep_start, p - text);
              if (rc != SQLITE_OK)
                return rc;
              sep_start = -1;
            }
          rc = token (ctx, 0, buf, n_buf, p - text, p - text + len);
          if (rc != SQLITE_OK)
            return rc;
          seen = TRUE;
        }
      p += len;
    }
  return SQLITE_OK;
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return api;
}

gboolean
zr_search_register_tokenizer (sqlite3  *db,
                              GError  **error)
{
  static fts5_tokenizer tokenizer = {
    tokenizer_create,
    tokenizer_delete,
    tokenizer_tokenize,
  };
  fts5_api *api;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);

  api = get_fts5_api (db);
  if (api == NULL)
    {
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED,
                   _("Full-text search is not available: this SQLite has no FTS5"));
      return FALSE;
    }
  rc = api->xCreateTokenizer (api, ZR_SEARCH_TOKENIZER, NULL, &tokenizer, NULL);
  if (rc != SQLITE_OK)
    return _zr_database_set_error (db, rc, _("Could not set up full-text search"), error);
  return TRUE;
}

/* The index keeps no copy of the text: its content is this view over the
 * records and paragraphs the importer stored (external content). So the
 * record's rows must still be there when it is unindexed, and already
 * there when it is indexed, which is the importer's order. */
gboolean
zr_search_create_schema (ZrDatabase  *db,
                         GError     **error)
{
  return zr_database_exec (db,
                           "CREATE VIEW record_fts_text AS SELECT"
                           "  r.id AS id,"
                           "  coalesce (r.headline, '') AS headline,"
                           "  substr (coalesce (char(10) || nullif (r.column_label, ''), '')"
                           "       || coalesce (char(10) || nullif (r.kicker, ''), '')"
                           "       || coalesce (char(10) || nullif (coalesce (nullif (r.byline_text, ''),"
                           "            (SELECT group_concat (coalesce (nullif (b.role, '') || char(10), '') || b.name, char(10))"
                           "             FROM bylines b WHERE b.record_id = r.id)), ''), ''), 2) AS meta,"
                           "  coalesce ((SELECT group_concat (p.text, char(10)) FROM paragraphs p"
                           "             WHERE p.record_id = r.id), '') AS body,"
                           "  '" MARKER_TEXT "' AS tag"
                           " FROM records r;"
                           "CREATE VIRTUAL TABLE record_fts USING fts5 ("
                           "  headline, meta, body, tag,"
                           "  content = 'record_fts_text', content_rowid = 'id',"
                           "  tokenize = '" ZR_SEARCH_TOKENIZER "'"
                           ")",
                           error);
}

static gboolean
is_indexed (ZrDatabase  *db,
            gint64       record_id,
            gboolean    *indexed,
            GError     **error)
{
  sqlite3_stmt *stmt = _zr_stmt (db, "SELECT 1 FROM record_fts_docsize WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _zr_database_set_error (zr_database_get_handle (db), rc, _("Could not read the search index"), error);
  *indexed = rc == SQLITE_ROW;
  return TRUE;
}

/* The record's text is read back from the rows the importer stored (the
 * view above), so the index holds exactly what snippets are cut from;
 * @record itself is not read. Re-indexing an indexed record first
 * unindexes it, which is only right if its rows did not change since. */
gboolean
zr_search_index_record (ZrDatabase      *db,
                        gint64           record_id,
                        const ZrRecord  *record,
                        GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ZR_IS_DATABASE (db), FALSE);

  if (!zr_search_unindex_record (db, record_id, error))
    return FALSE;

  stmt = _zr_stmt (db,
                   "INSERT INTO record_fts (rowid, headline, meta, body, tag)"
                   " SELECT id, headline, meta, body, tag FROM record_fts_text WHERE id = ?",
                   error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _zr_database_set_error (zr_database_get_handle (db), rc,
                                   _("Could not add an article to the search index"), error);
  return TRUE;
}

/* Must run while the record's rows are still stored: the tokens to remove
 * are found by reading them. Unindexing a record that is not indexed does
 * nothing. */
gboolean
zr_search_unindex_record (ZrDatabase  *db,
                          gint64       record_id,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean indexed = FALSE;
  int rc;

  g_return_val_if_fail (ZR_IS_DATABASE (db), FALSE);

  if (!is_indexed (db, record_id, &indexed, error))
    return FALSE;
  if (!indexed)
    return TRUE;

  stmt = _zr_stmt (db,
                   "INSERT INTO record_fts (record_fts, rowid, headline, meta, body, tag)"
                   " SELECT 'delete', id, headline, meta, body, tag FROM record_fts_text WHERE id = ?",
                   error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _zr_database_set_error (zr_database_get_handle (db), rc,
                                   _("Could not remove an article from the search index"), error);
  return TRUE;
}

gboolean
zr_search_rebuild (ZrDatabase  *db,
                   GError     **error)
{
  g_return_val_if_fail (ZR_IS_DATABASE (db), FALSE);
  return zr_database_exec (db, "INSERT INTO record_fts (record_fts) VALUES ('rebuild')", error);
}

/* Query language */

static gboolean
is_quote (gunichar c)
{
  return c == '"' || c == 0xFF02 || c == 0x201C || c == 0x201D;
}

static gboolean
is_minus (gunichar c)
{
  return c == '-' || c == 0xFF0D || c == 0x2212;
}

/* The indexed characters of [start, end), folded, with one space for each
 * run of others, trimmed; NULL when nothing is left. */
static char *
clean_term (const char *start,
            const char *end)
{
  g_autofree char *piece = g_strndup (start, end - start);
  g_autofree char *folded = zr_search_fold (piece);
  const char *p;
  guint n = 0;

  if (*folded == '\0')
    return NULL;
  for (p = folded; *p != '\0'; p = g_utf8_next_char (p))
    if (*p != ' ' && ++n > ZR_SEARCH_MAX_TERM_CHARS)
      break;
  if (*p != '\0')
    {
      /* cut, and drop a separator left at the end */
      gsize len = p - folded;
      if (len > 0 && folded[len - 1] == ' ')
        len--;
      folded[len] = '\0';
    }
  return g_steal_pointer (&folded);
}

typedef struct
{
  GPtrArray *positive;
  GPtrArray *negative;
} ZrQuery;

static void
zr_query_clear (ZrQuery *query)
{
  g_clear_pointer (&query->positive, g_ptr_array_unref);
  g_clear_pointer (&query->negative, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ZrQuery, zr_query_clear)

static void
parse_query (const char *user_query,
             ZrQuery    *query)
{
  g_autofree char *valid = NULL;
  const char *p;
  guint n_terms = 0;

  query->positive = g_ptr_array_new_with_free_func (g_free);
  query->negative = g_ptr_array_new_with_free_func (g_free);
  if (user_query == NULL)
    return;

  valid = g_utf8_make_valid (user_query, -1);
  p = valid;
  while (*p != '\0' && n_terms < ZR_SEARCH_MAX_TERMS)
    {
      gboolean negative = FALSE;
      const char *start, *stop;
      char *term;
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }

      if (is_minus (c))
        {
          const char *next = g_utf8_next_char (p);
          if (*next != '\0' && !g_unichar_isspace (g_utf8_get_char (next)))
            {
              negative = TRUE;
              p = next;
              c = g_utf8_get_char (p);
            }
        }

      if (is_quote (c))
        {
          start = g_utf8_next_char (p);
          for (stop = start; *stop != '\0' && !is_quote (g_utf8_get_char (stop));)
            stop = g_utf8_next_char (stop);
          p = *stop != '\0' ? g_utf8_next_char (stop) : stop;
        }
      else
        {
          start = p;
          for (stop = start; *stop != '\0' && !g_unichar_isspace (g_utf8_get_char (stop));)
            stop = g_utf8_next_char (stop);
          p = stop;
        }

      term = clean_term (start, stop);
      if (term == NULL)
        continue;
      g_ptr_array_add (negative ? query->negative : query->positive, term);
      n_terms++;
    }
}

/* Our terms never hold a double quote (it is not indexed), but quote as
 * FTS5 wants anyway. */
static void
append_string (GString    *out,
               const char *term)
{
  g_string_append_c (out, '"');
  for (const char *p = term; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_terms (GString    *out,
              GPtrArray  *terms,
              const char *op)
{
  for (guint i = 0; i < terms->len; i++)
    {
      if (i > 0)
        g_string_append (out, op);
      append_string (out, g_ptr_array_index (terms, i));
    }
}

static char *
query_to_match (ZrQuery *query)
{
  GString *out;

  if (query->positive->len == 0 && query->negative->len == 0)
    return NULL;

  out = g_string_new (NULL);
  g_string_append_c (out, '(');
  if (query->positive->len > 0)
    append_terms (out, query->positive, " AND ");
  else
    append_string (out, MARKER_TEXT);
  g_string_append_c (out, ')');
  if (query->negative->len > 0)
    {
      g_string_append (out, " NOT (");
      append_terms (out, query->negative, " OR ");
      g_string_append_c (out, ')');
    }
  return g_string_free (out, FALSE);
}

/**
 * zr_search_build_match:
 * @user_query: (nullable): what the user typed
 *
 * Space separates terms that must all be found; "…" (or “…”) makes one
 * term of text with spaces; a leading - excludes records holding the term.
 * Everything else is literal text: characters that are not indexed act
 * as separators inside a term and vanish at its ends.
 *
 * Returns: (transfer full) (nullable): an FTS5 MATCH expression, or %NULL
 *   when the query has no term (no filter)
 */
char *
zr_search_build_match (const char *user_query)
{
  g_auto(ZrQuery) query = { NULL, NULL };

  parse_query (user_query, &query);
  return query_to_match (&query);
}

/* Results */

static sqlite3_stmt *
prepare (ZrDatabase  *db,
         const char  *sql,
         GError     **error)
{
  sqlite3 *handle = zr_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _zr_database_set_error (handle, rc, _("Could not search the library"), error);
      return NULL;
    }
  return stmt;
}

typedef struct
{
  gint64 id;
  double score;
} Candidate;

static int
candidate_compare (gconstpointer a,
                   gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->score != cb->score)
    return ca->score < cb->score ? -1 : 1;
  /* newer first on ties */
  return ca->id > cb->id ? -1 : (ca->id < cb->id ? 1 : 0);
}

static gboolean
collect_candidates (ZrDatabase      *db,
                    const char      *match,
                    const ZrFilter  *filter,
                    GHashTable      *seen,
                    GArray          *candidates,
                    GError         **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  _zr_filter_append_sql (filter, FALSE, where, binds);
  /* joined even without a filter: a stale index entry (a record deleted
   * without being unindexed) never reaches snippet(), which would fail */
  g_string_append (sql, "SELECT record_fts.rowid, bm25(record_fts, " BM25_WEIGHTS ") FROM record_fts"
                        " JOIN records r ON r.id = record_fts.rowid");
  g_string_append (sql, " WHERE record_fts MATCH ?1");
  g_string_append (sql, where->str);
  g_string_append_printf (sql, " ORDER BY record_fts.rowid DESC LIMIT %d", ZR_SEARCH_CANDIDATES);

  stmt = prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  _zr_filter_bind (stmt, 2, binds);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Candidate c = { sqlite3_column_int64 (stmt, 0), sqlite3_column_double (stmt, 1) };
      if (g_hash_table_add (seen, g_memdup2 (&c.id, sizeof c.id)))
        g_array_append_val (candidates, c);
    }
  if (rc != SQLITE_DONE)
    return _zr_database_set_error (zr_database_get_handle (db), rc, _("Could not search the library"), error);
  return TRUE;
}

static char *
fetch_snippet (sqlite3_stmt *stmt,
               const char   *match,
               gint64        id,
               int           column)
{
  char *snippet = NULL;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  sqlite3_bind_int (stmt, 3, column);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    snippet = g_strdup (_zr_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return snippet;
}

/**
 * zr_search_run:
 *
 * Returns: (transfer full) (element-type ZrSearchHit): the hits, best
 *   first; %NULL with @error set on a database failure
 */
GPtrArray *
zr_search_run (ZrDatabase      *db,
               const char      *query,
               const ZrFilter  *filter,
               guint            limit,
               GError         **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_search_hit_free);
  g_auto(ZrQuery) parsed = { NULL, NULL };
  g_autofree char *match = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(sqlite3_stmt) info = NULL;
  g_autoptr(sqlite3_stmt) snip = NULL;

  g_return_val_if_fail (ZR_IS_DATABASE (db), NULL);

  parse_query (query, &parsed);
  match = query_to_match (&parsed);
  if (match == NULL || limit == 0)
    return g_steal_pointer (&hits);

  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));

  if (!collect_candidates (db, match, filter, seen, candidates, error))
    return NULL;

  g_array_sort (candidates, candidate_compare);

  info = prepare (db, "SELECT r.headline, r.district FROM records r WHERE r.id = ?", error);
  if (info == NULL)
    return NULL;
  snip = prepare (db,
                  "SELECT snippet(record_fts, ?3, '【', '】', '…', 24) FROM record_fts"
                  " WHERE record_fts MATCH ?1 AND rowid = ?2",
                  error);
  if (snip == NULL)
    return NULL;

  for (guint i = 0; i < candidates->len && hits->len < limit; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);
      ZrSearchHit *hit = g_new0 (ZrSearchHit, 1);

      hit->id = c->id;
      hit->score = -c->score;
      sqlite3_reset (info);
      sqlite3_bind_int64 (info, 1, c->id);
      if (sqlite3_step (info) == SQLITE_ROW)
        {
          hit->headline = g_strdup (_zr_column_text (info, 0));
          hit->district = g_strdup (_zr_column_text (info, 1));
        }
      sqlite3_reset (info);

      /* The body's best passage; the headline or meta line only when the
       * body does not hold a match. */
      hit->snippet = fetch_snippet (snip, match, c->id, 2);
      if (parsed.positive->len > 0 && (hit->snippet == NULL || strstr (hit->snippet, "【") == NULL))
        {
          g_free (hit->snippet);
          hit->snippet = fetch_snippet (snip, match, c->id, -1);
        }
      if (hit->snippet == NULL)
        hit->snippet = g_strdup ("");
      g_ptr_array_add (hits, hit);
    }

  return g_steal_pointer (&hits);
}

guint
zr_search_count (ZrDatabase      *db,
                 const char      *query,
                 const ZrFilter  *filter,
                 GError         **error)
{
  g_autofree char *match = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (ZR_IS_DATABASE (db), 0);

  match = zr_search_build_match (query);
  if (match == NULL)
    return 0;

  _zr_filter_append_sql (filter, FALSE, where, binds);
  g_string_append (sql, "SELECT count(*) FROM record_fts");
  if (where->len > 0)
    g_string_append (sql, " JOIN records r ON r.id = record_fts.rowid");
  g_string_append (sql, " WHERE record_fts MATCH ?1");
  g_string_append (sql, where->str);

  stmt = prepare (db, sql->str, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  _zr_filter_bind (stmt, 2, binds);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _zr_database_set_error (zr_database_get_handle (db), rc, _("Could not search the library"), error);
      return 0;
    }
  return (guint) sqlite3_column_int64 (stmt, 0);
}
