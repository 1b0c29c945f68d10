/* zr-figures.h: numbers with units and percentages in an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zr-record.h"

G_BEGIN_DECLS

/* Longest context, in characters, not counting the "…" marks added where
 * the clause was cut. */
#define ZR_FIGURE_CONTEXT_CHARS 20

typedef struct
{
  guint  paragraph;   /* index into record->paragraphs */
  guint  start;       /* character offsets in that paragraph, end exclusive */
  guint  end;
  char  *text;        /* 486万元, 99.03%, 18710台次 */
  char  *context;     /* a short phrase around it */
} ZrFigure;

/* Takes copies of @text and @context. */
ZrFigure  *zr_figure_new            (guint           paragraph,
                                     guint           start,
                                     guint           end,
                                     const char     *text,
                                     const char     *context);
void       zr_figure_free           (ZrFigure       *figure);

/**
 * zr_figures_extract:
 * @record: (nullable): a record
 *
 * Finds the figures of the record's paragraphs: a number (Arabic digits,
 * half- or full-width, or a Chinese numeral with 十百千万亿 such as 三千)
 * with a unit (153座, 486万元, 18710台次, 12个工作日, 57.9倍, 30km, 100MB),
 * a percentage (99.03%, 80%以上 gives 80%), a range with a unit (3至5个工作日,
 * 10～20吨) or an amount in 万/亿 (7万). Approximations are kept (3000余户,
 * 2000多元). Dates and times (2023年3月15日, 晚上7点半, 1-8月), plain years,
 * phone and document numbers (P430934963号, 01050815号), ordinals (第3版),
 * versions, 3·15 and names with digits (12#厂房, 80后, 3D, 5G) are not
 * figures.
 *
 * The text is as printed; offsets count characters (not bytes) in
 * record->paragraphs[i]->text. The context is the clause the figure stands
 * in (between punctuation marks), cut around the figure to at most
 * %ZR_FIGURE_CONTEXT_CHARS characters with "…" marking a cut.
 *
 * Never fails; runs in time linear in the text.
 *
 * Returns: (transfer full) (element-type ZrFigure): the figures in reading
 *   order, possibly empty
 */
GPtrArray *zr_figures_extract       (const ZrRecord *record);

/* The same on one piece of text (paragraph index 0). */
GPtrArray *zr_figures_extract_text  (const char     *text);

G_END_DECLS
