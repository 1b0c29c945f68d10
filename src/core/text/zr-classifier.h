/* zr-classifier.h: districts and topics of a record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "zr-record.h"

G_BEGIN_DECLS

#define ZR_DISTRICT_CITY  "市级"
#define ZR_DISTRICT_OTHER "外地"

typedef struct
{
  char   *name;
  double  weight;
  gboolean is_primary;
} ZrLabel;

ZrLabel *zr_label_new  (const char *name,
                        double      weight,
                        gboolean    is_primary);
void     zr_label_free (ZrLabel    *label);

typedef struct
{
  char      *district;     /* primary: one of the nine, 市级 or 外地 */
  GPtrArray *districts;    /* element-type ZrLabel: every district mentioned (primary included) */
  char      *topic;        /* primary topic */
  GPtrArray *topics;       /* element-type ZrLabel: every topic given (primary included) */
  char      *why_json;     /* evidence as a JSON object {"district":…,"topics":…} */
} ZrClassification;

void zr_classification_free (ZrClassification *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZrClassification, zr_classification_free)

#define ZR_TYPE_CLASSIFIER (zr_classifier_get_type ())
G_DECLARE_FINAL_TYPE (ZrClassifier, zr_classifier, ZR, CLASSIFIER, GObject)

/* The nine districts in the paper's usual order, then 市级, 外地. */
const char * const *zr_classifier_list_districts (void);
/* The fourteen topics of DESIGN.md §4, in order. */
const char * const *zr_classifier_list_topics    (void);
/* Both lists above come from the default data (see
 * zr_classifier_new_default()), loaded once per process; these two give the
 * lists of one classifier's own data. */
const char * const *zr_classifier_get_districts  (ZrClassifier *self);
const char * const *zr_classifier_get_topics     (ZrClassifier *self);

/* Loads the gazetteer and topic lexicon built into the core library
 * (data/gazetteer/), or the files named by $ZR_GAZETTEER and $ZR_TOPICS. */
ZrClassifier     *zr_classifier_new_default (GError          **error);
ZrClassifier     *zr_classifier_new_from_files (GFile          *gazetteer,
                                                GFile          *topics,
                                                GError        **error);
/* The contents of a gazetteer and a topics file (GKeyFile text, see
 * data/gazetteer/README.md). */
ZrClassifier     *zr_classifier_new_from_bytes (GBytes         *gazetteer,
                                                GBytes         *topics,
                                                GError        **error);
ZrClassification *zr_classifier_classify   (ZrClassifier     *self,
                                            const ZrRecord   *record);
/* With @with_evidence FALSE, why_json stays NULL: the import and
 * reclassification store only the decision, and the evidence is worked
 * out again when an article is opened. */
ZrClassification *zr_classifier_classify_full (ZrClassifier   *self,
                                               const ZrRecord *record,
                                               gboolean        with_evidence);
/* A stable digest of the loaded data, to tell when reclassifying is due. */
const char       *zr_classifier_get_data_version (ZrClassifier *self);

G_END_DECLS
