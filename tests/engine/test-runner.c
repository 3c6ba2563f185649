/* The runner: a real board on the engine thread, driven only through
 * commands, observed only through snapshots and drained serial output. */
#include <glib/gstdio.h>
#include <string.h>

#include "engine/board.h"
#include "engine/registry.h"
#include "engine/runner.h"
#include "hw/devices.h"
#include "targets/targets.h"

#define VIRT_BOARD  MDL_SOURCE_ROOT "/boards/riscv32-virt.dts"
#define WAIT_US     (10 * G_USEC_PER_SEC)
/* No 'q' in it: that ends the echo guest. */
#define LINE        "Hello, runner! 0123456789 abcdefghijklmnop ABCDEFGHIJKLMNOP\r\n"

static gint notified;

static void
count_notify (void *data)
{
  g_atomic_int_inc ((gint *) data);
}

static MdlRunner *
runner_for (const char *board_path, const char *elf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoard) board = mdl_board_load (board_path, NULL, &error);

  g_assert_no_error (error);
  mdl_board_set_firmware (board, NULL, elf, &error);
  g_assert_no_error (error);
  mdl_board_load_firmware (board, &error);
  g_assert_no_error (error);
  return mdl_runner_new (g_steal_pointer (&board), count_notify, &notified);
}

typedef bool (*SnapTest) (const MdlSnapshot *snap, const void *arg);

/* Polls snapshots until @test holds; fails the test after 10 s. */
static MdlSnapshot *
wait_for (MdlRunner *runner, SnapTest test, const void *arg, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;

  for (;;) {
    MdlSnapshot *snap = mdl_runner_snapshot (runner);

    if (test (snap, arg))
      return snap;
    if (g_get_monotonic_time () > deadline)
      g_error ("timed out waiting for %s (state %s, seq %" G_GUINT64_FORMAT
               ", retired %" G_GUINT64_FORMAT ", message '%s')", what,
               mdl_runner_state_name (snap->state), snap->seq,
               snap->cpus[0].retired, snap->message);
    mdl_snapshot_unref (snap);
    g_usleep (1000);
  }
}

static bool
in_state (const MdlSnapshot *snap, const void *arg)
{
  return snap->state == *(const MdlRunnerState *) arg;
}

static MdlSnapshot *
wait_state (MdlRunner *runner, MdlRunnerState state)
{
  return wait_for (runner, in_state, &state, mdl_runner_state_name (state));
}

static bool
newer_than (const MdlSnapshot *snap, const void *arg)
{
  return snap->seq > *(const uint64_t *) arg;
}

/* The snapshot published after the next command (none run meanwhile). */
static MdlSnapshot *
wait_newer (MdlRunner *runner, uint64_t seq)
{
  return wait_for (runner, newer_than, &seq, "a newer snapshot");
}

static bool
running_and_retired (const MdlSnapshot *snap, const void *arg)
{
  return snap->state == MDL_RUNNER_RUNNING && snap->cpus[0].retired > 0;
}

static bool
waiting_input (const MdlSnapshot *snap, const void *arg)
{
  return snap->state == MDL_RUNNER_RUNNING && snap->waiting_for_input;
}

static void
drain (MdlRunner *runner, GString *out)
{
  uint8_t buf[4096];
  size_t n;

  while ((n = mdl_runner_read_serial (runner, 0, buf, sizeof buf)) > 0)
    g_string_append_len (out, (const char *) buf, n);
}

/* Drains until @needle shows up in @out. */
static void
drain_until (MdlRunner *runner, GString *out, const char *needle)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;

  for (drain (runner, out); strstr (out->str, needle) == NULL; drain (runner, out)) {
    if (g_get_monotonic_time () > deadline)
      g_error ("timed out waiting for '%s' on the console; got '%s'", needle, out->str);
    g_usleep (1000);
  }
}

static void
run_to_halt (MdlRunner *runner, GString *out)
{
  g_autoptr(MdlSnapshot) snap = NULL;

  mdl_runner_run (runner);
  snap = wait_state (runner, MDL_RUNNER_HALTED);
  g_assert_cmpint (snap->stop_reason, ==, MDL_STOP_GUEST_EXIT);
  g_assert_cmpint (snap->exit_code, ==, 0);
  /* Output is appended before the state changes, so it is all there. */
  drain (runner, out);
}

