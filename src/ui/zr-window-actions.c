/* zr-window-actions.c: win.* actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "zr-clippings.h"
#include "zr-window-private.h"

#define ZOOM_STEP 0.1

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ZrWindow *self = ZR_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ZrWindow *self = ZR_WINDOW (widget);

  if (zr_article_view_get_article_id (self->article_view) > 0)
    zr_article_view_start_find (self->article_view);
}

static void
copy_citation_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  ZrWindow *self = ZR_WINDOW (widget);

  if (!zr_article_view_copy_citation (self->article_view))
    zr_window_show_notice (self, _("Open an article first"));
}

static void
next_article_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  _zr_window_move_selection (ZR_WINDOW (widget), 1);
}

static void
previous_article_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  _zr_window_move_selection (ZR_WINDOW (widget), -1);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ZrWindow *self = ZR_WINDOW (widget);
  double zoom = g_settings_get_double (self->settings, "zoom");

  if (g_str_equal (action_name, "win.zoom-in"))
    zoom = MIN (3.0, zoom + ZOOM_STEP);
  else if (g_str_equal (action_name, "win.zoom-out"))
    zoom = MAX (0.5, zoom - ZOOM_STEP);
  else
    zoom = 1.0;
  g_settings_set_double (self->settings, "zoom", zoom);
}

static void
notice_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  zr_window_show_notice (ZR_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
open_article_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  zr_window_open_article (ZR_WINDOW (widget), g_variant_get_int64 (param));
}

static void
import_paths_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  g_autofree const char **paths = g_variant_get_strv (param, NULL);

  zr_window_import (ZR_WINDOW (widget), paths);
}

static void
delete_clipping_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  ZrWindow *self = ZR_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!zr_clippings_delete (_zr_window_get_clippings_database (self), g_variant_get_int64 (param), &error))
    {
      zr_window_show_notice (self, error->message);
      return;
    }
  zr_window_show_notice (self, _("Clipping deleted"));
  zr_window_refresh (self);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    ZrWindow        *self)
{
  ZrClippingsFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "format"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  text = zr_clippings_export (_zr_window_get_clippings_database (self), format, &error);
  if (text == NULL ||
      !g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
    {
      g_autofree char *msg = g_strdup_printf (_("Could not export the clippings: %s"), error->message);
      zr_window_show_notice (self, msg);
      goto out;
    }
  zr_window_show_notice (self, _("Clippings exported"));

out:
  g_clear_object (&self->chooser);
}

static void
export_clippings_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  ZrWindow *self = ZR_WINDOW (widget);
  const char *name = g_variant_get_string (param, NULL);
  ZrClippingsFormat format;
  g_autofree char *file_name = NULL;

  if (self->chooser != NULL || !zr_clippings_format_from_string (name, &format))
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Clippings"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  file_name = g_strdup_printf ("%s.%s", _("clippings"),
                               format == ZR_CLIPPINGS_FORMAT_MARKDOWN ? "md" :
                               format == ZR_CLIPPINGS_FORMAT_CSV ? "csv" : "json");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), file_name);
  g_object_set_data (G_OBJECT (self->chooser), "format", GINT_TO_POINTER (format));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    ZrWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          char *path = g_file_get_path (file);

          if (path != NULL && !g_ptr_array_find_with_equal_func (paths, path, g_str_equal, NULL))
            g_ptr_array_add (paths, path);
          else
            g_free (path);
        }
      g_ptr_array_add (paths, NULL);
      /* Files and folders alike: the import walks folders itself */
      if (paths->len > 1)
        zr_window_import (self, (const char * const *) paths->pdata);
    }
  g_clear_object (&self->chooser);
}

static void
choose_import (ZrWindow *self,
               gboolean  folders)
{
  if (self->chooser != NULL || zr_window_get_importing (self))
    return;

  /* GTK 4.8 has no GtkFileDialog: a native chooser, one for files and one
   * for folders, both with several at a time */
  self->chooser = gtk_file_chooser_native_new (folders ? _("Import Folders") : _("Import Pages"),
                                               GTK_WINDOW (self),
                                               folders ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                       : GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  if (!folders)
    {
      g_autoptr(GtkFileFilter) text = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_filter_set_name (text, _("Text pages"));
      gtk_file_filter_add_suffix (text, "txt");
      gtk_file_filter_add_suffix (text, "md");
      gtk_file_filter_add_mime_type (text, "text/plain");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), text);
      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
    }
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
_zr_window_choose_import (ZrWindow *self)
{
  choose_import (self, FALSE);
}

static void
import_folders_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  choose_import (ZR_WINDOW (widget), TRUE);
}

void
_zr_window_actions_update (ZrWindow *self)
{
  gboolean has_article = zr_article_view_get_article_id (self->article_view) > 0;
  gboolean has_library = self->library != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", has_article);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-citation", has_article);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-paths", !zr_window_get_importing (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folders", !zr_window_get_importing (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-clipping", has_library);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-clippings", has_library);

  if (self->settings != NULL)
    g_object_set (self->article_view, "citation-format",
                  g_settings_get_enum (self->settings, "citation-format"), NULL);
}

void
_zr_window_class_actions_init (ZrWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_property_action (widget_class, "win.show-sidebar", "show-sidebar");
  gtk_widget_class_install_property_action (widget_class, "win.show-stats", "show-stats");
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.copy-citation", NULL, copy_citation_action);
  gtk_widget_class_install_action (widget_class, "win.next-article", NULL, next_article_action);
  gtk_widget_class_install_action (widget_class, "win.previous-article", NULL, previous_article_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.notice", "s", notice_action);
  gtk_widget_class_install_action (widget_class, "win.open-article", "x", open_article_action);
  gtk_widget_class_install_action (widget_class, "win.import-paths", "as", import_paths_action);
  gtk_widget_class_install_action (widget_class, "win.import-folders", NULL, import_folders_action);
  gtk_widget_class_install_action (widget_class, "win.delete-clipping", "x", delete_clipping_action);
  gtk_widget_class_install_action (widget_class, "win.export-clippings", "s", export_clippings_action);

  /* j/k reach the window only when the focused widget does not take the
   * key (entries do), so typing is never hijacked. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, 0, "win.next-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "win.previous-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "win.next-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "win.previous-article", NULL);
}
