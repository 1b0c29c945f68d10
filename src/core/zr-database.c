/* zr-database.c: the library file, its schema and migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE   /* renameat2 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "zr-database-private.h"
#include "zr-error.h"
#include "zr-search.h"
#include "zr-vfs.h"

struct _ZrDatabase
{
  GObject     parent_instance;
  sqlite3    *db;
  char       *path;
  GHashTable *statements;   /* sql (owned) → sqlite3_stmt* */
  guint64     generation;   /* bumped on each commit and write (zr_database_get_generation) */
  gboolean    in_memory;
  gboolean    backup_checked;   /* the daily backup was considered on this connection */
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
  /* 1 → 2: what the parser said of an article's head lines (show --json's
   * "why"."segmentation"), apart from the classifier's evidence in why_json */
  "ALTER TABLE records ADD COLUMN segmentation TEXT;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ZR_SCHEMA_VERSION);

/* zr-vfs.c refuses to write to a library whose files are no longer the
 * ones the connection opened: say which way they are lost */
static gboolean
set_moved_error (sqlite3  *db,
                 GError  **error)
{
  const char *path = sqlite3_db_filename (db, "main");

  switch (zr_vfs_check_file (db))
    {
    case ZR_VFS_FILE_DELETED:
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_MOVED,
                   _("The library “%s” was deleted while it was open: nothing more is written to it"), path);
      break;
    case ZR_VFS_FILE_REPLACED:
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_MOVED,
                   _("The library “%s” was replaced by another file while it was open: nothing more is written to it"),
                   path);
      break;
    case ZR_VFS_FILE_SHM_LOST:
    case ZR_VFS_FILE_OK:
    default:
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_MOVED,
                   _("Another program removed the shared index of the library “%s” (its “-shm” file) while "
                     "it was open: nothing more is written to it until it is opened again"), path);
      break;
    }
  return FALSE;
}

gboolean
_zr_database_set_error (sqlite3     *db,
                        int          rc,
                        const char  *what,
                        GError     **error)
{
  int primary = rc & 0xff;
  gboolean os_error = primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY;
  /* the system's errno only where SQLite says the system failed: it is
   * not cleared, and would be stale anywhere else */
  int sys_errno = db != NULL && os_error ? sqlite3_system_errno (db) : 0;
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  g_autofree char *message = NULL;

  if (rc == SQLITE_READONLY_DBMOVED && db != NULL)
    return set_moved_error (db, error);
  if (what == NULL)
    what = _("Library error");

  /* The operating system's reason says more than “disk I/O error” */
  if (sys_errno != 0)
    message = g_strdup_printf ("%s (%s)", detail, g_strerror (sys_errno));
  else
    message = g_strdup (detail);

  /* Only SQLite's own verdict on what it read proves damage; a folder
   * that cannot be written, a full disk or a log that cannot be read are
   * reported as what they are. */
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_DAMAGED,
                 _("%s: the library file is damaged (%s)"), what, message);
  else if (primary == SQLITE_FULL || sys_errno == ENOSPC || sys_errno == EDQUOT || sys_errno == EFBIG)
    g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FULL,
                 _("The library is full (the disk has no space left): %s"), message);
  else if (primary == SQLITE_READONLY || sys_errno == EROFS
           || ((primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR)
               && (sys_errno == EACCES || sys_errno == EPERM)))
    g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_READ_ONLY,
                 _("%s: the library or its folder cannot be written or read (%s)"), what, message);
  else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_BUSY, "%s: %s", what, message);
  else
    g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED, "%s: %s", what, message);
  return FALSE;
}

