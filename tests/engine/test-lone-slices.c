/* A lone runnable CPU runs to its next event rather than quantum by
 * quantum (engine/machine.c, "lone CPU"): nothing a guest or a device can
 * see may change.  Each case runs a board twice, MEDLEY_LONE_SLICES=0 and
 * on, and compares everything observable: every device access (virtual
 * time, CPU, instructions retired so far, address, size, direction), the
 * trace ring (CPU states, interrupt lines, console bytes, stops, with
 * their times), and each CPU's count and clock after every slice.  The
 * slices are not a whole number of quanta, so the quantum grid's last,
 * short quantum is exercised too. */
#include <string.h>

#include "engine/board.h"
#include "engine/machine.h"
#include "engine/registry.h"
#include "engine/trace.h"
#include "hw/devices.h"
#include "targets/targets.h"
#include "test-cpu.h"

static const char *search[] = { MDL_BUILD_ROOT "/boards", NULL };

typedef struct {
  MdlMachine *m;
  GString    *log;
} Recorder;

static void
on_access (void *data, uint64_t addr, unsigned size, bool is_write)
{
  Recorder *r = data;
  MdlCpu *cpu = mdl_machine_current_cpu (r->m);

  g_string_append_printf (r->log, "%c %" G_GUINT64_FORMAT " %s %" G_GUINT64_FORMAT
                          " 0x%" G_GINT64_MODIFIER "x/%u\n", is_write ? 'W' : 'R',
                          mdl_machine_now (r->m), cpu ? cpu->name : "-",
                          cpu ? cpu->retired : 0, addr, size);
}

static void
watch_mmio (uint64_t base, MdlRegion *region, void *data)
{
  MdlAddressSpace *as = data;

  if (mdl_region_kind (region) == MDL_REGION_MMIO)
    mdl_address_space_add_watch (as, base, mdl_region_size (region), true, true);
}

static void
drain_trace (MdlMachine *m, uint64_t *next, GString *log)
{
  g_autoptr(GArray) recs = g_array_new (FALSE, FALSE, sizeof (MdlTraceRecord));

  *next = mdl_trace_copy (m, *next, recs);
  for (guint i = 0; i < recs->len; i++) {
    MdlTraceRecord *t = &g_array_index (recs, MdlTraceRecord, i);

    g_string_append_printf (log, "T %" G_GUINT64_FORMAT " %u %u %u %" G_GUINT64_FORMAT "\n",
                            t->time_ps, t->kind, t->source, t->aux, t->value);
  }
}

/* Runs @board (with @firmware for its only cluster, when given) for up to
 * @slices slices of @slice_ps and returns what it saw. */
static char *
record (const char *board_path, const char *firmware, bool lone, unsigned slices,
        uint64_t slice_ps)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoard) board = NULL;
  GString *log = g_string_new (NULL);
  Recorder r = { .log = log };
  uint64_t next = 0;

  g_setenv ("MEDLEY_LONE_SLICES", lone ? "1" : "0", TRUE);
  board = mdl_board_load (board_path, search, &error);
  g_assert_no_error (error);
  if (firmware != NULL) {
    g_assert_true (mdl_board_set_firmware (board, NULL, firmware, &error));
    g_assert_no_error (error);
  }
  g_assert_true (mdl_board_load_firmware (board, &error));
  g_assert_no_error (error);
  g_unsetenv ("MEDLEY_LONE_SLICES");

  r.m = board->machine;
  for (unsigned i = 0; i < mdl_machine_n_address_spaces (r.m); i++) {
    MdlAddressSpace *as = mdl_machine_address_space (r.m, i);

    mdl_address_space_set_watch_handler (as, on_access, &r);
    mdl_address_space_foreach (as, watch_mmio, as);
  }
  for (unsigned s = 0; s < slices; s++) {
    MdlStopReason why = mdl_machine_run (r.m, slice_ps);

    drain_trace (r.m, &next, log);
    g_string_append_printf (log, "slice %u: %s now %" G_GUINT64_FORMAT, s,
                            mdl_stop_reason_name (why), mdl_machine_now (r.m));
    for (unsigned c = 0; c < mdl_machine_n_cpus (r.m); c++) {
      MdlCpu *cpu = mdl_machine_cpu (r.m, c);

      g_string_append_printf (log, " %s:%" G_GUINT64_FORMAT "@%" G_GUINT64_FORMAT ",%d",
                              cpu->name, cpu->retired, cpu->time_ps, cpu->state);
    }
    g_string_append_c (log, '\n');
    if (why != MDL_STOP_NONE)
      break;
  }
  return g_string_free (log, FALSE);
}

/* The first line where @a and @b differ, for a readable failure. */
static void
assert_same (const char *a, const char *b)
{
  size_t line = 1, i = 0;

  while (a[i] != '\0' && a[i] == b[i]) {
    if (a[i] == '\n')
      line++;
    i++;
  }
  if (a[i] != b[i]) {
    const char *la = a + i, *lb = b + i;

    while (la > a && la[-1] != '\n')
      la--;
    while (lb > b && lb[-1] != '\n')
      lb--;
    g_test_message ("line %zu: off \"%.*s\", on \"%.*s\"", line,
                    (int) strcspn (la, "\n"), la, (int) strcspn (lb, "\n"), lb);
    g_test_fail ();
  }
}

