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

/* s[a..b) is only words that join a clause to the one before (并, 同时,
 * 随后还), with no subject of its own. */
static gboolean
only_connectives (const gunichar *s,
                  glong           a,
                  glong           b)
{
  static const char joins[] = "并且还也又同时随后接着更再而";

  while (a < b && is_space (s[a]))
    a++;
  if (b - a > 4)
    return FALSE;
  for (glong i = a; i < b; i++)
    {
      gboolean join = FALSE;

      for (const char *p = joins; *p && !join; p = g_utf8_next_char (p))
        join = g_utf8_get_char (p) == s[i];
      if (!join)
        return FALSE;
    }
  return TRUE;
}

/* The first of the first three clauses of s[ps..se) that ends in a speech
 * verb with a person before it: 颜某强调，… or 他认为，… */
static gboolean
clause_speaker (Reader         *r,
                const gunichar *s,
                glong           ps,
                glong           se,
                Person         *out)
{
  const Lexicon *lx = _zr_quotes_lexicon ();
  glong c = ps;

  for (int clause = 0; clause < 3 && c < se; clause++)
    {
      glong ce = c;
      const Word *v;

      while (ce < se && !is_comma (s[ce]) && !is_colon (s[ce]))
        ce++;
      /* 有居民希望家庭医生多开展理疗，“…”: a wish names its person first */
      for (glong i = c + 1; i < ce && i - c <= 8; i++)
        if (_zr_quotes_word_list_prefix (lx->wish_verbs, s, i, ce) != NULL)
          {
            _zr_quotes_parse_person (s, c, i, out);
            if (out->kind == PERSON_NAME || out->kind == PERSON_DESCRIPTION ||
                out->kind == PERSON_PRONOUN)
              return TRUE;
            _zr_quotes_person_clear (out);
            break;
          }
      if (ce >= se)
        break;
      if ((v = _zr_quotes_word_list_suffix (lx->verbs, s, c, ce)) != NULL)
        {
          _zr_quotes_parse_person (s, c, ce - v->n, out);
          if (out->kind == PERSON_NONE)
            _zr_quotes_reader_parse_lead (r, s, c, ce - v->n, out);
          /* 书记X当场…，并强调，…: a verb with no subject of its own goes
           * on from the person the sentence began with */
          if (out->kind == PERSON_NONE && clause > 0 && only_connectives (s, c, ce - v->n))
            {
              if (_zr_quotes_sentence_subject (r, s, ps, c - 1, out) &&
                  (out->kind == PERSON_NAME || out->kind == PERSON_DESCRIPTION))
                return TRUE;
              _zr_quotes_person_clear (out);
            }
          if (out->kind == PERSON_NAME || out->kind == PERSON_DESCRIPTION ||
              out->kind == PERSON_PRONOUN)
            return TRUE;
          _zr_quotes_person_clear (out);
          return FALSE;
        }
      c = ce + 1;
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
  const gunichar *s = r->par[pi];
  glong k = open, se, ps;

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
  return clause_speaker (r, s, ps, se, out);
}

/* 副局长颜某强调，秋冬季风险增加，“…”: the speech verb ends an earlier
 * clause of the sentence the quote ends. */
static gboolean
reader_sentence_attribution (Reader *r,
                             guint   pi,
                             glong   open,
                             Person *out)
{
  const gunichar *s = r->par[pi];
  glong e = open, ps;

  while (e > 0 && is_space (s[e - 1]))
    e--;
  if (e == 0 || !is_comma (s[e - 1]))
    return FALSE;
  for (ps = e - 1; ps > 0 && open - ps < 200; ps--)
    {
      gunichar c = s[ps - 1];

      /* pass over a quoted term (改造坚持“修旧如旧”，…), not over words
       * someone said */
      if (is_close_mark (c))
        {
          glong o = ps - 1;
          gboolean sentence = FALSE;

          while (o > 0 && ps - o < 40 && !is_open_mark (s[o - 1]))
            {
              o--;
              sentence = sentence || is_sentence_end (s[o]) || is_comma (s[o]);
            }
          if (o == 0 || ps - o >= 40 || sentence)
            break;
          ps = o;
          continue;
        }
      if (is_sentence_end (c) || is_open_mark (c) || c == '"')
        break;
    }
  if (ps > 0 && open - ps >= 200)
    return FALSE;
  return clause_speaker (r, s, ps, e - 1, out);
}

/* A description that names who someone is and nothing else: a word of
 * the lists (民警, 村民们), or one after 的 (刚办完事的市民), or counted
 * (一位店主). Not 解决好服务群众, which is something done for people. */
static gboolean
plain_description (const gunichar *s,
                   glong           a,
                   glong           e,
                   const char     *speaker)
{
  const Lexicon *lx = _zr_quotes_lexicon ();
  static const gunichar counted[] = { 0x4E00 /* 一 */, 0x4E24 /* 两 */, 0x51E0 /* 几 */,
                                      0x591A /* 多 */, 0x67D0 /* 某 */, 0x8BE5 /* 该 */,
                                      0x4E0D /* 不(少) */, 0x73B0 /* 现(场) */ };
  glong len = g_utf8_strlen (speaker, -1), b = e, start;
  const Word *w;

  while (b > a && is_space (s[b - 1]))
    b--;
  if (b - a >= 2 && s[b - 1] == 0x4EEC /* 们 */)
    b--;
  start = e - len;
  if (start < a)
    return FALSE;
  /* it ends in a word for a person (一名小学生, not 一名小学生捧) */
  if (_zr_quotes_word_list_suffix (lx->descriptions, s, start, b) == NULL &&
      _zr_quotes_word_list_suffix (lx->role_suffixes, s, start, b) == NULL &&
      (char_flags (lx, s[b - 1]) & CHAR_PERSON_END) == 0)
    return FALSE;
  if (start > a && s[start - 1] == 0x7684 /* 的 */)
    return TRUE;
  for (guint q = 0; q < G_N_ELEMENTS (counted); q++)
    if (s[start] == counted[q])
      return TRUE;
  if ((w = _zr_quotes_word_list_suffix (lx->descriptions, s, start, b)) != NULL && w->n == b - start)
    return TRUE;
  if ((w = _zr_quotes_word_list_suffix (lx->role_suffixes, s, start, b)) != NULL && w->n == b - start)
    return TRUE;
  return _zr_quotes_is_person_noun (s, start, b) && b - start <= 3;
}

/* Whether @name stands right after a 的 in s[a..b). */
static gboolean
after_de (const gunichar *s,
          glong           a,
          glong           b,
          const char     *name)
{
  glong n = g_utf8_strlen (name, -1);

  for (glong i = a + 1; i + n <= b; i++)
    if (s[i - 1] == 0x7684 /* 的 */)
      {
        g_autofree char *here = _zr_quotes_ucs4_dup (s, i, i + n);
        if (g_strcmp0 (here, name) == 0)
          return TRUE;
      }
  return FALSE;
}

/* A name alone right after 的 that was never met before: more often a
 * thing (刚摘的黄瓜) than a person. */
static gboolean
doubtful_name (Reader         *r,
               const gunichar *s,
               glong           a,
               glong           b,
               const Person   *p)
{
  return p->kind == PERSON_NAME && p->bare && !g_hash_table_contains (r->known, p->speaker) &&
         after_de (s, a, b, p->speaker);
}

/* Whether a phrase naming a person could end at @e: after a name (a
 * surname one to four characters back), a title, a word for a person, or
 * 们. The quick test that spares reading every prefix of a clause. */
static gboolean
may_end_person (const gunichar *s,
                glong           a,
                glong           e)
{
  const Lexicon *lx = _zr_quotes_lexicon ();

  if (s[e - 1] == 0x4EEC /* 们 */ || (char_flags (lx, s[e - 1]) & CHAR_PERSON_END) != 0)
    return TRUE;
  for (glong k = 2; k <= 4 && e - k >= a; k++)
    if (may_be_surname (lx, s[e - k]))
      return TRUE;
  return _zr_quotes_word_list_suffix (lx->role_suffixes, s, a, e) != NULL ||
         _zr_quotes_word_list_suffix (lx->descriptions, s, a, e) != NULL ||
         _zr_quotes_word_list_suffix (lx->honorifics, s, a, e) != NULL;
}

/* s[a..e) ends in a word of place (前, 下, 旁边, 门口): 在…的旧址前 sets the
 * scene and names no one. */
static gboolean
ends_in_place (const gunichar *s,
               glong           a,
               glong           e)
{
  static const char places[] = "前后上下里内外旁边处侧畔口";

  if (e - a < 3)
    return FALSE;
  for (const char *p = places; *p; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) == s[e - 1])
      return TRUE;
  return FALSE;
}

