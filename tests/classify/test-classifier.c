/* test-classifier.c: districts and topics of records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <string.h>

#include "zr-classifier.h"
#include "zr-error.h"
#include "zr-lexicon.h"
#include "zr-page-parser.h"

/* Every story below is invented for these tests. */

static ZrClassifier *classifier;

/* A record from its parts; the paragraphs (NULL-terminated) are body text,
 * except that one starting with "图：" is a caption. */
static ZrRecord *
make_record (const char *column,
             const char *headline,
             const char *dateline,
             ...)
{
  ZrRecord *r = zr_record_new (ZR_RECORD_KIND_ARTICLE);
  va_list ap;
  const char *text;

  r->column = g_strdup (column);
  r->headline = g_strdup (headline);
  r->dateline = g_strdup (dateline);
  va_start (ap, dateline);
  while ((text = va_arg (ap, const char *)) != NULL)
    {
      ZrParagraphKind kind = g_str_has_prefix (text, "图：") ? ZR_PARAGRAPH_KIND_CAPTION
                                                              : ZR_PARAGRAPH_KIND_BODY;
      g_ptr_array_add (r->paragraphs, zr_paragraph_new (kind, text, -1));
    }
  va_end (ap);
  return r;
}

/* Evaluates a JSON path on @json with SQLite's json_extract(); returns the
 * value as text (NULL for SQL NULL). */
static char *
json_get (const char *json,
          const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT json_extract (?, ?)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, path, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

/* "天元区,芦淞区" from the labels of a classification. */
static char *
join_labels (GPtrArray *labels)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      const ZrLabel *l = g_ptr_array_index (labels, i);

      g_assert_true (l->is_primary == (i == 0));
      g_assert_cmpfloat (l->weight, >=, 0);
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append (s, l->name);
    }
  return g_string_free (s, FALSE);
}

static void
check (ZrRecord   *record,
       const char *district,
       const char *districts,
       const char *topic)
{
  g_autoptr(ZrRecord) r = record;
  g_autoptr(ZrClassification) c = zr_classifier_classify (classifier, r);
  g_autofree char *all = join_labels (c->districts);

  g_assert_cmpstr (c->district, ==, district);
  g_assert_cmpstr (all, ==, districts);
  g_assert_cmpstr (c->topic, ==, topic);
  g_assert_cmpuint (c->topics->len, >=, 1);
  g_assert_cmpstr (((ZrLabel *) g_ptr_array_index (c->topics, 0))->name, ==, topic);
}

static void
test_lists (void)
{
  const char * const *d = zr_classifier_list_districts ();
  const char * const *t = zr_classifier_list_topics ();
  g_autofree char *districts = g_strjoinv (",", (char **) d);
  g_autofree char *topics = g_strjoinv (",", (char **) t);

  g_assert_cmpstr (districts, ==,
                   "荷塘区,芦淞区,石峰区,天元区,渌口区,醴陵市,攸县,茶陵县,炎陵县,市级,外地");
  g_assert_cmpstr (topics, ==,
                   "城市管理,基层治理,党建,文明创建,政务服务,产业经济,公共安全,"
                   "市场监管,教育,文化旅游,交通出行,农业农村,医疗卫生,公告");
  g_assert_true (zr_classifier_get_districts (classifier)[0] != NULL);
}

static void
test_nine_districts (void)
{
  check (make_record (NULL, "月塘街道为老旧小区装上新路灯", "株洲日报讯",
                      "近日，荷塘区月塘街道对辖区三个老旧小区的路灯进行更换，市容焕然一新。",
                      "城管队员还清理了楼道里的小广告。", NULL),
         "荷塘区", "荷塘区", "城市管理");
  check (make_record (NULL, "白关镇丝瓜大棚迎来采摘季", "株洲日报讯",
                      "连日来，芦淞区白关镇的种植大户忙着采摘，农户们笑开了颜。",
                      "今年全镇丝瓜大棚面积又有增加。", NULL),
         "芦淞区", "芦淞区", "农业农村");
  check (make_record (NULL, "田心街道党员进网格", NULL,
                      "石峰区田心街道组织200名党员下沉网格，党支部书记带头走访。",
                      "党建引领让居民有事找得到人。", NULL),
         "石峰区", "石峰区", "党建");
  check (make_record (NULL, "栗雨湖畔书店办起读书会", NULL,
                      "每周六晚，天元区栗雨湖边的一家书店都会举办读书会，吸引不少市民。",
                      "店主说，阅读让夜晚多了书香。", NULL),
         "天元区", "天元区", "文化旅游");
  check (make_record (NULL, "朱亭镇新建农村公路通车", NULL,
                      "日前，渌口区朱亭镇一条10公里长的农村公路正式通车，村民出行更方便。",
                      NULL),
         "渌口区", "渌口区", "交通出行");
  check (make_record ("今日醴陵", "泗汾镇卫生院开展义诊", NULL,
                      "日前，泗汾镇卫生院的医生走进村部，为60余名老人免费义诊。", NULL),
         "醴陵市", "醴陵市", "医疗卫生");
  check (make_record (NULL, "酒埠江镇民宿迎来游客高峰", NULL,
                      "五一假期，攸县酒埠江镇的民宿几乎天天客满，景区游客比去年多了三成。", NULL),
         "攸县", "攸县", "文化旅游");
  check (make_record (NULL, "洣江街道一站式办结居民事项", NULL,
                      "茶陵县洣江街道便民服务中心推出“一件事”办理，审批时间缩短一半。", NULL),
         "茶陵县", "茶陵县", "政务服务");
  check (make_record (NULL, "鹿原镇黄桃基地春季施肥", NULL,
                      "炎陵县鹿原镇的黄桃种植基地里，农户们正忙着施肥。", NULL),
         "炎陵县", "炎陵县", "农业农村");
}

static void
test_city_and_outside (void)
{
  /* City-level bodies, no district named. */
  check (make_record (NULL, "市城管局部署夏季市容整治", "株洲日报讯",
                      "昨天，市城管局召开会议，部署全市夏季市容环境整治工作。",
                      "市委、市政府要求各部门加强协作。", NULL),
         "市级", "市级", "城市管理");
  /* A story from elsewhere. */
  check (make_record (NULL, "长沙地铁新线开通", NULL,
                      "据报道，长沙一条新的地铁线路昨日开通，沿线市民出行更便捷。",
                      "湘潭方向的城际公交也同步调整。", NULL),
         "外地", "外地", "交通出行");
  /* A school of the city praised by a university elsewhere is citywide. */
  check (make_record (NULL, "北京一高校向株洲市一中发来喜报", "株洲日报讯",
                      "近日，北京一所高校向株洲市一中发来喜报，表扬该校毕业生。",
                      "市一中校长表示，学校将继续培养优秀学子。", NULL),
         "市级", "市级", "教育");
  /* A commentary that looks at other cities but is about this one. */
  check (make_record (NULL, "城市更新，株洲能学什么", NULL,
                      "杭州、上海和南京都在推进城市更新。",
                      "南京的做法是小尺度改造；上海则重视居民参与。",
                      "株洲的老旧小区改造同样要问计于民，株洲正在申报试点。",
                      "市住建局负责人说，株洲有条件走在前面。", NULL),
         "市级", "市级", "城市管理");
}

