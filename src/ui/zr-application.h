/* zr-application.h: the GtkApplication
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zr-library.h"

G_BEGIN_DECLS

#define ZR_TYPE_APPLICATION (zr_application_get_type ())
G_DECLARE_FINAL_TYPE (ZrApplication, zr_application, ZR, APPLICATION, GtkApplication)

ZrApplication *zr_application_new              (void);
/* The library file to use, before the application starts (tests, --db) */
void           zr_application_set_db_path      (ZrApplication *self,
                                                const char    *path);
GSettings     *zr_application_get_settings     (ZrApplication *self);
/* The user's library (not the sample): imports go here. NULL before
 * activation has opened it. */
ZrLibrary     *zr_application_get_library      (ZrApplication *self);
const char    *zr_application_get_library_path (ZrApplication *self);
/* Opens the library's path afresh (after its file was deleted or replaced
 * while open: the file now there, or a new one) */
gboolean       zr_application_reopen_library   (ZrApplication  *self,
                                                GError        **error);
/* Opens (once) the sample edition in a temporary library; NULL if the
 * sample pages are not found. */
ZrLibrary     *zr_application_get_sample       (ZrApplication *self);
/* Finds the sample pages: $ZR_SAMPLE_DIR, PKGDATADIR/sample, the source tree */
char          *zr_application_dup_sample_dir   (void);

/* zr-application-actions.c */
void           _zr_application_actions_init    (ZrApplication *self);

G_END_DECLS
