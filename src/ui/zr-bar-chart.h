/* zr-bar-chart.h: a horizontal bar chart drawn with GtkSnapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ZR_TYPE_BAR_CHART (zr_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (ZrBarChart, zr_bar_chart, ZR, BAR_CHART, GtkWidget)

GtkWidget  *zr_bar_chart_new             (void);
/* @facets: (nullable) (element-type ZrFacet): copied; bars with a count
 * of 0 are left out, the order is kept. */
void        zr_bar_chart_set_facets      (ZrBarChart          *self,
                                          GPtrArray           *facets);
/* Names drawn as chosen (the active filter); (nullable) NULL-terminated */
void        zr_bar_chart_set_selected    (ZrBarChart          *self,
                                          const char * const  *names);
void        zr_bar_chart_set_title       (ZrBarChart          *self,
                                          const char          *title);
const char *zr_bar_chart_get_title       (ZrBarChart          *self);
guint       zr_bar_chart_get_n_bars      (ZrBarChart          *self);
const char *zr_bar_chart_get_label       (ZrBarChart          *self,
                                          guint                index);
guint       zr_bar_chart_get_value       (ZrBarChart          *self,
                                          guint                index);
/* The bar with the keyboard focus, -1 when none */
int         zr_bar_chart_get_focus_bar   (ZrBarChart          *self);
void        zr_bar_chart_set_focus_bar   (ZrBarChart          *self,
                                          int                  index);
/* As a click on bar @index: emits "bar-activated" with its label */
void        zr_bar_chart_activate_bar    (ZrBarChart          *self,
                                          guint                index);
/* Bar index at widget coordinate @y, -1 when none */
int         zr_bar_chart_get_bar_at      (ZrBarChart          *self,
                                          double               y);
/* The text alternative given to assistive technologies:
 * "天元区 3, 市级 11, …" */
char       *zr_bar_chart_dup_description (ZrBarChart          *self);

/* The chart with its title on the window's background, at the chart's
 * width (or 360 px before it is shown). */
GskRenderNode *zr_bar_chart_render       (ZrBarChart          *self,
                                          int                 *out_width,
                                          int                 *out_height);
gboolean    zr_bar_chart_save_png        (ZrBarChart          *self,
                                          const char          *path,
                                          GError             **error);
gboolean    zr_bar_chart_save_svg        (ZrBarChart          *self,
                                          const char          *path,
                                          GError             **error);

G_END_DECLS
