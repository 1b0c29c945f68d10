/* test-figures.c: numbers with units found in paragraphs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zr-figures.h"

typedef struct
{
  char      *paragraph;
  GPtrArray *expected;   /* element-type ZrFigure */
} Case;

static void
case_free (Case *c)
{
  g_free (c->paragraph);
  g_ptr_array_unref (c->expected);
  g_free (c);
}

static GPtrArray *
load_cases (void)
{
  const char *path = g_test_get_filename (G_TEST_DIST, "data", "stats", "figures.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *cases = g_ptr_array_new_with_free_func ((GDestroyNotify) case_free);
  Case *current = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "P "))
        {
          current = g_new0 (Case, 1);
          current->paragraph = g_strdup (line + 2);
          current->expected = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_figure_free);
          g_ptr_array_add (cases, current);
        }
      else if (g_str_has_prefix (line, "F "))
        {
          g_auto(GStrv) f = g_strsplit (line + 2, "\t", -1);
          g_assert_nonnull (current);
          g_assert_cmpuint (g_strv_length (f), ==, 4);
          g_ptr_array_add (current->expected,
                           zr_figure_new (0, (guint) atoi (f[1]), (guint) atoi (f[2]), f[0], f[3]));
        }
    }
  g_assert_cmpuint (cases->len, >=, 10);
  return cases;
}

static void
assert_figures (GPtrArray  *got,
                GPtrArray  *expected,
                const char *paragraph)
{
  if (got->len != expected->len)
    {
      for (guint i = 0; i < got->len; i++)
        g_test_message ("got %s", ((ZrFigure *) got->pdata[i])->text);
      g_test_message ("in: %s", paragraph);
    }
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    {
      const ZrFigure *g = got->pdata[i];
      const ZrFigure *e = expected->pdata[i];

      g_assert_cmpstr (g->text, ==, e->text);
      g_assert_cmpuint (g->paragraph, ==, e->paragraph);
      g_assert_cmpuint (g->start, ==, e->start);
      g_assert_cmpuint (g->end, ==, e->end);
      g_assert_cmpstr (g->context, ==, e->context);
    }
}

/* Each fixture paragraph on its own: text, offsets and context exactly. */
static void
test_fixtures (void)
{
  g_autoptr(GPtrArray) cases = load_cases ();

  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = cases->pdata[i];
      g_autoptr(GPtrArray) got = zr_figures_extract_text (c->paragraph);

      assert_figures (got, c->expected, c->paragraph);
      /* the offsets are characters: slicing the paragraph gives the text */
      for (guint k = 0; k < got->len; k++)
        {
          const ZrFigure *f = got->pdata[k];
          g_autofree char *slice = g_utf8_substring (c->paragraph, f->start, f->end);
          g_assert_cmpstr (slice, ==, f->text);
        }
    }
}

/* The fixtures as one record: paragraph indexes follow, and a subhead or a
 * caption is searched as well as the body. */
static void
test_record (void)
{
  g_autoptr(GPtrArray) cases = load_cases ();
  g_autoptr(ZrRecord) record = zr_record_new (ZR_RECORD_KIND_ARTICLE);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_figure_free);
  g_autoptr(GPtrArray) got = NULL;

  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = cases->pdata[i];
      ZrParagraphKind kind = i == 1 ? ZR_PARAGRAPH_KIND_SUBHEAD
                           : i == 2 ? ZR_PARAGRAPH_KIND_CAPTION : ZR_PARAGRAPH_KIND_BODY;

      g_ptr_array_add (record->paragraphs, zr_paragraph_new (kind, c->paragraph, -1));
      for (guint k = 0; k < c->expected->len; k++)
        {
          const ZrFigure *e = c->expected->pdata[k];
          g_ptr_array_add (expected, zr_figure_new (i, e->start, e->end, e->text, e->context));
        }
    }
  got = zr_figures_extract (record);
  assert_figures (got, expected, "(record)");
}

static void
test_empty (void)
{
  g_autoptr(ZrRecord) record = zr_record_new (ZR_RECORD_KIND_ARTICLE);
  g_autoptr(GPtrArray) a = zr_figures_extract (NULL);
  g_autoptr(GPtrArray) b = zr_figures_extract (record);
  g_autoptr(GPtrArray) c = zr_figures_extract_text ("");
  g_autoptr(GPtrArray) d = zr_figures_extract_text ("没有任何数字的一段话。");
  g_autoptr(GPtrArray) e = NULL;

  g_assert_cmpuint (a->len, ==, 0);
  g_assert_cmpuint (b->len, ==, 0);
  g_assert_cmpuint (c->len, ==, 0);
  g_assert_cmpuint (d->len, ==, 0);

  /* a paragraph with no text is skipped, the next one still counts */
  g_ptr_array_add (record->paragraphs, zr_paragraph_new (ZR_PARAGRAPH_KIND_BODY, NULL, -1));
  g_ptr_array_add (record->paragraphs, zr_paragraph_new (ZR_PARAGRAPH_KIND_BODY, "共5辆。", -1));
  e = zr_figures_extract (record);
  g_assert_cmpuint (e->len, ==, 1);
  g_assert_cmpuint (((ZrFigure *) e->pdata[0])->paragraph, ==, 1);
  g_assert_cmpstr (((ZrFigure *) e->pdata[0])->text, ==, "5辆");
}

