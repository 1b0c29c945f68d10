/* zr-search.c: Chinese full-text search (FTS5 with our own tokenizer)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text is folded (full-width forms to half-width, letters lower-cased) and
 * seen as a string of indexed characters (Han, letters, digits) with one
 * "gap" for each run of characters that are not indexed (punctuation,
 * spaces, symbols). A query term matches a field exactly when its folded
 * text is a substring of the field's folded text; two FTS5 tables over
 * the same stored rows answer that:
 *
 *  - record_fts_uni: one token per character, detail=none (row ids only,
 *    small). Answers terms of one character.
 *  - record_fts_bi: one token per pair of neighbouring characters, with
 *    the gap between them when there is one ("城管", "管局", "局 驿"),
 *    detail=full. A term of two or more characters is the FTS5 phrase of
 *    its pairs: "城管局" is "城管" then "管局" at the next position. The
 *    pairs of a term follow each other in a field exactly where the term
 *    is a substring of it, gaps included, so "城管" does not match "城，管"
 *    and "城，管" matches "城。管".
 *
 * A query's terms go to their table; AND, NOT and phrases become
 * conditions on row ids (one MATCH per table and kind).
 *
 * Ranking does not touch every hit: common pairs hit much of the library,
 * and bm25 over 100,000 rows costs hundreds of milliseconds. Candidates
 * are the newest ZR_SEARCH_CANDIDATES hits (FTS5 hands them out in rowid
 * order without sorting); only those are scored, with bm25 on
 * record_fts_bi (headline weighted highest), or, for queries of single
 * characters only (no positions to score), headline hits first, then
 * newest.
 *
 * "record_fts" is a read-only virtual table of our own (module zr_search)
 * kept for code that asks for row ids with
 *   SELECT rowid FROM record_fts WHERE record_fts MATCH zr_search_build_match (…)
 * and for count(*) of indexed records.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zr-database-private.h"
#include "zr-error.h"
#include "zr-filter-private.h"
#include "zr-search-private.h"
#include "zr-search.h"

/* How many hits (newest first) are ranked. */
#define ZR_SEARCH_CANDIDATES 1000

/* Never indexed (it marked rows in an earlier design; kept out of the
 * index so the folding stays as documented). */
#define MARKER_CHAR  0xE000

/* body, headline, meta */
#define BM25_WEIGHTS "1.0, 10.0, 3.0"

/* Characters around the first hit in a snippet of single characters. */
#define SNIPPET_CHARS 24

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

/* Whether @p starts a character of U+4E00..U+9FA5 (the Han characters of
 * Unicode 1.1: letters that fold_char() keeps as they are), decoded
 * without a call for the common case. */
static inline gboolean
is_plain_han (const char *p,
              const char *end)
{
  const guchar *u = (const guchar *) p;
  gunichar c;

  if (end - p < 3 || u[0] < 0xE4 || u[0] > 0xE9 ||
      (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80)
    return FALSE;
  c = ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
  return c >= 0x4E00 && c <= 0x9FA5;
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

typedef enum
{
  MODE_UNI,
  MODE_BI,
} TokenizerMode;

typedef struct
{
  TokenizerMode mode;
} ZrTokenizer;

static int
tokenizer_create (void            *user_data,
                  const char     **argv,
                  int              argc,
                  Fts5Tokenizer  **out)
{
  ZrTokenizer *tokenizer;
  TokenizerMode mode;

  if (argc == 0 || g_strcmp0 (argv[0], "uni") == 0)
    mode = MODE_UNI;
  else if (g_strcmp0 (argv[0], "bi") == 0)
    mode = MODE_BI;
  else
    return SQLITE_ERROR;
  tokenizer = g_new0 (ZrTokenizer, 1);
  tokenizer->mode = mode;
  *out = (Fts5Tokenizer *) tokenizer;
  return SQLITE_OK;
}

static void
tokenizer_delete (Fts5Tokenizer *tokenizer)
{
  g_free (tokenizer);
}

/* Same tokens for documents and queries: a query term is tokenized as an
 * FTS5 phrase, so in MODE_BI "城管局" becomes the phrase 城管 + 管局. */
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
  TokenizerMode mode = ((ZrTokenizer *) tokenizer)->mode;
  const char *p, *end;
  /* MODE_BI: the previous indexed character, folded, and where it began */
  char prev[8];
  int n_prev = 0, prev_start = 0;
  gboolean gap = FALSE;

  if (text == NULL || n_text <= 0)
    return SQLITE_OK;

  end = text + n_text;
  for (p = text; p < end;)
    {
      int len, rc, start = p - text;
      gunichar c;
      /* the folded character in UTF-8, when it is the input's bytes */
      const char *same = NULL;

      if (is_plain_han (p, end))
        {
          /* a common Han character: indexed, folds to itself */
          c = 0x4E00;
          len = 3;
          same = p;
        }
      else
        c = fold_char (next_char (p, end, &len));

      p += len;
      if (c == 0)
        {
          gap = n_prev > 0;
          continue;
        }

      if (mode == MODE_UNI)
        {
          char buf[8];
          int n_buf;

          if (same != NULL)
            {
              memcpy (buf, same, 3);
              n_buf = 3;
            }
          else
            n_buf = g_unichar_to_utf8 (c, buf);

          rc = token (ctx, 0, buf, n_buf, start, start + len);
          if (rc != SQLITE_OK)
            return rc;
          n_prev = 1;
        }
      else
        {
          char buf[20];
          int n_buf = 0;

          if (n_prev > 0)
            {
              memcpy (buf, prev, n_prev);
              n_buf = n_prev;
              if (gap)
                buf[n_buf++] = ' ';
              if (same != NULL)
                {
                  memcpy (buf + n_buf, same, 3);
                  n_buf += 3;
                }
              else
                n_buf += g_unichar_to_utf8 (c, buf + n_buf);
              rc = token (ctx, 0, buf, n_buf, prev_start, start + len);
              if (rc != SQLITE_OK)
                return rc;
            }
          if (same != NULL)
            {
              memcpy (prev, same, 3);
              n_prev = 3;
            }
          else
            n_prev = g_unichar_to_utf8 (c, prev);
          prev_start = start;
        }
      gap = FALSE;
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

static int register_compat_module (sqlite3 *db);

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
  if (rc == SQLITE_OK)
    rc = register_compat_module (db);
  if (rc != SQLITE_OK)
    return _zr_database_set_error (db, rc, _("Could not set up full-text search"), error);
  return TRUE;
}

/* Schema and indexing */

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
                           "             WHERE p.record_id = r.id), '') AS body"
                           " FROM records r;"
                           "CREATE VIRTUAL TABLE record_fts_uni USING fts5 ("
                           "  headline, meta, body,"
                           "  content = 'record_fts_text', content_rowid = 'id',"
                           "  tokenize = '" ZR_SEARCH_TOKENIZER " uni', detail = none, columnsize = 0"
                           ");"
                           /* body first: positions in column 0 need no
                            * column marker, 2 bytes less for most entries */
                           "CREATE VIRTUAL TABLE record_fts_bi USING fts5 ("
                           "  body, headline, meta,"
                           "  content = 'record_fts_text', content_rowid = 'id',"
                           "  tokenize = '" ZR_SEARCH_TOKENIZER " bi', detail = full"
                           ");"
                           "CREATE VIRTUAL TABLE record_fts USING zr_search",
                           error);
}

