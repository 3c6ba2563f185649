/* The AArch64 CPU class: cortex-a53.
 *
 * init prepares the decode cache, the TLB and the timer's event; reset
 * starts the core at EL1h with the MMU off, x0 = the device tree's
 * address (Linux's arm64 boot protocol, which QEMU's direct boot and
 * U-Boot follow too), and keeps the cores other than core 0 powered off
 * for PSCI CPU_ON to start.
 */
#include "aarch64.h"

#include <string.h>

#include "aarch64-cpu.h"
#include "engine/error.h"

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
  if (level && !s->psci_off) {
    if (s->in_wfe) {
      s->in_wfe = false;
      mdl_event_cancel (cpu->machine, &s->wfe_event);
    }
    mdl_cpu_wake (cpu);
  }
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

static uint64_t
le64 (const uint8_t *b)
{
  uint64_t v = 0;

  for (unsigned i = 0; i < 8; i++)
    v |= (uint64_t) b[i] << (8 * i);
  return v;
}

/* The arm64 Linux Image header (Documentation/arch/arm64/booting.rst):
 * code0, code1, text_offset at 8, image_size at 16, flags at 24 (all
 * little-endian whatever the kernel's endianness), magic "ARM\x64" at
 * 0x38.  Flags: bit 0 big-endian, bits 1-2 the page size (0 unknown,
 * 1 4K, 2 16K, 3 64K).  The Image goes text_offset bytes past a 2 MiB
 * boundary, the start of RAM here. */
static bool
a64_kernel_image (const MdlCpuClass *cls, const void *data, size_t len, uint64_t *load_offset,
                  GError **error)
{
  const uint8_t *b = data;
  uint64_t flags;

  (void) cls;
  if (len < 0x40 || memcmp (b + 0x38, "ARM\x64", 4) != 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "not an arm64 Linux Image (no \"ARM\\x64\" "
                 "at offset 0x38)%s", len >= 4 && memcmp (b, "\177ELF", 4) == 0
                 ? ": an ELF file (vmlinux?); give the Image (arch/arm64/boot/Image)"
                 : len >= 2 && b[0] == 0x1f && b[1] == 0x8b
                 ? ": a gzip file (Image.gz?); uncompress it first" : "");
    return false;
  }
  flags = le64 (b + 24);
  /* image_size 0: a kernel older than 3.17, whose header says nothing
   * of its flags; its text_offset was 0x80000 whatever the field says. */
  if (le64 (b + 16) == 0) {
    *load_offset = 0x80000;
    return true;
  }
  if (flags & 1) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "a big-endian arm64 Image (flags bit 0): "
                 "the %s runs little-endian only", cls->name);
    return false;
  }
  if (((flags >> 1) & 3) > 1) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "an arm64 Image for %s KiB pages: the %s "
                 "translates with the 4 KiB granule only",
                 ((flags >> 1) & 3) == 2 ? "16" : "64", cls->name);
    return false;
  }
  *load_offset = le64 (b + 8);
  if (*load_offset >= 0x200000) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "arm64 Image with text_offset 0x%"
                 G_GINT64_MODIFIER "x: not below 2 MiB", *load_offset);
    return false;
  }
  return true;
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

/* The AAPCS64 DWARF numbers: x0-x30 are 0-30 and sp 31, as in the
 * register table. */
static const int a64_dwarf_regmap[32] = {
  0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15,
  16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
};

/* Building programs in the workbench (engine/program-kit.h): Debian's
 * aarch64-linux-gnu-gcc used freestanding (Debian has no bare-metal
 * picolibc for it), general registers only as the IRQ-free run-time
 * saves no FP/SIMD state; with the MMU off memory is Device memory,
 * where unaligned accesses fault. */
static const char *const a64_program_flags[] = {
  "-mcpu=cortex-a53", "-mgeneral-regs-only", "-mstrict-align", NULL,
};
static const MdlProgramKit a64_program = {
  "aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu", NULL, NULL, a64_program_flags, "aarch64",
  NULL, "a64", "medley-arm-asm", false, 0,
};

const MdlCpuClass mdl_aarch64_cortex_a53_class = {
  .name = "cortex-a53",
  .compatible = "arm,cortex-a53",
  .arch = "aarch64",
  .arch_label = "AArch64",
  .flags = &a64_flags,
  .description = N_ ("Arm Cortex-A53 (ARMv8.0-A, AArch64, EL0/EL1, MMU, generic timer, "
                     "floating point and Advanced SIMD)"),
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
  .exception_names = a64_exception_names,
  .save = a64_save,
  .restore = a64_restore,
  .gdb_target_xml = a64_gdb_target_xml,
  .gdb_regmap = a64_gdb_regmap,
  .gdb_n_regs = A64_GDB_N_REGS,
  .fdt_cpu = a64_fdt_cpu,
  .fdt_root = a64_fdt_root,
  .family = &a64_virt_family,
  .kernel_image = a64_kernel_image,
  .dwarf_regmap = a64_dwarf_regmap,
  .dwarf_n_regs = G_N_ELEMENTS (a64_dwarf_regmap),
  .dwarf_sp = 31,
  /* QEMU virt's RVBAR: a raw firmware image in the flash at 0 (-bios). */
  .has_reset_address = true,
  .reset_address = 0,
  /* Arm's trees have no per-CPU controller node: the GIC's CPU
   * interfaces reach the cores implicitly, and Linux would take the GIC
   * for the child of a controller it has no driver for. */
  .fdt_no_cpu_intc = true,
  .program = &a64_program,
};
