/* test-quotes.c: extraction and attribution of speech quotes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every text here is written fresh in the paper's style.
 */
#include "config.h"

#include "zr-page-parser.h"
#include "zr-quotes.h"

static ZrRecord *
make_record (const char * const *paragraphs)
{
  ZrRecord *r = zr_record_new (ZR_RECORD_KIND_ARTICLE);

  for (guint i = 0; paragraphs[i]; i++)
    {
      ZrParagraphKind kind = ZR_PARAGRAPH_KIND_BODY;
      const char *text = paragraphs[i];

      if (g_str_has_prefix (text, "##"))
        {
          kind = ZR_PARAGRAPH_KIND_SUBHEAD;
          text += 2;
        }
      g_ptr_array_add (r->paragraphs, zr_paragraph_new (kind, text, -1));
    }
  return r;
}

/* Checks text, speaker, role and that the offsets cover exactly the text. */
static void
assert_quote (const ZrRecord *record,
              GPtrArray      *quotes,
              guint           index,
              guint           paragraph,
              const char     *text,
              const char     *speaker,
              const char     *role)
{
  const ZrQuote *q;
  const ZrParagraph *p;
  g_autofree char *slice = NULL;

  g_assert_cmpuint (index, <, quotes->len);
  q = g_ptr_array_index (quotes, index);
  g_assert_cmpstr (q->text, ==, text);
  g_assert_cmpstr (q->speaker, ==, speaker);
  g_assert_cmpstr (q->role, ==, role);
  g_assert_cmpuint (q->paragraph, ==, paragraph);
  p = g_ptr_array_index (record->paragraphs, q->paragraph);
  slice = g_utf8_substring (p->text, q->start, q->end);
  g_assert_cmpstr (slice, ==, text);
}

static GPtrArray *
extract (const char * const *paragraphs,
         ZrRecord          **out_record)
{
  *out_record = make_record (paragraphs);
  return zr_quotes_extract (*out_record);
}

static void
test_after_verb (void)
{
  const char *paras[] = {
    "“路灯修好以后，晚上出门踏实多了。”家住月塘街道的邓女士说。",
    "“今年我们还要再改造二十条小巷。”荷塘区城管局局长伍建新表示。",
    NULL
  };
  g_autoptr(ZrRecord) r = NULL;
  g_autoptr(GPtrArray) q = extract (paras, &r);

  g_assert_cmpuint (q->len, ==, 2);
  assert_quote (r, q, 0, 0, "路灯修好以后，晚上出门踏实多了。", "邓女士", NULL);
  assert_quote (r, q, 1, 1, "今年我们还要再改造二十条小巷。", "伍建新", "荷塘区城管局局长");
}

static void
test_before_verb_and_colon (void)
{
  const char *paras[] = {
    "市交通运输局副局长柯海平强调：“公交线路调整要充分听取乘客意见。”",
    "石峰区住建局局长龙卫东：“加装电梯要做到应装尽装。”",
    "据市水务集团相关负责人介绍，“老旧管网改造将在年底前全部完成。”",
    NULL
  };
  g_autoptr(ZrRecord) r = NULL;
  g_autoptr(GPtrArray) q = extract (paras, &r);

  g_assert_cmpuint (q->len, ==, 3);
  assert_quote (r, q, 0, 0, "公交线路调整要充分听取乘客意见。", "柯海平", "市交通运输局副局长");
  assert_quote (r, q, 1, 1, "加装电梯要做到应装尽装。", "龙卫东", "石峰区住建局局长");
  assert_quote (r, q, 2, 2, "老旧管网改造将在年底前全部完成。", "市水务集团相关负责人", NULL);
}

static void
test_pronoun_and_remembered_role (void)
{
  const char *paras[] = {
    "醴陵市陶瓷协会会长龚志远认为，品牌是产业的生命。",
    "他说：“我们要让更多人知道醴陵瓷的好。”",
    "“订单比去年多了三成。”龚志远说。",
    NULL
  };
  g_autoptr(ZrRecord) r = NULL;
  g_autoptr(GPtrArray) q = extract (paras, &r);

  g_assert_cmpuint (q->len, ==, 2);
  assert_quote (r, q, 0, 1, "我们要让更多人知道醴陵瓷的好。", "龚志远", "醴陵市陶瓷协会会长");
  assert_quote (r, q, 1, 2, "订单比去年多了三成。", "龚志远", "醴陵市陶瓷协会会长");
}

