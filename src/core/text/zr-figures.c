/* zr-figures.c: numbers with units and percentages in an article
 *
 * The scanner walks each paragraph once, as an array of characters. At a
 * number that starts a token it reads: the number (digits, one decimal
 * point, 1,234 grouping), magnitudes (万, 亿, 千, 百), an approximation
 * (多, 余), then a unit from a fixed list, longest first. A number without
 * a unit may open a range (3至5个工作日) or stand alone with a magnitude (7万);
 * otherwise it is no figure. A token that fails is skipped whole, so the 8 of
 * 1-8月 or the digits of P430934963 never start a figure of their own.
 * Every step looks at a bounded number of characters: linear time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-figures.h"

#include <string.h>

/* Units after a number. Latin units must not be followed by a letter. */
static const char * const cjk_units[] = {
  "个工作日", "工作日", "个小时", "小时", "个月", "分钟", "秒钟", "周年",
  "个百分点", "百分点", "平方公里", "平方千米", "平方米", "立方米",
  "公里", "千米", "厘米", "毫米", "米", "公斤", "千克", "克", "斤", "吨",
  "公顷", "亩", "毫升", "升", "千瓦时", "千瓦", "兆瓦", "度",
  "美元", "欧元", "元", "台次", "人次", "架次", "车次",
  "倍", "个", "座", "台", "人", "名", "户", "项", "处", "条", "件", "家",
  "辆", "套", "间", "栋", "幢", "所", "位", "次", "场", "批", "起", "岁",
  "例", "篇", "本", "册", "张", "份", "只", "头", "棵", "株", "杯", "包",
  "盒", "箱", "架", "艘", "趟", "支", "种", "类", "款", "笔", "首", "部",
  "层", "盏", "根", "片", "天", "周", "年",
  NULL
};

static const char * const latin_units[] = {
  "km", "kg", "mg", "cm", "mm", "m", "MB", "GB", "KB", "TB", "Mbps",
  "kWh", "kW", "MW", "mAh", "ml", "mL", "L", "Hz", "kHz", "MHz", "GHz",
  "min",
  NULL
};

/* Units as character arrays, built once. */
typedef struct
{
  gunichar *chars;
  guint     len;
  gboolean  latin;
} Unit;

static Unit *units;
static guint n_units;

static void
init_units (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      guint n = g_strv_length ((char **) cjk_units) + g_strv_length ((char **) latin_units);
      Unit *u = g_new0 (Unit, n);
      guint k = 0;

      for (guint i = 0; cjk_units[i] != NULL; i++, k++)
        {
          glong len = 0;
          u[k].chars = g_utf8_to_ucs4_fast (cjk_units[i], -1, &len);
          u[k].len = (guint) len;
        }
      for (guint i = 0; latin_units[i] != NULL; i++, k++)
        {
          glong len = 0;
          u[k].chars = g_utf8_to_ucs4_fast (latin_units[i], -1, &len);
          u[k].len = (guint) len;
          u[k].latin = TRUE;
        }
      units = u;
      n_units = n;
      g_once_init_leave (&once, 1);
    }
}

ZrFigure *
zr_figure_new (guint       paragraph,
               guint       start,
               guint       end,
               const char *text,
               const char *context)
{
  ZrFigure *f = g_new0 (ZrFigure, 1);

  f->paragraph = paragraph;
  f->start = start;
  f->end = end;
  f->text = g_strdup (text);
  f->context = g_strdup (context);
  return f;
}

void
zr_figure_free (ZrFigure *figure)
{
  if (figure == NULL)
    return;
  g_free (figure->text);
  g_free (figure->context);
  g_free (figure);
}

/* Character classes */

static inline int
digit_value (gunichar c)
{
  if (c >= '0' && c <= '9')
    return (int) (c - '0');
  if (c >= 0xFF10 && c <= 0xFF19)   /* ０-９ */
    return (int) (c - 0xFF10);
  return -1;
}

static inline gboolean
is_digit (gunichar c)
{
  return digit_value (c) >= 0;
}

static inline gboolean
is_latin_letter (gunichar c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A);
}

