/* zr-application.c: the GtkApplication
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "zr-application.h"
#include "zr-error.h"
#include "zr-window.h"

struct _ZrApplication
{
  GtkApplication  parent_instance;

  GSettings      *settings;
  ZrClassifier   *classifier;
  ZrLibrary      *library;
  char           *library_path;
  ZrLibrary      *sample;
  char           *sample_tmpdir;

  /* From the command line, applied once the library is open */
  char           *db_path;
  gint64          article_id;
  char           *district;
  GPtrArray      *pending_files;   /* char* paths to import */
  gboolean        opening;
};

G_DEFINE_FINAL_TYPE (ZrApplication, zr_application, GTK_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Use the library file PATH"), N_("PATH") },
  { "article", 0, 0, G_OPTION_ARG_INT64, NULL, N_("Open the article with this ID"), N_("ID") },
  { "district", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Show the articles of this district"), N_("NAME") },
  { NULL }
};

static void zr_application_continue (ZrApplication *self);

static void
show_error_and_quit (ZrApplication *self,
                     const char    *primary,
                     const char    *secondary);

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        g_remove (child);
      }
  g_rmdir (path);
}

char *
zr_application_dup_sample_dir (void)
{
  const char *env = g_getenv ("ZR_SAMPLE_DIR");
  g_autofree char *installed = g_build_filename (PKGDATADIR, "sample", NULL);

  if (env != NULL && g_file_test (env, G_FILE_TEST_IS_DIR))
    return g_strdup (env);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);
  if (g_file_test (SOURCE_SAMPLEDIR, G_FILE_TEST_IS_DIR))
    return g_strdup (SOURCE_SAMPLEDIR);
  return NULL;
}

ZrLibrary *
zr_application_get_sample (ZrApplication *self)
{
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(ZrDatabase) db = NULL;
  g_autoptr(ZrLibrary) sample = NULL;
  g_autoptr(ZrImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[2] = { NULL, NULL };

  g_return_val_if_fail (ZR_IS_APPLICATION (self), NULL);

  if (self->sample != NULL)
    return self->sample;

  dir = zr_application_dup_sample_dir ();
  if (dir == NULL)
    return NULL;

  self->sample_tmpdir = g_dir_make_tmp ("zhuzhou-reader-sample-XXXXXX", &error);
  if (self->sample_tmpdir == NULL)
    {
      g_warning ("Could not make a folder for the sample edition: %s", error->message);
      return NULL;
    }
  db_path = g_build_filename (self->sample_tmpdir, "sample.db", NULL);
  db = zr_database_open (db_path, &error);
  if (db == NULL)
    {
      g_warning ("Could not open the sample edition: %s", error->message);
      return NULL;
    }

  /* The sample is a few pages: importing it here takes milliseconds */
  sample = zr_library_new (db, self->classifier);
  paths[0] = dir;
  report = zr_library_import (sample, paths, NULL, NULL, NULL, &error);
  if (report == NULL)
    {
      g_warning ("Could not import the sample edition: %s", error ? error->message : "?");
      return NULL;
    }
  if (zr_library_is_empty (sample))
    return NULL;

  self->sample = g_steal_pointer (&sample);
  return self->sample;
}

static ZrWindow *
get_window (ZrApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (ZR_IS_WINDOW (window))
    return ZR_WINDOW (window);

  window = GTK_WINDOW (zr_window_new (self));
  return ZR_WINDOW (window);
}

static void
zr_application_present (ZrApplication *self)
{
  ZrWindow *window = get_window (self);

  if (self->district != NULL)
    {
      if (!zr_window_select_district (window, self->district))
        g_printerr (_("Unknown district “%s”\n"), self->district);
      g_clear_pointer (&self->district, g_free);
    }
  if (self->article_id > 0)
    {
      zr_window_open_article (window, self->article_id);
      self->article_id = 0;
    }
  if (self->pending_files->len > 0)
    {
      g_ptr_array_add (self->pending_files, NULL);
      zr_window_import (window, (const char * const *) self->pending_files->pdata);
      g_ptr_array_set_size (self->pending_files, 0);
    }

  gtk_window_present (GTK_WINDOW (window));
}

static gboolean
open_library (ZrApplication  *self,
              GError        **error)
{
  g_autoptr(ZrDatabase) db = NULL;

  db = zr_database_open (self->library_path, error);
  if (db == NULL)
    return FALSE;
  self->library = zr_library_new (db, self->classifier);
  return TRUE;
}

gboolean
zr_application_reopen_library (ZrApplication  *self,
                               GError        **error)
{
  g_autoptr(ZrLibrary) old = NULL;

  g_return_val_if_fail (ZR_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (self->library_path != NULL, FALSE);

  old = g_steal_pointer (&self->library);
  if (!open_library (self, error))
    {
      self->library = g_steal_pointer (&old);
      return FALSE;
    }
  return TRUE;
}

enum
{
  RESPONSE_RESTORE = 1,
};

static void
restore_chosen_cb (GtkNativeDialog *chooser,
                   int              response,
                   ZrApplication   *self)
{
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *backup = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(ZrDatabase) db = NULL;

      /* the damaged library is set aside (never deleted) first */
      if (backup != NULL)
        db = zr_database_restore (self->library_path, backup, NULL, &error);
      if (db == NULL)
        show_error_and_quit (self, _("Could not restore the backup"),
                             error != NULL ? error->message : _("Choose a local file"));
      else
        {
          self->library = zr_library_new (db, self->classifier);
          self->opening = FALSE;
          zr_application_continue (self);
        }
    }

  self->opening = FALSE;
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_application_release (G_APPLICATION (self));
}

static void
choose_backup (ZrApplication *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *dir = zr_database_dup_backup_dir (self->library_path);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Restore from Backup"), NULL, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Restore"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Library backups"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (dir);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (restore_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
damaged_response_cb (GtkDialog     *dialog,
                     int            response,
                     ZrApplication *self)
{
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (dialog));

  if (response == RESPONSE_RESTORE)
    {
      /* still opening: the chooser holds the application */
      choose_backup (self);
      return;
    }
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *aside = zr_database_move_aside (self->library_path, &error);

      if (aside == NULL || !open_library (self, &error))
        show_error_and_quit (self, _("Could not start a new library"), error->message);
      else
        {
          self->opening = FALSE;
          zr_application_continue (self);
        }
    }
  self->opening = FALSE;
  g_application_release (G_APPLICATION (self));
}

