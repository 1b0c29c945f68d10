/* zr-preferences-window.c: citation, reading and library settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "zr-preferences-window.h"

struct _ZrPreferencesWindow
{
  GtkWindow      parent_instance;

  GSettings     *settings;

  GtkDropDown   *format_dropdown;
  GtkEntry      *template_entry;
  GtkEntry      *font_entry;
  GtkSpinButton *size_spin;
  GtkLabel      *library_label;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (ZrPreferencesWindow, zr_preferences_window, GTK_TYPE_WINDOW)

static gboolean
format_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);
  guint index = 0;

  if (g_strcmp0 (nick, "markdown") == 0)
    index = 1;
  else if (g_strcmp0 (nick, "gbt7714") == 0)
    index = 2;
  g_value_set_uint (value, index);
  return TRUE;
}

static GVariant *
format_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  static const char *nicks[] = { "plain", "markdown", "gbt7714" };
  guint index = g_value_get_uint (value);

  return g_variant_new_string (nicks[MIN (index, G_N_ELEMENTS (nicks) - 1)]);
}

static gboolean
int_get_mapping (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_int32 (variant));
  return TRUE;
}

static GVariant *
int_set_mapping (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  return g_variant_new_int32 ((gint32) g_value_get_double (value));
}

static void
chooser_response_cb (ZrPreferencesWindow  *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        {
          g_settings_set_string (self->settings, "library-path", path);
          gtk_label_set_text (self->library_label, path);
        }
    }
  g_clear_object (&self->chooser);
}

static void
change_library_cb (ZrPreferencesWindow *self)
{
  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Library Location"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Select"),
                                               _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "library.db");
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
zr_preferences_window_dispose (GObject *object)
{
  ZrPreferencesWindow *self = (ZrPreferencesWindow *) object;

  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);
  /* GtkWindow disposes its child itself; its template child has an id,
   * so gtk_widget_dispose_template() would unparent it a second time. */

  G_OBJECT_CLASS (zr_preferences_window_parent_class)->dispose (object);
}

static void
zr_preferences_window_class_init (ZrPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zr_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/zhuzhou/Reader/zr-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ZrPreferencesWindow, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZrPreferencesWindow, template_entry);
  gtk_widget_class_bind_template_child (widget_class, ZrPreferencesWindow, font_entry);
  gtk_widget_class_bind_template_child (widget_class, ZrPreferencesWindow, size_spin);
  gtk_widget_class_bind_template_child (widget_class, ZrPreferencesWindow, library_label);
  gtk_widget_class_bind_template_callback (widget_class, change_library_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
zr_preferences_window_init (ZrPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ZrPreferencesWindow *
zr_preferences_window_new (GtkWindow  *parent,
                           GSettings  *settings,
                           const char *library_path)
{
  ZrPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ZR_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind_with_mapping (settings, "citation-format", self->format_dropdown, "selected",
                                G_SETTINGS_BIND_DEFAULT, format_get_mapping, format_set_mapping, NULL, NULL);
  g_settings_bind (settings, "citation-template", self->template_entry, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "reading-font", self->font_entry, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "reading-size", self->size_spin, "value",
                                G_SETTINGS_BIND_DEFAULT, int_get_mapping, int_set_mapping, NULL, NULL);
  gtk_label_set_text (self->library_label, library_path ? library_path : "");

  return self;
}
