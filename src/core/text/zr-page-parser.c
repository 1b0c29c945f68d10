/* zr-page-parser.c: segmenting one page's text into records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is read line by line. Each non-blank line becomes an Item with
 * a shape (heading-like, body, caption, byline, notice, page metadata…)
 * and features (marks, length, punctuation, a section head's form, a
 * place or column label's form, a dateline, a glued byline). A scored
 * parse of the whole page then labels every line with a state of a small
 * article grammar (column, kicker, headline, byline, body, subhead,
 * caption, …); the best labelling is found by dynamic programming (see
 * "Labels"). A walk over the labels builds the records. Lines broken
 * mid-sentence are rejoined unless the text after the break reads like
 * another story (character-bigram overlap), in which case the text after
 * the break becomes a fragment record. Everything is linear in the size of
 * the page, with a fixed budget for the overlap checks.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "zr-page-parser.h"
#include "zr-text-resources.h"

typedef enum
{
  ITEM_BODY,
  ITEM_HEAD,
  ITEM_CAPTION,
  ITEM_BYLINE,
  ITEM_END_BYLINE,
  ITEM_NOTICE,
  ITEM_META,
} ItemType;

/* What the segmenter decides each line is: the states of the page grammar
 * (see "Labels" below). */
typedef enum
{
  LABEL_COLUMN,
  LABEL_KICKER_ABOVE,
  LABEL_HEADLINE,
  LABEL_HEAD_CONT,
  LABEL_KICKER_BELOW,
  LABEL_BYLINE,
  LABEL_BODY,
  LABEL_SUBHEAD,
  LABEL_CAPTION,
  LABEL_END_BYLINE,
  LABEL_NOTICE_HEAD,
  LABEL_NOTICE,
  LABEL_NOTICE_BODY,
  N_LABELS,
  LABEL_META = N_LABELS,    /* decided before the parse, outside the grammar */
} Label;

typedef struct
{
  const char *s;            /* trimmed text, heading marks removed */
  gsize       len;          /* in bytes */
  int         offset;       /* char offset of s in the page */
  guint       nchars;
  int         level;        /* number of heading marks, 0 for none */
  int         blanks_before;
  ItemType    type;
  guint       subhead_only : 1;
  guint       series : 1;
  guint       joins_next : 1;
  guint       section_shape : 1;  /* 一、 1  ■ 【】 ** : a section head's form */
  guint       jump : 1;           /* （上接第N版） */
  guint       jump_head : 1;      /* "公交线路续": the head of a continuation */
  guint       dateline : 1;       /* starts with 株洲日报讯 … */
  guint       dateline_credit : 1; /* … with bylines in brackets */
  guint       glued_byline : 1;   /* ends a story: "…。（王峰 谢嘉）" */
  guint       open_end : 1;       /* ends mid-sentence */
  guint       label_like : 1;     /* short, unpunctuated: a column or place label */
  guint       place : 1;          /* names a place: ends in 区 县 镇 街道 … */
  guint       known_label : 1;    /* one of the paper's known columns (a prior) */
  guint       notice_title : 1;   /* 遗失声明, 招聘启事, 公示 … */
  guint       series_colon : 1;   /* 《…》系列报道：headline */
  guint       repeated : 1;       /* the same short line occurs again on the page */
  guint       signoff : 1;        /* a contact line, signature or date closing a text */
  Label       label;
  double      margin;             /* score of the label over the best other one */
  Label       runner_up;
} Item;

typedef struct
{
  gboolean    cut;          /* closed while its last paragraph was open */
  gboolean    resolved;     /* a later fragment continues it */
  int         head_item[3]; /* the lines that gave column, kicker, headline, or -1 */
} RecInfo;

typedef struct
{
  ZrPage     *page;
  Item       *items;
  guint       n_items;

  ZrRecord   *cur;
  gboolean    cur_ended;
  gboolean    in_head;      /* the last line was part of the current record's head */

  GString    *pbuf;         /* pending paragraph */
  int         poff;
  gboolean    pending;
  gboolean    popen;        /* pending paragraph ends mid-sentence */
  GPtrArray  *deferred;     /* captions that came inside a broken paragraph */

  GArray     *infos;        /* RecInfo per record of page->records */
  int         head_level;   /* the level of the page's headline marks, 0 if plain */
  int         sim_budget;
} Parser;

/* ------------------------------------------------------------------ */
/* Characters */

static inline gboolean
is_cjk (gunichar c)
{
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
         (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3134f);
}

static inline gboolean
is_final_punct (gunichar c)
{
  switch (c)
    {
    case 0x3002: /* 。 */
    case 0xff01: /* ！ */
    case 0xff1f: /* ？ */
    case '!':
    case '?':
    case 0x2026: /* … */
    case 0xff0e: /* ． */
      return TRUE;
    default:
      return FALSE;
    }
}

static inline gboolean
is_closing (gunichar c)
{
  switch (c)
    {
    case 0x201d: /* ” */
    case 0x2019: /* ’ */
    case 0x300d: /* 」 */
    case 0x300f: /* 』 */
    case 0xff09: /* ） */
    case ')':
    case 0x3011: /* 】 */
    case 0x300b: /* 》 */
    case '"':
    case '\'':
      return TRUE;
    default:
      return FALSE;
    }
}

static inline gboolean
is_pause_punct (gunichar c)
{
  switch (c)
    {
    case 0xff0c: /* ， */
    case ',':
    case 0x3001: /* 、 */
    case 0xff1b: /* ； */
    case ';':
    case 0xff1a: /* ： */
    case ':':
    case 0x2014: /* — */
      return TRUE;
    default:
      return FALSE;
    }
}

static gunichar
last_char (const char *s,
           gsize       len)
{
  const char *p;
  if (len == 0)
    return 0;
  p = g_utf8_find_prev_char (s, s + len);
  return p ? g_utf8_get_char (p) : 0;
}

/* Whether the text ends a sentence: 。！？… possibly inside closing quotes. */
static gboolean
ends_final (const char *s,
            gsize       len)
{
  const char *end = s + len;
  while (end > s)
    {
      const char *p = g_utf8_find_prev_char (s, end);
      gunichar c;
      if (p == NULL)
        return FALSE;
      c = g_utf8_get_char (p);
      if (is_final_punct (c))
        return TRUE;
      if (!is_closing (c))
        return FALSE;
      end = p;
    }
  return FALSE;
}

static gboolean
has_prefix_len (const char *s,
                gsize       len,
                const char *prefix)
{
  gsize pl = strlen (prefix);
  return len >= pl && memcmp (s, prefix, pl) == 0;
}

static gboolean
has_suffix_len (const char *s,
                gsize       len,
                const char *suffix)
{
  gsize sl = strlen (suffix);
  return len >= sl && memcmp (s + len - sl, suffix, sl) == 0;
}

static const char *
memstr (const char *s,
        gsize       len,
        const char *needle)
{
  gsize nl = strlen (needle);
  const char *end = s + len;
  const char *p;
  if (nl == 0 || len < nl)
    return NULL;
  /* find the needle's last byte with memchr: for Chinese text it varies
   * far more than the first (0xE4…0xE9 starts nearly every character) */
  p = s + nl - 1;
  while (p < end && (p = memchr (p, needle[nl - 1], end - p)) != NULL)
    {
      if (memcmp (p - (nl - 1), needle, nl) == 0)
        return p - (nl - 1);
      p++;
    }
  return NULL;
}

static int
char_offset_in (const Item *it,
                const char *p)
{
  return it->offset + (int) g_utf8_strlen (it->s, p - it->s);
}

/* ------------------------------------------------------------------ */
/* Labels, bylines, datelines */

/* The paper's known column labels: a prior only, read once from
 * data/columns/known-columns.txt (built in as a resource) */
static GHashTable *
known_columns (void)
{
  static GHashTable *columns = NULL;

  if (g_once_init_enter (&columns))
    {
      GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GBytes) bytes = g_resource_lookup_data (zr_text_get_resource (),
                                                        "/io/github/zhuzhou/Reader/core/text/known-columns.txt",
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      if (bytes != NULL)
        {
          gsize size;
          const char *data = g_bytes_get_data (bytes, &size);
          g_autofree char *text = g_strndup (data, size);
          g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
          for (guint i = 0; lines[i] != NULL; i++)
            {
              char *line = g_strstrip (lines[i]);
              if (*line != '\0' && *line != '#')
                g_hash_table_add (set, g_strdup (line));
            }
        }
      g_once_init_leave (&columns, set);
    }
  return columns;
}

static gboolean
is_column_label_len (const char *s,
                     gsize       len)
{
  char buf[64];
  if (len == 0 || len >= sizeof buf)
    return FALSE;
  memcpy (buf, s, len);
  buf[len] = '\0';
  return g_hash_table_contains (known_columns (), buf);
}

gboolean
zr_page_parser_is_column_label (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);
  return is_column_label_len (text, strlen (text));
}

static const char *role_words[] = {
  "特约通讯员", "通讯员", "实习生", "摄影", "摄影报道", "摄", "图", "文", "图文", "文图", "编辑", "见习生",
};

