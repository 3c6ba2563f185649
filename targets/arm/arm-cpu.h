/* Private to targets/arm/: the core state and what the files of this
 * folder share.
 *
 * Following one instruction from its bits to its effect:
 *
 *   arm-decode.c         the table row whose mask/match fits the bits (one
 *                        table of 16-bit and one of 32-bit encodings, each
 *                        row saying which profiles have it), its operand
 *                        format and the ArmOp it executes as;
 *   arm-exec.c           the run loop, the decode cache holding decoded
 *                        fields and the executor pointer, memory access,
 *                        IT blocks and the system instructions;
 *   arm-exec-template.h  the executors of the common ArmOps, compiled
 *                        twice inside arm-exec.c (16-bit and 32-bit
 *                        encodings: the next pc is pc + a constant);
 *   arm-except.c         exception entry and return, priorities, faults;
 *   arm-scs.c            the system control space of the core: NVIC,
 *                        SysTick, SCB;
 *   arm-semihost.c       semihosting through `bkpt 0xab`;
 *   arm-disas.c          how the same table row is printed;
 *   arm-regs.c           the register table of the views and debugger;
 *   arm.c                the class descriptors.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "engine/cpu.h"
#include "engine/machine.h"
#include "engine/memory.h"

G_BEGIN_DECLS

/* ---- profiles ------------------------------------------------------------ */

enum {
  ARM_V6M = 1 << 0,
  ARM_V7M = 1 << 1,
  ARM_ANY = ARM_V6M | ARM_V7M,
  /* Not a profile but the DSP extension (ARMv7E-M, the M4): decode rows
   * with it match only on a core that has it (ArmCpu.isa). */
  ARM_DSP = 1 << 2,
  /* Likewise the FPv4-SP FPU (the M4F; arm-fpu.c). */
  ARM_FPU = 1 << 3,
};

/* ---- what an instruction executes as ------------------------------------ */

typedef enum {
  ARM_OP_UNDEF, /* UNDEFINED: UsageFault or HardFault */
  ARM_OP_NOCP,  /* coprocessor space: there is no coprocessor */
  /* Data processing: executor chosen by [op][operand kind][setflags]. */
  ARM_OP_AND,
  ARM_OP_EOR,
  ARM_OP_ORR,
  ARM_OP_ORN,
  ARM_OP_BIC,
  ARM_OP_MOV,
  ARM_OP_MVN,
  ARM_OP_ADD,
  ARM_OP_ADC,
  ARM_OP_SUB,
  ARM_OP_SBC,
  ARM_OP_RSB,
  ARM_OP_TST,
  ARM_OP_TEQ,
  ARM_OP_CMP,
  ARM_OP_CMN,
  /* Shifts by a register. */
  ARM_OP_LSL_R,
  ARM_OP_LSR_R,
  ARM_OP_ASR_R,
  ARM_OP_ROR_R,
  ARM_OP_ADR,
  ARM_OP_MOVT,
  ARM_OP_MUL,
  ARM_OP_MLA,
  ARM_OP_MLS,
  ARM_OP_UMULL,
  ARM_OP_SMULL,
  ARM_OP_UMLAL,
  ARM_OP_SMLAL,
  ARM_OP_SDIV,
  ARM_OP_UDIV,
  /* Loads and stores: executor chosen by [op][addressing kind]. */
  ARM_OP_LDR,
  ARM_OP_LDRB,
  ARM_OP_LDRH,
  ARM_OP_LDRSB,
  ARM_OP_LDRSH,
  ARM_OP_STR,
  ARM_OP_STRB,
  ARM_OP_STRH,
  ARM_OP_LDRD,
  ARM_OP_STRD,
  ARM_OP_LDREX,
  ARM_OP_LDREXB,
  ARM_OP_LDREXH,
  ARM_OP_STREX,
  ARM_OP_STREXB,
  ARM_OP_STREXH,
  ARM_OP_CLREX,
  ARM_OP_LDM,
  ARM_OP_LDMDB,
  ARM_OP_STM,
  ARM_OP_STMDB,
  ARM_OP_PLD, /* preload hints: no effect */
  ARM_OP_BFI,
  ARM_OP_BFC,
  ARM_OP_UBFX,
  ARM_OP_SBFX,
  ARM_OP_CLZ,
  ARM_OP_RBIT,
  ARM_OP_REV,
  ARM_OP_REV16,
  ARM_OP_REVSH,
  ARM_OP_SXTB,
  ARM_OP_SXTH,
  ARM_OP_UXTB,
  ARM_OP_UXTH,
  ARM_OP_SSAT,
  ARM_OP_USAT,
  ARM_OP_B,
  ARM_OP_BCOND,
  ARM_OP_BL,
  ARM_OP_BX,
  ARM_OP_BLX,
  ARM_OP_CBZ,
  ARM_OP_CBNZ,
  ARM_OP_TBB,
  ARM_OP_TBH,
  ARM_OP_MRS,
  ARM_OP_MSR,
  ARM_OP_CPS,
  ARM_OP_BARRIER,
  ARM_OP_ISB,
  ARM_OP_NOP,
  ARM_OP_YIELD,
  ARM_OP_WFE,
  ARM_OP_WFI,
  ARM_OP_SEV,
  ARM_OP_SVC,
  ARM_OP_BKPT,
  ARM_OP_UDF,
  /* The DSP extension (arm-dsp.c): each executor reads its variant (the
   * operation, signedness, halves, rounding) from the encoding. */
  ARM_OP_PAR,     /* parallel add/subtract, 36 of them */
  ARM_OP_QADDSUB, /* qadd, qsub, qdadd, qdsub */
  ARM_OP_SEL,
  ARM_OP_SMULXY, /* smulxy, smlaxy */
  ARM_OP_SMULWY, /* smulwy, smlawy */
  ARM_OP_SMUAD,  /* smuad(x), smlad(x), smusd(x), smlsd(x) */
  ARM_OP_SMMUL,  /* smmul(r), smmla(r), smmls(r) */
  ARM_OP_USAD8,  /* usad8, usada8 */
  ARM_OP_SMLALXY,
  ARM_OP_SMLALD, /* smlald(x), smlsld(x) */
  ARM_OP_UMAAL,
  ARM_OP_PKH,   /* pkhbt, pkhtb */
  ARM_OP_SAT16, /* ssat16, usat16 */
  ARM_OP_XTA,   /* sxtab, sxtah, uxtab, uxtah, the 16-bit pairs, sxtb16 */
  /* The FPU (arm-fpu.c), executors reading the encoding likewise. */
  ARM_OP_VDP,   /* data processing */
  ARM_OP_VXFER, /* vmov core <-> single, vmrs, vmsr */
  ARM_OP_VMOV2, /* vmov two cores <-> two singles or a doubleword */
  ARM_OP_VLDST, /* vldr, vstr, vldm, vstm, vpush, vpop */
  ARM_OP_IT,
  ARM_OP_COUNT
} ArmOp;

