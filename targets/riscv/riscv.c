/* The RISC-V CPU classes: rv32imac and rv64imac, and with the F and D
 * extensions rv32imafdc and rv64imafdc (RV32GC and RV64GC).
 *
 * The descriptors differ only in data (names, XLEN, register table) and
 * in init(), which sets the extensions the decoder accepts; init() picks
 * the executor table of the class's XLEN.
 */
#include "riscv.h"

#include "riscv-boot.h"
#include "riscv-cpu.h"
#include "riscv-gdb.h"

#include <string.h>

static void
rv_init (MdlCpu *cpu)
{
  RvCpu *s = (RvCpu *) cpu;

  s->xlen = cpu->cls->xlen;
  s->xmask = s->xlen == 32 ? UINT64_C (0xffffffff) : UINT64_MAX;
  s->exec_table = s->xlen == 32 ? rv32_exec_table : rv64_exec_table;
  s->exec_table_c = s->xlen == 32 ? rv32c_exec_table : rv64c_exec_table;
  s->last_exc_pc = RV_TAG_EMPTY;
  rv_forget_windows (s);
  rv_flush_code (cpu);
  rv_priv_reset (s);
}

static void
rv_init_fd (MdlCpu *cpu)
{
  RvCpu *s = (RvCpu *) cpu;

  s->ext = RV_EXT_FD;
  rv_init (cpu);
}

static void
rv_reset (MdlCpu *cpu, uint64_t entry)
{
  RvCpu *s = (RvCpu *) cpu;

  memset (s->x, 0, sizeof s->x);
  memset (s->f, 0, sizeof s->f);
  s->frm = s->fflags = 0;
  rv_boot_handoff (s);
  s->pc = entry & rv_xmask (s) & ~UINT64_C (1);

  s->mstatus = 0;                 /* FS Off; see also rv_priv_reset */
  s->mtvec = s->mepc = s->mcause = s->mtval = s->mscratch = 0;
  s->mie = 0;
  /* mip follows the interrupt lines, which the devices drive: kept. */
  s->cycle_offset = s->instret_offset = 0;
  s->resv_valid = false;
  s->last_exc_pc = RV_TAG_EMPTY;
  s->last_exc_cause = 0;

  rv_forget_windows (s);
  rv_flush_code (cpu);
  rv_priv_reset (s);
}

/* Lines 3, 7, 11 and 9 drive mip.MSIP, MTIP, MEIP and SEIP. */
static void
rv_set_irq (MdlCpu *cpu, unsigned line, bool level)
{
  RvCpu *s = (RvCpu *) cpu;
  uint64_t bit;

  g_return_if_fail (line < 64 && (RV_MIP_MASK >> line) & 1);
  bit = UINT64_C (1) << line;
  if (level)
    s->mip |= bit;
  else
    s->mip &= ~bit;

  /* An enabled interrupt is pending: wake a hart in wfi (even with
   * mstatus.MIE clear, wfi then just returns) and make a running one leave
   * run() so that the interrupt is considered at its next entry. */
  if (s->mie & s->mip) {
    mdl_cpu_wake (cpu);
    mdl_cpu_kick (cpu);
  }
}

/* The inputs firmware uses (riscv.h numbers them like the mip bits):
 * the canvas offers these three instead of twelve. */
static const MdlIrqInputName rv_irq_names[] = {
  { 3, "software" },
  { 7, "timer" },
  { 11, "external" },
};

/* QEMU's virt machine: where firmware built for `-M virt` looks (the
 * same map on RV32 and RV64); 128 MiB of RAM as QEMU gives by default,
 * which the demo firmware's stack top assumes. */
static const MdlFamilySlot rv_virt_slots[] = {
  { "sifive,test0", 0x100000, 0x1000 },
  { "riscv,clint0", 0x2000000, 0x10000 },
  { "sifive,plic-1.0.0", 0xc000000, 0x600000 },
  { "ns16550a", 0x10000000, 0x100 },
  { "medley,ram", 0x80000000, 0x8000000 },
};

static const MdlBoardFamily rv_virt_family = {
  "virt", rv_virt_slots, G_N_ELEMENTS (rv_virt_slots),
};

/* Building programs in the workbench (engine/program-kit.h): Debian's
 * bare-metal toolchain and picolibc, the soft-float multilibs (they run on
 * the F/D harts too).  -misa-spec=2.2: GCC 12 finds no multilib for
 * rv32imac_zicsr, and ISA spec 2.2's rv32imac includes Zicsr. */
static const char *const rv_program_flags_32[] = {
  "-march=rv32imac", "-mabi=ilp32", "-misa-spec=2.2", NULL,
};
/* RAM at 0x80000000 is out of the default medlow code model's reach. */
static const char *const rv_program_flags_64[] = {
  "-march=rv64imac", "-mabi=lp64", "-mcmodel=medany", "-misa-spec=2.2", NULL,
};
static const MdlProgramKit rv_program_32 = {
  "riscv64-unknown-elf-gcc", "gcc-riscv64-unknown-elf", "picolibc.specs",
  "picolibc-riscv64-unknown-elf", rv_program_flags_32, "riscv", NULL, "riscv", "medley-riscv-asm",
  false, 0,
};
static const MdlProgramKit rv_program_64 = {
  "riscv64-unknown-elf-gcc", "gcc-riscv64-unknown-elf", "picolibc.specs",
  "picolibc-riscv64-unknown-elf", rv_program_flags_64, "riscv", NULL, "riscv", "medley-riscv-asm",
  false, 0,
};

