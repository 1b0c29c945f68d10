/* zr-article-view.c: the article pane
 *
 * The article is laid out in a GtkTextView with text tags. Page text is
 * inserted as plain text, never parsed as markup. Quotes and figures are
 * ranges of character offsets into paragraphs (ZrQuote, ZrFigure); they
 * become tagged ranges of the buffer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "zr-article-view.h"
#include "zr-figures.h"
#include "zr-quote-popover.h"
#include "zr-quotes.h"

/* Reading column: no wider than this many characters (DESIGN §10) */
#define COLUMN_CHARS 40
#define MIN_MARGIN   24

typedef struct
{
  int    start;    /* buffer character offsets */
  int    end;
  guint  index;    /* into article->quotes */
} QuoteRange;

struct _ZrArticleView
{
  GtkWidget       parent_instance;

  ZrArticle      *article;
  GArray         *quote_ranges;    /* QuoteRange */
  GArray         *para_starts;     /* int: buffer offset of each paragraph's text */
  guint           figure_timeout;  /* removes the "figure-focus" highlight */
  int             focused_quote;   /* index into article->quotes, -1 none */

  double          zoom;
  char           *reading_font;
  int             reading_size;
  int             citation_format;
  char           *citation_template;
  int             last_margin;      /* wanted */
  int             applied_margin;   /* what the text view has */
  guint           margin_idle;

  GtkSearchBar   *search_bar;
  GtkSearchEntry *find_entry;
  GtkLabel       *find_label;
  GtkScrolledWindow *scroller;
  GtkTextView    *text_view;
  GtkWidget      *popover;
};

G_DEFINE_FINAL_TYPE (ZrArticleView, zr_article_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_READING_FONT,
  PROP_READING_SIZE,
  PROP_CITATION_FORMAT,
  PROP_CITATION_TEMPLATE,
  PROP_ARTICLE_ID,
  N_PROPS
};

enum {
  NOTICE,
  SAVE_QUOTE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* g_set_str() is GLib 2.76 */
static gboolean
set_str (char       **ptr,
         const char  *value)
{
  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;
  g_free (*ptr);
  *ptr = g_strdup (value);
  return TRUE;
}

static const char *
effective_family (ZrArticleView *self)
{
  static gsize checked = 0;
  static gboolean have_noto = FALSE;

  if (self->reading_font != NULL && *self->reading_font != '\0')
    return self->reading_font;

  if (g_once_init_enter (&checked))
    {
      PangoFontMap *map = pango_cairo_font_map_get_default ();
      PangoFontFamily **families = NULL;
      int n = 0;

      pango_font_map_list_families (map, &families, &n);
      for (int i = 0; i < n; i++)
        if (g_strcmp0 (pango_font_family_get_name (families[i]), "Noto Serif CJK SC") == 0)
          have_noto = TRUE;
      g_free (families);
      g_once_init_leave (&checked, 1);
    }

  return have_noto ? "Noto Serif CJK SC" : NULL;
}

static double
body_px (ZrArticleView *self)
{
  return self->reading_size * self->zoom;
}

static void
set_color (GtkTextTag *tag,
           const char *property,
           GtkWidget  *widget,
           const char *name,
           double      alpha)
{
  GdkRGBA rgba;
  GtkStyleContext *context;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (widget);
  if (!gtk_style_context_lookup_color (context, name, &rgba))
    {
      g_object_set (tag, property, NULL, NULL);
      return;
    }
  G_GNUC_END_IGNORE_DEPRECATIONS

  rgba.alpha *= alpha;
  g_object_set (tag, property, &rgba, NULL);
}

/* Accent text: the selection colour pulled toward the text colour, so it
 * stays readable on light and dark backgrounds alike. */
static void
set_accent_text (GtkTextTag *tag,
                 GtkWidget  *widget)
{
  GdkRGBA accent, fg;
  GtkStyleContext *context;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (widget);
  if (!gtk_style_context_lookup_color (context, "theme_selected_bg_color", &accent) ||
      !gtk_style_context_lookup_color (context, "theme_fg_color", &fg))
    return;
  G_GNUC_END_IGNORE_DEPRECATIONS

  accent.red = accent.red * 0.65 + fg.red * 0.35;
  accent.green = accent.green * 0.65 + fg.green * 0.35;
  accent.blue = accent.blue * 0.65 + fg.blue * 0.35;
  g_object_set (tag, "foreground-rgba", &accent, NULL);
}

/* Colours come from the theme's named colours so dark style works. */
static void
update_colors (ZrArticleView *self)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (self->text_view));
  GtkWidget *w = GTK_WIDGET (self);

  if (!gtk_widget_get_realized (w))
    return;

  /* GTK 4.8's Adwaita names: theme_selected_bg_color is the accent */
  set_accent_text (gtk_text_tag_table_lookup (table, "column"), w);
  set_accent_text (gtk_text_tag_table_lookup (table, "kicker"), w);
  set_color (gtk_text_tag_table_lookup (table, "dim"), "foreground-rgba", w, "theme_fg_color", 0.6);
  set_color (gtk_text_tag_table_lookup (table, "caption"), "foreground-rgba", w, "theme_fg_color", 0.7);
  set_color (gtk_text_tag_table_lookup (table, "quote"), "background-rgba", w, "theme_selected_bg_color", 0.10);
  set_color (gtk_text_tag_table_lookup (table, "quote"), "underline-rgba", w, "theme_selected_bg_color", 0.9);
  set_color (gtk_text_tag_table_lookup (table, "focused-quote"), "background-rgba", w, "theme_selected_bg_color", 0.28);
  set_color (gtk_text_tag_table_lookup (table, "figure"), "background-rgba", w, "warning_color", 0.22);
  set_color (gtk_text_tag_table_lookup (table, "search-hit"), "background-rgba", w, "warning_color", 0.55);
  set_color (gtk_text_tag_table_lookup (table, "figure-focus"), "background-rgba", w, "theme_selected_bg_color", 0.45);
}

