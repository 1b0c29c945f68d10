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

#include <string.h>

#include "zr-quotes.h"

#define MAX_SEGMENT 32      /* longest speaker phrase looked at, in characters */
#define CONTEXT     64      /* characters of context taken around a quote */

/* ------------------------------------------------------------------------ */
/* Word lists                                                                */

typedef struct
{
  gunichar *c;
  glong     n;
} Word;

/* One slot of a word list's index: the words whose first (or last) character
 * is @key, as a run of indices into the list's words, longest first. An empty
 * slot has key 0 and count 0, so looking up U+0000 finds no word. */
typedef struct
{
  gunichar key;      /* 0: empty slot */
  guint16  start;    /* into WordIndex.order */
  guint16  count;
} IndexSlot;

/* Open-addressing table from a character to the words starting (or ending)
 * with it, so that a lookup touches only the few words that can match. */
typedef struct
{
  IndexSlot *slots;
  guint      mask;
  guint16   *order;  /* word indices grouped by key, longest first in a group */
} WordIndex;

typedef struct
{
  Word      *w;      /* longest first */
  guint      n;
  WordIndex  by_first;
  WordIndex  by_last;
} WordList;

static int
word_cmp_longest_first (gconstpointer a,
                        gconstpointer b)
{
  const Word *wa = a, *wb = b;
  return (int) (wb->n - wa->n);
}

static inline guint
char_hash (gunichar c)
{
  return (c * 2654435761u) >> 7;
}

static IndexSlot *
word_index_find (const WordIndex *idx,
                 gunichar         c)
{
  for (guint h = char_hash (c) & idx->mask;; h = (h + 1) & idx->mask)
    {
      IndexSlot *slot = &idx->slots[h];
      if (slot->key == c)
        return slot;
      if (slot->key == 0)
        return NULL;
    }
}

static void
word_index_build (WordIndex      *idx,
                  const WordList *wl,
                  gboolean        by_last)
{
  guint size = 8, at = 0;

  while (size < wl->n * 4)
    size <<= 1;
  idx->slots = g_new0 (IndexSlot, size);
  idx->mask = size - 1;
  idx->order = g_new0 (guint16, MAX (wl->n, 1));

  /* count the words of each key */
  for (guint i = 0; i < wl->n; i++)
    {
      gunichar c = by_last ? wl->w[i].c[wl->w[i].n - 1] : wl->w[i].c[0];
      IndexSlot *slot = word_index_find (idx, c);

      if (slot == NULL)
        {
          guint h = char_hash (c) & idx->mask;
          while (idx->slots[h].key != 0)
            h = (h + 1) & idx->mask;
          slot = &idx->slots[h];
          slot->key = c;
        }
      slot->count++;
    }
  /* give each key its run, then fill the runs in list order (longest first) */
  for (guint h = 0; h < size; h++)
    if (idx->slots[h].key != 0)
      {
        idx->slots[h].start = at;
        at += idx->slots[h].count;
        idx->slots[h].count = 0;
      }
  for (guint i = 0; i < wl->n; i++)
    {
      gunichar c = by_last ? wl->w[i].c[wl->w[i].n - 1] : wl->w[i].c[0];
      IndexSlot *slot = word_index_find (idx, c);
      idx->order[slot->start + slot->count++] = i;
    }
}

static WordList *
word_list_new (const char * const *words)
{
  WordList *wl = g_new0 (WordList, 1);
  guint n = g_strv_length ((char **) words);

  /* the lists are short (guint16 indices) and hold no empty word */
  wl->w = g_new0 (Word, n);
  for (guint i = 0; i < n; i++)
    wl->w[i].c = g_utf8_to_ucs4_fast (words[i], -1, &wl->w[i].n);
  wl->n = n;
  qsort (wl->w, n, sizeof (Word), word_cmp_longest_first);
  word_index_build (&wl->by_first, wl, FALSE);
  word_index_build (&wl->by_last, wl, TRUE);
  return wl;
}

/* The longest word ending at @end, not starting before @min. */
static const Word *
word_list_suffix (const WordList *wl,
                  const gunichar *s,
                  glong           min,
                  glong           end)
{
  const IndexSlot *slot;

  if (end - 1 < min)
    return NULL;
  slot = word_index_find (&wl->by_last, s[end - 1]);
  if (slot == NULL)
    return NULL;
  for (guint k = 0; k < slot->count; k++)
    {
      const Word *w = &wl->w[wl->by_last.order[slot->start + k]];
      glong j;

      if (end - w->n < min)
        continue;
      for (j = w->n - 2; j >= 0 && s[end - w->n + j] == w->c[j]; j--)
        ;
      if (j < 0)
        return w;
    }
  return NULL;
}

/* The longest word starting at @pos, not running past @end. */
static const Word *
word_list_prefix (const WordList *wl,
                  const gunichar *s,
                  glong           pos,
                  glong           end)
{
  const IndexSlot *slot;

  if (pos >= end)
    return NULL;
  slot = word_index_find (&wl->by_first, s[pos]);
  if (slot == NULL)
    return NULL;
  for (guint k = 0; k < slot->count; k++)
    {
      const Word *w = &wl->w[wl->by_first.order[slot->start + k]];
      glong j;

      if (pos + w->n > end)
        continue;
      for (j = 1; j < w->n && s[pos + j] == w->c[j]; j++)
        ;
      if (j == w->n)
        return w;
    }
  return NULL;
}

static const char * const speech_verbs[] = {
  "告诉记者", "告诉笔者", "对记者说", "向记者介绍", "向记者表示", "向记者说", "介绍说",
  "表示", "认为", "介绍", "强调", "指出", "坦言", "直言", "说道", "说", "称", "告诉",
  "感慨", "感叹", "解释", "透露", "回忆", "补充", "提到", "谈到", "谈及", "建议", "提醒",
  "呼吁", "比喻", "反映", "问道", "问", "回答", "答道", "回复", "笑言", "笑道", "坦承",
  "表态", "说明", "分析", "要求", "举例", "讲道", "讲", "寄语", "感言", "写道", "留言", "报告",
  "道", "喊道", "表明", "叮嘱", "嘱咐", "承诺", "评价", "总结", "直呼", "称赞", "感慨道", "发言",
  NULL
};

/* Verbs that introduce written or official words only before the quote. */
static const char * const before_verbs[] = {
  "提出", "号召", "写着", "指示", "批示", NULL
};

