/* Saved states and reverse execution (engine/snapshot.c).
 *
 * Round trips: every device class of the registry and every CPU class
 * saves, is changed, restores, and saves the same bytes again, and runs
 * on from there as it did the first time; a class without the hooks
 * fails by name.  Reverse execution: a board runs forward (slices,
 * single steps, breakpoint stops) while the test keeps the whole state
 * (registers, memory, devices, events: mdl_machine_state_flatten) at
 * each stop, then goes back with reverse step, reverse continue and
 * reverse step with a predicate, and each landing must be exactly a
 * state the forward run had.  On RISC-V, Cortex-M and the heterogeneous
 * demo, in both execution tiers. */
#include <string.h>

#include "engine/board.h"
#include "engine/device.h"
#include "engine/machine.h"
#include "engine/registry.h"
#include "engine/snapshot.h"
#include "hw/devices.h"
#include "targets/targets.h"
#include "../hw/hw-test.h"

static const char *search[] = { MDL_BUILD_ROOT "/boards", NULL };

/* The whole state.  The boards have 128 MiB of RAM and the test keeps
 * many states: each shares its unchanged pages with the one before. */
static MdlMachineState *last_state;

static MdlMachineState *
flat (MdlMachine *m)
{
  MdlMachineState *st = mdl_machine_save (m, last_state);

  last_state = st;
  return st;
}

static void
assert_same_state (const MdlMachineState *want, const MdlMachineState *got, const char *what)
{
  if (!mdl_machine_state_equal (want, got)) {
    g_test_message ("%s: the states differ", what);
    g_test_fail ();
  }
}

/* States of one test, freed at its end (last_state among them). */
static GPtrArray *kept;

static MdlMachineState *
keep (MdlMachineState *st)
{
  if (kept == NULL)
    kept = g_ptr_array_new_with_free_func ((GDestroyNotify) mdl_machine_state_free);
  g_ptr_array_add (kept, st);
  return st;
}

static void
drop_kept (void)
{
  last_state = NULL;
  g_clear_pointer (&kept, g_ptr_array_unref);
}

/* ---- every device class ----------------------------------------------------- */

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t
next_random (void)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

/* Writes random words over the start of the device's window: whatever
 * its registers are, some of its state moves. */
static void
scribble (MdlAddressSpace *as, uint64_t base, uint64_t size)
{
  for (uint64_t off = 0; off + 4 <= MIN (size, 0x400); off += 4)
    mdl_address_space_write (as, base + off, 4, next_random () & 0xff00ff0f);
}

static void
test_every_device_class (void)
{
  const MdlDeviceClass *const *classes = mdl_registry_devices ();
  unsigned tested = 0;

  for (unsigned i = 0; classes[i] != NULL; i++) {
    const MdlDeviceClass *cls = classes[i];
    g_autoptr (MdlMachine) m = mdl_machine_new ();
    MdlAddressSpace *as = mdl_machine_add_address_space (m, "bus");
    uint64_t base = 0x10000000, size = cls->default_size ? cls->default_size : 0x1000;
    MdlDevice *dev;
    g_autoptr (GError) error = NULL;
    MdlMachineState *before = NULL, *again = NULL, *later = NULL, *later_again = NULL;
    g_autoptr (MdlMachineState) st = NULL;

    if (cls->save == NULL || cls->restore == NULL) {
      g_test_message ("device class %s (%s) has no save/restore hooks", cls->name,
                      cls->compatible);
      g_test_fail ();
      continue;
    }
    dev = hw_test_device_new (m, cls->compatible, "dut", base, size);
    if (cls->realize == NULL) {
      mdl_machine_add_device (m, dev);   /* a part on pins: nothing to build */
    } else if (!hw_test_realize (dev, cls->n_regions > 0 ? as : NULL, &error)) {
      /* Classes that need a file or a target to exist (ROM image,
       * mirror): their hooks are still there, checked above. */
      g_test_message ("%s: not built alone (%s)", cls->name, error->message);
      continue;
    }
    if (cls->reset != NULL)
      cls->reset (dev);
    if (cls->n_regions > 0)
      scribble (as, base, size);
    mdl_machine_run (m, 3 * MDL_PS_PER_US);
    mdl_machine_clear_stop (m);

    st = mdl_machine_save (m, NULL);
    before = st;
    mdl_machine_run (m, 50 * MDL_PS_PER_US);
    mdl_machine_clear_stop (m);
    later = keep (flat (m));

    /* Changed, then back. */
    if (cls->n_regions > 0)
      scribble (as, base, size);
    if (cls->reset != NULL)
      cls->reset (dev);
    g_assert_true (mdl_machine_restore (m, st, &error));
    g_assert_no_error (error);
    again = keep (flat (m));
    assert_same_state (before, again, cls->name);
    /* And on from there as the first time (events, timers). */
    mdl_machine_run (m, 50 * MDL_PS_PER_US);
    mdl_machine_clear_stop (m);
    later_again = keep (flat (m));
    assert_same_state (later, later_again, cls->name);
    tested++;
    drop_kept ();
  }
  g_assert_cmpuint (tested, >, 10);
}