static void
test_hello (void)
{
  MdlRunner *runner = runner_for (VIRT_BOARD, MDL_HELLO_ELF);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(MdlSnapshot) first = mdl_runner_snapshot (runner);
  g_autoptr(MdlSnapshot) snap = NULL, after_run = NULL, after_step = NULL;
  int before = g_atomic_int_get (&notified);

  g_assert_cmpint (first->state, ==, MDL_RUNNER_PAUSED);
  g_assert_cmpuint (first->n_cpus, ==, 1);
  g_assert_cmpstr (first->cpus[0].name, ==, "cpu0");
  g_assert_cmpstr (first->cpus[0].cls->name, ==, "rv32imafdc");
  g_assert_cmpuint (first->cpus[0].retired, ==, 0);
  g_assert_cmphex (first->cpus[0].pc, ==, 0x80000000);
  g_assert_cmphex (first->cpus[0].regs[first->cpus[0].cls->pc_reg], ==,
                   first->cpus[0].pc);
  g_assert_cmpuint (mdl_runner_n_uarts (runner), ==, 1);
  /* The node name, with or without its unit address. */
  g_assert_true (g_str_has_prefix (mdl_runner_uart_name (runner, 0), "uart"));

  run_to_halt (runner, out);
  g_assert_nonnull (strstr (out->str, "Hello from Medley!"));
  g_assert_cmpuint (mdl_runner_serial_dropped (runner, 0), ==, 0);
  g_assert_cmpint (g_atomic_int_get (&notified), >, before);

  snap = mdl_runner_snapshot (runner);
  g_assert_cmpstr (snap->message, ==, "guest reported success");
  g_assert_cmpuint (snap->cpus[0].retired, >, 1000);
  g_assert_cmpuint (snap->virtual_time_ps, >=, snap->cpus[0].time_ps);
  g_assert_cmpuint (snap->seq, >, first->seq);

  /* The guest has ended: run and step leave it alone until a reset. */
  mdl_runner_run (runner);
  after_run = wait_newer (runner, snap->seq);
  mdl_runner_step (runner, 0);
  after_step = wait_newer (runner, after_run->seq);
  g_assert_cmpint (after_run->state, ==, MDL_RUNNER_HALTED);
  g_assert_cmpint (after_step->state, ==, MDL_RUNNER_HALTED);
  g_assert_cmpuint (after_step->cpus[0].retired, ==, snap->cpus[0].retired);
  mdl_runner_free (runner);
}

static void
test_pause (void)
{
  MdlRunner *runner = runner_for (VIRT_BOARD, MDL_RUNNER_SPIN_ELF);
  gint64 worst = 0, total = 0;
  const int rounds = 20;

  for (int i = 0; i < rounds; i++) {
    g_autoptr(MdlSnapshot) running = NULL, paused = NULL, later = NULL;
    gint64 t0, dt;

    mdl_runner_run (runner);
    running = wait_for (runner, running_and_retired, NULL, "running");
    /* Let it get well into a slice. */
    g_usleep (2000);
    t0 = g_get_monotonic_time ();
    mdl_runner_pause (runner);
    for (;;) {
      paused = mdl_runner_snapshot (runner);
      if (paused->state == MDL_RUNNER_PAUSED)
        break;
      g_assert_cmpint (g_get_monotonic_time () - t0, <, WAIT_US);
      g_clear_pointer (&paused, mdl_snapshot_unref);
      g_usleep (20);
    }
    dt = g_get_monotonic_time () - t0;
    worst = MAX (worst, dt);
    total += dt;

    /* Paused means paused: nothing retires any more. */
    g_usleep (20000);
    later = mdl_runner_snapshot (runner);
    g_assert_cmpint (later->state, ==, MDL_RUNNER_PAUSED);
    g_assert_cmpuint (later->cpus[0].retired, ==, paused->cpus[0].retired);
    g_assert_cmpuint (paused->cpus[0].retired, >, running->cpus[0].retired);
  }
  g_test_message ("pause latency over %d rounds: mean %" G_GINT64_FORMAT
                  " us, worst %" G_GINT64_FORMAT " us", rounds, total / rounds, worst);
  if (g_getenv ("MDL_RUNNER_VERBOSE") != NULL)
    g_printerr ("pause latency: mean %" G_GINT64_FORMAT " us, worst %"
                G_GINT64_FORMAT " us\n", total / rounds, worst);
  /* Generous: the point is "not a whole run", not a benchmark. */
  g_assert_cmpint (worst, <, G_USEC_PER_SEC);
  mdl_runner_free (runner);
}

