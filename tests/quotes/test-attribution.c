/* test-attribution.c: who said a quote, one test per form of issue #14
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every text here is written fresh in the paper's style. Each test names the
 * form it checks; the speaker must be a person's name, a description of a
 * person, or NULL, never a fragment of the sentence around the quote.
 */
#include "config.h"

#include "zr-page-parser.h"
#include "zr-quotes.h"

static ZrRecord *
make_record (const char * const *paragraphs)
{
  ZrRecord *r = zr_record_new (ZR_RECORD_KIND_ARTICLE);

  for (guint i = 0; paragraphs[i]; i++)
    g_ptr_array_add (r->paragraphs, zr_paragraph_new (ZR_PARAGRAPH_KIND_BODY, paragraphs[i], -1));
  return r;
}

/* The quote whose text is @text: exactly one, with that speaker. */
static void
assert_said (GPtrArray  *quotes,
             const char *text,
             const char *speaker)
{
  const ZrQuote *found = NULL;

  for (guint i = 0; i < quotes->len; i++)
    {
      const ZrQuote *q = g_ptr_array_index (quotes, i);
      if (g_strcmp0 (q->text, text) == 0)
        {
          g_assert_null (found);
          found = q;
        }
    }
  if (found == NULL)
    g_error ("no quote “%s” among %u", text, quotes->len);
  g_assert_cmpstr (found->speaker, ==, speaker);
}

static GPtrArray *
extract (const char * const *paragraphs)
{
  g_autoptr(ZrRecord) r = make_record (paragraphs);
  return zr_quotes_extract (r);
}

/* 区委书记X强调，…，“…”: the verb ends an earlier clause of the sentence. */
static void
test_role_name_earlier_clause (void)
{
  const char *paras[] = {
    "芦淞区委书记邝学文强调，背街小巷改造要问需于民，不能只图好看，“群众说好才是真的好。”",
    "市生态环境局副局长尹红霞表示，今年已完成十二处排污口整治，下一步将扩大监测范围，“发现一处、整改一处，绝不留死角。”",
    NULL
  };
  g_autoptr(GPtrArray) q = extract (paras);

  g_assert_cmpuint (q->len, ==, 2);
  assert_said (q, "群众说好才是真的好。", "邝学文");
  assert_said (q, "发现一处、整改一处，绝不留死角。", "尹红霞");
}

/* X指出，开展“某某”，…，“…”: a quoted term in between does not hide the
 * speaker, but words someone else said do. */
static void
test_earlier_clause_over_terms (void)
{
  const char *paras[] = {
    "县文旅局相关负责人指出，推出“一票通游”，就是想让游客多留一晚，“住下来，消费才能跟上来。”",
    NULL
  };
  g_autoptr(GPtrArray) q = extract (paras);

  g_assert_cmpuint (q->len, ==, 1);
  assert_said (q, "住下来，消费才能跟上来。", "县文旅局相关负责人");
}

/* “…”张某说 and “…，”王某说，“…。”: after the quote, and split quotes. */
static void
test_name_after_and_split (void)
{
  const char *paras[] = {
    "“今年的油菜花比往年开得早半个月。”种植户聂秋生说。",
    "“合作社统一收购，价格心里有底，”聂秋生说，“明年还打算多种二十亩。”",
    "“好的，”站长贝小云说，“我们马上派人去看。”",
    NULL
  };
  g_autoptr(GPtrArray) q = extract (paras);

  g_assert_cmpuint (q->len, ==, 5);
  assert_said (q, "今年的油菜花比往年开得早半个月。", "聂秋生");
  assert_said (q, "合作社统一收购，价格心里有底，", "聂秋生");
  assert_said (q, "明年还打算多种二十亩。", "聂秋生");
  assert_said (q, "好的，", "贝小云");
  assert_said (q, "我们马上派人去看。", "贝小云");
}

