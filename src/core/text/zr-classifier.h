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
  char      *why_stored;   /* the deciding evidence in a compact form, to store */
} ZrClassification;

void  zr_classification_free            (ZrClassification *c);
/* The JSON object ({"district":…,"topics":…}, as why_json but holding only
 * the deciding evidence) of a stored why_stored; NULL if @stored is not one. */
char *zr_classification_why_from_stored (const char       *stored);
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

/* Loads the gazetteer and the topic lexicon: each from the file named by
 * $ZR_GAZETTEER (resp. $ZR_TOPICS), else from the user's own file (see
 * zr_classifier_get_user_file()) when there is one, else the one built into
 * the core library (data/gazetteer/). An error names the file at fault. */
ZrClassifier     *zr_classifier_new_default (GError          **error);
/* $XDG_DATA_HOME/zhuzhou-reader/gazetteer/@name (gazetteer.ini or
 * topics.ini): where a user's own file replaces the built-in one. */
char             *zr_classifier_get_user_file (const char     *name);
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
 * reclassification store the decision and why_stored, which is what
 * explains it when an article is opened. */
ZrClassification *zr_classifier_classify_full (ZrClassifier   *self,
                                               const ZrRecord *record,
                                               gboolean        with_evidence);
/* A stable digest of the loaded data, to tell when reclassifying is due. */
const char       *zr_classifier_get_data_version (ZrClassifier *self);

G_END_DECLS
