/* zr-classifier.c: districts and topics of a record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-classifier.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zr-core-resources.h"
#include "zr-error.h"
#include "zr-json.h"
#include "zr-lexicon.h"

/* Everything about the city lives in the two data files (gazetteer and topic
 * lexicon, data/gazetteer/); this file only knows how to weigh evidence:
 * a term found in the column label weighs more than one in the headline,
 * which weighs more than one in the first paragraph, and so on. */

#define RESOURCE_DIR       "/io/github/zhuzhou/Reader/core/gazetteer/"
#define GAZETTEER_GROUP    "Gazetteer"
#define CITY_GROUP         "City"
#define OUTSIDE_GROUP      "Outside"
#define IGNORE_GROUP       "Ignore"
#define TOPICS_GROUP       "Topics"
/* why_json is shown when an article is opened: keep it to the evidence that decided. */
#define MAX_EVIDENCE       12

typedef enum
{
  WHERE_COLUMN,
  WHERE_HEADLINE,
  WHERE_KICKER,
  WHERE_DATELINE,
  WHERE_FIRST,
  WHERE_BODY,
  WHERE_CAPTION,
  N_WHERE
} Where;

/* Key in the data files, name in why_json, default weights for places and
 * for topic words. */
static const struct
{
  const char *key;
  const char *name;
  double      place;
  double      topic;
} where_info[N_WHERE] = {
  { "Column",   "column",   8, 3 },
  { "Headline", "headline", 6, 4 },
  { "Kicker",   "kicker",   4, 3 },
  { "Dateline", "dateline", 3, 1 },
  { "First",    "first",    2, 1.5 },
  { "Body",     "body",     1, 1 },
  { "Caption",  "caption",  0.5, 0.5 },
};

struct _ZrClassifier
{
  GObject    parent_instance;

  /* Places: labels 0 … n_divisions-1 are the divisions, then the city, the
   * outside and the ignored terms. */
  ZrLexicon *places;
  GPtrArray *district_names;     /* divisions, 市级, 外地, NULL */
  guint      n_divisions;
  double     place_weight[N_WHERE];
  double     margin;
  double     outside_factor;

  ZrLexicon *words;
  GPtrArray *topic_names;        /* topics, NULL */
  int        notice_topic;       /* -1: none */
  double     topic_weight[N_WHERE];
  double     min_score;
  double     secondary;
  guint      max_topics;

  char      *data_version;
};

G_DEFINE_FINAL_TYPE (ZrClassifier, zr_classifier, G_TYPE_OBJECT)

static inline guint
city_label (ZrClassifier *self)
{
  return self->n_divisions;
}

static inline guint
outside_label (ZrClassifier *self)
{
  return self->n_divisions + 1;
}

static inline guint
ignore_label (ZrClassifier *self)
{
  return self->n_divisions + 2;
}

static void
zr_classifier_finalize (GObject *object)
{
  ZrClassifier *self = ZR_CLASSIFIER (object);

  g_clear_pointer (&self->places, zr_lexicon_free);
  g_clear_pointer (&self->words, zr_lexicon_free);
  g_clear_pointer (&self->district_names, g_ptr_array_unref);
  g_clear_pointer (&self->topic_names, g_ptr_array_unref);
  g_clear_pointer (&self->data_version, g_free);

  G_OBJECT_CLASS (zr_classifier_parent_class)->finalize (object);
}

static void
zr_classifier_class_init (ZrClassifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zr_classifier_finalize;
}

static void
zr_classifier_init (ZrClassifier *self)
{
  self->places = zr_lexicon_new ();
  self->words = zr_lexicon_new ();
  self->district_names = g_ptr_array_new_with_free_func (g_free);
  self->topic_names = g_ptr_array_new_with_free_func (g_free);
  self->notice_topic = -1;
}

ZrLabel *
zr_label_new (const char *name,
              double      weight,
              gboolean    is_primary)
{
  ZrLabel *label = g_new0 (ZrLabel, 1);

  label->name = g_strdup (name);
  label->weight = weight;
  label->is_primary = !!is_primary;
  return label;
}

