/* zr-classifier.c  (STUB: to be replaced by the districts and topics work)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-classifier.h"

struct _ZrClassifier
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (ZrClassifier, zr_classifier, G_TYPE_OBJECT)

static const char *districts[] = {
  "荷塘区", "芦淞区", "石峰区", "天元区", "渌口区", "醴陵市", "攸县", "茶陵县", "炎陵县",
  ZR_DISTRICT_CITY, ZR_DISTRICT_OTHER, NULL
};

static const char *topics[] = {
  "城市管理", "基层治理", "党建", "文明创建", "政务服务", "产业经济", "公共安全",
  "市场监管", "教育", "文化旅游", "交通出行", "农业农村", "医疗卫生", "公告", NULL
};

static void zr_classifier_class_init (ZrClassifierClass *klass) { }
static void zr_classifier_init (ZrClassifier *self) { }

void
zr_classification_free (ZrClassification *c)
{
  if (c == NULL)
    return;
  g_free (c->district);
  g_clear_pointer (&c->districts, g_ptr_array_unref);
  g_free (c->topic);
  g_clear_pointer (&c->topics, g_ptr_array_unref);
  g_free (c->why_json);
  g_free (c);
}

const char * const *
zr_classifier_list_districts (void)
{
  return districts;
}

const char * const *
zr_classifier_list_topics (void)
{
  return topics;
}

ZrClassifier *
zr_classifier_new_default (GError **error)
{
  return g_object_new (ZR_TYPE_CLASSIFIER, NULL);
}

ZrClassifier *
zr_classifier_new_from_files (GFile   *gazetteer,
                              GFile   *topics_file,
                              GError **error)
{
  return g_object_new (ZR_TYPE_CLASSIFIER, NULL);
}

ZrClassification *
zr_classifier_classify (ZrClassifier   *self,
                        const ZrRecord *record)
{
  ZrClassification *c = g_new0 (ZrClassification, 1);
  c->district = g_strdup (ZR_DISTRICT_CITY);
  c->districts = g_ptr_array_new ();
  c->topics = g_ptr_array_new ();
  c->why_json = g_strdup ("{}");
  return c;
}

const char *
zr_classifier_get_data_version (ZrClassifier *self)
{
  return "stub";
}