/* A snapshot after @arg that shows the CPU moved (a step's, not an extra
 * publication of the same paused state). */
static bool
stepped (const MdlSnapshot *snap, const void *arg)
{
  const MdlSnapshot *prev = arg;

  return snap->seq > prev->seq && snap->cpus[0].retired != prev->cpus[0].retired;
}

static void
test_step (void)
{
  MdlRunner *runner = runner_for (VIRT_BOARD, MDL_RUNNER_SPIN_ELF);
  g_autoptr(MdlSnapshot) snap = mdl_runner_snapshot (runner);

  /* From reset, then from wherever a run was paused. */
  for (int round = 0; round < 2; round++) {
    for (int i = 0; i < 5; i++) {
      g_autoptr(MdlSnapshot) next = NULL;

      mdl_runner_step (runner, 0);
      next = wait_for (runner, stepped, snap, "a step");
      g_assert_cmpint (next->state, ==, MDL_RUNNER_PAUSED);
      g_assert_cmpuint (next->cpus[0].retired, ==, snap->cpus[0].retired + 1);
      g_assert_cmphex (next->cpus[0].pc, !=, snap->cpus[0].pc);
      g_assert_cmpuint (next->cpus[0].time_ps, >, snap->cpus[0].time_ps);
      g_clear_pointer (&snap, mdl_snapshot_unref);
      snap = g_steal_pointer (&next);
    }
    mdl_runner_run (runner);
    g_clear_pointer (&snap, mdl_snapshot_unref);
    snap = wait_for (runner, running_and_retired, NULL, "running");
    g_clear_pointer (&snap, mdl_snapshot_unref);
    mdl_runner_pause (runner);
    snap = wait_state (runner, MDL_RUNNER_PAUSED);
  }

  /* A step while running pauses first. */
  mdl_runner_run (runner);
  g_clear_pointer (&snap, mdl_snapshot_unref);
  snap = wait_for (runner, running_and_retired, NULL, "running");
  mdl_runner_step (runner, 0);
  g_clear_pointer (&snap, mdl_snapshot_unref);
  snap = wait_state (runner, MDL_RUNNER_PAUSED);
  mdl_runner_free (runner);
}

static bool
reset_done (const MdlSnapshot *snap, const void *arg)
{
  return snap->state == MDL_RUNNER_PAUSED && snap->cpus[0].retired == 0;
}

static void
test_reset (void)
{
  MdlRunner *runner = runner_for (VIRT_BOARD, MDL_HELLO_ELF);
  g_autoptr(GString) first = g_string_new (NULL);
  g_autoptr(GString) second = g_string_new (NULL);
  g_autoptr(MdlSnapshot) snap = NULL;

  run_to_halt (runner, first);
  mdl_runner_reset (runner);
  snap = wait_for (runner, reset_done, NULL, "reset");
  g_assert_cmpint (snap->stop_reason, ==, MDL_STOP_NONE);
  g_assert_cmpstr (snap->message, ==, "");
  g_assert_cmphex (snap->cpus[0].pc, ==, 0x80000000);
  g_assert_cmpuint (snap->cpus[0].time_ps, ==, 0);
  run_to_halt (runner, second);
  g_assert_cmpstr (second->str, ==, first->str);
  mdl_runner_free (runner);

  /* Reset also cuts a running guest short. */
  runner = runner_for (VIRT_BOARD, MDL_RUNNER_SPIN_ELF);
  mdl_runner_run (runner);
  g_clear_pointer (&snap, mdl_snapshot_unref);
  snap = wait_for (runner, running_and_retired, NULL, "running");
  mdl_runner_reset (runner);
  g_clear_pointer (&snap, mdl_snapshot_unref);
  snap = wait_for (runner, reset_done, NULL, "reset while running");
  mdl_runner_free (runner);
}

