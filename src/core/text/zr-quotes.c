/* zr-quotes.c: finding speech quotes in a record and who said them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text is handled as arrays of code points so that offsets are character
 * offsets. A quotation in marks is a quote when it reads like a sentence
 * (sentence punctuation inside) or when a speech verb stands next to it;
 * anything next to 横幅, 口号, 为主题 … is a name or slogan. The speaker is
 * looked for in the clause before the opening mark (X说：“…”, X：“…”,
 * 据X介绍，“…”), then in the clause after the closing mark (“…”X说), then,
 * for a quote opening a paragraph, in the next sentence (“…”70多岁的李阿姨…).
 */
#include "config.h"

#include "zr-quotes.h"
#include "zr-quotes-private.h"

typedef struct
{
  glong open;    /* index of the opening mark */
  glong close;   /* index of the closing mark */
} Span;

/* The opening mark of each kind (“, 「, 『) that a closing mark matches,
 * by nesting, in one pass: match[i] is the closing mark of the opening mark
 * at i, or -1. */
static glong *
match_marks (const gunichar *s,
             glong           n,
             guint64        *steps)
{
  glong *match = g_new (glong, MAX (n, 1));
  GArray *open[3];

  for (guint k = 0; k < G_N_ELEMENTS (open); k++)
    open[k] = g_array_new (FALSE, FALSE, sizeof (glong));
  for (glong i = 0; i < n; i++)
    {
      int kind = s[i] == 0x201C || s[i] == 0x201D ? 0 :
                 s[i] == 0x300C || s[i] == 0x300D ? 1 :
                 s[i] == 0x300E || s[i] == 0x300F ? 2 : -1;

      (*steps)++;
      match[i] = -1;
      if (kind < 0)
        continue;
      if (is_open_mark (s[i]))
        g_array_append_val (open[kind], i);
      else if (open[kind]->len > 0)
        {
          match[g_array_index (open[kind], glong, open[kind]->len - 1)] = i;
          g_array_set_size (open[kind], open[kind]->len - 1);
        }
    }
  for (guint k = 0; k < G_N_ELEMENTS (open); k++)
    g_array_unref (open[k]);
  return match;
}

/* The outermost quotations of a paragraph in order: curly and corner marks
 * by nesting (an opening mark without its closing mark is skipped), ASCII
 * marks outside them paired in order. Linear in the paragraph's length. */
static GArray *
find_spans (const gunichar *s,
            glong           n,
            guint64        *steps)
{
  GArray *curly = g_array_new (FALSE, FALSE, sizeof (Span));
  GArray *ascii = g_array_new (FALSE, FALSE, sizeof (glong));
  GArray *spans;
  g_autofree glong *match = match_marks (s, n, steps);
  glong i = 0;
  guint c = 0;

  while (i < n)
    {
      (*steps)++;
      if (is_open_mark (s[i]) && match[i] >= 0)
        {
          Span sp = { i, match[i] };
          g_array_append_val (curly, sp);
          i = match[i] + 1;
          continue;
        }
      else if (s[i] == '"')
        g_array_append_val (ascii, i);
      i++;
    }

  /* merge the ASCII pairs into the curly spans, both in order */
  spans = g_array_sized_new (FALSE, FALSE, sizeof (Span), curly->len + ascii->len / 2);
  for (guint k = 0; k + 1 < ascii->len; k += 2)
    {
      Span sp = { g_array_index (ascii, glong, k), g_array_index (ascii, glong, k + 1) };

      while (c < curly->len && g_array_index (curly, Span, c).open < sp.open)
        {
          (*steps)++;
          g_array_append_val (spans, g_array_index (curly, Span, c));
          c++;
        }
      g_array_append_val (spans, sp);
    }
  for (; c < curly->len; c++)
    g_array_append_val (spans, g_array_index (curly, Span, c));
  g_array_unref (curly);
  g_array_unref (ascii);
  return spans;
}

static gboolean
content_is_quote (const gunichar *s,
                  glong           a,
                  glong           b,
                  gboolean        evidence)
{
  gboolean final = FALSE, comma = FALSE, ellipsis = FALSE, enumeration = FALSE;
  glong han = 0, n;

  while (a < b && is_space (s[a]))
    a++;
  while (b > a && is_space (s[b - 1]))
    b--;
  n = b - a;
  for (glong i = a; i < b; i++)
    {
      if (is_sentence_end (s[i]))
        final = TRUE;
      else if (is_comma (s[i]))
        comma = TRUE;
      else if (is_ellipsis (s[i]))
        ellipsis = TRUE;
      else if (s[i] == 0x3001)
        enumeration = TRUE;
      if (is_han (s[i]))
        han++;
    }
  if (han == 0)
    return FALSE;
  if (ellipsis && comma)
    final = TRUE;
  if (final)
    return n >= 4 || (evidence && n >= 2);
  /* the first half of a split quote: “好的，”X说，“…” */
  if (comma && is_comma (s[b - 1]))
    return evidence && n >= 3;
  if (comma)
    return evidence && n >= 8;
  return evidence && !enumeration && n >= 8;
}

