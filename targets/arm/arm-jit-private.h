/* Private to the Thumb/Thumb-2 frontend of the translating tier, for the
 * M-profile classes (docs/translator.md, "The Thumb frontend"): the
 * decoded instruction and the translation context every part of it works
 * on, and the small helpers they all call (guest registers in host
 * registers, the CPU state's fields, ITSTATE, leaving a block).
 *
 *   arm-jit.c         the dispatcher (arm_jit_run, the CPU's translation
 *                     cache) and the counting of executor calls;
 *   arm-jit-block.c   translating a block: the scan, flag liveness, the
 *                     choice of an emitter per instruction, the block's
 *                     end and loops;
 *   arm-jit-cond.c    conditions: IT and the instructions of an IT block,
 *                     a conditional branch on the host flags;
 *   arm-jit-call.c    calling the interpreter's executor: whole
 *                     instructions and inline ones' slow paths;
 *   arm-jit-dp.c      data processing, shifts by a register, mla and mls,
 *                     bit fields;
 *   arm-jit-ldst.c    single loads and stores, ldrd/strd, literals;
 *   arm-jit-ldstm.c   load and store multiple (push and pop);
 *   arm-jit-excl.c    the exclusives;
 *   arm-jit-branch.c  bx, tbb and tbh through the inline cache.
 *
 * Inline: data processing with immediate, register and immediately
 * shifted operands (flags computed where a later instruction of the block
 * may read them; a branch right after a compare uses the host flags), adc
 * and sbc, mul,
 * mla, mls, shifts by a register, ubfx, sbfx, bfi, bfc, the extends, the
 * RAM fast path of single loads and stores (immediate or register offset,
 * pre- and post-indexed), of ldrd/strd, of the exclusives and of
 * load/store multiple (push and pop among them), literal loads
 * (constants), b, b<cond>, bl, cbz and cbnz with chained exits, and bx,
 * pop {pc}, tbb and tbh through an inline cache (an exception return or
 * INVSTATE through the executor).  Everything else calls the
 * interpreter's executor (arm-jit-call.c).
 */
#pragma once

#include "arm-cpu.h"

#include <stddef.h>

#include "engine/jit-cache.h"
#include "engine/jit-regs.h"

#define ARM_JIT_MAX_INSNS 64
#define ARM_JIT_PAGE      4096u

#define ROFF(n) ((int32_t) (offsetof (ArmCpu, r) + 4 * (unsigned) (n)))
#define SOFF(f) ((int32_t) offsetof (ArmCpu, f))

typedef struct {
  ArmDecoded dec;
  ArmInsn e; /* what the executor gets, filled as the decode cache */
  uint32_t pc;
  uint8_t it;      /* ITSTATE while it runs (0: outside an IT block) */
  uint8_t it_next; /* ITSTATE after it */
} ArmJitInsn;

typedef struct {
  MdlJit *jit;
  MdlJitAsm *a;
  ArmCpu *s;
  bool ended;    /* the last instruction emitted left the block */
  unsigned need; /* ARM_FL_*: the flags this instruction must write */
  /* ITSTATE: the CPU state's copy is written only where something may
   * see it (an executor, an exit); it_dirty once it may be nonzero. */
  const ArmJitInsn *cur;
  bool it_dirty;
  /* What the host registers still hold of the flags the instruction just
   * emitted set, for a conditional branch right after it (ARM_FUSE_*),
   * and what the previous instruction left: the operands (an immediate
   * when fuse_y_imm) or the result. */
  unsigned fuse, prev_fuse;
  MdlX86Reg fuse_x, fuse_y, prev_x, prev_y;
  int8_t fuse_guest, prev_guest; /* ARM_FUSE_LOGIC: whose cached copy fuse_x is, or -1 */
  bool fuse_y_imm, prev_y_imm;
  uint32_t fuse_imm, prev_imm;
  MdlJitRegs regs; /* see "guest registers in host registers" */
  /* The block's first address, and one past the last literal in RAM it
   * holds as a constant. */
  uint32_t start, lit_end;
  /* The executor about to be called is the slow path of an inline fast
   * path (for the counting of fallbacks). */
  bool slow_path;
  /* A loop (a taken branch back to the block's start): what the cache held
   * at that branch and which of them were dirty (loop_seen, loop), and on a second translation those registers loaded after
   * the budget check and taken for dirty (loop_pre), and where the body
   * starts (loop_head). */
  bool loop_seen, loop_pre;
  MdlJitRegsState loop;
  const uint8_t *loop_head;
  unsigned n_insns;
  /* Flags the instruction before a loop's branch back may leave unstored
   * (defer_ok: the block overwrites them before anything reads them, so
   * the way back to the head needs none of them), and those it left
   * (defer), in host registers until an exit of the block stores them:
   * N and Z from the result in defer_nz, C and V as 0 or 1 in defer_c and
   * defer_v (arm_jit_emit_block_end). */
  unsigned defer_ok, defer;
  MdlX86Reg defer_nz, defer_c, defer_v;
} ArmJitCtx;

