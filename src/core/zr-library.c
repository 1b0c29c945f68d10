/* zr-library.c: importing pages into the library and reading them back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "zr-database-private.h"
#include "zr-encoding.h"
#include "zr-error.h"
#include "zr-figures.h"
#include "zr-filter-private.h"
#include "zr-json.h"
#include "zr-library-private.h"
#include "zr-page-parser.h"
#include "zr-quotes.h"
#include "zr-search.h"
#include "zr-source-meta.h"
#include "zr-stats.h"
#include "zr-text.h"

/* Larger files are refused rather than read whole into memory. */
#define MAX_FILE_SIZE ((gsize) 256 * 1024 * 1024)

struct _ZrLibrary
{
  GObject       parent_instance;
  ZrDatabase   *db;
  ZrClassifier *classifier;
  guint         skip_index : 1;
  guint         in_batch : 1;     /* zr_library_import is running */
  guint         paths_resolved : 1;
};

G_DEFINE_FINAL_TYPE (ZrLibrary, zr_library, G_TYPE_OBJECT)

static void
zr_library_dispose (GObject *object)
{
  ZrLibrary *self = (ZrLibrary *) object;

  g_clear_object (&self->db);
  g_clear_object (&self->classifier);

  G_OBJECT_CLASS (zr_library_parent_class)->dispose (object);
}

static void
zr_library_class_init (ZrLibraryClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = zr_library_dispose;
}

static void
zr_library_init (ZrLibrary *self)
{
}

/**
 * zr_library_new:
 * @db: the library file
 * @classifier: the district and topic classifier used at import
 *
 * Returns: (transfer full): a new library
 */
ZrLibrary *
zr_library_new (ZrDatabase   *db,
                ZrClassifier *classifier)
{
  ZrLibrary *self;

  g_return_val_if_fail (ZR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (ZR_IS_CLASSIFIER (classifier), NULL);

  self = g_object_new (ZR_TYPE_LIBRARY, NULL);
  self->db = g_object_ref (db);
  self->classifier = g_object_ref (classifier);
  return self;
}

ZrDatabase *
zr_library_get_database (ZrLibrary *self)
{
  g_return_val_if_fail (ZR_IS_LIBRARY (self), NULL);
  return self->db;
}

ZrClassifier *
zr_library_get_classifier (ZrLibrary *self)
{
  g_return_val_if_fail (ZR_IS_LIBRARY (self), NULL);
  return self->classifier;
}

void
zr_import_failure_free (ZrImportFailure *failure)
{
  if (failure == NULL)
    return;
  g_free (failure->path);
  g_free (failure->message);
  g_free (failure);
}

static void
add_failure (GPtrArray  *failed,
             const char *path,
             const char *message)
{
  ZrImportFailure *f = g_new0 (ZrImportFailure, 1);
  f->path = g_strdup (path);
  f->message = g_strdup (message);
  g_ptr_array_add (failed, f);
}

void
zr_import_report_free (ZrImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->failed, g_ptr_array_unref);
  g_free (report);
}

/* ---------------------------------------------------------------------- */
/* Collecting files                                                        */

static gboolean
is_page_file_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  return name[0] != '.' && (g_str_has_suffix (lower, ".txt") || g_str_has_suffix (lower, ".md"));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* @chain: the real paths of the folders being read, outermost first */
static void
collect_dir (const char *dir_path,
             GHashTable *visited,
             GPtrArray  *chain,
             GPtrArray  *files,
             GPtrArray  *failed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *real = NULL;
  const char *name;

  real = realpath (dir_path, NULL);
  if (real == NULL)
    {
      add_failure (failed, dir_path, g_strerror (errno));
      return;
    }
  if (g_ptr_array_find_with_equal_func (chain, real, g_str_equal, NULL) || chain->len > 64)
    {
      add_failure (failed, dir_path, _("Skipped: this folder links back to a folder already read (a symbolic link loop)"));
      return;
    }
  /* The same folder reached a second way (a symbolic link to it, or named
   * twice): its files are the same files, already listed. */
  if (g_hash_table_contains (visited, real))
    return;
  g_hash_table_add (visited, g_strdup (real));
  g_ptr_array_add (chain, g_steal_pointer (&real));

  dir = g_dir_open (dir_path, 0, &error);
  if (dir == NULL)
    add_failure (failed, dir_path, error->message);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      g_autofree char *child = g_build_filename (dir_path, n, NULL);

      if (n[0] == '.')
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        collect_dir (child, visited, chain, files, failed);
      else if (is_page_file_name (n))
        g_ptr_array_add (files, g_steal_pointer (&child));
      else if (g_file_test (child, G_FILE_TEST_IS_SYMLINK) && !g_file_test (child, G_FILE_TEST_EXISTS))
        add_failure (failed, child, _("Broken symbolic link"));
    }
  g_ptr_array_set_size (chain, chain->len - 1);
}

/**
 * zr_library_collect_files:
 * @paths: files and folders the user named
 * @failed: (element-type ZrImportFailure): where paths that cannot be read go
 *
 * Returns: (transfer full) (element-type utf8): the page files, folders
 *   expanded (recursively, in name order) to their .txt and .md files
 */
GPtrArray *
zr_library_collect_files (const char * const *paths,
                          GPtrArray          *failed)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      const char *path = paths[i];
      g_autofree char *abs = g_canonicalize_filename (path, NULL);
      GStatBuf st;

      if (g_stat (path, &st) != 0)
        {
          int saved = errno;
          if (saved == ELOOP)
            add_failure (failed, path, _("Skipped: a symbolic link loop"));
          else
            add_failure (failed, path, g_strerror (saved));
          continue;
        }
      if (S_ISDIR (st.st_mode))
        {
          guint before = files->len;
          collect_dir (abs, visited, chain, files, failed);
          /* keep the folder's own order stable */
          if (files->len > before)
            {
              char **pdata = (char **) files->pdata + before;
              qsort (pdata, files->len - before, sizeof (char *), compare_strings);
            }
        }
      else if (S_ISREG (st.st_mode))
        g_ptr_array_add (files, g_steal_pointer (&abs));
      else
        add_failure (failed, path, _("Not a regular file"));
    }

  return files;
}

/* ---------------------------------------------------------------------- */
/* Writing                                                                 */

/* A record as the text pipeline gives it (zr_text_analyse ()) */
typedef ZrAnalysedRecord Analysed;

static gboolean
step_done (ZrDatabase   *db,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _zr_database_set_error (zr_database_get_handle (db), rc, _("Could not write to the library"), error);
  sqlite3_reset (stmt);
  return TRUE;
}

#define PREPARE(var, sql) \
  sqlite3_stmt *var = _zr_stmt (db, sql, error); \
  if (var == NULL) return FALSE

