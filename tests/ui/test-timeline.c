/* GUI tests of the timeline and the watchpoints view, with the real
 * application under Xvfb (see run-xvfb.sh): the window runs the board,
 * the views read its runner the way the views panel hands it to them, and
 * the pointer is real (xdotool) where the X server allows it. */
#define G_LOG_DOMAIN "test-timeline"

#include "ui-test.h"
#include <adwaita.h>
#include <string.h>
#ifdef GDK_WINDOWING_X11
# include <gdk/x11/gdkx.h>
#endif

#include "mdl-config.h"
#include "ui/mdl-application.h"
#include "ui/mdl-timeline-view-private.h"
#include "ui/mdl-watchpoints-view-private.h"
#include "ui/mdl-window-private.h"

#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

static MdlApplication *app;
static const char *screenshot_dir;

/* ---- helpers ---- */





static MdlWindow *
open_board (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GFile *files[] = { file };

  g_application_open (G_APPLICATION (app), files, 1, "");
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (MDL_IS_WINDOW (l->data) &&
        g_strcmp0 (mdl_editor_get_path (mdl_window_get_editor (l->data)), path) == 0) {
      ui_test_spin (50);
      return l->data;
    }
  g_assert_not_reached ();
}

/* The virt board, running @firmware instead of its demo when given. */
static MdlWindow *
open_virt (const char *dir, const char *firmware)
{
  g_autofree char *path = ui_test_copy_board ("riscv32-virt.dts", dir);
  MdlWindow *window = open_board (path);

  if (firmware != NULL) {
    MdlEditor *editor = mdl_window_get_editor (window);
    g_autoptr(GError) error = NULL;

    g_assert_true (mdl_editor_set_prop (editor, ui_test_first_cluster (editor), "firmware", firmware,
                                        &error));
    g_assert_no_error (error);
  }
  return window;
}

static void
close_all_windows (void)
{
  GList *windows;

  /* The views first: they listen to the machine the window frees. */
  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    if (!MDL_IS_WINDOW (l->data) && gtk_window_get_transient_for (l->data) == NULL)
      gtk_window_destroy (l->data);
  ui_test_spin (20);
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    gtk_window_destroy (l->data);
  ui_test_spin (20);
}

static void
activate (MdlWindow *window, const char *action)
{
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), action));
  g_action_group_activate_action (G_ACTION_GROUP (window), action, NULL);
}

static gboolean
has_runner_state (gpointer data)
{
  MdlWindow *window = ((gpointer *) data)[0];
  MdlRunnerState want = GPOINTER_TO_UINT (((gpointer *) data)[1]), state;

  return mdl_window_get_runner_state (window, &state) && state == want;
}

static gboolean
wait_for_state (MdlWindow *window, MdlRunnerState state, guint timeout_ms)
{
  gpointer data[] = { window, GUINT_TO_POINTER (state) };

  return ui_test_spin_until (has_runner_state, data, timeout_ms);
}

static char *
console_text (MdlWindow *window)
{
  MdlConsole *console = mdl_window_get_n_consoles (window) > 0
                          ? mdl_window_get_console (window, 0) : NULL;

  return console != NULL ? mdl_console_get_text (console) : g_strdup ("");
}

static gboolean
console_has (gpointer data)
{
  g_autofree char *text = console_text (((gpointer *) data)[0]);

  return strstr (text, ((gpointer *) data)[1]) != NULL;
}


/* The whole X screen, popovers included (they are surfaces of their own,
 * which a widget's paintable leaves out). */
static void
screen_shot (const char *name)
{
  g_autofree char *path = NULL;
  g_autofree char *cmd = NULL;
  g_autofree char *import = g_find_program_in_path ("import");

  if (screenshot_dir == NULL || import == NULL || g_getenv ("DISPLAY") == NULL)
    return;
  path = g_build_filename (screenshot_dir, name, NULL);
  cmd = g_strdup_printf ("%s -window root %s", import, path);
  if (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL))
    g_test_message ("screenshot: %s", path);
}

/* ---- real pointer input, through xdotool on the test's X server ---- */




/* A click with the real pointer when there is one, else through the
 * view's own hit-testing. */
