/* fuzz-figures.c: figure extraction on an article built from any bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks what zr-figures.h promises: figures in reading order, each the
 * characters [start, end) of its paragraph, with valid UTF-8 context.
 */
#include "config.h"

#include "zr-figures.h"
#include "zr-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ZrRecord) record = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  guint last_paragraph = 0;
  guint last_start = 0;

  zr_fuzz_init ();

  record = zr_fuzz_record_from_bytes (data, size);
  figures = zr_figures_extract (record);
  g_assert_nonnull (figures);

  for (guint i = 0; i < figures->len; i++)
    {
      const ZrFigure *f = g_ptr_array_index (figures, i);
      const ZrParagraph *p;
      g_autofree char *slice = NULL;

      g_assert_cmpuint (f->paragraph, <, record->paragraphs->len);
      p = g_ptr_array_index (record->paragraphs, f->paragraph);
      g_assert_cmpuint (f->start, <, f->end);
      g_assert_cmpuint (f->end, <=, g_utf8_strlen (p->text, -1));

      g_assert_true (f->paragraph > last_paragraph ||
                     (f->paragraph == last_paragraph && f->start >= last_start));
      last_paragraph = f->paragraph;
      last_start = f->start;

      g_assert_nonnull (f->text);
      slice = zr_fuzz_utf8_slice (p->text, f->start, f->end);
      g_assert_cmpstr (f->text, ==, slice);
      if (f->context != NULL)
        g_assert_true (g_utf8_validate (f->context, -1, NULL));
    }

  return 0;
}