static void
test_descriptions (void)
{
  const char *paras[] = {
    "“夜市热闹了，生意也好做了。”现场一名摊主告诉记者。",
    "“这项政策真正解决了企业的难处。”该负责人表示。",
    "“我们会继续跟踪回访。”某物业公司工作人员说。",
    "“以前找不到停车位，现在方便多了。”市民彭先生说。",
    NULL
  };
  g_autoptr(ZrRecord) r = NULL;
  g_autoptr(GPtrArray) q = extract (paras, &r);

  g_assert_cmpuint (q->len, ==, 4);
  assert_quote (r, q, 0, 0, "夜市热闹了，生意也好做了。", "现场一名摊主", NULL);
  assert_quote (r, q, 1, 1, "这项政策真正解决了企业的难处。", "该负责人", NULL);
  assert_quote (r, q, 2, 2, "我们会继续跟踪回访。", "某物业公司工作人员", NULL);
  /* 市民 is a description, not a role */
  assert_quote (r, q, 3, 3, "以前找不到停车位，现在方便多了。", "彭先生", NULL);
}

static void
test_voice_statements (void)
{
  const char *paras[] = {
    "【声音】",
    "市商务局局长邹立群：夜经济要有烟火气，也要有文化味，让市民愿意出门、留得下来。",
    "在天元区经营书店多年的孟晓：“书店”不只是卖书的地方，更是城市的客厅，晚上来的年轻人越来越多。",
    "区文旅局相关负责人：我们将推出更多夜间演出，丰富群众的文化生活。",
    NULL
  };
  g_autoptr(ZrRecord) r = NULL;
  g_autoptr(GPtrArray) q = extract (paras, &r);

  g_assert_cmpuint (q->len, ==, 3);
  assert_quote (r, q, 0, 1, "夜经济要有烟火气，也要有文化味，让市民愿意出门、留得下来。", "邹立群", "市商务局局长");
  assert_quote (r, q, 1, 2, "“书店”不只是卖书的地方，更是城市的客厅，晚上来的年轻人越来越多。", "孟晓", NULL);
  assert_quote (r, q, 2, 3, "我们将推出更多夜间演出，丰富群众的文化生活。", "区文旅局相关负责人", NULL);
}

static void
test_not_statements (void)
{
  const char *paras[] = {
    "龙泉街道：开展“邻里节”活动",
    "经验总结：要坚持群众路线，做实做细每一件小事。",
    "株洲找到的“金钥匙”是：党建引领，全员参与，共同治理小区。",
    NULL
  };
  g_autoptr(ZrRecord) r = NULL;
  g_autoptr(GPtrArray) q = extract (paras, &r);

  g_assert_cmpuint (q->len, ==, 0);
}

static void
test_hard_negatives (void)
{
  const char *paras[] = {
    "去年起，“建宁驿站”推行“微改革”，做到“干净、便利、美观”。",
    "市里开展“三微”工作，印发了“关于加强背街小巷管理的通知”。",
    "沿街商户拉起“平安建设，人人参与！”的横幅。",
    "群众送来锦旗：“为民办实事，真情暖人心”“执法为民，尽职尽责”。",
    "“最多跑一次”“一件事一次办”改革持续推进。",
    NULL
  };
  g_autoptr(ZrRecord) r = NULL;
  g_autoptr(GPtrArray) q = extract (paras, &r);

  g_assert_cmpuint (q->len, ==, 0);
}

static void
test_nested_and_consecutive (void)
{
  const char *paras[] = {
    "“大家都说这是‘家门口的好学校’，我们压力也很大。”校长廖春燕说。",
    "“车位不够怎么办？”“晚上能不能开放操场停车？”居民们七嘴八舌地提问。",
    "“这件事我们马上办。”“下周就给大家答复。”社区书记成海鹰当场表态。",
    NULL
  };
  g_autoptr(ZrRecord) r = NULL;
  g_autoptr(GPtrArray) q = extract (paras, &r);

  g_assert_cmpuint (q->len, ==, 5);
  assert_quote (r, q, 0, 0, "大家都说这是‘家门口的好学校’，我们压力也很大。", "廖春燕", "校长");
  assert_quote (r, q, 1, 1, "车位不够怎么办？", "居民们", NULL);
  assert_quote (r, q, 2, 1, "晚上能不能开放操场停车？", "居民们", NULL);
  assert_quote (r, q, 3, 2, "这件事我们马上办。", "成海鹰", "社区书记");
  assert_quote (r, q, 4, 2, "下周就给大家答复。", "成海鹰", "社区书记");
}