static void
test_serial_input (void)
{
  MdlRunner *runner = runner_for (VIRT_BOARD, MDL_RUNNER_ECHO_ELF);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(MdlSnapshot) snap = NULL;

  mdl_runner_run (runner);
  /* The guest sleeps in wfi for input: that deadlock must not end it. */
  snap = wait_for (runner, waiting_input, NULL, "waiting for input");
  g_assert_cmpint (snap->stop_reason, ==, MDL_STOP_NONE);
  mdl_runner_serial_input (runner, 0, (const uint8_t *) "abc", 3);
  drain_until (runner, out, "abc");
  g_assert_cmpstr (out->str, ==, "abc");

  /* Input while paused waits in the UART until the run goes on. */
  mdl_runner_pause (runner);
  g_clear_pointer (&snap, mdl_snapshot_unref);
  snap = wait_state (runner, MDL_RUNNER_PAUSED);
  mdl_runner_serial_input (runner, 0, (const uint8_t *) "de", 2);
  g_usleep (20000);
  drain (runner, out);
  g_assert_cmpstr (out->str, ==, "abc");
  mdl_runner_run (runner);
  drain_until (runner, out, "abcde");

  /* A pasted line, far more than the receiver holds (one byte: the guest
   * leaves the FIFO off), arrives whole. */
  mdl_runner_serial_input (runner, 0, (const uint8_t *) LINE, strlen (LINE));
  drain_until (runner, out, "abcde" LINE);

  mdl_runner_serial_input (runner, 0, (const uint8_t *) "q", 1);
  g_clear_pointer (&snap, mdl_snapshot_unref);
  snap = wait_state (runner, MDL_RUNNER_HALTED);
  g_assert_cmpint (snap->exit_code, ==, 0);
  g_assert_false (snap->waiting_for_input);
  drain (runner, out);
  g_assert_cmpstr (out->str, ==, "abcde" LINE "q");
  mdl_runner_free (runner);
}

static void
test_deadlock_without_uart (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medley-runner-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "no-uart.dts", NULL);
  const char *dts =
    "/dts-v1/;\n/ {\n#address-cells = <2>;\n#size-cells = <2>;\n"
    "cpus {\ncompatible = \"cpus,cluster\";\n#address-cells = <1>;\n#size-cells = <0>;\n"
    "cpu@0 {\ndevice_type = \"cpu\";\ncompatible = \"riscv,rv32imac\";\nreg = <0>;\n"
    "clock-frequency = <100000000>;\n};\n};\n"
    "memory@80000000 {\ndevice_type = \"memory\";\n"
    "reg = <0x0 0x80000000 0x0 0x10000>;\n};\n};\n";
  g_autoptr(MdlSnapshot) snap = NULL;
  MdlRunner *runner;

  g_assert_true (g_file_set_contents (path, dts, -1, NULL));
  runner = runner_for (path, MDL_RUNNER_SLEEP_ELF);
  g_assert_cmpuint (mdl_runner_n_uarts (runner), ==, 0);
  mdl_runner_run (runner);
  snap = wait_state (runner, MDL_RUNNER_STOPPED);
  g_assert_cmpint (snap->stop_reason, ==, MDL_STOP_DEADLOCK);
  g_assert_nonnull (strstr (snap->message, "waits for an interrupt"));
  mdl_runner_free (runner);
  g_unlink (path);
  g_rmdir (dir);
}

static bool
dropping (const MdlSnapshot *snap, const void *arg)
{
  return mdl_runner_serial_dropped ((MdlRunner *) arg, 0) > 0;
}

static void
test_serial_cap (void)
{
  MdlRunner *runner = runner_for (VIRT_BOARD, MDL_RUNNER_CHATTY_ELF);
  g_autoptr(MdlSnapshot) snap = NULL;
  g_autofree uint8_t *buf = g_malloc (1 << 16);
  size_t total = 0, n;

  mdl_runner_run (runner);
  snap = wait_for (runner, dropping, runner, "dropped output");
  mdl_runner_pause (runner);
  g_clear_pointer (&snap, mdl_snapshot_unref);
  snap = wait_state (runner, MDL_RUNNER_PAUSED);
  /* Nobody read: exactly the newest 1 MiB is left, and all of it whole. */
  while ((n = mdl_runner_read_serial (runner, 0, buf, 1 << 16)) > 0) {
    for (size_t i = 0; i < n; i++)
      g_assert_cmpint (buf[i], ==, 'x');
    total += n;
  }
  g_assert_cmpuint (total, ==, 1 << 20);
  mdl_runner_free (runner);
}

