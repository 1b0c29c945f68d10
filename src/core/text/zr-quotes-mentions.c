/* zr-quotes-mentions.c: the people a record has named so far
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mentions in running text are remembered in reading order so that 他/她,
 * 该负责人 and a bare surname can be resolved to the last fitting person.
 */
#include "config.h"

#include "zr-quotes-private.h"

static void
reader_set_last (Reader     *r,
                 const char *name,
                 const char *role,
                 Gender      gender)
{
  glong n;

  if (name == NULL)
    return;
  if (gender != GENDER_UNKNOWN)
    g_hash_table_replace (r->genders, g_strdup (name), GINT_TO_POINTER (gender));
  else
    gender = GPOINTER_TO_INT (g_hash_table_lookup (r->genders, name));
  g_free (r->last_name);
  r->last_name = g_strdup (name);
  g_free (r->last[gender]);
  r->last[gender] = g_strdup (name);
  r->last_seq[gender] = ++r->seq;
  if (role != NULL)
    g_hash_table_replace (r->roles, g_strdup (name), g_strdup (role));

  n = g_utf8_strlen (name, -1);
  if (n >= 2 && n <= MAX_KNOWN_NAME && !g_hash_table_contains (r->known, name))
    {
      g_hash_table_add (r->known, g_strdup (name));
      r->known_lengths |= 1u << n;
    }
}

/* The length of a name already met that starts at s[i], or 0: one lookup
 * for each length of name met, so the cost does not grow with their number. */
static glong
reader_known_at (Reader         *r,
                 const gunichar *s,
                 glong           i,
                 glong           end)
{
  for (glong k = MIN (MAX_KNOWN_NAME, end - i); k >= 2; k--)
    {
      char buf[MAX_KNOWN_NAME * 6 + 1];
      gsize at = 0;

      if ((r->known_lengths & (1u << k)) == 0)
        continue;
      r->steps++;
      for (glong j = 0; j < k; j++)
        at += g_unichar_to_utf8 (s[i + j], buf + at);
      buf[at] = '\0';
      if (g_hash_table_contains (r->known, buf))
        return k;
    }
  return 0;
}

/* A title does not reach back over these: 记者采访了市商务局副局长某某 */
static gboolean
ends_role_search (gunichar c)
{
  static const char stops[] = "了是访向对给把被让请见据";

  for (const char *p = stops; *p; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) == c)
      return TRUE;
  return FALSE;
}

static gboolean
is_place_end (gunichar c)
{
  static const char ends[] = "镇村乡区县市道组";

  for (const char *p = ends; *p; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) == c)
      return TRUE;
  return FALSE;
}

static gboolean
is_pivot_verb (gunichar c)
{
  static const char pivots[] = "帮让给为使请叫令教助替陪带";

  for (const char *p = pivots; *p; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) == c)
      return TRUE;
  return FALSE;
}

/* The title or description word a phrase ends with (负责人 in
 * 市工信局相关负责人), or NULL. */
static char *
description_head (const char *phrase)
{
  const Lexicon *lx = _zr_quotes_lexicon ();
  g_autofree gunichar *u = NULL;
  const Word *w;
  glong n;

  u = g_utf8_to_ucs4_fast (phrase, -1, &n);
  if (n > 0 && u[n - 1] == 0x4EEC /* 们 */)
    n--;
  if ((w = _zr_quotes_word_list_suffix (lx->role_suffixes, u, 0, n)) == NULL &&
      (w = _zr_quotes_word_list_suffix (lx->descriptions, u, 0, n)) == NULL)
    return NULL;
  return _zr_quotes_ucs4_dup (u, n - w->n, n);
}

/* s[word..end) is a title word (负责人, 民警) with no name after it: the
 * phrase it ends, if it describes a person, is remembered for 该负责人. */
