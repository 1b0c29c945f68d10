/* zr-article-row.c: how one article shows in the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zr-article-row.h"

struct _ZrArticleRow
{
  GtkWidget      parent_instance;

  ZrArticleItem *item;

  GtkWidget     *box;
  GtkLabel      *headline;
  GtkLabel      *district;
  GtkLabel      *meta;
  GtkLabel      *snippet;
  GtkLabel      *source;
};

G_DEFINE_FINAL_TYPE (ZrArticleRow, zr_article_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
zr_article_row_set_snippet_text (GtkLabel   *label,
                                 const char *snippet)
{
  g_autoptr(GString) text = g_string_new (NULL);
  PangoAttrList *attrs = pango_attr_list_new ();
  const char *p = snippet;
  guint hit_start = 0;
  gboolean in_hit = FALSE;

  /* Page text is never markup: build attributes around plain text. */
  while (p != NULL && *p != '\0')
    {
      if (g_str_has_prefix (p, "【"))
        {
          in_hit = TRUE;
          hit_start = text->len;
          p += strlen ("【");
          continue;
        }
      if (g_str_has_prefix (p, "】"))
        {
          if (in_hit)
            {
              PangoAttribute *a = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
              PangoAttribute *u = pango_attr_underline_new (PANGO_UNDERLINE_SINGLE);
              a->start_index = u->start_index = hit_start;
              a->end_index = u->end_index = text->len;
              pango_attr_list_insert (attrs, a);
              pango_attr_list_insert (attrs, u);
            }
          in_hit = FALSE;
          p += strlen ("】");
          continue;
        }
      g_string_append_len (text, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }

  gtk_label_set_text (label, text->str);
  gtk_label_set_attributes (label, attrs);
  pango_attr_list_unref (attrs);
}

static void
zr_article_row_update (ZrArticleRow *self)
{
  const char *snippet = NULL;
  const char *district = NULL;

  if (self->item == NULL)
    {
      gtk_label_set_text (self->headline, "");
      gtk_label_set_text (self->meta, "");
      gtk_label_set_text (self->source, "");
      gtk_widget_set_visible (GTK_WIDGET (self->district), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->snippet), FALSE);
      return;
    }

  gtk_label_set_text (self->headline, zr_article_item_get_headline (self->item));
  gtk_label_set_text (self->meta, zr_article_item_get_meta (self->item));
  gtk_label_set_text (self->source, zr_article_item_get_source (self->item));

  district = zr_article_item_get_district (self->item);
  gtk_label_set_text (self->district, district ? district : "");
  gtk_widget_set_visible (GTK_WIDGET (self->district), district != NULL && *district != '\0');

  snippet = zr_article_item_get_snippet (self->item);
  if (snippet != NULL && *snippet != '\0')
    zr_article_row_set_snippet_text (self->snippet, snippet);
  gtk_widget_set_visible (GTK_WIDGET (self->snippet), snippet != NULL && *snippet != '\0');
}

static void
zr_article_row_dispose (GObject *object)
{
  ZrArticleRow *self = (ZrArticleRow *) object;

  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZR_TYPE_ARTICLE_ROW);
  /* The template's top child has no id: unparent it ourselves */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (zr_article_row_parent_class)->dispose (object);
}

static void
zr_article_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ZrArticleRow *self = ZR_ARTICLE_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zr_article_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ZrArticleRow *self = ZR_ARTICLE_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      zr_article_row_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zr_article_row_class_init (ZrArticleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zr_article_row_dispose;
  object_class->get_property = zr_article_row_get_property;
  object_class->set_property = zr_article_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, ZR_TYPE_ARTICLE_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/zhuzhou/Reader/zr-article-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ZrArticleRow, box);
  gtk_widget_class_bind_template_child (widget_class, ZrArticleRow, headline);
  gtk_widget_class_bind_template_child (widget_class, ZrArticleRow, district);
  gtk_widget_class_bind_template_child (widget_class, ZrArticleRow, meta);
  gtk_widget_class_bind_template_child (widget_class, ZrArticleRow, snippet);
  gtk_widget_class_bind_template_child (widget_class, ZrArticleRow, source);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "zrarticlerow");
}

static void
zr_article_row_init (ZrArticleRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ZrArticleItem *
zr_article_row_get_item (ZrArticleRow *self)
{
  g_return_val_if_fail (ZR_IS_ARTICLE_ROW (self), NULL);
  return self->item;
}

void
zr_article_row_set_item (ZrArticleRow  *self,
                         ZrArticleItem *item)
{
  g_return_if_fail (ZR_IS_ARTICLE_ROW (self));

  if (g_set_object (&self->item, item))
    {
      zr_article_row_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
    }
}
