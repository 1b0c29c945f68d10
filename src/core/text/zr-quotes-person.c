/* zr-quotes-person.c: reading a phrase that names a person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A phrase before a speech verb (石峰区城管局局长康久清, 市民袁女士, 该负责人,
 * 他) is split into the speaker as printed and the role printed with it.
 */
#include "config.h"

#include "zr-quotes-private.h"

void
_zr_quotes_person_clear (Person *p)
{
  g_clear_pointer (&p->speaker, g_free);
  g_clear_pointer (&p->role, g_free);
  p->kind = PERSON_NONE;
}

static gboolean
has_word (const WordList *wl,
          const gunichar *s,
          glong           a,
          glong           b)
{
  for (glong i = a; i < b; i++)
    if (_zr_quotes_word_list_prefix (wl, s, i, b) != NULL)
      return TRUE;
  return FALSE;
}

/* 0: not a role, 1: a description (市民), 2: a title (局长, 某公司员工,
 * 市人大代表、某厂工人). */
int
_zr_quotes_prefix_kind (const gunichar *s,
                        glong           a,
                        glong           b)
{
  const Lexicon *lx = _zr_quotes_lexicon ();
  const Word *d;

  if (b <= a)
    return 0;
  if ((d = _zr_quotes_word_list_suffix (lx->descriptions, s, a, b)) != NULL)
    {
      /* a job at a named organisation is a title */
      if (_zr_quotes_word_list_suffix (lx->employment_words, s, a, b) != NULL &&
          has_word (lx->org_words, s, a, b - d->n))
        return 2;
      /* titles joined by 、 */
      for (glong i = b - d->n - 1; i > a; i--)
        if (s[i] == 0x3001 /* 、 */)
          return _zr_quotes_prefix_kind (s, a, i) == 2 ? 2 : 1;
      return 1;
    }
  if (_zr_quotes_word_list_suffix (lx->role_suffixes, s, a, b) != NULL)
    return 2;
  return 0;
}

/* Chinese characters only, none of them a function word. */
static gboolean
all_han_noun (const gunichar *s,
              glong           a,
              glong           b)
{
  const Lexicon *lx = _zr_quotes_lexicon ();

  for (glong i = a; i < b; i++)
    if (!is_han (s[i]) || (char_flags (lx, s[i]) & CHAR_FUNCTION) != 0)
      return FALSE;
  return b > a;
}

/* A short noun phrase naming a person that is in neither list: 种植大户,
 * 准爸爸, 外卖骑手. It tells who the name is, but is not a title. */
gboolean
_zr_quotes_is_person_noun (const gunichar *s,
                           glong           a,
                           glong           b)
{
  const Lexicon *lx = _zr_quotes_lexicon ();
  static const gunichar numerals[] = { 0x4E00, 0x4E8C, 0x4E24, 0x4E09, 0x56DB, 0x4E94, 0x516D,
                                       0x4E03, 0x516B, 0x4E5D, 0x5341, 0x767E, 0x5343, 0x4E07,
                                       0x4EBF, 0x591A, 0x51E0, 0x4F59 };
                                       /* 一二两三四五六七八九十百千万亿多几余 */

  if (b - a < 2 || b - a > 10 || !all_han_noun (s, a, b))
    return FALSE;
  /* 带动一千多户, 多户: counted households, not a person */
  for (glong i = a; i < b; i++)
    if (_zr_quotes_ucs4_has (numerals, 0, G_N_ELEMENTS (numerals), s[i]))
      return FALSE;
  /* …家 is someone in 专家, 画家, 企业家, not in 大家, 国家, 事大家 */
  if (s[b - 1] == 0x5BB6 /* 家 */)
    {
      static const char makers[] = "专画作术法乐学业干行玩";
      gboolean maker = FALSE;

      for (const char *p = makers; *p && !maker; p = g_utf8_next_char (p))
        maker = g_utf8_get_char (p) == s[b - 2];
      if (!maker)
        return FALSE;
    }
  return (char_flags (lx, s[b - 1]) & CHAR_PERSON_END) != 0;
}

/* 一名外卖骑手, 一位快递小哥, 两名环卫工人: a counted person. */
gboolean
_zr_quotes_is_counted_person (const gunichar *s,
                              glong           a,
                              glong           b)
{
  static const gunichar numbers[] = { 0x4E00 /* 一 */, 0x4E24 /* 两 */, 0x51E0 /* 几 */,
                                      0x591A /* 多 */, 0x67D0 /* 某 */ };
  gboolean number = FALSE;

  if (b - a < 4)
    return FALSE;
  for (guint q = 0; q < G_N_ELEMENTS (numbers); q++)
    number = number || s[a] == numbers[q];
  if (!number)
    return FALSE;
  if (s[a + 1] == 0x540D /* 名 */ || s[a + 1] == 0x4F4D /* 位 */)
    return b - a <= 12 && all_han_noun (s, a + 2, b);
  if (s[a + 1] == 0x4E2A /* 个 */)
    return _zr_quotes_is_person_noun (s, a + 2, b);
  return FALSE;
}

