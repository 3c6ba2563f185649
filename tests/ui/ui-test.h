/* What every GUI test needs: running the main loop until something holds,
 * copies of shipped boards to edit, and pictures of widgets. */
#pragma once

#include <gtk/gtk.h>

/* Runs the main loop until @cond holds (TRUE) or @timeout_ms passes (FALSE). */
gboolean ui_test_spin_until (gboolean (*cond) (gpointer data), gpointer data, guint timeout_ms);
/* Whether the main loop keeps serving while something runs, measured so
 * that a loaded machine does not change the verdict: a 10 ms timer stands
 * for input and redraws; runs the loop until it has fired @n_ticks times
 * (FALSE when @deadline_ms passes first: the loop is blocked) and gives
 * the main thread's CPU time per tick, which a loop busy with work of its
 * own makes large whatever the load. */
gboolean ui_test_main_loop_serves (guint n_ticks, guint deadline_ms, double *cpu_ms_per_tick);
/* Runs the main loop for @ms. */
void     ui_test_spin (guint ms);
/* Points XDG_DATA_HOME, XDG_CONFIG_HOME and XDG_CACHE_HOME below @home, so
 * that a test never reads or changes the user's settings and recent files. */
void     ui_test_isolate_home (const char *home);
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

/* The workbench, for tests that drive MdlApplication's windows. */
typedef struct _MdlApplication MdlApplication;
typedef struct _MdlWindow MdlWindow;
typedef struct _MdlEditor MdlEditor;
/* Opens the board at @path in @app and returns its window, sized as the
 * screenshots expect (1400 × 900). */
MdlWindow *ui_test_open_board (MdlApplication *app, const char *path);
/* Opens the board at @path in @app and returns its window as it opens,
 * at its own default size. */
MdlWindow *ui_test_open_board_unsized (MdlApplication *app, const char *path);
/* Gives @window the default size @width × @height, presents it and runs
 * the main loop until the window has about that size (the client-side
 * decoration's frame aside) and its canvas is laid out; FALSE when
 * @timeout_ms passes first. */
gboolean ui_test_resize_window (MdlWindow *window, int width, int height, guint timeout_ms);
/* What a test of the whole workbench does first, once the CPU and device
 * classes are registered: the home isolated below @home, the locale and
 * translations of the environment (the suite's LANGUAGE, in *@lang when
 * set), g_test_init, and the application for the shipped boards,
 * registered, showing riscv32-virt.dts first. */
MdlApplication *ui_test_app_new (int *argc, char ***argv, const char *home, const char **lang);
/* Destroys every window of @app. */
void     ui_test_close_all_windows (GtkApplication *app);
/* The id of the first CPU cluster of @editor's board. */
guint    ui_test_first_cluster (MdlEditor *editor);
/* Conditions for ui_test_spin_until on an MdlWindow: the machine runs, or
 * is paused. */
gboolean ui_test_is_running (gpointer window);
gboolean ui_test_is_paused (gpointer window);
/* A condition for ui_test_spin_until: the GtkWidget @widget is mapped and
 * laid out. */
gboolean ui_test_widget_mapped (gpointer widget);
/* Activates "program.build" (or "program.run" when @run) in the program
 * window @pw, as Ctrl+B (F5) does, and runs the main loop until that
 * build has ended; FALSE when it neither started nor left a message, or
 * when two minutes pass first.  Whether it
 * succeeded is the window's (mdl_program_window_get_last_ok). */
typedef struct _MdlProgramWindow MdlProgramWindow;
gboolean ui_test_program_build (MdlProgramWindow *pw, gboolean run);
