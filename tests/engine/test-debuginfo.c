/* Source-level debugging (engine/debuginfo.c) on a real board: the line
 * table, stepping by line, the call stack and variables of
 * tests/programs/debug-lines.c, built with -g at -O0 or -Og for the CPU of
 * the board given.
 *
 * Usage: test-debuginfo BOARD ELF [O0|Og]
 *        test-debuginfo --hetero BOARD CLUSTER=ELF CLUSTER=ELF
 * The second form runs one build on each CPU of a heterogeneous board:
 * each CPU is debugged with its own firmware's information.
 * Lines are found by the L: markers of the source, never by number. */
#include <glib/gstdio.h>
#include <string.h>

#include "engine/board.h"
#include "engine/debuginfo.h"
#include "engine/registry.h"
#include "engine/runner.h"
#include "hw/devices.h"
#include "targets/targets.h"

static const char *board_path, *elf_path;
static bool optimised;

#define SOURCE MDL_SOURCE_ROOT "/tests/programs/debug-lines.c"

/* The line carrying marker "L:@name". */
static unsigned
marker (const char *name)
{
  g_autofree char *text = NULL;
  g_autofree char *tag = g_strdup_printf ("L:%s ", name);
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (SOURCE, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (unsigned i = 0; lines[i]; i++)
    if (strstr (lines[i], tag))
      return i + 1;
  g_error ("no marker %s", name);
}

typedef struct {
  MdlBoard     *board;
  MdlMachine   *m;
  MdlCpu       *cpu;
  MdlDebugInfo *di;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  (void) data;
  f->board = mdl_board_load (board_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mdl_board_set_firmware (f->board, NULL, elf_path, &error));
  g_assert_true (mdl_board_load_firmware (f->board, &error));
  g_assert_no_error (error);
  f->m = f->board->machine;
  f->cpu = mdl_machine_cpu (f->m, 0);
  f->di = mdl_debuginfo_open (elf_path, f->cpu->cls, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  mdl_debuginfo_free (f->di);
  mdl_board_free (f->board);
}

static unsigned
line_of_pc (Fixture *f)
{
  const char *file = NULL;
  unsigned line = 0;

  g_assert_true (mdl_debuginfo_line_at (f->di, mdl_cpu_pc (f->cpu), &file, &line, NULL, NULL,
                                        NULL));
  g_assert_true (g_str_has_suffix (file, "debug-lines.c"));
  return line;
}

static const char *
function_of_pc (Fixture *f)
{
  return mdl_debuginfo_function_at (f->di, mdl_cpu_pc (f->cpu), NULL);
}

/* Runs to the first address of the marked line. */
static void
run_to_marker (Fixture *f, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) addrs = mdl_debuginfo_resolve_line (f->di, "debug-lines.c", marker (name),
                                                        "test", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < addrs->len; i++)
    mdl_cpu_set_breakpoint (f->cpu, g_array_index (addrs, uint64_t, i), true);
  g_assert_cmpint (mdl_machine_run (f->m, MDL_PS_PER_S), ==, MDL_STOP_BREAKPOINT);
  for (guint i = 0; i < addrs->len; i++)
    mdl_cpu_set_breakpoint (f->cpu, g_array_index (addrs, uint64_t, i), false);
  mdl_machine_clear_stop (f->m);
  /* At -Og a line may begin where the next one does: its row is the
   * later line's. */
  if (!optimised)
    g_assert_cmpuint (line_of_pc (f), ==, marker (name));
}

static void
step (Fixture *f, MdlStepKind kind)
{
  g_assert_cmpint (mdl_line_step (f->di, f->m, f->cpu, kind), ==, MDL_STOP_NONE);
}

static char *
var (Fixture *f, unsigned frame, const char *name)
{
  g_autoptr(GArray) frames = mdl_debuginfo_backtrace (f->di, f->cpu, 16);
  g_autoptr(MdlDebugVar) v = NULL;

  g_assert_cmpuint (frame, <, frames->len);
  v = mdl_debuginfo_find_var (f->di, f->cpu, &g_array_index (frames, MdlDebugFrame, frame), name);
  g_assert_nonnull (v);
  return g_strdup (v->value);
}

static void
assert_var (Fixture *f, unsigned frame, const char *name, const char *expected)
{
  g_autofree char *value = var (f, frame, name);

  g_test_message ("%s = %s", name, value);
  g_assert_cmpstr (value, ==, expected);
}

static void
test_lines (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) addrs = NULL;
  unsigned nearest = 0, line = 0;
  const char *file = NULL;
  uint64_t low = 0;

  (void) data;
  /* file:line -> address -> the same file:line, in the right function. */
  addrs = mdl_debuginfo_line_addresses (f->di, "debug-lines.c", marker ("leaf-body"), NULL);
  g_assert_cmpuint (addrs->len, >=, 1);
  g_assert_true (mdl_debuginfo_line_at (f->di, g_array_index (addrs, uint64_t, 0), &file, &line,
                                        NULL, NULL, NULL));
  g_assert_cmpuint (line, ==, marker ("leaf-body"));
  g_assert_true (g_str_has_suffix (file, "/tests/programs/debug-lines.c"));
  g_assert_cmpstr (mdl_debuginfo_function_at (f->di, g_array_index (addrs, uint64_t, 0), &low),
                   ==, "leaf");
  g_assert_cmphex (low, <=, g_array_index (addrs, uint64_t, 0));
  /* A path's tail names the file as well as its base name. */
  g_assert_true (mdl_debuginfo_find_file (f->di, "programs/debug-lines.c") == file);
  g_assert_null (mdl_debuginfo_find_file (f->di, "other.c"));
  /* The source is there to show. */
  g_assert_nonnull (strstr (mdl_debuginfo_source_line (f->di, file, line), "L:leaf-body"));

  /* Line 1 (a comment) has no code: the error names the nearest line. */
  g_clear_pointer (&addrs, g_array_unref);
  addrs = mdl_debuginfo_line_addresses (f->di, "debug-lines.c", 1, &nearest);
  g_assert_cmpuint (addrs->len, ==, 0);
  g_assert_cmpuint (nearest, >, 1);
  g_assert_null (mdl_debuginfo_resolve_line (f->di, "debug-lines.c", 1, "--break debug-lines.c:1",
                                             &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "nearest line with code"));
  g_clear_error (&error);
  g_assert_null (mdl_debuginfo_resolve_line (f->di, "nowhere.c", 3, "x", &error));
  g_assert_nonnull (strstr (error->message, "nowhere.c"));
}