static gboolean
all_word_chars (const gunichar *s,
                glong           a,
                glong           b)
{
  for (glong i = a; i < b; i++)
    if (!is_han (s[i]) && !g_unichar_isalnum (s[i]) && s[i] != 0x3001 /* 、 */ && s[i] != 0xB7)
      return FALSE;
  return TRUE;
}

/* Whether a person phrase tells a woman or a man: 王阿姨, 准爸爸李强, 盘小兰. */
Gender
_zr_quotes_guess_gender (const gunichar *s,
                         glong           a,
                         glong           name_start,
                         glong           b)
{
  const Lexicon *lx = _zr_quotes_lexicon ();

  if (_zr_quotes_word_list_suffix (lx->female_words, s, a, b) != NULL)
    return GENDER_FEMALE;
  if (_zr_quotes_word_list_suffix (lx->male_words, s, a, b) != NULL)
    return GENDER_MALE;
  if (name_start > a)
    {
      if (_zr_quotes_word_list_suffix (lx->female_words, s, a, name_start) != NULL)
        return GENDER_FEMALE;
      if (_zr_quotes_word_list_suffix (lx->male_words, s, a, name_start) != NULL)
        return GENDER_MALE;
    }
  if (b - name_start >= 2 && (char_flags (lx, s[b - 1]) & CHAR_FEMALE) != 0)
    return GENDER_FEMALE;
  return GENDER_UNKNOWN;
}

PersonKind
_zr_quotes_name_person (const gunichar *s,
                        glong           a,
                        glong           name_start,
                        glong           b,
                        gboolean        with_role,
                        Person         *out)
{
  out->kind = PERSON_NAME;
  out->speaker = _zr_quotes_ucs4_dup (s, name_start, b);
  if (with_role)
    out->role = _zr_quotes_ucs4_dup (s, a, name_start);
  out->gender = _zr_quotes_guess_gender (s, a, name_start, b);
  return PERSON_NAME;
}

/* Words that make a phrase a clause rather than a noun phrase naming a
 * person: 耐心地给孩子们 is what someone does, 区住房和城乡建设局负责人 is who
 * someone is. */
static gboolean
has_clause_words (const gunichar *s,
                  glong           a,
                  glong           b)
{
  static const char clause_chars[] = "了在是对向把被将给让说着也都还又就而但并或吗呢吧";

  for (glong i = a; i < b; i++)
    for (const char *p = clause_chars; *p; p = g_utf8_next_char (p))
      if (g_utf8_get_char (p) == s[i])
        return TRUE;
  return FALSE;
}

