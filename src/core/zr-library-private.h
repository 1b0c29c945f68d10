/* zr-library-private.h: for measurements only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zr-library.h"

G_BEGIN_DECLS

/* Imports without feeding the search index, so that a benchmark can tell
 * what the index costs. A library imported so is not searchable. */
void _zr_library_set_skip_index (ZrLibrary *self,
                                 gboolean   skip);

G_END_DECLS