#define ARM_DP_FIRST ARM_OP_AND
#define ARM_DP_COUNT (ARM_OP_CMN - ARM_OP_AND + 1)
#define ARM_LS_FIRST ARM_OP_LDR
#define ARM_LS_COUNT (ARM_OP_STRH - ARM_OP_LDR + 1)

/* How the operands sit in the instruction: drives both the field
 * extraction of the decoder and the operand text of the disassembler. */
typedef enum {
  ARM_FMT_NONE, /* nop                                     */
  /* 16-bit encodings */
  ARM_FMT_T16_SHIFT_IMM, /* lsls   rd, rm, #n                        */
  ARM_FMT_T16_MOVS,      /* movs   rd, rm                            */
  ARM_FMT_T16_RRR,       /* adds   rd, rn, rm                        */
  ARM_FMT_T16_RRI3,      /* adds   rd, rn, #imm3                     */
  ARM_FMT_T16_RI8,       /* movs   rd, #imm8                         */
  ARM_FMT_T16_DP,        /* ands   rdn, rm                           */
  ARM_FMT_T16_NEG,       /* negs   rd, rn                            */
  ARM_FMT_T16_HI,        /* add    rdn, rm   (any registers)          */
  ARM_FMT_T16_BX,        /* bx     rm                                */
  ARM_FMT_T16_LDR_LIT,   /* ldr    rt, [pc, #imm]                    */
  ARM_FMT_T16_LS_REG,    /* ldr    rt, [rn, rm]                      */
  ARM_FMT_T16_LS_IMM,    /* ldr    rt, [rn, #imm]                    */
  ARM_FMT_T16_LS_SP,     /* ldr    rt, [sp, #imm]                    */
  ARM_FMT_T16_ADR,       /* add    rd, pc, #imm                      */
  ARM_FMT_T16_ADD_SP,    /* add    rd, sp, #imm                      */
  ARM_FMT_T16_SP_IMM7,   /* add    sp, #imm                          */
  ARM_FMT_T16_CBZ,       /* cbz    rn, target                        */
  ARM_FMT_T16_RR,        /* sxth   rd, rm                            */
  ARM_FMT_T16_PUSH,      /* push   {list}                            */
  ARM_FMT_T16_POP,       /* pop    {list}                            */
  ARM_FMT_T16_CPS,       /* cpsie  i                                 */
  ARM_FMT_T16_BKPT,      /* bkpt   0x00ab                            */
  ARM_FMT_T16_IT,        /* itte   eq                                */
  ARM_FMT_T16_LDSTM,     /* ldmia  rn!, {list}                       */
  ARM_FMT_T16_UDF,       /* udf    #imm8                             */
  ARM_FMT_T16_SVC,       /* svc    imm8                              */
  ARM_FMT_T16_BCOND,     /* beq.n  target                            */
  ARM_FMT_T16_B,         /* b.n    target                            */
  /* 32-bit encodings */
  ARM_FMT_LDSTM,         /* ldmia.w rn!, {list}                      */
  ARM_FMT_STREX,         /* strex  rd, rt, [rn, #imm]                */
  ARM_FMT_LDREX,         /* ldrex  rt, [rn, #imm]                    */
  ARM_FMT_STREXBH,       /* strexb rd, rt, [rn]                      */
  ARM_FMT_LDREXBH,       /* ldrexb rt, [rn]                          */
  ARM_FMT_TB,            /* tbb    [rn, rm]                          */
  ARM_FMT_LDRD,          /* ldrd   rt, rt2, [rn, #imm]{!}            */
  ARM_FMT_DP_SHIFT,      /* add.w  rd, rn, rm{, shift}               */
  ARM_FMT_DP_SHIFT_MOV,  /* mov.w  rd, rm{, shift}                   */
  ARM_FMT_DP_SHIFT_TEST, /* cmp.w  rn, rm{, shift}                   */
  ARM_FMT_DP_IMM,        /* add.w  rd, rn, #imm                      */
  ARM_FMT_DP_IMM_MOV,    /* mov.w  rd, #imm                          */
  ARM_FMT_DP_IMM_TEST,   /* cmp.w  rn, #imm                          */
  ARM_FMT_ADDW,          /* addw   rd, rn, #imm12                    */
  ARM_FMT_ADR32,         /* addw   rd, pc, #imm12                    */
  ARM_FMT_MOVW,          /* movw   rd, #imm16                        */
  ARM_FMT_SAT,           /* ssat   rd, #n, rn{, shift}               */
  ARM_FMT_BFX,           /* ubfx   rd, rn, #lsb, #width              */
  ARM_FMT_BFI,           /* bfi    rd, rn, #lsb, #width              */
  ARM_FMT_BFC,           /* bfc    rd, #lsb, #width                  */
  ARM_FMT_BCOND32,       /* beq.w  target                            */
  ARM_FMT_B32,           /* b.w    target                            */
  ARM_FMT_MSR,           /* msr    PRIMASK, rn                       */
  ARM_FMT_MRS,           /* mrs    rd, PRIMASK                       */
  ARM_FMT_BARRIER,       /* dmb    sy                                */
  ARM_FMT_UDF32,         /* udf.w  #imm16                            */
  ARM_FMT_LS_IMM12,      /* ldr.w  rt, [rn, #imm12]                  */
  ARM_FMT_LS_IMM8,       /* ldr    rt, [rn, #-imm8] / [rn], #imm8 …  */
  ARM_FMT_LS_REG,        /* ldr.w  rt, [rn, rm{, lsl #n}]            */
  ARM_FMT_LS_LIT,        /* ldr.w  rt, [pc, #imm]                    */
  ARM_FMT_RRR,           /* lsl.w  rd, rn, rm                        */
  ARM_FMT_EXTEND,        /* uxtb.w rd, rm{, ror #n}                  */
  ARM_FMT_RR,            /* clz    rd, rm                            */
  ARM_FMT_MLA,           /* mla    rd, rn, rm, ra                    */
  ARM_FMT_MULL,          /* umull  rdlo, rdhi, rn, rm                */
  ARM_FMT_COPROC,        /* (printed as raw data)                    */
  ARM_FMT_QADD,          /* qadd   rd, rm, rn                        */
  ARM_FMT_EXTEND_ADD,    /* sxtab  rd, rn, rm{, ror #n}              */
  ARM_FMT_PKH,           /* pkhbt  rd, rn, rm{, lsl #n}              */
  ARM_FMT_VFP,           /* (the name, then the raw encoding)        */
} ArmFormat;