gboolean
_zr_database_step_done (sqlite3_stmt  *stmt,
                        int            rc,
                        GError       **error)
{
  sqlite3 *db = sqlite3_db_handle (stmt);

  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  if (rc == SQLITE_ROW)
    {
      /* the loop stopped early on purpose */
      sqlite3_reset (stmt);
      return TRUE;
    }
  _zr_database_set_error (db, rc, _("Could not read the library"), error);
  sqlite3_reset (stmt);
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

static gboolean daily_backup (ZrDatabase *self, GError **error);

gboolean
zr_database_begin (ZrDatabase  *self,
                   GError     **error)
{
  g_return_val_if_fail (ZR_IS_DATABASE (self), FALSE);

  if (!daily_backup (self, error))
    return FALSE;
  return zr_database_exec (self, "BEGIN IMMEDIATE", error);
}

/**
 * zr_database_begin_read:
 *
 * Starts a read transaction when none is open, so that the reads that
 * follow see one state of the library: another program's import between
 * them (a record replaced) cannot make an article lose its paragraphs or
 * a listed id vanish. Returns whether it started one; pass that to
 * zr_database_end_read().
 */
gboolean
zr_database_begin_read (ZrDatabase *self)
{
  g_return_val_if_fail (ZR_IS_DATABASE (self), FALSE);

  if (!sqlite3_get_autocommit (self->db))
    return FALSE;
  return sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

void
zr_database_end_read (ZrDatabase *self,
                      gboolean    started)
{
  g_return_if_fail (ZR_IS_DATABASE (self));

  if (!started || sqlite3_get_autocommit (self->db))
    return;
  if (sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
zr_database_commit (ZrDatabase  *self,
                    GError     **error)
{
  /* A library deleted or replaced since the transaction began: what it
   * wrote would be kept nowhere, so it is not reported as saved. */
  if (!zr_database_check_file (self, error))
    {
      zr_database_rollback (self);
      return FALSE;
    }
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
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n = 0;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return _zr_database_set_error (self->db, rc, _("Could not check the library"), error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *row = _zr_column_text (stmt, 0);

      if (g_strcmp0 (row, "ok") == 0 || row == NULL || g_str_has_prefix (row, "*** "))
        continue;
      /* the first few problems say enough */
      if (n++ < 3)
        g_string_append_printf (problems, "%s%s", problems->len > 0 ? "; " : "", row);
    }
  if (rc != SQLITE_DONE)
    return _zr_database_set_error (self->db, rc, _("The integrity check stopped"), error);
  if (n > 0)
    {
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_DAMAGED,
                   _("The library file is damaged: %s"), problems->str);
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Files set aside and backups: never replace an existing file             */

/* Renames @from to @to only if @to does not exist (atomically where the
 * file system allows it). Returns 0, or -1 with errno set (EEXIST when
 * @to is there). */
static int
rename_noreplace (const char *from,
                  const char *to)
{
#ifdef RENAME_NOREPLACE
  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
    return -1;
#endif
  /* link() fails with EEXIST rather than replacing */
  if (link (from, to) != 0)
    return -1;
  if (unlink (from) != 0)
    {
      int saved = errno;
      unlink (to);
      errno = saved;
      return -1;
    }
  return 0;
}

static gboolean
exists_with_sidecars (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_lstat (name, &st) == 0)
        return TRUE;
    }
  return FALSE;
}

char *
zr_database_move_aside (const char  *path,
                        GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = NULL;
  static const char *suffixes[] = { "-wal", "-shm" };

  g_return_val_if_fail (path != NULL, NULL);

  /* A name that is free, with its log and index names free too: a second
   * damaged file in the same second gets “-2”, never the first one's name. */
  for (guint n = 1; target == NULL; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strdup_printf ("%s.damaged-%s", path, stamp)
                                          : g_strdup_printf ("%s.damaged-%s-%u", path, stamp, n);

      if (n > 10000)
        {
          g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED,
                       _("Could not move the damaged library aside: %s"), g_strerror (EEXIST));
          return NULL;
        }
      if (exists_with_sidecars (candidate))
        continue;
      if (rename_noreplace (path, candidate) != 0)
        {
          int saved = errno;

          if (saved == EEXIST)
            continue;
          g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED,
                       _("Could not move the damaged library aside: %s"), g_strerror (saved));
          return NULL;
        }
      target = g_steal_pointer (&candidate);
    }

  /* Its log goes with it: left behind, it would be applied to the next
   * library of that name. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);
      GStatBuf st;

      if (g_lstat (from, &st) != 0)
        continue;
      if (rename_noreplace (from, to) != 0)
        {
          int saved = errno;

          /* put the library (and what went with it) back rather than
           * leave it apart from its log */
          for (guint j = 0; j < i; j++)
            {
              g_autofree char *moved = g_strconcat (target, suffixes[j], NULL);
              g_autofree char *home = g_strconcat (path, suffixes[j], NULL);
              rename_noreplace (moved, home);
            }
          rename_noreplace (target, path);
          g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED,
                       _("Could not move the damaged library's “%s” aside: %s"), from, g_strerror (saved));
          return NULL;
        }
    }
  return g_steal_pointer (&target);
}

