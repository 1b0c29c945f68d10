/* zr-library.h: importing pages into the library and reading them back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "zr-article.h"
#include "zr-classifier.h"
#include "zr-database.h"
#include "zr-filter.h"
#include "zr-quotes.h"

G_BEGIN_DECLS

typedef struct
{
  char *path;
  char *message;
} ZrImportFailure;

typedef struct
{
  guint      imported_files;
  guint      unchanged_files;
  guint      articles;          /* records written by this import */
  GPtrArray *failed;            /* element-type ZrImportFailure */
} ZrImportReport;

typedef void (*ZrImportProgressFunc) (const char *path,
                                      guint       done,
                                      guint       total,
                                      gpointer    user_data);

void zr_import_failure_free (ZrImportFailure *failure);
void zr_import_report_free  (ZrImportReport  *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZrImportReport, zr_import_report_free)

#define ZR_TYPE_LIBRARY (zr_library_get_type ())
G_DECLARE_FINAL_TYPE (ZrLibrary, zr_library, ZR, LIBRARY, GObject)

ZrLibrary      *zr_library_new            (ZrDatabase            *db,
                                           ZrClassifier          *classifier);
ZrDatabase     *zr_library_get_database   (ZrLibrary             *self);
ZrClassifier   *zr_library_get_classifier (ZrLibrary             *self);

/* Collects the .txt/.md files under @paths (folders recursively, symlink
 * loops and unreadable entries reported, not followed forever). @failed
 * gets ZrImportFailure elements: give it zr_import_failure_free(). */
GPtrArray      *zr_library_collect_files  (const char * const    *paths,
                                           GPtrArray             *failed);
/* One transaction per file. A file that fails is reported in the report and
 * the others go on. Returns NULL only if the library itself failed. */
ZrImportReport *zr_library_import         (ZrLibrary             *self,
                                           const char * const    *paths,
                                           ZrImportProgressFunc   progress,
                                           gpointer               user_data,
                                           GCancellable          *cancellable,
                                           GError               **error);
gboolean        zr_library_import_file    (ZrLibrary             *self,
                                           const char            *path,
                                           const char            *forced_encoding,
                                           gboolean              *out_unchanged,
                                           guint                 *out_records,
                                           GError               **error);
/* Re-runs classification of every record with the current data files. */
gboolean        zr_library_reclassify     (ZrLibrary             *self,
                                           GCancellable          *cancellable,
                                           guint                 *out_changed,
                                           GError               **error);

guint           zr_library_count          (ZrLibrary             *self,
                                           const ZrFilter        *filter,
                                           GError               **error);
/* Record ids in page order (page date, file, position). */
GArray         *zr_library_list_ids       (ZrLibrary             *self,
                                           const ZrFilter        *filter,
                                           guint                  limit,
                                           GError               **error);
ZrArticleSummary *zr_library_get_summary  (ZrLibrary             *self,
                                           gint64                 id,
                                           GError               **error);
ZrArticle      *zr_library_get_article    (ZrLibrary             *self,
                                           gint64                 id,
                                           GError               **error);
/* Without quotes, figures and evidence (empty arrays, NULL why_json): for
 * listings of many articles. */
ZrArticle      *zr_library_get_article_brief (ZrLibrary          *self,
                                              gint64              id,
                                              GError            **error);
gboolean        zr_library_is_empty       (ZrLibrary             *self);

typedef struct
{
  gint64   article_id;
  guint    index;          /* the quote's number in its article, from 1 */
  ZrQuote *quote;
} ZrQuoteHit;

void            zr_quote_hit_free         (ZrQuoteHit            *hit);
/* Quotes of the records under @filter, in page order; @speaker (nullable)
 * keeps those whose speaker or role contains it. element-type ZrQuoteHit */
GPtrArray      *zr_library_list_quotes    (ZrLibrary             *self,
                                           const ZrFilter        *filter,
                                           const char            *speaker,
                                           GError               **error);
/* Page numbers (版次) run from 1 to this. */
#define ZR_MAX_PAGE_NUMBER 999

/* Sets the page date (YYYY-MM-DD; NULL keeps it) and page number (-1 keeps
 * it) of the source file of @article_id, for sources whose name does not say. */
gboolean        zr_library_set_page       (ZrLibrary             *self,
                                           gint64                 article_id,
                                           const char            *page_date,
                                           int                    page_number,
                                           GError               **error);

G_END_DECLS
