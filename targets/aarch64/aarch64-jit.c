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
 */
#include "aarch64-cpu.h"

#include <stddef.h>
#include <string.h>

#include "engine/jit-cache.h"
#include "engine/jit-regs.h"
#include "engine/machine.h"

#define A64_JIT_MAX_INSNS     64
#define A64_JIT_MODE_MAX_SHIFT 8
#define A64_JIT_MODE_ALIGN    4u /* SCTLR_EL1.A */
#define A64_JIT_MODE_MMU      8u /* SCTLR_EL1.M */
#define A64_JIT_CODE_BYTES    (64u << 20)
#define A64_JIT_MAX_BLOCKS    131072
#define A64_PAGE              4096u

#define XOFF(r) ((int32_t) (offsetof (A64Cpu, x) + 8 * (unsigned) (r)))
#define SOFF(f) ((int32_t) offsetof (A64Cpu, f))

#define RAX MDL_X86_RAX
#define RCX MDL_X86_RCX
#define RDX MDL_X86_RDX
#define RSI MDL_X86_RSI
#define RDI MDL_X86_RDI
#define R8  MDL_X86_R8
#define R9  MDL_X86_R9
#define R10 MDL_X86_R10
#define R11 MDL_X86_R11
#define ST  MDL_X86_STATE

typedef struct {
  uint32_t raw;
  uint64_t pc;
  const A64Opcode *op;
} A64JitInsn;

/* A block made with the MMU on: which of s->jit_gen its pc depends on
 * (gen_slot), the generation it was last found valid in, and the bits
 * of TCR_EL1 its code depends on (tlb_tcr). */
typedef struct {
  uint32_t gen;
  uint32_t slot;
  uint64_t tcr;
} A64JitCell;

typedef struct {
  MdlJit *jit;
  MdlJitAsm *a;
  A64Cpu *s;
  bool align; /* SCTLR_EL1.A: no inline loads and stores */
  bool mmu;   /* SCTLR_EL1.M: the TLB checked inline first */
  MdlJitRegs regs;
  /* NZCV (see "lazy flags"): whether the current instruction's must
   * reach the state (something after it may read them); the instruction
   * after it, when it may take them from the host flags; and the flags
   * the previous instruction left only in the host flags for this one
   * (FL_NONE: NZCV is in the state). */
  bool need;
  const A64JitInsn *next;
  bool next_live; /* NZCV is read after the next instruction */
  int pending, pending_next;
  /* the slow paths, out of line after the block's last instruction */
  struct {
    size_t jumps[10];
    unsigned n_jumps, i;
    const A64JitInsn *ins;
    MdlJitRegsState regs; /* the allocation where they branched off */
    const uint8_t *back;  /* the join */
  } slow[A64_JIT_MAX_INSNS];
  unsigned n_slow;
  /* A block that branches back to its own start (a loop): the first
   * translation saves the allocation at the branch back (loop); the
   * second loads those registers at the head (loop_pre) and, when the
   * branch back finds the same allocation, jumps to the head with them
   * still in host registers (emit_block_end).  Not with executors for
   * whole instructions in the block (loop_ok: one may change the mode or
   * the TLB, which only the block's entry checks). */
  uint64_t start;
  bool loop_ok, loop_seen, loop_pre;
  bool start_live; /* NZCV is read in the block before it is written */
  MdlJitRegsState loop;
  const uint8_t *loop_head;
  /* rax holds the host flags (lahf, seto) of this kind, NZCV not yet
   * finished (emit_nzcv_finish): the taken way of a b.cond */
  int raw_nzcv;
} A64JitCtx;

static inline uint64_t
sext (uint64_t v, unsigned bits)
{
  return (uint64_t) ((int64_t) (v << (64 - bits)) >> (64 - bits));
}

static A64ExecFn
exec_of (const A64Opcode *op)
{
  return op ? op->exec : a64_x_undef;
}

/* ---- guest registers in host registers ----
 *
 * Within a block, X0-X30 and SP (x[31] of the state: the current stack
 * pointer) live in a pool of caller-saved host registers, through the
 * engine's allocator (engine/jit-regs.h); XZR is never cached (it reads
 * as an immediate 0, and writes to it are dropped).  rax, rcx and rdx
 * stay scratch for the emitters (division, shifts by cl, the TLB and
 * window checks, NZCV).  Every exit stores the dirty registers first;
 * before an executor runs a whole instruction they are stored and
 * forgotten (it may change any register, and SP with SPSel or the EL);
 * the slow path of a load or store stores them (the executor, and an
 * exception it takes, see the state exact), calls, and loads every
 * cached one again.  So that the fast and slow paths end with the same
 * allocation, an instruction with a slow path allocates all its
 * registers before its first branch, and marks its destinations dirty
 * only after the paths join (mark_dirty).  A conditional branch at the
 * block's end stores them once, before its jump (unless it may go back
 * to the start: then each way out); a side exit on its taken way.
 * 32-bit results are zero-extended in the host register, as the state
 * holds them.
 */

static const MdlX86Reg a64_jit_pool[] = { RSI, RDI, R8, R9, R10, R11 };

/* The host register holding X[r] (register 31: SP), loaded if need be. */
static MdlX86Reg
src_reg (A64JitCtx *c, unsigned r)
{
  return mdl_jit_regs_src (&c->regs, r);
}

/* @h = X[r]; register 31 is SP with @sp, else XZR. */
static void
ld_reg (A64JitCtx *c, MdlX86Reg h, unsigned r, bool sp)
{
  if (r == 31 && !sp)
    mdl_x86_mov_ri (c->a, h, 0); /* (not xor: keeps the host flags) */
  else
    mdl_x86_mov_rr (c->a, true, h, src_reg (c, r));
}

static void
st_reg (A64JitCtx *c, MdlX86Reg h, unsigned r, bool sp)
{
  if (r != 31 || sp)
    mdl_x86_mov_rr (c->a, true, mdl_jit_regs_dst (&c->regs, r, true), h);
}

/* X[r] = @v (XZR: nothing). */
static void
st_imm (A64JitCtx *c, unsigned r, uint64_t v)
{
  if (r != 31)
    mdl_x86_mov_ri (c->a, mdl_jit_regs_dst (&c->regs, r, true), v);
}

/* The host register X[r] (not XZR) will be written to, allocated now
 * (before a slow path's branch) but not yet dirty. */
static MdlX86Reg
dst_reg (A64JitCtx *c, unsigned r)
{
  return mdl_jit_regs_dst (&c->regs, r, false);
}

/* X[r] holds a new value, on every path joined here; register 31 is SP
 * with @sp, else XZR (nothing). */
static void
mark_dirty (A64JitCtx *c, unsigned r, bool sp)
{
  if (r != 31 || sp)
    mdl_jit_regs_dst (&c->regs, r, true);
}

/* The host register to read X[r] from: its cached register, or for XZR
 * (r == 31 without @sp) @zero, cleared with a mov (the host flags stay). */
static MdlX86Reg
rsrc (A64JitCtx *c, unsigned r, bool sp, MdlX86Reg zero)
{
  if (r == 31 && !sp) {
    mdl_x86_mov_ri (c->a, zero, 0);
    return zero;
  }
  return src_reg (c, r);
}

/* The host register that takes X[r]'s new value, marked dirty now (the
 * instruction has no slow path); for XZR (without @sp) the scratch
 * register @discard.  Allocated after the sources: a destination that is
 * also a source is then already loaded. */
static MdlX86Reg
wdst (A64JitCtx *c, unsigned r, bool sp, MdlX86Reg discard)
{
  if (r == 31 && !sp)
    return discard;
  return mdl_jit_regs_dst (&c->regs, r, true);
}

/* d = n OP m in the host registers themselves (two-address forms, with
 * the same host flags as n OP m: addition and the logic operations
 * commute in their flags too); 32-bit operations zero-extend. */
static void
emit_alu3 (A64JitCtx *c, MdlX86Alu op, bool sf, MdlX86Reg d, MdlX86Reg n, MdlX86Reg m)
{
  MdlJitAsm *a = c->a;

  if (d == n)
    mdl_x86_alu_rr (a, op, sf, d, m);
  else if (d != m) {
    mdl_x86_mov_rr (a, sf, d, n);
    mdl_x86_alu_rr (a, op, sf, d, m);
  } else if (op != MDL_X86_SUB)
    mdl_x86_alu_rr (a, op, sf, d, n);
  else {
    mdl_x86_mov_rr (a, sf, RAX, n);
    mdl_x86_alu_rr (a, op, sf, RAX, m);
    mdl_x86_mov_rr (a, true, d, RAX);
  }
}

