/* zr-bench-gen.c: a seeded, reproducible generator of pages and records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "zr-bench-gen.h"

/* Ordered roughly from most to least common: the weight of word i is
 * 1 / (i + 2)^0.95. Written for this generator. */
static const char *vocabulary[] = {
  "的", "在", "和", "了", "是", "对", "将", "为", "市", "我们",
  "工作", "发展", "群众", "项目", "建设", "服务", "企业", "社区", "今年", "目前",
  "推进", "开展", "株洲", "城市", "管理", "一批", "全面", "进一步", "通过", "记者",
  "实现", "提升", "完成", "问题", "活动", "相关", "部门", "街道", "居民", "重点",
  "已经", "中心", "产业", "安全", "经济", "改革", "干部", "基层", "老人", "学校",
  "民生", "群众满意", "乡村", "振兴", "文明", "创建", "环境", "整治", "治理", "党建",
  "引领", "志愿者", "疫情", "防控", "医院", "健康", "教育", "学生", "老师", "家长",
  "交通", "道路", "出行", "公交", "地铁", "高铁", "站点", "停车", "城管", "执法",
  "驿站", "厕所", "公园", "绿道", "湘江", "沿江", "风光带", "广场", "步道", "小区",
  "物业", "业主", "改造", "老旧", "管网", "供水", "供电", "燃气", "垃圾", "分类",
  "农业", "种植", "水稻", "油茶", "茶叶", "农户", "合作社", "丰收", "收入", "增收",
  "就业", "岗位", "培训", "人才", "科技", "创新", "研发", "专利", "制造", "轨道",
  "交通装备", "航空", "动力", "陶瓷", "烟花", "服饰", "园区", "招商", "签约", "投产",
  "开工", "竣工", "审批", "办理", "窗口", "政务", "一件事", "跑一次", "营商", "环境优化",
  "法院", "检察", "公安", "民警", "案件", "诈骗", "反诈", "宣传", "普法", "调解",
  "消防", "救援", "隐患", "排查", "防汛", "抗旱", "值守", "巡查", "河长", "生态",
  "保护", "森林", "湿地", "候鸟", "空气", "质量", "优良", "天数", "减排", "低碳",
  "文化", "旅游", "景区", "游客", "非遗", "传承", "展览", "演出", "图书馆", "博物馆",
  "体育", "比赛", "运动员", "马拉松", "健身", "全民", "村民", "村干部", "驻村", "帮扶",
  "养老", "助餐", "托育", "医保", "社保", "低保", "救助", "残疾人", "退役军人", "关爱",
  "会议", "强调", "要求", "部署", "落实", "责任", "督导", "考核", "调研", "座谈",
  "书记", "市长", "区长", "主任", "局长", "负责人", "工作人员", "网格员", "楼栋长", "党员",
  "春节", "端午", "中秋", "国庆", "暑期", "周末", "上午", "下午", "近日", "昨日",
  "微改革", "小切口", "大民生", "获得感", "幸福感", "满意度", "最后一公里", "绣花功夫", "精细化", "标准化",
  "数字化", "智慧", "平台", "系统", "数据", "信息", "采集", "上线", "运行", "覆盖",
};

static const char *latin[] = {
  "WiFi", "APP", "5G", "PM2.5", "GDP", "AI", "CBD", "ETC", "LED", "VR",
  "wifi", "App", "Ｗｉｆｉ", "ＡＰＰ", "IPO", "CCTV", "USB", "QQ", "N95", "MV",
};

static const char *units[] = {
  "个", "座", "家", "名", "人", "万元", "亿元", "公里", "平方米", "亩", "吨", "%", "户", "项", "次",
};

static const char *districts[] = {
  "荷塘区", "芦淞区", "石峰区", "天元区", "渌口区", "醴陵市", "攸县", "茶陵县", "炎陵县", NULL,
};
static const guint district_weights[] = { 14, 13, 13, 16, 9, 11, 9, 8, 7 };

