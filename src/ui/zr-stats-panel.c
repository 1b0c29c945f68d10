/* zr-stats-panel.c: figures of the current filter and the open article
 *
 * The top half follows the filter: three numbers, a bar chart by district
 * and one by topic (a click on a bar asks the window to filter by it:
 * "filter-requested"), the top reporters and the most quoted speakers.
 * The bottom half follows the open article: its size, people, districts
 * and figures; a click on a figure asks the window to show it in the
 * article ("figure-activated").
 *
 * Queries are coalesced: zr_stats_panel_set_filter() only schedules one,
 * REFRESH_DELAY_MS later. They run in the main thread: zr_stats_query()
 * answers from the statistics cache in a few milliseconds. The cache is
 * (re)built on first use after the library changed (~300 ms at 200,000
 * articles); the window's sidebar counts already ask for it first, in the
 * same thread, so the panel adds no second wait.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "zr-stats-panel.h"

#include "zr-figures.h"

#define REFRESH_DELAY_MS 80

typedef struct
{
  guint paragraph;
  guint start;
  guint end;
} FigurePos;

struct _ZrStatsPanel
{
  GtkWidget             parent_instance;

  ZrDatabase           *db;
  ZrFilter             *filter;
  ZrStats              *stats;
  guint                 refresh_id;
  GArray               *figures;     /* FigurePos */
  GtkFileChooserNative *chooser;

  /* Template widgets */
  GtkLabel             *filter_label;
  GtkLabel             *error_label;
  GtkLabel             *articles_value;
  GtkLabel             *chars_value;
  GtkLabel             *minutes_value;
  GtkLabel             *average_value;
  ZrBarChart           *district_chart;
  ZrBarChart           *topic_chart;
  GtkBox               *reporters_box;
  GtkBox               *speakers_box;
  GtkLabel             *article_empty;
  GtkWidget            *article_box;
  GtkLabel             *article_title;
  GtkLabel             *a_chars_value;
  GtkLabel             *a_minutes_value;
  GtkLabel             *a_paragraphs_value;
  GtkLabel             *a_quotes_value;
  GtkLabel             *people_label;
  GtkLabel             *districts_label;
  GtkLabel             *figures_heading;
  GtkListBox           *figures_list;
};

G_DEFINE_FINAL_TYPE (ZrStatsPanel, zr_stats_panel, GTK_TYPE_WIDGET)

enum {
  FILTER_REQUESTED,
  FIGURE_ACTIVATED,
  NOTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* 1234567 → "1,234,567" */
static char *
format_count (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

static void
set_count (GtkLabel *label,
           guint64   n)
{
  g_autofree char *text = format_count (n);

  gtk_label_set_text (label, text);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* gtk_list_box_remove_all() is GTK 4.12 */
static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

/* A card of "name … count" rows with separators between them */
static void
fill_list (GtkBox     *box,
           GPtrArray  *facets,
           const char *empty)
{
  clear_box (box);

  if (facets == NULL || facets->len == 0)
    {
      GtkWidget *label = gtk_label_new (empty);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "stats-row");
      gtk_box_append (box, label);
      return;
    }

  for (guint i = 0; i < facets->len; i++)
    {
      const ZrFacet *f = g_ptr_array_index (facets, i);
      GtkWidget *row, *name, *count;
      g_autofree char *n = format_count (f->count);

      if (i > 0)
        gtk_box_append (box, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
      row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_add_css_class (row, "stats-row");
      name = gtk_label_new (f->name);
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (name, TRUE);
      count = gtk_label_new (n);
      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_add_css_class (count, "numeric");
      gtk_box_append (GTK_BOX (row), name);
      gtk_box_append (GTK_BOX (row), count);
      gtk_box_append (box, row);
    }
}

void
zr_stats_panel_set_stats (ZrStatsPanel  *self,
                          const ZrStats *stats)
{
  g_return_if_fail (ZR_IS_STATS_PANEL (self));

  if (stats == NULL)
    {
      gtk_label_set_text (self->articles_value, "—");
      gtk_label_set_text (self->chars_value, "—");
      gtk_label_set_text (self->minutes_value, "—");
      gtk_label_set_text (self->average_value, "—");
      zr_bar_chart_set_facets (self->district_chart, NULL);
      zr_bar_chart_set_facets (self->topic_chart, NULL);
      fill_list (self->reporters_box, NULL, _("No bylines"));
      fill_list (self->speakers_box, NULL, _("No named speakers"));
      return;
    }

  set_count (self->articles_value, stats->articles);
  set_count (self->chars_value, stats->chars);
  set_count (self->minutes_value, stats->reading_minutes);
  /* Characters per article, rounded */
  set_count (self->average_value, stats->articles > 0 ? (stats->chars + stats->articles / 2) / stats->articles : 0);
  zr_bar_chart_set_facets (self->district_chart, stats->by_district);
  zr_bar_chart_set_facets (self->topic_chart, stats->by_topic);
  fill_list (self->reporters_box, stats->top_reporters, _("No bylines"));
  fill_list (self->speakers_box, stats->top_speakers, _("No named speakers"));
}

static void
refresh (ZrStatsPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  ZrStats *stats;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->db == NULL)
    return;

  /* A failed query is said in the panel, not only logged: the numbers
   * show "—" and the reader is told why */
  stats = zr_stats_query (self->db, self->filter, &error);
  if (stats == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The statistics could not be read: %s"), error->message);

      gtk_label_set_text (self->error_label, message);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), stats == NULL);
  g_clear_pointer (&self->stats, zr_stats_free);
  self->stats = stats;
  zr_stats_panel_set_stats (self, stats);

  description = zr_stats_dup_filter_description (self->filter);
  gtk_label_set_text (self->filter_label, description);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_label), description);
  zr_bar_chart_set_selected (self->district_chart, self->filter ? (const char * const *) self->filter->districts : NULL);
  zr_bar_chart_set_selected (self->topic_chart, self->filter ? (const char * const *) self->filter->topics : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stats.copy-markdown", stats != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stats.copy-csv", stats != NULL);
}

