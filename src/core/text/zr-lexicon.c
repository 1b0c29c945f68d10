/* zr-lexicon.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-lexicon.h"

#include <string.h>

/* The trie's nodes are numbers; node 0 is the root. The root's children for
 * characters of the Basic Multilingual Plane sit in a direct table (almost
 * every scanned character is looked up there, most of them in vain); every
 * other edge lives in one open-addressing hash table keyed by (node, char). */

#define ROOT_DIRECT 0x10000
#define NO_VALUE    G_MAXUINT32

typedef struct
{
  guint  label;
  double weight;
} Value;

typedef struct
{
  guint64 key;      /* (node << 21 | char) + 1; 0 = empty slot */
  guint32 child;
} Edge;

struct _ZrLexicon
{
  guint32 *root;    /* ROOT_DIRECT children of the root, 0 = none */
  GArray  *nodes;   /* guint32: index into values, or NO_VALUE */
  GArray  *values;  /* Value */
  Edge    *edges;
  gsize    n_edges;
  gsize    edges_mask; /* capacity - 1, capacity a power of two */
};

static inline guint64
edge_key (guint32  node,
          gunichar c)
{
  return (((guint64) node << 21) | (guint64) c) + 1;
}

static inline gsize
edge_hash (guint64 key)
{
  key *= G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  return (gsize) (key ^ (key >> 29));
}

static guint32
edge_get (const ZrLexicon *self,
          guint32          node,
          gunichar         c)
{
  guint64 key;
  gsize i;

  if (node == 0 && c < ROOT_DIRECT)
    return self->root[c];

  key = edge_key (node, c);
  for (i = edge_hash (key) & self->edges_mask;
       self->edges[i].key != 0;
       i = (i + 1) & self->edges_mask)
    {
      if (self->edges[i].key == key)
        return self->edges[i].child;
    }
  return 0;
}

static void
edges_put (Edge    *edges,
           gsize    mask,
           guint64  key,
           guint32  child)
{
  gsize i;

  for (i = edge_hash (key) & mask; edges[i].key != 0; i = (i + 1) & mask)
    ;
  edges[i].key = key;
  edges[i].child = child;
}

static void
edge_set (ZrLexicon *self,
          guint32    node,
          gunichar   c,
          guint32    child)
{
  if (node == 0 && c < ROOT_DIRECT)
    {
      self->root[c] = child;
      return;
    }

  if ((self->n_edges + 1) * 2 > self->edges_mask + 1)
    {
      gsize capacity = (self->edges_mask + 1) * 2;
      Edge *edges = g_new0 (Edge, capacity);

      for (gsize i = 0; i <= self->edges_mask; i++)
        if (self->edges[i].key != 0)
          edges_put (edges, capacity - 1, self->edges[i].key, self->edges[i].child);
      g_free (self->edges);
      self->edges = edges;
      self->edges_mask = capacity - 1;
    }

  edges_put (self->edges, self->edges_mask, edge_key (node, c), child);
  self->n_edges++;
}

