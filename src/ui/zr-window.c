/* zr-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "zr-article-item.h"
#include "zr-article-row.h"
#include "zr-clippings.h"
#include "zr-error.h"
#include "zr-import-dialog.h"
#include "zr-search.h"
#include "zr-stats.h"
#include "zr-vfs.h"
#include "zr-window-private.h"

#define SEARCH_LIMIT 2000

G_DEFINE_FINAL_TYPE (ZrWindow, zr_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SHOW_SIDEBAR,
  PROP_SHOW_STATS,
  PROP_IMPORTING,
  PROP_SEARCHING,
  N_PROPS
};

enum {
  IMPORT_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
update_stats_visible_cb (gpointer data)
{
  ZrWindow *self = data;

  gtk_widget_set_visible (GTK_WIDGET (self->stats_panel), self->show_stats && self->stats_fit);
  return G_SOURCE_REMOVE;
}

static ZrFilter *
current_filter (ZrWindow *self,
                gboolean  with_query)
{
  ZrFilter *filter = zr_filter_new ();
  g_auto(GStrv) districts = zr_sidebar_dup_districts (self->sidebar);
  g_auto(GStrv) topics = zr_sidebar_dup_topics (self->sidebar);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (query ? query : ""));

  zr_filter_set_districts (filter, (const char * const *) districts);
  zr_filter_set_topics (filter, (const char * const *) topics);
  if (with_query && *stripped != '\0')
    zr_filter_set_query (filter, stripped);
  return filter;
}

static void
show_empty (ZrWindow   *self,
            const char *title,
            const char *detail,
            gboolean    offer_import)
{
  gtk_label_set_text (self->empty_title, title);
  gtk_label_set_text (self->empty_detail, detail);
  gtk_widget_set_visible (self->empty_import_button, offer_import);
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

/* Clippings are the user's own: they are kept in the user's library even
 * while the window shows the sample edition, so a quote saved from the
 * sample is still there after the first import and the next start. */
ZrDatabase *
_zr_window_get_clippings_database (ZrWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  ZrLibrary *real = ZR_IS_APPLICATION (app) ? zr_application_get_library (ZR_APPLICATION (app)) : NULL;

  if (real == NULL)
    real = self->library;
  return real != NULL ? zr_library_get_database (real) : NULL;
}

static void
show_count_error (ZrWindow     *self,
                  const GError *error)
{
  g_autofree char *message = g_strdup_printf (_("The article counts could not be read: %s"), error->message);

  zr_window_show_notice (self, message);
}

static void
update_counts (ZrWindow       *self,
               const ZrFilter *filter)
{
  ZrDatabase *db = zr_library_get_database (self->library);
  g_autoptr(GPtrArray) by_district = NULL;
  g_autoptr(GPtrArray) by_topic = NULL;
  g_autoptr(ZrFilter) all = zr_filter_new ();
  g_autoptr(GError) error = NULL;
  guint total;

  /* A failed count shows "—" in the sidebar, and the notice says why */
  by_district = zr_stats_count_by_district (db, filter, &error);
  if (by_district == NULL)
    show_count_error (self, error);
  g_clear_error (&error);
  by_topic = zr_stats_count_by_topic (db, filter, &error);
  if (by_topic == NULL)
    show_count_error (self, error);
  g_clear_error (&error);

  zr_filter_set_query (all, filter->query);
  total = zr_library_count (self->library, all, NULL);

  zr_sidebar_set_counts (self->sidebar, total, by_district, by_topic,
                         zr_clippings_count (_zr_window_get_clippings_database (self)));
}

/* The panel coalesces these: it queries once, a moment after the last */
static void
update_stats (ZrWindow       *self,
              const ZrFilter *filter)
{
  if (!self->show_stats)
    return;
  zr_stats_panel_set_filter (self->stats_panel, zr_library_get_database (self->library), filter);
}

static void
stats_filter_cb (ZrWindow     *self,
                 const char   *kind,
                 const char   *name,
                 ZrStatsPanel *panel)
{
  if (g_strcmp0 (kind, "topic") == 0)
    zr_sidebar_select_topic (self->sidebar, name, FALSE);
  else
    zr_sidebar_select_district (self->sidebar, name, FALSE);
}

static void
stats_figure_cb (ZrWindow     *self,
                 guint         paragraph,
                 guint         start,
                 guint         end,
                 ZrStatsPanel *panel)
{
  zr_article_view_show_figure (self->article_view, paragraph, start, end);
}

static void
stats_notice_cb (ZrWindow     *self,
                 const char   *text,
                 ZrStatsPanel *panel)
{
  zr_window_show_notice (self, text);
}

/* Start-up time for build-aux/bench.sh: with ZR_REPORT_STARTUP set, the
 * first frame after the article list is first mapped prints one line
 * "mapped <g_get_real_time ()>" (microseconds since the epoch) on stdout;
 * with ZR_REPORT_STARTUP=exit the application then quits. */
