/* zr-csv.h: CSV fields as RFC 4180 writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void zr_csv_append_field (GString    *out,
                          const char *value);

G_END_DECLS
