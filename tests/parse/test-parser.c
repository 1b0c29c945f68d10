/* test-parser.c: segmentation of pages into records, field by field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zr-encoding.h"
#include "zr-page-parser.h"

static ZrPage *
parse_fixture (const char *name)
{
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const char *path = g_test_get_filename (G_TEST_DIST, "data", "parse", name, NULL);

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  text = zr_text_decode (data, len, NULL, NULL, &error);
  g_assert_no_error (error);
  return zr_page_parse (text);
}

static ZrRecord *
record (ZrPage *page,
        guint   i)
{
  g_assert_cmpuint (i, <, page->records->len);
  return g_ptr_array_index (page->records, i);
}

static void
assert_byline (ZrRecord   *r,
               guint       i,
               const char *name,
               const char *role)
{
  ZrByline *b;
  g_assert_cmpuint (i, <, r->bylines->len);
  b = g_ptr_array_index (r->bylines, i);
  g_assert_cmpstr (b->name, ==, name);
  g_assert_cmpstr (b->role, ==, role);
}

static void
assert_paragraph (ZrRecord        *r,
                  guint            i,
                  ZrParagraphKind  kind,
                  const char      *text)
{
  ZrParagraph *p;
  g_assert_cmpuint (i, <, r->paragraphs->len);
  p = g_ptr_array_index (r->paragraphs, i);
  g_assert_cmpstr (zr_paragraph_kind_to_string (p->kind), ==, zr_paragraph_kind_to_string (kind));
  if (g_str_has_suffix (text, "…"))
    {
      g_autofree char *prefix = g_strndup (text, strlen (text) - strlen ("…"));
      g_assert_true (g_str_has_prefix (p->text, prefix));
    }
  else
    g_assert_cmpstr (p->text, ==, text);
}

static void
test_headings (void)
{
  g_autoptr(ZrPage) page = parse_fixture ("headings.txt");
  ZrRecord *r;
  ZrPageMeta *m;

  g_assert_cmpuint (page->meta->len, ==, 1);
  m = g_ptr_array_index (page->meta, 0);
  g_assert_cmpstr (m->text, ==, "要闻·城区");
  g_assert_cmpuint (page->records->len, ==, 2);

  /* a headline set over two `##` lines, dateline and bracketed bylines */
  r = record (page, 0);
  g_assert_cmpint (r->kind, ==, ZR_RECORD_KIND_ARTICLE);
  g_assert_cmpstr (r->headline, ==, "石峰区老工业区——变身文创街区");
  g_assert_null (r->column);
  g_assert_null (r->kicker);
  g_assert_cmpstr (r->dateline, ==, "株洲日报讯");
  g_assert_cmpstr (r->byline_text, ==, "(全媒体记者/欧阳明 通讯员/甘露)");
  g_assert_cmpuint (r->bylines->len, ==, 2);
  assert_byline (r, 0, "欧阳明", "全媒体记者");
  assert_byline (r, 1, "甘露", "通讯员");
  g_assert_cmpuint (r->paragraphs->len, ==, 7);
  assert_paragraph (r, 0, ZR_PARAGRAPH_KIND_BODY, "5月10日，石峰区清水塘街道的老厂房里…");
  assert_paragraph (r, 2, ZR_PARAGRAPH_KIND_SUBHEAD, "老厂房里开书店");
  assert_paragraph (r, 4, ZR_PARAGRAPH_KIND_SUBHEAD, "【声音】");
  assert_paragraph (r, 5, ZR_PARAGRAPH_KIND_BODY, "市民雷晓东：小时候父亲…");
  assert_paragraph (r, 6, ZR_PARAGRAPH_KIND_BODY, "游客欧阳娜：拍照很出片，就是停车位还要再多一些。");

  /* "## 天元区 …": the district word is the column; a line broken
   * mid-word is rejoined */
  r = record (page, 1);
  g_assert_cmpstr (r->column, ==, "天元区");
  g_assert_cmpstr (r->headline, ==, "图书馆延长开放时间");
  g_assert_cmpstr (r->dateline, ==, "株洲日报讯");
  assert_byline (r, 0, "蔡文静", "全媒体记者");
  g_assert_cmpuint (r->paragraphs->len, ==, 1);
  g_assert_nonnull (strstr (((ZrParagraph *) g_ptr_array_index (r->paragraphs, 0))->text,
                            "带着孩子，所以"));
}

