/* The Thumb/Thumb-2 frontend of the translating tier, for the M-profile
 * classes (docs/translator.md, "The Thumb frontend").
 *
 * arm_jit_run() is the class's run_translated: arm_run()'s loop with a
 * block of translated code where the loop would dispatch one instruction.
 * Between blocks everything is the interpreter's own code (the check
 * section that counts traps and takes interrupts, IT blocks a block did
 * not start before), so both tiers retire the same instructions, account
 * the same time before every device access and take interrupts at the
 * same instruction.
 *
 * A block is straight-line code from one address in one 4 KiB page of
 * RAM or ROM, up to the first branch or instruction that may change the
 * flow or the core's mode (or ARM_JIT_MAX_INSNS).  IT blocks inside it
 * are translated with it: each instruction's condition is known at
 * translation time and skips it in host code; ITSTATE is written to the
 * CPU state only where an executor or an exit may see it.  Inline: data
 * processing with immediate, register and immediately shifted operands
 * (flags computed where a later instruction of the block may read them;
 * a branch right after a compare uses the host flags), adc and sbc, mul,
 * mla, mls, shifts by a register, ubfx, sbfx, bfi, bfc, the extends, the
 * RAM fast path of single loads and stores (immediate or register offset,
 * pre- and post-indexed), of ldrd/strd, of the exclusives and of
 * load/store multiple (push and pop among them), literal loads
 * (constants), b, b<cond>, bl, cbz and cbnz with chained exits, and bx,
 * pop {pc}, tbb and tbh through an inline cache (an exception return or
 * INVSTATE through the executor).  Everything else (system registers,
 * exceptions, FP, DSP, anything else reading or writing r15 or writing
 * r13, a load or store off the fast path) calls the interpreter's
 * executor for that one instruction with the exact count of instructions
 * before it, as riscv-jit.c does; when it returns anything but the next
 * address, or a flush happened meanwhile (a store to the block's own code
 * among them), the block leaves with what it returned.  A block ending in
 * such an instruction leaves through an inline cache.  A block that
 * branches back to its start goes on at its head with its registers
 * still in host registers (emit_block_end).
 *
 * Within a block, guest registers live in host registers ("guest
 * registers in host registers", below).  Not translated at all: a CPU
 * with debugger breakpoints, the FPB enabled or the MPU enabled (the
 * interpreter's loop runs), and code outside RAM and ROM windows.
 */
#include "arm-cpu.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/jit-cache.h"
#include "engine/jit-regs.h"

#define ARM_JIT_MAX_INSNS      64
#define ARM_JIT_PAGE           4096u
#define ARM_JIT_MODE_MAX_SHIFT 8
#define ARM_JIT_CODE_BYTES     (8u << 20)
#define ARM_JIT_MAX_BLOCKS     16384

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
} ArmJitCtx;

/* ARM_FUSE_SUB: fuse_x and fuse_y (or fuse_imm) are the operands of a
 * subtraction whose flags are APSR's (cmp makes them again, C as no
 * borrow); ARM_FUSE_LOGIC: fuse_x is the result of a logic operation (N
 * and Z). */
enum { ARM_FUSE_NONE, ARM_FUSE_SUB, ARM_FUSE_LOGIC };

/* Flags, for their liveness within a block. */
enum { ARM_FL_N = 1, ARM_FL_Z = 2, ARM_FL_C = 4, ARM_FL_V = 8, ARM_FL_ALL = 15 };

static ArmOp
insn_op (const ArmDecoded *dec)
{
  return dec->op ? dec->op->op : ARM_OP_UNDEF;
}

/* ---- counting what goes out ----------------------------------------------
 *
 * With MEDLEY_ARM_JIT_FALLBACKS set (to anything), translated code counts
 * every call of an executor by instruction class: whole instructions
 * ("exec", and "wrapped" when the decoder's pc or sp wrapper is in front)
 * apart from inline fast paths that missed ("slow": a device, an
 * unaligned address, a fault).  The counts of every Arm CPU of the
 * process go to stderr at exit, most frequent first: what to translate
 * inline next, and what it would save (multiply by the cost of a call).
 * A diagnostic: counts from several threads may lose increments.
 */
enum { ARM_FB_EXEC, ARM_FB_WRAPPED, ARM_FB_SLOW, ARM_FB_KINDS };

static uint64_t arm_jit_fallbacks[ARM_OP_COUNT][ARM_FB_KINDS];
static const char *arm_jit_fallback_name[ARM_OP_COUNT];

static void
arm_jit_print_fallbacks (void)
{
  static const char *const kind[ARM_FB_KINDS] = { "exec", "wrapped", "slow" };
  uint64_t total = 0;

  for (;;) {
    unsigned best_op = 0, best_kind = 0;
    uint64_t best = 0;

    for (unsigned op = 0; op < ARM_OP_COUNT; op++)
      for (unsigned k = 0; k < ARM_FB_KINDS; k++)
        if (arm_jit_fallbacks[op][k] > best) {
          best = arm_jit_fallbacks[op][k];
          best_op = op;
          best_kind = k;
        }
    if (best == 0)
      break;
    fprintf (stderr, "arm-jit fallbacks: %12" G_GUINT64_FORMAT "  %s (%s)\n", best,
             arm_jit_fallback_name[best_op] ? arm_jit_fallback_name[best_op] : "undefined",
             kind[best_kind]);
    total += best;
    arm_jit_fallbacks[best_op][best_kind] = 0;
  }
  fprintf (stderr, "arm-jit fallbacks: %12" G_GUINT64_FORMAT "  in all\n", total);
}

static bool
arm_jit_counting (void)
{
  static gsize once;
  static bool on;

  if (g_once_init_enter (&once)) {
    on = g_getenv ("MEDLEY_ARM_JIT_FALLBACKS") != NULL;
    if (on)
      atexit (arm_jit_print_fallbacks);
    g_once_init_leave (&once, 1);
  }
  return on;
}

/* Counts one call of @ins's executor (rcx is free here). */
static void
count_fallback (ArmJitCtx *c, const ArmJitInsn *ins)
{
  ArmOp op = ins->dec.op ? ins->dec.op->op : ARM_OP_UNDEF;
  unsigned k = c->slow_path ? ARM_FB_SLOW : ins->e.inner ? ARM_FB_WRAPPED : ARM_FB_EXEC;

  if (!arm_jit_counting ())
    return;
  if (ins->dec.op)
    arm_jit_fallback_name[op] = ins->dec.op->name;
  mdl_x86_mov_ri (c->a, MDL_X86_RCX, (uint64_t) (uintptr_t) &arm_jit_fallbacks[op][k]);
  mdl_x86_alu_mi (c->a, MDL_X86_ADD, true, MDL_X86_RCX, 0, 1);
}

/* ---- emitting ------------------------------------------------------------ */

static void
ld_reg (ArmJitCtx *c, MdlX86Reg h, unsigned r)
{
  mdl_x86_load (c->a, 4, false, h, MDL_X86_STATE, ROFF (r));
}

static void
st_reg (ArmJitCtx *c, MdlX86Reg h, unsigned r)
{
  mdl_x86_store (c->a, 4, h, MDL_X86_STATE, ROFF (r));
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

static const MdlX86Reg arm_jit_pool[] = {
  MDL_X86_RSI, MDL_X86_RDI, MDL_X86_R8, MDL_X86_R9, MDL_X86_R10, MDL_X86_R11,
};

static void
cache_store_dirty (ArmJitCtx *c, bool clean)
{
  mdl_jit_regs_store_dirty (&c->regs, clean);
}

static void
cache_flush (ArmJitCtx *c)
{
  mdl_jit_regs_flush (&c->regs);
}

static void
cache_reload (ArmJitCtx *c)
{
  mdl_jit_regs_reload (&c->regs);
}

/* (not r15) */
static MdlX86Reg
src (ArmJitCtx *c, unsigned r)
{
  return mdl_jit_regs_src (&c->regs, r);
}

static MdlX86Reg
dst_slot (ArmJitCtx *c, unsigned r, bool dirty)
{
  return mdl_jit_regs_dst (&c->regs, r, dirty);
}

static MdlX86Reg
dst (ArmJitCtx *c, unsigned r)
{
  return dst_slot (c, r, true);
}

static void
st_field (ArmJitCtx *c, MdlX86Reg h, int32_t off)
{
  mdl_x86_store (c->a, 4, h, MDL_X86_STATE, off);
}

/* The CPU state's ITSTATE = @it, where an executor or the dispatcher may
 * look at it.  Through rax: a pop of pc holds the word it loaded in rdx
 * here (it once held the word's address there, so a pop of pc in a block
 * after an IT block with a call in it loaded through ITSTATE's value: a
 * host crash, fuzz-arm arm/regressions/pop-pc-after-it-block-store,
 * jit-it.S part 6). */
static void
sync_it (ArmJitCtx *c, unsigned it)
{
  if (!c->it_dirty && it == 0)
    return;
  c->it_dirty = true;
  mdl_x86_mov_ri (c->a, MDL_X86_RAX, it);
  st_field (c, MDL_X86_RAX, SOFF (itstate));
}

static void
leave_after (ArmJitCtx *c, unsigned i)
{
  mdl_x86_lea (c->a, MDL_X86_COUNT, MDL_X86_COUNT, (int32_t) (i + 1));
  mdl_jit_emit_exit (c->jit, c->a);
}

/* Jumps to the returned fixup when a flush happened during a call. */
static size_t
jcc_stale (ArmJitCtx *c)
{
  mdl_x86_mov_ri (c->a, MDL_X86_RCX, (uint64_t) (uintptr_t) mdl_jit_stale_flag (c->jit));
  mdl_x86_cmp_m8_i (c->a, MDL_X86_RCX, 0, 0);
  return mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
}

/* Calls the executor of instruction @i (its result in rax). */
static bool
emit_call (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i)
{
  ArmInsn *d = mdl_jit_alloc_data (c->jit, sizeof *d);

  if (d == NULL)
    return false;
  *d = ins->e;
  count_fallback (c, ins);
  sync_it (c, ins->it);
  mdl_x86_mov_rr (c->a, true, MDL_X86_RDI, MDL_X86_STATE);
  mdl_x86_mov_ri (c->a, MDL_X86_RSI, (uint64_t) (uintptr_t) d);
  mdl_x86_mov_ri (c->a, MDL_X86_RDX, ins->pc);
  mdl_x86_lea (c->a, MDL_X86_RCX, MDL_X86_COUNT, (int32_t) i);
  mdl_x86_call (c->a, (const void *) d->exec);
  if (ins->it) {
    /* ITSTATE advances as arm_step_it advances it: not over an
     * exception entry or return, which set their own. */
    size_t keep1, keep2;

    mdl_x86_cmp_m8_i (c->a, MDL_X86_STATE, SOFF (trapped), 0);
    keep1 = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
    mdl_x86_cmp_m8_i (c->a, MDL_X86_STATE, SOFF (ipsr_changed), 0);
    keep2 = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
    mdl_x86_mov_ri (c->a, MDL_X86_RDX, ins->it_next);
    st_field (c, MDL_X86_RDX, SOFF (itstate));
    mdl_x86_bind (c->a, keep1);
    mdl_x86_bind (c->a, keep2);
  }
  return true;
}

/* The executor of instruction @i in the middle of a block: goes on when it
 * returned @next and nothing was flushed, else leaves with its result.
 * The caller has stored the dirty registers. */
static bool
emit_exec_mid_raw (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i)
{
  uint32_t next = ins->pc + ins->dec.len;
  size_t leave1, leave2, go_on;

  if (!emit_call (c, ins, i))
    return false;
  mdl_x86_alu_ri (c->a, MDL_X86_CMP, false, MDL_X86_RAX, (int32_t) next);
  leave1 = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
  leave2 = jcc_stale (c);
  go_on = mdl_x86_jmp_fwd (c->a);
  mdl_x86_bind (c->a, leave1);
  mdl_x86_bind (c->a, leave2);
  leave_after (c, i);
  mdl_x86_bind (c->a, go_on);
  return true;
}

/* The same for a whole instruction: nothing cached after it. */
static bool
emit_exec_mid (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i)
{
  cache_flush (c);
  return emit_exec_mid_raw (c, ins, i);
}

/* The executor of the last instruction @i of @n (a jump, or one that
 * always asks for the check): its result is where to go on, through the
 * inline cache unless it asks for the check or a flush happened. */
static bool
emit_exec_last (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n)
{
  size_t leave1, leave2, go_on;

  cache_flush (c);
  if (!emit_call (c, ins, i))
    return false;
  mdl_x86_alu_ri (c->a, MDL_X86_AND, false, MDL_X86_RAX, -1); /* zero-extends */
  mdl_x86_mov_rr (c->a, false, MDL_X86_RDX, MDL_X86_RAX);
  mdl_x86_alu_ri (c->a, MDL_X86_AND, false, MDL_X86_RDX, (int32_t) ARM_CHECK);
  leave1 = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
  leave2 = jcc_stale (c);
  go_on = mdl_x86_jmp_fwd (c->a);
  mdl_x86_bind (c->a, leave1);
  mdl_x86_bind (c->a, leave2);
  leave_after (c, i);
  mdl_x86_bind (c->a, go_on);
  mdl_x86_lea (c->a, MDL_X86_COUNT, MDL_X86_COUNT, (int32_t) n);
  c->ended = true;
  return mdl_jit_emit_exit_indirect (c->jit, c->a);
}

/* The slow path of an instruction translated inline, where the jumps in
 * @slow lead: its executor, counted apart (MEDLEY_ARM_JIT_FALLBACKS).  In
 * the middle of a block the executor sees the CPU state and the cache is
 * then what the fast path leaves; at the end it leaves as
 * emit_exec_last. */
static bool
emit_slow_mid (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, const size_t *slow,
               unsigned n_slow)
{
  bool ok;

  for (unsigned k = 0; k < n_slow; k++)
    mdl_x86_bind (c->a, slow[k]);
  cache_store_dirty (c, false);
  c->slow_path = true;
  ok = emit_exec_mid_raw (c, ins, i);
  c->slow_path = false;
  cache_reload (c);
  return ok;
}

static bool
emit_slow_last (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n, const size_t *slow,
                unsigned n_slow)
{
  bool ok;

  for (unsigned k = 0; k < n_slow; k++)
    mdl_x86_bind (c->a, slow[k]);
  c->slow_path = true;
  ok = emit_exec_last (c, ins, i, n);
  c->slow_path = false;
  return ok;
}

/* BXWritePC of the address in eax, ending a block of @n instructions
 * whose registers are stored: an address with the Thumb bit and below
 * 0xf0000000 (no exception return) goes on through the inline cache, or
 * leaves for exit_request as arm_jump does.  Anything else (an exception
 * return, INVSTATE) goes to the two fixups in @slow, eax kept, for the
 * caller's slow path. */
static bool
emit_bx_fast (ArmJitCtx *c, unsigned n, size_t slow[2])
{
  MdlJitAsm *a = c->a;
  size_t leave;

  mdl_x86_alu_ri (a, MDL_X86_CMP, false, MDL_X86_RAX, (int32_t) 0xf0000000u);
  slow[0] = mdl_x86_jcc_fwd (a, MDL_X86_CC_AE);
  mdl_x86_mov_rr (a, false, MDL_X86_RDX, MDL_X86_RAX);
  mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RDX, 1);
  slow[1] = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
  mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RAX, -2);
  mdl_x86_lea (a, MDL_X86_COUNT, MDL_X86_COUNT, (int32_t) n);
  mdl_x86_cmp_m8_i (a, MDL_X86_STATE, SOFF (cpu.exit_request), 0);
  leave = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  if (!mdl_jit_emit_exit_indirect (c->jit, a))
    return false;
  mdl_x86_bind (a, leave);
  mdl_x86_alu_ri (a, MDL_X86_OR, false, MDL_X86_RAX, (int32_t) ARM_CHECK);
  mdl_jit_emit_exit (c->jit, a);
  return true;
}