static gboolean
refresh_cb (gpointer data)
{
  ZrStatsPanel *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

void
zr_stats_panel_set_filter (ZrStatsPanel   *self,
                           ZrDatabase     *db,
                           const ZrFilter *filter)
{
  g_return_if_fail (ZR_IS_STATS_PANEL (self));
  g_return_if_fail (ZR_IS_DATABASE (db));

  g_set_object (&self->db, db);
  g_clear_pointer (&self->filter, zr_filter_free);
  self->filter = filter ? zr_filter_copy (filter) : zr_filter_new ();
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

void
zr_stats_panel_flush (ZrStatsPanel *self)
{
  g_return_if_fail (ZR_IS_STATS_PANEL (self));

  if (self->refresh_id != 0)
    refresh (self);
}

const ZrStats *
zr_stats_panel_get_stats (ZrStatsPanel *self)
{
  g_return_val_if_fail (ZR_IS_STATS_PANEL (self), NULL);
  return self->stats;
}

ZrBarChart *
zr_stats_panel_get_district_chart (ZrStatsPanel *self)
{
  g_return_val_if_fail (ZR_IS_STATS_PANEL (self), NULL);
  return self->district_chart;
}

ZrBarChart *
zr_stats_panel_get_topic_chart (ZrStatsPanel *self)
{
  g_return_val_if_fail (ZR_IS_STATS_PANEL (self), NULL);
  return self->topic_chart;
}

/* The open article */

static char *
join_or_none (GStrv        names,
              const char  *none)
{
  if (names == NULL || names[0] == NULL)
    return g_strdup (none);
  return g_strjoinv ("、", names);
}

static GtkWidget *
figure_row_new (const ZrFigure *figure)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *value = gtk_label_new (figure->text);

  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_widget_add_css_class (value, "stats-figure");
  gtk_box_append (GTK_BOX (box), value);
  if (figure->context != NULL && *figure->context != '\0')
    {
      GtkWidget *context = gtk_label_new (figure->context);

      gtk_label_set_xalign (GTK_LABEL (context), 0);
      gtk_label_set_wrap (GTK_LABEL (context), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (context), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (context, "caption");
      gtk_widget_add_css_class (context, "dim-label");
      gtk_box_append (GTK_BOX (box), context);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* Translators: a figure's tooltip in the stats panel */
  gtk_widget_set_tooltip_text (row, _("Show in the article"));
  return row;
}

void
zr_stats_panel_set_article (ZrStatsPanel    *self,
                            const ZrArticle *article)
{
  g_autoptr(ZrArticleStats) stats = NULL;
  g_autofree char *people = NULL;
  g_autofree char *districts = NULL;
  g_autofree char *heading = NULL;
  guint n_figures;

  g_return_if_fail (ZR_IS_STATS_PANEL (self));

  g_array_set_size (self->figures, 0);
  clear_list (self->figures_list);

  gtk_widget_set_visible (GTK_WIDGET (self->article_empty), article == NULL);
  gtk_widget_set_visible (self->article_box, article != NULL);
  if (article == NULL)
    return;

  stats = zr_stats_for_article (article);
  gtk_label_set_text (self->article_title, article->record && article->record->headline ?
                                           article->record->headline : "");
  set_count (self->a_chars_value, stats->chars);
  set_count (self->a_minutes_value, stats->reading_minutes);
  set_count (self->a_paragraphs_value, stats->paragraphs);
  set_count (self->a_quotes_value, stats->quotes);

  people = join_or_none (stats->speakers, _("No one named"));
  gtk_label_set_text (self->people_label, people);
  gtk_widget_set_opacity (GTK_WIDGET (self->people_label),
                          stats->speakers && stats->speakers[0] ? 1.0 : 0.55);
  districts = join_or_none (stats->districts, _("None"));
  gtk_label_set_text (self->districts_label, districts);
  gtk_widget_set_opacity (GTK_WIDGET (self->districts_label),
                          stats->districts && stats->districts[0] ? 1.0 : 0.55);

  n_figures = stats->figures ? stats->figures->len : 0;
  heading = g_strdup_printf (ngettext ("%u Figure", "%u Figures", n_figures), n_figures);
  gtk_label_set_text (self->figures_heading, heading);
  gtk_widget_set_visible (GTK_WIDGET (self->figures_list), n_figures > 0);

  for (guint i = 0; i < n_figures; i++)
    {
      const ZrFigure *f = g_ptr_array_index (stats->figures, i);
      FigurePos pos = { f->paragraph, f->start, f->end };

      g_array_append_val (self->figures, pos);
      gtk_list_box_append (self->figures_list, figure_row_new (f));
    }
}

guint
zr_stats_panel_get_n_figures (ZrStatsPanel *self)
{
  g_return_val_if_fail (ZR_IS_STATS_PANEL (self), 0);
  return self->figures->len;
}

void
zr_stats_panel_activate_figure (ZrStatsPanel *self,
                                guint         index)
{
  FigurePos pos;

  g_return_if_fail (ZR_IS_STATS_PANEL (self));

  if (index >= self->figures->len)
    return;
  pos = g_array_index (self->figures, FigurePos, index);
  g_signal_emit (self, signals[FIGURE_ACTIVATED], 0, pos.paragraph, pos.start, pos.end);
}

static void
figure_row_activated_cb (ZrStatsPanel  *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0)
    zr_stats_panel_activate_figure (self, index);
}

static void
district_activated_cb (ZrStatsPanel *self,
                       const char   *label,
                       ZrBarChart   *chart)
{
  g_signal_emit (self, signals[FILTER_REQUESTED], 0, "district", label);
}

static void
topic_activated_cb (ZrStatsPanel *self,
                    const char   *label,
                    ZrBarChart   *chart)
{
  g_signal_emit (self, signals[FILTER_REQUESTED], 0, "topic", label);
}

/* Export */

/* The same text as the CLI's `stats` */
char *
zr_stats_panel_dup_markdown (ZrStatsPanel *self)
{
  g_return_val_if_fail (ZR_IS_STATS_PANEL (self), NULL);

  if (self->stats == NULL)
    return NULL;
  return zr_stats_dup_markdown (self->stats, self->filter);
}

char *
zr_stats_panel_dup_csv (ZrStatsPanel *self)
{
  g_return_val_if_fail (ZR_IS_STATS_PANEL (self), NULL);

  if (self->stats == NULL)
    return NULL;
  return zr_stats_dup_csv (self->stats);
}

static void
copy_text (ZrStatsPanel *self,
           char         *text,
           const char   *notice)
{
  if (text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  g_free (text);
  g_signal_emit (self, signals[NOTICE], 0, notice);
}

static void
copy_markdown_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ZrStatsPanel *self = ZR_STATS_PANEL (widget);

  zr_stats_panel_flush (self);
  copy_text (self, zr_stats_panel_dup_markdown (self), _("Statistics copied as Markdown"));
}

static void
copy_csv_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ZrStatsPanel *self = ZR_STATS_PANEL (widget);

  zr_stats_panel_flush (self);
  copy_text (self, zr_stats_panel_dup_csv (self), _("Statistics copied as CSV"));
}

static void
save_response_cb (ZrStatsPanel         *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  ZrBarChart *chart = g_object_get_data (G_OBJECT (chooser), "zr-chart");
  gboolean svg = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "zr-svg"));
  gboolean ok;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file ? g_file_get_path (file) : NULL;
    }
  g_clear_object (&self->chooser);
  if (path == NULL)
    return;

  ok = svg ? zr_bar_chart_save_svg (chart, path, &error) : zr_bar_chart_save_png (chart, path, &error);
  if (ok)
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *text = g_strdup_printf (_("Chart saved as “%s”"), base);
      g_signal_emit (self, signals[NOTICE], 0, text);
    }
  else
    g_signal_emit (self, signals[NOTICE], 0, error->message);
}

