/* The hostile guests in the runner, as the window drives them: a guest
 * that writes everywhere, jumps anywhere or floods its UART still pauses
 * at once, and one that trap-loops or locks up ends in the STOPPED state with the reason in the snapshot (what the
 * window's status shows) instead of hanging the engine thread. */
#include <string.h>

#include "engine/board.h"
#include "engine/jit-cache.h"
#include "engine/registry.h"
#include "engine/runner.h"
#include "hw/devices.h"
#include "targets/aarch64/aarch64.h"
#include "targets/riscv/riscv.h"
#include "targets/targets.h"

/* Generous: a loaded machine is slow, a quiet one does not wait this long. */
#define WAIT_US (120 * G_USEC_PER_SEC)

static void
ignore_notify (void *data)
{
}

static MdlRunner *
runner_for (const char *board_path, const char *guest)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoard) board = mdl_board_load (board_path, NULL, &error);
  g_autofree char *elf = g_strdup_printf ("%s/%s.elf", MDL_ROBUST_DIR, guest);

  g_assert_no_error (error);
  mdl_board_set_firmware (board, NULL, elf, &error);
  g_assert_no_error (error);
  mdl_board_load_firmware (board, &error);
  g_assert_no_error (error);
  /* Translated where the host can, whatever the build's default: a reset
   * reloading firmware at address 0 once made the Thumb code listener
   * hang the translation cache (a range wrapping below 0). */
  if (mdl_jit_host_supported ())
    mdl_machine_set_tier (board->machine, MDL_TIER_TRANSLATE);
  return mdl_runner_new (g_steal_pointer (&board), ignore_notify, NULL);
}

/* The snapshot once it is in @state (the test fails after WAIT_US). */
static MdlSnapshot *
wait_state (MdlRunner *runner, MdlRunnerState state, bool retired)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;

  for (;;) {
    MdlSnapshot *snap = mdl_runner_snapshot (runner);
    if (snap->state == state && (!retired || snap->cpus[0].retired > 0))
      return snap;
    mdl_snapshot_unref (snap);
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    g_usleep (100);
  }
}

static void
test_pauses (gconstpointer data)
{
  const char *guest = data;
  MdlRunner *runner = runner_for (g_str_has_prefix (guest, "arm") ? MDL_ARM_BOARD
                                                                  : MDL_RV_BOARD, guest);

  for (int i = 0; i < 5; i++) {
    g_autoptr(MdlSnapshot) paused = NULL, later = NULL;
    gint64 t0;

    mdl_runner_run (runner);
    mdl_snapshot_unref (wait_state (runner, MDL_RUNNER_RUNNING, true));
    g_usleep (3000);
    t0 = g_get_monotonic_time ();
    mdl_runner_pause (runner);
    paused = wait_state (runner, MDL_RUNNER_PAUSED, false);
    g_test_message ("%s paused after %" G_GINT64_FORMAT " us", guest,
                    g_get_monotonic_time () - t0);
    g_usleep (10000);
    later = mdl_runner_snapshot (runner);
    g_assert_cmpint (later->state, ==, MDL_RUNNER_PAUSED);
    g_assert_cmpuint (later->cpus[0].retired, ==, paused->cpus[0].retired);
  }
  mdl_runner_free (runner);
}

typedef struct {
  const char *guest;
  const char *words;   /* what the message must say */
} Stops;

static void
test_stops (gconstpointer data)
{
  const Stops *s = data;
  MdlRunner *runner = runner_for (g_str_has_prefix (s->guest, "arm") ? MDL_ARM_BOARD
                                                                     : MDL_RV_BOARD, s->guest);
  g_autoptr(MdlSnapshot) snap = NULL;

  mdl_runner_run (runner);
  snap = wait_state (runner, MDL_RUNNER_STOPPED, false);
  g_test_message ("%s: %s", s->guest, snap->message);
  g_assert_nonnull (strstr (snap->message, s->words));
  /* Stopped for good, yet the runner still answers: a reset and a pause. */
  mdl_runner_reset (runner);
  mdl_runner_pause (runner);
  mdl_runner_free (runner);
}

/* A reset (the window's, or a board's start) lowers every interrupt line
 * through its receiver: a hart whose external line was high must not keep
 * mip.MEIP pending after it, where its line reads low and no edge would
 * ever clear it.  (Found by the fuzzers' fresh-machine check.) */