static gboolean
is_role (const char *s,
         gsize       len)
{
  glong n;
  if (len == 0 || !g_utf8_validate_len (s, len, NULL))
    return FALSE;
  n = g_utf8_strlen (s, len);
  if (has_suffix_len (s, len, "记者") && n <= 14)
    {
      for (const char *p = s; p < s + len; p = g_utf8_next_char (p))
        if (!is_cjk (g_utf8_get_char (p)))
          return FALSE;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (role_words); i++)
    if (strlen (role_words[i]) == len && memcmp (role_words[i], s, len) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_name (const char *s,
         gsize       len)
{
  guint n = 0, dots = 0;
  for (const char *p = s; p < s + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0xb7 || c == 0x30fb)
        dots++;
      else if (!is_cjk (c))
        return FALSE;
      n++;
    }
  if (dots > 0)
    return dots == 1 && n >= 4 && n <= 12;
  return n >= 2 && n <= 4;
}

static gboolean
is_byline_sep (gunichar c)
{
  return g_unichar_isspace (c) || c == '/' || c == 0xff0f || c == 0x3001;
}

/* Parses "全媒体记者/王小川 通讯员/李明", "记者 赵一 通讯员 钱二",
 * "王峰 谢嘉": roles apply to the names after them. */
static gboolean
parse_byline_tokens (const char *s,
                     gsize       len,
                     gboolean    need_role,
                     GPtrArray  *out)
{
  const char *p = s;
  const char *end = s + len;
  const char *role = NULL;
  gsize role_len = 0;
  guint names = 0, tokens = 0;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_byline_free);

  if (len == 0 || len > 240)
    return FALSE;
  while (p < end)
    {
      const char *t;
      while (p < end && is_byline_sep (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p >= end)
        break;
      t = p;
      while (p < end && !is_byline_sep (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (is_role (t, p - t))
        {
          role = t;
          role_len = p - t;
        }
      else if (is_name (t, p - t))
        {
          g_autofree char *name = g_strndup (t, p - t);
          g_autofree char *r = role ? g_strndup (role, role_len) : NULL;
          if (need_role && role == NULL)
            return FALSE;
          g_ptr_array_add (found, zr_byline_new (name, r));
          names++;
        }
      else
        return FALSE;
      tokens++;
    }
  if (names == 0)
    return FALSE;
  if (out)
    for (guint i = 0; i < found->len; i++)
      {
        ZrByline *b = g_ptr_array_index (found, i);
        g_ptr_array_add (out, zr_byline_new (b->name, b->role));
      }
  return TRUE;
}

/* "(王峰 谢嘉)" or "（于典）" spanning all of [s, s+len) */
static gboolean
is_bracket_byline (const char *s,
                   gsize       len,
                   GPtrArray  *out)
{
  gsize open_len, close_len;
  if (has_prefix_len (s, len, "("))
    open_len = 1;
  else if (has_prefix_len (s, len, "（"))
    open_len = strlen ("（");
  else
    return FALSE;
  if (has_suffix_len (s, len, ")"))
    close_len = 1;
  else if (has_suffix_len (s, len, "）"))
    close_len = strlen ("）");
  else
    return FALSE;
  if (len < open_len + close_len + 2)
    return FALSE;
  if (memchr (s + open_len, '(', len - open_len - close_len) ||
      memstr (s + open_len, len - open_len - close_len, "（"))
    return FALSE;
  return parse_byline_tokens (s + open_len, len - open_len - close_len, FALSE, out);
}

/* A paragraph ending in "。(孔娟 何庆文)": returns the start of the bracket */
static const char *
find_glued_byline (const char *s,
                   gsize       len)
{
  const char *end = s + len;
  const char *p;
  gunichar c = last_char (s, len);
  const char *before;

  if (c != ')' && c != 0xff09)
    return NULL;
  /* look back at most 80 bytes for the opening bracket */
  p = end - 1;
  while (p > s && end - p < 80)
    {
      p--;
      if (*p == '(' || has_prefix_len (p, end - p, "（"))
        break;
    }
  if (!(*p == '(' || has_prefix_len (p, end - p, "（")) || p == s)
    return NULL;
  if (!is_bracket_byline (p, end - p, NULL))
    return NULL;
  before = p;
  while (before > s)
    {
      const char *q = g_utf8_find_prev_char (s, before);
      if (q == NULL || !g_unichar_isspace (g_utf8_get_char (q)))
        break;
      before = q;
    }
  if (before == s || !ends_final (s, before - s))
    return NULL;
  return p;
}

/* "株洲日报讯(全媒体记者/王小川) 5月2日…": sets the ends of the dateline
 * and the bracketed byline (by_start == by_end when there is none). */
static gboolean
parse_dateline (const char *s,
                gsize       len,
                gsize      *dl_end,
                gsize      *by_start,
                gsize      *by_end)
{
  const char *p = s;
  const char *xun = NULL;
  const char *prev = NULL;
  guint n = 0;

  while (p < s + len && n < 12)
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0x8baf) /* 讯 */
        {
          xun = p;
          break;
        }
      if (!is_cjk (c))
        return FALSE;
      prev = p;
      p = g_utf8_next_char (p);
      n++;
    }
  if (xun == NULL || prev == NULL)
    return FALSE;
  {
    gunichar pc = g_utf8_get_char (prev);
    /* 报 社 台 网 站 本 */
    if (pc != 0x62a5 && pc != 0x793e && pc != 0x53f0 && pc != 0x7f51 && pc != 0x7ad9 && pc != 0x672c)
      return FALSE;
  }
  p = g_utf8_next_char (xun);
  *dl_end = p - s;
  *by_start = *by_end = *dl_end;
  while (p < s + len && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (p < s + len && (*p == '(' || has_prefix_len (p, s + len - p, "（")))
    {
      const char *q = p;
      const char *limit = MIN (s + len, p + 200);
      while (q < limit && *q != ')' && !has_prefix_len (q, limit - q, "）"))
        q = g_utf8_next_char (q);
      if (q < limit)
        {
          q = g_utf8_next_char (q);
          if (is_bracket_byline (p, q - p, NULL))
            {
              *by_start = p - s;
              *by_end = q - s;
            }
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Line classification */

static gboolean
is_heading_like (const Item *it)
{
  gunichar c;
  if (it->nchars < 2 || it->nchars > 40)
    return FALSE;
  if (ends_final (it->s, it->len))
    return FALSE;
  c = last_char (it->s, it->len);
  if (is_pause_punct (c) && c != 0x2014)
    return FALSE;
  if (memstr (it->s, it->len, "。") || memstr (it->s, it->len, "；"))
    return FALSE;
  /* two commas make a sentence, not a heading */
  {
    guint commas = 0;
    for (const char *p = it->s; p < it->s + it->len; p = g_utf8_next_char (p))
      {
        gunichar u = g_utf8_get_char (p);
        if (u == 0xff0c || u == ',')
          commas++;
      }
    if (commas >= 2)
      return FALSE;
  }
  /* a line that stops on a preposition or particle was cut by the layout */
  {
    static const gunichar stops[] = {
      0x4ee5, 0x628a, 0x88ab, 0x4ece, 0x5411, 0x5bf9, 0x5728, 0x4e0e, 0x548c, 0x53ca,
      0x7684, 0x5c06, 0x4e3a, 0x4e8e, 0x5730, 0x5f97, 0x5e76, 0x800c, 0x4f46, 0x6216,
    }; /* 以 把 被 从 向 对 在 与 和 及 的 将 为 于 地 得 并 而 但 或 */
    for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
      if (c == stops[i])
        return FALSE;
  }
  /* needs at least one letter or ideograph */
  for (const char *p = it->s; p < it->s + it->len; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static gboolean
is_notice_line (const Item *it)
{
  static const char *marks[] = { "·", "●", "•", "◆", "■" };
  static const char *words[] = { "遗失", "作废", "声明", "注销", "挂失", "公告", "启事", "减资", "清算" };
  gboolean marked = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    if (has_prefix_len (it->s, it->len, marks[i]))
      marked = TRUE;
  if (!marked)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (memstr (it->s, MIN (it->len, 600), words[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_banner (const Item *it)
{
  guint tokens = 0, tok_chars = 0;
  if (it->nchars > 24)
    return FALSE;
  for (const char *p = it->s; p <= it->s + it->len; )
    {
      gunichar c = p < it->s + it->len ? g_utf8_get_char (p) : ' ';
      if (g_unichar_isspace (c))
        {
          if (tok_chars > 0)
            {
              if (tok_chars < 2 || tok_chars > 5)
                return FALSE;
              tokens++;
            }
          tok_chars = 0;
        }
      else if (is_cjk (c))
        tok_chars++;
      else
        return FALSE;
      if (p == it->s + it->len)
        break;
      p = g_utf8_next_char (p);
    }
  return tokens >= 3;
}

/* A line that names itself a notice: 遗失声明, 招聘启事, 公示, 公告·声明 */
static gboolean
is_notice_title (const Item *it)
{
  static const char *words[] = {
    "声明", "启事", "公告", "公示", "通告", "招聘", "分类广告", "拍卖", "寻人",
  };
  if (it->nchars < 2 || it->nchars > 10)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (memstr (it->s, it->len, words[i]))
      return TRUE;
  return FALSE;
}

/* Only ideographs and a middle dot: "民生·服务" */
static gboolean
is_dotted_label (const Item *it)
{
  gboolean dot = FALSE;
  if (it->nchars < 3 || it->nchars > 12)
    return FALSE;
  for (const char *p = it->s; p < it->s + it->len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0xb7 || c == 0x30fb || c == 0x2022)
        dot = TRUE;
      else if (!is_cjk (c))
        return FALSE;
    }
  return dot;
}

static gboolean
is_meta_line (const Item *it,
              guint       index)
{
  static const char *prefixes[] = {
    "责任编辑", "本版编辑", "美术编辑", "美编", "校对", "组版", "版式", "编辑：", "编辑:",
  };
  if (is_notice_title (it))
    return FALSE;
  /* page headers: "# 综合·城区", "民生·服务" */
  if (it->level == 1 && it->nchars <= 16 &&
      (memstr (it->s, it->len, "·") || memstr (it->s, it->len, "・")))
    return TRUE;
  if (is_dotted_label (it))
    return TRUE;
  if (it->level == 1 && index == 0 && it->nchars <= 4)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (has_prefix_len (it->s, it->len, prefixes[i]) && it->nchars <= 60)
      return TRUE;
  if (it->level == 0 && it->nchars <= 30 &&
      (memstr (it->s, it->len, "星期") || (has_prefix_len (it->s, it->len, "第") &&
                                          has_suffix_len (it->s, it->len, "版"))))
    return TRUE;
  if (it->level == 0 && is_banner (it) && !parse_byline_tokens (it->s, it->len, TRUE, NULL))
    return TRUE;
  return FALSE;
}

static gboolean
is_caption_text (const Item *it)
{
  gunichar first = g_utf8_get_char (it->s);
  if (first == 0x25b2 || first == 0x25b3 || first == 0x2191) /* ▲ △ ↑ */
    return TRUE;
  if (it->nchars > 160)
    return FALSE;
  if (has_suffix_len (it->s, it->len, "摄") && it->len > 3)
    {
      gunichar c = last_char (it->s, it->len - 3);
      if (g_unichar_isspace (c) || c == '/' || c == 0xff0f || c == 0x3000)
        return TRUE;
    }
  if (has_suffix_len (it->s, it->len, "供图") || has_suffix_len (it->s, it->len, "(截图)") ||
      has_suffix_len (it->s, it->len, "（截图）") || has_suffix_len (it->s, it->len, "资料图片") ||
      has_suffix_len (it->s, it->len, "(资料图)") || has_suffix_len (it->s, it->len, "（资料图）"))
    return TRUE;
  return FALSE;
}

/* 一、 （一） 1  1. ■ ● ◆ 【…】 **…**: the forms of a section head inside a
 * long story */
static gboolean
has_section_shape (const Item *it)
{
  const char *p = it->s;
  const char *end = it->s + it->len;
  gunichar c = g_utf8_get_char (p);
  static const char *numerals = "一二三四五六七八九十";

  if (c == 0x25a0 || c == 0x25a1 || c == 0x25cf || c == 0x25c6 || c == 0x25b6 || c == 0x2605 ||
      c == 0x25c7 || c == 0x25cb)
    return TRUE;   /* ■ □ ● ◆ ▶ ★ ◇ ○ */
  if (has_prefix_len (p, it->len, "【") && has_suffix_len (p, it->len, "】"))
    return TRUE;
  if (it->len > 4 && has_prefix_len (p, it->len, "**") && has_suffix_len (p, it->len, "**"))
    return TRUE;
  /* 一、 十二、 */
  {
    const char *q = p;
    while (q < end && g_utf8_strchr (numerals, -1, g_utf8_get_char (q)))
      q = g_utf8_next_char (q);
    if (q > p && q < end && (g_utf8_get_char (q) == 0x3001 || g_utf8_get_char (q) == 0xff0e))
      return TRUE;
  }
  /* （一） (1) */
  if (has_prefix_len (p, it->len, "（") || *p == '(')
    {
      const char *q = g_utf8_next_char (p);
      const char *d = q;
      while (q < end && (g_ascii_isdigit (*q) || g_utf8_strchr (numerals, -1, g_utf8_get_char (q))))
        q = g_utf8_next_char (q);
      if (q > d && q < end && (*q == ')' || g_utf8_get_char (q) == 0xff09) && q + 1 < end)
        return TRUE;
    }
  /* 1 xxx, 1. xxx, 1、xxx, ０１ */
  {
    const char *q = p;
    while (q < end && (g_ascii_isdigit (*q) || (g_utf8_get_char (q) >= 0xff10 && g_utf8_get_char (q) <= 0xff19)))
      q = g_utf8_next_char (q);
    if (q > p && q < end && g_utf8_pointer_to_offset (p, q) <= 2)
      {
        gunichar d = g_utf8_get_char (q);
        if (g_unichar_isspace (d) || d == '.' || d == 0x3001 || d == 0xff0e || d == 0x3000)
          return TRUE;
      }
  }
  return FALSE;
}

/* （上接第1版） （下转第4版） （续） */
static gboolean
has_jump_in (const char *s,
             gsize       len)
{
  const char *p = memstr (s, len, "上接第");
  if (p == NULL)
    p = memstr (s, len, "转第");
  if (p == NULL)
    return FALSE;
  return memstr (p, s + len - p, "版") != NULL;
}

/* The marks sit at the start or the end of a line: look only there */
static gboolean
has_jump (const Item *it)
{
  const gsize edge = 48;
  if (it->len <= 2 * edge)
    return has_jump_in (it->s, it->len);
  return has_jump_in (it->s, edge) || has_jump_in (it->s + it->len - edge, edge);
}

/* Short and unpunctuated: a column, section or place label */
static gboolean
is_label_shape (const Item *it)
{
  if (it->nchars < 2 || it->nchars > 10)
    return FALSE;
  for (const char *p = it->s; p < it->s + it->len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!is_cjk (c) && c != 0xb7)
        return FALSE;
    }
  return TRUE;
}

static gboolean
names_place (const Item *it)
{
  static const char *suffixes[] = {
    "区", "县", "市", "镇", "乡", "街道", "社区", "村", "新区", "园区", "示范区",
  };
  if (it->nchars < 3)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (has_suffix_len (it->s, it->len, suffixes[i]))
      return TRUE;
  return FALSE;
}

/* "《城管进社区》系列报道之三：共享工具箱上门修": the length in bytes of the
 * series label up to and with the colon, 0 when there is none */
static gsize
series_label_len (const char *s,
                  gsize       len)
{
  /* the label is at most 24 characters: look for the colon there only */
  gsize head = MIN (len, 26 * 4);
  const char *colon = memstr (s, head, "：");
  gsize clen = strlen ("：");
  gsize n;
  if (colon == NULL)
    {
      colon = memchr (s, ':', head);
      clen = 1;
    }
  if (colon == NULL || colon == s)
    return 0;
  n = g_utf8_strlen (s, colon - s);
  if (n > 24 || g_utf8_strlen (colon + clen, s + len - colon - clen) < 4)
    return 0;
  if (memstr (s, colon - s, "系列") ||
      (has_prefix_len (s, len, "《") && memstr (s, colon - s, "》") &&
       has_suffix_len (s, colon - s, "》")) ||
      memstr (s, colon - s, "专栏") || memstr (s, colon - s, "之"))
    {
      if (memstr (s, colon - s, "之") && !memstr (s, colon - s, "系列") && !memstr (s, colon - s, "》"))
        return 0;
      return colon + clen - s;
    }
  return 0;
}

/* "联系电话：0731-…", "地址：…", "联系人：王女士": a contact line, the end
 * of a notice or a story, never a head */
static gboolean
is_contact_line (const Item *it)
{
  static const char *ends[] = {
    "电话", "热线", "联系人", "联系方式", "地址", "邮箱", "传真", "邮编", "网址",
  };
  const char *colon = memstr (it->s, MIN (it->len, 10 * 4), "：");
  if (colon == NULL)
    colon = memchr (it->s, ':', MIN (it->len, 10 * 4));
  if (colon == NULL || colon == it->s || it->nchars > 80)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    if (has_suffix_len (it->s, colon - it->s, ends[i]))
      return TRUE;
  return FALSE;
}

/* "2026年12月2日", "二〇二六年十二月二日", "12月2日": a date alone on its line */
static gboolean
is_date_line (const Item *it)
{
  static const char *digits = "0123456789０１２３４５６７８９〇零一二三四五六七八九十";
  gboolean month = FALSE;
  guint run = 0;
  if (it->nchars < 4 || it->nchars > 16 || !has_suffix_len (it->s, it->len, "日"))
    return FALSE;
  for (const char *p = it->s; p < it->s + it->len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c))
        continue;
      if (g_utf8_strchr (digits, -1, c) != NULL)
        {
          if (++run > 4)
            return FALSE;
          continue;
        }
      if (run == 0)
        return FALSE;   /* 年 月 日 each come after a number */
      run = 0;
      if (c == 0x6708)  /* 月 */
        month = TRUE;
      else if (c != 0x5e74 && c != 0x65e5)  /* 年 日 */
        return FALSE;
    }
  return month;
}

static gboolean
ends_on_stop (const Item *it)
{
  static const gunichar stops[] = {
    0x7684, 0x5728, 0x4e0e, 0x548c, 0x53ca, 0x5bf9, 0x4e3a, 0x5c06, 0x628a, 0x4ece, 0x5411,
  }; /* 的 在 与 和 及 对 为 将 把 从 向 */
  gunichar c = last_char (it->s, it->len);
  for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
    if (c == stops[i])
      return TRUE;
  return c == 0x2014 || c == 0xff1a || c == ':' || c == 0xff0c;
}

static void
classify_items (Parser *ps)
{
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < ps->n_items; i++)
    {
      Item *it = &ps->items[i];
      gboolean last = i + 1 == ps->n_items;
      int next_blanks = last ? 99 : ps->items[i + 1].blanks_before;

      it->type = ITEM_BODY;
      if (is_meta_line (it, i))
        it->type = ITEM_META;
      else if (it->level == 0 && is_notice_line (it))
        it->type = ITEM_NOTICE;
      else if (it->level == 0 && i > 0 && is_contact_line (it))
        it->signoff = TRUE;
      else if (it->level == 0 && is_caption_text (it))
        it->type = ITEM_CAPTION;
      else if (it->level == 0 && i > 0 && it->blanks_before >= 2 && it->nchars <= 30 &&
               (next_blanks >= 2 || has_suffix_len (it->s, it->len, "。") ||
                memstr (it->s, it->len, "截图")))
        it->type = ITEM_CAPTION;
      else if (it->level == 0 && it->nchars <= 80 && parse_byline_tokens (it->s, it->len, TRUE, NULL))
        it->type = ITEM_BYLINE;
      else if (it->level == 0 && is_bracket_byline (it->s, it->len, NULL))
        it->type = ITEM_END_BYLINE;
      else if (it->level >= 1 && it->nchars <= 80)
        it->type = ITEM_HEAD;
      else if (it->level == 0 && is_heading_like (it))
        it->type = ITEM_HEAD;
      else if (it->level == 0 && series_label_len (it->s, it->len) > 0 && it->nchars <= 48 &&
               !ends_final (it->s, it->len))
        it->type = ITEM_HEAD;

      it->jump = has_jump (it);
      it->jump_head = it->nchars <= 16 && !it->jump &&
                      (has_suffix_len (it->s, it->len, "续") || has_suffix_len (it->s, it->len, "（续）") ||
                       has_suffix_len (it->s, it->len, "(续)"));
      if (it->type == ITEM_HEAD)
        {
          if ((has_prefix_len (it->s, it->len, "【") && has_suffix_len (it->s, it->len, "】")) ||
              (it->nchars <= 3 && it->level == 0) ||
              (it->len == strlen ("前言") && memcmp (it->s, "前言", it->len) == 0) ||
              (it->len == strlen ("编者按") && memcmp (it->s, "编者按", it->len) == 0))
            it->subhead_only = TRUE;
          if (has_suffix_len (it->s, it->len, "系列报道") || memstr (it->s, it->len, "系列报道之") ||
              has_suffix_len (it->s, it->len, "系列评论"))
            it->series = TRUE;
          it->section_shape = has_section_shape (it);
          it->label_like = is_label_shape (it);
          it->place = it->label_like && names_place (it);
          it->known_label = is_column_label_len (it->s, it->len);
          it->notice_title = is_notice_title (it);
          it->series_colon = series_label_len (it->s, it->len) > 0;
          if (it->label_like)
            {
              char *key = g_strndup (it->s, it->len);
              guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (labels, key));
              g_hash_table_replace (labels, key, GUINT_TO_POINTER (seen + 1));
            }
        }
      else if (it->type == ITEM_BODY)
        {
          gsize a, b, c;
          it->dateline = parse_dateline (it->s, it->len, &a, &b, &c);
          it->dateline_credit = it->dateline && c > b;
          it->glued_byline = find_glued_byline (it->s, it->len) != NULL;
          it->open_end = !ends_final (it->s, it->len) && !it->jump && !it->signoff;
        }
      if (((it->type == ITEM_BODY && it->level == 0) || (it->type == ITEM_HEAD && it->level >= 1)) &&
          it->nchars <= 24 && !last && !it->signoff && !memstr (it->s, it->len, "。") && ends_on_stop (it))
        it->joins_next = TRUE;   /* first line of a headline set over two lines */
    }
  /* A date that closes a text, with the signature lines right above it
   * ("株洲市某某局" / "2026年12月2日"), belongs to that text: the date is
   * the last line before the next head, notice or the page's end, and
   * text comes before the signature. */
  for (guint i = 1; i < ps->n_items; i++)
    {
      Item *it = &ps->items[i];
      guint first = i;
      if (it->level != 0 || (it->type != ITEM_HEAD && it->type != ITEM_BODY) || !is_date_line (it))
        continue;
      if (i + 1 < ps->n_items && ps->items[i + 1].type == ITEM_BODY && !ps->items[i + 1].signoff)
        continue;
      while (first > 1 && i - first < 2 && ps->items[first - 1].level == 0 &&
             ps->items[first - 1].type == ITEM_HEAD && ps->items[first - 1].nchars <= 24 &&
             !ps->items[first - 1].notice_title && !ps->items[first - 1].section_shape)
        first--;
      if (ps->items[first - 1].type != ITEM_BODY && ps->items[first - 1].type != ITEM_NOTICE &&
          ps->items[first - 1].type != ITEM_END_BYLINE)
        continue;
      for (guint k = first; k <= i; k++)
        {
          Item *sk = &ps->items[k];
          sk->type = ITEM_BODY;
          sk->signoff = TRUE;
          sk->open_end = FALSE;
          sk->joins_next = FALSE;
          sk->dateline = sk->dateline_credit = sk->glued_byline = FALSE;
          sk->subhead_only = sk->series = sk->section_shape = sk->label_like = FALSE;
          sk->place = sk->known_label = sk->notice_title = sk->series_colon = FALSE;
        }
    }
  for (guint i = 0; i < ps->n_items; i++)
    {
      Item *it = &ps->items[i];
      if (it->type == ITEM_HEAD && it->label_like)
        {
          g_autofree char *key = g_strndup (it->s, it->len);
          it->repeated = GPOINTER_TO_UINT (g_hash_table_lookup (labels, key)) > 1;
        }
      /* a two-line headline start only counts before a heading-like line */
      if (it->joins_next)
        {
          if (i + 1 < ps->n_items && ps->items[i + 1].type == ITEM_HEAD &&
              ps->items[i + 1].level == it->level && !ps->items[i + 1].subhead_only)
            {
              it->type = ITEM_HEAD;
              it->open_end = FALSE;
            }
          else
            it->joins_next = FALSE;
        }
    }
}

/* ------------------------------------------------------------------ */
/* Labels: the best parse of the page under a small grammar
 *
 * Every line but the page's metadata gets one label. The grammar says
 * which label may follow which: an article's head is
 *   [column] [kicker above] headline [headline continued] [kicker below]
 * followed by bylines, captions or body; a body goes on with body lines,
 * subheads, captions and bylines in brackets, until the next head or
 * notice. Each line scores each label from its own features (marks,
 * length, punctuation, its shape) and each step scores what the line
 * after a label looks like (a byline or a dateline after a headline, a
 * new story after one that ended with its authors in brackets). The
 * labels with the best total are found by dynamic programming (Viterbi),
 * in time linear in the number of lines. */

#define IMPOSSIBLE (-1e9)

static const char *label_names[] = {
  "column", "kicker", "headline", "headline-continued", "kicker-below", "byline", "body",
  "subhead", "caption", "end-byline", "notice-head", "notice", "notice-body", "meta",
};

static gboolean
is_head_label (Label l)
{
  return l == LABEL_COLUMN || l == LABEL_KICKER_ABOVE || l == LABEL_HEADLINE ||
         l == LABEL_HEAD_CONT || l == LABEL_KICKER_BELOW;
}

/* the level at which this page marks its headlines: the lowest level of a
 * marked line that is followed by a byline or a dateline (0 for a plain
 * page) */
static int
page_head_level (Parser *ps)
{
  int best = 0, any = 0;
  for (guint i = 0; i < ps->n_items; i++)
    {
      const Item *it = &ps->items[i];
      guint j = i + 1;
      if (it->type != ITEM_HEAD || it->level == 0)
        continue;
      if (any == 0 || it->level < any)
        any = it->level;
      while (j < ps->n_items && (ps->items[j].type == ITEM_META ||
                                 (ps->items[j].type == ITEM_HEAD && ps->items[j].level >= it->level)))
        j++;
      if (j < ps->n_items && (ps->items[j].type == ITEM_BYLINE || ps->items[j].dateline) &&
          (best == 0 || it->level < best))
        best = it->level;
      /* right after a story that ended with its authors in brackets */
      if (i > 0 && (ps->items[i - 1].type == ITEM_END_BYLINE || ps->items[i - 1].glued_byline) &&
          (best == 0 || it->level < best))
        best = it->level;
    }
  return best ? best : any;
}

static double
emit_score (const Item *it,
            const Item *next,
            int         head_level,
            Label       l)
{
  gboolean head = it->type == ITEM_HEAD;
  double s;

  switch (l)
    {
    case LABEL_COLUMN:
      if (!head || !(it->label_like || it->known_label) || it->section_shape || it->jump ||
          next == NULL || next->type != ITEM_HEAD)
        return IMPOSSIBLE;
      s = -2.0;
      if (it->known_label)
        s += 3.0;
      if (it->place)
        s += 3.0;
      if (it->repeated)
        s += 1.0;
      if (it->nchars <= 6)
        s += 1.0;
      if (it->level > 0 && next->level > 0 && it->level > next->level)
        s += 3.0;
      return s;

    case LABEL_KICKER_ABOVE:
      if (!head || it->nchars < 5 || it->jump || next == NULL || next->type != ITEM_HEAD)
        return IMPOSSIBLE;
      s = -1.0;
      if (it->series)
        s += 5.0;
      if (it->section_shape)
        s -= 3.0;
      return s;

    case LABEL_HEADLINE:
      if (!head || it->jump)
        return IMPOSSIBLE;
      s = 0.0;
      if (it->nchars <= 3)
        s -= 5.0;
      else if (it->nchars <= 5)
        s -= 2.0;
      if (it->section_shape)
        s -= 4.0;
      if (it->subhead_only)
        s -= 3.0;
      if (it->notice_title)
        s -= 2.0;
      if (it->series_colon)
        s += 1.0;
      if (it->jump_head)
        s += 3.0;
      if (it->level > 0 && it->level == head_level)
        s += 1.0;
      else if (it->level > head_level && head_level > 0)
        s -= 1.5 * (it->level - head_level);
      else if (it->level == 0 && head_level > 0)
        s -= 0.5;
      return s;

    case LABEL_HEAD_CONT:
      if (!head || it->jump || it->section_shape)
        return IMPOSSIBLE;
      return -3.0;

    case LABEL_KICKER_BELOW:
      if (!head || it->nchars < 5 || it->jump)
        return IMPOSSIBLE;
      s = -2.5;
      if (g_utf8_get_char (it->s) == 0x2014)
        s += 4.5;
      if (it->section_shape)
        s -= 3.0;
      return s;

    case LABEL_BYLINE:
      return it->type == ITEM_BYLINE ? 4.0 : IMPOSSIBLE;

    case LABEL_BODY:
      switch (it->type)
        {
        case ITEM_BODY:
          return 0.0;
        case ITEM_HEAD:
          if (it->jump)
            return 0.0;
          return it->level > 0 ? -6.0 : -1.5;
        case ITEM_CAPTION:
          return -2.0;
        case ITEM_NOTICE:
          return -3.0;
        case ITEM_BYLINE:
        case ITEM_END_BYLINE:
        case ITEM_META:
        default:
          return -4.0;
        }

    case LABEL_SUBHEAD:
      if (!head || it->jump)
        return IMPOSSIBLE;
      s = -0.5;
      if (it->section_shape)
        s += 3.0;
      if (it->subhead_only)
        s += 2.0;
      if (it->level > 0 && it->level > head_level)
        s += 2.0;
      else if (it->level > 0 && it->level == head_level)
        s -= 2.0;
      if (it->series || it->jump_head)
        s -= 3.0;
      if (it->place)
        s -= 1.5;
      return s;

    case LABEL_CAPTION:
      return it->type == ITEM_CAPTION ? 3.0 : IMPOSSIBLE;

    case LABEL_END_BYLINE:
      return it->type == ITEM_END_BYLINE ? 4.0 : IMPOSSIBLE;

    case LABEL_NOTICE_HEAD:
      return head && it->notice_title && !it->section_shape ? 2.0 : IMPOSSIBLE;

    case LABEL_NOTICE:
      return it->type == ITEM_NOTICE ? 4.0 : IMPOSSIBLE;

    case LABEL_NOTICE_BODY:
      return it->type == ITEM_BODY ? 0.0 : IMPOSSIBLE;

    case N_LABELS:
    default:
      return IMPOSSIBLE;
    }
}

/* The score of label @l on line @it after label @p on line @prev (@prev is
 * NULL at the start of the page). */
static double
step_score (const Item *prev,
            Label       p,
            const Item *it,
            Label       l)
{
  gboolean story_start = l == LABEL_COLUMN || l == LABEL_KICKER_ABOVE || l == LABEL_HEADLINE ||
                         l == LABEL_NOTICE_HEAD;

  if (prev == NULL)
    {
      if (l == LABEL_HEAD_CONT || l == LABEL_KICKER_BELOW || l == LABEL_NOTICE_BODY)
        return IMPOSSIBLE;
      if (l == LABEL_SUBHEAD)
        return -3.0;
      if (l == LABEL_BYLINE)
        return -2.0;
      return 0.0;
    }

  switch (p)
    {
    case LABEL_COLUMN:
      return l == LABEL_KICKER_ABOVE || l == LABEL_HEADLINE ? 0.0 : IMPOSSIBLE;

    case LABEL_KICKER_ABOVE:
      return l == LABEL_HEADLINE ? 0.0 : IMPOSSIBLE;

    case LABEL_HEADLINE:
    case LABEL_HEAD_CONT:
    case LABEL_KICKER_BELOW:
      switch (l)
        {
        case LABEL_HEAD_CONT:
          /* joined text must not straddle a line of page metadata */
          if (p != LABEL_HEADLINE || prev->level != it->level || it != prev + 1)
            return IMPOSSIBLE;
          if (prev->joins_next)
            return 4.0;
          /* two short lines of one size: one headline set over two lines */
          return prev->nchars <= 9 && it->nchars <= 9 ? 2.0 : 0.0;
        case LABEL_KICKER_BELOW:
          if (p == LABEL_KICKER_BELOW)
            return IMPOSSIBLE;
          return prev->level > 0 && it->level > prev->level ? 2.0 : 0.0;
        case LABEL_BYLINE:
          return 1.0;
        case LABEL_BODY:
          return it->dateline ? 2.0 : 0.0;
        case LABEL_CAPTION:
          return it->blanks_before >= 2 ? 3.0 : 0.5;
        case LABEL_SUBHEAD:
          return -1.0;
        case LABEL_END_BYLINE:
          return -2.0;
        default:
          return IMPOSSIBLE;
        }

    case LABEL_BYLINE:
      if (story_start)
        return -1.0;
      switch (l)
        {
        case LABEL_BODY:
          return it->dateline ? -2.0 : 0.0;
        case LABEL_CAPTION:
        case LABEL_SUBHEAD:
        case LABEL_BYLINE:
          return 0.0;
        case LABEL_END_BYLINE:
          return -2.0;
        default:
          return IMPOSSIBLE;
        }

    case LABEL_NOTICE_HEAD:
      if (l == LABEL_NOTICE || l == LABEL_NOTICE_BODY)
        return 0.5;
      return l == LABEL_CAPTION ? 0.0 : IMPOSSIBLE;

    case LABEL_NOTICE_BODY:
      /* notices follow one another without credits */
      if (story_start)
        return 1.0;
      if (l == LABEL_NOTICE_BODY || l == LABEL_NOTICE || l == LABEL_CAPTION)
        return 0.0;
      return IMPOSSIBLE;

    case LABEL_END_BYLINE:
    case LABEL_NOTICE:
    case LABEL_BODY:
    case LABEL_SUBHEAD:
    case LABEL_CAPTION:
    default:
      {
        /* the story before has ended (its authors in brackets) or was cut
         * mid-sentence by the layout: what comes is a new story */
        gboolean ended = p == LABEL_END_BYLINE || p == LABEL_NOTICE ||
                         (p == LABEL_BODY && (prev->glued_byline || prev->signoff));
        gboolean cut = p == LABEL_BODY && prev->open_end && !prev->glued_byline;

        if (l == LABEL_HEAD_CONT || l == LABEL_KICKER_BELOW)
          return IMPOSSIBLE;
        if (l == LABEL_NOTICE_BODY)
          return p == LABEL_NOTICE ? 0.0 : IMPOSSIBLE;
        if (story_start)
          {
            if (ended)
              return 2.0;
            if (cut)
              return 0.5;
            if (p == LABEL_SUBHEAD)
              return -4.0;
            /* a heading-like line read as body right above a head */
            if (p == LABEL_BODY && prev->type == ITEM_HEAD)
              return -3.5;
            return -2.5;
          }
        switch (l)
          {
          case LABEL_SUBHEAD:
            if (ended)
              return -5.0;
            return p == LABEL_SUBHEAD ? -0.5 : 0.0;
          case LABEL_BODY:
            if (it->dateline)
              return -6.0;
            return ended ? -1.0 : 0.0;
          case LABEL_BYLINE:
            /* a byline right under a head line says the head opened a story */
            return p == LABEL_SUBHEAD ? -6.0 : -1.5;
          case LABEL_END_BYLINE:
            return ended ? -1.0 : 0.0;
          case LABEL_NOTICE:
            return p == LABEL_NOTICE ? 1.0 : 0.0;
          case LABEL_CAPTION:
            if (p == LABEL_SUBHEAD)
              return it->blanks_before >= 2 ? -1.5 : -1.0;
            return 0.0;
          default:
            return 0.0;
          }
      }
    }
}

/* Whether the line, read as @l, gives its story's credits: a byline line,
 * bylines in brackets, a dateline with bylines, a body line that ends
 * with its authors in brackets */
static gboolean
gives_credit (const Item *it,
              Label       l)
{
  return l == LABEL_BYLINE || l == LABEL_END_BYLINE ||
         (l == LABEL_BODY && (it->glued_byline || it->dateline_credit));
}

/* A state of the parse: a label and whether the story has its credits
 * yet. A story is credited once; credits that come again after a head
 * line say the head line opened another story. */
#define N_STATES (N_LABELS * 2)
G_STATIC_ASSERT (N_STATES <= 32);
#define STATE(l, c) ((l) * 2 + (c))
#define STATE_LABEL(s) ((Label) ((s) / 2))
#define STATE_CREDITED(s) ((s) % 2)

static double
step_state (const Item *prev,
            int         ps,
            const Item *it,
            Label       l,
            int        *credited)
{
  Label p = prev ? STATE_LABEL (ps) : 0;
  gboolean pc = prev ? STATE_CREDITED (ps) : FALSE;
  double t = step_score (prev, p, it, l);
  gboolean story_start = l == LABEL_COLUMN || l == LABEL_KICKER_ABOVE || l == LABEL_HEADLINE ||
                         l == LABEL_NOTICE_HEAD;

  if (t <= IMPOSSIBLE / 2)
    return IMPOSSIBLE;
  if (story_start)
    *credited = FALSE;
  else if (gives_credit (it, l))
    {
      /* two byline lines in a row are one credit */
      if (pc && !(p == LABEL_BYLINE && l == LABEL_BYLINE))
        t -= 3.0;
      *credited = TRUE;
    }
  else
    *credited = pc;
  return t;
}

static void
label_items (Parser *ps)
{
  g_autofree guint *seq = g_new (guint, ps->n_items + 1);
  g_autofree guchar *back = NULL;
  g_autofree guint32 *reach = NULL;  /* per line: the states the forward pass reached */
  g_autofree int *row_of = NULL;      /* line → its saved forward row, or -1 */
  g_autofree float *rows = NULL;      /* forward scores of the lines that may be heads */
  float fwd_prev[N_STATES], fwd_cur[N_STATES], bwd_next[N_STATES], bwd_cur[N_STATES];
  float emit_next[N_LABELS];
  int live[N_STATES], n_live;
  guint n = 0, n_rows = 0;
  int head_level = ps->head_level = page_head_level (ps);

  for (guint i = 0; i < ps->n_items; i++)
    {
      Item *it = &ps->items[i];
      it->margin = 99.0;
      if (it->type == ITEM_META)
        {
          it->label = LABEL_META;
          it->runner_up = LABEL_META;
        }
      else
        seq[n++] = i;
    }
  if (n == 0)
    return;

  /* Only the lines that may be heads keep their forward scores, for the
   * margins "why" reports; the rest of the pass runs on two rows, so a
   * page of 10^5 lines needs a few megabytes, not tens. */
  row_of = g_new (int, n);
  for (guint k = 0; k < n; k++)
    row_of[k] = ps->items[seq[k]].type == ITEM_HEAD ? (int) n_rows++ : -1;
  rows = g_new (float, (gsize) MAX (n_rows, 1) * N_STATES);
  back = g_new0 (guchar, (gsize) n * N_STATES);
  reach = g_new0 (guint32, n);

  /* forward: the best score of each state at each line */
  for (guint k = 0; k < n; k++)
    {
      const Item *it = &ps->items[seq[k]];
      const Item *prev = k > 0 ? &ps->items[seq[k - 1]] : NULL;
      const Item *next = k + 1 < n ? &ps->items[seq[k + 1]] : NULL;

      n_live = 0;
      if (k > 0)
        for (int s = 0; s < N_STATES; s++)
          if (fwd_prev[s] > IMPOSSIBLE / 2)
            live[n_live++] = s;
      for (int s = 0; s < N_STATES; s++)
        fwd_cur[s] = IMPOSSIBLE;
      for (int l = 0; l < N_LABELS; l++)
        {
          double e = emit_score (it, next, head_level, l);
          int c;
          if (e <= IMPOSSIBLE / 2)
            continue;
          if (k == 0)
            {
              double t = step_state (NULL, 0, it, l, &c);
              if (t > IMPOSSIBLE / 2)
                fwd_cur[STATE (l, c)] = (float) (t + e);
              continue;
            }
          for (int j = 0; j < n_live; j++)
            {
              int p = live[j];
              double t = step_state (prev, p, it, l, &c);
              double v;
              if (t <= IMPOSSIBLE / 2)
                continue;
              v = fwd_prev[p] + t + e;
              if (v > fwd_cur[STATE (l, c)])
                {
                  fwd_cur[STATE (l, c)] = (float) v;
                  back[(gsize) k * N_STATES + STATE (l, c)] = (guchar) p;
                }
            }
        }
      for (int st = 0; st < N_STATES; st++)
        if (fwd_cur[st] > IMPOSSIBLE / 2)
          reach[k] |= 1u << st;
      if (row_of[k] >= 0)
        memcpy (rows + (gsize) row_of[k] * N_STATES, fwd_cur, sizeof fwd_cur);
      memcpy (fwd_prev, fwd_cur, sizeof fwd_cur);
    }

  /* the best last state: a page cannot end inside a head */
  {
    int s = 0;
    double best = IMPOSSIBLE * 2;
    for (int m = 0; m < N_STATES; m++)
      if (STATE_LABEL (m) != LABEL_COLUMN && STATE_LABEL (m) != LABEL_KICKER_ABOVE &&
          fwd_prev[m] > best)
        {
          best = fwd_prev[m];
          s = m;
        }
    for (guint k = n; k-- > 0;)
      {
        ps->items[seq[k]].label = STATE_LABEL (s);
        ps->items[seq[k]].runner_up = STATE_LABEL (s);
        s = back[(gsize) k * N_STATES + s];
      }
  }

  /* backward: the best score of the rest of the page after each state,
   * and with it each possible head's margin over its runner-up label */
  for (int s = 0; s < N_STATES; s++)
    bwd_next[s] = STATE_LABEL (s) == LABEL_COLUMN || STATE_LABEL (s) == LABEL_KICKER_ABOVE ? IMPOSSIBLE : 0.0f;
  for (int l = 0; l < N_LABELS; l++)
    emit_next[l] = IMPOSSIBLE;
  for (guint k = n; k-- > 0;)
    {
      Item *it = &ps->items[seq[k]];
      const Item *nx = k + 1 < n ? &ps->items[seq[k + 1]] : NULL;

      if (nx == NULL)
        memcpy (bwd_cur, bwd_next, sizeof bwd_cur);
      else
        {
          int valid[N_LABELS], n_valid = 0;
          for (int m = 0; m < N_LABELS; m++)
            if (emit_next[m] > IMPOSSIBLE / 2)
              valid[n_valid++] = m;
          for (int s = 0; s < N_STATES; s++)
            {
              double best = IMPOSSIBLE;
              /* a state the page cannot be in needs no score */
              if (!(reach[k] & (1u << s)))
                {
                  bwd_cur[s] = IMPOSSIBLE;
                  continue;
                }
              for (int j = 0; j < n_valid; j++)
                {
                  int m = valid[j];
                  int c;
                  double t = step_state (it, s, nx, m, &c);
                  double b;
                  if (t <= IMPOSSIBLE / 2)
                    continue;
                  b = bwd_next[STATE (m, c)];
                  if (b <= IMPOSSIBLE / 2)
                    continue;
                  best = MAX (best, t + emit_next[m] + b);
                }
              bwd_cur[s] = (float) best;
            }
        }

      if (row_of[k] >= 0)
        {
          const float *f = rows + (gsize) row_of[k] * N_STATES;
          double per_label[N_LABELS];
          double chosen = IMPOSSIBLE, other = IMPOSSIBLE;
          for (int l = 0; l < N_LABELS; l++)
            per_label[l] = IMPOSSIBLE;
          for (int m = 0; m < N_STATES; m++)
            if (f[m] > IMPOSSIBLE / 2 && bwd_cur[m] > IMPOSSIBLE / 2)
              per_label[STATE_LABEL (m)] = MAX (per_label[STATE_LABEL (m)], (double) f[m] + bwd_cur[m]);
          chosen = per_label[it->label];
          for (int l = 0; l < N_LABELS; l++)
            if (l != (int) it->label && per_label[l] > other)
              {
                other = per_label[l];
                it->runner_up = l;
              }
          it->margin = other > IMPOSSIBLE / 2 && chosen > IMPOSSIBLE / 2 ? chosen - other : 99.0;
        }

      {
        const Item *next_of_it = nx;
        for (int l = 0; l < N_LABELS; l++)
          emit_next[l] = (float) emit_score (it, next_of_it, head_level, l);
      }
      memcpy (bwd_next, bwd_cur, sizeof bwd_cur);
    }
}

/* ------------------------------------------------------------------ */
/* Similarity of two texts: set cosine over CJK character bigrams */

/* A set of bigram keys: open addressing, 0 marks a free slot (the key 0
 * is kept aside). */
typedef struct
{
  guint   *slots;
  guint    mask;
  guint    n;
  gboolean has_zero;
} BigramSet;

static void
bigram_set_free (BigramSet *set)
{
  g_free (set->slots);
  g_free (set);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BigramSet, bigram_set_free)

static inline guint
bigram_slot (const BigramSet *set,
             guint            key)
{
  guint i = (key * 2654435769u) & set->mask;
  while (set->slots[i] != 0 && set->slots[i] != key)
    i = (i + 1) & set->mask;
  return i;
}

static BigramSet *
bigram_set (const char *s,
            gsize       len,
            gsize       cap)
{
  BigramSet *set = g_new0 (BigramSet, 1);
  gunichar prev = 0;
  const char *end = s + MIN (len, cap);
  guint size = 16;
  /* at most one key per character */
  while (size < MIN (len, cap) * 2 + 2)
    size *= 2;
  set->slots = g_new0 (guint, size);
  set->mask = size - 1;
  for (const char *p = s; p < end;)
    {
      const guchar *u = (const guchar *) p;
      gunichar c;
      if (u[0] >= 0xE0 && u[0] <= 0xEF && end - p >= 3)
        {
          /* what g_utf8_get_char() reads, without the call */
          c = ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
          p += 3;
        }
      else
        {
          c = g_utf8_get_char (p);
          p = g_utf8_next_char (p);
        }
      if (!is_cjk (c))
        {
          prev = 0;
          continue;
        }
      if (prev)
        {
          guint key = (prev * 2654435761u) ^ (c * 40503u) ^ 1u;
          if (key == 0)
            {
              set->n += !set->has_zero;
              set->has_zero = TRUE;
            }
          else
            {
              guint i = bigram_slot (set, key);
              if (set->slots[i] == 0)
                {
                  set->slots[i] = key;
                  set->n++;
                }
            }
        }
      prev = c;
    }
  return set;
}

static double
set_cosine (BigramSet *a,
            BigramSet *b)
{
  guint common = 0;
  guint na = a->n, nb = b->n;
  if (na == 0 || nb == 0)
    return 0.0;
  if (na > nb)
    {
      BigramSet *t = a;
      a = b;
      b = t;
    }
  if (a->has_zero && b->has_zero)
    common++;
  for (guint i = 0; i <= a->mask; i++)
    {
      guint key = a->slots[i];
      if (key != 0 && b->slots[bigram_slot (b, key)] == key)
        common++;
    }
  return common / sqrt ((double) na * nb);
}

static char *
record_sample_text (const ZrRecord *r,
                    gsize           cap)
{
  GString *s = g_string_new (r->headline);
  for (guint i = 0; i < r->paragraphs->len && s->len < cap; i++)
    {
      const ZrParagraph *p = g_ptr_array_index (r->paragraphs, i);
      g_string_append_c (s, '\n');
      g_string_append (s, p->text);
    }
  return g_string_free (s, FALSE);
}

/* ------------------------------------------------------------------ */
/* Building records */

static void
add_record (Parser   *ps,
            ZrRecord *r)
{
  RecInfo info = { FALSE, FALSE, { -1, -1, -1 } };
  g_ptr_array_add (ps->page->records, r);
  g_array_append_val (ps->infos, info);
}

static void
flush_pending (Parser *ps)
{
  if (ps->pending && ps->cur != NULL)
    {
      g_ptr_array_add (ps->cur->paragraphs,
                       zr_paragraph_new (ZR_PARAGRAPH_KIND_BODY, ps->pbuf->str, ps->poff));
      ps->pending = FALSE;
    }
  if (ps->cur != NULL)
    for (guint i = 0; i < ps->deferred->len; i++)
      g_ptr_array_add (ps->cur->paragraphs, g_ptr_array_index (ps->deferred, i));
  g_ptr_array_set_size (ps->deferred, 0);
  ps->pending = FALSE;
}

static void
close_record (Parser *ps)
{
  gboolean cut = ps->pending && ps->popen;
  flush_pending (ps);
  if (ps->cur != NULL && cut)
    g_array_index (ps->infos, RecInfo, ps->infos->len - 1).cut = TRUE;
  ps->cur = NULL;
  ps->cur_ended = FALSE;
  ps->popen = FALSE;
}

static ZrRecord *
open_record (Parser       *ps,
             ZrRecordKind  kind)
{
  close_record (ps);
  ps->cur = zr_record_new (kind);
  add_record (ps, ps->cur);
  return ps->cur;
}

static ZrRecord *
ensure_record (Parser *ps)
{
  if (ps->cur == NULL)
    open_record (ps, ZR_RECORD_KIND_ARTICLE);
  return ps->cur;
}

static void
add_meta (Parser     *ps,
          const Item *it)
{
  g_autofree char *t = g_strndup (it->s, it->len);
  g_ptr_array_add (ps->page->meta, zr_page_meta_new (t, it->offset));
}

static void
set_field (char       **field,
           int         *field_offset,
           const char  *s,
           gsize        len,
           int          offset)
{
  g_free (*field);
  *field = g_strndup (s, len);
  *field_offset = offset;
}

static void
add_paragraph (Parser          *ps,
               ZrParagraphKind  kind,
               const char      *s,
               gsize            len,
               int              offset)
{
  g_autofree char *t = g_strndup (s, len);
  ZrRecord *r = ensure_record (ps);
  if (ps->pending && kind != ZR_PARAGRAPH_KIND_BODY && ps->popen)
    {
      /* a caption set inside a broken paragraph: keep it after the paragraph */
      g_ptr_array_add (ps->deferred, zr_paragraph_new (kind, t, offset));
      return;
    }
  flush_pending (ps);
  g_ptr_array_add (r->paragraphs, zr_paragraph_new (kind, t, offset));
}

/* The text of a record so far, for the similarity checks */
static double
similarity_to_record (BigramSet      *block,
                      const ZrRecord *r,
                      const GString  *pending)
{
  g_autofree char *text = record_sample_text (r, 6000);
  g_autoptr(GString) all = g_string_new (text);
  g_autoptr(BigramSet) set = NULL;
  if (pending)
    {
      g_string_append_c (all, '\n');
      g_string_append_len (all, pending->str, MIN (pending->len, 3000));
    }
  set = bigram_set (all->str, all->len, 9000);
  return set_cosine (block, set);
}

/* Whether the body text starting at item @i continues the broken pending
 * paragraph rather than another story printed earlier on the page. */
static gboolean
continues_pending (Parser *ps,
                   guint   i)
{
  g_autoptr(GString) block = g_string_new (NULL);
  g_autoptr(BigramSet) bset = NULL;
  double own, best_other = 0.0;
  guint checked = 0;

  if (ps->sim_budget <= 0 || ps->page->records->len < 2)
    return TRUE;
  ps->sim_budget--;

  for (guint j = i; j < ps->n_items && block->len < 1500; j++)
    {
      const Item *it = &ps->items[j];
      if (it->label != LABEL_BODY)
        break;
      g_string_append_len (block, it->s, MIN (it->len, 1500));
      g_string_append_c (block, '\n');
    }
  bset = bigram_set (block->str, block->len, 1500);
  if (bset->n < 20)
    return TRUE;

  own = similarity_to_record (bset, ps->cur, ps->pbuf);
  for (guint k = ps->page->records->len - 1; k-- > 0 && checked < 32; checked++)
    {
      const ZrRecord *r = g_ptr_array_index (ps->page->records, k);
      double s;
      if (r->kind == ZR_RECORD_KIND_NOTICE)
        continue;
      s = similarity_to_record (bset, r, NULL);
      best_other = MAX (best_other, s);
    }
  return !(best_other >= 0.05 && best_other > own * 3.0);
}

/* ------------------------------------------------------------------ */
/* Heads */

/* the first word of a line, when it is a column label: "天元区 17家单位…" */
static gsize
leading_label_len (const Item *it)
{
  const char *p = it->s;
  while (p < it->s + it->len && !g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (p >= it->s + it->len || !is_column_label_len (it->s, p - it->s))
    return 0;
  if (g_utf8_strlen (p, it->s + it->len - p) < 5)
    return 0;
  return p - it->s;
}

enum
{
  HEAD_FIELD_COLUMN,
  HEAD_FIELD_KICKER,
  HEAD_FIELD_HEADLINE,
};

static void
note_head_item (Parser     *ps,
                int         field,
                const Item *it)
{
  RecInfo *info = &g_array_index (ps->infos, RecInfo, ps->infos->len - 1);
  info->head_item[field] = (int) (it - ps->items);
}

/* Whether the record being built is still in its head: opened by a head
 * line, nothing of its text yet */
static gboolean
in_fresh_head (Parser *ps)
{
  ZrRecord *r = ps->cur;
  return r != NULL && ps->in_head && r->paragraphs->len == 0 && !ps->pending &&
         r->dateline == NULL && r->byline_text == NULL;
}

static ZrRecord *
head_record (Parser *ps)
{
  if (!in_fresh_head (ps))
    open_record (ps, ZR_RECORD_KIND_ARTICLE);
  ps->in_head = TRUE;
  return ps->cur;
}

static void
set_headline (Parser     *ps,
              const Item *it)
{
  ZrRecord *r = head_record (ps);
  const char *s = it->s;
  gsize len = it->len;
  gsize lab = r->column == NULL ? leading_label_len (it) : 0;
  gsize series = series_label_len (s, len);

  if (r->headline != NULL)
    {
      /* a second headline in one head: keep it as a subhead */
      add_paragraph (ps, ZR_PARAGRAPH_KIND_SUBHEAD, it->s, it->len, it->offset);
      return;
    }
  if (lab > 0)
    {
      const char *h = it->s + lab;
      set_field (&r->column, &r->column_offset, it->s, lab, it->offset);
      note_head_item (ps, HEAD_FIELD_COLUMN, it);
      while (h < it->s + it->len && g_unichar_isspace (g_utf8_get_char (h)))
        h = g_utf8_next_char (h);
      len = it->s + it->len - h;
      s = h;
    }
  else if (series > 0 && r->kicker == NULL)
    {
      /* 《…》系列报道：headline — the series label is the kicker */
      const char *h = s + series;
      set_field (&r->kicker, &r->kicker_offset, s, series, it->offset);
      while (h < s + len && g_unichar_isspace (g_utf8_get_char (h)))
        h = g_utf8_next_char (h);
      len = s + len - h;
      s = h;
    }
  set_field (&r->headline, &r->headline_offset, s, len, char_offset_in (it, s));
  note_head_item (ps, HEAD_FIELD_HEADLINE, it);
  if (series > 0 && lab == 0 && r->kicker_offset == it->offset)
    note_head_item (ps, HEAD_FIELD_KICKER, it);
}

static void
continue_headline (Parser     *ps,
                   const Item *it)
{
  ZrRecord *r = ps->cur;
  g_autoptr(GString) h = NULL;
  gunichar last;

  if (r == NULL || r->headline == NULL)
    {
      set_headline (ps, it);
      return;
    }
  h = g_string_new (r->headline);
  last = last_char (h->str, h->len);
  /* joined with a space, except after a dash or a colon */
  if (h->len > 0 && !is_pause_punct (last))
    g_string_append_c (h, ' ');
  g_string_append_len (h, it->s, it->len);
  g_free (r->headline);
  r->headline = g_string_free (g_steal_pointer (&h), FALSE);
}

static void
set_kicker (Parser     *ps,
            const Item *it)
{
  ZrRecord *r = head_record (ps);
  if (r->kicker == NULL)
    {
      set_field (&r->kicker, &r->kicker_offset, it->s, it->len, it->offset);
      note_head_item (ps, HEAD_FIELD_KICKER, it);
    }
  else
    add_paragraph (ps, ZR_PARAGRAPH_KIND_SUBHEAD, it->s, it->len, it->offset);
}

static void
set_column (Parser     *ps,
            const Item *it)
{
  ZrRecord *r;
  ps->in_head = FALSE;
  r = head_record (ps);
  set_field (&r->column, &r->column_offset, it->s, it->len, it->offset);
  note_head_item (ps, HEAD_FIELD_COLUMN, it);
}

/* ------------------------------------------------------------------ */
/* Bylines found in more than one place */

static void
merge_bylines (ZrRecord  *r,
               GPtrArray *found)
{
  for (guint i = 0; i < found->len; i++)
    {
      ZrByline *b = g_ptr_array_index (found, i);
      gboolean seen = FALSE;
      for (guint j = 0; j < r->bylines->len && !seen; j++)
        seen = g_strcmp0 (((ZrByline *) g_ptr_array_index (r->bylines, j))->name, b->name) == 0;
      if (!seen)
        g_ptr_array_add (r->bylines, zr_byline_new (b->name, b->role));
    }
}

/* The photographer of a caption that ends "… 记者 江磊 摄" or
 * "… 株洲日报全媒体记者/谢一航 摄": the names before 摄 */
static void
caption_credit (const char *s,
                gsize       len,
                GPtrArray  *out)
{
  const char *end;
  const char *start;
  const char *p;

  if (!has_suffix_len (s, len, "摄"))
    return;
  end = s + len - strlen ("摄");
  while (end > s && g_unichar_isspace (last_char (s, end - s)))
    end = g_utf8_find_prev_char (s, end);
  /* the longest run of words before 摄 that reads as a byline */
  start = NULL;
  p = end;
  while (p > s)
    {
      const char *q = g_utf8_find_prev_char (s, p);
      gunichar c;
      if (q == NULL)
        break;
      c = g_utf8_get_char (q);
      if (g_unichar_isspace (c) || c == 0x3000)
        {
          if (parse_byline_tokens (p, end - p, FALSE, NULL))
            start = p;
        }
      else if (!is_cjk (c) && c != '/' && c != 0xff0f && c != 0xb7)
        break;
      p = q;
    }
  if (p == s && parse_byline_tokens (s, end - s, FALSE, NULL) && g_utf8_strlen (s, end - s) <= 12)
    start = s;
  if (start != NULL)
    {
      g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_byline_free);
      parse_byline_tokens (start, end - start, FALSE, found);
      for (guint i = 0; i < found->len; i++)
        {
          ZrByline *b = g_ptr_array_index (found, i);
          /* credited for the photograph, whatever their title */
          g_ptr_array_add (out, zr_byline_new (b->name, "摄影"));
        }
    }
}

/* ------------------------------------------------------------------ */
/* Body lines */

/* Whether the record has a body paragraph yet (a second kicker or a
 * caption may come before the dateline) */
static gboolean
has_body (const ZrRecord *r)
{
  for (guint i = 0; i < r->paragraphs->len; i++)
    if (((const ZrParagraph *) g_ptr_array_index (r->paragraphs, i))->kind == ZR_PARAGRAPH_KIND_BODY)
      return TRUE;
  return FALSE;
}

/* Whether the record has a paragraph other than a caption: a 副题 kept as
 * a subhead. Captions and photo credits between the head and the text do
 * not count: the dateline still opens the text after them. */
static gboolean
has_text_paragraph (const ZrRecord *r)
{
  for (guint i = 0; i < r->paragraphs->len; i++)
    if (((const ZrParagraph *) g_ptr_array_index (r->paragraphs, i))->kind != ZR_PARAGRAPH_KIND_CAPTION)
      return TRUE;
  return FALSE;
}

static void
start_pending (Parser     *ps,
               const Item *it,
               const char *s,
               gsize       len)
{
  flush_pending (ps);
  g_string_truncate (ps->pbuf, 0);
  g_string_append_len (ps->pbuf, s, len);
  ps->poff = char_offset_in (it, s);
  ps->pending = TRUE;
  ps->popen = !ends_final (s, len) && !is_heading_like (it);
}

static void
handle_body (Parser *ps,
             guint   i)
{
  const Item *it = &ps->items[i];
  const char *s = it->s;
  gsize len = it->len;
  const char *glued;
  ZrRecord *r;
  gboolean joined = FALSE;

  /* never join across a caption: the joined text would straddle it and
   * the page could no longer be rebuilt in order */
  if (ps->cur != NULL && ps->pending && ps->popen && ps->deferred->len == 0 &&
      i > 0 && (ps->items[i - 1].label == LABEL_BODY || ps->items[i - 1].label == LABEL_NOTICE_BODY))
    {
      gsize a, b, c;
      if (parse_dateline (s, len, &a, &b, &c))
        close_record (ps);
      else if (continues_pending (ps, i))
        joined = TRUE;
      else
        {
          close_record (ps);
          open_record (ps, ZR_RECORD_KIND_FRAGMENT);
        }
    }
  else if (ps->cur != NULL && ps->cur_ended)
    close_record (ps);

  r = ensure_record (ps);

  if (!joined && r->dateline == NULL && !has_body (r) && !ps->pending)
    {
      gsize dl_end, by_start, by_end;
      if (parse_dateline (s, len, &dl_end, &by_start, &by_end) && has_text_paragraph (r))
        {
          /* a 副题 kept as a subhead sits between the head and the text:
           * the dateline stays in the paragraph, which reads as printed;
           * the names in its brackets still count */
          g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_byline_free);
          if (by_end > by_start)
            is_bracket_byline (s + by_start, by_end - by_start, found);
          merge_bylines (r, found);
        }
      else if (parse_dateline (s, len, &dl_end, &by_start, &by_end))
        {
          set_field (&r->dateline, &r->dateline_offset, s, dl_end, it->offset);
          if (by_end > by_start && r->byline_text == NULL)
            {
              set_field (&r->byline_text, &r->byline_offset, s + by_start, by_end - by_start,
                         char_offset_in (it, s + by_start));
              g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_byline_free);
              is_bracket_byline (s + by_start, by_end - by_start, found);
              merge_bylines (r, found);
              dl_end = by_end;
            }
          else if (by_end > by_start)
            dl_end = by_start;
          s += dl_end;
          len -= dl_end;
          while (len > 0 && g_unichar_isspace (g_utf8_get_char (s)))
            {
              const char *nx = g_utf8_next_char (s);
              len -= nx - s;
              s = nx;
            }
          if (len == 0)
            return;
        }
    }

  glued = find_glued_byline (s, len);
  if (glued != NULL && r->byline_text != NULL)
    {
      /* a second credit: the names count, the text stays in the paragraph */
      g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_byline_free);
      is_bracket_byline (glued, s + len - glued, found);
      merge_bylines (r, found);
      ps->cur_ended = TRUE;
    }
  else if (glued != NULL)
    {
      gsize body_len = glued - s;
      gsize blen = s + len - glued;
      const char *open_end = *glued == '(' ? glued + 1 : glued + strlen ("（");
      const char *close = g_utf8_find_prev_char (glued, s + len);
      while (body_len > 0 && g_unichar_isspace (last_char (s, body_len)))
        body_len = g_utf8_find_prev_char (s, s + body_len) - s;
      if (joined)
        g_string_append_len (ps->pbuf, s, body_len);
      else
        start_pending (ps, it, s, body_len);
      ps->popen = FALSE;
      flush_pending (ps);
      set_field (&r->byline_text, &r->byline_offset, glued, blen, char_offset_in (it, glued));
      parse_byline_tokens (open_end, close - open_end, FALSE, r->bylines);
      ps->cur_ended = TRUE;
      return;
    }

  if (joined)
    {
      g_string_append_len (ps->pbuf, s, len);
      ps->popen = !ends_final (s, len);
    }
  else
    start_pending (ps, it, s, len);
}

static void
handle_notice (Parser *ps,
               guint   i)
{
  const Item *it = &ps->items[i];
  if (ps->cur == NULL || ps->cur->kind != ZR_RECORD_KIND_NOTICE)
    {
      ZrRecord *c = ps->cur;
      /* a heading like 遗失声明 right above the list names it */
      if (c != NULL && c->paragraphs->len == 0 && !ps->pending && c->headline != NULL &&
          c->dateline == NULL && c->byline_text == NULL &&
          (strstr (c->headline, "遗失") || strstr (c->headline, "声明") ||
           strstr (c->headline, "公告") || strstr (c->headline, "启事") ||
           strstr (c->headline, "分类")))
        c->kind = ZR_RECORD_KIND_NOTICE;
      else
        open_record (ps, ZR_RECORD_KIND_NOTICE);
    }
  add_paragraph (ps, ZR_PARAGRAPH_KIND_BODY, it->s, it->len, it->offset);
}

static void
add_byline_line (Parser     *ps,
                 const Item *it,
                 gboolean    bracketed)
{
  ZrRecord *r;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_byline_free);

  if (!bracketed && ps->cur != NULL && ps->cur_ended)
    close_record (ps);
  r = ensure_record (ps);
  flush_pending (ps);
  if (bracketed)
    is_bracket_byline (it->s, it->len, found);
  else
    parse_byline_tokens (it->s, it->len, TRUE, found);
  if (r->byline_text == NULL && !bracketed)
    set_field (&r->byline_text, &r->byline_offset, it->s, it->len, it->offset);
  else
    /* credits in brackets at a story's end, or a second credit (图/文):
     * the text stays where it is printed, the names count as bylines */
    add_paragraph (ps, ZR_PARAGRAPH_KIND_CAPTION, it->s, it->len, it->offset);
  merge_bylines (r, found);
  if (bracketed)
    ps->cur_ended = TRUE;
}

static void
walk_items (Parser *ps)
{
  for (guint i = 0; i < ps->n_items; i++)
    {
      const Item *it = &ps->items[i];

      if (!is_head_label (it->label) && it->label != LABEL_META)
        ps->in_head = FALSE;

      switch (it->label)
        {
        case LABEL_META:
          add_meta (ps, it);
          break;

        case LABEL_COLUMN:
          set_column (ps, it);
          break;

        case LABEL_KICKER_ABOVE:
        case LABEL_KICKER_BELOW:
          set_kicker (ps, it);
          break;

        case LABEL_HEADLINE:
          set_headline (ps, it);
          break;

        case LABEL_HEAD_CONT:
          continue_headline (ps, it);
          break;

        case LABEL_SUBHEAD:
          add_paragraph (ps, ZR_PARAGRAPH_KIND_SUBHEAD, it->s, it->len, it->offset);
          break;

        case LABEL_CAPTION:
          {
            g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_byline_free);
            add_paragraph (ps, ZR_PARAGRAPH_KIND_CAPTION, it->s, it->len, it->offset);
            caption_credit (it->s, it->len, found);
            merge_bylines (ps->cur, found);
          }
          break;

        case LABEL_BYLINE:
          add_byline_line (ps, it, FALSE);
          break;

        case LABEL_END_BYLINE:
          add_byline_line (ps, it, TRUE);
          break;

        case LABEL_NOTICE_HEAD:
          {
            ZrRecord *r = open_record (ps, ZR_RECORD_KIND_NOTICE);
            set_field (&r->headline, &r->headline_offset, it->s, it->len, it->offset);
          }
          break;

        case LABEL_NOTICE:
          handle_notice (ps, i);
          break;

        case LABEL_BODY:
        case LABEL_NOTICE_BODY:
        default:
          handle_body (ps, i);
          break;
        }
    }
  close_record (ps);
}

