/* test-search.c: the search index, the query language and exactness
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "zr-bench-gen.h"
#include "zr-database.h"
#include "zr-filter-private.h"
#include "zr-search.h"

/* The three indexed fields of a record, as zr_search_index_record builds
 * them, folded: what a brute-force scan compares against. */
typedef struct
{
  gint64  id;
  char   *district;
  char   *fields[3];
  char   *raw[3];
} Doc;

static void
doc_free (Doc *doc)
{
  g_free (doc->district);
  for (guint i = 0; i < 3; i++)
    {
      g_free (doc->fields[i]);
      g_free (doc->raw[i]);
    }
  g_free (doc);
}

typedef struct
{
  ZrDatabase *db;
  GPtrArray  *docs;
  gint64      source_id;
  guint       position;
  gboolean    no_index;   /* the caller indexes by source */
} Library;

static void
library_free (Library *lib)
{
  g_clear_object (&lib->db);
  g_clear_pointer (&lib->docs, g_ptr_array_unref);
  g_free (lib);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Library, library_free)

static void
exec_ok (ZrDatabase *db,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  zr_database_exec (db, sql, &error);
  g_assert_no_error (error);
}

static void
check_integrity (ZrDatabase *db)
{
  exec_ok (db, "INSERT INTO record_fts_uni (record_fts_uni) VALUES ('integrity-check')");
  exec_ok (db, "INSERT INTO record_fts_bi (record_fts_bi) VALUES ('integrity-check')");
}

static Library *
library_new (const char *path)
{
  g_autoptr(GError) error = NULL;
  Library *lib = g_new0 (Library, 1);

  lib->db = zr_database_open (path, &error);
  g_assert_no_error (error);
  lib->docs = g_ptr_array_new_with_free_func ((GDestroyNotify) doc_free);
  exec_ok (lib->db,
           "INSERT INTO sources (path, name, content_hash, encoding, size, imported_at)"
           " VALUES ('/pages/a.txt', 'a.txt', 'x', 'UTF-8', 1, 0)");
  lib->source_id = sqlite3_last_insert_rowid (zr_database_get_handle (lib->db));
  return lib;
}

static void
join_line (GString    *out,
           const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append (out, text);
}

/* The reference's own folding (DESIGN.md §6), written apart from
 * zr_search_fold () so that a fault there shows: full-width ASCII forms
 * read as ASCII, letters lower-cased; letters, digits, marks and private-use
 * characters are text; anything else (punctuation, spaces, symbols, bytes
 * that are not UTF-8) separates words, a run of separators reading as one
 * space, none at either end. */
static char *
ref_fold (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text, *end = text + strlen (text);
  gboolean gap = FALSE;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      gboolean is_text;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          gap = TRUE;
          continue;
        }
      p = g_utf8_next_char (p);
      if (c >= 0xFF01 && c <= 0xFF5E)
        c = c - 0xFF01 + 0x21;
      is_text = g_unichar_isalnum (c) || g_unichar_ismark (c) || g_unichar_type (c) == G_UNICODE_PRIVATE_USE;
      if (!is_text)
        {
          gap = TRUE;
          continue;
        }
      if (gap && out->len > 0)
        g_string_append_c (out, ' ');
      gap = FALSE;
      g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return g_string_free (out, FALSE);
}