static void
add_quote (Reader     *r,
           guint       pi,
           glong       a,
           glong       b,
           const char *speaker,
           const char *role)
{
  const gunichar *s = r->par[pi];
  g_autofree char *text = NULL;

  while (a < b && is_space (s[a]))
    a++;
  while (b > a && is_space (s[b - 1]))
    b--;
  if (b <= a)
    return;
  text = _zr_quotes_ucs4_dup (s, a, b);
  g_ptr_array_add (r->out, zr_quote_new (pi, a, b, text, speaker, role));
}

/* Whether the words in s[a..b) open by calling @name (李总，…). */
static gboolean
addressed (const gunichar *s,
           glong           a,
           glong           b,
           const char     *name)
{
  g_autofree gunichar *u = NULL;
  glong n;

  u = g_utf8_to_ucs4_fast (name, -1, &n);
  if (n == 0 || b - a <= n || memcmp (s + a, u, n * sizeof (gunichar)) != 0)
    return FALSE;
  return is_comma (s[a + n]) || s[a + n] == 0xFF01 /* ！ */ || s[a + n] == '!';
}

/* `speaker：words`, as under a 【声音】 heading. */
static gboolean
reader_statement (Reader *r,
                  guint   pi)
{
  const gunichar *s = r->par[pi];
  glong n = r->len[pi], c, w, end;
  gboolean final = FALSE;
  Person p;

  for (c = 0; c < n && c <= 30 && !is_colon (s[c]); c++)
    if (is_boundary (s[c]) || s[c] == 0xB7 || g_unichar_isdigit (s[c]))
      return FALSE;
  if (c >= n || c > 30 || (c < 2 && !(c == 1 && s[0] == 0x7B54 /* 答 */)))
    return FALSE;
  for (w = c + 1; w < n && is_space (s[w]); w++)
    ;
  end = n;
  while (end > w && is_space (s[end - 1]))
    end--;
  if (w >= end || end - w < 12)
    return FALSE;
  if (is_open_mark (s[w]) || s[w] == '"')
    {
      /* X：“…” is a quote in marks (found as such), unless the marks
       * hold only a term that the statement goes on from */
      gunichar o = s[w], cm = o == 0x201C ? 0x201D : o == '"' ? '"' : o + 1;
      glong j = w + 1;

      while (j < end && s[j] != cm)
        {
          if (is_sentence_end (s[j]) || is_comma (s[j]))
            return FALSE;
          j++;
        }
      if (j + 2 >= end)
        return FALSE;
    }
  for (glong i = w; i < end; i++)
    if (is_sentence_end (s[i]))
      final = TRUE;
  if (!final)
    return FALSE;

  _zr_quotes_parse_person (s, 0, c, &p);
  /* 答：in an interview is the person interviewed, named before */
  if (p.kind == PERSON_NONE && c == 1 && s[0] == 0x7B54 /* 答 */ && r->last_name != NULL)
    {
      p.kind = PERSON_NAME;
      p.speaker = g_strdup (r->last_name);
    }
  /* 家长 邵某某：, 社区主任 罗某某：: who they are, a space, the name */
  if (p.kind == PERSON_NONE)
    {
      glong sp = c, st = 0;

      while (st < c && is_space (s[st]))
        st++;
      while (sp > st && !is_space (s[sp - 1]))
        sp--;
      if (sp > st && c - sp >= 2)
        {
          _zr_quotes_parse_person (s, sp, c, &p);
          if (p.kind == PERSON_NAME && p.bare)
            {
              glong re = sp;

              while (re > st && is_space (s[re - 1]))
                re--;
              p.bare = FALSE;
              if (p.role == NULL && _zr_quotes_prefix_kind (s, st, re) == 2)
                p.role = _zr_quotes_ucs4_dup (s, st, re);
              else if (_zr_quotes_prefix_kind (s, st, re) == 0)
                _zr_quotes_person_clear (&p);
            }
        }
    }
  if (p.kind == PERSON_NAME && p.role == NULL && !r->in_voice)
    {
      /* a bare name outside a 【声音】 block must be known already */
      if (!g_hash_table_contains (r->roles, p.speaker))
        p.kind = PERSON_NONE;
    }
  if (p.kind == PERSON_NONE || p.kind == PERSON_FIRST)
    {
      _zr_quotes_person_clear (&p);
      return FALSE;
    }
  _zr_quotes_reader_finish_person (r, &p);
  add_quote (r, pi, w, end, p.speaker, p.role);
  _zr_quotes_person_clear (&p);
  return TRUE;
}

