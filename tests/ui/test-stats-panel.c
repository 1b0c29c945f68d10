/* test-stats-panel.c: the statistics panel and its charts, in the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "zr-application.h"
#include "zr-article-item.h"
#include "zr-bar-chart.h"
#include "zr-facts.h"
#include "zr-figures.h"
#include "zr-stats-panel.h"
#include "zr-window.h"
#include "zr-test-utils.h"

typedef struct
{
  char          *tmpdir;
  char          *db_path;
  ZrApplication *app;
  ZrWindow      *window;
  ZrStatsPanel  *panel;
} Fixture;

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = NULL;
  g_autoptr(ZrClassifier) classifier = NULL;
  g_autoptr(ZrLibrary) library = NULL;
  g_autoptr(ZrImportReport) report = NULL;
  g_autofree char *page = g_test_build_filename (G_TEST_DIST, "data", "ui", "2024-07-02_第02版_城区.txt", NULL);
  g_autofree char *page2 = g_test_build_filename (G_TEST_DIST, "data", "ui", "2024-07-02_第03版_专栏.txt", NULL);
  const char *pages[3] = { page, page2, NULL };

  reset_settings ();

  f->tmpdir = g_dir_make_tmp ("zr-stats-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->tmpdir, "library.db", NULL);

  db = zr_database_open (f->db_path, &error);
  g_assert_no_error (error);
  classifier = zr_classifier_new_default (&error);
  g_assert_no_error (error);
  library = zr_library_new (db, classifier);
  report = zr_library_import (library, pages, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported_files, ==, 2);
  g_clear_object (&library);

  f->app = zr_application_new ();
  g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  zr_application_set_db_path (f->app, f->db_path);
  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (f->app));

  f->window = ZR_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  g_assert_true (ZR_IS_WINDOW (f->window));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  g_object_set (f->window, "show-stats", TRUE, NULL);
  f->panel = ZR_STATS_PANEL (find_widget (GTK_WIDGET (f->window), ZR_TYPE_STATS_PANEL));
  g_assert_nonnull (f->panel);
  zr_test_spin (300);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->panel)));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GList *windows;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (f->app))) != NULL)
    gtk_window_destroy (windows->data);
  zr_test_spin (50);
  g_clear_object (&f->app);

  dir = g_dir_open (f->tmpdir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->tmpdir, name, NULL);
      g_remove (path);
    }
  g_rmdir (f->tmpdir);
  g_free (f->db_path);
  g_free (f->tmpdir);
}

/* What the panel should show, computed here from the library's tables with
 * SQL of the test's own, never through zr_stats_query() or the panel: the
 * totals of the records in @district (all of them for NULL), every
 * district's count (a district filter does not narrow its own chart), the
 * topic counts and the reporters' article counts under the filter. */
typedef struct
{
  guint       articles;
  guint64     chars;
  GHashTable *districts;   /* name → count */
  GHashTable *topics;
  GHashTable *reporters;
} Expected;

static void
expected_free (Expected *e)
{
  g_hash_table_unref (e->districts);
  g_hash_table_unref (e->topics);
  g_hash_table_unref (e->reporters);
  g_free (e);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Expected, expected_free)

static GHashTable *
sql_counts (sqlite3    *db,
            const char *sql,
            const char *district)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (district != NULL)
    sqlite3_bind_text (stmt, 1, district, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (counts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GUINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  sqlite3_finalize (stmt);
  return counts;
}

static Expected *
expected_for (Fixture    *f,
              const char *district)
{
  Expected *e = g_new0 (Expected, 1);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*), total(chars) FROM records WHERE ?1 IS NULL OR district = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  if (district != NULL)
    sqlite3_bind_text (stmt, 1, district, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  e->articles = sqlite3_column_int (stmt, 0);
  e->chars = (guint64) sqlite3_column_double (stmt, 1);
  sqlite3_finalize (stmt);

  e->districts = sql_counts (db, "SELECT district, count(*) FROM records GROUP BY district", NULL);
  e->topics = sql_counts (db, "SELECT t.topic, count(*) FROM record_topics t JOIN records r ON r.id = t.record_id"
                              " WHERE ?1 IS NULL OR r.district = ?1 GROUP BY t.topic", district);
  e->reporters = sql_counts (db, "SELECT b.name, count(DISTINCT b.record_id) FROM bylines b"
                                 " JOIN records r ON r.id = b.record_id"
                                 " WHERE ?1 IS NULL OR r.district = ?1 GROUP BY b.name", district);
  sqlite3_close (db);
  return e;
}

/* The text of one of the panel's template labels, as drawn */
static const char *
panel_label (Fixture    *f,
             const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (f->panel), ZR_TYPE_STATS_PANEL, name);

  g_assert_true (GTK_IS_LABEL (child));
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (child)));
  return gtk_label_get_text (GTK_LABEL (child));
}

