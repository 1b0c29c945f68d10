/* zr-database.c: the library file, its schema and migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "zr-database-private.h"
#include "zr-error.h"
#include "zr-search.h"

struct _ZrDatabase
{
  GObject     parent_instance;
  sqlite3    *db;
  char       *path;
  GHashTable *statements;   /* sql (owned) → sqlite3_stmt* */
  guint64     generation;   /* bumped on each commit and write (zr_database_get_generation) */
  gint64      busy_since;   /* when the current wait for a lock began */
};

G_DEFINE_FINAL_TYPE (ZrDatabase, zr_database, G_TYPE_OBJECT)

/* How long a connection waits for another one's lock */
#define BUSY_TIMEOUT_MS 5000

/* Version 1: everything the app knows so far. Later versions append a
 * migration to this array; each runs in its own transaction. */
static const char *migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE sources ("
  "  id INTEGER PRIMARY KEY,"
  "  path TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  content_hash TEXT NOT NULL,"
  "  encoding TEXT NOT NULL,"
  "  encoding_override TEXT,"
  "  size INTEGER NOT NULL,"
  "  imported_at INTEGER NOT NULL,"
  "  page_date TEXT,"                 /* YYYY-MM-DD */
  "  page_number INTEGER,"            /* 版次 */
  "  page_label TEXT,"
  "  meta_json TEXT NOT NULL DEFAULT '[]'"
  ");"
  "CREATE TABLE records ("
  /* AUTOINCREMENT: an id, once given, never names another article (links
   * zhuzhou-reader://article/ID and clippings keep meaning what they said) */
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('article','notice','fragment')),"
  "  headline TEXT, headline_offset INTEGER,"
  "  column_label TEXT, column_offset INTEGER,"
  "  kicker TEXT, kicker_offset INTEGER,"
  "  dateline TEXT, dateline_offset INTEGER,"
  "  byline_text TEXT, byline_offset INTEGER,"
  "  chars INTEGER NOT NULL DEFAULT 0,"
  "  district TEXT,"
  "  primary_topic TEXT,"
  "  why_json TEXT,"
  "  UNIQUE (source_id, position)"
  ");"
  "CREATE TABLE paragraphs ("
  "  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('body','subhead','caption')),"
  "  text TEXT NOT NULL,"
  "  src_offset INTEGER,"
  "  PRIMARY KEY (record_id, position)"
  ") WITHOUT ROWID;"
  "CREATE TABLE bylines ("
  "  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  role TEXT,"
  "  PRIMARY KEY (record_id, position)"
  ") WITHOUT ROWID;"
  "CREATE TABLE record_districts ("
  "  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
  "  district TEXT NOT NULL,"
  "  is_primary INTEGER NOT NULL DEFAULT 0,"
  "  weight REAL NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (record_id, district)"
  ") WITHOUT ROWID;"
  "CREATE TABLE record_topics ("
  "  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
  "  topic TEXT NOT NULL,"
  "  is_primary INTEGER NOT NULL DEFAULT 0,"
  "  weight REAL NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (record_id, topic)"
  ") WITHOUT ROWID;"
  "CREATE INDEX record_topics_topic ON record_topics (topic, record_id);"
  "CREATE TABLE quotes ("
  "  id INTEGER PRIMARY KEY,"
  "  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  paragraph INTEGER NOT NULL,"
  "  start_offset INTEGER NOT NULL,"   /* characters into the paragraph */
  "  end_offset INTEGER NOT NULL,"
  "  text TEXT NOT NULL,"
  "  speaker TEXT,"
  "  role TEXT,"
  "  UNIQUE (record_id, position)"
  ");"
  /* Figures are found again when an article is opened (zr-figures.c is
   * fast): storing them cost a sixth of the text's size. */
  "CREATE TABLE clippings ("
  "  id INTEGER PRIMARY KEY,"
  "  record_id INTEGER REFERENCES records(id) ON DELETE SET NULL,"
  "  source_path TEXT NOT NULL DEFAULT '',"         /* survives re-imports that renumber records */
  "  record_position INTEGER NOT NULL DEFAULT -1,"  /* NOT NULL: UNIQUE treats NULLs as distinct */
  "  quote_text TEXT NOT NULL,"
  "  speaker TEXT,"
  "  role TEXT,"
  "  headline TEXT,"
  "  citation TEXT,"
  "  note TEXT,"
  "  saved_at INTEGER NOT NULL,"
  "  UNIQUE (quote_text, source_path, record_position)"
  ");"
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT"
  ") WITHOUT ROWID;"
  /* stats (zr-stats.c): covering indexes for totals and facets */
  /* The district filter; counts and statistics come from the in-memory
   * facts (zr-facts.c), so no other index is needed for them. */
  "CREATE INDEX records_district_chars ON records (district, chars);"
  /* page order: date, page, file (the list and articles --json) */
  "CREATE INDEX sources_order ON sources (page_date, page_number, name);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ZR_SCHEMA_VERSION);