/* Runs @sql (one statement, one int64 parameter) to its end. */
static gboolean
run_with_id (ZrDatabase  *db,
             const char  *sql,
             gint64       id,
             const char  *what,
             GError     **error)
{
  sqlite3_stmt *stmt = _zr_stmt (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _zr_database_set_error (zr_database_get_handle (db), rc, what, error);
  return TRUE;
}

/* A record is indexed when record_fts_bi has its size row; both tables
 * are always written together, record_fts_uni first (it is the one that
 * checks). Indexing only records that are not indexed, and unindexing
 * only those that are, keeps the index right whatever the caller did. */
#define NOT_INDEXED " AND NOT EXISTS (SELECT 1 FROM record_fts_bi_docsize d WHERE d.id = record_fts_text.id)"
#define INDEXED     " AND EXISTS (SELECT 1 FROM record_fts_bi_docsize d WHERE d.id = record_fts_text.id)"

#define INDEX_SQL(table, which)                                                        \
  "INSERT INTO " table " (rowid, headline, meta, body)"                                \
  " SELECT id, headline, meta, body FROM record_fts_text WHERE " which NOT_INDEXED
#define UNINDEX_SQL(table, which)                                                      \
  "INSERT INTO " table " (" table ", rowid, headline, meta, body)"                     \
  " SELECT 'delete', id, headline, meta, body FROM record_fts_text WHERE " which INDEXED

#define ONE_RECORD "id = ?"
#define ONE_SOURCE "id IN (SELECT s.id FROM records s WHERE s.source_id = ?)"

static gboolean
index_where (ZrDatabase  *db,
             gboolean     source,
             gint64       id,
             GError     **error)
{
  const char *what = _("Could not add an article to the search index");

  if (source)
    return run_with_id (db, INDEX_SQL ("record_fts_uni", ONE_SOURCE), id, what, error) &&
           run_with_id (db, INDEX_SQL ("record_fts_bi", ONE_SOURCE), id, what, error);
  return run_with_id (db, INDEX_SQL ("record_fts_uni", ONE_RECORD), id, what, error) &&
         run_with_id (db, INDEX_SQL ("record_fts_bi", ONE_RECORD), id, what, error);
}

static gboolean
unindex_where (ZrDatabase  *db,
               gboolean     source,
               gint64       id,
               GError     **error)
{
  const char *what = _("Could not remove an article from the search index");

  if (source)
    return run_with_id (db, UNINDEX_SQL ("record_fts_uni", ONE_SOURCE), id, what, error) &&
           run_with_id (db, UNINDEX_SQL ("record_fts_bi", ONE_SOURCE), id, what, error);
  return run_with_id (db, UNINDEX_SQL ("record_fts_uni", ONE_RECORD), id, what, error) &&
         run_with_id (db, UNINDEX_SQL ("record_fts_bi", ONE_RECORD), id, what, error);
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
  g_return_val_if_fail (ZR_IS_DATABASE (db), FALSE);

  return unindex_where (db, FALSE, record_id, error) &&
         index_where (db, FALSE, record_id, error);
}

/* Must run while the record's rows are still stored: the tokens to remove
 * are found by reading them. Unindexing a record that is not indexed does
 * nothing. */
gboolean
zr_search_unindex_record (ZrDatabase  *db,
                          gint64       record_id,
                          GError     **error)
{
  g_return_val_if_fail (ZR_IS_DATABASE (db), FALSE);

  return unindex_where (db, FALSE, record_id, error);
}

/* One statement per table for a whole page: FTS5 flushes its pending
 * terms at the end of every statement, so this writes a few large
 * segments where indexing record by record wrote many small ones. */
gboolean
zr_search_index_source (ZrDatabase  *db,
                        gint64       source_id,
                        GError     **error)
{
  g_return_val_if_fail (ZR_IS_DATABASE (db), FALSE);

  return index_where (db, TRUE, source_id, error);
}

gboolean
zr_search_unindex_source (ZrDatabase  *db,
                          gint64       source_id,
                          GError     **error)
{
  g_return_val_if_fail (ZR_IS_DATABASE (db), FALSE);

  return unindex_where (db, TRUE, source_id, error);
}

gboolean
zr_search_rebuild (ZrDatabase  *db,
                   GError     **error)
{
  g_return_val_if_fail (ZR_IS_DATABASE (db), FALSE);
  return zr_database_exec (db,
                           "INSERT INTO record_fts_uni (record_fts_uni) VALUES ('rebuild');"
                           "INSERT INTO record_fts_bi (record_fts_bi) VALUES ('rebuild')",
                           error);
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

/* The query in a form parse_query() reads back to the same terms. */
static char *
query_to_string (ZrQuery *query)
{
  GString *out;

  if (query->positive->len == 0 && query->negative->len == 0)
    return NULL;

  out = g_string_new (NULL);
  for (guint i = 0; i < query->positive->len; i++)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      append_string (out, g_ptr_array_index (query->positive, i));
    }
  for (guint i = 0; i < query->negative->len; i++)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, '-');
      append_string (out, g_ptr_array_index (query->negative, i));
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
 * Returns: (transfer full) (nullable): the query with its terms folded
 *   and quoted ("城管" -"驿站"), which the virtual table record_fts
 *   takes on the right of MATCH; %NULL when the query has no term (no
 *   filter)
 */
char *
zr_search_build_match (const char *user_query)
{
  g_auto(ZrQuery) query = { NULL, NULL };

  parse_query (user_query, &query);
  return query_to_string (&query);
}

/* A term of one character is answered by record_fts_uni, a longer one
 * (gaps count) by record_fts_bi. */
static gboolean
is_single (const char *term)
{
  return *term != '\0' && *g_utf8_next_char (term) == '\0';
}

/* What a query asks of each table, as FTS5 MATCH expressions. */
typedef struct
{
  char *match[2];       /* positive terms (AND), NOT its negative ones */
  char *match_not[2];   /* negative terms (OR) of a table without positive ones */
} Plan;

enum
{
  TABLE_BI,
  TABLE_UNI,
};

static const char *table_names[] = { "record_fts_bi", "record_fts_uni" };

static void
plan_clear (Plan *plan)
{
  for (guint t = 0; t < 2; t++)
    {
      g_clear_pointer (&plan->match[t], g_free);
      g_clear_pointer (&plan->match_not[t], g_free);
    }
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Plan, plan_clear)

static char *
terms_expression (GPtrArray  *terms,
                  gboolean    single,
                  const char *op)
{
  GString *out = NULL;

  for (guint i = 0; i < terms->len; i++)
    {
      const char *term = g_ptr_array_index (terms, i);

      if (is_single (term) != single)
        continue;
      if (out == NULL)
        out = g_string_new (NULL);
      else
        g_string_append (out, op);
      append_string (out, term);
    }
  return out != NULL ? g_string_free (out, FALSE) : NULL;
}

/* FALSE when the query has no term. */
static gboolean
make_plan (ZrQuery *query,
           Plan    *plan)
{
  for (guint t = 0; t < 2; t++)
    {
      g_autofree char *pos = terms_expression (query->positive, t == TABLE_UNI, " AND ");
      g_autofree char *neg = terms_expression (query->negative, t == TABLE_UNI, " OR ");

      if (pos != NULL && neg != NULL)
        plan->match[t] = g_strdup_printf ("(%s) NOT (%s)", pos, neg);
      else if (pos != NULL)
        plan->match[t] = g_steal_pointer (&pos);
      else
        plan->match_not[t] = g_steal_pointer (&neg);
    }
  return query->positive->len > 0 || query->negative->len > 0;
}

/* Appends the plan's conditions on the record id @column, leaving out
 * the positive match of table @skip (the one the caller reads directly),
 * or none (-1). */
static void
append_plan (const Plan *plan,
             int         skip,
             const char *column,
             GString    *where,
             GPtrArray  *binds)
{
  /* With a table read directly, the others are only checked against its
   * hits: the unary + keeps SQLite from turning "rowid IN (…)" into one
   * MATCH of the direct table per row of the other (seconds). */
  const char *plus = skip >= 0 ? "+" : "";

  for (guint t = 0; t < 2; t++)
    {
      if (plan->match[t] != NULL && (int) t != skip)
        {
          g_string_append_printf (where, " AND %s%s IN (SELECT rowid FROM %s WHERE %s MATCH ?)",
                                  plus, column, table_names[t], table_names[t]);
          g_ptr_array_add (binds, g_strdup (plan->match[t]));
        }
      if (plan->match_not[t] != NULL)
        {
          g_string_append_printf (where, " AND %s%s NOT IN (SELECT rowid FROM %s WHERE %s MATCH ?)",
                                  plus, column, table_names[t], table_names[t]);
          g_ptr_array_add (binds, g_strdup (plan->match_not[t]));
        }
    }
}

/* The table that is read directly (its hits come out newest last, and
 * counting them needs no other table), or -1 for a query of excluded
 * terms only. */
static int
plan_driver (const Plan *plan)
{
  if (plan->match[TABLE_BI] != NULL)
    return TABLE_BI;
  if (plan->match[TABLE_UNI] != NULL)
    return TABLE_UNI;
  return -1;
}

/* " FROM … WHERE …" of the records @plan finds; the record id is
 * returned (an SQL expression). With @join_records, the records table
 * is there as "r" (for filters and columns; it also drops index entries
 * of records that are gone). */
static const char *
append_from_plan (const Plan *plan,
                  gboolean    join_records,
                  GString    *sql,
                  GPtrArray  *binds)
{
  static const char *rowid_columns[] = { "record_fts_bi.rowid", "record_fts_uni.rowid" };
  int driver = plan_driver (plan);
  const char *column;

  if (driver < 0)
    {
      g_string_append (sql, " FROM records r WHERE 1");
      column = "r.id";
    }
  else
    {
      g_string_append_printf (sql, " FROM %s", table_names[driver]);
      /* CROSS JOIN: the index is the outer loop. Left to itself, SQLite
       * may walk records by a filter's index and run the MATCH once per
       * record (a second for a district filter) */
      if (join_records)
        g_string_append_printf (sql, " CROSS JOIN records r ON r.id = %s", rowid_columns[driver]);
      g_string_append_printf (sql, " WHERE %s MATCH ?", table_names[driver]);
      g_ptr_array_add (binds, g_strdup (plan->match[driver]));
      column = join_records ? "r.id" : rowid_columns[driver];
    }
  append_plan (plan, driver, column, sql, binds);
  return driver < 0 ? "r.id" : rowid_columns[driver];
}

gboolean
_zr_search_append_sql (const char *query,
                       GString    *where,
                       GPtrArray  *binds)
{
  g_auto(ZrQuery) parsed = { NULL, NULL };
  g_auto(Plan) plan = { { NULL } };

  parse_query (query, &parsed);
  if (!make_plan (&parsed, &plan))
    return FALSE;
  append_plan (&plan, -1, "r.id", where, binds);
  return TRUE;
}

/* The virtual table record_fts: rows are the indexed records; with
 * "record_fts MATCH ?" (a zr_search_build_match() string, or any user
 * query) only those the query finds. Read-only. */

typedef struct
{
  sqlite3_vtab  base;
  sqlite3      *db;
} CompatTable;

typedef struct
{
  sqlite3_vtab_cursor  base;
  GArray              *ids;
  guint                next;
} CompatCursor;

static int
compat_connect (sqlite3             *db,
                void                *aux,
                int                  argc,
                const char * const  *argv,
                sqlite3_vtab       **out,
                char               **err)
{
  CompatTable *table;
  char *sql = sqlite3_mprintf ("CREATE TABLE x (\"%w\" HIDDEN)", argc > 2 ? argv[2] : "record_fts");
  int rc = sqlite3_declare_vtab (db, sql);

  sqlite3_free (sql);
  if (rc != SQLITE_OK)
    return rc;
  table = sqlite3_malloc (sizeof *table);
  if (table == NULL)
    return SQLITE_NOMEM;
  memset (table, 0, sizeof *table);
  table->db = db;
  *out = &table->base;
  return SQLITE_OK;
}

static int
compat_disconnect (sqlite3_vtab *vtab)
{
  sqlite3_free (vtab);
  return SQLITE_OK;
}

static int
compat_best_index (sqlite3_vtab       *vtab,
                   sqlite3_index_info *info)
{
  info->idxNum = 0;
  info->estimatedCost = 1e6;
  for (int i = 0; i < info->nConstraint; i++)
    {
      const struct sqlite3_index_constraint *c = &info->aConstraint[i];

      if (c->usable && c->iColumn == 0 && c->op == SQLITE_INDEX_CONSTRAINT_MATCH)
        {
          info->aConstraintUsage[i].argvIndex = 1;
          info->aConstraintUsage[i].omit = 1;
          info->idxNum = 1;
          info->estimatedCost = 1e3;
          break;
        }
    }
  /* rows come out by rowid */
  if (info->nOrderBy == 1 && info->aOrderBy[0].iColumn == -1 && !info->aOrderBy[0].desc)
    info->orderByConsumed = 1;
  return SQLITE_OK;
}

static int
compat_open (sqlite3_vtab         *vtab,
             sqlite3_vtab_cursor **out)
{
  CompatCursor *cursor = sqlite3_malloc (sizeof *cursor);

  if (cursor == NULL)
    return SQLITE_NOMEM;
  memset (cursor, 0, sizeof *cursor);
  cursor->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  *out = &cursor->base;
  return SQLITE_OK;
}

static int
compat_close (sqlite3_vtab_cursor *base)
{
  CompatCursor *cursor = (CompatCursor *) base;

  g_array_unref (cursor->ids);
  sqlite3_free (cursor);
  return SQLITE_OK;
}

static int
compat_filter (sqlite3_vtab_cursor  *base,
               int                   idx_num,
               const char           *idx_str,
               int                   argc,
               sqlite3_value       **argv)
{
  CompatCursor *cursor = (CompatCursor *) base;
  CompatTable *table = (CompatTable *) base->pVtab;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_array_set_size (cursor->ids, 0);
  cursor->next = 0;

  if (idx_num == 1)
    {
      const char *query = argc > 0 ? (const char *) sqlite3_value_text (argv[0]) : NULL;
      g_auto(ZrQuery) parsed = { NULL, NULL };
      g_auto(Plan) plan = { { NULL } };
      g_autoptr(GString) from = g_string_new (NULL);
      const char *column;

      parse_query (query, &parsed);
      if (!make_plan (&parsed, &plan))
        return SQLITE_OK;
      column = append_from_plan (&plan, FALSE, from, binds);
      g_string_append_printf (sql, "SELECT %s%s ORDER BY %s", column, from->str, column);
    }
  else
    g_string_append (sql, "SELECT id FROM record_fts_bi_docsize ORDER BY id");

  rc = sqlite3_prepare_v2 (table->db, sql->str, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      _zr_filter_bind (stmt, 1, binds);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (cursor->ids, id);
        }
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  if (rc != SQLITE_OK)
    {
      sqlite3_free (table->base.zErrMsg);
      table->base.zErrMsg = sqlite3_mprintf ("%s", sqlite3_errmsg (table->db));
    }
  sqlite3_finalize (stmt);
  return rc;
}

static int
compat_next (sqlite3_vtab_cursor *base)
{
  ((CompatCursor *) base)->next++;
  return SQLITE_OK;
}

static int
compat_eof (sqlite3_vtab_cursor *base)
{
  CompatCursor *cursor = (CompatCursor *) base;

  return cursor->next >= cursor->ids->len;
}

static int
compat_column (sqlite3_vtab_cursor *base,
               sqlite3_context     *ctx,
               int                  column)
{
  sqlite3_result_null (ctx);
  return SQLITE_OK;
}

static int
compat_rowid (sqlite3_vtab_cursor *base,
              sqlite3_int64       *rowid)
{
  CompatCursor *cursor = (CompatCursor *) base;

  *rowid = g_array_index (cursor->ids, gint64, cursor->next);
  return SQLITE_OK;
}

static int
register_compat_module (sqlite3 *db)
{
  static const sqlite3_module module = {
    .iVersion = 1,
    .xCreate = compat_connect,
    .xConnect = compat_connect,
    .xBestIndex = compat_best_index,
    .xDisconnect = compat_disconnect,
    .xDestroy = compat_disconnect,
    .xOpen = compat_open,
    .xClose = compat_close,
    .xFilter = compat_filter,
    .xNext = compat_next,
    .xEof = compat_eof,
    .xColumn = compat_column,
    .xRowid = compat_rowid,
  };

  return sqlite3_create_module_v2 (db, "zr_search", &module, NULL, NULL);
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
  double score;   /* lower is better */
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

/* The folded characters of the query's one-character positive terms. */
static GArray *
single_chars (ZrQuery *query)
{
  GArray *chars = g_array_new (FALSE, FALSE, sizeof (gunichar));

  for (guint i = 0; i < query->positive->len; i++)
    {
      const char *term = g_ptr_array_index (query->positive, i);
      if (is_single (term))
        {
          gunichar c = g_utf8_get_char (term);
          g_array_append_val (chars, c);
        }
    }
  return chars;
}

static gboolean
is_single_hit (GArray   *chars,
               gunichar  raw)
{
  gunichar c = fold_char (raw);

  if (c == 0 || chars == NULL)
    return FALSE;
  for (guint i = 0; i < chars->len; i++)
    if (g_array_index (chars, gunichar, i) == c)
      return TRUE;
  return FALSE;
}

/* Newest hits first, within @filter; scored by bm25 on record_fts_bi when
 * the query has terms of two characters or more, else by how many of
 * its characters the headline holds. */
static gboolean
collect_candidates (ZrDatabase      *db,
                    const Plan      *plan,
                    GArray          *chars,
                    const ZrFilter  *filter,
                    GArray          *candidates,
                    GError         **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) from = g_string_new (NULL);
  int driver = plan_driver (plan);
  const char *column;
  int rc;

  /* records joined even without a filter: a stale index entry (a record
   * deleted without being unindexed) never reaches snippet(), which
   * would fail */
  column = append_from_plan (plan, TRUE, from, binds);
  if (driver == TABLE_BI)
    g_string_append (sql, "SELECT record_fts_bi.rowid, bm25(record_fts_bi, " BM25_WEIGHTS "), NULL");
  else if (driver == TABLE_UNI)
    g_string_append (sql, "SELECT record_fts_uni.rowid, 0, r.headline");
  else
    g_string_append (sql, "SELECT r.id, 0, NULL");
  g_string_append (sql, from->str);
  _zr_filter_append_sql (filter, FALSE, sql, binds);
  g_string_append_printf (sql, " ORDER BY %s DESC", column);
  g_string_append_printf (sql, " LIMIT %d", ZR_SEARCH_CANDIDATES);

  stmt = prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  _zr_filter_bind (stmt, 1, binds);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Candidate c = { sqlite3_column_int64 (stmt, 0), sqlite3_column_double (stmt, 1) };
      const char *headline = _zr_column_text (stmt, 2);

      if (driver == TABLE_UNI && headline != NULL)
        {
          /* each character of the query found in the headline */
          for (guint i = 0; i < chars->len; i++)
            {
              gunichar want = g_array_index (chars, gunichar, i);
              const char *end = headline + strlen (headline);
              for (const char *p = headline; p < end;)
                {
                  int len;
                  gunichar got = fold_char (next_char (p, end, &len));
                  if (got == want)
                    {
                      c.score -= 1;
                      break;
                    }
                  p += len;
                }
            }
        }
      g_array_append_val (candidates, c);
    }
  if (rc != SQLITE_DONE)
    return _zr_database_set_error (zr_database_get_handle (db), rc, _("Could not search the library"), error);
  return TRUE;
}

