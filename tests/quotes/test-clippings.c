/* test-clippings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zr-clippings.h"
#include "zr-error.h"
#include "zr-quotes.h"

static ZrArticle *
make_article (void)
{
  ZrArticle *a = g_new0 (ZrArticle, 1);

  a->id = 9;
  a->position = 2;
  a->source_path = g_strdup ("/pages/2023-03-15_03.txt");
  a->source_name = g_strdup ("2023-03-15_03.txt");
  a->page_date = g_strdup ("2023-03-15");
  a->page_number = 3;
  a->record = zr_record_new (ZR_RECORD_KIND_ARTICLE);
  a->record->headline = g_strdup ("老街新貌");
  g_ptr_array_add (a->record->bylines, zr_byline_new ("张晓", "全媒体记者"));
  a->record->dateline = g_strdup ("本报讯");
  g_ptr_array_add (a->record->paragraphs, zr_paragraph_new (ZR_PARAGRAPH_KIND_BODY, "三年过去，老街换了新模样。", 0));
  g_ptr_array_add (a->record->paragraphs, zr_paragraph_new (ZR_PARAGRAPH_KIND_BODY,
                                                            "一位游客说：He said \"yes\", twice.", 14));
  a->quotes = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_quote_free);
  g_ptr_array_add (a->quotes, zr_quote_new (0, 1, 12, "路修好了，心也亮堂了。", "康立", "社区书记"));
  g_ptr_array_add (a->quotes, zr_quote_new (1, 1, 20, "他说，“要干就干好”，大家都同意", NULL, NULL));
  return a;
}

static ZrDatabase *
open_db (void)
{
  g_autoptr(GError) error = NULL;
  ZrDatabase *db = zr_database_open (":memory:", &error);

  g_assert_no_error (error);
  return db;
}

static void
test_save_list_delete (void)
{
  g_autoptr(ZrDatabase) db = open_db ();
  g_autoptr(ZrArticle) a = make_article ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const ZrClipping *c;
  gint64 id1, id2, id3;

  id1 = zr_clippings_save (db, a, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id1, >, 0);
  /* the same quote twice keeps one */
  id2 = zr_clippings_save (db, a, 1, NULL, "第二次", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id2, ==, id1);
  g_assert_cmpuint (zr_clippings_count (db), ==, 1);
  /* a selection */
  id3 = zr_clippings_save (db, a, 0, "  老街换了新模样  ", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id3, !=, id1);
  g_assert_cmpuint (zr_clippings_count (db), ==, 2);

  list = zr_clippings_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  c = g_ptr_array_index (list, 0);
  g_assert_cmpint (c->id, ==, id1);
  g_assert_cmpstr (c->quote, ==, "路修好了，心也亮堂了。");
  g_assert_cmpstr (c->speaker, ==, "康立");
  g_assert_cmpstr (c->role, ==, "社区书记");
  g_assert_cmpstr (c->headline, ==, "老街新貌");
  g_assert_cmpstr (c->note, ==, "第二次");
  g_assert_cmpstr (c->citation, ==, "“路修好了，心也亮堂了。”——康立（社区书记），《株洲日报》《老街新貌》，全媒体记者 张晓");
  g_assert_cmpstr (c->source_path, ==, "/pages/2023-03-15_03.txt");
  g_assert_cmpint (c->record_position, ==, 2);
  /* no record 9 in this library: the article is gone */
  g_assert_cmpint (c->article_id, ==, -1);
  c = g_ptr_array_index (list, 1);
  g_assert_cmpstr (c->quote, ==, "老街换了新模样");
  g_assert_null (c->speaker);

  g_assert_true (zr_clippings_delete (db, id3, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (zr_clippings_count (db), ==, 1);
  g_assert_false (zr_clippings_delete (db, id3, &error));
  g_assert_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_NOT_FOUND);
}

static void
test_save_errors (void)
{
  g_autoptr(ZrDatabase) db = open_db ();
  g_autoptr(ZrArticle) a = make_article ();
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;

  g_assert_cmpint (zr_clippings_save (db, a, 3, NULL, NULL, &e1), ==, -1);
  g_assert_error (e1, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_NOT_FOUND);
  g_assert_cmpint (zr_clippings_save (db, a, 0, "   ", NULL, &e2), ==, -1);
  g_assert_error (e2, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_NOT_FOUND);
  g_assert_cmpuint (zr_clippings_count (db), ==, 0);
}

/* A selection saved with the article's citation must be the article's
 * text, as the reader shows it: within a paragraph, across lines (white
 * space aside), headline into the body. Anything else is refused. Before,
 * `clippings save --text` took any text. */
