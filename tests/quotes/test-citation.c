/* test-citation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zr-citation.h"

static ZrCitationSource
full_source (void)
{
  ZrCitationSource s = { 0 };

  s.article_id = 42;
  s.headline = "老街新貌";
  s.bylines = "全媒体记者 张晓 通讯员 李明";
  s.authors = "张晓, 李明";
  s.page_date = "2023-03-15";
  s.page_number = 3;
  s.quote = "路修好了，心也亮堂了。";
  s.speaker = "康立";
  s.role = "社区书记";
  return s;
}

/* Every combination of unknown speaker, role, headline and bylines. */
static void
test_plain_combinations (void)
{
  static const char *expected[16] = {
    [0x0] = "“路修好了，心也亮堂了。”——康立（社区书记），《株洲日报》《老街新貌》，全媒体记者 张晓 通讯员 李明",
    [0x1] = "“路修好了，心也亮堂了。”——社区书记，《株洲日报》《老街新貌》，全媒体记者 张晓 通讯员 李明",
    [0x2] = "“路修好了，心也亮堂了。”——康立，《株洲日报》《老街新貌》，全媒体记者 张晓 通讯员 李明",
    [0x3] = "“路修好了，心也亮堂了。”，《株洲日报》《老街新貌》，全媒体记者 张晓 通讯员 李明",
    [0x4] = "“路修好了，心也亮堂了。”——康立（社区书记），《株洲日报》，全媒体记者 张晓 通讯员 李明",
    [0x5] = "“路修好了，心也亮堂了。”——社区书记，《株洲日报》，全媒体记者 张晓 通讯员 李明",
    [0x6] = "“路修好了，心也亮堂了。”——康立，《株洲日报》，全媒体记者 张晓 通讯员 李明",
    [0x7] = "“路修好了，心也亮堂了。”，《株洲日报》，全媒体记者 张晓 通讯员 李明",
    [0x8] = "“路修好了，心也亮堂了。”——康立（社区书记），《株洲日报》《老街新貌》",
    [0x9] = "“路修好了，心也亮堂了。”——社区书记，《株洲日报》《老街新貌》",
    [0xA] = "“路修好了，心也亮堂了。”——康立，《株洲日报》《老街新貌》",
    [0xB] = "“路修好了，心也亮堂了。”，《株洲日报》《老街新貌》",
    [0xC] = "“路修好了，心也亮堂了。”——康立（社区书记），《株洲日报》",
    [0xD] = "“路修好了，心也亮堂了。”——社区书记，《株洲日报》",
    [0xE] = "“路修好了，心也亮堂了。”——康立，《株洲日报》",
    [0xF] = "“路修好了，心也亮堂了。”，《株洲日报》",
  };

  for (guint m = 0; m < 16; m++)
    {
      ZrCitationSource s = full_source ();
      g_autofree char *text = NULL;

      if (m & 1)
        s.speaker = NULL;
      if (m & 2)
        s.role = NULL;
      if (m & 4)
        s.headline = NULL;
      if (m & 8)
        s.bylines = "";
      text = zr_citation_format (&s, ZR_CITATION_FORMAT_PLAIN, NULL);
      g_assert_cmpstr (text, ==, expected[m]);
      g_assert_null (strstr (text, "（）"));
      g_assert_null (strstr (text, "，，"));
      g_assert_false (g_str_has_suffix (text, "，"));
    }
}

static void
test_plain_article (void)
{
  ZrCitationSource s = full_source ();
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

  s.quote = NULL;
  a = zr_citation_format (&s, ZR_CITATION_FORMAT_PLAIN, NULL);
  g_assert_cmpstr (a, ==, "《老街新貌》，全媒体记者 张晓 通讯员 李明，《株洲日报》2023年3月15日第3版");
  s.page_number = -1;
  b = zr_citation_format (&s, ZR_CITATION_FORMAT_PLAIN, NULL);
  g_assert_cmpstr (b, ==, "《老街新貌》，全媒体记者 张晓 通讯员 李明，《株洲日报》2023年3月15日");
  s.page_date = NULL;
  s.bylines = NULL;
  c = zr_citation_format (&s, ZR_CITATION_FORMAT_PLAIN, NULL);
  g_assert_cmpstr (c, ==, "《老街新貌》，《株洲日报》");
  s.headline = NULL;
  s.page_number = 5;
  d = zr_citation_format (&s, ZR_CITATION_FORMAT_PLAIN, NULL);
  g_assert_cmpstr (d, ==, "《株洲日报》第5版");
}

