/* Private to targets/aarch64/: the core state and what the files of this
 * folder share.
 *
 * Following one instruction from its bits to its effect:
 *
 *   aarch64-decode.c   the one A64 table: the first row whose mask/match
 *                      fits the 32 bits gives the mnemonic, the operand
 *                      format (for the disassembler and the anatomy view)
 *                      and the executor;
 *   aarch64-exec.c     the run loop, the decode cache (pc -> raw bits and
 *                      executor), memory access (TLB, RAM windows, then
 *                      the address space, whose failure becomes an
 *                      external abort) and the VMSAv8-64 table walk;
 *   aarch64-insn.c     the executors of the integer instructions, each
 *                      taking its fields from the raw bits itself;
 *   aarch64-sys.c      system registers, exceptions and their syndromes,
 *                      interrupts, the generic timer, PSCI, semihosting;
 *   aarch64-disas.c    how the same row is printed (GNU objdump's syntax
 *                      and preferred aliases);
 *   aarch64-anatomy.c  the row's fields for the anatomy view;
 *   aarch64-regs.c     the register table of the views and debugger;
 *   aarch64-gdb.c      the GDB target description;
 *   aarch64.c          the class descriptor.
 *
 *   aarch64-fp.c       scalar floating point and the SIMD&FP loads and
 *                      stores, through engine/softfloat.h.
 *
 *   aarch64-simd-int.c Advanced SIMD integer, permute and structure
 *                      loads/stores: their own table and text, the
 *                      executors in aarch64-simd-move.c and
 *                      aarch64-simd-arith.c (aarch64-simd-int.h);
 *   aarch64-simd-fp.c  Advanced SIMD floating point, likewise.
 *
 * Half precision is not implemented, except the vector conversions
 * fcvtn/fcvtl .4h/.8h: its other encodings match no row, so they are
 * UNDEFINED.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "engine/cpu.h"
#include "engine/machine.h"
#include "engine/memory.h"
#include "engine/softfloat.h"

G_BEGIN_DECLS

typedef struct A64Cpu A64Cpu;

/* An executor runs the instruction @insn at s->pc; the loop has set
 * s->npc to pc + 4, which a branch or an exception changes. */
typedef void (*A64ExecFn) (A64Cpu *s, uint32_t insn);

/* How the operands sit in the instruction: the disassembler's and the
 * anatomy view's key. */
/* clang-format off */
typedef enum {
  A64_FMT_NONE,      /* nop, eret                                 */
  A64_FMT_ADR,       /* adr x0, target                            */
  A64_FMT_ADDSUB_IMM,/* add x0, x1, #imm{, lsl #12}               */
  A64_FMT_LOGIC_IMM, /* and x0, x1, #bitmask                      */
  A64_FMT_MOVW,      /* movz x0, #imm{, lsl #n}                   */
  A64_FMT_BITFIELD,  /* ubfm x0, x1, #immr, #imms (and aliases)   */
  A64_FMT_EXTR,      /* extr x0, x1, x2, #lsb                     */
  A64_FMT_B,         /* b target                                  */
  A64_FMT_BCOND,     /* b.eq target                               */
  A64_FMT_CB,        /* cbz x0, target                            */
  A64_FMT_TB,        /* tbz x0, #bit, target                      */
  A64_FMT_BR,        /* br x0; ret                                */
  A64_FMT_EXC,       /* svc #imm16                                */
  A64_FMT_HINT,      /* hint #n / nop, wfi...                      */
  A64_FMT_BARRIER,   /* dsb sy                                    */
  A64_FMT_MSR_IMM,   /* msr daifset, #imm                         */
  A64_FMT_SYS,       /* sys / dc / ic / tlbi                      */
  A64_FMT_MSR,       /* msr sctlr_el1, x0                         */
  A64_FMT_MRS,       /* mrs x0, sctlr_el1                         */
  A64_FMT_LDST_EXCL, /* ldxr/stxr/ldaxp/stlr...                   */
  A64_FMT_LDR_LIT,   /* ldr x0, target                            */
  A64_FMT_LDST_PAIR, /* ldp x0, x1, [sp, #16]!                     */
  A64_FMT_LDST_IMM9, /* ldur / post / pre / unprivileged          */
  A64_FMT_LDST_REG,  /* ldr x0, [x1, x2, lsl #3]                  */
  A64_FMT_LDST_UIMM, /* ldr x0, [x1, #8]                          */
  A64_FMT_LOGIC_REG, /* and x0, x1, x2{, lsl #n}                  */
  A64_FMT_ADDSUB_REG,/* add x0, x1, x2{, lsl #n}                  */
  A64_FMT_ADDSUB_EXT,/* add x0, sp, w2, uxtw #2                   */
  A64_FMT_ADC,       /* adc x0, x1, x2                            */
  A64_FMT_CCMP,      /* ccmp x0, x1|#imm, #nzcv, cond             */
  A64_FMT_CSEL,      /* csel x0, x1, x2, cond                     */
  A64_FMT_DP2,       /* udiv x0, x1, x2; crc32x w0, w1, x2         */
  A64_FMT_DP1,       /* clz x0, x1                                */
  A64_FMT_DP3,       /* madd x0, x1, x2, x3                       */
  A64_FMT_FP_DP1,    /* fsqrt d0, d1; fcvt s0, d1                 */
  A64_FMT_FP_DP2,    /* fadd s0, s1, s2                           */
  A64_FMT_FP_DP3,    /* fmadd d0, d1, d2, d3                      */
  A64_FMT_FP_CMP,    /* fcmp s0, s1 / fcmp d0, #0.0               */
  A64_FMT_FP_CCMP,   /* fccmp s0, s1, #0x0, eq                    */
  A64_FMT_FP_CSEL,   /* fcsel d0, d1, d2, ne                      */
  A64_FMT_FP_IMM,    /* fmov d0, #1.0                             */
  A64_FMT_FP_CONV,   /* scvtf d0, x1; fmov x0, d1                 */
  A64_FMT_SIMD_INT,  /* Advanced SIMD integer, permute, ld1-ld4:  */
                     /*   aarch64-simd-int.c prints them          */
  A64_FMT_SIMD_FP,   /* Advanced SIMD floating point:             */
                     /*   aarch64-simd-fp.c prints them           */
  A64_FMT_COUNT
} A64Format;
/* clang-format on */

