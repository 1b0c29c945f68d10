/* zr-figures.c  (STUB: to be replaced by the stats work)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-figures.h"

void
zr_figure_free (ZrFigure *figure)
{
  if (figure == NULL)
    return;
  g_free (figure->text);
  g_free (figure->context);
  g_free (figure);
}

GPtrArray *
zr_figures_extract (const ZrRecord *record)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) zr_figure_free);
}