static const char * const tail_stops[] = {
  "在接受记者采访时", "在接受采访时", "接受记者采访时", "接受采访时", "对记者", "向记者",
  "对笔者", "向笔者", "告诉", "也曾", "一再", "反复", "多次", "再次", "这样", "如此", "马上",
  "立即", "随即", "笑着", "笑了笑", "不禁", "忍不住", "也", "还", "又", "则", "就", "都",
  "曾", "更", "在", "便", "却", "总是", "常常", "经常", "一直", "同样", "当即", "当场",
  "随后", "当时", "对此", "对此事", "在现场", "现场", "深有感触地", "感慨地", "激动地", "高兴地", "自豪地",
  "坚定地", "动情地", "兴奋地", "笑呵呵地", "乐呵呵地", "笑眯眯地", "开心地", "认真地",
  "诚恳地", "无奈地", "满意地", "欣慰地", "幽默地", "风趣地", "形象地", "颇为", "不无",
  "也常", "还常", "有些", "一脸", "一边", "边走边", "连连", "连声", "再三", "一语道破",
  NULL
};

static const char * const lead_strips[] = {
  "据", "对此", "随后", "其中", "同时", "此外", "另外", "而", "但", "并", "也", "当天",
  "当时", "记者了解到", "其后", "接着", "最后", "最终", "后来", "于是", NULL
};

static const char * const role_suffixes[] = {
  "长", "主任", "书记", "经理", "员", "负责人", "创始人", "带头人", "传承人", "发言人",
  "主席", "总监", "主管", "专家", "教授", "医生", "医师", "老师", "教师", "民警", "辅警",
  "干部", "代表", "总裁", "董事", "政委", "支书", "律师", "法官", "检察官", "警官",
  "工程师", "会计", "护士", "社工", "主播", "厨师", "村医", "老板", "店主", "摊主",
  "主委", "常委", "院士", "博士", "主编", "理事", "监事", "顾问", "助理", "秘书",
  "主持人", "专干", "掌门人", "当家人", "法人", "老板娘", "交警", "特警", "刑警", "同志", "管家", NULL
};

static const char * const descriptions[] = {
  "市民", "居民", "村民", "群众", "游客", "网友", "家长", "学生", "消费者", "顾客",
  "业主", "车主", "农户", "种植户", "养殖户", "老人", "孩子", "小朋友", "乘客", "司机",
  "商户", "摊贩", "店员", "食客", "患者", "病人", "家属", "读者", "观众", "工人",
  "农民", "职工", "员工", "上班族", "客户", "志愿者", "老乡", "网民", "用户", "租户",
  "房东", "租客", "新市民", "外卖小哥", "环卫工", "老党员", "市民朋友", "学生家长",
  "选手", "考生", "爱好者", "毕业生", "大学生", "研究生", "大爷", "大妈", "阿姨", "师傅",
  "老师傅", "老大爷", "老奶奶", "老爷爷", "年轻人", "小伙", "小伙子", "姑娘", "妈妈",
  "父亲", "母亲", "创业者", "经营者", "从业者", "参与者", "受访者", "当事人", "嘉宾", "者",
  NULL
};

static const char * const honorifics[] = {
  "先生", "女士", "小姐", "师傅", "阿姨", "大爷", "大妈", "大姐", "大哥", "大叔", "奶奶",
  "爷爷", "婆婆", "老师", "医生", "总", "姐", "哥", "叔", "嫂", "伯", "同学", "经理",
  "主任", "书记", "局长", "所长", "科长", "队长", "院长", "校长", "老板", "老板娘", "姨",
  "伯伯", "叔叔", "大娘", "大伯", "站长", "村长", "镇长", "区长", "市长", "县长", "部长",
  "处长", "厂长", "警官", "律师", NULL
};

/* Honorifics safe to look for in running text (mentions). */
static const char * const mention_honorifics[] = {
  "先生", "女士", "小姐", "师傅", "阿姨", "大爷", "大妈", "奶奶", "爷爷", "大姐", "大哥",
  "大叔", "婆婆", "同学", NULL
};

static const char * const slogan_after[] = {
  "的横幅", "横幅", "的标语", "标语", "字样", "的字样", "锦旗", "的锦旗", "的口号", "口号",
  "的牌子", "的标牌", "牌匾", "为主题", "为题", "的主题", "主题", "的理念", "理念", "的精神",
  "精神", "的宗旨", "宗旨", "的方针", "方针", "的原则", "原则", "的目标", "的称号", "称号",
  "的倡议", "倡议", "的讲座", "讲座", "活动", "专项行动", "行动", "工程", "模式", "的模式",
  "品牌", "战略", "系列", "栏目", "专栏", "节目", "承诺书", "的要求", "的指示", "文件",
  "的通知", "通知", "的意见", "意见", "方案", "的方案", "办法", "条例", "规定", "的规定",
  "一书", "一文", "报告", "的报告", "的牌匾", "展板", "的展板", "大字", "的大字", "几个字",
  "等字", NULL
};

static const char * const slogan_before[] = {
  "题为", "名为", "主题为", "称为", "简称", "被誉为", "誉为", "授予", "荣获", "获评",
  "获得", "写着", "写有", "印着", "印有", "挂着", "拉起", "打出", "喊出", "倡导", "秉持",
  "践行", "树立", "评为", "冠以", "命名为", "号称", "叫做", "叫作", "所谓", "贴上", "挂上",
  "亮出", "竖起", "举着", "高举", "拉着", "标有", "印发", "出台", "制定", "发布", "颁布",
  "下发", "学习", "贯彻", "喊着", "书写", "题写", "锦旗", "横幅", "标语", "口号", "牌匾",
  "字样", "展板", "条幅", "宣传牌", NULL
};

static const char * const voice_heads[] = {
  "声音", "观点", "心声", "点评", "访谈", "感言", "评论", "寄语", "说法", "热议", "他们说",
  "市民说", "网友说", "各方说", NULL
};

/* Characters that do not occur in the given name of a person here. */
static const char not_name_chars[] =
  "的了说在是和等与也都还们这那个年月日区市县镇村局街路委部处科站队司厂店楼省里时"
  "我你他她称表认介指坦告讲问答对向为把将从被让给及或而但就又很最更已曾该每各某此"
  "其会长员人业所上下中前后来去到边着地得不没"
  /* gestures that follow a name before 说 (擦了擦手, 笑着, 放下) */
  "擦拿指抬摸拍挥搓握拉递举皱叹腼憨搂抱捧扶掏摆笑看放翻接坐走跑蹲转打摇叫喊跟朝"
  "常便却再共及女";