/* The person a clause of s[a..end) begins with, taking the first clause
 * that begins with one: 民警罗某 in 民警罗某就带着辅警…, 市民 in
 * 一位刚办完事的市民在窗口前道谢. Clauses that begin with a preposition
 * (在…, 从…, 随着…) set the scene and are passed over. A bare name counts
 * only when it was met before: 高温 is no one. */
gboolean
_zr_quotes_sentence_subject (Reader         *r,
                             const gunichar *s,
                             glong           a,
                             glong           end,
                             Person         *out)
{
  static const gunichar scene[] = { 0x5728 /* 在 */, 0x4ECE /* 从 */, 0x968F /* 随 */,
                                    0x4E3A /* 为 */, 0x5BF9 /* 对 */, 0x7ECF /* 经 */,
                                    0x901A /* 通 */, 0x5F53 /* 当 */, 0x4E8E /* 于 */,
                                    0x8BA9 /* 让 */, 0x7ED9 /* 给 */, 0x628A /* 把 */,
                                    0x88AB /* 被 */, 0x5411 /* 向 */, 0x5E2E /* 帮 */ };

  memset (out, 0, sizeof *out);
  for (glong c = a; c < end;)
    {
      glong ce = c, best_end = 0;
      gboolean skip = FALSE;
      Person best = { 0 };

      while (ce < end && !is_boundary (s[ce]))
        ce++;
      for (guint q = 0; q < G_N_ELEMENTS (scene) && c < ce; q++)
        skip = skip || s[c] == scene[q];
      /* but 在物流公司上班的鲁某: the person the scene describes; not
       * 在老街的石牌坊下, a place */
      if (skip && _zr_quotes_ucs4_has (s, c, ce, 0x7684 /* 的 */) && !ends_in_place (s, c, ce))
        skip = FALSE;
      for (glong e = c + 2; !skip && e <= MIN (ce, c + MAX_SEGMENT); e++)
        {
          Person p;

          if (!may_end_person (s, c, e))
            continue;
          _zr_quotes_parse_person (s, c, e, &p);
          /* the first person met, grown while it grows (民警 → 民警罗志 →
           * 民警罗志强) or read again over the same characters (副主席柏某某,
           * not 席柏), but not replaced by a later one (…的新生儿常住) */
          if ((p.kind == PERSON_NAME &&
               (!p.bare || g_hash_table_contains (r->known, p.speaker) ||
                (g_utf8_strlen (p.speaker, -1) == 3 && after_de (s, c, e, p.speaker))) &&
               (best.kind == PERSON_NONE ||
               (best.kind == PERSON_NAME &&
                e - (glong) g_utf8_strlen (p.speaker, -1) < best_end) ||
               (best.kind == PERSON_DESCRIPTION &&
                e - (glong) g_utf8_strlen (p.speaker, -1) <= best_end))) ||
              (p.kind == PERSON_DESCRIPTION && plain_description (s, c, e, p.speaker) &&
               (best.kind == PERSON_NONE ||
                (best.kind == PERSON_DESCRIPTION && g_str_has_prefix (p.speaker, best.speaker)))))
            {
              _zr_quotes_person_clear (&best);
              best = p;
              best_end = e;
            }
          else
            _zr_quotes_person_clear (&p);
        }
      if (best.kind != PERSON_NONE)
        {
          *out = best;
          return best_end > 0;
        }
      /* go on past commas and quoted terms (在“网格夜话”上，居民们…) */
      if (ce >= end || !(is_comma (s[ce]) || is_open_mark (s[ce]) || is_close_mark (s[ce])))
        break;
      c = ce + 1;
    }
  return FALSE;
}

