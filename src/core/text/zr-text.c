/* zr-text.c: page text in, analysed page out
 *
 * The text pipeline in one call: the page is segmented into records
 * (zr-page-parser), each record classified by district and topic
 * (zr-classifier) and its speech quotes found and attributed (zr-quotes).
 * The library stores what it gets from here and nothing else; the CLI,
 * the tests and the benchmarks call the same function.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-quotes.h"
#include "zr-text.h"

static void
analysed_record_clear (ZrAnalysedRecord *a)
{
  g_clear_pointer (&a->classification, zr_classification_free);
  g_clear_pointer (&a->quotes, g_ptr_array_unref);
}

/**
 * zr_text_analyse:
 * @text: a page's text, UTF-8 (zr_text_decode ())
 * @classifier: the gazetteer and topic lexicon to classify with
 *
 * Returns: (transfer full): the page's records, each with its
 *   classification and quotes
 */
ZrAnalysedPage *
zr_text_analyse (const char   *text,
                 ZrClassifier *classifier)
{
  ZrAnalysedPage *analysed = g_new0 (ZrAnalysedPage, 1);

  g_return_val_if_fail (text != NULL, NULL);

  analysed->page = zr_page_parse (text);
  analysed->records = g_array_sized_new (FALSE, TRUE, sizeof (ZrAnalysedRecord), analysed->page->records->len);
  g_array_set_clear_func (analysed->records, (GDestroyNotify) analysed_record_clear);
  for (guint i = 0; i < analysed->page->records->len; i++)
    {
      ZrAnalysedRecord a = { 0 };

      a.record = g_ptr_array_index (analysed->page->records, i);
      a.classification = zr_classifier_classify_full (classifier, a.record, FALSE);
      a.quotes = zr_quotes_extract (a.record);
      g_array_append_val (analysed->records, a);
    }
  return analysed;
}

void
zr_analysed_page_free (ZrAnalysedPage *analysed)
{
  if (analysed == NULL)
    return;
  g_clear_pointer (&analysed->records, g_array_unref);   /* before the page its records are borrowed from */
  g_clear_pointer (&analysed->page, zr_page_free);
  g_free (analysed);
}