static char *cut_snippet (const char *text, GArray *chars, gboolean need_hit);

/* Snippets of terms of two characters or more.
 *
 * FTS5's snippet() scores every hit against every other hit of the
 * document: a 2 MB article holding a common pair 50,000 times took 4 s,
 * and the time grew with the square of its size. This one reads the
 * field once, finding every term's occurrences in step (each term a
 * Knuth–Morris–Pratt automaton over the folded characters and their
 * gaps, so a match is exactly what the index matches), keeps at most
 * SNIPPET_MAX_HITS hits and stops once one window holds every term
 * (and the hits starting in it are found). The window with the most different terms (the first of equals)
 * is cut out: SNIPPET_LEAD characters before its first hit, at least
 * SNIPPET_CHARS in all. */

#define SNIPPET_LEAD      (SNIPPET_CHARS / 3)
#define SNIPPET_MAX_HITS  4096

typedef struct
{
  gunichar c;
  gboolean gap;     /* not indexed characters before it (not for the first) */
} Symbol;

typedef struct
{
  GArray *symbols;  /* element-type Symbol */
  guint  *fail;     /* KMP: longest border of symbols[0..j] */
  guint   state;
} TermMatcher;

typedef struct
{
  glong start;      /* characters of the field, first and one after last */
  glong end;
  guint term;
} SnippetHit;

