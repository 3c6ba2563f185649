/* The A64 frontend of the translating tier (docs/translator.md).
 *
 * a64_jit_run() is the class's run_translated: a64_run's loop (its check
 * section and its one-instruction step are the same functions, exported
 * from aarch64-exec.c) with blocks of translated code where it would
 * have run one instruction.  So both tiers retire the same instructions
 * in the same order, account the same time before every device access
 * (an executor called from a block sees s->done exact) and take
 * interrupts at the same instruction (only in the check section, which
 * translated code leaves for whenever an executor set s->check; a
 * request from another thread fails the next block's budget check:
 * mdl_jit_emit_block_end).
 *
 * A block is code from one guest address, in one 4 KiB page, up to the
 * first unconditional or indirect branch or conditional branch back to
 * its start (or A64_JIT_MAX_INSNS; near the end of a run()'s budget,
 * shorter); conditional branches before that are side exits.  Translated
 * inline: add/sub (immediate, shifted and extended register, with and
 * without flags), logic (immediate and shifted register), movz/movn/
 * movk, adr/adrp, sbfm/ubfm and their aliases, bfm, extr, the csel
 * family, ccmp/ccmn, adc/sbc, madd/msub, udiv/sdiv, the variable shifts,
 * rbit/rev/clz/cls, b/bl/b.cond/cbz/cbnz/tbz/tbnz/br/blr/ret, and the
 * integer loads and stores (unsigned offset, unscaled/pre/post-index,
 * register offset, pair, ldar/stlr, the exclusives and their pairs) with
 * the RAM window checked inline.  Guest registers live in host registers
 * within a block (the engine's allocator: "guest registers in host
 * registers" below; a block that branches back to its start keeps them
 * across the branch), and NZCV reaches the state only where something
 * may read it there, a compare and the b.cond, csel or ccmp right after
 * it sharing the host's flags ("lazy flags" below).
 * Everything else — and any encoding whose row in the decode table is
 * not the executor the inline code stands for — calls the interpreter's
 * executor for that one instruction, exactly counted; when it jumps,
 * takes an exception, sets s->check, or flushes the cache, the block
 * leaves.  After the system instructions that may change the mode or
 * stop the core (writes of SCTLR/TTBR0/TTBR1/TCR, msr to PSTATE,
 * svc/hvc/smc/brk, eret, wfe/wfi/sev) the block always leaves to the
 * dispatcher, which looks at the mode again: nothing chains across a
 * change of SCTLR or EL.  Hints that do nothing here (nop, the PAC and
 * BTI hints) are translated as nothing.
 *
 * The MMU: blocks are keyed by the virtual pc, the EL and the mode bits
 * (not the ASID: the inline TLB check reads the current one); with
 * SCTLR_EL1.M set, the block's first fetch is translated (and may fault:
 * then the interpreter takes it) and loads and stores check the TLB
 * inline before the RAM window.  Such a block is valid while its slot
 * of s->jit_gen (by range, globalness, size and address of the TLB entry
 * its fetch went through) holds the generation its cell holds: TLBI by
 * address bumps only the slots it may concern, TLBI by ASID and TTBR
 * writes spare global pages of the upper range (unless TTBR1's table
 * moved), and TLBI of everything and TCR writes bump all
 * (aarch64-exec.c); its entry
 * compares the two and leaves to the dispatcher when they differ, and
 * the dispatcher takes it back when its pc still translates to the same
 * physical address with the same TBI bits (a64_jit_valid), as RISC-V
 * does with its region epochs.  SCTLR_EL1.A (alignment checking) is
 * in the mode bits: with it set, loads and stores always take the
 * executor.
 *
 * Self-modifying code: translated code is marked (with the MMU on, its
 * whole physical page), and a store to it forgets the blocks over it at
 * once (a64_code_written, through the blocks' physical ranges), so IC
 * maintenance has nothing to do for blocks; a64_flush_code (a change of
 * the address map, SCTLR writes, loaders and the debugger) flushes them
 * all.
 *
 * Its parts, and what they share: aarch64-jit-private.h.
 */
#include "aarch64-jit-private.h"

#include <string.h>

#include "engine/machine.h"

#define A64_JIT_MODE_MAX_SHIFT 8
#define A64_JIT_MODE_ALIGN    4u /* SCTLR_EL1.A */
#define A64_JIT_MODE_MMU      8u /* SCTLR_EL1.M */
#define A64_JIT_CODE_BYTES    (64u << 20)
#define A64_JIT_MAX_BLOCKS    131072
#define A64_PAGE              4096u

#define XOFF(r) ((int32_t) (offsetof (A64Cpu, x) + 8 * (unsigned) (r)))

/* A block made with the MMU on: which of s->jit_gen its pc depends on
 * (gen_slot), the generation it was last found valid in, and the bits
 * of TCR_EL1 its code depends on (tlb_tcr). */
typedef struct {
  uint32_t gen;
  uint32_t slot;
  uint64_t tcr;
} A64JitCell;

/* The host registers of "guest registers in host registers"
 * (aarch64-jit-private.h). */
static const MdlX86Reg a64_jit_pool[] = { RSI, RDI, R8, R9, R10, R11 };

/* NZCV from the host flags of the operation just emitted (its result
 * already moved out of rax), in two halves so that a branch can jump on
 * the host flags between them: lahf and seto take SF, ZF, CF and OF
 * into ax (bits 15, 14, 8 and 0) without touching the flags; one
 * multiplication moves the four to bits 31, 30, 29 and 28 (the other
 * products land below bit 28 or above bit 31, none on another).  C is
 * the host's carry for additions (@carry_cc B) and its complement for
 * subtractions (AE); logic operations clear both carry and overflow.
 * Clobbers rax. */
static void
emit_nzcv_begin (A64JitCtx *c)
{
  mdl_x86_lahf (c->a);
  mdl_x86_setcc8 (c->a, MDL_X86_CC_O, RAX);
}