static inline gboolean
is_point (gunichar c)
{
  return c == '.' || c == 0xFF0E;   /* ． */
}

static inline gboolean
is_percent (gunichar c)
{
  return c == '%' || c == 0xFF05 || c == 0x2030;   /* ％ ‰ */
}

static inline gboolean
is_magnitude (gunichar c)
{
  return c == 0x4E07 || c == 0x4EBF || c == 0x5343 || c == 0x767E;   /* 万 亿 千 百 */
}

static inline gboolean
is_cn_magnitude (gunichar c)
{
  return is_magnitude (c) || c == 0x5341;   /* 十 */
}

static inline gboolean
is_cn_digit (gunichar c)
{
  switch (c)
    {
    case 0x3007: /* 〇 */
    case 0x96F6: /* 零 */
    case 0x4E00: /* 一 */
    case 0x4E8C: /* 二 */
    case 0x4E24: /* 两 */
    case 0x4E09: /* 三 */
    case 0x56DB: /* 四 */
    case 0x4E94: /* 五 */
    case 0x516D: /* 六 */
    case 0x4E03: /* 七 */
    case 0x516B: /* 八 */
    case 0x4E5D: /* 九 */
      return TRUE;
    default:
      return FALSE;
    }
}

static inline gboolean
is_cn_numeral (gunichar c)
{
  return is_cn_digit (c) || is_cn_magnitude (c);
}

static inline gboolean
is_approx (gunichar c)
{
  return c == 0x591A || c == 0x4F59;   /* 多 余 */
}

static inline gboolean
is_range_sep (gunichar c)
{
  switch (c)
    {
    case 0x81F3: /* 至 */
    case 0x5230: /* 到 */
    case 0xFF5E: /* ～ */
    case 0x301C: /* 〜 */
    case '~':
    case '-':
    case 0x2013: /* – */
    case 0x2014: /* — */
    case 0xFF0D: /* － */
      return TRUE;
    default:
      return FALSE;
    }
}

/* Marks that glue a number to the token before it: 3·15, 7:30, 2023.3.15,
 * 1-8, 3/15. */
static inline gboolean
is_joiner (gunichar c)
{
  switch (c)
    {
    case '.':
    case 0xFF0E:
    case 0x00B7: /* · */
    case 0x30FB: /* ・ */
    case 0x2022: /* • */
    case ':':
    case '/':
    case 0xFF0F:
    case '-':
    case 0xFF0D:
    case '_':
    case '~':
    case 0xFF5E:
    case ',':
      return TRUE;
    default:
      return FALSE;
    }
}

/* May a number start right after @prev (with @prev2 before it)? */
static gboolean
can_start_after (const gunichar *a,
                 guint           i)
{
  gunichar prev, prev2;

  if (i == 0)
    return TRUE;
  prev = a[i - 1];
  if (is_digit (prev) || is_latin_letter (prev))
    return FALSE;
  if (prev == '#' || prev == 0xFF03 || prev == '@' || prev == '&')
    return FALSE;
  if (prev == 0x7B2C)   /* 第: an ordinal */
    return FALSE;
  if (is_joiner (prev) && i >= 2)
    {
      prev2 = a[i - 2];
      if (is_digit (prev2) || is_latin_letter (prev2))
        return FALSE;
    }
  return TRUE;
}

static inline gboolean
is_boundary (const gunichar *a,
             guint           n,
             guint           i)
{
  gunichar c = a[i];

  switch (c)
    {
    case 0xFF0C: /* ， */
    case 0x3002: /* 。 */
    case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */
    case 0xFF1B: /* ； */
    case 0xFF1A: /* ： */
    case 0x2026: /* … */
    case 0xFF08: /* （ */
    case 0xFF09: /* ） */
    case 0x3010: /* 【 */
    case 0x3011: /* 】 */
    case ',':
    case ';':
    case '!':
    case '?':
    case ':':
    case '(':
    case ')':
    case '\n':
    case '\r':
    case '\t':
      return TRUE;
    case '.':
      /* a full stop, not a decimal point */
      return !(i > 0 && i + 1 < n && is_digit (a[i - 1]) && is_digit (a[i + 1]));
    default:
      return FALSE;
    }
}