/* The 3-deep call: leaf, middle, outer, main with the lines of the calls. */
static void
test_stack (Fixture *f, gconstpointer data)
{
  static const char *const names[] = { "leaf", "middle", "outer", "main" };
  const char *lines[] = { "leaf-body", "middle-call", "outer-call", "main-call" };
  g_autoptr(GArray) frames = NULL;

  (void) data;
  run_to_marker (f, "leaf-body");
  frames = mdl_debuginfo_backtrace (f->di, f->cpu, 16);
  g_assert_cmpuint (frames->len, >=, 4);
  for (unsigned i = 0; i < 4; i++) {
    MdlDebugFrame *fr = &g_array_index (frames, MdlDebugFrame, i);
    g_test_message ("#%u %s at line %u, pc 0x%" G_GINT64_MODIFIER "x", i, fr->function,
                    fr->line, fr->pc);
    g_assert_cmpstr (fr->function, ==, names[i]);
    g_assert_cmpuint (fr->line, ==, marker (lines[i]));
  }
}

static void
test_vars (Fixture *f, gconstpointer data)
{
  g_autoptr(GArray) frames = NULL;
  g_autoptr(GArray) vars = NULL;
  g_autofree char *p = NULL;
  g_autofree char *ptr = NULL;

  (void) data;
  run_to_marker (f, "leaf-next");
  /* Globals of every kind. */
  assert_var (f, 0, "counter", "7");
  assert_var (f, 0, "big", "-123456");
  /* Arrays of characters read as strings, as gdb prints them. */
  assert_var (f, 0, "bytes", "\"\\001\\002\\003\\004\"");
  assert_var (f, 0, "origin", "{x = 3, y = -4}");
  assert_var (f, 0, "square", "{name = \"square\", corner = {x = 10, y = 20}, sides = 4}");
  ptr = var (f, 0, "counter_ptr");
  g_assert_true (g_str_has_prefix (ptr, "0x"));
  vars = mdl_debuginfo_global_vars (f->di, f->cpu, mdl_cpu_pc (f->cpu));
  g_assert_cmpuint (vars->len, ==, 6);

  /* Arguments and locals up the stack. */
  assert_var (f, 0, "depth", "9");
  p = var (f, 0, "p");
  g_assert_true (g_str_has_prefix (p, "0x"));
  if (!optimised) {
    assert_var (f, 0, "sum", "24");
    assert_var (f, 1, "value", "8");
    assert_var (f, 1, "local", "{x = 8, y = 16}");
    assert_var (f, 2, "start", "7");
    assert_var (f, 2, "values", "{7, 8, 9}");
  }
  g_clear_pointer (&vars, g_array_unref);
  frames = mdl_debuginfo_backtrace (f->di, f->cpu, 16);
  vars = mdl_debuginfo_frame_vars (f->di, f->cpu, &g_array_index (frames, MdlDebugFrame, 0));
  g_assert_cmpuint (vars->len, ==, 3);
  g_assert_cmpint (g_array_index (vars, MdlDebugVar, 0).kind, ==, MDL_VAR_ARGUMENT);
  g_assert_cmpstr (g_array_index (vars, MdlDebugVar, 0).name, ==, "depth");
  g_assert_cmpstr (g_array_index (vars, MdlDebugVar, 1).type, ==, "struct point *");
  g_assert_cmpint (g_array_index (vars, MdlDebugVar, 2).kind, ==, MDL_VAR_LOCAL);

  /* Once leaf has returned, middle's result is there. */
  step (f, MDL_STEP_OUT);
  g_assert_cmpstr (function_of_pc (f), ==, "middle");
  if (!optimised) {
    step (f, MDL_STEP_LINE);
    assert_var (f, 0, "result", "33");
  }
}

