/* zr-clippings.c: saved quotes, their export and import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zr-clippings.h"
#include "zr-citation.h"
#include "zr-csv.h"
#include "zr-database-private.h"
#include "zr-error.h"
#include "zr-json.h"
#include "zr-quotes.h"

void
zr_clipping_free (ZrClipping *c)
{
  if (c == NULL)
    return;
  g_free (c->quote);
  g_free (c->speaker);
  g_free (c->role);
  g_free (c->headline);
  g_free (c->citation);
  g_free (c->note);
  g_free (c->source_path);
  g_free (c);
}

static gboolean
step_done (ZrDatabase  *db,
           sqlite3_stmt *stmt,
           const char  *what,
           GError     **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _zr_database_set_error (zr_database_get_handle (db), rc, what, error);
  return TRUE;
}

static const char insert_sql[] =
  "INSERT INTO clippings (record_id, source_path, record_position, quote_text, speaker, role,"
  "                       headline, citation, note, saved_at)"
  /* linked to the record only when it is this library's record of that
   * page (a quote saved from the sample edition is kept unlinked) */
  " VALUES ((SELECT r.id FROM records r JOIN sources s ON s.id = r.source_id"
  "          WHERE r.id = ?1 AND s.path = ?2 AND r.position = ?3),"
  "         ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
  " ON CONFLICT (quote_text, source_path, record_position) DO UPDATE"
  "   SET note = COALESCE (excluded.note, note)";

static gint64
insert_clipping (ZrDatabase  *db,
                 gint64       record_id,
                 const char  *source_path,
                 int          record_position,
                 const char  *quote,
                 const char  *speaker,
                 const char  *role,
                 const char  *headline,
                 const char  *citation,
                 const char  *note,
                 gint64       saved_at,
                 gboolean    *out_added,
                 GError     **error)
{
  sqlite3 *h = zr_database_get_handle (db);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _zr_stmt (db, "SELECT count(*) FROM clippings"
                       " WHERE quote_text = ? AND source_path = ? AND record_position = ?", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, quote, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, source_path ? source_path : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, record_position);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _zr_database_set_error (h, rc, _("Could not save the clipping"), error), -1;
  if (out_added)
    *out_added = sqlite3_column_int (stmt, 0) == 0;
  sqlite3_reset (stmt);

  stmt = _zr_stmt (db, insert_sql, error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, record_id);
  sqlite3_bind_text (stmt, 2, source_path ? source_path : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, record_position);
  sqlite3_bind_text (stmt, 4, quote, -1, SQLITE_TRANSIENT);
  _zr_bind_text_or_null (stmt, 5, speaker);
  _zr_bind_text_or_null (stmt, 6, role);
  _zr_bind_text_or_null (stmt, 7, headline);
  _zr_bind_text_or_null (stmt, 8, citation);
  _zr_bind_text_or_null (stmt, 9, note);
  sqlite3_bind_int64 (stmt, 10, saved_at);
  if (!step_done (db, stmt, _("Could not save the clipping"), error))
    return -1;
  sqlite3_reset (stmt);

  stmt = _zr_stmt (db, "SELECT id FROM clippings"
                       " WHERE quote_text = ? AND source_path = ? AND record_position = ?", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, quote, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, source_path ? source_path : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, record_position);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _zr_database_set_error (h, rc, _("Could not save the clipping"), error), -1;
  {
    gint64 id = sqlite3_column_int64 (stmt, 0);
    sqlite3_reset (stmt);
    return id;
  }
}

/* @text without white space (the reader shows paragraphs on lines of
 * their own, indented), appended to @out. */
