/* The Thumb decode description: one table of 16-bit encodings and one of
 * 32-bit encodings, for ARMv6-M and ARMv7-M together.
 *
 * Everything that needs to know what an instruction is reads these
 * tables: the decode cache of the run loop (arm-exec.c), the disassembler
 * (arm-disas.c) and the unit tests.  Each row names the profiles that have
 * it; a row missing from the core's profile does not match, so the
 * instruction is UNDEFINED there (ARMv6-M has all of the 16-bit set but
 * CBZ/CBNZ and IT, and of the 32-bit set only BL, MSR, MRS, the barriers
 * and UDF.W).
 *
 * Encodings are those of the ARMv6-M and ARMv7-M Architecture Reference
 * Manuals (chapter "Thumb instruction set encoding").  A 32-bit
 * instruction is handled as hw1 << 16 | hw2, the order in which its
 * halfwords sit in memory.  Within a table the first matching row wins,
 * so a specific row (TST is AND with Rd == 15 and S set) precedes the
 * general one.
 */
#include "arm-cpu.h"

#include <string.h>

#define S20  ARM_F_S_BIT20
#define SNIT ARM_F_S_NOT_IT
#define SALW ARM_F_S_ALWAYS
#define W    ARM_F_WIDE
#define N    ARM_F_NARROW
#define NORT ARM_F_NO_RT

/* clang-format off */
static const ArmOpcode arm_opcodes16[] = {
  /* mask    match   op               name     format                  profiles flags */
  /* Shift (immediate), add, subtract, move, compare. LSL #0 is MOVS. */
  { 0xffc0, 0x0000, ARM_OP_MOV,     "mov",   ARM_FMT_T16_MOVS,      ARM_ANY, SNIT },
  { 0xf800, 0x0000, ARM_OP_MOV,     "lsl",   ARM_FMT_T16_SHIFT_IMM, ARM_ANY, SNIT },
  { 0xf800, 0x0800, ARM_OP_MOV,     "lsr",   ARM_FMT_T16_SHIFT_IMM, ARM_ANY, SNIT },
  { 0xf800, 0x1000, ARM_OP_MOV,     "asr",   ARM_FMT_T16_SHIFT_IMM, ARM_ANY, SNIT },
  { 0xfe00, 0x1800, ARM_OP_ADD,     "add",   ARM_FMT_T16_RRR,       ARM_ANY, SNIT },
  { 0xfe00, 0x1a00, ARM_OP_SUB,     "sub",   ARM_FMT_T16_RRR,       ARM_ANY, SNIT },
  { 0xfe00, 0x1c00, ARM_OP_ADD,     "add",   ARM_FMT_T16_RRI3,      ARM_ANY, SNIT },
  { 0xfe00, 0x1e00, ARM_OP_SUB,     "sub",   ARM_FMT_T16_RRI3,      ARM_ANY, SNIT },
  { 0xf800, 0x2000, ARM_OP_MOV,     "mov",   ARM_FMT_T16_RI8,       ARM_ANY, SNIT },
  { 0xf800, 0x2800, ARM_OP_CMP,     "cmp",   ARM_FMT_T16_RI8,       ARM_ANY, SALW },
  { 0xf800, 0x3000, ARM_OP_ADD,     "add",   ARM_FMT_T16_RI8,       ARM_ANY, SNIT },
  { 0xf800, 0x3800, ARM_OP_SUB,     "sub",   ARM_FMT_T16_RI8,       ARM_ANY, SNIT },
  /* Data processing on low registers. */
  { 0xffc0, 0x4000, ARM_OP_AND,     "and",   ARM_FMT_T16_DP,        ARM_ANY, SNIT },
  { 0xffc0, 0x4040, ARM_OP_EOR,     "eor",   ARM_FMT_T16_DP,        ARM_ANY, SNIT },
  { 0xffc0, 0x4080, ARM_OP_LSL_R,   "lsl",   ARM_FMT_T16_DP,        ARM_ANY, SNIT },
  { 0xffc0, 0x40c0, ARM_OP_LSR_R,   "lsr",   ARM_FMT_T16_DP,        ARM_ANY, SNIT },
  { 0xffc0, 0x4100, ARM_OP_ASR_R,   "asr",   ARM_FMT_T16_DP,        ARM_ANY, SNIT },
  { 0xffc0, 0x4140, ARM_OP_ADC,     "adc",   ARM_FMT_T16_DP,        ARM_ANY, SNIT },
  { 0xffc0, 0x4180, ARM_OP_SBC,     "sbc",   ARM_FMT_T16_DP,        ARM_ANY, SNIT },
  { 0xffc0, 0x41c0, ARM_OP_ROR_R,   "ror",   ARM_FMT_T16_DP,        ARM_ANY, SNIT },
  { 0xffc0, 0x4200, ARM_OP_TST,     "tst",   ARM_FMT_T16_DP,        ARM_ANY, SALW },
  { 0xffc0, 0x4240, ARM_OP_RSB,     "neg",   ARM_FMT_T16_NEG,       ARM_ANY, SNIT },
  { 0xffc0, 0x4280, ARM_OP_CMP,     "cmp",   ARM_FMT_T16_DP,        ARM_ANY, SALW },
  { 0xffc0, 0x42c0, ARM_OP_CMN,     "cmn",   ARM_FMT_T16_DP,        ARM_ANY, SALW },
  { 0xffc0, 0x4300, ARM_OP_ORR,     "orr",   ARM_FMT_T16_DP,        ARM_ANY, SNIT },
  { 0xffc0, 0x4340, ARM_OP_MUL,     "mul",   ARM_FMT_T16_DP,        ARM_ANY, SNIT },
  { 0xffc0, 0x4380, ARM_OP_BIC,     "bic",   ARM_FMT_T16_DP,        ARM_ANY, SNIT },
  { 0xffc0, 0x43c0, ARM_OP_MVN,     "mvn",   ARM_FMT_T16_DP,        ARM_ANY, SNIT },
  /* Special data instructions and branch and exchange. */
  { 0xff00, 0x4400, ARM_OP_ADD,     "add",   ARM_FMT_T16_HI,        ARM_ANY, 0 },
  { 0xff00, 0x4500, ARM_OP_CMP,     "cmp",   ARM_FMT_T16_HI,        ARM_ANY, SALW },
  { 0xff00, 0x4600, ARM_OP_MOV,     "mov",   ARM_FMT_T16_HI,        ARM_ANY, 0 },
  { 0xff87, 0x4700, ARM_OP_BX,      "bx",    ARM_FMT_T16_BX,        ARM_ANY, 0 },
  { 0xff87, 0x4780, ARM_OP_BLX,     "blx",   ARM_FMT_T16_BX,        ARM_ANY, 0 },
  /* Loads and stores. */
  { 0xf800, 0x4800, ARM_OP_LDR,     "ldr",   ARM_FMT_T16_LDR_LIT,   ARM_ANY, 0 },
  { 0xfe00, 0x5000, ARM_OP_STR,     "str",   ARM_FMT_T16_LS_REG,    ARM_ANY, 0 },
  { 0xfe00, 0x5200, ARM_OP_STRH,    "strh",  ARM_FMT_T16_LS_REG,    ARM_ANY, 0 },
  { 0xfe00, 0x5400, ARM_OP_STRB,    "strb",  ARM_FMT_T16_LS_REG,    ARM_ANY, 0 },
  { 0xfe00, 0x5600, ARM_OP_LDRSB,   "ldrsb", ARM_FMT_T16_LS_REG,    ARM_ANY, 0 },
  { 0xfe00, 0x5800, ARM_OP_LDR,     "ldr",   ARM_FMT_T16_LS_REG,    ARM_ANY, 0 },
  { 0xfe00, 0x5a00, ARM_OP_LDRH,    "ldrh",  ARM_FMT_T16_LS_REG,    ARM_ANY, 0 },
  { 0xfe00, 0x5c00, ARM_OP_LDRB,    "ldrb",  ARM_FMT_T16_LS_REG,    ARM_ANY, 0 },
  { 0xfe00, 0x5e00, ARM_OP_LDRSH,   "ldrsh", ARM_FMT_T16_LS_REG,    ARM_ANY, 0 },
  { 0xf800, 0x6000, ARM_OP_STR,     "str",   ARM_FMT_T16_LS_IMM,    ARM_ANY, 0 },
  { 0xf800, 0x6800, ARM_OP_LDR,     "ldr",   ARM_FMT_T16_LS_IMM,    ARM_ANY, 0 },
  { 0xf800, 0x7000, ARM_OP_STRB,    "strb",  ARM_FMT_T16_LS_IMM,    ARM_ANY, 0 },
  { 0xf800, 0x7800, ARM_OP_LDRB,    "ldrb",  ARM_FMT_T16_LS_IMM,    ARM_ANY, 0 },
  { 0xf800, 0x8000, ARM_OP_STRH,    "strh",  ARM_FMT_T16_LS_IMM,    ARM_ANY, 0 },
  { 0xf800, 0x8800, ARM_OP_LDRH,    "ldrh",  ARM_FMT_T16_LS_IMM,    ARM_ANY, 0 },
  { 0xf800, 0x9000, ARM_OP_STR,     "str",   ARM_FMT_T16_LS_SP,     ARM_ANY, 0 },
  { 0xf800, 0x9800, ARM_OP_LDR,     "ldr",   ARM_FMT_T16_LS_SP,     ARM_ANY, 0 },
  /* PC- and SP-relative addresses. */
  { 0xf800, 0xa000, ARM_OP_ADR,     "add",   ARM_FMT_T16_ADR,       ARM_ANY, 0 },
  { 0xf800, 0xa800, ARM_OP_ADD,     "add",   ARM_FMT_T16_ADD_SP,    ARM_ANY, 0 },
  /* Miscellaneous 16-bit instructions. */
  { 0xff80, 0xb000, ARM_OP_ADD,     "add",   ARM_FMT_T16_SP_IMM7,   ARM_ANY, 0 },
  { 0xff80, 0xb080, ARM_OP_SUB,     "sub",   ARM_FMT_T16_SP_IMM7,   ARM_ANY, 0 },
  { 0xfd00, 0xb100, ARM_OP_CBZ,     "cbz",   ARM_FMT_T16_CBZ,       ARM_V7M, 0 },
  { 0xfd00, 0xb900, ARM_OP_CBNZ,    "cbnz",  ARM_FMT_T16_CBZ,       ARM_V7M, 0 },
  { 0xffc0, 0xb200, ARM_OP_SXTH,    "sxth",  ARM_FMT_T16_RR,        ARM_ANY, 0 },
  { 0xffc0, 0xb240, ARM_OP_SXTB,    "sxtb",  ARM_FMT_T16_RR,        ARM_ANY, 0 },
  { 0xffc0, 0xb280, ARM_OP_UXTH,    "uxth",  ARM_FMT_T16_RR,        ARM_ANY, 0 },
  { 0xffc0, 0xb2c0, ARM_OP_UXTB,    "uxtb",  ARM_FMT_T16_RR,        ARM_ANY, 0 },
  { 0xfe00, 0xb400, ARM_OP_STMDB,   "push",  ARM_FMT_T16_PUSH,      ARM_ANY, 0 },
  { 0xffef, 0xb662, ARM_OP_CPS,     "cps",   ARM_FMT_T16_CPS,       ARM_ANY, 0 },
  { 0xffec, 0xb660, ARM_OP_CPS,     "cps",   ARM_FMT_T16_CPS,       ARM_V7M, 0 },
  { 0xffc0, 0xba00, ARM_OP_REV,     "rev",   ARM_FMT_T16_RR,        ARM_ANY, 0 },
  { 0xffc0, 0xba40, ARM_OP_REV16,   "rev16", ARM_FMT_T16_RR,        ARM_ANY, 0 },
  { 0xffc0, 0xbac0, ARM_OP_REVSH,   "revsh", ARM_FMT_T16_RR,        ARM_ANY, 0 },
  { 0xfe00, 0xbc00, ARM_OP_LDM,     "pop",   ARM_FMT_T16_POP,       ARM_ANY, 0 },
  { 0xff00, 0xbe00, ARM_OP_BKPT,    "bkpt",  ARM_FMT_T16_BKPT,      ARM_ANY, 0 },
  /* If-then and hints: IT needs a non-zero mask, hints have one of 0. */
  { 0xffff, 0xbf00, ARM_OP_NOP,     "nop",   ARM_FMT_NONE,          ARM_ANY, 0 },
  { 0xffff, 0xbf10, ARM_OP_YIELD,   "yield", ARM_FMT_NONE,          ARM_ANY, 0 },
  { 0xffff, 0xbf20, ARM_OP_WFE,     "wfe",   ARM_FMT_NONE,          ARM_ANY, 0 },
  { 0xffff, 0xbf30, ARM_OP_WFI,     "wfi",   ARM_FMT_NONE,          ARM_ANY, 0 },
  { 0xffff, 0xbf40, ARM_OP_SEV,     "sev",   ARM_FMT_NONE,          ARM_ANY, 0 },
  { 0xff0f, 0xbf00, ARM_OP_NOP,     "nop",   ARM_FMT_NONE,          ARM_V7M, 0 },
  { 0xff00, 0xbf00, ARM_OP_IT,      "it",    ARM_FMT_T16_IT,        ARM_V7M, 0 },
  /* Load and store multiple. */
  { 0xf800, 0xc000, ARM_OP_STM,     "stmia", ARM_FMT_T16_LDSTM,     ARM_ANY, 0 },
  { 0xf800, 0xc800, ARM_OP_LDM,     "ldmia", ARM_FMT_T16_LDSTM,     ARM_ANY, 0 },
  /* Conditional branch, UDF, SVC, unconditional branch. */
  { 0xff00, 0xde00, ARM_OP_UDF,     "udf",   ARM_FMT_T16_UDF,       ARM_ANY, 0 },
  { 0xff00, 0xdf00, ARM_OP_SVC,     "svc",   ARM_FMT_T16_SVC,       ARM_ANY, 0 },
  { 0xf000, 0xd000, ARM_OP_BCOND,   "b",     ARM_FMT_T16_BCOND,     ARM_ANY, N },
  { 0xf800, 0xe000, ARM_OP_B,       "b",     ARM_FMT_T16_B,         ARM_ANY, N },
};
/* clang-format on */

