/* test-damaged.c: the window's answer to a damaged library (issue #13):
 * the dialog's "Restore from Backup…" puts a backup back and opens it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "zr-application.h"
#include "zr-error.h"
#include "zr-window.h"
#include "../core/zr-test-utils.h"
#include "zr-test-utils.h"

/* The first toplevel window that is an instance of @type, waiting up to
 * @timeout_ms for it to appear. */
static GtkWindow *
wait_for_toplevel (GType type,
                   guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

          if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
            return window;
        }
      zr_test_spin (20);
    }
  return NULL;
}

static gint64
count_records (const char *path)
{
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT count(*) FROM records", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  return n;
}

static void
test_restore_from_backup (void)
{
  g_autofree char *dir = zr_test_mkdtemp ();
  g_autofree char *db_path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *source = g_build_filename (dir, "earlier.db", NULL);
  g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *page = g_test_build_filename (G_TEST_DIST, "data", "ui", "2024-07-02_第02版_城区.txt", NULL);
  const char *pages[] = { page, NULL };
  g_autoptr(ZrApplication) app = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  GtkWindow *chooser;
  ZrWindow *window = NULL;
  gint64 expected;
  guint damaged = 0;

  /* an earlier state of the library, backed up */
  {
    g_autoptr(ZrLibrary) library = zr_test_open_library (source);
    g_autoptr(ZrImportReport) report = zr_library_import (library, pages, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (report->imported_files, ==, 1);
    g_assert_true (zr_database_backup_to (zr_library_get_database (library), backup, &error));
    g_assert_no_error (error);
  }
  expected = count_records (backup);
  g_assert_cmpint (expected, >, 0);

  /* the library itself is garbage */
  g_assert_true (g_file_set_contents (db_path, "no longer a library: garbage", -1, NULL));

  app = zr_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  zr_application_set_db_path (app, db_path);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  dialog = wait_for_toplevel (GTK_TYPE_MESSAGE_DIALOG, 30000);
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), 1);   /* Restore from Backup… */

  chooser = wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, 30000);
  g_assert_nonnull (chooser);
  file = g_file_new_for_path (backup);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, &error));
  g_assert_no_error (error);
  /* the chooser selects the file once it has read the folder */
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (chosen != NULL && g_file_equal (chosen, file))
        break;
      zr_test_spin (20);
    }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  for (guint i = 0; i < 1500 && window == NULL; i++)
    {
      GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));

      if (ZR_IS_WINDOW (active))
        window = ZR_WINDOW (active);
      else
        zr_test_spin (20);
    }
  g_assert_nonnull (window);
  g_assert_false (zr_window_get_is_sample (window));
  zr_test_spin (200);

  /* the window shows the backup, and the garbage was kept aside */
  {
    g_autoptr(GArray) ids = zr_library_list_ids (zr_window_get_library (window), NULL, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpint (ids->len, ==, expected);
  }
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      if (g_str_has_prefix (name, "library.db.damaged-") && !g_str_has_suffix (name, "-wal")
          && !g_str_has_suffix (name, "-shm"))
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autofree char *contents = NULL;

          g_file_get_contents (path, &contents, NULL, NULL);
          g_assert_cmpstr (contents, ==, "no longer a library: garbage");
          damaged++;
        }
  }
  g_assert_cmpuint (damaged, ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  /* the file chooser's folder reading finishes in GIO's threads */
  zr_test_spin (1500);
  g_clear_object (&app);
  zr_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      /* TAP: a plan of nothing, skipped */
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/damaged/restore-from-backup", test_restore_from_backup);
  return g_test_run ();
}
