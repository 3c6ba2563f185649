/* The registers the views and the debugger see: x0..x31 with their ABI
 * names, the pc, then the machine-mode CSRs (group "csr"); with F and D
 * then f0..f31 (64 bits whatever XLEN is: FLEN 64, single values NaN-
 * boxed) and fflags, frm, fcsr (group "fpu").
 *
 * CSRs are read and written through riscv-csr.c, so that a debugger write
 * obeys the same WARL rules as the guest.  fflags, frm and fcsr are read
 * and written directly: the debugger sees them even while mstatus.FS is
 * Off, when the guest may not.
 */
#include "riscv-cpu.h"

const char *const rv_abi_names[32] = {
  "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
  "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
  "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
  "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

const char *const rv_fpr_abi_names[32] = {
  "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7",
  "fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
  "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7",
  "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

#define GPR(n, alias, bits) { "x" #n, alias, bits, "general", false }
#define GPRS(bits) \
  { "x0", "zero", bits, "general", true }, \
  GPR (1, "ra", bits),   GPR (2, "sp", bits),   GPR (3, "gp", bits), \
  GPR (4, "tp", bits),   GPR (5, "t0", bits),   GPR (6, "t1", bits), \
  GPR (7, "t2", bits),   GPR (8, "s0", bits),   GPR (9, "s1", bits), \
  GPR (10, "a0", bits),  GPR (11, "a1", bits),  GPR (12, "a2", bits), \
  GPR (13, "a3", bits),  GPR (14, "a4", bits),  GPR (15, "a5", bits), \
  GPR (16, "a6", bits),  GPR (17, "a7", bits),  GPR (18, "s2", bits), \
  GPR (19, "s3", bits),  GPR (20, "s4", bits),  GPR (21, "s5", bits), \
  GPR (22, "s6", bits),  GPR (23, "s7", bits),  GPR (24, "s8", bits), \
  GPR (25, "s9", bits),  GPR (26, "s10", bits), GPR (27, "s11", bits), \
  GPR (28, "t3", bits),  GPR (29, "t4", bits),  GPR (30, "t5", bits), \
  GPR (31, "t6", bits), \
  { "pc", NULL, bits, "general", false }

#define CSR(name, bits, ro) { name, NULL, bits, "csr", ro }
#define CSRS(bits) \
  CSR ("mstatus", bits, false),   CSR ("misa", bits, true), \
  CSR ("mvendorid", 32, true),    CSR ("marchid", bits, true), \
  CSR ("mimpid", bits, true),     CSR ("mhartid", bits, true), \
  CSR ("mtvec", bits, false),     CSR ("mscratch", bits, false), \
  CSR ("mepc", bits, false),      CSR ("mcause", bits, false), \
  CSR ("mtval", bits, false),     CSR ("mie", bits, false), \
  CSR ("mip", bits, true),        CSR ("mcycle", bits, false), \
  CSR ("minstret", bits, false)

#define FPR(n, alias) { "f" #n, alias, 64, "fpu", false }
#define FPRS \
  FPR (0, "ft0"),   FPR (1, "ft1"),   FPR (2, "ft2"),   FPR (3, "ft3"), \
  FPR (4, "ft4"),   FPR (5, "ft5"),   FPR (6, "ft6"),   FPR (7, "ft7"), \
  FPR (8, "fs0"),   FPR (9, "fs1"),   FPR (10, "fa0"),  FPR (11, "fa1"), \
  FPR (12, "fa2"),  FPR (13, "fa3"),  FPR (14, "fa4"),  FPR (15, "fa5"), \
  FPR (16, "fa6"),  FPR (17, "fa7"),  FPR (18, "fs2"),  FPR (19, "fs3"), \
  FPR (20, "fs4"),  FPR (21, "fs5"),  FPR (22, "fs6"),  FPR (23, "fs7"), \
  FPR (24, "fs8"),  FPR (25, "fs9"),  FPR (26, "fs10"), FPR (27, "fs11"), \
  FPR (28, "ft8"),  FPR (29, "ft9"),  FPR (30, "ft10"), FPR (31, "ft11"), \
  { "fflags", NULL, 32, "fpu", false }, \
  { "frm", NULL, 32, "fpu", false }, \
  { "fcsr", NULL, 32, "fpu", false }

/* The CSR numbers of the "csr" rows, in table order (the RV32 table has
 * the two high halves more). */
static const unsigned rv_reg_csrs[] = {
  0x300, 0x301, 0xf11, 0xf12, 0xf13, 0xf14, 0x305, 0x340, 0x341, 0x342,
  0x343, 0x304, 0x344, 0xb00, 0xb02, 0xb80, 0xb82,
};

const MdlRegInfo rv32_regs[RV32_N_REGS] = {
  GPRS (32),
  CSRS (32),
  CSR ("mcycleh", 32, false),
  CSR ("minstreth", 32, false),
};

const MdlRegInfo rv64_regs[RV64_N_REGS] = {
  GPRS (64),
  CSRS (64),
};

const MdlRegInfo rv32fd_regs[RV32FD_N_REGS] = {
  GPRS (32),
  CSRS (32),
  CSR ("mcycleh", 32, false),
  CSR ("minstreth", 32, false),
  FPRS,
};

const MdlRegInfo rv64fd_regs[RV64FD_N_REGS] = {
  GPRS (64),
  CSRS (64),
  FPRS,
};

#define RV_REG_FIRST_CSR (RV_REG_PC + 1)

G_STATIC_ASSERT (RV32_N_REGS == RV_REG_FIRST_CSR + G_N_ELEMENTS (rv_reg_csrs));

/* Where the f registers start in the class's table. */
static unsigned
rv_reg_first_fp (const RvCpu *s)
{
  return s->xlen == 32 ? RV32_N_REGS : RV64_N_REGS;
}

uint64_t
rv_reg_read (MdlCpu *cpu, unsigned reg)
{
  RvCpu *s = (RvCpu *) cpu;
  uint64_t value = 0;
  unsigned fp = rv_reg_first_fp (s);

  if (reg < 32)
    return s->x[reg];
  if (reg == RV_REG_PC)
    return s->pc;
  g_return_val_if_fail (reg < cpu->cls->n_regs, 0);
  if (reg >= fp) {
    reg -= fp;
    if (reg < 32)
      return s->f[reg];
    return reg == 32 ? s->fflags : reg == 33 ? s->frm
                                             : (unsigned) s->frm << 5 | s->fflags;
  }
  rv_csr_read (s, rv_reg_csrs[reg - RV_REG_FIRST_CSR], &value);
  return value;
}

void
rv_reg_write (MdlCpu *cpu, unsigned reg, uint64_t value)
{
  RvCpu *s = (RvCpu *) cpu;
  unsigned fp = rv_reg_first_fp (s);

  if (reg >= fp && reg < cpu->cls->n_regs) {
    reg -= fp;
    if (reg < 32)
      s->f[reg] = value;
    if (reg == 32 || reg == 34)
      s->fflags = value & 0x1f;
    if (reg == 33)
      s->frm = value & 7;
    if (reg == 34)
      s->frm = (value >> 5) & 7;
    return;
  }
  value &= rv_xmask (s);
  if (reg == 0)
    return;
  if (reg < 32)
    s->x[reg] = value;
  else if (reg == RV_REG_PC)
    s->pc = value & ~UINT64_C (1);
  else {
    g_return_if_fail (reg < cpu->cls->n_regs);
    /* Read-only CSRs are refused there; a debugger write retires
     * nothing. */
    rv_csr_write (s, rv_reg_csrs[reg - RV_REG_FIRST_CSR], value, 0);
  }
}
