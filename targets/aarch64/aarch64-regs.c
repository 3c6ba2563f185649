/* The registers the views and the debugger see: x0-x30, sp (the current
 * stack pointer), pc, cpsr (PSTATE as SPSR holds it), then the banked
 * stack pointers and the EL1 system registers that matter when following
 * exceptions and translation (group "system"), then v0-v31 (128 bits:
 * reg_read gives bits 63:0, d0-d31, and reg_read_hi bits 127:64), fpsr and
 * fpcr (group "fp").
 *
 * Writes of system registers go through the same code as MSR, so that a
 * debugger's write to sctlr_el1 or ttbr0_el1 flushes what the guest's
 * would.
 */
#include "aarch64-cpu.h"

#define GPR(n)                                                                                     \
  {                                                                                                \
    "x" #n, NULL, 64, "general", false                                                             \
  }
#define SYS(n, ro)                                                                                 \
  {                                                                                                \
    n, NULL, 64, "system", ro                                                                      \
  }

/* clang-format off */
const MdlRegInfo a64_regs[A64_N_REGS] = {
  GPR (0), GPR (1), GPR (2), GPR (3), GPR (4), GPR (5), GPR (6), GPR (7),
  GPR (8), GPR (9), GPR (10), GPR (11), GPR (12), GPR (13), GPR (14), GPR (15),
  GPR (16), GPR (17), GPR (18), GPR (19), GPR (20), GPR (21), GPR (22), GPR (23),
  GPR (24), GPR (25), GPR (26), GPR (27), GPR (28),
  { "x29", "fp", 64, "general", false },
  { "x30", "lr", 64, "general", false },
  { "sp", NULL, 64, "general", false },
  { "pc", NULL, 64, "general", false },
  { "cpsr", "pstate", 32, "status", false },
  SYS ("sp_el0", false), SYS ("sp_el1", false),
  SYS ("elr_el1", false), SYS ("spsr_el1", false), SYS ("esr_el1", false),
  SYS ("far_el1", false), SYS ("vbar_el1", false), SYS ("sctlr_el1", false),
  SYS ("tcr_el1", false), SYS ("ttbr0_el1", false), SYS ("ttbr1_el1", false),
  SYS ("mair_el1", false), SYS ("tpidr_el0", false), SYS ("tpidr_el1", false),
  SYS ("cntvct_el0", true), SYS ("cntv_ctl_el0", false),
#define V(n) { "v" #n, NULL, 128, "fp", false }
  V (0), V (1), V (2), V (3), V (4), V (5), V (6), V (7), V (8), V (9), V (10), V (11),
  V (12), V (13), V (14), V (15), V (16), V (17), V (18), V (19), V (20), V (21), V (22),
  V (23), V (24), V (25), V (26), V (27), V (28), V (29), V (30), V (31),
#undef V
  { "fpsr", NULL, 32, "fp", false },
  { "fpcr", NULL, 32, "fp", false },
};
/* clang-format on */

/* The system registers after cpsr, by their MSR key (0: handled here). */
#define K(op0, op1, crn, crm, op2) A64_SYSREG_KEY (op0, op1, crn, crm, op2)
static const uint32_t sys_keys[] = {
  0,
  0,
  K (3, 0, 4, 0, 1),
  K (3, 0, 4, 0, 0),
  K (3, 0, 5, 2, 0),
  K (3, 0, 6, 0, 0),
  K (3, 0, 12, 0, 0),
  K (3, 0, 1, 0, 0),
  K (3, 0, 2, 0, 2),
  K (3, 0, 2, 0, 0),
  K (3, 0, 2, 0, 1),
  K (3, 0, 10, 2, 0),
  K (3, 3, 13, 0, 2),
  K (3, 0, 13, 0, 4),
  K (3, 3, 14, 0, 2),
  K (3, 3, 14, 3, 1),
};

/* v0-v31, fpsr, fpcr */
#define A64_REG_D0 (A64_REG_CPSR + 1 + G_N_ELEMENTS (sys_keys))
G_STATIC_ASSERT (A64_REG_D0 + 34 == A64_N_REGS);

/* Views read as EL1 would, whatever the core's EL. */
static bool
sys_as_el1 (A64Cpu *s, uint32_t key, bool write, uint64_t *v)
{
  unsigned el = s->el;
  bool ok;

  s->el = 1;
  ok = a64_sysreg_access (s, key, write, v);
  s->el = el;
  return ok;
}

uint64_t
a64_reg_read (MdlCpu *cpu, unsigned reg)
{
  A64Cpu *s = (A64Cpu *) cpu;
  uint64_t v = 0;

  if (reg <= A64_REG_SP)
    return s->x[reg];
  if (reg == A64_REG_PC)
    return s->pc;
  if (reg == A64_REG_CPSR)
    return a64_pstate (s);
  if (reg == A64_REG_CPSR + 1) /* sp_el0 */
    return (s->el == 0 || !s->spsel) ? s->x[31] : s->sp_el[0];
  if (reg == A64_REG_CPSR + 2)
    return (s->el == 1 && s->spsel) ? s->x[31] : s->sp_el[1];
  if (reg >= A64_REG_D0 && reg < A64_REG_D0 + 32)
    return s->v[reg - A64_REG_D0][0];
  if (reg == A64_REG_D0 + 32)
    return s->fpsr;
  if (reg == A64_REG_D0 + 33)
    return s->fpcr;
  if (reg < A64_N_REGS)
    sys_as_el1 (s, sys_keys[reg - A64_REG_CPSR - 1], false, &v);
  return v;
}

void
a64_reg_write (MdlCpu *cpu, unsigned reg, uint64_t value)
{
  A64Cpu *s = (A64Cpu *) cpu;

  if (reg <= A64_REG_SP)
    s->x[reg] = value;
  else if (reg == A64_REG_PC)
    s->pc = s->npc = value;
  else if (reg == A64_REG_CPSR) {
    unsigned el = s->el;
    s->el = 1; /* any mode a debugger asks for */
    if (!a64_set_pstate (s, value))
      s->el = el;
  } else if (reg == A64_REG_CPSR + 1) {
    if (s->el == 0 || !s->spsel)
      s->x[31] = value;
    else
      s->sp_el[0] = value;
  } else if (reg == A64_REG_CPSR + 2) {
    if (s->el == 1 && s->spsel)
      s->x[31] = value;
    else
      s->sp_el[1] = value;
  } else if (reg >= A64_REG_D0 && reg < A64_REG_D0 + 32)
    s->v[reg - A64_REG_D0][0] = value;
  else if (reg == A64_REG_D0 + 32)
    s->fpsr = (uint32_t) value & 0xf800009fu;
  else if (reg == A64_REG_D0 + 33)
    s->fpcr = (uint32_t) value & 0x07c00000u;
  else if (reg < A64_N_REGS)
    sys_as_el1 (s, sys_keys[reg - A64_REG_CPSR - 1], true, &value);
  s->check = true;
}

uint64_t
a64_reg_read_hi (MdlCpu *cpu, unsigned reg)
{
  A64Cpu *s = (A64Cpu *) cpu;

  if (reg >= A64_REG_D0 && reg < A64_REG_D0 + 32)
    return s->v[reg - A64_REG_D0][1];
  return 0;
}

void
a64_reg_write_hi (MdlCpu *cpu, unsigned reg, uint64_t value)
{
  A64Cpu *s = (A64Cpu *) cpu;

  if (reg >= A64_REG_D0 && reg < A64_REG_D0 + 32)
    s->v[reg - A64_REG_D0][1] = value;
}