static void
test_plain (void)
{
  g_autoptr(ZrPage) page = parse_fixture ("plain.txt");
  ZrRecord *r;

  g_assert_cmpuint (page->meta->len, ==, 0);
  g_assert_cmpuint (page->records->len, ==, 2);

  /* series line as kicker, byline line before the body, captions */
  r = record (page, 0);
  g_assert_cmpint (r->kind, ==, ZR_RECORD_KIND_ARTICLE);
  g_assert_cmpstr (r->kicker, ==, "城市微更新系列报道");
  g_assert_cmpstr (r->headline, ==, "荷塘区金山街道：小巷装上“智慧路灯”");
  g_assert_null (r->dateline);
  g_assert_cmpstr (r->byline_text, ==, "记者 聂子涵 通讯员/龙婉");
  assert_byline (r, 0, "聂子涵", "记者");
  assert_byline (r, 1, "龙婉", "通讯员");
  g_assert_cmpuint (r->paragraphs->len, ==, 6);
  assert_paragraph (r, 0, ZR_PARAGRAPH_KIND_BODY, "入夜，荷塘区金山街道…");
  assert_paragraph (r, 1, ZR_PARAGRAPH_KIND_CAPTION, "灯杆上的一键报警按钮。");
  assert_paragraph (r, 2, ZR_PARAGRAPH_KIND_BODY, "街道共在11条小巷…");
  assert_paragraph (r, 3, ZR_PARAGRAPH_KIND_CAPTION, "▲工人在金山街道的小巷调试路灯 记者 聂子涵 摄");
  assert_paragraph (r, 4, ZR_PARAGRAPH_KIND_SUBHEAD, "省电又安全");
  assert_paragraph (r, 5, ZR_PARAGRAPH_KIND_BODY, "街道城建办主任孙立伟介绍…");

  /* column label above the headline, names in brackets glued to the end */
  r = record (page, 1);
  g_assert_cmpstr (r->column, ==, "今日攸县");
  g_assert_cmpstr (r->headline, ==, "攸县：乡村客运开进山里");
  g_assert_null (r->kicker);
  g_assert_cmpstr (r->byline_text, ==, "(谭佩 吴泽)");
  g_assert_cmpuint (r->bylines->len, ==, 2);
  assert_byline (r, 0, "谭佩", NULL);
  assert_byline (r, 1, "吴泽", NULL);
  g_assert_cmpuint (r->paragraphs->len, ==, 2);
  assert_paragraph (r, 1, ZR_PARAGRAPH_KIND_BODY,
                    "“以前去镇上赶集要走一个多钟头，现在家门口就能坐车。”村民刘四平说。"
                    "县交通部门介绍，今年全县新开通农村客运线路7条，覆盖行政村31个。");
}

