/* Breakpoints, single steps and watchpoints on a real RISC-V board: stops
 * are precise, and stopping never changes what the guest does. */
#include <string.h>

#include "engine/board.h"
#include "engine/registry.h"
#include "engine/trace.h"
#include "hw/devices.h"
#include "targets/targets.h"

static const char *search[] = { MDL_BUILD_ROOT "/boards", NULL };

static MdlBoard *
hello_board (void)
{
  g_autoptr(GError) error = NULL;
  MdlBoard *board = mdl_board_load (MDL_SOURCE_ROOT "/boards/riscv32-virt.dts", search, &error);

  g_assert_no_error (error);
  g_assert_true (mdl_board_load_firmware (board, &error));
  g_assert_no_error (error);
  return board;
}

static uint64_t
symbol (MdlBoard *board, const char *name)
{
  MdlCluster *cl = g_ptr_array_index (board->clusters, 0);
  const MdlSymbol *s = mdl_elf_image_find_symbol (cl->image, name);

  g_assert_nonnull (s);
  return s->value;
}

static uint64_t
plain_run_retired (void)
{
  g_autoptr(MdlBoard) board = hello_board ();

  g_assert_cmpint (mdl_machine_run (board->machine, MDL_PS_PER_S), ==, MDL_STOP_GUEST_EXIT);
  return mdl_machine_cpu (board->machine, 0)->retired;
}

static void
test_breakpoint (void)
{
  g_autoptr(MdlBoard) board = hello_board ();
  MdlMachine *m = board->machine;
  MdlCpu *cpu = mdl_machine_cpu (m, 0);
  uint64_t main_addr = symbol (board, "main"), at_main, pc;

  mdl_cpu_set_breakpoint (cpu, main_addr, true);
  g_assert_cmpint (mdl_machine_run (m, MDL_PS_PER_S), ==, MDL_STOP_BREAKPOINT);
  g_assert_true (mdl_machine_stop_cpu (m) == cpu);
  g_assert_cmphex (mdl_machine_stop_addr (m), ==, main_addr);
  /* Precise: stopped before main's first instruction. */
  g_assert_cmphex (mdl_cpu_pc (cpu), ==, main_addr);
  at_main = cpu->retired;

  /* A step from the breakpoint executes that instruction. */
  mdl_machine_clear_stop (m);
  g_assert_cmpint (mdl_machine_step (m, cpu), ==, MDL_STOP_NONE);
  g_assert_cmpuint (cpu->retired, ==, at_main + 1);
  pc = mdl_cpu_pc (cpu);
  g_assert_cmphex (pc, !=, main_addr);

  /* Resuming runs to the end, and the guest did exactly what it does
   * without a breakpoint. */
  g_assert_cmpint (mdl_machine_run (m, MDL_PS_PER_S), ==, MDL_STOP_GUEST_EXIT);
  g_assert_cmpint (mdl_machine_exit_code (m), ==, 0);
  g_assert_cmpuint (cpu->retired, ==, plain_run_retired ());
}

static void
test_resume_passes_once (void)
{
  g_autoptr(MdlBoard) board = hello_board ();
  MdlMachine *m = board->machine;
  MdlCpu *cpu = mdl_machine_cpu (m, 0);
  /* putchar-like code runs once per character: many hits. */
  uint64_t addr = symbol (board, "main");
  unsigned hits = 0;

  mdl_cpu_set_breakpoint (cpu, addr, true);
  while (mdl_machine_run (m, MDL_PS_PER_S) == MDL_STOP_BREAKPOINT) {
    hits++;
    mdl_machine_clear_stop (m);
  }
  g_assert_cmpuint (hits, ==, 1);   /* main runs once */
  g_assert_cmpint (mdl_machine_stop_reason (m), ==, MDL_STOP_GUEST_EXIT);
  /* Removing it takes effect too. */
  mdl_cpu_set_breakpoint (cpu, addr, false);
  g_assert_false (mdl_cpu_breakpoint_at (cpu, addr));
}