/* clang-format off */
static const ArmOpcode arm_opcodes32[] = {
  /* mask        match       op               name       format                 profiles flags */
  /* ---- the FPv4-SP FPU (the M4F): coprocessors 10 and 11 ---- */
  { 0xffe00fd0, 0xec400a10, ARM_OP_VMOV2,   "vmov",    ARM_FMT_VFP,           ARM_FPU, 0 },
  { 0xffe00fd0, 0xec400b10, ARM_OP_VMOV2,   "vmov",    ARM_FMT_VFP,           ARM_FPU, 0 },
  { 0xff300e00, 0xed100a00, ARM_OP_VLDST,   "vldr",    ARM_FMT_VFP,           ARM_FPU, 0 },
  { 0xff300e00, 0xed000a00, ARM_OP_VLDST,   "vstr",    ARM_FMT_VFP,           ARM_FPU, 0 },
  { 0xfe100e00, 0xec100a00, ARM_OP_VLDST,   "vldm",    ARM_FMT_VFP,           ARM_FPU, 0 },
  { 0xfe100e00, 0xec000a00, ARM_OP_VLDST,   "vstm",    ARM_FMT_VFP,           ARM_FPU, 0 },
  { 0xff000e10, 0xee000a00, ARM_OP_VDP,     "vfp",     ARM_FMT_VFP,           ARM_FPU, 0 },
  { 0xff000e10, 0xee000a10, ARM_OP_VXFER,   "vmov",    ARM_FMT_VFP,           ARM_FPU, 0 },
  /* ---- the DSP extension (the M4): before everything, as these rows
   * match only on a core that has it ---- */
  /* Parallel add and subtract: op1 in hw1[6:4], U in hw2[6], op2 in hw2[5:4]. */
  { 0xfff0f0f0, 0xfa80f000, ARM_OP_PAR,     "sadd8",   ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfa90f000, ARM_OP_PAR,     "sadd16",  ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfaa0f000, ARM_OP_PAR,     "sasx",    ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfac0f000, ARM_OP_PAR,     "ssub8",   ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfad0f000, ARM_OP_PAR,     "ssub16",  ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfae0f000, ARM_OP_PAR,     "ssax",    ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfa80f010, ARM_OP_PAR,     "qadd8",   ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfa90f010, ARM_OP_PAR,     "qadd16",  ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfaa0f010, ARM_OP_PAR,     "qasx",    ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfac0f010, ARM_OP_PAR,     "qsub8",   ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfad0f010, ARM_OP_PAR,     "qsub16",  ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfae0f010, ARM_OP_PAR,     "qsax",    ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfa80f020, ARM_OP_PAR,     "shadd8",  ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfa90f020, ARM_OP_PAR,     "shadd16", ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfaa0f020, ARM_OP_PAR,     "shasx",   ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfac0f020, ARM_OP_PAR,     "shsub8",  ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfad0f020, ARM_OP_PAR,     "shsub16", ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfae0f020, ARM_OP_PAR,     "shsax",   ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfa80f040, ARM_OP_PAR,     "uadd8",   ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfa90f040, ARM_OP_PAR,     "uadd16",  ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfaa0f040, ARM_OP_PAR,     "uasx",    ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfac0f040, ARM_OP_PAR,     "usub8",   ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfad0f040, ARM_OP_PAR,     "usub16",  ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfae0f040, ARM_OP_PAR,     "usax",    ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfa80f050, ARM_OP_PAR,     "uqadd8",  ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfa90f050, ARM_OP_PAR,     "uqadd16", ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfaa0f050, ARM_OP_PAR,     "uqasx",   ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfac0f050, ARM_OP_PAR,     "uqsub8",  ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfad0f050, ARM_OP_PAR,     "uqsub16", ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfae0f050, ARM_OP_PAR,     "uqsax",   ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfa80f060, ARM_OP_PAR,     "uhadd8",  ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfa90f060, ARM_OP_PAR,     "uhadd16", ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfaa0f060, ARM_OP_PAR,     "uhasx",   ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfac0f060, ARM_OP_PAR,     "uhsub8",  ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfad0f060, ARM_OP_PAR,     "uhsub16", ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfae0f060, ARM_OP_PAR,     "uhsax",   ARM_FMT_RRR,           ARM_DSP, 0 },
  /* Saturating add and subtract, select. */
  { 0xfff0f0f0, 0xfa80f080, ARM_OP_QADDSUB, "qadd",    ARM_FMT_QADD,          ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfa80f090, ARM_OP_QADDSUB, "qdadd",   ARM_FMT_QADD,          ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfa80f0a0, ARM_OP_QADDSUB, "qsub",    ARM_FMT_QADD,          ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfa80f0b0, ARM_OP_QADDSUB, "qdsub",   ARM_FMT_QADD,          ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfaa0f080, ARM_OP_SEL,     "sel",     ARM_FMT_RRR,           ARM_DSP, 0 },
  /* Extend (and add): Rn = 15 is the plain extend, the base rows' own. */
  { 0xfffff0c0, 0xfa0ff080, ARM_OP_SXTH,    "sxth",    ARM_FMT_EXTEND,        ARM_DSP, W },
  { 0xfffff0c0, 0xfa1ff080, ARM_OP_UXTH,    "uxth",    ARM_FMT_EXTEND,        ARM_DSP, W },
  { 0xfffff0c0, 0xfa4ff080, ARM_OP_SXTB,    "sxtb",    ARM_FMT_EXTEND,        ARM_DSP, W },
  { 0xfffff0c0, 0xfa5ff080, ARM_OP_UXTB,    "uxtb",    ARM_FMT_EXTEND,        ARM_DSP, W },
  { 0xfffff0c0, 0xfa2ff080, ARM_OP_XTA,     "sxtb16",  ARM_FMT_EXTEND,        ARM_DSP, 0 },
  { 0xfffff0c0, 0xfa3ff080, ARM_OP_XTA,     "uxtb16",  ARM_FMT_EXTEND,        ARM_DSP, 0 },
  { 0xfff0f0c0, 0xfa00f080, ARM_OP_XTA,     "sxtah",   ARM_FMT_EXTEND_ADD,    ARM_DSP, 0 },
  { 0xfff0f0c0, 0xfa10f080, ARM_OP_XTA,     "uxtah",   ARM_FMT_EXTEND_ADD,    ARM_DSP, 0 },
  { 0xfff0f0c0, 0xfa20f080, ARM_OP_XTA,     "sxtab16", ARM_FMT_EXTEND_ADD,    ARM_DSP, 0 },
  { 0xfff0f0c0, 0xfa30f080, ARM_OP_XTA,     "uxtab16", ARM_FMT_EXTEND_ADD,    ARM_DSP, 0 },
  { 0xfff0f0c0, 0xfa40f080, ARM_OP_XTA,     "sxtab",   ARM_FMT_EXTEND_ADD,    ARM_DSP, 0 },
  { 0xfff0f0c0, 0xfa50f080, ARM_OP_XTA,     "uxtab",   ARM_FMT_EXTEND_ADD,    ARM_DSP, 0 },
  /* Halfword multiplies; Ra = 15 is the form without accumulate. */
  { 0xfff0f0f0, 0xfb10f000, ARM_OP_SMULXY,  "smulbb",  ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff000f0, 0xfb100000, ARM_OP_SMULXY,  "smlabb",  ARM_FMT_MLA,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfb10f010, ARM_OP_SMULXY,  "smulbt",  ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff000f0, 0xfb100010, ARM_OP_SMULXY,  "smlabt",  ARM_FMT_MLA,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfb10f020, ARM_OP_SMULXY,  "smultb",  ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff000f0, 0xfb100020, ARM_OP_SMULXY,  "smlatb",  ARM_FMT_MLA,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfb10f030, ARM_OP_SMULXY,  "smultt",  ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff000f0, 0xfb100030, ARM_OP_SMULXY,  "smlatt",  ARM_FMT_MLA,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfb30f000, ARM_OP_SMULWY,  "smulwb",  ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff000f0, 0xfb300000, ARM_OP_SMULWY,  "smlawb",  ARM_FMT_MLA,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfb30f010, ARM_OP_SMULWY,  "smulwt",  ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff000f0, 0xfb300010, ARM_OP_SMULWY,  "smlawt",  ARM_FMT_MLA,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfb20f000, ARM_OP_SMUAD,   "smuad",   ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff000f0, 0xfb200000, ARM_OP_SMUAD,   "smlad",   ARM_FMT_MLA,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfb20f010, ARM_OP_SMUAD,   "smuadx",  ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff000f0, 0xfb200010, ARM_OP_SMUAD,   "smladx",  ARM_FMT_MLA,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfb40f000, ARM_OP_SMUAD,   "smusd",   ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff000f0, 0xfb400000, ARM_OP_SMUAD,   "smlsd",   ARM_FMT_MLA,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfb40f010, ARM_OP_SMUAD,   "smusdx",  ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff000f0, 0xfb400010, ARM_OP_SMUAD,   "smlsdx",  ARM_FMT_MLA,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfb50f000, ARM_OP_SMMUL,   "smmul",   ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff000f0, 0xfb500000, ARM_OP_SMMUL,   "smmla",   ARM_FMT_MLA,           ARM_DSP, 0 },
  { 0xfff000f0, 0xfb600000, ARM_OP_SMMUL,   "smmls",   ARM_FMT_MLA,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfb50f010, ARM_OP_SMMUL,   "smmulr",  ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff000f0, 0xfb500010, ARM_OP_SMMUL,   "smmlar",  ARM_FMT_MLA,           ARM_DSP, 0 },
  { 0xfff000f0, 0xfb600010, ARM_OP_SMMUL,   "smmlsr",  ARM_FMT_MLA,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xfb70f000, ARM_OP_USAD8,   "usad8",   ARM_FMT_RRR,           ARM_DSP, 0 },
  { 0xfff000f0, 0xfb700000, ARM_OP_USAD8,   "usada8",  ARM_FMT_MLA,           ARM_DSP, 0 },
  /* Long multiply accumulates. */
  { 0xfff000f0, 0xfbc00080, ARM_OP_SMLALXY, "smlalbb", ARM_FMT_MULL,          ARM_DSP, 0 },
  { 0xfff000f0, 0xfbc00090, ARM_OP_SMLALXY, "smlalbt", ARM_FMT_MULL,          ARM_DSP, 0 },
  { 0xfff000f0, 0xfbc000a0, ARM_OP_SMLALXY, "smlaltb", ARM_FMT_MULL,          ARM_DSP, 0 },
  { 0xfff000f0, 0xfbc000b0, ARM_OP_SMLALXY, "smlaltt", ARM_FMT_MULL,          ARM_DSP, 0 },
  { 0xfff000f0, 0xfbc000c0, ARM_OP_SMLALD,  "smlald",  ARM_FMT_MULL,          ARM_DSP, 0 },
  { 0xfff000f0, 0xfbc000d0, ARM_OP_SMLALD,  "smlaldx", ARM_FMT_MULL,          ARM_DSP, 0 },
  { 0xfff000f0, 0xfbd000c0, ARM_OP_SMLALD,  "smlsld",  ARM_FMT_MULL,          ARM_DSP, 0 },
  { 0xfff000f0, 0xfbd000d0, ARM_OP_SMLALD,  "smlsldx", ARM_FMT_MULL,          ARM_DSP, 0 },
  { 0xfff000f0, 0xfbe00060, ARM_OP_UMAAL,   "umaal",   ARM_FMT_MULL,          ARM_DSP, 0 },
  /* Pack halfwords, saturate halfwords. */
  { 0xfff08030, 0xeac00000, ARM_OP_PKH,     "pkhbt",   ARM_FMT_PKH,           ARM_DSP, 0 },
  { 0xfff08030, 0xeac00020, ARM_OP_PKH,     "pkhtb",   ARM_FMT_PKH,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xf3200000, ARM_OP_SAT16,   "ssat16",  ARM_FMT_SAT,           ARM_DSP, 0 },
  { 0xfff0f0f0, 0xf3a00000, ARM_OP_SAT16,   "usat16",  ARM_FMT_SAT,           ARM_DSP, 0 },

  /* ---- ARMv6-M has these 32-bit instructions ---- */
  { 0xf800d000, 0xf000d000, ARM_OP_BL,      "bl",      ARM_FMT_B32,           ARM_ANY, 0 },
  { 0xffe0f300, 0xf3808000, ARM_OP_MSR,     "msr",     ARM_FMT_MSR,           ARM_ANY, 0 },
  { 0xffe0f000, 0xf3e08000, ARM_OP_MRS,     "mrs",     ARM_FMT_MRS,           ARM_ANY, 0 },
  { 0xfff0fff0, 0xf3b08f40, ARM_OP_BARRIER, "dsb",     ARM_FMT_BARRIER,       ARM_ANY, 0 },
  { 0xfff0fff0, 0xf3b08f50, ARM_OP_BARRIER, "dmb",     ARM_FMT_BARRIER,       ARM_ANY, 0 },
  { 0xfff0fff0, 0xf3b08f60, ARM_OP_ISB,     "isb",     ARM_FMT_BARRIER,       ARM_ANY, 0 },
  { 0xfff0f000, 0xf7f0a000, ARM_OP_UDF,     "udf",     ARM_FMT_UDF32,         ARM_ANY, W },

  /* ---- load/store multiple ---- */
  { 0xffd0a000, 0xe8800000, ARM_OP_STM,     "stmia",   ARM_FMT_LDSTM,         ARM_V7M, W },
  { 0xffd02000, 0xe8900000, ARM_OP_LDM,     "ldmia",   ARM_FMT_LDSTM,         ARM_V7M, W },
  { 0xffd0a000, 0xe9000000, ARM_OP_STMDB,   "stmdb",   ARM_FMT_LDSTM,         ARM_V7M, 0 },
  { 0xffd02000, 0xe9100000, ARM_OP_LDMDB,   "ldmdb",   ARM_FMT_LDSTM,         ARM_V7M, 0 },

  /* ---- exclusives, table branch (P = W = 0), then load/store dual ---- */
  { 0xfff00000, 0xe8400000, ARM_OP_STREX,   "strex",   ARM_FMT_STREX,         ARM_V7M, 0 },
  { 0xfff00f00, 0xe8500f00, ARM_OP_LDREX,   "ldrex",   ARM_FMT_LDREX,         ARM_V7M, 0 },
  { 0xfff00ff0, 0xe8c00f40, ARM_OP_STREXB,  "strexb",  ARM_FMT_STREXBH,       ARM_V7M, 0 },
  { 0xfff00ff0, 0xe8c00f50, ARM_OP_STREXH,  "strexh",  ARM_FMT_STREXBH,       ARM_V7M, 0 },
  { 0xfff0fff0, 0xe8d0f000, ARM_OP_TBB,     "tbb",     ARM_FMT_TB,            ARM_V7M, 0 },
  { 0xfff0fff0, 0xe8d0f010, ARM_OP_TBH,     "tbh",     ARM_FMT_TB,            ARM_V7M, 0 },
  { 0xfff00fff, 0xe8d00f4f, ARM_OP_LDREXB,  "ldrexb",  ARM_FMT_LDREXBH,       ARM_V7M, 0 },
  { 0xfff00fff, 0xe8d00f5f, ARM_OP_LDREXH,  "ldrexh",  ARM_FMT_LDREXBH,       ARM_V7M, 0 },
  { 0xff600000, 0xe8400000, ARM_OP_UNDEF,   "undefined", ARM_FMT_NONE,        ARM_V7M, 0 },
  { 0xfe500000, 0xe8400000, ARM_OP_STRD,    "strd",    ARM_FMT_LDRD,          ARM_V7M, 0 },
  { 0xfe500000, 0xe8500000, ARM_OP_LDRD,    "ldrd",    ARM_FMT_LDRD,          ARM_V7M, 0 },

  /* ---- data processing (shifted register) ---- */
  { 0xfff08f00, 0xea100f00, ARM_OP_TST,     "tst",     ARM_FMT_DP_SHIFT_TEST, ARM_V7M, SALW | W },
  { 0xffe08000, 0xea000000, ARM_OP_AND,     "and",     ARM_FMT_DP_SHIFT,      ARM_V7M, S20 | W },
  { 0xffe08000, 0xea200000, ARM_OP_BIC,     "bic",     ARM_FMT_DP_SHIFT,      ARM_V7M, S20 | W },
  { 0xffef8000, 0xea4f0000, ARM_OP_MOV,     "mov",     ARM_FMT_DP_SHIFT_MOV,  ARM_V7M, S20 | W },
  { 0xffe08000, 0xea400000, ARM_OP_ORR,     "orr",     ARM_FMT_DP_SHIFT,      ARM_V7M, S20 | W },
  { 0xffef8000, 0xea6f0000, ARM_OP_MVN,     "mvn",     ARM_FMT_DP_SHIFT_MOV,  ARM_V7M, S20 | W },
  { 0xffe08000, 0xea600000, ARM_OP_ORN,     "orn",     ARM_FMT_DP_SHIFT,      ARM_V7M, S20 },
  { 0xfff08f00, 0xea900f00, ARM_OP_TEQ,     "teq",     ARM_FMT_DP_SHIFT_TEST, ARM_V7M, SALW },
  { 0xffe08000, 0xea800000, ARM_OP_EOR,     "eor",     ARM_FMT_DP_SHIFT,      ARM_V7M, S20 | W },
  { 0xfff08f00, 0xeb100f00, ARM_OP_CMN,     "cmn",     ARM_FMT_DP_SHIFT_TEST, ARM_V7M, SALW | W },
  { 0xffe08000, 0xeb000000, ARM_OP_ADD,     "add",     ARM_FMT_DP_SHIFT,      ARM_V7M, S20 | W },
  { 0xffe08000, 0xeb400000, ARM_OP_ADC,     "adc",     ARM_FMT_DP_SHIFT,      ARM_V7M, S20 | W },
  { 0xffe08000, 0xeb600000, ARM_OP_SBC,     "sbc",     ARM_FMT_DP_SHIFT,      ARM_V7M, S20 | W },
  { 0xfff08f00, 0xebb00f00, ARM_OP_CMP,     "cmp",     ARM_FMT_DP_SHIFT_TEST, ARM_V7M, SALW | W },
  { 0xffe08000, 0xeba00000, ARM_OP_SUB,     "sub",     ARM_FMT_DP_SHIFT,      ARM_V7M, S20 | W },
  { 0xffe08000, 0xebc00000, ARM_OP_RSB,     "rsb",     ARM_FMT_DP_SHIFT,      ARM_V7M, S20 },

  /* ---- coprocessor space: no coprocessor (no FPU) ---- */
  { 0xec000000, 0xec000000, ARM_OP_NOCP,    "cdp",     ARM_FMT_COPROC,        ARM_V7M, 0 },

  /* ---- data processing (modified immediate) ---- */
  { 0xfbf08f00, 0xf0100f00, ARM_OP_TST,     "tst",     ARM_FMT_DP_IMM_TEST,   ARM_V7M, SALW | W },
  { 0xfbe08000, 0xf0000000, ARM_OP_AND,     "and",     ARM_FMT_DP_IMM,        ARM_V7M, S20 | W },
  { 0xfbe08000, 0xf0200000, ARM_OP_BIC,     "bic",     ARM_FMT_DP_IMM,        ARM_V7M, S20 | W },
  { 0xfbef8000, 0xf04f0000, ARM_OP_MOV,     "mov",     ARM_FMT_DP_IMM_MOV,    ARM_V7M, S20 | W },
  { 0xfbe08000, 0xf0400000, ARM_OP_ORR,     "orr",     ARM_FMT_DP_IMM,        ARM_V7M, S20 | W },
  { 0xfbef8000, 0xf06f0000, ARM_OP_MVN,     "mvn",     ARM_FMT_DP_IMM_MOV,    ARM_V7M, S20 | W },
  { 0xfbe08000, 0xf0600000, ARM_OP_ORN,     "orn",     ARM_FMT_DP_IMM,        ARM_V7M, S20 },
  { 0xfbf08f00, 0xf0900f00, ARM_OP_TEQ,     "teq",     ARM_FMT_DP_IMM_TEST,   ARM_V7M, SALW },
  { 0xfbe08000, 0xf0800000, ARM_OP_EOR,     "eor",     ARM_FMT_DP_IMM,        ARM_V7M, S20 | W },
  { 0xfbf08f00, 0xf1100f00, ARM_OP_CMN,     "cmn",     ARM_FMT_DP_IMM_TEST,   ARM_V7M, SALW | W },
  { 0xfbe08000, 0xf1000000, ARM_OP_ADD,     "add",     ARM_FMT_DP_IMM,        ARM_V7M, S20 | W },
  { 0xfbe08000, 0xf1400000, ARM_OP_ADC,     "adc",     ARM_FMT_DP_IMM,        ARM_V7M, S20 | W },
  { 0xfbe08000, 0xf1600000, ARM_OP_SBC,     "sbc",     ARM_FMT_DP_IMM,        ARM_V7M, S20 | W },
  { 0xfbf08f00, 0xf1b00f00, ARM_OP_CMP,     "cmp",     ARM_FMT_DP_IMM_TEST,   ARM_V7M, SALW | W },
  { 0xfbe08000, 0xf1a00000, ARM_OP_SUB,     "sub",     ARM_FMT_DP_IMM,        ARM_V7M, S20 | W },
  { 0xfbe08000, 0xf1c00000, ARM_OP_RSB,     "rsb",     ARM_FMT_DP_IMM,        ARM_V7M, S20 },

  /* ---- data processing (plain binary immediate) ---- */
  { 0xfbff8000, 0xf20f0000, ARM_OP_ADR,     "addw",    ARM_FMT_ADR32,         ARM_V7M, 0 },
  { 0xfbf08000, 0xf2000000, ARM_OP_ADD,     "addw",    ARM_FMT_ADDW,          ARM_V7M, 0 },
  { 0xfbf08000, 0xf2400000, ARM_OP_MOV,     "movw",    ARM_FMT_MOVW,          ARM_V7M, 0 },
  { 0xfbff8000, 0xf2af0000, ARM_OP_ADR,     "subw",    ARM_FMT_ADR32,         ARM_V7M, 0 },
  { 0xfbf08000, 0xf2a00000, ARM_OP_SUB,     "subw",    ARM_FMT_ADDW,          ARM_V7M, 0 },
  { 0xfbf08000, 0xf2c00000, ARM_OP_MOVT,    "movt",    ARM_FMT_MOVW,          ARM_V7M, 0 },
  /* SSAT16 and USAT16 (sh = 1, no shift) belong to the DSP extension. */
  { 0xfbf0f0c0, 0xf3200000, ARM_OP_UNDEF,   "ssat16",  ARM_FMT_NONE,          ARM_V7M, 0 },
  { 0xfbd08020, 0xf3000000, ARM_OP_SSAT,    "ssat",    ARM_FMT_SAT,           ARM_V7M, 0 },
  { 0xfbf08020, 0xf3400000, ARM_OP_SBFX,    "sbfx",    ARM_FMT_BFX,           ARM_V7M, 0 },
  { 0xfbff8020, 0xf36f0000, ARM_OP_BFC,     "bfc",     ARM_FMT_BFC,           ARM_V7M, 0 },
  { 0xfbf08020, 0xf3600000, ARM_OP_BFI,     "bfi",     ARM_FMT_BFI,           ARM_V7M, 0 },
  { 0xfbf0f0c0, 0xf3a00000, ARM_OP_UNDEF,   "usat16",  ARM_FMT_NONE,          ARM_V7M, 0 },
  { 0xfbd08020, 0xf3800000, ARM_OP_USAT,    "usat",    ARM_FMT_SAT,           ARM_V7M, 0 },
  { 0xfbf08020, 0xf3c00000, ARM_OP_UBFX,    "ubfx",    ARM_FMT_BFX,           ARM_V7M, 0 },

  /* ---- branches and miscellaneous control ---- */
  { 0xfff0ffff, 0xf3a08000, ARM_OP_NOP,     "nop",     ARM_FMT_NONE,          ARM_V7M, W },
  { 0xfff0ffff, 0xf3a08001, ARM_OP_YIELD,   "yield",   ARM_FMT_NONE,          ARM_V7M, W },
  { 0xfff0ffff, 0xf3a08002, ARM_OP_WFE,     "wfe",     ARM_FMT_NONE,          ARM_V7M, W },
  { 0xfff0ffff, 0xf3a08003, ARM_OP_WFI,     "wfi",     ARM_FMT_NONE,          ARM_V7M, W },
  { 0xfff0ffff, 0xf3a08004, ARM_OP_SEV,     "sev",     ARM_FMT_NONE,          ARM_V7M, W },
  { 0xfff0ff00, 0xf3a08000, ARM_OP_NOP,     "nop",     ARM_FMT_NONE,          ARM_V7M, W },
  { 0xfff0ffff, 0xf3b08f2f, ARM_OP_CLREX,   "clrex",   ARM_FMT_NONE,          ARM_V7M, 0 },
  { 0xf800d000, 0xf0009000, ARM_OP_B,       "b",       ARM_FMT_B32,           ARM_V7M, W },
  /* cond = 111x is the miscellaneous space matched above. */
  { 0xfb80d000, 0xf3800000, ARM_OP_UNDEF,   "undefined", ARM_FMT_NONE,        ARM_V7M, 0 },
  { 0xf800d000, 0xf0008000, ARM_OP_BCOND,   "b",       ARM_FMT_BCOND32,       ARM_V7M, W },

  /* ---- loads, stores and preloads: literal rows before Rn rows ---- */
  { 0xff7ff000, 0xf81ff000, ARM_OP_PLD,     "pld",     ARM_FMT_LS_LIT,        ARM_V7M, NORT },
  { 0xff7ff000, 0xf91ff000, ARM_OP_PLD,     "pli",     ARM_FMT_LS_LIT,        ARM_V7M, NORT },
  /* Rt = 15 of the halfword loads: unallocated memory hints, NOPs
   * (v7-M A5.3.8; the unprivileged and indexed forms stay UNPREDICTABLE
   * loads). */
  { 0xff7ff000, 0xf83ff000, ARM_OP_NOP,     "nop",     ARM_FMT_NONE,          ARM_V7M, W },
  { 0xff7ff000, 0xf93ff000, ARM_OP_NOP,     "nop",     ARM_FMT_NONE,          ARM_V7M, W },
  { 0xfff0f000, 0xf8b0f000, ARM_OP_NOP,     "nop",     ARM_FMT_NONE,          ARM_V7M, W },
  { 0xfff0f000, 0xf9b0f000, ARM_OP_NOP,     "nop",     ARM_FMT_NONE,          ARM_V7M, W },
  { 0xfff0ff00, 0xf830fc00, ARM_OP_NOP,     "nop",     ARM_FMT_NONE,          ARM_V7M, W },
  { 0xfff0ff00, 0xf930fc00, ARM_OP_NOP,     "nop",     ARM_FMT_NONE,          ARM_V7M, W },
  { 0xfff0ffc0, 0xf830f000, ARM_OP_NOP,     "nop",     ARM_FMT_NONE,          ARM_V7M, W },
  { 0xfff0ffc0, 0xf930f000, ARM_OP_NOP,     "nop",     ARM_FMT_NONE,          ARM_V7M, W },
  { 0xff7f0000, 0xf81f0000, ARM_OP_LDRB,    "ldrb",    ARM_FMT_LS_LIT,        ARM_V7M, W },
  { 0xff7f0000, 0xf91f0000, ARM_OP_LDRSB,   "ldrsb",   ARM_FMT_LS_LIT,        ARM_V7M, W },
  { 0xff7f0000, 0xf83f0000, ARM_OP_LDRH,    "ldrh",    ARM_FMT_LS_LIT,        ARM_V7M, W },
  { 0xff7f0000, 0xf93f0000, ARM_OP_LDRSH,   "ldrsh",   ARM_FMT_LS_LIT,        ARM_V7M, W },
  { 0xff7f0000, 0xf85f0000, ARM_OP_LDR,     "ldr",     ARM_FMT_LS_LIT,        ARM_V7M, W },
  /* Preload hints (Rt = 15) of the byte loads. */
  { 0xfff0f000, 0xf890f000, ARM_OP_PLD,     "pld",     ARM_FMT_LS_IMM12,      ARM_V7M, NORT },
  { 0xfff0ff00, 0xf810fc00, ARM_OP_PLD,     "pld",     ARM_FMT_LS_IMM8,       ARM_V7M, NORT },
  { 0xfff0ffc0, 0xf810f000, ARM_OP_PLD,     "pld",     ARM_FMT_LS_REG,        ARM_V7M, NORT },
  { 0xfff0f000, 0xf990f000, ARM_OP_PLD,     "pli",     ARM_FMT_LS_IMM12,      ARM_V7M, NORT },
  { 0xfff0ff00, 0xf910fc00, ARM_OP_PLD,     "pli",     ARM_FMT_LS_IMM8,       ARM_V7M, NORT },
  { 0xfff0ffc0, 0xf910f000, ARM_OP_PLD,     "pli",     ARM_FMT_LS_REG,        ARM_V7M, NORT },
  /* Rows with imm12 (U = 1), then the unprivileged ones, then imm8 with
   * P/U/W, then register offsets. */
  { 0xfff00000, 0xf8800000, ARM_OP_STRB,    "strb",    ARM_FMT_LS_IMM12,      ARM_V7M, W },
  { 0xfff00000, 0xf8a00000, ARM_OP_STRH,    "strh",    ARM_FMT_LS_IMM12,      ARM_V7M, W },
  { 0xfff00000, 0xf8c00000, ARM_OP_STR,     "str",     ARM_FMT_LS_IMM12,      ARM_V7M, W },
  { 0xfff00000, 0xf8900000, ARM_OP_LDRB,    "ldrb",    ARM_FMT_LS_IMM12,      ARM_V7M, W },
  { 0xfff00000, 0xf9900000, ARM_OP_LDRSB,   "ldrsb",   ARM_FMT_LS_IMM12,      ARM_V7M, W },
  { 0xfff00000, 0xf8b00000, ARM_OP_LDRH,    "ldrh",    ARM_FMT_LS_IMM12,      ARM_V7M, W },
  { 0xfff00000, 0xf9b00000, ARM_OP_LDRSH,   "ldrsh",   ARM_FMT_LS_IMM12,      ARM_V7M, W },
  { 0xfff00000, 0xf8d00000, ARM_OP_LDR,     "ldr",     ARM_FMT_LS_IMM12,      ARM_V7M, W },
  { 0xfff00f00, 0xf8000e00, ARM_OP_STRB,    "strbt",   ARM_FMT_LS_IMM8,       ARM_V7M, 0 },
  { 0xfff00f00, 0xf8200e00, ARM_OP_STRH,    "strht",   ARM_FMT_LS_IMM8,       ARM_V7M, 0 },
  { 0xfff00f00, 0xf8400e00, ARM_OP_STR,     "strt",    ARM_FMT_LS_IMM8,       ARM_V7M, 0 },
  { 0xfff00f00, 0xf8100e00, ARM_OP_LDRB,    "ldrbt",   ARM_FMT_LS_IMM8,       ARM_V7M, 0 },
  { 0xfff00f00, 0xf9100e00, ARM_OP_LDRSB,   "ldrsbt",  ARM_FMT_LS_IMM8,       ARM_V7M, 0 },
  { 0xfff00f00, 0xf8300e00, ARM_OP_LDRH,    "ldrht",   ARM_FMT_LS_IMM8,       ARM_V7M, 0 },
  { 0xfff00f00, 0xf9300e00, ARM_OP_LDRSH,   "ldrsht",  ARM_FMT_LS_IMM8,       ARM_V7M, 0 },
  { 0xfff00f00, 0xf8500e00, ARM_OP_LDR,     "ldrt",    ARM_FMT_LS_IMM8,       ARM_V7M, 0 },
  { 0xfff00800, 0xf8000800, ARM_OP_STRB,    "strb",    ARM_FMT_LS_IMM8,       ARM_V7M, W },
  { 0xfff00800, 0xf8200800, ARM_OP_STRH,    "strh",    ARM_FMT_LS_IMM8,       ARM_V7M, W },
  { 0xfff00800, 0xf8400800, ARM_OP_STR,     "str",     ARM_FMT_LS_IMM8,       ARM_V7M, W },
  { 0xfff00800, 0xf8100800, ARM_OP_LDRB,    "ldrb",    ARM_FMT_LS_IMM8,       ARM_V7M, W },
  { 0xfff00800, 0xf9100800, ARM_OP_LDRSB,   "ldrsb",   ARM_FMT_LS_IMM8,       ARM_V7M, W },
  { 0xfff00800, 0xf8300800, ARM_OP_LDRH,    "ldrh",    ARM_FMT_LS_IMM8,       ARM_V7M, W },
  { 0xfff00800, 0xf9300800, ARM_OP_LDRSH,   "ldrsh",   ARM_FMT_LS_IMM8,       ARM_V7M, W },
  { 0xfff00800, 0xf8500800, ARM_OP_LDR,     "ldr",     ARM_FMT_LS_IMM8,       ARM_V7M, W },
  { 0xfff00fc0, 0xf8000000, ARM_OP_STRB,    "strb",    ARM_FMT_LS_REG,        ARM_V7M, W },
  { 0xfff00fc0, 0xf8200000, ARM_OP_STRH,    "strh",    ARM_FMT_LS_REG,        ARM_V7M, W },
  { 0xfff00fc0, 0xf8400000, ARM_OP_STR,     "str",     ARM_FMT_LS_REG,        ARM_V7M, W },
  { 0xfff00fc0, 0xf8100000, ARM_OP_LDRB,    "ldrb",    ARM_FMT_LS_REG,        ARM_V7M, W },
  { 0xfff00fc0, 0xf9100000, ARM_OP_LDRSB,   "ldrsb",   ARM_FMT_LS_REG,        ARM_V7M, W },
  { 0xfff00fc0, 0xf8300000, ARM_OP_LDRH,    "ldrh",    ARM_FMT_LS_REG,        ARM_V7M, W },
  { 0xfff00fc0, 0xf9300000, ARM_OP_LDRSH,   "ldrsh",   ARM_FMT_LS_REG,        ARM_V7M, W },
  { 0xfff00fc0, 0xf8500000, ARM_OP_LDR,     "ldr",     ARM_FMT_LS_REG,        ARM_V7M, W },

  /* ---- data processing (register) ---- */
  { 0xffe0f0f0, 0xfa00f000, ARM_OP_LSL_R,   "lsl",     ARM_FMT_RRR,           ARM_V7M, S20 | W },
  { 0xffe0f0f0, 0xfa20f000, ARM_OP_LSR_R,   "lsr",     ARM_FMT_RRR,           ARM_V7M, S20 | W },
  { 0xffe0f0f0, 0xfa40f000, ARM_OP_ASR_R,   "asr",     ARM_FMT_RRR,           ARM_V7M, S20 | W },
  { 0xffe0f0f0, 0xfa60f000, ARM_OP_ROR_R,   "ror",     ARM_FMT_RRR,           ARM_V7M, S20 | W },
  { 0xfffff0c0, 0xfa0ff080, ARM_OP_SXTH,    "sxth",    ARM_FMT_EXTEND,        ARM_V7M, W },
  { 0xfffff0c0, 0xfa1ff080, ARM_OP_UXTH,    "uxth",    ARM_FMT_EXTEND,        ARM_V7M, W },
  { 0xfffff0c0, 0xfa4ff080, ARM_OP_SXTB,    "sxtb",    ARM_FMT_EXTEND,        ARM_V7M, W },
  { 0xfffff0c0, 0xfa5ff080, ARM_OP_UXTB,    "uxtb",    ARM_FMT_EXTEND,        ARM_V7M, W },
  { 0xfff0f0f0, 0xfa90f080, ARM_OP_REV,     "rev",     ARM_FMT_RR,            ARM_V7M, W },
  { 0xfff0f0f0, 0xfa90f090, ARM_OP_REV16,   "rev16",   ARM_FMT_RR,            ARM_V7M, W },
  { 0xfff0f0f0, 0xfa90f0a0, ARM_OP_RBIT,    "rbit",    ARM_FMT_RR,            ARM_V7M, 0 },
  { 0xfff0f0f0, 0xfa90f0b0, ARM_OP_REVSH,   "revsh",   ARM_FMT_RR,            ARM_V7M, W },
  { 0xfff0f0f0, 0xfab0f080, ARM_OP_CLZ,     "clz",     ARM_FMT_RR,            ARM_V7M, 0 },

  /* ---- multiply, multiply accumulate, long multiply, divide ---- */
  { 0xfff0f0f0, 0xfb00f000, ARM_OP_MUL,     "mul",     ARM_FMT_RRR,           ARM_V7M, W },
  { 0xfff000f0, 0xfb000000, ARM_OP_MLA,     "mla",     ARM_FMT_MLA,           ARM_V7M, 0 },
  { 0xfff000f0, 0xfb000010, ARM_OP_MLS,     "mls",     ARM_FMT_MLA,           ARM_V7M, 0 },
  { 0xfff000f0, 0xfb800000, ARM_OP_SMULL,   "smull",   ARM_FMT_MULL,          ARM_V7M, 0 },
  { 0xfff0f0f0, 0xfb90f0f0, ARM_OP_SDIV,    "sdiv",    ARM_FMT_RRR,           ARM_V7M, 0 },
  { 0xfff000f0, 0xfba00000, ARM_OP_UMULL,   "umull",   ARM_FMT_MULL,          ARM_V7M, 0 },
  { 0xfff0f0f0, 0xfbb0f0f0, ARM_OP_UDIV,    "udiv",    ARM_FMT_RRR,           ARM_V7M, 0 },
  { 0xfff000f0, 0xfbc00000, ARM_OP_SMLAL,   "smlal",   ARM_FMT_MULL,          ARM_V7M, 0 },
  { 0xfff000f0, 0xfbe00000, ARM_OP_UMLAL,   "umlal",   ARM_FMT_MULL,          ARM_V7M, 0 },
};
/* clang-format on */