static void
reader_note_described (Reader         *r,
                       const gunichar *s,
                       glong           from,
                       glong           word,
                       glong           end)
{
  glong rs;
  Person p;

  for (rs = word; rs > from && word - rs < 20; rs--)
    if (is_boundary (s[rs - 1]) || is_space (s[rs - 1]) || s[rs - 1] == 0x7684 /* 的 */)
      break;
  if (s[rs] == 0x8BE5 /* 该 */ || s[rs] == 0x8FD9 /* 这 */)
    return;
  _zr_quotes_parse_person (s, rs, end, &p);
  if (p.kind == PERSON_DESCRIPTION)
    g_hash_table_replace (r->described, _zr_quotes_ucs4_dup (s, word, end),
                          g_steal_pointer (&p.speaker));
  _zr_quotes_person_clear (&p);
}

/* The person the sentence at s[a..) begins with, in its first clause, is
 * met. */
static void
reader_note_subject (Reader         *r,
                     const gunichar *s,
                     glong           a,
                     glong           to)
{
  glong e = a;
  int commas = 0;
  Person p;

  while (e < to && e - a < 64 && !is_sentence_end (s[e]) && !is_open_mark (s[e]))
    {
      if (is_comma (s[e]) && ++commas == 1)
        break;
      e++;
    }
  if (e - a < 2)
    return;
  if (_zr_quotes_sentence_subject (r, s, a, e, &p) && p.kind == PERSON_NAME)
    reader_set_last (r, p.speaker, p.role, p.gender);
  _zr_quotes_person_clear (&p);
}

/* Mentions of people in running text: 副所长邓辉明, 袁师傅, 种植大户盘立新,
 * 十岁的盘小兰, and again any name already met. */
