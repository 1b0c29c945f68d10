/* zr-quotes-attribution.c: who said a quote
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Looks at the clause before the opening mark and after the closing mark
 * for a speech verb and the person next to it.
 */
#include "config.h"

#include "zr-quotes-private.h"

/* The first person named in s[a..b): 谭先生 in 市民谭先生指着新路说,
 * 康久清 in 局长康久清拉着记者的手. */
static gboolean
find_mention (const gunichar *s,
              glong           a,
              glong           b,
              Person         *out)
{
  const Lexicon *lx = _zr_quotes_lexicon ();

  for (glong i = a; i < b; i++)
    {
      const Word *w;
      glong sl;

      if (!may_be_surname (lx, s[i]) || !_zr_quotes_is_surname_at (s, i, b, &sl))
        continue;
      if ((w = _zr_quotes_word_list_prefix (lx->mention_honorifics, s, i + sl, b)) != NULL)
        {
          out->kind = PERSON_NAME;
          out->speaker = _zr_quotes_ucs4_dup (s, i, i + sl + w->n);
          return TRUE;
        }
      if (i > a && _zr_quotes_word_list_suffix (lx->role_suffixes, s, a, i) != NULL)
        {
          for (glong k = 2; k >= 1; k--)
            {
              glong e = i + sl + k;
              if (e <= b && _zr_quotes_is_name (s, i, e) &&
                  (k == 1 || _zr_quotes_word_list_prefix (lx->verbs, s, i + sl + 1, b) == NULL))
                {
                  Person p;
                  if (_zr_quotes_parse_person (s, a, e, &p) == PERSON_NAME)
                    {
                      *out = p;
                      return TRUE;
                    }
                  _zr_quotes_person_clear (&p);
                }
            }
        }
    }
  return FALSE;
}

/* X介绍，今年已接待两百多批次。“下一步要开发更多课程。”: a quote opening
 * the sentence right after one that attributes words to someone, with no
 * quote of its own, goes on with that person's words. */
static gboolean
reader_prev_attribution (Reader *r,
                         guint   pi,
                         glong   open,
                         Person *out)
{
  const Lexicon *lx = _zr_quotes_lexicon ();
  const gunichar *s = r->par[pi];
  glong k = open, se, ps, c;

  while (k > 0 && is_space (s[k - 1]))
    k--;
  if (k == 0 || !is_sentence_end (s[k - 1]))
    return FALSE;
  se = k - 1;
  for (ps = se; ps > 0 && !is_sentence_end (s[ps - 1]) && se - ps < 200; ps--)
    ;
  if (ps > 0 && !is_sentence_end (s[ps - 1]))
    return FALSE;
  for (glong i = ps; i < se; i++)
    if (is_open_mark (s[i]) || is_close_mark (s[i]) || s[i] == '"' || s[i] == 0x2018)
      return FALSE;

  c = ps;
  for (int clause = 0; clause < 3 && c < se; clause++)
    {
      glong ce = c;
      const Word *v;

      while (ce < se && !is_comma (s[ce]) && !is_colon (s[ce]))
        ce++;
      if (ce >= se)
        break;
      if ((v = _zr_quotes_word_list_suffix (lx->verbs, s, c, ce)) != NULL)
        {
          _zr_quotes_parse_person (s, c, ce - v->n, out);
          if (out->kind == PERSON_NONE)
            _zr_quotes_reader_parse_lead (r, s, c, ce - v->n, out);
          if (out->kind == PERSON_NAME || out->kind == PERSON_DESCRIPTION ||
              out->kind == PERSON_PRONOUN)
            {
              out->weak = TRUE;
              return TRUE;
            }
          _zr_quotes_person_clear (out);
          return FALSE;
        }
      c = ce + 1;
    }
  return FALSE;
}

