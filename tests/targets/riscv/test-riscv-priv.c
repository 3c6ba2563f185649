/* Unit tests of the RISC-V hart's interrupt inputs that the ISA tests'
 * virt boards cannot reach: input line 9 (supervisor external, what a
 * PLIC's S-mode context drives) is taken in S-mode when mideleg delegates
 * it; mip and sip show its level.  (The hart spins rather than waits in
 * wfi: with no event pending, a machine whose every CPU waits stops.)
 */
#include <glib.h>
#include <string.h>

#include "engine/machine.h"
#include "targets/riscv/riscv.h"

/* Assembled from:
 *   la t0, handler; csrw stvec, t0
 *   li t0, -1; csrw pmpaddr0, t0; li t0, 0x1f; csrw pmpcfg0, t0
 *   li t0, 0x200; csrw mideleg, t0; csrw mie, t0      SEIP delegated, SEIE
 *   li t0, 0x800; csrs mstatus, t0                    MPP = S
 *   la t0, smode; csrw mepc, t0; mret
 * smode:
 *   li a0, 0; csrsi sstatus, 2                        SIE
 * 1: nop; beqz a0, 1b
 * 2: j 2b
 * handler:
 *   csrr a0, scause; csrr a1, sip; li t0, 0x20; csrc sstatus, t0
 * 3: j 3b
 */
static const uint32_t seip_program[] = {
  0x00000297, 0x05828293, 0x10529073, 0xfff00293, 0x3b029073, 0x01f00293,
  0x3a029073, 0x20000293, 0x30329073, 0x30429073, 0x000012b7, 0x8002829b,
  0x3002a073, 0x00000297, 0x01028293, 0x34129073, 0x30200073, 0x00000513,
  0x10016073, 0x00000013, 0xfe050ee3, 0x0000006f, 0x14202573, 0x144025f3,
  0x02000293, 0x1002b073, 0x0000006f,
};

#define RAM_BASE UINT64_C (0x80000000)
#define SLICE_PS (MDL_PS_PER_S / 1000)

static unsigned
reg_index (const MdlCpuClass *cls, const char *name)
{
  for (unsigned i = 0; i < cls->n_regs; i++)
    if (strcmp (cls->regs[i].name, name) == 0)
      return i;
  g_assert_not_reached ();
}

static void
test_seip_line (void)
{
  const MdlCpuClass *cls = &mdl_riscv_rv64imac_class;
  MdlMachine *m = mdl_machine_new ();
  MdlAddressSpace *as = mdl_machine_add_address_space (m, "bus");
  g_autoptr(MdlRegion) ram = mdl_region_new_ram ("ram", 0x10000);
  MdlIrqLine *seip;
  MdlCpu *cpu;

  memcpy (mdl_region_host (ram), seip_program, sizeof seip_program);
  g_assert_true (mdl_address_space_map (as, RAM_BASE, ram, NULL));
  cpu = mdl_machine_add_cpu (m, cls, "cpu0", as, 0, 100000000, NULL);
  g_assert_nonnull (cpu);
  seip = mdl_irq_line_to_cpu (m, cpu, 9);
  mdl_machine_set_entry (m, cpu, RAM_BASE);
  mdl_machine_reset (m);

  /* In S-mode, spinning: nothing pending yet */
  g_assert_cmpint (mdl_machine_run (m, SLICE_PS), ==, MDL_STOP_NONE);
  g_assert_cmphex (cls->reg_read (cpu, 10), ==, 0);
  g_assert_cmphex (cls->reg_read (cpu, reg_index (cls, "mip")), ==, 0);

  /* The line is taken in S as interrupt 9 */
  mdl_irq_set (seip, true);
  g_assert_cmpint (mdl_machine_run (m, SLICE_PS), ==, MDL_STOP_NONE);
  g_assert_cmphex (cls->reg_read (cpu, 10), ==, (UINT64_C (1) << 63) | 9);
  g_assert_cmphex (cls->reg_read (cpu, 11), ==, 0x200);       /* sip */
  g_assert_cmphex (cls->reg_read (cpu, reg_index (cls, "mip")), ==, 0x200);

  /* mip follows the line back down */
  mdl_irq_set (seip, false);
  g_assert_cmphex (cls->reg_read (cpu, reg_index (cls, "mip")), ==, 0);

  mdl_machine_free (m);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/targets/riscv/priv/seip-line", test_seip_line);
  return g_test_run ();
}
