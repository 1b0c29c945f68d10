/* zr-citation.c: citing an article or one of its quotes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "zr-citation.h"

#define ZR_PAPER_NAME "株洲日报"

gboolean
zr_citation_format_from_string (const char       *str,
                                ZrCitationFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (g_strcmp0 (str, "plain") == 0)
    *format = ZR_CITATION_FORMAT_PLAIN;
  else if (g_strcmp0 (str, "markdown") == 0 || g_strcmp0 (str, "md") == 0)
    *format = ZR_CITATION_FORMAT_MARKDOWN;
  else if (g_strcmp0 (str, "gbt7714") == 0 || g_strcmp0 (str, "gb7714") == 0 ||
           g_strcmp0 (str, "gbt") == 0)
    *format = ZR_CITATION_FORMAT_GBT7714;
  else
    return FALSE;
  return TRUE;
}

const char *
zr_citation_format_to_string (ZrCitationFormat format)
{
  switch (format)
    {
    case ZR_CITATION_FORMAT_MARKDOWN:
      return "markdown";
    case ZR_CITATION_FORMAT_GBT7714:
      return "gbt7714";
    case ZR_CITATION_FORMAT_PLAIN:
    default:
      return "plain";
    }
}

char *
zr_citation_dup_link (gint64 article_id)
{
  return g_strdup_printf ("zhuzhou-reader://article/%" G_GINT64_FORMAT, article_id);
}

static const char *
known (const char *s)
{
  if (s == NULL)
    return NULL;
  while (g_unichar_isspace (g_utf8_get_char (s)))
    s = g_utf8_next_char (s);
  return *s ? s : NULL;
}

static char *
date_zh (const char *iso)
{
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3)
    return NULL;
  return g_strdup_printf ("%d年%d月%d日", y, m, d);
}

/* ------------------------------------------------------------------------ */
/* Templates                                                                 */

typedef struct
{
  gboolean  field;
  char     *text;     /* literal text, or the field's value (NULL: unknown) */
} Token;

static void
token_free (gpointer data)
{
  Token *t = data;
  g_free (t->text);
  g_free (t);
}

static const char * const brackets[][2] = {
  { "（", "）" }, { "(", ")" }, { "《", "》" }, { "“", "”" }, { "「", "」" },
  { "[", "]" }, { "【", "】" }, { "‘", "’" }, { "第", "版" }, { "<", ">" },
};

static const char * const separators[] = {
  "——", "—", "，", "、", ", ", ",", "：", ":", "；", "; ", " ", "·",
};

static void
strip_suffix (char       *s,
              const char *suffix)
{
  s[strlen (s) - strlen (suffix)] = '\0';
}

static void
strip_prefix (char       *s,
              const char *prefix)
{
  memmove (s, s + strlen (prefix), strlen (s) - strlen (prefix) + 1);
}

static gboolean
strip_separator_suffix (char *s)
{
  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    if (g_str_has_suffix (s, separators[i]))
      {
        strip_suffix (s, separators[i]);
        return TRUE;
      }
  return FALSE;
}

static gboolean
strip_separator_prefix (char *s)
{
  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    if (g_str_has_prefix (s, separators[i]))
      {
        strip_prefix (s, separators[i]);
        return TRUE;
      }
  return FALSE;
}

static char *
field_value (const ZrCitationSource *src,
             const char             *name,
             gboolean               *is_field)
{
  const char *speaker = known (src->speaker);
  const char *role = known (src->role);

  /* a role alone stands in for the speaker */
  if (speaker == NULL && role != NULL)
    {
      speaker = role;
      role = NULL;
    }

  *is_field = TRUE;
  if (g_str_equal (name, "quote"))
    return g_strdup (known (src->quote));
  if (g_str_equal (name, "speaker"))
    return g_strdup (speaker);
  if (g_str_equal (name, "role"))
    return g_strdup (role);
  if (g_str_equal (name, "headline"))
    return g_strdup (known (src->headline));
  if (g_str_equal (name, "bylines"))
    return g_strdup (known (src->bylines));
  if (g_str_equal (name, "authors"))
    return g_strdup (known (src->authors));
  if (g_str_equal (name, "date"))
    return g_strdup (known (src->page_date));
  if (g_str_equal (name, "date_zh"))
    return date_zh (known (src->page_date));
  if (g_str_equal (name, "page"))
    return src->page_number > 0 ? g_strdup_printf ("%d", src->page_number) : NULL;
  if (g_str_equal (name, "link"))
    return src->article_id > 0 ? zr_citation_dup_link (src->article_id) : NULL;
  *is_field = FALSE;
  return NULL;
}