static void
test_free_running (void)
{
  MdlRunner *runner = runner_for (VIRT_BOARD, MDL_RUNNER_SPIN_ELF);
  g_autoptr(MdlSnapshot) snap = NULL;
  gint64 t0;

  mdl_runner_run (runner);
  snap = wait_for (runner, running_and_retired, NULL, "running");
  t0 = g_get_monotonic_time ();
  mdl_runner_free (runner);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, G_USEC_PER_SEC);
  /* Snapshots outlive their runner. */
  g_assert_cmpstr (snap->cpus[0].name, ==, "cpu0");

  /* And one asleep waiting for input. */
  runner = runner_for (VIRT_BOARD, MDL_RUNNER_ECHO_ELF);
  mdl_runner_run (runner);
  g_clear_pointer (&snap, mdl_snapshot_unref);
  snap = wait_for (runner, waiting_input, NULL, "waiting for input");
  mdl_runner_free (runner);

  /* And one that never ran. */
  mdl_runner_free (runner_for (VIRT_BOARD, MDL_HELLO_ELF));
}

/* ---- debugging through the runner ---- */

static bool
stopped_at_breakpoint (const MdlSnapshot *snap, const void *arg)
{
  /* @arg: a sequence number the snapshot must be newer than, or NULL. */
  return snap->state == MDL_RUNNER_PAUSED && snap->stop_reason == MDL_STOP_BREAKPOINT &&
         (arg == NULL || snap->seq > *(const uint64_t *) arg);
}

static bool
seq_after (const MdlSnapshot *snap, const void *arg)
{
  return snap->seq > *(const uint64_t *) arg && snap->state == MDL_RUNNER_PAUSED;
}

/* Posts nothing; waits for the snapshot after the commands already posted
 * (each command publishes one). */
static MdlSnapshot *
after (MdlRunner *runner, uint64_t seq)
{
  return wait_for (runner, seq_after, &seq, "the next paused snapshot");
}

static uint64_t
symbol (MdlRunner *runner, const char *name)
{
  const MdlSymbol *s = mdl_runner_symbols (runner, 0)
                       ? mdl_elf_image_find_symbol (mdl_runner_symbols (runner, 0), name) : NULL;

  g_assert_nonnull (s);
  return s->value;
}