static void
emit_nzcv_finish (A64JitCtx *c, MdlX86Cond carry_cc)
{
  MdlJitAsm *a = c->a;

  mdl_x86_alu_ri (a, MDL_X86_AND, false, RAX, 0xc101);
  mdl_x86_imul_rri (a, false, RAX, RAX, (1 << 16) | (1 << 21) | (1 << 28));
  mdl_x86_alu_ri (a, MDL_X86_AND, false, RAX, (int32_t) 0xf0000000u);
  if (carry_cc == MDL_X86_CC_AE)
    mdl_x86_alu_ri (a, MDL_X86_XOR, false, RAX, 1 << 29);
  mdl_x86_store (a, 4, RAX, ST, SOFF (nzcv));
}

void
a64_jit_emit_nzcv (A64JitCtx *c, MdlX86Cond carry_cc)
{
  emit_nzcv_begin (c);
  emit_nzcv_finish (c, carry_cc);
}

/* ---- lazy flags ----
 *
 * NZCV is computed into the state only where something may read it
 * there: a backwards pass over the block (a64_jit_translate) finds the flag
 * writes another inline instruction overwrites before any instruction
 * reads NZCV, calls an executor (which may take an exception and save
 * PSTATE) or leaves the block, and those compute nothing.  A compare
 * whose next instruction is a b.cond, csel-family or ccmp with a
 * condition the host flags answer (FL_SUB: C is the host's borrow
 * complemented; FL_ADD, also the logic operations: C is the host's
 * carry, clear after and/test) leaves the flags in the host's: the
 * branch keeps its condition with setcc, computes NZCV into the state
 * (once, for both of its ways out) and jumps on the kept condition; a
 * csel does so only when nothing after it reads NZCV (else
 * the compare computes it as before), a ccmp always (it writes NZCV
 * itself).  The host flags survive the moves, loads and stores of the
 * register cache in between (and ld_reg's zero for XZR is a mov). */

/* The host condition that is A64 condition @cond after an operation of
 * @kind, or -1 when none is (HI and LS after a carry). */
int
a64_jit_host_cc (unsigned cond, int kind)
{
  static const int8_t sub[14] = {
    MDL_X86_CC_E, MDL_X86_CC_NE, MDL_X86_CC_AE, MDL_X86_CC_B, MDL_X86_CC_S, MDL_X86_CC_NS,
    MDL_X86_CC_O, MDL_X86_CC_NO, MDL_X86_CC_A, MDL_X86_CC_BE, MDL_X86_CC_GE, MDL_X86_CC_L,
    MDL_X86_CC_G, MDL_X86_CC_LE,
  };

  if (cond >= 14 || kind == FL_NONE)
    return -1;
  if (kind == FL_SUB)
    return sub[cond];
  switch (cond) {
  case 2: return MDL_X86_CC_B;
  case 3: return MDL_X86_CC_AE;
  case 8: case 9: return -1;
  default: return sub[cond];
  }
}

static bool fuses (const A64JitInsn *ins, bool live_after, int kind);

/* The flags of the operation of @kind just emitted (its result moved
 * out of rax): into the state when they are needed there, or left in
 * the host flags for the next instruction. */
void
a64_jit_emit_flags (A64JitCtx *c, int kind)
{
  if (c->next != NULL && fuses (c->next, c->next_live, kind))
    c->pending_next = kind;
  else if (c->need)
    a64_jit_emit_nzcv (c, kind == FL_SUB ? MDL_X86_CC_AE : MDL_X86_CC_B);
}

static uint16_t
cond_table (unsigned cond)
{
  uint16_t table = 0;

  for (uint32_t f = 0; f < 16; f++)
    if (a64_cond_holds (f << 28, cond))
      table |= (uint16_t) (1u << f);
  return table;
}

/* Sets the host flags so that the returned host condition holds when
 * A64 condition @cond holds on NZCV in the state: one test of its byte
 * for the conditions on one flag, else a 16-bit table of the condition
 * over the 16 flag values, computed at translation time by the
 * interpreter's own a64_cond_holds, indexed by NZCV at run time (NE
 * when it holds).  Clobbers rax and rcx. */
MdlX86Cond
a64_jit_emit_cond (A64JitCtx *c, unsigned cond)
{
  static const uint8_t bit[4] = { 0x40, 0x20, 0x80, 0x10 }; /* Z, C, N, V */

  if (cond < 8) {
    mdl_x86_test_m8_i (c->a, ST, SOFF (nzcv) + 3, bit[cond >> 1]);
    return cond & 1 ? MDL_X86_CC_E : MDL_X86_CC_NE;
  }
  mdl_x86_load (c->a, 4, false, RCX, ST, SOFF (nzcv));
  mdl_x86_shift_ri (c->a, MDL_X86_SHR, false, RCX, 28);
  mdl_x86_mov_ri (c->a, RAX, cond_table (cond));
  mdl_x86_shift_cl (c->a, MDL_X86_SHR, false, RAX);
  mdl_x86_alu_ri (c->a, MDL_X86_AND, false, RAX, 1);
  return MDL_X86_CC_NE;
}

/* ---- leaving ---- */

/* Leaves after instruction @i (rax holds the next pc). */
static void
emit_leave_after (A64JitCtx *c, unsigned i)
{
  mdl_x86_lea (c->a, MDL_X86_COUNT, MDL_X86_COUNT, (int32_t) (i + 1));
  mdl_jit_emit_exit (c->jit, c->a);
}

static void emit_nzcv_finish (A64JitCtx *c, MdlX86Cond carry_cc);

/* NZCV into the state when rax still holds it raw (c->raw_nzcv). */
static void
finish_raw_nzcv (A64JitCtx *c)
{
  if (c->raw_nzcv != FL_NONE)
    emit_nzcv_finish (c, c->raw_nzcv == FL_SUB ? MDL_X86_CC_AE : MDL_X86_CC_B);
}