char *
zr_database_dup_backup_dir (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);
  return g_strconcat (path, ".backups", NULL);
}

static void
unlink_with_sidecars (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_unlink (name);
    }
}

/* Copies the library, as one consistent snapshot, with SQLite's backup
 * API into a new file @dest (never an existing one). */
static gboolean
backup_to_file (sqlite3     *source,
                const char  *dest,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (dest);
  g_autofree char *base = g_path_get_basename (dest);
  g_autofree char *tmpl = g_strdup_printf ("%s/.%s.tmp-XXXXXX", dir, base);
  sqlite3 *out = NULL;
  sqlite3_backup *backup;
  int fd;
  int rc;

  if (exists_with_sidecars (dest))
    {
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED,
                   _("Could not back up the library: “%s” already exists"), dest);
      return FALSE;
    }

  /* Written under a fresh name, renamed when whole: a backup is either
   * complete or absent, and nothing stale can lie beside it. */
  fd = g_mkstemp (tmpl);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, ZR_DATABASE_ERROR, saved == ENOSPC ? ZR_DATABASE_ERROR_FULL : ZR_DATABASE_ERROR_FAILED,
                   _("Could not back up the library to “%s”: %s"), dest, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (tmpl, &out, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (out, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (out);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = sqlite3_errcode (out);
        }
    }
  /* A rollback-journal file: read, even read-only, it needs no -wal or
   * -shm beside it. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Could not back up the library to “%s”"), dest);
      _zr_database_set_error (out, rc, what, error);
      sqlite3_close (out);
      unlink_with_sidecars (tmpl);
      return FALSE;
    }
  rc = sqlite3_close (out);
  if (rc != SQLITE_OK || rename_noreplace (tmpl, dest) != 0)
    {
      int saved = errno;
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED,
                   _("Could not back up the library to “%s”: %s"), dest,
                   rc != SQLITE_OK ? sqlite3_errstr (rc) : g_strerror (saved));
      unlink_with_sidecars (tmpl);
      return FALSE;
    }
  return TRUE;
}

gboolean
zr_database_backup_to (ZrDatabase  *self,
                       const char  *dest,
                       GError     **error)
{
  g_return_val_if_fail (ZR_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);

  return backup_to_file (self->db, dest, error);
}

static int
compare_names_newest_first (gconstpointer a,
                            gconstpointer b)
{
  return -strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
zr_database_list_backups (const char *path)
{
  g_autofree char *dir_path = zr_database_dup_backup_dir (path);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "library-") && g_str_has_suffix (name, ".db"))
      g_ptr_array_add (names, g_strdup (name));
  /* the names carry the time they were made: newest first */
  g_ptr_array_sort (names, compare_names_newest_first);
  for (guint i = 0; i < names->len; i++)
    {
      char *full = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      g_free (g_ptr_array_index (names, i));
      g_ptr_array_index (names, i) = full;
    }
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static char *
make_backup_keeping (ZrDatabase  *self,
                     const char  *keep,
                     GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *dest = NULL;
  g_auto(GStrv) all = NULL;

  g_return_val_if_fail (ZR_IS_DATABASE (self), NULL);

  dir = zr_database_dup_backup_dir (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, ZR_DATABASE_ERROR, saved == ENOSPC ? ZR_DATABASE_ERROR_FULL : ZR_DATABASE_ERROR_FAILED,
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved));
      return NULL;
    }
  for (guint n = 0; dest == NULL; n++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
      g_autofree char *candidate = g_strdup_printf ("%s/library-%s.%06d.db", dir, stamp,
                                                    g_date_time_get_microsecond (now));
      if (!exists_with_sidecars (candidate))
        dest = g_steal_pointer (&candidate);
      else if (n > 100)
        {
          g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED,
                       _("Could not back up the library to “%s”: %s"), candidate, g_strerror (EEXIST));
          return NULL;
        }
      else
        g_usleep (1);
    }
  if (!backup_to_file (self->db, dest, error))
    return NULL;

  /* The last three are kept (and the one being restored from). */
  all = zr_database_list_backups (self->path);
  for (guint i = ZR_DATABASE_BACKUPS_KEPT; i < g_strv_length (all); i++)
    if (keep == NULL || !g_str_equal (all[i], keep))
      unlink_with_sidecars (all[i]);
  return g_steal_pointer (&dest);
}