static void
test_notice_and_cut (void)
{
  g_autoptr(ZrPage) page = parse_fixture ("notice-cut.txt");
  ZrRecord *r;

  g_assert_cmpuint (page->records->len, ==, 4);
  r = record (page, 0);
  g_assert_cmpint (r->kind, ==, ZR_RECORD_KIND_ARTICLE);
  g_assert_cmpstr (r->headline, ==, "芦淞区服装市场试行“夜间集市”");
  g_assert_cmpuint (r->paragraphs->len, ==, 2);
  /* cut story: the last paragraph stays open, not glued to the next head */
  g_assert_true (g_str_has_suffix (((ZrParagraph *) g_ptr_array_index (r->paragraphs, 1))->text,
                                   "市场还"));

  r = record (page, 1);
  g_assert_cmpint (r->kind, ==, ZR_RECORD_KIND_ARTICLE);
  g_assert_cmpstr (r->column, ==, "荷塘区");
  g_assert_cmpstr (r->headline, ==, "仙庾镇油菜花节开幕");

  r = record (page, 2);
  g_assert_cmpint (r->kind, ==, ZR_RECORD_KIND_FRAGMENT);
  g_assert_cmpstr (r->headline, ==, "服装市场夜间集市续");
  assert_paragraph (r, 0, ZR_PARAGRAPH_KIND_BODY, "与周边酒店合作…");

  r = record (page, 3);
  g_assert_cmpint (r->kind, ==, ZR_RECORD_KIND_NOTICE);
  g_assert_cmpstr (r->headline, ==, "遗失声明");
  g_assert_cmpuint (r->paragraphs->len, ==, 2);
  assert_paragraph (r, 0, ZR_PARAGRAPH_KIND_BODY, "·株洲市荷塘区某某餐饮店遗失食品经营许可证正本一份，声明作废");
}

/* A story that breaks off and whose text goes on after another story
 * that speaks of something else becomes a fragment. */
static void
test_fragment_by_topic (void)
{
  const char *text =
    "## 云田镇开展插秧比赛\n\n"
    "株洲日报讯(全媒体记者/田野) 石峰区云田镇昨日举办插秧比赛，二十多支农户队伍在水田里比速度、比质量，稻田边围满了观众。\n\n"
    "## 学林街道开办社区书屋\n\n"
    "株洲日报讯(全媒体记者/蒋书) 学林街道社区书屋近日开放，藏书五千册，居民办卡后可免费借阅图书，书屋还设有自习区。"
    "书屋的志愿者每周为孩子们读绘本，借阅图书的居民越来越多，社区书屋的\n\n"
    "水田插秧比赛的农户队伍里，有不少是返乡的年轻人，比赛结束后农户们又在稻田边交流插秧经验，"
    "镇里表示明年还要把插秧比赛办得更热闹，让更多农户参加。\n";
  g_autoptr(ZrPage) page = zr_page_parse (text);
  ZrRecord *r;

  g_assert_cmpuint (page->records->len, ==, 3);
  r = record (page, 1);
  g_assert_cmpstr (r->headline, ==, "学林街道开办社区书屋");
  g_assert_true (g_str_has_suffix (((ZrParagraph *) g_ptr_array_index (r->paragraphs, 0))->text,
                                   "社区书屋的"));
  r = record (page, 2);
  g_assert_cmpint (r->kind, ==, ZR_RECORD_KIND_FRAGMENT);
  g_assert_null (r->headline);
  assert_paragraph (r, 0, ZR_PARAGRAPH_KIND_BODY, "水田插秧比赛的农户队伍里…");
}

/* A line broken in the middle of a word is rejoined, also in CRLF text. */
static void
test_rejoin_crlf (void)
{
  const char *bytes =
    "渌口区龙门镇新建冷库\r\n\r\n"
    "记者 陈雨萱\r\n\r\n"
    "“冷库一建好，我们的蔬菜就能多放半个月。”龙门镇蔬菜种植户周建\r\n\r\n"
    "平说，今年他种了60亩辣椒。\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *text = zr_text_decode (bytes, strlen (bytes), NULL, NULL, &error);
  g_autoptr(ZrPage) page = NULL;
  ZrRecord *r;

  g_assert_no_error (error);
  g_assert_null (strchr (text, '\r'));
  page = zr_page_parse (text);
  g_assert_cmpuint (page->records->len, ==, 1);
  r = record (page, 0);
  g_assert_cmpstr (r->headline, ==, "渌口区龙门镇新建冷库");
  assert_byline (r, 0, "陈雨萱", "记者");
  g_assert_cmpuint (r->paragraphs->len, ==, 1);
  assert_paragraph (r, 0, ZR_PARAGRAPH_KIND_BODY,
                    "“冷库一建好，我们的蔬菜就能多放半个月。”龙门镇蔬菜种植户周建平说，今年他种了60亩辣椒。");
  g_assert_cmpint (r->headline_offset, ==, 0);
  g_assert_cmpint (((ZrParagraph *) g_ptr_array_index (r->paragraphs, 0))->offset, ==, 20);
}