/* bx rm: BXWritePC inline (emit_bx_fast), the executor for the rest. */
static bool
emit_bx (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n)
{
  size_t slow[2];

  /* (bx ends its IT block: it_next is 0; ITSTATE first, whose store may
   * go through rax or rdx) */
  sync_it (c, ins->it_next);
  mdl_x86_mov_rr (c->a, false, MDL_X86_RAX, src (c, ins->dec.rm));
  cache_store_dirty (c, false);
  if (!emit_bx_fast (c, n, slow))
    return false;
  return emit_slow_last (c, ins, i, n, slow, 2);
}

/* The end of a block at a known address: count its instructions, then on
 * a taken branch let run() stop when the engine asked it to (arm_jump),
 * else go on through a chain slot.  A taken branch back to the block's
 * start whose cache is what the head loaded (loop_pre) goes on at the
 * head when the budget allows the whole block again, the registers still
 * in host registers and not stored (the head takes them for dirty): the
 * budget check, the loads and the stores skipped. */
static void
emit_block_end (ArmJitCtx *c, unsigned n, uint32_t target, bool taken)
{
  bool loop = taken && target == c->start && n == c->n_insns;

  if (loop && !c->loop_pre && !c->loop_seen) {
    c->loop_seen = true;
    mdl_jit_regs_save (&c->regs, &c->loop);
  }
  if (loop && c->loop_pre && mdl_jit_regs_matches (&c->regs, &c->loop)) {
    size_t leave, again;

    /* (ITSTATE is 0 at the head as at the block's start) */
    sync_it (c, c->cur->it_next);
    mdl_x86_lea (c->a, MDL_X86_COUNT, MDL_X86_COUNT, (int32_t) n);
    mdl_x86_cmp_m8_i (c->a, MDL_X86_STATE, SOFF (cpu.exit_request), 0);
    leave = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
    /* count + n <= budget, as the block's own check */
    mdl_x86_lea (c->a, MDL_X86_RAX, MDL_X86_COUNT, (int32_t) n);
    mdl_x86_alu_rr (c->a, MDL_X86_CMP, true, MDL_X86_RAX, MDL_X86_BUDGET);
    again = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_A);
    mdl_x86_jmp_to (c->a, c->loop_head);
    mdl_x86_bind (c->a, leave);
    cache_store_dirty (c, false);
    mdl_x86_mov_ri (c->a, MDL_X86_RAX, target | ARM_CHECK);
    mdl_jit_emit_exit (c->jit, c->a);
    mdl_x86_bind (c->a, again);
    cache_store_dirty (c, false);
    mdl_jit_emit_exit_slot (c->jit, c->a, target);
    c->ended = true;
    return;
  }
  /* (a branch is the last instruction of an IT block: it_next is 0) */
  cache_store_dirty (c, false);
  sync_it (c, c->cur->it_next);
  mdl_x86_lea (c->a, MDL_X86_COUNT, MDL_X86_COUNT, (int32_t) n);
  if (taken) {
    size_t go_on;

    mdl_x86_cmp_m8_i (c->a, MDL_X86_STATE, SOFF (cpu.exit_request), 0);
    go_on = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_E);
    mdl_x86_mov_ri (c->a, MDL_X86_RAX, target | ARM_CHECK);
    mdl_jit_emit_exit (c->jit, c->a);
    mdl_x86_bind (c->a, go_on);
  }
  mdl_jit_emit_exit_slot (c->jit, c->a, target);
  c->ended = true;
}

/* eax = 1 when condition @cond (not AL) passes, else 0, as
 * arm_cond_pass; leaves the host flags of "test eax, eax". */
static void
emit_cond (ArmJitCtx *c, unsigned cond)
{
  MdlJitAsm *a = c->a;

  switch (cond >> 1) {
  case 0: /* Z */
    mdl_x86_load (a, 4, false, MDL_X86_RAX, MDL_X86_STATE, SOFF (zf));
    mdl_x86_test_rr (a, false, MDL_X86_RAX, MDL_X86_RAX);
    mdl_x86_setcc (a, MDL_X86_CC_E, MDL_X86_RAX);
    break;
  case 1: /* C */ mdl_x86_load (a, 4, false, MDL_X86_RAX, MDL_X86_STATE, SOFF (cf)); break;
  case 2: /* N */
  case 3: /* V */
    mdl_x86_load (a, 4, false, MDL_X86_RAX, MDL_X86_STATE,
                  (cond >> 1) == 2 ? SOFF (nf) : SOFF (vf));
    mdl_x86_shift_ri (a, MDL_X86_SHR, false, MDL_X86_RAX, 31);
    break;
  case 4: /* C and not Z */
    mdl_x86_load (a, 4, false, MDL_X86_RAX, MDL_X86_STATE, SOFF (zf));
    mdl_x86_test_rr (a, false, MDL_X86_RAX, MDL_X86_RAX);
    mdl_x86_setcc (a, MDL_X86_CC_NE, MDL_X86_RAX);
    mdl_x86_alu_rm (a, MDL_X86_AND, false, MDL_X86_RAX, MDL_X86_STATE, SOFF (cf));
    break;
  default: /* 5: N == V; 6: N == V and not Z */
    mdl_x86_load (a, 4, false, MDL_X86_RAX, MDL_X86_STATE, SOFF (nf));
    mdl_x86_alu_rm (a, MDL_X86_XOR, false, MDL_X86_RAX, MDL_X86_STATE, SOFF (vf));
    mdl_x86_shift_ri (a, MDL_X86_SHR, false, MDL_X86_RAX, 31);
    mdl_x86_alu_ri (a, MDL_X86_XOR, false, MDL_X86_RAX, 1);
    if ((cond >> 1) == 6) {
      mdl_x86_load (a, 4, false, MDL_X86_RCX, MDL_X86_STATE, SOFF (zf));
      mdl_x86_test_rr (a, false, MDL_X86_RCX, MDL_X86_RCX);
      mdl_x86_setcc (a, MDL_X86_CC_NE, MDL_X86_RCX);
      mdl_x86_alu_rr (a, MDL_X86_AND, false, MDL_X86_RAX, MDL_X86_RCX);
    }
    break;
  }
  if (cond & 1)
    mdl_x86_alu_ri (a, MDL_X86_XOR, false, MDL_X86_RAX, 1);
  mdl_x86_test_rr (a, false, MDL_X86_RAX, MDL_X86_RAX);
}

static bool
is_test (ArmOp op)
{
  return op == ARM_OP_TST || op == ARM_OP_TEQ || op == ARM_OP_CMP || op == ARM_OP_CMN;
}

/* An instruction whose only wrapper is the sp one (it writes r13, whose
 * bits 1:0 stay zero). */
static bool
sp_wrapped (const ArmJitInsn *ins)
{
  return ins->e.inner != 0 && ins->e.pc_flags == 0;
}

/* mov.w and mvn.w into sp: the sp wrapper (which clears its bits 1:0) is
 * done inline; their Rn field of 1111 names no register. */
static bool
mov_wrapped (const ArmJitInsn *ins)
{
  const ArmDecoded *d = &ins->dec;
  ArmOp op = insn_op (d);

  return (op == ARM_OP_MOV || op == ARM_OP_MVN) && (ins->e.pc_flags & ~ARM_PC_READ) == 0
         && d->rd != 15 && (d->kind == ARM_K_IMM || d->rm != 15) && !(d->rd == 13 && d->setflags);
}