#undef S20
#undef SNIT
#undef SALW
#undef W
#undef N
#undef NORT

/* ---- fields ---------------------------------------------------------------- */

static inline uint32_t
bits (uint32_t x, unsigned hi, unsigned lo)
{
  return (x >> lo) & ((2u << (hi - lo)) - 1);
}

static inline int32_t
sext (uint32_t x, unsigned width)
{
  return (int32_t) (x << (32 - width)) >> (32 - width);
}

/* DecodeImmShift: type and imm5 as the instruction holds them. */
static void
decode_imm_shift (ArmDecoded *d, unsigned type, unsigned imm5)
{
  d->shift_type = type;
  d->shift_n = imm5;
  if (type == ARM_SHIFT_LSR || type == ARM_SHIFT_ASR)
    d->shift_n = imm5 ? imm5 : 32;
  else if (type == ARM_SHIFT_ROR && imm5 == 0) {
    d->shift_type = ARM_SHIFT_RRX;
    d->shift_n = 1;
  }
  d->kind = (d->shift_type == ARM_SHIFT_LSL && d->shift_n == 0) ? ARM_K_REG : ARM_K_SHIFT;
}

/* ThumbExpandImm_C: the 32-bit constant of a modified immediate and what
 * it does to the carry flag. */
static void
decode_modified_imm (ArmDecoded *d, uint32_t imm12)
{
  uint32_t imm8 = imm12 & 0xff;

  if ((imm12 >> 10) == 0) {
    switch ((imm12 >> 8) & 3) {
    case 0: d->imm = imm8; break;
    case 1: d->imm = imm8 << 16 | imm8; break;
    case 2: d->imm = imm8 << 24 | imm8 << 8; break;
    default: d->imm = imm8 * 0x01010101u; break;
    }
    d->carry = ARM_CARRY_KEEP;
  } else {
    uint32_t unrot = 0x80 | (imm12 & 0x7f);
    unsigned rot = imm12 >> 7;

    d->imm = unrot >> rot | unrot << (32 - rot);
    d->carry = (d->imm >> 31) ? ARM_CARRY_SET : ARM_CARRY_CLEAR;
  }
  d->kind = ARM_K_IMM;
}