/* A part of another class is refused, naming both. */
static void
test_foreign_part (void)
{
  g_autoptr (MdlMachine) a = mdl_machine_new ();
  g_autoptr (MdlMachine) b = mdl_machine_new ();
  g_autoptr (MdlMachineState) st = NULL;
  g_autoptr (GError) error = NULL;

  mdl_machine_add_address_space (a, "bus");
  mdl_machine_add_address_space (b, "bus");
  st = mdl_machine_save (a, NULL);
  g_assert_false (mdl_machine_restore (b, st, &error));
  g_assert_nonnull (error);
}

/* ---- every CPU class ---------------------------------------------------------- */

static void
test_every_cpu_class (void)
{
  const MdlCpuClass *const *classes = mdl_registry_cpus ();

  for (unsigned i = 0; classes[i] != NULL; i++) {
    const MdlCpuClass *cls = classes[i];
    g_autoptr (MdlMachine) m = mdl_machine_new ();
    MdlAddressSpace *as = mdl_machine_add_address_space (m, "bus");
    MdlDevice *ram = hw_test_device_new (m, "medley,ram", "ram", 0, 0x10000);
    g_autoptr (GError) error = NULL;
    g_autoptr (MdlMachineState) st = NULL;
    MdlMachineState *before = NULL, *again = NULL, *later = NULL, *later_again = NULL;
    g_autofree uint64_t *regs = g_new0 (uint64_t, cls->n_regs);
    MdlCpu *cpu;

    if (cls->save == NULL || cls->restore == NULL) {
      g_test_message ("CPU class %s has no save/restore hooks", cls->name);
      g_test_fail ();
      continue;
    }
    g_assert_true (hw_test_realize (ram, as, &error));
    cpu = mdl_machine_add_cpu (m, cls, "cpu", as, 0, 100000000, &error);
    g_assert_no_error (error);
    mdl_machine_reset (m);
    /* Some state of its own: a few hundred instructions of whatever
     * zeroed RAM decodes to (traps, mostly), then registers. */
    mdl_machine_run (m, 5 * MDL_PS_PER_US);
    mdl_machine_clear_stop (m);
    for (unsigned r = 0; r < cls->n_regs; r++)
      if (!cls->regs[r].read_only && r != cls->pc_reg && g_str_equal (cls->regs[r].group, "general"))
        cls->reg_write (cpu, r, next_random () & 0xffff);

    st = mdl_machine_save (m, NULL);
    before = st;
    for (unsigned r = 0; r < cls->n_regs; r++)
      regs[r] = cls->reg_read (cpu, r);
    mdl_machine_run (m, 5 * MDL_PS_PER_US);
    mdl_machine_clear_stop (m);
    later = keep (flat (m));

    for (unsigned r = 0; r < cls->n_regs; r++)
      if (!cls->regs[r].read_only)
        cls->reg_write (cpu, r, next_random ());
    g_assert_true (mdl_machine_restore (m, st, &error));
    g_assert_no_error (error);
    again = keep (flat (m));
    assert_same_state (before, again, cls->name);
    for (unsigned r = 0; r < cls->n_regs; r++)
      if (cls->reg_read (cpu, r) != regs[r]) {
        g_test_message ("%s: register %s not restored", cls->name, cls->regs[r].name);
        g_test_fail ();
      }
    mdl_machine_run (m, 5 * MDL_PS_PER_US);
    mdl_machine_clear_stop (m);
    later_again = keep (flat (m));
    assert_same_state (later, later_again, cls->name);
    drop_kept ();
  }
}

/* ---- reverse execution on boards -------------------------------------------- */