static const char *places[] = {
  "月塘街道", "茨菇塘街道", "宋家桥街道", "桂花街道", "金山街道", "仙庾镇",
  "贺家土街道", "建设街道", "建宁街道", "董家塅街道", "庆云街道", "枫溪街道", "龙泉街道", "白关镇",
  "清水塘街道", "学林街道", "龙头铺街道", "云田镇", "栗雨街道", "嵩山路街道", "马家河街道", "群丰镇",
  "南洲镇", "朱亭镇", "浦口镇", "孙家湾镇", "黄獭嘴镇",
};

static const char *topics[] = {
  "城市管理", "产业经济", "公共安全", "民生服务", "教育", "医疗卫生", "交通出行",
  "生态环境", "文化旅游", "乡村振兴", "党建", "政务", NULL,
};

static const char *surnames = "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许邓冯韩曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金贾";
static const char *given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红燕宇浩凯鹏飞晨婷雪琳欣怡子涵思远俊文博";

static const char *roles[] = { "记者", "全媒体记者", "通讯员", "摄影", "株洲日报社新媒体记者" };

static const char *columns[] = {
  "今日醴陵", "天元新闻", "石峰区", "荷塘区", "芦淞区", "渌口区", "攸县新闻", "茶陵", "炎陵",
  "民生", "法治", "要闻", "作风建设年", "一线故事",
};

struct _ZrBenchGen
{
  guint64  state;
  double  *cumulative;      /* vocabulary weights, running sum */
  double   total;
};