/* Whether data processing of this form is translated inline. */
static bool
dp_inline (const ArmJitInsn *ins)
{
  const ArmDecoded *d = &ins->dec;

  /* The compares' rd field is 15 (the decoder's pc wrapper is then
   * harmless: it only fills the scratch r15). */
  if (ins->e.inner != 0 && !(is_test (insn_op (d)) && d->rn != 15 && d->rm != 15)
      && !(sp_wrapped (ins) && d->rd == 13 && d->rn != 15 && d->rm != 15 && !d->setflags)
      && !mov_wrapped (ins))
    return false;
  switch (insn_op (d)) {
  case ARM_OP_AND:
  case ARM_OP_EOR:
  case ARM_OP_ORR:
  case ARM_OP_ORN:
  case ARM_OP_BIC:
  case ARM_OP_MOV:
  case ARM_OP_MVN:
  case ARM_OP_TST:
  case ARM_OP_TEQ:
  case ARM_OP_ADD:
  case ARM_OP_ADC:
  case ARM_OP_SUB:
  case ARM_OP_SBC:
  case ARM_OP_RSB:
  case ARM_OP_CMP:
  case ARM_OP_CMN: break;
  default: return false;
  }
  if (d->kind == ARM_K_IMM || d->kind == ARM_K_REG)
    return true;
  /* Immediate shifts whose carry out is x86's */
  return d->kind == ARM_K_SHIFT && d->shift_type <= ARM_SHIFT_ASR && d->shift_n >= 1
         && d->shift_n <= 31;
}

/* The second operand inverted (orn, bic, mvn, sbc): the immediate @k,
 * or the register @y copied to rcx and inverted there. */
static void
invert_y (MdlJitAsm *a, bool imm, uint32_t *k, MdlX86Reg *y)
{
  if (imm) {
    *k = ~*k;
    return;
  }
  if (*y != MDL_X86_RCX)
    mdl_x86_mov_rr (a, false, MDL_X86_RCX, *y);
  *y = MDL_X86_RCX;
  mdl_x86_unary (a, MDL_X86_NOT, false, MDL_X86_RCX);
}

/* op dst, y (a register) or the immediate @k */
static void
alu_y (MdlJitAsm *a, MdlX86Alu op, MdlX86Reg dst, bool imm, MdlX86Reg y, uint32_t k)
{
  if (imm)
    mdl_x86_alu_ri (a, op, false, dst, (int32_t) k);
  else
    mdl_x86_alu_rr (a, op, false, dst, y);
}

static void
emit_dp (ArmJitCtx *c, const ArmJitInsn *ins)
{
  const ArmDecoded *d = &ins->dec;
  MdlJitAsm *a = c->a;
  ArmOp op = insn_op (d);
  bool carry_in = op == ARM_OP_ADC || op == ARM_OP_SBC;
  bool logic = op != ARM_OP_ADD && op != ARM_OP_SUB && op != ARM_OP_RSB && op != ARM_OP_CMP
               && op != ARM_OP_CMN && !carry_in;
  bool write = op != ARM_OP_TST && op != ARM_OP_TEQ && op != ARM_OP_CMP && op != ARM_OP_CMN;
  bool mov = op == ARM_OP_MOV || op == ARM_OP_MVN;
  bool imm = d->kind == ARM_K_IMM, shifted = d->kind == ARM_K_SHIFT;
  uint32_t k = d->imm;
  MdlX86Reg x = MDL_X86_RAX, y = MDL_X86_RCX, res, rd = MDL_X86_RAX;


  /* operand 2: the immediate k, a cached register or ecx (shifted, with
   * a logic operation's carry out in edx); operand 1 cached */
  if (!imm) {
    y = src (c, d->rm);
    if (shifted) {
      static const MdlX86Shift sh[] = { MDL_X86_SHL, MDL_X86_SHR, MDL_X86_SAR };

      mdl_x86_mov_rr (a, false, MDL_X86_RCX, y);
      y = MDL_X86_RCX;
      mdl_x86_shift_ri (a, sh[d->shift_type], false, MDL_X86_RCX, d->shift_n);
      if (logic && (c->need & ARM_FL_C))
        mdl_x86_setcc (a, MDL_X86_CC_B, MDL_X86_RDX);
    }
  }
  if (!mov)
    x = src (c, d->rn);
  if (write)
    rd = dst (c, d->rd);

  if (logic) {
    MdlX86Alu alu = op == ARM_OP_EOR || op == ARM_OP_TEQ   ? MDL_X86_XOR
                    : op == ARM_OP_ORR || op == ARM_OP_ORN ? MDL_X86_OR
                                                           : MDL_X86_AND;

    if (op == ARM_OP_ORN || op == ARM_OP_BIC || op == ARM_OP_MVN)
      invert_y (a, imm, &k, &y);
    if (mov) {
      res = rd;
      if (imm)
        mdl_x86_mov_ri (a, res, k);
      else
        mdl_x86_mov_rr (a, false, res, y);
    } else if (write && d->rd == d->rn) {
      res = rd; /* in place: x is rd */
      alu_y (a, alu, res, imm, y, k);
    } else {
      res = write ? rd : MDL_X86_RAX;
      if (!imm && y == res) {
        /* rd is rm: (x86 and, or and xor commute) */
        mdl_x86_alu_rr (a, alu, false, res, x);
      } else {
        mdl_x86_mov_rr (a, false, res, x);
        alu_y (a, alu, res, imm, y, k);
      }
    }
    if (write && d->rd == 13)
      mdl_x86_alu_ri (a, MDL_X86_AND, false, rd, -4); /* (flags from the result first) */
    if (c->need & ARM_FL_N)
      st_field (c, res, SOFF (nf));
    if (c->need & ARM_FL_Z)
      st_field (c, res, SOFF (zf));
    if (c->need & ARM_FL_C) {
      /* (need has C only where the instruction writes it) */
      if (!shifted)
        mdl_x86_mov_ri (a, MDL_X86_RDX, d->carry - 1u);
      st_field (c, MDL_X86_RDX, SOFF (cf));
    }
    if (d->setflags && !(write && d->rd == 13)) {
      c->fuse = ARM_FUSE_LOGIC;
      c->fuse_x = res;
      c->fuse_guest = write ? (int8_t) d->rd : -1;
    }
    return;
  }

  /* x - y, x + y or y - x (rsb) in res, the flags from x86's; adc and
   * sbc as x86's adc of y or, for sbc, NOT y (AddWithCarry: its carry
   * out is C and its overflow V) with x86's CF = APSR.C */
  {
    bool add = op == ARM_OP_ADD || op == ARM_OP_CMN || carry_in;
    bool nz = (c->need & (ARM_FL_N | ARM_FL_Z)) != 0;
    MdlX86Alu alu = carry_in ? MDL_X86_ADC : add ? MDL_X86_ADD : MDL_X86_SUB;

    if (op == ARM_OP_SBC)
      invert_y (a, imm, &k, &y);
    if (carry_in) {
      /* (nothing from here to the adc changes x86's flags) */
      mdl_x86_load (a, 4, false, MDL_X86_RDX, MDL_X86_STATE, SOFF (cf));
      mdl_x86_alu_ri (a, MDL_X86_ADD, false, MDL_X86_RDX, -1);
    }

    if (op == ARM_OP_RSB) {
      res = MDL_X86_RAX;
      if (imm)
        mdl_x86_mov_ri (a, MDL_X86_RAX, k);
      else
        mdl_x86_mov_rr (a, false, MDL_X86_RAX, y);
      mdl_x86_alu_rr (a, MDL_X86_SUB, false, MDL_X86_RAX, x);
    } else if (!write && !add && !nz) {
      res = MDL_X86_RAX; /* (unused) */
      alu_y (a, MDL_X86_CMP, x, imm, y, k);
    } else if (write && d->rd == d->rn && d->rd != 13) {
      res = rd;
      alu_y (a, alu, res, imm, y, k);
    } else {
      res = MDL_X86_RAX;
      mdl_x86_mov_rr (a, false, MDL_X86_RAX, x);
      alu_y (a, alu, MDL_X86_RAX, imm, y, k);
    }
    if (c->need & ARM_FL_C)
      mdl_x86_setcc (a, add ? MDL_X86_CC_B : MDL_X86_CC_AE, MDL_X86_RCX); /* C: no borrow */
    if (c->need & ARM_FL_V)
      mdl_x86_setcc (a, MDL_X86_CC_O, MDL_X86_RDX);
    if (write && res != rd)
      mdl_x86_mov_rr (a, false, rd, res);
    if (write && d->rd == 13)
      mdl_x86_alu_ri (a, MDL_X86_AND, false, rd, -4);
    if (c->need & ARM_FL_C)
      st_field (c, MDL_X86_RCX, SOFF (cf));
    if (c->need & ARM_FL_N)
      st_field (c, res, SOFF (nf));
    if (c->need & ARM_FL_Z)
      st_field (c, res, SOFF (zf));
    if (c->need & ARM_FL_V) {
      mdl_x86_shift_ri (a, MDL_X86_SHL, false, MDL_X86_RDX, 31);
      st_field (c, MDL_X86_RDX, SOFF (vf));
    }
    /* A branch right after it compares the operands again, when they are
     * still there. */
    if (d->setflags && !add && op != ARM_OP_RSB && !shifted
        && (!write || (d->rd != d->rn && (imm || d->rd != d->rm)))) {
      c->fuse = ARM_FUSE_SUB;
      c->fuse_x = x;
      c->fuse_y = y;
      c->fuse_y_imm = imm;
      c->fuse_imm = k;
    } else if (d->setflags && (write || add || nz) && d->rd != 13) {
      /* Else N and Z are still those of the result ("subs r0, #1; bne") */
      c->fuse = ARM_FUSE_LOGIC;
      c->fuse_x = write ? rd : res;
      c->fuse_guest = write ? (int8_t) d->rd : -1;
    }
  }
}

/* The host condition for Arm condition @cond (not AL) from what the
 * previous instruction left (@fuse), or -1 when it must be computed from
 * the CPU state. */
static int
fused_cc (unsigned fuse, unsigned cond)
{
  static const int8_t sub[14] = {
    MDL_X86_CC_E,  MDL_X86_CC_NE, MDL_X86_CC_AE, MDL_X86_CC_B,  MDL_X86_CC_S,
    MDL_X86_CC_NS, MDL_X86_CC_O,  MDL_X86_CC_NO, MDL_X86_CC_A,  MDL_X86_CC_BE,
    MDL_X86_CC_GE, MDL_X86_CC_L,  MDL_X86_CC_G,  MDL_X86_CC_LE,
  };

  if (fuse == ARM_FUSE_SUB)
    return sub[cond];
  if (fuse == ARM_FUSE_LOGIC && (cond <= 1 || cond == 4 || cond == 5))
    return sub[cond];
  return -1;
}

static unsigned
ls_size (ArmOp op, bool *sign, bool *store)
{
  *sign = op == ARM_OP_LDRSB || op == ARM_OP_LDRSH;
  *store = op == ARM_OP_STR || op == ARM_OP_STRB || op == ARM_OP_STRH;
  switch (op) {
  case ARM_OP_LDR:
  case ARM_OP_STR: return 4;
  case ARM_OP_LDRH:
  case ARM_OP_LDRSH:
  case ARM_OP_STRH: return 2;
  default: return 1;
  }
}

/* Jumps to the returned fixup when the address in eax is misaligned for
 * @size and alignment is checked (align_mask, 0 or ~0): the aligned case
 * first, which needs no load. */
static size_t
emit_align_check (ArmJitCtx *c, unsigned size)
{
  size_t aligned, bad;

  mdl_x86_mov_rr (c->a, false, MDL_X86_RDX, MDL_X86_RAX);
  mdl_x86_alu_ri (c->a, MDL_X86_AND, false, MDL_X86_RDX, (int32_t) size - 1);
  aligned = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_E);
  mdl_x86_cmp_m8_i (c->a, MDL_X86_STATE, SOFF (align_mask), 0);
  bad = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
  mdl_x86_bind (c->a, aligned);
  return bad;
}