char *
zr_citation_apply_template (const ZrCitationSource *source,
                            const char             *template_)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (token_free);
  GString *lit = g_string_new (NULL);
  GString *out;
  const char *p;

  g_return_val_if_fail (source != NULL, NULL);
  if (template_ == NULL)
    template_ = known (source->quote) ? ZR_CITATION_DEFAULT_TEMPLATE : ZR_CITATION_ARTICLE_TEMPLATE;

  /* split into literals and fields; a literal always sits between fields */
  for (p = template_; *p; )
    {
      const char *close = *p == '{' ? strchr (p, '}') : NULL;

      if (close != NULL)
        {
          g_autofree char *name = g_strndup (p + 1, close - p - 1);
          gboolean is_field;
          char *value = field_value (source, name, &is_field);

          if (is_field)
            {
              Token *l = g_new0 (Token, 1), *f = g_new0 (Token, 1);
              l->text = g_strdup (lit->str);
              g_string_truncate (lit, 0);
              f->field = TRUE;
              f->text = value;
              g_ptr_array_add (tokens, l);
              g_ptr_array_add (tokens, f);
              p = close + 1;
              continue;
            }
        }
      g_string_append_c (lit, *p);
      p++;
    }
  {
    Token *l = g_new0 (Token, 1);
    l->text = g_string_free (lit, FALSE);
    g_ptr_array_add (tokens, l);
  }

  /* drop unknown fields with their punctuation; tokens alternate L F L F … L */
  for (guint i = 1; i + 1 < tokens->len; i += 2)
    {
      Token *f = g_ptr_array_index (tokens, i);
      Token *l = g_ptr_array_index (tokens, i - 1);
      Token *r = g_ptr_array_index (tokens, i + 1);
      gboolean done = FALSE;

      if (f->text != NULL)
        continue;
      for (guint b = 0; b < G_N_ELEMENTS (brackets) && !done; b++)
        if (g_str_has_suffix (l->text, brackets[b][0]) && g_str_has_prefix (r->text, brackets[b][1]))
          {
            strip_suffix (l->text, brackets[b][0]);
            strip_prefix (r->text, brackets[b][1]);
            done = TRUE;
          }
      if (done)
        continue;
      /* the separator before it; for a field at the start, the one after it */
      {
        gboolean anything_before = FALSE;
        for (guint k = 0; k < i; k++)
          {
            const Token *t = g_ptr_array_index (tokens, k);
            if (t->text != NULL && *t->text)
              anything_before = TRUE;
          }
        if (!anything_before || !strip_separator_suffix (l->text))
          strip_separator_prefix (r->text);
      }
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < tokens->len; i++)
    {
      Token *t = g_ptr_array_index (tokens, i);
      if (t->text)
        g_string_append (out, t->text);
    }

  /* what is left dangling when several neighbours were unknown */
  {
    static const char * const doubles[][2] = {
      { "，，", "，" }, { "、、", "、" }, { "（）", "" }, { "()", "" }, { "《》", "" },
      { "“”", "" }, { "[]", "" }, { "【】", "" }, { "——，", "，" }, { "，——", "——" },
      { ",,", "," }, { "  ", " " },
    };
    gboolean again = TRUE;

    while (again)
      {
        again = FALSE;
        for (guint d = 0; d < G_N_ELEMENTS (doubles); d++)
          {
            char *at = strstr (out->str, doubles[d][0]);
            if (at != NULL)
              {
                gsize pos = at - out->str;
                g_string_erase (out, pos, strlen (doubles[d][0]));
                g_string_insert (out, pos, doubles[d][1]);
                again = TRUE;
              }
          }
        while (out->len > 0 && strip_separator_prefix (out->str))
          {
            g_string_set_size (out, strlen (out->str));
            again = TRUE;
          }
        while (out->len > 0 && strip_separator_suffix (out->str))
          {
            g_string_set_size (out, strlen (out->str));
            again = TRUE;
          }
      }
  }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Markdown                                                                  */

