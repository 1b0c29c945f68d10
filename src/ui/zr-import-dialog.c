/* zr-import-dialog.c: progress and summary of an import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "zr-import-dialog.h"

struct _ZrImportDialog
{
  GtkWindow       parent_instance;

  GCancellable   *cancellable;
  gboolean        finished;
  char           *summary;

  GtkButton      *button;
  GtkStack       *stack;
  GtkLabel       *status_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *file_label;
  GtkLabel       *summary_label;
  GtkWidget      *failed_scroller;
  GtkLabel       *failed_label;
};

G_DEFINE_FINAL_TYPE (ZrImportDialog, zr_import_dialog, GTK_TYPE_WINDOW)

static void
button_clicked_cb (ZrImportDialog *self)
{
  if (self->finished)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  g_cancellable_cancel (self->cancellable);
  gtk_label_set_text (self->status_label, _("Cancelling…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->button), FALSE);
}

static gboolean
zr_import_dialog_close_request (GtkWindow *window)
{
  ZrImportDialog *self = ZR_IMPORT_DIALOG (window);

  /* Closing while running cancels; the window goes when the worker ends */
  if (!self->finished)
    {
      button_clicked_cb (self);
      return TRUE;
    }
  return FALSE;
}

static void
zr_import_dialog_dispose (GObject *object)
{
  ZrImportDialog *self = (ZrImportDialog *) object;

  g_clear_object (&self->cancellable);
  /* GtkWindow disposes its child itself; its template child has an id,
   * so gtk_widget_dispose_template() would unparent it a second time. */

  G_OBJECT_CLASS (zr_import_dialog_parent_class)->dispose (object);
}

static void
zr_import_dialog_finalize (GObject *object)
{
  ZrImportDialog *self = (ZrImportDialog *) object;

  g_free (self->summary);

  G_OBJECT_CLASS (zr_import_dialog_parent_class)->finalize (object);
}

static void
zr_import_dialog_class_init (ZrImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = zr_import_dialog_dispose;
  object_class->finalize = zr_import_dialog_finalize;
  window_class->close_request = zr_import_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/zhuzhou/Reader/zr-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ZrImportDialog, button);
  gtk_widget_class_bind_template_child (widget_class, ZrImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ZrImportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, ZrImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ZrImportDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, ZrImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ZrImportDialog, failed_scroller);
  gtk_widget_class_bind_template_child (widget_class, ZrImportDialog, failed_label);
  gtk_widget_class_bind_template_callback (widget_class, button_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
zr_import_dialog_init (ZrImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ZrImportDialog *
zr_import_dialog_new (GtkWindow    *parent,
                      GCancellable *cancellable)
{
  ZrImportDialog *self = g_object_new (ZR_TYPE_IMPORT_DIALOG,
                                       "transient-for", parent,
                                       NULL);

  self->cancellable = g_object_ref (cancellable);
  return self;
}

void
zr_import_dialog_set_progress (ZrImportDialog *self,
                               const char     *path,
                               guint           done,
                               guint           total)
{
  g_autofree char *status = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (ZR_IS_IMPORT_DIALOG (self));

  if (self->finished || g_cancellable_is_cancelled (self->cancellable))
    return;

  /* Translators: import progress, e.g. "Importing file 3 of 12" */
  status = g_strdup_printf (_("Importing file %u of %u"), MIN (done + 1, total), total);
  gtk_label_set_text (self->status_label, status);
  gtk_progress_bar_set_fraction (self->progress_bar, total ? (double) done / total : 0);
  name = path ? g_filename_display_name (path) : g_strdup ("");
  gtk_label_set_text (self->file_label, name);
}

void
zr_import_dialog_finish (ZrImportDialog       *self,
                         const ZrImportReport *report,
                         const GError         *error)
{
  g_autoptr(GString) failed = g_string_new (NULL);
  g_autoptr(GString) summary = g_string_new (NULL);

  g_return_if_fail (ZR_IS_IMPORT_DIALOG (self));

  self->finished = TRUE;
  gtk_button_set_label (self->button, _("_Close"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->button), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "suggested-action");

  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_string_append (summary, _("The import was cancelled. The library is as it was before."));
      else
        g_string_append_printf (summary, _("The import failed: %s"),
                                error ? error->message : _("unknown error"));
    }
  else
    {
      guint n_failed = report->failed ? report->failed->len : 0;

      if (g_cancellable_is_cancelled (self->cancellable))
        g_string_append (summary, _("The import was cancelled. Files already imported stay in the library."));
      if (summary->len > 0)
        g_string_append_c (summary, '\n');
      g_string_append_printf (summary,
                              ngettext ("%u file imported", "%u files imported", report->imported_files),
                              report->imported_files);
      g_string_append (summary, ", ");
      g_string_append_printf (summary,
                              ngettext ("%u article", "%u articles", report->articles),
                              report->articles);
      if (report->unchanged_files > 0)
        {
          g_string_append (summary, ", ");
          g_string_append_printf (summary,
                                  ngettext ("%u file unchanged", "%u files unchanged", report->unchanged_files),
                                  report->unchanged_files);
        }
      if (n_failed > 0)
        {
          g_string_append (summary, ", ");
          g_string_append_printf (summary,
                                  ngettext ("%u file failed:", "%u files failed:", n_failed),
                                  n_failed);
        }
      else
        g_string_append_c (summary, '.');

      for (guint i = 0; i < n_failed; i++)
        {
          const ZrImportFailure *f = g_ptr_array_index (report->failed, i);
          g_autofree char *name = g_filename_display_basename (f->path);
          if (failed->len > 0)
            g_string_append_c (failed, '\n');
          /* Translators: a file that failed to import, and why */
          g_string_append_printf (failed, _("%s: %s"), name, f->message);
        }
    }

  g_free (self->summary);
  self->summary = g_strdup (summary->str);
  gtk_label_set_text (self->summary_label, summary->str);
  gtk_label_set_text (self->failed_label, failed->str);
  gtk_widget_set_visible (self->failed_scroller, failed->len > 0);
  gtk_stack_set_visible_child_name (self->stack, "summary");
  gtk_window_set_title (GTK_WINDOW (self), _("Import Finished"));
  gtk_widget_grab_focus (GTK_WIDGET (self->button));
}

const char *
zr_import_dialog_get_summary (ZrImportDialog *self)
{
  g_return_val_if_fail (ZR_IS_IMPORT_DIALOG (self), NULL);
  return self->summary;
}