static void
save_chart_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ZrStatsPanel *self = ZR_STATS_PANEL (widget);
  const char *target = g_variant_get_string (parameter, NULL);
  gboolean topic = g_str_has_prefix (target, "topic");
  gboolean svg = g_str_has_suffix (target, ".svg");
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  /* Translators: default file names of the saved charts */
  const char *name = topic ? (svg ? _("topics.svg") : _("topics.png"))
                           : (svg ? _("districts.svg") : _("districts.png"));

  zr_stats_panel_flush (self);
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (svg ? _("Save Chart as SVG") : _("Save Chart as PNG"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, svg ? _("SVG images") : _("PNG images"));
  gtk_file_filter_add_mime_type (filter, svg ? "image/svg+xml" : "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_object_set_data (G_OBJECT (self->chooser), "zr-chart", topic ? self->topic_chart : self->district_chart);
  g_object_set_data (G_OBJECT (self->chooser), "zr-svg", GINT_TO_POINTER (svg));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (save_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* GObject */

static void
zr_stats_panel_dispose (GObject *object)
{
  ZrStatsPanel *self = ZR_STATS_PANEL (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (object), ZR_TYPE_STATS_PANEL);
  /* The template's top child has no binding: unparent it ourselves */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->db);

  G_OBJECT_CLASS (zr_stats_panel_parent_class)->dispose (object);
}

static void
zr_stats_panel_finalize (GObject *object)
{
  ZrStatsPanel *self = ZR_STATS_PANEL (object);

  g_clear_pointer (&self->filter, zr_filter_free);
  g_clear_pointer (&self->stats, zr_stats_free);
  g_array_unref (self->figures);

  G_OBJECT_CLASS (zr_stats_panel_parent_class)->finalize (object);
}

static void
zr_stats_panel_class_init (ZrStatsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zr_stats_panel_dispose;
  object_class->finalize = zr_stats_panel_finalize;

  /**
   * ZrStatsPanel::filter-requested:
   * @kind: "district" or "topic"
   * @name: what to filter by
   */
  signals[FILTER_REQUESTED] =
    g_signal_new ("filter-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * ZrStatsPanel::figure-activated:
   * @paragraph: index into the article's paragraphs
   * @start: character offset in that paragraph
   * @end: character offset, exclusive
   */
  signals[FIGURE_ACTIVATED] =
    g_signal_new ("figure-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
  /* A short message for the window's overlay notice */
  signals[NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (ZR_TYPE_BAR_CHART);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/zhuzhou/Reader/zr-stats-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, filter_label);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, articles_value);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, chars_value);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, minutes_value);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, average_value);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, district_chart);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, topic_chart);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, reporters_box);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, speakers_box);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, article_empty);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, article_box);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, article_title);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, a_chars_value);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, a_minutes_value);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, a_paragraphs_value);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, a_quotes_value);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, people_label);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, districts_label);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, figures_heading);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, figures_list);
  gtk_widget_class_bind_template_callback (widget_class, district_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, topic_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, figure_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "stats.copy-markdown", NULL, copy_markdown_action);
  gtk_widget_class_install_action (widget_class, "stats.copy-csv", NULL, copy_csv_action);
  gtk_widget_class_install_action (widget_class, "stats.save-chart", "s", save_chart_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "zrstatspanel");
}

static void
zr_stats_panel_init (ZrStatsPanel *self)
{
  self->figures = g_array_new (FALSE, FALSE, sizeof (FigurePos));

  gtk_widget_init_template (GTK_WIDGET (self));
  zr_stats_panel_set_stats (self, NULL);
  zr_stats_panel_set_article (self, NULL);
  gtk_label_set_text (self->filter_label, _("All articles"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stats.copy-markdown", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stats.copy-csv", FALSE);
}