/* Row flags. */
enum {
  ARM_F_S_BIT20 = 1 << 0,  /* sets flags when bit 20 is set; prints "s" */
  ARM_F_S_NOT_IT = 1 << 1, /* sets flags outside an IT block; prints "s" */
  ARM_F_S_ALWAYS = 1 << 2, /* always sets flags (compares), no "s" */
  ARM_F_WIDE = 1 << 3,     /* prints ".w" */
  ARM_F_NARROW = 1 << 4,   /* prints ".n" */
  ARM_F_NO_RT = 1 << 5,    /* preload hints: no transfer register */
};

typedef struct {
  uint32_t mask;
  uint32_t match; /* (insn & mask) == match; the first row wins */
  ArmOp op;
  const char *name;
  ArmFormat fmt;
  uint8_t profiles;
  uint8_t flags;
} ArmOpcode;

/* Operand kinds of data processing and addressing modes of loads/stores. */
typedef enum {
  ARM_K_NONE,
  ARM_K_IMM,   /* operand 2 is d->imm (carry in d->carry)     */
  ARM_K_REG,   /* operand 2 is rm, unshifted                  */
  ARM_K_SHIFT, /* operand 2 is rm shifted by an immediate     */
  ARM_K_COUNT_DP,
  ARM_K_OFF_IMM = 0, /* [rn, #imm] (imm signed), no writeback       */
  ARM_K_OFF_REG,     /* [rn, rm, lsl #shift_n]                      */
  ARM_K_PUW,         /* pre/post-indexed with writeback             */
  ARM_K_LIT,         /* [pc, #imm]: Align (pc, 4) + imm             */
  ARM_K_COUNT_LS,
} ArmKind;

typedef enum {
  ARM_SHIFT_LSL,
  ARM_SHIFT_LSR,
  ARM_SHIFT_ASR,
  ARM_SHIFT_ROR,
  ARM_SHIFT_RRX,
} ArmShift;

/* Carry out of a modified immediate. */
enum { ARM_CARRY_KEEP, ARM_CARRY_CLEAR, ARM_CARRY_SET };

/* An instruction taken apart. */
typedef struct {
  const ArmOpcode *op;    /* NULL: undefined */
  uint32_t raw;           /* 16-bit: the halfword; 32-bit: hw1 << 16 | hw2 */
  uint8_t len;            /* 2 or 4 */
  uint8_t rd, rn, rm, ra; /* ra: accumulator, RdHi, Rt2, or strex status */
  uint8_t kind;           /* ArmKind */
  uint8_t shift_type, shift_n;
  uint8_t carry;
  uint8_t cond; /* b<cond>, it firstcond */
  bool setflags;
  bool index, wback; /* addressing with writeback (ARM_K_PUW) */
  uint32_t imm;      /* immediate, signed offset, register list ... */
} ArmDecoded;