void
_zr_quotes_reader_scan_mentions (Reader         *r,
                                 const gunichar *s,
                                 glong           from,
                                 glong           to)
{
  const Lexicon *lx = _zr_quotes_lexicon ();

  for (glong i = from; i < to; i++)
    {
      const Word *w;
      glong sl, kn;

      /* the subject of each sentence (巷口开小卖部的柯某每天…), so that a
       * later 她 finds her even when nothing else tells she is a person */
      if (i == 0 || is_sentence_end (s[i - 1]))
        reader_note_subject (r, s, i, to);

      /* 市工信局相关负责人介绍: someone described, not named, whom a later
       * 该负责人 means */
      if ((w = _zr_quotes_word_list_suffix (lx->role_suffixes, s, from, i + 1)) != NULL &&
          (i + 1 >= to || !may_be_surname (lx, s[i + 1])))
        reader_note_described (r, s, from, i + 1 - w->n, i + 1);

      if (!may_be_surname (lx, s[i]) || !_zr_quotes_is_surname_at (s, i, to, &sl))
        continue;

      /* surname + honorific */
      if ((w = _zr_quotes_word_list_prefix (lx->mention_honorifics, s, i + sl, to)) != NULL)
        {
          g_autofree char *name = _zr_quotes_ucs4_dup (s, i, i + sl + w->n);
          reader_set_last (r, name, NULL, _zr_quotes_guess_gender (s, i, i, i + sl + w->n));
          i += sl + w->n - 1;
          continue;
        }

      /* title + name */
      if ((w = _zr_quotes_word_list_suffix (lx->role_suffixes, s, from, i)) != NULL)
        {
          glong e = i + sl + 2;
          glong rs;

          if (e > to || !_zr_quotes_is_name_before (s, i, e, to) ||
              _zr_quotes_word_list_prefix (lx->verbs, s, i + sl + 1, to) != NULL)
            e = i + sl + 1;
          if (e > to || !_zr_quotes_is_name (s, i, e))
            continue;
          for (rs = i - w->n; rs > from && rs > i - 24; rs--)
            if (is_boundary (s[rs - 1]) || is_space (s[rs - 1]) || s[rs - 1] == 0x7684 ||
                s[rs - 1] == 0x3001 || ends_role_search (s[rs - 1]))
              break;
          /* titles joined by 、: 市人大代表、某公司员工 */
          while (rs > from + 1 && s[rs - 1] == 0x3001)
            {
              glong q = rs - 1;
              while (q > from && q > rs - 16 && !is_boundary (s[q - 1]) && !is_space (s[q - 1]) &&
                     s[q - 1] != 0x7684 && s[q - 1] != 0x3001)
                q--;
              if (_zr_quotes_prefix_kind (s, q, rs - 1) != 2)
                break;
              rs = q;
            }
          {
            g_autofree char *name = _zr_quotes_ucs4_dup (s, i, e);
            g_autofree char *role = _zr_quotes_prefix_kind (s, rs, i) == 2 ? _zr_quotes_ucs4_dup (s, rs, i) : NULL;
            reader_set_last (r, name, role, _zr_quotes_guess_gender (s, rs, i, e));
          }
          i = e - 1;
          continue;
        }

      /* a name met before */
      if ((kn = reader_known_at (r, s, i, to)) > 0)
        {
          g_autofree char *name = _zr_quotes_ucs4_dup (s, i, i + kn);
          reader_set_last (r, name, NULL, GENDER_UNKNOWN);
          i += kn - 1;
          continue;
        }

      /* a full name after words telling who: 种植大户盘立新, 市民李华英,
       * 十岁的盘小兰 (three characters, so that 国家高新区 is no one) */
      {
        glong e = i + sl + 2, rs = i;
        gboolean who = FALSE;

        /* the cheap tests first: this runs at every surname-like character */
        if (e > to)
          continue;
        if (i >= 2 && s[i - 1] == 0x7684 /* 的 */ && s[i - 2] == 0x5C81 /* 岁 */)
          who = TRUE;
        /* 浦口镇的李某某, 荷塘区的王某某: where someone lives or works */
        else if (i >= 2 && s[i - 1] == 0x7684 /* 的 */ && is_place_end (s[i - 2]))
          who = TRUE;
        /* 做工程师的龙某某, 当了“巷长”的阳某某, “巷长”阳某某 */
        else if (i >= 3 && (s[i - 1] == 0x7684 /* 的 */ || is_close_mark (s[i - 1])) &&
                 (_zr_quotes_word_list_suffix (lx->role_suffixes, s, MAX (from, i - 12), i - 1) != NULL ||
                  (is_close_mark (s[i - 2]) &&
                   _zr_quotes_word_list_suffix (lx->role_suffixes, s, MAX (from, i - 12), i - 2) != NULL)))
          who = TRUE;
        else if (i > 0 && (char_flags (lx, s[i - 1]) & CHAR_PERSON_STRONG) != 0)
          for (glong k = 2; k <= 6 && i - k >= from && !who; k++)
            if (_zr_quotes_is_person_noun (s, i - k, i))
              {
                who = TRUE;
                rs = i - k;
              }
        if (!who && (w = _zr_quotes_word_list_suffix (lx->descriptions, s, from, i)) != NULL)
          {
            who = TRUE;
            rs = i - w->n;
          }
        /* 帮员工解决住宿: a person after 帮, 让, 给 … is followed by what
         * they do, not by their name */
        if (who && rs > 0 && is_pivot_verb (s[rs - 1]))
          who = FALSE;
        if (!who || !_zr_quotes_is_name_before (s, i, e, to))
          continue;
        /* 九岁的孙子黎梦石: the name is after the noun */
        for (glong j = i + 2; j <= i + 6 && j + 2 < to; j++)
          {
            glong jl;
            if (_zr_quotes_is_person_noun (s, i, j) && _zr_quotes_is_surname_at (s, j, to, &jl) &&
                _zr_quotes_is_name (s, j, j + jl + 2) && j + jl + 2 <= to)
              {
                rs = i;
                i = j;
                e = j + jl + 2;
                break;
              }
          }
        {
          g_autofree char *name = _zr_quotes_ucs4_dup (s, i, e);
          reader_set_last (r, name, NULL, _zr_quotes_guess_gender (s, rs, i, e));
        }
        i = e - 1;
      }
    }
}