/* Records that start without a head, or whose only head is a jump head
 * over text that continues a story cut earlier on the page, are fragments. */
static void
mark_fragments (Parser *ps)
{
  int budget = 64;
  gboolean jump;
  for (guint k = 0; k < ps->page->records->len; k++)
    {
      ZrRecord *r = g_ptr_array_index (ps->page->records, k);
      if (r->kind != ZR_RECORD_KIND_ARTICLE)
        continue;
      if (r->headline == NULL)
        {
          r->kind = ZR_RECORD_KIND_FRAGMENT;
          continue;
        }
      if (r->dateline != NULL || r->byline_text != NULL || r->column != NULL || r->kicker != NULL ||
          r->paragraphs->len == 0 || k == 0 || budget <= 0)
        continue;
      /* a jump head: "…(续)", "上接第2版" */
      jump = g_str_has_suffix (r->headline, "续") || g_str_has_suffix (r->headline, "(续)") ||
             g_str_has_suffix (r->headline, "（续）") || strstr (r->headline, "上接") != NULL;
      budget--;
      {
        g_autofree char *text = record_sample_text (r, 3000);
        g_autoptr(BigramSet) set = bigram_set (text, strlen (text), 3000);
        guint checked = 0;
        for (guint c = k; c-- > 0 && checked < 32; checked++)
          {
            RecInfo *info = &g_array_index (ps->infos, RecInfo, c);
            ZrRecord *cr = g_ptr_array_index (ps->page->records, c);
            g_autofree char *ctext = NULL;
            g_autoptr(BigramSet) cset = NULL;
            if (!info->cut || info->resolved)
              continue;
            ctext = record_sample_text (cr, 6000);
            cset = bigram_set (ctext, strlen (ctext), 6000);
            if (jump || set_cosine (set, cset) >= 0.08)
              {
                info->resolved = TRUE;
                r->kind = ZR_RECORD_KIND_FRAGMENT;
                break;
              }
          }
      }
    }
}