static void
test_save_text_must_be_in_article (void)
{
  g_autoptr(ZrDatabase) db = open_db ();
  g_autoptr(ZrArticle) a = make_article ();
  const char *good[] = {
    "老街换了新模样",
    "新模样。\n\n一位游客说",
    "老街新貌\n全媒体记者 张晓\n本报讯　三年过去",
  };
  const char *bad[] = {
    "老街换了旧模样",
    "这句话文章里没有",
    "模样。一位游客说：He said yes",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_cmpint (zr_clippings_save (db, a, 0, good[i], NULL, &error), >, 0);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_cmpint (zr_clippings_save (db, a, 0, bad[i], NULL, &error), ==, -1);
      g_assert_error (error, ZR_DATA_ERROR, ZR_DATA_ERROR_INVALID);
    }
  g_assert_cmpuint (zr_clippings_count (db), ==, G_N_ELEMENTS (good));
}

static void
test_export_csv (void)
{
  g_autoptr(ZrDatabase) db = open_db ();
  g_autoptr(ZrArticle) a = make_article ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  zr_clippings_save (db, a, 2, NULL, "多行\n备注", &error);
  g_assert_no_error (error);
  csv = zr_clippings_export (db, ZR_CLIPPINGS_FORMAT_CSV, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF" "quote,speaker,role,headline,citation,note,"
                                        "source_path,record_position,article_id,saved_at\r\n"));
  /* full-width punctuation needs no quoting; a newline does, and stays inside the field */
  g_assert_nonnull (strstr (csv, "\r\n他说，“要干就干好”，大家都同意,,,老街新貌,"));
  g_assert_nonnull (strstr (csv, ",\"多行\n备注\",/pages/2023-03-15_03.txt,2,-1,"));
  g_assert_true (g_str_has_suffix (csv, "Z\r\n"));
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
}

static void
test_export_csv_quotes (void)
{
  g_autoptr(ZrDatabase) db = open_db ();
  g_autoptr(ZrArticle) a = make_article ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;

  zr_clippings_save (db, a, 0, "He said \"yes\", twice", NULL, &error);
  g_assert_no_error (error);
  csv = zr_clippings_export (db, ZR_CLIPPINGS_FORMAT_CSV, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (csv, "\r\n\"He said \"\"yes\"\", twice\",,,"));
}

