/* The Cortex-M CPU classes: cortex-m0, cortex-m0plus (ARMv6-M), cortex-m3
 * and cortex-m4 (ARMv7-M).
 *
 * The descriptors differ only in data; init() finds the model's profile,
 * CPUID, implemented priority bits and interrupt count in the table
 * below.  The Cortex-M4 has the DSP extension (arm-dsp.c); "cortex-m4"
 * is the core without its optional FPU (coprocessor instructions are a
 * NOCP UsageFault), "cortex-m4f" the one with the FPv4-SP FPU
 * (arm-fpu.c).
 *
 * Reset loads MSP and the pc from the vector table at VTOR = 0 (a firmware
 * whose reset vector there is empty starts at its ELF entry instead).
 */
#include "arm.h"

#include "arm-cpu.h"
#include "arm-gdb.h"

#include <string.h>

#include "engine/error.h"

typedef struct {
  const MdlCpuClass *cls;
  unsigned profile;
  uint32_t cpuid;
  unsigned prio_bits;      /* kept by the model (as QEMU keeps them) */
  unsigned part_prio_bits; /* the real part's, for reference */
  unsigned n_irq;
  bool bitband;
  bool dsp; /* the DSP extension (ARMv7E-M) */
  bool fpu; /* the FPv4-SP FPU */
} ArmModel;

/* CPUID values are those of the models' Technical Reference Manuals:
 * M0 r0p0, M0+ r0p1, M3 r2p1, M4 r0p1.
 *
 * Bit-banding is an option of the M3 and M4 that Arm's own designs (and
 * QEMU's mps2 machines) include; the M0 and M0+ have none.
 *
 * Priority bits: ARMv6-M parts implement 2.  ARMv7-M lets the chip
 * implement 3 to 8 (Arm's own MPS2 FPGA images 3, STM32 parts 4, NXP's
 * LPC17xx 5); QEMU 7.2's NVIC keeps all 8 on every ARMv7-M machine, and
 * firmware built for it (FreeRTOS's mps2-an385 demos assert on it) reads
 * back what it wrote.  Medley follows QEMU, so that those programs run
 * unmodified; the real part's count is listed beside it, and a board
 * gives an ARMv7-M cluster the count of the chip it models with
 * medley,nvic-priority-bits (3 for Arm's CMSDK/MPS2 Cortex-M3 and M4
 * reference configurations). */
/* clang-format off */
static const ArmModel arm_models[] = {
  { &mdl_arm_cortex_m0_class,     ARM_V6M, 0x410cc200u, 2, 2, 32, false, false, false },
  { &mdl_arm_cortex_m0plus_class, ARM_V6M, 0x410cc601u, 2, 2, 32, false, false, false },
  { &mdl_arm_cortex_m3_class,     ARM_V7M, 0x412fc231u, 8, 3, 64, true,  false, false },
  { &mdl_arm_cortex_m4_class,     ARM_V7M, 0x410fc241u, 8, 3, 64, true,  true,  false },
  { &mdl_arm_cortex_m4f_class,    ARM_V7M, 0x410fc241u, 8, 3, 64, true,  true,  true },
};
/* clang-format on */

static const ArmModel *
arm_model (const MdlCpuClass *cls)
{
  for (unsigned i = 0; i < G_N_ELEMENTS (arm_models); i++)
    if (arm_models[i].cls == cls)
      return &arm_models[i];
  g_assert_not_reached ();
}

/* The settings a board may give an ARMv7-M cluster (the ARMv6-M parts
 * have their 2 priority bits fixed by the architecture). */
static const MdlPropInfo arm_v7m_props[] = {
  { "nvic-priority-bits", MDL_PROP_U32,
    N_ ("Priority bits the NVIC keeps, 3 to 8 (8 as QEMU; the MPS2 reference parts keep 3)"),
    8, NULL, false },
};

static bool
arm_set_prop (const MdlCpuClass *cls, MdlCpu *cpu, const char *name, uint64_t value, GError **error)
{
  if (strcmp (name, "nvic-priority-bits") == 0) {
    if (arm_model (cls)->profile != ARM_V7M || value < 3 || value > 8) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                   "a %s keeps 3 to 8 NVIC priority bits, not %" G_GUINT64_FORMAT, cls->name,
                   value);
      return false;
    }
    if (cpu != NULL)
      ((ArmCpu *) cpu)->prio_bits = (unsigned) value;
    return true;
  }
  g_set_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN, "a %s has no setting %s", cls->name, name);
  return false;
}

static void
arm_init (MdlCpu *cpu)
{
  ArmCpu *s = (ArmCpu *) cpu;
  const ArmModel *m = arm_model (cpu->cls);

  s->profile = m->profile;
  s->cpuid = m->cpuid;
  s->prio_bits = m->prio_bits;
  s->n_irq = m->n_irq;
  s->bitband = m->bitband;
  s->isa = m->profile | (m->dsp ? ARM_DSP : 0) | (m->fpu ? ARM_FPU : 0);
  s->has_fpu = m->fpu;
  g_assert (s->n_irq + 1 == cpu->cls->n_irq_in && s->n_irq <= ARM_MAX_IRQ);
  arm_systick_init (s);
  arm_forget_windows (s);
  s->fill_n = ARM_FILL_LOG + 1; /* the zeroed entries are not empty: all of them */
  arm_flush_code (cpu);
}