/* 4 when the halfword @hw1 starts a 32-bit instruction, else 2. */
static inline unsigned
arm_insn_length (uint32_t hw1)
{
  return (hw1 >> 11) >= 0x1d ? 4 : 2;
}

/* Decodes @raw for @profile (ARM_V6M or ARM_V7M); @in_it says whether the
 * instruction sits inside an IT block (16-bit data processing then does
 * not set flags).  Always fills @out; returns false, with out->op == NULL,
 * for an undefined instruction. */
bool arm_decode (unsigned profile, uint32_t raw, bool in_it, ArmDecoded *out);
/* One line on what instruction @name does ("adds" is "add"), from the
 * descriptions kept beside the decode tables, into @text; false when
 * there is none. */
bool arm_describe (const char *name, char *text, size_t size);
/* The name of row @i of the 16-bit or 32-bit table, NULL past the end. */
const char *arm_decode_row_name (bool wide, unsigned i);

/* Writes "adds    r0, r1, #1" for the instruction @raw at @pc; @itstate is
 * the IT state it executes under (0 outside IT blocks). */
void arm_disas_insn (unsigned profile, uint32_t pc, uint32_t raw, unsigned itstate, GString *text);

extern const char *const arm_reg_names[16];
extern const char *const arm_cond_names[16];

/* ---- the core ------------------------------------------------------------ */

typedef struct ArmCpu ArmCpu;
typedef struct ArmInsn ArmInsn;

/* An executor runs one decoded instruction at @pc and returns the next pc.
 * @done is how many instructions this run() has gone through before this
 * one (what mdl_cpu_account needs before a slow-path access).  A return
 * value with bit 0 set (ARM_CHECK; Thumb pcs are even) asks the loop to
 * look at the core: an exception was taken, an interrupt may have become
 * enabled, an IT block starts, or run() must stop. */
typedef uint32_t (*ArmExecFn) (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done);

#define ARM_CHECK 1u

/* One entry of the decode cache: 32 bytes, so that the entries of a hot
 * loop (one per halfword of code) take as few host cache lines as they
 * can, and an entry's offset is the pc shifted and masked
 * (arm_icache_entry). */
struct ArmInsn {
  uint32_t tag; /* pc | 1 when decoded inside an IT block */
  uint32_t imm;
  ArmExecFn exec;
  uint32_t raw;
  uint8_t rd, rn, rm, ra;
  uint8_t shift_type, shift_n, carry, len;
  uint8_t index : 1, wback : 1;
  uint8_t pc_flags;
  /* Wrapped (exec is arm_exec_pc_wrap or arm_exec_sp_wrap): what picks
   * the executor they run (arm-exec.c, arm_inner_key), never 0; else 0. */
  uint16_t inner;
};

G_STATIC_ASSERT (sizeof (ArmInsn) == 32);

#define ARM_TAG_EMPTY   0xffffffffu /* also pc 0xfffffffe in an IT block: arm_step_it */
#define ARM_ICACHE_BITS 13
#define ARM_ICACHE_SIZE (1u << ARM_ICACHE_BITS)
#define ARM_FILL_LOG    512

/* The entry of decode cache @cache for @pc: entry (pc / 2) mod
 * ARM_ICACHE_SIZE, whose byte offset is pc * 16 masked, which the host
 * adds in its addressing. */
static inline ArmInsn *
arm_icache_entry (ArmInsn *cache, uint32_t pc)
{
  return (ArmInsn *) ((char *) cache
                      + (((size_t) pc << 4) & ((size_t) (ARM_ICACHE_SIZE - 1) * sizeof (ArmInsn))));
}

/* pc_flags of a decoded instruction that reads or writes r15 as a general
 * register (rare: "add r0, pc", "mov pc, lr", "ldr pc, [sp], #4"). */
enum {
  ARM_PC_READ = 1 << 0,
  ARM_PC_WRITE_ALU = 1 << 1,  /* BranchWritePC */
  ARM_PC_WRITE_LOAD = 1 << 2, /* BXWritePC: interworking, exception return */
};

/* Exception numbers. */
enum {
  ARM_EXC_RESET = 1,
  ARM_EXC_NMI = 2,
  ARM_EXC_HARDFAULT = 3,
  ARM_EXC_MEMMANAGE = 4,
  ARM_EXC_BUSFAULT = 5,
  ARM_EXC_USAGEFAULT = 6,
  ARM_EXC_SVCALL = 11,
  ARM_EXC_DEBUGMON = 12,
  ARM_EXC_PENDSV = 14,
  ARM_EXC_SYSTICK = 15,
  ARM_EXC_IRQ0 = 16,
};

#define ARM_MAX_IRQ   64
#define ARM_N_EXC     (ARM_EXC_IRQ0 + ARM_MAX_IRQ)
#define ARM_EXC_WORDS ((ARM_N_EXC + 31) / 32)

static inline bool
arm_bit_get (const uint32_t *bits, unsigned n)
{
  return (bits[n / 32] >> (n % 32)) & 1;
}

static inline void
arm_bit_put (uint32_t *bits, unsigned n, bool v)
{
  if (v)
    bits[n / 32] |= 1u << (n % 32);
  else
    bits[n / 32] &= ~(1u << (n % 32));
}