typedef struct {
  uint32_t mask;
  uint32_t match; /* (insn & mask) == match; the first row wins */
  const char *name;
  A64Format fmt;
  A64ExecFn exec;
  uint16_t variant; /* the SIMD tables' own sub-format; 0 elsewhere */
} A64Opcode;

/* The main table (aarch64-decode.c), then the Advanced SIMD tables, each
 * owned by the file that executes and prints its rows; a64_decode
 * searches them in this order. */
extern const A64Opcode a64_opcodes[];
extern const unsigned a64_n_opcodes;
extern const A64Opcode a64_simd_int_opcodes[];
extern const unsigned a64_n_simd_int_opcodes;
extern const A64Opcode a64_simd_fp_opcodes[];
extern const unsigned a64_n_simd_fp_opcodes;

/* The whole text ("add     v0.16b, v1.16b, v2.16b") of a row of the
 * SIMD tables, for a64_disas_insn. */
void a64_simd_int_disas (const A64Opcode *op, uint64_t pc, uint32_t insn, GString *text);
void a64_simd_fp_disas (const A64Opcode *op, uint64_t pc, uint32_t insn, GString *text);

/* The row for @insn, or NULL: UNDEFINED. */
const A64Opcode *a64_decode (uint32_t insn);

/* "add     x0, x1, #0x1" for the instruction @insn at @pc. */
void a64_disas_insn (uint64_t pc, uint32_t insn, GString *text);

extern const char *const a64_cond_names[16];

/* Executors of aarch64-insn.c, aarch64-fp.c and aarch64-sys.c named by
 * the table. */
/* clang-format off */
#define A64_EXECUTORS(X)                                                                           \
  X (adr) X (addsub_imm) X (logic_imm) X (movw) X (bitfield) X (extr) X (b) X (bcond) X (cb)      \
  X (tb) X (br) X (exc) X (hint) X (barrier) X (msr_imm) X (sys) X (msr) X (mrs) X (ldst_excl)    \
  X (ldr_lit) X (ldst_pair) X (ldst_imm9) X (ldst_reg) X (ldst_uimm) X (logic_reg)                \
  X (addsub_reg) X (addsub_ext) X (adc) X (ccmp) X (csel) X (dp2) X (dp1) X (dp3) X (eret)         \
  X (undef) X (prfm) X (fp_ldst_uimm) X (fp_ldst_imm9) X (fp_ldst_reg) X (fp_ldr_lit)             \
  X (fp_ldst_pair) X (fp_dp1) X (fp_dp2) X (fp_dp3) X (fp_cmp) X (fp_ccmp) X (fp_csel) X (fp_imm)  \
  X (fp_conv)