static void
append_md_escaped (GString    *out,
                   const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (strchr ("\\`*_[]<>#|", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

static char *
format_markdown (const ZrCitationSource *src)
{
  GString *out = g_string_new (NULL);
  const char *quote = known (src->quote);
  const char *headline = known (src->headline);
  const char *bylines = known (src->bylines);
  const char *date = known (src->page_date);

  if (quote != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (quote, "\n", -1);
      const char *speaker = known (src->speaker);
      const char *role = known (src->role);

      if (speaker == NULL)
        {
          speaker = role;
          role = NULL;
        }
      for (guint i = 0; lines[i]; i++)
        {
          g_string_append (out, lines[i][0] ? "> " : ">");
          append_md_escaped (out, lines[i]);
          g_string_append_c (out, '\n');
        }
      if (speaker != NULL)
        {
          g_string_append (out, ">\n> ——");
          append_md_escaped (out, speaker);
          if (role != NULL)
            {
              g_string_append (out, "（");
              append_md_escaped (out, role);
              g_string_append (out, "）");
            }
          g_string_append_c (out, '\n');
        }
      g_string_append_c (out, '\n');
      g_string_append (out, "来源：");
    }

  g_string_append (out, "《" ZR_PAPER_NAME "》");
  if (headline != NULL || src->article_id > 0)
    {
      g_autofree char *link = src->article_id > 0 ? zr_citation_dup_link (src->article_id) : NULL;

      if (link != NULL)
        g_string_append_c (out, '[');
      if (headline != NULL)
        {
          g_string_append (out, "《");
          append_md_escaped (out, headline);
          g_string_append (out, "》");
        }
      else
        g_string_append (out, "原文");
      if (link != NULL)
        g_string_append_printf (out, "](%s)", link);
    }
  if (bylines != NULL)
    {
      g_string_append (out, "，");
      append_md_escaped (out, bylines);
    }
  if (date != NULL || src->page_number > 0)
    {
      g_string_append (out, "，");
      if (date != NULL)
        g_string_append (out, date);
      if (date != NULL && src->page_number > 0)
        g_string_append_c (out, ' ');
      if (src->page_number > 0)
        g_string_append_printf (out, "第%d版", src->page_number);
    }
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* GB/T 7714-2015, newspaper article: 作者. 题名[N]. 报纸名, 出版日期(版次).    */

static char *
format_gbt7714 (const ZrCitationSource *src)
{
  GString *out = g_string_new (NULL);
  const char *authors = known (src->authors);
  const char *headline = known (src->headline);
  const char *date = known (src->page_date);

  if (authors != NULL)
    {
      g_auto(GStrv) names = g_regex_split_simple ("\\s*[,，、;；]\\s*", authors, 0, 0);
      guint n = 0;

      for (guint i = 0; names[i]; i++)
        {
          if (!*names[i])
            continue;
          if (n == 3)
            {
              g_string_append (out, ", 等");
              break;
            }
          if (n > 0)
            g_string_append (out, ", ");
          g_string_append (out, names[i]);
          n++;
        }
      if (n > 0)
        g_string_append (out, ". ");
    }
  if (headline != NULL)
    g_string_append_printf (out, "%s[N]. ", headline);
  g_string_append (out, ZR_PAPER_NAME);
  if (date != NULL)
    g_string_append_printf (out, ", %s", date);
  if (src->page_number > 0)
    g_string_append_printf (out, "(%02d)", src->page_number);
  g_string_append_c (out, '.');
  return g_string_free (out, FALSE);
}

char *
zr_citation_format (const ZrCitationSource *source,
                    ZrCitationFormat        format,
                    const char             *template_)
{
  g_return_val_if_fail (source != NULL, NULL);

  switch (format)
    {
    case ZR_CITATION_FORMAT_MARKDOWN:
      return format_markdown (source);
    case ZR_CITATION_FORMAT_GBT7714:
      return format_gbt7714 (source);
    case ZR_CITATION_FORMAT_PLAIN:
    default:
      return zr_citation_apply_template (source, template_);
    }
}