/* CFSR and HFSR bits. */
enum {
  ARM_CFSR_IACCVIOL = 1u << 0,
  ARM_CFSR_DACCVIOL = 1u << 1,
  ARM_CFSR_MUNSTKERR = 1u << 3,
  ARM_CFSR_MSTKERR = 1u << 4,
  ARM_CFSR_MMARVALID = 1u << 7,
  ARM_CFSR_IBUSERR = 1u << 8,
  ARM_CFSR_PRECISERR = 1u << 9,
  ARM_CFSR_UNSTKERR = 1u << 11,
  ARM_CFSR_STKERR = 1u << 12,
  ARM_CFSR_BFARVALID = 1u << 15,
  ARM_CFSR_UNDEFINSTR = 1u << 16,
  ARM_CFSR_INVSTATE = 1u << 17,
  ARM_CFSR_INVPC = 1u << 18,
  ARM_CFSR_NOCP = 1u << 19,
  ARM_CFSR_UNALIGNED = 1u << 24,
  ARM_CFSR_DIVBYZERO = 1u << 25,
  ARM_HFSR_VECTTBL = 1u << 1,
  ARM_HFSR_FORCED = 1u << 30,
};

/* CCR bits (v7-M). */
enum {
  ARM_CCR_NONBASETHRDENA = 1u << 0,
  ARM_CCR_USERSETMPEND = 1u << 1,
  ARM_CCR_UNALIGN_TRP = 1u << 3,
  ARM_CCR_DIV_0_TRP = 1u << 4,
  ARM_CCR_BFHFNMIGN = 1u << 8,
  ARM_CCR_STKALIGN = 1u << 9,
};

/* CONTROL bits. */
enum { ARM_CONTROL_NPRIV = 1u << 0, ARM_CONTROL_SPSEL = 1u << 1, ARM_CONTROL_FPCA = 1u << 2 };

struct ArmCpu {
  MdlCpu cpu; /* first: the engine's view */

  /* Architectural state.  r[13] is the active stack pointer, the other
   * one waits in sp_other; r[15] is a scratch slot that holds pc + 4 for
   * the few instructions that read the pc as a register. */
  uint32_t r[16];
  uint32_t pc;
  uint32_t sp_other;
  /* Flags, kept apart so that setting them costs no masking: N is bit 31
   * of nf, Z is (zf == 0), C is cf (0 or 1), V is bit 31 of vf. */
  uint32_t nf, zf, cf, vf;
  uint32_t qf;      /* APSR.Q */
  uint32_t ge;      /* APSR.GE[3:0] (DSP extension; 0 without it) */
  uint32_t ipsr;    /* exception number; 0 in Thread mode */
  uint32_t itstate; /* EPSR.IT, 8 bits */
  uint32_t primask, faultmask, basepri, control;
  bool event; /* the WFE event register */

  unsigned profile;   /* ARM_V6M or ARM_V7M, from the class */
  unsigned isa;       /* profile, plus ARM_DSP on the M4: what decodes */
  unsigned prio_bits; /* implemented priority bits (2 to 8) */
  unsigned n_irq;     /* external interrupts */
  uint32_t cpuid;
  bool bitband; /* the bit-band aliases at 0x22000000 and 0x42000000 */

  /* Exceptions: the priority of each (-3..255 after grouping is done at
   * comparison time), pending and active bits.  External interrupts also
   * have an enable and the level of their input line. */
  int16_t exc_prio[ARM_N_EXC];
  uint32_t exc_pending[ARM_EXC_WORDS]; /* bitmaps, by exception number */
  uint32_t exc_active[ARM_EXC_WORDS];
  bool irq_enabled[ARM_MAX_IRQ];
  bool irq_level[ARM_MAX_IRQ];
  bool nmi_level; /* the NMI input line (after the external ones) */

  /* System control block. */
  uint32_t vtor, prigroup, scr, ccr, shcsr_ena;
  uint32_t cfsr, hfsr, mmfar, bfar;

  /* DEMCR and the DWT's cycle counter (arm-dwt.c). */
  uint32_t demcr, dwt_ctrl, dwt_base_cnt;
  uint64_t dwt_base_ps;
  uint32_t dwt_comp[16];

  /* The FPU (arm-fpu.c), on the M4F only. */
  bool has_fpu;
  uint32_t sreg[32];
  uint32_t fpscr, cpacr, fpccr, fpcar, fpdscr;

  /* The FPB (arm-fpb.c). */
  bool fpb_enable;
  uint32_t fpb_remap, fpb_comp[8];

  /* The MPU (arm-mpu.c); mpu_fault says the access that just failed was
   * refused by it (a MemManage fault, not a BusFault). */
  uint32_t mpu_ctrl, mpu_rnr;
  uint32_t mpu_rbar[8], mpu_rasr[8];
  bool mpu_was_on;
  bool mpu_fault;

  /* SysTick: while enabled, the counter held @syst_base_val at time
   * @syst_base_ps and decrements once per CPU cycle; syst_event fires
   * when it reaches 0. */
  uint32_t syst_csr, syst_rvr;
  uint32_t syst_base_val;
  uint64_t syst_base_ps;
  MdlEvent syst_event;

  /* The local exclusive monitor, with the value LDREX read (so that a
   * store by another core between LDREX and STREX makes STREX fail). */
  bool excl_valid;
  uint32_t excl_addr, excl_size, excl_value;

  uint32_t semihost_pos; /* read position in the features file */

  /* Bookkeeping of the current run(). */
  uint64_t run_traps;     /* instructions that trapped (not retired) */
  uint64_t run_accounted; /* retired ones already given to the engine */
  bool trapped;           /* set by an exception, read by the loop */
  bool ipsr_changed;      /* an exception entry or return happened */
  uint32_t fetch_fault_addr;