static guint64
next_u64 (ZrBenchGen *gen)
{
  guint64 z = (gen->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static double
next_double (ZrBenchGen *gen)
{
  return (next_u64 (gen) >> 11) * (1.0 / 9007199254740992.0);
}

ZrBenchGen *
zr_bench_gen_new (guint64 seed)
{
  ZrBenchGen *gen = g_new0 (ZrBenchGen, 1);
  double sum = 0;

  gen->state = seed;
  gen->cumulative = g_new (double, G_N_ELEMENTS (vocabulary));
  for (guint i = 0; i < G_N_ELEMENTS (vocabulary); i++)
    {
      sum += 1.0 / pow (i + 2, 0.95);
      gen->cumulative[i] = sum;
    }
  gen->total = sum;
  return gen;
}

void
zr_bench_gen_free (ZrBenchGen *gen)
{
  if (gen == NULL)
    return;
  g_free (gen->cumulative);
  g_free (gen);
}

guint
zr_bench_gen_int (ZrBenchGen *gen,
                  guint       lo,
                  guint       hi)
{
  g_assert (hi >= lo);
  return lo + (guint) (next_u64 (gen) % ((guint64) hi - lo + 1));
}

#define PICK(gen, array) ((array)[zr_bench_gen_int ((gen), 0, G_N_ELEMENTS (array) - 1)])

const char * const *
zr_bench_gen_districts (void)
{
  return districts;
}

const char * const *
zr_bench_gen_topics (void)
{
  return topics;
}

const char *
zr_bench_gen_district (ZrBenchGen *gen)
{
  guint sum = 0, r;

  for (guint i = 0; i < G_N_ELEMENTS (district_weights); i++)
    sum += district_weights[i];
  r = zr_bench_gen_int (gen, 0, sum - 1);
  for (guint i = 0; i < G_N_ELEMENTS (district_weights); i++)
    {
      if (r < district_weights[i])
        return districts[i];
      r -= district_weights[i];
    }
  return districts[0];
}

const char *
zr_bench_gen_topic (ZrBenchGen *gen)
{
  return topics[zr_bench_gen_int (gen, 0, G_N_ELEMENTS (topics) - 2)];
}

static const char *
word (ZrBenchGen *gen)
{
  double r = next_double (gen) * gen->total;
  guint lo = 0, hi = G_N_ELEMENTS (vocabulary) - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (gen->cumulative[mid] < r)
        lo = mid + 1;
      else
        hi = mid;
    }
  return vocabulary[lo];
}

static void
append_nth_char (GString    *out,
                 const char *chars,
                 guint       n)
{
  const char *p = g_utf8_offset_to_pointer (chars, n);
  g_string_append_len (out, p, g_utf8_next_char (p) - p);
}

char *
zr_bench_gen_name (ZrBenchGen *gen)
{
  GString *out = g_string_new (NULL);
  guint n_given = zr_bench_gen_int (gen, 1, 2);

  append_nth_char (out, surnames, zr_bench_gen_int (gen, 0, g_utf8_strlen (surnames, -1) - 1));
  for (guint i = 0; i < n_given; i++)
    append_nth_char (out, given, zr_bench_gen_int (gen, 0, g_utf8_strlen (given, -1) - 1));
  return g_string_free (out, FALSE);
}

static void
append_number (ZrBenchGen *gen,
               GString    *out)
{
  guint kind = zr_bench_gen_int (gen, 0, 9);

  if (kind < 3)
    {
      guint year = zr_bench_gen_int (gen, 2003, 2023);
      if (zr_bench_gen_int (gen, 0, 9) == 0)
        {
          /* full-width digits, as some pages print them */
          char digits[8];
          g_snprintf (digits, sizeof digits, "%u", year);
          for (const char *d = digits; *d; d++)
            g_string_append_unichar (out, 0xFF10 + (*d - '0'));
        }
      else
        g_string_append_printf (out, "%u", year);
      g_string_append (out, "年");
      if (kind == 0)
        g_string_append_printf (out, "%u月", zr_bench_gen_int (gen, 1, 12));
    }
  else if (kind < 5)
    g_string_append_printf (out, "%u月%u日", zr_bench_gen_int (gen, 1, 12), zr_bench_gen_int (gen, 1, 28));
  else if (kind < 6)
    g_string_append_printf (out, "%u.%u%s", zr_bench_gen_int (gen, 1, 99), zr_bench_gen_int (gen, 1, 9),
                            PICK (gen, units));
  else
    g_string_append_printf (out, "%u%s", zr_bench_gen_int (gen, 2, 3000), PICK (gen, units));
}

char *
zr_bench_gen_sentence (ZrBenchGen *gen,
                       const char *district)
{
  GString *out = g_string_new (NULL);
  guint n_clauses = zr_bench_gen_int (gen, 1, 4);
  static const char *ends[] = { "。", "。", "。", "。", "。", "。", "！", "？" };

  for (guint c = 0; c < n_clauses; c++)
    {
      guint n_words = zr_bench_gen_int (gen, 3, 9);
      gboolean quoted = zr_bench_gen_int (gen, 0, 11) == 0;

      if (c > 0)
        g_string_append (out, zr_bench_gen_int (gen, 0, 7) == 0 ? "；" : "，");
      if (quoted)
        g_string_append (out, "“");
      for (guint w = 0; w < n_words; w++)
        {
          guint r = zr_bench_gen_int (gen, 0, 99);
          if (r < 3)
            g_string_append (out, district ? district : zr_bench_gen_district (gen));
          else if (r < 5)
            g_string_append (out, PICK (gen, places));
          else if (r < 8)
            append_number (gen, out);
          else if (r < 9)
            g_string_append (out, PICK (gen, latin));
          else if (r < 10 && w + 1 < n_words)
            g_string_append (out, "、");
          else
            g_string_append (out, word (gen));
        }
      if (quoted)
        g_string_append (out, "”");
    }
  g_string_append (out, PICK (gen, ends));
  return g_string_free (out, FALSE);
}

static char *
headline (ZrBenchGen *gen,
          const char *district)
{
  GString *out = g_string_new (NULL);
  guint n_words = zr_bench_gen_int (gen, 4, 9);

  for (guint w = 0; w < n_words; w++)
    {
      guint r = zr_bench_gen_int (gen, 0, 19);
      if (r == 0)
        g_string_append (out, district);
      else if (r == 1)
        append_number (gen, out);
      else if (r == 2 && w > 1 && w + 1 < n_words)
        g_string_append (out, " ");
      else
        g_string_append (out, word (gen));
    }
  return g_string_free (out, FALSE);
}

ZrRecord *
zr_bench_gen_record (ZrBenchGen  *gen,
                     guint        target_chars,
                     const char **district_out)
{
  ZrRecord *record = zr_record_new (ZR_RECORD_KIND_ARTICLE);
  const char *district = zr_bench_gen_district (gen);
  guint n_paragraphs, per_paragraph, n_bylines;
  g_autoptr(GString) byline = g_string_new ("(");

  if (target_chars == 0)
    target_chars = zr_bench_gen_int (gen, 300, 900);

  record->headline = headline (gen, district);
  record->headline_offset = -1;
  if (zr_bench_gen_int (gen, 0, 2) == 0)
    record->column = g_strdup (PICK (gen, columns));
  record->column_offset = -1;
  if (zr_bench_gen_int (gen, 0, 4) == 0)
    record->kicker = headline (gen, district);
  record->kicker_offset = -1;
  record->dateline = g_strdup ("株洲日报讯");
  record->dateline_offset = -1;

  n_bylines = zr_bench_gen_int (gen, 1, 3);
  for (guint i = 0; i < n_bylines; i++)
    {
      g_autofree char *name = zr_bench_gen_name (gen);
      const char *role = PICK (gen, roles);
      g_ptr_array_add (record->bylines, zr_byline_new (name, role));
      g_string_append_printf (byline, "%s%s/%s", i ? " " : "", role, name);
    }
  g_string_append (byline, ")");
  record->byline_text = g_string_free (g_steal_pointer (&byline), FALSE);
  record->byline_offset = -1;

  n_paragraphs = zr_bench_gen_int (gen, 2, 7);
  per_paragraph = MAX (target_chars / n_paragraphs, 20);
  for (guint i = 0; i < n_paragraphs; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      ZrParagraphKind kind = ZR_PARAGRAPH_KIND_BODY;

      if (i > 0 && zr_bench_gen_int (gen, 0, 6) == 0)
        {
          kind = ZR_PARAGRAPH_KIND_SUBHEAD;
          g_autofree char *subhead = headline (gen, district);
          g_string_assign (text, subhead);
        }
      else
        while ((guint) g_utf8_strlen (text->str, -1) < per_paragraph)
          {
            g_autofree char *sentence = zr_bench_gen_sentence (gen, zr_bench_gen_int (gen, 0, 1) ? district : NULL);
            g_string_append (text, sentence);
          }
      g_ptr_array_add (record->paragraphs, zr_paragraph_new (kind, text->str, -1));
    }

  if (district_out != NULL)
    *district_out = district;
  return record;
}

char *
zr_bench_gen_page (ZrBenchGen *gen,
                   guint       n_records)
{
  GString *out = g_string_new ("\n");
  g_autofree char *editor = zr_bench_gen_name (gen);

  for (guint r = 0; r < n_records; r++)
    {
      g_autoptr(ZrRecord) record = zr_bench_gen_record (gen, 0, NULL);

      if (record->column != NULL)
        g_string_append_printf (out, "%s\n\n", record->column);
      if (record->kicker != NULL)
        g_string_append_printf (out, "%s\n\n", record->kicker);
      g_string_append_printf (out, "%s\n\n", record->headline);
      g_string_append_printf (out, "%s\n\n", record->byline_text);
      for (guint i = 0; i < record->paragraphs->len; i++)
        {
          const ZrParagraph *paragraph = g_ptr_array_index (record->paragraphs, i);
          if (i == 0)
            g_string_append_printf (out, "%s　%s\n\n", record->dateline, paragraph->text);
          else
            g_string_append_printf (out, "%s\n\n", paragraph->text);
        }
      g_string_append (out, "\n\n");
    }
  g_string_append_printf (out, "责任编辑 %s\n", editor);
  return g_string_free (out, FALSE);
}
