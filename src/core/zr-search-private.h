/* zr-search-private.h: search conditions for other SQL inside core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends " AND …" conditions on r.id (the records table aliased "r")
 * that hold exactly for the records @query finds, and pushes the values
 * to bind (strings, in order) to @binds. Returns FALSE, appending
 * nothing, for a query that means "no filter" (see
 * zr_search_build_match()). */
gboolean _zr_search_append_sql (const char *query,
                                GString    *where,
                                GPtrArray  *binds);

G_END_DECLS
