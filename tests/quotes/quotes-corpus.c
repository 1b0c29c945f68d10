/* quotes-corpus.c: prints the quotes found on real pages, for reading
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built, not registered as a test: run it on the corpus (or any pages)
 * and read the output critically.
 *   build/tests/quotes/quotes-corpus ../shared/corpus/NAME.txt
 */
#include "config.h"

#include <stdio.h>

#include "zr-page-parser.h"
#include "zr-quotes.h"

int
main (int   argc,
      char *argv[])
{
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(ZrPage) page = NULL;

      if (!g_file_get_contents (argv[i], &text, NULL, &error))
        {
          g_printerr ("%s: %s\n", argv[i], error->message);
          continue;
        }
      page = zr_page_parse (text);
      printf ("== %s\n", argv[i]);
      for (guint r = 0; r < page->records->len; r++)
        {
          const ZrRecord *rec = g_ptr_array_index (page->records, r);
          g_autoptr(GPtrArray) quotes = zr_quotes_extract (rec);

          if (quotes->len > 0)
            printf ("-- record %u: %s\n", r, rec->headline ? rec->headline : "");
          for (guint q = 0; q < quotes->len; q++)
            {
              const ZrQuote *quote = g_ptr_array_index (quotes, q);
              const ZrParagraph *p = g_ptr_array_index (rec->paragraphs, quote->paragraph);
              g_autofree char *check = g_utf8_substring (p->text, quote->start, quote->end);

              printf ("  [%s | %s] %s%s\n",
                       quote->speaker ? quote->speaker : "-",
                       quote->role ? quote->role : "-",
                       quote->text,
                       g_str_equal (check, quote->text) ? "" : "  !!OFFSETS");
            }
        }
    }
  return 0;
}