/* Last characters of a noun naming a person (种植大户, 准爸爸, 外卖骑手, 返乡青年). */
static const char person_end_chars[] =
  "人户手匠工员生师长家农民者客友爸妈姐哥嫂娘爷奶叔姨伯婆娃儿女士官警医兵主商贩郎汉"
  "子夫妻侣翁童孩年弟妹伴居档霸模星将帅";

/* Of those, the ones that end few other words (not 工, 生, 年 as in 工程,
 * 发生, 今年): enough to take a name met in running text. */
static const char person_end_strong_chars[] =
  "人户手匠爸妈哥姐嫂娘爷奶叔姨伯婆娃士警医兵妻翁童孩女";

/* Characters that do not occur in a noun phrase naming a person. */
static const char function_chars[] =
  "的了在是和与对向把被将从给让说着过也都还又就而但并及或等这那其该此我你他她们吗呢吧";

/* Given-name characters mostly given to girls, for 她. */
static const char female_name_chars[] =
  "芳丽娟兰英梅霞燕萍玲婷琳娜静慧敏秀艳莉凤琴雪洁晶妍媛珍莲菊倩颖蓉薇娇嫣姣婉淑妹姗";

static const char common_surnames[] =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
  "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史"
  "陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟"
  "殷詹申欧耿兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛"
  "靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜"
  "冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟"
  "邝官封谈匡鞠惠荆乐冀郁胥班储栗燕楚鄢劳谌奚皮粟冼蔺楼闻厉伊仝郜阚花权帅屠豆朴盖练"
  "廉禹井祖漆巴丰卿狄宣晋容敬扈晁芮阙浦戈伏鹿薄钭明"
  /* more of the 百家姓 and surnames common in Hunan (盘, 奉, 旷); characters
   * that mostly start ordinary words (和, 时, 平, 关, 强, 云, 衡) are left out */
  "昌萧湛贝茅昝裘贲钮嵇荀羿邴糜弓牧隗宓郗戎蓟邰鄂赖莘逄郦雍璩濮郏阎慕茹宦庾殳夔厍"
  "訾乜蒯竺逯桓缑亢郈佴谯笪钦洪酆盘奉旷眭";

/* Organisations: 某公司员工 is a role, 员工 alone a description. */
static const char * const org_words[] = {
  "公司", "集团", "企业", "工厂", "厂", "银行", "医院", "学校", "大学", "局", "中心", "协会",
  "商场", "超市", "酒店", "合作社", "车间", "单位", "门店", "车站", "委员会", NULL
};

/* Descriptions that name a job: with an organisation they are a role. */
static const char * const employment_words[] = {
  "员工", "职工", "工人", "店员", NULL
};

/* Words after a surname or before a name telling a woman or a man. */
static const char * const female_words[] = {
  "女士", "小姐", "阿姨", "大妈", "奶奶", "大姐", "婆婆", "姐", "嫂", "姨", "大娘", "妈妈",
  "母亲", "姑娘", "女儿", "妻子", "媳妇", "孙女", "女孩", "老板娘", NULL
};

static const char * const male_words[] = {
  "先生", "大爷", "爷爷", "大哥", "大叔", "伯", "叔", "哥", "伯伯", "叔叔", "大伯", "爸爸",
  "父亲", "小伙", "小伙子", "儿子", "丈夫", "孙子", "男孩", NULL
};

static const char * const compound_surnames[] = {
  "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "慕容", "令狐", "尉迟", "夏侯", "公孙",
  "端木", "申屠", "独孤", "南宫", "西门", "宇文", "长孙", "司徒", NULL
};

typedef struct
{
  WordList   *verbs;
  WordList   *before_verbs;
  WordList   *tail_stops;
  WordList   *lead_strips;
  WordList   *role_suffixes;
  WordList   *descriptions;
  WordList   *honorifics;
  WordList   *mention_honorifics;
  WordList   *slogan_after;
  WordList   *slogan_before;
  WordList   *voice_heads;
  WordList   *compound_surnames;
  WordList   *org_words;
  WordList   *employment_words;
  WordList   *female_words;
  WordList   *male_words;
  guint8     *flags;         /* CHAR_* bits of each character of the BMP */
} Lexicon;

/* Bits of Lexicon.flags. Every character of the lists is in the BMP. */
enum
{
  CHAR_SURNAME        = 1 << 0,  /* common_surnames */
  CHAR_COMPOUND_FIRST = 1 << 1,  /* first character of a compound surname */
  CHAR_NOT_NAME       = 1 << 2,  /* not_name_chars */
  CHAR_PERSON_END     = 1 << 3,  /* person_end_chars */
  CHAR_FUNCTION       = 1 << 4,  /* function_chars */
  CHAR_FEMALE         = 1 << 5,  /* female_name_chars */
  CHAR_PERSON_STRONG  = 1 << 6,  /* person_end_strong_chars */
};

static void
char_flags_add (guint8     *flags,
                const char *chars,
                guint8      bit)
{
  for (const char *p = chars; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c < 0x10000)   /* all of them */
        flags[c] |= bit;
    }
}

static inline guint8
char_flags (const Lexicon *lx,
            gunichar       c)
{
  return c < 0x10000 ? lx->flags[c] : 0;
}

/* FALSE when no surname starts with @c: the quick test of a scan. */
static inline gboolean
may_be_surname (const Lexicon *lx,
                gunichar       c)
{
  return (char_flags (lx, c) & (CHAR_SURNAME | CHAR_COMPOUND_FIRST)) != 0;
}