static void
arm_reset (MdlCpu *cpu, uint64_t entry)
{
  ArmCpu *s = (ArmCpu *) cpu;

  arm_forget_windows (s);
  arm_flush_code (cpu);
  arm_except_reset (s, (uint32_t) entry);
  /* A reset core reads the semihosting features file from its start, as
   * a fresh one does (a SYS_READ before any SYS_OPEN read on where the
   * last run had left it: fuzz-arm, semihost-features-read-after-reset). */
  s->semihost_pos = 0;
}

/* Line n is external interrupt n.  A rising level makes it pending (the
 * NVIC latches it); a level still high when its handler returns makes it
 * pending again (arm-except.c).  The line after the last external one is
 * the NMI input (a watchdog's, as on the MPS2 boards): its rising edge
 * pends the NMI. */
static void
arm_set_irq (MdlCpu *cpu, unsigned line, bool level)
{
  ArmCpu *s = (ArmCpu *) cpu;
  bool was;

  g_return_if_fail (line <= s->n_irq);
  if (line == s->n_irq) {
    if (level && !s->nmi_level)
      arm_set_pending (s, ARM_EXC_NMI);
    s->nmi_level = level;
    return;
  }
  was = s->irq_level[line];
  s->irq_level[line] = level;
  if (level && !was)
    arm_set_pending (s, ARM_EXC_IRQ0 + line);
}

/* The ARM ELF ABI marks Thumb functions with bit 0 of their symbol's
 * value; the instruction itself starts at the even address. */
static uint64_t
arm_elf_code_address (uint64_t value)
{
  return value & ~UINT64_C (1);
}

/* Palette headings, one per class (ARM_CLASS pastes the class's name). */
static const char mdl_arm_cortex_m0_class_label[] = "ARMv6-M";
static const char mdl_arm_cortex_m0plus_class_label[] = "ARMv6-M";
static const char mdl_arm_cortex_m3_class_label[] = "ARMv7-M";
static const char mdl_arm_cortex_m4_class_label[] = "ARMv7E-M";
static const char mdl_arm_cortex_m4f_class_label[] = "ARMv7E-M";

/* Arm's MPS2 with the AN385 image, as QEMU models it (-M mps2-an385):
 * the CMSDK peripherals and the RAMs where its firmware expects them. */
static const MdlFamilySlot arm_mps2_slots[] = {
  { "arm,cmsdk-uart", 0x40004000, 0x1000 },
  { "arm,cmsdk-timer", 0x40000000, 0x1000 },
  { "arm,cmsdk-timer", 0x40001000, 0x1000 },
  { "arm,cmsdk-dualtimer", 0x40002000, 0x1000 },
  { "arm,cmsdk-watchdog", 0x40008000, 0x1000 },
  { "arm,mps2-scc", 0x4002f000, 0x1000 },
  { "medley,ram", 0x0, 0x400000 },
  { "medley,ram", 0x20000000, 0x400000 },
};

static const MdlBoardFamily arm_mps2_family = {
  "MPS2", arm_mps2_slots, G_N_ELEMENTS (arm_mps2_slots),
};

/* Building programs in the workbench (engine/program-kit.h): Debian's
 * arm-none-eabi toolchain and picolibc; -mcpu also picks the multilib.
 * The core reads its vector table at 0 (VTOR's reset value). */
static const char arm_program_ld_extra[] =
  "\t/* Unwind tables picolibc's objects carry; kept, never used. */\n"
  "\t.ARM.extab : { *(.ARM.extab* .gnu.linkonce.armextab.*) } >code\n"
  "\t.ARM.exidx : { *(.ARM.exidx* .gnu.linkonce.armexidx.*) } >code\n"
  "\t/* TLS variant 1: the thread pointer sits this far below the block. */\n"
  "\t__arm32_tls_tcb_offset = MAX(8, __tls_align);\n";
#define ARM_PROGRAM_KIT(ident, ...)                                                                \
  static const char *const ident##_program_flags[] = { __VA_ARGS__, "-mthumb", NULL };             \
  static const MdlProgramKit ident##_program = {                                                   \
    "arm-none-eabi-gcc", "gcc-arm-none-eabi", "picolibc.specs", "picolibc-arm-none-eabi",          \
    ident##_program_flags, "arm", arm_program_ld_extra, "thumb", "medley-arm-asm", true, 0,                              \
  }
ARM_PROGRAM_KIT (mdl_arm_cortex_m0_class, "-mcpu=cortex-m0");
ARM_PROGRAM_KIT (mdl_arm_cortex_m0plus_class, "-mcpu=cortex-m0plus");
ARM_PROGRAM_KIT (mdl_arm_cortex_m3_class, "-mcpu=cortex-m3");
ARM_PROGRAM_KIT (mdl_arm_cortex_m4_class, "-mcpu=cortex-m4");
/* Soft-float calls: the run-time saves no FP registers. */
ARM_PROGRAM_KIT (mdl_arm_cortex_m4f_class, "-mcpu=cortex-m4", "-mfloat-abi=soft");