static void
update_fonts (ZrArticleView *self)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (self->text_view));
  const char *family = effective_family (self);
  double px = body_px (self);
  struct {
    const char *name;
    double      scale;
  } sizes[] = {
    { "body", 1.0 },
    { "headline", 1.6 },
    { "column", 0.82 },
    { "kicker", 0.95 },
    { "dim", 0.82 },
    { "subhead", 1.05 },
    { "caption", 0.85 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      GtkTextTag *tag = gtk_text_tag_table_lookup (table, sizes[i].name);
      /* GtkTextTag sizes are points; 1 pt = 4/3 px at 96 dpi */
      g_object_set (tag,
                    "size-points", px * sizes[i].scale * 0.75,
                    "family", family,
                    NULL);
    }

  g_object_set (gtk_text_tag_table_lookup (table, "body"),
                "indent", (int) (2 * px),
                "pixels-inside-wrap", (int) (0.7 * px),
                "pixels-below-lines", (int) (0.9 * px),
                NULL);
  g_object_set (gtk_text_tag_table_lookup (table, "subhead"),
                "pixels-above-lines", (int) (0.6 * px),
                "pixels-below-lines", (int) (0.6 * px),
                "pixels-inside-wrap", (int) (0.5 * px),
                NULL);
  g_object_set (gtk_text_tag_table_lookup (table, "caption"),
                "pixels-inside-wrap", (int) (0.4 * px),
                "pixels-below-lines", (int) (0.9 * px),
                NULL);
  g_object_set (gtk_text_tag_table_lookup (table, "headline"),
                "pixels-inside-wrap", (int) (0.3 * px),
                "pixels-below-lines", (int) (0.5 * px),
                NULL);
  g_object_set (gtk_text_tag_table_lookup (table, "column"),
                "pixels-below-lines", (int) (0.4 * px),
                NULL);
  g_object_set (gtk_text_tag_table_lookup (table, "kicker"),
                "pixels-below-lines", (int) (0.6 * px),
                NULL);
  g_object_set (gtk_text_tag_table_lookup (table, "dim"),
                "pixels-below-lines", (int) (1.0 * px),
                NULL);

  self->last_margin = -1;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
create_tags (ZrArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  gtk_text_buffer_create_tag (buffer, "body", NULL);
  gtk_text_buffer_create_tag (buffer, "headline", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "column", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "kicker", NULL);
  gtk_text_buffer_create_tag (buffer, "dim", NULL);
  gtk_text_buffer_create_tag (buffer, "subhead", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "caption", "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (buffer, "quote", "underline", PANGO_UNDERLINE_SINGLE, NULL);
  gtk_text_buffer_create_tag (buffer, "focused-quote", NULL);
  gtk_text_buffer_create_tag (buffer, "figure", NULL);
  gtk_text_buffer_create_tag (buffer, "search-hit", NULL);
  gtk_text_buffer_create_tag (buffer, "figure-focus", NULL);
  /* No properties: see mark_lines() */
  gtk_text_buffer_create_tag (buffer, "line-even", NULL);
  gtk_text_buffer_create_tag (buffer, "line-odd", NULL);
  /* Highlights only paint a background: keep them under the paragraph
   * styles so a hit never changes how its paragraph is laid out */
  gtk_text_tag_set_priority (gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "search-hit"), 0);
  gtk_text_tag_set_priority (gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "figure"), 1);
  gtk_text_tag_set_priority (gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "figure-focus"), 2);
  gtk_text_tag_set_priority (gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "focused-quote"), 2);
  gtk_text_tag_set_priority (gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "quote"), 3);
  update_fonts (self);
  update_colors (self);
}