static inline gboolean
is_space (gunichar c)
{
  return c == ' ' || c == 0x3000 || c == 0xA0;
}

/* Reads an Arabic number at @i. Returns its end, or 0 when the token is not
 * a quantity (a version, a time, a document number); @token_end is always
 * set past everything that belongs to the token. */
static guint
read_arabic (const gunichar *a,
             guint           n,
             guint           i,
             guint          *token_end,
             guint          *int_digits)
{
  guint j = i;
  guint digits = 0;
  gboolean ok = TRUE;

  while (j < n && is_digit (a[j]))
    j++, digits++;

  /* 1,234 grouping: 1 to 3 leading digits, then groups of exactly 3 */
  if (digits <= 3)
    {
      while (j + 3 < n && a[j] == ',' &&
             is_digit (a[j + 1]) && is_digit (a[j + 2]) && is_digit (a[j + 3]) &&
             (j + 4 >= n || !is_digit (a[j + 4])))
        {
          j += 4;
          digits += 3;
        }
    }

  *int_digits = digits;

  /* leading zeros: 0731…, 01050815 are codes, not quantities */
  if (digits >= 2 && digit_value (a[i]) == 0)
    ok = FALSE;
  /* eleven or more digits: a phone or an identity number */
  if (digits > 10)
    ok = FALSE;

  if (j + 1 < n && is_point (a[j]) && is_digit (a[j + 1]))
    {
      j++;
      while (j < n && is_digit (a[j]))
        j++;
    }

  /* 2023.3.15, 7:30, 3/15, 3·15, V2.0.1, 12#, 3D: the token goes on */
  if (j + 1 < n && is_joiner (a[j]) && a[j] != '-' && a[j] != 0xFF0D &&
      a[j] != '~' && a[j] != 0xFF5E && a[j] != ',' && is_digit (a[j + 1]))
    ok = FALSE;
  if (j < n && (a[j] == '#' || a[j] == 0xFF03))
    ok = FALSE;

  if (!ok)
    {
      /* skip the whole token */
      while (j < n && (is_digit (a[j]) || is_latin_letter (a[j]) ||
                       ((is_joiner (a[j]) || a[j] == '#' || a[j] == 0xFF03) &&
                        j + 1 < n && (is_digit (a[j + 1]) || is_latin_letter (a[j + 1])))))
        j++;
      *token_end = MAX (j, i + 1);
      return 0;
    }

  *token_end = j;
  return j;
}

/* Reads a Chinese numeral (三千, 两万, 二十) at @i: at least two numeral
 * characters, one of them 十百千万亿. Returns its end or 0. */
static guint
read_chinese (const gunichar *a,
              guint           n,
              guint           i,
              guint          *token_end)
{
  guint j = i;
  gboolean has_magnitude = FALSE;

  while (j < n && is_cn_numeral (a[j]))
    {
      if (is_cn_magnitude (a[j]))
        has_magnitude = TRUE;
      j++;
    }
  *token_end = MAX (j, i + 1);
  if (j - i < 2 || !has_magnitude)
    return 0;
  return j;
}

/* The longest unit at @i, or 0. */
static guint
match_unit (const gunichar *a,
            guint           n,
            guint           i,
            gboolean        allow_latin)
{
  guint best = 0;

  for (guint u = 0; u < n_units; u++)
    {
      const Unit *unit = &units[u];
      guint k;

      if (unit->latin && !allow_latin)
        continue;
      if (unit->len <= best || i + unit->len > n)
        continue;
      for (k = 0; k < unit->len; k++)
        if (a[i + k] != unit->chars[k])
          break;
      if (k < unit->len)
        continue;
      if (unit->latin && i + k < n && (is_latin_letter (a[i + k]) || is_digit (a[i + k])))
        continue;
      best = unit->len;
    }
  return best;
}

static inline gboolean
is_year_follower (gunichar c)
{
  switch (c)
    {
    case 0x6708: /* 月 */
    case 0x4EE3: /* 代 */
    case 0x7EA7: /* 级 */
    case 0x5EA6: /* 度 */
    case 0x5E95: /* 底 */
    case 0x521D: /* 初 */
    case 0x672B: /* 末 */
    case 0x4EFD: /* 份 */
    case 0x7EC8: /* 终 */
    case 0x5C4A: /* 届 */
    case 0x6B3E: /* 款 */
    case 0x7248: /* 版 */
      return TRUE;
    default:
      return is_digit (c) || is_cn_digit (c);
    }
}