/**
 * zr_database_make_backup:
 *
 * Copies the library into its backups folder
 * (zr_database_dup_backup_dir()) under a new name; only the newest
 * %ZR_DATABASE_BACKUPS_KEPT are kept.
 *
 * Returns: (transfer full): the backup's path, or %NULL with @error set
 */
char *
zr_database_make_backup (ZrDatabase  *self,
                         GError     **error)
{
  return make_backup_keeping (self, NULL, error);
}

static gboolean
library_has_content (ZrDatabase *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT EXISTS (SELECT 1 FROM sources)", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  return sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
}

/* At most once a day, before the first write of a connection: a copy of
 * the library as it was. */
static gboolean
daily_backup (ZrDatabase  *self,
              GError     **error)
{
  g_auto(GStrv) all = NULL;
  g_autofree char *made = NULL;

  if (self->backup_checked || self->in_memory)
    return TRUE;
  self->backup_checked = TRUE;

  all = zr_database_list_backups (self->path);
  if (all[0] != NULL)
    {
      GStatBuf st;

      if (g_stat (all[0], &st) == 0 && (gint64) st.st_mtime + 24 * 60 * 60 > g_get_real_time () / G_USEC_PER_SEC)
        return TRUE;
    }
  if (!library_has_content (self))
    return TRUE;
  made = zr_database_make_backup (self, error);
  return made != NULL;
}

/* ---------------------------------------------------------------------- */
/* Opening: only a new file or this app's library                          */

static gboolean
query_int64 (sqlite3    *db,
             const char *sql,
             gint64     *out,
             int        *rc_out)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        rc = SQLITE_ERROR;
    }
  *rc_out = rc;
  return rc == SQLITE_OK;
}

static gboolean
open_error (ZrDatabase  *self,
            int          rc,
            GError     **error)
{
  g_autofree char *what = g_strdup_printf (_("Could not open the library “%s”"), self->path);
  return _zr_database_set_error (self->db, rc, what, error);
}

/* A library written before the application id was stamped is known by
 * its tables. */
#define LIBRARY_TABLES_SQL \
  "SELECT count(*) FROM sqlite_master WHERE type = 'table'" \
  " AND name IN ('sources', 'records', 'paragraphs', 'clippings', 'settings', 'record_fts')"
#define LIBRARY_TABLES 6

typedef enum
{
  LIBRARY_NEW,      /* an empty file: ours to fill */
  LIBRARY_OURS,     /* carries ZR_APPLICATION_ID */
  LIBRARY_LEGACY,   /* written before the application id was stamped */
} LibraryKind;

/* Reads the file's identity without writing anything: one read
 * transaction, so a library being created by another process is seen
 * either before or after. */