static MdlBoard *
load_board (const char *path, const char *firmware, MdlTier tier)
{
  g_autoptr (GError) error = NULL;
  MdlBoard *board = mdl_board_load (path, search, &error);

  g_assert_no_error (error);
  if (firmware != NULL)
    g_assert_true (mdl_board_set_firmware (board, NULL, firmware, &error));
  g_assert_true (mdl_board_load_firmware (board, &error));
  g_assert_no_error (error);
  mdl_machine_set_tier (board->machine, tier);
  return board;
}

typedef struct {
  const char *board;
  const char *firmware;   /* NULL: the board's own */
  MdlTier     tier;
} Case;

static bool
have_firmware (const Case *c)
{
  const char *fw = c->firmware != NULL ? c->firmware : MDL_BUILD_ROOT "/boards/firmware/hetero-cm3.elf";

  if (!g_file_test (fw, G_FILE_TEST_EXISTS)) {
    g_test_skip ("the firmware was not built (no cross toolchain)");
    return false;
  }
  return true;
}

/* Forward: slices, then single steps of every CPU in turn, keeping the
 * state after each step; backward one step at a time, each landing
 * compared. */
static void
test_reverse_steps (gconstpointer data)
{
  const Case *c = data;
  g_autoptr (MdlBoard) board = NULL;
  MdlMachine *m;
  unsigned n_cpus, steps = 40;
  g_autoptr (GPtrArray) states = g_ptr_array_new ();
  g_autoptr (GArray) who = g_array_new (FALSE, FALSE, sizeof (unsigned));
  g_autoptr (GError) error = NULL;

  if (!have_firmware (c))
    return;
  board = load_board (c->board, c->firmware, c->tier);
  m = board->machine;
  n_cpus = mdl_machine_n_cpus (m);
  mdl_machine_enable_history (m, 50 * MDL_PS_PER_US, 0);
  for (unsigned s = 0; s < 7; s++) {
    g_assert_cmpint (mdl_machine_run (m, 33 * MDL_PS_PER_US), ==, MDL_STOP_NONE);
  }
  g_ptr_array_add (states, keep (flat (m)));
  for (unsigned i = 0; i < steps; i++) {
    unsigned k = (i / 3) % n_cpus;  /* a few steps of each CPU in turn */
    MdlCpu *cpu = mdl_machine_cpu (m, k);

    if (cpu->state != MDL_CPU_RUNNING)
      continue;
    mdl_machine_step (m, cpu);
    mdl_machine_clear_stop (m);
    g_array_append_val (who, k);
    g_ptr_array_add (states, keep (flat (m)));
  }
  g_assert_cmpuint (who->len, >, 10);
  for (int i = (int) who->len - 1; i >= 0; i--) {
    MdlCpu *cpu = mdl_machine_cpu (m, g_array_index (who, unsigned, i));
    MdlMachineState *now = NULL;
    g_autofree char *what = g_strdup_printf ("reverse step %d of CPU %s", i, cpu->name);

    g_assert_true (mdl_machine_reverse_step (m, cpu, &error));
    g_assert_no_error (error);
    now = keep (flat (m));
    assert_same_state (g_ptr_array_index (states, i), now, what);
  }
  /* Forward again from the past: the same future. */
  for (guint i = 0; i < who->len; i++) {
    MdlMachineState *now = NULL;

    mdl_machine_step (m, mdl_machine_cpu (m, g_array_index (who, unsigned, i)));
    mdl_machine_clear_stop (m);
    now = keep (flat (m));
    assert_same_state (g_ptr_array_index (states, i + 1), now, "forward after going back");
  }
  drop_kept ();
}

typedef struct {
  unsigned cpu;
  uint64_t pc;
} AtPc;

static bool
at_pc (MdlMachine *m, MdlCpu *cpu, void *data)
{
  AtPc *a = data;

  (void) m;
  return mdl_cpu_pc (cpu) == a->pc;
}

/* Runs until the next breakpoint stop (a bounded number of slices). */
static MdlStopReason
run_to_stop (MdlMachine *m)
{
  for (unsigned s = 0; s < 4000; s++) {
    MdlStopReason r = mdl_machine_run (m, 10 * MDL_PS_PER_US);

    if (r != MDL_STOP_NONE)
      return r;
  }
  return MDL_STOP_NONE;
}

/* Forward: a breakpoint where a CPU is after a while, three hits; then
 * reverse continue lands on the earlier hits, reverse step with a
 * predicate too, and continue from the past meets the later ones. */
