/* The registers the views and the debugger see: r0-r12, sp (the active
 * stack pointer), lr, pc, xpsr, then the banked stack pointers and the
 * special registers (group "system"); the Cortex-M4F adds its FPU's
 * d0-d15 (each a pair of singles, s2n in the low half) and FPSCR (group
 * "fp"), as GDB's org.gnu.gdb.arm.vfp feature has them.
 *
 * Writes go through the same helpers as MSR, so that a debugger write to
 * CONTROL switches stacks as the guest's would.
 */
#include "arm-cpu.h"

#define GPR(n)                                                                                     \
  {                                                                                                \
    "r" #n, NULL, 32, "general", false                                                             \
  }

/* Every M-profile core's registers: the table's first ARM_N_REGS rows. */
/* clang-format off */
#define CORE_REGS                                                                                  \
  GPR (0), GPR (1), GPR (2), GPR (3), GPR (4), GPR (5), GPR (6), GPR (7),                          \
  GPR (8), GPR (9), GPR (10), GPR (11), GPR (12),                                                  \
  { "sp", "r13", 32, "general", false },                                                           \
  { "lr", "r14", 32, "general", false },                                                           \
  { "pc", "r15", 32, "general", false },                                                           \
  { "xpsr", NULL, 32, "general", false },                                                          \
  { "msp", NULL, 32, "system", false },                                                            \
  { "psp", NULL, 32, "system", false },                                                            \
  { "primask", NULL, 32, "system", false },                                                        \
  { "basepri", NULL, 32, "system", false },                                                        \
  { "faultmask", NULL, 32, "system", false },                                                      \
  { "control", NULL, 32, "system", false }

const MdlRegInfo arm_regs[ARM_N_REGS] = { CORE_REGS };
/* clang-format on */

enum {
  REG_XPSR = 16,
  REG_MSP,
  REG_PSP,
  REG_PRIMASK,
  REG_BASEPRI,
  REG_FAULTMASK,
  REG_CONTROL,
};

G_STATIC_ASSERT (REG_CONTROL + 1 == ARM_N_REGS);

#define DREG(n)                                                                                    \
  {                                                                                                \
    "d" #n, NULL, 64, "fp", false                                                                  \
  }

/* clang-format off */
const MdlRegInfo arm_fpu_regs[ARM_N_FPU_REGS] = {
  CORE_REGS,
  DREG (0), DREG (1), DREG (2), DREG (3), DREG (4), DREG (5), DREG (6), DREG (7),
  DREG (8), DREG (9), DREG (10), DREG (11), DREG (12), DREG (13), DREG (14), DREG (15),
  { "fpscr", NULL, 32, "fp", false },
};
/* clang-format on */

#define REG_D0    ARM_N_REGS
#define REG_FPSCR (ARM_N_REGS + 16)
G_STATIC_ASSERT (REG_FPSCR + 1 == ARM_N_FPU_REGS);

/* xPSR: the APSR flags, the Thumb bit of EPSR and IPSR's exception number. */
static const MdlRegFlag arm_xpsr_flags[] = {
  { "N", 31, 31 }, { "Z", 30, 30 }, { "C", 29, 29 }, { "V", 28, 28 },
  { "Q", 27, 27 }, { "T", 24, 24 }, { "exception", 0, 8 },
};

const MdlFlagsReg arm_flags_reg = { REG_XPSR, arm_xpsr_flags, G_N_ELEMENTS (arm_xpsr_flags) };

uint64_t
arm_reg_read (MdlCpu *cpu, unsigned reg)
{
  ArmCpu *s = (ArmCpu *) cpu;

  if (reg < 15)
    return s->r[reg];
  switch (reg) {
  case ARM_REG_PC: return s->pc;
  case REG_XPSR: return arm_xpsr (s);
  case REG_MSP: return arm_get_msp (s);
  case REG_PSP: return arm_get_psp (s);
  case REG_PRIMASK: return s->primask;
  case REG_BASEPRI: return s->basepri;
  case REG_FAULTMASK: return s->faultmask;
  case REG_CONTROL: return s->control;
  case REG_FPSCR: return s->has_fpu ? s->fpscr : 0;
  default:
    if (s->has_fpu && reg >= REG_D0 && reg < REG_FPSCR)
      return s->sreg[2 * (reg - REG_D0)] | (uint64_t) s->sreg[2 * (reg - REG_D0) + 1] << 32;
    g_return_val_if_fail (reg < cpu->cls->n_regs, 0);
    return 0;
  }
}

void
arm_reg_write (MdlCpu *cpu, unsigned reg, uint64_t value)
{
  ArmCpu *s = (ArmCpu *) cpu;
  uint32_t v = (uint32_t) value;

  if (reg == 13)
    s->r[13] = v & ~3u;
  else if (reg < 15)
    s->r[reg] = v;
  else
    switch (reg) {
    case ARM_REG_PC: s->pc = v & ~1u; break;
    case REG_XPSR:
      /* Flags and IT state; the exception number follows the core. */
      arm_set_apsr (s, v);
      s->itstate = s->profile == ARM_V7M ? ((v >> 25) & 3) | ((v >> 10) & 0x3f) << 2 : 0;
      break;
    case REG_MSP: arm_set_msp (s, v); break;
    case REG_PSP: arm_set_psp (s, v); break;
    case REG_PRIMASK: s->primask = v & 1; break;
    case REG_BASEPRI:
      if (s->profile == ARM_V7M)
        s->basepri = v & 0xff;
      break;
    case REG_FAULTMASK:
      if (s->profile == ARM_V7M)
        s->faultmask = v & 1;
      break;
    case REG_CONTROL: arm_set_control (s, v); break;
    case REG_FPSCR:
      if (s->has_fpu)
        s->fpscr = v & 0xf7c0009fu;   /* what vmsr keeps */
      break;
    default:
      if (s->has_fpu && reg >= REG_D0 && reg < REG_FPSCR) {
        s->sreg[2 * (reg - REG_D0)] = v;
        s->sreg[2 * (reg - REG_D0) + 1] = (uint32_t) (value >> 32);
        break;
      }
      g_return_if_fail (reg < cpu->cls->n_regs);
      break;
    }
}