  /* Fast paths to RAM, valid for address-space generation @as_gen.  An
   * access at addr hits when addr - base < limit (the window size minus
   * 3, so that any access up to 4 bytes fits).  align_mask is ~0 when
   * every halfword and word access must be aligned (ARMv6-M, or
   * CCR.UNALIGN_TRP), else 0. */
  uint64_t as_gen;
  uint32_t ld_base, ld_limit;
  uint8_t *ld_host;
  uint32_t st_base, st_limit;
  uint8_t *st_host;
  uint32_t align_mask;
  /* The window the vector table was last read from (exception entry),
   * kept apart so that entries do not replace the load window. */
  uint32_t vec_base, vec_limit;
  uint8_t *vec_host;
  MdlRamWindow fetch_win;
  bool fetch_win_valid;
  bool lit_win_valid; /* fetch_win may serve data loads (MPU off) */
  /* The same as a window of the load window's kind, for the literal
   * loads of the interpreter: base, and size - 3 (0 while it may not
   * serve them). */
  uint32_t lit_base, lit_limit;

  bool jit_unavailable; /* no code memory for the translating tier */

  ArmInsn fault_entry; /* not cached: a fetch that failed */
  ArmInsn icache[ARM_ICACHE_SIZE];
  /* The entries filled since the decode cache was last emptied, while
   * there are at most ARM_FILL_LOG (fill_n stops one past it): emptying
   * the cache then clears only those, not all 8192 (a reset empties it,
   * and so does every store to code on a machine that flushes on them). */
  uint16_t fill_log[ARM_FILL_LOG];
  unsigned fill_n;
};

/* ---- flags and conditions ------------------------------------------------ */

static inline uint32_t
arm_apsr (const ArmCpu *s)
{
  return (s->nf & 0x80000000u) | (s->zf == 0) << 30 | s->cf << 29 | (s->vf & 0x80000000u) >> 3
         | (s->qf ? 1u << 27 : 0) | s->ge << 16;
}

/* Sets N Z C V Q, and GE[3:0] on a core with the DSP extension. */
static inline void
arm_set_apsr (ArmCpu *s, uint32_t v)
{
  s->nf = v & 0x80000000u;
  s->zf = !(v & (1u << 30));
  s->cf = (v >> 29) & 1;
  s->vf = (v << 3) & 0x80000000u;
  s->qf = (v >> 27) & 1;
  s->ge = s->isa & ARM_DSP ? (v >> 16) & 15 : 0;
}

static inline bool
arm_cond_pass (const ArmCpu *s, unsigned cond)
{
  bool r;

  switch (cond >> 1) {
  case 0: r = s->zf == 0; break;                               /* EQ / NE */
  case 1: r = s->cf; break;                                    /* CS / CC */
  case 2: r = s->nf >> 31; break;                              /* MI / PL */
  case 3: r = s->vf >> 31; break;                              /* VS / VC */
  case 4: r = s->cf && s->zf != 0; break;                      /* HI / LS */
  case 5: r = (s->nf ^ s->vf) >> 31 == 0; break;               /* GE / LT */
  case 6: r = (s->nf ^ s->vf) >> 31 == 0 && s->zf != 0; break; /* GT / LE */
  default: return true;                                        /* AL */
  }
  return (cond & 1) ? !r : r;
}

/* Handler mode, privilege. */
static inline bool
arm_handler_mode (const ArmCpu *s)
{
  return s->ipsr != 0;
}

static inline bool
arm_privileged (const ArmCpu *s)
{
  return arm_handler_mode (s) || !(s->control & ARM_CONTROL_NPRIV);
}

/* ---- arm-exec.c ---- */
uint32_t arm_xpsr (const ArmCpu *s);
uint64_t arm_run (MdlCpu *cpu, uint64_t budget);
void arm_flush_code (MdlCpu *cpu);
void arm_forget_windows (ArmCpu *s);
void arm_note_code (ArmCpu *s, uint32_t pc, uint32_t len);
/* Hands the instructions retired so far in this run to the engine, so
 * that devices and counters see exact time.  @done: instructions
 * dispatched before the current one.  Inline: every run() ends with it. */
static inline void
arm_sync (ArmCpu *s, uint64_t done)
{
  uint64_t retired = done - s->run_traps;

  mdl_cpu_account (&s->cpu, retired - s->run_accounted);
  s->run_accounted = retired;
}

/* The run loop of either tier has done @n of its @budget and reached
 * the instant of the core's own event (its budget was cut there,
 * cpu->own_budget): the count is brought up to @n, SysTick fires, and
 * the loop's next stop is returned. */
static inline uint64_t
arm_fire_own (ArmCpu *s, uint64_t n, uint64_t budget)
{
  arm_sync (s, n);
  return mdl_cpu_run_limit (n, budget, mdl_cpu_fire_own (&s->cpu));
}

/* Slow-path memory access (RAM, devices and the system control space),
 * preceded by arm_sync.  False when the access faults. */
bool arm_mem_read (ArmCpu *s, uint64_t done, uint32_t addr, unsigned size, uint32_t *value);
bool arm_mem_write (ArmCpu *s, uint64_t done, uint32_t addr, unsigned size, uint32_t value);
/* The host bytes of guest [addr, addr + len) when they lie in one RAM
 * window (writable when @store), else NULL: how exception entry and
 * return move a whole frame at once.  Never covers a watched byte. */
