/* zr-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-filter-private.h"
#include "zr-search-private.h"
#include "zr-search.h"

ZrFilter *
zr_filter_new (void)
{
  return g_new0 (ZrFilter, 1);
}

ZrFilter *
zr_filter_copy (const ZrFilter *filter)
{
  ZrFilter *copy = zr_filter_new ();
  if (filter == NULL)
    return copy;
  copy->districts = g_strdupv (filter->districts);
  copy->topics = g_strdupv (filter->topics);
  copy->query = g_strdup (filter->query);
  return copy;
}

void
zr_filter_free (ZrFilter *filter)
{
  if (filter == NULL)
    return;
  g_strfreev (filter->districts);
  g_strfreev (filter->topics);
  g_free (filter->query);
  g_free (filter);
}

static gboolean
strv_empty (GStrv v)
{
  return v == NULL || v[0] == NULL;
}

gboolean
zr_filter_is_empty (const ZrFilter *filter)
{
  g_autofree char *match = NULL;
  if (filter == NULL)
    return TRUE;
  if (!strv_empty (filter->districts) || !strv_empty (filter->topics))
    return FALSE;
  match = zr_search_build_match (filter->query);
  return match == NULL;
}

void
zr_filter_set_districts (ZrFilter           *filter,
                         const char * const *districts)
{
  g_strfreev (filter->districts);
  filter->districts = g_strdupv ((char **) districts);
}

void
zr_filter_set_topics (ZrFilter           *filter,
                      const char * const *topics)
{
  g_strfreev (filter->topics);
  filter->topics = g_strdupv ((char **) topics);
}

void
zr_filter_set_query (ZrFilter   *filter,
                     const char *query)
{
  g_free (filter->query);
  filter->query = g_strdup (query);
}

static void
append_in_list (GString    *where,
                GPtrArray  *binds,
                GStrv       values)
{
  g_string_append (where, " IN (");
  for (guint i = 0; values[i] != NULL; i++)
    {
      g_string_append (where, i ? ",?" : "?");
      g_ptr_array_add (binds, g_strdup (values[i]));
    }
  g_string_append (where, ")");
}

void
_zr_filter_append_sql (const ZrFilter *filter,
                       gboolean        with_query,
                       GString        *where,
                       GPtrArray      *binds)
{
  if (filter == NULL)
    return;

  /* An article sits in its primary district; a district filter shows the
   * stories that are about it, not every one that names it in passing. */
  if (!strv_empty (filter->districts))
    {
      g_string_append (where, " AND r.district");
      append_in_list (where, binds, filter->districts);
    }

  if (!strv_empty (filter->topics))
    {
      g_string_append (where, " AND r.id IN (SELECT record_id FROM record_topics WHERE topic");
      append_in_list (where, binds, filter->topics);
      g_string_append (where, ")");
    }

  if (with_query)
    _zr_search_append_sql (filter->query, where, binds);
}

void
_zr_filter_bind (sqlite3_stmt *stmt,
                 int           first,
                 GPtrArray    *binds)
{
  for (guint i = 0; i < binds->len; i++)
    sqlite3_bind_text (stmt, first + (int) i, g_ptr_array_index (binds, i), -1, SQLITE_TRANSIENT);
}
