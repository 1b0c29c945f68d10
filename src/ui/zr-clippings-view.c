/* zr-clippings-view.c: saved quotes
 *
 * Copy uses the clipboard directly; delete and export go through the
 * window's win.delete-clipping and win.export-clippings actions, which
 * own the library.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "zr-clippings.h"
#include "zr-clippings-view.h"

struct _ZrClippingsView
{
  GtkWidget   parent_instance;
  GtkLabel   *count_label;
  GtkStack   *stack;
  GtkListBox *list_box;
  guint       n_clippings;
};

G_DEFINE_FINAL_TYPE (ZrClippingsView, zr_clippings_view, GTK_TYPE_WIDGET)

static void
copy_clicked_cb (GtkButton       *button,
                 ZrClippingsView *self)
{
  const char *citation = g_object_get_data (G_OBJECT (button), "citation");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), citation);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.notice", "s", _("Copied with citation"));
}

static GtkWidget *
make_row (ZrClippingsView  *self,
          const ZrClipping *c)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *quote = gtk_label_new (NULL);
  GtkWidget *source = gtk_label_new (NULL);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *copy = gtk_button_new_with_mnemonic (_("_Copy with Citation"));
  GtkWidget *del = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *who = NULL;

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_text (GTK_LABEL (quote), c->quote ? c->quote : "");
  gtk_label_set_wrap (GTK_LABEL (quote), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (quote), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (quote), 0);
  gtk_label_set_selectable (GTK_LABEL (quote), TRUE);
  gtk_widget_add_css_class (quote, "clipping-quote");

  if (c->speaker != NULL && c->headline != NULL)
    /* Translators: who said a saved quote, and in which article */
    who = g_strdup_printf (_("%s · 《%s》"), c->speaker, c->headline);
  else if (c->headline != NULL)
    who = g_strdup_printf ("《%s》", c->headline);
  else
    who = g_strdup (c->speaker ? c->speaker : "");
  gtk_label_set_text (GTK_LABEL (source), who);
  gtk_label_set_xalign (GTK_LABEL (source), 0);
  gtk_label_set_wrap (GTK_LABEL (source), TRUE);
  gtk_widget_add_css_class (source, "dim-label");
  gtk_widget_add_css_class (source, "caption");

  g_object_set_data_full (G_OBJECT (copy), "citation",
                          g_strdup (c->citation ? c->citation : c->quote), g_free);
  g_signal_connect_object (copy, "clicked", G_CALLBACK (copy_clicked_cb), self, 0);
  gtk_widget_add_css_class (copy, "flat");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (del), "win.delete-clipping");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (del), "x", c->id);
  gtk_widget_set_tooltip_text (del, _("Delete Clipping"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (del),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete Clipping"),
                                  -1);
  gtk_widget_add_css_class (del, "flat");
  gtk_widget_set_hexpand (del, TRUE);
  gtk_widget_set_halign (del, GTK_ALIGN_END);

  gtk_box_append (GTK_BOX (buttons), copy);
  gtk_box_append (GTK_BOX (buttons), del);
  gtk_box_append (GTK_BOX (box), quote);
  gtk_box_append (GTK_BOX (box), source);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
zr_clippings_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ZR_TYPE_CLIPPINGS_VIEW);
  /* The template's top child has no id: unparent it ourselves */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (zr_clippings_view_parent_class)->dispose (object);
}

static void
zr_clippings_view_class_init (ZrClippingsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zr_clippings_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/zhuzhou/Reader/zr-clippings-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ZrClippingsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, ZrClippingsView, stack);
  gtk_widget_class_bind_template_child (widget_class, ZrClippingsView, list_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "zrclippingsview");
}

static void
zr_clippings_view_init (ZrClippingsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  zr_clippings_view_set_clippings (self, NULL);
}

void
zr_clippings_view_set_clippings (ZrClippingsView *self,
                                 GPtrArray       *clippings)
{
  GtkWidget *child;
  g_autofree char *text = NULL;

  g_return_if_fail (ZR_IS_CLIPPINGS_VIEW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  self->n_clippings = clippings ? clippings->len : 0;
  for (guint i = 0; i < self->n_clippings; i++)
    gtk_list_box_append (self->list_box, make_row (self, g_ptr_array_index (clippings, i)));

  text = g_strdup_printf (ngettext ("%u saved quote", "%u saved quotes", self->n_clippings),
                          self->n_clippings);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack, self->n_clippings ? "list" : "empty");
}

guint
zr_clippings_view_get_n_clippings (ZrClippingsView *self)
{
  g_return_val_if_fail (ZR_IS_CLIPPINGS_VIEW (self), 0);
  return self->n_clippings;
}