/* d = n OP imm (sign-extended with @sf). */
static void
emit_alu3i (A64JitCtx *c, MdlX86Alu op, bool sf, MdlX86Reg d, MdlX86Reg n, int32_t imm)
{
  if (d != n)
    mdl_x86_mov_rr (c->a, sf, d, n);
  mdl_x86_alu_ri (c->a, op, sf, d, imm);
}

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

static void
emit_nzcv (A64JitCtx *c, MdlX86Cond carry_cc)
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

enum { FL_NONE, FL_SUB, FL_ADD };

/* The host condition that is A64 condition @cond after an operation of
 * @kind, or -1 when none is (HI and LS after a carry). */
static int
host_cc (unsigned cond, int kind)
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
static void
emit_flags (A64JitCtx *c, int kind)
{
  if (c->next != NULL && fuses (c->next, c->next_live, kind))
    c->pending_next = kind;
  else if (c->need)
    emit_nzcv (c, kind == FL_SUB ? MDL_X86_CC_AE : MDL_X86_CC_B);
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
static MdlX86Cond
emit_cond (A64JitCtx *c, unsigned cond)
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
static void
defer_slow (A64JitCtx *c, const size_t *jumps, unsigned n, const A64JitInsn *ins, unsigned i)
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

/* ---- integer data processing ---- */

/* dst = src extended by @option (UXTB ... SXTX) and shifted left by
 * @shift (the extended-register operand). */
static void
emit_ext_to (A64JitCtx *c, unsigned option, unsigned shift, MdlX86Reg dst, MdlX86Reg src)
{
  static const uint8_t size[8] = { 1, 2, 4, 8, 1, 2, 4, 8 };

  if (size[option] == 8)
    mdl_x86_mov_rr (c->a, true, dst, src);
  else
    mdl_x86_movx_rr (c->a, size[option], option >= 4, true, dst, src);
  if (shift)
    mdl_x86_shift_ri (c->a, MDL_X86_SHL, true, dst, (uint8_t) shift);
}

static const MdlX86Shift shift_ops[4] = { MDL_X86_SHL, MDL_X86_SHR, MDL_X86_SAR, MDL_X86_ROR };

/* add/sub: immediate (@kind 0), shifted register (1), extended (2), on
 * the cached registers: one lea without flags where it fits (immediate,
 * register, register shifted left by up to 3, extended register), a
 * compare (cmp, or a scratch add for cmn) when only the flags are kept,
 * else the two-address operation in the destination. */
static bool
emit_addsub (A64JitCtx *c, uint32_t insn, unsigned kind)
{
  MdlJitAsm *a = c->a;
  bool sf = insn >> 31, sub = (insn >> 30) & 1, flags = (insn >> 29) & 1;
  unsigned rd = insn & 31, rn = (insn >> 5) & 31, rm = (insn >> 16) & 31;
  MdlX86Alu op = sub ? MDL_X86_SUB : MDL_X86_ADD;
  bool sp_d = kind != 1 && !flags;
  MdlX86Reg n, m = RCX, d;
  unsigned scale = 4; /* lea's index scale, 4: none */

  if (kind == 0) {
    int32_t imm = (insn >> 10) & 0xfff;

    if ((insn >> 23) & 1)
      return false;
    if ((insn >> 22) & 1)
      imm <<= 12;
    n = rsrc (c, rn, true, RAX);
    if (!flags) { /* one lea from the cached register into the cached one */
      d = wdst (c, rd, true, RAX);
      if (sf)
        mdl_x86_lea (a, d, n, sub ? -imm : imm);
      else
        mdl_x86_lea32 (a, d, n, sub ? -imm : imm);
      return true;
    }
    if (rd == 31 && sub)
      mdl_x86_alu_ri (a, MDL_X86_CMP, sf, n, imm);
    else
      emit_alu3i (c, op, sf, wdst (c, rd, false, RAX), n, imm);
    emit_flags (c, sub ? FL_SUB : FL_ADD);
    return true;
  }
  if (kind == 1) {
    unsigned type = (insn >> 22) & 3, amount = (insn >> 10) & 0x3f;

    if (type == 3 || (!sf && amount >= 32))
      return false;
    n = rsrc (c, rn, false, RAX);
    if (amount == 0)
      m = rsrc (c, rm, false, RCX);
    else if (!flags && !sub && type == 0 && amount <= 3 && rm != 31) {
      m = src_reg (c, rm);
      scale = amount;
    } else if (!sub && rm == rd && rn != rd && rd != 31) {
      /* the destination is the shifted operand: shifted in place, then
       * added (the flags of an addition do not depend on the order) */
      d = src_reg (c, rm);
      wdst (c, rd, false, RAX);
      mdl_x86_shift_ri (a, shift_ops[type], sf, d, (uint8_t) amount);
      mdl_x86_alu_rr (a, MDL_X86_ADD, sf, d, n);
      if (flags)
        emit_flags (c, FL_ADD);
      return true;
    } else {
      mdl_x86_mov_rr (a, sf, RCX, rsrc (c, rm, false, RCX));
      mdl_x86_shift_ri (a, shift_ops[type], sf, RCX, (uint8_t) amount);
    }
    if (amount == 0 && !flags && !sub)
      scale = 0;
  } else {
    unsigned option = (insn >> 13) & 7, shift = (insn >> 10) & 7;

    if (shift > 4 || ((insn >> 22) & 3))
      return false;
    n = rsrc (c, rn, true, RAX);
    m = rsrc (c, rm, false, RCX);
    if ((option & 3) != 3 || shift) {
      emit_ext_to (c, option, !flags && !sub && shift <= 3 ? 0 : shift, RCX, m);
      m = RCX;
      if (!flags && !sub && shift <= 3)
        scale = shift;
    } else if (!flags && !sub)
      scale = 0;
  }
  if (scale < 4) { /* add without flags: one lea */
    d = wdst (c, rd, sp_d, RAX);
    mdl_x86_lea_idx (a, sf, d, n, m, scale, 0);
    return true;
  }
  if (flags && rd == 31 && sub)
    mdl_x86_alu_rr (a, MDL_X86_CMP, sf, n, m);
  else
    emit_alu3 (c, op, sf, wdst (c, rd, sp_d, RAX), n, m);
  if (flags)
    emit_flags (c, sub ? FL_SUB : FL_ADD);
  return true;
}

/* DecodeBitMasks for the logical immediates; false when reserved. */
static bool
bit_mask (bool sf, unsigned n, unsigned immr, unsigned imms, uint64_t *mask)
{
  unsigned v = (n << 6) | (~imms & 0x3f), len = 0, esize, levels, s, r;
  uint64_t welem, elem, emask;

  if (v == 0)
    return false;
  for (unsigned b = 0; b < 7; b++)
    if (v & (1u << b))
      len = b;
  if (len < 1 || (!sf && n))
    return false;
  esize = 1u << len;
  levels = esize - 1;
  s = imms & levels;
  r = immr & levels;
  if (s == levels)
    return false;
  welem = (UINT64_C (1) << (s + 1)) - 1; /* s + 1 < 64 */
  emask = esize == 64 ? UINT64_MAX : (UINT64_C (1) << esize) - 1;
  elem = r ? ((welem >> r) | (welem << (esize - r))) & emask : welem;
  for (unsigned e = esize; e < 64; e *= 2)
    elem |= elem << e;
  *mask = sf ? elem : (uint32_t) elem;
  return true;
}

static const MdlX86Alu logic_ops[4] = { MDL_X86_AND, MDL_X86_OR, MDL_X86_XOR, MDL_X86_AND };

static bool
emit_logic (A64JitCtx *c, uint32_t insn, bool imm)
{
  MdlJitAsm *a = c->a;
  bool sf = insn >> 31;
  unsigned opc = (insn >> 29) & 3, rd = insn & 31, rn = (insn >> 5) & 31;
  bool flags = opc == 3;
  MdlX86Alu op = logic_ops[opc];
  MdlX86Reg n, m = RCX, d;

  if (imm) {
    uint64_t mask;
    int32_t i32;

    if (!bit_mask (sf, (insn >> 22) & 1, (insn >> 16) & 0x3f, (insn >> 10) & 0x3f, &mask))
      return false;
    if (rn == 31 && !flags) { /* mov of a bit-mask immediate (and: 0) */
      mdl_x86_mov_ri (a, wdst (c, rd, true, RAX), op == MDL_X86_AND ? 0 : mask);
      return true;
    }
    n = rsrc (c, rn, false, RAX);
    i32 = (int32_t) (uint32_t) mask;
    if (!sf || (int64_t) mask == (int64_t) i32) {
      if (flags && rd == 31)
        mdl_x86_test_ri (a, sf, n, i32);
      else
        emit_alu3i (c, op, sf, wdst (c, rd, !flags, RAX), n, i32);
    } else {
      mdl_x86_mov_ri (a, RCX, mask);
      if (flags && rd == 31)
        mdl_x86_test_rr (a, sf, n, RCX);
      else
        emit_alu3 (c, op, sf, wdst (c, rd, !flags, RAX), n, RCX);
    }
  } else {
    unsigned type = (insn >> 22) & 3, amount = (insn >> 10) & 0x3f, rm = (insn >> 16) & 31;
    bool inv = (insn >> 21) & 1;

    if (!sf && amount >= 32)
      return false;
    if (rn == 31 && !flags && opc != 0) {
      /* orr/eor with XZR: mov, mvn and their shifted forms, in place */
      if (rd == 31)
        return true;
      m = rsrc (c, rm, false, RCX);
      d = wdst (c, rd, false, RAX);
      mdl_x86_mov_rr (a, sf, d, m);
      if (amount)
        mdl_x86_shift_ri (a, shift_ops[type], sf, d, (uint8_t) amount);
      if (inv)
        mdl_x86_unary (a, MDL_X86_NOT, sf, d);
      return true;
    }
    if ((amount || inv) && rm == rd && rn != rd && rd != 31) {
      /* the destination is the shifted operand: shifted in place */
      n = rsrc (c, rn, false, RAX);
      d = src_reg (c, rm);
      wdst (c, rd, false, RAX);
      if (amount)
        mdl_x86_shift_ri (a, shift_ops[type], sf, d, (uint8_t) amount);
      if (inv)
        mdl_x86_unary (a, MDL_X86_NOT, sf, d);
      mdl_x86_alu_rr (a, op, sf, d, n);
      if (flags)
        emit_flags (c, FL_ADD);
      return true;
    }
    n = rsrc (c, rn, false, RAX);
    if (amount || inv) {
      mdl_x86_mov_rr (a, sf, RCX, rsrc (c, rm, false, RCX));
      if (amount)
        mdl_x86_shift_ri (a, shift_ops[type], sf, RCX, (uint8_t) amount);
      if (inv)
        mdl_x86_unary (a, MDL_X86_NOT, sf, RCX);
    } else
      m = rsrc (c, rm, false, RCX);
    if (flags && rd == 31)
      mdl_x86_test_rr (a, sf, n, m);
    else
      emit_alu3 (c, op, sf, wdst (c, rd, false, RAX), n, m);
  }
  if (flags)
    emit_flags (c, FL_ADD); /* and and test clear CF and OF: C = V = 0 */
  return true;
}

static bool
emit_movw (A64JitCtx *c, uint32_t insn)
{
  MdlJitAsm *a = c->a;
  bool sf = insn >> 31;
  unsigned opc = (insn >> 29) & 3, hw = (insn >> 21) & 3, rd = insn & 31;
  uint64_t imm = (uint64_t) ((insn >> 5) & 0xffff) << (16 * hw);
  uint64_t keep = ~(UINT64_C (0xffff) << (16 * hw));
  MdlX86Reg d;

  if (opc == 1 || (!sf && hw >= 2))
    return false;
  if (opc != 3) {
    if (opc == 0)
      imm = ~imm;
    st_imm (c, rd, sf ? imm : (uint32_t) imm);
    return true;
  }
  /* movk, in place */
  if (rd == 31)
    return true;
  src_reg (c, rd);
  d = mdl_jit_regs_dst (&c->regs, rd, true);
  if (!sf || hw == 0) /* the mask as a (sign-extended) 32-bit immediate */
    mdl_x86_alu_ri (a, MDL_X86_AND, sf, d, (int32_t) (uint32_t) keep);
  else {
    mdl_x86_mov_ri (a, RCX, keep);
    mdl_x86_alu_rr (a, MDL_X86_AND, true, d, RCX);
  }
  if (imm <= INT32_MAX || !sf)
    mdl_x86_alu_ri (a, MDL_X86_OR, sf, d, (int32_t) (uint32_t) imm);
  else {
    mdl_x86_mov_ri (a, RCX, imm);
    mdl_x86_alu_rr (a, MDL_X86_OR, true, d, RCX);
  }
  return true;
}

/* sbfm/ubfm in the destination: a zero or sign extension (uxtb, sxth,
 * sxtw...) is one movzx/movsx, anything else at most two shifts: left
 * until the field's top bit is the register's, then right (logical or
 * arithmetic) to where the field goes (bfm: emit_bfm). */
static bool
emit_bitfield (A64JitCtx *c, uint32_t insn)
{
  MdlJitAsm *a = c->a;
  bool sf = insn >> 31, sign;
  unsigned opc = (insn >> 29) & 3, n = (insn >> 22) & 1, immr = (insn >> 16) & 0x3f;
  unsigned imms = (insn >> 10) & 0x3f, w = sf ? 64 : 32, left, right;
  MdlX86Reg src, d;

  if (opc == 1 || opc == 3 || n != sf || (!sf && (immr >= 32 || imms >= 32)))
    return false;
  sign = opc == 0;
  src = rsrc (c, (insn >> 5) & 31, false, RAX);
  d = wdst (c, insn & 31, false, RAX);
  if (immr == 0 && (imms == 7 || imms == 15 || (imms == 31 && sf))) {
    mdl_x86_movx_rr (a, (imms + 1) / 8, sign, sf, d, src);
    return true;
  }
  left = w - 1 - imms;
  right = imms >= immr ? left + immr : immr - 1 - imms;
  if (d != src || (!sf && !left && !right))
    mdl_x86_mov_rr (a, sf, d, src);
  if (left)
    mdl_x86_shift_ri (a, MDL_X86_SHL, sf, d, (uint8_t) left);
  if (right)
    mdl_x86_shift_ri (a, sign ? MDL_X86_SAR : MDL_X86_SHR, sf, d, (uint8_t) right);
  return true;
}

static bool
emit_extr (A64JitCtx *c, uint32_t insn)
{
  bool sf = insn >> 31;
  unsigned lsb = (insn >> 10) & 0x3f, w = sf ? 64 : 32;
  unsigned rn = (insn >> 5) & 31, rm = (insn >> 16) & 31;

  if (((insn >> 22) & 1) != sf || (!sf && lsb >= 32))
    return false;
  if (rn == rm && rn != 31) { /* ror, in the destination */
    MdlX86Reg src = src_reg (c, rn), d = wdst (c, insn & 31, false, RAX);

    if (d != src || !sf)
      mdl_x86_mov_rr (c->a, sf, d, src);
    if (lsb)
      mdl_x86_shift_ri (c->a, MDL_X86_ROR, sf, d, (uint8_t) lsb);
    return true;
  }
  ld_reg (c, RAX, rm, false);
  if (lsb) {
    ld_reg (c, RCX, rn, false);
    mdl_x86_shift_ri (c->a, MDL_X86_SHR, sf, RAX, (uint8_t) lsb);
    mdl_x86_shift_ri (c->a, MDL_X86_SHL, sf, RCX, (uint8_t) (w - lsb));
    mdl_x86_alu_rr (c->a, MDL_X86_OR, sf, RAX, RCX);
  } else if (!sf)
    mdl_x86_mov_rr (c->a, false, RAX, RAX);
  st_reg (c, RAX, insn & 31, false);
  return true;
}

/* The csel family with cmov: X[rd] = cond ? X[rn] : f(X[rm]), f the
 * identity, +1, NOT or negation (computed with lea and not, which keep
 * the host flags); cset and csetm (both sources XZR) are a setcc. */
static bool
emit_csel (A64JitCtx *c, uint32_t insn)
{
  MdlJitAsm *a = c->a;
  bool sf = insn >> 31, inv = (insn >> 30) & 1, inc = (insn >> 10) & 1;
  unsigned rn = (insn >> 5) & 31, rm = (insn >> 16) & 31, rd = insn & 31;
  MdlX86Cond cc;
  MdlX86Reg n, m, d;

  if (((insn >> 29) & 1) || ((insn >> 11) & 1))
    return false;
  if (c->pending != FL_NONE)
    cc = (MdlX86Cond) host_cc ((insn >> 12) & 15, c->pending);
  else
    cc = emit_cond (c, (insn >> 12) & 15); /* (clobbers rax and rcx) */
  if (rn == 31 && rm == 31 && (inc || inv)) {
    /* cset (0 or 1) and csetm (0 or -1), csinv/csinc of zeros */
    d = wdst (c, rd, false, RAX);
    if (inc && inv) { /* csneg of zeros: 0 */
      mdl_x86_mov_ri (a, d, 0);
      return true;
    }
    mdl_x86_setcc (a, (MdlX86Cond) (cc ^ 1), d);
    if (inv)
      mdl_x86_unary (a, MDL_X86_NEG, sf, d);
    return true;
  }
  n = rsrc (c, rn, false, RDX);
  m = rsrc (c, rm, false, RCX);
  if (inv || inc) {
    if (inv)
      mdl_x86_mov_rr (a, true, RCX, m);
    if (inv)
      mdl_x86_unary (a, MDL_X86_NOT, true, RCX);
    if (inc)
      mdl_x86_lea (a, RCX, inv ? RCX : m, 1);
    m = RCX;
  }
  d = wdst (c, rd, false, RAX);
  if (d == n)
    mdl_x86_cmov (a, (MdlX86Cond) (cc ^ 1), sf, d, m);
  else if (d == m)
    mdl_x86_cmov (a, cc, sf, d, n);
  else {
    mdl_x86_mov_rr (a, sf, d, m);
    mdl_x86_cmov (a, cc, sf, d, n);
  }
  return true;
}

/* bfm: the destination keeps the bits outside wmask & tmask of
 * DecodeBitMasks (with esize the register width, as n == sf makes it:
 * wmask = ROR(Ones(imms + 1), immr), tmask = Ones(((imms - immr) mod
 * width) + 1)), and takes the rest from the source rotated right by
 * immr. */
static bool
emit_bfm (A64JitCtx *c, uint32_t insn)
{
  bool sf = insn >> 31;
  unsigned n = (insn >> 22) & 1, immr = (insn >> 16) & 0x3f, imms = (insn >> 10) & 0x3f;
  unsigned w = sf ? 64 : 32, d;
  uint64_t ones = sf ? ~UINT64_C (0) : 0xffffffffu, welem, wmask, tmask, m;

  if (n != sf || (!sf && (immr >= 32 || imms >= 32)))
    return false;
  welem = imms + 1 >= 64 ? ~UINT64_C (0) : (UINT64_C (1) << (imms + 1)) - 1;
  wmask = immr ? ((welem >> immr) | (welem << (w - immr))) & ones : welem;
  d = (imms - immr) & (w - 1);
  tmask = d + 1 >= 64 ? ~UINT64_C (0) : (UINT64_C (1) << (d + 1)) - 1;
  m = wmask & tmask & ones;
  ld_reg (c, RAX, (insn >> 5) & 31, false);
  if (immr)
    mdl_x86_shift_ri (c->a, MDL_X86_ROR, sf, RAX, (uint8_t) immr);
  mdl_x86_mov_ri (c->a, RDX, m);
  mdl_x86_alu_rr (c->a, MDL_X86_AND, true, RAX, RDX);
  ld_reg (c, RCX, insn & 31, false);
  mdl_x86_unary (c->a, MDL_X86_NOT, true, RDX);
  mdl_x86_alu_rr (c->a, MDL_X86_AND, true, RCX, RDX);
  mdl_x86_alu_rr (c->a, MDL_X86_OR, sf, RAX, RCX);
  st_reg (c, RAX, insn & 31, false);
  return true;
}

/* rax = ((rax & @mask) << @k) | ((rax >> @k) & @mask), 64 bits. */
static void
emit_swap_bits (A64JitCtx *c, uint64_t mask, unsigned k)
{
  mdl_x86_mov_ri (c->a, RDX, mask);
  mdl_x86_mov_rr (c->a, true, RCX, RAX);
  mdl_x86_alu_rr (c->a, MDL_X86_AND, true, RAX, RDX);
  mdl_x86_shift_ri (c->a, MDL_X86_SHL, true, RAX, (uint8_t) k);
  mdl_x86_shift_ri (c->a, MDL_X86_SHR, true, RCX, (uint8_t) k);
  mdl_x86_alu_rr (c->a, MDL_X86_AND, true, RCX, RDX);
  mdl_x86_alu_rr (c->a, MDL_X86_OR, true, RAX, RCX);
}

/* rbit, rev16, rev32, rev, clz, cls. */
static bool
emit_dp1 (A64JitCtx *c, uint32_t insn)
{
  MdlJitAsm *a = c->a;
  bool sf = insn >> 31;
  unsigned op = (insn >> 10) & 0x3f;

  if (((insn >> 16) & 0x1f) || op > 5 || (op == 3 && !sf))
    return false;
  ld_reg (c, RAX, (insn >> 5) & 31, false);
  switch (op) {
  case 0: /* rbit: the bytes reversed, then the bits of each byte */
    mdl_x86_bswap (a, sf, RAX);
    emit_swap_bits (c, UINT64_C (0x0f0f0f0f0f0f0f0f), 4);
    emit_swap_bits (c, UINT64_C (0x3333333333333333), 2);
    emit_swap_bits (c, UINT64_C (0x5555555555555555), 1);
    break;
  case 1: emit_swap_bits (c, UINT64_C (0x00ff00ff00ff00ff), 8); break;
  case 2:
    if (sf) { /* rev32: each word's bytes */
      mdl_x86_bswap (a, true, RAX);
      mdl_x86_shift_ri (a, MDL_X86_ROR, true, RAX, 32);
    } else
      mdl_x86_bswap (a, false, RAX);
    break;
  case 3: mdl_x86_bswap (a, true, RAX); break;
  case 5: { /* cls: the leading zeros of x<N-1:1> XOR x<N-2:0>, N - 1 bits */
    size_t zero, done;

    mdl_x86_mov_rr (a, sf, RCX, RAX);
    mdl_x86_shift_ri (a, MDL_X86_SHR, sf, RCX, 1);
    mdl_x86_alu_rr (a, MDL_X86_XOR, sf, RAX, RCX);
    mdl_x86_shift_ri (a, MDL_X86_SHL, sf, RAX, 1); /* bit N-1 is not one of them */
    mdl_x86_shift_ri (a, MDL_X86_SHR, sf, RAX, 1);
    mdl_x86_bsr (a, sf, RCX, RAX);
    zero = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
    mdl_x86_mov_ri (a, RAX, sf ? 62 : 30);
    mdl_x86_alu_rr (a, MDL_X86_SUB, false, RAX, RCX);
    done = mdl_x86_jmp_fwd (a);
    mdl_x86_bind (a, zero);
    mdl_x86_mov_ri (a, RAX, sf ? 63 : 31);
    mdl_x86_bind (a, done);
    break;
  }
  default: { /* clz: width - 1 - bsr, or the width for 0 */
    size_t zero, done;

    mdl_x86_bsr (a, sf, RCX, RAX);
    zero = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
    mdl_x86_mov_ri (a, RAX, sf ? 63 : 31);
    mdl_x86_alu_rr (a, MDL_X86_SUB, false, RAX, RCX);
    done = mdl_x86_jmp_fwd (a);
    mdl_x86_bind (a, zero);
    mdl_x86_mov_ri (a, RAX, sf ? 64 : 32);
    mdl_x86_bind (a, done);
    break;
  }
  }
  if (!sf)
    mdl_x86_mov_rr (a, false, RAX, RAX);
  st_reg (c, RAX, insn & 31, false);
  return true;
}

/* adc/adcs/sbc/sbcs: x86's adc with C as its carry in (sbc adds the
 * complement, as add_carry does), so that its carry and overflow out are
 * A64's. */
static bool
emit_adc (A64JitCtx *c, uint32_t insn)
{
  MdlJitAsm *a = c->a;
  bool sf = insn >> 31, sub = (insn >> 30) & 1, flags = (insn >> 29) & 1;

  ld_reg (c, RCX, (insn >> 16) & 31, false);
  if (sub)
    mdl_x86_unary (a, MDL_X86_NOT, sf, RCX);
  ld_reg (c, RAX, (insn >> 5) & 31, false);
  mdl_x86_load (a, 4, false, RDX, ST, SOFF (nzcv));
  mdl_x86_shift_ri (a, MDL_X86_SHR, false, RDX, 29);
  mdl_x86_alu_ri (a, MDL_X86_AND, false, RDX, 1);
  mdl_x86_unary (a, MDL_X86_NEG, false, RDX); /* CF = C */
  mdl_x86_alu_rr (a, MDL_X86_ADC, sf, RAX, RCX);
  st_reg (c, RAX, insn & 31, false); /* (mov: the flags stay) */
  if (flags)
    emit_flags (c, FL_ADD);
  return true;
}

/* ccmp/ccmn (register or 5-bit immediate): the comparison's NZCV when
 * the condition holds, else the instruction's own. */
static bool
emit_ccmp (A64JitCtx *c, uint32_t insn)
{
  MdlJitAsm *a = c->a;
  bool sf = insn >> 31, sub = (insn >> 30) & 1, is_imm = (insn >> 11) & 1;
  unsigned rm = (insn >> 16) & 31;
  MdlX86Cond cc;
  MdlX86Reg n, m = RCX;
  size_t fails, done;

  if (((insn >> 10) & 1) || ((insn >> 4) & 1))
    return false;
  if (!c->need) /* its only effect is on NZCV */
    return true;
  if (c->pending != FL_NONE)
    cc = (MdlX86Cond) host_cc ((insn >> 12) & 15, c->pending);
  else
    cc = emit_cond (c, (insn >> 12) & 15); /* (clobbers rax and rcx) */
  /* the operands before the jump (moves: the host flags stay), so that
   * nothing is allocated on one path only */
  n = rsrc (c, (insn >> 5) & 31, false, RDX);
  if (!is_imm)
    m = rsrc (c, rm, false, RCX);
  fails = mdl_x86_jcc_fwd (a, (MdlX86Cond) (cc ^ 1));
  if (sub && is_imm)
    mdl_x86_alu_ri (a, MDL_X86_CMP, sf, n, (int32_t) rm);
  else if (sub)
    mdl_x86_alu_rr (a, MDL_X86_CMP, sf, n, m);
  else {
    mdl_x86_mov_rr (a, sf, RAX, n);
    if (is_imm)
      mdl_x86_alu_ri (a, MDL_X86_ADD, sf, RAX, (int32_t) rm);
    else
      mdl_x86_alu_rr (a, MDL_X86_ADD, sf, RAX, m);
  }
  emit_nzcv (c, sub ? MDL_X86_CC_AE : MDL_X86_CC_B);
  done = mdl_x86_jmp_fwd (a);
  mdl_x86_bind (a, fails);
  mdl_x86_mov_ri (a, RCX, (uint64_t) (insn & 15) << 28);
  mdl_x86_store (a, 4, RCX, ST, SOFF (nzcv));
  mdl_x86_bind (a, done);
  return true;
}

/* madd/msub (the low half of the product is the same signed or not):
 * mul in the destination, else the product in rax added with lea or
 * subtracted in place. */
static bool
emit_madd (A64JitCtx *c, uint32_t insn)
{
  MdlJitAsm *a = c->a;
  bool sf = insn >> 31, msub = (insn >> 15) & 1;
  unsigned ra = (insn >> 10) & 31;
  MdlX86Reg n, m, acc, d;

  n = rsrc (c, (insn >> 5) & 31, false, RAX);
  m = rsrc (c, (insn >> 16) & 31, false, RCX);
  if (ra == 31 && !msub) { /* mul */
    d = wdst (c, insn & 31, false, RAX);
    if (d == m)
      mdl_x86_imul_rr (a, sf, d, n);
    else {
      if (d != n)
        mdl_x86_mov_rr (a, sf, d, n);
      mdl_x86_imul_rr (a, sf, d, m);
    }
    return true;
  }
  acc = rsrc (c, ra, false, RDX);
  if (n != RAX)
    mdl_x86_mov_rr (a, sf, RAX, n);
  mdl_x86_imul_rr (a, sf, RAX, m);
  d = wdst (c, insn & 31, false, RCX);
  if (!msub) {
    if (d == acc)
      mdl_x86_alu_rr (a, MDL_X86_ADD, sf, d, RAX);
    else
      mdl_x86_lea_idx (a, sf, d, acc, RAX, 0, 0);
  } else {
    if (d != acc)
      mdl_x86_mov_rr (a, sf, d, acc);
    mdl_x86_alu_rr (a, MDL_X86_SUB, sf, d, RAX);
  }
  return true;
}

/* udiv/sdiv and the variable shifts (the CRC32 rows of the same
 * executor stay with it).  Division by zero gives 0; sdiv by -1 is a
 * negation (MIN stays MIN, as A64 wants), which keeps idiv away from its
 * one overflow.  The host's shift count is the register modulo the width,
 * as A64's is. */
static bool
emit_dp2 (A64JitCtx *c, uint32_t insn)
{
  MdlJitAsm *a = c->a;
  bool sf = insn >> 31;
  unsigned op = (insn >> 10) & 0x3f;

  if (op >= 8 && op <= 11) { /* in the destination, by cl */
    MdlX86Reg n, d;

    ld_reg (c, RCX, (insn >> 16) & 31, false);
    n = rsrc (c, (insn >> 5) & 31, false, RAX);
    d = wdst (c, insn & 31, false, RAX);
    if (d != n || !sf)
      mdl_x86_mov_rr (a, sf, d, n);
    mdl_x86_shift_cl (a, shift_ops[op - 8], sf, d);
    return true;
  } else if (op == 2 || op == 3) {
    size_t by_zero, by_minus1 = 0, done1, done2 = 0;

    ld_reg (c, RAX, (insn >> 5) & 31, false);
    ld_reg (c, RCX, (insn >> 16) & 31, false);
    mdl_x86_test_rr (a, sf, RCX, RCX);
    by_zero = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
    if (op == 3) {
      mdl_x86_alu_ri (a, MDL_X86_CMP, sf, RCX, -1);
      by_minus1 = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
      mdl_x86_sign_ax (a, sf);
      mdl_x86_unary (a, MDL_X86_IDIV, sf, RCX);
    } else {
      mdl_x86_alu_rr (a, MDL_X86_XOR, false, RDX, RDX);
      mdl_x86_unary (a, MDL_X86_DIV, sf, RCX);
    }
    done1 = mdl_x86_jmp_fwd (a);
    if (op == 3) {
      mdl_x86_bind (a, by_minus1);
      mdl_x86_unary (a, MDL_X86_NEG, sf, RAX);
      done2 = mdl_x86_jmp_fwd (a);
    }
    mdl_x86_bind (a, by_zero);
    mdl_x86_alu_rr (a, MDL_X86_XOR, false, RAX, RAX);
    mdl_x86_bind (a, done1);
    if (op == 3)
      mdl_x86_bind (a, done2);
  } else
    return false;
  if (!sf)
    mdl_x86_mov_rr (a, false, RAX, RAX);
  st_reg (c, RAX, insn & 31, false);
  return true;
}

/* ---- loads and stores ---- */

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

#define TOFF(f) ((int32_t) (offsetof (A64Cpu, tlb) + offsetof (A64TlbEntry, f)))

/* With the MMU on: rcx from the virtual to the physical address through
 * the TLB as translate() finds it (TBI, the entry at (va >> 12) % size,
 * its ASID unless global, the permission at this EL), for an access of
 * @total bytes within one page; any other case jumps to a slow fixup
 * (the executor walks, fills and faults).  For a @store, rdx + rcx is
 * where the bytes are instead: the entry's st_host (set by the
 * executors' stores when a store window covered the page; else the
 * slow path) and the offset in the page.  The current ASID is read
 * from the TTBR that holds it (the block is not made for one ASID: the
 * kernel's blocks serve every process); which TTBR, the ASID's width and
 * the TBI bits are constants, in the block's cell (a64_jit_valid).
 * Clobbers rax and rdx (the guest registers' pool is untouched). */
static unsigned
emit_tlb (A64JitCtx *c, bool store, unsigned total, size_t *slow)
{
  MdlJitAsm *a = c->a;
  const A64Cpu *s = c->s;
  uint64_t tcr = s->tcr_el1;
  bool tbi0 = (tcr >> 37) & 1, tbi1 = (tcr >> 38) & 1;
  int32_t asid_off = ((tcr >> 22) & 1 ? SOFF (ttbr1_el1) : SOFF (ttbr0_el1)) + 6;
  unsigned need = store ? A64_P_W1 : A64_P_R1, n = 0;
  size_t global;

  if (s->el == 0)
    need <<= 3;
  if (tbi0 && tbi1) {
    mdl_x86_shift_ri (a, MDL_X86_SHL, true, RCX, 8);
    mdl_x86_shift_ri (a, MDL_X86_SAR, true, RCX, 8);
  } else if (tbi0 || tbi1) {
    /* only the half bit 55 picks ignores the top byte */
    mdl_x86_mov_rr (a, true, RAX, RCX);
    mdl_x86_shift_ri (a, MDL_X86_SHL, true, RAX, 8);
    mdl_x86_shift_ri (a, MDL_X86_SAR, true, RAX, 8);
    mdl_x86_bt_ri (a, true, RCX, 55);
    mdl_x86_cmov (a, tbi0 ? MDL_X86_CC_AE : MDL_X86_CC_B, true, RCX, RAX);
  }
  /* within one page: access() splits the others */
  mdl_x86_mov_rr (a, false, RAX, RCX);
  mdl_x86_alu_ri (a, MDL_X86_AND, false, RAX, 0xfff);
  mdl_x86_alu_ri (a, MDL_X86_CMP, false, RAX, (int32_t) (0x1000 - total));
  slow[n++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_A);
  /* rax = the entry, rdx = the page */
  mdl_x86_mov_rr (a, true, RDX, RCX);
  mdl_x86_shift_ri (a, MDL_X86_SHR, true, RDX, 12);
  mdl_x86_mov_rr (a, false, RAX, RDX);
  mdl_x86_alu_ri (a, MDL_X86_AND, false, RAX, A64_TLB_SIZE - 1);
  mdl_x86_imul_rri (a, false, RAX, RAX, (int32_t) sizeof (A64TlbEntry));
  mdl_x86_alu_rr (a, MDL_X86_ADD, true, RAX, ST);
  mdl_x86_alu_rm (a, MDL_X86_CMP, true, RDX, RAX, TOFF (vpage));
  slow[n++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  mdl_x86_cmp_m8_i (a, RAX, TOFF (global), 0);
  global = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  mdl_x86_load (a, (tcr >> 36) & 1 ? 2 : 1, false, RDX, ST, asid_off);
  mdl_x86_cmp16_rm (a, RDX, RAX, TOFF (asid));
  slow[n++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  mdl_x86_bind (a, global);
  mdl_x86_test_m8_i (a, RAX, TOFF (perm), (uint8_t) need);
  slow[n++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
  if (store) {
    /* rdx = where the page is for stores, rcx = the offset */
    mdl_x86_load (a, 8, false, RDX, RAX, TOFF (st_host));
    mdl_x86_test_rr (a, true, RDX, RDX);
    slow[n++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
    mdl_x86_alu_ri (a, MDL_X86_AND, false, RCX, 0xfff);
    return n;
  }
  /* rcx = ppage << 12 | the offset */
  mdl_x86_load (a, 8, false, RAX, RAX, TOFF (ppage));
  mdl_x86_shift_ri (a, MDL_X86_SHL, true, RAX, 12);
  mdl_x86_alu_ri (a, MDL_X86_AND, false, RCX, 0xfff);
  mdl_x86_alu_rr (a, MDL_X86_OR, true, RCX, RAX);
  return n;
}

/* With the MMU off: the store window checked for @total bytes at the
 * address in rcx; rdx + rcx is where they are.  Returns the number of
 * jumps to the slow path put in @slow. */
static unsigned
emit_st_window (A64JitCtx *c, unsigned total, size_t *slow)
{
  MdlJitAsm *a = c->a;

  mdl_x86_alu_rm (a, MDL_X86_SUB, true, RCX, ST, SOFF (st_base));
  mdl_x86_alu_rm (a, MDL_X86_CMP, true, RCX, ST, SOFF (st_size));
  slow[0] = mdl_x86_jcc_fwd (a, MDL_X86_CC_AE);
  mdl_x86_lea (a, RDX, RCX, (int32_t) total);
  mdl_x86_alu_rm (a, MDL_X86_CMP, true, RDX, ST, SOFF (st_size));
  slow[1] = mdl_x86_jcc_fwd (a, MDL_X86_CC_A);
  mdl_x86_load (a, 8, false, RDX, ST, SOFF (st_host));
  return 2;
}

/* A store of @total bytes at the virtual address in @addr (kept) while
 * the exclusive monitor is armed: a64_store clears it when the bytes
 * overlap what it holds, which is the executor's; other stores go on
 * inline (a cmpxchg that failed leaves the monitor armed until the next
 * exception or clrex, and every store took the executor meanwhile).
 * Returns the jump to the slow path.  Clobbers rax and rdx. */
static size_t
emit_monitor_check (A64JitCtx *c, unsigned total, MdlX86Reg addr)
{
  MdlJitAsm *a = c->a;
  size_t idle, after, overlap;

  mdl_x86_cmp_m8_i (a, ST, SOFF (excl_valid), 0);
  idle = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
  /* va < excl_addr + excl_size && excl_addr < va + total */
  mdl_x86_load (a, 8, false, RAX, ST, SOFF (excl_addr));
  mdl_x86_load (a, 4, false, RDX, ST, SOFF (excl_size));
  mdl_x86_alu_rr (a, MDL_X86_ADD, true, RDX, RAX);
  mdl_x86_alu_rr (a, MDL_X86_CMP, true, addr, RDX);
  after = mdl_x86_jcc_fwd (a, MDL_X86_CC_AE);
  mdl_x86_lea (a, RDX, addr, (int32_t) total);
  mdl_x86_alu_rr (a, MDL_X86_CMP, true, RAX, RDX);
  overlap = mdl_x86_jcc_fwd (a, MDL_X86_CC_B);
  mdl_x86_bind (a, idle);
  mdl_x86_bind (a, after);
  return overlap;
}

/* dc zva at EL1: the 64 bytes of the block around X[rt] zeroed, as
 * dc_zva's eight stores do when none faults: one TLB check and one
 * window check for all (the block is in one page), else the executor
 * from scratch (nothing was stored yet).  memset and clear_page. */
static void
emit_dc_zva (A64JitCtx *c, const A64JitInsn *ins, unsigned i)
{
  MdlJitAsm *a = c->a;
  size_t slow[8];
  unsigned n = 0;

  ld_reg (c, RCX, ins->raw & 31, false);
  mdl_x86_alu_ri (a, MDL_X86_AND, true, RCX, -64);
  slow[n++] = emit_monitor_check (c, 64, RCX);
  if (c->mmu)
    n += emit_tlb (c, true, 64, slow + n);
  else
    n += emit_st_window (c, 64, slow + n);
  mdl_x86_alu_rr (a, MDL_X86_ADD, true, RDX, RCX);
  mdl_x86_alu_rr (a, MDL_X86_XOR, false, RAX, RAX);
  for (int32_t k = 0; k < 64; k += 8)
    mdl_x86_store (a, 8, RAX, RDX, k);
  defer_slow (c, slow, n, ins, i);
}

/* mrs of a register that is a plain field here, where reading it has no
 * condition but the EL (known) or, for SP_EL0, SPSel (checked: else the
 * executor's UNDEFINED): SP_EL0 (Linux's `current`), the thread ID
 * registers. */
static bool
emit_mrs (A64JitCtx *c, const A64JitInsn *ins, unsigned i)
{
  MdlJitAsm *a = c->a;
  uint32_t key = (ins->raw >> 5) & 0xffff;
  unsigned rt = ins->raw & 31;
  int32_t off;
  size_t slow;
  bool check_spsel = false;
  MdlX86Reg dst = RAX;

  if (key == A64_SYSREG_KEY (3, 3, 13, 0, 2))
    off = SOFF (tpidr_el0);
  else if (key == A64_SYSREG_KEY (3, 3, 13, 0, 3))
    off = SOFF (tpidrro_el0);
  else if (c->s->el == 1 && key == A64_SYSREG_KEY (3, 0, 13, 0, 4))
    off = SOFF (tpidr_el1);
  else if (c->s->el == 1 && key == A64_SYSREG_KEY (3, 0, 4, 1, 0)) {
    off = SOFF (sp_el);
    check_spsel = true;
  } else
    return false;
  if (!check_spsel) {
    mdl_x86_load (a, 8, false, RAX, ST, off);
    st_reg (c, RAX, rt, false);
    return true;
  }
  if (rt != 31)
    dst = dst_reg (c, rt);
  mdl_x86_cmp_m8_i (a, ST, SOFF (spsel), 0);
  slow = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
  if (rt != 31)
    mdl_x86_load (a, 8, false, dst, ST, off);
  defer_slow (c, &slow, 1, ins, i);
  mark_dirty (c, rt, false);
  return true;
}

/* One or two registers of @size bytes at the address in rcx, then
 * (@wb) the base register @rn (host register @base, its old value)
 * advanced by @off, then the loaded registers: a64_x_ldst_* do it in
 * this order.  @opc: 0 store, 1 load zero-extended, 2 load sign-extended
 * to 64 bits, 3 to 32.  The RAM window is checked for all the bytes at
 * once; anything else (another region, a device, the exclusive monitor
 * armed, alignment checking) is the executor's. */
/* ldar/stlr/ldxr/ldxp (@excl): the address must be aligned
 * (a64_check_align's fault is the executor's); ldxr and ldxp arm the
 * monitor as a64_x_ldst_excl does, with the virtual address (X[rn]: no
 * offset, no write-back) and the value (or both) read. */
typedef enum { LDST_PLAIN, LDST_ALIGNED, LDST_EXCL } LdstKind;

/* The register a store takes X[r] from: its cached host register, or
 * for XZR @zero (cleared where the value is needed: emit_value). */
static MdlX86Reg
value_reg (A64JitCtx *c, unsigned r, MdlX86Reg zero)
{
  return r == 31 ? zero : src_reg (c, r);
}

static void
emit_value (A64JitCtx *c, unsigned r, MdlX86Reg zero)
{
  if (r == 31)
    mdl_x86_mov_ri (c->a, zero, 0);
}

static void
emit_ldst_kind (A64JitCtx *c, const A64JitInsn *ins, unsigned i, unsigned size, unsigned opc,
                unsigned rt, int rt2, bool wb, unsigned rn, MdlX86Reg base, int32_t off,
                LdstKind kind)
{
  MdlJitAsm *a = c->a;
  bool store = opc == 0, direct;
  unsigned total = rt2 >= 0 ? 2 * size : size;
  size_t slow1 = 0, slow2 = 0, slow3 = 0, slow4 = 0, tlb_slow[9];
  unsigned n_tlb = 0;
  MdlX86Reg v1 = RAX, v2 = RAX, d1 = RAX, d2 = RDX;

  /* every register allocated before the first branch to the slow path */
  if (store) {
    v1 = value_reg (c, rt, RAX);
    if (rt2 >= 0)
      v2 = value_reg (c, (unsigned) rt2, RAX);
  } else {
    if (rt != 31)
      d1 = dst_reg (c, rt);
    if (rt2 >= 0 && rt2 != 31)
      d2 = dst_reg (c, (unsigned) rt2);
  }
  /* Loaded straight into the destinations, unless the base is one of
   * them and is still needed after the load: written back (a64_x_ldst_*
   * write the base first, so the loaded value wins) or the monitor's
   * address; then into rax and rdx, moved last. */
  direct = !store && !((wb || kind == LDST_EXCL) && (d1 == base || d2 == base));
  if (!direct) {
    d1 = RAX;
    d2 = RDX;
  }
  if (kind != LDST_PLAIN && total > 1) {
    mdl_x86_test_ri (a, false, RCX, (int32_t) total - 1);
    slow4 = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  }
  if (store)
    slow3 = emit_monitor_check (c, total, RCX);
  if (c->mmu)
    n_tlb = emit_tlb (c, store, total, tlb_slow);
  if (!(c->mmu && store)) {
    mdl_x86_alu_rm (a, MDL_X86_SUB, true, RCX, ST, store ? SOFF (st_base) : SOFF (ld_base));
    mdl_x86_alu_rm (a, MDL_X86_CMP, true, RCX, ST, store ? SOFF (st_size) : SOFF (ld_size));
    slow1 = mdl_x86_jcc_fwd (a, MDL_X86_CC_AE);
    mdl_x86_lea (a, RDX, RCX, (int32_t) total);
    mdl_x86_alu_rm (a, MDL_X86_CMP, true, RDX, ST, store ? SOFF (st_size) : SOFF (ld_size));
    slow2 = mdl_x86_jcc_fwd (a, MDL_X86_CC_A);
    mdl_x86_load (a, 8, false, RDX, ST, store ? SOFF (st_host) : SOFF (ld_host));
  }
  if (store) {
    emit_value (c, rt, RAX);
    mdl_x86_store_idx (a, size, v1, RDX, RCX);
    if (rt2 >= 0) {
      emit_value (c, (unsigned) rt2, RAX);
      mdl_x86_store_idx_disp (a, size, v2, RDX, RCX, (int32_t) size);
    }
  } else {
    bool sign = opc >= 2 && size < 8;

    mdl_x86_load_idx (a, size, sign, d1, RDX, RCX);
    if (opc == 3)
      mdl_x86_mov_rr (a, false, d1, d1);
    if (rt2 >= 0) /* (d2 may be rdx, the host base: loaded last) */
      mdl_x86_load_idx_disp (a, size, sign, d2, RDX, RCX, (int32_t) size);
  }
  if (wb)
    mdl_x86_lea (a, base, base, off);
  if (kind == LDST_EXCL) {
    mdl_x86_mov_ri (a, RCX, 1);
    mdl_x86_store (a, 1, RCX, ST, SOFF (excl_valid));
    mdl_x86_store (a, 8, base, ST, SOFF (excl_addr));
    mdl_x86_mov_ri (a, RCX, total);
    mdl_x86_store (a, 4, RCX, ST, SOFF (excl_size));
    mdl_x86_store (a, 8, d1, ST, SOFF (excl_val));
    if (rt2 >= 0)
      mdl_x86_store (a, 8, d2, ST, SOFF (excl_val) + 8);
    else {
      mdl_x86_alu_rr (a, MDL_X86_XOR, false, RCX, RCX);
      mdl_x86_store (a, 8, RCX, ST, SOFF (excl_val) + 8);
    }
  }
  if (!store && !direct) {
    if (rt != 31)
      mdl_x86_mov_rr (a, true, dst_reg (c, rt), RAX);
    if (rt2 >= 0 && rt2 != 31)
      mdl_x86_mov_rr (a, true, dst_reg (c, (unsigned) rt2), RDX);
  }
  if (!(c->mmu && store)) {
    tlb_slow[n_tlb++] = slow1;
    tlb_slow[n_tlb++] = slow2;
  }
  if (store)
    tlb_slow[n_tlb++] = slow3;
  if (kind != LDST_PLAIN && total > 1)
    tlb_slow[n_tlb++] = slow4;
  defer_slow (c, tlb_slow, n_tlb, ins, i);
  if (wb)
    mark_dirty (c, rn, true);
  if (!store) {
    mark_dirty (c, rt, false);
    if (rt2 >= 0)
      mark_dirty (c, (unsigned) rt2, false);
  }
}

/* stxr/stlxr/stxp/stlxp of one or two registers of @size bytes at the
 * address in rcx (X[rn]), as a64_x_ldst_excl does it: the alignment
 * check first (its fault is the executor's); a monitor that does not hold
 * this address and size fails without touching memory; else memory must
 * still hold what the exclusive load read (another core's store in
 * between changed it), through the TLB and the store window for all the
 * bytes (anything else is the executor's, from scratch: nothing was
 * changed yet), and the registers are stored.  Either way the monitor
 * is cleared and Ws gets 0 (stored) or 1. */
static void
emit_stxr (A64JitCtx *c, const A64JitInsn *ins, unsigned i, unsigned size, unsigned rt, int rt2,
           unsigned rs)
{
  MdlJitAsm *a = c->a;
  unsigned total = rt2 >= 0 ? 2 * size : size;
  size_t slow[8], fail[3], fail_mem[2], status;
  unsigned n_slow = 0;
  MdlX86Reg v1, v2 = RAX, ds = RAX;

  /* every register allocated before the first branch to the slow path */
  v1 = value_reg (c, rt, RAX);
  if (rt2 >= 0)
    v2 = value_reg (c, (unsigned) rt2, RAX);
  if (rs != 31)
    ds = dst_reg (c, rs);
  mdl_x86_test_ri (a, false, RCX, (int32_t) total - 1);
  slow[n_slow++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  mdl_x86_cmp_m8_i (a, ST, SOFF (excl_valid), 0);
  fail[0] = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
  mdl_x86_alu_rm (a, MDL_X86_CMP, true, RCX, ST, SOFF (excl_addr));
  fail[1] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  mdl_x86_alu_mi (a, MDL_X86_CMP, false, ST, SOFF (excl_size), (int32_t) total);
  fail[2] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  if (c->mmu)
    n_slow += emit_tlb (c, true, total, slow + n_slow);
  else
    n_slow += emit_st_window (c, total, slow + n_slow);
  mdl_x86_alu_rr (a, MDL_X86_ADD, true, RDX, RCX);
  /* rdx: the host address */
  mdl_x86_load (a, size, false, RAX, RDX, 0);
  mdl_x86_alu_rm (a, MDL_X86_CMP, true, RAX, ST, SOFF (excl_val));
  fail_mem[0] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  if (rt2 >= 0) {
    mdl_x86_load (a, size, false, RAX, RDX, (int32_t) size);
    mdl_x86_alu_rm (a, MDL_X86_CMP, true, RAX, ST, SOFF (excl_val) + 8);
    fail_mem[1] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  }
  emit_value (c, rt, RAX);
  mdl_x86_store (a, size, v1, RDX, 0);
  if (rt2 >= 0) {
    emit_value (c, (unsigned) rt2, RAX);
    mdl_x86_store (a, size, v2, RDX, (int32_t) size);
  }
  mdl_x86_alu_rr (a, MDL_X86_XOR, false, RAX, RAX);
  status = mdl_x86_jmp_fwd (a);
  for (unsigned k = 0; k < 3; k++)
    mdl_x86_bind (a, fail[k]);
  mdl_x86_bind (a, fail_mem[0]);
  if (rt2 >= 0)
    mdl_x86_bind (a, fail_mem[1]);
  mdl_x86_mov_ri (a, RAX, 1);
  mdl_x86_bind (a, status);
  mdl_x86_store_i8 (a, ST, SOFF (excl_valid), 0);
  if (rs != 31)
    mdl_x86_mov_rr (a, true, ds, RAX);
  defer_slow (c, slow, n_slow, ins, i);
  mark_dirty (c, rs, false);
}

static void
emit_ldst (A64JitCtx *c, const A64JitInsn *ins, unsigned i, unsigned size, unsigned opc,
           unsigned rt, int rt2, bool wb, unsigned rn, MdlX86Reg base, int32_t off)
{
  emit_ldst_kind (c, ins, i, size, opc, rt, rt2, wb, rn, base, off, LDST_PLAIN);
}

static bool
ldst_valid (unsigned size, unsigned opc)
{
  return !(opc == 3 && size >= 2) && !(opc == 2 && size == 3);
}

/* @addr = X[rn|SP] + @off (or, @post, X[rn|SP] alone); returns the host
 * register that holds X[rn|SP]. */
static MdlX86Reg
emit_addr (A64JitCtx *c, unsigned rn, int32_t off, bool post, MdlX86Reg addr)
{
  MdlX86Reg base = src_reg (c, rn);

  if (post || off == 0)
    mdl_x86_mov_rr (c->a, true, addr, base);
  else
    mdl_x86_lea (c->a, addr, base, off);
  return base;
}

static bool
emit_mem (A64JitCtx *c, const A64JitInsn *ins, unsigned i)
{
  uint32_t insn = ins->raw;
  A64ExecFn fn = exec_of (ins->op);
  unsigned size = insn >> 30, opc = (insn >> 22) & 3, rt = insn & 31, rn = (insn >> 5) & 31;
  MdlX86Reg base;

  if (c->align)
    return false;
  if (fn == a64_x_ldst_excl) {
    bool o2 = (insn >> 23) & 1, load = (insn >> 22) & 1, pair = (insn >> 21) & 1;

    /* ldar, stlr (ordinary accesses, aligned), the exclusive loads and
     * stores and their pairs; the pairs of bytes and halfwords are
     * UNDEFINED (the executor's), as are pairs with o2 */
    if (pair && (o2 || size < 2))
      return false;
    base = emit_addr (c, rn, 0, false, RCX);
    if (!o2 && !load)
      emit_stxr (c, ins, i, 1u << size, rt, pair ? (int) ((insn >> 10) & 31) : -1,
                 (insn >> 16) & 31);
    else
      emit_ldst_kind (c, ins, i, 1u << size, load ? 1 : 0, rt,
                      pair ? (int) ((insn >> 10) & 31) : -1, false, rn, base, 0,
                      o2 ? LDST_ALIGNED : LDST_EXCL);
    return true;
  }
  if (fn == a64_x_ldst_uimm) {
    if (!ldst_valid (size, opc))
      return false;
    base = emit_addr (c, rn, (int32_t) (((insn >> 10) & 0xfff) << size), false, RCX);
    emit_ldst (c, ins, i, 1u << size, opc, rt, -1, false, rn, base, 0);
    return true;
  }
  if (fn == a64_x_ldst_imm9) {
    unsigned form = (insn >> 10) & 3;
    int32_t off = (int32_t) sext ((insn >> 12) & 0x1ff, 9);

    if (!ldst_valid (size, opc) || form == 2)
      return false;
    base = emit_addr (c, rn, off, form == 1, RCX);
    emit_ldst (c, ins, i, 1u << size, opc, rt, -1, form != 0, rn, base, off);
    return true;
  }
  if (fn == a64_x_ldst_reg) {
    unsigned option = (insn >> 13) & 7, shift = (insn >> 12) & 1 ? size : 0;
    MdlX86Reg n, m;

    if (!(option & 2) || !ldst_valid (size, opc))
      return false;
    /* one lea, the index extended in rcx first unless it is X[rm] */
    n = rsrc (c, rn, true, RAX);
    m = rsrc (c, (insn >> 16) & 31, false, RCX);
    if ((option & 3) != 3) {
      emit_ext_to (c, option, 0, RCX, m);
      m = RCX;
    }
    mdl_x86_lea_idx (c->a, true, RCX, n, m, shift, 0);
    emit_ldst (c, ins, i, 1u << size, opc, rt, -1, false, rn, RAX, 0);
    return true;
  }
  if (fn == a64_x_ldst_pair) {
    unsigned popc = insn >> 30, index = (insn >> 23) & 3, psize = popc == 2 ? 8 : 4;
    bool load = (insn >> 22) & 1;
    int32_t off = (int32_t) sext ((insn >> 15) & 0x7f, 7) * (int32_t) psize;

    if (popc == 3 || (popc == 1 && (!load || index == 0)))
      return false;
    base = emit_addr (c, rn, off, index == 1, RCX);
    emit_ldst (c, ins, i, psize, !load ? 0 : popc == 1 ? 2 : 1, rt, (int) ((insn >> 10) & 31),
               index == 1 || index == 3, rn, base, off);
    return true;
  }
  return false;
}

/* ---- blocks ---- */

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
        skip = mdl_x86_jcc_fwd (c->a, (MdlX86Cond) (host_cc (cond, c->pending) ^ 1));
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
      taken = mdl_x86_jcc_fwd (c->a, (MdlX86Cond) host_cc (cond, c->pending));
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
    cc = emit_cond (c, cond);
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

    return bit_mask (sf, (insn >> 22) & 1, (insn >> 16) & 0x3f, op, &mask);
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
 * takes the flags from the host's (emit_flags); @live_after: NZCV is
 * read after it. */
static bool
fuses (const A64JitInsn *ins, bool live_after, int kind)
{
  A64ExecFn fn = exec_of (ins->op);

  if (fn == a64_x_bcond)
    return host_cc (ins->raw & 15, kind) >= 0;
  if (fn == a64_x_csel)
    return !live_after && pure_inline (ins) && host_cc ((ins->raw >> 12) & 15, kind) >= 0;
  if (fn == a64_x_ccmp)
    return pure_inline (ins) && host_cc ((ins->raw >> 12) & 15, kind) >= 0;
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
    done = emit_mrs (c, ins, i);
  else if (fn == a64_x_sys && (insn & 0xffffffe0) == 0xd50b7420 && c->s->el == 1) {
    emit_dc_zva (c, ins, i);
    done = true;
  } else if (fn == a64_x_addsub_imm)
    done = emit_addsub (c, insn, 0);
  else if (fn == a64_x_addsub_reg)
    done = emit_addsub (c, insn, 1);
  else if (fn == a64_x_addsub_ext)
    done = emit_addsub (c, insn, 2);
  else if (fn == a64_x_logic_imm)
    done = emit_logic (c, insn, true);
  else if (fn == a64_x_logic_reg)
    done = emit_logic (c, insn, false);
  else if (fn == a64_x_movw)
    done = emit_movw (c, insn);
  else if (fn == a64_x_adr) {
    uint64_t imm = sext (((insn >> 5) & 0x7ffff) << 2 | ((insn >> 29) & 3), 21);
    uint64_t v = insn >> 31 ? (ins->pc & ~UINT64_C (0xfff)) + (imm << 12) : ins->pc + imm;

    st_imm (c, insn & 31, v);
    done = true;
  } else if (fn == a64_x_bitfield)
    done = ((insn >> 29) & 3) == 1 ? emit_bfm (c, insn) : emit_bitfield (c, insn);
  else if (fn == a64_x_extr)
    done = emit_extr (c, insn);
  else if (fn == a64_x_csel)
    done = emit_csel (c, insn);
  else if (fn == a64_x_dp3 && (insn & 0x7fe00000) == 0x1b000000)
    done = emit_madd (c, insn);
  else if (fn == a64_x_dp2)
    done = emit_dp2 (c, insn);
  else if (fn == a64_x_dp1)
    done = emit_dp1 (c, insn);
  else if (fn == a64_x_adc)
    done = emit_adc (c, insn);
  else if (fn == a64_x_ccmp)
    done = emit_ccmp (c, insn);
  else
    done = emit_mem (c, ins, i);
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