static void
term_matcher_clear (TermMatcher *m)
{
  g_clear_pointer (&m->symbols, g_array_unref);
  g_clear_pointer (&m->fail, g_free);
}

/* The first symbol matches whatever came before it. */
static inline gboolean
symbol_matches (const TermMatcher *m,
                guint              k,
                gunichar           c,
                gboolean           gap)
{
  const Symbol *s = &g_array_index (m->symbols, Symbol, k);

  return s->c == c && (k == 0 || s->gap == gap);
}

/* @term is folded (zr_search_fold()): characters, one space per gap. */
static void
term_matcher_init (TermMatcher *m,
                   const char  *term)
{
  gboolean gap = FALSE;
  guint k = 0;

  m->symbols = g_array_new (FALSE, FALSE, sizeof (Symbol));
  m->state = 0;
  for (const char *p = term; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      Symbol s = { c, gap };

      if (c == ' ')
        {
          gap = TRUE;
          continue;
        }
      g_array_append_val (m->symbols, s);
      gap = FALSE;
    }

  /* Borders computed with the same test as the text: past the first
   * symbol a character and its gap are known exactly, so the usual
   * reasoning of KMP holds. */
  m->fail = g_new0 (guint, MAX (m->symbols->len, 1));
  for (guint j = 1; j < m->symbols->len; j++)
    {
      const Symbol *s = &g_array_index (m->symbols, Symbol, j);

      while (k > 0 && !symbol_matches (m, k, s->c, s->gap))
        k = m->fail[k - 1];
      if (symbol_matches (m, k, s->c, s->gap))
        k++;
      m->fail[j] = k;
    }
}