/* ARM_FUSE_SUB: fuse_x and fuse_y (or fuse_imm) are the operands of a
 * subtraction whose flags are APSR's (cmp makes them again, C as no
 * borrow); ARM_FUSE_LOGIC: fuse_x is the result of a logic operation (N
 * and Z). */
enum { ARM_FUSE_NONE, ARM_FUSE_SUB, ARM_FUSE_LOGIC };

/* Flags, for their liveness within a block. */
enum { ARM_FL_N = 1, ARM_FL_Z = 2, ARM_FL_C = 4, ARM_FL_V = 8, ARM_FL_ALL = 15 };

static inline ArmOp
insn_op (const ArmDecoded *dec)
{
  return dec->op ? dec->op->op : ARM_OP_UNDEF;
}

static inline bool
is_test (ArmOp op)
{
  return op == ARM_OP_TST || op == ARM_OP_TEQ || op == ARM_OP_CMP || op == ARM_OP_CMN;
}

/* An instruction whose only wrapper is the sp one (it writes r13, whose
 * bits 1:0 stay zero). */
static inline bool
sp_wrapped (const ArmJitInsn *ins)
{
  return ins->e.inner != 0 && ins->e.pc_flags == 0;
}

/* ---- the CPU state ---------------------------------------------------- */

static inline void
ld_reg (ArmJitCtx *c, MdlX86Reg h, unsigned r)
{
  mdl_x86_load (c->a, 4, false, h, MDL_X86_STATE, ROFF (r));
}

static inline void
st_reg (ArmJitCtx *c, MdlX86Reg h, unsigned r)
{
  mdl_x86_store (c->a, 4, h, MDL_X86_STATE, ROFF (r));
}

static inline void
st_field (ArmJitCtx *c, MdlX86Reg h, int32_t off)
{
  mdl_x86_store (c->a, 4, h, MDL_X86_STATE, off);
}

/* ---- guest registers in host registers ---------------------------------
 *
 * As in riscv-jit.c: within a block, r0-r14 live in a pool of caller-saved
 * host registers (rax, rcx and rdx stay scratch).  Which is where, and
 * which hold values not yet in the CPU state (dirty), is known at
 * translation time; every point where code paths join has the same cache
 * state on each: a load or store's slow path stores the dirty registers
 * (leaving them dirty), calls the executor and loads every cached
 * register again; an executor for a whole instruction, ldm/stm and an
 * instruction under an IT condition start from a clean cache (after an
 * executor, or a conditional instruction, nothing is assumed cached).
 * Every exit stores the dirty registers first.  r15 is never cached.
 */

static inline void
cache_store_dirty (ArmJitCtx *c, bool clean)
{
  mdl_jit_regs_store_dirty (&c->regs, clean);
}

static inline void
cache_flush (ArmJitCtx *c)
{
  mdl_jit_regs_flush (&c->regs);
}

static inline void
cache_reload (ArmJitCtx *c)
{
  mdl_jit_regs_reload (&c->regs);
}

/* (not r15) */
static inline MdlX86Reg
src (ArmJitCtx *c, unsigned r)
{
  return mdl_jit_regs_src (&c->regs, r);
}

static inline MdlX86Reg
dst_slot (ArmJitCtx *c, unsigned r, bool dirty)
{
  return mdl_jit_regs_dst (&c->regs, r, dirty);
}

static inline MdlX86Reg
dst (ArmJitCtx *c, unsigned r)
{
  return dst_slot (c, r, true);
}

/* ---- ITSTATE, leaving ------------------------------------------------- */

/* The CPU state's ITSTATE = @it, where an executor or the dispatcher may
 * look at it.  Through rax: a pop of pc holds the word it loaded in rdx
 * here (it once held the word's address there, so a pop of pc in a block
 * after an IT block with a call in it loaded through ITSTATE's value: a
 * host crash, fuzz-arm arm/regressions/pop-pc-after-it-block-store,
 * jit-it.S part 6). */
