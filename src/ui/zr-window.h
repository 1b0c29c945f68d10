/* zr-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zr-application.h"
#include "zr-article-view.h"
#include "zr-library.h"
#include "zr-sidebar.h"

G_BEGIN_DECLS

#define ZR_TYPE_WINDOW (zr_window_get_type ())
G_DECLARE_FINAL_TYPE (ZrWindow, zr_window, ZR, WINDOW, GtkApplicationWindow)

ZrWindow      *zr_window_new               (ZrApplication *application);
ZrLibrary     *zr_window_get_library       (ZrWindow      *self);
gboolean       zr_window_get_is_sample     (ZrWindow      *self);
/* Shows @library; @is_sample shows the sample banner */
void           zr_window_set_library       (ZrWindow      *self,
                                            ZrLibrary     *library,
                                            gboolean       is_sample);
gboolean       zr_window_open_article      (ZrWindow      *self,
                                            gint64         id);
gboolean       zr_window_select_district   (ZrWindow      *self,
                                            const char    *name);
/* Imports into the user's library in a worker thread; emits
 * "import-finished" when done. */
void           zr_window_import            (ZrWindow      *self,
                                            const char * const *paths);
gboolean       zr_window_get_importing     (ZrWindow      *self);
void           zr_window_show_notice       (ZrWindow      *self,
                                            const char    *text);
const char    *zr_window_get_notice        (ZrWindow      *self);
/* Why the library's file is lost (deleted or replaced while open, or its
 * -shm removed by another program), or NULL; the window shows it in a
 * banner with "win.reopen-library" and imports nothing until then */
const char    *zr_window_get_library_problem (ZrWindow    *self);
void           zr_window_refresh           (ZrWindow      *self);
/* TRUE while the sidebar's counts wait to be recomputed (they follow the
 * list at low priority) */
gboolean       zr_window_get_counts_pending (ZrWindow     *self);
/* TRUE while a search runs in its worker thread ("searching" property);
 * the list shows its results when it ends */
gboolean       zr_window_get_searching     (ZrWindow      *self);

ZrSidebar     *zr_window_get_sidebar       (ZrWindow      *self);
ZrArticleView *zr_window_get_article_view  (ZrWindow      *self);
GListModel    *zr_window_get_article_model (ZrWindow      *self);
GtkListView   *zr_window_get_list_view     (ZrWindow      *self);

G_END_DECLS
