/* bench-bare-window.c: the baseline for the reader's start-up time — a bare
 * GTK window with one label. Prints "mapped <µs since the epoch>" on stdout
 * once its first frame is drawn, then quits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtk/gtk.h>
#include <stdio.h>

static gboolean
on_frame (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       user_data)
{
  g_print ("mapped %" G_GINT64_FORMAT "\n", g_get_real_time ());
  fflush (stdout);
  gtk_window_destroy (GTK_WINDOW (widget));
  return G_SOURCE_REMOVE;
}

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("株洲读报"));
  gtk_widget_add_tick_callback (window, on_frame, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
