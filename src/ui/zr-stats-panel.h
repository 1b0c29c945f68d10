/* zr-stats-panel.h: figures of the current filter and the open article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zr-bar-chart.h"
#include "zr-database.h"
#include "zr-filter.h"
#include "zr-stats.h"

G_BEGIN_DECLS

#define ZR_TYPE_STATS_PANEL (zr_stats_panel_get_type ())
G_DECLARE_FINAL_TYPE (ZrStatsPanel, zr_stats_panel, ZR, STATS_PANEL, GtkWidget)

/* Shows @stats at once. @stats: (nullable) borrowed for the call */
void           zr_stats_panel_set_stats          (ZrStatsPanel    *self,
                                                  const ZrStats   *stats);
/* The filter to show: the query runs a moment later, once, however many
 * times the filter changed meanwhile (an import refreshes after every
 * batch). @filter is copied; @db is kept. */
void           zr_stats_panel_set_filter         (ZrStatsPanel    *self,
                                                  ZrDatabase      *db,
                                                  const ZrFilter  *filter);
/* Runs a pending zr_stats_panel_set_filter() now. */
void           zr_stats_panel_flush              (ZrStatsPanel    *self);
/* What the panel shows; (nullable) */
const ZrStats *zr_stats_panel_get_stats          (ZrStatsPanel    *self);
/* @article: (nullable) borrowed for the call */
void           zr_stats_panel_set_article        (ZrStatsPanel    *self,
                                                  const ZrArticle *article);
ZrBarChart    *zr_stats_panel_get_district_chart (ZrStatsPanel    *self);
ZrBarChart    *zr_stats_panel_get_topic_chart    (ZrStatsPanel    *self);
/* Figures of the open article listed in the panel */
guint          zr_stats_panel_get_n_figures      (ZrStatsPanel    *self);
/* As a click on figure @index: emits "figure-activated" */
void           zr_stats_panel_activate_figure    (ZrStatsPanel    *self,
                                                  guint            index);
/* The filter's statistics as the copy actions put them on the clipboard */
char          *zr_stats_panel_dup_markdown       (ZrStatsPanel    *self);
char          *zr_stats_panel_dup_csv            (ZrStatsPanel    *self);

G_END_DECLS
