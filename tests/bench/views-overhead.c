/* The GUI half of the views-overhead benchmark (views-overhead.py runs
 * it under Xvfb and compares it with a headless run).
 *
 * usage: views-overhead BOARD.dts FIRMWARE.elf
 *
 * Opens the board in the real window, sets the firmware of its first
 * cluster through the editor (as the inspector does), shows the window's
 * CPU views panel and, in a second window, every view at once on the same
 * machine: registers, memory following the stack pointer, disassembly
 * following the pc, instruction anatomy, timeline and watchpoints, all
 * refreshed from each snapshot the way the panel refreshes its own.  Then
 * it runs the guest until it halts and prints one JSON line:
 *
 *   {"instructions": N, "wall_time_s": T, "mips": M, "exit_code": C, ...}
 *
 * Timing starts when Run is pressed on an already built machine (a first
 * Step builds it, so board parsing and firmware loading are not counted,
 * as `medley run --json` does not count them either) and stops when a
 * 2 ms timer on the main loop first sees the halted snapshot. */
#define G_LOG_DOMAIN "views-overhead"

#include <adwaita.h>
#include <stdio.h>
#include <time.h>
#include <string.h>

#include "mdl-config.h"
#include "ui/mdl-anatomy-view.h"
#include "ui/mdl-application.h"
#include "ui/mdl-disassembly-view.h"
#include "ui/mdl-memory-view.h"
#include "ui/mdl-registers-view.h"
#include "ui/mdl-timeline-view-private.h"
#include "ui/mdl-watchpoints-view.h"
#include "ui/mdl-window-private.h"

#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

typedef struct {
  MdlRunner     *runner;
  GtkWidget     *registers, *memory, *disassembly, *anatomy, *timeline, *watchpoints;
  int            pending;        /* an update is queued (engine → main) */
  guint64        shown_seq;
  guint          updates;        /* snapshots the extra views showed */
  gint64         t_start, t_end;
  gboolean       done;
} Bench;

/* CPU time of the calling thread, in seconds: what the UI itself costs. */
static double
thread_cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static gboolean
update_idle (gpointer data)
{
  Bench *b = data;
  g_autoptr(MdlSnapshot) snap = NULL;

  g_atomic_int_set (&b->pending, 0);
  if (b->runner == NULL)
    return G_SOURCE_REMOVE;
  snap = mdl_runner_snapshot (b->runner);
  if (snap->seq == b->shown_seq)
    return G_SOURCE_REMOVE;
  b->shown_seq = snap->seq;
  b->updates++;
  mdl_registers_view_update (MDL_REGISTERS_VIEW (b->registers), snap);
  mdl_memory_view_update (MDL_MEMORY_VIEW (b->memory), snap);
  mdl_disassembly_view_update (MDL_DISASSEMBLY_VIEW (b->disassembly), snap);
  mdl_anatomy_view_update (MDL_ANATOMY_VIEW (b->anatomy), snap);
  /* The timeline and watchpoints views listen to the runner themselves. */
  return G_SOURCE_REMOVE;
}

/* Engine thread: one queued update at a time, below redraw priority, as
 * the views panel does. */
static void
on_publication (void *data)
{
  Bench *b = data;

  if (g_atomic_int_compare_and_exchange (&b->pending, 0, 1))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, update_idle, b, NULL);
}

static gboolean
check_done (gpointer data)
{
  Bench *b = data;
  g_autoptr(MdlSnapshot) snap = mdl_runner_snapshot (b->runner);

  if (snap->state == MDL_RUNNER_HALTED || snap->state == MDL_RUNNER_STOPPED) {
    b->t_end = g_get_monotonic_time ();
    b->done = TRUE;
    return G_SOURCE_REMOVE;
  }
  return G_SOURCE_CONTINUE;
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static guint
first_cluster (MdlEditor *editor)
{
  const MdlBoardDoc *doc = mdl_editor_get_doc (editor);

  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *c = doc->components->pdata[i];
    if (c->kind == MDL_COMPONENT_CLUSTER)
      return c->id;
  }
  return 0;
}

static GtkWidget *
framed (GtkWidget *child, const char *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), child);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_hexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), scrolled);
  return box;
}