static gint64
library_add (Library        *lib,
             const ZrRecord *record,
             const char     *district)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *handle = zr_database_get_handle (lib->db);
  sqlite3_stmt *stmt;
  Doc *doc = g_new0 (Doc, 1);
  GString *meta = g_string_new (NULL);
  GString *body = g_string_new (NULL);
  gint64 id;

  stmt = zr_database_get_statement (lib->db,
                                    "INSERT INTO records (source_id, position, kind, headline, column_label,"
                                    " kicker, byline_text, district) VALUES (?, ?, 'article', ?, ?, ?, ?, ?)",
                                    &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, lib->source_id);
  sqlite3_bind_int (stmt, 2, lib->position++);
  sqlite3_bind_text (stmt, 3, record->headline, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, record->column, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, record->kicker, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, record->byline_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, district, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  id = sqlite3_last_insert_rowid (handle);

  for (guint i = 0; i < record->paragraphs->len; i++)
    {
      const ZrParagraph *p = g_ptr_array_index (record->paragraphs, i);
      stmt = zr_database_get_statement (lib->db,
                                        "INSERT INTO paragraphs (record_id, position, kind, text) VALUES (?, ?, ?, ?)",
                                        &error);
      g_assert_no_error (error);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, zr_paragraph_kind_to_string (p->kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, p->text, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      join_line (body, p->text);
    }

  if (!lib->no_index)
    zr_search_index_record (lib->db, id, record, &error);
  g_assert_no_error (error);

  join_line (meta, record->column);
  join_line (meta, record->kicker);
  join_line (meta, record->byline_text);
  doc->id = id;
  doc->district = g_strdup (district);
  doc->raw[0] = g_strdup (record->headline ? record->headline : "");
  doc->raw[1] = g_string_free (meta, FALSE);
  doc->raw[2] = g_string_free (body, FALSE);
  for (guint i = 0; i < 3; i++)
    doc->fields[i] = ref_fold (doc->raw[i]);
  g_ptr_array_add (lib->docs, doc);
  return id;
}

static gint64
add_simple (Library    *lib,
            const char *headline,
            const char *body,
            const char *district)
{
  g_autoptr(ZrRecord) record = zr_record_new (ZR_RECORD_KIND_ARTICLE);
  record->headline = g_strdup (headline);
  if (body != NULL)
    g_ptr_array_add (record->paragraphs, zr_paragraph_new (ZR_PARAGRAPH_KIND_BODY, body, -1));
  return library_add (lib, record, district);
}

static Library *
library_generate (guint64 seed,
                  guint   n)
{
  g_autoptr(ZrBenchGen) gen = zr_bench_gen_new (seed);
  Library *lib = library_new (":memory:");

  for (guint i = 0; i < n; i++)
    {
      const char *district = NULL;
      g_autoptr(ZrRecord) record = zr_bench_gen_record (gen, zr_bench_gen_int (gen, 60, 400), &district);
      library_add (lib, record, district);
    }
  return lib;
}

/* Brute force: does the doc hold every positive term and no negative one? */
static gboolean
doc_has (const Doc  *doc,
         const char *folded_term)
{
  for (guint i = 0; i < 3; i++)
    if (strstr (doc->fields[i], folded_term) != NULL)
      return TRUE;
  return FALSE;
}

static GArray *
fts_ids (ZrDatabase *db,
         const char *match)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = zr_database_get_statement (db, "SELECT rowid FROM record_fts WHERE record_fts MATCH ? ORDER BY rowid",
                                                  &error);
  int rc;

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    g_error ("MATCH %s failed: %s", match, sqlite3_errmsg (zr_database_get_handle (db)));
  sqlite3_reset (stmt);
  return ids;
}

static GArray *
brute_ids (Library     *lib,
           const char **positive,
           const char **negative)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint d = 0; d < lib->docs->len; d++)
    {
      const Doc *doc = g_ptr_array_index (lib->docs, d);
      gboolean ok = TRUE;

      for (guint i = 0; ok && positive && positive[i]; i++)
        ok = doc_has (doc, positive[i]);
      for (guint i = 0; ok && negative && negative[i]; i++)
        ok = !doc_has (doc, negative[i]);
      if (ok)
        g_array_append_val (ids, doc->id);
    }
  return ids;
}

static void
assert_same_ids (GArray     *got,
                 GArray     *want,
                 const char *query)
{
  if (got->len != want->len)
    g_error ("query ‘%s’: index found %u records, a full scan %u", query, got->len, want->len);
  for (guint i = 0; i < got->len; i++)
    if (g_array_index (got, gint64, i) != g_array_index (want, gint64, i))
      g_error ("query ‘%s’: record %" G_GINT64_FORMAT " differs", query, g_array_index (want, gint64, i));
}

/* A substring of the text turned into a one-term query: characters that
 * are not indexed are all equivalent, so spaces, quotes and minus signs
 * (which the query language reads) become 、 */
static char *
substring_query (const char *text,
                 glong       start,
                 glong       len)
{
  GString *out = g_string_new (NULL);
  const char *p = g_utf8_offset_to_pointer (text, start);

  for (glong i = 0; i < len && *p; i++, p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c) || c == '"' || c == 0x201C || c == 0x201D || c == 0xFF02
          || c == '-' || c == 0xFF0D || c == 0x2212)
        g_string_append (out, "、");
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Upper-cases ASCII letters and turns some ASCII into full-width forms:
 * the index must not care. */
static char *
disguise (const char *query,
          GRand      *rand)
{
  GString *out = g_string_new (NULL);

  for (const char *p = query; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c < 0x80 && g_ascii_isalnum (c) && g_rand_boolean (rand))
        c = 0xFEE0 + g_ascii_toupper (c);
      else if (c < 0x80 && g_ascii_isalpha (c) && g_rand_boolean (rand))
        c = g_ascii_toupper (c);
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
check_query (Library     *lib,
             const char  *query,
             const char **positive,
             const char **negative)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *match = zr_search_build_match (query);
  g_autoptr(GArray) got = NULL;
  g_autoptr(GArray) want = NULL;
  guint count;

  g_assert_nonnull (match);
  got = fts_ids (lib->db, match);
  want = brute_ids (lib, positive, negative);
  assert_same_ids (got, want, query);
  count = zr_search_count (lib->db, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, want->len);
}

