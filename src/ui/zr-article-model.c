/* zr-article-model.c: a lazy GListModel over the ids of a filter
 *
 * Only the ids of the filter are held; a row's summary is read from the
 * library when the list asks for it, and a small cache keeps the rows
 * around the visible ones. A library of 200,000 articles costs 1.6 MB of
 * ids, not 200,000 objects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-article-item.h"
#include "zr-article-model.h"

#define CACHE_SIZE 256

struct _ZrArticleModel
{
  GObject     parent_instance;
  ZrLibrary  *library;
  GArray     *ids;
  GHashTable *snippets;    /* gint64* → char* */
  GHashTable *cache;       /* position → ZrArticleItem */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ZrArticleModel, zr_article_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
zr_article_model_get_item_type (GListModel *model)
{
  return ZR_TYPE_ARTICLE_ITEM;
}

static guint
zr_article_model_get_n_items (GListModel *model)
{
  ZrArticleModel *self = ZR_ARTICLE_MODEL (model);

  return self->ids->len;
}

static gpointer
zr_article_model_get_item (GListModel *model,
                           guint       position)
{
  ZrArticleModel *self = ZR_ARTICLE_MODEL (model);
  g_autoptr(ZrArticleSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  ZrArticleItem *item;
  const char *snippet = NULL;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  item = g_hash_table_lookup (self->cache, GUINT_TO_POINTER (position));
  if (item != NULL)
    return g_object_ref (item);

  id = g_array_index (self->ids, gint64, position);
  if (self->library != NULL)
    summary = zr_library_get_summary (self->library, id, &error);
  if (summary == NULL && error != NULL)
    g_debug ("Could not read article %" G_GINT64_FORMAT ": %s", id, error->message);
  if (self->snippets != NULL)
    snippet = g_hash_table_lookup (self->snippets, &id);

  item = zr_article_item_new (id, summary, snippet);

  if (g_hash_table_size (self->cache) >= CACHE_SIZE)
    g_hash_table_remove_all (self->cache);
  g_hash_table_insert (self->cache, GUINT_TO_POINTER (position), g_object_ref (item));

  return item;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = zr_article_model_get_item_type;
  iface->get_n_items = zr_article_model_get_n_items;
  iface->get_item = zr_article_model_get_item;
}

static void
zr_article_model_dispose (GObject *object)
{
  ZrArticleModel *self = (ZrArticleModel *) object;

  g_clear_object (&self->library);
  g_hash_table_remove_all (self->cache);

  G_OBJECT_CLASS (zr_article_model_parent_class)->dispose (object);
}

static void
zr_article_model_finalize (GObject *object)
{
  ZrArticleModel *self = (ZrArticleModel *) object;

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->snippets, g_hash_table_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);

  G_OBJECT_CLASS (zr_article_model_parent_class)->finalize (object);
}

static void
zr_article_model_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ZrArticleModel *self = ZR_ARTICLE_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zr_article_model_class_init (ZrArticleModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zr_article_model_dispose;
  object_class->finalize = zr_article_model_finalize;
  object_class->get_property = zr_article_model_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zr_article_model_init (ZrArticleModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
}

ZrArticleModel *
zr_article_model_new (ZrLibrary *library)
{
  ZrArticleModel *self = g_object_new (ZR_TYPE_ARTICLE_MODEL, NULL);

  g_set_object (&self->library, library);
  return self;
}

void
zr_article_model_set_library (ZrArticleModel *self,
                              ZrLibrary      *library)
{
  g_return_if_fail (ZR_IS_ARTICLE_MODEL (self));

  if (g_set_object (&self->library, library))
    {
      g_autoptr(GArray) empty = g_array_new (FALSE, FALSE, sizeof (gint64));
      zr_article_model_set_ids (self, empty, NULL);
    }
}

void
zr_article_model_set_ids (ZrArticleModel *self,
                          GArray         *ids,
                          GHashTable     *snippets)
{
  guint old_len;

  g_return_if_fail (ZR_IS_ARTICLE_MODEL (self));
  g_return_if_fail (ids != NULL);

  old_len = self->ids->len;
  g_array_unref (self->ids);
  self->ids = g_array_ref (ids);
  g_clear_pointer (&self->snippets, g_hash_table_unref);
  if (snippets != NULL)
    self->snippets = g_hash_table_ref (snippets);
  g_hash_table_remove_all (self->cache);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, ids->len);
  if (old_len != ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

gint64
zr_article_model_get_id (ZrArticleModel *self,
                         guint           position)
{
  g_return_val_if_fail (ZR_IS_ARTICLE_MODEL (self), -1);

  if (position >= self->ids->len)
    return -1;
  return g_array_index (self->ids, gint64, position);
}

guint
zr_article_model_find (ZrArticleModel *self,
                       gint64          id)
{
  g_return_val_if_fail (ZR_IS_ARTICLE_MODEL (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;
  return G_MAXUINT;
}