static void
test_reverse_continue (gconstpointer data)
{
  const Case *c = data;
  g_autoptr (MdlBoard) board = NULL;
  MdlMachine *m;
  MdlCpu *cpu = NULL;
  MdlMachineState *hits[4] = { NULL };
  g_autoptr (GError) error = NULL;
  AtPc at;
  unsigned n = 0;

  if (!have_firmware (c))
    return;
  board = load_board (c->board, c->firmware, c->tier);
  m = board->machine;
  mdl_machine_enable_history (m, 40 * MDL_PS_PER_US, 0);
  for (unsigned s = 0; s < 5; s++)
    g_assert_cmpint (mdl_machine_run (m, 31 * MDL_PS_PER_US), ==, MDL_STOP_NONE);
  /* The last CPU that still runs: its loop comes round again. */
  for (unsigned i = mdl_machine_n_cpus (m); i > 0 && cpu == NULL; i--)
    if (mdl_machine_cpu (m, i - 1)->state != MDL_CPU_HALTED)
      cpu = mdl_machine_cpu (m, i - 1);
  g_assert_nonnull (cpu);
  for (unsigned i = 0; i < 20 && cpu->state != MDL_CPU_RUNNING; i++)
    mdl_machine_run (m, 100 * MDL_PS_PER_US);
  mdl_machine_step (m, cpu);
  at = (AtPc) { cpu->index, mdl_cpu_pc (cpu) };
  mdl_cpu_set_breakpoint (cpu, at.pc, true);
  while (n < 4) {
    MdlStopReason r = run_to_stop (m);

    if (r != MDL_STOP_BREAKPOINT) {
      g_test_message ("stopped with %s after %u hits", mdl_stop_reason_name (r), n);
      break;
    }
    g_assert_true (mdl_machine_stop_cpu (m) == cpu);
    hits[n++] = keep (flat (m));
    mdl_machine_clear_stop (m);
  }
  g_assert_cmpuint (n, ==, 4);

  /* Back from hit 3 to 2, then 1. */
  for (int i = 2; i >= 1; i--) {
    MdlMachineState *now = NULL;

    g_assert_cmpint (mdl_machine_reverse_continue (m, &error), ==, MDL_STOP_BREAKPOINT);
    g_assert_no_error (error);
    g_assert_true (mdl_machine_stop_cpu (m) == cpu);
    g_assert_cmphex (mdl_machine_stop_addr (m), ==, at.pc);
    now = keep (flat (m));
    assert_same_state (hits[i], now, "reverse continue");
    mdl_machine_clear_stop (m);
  }
  /* Forward from hit 1: hit 2 again, exactly. */
  {
    MdlMachineState *now = NULL;

    g_assert_cmpint (run_to_stop (m), ==, MDL_STOP_BREAKPOINT);
    now = keep (flat (m));
    assert_same_state (hits[2], now, "continue after going back");
    mdl_machine_clear_stop (m);
  }
  /* Hit 3, then back by predicate (no breakpoint needed): hit 2. */
  {
    MdlMachineState *now = NULL;

    g_assert_cmpint (run_to_stop (m), ==, MDL_STOP_BREAKPOINT);
    mdl_machine_clear_stop (m);
    mdl_cpu_set_breakpoint (cpu, at.pc, false);
    g_assert_true (mdl_machine_reverse_step_until (m, cpu, at_pc, &at, &error));
    g_assert_no_error (error);
    now = keep (flat (m));
    assert_same_state (hits[2], now, "reverse step until a pc");
  }
  /* Reverse continue with no breakpoint left: the start of the history. */
  g_assert_cmpint (mdl_machine_reverse_continue (m, &error), ==, MDL_STOP_NONE);
  g_assert_no_error (error);
  drop_kept ();
}