static void
test_exact_substrings (void)
{
  g_autoptr(Library) lib = library_generate (20240501, 300);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint checked = 0, found = 0, straddling = 0, by_length[7] = { 0 };

  /* Latin, digits and full-width forms the generator rarely writes */
  add_simple (lib, "ＷｉＦｉ覆盖全城", "２０２２年新建5G基站1200个，WiFi、App一网通办。", "天元区");
  add_simple (lib, "PM2.5浓度下降", "全年pm2.5均值为31微克，优良天数达到３２０天。", "石峰区");

  while (checked < 3000)
    {
      const Doc *doc = g_ptr_array_index (lib->docs, g_rand_int_range (rand, 0, lib->docs->len));
      const char *raw = doc->raw[g_rand_int_range (rand, 0, 3)];
      glong n_chars = g_utf8_strlen (raw, -1);
      glong len = g_rand_int_range (rand, 1, 7);
      g_autofree char *query = NULL;
      g_autofree char *folded = NULL;
      const char *positive[2] = { NULL, NULL };

      if (n_chars < len)
        continue;
      query = substring_query (raw, g_rand_int_range (rand, 0, n_chars - len + 1), len);
      if (g_rand_int_range (rand, 0, 4) == 0)
        {
          char *d = disguise (query, rand);
          g_free (query);
          query = d;
        }
      folded = ref_fold (query);
      if (*folded == '\0')
        {
          g_autofree char *match = zr_search_build_match (query);
          g_assert_null (match);
          continue;
        }
      positive[0] = folded;
      check_query (lib, query, positive, NULL);
      if (strchr (folded, ' ') != NULL)
        straddling++;
      by_length[len]++;
      checked++;
      found++;
    }

  /* Terms made of characters drawn at random: mostly absent, sometimes not */
  for (guint i = 0; i < 500; i++)
    {
      static const char *pool = "株洲城管驿站党建市区天元荷塘石峰的在和了社会工作发展abcwifi0123456789";
      GString *query = g_string_new (NULL);
      guint len = g_rand_int_range (rand, 1, 5);
      const char *positive[2] = { NULL, NULL };
      g_autofree char *folded = NULL;

      for (guint k = 0; k < len; k++)
        {
          const char *p = g_utf8_offset_to_pointer (pool, g_rand_int_range (rand, 0, g_utf8_strlen (pool, -1)));
          g_string_append_len (query, p, g_utf8_next_char (p) - p);
        }
      folded = ref_fold (query->str);
      positive[0] = folded;
      check_query (lib, query->str, positive, NULL);
      g_string_free (query, TRUE);
    }

  for (guint len = 1; len <= 6; len++)
    g_assert_cmpuint (by_length[len], >, 100);
  /* terms with punctuation inside were among them */
  g_assert_cmpuint (straddling, >, 100);
  /* the index agrees with the stored rows it was read from */
  check_integrity (lib->db);
  g_test_message ("%u substrings checked", checked);
}

static void
test_exact_operators (void)
{
  g_autoptr(Library) lib = library_generate (99, 200);

  /* terms that straddle punctuation, Latin with digits, full-width forms */
  add_simple (lib, "城管局：驿站开放", "市城管局、驿站管理处联合发布，PM2.5下降。", "芦淞区");
  add_simple (lib, "５Ｇ基站", "新建5G基站，ＰＭ２．５均值下降，WiFi覆盖。", "天元区");
  add_simple (lib, "A", "的。市", "石峰区");
  add_simple (lib, NULL, "a的市5", NULL);
  static const char *words[] = { "城管", "驿站", "党建", "株洲", "社区", "天元区", "wifi", "2022", "市", "的", "垃圾分类",
                                 "区", "a", "5", "5g", "pm2 5", "局 驿", "的 市", "2 5" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint i = 0; i < 300; i++)
    {
      const char *a = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
      const char *b = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
      const char *c = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
      /* words with a space inside are quoted */
      const char *qa = strchr (a, ' ') ? "\"" : "";
      const char *qb = strchr (b, ' ') ? "\"" : "";
      const char *qc = strchr (c, ' ') ? "\"" : "";
      g_autofree char *and_query = g_strdup_printf ("%s%s%s %s%s%s", qa, a, qa, qb, b, qb);
      g_autofree char *not_query = g_strdup_printf ("%s%s%s -%s%s%s", qa, a, qa, qb, b, qb);
      g_autofree char *only_not = g_strdup_printf ("-%s%s%s -%s%s%s", qb, b, qb, qc, c, qc);
      const char *pa[] = { a, b, NULL };
      const char *pn[] = { a, NULL };
      const char *nn[] = { b, NULL };
      const char *on[] = { b, c, NULL };
      /* a quoted phrase: the two words with a gap between them */
      g_autofree char *phrase = g_strdup_printf ("%s %s", a, b);
      g_autofree char *phrase_query = g_strdup_printf ("\"%s，%s\" -%s%s%s", a, b, qc, c, qc);
      const char *pp[] = { phrase, NULL };
      const char *pc[] = { c, NULL };

      check_query (lib, phrase_query, pp, pc);
      check_query (lib, and_query, pa, NULL);
      check_query (lib, not_query, pn, nn);
      check_query (lib, only_not, NULL, on);
    }
}

