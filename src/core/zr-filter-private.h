/* zr-filter-private.h: turning a filter into SQL, shared inside core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "zr-filter.h"

G_BEGIN_DECLS

/* Appends " AND …" conditions on the records table aliased "r" to @where,
 * and pushes the values to bind (strings, in order) to @binds. With
 * @with_query FALSE the filter's query is left out. */
void _zr_filter_append_sql (const ZrFilter *filter,
                            gboolean        with_query,
                            GString        *where,
                            GPtrArray      *binds);
/* Binds @binds as text starting at parameter @first. */
void _zr_filter_bind       (sqlite3_stmt   *stmt,
                            int             first,
                            GPtrArray      *binds);

G_END_DECLS