static void
click_timeline (MdlTimelineView *timeline, double x, double y)
{
  if (ui_test_can_drive_pointer ()) {
    ui_test_pointer_to (GTK_WIDGET (timeline), x, y);
    ui_test_xdo ("click 1");
  } else {
    _mdl_timeline_view_click (timeline, x, y);
  }
  ui_test_spin (300);
}

static void
click_widget (GtkWidget *widget)
{
  if (ui_test_can_drive_pointer ()) {
    ui_test_pointer_to (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
    ui_test_xdo ("click 1");
  } else {
    gtk_widget_activate (widget);
  }
  ui_test_spin (100);
}

/* Escape closes an open popover, and gives its grab back. */
static void
close_popovers (void)
{
  if (ui_test_can_drive_pointer ())
    ui_test_xdo ("key Escape");
  ui_test_spin (200);
}

/* The views in a window of their own, on @window's machine, as the views
 * panel would show them. */
typedef struct {
  GtkWindow          *toplevel;
  MdlTimelineView    *timeline;
  MdlWatchpointsView *watchpoints;
} Views;

static void
views_show (Views *views, MdlSession *session)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  views->toplevel = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (views->toplevel, "Timeline");
  gtk_window_set_default_size (views->toplevel, 1100, 560);
  views->timeline = MDL_TIMELINE_VIEW (mdl_timeline_view_new ());
  views->watchpoints = MDL_WATCHPOINTS_VIEW (mdl_watchpoints_view_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (views->timeline));
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (views->watchpoints));
  gtk_window_set_child (views->toplevel, box);
  mdl_timeline_view_set_session (views->timeline, session);
  mdl_watchpoints_view_set_session (views->watchpoints, session);
  mdl_watchpoints_view_set_cpu (views->watchpoints, 0);
  gtk_window_present (views->toplevel);
  ui_test_spin (300);
}

static MdlRunner *
window_runner (MdlWindow *window)
{
  g_assert_nonnull (window->runner);
  return window->runner;
}

static gboolean
has_detail (gpointer data)
{
  return _mdl_timeline_view_get_detail (data) != NULL;
}

/* Clicks the first mark of @kind and returns what its popover says. */
static const char *
click_mark (MdlTimelineView *timeline, MdlTraceKind kind)
{
  double x, y;

  g_assert_true (_mdl_timeline_view_find_mark (timeline, kind, &x, &y));
  click_timeline (timeline, x, y);
  g_assert_true (ui_test_spin_until (has_detail, timeline, 3000));
  return _mdl_timeline_view_get_detail (timeline);
}

/* ---- tests ---- */

/* The hello board: a lane for its CPU and one for its UART, the bytes as
 * marks, a click on them shows the text. */
static void
test_hello_lanes_and_marks (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medley-ui-XXXXXX", NULL);
  MdlWindow *window = open_virt (dir, NULL);
  g_autofree char *cpu_title = NULL, *uart_title = NULL;
  const char *detail;
  Views views;
  MdlRunner *runner;

  activate (window, "run");
  runner = window_runner (window);
  views_show (&views, window->session);
  g_assert_true (wait_for_state (window, MDL_RUNNER_HALTED, 30000));
  mdl_timeline_view_refresh (views.timeline);
  ui_test_spin (200);

  g_assert_cmpuint (_mdl_timeline_view_get_n_lanes (views.timeline), ==, 2);
  cpu_title = _mdl_timeline_view_get_lane_title (views.timeline, 0);
  uart_title = _mdl_timeline_view_get_lane_title (views.timeline, 1);
  g_assert_cmpstr (cpu_title, ==, "cpu0");
  g_assert_cmpstr (uart_title, ==, mdl_runner_uart_name (runner, 0));
  g_assert_cmpuint (_mdl_timeline_view_count_records (views.timeline, MDL_TRACE_SERIAL), >, 20);
  g_assert_cmpuint (_mdl_timeline_view_count_records (views.timeline, MDL_TRACE_STOP), ==, 1);
  ui_test_screenshot (GTK_WIDGET (views.timeline), "timeline-hello.png");

  detail = click_mark (views.timeline, MDL_TRACE_SERIAL);
  g_test_message ("%s", detail);
  g_assert_true (g_str_has_prefix (detail, "Serial Output\n"));
  g_assert_nonnull (strstr (detail, "Hello"));
  g_assert_nonnull (strstr (detail, uart_title));
  screen_shot ("timeline-hello-detail.png");

  /* Zooming in leaves the live end (the run is over: it is the end);
   * Show the Whole Run brings everything back. */
  g_assert_true (_mdl_timeline_view_get_following (views.timeline));
  _mdl_timeline_view_zoom (views.timeline, 200, 0.05);
  g_assert_false (_mdl_timeline_view_get_following (views.timeline));
  close_popovers ();
  close_all_windows ();
}