static void
insert_line (GtkTextBuffer *buffer,
             const char    *text,
             const char    *tag,
             const char    *tag2)
{
  GtkTextIter end;

  if (text == NULL || *text == '\0')
    return;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &end, text, -1, tag, tag2, NULL);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &end, "\n", -1, tag, tag2, NULL);
}

static void
tag_range (GtkTextBuffer *buffer,
           const char    *tag,
           int            start,
           int            end)
{
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  gtk_text_buffer_apply_tag_by_name (buffer, tag, &a, &b);
}

/* GTK 4.8's text layout keeps the style of the last character it laid
 * out and reuses it for the next line it lays out when that line starts
 * without a tag toggle. When it lays lines out of order (scrolling to a
 * find hit validates backward from it), a paragraph then takes the style
 * of the line below it: a caption turned body text, a body paragraph
 * without its indent. Alternating two empty tags line by line puts a
 * toggle at the start of every line, which makes it compute the style
 * afresh. */
static void
mark_lines (GtkTextBuffer *buffer)
{
  int n = gtk_text_buffer_get_line_count (buffer);

  for (int i = 0; i < n; i++)
    {
      GtkTextIter a, b;

      gtk_text_buffer_get_iter_at_line (buffer, &a, i);
      b = a;
      if (!gtk_text_iter_forward_line (&b))
        gtk_text_buffer_get_end_iter (buffer, &b);
      gtk_text_buffer_apply_tag_by_name (buffer, i % 2 ? "line-odd" : "line-even", &a, &b);
    }
}

static void
zr_article_view_fill (ZrArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  const ZrRecord *record;
  g_autofree int *para_start = NULL;
  g_autofree char *bylines = NULL;
  GtkTextIter start;

  gtk_text_buffer_set_text (buffer, "", 0);
  g_array_set_size (self->quote_ranges, 0);
  g_array_set_size (self->para_starts, 0);
  self->focused_quote = -1;

  if (self->article == NULL || self->article->record == NULL)
    return;

  record = self->article->record;

  insert_line (buffer, record->column, "column", NULL);
  insert_line (buffer, record->headline, "headline", NULL);
  insert_line (buffer, record->kicker, "kicker", NULL);

  bylines = zr_article_dup_bylines_display (self->article);
  if (bylines == NULL || *bylines == '\0')
    set_str (&bylines, record->byline_text);
  insert_line (buffer, bylines, "dim", NULL);

  if (record->paragraphs != NULL)
    {
      para_start = g_new0 (int, record->paragraphs->len + 1);
      for (guint i = 0; i < record->paragraphs->len; i++)
        {
          const ZrParagraph *p = g_ptr_array_index (record->paragraphs, i);
          const char *tag = "body";
          GtkTextIter end;

          if (p->kind == ZR_PARAGRAPH_KIND_SUBHEAD)
            tag = "subhead";
          else if (p->kind == ZR_PARAGRAPH_KIND_CAPTION)
            tag = "caption";

          gtk_text_buffer_get_end_iter (buffer, &end);
          para_start[i] = gtk_text_iter_get_offset (&end);

          /* The dateline leads the first body paragraph, dimmed */
          if (i == 0 && record->dateline != NULL && *record->dateline != '\0' &&
              !g_str_has_prefix (p->text, record->dateline))
            {
              gtk_text_buffer_insert_with_tags_by_name (buffer, &end, record->dateline, -1, tag, "dim", NULL);
              gtk_text_buffer_get_end_iter (buffer, &end);
              gtk_text_buffer_insert_with_tags_by_name (buffer, &end, " ", -1, tag, NULL);
              gtk_text_buffer_get_end_iter (buffer, &end);
              para_start[i] = gtk_text_iter_get_offset (&end);
            }
          insert_line (buffer, p->text, tag, NULL);
        }
    }
  else if (record->dateline != NULL)
    insert_line (buffer, record->dateline, "dim", NULL);

  if (para_start != NULL)
    g_array_append_vals (self->para_starts, para_start, record->paragraphs->len);

  if (para_start != NULL && self->article->figures != NULL)
    for (guint i = 0; i < self->article->figures->len; i++)
      {
        const ZrFigure *f = g_ptr_array_index (self->article->figures, i);
        if (f->paragraph < record->paragraphs->len && f->end > f->start)
          tag_range (buffer, "figure", para_start[f->paragraph] + f->start, para_start[f->paragraph] + f->end);
      }

  if (para_start != NULL && self->article->quotes != NULL)
    for (guint i = 0; i < self->article->quotes->len; i++)
      {
        const ZrQuote *q = g_ptr_array_index (self->article->quotes, i);
        QuoteRange range;

        if (q->paragraph >= record->paragraphs->len || q->end <= q->start)
          continue;
        range.start = para_start[q->paragraph] + q->start;
        range.end = para_start[q->paragraph] + q->end;
        range.index = i;
        g_array_append_val (self->quote_ranges, range);
        tag_range (buffer, "quote", range.start, range.end);
      }

  mark_lines (buffer);

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  if (gtk_search_bar_get_search_mode (self->search_bar))
    g_signal_emit_by_name (self->find_entry, "search-changed");
}

