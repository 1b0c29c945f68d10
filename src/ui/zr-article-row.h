/* zr-article-row.h: how one article shows in the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zr-article-item.h"

G_BEGIN_DECLS

#define ZR_TYPE_ARTICLE_ROW (zr_article_row_get_type ())
G_DECLARE_FINAL_TYPE (ZrArticleRow, zr_article_row, ZR, ARTICLE_ROW, GtkWidget)

ZrArticleItem *zr_article_row_get_item (ZrArticleRow  *self);
void           zr_article_row_set_item (ZrArticleRow  *self,
                                        ZrArticleItem *item);
/* Text between 【 and 】 becomes bold and underlined; the marks go. */
void           zr_article_row_set_snippet_text (GtkLabel   *label,
                                                const char *snippet);

G_END_DECLS