static void
test_fold (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "２０２２年", "2022年" },
    { "ＷｉＦｉ", "wifi" },
    { "WiFi", "wifi" },
    { "城管，驿站！", "城管 驿站" },
    { "  “建宁驿站”  ", "建宁驿站" },
    { "PM2.5", "pm2 5" },
    { "。，！？", "" },
    { "\xff\xfe城", "城" },
    { "党建\xe5\x9f", "党建" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = zr_search_fold (cases[i].in);
      g_assert_cmpstr (folded, ==, cases[i].out);
    }
  {
    g_autofree char *folded = zr_search_fold (NULL);
    g_assert_cmpstr (folded, ==, "");
  }
}

static void
test_build_match (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "城管", "\"城管\"" },
    { "城管 驿站", "\"城管\" \"驿站\"" },
    { "\"城管 驿站\"", "\"城管 驿站\"" },
    { "“城管　驿站”", "\"城管 驿站\"" },
    { "城管 -驿站", "\"城管\" -\"驿站\"" },
    { "-城管 -驿站", "-\"城管\" -\"驿站\"" },
    { "ＷｉＦｉ", "\"wifi\"" },
    { "AND OR NOT", "\"and\" \"or\" \"not\"" },
    { "城管*", "\"城管\"" },
    { "- 城管", "\"城管\"" },
    { "市 -的 城，管", "\"市\" \"城 管\" -\"的\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *match = zr_search_build_match (cases[i].in);
      g_assert_cmpstr (match, ==, cases[i].out);
    }

  /* no filter */
  g_assert_null (zr_search_build_match (NULL));
  g_assert_null (zr_search_build_match (""));
  g_assert_null (zr_search_build_match ("  　 "));
  g_assert_null (zr_search_build_match ("，。！？“”"));
  g_assert_null (zr_search_build_match ("\"\""));
  g_assert_null (zr_search_build_match ("-"));
  g_assert_null (zr_search_build_match ("😀🎉"));
  g_assert_null (zr_search_build_match ("\xee\x80\x80"));
}