/* Into, over and out of the calls, line by line. */
static void
test_step (Fixture *f, gconstpointer data)
{
  (void) data;
  run_to_marker (f, "main-call");
  step (f, MDL_STEP_INTO);
  g_assert_cmpstr (function_of_pc (f), ==, "outer");
  g_assert_cmpuint (line_of_pc (f), ==, marker ("outer-body"));
  step (f, MDL_STEP_LINE);
  g_assert_cmpuint (line_of_pc (f), ==, marker ("outer-call"));
  step (f, MDL_STEP_INTO);
  g_assert_cmpstr (function_of_pc (f), ==, "middle");
  g_assert_cmpuint (line_of_pc (f), ==, marker ("middle-body"));
  step (f, MDL_STEP_LINE);
  g_assert_cmpuint (line_of_pc (f), ==, marker ("middle-call"));
  /* Over leaf: the next line of middle. */
  step (f, MDL_STEP_LINE);
  g_assert_cmpstr (function_of_pc (f), ==, "middle");
  g_assert_cmpuint (line_of_pc (f), ==, marker ("middle-after"));
  /* Out: back in outer, on the line of the call. */
  step (f, MDL_STEP_OUT);
  g_assert_cmpstr (function_of_pc (f), ==, "outer");
  g_assert_cmpuint (line_of_pc (f), ==, marker ("outer-call"));
  step (f, MDL_STEP_LINE);
  g_assert_cmpuint (line_of_pc (f), ==, marker ("outer-after"));
  /* Off the end of outer: main, after the call. */
  step (f, MDL_STEP_LINE);
  step (f, MDL_STEP_LINE);
  g_assert_cmpstr (function_of_pc (f), ==, "main");
  g_assert_cmpuint (line_of_pc (f), ==, marker ("main-next"));
  step (f, MDL_STEP_LINE);
  g_assert_cmpuint (line_of_pc (f), ==, marker ("main-print"));
  /* Over printf, which is long and has no lines of ours. */
  step (f, MDL_STEP_LINE);
  g_assert_cmpstr (function_of_pc (f), ==, "main");
  g_assert_cmpuint (line_of_pc (f), >, marker ("main-print"));
}