/* “…”at the head of a paragraph, its speaker named by the next sentence. */
static void
test_lead_quote_next_sentence (void)
{
  const char *paras[] = {
    "“叔叔，这个垃圾该扔进哪个桶？”周六上午，在天元区一个小区的分类亭旁，环保志愿者雷晓婷耐心地给孩子们讲解。",
    "“孩子在这里写完作业再回家，我们下班也放心。”傍晚六点，一位来接孩子的家长站在门口说起了托管班的好处。",
    "“排了半天队，结果材料还差一样。”在一家银行网点，刚办完业务的市民翟女士有些无奈。",
    NULL
  };
  g_autoptr(GPtrArray) q = extract (paras);

  g_assert_cmpuint (q->len, ==, 3);
  assert_said (q, "叔叔，这个垃圾该扔进哪个桶？", "雷晓婷");
  assert_said (q, "孩子在这里写完作业再回家，我们下班也放心。", "一位来接孩子的家长");
  assert_said (q, "排了半天队，结果材料还差一样。", "翟女士");
}

/* 他/她 resolved to the last person named, 该负责人 to the last described. */
static void
test_pronouns_and_described_role (void)
{
  const char *paras[] = {
    "在车间里做质检员的卜雪莲，已经在这家厂干了十一年。",
    "“每一个零件都要对着光看三遍。”她说，这是师傅教她的第一课。",
    "车间主任冷建峰正带着工人调试新设备。他告诉记者，自动化改造后效率提高了四成。“以前一个班要二十个人，现在八个人就够了。”他说。",
    "市工信局相关负责人介绍，全市已有四十多家企业完成智能化改造。",
    "对此，该负责人表示，明年还将设立专项资金，“让中小企业改得起、用得好。”",
    NULL
  };
  g_autoptr(GPtrArray) q = extract (paras);

  g_assert_cmpuint (q->len, ==, 3);
  assert_said (q, "每一个零件都要对着光看三遍。", "卜雪莲");
  assert_said (q, "以前一个班要二十个人，现在八个人就够了。", "冷建峰");
  assert_said (q, "让中小企业改得起、用得好。", "市工信局相关负责人");
}

/* Groups speak too: 村民们, 市民, 瓜农们. */
static void
test_group_speakers (void)
{
  const char *paras[] = {
    "“路灯一亮，晚上出来散步的人都多了。”村民们说。",
    "“希望公交能再开晚一点，加班回家就不用打车了。”不少市民建议。",
    "“雨水再多几天，瓜就要裂了。”果农们最担心的还是天气。",
    NULL
  };
  g_autoptr(GPtrArray) q = extract (paras);

  g_assert_cmpuint (q->len, ==, 3);
  assert_said (q, "路灯一亮，晚上出来散步的人都多了。", "村民们");
  assert_said (q, "希望公交能再开晚一点，加班回家就不用打车了。", "不少市民");
  assert_said (q, "雨水再多几天，瓜就要裂了。", "果农们");
}

/* Nobody named: the speaker is NULL, not a word of the sentence. */
static void
test_null_when_nobody_named (void)
{
  const char *paras[] = {
    "活动现场气氛热烈。“这样的活动以后要多办几场！”人群中不时传来这样的声音。",
    "墙上的意见簿里写满了留言。“食堂的菜再便宜一点就好了。”",
    NULL
  };
  g_autoptr(GPtrArray) q = extract (paras);

  g_assert_cmpuint (q->len, ==, 2);
  assert_said (q, "这样的活动以后要多办几场！", NULL);
  assert_said (q, "食堂的菜再便宜一点就好了。", NULL);
}

/* Never a fragment: 帮员工解决住宿 names no 解决住, 街道 is no 'X道', a
 * thing pointed at is not the speaker, 告诉记者 is no part of a name. */
