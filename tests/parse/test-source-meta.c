/* test-source-meta.c: page date and page number from file names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-source-meta.h"

typedef struct
{
  const char *name;
  const char *date;
  int         page;
} Case;

static void
test_names (void)
{
  static const Case cases[] = {
    { "2024-05-20_第03版_城区.txt", "2024-05-20", 3 },
    { "2023-03-15.txt", "2023-03-15", -1 },
    { "20230315_03.txt", "2023-03-15", 3 },
    { "株洲日报2023年3月15日第3版.md", "2023-03-15", 3 },
    { "株洲日报 2023年3月5日 第十二版.txt", "2023-03-05", 12 },
    { "zzrb-2022.11.02-A03.txt", "2022-11-02", 3 },
    { "2024_5_2-07.txt", "2024-05-02", 7 },
    { "page_12.txt", NULL, 12 },
    { "/some/folder/2023-03-15_05.txt", "2023-03-15", 5 },
    /* the corpus's names: a running index and a hash, no date, no page */
    { "000_5db4017f926dd8cb.txt", NULL, -1 },
    { "001_89fe7910880fc6b0.txt", NULL, -1 },
    { "20230315abc.txt", NULL, -1 },
    { "ab20230315.txt", NULL, -1 },
    { "2023-02-30_03.txt", NULL, 3 },
    { "2023-13-01.txt", NULL, -1 },
    { "notes.txt", NULL, -1 },
    { "", NULL, -1 },
    { "12345678901234.txt", NULL, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = NULL;
      int page = 0;
      gboolean found = zr_source_meta_from_filename (cases[i].name, &date, &page);
      g_test_message ("%s", cases[i].name);
      g_assert_cmpstr (date, ==, cases[i].date);
      g_assert_cmpint (page, ==, cases[i].page);
      g_assert_true (found == (cases[i].date != NULL || cases[i].page >= 0));
    }
}

static void
test_sample_names (void)
{
  const char *src = g_getenv ("ZR_SOURCE_DIR");
  g_autofree char *dir = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint n = 0;

  if (src == NULL)
    {
      g_test_skip ("ZR_SOURCE_DIR not set");
      return;
    }
  dir = g_build_filename (src, "data", "sample", NULL);
  d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *date = NULL;
      int page = -1;
      if (!g_str_has_suffix (name, ".txt"))
        continue;
      g_assert_true (zr_source_meta_from_filename (name, &date, &page));
      g_assert_nonnull (date);
      g_assert_cmpint (page, >, 0);
      n++;
    }
  g_assert_cmpuint (n, >=, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/source-meta/names", test_names);
  g_test_add_func ("/core/source-meta/sample-names", test_sample_names);
  return g_test_run ();
}