static gboolean
report_startup_tick_cb (GtkWidget     *widget,
                        GdkFrameClock *clock,
                        gpointer       data)
{
  ZrWindow *self = data;

  g_print ("mapped %" G_GINT64_FORMAT "\n", g_get_real_time ());
  fflush (stdout);
  if (g_strcmp0 (g_getenv ("ZR_REPORT_STARTUP"), "exit") == 0)
    g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  return G_SOURCE_REMOVE;
}

static void
list_map_cb (ZrWindow  *self,
             GtkWidget *list)
{
  g_signal_handlers_disconnect_by_func (list, list_map_cb, self);
  gtk_widget_add_tick_callback (list, report_startup_tick_cb, self, NULL);
}

static void
load_clippings (ZrWindow *self)
{
  g_autoptr(GPtrArray) clippings = NULL;
  g_autoptr(GError) error = NULL;

  clippings = zr_clippings_list (_zr_window_get_clippings_database (self), &error);
  if (clippings == NULL)
    g_warning ("Could not read the clippings: %s", error->message);
  zr_clippings_view_set_clippings (self->clippings_view, clippings);
}

static void
save_filter (ZrWindow       *self,
             const ZrFilter *filter)
{
  const char * const empty[] = { NULL };

  g_settings_set_strv (self->settings, "last-districts",
                       filter->districts ? (const char * const *) filter->districts : empty);
  g_settings_set_strv (self->settings, "last-topics",
                       filter->topics ? (const char * const *) filter->topics : empty);
  g_settings_set_string (self->settings, "last-query", filter->query ? filter->query : "");
}

/* The sidebar's counts come from the statistics cache, whose first build
 * after a change takes a quarter of a second on a large library. They are
 * computed at low priority, after the list has been drawn, so the window
 * shows its articles first and the counts a moment later. */
static gboolean
counts_idle_cb (gpointer user_data)
{
  ZrWindow *self = user_data;
  gboolean was_refreshing = self->refreshing;

  self->counts_idle = 0;
  if (self->library != NULL && self->pending_counts != NULL)
    {
      self->refreshing = TRUE;
      update_counts (self, self->pending_counts);
      self->refreshing = was_refreshing;
    }
  g_clear_pointer (&self->pending_counts, zr_filter_free);
  return G_SOURCE_REMOVE;
}

static void
queue_counts (ZrWindow       *self,
              const ZrFilter *filter)
{
  g_clear_pointer (&self->pending_counts, zr_filter_free);
  self->pending_counts = zr_filter_copy (filter);
  if (self->counts_idle == 0)
    self->counts_idle = g_idle_add_full (G_PRIORITY_LOW, counts_idle_cb, self, NULL);
}

/* Shows @ids (element-type gint64, NULL after a failure) in the list,
 * keeping the open article selected when it is among them. */
static void
show_ids (ZrWindow       *self,
          const ZrFilter *filter,
          GArray         *ids,
          GHashTable     *snippets,
          const GError   *error)
{
  g_autofree char *count_text = NULL;
  gint64 open_id;
  guint position;
  gboolean was_refreshing = self->refreshing;

  self->refreshing = TRUE;
  if (ids == NULL)
    {
      g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (gint64));
      zr_article_model_set_ids (self->model, none, NULL);
      show_empty (self, _("Search Failed"), error ? error->message : "", FALSE);
      self->refreshing = was_refreshing;
      return;
    }

  zr_article_model_set_ids (self->model, ids, snippets);

  /* Translators: number of articles in the list */
  count_text = g_strdup_printf (ngettext ("%u article", "%u articles", ids->len), ids->len);
  gtk_label_set_text (self->count_label, count_text);

  open_id = zr_article_view_get_article_id (self->article_view);
  position = open_id > 0 ? zr_article_model_find (self->model, open_id) : G_MAXUINT;
  gtk_single_selection_set_selected (self->selection, position == G_MAXUINT ? GTK_INVALID_LIST_POSITION : position);

  if (zr_sidebar_get_show_clippings (self->sidebar))
    {
      load_clippings (self);
      gtk_stack_set_visible_child_name (self->list_stack, "clippings");
    }
  else if (ids->len > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (zr_library_is_empty (self->library))
    show_empty (self, _("Your Library Is Empty"),
                _("Import the text pages of the paper: files or whole folders. You can also drop them on this window."),
                TRUE);
  else if (filter->query != NULL)
    show_empty (self, _("No Results"),
                _("No article matches this search. Try fewer words or another district or topic."),
                FALSE);
  else
    show_empty (self, _("No Articles"),
                _("No article has this district and topic. Ctrl-click adds a second district or topic."),
                FALSE);

  self->refreshing = was_refreshing;
}

/* Searches run in a worker thread on a connection of their own (a
 * connection is used by one thread at a time), so typing never waits for
 * the library. Each query has its own GCancellable: a newer query, another
 * filter or another library cancels the one running (SQLite is
 * interrupted through its progress handler), and only the newest query's
 * results are shown. */