/* A number as the panel writes it: digits in groups of three, "1,234" */
static void
assert_number_label (const char *shown,
                     guint64     value)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, value);
  g_autoptr(GString) grouped = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      g_string_append_c (grouped, digits[i]);
      if (i + 1 < len && (len - i - 1) % 3 == 0)
        g_string_append_c (grouped, ',');
    }
  g_assert_cmpstr (shown, ==, grouped->str);
}

/* The districts in their fixed order (DESIGN.md §4) */
static const char * const district_order[] = {
  "荷塘区", "芦淞区", "石峰区", "天元区", "渌口区", "醴陵市", "攸县", "茶陵县", "炎陵县", "市级", "外地", NULL
};

/* The chart has one bar per name with a count, each with that count;
 * @order, when given, is the order the bars must follow */
static void
assert_chart (ZrBarChart         *chart,
              GHashTable         *counts,
              const char * const *order)
{
  guint n = 0, next = 0;

  for (guint i = 0; i < zr_bar_chart_get_n_bars (chart); i++)
    {
      const char *label = zr_bar_chart_get_label (chart, i);

      g_assert_true (g_hash_table_contains (counts, label));
      g_assert_cmpuint (zr_bar_chart_get_value (chart, i), ==, GPOINTER_TO_UINT (g_hash_table_lookup (counts, label)));
      if (order != NULL)
        {
          while (order[next] != NULL && g_strcmp0 (order[next], label) != 0)
            next++;
          g_assert_nonnull (order[next]);   /* a district, after the bar before it */
        }
    }
  n = g_hash_table_size (counts);
  g_assert_cmpuint (zr_bar_chart_get_n_bars (chart), ==, n);
}

/* Reporter rows: "name   count", most articles first */
static void
assert_reporter_rows (Fixture  *f,
                      Expected *e)
{
  GObject *box = gtk_widget_get_template_child (GTK_WIDGET (f->panel), ZR_TYPE_STATS_PANEL, "reporters_box");
  guint rows = 0, last = G_MAXUINT;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *name, *count;
      guint expected;

      if (!GTK_IS_BOX (row))
        continue;   /* separators */
      name = gtk_widget_get_first_child (row);
      count = gtk_widget_get_next_sibling (name);
      g_assert_true (g_hash_table_contains (e->reporters, gtk_label_get_text (GTK_LABEL (name))));
      expected = GPOINTER_TO_UINT (g_hash_table_lookup (e->reporters, gtk_label_get_text (GTK_LABEL (name))));
      assert_number_label (gtk_label_get_text (GTK_LABEL (count)), expected);
      g_assert_cmpuint (expected, <=, last);
      last = expected;
      rows++;
    }
  g_assert_cmpuint (rows, ==, MIN (g_hash_table_size (e->reporters), 10));
}

