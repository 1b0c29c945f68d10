/* fuzz-page.c: encoding detection and page segmentation, any bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks what zr-encoding.h and zr-page-parser.h promise: decoding either
 * fails with an error or gives valid UTF-8 without CR; parsing never fails
 * and loses no character but white space and Markdown heading marks
 * ("nothing is lost", DESIGN.md §3; the exact rule is in zr-page-parser.h).
 */
#include "config.h"

#include <string.h>

#include "zr-encoding.h"
#include "zr-fuzz.h"
#include "zr-page-parser.h"

/* @text without white space, in order. */
static char *
strip_blanks (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* What zr-page-parser.h promises to keep, written here independently of the
 * parser: @text without white space and without Markdown heading marks (1
 * to 6 '#' first on a line, after optional white space, followed by white
 * space or the end of the line). */
static char *
significant_text (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *kept = g_string_sized_new (strlen (text));
  g_autofree char *joined = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *p = lines[i];
      const char *marks;
      gunichar after;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      marks = p;
      while (*p == '#')
        p++;
      after = g_utf8_get_char (p);
      if (p == marks || p - marks > 6 || (after != 0 && !g_unichar_isspace (after)))
        p = marks;
      g_string_append (kept, p);
      g_string_append_c (kept, '\n');
    }
  joined = g_string_free (kept, FALSE);
  return strip_blanks (joined);
}

static void
check_record (const ZrRecord *record)
{
  g_autofree char *flat = zr_record_dup_flat_text (record);
  g_autofree char *body = zr_record_dup_body_text (record);

  g_assert_true (g_utf8_validate (flat, -1, NULL));
  g_assert_true (g_utf8_validate (body, -1, NULL));
  g_assert_cmpint (record->kind, <=, ZR_RECORD_KIND_FRAGMENT);
  for (guint i = 0; i < record->paragraphs->len; i++)
    {
      const ZrParagraph *p = g_ptr_array_index (record->paragraphs, i);
      g_assert_nonnull (p->text);
      g_assert_cmpint (p->kind, <=, ZR_PARAGRAPH_KIND_CAPTION);
    }
  (void) zr_record_count_chars (record);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *text = NULL;
  g_autoptr(ZrPage) page = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;

  zr_fuzz_init ();

  text = zr_text_decode ((const char *) data, size, NULL, &encoding, &error);
  if (text == NULL)
    {
      /* Refused: the user must be told why. */
      g_assert_nonnull (error);
      g_assert_nonnull (error->message);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_nonnull (encoding);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_null (strchr (text, '\r'));

  page = zr_page_parse (text);
  g_assert_nonnull (page);
  for (guint i = 0; i < page->records->len; i++)
    check_record (g_ptr_array_index (page->records, i));

  flat = zr_page_dup_flat_text (page);
  want = significant_text (text);
  got = strip_blanks (flat);
  g_assert_cmpstr (got, ==, want);

  return 0;
}