#define A64_DECLARE_EXEC(n) void a64_x_##n (A64Cpu *s, uint32_t insn);
A64_EXECUTORS (A64_DECLARE_EXEC)
#undef A64_DECLARE_EXEC
/* clang-format on */

/* ---- the core ------------------------------------------------------------- */

/* [jit hook] What a translated block made with the MMU on depends on:
 * the lower range (TTBR0), a non-global page of the upper range (TTBR1
 * and the ASID), a global page of the upper range (TTBR1's tables). */
enum { A64_JIT_GEN_LOWER, A64_JIT_GEN_UPPER, A64_JIT_GEN_GLOBAL, A64_JIT_GEN_KINDS };
#define A64_JIT_GEN_BUCKETS 256

/* The bucket of @va (bits 55:12) among the generations of TLB entries
 * of @granule (0: 4 KiB, 1: 2 MiB, 2: 1 GiB). */
static inline unsigned
a64_jit_gen_bucket (uint64_t va, unsigned granule)
{
  uint64_t p = (va & UINT64_C (0x00ffffffffffffff)) >> (12 + 9 * granule);

  return (unsigned) ((p * UINT64_C (0x9e3779b97f4a7c15)) >> 56);
}

typedef struct {
  uint64_t tag; /* pc, or A64_TAG_EMPTY */
  uint32_t raw;
  uint32_t gen; /* s->code_gen | EL << 31 when decoded: others are stale */
  A64ExecFn exec;
} A64Insn;

/* 24 bytes; indexed by pc / 4, its entries of hot code lie packed. */
G_STATIC_ASSERT (sizeof (A64Insn) == 24);

#define A64_TAG_EMPTY   UINT64_C (1) /* pcs are 4-aligned */
#define A64_ICACHE_BITS 14
#define A64_ICACHE_SIZE (1u << A64_ICACHE_BITS)
#define A64_DECODE_MEMO_SIZE 4096u
#define A64_CODE_FILTER_WORDS 16u /* 1,024 bits */
#define A64_CODE_PAGES        256u

/* One translation: a 4 KiB page of one regime (va bit 63 picks TTBR1). */
typedef struct {
  uint64_t vpage; /* va >> 12, or UINT64_MAX when empty */
  uint64_t ppage; /* pa >> 12 */
  uint16_t asid;
  bool global;
  uint8_t perm;  /* A64_P_* */
  uint8_t level; /* of the final descriptor, for permission faults */
  uint8_t attr;  /* AttrIndx (bits 2:0) and SH (bits 4:3), for PAR_EL1 */
  /* [jit hook] Where the page's bytes are for stores, once one went
   * through a store window covering the whole page (a64_forget_windows
   * drops it with the windows); NULL until then. */
  uint8_t *st_host;
} A64TlbEntry;

enum {
  A64_P_R1 = 1 << 0, /* EL1 */
  A64_P_W1 = 1 << 1,
  A64_P_X1 = 1 << 2,
  A64_P_R0 = 1 << 3, /* EL0 */
  A64_P_W0 = 1 << 4,
  A64_P_X0 = 1 << 5,
};

#define A64_TLB_SIZE 256

/* Generic timers, as the CPU's interrupt outputs number them. */
enum {
  A64_TIMER_PS,  /* secure physical (not implemented: never fires) */
  A64_TIMER_PNS, /* EL1 physical */
  A64_TIMER_V,   /* virtual */
  A64_TIMER_HP,  /* hypervisor (no EL2: never fires) */
  A64_N_TIMERS,
};

/* Exception classes of ESR_ELx. */
enum {
  A64_EC_UNKNOWN = 0x00,
  A64_EC_WFX = 0x01,
  A64_EC_FP = 0x07,
  A64_EC_ILLEGAL = 0x0e,
  A64_EC_SVC = 0x15,
  A64_EC_HVC = 0x16,
  A64_EC_SMC = 0x17,
  A64_EC_SYSREG = 0x18,
  A64_EC_IABT_LOWER = 0x20,
  A64_EC_IABT_SAME = 0x21,
  A64_EC_PC_ALIGN = 0x22,
  A64_EC_DABT_LOWER = 0x24,
  A64_EC_DABT_SAME = 0x25,
  A64_EC_SP_ALIGN = 0x26,
  A64_EC_BRK = 0x3c,
};