static void
test_aliases (void)
{
  check (make_record (NULL, "株洲高新区新引进三个项目", NULL,
                      "今年一季度，株洲高新区签约三个制造业项目，总投资超过20亿元。", NULL),
         "天元区", "天元区", "产业经济");
  check (make_record (NULL, "河西新开两条公交线路", NULL,
                      "为方便河西居民出行，公交公司新开两条线路。", NULL),
         "天元区", "天元区", "交通出行");
  check (make_record (NULL, "原株洲县老街换新颜", NULL,
                      "原株洲县的老街经过改造，沿街立面和路灯都换了新，市容整洁。", NULL),
         "渌口区", "渌口区", "城市管理");
}

static void
test_longest_match (void)
{
  g_autoptr(ZrRecord) district = make_record (NULL, "石峰区城管局清理占道经营", NULL,
                                              "石峰区城管局出动30人次，清理占道经营摊点。", NULL);
  g_autoptr(ZrRecord) city = make_record (NULL, "市城管局清理占道经营", NULL,
                                          "市城管局出动30人次，清理占道经营摊点。", NULL);
  g_autoptr(ZrClassification) a = zr_classifier_classify (classifier, district);
  g_autoptr(ZrClassification) b = zr_classifier_classify (classifier, city);
  g_autofree char *a_term = json_get (a->why_json, "$.district.evidence[0].term");
  g_autofree char *a_city = json_get (a->why_json, "$.district.scores.市级");
  g_autofree char *b_term = json_get (b->why_json, "$.district.evidence[0].term");
  g_autofree char *b_label = json_get (b->why_json, "$.district.evidence[0].label");

  g_assert_cmpstr (a->district, ==, "石峰区");
  g_assert_cmpuint (a->districts->len, ==, 1);
  g_assert_cmpstr (a_term, ==, "石峰区");
  g_assert_null (a_city);     /* 城管局 after 石峰区 is never read as 市城管局 */
  g_assert_cmpstr (b->district, ==, "市级");
  g_assert_cmpstr (b_term, ==, "市城管局");
  g_assert_cmpstr (b_label, ==, "市级");

  /* 城市 stops 市长 from being read inside 城市长效. */
  check (make_record (NULL, "城市长效管理见成效", NULL,
                      "芦淞区推进城市长效管理，城管队员每天巡查背街小巷。", NULL),
         "芦淞区", "芦淞区", "城市管理");
}

static void
test_one_of_three (void)
{
  /* Three districts are named; the story is about the one in the headline,
   * the dateline and most of the body. */
  check (make_record (NULL, "天元区三门镇建成智慧养殖基地", "株洲日报讯",
                      "日前，天元区三门镇一座智慧养殖基地建成投产，合作社的20户农户入股。",
                      "该基地的技术员曾在荷塘区和醴陵市的养殖场工作多年。",
                      "三门镇负责人说，基地明年将再扩建一个养殖棚。", NULL),
         "天元区", "天元区,荷塘区,醴陵市", "农业农村");

  /* Two districts each named once in passing, none in the headline, the
   * city's bodies leading: citywide. */
  check (make_record (NULL, "全市启动春季植树活动", NULL,
                      "市林业局昨天启动春季义务植树活动，全市共设28个植树点。",
                      "荷塘区、石峰区的志愿者也赶来参加。", NULL),
         "市级", "市级,荷塘区,石峰区", "文明创建");
}

static void
test_column_label (void)
{
  /* A district column label outweighs a body mention of another district. */
  check (make_record ("石峰区", "老街变身步行街", NULL,
                      "清水塘片区的老街经过改造成为步行街，附近的芦淞区居民也常来散步。",
                      "城管队员每天巡查，劝导占道经营。", NULL),
         "石峰区", "石峰区,芦淞区", "城市管理");
}

static void
test_topic_weights (void)
{
  /* 学校 (教育, 2) once in the headline (×4 = 8) beats 消防 (公共安全, 2)
   * three times: in the first paragraph (×2 = 4), then in the body, where
   * each mention again counts less (2 / 2 + 2 / 3). */
  g_autoptr(ZrRecord) r = make_record (NULL, "学校组织演练", NULL,
                                       "演练中，消防员讲解了逃生要领。",
                                       "消防员还演示了灭火器的用法。",
                                       "最后，消防员为大家答疑。", NULL);
  g_autoptr(ZrClassification) c = zr_classifier_classify (classifier, r);
  g_autofree char *where = json_get (c->why_json, "$.topics.evidence[0].where");
  g_autofree char *term = json_get (c->why_json, "$.topics.evidence[0].term");
  g_autofree char *lead_where = json_get (c->why_json, "$.topics.evidence[1].where");
  g_autofree char *lead_weight = json_get (c->why_json, "$.topics.evidence[1].weight");
  g_autofree char *body_count = json_get (c->why_json, "$.topics.evidence[2].count");
  g_autofree char *body_where = json_get (c->why_json, "$.topics.evidence[2].where");
  g_autofree char *fire = json_get (c->why_json, "$.topics.scores.公共安全");

  g_assert_cmpstr (c->topic, ==, "教育");
  g_assert_cmpstr (where, ==, "headline");
  g_assert_cmpstr (term, ==, "学校");
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (fire, NULL), 4 + 1 + 2.0 / 3, 1e-3);
  g_assert_cmpstr (lead_where, ==, "first");
  g_assert_cmpstr (lead_weight, ==, "4");
  g_assert_cmpstr (body_where, ==, "body");     /* two body mentions, 1 + ⅔ */
  g_assert_cmpstr (body_count, ==, "2");
  g_assert_cmpuint (c->topics->len, ==, 2);
  g_assert_cmpfloat_with_epsilon (((ZrLabel *) g_ptr_array_index (c->topics, 0))->weight, 8.0, 1e-9);
  g_assert_cmpstr (((ZrLabel *) g_ptr_array_index (c->topics, 1))->name, ==, "公共安全");
  g_assert_cmpfloat_with_epsilon (((ZrLabel *) g_ptr_array_index (c->topics, 1))->weight, 4 + 1 + 2.0 / 3, 1e-9);

  /* One headline word against a heavier word twice in the body. */
  check (make_record (NULL, "社区举办义诊", NULL,
                      "活动中，几名教师也来帮忙。",
                      "教师们说，下次还会再来。", NULL),
         "市级", "市级", "医疗卫生");
}