/* Whether a taken branch to @target goes back to the block's start. */
static bool
is_loop (const A64JitCtx *c, uint64_t target)
{
  return target == c->start && c->loop_ok;
}

/* The end of a block at a known address after @n instructions; a taken
 * branch first lets run() stop when the engine asked (branch_to's rule).
 * A taken branch back to the block's start whose allocation is what the
 * head loaded (loop_pre) goes on at the head when the budget allows the
 * whole block again, the registers neither stored nor loaded (the head
 * takes them for dirty), and NZCV computed only if the block reads it
 * before writing it (the exits compute it). */
static void
emit_block_end (A64JitCtx *c, unsigned n, uint64_t target, bool taken)
{
  if (taken && is_loop (c, target) && !c->loop_pre && !c->loop_seen) {
    c->loop_seen = true;
    mdl_jit_regs_save (&c->regs, &c->loop);
  }
  if (taken && is_loop (c, target) && c->loop_pre && mdl_jit_regs_matches (&c->regs, &c->loop)) {
    size_t again;

    if (c->start_live) {
      finish_raw_nzcv (c);
      c->raw_nzcv = FL_NONE;
    }
    mdl_x86_lea (c->a, MDL_X86_COUNT, MDL_X86_COUNT, (int32_t) n);
    /* count + n <= budget, as the block's own check, which a kick from
     * another thread fails (rax may hold the flags) */
    mdl_x86_lea (c->a, RCX, MDL_X86_COUNT, (int32_t) n);
    mdl_x86_alu_rm (c->a, MDL_X86_CMP, true, RCX, ST, SOFF (cpu.jit_budget));
    again = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_A);
    mdl_x86_jmp_to (c->a, c->loop_head);
    mdl_x86_bind (c->a, again);
    finish_raw_nzcv (c);
    mdl_jit_regs_store_dirty (&c->regs, false);
    mdl_jit_emit_exit_slot (c->jit, c->a, target);
    c->raw_nzcv = FL_NONE;
    return;
  }
  finish_raw_nzcv (c);
  c->raw_nzcv = FL_NONE;
  mdl_jit_regs_store_dirty (&c->regs, false);
  /* (a taken branch need not look at exit_request:
   * mdl_jit_emit_block_end) */
  mdl_x86_lea (c->a, MDL_X86_COUNT, MDL_X86_COUNT, (int32_t) n);
  mdl_jit_emit_exit_slot (c->jit, c->a, target);
}

/* Calls the executor of instruction @i as a64_run would (pc, npc and
 * the count of instructions before it in the state), and leaves unless
 * it went on to the next instruction without asking for the check
 * section and without a flush.  The registers must be in the state
 * (emit_executor, emit_slow_executor). */
static void
emit_call_executor (A64JitCtx *c, const A64JitInsn *ins, unsigned i)
{
  MdlJitAsm *a = c->a;
  uint64_t next = ins->pc + 4;
  size_t l1, l2, go_on;

  mdl_x86_mov_ri (a, RCX, ins->pc);
  mdl_x86_store (a, 8, RCX, ST, SOFF (pc));
  mdl_x86_mov_ri (a, RCX, next);
  mdl_x86_store (a, 8, RCX, ST, SOFF (npc));
  mdl_x86_lea (a, RCX, MDL_X86_COUNT, (int32_t) i);
  mdl_x86_store (a, 8, RCX, ST, SOFF (done));
  mdl_x86_mov_rr (a, true, RDI, ST);
  mdl_x86_mov_ri (a, RSI, ins->raw);
  mdl_x86_call (a, (const void *) exec_of (ins->op));
  mdl_x86_load (a, 8, false, RAX, ST, SOFF (npc));
  mdl_x86_mov_ri (a, RCX, next);
  mdl_x86_alu_rr (a, MDL_X86_CMP, true, RAX, RCX);
  l1 = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  mdl_x86_cmp_m8_i (a, ST, SOFF (check), 0);
  l2 = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  mdl_x86_mov_ri (a, RCX, (uint64_t) (uintptr_t) mdl_jit_stale_flag (c->jit));
  mdl_x86_cmp_m8_i (a, RCX, 0, 0);
  go_on = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
  mdl_x86_bind (a, l1);
  mdl_x86_bind (a, l2);
  emit_leave_after (c, i);
  mdl_x86_bind (a, go_on);
}

/* The executor for a whole instruction: afterwards nothing is cached. */
static void
emit_executor (A64JitCtx *c, const A64JitInsn *ins, unsigned i)
{
  c->loop_ok = false;
  mdl_jit_regs_flush (&c->regs);
  emit_call_executor (c, ins, i);
}

/* The executor on the slow path of an instruction translated inline:
 * the registers cached where it branched off are cached again after. */
static void
emit_slow_executor (A64JitCtx *c, const A64JitInsn *ins, unsigned i)
{
  mdl_jit_regs_store_dirty (&c->regs, false);
  emit_call_executor (c, ins, i);
  mdl_jit_regs_reload (&c->regs);
}

/* The slow path of instruction @i, reached by the @n jumps in @jumps:
 * the executor from scratch (emit_slow_executor), placed out of line
 * after the block's code (emit_slow_paths) and jumping back here, the
 * join.  The instruction allocated its registers before its first jump
 * and marks its destinations dirty only after this, so the allocation
 * here is the one at the jumps. */
void
a64_jit_defer_slow (A64JitCtx *c, const size_t *jumps, unsigned n, const A64JitInsn *ins, unsigned i)
{
  unsigned k = c->n_slow++;

  g_assert (n <= G_N_ELEMENTS (c->slow[k].jumps));
  memcpy (c->slow[k].jumps, jumps, n * sizeof *jumps);
  c->slow[k].n_jumps = n;
  c->slow[k].ins = ins;
  c->slow[k].i = i;
  mdl_jit_regs_save (&c->regs, &c->slow[k].regs);
  c->slow[k].back = mdl_x86_here (c->a);
}