static void
test_never_a_fragment (void)
{
  const char *paras[] = {
    "厂里建起了员工公寓，还开通了通勤班车，帮员工解决住宿和出行难题。",
    "“离家近，工资也不比外面低。”她说，身边不少同学也回来了。",
    "“夜里巡逻，心里才踏实。”晚上十点，茨菇塘街道一条老巷里，网格员龚天佑打着手电走过来。",
    "非遗传承人、陶艺大师卞庆丰放下刻刀，捧起一只刚上好釉的花瓶说：“这一窑要烧三十个小时。”",
    "市自来水公司客服中心负责人告诉记者：“停水通知会提前两天发到各小区。”居民如有疑问可拨打热线。",
    NULL
  };
  g_autoptr(GPtrArray) q = extract (paras);

  g_assert_cmpuint (q->len, ==, 4);
  assert_said (q, "离家近，工资也不比外面低。", NULL);
  assert_said (q, "夜里巡逻，心里才踏实。", "龚天佑");
  assert_said (q, "这一窑要烧三十个小时。", "卞庆丰");
  /* the quote ends at its closing mark */
  assert_said (q, "停水通知会提前两天发到各小区。", "市自来水公司客服中心负责人");
}

/* After the quote: the person doing something while speaking, the subject
 * of a relative clause that 他 then stands for, a speech verb that is a
 * word of its own (问题 has no 问 in it). */
static void
test_after_quote_clauses (void)
{
  const char *paras[] = {
    "“原来蚕宝宝是吃桑叶长大的！”一名小学生捧着刚领到的蚕盒开心地说。",
    "“以前周末只会睡懒觉，现在天天盼着来馆里帮忙。”在图书馆做志愿者的聂晓川是队伍里年纪最小的“馆员”，他说，这里让他找到了乐趣。",
    "“能不能把开放时间延长到晚上九点，”有读者提议，“下班过来也能借书。”",
    "“路修好了，出行方便多了。”解决好群众出行问题，是今年的重点工作。",
    NULL
  };
  g_autoptr(GPtrArray) q = extract (paras);

  g_assert_cmpuint (q->len, ==, 5);
  assert_said (q, "原来蚕宝宝是吃桑叶长大的！", "一名小学生");
  assert_said (q, "以前周末只会睡懒觉，现在天天盼着来馆里帮忙。", "聂晓川");
  assert_said (q, "能不能把开放时间延长到晚上九点，", "读者");
  assert_said (q, "下班过来也能借书。", "读者");
  assert_said (q, "路修好了，出行方便多了。", NULL);
}

/* A name after 的 is the speaker when nothing else in the clause is
 * (在路口指挥交通的X告诉记者), and one met after a place (某镇的X) is who a
 * later 他 means; 告诉记者 is never part of the speaker. */
static void
test_names_after_de (void)
{
  const char *paras[] = {
    "“早高峰车多，我们六点半就到岗了。”在路口指挥交通的邹敏告诉记者。",
    "攸县酒埠江镇的盘振宇今年六十八岁，做了一辈子竹编。",
    "他常对来学手艺的年轻人说：“篾片要削得匀，编出来才好看。”",
    NULL
  };
  g_autoptr(GPtrArray) q = extract (paras);

  g_assert_cmpuint (q->len, ==, 2);
  assert_said (q, "早高峰车多，我们六点半就到岗了。", "邹敏");
  assert_said (q, "篾片要削得匀，编出来才好看。", "盘振宇");
}

/* Whom the sentence before is about speaks next, 她 finds the subject of a
 * sentence before it, and who is spoken to is not the speaker. */
static void
test_sentence_subjects (void)
{
  const char *paras[] = {
    "合唱团的发起人、退休医生聂慧芬今年七十五岁。“唱了二十年，嗓子没变，人倒是越唱越年轻。”说起合唱团，老人满脸笑意。",
    "在街口修了三十年鞋的卢红梅，每天六点准时出摊。“手艺人就得守得住。”她说。",
    "几名放学的孩子跑过修鞋摊，回头冲着卢红梅喊：“阿姨，明天见！”",
    "市总工会副主席柏志坚表示，下一步将为户外劳动者建设更多驿站。",
    "他说，大家商量着办，事情就好办多了。“驿站要建在大家用得着的地方。”",
    NULL
  };
  g_autoptr(GPtrArray) q = extract (paras);

  g_assert_cmpuint (q->len, ==, 4);
  assert_said (q, "唱了二十年，嗓子没变，人倒是越唱越年轻。", "聂慧芬");
  assert_said (q, "手艺人就得守得住。", "卢红梅");
  assert_said (q, "阿姨，明天见！", "几名放学的孩子");
  assert_said (q, "驿站要建在大家用得着的地方。", "柏志坚");
}

