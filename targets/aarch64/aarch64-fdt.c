/* What a Cortex-A53 cluster owes a guest device tree besides its cpu
 * nodes: the root-level /psci node (the core answers PSCI calls made
 * with HVC itself, as QEMU does with no EL3 firmware loaded) and /timer,
 * the generic timer, whose four interrupts are the class's interrupt
 * outputs in the order of the arm,armv8-timer binding (secure physical,
 * non-secure physical, virtual, hypervisor physical), as the board wired
 * them (docs/aarch64-seams.md, section 3).  Called by engine/fdt-export.c
 * through the class's fdt_root hook, once per cluster.
 */
#include "aarch64.h"

void a64_fdt_root (const MdlCpuClass *cls, const uint32_t *irqs, unsigned n_irqs,
                   MdlFdtWriter *w);

/* Function ids of PSCI 0.1, which older kernels read from the node;
 * newer ones use the fixed PSCI 0.2 ids. */
#define PSCI_0_2_FN_CPU_SUSPEND 0xc4000001u
#define PSCI_0_2_FN_CPU_OFF     0x84000002u
#define PSCI_0_2_FN_CPU_ON      0xc4000003u
#define PSCI_0_2_FN_MIGRATE     0xc4000005u

void
a64_fdt_root (const MdlCpuClass *cls, const uint32_t *irqs, unsigned n_irqs, MdlFdtWriter *w)
{
  static const char *const psci[] = { "arm,psci-1.0", "arm,psci-0.2", "arm,psci", NULL };
  static const char *const timer[] = { "arm,armv8-timer", "arm,armv7-timer", NULL };

  (void) cls;
  mdl_fdt_begin_node (w, "psci");
  mdl_fdt_prop_strings (w, "compatible", psci);
  mdl_fdt_prop_string (w, "method", "hvc");
  mdl_fdt_prop_u32 (w, "cpu_suspend", PSCI_0_2_FN_CPU_SUSPEND);
  mdl_fdt_prop_u32 (w, "cpu_off", PSCI_0_2_FN_CPU_OFF);
  mdl_fdt_prop_u32 (w, "cpu_on", PSCI_0_2_FN_CPU_ON);
  mdl_fdt_prop_u32 (w, "migrate", PSCI_0_2_FN_MIGRATE);
  mdl_fdt_end_node (w);

  /* Without its interrupts the node would only mislead a kernel. */
  if (n_irqs == 0)
    return;
  mdl_fdt_begin_node (w, "timer");
  mdl_fdt_prop_strings (w, "compatible", timer);
  mdl_fdt_prop_cells (w, "interrupts-extended", irqs, n_irqs);
  mdl_fdt_prop_empty (w, "always-on");
  mdl_fdt_end_node (w);
}