static void
test_breakpoints_and_views (void)
{
  MdlRunner *runner = runner_for (VIRT_BOARD, MDL_HELLO_ELF);
  uint64_t main_addr = symbol (runner, "main");
  g_autoptr(MdlSnapshot) snap = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint mem, dis;

  mdl_runner_set_breakpoint (runner, 0, main_addr, true);
  mem = mdl_runner_watch_memory (runner, 0, 0x80000000 - 16, 64);
  dis = mdl_runner_watch_disassembly (runner, 0, true, 0, 3, 5);
  g_assert_cmpuint (mem, !=, dis);
  mdl_runner_run (runner);
  snap = wait_for (runner, stopped_at_breakpoint, NULL, "the breakpoint at main");
  g_assert_cmpint (snap->stop_cpu, ==, 0);
  g_assert_cmphex (snap->stop_addr, ==, main_addr);
  g_assert_cmphex (snap->cpus[0].pc, ==, main_addr);
  g_assert_cmpuint (snap->breakpoints->len, ==, 1);

  /* The views got what they asked for, taken at the stop. */
  g_assert_cmpuint (snap->n_mem, ==, 1);
  g_assert_cmpuint (snap->mem[0].id, ==, mem);
  g_assert_cmpint (snap->mem[0].mapped[0], ==, 0);     /* below RAM: unmapped */
  g_assert_cmpint (snap->mem[0].mapped[16], ==, 1);    /* RAM starts here */
  g_assert_cmpuint (snap->n_disas, ==, 1);
  {
    const MdlDisasSnapshot *d = &snap->disas[0];
    gboolean found = FALSE;
    for (unsigned i = 0; i < d->n_lines; i++)
      if (d->lines[i].addr == main_addr) {
        found = TRUE;
        g_assert_cmpstr (d->lines[i].label, ==, "main");
        g_assert_cmpuint (strlen (d->lines[i].text), >, 0);
      }
    g_assert_true (found);
    g_assert_cmpuint (d->n_lines, >=, 6);
  }
  /* The anatomy of the instruction at the pc. */
  g_assert_cmpuint (snap->insn[0].len, >=, 2);
  g_assert_cmpuint (snap->insn[0].n_fields, >, 0);

  /* Edit memory and a register while paused: the next snapshot shows it. */
  {
    const uint8_t bytes[] = { 0xde, 0xad };
    uint64_t seq = snap->seq;
    unsigned a0 = 10;
    mdl_runner_write_memory (runner, 0, 0x80000000 - 16 + 32, bytes, 2);
    mdl_runner_write_register (runner, 0, a0, 0x1234);
    g_clear_pointer (&snap, mdl_snapshot_unref);
    snap = after (runner, seq + 1);
    g_assert_cmphex (snap->mem[0].bytes[32], ==, 0xde);
    g_assert_cmphex (snap->mem[0].bytes[33], ==, 0xad);
    g_assert_cmphex (snap->cpus[0].regs[a0], ==, 0x1234);
  }

  /* Resuming passes the breakpoint and the guest still says hello. */
  mdl_runner_set_breakpoint (runner, 0, main_addr, false);
  mdl_runner_unwatch (runner, mem);
  mdl_runner_unwatch (runner, dis);
  run_to_halt (runner, out);
  g_assert_nonnull (strstr (out->str, "Hello from Medley!"));
  g_clear_pointer (&snap, mdl_snapshot_unref);
  snap = mdl_runner_snapshot (runner);
  g_assert_cmpuint (snap->n_mem + snap->n_disas, ==, 0);
  g_assert_cmpuint (snap->breakpoints->len, ==, 0);

  /* The trace saw the console bytes. */
  {
    g_autoptr(GArray) recs = g_array_new (FALSE, FALSE, sizeof (MdlTraceRecord));
    g_autoptr(GString) text = g_string_new (NULL);
    uint64_t next = mdl_runner_read_trace (runner, 0, recs);
    g_assert_cmpuint (next, ==, recs->len);
    for (guint i = 0; i < recs->len; i++)
      if (g_array_index (recs, MdlTraceRecord, i).kind == MDL_TRACE_SERIAL)
        g_string_append_c (text, (char) g_array_index (recs, MdlTraceRecord, i).value);
    g_assert_nonnull (strstr (text->str, "Hello from Medley!"));
    g_array_set_size (recs, 0);
    g_assert_cmpuint (mdl_runner_read_trace (runner, next, recs), ==, next);
    g_assert_cmpuint (recs->len, ==, 0);
  }
  mdl_runner_free (runner);
}

static void
test_run_to_and_stepping (void)
{
  MdlRunner *runner = runner_for (VIRT_BOARD, MDL_HELLO_ELF);
  uint64_t main_addr = symbol (runner, "main");
  g_autoptr(MdlSnapshot) snap = NULL;
  uint64_t call_pc = 0, call_len = 0, seq;
  int guard;

  mdl_runner_run_to (runner, 0, main_addr);
  snap = wait_for (runner, stopped_at_breakpoint, NULL, "run to main");
  g_assert_cmphex (snap->cpus[0].pc, ==, main_addr);
  g_assert_cmpuint (snap->breakpoints->len, ==, 0);   /* temporary: gone */

  /* Step until the pc sits on a call. */
  for (guard = 0; guard < 200 && !snap->insn[0].is_call; guard++) {
    seq = snap->seq;
    mdl_runner_step (runner, 0);
    g_clear_pointer (&snap, mdl_snapshot_unref);
    snap = after (runner, seq);
  }
  g_assert_true (snap->insn[0].is_call);
  call_pc = snap->cpus[0].pc;
  call_len = snap->insn[0].len;

  /* Step over runs the whole call and stops right after it. */
  {
    uint64_t retired = snap->cpus[0].retired;
    seq = snap->seq;
    mdl_runner_step_over (runner, 0);
    g_clear_pointer (&snap, mdl_snapshot_unref);
    snap = wait_for (runner, stopped_at_breakpoint, &seq, "step over");
    g_assert_cmphex (snap->cpus[0].pc, ==, call_pc + call_len);
    g_assert_cmpuint (snap->cpus[0].retired, >, retired + 1);
  }

  /* Step into the next call, then step out back to its caller. */
  for (guard = 0; guard < 200 && !snap->insn[0].is_call; guard++) {
    seq = snap->seq;
    mdl_runner_step (runner, 0);
    g_clear_pointer (&snap, mdl_snapshot_unref);
    snap = after (runner, seq);
  }
  g_assert_true (snap->insn[0].is_call);
  call_pc = snap->cpus[0].pc;
  call_len = snap->insn[0].len;
  seq = snap->seq;
  mdl_runner_step (runner, 0);
  g_clear_pointer (&snap, mdl_snapshot_unref);
  snap = after (runner, seq);
  g_assert_cmphex (snap->cpus[0].pc, !=, call_pc + call_len);   /* inside the callee */
  seq = snap->seq;
  mdl_runner_step_out (runner, 0);
  g_clear_pointer (&snap, mdl_snapshot_unref);
  snap = after (runner, seq);
  g_assert_cmphex (snap->cpus[0].pc, ==, call_pc + call_len);
  mdl_runner_free (runner);
}