/* Decodes one character of valid UTF-8 at @p; sets *@next past it. */
static inline gunichar
decode (const guchar  *p,
        const guchar **next)
{
  guchar b = p[0];

  if (b < 0x80)
    {
      *next = p + 1;
      return b;
    }
  if (b < 0xE0)
    {
      *next = p + 2;
      return ((gunichar) (b & 0x1F) << 6) | (p[1] & 0x3F);
    }
  if (b < 0xF0)
    {
      *next = p + 3;
      return ((gunichar) (b & 0x0F) << 12) | ((gunichar) (p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    }
  *next = p + 4;
  return ((gunichar) (b & 0x07) << 18) | ((gunichar) (p[1] & 0x3F) << 12)
         | ((gunichar) (p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

ZrLexicon *
zr_lexicon_new (void)
{
  ZrLexicon *self = g_new0 (ZrLexicon, 1);
  guint32 none = NO_VALUE;

  self->root = g_new0 (guint32, ROOT_DIRECT);
  self->nodes = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_val (self->nodes, none);
  self->values = g_array_new (FALSE, FALSE, sizeof (Value));
  self->edges_mask = 255;
  self->edges = g_new0 (Edge, self->edges_mask + 1);
  return self;
}

void
zr_lexicon_free (ZrLexicon *self)
{
  if (self == NULL)
    return;
  g_free (self->root);
  g_array_unref (self->nodes);
  g_array_unref (self->values);
  g_free (self->edges);
  g_free (self);
}

gboolean
zr_lexicon_insert (ZrLexicon  *self,
                   const char *term,
                   guint       label,
                   double      weight)
{
  const guchar *p;
  const guchar *end;
  guint32 node = 0;
  guint32 *slot;
  Value value = { label, weight };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (term != NULL && *term != '\0', FALSE);
  g_return_val_if_fail (g_utf8_validate (term, -1, NULL), FALSE);

  p = (const guchar *) term;
  end = p + strlen (term);
  while (p < end)
    {
      const guchar *next;
      gunichar c = decode (p, &next);
      guint32 child = edge_get (self, node, c);

      if (child == 0)
        {
          guint32 none = NO_VALUE;

          child = self->nodes->len;
          g_array_append_val (self->nodes, none);
          edge_set (self, node, c, child);
        }
      node = child;
      p = next;
    }

  slot = &g_array_index (self->nodes, guint32, node);
  if (*slot != NO_VALUE)
    return FALSE;
  *slot = self->values->len;
  g_array_append_val (self->values, value);
  return TRUE;
}

guint
zr_lexicon_get_size (ZrLexicon *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->values->len;
}

gboolean
zr_lexicon_lookup (ZrLexicon  *self,
                   const char *term,
                   guint      *label,
                   double     *weight)
{
  const guchar *p;
  const guchar *end;
  guint32 node = 0;
  guint32 index;
  const Value *value;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (term != NULL, FALSE);

  p = (const guchar *) term;
  end = p + strlen (term);
  if (p == end || !g_utf8_validate (term, -1, NULL))
    return FALSE;
  while (p < end)
    {
      const guchar *next;

      node = edge_get (self, node, decode (p, &next));
      if (node == 0)
        return FALSE;
      p = next;
    }
  index = g_array_index (self->nodes, guint32, node);
  if (index == NO_VALUE)
    return FALSE;
  value = &g_array_index (self->values, Value, index);
  if (label)
    *label = value->label;
  if (weight)
    *weight = value->weight;
  return TRUE;
}

void
zr_lexicon_scan (ZrLexicon          *self,
                 const char         *text,
                 gssize              len,
                 ZrLexiconMatchFunc  func,
                 gpointer            user_data)
{
  const guchar *pos;
  const guchar *end;
  const guint32 *nodes;
  const Value *values;

  g_return_if_fail (self != NULL);
  g_return_if_fail (func != NULL);

  if (text == NULL)
    return;
  if (len < 0)
    len = strlen (text);

  nodes = (const guint32 *) (gpointer) self->nodes->data;
  values = (const Value *) (gpointer) self->values->data;
  pos = (const guchar *) text;
  end = pos + len;

  while (pos < end)
    {
      const guchar *first_next;
      const guchar *p;
      const guchar *best_end = NULL;
      guint32 best = NO_VALUE;
      gunichar c = decode (pos, &first_next);
      guint32 node = c < ROOT_DIRECT ? self->root[c] : edge_get (self, 0, c);

      p = first_next;
      while (node != 0)
        {
          const guchar *next;

          if (nodes[node] != NO_VALUE)
            {
              best = nodes[node];
              best_end = p;
            }
          if (p >= end)
            break;
          node = edge_get (self, node, decode (p, &next));
          p = next;
        }

      if (best != NO_VALUE)
        {
          func ((const char *) pos, best_end - pos, values[best].label,
                values[best].weight, user_data);
          pos = best_end;
        }
      else
        pos = first_next;
    }
}