static void
emit_slow_paths (A64JitCtx *c)
{
  for (unsigned k = 0; k < c->n_slow; k++) {
    for (unsigned j = 0; j < c->slow[k].n_jumps; j++)
      mdl_x86_bind (c->a, c->slow[k].jumps[j]);
    mdl_jit_regs_assume (&c->regs, &c->slow[k].regs);
    emit_slow_executor (c, c->slow[k].ins, c->slow[k].i);
    mdl_x86_jmp_to (c->a, c->slow[k].back);
  }
}

/* ---- blocks ---- */

/* What of TCR_EL1 the inline TLB check is made for: TBI0/TBI1, AS
 * (16-bit ASIDs) and A1 (the ASID in TTBR1). */
static uint64_t
tlb_tcr (const A64Cpu *s)
{
  return s->tcr_el1 & (UINT64_C (3) << 37 | UINT64_C (1) << 36 | UINT64_C (1) << 22);
}

/* Which of s->jit_gen a block at @pc depends on (its index in the
 * flattened array), right after its fetch was translated: the TLB entry
 * for it is the one translate() used, whose range, globalness and size
 * say which TLBI, TTBR and TCR writes may change what the pc means. */
static unsigned
gen_slot (const A64Cpu *s, uint64_t pc)
{
  uint64_t va = pc;
  const A64TlbEntry *e;
  unsigned kind, granule;

  if ((s->tcr_el1 >> ((pc >> 55) & 1 ? 38 : 37)) & 1)
    va = (uint64_t) ((int64_t) (va << 8) >> 8);
  e = &s->tlb[(va >> 12) % A64_TLB_SIZE];
  kind = !((pc >> 55) & 1) ? A64_JIT_GEN_LOWER
         : e->global ? A64_JIT_GEN_GLOBAL : A64_JIT_GEN_UPPER;
  granule = e->level >= 3 ? 0 : 3 - e->level;
  return (kind * 3 + granule) * A64_JIT_GEN_BUCKETS + a64_jit_gen_bucket (va, granule);
}

static uint32_t *
gen_of (A64Cpu *s, unsigned slot)
{
  return &s->jit_gen[0][0][0] + slot;
}

enum { END_NO, END_BRANCH, END_LEAVE };

/* A hint a64_x_hint does nothing for (nop, yield, and the PAC, BTI,
 * CSDB and other hints the A53 does not have). */
static bool
hint_is_nop (const A64JitInsn *ins)
{
  unsigned op = (ins->raw >> 5) & 0x7f;

  return exec_of (ins->op) == a64_x_hint && (ins->raw & 0xfffff01f) == 0xd503201f && op != 2
         && op != 3 && op != 4 && op != 5;
}

static bool
hint_is_sevl (const A64JitInsn *ins)
{
  return exec_of (ins->op) == a64_x_hint && ins->raw == 0xd50320bf;
}

/* Whether instruction @ins ends its block: a branch (chained when it
 * jumps to a constant), or an instruction after which the dispatcher
 * must see the mode again (EL, SCTLR, TTBR, TCR: what the key, the cell
 * and the inline TLB check are made for), or that may stop or wake
 * cores (exceptions, eret, wfe/wfi/sev, PSTATE writes).  Other system
 * instructions (msr to other registers, the hints that do nothing here,
 * DC/IC/AT/TLBI) go on in the block when their executor went on to the
 * next instruction without asking for the check section: Linux's
 * functions start and end with PAC and BTI hints (NOPs on the A53), and
 * leaving after each was most of the dispatcher's work. */
static int
ends_block (const A64JitInsn *ins)
{
  if (ins->op == NULL)
    return END_LEAVE;
  switch (ins->op->fmt) {
  case A64_FMT_B: case A64_FMT_BCOND: case A64_FMT_CB: case A64_FMT_TB: case A64_FMT_BR:
    return END_BRANCH;
  case A64_FMT_NONE: case A64_FMT_HINT:
    return hint_is_nop (ins) || hint_is_sevl (ins) ? END_NO : END_LEAVE;
  case A64_FMT_EXC: case A64_FMT_MSR_IMM:
    return END_LEAVE;
  case A64_FMT_MSR: {
    uint32_t key = ins->raw & 0x1fffe0;

    return key == 0x181000 || key == 0x182000 || key == 0x182020 || key == 0x182040 ? END_LEAVE
                                                                                   : END_NO;
  }
  default:
    return END_NO;
  }
}

/* Branches: the host condition @cc holds when taken.  A conditional
 * branch before the block's last instruction (@i + 1 < @n: a64_jit_scan)
 * is a side exit: its taken way stores the dirty registers, counts the
 * instructions up to it and leaves through its own exit slot; the way not taken goes on with the registers still cached
 * (and NZCV finished if something after it reads it). */