/* The layout sometimes sets a story's first subhead on the headline's line,
 * after a space: "钻石人 车间里的三本账 一本安全账", then "一本质量账" and
 * "一本成本账" as subheads below. When the headline's last word matches at
 * least two of the story's subheads in length and first character (a series
 * of parallel subheads), it is the first of them: it becomes a subhead
 * paragraph ahead of the text. */
static void
split_trailing_subheads (ZrPage *page)
{
  for (guint k = 0; k < page->records->len; k++)
    {
      ZrRecord *r = g_ptr_array_index (page->records, k);
      const char *last = NULL;
      const char *end;
      const char *p;
      glong n_chars;
      gunichar first;
      guint parallel = 0;
      int offset;

      if (r->kind != ZR_RECORD_KIND_ARTICLE || r->headline == NULL || r->paragraphs->len == 0)
        continue;
      /* the word after the last space */
      end = r->headline + strlen (r->headline);
      for (p = r->headline; *p; p = g_utf8_next_char (p))
        if (g_unichar_isspace (g_utf8_get_char (p)))
          last = g_utf8_next_char (p);
      if (last == NULL || last >= end)
        continue;
      n_chars = g_utf8_strlen (last, end - last);
      if (n_chars < 2 || n_chars > 6 || g_utf8_strlen (r->headline, last - r->headline) < 5)
        continue;
      for (p = last; p < end; p = g_utf8_next_char (p))
        if (!is_cjk (g_utf8_get_char (p)))
          break;
      if (p < end)
        continue;
      first = g_utf8_get_char (last);
      for (guint i = 0; i < r->paragraphs->len; i++)
        {
          const ZrParagraph *para = g_ptr_array_index (r->paragraphs, i);
          if (para->kind == ZR_PARAGRAPH_KIND_SUBHEAD &&
              g_utf8_strlen (para->text, -1) == n_chars && g_utf8_get_char (para->text) == first &&
              strcmp (para->text, last) != 0)
            parallel++;
        }
      if (parallel < 2)
        continue;
      offset = r->headline_offset + (int) g_utf8_pointer_to_offset (r->headline, last);
      if (offset >= ((const ZrParagraph *) g_ptr_array_index (r->paragraphs, 0))->offset)
        continue;

      g_ptr_array_insert (r->paragraphs, 0, zr_paragraph_new (ZR_PARAGRAPH_KIND_SUBHEAD, last, offset));
      {
        char *head = g_strndup (r->headline, last - r->headline);
        g_free (r->headline);
        r->headline = g_strchomp (head);
      }
    }
}