static void
test_watchpoints (void)
{
  g_autoptr(MdlBoard) board = hello_board ();
  MdlMachine *m = board->machine;
  MdlCpu *cpu = mdl_machine_cpu (m, 0);
  uint64_t sp_top = 0x88000000;
  MdlRamWindow w;

  /* The stack's top 64 bytes: the first store there stops the machine. */
  mdl_machine_watch (m, cpu->as, sp_top - 64, 64, false, true);
  g_assert_false (mdl_address_space_ram_window (cpu->as, sp_top - 8, &w));
  g_assert_true (mdl_address_space_ram_window (cpu->as, sp_top - 128, &w));
  g_assert_cmphex (w.base + w.size, ==, sp_top - 64);   /* cut before the watch */
  g_assert_cmpint (mdl_machine_run (m, MDL_PS_PER_S), ==, MDL_STOP_WATCHPOINT);
  g_assert_true (mdl_machine_stop_cpu (m) == cpu);
  g_assert_cmphex (mdl_machine_stop_addr (m), >=, sp_top - 64);
  g_assert_nonnull (strstr (mdl_machine_stop_message (m), "wrote"));
  mdl_machine_unwatch (m, cpu->as, sp_top - 64, 64);

  /* A write watch on the UART's data register: the first byte printed. */
  mdl_machine_clear_stop (m);
  mdl_machine_watch (m, cpu->as, 0x10000000, 1, false, true);
  g_assert_cmpint (mdl_machine_run (m, MDL_PS_PER_S), ==, MDL_STOP_WATCHPOINT);
  g_assert_cmphex (mdl_machine_stop_addr (m), ==, 0x10000000);
  mdl_machine_unwatch (m, cpu->as, 0x10000000, 1);
  mdl_machine_clear_stop (m);
  g_assert_cmpint (mdl_machine_run (m, MDL_PS_PER_S), ==, MDL_STOP_GUEST_EXIT);
  g_assert_cmpuint (cpu->retired, ==, plain_run_retired ());
}

/* A write watchpoint over the code about to run (what a debugger sets to
 * catch code being overwritten): the CPU still fetches it, and the guest
 * does exactly what it does without the watch. */
static void
watch_over_code (const char *board_file, const char *at)
{
  g_autofree char *path = g_build_filename (MDL_SOURCE_ROOT, "boards", board_file, NULL);
  uint64_t plain = 0;

  for (int run = 0; run < 4; run++) {
    g_autoptr(GError) error = NULL;
    g_autoptr(MdlBoard) board = mdl_board_load (path, search, &error);
    bool watched = run & 1;
    MdlMachine *m;
    MdlCpu *cpu;

    g_assert_no_error (error);
    if (!mdl_board_load_firmware (board, &error)) {
      g_test_skip (error->message);
      return;
    }
    m = board->machine;
    cpu = mdl_machine_cpu (m, 0);
    mdl_machine_set_tier (m, run < 2 ? MDL_TIER_INTERPRET : MDL_TIER_TRANSLATE);
    if (watched)   /* a Thumb symbol has bit 0 set */
      mdl_machine_watch (m, cpu->as, symbol (board, at) & ~(uint64_t) 1, 256, false, true);
    g_assert_cmpint (mdl_machine_run (m, MDL_PS_PER_S), ==, MDL_STOP_GUEST_EXIT);
    g_assert_cmpint (mdl_machine_exit_code (m), ==, 0);
    if (run == 0)
      plain = cpu->retired;
    else
      g_assert_cmpuint (cpu->retired, ==, plain);
  }
}

static void
test_watch_over_code_riscv (void)
{
  watch_over_code ("riscv32-virt.dts", "main");
}

static void
test_watch_over_code_arm (void)
{
  watch_over_code ("cortex-m3.dts", "main");
}

static void
test_trace (void)
{
  g_autoptr(MdlBoard) board = hello_board ();
  MdlMachine *m = board->machine;
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (MdlTraceRecord));
  g_autoptr(GString) text = g_string_new (NULL);
  uint64_t next, last_time = 0;

  g_assert_cmpint (mdl_machine_run (m, MDL_PS_PER_S), ==, MDL_STOP_GUEST_EXIT);
  next = mdl_trace_copy (m, 0, records);
  g_assert_cmpuint (next, ==, records->len);
  for (guint i = 0; i < records->len; i++) {
    MdlTraceRecord *r = &g_array_index (records, MdlTraceRecord, i);
    g_assert_cmpuint (r->seq, ==, i);
    g_assert_cmpuint (r->time_ps, >=, last_time);
    last_time = r->time_ps;
    if (r->kind == MDL_TRACE_SERIAL)
      g_string_append_c (text, (char) r->value);
  }
  /* The trace saw every console byte, then the stop. */
  g_assert_nonnull (strstr (text->str, "Hello from Medley!"));
  g_assert_cmpint (g_array_index (records, MdlTraceRecord, records->len - 1).kind, ==,
                   MDL_TRACE_STOP);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  g_test_add_func ("/engine/debug/breakpoint", test_breakpoint);
  g_test_add_func ("/engine/debug/resume-passes-once", test_resume_passes_once);
  g_test_add_func ("/engine/debug/watchpoints", test_watchpoints);
  g_test_add_func ("/engine/debug/watch-over-code/riscv", test_watch_over_code_riscv);
  g_test_add_func ("/engine/debug/watch-over-code/arm", test_watch_over_code_arm);
  g_test_add_func ("/engine/debug/trace", test_trace);
  return g_test_run ();
}
