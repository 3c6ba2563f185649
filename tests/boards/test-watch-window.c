/* Watchpoints as the window sets them (mdl_machine_watch, what the runner
 * does): the machine stops with the accessing instruction retired and the
 * next one not run, on the Cortex-M3 and on RV32, for a store and for a
 * load.  The programs are watch-arm.S and watch-rv.S, whose count
 * register says how many of the following adds ran. */
#include <string.h>

#include "engine/board.h"
#include "engine/cpu.h"
#include "engine/elf-loader.h"
#include "engine/machine.h"
#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

typedef struct {
  const char *dts, *elf;
  unsigned count_reg; /* r2 / a2 in the class's register table */
} Case;

static uint64_t
symbol (MdlBoard *board, const char *name)
{
  MdlCluster *cl = g_ptr_array_index (board->clusters, 0);
  const MdlSymbol *s = mdl_elf_image_find_symbol (cl->image, name);

  g_assert_nonnull (s);
  return s->value & ~UINT64_C (1); /* a Thumb symbol has bit 0 set */
}

static void
test_watch (gconstpointer data)
{
  const Case *c = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (MDL_SOURCE_ROOT, "boards", c->dts, NULL);
  g_autoptr (MdlBoard) board = mdl_board_load (path, NULL, &error);
  MdlMachine *m;
  MdlCpu *cpu;
  uint64_t var;

  g_assert_no_error (error);
  mdl_board_set_firmware (board, NULL, c->elf, &error);
  g_assert_no_error (error);
  mdl_board_load_firmware (board, &error);
  g_assert_no_error (error);
  m = board->machine;
  cpu = mdl_machine_cpu (m, 0);
  var = symbol (board, "var");

  mdl_machine_watch (m, cpu->as, var, 4, false, true);
  g_assert_cmpint (mdl_machine_run (m, MDL_PS_PER_S), ==, MDL_STOP_WATCHPOINT);
  g_assert_cmphex (mdl_cpu_pc (cpu), ==, symbol (board, "after_store"));
  g_assert_cmpuint (cpu->cls->reg_read (cpu, c->count_reg), ==, 0);
  mdl_machine_unwatch (m, cpu->as, var, 4);
  mdl_machine_clear_stop (m);

  mdl_machine_watch (m, cpu->as, var, 4, true, false);
  g_assert_cmpint (mdl_machine_run (m, MDL_PS_PER_S), ==, MDL_STOP_WATCHPOINT);
  g_assert_cmphex (mdl_cpu_pc (cpu), ==, symbol (board, "after_load"));
  g_assert_cmpuint (cpu->cls->reg_read (cpu, c->count_reg), ==, 2);
  mdl_machine_unwatch (m, cpu->as, var, 4);
  mdl_machine_clear_stop (m);
  g_assert_cmpint (mdl_machine_run (m, MDL_PS_PER_S), ==, MDL_STOP_GUEST_EXIT);
}

int
main (int argc, char **argv)
{
  static const Case arm = { "cortex-m3.dts", MDL_WATCH_ARM_ELF, 2 };
  static const Case rv = { "riscv32-virt.dts", MDL_WATCH_RV32_ELF, 12 };

  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  if (MDL_WATCH_ARM_ELF[0] != '\0')
    g_test_add_data_func ("/boards/watch-window/cortex-m3", &arm, test_watch);
  if (MDL_WATCH_RV32_ELF[0] != '\0')
    g_test_add_data_func ("/boards/watch-window/rv32", &rv, test_watch);
  return g_test_run ();
}