/* At -Og lines move about: what must hold is that a step into reaches
 * the callee and a step out comes back. */
static void
test_step_optimised (Fixture *f, gconstpointer data)
{
  (void) data;
  run_to_marker (f, "middle-call");
  /* Location lists: value in a register, local in memory (its address is
   * taken), result not computed yet. */
  assert_var (f, 0, "value", "8");
  assert_var (f, 0, "local", "{x = 8, y = 16}");
  assert_var (f, 0, "result", "<optimised out>");
  step (f, MDL_STEP_INTO);
  g_assert_cmpstr (function_of_pc (f), ==, "leaf");
  step (f, MDL_STEP_OUT);
  g_assert_cmpstr (function_of_pc (f), ==, "middle");
  /* What is left of middle is one line: the next is in outer. */
  step (f, MDL_STEP_LINE);
  g_assert_true (g_strcmp0 (function_of_pc (f), "middle") == 0 ||
                 g_strcmp0 (function_of_pc (f), "outer") == 0);
  line_of_pc (f);
}

/* A snapshot newer than @seq that is paused; fails after a minute. */
static MdlSnapshot *
wait_paused (MdlRunner *runner, uint64_t seq)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  for (;;) {
    MdlSnapshot *snap = mdl_runner_snapshot (runner);
    if (snap->seq > seq && snap->state == MDL_RUNNER_PAUSED)
      return snap;
    g_assert_cmpint (snap->state, !=, MDL_RUNNER_HALTED);
    mdl_snapshot_unref (snap);
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    g_usleep (1000);
  }
}

typedef struct {
  MdlDebugInfo *di;
  char         *value;
} VarCall;

static void
read_sum (MdlRunner *runner, MdlMachine *m, void *data)
{
  VarCall *call = data;
  MdlCpu *cpu = mdl_machine_cpu (m, 0);
  g_autoptr(GArray) frames = mdl_debuginfo_backtrace (call->di, cpu, 4);
  g_autoptr(MdlDebugVar) v = mdl_debuginfo_find_var (call->di, cpu,
                                                    &g_array_index (frames, MdlDebugFrame, 0),
                                                    "sum");

  (void) runner;
  call->value = g_strdup (v ? v->value : "none");
}

/* The same through the runner's command queue, as the window does it:
 * a breakpoint on a line, a step by line, a local read on the engine
 * thread. */
static void
test_runner (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  MdlBoard *board = g_steal_pointer (&f->board);
  MdlRunner *runner = mdl_runner_new (board, NULL, NULL);
  MdlDebugInfo *di = mdl_runner_debuginfo (runner, 0, NULL);
  g_autoptr(GArray) addrs = NULL;
  MdlSnapshot *snap;
  const char *file;
  unsigned line = 0;
  uint64_t seq;
  VarCall call = { di, NULL };

  (void) data;
  g_assert_nonnull (di);
  addrs = mdl_debuginfo_resolve_line (di, "debug-lines.c", marker ("leaf-body"), "test", &error);
  g_assert_no_error (error);
  snap = mdl_runner_snapshot (runner);
  seq = snap->seq;
  mdl_snapshot_unref (snap);
  mdl_runner_set_breakpoint (runner, 0, g_array_index (addrs, uint64_t, 0), true);
  mdl_runner_run (runner);
  snap = wait_paused (runner, seq + 1);
  g_assert_cmpint (snap->stop_reason, ==, MDL_STOP_BREAKPOINT);
  seq = snap->seq;
  mdl_snapshot_unref (snap);

  mdl_runner_step_line (runner, 0, MDL_STEP_LINE);
  snap = wait_paused (runner, seq);
  g_assert_true (mdl_debuginfo_line_at (di, snap->cpus[0].pc, &file, &line, NULL, NULL, NULL));
  g_assert_cmpuint (line, ==, marker ("leaf-next"));
  mdl_snapshot_unref (snap);
  mdl_runner_call (runner, read_sum, &call);
  g_assert_cmpstr (call.value, ==, "24");
  g_free (call.value);
  mdl_runner_free (runner);
}

