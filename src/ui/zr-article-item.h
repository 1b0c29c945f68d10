/* zr-article-item.h: one row of the article list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "zr-article.h"

G_BEGIN_DECLS

#define ZR_TYPE_ARTICLE_ITEM (zr_article_item_get_type ())
G_DECLARE_FINAL_TYPE (ZrArticleItem, zr_article_item, ZR, ARTICLE_ITEM, GObject)

ZrArticleItem *zr_article_item_new           (gint64                  id,
                                              const ZrArticleSummary *summary,
                                              const char             *snippet);
gint64         zr_article_item_get_id        (ZrArticleItem          *self);
const char    *zr_article_item_get_headline  (ZrArticleItem          *self);
const char    *zr_article_item_get_meta      (ZrArticleItem          *self);
const char    *zr_article_item_get_district  (ZrArticleItem          *self);
const char    *zr_article_item_get_source    (ZrArticleItem          *self);
const char    *zr_article_item_get_snippet   (ZrArticleItem          *self);

G_END_DECLS