typedef struct
{
  guint    end;          /* end of the quantity, magnitudes and approximation */
  guint    unit_end;     /* end of the unit, or 0 when there is none */
  guint    token_end;    /* how far the scan may skip */
  gboolean magnitude;
} Quantity;

/* A number with what follows it. FALSE when there is no quantity at @i. */
static gboolean
read_quantity (const gunichar *a,
               guint           n,
               guint           i,
               Quantity       *q)
{
  gboolean chinese = !is_digit (a[i]);
  guint int_digits = 0;
  guint j, u;

  memset (q, 0, sizeof *q);

  if (chinese)
    j = read_chinese (a, n, i, &q->token_end);
  else
    j = read_arabic (a, n, i, &q->token_end, &int_digits);
  if (j == 0)
    return FALSE;

  if (!chinese)
    {
      guint m = 0;
      while (j < n && m < 2 && is_magnitude (a[j]))
        j++, m++;
      q->magnitude = m > 0;
    }
  else
    q->magnitude = TRUE;

  /* 300多名, 3000余户, 8万余人, 10余万元 */
  if (j < n && is_approx (a[j]))
    j++;
  if (j < n && is_magnitude (a[j]) && is_approx (a[j - 1]))
    {
      j++;
      q->magnitude = TRUE;
    }
  q->end = j;
  q->token_end = MAX (q->token_end, j);

  if (j < n && is_percent (a[j]) && !chinese)
    {
      q->unit_end = j + 1;
      q->token_end = q->unit_end;
      return TRUE;
    }

  u = match_unit (a, n, j, !chinese);
  if (u > 0)
    {
      gboolean year = (u == 1 && a[j] == 0x5E74);   /* 年 */
      if (year)
        {
          /* 2020年, 23年3月: a date; 10年, 二十年: a span */
          if ((!chinese && (int_digits > 3 || q->magnitude)) ||
              (j + 1 < n && is_year_follower (a[j + 1])))
            {
              q->token_end = j + 1;
              return TRUE;   /* a quantity without unit, so no figure */
            }
        }
      q->unit_end = j + u;
      q->token_end = q->unit_end;
      return TRUE;
    }

  /* 3D, 5G, 80后 stay as they are: no unit, no figure */
  return TRUE;
}

static char *
ucs4_slice (const gunichar *a,
            guint           start,
            guint           end)
{
  return g_ucs4_to_utf8 (a + start, (glong) (end - start), NULL, NULL, NULL);
}

static char *
make_context (const gunichar *a,
              guint           n,
              guint           start,
              guint           end)
{
  const guint max = ZR_FIGURE_CONTEXT_CHARS;
  guint l = start, r = end;
  guint from, to, avail, before, after;
  gboolean cut_left, cut_right;
  GString *out;
  char *piece;

  /* the clause, looked for within a bounded distance */
  while (l > 0 && start - l < 2 * max && !is_boundary (a, n, l - 1))
    l--;
  while (r < n && r - end < 2 * max && !is_boundary (a, n, r))
    r++;
  cut_left = l > 0 && !is_boundary (a, n, l - 1);
  cut_right = r < n && !is_boundary (a, n, r);
  while (l < start && is_space (a[l]))
    l++;
  while (r > end && is_space (a[r - 1]))
    r--;

  if (r - l <= max && !cut_left && !cut_right)
    return ucs4_slice (a, l, r);

  if (end - start >= max)
    {
      from = start;
      to = end;
    }
  else
    {
      /* keep more of what comes before: it usually says what is counted */
      avail = max - (end - start);
      after = MIN (r - end, avail / 3);
      before = MIN (start - l, avail - after);
      after = MIN (r - end, avail - before);
      from = start - before;
      to = end + after;
      /* never cut through another number */
      while (to > end && to < r && (is_digit (a[to - 1]) || is_point (a[to - 1])))
        to--;
      while (from < start && from > l && (is_digit (a[from]) || is_point (a[from])))
        from++;
    }

  out = g_string_new (NULL);
  if (from > l || cut_left)
    g_string_append (out, "…");
  piece = ucs4_slice (a, from, to);
  g_string_append (out, piece);
  g_free (piece);
  if (to < r || cut_right)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

/* Decodes @text to characters; an invalid byte counts as one U+FFFD. */
static gunichar *
decode (const char *text,
        guint      *out_len)
{
  gsize bytes = strlen (text);
  gunichar *a = g_new (gunichar, bytes + 1);
  const char *p = text, *end = text + bytes;
  guint n = 0;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          a[n++] = 0xFFFD;
          p++;
        }
      else
        {
          a[n++] = c;
          p = g_utf8_next_char (p);
        }
    }
  a[n] = 0;
  *out_len = n;
  return a;
}

