/* zr-article-item.c: one row of the article list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "zr-article-item.h"

struct _ZrArticleItem
{
  GObject  parent_instance;
  gint64   id;
  char    *headline;
  char    *meta;       /* column · kicker · topic */
  char    *district;
  char    *source;     /* 2023-03-15 · 第3版 · file */
  char    *snippet;
};

G_DEFINE_FINAL_TYPE (ZrArticleItem, zr_article_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_HEADLINE,
  PROP_META,
  PROP_DISTRICT,
  PROP_SOURCE,
  PROP_SNIPPET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
zr_article_item_finalize (GObject *object)
{
  ZrArticleItem *self = (ZrArticleItem *) object;

  g_free (self->headline);
  g_free (self->meta);
  g_free (self->district);
  g_free (self->source);
  g_free (self->snippet);

  G_OBJECT_CLASS (zr_article_item_parent_class)->finalize (object);
}

static void
zr_article_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ZrArticleItem *self = ZR_ARTICLE_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_HEADLINE:
      g_value_set_string (value, self->headline);
      break;
    case PROP_META:
      g_value_set_string (value, self->meta);
      break;
    case PROP_DISTRICT:
      g_value_set_string (value, self->district);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_SNIPPET:
      g_value_set_string (value, self->snippet);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zr_article_item_class_init (ZrArticleItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zr_article_item_finalize;
  object_class->get_property = zr_article_item_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEADLINE] =
    g_param_spec_string ("headline", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_META] =
    g_param_spec_string ("meta", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISTRICT] =
    g_param_spec_string ("district", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNIPPET] =
    g_param_spec_string ("snippet", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zr_article_item_init (ZrArticleItem *self)
{
  self->id = -1;
}

static void
append_part (GString    *str,
             const char *part)
{
  if (part == NULL || *part == '\0')
    return;
  if (str->len > 0)
    g_string_append (str, " · ");
  g_string_append (str, part);
}

ZrArticleItem *
zr_article_item_new (gint64                  id,
                     const ZrArticleSummary *summary,
                     const char             *snippet)
{
  ZrArticleItem *self = g_object_new (ZR_TYPE_ARTICLE_ITEM, NULL);
  GString *meta = g_string_new (NULL);
  GString *source = g_string_new (NULL);

  self->id = id;
  self->snippet = g_strdup (snippet);

  if (summary == NULL)
    {
      /* Translators: shown in the list when an article could not be read back */
      self->headline = g_strdup (_("(unreadable article)"));
      self->meta = g_string_free (meta, FALSE);
      self->source = g_string_free (source, FALSE);
      return self;
    }

  self->headline = zr_article_dup_title (summary->kind, summary->headline, summary->lead);

  /* A district label as column says what the chip already says */
  if (g_strcmp0 (summary->column, summary->district) != 0)
    append_part (meta, summary->column);
  append_part (meta, summary->kicker);
  append_part (meta, summary->topic);
  self->meta = g_string_free (meta, FALSE);
  self->district = g_strdup (summary->district);

  append_part (source, summary->page_date);
  if (summary->page_number > 0)
    {
      /* Translators: the page number (版次) of the paper */
      g_autofree char *page = g_strdup_printf (_("page %d"), summary->page_number);
      append_part (source, page);
    }
  /* The file name only when the page has no date to show */
  if (summary->page_date == NULL)
    append_part (source, summary->source_name);
  self->source = g_string_free (source, FALSE);

  return self;
}

gint64
zr_article_item_get_id (ZrArticleItem *self)
{
  g_return_val_if_fail (ZR_IS_ARTICLE_ITEM (self), -1);
  return self->id;
}

const char *
zr_article_item_get_headline (ZrArticleItem *self)
{
  g_return_val_if_fail (ZR_IS_ARTICLE_ITEM (self), NULL);
  return self->headline;
}

const char *
zr_article_item_get_meta (ZrArticleItem *self)
{
  g_return_val_if_fail (ZR_IS_ARTICLE_ITEM (self), NULL);
  return self->meta;
}

const char *
zr_article_item_get_district (ZrArticleItem *self)
{
  g_return_val_if_fail (ZR_IS_ARTICLE_ITEM (self), NULL);
  return self->district;
}

const char *
zr_article_item_get_source (ZrArticleItem *self)
{
  g_return_val_if_fail (ZR_IS_ARTICLE_ITEM (self), NULL);
  return self->source;
}

const char *
zr_article_item_get_snippet (ZrArticleItem *self)
{
  g_return_val_if_fail (ZR_IS_ARTICLE_ITEM (self), NULL);
  return self->snippet;
}