static inline void
sync_it (ArmJitCtx *c, unsigned it)
{
  if (!c->it_dirty && it == 0)
    return;
  c->it_dirty = true;
  mdl_x86_mov_ri (c->a, MDL_X86_RAX, it);
  st_field (c, MDL_X86_RAX, SOFF (itstate));
}

static inline void
leave_after (ArmJitCtx *c, unsigned i)
{
  mdl_x86_lea (c->a, MDL_X86_COUNT, MDL_X86_COUNT, (int32_t) (i + 1));
  mdl_jit_emit_exit (c->jit, c->a);
}

/* Jumps to the returned fixup when a flush happened during a call. */
static inline size_t
jcc_stale (ArmJitCtx *c)
{
  mdl_x86_mov_ri (c->a, MDL_X86_RCX, (uint64_t) (uintptr_t) mdl_jit_stale_flag (c->jit));
  mdl_x86_cmp_m8_i (c->a, MDL_X86_RCX, 0, 0);
  return mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
}

/* op dst, y (a register) or the immediate @k */
static inline void
alu_y (MdlJitAsm *a, MdlX86Alu op, MdlX86Reg dst, bool imm, MdlX86Reg y, uint32_t k)
{
  if (imm)
    mdl_x86_alu_ri (a, op, false, dst, (int32_t) k);
  else
    mdl_x86_alu_rr (a, op, false, dst, y);
}

/* ---- between the parts --------------------------------------------------- */

/* arm-jit.c: counts one call of @ins's executor (MEDLEY_ARM_JIT_FALLBACKS). */
void arm_jit_count_fallback (ArmJitCtx *c, const ArmJitInsn *ins);

/* arm-jit-block.c */
bool arm_jit_ends_block (const ArmDecoded *d);
void arm_jit_emit_block_end (ArmJitCtx *c, unsigned n, uint32_t target, bool taken);
bool arm_jit_emit_insn_body (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n);
const MdlJitBlock *arm_jit_translate (ArmCpu *s, MdlJit *jit, uint32_t pc, uint32_t mode,
                                      unsigned max);

/* arm-jit-cond.c */
void arm_jit_emit_cond (ArmJitCtx *c, unsigned cond);
int arm_jit_fused_cc (unsigned fuse, unsigned cond);
bool arm_jit_emit_insn (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n);

/* arm-jit-call.c */
bool arm_jit_emit_exec_mid (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i);
bool arm_jit_emit_exec_last (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n);
bool arm_jit_emit_slow_mid (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, const size_t *slow,
                            unsigned n_slow);
bool arm_jit_emit_slow_last (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n,
                             const size_t *slow, unsigned n_slow);

/* arm-jit-dp.c */
bool arm_jit_dp_inline (const ArmJitInsn *ins);
void arm_jit_emit_dp (ArmJitCtx *c, const ArmJitInsn *ins);
bool arm_jit_reg_inline (const ArmJitInsn *ins);
void arm_jit_emit_reg_inline (ArmJitCtx *c, const ArmJitInsn *ins);

/* arm-jit-ldst.c */
void arm_jit_emit_access_fast (ArmJitCtx *c, unsigned size, bool aligned, bool sign, bool store,
                               MdlX86Reg val, bool wb, MdlX86Reg wb_reg, uint32_t wb_imm,
                               size_t slow[5], unsigned *n_slow, size_t done[2], unsigned *n_done);
bool arm_jit_emit_ls (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i);
bool arm_jit_ldrd_inline (const ArmJitInsn *ins);
bool arm_jit_emit_ldrd (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i);
bool arm_jit_lit_constant (ArmCpu *s, const ArmJitInsn *ins, uint32_t *value, uint32_t start,
                           uint32_t *lit_end);

/* arm-jit-ldstm.c */
bool arm_jit_ldstm_inline (const ArmJitInsn *ins);
bool arm_jit_emit_ldstm (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n);

/* arm-jit-excl.c */
bool arm_jit_excl_inline (const ArmJitInsn *ins);
bool arm_jit_emit_excl (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i);

/* arm-jit-branch.c */
bool arm_jit_emit_bx_fast (ArmJitCtx *c, unsigned n, size_t slow[2]);
bool arm_jit_emit_bx (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n);
bool arm_jit_emit_tb (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n);