static gboolean
is_voice_heading (const gunichar *s,
                  glong           n)
{
  const Lexicon *lx = _zr_quotes_lexicon ();

  while (n > 0 && is_space (s[n - 1]))
    n--;
  if (n < 3 || n > 14 || s[0] != 0x3010 || s[n - 1] != 0x3011)
    return FALSE;
  for (glong i = 1; i < n - 1; i++)
    if (_zr_quotes_word_list_prefix (lx->voice_heads, s, i, n - 1) != NULL)
      return TRUE;
  return FALSE;
}

/* Where the words of a story start after its dateline: 本报讯, or 株洲日报讯
 * with the writers' credit in brackets after it (株洲日报讯（记者 某某）).
 * @from when the paragraph does not open with one. */
static glong
after_dateline (const gunichar *s,
                glong           n,
                glong           from)
{
  glong k = from, d;

  while (k < n && is_space (s[k]))
    k++;
  for (d = k; d < n && d - k < 16 && s[d] != 0x8BAF /* 讯 */; d++)
    if (!is_han (s[d]))
      return from;
  if (d >= n || d - k < 2 || s[d] != 0x8BAF)
    return from;
  k = d + 1;
  while (k < n && is_space (s[k]))
    k++;
  if (k < n && (s[k] == 0xFF08 /* （ */ || s[k] == '('))
    {
      glong c = k + 1;

      while (c < n && c - k < 80 && s[c] != 0xFF09 /* ） */ && s[c] != ')' &&
             !is_sentence_end (s[c]) && !is_open_mark (s[c]))
        c++;
      if (c >= n || (s[c] != 0xFF09 && s[c] != ')'))
        return from;
      k = c + 1;
    }
  while (k < n && is_space (s[k]))
    k++;
  return k;
}

static void
reader_paragraph (Reader *r,
                  guint   pi)
{
  const ZrParagraph *para = g_ptr_array_index (r->record->paragraphs, pi);
  const gunichar *s = r->par[pi];
  glong n = r->len[pi];
  g_autoptr(GArray) spans = NULL;
  glong scanned = 0;
  guint g = 0;

  if (n > 0 && s[0] == 0x3010 /* 【 */)
    {
      r->in_voice = is_voice_heading (s, n);
      if (n <= 14)
        return;
    }
  else if (para->kind == ZR_PARAGRAPH_KIND_SUBHEAD)
    r->in_voice = FALSE;

  /* an answer in a Q&A or a 【声音】 block; quotes inside it are found
   * below like any other */
  if (para->kind == ZR_PARAGRAPH_KIND_BODY)
    reader_statement (r, pi);

  spans = find_spans (s, n, &r->steps);
  while (g < spans->len)
    {
      guint first = g, last = g;
      Side before, after;
      gboolean evidence;
      gboolean initial, sentence_initial;
      const Person *who = NULL;
      Person resolved = { 0 };

      /* consecutive marks “…”“…” share what stands around them */
      while (last + 1 < spans->len)
        {
          const Span *p = &g_array_index (spans, Span, last);
          const Span *q = &g_array_index (spans, Span, last + 1);
          glong k = p->close + 1;
          while (k < q->open && is_space (s[k]))
            k++;
          if (k != q->open)
            break;
          last++;
        }

      {
        const Span *f = &g_array_index (spans, Span, first);
        glong k = 0;

        _zr_quotes_reader_scan_mentions (r, s, scanned, f->open);
        scanned = f->open;
        while (k < f->open && is_space (s[k]))
          k++;
        /* “…” right after the dateline opens the story like a paragraph */
        initial = k == f->open || after_dateline (s, n, 0) == f->open;
        _zr_quotes_look_before (r, pi, f->open, &before);
      }
      {
        glong k = g_array_index (spans, Span, first).open;

        while (k > 0 && is_space (s[k - 1]))
          k--;
        sentence_initial = initial || is_sentence_end (s[k - 1]);
      }
      _zr_quotes_look_after (r, pi, g_array_index (spans, Span, last).close, initial,
                             sentence_initial, &after);

      evidence = (before.evidence || after.evidence) && !before.slogan && !after.slogan;

      /* a first-person cue means the writer or an unnamed I spoke; else the
       * surer cue of the two sides wins */
      if (before.first_person ||
          (before.evidence && before.who.kind == PERSON_NONE && after.who.kind == PERSON_FIRST) ||
          (before.cue == CUE_PREVIOUS_SENTENCE && after.who.kind == PERSON_FIRST))
        who = NULL;
      else
        {
          gboolean has_before = before.who.kind != PERSON_NONE && before.who.kind != PERSON_FIRST;
          gboolean has_after = after.who.kind != PERSON_NONE && after.who.kind != PERSON_FIRST;

          if (has_before && (!has_after || before.cue >= after.cue))
            who = &before.who;
          else if (has_after)
            who = &after.who;
        }

      if (who != NULL)
        {
          resolved.kind = who->kind;
          resolved.gender = who->gender;
          resolved.speaker = g_strdup (who->speaker);
          resolved.role = g_strdup (who->role);
          _zr_quotes_reader_finish_person (r, &resolved);
          if (resolved.kind == PERSON_FIRST)
            _zr_quotes_person_clear (&resolved);
        }

      /* “李总，我…”: whom the words are said to does not say them */
      if (resolved.speaker != NULL &&
          addressed (s, g_array_index (spans, Span, first).open + 1,
                     g_array_index (spans, Span, first).close, resolved.speaker))
        _zr_quotes_person_clear (&resolved);

      for (guint k = first; k <= last; k++)
        {
          const Span *sp = &g_array_index (spans, Span, k);
          gboolean slogan = (k == first && before.slogan) || (k == last && after.slogan);

          if (slogan)
            continue;
          if (content_is_quote (s, sp->open + 1, sp->close, evidence))
            add_quote (r, pi, sp->open + 1, sp->close, resolved.speaker, resolved.role);
        }

      _zr_quotes_person_clear (&resolved);
      _zr_quotes_person_clear (&before.who);
      _zr_quotes_person_clear (&after.who);
      g = last + 1;
    }
  _zr_quotes_reader_scan_mentions (r, s, scanned, n);
}