/* Fault status codes (DFSC/IFSC), level added where there is one.  As
 * translation results they carry A64_FAULT, so that an address size
 * fault at level 0 (code 0) is not mistaken for success; the syndrome
 * takes the low 6 bits. */
#define A64_FAULT 0x100u
enum {
  A64_FSC_ADDR_SIZE = A64_FAULT | 0x00,
  A64_FSC_TRANSLATION = 0x04,
  A64_FSC_ACCESS = 0x08,
  A64_FSC_PERMISSION = 0x0c,
  A64_FSC_EXTERNAL = 0x10,
  A64_FSC_ALIGNMENT = 0x21,
};

typedef enum {
  A64_ACC_READ,
  A64_ACC_WRITE,
  A64_ACC_EXEC,
} A64Access;

struct A64Cpu {
  MdlCpu cpu;

  /* x[31] is the current stack pointer; sp_el[] keeps the others. */
  uint64_t x[32];
  uint64_t v[32][2]; /* SIMD&FP registers: [0] bits 63:0, [1] bits 127:64 */
  uint64_t pc;
  uint64_t npc; /* the executor's next pc */
  uint64_t sp_el[2];
  uint32_t nzcv; /* PSTATE.NZCV in bits 31:28 */
  uint32_t daif; /* PSTATE.DAIF in bits 9:6 */
  unsigned el;   /* 0 or 1 */
  bool spsel;
  bool il; /* PSTATE.IL: the next instruction is an Illegal
                       Execution State exception */

  /* EL1 system registers (index 1 of the per-EL arrays). */
  uint64_t elr_el1, spsr_el1, esr_el1, far_el1, vbar_el1, sctlr_el1;
  uint64_t ttbr0_el1, ttbr1_el1, tcr_el1, mair_el1, amair_el1, par_el1;
  uint64_t contextidr_el1, cpacr_el1, tpidr_el1, tpidr_el0, tpidrro_el0;
  uint64_t mdscr_el1, cntkctl_el1, afsr0_el1, afsr1_el1, sp_el1_saved;
  uint64_t actlr_el1, fpcr, fpsr, oslsr;

  /* Generic timer: virtual time in counter ticks. */
  uint64_t cnt_freq;
  uint64_t timer_cval[A64_N_TIMERS];
  uint32_t timer_ctl[A64_N_TIMERS];
  bool timer_level[A64_N_TIMERS];
  MdlEvent timer_event;

  /* The local exclusive monitor: the address, size and value read. */
  bool excl_valid;
  uint64_t excl_addr;
  unsigned excl_size;
  uint64_t excl_val[2];

  /* Inputs and the event register.  A core sleeping in WFE (in_wfe)
   * wakes at SEV, an interrupt, or the timer's event stream, whose last
   * counter value a WFE looked at is evt_cnt; wfe_event is the stream's
   * next event while it sleeps. */
  bool irq_in, fiq_in, event_reg, in_wfe;
  uint64_t evt_cnt;
  MdlEvent wfe_event;
  bool psci_off; /* CPU_OFF or never started */
  bool peeking;  /* a view translates: no TLB fill, no device access */
  bool jit_unavailable; /* [jit hook] no code memory: interpret */

  /* Run bookkeeping. */
  bool check;    /* the loop must look at the core */
  bool stop_run; /* leave run() now (breakpoint, halt) */
  uint64_t done, accounted;

  /* RAM windows on physical addresses: loads and stores. */
  uint64_t ld_base, ld_size, st_base, st_size, fetch_base, fetch_size;
  uint8_t *ld_host, *st_host, *fetch_host;
  uint64_t as_gen;