/* What arm_fault reports (arm_exc_name of the fault it takes). */
static const char *const arm_exception_names[] = {
  "HardFault", "MemManage", "BusFault", "UsageFault", NULL,
};

/* The AAPCS DWARF numbers: r0-r15 are 0-15, as in the register table. */
static const int arm_dwarf_regmap[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };

#define ARM_CLASS(ident, cname, compat, archname, desc, irqs, settings, regtab, nregs, xml, map)   \
  const MdlCpuClass ident = {                                                                      \
    .name = cname,                                                                                 \
    .compatible = compat,                                                                          \
    .arch = archname,                                                                              \
    .arch_label = ident##_label,                                                                   \
    .flags = &arm_flags_reg,                                                                       \
    .description = desc,                                                                           \
    .elf_machine = 40, /* EM_ARM */                                                                \
    .elf_class = 1,    /* ELFCLASS32 */                                                            \
    .xlen = 32,                                                                                    \
    .regs = regtab,                                                                                \
    .n_regs = nregs,                                                                               \
    .pc_reg = ARM_REG_PC,                                                                          \
    .n_irq_in = (irqs) + 1, /* the last is NMI */                                                  \
    .state_size = sizeof (ArmCpu),                                                                 \
    .init = arm_init,                                                                              \
    .reset = arm_reset,                                                                            \
    .run = arm_run,                                                                                \
    .run_translated = arm_jit_run,                                                                 \
    .set_irq = arm_set_irq,                                                                        \
    .reg_read = arm_reg_read,                                                                      \
    .reg_write = arm_reg_write,                                                                    \
    .disas = arm_disas,                                                                            \
    .insn_info = arm_insn_info,                                                                    \
    .flush_code = arm_flush_code,                                                                  \
    .save = arm_save,                                                                              \
    .restore = arm_restore,                                                                        \
    .semihosting = true,                                                                           \
    .finalize = NULL,                                                                              \
    .debug_read = arm_debug_read,                                                                  \
    .gdb_target_xml = xml,                                                                         \
    .gdb_regmap = map,                                                                             \
    .gdb_n_regs = nregs,                                                                           \
    .elf_code_address = arm_elf_code_address,                                                      \
    .dwarf_regmap = arm_dwarf_regmap,                                                              \
    .dwarf_n_regs = G_N_ELEMENTS (arm_dwarf_regmap),                                               \
    .dwarf_sp = 13,                                                                                \
    .family = &arm_mps2_family,                                                                    \
    .exception_names = arm_exception_names,                                                        \
    .props = settings,                                                                             \
    .n_props = (settings) != NULL ? G_N_ELEMENTS (arm_v7m_props) : 0,                              \
    .set_prop = arm_set_prop,                                                                      \
    .program = &ident##_program,                                                                   \
  }

ARM_CLASS (mdl_arm_cortex_m0_class, "cortex-m0", "arm,cortex-m0", "armv6-m",
           N_ ("ARM Cortex-M0 (ARMv6-M, Thumb), NVIC with 32 interrupts, SysTick"), 32, NULL,
           arm_regs, ARM_N_REGS, arm_gdb_target_xml, arm_gdb_regmap);
ARM_CLASS (mdl_arm_cortex_m0plus_class, "cortex-m0plus", "arm,cortex-m0plus", "armv6-m",
           N_ ("ARM Cortex-M0+ (ARMv6-M, Thumb), NVIC with 32 interrupts, SysTick, VTOR"), 32,
           NULL, arm_regs, ARM_N_REGS, arm_gdb_target_xml, arm_gdb_regmap);
ARM_CLASS (mdl_arm_cortex_m3_class, "cortex-m3", "arm,cortex-m3", "armv7-m",
           N_ ("ARM Cortex-M3 (ARMv7-M, Thumb-2), NVIC with 64 interrupts, SysTick"), 64,
           arm_v7m_props, arm_regs, ARM_N_REGS, arm_gdb_target_xml, arm_gdb_regmap);
ARM_CLASS (mdl_arm_cortex_m4_class, "cortex-m4", "arm,cortex-m4", "armv7-m",
           N_ ("ARM Cortex-M4 without FPU (ARMv7E-M, Thumb-2 with the DSP extension), "
               "NVIC with 64 interrupts, SysTick, MPU"),
           64, arm_v7m_props, arm_regs, ARM_N_REGS, arm_gdb_target_xml, arm_gdb_regmap);
ARM_CLASS (mdl_arm_cortex_m4f_class, "cortex-m4f", "arm,cortex-m4f", "armv7-m",
           N_ ("ARM Cortex-M4F (ARMv7E-M, Thumb-2 with the DSP extension, FPv4-SP "
               "single-precision FPU), NVIC with 64 interrupts, SysTick, MPU"),
           64, arm_v7m_props, arm_fpu_regs, ARM_N_FPU_REGS, arm_gdb_fpu_target_xml,
           arm_gdb_fpu_regmap);