/* The line and function of @snap's CPU 0. */
static unsigned
snap_line (MdlDebugInfo *di, const MdlSnapshot *snap, const char **function)
{
  unsigned line = 0;

  g_assert_true (mdl_debuginfo_line_at (di, snap->cpus[0].pc, NULL, &line, NULL, NULL, NULL));
  *function = mdl_debuginfo_function_at (di, snap->cpus[0].pc, NULL);
  return line;
}

/* Step Back by line through the runner, as the window does it: the
 * stops of forward steps by line again, every register as it was, a call
 * made on the way stepped over; then the function's entry and its
 * caller's line. */
static void
test_reverse_line (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  MdlBoard *board = g_steal_pointer (&f->board);
  MdlRunner *runner = mdl_runner_new (board, NULL, NULL);
  MdlDebugInfo *di = mdl_runner_debuginfo (runner, 0, NULL);
  g_autoptr(GArray) addrs = NULL;
  MdlSnapshot *fwd[3], *snap;
  const char *function;
  unsigned n_regs;
  uint64_t seq;

  (void) data;
  addrs = mdl_debuginfo_resolve_line (di, "debug-lines.c", marker ("outer-body"), "test", &error);
  g_assert_no_error (error);
  mdl_runner_set_history (runner, true, 0, 0);
  snap = mdl_runner_snapshot (runner);
  seq = snap->seq;
  n_regs = snap->cpus[0].cls->n_regs;
  mdl_snapshot_unref (snap);
  mdl_runner_set_breakpoint (runner, 0, g_array_index (addrs, uint64_t, 0), true);
  mdl_runner_run (runner);
  /* The commands before the run publish paused snapshots too (the
   * history's may come after seq was read): the one wanted is the
   * breakpoint's. */
  for (fwd[0] = wait_paused (runner, seq); fwd[0]->stop_reason != MDL_STOP_BREAKPOINT;) {
    seq = fwd[0]->seq;
    mdl_snapshot_unref (fwd[0]);
    fwd[0] = wait_paused (runner, seq);
  }
  /* outer-body, outer-call, and over middle to outer-after. */
  for (unsigned i = 1; i < 3; i++) {
    mdl_runner_step_line (runner, 0, MDL_STEP_LINE);
    fwd[i] = wait_paused (runner, fwd[i - 1]->seq);
  }
  g_assert_cmpuint (snap_line (di, fwd[2], &function), ==, marker ("outer-after"));
  for (int i = 1; i >= 0; i--) {
    mdl_runner_reverse_step_line (runner, 0);
    snap = wait_paused (runner, i == 1 ? fwd[2]->seq : seq);
    seq = snap->seq;
    g_assert_false (snap->history_start);
    g_assert_cmphex (snap->cpus[0].pc, ==, fwd[i]->cpus[0].pc);
    g_assert_cmpmem (snap->cpus[0].regs, n_regs * sizeof (uint64_t), fwd[i]->cpus[0].regs,
                     n_regs * sizeof (uint64_t));
    mdl_snapshot_unref (snap);
  }
  /* Before the body: outer's entry (its prologue's line)... */
  mdl_runner_reverse_step_line (runner, 0);
  snap = wait_paused (runner, seq);
  seq = snap->seq;
  g_assert_cmpuint (snap_line (di, snap, &function), <, marker ("outer-body"));
  g_assert_cmpstr (function, ==, "outer");
  mdl_snapshot_unref (snap);
  /* ...then the line of main that called it. */
  mdl_runner_reverse_step_line (runner, 0);
  snap = wait_paused (runner, seq);
  g_assert_cmpuint (snap_line (di, snap, &function), ==, marker ("main-call"));
  g_assert_cmpstr (function, ==, "main");
  mdl_snapshot_unref (snap);
  for (unsigned i = 0; i < 3; i++)
    mdl_snapshot_unref (fwd[i]);
  mdl_runner_free (runner);
}

