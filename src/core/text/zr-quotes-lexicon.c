/* zr-quotes-lexicon.c: the word lists and character classes of the quote finder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Word lists are indexed by first and last character so that looking for a
 * speech verb or a title at a position touches only the few words that can match.
 */
#include "config.h"

#include "zr-quotes-private.h"

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
const Word *
_zr_quotes_word_list_suffix (const WordList *wl,
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
const Word *
_zr_quotes_word_list_prefix (const WordList *wl,
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
  "喊道", "表明", "叮嘱", "嘱咐", "承诺", "评价", "总结", "直呼", "称赞", "感慨道", "发言",
  "喊", "提议", "笑称", "讲述", "形容", "宣布", "重申", "回应", "念叨", "嘀咕", "打趣", "调侃",
  NULL
};

/* Verbs of a clause whose sentence closes with the person's words:
 * 有居民希望…，“…”. Only in an earlier clause: next to the marks the
 * quotation may be the name of what is wished for. */
static const char * const wish_verbs[] = {
  "希望", "期待", "期盼", "盼望", "盼着", NULL
};

/* Verbs that introduce written or official words only before the quote. */
static const char * const before_verbs[] = {
  "提出", "号召", "写着", "指示", "批示", NULL
};

static const char * const tail_stops[] = {
  "在接受记者采访时", "在接受采访时", "接受记者采访时", "接受采访时", "对记者", "向记者",
  "跟记者", "和记者", "对笔者", "向笔者", "跟我们", "对我们", "向我们", "跟我", "对我", "向我",
  "和我", "给我", "告诉", "也曾", "一再", "反复", "多次", "再次", "这样", "如此", "马上",
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
  "主持人", "专干", "掌门人", "当家人", "法人", "老板娘", "交警", "特警", "刑警", "同志", "管家", "大师", "工匠", NULL
};

static const char * const descriptions[] = {
  "市民", "居民", "村民", "群众", "游客", "网友", "家长", "学生", "消费者", "顾客",
  "业主", "车主", "农户", "种植户", "养殖户", "老人", "孩子", "小朋友", "乘客", "司机",
  "商户", "摊贩", "店员", "食客", "患者", "病人", "家属", "读者", "观众", "工人",
  "农民", "职工", "员工", "上班族", "客户", "志愿者", "老乡", "网民", "用户", "租户",
  "房东", "租客", "新市民", "外卖小哥", "环卫工", "老党员", "市民朋友", "学生家长",
  "选手", "考生", "爱好者", "毕业生", "大学生", "研究生", "大爷", "大妈", "阿姨", "师傅",
  "老师傅", "老大爷", "老奶奶", "老爷爷", "年轻人", "小伙", "小伙子", "姑娘", "妈妈",
  "父亲", "母亲", "青年", "创业者", "经营者", "从业者", "参与者", "受访者", "当事人", "嘉宾", "者",
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
  "字样", "展板", "条幅", "宣传牌", "一行字", "几行字", "大字", "提示语", "提示牌", "告示牌",
  "标牌", NULL
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
  "常便却再共及女"
  /* 瑶族, 壮族: a people, not a name */
  "族";

/* Of those, the ones also common in given names (易长春, 盘秋月, 张建中):
 * taken in a name of surname and two characters that ends where the phrase
 * does, before a speech verb or a punctuation mark. */
static const char given_name_also_chars[] = "长月中";

/* Last characters of a noun naming a person (种植大户, 准爸爸, 外卖骑手, 返乡青年). */
static const char person_end_chars[] =
  "人户手匠工员生师长家农民者客友爸妈姐哥嫂娘爷奶叔姨伯婆娃儿女士官警医兵主商贩郎汉"
  "子夫妻侣翁童孩年弟妹伴居档霸模星将帅";

/* Of those, the ones that end few other words (not 工, 生, 年 as in 工程,
 * 发生, 今年): enough to take a name met in running text. */
static const char person_end_strong_chars[] =
  "人户手匠爸妈哥姐嫂娘爷奶叔姨伯婆娃士警医兵妻翁童孩女弟";

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
  "訾乜蒯竺逯桓缑亢郈佴谯笪钦洪酆盘奉旷眭"
  /* rare ones of the south and of the Yao and Zhuang peoples (庹, 禤, 瑶) */
  "庹禤邸尧扶宾凤隆揭银瑶";

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

const Lexicon *
_zr_quotes_lexicon (void)
{
  static Lexicon *lex;

  if (g_once_init_enter (&lex))
    {
      Lexicon *l = g_new0 (Lexicon, 1);

      l->verbs = word_list_new (speech_verbs);
      l->before_verbs = word_list_new (before_verbs);
      l->wish_verbs = word_list_new (wish_verbs);
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
      char_flags_add (l->flags, given_name_also_chars, CHAR_GIVEN_ALSO);
      for (guint i = 0; compound_surnames[i] != NULL; i++)
        l->flags[g_utf8_get_char (compound_surnames[i])] |= CHAR_COMPOUND_FIRST;
      g_once_init_leave (&lex, l);
    }
  return lex;
}

gboolean
_zr_quotes_is_surname_at (const gunichar *s,
                          glong           pos,
                          glong           end,
                          glong          *out_len)
{
  const Lexicon *lx = _zr_quotes_lexicon ();
  guint8 f;

  if (pos >= end)
    return FALSE;
  f = char_flags (lx, s[pos]);
  if ((f & CHAR_COMPOUND_FIRST) != 0 &&
      _zr_quotes_word_list_prefix (lx->compound_surnames, s, pos, end) != NULL)
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
gboolean
_zr_quotes_is_name (const gunichar *s,
                    glong           a,
                    glong           b)
{
  const Lexicon *lx = _zr_quotes_lexicon ();
  glong sl;

  if (!_zr_quotes_is_surname_at (s, a, b, &sl))
    return FALSE;
  if (b - a - sl < 1 || b - a - sl > 2)
    return FALSE;
  for (glong i = a + sl; i < b; i++)
    if (!is_han (s[i]) || (char_flags (lx, s[i]) & CHAR_NOT_NAME) != 0)
      return FALSE;
  return TRUE;
}

/* s[a..b) is a name that ends the phrase (at @to, or before a speech verb
 * or punctuation): as _zr_quotes_is_name(), but a surname and two characters
 * may hold a character that is otherwise rarely in a name (易长春 说,
 * 盘秋月 说), unless it ends in a title (董事长). */
gboolean
_zr_quotes_is_name_before (const gunichar *s,
                           glong           a,
                           glong           b,
                           glong           to)
{
  const Lexicon *lx = _zr_quotes_lexicon ();
  glong sl;

  if (_zr_quotes_is_name (s, a, b))
    return TRUE;
  if (b > to || !_zr_quotes_is_surname_at (s, a, b, &sl) || b - a - sl != 2)
    return FALSE;
  if (b < to && !is_boundary (s[b]) && !is_space (s[b]) &&
      _zr_quotes_word_list_prefix (lx->verbs, s, b, to) == NULL)
    return FALSE;
  for (glong i = a + sl; i < b; i++)
    if (!is_han (s[i]) ||
        ((char_flags (lx, s[i]) & CHAR_NOT_NAME) != 0 && (char_flags (lx, s[i]) & CHAR_GIVEN_ALSO) == 0))
      return FALSE;
  return _zr_quotes_word_list_suffix (lx->role_suffixes, s, a, b) == NULL &&
         _zr_quotes_word_list_suffix (lx->descriptions, s, a, b) == NULL;
}

gboolean
_zr_quotes_ucs4_has (const gunichar *s,
                     glong           a,
                     glong           b,
                     gunichar        c)
{
  for (glong i = a; i < b; i++)
    if (s[i] == c)
      return TRUE;
  return FALSE;
}

char *
_zr_quotes_ucs4_dup (const gunichar *s,
                     glong           a,
                     glong           b)
{
  if (b <= a)
    return NULL;
  return g_ucs4_to_utf8 (s + a, b - a, NULL, NULL, NULL);
}