static gboolean
store_labels (ZrDatabase  *db,
              gint64       record_id,
              GPtrArray   *labels,
              const char  *primary,
              gboolean     districts,
              GError     **error)
{
  PREPARE (stmt, districts
           ? "INSERT OR IGNORE INTO record_districts (record_id, district, is_primary, weight) VALUES (?,?,?,?)"
           : "INSERT OR IGNORE INTO record_topics (record_id, topic, is_primary, weight) VALUES (?,?,?,?)");
  gboolean primary_stored = FALSE;

  for (guint i = 0; labels != NULL && i < labels->len; i++)
    {
      const ZrLabel *l = g_ptr_array_index (labels, i);
      gboolean is_primary = g_strcmp0 (l->name, primary) == 0;

      sqlite3_bind_int64 (stmt, 1, record_id);
      sqlite3_bind_text (stmt, 2, l->name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, is_primary);
      sqlite3_bind_double (stmt, 4, l->weight);
      if (!step_done (db, stmt, error))
        return FALSE;
      primary_stored |= is_primary;
    }
  if (primary != NULL && !primary_stored)
    {
      sqlite3_bind_int64 (stmt, 1, record_id);
      sqlite3_bind_text (stmt, 2, primary, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, 1);
      sqlite3_bind_double (stmt, 4, 0);
      if (!step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
store_classification (ZrDatabase             *db,
                      gint64                  record_id,
                      const ZrClassification *c,
                      GError                **error)
{
  PREPARE (update, "UPDATE records SET district = ?, primary_topic = ?, why_json = ? WHERE id = ?");

  _zr_bind_text_or_null (update, 1, c->district);
  _zr_bind_text_or_null (update, 2, c->topic);
  /* Only the deciding evidence, compactly (a few dozen bytes; the whole
   * evidence is kilobytes): what explains the stored decision when the
   * article is opened, whatever data the classifier has loaded since. */
  _zr_bind_text_or_null (update, 3, c->why_stored);
  sqlite3_bind_int64 (update, 4, record_id);
  if (!step_done (db, update, error))
    return FALSE;

  return store_labels (db, record_id, c->districts, c->district, TRUE, error) &&
         store_labels (db, record_id, c->topics, c->topic, FALSE, error);
}

static gboolean
store_record (ZrDatabase  *db,
              gint64       source_id,
              guint        position,
              Analysed    *a,
              gboolean     index,
              GError     **error)
{
  PREPARE (ins, "INSERT INTO records (source_id, position, kind, headline, headline_offset,"
                " column_label, column_offset, kicker, kicker_offset, dateline, dateline_offset,"
                " byline_text, byline_offset, chars, segmentation) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  const ZrRecord *r = a->record;
  gint64 id;

  sqlite3_bind_int64 (ins, 1, source_id);
  sqlite3_bind_int (ins, 2, position);
  sqlite3_bind_text (ins, 3, zr_record_kind_to_string (r->kind), -1, SQLITE_STATIC);
  _zr_bind_text_or_null (ins, 4, r->headline);
  _zr_bind_int_or_null (ins, 5, r->headline_offset);
  _zr_bind_text_or_null (ins, 6, r->column);
  _zr_bind_int_or_null (ins, 7, r->column_offset);
  _zr_bind_text_or_null (ins, 8, r->kicker);
  _zr_bind_int_or_null (ins, 9, r->kicker_offset);
  _zr_bind_text_or_null (ins, 10, r->dateline);
  _zr_bind_int_or_null (ins, 11, r->dateline_offset);
  _zr_bind_text_or_null (ins, 12, r->byline_text);
  _zr_bind_int_or_null (ins, 13, r->byline_offset);
  sqlite3_bind_int (ins, 14, zr_record_count_chars (r));
  _zr_bind_text_or_null (ins, 15, r->segmentation);
  if (!step_done (db, ins, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (zr_database_get_handle (db));

  {
    PREPARE (para, "INSERT INTO paragraphs (record_id, position, kind, text, src_offset) VALUES (?,?,?,?,?)");
    for (guint i = 0; i < r->paragraphs->len; i++)
      {
        const ZrParagraph *p = g_ptr_array_index (r->paragraphs, i);
        sqlite3_bind_int64 (para, 1, id);
        sqlite3_bind_int (para, 2, i);
        sqlite3_bind_text (para, 3, zr_paragraph_kind_to_string (p->kind), -1, SQLITE_STATIC);
        sqlite3_bind_text (para, 4, p->text ? p->text : "", -1, SQLITE_TRANSIENT);
        _zr_bind_int_or_null (para, 5, p->offset);
        if (!step_done (db, para, error))
          return FALSE;
      }
  }

  {
    PREPARE (by, "INSERT INTO bylines (record_id, position, name, role) VALUES (?,?,?,?)");
    for (guint i = 0; i < r->bylines->len; i++)
      {
        const ZrByline *b = g_ptr_array_index (r->bylines, i);
        sqlite3_bind_int64 (by, 1, id);
        sqlite3_bind_int (by, 2, i);
        sqlite3_bind_text (by, 3, b->name ? b->name : "", -1, SQLITE_TRANSIENT);
        _zr_bind_text_or_null (by, 4, b->role);
        if (!step_done (db, by, error))
          return FALSE;
      }
  }

  if (a->classification != NULL && !store_classification (db, id, a->classification, error))
    return FALSE;

  {
    PREPARE (q, "INSERT INTO quotes (record_id, position, paragraph, start_offset, end_offset, text, speaker, role)"
                " VALUES (?,?,?,?,?,?,?,?)");
    for (guint i = 0; a->quotes != NULL && i < a->quotes->len; i++)
      {
        const ZrQuote *quote = g_ptr_array_index (a->quotes, i);
        sqlite3_bind_int64 (q, 1, id);
        sqlite3_bind_int (q, 2, i);
        sqlite3_bind_int (q, 3, quote->paragraph);
        sqlite3_bind_int (q, 4, quote->start);
        sqlite3_bind_int (q, 5, quote->end);
        sqlite3_bind_text (q, 6, quote->text ? quote->text : "", -1, SQLITE_TRANSIENT);
        _zr_bind_text_or_null (q, 7, quote->speaker);
        _zr_bind_text_or_null (q, 8, quote->role);
        if (!step_done (db, q, error))
          return FALSE;
      }
  }

  return TRUE;
}

static char *
page_meta_to_json (const ZrPage *page)
{
  ZrJson *json = zr_json_new (FALSE);

  zr_json_begin_array (json);
  for (guint i = 0; i < page->meta->len; i++)
    {
      const ZrPageMeta *m = g_ptr_array_index (page->meta, i);
      zr_json_begin_object (json);
      zr_json_key (json, "offset");
      zr_json_int (json, m->offset);
      zr_json_key (json, "text");
      zr_json_string (json, m->text);
      zr_json_end_object (json);
    }
  zr_json_end_array (json);
  return zr_json_steal (json);
}

/* The search index reads the stored rows to know what to remove: it is
 * emptied of the file's records before they are deleted. */
static gboolean
delete_source_records (ZrDatabase  *db,
                       gint64       source_id,
                       GError     **error)
{
  PREPARE (del, "DELETE FROM records WHERE source_id = ?");

  if (!zr_search_unindex_source (db, source_id, error))
    return FALSE;
  sqlite3_bind_int64 (del, 1, source_id);
  return step_done (db, del, error);
}

/* Whether @path is the library's own file (or its log or shared memory).
 * Reading it would do no good, and closing it after reading would drop the
 * locks this process holds on the library. Compared by device and inode,
 * without opening anything. */
static gboolean
is_library_file (ZrDatabase *db,
                 const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  const char *library = zr_database_get_path (db);
  GStatBuf st;

  if (library == NULL || g_strcmp0 (library, ":memory:") == 0 || g_stat (path, &st) != 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *own = g_strconcat (library, suffixes[i], NULL);
      GStatBuf own_st;

      if (g_stat (own, &own_st) == 0 && own_st.st_dev == st.st_dev && own_st.st_ino == st.st_ino)
        return TRUE;
    }
  return FALSE;
}

static gboolean
read_file (const char  *path,
           char       **contents,
           gsize       *len,
           GError     **error)
{
  g_autoptr(GError) local = NULL;
  GStatBuf st;

  if (g_stat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_set_error (error, ZR_IMPORT_ERROR, ZR_IMPORT_ERROR_NOT_SUPPORTED,
                   _("This is a folder, not a page file"));
      return FALSE;
    }
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error (error, ZR_IMPORT_ERROR, ZR_IMPORT_ERROR_NOT_SUPPORTED,
                   _("Not a regular file"));
      return FALSE;
    }
  if (g_stat (path, &st) == 0 && (gsize) st.st_size > MAX_FILE_SIZE)
    {
      g_set_error (error, ZR_IMPORT_ERROR, ZR_IMPORT_ERROR_TOO_LARGE,
                   _("The file is too large (%u MB; at most %u MB)"),
                   (guint) MIN ((guint64) st.st_size / (1024 * 1024), G_MAXUINT),
                   (guint) (MAX_FILE_SIZE / (1024 * 1024)));
      return FALSE;
    }
  if (!g_file_get_contents (path, contents, len, &local))
    {
      g_set_error (error, ZR_IMPORT_ERROR, ZR_IMPORT_ERROR_UNREADABLE,
                   _("Could not read the file: %s"), local->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean write_page (ZrDatabase *db, const char *abs, const char *basename, const char *hash,
                            const char *encoding, const char *forced_encoding, const char *old_override,
                            gsize len, const ZrPage *page, const char *meta_json, const char *page_date,
                            int page_number, gint64 source_id, GArray *analysed, gboolean index,
                            GError **error);

/* What the library holds about one page file. */
typedef struct
{
  gint64  id;          /* -1: not in the library */
  char   *path;
  char   *hash;
  char   *override;
} StoredSource;

static void
stored_source_clear (StoredSource *s)
{
  s->id = -1;
  g_clear_pointer (&s->path, g_free);
  g_clear_pointer (&s->hash, g_free);
  g_clear_pointer (&s->override, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StoredSource, stored_source_clear)

/* The path that names a file in the library: its canonical real path, so
 * that the same file reached through a symbolic link (to it or to a folder
 * above it) is one file. A path that cannot be resolved (the file is gone)
 * keeps its absolute form; reading it reports why. (transfer full) */
static char *
dup_source_path (const char *path)
{
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  char *real = realpath (abs, NULL);

  if (real != NULL)
    {
      char *copy = g_strdup (real);
      free (real);
      return copy;
    }
  return g_steal_pointer (&abs);
}

/* Looks up the file at @real, or else at @named, the absolute path the user
 * named it by: libraries written before paths were resolved stored that. */
static gboolean
lookup_source (ZrDatabase    *db,
               const char    *real,
               const char    *named,
               StoredSource  *out,
               GError       **error)
{
  PREPARE (sel, "SELECT id, path, content_hash, encoding_override FROM sources"
                " WHERE path = ?1 OR path = ?2 ORDER BY path = ?1 DESC LIMIT 1");
  int rc;

  stored_source_clear (out);
  sqlite3_bind_text (sel, 1, real, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (sel, 2, named, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (sel);
  if (rc == SQLITE_ROW)
    {
      out->id = sqlite3_column_int64 (sel, 0);
      out->path = g_strdup (_zr_column_text (sel, 1));
      out->hash = g_strdup (_zr_column_text (sel, 2));
      out->override = g_strdup (_zr_column_text (sel, 3));
    }
  return _zr_database_step_done (sel, rc, error);
}

/* Whether the stored file has these contents, read the way asked. */
static gboolean
stored_source_is_same (const StoredSource *s,
                       const char         *hash,
                       const char         *forced_encoding)
{
  return s->id >= 0 && g_strcmp0 (s->hash, hash) == 0 &&
         (forced_encoding == NULL || g_strcmp0 (forced_encoding, s->override) == 0);
}

/* Gives a file stored under an older form of its path its real path; the
 * clippings saved from it follow. */
static gboolean
rename_source (ZrDatabase    *db,
               gint64         source_id,
               const char    *from,
               const char    *to,
               GError       **error)
{
  PREPARE (upd, "UPDATE sources SET path = ?2 WHERE id = ?1");
  PREPARE (clip, "UPDATE OR IGNORE clippings SET source_path = ?2 WHERE source_path = ?1");

  sqlite3_bind_int64 (upd, 1, source_id);
  sqlite3_bind_text (upd, 2, to, -1, SQLITE_TRANSIENT);
  if (!step_done (db, upd, error))
    return FALSE;
  sqlite3_bind_text (clip, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (clip, 2, to, -1, SQLITE_TRANSIENT);
  return step_done (db, clip, error);
}

/* The settings key that says every stored path was resolved. */
#define PATHS_RESOLVED_KEY "source-paths"

/* Libraries written before files were known by their real path hold the
 * path each was named by, symbolic links and all: the same file named
 * another way was then a new file. Once per library, every stored path that
 * resolves to another one is given its real path (a file that is gone
 * keeps its; a name already taken by the same file stays with that
 * record). */
static gboolean
resolve_stored_paths (ZrLibrary  *self,
                      GError    **error)
{
  ZrDatabase *db = self->db;
  gboolean own_transaction = sqlite3_get_autocommit (zr_database_get_handle (db));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gboolean done;
  int rc;

  stmt = _zr_stmt (db, "SELECT EXISTS (SELECT 1 FROM settings WHERE key = '" PATHS_RESOLVED_KEY "')", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  done = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 1;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return _zr_database_set_error (zr_database_get_handle (db), rc, _("Could not read the library"), error);
  if (done)
    return TRUE;

  if (own_transaction && !zr_database_begin (db, error))
    return FALSE;
  stmt = _zr_stmt (db, "SELECT id, path FROM sources"
                       " WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = '" PATHS_RESOLVED_KEY "')", error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
      g_ptr_array_add (paths, g_strdup (_zr_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _zr_database_set_error (zr_database_get_handle (db), rc, _("Could not read the library"), error);
      goto fail;
    }

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *real = dup_source_path (path);
      g_auto(StoredSource) taken = { -1, NULL, NULL, NULL };

      if (g_strcmp0 (real, path) == 0)
        continue;
      if (!lookup_source (db, real, real, &taken, error))
        goto fail;
      if (taken.id < 0 && !rename_source (db, g_array_index (ids, gint64, i), path, real, error))
        goto fail;
    }

  {
    PREPARE (mark, "INSERT OR REPLACE INTO settings (key, value) VALUES ('" PATHS_RESOLVED_KEY "', 'real')");
    if (!step_done (db, mark, error))
      goto fail;
  }
  if (own_transaction && !zr_database_commit (db, error))
    goto fail;
  return TRUE;

fail:
  if (own_transaction)
    zr_database_rollback (db);
  return FALSE;
}

/* A page read, decoded, parsed and analysed, not yet written: the slow
 * part of an import, done without holding the write lock. */
typedef struct
{
  char     *real;              /* canonical real path: how the library knows the file */
  char     *named;             /* the absolute path it was named by */
  char     *basename;
  char     *hash;
  char     *forced_encoding;
  char     *contents;          /* kept only while not analysed (see prepare_file) */
  gsize     len;
  gboolean  override_dropped;  /* an earlier encoding choice no longer reads the file */
  char     *encoding;
  char     *meta_json;
  char     *page_date;
  int       page_number;
  ZrPage   *page;              /* NULL: not analysed */
  GArray   *analysed;          /* element-type Analysed, one per record of page */
} Prepared;

static void
prepared_free (Prepared *prepared)
{
  g_free (prepared->real);
  g_free (prepared->named);
  g_free (prepared->basename);
  g_free (prepared->hash);
  g_free (prepared->forced_encoding);
  g_free (prepared->contents);
  g_free (prepared->encoding);
  g_free (prepared->meta_json);
  g_free (prepared->page_date);
  g_clear_pointer (&prepared->analysed, g_array_unref);   /* before the page its records are borrowed from */
  g_clear_pointer (&prepared->page, zr_page_free);
  g_free (prepared);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Prepared, prepared_free)

static void
prepared_clear_analysis (Prepared *p)
{
  g_clear_pointer (&p->encoding, g_free);
  g_clear_pointer (&p->meta_json, g_free);
  g_clear_pointer (&p->page_date, g_free);
  g_clear_pointer (&p->analysed, g_array_unref);
  g_clear_pointer (&p->page, zr_page_free);
  p->page_number = -1;
}

/* Decodes and analyses (zr_text_analyse ()): everything but writing. */
static gboolean
analyse_page (ZrLibrary   *self,
              Prepared    *p,
              const char  *encoding,
              GError     **error)
{
  g_autofree char *text = zr_text_decode (p->contents, p->len, encoding, &p->encoding, error);

  if (text == NULL)
    return FALSE;
  {
    g_autoptr(ZrAnalysedPage) analysed = zr_text_analyse (text, self->classifier);

    p->page = g_steal_pointer (&analysed->page);
    p->analysed = g_steal_pointer (&analysed->records);
  }
  p->meta_json = page_meta_to_json (p->page);
  zr_source_meta_from_filename (p->basename, &p->page_date, &p->page_number);
  return TRUE;
}

/* Analyses the file as the user chose to read it, if they did; otherwise
 * as chosen at an earlier import. An earlier choice that no longer reads
 * the file cleanly (the file changed, or the choice was wrong) gives way to
 * detection and is dropped, instead of sticking. */
static gboolean
analyse_source (ZrLibrary   *self,
                Prepared    *p,
                const char  *stored_override,
                GError     **error)
{
  g_autoptr(GError) local = NULL;

  p->override_dropped = FALSE;
  if (p->forced_encoding != NULL || stored_override == NULL)
    return analyse_page (self, p, p->forced_encoding, error);
  if (analyse_page (self, p, stored_override, &local))
    return TRUE;
  if (!g_error_matches (local, ZR_IMPORT_ERROR, ZR_IMPORT_ERROR_UNDECODABLE))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  prepared_clear_analysis (p);
  p->override_dropped = TRUE;
  return analyse_page (self, p, NULL, error);
}

/* Reads and analyses @path without writing: NULL with @error set when it
 * cannot be imported, NULL with *@out_unchanged set when the library
 * already holds it as it is. */
static Prepared *
prepare_file (ZrLibrary   *self,
              const char  *path,
              const char  *forced_encoding,
              gboolean    *out_unchanged,
              GError     **error)
{
  ZrDatabase *db = self->db;
  g_autoptr(Prepared) p = g_new0 (Prepared, 1);
  g_auto(StoredSource) stored = { -1, NULL, NULL, NULL };

  *out_unchanged = FALSE;
  p->named = g_canonicalize_filename (path, NULL);
  p->real = dup_source_path (p->named);
  p->basename = g_path_get_basename (p->named);
  p->forced_encoding = g_strdup (forced_encoding);
  p->page_number = -1;

  if (is_library_file (db, p->real))
    {
      g_set_error (error, ZR_IMPORT_ERROR, ZR_IMPORT_ERROR_NOT_SUPPORTED,
                   _("This is the library file itself, not a page file"));
      return NULL;
    }
  if (!read_file (p->real, &p->contents, &p->len, error))
    return NULL;

  if (!self->paths_resolved)
    {
      if (!resolve_stored_paths (self, error))
        return NULL;
      self->paths_resolved = TRUE;
    }

  p->hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) p->contents, p->len);

  if (!lookup_source (db, p->real, p->named, &stored, error))
    return NULL;
  if (stored_source_is_same (&stored, p->hash, forced_encoding))
    {
      if (g_strcmp0 (stored.path, p->real) == 0)
        {
          *out_unchanged = TRUE;
          return NULL;
        }
      /* the same page under an older form of its path: only renamed when
       * written (the contents are kept in case it changed meanwhile) */
      return g_steal_pointer (&p);
    }

  if (!analyse_source (self, p, stored.override, error))
    return NULL;
  g_clear_pointer (&p->contents, g_free);
  return g_steal_pointer (&p);
}

/* Writes @p inside the caller's transaction. The source is looked up
 * again under the write lock: another program (a second import of the same
 * folder), or an earlier file of the same batch, may have imported the same
 * file since it was read (then it is unchanged). A file found unchanged
 * before and changed now is analysed here; if it cannot be read, it fails
 * alone (@file_error set, nothing of it written, %TRUE returned) and the
 * transaction goes on. %FALSE: the library failed (@error). */
static gboolean
write_prepared (ZrLibrary  *self,
                Prepared   *p,
                gboolean   *out_unchanged,
                GError    **file_error,
                GError    **error)
{
  ZrDatabase *db = self->db;
  g_auto(StoredSource) stored = { -1, NULL, NULL, NULL };

  *out_unchanged = FALSE;
  if (!lookup_source (db, p->real, p->named, &stored, error))
    return FALSE;
  if (stored_source_is_same (&stored, p->hash, p->forced_encoding))
    {
      *out_unchanged = TRUE;
      return g_strcmp0 (stored.path, p->real) == 0 ||
             rename_source (db, stored.id, stored.path, p->real, error);
    }
  if (p->page == NULL && !analyse_source (self, p, stored.override, file_error))
    {
      prepared_clear_analysis (p);
      return TRUE;
    }
  if (stored.id >= 0 && g_strcmp0 (stored.path, p->real) != 0 &&
      !rename_source (db, stored.id, stored.path, p->real, error))
    return FALSE;
  return write_page (db, p->real, p->basename, p->hash, p->encoding, p->forced_encoding,
                     p->override_dropped ? NULL : stored.override, p->len,
                     p->page, p->meta_json, p->page_date, p->page_number, stored.id,
                     p->analysed, !self->skip_index, error);
}

/**
 * zr_library_import_file:
 * @path: a page file
 * @forced_encoding: (nullable): the encoding the user chose for this file
 * @out_unchanged: (out) (optional): set when the file was imported before, unchanged
 * @out_records: (out) (optional): records written
 *
 * Imports one page in one transaction: either all its records are in the
 * library afterwards, or the library is as it was. A file is known by its
 * canonical real path: reached again through a symbolic link, it is the
 * same file. Another process importing the same file at the same time is
 * no error: whichever writes second finds the page there. The page is
 * analysed before the transaction begins, so the write lock is held only
 * while it is written.
 */
gboolean
zr_library_import_file (ZrLibrary   *self,
                        const char  *path,
                        const char  *forced_encoding,
                        gboolean    *out_unchanged,
                        guint       *out_records,
                        GError     **error)
{
  g_autoptr(Prepared) prepared = NULL;
  g_autoptr(GError) file_error = NULL;
  gboolean unchanged = FALSE;

  g_return_val_if_fail (ZR_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (out_unchanged)
    *out_unchanged = FALSE;
  if (out_records)
    *out_records = 0;

  prepared = prepare_file (self, path, forced_encoding, &unchanged, error);
  if (prepared == NULL)
    {
      if (out_unchanged)
        *out_unchanged = unchanged;
      return unchanged;
    }

  if (!zr_database_begin (self->db, error))
    return FALSE;
  if (!write_prepared (self, prepared, &unchanged, &file_error, error) ||
      file_error != NULL ||
      !zr_database_commit (self->db, error))
    {
      zr_database_rollback (self->db);
      if (file_error != NULL)
        g_propagate_error (error, g_steal_pointer (&file_error));
      return FALSE;
    }
  if (out_unchanged)
    *out_unchanged = unchanged;
  if (out_records && !unchanged)
    *out_records = prepared->analysed->len;
  return TRUE;
}

static gboolean
write_page (ZrDatabase    *db,
            const char    *abs,
            const char    *basename,
            const char    *hash,
            const char    *encoding,
            const char    *forced_encoding,
            const char    *old_override,
            gsize          len,
            const ZrPage  *page,
            const char    *meta_json,
            const char    *page_date,
            int            page_number,
            gint64         source_id,
            GArray        *analysed,
            gboolean       index,
            GError       **error)
{
  if (source_id >= 0)
    {
      PREPARE (upd, "UPDATE sources SET name = ?, content_hash = ?, encoding = ?, encoding_override = ?,"
                    " size = ?, imported_at = ?, page_date = coalesce (page_date, ?),"
                    " page_number = coalesce (page_number, ?), meta_json = ? WHERE id = ?");
      if (!delete_source_records (db, source_id, error))
        return FALSE;
      sqlite3_bind_text (upd, 1, basename, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (upd, 2, hash, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (upd, 3, encoding, -1, SQLITE_TRANSIENT);
      _zr_bind_text_or_null (upd, 4, forced_encoding ? forced_encoding : old_override);
      sqlite3_bind_int64 (upd, 5, len);
      sqlite3_bind_int64 (upd, 6, g_get_real_time () / G_USEC_PER_SEC);
      _zr_bind_text_or_null (upd, 7, page_date);
      _zr_bind_int_or_null (upd, 8, page_number);
      sqlite3_bind_text (upd, 9, meta_json, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (upd, 10, source_id);
      if (!step_done (db, upd, error))
        return FALSE;
    }
  else
    {
      PREPARE (ins, "INSERT INTO sources (path, name, content_hash, encoding, encoding_override, size,"
                    " imported_at, page_date, page_number, page_label, meta_json)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?)");
      const ZrPageMeta *label = page->meta->len > 0 ? g_ptr_array_index (page->meta, 0) : NULL;
      sqlite3_bind_text (ins, 1, abs, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (ins, 2, basename, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (ins, 3, hash, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (ins, 4, encoding, -1, SQLITE_TRANSIENT);
      _zr_bind_text_or_null (ins, 5, forced_encoding);
      sqlite3_bind_int64 (ins, 6, len);
      sqlite3_bind_int64 (ins, 7, g_get_real_time () / G_USEC_PER_SEC);
      _zr_bind_text_or_null (ins, 8, page_date);
      _zr_bind_int_or_null (ins, 9, page_number);
      _zr_bind_text_or_null (ins, 10, label ? label->text : NULL);
      sqlite3_bind_text (ins, 11, meta_json, -1, SQLITE_TRANSIENT);
      if (!step_done (db, ins, error))
        return FALSE;
      source_id = sqlite3_last_insert_rowid (zr_database_get_handle (db));
    }

  for (guint i = 0; i < analysed->len; i++)
    if (!store_record (db, source_id, i, &g_array_index (analysed, Analysed, i), index, error))
      return FALSE;

  return !index || zr_search_index_source (db, source_id, error);
}

/* Files imported by zr_library_import are analysed ahead and then written
 * together in one transaction, about half a second of work (analysing and
 * writing; or BATCH_BYTES of text) at a time, instead of one transaction per file: each commit
 * adds a segment to the search index, and writing and merging one small
 * segment per page was most of the cost of an import (1.9 → 3.6 MB/s on
 * 40,000 generated articles). The write lock is held only while a batch
 * is written, never while the next file is read and analysed, so other
 * programs (the CLI saving a clipping) can write between batches. A file
 * is still whole or absent after a crash, and a file that cannot be read
 * or decoded never reaches the transaction. */
#define BATCH_USEC  (G_USEC_PER_SEC / 2)
#define BATCH_BYTES ((gsize) 32 * 1024 * 1024)

/* Writes and commits @batch (element-type Prepared) in one transaction,
 * then empties it; on failure nothing of it is kept. */
static gboolean
write_batch (ZrLibrary       *self,
             GPtrArray       *batch,
             ZrImportReport  *report,
             gboolean         stop_before_commit,
             GError         **error)
{
  guint imported = 0, unchanged = 0, articles = 0;

  if (batch->len == 0)
    return TRUE;
  if (!zr_database_begin (self->db, error))
    return FALSE;
  for (guint i = 0; i < batch->len; i++)
    {
      Prepared *prepared = g_ptr_array_index (batch, i);
      g_autoptr(GError) file_error = NULL;
      gboolean same = FALSE;

      if (!write_prepared (self, prepared, &same, &file_error, error))
        {
          zr_database_rollback (self->db);
          return FALSE;
        }
      if (file_error != NULL)
        add_failure (report->failed, prepared->named, file_error->message);
      else if (same)
        unchanged++;
      else
        {
          imported++;
          articles += prepared->analysed->len;
        }
    }
  if (G_UNLIKELY (stop_before_commit))
    raise (SIGSTOP);   /* test_pause_after () */
  if (!zr_database_commit (self->db, error))
    {
      zr_database_rollback (self->db);
      return FALSE;
    }
  report->imported_files += imported;
  report->unchanged_files += unchanged;
  report->articles += articles;
  g_ptr_array_set_size (batch, 0);
  return TRUE;
}

/* Pause points for tests/cli/test-crash.c, so that it kills a write at a
 * known point instead of guessing with a timer. With
 * ZR_TEST_PAUSE_AFTER_FILES=N in the environment, an import commits its
 * first N files, writes file N+1 into a new batch and stops itself
 * (SIGSTOP) before committing it: N files in the library, one half-written,
 * the rest not started. With ZR_TEST_PAUSE_AFTER_RECORDS=N, a
 * reclassification stops itself after rewriting N records of its one
 * transaction. Returns N, 0 (unset) meaning never. */
static guint
test_pause_after (const char *variable)
{
  const char *env = g_getenv (variable);
  guint64 n = 0;

  if (env == NULL || !g_ascii_string_to_unsigned (env, 10, 1, G_MAXUINT, &n, NULL))
    return 0;
  return (guint) n;
}

static ZrImportReport *
import_files (ZrLibrary            *self,
              GPtrArray            *files,
              ZrImportReport       *report,
              ZrImportProgressFunc  progress,
              gpointer              user_data,
              GCancellable         *cancellable,
              GError              **error)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) prepared_free);
  gint64 batch_start = 0;
  gsize batch_bytes = 0;
  guint pause_after = test_pause_after ("ZR_TEST_PAUSE_AFTER_FILES");
  /* writing with the index costs about three times the analysis: a
   * quarter of BATCH_USEC analysing makes a batch of about BATCH_USEC */
  const gint64 analyse_usec = BATCH_USEC / 4;

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      g_autoptr(GError) local = NULL;
      Prepared *prepared;
      gboolean unchanged = FALSE;

      if (g_cancellable_is_cancelled (cancellable))
        {
          /* the files analysed so far are imported and stay */
          if (write_batch (self, batch, report, FALSE, error))
            g_cancellable_set_error_if_cancelled (cancellable, error);
          return NULL;
        }
      if (progress)
        progress (file, i, files->len, user_data);

      if (G_UNLIKELY (pause_after != 0) && i == pause_after)
        {
          /* the first N files are committed before file N+1 is read */
          if (!write_batch (self, batch, report, FALSE, error))
            return NULL;
          batch_bytes = 0;
        }
      if (batch->len == 0)
        batch_start = g_get_monotonic_time ();
      prepared = prepare_file (self, file, NULL, &unchanged, &local);
      if (prepared != NULL)
        {
          batch_bytes += prepared->len;
          g_ptr_array_add (batch, prepared);
        }
      else if (unchanged)
        report->unchanged_files++;
      else if (local->domain == ZR_DATABASE_ERROR)
        {
          /* The library itself failed (damaged, unreadable): the import
           * stops here; the files analysed so far are dropped. */
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      else
        add_failure (report->failed, file, local->message);

      if (G_UNLIKELY (pause_after != 0) && i == pause_after)
        {
          /* file N+1 is written, and the import stops before committing it */
          if (!write_batch (self, batch, report, TRUE, error))
            return NULL;
          batch_bytes = 0;
          continue;
        }

      if (batch->len > 0 &&
          (g_get_monotonic_time () - batch_start >= analyse_usec || batch_bytes >= BATCH_BYTES))
        {
          if (!write_batch (self, batch, report, FALSE, error))
            return NULL;
          batch_bytes = 0;
        }
    }
  if (!write_batch (self, batch, report, FALSE, error))
    return NULL;
  if (progress)
    progress (NULL, files->len, files->len, user_data);
  return report;
}

/**
 * zr_library_import:
 * @paths: files and folders
 * @progress: (scope call) (nullable): called before each file
 *
 * Returns: (transfer full): what happened to each file, or %NULL if the
 *   import was cancelled (@error set to G_IO_ERROR_CANCELLED; what was
 *   imported before stays) or the library could not be written
 */
ZrImportReport *
zr_library_import (ZrLibrary            *self,
                   const char * const   *paths,
                   ZrImportProgressFunc  progress,
                   gpointer              user_data,
                   GCancellable         *cancellable,
                   GError              **error)
{
  g_autoptr(ZrImportReport) report = g_new0 (ZrImportReport, 1);
  g_autoptr(GPtrArray) files = NULL;
  ZrImportReport *done;
  gint64 cache_size;

  g_return_val_if_fail (ZR_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (!self->in_batch, NULL);

  report->failed = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_import_failure_free);
  files = zr_library_collect_files (paths, report->failed);

  /* The search index's merges reread its recent segments: with SQLite's
   * default 2 MB page cache they came from the file again and again
   * (200,000 articles: 2.4 → 3.3 MB/s with 64 MB). Only for the import. */
  {
    sqlite3_stmt *stmt = NULL;

    cache_size = -2000;   /* SQLite's default */
    if (sqlite3_prepare_v2 (zr_database_get_handle (self->db), "PRAGMA cache_size", -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step (stmt) == SQLITE_ROW)
      cache_size = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
  }
  zr_database_exec (self->db, "PRAGMA cache_size = -65536", NULL);

  self->in_batch = TRUE;
  done = import_files (self, files, report, progress, user_data, cancellable, error);
  self->in_batch = FALSE;
  zr_database_rollback (self->db);   /* a no-op unless a write failed */

  {
    g_autofree char *restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, cache_size);
    zr_database_exec (self->db, restore, NULL);
  }

  return done != NULL ? g_steal_pointer (&report) : NULL;
}

/* ---------------------------------------------------------------------- */
/* Reading                                                                 */

static ZrRecord *
load_record (ZrDatabase  *db,
             gint64       id,
             ZrArticle   *article,
             char       **out_why_stored,
             GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(ZrRecord) record = NULL;
  ZrRecordKind kind = ZR_RECORD_KIND_ARTICLE;
  int rc;

  stmt = _zr_stmt (db,
                   "SELECT r.kind, r.headline, r.headline_offset, r.column_label, r.column_offset,"
                   " r.kicker, r.kicker_offset, r.dateline, r.dateline_offset, r.byline_text, r.byline_offset,"
                   " r.source_id, r.position, r.chars, r.district, r.primary_topic, r.why_json,"
                   " s.path, s.name, s.page_date, s.page_number, r.segmentation"
                   " FROM records r JOIN sources s ON s.id = r.source_id WHERE r.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        {
          /* formatted first: xgettext cannot see through G_GINT64_FORMAT */
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
          g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_NOT_FOUND,
                       _("There is no article %s in the library"), number);
        }
      else
        _zr_database_set_error (zr_database_get_handle (db), rc, _("Could not read the library"), error);
      sqlite3_reset (stmt);
      return NULL;
    }

  zr_record_kind_from_string (_zr_column_text (stmt, 0), &kind);
  record = zr_record_new (kind);
#define TEXT_AND_OFFSET(field, col) \
  record->field = g_strdup (_zr_column_text (stmt, col)); \
  record->field##_offset = sqlite3_column_type (stmt, col + 1) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, col + 1)
  TEXT_AND_OFFSET (headline, 1);
  TEXT_AND_OFFSET (column, 3);
  TEXT_AND_OFFSET (kicker, 5);
  TEXT_AND_OFFSET (dateline, 7);
#undef TEXT_AND_OFFSET
  record->byline_text = g_strdup (_zr_column_text (stmt, 9));
  record->byline_offset = sqlite3_column_type (stmt, 10) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 10);
  /* what the parser said of the head lines (show --json's "why") */
  record->segmentation = g_strdup (_zr_column_text (stmt, 21));

  if (article != NULL)
    {
      article->source_id = sqlite3_column_int64 (stmt, 11);
      article->position = sqlite3_column_int (stmt, 12);
      article->chars = sqlite3_column_int (stmt, 13);
      article->district = g_strdup (_zr_column_text (stmt, 14));
      article->topic = g_strdup (_zr_column_text (stmt, 15));
      if (out_why_stored != NULL)
        *out_why_stored = g_strdup (_zr_column_text (stmt, 16));
      article->source_path = g_strdup (_zr_column_text (stmt, 17));
      article->source_name = g_strdup (_zr_column_text (stmt, 18));
      article->page_date = g_strdup (_zr_column_text (stmt, 19));
      article->page_number = sqlite3_column_type (stmt, 20) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 20);
    }
  sqlite3_reset (stmt);

  stmt = _zr_stmt (db, "SELECT kind, text, src_offset FROM paragraphs WHERE record_id = ? ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ZrParagraphKind pk = ZR_PARAGRAPH_KIND_BODY;
      zr_paragraph_kind_from_string (_zr_column_text (stmt, 0), &pk);
      g_ptr_array_add (record->paragraphs,
                       zr_paragraph_new (pk, _zr_column_text (stmt, 1),
                                         sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 2)));
    }
  if (!_zr_database_step_done (stmt, rc, error))
    return NULL;

  stmt = _zr_stmt (db, "SELECT name, role FROM bylines WHERE record_id = ? ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (record->bylines, zr_byline_new (_zr_column_text (stmt, 0), _zr_column_text (stmt, 1)));
  if (!_zr_database_step_done (stmt, rc, error))
    return NULL;

  return g_steal_pointer (&record);
}

static GStrv
load_labels (ZrDatabase  *db,
             const char  *sql,
             gint64       id,
             GError     **error)
{
  sqlite3_stmt *stmt = _zr_stmt (db, sql, error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, g_strdup (_zr_column_text (stmt, 0)));
  if (!_zr_database_step_done (stmt, rc, error))
    return NULL;
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

static ZrArticle *load_article (ZrLibrary *self, gint64 id, gboolean full, GError **error);

/* The evidence for the stored district and topics, from what was stored
 * with them: the compact form, or in libraries of the first version the
 * whole why as JSON. A library written in between has none:
 * the classifier's evidence explains the stored decision only when it
 * comes to the same; else the why says what is stored and that a
 * reclassification would show its evidence. */
static char *
explain_stored (ZrLibrary  *self,
                ZrArticle  *article,
                const char *stored)
{
  g_autoptr(ZrClassification) c = NULL;
  g_autoptr(ZrJson) json = NULL;
  char *why = zr_classification_why_from_stored (stored);

  if (why != NULL)
    return why;
  if (stored != NULL && stored[0] == '{')
    return g_strdup (stored);

  c = zr_classifier_classify (self->classifier, article->record);
  if (g_strcmp0 (c->district, article->district) == 0 && g_strcmp0 (c->topic, article->topic) == 0)
    return g_steal_pointer (&c->why_json);

  json = zr_json_new (FALSE);
  zr_json_begin_object (json);
  for (guint part = 0; part < 2; part++)
    {
      zr_json_key (json, part == 0 ? "district" : "topics");
      zr_json_begin_object (json);
      zr_json_key (json, "primary");
      zr_json_string (json, part == 0 ? article->district : article->topic);
      zr_json_key (json, "rule");
      zr_json_string (json, "classified with other data; reclassify to see the evidence");
      zr_json_key (json, "scores");
      zr_json_begin_object (json);
      zr_json_end_object (json);
      zr_json_key (json, "evidence");
      zr_json_begin_array (json);
      zr_json_end_array (json);
      zr_json_end_object (json);
    }
  zr_json_end_object (json);
  return zr_json_steal (g_steal_pointer (&json));
}

/**
 * zr_library_get_article:
 *
 * Returns: (transfer full): the whole record with its source, districts,
 *   topics, quotes and figures; %NULL with ZR_DATABASE_ERROR_NOT_FOUND if
 *   there is no such record
 */
ZrArticle *
zr_library_get_article (ZrLibrary  *self,
                        gint64      id,
                        GError    **error)
{
  return load_article (self, id, TRUE, error);
}

/**
 * zr_library_get_article_brief:
 *
 * Like zr_library_get_article() but without what takes time to work out
 * (quotes, figures, the classification evidence): for listings.
 *
 * Returns: (transfer full): the article, or %NULL with @error set
 */
ZrArticle *
zr_library_get_article_brief (ZrLibrary  *self,
                              gint64      id,
                              GError    **error)
{
  return load_article (self, id, FALSE, error);
}

static ZrArticle *load_article_in_snapshot (ZrLibrary *self, gint64 id, gboolean full, GError **error);

/* An article is read in one read transaction: a record replaced by another
 * program between its reads would otherwise come back without paragraphs. */
static ZrArticle *
load_article (ZrLibrary  *self,
              gint64      id,
              gboolean    full,
              GError    **error)
{
  gboolean started;
  ZrArticle *article;

  g_return_val_if_fail (ZR_IS_LIBRARY (self), NULL);

  started = zr_database_begin_read (self->db);
  article = load_article_in_snapshot (self, id, full, error);
  zr_database_end_read (self->db, started);
  return article;
}

static ZrArticle *
load_article_in_snapshot (ZrLibrary  *self,
                          gint64      id,
                          gboolean    full,
                          GError    **error)
{
  g_autoptr(ZrArticle) article = g_new0 (ZrArticle, 1);
  g_autofree char *why_stored = NULL;
  ZrDatabase *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ZR_IS_LIBRARY (self), NULL);
  db = self->db;

  article->id = id;
  article->page_number = -1;
  article->record = load_record (db, id, article, full ? &why_stored : NULL, error);
  if (article->record == NULL)
    return NULL;

  article->districts = load_labels (db, "SELECT district FROM record_districts WHERE record_id = ?"
                                        " ORDER BY is_primary DESC, weight DESC, district", id, error);
  if (article->districts == NULL)
    return NULL;
  article->topics = load_labels (db, "SELECT topic FROM record_topics WHERE record_id = ?"
                                     " ORDER BY is_primary DESC, weight DESC, topic", id, error);
  if (article->topics == NULL)
    return NULL;

  article->quotes = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_quote_free);
  if (!full)
    {
      article->figures = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_figure_free);
      return g_steal_pointer (&article);
    }

  article->why_json = explain_stored (self, article, why_stored);
  {
    /* "why" also says why the head lines are what they are */
    const char *seg = article->record->segmentation;

    if (seg != NULL && *seg == '{' && article->why_json != NULL)
      {
        g_autoptr(GString) why = g_string_new (article->why_json);
        g_strchomp (why->str);
        why->len = strlen (why->str);
        if (why->len >= 2 && why->str[why->len - 1] == '}')
          {
            gboolean empty = why->len == 2 || strspn (why->str + 1, " \n\t") == why->len - 2;
            g_string_truncate (why, why->len - 1);
            g_string_append_printf (why, "%s\"segmentation\":%s}", empty ? "" : ",", seg);
            g_free (article->why_json);
            article->why_json = g_string_free (g_steal_pointer (&why), FALSE);
          }
      }
  }

  stmt = _zr_stmt (db, "SELECT paragraph, start_offset, end_offset, text, speaker, role FROM quotes"
                       " WHERE record_id = ? ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (article->quotes,
                     zr_quote_new (sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 1),
                                   sqlite3_column_int (stmt, 2), _zr_column_text (stmt, 3),
                                   _zr_column_text (stmt, 4), _zr_column_text (stmt, 5)));
  if (!_zr_database_step_done (stmt, rc, error))
    return NULL;

  article->figures = zr_figures_extract (article->record);

  return g_steal_pointer (&article);
}

/**
 * zr_library_get_summary:
 *
 * Returns: (transfer full): what a list row shows
 */
ZrArticleSummary *
zr_library_get_summary (ZrLibrary  *self,
                        gint64      id,
                        GError    **error)
{
  sqlite3_stmt *stmt;
  ZrArticleSummary *s;
  int rc;

  g_return_val_if_fail (ZR_IS_LIBRARY (self), NULL);

  stmt = _zr_stmt (self->db,
                   "SELECT r.kind, r.headline, r.column_label, r.kicker, r.district, r.primary_topic,"
                   " s.name, s.page_date, s.page_number, r.chars,"
                   " (SELECT substr (text, 1, 60) FROM paragraphs p WHERE p.record_id = r.id ORDER BY position LIMIT 1)"
                   " FROM records r JOIN sources s ON s.id = r.source_id WHERE r.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        {
          /* formatted first: xgettext cannot see through G_GINT64_FORMAT */
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
          g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_NOT_FOUND,
                       _("There is no article %s in the library"), number);
        }
      else
        _zr_database_set_error (zr_database_get_handle (self->db), rc, _("Could not read the library"), error);
      sqlite3_reset (stmt);
      return NULL;
    }
  s = g_new0 (ZrArticleSummary, 1);
  s->id = id;
  s->kind = g_strdup (_zr_column_text (stmt, 0));
  s->headline = g_strdup (_zr_column_text (stmt, 1));
  s->lead = g_strdup (_zr_column_text (stmt, 10));   /* for a title: zr_article_dup_title () */
  s->column = g_strdup (_zr_column_text (stmt, 2));
  s->kicker = g_strdup (_zr_column_text (stmt, 3));
  s->district = g_strdup (_zr_column_text (stmt, 4));
  s->topic = g_strdup (_zr_column_text (stmt, 5));
  s->source_name = g_strdup (_zr_column_text (stmt, 6));
  s->page_date = g_strdup (_zr_column_text (stmt, 7));
  s->page_number = sqlite3_column_type (stmt, 8) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 8);
  s->chars = sqlite3_column_int (stmt, 9);
  sqlite3_reset (stmt);
  return s;
}

static sqlite3_stmt *
prepare_filtered (ZrLibrary       *self,
                  const char      *select,
                  const ZrFilter  *filter,
                  const char      *tail,
                  GError         **error)
{
  g_autoptr(GString) sql = g_string_new (select);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_string_append (sql, " WHERE 1");
  _zr_filter_append_sql (filter, TRUE, sql, binds);
  if (tail)
    g_string_append (sql, tail);
  /* Filters make many shapes of SQL: the cache keeps the common ones. */
  stmt = _zr_stmt (self->db, sql->str, error);
  if (stmt != NULL)
    _zr_filter_bind (stmt, 1, binds);
  return stmt;
}

/**
 * zr_library_count:
 *
 * Returns: the number of records under @filter (0 with @error set on failure)
 */
guint
zr_library_count (ZrLibrary       *self,
                  const ZrFilter  *filter,
                  GError         **error)
{
  guint n = 0;

  g_return_val_if_fail (ZR_IS_LIBRARY (self), 0);

  /* The statistics cache answers in a millisecond where SQL takes a
   * hundred on a large library. */
  if (!zr_stats_count_articles (self->db, filter, &n, NULL, error))
    return 0;
  return n;
}

/**
 * zr_library_list_ids:
 * @limit: 0 for all
 *
 * Returns: (transfer full) (element-type gint64): record ids in page order
 *   (page date, page number, file name, position on the page)
 */
GArray *
zr_library_list_ids (ZrLibrary       *self,
                     const ZrFilter  *filter,
                     guint            limit,
                     GError         **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *tail = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ZR_IS_LIBRARY (self), NULL);

  tail = limit > 0
    ? g_strdup_printf (" ORDER BY s.page_date, s.page_number, s.name, r.position LIMIT %u", limit)
    : g_strdup (" ORDER BY s.page_date, s.page_number, s.name, r.position");
  stmt = prepare_filtered (self, "SELECT r.id FROM sources s JOIN records r ON r.source_id = s.id",
                           filter, tail, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _zr_database_set_error (zr_database_get_handle (self->db), rc, _("Could not read the library"), error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

gboolean
zr_library_is_empty (ZrLibrary *self)
{
  sqlite3_stmt *stmt;
  gboolean empty = TRUE;

  g_return_val_if_fail (ZR_IS_LIBRARY (self), TRUE);

  stmt = _zr_stmt (self->db, "SELECT EXISTS (SELECT 1 FROM records)", NULL);
  if (stmt == NULL)
    return TRUE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    empty = sqlite3_column_int (stmt, 0) == 0;
  sqlite3_reset (stmt);
  return empty;
}

static gboolean reclassify_ids (ZrLibrary *self, GArray *ids, GCancellable *cancellable,
                                guint *out_changed, GError **error);

/**
 * zr_library_reclassify:
 * @out_changed: (out) (optional): records whose primary district or topic changed
 *
 * Recomputes districts and topics of every record in one transaction: a
 * reclassification that is interrupted leaves the previous one in place.
 */
gboolean
zr_library_reclassify (ZrLibrary     *self,
                       GCancellable  *cancellable,
                       guint         *out_changed,
                       GError       **error)
{
  ZrDatabase *db;
  g_autoptr(GArray) ids = NULL;
  guint changed = 0;

  g_return_val_if_fail (ZR_IS_LIBRARY (self), FALSE);
  db = self->db;

  ids = zr_library_list_ids (self, NULL, 0, error);
  if (ids == NULL)
    return FALSE;

  if (!zr_database_begin (db, error))
    return FALSE;
  if (!reclassify_ids (self, ids, cancellable, &changed, error) ||
      !zr_database_commit (db, error))
    {
      zr_database_rollback (db);
      return FALSE;
    }
  if (out_changed)
    *out_changed = changed;
  return TRUE;
}

static gboolean
reclassify_ids (ZrLibrary     *self,
                GArray        *ids,
                GCancellable  *cancellable,
                guint         *out_changed,
                GError       **error)
{
  ZrDatabase *db = self->db;
  guint changed = 0;
  guint pause_after = test_pause_after ("ZR_TEST_PAUSE_AFTER_RECORDS");

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (G_UNLIKELY (pause_after != 0) && i == pause_after)
        raise (SIGSTOP);
      g_autoptr(ZrArticle) article = g_new0 (ZrArticle, 1);
      g_autoptr(ZrClassification) c = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      article->record = load_record (db, id, article, NULL, error);
      if (article->record == NULL)
        return FALSE;
      c = zr_classifier_classify_full (self->classifier, article->record, FALSE);
      if (g_strcmp0 (c->district, article->district) != 0 || g_strcmp0 (c->topic, article->topic) != 0)
        changed++;

      {
        PREPARE (del_d, "DELETE FROM record_districts WHERE record_id = ?");
        sqlite3_bind_int64 (del_d, 1, id);
        if (!step_done (db, del_d, error))
          return FALSE;
      }
      {
        PREPARE (del_t, "DELETE FROM record_topics WHERE record_id = ?");
        sqlite3_bind_int64 (del_t, 1, id);
        if (!step_done (db, del_t, error))
          return FALSE;
      }
      if (!store_classification (db, id, c, error))
        return FALSE;
    }

  {
    PREPARE (set, "INSERT OR REPLACE INTO settings (key, value) VALUES ('classifier-data', ?)");
    sqlite3_bind_text (set, 1, zr_classifier_get_data_version (self->classifier), -1, SQLITE_TRANSIENT);
    if (!step_done (db, set, error))
      return FALSE;
  }

  *out_changed = changed;
  return TRUE;
}

void
zr_quote_hit_free (ZrQuoteHit *hit)
{
  if (hit == NULL)
    return;
  zr_quote_free (hit->quote);
  g_free (hit);
}

GPtrArray *
zr_library_list_quotes (ZrLibrary       *self,
                        const ZrFilter  *filter,
                        const char      *speaker,
                        GError         **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_quote_hit_free);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ZR_IS_LIBRARY (self), NULL);

  g_string_append (sql, "SELECT q.record_id, q.position, q.paragraph, q.start_offset, q.end_offset,"
                        " q.text, q.speaker, q.role"
                        " FROM sources s JOIN records r ON r.source_id = s.id"
                        " JOIN quotes q ON q.record_id = r.id WHERE 1");
  _zr_filter_append_sql (filter, TRUE, sql, binds);
  if (speaker != NULL && *speaker != '\0')
    {
      g_string_append (sql, " AND (instr (q.speaker, ?) > 0 OR instr (q.role, ?) > 0)");
      g_ptr_array_add (binds, g_strdup (speaker));
      g_ptr_array_add (binds, g_strdup (speaker));
    }
  g_string_append (sql, " ORDER BY s.page_date, s.page_number, s.name, r.position, q.position");

  stmt = _zr_stmt (self->db, sql->str, error);
  if (stmt == NULL)
    return NULL;
  _zr_filter_bind (stmt, 1, binds);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ZrQuoteHit *hit = g_new0 (ZrQuoteHit, 1);
      hit->article_id = sqlite3_column_int64 (stmt, 0);
      hit->index = sqlite3_column_int (stmt, 1) + 1;
      hit->quote = zr_quote_new (sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3),
                                 sqlite3_column_int (stmt, 4), _zr_column_text (stmt, 5),
                                 _zr_column_text (stmt, 6), _zr_column_text (stmt, 7));
      g_ptr_array_add (hits, hit);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _zr_database_set_error (zr_database_get_handle (self->db), rc, _("Could not read the library"), error);
      return NULL;
    }
  return g_steal_pointer (&hits);
}

/**
 * zr_library_set_page:
 * @article_id: any record of the page file
 * @page_date: (nullable): the page date, YYYY-MM-DD, or %NULL to keep it
 * @page_number: the page number (版次), from 1 to %ZR_MAX_PAGE_NUMBER, or
 *   -1 to keep it
 *
 * Sets the page date and page number of the source file of @article_id,
 * for files whose name does not say. What is not given is left as it was.
 *
 * Returns: %FALSE with %ZR_DATA_ERROR_INVALID for a value that is not a
 *   date or a page number (nothing is changed), or
 *   %ZR_DATABASE_ERROR_NOT_FOUND if there is no such record
 */
gboolean
zr_library_set_page (ZrLibrary   *self,
                     gint64       article_id,
                     const char  *page_date,
                     int          page_number,
                     GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ZR_IS_LIBRARY (self), FALSE);

  if (page_date != NULL)
    {
      g_autoptr(GDateTime) dt = NULL;
      g_autofree char *iso = g_strconcat (page_date, "T00:00:00Z", NULL);
      dt = g_date_time_new_from_iso8601 (iso, NULL);
      if (dt == NULL || strlen (page_date) != 10)
        {
          g_set_error (error, ZR_DATA_ERROR, ZR_DATA_ERROR_INVALID,
                       _("“%s” is not a date of the form 2023-03-15"), page_date);
          return FALSE;
        }
    }
  if (page_number != -1 && (page_number < 1 || page_number > ZR_MAX_PAGE_NUMBER))
    {
      g_set_error (error, ZR_DATA_ERROR, ZR_DATA_ERROR_INVALID,
                   _("%d is not a page number (they run from 1 to %d)"), page_number, ZR_MAX_PAGE_NUMBER);
      return FALSE;
    }

  stmt = _zr_stmt (self->db, "UPDATE sources SET page_date = coalesce (?1, page_date),"
                             " page_number = coalesce (?2, page_number)"
                             " WHERE id = (SELECT source_id FROM records WHERE id = ?3)", error);
  if (stmt == NULL)
    return FALSE;
  _zr_bind_text_or_null (stmt, 1, page_date);
  _zr_bind_int_or_null (stmt, 2, page_number);
  sqlite3_bind_int64 (stmt, 3, article_id);
  if (!step_done (self->db, stmt, error))
    return FALSE;
  if (sqlite3_changes (zr_database_get_handle (self->db)) == 0)
    {
      {
        /* formatted first: xgettext cannot see through G_GINT64_FORMAT */
        g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, article_id);
        g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_NOT_FOUND,
                     _("There is no article %s in the library"), number);
      }
      return FALSE;
    }
  return TRUE;
}

void
_zr_library_set_skip_index (ZrLibrary *self,
                            gboolean   skip)
{
  g_return_if_fail (ZR_IS_LIBRARY (self));
  self->skip_index = !!skip;
}
