/* bench-classify.c: how long classifying 200,000 records takes
 *
 * Usage: bench-classify [N_RECORDS] [PAGE…]
 * Classifies N_RECORDS (default 200000) records, cycling over the records of
 * the pages given (or of $ZR_CORPUS_DIR, or built-in invented stories), on
 * one thread, and prints records, characters and seconds. Not a test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "zr-classifier.h"
#include "zr-page-parser.h"

static const char *invented[] = {
  "## 荷塘区月塘街道为老旧小区装上新路灯\n\n株洲日报讯 近日，荷塘区月塘街道对辖区三个老旧小区的路灯进行更换。\n\n城管队员还清理了楼道里的小广告，居民拍手称快。\n",
  "## 市城管局部署夏季市容整治\n\n昨天，市城管局召开会议，部署全市夏季市容环境整治工作，市委、市政府要求各部门加强协作。\n",
  "## 株洲高新区新引进三个项目\n\n今年一季度，株洲高新区签约三个制造业项目，总投资超过20亿元，项目全部投产后年产值可达50亿元。\n",
};

static void
add_page (GPtrArray  *pages,
          const char *text)
{
  if (g_utf8_validate (text, -1, NULL))
    g_ptr_array_add (pages, zr_page_parse (text));
}

static void
add_path (GPtrArray  *pages,
          const char *path)
{
  g_autofree char *text = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".txt"))
          {
            g_autofree char *child = g_build_filename (path, name, NULL);
            add_path (pages, child);
          }
      return;
    }
  if (g_file_get_contents (path, &text, NULL, NULL))
    add_page (pages, text);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrClassifier) classifier = NULL;
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_page_free);
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  guint n = 200000;
  guint64 chars = 0;
  gint64 start;
  double load_seconds;
  double seconds;

  setlocale (LC_ALL, "");
  if (argc > 1)
    n = (guint) strtoul (argv[1], NULL, 10);
  for (int i = 2; i < argc; i++)
    add_path (pages, argv[i]);
  if (pages->len == 0 && g_getenv ("ZR_CORPUS_DIR"))
    add_path (pages, g_getenv ("ZR_CORPUS_DIR"));
  if (pages->len == 0)
    for (guint i = 0; i < G_N_ELEMENTS (invented); i++)
      add_page (pages, invented[i]);

  for (guint p = 0; p < pages->len; p++)
    {
      ZrPage *page = g_ptr_array_index (pages, p);
      for (guint r = 0; r < page->records->len; r++)
        g_ptr_array_add (records, g_ptr_array_index (page->records, r));
    }
  if (records->len == 0 || n == 0)
    {
      g_printerr ("no records\n");
      return 1;
    }

  start = g_get_monotonic_time ();
  classifier = zr_classifier_new_default (&error);
  if (classifier == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  load_seconds = (g_get_monotonic_time () - start) / 1e6;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      const ZrRecord *r = g_ptr_array_index (records, i % records->len);
      ZrClassification *c = zr_classifier_classify (classifier, r);

      if (i < records->len)
        chars += zr_record_count_chars (r) * (guint64) ((n - i + records->len - 1) / records->len);
      zr_classification_free (c);
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;

  g_print ("loaded data in %.3f s\n", load_seconds);
  g_print ("classified %u records (%" G_GUINT64_FORMAT " characters) in %.2f s: %.0f records/s, %.1f MB text/s\n",
           n, chars, seconds, n / seconds, chars * 3.0 / 1e6 / seconds);
  return 0;
}