static gboolean
stopped_on_watchpoint (gpointer data)
{
  g_autoptr(MdlSnapshot) snap = mdl_runner_snapshot (data);

  return snap->state == MDL_RUNNER_PAUSED && snap->stop_reason == MDL_STOP_WATCHPOINT;
}

/* The button below @root with tooltip @tip. */
static GtkWidget *
find_button (GtkWidget *root, const char *tip)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tip) == 0)
    return root;
  for (GtkWidget *w = gtk_widget_get_first_child (root); w; w = gtk_widget_get_next_sibling (w)) {
    GtkWidget *found = find_button (w, tip);
    if (found != NULL)
      return found;
  }
  return NULL;
}

static gboolean
has_rows (gpointer data)
{
  MdlWatchpointsView *view = ((gpointer *) data)[0];

  return _mdl_watchpoints_view_get_n_rows (view) == GPOINTER_TO_UINT (((gpointer *) data)[1]);
}

/* A write watchpoint on `counter`, set through the view's add row, stops
 * the guest right after its store: the runner pauses with the CPU and the
 * address, the console has what was printed before and not after, the
 * status says who wrote what where. */
static void
test_watchpoint_stops_on_store (void)
{
#ifdef UI_WATCH_ELF
  g_autofree char *dir = g_dir_make_tmp ("medley-ui-XXXXXX", NULL);
  MdlWindow *window = open_virt (dir, UI_WATCH_ELF);
  g_autoptr(MdlSnapshot) snap = NULL;
  g_autofree char *text = NULL, *status = NULL;
  gpointer one_row[2], no_rows[2];
  gpointer after[2];
  const MdlSymbol *counter;
  const char *detail;
  GtkWidget *trash;
  MdlRunner *runner;
  Views views;

  /* A step makes the machine (paused) without running the guest. */
  activate (window, "step");
  runner = window_runner (window);
  views_show (&views, window->session);
  counter = mdl_elf_image_find_symbol (mdl_runner_symbols (runner, 0), "counter");
  g_assert_nonnull (counter);

  /* A name that isn't there is refused, in the view. */
  gtk_editable_set_text (_mdl_watchpoints_view_get_entry (views.watchpoints), "no_such_thing");
  click_widget (_mdl_watchpoints_view_get_add_button (views.watchpoints));
  ui_test_spin (200);
  g_assert_cmpuint (_mdl_watchpoints_view_get_n_rows (views.watchpoints), ==, 0);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_mdl_watchpoints_view_get_entry (views.watchpoints)),
                                           "error"));

  gtk_editable_set_text (_mdl_watchpoints_view_get_entry (views.watchpoints), "counter");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (_mdl_watchpoints_view_get_read_toggle (views.watchpoints)),
                                FALSE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (_mdl_watchpoints_view_get_write_toggle (views.watchpoints)),
                                TRUE);
  click_widget (_mdl_watchpoints_view_get_add_button (views.watchpoints));
  one_row[0] = views.watchpoints;
  one_row[1] = GUINT_TO_POINTER (1);
  g_assert_true (ui_test_spin_until (has_rows, one_row, 3000));

  activate (window, "run");
  /* Paused already (the step): wait for the reason, then the window. */
  g_assert_true (ui_test_spin_until (stopped_on_watchpoint, runner, 20000));
  g_assert_true (wait_for_state (window, MDL_RUNNER_PAUSED, 5000));
  snap = mdl_runner_snapshot (runner);
  g_assert_cmpint (snap->stop_reason, ==, MDL_STOP_WATCHPOINT);
  g_assert_cmpint (snap->stop_cpu, ==, 0);
  g_assert_cmphex (snap->stop_addr, ==, counter->value);
  g_assert_cmpuint (snap->watchpoints->len, ==, 1);
  ui_test_spin (300);
  text = console_text (window);
  g_assert_nonnull (strstr (text, "before store"));
  g_assert_null (strstr (text, "after store"));
  /* The engine's words for the stop, in the window's status. */
  status = g_strdup_printf ("cpu0 wrote 4 bytes at 0x%" G_GINT64_MODIFIER "x (watched)",
                            counter->value);
  g_assert_nonnull (strstr (snap->message, status));
  g_free (status);
  status = g_strdup_printf ("Paused: %s", snap->message);
  g_assert_cmpstr (mdl_window_get_status_text (window), ==, status);

  /* The timeline of this run: waits on the timer, its interrupts, the
   * stop. */
  mdl_timeline_view_refresh (views.timeline);
  ui_test_spin (300);
  g_assert_cmpuint (_mdl_timeline_view_count_records (views.timeline, MDL_TRACE_IRQ), >=, 3);
  ui_test_screenshot (GTK_WIDGET (views.watchpoints), "watchpoints.png");
  ui_test_screenshot (GTK_WIDGET (views.timeline), "timeline-watch.png");
  ui_test_screenshot (GTK_WIDGET (views.toplevel), "timeline-and-watchpoints.png");
  detail = click_mark (views.timeline, MDL_TRACE_STOP);
  g_test_message ("%s", detail);
  g_assert_true (g_str_has_prefix (detail, "Machine Stopped\n"));
  g_assert_nonnull (strstr (detail, "watchpoint"));
  close_popovers ();
  detail = click_mark (views.timeline, MDL_TRACE_IRQ);
  g_test_message ("%s", detail);
  g_assert_true (g_str_has_prefix (detail, "Interrupt Raised\n") ||
                 g_str_has_prefix (detail, "Interrupt Lowered\n") ||
                 strstr (detail, " Interrupt Edges\n") != NULL);
  g_assert_nonnull (strstr (detail, "Line: 7"));
  screen_shot ("timeline-watch-detail.png");

  /* Removed, the guest runs to its end. */
  close_popovers ();
  mdl_watchpoints_view_refresh (views.watchpoints);
  trash = find_button (GTK_WIDGET (views.watchpoints), "Remove Watchpoint");
  g_assert_nonnull (trash);
  click_widget (trash);
  no_rows[0] = views.watchpoints;
  no_rows[1] = GUINT_TO_POINTER (0);
  g_assert_true (ui_test_spin_until (has_rows, no_rows, 3000));
  activate (window, "run");
  g_assert_true (wait_for_state (window, MDL_RUNNER_HALTED, 20000));
  after[0] = window;
  after[1] = (gpointer) "after store";
  g_assert_true (ui_test_spin_until (console_has, after, 5000));
  close_all_windows ();
