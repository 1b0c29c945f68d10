/* zr-sidebar.h: districts, topics and clippings with their counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ZR_TYPE_SIDEBAR (zr_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (ZrSidebar, zr_sidebar, ZR, SIDEBAR, GtkWidget)

/* (transfer full) NULL-terminated, possibly empty */
GStrv    zr_sidebar_dup_districts     (ZrSidebar          *self);
GStrv    zr_sidebar_dup_topics        (ZrSidebar          *self);
gboolean zr_sidebar_get_show_clippings (ZrSidebar         *self);
/* As a click would do; @add as a Ctrl-click. FALSE if @name is unknown. */
gboolean zr_sidebar_select_district   (ZrSidebar          *self,
                                       const char         *name,
                                       gboolean            add);
gboolean zr_sidebar_select_topic      (ZrSidebar          *self,
                                       const char         *name,
                                       gboolean            add);
void     zr_sidebar_select_all        (ZrSidebar          *self);
void     zr_sidebar_select_clippings  (ZrSidebar          *self);
/* @by_district, @by_topic: element-type ZrFacet (nullable) */
void     zr_sidebar_set_counts        (ZrSidebar          *self,
                                       guint               total,
                                       GPtrArray          *by_district,
                                       GPtrArray          *by_topic,
                                       guint               clippings);
guint    zr_sidebar_get_count         (ZrSidebar          *self,
                                       const char         *name);
guint    zr_sidebar_get_clippings_count (ZrSidebar        *self);

G_END_DECLS