/* ------------------------------------------------------------------ */
/* Why: the evidence behind each head line's label, for `show --json` */

static void
append_number (GString *json,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_string_append (json, g_ascii_formatd (buf, sizeof buf, "%.1f", v));
}

static void
append_feature (GString    *json,
                gboolean   *first,
                const char *name)
{
  g_string_append_printf (json, "%s\"%s\"", *first ? "" : ",", name);
  *first = FALSE;
}

static void
explain_item (Parser  *ps,
              GString *json,
              int      index)
{
  const Item *it = &ps->items[index];
  const Item *before = NULL;
  const Item *after = NULL;
  gboolean first = TRUE;

  for (int j = index - 1; j >= 0; j--)
    if (ps->items[j].label != LABEL_META && !is_head_label (ps->items[j].label))
      {
        before = &ps->items[j];
        break;
      }
  for (guint j = index + 1; j < ps->n_items; j++)
    if (ps->items[j].label != LABEL_META && !is_head_label (ps->items[j].label))
      {
        after = &ps->items[j];
        break;
      }

  g_string_append_printf (json, "{\"label\":\"%s\",\"margin\":", label_names[it->label]);
  append_number (json, MIN (it->margin, 99.0));
  g_string_append_printf (json, ",\"runner_up\":\"%s\",\"chars\":%u,\"features\":[",
                          label_names[it->runner_up], it->nchars);
  if (it->level > 0)
    {
      g_autofree char *marks = g_strdup_printf ("marked level %d", it->level);
      append_feature (json, &first, marks);
      if (it->level == ps->head_level)
        append_feature (json, &first, "the page's headline level");
      else if (it->level > ps->head_level)
        append_feature (json, &first, "below the page's headline level");
    }
  else
    append_feature (json, &first, "plain line");
  if (it->section_shape)
    append_feature (json, &first, "section-head form");
  if (it->series)
    append_feature (json, &first, "series label");
  if (it->series_colon)
    append_feature (json, &first, "series label before a colon");
  if (it->label_like)
    append_feature (json, &first, "label form");
  if (it->place)
    append_feature (json, &first, "names a place");
  if (it->known_label)
    append_feature (json, &first, "a known column");
  if (it->repeated)
    append_feature (json, &first, "repeated on the page");
  if (it->jump_head)
    append_feature (json, &first, "continuation head");
  if (it->joins_next)
    append_feature (json, &first, "continues on the next line");
  if (before == NULL)
    append_feature (json, &first, "at the top of the page");
  else if (before->label == LABEL_END_BYLINE || before->glued_byline)
    append_feature (json, &first, "after a story that ended with its bylines");
  else if (before->label == LABEL_NOTICE || before->label == LABEL_NOTICE_BODY)
    append_feature (json, &first, "after a notice");
  else if (before->label == LABEL_BODY && before->open_end)
    append_feature (json, &first, "after a paragraph cut mid-sentence");
  if (after == NULL)
    append_feature (json, &first, "nothing follows");
  else if (after->label == LABEL_BYLINE)
    append_feature (json, &first, "a byline follows");
  else if (after->dateline)
    append_feature (json, &first, "a dateline follows");
  else if (after->label == LABEL_CAPTION)
    append_feature (json, &first, "a caption follows");
  else
    append_feature (json, &first, "body text follows");
  g_string_append (json, "]}");
}

