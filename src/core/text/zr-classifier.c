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
  GStrv      street_suffixes;    /* after a place outside: a street of the city */

  /* Topic words: labels 0 … n_topics-1 are the Words of each topic,
   * n_topics … 2·n_topics-1 their Weak words. */
  ZrLexicon *words;
  GPtrArray *topic_names;        /* topics, NULL */
  int        notice_topic;       /* -1: none */
  int        fallback_topic;     /* -1: none */
  double     topic_weight[N_WHERE];
  double     min_score;
  double     secondary;
  guint      max_topics;
  GStrv      organ_suffixes;     /* a topic word right before one is in an organ's name: 城管局 */
  GStrv      not_organs;         /* … unless one of these starts there: 部署 */
  double     organ_factor;       /* … counts this much of its weight */

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
  g_clear_pointer (&self->organ_suffixes, g_strfreev);
  g_clear_pointer (&self->not_organs, g_strfreev);
  g_clear_pointer (&self->topic_names, g_ptr_array_unref);
  g_clear_pointer (&self->data_version, g_free);
  g_clear_pointer (&self->street_suffixes, g_strfreev);

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
  self->fallback_topic = -1;
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
  g_free (c->why_stored);
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
  add_group_terms (self->places, file, IGNORE_GROUP, NULL, ignore_label (self));

  read_weights (file, GAZETTEER_GROUP, self->place_weight, TRUE);
  self->margin = read_double (file, GAZETTEER_GROUP, "Margin", 1.25);
  self->outside_factor = read_double (file, GAZETTEER_GROUP, "OutsideFactor", 1.5);
  self->street_suffixes = g_key_file_get_string_list (file, GAZETTEER_GROUP, "StreetSuffixes", NULL, NULL);
  for (guint i = 0; self->street_suffixes && self->street_suffixes[i]; i++)
    g_strstrip (self->street_suffixes[i]);
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
  g_autofree char *fallback = NULL;
  guint n_topics;

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
  fallback = g_key_file_get_string (file, TOPICS_GROUP, "Fallback", NULL);
  if (fallback)
    g_strstrip (fallback);
  n_topics = g_strv_length (topics);

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
      if (fallback && strcmp (fallback, topics[i]) == 0)
        self->fallback_topic = i;
      g_ptr_array_add (self->topic_names, g_strdup (topics[i]));
    }
  g_ptr_array_add (self->topic_names, NULL);

  /* All Words first: a word listed both as a topic's word and as another's
   * weak word is the first. */
  for (guint i = 0; i < n_topics; i++)
    add_group_terms (self->words, file, topics[i], "Words", i);
  for (guint i = 0; i < n_topics; i++)
    add_group_terms (self->words, file, topics[i], "Weak", n_topics + i);
  /* Longer phrases that hold a topic word but are no evidence of any topic
   * (老党员, 党支部书记 describe a person): matching is leftmost-longest,
   * so they hide the word inside them. */
  add_group_terms (self->words, file, IGNORE_GROUP, NULL, 2 * n_topics);
  /* Without a Fallback of its own the lexicon falls back on its first topic
   * that is not the notices' one: an article always gets a topic. */
  for (guint i = 0; self->fallback_topic < 0 && i < n_topics; i++)
    if ((int) i != self->notice_topic)
      self->fallback_topic = i;

  read_weights (file, TOPICS_GROUP, self->topic_weight, FALSE);
  self->min_score = read_double (file, TOPICS_GROUP, "MinScore", 2);
  self->secondary = read_double (file, TOPICS_GROUP, "Secondary", 0.5);
  self->max_topics = (guint) CLAMP (read_double (file, TOPICS_GROUP, "MaxTopics", 3), 1, 100);
  self->organ_factor = CLAMP (read_double (file, TOPICS_GROUP, "OrganFactor", 1), 0, 1);
  self->organ_suffixes = g_key_file_get_string_list (file, TOPICS_GROUP, "OrganSuffixes", NULL, NULL);
  for (guint i = 0; self->organ_suffixes && self->organ_suffixes[i]; i++)
    g_strstrip (self->organ_suffixes[i]);
  self->not_organs = g_key_file_get_string_list (file, TOPICS_GROUP, "NotOrgans", NULL, NULL);
  for (guint i = 0; self->not_organs && self->not_organs[i]; i++)
    g_strstrip (self->not_organs[i]);
  return TRUE;
}