static gboolean
check_identity (ZrDatabase   *self,
                LibraryKind  *kind,
                GError      **error)
{
  gint64 app_id = 0, version = 0, objects = 0, tables = 0;
  int rc;

  rc = sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL);
  if (rc == SQLITE_OK
      && query_int64 (self->db, "PRAGMA application_id", &app_id, &rc)
      && query_int64 (self->db, "PRAGMA user_version", &version, &rc)
      && query_int64 (self->db, "SELECT count(*) FROM sqlite_master", &objects, &rc))
    query_int64 (self->db, LIBRARY_TABLES_SQL, &tables, &rc);
  if (rc != SQLITE_OK)
    open_error (self, rc, error);   /* before COMMIT clears SQLite's message */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return FALSE;

  if (app_id == 0 && version == 0 && objects == 0)
    {
      *kind = LIBRARY_NEW;
      return TRUE;
    }
  if (app_id == ZR_APPLICATION_ID || (app_id == 0 && tables == LIBRARY_TABLES && version > 0))
    {
      if (version > ZR_SCHEMA_VERSION)
        {
          g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_TOO_NEW,
                       _("The library “%s” was written by a newer version of Zhuzhou Reader "
                         "(schema %d, this version knows %d). It was left untouched."),
                       self->path, (int) version, ZR_SCHEMA_VERSION);
          return FALSE;
        }
      if (version > 0)
        {
          *kind = app_id == ZR_APPLICATION_ID ? LIBRARY_OURS : LIBRARY_LEGACY;
          return TRUE;
        }
      if (version == 0 && objects == 0)
        {
          *kind = LIBRARY_NEW;
          return TRUE;
        }
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_NOT_LIBRARY,
                   _("“%s” has a schema version (%d) that no version of Zhuzhou Reader writes. "
                     "It was left untouched."),
                   self->path, (int) version);
      return FALSE;
    }

  g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_NOT_LIBRARY,
               _("“%s” is not a Zhuzhou Reader library (it is another program's database). "
                 "It was left untouched."),
               self->path);
  return FALSE;
}

static guint32
read_be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* A write-ahead log left beside a library that is not its own (the
 * library file was replaced by a copy, a backup put back by hand) is
 * applied by SQLite as if it were, and its first checkpoint cuts the file
 * to the other library's size. The app never shrinks a library (no
 * VACUUM), so every transaction in a library's own log leaves it at least
 * as large as its file: a log whose largest transaction is smaller than
 * the file is not its log, and is refused before SQLite reads it.
 *
 * The log is read with a file descriptor of our own: SQLite locks the
 * library file and its -shm index, never the -wal, so opening and closing
 * the -wal drops none of its locks. */
static gboolean
check_log_belongs (ZrDatabase  *self,
                   GError     **error)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  sqlite3_file *file = NULL;
  sqlite3_int64 file_size = -1;
  guint64 largest = 0;
  guchar header[32];
  guint32 page_size, salt1, salt2;
  GStatBuf st;
  FILE *log;

  if (g_stat (wal, &st) != 0 || st.st_size < (goffset) sizeof header)
    return TRUE;
  if (sqlite3_file_control (self->db, "main", SQLITE_FCNTL_FILE_POINTER, &file) == SQLITE_OK
      && file != NULL && file->pMethods != NULL)
    file->pMethods->xFileSize (file, &file_size);
  if (file_size <= 0)
    return TRUE;   /* an empty library: SQLite discards its log itself */

  log = g_fopen (wal, "rb");
  if (log == NULL)
    return TRUE;   /* SQLite reports what stops it reading the log */
  if (fread (header, 1, sizeof header, log) != sizeof header
      || (read_be32 (header) & 0xfffffffe) != 0x377f0682)
    {
      fclose (log);
      return TRUE;   /* not a log SQLite would apply */
    }
  page_size = read_be32 (header + 8);
  if (page_size == 1)
    page_size = 65536;
  salt1 = read_be32 (header + 16);
  salt2 = read_be32 (header + 20);
  if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0)
    {
      fclose (log);
      return TRUE;
    }

  /* frames of this generation of the log: 24-byte header, then a page;
   * a commit frame records the library's size in pages */
  for (goffset offset = sizeof header; offset + 24 + page_size <= (goffset) st.st_size; offset += 24 + page_size)
    {
      guchar frame[24];

      if (fseeko (log, offset, SEEK_SET) != 0 || fread (frame, 1, sizeof frame, log) != sizeof frame)
        break;
      if (read_be32 (frame + 8) != salt1 || read_be32 (frame + 12) != salt2)
        break;
      largest = MAX (largest, (guint64) read_be32 (frame + 4));
    }
  fclose (log);

  if (largest > 0 && largest * page_size < (guint64) file_size)
    {
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_STALE_LOG,
                   _("The write-ahead log “%s” beside the library does not belong to it "
                     "(applied, it would cut the library to a fraction of its size). "
                     "Nothing was changed: move that file away, or put a backup back with "
                     "“zhuzhou-reader-cli restore”."),
                   wal);
      return FALSE;
    }
  return TRUE;
}