  A64TlbEntry tlb[A64_TLB_SIZE];
  uint32_t code_gen; /* bumped to forget every decoded instruction at once */
  /* [jit hook] Generations of what a virtual pc means, by what blocks
   * depend on (A64_JIT_GEN_*), the size of the TLB entry their fetch
   * went through (4 KiB, 2 MiB, 1 GiB) and a hash of the address within
   * it: one is bumped (to a fresh value from jit_gen_next) when a pc it
   * covers may mean other bytes. */
  uint32_t jit_gen[A64_JIT_GEN_KINDS][3][A64_JIT_GEN_BUCKETS];
  uint32_t jit_gen_next;
  A64Insn uncached;  /* an instruction fetched from outside RAM */
  A64Insn icache[A64_ICACHE_SIZE];
  /* The physical pages the decode cache took code from with the MMU on
   * since it was last emptied, hashed to bits: a store heard there
   * empties it (its entries are keyed by virtual pc, which the store's
   * physical address cannot find). */
  uint64_t code_filter[A64_CODE_FILTER_WORDS];
  /* Physical pages this core marked as code (page + 1; marks stay). */
  uint64_t code_pages[A64_CODE_PAGES];
  /* Executors by instruction bits, remembered across the decode cache's
   * flushes (Linux flushes on every TTBR0 switch): the tables' search is
   * a pure function of the bits.  exec NULL: empty. */
  struct {
    uint32_t raw;
    A64ExecFn exec;
  } decoded[A64_DECODE_MEMO_SIZE];
};

/* ---- registers ---- */

static inline uint64_t
a64_rx (const A64Cpu *s, unsigned r) /* xzr reads 0 */
{
  return r == 31 ? 0 : s->x[r];
}

static inline void
a64_wx (A64Cpu *s, unsigned r, uint64_t v)
{
  if (r != 31)
    s->x[r] = v;
}

/* ConditionHolds for the 4-bit @cond on PSTATE.NZCV in bits 31:28. */
bool a64_cond_holds (uint32_t nzcv, unsigned cond);

/* PSTATE as SPSR holds it. */
uint64_t a64_pstate (const A64Cpu *s);
/* Restores PSTATE from an SPSR value (ERET, reset); false on an illegal
 * return, which sets nothing. */
bool a64_set_pstate (A64Cpu *s, uint64_t spsr);
/* Switches the current stack pointer to EL/SPSel. */
void a64_select_sp (A64Cpu *s, unsigned el, bool spsel);

/* ---- floating point shared by the scalar and vector files (aarch64-fp.c) ---- */

/* CPACR_EL1.FPEN allows FP/SIMD at this EL; otherwise takes the trap and
 * returns false. */
bool a64_fp_access (A64Cpu *s);
/* The soft-float status for FPCR (rounding, default NaN, flush to zero). */
void a64_fp_status (const A64Cpu *s, MdlFpStatus *st);
/* Accumulates the status's exception flags into FPSR. */
void a64_fp_flags (A64Cpu *s, const MdlFpStatus *st);
/* FMAX/FMIN (@num false) and FMAXNM/FMINNM (@num true). */
uint64_t a64_fminmax (MdlFpStatus *st, bool dbl, uint64_t a, uint64_t b, bool max, bool num);

/* ---- memory (aarch64-exec.c) ---- */

/* Accounts for what this run retired so far (before slow paths). */
void a64_sync (A64Cpu *s);
/* A data access of @size (1..8) bytes at @va; false when an exception was
 * taken (the executor returns at once).  @unpriv: ldtr/sttr. */
bool a64_load (A64Cpu *s, uint64_t va, unsigned size, uint64_t *val, bool unpriv);
bool a64_store (A64Cpu *s, uint64_t va, unsigned size, uint64_t val, bool unpriv);
/* The check an exclusive or acquire/release access needs first. */
bool a64_check_align (A64Cpu *s, uint64_t va, unsigned size, bool write);
/* Translates @va for @acc at @el: 0 with *pa set, or the fault status
 * code (level included). */
unsigned a64_translate (A64Cpu *s, uint64_t va, A64Access acc, unsigned el, uint64_t *pa);
void a64_tlb_flush (A64Cpu *s);
/* TLBI and TCR writes: the TLB emptied and the decoded instructions
 * forgotten, translated blocks checked again before they next run
 * (a64_forget_translations); a64_tlb_flush forgets those too. */
void a64_tlb_invalidate (A64Cpu *s);
/* PAR_EL1 after a successful AT of @va to @pa (attributes and
 * shareability of the translation just made). */
uint64_t a64_par_ok (A64Cpu *s, uint64_t va, uint64_t pa);
void a64_flush_code (MdlCpu *cpu);
/* The decode cache emptied (IC maintenance): translated blocks hear
 * stores by themselves. */
void a64_forget_decoded (A64Cpu *s);
/* What a virtual pc means may have changed (TLBI, TCR writes): the
 * decode cache emptied, translated blocks checked again. */