PersonKind
_zr_quotes_parse_person (const gunichar *s,
                         glong           a,
                         glong           b,
                         Person         *out)
{
  const Lexicon *lx = _zr_quotes_lexicon ();
  const Word *w;
  glong t, full_start;
  gboolean changed = TRUE;

  memset (out, 0, sizeof *out);

  while (a < b && is_space (s[a]))
    a++;
  while (b > a && is_space (s[b - 1]))
    b--;

  /* 一边看手机一边 (before 一边 goes as a tail word) */
  for (glong i = a + 2; i < b; i++)
    if (s[i] == 0x8FB9 /* 边 */ && _zr_quotes_ucs4_has (s, i + 1, b, 0x8FB9))
      {
        b = s[i - 1] == 0x4E00 /* 一 */ ? i - 1 : i;
        break;
      }

  while (changed && a < b)
    {
      changed = FALSE;
      if ((w = _zr_quotes_word_list_prefix (lx->lead_strips, s, a, b)) != NULL && b - a - w->n >= 1)
        {
          a += w->n;
          changed = TRUE;
        }
      if ((w = _zr_quotes_word_list_suffix (lx->tail_stops, s, a, b)) != NULL && b - w->n - a >= 1)
        {
          b -= w->n;
          changed = TRUE;
        }
      /* 在会上, 在谈到…时, 在现场: drop from the last 在 */
      if (b - a >= 4 && (s[b - 1] == 0x4E0A /* 上 */ || s[b - 1] == 0x65F6 /* 时 */ ||
                         s[b - 1] == 0x4E2D /* 中 */ || s[b - 1] == 0x91CC /* 里 */))
        {
          for (glong i = b - 2; i > a + 1 && i >= b - 14; i--)
            if (s[i] == 0x5728 /* 在 */)
              {
                b = i;
                changed = TRUE;
                break;
              }
        }
      /* an adverb ending in 地: two characters (腼腆地), or three when they
       * repeat (笑呵呵地) */
      if (b - a >= 4 && s[b - 1] == 0x5730 /* 地 */)
        {
          glong n = b - a >= 5 && s[b - 2] == s[b - 3] ? 4 : 3;
          b -= MIN (n, b - a - 1);
          changed = TRUE;
        }
    }

  /* 一边装箱一边说, 边收拳边说 */
  for (glong i = a + 2; i < b; i++)
    if (s[i] == 0x8FB9 /* 边 */ && _zr_quotes_ucs4_has (s, i + 1, b, 0x8FB9))
      {
        b = s[i - 1] == 0x4E00 /* 一 */ ? i - 1 : i;
        break;
      }

  /* 学生们笑着对老人喊, 冲着妻子说: who is spoken to is not who speaks */
  for (glong i = a; i < b && b - i <= 12; i++)
    if (s[i] == 0x5BF9 /* 对 */ || s[i] == 0x51B2 /* 冲 */ || s[i] == 0x671D /* 朝 */ ||
        s[i] == 0x8DDF /* 跟 */ || (s[i] == 0x5411 /* 向 */ && i > a))
      {
        b = i;
        while ((w = _zr_quotes_word_list_suffix (lx->tail_stops, s, a, b)) != NULL && b - w->n - a >= 1)
          b -= w->n;
        break;
      }

  if (b - a <= 0 || b - a > MAX_SEGMENT)
    return PERSON_NONE;
  full_start = a;

  for (glong i = a; i < b; i++)
    if (s[i] == 0x6211 /* 我 */ || s[i] == 0x54B1 /* 咱 */)
      return out->kind = PERSON_FIRST;

  if (b - a == 1 && (s[a] == 0x4ED6 /* 他 */ || s[a] == 0x5979 /* 她 */))
    {
      out->gender = s[a] == 0x5979 ? GENDER_FEMALE : GENDER_MALE;
      return out->kind = PERSON_PRONOUN;
    }
  if (s[a] == 0x4ED6 || s[a] == 0x5979 || s[a] == 0x4F60 || s[a] == 0x60A8)
    return PERSON_NONE;

  /* the writer's own people are not speakers, and a phrase ending in 记者
   * (曹某告诉记者) is no person's name */
  if (b - a >= 2 &&
      ((s[b - 2] == 0x8BB0 && s[b - 1] == 0x8005) /* 记者 */ ||
       (s[b - 2] == 0x7B14 && s[b - 1] == 0x8005) /* 笔者 */))
    return PERSON_NONE;

  /* descriptive words before the last 的 are not part of the name */
  for (t = b - 1; t > a; t--)
    if (s[t] == 0x7684 /* 的 */)
      {
        a = t + 1;
        break;
      }
  if (b - a <= 0 || !all_word_chars (s, a, b))
    return PERSON_NONE;

  /* surname + honorific: 袁女士, 王水兰阿姨, 李总 */
  if ((w = _zr_quotes_word_list_suffix (lx->honorifics, s, a, b)) != NULL)
    {
      glong p = b - w->n;
      glong best = -1;

      for (glong st = MAX (a, p - 3); st < p; st++)
        {
          glong sl;
          if (_zr_quotes_is_surname_at (s, st, p, &sl) && (st == p - sl || _zr_quotes_is_name (s, st, p)))
            {
              int k = _zr_quotes_prefix_kind (s, a, st);
              if (st == a || k > 0 || _zr_quotes_is_person_noun (s, a, st))
                {
                  best = st;
                  break;
                }
            }
        }
      if (best < 0 && p - 1 >= a)
        {
          glong sl;
          if (_zr_quotes_is_surname_at (s, p - 1, p, &sl))
            best = p - 1;
        }
      /* 老李, 小王 */
      if (best < 0 && p - 2 >= a && (s[p - 2] == 0x8001 || s[p - 2] == 0x5C0F))
        best = p - 2;
      if (best >= 0)
        return _zr_quotes_name_person (s, a, best, b, _zr_quotes_prefix_kind (s, a, best) == 2, out);
    }

  /* title + name: 石峰区城管局局长康久清; a name after words telling who
   * (种植大户邝建华, 一名外卖骑手王强); or a name alone */
  {
    glong best_start = -1;
    int best_score = 0;
    /* no name inside a closing description word (一名网约车司机) */
    glong longest = _zr_quotes_word_list_suffix (lx->descriptions, s, a, b) != NULL ? 0 : 4;

    for (glong k = longest; k >= 2; k--)
      {
        glong st = b - k;
        int score, pk;

        if (st < a || !_zr_quotes_is_name_before (s, st, b, b))
          continue;
        if (st == a)
          score = 1;
        else if ((pk = _zr_quotes_prefix_kind (s, a, st)) > 0)
          score = pk == 2 ? 4 : 3;
        else if (_zr_quotes_is_person_noun (s, a, st) || _zr_quotes_is_counted_person (s, a, st))
          score = 2;
        else
          score = 0;
        if (score > best_score)
          {
            best_score = score;
            best_start = st;
          }
      }
    if (best_start >= 0)
      {
        _zr_quotes_name_person (s, a, best_start, b, best_score == 4, out);
        out->bare = best_score == 1;
        return PERSON_NAME;
      }
  }

  /* 老李, 小王, and after who they are: 队员小贺, 市民老李 */
  if (b - a >= 2 && (s[b - 2] == 0x8001 || s[b - 2] == 0x5C0F))
    {
      glong sl;
      int pk = _zr_quotes_prefix_kind (s, a, b - 2);

      if (_zr_quotes_is_surname_at (s, b - 1, b, &sl) &&
          (b - a == 2 || pk > 0 || _zr_quotes_is_person_noun (s, a, b - 2)))
        return _zr_quotes_name_person (s, a, b - 2, b, pk == 2, out);
    }

  /* a description: 该负责人, 现场一名城管队员, 市民们, 一名外卖骑手 */
  {
    glong e = b;

    if (e - a >= 2 && s[e - 1] == 0x4EEC /* 们 */)
      e--;
    /* 有居民 (not 有关负责人): someone of those */
    if (e - a >= 3 && s[a] == 0x6709 /* 有 */ && s[a + 1] != 0x5173 /* 关 */ &&
        s[a + 1] != 0x4F4D /* 位 */ && s[a + 1] != 0x540D /* 名 */ && s[a + 1] != 0x4E2A /* 个 */ &&
        _zr_quotes_prefix_kind (s, a + 1, e) > 0)
      a++;
    /* a group: 瓜农们, 村民们 */
    if ((_zr_quotes_prefix_kind (s, a, e) > 0 || _zr_quotes_is_counted_person (s, a, e) ||
         (e < b && _zr_quotes_is_person_noun (s, a, e))) && b - a <= 20 &&
        !has_clause_words (s, a + 1, e))
      {
        static const gunichar quantifiers[] = { 0x4E00 /* 一 */, 0x67D0 /* 某 */, 0x8BE5 /* 该 */,
                                                0x4E0D /* 不(少) */, 0x591A /* 多(位) */,
                                                0x51E0 /* 几 */, 0x73B0 /* 现(场) */ };
        /* 一家瓷厂的销售经理: the whole phrase is the description */
        if (full_start < a && b - full_start <= 20 && all_word_chars (s, full_start, a - 1))
          for (guint q = 0; q < G_N_ELEMENTS (quantifiers); q++)
            if (s[full_start] == quantifiers[q])
              a = full_start;
        out->kind = PERSON_DESCRIPTION;
        out->speaker = _zr_quotes_ucs4_dup (s, a, b);
        out->gender = _zr_quotes_guess_gender (s, a, b, b);
        return PERSON_DESCRIPTION;
      }
    /* 现场一名外卖骑手 */
    for (glong i = a + 1; i + 4 <= e && i <= a + 4; i++)
      if (_zr_quotes_is_counted_person (s, i, e) && all_han_noun (s, a, i))
        {
          out->kind = PERSON_DESCRIPTION;
          out->speaker = _zr_quotes_ucs4_dup (s, a, b);
          return PERSON_DESCRIPTION;
        }
  }

  return PERSON_NONE;
}

gboolean
zr_quotes_parse_speaker (const char  *phrase,
                         char       **out_speaker,
                         char       **out_role)
{
  g_autofree gunichar *s = NULL;
  glong n;
  Person p;

  g_return_val_if_fail (phrase != NULL, FALSE);

  s = g_utf8_to_ucs4_fast (phrase, -1, &n);
  _zr_quotes_parse_person (s, 0, n, &p);
  if (p.kind != PERSON_NAME && p.kind != PERSON_DESCRIPTION)
    {
      _zr_quotes_person_clear (&p);
      return FALSE;
    }
  if (out_speaker)
    *out_speaker = g_steal_pointer (&p.speaker);
  if (out_role)
    *out_role = g_steal_pointer (&p.role);
  _zr_quotes_person_clear (&p);
  return TRUE;
}