static bool
emit_branch (A64JitCtx *c, const A64JitInsn *ins, unsigned i, unsigned n)
{
  uint32_t insn = ins->raw;
  A64ExecFn fn = exec_of (ins->op);
  uint64_t next = ins->pc + 4, target;
  size_t taken;
  MdlX86Cond cc;
  bool side = i + 1 < n;

  if (fn == a64_x_b) {
    target = ins->pc + (sext (insn & 0x3ffffff, 26) << 2);
    if (insn >> 31) {
      mdl_x86_mov_ri (c->a, RAX, next);
      st_reg (c, RAX, 30, false);
    }
    emit_block_end (c, n, target, true);
    return true;
  }
  if (fn == a64_x_br) {
    uint32_t kind = insn & 0xfffffc1f;

    if (kind != 0xd61f0000 && kind != 0xd63f0000 && kind != 0xd65f0000)
      return false;
    ld_reg (c, RAX, (insn >> 5) & 31, false); /* the target first: blr x30 */
    if (kind == 0xd63f0000) {
      mdl_x86_mov_ri (c->a, RCX, next);
      st_reg (c, RCX, 30, false);
    }
    mdl_jit_regs_store_dirty (&c->regs, false);
    mdl_x86_lea (c->a, MDL_X86_COUNT, MDL_X86_COUNT, (int32_t) n);
    return mdl_jit_emit_exit_indirect (c->jit, c->a);
  }
  if (fn == a64_x_bcond) {
    unsigned cond = insn & 15;

    target = ins->pc + (sext ((insn >> 5) & 0x7ffff, 19) << 2);
    if (c->pending != FL_NONE) {
      /* The compare's host flags: the registers stored (moves), lahf
       * and seto (which keep the flags), the jump on the host flags,
       * then NZCV finished on each way out. */
      if (side) {
        size_t skip;

        emit_nzcv_begin (c);
        skip = mdl_x86_jcc_fwd (c->a, (MdlX86Cond) (a64_jit_host_cc (cond, c->pending) ^ 1));
        c->raw_nzcv = c->pending;
        emit_block_end (c, i + 1, target, true);
        mdl_x86_bind (c->a, skip);
        if (c->need)
          emit_nzcv_finish (c, c->pending == FL_SUB ? MDL_X86_CC_AE : MDL_X86_CC_B);
        return true;
      }
      if (!is_loop (c, target))
        mdl_jit_regs_flush (&c->regs);
      emit_nzcv_begin (c);
      taken = mdl_x86_jcc_fwd (c->a, (MdlX86Cond) a64_jit_host_cc (cond, c->pending));
      c->raw_nzcv = c->pending;
      emit_block_end (c, n, next, false);
      mdl_x86_bind (c->a, taken);
      c->raw_nzcv = c->pending;
      emit_block_end (c, n, target, true);
      return true;
    }
    if (cond_table (cond) == 0xffff) {
      emit_block_end (c, n, target, true);
      return true;
    }
    cc = a64_jit_emit_cond (c, cond);
    /* the registers stored once for both ways out (moves: the flags
     * stay), unless the branch may go back to the start in registers */
    if (!side && !is_loop (c, target))
      mdl_jit_regs_flush (&c->regs);
  } else if (fn == a64_x_cb) {
    bool sf = insn >> 31;
    unsigned rt = insn & 31;
    MdlX86Reg r = RAX;

    target = ins->pc + (sext ((insn >> 5) & 0x7ffff, 19) << 2);
    if (rt == 31)
      mdl_x86_mov_ri (c->a, RAX, 0);
    else
      r = src_reg (c, rt);
    if (!side && !is_loop (c, target))
      mdl_jit_regs_flush (&c->regs); /* (the host register still holds X[rt]) */
    mdl_x86_test_rr (c->a, sf, r, r);
    cc = (insn >> 24) & 1 ? MDL_X86_CC_NE : MDL_X86_CC_E; /* cbz: taken when zero */
  } else if (fn == a64_x_tb) {
    unsigned bit = ((insn >> 26) & 0x20) | ((insn >> 19) & 0x1f), rt = insn & 31;
    bool nz = (insn >> 24) & 1; /* tbnz: taken when set */
    MdlX86Reg r = RAX;

    target = ins->pc + (sext ((insn >> 5) & 0x3fff, 14) << 2);
    if (rt == 31)
      mdl_x86_mov_ri (c->a, RAX, 0);
    else
      r = src_reg (c, rt);
    if (!side && !is_loop (c, target))
      mdl_jit_regs_flush (&c->regs);
    if (bit < 32) {
      mdl_x86_test_ri (c->a, false, r, (int32_t) (UINT32_C (1) << bit));
      cc = nz ? MDL_X86_CC_NE : MDL_X86_CC_E;
    } else {
      mdl_x86_bt_ri (c->a, true, r, (uint8_t) bit);
      cc = nz ? MDL_X86_CC_B : MDL_X86_CC_AE;
    }
  } else
    return false;
  if (side) {
    size_t skip = mdl_x86_jcc_fwd (c->a, (MdlX86Cond) (cc ^ 1));

    emit_block_end (c, i + 1, target, true);
    mdl_x86_bind (c->a, skip);
    return true;
  }
  taken = mdl_x86_jcc_fwd (c->a, cc);
  emit_block_end (c, n, next, false);
  mdl_x86_bind (c->a, taken);
  emit_block_end (c, n, target, true);
  return true;
}

/* Whether emit_insn translates @ins inline with no call, no exit and no
 * fault: the data-processing rows its emitters take (their own checks,
 * repeated) and the instructions that do nothing here.  The lazy flags'
 * pass counts anything else as reading NZCV. */
static bool
pure_inline (const A64JitInsn *ins)
{
  A64ExecFn fn = exec_of (ins->op);
  uint32_t insn = ins->raw;
  bool sf = insn >> 31;
  unsigned opc = (insn >> 29) & 3, op = (insn >> 10) & 0x3f;

  if (ends_block (ins) != END_NO)
    return false;
  if (hint_is_nop (ins) || fn == a64_x_prfm || fn == a64_x_barrier || fn == a64_x_adr
      || fn == a64_x_adc)
    return true;
  if (fn == a64_x_addsub_imm)
    return !((insn >> 23) & 1);
  if (fn == a64_x_addsub_reg)
    return ((insn >> 22) & 3) != 3 && (sf || op < 32);
  if (fn == a64_x_addsub_ext)
    return ((insn >> 10) & 7) <= 4 && !((insn >> 22) & 3);
  if (fn == a64_x_logic_imm) {
    uint64_t mask;

    return a64_jit_bit_mask (sf, (insn >> 22) & 1, (insn >> 16) & 0x3f, op, &mask);
  }
  if (fn == a64_x_logic_reg)
    return sf || op < 32;
  if (fn == a64_x_movw)
    return opc != 1 && (sf || ((insn >> 21) & 3) < 2);
  if (fn == a64_x_bitfield)
    return opc != 3 && ((insn >> 22) & 1) == sf
           && (sf || (((insn >> 16) & 0x3f) < 32 && op < 32));
  if (fn == a64_x_extr)
    return ((insn >> 22) & 1) == sf && (sf || op < 32);
  if (fn == a64_x_csel)
    return !((insn >> 29) & 1) && !((insn >> 11) & 1);
  if (fn == a64_x_dp3)
    return (insn & 0x7fe00000) == 0x1b000000;
  if (fn == a64_x_dp2)
    return (op >= 8 && op <= 11) || op == 2 || op == 3;
  if (fn == a64_x_dp1)
    return !((insn >> 16) & 0x1f) && op <= 5 && !(op == 3 && !sf);
  if (fn == a64_x_ccmp)
    return !((insn >> 10) & 1) && !((insn >> 4) & 1);
  return false;
}

