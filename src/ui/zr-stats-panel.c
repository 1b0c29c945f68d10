/* zr-stats-panel.c: figures of the current filter and the open article
 *
 * A first version: counts as labels. The charts come later.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "zr-stats-panel.h"

struct _ZrStatsPanel
{
  GtkWidget  parent_instance;
  GtkLabel  *articles_label;
  GtkLabel  *chars_label;
  GtkBox    *district_box;
  GtkLabel  *article_label;
};

G_DEFINE_FINAL_TYPE (ZrStatsPanel, zr_stats_panel, GTK_TYPE_WIDGET)

static void
zr_stats_panel_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ZR_TYPE_STATS_PANEL);
  /* The template's top child has no id: unparent it ourselves */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (zr_stats_panel_parent_class)->dispose (object);
}

static void
zr_stats_panel_class_init (ZrStatsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zr_stats_panel_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/zhuzhou/Reader/zr-stats-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, articles_label);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, chars_label);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, district_box);
  gtk_widget_class_bind_template_child (widget_class, ZrStatsPanel, article_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "zrstatspanel");
}

static void
zr_stats_panel_init (ZrStatsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  zr_stats_panel_set_stats (self, NULL);
  zr_stats_panel_set_article (self, NULL);
}

void
zr_stats_panel_set_stats (ZrStatsPanel  *self,
                          const ZrStats *stats)
{
  GtkWidget *child;
  g_autofree char *articles = NULL;
  g_autofree char *chars = NULL;

  g_return_if_fail (ZR_IS_STATS_PANEL (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->district_box))) != NULL)
    gtk_box_remove (self->district_box, child);

  if (stats == NULL)
    {
      gtk_label_set_text (self->articles_label, "—");
      gtk_label_set_text (self->chars_label, "");
      return;
    }

  articles = g_strdup_printf (ngettext ("%u article", "%u articles", stats->articles), stats->articles);
  /* Translators: characters of text and the minutes it takes to read them */
  {
    g_autofree char *n = g_strdup_printf ("%" G_GUINT64_FORMAT, stats->chars);
    chars = g_strdup_printf (_("%s characters · about %u min to read"), n, stats->reading_minutes);
  }
  gtk_label_set_text (self->articles_label, articles);
  gtk_label_set_text (self->chars_label, chars);

  for (guint i = 0; stats->by_district != NULL && i < stats->by_district->len; i++)
    {
      const ZrFacet *f = g_ptr_array_index (stats->by_district, i);
      GtkWidget *row, *name, *count;

      if (f->count == 0)
        continue;
      row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      name = gtk_label_new (f->name);
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_set_hexpand (name, TRUE);
      count = gtk_label_new (NULL);
      {
        g_autofree char *text = g_strdup_printf ("%u", f->count);
        gtk_label_set_text (GTK_LABEL (count), text);
      }
      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_add_css_class (count, "numeric");
      gtk_box_append (GTK_BOX (row), name);
      gtk_box_append (GTK_BOX (row), count);
      gtk_box_append (self->district_box, row);
    }
}

void
zr_stats_panel_set_article (ZrStatsPanel    *self,
                            const ZrArticle *article)
{
  g_autofree char *text = NULL;
  guint quotes, figures;

  g_return_if_fail (ZR_IS_STATS_PANEL (self));

  if (article == NULL)
    {
      gtk_label_set_text (self->article_label, _("No article open"));
      return;
    }

  quotes = article->quotes ? article->quotes->len : 0;
  figures = article->figures ? article->figures->len : 0;
  {
    g_autofree char *size = g_strdup_printf (_("%u characters · about %u min"),
                                             article->chars, zr_stats_reading_minutes (article->chars));
    g_autofree char *q = g_strdup_printf (ngettext ("%u quote", "%u quotes", quotes), quotes);
    g_autofree char *f = g_strdup_printf (ngettext ("%u figure", "%u figures", figures), figures);

    text = g_strdup_printf ("%s\n%s · %s", size, q, f);
  }
  gtk_label_set_text (self->article_label, text);
}