static void
error_response_cb (GtkDialog     *dialog,
                   int            response,
                   ZrApplication *self)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_application_quit (G_APPLICATION (self));
}

static void
show_error_and_quit (ZrApplication *self,
                     const char    *primary,
                     const char    *secondary)
{
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (NULL, GTK_DIALOG_MODAL, GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                   "%s", primary);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_object (dialog, "response", G_CALLBACK (error_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opens the library (asking first before setting a damaged file aside),
 * then shows the window. */
static void
zr_application_continue (ZrApplication *self)
{
  g_autoptr(GError) error = NULL;

  if (self->library == NULL)
    {
      if (self->opening)
        return;

      if (self->classifier == NULL)
        {
          self->classifier = zr_classifier_new_default (&error);
          if (self->classifier == NULL)
            {
              show_error_and_quit (self, _("Could not load the district and topic data"), error->message);
              return;
            }
        }

      if (self->library_path == NULL)
        {
          g_autofree char *setting = g_settings_get_string (self->settings, "library-path");

          if (self->db_path != NULL)
            self->library_path = g_strdup (self->db_path);
          else if (setting != NULL && *setting != '\0')
            self->library_path = g_steal_pointer (&setting);
          else
            self->library_path = zr_database_dup_default_path ();
        }

      if (!open_library (self, &error))
        {
          if (g_error_matches (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_DAMAGED)
              || g_error_matches (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_STALE_LOG))
            {
              GtkWidget *dialog;

              /* a log that is not the library's own is set aside with it */
              dialog = gtk_message_dialog_new (NULL, GTK_DIALOG_MODAL, GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                               "%s",
                                               g_error_matches (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_DAMAGED)
                                               ? _("The library is damaged")
                                               : _("The library cannot be opened safely"));
              gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                                        _("“%s” could not be read: %s\n\n"
                                                          "It can be renamed and kept aside, and a backup put back "
                                                          "or a new, empty library started. Nothing is deleted."),
                                                        self->library_path, error->message);
              gtk_dialog_add_buttons (GTK_DIALOG (dialog),
                                      _("_Quit"), GTK_RESPONSE_CANCEL,
                                      _("_Restore from Backup…"), RESPONSE_RESTORE,
                                      _("_Move Aside and Start New"), GTK_RESPONSE_ACCEPT,
                                      NULL);
              gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
              gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
              g_signal_connect_object (dialog, "response", G_CALLBACK (damaged_response_cb), self, 0);
              self->opening = TRUE;
              g_application_hold (G_APPLICATION (self));
              gtk_window_present (GTK_WINDOW (dialog));
            }
          else if (g_error_matches (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_TOO_NEW))
            show_error_and_quit (self, _("This library needs a newer version of Zhuzhou Reader"),
                                 error->message);
          else
            show_error_and_quit (self, _("Could not open the library"), error->message);
          return;
        }
    }

  zr_application_present (self);
}

static int
zr_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  ZrApplication *self = ZR_APPLICATION (app);
  const char *db = NULL;
  const char *district = NULL;
  gint64 article = 0;

  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    zr_application_set_db_path (self, db);
  if (g_variant_dict_lookup (options, "article", "x", &article))
    self->article_id = article;
  if (g_variant_dict_lookup (options, "district", "&s", &district))
    {
      g_free (self->district);
      self->district = g_strdup (district);
    }

  return G_APPLICATION_CLASS (zr_application_parent_class)->handle_local_options (app, options);
}

static void
zr_application_startup (GApplication *app)
{
  ZrApplication *self = ZR_APPLICATION (app);
  g_autoptr(GtkCssProvider) provider = NULL;
  GtkIconTheme *icon_theme;

  G_APPLICATION_CLASS (zr_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APP_ID);

  /* GTK 4.8's GtkApplication does not load style.css by itself */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/zhuzhou/Reader/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  icon_theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  gtk_icon_theme_add_resource_path (icon_theme, "/io/github/zhuzhou/Reader/icons");
  self->settings = g_settings_new (APP_ID);
  _zr_application_actions_init (self);
}

static void
zr_application_activate (GApplication *app)
{
  zr_application_continue (ZR_APPLICATION (app));
}

static gboolean
parse_article_uri (const char *uri,
                   gint64     *id)
{
  const char *prefix = "zhuzhou-reader://article/";
  char *end = NULL;
  gint64 value;

  if (!g_str_has_prefix (uri, prefix))
    return FALSE;
  value = g_ascii_strtoll (uri + strlen (prefix), &end, 10);
  if (end == uri + strlen (prefix) || value <= 0)
    return FALSE;
  *id = value;
  return TRUE;
}

static void
zr_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  ZrApplication *self = ZR_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);
      g_autofree char *path = g_file_get_path (files[i]);
      gint64 id;

      if (parse_article_uri (uri, &id))
        self->article_id = id;
      else if (path != NULL)
        g_ptr_array_add (self->pending_files, g_steal_pointer (&path));
      else
        g_printerr (_("Cannot open “%s”\n"), uri);
    }

  zr_application_continue (self);
}