void
zr_label_free (ZrLabel *label)
{
  if (label == NULL)
    return;
  g_free (label->name);
  g_free (label);
}

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

/* Loading */

static gboolean
parse_term (const char  *item,
            char       **term,
            double      *weight)
{
  g_autofree char *copy = g_strstrip (g_strdup (item));
  char *colon = strrchr (copy, ':');

  *weight = 1.0;
  if (colon != NULL && colon != copy)
    {
      char *end = NULL;
      double w = g_ascii_strtod (colon + 1, &end);

      if (end != colon + 1 && *end == '\0' && w >= 0)
        {
          *weight = w;
          *colon = '\0';
        }
    }
  if (*copy == '\0' || !g_utf8_validate (copy, -1, NULL))
    return FALSE;
  *term = g_steal_pointer (&copy);
  return TRUE;
}

/* Adds every term of every key of @group with @label. */
static void
add_group_terms (ZrLexicon  *lexicon,
                 GKeyFile   *file,
                 const char *group,
                 const char *only_key,
                 guint       label)
{
  g_auto(GStrv) keys = g_key_file_get_keys (file, group, NULL, NULL);

  for (guint k = 0; keys && keys[k]; k++)
    {
      g_auto(GStrv) items = NULL;

      if (only_key != NULL && strcmp (keys[k], only_key) != 0)
        continue;
      items = g_key_file_get_string_list (file, group, keys[k], NULL, NULL);
      for (guint i = 0; items && items[i]; i++)
        {
          g_autofree char *term = NULL;
          double weight;

          if (parse_term (items[i], &term, &weight))
            zr_lexicon_insert (lexicon, term, label, weight);
        }
    }
}

static void
read_weights (GKeyFile   *file,
              const char *group,
              double     *weights,
              gboolean    for_places)
{
  for (guint w = 0; w < N_WHERE; w++)
    {
      g_autoptr(GError) error = NULL;
      double value = g_key_file_get_double (file, group, where_info[w].key, &error);

      weights[w] = error == NULL && value >= 0
                   ? value
                   : (for_places ? where_info[w].place : where_info[w].topic);
    }
}

static double
read_double (GKeyFile   *file,
             const char *group,
             const char *key,
             double      fallback)
{
  g_autoptr(GError) error = NULL;
  double value = g_key_file_get_double (file, group, key, &error);

  return error == NULL ? value : fallback;
}