gboolean
_zr_database_set_error (sqlite3     *db,
                        int          rc,
                        const char  *what,
                        GError     **error)
{
  int code = ZR_DATABASE_ERROR_FAILED;
  int primary = rc & 0xff;

  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    code = ZR_DATABASE_ERROR_DAMAGED;
  else if (primary == SQLITE_FULL)
    code = ZR_DATABASE_ERROR_FULL;
  else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    code = ZR_DATABASE_ERROR_BUSY;

  if (code == ZR_DATABASE_ERROR_FULL)
    g_set_error (error, ZR_DATABASE_ERROR, code,
                 _("The library is full (the disk has no space left): %s"),
                 db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  else
    g_set_error (error, ZR_DATABASE_ERROR, code, "%s: %s",
                 what ? what : _("Library error"),
                 db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

static void
zr_database_finalize (GObject *object)
{
  ZrDatabase *self = (ZrDatabase *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (zr_database_parent_class)->finalize (object);
}

static void
zr_database_class_init (ZrDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zr_database_finalize;
}

static void
statement_free (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
zr_database_init (ZrDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, statement_free);
}

const char *
zr_database_get_path (ZrDatabase *self)
{
  g_return_val_if_fail (ZR_IS_DATABASE (self), NULL);
  return self->path;
}

sqlite3 *
zr_database_get_handle (ZrDatabase *self)
{
  g_return_val_if_fail (ZR_IS_DATABASE (self), NULL);
  return self->db;
}

gboolean
zr_database_exec (ZrDatabase  *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_int64 changes;
  int rc;

  g_return_val_if_fail (ZR_IS_DATABASE (self), FALSE);

  changes = sqlite3_total_changes64 (self->db);
  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return _zr_database_set_error (self->db, rc, _("Could not update the library"), error);
  if (sqlite3_total_changes64 (self->db) != changes)
    self->generation++;
  return TRUE;
}

gboolean
zr_database_begin (ZrDatabase  *self,
                   GError     **error)
{
  return zr_database_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
zr_database_commit (ZrDatabase  *self,
                    GError     **error)
{
  if (!zr_database_exec (self, "COMMIT", error))
    return FALSE;
  self->generation++;
  return TRUE;
}

guint64
zr_database_get_generation (ZrDatabase *self)
{
  g_return_val_if_fail (ZR_IS_DATABASE (self), 0);
  return self->generation;
}

void
zr_database_rollback (ZrDatabase *self)
{
  g_return_if_fail (ZR_IS_DATABASE (self));
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

sqlite3_stmt *
zr_database_get_statement (ZrDatabase  *self,
                           const char  *sql,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ZR_IS_DATABASE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _zr_database_set_error (self->db, rc, _("Could not read the library"), error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
zr_database_check_integrity (ZrDatabase  *self,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return _zr_database_set_error (self->db, rc, _("The library file is damaged"), error);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _zr_database_set_error (self->db, rc, _("The library file is damaged"), error);
  if (g_strcmp0 (_zr_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_DAMAGED,
                   _("The library file is damaged: %s"), _zr_column_text (stmt, 0));
      return FALSE;
    }
  return TRUE;
}

static int
get_user_version (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int (stmt, 0);
}

static gboolean
backup_before_migration (ZrDatabase  *self,
                         int          from_version,
                         GError     **error)
{
  g_autofree char *backup_path = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  backup_path = g_strdup_printf ("%s.backup-v%d", self->path, from_version);
  rc = sqlite3_open (backup_path, &dest);
  if (rc != SQLITE_OK)
    {
      _zr_database_set_error (dest, rc, _("Could not back up the library before upgrading it"), error);
      sqlite3_close (dest);
      return FALSE;
    }
  backup = sqlite3_backup_init (dest, "main", self->db, "main");
  if (backup == NULL)
    {
      _zr_database_set_error (dest, sqlite3_errcode (dest),
                              _("Could not back up the library before upgrading it"), error);
      sqlite3_close (dest);
      return FALSE;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      _zr_database_set_error (dest, rc, _("Could not back up the library before upgrading it"), error);
      sqlite3_close (dest);
      return FALSE;
    }
  sqlite3_close (dest);
  return TRUE;
}

static gboolean
migrate (ZrDatabase  *self,
         GError     **error)
{
  int version = get_user_version (self->db);

  if (version < 0)
    return _zr_database_set_error (self->db, sqlite3_errcode (self->db),
                                   _("The library file could not be read"), error);

  if (version > ZR_SCHEMA_VERSION)
    {
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_TOO_NEW,
                   _("The library “%s” was written by a newer version of Zhuzhou Reader "
                     "(schema %d, this version knows %d). It was left untouched."),
                   self->path, version, ZR_SCHEMA_VERSION);
      return FALSE;
    }

  if (version > 0 && version < ZR_SCHEMA_VERSION && g_strcmp0 (self->path, ":memory:") != 0)
    {
      if (!backup_before_migration (self, version, error))
        return FALSE;
    }

  for (int v = version; v < ZR_SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = NULL;

      if (!zr_database_begin (self, error))
        return FALSE;
      /* Another process that opened the same new library at the same time
       * may have migrated it while this one waited for the write lock: the
       * version read before the transaction is then out of date, and the
       * migration would fail (“table sources already exists”). Start over
       * from the version the file has now. */
      if (get_user_version (self->db) != v)
        {
          zr_database_rollback (self);
          return migrate (self, error);
        }
      if (!zr_database_exec (self, migrations[v], error))
        goto fail;
      if (v == 0 && !zr_search_create_schema (self, error))
        goto fail;
      set_version = g_strdup_printf ("PRAGMA user_version = %d", v + 1);
      if (!zr_database_exec (self, set_version, error))
        goto fail;
      if (!zr_database_commit (self, error))
        goto fail;
      continue;

    fail:
      zr_database_rollback (self);
      return FALSE;
    }

  return TRUE;
}

static guint32
read_be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Checks the file's header without reading the rest: it must be a SQLite
 * database, and not shorter than the size its header records (a copy cut
 * short). A full PRAGMA quick_check reads every page — seconds for a large
 * library at every start — so damage elsewhere is left to surface as
 * SQLITE_CORRUPT when it is read (reported as ZR_DATABASE_ERROR_DAMAGED).
 *
 * The header is read through the connection's own file handle. Opening the
 * file a second time and closing it would drop every POSIX lock this process
 * holds on it (the locks of the other connections too, such as the window's
 * while an import runs on its own connection), and another process could
 * then take the library for unused and remove a write-ahead log still being
 * written to. */
static gboolean
looks_like_sqlite (sqlite3     *db,
                   const char  *path,
                   GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  guchar header[100];
  sqlite3_file *file = NULL;
  sqlite3_int64 size = 0;
  int rc;

  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK
      || file == NULL || file->pMethods == NULL)
    return TRUE;   /* nothing opened yet: SQLite reports what it finds */
  if (file->pMethods->xFileSize (file, &size) != SQLITE_OK || size == 0)
    return TRUE;   /* new: it will be created */

  rc = file->pMethods->xRead (file, header, sizeof header, 0);
  if (rc == SQLITE_IOERR_SHORT_READ || (rc == SQLITE_OK && memcmp (header, magic, sizeof magic) != 0))
    {
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_DAMAGED,
                   _("The library “%s” is damaged: it is not a library file"), path);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED,
                   _("Could not read the library “%s”: %s"), path, sqlite3_errstr (rc));
      return FALSE;
    }

  {
    guint32 page_size = ((guint32) header[16] << 8) | header[17];
    guint32 pages = read_be32 (header + 28);
    gboolean size_valid = read_be32 (header + 24) == read_be32 (header + 92);

    if (page_size == 1)
      page_size = 65536;
    if (size_valid && pages > 0 && (guint64) size < (guint64) pages * page_size)
      {
        g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_DAMAGED,
                     _("The library “%s” is damaged: the file is shorter than it should be"), path);
        return FALSE;
      }
  }
  return TRUE;
}

/* Waits for another connection's lock for up to BUSY_TIMEOUT_MS, trying
 * again every millisecond. SQLite's own timeout sleeps longer and longer
 * between tries (up to 100 ms): a second import of the same folder then
 * kept missing the few milliseconds between the first import's batches
 * (half a second each) and gave up with “database is locked”. */
static int
busy_handler (void *data,
              int   count)
{
  ZrDatabase *self = data;
  gint64 now = g_get_monotonic_time ();

  if (count == 0)
    self->busy_since = now;
  if (now - self->busy_since >= (gint64) BUSY_TIMEOUT_MS * 1000)
    return 0;
  g_usleep (1000);
  return 1;
}

/* Switching a new library to write-ahead logging takes an exclusive lock
 * and SQLite does not wait for it through the busy handler: a second
 * process opening the same new library at that moment got SQLITE_BUSY.
 * It waits here as long as the busy timeout would. */
static int
set_journal_mode (sqlite3 *db)
{
  gint64 deadline = g_get_monotonic_time () + BUSY_TIMEOUT_MS * 1000;
  int rc;

  while ((rc = sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL",
                             NULL, NULL, NULL)) == SQLITE_BUSY &&
         g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);
  return rc;
}

/**
 * zr_database_open:
 * @path: the file, or ":memory:"
 *
 * Opens (creating if needed) the library, migrates it forward, and
 * refuses a file that is not a library or comes from a newer schema.
 *
 * Returns: (transfer full): the database, or %NULL with @error set
 */
ZrDatabase *
zr_database_open (const char  *path,
                  GError     **error)
{
  g_autoptr(ZrDatabase) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_strcmp0 (path, ":memory:") != 0)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED,
                       _("Could not create the folder “%s”: %s"), dir, g_strerror (saved));
          return NULL;
        }
    }

  self = g_object_new (ZR_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _zr_database_set_error (self->db, rc, _("Could not open the library"), error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_handler (self->db, busy_handler, self);

  if (!looks_like_sqlite (self->db, path, error))
    return NULL;

  if (!zr_search_register_tokenizer (self->db, error))
    return NULL;

  /* Larger pages pack paragraphs and index segments better (a new file
   * only: SQLite ignores this once the file has tables). */
  if (!zr_database_exec (self, "PRAGMA page_size = 8192", error))
    return NULL;
  if (!zr_database_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;
  /* journal_mode reads the file: a damaged header shows here first */
  rc = set_journal_mode (self->db);
  if (rc != SQLITE_OK)
    {
      _zr_database_set_error (self->db, rc, _("The library file is damaged"), error);
      return NULL;
    }

  /* Reading the schema version touches the first pages: a file whose
   * header survived but whose schema did not fails here. */

  if (!migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

char *
zr_database_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "zhuzhou-reader", "library.db", NULL);
}

char *
zr_database_move_aside (const char  *path,
                        GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.damaged-%s", path, stamp);
  static const char *suffixes[] = { "-wal", "-shm" };

  if (g_rename (path, target) != 0)
    {
      int saved = errno;
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED,
                   _("Could not move the damaged library aside: %s"), g_strerror (saved));
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);
      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }
  return g_steal_pointer (&target);
}

gint64
zr_database_get_data_version (ZrDatabase *self)
{
  sqlite3_stmt *stmt;
  gint64 version = -1;

  g_return_val_if_fail (ZR_IS_DATABASE (self), -1);

  stmt = zr_database_get_statement (self, "PRAGMA data_version", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return version;
}