static gboolean
backup_before_migration (ZrDatabase  *self,
                         GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *made = zr_database_make_backup (self, &local);

  if (made == NULL)
    {
      g_set_error (error, local->domain, local->code,
                   _("Could not back up the library before upgrading it: %s"), local->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (ZrDatabase   *self,
         LibraryKind   kind,
         GError      **error)
{
  gint64 version = 0;
  g_autofree char *set_version = NULL;
  g_autofree char *set_id = NULL;
  int rc;

  if (!query_int64 (self->db, "PRAGMA user_version", &version, &rc))
    return open_error (self, rc, error);
  if (kind == LIBRARY_OURS && version == ZR_SCHEMA_VERSION)
    return TRUE;

  if (version > 0 && version < ZR_SCHEMA_VERSION && !self->in_memory
      && !backup_before_migration (self, error))
    return FALSE;

  if (!zr_database_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* again inside the write lock: another process may have created it */
  if (!query_int64 (self->db, "PRAGMA user_version", &version, &rc))
    {
      open_error (self, rc, error);
      goto fail;
    }
  for (gint64 v = version; v < ZR_SCHEMA_VERSION; v++)
    {
      if (!zr_database_exec (self, migrations[v], error))
        goto fail;
      if (v == 0 && !zr_search_create_schema (self, error))
        goto fail;
    }
  set_version = g_strdup_printf ("PRAGMA user_version = %d", ZR_SCHEMA_VERSION);
  set_id = g_strdup_printf ("PRAGMA application_id = %d", ZR_APPLICATION_ID);
  if (!zr_database_exec (self, set_version, error) || !zr_database_exec (self, set_id, error))
    goto fail;
  if (!zr_database_commit (self, error))
    goto fail;
  return TRUE;

fail:
  zr_database_rollback (self);
  return FALSE;
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
 * Opens (creating if needed) the library and migrates it forward. Only an
 * empty file or one of this app's libraries is opened: another program's
 * database, a library from a newer schema and a library beside a log that
 * is not its own are refused and left as they were. The file is declared
 * damaged (ZR_DATABASE_ERROR_DAMAGED) only on SQLite's own word.
 *
 * Returns: (transfer full): the database, or %NULL with @error set
 */
ZrDatabase *
zr_database_open (const char  *path,
                  GError     **error)
{
  g_autoptr(ZrDatabase) self = NULL;
  LibraryKind kind = LIBRARY_NEW;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (*path == '\0')
    {
      /* SQLite would open a private temporary database and keep nothing */
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED,
                   _("No library file was named (the path is empty)"));
      return NULL;
    }

  self = g_object_new (ZR_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->in_memory = g_strcmp0 (path, ":memory:") == 0;

  if (!self->in_memory)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, ZR_DATABASE_ERROR,
                       saved == EACCES || saved == EROFS || saved == EPERM ? ZR_DATABASE_ERROR_READ_ONLY
                       : saved == ENOSPC ? ZR_DATABASE_ERROR_FULL : ZR_DATABASE_ERROR_FAILED,
                       _("Could not create the folder “%s”: %s"), dir, g_strerror (saved));
          return NULL;
        }
    }

  /* zr_vfs_register(): locks no dialog of this process can drop (zr-vfs.c) */
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        zr_vfs_register ());
  if (rc != SQLITE_OK)
    {
      open_error (self, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_handler (self->db, busy_handler, self);
  /* Nothing is written back from a log until the file is known to be ours */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  if (!zr_search_register_tokenizer (self->db, error))
    return NULL;

  if (!self->in_memory && !check_log_belongs (self, error))
    return NULL;
  if (!check_identity (self, &kind, error))
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
      open_error (self, rc, error);
      return NULL;
    }

  if (!migrate (self, kind, error))
    return NULL;

  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
  return g_steal_pointer (&self);
}

char *
zr_database_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "zhuzhou-reader", "library.db", NULL);
}

