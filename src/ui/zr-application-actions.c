/* zr-application-actions.c: app.* actions and accelerators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "zr-application.h"
#include "zr-preferences-window.h"
#include "zr-window-private.h"

static ZrWindow *
active_window (ZrApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* A dialog may be active: find the main window */
  if (!ZR_IS_WINDOW (window) && window != NULL)
    window = gtk_window_get_transient_for (window);
  return ZR_IS_WINDOW (window) ? ZR_WINDOW (window) : NULL;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  ZrApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing the windows saves their state */
  for (GList *l = g_list_copy (windows), *iter = l; iter != NULL; iter = iter->next)
    {
      gtk_window_close (iter->data);
      if (iter->next == NULL)
        g_list_free (l);
    }
  g_application_quit (G_APPLICATION (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  ZrApplication *self = user_data;
  const char *authors[] = { _("The Zhuzhou Reader developers"), NULL };

  gtk_show_about_dialog (GTK_WINDOW (active_window (self)),
                         "program-name", _("Zhuzhou Reader"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Read, search and quote the local pages of Zhuzhou Daily"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         "website", "https://github.com/zhuzhou/reader",
                         NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  ZrApplication *self = user_data;
  ZrPreferencesWindow *prefs;

  prefs = zr_preferences_window_new (GTK_WINDOW (active_window (self)),
                                     zr_application_get_settings (self),
                                     zr_application_get_library_path (self));
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
import_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  ZrWindow *window = active_window (user_data);

  if (window != NULL)
    _zr_window_choose_import (window);
}

typedef struct
{
  char         *db_path;
  ZrClassifier *classifier;
} ReclassifyData;

static void
reclassify_data_free (ReclassifyData *data)
{
  g_free (data->db_path);
  g_clear_object (&data->classifier);
  g_free (data);
}

static void
reclassify_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ReclassifyData *data = task_data;
  g_autoptr(ZrDatabase) db = NULL;
  g_autoptr(ZrLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  db = zr_database_open (data->db_path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  library = zr_library_new (db, data->classifier);
  if (!zr_library_reclassify (library, cancellable, &changed, &error))
    {
      if (error == NULL)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Classification failed"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_int (task, changed);
}

static void
reclassify_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ZrApplication *self = ZR_APPLICATION (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gssize changed = g_task_propagate_int (G_TASK (result), &error);
  ZrWindow *window = active_window (self);

  g_application_release (G_APPLICATION (self));
  if (window == NULL)
    return;
  if (changed < 0)
    text = g_strdup_printf (_("Could not classify again: %s"), error->message);
  else
    text = g_strdup_printf (ngettext ("Classified again: %u article changed",
                                      "Classified again: %u articles changed", (guint) changed),
                            (guint) changed);
  zr_window_show_notice (window, text);
  zr_window_refresh (window);
}

static void
reclassify_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  ZrApplication *self = user_data;
  ZrLibrary *library = zr_application_get_library (self);
  g_autoptr(GTask) task = NULL;
  ReclassifyData *data;

  if (library == NULL)
    return;

  data = g_new0 (ReclassifyData, 1);
  data->db_path = g_strdup (zr_database_get_path (zr_library_get_database (library)));
  data->classifier = g_object_ref (zr_library_get_classifier (library));
  g_application_hold (G_APPLICATION (self));
  task = g_task_new (self, NULL, reclassify_done_cb, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) reclassify_data_free);
  g_task_run_in_thread (task, reclassify_thread);
}

static const GActionEntry app_entries[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "import", import_action },
  { "reclassify", reclassify_action },
};

static const struct {
  const char *action;
  const char *accels[4];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.import", { "<Control>o", NULL } },
  { "win.import-folders", { "<Control><Shift>o", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.search", { "<Control>f", NULL } },
  { "win.find", { "<Control><Shift>f", NULL } },
  { "win.copy-citation", { "<Control><Shift>c", NULL } },
  { "win.zoom-in", { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL } },
  { "win.zoom-out", { "<Control>minus", "<Control>KP_Subtract", NULL } },
  { "win.zoom-reset", { "<Control>0", "<Control>KP_0", NULL } },
  { "win.show-sidebar", { "F9", NULL } },
  { "win.show-stats", { "<Control>i", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "window.close", { "<Control>w", NULL } },
};

void
_zr_application_actions_init (ZrApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries, G_N_ELEMENTS (app_entries), self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);
}