static void
test_notice (void)
{
  g_autoptr(ZrRecord) r = zr_record_new (ZR_RECORD_KIND_NOTICE);
  g_autoptr(ZrClassification) c = NULL;

  g_ptr_array_add (r->paragraphs,
                   zr_paragraph_new (ZR_PARAGRAPH_KIND_BODY,
                                     "·王小明遗失石峰区某学校开具的收据一张", -1));
  c = zr_classifier_classify (classifier, r);
  g_assert_cmpstr (c->topic, ==, "公告");
  g_assert_cmpuint (c->topics->len, ==, 1);
  /* The one place a notice names does not make it that district's. */
  g_assert_cmpstr (c->district, ==, "市级");
  g_assert_cmpuint (c->districts->len, ==, 2);
  g_assert_cmpstr (((ZrLabel *) g_ptr_array_index (c->districts, 1))->name, ==, "石峰区");
}

static void
test_why_json (void)
{
  g_autoptr(ZrRecord) r = make_record ("今日醴陵", "王仙镇开展垃圾分类宣传", "株洲日报讯",
                                       "日前，王仙镇组织志愿者走进小区讲解垃圾分类。",
                                       "图：志愿者在小区讲解",
                                       "镇上还开设了暑期课堂。", NULL);
  g_autoptr(ZrClassification) c = zr_classifier_classify (classifier, r);
  g_autofree char *primary = json_get (c->why_json, "$.district.primary");
  g_autofree char *rule = json_get (c->why_json, "$.district.rule");
  g_autofree char *score = json_get (c->why_json, "$.district.scores.醴陵市");
  g_autofree char *e0_term = json_get (c->why_json, "$.district.evidence[0].term");
  g_autofree char *e0_where = json_get (c->why_json, "$.district.evidence[0].where");
  g_autofree char *e0_weight = json_get (c->why_json, "$.district.evidence[0].weight");
  g_autofree char *e1_term = json_get (c->why_json, "$.district.evidence[1].term");
  g_autofree char *e1_where = json_get (c->why_json, "$.district.evidence[1].where");
  g_autofree char *e2_term = json_get (c->why_json, "$.district.evidence[2].term");
  g_autofree char *e2_where = json_get (c->why_json, "$.district.evidence[2].where");
  g_autofree char *n_evidence = json_get (c->why_json, "$.district.evidence");
  g_autofree char *t_primary = json_get (c->why_json, "$.topics.primary");
  g_autofree char *t_term = json_get (c->why_json, "$.topics.evidence[0].term");
  g_autofree char *t_where = json_get (c->why_json, "$.topics.evidence[0].where");
  g_autofree char *t_count = json_get (c->why_json, "$.topics.evidence[0].count");

  g_assert_cmpstr (c->district, ==, "醴陵市");
  g_assert_cmpstr (primary, ==, "醴陵市");
  g_assert_cmpstr (rule, ==, "district with the most weighted mentions");
  /* column 醴陵 (8) + headline 王仙镇 (6) + first paragraph 王仙镇 (2) */
  g_assert_cmpstr (score, ==, "16");
  g_assert_cmpstr (e0_term, ==, "醴陵");
  g_assert_cmpstr (e0_where, ==, "column");
  g_assert_cmpstr (e0_weight, ==, "8");
  g_assert_cmpstr (e1_term, ==, "王仙镇");
  g_assert_cmpstr (e1_where, ==, "headline");
  g_assert_cmpstr (e2_term, ==, "王仙镇");
  g_assert_cmpstr (e2_where, ==, "first");
  /* 株洲日报讯 is read and ignored. */
  g_assert_null (strstr (n_evidence, "株洲"));

  g_assert_cmpstr (c->topic, ==, "城市管理");
  g_assert_cmpstr (t_primary, ==, "城市管理");
  g_assert_cmpstr (t_term, ==, "垃圾分类");
  g_assert_cmpstr (t_where, ==, "headline");
  g_assert_cmpstr (t_count, ==, "1");
}

static void
test_no_evidence (void)
{
  g_autoptr(ZrRecord) r = make_record (NULL, "小雨", NULL, "今天有小雨。", NULL);
  g_autoptr(ZrClassification) c = zr_classifier_classify (classifier, r);
  g_autofree char *rule = json_get (c->why_json, "$.district.rule");
  g_autofree char *topic_rule = json_get (c->why_json, "$.topics.rule");

  g_assert_cmpstr (c->district, ==, "市级");
  g_assert_cmpstr (rule, ==, "no place named: citywide");
  /* Every article has a topic (DESIGN.md §4: one or more): with no word of
   * any list, the lexicon's Fallback. */
  g_assert_cmpstr (c->topic, ==, "基层治理");
  g_assert_cmpuint (c->topics->len, ==, 1);
  g_assert_cmpstr (topic_rule, ==, "no topic word at all: the lexicon's fallback topic");
  g_assert_cmpuint (c->districts->len, ==, 1);
}

/* The rule that decided, from the evidence. */
static char *
rule_of (ZrRecord   *record,
         const char *part)
{
  g_autoptr(ZrRecord) r = record;
  g_autoptr(ZrClassification) c = zr_classifier_classify (classifier, r);
  g_autofree char *path = g_strdup_printf ("$.%s.rule", part);

  return json_get (c->why_json, path);
}

static const char *
district_of (ZrRecord *record)
{
  g_autoptr(ZrRecord) r = record;
  g_autoptr(ZrClassification) c = zr_classifier_classify (classifier, r);
  const char * const *names = zr_classifier_list_districts ();

  /* an interned copy from the list, so that the record can go */
  for (guint i = 0; names[i]; i++)
    if (strcmp (names[i], c->district) == 0)
      return names[i];
  g_assert_not_reached ();
}

static void
test_outside_headline (void)
{
  g_autofree char *rule = NULL;

  /* A place outside the city in the headline, none of the city's: 外地,
   * though the body names two counties of the city in passing. */
  check (make_record (NULL, "萍乡开通至井冈山的旅游专线", NULL,
                      "日前，江西萍乡开通一条直达井冈山的旅游专线，沿途设六个站点。",
                      "线路途经茶陵、炎陵一带，两地的游客也可中途上车。", NULL),
         "外地", "外地,茶陵县,炎陵县", "文化旅游");
  rule = rule_of (make_record (NULL, "衡阳一座大桥合龙", NULL, "昨天，衡阳一座跨江大桥顺利合龙。", NULL),
                  "district");
  g_assert_cmpstr (rule, ==, "a place outside the city in the headline, none of the city's");

  /* Each of Hunan's other thirteen prefecture-level divisions, a few of
   * their counties, other provinces, cities and countries. */
  {
    static const char * const places[] = {
      "长沙", "湘潭", "衡阳", "邵阳", "岳阳", "常德", "张家界", "益阳", "郴州", "永州",
      "怀化", "娄底", "湘西", "浏阳", "宁乡市", "湘乡", "韶山", "耒阳", "汨罗", "冷水江",
      "吉首", "武冈", "慈利县", "资兴", "芷江县", "江西", "广东省", "深圳", "西安", "新疆",
      "德国", "新加坡", "井冈山",
    };

    for (guint i = 0; i < G_N_ELEMENTS (places); i++)
      {
        g_autofree char *headline = g_strdup_printf ("%s举办秋季农产品展销会", places[i]);
        g_autofree char *first = g_strdup_printf ("近日，%s的一场农产品展销会吸引不少市民。", places[i]);

        g_test_message ("%s", places[i]);
        g_assert_cmpstr (district_of (make_record (NULL, headline, NULL, first, NULL)), ==, "外地");
      }
  }
}