/* Whether @ins, translated inline, sets all of NZCV. */
static bool
flags_written (const A64JitInsn *ins)
{
  A64ExecFn fn = exec_of (ins->op);
  uint32_t insn = ins->raw;

  if (!pure_inline (ins))
    return false;
  if (fn == a64_x_addsub_imm || fn == a64_x_addsub_reg || fn == a64_x_addsub_ext
      || fn == a64_x_adc)
    return (insn >> 29) & 1;
  if (fn == a64_x_logic_imm || fn == a64_x_logic_reg)
    return ((insn >> 29) & 3) == 3;
  return fn == a64_x_ccmp;
}

/* Whether @ins may read NZCV in the state: its condition or carry, or
 * anything not pure_inline (an executor, an exception, an exit). */
static bool
flags_read (const A64JitInsn *ins)
{
  A64ExecFn fn = exec_of (ins->op);

  return !pure_inline (ins) || fn == a64_x_csel || fn == a64_x_ccmp || fn == a64_x_adc;
}

/* Whether the instruction @ins after a flag-setting operation of @kind
 * takes the flags from the host's (a64_jit_emit_flags); @live_after: NZCV is
 * read after it. */
static bool
fuses (const A64JitInsn *ins, bool live_after, int kind)
{
  A64ExecFn fn = exec_of (ins->op);

  if (fn == a64_x_bcond)
    return a64_jit_host_cc (ins->raw & 15, kind) >= 0;
  if (fn == a64_x_csel)
    return !live_after && pure_inline (ins) && a64_jit_host_cc ((ins->raw >> 12) & 15, kind) >= 0;
  if (fn == a64_x_ccmp)
    return pure_inline (ins) && a64_jit_host_cc ((ins->raw >> 12) & 15, kind) >= 0;
  return false;
}

static void
emit_insn (A64JitCtx *c, const A64JitInsn *ins, unsigned i, unsigned n)
{
  A64ExecFn fn = exec_of (ins->op);
  uint32_t insn = ins->raw;
  int end = ends_block (ins);
  bool done = false;

  if (end == END_BRANCH) {
    if (emit_branch (c, ins, i, n))
      return;
  } else if (hint_is_nop (ins) || fn == a64_x_prfm)
    done = true; /* no effect, no fault: what their executors do */
  else if (fn == a64_x_barrier) {
    /* dmb, dsb and isb order nothing here (one core runs at a time) */
    if (((insn >> 5) & 7) == 2) /* clrex */
      mdl_x86_store_i8 (c->a, ST, SOFF (excl_valid), 0);
    done = true;
  } else if (fn == a64_x_mrs)
    done = a64_jit_emit_mrs (c, ins, i);
  else if (fn == a64_x_sys && (insn & 0xffffffe0) == 0xd50b7420 && c->s->el == 1) {
    a64_jit_emit_dc_zva (c, ins, i);
    done = true;
  } else if (fn == a64_x_addsub_imm)
    done = a64_jit_emit_addsub (c, insn, 0);
  else if (fn == a64_x_addsub_reg)
    done = a64_jit_emit_addsub (c, insn, 1);
  else if (fn == a64_x_addsub_ext)
    done = a64_jit_emit_addsub (c, insn, 2);
  else if (fn == a64_x_logic_imm)
    done = a64_jit_emit_logic (c, insn, true);
  else if (fn == a64_x_logic_reg)
    done = a64_jit_emit_logic (c, insn, false);
  else if (fn == a64_x_movw)
    done = a64_jit_emit_movw (c, insn);
  else if (fn == a64_x_adr) {
    uint64_t imm = sext (((insn >> 5) & 0x7ffff) << 2 | ((insn >> 29) & 3), 21);
    uint64_t v = insn >> 31 ? (ins->pc & ~UINT64_C (0xfff)) + (imm << 12) : ins->pc + imm;

    st_imm (c, insn & 31, v);
    done = true;
  } else if (fn == a64_x_bitfield)
    done = ((insn >> 29) & 3) == 1 ? a64_jit_emit_bfm (c, insn) : a64_jit_emit_bitfield (c, insn);
  else if (fn == a64_x_extr)
    done = a64_jit_emit_extr (c, insn);
  else if (fn == a64_x_csel)
    done = a64_jit_emit_csel (c, insn);
  else if (fn == a64_x_dp3 && (insn & 0x7fe00000) == 0x1b000000)
    done = a64_jit_emit_madd (c, insn);
  else if (fn == a64_x_dp2)
    done = a64_jit_emit_dp2 (c, insn);
  else if (fn == a64_x_dp1)
    done = a64_jit_emit_dp1 (c, insn);
  else if (fn == a64_x_adc)
    done = a64_jit_emit_adc (c, insn);
  else if (fn == a64_x_ccmp)
    done = a64_jit_emit_ccmp (c, insn);
  else
    done = a64_jit_emit_mem (c, ins, i);
  if (done)
    return;
  /* (the flags' pass counted on it being inline) */
  g_warn_if_fail (!pure_inline (ins));
  emit_executor (c, ins, i);
  if (end == END_BRANCH) /* a branch the executor ran without jumping */
    emit_block_end (c, n, ins->pc + 4, false);
  else if (end == END_LEAVE) {
    /* Not chained: the dispatcher sees the (maybe new) mode first. */
    mdl_x86_mov_ri (c->a, RAX, ins->pc + 4);
    emit_leave_after (c, i);
  }
}