static unsigned
op_size (ArmOp op)
{
  switch (op) {
  case ARM_OP_LDRB:
  case ARM_OP_LDRSB:
  case ARM_OP_STRB: return 1;
  case ARM_OP_LDRH:
  case ARM_OP_LDRSH:
  case ARM_OP_STRH: return 2;
  default: return 4;
  }
}

/* The 16-bit formats. */
static bool
extract_t16 (ArmDecoded *d, ArmFormat fmt, uint32_t x)
{
  switch (fmt) {
  case ARM_FMT_T16_SHIFT_IMM:
    d->rd = bits (x, 2, 0);
    d->rm = bits (x, 5, 3);
    decode_imm_shift (d, bits (x, 12, 11), bits (x, 10, 6));
    break;
  case ARM_FMT_T16_MOVS:
    d->rd = bits (x, 2, 0);
    d->rm = bits (x, 5, 3);
    d->kind = ARM_K_REG;
    break;
  case ARM_FMT_T16_RRR:
    d->rd = bits (x, 2, 0);
    d->rn = bits (x, 5, 3);
    d->rm = bits (x, 8, 6);
    d->kind = ARM_K_REG;
    break;
  case ARM_FMT_T16_RRI3:
    d->rd = bits (x, 2, 0);
    d->rn = bits (x, 5, 3);
    d->imm = bits (x, 8, 6);
    d->kind = ARM_K_IMM;
    break;
  case ARM_FMT_T16_RI8:
    d->rd = d->rn = bits (x, 10, 8);
    d->imm = bits (x, 7, 0);
    d->kind = ARM_K_IMM;
    break;
  case ARM_FMT_T16_DP:
    d->rd = d->rn = bits (x, 2, 0);
    d->rm = bits (x, 5, 3);
    d->kind = ARM_K_REG;
    break;
  case ARM_FMT_T16_NEG:
    d->rd = bits (x, 2, 0);
    d->rn = bits (x, 5, 3);
    d->imm = 0;
    d->kind = ARM_K_IMM;
    break;
  case ARM_FMT_T16_HI:
    d->rd = d->rn = bits (x, 7, 7) << 3 | bits (x, 2, 0);
    d->rm = bits (x, 6, 3);
    d->kind = ARM_K_REG;
    break;
  case ARM_FMT_T16_BX: d->rm = bits (x, 6, 3); break;
  case ARM_FMT_T16_LDR_LIT:
    d->rd = bits (x, 10, 8);
    d->imm = bits (x, 7, 0) * 4;
    d->kind = ARM_K_LIT;
    break;
  case ARM_FMT_T16_LS_REG:
    d->rd = bits (x, 2, 0);
    d->rn = bits (x, 5, 3);
    d->rm = bits (x, 8, 6);
    d->kind = ARM_K_OFF_REG;
    break;
  case ARM_FMT_T16_LS_IMM:
    d->rd = bits (x, 2, 0);
    d->rn = bits (x, 5, 3);
    d->imm = bits (x, 10, 6) * op_size (d->op->op);
    d->kind = ARM_K_OFF_IMM;
    break;
  case ARM_FMT_T16_LS_SP:
    d->rd = bits (x, 10, 8);
    d->rn = 13;
    d->imm = bits (x, 7, 0) * 4;
    d->kind = ARM_K_OFF_IMM;
    break;
  case ARM_FMT_T16_ADR:
    d->rd = bits (x, 10, 8);
    d->imm = bits (x, 7, 0) * 4;
    break;
  case ARM_FMT_T16_ADD_SP:
    d->rd = bits (x, 10, 8);
    d->rn = 13;
    d->imm = bits (x, 7, 0) * 4;
    d->kind = ARM_K_IMM;
    break;
  case ARM_FMT_T16_SP_IMM7:
    d->rd = d->rn = 13;
    d->imm = bits (x, 6, 0) * 4;
    d->kind = ARM_K_IMM;
    break;
  case ARM_FMT_T16_CBZ:
    d->rn = bits (x, 2, 0);
    d->imm = bits (x, 9, 9) << 6 | bits (x, 7, 3) << 1;
    break;
  case ARM_FMT_T16_RR:
    d->rd = bits (x, 2, 0);
    d->rm = bits (x, 5, 3);
    break;
  case ARM_FMT_T16_PUSH:
    d->rn = 13;
    d->imm = bits (x, 7, 0) | bits (x, 8, 8) << 14;
    d->wback = true;
    return d->imm != 0;
  case ARM_FMT_T16_POP:
    d->rn = 13;
    d->imm = bits (x, 7, 0) | bits (x, 8, 8) << 15;
    d->wback = true;
    return d->imm != 0;
  case ARM_FMT_T16_CPS:
    d->imm = bits (x, 4, 0); /* im:0:0:I:F (bit 4 set: disable) */
    break;
  case ARM_FMT_T16_BKPT:
  case ARM_FMT_T16_UDF:
  case ARM_FMT_T16_SVC: d->imm = bits (x, 7, 0); break;
  case ARM_FMT_T16_IT:
    d->cond = bits (x, 7, 4);
    d->imm = bits (x, 7, 0);
    /* AL with an "else", and cond 1111, are UNPREDICTABLE. */
    return d->cond != 15;
  case ARM_FMT_T16_LDSTM:
    d->rn = bits (x, 10, 8);
    d->imm = bits (x, 7, 0);
    /* LDM writes back unless the base is loaded; STM always does. */
    d->wback = d->op->op == ARM_OP_STM || !(d->imm >> d->rn & 1);
    return d->imm != 0;
  case ARM_FMT_T16_BCOND:
    d->cond = bits (x, 11, 8);
    d->imm = (uint32_t) sext (bits (x, 7, 0) << 1, 9);
    break;
  case ARM_FMT_T16_B: d->imm = (uint32_t) sext (bits (x, 10, 0) << 1, 12); break;
  default: g_return_val_if_reached (false);
  }
  return true;
}

