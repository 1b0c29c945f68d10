/* zr-import-dialog.h: progress and summary of an import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zr-library.h"

G_BEGIN_DECLS

#define ZR_TYPE_IMPORT_DIALOG (zr_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ZrImportDialog, zr_import_dialog, ZR, IMPORT_DIALOG, GtkWindow)

ZrImportDialog *zr_import_dialog_new          (GtkWindow            *parent,
                                               GCancellable         *cancellable);
void            zr_import_dialog_set_progress (ZrImportDialog       *self,
                                               const char           *path,
                                               guint                 done,
                                               guint                 total);
/* @report NULL with @error: the library itself failed */
void            zr_import_dialog_finish       (ZrImportDialog       *self,
                                               const ZrImportReport *report,
                                               const GError         *error);
/* The summary text shown at the end (for tests) */
const char     *zr_import_dialog_get_summary  (ZrImportDialog       *self);

G_END_DECLS