static void
compare (const char *board, const char *firmware, unsigned slices, uint64_t slice_ps,
         const char *must_see)
{
  g_autofree char *off = NULL, *on = NULL;

  if (firmware != NULL && !g_file_test (firmware, G_FILE_TEST_EXISTS)) {
    g_test_skip ("the firmware was not built (no cross toolchain)");
    return;
  }
  off = record (board, firmware, false, slices, slice_ps);
  on = record (board, firmware, true, slices, slice_ps);
  /* The run did what the case is for. */
  g_assert_nonnull (strstr (off, must_see));
  assert_same (off, on);
}

/* SysTick, the APB timers and the dual timer, programmed by the guest:
 * a store to a timer schedules an event sooner than the slice's end. */
static void
test_cm3_timers (void)
{
  compare (MDL_SOURCE_ROOT "/boards/cortex-m3.dts",
           MDL_BUILD_ROOT "/tests/targets/arm/arm-m3-mps2.elf", 20, 333333333,
           "guest-exit");
}

/* The CLINT's timer interrupt, wfi and the software interrupt. */
static void
test_rv32_timer (void)
{
  compare (MDL_SOURCE_ROOT "/boards/riscv32-virt.dts",
           MDL_BUILD_ROOT "/tests/targets/riscv/rv32-interrupts.elf", 700, 333333333,
           "guest-exit");
}

/* A console-heavy program: every byte's time. */
static void
test_cm3_printf (void)
{
  compare (MDL_SOURCE_ROOT "/boards/cortex-m3.dts",
           MDL_BUILD_ROOT "/tests/programs/printf-cm3.elf", 6000, 1000001,
           "guest-exit");
}

/* Two CPUs that both run keep the lock-step quantum: the mailbox traffic
 * between them is the same. */
static void
test_hetero (void)
{
  if (!g_file_test (MDL_BUILD_ROOT "/boards/firmware/hetero-cm3.elf", G_FILE_TEST_EXISTS)) {
    g_test_skip ("the demo's firmware was not built (no cross toolchain)");
    return;
  }
  compare (MDL_SOURCE_ROOT "/boards/hetero-demo.dts", NULL, 12, 1234567891, "T ");
}

/* The counting CPU waits after 1000 instructions; an event wakes it at
 * 25.5 us, after which it waits at 3000 and nothing is left: the
 * deadlock is found at the same time, the wait skipped to the same
 * quantum end. */
typedef struct {
  MdlMachine *m;
  MdlEvent    ev;
  MdlIrqLine *line;
} Waker;

static void
waker_fire (void *opaque, uint64_t now)
{
  Waker *w = opaque;
  TestCpu *t = (TestCpu *) mdl_machine_cpu (w->m, 0);

  t->wait_at = 3000;
  mdl_irq_set (w->line, true);
  mdl_irq_set (w->line, false);
}

static char *
record_waits (bool lone)
{
  MdlMachine *m;
  MdlAddressSpace *as;
  TestCpu *t;
  Waker w;
  GString *log = g_string_new (NULL);
  uint64_t next = 0;
  MdlStopReason why;

  g_setenv ("MEDLEY_LONE_SLICES", lone ? "1" : "0", TRUE);
  m = mdl_machine_new ();
  g_unsetenv ("MEDLEY_LONE_SLICES");
  as = mdl_machine_add_address_space (m, "bus");
  /* 30 MHz: 33333 ps, not a divisor of the 1 us quantum. */
  t = (TestCpu *) mdl_machine_add_cpu (m, &test_cpu_class, "c", as, 0, 30000000, NULL);
  mdl_machine_reset (m);
  t->wait_at = 1000;
  w.m = m;
  w.line = mdl_irq_line_to_cpu (m, &t->cpu, 0);
  mdl_event_init (&w.ev, waker_fire, &w);
  mdl_event_schedule (m, &w.ev, 25500 * MDL_PS_PER_NS);
  why = mdl_machine_run (m, 1000 * MDL_PS_PER_US);
  drain_trace (m, &next, log);
  g_string_append_printf (log, "%s now %" G_GUINT64_FORMAT " retired %" G_GUINT64_FORMAT
                          " at %" G_GUINT64_FORMAT "\n", mdl_stop_reason_name (why),
                          mdl_machine_now (m), t->cpu.retired, t->cpu.time_ps);
  mdl_machine_free (m);
  return g_string_free (log, FALSE);
}

static void
test_waits_and_deadlock (void)
{
  g_autofree char *off = record_waits (false);
  g_autofree char *on = record_waits (true);

  g_assert_nonnull (strstr (off, "deadlock"));
  assert_same (off, on);
}

