/* test-encoding.c: detecting and decoding the encodings of page files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zr-encoding.h"
#include "zr-error.h"
#include "zr-page-parser.h"

static char *
read_data (const char *name,
           gsize      *len)
{
  char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "parse", name, NULL), &data, len, &error);
  g_assert_no_error (error);
  return data;
}

static char *
read_sample (gsize *len)
{
  char *data = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("ZR_SOURCE_DIR"), "data", "sample",
                                            "2024-05-20_第03版_城区.txt", NULL);
  g_assert_true (g_file_get_contents (path, &data, len, NULL));
  return data;
}

static void
assert_same_records (ZrPage *a,
                     ZrPage *b)
{
  g_assert_cmpuint (a->records->len, ==, b->records->len);
  for (guint i = 0; i < a->records->len; i++)
    {
      ZrRecord *ra = g_ptr_array_index (a->records, i);
      ZrRecord *rb = g_ptr_array_index (b->records, i);
      g_autofree char *fa = zr_record_dup_flat_text (ra);
      g_autofree char *fb = zr_record_dup_flat_text (rb);
      g_assert_cmpint (ra->kind, ==, rb->kind);
      g_assert_cmpstr (ra->headline, ==, rb->headline);
      g_assert_cmpint (ra->headline_offset, ==, rb->headline_offset);
      g_assert_cmpuint (ra->paragraphs->len, ==, rb->paragraphs->len);
      g_assert_cmpstr (fa, ==, fb);
    }
}

/* The same page as UTF-8, UTF-8 with BOM, GB18030, UTF-16LE with BOM and
 * CRLF, UTF-16BE with BOM gives the same text and the same records. */
