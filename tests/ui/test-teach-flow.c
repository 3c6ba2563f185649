/* GUI test of the teaching flow of issue 16, end to end in the real
 * application under Xvfb: a RISC-V assembly program and a C program
 * written in the program window, built (Ctrl+B), run to a breakpoint set
 * by clicking the editor's gutter, stepped by line (F10) with the
 * editor's current-line mark following, a local read on the Stack page,
 * stepped back (Step Back, the reverse of F10, and one instruction) to
 * exactly the stops the forward steps made (pc, line, registers, the
 * local), back to the previous breakpoint hit, a save point taken and
 * returned to, and the cache view's counts moving as the program runs.
 * Screenshots of each stage land in MEDLEY_SCREENSHOT_DIR (teach-*.png). */
#define G_LOG_DOMAIN "test-teach-flow"

#include "ui-test.h"
#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "mdl-config.h"
#include "ui/mdl-application.h"
#include "ui/mdl-cache-view.h"
#include "ui/mdl-frames-view.h"
#include "ui/mdl-program-editor.h"
#include "ui/mdl-program-window.h"
#include "ui/mdl-registers-view.h"
#include "ui/mdl-window-private.h"

#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

static MdlApplication *app;

static const char asm_program[] =
  "/* Adds 1..5 in t0, counting in t1. */\n"
  "\t.section .text.start, \"ax\"\n"
  "\t.globl\t_start\n"
  "_start:\n"
  "\tli\tt0, 0\n"
  "\tli\tt1, 1\n"
  "\tli\tt2, 5\n"
  "1:\tadd\tt0, t0, t1\n"
  "\taddi\tt1, t1, 1\n"
  "\tble\tt1, t2, 1b\n"
  "\tli\tt3, 0x100000\n"
  "\tli\tt4, 0x5555\n"
  "\tsw\tt4, 0(t3)\n"
  "2:\tj\t2b\n";

static const char c_program[] =
  "#include <stdio.h>\n"
  "\n"
  "static int table[64];\n"
  "\n"
  "static int\n"
  "square (int x)\n"
  "{\n"
  "  int sq = x * x;\n"
  "  table[(x * 8) % 64] = sq;\n"
  "  return sq;\n"
  "}\n"
  "\n"
  "int\n"
  "main (void)\n"
  "{\n"
  "  volatile int total = 0;\n"
  "\n"
  "  for (int i = 1; i <= 5; i++) {\n"
  "    total += square (i);\n"
  "  }\n"
  "  printf (\"total = %d\\n\", total);\n"
  "  return 0;\n"
  "}\n";

/* ---- helpers ---- */

/* Ctrl+B, as the key binding does, and the build's end. */
static void
build_and_wait (MdlProgramWindow *pw)
{
  g_assert_true (ui_test_program_build (pw, FALSE));
  if (!mdl_program_window_get_last_ok (pw))
    g_error ("the build failed: %s", mdl_program_window_get_message (pw));
}

typedef struct {
  MdlProgramEditor *editor;
  guint             line;
} MarkWait;

static gboolean
breakpoint_marked (gpointer data)
{
  MarkWait *w = data;

  return mdl_program_editor_has_breakpoint (w->editor, w->line);
}

/* The line (1-based) holding @needle. */
static guint
line_of (MdlProgramEditor *ed, const char *needle)
{
  g_autofree char *text = mdl_program_editor_get_text (ed);
  const char *at = strstr (text, needle);
  guint line = 1;

  g_assert_nonnull (at);
  for (const char *p = text; p < at; p++)
    line += *p == '\n';
  return line;
}

static GtkWidget *
find_source_view (GtkWidget *widget)
{
  if (GTK_SOURCE_IS_VIEW (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c)) {
    GtkWidget *found = find_source_view (c);
    if (found != NULL)
      return found;
  }
  return NULL;
}

/* A click on the gutter beside @line: what GtkSourceView reports for one. */
static void
click_gutter (MdlProgramEditor *ed, guint line)
{
  GtkWidget *view = find_source_view (GTK_WIDGET (ed));
  GtkTextIter iter;

  g_assert_nonnull (view);
  gtk_text_buffer_get_iter_at_line (mdl_program_editor_get_buffer (ed), &iter, (int) line - 1);
  g_signal_emit_by_name (view, "line-mark-activated", &iter, (guint) GDK_BUTTON_PRIMARY,
                         (GdkModifierType) 0, 1);
}