static void
extract_paragraph (const char *text,
                   guint       paragraph,
                   GPtrArray  *out)
{
  guint n = 0;
  g_autofree gunichar *a = decode (text, &n);
  guint i = 0;

  while (i < n)
    {
      Quantity q, q2;
      guint fig_end = 0;

      if (!(is_digit (a[i]) || is_cn_numeral (a[i])))
        {
          i++;
          continue;
        }
      if (!can_start_after (a, i) || (i > 0 && is_cn_numeral (a[i]) && !is_digit (a[i]) &&
                                      (is_cn_numeral (a[i - 1]) || a[i - 1] == 0x521D)))   /* 初 */
        {
          /* inside a token: skip it whole */
          while (i < n && (is_digit (a[i]) || is_latin_letter (a[i]) || is_point (a[i])))
            i++;
          if (i < n && is_cn_numeral (a[i]) && !is_digit (a[i]))
            while (i < n && is_cn_numeral (a[i]))
              i++;
          continue;
        }

      if (!read_quantity (a, n, i, &q))
        {
          i = q.token_end > i ? q.token_end : i + 1;
          continue;
        }

      if (q.unit_end > 0)
        fig_end = q.unit_end;
      else if (q.end < n && q.end + 1 < n && is_range_sep (a[q.end]) &&
               is_digit (a[i]) == is_digit (a[q.end + 1]) &&
               (is_digit (a[q.end + 1]) || is_cn_numeral (a[q.end + 1])) &&
               read_quantity (a, n, q.end + 1, &q2))
        {
          if (q2.unit_end > 0)
            fig_end = q2.unit_end;
          else if (q.magnitude)
            fig_end = q.end;
          q.token_end = MAX (q.token_end, q2.token_end);
        }
      else if (q.magnitude && is_digit (a[i]))
        fig_end = q.end;   /* 7万, 1.5亿 */
      else if (q.end + 1 < n && is_range_sep (a[q.end]) && is_digit (a[q.end + 1]))
        {
          /* 1-8月: the second number belongs to this token */
          guint t = q.end + 1;
          while (t < n && (is_digit (a[t]) || is_point (a[t])))
            t++;
          q.token_end = MAX (q.token_end, t);
        }

      if (fig_end > 0)
        {
          g_autofree char *fig = ucs4_slice (a, i, fig_end);
          g_autofree char *context = make_context (a, n, i, fig_end);
          g_ptr_array_add (out, zr_figure_new (paragraph, i, fig_end, fig, context));
          i = fig_end;
        }
      else
        i = MAX (q.token_end, i + 1);
    }
}

GPtrArray *
zr_figures_extract_text (const char *text)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_figure_free);

  init_units ();
  if (text != NULL)
    extract_paragraph (text, 0, out);
  return out;
}

GPtrArray *
zr_figures_extract (const ZrRecord *record)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_figure_free);

  init_units ();
  if (record == NULL || record->paragraphs == NULL)
    return out;
  for (guint p = 0; p < record->paragraphs->len; p++)
    {
      const ZrParagraph *para = g_ptr_array_index (record->paragraphs, p);
      if (para == NULL || para->text == NULL)
        continue;
      extract_paragraph (para->text, p, out);
    }
  return out;
}