/* The RAM fast path of a single access at the address in eax of @size
 * bytes: a store of @val through the store window, or a load into @val
 * (@sign extended) through the load window, then the fetch window as
 * arm_cached_ld looks at it next (tables and constants among the code,
 * without swapping the load window).  @wb: add @wb_imm to it between the
 * check and the load, as the executors write the base back before the
 * loaded register.  Misses (and a misalignment the executor would trap)
 * go to the returned fixups (@n_slow of them), hits to @done (@n_done).
 * @aligned: the address is known to be (sp-relative: SP[1:0] are zero
 * whatever writes r13, arm_write_sp and the wrappers see to it). */
static void
emit_access_fast (ArmJitCtx *c, unsigned size, bool aligned, bool sign, bool store, MdlX86Reg val,
                  bool wb, MdlX86Reg wb_reg, uint32_t wb_imm, size_t slow[5], unsigned *n_slow,
                  size_t done[2], unsigned *n_done)
{
  MdlJitAsm *a = c->a;
  size_t slow1;

  *n_slow = *n_done = 0;
  mdl_x86_mov_rr (a, false, MDL_X86_RCX, MDL_X86_RAX);
  mdl_x86_alu_rm (a, MDL_X86_SUB, false, MDL_X86_RCX, MDL_X86_STATE,
                  store ? SOFF (st_base) : SOFF (ld_base));
  mdl_x86_alu_rm (a, MDL_X86_CMP, false, MDL_X86_RCX, MDL_X86_STATE,
                  store ? SOFF (st_limit) : SOFF (ld_limit));
  slow1 = mdl_x86_jcc_fwd (a, MDL_X86_CC_AE);
  if (size > 1 && !aligned)
    slow[(*n_slow)++] = emit_align_check (c, size);
  mdl_x86_load (a, 8, false, MDL_X86_RDX, MDL_X86_STATE, store ? SOFF (st_host) : SOFF (ld_host));
  if (store)
    mdl_x86_store_idx (a, size, val, MDL_X86_RDX, MDL_X86_RCX);
  if (wb)
    mdl_x86_alu_ri (a, MDL_X86_ADD, false, wb_reg, (int32_t) wb_imm);
  if (!store)
    mdl_x86_load_idx (a, size, sign, val, MDL_X86_RDX, MDL_X86_RCX);
  done[(*n_done)++] = mdl_x86_jmp_fwd (a);
  mdl_x86_bind (a, slow1);
  if (store) {
    slow[(*n_slow)++] = mdl_x86_jmp_fwd (a);
    return;
  }
  mdl_x86_cmp_m8_i (a, MDL_X86_STATE, SOFF (lit_win_valid), 0);
  slow[(*n_slow)++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
  mdl_x86_mov_rr (a, false, MDL_X86_RCX, MDL_X86_RAX);
  mdl_x86_alu_rm (a, MDL_X86_SUB, true, MDL_X86_RCX, MDL_X86_STATE,
                  SOFF (fetch_win) + (int32_t) offsetof (MdlRamWindow, base));
  /* foff <= window size - access size */
  mdl_x86_load (a, 8, false, MDL_X86_RDX, MDL_X86_STATE,
                SOFF (fetch_win) + (int32_t) offsetof (MdlRamWindow, size));
  if (size > 1) {
    mdl_x86_alu_ri (a, MDL_X86_SUB, true, MDL_X86_RDX, (int32_t) size - 1);
    slow[(*n_slow)++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_B);
  }
  mdl_x86_alu_rr (a, MDL_X86_CMP, true, MDL_X86_RCX, MDL_X86_RDX);
  slow[(*n_slow)++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_AE);
  if (size > 1 && !aligned)
    slow[(*n_slow)++] = emit_align_check (c, size);
  mdl_x86_load (a, 8, false, MDL_X86_RDX, MDL_X86_STATE,
                SOFF (fetch_win) + (int32_t) offsetof (MdlRamWindow, host));
  if (wb)
    mdl_x86_alu_ri (a, MDL_X86_ADD, false, wb_reg, (int32_t) wb_imm);
  mdl_x86_load_idx (a, size, sign, val, MDL_X86_RDX, MDL_X86_RCX);
  done[(*n_done)++] = mdl_x86_jmp_fwd (a);
}

/* A load or store with an immediate or register offset: the window (and
 * alignment) check of the executor inline, the executor otherwise. */
static bool
emit_ls (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i)
{
  const ArmDecoded *d = &ins->dec;
  MdlJitAsm *a = c->a;
  bool sign, store;
  unsigned size = ls_size (insn_op (d), &sign, &store);
  bool wback = d->kind == ARM_K_PUW, aligned;
  size_t slow[5], done[2];
  unsigned n_slow, n_done;
  MdlX86Reg base = src (c, d->rn), val;

  mdl_x86_mov_rr (a, false, MDL_X86_RAX, base);
  if (d->kind == ARM_K_PUW) {
    if (d->index && d->imm)
      mdl_x86_alu_ri (a, MDL_X86_ADD, false, MDL_X86_RAX, (int32_t) d->imm);
  } else if (d->kind == ARM_K_OFF_IMM) {
    if (d->imm)
      mdl_x86_alu_ri (a, MDL_X86_ADD, false, MDL_X86_RAX, (int32_t) d->imm);
  } else {
    MdlX86Reg off = src (c, d->rm);

    if (d->shift_n) {
      mdl_x86_mov_rr (a, false, MDL_X86_RCX, off);
      mdl_x86_shift_ri (a, MDL_X86_SHL, false, MDL_X86_RCX, d->shift_n);
      off = MDL_X86_RCX;
    }
    mdl_x86_alu_rr (a, MDL_X86_ADD, false, MDL_X86_RAX, off);
  }
  /* the value's register, before the paths part (a load's is not loaded) */
  val = store ? src (c, d->rd) : dst_slot (c, d->rd, false);
  aligned = d->rn == 13 && d->kind != ARM_K_OFF_REG
            && ((d->kind == ARM_K_PUW && !d->index) || (d->imm & (size - 1)) == 0);
  emit_access_fast (c, size, aligned, sign, store, val, wback, base, d->imm, slow, &n_slow, done,
                    &n_done);
  if (!emit_slow_mid (c, ins, i, slow, n_slow))
    return false;
  for (unsigned k = 0; k < n_done; k++)
    mdl_x86_bind (a, done[k]);
  if (wback)
    dst (c, d->rn);
  if (!store)
    dst (c, d->rd);
  return true;
}

/* tbb/tbh: the table's entry loaded on the fast path of a load (the
 * table is usually among the code: the fetch window), then on through
 * the inline cache as emit_bx_fast; the executor for the rest. */
static bool
emit_tb (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n)
{
  const ArmDecoded *d = &ins->dec;
  MdlJitAsm *a = c->a;
  unsigned size = insn_op (d) == ARM_OP_TBH ? 2 : 1;
  size_t slow[5], done[2], leave;
  unsigned n_slow, n_done;
  MdlX86Reg idx = src (c, d->rm);

  /* (a table branch ends its IT block: it_next is 0; ITSTATE first, whose
   * store may go through rax or rdx) */
  sync_it (c, ins->it_next);
  if (d->rn == 15)
    mdl_x86_mov_ri (a, MDL_X86_RAX, ins->pc + 4);
  else
    mdl_x86_mov_rr (a, false, MDL_X86_RAX, src (c, d->rn));
  mdl_x86_alu_rr (a, MDL_X86_ADD, false, MDL_X86_RAX, idx);
  if (size == 2)
    mdl_x86_alu_rr (a, MDL_X86_ADD, false, MDL_X86_RAX, idx);
  cache_store_dirty (c, false);
  emit_access_fast (c, size, false, false, false, MDL_X86_RAX, false, MDL_X86_RAX, 0, slow, &n_slow,
                    done, &n_done);
  for (unsigned k = 0; k < n_done; k++)
    mdl_x86_bind (a, done[k]);
  /* pc + 4 + 2 * entry */
  mdl_x86_alu_rr (a, MDL_X86_ADD, false, MDL_X86_RAX, MDL_X86_RAX);
  mdl_x86_alu_ri (a, MDL_X86_ADD, false, MDL_X86_RAX, (int32_t) (ins->pc + 4));
  mdl_x86_lea (a, MDL_X86_COUNT, MDL_X86_COUNT, (int32_t) n);
  mdl_x86_cmp_m8_i (a, MDL_X86_STATE, SOFF (cpu.exit_request), 0);
  leave = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  if (!mdl_jit_emit_exit_indirect (c->jit, a))
    return false;
  mdl_x86_bind (a, leave);
  mdl_x86_alu_ri (a, MDL_X86_OR, false, MDL_X86_RAX, (int32_t) ARM_CHECK);
  mdl_jit_emit_exit (c->jit, a);
  return emit_slow_last (c, ins, i, n, slow, n_slow);
}

/* Whether an exclusive load or store is translated inline: no register
 * sp or the pc, a status register apart from the others. */
static bool
excl_inline (const ArmJitInsn *ins)
{
  const ArmDecoded *d = &ins->dec;

  switch (insn_op (d)) {
  case ARM_OP_LDREX:
  case ARM_OP_LDREXB:
  case ARM_OP_LDREXH: return ins->e.inner == 0 && d->rn < 15 && d->rd < 13;
  case ARM_OP_STREX:
  case ARM_OP_STREXB:
  case ARM_OP_STREXH:
    return ins->e.inner == 0 && d->rn < 15 && d->rd < 13 && d->ra < 13 && d->ra != d->rn
           && d->ra != d->rd;
  default: return false;
  }
}

/* eax - the window's base in ecx; jumps to the returned fixup when it is
 * not below the limit. */
static size_t
emit_window_check (ArmJitCtx *c, bool store)
{
  mdl_x86_mov_rr (c->a, false, MDL_X86_RCX, MDL_X86_RAX);
  mdl_x86_alu_rm (c->a, MDL_X86_SUB, false, MDL_X86_RCX, MDL_X86_STATE,
                  store ? SOFF (st_base) : SOFF (ld_base));
  mdl_x86_alu_rm (c->a, MDL_X86_CMP, false, MDL_X86_RCX, MDL_X86_STATE,
                  store ? SOFF (st_limit) : SOFF (ld_limit));
  return mdl_x86_jcc_fwd (c->a, MDL_X86_CC_AE);
}

/* ldrex/strex (word, halfword, byte) as arm_ldrex/arm_strex do, with the
 * monitor in the CPU state (exception entry and return clear it there):
 * an aligned address in the RAM windows inline, the executor for the rest
 * (its UsageFault whatever CCR says, devices, faults), called before
 * anything of the monitor changed.  A strex the monitor refuses touches no
 * memory, as the executor's; one it allows reads the word first and
 * stores only when it still holds what ldrex loaded. */
static bool
emit_excl (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i)
{
  const ArmDecoded *d = &ins->dec;
  MdlJitAsm *a = c->a;
  ArmOp op = insn_op (d);
  bool store = op == ARM_OP_STREX || op == ARM_OP_STREXB || op == ARM_OP_STREXH;
  unsigned size = op == ARM_OP_LDREX || op == ARM_OP_STREX     ? 4
                  : op == ARM_OP_LDREXH || op == ARM_OP_STREXH ? 2
                                                               : 1;
  MdlX86Reg base = src (c, d->rn), val, status = MDL_X86_RAX;
  size_t slow[4], done[2] = { 0, 0 }, fail[4];
  unsigned n_slow = 0, n_fail = 0;

  mdl_x86_mov_rr (a, false, MDL_X86_RAX, base);
  if (d->imm)
    mdl_x86_alu_ri (a, MDL_X86_ADD, false, MDL_X86_RAX, (int32_t) d->imm);
  /* the registers before the paths part (a loaded one is not loaded) */
  val = store ? src (c, d->rd) : dst_slot (c, d->rd, false);
  if (store)
    status = dst_slot (c, d->ra, false);
  if (size > 1) {
    mdl_x86_mov_rr (a, false, MDL_X86_RCX, MDL_X86_RAX);
    mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RCX, (int32_t) size - 1);
    slow[n_slow++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  }
  if (!store) {
    slow[n_slow++] = emit_window_check (c, false);
    mdl_x86_load (a, 8, false, MDL_X86_RDX, MDL_X86_STATE, SOFF (ld_host));
    mdl_x86_load_idx (a, size, false, val, MDL_X86_RDX, MDL_X86_RCX);
    mdl_x86_store_i8 (a, MDL_X86_STATE, SOFF (excl_valid), 1);
    st_field (c, MDL_X86_RAX, SOFF (excl_addr));
    mdl_x86_mov_ri (a, MDL_X86_RDX, size);
    st_field (c, MDL_X86_RDX, SOFF (excl_size));
    st_field (c, val, SOFF (excl_value));
    done[0] = mdl_x86_jmp_fwd (a);
  } else {
    /* refused: no monitor, another address or size */
    mdl_x86_cmp_m8_i (a, MDL_X86_STATE, SOFF (excl_valid), 0);
    fail[n_fail++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
    mdl_x86_alu_rm (a, MDL_X86_CMP, false, MDL_X86_RAX, MDL_X86_STATE, SOFF (excl_addr));
    fail[n_fail++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
    mdl_x86_alu_mi (a, MDL_X86_CMP, false, MDL_X86_STATE, SOFF (excl_size), (int32_t) size);
    fail[n_fail++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
    /* allowed: the value now, then the store (both windows first) */
    slow[n_slow++] = emit_window_check (c, false);
    mdl_x86_load (a, 8, false, MDL_X86_RDX, MDL_X86_STATE, SOFF (ld_host));
    mdl_x86_load_idx (a, size, false, MDL_X86_RDX, MDL_X86_RDX, MDL_X86_RCX);
    slow[n_slow++] = emit_window_check (c, true);
    mdl_x86_alu_rm (a, MDL_X86_CMP, false, MDL_X86_RDX, MDL_X86_STATE, SOFF (excl_value));
    fail[n_fail++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
    mdl_x86_load (a, 8, false, MDL_X86_RDX, MDL_X86_STATE, SOFF (st_host));
    mdl_x86_store_idx (a, size, val, MDL_X86_RDX, MDL_X86_RCX);
    mdl_x86_store_i8 (a, MDL_X86_STATE, SOFF (excl_valid), 0);
    mdl_x86_mov_ri (a, status, 0);
    done[0] = mdl_x86_jmp_fwd (a);
    for (unsigned k = 0; k < n_fail; k++)
      mdl_x86_bind (a, fail[k]);
    mdl_x86_store_i8 (a, MDL_X86_STATE, SOFF (excl_valid), 0);
    mdl_x86_mov_ri (a, status, 1);
    done[1] = mdl_x86_jmp_fwd (a);
  }
  if (!emit_slow_mid (c, ins, i, slow, n_slow))
    return false;
  mdl_x86_bind (a, done[0]);
  if (store)
    mdl_x86_bind (a, done[1]);
  dst (c, store ? d->ra : d->rd);
  return true;
}

/* Whether ldrd/strd is translated inline: a base other than the pc,
 * neither register sp or the pc (a written-back sp base is fine: the
 * fast path's address is aligned, so the sp wrapper changes nothing). */
static bool
ldrd_inline (const ArmJitInsn *ins)
{
  const ArmDecoded *d = &ins->dec;
  ArmOp op = insn_op (d);

  return (op == ARM_OP_LDRD || op == ARM_OP_STRD) && d->rn != 15 && d->rd != 13 && d->rd != 15
         && d->ra != 13 && d->ra != 15 && (ins->e.inner == 0 || sp_wrapped (ins));
}

/* ldrd/strd with both words in the RAM window: the words, the base
 * written back, then the registers loaded (a loaded base wins, the second
 * word over the first), as the executors do; the executor for anything
 * else (a misaligned address's UsageFault whatever CCR says, devices,
 * faults). */
static bool
emit_ldrd (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i)
{
  const ArmDecoded *d = &ins->dec;
  MdlJitAsm *a = c->a;
  bool load = insn_op (d) == ARM_OP_LDRD;
  MdlX86Reg base = src (c, d->rn), lo, hi;
  size_t slow[3], done;
  unsigned n_slow = 0;

  mdl_x86_mov_rr (a, false, MDL_X86_RAX, base);
  if (d->index && d->imm)
    mdl_x86_alu_ri (a, MDL_X86_ADD, false, MDL_X86_RAX, (int32_t) d->imm);
  /* the registers before the paths part (a load's are not loaded) */
  lo = load ? dst_slot (c, d->rd, false) : src (c, d->rd);
  hi = load ? dst_slot (c, d->ra, false) : src (c, d->ra);
  /* (sp and the offset, a multiple of 4, are aligned: emit_access_fast) */
  if (d->rn != 13) {
    mdl_x86_mov_rr (a, false, MDL_X86_RCX, MDL_X86_RAX);
    mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RCX, 3);
    slow[n_slow++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  }
  mdl_x86_mov_rr (a, false, MDL_X86_RCX, MDL_X86_RAX);
  mdl_x86_alu_rm (a, MDL_X86_SUB, false, MDL_X86_RCX, MDL_X86_STATE,
                  load ? SOFF (ld_base) : SOFF (st_base));
  /* the second word's offset below the limit: offset < limit - 4 */
  mdl_x86_load (a, 4, false, MDL_X86_RDX, MDL_X86_STATE, load ? SOFF (ld_limit) : SOFF (st_limit));
  mdl_x86_alu_ri (a, MDL_X86_SUB, false, MDL_X86_RDX, 4);
  slow[n_slow++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_B);
  mdl_x86_alu_rr (a, MDL_X86_CMP, false, MDL_X86_RCX, MDL_X86_RDX);
  slow[n_slow++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_AE);
  mdl_x86_load (a, 8, false, MDL_X86_RDX, MDL_X86_STATE, load ? SOFF (ld_host) : SOFF (st_host));
  mdl_x86_alu_rr (a, MDL_X86_ADD, true, MDL_X86_RDX, MDL_X86_RCX);
  if (!load) {
    mdl_x86_store (a, 4, lo, MDL_X86_RDX, 0);
    mdl_x86_store (a, 4, hi, MDL_X86_RDX, 4);
  }
  if (d->wback)
    mdl_x86_alu_ri (a, MDL_X86_ADD, false, base, (int32_t) d->imm);
  if (load) {
    mdl_x86_load (a, 4, false, lo, MDL_X86_RDX, 0);
    mdl_x86_load (a, 4, false, hi, MDL_X86_RDX, 4);
  }
  done = mdl_x86_jmp_fwd (a);
  if (!emit_slow_mid (c, ins, i, slow, n_slow))
    return false;
  mdl_x86_bind (a, done);
  if (d->wback)
    dst (c, d->rn);
  if (load) {
    dst (c, d->rd);
    dst (c, d->ra);
  }
  return true;
}

/* Whether a load or store multiple is translated inline: base other than
 * the pc, not wrapped (push and pop are not; other sp bases are), no pc
 * to store, a pc to load only outside IT blocks. */
static bool
ldstm_inline (const ArmJitInsn *ins)
{
  const ArmDecoded *d = &ins->dec;
  ArmOp op = insn_op (d);
  bool load = op == ARM_OP_LDM || op == ARM_OP_LDMDB;

  if (op != ARM_OP_LDM && op != ARM_OP_LDMDB && op != ARM_OP_STM && op != ARM_OP_STMDB)
    return false;
  if (ins->e.inner != 0 || d->rn == 15 || (d->imm & 0xffff) == 0)
    return false;
  if (d->imm >> 15 & 1)
    return load && !ins->it;
  return true;
}

/* ldm/ldmdb/stm/stmdb (pop and push among them) with every word in the
 * RAM window: the words, the base written back, then the registers
 * loaded (so that a loaded base wins), as ldm_common/stm_common do; the
 * executor for anything else (alignment, the window, devices, faults).
 * A pc loaded goes through arm_bx_write_pc (interworking, exception
 * return) and ends the block through the inline cache. */
static bool
emit_ldstm (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n)
{
  const ArmDecoded *d = &ins->dec;
  MdlJitAsm *a = c->a;
  ArmOp op = insn_op (d);
  bool load = op == ARM_OP_LDM || op == ARM_OP_LDMDB;
  bool down = op == ARM_OP_LDMDB || op == ARM_OP_STMDB;
  uint32_t list = d->imm & 0xffff;
  int32_t bytes = 4 * __builtin_popcount (list);
  size_t slow1, slow2, slow3, done = 0;
  int32_t k = 0;

  cache_flush (c);
  /* A pc loaded leaves the block: ITSTATE (0, outside IT blocks) first,
   * since its store may go through rax or rdx, which hold the address
   * below (once the base register of the pc's load: a host crash after
   * an IT block with a call in it, jit-inline.S). */
  if (list >> 15 & 1)
    sync_it (c, 0);
  /* eax = the lowest address, ecx = its offset in the window, rdx = its
   * host address */
  ld_reg (c, MDL_X86_RAX, d->rn);
  if (down)
    mdl_x86_alu_ri (a, MDL_X86_SUB, false, MDL_X86_RAX, bytes);
  mdl_x86_mov_rr (a, false, MDL_X86_RCX, MDL_X86_RAX);
  mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RCX, 3);
  slow1 = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  mdl_x86_mov_rr (a, false, MDL_X86_RCX, MDL_X86_RAX);
  mdl_x86_alu_rm (a, MDL_X86_SUB, false, MDL_X86_RCX, MDL_X86_STATE,
                  load ? SOFF (ld_base) : SOFF (st_base));
  /* the last word's offset below the limit: offset < limit - (bytes - 4) */
  mdl_x86_load (a, 4, false, MDL_X86_RDX, MDL_X86_STATE, load ? SOFF (ld_limit) : SOFF (st_limit));
  mdl_x86_alu_ri (a, MDL_X86_SUB, false, MDL_X86_RDX, bytes - 4);
  slow2 = mdl_x86_jcc_fwd (a, MDL_X86_CC_B);
  mdl_x86_alu_rr (a, MDL_X86_CMP, false, MDL_X86_RCX, MDL_X86_RDX);
  slow3 = mdl_x86_jcc_fwd (a, MDL_X86_CC_AE);
  mdl_x86_load (a, 8, false, MDL_X86_RDX, MDL_X86_STATE, load ? SOFF (ld_host) : SOFF (st_host));
  mdl_x86_alu_rr (a, MDL_X86_ADD, true, MDL_X86_RDX, MDL_X86_RCX);

  if (!load) {
    for (unsigned r = 0; r < 16; r++)
      if (list >> r & 1) {
        ld_reg (c, MDL_X86_RSI, r);
        mdl_x86_store (a, 4, MDL_X86_RSI, MDL_X86_RDX, 4 * k++);
      }
  }
  if (d->wback) {
    ld_reg (c, MDL_X86_RSI, d->rn);
    mdl_x86_alu_ri (a, down ? MDL_X86_SUB : MDL_X86_ADD, false, MDL_X86_RSI, bytes);
    st_reg (c, MDL_X86_RSI, d->rn);
  }
  if (load) {
    for (unsigned r = 0; r < 15; r++)
      if (list >> r & 1) {
        mdl_x86_load (a, 4, false, MDL_X86_RSI, MDL_X86_RDX, 4 * k++);
        st_reg (c, MDL_X86_RSI, r);
      }
  }
  if (!(list >> 15 & 1)) {
    done = mdl_x86_jmp_fwd (a);
    mdl_x86_bind (a, slow1);
    mdl_x86_bind (a, slow2);
    mdl_x86_bind (a, slow3);
    c->slow_path = true;
    if (!emit_exec_mid (c, ins, i))
      return false;
    c->slow_path = false;
    mdl_x86_bind (a, done);
    return true;
  }

  /* pop {..., pc}: as ldm_common's end, BXWritePC inline where it can
   * be (emit_bx_fast), else arm_bx_write_pc and on as emit_exec_last */
  {
    size_t leave1, leave2, go_on, bx_slow[2];

    mdl_x86_load (a, 4, false, MDL_X86_RAX, MDL_X86_RDX, 4 * k);
    if (!emit_bx_fast (c, n, bx_slow))
      return false;
    mdl_x86_bind (a, bx_slow[0]);
    mdl_x86_bind (a, bx_slow[1]);
    mdl_x86_mov_rr (a, false, MDL_X86_RDX, MDL_X86_RAX);
    mdl_x86_mov_rr (a, true, MDL_X86_RDI, MDL_X86_STATE);
    mdl_x86_mov_ri (a, MDL_X86_RSI, ins->pc);
    mdl_x86_call (a, (const void *) arm_bx_write_pc);
    mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RAX, -1); /* zero-extends */
    mdl_x86_mov_rr (a, false, MDL_X86_RDX, MDL_X86_RAX);
    mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RDX, (int32_t) ARM_CHECK);
    leave1 = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
    leave2 = jcc_stale (c);
    go_on = mdl_x86_jmp_fwd (a);
    mdl_x86_bind (a, leave1);
    mdl_x86_bind (a, leave2);
    leave_after (c, i);
    mdl_x86_bind (a, go_on);
    mdl_x86_lea (a, MDL_X86_COUNT, MDL_X86_COUNT, (int32_t) n);
    if (!mdl_jit_emit_exit_indirect (c->jit, a))
      return false;
  }
  {
    const size_t slow[] = { slow1, slow2, slow3 };

    return emit_slow_last (c, ins, i, n, slow, 3);
  }
}

/* A literal load from ROM: a constant (loaders and debuggers writing ROM
 * flush the blocks); from RAM too when it lies after the block's first
 * instruction within ARM_JIT_PAGE: the block's range then covers it
 * (lit_end), so that a store to the literal is heard and flushes the
 * block.  (A window's writable flag does not tell RAM from ROM: the
 * window of marked code only reads.) */
static bool
lit_constant (ArmCpu *s, const ArmJitInsn *ins, uint32_t *value, uint32_t start, uint32_t *lit_end)
{
  const ArmDecoded *d = &ins->dec;
  uint32_t addr = (ins->pc & ~3u) + 4 + d->imm;
  bool sign, store;
  unsigned size;
  MdlRamWindow w;

  if (d->kind != ARM_K_LIT || ins->e.inner != 0 || insn_op (d) < ARM_OP_LDR
      || insn_op (d) > ARM_OP_LDRSH)
    return false;
  size = ls_size (insn_op (d), &sign, &store);
  uint64_t rbase;
  MdlRegion *region;

  if ((addr & (size - 1)) || !mdl_address_space_ram_window (s->cpu.as, addr, &w)
      || addr - w.base + size > w.size)
    return false;
  region = mdl_address_space_lookup (s->cpu.as, addr, &rbase);
  if (region == NULL || mdl_region_kind (region) != MDL_REGION_ROM) {
    if (addr < start || addr + size - start > ARM_JIT_PAGE)
      return false;
    *lit_end = MAX (*lit_end, addr + size);
  }
  switch (size) {
  case 4: memcpy (value, w.host + (addr - w.base), 4); break;
  case 2: {
    uint16_t h;

    memcpy (&h, w.host + (addr - w.base), 2);
    *value = sign ? (uint32_t) (int32_t) (int16_t) h : h;
    break;
  }
  default: {
    uint8_t b = w.host[addr - w.base];

    *value = sign ? (uint32_t) (int32_t) (int8_t) b : b;
    break;
  }
  }
  return true;
}

/* Instructions after which a block stops: they jump or may jump, or
 * always ask for the loop's check. */
static bool
ends_block (const ArmDecoded *d)
{
  switch (insn_op (d)) {
  case ARM_OP_UNDEF:
  case ARM_OP_NOCP:
  case ARM_OP_B:
  case ARM_OP_BCOND:
  case ARM_OP_BL:
  case ARM_OP_BX:
  case ARM_OP_BLX:
  case ARM_OP_CBZ:
  case ARM_OP_CBNZ:
  case ARM_OP_TBB:
  case ARM_OP_TBH:
  case ARM_OP_MSR:
  case ARM_OP_CPS:
  case ARM_OP_ISB:
  case ARM_OP_WFE:
  case ARM_OP_WFI:
  case ARM_OP_SVC:
  case ARM_OP_BKPT:
  case ARM_OP_UDF: return true;
  case ARM_OP_LDM:
  case ARM_OP_LDMDB: return (d->imm >> 15) & 1;
  case ARM_OP_PLD:
  case ARM_OP_NOP:
  case ARM_OP_YIELD:
  case ARM_OP_BARRIER: return false;
  default: return d->rd == 15 && !is_test (insn_op (d));
  }
}

/* IT: nothing to compute (the block knows every ITSTATE), but the
 * interpreter's IT asks for its check section, which takes an interrupt
 * between IT and the block's first instruction, leaves run() on
 * exit_request, and forgets the trapped and IPSR-changed marks of an
 * exception taken before (arm_step_it keeps ITSTATE while either is set:
 * a block entered right after an interrupt's entry, with an IT in it,
 * kept ITSTATE over a failed IT inside the IT block where the
 * interpreter advanced it; fuzz-arm
 * arm/divergences/it-inside-it-then-r2-cleared-552): leave for it
 * whenever it could do any of these. */
static void
emit_it (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i)
{
  size_t leave1, leave2, leave3, leave4, go_on;

  mdl_x86_cmp_m8_i (c->a, MDL_X86_STATE, SOFF (cpu.exit_request), 0);
  leave1 = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
  mdl_x86_cmp_m8_i (c->a, MDL_X86_STATE, SOFF (trapped), 0);
  leave3 = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
  mdl_x86_cmp_m8_i (c->a, MDL_X86_STATE, SOFF (ipsr_changed), 0);
  leave4 = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
  /* (the bitmap two words at a time) */
  if (ARM_EXC_WORDS >= 2) {
    unsigned w;

    mdl_x86_load (c->a, 8, false, MDL_X86_RAX, MDL_X86_STATE, SOFF (exc_pending));
    for (w = 2; w + 1 < ARM_EXC_WORDS; w += 2)
      mdl_x86_alu_rm (c->a, MDL_X86_OR, true, MDL_X86_RAX, MDL_X86_STATE,
                      SOFF (exc_pending) + 4 * (int32_t) w);
    if (w < ARM_EXC_WORDS) {
      mdl_x86_load (c->a, 4, false, MDL_X86_RDX, MDL_X86_STATE,
                    SOFF (exc_pending) + 4 * (int32_t) w);
      mdl_x86_alu_rr (c->a, MDL_X86_OR, true, MDL_X86_RAX, MDL_X86_RDX);
    }
  } else
    mdl_x86_load (c->a, 4, false, MDL_X86_RAX, MDL_X86_STATE, SOFF (exc_pending));
  mdl_x86_test_rr (c->a, true, MDL_X86_RAX, MDL_X86_RAX);
  leave2 = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
  go_on = mdl_x86_jmp_fwd (c->a);
  mdl_x86_bind (c->a, leave1);
  mdl_x86_bind (c->a, leave2);
  mdl_x86_bind (c->a, leave3);
  mdl_x86_bind (c->a, leave4);
  cache_store_dirty (c, false);
  mdl_x86_mov_ri (c->a, MDL_X86_RDX, ins->it_next);
  st_field (c, MDL_X86_RDX, SOFF (itstate));
  mdl_x86_mov_ri (c->a, MDL_X86_RAX, (ins->pc + ins->dec.len) | ARM_CHECK);
  leave_after (c, i);
  mdl_x86_bind (c->a, go_on);
}

static bool emit_insn_body (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n);

/* Instructions translated inline that only compute registers from
 * registers (no flags, no call, no fault): shifts by a register, mla and
 * mls, the bit-field extracts, inserts and clears. */
static bool
reg_inline (const ArmJitInsn *ins)
{
  const ArmDecoded *d = &ins->dec;

  /* bfc's Rn field is 1111, which the pc wrapper takes for a read */
  if (insn_op (d) == ARM_OP_BFC)
    return (ins->e.inner == 0 || ins->e.pc_flags == ARM_PC_READ) && d->rd < 13;
  if (ins->e.inner != 0)
    return false;
  switch (insn_op (d)) {
  case ARM_OP_LSL_R:
  case ARM_OP_LSR_R:
  case ARM_OP_ASR_R: return !d->setflags;
  case ARM_OP_MLA:
  case ARM_OP_MLS:
  case ARM_OP_UBFX:
  case ARM_OP_SBFX: return true;
  case ARM_OP_BFI: return d->rd < 13;
  default: return false;
  }
}

static void
emit_reg_inline (ArmJitCtx *c, const ArmJitInsn *ins)
{
  const ArmDecoded *d = &ins->dec;
  MdlJitAsm *a = c->a;
  ArmOp op = insn_op (d);

  switch (op) {
  case ARM_OP_LSL_R:
  case ARM_OP_LSR_R:
  case ARM_OP_ASR_R:
    /* the amount is Rm's low byte; x86 takes it modulo 32 */
    mdl_x86_mov_rr (a, false, MDL_X86_RCX, src (c, d->rm));
    mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RCX, 0xff);
    mdl_x86_mov_rr (a, false, MDL_X86_RAX, src (c, d->rn));
    if (op == ARM_OP_ASR_R) {
      size_t small;

      mdl_x86_alu_ri (a, MDL_X86_CMP, false, MDL_X86_RCX, 31);
      small = mdl_x86_jcc_fwd (a, MDL_X86_CC_BE);
      mdl_x86_mov_ri (a, MDL_X86_RCX, 31); /* 32 and more: the sign */
      mdl_x86_bind (a, small);
      mdl_x86_shift_cl (a, MDL_X86_SAR, false, MDL_X86_RAX);
    } else {
      mdl_x86_shift_cl (a, op == ARM_OP_LSL_R ? MDL_X86_SHL : MDL_X86_SHR, false, MDL_X86_RAX);
      /* 32 and more: 0 */
      mdl_x86_alu_ri (a, MDL_X86_CMP, false, MDL_X86_RCX, 32);
      mdl_x86_setcc (a, MDL_X86_CC_B, MDL_X86_RDX);
      mdl_x86_unary (a, MDL_X86_NEG, false, MDL_X86_RDX);
      mdl_x86_alu_rr (a, MDL_X86_AND, false, MDL_X86_RAX, MDL_X86_RDX);
    }
    break;
  case ARM_OP_MLA:
    mdl_x86_mov_rr (a, false, MDL_X86_RAX, src (c, d->rn));
    mdl_x86_imul_rr (a, false, MDL_X86_RAX, src (c, d->rm));
    mdl_x86_alu_rr (a, MDL_X86_ADD, false, MDL_X86_RAX, src (c, d->ra));
    break;
  case ARM_OP_MLS:
    mdl_x86_mov_rr (a, false, MDL_X86_RCX, src (c, d->rn));
    mdl_x86_imul_rr (a, false, MDL_X86_RCX, src (c, d->rm));
    mdl_x86_mov_rr (a, false, MDL_X86_RAX, src (c, d->ra));
    mdl_x86_alu_rr (a, MDL_X86_SUB, false, MDL_X86_RAX, MDL_X86_RCX);
    break;
  case ARM_OP_UBFX:
    /* (the decoder keeps lsb + width <= 32) */
    mdl_x86_mov_rr (a, false, MDL_X86_RAX, src (c, d->rn));
    if (d->shift_n)
      mdl_x86_shift_ri (a, MDL_X86_SHR, false, MDL_X86_RAX, d->shift_n);
    if (d->imm < 32)
      mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RAX, (int32_t) ((1u << d->imm) - 1));
    break;
  case ARM_OP_BFI:
  case ARM_OP_BFC: {
    /* width imm (1-32) at lsb shift_n (the decoder keeps lsb + width <= 32) */
    uint32_t mask = (d->imm < 32 ? (1u << d->imm) - 1 : ~0u) << d->shift_n;

    if (op == ARM_OP_BFC)
      mdl_x86_mov_ri (a, MDL_X86_RAX, 0);
    else {
      mdl_x86_mov_rr (a, false, MDL_X86_RAX, src (c, d->rn));
      if (d->shift_n)
        mdl_x86_shift_ri (a, MDL_X86_SHL, false, MDL_X86_RAX, d->shift_n);
    }
    if (mask != ~0u) {
      if (op == ARM_OP_BFI)
        mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RAX, (int32_t) mask);
      mdl_x86_mov_rr (a, false, MDL_X86_RCX, src (c, d->rd));
      mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RCX, (int32_t) ~mask);
      mdl_x86_alu_rr (a, MDL_X86_OR, false, MDL_X86_RAX, MDL_X86_RCX);
    }
    break;
  }
  default: /* SBFX */
    mdl_x86_mov_rr (a, false, MDL_X86_RAX, src (c, d->rn));
    if (32 - d->shift_n - d->imm)
      mdl_x86_shift_ri (a, MDL_X86_SHL, false, MDL_X86_RAX, (uint8_t) (32 - d->shift_n - d->imm));
    if (d->imm < 32)
      mdl_x86_shift_ri (a, MDL_X86_SAR, false, MDL_X86_RAX, (uint8_t) (32 - d->imm));
    break;
  }
  mdl_x86_mov_rr (a, false, dst (c, d->rd), MDL_X86_RAX);
}

