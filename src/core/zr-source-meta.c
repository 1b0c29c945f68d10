/* zr-source-meta.c  (STUB)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-source-meta.h"

gboolean
zr_source_meta_from_filename (const char  *basename,
                              char       **out_date,
                              int         *out_page)
{
  *out_date = NULL;
  *out_page = -1;
  return FALSE;
}
