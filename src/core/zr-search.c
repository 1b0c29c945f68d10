/* zr-search.c  (STUB: to be replaced by the search work)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-database-private.h"
#include "zr-search.h"

void
zr_search_hit_free (ZrSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->headline);
  g_free (hit->district);
  g_free (hit->snippet);
  g_free (hit);
}

gboolean
zr_search_register_tokenizer (sqlite3  *db,
                              GError  **error)
{
  return TRUE;
}

gboolean
zr_search_create_schema (ZrDatabase  *db,
                         GError     **error)
{
  return zr_database_exec (db, "CREATE VIRTUAL TABLE record_fts USING fts5 (headline, meta, body)", error);
}

gboolean
zr_search_index_record (ZrDatabase      *db,
                        gint64           record_id,
                        const ZrRecord  *record,
                        GError         **error)
{
  return TRUE;
}

gboolean
zr_search_unindex_record (ZrDatabase  *db,
                          gint64       record_id,
                          GError     **error)
{
  return TRUE;
}

char *
zr_search_build_match (const char *user_query)
{
  return NULL;
}

GPtrArray *
zr_search_run (ZrDatabase      *db,
               const char      *query,
               const ZrFilter  *filter,
               guint            limit,
               GError         **error)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) zr_search_hit_free);
}