static gboolean
load_gazetteer (ZrClassifier  *self,
                GBytes        *bytes,
                GError       **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) divisions = NULL;

  if (!g_key_file_load_from_bytes (file, bytes, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, ZR_DATA_ERROR, ZR_DATA_ERROR_INVALID,
                   _("The gazetteer is not a valid key file: %s"), local_error->message);
      return FALSE;
    }

  divisions = g_key_file_get_string_list (file, GAZETTEER_GROUP, "Divisions", NULL, NULL);
  if (divisions == NULL || divisions[0] == NULL)
    {
      g_set_error (error, ZR_DATA_ERROR, ZR_DATA_ERROR_INVALID,
                   _("The gazetteer names no divisions (key “Divisions” in group “%s”)"),
                   GAZETTEER_GROUP);
      return FALSE;
    }

  for (guint i = 0; divisions[i]; i++)
    {
      g_strstrip (divisions[i]);
      if (*divisions[i] == '\0' || !g_key_file_has_group (file, divisions[i]))
        {
          g_set_error (error, ZR_DATA_ERROR, ZR_DATA_ERROR_INVALID,
                       _("The gazetteer has no group for the division “%s”"), divisions[i]);
          return FALSE;
        }
      g_ptr_array_add (self->district_names, g_strdup (divisions[i]));
    }
  self->n_divisions = self->district_names->len;
  g_ptr_array_add (self->district_names, g_strdup (ZR_DISTRICT_CITY));
  g_ptr_array_add (self->district_names, g_strdup (ZR_DISTRICT_OTHER));
  g_ptr_array_add (self->district_names, NULL);

  /* The division's own name always counts, whatever its group lists. */
  for (guint i = 0; i < self->n_divisions; i++)
    {
      zr_lexicon_insert (self->places, divisions[i], i, 1.0);
      add_group_terms (self->places, file, divisions[i], NULL, i);
    }

  add_group_terms (self->places, file, CITY_GROUP, "Terms", city_label (self));
  {
    g_auto(GStrv) prefixes = g_key_file_get_string_list (file, CITY_GROUP, "Prefixes", NULL, NULL);
    g_auto(GStrv) organs = g_key_file_get_string_list (file, CITY_GROUP, "Organs", NULL, NULL);

    for (guint p = 0; prefixes && prefixes[p]; p++)
      for (guint o = 0; organs && organs[o]; o++)
        {
          g_autofree char *organ = NULL;
          g_autofree char *term = NULL;
          double weight;

          if (!parse_term (organs[o], &organ, &weight))
            continue;
          term = g_strconcat (g_strstrip (prefixes[p]), organ, NULL);
          zr_lexicon_insert (self->places, term, city_label (self), weight);
        }
  }
  add_group_terms (self->places, file, OUTSIDE_GROUP, NULL, outside_label (self));
  add_group_terms (self->places, file, IGNORE_GROUP, "Terms", ignore_label (self));

  read_weights (file, GAZETTEER_GROUP, self->place_weight, TRUE);
  self->margin = read_double (file, GAZETTEER_GROUP, "Margin", 1.25);
  self->outside_factor = read_double (file, GAZETTEER_GROUP, "OutsideFactor", 1.5);
  return TRUE;
}

static gboolean
load_topics (ZrClassifier  *self,
             GBytes        *bytes,
             GError       **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) topics = NULL;
  g_autofree char *notice = NULL;

  if (!g_key_file_load_from_bytes (file, bytes, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, ZR_DATA_ERROR, ZR_DATA_ERROR_INVALID,
                   _("The topic lexicon is not a valid key file: %s"), local_error->message);
      return FALSE;
    }

  topics = g_key_file_get_string_list (file, TOPICS_GROUP, "Topics", NULL, NULL);
  if (topics == NULL || topics[0] == NULL)
    {
      g_set_error (error, ZR_DATA_ERROR, ZR_DATA_ERROR_INVALID,
                   _("The topic lexicon names no topics (key “Topics” in group “%s”)"),
                   TOPICS_GROUP);
      return FALSE;
    }

  notice = g_key_file_get_string (file, TOPICS_GROUP, "Notice", NULL);
  if (notice)
    g_strstrip (notice);

  for (guint i = 0; topics[i]; i++)
    {
      g_strstrip (topics[i]);
      if (*topics[i] == '\0' || !g_key_file_has_group (file, topics[i]))
        {
          g_set_error (error, ZR_DATA_ERROR, ZR_DATA_ERROR_INVALID,
                       _("The topic lexicon has no group for the topic “%s”"), topics[i]);
          return FALSE;
        }
      if (notice && strcmp (notice, topics[i]) == 0)
        self->notice_topic = i;
      g_ptr_array_add (self->topic_names, g_strdup (topics[i]));
      add_group_terms (self->words, file, topics[i], "Words", i);
    }
  g_ptr_array_add (self->topic_names, NULL);

  read_weights (file, TOPICS_GROUP, self->topic_weight, FALSE);
  self->min_score = read_double (file, TOPICS_GROUP, "MinScore", 2);
  self->secondary = read_double (file, TOPICS_GROUP, "Secondary", 0.5);
  self->max_topics = (guint) CLAMP (read_double (file, TOPICS_GROUP, "MaxTopics", 3), 1, 100);
  return TRUE;
}