/* Offsets point at the text in the page */
static void
test_offsets (void)
{
  g_autoptr(ZrPage) page = parse_fixture ("headings.txt");
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  gsize len;
  ZrRecord *r = record (page, 0);

  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "parse", "headings.txt", NULL),
                                      &data, &len, NULL));
  text = zr_text_decode (data, len, NULL, NULL, NULL);
  for (guint i = 0; i < r->paragraphs->len; i++)
    {
      ZrParagraph *p = g_ptr_array_index (r->paragraphs, i);
      const char *at = g_utf8_offset_to_pointer (text, p->offset);
      g_assert_true (strncmp (at, p->text, 6) == 0);
    }
  g_assert_true (strncmp (g_utf8_offset_to_pointer (text, r->dateline_offset), "株洲日报讯", 6) == 0);
  g_assert_true (strncmp (g_utf8_offset_to_pointer (text, r->byline_offset), "(全媒体记者", 6) == 0);
}

/* A column label, the headline and the first of a series of parallel
 * subheads set on one line: the subhead leaves the headline and opens the
 * text; nothing is lost. */
static void
test_subhead_on_headline (void)
{
  g_autoptr(ZrPage) page = parse_fixture ("subhead-on-headline.txt");
  ZrRecord *r;

  g_assert_cmpuint (page->records->len, ==, 1);
  r = record (page, 0);
  g_assert_cmpstr (r->column, ==, "钻石人");
  g_assert_cmpstr (r->headline, ==, "车间里的三本账");
  assert_paragraph (r, 0, ZR_PARAGRAPH_KIND_SUBHEAD, "一本安全账");
  assert_paragraph (r, 1, ZR_PARAGRAPH_KIND_BODY, "“安全帽的带子系紧了吗？”…");
  assert_paragraph (r, 2, ZR_PARAGRAPH_KIND_SUBHEAD, "一本质量账");
  assert_paragraph (r, 4, ZR_PARAGRAPH_KIND_SUBHEAD, "一本成本账");
  {
    /* the headline's words stay in the headline when no subheads match */
    g_autoptr(ZrPage) other = zr_page_parse ("钻石人 车间里的三本账 一本安全账\n\n"
                                             "班组把十二条操作要点写成顺口溜，贴在每台压机旁。\n\n"
                                             "一本质量账\n\n"
                                             "压坯的尺寸差一丝，烧结后就可能报废一炉。\n");
    g_assert_cmpstr (record (other, 0)->headline, ==, "车间里的三本账 一本安全账");
  }
}

/* Bylines in a dateline's full-width brackets, several names per role; a
 * `##` place label above a `#` headline is the column, a `##` line under
 * it the kicker */
static void
test_marked_place_labels (void)
{
  g_autoptr(ZrPage) page = zr_page_parse (
    "# 城区·综合\n\n"
    "## 芦淞区枫溪街道\n\n"
    "# 河堤步道装上夜间照明\n"
    "## 三公里步道 晚上散步不再摸黑\n\n"
    "　　株洲日报讯（全媒体记者 甘若琳 通讯员 聂子期 彭书远）入夜，枫溪港的河堤步道亮起了一排暖黄色的灯。\n\n"
    "　　街道负责人介绍，照明改造共安装路灯120盏。\n\n"
    "## 渌口区\n\n"
    "# 南洲镇开办农民夜校\n\n"
    "　　株洲日报讯（记者 曾立人）每周三晚上，南洲镇农民夜校里坐满了学员。\n");
  ZrRecord *r;
  ZrPageMeta *m;

  g_assert_cmpuint (page->meta->len, ==, 1);
  m = g_ptr_array_index (page->meta, 0);
  g_assert_cmpstr (m->text, ==, "城区·综合");
  g_assert_cmpuint (page->records->len, ==, 2);
  r = record (page, 0);
  g_assert_cmpstr (r->column, ==, "芦淞区枫溪街道");
  g_assert_cmpstr (r->headline, ==, "河堤步道装上夜间照明");
  g_assert_cmpstr (r->kicker, ==, "三公里步道 晚上散步不再摸黑");
  g_assert_cmpstr (r->dateline, ==, "株洲日报讯");
  g_assert_cmpuint (r->bylines->len, ==, 3);
  assert_byline (r, 0, "甘若琳", "全媒体记者");
  assert_byline (r, 1, "聂子期", "通讯员");
  assert_byline (r, 2, "彭书远", "通讯员");
  assert_paragraph (r, 0, ZR_PARAGRAPH_KIND_BODY, "入夜，枫溪港的河堤步道…");
  r = record (page, 1);
  g_assert_cmpstr (r->column, ==, "渌口区");
  g_assert_cmpstr (r->headline, ==, "南洲镇开办农民夜校");
  assert_byline (r, 0, "曾立人", "记者");
}

