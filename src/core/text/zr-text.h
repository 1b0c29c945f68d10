/* zr-text.h: the text pipeline's one entry point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "zr-classifier.h"
#include "zr-page-parser.h"

G_BEGIN_DECLS

typedef struct
{
  ZrRecord         *record;           /* borrowed from the page */
  ZrClassification *classification;
  GPtrArray        *quotes;           /* element-type ZrQuote */
} ZrAnalysedRecord;

typedef struct
{
  ZrPage *page;
  GArray *records;                    /* element-type ZrAnalysedRecord, one per record of page */
} ZrAnalysedPage;

ZrAnalysedPage *zr_text_analyse            (const char     *text,
                                            ZrClassifier   *classifier);
void            zr_analysed_page_free      (ZrAnalysedPage *analysed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZrAnalysedPage, zr_analysed_page_free)

G_END_DECLS