static void
test_export_markdown (void)
{
  g_autoptr(ZrDatabase) db = open_db ();
  g_autoptr(ZrArticle) a = make_article ();
  g_autoptr(GError) error = NULL;
  g_autofree char *md = NULL;

  zr_clippings_save (db, a, 1, NULL, "写报告用", &error);
  g_assert_no_error (error);
  md = zr_clippings_export (db, ZR_CLIPPINGS_FORMAT_MARKDOWN, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (md, ==,
                   "# 引语收藏\n"
                   "\n"
                   "> 路修好了，心也亮堂了。\n"
                   ">\n"
                   "> ——康立（社区书记）\n"
                   "\n"
                   "来源：《株洲日报》《老街新貌》\n"
                   "\n"
                   "备注：写报告用\n");
}

static void
test_json_round_trip (void)
{
  g_autoptr(ZrDatabase) db = open_db ();
  g_autoptr(ZrDatabase) other = open_db ();
  g_autoptr(ZrArticle) a = make_article ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json2 = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const ZrClipping *c;
  guint added = 99;

  zr_clippings_save (db, a, 1, NULL, NULL, &error);
  zr_clippings_save (db, a, 2, NULL, "备注 \"引号\"", &error);
  g_assert_no_error (error);
  json = zr_clippings_export (db, ZR_CLIPPINGS_FORMAT_JSON, &error);
  g_assert_no_error (error);

  /* importing into the same library adds nothing */
  g_assert_true (zr_clippings_import_json (db, json, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (zr_clippings_count (db), ==, 2);

  /* into another library: everything, once */
  g_assert_true (zr_clippings_import_json (other, json, &added, &error));
  g_assert_cmpuint (added, ==, 2);
  g_assert_true (zr_clippings_import_json (other, json, &added, &error));
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (zr_clippings_count (other), ==, 2);

  list = zr_clippings_list (other, &error);
  c = g_ptr_array_index (list, 1);
  g_assert_cmpstr (c->quote, ==, "他说，“要干就干好”，大家都同意");
  g_assert_cmpstr (c->note, ==, "备注 \"引号\"");
  g_assert_cmpstr (c->source_path, ==, "/pages/2023-03-15_03.txt");
  g_assert_cmpint (c->record_position, ==, 2);

  json2 = zr_clippings_export (other, ZR_CLIPPINGS_FORMAT_JSON, &error);
  g_assert_cmpstr (json2, ==, json);
}

static void
test_json_invalid (void)
{
  g_autoptr(ZrDatabase) db = open_db ();
  const char *bad[] = {
    "not json", "{\"quote\":\"x\"}", "[{\"speaker\":\"x\"}]", "[1, 2]",
    "[{\"quote\":\"好\"}, {\"quote\": 3}]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      guint added = 7;

      g_assert_false (zr_clippings_import_json (db, bad[i], &added, &error));
      g_assert_error (error, ZR_DATA_ERROR, ZR_DATA_ERROR_INVALID);
      g_assert_cmpuint (added, ==, 0);
    }
  g_assert_cmpuint (zr_clippings_count (db), ==, 0);
}

/* JSON escapes that are no Unicode text: a lone surrogate, in any field.
 * The file is refused whole; nothing of it is stored. Before,
 * \ud800 was stored as bytes that are not UTF-8. */
static void
test_json_not_unicode (void)
{
  g_autoptr(ZrDatabase) db = open_db ();
  const char *bad[] = {
    "[{\"quote\":\"好\"}, {\"quote\":\"坏\\ud800\"}]",
    "[{\"quote\":\"\\udc00\"}]",
    "[{\"quote\":\"好\", \"speaker\":\"\\ud83d\"}]",
    "[{\"quote\":\"好\", \"note\":\"a\\ud800\\ud800b\"}]",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  guint added = 0;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) bad_error = NULL;
      added = 7;

      g_assert_false (zr_clippings_import_json (db, bad[i], &added, &bad_error));
      g_assert_error (bad_error, ZR_DATA_ERROR, ZR_DATA_ERROR_INVALID);
      g_assert_cmpuint (added, ==, 0);
    }
  g_assert_cmpuint (zr_clippings_count (db), ==, 0);

  /* a surrogate pair is a character like any other */
  g_assert_true (zr_clippings_import_json (db, "[{\"quote\":\"笑\\ud83d\\ude00\"}]", &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  list = zr_clippings_list (db, &error);
  g_assert_cmpstr (((ZrClipping *) g_ptr_array_index (list, 0))->quote, ==, "笑\xf0\x9f\x98\x80");
}

static void
test_survives_renumbering (void)
{
  g_autoptr(ZrDatabase) db = open_db ();
  g_autoptr(ZrArticle) a = make_article ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) l1 = NULL;
  g_autoptr(GPtrArray) l2 = NULL;

  g_assert_true (zr_database_exec (db,
    "INSERT INTO sources (id, path, name, content_hash, encoding, size, imported_at)"
    " VALUES (1, '/pages/2023-03-15_03.txt', '2023-03-15_03.txt', 'h', 'UTF-8', 1, 0);"
    "INSERT INTO records (id, source_id, position, kind) VALUES (9, 1, 2, 'article');", &error));
  g_assert_no_error (error);
  zr_clippings_save (db, a, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  l1 = zr_clippings_list (db, &error);
  g_assert_cmpint (((ZrClipping *) g_ptr_array_index (l1, 0))->article_id, ==, 9);

  /* a re-import replaces the records and numbers them anew */
  g_assert_true (zr_database_exec (db,
    "DELETE FROM records WHERE id = 9;"
    "INSERT INTO records (id, source_id, position, kind) VALUES (31, 1, 2, 'article');", &error));
  g_assert_no_error (error);
  l2 = zr_clippings_list (db, &error);
  g_assert_cmpuint (l2->len, ==, 1);
  g_assert_cmpint (((ZrClipping *) g_ptr_array_index (l2, 0))->article_id, ==, 31);
  g_assert_cmpstr (((ZrClipping *) g_ptr_array_index (l2, 0))->quote, ==, "路修好了，心也亮堂了。");
}

static void
test_format_names (void)
{
  ZrClippingsFormat f;

  g_assert_true (zr_clippings_format_from_string ("csv", &f));
  g_assert_cmpint (f, ==, ZR_CLIPPINGS_FORMAT_CSV);
  g_assert_true (zr_clippings_format_from_string ("json", &f));
  g_assert_cmpint (f, ==, ZR_CLIPPINGS_FORMAT_JSON);
  g_assert_true (zr_clippings_format_from_string ("markdown", &f));
  g_assert_cmpint (f, ==, ZR_CLIPPINGS_FORMAT_MARKDOWN);
  g_assert_false (zr_clippings_format_from_string ("xlsx", &f));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/clippings/save-list-delete", test_save_list_delete);
  g_test_add_func ("/core/clippings/save-errors", test_save_errors);
  g_test_add_func ("/core/clippings/save-text-must-be-in-article", test_save_text_must_be_in_article);
  g_test_add_func ("/core/clippings/export-csv", test_export_csv);
  g_test_add_func ("/core/clippings/export-csv-quotes", test_export_csv_quotes);
  g_test_add_func ("/core/clippings/export-markdown", test_export_markdown);
  g_test_add_func ("/core/clippings/json-round-trip", test_json_round_trip);
  g_test_add_func ("/core/clippings/json-invalid", test_json_invalid);
  g_test_add_func ("/core/clippings/json-not-unicode", test_json_not_unicode);
  g_test_add_func ("/core/clippings/survives-renumbering", test_survives_renumbering);
  g_test_add_func ("/core/clippings/format-names", test_format_names);
  return g_test_run ();
}
