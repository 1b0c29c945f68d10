/* zr-database-private.h: helpers shared inside src/core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zr-database.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Sets @error from the connection's last error; returns FALSE. */
gboolean _zr_database_set_error (sqlite3     *db,
                                 int          rc,
                                 const char  *what,
                                 GError     **error);

/* Ends a read loop `while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)`:
 * resets @stmt and returns TRUE when @rc is SQLITE_DONE (or SQLITE_ROW,
 * for a loop that stopped early on purpose); any other result is an error
 * (a damaged page, a read that failed) and sets @error: a read that ends
 * quietly would show part of an article as if it were all of it. */
gboolean _zr_database_step_done (sqlite3_stmt  *stmt,
                                 int            rc,
                                 GError       **error);

/* A statement borrowed from the cache, reset, bindings cleared. */
static inline sqlite3_stmt *
_zr_stmt (ZrDatabase  *self,
          const char  *sql,
          GError     **error)
{
  return zr_database_get_statement (self, sql, error);
}

static inline const char *
_zr_column_text (sqlite3_stmt *stmt,
                 int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

static inline void
_zr_bind_text_or_null (sqlite3_stmt *stmt,
                       int           idx,
                       const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, idx, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, idx);
}

static inline void
_zr_bind_int_or_null (sqlite3_stmt *stmt,
                      int           idx,
                      int           value)
{
  if (value >= 0)
    sqlite3_bind_int (stmt, idx, value);
  else
    sqlite3_bind_null (stmt, idx);
}

G_END_DECLS