static void
test_outside_lead (void)
{
  /* No place in the headline; the first paragraph and the body are about
   * another city. */
  check (make_record (NULL, "一座老厂房变身书店", NULL,
                      "在长沙开福区，一座废弃多年的老厂房改造成了书店。",
                      "长沙的市民周末常来这里读书，书店还办起了展览。", NULL),
         "外地", "外地", "文化旅游");
}

static void
test_outside_mentioned (void)
{
  /* A story of the city that names Changsha in passing stays in the city. */
  check (make_record (NULL, "荷塘区新建一座口袋公园", NULL,
                      "日前，荷塘区桂花街道一座口袋公园建成开放，绿化面积两千平方米。",
                      "设计团队来自长沙，曾在长沙、湘潭两地建过十多座类似的公园。", NULL),
         "荷塘区", "荷塘区", "城市管理");
  /* Names both the city and Changsha in the headline: the city's story. */
  check (make_record (NULL, "株洲企业组团赴长沙参展", NULL,
                      "昨天，我市20家企业组团赴长沙参加一场制造业博览会。", NULL),
         "市级", "市级", "产业经济");
  /* Changsha only in the body, no place of the city at all: not 外地. */
  g_assert_cmpstr (district_of (make_record (NULL, "一位老人的百岁生日", NULL,
                                             "今天是王奶奶的百岁生日，家人为她办了一场寿宴。",
                                             "在长沙工作的孙子也赶了回来。", NULL)),
                   ==, "市级");
}

static void
test_outside_collisions (void)
{
  g_autoptr(ZrRecord) r = NULL;
  g_autoptr(ZrClassification) c = NULL;
  g_autofree char *outside = NULL;

  /* 韶山路 and 北京路 are streets of the city, not the places; 湖南非遗 holds
   * no 南非, 成长沙龙 no 长沙, 湖北岸 (a lake's north shore) no 湖北. */
  r = make_record (NULL, "韶山路口新增两处斑马线", NULL,
                   "石峰区在韶山路与北京路交会处新增两处斑马线，方便行人通行。",
                   "附近社区还办起了湖南非遗展和青年成长沙龙。",
                   "附近公园的人工湖北岸新修了步道。", NULL);
  c = zr_classifier_classify (classifier, r);
  outside = json_get (c->why_json, "$.district.scores.外地");
  g_assert_null (outside);
  g_assert_cmpstr (c->district, ==, "石峰区");

  /* 长沙高新区 is Changsha's, 株洲高新区 the city's. */
  check (make_record (NULL, "长沙高新区新签约五个项目", NULL,
                      "长沙高新区昨日集中签约五个项目。", NULL),
         "外地", "外地", "产业经济");
  check (make_record (NULL, "株洲高新区新签约五个项目", NULL,
                      "株洲高新区昨日集中签约五个项目。", NULL),
         "天元区", "天元区", "产业经济");
}

static void
test_citywide (void)
{
  g_autofree char *rule = NULL;

  /* The main urban area, with two districts named only in the body. */
  check (make_record (NULL, "主城区新增三处公共停车场", NULL,
                      "市城管局近日在主城区新建三处公共停车场，共提供车位600个。",
                      "其中两处在芦淞区建设街道，一处在石峰区井龙街道。", NULL),
         "市级", "市级,芦淞区,石峰区", "交通出行");
  /* Every county and district of the city, none leading. */
  check (make_record (NULL, "各县市区启动秋季征兵体检", NULL,
                      "本月起，各县市区陆续开展秋季征兵体检。",
                      "醴陵市、攸县、茶陵县的体检站已经开放。", NULL),
         "市级", "市级,醴陵市,攸县,茶陵县", "医疗卫生");
  /* A city body in the headline. */
  rule = rule_of (make_record (NULL, "市公交集团更新一批新能源公交车", NULL,
                               "市公交集团本月投放100台新能源公交车，天元区的线路先换。", NULL),
                  "district");
  g_assert_cmpstr (rule, ==, "citywide bodies and words outweigh any one district");
}

static void
test_topic_always (void)
{
  g_autoptr(ZrRecord) r = NULL;
  g_autoptr(ZrClassification) c = NULL;
  g_autofree char *rule = NULL;
  g_autofree char *term = NULL;

  /* No topic word, but weak ones: the topic with the most of them. */
  r = make_record (NULL, "三户家庭获表彰", NULL,
                   "日前，三户家庭因热心帮助邻居获得表彰，成为居民身边的榜样。", NULL);
  c = zr_classifier_classify (classifier, r);
  rule = json_get (c->why_json, "$.topics.rule");
  term = json_get (c->why_json, "$.topics.evidence[0].term");
  g_assert_cmpstr (c->topic, ==, "文明创建");
  g_assert_cmpuint (c->topics->len, ==, 1);
  g_assert_cmpstr (rule, ==, "no topic word: the topic with the most weighted weak words");
  g_assert_cmpstr (term, ==, "表彰");

  /* A weak word never counts when a topic word stands. */
  check (make_record (NULL, "居民楼里办起读书会", NULL,
                      "居民们每周在楼下读书，居民说，读书让邻里更亲近。", NULL),
         "市级", "市级", "文化旅游");
}

/* The stored form of the evidence gives the same decision and the same
 * heaviest evidence as the whole why. */