static void
read_pc_on_engine (MdlRunner *runner, MdlMachine *machine, void *data)
{
  *(uint64_t *) data = mdl_cpu_pc (mdl_machine_cpu (machine, 0));
}

static void
count_listener (void *data)
{
  g_atomic_int_inc ((gint *) data);
}

static void
test_call_and_listeners (void)
{
  MdlRunner *runner = runner_for (VIRT_BOARD, MDL_RUNNER_SPIN_ELF);
  g_autoptr(MdlSnapshot) snap = NULL;
  gint heard = 0;
  guint id = mdl_runner_add_listener (runner, count_listener, &heard);
  uint64_t pc = 0;

  /* A call runs on the engine thread and sees what a snapshot shows. */
  mdl_runner_call (runner, read_pc_on_engine, &pc);
  snap = mdl_runner_snapshot (runner);
  g_assert_cmphex (pc, ==, snap->cpus[0].pc);
  /* ...also while the guest runs flat out, between slices. */
  mdl_runner_run (runner);
  g_clear_pointer (&snap, mdl_snapshot_unref);
  snap = wait_for (runner, running_and_retired, NULL, "running");
  for (int i = 0; i < 20; i++)
    mdl_runner_call (runner, read_pc_on_engine, &pc);
  g_assert_cmpint (g_atomic_int_get (&heard), >, 0);
  mdl_runner_remove_listener (runner, id);
  mdl_runner_free (runner);
}

/* Pacing: virtual time never runs ahead of wall time × the speed (the
 * host may make it slower, never faster), and a paced run sees exactly
 * what an unpaced one sees. */
static bool
far_enough (const MdlSnapshot *snap, const void *arg)
{
  return snap->virtual_time_ps >= *(const uint64_t *) arg;
}

static void
test_pacing (void)
{
  MdlRunner *runner = runner_for (VIRT_BOARD, MDL_RUNNER_SPIN_ELF);
  g_autoptr(GString) fast = g_string_new (NULL);
  g_autoptr(GString) slow = g_string_new (NULL);
  g_autoptr(MdlSnapshot) snap = NULL, fast_end = NULL, slow_end = NULL;
  uint64_t target = 100 * MDL_PS_PER_MS;
  const double factor = 2.0;
  gint64 start, wall;

  g_assert_cmpfloat (mdl_runner_speed (runner), ==, 0);
  /* The virt board shows no parts: as fast as possible by default. */
  g_assert_cmpfloat (mdl_runner_default_speed (runner), ==, 0);
  mdl_runner_set_speed (runner, factor);
  g_assert_cmpfloat (mdl_runner_speed (runner), ==, factor);
  start = g_get_monotonic_time ();
  mdl_runner_run (runner);
  snap = wait_for (runner, far_enough, &target, "100 ms of virtual time");
  wall = g_get_monotonic_time () - start;
  g_assert_cmpfloat (snap->speed, ==, factor);
  /* One slice (1 ms) may be ahead of the wait that follows it. */
  g_assert_cmpfloat ((double) snap->virtual_time_ps / MDL_PS_PER_US, <=,
                     wall * factor * 1.02 + 1000.0);
  g_clear_pointer (&snap, mdl_snapshot_unref);
  /* The status reads the measured speed: never above the set one. */
  target += 200 * MDL_PS_PER_MS;
  snap = wait_for (runner, far_enough, &target, "300 ms of virtual time");
  g_assert_cmpfloat (snap->measured_speed, <=, factor * 1.05 + 0.01);
  g_clear_pointer (&snap, mdl_snapshot_unref);
  mdl_runner_pause (runner);
  snap = wait_state (runner, MDL_RUNNER_PAUSED);
  mdl_runner_free (runner);

  /* Same output, instructions and virtual time, paced or not. */
  runner = runner_for (VIRT_BOARD, MDL_RUNNER_COUNT_ELF);
  run_to_halt (runner, fast);
  fast_end = mdl_runner_snapshot (runner);
  mdl_runner_free (runner);
  runner = runner_for (VIRT_BOARD, MDL_RUNNER_COUNT_ELF);
  /* Slow enough that the guest's run takes ~100 ms of wall time. */
  mdl_runner_set_speed (runner, MAX ((double) fast_end->virtual_time_ps / MDL_PS_PER_US / 100000.0,
                                     1e-6));
  run_to_halt (runner, slow);
  slow_end = mdl_runner_snapshot (runner);
  g_assert_cmpstr (slow->str, ==, fast->str);
  g_assert_cmpuint (slow_end->cpus[0].retired, ==, fast_end->cpus[0].retired);
  g_assert_cmpuint (slow_end->virtual_time_ps, ==, fast_end->virtual_time_ps);
  mdl_runner_free (runner);
}