/* 他常对徒弟们说, 王芳擦了擦手上的油污说, 准爸爸李强笑着冲妻子说: the
 * person at the start of the clause, with an action of a few words between
 * the name and the speech verb. */
PersonKind
_zr_quotes_reader_parse_lead (Reader         *r,
                              const gunichar *s,
                              glong           a,
                              glong           b,
                              Person         *out)
{
  const Lexicon *lx = _zr_quotes_lexicon ();
  const Word *w;
  glong best = -1, best_end = 0, best_from = 0;
  int best_score = 0;

  memset (out, 0, sizeof *out);
  while (a < b && is_space (s[a]))
    a++;
  while ((w = _zr_quotes_word_list_prefix (lx->lead_strips, s, a, b)) != NULL && b - a - w->n >= 3)
    a += w->n;
  if (b - a < 3)
    return PERSON_NONE;

  if ((s[a] == 0x4ED6 /* 他 */ || s[a] == 0x5979 /* 她 */) &&
      s[a + 1] != 0x4EEC /* 们 */ && s[a + 1] != 0x7684 /* 的 */ && b - a - 1 <= 16)
    {
      out->gender = s[a] == 0x5979 ? GENDER_FEMALE : GENDER_MALE;
      return out->kind = PERSON_PRONOUN;
    }

  for (glong p = a; p < b - 1 && p - a <= 12; p++)
    {
      glong sl, e, from = a, kn;
      int score, pk;

      if (!may_be_surname (lx, s[p]) || !_zr_quotes_is_surname_at (s, p, b, &sl))
        continue;
      for (glong t = p - 1; t >= a; t--)
        if (s[t] == 0x7684 /* 的 */)
          {
            from = t + 1;
            break;
          }
      if (from == p)
        score = 1;
      else if ((pk = _zr_quotes_prefix_kind (s, from, p)) > 0)
        score = pk == 2 ? 4 : 3;
      else if (_zr_quotes_is_person_noun (s, from, p) || _zr_quotes_is_counted_person (s, from, p))
        score = 2;
      else
        continue;

      if ((w = _zr_quotes_word_list_prefix (lx->honorifics, s, p + sl, b)) != NULL)
        e = p + sl + w->n;
      else if ((kn = reader_known_at (r, s, p, b)) > 0)
        e = p + kn;
      else if (_zr_quotes_is_name_before (s, p, p + sl + 2, b))
        e = p + sl + 2;
      else if (_zr_quotes_is_name (s, p, p + sl + 1))
        e = p + sl + 1;
      else
        continue;
      /* the action after the name: a few words, not 的 (李华的妈妈) */
      if (b - e < 1 || b - e > 16)
        continue;
      if (s[e] == 0x7684 /* 的 */ || s[e] == 0x4EEC /* 们 */ || s[e] == 0x7B49 /* 等 */ ||
          s[e] == 0x548C /* 和 */ || s[e] == 0x4E0E /* 与 */ || s[e] == 0x53CA /* 及 */ ||
          s[e] == 0x3001 /* 、 */ || s[e] == 0x5BB6 /* 家 */)
        continue;
      if (score > best_score)
        {
          best_score = score;
          best = p;
          best_end = e;
          best_from = from;
        }
    }
  if (best < 0)
    return PERSON_NONE;
  _zr_quotes_name_person (s, best_from, best, best_end, best_score == 4, out);
  out->bare = best_score == 1;
  return PERSON_NAME;
}

/* Context around (paragraph, pos) as one array; a paragraph that ends
 * without sentence punctuation continues into the next one (a layout break). */
gunichar *
_zr_quotes_reader_after (Reader *r,
                         guint   pi,
                         glong   pos,
                         glong  *out_len)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (gunichar));
  guint p = pi;
  glong from = pos;

  while (p < r->n && a->len < CONTEXT)
    {
      glong take = MIN (r->len[p] - from, CONTEXT - (glong) a->len);
      g_array_append_vals (a, r->par[p] + from, take);
      if (r->len[p] == 0 || is_sentence_end (r->par[p][r->len[p] - 1]) ||
          is_close_mark (r->par[p][r->len[p] - 1]) || is_colon (r->par[p][r->len[p] - 1]) ||
          is_ellipsis (r->par[p][r->len[p] - 1]))
        break;
      p++;
      from = 0;
    }
  *out_len = a->len;
  return (gunichar *) g_array_free (a, FALSE);
}