static void
assert_panel_matches (Fixture    *f,
                      const char *district)
{
  g_autoptr(Expected) expected = expected_for (f, district);
  GHashTableIter iter;
  gpointer key, value;
  g_autofree char *markdown = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *line = NULL;
  guint64 minutes = (expected->chars + 399) / 400;   /* 400 characters a minute, started minutes count */

  /* the panel refreshes a moment after a change: do not race it */
  zr_stats_panel_flush (f->panel);
  zr_test_spin (50);

  /* What the reader sees */
  assert_number_label (panel_label (f, "articles_value"), expected->articles);
  assert_number_label (panel_label (f, "chars_value"), expected->chars);
  assert_number_label (panel_label (f, "minutes_value"), minutes);
  assert_number_label (panel_label (f, "average_value"), (expected->chars + expected->articles / 2) / expected->articles);
  g_assert_cmpstr (panel_label (f, "filter_label"), ==, district != NULL ? district : _("All articles"));
  assert_chart (zr_stats_panel_get_district_chart (f->panel), expected->districts, district_order);
  assert_chart (zr_stats_panel_get_topic_chart (f->panel), expected->topics, NULL);
  assert_reporter_rows (f, expected);

  /* What the copy actions put on the clipboard */
  markdown = zr_stats_panel_dup_markdown (f->panel);
  line = g_strdup_printf ("- %s: %u\n", C_("stats", "Articles"), expected->articles);
  g_assert_nonnull (strstr (markdown, line));
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("- %s: %" G_GUINT64_FORMAT "\n", C_("stats", "Characters"), expected->chars);
  g_assert_nonnull (strstr (markdown, line));

  csv = zr_stats_panel_dup_csv (f->panel);
  g_assert_true (g_str_has_prefix (csv, "section,name,count\r\n"));
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("total,articles,%u\r\ntotal,characters,%" G_GUINT64_FORMAT "\r\ntotal,reading_minutes,%" G_GUINT64_FORMAT "\r\n",
                          expected->articles, expected->chars, minutes);
  g_assert_nonnull (strstr (csv, line));
  /* every district is listed, zeros included */
  for (guint i = 0; district_order[i] != NULL; i++)
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (expected->districts, district_order[i]));
      g_autofree char *row = g_strdup_printf ("district,%s,%u\r\n", district_order[i], count);
      g_assert_nonnull (strstr (csv, row));
      if (count > 0)
        {
          g_autofree char *md_row = g_strdup_printf ("| %s | %u |\n", district_order[i], count);
          g_assert_nonnull (strstr (markdown, md_row));
        }
    }
  g_hash_table_iter_init (&iter, expected->reporters);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_hash_table_size (expected->reporters) <= 10)
      {
        g_autofree char *row = g_strdup_printf ("reporter,%s,%u\r\n", (const char *) key, GPOINTER_TO_UINT (value));
        g_assert_nonnull (strstr (csv, row));
      }
}

static void
test_numbers (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Expected) all = expected_for (f, NULL);
  const char *district = NULL;
  g_autofree char *shot = NULL;

  g_assert_cmpuint (all->articles, >=, 3);
  assert_panel_matches (f, NULL);

  /* A district chosen in the sidebar: the panel follows, once settled */
  for (guint i = 0; district_order[i] != NULL && district == NULL; i++)
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (all->districts, district_order[i]));
      if (count > 0 && count < all->articles)
        district = district_order[i];
    }
  g_assert_nonnull (district);
  g_assert_true (zr_window_select_district (f->window, district));
  zr_test_spin (300);
  assert_panel_matches (f, district);

  shot = zr_test_save_screenshot (GTK_WIDGET (f->window), "stats-panel-district");
  if (shot != NULL)
    g_test_message ("screenshot: %s", shot);
}

/* A point inside bar @index, found by the chart's own hit test */
static double
bar_y (ZrBarChart *chart,
       guint       index)
{
  /* new bars are laid out at the next frame: late under load and sanitizers */
  for (int attempt = 0; attempt < 250; attempt++)
    {
      int height = gtk_widget_get_height (GTK_WIDGET (chart));

      for (int y = 0; y < height; y++)
        if (zr_bar_chart_get_bar_at (chart, y) == (int) index)
          {
            int last = y;
            while (last + 1 < height && zr_bar_chart_get_bar_at (chart, last + 1) == (int) index)
              last++;
            return (y + last) / 2.0;
          }
      zr_test_spin (20);
    }
  g_assert_not_reached ();
  return -1;
}