static void
explain_records (Parser *ps)
{
  static const char *fields[] = { "column", "kicker", "headline" };

  for (guint k = 0; k < ps->page->records->len; k++)
    {
      ZrRecord *r = g_ptr_array_index (ps->page->records, k);
      const RecInfo *info = &g_array_index (ps->infos, RecInfo, k);
      GString *json;
      gboolean any = FALSE;

      json = g_string_new ("{");
      for (guint f = G_N_ELEMENTS (fields); f-- > 0;)
        {
          if (info->head_item[f] < 0)
            continue;
          g_string_append_printf (json, "%s\"%s\":", any ? "," : "", fields[f]);
          explain_item (ps, json, info->head_item[f]);
          any = TRUE;
        }
      g_string_append_c (json, '}');
      if (any)
        r->segmentation = g_string_free (json, FALSE);
      else
        g_string_free (json, TRUE);
    }
}

/* An editor's note (编者按) printed above a story, before any head of
 * its own, introduces what follows: its paragraphs open the next article
 * instead of standing as a fragment of nothing. */
static void
attach_editor_notes (ZrPage *page)
{
  for (guint k = 0; k + 1 < page->records->len; k++)
    {
      ZrRecord *r = g_ptr_array_index (page->records, k);
      ZrRecord *next = g_ptr_array_index (page->records, k + 1);
      const ZrParagraph *first;

      if (r->headline != NULL || r->column != NULL || r->kicker != NULL || r->dateline != NULL ||
          r->byline_text != NULL || r->paragraphs->len == 0 || r->kind == ZR_RECORD_KIND_NOTICE ||
          next->kind != ZR_RECORD_KIND_ARTICLE || next->headline == NULL)
        continue;
      first = g_ptr_array_index (r->paragraphs, 0);
      /* "编者按" on a line of its own, or "编者按：…" opening the note */
      if (!g_str_has_prefix (first->text, "编者按") && !g_str_has_prefix (first->text, "编者的话"))
        continue;
      if (g_strcmp0 (first->text, "编者按") == 0 || g_strcmp0 (first->text, "编者的话") == 0)
        ((ZrParagraph *) first)->kind = ZR_PARAGRAPH_KIND_SUBHEAD;
      for (guint i = r->paragraphs->len; i-- > 0;)
        g_ptr_array_insert (next->paragraphs, 0, g_ptr_array_steal_index (r->paragraphs, i));
      g_ptr_array_remove_index (page->records, k);
      k--;
    }
}