static void
append_without_space (GString    *out,
                      const char *text)
{
  for (const char *p = text; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
}

/* Whether @selection (NFC) is text of the article as the reader shows it:
 * column, headline, kicker, bylines, dateline and paragraphs in that order,
 * white space aside, so that a selection may run across lines. */
static gboolean
article_contains (const ZrArticle *article,
                  const char      *selection)
{
  const ZrRecord *r = article->record;
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autoptr(GString) needle = g_string_new (NULL);
  g_autoptr(GString) byline_text = g_string_new (NULL);
  g_autofree char *bylines = NULL;

  append_without_space (needle, selection);
  if (needle->len == 0 || r == NULL)
    return FALSE;

  append_without_space (shown, r->column);
  append_without_space (shown, r->headline);
  append_without_space (shown, r->kicker);
  if (r->bylines != NULL && r->bylines->len > 0)
    bylines = zr_article_dup_bylines_display (article);
  append_without_space (shown, bylines != NULL && *bylines ? bylines : r->byline_text);
  append_without_space (shown, r->dateline);
  for (guint i = 0; r->paragraphs != NULL && i < r->paragraphs->len; i++)
    append_without_space (shown, ((const ZrParagraph *) g_ptr_array_index (r->paragraphs, i))->text);
  if (strstr (shown->str, needle->str) != NULL)
    return TRUE;

  /* the byline line as printed, when the reader shows it rebuilt */
  append_without_space (byline_text, r->byline_text);
  return strstr (byline_text->str, needle->str) != NULL;
}

gint64
zr_clippings_save (ZrDatabase       *db,
                   const ZrArticle  *article,
                   guint             quote_index,
                   const char       *text,
                   const char       *note,
                   GError          **error)
{
  const ZrQuote *quote = NULL;
  g_autofree char *citation = NULL;
  g_autofree char *selection = NULL;
  ZrCitationSource src;
  gint64 id;

  g_return_val_if_fail (ZR_IS_DATABASE (db), -1);
  g_return_val_if_fail (article != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (quote_index > 0)
    {
      if (article->quotes == NULL || quote_index > article->quotes->len)
        {
          g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_NOT_FOUND,
                       _("The article has no quote number %u"), quote_index);
          return -1;
        }
      quote = g_ptr_array_index (article->quotes, quote_index - 1);
    }
  else
    {
      if (text != NULL && g_utf8_validate (text, -1, NULL))
        selection = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
      if (selection != NULL)
        g_strstrip (selection);
      if (selection == NULL || *selection == '\0')
        {
          g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_NOT_FOUND,
                       _("Nothing is selected to save"));
          return -1;
        }
      /* a saved quote carries the article's citation: it must be its text */
      if (!article_contains (article, selection))
        {
          g_set_error (error, ZR_DATA_ERROR, ZR_DATA_ERROR_INVALID,
                       _("The text to save is not in the article"));
          return -1;
        }
    }

  zr_article_fill_citation_source (article, &src);
  src.quote = quote ? quote->text : selection;
  src.speaker = quote ? quote->speaker : NULL;
  src.role = quote ? quote->role : NULL;
  citation = zr_citation_format (&src, ZR_CITATION_FORMAT_PLAIN, NULL);

  id = insert_clipping (db, article->id, article->source_path, article->position,
                        src.quote, src.speaker, src.role, src.headline, citation,
                        note, g_get_real_time () / G_USEC_PER_SEC, NULL, error);
  zr_article_clear_citation_source (&src);
  return id;
}

static const char list_sql[] =
  "SELECT c.id,"
  "       COALESCE ((SELECT r.id FROM records r JOIN sources s ON s.id = r.source_id"
  "                  WHERE s.path = c.source_path AND r.position = c.record_position),"
  "                 (SELECT r.id FROM records r WHERE r.id = c.record_id AND c.source_path = ''),"
  "                 -1),"
  "       c.quote_text, c.speaker, c.role, c.headline, c.citation, c.note, c.saved_at,"
  "       c.source_path, c.record_position"
  "  FROM clippings c ORDER BY c.saved_at, c.id";

GPtrArray *
zr_clippings_list (ZrDatabase  *db,
                   GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_clipping_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ZR_IS_DATABASE (db), NULL);

  stmt = _zr_stmt (db, list_sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ZrClipping *c = g_new0 (ZrClipping, 1);

      c->id = sqlite3_column_int64 (stmt, 0);
      c->article_id = sqlite3_column_int64 (stmt, 1);
      c->quote = g_strdup (_zr_column_text (stmt, 2));
      c->speaker = g_strdup (_zr_column_text (stmt, 3));
      c->role = g_strdup (_zr_column_text (stmt, 4));
      c->headline = g_strdup (_zr_column_text (stmt, 5));
      c->citation = g_strdup (_zr_column_text (stmt, 6));
      c->note = g_strdup (_zr_column_text (stmt, 7));
      c->saved_at = sqlite3_column_int64 (stmt, 8);
      c->source_path = g_strdup (_zr_column_text (stmt, 9));
      c->record_position = sqlite3_column_int (stmt, 10);
      g_ptr_array_add (list, c);
    }
  if (rc != SQLITE_DONE)
    {
      _zr_database_set_error (zr_database_get_handle (db), rc, _("Could not read the clippings"), error);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&list);
}

guint
zr_clippings_count (ZrDatabase *db)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (ZR_IS_DATABASE (db), 0);

  stmt = _zr_stmt (db, "SELECT count(*) FROM clippings", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return n;
}

gboolean
zr_clippings_delete (ZrDatabase  *db,
                     gint64       id,
                     GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ZR_IS_DATABASE (db), FALSE);

  stmt = _zr_stmt (db, "DELETE FROM clippings WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (db, stmt, _("Could not delete the clipping"), error))
    return FALSE;
  sqlite3_reset (stmt);
  if (sqlite3_changes (zr_database_get_handle (db)) == 0)
    {
      /* formatted first: xgettext cannot see through G_GINT64_FORMAT */
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_NOT_FOUND,
                   _("There is no clipping %s"), number);
      return FALSE;
    }
  return TRUE;
}