static GtkGesture *
chart_click_gesture (ZrBarChart *chart)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (chart));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_GESTURE_CLICK (controller))
        return GTK_GESTURE (controller);
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_bar_filters (Fixture       *f,
                  gconstpointer  data)
{
  ZrBarChart *chart = zr_stats_panel_get_district_chart (f->panel);
  GListModel *model = zr_window_get_article_model (f->window);
  GtkGesture *click = chart_click_gesture (chart);
  g_auto(GStrv) chosen = NULL;
  guint index = G_MAXUINT, value;
  g_autofree char *label = NULL;
  double y;

  zr_stats_panel_flush (f->panel);
  g_assert_cmpuint (zr_bar_chart_get_n_bars (chart), >=, 2);

  /* The smallest district, so the list visibly shrinks */
  value = G_MAXUINT;
  for (guint i = 0; i < zr_bar_chart_get_n_bars (chart); i++)
    if (zr_bar_chart_get_value (chart, i) < value)
      {
        value = zr_bar_chart_get_value (chart, i);
        index = i;
      }
  /* A copy: the chart's bars are replaced when the filter changes */
  label = g_strdup (zr_bar_chart_get_label (chart, index));
  g_assert_cmpuint (value, <, g_list_model_get_n_items (model));

  /* A click, as the gesture reports it */
  y = bar_y (chart, index);
  g_signal_emit_by_name (click, "pressed", 1, 40.0, y);
  g_signal_emit_by_name (click, "released", 1, 40.0, y);
  zr_test_spin (200);

  chosen = zr_sidebar_dup_districts (zr_window_get_sidebar (f->window));
  g_assert_cmpuint (g_strv_length (chosen), ==, 1);
  g_assert_cmpstr (chosen[0], ==, label);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, value);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ZrArticleItem) item = g_list_model_get_item (model, i);
      g_assert_cmpstr (zr_article_item_get_district (item), ==, label);
    }
  g_assert_cmpint (zr_bar_chart_get_focus_bar (chart), ==, (int) index);

  /* A topic bar through the chart's API (Enter on the focused bar does
   * the same): topic and district intersect, the count is the bar's */
  {
    ZrBarChart *topics = zr_stats_panel_get_topic_chart (f->panel);
    g_auto(GStrv) chosen_topics = NULL;
    g_autofree char *topic = NULL;
    guint topic_value;

    zr_stats_panel_flush (f->panel);
    g_assert_cmpuint (zr_bar_chart_get_n_bars (topics), >=, 1);
    topic_value = zr_bar_chart_get_value (topics, 0);
    topic = g_strdup (zr_bar_chart_get_label (topics, 0));
    zr_bar_chart_activate_bar (topics, 0);
    zr_test_spin (200);
    chosen_topics = zr_sidebar_dup_topics (zr_window_get_sidebar (f->window));
    g_assert_cmpstr (chosen_topics[0], ==, topic);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, topic_value);
  }
}