/* Plain pages: a section label or a place label above the headline is the
 * column; a page header is metadata; a headline broken over two lines is
 * joined; a caption's photographer is credited */
static void
test_plain_labels (void)
{
  g_autoptr(ZrPage) page = zr_page_parse (
    "城事·民生\n\n"
    "邻里守望\n\n"
    "楼下的“共享菜园”\n\n"
    "记者 卜青禾\n\n"
    "茨菇塘街道一个小区的空地上，居民们种起了辣椒和茄子，收了菜大家一起分。\n\n"
    "▲居民在共享菜园里浇水。 记者 滕越 摄\n\n"
    "“菜不值几个钱，图的是热闹。”居民伍阿姨说。\n\n"
    "攸县网岭镇\n\n"
    "两百亩油菜花\n"
    "引来城里客\n\n"
    "网岭镇的油菜花进入盛花期，周末前来赏花的游客络绎不绝。\n\n"
    "（韩素秋 冉俊）\n");
  ZrRecord *r;

  g_assert_cmpuint (page->meta->len, ==, 1);
  g_assert_cmpuint (page->records->len, ==, 2);
  r = record (page, 0);
  g_assert_cmpstr (r->column, ==, "邻里守望");
  g_assert_cmpstr (r->headline, ==, "楼下的“共享菜园”");
  g_assert_cmpuint (r->bylines->len, ==, 2);
  assert_byline (r, 0, "卜青禾", "记者");
  assert_byline (r, 1, "滕越", "摄影");
  r = record (page, 1);
  g_assert_cmpstr (r->column, ==, "攸县网岭镇");
  g_assert_cmpstr (r->headline, ==, "两百亩油菜花 引来城里客");
  assert_byline (r, 0, "韩素秋", NULL);
  assert_byline (r, 1, "冉俊", NULL);
}

/* A series label before a colon on the headline's line is the kicker */
static void
test_series_colon (void)
{
  g_autoptr(ZrPage) page = zr_page_parse (
    "# 《小城大事》系列报道：一棵古樟的三百年\n\n"
    "株洲日报全媒体记者/范小橙\n\n"
    "村口的古樟树下，老人们每天都来这里乘凉聊天。\n");
  ZrRecord *r;

  g_assert_cmpuint (page->records->len, ==, 1);
  r = record (page, 0);
  g_assert_cmpstr (r->kicker, ==, "《小城大事》系列报道：");
  g_assert_cmpstr (r->headline, ==, "一棵古樟的三百年");
  assert_byline (r, 0, "范小橙", "株洲日报全媒体记者");
}

/* Long features keep their section heads, whatever their form, as
 * subheads of one story; a news-brief column is several stories */
