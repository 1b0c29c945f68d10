/* zr-figures.h: numbers with units and percentages in an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zr-record.h"

G_BEGIN_DECLS

typedef struct
{
  guint  paragraph;   /* index into record->paragraphs */
  guint  start;       /* character offsets in that paragraph, end exclusive */
  guint  end;
  char  *text;        /* 486万元, 99.03%, 18710台次 */
  char  *context;     /* a short phrase around it */
} ZrFigure;

void       zr_figure_free           (ZrFigure       *figure);
/* element-type ZrFigure, in reading order */
GPtrArray *zr_figures_extract       (const ZrRecord *record);

G_END_DECLS