static void
test_unbalanced (void)
{
  const char *paras[] = {
    "“钱追回来了，谢谢你们!”我的车也找到了!”……群众纷纷表达感谢。",
    "他在会上说“这个问题必须解决，",
    NULL
  };
  g_autoptr(ZrRecord) r = NULL;
  g_autoptr(GPtrArray) q = extract (paras, &r);

  g_assert_cmpuint (q->len, ==, 1);
  assert_quote (r, q, 0, 0, "钱追回来了，谢谢你们!", NULL, NULL);
}

static void
test_speaker_two_sentences_later (void)
{
  const char *paras[] = {
    "“每一件小事办好了，群众就满意了。”",
    "“城市管理要像绣花一样精细。”",
    "座谈会上，与会的市领导纷纷发言。市城管局局长文志成作了表态发言。",
    NULL
  };
  g_autoptr(ZrRecord) r = NULL;
  g_autoptr(GPtrArray) q = extract (paras, &r);

  /* who said which is not on the page: no guess */
  g_assert_cmpuint (q->len, ==, 2);
  assert_quote (r, q, 0, 0, "每一件小事办好了，群众就满意了。", NULL, NULL);
  assert_quote (r, q, 1, 1, "城市管理要像绣花一样精细。", NULL, NULL);
}

static void
test_paragraph_break (void)
{
  const char *paras[] = {
    "“这套系统已经和交警平台打通了。”市城管执法支队副支队长黄志", "明介绍，市民可在手机上缴纳罚款。",
    NULL
  };
  g_autoptr(ZrRecord) r = NULL;
  g_autoptr(GPtrArray) q = extract (paras, &r);
  g_autoptr(ZrRecord) joined = zr_record_new (ZR_RECORD_KIND_ARTICLE);
  g_autoptr(GPtrArray) q2 = NULL;

  g_assert_cmpuint (q->len, ==, 1);
  /* across a layout break the speaker is read through the break */
  assert_quote (r, q, 0, 0, "这套系统已经和交警平台打通了。", "黄志明", "市城管执法支队副支队长");

  /* once the parser rejoins the paragraph, a quote running over the break stays whole */
  g_ptr_array_add (joined->paragraphs,
                   zr_paragraph_new (ZR_PARAGRAPH_KIND_BODY,
                                     "他说：“新系统上线后，执法效率提高了很多，群众也更满意。”", -1));
  q2 = zr_quotes_extract (joined);
  g_assert_cmpuint (q2->len, ==, 1);
  assert_quote (joined, q2, 0, 0, "新系统上线后，执法效率提高了很多，群众也更满意。", NULL, NULL);
}

static void
test_ascii_and_corner_marks (void)
{
  const char *paras[] = {
    "\"现在办证只要一天，太快了。\"个体户谢先生说。",
    "「我们要把服务做到群众心坎上。」街道主任石红霞表示。",
    "这叫\"微更新\"。",
    NULL
  };
  g_autoptr(ZrRecord) r = NULL;
  g_autoptr(GPtrArray) q = extract (paras, &r);

  g_assert_cmpuint (q->len, ==, 2);
  assert_quote (r, q, 0, 0, "现在办证只要一天，太快了。", "谢先生", NULL);
  assert_quote (r, q, 1, 1, "我们要把服务做到群众心坎上。", "石红霞", "街道主任");
}

static void
test_first_person_and_subject (void)
{
  const char *paras[] = {
    "我问道：“这批货什么时候能到？”",
    "“为什么把我家门口的车位划掉了！”60多岁的孙阿姨找到社区反映情况。",
    NULL
  };
  g_autoptr(ZrRecord) r = NULL;
  g_autoptr(GPtrArray) q = extract (paras, &r);

  g_assert_cmpuint (q->len, ==, 2);
  assert_quote (r, q, 0, 0, "这批货什么时候能到？", NULL, NULL);
  assert_quote (r, q, 1, 1, "为什么把我家门口的车位划掉了！", "孙阿姨", NULL);
}