ZrClassifier *
zr_classifier_new_from_bytes (GBytes  *gazetteer,
                              GBytes  *topics,
                              GError **error)
{
  g_autoptr(ZrClassifier) self = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  const guchar *data;
  gsize size;

  g_return_val_if_fail (gazetteer != NULL, NULL);
  g_return_val_if_fail (topics != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ZR_TYPE_CLASSIFIER, NULL);
  if (!load_gazetteer (self, gazetteer, error) || !load_topics (self, topics, error))
    return NULL;

  /* The digest covers both files, each prefixed by its length so that no two
   * different pairs of files give the same stream. */
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  data = g_bytes_get_data (gazetteer, &size);
  {
    guint64 len = GUINT64_TO_LE ((guint64) size);
    g_checksum_update (checksum, (const guchar *) &len, sizeof len);
    g_checksum_update (checksum, data, size);
  }
  data = g_bytes_get_data (topics, &size);
  {
    guint64 len = GUINT64_TO_LE ((guint64) size);
    g_checksum_update (checksum, (const guchar *) &len, sizeof len);
    g_checksum_update (checksum, data, size);
  }
  self->data_version = g_strdup (g_checksum_get_string (checksum));

  return g_steal_pointer (&self);
}

ZrClassifier *
zr_classifier_new_from_files (GFile   *gazetteer,
                              GFile   *topics_file,
                              GError **error)
{
  g_autoptr(GBytes) gazetteer_bytes = NULL;
  g_autoptr(GBytes) topics_bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (gazetteer), NULL);
  g_return_val_if_fail (G_IS_FILE (topics_file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  gazetteer_bytes = g_file_load_bytes (gazetteer, NULL, NULL, error);
  if (gazetteer_bytes == NULL)
    return NULL;
  topics_bytes = g_file_load_bytes (topics_file, NULL, NULL, error);
  if (topics_bytes == NULL)
    return NULL;
  return zr_classifier_new_from_bytes (gazetteer_bytes, topics_bytes, error);
}

static GBytes *
load_default (const char  *env,
              const char  *resource,
              GError     **error)
{
  const char *path = g_getenv (env);

  if (path != NULL && *path != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      return g_file_load_bytes (file, NULL, NULL, error);
    }
  return g_resource_lookup_data (zr_core_get_resource (), resource,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

ZrClassifier *
zr_classifier_new_default (GError **error)
{
  g_autoptr(GBytes) gazetteer = NULL;
  g_autoptr(GBytes) topics = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  gazetteer = load_default ("ZR_GAZETTEER", RESOURCE_DIR "gazetteer.ini", error);
  if (gazetteer == NULL)
    return NULL;
  topics = load_default ("ZR_TOPICS", RESOURCE_DIR "topics.ini", error);
  if (topics == NULL)
    return NULL;
  return zr_classifier_new_from_bytes (gazetteer, topics, error);
}

/* The default classifier, kept for the whole process to answer the static
 * list functions. */
static ZrClassifier *
get_shared (void)
{
  static ZrClassifier *shared = NULL;

  if (g_once_init_enter (&shared))
    {
      ZrClassifier *c = zr_classifier_new_default (NULL);

      if (c == NULL)
        {
          /* Unreadable data: an empty classifier still lists 市级 and 外地. */
          c = g_object_new (ZR_TYPE_CLASSIFIER, NULL);
          g_ptr_array_add (c->district_names, g_strdup (ZR_DISTRICT_CITY));
          g_ptr_array_add (c->district_names, g_strdup (ZR_DISTRICT_OTHER));
          g_ptr_array_add (c->district_names, NULL);
          g_ptr_array_add (c->topic_names, NULL);
          c->data_version = g_strdup ("");
        }
      g_once_init_leave (&shared, c);
    }
  return shared;
}

const char * const *
zr_classifier_list_districts (void)
{
  return zr_classifier_get_districts (get_shared ());
}

const char * const *
zr_classifier_list_topics (void)
{
  return zr_classifier_get_topics (get_shared ());
}

const char * const *
zr_classifier_get_districts (ZrClassifier *self)
{
  g_return_val_if_fail (ZR_IS_CLASSIFIER (self), NULL);
  return (const char * const *) self->district_names->pdata;
}

const char * const *
zr_classifier_get_topics (ZrClassifier *self)
{
  g_return_val_if_fail (ZR_IS_CLASSIFIER (self), NULL);
  return (const char * const *) self->topic_names->pdata;
}

const char *
zr_classifier_get_data_version (ZrClassifier *self)
{
  g_return_val_if_fail (ZR_IS_CLASSIFIER (self), NULL);
  return self->data_version;
}

/* Classifying */

typedef struct
{
  const char *term;     /* points into the record's text */
  gsize       len;
  guint       label;
  Where       where;
  guint       count;
  double      weight;   /* sum over the mentions */
} Evidence;

typedef struct
{
  const double *position_weight;
  guint         skip_label;   /* matches with this label carry no evidence */
  Where         where;
  double       *scores;
  GArray       *evidence;     /* Evidence */
} Scan;

static void
on_match (const char *start,
          gsize       len,
          guint       label,
          double      weight,
          gpointer    user_data)
{
  Scan *scan = user_data;
  double w = weight * scan->position_weight[scan->where];
  Evidence *e;
  Evidence fresh = { start, len, label, scan->where, 1, w };

  if (label == scan->skip_label || w <= 0)
    return;

  scan->scores[label] += w;
  for (guint i = 0; i < scan->evidence->len; i++)
    {
      e = &g_array_index (scan->evidence, Evidence, i);
      if (e->label == label && e->where == scan->where && e->len == len
          && memcmp (e->term, start, len) == 0)
        {
          e->count++;
          e->weight += w;
          return;
        }
    }
  g_array_append_val (scan->evidence, fresh);
}

static void
scan_record (ZrLexicon      *lexicon,
             Scan           *scan,
             const ZrRecord *record)
{
  gboolean first = TRUE;

#define SCAN_FIELD(text, w) \
  G_STMT_START { \
    if ((text) != NULL) \
      { \
        scan->where = (w); \
        zr_lexicon_scan (lexicon, (text), -1, on_match, scan); \
      } \
  } G_STMT_END

  SCAN_FIELD (record->column, WHERE_COLUMN);
  SCAN_FIELD (record->headline, WHERE_HEADLINE);
  SCAN_FIELD (record->kicker, WHERE_KICKER);
  SCAN_FIELD (record->dateline, WHERE_DATELINE);

  for (guint i = 0; record->paragraphs && i < record->paragraphs->len; i++)
    {
      const ZrParagraph *p = g_ptr_array_index (record->paragraphs, i);
      Where w;

      if (p->kind == ZR_PARAGRAPH_KIND_CAPTION)
        w = WHERE_CAPTION;
      else if (first)
        w = WHERE_FIRST;
      else
        w = WHERE_BODY;
      /* Subheads are body text here: they name what the part is about, but
       * the headline already weighs for the whole story. */
      if (p->kind == ZR_PARAGRAPH_KIND_BODY)
        first = FALSE;
      SCAN_FIELD (p->text, w);
    }

#undef SCAN_FIELD
}

static int
compare_evidence (gconstpointer a,
                  gconstpointer b)
{
  const Evidence *ea = a;
  const Evidence *eb = b;

  if (ea->weight != eb->weight)
    return ea->weight > eb->weight ? -1 : 1;
  return (int) ea->where - (int) eb->where;
}

static void
write_evidence (ZrJson             *json,
                GArray             *evidence,
                const char * const *names)
{
  g_array_sort (evidence, compare_evidence);
  zr_json_key (json, "evidence");
  zr_json_begin_array (json);
  for (guint i = 0; i < evidence->len && i < MAX_EVIDENCE; i++)
    {
      const Evidence *e = &g_array_index (evidence, Evidence, i);
      g_autofree char *term = g_strndup (e->term, e->len);

      zr_json_begin_object (json);
      zr_json_key (json, "term");
      zr_json_string (json, term);
      zr_json_key (json, "label");
      zr_json_string (json, names[e->label]);
      zr_json_key (json, "where");
      zr_json_string (json, where_info[e->where].name);
      zr_json_key (json, "count");
      zr_json_int (json, e->count);
      zr_json_key (json, "weight");
      zr_json_double (json, e->weight);
      zr_json_end_object (json);
    }
  zr_json_end_array (json);
}

static void
write_scores (ZrJson             *json,
              const double       *scores,
              guint               n,
              const char * const *names)
{
  zr_json_key (json, "scores");
  zr_json_begin_object (json);
  for (guint i = 0; i < n; i++)
    if (scores[i] > 0)
      {
        zr_json_key (json, names[i]);
        zr_json_double (json, scores[i]);
      }
  zr_json_end_object (json);
}

/* Which label has the best score, among @n; -1 if none is above zero.
 * Ties go to the earlier label. */
static int
best_of (const double *scores,
         guint         n,
         int           except)
{
  int best = -1;

  for (guint i = 0; i < n; i++)
    if ((int) i != except && scores[i] > 0 && (best < 0 || scores[i] > scores[best]))
      best = i;
  return best;
}

static gboolean
has_strong_evidence (GArray *evidence,
                     guint   label)
{
  for (guint i = 0; i < evidence->len; i++)
    {
      const Evidence *e = &g_array_index (evidence, Evidence, i);

      if (e->label == label
          && (e->where == WHERE_COLUMN || e->where == WHERE_HEADLINE || e->where == WHERE_KICKER))
        return TRUE;
    }
  return FALSE;
}

/* Decides the primary district; returns its label and the rule applied. */
static guint
decide_district (ZrClassifier  *self,
                 gboolean       notice,
                 const double  *scores,
                 GArray        *evidence,
                 const char   **rule)
{
  guint n = self->n_divisions;
  double city = scores[city_label (self)];
  double outside = scores[outside_label (self)];
  double local = city;
  int top = best_of (scores, n, -1);
  int second = top >= 0 ? best_of (scores, n, top) : -1;

  for (guint i = 0; i < n; i++)
    local += scores[i];

  if (local <= 0 && outside <= 0)
    {
      *rule = "no place named: citywide";
      return city_label (self);
    }
  if (notice && (top < 0 || !has_strong_evidence (evidence, top)))
    {
      /* A list of classified notices is the whole city's, whatever place
       * one line of it names. */
      *rule = "notice: citywide unless its column or headline names a district";
      return city_label (self);
    }
  if (outside > self->outside_factor * local)
    {
      *rule = "places outside the city outweigh the city";
      return outside_label (self);
    }
  if (top < 0 || scores[top] < city)
    {
      *rule = "citywide bodies and words outweigh any one district";
      return city_label (self);
    }
  if (second >= 0 && scores[top] < self->margin * scores[second]
      && !(has_strong_evidence (evidence, top) && !has_strong_evidence (evidence, second)))
    {
      *rule = "no single district stands out";
      return city_label (self);
    }
  *rule = "district with the most weighted mentions";
  return top;
}

ZrClassification *
zr_classifier_classify (ZrClassifier   *self,
                        const ZrRecord *record)
{
  return zr_classifier_classify_full (self, record, TRUE);
}

ZrClassification *
zr_classifier_classify_full (ZrClassifier   *self,
                             const ZrRecord *record,
                             gboolean        with_evidence)
{
  ZrClassification *c;
  guint n_labels;
  guint n_topics;
  double *place_scores;
  double *topic_scores;
  g_autoptr(GArray) place_evidence = NULL;
  g_autoptr(GArray) topic_evidence = NULL;
  Scan scan;
  guint primary;
  const char *district_rule;
  const char *topic_rule;
  const char * const *district_names;
  const char * const *topic_names;
  int topic = -1;
  ZrJson *json;

  g_return_val_if_fail (ZR_IS_CLASSIFIER (self), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  district_names = zr_classifier_get_districts (self);
  topic_names = zr_classifier_get_topics (self);
  n_labels = self->n_divisions + 2;
  n_topics = self->topic_names->len - 1;
  place_scores = g_newa (double, n_labels + 1);
  topic_scores = g_newa (double, n_topics + 1);
  memset (place_scores, 0, sizeof (double) * (n_labels + 1));
  memset (topic_scores, 0, sizeof (double) * (n_topics + 1));
  place_evidence = g_array_new (FALSE, FALSE, sizeof (Evidence));
  topic_evidence = g_array_new (FALSE, FALSE, sizeof (Evidence));

  scan.position_weight = self->place_weight;
  scan.skip_label = ignore_label (self);
  scan.scores = place_scores;
  scan.evidence = place_evidence;
  scan_record (self->places, &scan, record);

  scan.position_weight = self->topic_weight;
  scan.skip_label = G_MAXUINT;
  scan.scores = topic_scores;
  scan.evidence = topic_evidence;
  scan_record (self->words, &scan, record);

  c = g_new0 (ZrClassification, 1);

  /* District: the primary first, then every division mentioned, most
   * weight first. 市级 and 外地 are listed only as the primary. */
  primary = decide_district (self, record->kind == ZR_RECORD_KIND_NOTICE, place_scores, place_evidence, &district_rule);
  c->district = g_strdup (district_names[primary]);
  c->districts = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_label_free);
  g_ptr_array_add (c->districts, zr_label_new (c->district, place_scores[primary], TRUE));
  {
    double *rest = g_newa (double, self->n_divisions + 1);
    int next;

    memcpy (rest, place_scores, sizeof (double) * self->n_divisions);
    if (primary < self->n_divisions)
      rest[primary] = 0;
    while ((next = best_of (rest, self->n_divisions, -1)) >= 0)
      {
        g_ptr_array_add (c->districts, zr_label_new (district_names[next], rest[next], FALSE));
        rest[next] = 0;
      }
  }

  /* Topics: a notice is a notice; otherwise the best-scoring topic, and the
   * others that come close enough. */
  c->topics = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_label_free);
  if (record->kind == ZR_RECORD_KIND_NOTICE && self->notice_topic >= 0)
    {
      topic = self->notice_topic;
      topic_rule = "notice";
      g_ptr_array_add (c->topics, zr_label_new (topic_names[topic],
                                                topic_scores[topic], TRUE));
    }
  else if ((topic = best_of (topic_scores, n_topics, -1)) >= 0)
    {
      double *rest = g_newa (double, n_topics + 1);
      double floor = MAX (self->min_score, self->secondary * topic_scores[topic]);
      int next;

      topic_rule = "topic with the most weighted words";
      g_ptr_array_add (c->topics, zr_label_new (topic_names[topic], topic_scores[topic], TRUE));
      memcpy (rest, topic_scores, sizeof (double) * n_topics);
      rest[topic] = 0;
      while (c->topics->len < self->max_topics
             && (next = best_of (rest, n_topics, -1)) >= 0
             && rest[next] >= floor)
        {
          g_ptr_array_add (c->topics, zr_label_new (topic_names[next], rest[next], FALSE));
          rest[next] = 0;
        }
    }
  else
    topic_rule = "no topic word found";
  c->topic = topic >= 0 ? g_strdup (topic_names[topic]) : NULL;

  if (!with_evidence)
    return c;

  json = zr_json_new (FALSE);
  zr_json_begin_object (json);
  zr_json_key (json, "district");
  zr_json_begin_object (json);
  zr_json_key (json, "primary");
  zr_json_string (json, c->district);
  zr_json_key (json, "rule");
  zr_json_string (json, district_rule);
  write_scores (json, place_scores, n_labels, district_names);
  write_evidence (json, place_evidence, district_names);
  zr_json_end_object (json);
  zr_json_key (json, "topics");
  zr_json_begin_object (json);
  zr_json_key (json, "primary");
  zr_json_string (json, c->topic);
  zr_json_key (json, "rule");
  zr_json_string (json, topic_rule);
  write_scores (json, topic_scores, n_topics, topic_names);
  write_evidence (json, topic_evidence, topic_names);
  zr_json_end_object (json);
  zr_json_end_object (json);
  c->why_json = zr_json_steal (json);

  return c;
}