/* 32-bit loads and stores: single, dual, multiple, exclusive, table branch. */
static bool
extract_t32_memory (ArmDecoded *d, ArmFormat fmt, uint32_t x)
{
  switch (fmt) {
  case ARM_FMT_LDSTM:
    d->rn = bits (x, 19, 16);
    d->wback = bits (x, 21, 21);
    d->imm = bits (x, 15, 0);
    /* Fewer than two registers, the base loaded with writeback, or
       * both LR and PC loaded are UNPREDICTABLE. */
    return d->rn != 15 && (d->imm & (d->imm - 1)) != 0;
  case ARM_FMT_STREX:
    d->rn = bits (x, 19, 16);
    d->rd = bits (x, 15, 12);
    d->ra = bits (x, 11, 8);
    d->imm = bits (x, 7, 0) * 4;
    break;
  case ARM_FMT_LDREX:
    d->rn = bits (x, 19, 16);
    d->rd = bits (x, 15, 12);
    d->imm = bits (x, 7, 0) * 4;
    break;
  case ARM_FMT_STREXBH:
    d->rn = bits (x, 19, 16);
    d->rd = bits (x, 15, 12);
    d->ra = bits (x, 3, 0);
    break;
  case ARM_FMT_LDREXBH:
    d->rn = bits (x, 19, 16);
    d->rd = bits (x, 15, 12);
    break;
  case ARM_FMT_TB:
    d->rn = bits (x, 19, 16);
    d->rm = bits (x, 3, 0);
    break;
  case ARM_FMT_LDRD:
    d->rn = bits (x, 19, 16);
    d->rd = bits (x, 15, 12);
    d->ra = bits (x, 11, 8);
    d->imm = bits (x, 7, 0) * 4;
    if (!bits (x, 23, 23))
      d->imm = -d->imm;
    d->index = bits (x, 24, 24);
    d->wback = bits (x, 21, 21);
    d->kind = d->wback ? ARM_K_PUW : ARM_K_OFF_IMM;
    return !(d->wback && d->rn == 15);
  case ARM_FMT_LS_IMM12:
    d->rn = bits (x, 19, 16);
    d->rd = bits (x, 15, 12);
    d->imm = bits (x, 11, 0);
    d->kind = ARM_K_OFF_IMM;
    break;
  case ARM_FMT_LS_IMM8:
    d->rn = bits (x, 19, 16);
    d->rd = bits (x, 15, 12);
    d->imm = bits (x, 7, 0);
    if (!bits (x, 9, 9))
      d->imm = -d->imm;
    d->index = bits (x, 10, 10);
    d->wback = bits (x, 8, 8);
    d->kind = d->wback ? ARM_K_PUW : ARM_K_OFF_IMM;
    /* P = 0 with W = 0 is undefined; a store to [pc] too. */
    return (d->index || d->wback) && d->rn != 15;
  case ARM_FMT_LS_REG:
    d->rn = bits (x, 19, 16);
    d->rd = bits (x, 15, 12);
    d->rm = bits (x, 3, 0);
    d->shift_n = bits (x, 5, 4);
    d->kind = ARM_K_OFF_REG;
    return d->rn != 15;
  case ARM_FMT_LS_LIT:
    d->rn = 15;
    d->rd = bits (x, 15, 12);
    d->imm = bits (x, 11, 0);
    if (!bits (x, 23, 23))
      d->imm = -d->imm;
    d->kind = ARM_K_LIT;
    break;
  default: g_return_val_if_reached (false);
  }
  return true;
}

