/* zr-article.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-article.h"

void
zr_article_free (ZrArticle *article)
{
  if (article == NULL)
    return;
  g_free (article->source_path);
  g_free (article->source_name);
  g_free (article->page_date);
  g_clear_pointer (&article->record, zr_record_free);
  g_free (article->district);
  g_strfreev (article->districts);
  g_free (article->topic);
  g_strfreev (article->topics);
  g_free (article->why_json);
  g_clear_pointer (&article->quotes, g_ptr_array_unref);
  g_clear_pointer (&article->figures, g_ptr_array_unref);
  g_free (article);
}

void
zr_article_summary_free (ZrArticleSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->kind);
  g_free (summary->headline);
  g_free (summary->column);
  g_free (summary->kicker);
  g_free (summary->district);
  g_free (summary->topic);
  g_free (summary->source_name);
  g_free (summary->page_date);
  g_free (summary);
}

char *
zr_article_dup_bylines_display (const ZrArticle *article)
{
  GString *out = g_string_new (NULL);
  const char *last_role = NULL;

  for (guint i = 0; i < article->record->bylines->len; i++)
    {
      const ZrByline *b = g_ptr_array_index (article->record->bylines, i);
      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (b->role != NULL && g_strcmp0 (b->role, last_role) != 0)
        {
          g_string_append (out, b->role);
          g_string_append_c (out, ' ');
        }
      last_role = b->role;
      g_string_append (out, b->name);
    }
  return g_string_free (out, FALSE);
}

char *
zr_article_dup_authors (const ZrArticle *article)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < article->record->bylines->len; i++)
    {
      const ZrByline *b = g_ptr_array_index (article->record->bylines, i);
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, b->name);
    }
  return g_string_free (out, FALSE);
}
