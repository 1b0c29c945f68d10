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

static ZrStats *
expected_stats (Fixture        *f,
                const ZrFilter *filter)
{
  g_autoptr(GError) error = NULL;
  ZrStats *stats = zr_stats_query (zr_library_get_database (zr_window_get_library (f->window)), filter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stats);
  return stats;
}

/* The chart shows the facets with a count, in their order */
static void
assert_chart (ZrBarChart *chart,
              GPtrArray  *facets)
{
  guint n = 0;

  for (guint i = 0; i < facets->len; i++)
    {
      const ZrFacet *facet = g_ptr_array_index (facets, i);

      if (facet->count == 0)
        continue;
      g_assert_cmpuint (n, <, zr_bar_chart_get_n_bars (chart));
      g_assert_cmpstr (zr_bar_chart_get_label (chart, n), ==, facet->name);
      g_assert_cmpuint (zr_bar_chart_get_value (chart, n), ==, facet->count);
      n++;
    }
  g_assert_cmpuint (zr_bar_chart_get_n_bars (chart), ==, n);
}

static void
assert_panel_matches (Fixture        *f,
                      const ZrFilter *filter)
{
  g_autoptr(ZrStats) expected = expected_stats (f, filter);
  const ZrStats *shown;
  g_autofree char *markdown = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *line = NULL;

  /* the panel refreshes a moment after a change: do not race it */
  zr_stats_panel_flush (f->panel);
  shown = zr_stats_panel_get_stats (f->panel);
  g_assert_nonnull (shown);
  g_assert_cmpuint (shown->articles, ==, expected->articles);
  g_assert_cmpuint (shown->chars, ==, expected->chars);
  g_assert_cmpuint (shown->reading_minutes, ==, expected->reading_minutes);
  assert_chart (zr_stats_panel_get_district_chart (f->panel), expected->by_district);
  assert_chart (zr_stats_panel_get_topic_chart (f->panel), expected->by_topic);

  /* What the copy actions put on the clipboard */
  markdown = zr_stats_panel_dup_markdown (f->panel);
  line = g_strdup_printf ("- Articles: %u\n", expected->articles);
  g_assert_nonnull (strstr (markdown, line));
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("- Characters: %" G_GUINT64_FORMAT "\n", expected->chars);
  g_assert_nonnull (strstr (markdown, line));

  csv = zr_stats_panel_dup_csv (f->panel);
  g_assert_true (g_str_has_prefix (csv, "section,name,count\r\n"));
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("total,articles,%u\r\n", expected->articles);
  g_assert_nonnull (strstr (csv, line));
  for (guint i = 0; i < expected->by_district->len; i++)
    {
      const ZrFacet *facet = g_ptr_array_index (expected->by_district, i);
      g_autofree char *row = g_strdup_printf ("district,%s,%u\r\n", facet->name, facet->count);
      g_assert_nonnull (strstr (csv, row));
      if (facet->count > 0)
        {
          g_autofree char *md_row = g_strdup_printf ("| %s | %u |\n", facet->name, facet->count);
          g_assert_nonnull (strstr (markdown, md_row));
        }
    }
  for (guint i = 0; expected->top_reporters != NULL && i < expected->top_reporters->len; i++)
    {
      const ZrFacet *facet = g_ptr_array_index (expected->top_reporters, i);
      g_autofree char *row = g_strdup_printf ("reporter,%s,%u\r\n", facet->name, facet->count);
      g_assert_nonnull (strstr (csv, row));
    }
}

static void
test_numbers (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ZrFilter) all = zr_filter_new ();
  g_autoptr(ZrFilter) district = zr_filter_new ();
  g_autoptr(ZrStats) stats = expected_stats (f, all);
  const char *names[2] = { NULL, NULL };
  g_autofree char *shot = NULL;

  g_assert_cmpuint (stats->articles, >=, 3);
  assert_panel_matches (f, all);

  /* A district chosen in the sidebar: the panel follows, once settled */
  for (guint i = 0; i < stats->by_district->len && names[0] == NULL; i++)
    {
      const ZrFacet *facet = g_ptr_array_index (stats->by_district, i);
      if (facet->count > 0 && facet->count < stats->articles)
        names[0] = facet->name;
    }
  g_assert_nonnull (names[0]);
  g_assert_true (zr_window_select_district (f->window, names[0]));
  zr_filter_set_districts (district, names);
  zr_test_spin (300);
  assert_panel_matches (f, district);
  g_assert_cmpuint (zr_stats_panel_get_stats (f->panel)->articles, <, stats->articles);

  shot = zr_test_save_screenshot (GTK_WIDGET (f->window), "stats-panel-district");
  if (shot != NULL)
    g_test_message ("screenshot: %s", shot);
}

/* A point inside bar @index, found by the chart's own hit test */
static double
bar_y (ZrBarChart *chart,
       guint       index)
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
  g_autoptr(ZrFilter) all = zr_filter_new ();
  g_autoptr(ZrStats) stats = expected_stats (f, all);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *description = NULL;

  zr_stats_panel_flush (f->panel);
  for (guint i = 0; i < stats->by_district->len; i++)
    {
      const ZrFacet *facet = g_ptr_array_index (stats->by_district, i);
      if (facet->count == 0)
        continue;
      if (expected->len > 0)
        g_string_append (expected, ", ");
      g_string_append_printf (expected, "%s %u", facet->name, facet->count);
    }

  description = zr_bar_chart_dup_description (chart);
  g_assert_cmpstr (description, ==, expected->str);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected->str);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       zr_bar_chart_get_title (chart));
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (chart)));
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
  g_test_add ("/ui/stats/startup-report", Fixture, NULL, fixture_setup, test_startup_report, fixture_teardown);

  return g_test_run ();
}