static void
test_section_heads_and_briefs (void)
{
  g_autoptr(ZrPage) page = zr_page_parse (
    "# 一座老水厂的新生\n\n"
    "株洲日报讯（全媒体记者 蒋一苇）停产多年的老水厂，如今成了市民喝咖啡、看展览的地方。\n\n"
    "## 一、留下老厂房\n\n"
    "水厂的沉淀池和泵房都保留了下来，改成了展厅。\n\n"
    "■ 年轻人来了\n\n"
    "周末，不少年轻人专程来这里拍照打卡。\n\n"
    "【声音】\n\n"
    "市民钟女士：这里既有老味道，又有新玩法。\n\n"
    "2 下一步\n\n"
    "园区还将引进书店和小剧场。\n");
  g_autoptr(ZrPage) briefs = zr_page_parse (
    "## 简讯\n\n"
    "### 市博物馆延长开放时间\n\n"
    "暑期市博物馆每天开放至晚上八点。（全媒体记者 庞心怡）\n\n"
    "### 湘江风光带新增骑行道\n\n"
    "湘江风光带新增骑行道5公里。（通讯员 仇立）\n");
  ZrRecord *r;

  g_assert_cmpuint (page->records->len, ==, 1);
  r = record (page, 0);
  g_assert_cmpstr (r->headline, ==, "一座老水厂的新生");
  g_assert_cmpuint (r->bylines->len, ==, 1);
  assert_paragraph (r, 1, ZR_PARAGRAPH_KIND_SUBHEAD, "一、留下老厂房");
  assert_paragraph (r, 3, ZR_PARAGRAPH_KIND_SUBHEAD, "■ 年轻人来了");
  assert_paragraph (r, 5, ZR_PARAGRAPH_KIND_SUBHEAD, "【声音】");
  assert_paragraph (r, 7, ZR_PARAGRAPH_KIND_SUBHEAD, "2 下一步");
  g_assert_cmpuint (briefs->records->len, ==, 2);
  r = record (briefs, 0);
  g_assert_cmpstr (r->column, ==, "简讯");
  g_assert_cmpstr (r->headline, ==, "市博物馆延长开放时间");
  assert_byline (r, 0, "庞心怡", "全媒体记者");
  r = record (briefs, 1);
  g_assert_cmpstr (r->headline, ==, "湘江风光带新增骑行道");
  assert_byline (r, 0, "仇立", "通讯员");
}

/* A page that opens with （上接第N版） opens with a fragment; notice titles
 * open notices; a Q&A stays one story */
static void
test_jumps_notices_interview (void)
{
  g_autoptr(ZrPage) page = zr_page_parse (
    "（上接第3版）\n\n"
    "工程完工后，沿线居民出行将更加便捷。\n\n"
    "# 让社区养老更有温度\n"
    "## ——访市民政局负责人\n\n"
    "株洲日报全媒体记者/卢思敏\n\n"
    "记者：今年社区养老有哪些新举措？\n\n"
    "戴永清：我们将新建社区嵌入式养老服务站20个。\n\n"
    "记者：老人最关心什么？\n\n"
    "戴永清：吃饭和看病，这两件事我们优先解决。\n\n"
    "招聘启事\n\n"
    "某物业公司招聘保安10名，待遇面议。\n\n"
    "公示\n\n"
    "现将某小区规划调整方案予以公示，公示期10个工作日。\n");
  ZrRecord *r;

  g_assert_cmpuint (page->records->len, ==, 4);
  r = record (page, 0);
  g_assert_cmpint (r->kind, ==, ZR_RECORD_KIND_FRAGMENT);
  g_assert_null (r->headline);
  r = record (page, 1);
  g_assert_cmpint (r->kind, ==, ZR_RECORD_KIND_ARTICLE);
  g_assert_cmpstr (r->headline, ==, "让社区养老更有温度");
  g_assert_cmpstr (r->kicker, ==, "——访市民政局负责人");
  g_assert_cmpuint (r->paragraphs->len, ==, 4);
  assert_paragraph (r, 1, ZR_PARAGRAPH_KIND_BODY, "戴永清：我们将新建…");
  r = record (page, 2);
  g_assert_cmpint (r->kind, ==, ZR_RECORD_KIND_NOTICE);
  g_assert_cmpstr (r->headline, ==, "招聘启事");
  r = record (page, 3);
  g_assert_cmpint (r->kind, ==, ZR_RECORD_KIND_NOTICE);
  g_assert_cmpstr (r->headline, ==, "公示");
}