static void
activate (MdlWindow *window, const char *action)
{
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), action));
  g_action_group_activate_action (G_ACTION_GROUP (window), action, NULL);
}

static gboolean
enabled (MdlWindow *window, const char *action)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (window), action);
}

static guint64
snap_reg (MdlWindow *window, const char *name)
{
  g_autoptr(MdlSnapshot) snap = mdl_session_ref_snapshot (window->session);
  const MdlCpuSnapshot *c = &snap->cpus[0];

  for (unsigned i = 0; i < c->cls->n_regs; i++)
    if (g_strcmp0 (c->cls->regs[i].name, name) == 0 || g_strcmp0 (c->cls->regs[i].alias, name) == 0)
      return c->regs[i];
  g_error ("no register %s", name);
}

static guint64
snap_pc (MdlWindow *window)
{
  g_autoptr(MdlSnapshot) snap = mdl_session_ref_snapshot (window->session);

  return snap->cpus[0].pc;
}

/* Where the machine stopped, as the views show it. */
typedef struct {
  guint64 pc;
  guint   line;        /* the program editor's current line */
  char   *value;       /* a register's or a local's text */
} Stop;

typedef struct {
  MdlWindow        *window;
  MdlProgramEditor *source;
  MdlFramesView    *frames;      /* when a local is read, else NULL */
  MdlRegistersView *regs;        /* when a register is read, else NULL */
  const char       *name;        /* the local or register */
  guint64           not_pc;      /* the stop before: the new one is elsewhere */
  guint64           want_pc;     /* 0, or where it must be */
  const char       *want_value;  /* NULL, or what the local must show */
  gboolean          at_breakpoint; /* stopped by one (not the new machine's
                                      first pause, before Run arrives) */
} StopWait;

/* Paused somewhere new, and every view caught up with it. */
static gboolean
stopped (gpointer data)
{
  StopWait *w = data;
  g_autoptr(MdlSnapshot) snap = NULL;
  g_autofree char *pc_text = NULL;

  if (!ui_test_is_paused (w->window))
    return FALSE;
  snap = mdl_session_ref_snapshot (w->window->session);
  if (snap->cpus[0].pc == w->not_pc || (w->want_pc != 0 && snap->cpus[0].pc != w->want_pc) ||
      (w->at_breakpoint && snap->stop_reason != MDL_STOP_BREAKPOINT))
    return FALSE;
  if (mdl_program_editor_get_current_line (w->source) == 0)
    return FALSE;
  if (w->regs != NULL) {
    const char *shown = mdl_registers_view_get_text (w->regs, "pc");
    guint64 v = shown ? g_ascii_strtoull (shown, NULL, 16) : 0;

    if (v != snap->cpus[0].pc)
      return FALSE;
  }
  if (w->frames != NULL &&
      (mdl_frames_view_get_n_frames (w->frames) == 0 ||
       mdl_frames_view_get_value (w->frames, w->name) == NULL))
    return FALSE;
  return w->want_value == NULL || (w->frames != NULL &&
                                   g_strcmp0 (mdl_frames_view_get_value (w->frames, w->name),
                                              w->want_value) == 0);
}

static Stop
wait_stop (StopWait *w)
{
  Stop s = { 0 };

  if (!ui_test_spin_until (stopped, w, 30000)) {
    g_autoptr(MdlSnapshot) snap;

    ui_test_screenshot (GTK_WIDGET (w->window), "teach-failed.png");
    snap = mdl_session_ref_snapshot (w->window->session);

    g_error ("no stop: %s, pc 0x%" G_GINT64_MODIFIER "x, line %u, pc shown %s, %s = %s",
             mdl_window_get_status_text (w->window), snap->cpus[0].pc,
             mdl_program_editor_get_current_line (w->source),
             w->regs ? mdl_registers_view_get_text (w->regs, "pc") : "-", w->name,
             w->frames ? mdl_frames_view_get_value (w->frames, w->name)
                       : mdl_registers_view_get_text (w->regs, w->name));
  }
  s.pc = snap_pc (w->window);
  s.line = mdl_program_editor_get_current_line (w->source);
  if (w->frames != NULL)
    s.value = g_strdup (mdl_frames_view_get_value (w->frames, w->name));
  else
    s.value = g_strdup (mdl_registers_view_get_text (w->regs, w->name));
  g_test_message ("stop: pc 0x%" G_GINT64_MODIFIER "x, line %u, %s = %s", s.pc, s.line,
                  w->name, s.value);
  return s;
}