static void
test_reset_lowers_lines (void)
{
  MdlMachine *m = mdl_machine_new ();
  MdlAddressSpace *as = mdl_machine_add_address_space (m, "bus");
  MdlCpu *cpu = mdl_machine_add_cpu (m, &mdl_riscv_rv32imac_class, "cpu0", as, 0,
                                     UINT64_C (1000000000), NULL);
  MdlIrqLine *line = mdl_irq_line_to_cpu (m, cpu, 11);   /* MEIP */
  unsigned mip = 0;

  for (unsigned r = 0; r < cpu->cls->n_regs; r++)
    if (strcmp (cpu->cls->regs[r].name, "mip") == 0)
      mip = r;
  g_assert_cmpuint (mip, !=, 0);
  mdl_machine_reset (m);
  mdl_irq_set (line, true);
  g_assert_cmpuint (cpu->cls->reg_read (cpu, mip) & 0x800, ==, 0x800);
  mdl_machine_reset (m);
  g_assert_false (mdl_irq_level (line));
  g_assert_cmpuint (cpu->cls->reg_read (cpu, mip) & 0x800, ==, 0);
  mdl_machine_free (m);
}

/* An AArch64 core faulting at one pc over and over (code of zeros, UDF,
 * with VBAR_EL1 on it) ends in the machine's exception storm, in both
 * tiers, as the RISC-V and Cortex-M cores do.  (It reported no exceptions
 * at all before: fuzz-aarch64's inputs spun to their budget.) */
static void
test_aarch64_fault_storm (void)
{
  for (int tier = 0; tier < 2; tier++) {
    MdlMachine *m = mdl_machine_new ();
    MdlAddressSpace *as = mdl_machine_add_address_space (m, "bus");
    MdlRegion *ram = mdl_region_new_ram ("ram", 0x10000);
    MdlCpu *cpu;
    unsigned vbar = 0;
    MdlStopReason why;

    if (tier == 1 && !mdl_jit_host_supported ()) {
      mdl_machine_free (m);
      mdl_region_unref (ram);
      break;
    }
    mdl_machine_set_tier (m, tier == 1 ? MDL_TIER_TRANSLATE : MDL_TIER_INTERPRET);
    g_assert_true (mdl_address_space_map (as, 0x80000000, ram, NULL));
    cpu = mdl_machine_add_cpu (m, &mdl_aarch64_cortex_a53_class, "cpu0", as, 0,
                               UINT64_C (100000000), NULL);
    for (unsigned r = 0; r < cpu->cls->n_regs; r++)
      if (strcmp (cpu->cls->regs[r].name, "vbar_el1") == 0)
        vbar = r;
    g_assert_cmpuint (vbar, !=, 0);
    mdl_machine_set_entry (m, cpu, 0x80000000);
    mdl_machine_reset (m);
    cpu->cls->reg_write (cpu, vbar, 0x80000000);
    why = mdl_machine_run (m, MDL_PS_PER_S / 1000);   /* 100,000 instructions */
    g_test_message ("%s: %s", tier ? "translated" : "interpreted", mdl_machine_stop_message (m));
    g_assert_cmpint (why, ==, MDL_STOP_EXCEPTION);
    g_assert_nonnull (strstr (mdl_machine_stop_message (m), "undefined instruction"));
    g_assert_nonnull (strstr (mdl_machine_stop_message (m), "in a row"));
    g_assert_nonnull (strstr (mdl_machine_stop_message (m), "0x80000200"));
    g_assert_cmpuint (cpu->retired, <, 5000);
    mdl_machine_free (m);
    mdl_region_unref (ram);
  }
}

int
main (int argc, char **argv)
{
  static const Stops stops[] = {
    { "rv-trap-loop", "while entering the trap handler" },
    { "arm-lockup", "lockup" },
  };
  static const char *const pauses[] = {
    "rv-write-everywhere", "rv-jump-anywhere", "rv-flood-uart", "arm-jump-anywhere",
    "arm-flood-uart",
    /* Asleep with every interrupt off: the window cannot tell whether
     * typed input would wake it (`medley run` says deadlock once stdin
     * closes), so it shows it waiting for input, and it still pauses. */
    "rv-wfi-irqs-off",
  };

  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  for (unsigned i = 0; i < G_N_ELEMENTS (pauses); i++) {
    g_autofree char *path = g_strdup_printf ("/robust/runner/pauses/%s", pauses[i]);
    g_test_add_data_func (path, pauses[i], test_pauses);
  }
  for (unsigned i = 0; i < G_N_ELEMENTS (stops); i++) {
    g_autofree char *path = g_strdup_printf ("/robust/runner/stops/%s", stops[i].guest);
    g_test_add_data_func (path, &stops[i], test_stops);
  }
  g_test_add_func ("/robust/reset-lowers-irq-lines", test_reset_lowers_lines);
  g_test_add_func ("/robust/aarch64-fault-storm", test_aarch64_fault_storm);
  return g_test_run ();
}