static void
zr_application_shutdown (GApplication *app)
{
  ZrApplication *self = ZR_APPLICATION (app);

  G_APPLICATION_CLASS (zr_application_parent_class)->shutdown (app);

  g_clear_object (&self->sample);
  g_clear_object (&self->library);
  if (self->sample_tmpdir != NULL)
    remove_tree (self->sample_tmpdir);
}

static void
zr_application_finalize (GObject *object)
{
  ZrApplication *self = (ZrApplication *) object;

  g_clear_object (&self->settings);
  g_clear_object (&self->classifier);
  g_clear_object (&self->library);
  g_clear_object (&self->sample);
  g_free (self->library_path);
  g_free (self->sample_tmpdir);
  g_free (self->db_path);
  g_free (self->district);
  g_clear_pointer (&self->pending_files, g_ptr_array_unref);

  G_OBJECT_CLASS (zr_application_parent_class)->finalize (object);
}

static void
zr_application_class_init (ZrApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = zr_application_finalize;
  app_class->handle_local_options = zr_application_handle_local_options;
  app_class->startup = zr_application_startup;
  app_class->activate = zr_application_activate;
  app_class->open = zr_application_open;
  app_class->shutdown = zr_application_shutdown;
}

static void
zr_application_init (ZrApplication *self)
{
  self->pending_files = g_ptr_array_new_with_free_func (g_free);
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
}

ZrApplication *
zr_application_new (void)
{
  return g_object_new (ZR_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/zhuzhou/Reader",
                       NULL);
}

void
zr_application_set_db_path (ZrApplication *self,
                            const char    *path)
{
  g_return_if_fail (ZR_IS_APPLICATION (self));

  g_free (self->db_path);
  self->db_path = g_strdup (path);
}

GSettings *
zr_application_get_settings (ZrApplication *self)
{
  g_return_val_if_fail (ZR_IS_APPLICATION (self), NULL);
  return self->settings;
}

ZrLibrary *
zr_application_get_library (ZrApplication *self)
{
  g_return_val_if_fail (ZR_IS_APPLICATION (self), NULL);
  return self->library;
}

const char *
zr_application_get_library_path (ZrApplication *self)
{
  g_return_val_if_fail (ZR_IS_APPLICATION (self), NULL);
  return self->library_path;
}