static const char *hetero_fw[2];

/* Both CPUs stop on the same source line, each at its own address, and
 * each shows its own stack and variables; a step by line on one leaves
 * the other where it is. */
static void
test_hetero (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoard) board = mdl_board_load (board_path, NULL, &error);
  MdlDebugInfo *di[2] = { NULL, NULL };
  MdlCpu *cpus[2];
  bool stopped[2] = { false, false };

  g_assert_no_error (error);
  for (unsigned i = 0; i < 2; i++) {
    g_auto(GStrv) kv = g_strsplit (hetero_fw[i], "=", 2);
    MdlCluster *cl = mdl_board_find_cluster (board, kv[0]);

    g_assert_nonnull (cl);
    g_assert_true (mdl_board_set_firmware (board, kv[0], kv[1], &error));
    g_assert_no_error (error);
    cpus[i] = g_ptr_array_index (cl->cpus, 0);
  }
  g_assert_true (mdl_board_load_firmware (board, &error));
  g_assert_no_error (error);
  g_assert_true (cpus[0]->cls != cpus[1]->cls);
  for (unsigned i = 0; i < 2; i++) {
    g_auto(GStrv) kv = g_strsplit (hetero_fw[i], "=", 2);
    g_autoptr(GArray) addrs = NULL;

    di[i] = mdl_debuginfo_open (kv[1], cpus[i]->cls, &error);
    g_assert_no_error (error);
    addrs = mdl_debuginfo_resolve_line (di[i], "debug-lines.c", marker ("leaf-body"), "test",
                                        &error);
    g_assert_no_error (error);
    mdl_cpu_set_breakpoint (cpus[i], g_array_index (addrs, uint64_t, 0), true);
  }
  for (unsigned n = 0; n < 2; n++) {
    MdlCpu *cpu;
    unsigned i;
    g_autoptr(GArray) frames = NULL;
    g_autoptr(MdlDebugVar) depth = NULL;
    const char *file;
    unsigned line = 0;

    g_assert_cmpint (mdl_machine_run (board->machine, MDL_PS_PER_S), ==, MDL_STOP_BREAKPOINT);
    cpu = mdl_machine_stop_cpu (board->machine);
    i = cpu == cpus[0] ? 0 : 1;
    g_assert_true (cpu == cpus[i]);
    g_assert_false (stopped[i]);
    stopped[i] = true;
    mdl_machine_clear_stop (board->machine);
    mdl_cpu_clear_breakpoints (cpu);

    frames = mdl_debuginfo_backtrace (di[i], cpu, 8);
    g_test_message ("%s (%s): %u frames", cpu->name, cpu->cls->name, frames->len);
    g_assert_cmpuint (frames->len, >=, 4);
    g_assert_cmpstr (g_array_index (frames, MdlDebugFrame, 0).function, ==, "leaf");
    g_assert_cmpstr (g_array_index (frames, MdlDebugFrame, 3).function, ==, "main");
    depth = mdl_debuginfo_find_var (di[i], cpu, &g_array_index (frames, MdlDebugFrame, 0),
                                    "depth");
    g_assert_cmpstr (depth->value, ==, "9");

    /* One line on this CPU alone. */
    g_assert_cmpint (mdl_line_step (di[i], board->machine, cpu, MDL_STEP_LINE), ==,
                     MDL_STOP_NONE);
    g_assert_true (mdl_debuginfo_line_at (di[i], mdl_cpu_pc (cpu), &file, &line, NULL, NULL,
                                          NULL));
    g_assert_cmpuint (line, ==, marker ("leaf-next"));
  }
  mdl_debuginfo_free (di[0]);
  mdl_debuginfo_free (di[1]);
}