static void
test_figure_jump (Fixture       *f,
                  gconstpointer  data)
{
  ZrLibrary *library = zr_window_get_library (f->window);
  ZrArticleView *view = zr_window_get_article_view (f->window);
  GtkTextView *text_view = zr_article_view_get_text_view (view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  g_autoptr(GArray) ids = zr_library_list_ids (library, NULL, 0, NULL);
  g_autoptr(ZrArticle) article = NULL;
  g_autoptr(ZrArticleStats) stats = NULL;
  const ZrFigure *figure = NULL;
  GtkTextIter cursor, end;
  GdkRectangle visible, location;
  g_autofree char *at_cursor = NULL;
  g_autofree char *shot = NULL;
  guint best = 0;

  /* The article with the most figures: its last one is far down */
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(ZrArticle) a = zr_library_get_article (library, g_array_index (ids, gint64, i), NULL);
      g_autoptr(ZrArticleStats) s = zr_stats_for_article (a);
      if (s->figures != NULL && s->figures->len > best)
        {
          best = s->figures->len;
          g_clear_pointer (&article, zr_article_free);
          article = g_steal_pointer (&a);
        }
    }
  g_assert_nonnull (article);
  /* Large print: the article is taller than its pane, the figure below */
  g_object_set (view, "zoom", 2.5, NULL);
  g_assert_true (zr_window_open_article (f->window, article->id));
  stats = zr_stats_for_article (article);
  g_assert_cmpuint (zr_stats_panel_get_n_figures (f->panel), ==, stats->figures->len);
  zr_test_spin (200);

  figure = g_ptr_array_index (stats->figures, stats->figures->len - 1);
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (text_view))), ==, 0);
  zr_stats_panel_activate_figure (f->panel, stats->figures->len - 1);
  zr_test_spin (300);

  /* The cursor stands on the figure's text … */
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  end = cursor;
  gtk_text_iter_forward_chars (&end, g_utf8_strlen (figure->text, -1));
  at_cursor = gtk_text_buffer_get_text (buffer, &cursor, &end, FALSE);
  g_assert_cmpstr (at_cursor, ==, figure->text);
  g_assert_true (gtk_text_iter_has_tag (&cursor, gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                                                            "figure-focus")));

  /* … and it is in the visible part of the article */
  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_view_get_iter_location (text_view, &cursor, &location);
  g_assert_cmpint (location.y, >=, visible.y);
  g_assert_cmpint (location.y + location.height, <=, visible.y + visible.height);
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (text_view))), >, 0);

  shot = zr_test_save_screenshot (GTK_WIDGET (f->window), "stats-panel-figure");
  if (shot != NULL)
    g_test_message ("screenshot: %s", shot);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  ZrBarChart *chart = zr_stats_panel_get_district_chart (f->panel);
  g_autofree char *png = g_build_filename (f->tmpdir, "districts.png", NULL);
  g_autofree char *svg = g_build_filename (f->tmpdir, "districts.svg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gsize length = 0;
  static const guchar magic[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  zr_stats_panel_flush (f->panel);
  g_assert_cmpuint (zr_bar_chart_get_n_bars (chart), >, 0);

  g_assert_true (zr_bar_chart_save_png (chart, png, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, &contents, &length, &error));
  g_assert_cmpuint (length, >, sizeof magic);
  g_assert_cmpmem (contents, sizeof magic, magic, sizeof magic);
  /* A picture as wide as the chart plus its margins, one row per bar */
  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), >=, gtk_widget_get_width (GTK_WIDGET (chart)));
  g_assert_cmpint (gdk_texture_get_height (texture), >, gtk_widget_get_height (GTK_WIDGET (chart)));
  g_clear_pointer (&contents, g_free);

  g_assert_true (zr_bar_chart_save_svg (chart, svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, &length, &error));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "</svg>"));

  /* A folder that does not exist: an error, no crash */
  {
    g_autofree char *bad = g_build_filename (f->tmpdir, "no-such-dir", "x.png", NULL);
    g_autoptr(GError) bad_error = NULL;
    g_assert_false (zr_bar_chart_save_png (chart, bad, &bad_error));
    g_assert_nonnull (bad_error);
  }
}

static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  ZrBarChart *chart = zr_stats_panel_get_district_chart (f->panel);
  g_autoptr(Expected) all = expected_for (f, NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *description = NULL;

  zr_stats_panel_flush (f->panel);
  for (guint i = 0; district_order[i] != NULL; i++)
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (all->districts, district_order[i]));
      if (count == 0)
        continue;
      if (expected->len > 0)
        g_string_append (expected, ", ");
      g_string_append_printf (expected, "%s %u", district_order[i], count);
    }

  description = zr_bar_chart_dup_description (chart);
  g_assert_cmpstr (description, ==, expected->str);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected->str);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       zr_bar_chart_get_title (chart));
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (chart)));
}

/* The part of a message before its "%s" (the error's own text) */
static char *
message_prefix (const char *format)
{
  const char *cut = strstr (format, "%s");

  g_assert_nonnull (cut);
  return g_strndup (format, cut - format);
}

/* A library that cannot be read (a table gone under the window: another
 * program, a damaged file) is said in words where the numbers were, and
 * the sidebar's counts say so in the window's notice; once it can be read
 * again, the numbers come back. */