static void
test_hostile (void)
{
  g_autoptr(Library) lib = library_generate (5, 40);
  g_autofree char *long_han = NULL;
  g_autofree char *many_terms = NULL;
  GString *s;
  const char *inputs[] = {
    "\"", "\"\"\"", "\"城管", "城管\"", "(", ")", "(城管", "城管 AND", "AND", "OR", "NOT", "NEAR",
    "NEAR(城管 驿站, 2)", "*", "城*", "^城管", "headline:城管", "{headline}:城管", "-", "--城管", "-\"城管\"",
    "😀", "城管😀驿站", "\xff\xfe\xfd", "城\xe5管", "\xee\x80\x80", "-城管", "-城管 -驿站", "，。", "+城管",
    "城管 OR 驿站", "' OR 1=1 --", "\\\"", "a\"b\"c", "\t\n城管\r", NULL, NULL, NULL,
  };
  guint n = 0;

  while (inputs[n] != NULL)
    n++;
  s = g_string_new (NULL);
  for (guint i = 0; i < 5000; i++)
    g_string_append (s, i % 3 ? "城" : "管");
  long_han = g_string_free (s, FALSE);
  s = g_string_new (NULL);
  for (guint i = 0; i < 2500; i++)
    g_string_append (s, i % 2 ? "a " : "\"b ");
  many_terms = g_string_free (s, FALSE);
  inputs[n] = long_han;
  inputs[n + 1] = many_terms;

  for (guint i = 0; inputs[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) hits = NULL;
      g_autoptr(ZrFilter) filter = zr_filter_new ();
      g_autoptr(GString) where = g_string_new ("SELECT count(*) FROM records r WHERE 1");
      g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt;
      guint count;

      hits = zr_search_run (lib->db, inputs[i], NULL, 20, &error);
      g_assert_no_error (error);
      g_assert_nonnull (hits);
      count = zr_search_count (lib->db, inputs[i], NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (hits->len, <=, count);

      /* and through the filter, as the article list uses it */
      zr_filter_set_query (filter, inputs[i]);
      _zr_filter_append_sql (filter, TRUE, where, binds);
      stmt = zr_database_get_statement (lib->db, where->str, &error);
      g_assert_no_error (error);
      _zr_filter_bind (stmt, 1, binds);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      if (binds->len > 0)
        g_assert_cmpuint (sqlite3_column_int (stmt, 0), ==, count);
      sqlite3_reset (stmt);
    }
}

static void
test_only_not (void)
{
  g_autoptr(Library) lib = library_new (":memory:");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  gint64 a, b, c;

  a = add_simple (lib, "城管进社区", "执法队员上门服务。", "荷塘区");
  b = add_simple (lib, "驿站开放", "新建驿站二十座。", "芦淞区");
  c = add_simple (lib, "党建引领", "城管队员参加党建活动。", "石峰区");

  g_assert_cmpuint (zr_search_count (lib->db, "-城管", NULL, &error), ==, 1);
  g_assert_no_error (error);
  hits = zr_search_run (lib->db, "-城管", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((ZrSearchHit *) hits->pdata[0])->id, ==, b);
  g_assert_cmpstr (((ZrSearchHit *) hits->pdata[0])->headline, ==, "驿站开放");
  g_assert_cmpuint (zr_search_count (lib->db, "-驿站 -党建", NULL, &error), ==, 1);
  g_assert_cmpuint (zr_search_count (lib->db, "-天元", NULL, &error), ==, 3);
  /* only punctuation or nothing: no search at all */
  g_assert_cmpuint (zr_search_count (lib->db, "！？", NULL, &error), ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = zr_search_run (lib->db, "", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  (void) a;
  (void) c;
}

static void
test_rank_and_snippet (void)
{
  g_autoptr(Library) lib = library_new (":memory:");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  gint64 in_body, in_headline, none;
  ZrSearchHit *hit;

  in_body = add_simple (lib, "沿江风光带新添步道",
                        "今年以来，市城管局在沿江一带新建三座驿站，方便市民休息。", "天元区");
  in_headline = add_simple (lib, "城管局：驿站全天开放",
                            "记者从市里获悉，新建的驿站全天开放，提供饮水和充电。", "芦淞区");
  none = add_simple (lib, "油茶丰收", "攸县油茶喜获丰收。", "攸县");

  hits = zr_search_run (lib->db, "城管", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  hit = hits->pdata[0];
  g_assert_cmpint (hit->id, ==, in_headline);
  g_assert_cmpstr (hit->headline, ==, "城管局：驿站全天开放");
  g_assert_cmpstr (hit->district, ==, "芦淞区");
  /* no match in its body: the headline is the snippet */
  g_assert_cmpstr (hit->snippet, ==, "【城管】局：驿站全天开放");
  hit = hits->pdata[1];
  g_assert_cmpint (hit->id, ==, in_body);
  g_assert_nonnull (strstr (hit->snippet, "市【城管】局"));
  g_assert_cmpfloat (((ZrSearchHit *) hits->pdata[0])->score, >, hit->score);

  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = zr_search_run (lib->db, "ＷＩＦＩ 驿站", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);

  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = zr_search_run (lib->db, "\"局 驿站\"", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((ZrSearchHit *) hits->pdata[0])->id, ==, in_headline);
  g_assert_cmpstr (((ZrSearchHit *) hits->pdata[0])->snippet, ==, "城管【局：驿站】全天开放");
  /* a space inside quotes stands for punctuation or space, not for nothing */
  g_assert_cmpuint (zr_search_count (lib->db, "\"驿站 全天\"", NULL, &error), ==, 0);
  g_assert_cmpuint (zr_search_count (lib->db, "\"驿站全天\"", NULL, &error), ==, 1);

  /* limit */
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = zr_search_run (lib->db, "驿站", NULL, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((ZrSearchHit *) hits->pdata[0])->id, ==, in_headline);
  (void) none;
}

static void
test_filters (void)
{
  g_autoptr(Library) lib = library_new (":memory:");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(ZrFilter) filter = zr_filter_new ();
  const char *tianyuan[] = { "天元区", NULL };
  const char *both[] = { "天元区", "荷塘区", NULL };
  const char *topic[] = { "城市管理", NULL };
  gint64 a, b;

  a = add_simple (lib, "城管夜查", "天元城管夜查占道经营。", "天元区");
  b = add_simple (lib, "城管入户", "荷塘城管入户宣传。", "荷塘区");
  add_simple (lib, "城管培训", "芦淞城管开展培训。", "芦淞区");
  exec_ok (lib->db, "INSERT INTO record_topics (record_id, topic, is_primary) VALUES (2, '城市管理', 1)");

  zr_filter_set_districts (filter, tianyuan);
  g_assert_cmpuint (zr_search_count (lib->db, "城管", filter, &error), ==, 1);
  g_assert_no_error (error);
  hits = zr_search_run (lib->db, "城管", filter, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((ZrSearchHit *) hits->pdata[0])->id, ==, a);

  zr_filter_set_districts (filter, both);
  g_assert_cmpuint (zr_search_count (lib->db, "城管", filter, &error), ==, 2);
  zr_filter_set_topics (filter, topic);
  g_assert_cmpuint (zr_search_count (lib->db, "城管", filter, &error), ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = zr_search_run (lib->db, "城管", filter, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((ZrSearchHit *) hits->pdata[0])->id, ==, b);
  /* the filter's own query is ignored by zr_search_run */
  zr_filter_set_query (filter, "不存在的词");
  g_assert_cmpuint (zr_search_count (lib->db, "城管", filter, &error), ==, 1);
  g_assert_no_error (error);
}

static void
test_reindex (void)
{
  g_autoptr(Library) lib = library_new (":memory:");
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrRecord) record = zr_record_new (ZR_RECORD_KIND_ARTICLE);
  gint64 id = add_simple (lib, "党建引领基层治理", "社区党建工作。", "石峰区");

  g_assert_cmpuint (zr_search_count (lib->db, "党建", NULL, &error), ==, 1);
  zr_search_unindex_record (lib->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zr_search_count (lib->db, "党建", NULL, &error), ==, 0);
  /* unindexing twice is harmless */
  zr_search_unindex_record (lib->db, id, &error);
  g_assert_no_error (error);

  /* the index reads the stored rows: change them, then index again */
  exec_ok (lib->db, "UPDATE records SET headline = '驿站改造完成', column_label = '今日醴陵' WHERE id = 1");
  exec_ok (lib->db, "UPDATE paragraphs SET text = '新建驿站投入使用。' WHERE record_id = 1");
  exec_ok (lib->db, "INSERT INTO bylines (record_id, position, name, role) VALUES (1, 0, '陈小兰', '记者')");
  if (!lib->no_index)
    zr_search_index_record (lib->db, id, record, &error);
  g_assert_no_error (error);
  /* indexing twice does not duplicate */
  if (!lib->no_index)
    zr_search_index_record (lib->db, id, record, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zr_search_count (lib->db, "记者", NULL, &error), ==, 1);
  g_assert_cmpuint (zr_search_count (lib->db, "驿站", NULL, &error), ==, 1);
  g_assert_cmpuint (zr_search_count (lib->db, "今日醴陵", NULL, &error), ==, 1);
  g_assert_cmpuint (zr_search_count (lib->db, "陈小兰", NULL, &error), ==, 1);
  g_assert_cmpuint (zr_search_count (lib->db, "党建", NULL, &error), ==, 0);
  g_assert_no_error (error);

  /* a rebuild from the stored rows gives the same answers */
  zr_search_rebuild (lib->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zr_search_count (lib->db, "陈小兰", NULL, &error), ==, 1);
  g_assert_cmpuint (zr_search_count (lib->db, "党建", NULL, &error), ==, 0);
  check_integrity (lib->db);
}

static void
test_reopen (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("zr-search-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);

  g_assert_no_error (error);
  {
    g_autoptr(Library) lib = library_new (path);
    add_simple (lib, "炎陵黄桃上市", "炎陵黄桃陆续上市。", "炎陵县");
  }
  {
    g_autoptr(ZrDatabase) db = zr_database_open (path, &error);
    g_autoptr(GPtrArray) hits = NULL;

    g_assert_no_error (error);
    hits = zr_search_run (db, "黄桃", NULL, 5, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpstr (((ZrSearchHit *) hits->pdata[0])->snippet, ==, "炎陵【黄桃】陆续上市。");
  }
  for (const char *suffix = ""; suffix != NULL; suffix = *suffix ? NULL : "-wal")
    {
      g_autofree char *f = g_strconcat (path, suffix, NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_unlink (f);
      g_unlink (shm);
    }
  g_rmdir (dir);
}

static gint64
sql_int (ZrDatabase *db,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = zr_database_get_statement (db, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static void
new_source (Library    *lib,
            const char *path)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO sources (path, name, content_hash, encoding, size, imported_at)"
                                          " VALUES ('%s', 'x.txt', 'x', 'UTF-8', 1, 0)", path);
  exec_ok (lib->db, sql);
  lib->source_id = sqlite3_last_insert_rowid (zr_database_get_handle (lib->db));
  lib->position = 0;
}

/* The importer's way: all records of a page, then one call per page. */
static void
test_index_source (void)
{
  g_autoptr(Library) lib = library_new (":memory:");
  g_autoptr(GError) error = NULL;
  gint64 a = lib->source_id, b;

  lib->no_index = TRUE;
  add_simple (lib, "渌口大桥合龙", "渌口大桥主桥合龙。", "渌口区");
  add_simple (lib, "大桥夜景", "湘江大桥亮灯。", "天元区");
  add_simple (lib, "口罩", "口罩发放。", "荷塘区");
  new_source (lib, "/pages/b.txt");
  b = lib->source_id;
  add_simple (lib, "大桥维修", "石峰大桥封闭维修。", "石峰区");
  add_simple (lib, "桥", "桥。", "石峰区");

  g_assert_cmpuint (zr_search_count (lib->db, "大桥", NULL, &error), ==, 0);
  g_assert_true (zr_search_index_source (lib->db, a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (zr_search_count (lib->db, "大桥", NULL, &error), ==, 2);
  g_assert_cmpuint (zr_search_count (lib->db, "桥", NULL, &error), ==, 2);
  g_assert_cmpuint (zr_search_count (lib->db, "口", NULL, &error), ==, 2);
  /* again: nothing indexed twice */
  g_assert_true (zr_search_index_source (lib->db, a, &error));
  g_assert_true (zr_search_index_source (lib->db, b, &error));
  g_assert_no_error (error);
  check_integrity (lib->db);
  g_assert_cmpuint (zr_search_count (lib->db, "大桥", NULL, &error), ==, 3);
  g_assert_cmpuint (zr_search_count (lib->db, "桥", NULL, &error), ==, 4);
  /* the virtual table record_fts: every indexed record, or a query's */
  g_assert_cmpint (sql_int (lib->db, "SELECT count(*) FROM record_fts"), ==, 5);
  g_assert_cmpint (sql_int (lib->db, "SELECT count(*) FROM record_fts WHERE record_fts MATCH '大桥 -维修'"), ==, 2);
  g_assert_cmpint (sql_int (lib->db, "SELECT count(*) FROM record_fts WHERE record_fts MATCH '，'"), ==, 0);

  g_assert_true (zr_search_unindex_source (lib->db, a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (zr_search_count (lib->db, "大桥", NULL, &error), ==, 1);
  g_assert_cmpuint (zr_search_count (lib->db, "口", NULL, &error), ==, 0);
  g_assert_true (zr_search_unindex_source (lib->db, a, &error));
  g_assert_no_error (error);
  check_integrity (lib->db);
  g_assert_cmpint (sql_int (lib->db, "SELECT count(*) FROM record_fts"), ==, 2);
  g_assert_cmpint (sql_int (lib->db, "SELECT min(rowid) FROM record_fts"), ==, 4);
}

/* Queries of single characters: no positions, so headline hits come
 * first, then the newest; snippets are cut around the first hit. */
static void
test_single_chars (void)
{
  g_autoptr(Library) lib = library_new (":memory:");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  gint64 old_headline, body_only, newest, mixed;
  ZrSearchHit *hit;

  old_headline = add_simple (lib, "茶陵县城新貌", "街道整洁。", "茶陵县");
  body_only = add_simple (lib, "新闻简讯", "今年以来，本市三个县城的老旧小区改造全部完工，居民出行更加方便。", "醴陵市");
  mixed = add_simple (lib, "攸县", "城南ＷｉＦｉ免费。", "攸县");
  newest = add_simple (lib, "无关", "无关的文字。", "炎陵县");

  hits = zr_search_run (lib->db, "城", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 3);
  hit = hits->pdata[0];
  g_assert_cmpint (hit->id, ==, old_headline);
  /* no hit in the body: the headline */
  g_assert_cmpstr (hit->snippet, ==, "茶陵县【城】新貌");
  hit = hits->pdata[1];
  g_assert_cmpint (hit->id, ==, mixed);
  g_assert_cmpstr (hit->snippet, ==, "【城】南ＷｉＦｉ免费。");
  hit = hits->pdata[2];
  g_assert_cmpint (hit->id, ==, body_only);
  g_assert_cmpstr (hit->snippet, ==, "…以来，本市三个县【城】的老旧小区改造全部完工，居民出…");
  g_assert_cmpfloat (((ZrSearchHit *) hits->pdata[0])->score, >, hit->score);

  /* two single characters, neighbours share one pair of brackets */
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = zr_search_run (lib->db, "县 城", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 3);
  /* both in the headline, one in the headline, none */
  g_assert_cmpint (((ZrSearchHit *) hits->pdata[0])->id, ==, old_headline);
  g_assert_cmpint (((ZrSearchHit *) hits->pdata[1])->id, ==, mixed);
  g_assert_cmpstr (((ZrSearchHit *) hits->pdata[2])->snippet, ==, "…年以来，本市三个【县城】的老旧小区改造全部完工，居民…");

  /* a single character folds like the rest: ｆ finds WiFi */
  g_assert_cmpuint (zr_search_count (lib->db, "Ｆ", NULL, &error), ==, 1);
  /* mixed: one and two characters */
  g_assert_cmpuint (zr_search_count (lib->db, "城 wifi", NULL, &error), ==, 1);
  g_assert_cmpuint (zr_search_count (lib->db, "城 -wifi -的", NULL, &error), ==, 1);
  g_assert_cmpuint (zr_search_count (lib->db, "-城 -区", NULL, &error), ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = zr_search_run (lib->db, "城 wifi", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((ZrSearchHit *) hits->pdata[0])->snippet, ==, "城南【ＷｉＦｉ】免费。");
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = zr_search_run (lib->db, "-城 -区", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((ZrSearchHit *) hits->pdata[0])->id, ==, newest);
  g_assert_cmpstr (((ZrSearchHit *) hits->pdata[0])->snippet, ==, "无关的文字。");
}

/* Real pages, read at run time: each paragraph is a record. */
static void
test_corpus (void)
{
  const char *corpus = g_getenv ("ZR_CORPUS_DIR");
  g_autoptr(GDir) dir = NULL;
  g_autoptr(Library) lib = NULL;
  const char *name;
  static const char *queries[] = { "城管", "驿站", "党建", "株洲", "wifi", "2022", "建宁驿站", "市" };

  if (corpus == NULL || (dir = g_dir_open (corpus, 0, NULL)) == NULL)
    {
      g_test_skip ("ZR_CORPUS_DIR not set or not readable");
      return;
    }
  lib = library_new (":memory:");
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (corpus, name, NULL);
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;

      if (!g_str_has_suffix (name, ".txt") || !g_file_get_contents (path, &text, NULL, NULL))
        continue;
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        if (g_utf8_validate (lines[i], -1, NULL) && *g_strstrip (lines[i]) != '\0')
          add_simple (lib, NULL, lines[i], NULL);
    }
  if (lib->docs->len == 0)
    {
      g_test_skip ("no readable page in ZR_CORPUS_DIR");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *folded = ref_fold (queries[i]);
      const char *positive[] = { folded, NULL };
      check_query (lib, queries[i], positive, NULL);
    }
}

/* Snippets of terms of two characters or more: the first window that
 * holds the most different terms, found in one pass over the article
 * (FTS5's snippet() took time growing with the square of the hits). */
static void
test_pair_snippets (void)
{
  g_autoptr(Library) lib = library_new (":memory:");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *long_term = NULL;

  /* 城管 3,000 times, then once near 驿站 */
  for (int i = 0; i < 3000; i++)
    g_string_append (body, "城管队员在街头巡查。");
  g_string_append (body, "新建的驿站由城管部门管理。");
  add_simple (lib, "街头巡查", body->str, "荷塘区");
  add_simple (lib, "三个城", "城城城相连。", "攸县");
  long_term = g_strdup ("石峰区清水塘老工业区搬迁改造以后建成了生态新城和科技公园");
  add_simple (lib, "老工业区", "据了解，石峰区清水塘老工业区搬迁改造以后建成了生态新城和科技公园，市民常来散步。", "石峰区");

  hits = zr_search_run (lib->db, "城管 驿站", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((ZrSearchHit *) hits->pdata[0])->snippet, ==,
                   "…队员在街头巡查。【城管】队员在街头巡查。新建的【驿站】由…");

  /* one term: from its first hit, every hit in the window */
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = zr_search_run (lib->db, "队员", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((ZrSearchHit *) hits->pdata[0])->snippet, ==, "城管【队员】在街头巡查。城管【队员】在街头巡查。城管【队员】…");

  /* a term with a gap covers the punctuation between */
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = zr_search_run (lib->db, "\"巡查 新建\"", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_nonnull (strstr (((ZrSearchHit *) hits->pdata[0])->snippet, "街头【巡查。新建】的驿站"));

  /* overlapping hits share one pair of brackets */
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = zr_search_run (lib->db, "城城", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((ZrSearchHit *) hits->pdata[0])->snippet, ==, "【城城城】相连。");

  /* a term longer than the window is shown whole */
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = zr_search_run (lib->db, long_term, NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((ZrSearchHit *) hits->pdata[0])->snippet, ==,
                   "据了解，【石峰区清水塘老工业区搬迁改造以后建成了生态新城和科技公园】…");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/search/fold", test_fold);
  g_test_add_func ("/core/search/build-match", test_build_match);
  g_test_add_func ("/core/search/hostile", test_hostile);
  g_test_add_func ("/core/search/only-not", test_only_not);
  g_test_add_func ("/core/search/rank-snippet", test_rank_and_snippet);
  g_test_add_func ("/core/search/filters", test_filters);
  g_test_add_func ("/core/search/reindex", test_reindex);
  g_test_add_func ("/core/search/reopen", test_reopen);
  g_test_add_func ("/core/search/index-source", test_index_source);
  g_test_add_func ("/core/search/single-chars", test_single_chars);
  g_test_add_func ("/core/search/pair-snippets", test_pair_snippets);
  g_test_add_func ("/core/search/exact-substrings", test_exact_substrings);
  g_test_add_func ("/core/search/exact-operators", test_exact_operators);
  g_test_add_func ("/core/search/corpus", test_corpus);
  return g_test_run ();
}