typedef struct
{
  char      *db_path;
  ZrFilter  *filter;
  guint      delay_ms;   /* a test hook: a slow library */
  GArray    *ids;        /* results: element-type gint64 */
  GHashTable *snippets;  /* gint64* → char* */
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_free (data->db_path);
  g_clear_pointer (&data->filter, zr_filter_free);
  g_clear_pointer (&data->ids, g_array_unref);
  g_clear_pointer (&data->snippets, g_hash_table_unref);
  g_free (data);
}

static int
search_progress_cb (void *user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *data = task_data;
  g_autoptr(ZrDatabase) db = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  for (guint waited = 0; waited < data->delay_ms && !g_cancellable_is_cancelled (cancellable); waited += 10)
    g_usleep (10 * 1000);
  if (g_task_return_error_if_cancelled (task))
    return;

  db = zr_database_open (data->db_path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sqlite3_progress_handler (zr_database_get_handle (db), 1000, search_progress_cb, cancellable);
  hits = zr_search_run (db, data->filter->query, data->filter, SEARCH_LIMIT, &error);
  sqlite3_progress_handler (zr_database_get_handle (db), 0, NULL, NULL);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (hits == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), hits->len);
  data->snippets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < hits->len; i++)
    {
      const ZrSearchHit *hit = g_ptr_array_index (hits, i);
      g_array_append_val (data->ids, hit->id);
      if (hit->snippet != NULL)
        g_hash_table_insert (data->snippets, g_memdup2 (&hit->id, sizeof hit->id), g_strdup (hit->snippet));
    }
  g_task_return_boolean (task, TRUE);
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ZrWindow *self = ZR_WINDOW (source);
  SearchData *data = g_task_get_task_data (G_TASK (result));
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* an older query that finished before it saw its cancellation */
  if (cancellable != self->search_cancellable || g_cancellable_is_cancelled (cancellable))
    return;
  g_clear_object (&self->search_cancellable);
  if (self->library == NULL)
    return;

  show_ids (self, data->filter, data->ids, data->snippets, error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

static void
cancel_search (ZrWindow *self)
{
  if (self->search_cancellable == NULL)
    return;
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

static void
start_search (ZrWindow       *self,
              const ZrFilter *filter)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  cancel_search (self);
  self->search_cancellable = g_cancellable_new ();

  data = g_new0 (SearchData, 1);
  data->db_path = g_strdup (zr_database_get_path (zr_library_get_database (self->library)));
  data->filter = zr_filter_copy (filter);
  data->delay_ms = self->search_delay_ms;

  task = g_task_new (self, self->search_cancellable, search_done_cb, NULL);
  g_task_set_source_tag (task, start_search);
  g_task_set_task_data (task, data, (GDestroyNotify) search_data_free);
  g_task_run_in_thread (task, search_thread);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

void
zr_window_refresh (ZrWindow *self)
{
  g_autoptr(ZrFilter) filter = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ZR_IS_WINDOW (self));

  if (self->library == NULL)
    return;

  self->refreshing = TRUE;
  filter = current_filter (self, TRUE);
  save_filter (self, filter);
  queue_counts (self, filter);
  update_stats (self, filter);

  if (filter->query != NULL)
    {
      /* the list changes when the results land */
      start_search (self, filter);
      self->refreshing = FALSE;
      return;
    }

  cancel_search (self);
  ids = zr_library_list_ids (self->library, filter, 0, &error);
  show_ids (self, filter, ids, NULL, error);
  self->refreshing = FALSE;
}

gboolean
zr_window_get_searching (ZrWindow *self)
{
  g_return_val_if_fail (ZR_IS_WINDOW (self), FALSE);
  return self->search_cancellable != NULL;
}

void
_zr_window_set_search_delay (ZrWindow *self,
                             guint     delay_ms)
{
  g_return_if_fail (ZR_IS_WINDOW (self));
  self->search_delay_ms = delay_ms;
}

/* Runs on the list's frames until it has rows laid out, then scrolls */
static gboolean
pending_scroll_cb (GtkWidget     *list,
                   GdkFrameClock *clock,
                   gpointer       data)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (list), "zr-pending-scroll"));
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));

  if (position == 0 || position - 1 >= g_list_model_get_n_items (model))
    {
      g_object_set_data (G_OBJECT (list), "zr-pending-scroll", NULL);
      return G_SOURCE_REMOVE;
    }
  if (gtk_widget_get_height (list) <= 0)
    return G_SOURCE_CONTINUE;
  gtk_widget_activate_action (list, "list.scroll-to-item", "u", position - 1);
  g_object_set_data (G_OBJECT (list), "zr-pending-scroll", NULL);
  return G_SOURCE_REMOVE;
}

/* gtk_list_view_scroll_to() is GTK 4.12; the list's own action is older.
 * Before the list is shown (an article opened from the command line or a
 * link at start), it has no size to scroll in: scroll on its first frame. */
static void
scroll_to (ZrWindow *self,
           guint     position)
{
  GtkWidget *list = GTK_WIDGET (self->list_view);

  if (gtk_widget_get_mapped (list) && gtk_widget_get_height (list) > 0)
    {
      gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
      return;
    }
  if (g_object_get_data (G_OBJECT (list), "zr-pending-scroll") == NULL)
    gtk_widget_add_tick_callback (list, pending_scroll_cb, NULL, NULL);
  g_object_set_data (G_OBJECT (list), "zr-pending-scroll", GUINT_TO_POINTER (position + 1));
}