/* Two counting CPUs, one waiting beside the other running: the waiting
 * one is woken by events at times off the quantum grid, and sleeps again
 * after some work.  @sleeper_first puts the waiting one first in board
 * order, where it takes its turn in each quantum before the runner. */
typedef struct {
  MdlMachine *m;
  MdlEvent    ev;
  MdlIrqLine *line;
  TestCpu    *sleeper;
  unsigned    wakes, pokes;
  MdlEvent    poke_ev;
} Alarm;

static void
alarm_fire (void *opaque, uint64_t now)
{
  Alarm *a = opaque;

  a->sleeper->wait_at = a->sleeper->cpu.retired + 1000;
  mdl_irq_set (a->line, true);
  mdl_irq_set (a->line, false);
  if (++a->wakes < 3)
    mdl_event_schedule (a->m, &a->ev, now + 37 * MDL_PS_PER_US + 333 * a->wakes);
}

/* The runner itself wakes the sleeper: now and then it either raises the
 * sleeper's line at once (an inter-processor interrupt) or schedules an
 * event 300 ns on that does (a timer it programs). */
static void
poke_fire (void *opaque, uint64_t now)
{
  Alarm *a = opaque;

  a->sleeper->wait_at = a->sleeper->cpu.retired + 200;
  mdl_irq_set (a->line, true);
  mdl_irq_set (a->line, false);
}

static void
runner_poke (MdlCpu *cpu, void *data)
{
  Alarm *a = data;
  TestCpu *t = (TestCpu *) cpu;

  if (a->pokes++ % 2)
    poke_fire (a, 0);
  else
    mdl_event_schedule (a->m, &a->poke_ev, mdl_machine_now (a->m) + 300 * MDL_PS_PER_NS);
  t->poke_at = cpu->retired + 777 + 500 * (a->pokes % 3);
}

static char *
record_company (bool lone, bool sleeper_first, bool pokes)
{
  MdlMachine *m;
  MdlAddressSpace *as;
  TestCpu *runner, *sleeper;
  Alarm a = { 0 };
  GString *log = g_string_new (NULL);
  uint64_t next = 0;

  g_setenv ("MEDLEY_LONE_SLICES", lone ? "1" : "0", TRUE);
  m = mdl_machine_new ();
  g_unsetenv ("MEDLEY_LONE_SLICES");
  as = mdl_machine_add_address_space (m, "bus");
  if (sleeper_first)
    sleeper = (TestCpu *) mdl_machine_add_cpu (m, &test_cpu_class, "s", as, 0, 30000000, NULL);
  runner = (TestCpu *) mdl_machine_add_cpu (m, &test_cpu_class, "r", as, 1, 70000000, NULL);
  if (!sleeper_first)
    sleeper = (TestCpu *) mdl_machine_add_cpu (m, &test_cpu_class, "s", as, 0, 30000000, NULL);
  mdl_machine_reset (m);
  sleeper->wait_at = 1;
  a.m = m;
  a.sleeper = sleeper;
  a.line = mdl_irq_line_to_cpu (m, &sleeper->cpu, 0);
  mdl_event_init (&a.ev, alarm_fire, &a);
  mdl_event_init (&a.poke_ev, poke_fire, &a);
  mdl_event_schedule (m, &a.ev, 10 * MDL_PS_PER_US + 123);
  if (pokes) {
    runner->poke = runner_poke;
    runner->poke_data = &a;
    runner->poke_at = 5000;
  }
  for (unsigned s = 0; s < 30; s++) {
    MdlStopReason why = mdl_machine_run (m, 77777777);

    drain_trace (m, &next, log);
    g_string_append_printf (log, "%s now %" G_GUINT64_FORMAT " r %" G_GUINT64_FORMAT
                            "@%" G_GUINT64_FORMAT " s %" G_GUINT64_FORMAT "@%" G_GUINT64_FORMAT
                            ",%d\n", mdl_stop_reason_name (why), mdl_machine_now (m),
                            runner->cpu.retired, runner->cpu.time_ps, sleeper->cpu.retired,
                            sleeper->cpu.time_ps, sleeper->cpu.state);
  }
  mdl_machine_free (m);
  return g_string_free (log, FALSE);
}

static void
test_company (void)
{
  for (int first = 0; first < 2; first++)
    for (int pokes = 0; pokes < 2; pokes++) {
      g_autofree char *off = record_company (false, first, pokes);
      g_autofree char *on = record_company (true, first, pokes);

      assert_same (off, on);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  g_test_add_func ("/lone-slices/cm3-timers", test_cm3_timers);
  g_test_add_func ("/lone-slices/rv32-timer", test_rv32_timer);
  g_test_add_func ("/lone-slices/cm3-printf", test_cm3_printf);
  g_test_add_func ("/lone-slices/hetero", test_hetero);
  g_test_add_func ("/lone-slices/waits-and-deadlock", test_waits_and_deadlock);
  g_test_add_func ("/lone-slices/company", test_company);
  return g_test_run ();
}