static const QuoteRange *
quote_at_offset (ZrArticleView *self,
                 int            offset)
{
  for (guint i = 0; i < self->quote_ranges->len; i++)
    {
      const QuoteRange *r = &g_array_index (self->quote_ranges, QuoteRange, i);
      if (offset >= r->start && offset < r->end)
        return r;
    }
  return NULL;
}

static const QuoteRange *
quote_at_point (ZrArticleView *self,
                double         x,
                double         y)
{
  GtkTextIter iter;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return NULL;
  return quote_at_offset (self, gtk_text_iter_get_offset (&iter));
}

static gboolean
query_tooltip_cb (ZrArticleView *self,
                  int            x,
                  int            y,
                  gboolean       keyboard,
                  GtkTooltip    *tooltip,
                  GtkTextView   *text_view)
{
  const QuoteRange *r;
  const ZrQuote *q;
  g_autofree char *text = NULL;

  if (keyboard)
    return FALSE;
  r = quote_at_point (self, x, y);
  if (r == NULL)
    return FALSE;

  q = g_ptr_array_index (self->article->quotes, r->index);
  if (q->speaker != NULL && q->role != NULL)
    text = g_strdup_printf (_("%s (%s)"), q->speaker, q->role);
  else if (q->speaker != NULL)
    text = g_strdup (q->speaker);
  else
    text = g_strdup (_("Speaker not named"));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
set_focused_quote (ZrArticleView    *self,
                   const QuoteRange *r)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter a, b;

  gtk_text_buffer_get_bounds (buffer, &a, &b);
  gtk_text_buffer_remove_tag_by_name (buffer, "focused-quote", &a, &b);
  self->focused_quote = r ? (int) r->index : -1;
  if (r != NULL)
    tag_range (buffer, "focused-quote", r->start, r->end);
}

static void
popup_quote (ZrArticleView    *self,
             const QuoteRange *r)
{
  const ZrQuote *q = g_ptr_array_index (self->article->quotes, r->index);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GdkRectangle rect;
  GtkTextIter iter;
  int wx, wy;

  set_focused_quote (self, r);
  zr_quote_popover_set_speaker (ZR_QUOTE_POPOVER (self->popover), q->speaker, q->role);

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, r->start);
  gtk_text_view_get_iter_location (self->text_view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &wx, &wy);
  rect.x = wx;
  rect.y = wy;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
click_released_cb (ZrArticleView   *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  const QuoteRange *r;

  if (n_press != 1 || gtk_text_buffer_get_has_selection (buffer))
    return;
  r = quote_at_point (self, x, y);
  if (r != NULL)
    popup_quote (self, r);
  else
    set_focused_quote (self, NULL);
}