gboolean
zr_window_open_article (ZrWindow *self,
                        gint64    id)
{
  g_autoptr(GError) error = NULL;
  ZrArticle *article;
  guint position;

  g_return_val_if_fail (ZR_IS_WINDOW (self), FALSE);

  if (self->library == NULL)
    return FALSE;
  if (id == zr_article_view_get_article_id (self->article_view))
    return TRUE;

  article = zr_library_get_article (self->library, id, &error);
  if (article == NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_autofree char *text = g_strdup_printf (_("Article %s not found"), number);
      /* a page that cannot be read is not a missing article */
      zr_window_show_notice (self, g_error_matches (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_NOT_FOUND)
                                   ? text : error->message);
      return FALSE;
    }

  zr_article_view_take_article (self->article_view, article);
  zr_stats_panel_set_article (self->stats_panel, article);
  gtk_stack_set_visible_child_name (self->article_stack, "article");
  if (!self->is_sample)
    g_settings_set_int64 (self->settings, "last-article", id);

  position = zr_article_model_find (self->model, id);
  if (position != G_MAXUINT && gtk_single_selection_get_selected (self->selection) != position)
    {
      gtk_single_selection_set_selected (self->selection, position);
      scroll_to (self, position);
    }

  _zr_window_actions_update (self);
  return TRUE;
}

static void
selection_changed_cb (ZrWindow           *self,
                      GParamSpec         *pspec,
                      GtkSingleSelection *selection)
{
  ZrArticleItem *item = gtk_single_selection_get_selected_item (selection);

  if (item != NULL && !self->refreshing)
    zr_window_open_article (self, zr_article_item_get_id (item));
}

void
_zr_window_move_selection (ZrWindow *self,
                           int       delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint next;

  if (n == 0)
    return;
  if (selected == GTK_INVALID_LIST_POSITION)
    next = delta > 0 ? 0 : n - 1;
  else if (delta < 0 && selected == 0)
    return;
  else
    next = MIN (selected + delta, n - 1);

  gtk_single_selection_set_selected (self->selection, next);
  scroll_to (self, next);
}

/* GTK 4.8's list view moves Tab from row to row, so with thousands of
 * articles Tab never leaves it. Tab goes on to the article (j/k and the
 * arrows move in the list), Shift+Tab back to the sidebar. */
static gboolean
list_key_pressed_cb (ZrWindow              *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    return gtk_widget_grab_focus (GTK_WIDGET (zr_article_view_get_text_view (self->article_view)));
  if (keyval == GDK_KEY_ISO_Left_Tab)
    return gtk_widget_child_focus (GTK_WIDGET (self->sidebar), GTK_DIR_TAB_FORWARD);
  return FALSE;
}

static void
search_changed_cb (ZrWindow *self)
{
  zr_window_refresh (self);
}

static void
search_stop_cb (ZrWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
sidebar_changed_cb (ZrWindow *self)
{
  zr_window_refresh (self);
}

static gboolean
hide_notice_cb (gpointer data)
{
  ZrWindow *self = data;

  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
  self->notice_timeout = 0;
  return G_SOURCE_REMOVE;
}

void
zr_window_show_notice (ZrWindow   *self,
                       const char *text)
{
  g_return_if_fail (ZR_IS_WINDOW (self));

  g_free (self->notice);
  self->notice = g_strdup (text);
  gtk_label_set_text (self->notice_label, text);
  gtk_revealer_set_reveal_child (self->notice_revealer, TRUE);
  g_clear_handle_id (&self->notice_timeout, g_source_remove);
  self->notice_timeout = g_timeout_add_seconds (3, hide_notice_cb, self);
}

const char *
zr_window_get_notice (ZrWindow *self)
{
  g_return_val_if_fail (ZR_IS_WINDOW (self), NULL);
  return self->notice;
}

static void
article_notice_cb (ZrWindow      *self,
                   const char    *text,
                   ZrArticleView *view)
{
  zr_window_show_notice (self, text);
}

static void
save_quote_cb (ZrWindow      *self,
               guint          quote_index,
               const char    *text,
               ZrArticleView *view)
{
  const ZrArticle *article = zr_article_view_get_article (view);
  g_autoptr(GError) error = NULL;

  if (article == NULL)
    return;
  if (zr_clippings_save (_zr_window_get_clippings_database (self), article,
                         quote_index, text, NULL, &error) < 0)
    {
      g_autofree char *msg = g_strdup_printf (_("Could not save the quote: %s"), error->message);
      zr_window_show_notice (self, msg);
      return;
    }
  zr_window_show_notice (self, _("Saved to clippings"));
  zr_window_refresh (self);
}

/* The user's library file lost while open: deleted, replaced by another
 * file, or its -shm removed by a program that ignored the locks. The
 * connection refuses to write then (zr-vfs.c); the window says so once,
 * keeps showing what it has, and imports nothing until the library is
 * opened again: otherwise the import's own connection would create a new
 * file at the path that this window never shows. */
static gboolean
check_library_file (ZrWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  ZrLibrary *real = ZR_IS_APPLICATION (app) ? zr_application_get_library (ZR_APPLICATION (app)) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->library_problem != NULL)
    return FALSE;
  if (real == NULL || zr_database_check_file (zr_library_get_database (real), &error))
    return TRUE;

  self->library_problem = g_strdup (error->message);
  text = g_strdup_printf ("%s\n\n%s", error->message,
                          _("The window still shows what the library held. Open the library again to use "
                            "the file now at its place; until then nothing is imported or saved."));
  gtk_label_set_text (self->lost_label, text);
  /* a deleted library can be written back from what the window still has */
  gtk_widget_set_visible (self->restore_button,
                          zr_vfs_check_file (zr_database_get_handle (zr_library_get_database (real)))
                          == ZR_VFS_FILE_DELETED);
  gtk_revealer_set_reveal_child (self->lost_revealer, TRUE);
  return FALSE;
}