/* Feeds one indexed character; TRUE when the term ends on it. */
static inline gboolean
term_matcher_feed (TermMatcher *m,
                   gunichar     c,
                   gboolean     gap)
{
  guint k = m->state;

  while (k > 0 && !symbol_matches (m, k, c, gap))
    k = m->fail[k - 1];
  if (symbol_matches (m, k, c, gap))
    k++;
  if (k == m->symbols->len)
    {
      m->state = m->fail[k - 1];
      return TRUE;
    }
  m->state = k;
  return FALSE;
}

static int
snippet_hit_compare (gconstpointer a,
                     gconstpointer b)
{
  const SnippetHit *ha = a, *hb = b;

  if (ha->start != hb->start)
    return ha->start < hb->start ? -1 : 1;
  if (ha->end != hb->end)
    return ha->end < hb->end ? -1 : 1;
  return (int) ha->term - (int) hb->term;
}

/* Where the window of a first hit at @start begins. */
static inline glong
window_start (glong start)
{
  return start > SNIPPET_LEAD ? start - SNIPPET_LEAD : 0;
}

/* The hits of @matchers in @text (valid UTF-8), in order of their start,
 * up to SNIPPET_MAX_HITS or until one window holds every term and all
 * hits that start in it. */
static GArray *
find_hits (const char  *text,
           TermMatcher *matchers,
           guint        n_matchers)
{
  /* the character index of each of the last 256 indexed characters:
   * where a term of up to ZR_SEARCH_MAX_TERM_CHARS began */
  glong ring[ZR_SEARCH_MAX_TERM_CHARS];
  g_autofree glong *last = g_new (glong, n_matchers);
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (SnippetHit));
  const char *end = text + strlen (text);
  gboolean gap = FALSE, any = FALSE, done = FALSE;
  guint n_found = 0, longest = 0, past = 0;
  guint64 n_indexed = 0;
  glong i = 0, stop_at = -1;

  for (guint t = 0; t < n_matchers; t++)
    {
      last[t] = -1;
      longest = MAX (longest, matchers[t].symbols->len);
    }

  for (const char *p = text; p < end && !done; i++)
    {
      int len;
      gunichar c;

      if (is_plain_han (p, end))
        {
          c = g_utf8_get_char (p);
          len = 3;
        }
      else
        c = fold_char (next_char (p, end, &len));
      p += len;
      if (c == 0)
        {
          gap = any;
          continue;
        }

      /* once a window holds every term, the hits that start in it */
      if (stop_at >= 0 && i >= stop_at && ++past >= longest)
        break;
      ring[n_indexed % ZR_SEARCH_MAX_TERM_CHARS] = i;
      n_indexed++;
      for (guint t = 0; t < n_matchers && !done; t++)
        {
          TermMatcher *m = &matchers[t];
          SnippetHit hit;
          glong min_start = G_MAXLONG, max_start = -1;

          if (!term_matcher_feed (m, c, gap))
            continue;
          hit.start = ring[(n_indexed - m->symbols->len) % ZR_SEARCH_MAX_TERM_CHARS];
          hit.end = i + 1;
          hit.term = t;
          g_array_append_val (hits, hit);
          if (last[t] < 0)
            n_found++;
          last[t] = hit.start;
          if (hits->len >= SNIPPET_MAX_HITS)
            done = TRUE;
          else if (n_found == n_matchers && stop_at < 0)
            {
              for (guint u = 0; u < n_matchers; u++)
                {
                  min_start = MIN (min_start, last[u]);
                  max_start = MAX (max_start, last[u]);
                }
              if (max_start < window_start (min_start) + SNIPPET_CHARS)
                stop_at = window_start (min_start) + SNIPPET_CHARS;
            }
        }
      gap = FALSE;
      any = TRUE;
    }

  g_array_sort (hits, snippet_hit_compare);
  return hits;
}