gboolean
zr_clippings_format_from_string (const char        *str,
                                 ZrClippingsFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (g_strcmp0 (str, "markdown") == 0 || g_strcmp0 (str, "md") == 0)
    *format = ZR_CLIPPINGS_FORMAT_MARKDOWN;
  else if (g_strcmp0 (str, "csv") == 0)
    *format = ZR_CLIPPINGS_FORMAT_CSV;
  else if (g_strcmp0 (str, "json") == 0)
    *format = ZR_CLIPPINGS_FORMAT_JSON;
  else
    return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Export                                                                    */

static char *
iso_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
  return dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

static char *
export_csv (GPtrArray *list)
{
  static const char * const header[] = {
    "quote", "speaker", "role", "headline", "citation", "note", "source_path",
    "record_position", "article_id", "saved_at",
  };
  GString *out = g_string_new ("\xEF\xBB\xBF");

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, header[i]);
    }
  g_string_append (out, "\r\n");

  for (guint i = 0; i < list->len; i++)
    {
      const ZrClipping *c = g_ptr_array_index (list, i);
      g_autofree char *pos = g_strdup_printf ("%d", c->record_position);
      g_autofree char *aid = g_strdup_printf ("%" G_GINT64_FORMAT, c->article_id);
      g_autofree char *at = iso_time (c->saved_at);
      const char *fields[] = {
        c->quote, c->speaker, c->role, c->headline, c->citation, c->note, c->source_path,
        pos, aid, at,
      };

      for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
        {
          if (k > 0)
            g_string_append_c (out, ',');
          zr_csv_append_field (out, fields[k]);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

static char *
export_markdown (GPtrArray *list)
{
  GString *out = g_string_new ("# 引语收藏\n");

  for (guint i = 0; i < list->len; i++)
    {
      const ZrClipping *c = g_ptr_array_index (list, i);
      ZrCitationSource src = { 0 };
      g_autofree char *md = NULL;

      src.article_id = c->article_id;
      src.headline = c->headline;
      src.quote = c->quote;
      src.speaker = c->speaker;
      src.role = c->role;
      src.page_number = -1;
      md = zr_citation_format (&src, ZR_CITATION_FORMAT_MARKDOWN, NULL);
      g_string_append_c (out, '\n');
      g_string_append (out, md);
      if (c->note != NULL && *c->note)
        g_string_append_printf (out, "\n备注：%s\n", c->note);
    }
  return g_string_free (out, FALSE);
}

static char *
export_json (GPtrArray *list)
{
  ZrJson *json = zr_json_new (TRUE);   /* zr_json_steal() frees it */

  zr_json_begin_array (json);
  for (guint i = 0; i < list->len; i++)
    {
      const ZrClipping *c = g_ptr_array_index (list, i);

      zr_json_begin_object (json);
      zr_json_key (json, "quote");
      zr_json_string (json, c->quote);
      zr_json_key (json, "speaker");
      zr_json_string (json, c->speaker);
      zr_json_key (json, "role");
      zr_json_string (json, c->role);
      zr_json_key (json, "headline");
      zr_json_string (json, c->headline);
      zr_json_key (json, "citation");
      zr_json_string (json, c->citation);
      zr_json_key (json, "note");
      zr_json_string (json, c->note);
      zr_json_key (json, "source_path");
      zr_json_string (json, c->source_path);
      zr_json_key (json, "record_position");
      zr_json_int (json, c->record_position);
      zr_json_key (json, "article_id");
      if (c->article_id > 0)
        zr_json_int (json, c->article_id);
      else
        zr_json_null (json);
      zr_json_key (json, "saved_at");
      zr_json_int (json, c->saved_at);
      zr_json_end_object (json);
    }
  zr_json_end_array (json);
  return zr_json_steal (json);
}

char *
zr_clippings_export (ZrDatabase         *db,
                     ZrClippingsFormat   format,
                     GError            **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (ZR_IS_DATABASE (db), NULL);

  list = zr_clippings_list (db, error);
  if (list == NULL)
    return NULL;
  switch (format)
    {
    case ZR_CLIPPINGS_FORMAT_CSV:
      return export_csv (list);
    case ZR_CLIPPINGS_FORMAT_JSON:
      return export_json (list);
    case ZR_CLIPPINGS_FORMAT_MARKDOWN:
    default:
      return export_markdown (list);
    }
}

/* ------------------------------------------------------------------------ */
/* Import                                                                    */

static const char import_sql[] =
  "SELECT json_valid (?1),"
  "       CASE WHEN json_valid (?1) THEN json_type (?1) END";

static const char elements_sql[] =
  "SELECT json_type (value),"
  "       json_type (value, '$.quote'),"
  "       json_extract (value, '$.quote'),"
  "       json_extract (value, '$.speaker'),"
  "       json_extract (value, '$.role'),"
  "       json_extract (value, '$.headline'),"
  "       json_extract (value, '$.citation'),"
  "       json_extract (value, '$.note'),"
  "       json_extract (value, '$.source_path'),"
  "       json_extract (value, '$.record_position'),"
  "       json_extract (value, '$.saved_at')"
  "  FROM json_each (?1)";

static gboolean
invalid (GError    **error,
         const char *message)
{
  g_set_error_literal (error, ZR_DATA_ERROR, ZR_DATA_ERROR_INVALID, message);
  return FALSE;
}

/* Whether a value read from the file is text that may be stored: SQLite's
 * JSON functions turn a lone surrogate escape (\ud800) into bytes that are
 * not UTF-8. */
static gboolean
column_is_valid_text (sqlite3_stmt *stmt,
                      int           col)
{
  const char *text;

  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return TRUE;
  text = (const char *) sqlite3_column_text (stmt, col);
  return text != NULL && g_utf8_validate_len (text, sqlite3_column_bytes (stmt, col), NULL);
}

gboolean
zr_clippings_import_json (ZrDatabase  *db,
                          const char  *json,
                          guint       *out_added,
                          GError     **error)
{
  sqlite3 *h;
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) rows = NULL;
  guint added = 0;
  int rc;

  g_return_val_if_fail (ZR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  if (out_added)
    *out_added = 0;
  h = zr_database_get_handle (db);

  /* a BOM is not JSON, but editors add one */
  if (g_str_has_prefix (json, "\xEF\xBB\xBF"))
    json += 3;

  stmt = _zr_stmt (db, import_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _zr_database_set_error (h, rc, _("Could not read the clippings file"), error);
  if (sqlite3_column_int (stmt, 0) != 1 || g_strcmp0 (_zr_column_text (stmt, 1), "array") != 0)
    {
      sqlite3_reset (stmt);
      return invalid (error, _("The clippings file is not a JSON array"));
    }
  sqlite3_reset (stmt);

  /* read everything first, so a bad element imports nothing */
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_clipping_free);
  stmt = _zr_stmt (db, elements_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ZrClipping *c;

      if (g_strcmp0 (_zr_column_text (stmt, 0), "object") != 0 ||
          g_strcmp0 (_zr_column_text (stmt, 1), "text") != 0 ||
          _zr_column_text (stmt, 2) == NULL || *_zr_column_text (stmt, 2) == '\0')
        {
          sqlite3_reset (stmt);
          return invalid (error, _("A clipping in the file has no quote text"));
        }
      for (int col = 2; col <= 8; col++)
        if (!column_is_valid_text (stmt, col))
          {
            sqlite3_reset (stmt);
            return invalid (error, _("A clipping in the file holds text that is not valid Unicode"));
          }
      c = g_new0 (ZrClipping, 1);
      c->quote = g_strdup (_zr_column_text (stmt, 2));
      c->speaker = g_strdup (_zr_column_text (stmt, 3));
      c->role = g_strdup (_zr_column_text (stmt, 4));
      c->headline = g_strdup (_zr_column_text (stmt, 5));
      c->citation = g_strdup (_zr_column_text (stmt, 6));
      c->note = g_strdup (_zr_column_text (stmt, 7));
      c->source_path = g_strdup (_zr_column_text (stmt, 8) ? _zr_column_text (stmt, 8) : "");
      c->record_position = sqlite3_column_type (stmt, 9) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 9);
      c->saved_at = sqlite3_column_type (stmt, 10) == SQLITE_NULL
                    ? g_get_real_time () / G_USEC_PER_SEC : sqlite3_column_int64 (stmt, 10);
      g_ptr_array_add (rows, c);
    }
  if (rc != SQLITE_DONE)
    {
      _zr_database_set_error (h, rc, _("Could not read the clippings file"), error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  if (!zr_database_begin (db, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const ZrClipping *c = g_ptr_array_index (rows, i);
      gboolean new_one = FALSE;

      if (insert_clipping (db, -1, c->source_path, c->record_position, c->quote, c->speaker,
                           c->role, c->headline, c->citation, c->note, c->saved_at,
                           &new_one, error) < 0)
        {
          zr_database_rollback (db);
          return FALSE;
        }
      if (new_one)
        added++;
    }
  if (!zr_database_commit (db, error))
    {
      zr_database_rollback (db);
      return FALSE;
    }
  if (out_added)
    *out_added = added;
  return TRUE;
}