/* Find in article */

static void
find_select (ZrArticleView *self,
             gboolean       forward)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->find_entry));
  GtkTextIter ins, sel, a, b;
  gboolean found;

  if (needle == NULL || *needle == '\0')
    return;

  gtk_text_buffer_get_selection_bounds (buffer, &ins, &sel);
  if (forward)
    found = gtk_text_iter_forward_search (&sel, needle, GTK_TEXT_SEARCH_CASE_INSENSITIVE, &a, &b, NULL);
  else
    found = gtk_text_iter_backward_search (&ins, needle, GTK_TEXT_SEARCH_CASE_INSENSITIVE, &a, &b, NULL);

  if (!found)
    {
      GtkTextIter edge;
      if (forward)
        {
          gtk_text_buffer_get_start_iter (buffer, &edge);
          found = gtk_text_iter_forward_search (&edge, needle, GTK_TEXT_SEARCH_CASE_INSENSITIVE, &a, &b, NULL);
        }
      else
        {
          gtk_text_buffer_get_end_iter (buffer, &edge);
          found = gtk_text_iter_backward_search (&edge, needle, GTK_TEXT_SEARCH_CASE_INSENSITIVE, &a, &b, NULL);
        }
    }

  if (found)
    {
      gtk_text_buffer_select_range (buffer, &a, &b);
      gtk_text_view_scroll_to_iter (self->text_view, &a, 0.1, FALSE, 0, 0);
    }
}

static void
find_changed_cb (ZrArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->find_entry));
  GtkTextIter start, end, a, b;
  guint count = 0;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "search-hit", &start, &end);

  if (needle == NULL || *needle == '\0')
    {
      gtk_label_set_text (self->find_label, "");
      return;
    }

  while (gtk_text_iter_forward_search (&start, needle, GTK_TEXT_SEARCH_CASE_INSENSITIVE, &a, &b, NULL))
    {
      gtk_text_buffer_apply_tag_by_name (buffer, "search-hit", &a, &b);
      start = b;
      count++;
    }

  if (count == 0)
    gtk_label_set_text (self->find_label, _("No matches"));
  else
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u match", "%u matches", count), count);
      gtk_label_set_text (self->find_label, text);
      gtk_text_buffer_get_start_iter (buffer, &start);
      gtk_text_buffer_place_cursor (buffer, &start);
      find_select (self, TRUE);
    }
}

static void
find_next_cb (ZrArticleView *self)
{
  find_select (self, TRUE);
}

static void
find_previous_cb (ZrArticleView *self)
{
  find_select (self, FALSE);
}

static void
find_stop_cb (ZrArticleView *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* Citations */

static const char *
template_or_null (ZrArticleView *self)
{
  if (self->citation_template == NULL || *self->citation_template == '\0')
    return NULL;
  return self->citation_template;
}

/* The citation of quote @index, or of the selected @text (a selection that
 * is exactly a quote keeps its speaker), or of the article (-1, NULL): the
 * same core functions as the CLI's `cite` */
static char *
cite_quote (ZrArticleView *self,
            int            index,
            const char    *text)
{
  if (text != NULL)
    return zr_article_format_selection_citation (self->article, text, self->citation_format,
                                                 template_or_null (self));
  return zr_article_format_citation (self->article, index >= 0 ? (guint) index + 1 : 0,
                                     self->citation_format, template_or_null (self), NULL);
}

char *
zr_article_view_dup_selection (ZrArticleView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter a, b;

  g_return_val_if_fail (ZR_IS_ARTICLE_VIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  if (!gtk_text_buffer_get_selection_bounds (buffer, &a, &b))
    return NULL;
  return g_strstrip (gtk_text_buffer_get_text (buffer, &a, &b, FALSE));
}

char *
zr_article_view_dup_citation (ZrArticleView *self)
{
  g_autofree char *selection = NULL;

  g_return_val_if_fail (ZR_IS_ARTICLE_VIEW (self), NULL);

  if (self->article == NULL)
    return NULL;

  selection = zr_article_view_dup_selection (self);
  if (selection != NULL && *selection != '\0')
    return cite_quote (self, -1, selection);
  if (self->focused_quote >= 0)
    return cite_quote (self, self->focused_quote, NULL);
  return cite_quote (self, -1, NULL);
}

static void
copy_text (ZrArticleView *self,
           const char    *text,
           const char    *notice)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  g_signal_emit (self, signals[NOTICE], 0, notice);
}

gboolean
zr_article_view_copy_citation (ZrArticleView *self)
{
  g_autofree char *citation = NULL;

  g_return_val_if_fail (ZR_IS_ARTICLE_VIEW (self), FALSE);

  citation = zr_article_view_dup_citation (self);
  if (citation == NULL)
    return FALSE;
  copy_text (self, citation, _("Copied with citation"));
  return TRUE;
}

static void
copy_quote_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  ZrArticleView *self = ZR_ARTICLE_VIEW (widget);
  const ZrQuote *q;

  if (self->article == NULL || self->focused_quote < 0)
    return;
  q = g_ptr_array_index (self->article->quotes, self->focused_quote);
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  copy_text (self, q->text, _("Quote copied"));
}

