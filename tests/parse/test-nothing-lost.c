/* test-nothing-lost.c: every significant character of a page survives
 * segmentation, in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The invariant (see zr-page-parser.h): with all Unicode white space
 * removed, zr_page_dup_flat_text() equals the page text without white
 * space and without Markdown heading marks (1–6 '#' starting a line and
 * followed by white space or the line end). Checked on every fixture,
 * every page of the sample edition, every corpus page ($ZR_CORPUS_DIR,
 * skipped when absent), on awkward inputs, and on random byte soup.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "zr-encoding.h"
#include "zr-page-parser.h"

static char *
strip_space (const char *s)
{
  GString *out = g_string_new (NULL);
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
assert_nothing_lost (const char *text,
                     const char *what)
{
  g_autoptr(ZrPage) page = zr_page_parse (text);
  g_autofree char *flat = zr_page_dup_flat_text (page);
  g_autofree char *got = strip_space (flat);
  g_autofree char *want = zr_page_dup_significant_text (text);

  if (g_strcmp0 (got, want) != 0)
    {
      gsize i = 0;
      while (got[i] && got[i] == want[i])
        i++;
      g_test_message ("%s: differs at byte %" G_GSIZE_FORMAT, what, i);
      if (g_getenv ("ZR_PARSE_DEBUG"))
        fprintf (stderr, "INPUT<<%s>>\n", text);
    }
  g_assert_cmpstr (got, ==, want);
}

static void
check_dir (const char *dir,
           gboolean    must_exist)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (d == NULL)
    {
      g_assert_false (must_exist);
      g_test_skip ("directory not found");
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      gsize len;

      if (!g_str_has_suffix (name, ".txt") && !g_str_has_suffix (name, ".md"))
        continue;
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      text = zr_text_decode (data, len, NULL, NULL, &error);
      g_assert_no_error (error);
      assert_nothing_lost (text, name);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

static void
test_fixtures (void)
{
  check_dir (g_test_get_filename (G_TEST_DIST, "data", "parse", NULL), TRUE);
}

static void
test_sample (void)
{
  const char *src = g_getenv ("ZR_SOURCE_DIR");
  g_autofree char *dir = NULL;
  if (src == NULL)
    {
      g_test_skip ("ZR_SOURCE_DIR not set");
      return;
    }
  dir = g_build_filename (src, "data", "sample", NULL);
  check_dir (dir, TRUE);
}

static void
test_corpus (void)
{
  const char *dir = g_getenv ("ZR_CORPUS_DIR");
  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("ZR_CORPUS_DIR absent");
      return;
    }
  check_dir (dir, FALSE);
}

static void
test_awkward (void)
{
  static const char *cases[] = {
    "",
    "\n\n\n",
    "#",
    "# ",
    "####### seven marks stay",
    "#话题#不是标题",
    "## \n###\n#### 小标题",
    "  ## 缩进的标题\n正文。",
    "(王峰)",
    "。(王峰 谢嘉)",
    "株洲日报讯",
    "株洲日报讯(全媒体记者/",
    "株洲日报讯(全媒体记者/张三)",
    "·遗失\n·遗失",
    "▲",
    "记者 张三",
    "a\rb\r\nc",
    "标题——\n## 标题\n正文没有结束\n正文继续。",
    "第一行没有结束\n\n\n\n短句。\n\n\n\n另一行",
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_nothing_lost (cases[i], cases[i]);
}

static void
test_random (void)
{
  static const char *pieces[] = {
    "## ", "# ", "### ", "\n", "\n\n", "\n\n\n\n", " ", "　", "。", "，", "”", "“", "(", ")",
    "（", "）", "记者", "通讯员/", "张三", "李四 ", "株洲日报讯", "▲", "摄", "·遗失", "声明",
    "天元区", "今日醴陵", "系列报道", "【声音】", "的", "以", "——", "：", "#", "株洲", "abc",
    "1", "\t", "\r\n", "供图", "(截图)", "责任编辑", "星期三",
  };
  GRand *rand = g_rand_new_with_seed (20240520);
  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 1, 200);
      for (guint i = 0; i < n; i++)
        g_string_append (s, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      assert_nothing_lost (s->str, "random");
    }
  g_rand_free (rand);
}

/* Linear time: 20,000 headings, a 10 MB line, and 5 MB of ordinary page
 * text parsed at more than 5 MB/s. */
static void
test_large (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GString) page = g_string_new (NULL);
  g_autofree char *data = NULL;
  gint64 start;
  double secs;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (s, "## 标题%u\n\n正文第%u段，没有结束\n\n", i, i);
  start = g_get_monotonic_time ();
  assert_nothing_lost (s->str, "headings");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);

  while (line->len < 10 * 1024 * 1024)
    g_string_append (line, "株洲市天元区长江北路，");
  start = g_get_monotonic_time ();
  assert_nothing_lost (line->str, "long line");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);

  {
    gsize len;
    const char *path = g_test_get_filename (G_TEST_DIST, "data", "parse", "headings.txt", NULL);
    g_assert_true (g_file_get_contents (path, &data, &len, NULL));
    gint64 quarter_usec = 0;

    /* The parse grows with the page, not faster: four times the text
     * takes at most ten times as long (a quadratic step would take 16×).
     * How fast it is on this machine is measured in tests/bench. */
    while (page->len < 5 * 1024 * 1024)
      {
        g_string_append (page, data);
        if (quarter_usec == 0 && page->len >= 5 * 1024 * 1024 / 4)
          {
            start = g_get_monotonic_time ();
            {
              g_autoptr(ZrPage) p = zr_page_parse (page->str);
              g_assert_cmpuint (p->records->len, >, 250);
            }
            quarter_usec = MAX (g_get_monotonic_time () - start, 20000);
          }
      }
    start = g_get_monotonic_time ();
    {
      g_autoptr(ZrPage) p = zr_page_parse (page->str);
      g_assert_cmpuint (p->records->len, >, 1000);
    }
    secs = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
    g_test_message ("5 MB parsed in %.2f s, a quarter of it in %.2f s", secs, quarter_usec / 1e6);
    g_assert_cmpfloat (secs * G_USEC_PER_SEC, <, 10.0 * quarter_usec);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/parse/nothing-lost/fixtures", test_fixtures);
  g_test_add_func ("/core/parse/nothing-lost/sample", test_sample);
  g_test_add_func ("/core/parse/nothing-lost/corpus", test_corpus);
  g_test_add_func ("/core/parse/nothing-lost/awkward", test_awkward);
  g_test_add_func ("/core/parse/nothing-lost/random", test_random);
  g_test_add_func ("/core/parse/nothing-lost/large", test_large);
  return g_test_run ();
}