/* Whether conditional branch @ins may be a side exit of the block that
 * starts at @start (emit_branch): b.cond (not AL/NV), cbz/cbnz, tbz/tbnz,
 * unless it branches back to the start, which ends the block (a loop,
 * kept in registers by emit_block_end). */
static bool
side_exit (const A64JitInsn *ins, uint64_t start)
{
  A64ExecFn fn = exec_of (ins->op);
  uint32_t insn = ins->raw;
  uint64_t target;

  if (fn == a64_x_bcond && (insn & 15) < 14)
    target = ins->pc + (sext ((insn >> 5) & 0x7ffff, 19) << 2);
  else if (fn == a64_x_cb)
    target = ins->pc + (sext ((insn >> 5) & 0x7ffff, 19) << 2);
  else if (fn == a64_x_tb)
    target = ins->pc + (sext ((insn >> 5) & 0x3fff, 14) << 2);
  else
    return false;
  return target != start;
}

/* Decodes the block at @pc, which is at the physical address @pa; 0
 * when that is not in RAM or ROM. */
static unsigned
a64_jit_scan (A64Cpu *s, uint64_t pc, uint64_t pa, unsigned max, A64JitInsn *insns)
{
  MdlRamWindow w;
  uint64_t limit;
  unsigned n = 0;

  if (!mdl_address_space_ram_window (s->cpu.as, pa, &w) || pa - w.base + 4 > w.size)
    return 0;
  limit = MIN (w.base + w.size, (pa | (A64_PAGE - 1)) + 1);
  for (uint64_t at = pa; n < max && at + 4 <= limit; at += 4) {
    A64JitInsn *ins = &insns[n++];

    memcpy (&ins->raw, w.host + (at - w.base), 4);
    ins->pc = pc + (at - pa);
    ins->op = a64_decode (ins->raw);
    if (ends_block (ins) != END_NO && !side_exit (ins, pc))
      break;
  }
  return n;
}

/* One translation of the block of @n instructions @insns into @a: the
 * cell's check (with the MMU on), the budget check, the instructions,
 * the slow paths.  With @loop, the block is a loop whose branch back
 * had that allocation in the first translation: loaded at the head. */
static void
a64_jit_emit (A64JitCtx *c, MdlJitAsm *a, MdlJit *jit, A64Cpu *s, uint32_t mode,
              const A64JitCell *cell, const A64JitInsn *insns, unsigned n, const bool *need,
              bool start_live, const MdlJitRegsState *loop)
{
  uint64_t pc = insns[0].pc;

  memset (c, 0, sizeof *c);
  c->jit = jit;
  c->a = a;
  c->s = s;
  c->align = mode & A64_JIT_MODE_ALIGN;
  c->mmu = mode & A64_JIT_MODE_MMU;
  c->start = pc;
  c->loop_ok = true;
  c->start_live = start_live;
  if (cell != NULL) {
    size_t valid;

    mdl_x86_load (a, 4, false, RAX, ST, SOFF (jit_gen) + 4 * (int32_t) cell->slot);
    mdl_x86_mov_ri (a, RCX, (uint64_t) (uintptr_t) cell);
    mdl_x86_alu_rm (a, MDL_X86_CMP, false, RAX, RCX, 0);
    valid = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
    mdl_x86_mov_ri (a, RAX, pc);
    mdl_jit_emit_exit (jit, a);
    mdl_x86_bind (a, valid);
  }
  mdl_jit_emit_budget_check (jit, a, pc, n);
  mdl_jit_regs_init (&c->regs, a, a64_jit_pool, G_N_ELEMENTS (a64_jit_pool), 8, XOFF (0), 8, -1);
  if (loop != NULL) {
    c->loop_pre = true;
    c->loop = *loop;
    mdl_jit_regs_restore (&c->regs, loop);
    c->loop_head = mdl_x86_here (a);
  }
  for (unsigned i = 0; i < n; i++) {
    mdl_jit_regs_next_insn (&c->regs);
    c->need = need[i];
    c->next = i + 1 < n ? &insns[i + 1] : NULL;
    c->next_live = i + 1 < n ? need[i + 1] : true;
    c->pending = c->pending_next;
    c->pending_next = FL_NONE;
    emit_insn (c, &insns[i], i, n);
  }
  if (ends_block (&insns[n - 1]) == END_NO)
    emit_block_end (c, n, insns[n - 1].pc + 4, false);
  emit_slow_paths (c);
}