#else
  g_test_skip ("no RISC-V cross compiler");
#endif
}

/* The heterogeneous demo: a lane per CPU of either architecture, one per
 * UART and one for the mailbox, whose messages show their values. */
static void
test_heterogeneous (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medley-ui-XXXXXX", NULL);
  g_autofree char *path = ui_test_copy_board ("hetero-demo.dts", dir);
  MdlWindow *window = open_board (path);
  g_autoptr(MdlSnapshot) snap = NULL;
  const char *detail;
  gboolean mailbox_lane = FALSE;
  guint n_lanes;
  Views views;

  if (!g_action_group_get_action_enabled (G_ACTION_GROUP (window), "run")) {
    g_test_skip ("the heterogeneous demo cannot run here (firmware or target missing)");
    close_all_windows ();
    return;
  }
  activate (window, "run");
  views_show (&views, window->session);
  g_assert_true (wait_for_state (window, MDL_RUNNER_HALTED, 60000));
  mdl_timeline_view_refresh (views.timeline);
  ui_test_spin (300);

  snap = mdl_runner_snapshot (window_runner (window));
  g_assert_cmpuint (snap->n_cpus, >=, 2);
  n_lanes = _mdl_timeline_view_get_n_lanes (views.timeline);
  g_assert_cmpuint (n_lanes, >=, snap->n_cpus + 1);
  for (guint i = 0; i < snap->n_cpus; i++) {
    g_autofree char *title = _mdl_timeline_view_get_lane_title (views.timeline, i);
    g_assert_cmpstr (title, ==, snap->cpus[i].name);
  }
  for (guint i = snap->n_cpus; i < n_lanes; i++) {
    g_autofree char *title = _mdl_timeline_view_get_lane_title (views.timeline, i);
    g_test_message ("lane %u: %s", i, title);
    /* Devices by their board names, never by number. */
    g_assert_false (g_str_has_prefix (title, "device "));
  }
  g_assert_cmpuint (_mdl_timeline_view_count_records (views.timeline, MDL_TRACE_MAILBOX), >, 0);
  ui_test_screenshot (GTK_WIDGET (views.timeline), "timeline-hetero.png");

  /* Zoomed on the start, where the first messages go back and forth. */
  detail = click_mark (views.timeline, MDL_TRACE_MAILBOX);
  g_test_message ("%s", detail);
  mailbox_lane = strstr (detail, "Mailbox") != NULL;
  g_assert_true (mailbox_lane);
  g_assert_nonnull (strstr (detail, "0x"));
  screen_shot ("timeline-hetero-detail.png");
  close_popovers ();
  close_all_windows ();
}