/* Whether an instruction under an IT condition only computes cached
 * registers (no call, no exit): then its registers are loaded before the
 * condition, so that both paths join with the same cache and nothing is
 * stored or forgotten around it. */
static bool
simple_cond (const ArmJitInsn *ins)
{
  ArmOp op = insn_op (&ins->dec);

  if (dp_inline (ins) || reg_inline (ins))
    return true;
  return (op == ARM_OP_MUL || op == ARM_OP_SXTB || op == ARM_OP_SXTH || op == ARM_OP_UXTB
          || op == ARM_OP_UXTH)
         && ins->e.inner == 0;
}

/* An instruction, under the condition of its IT block: skipped in host
 * code when it fails (a last instruction that would end the block ends
 * it at the next one instead). */
static bool
emit_insn (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n)
{
  unsigned cond = ins->it >> 4;
  size_t skip;
  bool ok;

  if (insn_op (&ins->dec) == ARM_OP_IT) {
    emit_it (c, ins, i);
    /* A result's N and Z in a cached register reach into the IT block
     * (emit_it uses rax and rdx only). */
    if (c->prev_fuse == ARM_FUSE_LOGIC && c->prev_guest >= 0) {
      c->fuse = ARM_FUSE_LOGIC;
      c->fuse_x = c->prev_x;
      c->fuse_guest = c->prev_guest;
    }
    return true;
  }
  if (!ins->it || cond >= 14)
    return emit_insn_body (c, ins, i, n);
  if (simple_cond (ins)) {
    const ArmDecoded *d = &ins->dec;
    bool carried = c->prev_fuse == ARM_FUSE_LOGIC && c->prev_guest >= 0;
    MdlX86Reg fx = c->prev_x;
    int8_t fg = c->prev_guest;
    MdlX86Reg fh;
    int cc = -1;

    /* Every register it reads or writes cached before the condition (rd
     * too: on the skipping path it keeps its value); the body then finds
     * them all and allocates nothing, and after it rd is dirty, which
     * storing its old value again would be harmless on the other path. */
    if (d->rn < 15)
      src (c, d->rn);
    if (d->rm < 15)
      src (c, d->rm);
    if (d->ra < 15 && (insn_op (d) == ARM_OP_MLA || insn_op (d) == ARM_OP_MLS))
      src (c, d->ra);
    if (d->rd < 15)
      src (c, d->rd);
    c->prev_fuse = ARM_FUSE_NONE;
    /* the condition from a result still cached (and not written since),
     * else from the CPU state */
    if (carried && mdl_jit_regs_cached (&c->regs, fg, &fh) && fh == fx)
      cc = fused_cc (ARM_FUSE_LOGIC, cond);
    if (cc >= 0) {
      mdl_x86_test_rr (c->a, false, fx, fx);
      skip = mdl_x86_jcc_fwd (c->a, (MdlX86Cond) (cc ^ 1));
    } else {
      emit_cond (c, cond);
      skip = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_E);
    }
    ok = emit_insn_body (c, ins, i, n);
    mdl_x86_bind (c->a, skip);
    c->fuse = ARM_FUSE_NONE;
    if (carried && !d->setflags && d->rd != fg) {
      c->fuse = ARM_FUSE_LOGIC;
      c->fuse_x = fx;
      c->fuse_guest = fg;
    }
    return ok;
  }
  c->prev_fuse = ARM_FUSE_NONE;
  /* both paths from here start and end with the same cache */
  cache_store_dirty (c, true);
  emit_cond (c, cond);
  if (ends_block (&ins->dec)) {
    size_t run = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);

    emit_block_end (c, n, ins->pc + ins->dec.len, false);
    mdl_x86_bind (c->a, run);
    /* The path that runs it needs an end of its own: a body that leaves
     * none (an inline load into the scratch r15, such as ldrsh pc, [pc,
     * #imm], a hint) gets the block's (arm_jit_emit); it ran on into
     * whatever the code memory held after the block (a host crash,
     * fuzz-arm arm/regressions/it-load-to-r15-block-end). */
    c->ended = false;
    return emit_insn_body (c, ins, i, n);
  }
  skip = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_E);
  ok = emit_insn_body (c, ins, i, n);
  cache_flush (c);
  mdl_x86_bind (c->a, skip);
  c->fuse = ARM_FUSE_NONE; /* (skipped, the host registers hold nothing) */
  return ok;
}