static void
test_stored_why (void)
{
  ZrRecord *records[] = {
    make_record ("今日醴陵", "王仙镇开展垃圾分类宣传", "株洲日报讯",
                 "日前，王仙镇组织志愿者走进小区讲解垃圾分类。", NULL),
    make_record (NULL, "衡阳一座大桥合龙", NULL, "昨天，衡阳一座跨江大桥顺利合龙，湘潭的施工队参与建设。", NULL),
    make_record (NULL, "全市启动春季植树活动", NULL,
                 "市林业局昨天启动春季义务植树活动，全市共设28个植树点。",
                 "荷塘区、石峰区的志愿者也赶来参加。", NULL),
    make_record (NULL, "小雨", NULL, "今天有小雨。", NULL),
  };

  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      g_autoptr(ZrRecord) r = records[i];
      g_autoptr(ZrClassification) c = zr_classifier_classify_full (classifier, r, FALSE);
      g_autoptr(ZrClassification) full = zr_classifier_classify (classifier, r);
      g_autofree char *why = NULL;
      const char *paths[] = {
        "$.district.primary", "$.district.rule", "$.district.evidence[0].term",
        "$.district.evidence[0].where", "$.district.evidence[0].weight",
        "$.topics.primary", "$.topics.rule", "$.topics.evidence[0].term",
        "$.topics.evidence[0].count",
      };
      g_autofree char *scores = NULL;
      g_autofree char *district_score = NULL;

      g_assert_null (c->why_json);
      g_assert_nonnull (c->why_stored);
      g_assert_cmpuint (strlen (c->why_stored), <, 400);
      why = zr_classification_why_from_stored (c->why_stored);
      g_assert_nonnull (why);
      for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
        {
          g_autofree char *a = json_get (why, paths[p]);
          g_autofree char *b = json_get (full->why_json, paths[p]);

          g_test_message ("%s: %s", paths[p], a);
          g_assert_cmpstr (a, ==, b);
        }
      scores = g_strdup_printf ("$.district.scores.%s", c->district);
      district_score = json_get (why, scores);
      if (i != 3)       /* the one record that names no place scores nothing */
        g_assert_nonnull (district_score);
    }
}

static void
test_stored_why_escapes (void)
{
  static const char gazetteer[] =
    "[Gazetteer]\n"
    "Divisions=东:区;西|区;\n"
    "[东:区]\n"
    "Short=a|b,c=d%e:2;\n"
    "[西|区]\n"
    "Short=西湖;\n";
  static const char topics[] =
    "[Topics]\n"
    "Topics=水,电;\n"
    "[水,电]\n"
    "Words=水%:1;\n";
  g_autoptr(GBytes) gz = g_bytes_new_static (gazetteer, strlen (gazetteer));
  g_autoptr(GBytes) tp = g_bytes_new_static (topics, strlen (topics));
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrClassifier) other = zr_classifier_new_from_bytes (gz, tp, &error);
  g_autoptr(ZrRecord) r = make_record (NULL, "a|b,c=d%e 的水%", NULL, "西湖边。", NULL);
  g_autoptr(ZrClassification) c = NULL;
  g_autofree char *why = NULL;
  g_autofree char *primary = NULL;
  g_autofree char *term = NULL;
  g_autofree char *rival = NULL;
  g_autofree char *topic = NULL;
  g_autofree char *word = NULL;

  g_assert_no_error (error);
  c = zr_classifier_classify (other, r);
  why = zr_classification_why_from_stored (c->why_stored);
  g_assert_nonnull (why);
  primary = json_get (why, "$.district.primary");
  term = json_get (why, "$.district.evidence[0].term");
  rival = json_get (why, "$.district.evidence[1].label");
  topic = json_get (why, "$.topics.primary");
  word = json_get (why, "$.topics.evidence[0].term");
  g_assert_cmpstr (primary, ==, "东:区");
  g_assert_cmpstr (term, ==, "a|b,c=d%e");
  g_assert_cmpstr (rival, ==, "西|区");
  g_assert_cmpstr (topic, ==, "水,电");
  g_assert_cmpstr (word, ==, "水%");
}

/* Anything that is not a stored form gives NULL, never a crash or
 * half-written JSON: every truncation of a real one, and some garbage. */
static void
test_stored_why_malformed (void)
{
  g_autoptr(ZrRecord) r = make_record ("今日醴陵", "王仙镇开展垃圾分类宣传", NULL,
                                       "日前，王仙镇和石峰区的志愿者走进小区。", NULL);
  g_autoptr(ZrClassification) c = zr_classifier_classify_full (classifier, r, FALSE);
  static const char * const garbage[] = {
    "", "1", "1\n", "1\n\n", "2\n5|a=1|\n1|b=1|", "1\n99|a=1|\n1|b=1|",
    "1\n5|a=1|x:9h:1\n1|b=1|", "1\n5|a=1|x:0q:1\n1|b=1|", "1\n5|a=x|\n1|b=1|",
    "1\n5|a=1|x:0h:1:0\n1|b=1|", "1\n5|a|\n1|b=1|", "1\n5||\n1|b=1|", "1\n5|=|x:0h:1\n1|=|",
    "\xff\xfe", "1\n5|a=1|x:0h\n1|b=1|",
  };
  gsize len = strlen (c->why_stored);

  for (gsize n = 0; n < len; n++)
    {
      g_autofree char *prefix = g_strndup (c->why_stored, n);
      g_autofree char *why = zr_classification_why_from_stored (prefix);

      if (why != NULL)
        g_free (json_get (why, "$.district.primary"));   /* valid JSON */
    }
  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autofree char *why = zr_classification_why_from_stored (garbage[i]);

      g_test_message ("%u", i);
      g_assert_null (why);
    }
  g_assert_null (zr_classification_why_from_stored (NULL));
}

static const char small_gazetteer[] =
  "[Gazetteer]\n"
  "Divisions=东区;西区;\n"
  "Headline=5\n"
  "[东区]\n"
  "Short=东湖:2;\n"
  "[西区]\n"
  "Towns=石桥镇;\n"
  "[City]\n"
  "Prefixes=市;\n"
  "Organs=水务局;\n"
  "[Outside]\n"
  "Terms=远方;\n";

static const char small_topics[] =
  "[Topics]\n"
  "Topics=水;桥;\n"
  "OrganSuffixes=务局;\n"
  "OrganFactor=0.25\n"
  "[水]\n"
  "Words=水:1;\n"
  "[桥]\n"
  "Words=桥:1;\n";

/* The primary topic of @record (consumed); "" if none. */
static char *
primary_topic (ZrRecord *record)
{
  g_autoptr(ZrRecord) r = record;
  g_autoptr(ZrClassification) c = zr_classifier_classify (classifier, r);

  return g_strdup (c->topic ? c->topic : "");
}

/* Issue #14: a compound that only says how people behave (文明) or how
 * pretty something is (最美) does not outweigh what the story is about. */
static void
test_topic_incidental (void)
{
  g_autofree char *park = NULL;
  g_autofree char *award = NULL;

  park = primary_topic (make_record (NULL, "湘江风光带桂花飘香 最美赏花季来了", NULL,
                                     "这个周末，不少市民和游客来到江边，文明赏花、拍照留念。",
                                     "管理处提醒大家不要攀折花枝。", NULL));
  g_assert_cmpstr (park, ==, "文化旅游");

  /* The campaign itself still is 文明创建. */
  award = primary_topic (make_record (NULL, "我市启动文明城市创建“百日攻坚”", NULL,
                                      "各区将围绕创文测评标准，逐项整改。", NULL));
  g_assert_cmpstr (award, ==, "文明创建");
}