static void
test_custom_template (void)
{
  ZrCitationSource s = full_source ();
  g_autofree char *a = NULL, *b = NULL;

  a = zr_citation_format (&s, ZR_CITATION_FORMAT_PLAIN, "{speaker}：“{quote}”（{date}，第{page}版）{link}");
  g_assert_cmpstr (a, ==, "康立：“路修好了，心也亮堂了。”（2023-03-15，第3版）zhuzhou-reader://article/42");
  s.speaker = s.role = NULL;
  s.page_date = NULL;
  s.page_number = -1;
  b = zr_citation_format (&s, ZR_CITATION_FORMAT_PLAIN, "{speaker}：“{quote}”（{date}，第{page}版）");
  g_assert_cmpstr (b, ==, "“路修好了，心也亮堂了。”");
}

static void
test_markdown (void)
{
  ZrCitationSource s = full_source ();
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  a = zr_citation_format (&s, ZR_CITATION_FORMAT_MARKDOWN, NULL);
  g_assert_cmpstr (a, ==,
                   "> 路修好了，心也亮堂了。\n"
                   ">\n"
                   "> ——康立（社区书记）\n"
                   "\n"
                   "来源：《株洲日报》[《老街新貌》](zhuzhou-reader://article/42)，全媒体记者 张晓 通讯员 李明，2023-03-15 第3版\n");
  s.speaker = s.role = NULL;
  s.bylines = NULL;
  s.page_date = NULL;
  s.page_number = -1;
  b = zr_citation_format (&s, ZR_CITATION_FORMAT_MARKDOWN, NULL);
  g_assert_cmpstr (b, ==,
                   "> 路修好了，心也亮堂了。\n"
                   "\n"
                   "来源：《株洲日报》[《老街新貌》](zhuzhou-reader://article/42)\n");
  s.quote = NULL;
  s.headline = "标题*带*星号";
  c = zr_citation_format (&s, ZR_CITATION_FORMAT_MARKDOWN, NULL);
  g_assert_cmpstr (c, ==, "《株洲日报》[《标题\\*带\\*星号》](zhuzhou-reader://article/42)\n");
}

static void
test_gbt7714 (void)
{
  ZrCitationSource s = full_source ();
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL;

  a = zr_citation_format (&s, ZR_CITATION_FORMAT_GBT7714, NULL);
  g_assert_cmpstr (a, ==, "张晓, 李明. 老街新貌[N]. 株洲日报, 2023-03-15(03).");
  s.authors = "甲, 乙, 丙, 丁";
  b = zr_citation_format (&s, ZR_CITATION_FORMAT_GBT7714, NULL);
  g_assert_cmpstr (b, ==, "甲, 乙, 丙, 等. 老街新貌[N]. 株洲日报, 2023-03-15(03).");
  s.authors = NULL;
  s.page_number = -1;
  c = zr_citation_format (&s, ZR_CITATION_FORMAT_GBT7714, NULL);
  g_assert_cmpstr (c, ==, "老街新貌[N]. 株洲日报, 2023-03-15.");
  s.page_date = NULL;
  d = zr_citation_format (&s, ZR_CITATION_FORMAT_GBT7714, NULL);
  g_assert_cmpstr (d, ==, "老街新貌[N]. 株洲日报.");
  s.headline = NULL;
  s.page_number = 12;
  e = zr_citation_format (&s, ZR_CITATION_FORMAT_GBT7714, NULL);
  g_assert_cmpstr (e, ==, "株洲日报(12).");
}

static void
test_format_names (void)
{
  ZrCitationFormat f;
  g_autofree char *link = zr_citation_dup_link (7);

  g_assert_true (zr_citation_format_from_string ("markdown", &f));
  g_assert_cmpint (f, ==, ZR_CITATION_FORMAT_MARKDOWN);
  g_assert_true (zr_citation_format_from_string ("gbt7714", &f));
  g_assert_cmpint (f, ==, ZR_CITATION_FORMAT_GBT7714);
  g_assert_true (zr_citation_format_from_string ("plain", &f));
  g_assert_cmpint (f, ==, ZR_CITATION_FORMAT_PLAIN);
  g_assert_false (zr_citation_format_from_string ("bibtex", &f));
  g_assert_false (zr_citation_format_from_string (NULL, &f));
  g_assert_cmpstr (zr_citation_format_to_string (ZR_CITATION_FORMAT_GBT7714), ==, "gbt7714");
  g_assert_cmpstr (link, ==, "zhuzhou-reader://article/7");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/citation/plain-combinations", test_plain_combinations);
  g_test_add_func ("/core/citation/plain-article", test_plain_article);
  g_test_add_func ("/core/citation/custom-template", test_custom_template);
  g_test_add_func ("/core/citation/markdown", test_markdown);
  g_test_add_func ("/core/citation/gbt7714", test_gbt7714);
  g_test_add_func ("/core/citation/format-names", test_format_names);
  return g_test_run ();
}
