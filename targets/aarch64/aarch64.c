/* The AArch64 CPU class: cortex-a53.
 *
 * init prepares the decode cache, the TLB and the timer's event; reset
 * starts the core at EL1h with the MMU off, x0 = the device tree's
 * address (Linux's arm64 boot protocol, which QEMU's direct boot and
 * U-Boot follow too), and keeps the cores other than core 0 powered off
 * for PSCI CPU_ON to start.
 */
#include "aarch64.h"

#include "aarch64-cpu.h"

static void
a64_init (MdlCpu *cpu)
{
  A64Cpu *s = (A64Cpu *) cpu;

  a64_timer_init (s);
  a64_forget_windows (s);
  a64_tlb_flush (s);
}

static void
a64_reset (MdlCpu *cpu, uint64_t entry)
{
  A64Cpu *s = (A64Cpu *) cpu;

  s->cnt_freq = cpu->timebase_hz ? cpu->timebase_hz : 62500000;
  mdl_event_cancel (cpu->machine, &s->timer_event);
  for (unsigned t = 0; t < A64_N_TIMERS; t++)
    if (s->timer_level[t]) {
      s->timer_level[t] = false;
      mdl_cpu_irq_out_set (cpu, t, false);
    }
  a64_forget_windows (s);
  a64_reset_core (s, entry);
  s->x[0] = cpu->boot_arg;
  s->as_gen = mdl_address_space_generation (cpu->as);
  s->psci_off = (cpu->hartid & 0xffffff) != 0;
  if (s->psci_off)
    cpu->state = MDL_CPU_WAITING;
}

static void
a64_set_irq (MdlCpu *cpu, unsigned line, bool level)
{
  A64Cpu *s = (A64Cpu *) cpu;

  g_return_if_fail (line < 2);
  if (line == 0)
    s->irq_in = level;
  else
    s->fiq_in = level;
  if (level && !s->psci_off)
    mdl_cpu_wake (cpu);
  else
    mdl_cpu_kick (cpu);
  s->check = true;
}

static void
a64_fdt_cpu (const MdlCpuClass *cls, unsigned hart, MdlFdtWriter *w)
{
  (void) hart;
  mdl_fdt_prop_string (w, "compatible", cls->compatible);
  mdl_fdt_prop_string (w, "enable-method", "psci");
}

/* /psci (answered by the core on hvc, as QEMU's virt does) and, when the
 * board wires the generic timer's four outputs, /timer with them. */
static void
a64_fdt_root (const MdlCpuClass *cls, unsigned harts, const uint32_t *outputs, unsigned n_cells,
              MdlFdtWriter *w)
{
  static const char *const psci[] = { "arm,psci-1.0", "arm,psci-0.2", "arm,psci", NULL };
  static const char *const timer[] = { "arm,armv8-timer", "arm,armv7-timer", NULL };

  (void) cls, (void) harts;
  mdl_fdt_begin_node (w, "psci");
  mdl_fdt_prop_strings (w, "compatible", psci);
  mdl_fdt_prop_string (w, "method", "hvc");
  mdl_fdt_prop_u32 (w, "cpu_suspend", 0xc4000001);
  mdl_fdt_prop_u32 (w, "cpu_off", 0x84000002);
  mdl_fdt_prop_u32 (w, "cpu_on", 0xc4000003);
  mdl_fdt_end_node (w);
  if (n_cells == 0)
    return;
  mdl_fdt_begin_node (w, "timer");
  mdl_fdt_prop_strings (w, "compatible", timer);
  mdl_fdt_prop_empty (w, "always-on");
  mdl_fdt_prop_cells (w, "interrupts-extended", outputs, n_cells);
  mdl_fdt_end_node (w);
}

/* The two inputs a GIC CPU interface drives (docs/aarch64-seams.md). */
static const MdlIrqInputName a64_irq_names[] = {
  { 0, "irq" },
  { 1, "fiq" },
};

/* PSTATE as the cpsr register shows it (the SPSR layout). */
static const MdlRegFlag a64_flag_bits[] = {
  { "N", 31, 31 }, { "Z", 30, 30 }, { "C", 29, 29 }, { "V", 28, 28 },
  { "D", 9, 9 },   { "A", 8, 8 },   { "I", 7, 7 },   { "F", 6, 6 },
  { "EL", 2, 3 },  { "SP", 0, 0 },
};

static const MdlFlagsReg a64_flags = {
  A64_REG_CPSR, a64_flag_bits, G_N_ELEMENTS (a64_flag_bits),
};

/* QEMU's virt machine for AArch64 (-M virt): flash at 0, the GIC, the
 * PL011 and PL031, and 128 MiB of RAM at 1 GiB. */
static const MdlFamilySlot a64_virt_slots[] = {
  { "arm,cortex-a15-gic", 0x8000000, 0x20000 },
  { "arm,pl011", 0x9000000, 0x1000 },
  { "arm,pl031", 0x9010000, 0x1000 },
  { "medley,ram", 0x40000000, 0x8000000 },
  { "medley,rom", 0x0, 0x4000000 },
};

static const MdlBoardFamily a64_virt_family = {
  "virt", a64_virt_slots, G_N_ELEMENTS (a64_virt_slots),
};

const MdlCpuClass mdl_aarch64_cortex_a53_class = {
  .name = "cortex-a53",
  .compatible = "arm,cortex-a53",
  .arch = "aarch64",
  .arch_label = "AArch64",
  .flags = &a64_flags,
  .description = N_ ("Arm Cortex-A53 (ARMv8.0-A, AArch64, EL0/EL1, MMU, generic timer, "
                     "scalar FP, Advanced SIMD integer; no vector floating point yet)"),
  .elf_machine = 183, /* EM_AARCH64 */
  .elf_class = 2,     /* ELFCLASS64 */
  .xlen = 64,
  .regs = a64_regs,
  .n_regs = A64_N_REGS,
  .pc_reg = A64_REG_PC,
  .n_irq_in = 2,
  .irq_names = a64_irq_names,
  .n_irq_names = G_N_ELEMENTS (a64_irq_names),
  .n_irq_out = 4,
  .state_size = sizeof (A64Cpu),
  .semihosting = true,
  .init = a64_init,
  .reset = a64_reset,
  .run = a64_run,
  .run_translated = a64_jit_run, /* [jit hook] */
  .set_irq = a64_set_irq,
  .reg_read = a64_reg_read,
  .reg_write = a64_reg_write,
  .reg_read_hi = a64_reg_read_hi,
  .reg_write_hi = a64_reg_write_hi,
  .disas = a64_disas,
  .insn_info = a64_insn_info,
  .flush_code = a64_flush_code,
  .gdb_target_xml = a64_gdb_target_xml,
  .gdb_regmap = a64_gdb_regmap,
  .gdb_n_regs = A64_GDB_N_REGS,
  .fdt_cpu = a64_fdt_cpu,
  .fdt_root = a64_fdt_root,
  .family = &a64_virt_family,
};
