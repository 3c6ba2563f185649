/* What every GUI test needs: running the main loop until something holds,
 * copies of shipped boards to edit, and pictures of widgets. */
#pragma once

#include <gtk/gtk.h>

/* Runs the main loop until @cond holds (TRUE) or @timeout_ms passes (FALSE). */
gboolean ui_test_spin_until (gboolean (*cond) (gpointer data), gpointer data, guint timeout_ms);
/* Runs the main loop for @ms. */
void     ui_test_spin (guint ms);
/* Copies boards/@name into @dir; returns the copy's path (free it). */
char    *ui_test_copy_board (const char *name, const char *dir);
/* What @widget shows, as GTK draws it (waiting for a frame when it has
 * nothing drawn yet), saved as @name in $MEDLEY_SCREENSHOT_DIR when both
 * are set.  Returns the picture (unref it). */
GdkTexture *ui_test_render (GtkWidget *widget, const char *name);
/* The same, for when only the saved file matters. */
void     ui_test_screenshot (GtkWidget *widget, const char *name);

/* Real pointer input through xdotool, on an X11 display (Xvfb). */
gboolean ui_test_can_drive_pointer (void);
/* Runs `xdotool ARGS` and lets GTK see the events. */
void     ui_test_xdo (const char *args);
/* Moves the pointer to (@x, @y) in @widget's coordinates. */
void     ui_test_pointer_to (GtkWidget *widget, double x, double y);