static void
test_parse_speaker (void)
{
  struct { const char *phrase, *speaker, *role; } cases[] = {
    { "石峰区城管局局长康久清", "康久清", "石峰区城管局局长" },
    { "市民袁女士", "袁女士", NULL },
    { "该负责人", "该负责人", NULL },
    { "一位干部", "一位干部", NULL },
    { "家住建设村的李师傅", "李师傅", NULL },
    { "客户王总", "王总", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *speaker = NULL;
      g_autofree char *role = NULL;

      g_assert_true (zr_quotes_parse_speaker (cases[i].phrase, &speaker, &role));
      g_assert_cmpstr (speaker, ==, cases[i].speaker);
      g_assert_cmpstr (role, ==, cases[i].role);
    }
  g_assert_false (zr_quotes_parse_speaker ("这条道路", NULL, NULL));
  g_assert_false (zr_quotes_parse_speaker ("我们", NULL, NULL));
}

static void
test_unfamiliar_descriptions (void)
{
  struct { const char *phrase, *speaker, *role; } cases[] = {
    /* a noun phrase telling who, not a title: the name, no role */
    { "养蜂大户谌立春", "谌立春", NULL },
    { "准妈妈邝雨婷", "邝雨婷", NULL },
    /* counted people are descriptions */
    { "一名网约车司机", "一名网约车司机", NULL },
    { "一位环卫工人", "一位环卫工人", NULL },
    /* a job at an organisation is a title, also after another title and 、 */
    { "某物流公司员工盘海军", "盘海军", "某物流公司员工" },
    { "市政协委员、某机械厂工人旷志华", "旷志华", "市政协委员、某机械厂工人" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *speaker = NULL;
      g_autofree char *role = NULL;

      g_assert_true (zr_quotes_parse_speaker (cases[i].phrase, &speaker, &role));
      g_assert_cmpstr (speaker, ==, cases[i].speaker);
      g_assert_cmpstr (role, ==, cases[i].role);
    }
  /* a clause ending in a surname-like word is no one */
  g_assert_false (zr_quotes_parse_speaker ("会议明确", NULL, NULL));
}

static void
test_action_before_verb (void)
{
  const char *paras[] = {
    "面馆老板娘邬桂芝拍了拍围裙上的面粉说：“早上六点开门，八点前最忙。”",
    "“汤是用筒子骨熬的，要熬一整夜。”阳晓峰不好意思地说。",
    "“下个月我们还要开第二家店。”柏志军擦了擦桌子说。",
    NULL
  };
  g_autoptr(ZrRecord) r = NULL;
  g_autoptr(GPtrArray) q = extract (paras, &r);

  g_assert_cmpuint (q->len, ==, 3);
  assert_quote (r, q, 0, 0, "早上六点开门，八点前最忙。", "邬桂芝", "面馆老板娘");
  /* not cut short by the adverb (阳晓, 柏志军擦) */
  assert_quote (r, q, 1, 1, "汤是用筒子骨熬的，要熬一整夜。", "阳晓峰", NULL);
  assert_quote (r, q, 2, 2, "下个月我们还要开第二家店。", "柏志军", NULL);
}

static void
test_pronoun_narrative_gender (void)
{
  const char *paras[] = {
    "醴陵市的老瓷匠黎守成今年七十三岁，仍天天守在窑边。",
    "他常对来学艺的年轻人说：“泥要揉透，火要看准。”",
    "九岁的孙女黎梦琪也爱上了拉坯。“我想做一个和爷爷一样好看的花瓶。”她说。",
    "谈起孙女，黎守成的眼里满是笑意。",
    NULL
  };
  g_autoptr(ZrRecord) r = NULL;
  g_autoptr(GPtrArray) q = extract (paras, &r);

  g_assert_cmpuint (q->len, ==, 2);
  /* named only in the narrative, then 他 */
  assert_quote (r, q, 0, 1, "泥要揉透，火要看准。", "黎守成", NULL);
  assert_quote (r, q, 1, 2, "我想做一个和爷爷一样好看的花瓶。", "黎梦琪", NULL);
}

static void
test_pronoun_gender (void)
{
  const char *paras[] = {
    "社区里，刘奶奶和老伴陈大爷结婚已经五十年。",
    "“他年轻时在车站扛包，从没让家里断过粮。”她说。",
    "“她做的剁辣椒，整栋楼都爱吃。”他笑着说。",
    NULL
  };
  g_autoptr(ZrRecord) r = NULL;
  g_autoptr(GPtrArray) q = extract (paras, &r);

  g_assert_cmpuint (q->len, ==, 2);
  assert_quote (r, q, 0, 1, "他年轻时在车站扛包，从没让家里断过粮。", "刘奶奶", NULL);
  assert_quote (r, q, 1, 2, "她做的剁辣椒，整栋楼都爱吃。", "陈大爷", NULL);
}

static void
test_previous_sentence (void)
{
  const char *paras[] = {
    "区文旅局局长奉建明表示，今年将新建三处口袋公园。“明年春天，市民就能在家门口赏花了。”",
    "街道负责人介绍，改造已完成一半。“工期比预想的要紧。”施工队长龚建新说。",
    "他说：“先把路修好。”随后大家开始讨论。“钱从哪里来？”",
    NULL
  };
  g_autoptr(ZrRecord) r = NULL;
  g_autoptr(GPtrArray) q = extract (paras, &r);

  g_assert_cmpuint (q->len, ==, 4);
  /* the attribution stands in the sentence before */
  assert_quote (r, q, 0, 0, "明年春天，市民就能在家门口赏花了。", "奉建明", "区文旅局局长");
  /* …unless the quote names its own speaker */
  assert_quote (r, q, 1, 1, "工期比预想的要紧。", "龚建新", "施工队长");
  assert_quote (r, q, 2, 2, "先把路修好。", "龚建新", "施工队长");
  /* a sentence that is not an attribution gives no one */
  assert_quote (r, q, 3, 2, "钱从哪里来？", NULL, NULL);
}

static void
test_empty (void)
{
  g_autoptr(ZrRecord) r = zr_record_new (ZR_RECORD_KIND_ARTICLE);
  g_autoptr(GPtrArray) q = zr_quotes_extract (r);
  g_autoptr(GPtrArray) q2 = zr_quotes_extract (NULL);

  g_assert_cmpuint (q->len, ==, 0);
  g_assert_cmpuint (q2->len, ==, 0);
}

/* Reads the real pages when they are there: every quote's offsets hold its text. */
static void
test_corpus_offsets (void)
{
  const char *dir = g_getenv ("ZR_CORPUS_DIR");
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint total = 0;

  if (dir == NULL || (d = g_dir_open (dir, 0, NULL)) == NULL)
    {
      g_test_skip ("ZR_CORPUS_DIR not set or not readable");
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr(ZrPage) page = NULL;

      if (!g_str_has_suffix (name, ".txt") || !g_file_get_contents (path, &text, NULL, NULL))
        continue;
      page = zr_page_parse (text);
      for (guint i = 0; i < page->records->len; i++)
        {
          const ZrRecord *rec = g_ptr_array_index (page->records, i);
          g_autoptr(GPtrArray) quotes = zr_quotes_extract (rec);

          for (guint k = 0; k < quotes->len; k++)
            {
              const ZrQuote *q = g_ptr_array_index (quotes, k);
              const ZrParagraph *p = g_ptr_array_index (rec->paragraphs, q->paragraph);
              g_autofree char *slice = g_utf8_substring (p->text, q->start, q->end);

              g_assert_cmpstr (slice, ==, q->text);
              g_assert_cmpstr (q->text, !=, "建宁驿站");
              total++;
            }
        }
    }
  g_assert_cmpuint (total, >, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/quotes/after-verb", test_after_verb);
  g_test_add_func ("/core/quotes/before-verb-and-colon", test_before_verb_and_colon);
  g_test_add_func ("/core/quotes/pronoun-and-remembered-role", test_pronoun_and_remembered_role);
  g_test_add_func ("/core/quotes/descriptions", test_descriptions);
  g_test_add_func ("/core/quotes/voice-statements", test_voice_statements);
  g_test_add_func ("/core/quotes/not-statements", test_not_statements);
  g_test_add_func ("/core/quotes/hard-negatives", test_hard_negatives);
  g_test_add_func ("/core/quotes/nested-and-consecutive", test_nested_and_consecutive);
  g_test_add_func ("/core/quotes/unbalanced", test_unbalanced);
  g_test_add_func ("/core/quotes/speaker-two-sentences-later", test_speaker_two_sentences_later);
  g_test_add_func ("/core/quotes/paragraph-break", test_paragraph_break);
  g_test_add_func ("/core/quotes/ascii-and-corner-marks", test_ascii_and_corner_marks);
  g_test_add_func ("/core/quotes/first-person-and-subject", test_first_person_and_subject);
  g_test_add_func ("/core/quotes/parse-speaker", test_parse_speaker);
  g_test_add_func ("/core/quotes/unfamiliar-descriptions", test_unfamiliar_descriptions);
  g_test_add_func ("/core/quotes/action-before-verb", test_action_before_verb);
  g_test_add_func ("/core/quotes/pronoun-narrative", test_pronoun_narrative_gender);
  g_test_add_func ("/core/quotes/pronoun-gender", test_pronoun_gender);
  g_test_add_func ("/core/quotes/previous-sentence", test_previous_sentence);
  g_test_add_func ("/core/quotes/empty", test_empty);
  g_test_add_func ("/core/quotes/corpus-offsets", test_corpus_offsets);
  return g_test_run ();
}