static bool
exception_stop (const MdlSnapshot *snap, const void *arg)
{
  return snap->state == MDL_RUNNER_PAUSED && snap->stop_reason == MDL_STOP_EXCEPTION;
}

/* Guest trouble: a storm of the same fault pauses the machine with one
 * message, and "stop on exception" stops at the first one. */
static void
test_exception_storm (void)
{
  MdlRunner *runner = runner_for (VIRT_BOARD, MDL_RUNNER_FAULT_ELF);
  uint64_t fault = symbol (runner, "fault");
  const char *causes[] = { "Load Access Fault", NULL };
  g_autoptr(MdlSnapshot) snap = NULL;

  mdl_runner_run (runner);
  snap = wait_for (runner, exception_stop, NULL, "an exception stop");
  g_test_message ("storm: %s", snap->message);
  g_assert_cmpint (snap->stop_reason, ==, MDL_STOP_EXCEPTION);
  g_assert_cmpint (snap->stop_cpu, ==, 0);
  g_assert_cmphex (snap->stop_addr, ==, fault);
  g_assert_nonnull (strstr (snap->message, "cpu0"));
  g_assert_nonnull (strstr (snap->message, "load access fault"));
  g_assert_nonnull (strstr (snap->message, "lw"));
  g_assert_nonnull (strstr (snap->message, "address 0x40000000"));
  g_assert_nonnull (strstr (snap->message, "1000 times in a row"));
  mdl_runner_free (runner);

  runner = runner_for (VIRT_BOARD, MDL_RUNNER_FAULT_ELF);
  mdl_runner_set_stop_on_exception (runner, causes);
  mdl_runner_run (runner);
  g_clear_pointer (&snap, mdl_snapshot_unref);
  snap = wait_for (runner, exception_stop, NULL, "an exception stop");
  g_assert_cmphex (snap->stop_addr, ==, fault);
  g_assert_null (strstr (snap->message, "in a row"));
  g_assert_nonnull (strstr (snap->message, "load access fault"));
  /* The first one: the guest has done its few set-up instructions only. */
  g_assert_cmpuint (snap->cpus[0].retired, <, 10);
  mdl_runner_free (runner);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  g_test_add_func ("/engine/runner/hello", test_hello);
  g_test_add_func ("/engine/runner/pause", test_pause);
  g_test_add_func ("/engine/runner/step", test_step);
  g_test_add_func ("/engine/runner/reset", test_reset);
  g_test_add_func ("/engine/runner/serial-input", test_serial_input);
  g_test_add_func ("/engine/runner/deadlock-without-uart", test_deadlock_without_uart);
  g_test_add_func ("/engine/runner/serial-cap", test_serial_cap);
  g_test_add_func ("/engine/runner/free-running", test_free_running);
  g_test_add_func ("/engine/runner/breakpoints-and-views", test_breakpoints_and_views);
  g_test_add_func ("/engine/runner/run-to-and-stepping", test_run_to_and_stepping);
  g_test_add_func ("/engine/runner/call-and-listeners", test_call_and_listeners);
  g_test_add_func ("/engine/runner/pacing", test_pacing);
  g_test_add_func ("/engine/runner/exception-storm", test_exception_storm);
  return g_test_run ();
}