/* Issue #14: the village is where a sports match happens, not what it is
 * about; farming words still make a farming story. */
static void
test_topic_setting (void)
{
  g_autofree char *games = NULL;
  g_autofree char *farm = NULL;

  games = primary_topic (make_record (NULL, "乡村趣味运动会热闹开场", NULL,
                                      "来自八个村的村民组成十支队伍，比拔河、比挑担。",
                                      "村民们说，一年就盼着这几天。", NULL));
  g_assert_cmpstr (games, ==, "文化旅游");

  farm = primary_topic (make_record (NULL, "乡村田头忙春耕", NULL,
                                     "连日来，种植大户抢抓晴好天气育秧。", NULL));
  g_assert_cmpstr (farm, ==, "农业农村");
}

/* Issue #14: a party member described as a person, or a party committee
 * that helped, does not make a story about a road one about party building;
 * party-building activity does. */
static void
test_topic_party (void)
{
  g_autoptr(ZrRecord) r = make_record (NULL, "老党员带着乡亲修通进山路", NULL,
                                       "在镇党委协调下，七十岁的老党员周伯组织村民出工出力。",
                                       "党员们轮流守在工地上，路基一段段铺了出来。", NULL);
  g_autoptr(ZrClassification) c = zr_classifier_classify (classifier, r);
  g_autofree char *party = json_get (c->why_json, "$.topics.scores.党建");
  g_autofree char *branch = NULL;

  g_assert_cmpstr (c->topic, ==, "交通出行");
  /* 老党员 adds nothing; 党委 (0.25) in the lead (×2) and 党员 (0.5) once in
   * the body do. */
  g_assert_nonnull (party);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (party, NULL), 0.25 * 2 + 0.5, 1e-9);

  /* A title says who speaks: the secretary of a village's branch explains
   * the harvest. */
  {
    g_autoptr(ZrRecord) farm = make_record (NULL, "合作社带着农户种高山蔬菜", NULL,
                                            "村党支部书记彭某介绍，今年全村种了三百亩。",
                                            "党委书记也来地里看了看。", NULL);
    g_autoptr(ZrClassification) fc = zr_classifier_classify (classifier, farm);
    g_autofree char *none = json_get (fc->why_json, "$.topics.scores.党建");

    g_assert_cmpstr (fc->topic, ==, "农业农村");
    g_assert_null (none);
  }

  branch = primary_topic (make_record (NULL, "社区党支部过主题党日", NULL,
                                       "支部全体党员重温入党誓词，并过组织生活。", NULL));
  g_assert_cmpstr (branch, ==, "党建");
}

/* Issue #14: topic words in the names of the organs that act (区城管局,
 * 区文旅局) count little; the service they give decides. A word that merely
 * starts like a suffix (部署) is no organ. */
static void
test_topic_organs (void)
{
  g_autoptr(ZrRecord) r = make_record (NULL, "居民提需求 部门上门办", NULL,
                                       "区城管局、区文旅局、区交通局的工作人员走进社区，"
                                       "现场收集居民诉求。",
                                       "能当场解决的当场解决，其余的限期办结。", NULL);
  g_autoptr(ZrClassification) c = zr_classifier_classify (classifier, r);
  g_autofree char *plan = NULL;

  g_assert_true (g_strcmp0 (c->topic, "政务服务") == 0 || g_strcmp0 (c->topic, "基层治理") == 0);

  /* The village's party branch runs the canteen; the canteen is the story. */
  {
    g_autofree char *canteen = primary_topic (make_record (NULL, "村里老人吃上了热乎饭", NULL,
                                                           "村党支部牵头办起老年食堂，七十岁以上老人每餐三元。",
                                                           "村委会安排专人采购。", NULL));

    g_assert_cmpstr (canteen, ==, "基层治理");
  }

  plan = primary_topic (make_record (NULL, "学校部署寒假安全教育", NULL,
                                     "各班主任将给家长发一封信。", NULL));
  g_assert_cmpstr (plan, ==, "教育");
}

/* Issue #14: one word said again and again in the body counts less each
 * time, so it does not outweigh the headline. */
static void
test_topic_repeated (void)
{
  g_autofree char *library = NULL;

  library = primary_topic (make_record (NULL, "图书馆夜间开放 市民读书热情高", NULL,
                                        "网格员上门为居民办理借书卡。",
                                        "网格员说，老人最喜欢看报。",
                                        "网格员还帮忙把书送到家。",
                                        "网格员每周收集一次大家想看的书目。",
                                        "网格员也成了图书管理员。", NULL));
  g_assert_cmpstr (library, ==, "文化旅游");
}

static void
test_other_gazetteer (void)
{
  g_autoptr(GBytes) gz = g_bytes_new_static (small_gazetteer, strlen (small_gazetteer));
  g_autoptr(GBytes) tp = g_bytes_new_static (small_topics, strlen (small_topics));
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrClassifier) other = zr_classifier_new_from_bytes (gz, tp, &error);
  g_autoptr(ZrRecord) r1 = make_record (NULL, "东湖边", NULL, "石桥镇的人来看水。", NULL);
  g_autoptr(ZrRecord) r2 = make_record (NULL, "市水务局", NULL, "石桥镇修桥，桥很长，桥也宽。", NULL);
  g_autoptr(ZrClassification) c1 = NULL;
  g_autoptr(ZrClassification) c2 = NULL;
  g_autofree char *names = NULL;
  g_autofree char *topics = NULL;
  g_autofree char *score = NULL;

  g_assert_no_error (error);
  names = g_strjoinv (",", (char **) zr_classifier_get_districts (other));
  topics = g_strjoinv (",", (char **) zr_classifier_get_topics (other));
  g_assert_cmpstr (names, ==, "东区,西区,市级,外地");
  g_assert_cmpstr (topics, ==, "水,桥");
  g_assert_cmpstr (zr_classifier_get_data_version (other), !=,
                   zr_classifier_get_data_version (classifier));
  g_assert_cmpuint (strlen (zr_classifier_get_data_version (other)), ==, 64);

  c1 = zr_classifier_classify (other, r1);
  score = json_get (c1->why_json, "$.district.scores.东区");
  g_assert_cmpstr (c1->district, ==, "东区");
  g_assert_cmpstr (score, ==, "10");    /* 2 × headline weight 5 */
  g_assert_cmpstr (c1->topic, ==, "水");
  c2 = zr_classifier_classify (other, r2);
  g_assert_cmpstr (c2->district, ==, "市级");
  /* 水 in the organ's name 水务局 counts a quarter (4 × 0.25 = 1); 桥 four
   * times in the lead (石桥镇 too) counts 1.5 + 1.5 / 2 + 1.5 / 3 + 1.5 / 4. */
  g_assert_cmpstr (c2->topic, ==, "桥");
  g_assert_cmpfloat_with_epsilon (((ZrLabel *) g_ptr_array_index (c2->topics, 0))->weight, 1.5 * (1 + 1.0 / 2 + 1.0 / 3 + 1.0 / 4), 1e-9);

  /* A lexicon without a Fallback falls back on its first topic. */
  {
    g_autoptr(ZrRecord) r3 = make_record (NULL, "远方来信", NULL, "信里说了些家常。", NULL);
    g_autoptr(ZrClassification) c3 = zr_classifier_classify (other, r3);

    g_assert_cmpstr (c3->district, ==, "外地");
    g_assert_cmpstr (c3->topic, ==, "水");
  }
}