/* A caption or a photo credit between the head and the text does not
 * hide the dateline: its bylines are read and the body starts after it */
static void
test_caption_before_dateline (void)
{
  g_autoptr(ZrPage) page = zr_page_parse (
    "# 江边空地变身口袋公园\n\n"
    "▲傍晚，居民在新建成的口袋公园里散步。 通讯员 汤小禾 摄\n\n"
    "株洲日报讯（全媒体记者 闻启 通讯员 汤小禾）原本堆满杂物的江边空地，如今种上了花草，摆上了座椅。\n\n"
    "附近居民说，晚饭后终于有地方走走了。\n\n"
    "# 社区食堂开进老厂区\n\n"
    "通讯员 邝小满 供图\n\n"
    "本报讯（记者 舒望）老厂区的社区食堂本周开门，一份两荤一素的套餐只要十二元。\n");
  ZrRecord *r;
  gboolean found;

  g_assert_cmpuint (page->records->len, ==, 2);
  r = record (page, 0);
  g_assert_cmpstr (r->headline, ==, "江边空地变身口袋公园");
  g_assert_cmpstr (r->dateline, ==, "株洲日报讯");
  g_assert_cmpstr (r->byline_text, ==, "（全媒体记者 闻启 通讯员 汤小禾）");
  assert_paragraph (r, 0, ZR_PARAGRAPH_KIND_CAPTION, "▲傍晚，居民在新建成的口袋公园里散步。 通讯员 汤小禾 摄");
  assert_paragraph (r, 1, ZR_PARAGRAPH_KIND_BODY, "原本堆满杂物的江边空地，如今种上了花草，摆上了座椅。");
  found = FALSE;
  for (guint i = 0; i < r->bylines->len; i++)
    {
      ZrByline *b = g_ptr_array_index (r->bylines, i);
      if (g_strcmp0 (b->name, "闻启") == 0 && g_strcmp0 (b->role, "全媒体记者") == 0)
        found = TRUE;
    }
  g_assert_true (found);
  r = record (page, 1);
  g_assert_cmpstr (r->headline, ==, "社区食堂开进老厂区");
  g_assert_cmpstr (r->dateline, ==, "本报讯");
  assert_paragraph (r, 1, ZR_PARAGRAPH_KIND_BODY, "老厂区的社区食堂本周开门，一份两荤一素的套餐只要十二元。");
}

/* A notice's or a story's contact line, signature and date stay with it:
 * they never open a story of their own, and a contact line is never a
 * headline */