static bool
emit_insn_body (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n)
{
  const ArmDecoded *d = &ins->dec;
  ArmOp op = insn_op (d);
  uint32_t next = ins->pc + d->len, target = ins->pc + 4 + d->imm, lit;

  switch (op) {
  case ARM_OP_BCOND:
    if (d->cond < 14) {
      int cc = fused_cc (c->prev_fuse, d->cond);
      size_t taken;

      /* Right after the compare: its host flags again, not the state's. */
      if (cc >= 0) {
        if (c->prev_fuse == ARM_FUSE_SUB)
          alu_y (c->a, MDL_X86_CMP, c->prev_x, c->prev_y_imm, c->prev_y, c->prev_imm);
        else
          mdl_x86_test_rr (c->a, false, c->prev_x, c->prev_x);
        taken = mdl_x86_jcc_fwd (c->a, (MdlX86Cond) cc);
      } else {
        emit_cond (c, d->cond);
        taken = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
      }
      emit_block_end (c, n, next, false);
      mdl_x86_bind (c->a, taken);
    }
    emit_block_end (c, n, target, true);
    return true;
  case ARM_OP_B: emit_block_end (c, n, target, true); return true;
  case ARM_OP_BL:
    mdl_x86_mov_ri (c->a, dst (c, 14), next | 1);
    emit_block_end (c, n, target, true);
    return true;
  case ARM_OP_CBZ:
  case ARM_OP_CBNZ: {
    size_t taken;

    MdlX86Reg x = src (c, d->rn);

    mdl_x86_test_rr (c->a, false, x, x);
    taken = mdl_x86_jcc_fwd (c->a, op == ARM_OP_CBZ ? MDL_X86_CC_E : MDL_X86_CC_NE);
    emit_block_end (c, n, next, false);
    mdl_x86_bind (c->a, taken);
    emit_block_end (c, n, target, true);
    return true;
  }
  case ARM_OP_MUL:
    if (ins->e.inner != 0)
      break;
    mdl_x86_mov_rr (c->a, false, MDL_X86_RAX, src (c, d->rn));
    mdl_x86_imul_rr (c->a, false, MDL_X86_RAX, src (c, d->rm));
    mdl_x86_mov_rr (c->a, false, dst (c, d->rd), MDL_X86_RAX);
    if (c->need & ARM_FL_N)
      st_field (c, MDL_X86_RAX, SOFF (nf));
    if (c->need & ARM_FL_Z)
      st_field (c, MDL_X86_RAX, SOFF (zf));
    return true;
  case ARM_OP_NOP:
  case ARM_OP_YIELD:
  case ARM_OP_BARRIER:
  case ARM_OP_PLD: return true;
  case ARM_OP_SXTB:
  case ARM_OP_SXTH:
  case ARM_OP_UXTB:
  case ARM_OP_UXTH:
    if (ins->e.inner != 0)
      break;
    /* the 32-bit forms rotate first */
    mdl_x86_mov_rr (c->a, false, MDL_X86_RAX, src (c, d->rm));
    if (d->shift_n)
      mdl_x86_shift_ri (c->a, MDL_X86_ROR, false, MDL_X86_RAX, d->shift_n);
    if (op == ARM_OP_UXTB || op == ARM_OP_UXTH)
      mdl_x86_alu_ri (c->a, MDL_X86_AND, false, MDL_X86_RAX, op == ARM_OP_UXTB ? 0xff : 0xffff);
    else {
      mdl_x86_shift_ri (c->a, MDL_X86_SHL, false, MDL_X86_RAX, op == ARM_OP_SXTB ? 24 : 16);
      mdl_x86_shift_ri (c->a, MDL_X86_SAR, false, MDL_X86_RAX, op == ARM_OP_SXTB ? 24 : 16);
    }
    mdl_x86_mov_rr (c->a, false, dst (c, d->rd), MDL_X86_RAX);
    return true;
  default: break;
  }
  if (dp_inline (ins)) {
    emit_dp (c, ins);
    return true;
  }
  if (reg_inline (ins)) {
    emit_reg_inline (c, ins);
    return true;
  }
  if (op >= ARM_OP_LDR && op <= ARM_OP_STRH && ins->e.inner == 0
      && (d->kind == ARM_K_OFF_IMM || d->kind == ARM_K_OFF_REG || d->kind == ARM_K_PUW))
    return emit_ls (c, ins, i);
  if (lit_constant (c->s, ins, &lit, c->start, &c->lit_end)) {
    mdl_x86_mov_ri (c->a, dst (c, d->rd), lit);
    return true;
  }
  if (ldstm_inline (ins))
    return emit_ldstm (c, ins, i, n);
  if (ldrd_inline (ins))
    return emit_ldrd (c, ins, i);
  if (excl_inline (ins))
    return emit_excl (c, ins, i);
  if (op == ARM_OP_CLREX) {
    mdl_x86_store_i8 (c->a, MDL_X86_STATE, SOFF (excl_valid), 0);
    return true;
  }
  if ((op == ARM_OP_TBB || op == ARM_OP_TBH) && d->rm < 13
      && (ins->e.inner == 0 || (d->rn == 15 && ins->e.pc_flags == ARM_PC_READ)))
    return emit_tb (c, ins, i, n);
  if (op == ARM_OP_BX && ins->e.inner == 0 && d->rm != 15)
    return emit_bx (c, ins, i, n);
  if (ends_block (d))
    return emit_exec_last (c, ins, i, n);
  return emit_exec_mid (c, ins, i);
}