/* Save points: a named state comes back, and the history restarts. */
static void
test_save_points (void)
{
  Case c = { MDL_SOURCE_ROOT "/boards/riscv32-virt.dts",
             MDL_BUILD_ROOT "/tests/targets/riscv/rv32-interrupts.elf", MDL_TIER_INTERPRET };
  g_autoptr (MdlBoard) board = NULL;
  MdlMachineState *at_a = NULL, *now = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) names = NULL;
  MdlMachine *m;

  if (!have_firmware (&c))
    return;
  board = load_board (c.board, c.firmware, c.tier);
  m = board->machine;
  mdl_machine_enable_history (m, 0, 0);
  mdl_machine_run (m, 500 * MDL_PS_PER_US);
  mdl_machine_save_point (m, "a");
  at_a = keep (flat (m));
  mdl_machine_run (m, 700 * MDL_PS_PER_US);
  names = mdl_machine_list_points (m);
  g_assert_cmpstr (names[0], ==, "a");
  g_assert_null (names[1]);
  g_assert_true (mdl_machine_restore_point (m, "a", &error));
  g_assert_no_error (error);
  now = keep (flat (m));
  assert_same_state (at_a, now, "save point");
  g_assert_false (mdl_machine_restore_point (m, "b", &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN);
  g_clear_error (&error);
  /* Nothing ran since: no history to go back in. */
  g_assert_false (mdl_machine_reverse_step (m, mdl_machine_cpu (m, 0), &error));
  g_assert_nonnull (error);
  g_assert_true (mdl_machine_delete_point (m, "a"));
  drop_kept ();
}

static const Case rv_interp = { MDL_SOURCE_ROOT "/boards/riscv32-virt.dts",
                                MDL_BUILD_ROOT "/tests/targets/riscv/rv32-interrupts.elf",
                                MDL_TIER_INTERPRET };
static const Case rv_jit = { MDL_SOURCE_ROOT "/boards/riscv32-virt.dts",
                             MDL_BUILD_ROOT "/tests/targets/riscv/rv32-interrupts.elf",
                             MDL_TIER_TRANSLATE };
static const Case cm3_interp = { MDL_SOURCE_ROOT "/boards/cortex-m3.dts",
                                 MDL_BUILD_ROOT "/tests/targets/arm/arm-m3-mps2.elf",
                                 MDL_TIER_INTERPRET };
static const Case cm3_jit = { MDL_SOURCE_ROOT "/boards/cortex-m3.dts",
                              MDL_BUILD_ROOT "/tests/targets/arm/arm-m3-mps2.elf",
                              MDL_TIER_TRANSLATE };
static const Case hetero_interp = { MDL_SOURCE_ROOT "/boards/hetero-demo.dts", NULL,
                                    MDL_TIER_INTERPRET };
static const Case hetero_jit = { MDL_SOURCE_ROOT "/boards/hetero-demo.dts", NULL,
                                 MDL_TIER_TRANSLATE };

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);

  g_test_add_func ("/engine/snapshot/every-device-class", test_every_device_class);
  g_test_add_func ("/engine/snapshot/every-cpu-class", test_every_cpu_class);
  g_test_add_func ("/engine/snapshot/foreign", test_foreign_part);
  g_test_add_func ("/engine/snapshot/save-points", test_save_points);
  g_test_add_data_func ("/engine/snapshot/reverse-step/riscv", &rv_interp, test_reverse_steps);
  g_test_add_data_func ("/engine/snapshot/reverse-step/riscv-jit", &rv_jit, test_reverse_steps);
  g_test_add_data_func ("/engine/snapshot/reverse-step/cortex-m3", &cm3_interp, test_reverse_steps);
  g_test_add_data_func ("/engine/snapshot/reverse-step/cortex-m3-jit", &cm3_jit,
                        test_reverse_steps);
  g_test_add_data_func ("/engine/snapshot/reverse-step/hetero", &hetero_interp,
                        test_reverse_steps);
  g_test_add_data_func ("/engine/snapshot/reverse-step/hetero-jit", &hetero_jit,
                        test_reverse_steps);
  g_test_add_data_func ("/engine/snapshot/reverse-continue/riscv", &rv_interp,
                        test_reverse_continue);
  g_test_add_data_func ("/engine/snapshot/reverse-continue/riscv-jit", &rv_jit,
                        test_reverse_continue);
  g_test_add_data_func ("/engine/snapshot/reverse-continue/cortex-m3", &cm3_interp,
                        test_reverse_continue);
  g_test_add_data_func ("/engine/snapshot/reverse-continue/cortex-m3-jit", &cm3_jit,
                        test_reverse_continue);
  g_test_add_data_func ("/engine/snapshot/reverse-continue/hetero", &hetero_interp,
                        test_reverse_continue);
  g_test_add_data_func ("/engine/snapshot/reverse-continue/hetero-jit", &hetero_jit,
                        test_reverse_continue);
  return g_test_run ();
}