void
_zr_quotes_look_before (Reader         *r,
                        guint           pi,
                        glong           open,
                        Side           *side)
{
  const Lexicon *lx = _zr_quotes_lexicon ();
  g_autofree gunichar *s = NULL;
  glong n, e, st;
  gboolean colon = FALSE;
  const Word *v;

  memset (side, 0, sizeof *side);
  s = _zr_quotes_reader_before (r, pi, open, &n);
  e = n;
  while (e > 0 && is_space (s[e - 1]))
    e--;
  if (e > 0 && (is_colon (s[e - 1]) || is_comma (s[e - 1])))
    {
      colon = is_colon (s[e - 1]);
      e--;
    }
  if (_zr_quotes_word_list_suffix (lx->slogan_before, s, 0, e) != NULL)
    {
      side->slogan = TRUE;
      return;
    }
  v = _zr_quotes_word_list_suffix (lx->verbs, s, 0, e);
  if (v == NULL)
    v = _zr_quotes_word_list_suffix (lx->before_verbs, s, 0, e);
  if (v == NULL && !colon)
    {
      reader_prev_attribution (r, pi, open, &side->who);
      return;
    }

  if (v != NULL)
    e -= v->n;
  for (st = e; st > 0 && !is_boundary (s[st - 1]); st--)
    ;
  side->evidence = TRUE;
  if (v == NULL && e - st == 0)
    side->evidence = FALSE;
  _zr_quotes_parse_person (s, st, e, &side->who);

  /* 他还提醒旅客：“…”: the verb stands inside the clause */
  for (glong i = st + 1; i < e && side->who.kind == PERSON_NONE; i++)
    if (_zr_quotes_word_list_prefix (lx->verbs, s, i, e) != NULL)
      {
        _zr_quotes_parse_person (s, st, i, &side->who);
        if (side->who.kind == PERSON_NONE)
          find_mention (s, st, i, &side->who);
      }
  if (side->who.kind == PERSON_NONE)
    find_mention (s, st, e, &side->who);
  if (side->who.kind == PERSON_NONE)
    _zr_quotes_reader_parse_lead (r, s, st, e, &side->who);
  if (side->who.kind == PERSON_FIRST)
    side->first_person = TRUE;
}

void
_zr_quotes_look_after (Reader  *r,
                       guint    pi,
                       glong    close,
                       gboolean paragraph_initial,
                       Side    *side)
{
  const Lexicon *lx = _zr_quotes_lexicon ();
  g_autofree gunichar *s = NULL;
  glong n, a = 0, clause_end;
  gboolean after_stop = FALSE;

  memset (side, 0, sizeof *side);
  s = _zr_quotes_reader_after (r, pi, close + 1, &n);
  while (a < n && (is_space (s[a]) || is_ellipsis (s[a])))
    a++;
  if (_zr_quotes_word_list_prefix (lx->slogan_after, s, a, n) != NULL)
    {
      side->slogan = TRUE;
      return;
    }
  if (a < n && (is_comma (s[a]) || s[a] == 0x3002))
    {
      after_stop = s[a] == 0x3002;
      a++;
    }
  for (clause_end = a; clause_end < n && !is_boundary (s[clause_end]); clause_end++)
    ;

  for (glong i = a + 1; i < clause_end && i - a <= MAX_SEGMENT; i++)
    {
      const Word *v = _zr_quotes_word_list_prefix (lx->verbs, s, i, clause_end);
      Person p;

      if (v == NULL)
        continue;
      if (after_stop && (i - a > 8 || i + v->n != clause_end))
        break;
      _zr_quotes_parse_person (s, a, i, &p);
      if (p.kind == PERSON_NONE)
        find_mention (s, a, i, &p);
      if (p.kind == PERSON_NONE)
        _zr_quotes_reader_parse_lead (r, s, a, i, &p);
      if (p.kind == PERSON_NONE)
        continue;
      side->evidence = TRUE;
      side->who = p;
      side->first_person = p.kind == PERSON_FIRST;
      return;
    }

  /* “…”70多岁的李阿姨…: the subject of the next sentence */
  if (paragraph_initial && !after_stop)
    {
      glong end = a;
      while (end < n && !is_sentence_end (s[end]) && end - a < 40)
        end++;
      for (glong i = a; i < end; i++)
        {
          const Word *w;
          glong sl;

          if (!may_be_surname (lx, s[i]) || !_zr_quotes_is_surname_at (s, i, end, &sl))
            continue;
          if ((w = _zr_quotes_word_list_prefix (lx->mention_honorifics, s, i + sl, end)) != NULL &&
              (i == a || !is_han (s[i - 1]) || s[i - 1] == 0x7684 ||
               _zr_quotes_prefix_kind (s, a, i) > 0))
            {
              side->who.kind = PERSON_NAME;
              side->who.speaker = _zr_quotes_ucs4_dup (s, i, i + sl + w->n);
              return;
            }
        }
    }
}