/* ------------------------------------------------------------------ */
/* Lines */

/* Length in bytes of the heading mark at the start of [s, end): 1–6 '#'
 * followed by white space or the end. */
static gsize
heading_mark_len (const char *s,
                  const char *end,
                  int        *level)
{
  const char *p = s;
  while (p < end && *p == '#' && p - s < 7)
    p++;
  if (p == s || p - s > 6)
    return 0;
  if (p < end && !g_unichar_isspace (g_utf8_get_char (p)))
    return 0;
  *level = (int) (p - s);
  return p - s;
}

static GArray *
split_items (const char *text)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (Item));
  const char *p = text;
  int offset = 0;
  int blanks = 0;

  while (*p)
    {
      const char *nl = strchr (p, '\n');
      const char *end = nl ? nl : p + strlen (p);
      const char *s = p;
      int s_off = offset;
      int level = 0;
      gsize mark;
      Item it = { 0 };

      /* skip leading white space */
      while (s < end && g_unichar_isspace (g_utf8_get_char (s)))
        {
          s = g_utf8_next_char (s);
          s_off++;
        }
      mark = heading_mark_len (s, end, &level);
      if (mark > 0)
        {
          s += mark;
          s_off += (int) mark;
          while (s < end && g_unichar_isspace (g_utf8_get_char (s)))
            {
              s = g_utf8_next_char (s);
              s_off++;
            }
        }
      {
        const char *e = end;
        guint nchars = 0;
        while (e > s)
          {
            const char *q = g_utf8_find_prev_char (s, e);
            if (q == NULL || !g_unichar_isspace (g_utf8_get_char (q)))
              break;
            e = q;
          }
        if (e > s)
          {
            for (const char *q = s; q < e; q++)
              if (((guchar) *q & 0xc0) != 0x80)
                nchars++;
            it.s = s;
            it.len = e - s;
            it.offset = s_off;
            it.nchars = nchars;
            it.level = level;
            it.blanks_before = items->len == 0 ? 0 : blanks;
            g_array_append_val (items, it);
            blanks = 0;
          }
        else
          blanks++;
      }
      for (const char *q = p; q < end; q++)
        if (((guchar) *q & 0xc0) != 0x80)
          offset++;
      if (nl == NULL)
        break;
      offset++;
      p = nl + 1;
    }
  return items;
}