/* 老/小 + surname after who they are: 队员小贺, 市民老李. */
static void
test_familiar_names (void)
{
  const char *paras[] = {
    "巡逻队员小贺告诉记者：“每天收摊后我们还要再走一遍。”",
    "“这碗米粉我吃了十几年。”退休工人老蒋说。",
    NULL
  };
  g_autoptr(GPtrArray) q = extract (paras);

  g_assert_cmpuint (q->len, ==, 2);
  assert_said (q, "每天收摊后我们还要再走一遍。", "小贺");
  assert_said (q, "这碗米粉我吃了十几年。", "老蒋");
}

/* 有居民希望…，“…”: a wish names who speaks; a sign's words are no quote. */
static void
test_wish_and_sign (void)
{
  const char *paras[] = {
    "不少家长也有自己的想法。有家长希望学校把午休时间再延长一些，“孩子中午睡不够，下午上课没精神。”",
    "驿站门口贴着一行字：“雨天可进来歇脚，充电免费。”",
    NULL
  };
  g_autoptr(GPtrArray) q = extract (paras);

  g_assert_cmpuint (q->len, ==, 1);
  assert_said (q, "孩子中午睡不够，下午上课没精神。", "家长");
}

/* 【声音】 lines may set who they are and the name apart with a space. */
static void
test_voice_with_space (void)
{
  ZrRecord *r = zr_record_new (ZR_RECORD_KIND_ARTICLE);
  g_autoptr(ZrRecord) record = r;
  g_autoptr(GPtrArray) q = NULL;

  g_ptr_array_add (r->paragraphs, zr_paragraph_new (ZR_PARAGRAPH_KIND_BODY, "【声音】", -1));
  g_ptr_array_add (r->paragraphs, zr_paragraph_new (ZR_PARAGRAPH_KIND_BODY,
                   "家长 焦明轩：孩子放学有地方去，我们下班再接，一点也不慌了。", -1));
  g_ptr_array_add (r->paragraphs, zr_paragraph_new (ZR_PARAGRAPH_KIND_BODY,
                   "社区主任 邰春兰：下学期我们还要再招二十名志愿者。", -1));
  q = zr_quotes_extract (r);

  g_assert_cmpuint (q->len, ==, 2);
  assert_said (q, "孩子放学有地方去，我们下班再接，一点也不慌了。", "焦明轩");
  assert_said (q, "下学期我们还要再招二十名志愿者。", "邰春兰");
  g_assert_cmpstr (((ZrQuote *) g_ptr_array_index (q, 1))->role, ==, "社区主任");
}

/* Q&A: the interviewee's answers are quotes, the reporter's questions are
 * not, and a quote inside an answer belongs to whoever said it. */
static void
test_interview (void)
{
  const char *paras[] = {
    "近日，记者专访了市文化馆馆长詹慧琳。",
    "记者：今年的群众文化活动有什么新变化？",
    "詹慧琳：我们把舞台搬到了社区和村里，全年计划演出三百场，让大家在家门口就能看戏。",
    "记者：演员从哪里来？",
    "詹慧琳：很多是群众自己。有位退休教师跟我说：“我们自己演，自己看，比什么都开心。”这话让我很受触动。",
    NULL
  };
  g_autoptr(GPtrArray) q = extract (paras);

  g_assert_cmpuint (q->len, ==, 3);
  assert_said (q, "我们把舞台搬到了社区和村里，全年计划演出三百场，让大家在家门口就能看戏。", "詹慧琳");
  assert_said (q, "很多是群众自己。有位退休教师跟我说：“我们自己演，自己看，比什么都开心。”这话让我很受触动。",
               "詹慧琳");
  assert_said (q, "我们自己演，自己看，比什么都开心。", "有位退休教师");
}