/* ---------------------------------------------------------------------- */
/* Restoring a backup                                                      */

/* Opens @file read-only and checks it is a whole library of this app. */
static sqlite3 *
open_backup (const char  *file,
             GError     **error)
{
  sqlite3 *src = NULL;
  gint64 app_id = 0, version = 0, tables = 0;
  int rc;

  if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_NOT_FOUND,
                   _("There is no backup file “%s”"), file);
      return NULL;
    }
  rc = sqlite3_open_v2 (file, &src, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (src, 1);
      sqlite3_busy_timeout (src, 5000);
      rc = zr_search_register_tokenizer (src, NULL) ? SQLITE_OK : SQLITE_ERROR;
    }
  if (rc == SQLITE_OK
      && query_int64 (src, "PRAGMA application_id", &app_id, &rc)
      && query_int64 (src, "PRAGMA user_version", &version, &rc)
      && query_int64 (src, LIBRARY_TABLES_SQL, &tables, &rc))
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      rc = sqlite3_prepare_v2 (src, "PRAGMA quick_check", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0)
            rc = SQLITE_OK;
          else
            rc = SQLITE_CORRUPT;
        }
    }
  if (rc != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Could not read the backup “%s”"), file);
      _zr_database_set_error (src, rc, what, error);
      sqlite3_close (src);
      return NULL;
    }
  /* a copy of a library from before the application id counts too */
  if ((app_id != ZR_APPLICATION_ID && !(app_id == 0 && tables == LIBRARY_TABLES)) || version < 1)
    {
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_NOT_LIBRARY,
                   _("“%s” is not a backup of a Zhuzhou Reader library"), file);
      sqlite3_close (src);
      return NULL;
    }
  if (version > ZR_SCHEMA_VERSION)
    {
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_TOO_NEW,
                   _("The backup “%s” was written by a newer version of Zhuzhou Reader "
                     "(schema %d, this version knows %d)."),
                   file, (int) version, ZR_SCHEMA_VERSION);
      sqlite3_close (src);
      return NULL;
    }
  return src;
}

/**
 * zr_database_restore:
 * @path: the library
 * @backup: a backup file (zr_database_backup_to(), an automatic backup)
 * @out_previous: (out) (optional): where the library as it was is kept —
 *   a new backup of it, or the name a damaged one was set aside under;
 *   %NULL when there was no library
 *
 * Puts @backup's contents into the library through SQLite (the backup API,
 * in one write transaction under the library's own locks), so the library's
 * log and index stay its own; never a file copy. A damaged library is set
 * aside first, with its log. Another program's database is refused.
 *
 * Returns: (transfer full): the library, opened, or %NULL with @error set
 */