static void
test_errors (void)
{
  const char *bad_keyfile = "not a key file [[";
  const char *no_group = "[Gazetteer]\nDivisions=东区;\n";
  const char *no_topics = "[Topics]\n";
  g_autoptr(GBytes) bad = g_bytes_new_static (bad_keyfile, strlen (bad_keyfile));
  g_autoptr(GBytes) missing = g_bytes_new_static (no_group, strlen (no_group));
  g_autoptr(GBytes) empty_topics = g_bytes_new_static (no_topics, strlen (no_topics));
  g_autoptr(GBytes) gz = g_bytes_new_static (small_gazetteer, strlen (small_gazetteer));
  g_autoptr(GBytes) tp = g_bytes_new_static (small_topics, strlen (small_topics));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent/zr-gazetteer.ini");
  g_autoptr(GFile) also_nowhere = g_file_new_for_path ("/nonexistent/zr-topics.ini");
  ZrClassifier *c;

  c = zr_classifier_new_from_bytes (bad, tp, &error);
  g_assert_null (c);
  g_assert_error (error, ZR_DATA_ERROR, ZR_DATA_ERROR_INVALID);
  g_clear_error (&error);

  c = zr_classifier_new_from_bytes (missing, tp, &error);
  g_assert_null (c);
  g_assert_error (error, ZR_DATA_ERROR, ZR_DATA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "东区"));
  g_clear_error (&error);

  c = zr_classifier_new_from_bytes (gz, empty_topics, &error);
  g_assert_null (c);
  g_assert_error (error, ZR_DATA_ERROR, ZR_DATA_ERROR_INVALID);
  g_clear_error (&error);

  c = zr_classifier_new_from_files (nowhere, also_nowhere, &error);
  g_assert_null (c);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_env_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("zr-classify-XXXXXX", NULL);
  g_autofree char *gz_path = g_build_filename (dir, "g.ini", NULL);
  g_autofree char *tp_path = g_build_filename (dir, "t.ini", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrClassifier) from_env = NULL;
  g_autoptr(ZrClassifier) from_files = NULL;
  g_autoptr(GFile) gz_file = NULL;
  g_autoptr(GFile) tp_file = NULL;

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (gz_path, small_gazetteer, -1, NULL));
  g_assert_true (g_file_set_contents (tp_path, small_topics, -1, NULL));
  g_setenv ("ZR_GAZETTEER", gz_path, TRUE);
  g_setenv ("ZR_TOPICS", tp_path, TRUE);
  from_env = zr_classifier_new_default (&error);
  g_unsetenv ("ZR_GAZETTEER");
  g_unsetenv ("ZR_TOPICS");
  g_assert_no_error (error);
  g_assert_cmpstr (zr_classifier_get_districts (from_env)[0], ==, "东区");

  gz_file = g_file_new_for_path (gz_path);
  tp_file = g_file_new_for_path (tp_path);
  from_files = zr_classifier_new_from_files (gz_file, tp_file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zr_classifier_get_data_version (from_files), ==,
                   zr_classifier_get_data_version (from_env));

  g_remove (gz_path);
  g_remove (tp_path);
  g_rmdir (dir);
}

/* The built-in resource holds exactly the files of data/gazetteer/. */
static void
test_resource_matches_files (void)
{
  const char *source = g_getenv ("ZR_SOURCE_DIR");
  g_autofree char *gz_path = NULL;
  g_autofree char *tp_path = NULL;
  g_autoptr(GFile) gz = NULL;
  g_autoptr(GFile) tp = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrClassifier) from_files = NULL;

  if (source == NULL)
    {
      g_test_skip ("ZR_SOURCE_DIR not set");
      return;
    }
  gz_path = g_build_filename (source, "data", "gazetteer", "gazetteer.ini", NULL);
  tp_path = g_build_filename (source, "data", "gazetteer", "topics.ini", NULL);
  gz = g_file_new_for_path (gz_path);
  tp = g_file_new_for_path (tp_path);
  from_files = zr_classifier_new_from_files (gz, tp, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zr_classifier_get_data_version (from_files), ==,
                   zr_classifier_get_data_version (classifier));
  g_assert_cmpuint (strlen (zr_classifier_get_data_version (classifier)), ==, 64);
}

static void
test_lexicon (void)
{
  g_autoptr(ZrLexicon) lex = zr_lexicon_new ();
  guint label;
  double weight;

  g_assert_true (zr_lexicon_insert (lex, "石峰区", 1, 1.0));
  g_assert_true (zr_lexicon_insert (lex, "市城管局", 2, 0.5));
  g_assert_true (zr_lexicon_insert (lex, "城管", 3, 2.0));
  g_assert_true (zr_lexicon_insert (lex, "a😀b", 4, 1.0));
  g_assert_false (zr_lexicon_insert (lex, "城管", 9, 9.0));
  g_assert_cmpuint (zr_lexicon_get_size (lex), ==, 4);
  g_assert_true (zr_lexicon_lookup (lex, "城管", &label, &weight));
  g_assert_cmpuint (label, ==, 3);
  g_assert_cmpfloat (weight, ==, 2.0);
  g_assert_true (zr_lexicon_lookup (lex, "a😀b", &label, NULL));
  g_assert_cmpuint (label, ==, 4);
  g_assert_false (zr_lexicon_lookup (lex, "城", NULL, NULL));
  g_assert_false (zr_lexicon_lookup (lex, "市城管", NULL, NULL));
  g_assert_false (zr_lexicon_lookup (lex, "", NULL, NULL));
}

static void
collect (const char *start,
         gsize       len,
         guint       label,
         double      weight,
         gpointer    user_data)
{
  GString *out = user_data;

  g_string_append_printf (out, "%.*s=%u;", (int) len, start, label);
}