GPtrArray *
zr_quotes_extract (const ZrRecord *record)
{
  return _zr_quotes_extract_counted (record, NULL);
}

/* zr_quotes_extract(), telling how many characters it looked at on the way:
 * tests check that this grows no faster than n log n. */
GPtrArray *
_zr_quotes_extract_counted (const ZrRecord *record,
                            guint64        *out_steps)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_quote_free);
  Reader r = { 0 };

  if (record == NULL || record->paragraphs == NULL || record->paragraphs->len == 0)
    return out;

  r.record = record;
  r.n = record->paragraphs->len;
  r.par = g_new0 (gunichar *, r.n);
  r.len = g_new0 (glong, r.n);
  r.roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r.genders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.described = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r.out = out;

  for (guint i = 0; i < r.n; i++)
    {
      const ZrParagraph *p = g_ptr_array_index (record->paragraphs, i);
      r.par[i] = g_utf8_to_ucs4_fast (p->text ? p->text : "", -1, &r.len[i]);
    }

  /* the byline and headline may name people too */
  for (guint i = 0; i < r.n; i++)
    reader_paragraph (&r, i);

  for (guint i = 0; i < r.n; i++)
    g_free (r.par[i]);
  g_free (r.par);
  g_free (r.len);
  g_hash_table_unref (r.roles);
  g_hash_table_unref (r.genders);
  g_hash_table_unref (r.known);
  g_free (r.last_name);
  g_free (r.last_description);
  g_hash_table_unref (r.described);
  for (guint i = 0; i < G_N_ELEMENTS (r.last); i++)
    g_free (r.last[i]);
  if (out_steps != NULL)
    *out_steps = r.steps;
  return out;
}

ZrQuote *
zr_quote_new (guint       paragraph,
              guint       start,
              guint       end,
              const char *text,
              const char *speaker,
              const char *role)
{
  ZrQuote *q = g_new0 (ZrQuote, 1);

  q->paragraph = paragraph;
  q->start = start;
  q->end = end;
  q->text = g_strdup (text);
  q->speaker = g_strdup (speaker);
  q->role = g_strdup (role);
  return q;
}

ZrQuote *
zr_quote_copy (const ZrQuote *quote)
{
  g_return_val_if_fail (quote != NULL, NULL);
  return zr_quote_new (quote->paragraph, quote->start, quote->end,
                       quote->text, quote->speaker, quote->role);
}

void
zr_quote_free (ZrQuote *quote)
{
  if (quote == NULL)
    return;
  g_free (quote->text);
  g_free (quote->speaker);
  g_free (quote->role);
  g_free (quote);
}
