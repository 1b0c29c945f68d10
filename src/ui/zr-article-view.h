/* zr-article-view.h: the article pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zr-article.h"
#include "zr-citation.h"

G_BEGIN_DECLS

#define ZR_TYPE_ARTICLE_VIEW (zr_article_view_get_type ())
G_DECLARE_FINAL_TYPE (ZrArticleView, zr_article_view, ZR, ARTICLE_VIEW, GtkWidget)

/* Takes ownership of @article (may be NULL to clear). */
void             zr_article_view_take_article     (ZrArticleView *self,
                                                   ZrArticle     *article);
const ZrArticle *zr_article_view_get_article      (ZrArticleView *self);
gint64           zr_article_view_get_article_id   (ZrArticleView *self);
GtkTextView     *zr_article_view_get_text_view    (ZrArticleView *self);
/* Plain text of the selection, or NULL */
char            *zr_article_view_dup_selection    (ZrArticleView *self);
/* The citation the user gets from Ctrl+Shift+C: the selection, else the
 * focused quote, else the article itself. */
char            *zr_article_view_dup_citation     (ZrArticleView *self);
gboolean         zr_article_view_copy_citation    (ZrArticleView *self);
/* Focuses quote @index (from 0) as a click would; FALSE if none. */
gboolean         zr_article_view_focus_quote      (ZrArticleView *self,
                                                   guint          index);
void             zr_article_view_start_find       (ZrArticleView *self);
/* Scrolls to the characters @start to @end (exclusive) of paragraph
 * @paragraph, puts the cursor there and highlights them for a moment. */
gboolean         zr_article_view_show_figure      (ZrArticleView *self,
                                                   guint          paragraph,
                                                   guint          start,
                                                   guint          end);

G_END_DECLS