static void
test_signoff_lines (void)
{
  g_autoptr(ZrPage) page = zr_page_parse (
    "# 公告\n\n"
    "因供水管网改造，桂花路片区将于本周六停水一天，请居民提前储水。\n\n"
    "咨询电话：0731-22334455\n\n"
    "株洲市某某水务公司\n"
    "2026年11月30日\n\n"
    "# 旧书换新绿 图书馆办起交换集市\n\n"
    "株洲日报讯（全媒体记者 单若溪）周末，市图书馆门前摆起了旧书交换集市，不少家长带着孩子来挑书。\n\n"
    "集市每月举办一次，欢迎市民带上闲置图书参加。\n\n"
    "联系人：图书馆读者服务部 龚老师\n\n"
    "# 巡山笔记\n\n"
    "株洲日报记者 贝晓岚\n\n"
    "护林员老甘的本子上，记着每一天走过的山路。\n\n"
    "## 3月12日\n\n"
    "今天上山时下着小雨，在北坡发现一处倒伏的松树。\n\n"
    "## 4月2日\n\n"
    "清明前后是防火关键期，巡山改成了一天两趟。\n");
  /* the same on a page without heading marks */
  g_autoptr(ZrPage) plain = zr_page_parse (
    "招标公告\n\n"
    "某街道办事处拟对辖区三处老旧小区的屋面防水进行维修，欢迎符合条件的施工单位报名。\n\n"
    "报名地址：某街道办事处三楼党政办\n\n"
    "某某街道办事处\n"
    "2026年11月28日\n\n"
    "菜市场装上了“公平秤”\n\n"
    "株洲日报讯（记者 岳小棠）近日，一家农贸市场在入口处设置了公平秤，市民买菜后可以自行复秤。\n");
  ZrRecord *r;

  g_assert_cmpuint (plain->records->len, ==, 2);
  r = record (plain, 0);
  g_assert_cmpint (r->kind, ==, ZR_RECORD_KIND_NOTICE);
  g_assert_cmpuint (r->paragraphs->len, ==, 4);
  assert_paragraph (r, 3, ZR_PARAGRAPH_KIND_BODY, "2026年11月28日");
  r = record (plain, 1);
  g_assert_cmpstr (r->headline, ==, "菜市场装上了“公平秤”");

  g_assert_cmpuint (page->records->len, ==, 3);
  r = record (page, 0);
  g_assert_cmpint (r->kind, ==, ZR_RECORD_KIND_NOTICE);
  g_assert_cmpstr (r->headline, ==, "公告");
  g_assert_cmpuint (r->paragraphs->len, ==, 4);
  assert_paragraph (r, 1, ZR_PARAGRAPH_KIND_BODY, "咨询电话：0731-22334455");
  assert_paragraph (r, 2, ZR_PARAGRAPH_KIND_BODY, "株洲市某某水务公司");
  assert_paragraph (r, 3, ZR_PARAGRAPH_KIND_BODY, "2026年11月30日");
  r = record (page, 1);
  g_assert_cmpstr (r->headline, ==, "旧书换新绿 图书馆办起交换集市");
  g_assert_cmpuint (r->paragraphs->len, ==, 3);
  assert_paragraph (r, 2, ZR_PARAGRAPH_KIND_BODY, "联系人：图书馆读者服务部 龚老师");
  /* dates that head the entries of a diary are not a signature */
  r = record (page, 2);
  g_assert_cmpstr (r->headline, ==, "巡山笔记");
  assert_paragraph (r, 1, ZR_PARAGRAPH_KIND_SUBHEAD, "3月12日");
  assert_paragraph (r, 3, ZR_PARAGRAPH_KIND_SUBHEAD, "4月2日");
}

static void
test_column_labels (void)
{
  g_assert_true (zr_page_parser_is_column_label ("今日醴陵"));
  g_assert_true (zr_page_parser_is_column_label ("石峰区"));
  g_assert_false (zr_page_parser_is_column_label ("石峰"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/parse/headings", test_headings);
  g_test_add_func ("/core/parse/plain", test_plain);
  g_test_add_func ("/core/parse/notice-and-cut", test_notice_and_cut);
  g_test_add_func ("/core/parse/fragment-by-topic", test_fragment_by_topic);
  g_test_add_func ("/core/parse/rejoin-crlf", test_rejoin_crlf);
  g_test_add_func ("/core/parse/offsets", test_offsets);
  g_test_add_func ("/core/parse/column-labels", test_column_labels);
  g_test_add_func ("/core/parse/subhead-on-headline", test_subhead_on_headline);
  g_test_add_func ("/core/parse/marked-place-labels", test_marked_place_labels);
  g_test_add_func ("/core/parse/plain-labels", test_plain_labels);
  g_test_add_func ("/core/parse/series-colon", test_series_colon);
  g_test_add_func ("/core/parse/section-heads-and-briefs", test_section_heads_and_briefs);
  g_test_add_func ("/core/parse/jumps-notices-interview", test_jumps_notices_interview);
  g_test_add_func ("/core/parse/caption-before-dateline", test_caption_before_dateline);
  g_test_add_func ("/core/parse/signoff-lines", test_signoff_lines);
  return g_test_run ();
}
