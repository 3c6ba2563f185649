/* The registers the views and the debugger see: x0..x31 with their ABI
 * names, the pc, then the machine-mode CSRs (group "csr").
 *
 * CSRs are read and written through riscv-csr.c, so that a debugger write
 * obeys the same WARL rules as the guest.
 */
#include "riscv-cpu.h"

const char *const rv_abi_names[32] = {
  "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
  "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
  "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
  "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
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

#define RV_REG_FIRST_CSR (RV_REG_PC + 1)

G_STATIC_ASSERT (RV32_N_REGS == RV_REG_FIRST_CSR + G_N_ELEMENTS (rv_reg_csrs));

uint64_t
rv_reg_read (MdlCpu *cpu, unsigned reg)
{
  RvCpu *s = (RvCpu *) cpu;
  uint64_t value = 0;

  if (reg < 32)
    return s->x[reg];
  if (reg == RV_REG_PC)
    return s->pc;
  g_return_val_if_fail (reg < cpu->cls->n_regs, 0);
  rv_csr_read (s, rv_reg_csrs[reg - RV_REG_FIRST_CSR], &value);
  return value;
}

void
rv_reg_write (MdlCpu *cpu, unsigned reg, uint64_t value)
{
  RvCpu *s = (RvCpu *) cpu;

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
