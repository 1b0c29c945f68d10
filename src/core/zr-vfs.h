/* zr-vfs.h: SQLite file locking that no other descriptor of this process can drop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define ZR_VFS_NAME "zr-ofd"

typedef enum
{
  ZR_VFS_FILE_OK,
  ZR_VFS_FILE_DELETED,     /* the library's path names no file any more */
  ZR_VFS_FILE_REPLACED,    /* the path names another file than the one open */
  ZR_VFS_FILE_SHM_LOST,    /* the -shm beside it was removed or replaced */
} ZrVfsFileState;

/* Registers the "zr-ofd" VFS as SQLite's default (once; thread-safe).
 * Returns its name, or NULL where open file description locks are not
 * available (then SQLite's own "unix" VFS is used). */
const char     *zr_vfs_register   (void);
/* Whether the files of the main database of @db are still the ones its
 * connection opened. ZR_VFS_FILE_OK for connections not opened through
 * this VFS (":memory:"). */
ZrVfsFileState  zr_vfs_check_file (sqlite3 *db);

G_END_DECLS