/* ---- translating a block ------------------------------------------------- */

static unsigned
arm_jit_scan (ArmCpu *s, uint32_t pc, unsigned max, ArmJitInsn *insns, uint32_t *end)
{
  MdlRamWindow w;
  uint64_t limit, at = pc;
  unsigned n = 0, it = 0;

  if (!mdl_address_space_ram_window (s->cpu.as, pc, &w))
    return 0;
  limit = MIN (w.base + w.size, ((uint64_t) pc | (ARM_JIT_PAGE - 1)) + 1);
  while (n < max) {
    uint16_t hw1, hw2 = 0;
    uint32_t raw;
    ArmJitInsn *ins = &insns[n];

    if (limit - at < 2)
      break;
    memcpy (&hw1, w.host + (at - w.base), 2);
    raw = hw1;
    if (arm_insn_length (hw1) == 4) {
      if (limit - at < 4)
        break;
      memcpy (&hw2, w.host + (at - w.base) + 2, 2);
      raw = (uint32_t) hw1 << 16 | hw2;
    }
    arm_decode (s->isa, raw, it != 0, &ins->dec);
    if (ins->dec.op == NULL)
      ins->dec.len = (uint8_t) arm_insn_length (hw1);
    /* An IT inside an IT block is UNPREDICTABLE; the interpreter's
     * reading of it (under the outer block's condition, ITSTATE
     * advanced when it fails) is the reference, and the dispatcher steps
     * the rest of the IT block with it (fuzz-arm:
     * arm/divergences/it-inside-it-then-r2-cleared-552). */
    if (it != 0 && insn_op (&ins->dec) == ARM_OP_IT)
      break;
    arm_interp_entry (&ins->e, &ins->dec, (uint32_t) at, it != 0);
    ins->pc = (uint32_t) at;
    /* ITSTATE known at translation time, advanced as arm_step_it does */
    ins->it = (uint8_t) it;
    if (it)
      it = (it & 7) == 0 ? 0 : (it & 0xe0) | ((it << 1) & 0x1f);
    else if (insn_op (&ins->dec) == ARM_OP_IT)
      it = ins->dec.imm & 0xff;
    ins->it_next = (uint8_t) it;
    n++;
    at += ins->dec.len;
    if (ends_block (&ins->dec))
      break;
  }
  *end = (uint32_t) at;
  return n;
}