/* 32-bit data processing: shifted register, modified and plain immediates,
 * saturation, bitfields, register-only forms and multiplies. */
static bool
extract_t32_data (ArmDecoded *d, ArmFormat fmt, uint32_t x)
{
  switch (fmt) {
  case ARM_FMT_DP_SHIFT:
  case ARM_FMT_DP_SHIFT_MOV:
  case ARM_FMT_DP_SHIFT_TEST:
    d->rn = bits (x, 19, 16);
    d->rd = bits (x, 11, 8);
    d->rm = bits (x, 3, 0);
    decode_imm_shift (d, bits (x, 5, 4), bits (x, 14, 12) << 2 | bits (x, 7, 6));
    break;
  case ARM_FMT_DP_IMM:
  case ARM_FMT_DP_IMM_MOV:
  case ARM_FMT_DP_IMM_TEST:
    d->rn = bits (x, 19, 16);
    d->rd = bits (x, 11, 8);
    decode_modified_imm (d, bits (x, 26, 26) << 11 | bits (x, 14, 12) << 8 | bits (x, 7, 0));
    break;
  case ARM_FMT_ADDW:
  case ARM_FMT_ADR32:
    d->rn = bits (x, 19, 16);
    d->rd = bits (x, 11, 8);
    d->imm = bits (x, 26, 26) << 11 | bits (x, 14, 12) << 8 | bits (x, 7, 0);
    /* ADR's subtracting form (subw rd, pc, #imm) holds it negated. */
    if (fmt == ARM_FMT_ADR32 && bits (x, 23, 23))
      d->imm = -d->imm;
    d->kind = ARM_K_IMM;
    break;
  case ARM_FMT_MOVW:
    d->rd = bits (x, 11, 8);
    d->imm
      = bits (x, 19, 16) << 12 | bits (x, 26, 26) << 11 | bits (x, 14, 12) << 8 | bits (x, 7, 0);
    d->kind = ARM_K_IMM;
    break;
  case ARM_FMT_SAT:
    d->rn = bits (x, 19, 16);
    d->rd = bits (x, 11, 8);
    d->imm = bits (x, 4, 0);
    /* SSAT16 and USAT16 are the sh = 1, no-shift encodings. */
    if (d->op->op == ARM_OP_SAT16)
      decode_imm_shift (d, 0, 0);
    else
      decode_imm_shift (d, bits (x, 21, 21) << 1, bits (x, 14, 12) << 2 | bits (x, 7, 6));
    break;
  case ARM_FMT_BFX:
    d->rn = bits (x, 19, 16);
    d->rd = bits (x, 11, 8);
    d->shift_n = bits (x, 14, 12) << 2 | bits (x, 7, 6);
    d->imm = bits (x, 4, 0) + 1;
    return d->shift_n + d->imm <= 32;
  case ARM_FMT_BFI:
  case ARM_FMT_BFC:
    d->rn = bits (x, 19, 16);
    d->rd = bits (x, 11, 8);
    d->shift_n = bits (x, 14, 12) << 2 | bits (x, 7, 6);
    if (bits (x, 4, 0) < d->shift_n)
      return false;
    d->imm = bits (x, 4, 0) - d->shift_n + 1;
    break;
  case ARM_FMT_RRR:
  case ARM_FMT_QADD:
    d->rn = bits (x, 19, 16);
    d->rd = bits (x, 11, 8);
    d->rm = bits (x, 3, 0);
    break;
  case ARM_FMT_VFP: break; /* the executor reads the encoding */
  case ARM_FMT_EXTEND_ADD:
    d->rn = bits (x, 19, 16);
    d->rd = bits (x, 11, 8);
    d->rm = bits (x, 3, 0);
    d->shift_n = bits (x, 5, 4) * 8;
    break;
  case ARM_FMT_PKH:
    d->rn = bits (x, 19, 16);
    d->rd = bits (x, 11, 8);
    d->rm = bits (x, 3, 0);
    d->shift_n = bits (x, 14, 12) << 2 | bits (x, 7, 6);
    break;
  case ARM_FMT_EXTEND:
    d->rd = bits (x, 11, 8);
    d->rm = bits (x, 3, 0);
    d->shift_n = bits (x, 5, 4) * 8;
    break;
  case ARM_FMT_RR:
    d->rd = bits (x, 11, 8);
    d->rm = bits (x, 3, 0);
    /* REV, RBIT and CLZ hold Rm twice. */
    return bits (x, 19, 16) == d->rm;
  case ARM_FMT_MLA:
    d->rn = bits (x, 19, 16);
    d->ra = bits (x, 15, 12);
    d->rd = bits (x, 11, 8);
    d->rm = bits (x, 3, 0);
    break;
  case ARM_FMT_MULL:
    d->rn = bits (x, 19, 16);
    d->rd = bits (x, 15, 12); /* RdLo */
    d->ra = bits (x, 11, 8);  /* RdHi */
    d->rm = bits (x, 3, 0);
    return d->rd != d->ra;
  default: g_return_val_if_reached (false);
  }
  return true;
}