static void
test_same_page (void)
{
  gsize ulen, glen, wlen;
  g_autofree char *utf8 = NULL;
  g_autofree char *gb = read_data ("page-gb18030.txt", &glen);
  g_autofree char *w = read_data ("page-utf16le-bom-crlf.txt", &wlen);
  g_autoptr(GError) error = NULL;
  g_autofree char *t_utf8 = NULL, *t_bom = NULL, *t_gb = NULL, *t_w = NULL, *t_be = NULL;
  g_autofree char *e_utf8 = NULL, *e_bom = NULL, *e_gb = NULL, *e_w = NULL, *e_be = NULL;
  g_autofree char *bom = NULL;
  g_autofree char *be = NULL;
  gsize be_len;
  g_autoptr(ZrPage) p_utf8 = NULL;
  g_autoptr(ZrPage) p_gb = NULL;
  g_autoptr(ZrPage) p_w = NULL;

  if (g_getenv ("ZR_SOURCE_DIR") == NULL)
    {
      g_test_skip ("ZR_SOURCE_DIR not set");
      return;
    }
  utf8 = read_sample (&ulen);
  bom = g_strconcat ("\xef\xbb\xbf", utf8, NULL);
  be = g_convert (utf8, ulen, "UTF-16BE", "UTF-8", NULL, &be_len, NULL);
  g_assert_nonnull (be);
  {
    char *with_bom = g_malloc (be_len + 2);
    with_bom[0] = (char) 0xfe;
    with_bom[1] = (char) 0xff;
    memcpy (with_bom + 2, be, be_len);
    g_free (be);
    be = with_bom;
    be_len += 2;
  }

  t_utf8 = zr_text_decode (utf8, ulen, NULL, &e_utf8, &error);
  g_assert_no_error (error);
  t_bom = zr_text_decode (bom, ulen + 3, NULL, &e_bom, &error);
  g_assert_no_error (error);
  t_gb = zr_text_decode (gb, glen, NULL, &e_gb, &error);
  g_assert_no_error (error);
  t_w = zr_text_decode (w, wlen, NULL, &e_w, &error);
  g_assert_no_error (error);
  t_be = zr_text_decode (be, be_len, NULL, &e_be, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (e_utf8, ==, "UTF-8");
  g_assert_cmpstr (e_bom, ==, "UTF-8-BOM");
  g_assert_cmpstr (e_gb, ==, "GB18030");
  g_assert_cmpstr (e_w, ==, "UTF-16LE");
  g_assert_cmpstr (e_be, ==, "UTF-16BE");
  g_assert_cmpstr (t_bom, ==, t_utf8);
  g_assert_cmpstr (t_gb, ==, t_utf8);
  g_assert_cmpstr (t_w, ==, t_utf8);
  g_assert_cmpstr (t_be, ==, t_utf8);
  g_assert_null (strchr (t_w, '\r'));
  g_assert_false (g_str_has_prefix (t_bom, "\xef\xbb\xbf"));

  p_utf8 = zr_page_parse (t_utf8);
  p_gb = zr_page_parse (t_gb);
  p_w = zr_page_parse (t_w);
  g_assert_cmpuint (p_utf8->records->len, >=, 3);
  assert_same_records (p_utf8, p_gb);
  assert_same_records (p_utf8, p_w);
}

/* UTF-16 without a BOM is read when the NUL bytes make it plain */
static void
test_utf16_no_bom (void)
{
  const char *src = "株洲日报讯 2024年5月20日，荷塘区新开3家社区食堂。\n";
  gsize len;
  g_autofree char *le = g_convert (src, -1, "UTF-16LE", "UTF-8", NULL, &len, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *enc = NULL;
  g_autofree char *text = zr_text_decode (le, len, NULL, &enc, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (enc, ==, "UTF-16LE");
  g_assert_cmpstr (text, ==, src);
}

static void
assert_refused (const char *data,
                gsize       len,
                int         code,
                const char *in_message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *enc = NULL;
  g_autofree char *text = zr_text_decode (data, len, NULL, &enc, &error);
  g_assert_null (text);
  g_assert_null (enc);
  g_assert_error (error, ZR_IMPORT_ERROR, code);
  if (in_message)
    g_assert_nonnull (strstr (error->message, in_message));
}

static void
test_binary (void)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
  static const char pdf[] = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj";
  static const char zip[] = "PK\x03\x04\x14\0\0\0\x08\0";
  static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0";
  static const char jpeg[] = "\xff\xd8\xff\xe0\0\x10JFIF";
  static const char nul[] = "株洲日报\0\0\0\x01\x02\x03" "abc\0def";
  char controls[200];

  assert_refused (png, sizeof png - 1, ZR_IMPORT_ERROR_BINARY, "PNG");
  assert_refused (pdf, sizeof pdf - 1, ZR_IMPORT_ERROR_BINARY, "PDF");
  assert_refused (zip, sizeof zip - 1, ZR_IMPORT_ERROR_BINARY, "ZIP");
  assert_refused (elf, sizeof elf - 1, ZR_IMPORT_ERROR_BINARY, NULL);
  assert_refused (jpeg, sizeof jpeg - 1, ZR_IMPORT_ERROR_BINARY, "JPEG");
  assert_refused (nul, sizeof nul - 1, ZR_IMPORT_ERROR_BINARY, "NUL");
  for (guint i = 0; i < sizeof controls; i++)
    controls[i] = (i % 3 == 0) ? 0x01 : 'a';
  assert_refused (controls, sizeof controls, ZR_IMPORT_ERROR_BINARY, NULL);
}

static void
test_empty (void)
{
  assert_refused ("", 0, ZR_IMPORT_ERROR_EMPTY, NULL);
  assert_refused (" \n\r\n\t", 5, ZR_IMPORT_ERROR_EMPTY, NULL);
  assert_refused ("\xef\xbb\xbf\xe3\x80\x80\n", 7, ZR_IMPORT_ERROR_EMPTY, NULL);
  assert_refused ("\xff\xfe \0\n\0", 6, ZR_IMPORT_ERROR_EMPTY, NULL);
}

static void
test_undecodable (void)
{
  /* Latin-1 French is neither UTF-8 nor plausible GB18030 */
  static const char latin1[] = "Le caf\xe9 est d\xe9j\xe0 pr\xeat, voil\xe0 \xe9t\xe9 \xe0 la f\xeate.";
  static const char bad_bom[] = "\xef\xbb\xbf\xff\xfe\xfd";
  assert_refused (latin1, sizeof latin1 - 1, ZR_IMPORT_ERROR_UNDECODABLE, NULL);
  assert_refused (bad_bom, sizeof bad_bom - 1, ZR_IMPORT_ERROR_UNDECODABLE, NULL);
  assert_refused ("\xff\xfe\x41", 3, ZR_IMPORT_ERROR_UNDECODABLE, NULL);
}

static void
test_forced (void)
{
  const char *src = "醴陵市：瓷器出口增长";
  gsize len;
  g_autofree char *gb = g_convert (src, -1, "GB18030", "UTF-8", NULL, &len, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *enc = NULL;
  g_autofree char *text = zr_text_decode (gb, len, "GB18030", &enc, &error);
  g_autofree char *bad = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, src);
  g_assert_cmpstr (enc, ==, "GB18030");
  /* GB18030 bytes forced as UTF-8 fail */
  bad = zr_text_decode (gb, len, "UTF-8", NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, ZR_IMPORT_ERROR, ZR_IMPORT_ERROR_UNDECODABLE);
  g_clear_error (&error);
  bad = zr_text_decode (gb, len, "NO-SUCH-ENCODING", NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, ZR_IMPORT_ERROR, ZR_IMPORT_ERROR_UNDECODABLE);
}

/* Line ends and Unicode forms: CR and CRLF become LF; NFC composes
 * combining marks, but full-width forms and CJK compatibility
 * ideographs stay as printed. */
static void
test_normalize (void)
{
  const char *src = "第一行\r\n第二行\r第三行\nCafe\xcc\x81 ＡＢＣ１２３（全角）\xef\xa4\x80";
  g_autoptr(GError) error = NULL;
  g_autofree char *text = zr_text_decode (src, strlen (src), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "第一行\n第二行\n第三行\nCaf\xc3\xa9 ＡＢＣ１２３（全角）\xef\xa4\x80");
}

/* Any bytes: no crash, either text or an error */
static void
test_random_bytes (void)
{
  GRand *rand = g_rand_new_with_seed (4302);
  for (guint round = 0; round < 2000; round++)
    {
      guint len = g_rand_int_range (rand, 0, 300);
      g_autofree char *buf = g_malloc (len + 1);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      for (guint i = 0; i < len; i++)
        buf[i] = (char) g_rand_int_range (rand, 0, 256);
      text = zr_text_decode (buf, len, NULL, NULL, &error);
      g_assert_true ((text != NULL) != (error != NULL));
      if (text)
        {
          g_autoptr(ZrPage) page = NULL;
          g_assert_true (g_utf8_validate (text, -1, NULL));
          page = zr_page_parse (text);
        }
    }
  g_rand_free (rand);
}

/* 50 MB of text and a 10 MB single line decode in linear time */
static void
test_large (void)
{
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gint64 start;

  while (big->len < 50 * 1024 * 1024)
    g_string_append (big, "株洲日报讯(全媒体记者/张三) 5月20日，石峰区田心街道举办招聘会。\r\n\r\n");
  start = g_get_monotonic_time ();
  a = zr_text_decode (big->str, big->len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("50 MB decoded in %.2f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);

  while (line->len < 10 * 1024 * 1024)
    g_string_append (line, "Cafe\xcc\x81 株洲，");
  start = g_get_monotonic_time ();
  b = zr_text_decode (line->str, line->len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
}

/* A chosen encoding that does not fit is refused, not turned into
 * garbage: UTF-8 Chinese read as UTF-16 is a third private-use characters.
 * The same text really in UTF-16 still reads with the same choice. */
static void
test_forced_must_fit (void)
{
  const char *src = "株洲日报讯 记者走访了天元区的三个社区。\n居民说：“电梯装好了，上下楼方便多了。”\n";
  static const char *wrong[] = { "UTF-16LE", "UTF-16BE", "UTF-16" };
  g_autoptr(GError) error = NULL;
  g_autofree char *le = NULL;
  g_autofree char *text = NULL;
  gsize len;

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autofree char *bad = zr_text_decode (src, strlen (src), wrong[i], NULL, &error);
      g_assert_null (bad);
      g_assert_error (error, ZR_IMPORT_ERROR, ZR_IMPORT_ERROR_UNDECODABLE);
      g_clear_error (&error);
    }

  le = g_convert (src, -1, "UTF-16LE", "UTF-8", NULL, &len, NULL);
  text = zr_text_decode (le, len, "UTF-16LE", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, src);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/encoding/same-page", test_same_page);
  g_test_add_func ("/core/encoding/utf16-no-bom", test_utf16_no_bom);
  g_test_add_func ("/core/encoding/binary", test_binary);
  g_test_add_func ("/core/encoding/empty", test_empty);
  g_test_add_func ("/core/encoding/undecodable", test_undecodable);
  g_test_add_func ("/core/encoding/forced", test_forced);
  g_test_add_func ("/core/encoding/forced-must-fit", test_forced_must_fit);
  g_test_add_func ("/core/encoding/normalize", test_normalize);
  g_test_add_func ("/core/encoding/random-bytes", test_random_bytes);
  g_test_add_func ("/core/encoding/large", test_large);
  return g_test_run ();
}
