/* zr-filter.h: what the user narrowed the library to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* districts: union of the listed ones; topics: union of the listed ones;
 * districts and topics intersect; query narrows further. NULL or empty
 * members mean "no restriction". */
typedef struct
{
  GStrv  districts;
  GStrv  topics;
  char  *query;
} ZrFilter;

ZrFilter *zr_filter_new        (void);
ZrFilter *zr_filter_copy       (const ZrFilter *filter);
void      zr_filter_free       (ZrFilter       *filter);
gboolean  zr_filter_is_empty   (const ZrFilter *filter);
void      zr_filter_set_districts (ZrFilter         *filter,
                                   const char * const *districts);
void      zr_filter_set_topics    (ZrFilter         *filter,
                                   const char * const *topics);
void      zr_filter_set_query     (ZrFilter         *filter,
                                   const char       *query);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZrFilter, zr_filter_free)

G_END_DECLS