uint8_t *arm_frame_window (ArmCpu *s, uint32_t addr, unsigned len, bool store);
/* The run loop's pieces the translating tier (arm-jit.c) shares: the
 * start of a run(), the instant of the core's own event, one step
 * outside and inside an IT block, and a decode-cache entry filled from
 * a decoded instruction. */
void arm_interp_begin (ArmCpu *s);
uint32_t arm_interp_step (ArmCpu *s, uint32_t pc, uint64_t done);
uint32_t arm_interp_step_it (ArmCpu *s, uint32_t pc, uint64_t done);
void arm_interp_entry (ArmInsn *e, const ArmDecoded *dec, uint32_t pc, bool in_it);

/* ---- arm-jit.c ---- */
uint64_t arm_jit_run (MdlCpu *cpu, uint64_t budget);

/* ---- arm-except.c ---- */
/* Which stack pointer is which: read and write MSP and PSP whichever is
 * active. */
uint32_t arm_get_msp (const ArmCpu *s);
uint32_t arm_get_psp (const ArmCpu *s);
void arm_set_msp (ArmCpu *s, uint32_t v);
void arm_set_psp (ArmCpu *s, uint32_t v);
/* Sets CONTROL, switching the stack pointers when SPSEL changes. */
void arm_set_control (ArmCpu *s, uint32_t v);
/* Raises a synchronous fault for the instruction at @pc (exception @exc,
 * CFSR bits @cfsr); returns the pc to continue at, with ARM_CHECK. */
uint32_t arm_fault (ArmCpu *s, uint64_t done, uint32_t pc, unsigned exc, uint32_t cfsr);
uint32_t arm_bus_fault (ArmCpu *s, uint64_t done, uint32_t pc, uint32_t addr);
uint32_t arm_usage_fault (ArmCpu *s, uint64_t done, uint32_t pc, uint32_t cfsr);
/* SVCall for the SVC at @pc (return address @next). */
uint32_t arm_svc (ArmCpu *s, uint32_t next);
/* A write of @target to the pc by a load or BX in Handler mode may be an
 * exception return; @pc is that of the instruction. */
uint32_t arm_bx_write_pc (ArmCpu *s, uint64_t done, uint32_t pc, uint32_t target);
/* Takes the highest-priority pending exception when it may preempt;
 * returns the pc to continue at.  Taken between instructions: a fault
 * of the entry itself (a vector without the Thumb bit, a bus error
 * stacking) escalates, but no instruction trapped, so the caller clears
 * s->trapped after it.  (Left set, it would uncount the next
 * instruction that asks for the check and keep ITSTATE from advancing
 * in translated IT blocks.) */
uint32_t arm_check_interrupts (ArmCpu *s, uint32_t pc);
/* True when an enabled exception is pending (what ends a WFI). */
bool arm_wake_pending (const ArmCpu *s);

/* The run loop's check after an executor asked for one (ARM_CHECK), in
 * either tier: an instruction that trapped is not counted as retired. */
static inline void
arm_count_trap (ArmCpu *s)
{
  if (s->trapped) {
    s->trapped = false;
    s->run_traps++;
  }
}

/* Then the look at interrupts that a run() also begins with, unless the
 * loop must end first; true when it must end (a request to return, the
 * core no longer running).  *@pc: where to go on. */
static inline bool
arm_loop_look (ArmCpu *s, uint32_t *pc)
{
  s->ipsr_changed = false;
  if (mdl_cpu_exit_requested (&s->cpu) || s->cpu.state != MDL_CPU_RUNNING)
    return true;
  *pc = arm_check_interrupts (s, *pc) & ~ARM_CHECK;
  s->trapped = false;
  s->ipsr_changed = false;
  return s->cpu.state != MDL_CPU_RUNNING;
}

static inline bool
arm_exc_enabled (const ArmCpu *s, unsigned exc)
{
  if (exc >= ARM_EXC_IRQ0)
    return s->irq_enabled[exc - ARM_EXC_IRQ0];
  /* MemManage, BusFault and UsageFault: SHCSR bits 16 to 18. */
  if (exc - ARM_EXC_MEMMANAGE <= ARM_EXC_USAGEFAULT - ARM_EXC_MEMMANAGE)
    return s->shcsr_ena & (1u << (16 + exc - ARM_EXC_MEMMANAGE));
  return true;
}

/* Makes @exc pending; the core looks at it at its next check.  Inline:
 * a device's interrupt (a storm's every tick) costs no call. */
static inline void
arm_set_pending (ArmCpu *s, unsigned exc)
{
  arm_bit_put (s->exc_pending, exc, true);
  if (arm_exc_enabled (s, exc)) {
    /* Awake, waking is only the kick; from its own event (SysTick
     * fired in its run), not even that: the core looks next. */
    if (s->cpu.state == MDL_CPU_WAITING)
      mdl_cpu_wake (&s->cpu);
    if (!s->cpu.in_own_event)
      mdl_cpu_kick (&s->cpu);
  }
}
/* Reset of the exception state; loads SP and PC from the vector table. */
void arm_except_reset (ArmCpu *s, uint32_t entry);
int arm_execution_priority (const ArmCpu *s);

/* ---- arm-scs.c ---- */
#define ARM_SCS_BASE 0xe000e000u
#define ARM_SCS_END  0xe000f000u
bool arm_scs_read (ArmCpu *s, uint32_t addr, unsigned size, uint32_t *value);
bool arm_scs_write (ArmCpu *s, uint32_t addr, unsigned size, uint32_t value);
void arm_scs_reset (ArmCpu *s);
/* The class's debug_read: the system control space, as a debugger sees
 * it (privileged, and refusing SYST_CSR, whose read clears COUNTFLAG). */