void a64_forget_translations (A64Cpu *s);
/* The same after a write of TTBR0_EL1 (@ttbr1 false) or TTBR1_EL1 that
 * held @old: translated blocks fetched through global pages of the upper
 * range are kept unless TTBR1's table address changed (an ASID switch
 * leaves what they mean as it was). */
void a64_forget_ttbr (A64Cpu *s, bool ttbr1, uint64_t old);
/* TLBI by address (@va: its bits 55:12 matter; of any ASID) or by ASID
 * (of any ASID too; global entries stay): the TLB entries that may
 * translate it dropped, the decoded instructions forgotten, and only the
 * translated blocks that may depend on what they invalidate checked
 * again. */
void a64_tlb_invalidate_va (A64Cpu *s, uint64_t va);
void a64_tlb_invalidate_asid (A64Cpu *s);
void a64_forget_windows (A64Cpu *s);
void a64_note_code (A64Cpu *s, uint64_t pc, uint64_t len);
/* A data abort for @va with @fsc; @write sets WnR. */
void a64_data_abort (A64Cpu *s, uint64_t va, unsigned fsc, bool write);
uint64_t a64_run (MdlCpu *cpu, uint64_t budget);
/* [jit hook] a64_run's check section (0: leave run(), 1: an instruction
 * was retired there, 2: go on) and one instruction of its loop. */
int a64_interp_check (A64Cpu *s);
void a64_interp_step (A64Cpu *s);
/* [jit hook] the translating tier (aarch64-jit.c). */
uint64_t a64_jit_run (MdlCpu *cpu, uint64_t budget);

/* ---- exceptions and system registers (aarch64-sys.c) ---- */

/* Takes a synchronous exception to EL1 from the instruction at s->pc. */
void a64_sync_exception (A64Cpu *s, unsigned ec, uint32_t iss, uint64_t far, bool far_valid);
extern const char *const a64_exception_names[];
void a64_undefined (A64Cpu *s);
/* Takes a pending unmasked IRQ or FIQ; true when one was taken. */
bool a64_check_irq (A64Cpu *s);
void a64_reset_core (A64Cpu *s, uint64_t entry);
void a64_timer_init (A64Cpu *s);
void a64_timer_update (A64Cpu *s);
uint64_t a64_counter (A64Cpu *s);
/* Reads (write false) or writes a system register by its op0..op2 key;
 * false when it does not exist or is not accessible (UNDEFINED). */
bool a64_sysreg_access (A64Cpu *s, uint32_t key, bool write, uint64_t *val);
/* The name GNU objdump gives the register, or NULL. */
const char *a64_sysreg_name (uint32_t key);
/* Semihosting (hlt #0xf000). */
void a64_semihost (A64Cpu *s);
/* PSCI on hvc/smc #0: true when answered. */
bool a64_psci (A64Cpu *s);

#define A64_SYSREG_KEY(op0, op1, crn, crm, op2)                                                    \
  (((uint32_t) (op0) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2))

/* ---- the class's hooks ---- */

#define A64_REG_SP   31
#define A64_REG_PC   32
#define A64_REG_CPSR 33
#define A64_N_REGS   84
extern const MdlRegInfo a64_regs[A64_N_REGS];
uint64_t a64_reg_read (MdlCpu *cpu, unsigned reg);
void a64_reg_write (MdlCpu *cpu, unsigned reg, uint64_t value);
uint64_t a64_reg_read_hi (MdlCpu *cpu, unsigned reg);
void a64_reg_write_hi (MdlCpu *cpu, unsigned reg, uint64_t value);
unsigned a64_disas (MdlCpu *cpu, uint64_t pc, GString *text);
bool a64_insn_info (MdlCpu *cpu, uint64_t pc, MdlInsnInfo *info);
/* aarch64-describe.c: one line on what the row @op does (the views'
 * tooltip); false for a row without one. */
bool a64_describe (const A64Opcode *op, char *text, size_t size);
/* Reads the instruction at @pc as the core would fetch it now (for the
 * views: no exception, no side effect). */
bool a64_peek_insn (A64Cpu *s, uint64_t pc, uint32_t *insn);

extern const char a64_gdb_target_xml[];
#define A64_GDB_N_REGS 68
extern const int a64_gdb_regmap[A64_GDB_N_REGS];

/* aarch64-snapshot.c: the class's saved-state hooks (engine/snapshot.h). */
void a64_save (MdlCpu *cpu, MdlStateWriter *w);
bool a64_restore (MdlCpu *cpu, MdlStateReader *r, GError **error);

G_END_DECLS
