/* zr-preferences-window.h: citation, reading and library settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ZR_TYPE_PREFERENCES_WINDOW (zr_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (ZrPreferencesWindow, zr_preferences_window, ZR, PREFERENCES_WINDOW, GtkWindow)

ZrPreferencesWindow *zr_preferences_window_new (GtkWindow *parent,
                                                GSettings *settings,
                                                const char *library_path);

G_END_DECLS