ZrDatabase *
zr_database_restore (const char  *path,
                     const char  *backup,
                     char       **out_previous,
                     GError     **error)
{
  g_autoptr(ZrDatabase) self = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *previous = NULL;
  sqlite3 *src;
  sqlite3_backup *copy;
  gboolean existed;
  GStatBuf st;
  int rc;

  g_return_val_if_fail (path != NULL && backup != NULL, NULL);

  {
    GStatBuf bst;

    if (g_stat (path, &st) == 0 && g_stat (backup, &bst) == 0
        && st.st_dev == bst.st_dev && st.st_ino == bst.st_ino)
      {
        g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED,
                     _("“%s” is the library itself, not a backup of it"), backup);
        return NULL;
      }
  }
  src = open_backup (backup, error);
  if (src == NULL)
    return NULL;
  existed = g_stat (path, &st) == 0 && st.st_size > 0;

  self = zr_database_open (path, &local);
  /* a damaged library, or one beside a log that is not its own, is set
   * aside whole (file, log and index) and the backup goes into a new one */
  if (self == NULL && (g_error_matches (local, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_DAMAGED)
                       || g_error_matches (local, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_STALE_LOG)))
    {
      previous = zr_database_move_aside (path, error);
      if (previous == NULL)
        goto fail;
      g_clear_error (&local);
      self = zr_database_open (path, &local);
    }
  if (self == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  if (previous == NULL && existed)
    {
      previous = make_backup_keeping (self, backup, error);
      if (previous == NULL)
        goto fail;
    }

  copy = sqlite3_backup_init (self->db, "main", src, "main");
  if (copy == NULL)
    {
      _zr_database_set_error (self->db, sqlite3_errcode (self->db), _("Could not restore the backup"), error);
      goto fail;
    }
  rc = sqlite3_backup_step (copy, -1);
  sqlite3_backup_finish (copy);
  if (rc != SQLITE_DONE)
    {
      _zr_database_set_error (self->db, rc, _("Could not restore the backup"), error);
      goto fail;
    }
  sqlite3_close (src);
  src = NULL;
  g_clear_object (&self);

  /* opened again: the statement cache and the schema are the backup's */
  self = zr_database_open (path, error);
  if (self == NULL)
    goto fail;

  if (out_previous != NULL)
    *out_previous = g_steal_pointer (&previous);
  return g_steal_pointer (&self);

fail:
  if (src != NULL)
    sqlite3_close (src);
  return NULL;
}

/**
 * zr_database_check_file:
 *
 * Checks that the library's path still names the file this connection
 * opened, and that no other program removed its shared index (-shm): a
 * library deleted or replaced while the window is open, or a program that
 * ignored SQLite's locks. The connection refuses to write in either case
 * (zr-vfs.c); the window should say so and offer to open the library
 * again.
 *
 * Returns: %FALSE with @error set (%ZR_DATABASE_ERROR_MOVED) when the files
 *   are not the ones opened
 */
gboolean
zr_database_check_file (ZrDatabase  *self,
                        GError     **error)
{
  g_return_val_if_fail (ZR_IS_DATABASE (self), FALSE);

  if (zr_vfs_check_file (self->db) == ZR_VFS_FILE_OK)
    return TRUE;
  return set_moved_error (self->db, error);
}

/**
 * zr_database_restore_deleted:
 *
 * After the library's file was deleted while this connection had it open
 * (zr_database_check_file()), writes everything the connection can still
 * read — the deleted file and its log, open until it closes — to a new
 * file at the library's path, with SQLite's backup API. Never replaces a
 * file: if one appeared at the path meanwhile, fails and leaves it alone.
 * Open the path again afterwards.
 */
gboolean
zr_database_restore_deleted (ZrDatabase  *self,
                             GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int fd;
  int rc;
  int saved;

  g_return_val_if_fail (ZR_IS_DATABASE (self), FALSE);

  if (zr_vfs_check_file (self->db) != ZR_VFS_FILE_DELETED)
    {
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED,
                   _("The library “%s” was not deleted: there is nothing to restore"), self->path);
      return FALSE;
    }

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      saved = errno;
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED,
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  tmp = g_strconcat (self->path, ".restoring-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED,
                   _("Could not restore the library “%s”: %s"), self->path, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE, zr_vfs_register ());
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
    }
  if (rc != SQLITE_OK)
    {
      _zr_database_set_error (dest, rc, _("Could not restore the library"), error);
      sqlite3_close (dest);
      g_unlink (tmp);
      return FALSE;
    }
  sqlite3_close (dest);

  /* link(), not rename(): a file that appeared at the path is kept */
  if (link (tmp, self->path) != 0)
    {
      saved = errno;
      g_unlink (tmp);
      g_set_error (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_FAILED,
                   _("Could not restore the library “%s”: %s"), self->path, g_strerror (saved));
      return FALSE;
    }
  g_unlink (tmp);
  return TRUE;
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