static void
test_lexicon_scan (void)
{
  g_autoptr(ZrLexicon) lex = zr_lexicon_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  zr_lexicon_insert (lex, "石峰区", 1, 1.0);
  zr_lexicon_insert (lex, "市城管局", 2, 0.5);
  zr_lexicon_insert (lex, "城管", 3, 2.0);
  zr_lexicon_insert (lex, "a😀b", 4, 1.0);
  zr_lexicon_insert (lex, "a😀bc", 5, 1.0);

  zr_lexicon_scan (lex, "石峰区城管局和市城管局，xa😀b a😀bcd a😀", -1, collect, out);
  g_assert_cmpstr (out->str, ==, "石峰区=1;城管=3;市城管局=2;a😀b=4;a😀bc=5;");

  g_string_truncate (out, 0);
  zr_lexicon_scan (lex, "市城管", -1, collect, out);
  g_assert_cmpstr (out->str, ==, "城管=3;");

  g_string_truncate (out, 0);
  zr_lexicon_scan (lex, "石峰区城管局", strlen ("石峰区"), collect, out);
  g_assert_cmpstr (out->str, ==, "石峰区=1;");
}

/* On the real pages (when ZR_CORPUS_DIR is set): the stories a reader can
 * name by a few words of their headline get the district and topic a
 * careful reader gives them. */
static void
test_corpus (void)
{
  static const struct
  {
    const char *headline_part;
    const char *district;
    const char *topic;
  } expected[] = {
    { "天元公安", "天元区", "公共安全" },
    { "17家单位", "天元区", "市场监管" },
    { "同济大学", "市级", "教育" },
    { "株洲礼物", "市级", "产业经济" },
    { "项目审批", "渌口区", "政务服务" },
    { "出生一件事", "芦淞区", "政务服务" },
    { "醴陵红茶", "醴陵市", "农业农村" },
    { "王仙镇", "醴陵市", NULL },
    { "精品管理", "石峰区", "城市管理" },
    { "三问株洲", "市级", NULL },
  };
  const char *dir = g_getenv ("ZR_CORPUS_DIR");
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint found[G_N_ELEMENTS (expected)] = { 0 };
  guint pages = 0;

  if (dir == NULL || (d = g_dir_open (dir, 0, NULL)) == NULL)
    {
      g_test_skip ("ZR_CORPUS_DIR not set or not readable");
      return;
    }

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_autoptr(ZrPage) page = NULL;

      if (!g_str_has_suffix (name, ".txt"))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (!g_file_get_contents (path, &text, NULL, NULL) || !g_utf8_validate (text, -1, NULL))
        continue;
      page = zr_page_parse (text);
      pages++;
      for (guint i = 0; i < page->records->len; i++)
        {
          const ZrRecord *r = g_ptr_array_index (page->records, i);

          if (r->headline == NULL || g_utf8_strlen (r->headline, -1) > 40)
            continue;
          for (guint e = 0; e < G_N_ELEMENTS (expected); e++)
            {
              g_autoptr(ZrClassification) c = NULL;

              /* the story by its title lines: which of two is the
               * headline and which the kicker is the parser's business */
              if (strstr (r->headline, expected[e].headline_part) == NULL &&
                  (r->kicker == NULL || strstr (r->kicker, expected[e].headline_part) == NULL))
                continue;
              c = zr_classifier_classify (classifier, r);
              g_test_message ("%s → %s %s", r->headline, c->district, c->topic);
              g_assert_cmpstr (c->district, ==, expected[e].district);
              if (expected[e].topic)
                g_assert_cmpstr (c->topic, ==, expected[e].topic);
              found[e]++;
            }
        }
    }

  if (pages == 0)
    {
      g_test_skip ("no readable page in ZR_CORPUS_DIR");
      return;
    }
  /* every story is on the pages: one not found as a headline is a fault
   * of the parser, not a reason to pass */
  for (guint e = 0; e < G_N_ELEMENTS (expected); e++)
    if (found[e] == 0)
      g_test_fail_printf ("no story titled with “%s” (story %u of the list) on the corpus pages", expected[e].headline_part, e + 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  /* The built-in data, whatever the user running the tests keeps in their
   * own gazetteer folder. */
  g_setenv ("XDG_DATA_HOME", "/nonexistent/zr-test-data-home", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("ZR_GAZETTEER");
  g_unsetenv ("ZR_TOPICS");
  classifier = zr_classifier_new_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/core/classify/lexicon/insert", test_lexicon);
  g_test_add_func ("/core/classify/lexicon/scan", test_lexicon_scan);
  g_test_add_func ("/core/classify/lists", test_lists);
  g_test_add_func ("/core/classify/nine-districts", test_nine_districts);
  g_test_add_func ("/core/classify/city-and-outside", test_city_and_outside);
  g_test_add_func ("/core/classify/aliases", test_aliases);
  g_test_add_func ("/core/classify/longest-match", test_longest_match);
  g_test_add_func ("/core/classify/one-of-three", test_one_of_three);
  g_test_add_func ("/core/classify/column-label", test_column_label);
  g_test_add_func ("/core/classify/topic-weights", test_topic_weights);
  g_test_add_func ("/core/classify/notice", test_notice);
  g_test_add_func ("/core/classify/why-json", test_why_json);
  g_test_add_func ("/core/classify/no-evidence", test_no_evidence);
  g_test_add_func ("/core/classify/outside/headline", test_outside_headline);
  g_test_add_func ("/core/classify/outside/lead", test_outside_lead);
  g_test_add_func ("/core/classify/outside/mentioned", test_outside_mentioned);
  g_test_add_func ("/core/classify/outside/collisions", test_outside_collisions);
  g_test_add_func ("/core/classify/citywide", test_citywide);
  g_test_add_func ("/core/classify/topic-always", test_topic_always);
  g_test_add_func ("/core/classify/topic/incidental", test_topic_incidental);
  g_test_add_func ("/core/classify/topic/setting", test_topic_setting);
  g_test_add_func ("/core/classify/topic/party", test_topic_party);
  g_test_add_func ("/core/classify/topic/organs", test_topic_organs);
  g_test_add_func ("/core/classify/topic/repeated", test_topic_repeated);
  g_test_add_func ("/core/classify/stored-why/same-decision", test_stored_why);
  g_test_add_func ("/core/classify/stored-why/escapes", test_stored_why_escapes);
  g_test_add_func ("/core/classify/stored-why/malformed", test_stored_why_malformed);
  g_test_add_func ("/core/classify/other-gazetteer", test_other_gazetteer);
  g_test_add_func ("/core/classify/errors", test_errors);
  g_test_add_func ("/core/classify/env-files", test_env_files);
  g_test_add_func ("/core/classify/resource", test_resource_matches_files);
  g_test_add_func ("/core/classify/corpus", test_corpus);

  ret = g_test_run ();
  g_clear_object (&classifier);
  return ret;
}