int
main (int argc, char **argv)
{
  const char *dirs[] = { MDL_BUILD_BOARDS_DIR, MDL_SOURCE_BOARDS_DIR, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MdlSnapshot) snap = NULL;
  g_autofree char *firmware = NULL;
  g_autofree char *home = g_dir_make_tmp ("medley-bench-home-XXXXXX", NULL);
  MdlApplication *app;
  MdlWindow *window = NULL;
  MdlEditor *editor;
  GtkWindow *views;
  GtkWidget *grid;
  Bench b = { 0 };
  guint listener;
  guint64 retired = 0;
  double wall, ui_cpu;

  if (argc != 3) {
    fprintf (stderr, "usage: %s BOARD.dts FIRMWARE.elf\n", argv[0]);
    return 2;
  }
  /* Settings and recent files go to a throw-away home. */
  for (guint i = 0; i < 3; i++) {
    static const char *const vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME" };
    g_autofree char *sub = g_build_filename (home, vars[i], NULL);
    g_mkdir_with_parents (sub, 0700);
    g_setenv (vars[i], sub, TRUE);
  }
  g_set_prgname ("medley");
  g_set_application_name ("Medley");
  gtk_init ();
  adw_init ();
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  app = mdl_application_new (argv[1], dirs, G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error)) {
    fprintf (stderr, "views-overhead: %s\n", error->message);
    return 1;
  }

  /* The window on the board, as `medley BOARD.dts` opens it. */
  file = g_file_new_for_commandline_arg (argv[1]);
  g_application_open (G_APPLICATION (app), &file, 1, "");
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (MDL_IS_WINDOW (l->data))
      window = l->data;
  if (window == NULL) {
    fprintf (stderr, "views-overhead: no window for %s\n", argv[1]);
    return 1;
  }
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  editor = mdl_window_get_editor (window);
  firmware = g_canonicalize_filename (argv[2], NULL);
  if (!mdl_editor_set_prop (editor, first_cluster (editor), "firmware", firmware, &error)) {
    fprintf (stderr, "views-overhead: %s\n", error->message);
    return 1;
  }
  /* The docked panel, when the window has one (it is shown by default). */
  if (g_action_group_has_action (G_ACTION_GROUP (window), "show-views"))
    g_action_group_change_action_state (G_ACTION_GROUP (window), "show-views",
                                        g_variant_new_boolean (TRUE));
  spin (200);

  /* A first step builds the machine. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "step", NULL);
  if (window->runner == NULL) {
    fprintf (stderr, "views-overhead: the window built no machine (%s)\n",
             mdl_window_get_status_text (window));
    return 1;
  }
  b.runner = window->runner;

  /* Every view at once, on the same machine. */
  b.registers = mdl_registers_view_new ();
  b.memory = mdl_memory_view_new ();
  b.disassembly = mdl_disassembly_view_new ();
  b.anatomy = mdl_anatomy_view_new ();
  b.timeline = mdl_timeline_view_new ();
  b.watchpoints = mdl_watchpoints_view_new ();
  mdl_registers_view_set_session (MDL_REGISTERS_VIEW (b.registers), window->session, 0);
  mdl_memory_view_set_session (MDL_MEMORY_VIEW (b.memory), window->session, 0);
  mdl_disassembly_view_set_session (MDL_DISASSEMBLY_VIEW (b.disassembly), window->session, 0);
  mdl_anatomy_view_set_session (MDL_ANATOMY_VIEW (b.anatomy), window->session, 0);
  mdl_timeline_view_set_session (MDL_TIMELINE_VIEW (b.timeline), window->session);
  mdl_watchpoints_view_set_session (MDL_WATCHPOINTS_VIEW (b.watchpoints), window->session);
  mdl_watchpoints_view_set_cpu (MDL_WATCHPOINTS_VIEW (b.watchpoints), 0);
  mdl_memory_view_go_to (MDL_MEMORY_VIEW (b.memory), "sp");
  mdl_memory_view_set_follow (MDL_MEMORY_VIEW (b.memory), TRUE);
  mdl_disassembly_view_follow_pc (MDL_DISASSEMBLY_VIEW (b.disassembly));

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_attach (GTK_GRID (grid), framed (b.registers, "Registers"), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), framed (b.memory, "Memory"), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), framed (b.disassembly, "Disassembly"), 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), framed (b.anatomy, "Anatomy"), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), framed (b.watchpoints, "Watchpoints"), 1, 1, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), b.timeline, 0, 2, 3, 1);
  views = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (views, "All Views");
  gtk_window_set_default_size (views, 1500, 950);
  gtk_window_set_child (views, grid);
  gtk_window_present (views);
  listener = mdl_runner_add_listener (b.runner, on_publication, &b);
  on_publication (&b);
  spin (500);

  /* Run, and wait for the end on a 2 ms timer (the loop otherwise blocks
   * and leaves the cores to the engine and the views). */
  ui_cpu = thread_cpu_s ();
  b.t_start = g_get_monotonic_time ();
  g_action_group_activate_action (G_ACTION_GROUP (window), "run", NULL);
  g_timeout_add (2, check_done, &b);
  while (!b.done)
    g_main_context_iteration (NULL, TRUE);
  wall = (b.t_end - b.t_start) / 1e6;
  ui_cpu = thread_cpu_s () - ui_cpu;

  snap = mdl_runner_snapshot (b.runner);
  for (guint i = 0; i < snap->n_cpus; i++)
    retired += snap->cpus[i].retired;
  spin (300);   /* the views show the end, for anyone watching */
  printf ("{\"instructions\": %" G_GUINT64_FORMAT ", \"wall_time_s\": %.6f, \"mips\": %.3f, "
          "\"ui_thread_cpu_s\": %.3f, \"exit_code\": %d, \"state\": \"%s\", \"view_updates\": %u, "
          "\"timeline_lanes\": %u}\n",
          retired, wall, retired / wall / 1e6, ui_cpu, snap->exit_code,
          mdl_runner_state_name (snap->state), b.updates,
          _mdl_timeline_view_get_n_lanes (MDL_TIMELINE_VIEW (b.timeline)));
  fflush (stdout);

  /* The extra views let go of the machine before the window frees it. */
  mdl_runner_remove_listener (b.runner, listener);
  b.runner = NULL;
  gtk_window_destroy (views);
  spin (50);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  g_object_unref (app);
  return snap->state == MDL_RUNNER_HALTED && snap->exit_code == 0 ? 0 : 1;
}