/* 退休教师甘某今年八十岁。“…”: a quote opening a sentence, with no verb
 * around it, is most likely the words of the person the sentence before
 * was about. */
static gboolean
reader_prev_subject (Reader *r,
                     guint   pi,
                     glong   open,
                     Person *out)
{
  const gunichar *s = r->par[pi];
  glong k = open, ps;

  while (k > 0 && is_space (s[k - 1]))
    k--;
  if (k == 0 || !is_sentence_end (s[k - 1]))
    return FALSE;
  for (ps = k - 1; ps > 0 && !is_sentence_end (s[ps - 1]) && k - ps < 200; ps--)
    ;
  if (ps > 0 && !is_sentence_end (s[ps - 1]))
    return FALSE;
  /* in a story told by 我 the words may be the writer's */
  if (_zr_quotes_ucs4_has (s, ps, k - 1, 0x6211 /* 我 */))
    return FALSE;
  if (!_zr_quotes_sentence_subject (r, s, ps, k - 1, out))
    return FALSE;
  if (out->kind == PERSON_NAME)
    return TRUE;
  _zr_quotes_person_clear (out);
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
      if (reader_sentence_attribution (r, pi, open, &side->who))
        {
          side->evidence = TRUE;
          side->cue = CUE_SAME_SENTENCE;
        }
      else if (reader_prev_attribution (r, pi, open, &side->who))
        side->cue = CUE_PREVIOUS_SENTENCE;
      else if (reader_prev_subject (r, pi, open, &side->who))
        side->cue = CUE_PREVIOUS_SUBJECT;
      return;
    }

  if (v != NULL)
    e -= v->n;
  for (st = e; st > 0 && !is_boundary (s[st - 1]); st--)
    ;
  side->evidence = TRUE;
  side->cue = CUE_NEXT_TO_MARKS;
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
  if (side->who.kind == PERSON_NONE)
    _zr_quotes_sentence_subject (r, s, st, e, &side->who);
  if (side->who.kind == PERSON_FIRST)
    side->first_person = TRUE;

  /* 大师杜某放下毛笔，指着刚出窑的花瓶说：a name met nowhere else, with
   * nothing telling who it is, may be a thing; the sentence's subject is
   * surer */
  /* 学生们拿起伞，笑着对老人喊：the clause before the marks has no
   * subject of its own; the sentence's is the speaker */
  if (side->who.kind == PERSON_NONE ||
      (side->who.kind == PERSON_NAME && side->who.bare &&
       !g_hash_table_contains (r->known, side->who.speaker)))
    {
      const gunichar *par = r->par[pi];
      glong ps = open;
      Person subject;

      while (ps > 0 && open - ps < 200 && !is_sentence_end (par[ps - 1]) &&
             !is_close_mark (par[ps - 1]) && !is_open_mark (par[ps - 1]))
        ps--;
      if (_zr_quotes_sentence_subject (r, par, ps, open, &subject))
        {
          _zr_quotes_person_clear (&side->who);
          side->who = subject;
        }
      else if (side->who.kind == PERSON_NAME && after_de (s, st, e, side->who.speaker))
        _zr_quotes_person_clear (&side->who);   /* 刚出窑的花瓶 */
    }
}

