/* zr-clippings-view.h: saved quotes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ZR_TYPE_CLIPPINGS_VIEW (zr_clippings_view_get_type ())
G_DECLARE_FINAL_TYPE (ZrClippingsView, zr_clippings_view, ZR, CLIPPINGS_VIEW, GtkWidget)

/* @clippings: element-type ZrClipping, borrowed for the call */
void  zr_clippings_view_set_clippings (ZrClippingsView *self,
                                       GPtrArray       *clippings);
guint zr_clippings_view_get_n_clippings (ZrClippingsView *self);

G_END_DECLS
