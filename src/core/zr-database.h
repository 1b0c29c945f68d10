/* zr-database.h: the library file (one SQLite database)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define ZR_SCHEMA_VERSION 2
/* PRAGMA application_id of every library ("zhrd"): a file without it is
 * another program's and is never written to. */
#define ZR_APPLICATION_ID 0x7A687264
/* Automatic backups kept in the backups folder */
#define ZR_DATABASE_BACKUPS_KEPT 3

#define ZR_TYPE_DATABASE (zr_database_get_type ())
G_DECLARE_FINAL_TYPE (ZrDatabase, zr_database, ZR, DATABASE, GObject)

ZrDatabase *zr_database_open              (const char   *path,
                                           GError      **error);
const char *zr_database_get_path          (ZrDatabase   *self);
sqlite3    *zr_database_get_handle        (ZrDatabase   *self);
gboolean    zr_database_exec              (ZrDatabase   *self,
                                           const char   *sql,
                                           GError      **error);
gboolean    zr_database_begin             (ZrDatabase   *self,
                                           GError      **error);
gboolean    zr_database_begin_read        (ZrDatabase   *self);
void        zr_database_end_read          (ZrDatabase   *self,
                                           gboolean      started);
gboolean    zr_database_commit            (ZrDatabase   *self,
                                           GError      **error);
void        zr_database_rollback          (ZrDatabase   *self);
/* A counter bumped by every successful zr_database_commit() and every
 * zr_database_exec() that changed rows: caches of the library's contents
 * kept on this connection compare it to know they are stale. */
guint64     zr_database_get_generation    (ZrDatabase   *self);
/* Changes whenever another connection (the CLI importing while the window
 * is open) committed to the library: PRAGMA data_version. */
gint64      zr_database_get_data_version  (ZrDatabase   *self);
/* A prepared statement cached on the connection; reset and clear bindings
 * before each use. Borrowed: do not finalize. */
sqlite3_stmt *zr_database_get_statement   (ZrDatabase   *self,
                                           const char   *sql,
                                           GError      **error);
gboolean    zr_database_check_integrity   (ZrDatabase   *self,
                                           GError      **error);
/* FALSE (ZR_DATABASE_ERROR_MOVED) when the library was deleted or replaced
 * while open, or its -shm removed: see zr-database.c */
gboolean    zr_database_check_file        (ZrDatabase   *self,
                                           GError      **error);
/* The library deleted while open: writes what this connection still reads
 * to a new file at its path (never over an existing file) */
gboolean    zr_database_restore_deleted   (ZrDatabase   *self,
                                           GError      **error);

char       *zr_database_dup_default_path  (void);
/* Renames a damaged library file (and its -wal/-shm) to
 * PATH.damaged-YYYYMMDD-HHMMSS (with -2, -3… if that name is taken: an
 * existing file is never replaced); returns the new path. */
char       *zr_database_move_aside        (const char   *path,
                                           GError      **error);

/* Backups: SQLite backup API copies, each a whole library in one file.
 * Automatic ones go to PATH.backups/library-<UTC time>.db (before a
 * migration, before a restore, and at most daily before the first write);
 * the newest ZR_DATABASE_BACKUPS_KEPT are kept. */
char       *zr_database_dup_backup_dir    (const char   *path);
GStrv       zr_database_list_backups      (const char   *path);
char       *zr_database_make_backup       (ZrDatabase   *self,
                                           GError      **error);
/* Writes a backup to @dest, which must not exist yet. */
gboolean    zr_database_backup_to         (ZrDatabase   *self,
                                           const char   *dest,
                                           GError      **error);
ZrDatabase *zr_database_restore           (const char   *path,
                                           const char   *backup,
                                           char        **out_previous,
                                           GError      **error);

G_END_DECLS