const char *
zr_window_get_library_problem (ZrWindow *self)
{
  g_return_val_if_fail (ZR_IS_WINDOW (self), NULL);
  return self->library_problem;
}

static void
reopen_library_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  ZrWindow *self = ZR_WINDOW (widget);
  ZrApplication *app = ZR_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GError) error = NULL;

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  if (!zr_application_reopen_library (app, &error))
    {
      g_autofree char *msg = g_strdup_printf (_("Could not open the library: %s"), error->message);
      zr_window_show_notice (self, msg);
      return;
    }
  g_clear_pointer (&self->library_problem, g_free);
  gtk_revealer_set_reveal_child (self->lost_revealer, FALSE);
  zr_window_set_library (self, zr_application_get_library (app), FALSE);
}

static void
restore_library_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  ZrWindow *self = ZR_WINDOW (widget);
  ZrApplication *app = ZR_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  ZrLibrary *real = zr_application_get_library (app);
  g_autoptr(GError) error = NULL;

  if (real == NULL || !zr_database_restore_deleted (zr_library_get_database (real), &error))
    {
      g_autofree char *msg = g_strdup_printf (_("Could not restore the library: %s"),
                                              error != NULL ? error->message : "");
      zr_window_show_notice (self, msg);
      return;
    }
  reopen_library_action (widget, "win.reopen-library", NULL);
  if (self->library_problem == NULL)
    zr_window_show_notice (self, _("The library was restored"));
}

/* Import */

typedef struct
{
  char         **paths;
  char          *db_path;
  ZrClassifier  *classifier;
  ZrImportDialog *dialog;
} ImportData;

typedef struct
{
  ZrImportDialog *dialog;
  char           *path;
  guint           done;
  guint           total;
} ImportProgress;

static void
import_data_free (ImportData *data)
{
  g_strfreev (data->paths);
  g_free (data->db_path);
  g_clear_object (&data->classifier);
  g_clear_object (&data->dialog);
  g_free (data);
}

static void
import_progress_free (ImportProgress *p)
{
  g_clear_object (&p->dialog);
  g_free (p->path);
  g_free (p);
}

static gboolean
import_progress_idle (gpointer user_data)
{
  ImportProgress *p = user_data;

  zr_import_dialog_set_progress (p->dialog, p->path, p->done, p->total);
  return G_SOURCE_REMOVE;
}

