/* zr-quote-popover.c: what you can do with a quote you clicked
 *
 * The buttons activate article.* actions of the ZrArticleView the popover
 * is attached to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "zr-quote-popover.h"

struct _ZrQuotePopover
{
  GtkPopover  parent_instance;
  GtkLabel   *speaker_label;
  GtkWidget  *copy_button;
};

G_DEFINE_FINAL_TYPE (ZrQuotePopover, zr_quote_popover, GTK_TYPE_POPOVER)

static void
zr_quote_popover_show (GtkWidget *widget)
{
  ZrQuotePopover *self = ZR_QUOTE_POPOVER (widget);

  GTK_WIDGET_CLASS (zr_quote_popover_parent_class)->show (widget);
  gtk_widget_grab_focus (self->copy_button);
}

static void
zr_quote_popover_class_init (ZrQuotePopoverClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->show = zr_quote_popover_show;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/zhuzhou/Reader/zr-quote-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, ZrQuotePopover, speaker_label);
  gtk_widget_class_bind_template_child (widget_class, ZrQuotePopover, copy_button);
}

static void
zr_quote_popover_init (ZrQuotePopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
zr_quote_popover_new (void)
{
  return g_object_new (ZR_TYPE_QUOTE_POPOVER, NULL);
}

void
zr_quote_popover_set_speaker (ZrQuotePopover *self,
                              const char     *speaker,
                              const char     *role)
{
  g_autofree char *text = NULL;

  g_return_if_fail (ZR_IS_QUOTE_POPOVER (self));

  if (speaker != NULL && role != NULL)
    /* Translators: speaker of a quote and their role, e.g. 张三（社区书记） */
    text = g_strdup_printf (_("%s (%s)"), speaker, role);
  else if (speaker != NULL)
    text = g_strdup (speaker);
  else
    text = g_strdup (_("Speaker not named"));

  gtk_label_set_text (self->speaker_label, text);
}