/* 带动三百多户农户增收 names no 农户增; 她 is still the woman named before. */
static void
test_counted_households (void)
{
  const char *paras[] = {
    "县农业农村局副局长车秀兰说，全县新建大棚四百个，带动三百多户农户增收。她告诉记者：“明年还要再建一批冷库。”",
    NULL
  };
  g_autoptr(GPtrArray) q = extract (paras);

  g_assert_cmpuint (q->len, ==, 1);
  assert_said (q, "明年还要再建一批冷库。", "车秀兰");
}

/* 问：/答： interviews: 答 is the person interviewed, whose title does not
 * take in the words before it (记者采访了…). */
static void
test_interview_questions_answers (void)
{
  const char *paras[] = {
    "记者日前采访了市林业局副局长晏立东。",
    "问：今年冬季森林防火有什么新举措？",
    "答：我们在重点林区新装了八十个监控探头，发现烟点十分钟内就能报警。",
    NULL
  };
  g_autoptr(ZrRecord) r = make_record (paras);
  g_autoptr(GPtrArray) q = zr_quotes_extract (r);

  g_assert_cmpuint (q->len, ==, 1);
  assert_said (q, "我们在重点林区新装了八十个监控探头，发现烟点十分钟内就能报警。", "晏立东");
  g_assert_cmpstr (((ZrQuote *) g_ptr_array_index (q, 0))->role, ==, "市林业局副局长");
}

/* Words that open by calling someone are not that person's; a subject
 * after a quoted term is still found. */
static void
test_addressed_and_terms (void)
{
  const char *paras[] = {
    "客户隗总皱起了眉头，我心里也没底。“隗总，价格真的不能再降了。”",
    "“电梯什么时候能修好？”“晚上能不能多开一盏灯？”12月3日晚，在一个小区的“楼栋议事会”上，住户们你一言我一语。",
    NULL
  };
  g_autoptr(GPtrArray) q = extract (paras);

  g_assert_cmpuint (q->len, ==, 3);
  assert_said (q, "隗总，价格真的不能再降了。", NULL);
  assert_said (q, "电梯什么时候能修好？", "住户们");
  assert_said (q, "晚上能不能多开一盏灯？", "住户们");
}

/* 是68岁的老支书X, 村民X说: a name after words telling who the person is
 * runs to the verb or the mark, even when a character of it is rarely in a
 * name (长, 月, 中); the title stays out of the name. */
static void
test_name_after_description (void)
{
  const char *paras[] = {
    "“桥修通了，娃娃们上学再也不用绕远路！”讲这番话的，是68岁的老支书谭长生。站在桥头，他望着河水出了神。",
    "“我当了一辈子支书，这件事不带头说不过去。”他说。",
    "退休教师邹建中说：“孩子们的毛笔字一年比一年写得好。”",
    NULL
  };
  g_autoptr(GPtrArray) q = extract (paras);
  g_autofree char *speaker = NULL;
  g_autofree char *role = NULL;

  g_assert_cmpuint (q->len, ==, 3);
  assert_said (q, "桥修通了，娃娃们上学再也不用绕远路！", "谭长生");
  assert_said (q, "我当了一辈子支书，这件事不带头说不过去。", "谭长生");
  assert_said (q, "孩子们的毛笔字一年比一年写得好。", "邹建中");

  g_assert_true (zr_quotes_parse_speaker ("老支书谭长生", &speaker, &role));
  g_assert_cmpstr (speaker, ==, "谭长生");
  g_assert_cmpstr (role, ==, "老支书");
  g_clear_pointer (&speaker, g_free);
  g_clear_pointer (&role, g_free);
  /* a title is still no name */
  g_assert_true (zr_quotes_parse_speaker ("公司董事长", &speaker, &role));
  g_assert_cmpstr (speaker, ==, "公司董事长");
}

/* Rare surnames (盘, 庹, 禤, 瑶) and given names ending in 月: the whole
 * name, not two characters of it. */