/* Called in the worker thread */
static void
import_progress_cb (const char *path,
                    guint       done,
                    guint       total,
                    gpointer    user_data)
{
  ImportData *data = user_data;
  ImportProgress *p = g_new0 (ImportProgress, 1);

  p->dialog = g_object_ref (data->dialog);
  p->path = g_strdup (path);
  p->done = done;
  p->total = total;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, import_progress_idle, p,
                              (GDestroyNotify) import_progress_free);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(ZrDatabase) db = NULL;
  g_autoptr(ZrLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  ZrImportReport *report;

  /* A connection of its own: a connection is used by one thread at a time */
  db = zr_database_open (data->db_path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  library = zr_library_new (db, data->classifier);
  report = zr_library_import (library, (const char * const *) data->paths,
                              import_progress_cb, data, cancellable, &error);
  if (report == NULL)
    {
      if (error == NULL)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The library could not be written"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, report, (GDestroyNotify) zr_import_report_free);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ZrWindow *self = ZR_WINDOW (source);
  ImportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(ZrImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  ZrApplication *app = ZR_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  ZrLibrary *real = app ? zr_application_get_library (app) : NULL;

  report = g_task_propagate_pointer (G_TASK (result), &error);
  zr_import_dialog_finish (data->dialog, report, error);

  g_clear_object (&self->import_cancellable);

  /* Leave the sample edition once the user's library has articles */
  if (self->is_sample && real != NULL && !zr_library_is_empty (real))
    zr_window_set_library (self, real, FALSE);
  else
    zr_window_refresh (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTING]);
  _zr_window_actions_update (self);
  g_signal_emit (self, signals[IMPORT_FINISHED], 0, report != NULL ? report->imported_files : 0);

  /* Files handed in while this import ran (a drop, a second start with
   * files) are imported now, unless the window is going away. */
  if (self->queued_imports != NULL && self->queued_imports->len > 0 && self->library != NULL)
    {
      g_autoptr(GPtrArray) queued = g_steal_pointer (&self->queued_imports);

      g_ptr_array_add (queued, NULL);
      zr_window_import (self, (const char * const *) queued->pdata);
    }
}

void
zr_window_import (ZrWindow           *self,
                  const char * const *paths)
{
  ZrApplication *app;
  ZrLibrary *real;
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (ZR_IS_WINDOW (self));
  g_return_if_fail (paths != NULL);

  if (paths[0] == NULL)
    return;
  if (self->import_cancellable != NULL)
    {
      /* one import at a time: the others wait their turn, none is dropped */
      if (self->queued_imports == NULL)
        self->queued_imports = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; paths[i] != NULL; i++)
        if (!g_ptr_array_find_with_equal_func (self->queued_imports, paths[i], g_str_equal, NULL))
          g_ptr_array_add (self->queued_imports, g_strdup (paths[i]));
      return;
    }

  app = ZR_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  real = zr_application_get_library (app);
  g_return_if_fail (real != NULL);

  if (!check_library_file (self))
    {
      zr_window_show_notice (self, _("Nothing was imported: the library file was lost. Open the library again first."));
      return;
    }

  self->import_cancellable = g_cancellable_new ();
  data = g_new0 (ImportData, 1);
  data->paths = g_strdupv ((char **) paths);
  data->db_path = g_strdup (zr_database_get_path (zr_library_get_database (real)));
  data->classifier = g_object_ref (zr_library_get_classifier (real));
  data->dialog = g_object_ref_sink (zr_import_dialog_new (GTK_WINDOW (self), self->import_cancellable));
  gtk_window_present (GTK_WINDOW (data->dialog));

  task = g_task_new (self, self->import_cancellable, import_done_cb, NULL);
  g_task_set_source_tag (task, zr_window_import);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTING]);
  _zr_window_actions_update (self);
}

gboolean
zr_window_get_counts_pending (ZrWindow *self)
{
  g_return_val_if_fail (ZR_IS_WINDOW (self), FALSE);
  return self->counts_idle != 0;
}

gboolean
zr_window_get_importing (ZrWindow *self)
{
  g_return_val_if_fail (ZR_IS_WINDOW (self), FALSE);
  return self->import_cancellable != NULL;
}

static gboolean
drop_cb (ZrWindow      *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *files;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      char *path = g_file_get_path (l->data);
      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  if (paths->len == 0)
    return FALSE;
  g_ptr_array_add (paths, NULL);
  zr_window_import (self, (const char * const *) paths->pdata);
  return TRUE;
}

/* Window */

static gboolean
zr_window_close_request (GtkWindow *window)
{
  ZrWindow *self = ZR_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_set_int (self->settings, "sidebar-width", gtk_paned_get_position (self->outer_paned));
  g_settings_set_int (self->settings, "list-width", gtk_paned_get_position (self->list_paned));

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);

  return GTK_WINDOW_CLASS (zr_window_parent_class)->close_request (window);
}

static void
zr_window_dispose (GObject *object)
{
  ZrWindow *self = (ZrWindow *) object;

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_handle_id (&self->notice_timeout, g_source_remove);
  g_clear_handle_id (&self->library_watch, g_source_remove);
  g_clear_handle_id (&self->counts_idle, g_source_remove);
  g_clear_pointer (&self->pending_counts, zr_filter_free);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZR_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);
  g_clear_object (&self->import_cancellable);
  g_clear_pointer (&self->queued_imports, g_ptr_array_unref);

  G_OBJECT_CLASS (zr_window_parent_class)->dispose (object);
}

static void
zr_window_finalize (GObject *object)
{
  ZrWindow *self = (ZrWindow *) object;

  g_free (self->notice);
  g_free (self->library_problem);

  G_OBJECT_CLASS (zr_window_parent_class)->finalize (object);
}