static const Lexicon *
lexicon (void)
{
  static Lexicon *lex;

  if (g_once_init_enter (&lex))
    {
      Lexicon *l = g_new0 (Lexicon, 1);

      l->verbs = word_list_new (speech_verbs);
      l->before_verbs = word_list_new (before_verbs);
      l->tail_stops = word_list_new (tail_stops);
      l->lead_strips = word_list_new (lead_strips);
      l->role_suffixes = word_list_new (role_suffixes);
      l->descriptions = word_list_new (descriptions);
      l->honorifics = word_list_new (honorifics);
      l->mention_honorifics = word_list_new (mention_honorifics);
      l->slogan_after = word_list_new (slogan_after);
      l->slogan_before = word_list_new (slogan_before);
      l->voice_heads = word_list_new (voice_heads);
      l->compound_surnames = word_list_new (compound_surnames);
      l->org_words = word_list_new (org_words);
      l->employment_words = word_list_new (employment_words);
      l->female_words = word_list_new (female_words);
      l->male_words = word_list_new (male_words);
      l->flags = g_new0 (guint8, 0x10000);
      char_flags_add (l->flags, common_surnames, CHAR_SURNAME);
      char_flags_add (l->flags, not_name_chars, CHAR_NOT_NAME);
      char_flags_add (l->flags, person_end_chars, CHAR_PERSON_END);
      char_flags_add (l->flags, function_chars, CHAR_FUNCTION);
      char_flags_add (l->flags, female_name_chars, CHAR_FEMALE);
      char_flags_add (l->flags, person_end_strong_chars, CHAR_PERSON_STRONG);
      for (guint i = 0; compound_surnames[i] != NULL; i++)
        l->flags[g_utf8_get_char (compound_surnames[i])] |= CHAR_COMPOUND_FIRST;
      g_once_init_leave (&lex, l);
    }
  return lex;
}

/* ------------------------------------------------------------------------ */
/* Characters                                                                */

static gboolean
is_han (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FA1F);
}

static gboolean
is_sentence_end (gunichar c)
{
  return c == 0x3002 /* 。 */ || c == 0xFF01 /* ！ */ || c == 0xFF1F /* ？ */ ||
         c == '!' || c == '?';
}

static gboolean
is_ellipsis (gunichar c)
{
  return c == 0x2026 || c == 0x22EF;
}

static gboolean
is_comma (gunichar c)
{
  return c == 0xFF0C || c == ',' || c == 0xFF1B || c == ';';
}

static gboolean
is_colon (gunichar c)
{
  return c == 0xFF1A || c == ':';
}

static gboolean
is_open_mark (gunichar c)
{
  return c == 0x201C || c == 0x300C || c == 0x300E;
}

static gboolean
is_close_mark (gunichar c)
{
  return c == 0x201D || c == 0x300D || c == 0x300F;
}

/* Ends a clause for the purpose of finding who spoke. */
static gboolean
is_boundary (gunichar c)
{
  return is_sentence_end (c) || is_comma (c) || is_colon (c) || is_open_mark (c) ||
         is_close_mark (c) || is_ellipsis (c) || c == '"' || c == 0x2018 || c == 0x2019 ||
         c == 0xFF08 || c == 0xFF09 || c == '(' || c == ')' || c == 0x3010 || c == 0x3011 ||
         c == 0x300A || c == 0x300B || c == '\n' || c == 0x2014;
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x3000;
}

static gboolean
is_surname_at (const gunichar *s,
               glong           pos,
               glong           end,
               glong          *out_len)
{
  const Lexicon *lx = lexicon ();
  guint8 f;

  if (pos >= end)
    return FALSE;
  f = char_flags (lx, s[pos]);
  if ((f & CHAR_COMPOUND_FIRST) != 0 &&
      word_list_prefix (lx->compound_surnames, s, pos, end) != NULL)
    {
      *out_len = 2;
      return TRUE;
    }
  if ((f & CHAR_SURNAME) != 0)
    {
      *out_len = 1;
      return TRUE;
    }
  return FALSE;
}