static void
test_rare_surnames (void)
{
  const char *paras[] = {
    "“今年的油茶籽比去年多收了两成。”盘秋月说。",
    "庹红英说：“合作社的账每个月都贴在墙上。”",
    "“山上的竹子也能变成钱。”禤海涛告诉记者。",
    "瑶族绣娘瑶春梅说：“一件花衣要绣上三个月。”",
    NULL
  };
  g_autoptr(GPtrArray) q = extract (paras);

  g_assert_cmpuint (q->len, ==, 4);
  assert_said (q, "今年的油茶籽比去年多收了两成。", "盘秋月");
  assert_said (q, "合作社的账每个月都贴在墙上。", "庹红英");
  assert_said (q, "山上的竹子也能变成钱。", "禤海涛");
  assert_said (q, "一件花衣要绣上三个月。", "瑶春梅");
}

/* “…”在某地，27岁的X正为游客讲解: the speaker of a lead quote named later
 * in the sentence, after a place (also right after the dateline); and 书记X当场…，并强调，…，“…”: the
 * subject of the sentence's first clause, when the verb's clause has none. */
static void
test_speaker_later_in_sentence (void)
{
  const char *paras[] = {
    "“这口古井啊，养活了好几代人……”在渌口区一处老街的石牌坊下，31岁的土家族姑娘彭晓雯正为研学的孩子们讲解。",
    "株洲日报讯（全媒体记者 柳青山）“水渠修到了田边，心里就踏实了……”在白关镇新修的灌溉渠旁，62岁的种粮大户符满堂蹲下身子摸了摸渠水。",
    "一家陶瓷企业反映，出口订单的退税迟迟没有到账。县委书记龚振华当场请税务部门负责人核实，并强调，企业的难处就是我们的难处，“今天能办的今天办，办不了的限期办结。”",
    NULL
  };
  g_autoptr(GPtrArray) q = extract (paras);

  g_assert_cmpuint (q->len, ==, 3);
  assert_said (q, "这口古井啊，养活了好几代人……", "彭晓雯");
  assert_said (q, "水渠修到了田边，心里就踏实了……", "符满堂");
  assert_said (q, "今天能办的今天办，办不了的限期办结。", "龚振华");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/quotes/attribution/role-name-earlier-clause", test_role_name_earlier_clause);
  g_test_add_func ("/core/quotes/attribution/earlier-clause-over-terms", test_earlier_clause_over_terms);
  g_test_add_func ("/core/quotes/attribution/name-after-and-split", test_name_after_and_split);
  g_test_add_func ("/core/quotes/attribution/lead-quote-next-sentence", test_lead_quote_next_sentence);
  g_test_add_func ("/core/quotes/attribution/pronouns-and-described-role", test_pronouns_and_described_role);
  g_test_add_func ("/core/quotes/attribution/group-speakers", test_group_speakers);
  g_test_add_func ("/core/quotes/attribution/null-when-nobody-named", test_null_when_nobody_named);
  g_test_add_func ("/core/quotes/attribution/never-a-fragment", test_never_a_fragment);
  g_test_add_func ("/core/quotes/attribution/after-quote-clauses", test_after_quote_clauses);
  g_test_add_func ("/core/quotes/attribution/sentence-subjects", test_sentence_subjects);
  g_test_add_func ("/core/quotes/attribution/familiar-names", test_familiar_names);
  g_test_add_func ("/core/quotes/attribution/names-after-de", test_names_after_de);
  g_test_add_func ("/core/quotes/attribution/wish-and-sign", test_wish_and_sign);
  g_test_add_func ("/core/quotes/attribution/voice-with-space", test_voice_with_space);
  g_test_add_func ("/core/quotes/attribution/counted-households", test_counted_households);
  g_test_add_func ("/core/quotes/attribution/interview", test_interview);
  g_test_add_func ("/core/quotes/attribution/interview-questions-answers", test_interview_questions_answers);
  g_test_add_func ("/core/quotes/attribution/addressed-and-terms", test_addressed_and_terms);
  g_test_add_func ("/core/quotes/attribution/name-after-description", test_name_after_description);
  g_test_add_func ("/core/quotes/attribution/rare-surnames", test_rare_surnames);
  g_test_add_func ("/core/quotes/attribution/speaker-later-in-sentence", test_speaker_later_in_sentence);
  return g_test_run ();
}