static const MdlJitBlock *
a64_jit_translate (A64Cpu *s, MdlJit *jit, uint64_t pc, uint32_t mode, unsigned max)
{
  A64JitInsn insns[A64_JIT_MAX_INSNS];
  bool need[A64_JIT_MAX_INSNS], live = true;
  uint64_t pa = pc;
  unsigned n, slot;

  /* With the MMU on, the fetch's own translation (and permission check
   * at this EL, and TLB fill), as a64_fill makes it for the block's first
   * instruction; a fault is left to the interpreter, which takes it. */
  if ((mode & A64_JIT_MODE_MMU) && a64_translate (s, pc, A64_ACC_EXEC, s->el, &pa) != 0)
    return NULL;
  slot = (mode & A64_JIT_MODE_MMU) ? gen_slot (s, pc) : 0;
  n = a64_jit_scan (s, pc, pa, max, insns);
  if (n == 0)
    return NULL;
  /* need[i]: NZCV may be read after instruction i (it is at the exit) */
  for (unsigned i = n; i-- > 0;) {
    need[i] = live;
    live = flags_read (&insns[i]) || (live && !flags_written (&insns[i]));
  }
  for (unsigned attempt = 0; attempt < 2; attempt++) {
    MdlJitAsm a;
    A64JitCtx c;
    A64JitCell *cell = NULL;
    MdlJitBlock *b;

    mdl_jit_begin (jit, &a);
    if (mode & A64_JIT_MODE_MMU) {
      /* Valid only in the generation its cell holds; else back to the
       * dispatcher, which checks the fetch again (chains and inline
       * caches lead here without it). */
      cell = mdl_jit_alloc_data (jit, sizeof *cell);
      if (cell == NULL)
        a.overflow = true;
      else {
        cell->slot = slot;
        cell->gen = *gen_of (s, slot);
        cell->tcr = tlb_tcr (s);
      }
    }
    a64_jit_emit (&c, &a, jit, s, mode, cell, insns, n, need, live, NULL);
    /* A loop: again, with the registers of its branch back loaded at its
     * head (emit_block_end); the first translation is dropped. */
    if (!a.overflow && c.loop_seen) {
      MdlJitRegsState loop = c.loop;

      mdl_jit_begin (jit, &a);
      a64_jit_emit (&c, &a, jit, s, mode, cell, insns, n, need, live, &loop);
    }
    b = mdl_jit_commit_phys (jit, &a, pc, insns[n - 1].pc + 4, pa, mode, n);
    if (b != NULL) {
      b->data = cell;
      /* Stores to these bytes must reach the block (a64_code_written,
       * which finds it by its physical range).  With the MMU on, the
       * whole physical page is marked, as RISC-V does under paging:
       * physical pages of code lie scattered, and every marked range
       * costs each window lookup a test. */
      if (mode & A64_JIT_MODE_MMU)
        a64_note_code (s, pa & ~(uint64_t) (A64_PAGE - 1), A64_PAGE);
      else
        a64_note_code (s, pc, (uint64_t) n * 4);
      return b;
    }
    mdl_jit_flush (jit);
  }
  return NULL;
}

/* ---- the dispatcher ---- */

/* Whether block @b (at the current pc, in the current mode) may run:
 * made with the MMU off (stores reach it, a64_code_written), or its cell
 * holds the current generation, or else its pc still translates (for
 * execute at this EL, as a64_fill would) to the physical address it was
 * made from, with the TBI bits it was made with.  The cell then moves to
 * the current generation; a block that is not valid is shadowed by the
 * new translation, which the table finds first. */
static bool
a64_jit_valid (A64Cpu *s, const MdlJitBlock *b)
{
  A64JitCell *cell = b->data;
  uint64_t pa;

  if (cell == NULL || cell->gen == *gen_of (s, cell->slot))
    return true;
  if (cell->tcr != tlb_tcr (s) || a64_translate (s, b->pc, A64_ACC_EXEC, s->el, &pa) != 0
      || pa != b->phys || gen_slot (s, b->pc) != cell->slot)
    return false;
  cell->gen = *gen_of (s, cell->slot);
  return true;
}

/* The mode bits of the blocks for the current state. */
static uint32_t
a64_jit_mode (const A64Cpu *s)
{
  uint32_t mode = s->el | (((s->sctlr_el1 >> 1) & 1) ? A64_JIT_MODE_ALIGN : 0);

  if (s->sctlr_el1 & 1)
    mode |= A64_JIT_MODE_MMU;
  return mode;
}

static MdlJit *
a64_jit_get (A64Cpu *s)
{
  if (s->cpu.jit == NULL && !s->jit_unavailable) {
    size_t bytes = mdl_machine_jit_cache_size (s->cpu.machine);
    g_autoptr (GError) error = NULL;

    s->cpu.jit = mdl_jit_new (bytes ? bytes : A64_JIT_CODE_BYTES,
                              bytes ? (unsigned) (bytes / 256) : A64_JIT_MAX_BLOCKS, &error);
    if (s->cpu.jit == NULL) {
      g_message ("%s: %s; interpreting", s->cpu.name, error->message);
      s->jit_unavailable = true;
    }
  }
  return s->cpu.jit;
}

uint64_t
a64_jit_run (MdlCpu *cpu, uint64_t budget)
{
  A64Cpu *s = (A64Cpu *) cpu;
  MdlJit *jit = a64_jit_get (s);

  if (jit == NULL || cpu->breakpoints != NULL)
    return a64_run (cpu, budget);
  s->done = s->accounted = 0;
  s->check = true;
  mdl_cpu_begin_translated (cpu, budget);
  while (s->done < budget) {
    const MdlJitBlock *b = NULL;

    if (G_UNLIKELY (s->check)) {
      int go = a64_interp_check (s);

      mdl_jit_chain (jit, NULL); /* the pc may have moved: chain nothing */
      if (go == 0)
        break;
      if (go == 1)
        continue;
    }
    if (G_LIKELY (!(s->pc & 3))) {
      uint32_t mode = a64_jit_mode (s);
      uint64_t left = budget - s->done;

      b = mdl_jit_lookup (jit, s->pc, mode);
      if (b == NULL || !a64_jit_valid (s, b))
        b = a64_jit_translate (s, jit, s->pc, mode, A64_JIT_MAX_INSNS);
      /* Near the end of the budget: a block of at most the largest power
       * of two that fits, kept apart by its mode bits. */
      if (b != NULL && left < b->n_insns) {
        unsigned max = 1;

        while (2 * max <= left)
          max *= 2;
        mode |= max << A64_JIT_MODE_MAX_SHIFT;
        b = mdl_jit_lookup (jit, s->pc, mode);
        if (b == NULL || !a64_jit_valid (s, b))
          b = a64_jit_translate (s, jit, s->pc, mode, max);
      }
    }
    mdl_jit_chain (jit, b);
    if (b != NULL) {
      uint64_t n = s->done;

      s->pc = mdl_jit_enter (jit, b, s, &n);
      s->done = n;
      /* A block left at its budget check after another thread's kick
       * (mdl_cpu_kick). */
      if (G_UNLIKELY (mdl_cpu_exit_requested (cpu)))
        s->check = true;
    } else
      a64_interp_step (s);
  }
  s->stop_run = false;
  a64_sync (s);
  return s->done;
}