/* What rv_cause_name says of the exceptions it reports. */
static const char *const rv_exception_names[] = {
  "instruction access fault", "illegal instruction", "breakpoint", "misaligned load",
  "load access fault", "misaligned store/AMO", "store/AMO access fault", "environment call",
  "instruction page fault", "load page fault", "store/AMO page fault", NULL,
};

/* What the four harts share; they differ in width, register table (the
 * FD ones add f0-f31 and fcsr), init (which enables F and D) and gdb
 * description.  One place, so that a new class field is one line. */
/* The psABI's DWARF numbers: x0-x31 are 0-31, as in the register table. */
static const int rv_dwarf_regmap[32] = {
  0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15,
  16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
};

#define RV_CLASS(ident, cname, xl, regtab, nregs, initfn, gdbpfx, desc)                         \
  const MdlCpuClass ident = {                                                                   \
    .name = cname,                                                                              \
    .compatible = "riscv," cname,                                                               \
    .arch = "riscv" #xl,                                                                        \
    .arch_label = "RISC-V " #xl,                                                                \
    .description = desc,                                                                        \
    .elf_machine = 243,                     /* EM_RISCV */                                      \
    .elf_class = (xl) == 32 ? 1 : 2,        /* ELFCLASS32, ELFCLASS64 */                        \
    .xlen = xl,                                                                                 \
    .regs = regtab,                                                                             \
    .n_regs = nregs,                                                                            \
    .pc_reg = RV_REG_PC,                                                                        \
    .n_irq_in = 12,                                                                             \
    .irq_names = rv_irq_names,                                                                  \
    .n_irq_names = G_N_ELEMENTS (rv_irq_names),                                                 \
    .state_size = sizeof (RvCpu),                                                               \
    .init = initfn,                                                                             \
    .reset = rv_reset,                                                                          \
    .run = rv_run,                                                                              \
    .run_translated = rv_jit_run,                                                               \
    .set_irq = rv_set_irq,                                                                      \
    .reg_read = rv_reg_read,                                                                    \
    .reg_write = rv_reg_write,                                                                  \
    .disas = rv_disas,                                                                          \
    .insn_info = rv_insn_info,                                                                  \
    .flush_code = rv_flush_code,                                                                \
    .save = rv_save,                                                                            \
    .restore = rv_restore,                                                                      \
    .gdb_target_xml = gdbpfx##_gdb_target_xml,                                                  \
    .gdb_regmap = gdbpfx##_gdb_regmap,                                                          \
    .gdb_n_regs = nregs,                                                                        \
    .fdt_cpu = rv_fdt_cpu,                                                                      \
    .fdt_cpu_intc = rv_fdt_cpu_intc,                                                            \
    .boot_protocols = rv_boot_protocols,                                                        \
    .n_boot_protocols = RV_N_BOOT_PROTOCOLS,                                                    \
    .kernel_image = rv_kernel_image,                                                            \
    .dwarf_regmap = rv_dwarf_regmap,                                                            \
    .dwarf_n_regs = G_N_ELEMENTS (rv_dwarf_regmap),                                             \
    .dwarf_sp = 2,                                                                              \
    .family = &rv_virt_family,                                                                  \
    .exception_names = rv_exception_names,                                                      \
    .program = &rv_program_##xl,                                                                \
  }

RV_CLASS (mdl_riscv_rv32imac_class, "rv32imac", 32, rv32_regs, RV32_N_REGS, rv_init, rv32,
          N_("32-bit RISC-V hart (RV32IMAC, Zicsr, Zifencei), M/S/U modes, Sv32"));
RV_CLASS (mdl_riscv_rv64imac_class, "rv64imac", 64, rv64_regs, RV64_N_REGS, rv_init, rv64,
          N_("64-bit RISC-V hart (RV64IMAC, Zicsr, Zifencei), M/S/U modes, Sv39"));
RV_CLASS (mdl_riscv_rv32imafdc_class, "rv32imafdc", 32, rv32fd_regs, RV32FD_N_REGS, rv_init_fd,
          rv32fd, N_("32-bit RISC-V hart (RV32GC: IMAFDC, Zicsr, Zifencei), M/S/U modes, Sv32"));
RV_CLASS (mdl_riscv_rv64imafdc_class, "rv64imafdc", 64, rv64fd_regs, RV64FD_N_REGS, rv_init_fd,
          rv64fd, N_("64-bit RISC-V hart (RV64GC: IMAFDC, Zicsr, Zifencei), M/S/U modes, Sv39"));
