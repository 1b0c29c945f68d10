/* zr-test-utils.h: helpers shared by the core and CLI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "zr-classifier.h"
#include "zr-database.h"
#include "zr-library.h"

G_BEGIN_DECLS

/* A fresh folder under the temp dir, removed by zr_test_rmdir(). */
static inline char *
zr_test_mkdtemp (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("zr-test-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

static inline void
zr_test_rmdir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        zr_test_rmdir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* What a run of a program gave: its wait status and output. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} ZrTestRun;

static inline void
zr_test_run_clear (ZrTestRun *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}


static inline ZrLibrary *
zr_test_open_library (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = zr_database_open (path, &error);
  g_autoptr(ZrClassifier) classifier = NULL;

  g_assert_no_error (error);
  classifier = zr_classifier_new_default (&error);
  g_assert_no_error (error);
  return zr_library_new (db, classifier);
}

static inline void
zr_test_copy_file (const char *from,
                   const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_file_get_contents (from, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, len, &error);
  g_assert_no_error (error);
}

/* Evaluates json_extract (@json, @path) with SQLite's JSON1 and returns the
 * value as text (NULL for JSON null or a missing path). Fails the test if
 * @json is not valid JSON. */
static inline char *
zr_test_json_get (const char *json,
                  const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT json_valid (?1), json_extract (?1, ?2)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, path, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static inline gint64
zr_test_json_int (const char *json,
                  const char *path)
{
  g_autofree char *text = zr_test_json_get (json, path);
  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

/* json_array_length (@json, @path) */
static inline gint64
zr_test_json_length (const char *json,
                     const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT json_array_length (?1, ?2)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, path, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_type (stmt, 0), !=, SQLITE_NULL);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

G_END_DECLS