ZrPage *
zr_page_parse (const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr(GArray) items = NULL;
  Parser ps = { 0 };

  g_return_val_if_fail (text != NULL, zr_page_new ());

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  items = split_items (text);
  ps.page = zr_page_new ();
  ps.items = (Item *) (void *) items->data;
  ps.n_items = items->len;
  ps.pbuf = g_string_new (NULL);
  ps.deferred = g_ptr_array_new ();
  ps.infos = g_array_new (FALSE, TRUE, sizeof (RecInfo));
  ps.sim_budget = 200;

  classify_items (&ps);
  label_items (&ps);
  walk_items (&ps);
  mark_fragments (&ps);
  split_trailing_subheads (ps.page);
  explain_records (&ps);
  attach_editor_notes (ps.page);

  g_string_free (ps.pbuf, TRUE);
  g_ptr_array_unref (ps.deferred);
  g_array_unref (ps.infos);
  return ps.page;
}

char *
zr_page_dup_significant_text (const char *text)
{
  GString *out;
  const char *p;
  gboolean line_start = TRUE;

  g_return_val_if_fail (text != NULL, NULL);
  out = g_string_new (NULL);
  p = text;
  while (*p)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_unichar (out, 0xfffd);
          p++;
          continue;
        }
      if (c == '\n')
        {
          line_start = TRUE;
          p++;
          continue;
        }
      if (g_unichar_isspace (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      if (line_start)
        {
          int level = 0;
          const char *end = strchr (p, '\n');
          gsize mark = heading_mark_len (p, end ? end : p + strlen (p), &level);
          line_start = FALSE;
          if (mark > 0)
            {
              p += mark;
              continue;
            }
        }
      g_string_append_unichar (out, c);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}