/* The window of SNIPPET_CHARS characters (from SNIPPET_LEAD before one
 * hit) that holds the most different terms, the first of equals: one
 * pass, each hit entering and leaving the window once. */
static guint
best_window (GArray *hits,
             guint   n_terms)
{
  g_autofree guint *count = g_new0 (guint, n_terms);
  guint best = 0, best_distinct = 0, distinct = 0, in = 0, out = 0;

  for (guint a = 0; a < hits->len && best_distinct < n_terms; a++)
    {
      glong from = window_start (g_array_index (hits, SnippetHit, a).start);

      while (in < hits->len && g_array_index (hits, SnippetHit, in).start < from + SNIPPET_CHARS)
        if (count[g_array_index (hits, SnippetHit, in++).term]++ == 0)
          distinct++;
      while (g_array_index (hits, SnippetHit, out).start < from)
        if (--count[g_array_index (hits, SnippetHit, out++).term] == 0)
          distinct--;
      if (distinct > best_distinct)
        {
          best_distinct = distinct;
          best = a;
        }
    }
  return best;
}

/* The snippet of @text for @terms (folded, two characters or more), or
 * NULL when none of them is in it. */
static char *
cut_term_snippet (const char *text,
                  GPtrArray  *terms)
{
  g_autofree char *valid = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autofree TermMatcher *matchers = NULL;
  g_autofree gboolean *marked = NULL;
  const SnippetHit *first;
  GString *out;
  const char *p;
  glong from, to, i;
  gboolean open = FALSE;

  if (text == NULL || terms->len == 0)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  matchers = g_new0 (TermMatcher, terms->len);
  for (guint t = 0; t < terms->len; t++)
    term_matcher_init (&matchers[t], g_ptr_array_index (terms, t));
  hits = find_hits (text, matchers, terms->len);
  for (guint t = 0; t < terms->len; t++)
    term_matcher_clear (&matchers[t]);
  if (hits->len == 0)
    return NULL;

  first = &g_array_index (hits, SnippetHit, best_window (hits, terms->len));
  from = window_start (first->start);
  to = MAX (from + SNIPPET_CHARS, first->end);
  marked = g_new0 (gboolean, to - from);
  for (guint h = 0; h < hits->len; h++)
    {
      const SnippetHit *hit = &g_array_index (hits, SnippetHit, h);

      for (glong k = MAX (hit->start, from); k < MIN (hit->end, to); k++)
        marked[k - from] = TRUE;
    }

  for (p = text, i = 0; *p != '\0' && i < from; p = g_utf8_next_char (p), i++)
    ;
  out = g_string_new (from > 0 ? "…" : "");
  for (; *p != '\0' && i < to; p = g_utf8_next_char (p), i++)
    {
      gboolean in = marked[i - from];

      if (in && !open)
        g_string_append (out, "【");
      else if (!in && open)
        g_string_append (out, "】");
      open = in;
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  if (open)
    g_string_append (out, "】");
  if (*p != '\0')
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

/* The query's positive terms of two characters or more. */
static GPtrArray *
pair_terms (ZrQuery *query)
{
  GPtrArray *terms = g_ptr_array_new ();

  for (guint i = 0; i < query->positive->len; i++)
    {
      const char *term = g_ptr_array_index (query->positive, i);
      if (!is_single (term))
        g_ptr_array_add (terms, (gpointer) term);
    }
  return terms;
}

/* Body first, then headline, then the meta line; the start of the body
 * when none holds a term. */
static char *
pair_snippet (sqlite3_stmt *text,
              GPtrArray    *terms,
              gint64        id,
              int          *failed_rc)
{
  static const int order[] = { 2, 0, 1 };
  char *snippet = NULL;
  int rc;

  sqlite3_reset (text);
  sqlite3_bind_int64 (text, 1, id);
  rc = sqlite3_step (text);
  if (rc == SQLITE_ROW)
    {
      for (guint i = 0; snippet == NULL && i < G_N_ELEMENTS (order); i++)
        snippet = cut_term_snippet (_zr_column_text (text, order[i]), terms);
      if (snippet == NULL)
        snippet = cut_snippet (_zr_column_text (text, 2), NULL, FALSE);
    }
  else if (rc != SQLITE_DONE)
    *failed_rc = rc;
  sqlite3_reset (text);
  return snippet;
}

/* About SNIPPET_CHARS characters of @text around the first character of
 * @chars, each such character between 【 and 】 (neighbours share one
 * pair), … where text was cut. From the start when none is found (and
 * then NULL if @need_hit). */
static char *
cut_snippet (const char *text,
             GArray     *chars,
             gboolean    need_hit)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p, *start;
  glong hit = -1, i = 0, skip;
  gboolean open = FALSE;

  if (text == NULL)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  for (p = text; *p != '\0'; p = g_utf8_next_char (p), i++)
    if (is_single_hit (chars, g_utf8_get_char (p)))
      {
        hit = i;
        break;
      }
  if (hit < 0 && need_hit)
    return NULL;

  skip = hit > SNIPPET_CHARS / 3 ? hit - SNIPPET_CHARS / 3 : 0;
  start = g_utf8_offset_to_pointer (text, skip);
  out = g_string_new (skip > 0 ? "…" : "");
  for (p = start, i = 0; *p != '\0' && i < SNIPPET_CHARS; p = g_utf8_next_char (p), i++)
    {
      gboolean in = is_single_hit (chars, g_utf8_get_char (p));

      if (in && !open)
        g_string_append (out, "【");
      else if (!in && open)
        g_string_append (out, "】");
      open = in;
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  if (open)
    g_string_append (out, "】");
  if (*p != '\0')
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

/* Body first, then headline, then the meta line. */
static char *
single_snippet (sqlite3_stmt *text,
                GArray       *chars,
                gint64        id,
                int          *failed_rc)
{
  static const int order[] = { 2, 0, 1 };
  char *snippet = NULL;
  int rc;

  sqlite3_reset (text);
  sqlite3_bind_int64 (text, 1, id);
  rc = sqlite3_step (text);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    *failed_rc = rc;
  if (rc == SQLITE_ROW)
    {
      for (guint i = 0; snippet == NULL && i < G_N_ELEMENTS (order); i++)
        snippet = cut_snippet (_zr_column_text (text, order[i]), chars, chars->len > 0);
      if (snippet == NULL)
        snippet = cut_snippet (_zr_column_text (text, 2), chars, FALSE);
    }
  sqlite3_reset (text);
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
  g_auto(Plan) plan = { { NULL } };
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GArray) chars = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(sqlite3_stmt) info = NULL;
  g_autoptr(sqlite3_stmt) text = NULL;
  int failed_rc = SQLITE_OK;
  int rc;

  g_return_val_if_fail (ZR_IS_DATABASE (db), NULL);

  parse_query (query, &parsed);
  if (!make_plan (&parsed, &plan) || limit == 0)
    return g_steal_pointer (&hits);

  chars = single_chars (&parsed);
  candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  if (!collect_candidates (db, &plan, chars, filter, candidates, error))
    return NULL;

  g_array_sort (candidates, candidate_compare);

  info = prepare (db, "SELECT r.headline, r.district FROM records r WHERE r.id = ?", error);
  if (info == NULL)
    return NULL;
  text = prepare (db, "SELECT headline, meta, body FROM record_fts_text WHERE id = ?", error);
  if (text == NULL)
    return NULL;
  if (plan.match[TABLE_BI] != NULL)
    pairs = pair_terms (&parsed);

  for (guint i = 0; i < candidates->len && hits->len < limit; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);
      ZrSearchHit *hit = g_new0 (ZrSearchHit, 1);

      hit->id = c->id;
      hit->score = -c->score;
      g_ptr_array_add (hits, hit);
      sqlite3_reset (info);
      sqlite3_bind_int64 (info, 1, c->id);
      rc = sqlite3_step (info);
      if (rc == SQLITE_ROW)
        {
          hit->headline = g_strdup (_zr_column_text (info, 0));
          hit->district = g_strdup (_zr_column_text (info, 1));
        }
      else if (rc != SQLITE_DONE)
        failed_rc = rc;
      sqlite3_reset (info);

      /* The body's best passage; the headline or meta line only when
       * the body does not hold a term. */
      if (pairs != NULL)
        hit->snippet = pair_snippet (text, pairs, c->id, &failed_rc);
      else
        hit->snippet = single_snippet (text, chars, c->id, &failed_rc);
      if (hit->snippet == NULL)
        hit->snippet = g_strdup ("");
      /* a hit whose page cannot be read is an error, not a hit without text */
      if (failed_rc != SQLITE_OK)
        {
          _zr_database_set_error (zr_database_get_handle (db), failed_rc, _("Could not search the library"), error);
          return NULL;
        }
    }

  return g_steal_pointer (&hits);
}

guint
zr_search_count (ZrDatabase      *db,
                 const char      *query,
                 const ZrFilter  *filter,
                 GError         **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*)");
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) filter_binds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(ZrQuery) parsed = { NULL, NULL };
  g_auto(Plan) plan = { { NULL } };
  int rc;

  g_return_val_if_fail (ZR_IS_DATABASE (db), 0);

  parse_query (query, &parsed);
  if (!make_plan (&parsed, &plan))
    return 0;
  /* without a filter, the index alone is counted (ten times faster than
   * looking every hit up in records) */
  _zr_filter_append_sql (filter, FALSE, where, filter_binds);
  append_from_plan (&plan, where->len > 0, sql, binds);
  g_string_append (sql, where->str);
  for (guint i = 0; i < filter_binds->len; i++)
    g_ptr_array_add (binds, g_strdup (g_ptr_array_index (filter_binds, i)));

  stmt = prepare (db, sql->str, error);
  if (stmt == NULL)
    return 0;
  _zr_filter_bind (stmt, 1, binds);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _zr_database_set_error (zr_database_get_handle (db), rc, _("Could not search the library"), error);
      return 0;
    }
  return (guint) sqlite3_column_int64 (stmt, 0);
}