static void
zr_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  ZrWindow *self = ZR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_SIDEBAR:
      g_value_set_boolean (value, self->show_sidebar);
      break;
    case PROP_SHOW_STATS:
      g_value_set_boolean (value, self->show_stats);
      break;
    case PROP_IMPORTING:
      g_value_set_boolean (value, zr_window_get_importing (self));
      break;
    case PROP_SEARCHING:
      g_value_set_boolean (value, zr_window_get_searching (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zr_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  ZrWindow *self = ZR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_SIDEBAR:
      if (self->show_sidebar != g_value_get_boolean (value))
        {
          self->show_sidebar = g_value_get_boolean (value);
          gtk_widget_set_visible (GTK_WIDGET (self->sidebar), self->show_sidebar);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHOW_STATS:
      if (self->show_stats != g_value_get_boolean (value))
        {
          self->show_stats = g_value_get_boolean (value);
          gtk_widget_set_visible (GTK_WIDGET (self->stats_panel), self->show_stats && self->stats_fit);
          if (self->show_stats && self->library != NULL)
            {
              g_autoptr(ZrFilter) filter = current_filter (self, TRUE);
              update_stats (self, filter);
            }
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Narrow windows (900 px) keep the list and the article: the stats panel
 * steps aside without changing the user's setting. */
#define NARROW_WIDTH 1000

static void
zr_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  ZrWindow *self = ZR_WINDOW (widget);
  gboolean stats_fit = width >= NARROW_WIDTH;

  GTK_WIDGET_CLASS (zr_window_parent_class)->size_allocate (widget, width, height, baseline);

  if (self->stats_fit != stats_fit)
    {
      self->stats_fit = stats_fit;
      g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_stats_visible_cb, g_object_ref (self), g_object_unref);
    }
}

static void
zr_window_class_init (ZrWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = zr_window_dispose;
  object_class->finalize = zr_window_finalize;
  object_class->get_property = zr_window_get_property;
  object_class->set_property = zr_window_set_property;
  window_class->close_request = zr_window_close_request;
  widget_class->size_allocate = zr_window_size_allocate;

  properties[PROP_SHOW_SIDEBAR] =
    g_param_spec_boolean ("show-sidebar", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_STATS] =
    g_param_spec_boolean ("show-stats", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IMPORTING] =
    g_param_spec_boolean ("importing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[IMPORT_FINISHED] =
    g_signal_new ("import-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (ZR_TYPE_ARTICLE_ROW);
  g_type_ensure (ZR_TYPE_ARTICLE_VIEW);
  g_type_ensure (ZR_TYPE_CLIPPINGS_VIEW);
  g_type_ensure (ZR_TYPE_SIDEBAR);
  g_type_ensure (ZR_TYPE_STATS_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/zhuzhou/Reader/zr-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ZrWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ZrWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, ZrWindow, list_paned);
  gtk_widget_class_bind_template_child (widget_class, ZrWindow, article_paned);
  gtk_widget_class_bind_template_child (widget_class, ZrWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ZrWindow, sample_revealer);
  gtk_widget_class_bind_template_child (widget_class, ZrWindow, lost_revealer);
  gtk_widget_class_bind_template_child (widget_class, ZrWindow, lost_label);
  gtk_widget_class_bind_template_child (widget_class, ZrWindow, restore_button);
  gtk_widget_class_bind_template_child (widget_class, ZrWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ZrWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, ZrWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, ZrWindow, empty_title);
  gtk_widget_class_bind_template_child (widget_class, ZrWindow, empty_detail);
  gtk_widget_class_bind_template_child (widget_class, ZrWindow, empty_import_button);
  gtk_widget_class_bind_template_child (widget_class, ZrWindow, clippings_view);
  gtk_widget_class_bind_template_child (widget_class, ZrWindow, article_stack);
  gtk_widget_class_bind_template_child (widget_class, ZrWindow, article_view);
  gtk_widget_class_bind_template_child (widget_class, ZrWindow, stats_panel);
  gtk_widget_class_bind_template_child (widget_class, ZrWindow, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, ZrWindow, notice_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, article_notice_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_quote_cb);
  gtk_widget_class_bind_template_callback (widget_class, stats_filter_cb);
  gtk_widget_class_bind_template_callback (widget_class, stats_figure_cb);
  gtk_widget_class_bind_template_callback (widget_class, stats_notice_cb);

  _zr_window_class_actions_init (klass);
  gtk_widget_class_install_action (widget_class, "win.reopen-library", NULL, reopen_library_action);
  gtk_widget_class_install_action (widget_class, "win.restore-library", NULL, restore_library_action);
}

static void
zr_window_init (ZrWindow *self)
{
  GtkDropTarget *drop;

  self->show_sidebar = TRUE;
  self->stats_fit = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->model = zr_article_model_new (NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* Read once, saved on close: a two-way binding would write back while
   * the paned allocates. */
  gtk_paned_set_position (self->outer_paned, g_settings_get_int (self->settings, "sidebar-width"));
  gtk_paned_set_position (self->list_paned, g_settings_get_int (self->settings, "list-width"));
  g_settings_bind (self->settings, "show-sidebar", self, "show-sidebar", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-stats", self, "show-stats", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "zoom", self->article_view, "zoom", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "reading-font", self->article_view, "reading-font", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "reading-size", self->article_view, "reading-size", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "citation-template", self->article_view, "citation-template", G_SETTINGS_BIND_GET);
  g_object_set (self->article_view, "citation-format",
                g_settings_get_enum (self->settings, "citation-format"), NULL);
  g_signal_connect_object (self->settings, "changed::citation-format",
                           G_CALLBACK (_zr_window_actions_update), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  gtk_search_entry_set_key_capture_widget (self->search_entry, NULL);

  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (list_key_pressed_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);
  }

  if (g_getenv ("ZR_REPORT_STARTUP") != NULL)
    g_signal_connect_object (self->list_view, "map", G_CALLBACK (list_map_cb), self, G_CONNECT_SWAPPED);

  _zr_window_actions_update (self);
}

ZrWindow *
zr_window_new (ZrApplication *application)
{
  ZrWindow *self;
  ZrLibrary *library;
  gboolean is_sample = FALSE;

  g_return_val_if_fail (ZR_IS_APPLICATION (application), NULL);

  self = g_object_new (ZR_TYPE_WINDOW, "application", application, NULL);

  library = zr_application_get_library (application);
  if (library != NULL && zr_library_is_empty (library))
    {
      ZrLibrary *sample = zr_application_get_sample (application);
      if (sample != NULL)
        {
          library = sample;
          is_sample = TRUE;
        }
    }

  /* Restore the last filter and article */
  if (library != NULL && !is_sample)
    {
      g_auto(GStrv) districts = g_settings_get_strv (self->settings, "last-districts");
      g_auto(GStrv) topics = g_settings_get_strv (self->settings, "last-topics");
      g_autofree char *query = g_settings_get_string (self->settings, "last-query");

      for (guint i = 0; districts[i] != NULL; i++)
        zr_sidebar_select_district (self->sidebar, districts[i], TRUE);
      for (guint i = 0; topics[i] != NULL; i++)
        zr_sidebar_select_topic (self->sidebar, topics[i], TRUE);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
    }

  if (library != NULL)
    zr_window_set_library (self, library, is_sample);

  if (library != NULL && !is_sample)
    {
      gint64 last = g_settings_get_int64 (self->settings, "last-article");
      if (last > 0)
        zr_window_open_article (self, last);
    }

  return self;
}

ZrLibrary *
zr_window_get_library (ZrWindow *self)
{
  g_return_val_if_fail (ZR_IS_WINDOW (self), NULL);
  return self->library;
}

gboolean
zr_window_get_is_sample (ZrWindow *self)
{
  g_return_val_if_fail (ZR_IS_WINDOW (self), FALSE);
  return self->is_sample;
}

/* Another program (the command-line tool, a second window's import) may
 * write to the library while it is open: SQLite's data_version tells, and
 * reading it costs a few microseconds, so the window looks every two
 * seconds and refreshes the list and counts when something changed. */
static gboolean
library_watch_cb (gpointer user_data)
{
  ZrWindow *self = user_data;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  ZrLibrary *real = ZR_IS_APPLICATION (app) ? zr_application_get_library (ZR_APPLICATION (app)) : NULL;
  gint64 version;

  if (!check_library_file (self))
    return G_SOURCE_CONTINUE;   /* said once; nothing more to refresh from */
  if (self->import_cancellable != NULL || self->library == NULL || self->refreshing)
    return G_SOURCE_CONTINUE;   /* our own import refreshes when it ends */

  /* The sample edition gives way to the user's library once it has pages. */
  if (self->is_sample && real != NULL && real != self->library && !zr_library_is_empty (real))
    {
      zr_window_set_library (self, real, FALSE);
      return G_SOURCE_CONTINUE;
    }

  version = zr_database_get_data_version (zr_library_get_database (self->library));
  if (version != self->data_version)
    {
      self->data_version = version;
      zr_window_refresh (self);
    }
  return G_SOURCE_CONTINUE;
}

void
zr_window_set_library (ZrWindow  *self,
                       ZrLibrary *library,
                       gboolean   is_sample)
{
  g_return_if_fail (ZR_IS_WINDOW (self));
  g_return_if_fail (ZR_IS_LIBRARY (library));

  g_set_object (&self->library, library);
  self->is_sample = is_sample;
  zr_article_model_set_library (self->model, library);
  zr_article_view_take_article (self->article_view, NULL);
  zr_stats_panel_set_article (self->stats_panel, NULL);
  gtk_stack_set_visible_child_name (self->article_stack, "empty");
  gtk_revealer_set_reveal_child (self->sample_revealer, is_sample);
  zr_window_refresh (self);
  _zr_window_actions_update (self);
  self->data_version = zr_database_get_data_version (zr_library_get_database (library));
  if (self->library_watch == 0)
    self->library_watch = g_timeout_add_seconds (2, library_watch_cb, self);
}

gboolean
zr_window_select_district (ZrWindow   *self,
                           const char *name)
{
  g_return_val_if_fail (ZR_IS_WINDOW (self), FALSE);
  return zr_sidebar_select_district (self->sidebar, name, FALSE);
}

ZrSidebar *
zr_window_get_sidebar (ZrWindow *self)
{
  g_return_val_if_fail (ZR_IS_WINDOW (self), NULL);
  return self->sidebar;
}

ZrArticleView *
zr_window_get_article_view (ZrWindow *self)
{
  g_return_val_if_fail (ZR_IS_WINDOW (self), NULL);
  return self->article_view;
}

GListModel *
zr_window_get_article_model (ZrWindow *self)
{
  g_return_val_if_fail (ZR_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->model);
}

GtkListView *
zr_window_get_list_view (ZrWindow *self)
{
  g_return_val_if_fail (ZR_IS_WINDOW (self), NULL);
  return self->list_view;
}