static void
stop_clear (Stop *s)
{
  g_clear_pointer (&s->value, g_free);
}

static gboolean
counts_shown (gpointer data)
{
  const char *text = mdl_cache_view_get_counts_text (data, 1);

  return text != NULL && *text != '\0';
}

typedef struct {
  MdlCacheView *view;
  const char   *before;
} CountsWait;

static gboolean
counts_moved (gpointer data)
{
  CountsWait *w = data;

  return counts_shown (w->view) &&
         g_strcmp0 (mdl_cache_view_get_counts_text (w->view, 1), w->before) != 0;
}

static gboolean
history_usable (gpointer data)
{
  return enabled (data, "step-back");
}

/* ---- the test ---- */

static void
test_teach_flow (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medley-teach-XXXXXX", NULL);
  g_autofree char *board = ui_test_copy_board ("riscv32-virt.dts", dir);
  MdlWindow *window = ui_test_open_board (app, board);
  MdlEditor *ed = mdl_window_get_editor (window);
  MdlCpuViews *views = mdl_window_get_cpu_views (window);
  MdlRegistersView *regs = MDL_REGISTERS_VIEW (mdl_cpu_views_get_page (views, "registers"));
  MdlFramesView *frames = MDL_FRAMES_VIEW (mdl_cpu_views_get_page (views, "frames"));
  MdlCacheView *cache = MDL_CACHE_VIEW (mdl_cpu_views_get_page (views, "cache"));
  guint cluster = ui_test_first_cluster (ed);
  g_autoptr(GError) error = NULL;
  MdlProgramWindow *pw;
  MdlProgramEditor *source;
  StopWait w = { window, NULL, NULL, regs, "t1", 0, 0, NULL, FALSE };
  Stop fwd[8] = { 0 };
  guint bp, n;
  g_autofree char *counts_before = NULL;
  CountsWait cw = { NULL, NULL };

  /* Caches on the hart, as the inspector's fields set them. */
  g_assert_true (mdl_editor_set_prop (ed, cluster, "icache-size", "256", &error));
  g_assert_true (mdl_editor_set_prop (ed, cluster, "dcache-size", "256", &error));
  g_assert_no_error (error);
  mdl_editor_set_selection (ed, &cluster, 1);

  /* Nothing ran: nothing to go back to. */
  g_assert_false (enabled (window, "step-back"));
  g_assert_false (enabled (window, "reverse-continue"));

  /* ---- assembly ---- */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-program", "u", cluster);
  pw = mdl_program_window_find (window, cluster);
  g_assert_nonnull (pw);
  gtk_window_set_default_size (GTK_WINDOW (pw), 760, 560);
  g_assert_true (ui_test_spin_until (ui_test_widget_mapped, pw, 5000));
  source = mdl_program_window_get_editor (pw);
  w.source = source;
  gtk_widget_activate_action (GTK_WIDGET (pw), "program.new-asm", NULL);
  gtk_text_buffer_set_text (mdl_program_editor_get_buffer (source), asm_program, -1);
  bp = line_of (source, "1:\tadd");
  click_gutter (source, bp);
  g_assert_true (mdl_program_editor_has_breakpoint (source, bp));
  build_and_wait (pw);
  ui_test_screenshot (GTK_WIDGET (pw), "teach-asm-built.png");

  /* Run: the breakpoint set in the gutter stops it, the editor marks the
   * line; F10 twice; each stop is seen by the registers view. */
  mdl_cpu_views_show_page (views, "registers");
  w.at_breakpoint = TRUE;
  activate (window, "run");
  fwd[0] = wait_stop (&w);
  w.at_breakpoint = FALSE;
  g_assert_cmpuint (fwd[0].line, ==, bp);
  g_assert_cmpuint (snap_reg (window, "t0"), ==, 0);
  g_assert_true (ui_test_spin_until (history_usable, window, 10000));
  ui_test_screenshot (GTK_WIDGET (pw), "teach-asm-break.png");
  for (n = 1; n <= 2; n++) {
    w.not_pc = fwd[n - 1].pc;
    activate (window, "step-line");
    fwd[n] = wait_stop (&w);
    g_assert_cmpuint (fwd[n].line, ==, bp + n);
  }
  g_assert_cmpuint (snap_reg (window, "t1"), ==, 2);
  ui_test_screenshot (GTK_WIDGET (window), "teach-asm-stepped.png");

  /* Step Back: the stops again, in reverse, register values and all. */
  w.not_pc = fwd[2].pc;
  w.want_pc = fwd[1].pc;
  activate (window, "step-back");
  {
    Stop s = wait_stop (&w);
    g_assert_cmpuint (s.line, ==, fwd[1].line);
    g_assert_cmpstr (s.value, ==, fwd[1].value);
    g_assert_cmpuint (snap_reg (window, "t1"), ==, 1);
    /* The view highlights what going back changed. */
    g_assert_true (mdl_registers_view_get_changed (regs, "pc"));
    stop_clear (&s);
  }
  w.not_pc = fwd[1].pc;
  w.want_pc = fwd[0].pc;
  activate (window, "step-back-instruction");
  {
    Stop s = wait_stop (&w);
    g_assert_cmpuint (s.line, ==, fwd[0].line);
    g_assert_cmpuint (snap_reg (window, "t0"), ==, 0);
    stop_clear (&s);
  }
  ui_test_screenshot (GTK_WIDGET (window), "teach-asm-back.png");
  ui_test_screenshot (GTK_WIDGET (pw), "teach-asm-back-editor.png");
  for (n = 0; n <= 2; n++)
    stop_clear (&fwd[n]);

  /* ---- C ---- */
  gtk_widget_activate_action (GTK_WIDGET (pw), "program.new-c", NULL);
  gtk_text_buffer_set_text (mdl_program_editor_get_buffer (source), c_program, -1);
  bp = line_of (source, "total += square");
  click_gutter (source, bp);
  build_and_wait (pw);
  g_assert_false (window->runner != NULL && enabled (window, "step-back"));

  mdl_cpu_views_show_page (views, "frames");
  w.frames = frames;
  w.regs = NULL;
  w.name = "total";
  w.not_pc = 0;
  w.want_pc = 0;
  w.at_breakpoint = TRUE;
  activate (window, "run");
  fwd[0] = wait_stop (&w);
  w.at_breakpoint = FALSE;
  g_assert_cmpuint (fwd[0].line, ==, bp);
  g_assert_cmpstr (fwd[0].value, ==, "0");
  g_assert_cmpstr (mdl_frames_view_get_function (frames, 0), ==, "main");
  g_assert_true (ui_test_spin_until (history_usable, window, 10000));
  ui_test_screenshot (GTK_WIDGET (window), "teach-c-break.png");
  ui_test_screenshot (GTK_WIDGET (pw), "teach-c-break-editor.png");

  /* A save point here. */
  activate (window, "save-point");
  g_assert_cmpuint (window->points->len, ==, 1);

  /* F10 until the loop comes round to the breakpoint's line again. */
  for (n = 1; n < G_N_ELEMENTS (fwd); n++) {
    w.not_pc = fwd[n - 1].pc;
    activate (window, "step-line");
    fwd[n] = wait_stop (&w);
    if (n == 1)
      ui_test_screenshot (GTK_WIDGET (pw), "teach-c-stepped-editor.png");
    if (fwd[n].line == bp)
      break;
  }
  g_assert_cmpuint (n, <, G_N_ELEMENTS (fwd));
  g_assert_cmpstr (fwd[n].value, ==, "1");
  ui_test_screenshot (GTK_WIDGET (window), "teach-c-stepped.png");

  /* Step Back by line retraces every stop. */
  for (guint k = n; k > 0; k--) {
    Stop s;

    w.not_pc = fwd[k].pc;
    w.want_pc = fwd[k - 1].pc;
    activate (window, "step-back");
    s = wait_stop (&w);
    g_assert_cmpuint (s.line, ==, fwd[k - 1].line);
    g_assert_cmpstr (s.value, ==, fwd[k - 1].value);
    stop_clear (&s);
  }
  g_assert_cmpuint (mdl_program_editor_get_current_line (source), ==, bp);
  g_assert_cmpstr (mdl_frames_view_get_value (frames, "total"), ==, "0");
  ui_test_screenshot (GTK_WIDGET (window), "teach-c-back.png");
  ui_test_screenshot (GTK_WIDGET (pw), "teach-c-back-editor.png");

  /* Run on to the breakpoint's next hits: the cache counts move. */
  mdl_cpu_views_show_page (views, "cache");
  g_assert_true (ui_test_spin_until (counts_shown, cache, 10000));
  counts_before = g_strdup (mdl_cache_view_get_counts_text (cache, 1));
  ui_test_screenshot (GTK_WIDGET (window), "teach-cache-before.png");
  mdl_cpu_views_show_page (views, "frames");
  w.not_pc = 0;
  w.want_pc = fwd[0].pc;
  for (n = 1; n <= 2; n++) {
    Stop s;

    w.want_value = n == 1 ? "1" : "5";
    activate (window, "run");
    s = wait_stop (&w);
    stop_clear (&s);
  }
  mdl_cpu_views_show_page (views, "cache");
  cw.view = cache;
  cw.before = counts_before;
  g_assert_true (ui_test_spin_until (counts_moved, &cw, 10000));
  g_test_message ("data cache before: %s; after: %s", counts_before,
                  mdl_cache_view_get_counts_text (cache, 1));
  ui_test_screenshot (GTK_WIDGET (window), "teach-cache.png");

  /* Reverse Continue: the hit before (total = 1). */
  mdl_cpu_views_show_page (views, "frames");
  w.want_value = "1";
  activate (window, "reverse-continue");
  {
    Stop s = wait_stop (&w);
    g_assert_cmpuint (s.line, ==, bp);
    stop_clear (&s);
  }
  ui_test_screenshot (GTK_WIDGET (window), "teach-reverse-continue.png");

  /* The history menu, with the point. */
  gtk_menu_button_popup (window->points_button);
  ui_test_spin (300);
  ui_test_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (window->points_button)),
                      "teach-points-menu.png");
  gtk_menu_button_popdown (window->points_button);

  /* Back to the save point (total = 0), from the menu's item. */
  g_assert_cmpint (g_menu_model_get_n_items (G_MENU_MODEL (window->points_section)), ==, 1);
  w.want_value = "0";
  g_action_group_activate_action (G_ACTION_GROUP (window), "restore-point",
                                  g_variant_new_string (window->points->pdata[0]));
  {
    Stop s = wait_stop (&w);
    g_assert_cmpuint (s.line, ==, bp);
    stop_clear (&s);
  }
  ui_test_screenshot (GTK_WIDGET (window), "teach-restored.png");

  /* A breakpoint set elsewhere (as the Code page does) gets its mark in
   * the editor when the machine stops there. */
  {
    MdlDebugInfo *di = mdl_runner_debuginfo (window->runner, 0, NULL);
    guint body = line_of (source, "int sq = ");
    g_autoptr(GArray) addrs = mdl_debuginfo_line_addresses (di, mdl_program_editor_get_path (source),
                                                            body, NULL);
    Stop s;

    g_assert_cmpuint (addrs->len, >, 0);
    g_assert_false (mdl_program_editor_has_breakpoint (source, body));
    mdl_runner_set_breakpoint (window->runner, 0, g_array_index (addrs, guint64, 0), TRUE);
    w.want_value = NULL;
    w.frames = NULL;
    w.regs = regs;
    w.name = "a0";
    w.not_pc = 0;
    w.want_pc = g_array_index (addrs, guint64, 0);
    mdl_cpu_views_show_page (views, "registers");
    activate (window, "run");
    s = wait_stop (&w);
    g_assert_cmpuint (s.line, ==, body);
    /* The window marks breakpoints set elsewhere when it sees the stop,
     * which may come after the views showed it. */
    {
      MarkWait mw = { source, body };

      g_assert_true (ui_test_spin_until (breakpoint_marked, &mw, 10000));
    }
    stop_clear (&s);
    ui_test_screenshot (GTK_WIDGET (pw), "teach-c-callee-editor.png");
  }
  {
    GtkWidget *header = gtk_widget_get_first_child (gtk_widget_get_first_child (
      adw_toast_overlay_get_child (window->toast_overlay)));
    ui_test_screenshot (header ? header : GTK_WIDGET (window), "teach-header.png");
  }
  for (n = 0; n < G_N_ELEMENTS (fwd); n++)
    stop_clear (&fwd[n]);

  mdl_program_window_close_all (window);
  ui_test_close_all_windows (GTK_APPLICATION (app));
  for (const char *const *name = (const char *const[]) { "cpu0.S", "cpu0.c", "cpu0.elf",
                                                          "riscv32-virt.dts", NULL };
       *name != NULL; name++) {
    g_autofree char *p = g_build_filename (dir, *name, NULL);
    g_unlink (p);
  }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = g_dir_make_tmp ("medley-ui-home-XXXXXX", NULL);
  const char *lang = NULL;
  int status;

  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  app = ui_test_app_new (&argc, &argv, home, &lang);

  g_test_add_func ("/ui/teach-flow", test_teach_flow);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