static void
copy_quote_citation_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  ZrArticleView *self = ZR_ARTICLE_VIEW (widget);
  g_autofree char *citation = NULL;

  if (self->article == NULL || self->focused_quote < 0)
    return;
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  citation = cite_quote (self, self->focused_quote, NULL);
  copy_text (self, citation, _("Quote copied with citation"));
}

/* From the text's context menu: the selected text, whatever quote was
 * focused before */
static void
save_selection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  ZrArticleView *self = ZR_ARTICLE_VIEW (widget);
  g_autofree char *selection = NULL;

  if (self->article == NULL)
    return;
  selection = zr_article_view_dup_selection (self);
  g_signal_emit (self, signals[SAVE_QUOTE], 0, 0u, selection);
}

static void
save_quote_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  ZrArticleView *self = ZR_ARTICLE_VIEW (widget);
  g_autofree char *selection = NULL;

  if (self->article == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  if (self->focused_quote >= 0)
    g_signal_emit (self, signals[SAVE_QUOTE], 0, (guint) self->focused_quote + 1, NULL);
  else if ((selection = zr_article_view_dup_selection (self)) != NULL)
    g_signal_emit (self, signals[SAVE_QUOTE], 0, 0u, selection);
}

static void
copy_citation_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  zr_article_view_copy_citation (ZR_ARTICLE_VIEW (widget));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  zr_article_view_start_find (ZR_ARTICLE_VIEW (widget));
}

/* Widget */

/* Keyboard focus must be visible: the read-only text shows its caret
 * while it has the focus (and the arrows then move through the text). */
static void
text_focus_enter_cb (ZrArticleView *self)
{
  gtk_text_view_set_cursor_visible (self->text_view, TRUE);
}

static void
text_focus_leave_cb (ZrArticleView *self)
{
  gtk_text_view_set_cursor_visible (self->text_view, FALSE);
}

static gboolean
apply_margin_cb (gpointer data)
{
  ZrArticleView *self = data;

  self->margin_idle = 0;
  self->applied_margin = self->last_margin;
  gtk_text_view_set_left_margin (self->text_view, self->last_margin);
  gtk_text_view_set_right_margin (self->text_view, self->last_margin);
  return G_SOURCE_REMOVE;
}

static void
zr_article_view_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  ZrArticleView *self = ZR_ARTICLE_VIEW (widget);
  int column = (int) (COLUMN_CHARS * body_px (self)) + 2 * (int) body_px (self);
  int margin = MAX (MIN_MARGIN, (width - column) / 2);

  /* Even side margins keep the column ≤ 40 characters wide. Margins
   * queue a resize, which must not happen while allocating: apply them
   * right after. */
  if (margin != self->last_margin)
    {
      self->last_margin = margin;
      if (self->margin_idle == 0)
        self->margin_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_margin_cb, self, NULL);
    }

  /* No layout manager: with one, GTK would not call this vfunc */
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
zr_article_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  ZrArticleView *self = ZR_ARTICLE_VIEW (widget);
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);

  /* The margins follow the width: do not let the current ones keep the
   * pane from shrinking. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL && self->applied_margin > MIN_MARGIN)
    {
      *minimum = MAX (0, *minimum - 2 * (self->applied_margin - MIN_MARGIN));
      *natural = MAX (*minimum, *natural);
    }
}

static void
zr_article_view_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (zr_article_view_parent_class)->realize (widget);
  update_colors (ZR_ARTICLE_VIEW (widget));
}

static void
zr_article_view_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  ZrArticleView *self = ZR_ARTICLE_VIEW (widget);

  GTK_WIDGET_CLASS (zr_article_view_parent_class)->css_changed (widget, change);
  update_colors (self);
}

static void
zr_article_view_dispose (GObject *object)
{
  ZrArticleView *self = (ZrArticleView *) object;

  g_clear_handle_id (&self->margin_idle, g_source_remove);
  g_clear_handle_id (&self->figure_timeout, g_source_remove);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZR_TYPE_ARTICLE_VIEW);
  /* The template's top child has no id: unparent it ourselves */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (zr_article_view_parent_class)->dispose (object);
}