/* s[a..b) is a plausible full name: surname + one or two characters. */
static gboolean
is_name (const gunichar *s,
         glong           a,
         glong           b)
{
  const Lexicon *lx = lexicon ();
  glong sl;

  if (!is_surname_at (s, a, b, &sl))
    return FALSE;
  if (b - a - sl < 1 || b - a - sl > 2)
    return FALSE;
  for (glong i = a + sl; i < b; i++)
    if (!is_han (s[i]) || (char_flags (lx, s[i]) & CHAR_NOT_NAME) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
ucs4_has (const gunichar *s,
          glong           a,
          glong           b,
          gunichar        c)
{
  for (glong i = a; i < b; i++)
    if (s[i] == c)
      return TRUE;
  return FALSE;
}

static char *
ucs4_dup (const gunichar *s,
          glong           a,
          glong           b)
{
  if (b <= a)
    return NULL;
  return g_ucs4_to_utf8 (s + a, b - a, NULL, NULL, NULL);
}

/* ------------------------------------------------------------------------ */
/* Who: parsing a phrase that names a person                                  */

typedef enum
{
  PERSON_NONE,
  PERSON_NAME,          /* 康久清, 袁女士 */
  PERSON_DESCRIPTION,   /* 市民, 该负责人 */
  PERSON_PRONOUN,       /* 他, 她: resolve to the last named person */
  PERSON_FIRST,         /* 我, 我们: the writer; speaker unknown */
} PersonKind;

typedef enum
{
  GENDER_UNKNOWN,
  GENDER_MALE,
  GENDER_FEMALE,
} Gender;

typedef struct
{
  PersonKind  kind;
  Gender      gender;    /* of a pronoun (他, 她), or told by the phrase */
  gboolean    weak;      /* found in the sentence before, not next to the quote */
  char       *speaker;
  char       *role;
} Person;

static void
person_clear (Person *p)
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
    if (word_list_prefix (wl, s, i, b) != NULL)
      return TRUE;
  return FALSE;
}

/* 0: not a role, 1: a description (市民), 2: a title (局长, 某公司员工,
 * 市人大代表、某厂工人). */
static int
prefix_kind (const gunichar *s,
             glong           a,
             glong           b)
{
  const Lexicon *lx = lexicon ();
  const Word *d;

  if (b <= a)
    return 0;
  if ((d = word_list_suffix (lx->descriptions, s, a, b)) != NULL)
    {
      /* a job at a named organisation is a title */
      if (word_list_suffix (lx->employment_words, s, a, b) != NULL &&
          has_word (lx->org_words, s, a, b - d->n))
        return 2;
      /* titles joined by 、 */
      for (glong i = b - d->n - 1; i > a; i--)
        if (s[i] == 0x3001 /* 、 */)
          return prefix_kind (s, a, i) == 2 ? 2 : 1;
      return 1;
    }
  if (word_list_suffix (lx->role_suffixes, s, a, b) != NULL)
    return 2;
  return 0;
}

/* Chinese characters only, none of them a function word. */
static gboolean
all_han_noun (const gunichar *s,
              glong           a,
              glong           b)
{
  const Lexicon *lx = lexicon ();

  for (glong i = a; i < b; i++)
    if (!is_han (s[i]) || (char_flags (lx, s[i]) & CHAR_FUNCTION) != 0)
      return FALSE;
  return b > a;
}

/* A short noun phrase naming a person that is in neither list: 种植大户,
 * 准爸爸, 外卖骑手. It tells who the name is, but is not a title. */
static gboolean
is_person_noun (const gunichar *s,
                glong           a,
                glong           b)
{
  const Lexicon *lx = lexicon ();

  if (b - a < 2 || b - a > 10 || !all_han_noun (s, a, b))
    return FALSE;
  return (char_flags (lx, s[b - 1]) & CHAR_PERSON_END) != 0;
}

/* 一名外卖骑手, 一位快递小哥, 两名环卫工人: a counted person. */
static gboolean
is_counted_person (const gunichar *s,
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
    return is_person_noun (s, a + 2, b);
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
static Gender
guess_gender (const gunichar *s,
              glong           a,
              glong           name_start,
              glong           b)
{
  const Lexicon *lx = lexicon ();

  if (word_list_suffix (lx->female_words, s, a, b) != NULL)
    return GENDER_FEMALE;
  if (word_list_suffix (lx->male_words, s, a, b) != NULL)
    return GENDER_MALE;
  if (name_start > a)
    {
      if (word_list_suffix (lx->female_words, s, a, name_start) != NULL)
        return GENDER_FEMALE;
      if (word_list_suffix (lx->male_words, s, a, name_start) != NULL)
        return GENDER_MALE;
    }
  if (b - name_start >= 2 && (char_flags (lx, s[b - 1]) & CHAR_FEMALE) != 0)
    return GENDER_FEMALE;
  return GENDER_UNKNOWN;
}

static PersonKind
name_person (const gunichar *s,
             glong           a,
             glong           name_start,
             glong           b,
             gboolean        with_role,
             Person         *out)
{
  out->kind = PERSON_NAME;
  out->speaker = ucs4_dup (s, name_start, b);
  if (with_role)
    out->role = ucs4_dup (s, a, name_start);
  out->gender = guess_gender (s, a, name_start, b);
  return PERSON_NAME;
}

static PersonKind
parse_person (const gunichar *s,
              glong           a,
              glong           b,
              Person         *out)
{
  const Lexicon *lx = lexicon ();
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
    if (s[i] == 0x8FB9 /* 边 */ && ucs4_has (s, i + 1, b, 0x8FB9))
      {
        b = s[i - 1] == 0x4E00 /* 一 */ ? i - 1 : i;
        break;
      }

  while (changed && a < b)
    {
      changed = FALSE;
      if ((w = word_list_prefix (lx->lead_strips, s, a, b)) != NULL && b - a - w->n >= 1)
        {
          a += w->n;
          changed = TRUE;
        }
      if ((w = word_list_suffix (lx->tail_stops, s, a, b)) != NULL && b - w->n - a >= 1)
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
    if (s[i] == 0x8FB9 /* 边 */ && ucs4_has (s, i + 1, b, 0x8FB9))
      {
        b = s[i - 1] == 0x4E00 /* 一 */ ? i - 1 : i;
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

  /* the writer's own people are not speakers */
  if (word_list_suffix (lx->descriptions, s, a, b) == NULL &&
      b - a >= 2 && b - a <= 4 && s[b - 2] == 0x8BB0 && s[b - 1] == 0x8005 /* 记者 */)
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
  if ((w = word_list_suffix (lx->honorifics, s, a, b)) != NULL)
    {
      glong p = b - w->n;
      glong best = -1;

      for (glong st = MAX (a, p - 3); st < p; st++)
        {
          glong sl;
          if (is_surname_at (s, st, p, &sl) && (st == p - sl || is_name (s, st, p)))
            {
              int k = prefix_kind (s, a, st);
              if (st == a || k > 0 || is_person_noun (s, a, st))
                {
                  best = st;
                  break;
                }
            }
        }
      if (best < 0 && p - 1 >= a)
        {
          glong sl;
          if (is_surname_at (s, p - 1, p, &sl))
            best = p - 1;
        }
      /* 老李, 小王 */
      if (best < 0 && p - 2 >= a && (s[p - 2] == 0x8001 || s[p - 2] == 0x5C0F))
        best = p - 2;
      if (best >= 0)
        return name_person (s, a, best, b, prefix_kind (s, a, best) == 2, out);
    }

  /* title + name: 石峰区城管局局长康久清; a name after words telling who
   * (种植大户邝建华, 一名外卖骑手王强); or a name alone */
  {
    glong best_start = -1;
    int best_score = 0;
    /* no name inside a closing description word (一名网约车司机) */
    glong longest = word_list_suffix (lx->descriptions, s, a, b) != NULL ? 0 : 4;

    for (glong k = longest; k >= 2; k--)
      {
        glong st = b - k;
        int score, pk;

        if (st < a || !is_name (s, st, b))
          continue;
        if (st == a)
          score = 1;
        else if ((pk = prefix_kind (s, a, st)) > 0)
          score = pk == 2 ? 4 : 3;
        else if (is_person_noun (s, a, st) || is_counted_person (s, a, st))
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
      return name_person (s, a, best_start, b, best_score == 4, out);
  }

  /* 老李, 小王 */
  if (b - a == 2 && (s[a] == 0x8001 || s[a] == 0x5C0F))
    {
      glong sl;
      if (is_surname_at (s, a + 1, b, &sl))
        return name_person (s, a, a, b, FALSE, out);
    }

  /* a description: 该负责人, 现场一名城管队员, 市民们, 一名外卖骑手 */
  {
    glong e = b;

    if (e - a >= 2 && s[e - 1] == 0x4EEC /* 们 */)
      e--;
    if ((prefix_kind (s, a, e) > 0 || is_counted_person (s, a, e)) && b - a <= 20)
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
        out->speaker = ucs4_dup (s, a, b);
        out->gender = guess_gender (s, a, b, b);
        return PERSON_DESCRIPTION;
      }
    /* 现场一名外卖骑手 */
    for (glong i = a + 1; i + 4 <= e && i <= a + 4; i++)
      if (is_counted_person (s, i, e) && all_han_noun (s, a, i))
        {
          out->kind = PERSON_DESCRIPTION;
          out->speaker = ucs4_dup (s, a, b);
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
  parse_person (s, 0, n, &p);
  if (p.kind != PERSON_NAME && p.kind != PERSON_DESCRIPTION)
    {
      person_clear (&p);
      return FALSE;
    }
  if (out_speaker)
    *out_speaker = g_steal_pointer (&p.speaker);
  if (out_role)
    *out_role = g_steal_pointer (&p.role);
  person_clear (&p);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The record being read                                                     */

/* A name met in the record, for finding it again cheaply. */
typedef struct
{
  gunichar c[6];
  glong    n;
} KnownName;

typedef struct
{
  const ZrRecord *record;
  guint           n;
  gunichar      **par;
  glong          *len;
  GHashTable     *roles;       /* name → role, from mentions and attributions */
  GHashTable     *genders;     /* name → Gender, when a mention told it */
  char           *last_name;   /* last named person, for 他/她 */
  char           *last[3];     /* last named person of each Gender */
  guint           last_seq[3]; /* when each was named (0: never) */
  guint           seq;
  GArray         *known;       /* KnownName: every person named so far */
  gboolean        in_voice;    /* under a 【声音】 heading */
  GPtrArray      *out;
} Reader;

static void
reader_set_last (Reader     *r,
                 const char *name,
                 const char *role,
                 Gender      gender)
{
  glong n;
  g_autofree gunichar *u = NULL;

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

  u = g_utf8_to_ucs4_fast (name, -1, &n);
  if (n >= 2 && n <= (glong) G_N_ELEMENTS (((KnownName *) NULL)->c))
    {
      KnownName k = { { 0 }, n };

      for (guint i = 0; i < r->known->len; i++)
        {
          const KnownName *o = &g_array_index (r->known, KnownName, i);
          if (o->n == n && memcmp (o->c, u, n * sizeof (gunichar)) == 0)
            return;
        }
      memcpy (k.c, u, n * sizeof (gunichar));
      g_array_append_val (r->known, k);
    }
}

/* The length of a name already met that starts at s[i], or 0. */
static glong
reader_known_at (Reader         *r,
                 const gunichar *s,
                 glong           i,
                 glong           end)
{
  glong best = 0;

  for (guint k = 0; k < r->known->len; k++)
    {
      const KnownName *o = &g_array_index (r->known, KnownName, k);
      if (o->n > best && i + o->n <= end && s[i] == o->c[0] &&
          memcmp (s + i, o->c, o->n * sizeof (gunichar)) == 0)
        best = o->n;
    }
  return best;
}

/* Mentions of people in running text: 副所长邓辉明, 袁师傅, 种植大户盘立新,
 * 十岁的盘小兰, and again any name already met. */
static void
reader_scan_mentions (Reader         *r,
                      const gunichar *s,
                      glong           from,
                      glong           to)
{
  const Lexicon *lx = lexicon ();

  for (glong i = MAX (from, 1); i < to; i++)
    {
      const Word *w;
      glong sl, kn;

      if (!may_be_surname (lx, s[i]) || !is_surname_at (s, i, to, &sl))
        continue;

      /* surname + honorific */
      if ((w = word_list_prefix (lx->mention_honorifics, s, i + sl, to)) != NULL)
        {
          g_autofree char *name = ucs4_dup (s, i, i + sl + w->n);
          reader_set_last (r, name, NULL, guess_gender (s, i, i, i + sl + w->n));
          i += sl + w->n - 1;
          continue;
        }

      /* title + name */
      if ((w = word_list_suffix (lx->role_suffixes, s, from, i)) != NULL)
        {
          glong e = i + sl + 2;
          glong rs;

          if (e > to || !is_name (s, i, e) ||
              word_list_prefix (lx->verbs, s, i + sl + 1, to) != NULL)
            e = i + sl + 1;
          if (e > to || !is_name (s, i, e))
            continue;
          for (rs = i - w->n; rs > from && rs > i - 24; rs--)
            if (is_boundary (s[rs - 1]) || is_space (s[rs - 1]) || s[rs - 1] == 0x7684 ||
                s[rs - 1] == 0x3001)
              break;
          /* titles joined by 、: 市人大代表、某公司员工 */
          while (rs > from + 1 && s[rs - 1] == 0x3001)
            {
              glong q = rs - 1;
              while (q > from && q > rs - 16 && !is_boundary (s[q - 1]) && !is_space (s[q - 1]) &&
                     s[q - 1] != 0x7684 && s[q - 1] != 0x3001)
                q--;
              if (prefix_kind (s, q, rs - 1) != 2)
                break;
              rs = q;
            }
          {
            g_autofree char *name = ucs4_dup (s, i, e);
            g_autofree char *role = prefix_kind (s, rs, i) == 2 ? ucs4_dup (s, rs, i) : NULL;
            reader_set_last (r, name, role, guess_gender (s, rs, i, e));
          }
          i = e - 1;
          continue;
        }

      /* a name met before */
      if ((kn = reader_known_at (r, s, i, to)) > 0)
        {
          g_autofree char *name = ucs4_dup (s, i, i + kn);
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
        else if ((char_flags (lx, s[i - 1]) & CHAR_PERSON_STRONG) != 0)
          for (glong k = 2; k <= 6 && i - k >= from && !who; k++)
            if (is_person_noun (s, i - k, i))
              {
                who = TRUE;
                rs = i - k;
              }
        if (!who && (w = word_list_suffix (lx->descriptions, s, from, i)) != NULL)
          {
            who = TRUE;
            rs = i - w->n;
          }
        if (!who || !is_name (s, i, e))
          continue;
        /* 九岁的孙子黎梦石: the name is after the noun */
        for (glong j = i + 2; j <= i + 6 && j + 2 < to; j++)
          {
            glong jl;
            if (is_person_noun (s, i, j) && is_surname_at (s, j, to, &jl) &&
                is_name (s, j, j + jl + 2) && j + jl + 2 <= to)
              {
                rs = i;
                i = j;
                e = j + jl + 2;
                break;
              }
          }
        {
          g_autofree char *name = ucs4_dup (s, i, e);
          reader_set_last (r, name, NULL, guess_gender (s, rs, i, e));
        }
        i = e - 1;
      }
    }
}

/* 他常对徒弟们说, 王芳擦了擦手上的油污说, 准爸爸李强笑着冲妻子说: the
 * person at the start of the clause, with an action of a few words between
 * the name and the speech verb. */
static PersonKind
reader_parse_lead (Reader         *r,
                   const gunichar *s,
                   glong           a,
                   glong           b,
                   Person         *out)
{
  const Lexicon *lx = lexicon ();
  const Word *w;
  glong best = -1, best_end = 0, best_from = 0;
  int best_score = 0;

  memset (out, 0, sizeof *out);
  while (a < b && is_space (s[a]))
    a++;
  while ((w = word_list_prefix (lx->lead_strips, s, a, b)) != NULL && b - a - w->n >= 3)
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

      if (!may_be_surname (lx, s[p]) || !is_surname_at (s, p, b, &sl))
        continue;
      for (glong t = p - 1; t >= a; t--)
        if (s[t] == 0x7684 /* 的 */)
          {
            from = t + 1;
            break;
          }
      if (from == p)
        score = 1;
      else if ((pk = prefix_kind (s, from, p)) > 0)
        score = pk == 2 ? 4 : 3;
      else if (is_person_noun (s, from, p) || is_counted_person (s, from, p))
        score = 2;
      else
        continue;

      if ((w = word_list_prefix (lx->honorifics, s, p + sl, b)) != NULL)
        e = p + sl + w->n;
      else if ((kn = reader_known_at (r, s, p, b)) > 0)
        e = p + kn;
      else if (is_name (s, p, p + sl + 2))
        e = p + sl + 2;
      else if (is_name (s, p, p + sl + 1))
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
  return name_person (s, best_from, best, best_end, best_score == 4, out);
}

/* Context around (paragraph, pos) as one array; a paragraph that ends
 * without sentence punctuation continues into the next one (a layout break). */
static gunichar *
reader_after (Reader *r,
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

static gunichar *
reader_before (Reader *r,
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
static void
reader_finish_person (Reader *r,
                      Person *p)
{
  if (p->kind == PERSON_PRONOUN)
    {
      /* 她: the last woman or person of unknown sex named; 他 likewise;
       * failing that, whoever was named last */
      const char *name = r->last_name;

      if (r->last_seq[GENDER_UNKNOWN] > 0 || r->last_seq[p->gender] > 0)
        name = r->last_seq[p->gender] > r->last_seq[GENDER_UNKNOWN] ?
               r->last[p->gender] : r->last[GENDER_UNKNOWN];
      if (name != NULL)
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
}

typedef struct
{
  glong open;    /* index of the opening mark */
  glong close;   /* index of the closing mark */
} Span;

static GArray *
find_spans (const gunichar *s,
            glong           n)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));
  GArray *ascii = g_array_new (FALSE, FALSE, sizeof (glong));
  glong i = 0;

  while (i < n)
    {
      if (is_open_mark (s[i]))
        {
          gunichar o = s[i], c = o == 0x201C ? 0x201D : o + 1;
          int depth = 1;
          glong j;

          for (j = i + 1; j < n; j++)
            {
              if (s[j] == o)
                depth++;
              else if (s[j] == c && --depth == 0)
                break;
            }
          if (j < n)
            {
              Span sp = { i, j };
              g_array_append_val (spans, sp);
              i = j + 1;
              continue;
            }
        }
      else if (s[i] == '"')
        g_array_append_val (ascii, i);
      i++;
    }

  /* ASCII marks pair up in order, outside the curly ones */
  for (guint k = 0; k + 1 < ascii->len; k += 2)
    {
      Span sp = { g_array_index (ascii, glong, k), g_array_index (ascii, glong, k + 1) };
      guint at = 0;

      while (at < spans->len && g_array_index (spans, Span, at).open < sp.open)
        at++;
      g_array_insert_val (spans, at, sp);
    }
  g_array_unref (ascii);
  return spans;
}

typedef struct
{
  gboolean    evidence;      /* a speech verb or a colon stands next to the marks */
  gboolean    slogan;        /* 题为“…”, “…”横幅 */
  gboolean    first_person;  /* 我说：“…” */
  Person      who;
} Side;

/* The first person named in s[a..b): 谭先生 in 市民谭先生指着新路说,
 * 康久清 in 局长康久清拉着记者的手. */
static gboolean
find_mention (const gunichar *s,
              glong           a,
              glong           b,
              Person         *out)
{
  const Lexicon *lx = lexicon ();

  for (glong i = a; i < b; i++)
    {
      const Word *w;
      glong sl;

      if (!may_be_surname (lx, s[i]) || !is_surname_at (s, i, b, &sl))
        continue;
      if ((w = word_list_prefix (lx->mention_honorifics, s, i + sl, b)) != NULL)
        {
          out->kind = PERSON_NAME;
          out->speaker = ucs4_dup (s, i, i + sl + w->n);
          return TRUE;
        }
      if (i > a && word_list_suffix (lx->role_suffixes, s, a, i) != NULL)
        {
          for (glong k = 2; k >= 1; k--)
            {
              glong e = i + sl + k;
              if (e <= b && is_name (s, i, e) &&
                  (k == 1 || word_list_prefix (lx->verbs, s, i + sl + 1, b) == NULL))
                {
                  Person p;
                  if (parse_person (s, a, e, &p) == PERSON_NAME)
                    {
                      *out = p;
                      return TRUE;
                    }
                  person_clear (&p);
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
  const Lexicon *lx = lexicon ();
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
      if ((v = word_list_suffix (lx->verbs, s, c, ce)) != NULL)
        {
          parse_person (s, c, ce - v->n, out);
          if (out->kind == PERSON_NONE)
            reader_parse_lead (r, s, c, ce - v->n, out);
          if (out->kind == PERSON_NAME || out->kind == PERSON_DESCRIPTION ||
              out->kind == PERSON_PRONOUN)
            {
              out->weak = TRUE;
              return TRUE;
            }
          person_clear (out);
          return FALSE;
        }
      c = ce + 1;
    }
  return FALSE;
}

static void
look_before (Reader         *r,
             guint           pi,
             glong           open,
             Side           *side)
{
  const Lexicon *lx = lexicon ();
  g_autofree gunichar *s = NULL;
  glong n, e, st;
  gboolean colon = FALSE;
  const Word *v;

  memset (side, 0, sizeof *side);
  s = reader_before (r, pi, open, &n);
  e = n;
  while (e > 0 && is_space (s[e - 1]))
    e--;
  if (e > 0 && (is_colon (s[e - 1]) || is_comma (s[e - 1])))
    {
      colon = is_colon (s[e - 1]);
      e--;
    }
  if (word_list_suffix (lx->slogan_before, s, 0, e) != NULL)
    {
      side->slogan = TRUE;
      return;
    }
  v = word_list_suffix (lx->verbs, s, 0, e);
  if (v == NULL)
    v = word_list_suffix (lx->before_verbs, s, 0, e);
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
  parse_person (s, st, e, &side->who);

  /* 他还提醒旅客：“…”: the verb stands inside the clause */
  for (glong i = st + 1; i < e && side->who.kind == PERSON_NONE; i++)
    if (word_list_prefix (lx->verbs, s, i, e) != NULL)
      {
        parse_person (s, st, i, &side->who);
        if (side->who.kind == PERSON_NONE)
          find_mention (s, st, i, &side->who);
      }
  if (side->who.kind == PERSON_NONE)
    find_mention (s, st, e, &side->who);
  if (side->who.kind == PERSON_NONE)
    reader_parse_lead (r, s, st, e, &side->who);
  if (side->who.kind == PERSON_FIRST)
    side->first_person = TRUE;
}

static void
look_after (Reader  *r,
            guint    pi,
            glong    close,
            gboolean paragraph_initial,
            Side    *side)
{
  const Lexicon *lx = lexicon ();
  g_autofree gunichar *s = NULL;
  glong n, a = 0, clause_end;
  gboolean after_stop = FALSE;

  memset (side, 0, sizeof *side);
  s = reader_after (r, pi, close + 1, &n);
  while (a < n && (is_space (s[a]) || is_ellipsis (s[a])))
    a++;
  if (word_list_prefix (lx->slogan_after, s, a, n) != NULL)
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
      const Word *v = word_list_prefix (lx->verbs, s, i, clause_end);
      Person p;

      if (v == NULL)
        continue;
      if (after_stop && (i - a > 8 || i + v->n != clause_end))
        break;
      parse_person (s, a, i, &p);
      if (p.kind == PERSON_NONE)
        find_mention (s, a, i, &p);
      if (p.kind == PERSON_NONE)
        reader_parse_lead (r, s, a, i, &p);
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

          if (!may_be_surname (lx, s[i]) || !is_surname_at (s, i, end, &sl))
            continue;
          if ((w = word_list_prefix (lx->mention_honorifics, s, i + sl, end)) != NULL &&
              (i == a || !is_han (s[i - 1]) || s[i - 1] == 0x7684 ||
               prefix_kind (s, a, i) > 0))
            {
              side->who.kind = PERSON_NAME;
              side->who.speaker = ucs4_dup (s, i, i + sl + w->n);
              return;
            }
        }
    }
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
  text = ucs4_dup (s, a, b);
  g_ptr_array_add (r->out, zr_quote_new (pi, a, b, text, speaker, role));
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
  if (c >= n || c > 30 || c < 2)
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
      /* X：“…” is a quote in marks, unless the marks hold only a term */
      gunichar o = s[w], cm = o == 0x201C ? 0x201D : o == '"' ? '"' : o + 1;
      glong j = w + 1;

      while (j < end && s[j] != cm)
        j++;
      if (j + 2 >= end)
        return FALSE;
    }
  for (glong i = w; i < end; i++)
    if (is_sentence_end (s[i]))
      final = TRUE;
  if (!final)
    return FALSE;

  parse_person (s, 0, c, &p);
  if (p.kind == PERSON_NAME && p.role == NULL && !r->in_voice)
    {
      /* a bare name outside a 【声音】 block must be known already */
      if (!g_hash_table_contains (r->roles, p.speaker))
        p.kind = PERSON_NONE;
    }
  if (p.kind == PERSON_NONE || p.kind == PERSON_FIRST)
    {
      person_clear (&p);
      return FALSE;
    }
  reader_finish_person (r, &p);
  add_quote (r, pi, w, end, p.speaker, p.role);
  person_clear (&p);
  return TRUE;
}

static gboolean
is_voice_heading (const gunichar *s,
                  glong           n)
{
  const Lexicon *lx = lexicon ();

  while (n > 0 && is_space (s[n - 1]))
    n--;
  if (n < 3 || n > 14 || s[0] != 0x3010 || s[n - 1] != 0x3011)
    return FALSE;
  for (glong i = 1; i < n - 1; i++)
    if (word_list_prefix (lx->voice_heads, s, i, n - 1) != NULL)
      return TRUE;
  return FALSE;
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

  if (para->kind == ZR_PARAGRAPH_KIND_BODY && reader_statement (r, pi))
    {
      reader_scan_mentions (r, s, 0, n);
      return;
    }

  spans = find_spans (s, n);
  while (g < spans->len)
    {
      guint first = g, last = g;
      Side before, after;
      gboolean evidence;
      gboolean initial;
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

        reader_scan_mentions (r, s, scanned, f->open);
        scanned = f->open;
        while (k < f->open && is_space (s[k]))
          k++;
        initial = k == f->open;
        look_before (r, pi, f->open, &before);
      }
      look_after (r, pi, g_array_index (spans, Span, last).close, initial, &after);

      evidence = (before.evidence || after.evidence) && !before.slogan && !after.slogan;

      if (before.first_person ||
          (before.evidence && before.who.kind == PERSON_NONE && after.who.kind == PERSON_FIRST) ||
          (before.who.weak && after.who.kind == PERSON_FIRST))
        who = NULL;
      else if (before.who.kind != PERSON_NONE && before.who.kind != PERSON_FIRST && !before.who.weak)
        who = &before.who;
      else if (after.who.kind != PERSON_NONE && after.who.kind != PERSON_FIRST)
        who = &after.who;
      else if (before.who.kind != PERSON_NONE && before.who.kind != PERSON_FIRST)
        who = &before.who;   /* from the sentence before */

      if (who != NULL)
        {
          resolved.kind = who->kind;
          resolved.gender = who->gender;
          resolved.speaker = g_strdup (who->speaker);
          resolved.role = g_strdup (who->role);
          reader_finish_person (r, &resolved);
          if (resolved.kind == PERSON_FIRST)
            person_clear (&resolved);
        }

      for (guint k = first; k <= last; k++)
        {
          const Span *sp = &g_array_index (spans, Span, k);
          gboolean slogan = (k == first && before.slogan) || (k == last && after.slogan);

          if (slogan)
            continue;
          if (content_is_quote (s, sp->open + 1, sp->close, evidence))
            add_quote (r, pi, sp->open + 1, sp->close, resolved.speaker, resolved.role);
        }

      person_clear (&resolved);
      person_clear (&before.who);
      person_clear (&after.who);
      g = last + 1;
    }
  reader_scan_mentions (r, s, scanned, n);
}

GPtrArray *
zr_quotes_extract (const ZrRecord *record)
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
  r.known = g_array_new (FALSE, FALSE, sizeof (KnownName));
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
  g_array_unref (r.known);
  g_free (r.last_name);
  for (guint i = 0; i < G_N_ELEMENTS (r.last); i++)
    g_free (r.last[i]);
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