/* The harts of a cluster share their firmware's debug information (one
 * copy, freed once).  The board is the RV32 virt board with a second
 * hart. */
static void
test_shared (void)
{
  g_autofree char *text = NULL;
  g_autofree char *dir = g_dir_make_tmp ("medley-debuginfo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "two-harts.dts", NULL);
  g_autoptr(GString) board_text = NULL;
  g_autoptr(GError) error = NULL;
  const char *hart1 = "\n\t\tcpu@1 {\n\t\t\tdevice_type = \"cpu\";\n"
                      "\t\t\tcompatible = \"riscv,rv32imafdc\";\n\t\t\treg = <1>;\n"
                      "\t\t\tclock-frequency = <1000000000>;\n"
                      "\t\t\tcpu1_intc: interrupt-controller {\n"
                      "\t\t\t\tcompatible = \"riscv,cpu-intc\";\n"
                      "\t\t\t\tinterrupt-controller;\n\t\t\t\t#address-cells = <0>;\n"
                      "\t\t\t\t#interrupt-cells = <1>;\n\t\t\t};\n\t\t};\n";
  const char *at;
  MdlBoard *board;
  MdlRunner *runner;
  MdlDebugInfo *di;

  g_assert_true (g_file_get_contents (board_path, &text, NULL, NULL));
  at = strstr (text, "\t};\n\n\tmemory@");
  g_assert_nonnull (at);
  board_text = g_string_new_len (text, at - text);
  g_string_append (board_text, hart1);
  g_string_append (board_text, at);
  g_assert_true (g_file_set_contents (path, board_text->str, -1, NULL));
  board = mdl_board_load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mdl_board_set_firmware (board, NULL, elf_path, &error));
  g_assert_true (mdl_board_load_firmware (board, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mdl_machine_n_cpus (board->machine), ==, 2);
  runner = mdl_runner_new (board, NULL, NULL);
  di = mdl_runner_debuginfo (runner, 1, NULL);
  g_assert_nonnull (di);
  g_assert_true (mdl_runner_debuginfo (runner, 0, NULL) == di);
  mdl_runner_free (runner);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  if (argc == 5 && strcmp (argv[1], "--hetero") == 0) {
    board_path = argv[2];
    hetero_fw[0] = argv[3];
    hetero_fw[1] = argv[4];
    g_test_add_func ("/debuginfo/hetero", test_hetero);
    return g_test_run ();
  }
  if (argc < 3) {
    g_printerr ("usage: %s BOARD ELF [O0|Og]\n", argv[0]);
    return 2;
  }
  board_path = argv[1];
  elf_path = argv[2];
  optimised = argc > 3 && strcmp (argv[3], "Og") == 0;

  g_test_add ("/debuginfo/lines", Fixture, NULL, fixture_set_up, test_lines, fixture_tear_down);
  g_test_add ("/debuginfo/stack", Fixture, NULL, fixture_set_up, test_stack, fixture_tear_down);
  g_test_add ("/debuginfo/vars", Fixture, NULL, fixture_set_up, test_vars, fixture_tear_down);
  if (g_str_has_suffix (board_path, "riscv32-virt.dts"))
    g_test_add_func ("/debuginfo/shared", test_shared);
  if (!optimised) {
    g_test_add ("/debuginfo/runner", Fixture, NULL, fixture_set_up, test_runner,
                fixture_tear_down);
    g_test_add ("/debuginfo/reverse-line", Fixture, NULL, fixture_set_up, test_reverse_line,
                fixture_tear_down);
  }
  if (optimised)
    g_test_add ("/debuginfo/step-optimised", Fixture, NULL, fixture_set_up, test_step_optimised,
                fixture_tear_down);
  else
    g_test_add ("/debuginfo/step", Fixture, NULL, fixture_set_up, test_step, fixture_tear_down);
  return g_test_run ();
}
