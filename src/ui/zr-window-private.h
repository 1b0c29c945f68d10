/* zr-window-private.h: what zr-window.c shares with zr-window-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zr-article-model.h"
#include "zr-clippings-view.h"
#include "zr-stats-panel.h"
#include "zr-window.h"

G_BEGIN_DECLS

struct _ZrWindow
{
  GtkApplicationWindow  parent_instance;

  GSettings            *settings;
  ZrLibrary            *library;
  gboolean              is_sample;
  ZrArticleModel       *model;
  GtkSingleSelection   *selection;
  GCancellable         *import_cancellable;
  GCancellable         *search_cancellable; /* the newest query's, while it runs */
  guint                 search_delay_ms;   /* _zr_window_set_search_delay() */
  GPtrArray            *queued_imports;    /* char* paths handed in during an import */
  gboolean              show_sidebar;
  gboolean              show_stats;
  char                 *notice;
  guint                 notice_timeout;
  GtkFileChooserNative *chooser;
  guint                 library_watch;     /* polls for other programs' imports */
  guint                 counts_idle;       /* sidebar counts, after the list is drawn */
  ZrFilter             *pending_counts;
  gint64                data_version;
  char                 *library_problem;   /* the library's file was lost: why */
  guint                 refreshing : 1;
  guint                 stats_fit : 1;

  /* Template widgets */
  GtkSearchEntry       *search_entry;
  GtkPaned             *outer_paned;
  GtkPaned             *list_paned;
  GtkPaned             *article_paned;
  ZrSidebar            *sidebar;
  GtkRevealer          *sample_revealer;
  GtkRevealer          *lost_revealer;
  GtkLabel             *lost_label;
  GtkWidget            *restore_button;
  GtkStack             *list_stack;
  GtkLabel             *count_label;
  GtkListView          *list_view;
  GtkLabel             *empty_title;
  GtkLabel             *empty_detail;
  GtkWidget            *empty_import_button;
  ZrClippingsView      *clippings_view;
  GtkStack             *article_stack;
  ZrArticleView        *article_view;
  ZrStatsPanel         *stats_panel;
  GtkRevealer          *notice_revealer;
  GtkLabel             *notice_label;
};

ZrDatabase *_zr_window_get_clippings_database (ZrWindow *self);
void _zr_window_class_actions_init (ZrWindowClass *klass);
void _zr_window_actions_update     (ZrWindow      *self);
void _zr_window_choose_import      (ZrWindow      *self);
void _zr_window_move_selection     (ZrWindow      *self,
                                    int            delta);
/* Tests: each search waits @delay_ms in its worker thread first, as a
 * slow library would. */
void _zr_window_set_search_delay   (ZrWindow      *self,
                                    guint          delay_ms);

G_END_DECLS