static void
test_query_error (Fixture       *f,
                  gconstpointer  data)
{
  ZrDatabase *db = zr_library_get_database (zr_window_get_library (f->window));
  GtkWidget *error_label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->panel), ZR_TYPE_STATS_PANEL,
                                                                      "error_label"));
  g_autofree char *panel_prefix = message_prefix (_("The statistics could not be read: %s"));
  g_autofree char *counts_prefix = message_prefix (_("The article counts could not be read: %s"));
  g_autoptr(Expected) all = expected_for (f, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *shot = NULL;

  zr_stats_panel_flush (f->panel);
  g_assert_false (gtk_widget_get_visible (error_label));
  assert_number_label (panel_label (f, "articles_value"), all->articles);

  g_assert_true (zr_database_exec (db, "ALTER TABLE record_topics RENAME TO record_topics_gone", &error));
  g_assert_no_error (error);
  zr_facts_invalidate (db);
  g_assert_true (zr_window_select_district (f->window, "石峰区"));
  zr_test_spin (300);
  /* the sidebar's counts follow at low priority (slow under sanitizers) */
  for (int i = 0; i < 500 && zr_window_get_counts_pending (f->window); i++)
    zr_test_spin (20);
  g_assert_false (zr_window_get_counts_pending (f->window));
  zr_stats_panel_flush (f->panel);
  zr_test_spin (50);

  g_assert_true (gtk_widget_is_drawable (error_label));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (error_label)), panel_prefix));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "record_topics"));
  g_assert_cmpstr (panel_label (f, "articles_value"), ==, "—");
  g_assert_nonnull (zr_window_get_notice (f->window));
  g_assert_true (g_str_has_prefix (zr_window_get_notice (f->window), counts_prefix));
  shot = zr_test_save_screenshot (GTK_WIDGET (f->window), "stats-panel-error");
  if (shot != NULL)
    g_test_message ("screenshot: %s", shot);

  g_assert_true (zr_database_exec (db, "ALTER TABLE record_topics_gone RENAME TO record_topics", &error));
  g_assert_no_error (error);
  zr_facts_invalidate (db);
  zr_sidebar_select_all (zr_window_get_sidebar (f->window));
  zr_test_spin (300);
  zr_stats_panel_flush (f->panel);
  zr_test_spin (50);
  g_assert_false (gtk_widget_get_visible (error_label));
  assert_number_label (panel_label (f, "articles_value"), all->articles);
}

/* ZR_REPORT_STARTUP: the app itself prints when its list is first drawn */
static void
test_startup_report (Fixture       *f,
                     gconstpointer  data)
{
  const char *app = g_getenv ("ZR_APP");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 before = g_get_real_time ();
  gint64 mapped;
  char *end = NULL;

  if (app == NULL)
    {
      g_test_skip ("ZR_APP not set");
      return;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "ZR_REPORT_STARTUP", "exit", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, app, "--db", f->db_path, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));

  g_assert_true (g_str_has_prefix (out, "mapped "));
  mapped = g_ascii_strtoll (out + strlen ("mapped "), &end, 10);
  g_assert_cmpstr (end, ==, "\n");
  g_assert_cmpint (mapped, >=, before);
  g_assert_cmpint (mapped, <=, g_get_real_time ());
}

/* As in test-window.c: GTK 4.8's GtkPaned warns while a text view
 * revalidates; only this message is dropped. */
static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
        g_str_has_prefix (fields[i].value, "Trying to snapshot GtkPaned") &&
        g_str_has_suffix (fields[i].value, "without a current allocation"))
      return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("ZR_LOCALEDIR");

  g_log_set_writer_func (log_writer, NULL, NULL);
  setlocale (LC_ALL, "");
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/ui/stats/numbers", Fixture, NULL, fixture_setup, test_numbers, fixture_teardown);
  g_test_add ("/ui/stats/bar-filters", Fixture, NULL, fixture_setup, test_bar_filters, fixture_teardown);
  g_test_add ("/ui/stats/figure-jump", Fixture, NULL, fixture_setup, test_figure_jump, fixture_teardown);
  g_test_add ("/ui/stats/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);
  g_test_add ("/ui/stats/accessible", Fixture, NULL, fixture_setup, test_accessible, fixture_teardown);
  g_test_add ("/ui/stats/query-error", Fixture, NULL, fixture_setup, test_query_error, fixture_teardown);
  g_test_add ("/ui/stats/startup-report", Fixture, NULL, fixture_setup, test_startup_report, fixture_teardown);

  return g_test_run ();
}