/* A guest printing flat out: the timeline keeps up without freezing the
 * window, and keeps its history bounded. */
static void
test_flood (void)
{
#ifdef UI_CHATTY_ELF
  g_autofree char *dir = g_dir_make_tmp ("medley-ui-XXXXXX", NULL);
  MdlWindow *window = open_virt (dir, UI_CHATTY_ELF);
  guint serial;
  double cpu_ms;
  Views views;

  activate (window, "run");
  views_show (&views, window->session);
  g_assert_true (wait_for_state (window, MDL_RUNNER_RUNNING, 5000));
  /* A guard against freezing, not a speed test: the machine may be busy,
   * so the verdict is the main thread's own work per tick, not a count
   * of ticks in a wall-clock window. */
  g_assert_true (ui_test_main_loop_serves (100, 60000, &cpu_ms));
  serial = _mdl_timeline_view_count_records (views.timeline, MDL_TRACE_SERIAL);
  g_test_message ("%.1f ms of main-thread CPU per 10 ms tick; %u serial records kept",
                  cpu_ms, serial);
  g_assert_cmpfloat (cpu_ms, <, 40.0);
  g_assert_cmpuint (serial, >, 1000);
  g_assert_cmpuint (serial, <=, 220000);
  g_assert_true (_mdl_timeline_view_get_following (views.timeline));
  activate (window, "pause");
  g_assert_true (wait_for_state (window, MDL_RUNNER_PAUSED, 5000));
  mdl_timeline_view_refresh (views.timeline);
  ui_test_spin (300);
  ui_test_screenshot (GTK_WIDGET (views.timeline), "timeline-flood.png");
  close_all_windows ();
#else
  g_test_skip ("no RISC-V cross compiler");
#endif
}

/* Without a machine both views say so, and setting one and taking it
 * away again leaves them empty. */
static void
test_no_machine (void)
{
  Views views;

  views_show (&views, NULL);
  g_assert_cmpuint (_mdl_timeline_view_get_n_lanes (views.timeline), ==, 0);
  g_assert_cmpuint (_mdl_watchpoints_view_get_n_rows (views.watchpoints), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (_mdl_watchpoints_view_get_entry (views.watchpoints))));
  ui_test_screenshot (GTK_WIDGET (views.toplevel), "timeline-empty.png");
  close_all_windows ();
}

int
main (int argc, char **argv)
{
  const char *dirs[] = { MDL_BUILD_BOARDS_DIR, MDL_SOURCE_BOARDS_DIR, NULL };
  g_autofree char *board = g_build_filename (MDL_SOURCE_BOARDS_DIR, "riscv32-virt.dts", NULL);
  g_autofree char *home = g_dir_make_tmp ("medley-ui-home-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  int status;

  ui_test_isolate_home (home);
  g_test_init (&argc, &argv, NULL);
  screenshot_dir = g_getenv ("MEDLEY_SCREENSHOT_DIR");
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);

  app = mdl_application_new (board, dirs, G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("register: %s", error->message);

  g_test_add_func ("/ui/timeline/hello-lanes-and-marks", test_hello_lanes_and_marks);
  g_test_add_func ("/ui/timeline/watchpoint-stops-on-store", test_watchpoint_stops_on_store);
  g_test_add_func ("/ui/timeline/heterogeneous", test_heterogeneous);
  g_test_add_func ("/ui/timeline/flood", test_flood);
  g_test_add_func ("/ui/timeline/no-machine", test_no_machine);
  status = g_test_run ();
  close_all_windows ();
  g_clear_object (&app);
  return status;
}