/* 32-bit branches and system instructions. */
static bool
extract_t32_control (ArmDecoded *d, ArmFormat fmt, uint32_t x)
{
  switch (fmt) {
  case ARM_FMT_BCOND32:
    d->cond = bits (x, 25, 22);
    d->imm
      = (uint32_t) sext (bits (x, 26, 26) << 20 | bits (x, 11, 11) << 19 | bits (x, 13, 13) << 18
                           | bits (x, 21, 16) << 12 | bits (x, 10, 0) << 1,
                         21);
    break;
  case ARM_FMT_B32: {
    uint32_t s = bits (x, 26, 26);
    uint32_t i1 = !(bits (x, 13, 13) ^ s);
    uint32_t i2 = !(bits (x, 11, 11) ^ s);

    d->imm = (uint32_t) sext (
      s << 24 | i1 << 23 | i2 << 22 | bits (x, 25, 16) << 12 | bits (x, 10, 0) << 1, 25);
  } break;
  case ARM_FMT_MSR:
    d->rn = bits (x, 19, 16);
    d->imm = bits (x, 7, 0);
    d->shift_n = bits (x, 11, 10); /* the APSR mask */
    break;
  case ARM_FMT_MRS:
    d->rd = bits (x, 11, 8);
    d->imm = bits (x, 7, 0);
    break;
  case ARM_FMT_BARRIER: d->imm = bits (x, 3, 0); break;
  case ARM_FMT_UDF32: d->imm = bits (x, 19, 16) << 12 | bits (x, 11, 0); break;
  default: g_return_val_if_reached (false);
  }
  return true;
}

/* Fills the operand fields of @d from the bits of @raw, as @fmt says.
 * Returns false for a reserved combination of fields.  One step per
 * encoding group of the manual, chosen by length and then by format. */
static bool
extract (ArmDecoded *d, ArmFormat fmt, uint32_t x)
{
  if (fmt == ARM_FMT_NONE || fmt == ARM_FMT_COPROC)
    return true; /* no operand fields */
  if (d->len == 2)
    return extract_t16 (d, fmt, x);
  switch (fmt) {
  case ARM_FMT_LDSTM:
  case ARM_FMT_STREX:
  case ARM_FMT_LDREX:
  case ARM_FMT_STREXBH:
  case ARM_FMT_LDREXBH:
  case ARM_FMT_TB:
  case ARM_FMT_LDRD:
  case ARM_FMT_LS_IMM12:
  case ARM_FMT_LS_IMM8:
  case ARM_FMT_LS_REG:
  case ARM_FMT_LS_LIT: return extract_t32_memory (d, fmt, x);
  case ARM_FMT_BCOND32:
  case ARM_FMT_B32:
  case ARM_FMT_MSR:
  case ARM_FMT_MRS:
  case ARM_FMT_BARRIER:
  case ARM_FMT_UDF32: return extract_t32_control (d, fmt, x);
  default: return extract_t32_data (d, fmt, x);
  }
}

static const ArmOpcode *
lookup (const ArmOpcode *table, size_t n, unsigned profile, uint32_t raw)
{
  for (size_t i = 0; i < n; i++)
    if ((raw & table[i].mask) == table[i].match && (table[i].profiles & profile))
      return &table[i];
  return NULL;
}

bool
arm_decode (unsigned profile, uint32_t raw, bool in_it, ArmDecoded *out)
{
  const ArmOpcode *op;

  memset (out, 0, sizeof *out);
  /* A 32-bit instruction has its first halfword in the upper half. */
  out->len = arm_insn_length (raw >> 16);
  if (out->len == 2) {
    out->raw = raw & 0xffff;
    op = lookup (arm_opcodes16, G_N_ELEMENTS (arm_opcodes16), profile, out->raw);
  } else {
    out->raw = raw;
    op = lookup (arm_opcodes32, G_N_ELEMENTS (arm_opcodes32), profile, raw);
  }
  out->cond = 14;
  if (!op || op->op == ARM_OP_UNDEF)
    return false;

  out->op = op;
  if (!extract (out, op->fmt, out->raw)) {
    out->op = NULL;
    return false;
  }
  if (op->flags & ARM_F_S_BIT20)
    out->setflags = (out->raw >> 20) & 1;
  else if (op->flags & ARM_F_S_NOT_IT)
    out->setflags = !in_it;
  else if (op->flags & ARM_F_S_ALWAYS)
    out->setflags = true;
  return true;
}

/* ---- what each mnemonic does, one line, for the views ----------------
 * Kept beside the tables: every row's name has a line (a test looks).
 * The DSP families are spelt out by their parts below the table. */

typedef struct {
  const char *name;
  const char *text;
} ArmDescription;

