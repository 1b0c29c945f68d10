/* zr-article.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zr-article.h"
#include "zr-citation.h"
#include "zr-error.h"
#include "zr-figures.h"
#include "zr-quotes.h"

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
  g_free (summary->lead);
  g_free (summary);
}

#define TITLE_LEAD_CHARS 24

char *
zr_article_dup_title (const char *kind,
                      const char *headline,
                      const char *lead)
{
  g_autofree char *start = NULL;

  if (headline != NULL && *headline != '\0')
    return g_strdup (headline);
  if (lead != NULL)
    {
      start = g_strstrip (g_strdup (lead));
      if (*start != '\0')
        {
          if (g_utf8_strlen (start, -1) <= TITLE_LEAD_CHARS)
            return g_steal_pointer (&start);
          {
            g_autofree char *cut = g_utf8_substring (start, 0, TITLE_LEAD_CHARS);
            return g_strdup_printf ("%s…", cut);
          }
        }
    }
  if (g_strcmp0 (kind, "notice") == 0)
    return g_strdup (_("Notice"));
  /* Translators: a record that has no headline and no text */
  return g_strdup (_("(untitled)"));
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

/**
 * zr_article_fill_citation_source:
 * @source: (out caller-allocates): filled from @article
 *
 * The one place where an article becomes the source of a citation (the
 * CLI's `cite`, the window's copies, the clippings): headline, bylines as
 * printed, authors, page date and number. The quote, speaker and role are
 * left empty. Free with zr_article_clear_citation_source().
 */
void
zr_article_fill_citation_source (const ZrArticle  *article,
                                 ZrCitationSource *source)
{
  g_return_if_fail (article != NULL);
  g_return_if_fail (source != NULL);

  memset (source, 0, sizeof *source);
  source->article_id = article->id;
  source->page_date = article->page_date;
  source->page_number = article->page_number;
  if (article->record != NULL)
    {
      source->headline = article->record->headline;
      if (article->record->bylines != NULL && article->record->bylines->len > 0)
        {
          source->bylines = zr_article_dup_bylines_display (article);
          source->authors = zr_article_dup_authors (article);
        }
    }
}

void
zr_article_clear_citation_source (ZrCitationSource *source)
{
  g_return_if_fail (source != NULL);

  g_free ((char *) source->bylines);
  g_free ((char *) source->authors);
  source->bylines = NULL;
  source->authors = NULL;
}

static char *
format_citation (const ZrArticle *article,
                 const char      *quote,
                 const char      *speaker,
                 const char      *role,
                 int              format,
                 const char      *template_)
{
  ZrCitationSource src;
  char *citation;

  zr_article_fill_citation_source (article, &src);
  src.quote = quote;
  src.speaker = speaker;
  src.role = role;
  citation = zr_citation_format (&src, (ZrCitationFormat) format, template_);
  zr_article_clear_citation_source (&src);
  return citation;
}

char *
zr_article_format_citation (const ZrArticle  *article,
                            guint             quote_index,
                            int               format,
                            const char       *template_,
                            GError          **error)
{
  const ZrQuote *q = NULL;

  g_return_val_if_fail (article != NULL, NULL);

  if (quote_index > 0)
    {
      if (article->quotes == NULL || quote_index > article->quotes->len)
        {
          guint n = article->quotes ? article->quotes->len : 0;
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, article->id);
          g_set_error (error, ZR_DATA_ERROR, ZR_DATA_ERROR_INVALID,
                       ngettext ("Article %s has %u quote", "Article %s has %u quotes", n),
                       number, n);
          return NULL;
        }
      q = g_ptr_array_index (article->quotes, quote_index - 1);
    }
  return format_citation (article, q ? q->text : NULL, q ? q->speaker : NULL,
                          q ? q->role : NULL, format, template_);
}

/* @selection is @quote, or @quote inside one pair of quotation marks */
static gboolean
same_quote (const char *quote,
            const char *selection)
{
  static const char * const pairs[][2] = {
    { "“", "”" }, { "「", "」" }, { "‘", "’" }, { "『", "』" }, { "\"", "\"" },
  };
  gsize qlen = strlen (quote), slen = strlen (selection);

  if (strcmp (quote, selection) == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      gsize open = strlen (pairs[i][0]), close = strlen (pairs[i][1]);

      if (slen == open + qlen + close &&
          g_str_has_prefix (selection, pairs[i][0]) &&
          g_str_has_suffix (selection, pairs[i][1]) &&
          strncmp (selection + open, quote, qlen) == 0)
        return TRUE;
    }
  return FALSE;
}

char *
zr_article_format_selection_citation (const ZrArticle *article,
                                      const char      *text,
                                      int              format,
                                      const char      *template_)
{
  g_return_val_if_fail (article != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  /* A selection that is exactly one of the article's quotes keeps its
   * speaker, with or without the quotation marks around it. */
  for (guint i = 0; article->quotes != NULL && i < article->quotes->len; i++)
    {
      const ZrQuote *q = g_ptr_array_index (article->quotes, i);
      if (q->text != NULL && same_quote (q->text, text))
        return format_citation (article, q->text, q->speaker, q->role, format, template_);
    }
  return format_citation (article, text, NULL, NULL, format, template_);
}
