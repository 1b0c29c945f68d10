/* zr-stats-panel.h: figures of the current filter and the open article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zr-stats.h"

G_BEGIN_DECLS

#define ZR_TYPE_STATS_PANEL (zr_stats_panel_get_type ())
G_DECLARE_FINAL_TYPE (ZrStatsPanel, zr_stats_panel, ZR, STATS_PANEL, GtkWidget)

/* @stats: (nullable) borrowed for the call */
void zr_stats_panel_set_stats   (ZrStatsPanel    *self,
                                 const ZrStats   *stats);
/* @article: (nullable) borrowed for the call */
void zr_stats_panel_set_article (ZrStatsPanel    *self,
                                 const ZrArticle *article);

G_END_DECLS