static const ArmDescription arm_descriptions[] = {
  { "adc", "Add with carry: Rd = Rn + op2 + C" },
  { "add", "Add: Rd = Rn + op2" },
  { "addw", "Add a 12-bit immediate: Rd = Rn + imm12" },
  { "and", "Bitwise and: Rd = Rn & op2" },
  { "asr", "Arithmetic shift right (sign bits in)" },
  { "b", "Branch to a pc-relative address (if the condition holds)" },
  { "bfc", "Clear a bit field of Rd" },
  { "bfi", "Insert the low bits of Rn into a bit field of Rd" },
  { "bic", "Bit clear: Rd = Rn & ~op2" },
  { "bkpt", "Breakpoint: stop for the debugger" },
  { "bl", "Branch with link: call, return address in lr" },
  { "blx", "Branch with link to the address in Rm" },
  { "bx", "Branch to the address in Rm (bx lr returns)" },
  { "cbnz", "Compare Rn with zero and branch forward if it is not zero" },
  { "cbz", "Compare Rn with zero and branch forward if it is zero" },
  { "cdp", "Coprocessor data operation" },
  { "clrex", "Clear the local exclusive monitor" },
  { "clz", "Count the leading zero bits of Rm" },
  { "cmn", "Compare negative: set the flags for Rn + op2" },
  { "cmp", "Compare: set the flags for Rn - op2" },
  { "cps", "Change processor state: set or clear PRIMASK or FAULTMASK" },
  { "dmb", "Data memory barrier: order memory accesses" },
  { "dsb", "Data synchronization barrier: wait for memory accesses" },
  { "eor", "Exclusive or: Rd = Rn ^ op2" },
  { "isb", "Instruction synchronization barrier: refetch what follows" },
  { "it", "If-then: make the next one to four instructions conditional" },
  { "ldmdb", "Load several registers, decrementing before" },
  { "ldmia", "Load several registers, incrementing after" },
  { "ldr", "Load a word" },
  { "ldrb", "Load a byte, zero-extended" },
  { "ldrbt", "Load a byte with unprivileged access" },
  { "ldrd", "Load two words into two registers" },
  { "ldrex", "Load a word exclusively (for strex)" },
  { "ldrexb", "Load a byte exclusively (for strexb)" },
  { "ldrexh", "Load a halfword exclusively (for strexh)" },
  { "ldrh", "Load a halfword, zero-extended" },
  { "ldrht", "Load a halfword with unprivileged access" },
  { "ldrsb", "Load a byte, sign-extended" },
  { "ldrsbt", "Load a signed byte with unprivileged access" },
  { "ldrsh", "Load a halfword, sign-extended" },
  { "ldrsht", "Load a signed halfword with unprivileged access" },
  { "ldrt", "Load a word with unprivileged access" },
  { "lsl", "Logical shift left" },
  { "lsr", "Logical shift right (zeros in)" },
  { "mla", "Multiply and accumulate: Rd = Rn * Rm + Ra" },
  { "mls", "Multiply and subtract: Rd = Ra - Rn * Rm" },
  { "mov", "Move: Rd = op2" },
  { "movt", "Move a 16-bit immediate into the top half of Rd" },
  { "movw", "Move a 16-bit immediate into Rd, top half cleared" },
  { "mrs", "Read a special register (PRIMASK, CONTROL, ...) into Rd" },
  { "msr", "Write Rn to a special register (PRIMASK, CONTROL, ...)" },
  { "mul", "Multiply: Rd = Rn * Rm (low 32 bits)" },
  { "mvn", "Move not: Rd = ~op2" },
  { "neg", "Negate: Rd = 0 - Rn" },
  { "nop", "No operation" },
  { "orn", "Or not: Rd = Rn | ~op2" },
  { "orr", "Or: Rd = Rn | op2" },
  { "pkhbt", "Pack the bottom half of Rn with the top half of shifted Rm" },
  { "pkhtb", "Pack the top half of Rn with the bottom half of shifted Rm" },
  { "pld", "Preload data: a hint that the address will be read" },
  { "pli", "Preload instructions: a hint that the address will run" },
  { "pop", "Pop registers from the stack (pop into pc returns)" },
  { "push", "Push registers onto the stack" },
  { "qadd", "Add, saturating to 32 bits signed (sets Q)" },
  { "qdadd", "Saturating add of Rm and twice Rn" },
  { "qdsub", "Saturating subtract of twice Rn from Rm" },
  { "qsub", "Subtract, saturating to 32 bits signed (sets Q)" },
  { "rbit", "Reverse the bit order of Rm" },
  { "rev", "Reverse the byte order of a word" },
  { "rev16", "Reverse the byte order of each halfword" },
  { "revsh", "Reverse the bytes of the low halfword, sign-extend" },
  { "ror", "Rotate right" },
  { "rsb", "Reverse subtract: Rd = op2 - Rn" },
  { "sbc", "Subtract with carry: Rd = Rn - op2 - not C" },
  { "sbfx", "Extract a signed bit field of Rn" },
  { "sdiv", "Signed divide: Rd = Rn / Rm" },
  { "sel", "Select each byte from Rn or Rm by the GE flags" },
  { "sev", "Send an event to every processor" },
  { "smlal", "Signed multiply, add the 64-bit product to RdHi:RdLo" },
  { "smull", "Signed multiply, 64-bit product into RdHi:RdLo" },
  { "smmla", "Signed most-significant-word multiply and accumulate" },
  { "smmlar", "Signed most-significant-word multiply-accumulate, rounded" },
  { "smmls", "Signed most-significant-word multiply and subtract" },
  { "smmlsr", "Signed most-significant-word multiply-subtract, rounded" },
  { "smmul", "Signed most-significant word of a multiply" },
  { "smmulr", "Signed most-significant word of a multiply, rounded" },
  { "ssat", "Saturate a signed value to a bit width" },
  { "ssat16", "Saturate two signed halfwords to a bit width" },
  { "stmdb", "Store several registers, decrementing before" },
  { "stmia", "Store several registers, incrementing after" },
  { "str", "Store a word" },
  { "strb", "Store a byte" },
  { "strbt", "Store a byte with unprivileged access" },
  { "strd", "Store two registers as two words" },
  { "strex", "Store a word if the exclusive monitor allows; Rd = 0 on success" },
  { "strexb", "Store a byte exclusively; Rd = 0 on success" },
  { "strexh", "Store a halfword exclusively; Rd = 0 on success" },
  { "strh", "Store a halfword" },
  { "strht", "Store a halfword with unprivileged access" },
  { "strt", "Store a word with unprivileged access" },
  { "sub", "Subtract: Rd = Rn - op2" },
  { "subw", "Subtract a 12-bit immediate: Rd = Rn - imm12" },
  { "svc", "Supervisor call: raise the SVCall exception" },
  { "tbb", "Table branch: branch forward by a byte from a table" },
  { "tbh", "Table branch: branch forward by a halfword from a table" },
  { "teq", "Test equivalence: set the flags for Rn ^ op2" },
  { "tst", "Test: set the flags for Rn & op2" },
  { "ubfx", "Extract an unsigned bit field of Rn" },
  { "udf", "Permanently undefined: raise an usage fault" },
  { "udiv", "Unsigned divide: Rd = Rn / Rm" },
  { "umaal", "Unsigned multiply, add both halves of RdHi:RdLo" },
  { "umlal", "Unsigned multiply, add the 64-bit product to RdHi:RdLo" },
  { "umull", "Unsigned multiply, 64-bit product into RdHi:RdLo" },
  { "undefined", "An encoding that is undefined on this core" },
  { "usad8", "Sum of the absolute differences of four byte pairs" },
  { "usada8", "Sum of absolute byte differences, accumulated" },
  { "usat", "Saturate a signed value to an unsigned bit width" },
  { "usat16", "Saturate two signed halfwords to an unsigned width" },
  { "vfp", "A floating-point instruction (coprocessor 10/11)" },
  { "vldm", "Load several floating-point registers" },
  { "vldr", "Load a floating-point register" },
  { "vmov", "Move between floating-point and core registers" },
  { "vstm", "Store several floating-point registers" },
  { "vstr", "Store a floating-point register" },
  { "wfe", "Wait for an event" },
  { "wfi", "Wait for an interrupt" },
  { "yield", "A hint that this thread could yield" },
};

static const char *
arm_lookup_description (const char *name)
{
  for (unsigned i = 0; i < G_N_ELEMENTS (arm_descriptions); i++)
    if (strcmp (arm_descriptions[i].name, name) == 0)
      return arm_descriptions[i].text;
  return NULL;
}

/* The DSP families by their parts: the prefix of the parallel add and
 * subtract (sadd16, uqsax, shasx), the halves of the 16-bit multiplies
 * (smlabt, smulwb, smlaltb), the dual multiplies (smladx, smusd), and
 * the extends (sxtab16, uxth). */
static bool
arm_describe_family (const char *name, char *text, size_t size)
{
  static const struct { const char *prefix, *what; } parallel[] = {
    { "uq", "unsigned saturating" }, { "uh", "unsigned halving" },
    { "sh", "signed halving" }, { "q", "signed saturating" },
    { "s", "signed" }, { "u", "unsigned" },
  };
  static const struct { const char *op, *what; } parallel_ops[] = {
    { "add16", "add of two halfword pairs" }, { "add8", "add of four byte pairs" },
    { "sub16", "subtract of two halfword pairs" }, { "sub8", "subtract of four byte pairs" },
    { "asx", "add and subtract with exchanged halfwords" },
    { "sax", "subtract and add with exchanged halfwords" },
  };
  size_t len = strlen (name);

  for (unsigned p = 0; p < G_N_ELEMENTS (parallel); p++) {
    size_t pl = strlen (parallel[p].prefix);

    if (strncmp (name, parallel[p].prefix, pl) != 0)
      continue;
    for (unsigned o = 0; o < G_N_ELEMENTS (parallel_ops); o++)
      if (strcmp (name + pl, parallel_ops[o].op) == 0) {
        g_snprintf (text, size, "Parallel %s %s", parallel[p].what, parallel_ops[o].what);
        return true;
      }
  }
  /* smul<x><y>, smla<x><y>, smlal<x><y>, smulw<y>, smlaw<y>. */
  if (len >= 6 && (g_str_has_prefix (name, "smul") || g_str_has_prefix (name, "smla"))) {
    const char *xy = name + 4;
    bool acc = name[3] == 'a', wide = false, longacc = false;

    if (*xy == 'l' && strlen (xy) == 3) {
      longacc = true;
      xy++;
    } else if (*xy == 'w' && strlen (xy) == 2) {
      wide = true;
      xy++;
    }
    if (strlen (xy) == 2 && strchr ("bt", xy[0]) && strchr ("bt", xy[1]) && !wide) {
      g_snprintf (text, size, "Signed multiply of the %s half of Rn by the %s half of Rm%s",
                  xy[0] == 'b' ? "bottom" : "top", xy[1] == 'b' ? "bottom" : "top",
                  longacc ? ", accumulated in 64 bits" : acc ? ", accumulated" : "");
      return true;
    }
    if (wide && strlen (xy) == 1 && strchr ("bt", xy[0])) {
      g_snprintf (text, size, "Signed multiply of Rn by the %s half of Rm, top 32 bits%s",
                  xy[0] == 'b' ? "bottom" : "top", acc ? ", accumulated" : "");
      return true;
    }
  }
  /* smlad, smladx, smlald, smlsd, smlsldx, smuad, smusdx. */
  {
    static const struct { const char *base, *what; } dual[] = {
      { "smlad", "Dual signed multiply, add both products and accumulate" },
      { "smlald", "Dual signed multiply, add both products to a 64-bit accumulator" },
      { "smlsd", "Dual signed multiply, subtract the products and accumulate" },
      { "smlsld", "Dual signed multiply, subtract the products, 64-bit accumulator" },
      { "smuad", "Dual signed multiply, add the products" },
      { "smusd", "Dual signed multiply, subtract the products" },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS (dual); i++) {
      size_t bl = strlen (dual[i].base);

      if (strncmp (name, dual[i].base, bl) == 0 && (name[bl] == 0 || strcmp (name + bl, "x") == 0)) {
        g_snprintf (text, size, "%s%s", dual[i].what, name[bl] ? " (halves of Rm exchanged)" : "");
        return true;
      }
    }
  }
  /* sxtb, uxtah, sxtab16: sign- or zero-extend, optionally add. */
  if (len >= 4 && (name[0] == 's' || name[0] == 'u') && strncmp (name + 1, "xt", 2) == 0) {
    const char *rest = name + 3;
    bool add = *rest == 'a';
    const char *what;

    if (add)
      rest++;
    if (strcmp (rest, "b") == 0)
      what = "a byte";
    else if (strcmp (rest, "h") == 0)
      what = "a halfword";
    else if (strcmp (rest, "b16") == 0)
      what = "two bytes to halfwords";
    else
      return false;
    g_snprintf (text, size, "%s-extend %s of (rotated) Rm%s", name[0] == 's' ? "Sign" : "Zero",
                what, add ? " and add Rn" : "");
    return true;
  }
  return false;
}

bool
arm_describe (const char *name, char *text, size_t size)
{
  const char *line = arm_lookup_description (name);

  if (line != NULL) {
    g_strlcpy (text, line, size);
    return true;
  }
  return arm_describe_family (name, text, size);
}

const char *
arm_decode_row_name (bool wide, unsigned i)
{
  if (wide)
    return i < G_N_ELEMENTS (arm_opcodes32) ? arm_opcodes32[i].name : NULL;
  return i < G_N_ELEMENTS (arm_opcodes16) ? arm_opcodes16[i].name : NULL;
}
