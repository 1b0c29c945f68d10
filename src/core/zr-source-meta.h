/* zr-source-meta.h: page date and page number (版次) from a file name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads 2023-03-15, 20230315, 2023年3月15日 and 第3版, _03, -A03 style parts
 * of a file's base name. Sets *out_date to "YYYY-MM-DD" or NULL and
 * *out_page to the page number or -1. Returns TRUE if either was found. */
gboolean zr_source_meta_from_filename (const char  *basename,
                                       char       **out_date,
                                       int         *out_page);

G_END_DECLS
