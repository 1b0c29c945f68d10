/* zr-quote-popover.h: what you can do with a quote you clicked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ZR_TYPE_QUOTE_POPOVER (zr_quote_popover_get_type ())
G_DECLARE_FINAL_TYPE (ZrQuotePopover, zr_quote_popover, ZR, QUOTE_POPOVER, GtkPopover)

GtkWidget *zr_quote_popover_new         (void);
/* @speaker and @role may be NULL (the page does not say). Plain text. */
void       zr_quote_popover_set_speaker (ZrQuotePopover *self,
                                         const char     *speaker,
                                         const char     *role);

G_END_DECLS