static void
zr_article_view_finalize (GObject *object)
{
  ZrArticleView *self = (ZrArticleView *) object;

  g_clear_pointer (&self->article, zr_article_free);
  g_clear_pointer (&self->quote_ranges, g_array_unref);
  g_clear_pointer (&self->para_starts, g_array_unref);
  g_free (self->reading_font);
  g_free (self->citation_template);

  G_OBJECT_CLASS (zr_article_view_parent_class)->finalize (object);
}

static void
zr_article_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ZrArticleView *self = ZR_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_READING_FONT:
      g_value_set_string (value, self->reading_font);
      break;
    case PROP_READING_SIZE:
      g_value_set_int (value, self->reading_size);
      break;
    case PROP_CITATION_FORMAT:
      g_value_set_int (value, self->citation_format);
      break;
    case PROP_CITATION_TEMPLATE:
      g_value_set_string (value, self->citation_template);
      break;
    case PROP_ARTICLE_ID:
      g_value_set_int64 (value, zr_article_view_get_article_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zr_article_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ZrArticleView *self = ZR_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      if (self->zoom != g_value_get_double (value))
        {
          self->zoom = g_value_get_double (value);
          update_fonts (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_READING_FONT:
      if (set_str (&self->reading_font, g_value_get_string (value)))
        {
          update_fonts (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_READING_SIZE:
      if (self->reading_size != g_value_get_int (value))
        {
          self->reading_size = g_value_get_int (value);
          update_fonts (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_CITATION_FORMAT:
      if (self->citation_format != g_value_get_int (value))
        {
          self->citation_format = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_CITATION_TEMPLATE:
      if (set_str (&self->citation_template, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zr_article_view_class_init (ZrArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zr_article_view_dispose;
  object_class->finalize = zr_article_view_finalize;
  object_class->get_property = zr_article_view_get_property;
  object_class->set_property = zr_article_view_set_property;

  widget_class->size_allocate = zr_article_view_size_allocate;
  widget_class->measure = zr_article_view_measure;
  widget_class->css_changed = zr_article_view_css_changed;
  widget_class->realize = zr_article_view_realize;

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0.5, 3.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READING_FONT] =
    g_param_spec_string ("reading-font", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READING_SIZE] =
    g_param_spec_int ("reading-size", NULL, NULL, 8, 64, 17,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CITATION_FORMAT] =
    g_param_spec_int ("citation-format", NULL, NULL,
                      ZR_CITATION_FORMAT_PLAIN, ZR_CITATION_FORMAT_GBT7714, ZR_CITATION_FORMAT_PLAIN,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CITATION_TEMPLATE] =
    g_param_spec_string ("citation-template", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARTICLE_ID] =
    g_param_spec_int64 ("article-id", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SAVE_QUOTE] =
    g_signal_new ("save-quote", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/zhuzhou/Reader/zr-article-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ZrArticleView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ZrArticleView, find_entry);
  gtk_widget_class_bind_template_child (widget_class, ZrArticleView, find_label);
  gtk_widget_class_bind_template_child (widget_class, ZrArticleView, scroller);
  gtk_widget_class_bind_template_child (widget_class, ZrArticleView, text_view);
  gtk_widget_class_bind_template_callback (widget_class, find_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, query_tooltip_cb);

  gtk_widget_class_install_action (widget_class, "article.copy-quote", NULL, copy_quote_action);
  gtk_widget_class_install_action (widget_class, "article.copy-quote-citation", NULL, copy_quote_citation_action);
  gtk_widget_class_install_action (widget_class, "article.save-quote", NULL, save_quote_action);
  gtk_widget_class_install_action (widget_class, "article.save-selection", NULL, save_selection_action);
  gtk_widget_class_install_action (widget_class, "article.copy-citation", NULL, copy_citation_action);
  gtk_widget_class_install_action (widget_class, "article.find", NULL, find_action);

  gtk_widget_class_set_css_name (widget_class, "zrarticleview");
}

static void
zr_article_view_init (ZrArticleView *self)
{
  GtkGesture *click;

  self->zoom = 1.0;
  self->reading_size = 17;
  self->focused_quote = -1;
  self->last_margin = -1;
  self->applied_margin = 32;   /* as in the .ui */
  self->quote_ranges = g_array_new (FALSE, FALSE, sizeof (QuoteRange));
  self->para_starts = g_array_new (FALSE, FALSE, sizeof (int));
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->find_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);

  self->popover = zr_quote_popover_new ();
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self->text_view));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (click_released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (click));

  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect_object (focus, "enter", G_CALLBACK (text_focus_enter_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (focus, "leave", G_CALLBACK (text_focus_leave_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->text_view), focus);
  }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Article text"),
                                  -1);

  create_tags (self);
}

void
zr_article_view_take_article (ZrArticleView *self,
                              ZrArticle     *article)
{
  g_return_if_fail (ZR_IS_ARTICLE_VIEW (self));

  if (self->article == article)
    return;
  g_clear_pointer (&self->article, zr_article_free);
  self->article = article;
  zr_article_view_fill (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE_ID]);
}

const ZrArticle *
zr_article_view_get_article (ZrArticleView *self)
{
  g_return_val_if_fail (ZR_IS_ARTICLE_VIEW (self), NULL);
  return self->article;
}

gint64
zr_article_view_get_article_id (ZrArticleView *self)
{
  g_return_val_if_fail (ZR_IS_ARTICLE_VIEW (self), -1);
  return self->article ? self->article->id : -1;
}

GtkTextView *
zr_article_view_get_text_view (ZrArticleView *self)
{
  g_return_val_if_fail (ZR_IS_ARTICLE_VIEW (self), NULL);
  return self->text_view;
}

gboolean
zr_article_view_focus_quote (ZrArticleView *self,
                             guint          index)
{
  g_return_val_if_fail (ZR_IS_ARTICLE_VIEW (self), FALSE);

  for (guint i = 0; i < self->quote_ranges->len; i++)
    {
      const QuoteRange *r = &g_array_index (self->quote_ranges, QuoteRange, i);
      if (r->index == index)
        {
          set_focused_quote (self, r);
          return TRUE;
        }
    }
  return FALSE;
}

void
zr_article_view_start_find (ZrArticleView *self)
{
  g_return_if_fail (ZR_IS_ARTICLE_VIEW (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->find_entry));
}

static gboolean
clear_figure_focus_cb (gpointer data)
{
  ZrArticleView *self = data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter a, b;

  self->figure_timeout = 0;
  gtk_text_buffer_get_bounds (buffer, &a, &b);
  gtk_text_buffer_remove_tag_by_name (buffer, "figure-focus", &a, &b);
  return G_SOURCE_REMOVE;
}

gboolean
zr_article_view_show_figure (ZrArticleView *self,
                             guint          paragraph,
                             guint          start,
                             guint          end)
{
  GtkTextBuffer *buffer;
  GtkTextIter a, b;
  int base;

  g_return_val_if_fail (ZR_IS_ARTICLE_VIEW (self), FALSE);

  if (paragraph >= self->para_starts->len || end < start)
    return FALSE;

  buffer = gtk_text_view_get_buffer (self->text_view);
  base = g_array_index (self->para_starts, int, paragraph);
  clear_figure_focus_cb (self);
  g_clear_handle_id (&self->figure_timeout, g_source_remove);

  gtk_text_buffer_get_iter_at_offset (buffer, &a, base + start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, base + end);
  gtk_text_buffer_apply_tag_by_name (buffer, "figure-focus", &a, &b);
  gtk_text_buffer_place_cursor (buffer, &a);
  /* The insert mark, not an iter: it still scrolls right when the lines
   * above have not been measured yet */
  gtk_text_view_scroll_to_mark (self->text_view, gtk_text_buffer_get_insert (buffer),
                                0.0, TRUE, 0.0, 0.3);
  self->figure_timeout = g_timeout_add_seconds (2, clear_figure_focus_cb, self);
  return TRUE;
}