/* The flags instruction @ins writes and reads when translated inline
 * with no call (anything else may fault, read them or leave the block:
 * it reads them all, so that they are in the CPU state there). */
static unsigned
flags_written (const ArmJitInsn *ins)
{
  const ArmDecoded *d = &ins->dec;
  ArmOp op = insn_op (d);

  if (!d->setflags)
    return 0;
  if (op == ARM_OP_MUL && ins->e.inner == 0)
    return ARM_FL_N | ARM_FL_Z;
  if (!dp_inline (ins))
    return 0;
  switch (op) {
  case ARM_OP_ADD:
  case ARM_OP_ADC:
  case ARM_OP_SUB:
  case ARM_OP_SBC:
  case ARM_OP_RSB:
  case ARM_OP_CMP:
  case ARM_OP_CMN: return ARM_FL_ALL;
  default:
    if (d->kind == ARM_K_SHIFT || (d->kind == ARM_K_IMM && d->carry != ARM_CARRY_KEEP))
      return ARM_FL_N | ARM_FL_Z | ARM_FL_C;
    return ARM_FL_N | ARM_FL_Z;
  }
}

static unsigned
flags_read (const ArmJitInsn *ins)
{
  if (ins->it && (ins->it >> 4) < 14)
    return ARM_FL_ALL; /* its condition */
  switch (insn_op (&ins->dec)) {
  case ARM_OP_NOP:
  case ARM_OP_YIELD:
  case ARM_OP_BARRIER:
  case ARM_OP_PLD: return 0;
  case ARM_OP_MUL:
  case ARM_OP_SXTB:
  case ARM_OP_SXTH:
  case ARM_OP_UXTB:
  case ARM_OP_UXTH: return ins->e.inner == 0 ? 0 : ARM_FL_ALL;
  case ARM_OP_ADC:
  case ARM_OP_SBC:
    if (dp_inline (ins))
      return ARM_FL_C; /* the carry in */
    return ARM_FL_ALL;
  default: return dp_inline (ins) || reg_inline (ins) ? 0 : ARM_FL_ALL;
  }
}

static bool
arm_jit_emit (ArmJitCtx *c, const ArmJitInsn *insns, unsigned n, uint32_t end)
{
  unsigned need[ARM_JIT_MAX_INSNS], live = ARM_FL_ALL; /* at the exit */

  /* Dead flag writes: a flag another inline instruction overwrites
   * before anything reads it, faults or leaves is not computed. */
  for (unsigned i = n; i-- > 0;) {
    unsigned w = flags_written (&insns[i]);

    need[i] = live & w;
    live = (live & ~w) | flags_read (&insns[i]);
  }
  mdl_jit_emit_budget_check (c->jit, c->a, insns[0].pc, n);
  mdl_jit_regs_init (&c->regs, c->a, arm_jit_pool, G_N_ELEMENTS (arm_jit_pool), 4, ROFF (0), 4, -1);
  c->n_insns = n;
  if (c->loop_pre) {
    /* the loop's registers, where its branch back will have them */
    mdl_jit_regs_restore (&c->regs, &c->loop);
    c->loop_head = mdl_x86_here (c->a);
  }
  for (unsigned i = 0; i < n; i++) {
    c->need = need[i];
    c->ended = false;
    c->cur = &insns[i];
    c->prev_fuse = c->fuse;
    c->prev_x = c->fuse_x;
    c->prev_y = c->fuse_y;
    c->prev_y_imm = c->fuse_y_imm;
    c->prev_imm = c->fuse_imm;
    c->prev_guest = c->fuse_guest;
    c->fuse = ARM_FUSE_NONE;
    c->fuse_guest = -1;
    mdl_jit_regs_next_insn (&c->regs);
    if (!emit_insn (c, &insns[i], i, n))
      return false;
  }
  /* (a hint such as pld may end a scan and emit nothing) */
  if (!c->ended)
    emit_block_end (c, n, end, false);
  return true;
}

static const MdlJitBlock *
arm_jit_translate (ArmCpu *s, MdlJit *jit, uint32_t pc, uint32_t mode, unsigned max)
{
  ArmJitInsn insns[ARM_JIT_MAX_INSNS];
  uint32_t end;
  unsigned n = arm_jit_scan (s, pc, max, insns, &end);

  if (n == 0)
    return NULL;
  for (unsigned attempt = 0; attempt < 2; attempt++) {
    MdlJitAsm a;
    ArmJitCtx c = { .jit = jit, .a = &a, .s = s, .start = pc, .lit_end = end };
    const MdlJitBlock *b;

    mdl_jit_begin (jit, &a);
    if (!arm_jit_emit (&c, insns, n, end))
      a.overflow = true;
    /* A loop: again, with the registers of its branch back loaded at its
     * head (emit_block_end); the first translation is dropped. */
    if (!a.overflow && c.loop_seen) {
      ArmJitCtx again
        = { .jit = jit, .a = &a, .s = s, .start = pc, .lit_end = end, .loop_pre = true };

      again.loop = c.loop;
      c = again;
      mdl_jit_begin (jit, &a);
      if (!arm_jit_emit (&c, insns, n, end))
        a.overflow = true;
    }
    /* (the block's range covers the literals it holds as constants) */
    b = mdl_jit_commit (jit, &a, pc, MAX (end, c.lit_end), mode, n);
    if (b != NULL) {
      /* Stores to these bytes must reach the block (arm_code_written). */
      arm_note_code (s, pc, MAX (end, c.lit_end) - pc);
      return b;
    }
    mdl_jit_flush (jit);
  }
  return NULL;
}

/* ---- the dispatcher ------------------------------------------------------ */

static MdlJit *
arm_jit_get (ArmCpu *s)
{
  if (s->cpu.jit == NULL && !s->jit_unavailable) {
    size_t bytes = mdl_machine_jit_cache_size (s->cpu.machine);
    g_autoptr (GError) error = NULL;

    s->cpu.jit = mdl_jit_new (bytes ? bytes : ARM_JIT_CODE_BYTES,
                              bytes ? (unsigned) (bytes / 256) : ARM_JIT_MAX_BLOCKS, &error);
    if (s->cpu.jit == NULL) {
      g_message ("%s: %s; interpreting", s->cpu.name, error->message);
      s->jit_unavailable = true;
    }
  }
  return s->cpu.jit;
}

uint64_t
arm_jit_run (MdlCpu *cpu, uint64_t budget)
{
  ArmCpu *s = (ArmCpu *) cpu;
  MdlJit *jit = arm_jit_get (s);
  uint32_t pc;
  uint64_t n = 0;

  if (jit == NULL || cpu->breakpoints != NULL)
    return arm_run (cpu, budget);
  mdl_cpu_set_exit_request (cpu, false);
  if (cpu->state != MDL_CPU_RUNNING)
    return 0;

  arm_interp_begin (s);
  pc = arm_check_interrupts (s, s->pc) & ~ARM_CHECK;
  /* As in arm_run: a lockup while taking it runs nothing. */
  if (cpu->state != MDL_CPU_RUNNING)
    budget = n;

  while (G_LIKELY (n < budget)) {
    const MdlJitBlock *b = NULL;

    if (G_UNLIKELY (s->itstate)) {
      mdl_jit_chain (jit, NULL);
      pc = arm_interp_step_it (s, pc, n++);
    } else {
      if (G_LIKELY (!(s->mpu_ctrl & 1) && !s->fpb_enable)) {
        b = mdl_jit_lookup (jit, pc, 0);
        if (b == NULL)
          b = arm_jit_translate (s, jit, pc, 0, ARM_JIT_MAX_INSNS);
        /* Near the end of the budget: a shorter block (as rv_jit_run). */
        bool short_block = false;

        if (b != NULL && budget - n < b->n_insns) {
          unsigned max = 1;
          uint32_t mode;

          while (2 * max <= budget - n)
            max *= 2;
          mode = max << ARM_JIT_MODE_MAX_SHIFT;
          b = mdl_jit_lookup (jit, pc, mode);
          if (b == NULL)
            b = arm_jit_translate (s, jit, pc, mode, max);
          short_block = true;
        }
        /* Chains lead to whole blocks only. */
        mdl_jit_chain (jit, short_block ? NULL : b);
      } else
        mdl_jit_chain (jit, NULL);
      if (b != NULL)
        pc = (uint32_t) mdl_jit_enter (jit, b, s, &n, budget);
      else
        pc = arm_interp_step (s, pc, n++);
    }
    if (G_LIKELY (!(pc & ARM_CHECK)))
      continue;

    /* As in arm_run. */
    pc &= ~ARM_CHECK;
    if (s->trapped) {
      s->trapped = false;
      s->run_traps++;
    }
    s->ipsr_changed = false;
    if (mdl_cpu_exit_requested (cpu) || cpu->state != MDL_CPU_RUNNING)
      break;
    pc = arm_check_interrupts (s, pc) & ~ARM_CHECK;
    s->ipsr_changed = false;
    if (cpu->state != MDL_CPU_RUNNING)
      break;
  }

  s->pc = pc;
  arm_sync (s, n);
  return n - s->run_traps;
}
