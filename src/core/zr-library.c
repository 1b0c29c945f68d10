/* zr-library.c  (being written: import pipeline and read API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-library.h"

struct _ZrLibrary
{
  GObject       parent_instance;
  ZrDatabase   *db;
  ZrClassifier *classifier;
};

G_DEFINE_FINAL_TYPE (ZrLibrary, zr_library, G_TYPE_OBJECT)

static void
zr_library_dispose (GObject *object)
{
  ZrLibrary *self = (ZrLibrary *) object;
  g_clear_object (&self->db);
  g_clear_object (&self->classifier);
  G_OBJECT_CLASS (zr_library_parent_class)->dispose (object);
}

static void zr_library_class_init (ZrLibraryClass *klass) { G_OBJECT_CLASS (klass)->dispose = zr_library_dispose; }
static void zr_library_init (ZrLibrary *self) { }

ZrLibrary *
zr_library_new (ZrDatabase   *db,
                ZrClassifier *classifier)
{
  ZrLibrary *self = g_object_new (ZR_TYPE_LIBRARY, NULL);
  self->db = g_object_ref (db);
  self->classifier = g_object_ref (classifier);
  return self;
}

ZrDatabase *zr_library_get_database (ZrLibrary *self) { return self->db; }
ZrClassifier *zr_library_get_classifier (ZrLibrary *self) { return self->classifier; }
void zr_import_report_free (ZrImportReport *report) { if (report) { g_ptr_array_unref (report->failed); g_free (report); } }
GPtrArray *zr_library_collect_files (const char * const *paths, GPtrArray *failed) { return g_ptr_array_new_with_free_func (g_free); }
ZrImportReport *zr_library_import (ZrLibrary *self, const char * const *paths, ZrImportProgressFunc progress, gpointer user_data, GCancellable *cancellable, GError **error) { return NULL; }
gboolean zr_library_import_file (ZrLibrary *self, const char *path, const char *forced_encoding, gboolean *out_unchanged, guint *out_records, GError **error) { return FALSE; }
gboolean zr_library_reclassify (ZrLibrary *self, GCancellable *cancellable, guint *out_changed, GError **error) { return FALSE; }
guint zr_library_count (ZrLibrary *self, const ZrFilter *filter, GError **error) { return 0; }
GArray *zr_library_list_ids (ZrLibrary *self, const ZrFilter *filter, guint limit, GError **error) { return g_array_new (FALSE, FALSE, sizeof (gint64)); }
ZrArticleSummary *zr_library_get_summary (ZrLibrary *self, gint64 id, GError **error) { return NULL; }
ZrArticle *zr_library_get_article (ZrLibrary *self, gint64 id, GError **error) { return NULL; }
gboolean zr_library_is_empty (ZrLibrary *self) { return TRUE; }
