/* fuzz-quotes.c: speech quote extraction on an article built from any bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks what zr-quotes.h promises: quotes in reading order, each inside
 * its paragraph, its text the characters [start, end) of that paragraph.
 */
#include "config.h"

#include "zr-fuzz.h"
#include "zr-quotes.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ZrRecord) record = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  guint last_paragraph = 0;
  guint last_start = 0;

  zr_fuzz_init ();

  record = zr_fuzz_record_from_bytes (data, size);
  quotes = zr_quotes_extract (record);
  g_assert_nonnull (quotes);

  for (guint i = 0; i < quotes->len; i++)
    {
      const ZrQuote *q = g_ptr_array_index (quotes, i);
      const ZrParagraph *p;
      g_autofree char *slice = NULL;

      g_assert_cmpuint (q->paragraph, <, record->paragraphs->len);
      p = g_ptr_array_index (record->paragraphs, q->paragraph);
      g_assert_cmpuint (q->start, <, q->end);
      g_assert_cmpuint (q->end, <=, g_utf8_strlen (p->text, -1));

      /* reading order */
      g_assert_true (q->paragraph > last_paragraph ||
                     (q->paragraph == last_paragraph && q->start >= last_start));
      last_paragraph = q->paragraph;
      last_start = q->start;

      g_assert_nonnull (q->text);
      g_assert_true (g_utf8_validate (q->text, -1, NULL));
      slice = zr_fuzz_utf8_slice (p->text, q->start, q->end);
      g_assert_cmpstr (q->text, ==, slice);
      if (q->speaker != NULL)
        g_assert_true (g_utf8_validate (q->speaker, -1, NULL));
      if (q->role != NULL)
        g_assert_true (g_utf8_validate (q->role, -1, NULL));
    }

  return 0;
}