/* Where the clause starting at @a ends, stepping over a quoted term
 * (最年轻的“园主”，他说) but not over quoted words. */
static glong
clause_end_over_terms (const gunichar *s,
                       glong           a,
                       glong           n)
{
  glong e = a;

  while (e < n)
    {
      if (is_open_mark (s[e]))
        {
          glong j = e + 1;

          while (j < n && j - e <= 16 && !is_close_mark (s[j]) && !is_sentence_end (s[j]) &&
                 !is_comma (s[j]))
            j++;
          if (j < n && is_close_mark (s[j]))
            {
              e = j + 1;
              continue;
            }
        }
      if (is_boundary (s[e]))
        break;
      e++;
    }
  return e;
}

void
_zr_quotes_look_after (Reader  *r,
                       guint    pi,
                       glong    close,
                       gboolean paragraph_initial,
                       gboolean sentence_initial,
                       Side    *side)
{
  const Lexicon *lx = _zr_quotes_lexicon ();
  g_autofree gunichar *s = NULL;
  glong n, a = 0, clause_end, first_clause;
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
  first_clause = a;
  /* “…”X说; for a quote opening a sentence also a later clause of the
   * sentence: “…”在一家档口，一位店主一边打包一边说 */
  for (int clause = 0; clause < (sentence_initial && !after_stop ? 3 : 1) && a < n; clause++)
    {
      clause_end = clause_end_over_terms (s, a, n);
      for (glong i = a + 1; i < clause_end && i - a <= MAX_SEGMENT; i++)
        {
          const Word *v = _zr_quotes_word_list_prefix (lx->verbs, s, i, clause_end);
          Person p;

          if (v == NULL)
            continue;
          /* 说, 问, 讲, 称 alone end the clause: not 问题, 讲座, 称号 */
          if (v->n == 1 && i + 1 < clause_end)
            continue;
          if (after_stop && (i - a > 8 || i + v->n != clause_end))
            break;
          _zr_quotes_parse_person (s, a, i, &p);
          if (p.kind == PERSON_NONE)
            find_mention (s, a, i, &p);
          if (p.kind == PERSON_NONE)
            _zr_quotes_reader_parse_lead (r, s, a, i, &p);
          /* 一名小学生举着刚摘的黄瓜兴奋地说: a name alone after 的 is what
           * the clause's subject holds when it has one (not so in
           * 在现场维持秩序的曹某告诉记者) */
          if (p.kind == PERSON_NONE || doubtful_name (r, s, a, i, &p))
            {
              Person subject;

              if (_zr_quotes_sentence_subject (r, s, a, i, &subject))
                {
                  _zr_quotes_person_clear (&p);
                  p = subject;
                }
            }
          if (p.kind == PERSON_NONE)
            continue;
          /* “…”在物流公司上班的鲁某是最年轻的园主，他说: 他 is the
           * subject named earlier in the sentence */
          if (p.kind == PERSON_PRONOUN && clause > 0)
            {
              Person subject;

              if (_zr_quotes_sentence_subject (r, s, first_clause, a, &subject))
                {
                  _zr_quotes_person_clear (&p);
                  p = subject;
                }
            }
          side->evidence = TRUE;
          side->cue = clause == 0 ? CUE_AFTER_MARKS : CUE_LATER_CLAUSE;
          side->who = p;
          side->first_person = p.kind == PERSON_FIRST;
          return;
        }
      if (clause_end >= n || !is_comma (s[clause_end]))
        break;
      a = clause_end + 1;
    }
  a = first_clause;

  /* “…”70多岁的李阿姨…, “…”傍晚七点，民警罗某就…: the subject of the
   * next sentence */
  if (paragraph_initial && !after_stop)
    {
      glong end = a;

      while (end < n && !is_sentence_end (s[end]))
        end++;
      if (_zr_quotes_sentence_subject (r, s, a, end, &side->who))
        side->cue = CUE_NEXT_SUBJECT;
    }
}