/* Random bytes, cut UTF-8 and digit soup: never a crash, always offsets
 * inside the text and a text that matches them. */
static void
test_robust (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20230315);
  static const char *pieces[] = {
    "1", "２", ".", "．", "%", "万", "亿", "多", "余", "个", "工作日", "至", "～", "-", "年", "月",
    "第", "#", "·", ":", ",", "，", "。", "k", "m", "MB", "三", "千", "十", "两", "人", "\xe4", "\xb8",
    "\xff", " ", "（", "）", "吨", "元",
  };

  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      g_autoptr(GPtrArray) got = NULL;
      guint n = g_rand_int_range (rand, 0, 80);
      gboolean valid;
      glong len;

      for (guint i = 0; i < n; i++)
        {
          if (g_rand_int_range (rand, 0, 10) == 0)
            g_string_append_c (s, (char) g_rand_int_range (rand, 1, 256));
          else
            g_string_append (s, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
        }
      got = zr_figures_extract_text (s->str);
      valid = g_utf8_validate (s->str, -1, NULL);
      len = valid ? g_utf8_strlen (s->str, -1) : (glong) s->len;
      for (guint i = 0; i < got->len; i++)
        {
          const ZrFigure *f = got->pdata[i];
          g_assert_cmpuint (f->start, <, f->end);
          g_assert_cmpuint (f->end, <=, (guint) len);
          g_assert_true (g_utf8_validate (f->text, -1, NULL));
          g_assert_true (g_utf8_validate (f->context, -1, NULL));
          g_assert_nonnull (strstr (f->context, f->text));
          if (valid)
            {
              g_autofree char *slice = g_utf8_substring (s->str, f->start, f->end);
              g_assert_cmpstr (slice, ==, f->text);
            }
          if (i > 0)
            g_assert_cmpuint (f->start, >=, ((ZrFigure *) got->pdata[i - 1])->end);
        }
    }
}

/* Long paragraphs with no punctuation and a figure every two characters
 * take time in proportion to their length. */
static void
test_linear (void)
{
  g_autoptr(GString) small = g_string_new (NULL);
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  gint64 t0, t1, t2;

  for (guint i = 0; i < 20000; i++)
    g_string_append (small, "7人");
  for (guint i = 0; i < 160000; i++)
    g_string_append (big, "7人");

  t0 = g_get_monotonic_time ();
  a = zr_figures_extract_text (small->str);
  t1 = g_get_monotonic_time ();
  b = zr_figures_extract_text (big->str);
  t2 = g_get_monotonic_time ();

  g_assert_cmpuint (a->len, ==, 20000);
  g_assert_cmpuint (b->len, ==, 160000);
  g_assert_cmpstr (((ZrFigure *) b->pdata[159999])->text, ==, "7人");
  g_assert_cmpuint (((ZrFigure *) b->pdata[159999])->start, ==, 319998);
  /* 8× the text: well under 30× the time (quadratic would be 64×) */
  g_test_message ("20k: %" G_GINT64_FORMAT " µs, 160k: %" G_GINT64_FORMAT " µs", t1 - t0, t2 - t1);
  g_assert_cmpint (t2 - t1, <, MAX (t1 - t0, 2000) * 30);
}

/* On the real pages (read at run time): figures the page prints are found,
 * dates and years are not. */
static void
test_corpus (void)
{
  const char *dir = g_getenv ("ZR_CORPUS_DIR");
  g_autoptr(GDir) d = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *name;
  static const char *wanted[] = { "18710台次", "99.03%", "1190个", "27896人", "187亿元", "57.9倍",
                                  "486万元", "3000余户", "2000多元", "36万人" };
  static const char *unwanted[] = { "2020年", "2016年", "2023年", "80后", "3D" };

  if (dir == NULL || (d = g_dir_open (dir, 0, NULL)) == NULL)
    {
      g_test_skip ("ZR_CORPUS_DIR not available");
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;

      if (!g_str_has_suffix (name, ".txt") || !g_file_get_contents (path, &text, NULL, NULL))
        continue;
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autoptr(GPtrArray) got = zr_figures_extract_text (lines[i]);
          for (guint k = 0; k < got->len; k++)
            g_hash_table_add (seen, g_strdup (((ZrFigure *) got->pdata[k])->text));
        }
    }
  if (g_hash_table_size (seen) == 0)
    {
      g_test_skip ("no corpus pages");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    if (!g_hash_table_contains (seen, wanted[i]))
      g_test_fail_printf ("corpus figure not found: %s", wanted[i]);
  for (guint i = 0; i < G_N_ELEMENTS (unwanted); i++)
    if (g_hash_table_contains (seen, unwanted[i]))
      g_test_fail_printf ("not a figure, but found as one: %s", unwanted[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/figures/fixtures", test_fixtures);
  g_test_add_func ("/core/figures/record", test_record);
  g_test_add_func ("/core/figures/empty", test_empty);
  g_test_add_func ("/core/figures/robust", test_robust);
  g_test_add_func ("/core/figures/linear", test_linear);
  g_test_add_func ("/core/figures/corpus", test_corpus);
  return g_test_run ();
}