gunichar *
_zr_quotes_reader_before (Reader *r,
                          guint   pi,
                          glong   pos,
                          glong  *out_len)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (gunichar));
  glong take = MIN (pos, CONTEXT);

  g_array_append_vals (a, r->par[pi] + pos - take, take);
  if (take < CONTEXT && pi > 0 && r->len[pi - 1] > 0)
    {
      const gunichar *prev = r->par[pi - 1];
      glong pl = r->len[pi - 1];
      gunichar last = prev[pl - 1];

      if (!is_sentence_end (last) && !is_close_mark (last) && !is_ellipsis (last))
        {
          glong more = MIN (pl, CONTEXT - take);
          g_array_prepend_vals (a, prev + pl - more, more);
        }
    }
  *out_len = a->len;
  return (gunichar *) g_array_free (a, FALSE);
}

/* Who is named by a phrase, resolving 他/她 and filling a remembered role. */
void
_zr_quotes_reader_finish_person (Reader *r,
                                 Person *p)
{
  if (p->kind == PERSON_PRONOUN)
    {
      /* 她: the last woman or person of unknown sex named; 他 likewise;
       * failing that, whoever was named last; or the one person described
       * since (一位店主…他) */
      const char *name = r->last_name;
      guint seq = MAX (r->last_seq[GENDER_UNKNOWN], r->last_seq[p->gender]);

      if (r->last_seq[GENDER_UNKNOWN] > 0 || r->last_seq[p->gender] > 0)
        name = r->last_seq[p->gender] > r->last_seq[GENDER_UNKNOWN] ?
               r->last[p->gender] : r->last[GENDER_UNKNOWN];
      if (r->last_description != NULL && r->last_description_seq > seq &&
          !g_str_has_suffix (r->last_description, "们"))
        {
          p->kind = PERSON_DESCRIPTION;
          p->speaker = g_strdup (r->last_description);
        }
      else if (name != NULL)
        {
          const char *role = g_hash_table_lookup (r->roles, name);
          p->kind = PERSON_NAME;
          p->speaker = g_strdup (name);
          p->role = g_strdup (role);
        }
      else
        p->kind = PERSON_FIRST;   /* known to be someone, but not who */
    }
  else if (p->kind == PERSON_NAME)
    {
      if (p->role == NULL)
        p->role = g_strdup (g_hash_table_lookup (r->roles, p->speaker));
      reader_set_last (r, p->speaker, p->role, p->gender);
    }
  else if (p->kind == PERSON_DESCRIPTION && p->speaker != NULL)
    {
      /* 该负责人, 这位负责人: the one described before with that noun
       * (石峰区卫生健康局相关负责人) */
      const char *rest = NULL;

      if (g_str_has_prefix (p->speaker, "该"))
        rest = p->speaker + strlen ("该");
      else if (g_str_has_prefix (p->speaker, "这位") || g_str_has_prefix (p->speaker, "这名"))
        rest = p->speaker + strlen ("这位");
      if (rest != NULL && *rest != '\0')
        {
          g_autofree char *head = description_head (rest);
          const char *described = head ? g_hash_table_lookup (r->described, head) : NULL;

          if (described != NULL && g_str_has_suffix (described, rest))
            {
              g_free (p->speaker);
              p->speaker = g_strdup (described);
            }
        }
      else if (rest == NULL)
        {
          g_autofree char *head = description_head (p->speaker);

          g_free (r->last_description);
          r->last_description = g_strdup (p->speaker);
          if (head != NULL)
            g_hash_table_replace (r->described, g_steal_pointer (&head), g_strdup (p->speaker));
        }
      r->last_description_seq = ++r->seq;
    }
}