/* @gazetteer_path, @topics_path: where the files came from, to name them in
 * an error, or NULL */
static ZrClassifier *
new_from_bytes (GBytes      *gazetteer,
                const char  *gazetteer_path,
                GBytes      *topics,
                const char  *topics_path,
                GError     **error)
{
  g_autoptr(ZrClassifier) self = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  const guchar *data;
  gsize size;

  self = g_object_new (ZR_TYPE_CLASSIFIER, NULL);
  if (!load_gazetteer (self, gazetteer, error))
    {
      if (gazetteer_path != NULL)
        g_prefix_error (error, "%s: ", gazetteer_path);
      return NULL;
    }
  if (!load_topics (self, topics, error))
    {
      if (topics_path != NULL)
        g_prefix_error (error, "%s: ", topics_path);
      return NULL;
    }

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
zr_classifier_new_from_bytes (GBytes  *gazetteer,
                              GBytes  *topics,
                              GError **error)
{
  g_return_val_if_fail (gazetteer != NULL, NULL);
  g_return_val_if_fail (topics != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return new_from_bytes (gazetteer, NULL, topics, NULL, error);
}

ZrClassifier *
zr_classifier_new_from_files (GFile   *gazetteer,
                              GFile   *topics_file,
                              GError **error)
{
  g_autoptr(GBytes) gazetteer_bytes = NULL;
  g_autoptr(GBytes) topics_bytes = NULL;
  g_autofree char *gazetteer_name = NULL;
  g_autofree char *topics_name = NULL;

  g_return_val_if_fail (G_IS_FILE (gazetteer), NULL);
  g_return_val_if_fail (G_IS_FILE (topics_file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  gazetteer_bytes = g_file_load_bytes (gazetteer, NULL, NULL, error);
  if (gazetteer_bytes == NULL)
    return NULL;
  topics_bytes = g_file_load_bytes (topics_file, NULL, NULL, error);
  if (topics_bytes == NULL)
    return NULL;
  gazetteer_name = g_file_get_parse_name (gazetteer);
  topics_name = g_file_get_parse_name (topics_file);
  return new_from_bytes (gazetteer_bytes, gazetteer_name, topics_bytes, topics_name, error);
}

/* The file a user put in $XDG_DATA_HOME/zhuzhou-reader/gazetteer/ to
 * replace a built-in one. */
char *
zr_classifier_get_user_file (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);
  return g_build_filename (g_get_user_data_dir (), "zhuzhou-reader", "gazetteer", name, NULL);
}

/* @env names a file, else the user's own file, else the built-in one. */
static GBytes *
load_default (const char  *env,
              const char  *name,
              char       **out_path,
              GError     **error)
{
  const char *path = g_getenv (env);
  g_autofree char *user_path = NULL;
  g_autofree char *resource = NULL;
  GBytes *bytes;

  if (path == NULL || *path == '\0')
    {
      user_path = zr_classifier_get_user_file (name);
      path = g_file_test (user_path, G_FILE_TEST_EXISTS) ? user_path : NULL;
    }
  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      bytes = g_file_load_bytes (file, NULL, NULL, error);
      if (bytes == NULL)
        g_prefix_error (error, "%s: ", path);
      *out_path = g_strdup (path);
      return bytes;
    }
  resource = g_strconcat (RESOURCE_DIR, name, NULL);
  return g_resource_lookup_data (zr_core_get_resource (), resource,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

ZrClassifier *
zr_classifier_new_default (GError **error)
{
  g_autoptr(GBytes) gazetteer = NULL;
  g_autoptr(GBytes) topics = NULL;
  g_autofree char *gazetteer_path = NULL;
  g_autofree char *topics_path = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  gazetteer = load_default ("ZR_GAZETTEER", "gazetteer.ini", &gazetteer_path, error);
  if (gazetteer == NULL)
    return NULL;
  topics = load_default ("ZR_TOPICS", "topics.ini", &topics_path, error);
  if (topics == NULL)
    return NULL;
  return new_from_bytes (gazetteer, gazetteer_path, topics, topics_path, error);
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
  guint         skip_label;     /* matches with this label carry no evidence */
  guint         street_label;   /* matches with this label followed by a street suffix neither */
  const char * const *street_suffixes;
  const char * const *organ_suffixes;  /* a match followed by one … */
  const char * const *not_organs;      /* (but for these) … is part of an organ's name */
  double        organ_factor;          /* … and counts this much */
  gboolean      diminish;       /* the n-th mention of a term counts 1/n */
  Where         where;
  double       *scores;
  GArray       *evidence;       /* Evidence */
} Scan;

static gboolean
is_street (const Scan *scan,
           const char *after)
{
  for (guint i = 0; scan->street_suffixes && scan->street_suffixes[i]; i++)
    if (*scan->street_suffixes[i] != '\0' && g_str_has_prefix (after, scan->street_suffixes[i]))
      return TRUE;
  return FALSE;
}

static gboolean
has_prefix_in (const char         *text,
               const char * const *list)
{
  for (guint i = 0; list && list[i]; i++)
    if (*list[i] != '\0' && g_str_has_prefix (text, list[i]))
      return TRUE;
  return FALSE;
}

/* Whether the match @start … @start + @len stands in an organ's name
 * (区委宣传部, 城管局, 教育部门): such a name says who acts, not
 * what the story is about. A lexicon word that is itself an organ's name
 * (市场监管局) has the weight the lexicon gives it. */
static gboolean
is_organ (const Scan *scan,
          const char *start,
          gsize       len)
{
  const char *after = start + len;

  if (scan->organ_suffixes == NULL)
    return FALSE;
  return has_prefix_in (after, scan->organ_suffixes) && !has_prefix_in (after, scan->not_organs);
}

static void
on_match (const char *start,
          gsize       len,
          guint       label,
          double      weight,
          gpointer    user_data)
{
  Scan *scan = user_data;
  double w = weight * scan->position_weight[scan->where];
  Evidence *e = NULL;
  guint seen = 0;
  Evidence fresh = { start, len, label, scan->where, 1, w };

  if (label == scan->skip_label || w <= 0)
    return;
  /* 北京路 is a street of this city, not Beijing (the scanned texts are
   * nul-terminated, so reading past the match is safe). */
  if (label == scan->street_label && is_street (scan, start + len))
    return;
  if (is_organ (scan, start, len))
    {
      w *= scan->organ_factor;
      if (w <= 0)
        return;
    }
  /* A word said again adds less each time (1, ½, ⅓ …, in the order
   * column, headline … body): one incidental word repeated through the body
   * does not outweigh what the headline and the lead say. */
  for (guint i = 0; i < scan->evidence->len; i++)
    {
      Evidence *other = &g_array_index (scan->evidence, Evidence, i);

      if (other->label == label && other->len == len && memcmp (other->term, start, len) == 0)
        {
          seen += other->count;
          if (other->where == scan->where)
            e = other;
        }
    }
  if (scan->diminish)
    w /= seen + 1;
  scan->scores[label] += w;
  if (e != NULL)
    {
      e->count++;
      e->weight += w;
      return;
    }
  fresh.weight = w;
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

#define STRONG (1u << WHERE_COLUMN | 1u << WHERE_HEADLINE | 1u << WHERE_KICKER)
/* The lead: what the title lines, the dateline and the first paragraph say. */
#define LEAD   (STRONG | 1u << WHERE_DATELINE | 1u << WHERE_FIRST)

/* The weight of the evidence for labels @first … @last that stands in one
 * of the places of @where_mask. */
static double
evidence_weight (GArray *evidence,
                 guint   first,
                 guint   last,
                 guint   where_mask)
{
  double sum = 0;

  for (guint i = 0; i < evidence->len; i++)
    {
      const Evidence *e = &g_array_index (evidence, Evidence, i);

      if (e->label >= first && e->label <= last && (where_mask & (1u << e->where)))
        sum += e->weight;
    }
  return sum;
}

static gboolean
has_strong_evidence (GArray *evidence,
                     guint   label)
{
  return evidence_weight (evidence, label, label, STRONG) > 0;
}

/* The rules, in the order decide_district() and the topics try them. Their
 * index is stored with the evidence (see encode_why()): only ever append. */
static const char * const district_rules[] = {
  "no place named: citywide",
  "notice: citywide unless its column or headline names a district",
  "places outside the city outweigh the city",
  "citywide bodies and words outweigh any one district",
  "no single district stands out",
  "district with the most weighted mentions",
  "a place outside the city in the headline, none of the city's",
};

enum
{
  RULE_NO_PLACE,
  RULE_NOTICE_CITY,
  RULE_OUTSIDE_LEADS,
  RULE_CITY_OUTWEIGHS,
  RULE_NO_DISTRICT_STANDS_OUT,
  RULE_DISTRICT,
  RULE_OUTSIDE_HEADLINE,
};

static const char * const topic_rules[] = {
  "notice",
  "topic with the most weighted words",
  "no topic word found",
  "no topic word: the topic with the most weighted weak words",
  "no topic word at all: the lexicon's fallback topic",
};

enum
{
  TOPIC_RULE_NOTICE,
  TOPIC_RULE_WORDS,
  TOPIC_RULE_NONE,
  TOPIC_RULE_WEAK,
  TOPIC_RULE_FALLBACK,
};

/* Decides the primary district; returns its label and the rule applied. */
static guint
decide_district (ZrClassifier  *self,
                 gboolean       notice,
                 const double  *scores,
                 GArray        *evidence,
                 guint         *rule)
{
  guint n = self->n_divisions;
  double city = scores[city_label (self)];
  double outside = scores[outside_label (self)];
  double local = city;
  int top = best_of (scores, n, -1);
  int second = top >= 0 ? best_of (scores, n, top) : -1;
  gboolean local_strong = evidence_weight (evidence, 0, city_label (self), STRONG) > 0;
  double local_lead = evidence_weight (evidence, 0, city_label (self), LEAD);
  double outside_lead = evidence_weight (evidence, outside_label (self), outside_label (self), LEAD);

  for (guint i = 0; i < n; i++)
    local += scores[i];

  if (local <= 0 && outside <= 0)
    {
      *rule = RULE_NO_PLACE;
      return city_label (self);
    }
  if (notice && (top < 0 || !has_strong_evidence (evidence, top)))
    {
      /* A list of classified notices is the whole city's, whatever place
       * one line of it names. */
      *rule = RULE_NOTICE_CITY;
      return city_label (self);
    }
  /* A story is about a place outside the city when its lead says so: a
   * story of the city that names Changsha in passing, or whose title names
   * the city too (株洲企业赴长沙…), stays in the city. */
  if (!local_strong && outside_lead > 0 && outside_lead >= local_lead)
    {
      if (has_strong_evidence (evidence, outside_label (self)))
        {
          *rule = RULE_OUTSIDE_HEADLINE;
          return outside_label (self);
        }
      if (outside > self->outside_factor * local)
        {
          *rule = RULE_OUTSIDE_LEADS;
          return outside_label (self);
        }
    }
  if (top < 0 || scores[top] < city)
    {
      *rule = RULE_CITY_OUTWEIGHS;
      return city_label (self);
    }
  if (second >= 0 && scores[top] < self->margin * scores[second]
      && !(has_strong_evidence (evidence, top) && !has_strong_evidence (evidence, second)))
    {
      *rule = RULE_NO_DISTRICT_STANDS_OUT;
      return city_label (self);
    }
  *rule = RULE_DISTRICT;
  return top;
}

/* The stored form of the evidence */

/* What zr_library stores beside a record's district and topics: the rule
 * that decided each, the scores of the primary district and its nearest
 * rival and of the topics given, and the heaviest evidence for them. It is what `show` explains, so
 * the explanation always matches the stored decision, whatever data the
 * classifier has loaded since. The form is small text:
 *
 *   "1" "\n" PART "\n" PART             district, then topics
 *   PART  = RULE "|" SCORES "|" ITEMS
 *   SCORES = NAME "=" NUMBER ("," NAME "=" NUMBER)*   (the primary first)
 *   ITEMS = TERM ":" INDEX WHERE ":" WEIGHT [":" COUNT] ("," …)*
 *
 * RULE indexes district_rules or topic_rules, INDEX the SCORES, WHERE is the
 * first letter of a place name (c h k d f b p) and COUNT is left out when 1.
 * Names and terms escape '%' and the separators as %XX. */

#define STORED_VERSION     "1"
#define STORED_SEPARATORS  "%|,:=\n"

static const char where_letters[N_WHERE + 1] = "chkdfbp";

static void
append_escaped (GString    *out,
                const char *text,
                gssize      len)
{
  if (len < 0)
    len = strlen (text);
  for (gssize i = 0; i < len; i++)
    {
      if (text[i] != '\0' && strchr (STORED_SEPARATORS, text[i]) != NULL)
        g_string_append_printf (out, "%%%02X", (guchar) text[i]);
      else
        g_string_append_c (out, text[i]);
    }
}

static void
append_number (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.4g", value));
}

/* @labels: the labels to keep, primary first (-1 for none). The evidence
 * kept is the heaviest two items of the primary and the heaviest of each
 * other label. */
static void
encode_part (GString            *out,
             guint               rule,
             const int          *labels,
             guint               n_labels,
             const double       *scores,
             GArray             *evidence,
             const char * const *names)
{
  guint *kept = g_newa (guint, n_labels);
  gboolean first = TRUE;

  memset (kept, 0, sizeof (guint) * n_labels);
  g_string_append_printf (out, "%u|", rule);
  for (guint i = 0; i < n_labels; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      if (labels[i] >= 0)
        {
          append_escaped (out, names[labels[i]], -1);
          g_string_append_c (out, '=');
          append_number (out, scores[labels[i]]);
        }
      else
        g_string_append_c (out, '=');
    }
  g_string_append_c (out, '|');
  for (guint i = 0; i < evidence->len; i++)
    {
      const Evidence *e = &g_array_index (evidence, Evidence, i);
      guint index;

      for (index = 0; index < n_labels; index++)
        if (labels[index] == (int) e->label)
          break;
      if (index == n_labels || kept[index] >= (index == 0 ? 2u : 1u))
        continue;
      kept[index]++;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      append_escaped (out, e->term, e->len);
      g_string_append_printf (out, ":%u%c:", index, where_letters[e->where]);
      append_number (out, e->weight);
      if (e->count != 1)
        g_string_append_printf (out, ":%u", e->count);
    }
}

static int
label_index (const char * const *names,
             guint               n,
             const char         *name)
{
  for (guint i = 0; i < n; i++)
    if (strcmp (names[i], name) == 0)
      return i;
  g_return_val_if_reached (-1);
}

static char *
unescape (const char *text,
          gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '%' && i + 2 < len
          && g_ascii_isxdigit (text[i + 1]) && g_ascii_isxdigit (text[i + 2]))
        {
          g_string_append_c (out, (char) (g_ascii_xdigit_value (text[i + 1]) * 16
                                          + g_ascii_xdigit_value (text[i + 2])));
          i += 2;
        }
      else
        g_string_append_c (out, text[i]);
    }
  return g_string_free (out, FALSE);
}

static gboolean
parse_number (const char *text,
              double     *value)
{
  char *end = NULL;

  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0';
}

/* Writes one part ("district" or "topics") of the stored form as JSON;
 * FALSE if it is not well formed. */
static gboolean
expand_part (ZrJson             *json,
             const char         *key,
             const char         *part,
             const char * const *rules,
             guint               n_rules)
{
  g_auto(GStrv) fields = g_strsplit (part, "|", -1);
  g_auto(GStrv) scores = NULL;
  g_auto(GStrv) items = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *primary = NULL;
  guint64 rule;

  if (g_strv_length (fields) != 3
      || !g_ascii_string_to_unsigned (fields[0], 10, 0, n_rules - 1, &rule, NULL))
    return FALSE;
  scores = g_strsplit (fields[1], ",", -1);
  items = *fields[2] ? g_strsplit (fields[2], ",", -1) : g_new0 (char *, 1);
  if (scores[0] == NULL)
    return FALSE;

  zr_json_key (json, key);
  zr_json_begin_object (json);
  zr_json_key (json, "primary");
  {
    const char *eq = strchr (scores[0], '=');

    if (eq == NULL)
      return FALSE;
    if (eq != scores[0])
      primary = unescape (scores[0], eq - scores[0]);
    zr_json_string (json, primary);
  }
  zr_json_key (json, "rule");
  zr_json_string (json, rules[rule]);
  zr_json_key (json, "scores");
  zr_json_begin_object (json);
  for (guint i = 0; scores[i]; i++)
    {
      const char *eq = strchr (scores[i], '=');
      double value;

      if (eq == NULL)
        return FALSE;
      g_ptr_array_add (names, eq == scores[i] ? NULL : unescape (scores[i], eq - scores[i]));
      if (eq == scores[i])
        continue;
      if (!parse_number (eq + 1, &value))
        return FALSE;
      if (value > 0)
        {
          zr_json_key (json, g_ptr_array_index (names, i));
          zr_json_double (json, value);
        }
    }
  zr_json_end_object (json);
  zr_json_key (json, "evidence");
  zr_json_begin_array (json);
  for (guint i = 0; items[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (items[i], ":", -1);
      guint n = g_strv_length (f);
      g_autofree char *term = NULL;
      const char *where;
      guint64 index;
      guint64 count = 1;
      double weight;

      if (n < 3 || n > 4 || strlen (f[1]) < 2)
        return FALSE;
      where = strchr (where_letters, f[1][strlen (f[1]) - 1]);
      f[1][strlen (f[1]) - 1] = '\0';
      if (where == NULL || *where == '\0'
          || !g_ascii_string_to_unsigned (f[1], 10, 0, names->len - 1, &index, NULL)
          || g_ptr_array_index (names, index) == NULL
          || !parse_number (f[2], &weight)
          || (n == 4 && !g_ascii_string_to_unsigned (f[3], 10, 1, G_MAXUINT, &count, NULL)))
        return FALSE;
      term = unescape (f[0], strlen (f[0]));
      zr_json_begin_object (json);
      zr_json_key (json, "term");
      zr_json_string (json, term);
      zr_json_key (json, "label");
      zr_json_string (json, g_ptr_array_index (names, index));
      zr_json_key (json, "where");
      zr_json_string (json, where_info[where - where_letters].name);
      zr_json_key (json, "count");
      zr_json_int (json, count);
      zr_json_key (json, "weight");
      zr_json_double (json, weight);
      zr_json_end_object (json);
    }
  zr_json_end_array (json);
  zr_json_end_object (json);
  return TRUE;
}

char *
zr_classification_why_from_stored (const char *stored)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(ZrJson) json = NULL;

  if (stored == NULL || !g_utf8_validate (stored, -1, NULL))
    return NULL;
  parts = g_strsplit (stored, "\n", -1);
  if (g_strv_length (parts) != 3 || strcmp (parts[0], STORED_VERSION) != 0)
    return NULL;

  json = zr_json_new (FALSE);
  zr_json_begin_object (json);
  if (!expand_part (json, "district", parts[1], district_rules, G_N_ELEMENTS (district_rules)) ||
      !expand_part (json, "topics", parts[2], topic_rules, G_N_ELEMENTS (topic_rules)))
    return NULL;
  zr_json_end_object (json);
  return zr_json_steal (g_steal_pointer (&json));
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
  guint district_rule;
  guint topic_rule;
  const char * const *district_names;
  const char * const *topic_names;
  int topic = -1;
  gboolean weak = FALSE;

  g_return_val_if_fail (ZR_IS_CLASSIFIER (self), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  district_names = zr_classifier_get_districts (self);
  topic_names = zr_classifier_get_topics (self);
  n_labels = self->n_divisions + 2;
  n_topics = self->topic_names->len - 1;
  /* places: the labels and the ignored one; topics: Words, then Weak */
  place_scores = g_newa (double, n_labels + 1);
  topic_scores = g_newa (double, 2 * n_topics + 1);
  memset (place_scores, 0, sizeof (double) * (n_labels + 1));
  memset (topic_scores, 0, sizeof (double) * (2 * n_topics + 1));
  place_evidence = g_array_new (FALSE, FALSE, sizeof (Evidence));
  topic_evidence = g_array_new (FALSE, FALSE, sizeof (Evidence));

  scan.position_weight = self->place_weight;
  scan.skip_label = ignore_label (self);
  scan.street_label = outside_label (self);
  scan.street_suffixes = (const char * const *) self->street_suffixes;
  scan.organ_suffixes = NULL;
  scan.not_organs = NULL;
  scan.organ_factor = 1;
  scan.diminish = FALSE;
  scan.scores = place_scores;
  scan.evidence = place_evidence;
  scan_record (self->places, &scan, record);

  scan.position_weight = self->topic_weight;
  scan.skip_label = 2 * n_topics;
  scan.street_label = G_MAXUINT;
  scan.organ_suffixes = (const char * const *) self->organ_suffixes;
  scan.not_organs = (const char * const *) self->not_organs;
  scan.organ_factor = self->organ_factor;
  scan.diminish = TRUE;
  scan.scores = topic_scores;
  scan.evidence = topic_evidence;
  scan_record (self->words, &scan, record);

  g_array_sort (place_evidence, compare_evidence);
  g_array_sort (topic_evidence, compare_evidence);

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
   * others that come close enough. Without any topic word, the weak words
   * decide, and without those the lexicon's fallback: every article gets a
   * topic. */
  c->topics = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_label_free);
  if (record->kind == ZR_RECORD_KIND_NOTICE && self->notice_topic >= 0)
    {
      topic = self->notice_topic;
      topic_rule = TOPIC_RULE_NOTICE;
      g_ptr_array_add (c->topics, zr_label_new (topic_names[topic],
                                                topic_scores[topic], TRUE));
    }
  else if ((topic = best_of (topic_scores, n_topics, -1)) >= 0)
    {
      double *rest = g_newa (double, n_topics + 1);
      double floor = MAX (self->min_score, self->secondary * topic_scores[topic]);
      int next;

      topic_rule = TOPIC_RULE_WORDS;
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
  else if (n_topics > 0)
    {
      /* Weak words only: their scores stand in for the topics' own. */
      weak = TRUE;
      memmove (topic_scores, topic_scores + n_topics, sizeof (double) * n_topics);
      if (self->notice_topic >= 0)
        topic_scores[self->notice_topic] = 0;
      topic = best_of (topic_scores, n_topics, -1);
      topic_rule = TOPIC_RULE_WEAK;
      if (topic < 0)
        {
          topic = self->fallback_topic >= 0 ? self->fallback_topic : 0;
          topic_rule = TOPIC_RULE_FALLBACK;
        }
      g_ptr_array_add (c->topics, zr_label_new (topic_names[topic], topic_scores[topic], TRUE));
    }
  else
    topic_rule = TOPIC_RULE_NONE;
  c->topic = topic >= 0 ? g_strdup (topic_names[topic]) : NULL;
  if (!weak)
    {
      /* the weak words played no part: keep them out of the evidence */
      for (guint i = topic_evidence->len; i-- > 0;)
        if (g_array_index (topic_evidence, Evidence, i).label >= n_topics)
          g_array_remove_index (topic_evidence, i);
    }
  else
    {
      for (guint i = 0; i < topic_evidence->len; i++)
        g_array_index (topic_evidence, Evidence, i).label -= n_topics;
    }

  /* The stored form: the district and its nearest rival; the topics given. */
  {
    GString *out = g_string_new (STORED_VERSION "\n");
    int *labels = g_newa (int, MAX (self->max_topics, 2) + 1);
    double *rest = g_newa (double, n_labels + 1);
    guint n = 0;
    int rival;

    labels[n++] = primary;
    memcpy (rest, place_scores, sizeof (double) * n_labels);
    rest[primary] = 0;
    if ((rival = best_of (rest, n_labels, -1)) >= 0)
      labels[n++] = rival;
    encode_part (out, district_rule, labels, n, place_scores, place_evidence, district_names);
    g_string_append_c (out, '\n');

    n = 0;
    if (topic < 0)
      labels[n++] = -1;
    for (guint i = 0; i < c->topics->len; i++)
      labels[n++] = label_index (topic_names, n_topics,
                                 ((ZrLabel *) g_ptr_array_index (c->topics, i))->name);
    encode_part (out, topic_rule, labels, n, topic_scores, topic_evidence, topic_names);
    c->why_stored = g_string_free (out, FALSE);
  }

  if (!with_evidence)
    return c;

  {
    g_autoptr(ZrJson) json = zr_json_new (FALSE);

    zr_json_begin_object (json);
    zr_json_key (json, "district");
    zr_json_begin_object (json);
    zr_json_key (json, "primary");
    zr_json_string (json, c->district);
    zr_json_key (json, "rule");
    zr_json_string (json, district_rules[district_rule]);
    write_scores (json, place_scores, n_labels, district_names);
    write_evidence (json, place_evidence, district_names);
    zr_json_end_object (json);
    zr_json_key (json, "topics");
    zr_json_begin_object (json);
    zr_json_key (json, "primary");
    zr_json_string (json, c->topic);
    zr_json_key (json, "rule");
    zr_json_string (json, topic_rules[topic_rule]);
    write_scores (json, topic_scores, n_topics, topic_names);
    write_evidence (json, topic_evidence, topic_names);
    zr_json_end_object (json);
    zr_json_end_object (json);
    c->why_json = zr_json_steal (g_steal_pointer (&json));
  }

  return c;
}