bool arm_debug_read (MdlCpu *cpu, uint64_t addr, unsigned size, uint64_t *value, const char **why);
void arm_systick_init (ArmCpu *s);

/* ---- arm-dwt.c ---- */
#define ARM_DWT_BASE 0xe0001000u
/* Accesses at offset @off of the DWT (word aligned words); false where
 * there is no register. */
bool arm_dwt_read (ArmCpu *s, uint32_t off, uint32_t *value);
bool arm_dwt_write (ArmCpu *s, uint32_t off, uint32_t value);
void arm_dwt_set_demcr (ArmCpu *s, uint32_t value);
void arm_dwt_reset (ArmCpu *s);

/* ---- arm-fpu.c ---- */
uint32_t arm_exec_vdp (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done);
uint32_t arm_exec_vxfer (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done);
uint32_t arm_exec_vmov2 (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done);
uint32_t arm_exec_vldst (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done);
void arm_fpu_reset (ArmCpu *s);
/* Exception entry with CONTROL.FPCA: reserves (FPCCR.LSPEN) or writes
 * s0-s15 and FPSCR at @fp_area, the frame's floating-point part. */
bool arm_fpu_push (ArmCpu *s, uint64_t done, uint32_t fp_area);
/* Return to an extended frame: reads them back unless still reserved. */
bool arm_fpu_pop (ArmCpu *s, uint64_t done, uint32_t fp_area);
/* CPACR (0xd88), FPCCR, FPCAR, FPDSCR, MVFR0, MVFR1 (0xf34-0xf44). */
uint32_t arm_fpu_sysreg_read (ArmCpu *s, uint32_t off);
void arm_fpu_sysreg_write (ArmCpu *s, uint32_t off, uint32_t v);

/* ---- arm-fpb.c ---- */
#define ARM_FPB_BASE 0xe0002000u
bool arm_fpb_read (ArmCpu *s, uint32_t off, uint32_t *value);
bool arm_fpb_write (ArmCpu *s, uint32_t off, uint32_t value);
/* Whether an enabled comparator breaks at @pc. */
bool arm_fpb_match (const ArmCpu *s, uint32_t pc);
void arm_fpb_reset (ArmCpu *s);

/* ---- arm-mpu.c ---- */
#define ARM_MPU_REGIONS 8
typedef enum { ARM_MPU_READ, ARM_MPU_WRITE, ARM_MPU_EXEC } ArmMpuAccess;
/* Whether the MPU checks accesses now (enabled, and not bypassed in a
 * HardFault or NMI handler). */
bool arm_mpu_active (const ArmCpu *s);
/* Whether the MPU lets the core make this access now. */
bool arm_mpu_allows (const ArmCpu *s, uint32_t addr, unsigned size, ArmMpuAccess kind);
/* Something that decides what is allowed changed (privilege, MPU
 * registers): forgets cached windows and decoded instructions. */
void arm_mpu_changed (ArmCpu *s);
/* MPU_TYPE to the last RASR alias (offsets in the SCS). */
uint32_t arm_mpu_read (ArmCpu *s, uint32_t off);
void arm_mpu_write (ArmCpu *s, uint32_t off, uint32_t v);
void arm_mpu_reset (ArmCpu *s);

/* ---- arm-dsp.c ---- */
uint32_t arm_exec_par (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done);
uint32_t arm_exec_qaddsub (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done);
uint32_t arm_exec_sel (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done);
uint32_t arm_exec_smulxy (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done);
uint32_t arm_exec_smulwy (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done);
uint32_t arm_exec_smuad (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done);
uint32_t arm_exec_smmul (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done);
uint32_t arm_exec_usad8 (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done);
uint32_t arm_exec_smlalxy (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done);
uint32_t arm_exec_smlald (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done);
uint32_t arm_exec_umaal (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done);
uint32_t arm_exec_pkh (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done);
uint32_t arm_exec_sat16 (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done);
uint32_t arm_exec_xta (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done);

/* ---- arm-semihost.c ---- */
/* Handles `bkpt 0xab` at @pc (an exit stops the machine). */
void arm_semihost (ArmCpu *s, uint32_t pc);

/* ---- arm-regs.c ---- */
#define ARM_REG_PC 15
#define ARM_N_REGS 23
extern const MdlRegInfo arm_regs[ARM_N_REGS];
/* The Cortex-M4F's: arm_regs, then d0-d15 and fpscr. */
#define ARM_N_FPU_REGS (ARM_N_REGS + 17)
extern const MdlRegInfo arm_fpu_regs[ARM_N_FPU_REGS];
extern const MdlFlagsReg arm_flags_reg;
uint64_t arm_reg_read (MdlCpu *cpu, unsigned reg);
void arm_reg_write (MdlCpu *cpu, unsigned reg, uint64_t value);

/* ---- arm-disas.c ---- */
unsigned arm_disas (MdlCpu *cpu, uint64_t pc, GString *text);
bool arm_insn_info (MdlCpu *cpu, uint64_t pc, MdlInsnInfo *info);

/* arm-snapshot.c: the class's saved-state hooks (engine/snapshot.h). */
void arm_save (MdlCpu *cpu, MdlStateWriter *w);
bool arm_restore (MdlCpu *cpu, MdlStateReader *r, GError **error);

G_END_DECLS
