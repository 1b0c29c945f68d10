/* zr-article-model.h: a lazy GListModel over the ids of a filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "zr-library.h"

G_BEGIN_DECLS

#define ZR_TYPE_ARTICLE_MODEL (zr_article_model_get_type ())
G_DECLARE_FINAL_TYPE (ZrArticleModel, zr_article_model, ZR, ARTICLE_MODEL, GObject)

ZrArticleModel *zr_article_model_new          (ZrLibrary      *library);
void            zr_article_model_set_library  (ZrArticleModel *self,
                                               ZrLibrary      *library);
/* @ids: element-type gint64; @snippets: (nullable) id (gint64*) → snippet */
void            zr_article_model_set_ids      (ZrArticleModel *self,
                                               GArray         *ids,
                                               GHashTable     *snippets);
gint64          zr_article_model_get_id       (ZrArticleModel *self,
                                               guint           position);
/* G_MAXUINT when @id is not in the model */
guint           zr_article_model_find         (ZrArticleModel *self,
                                               gint64          id);

G_END_DECLS
