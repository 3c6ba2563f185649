/* The RISC-V frontend of the translating tier (docs/translator.md).
 *
 * rv_jit_run() is the class's run_translated: the interpreter's run loop
 * (riscv-exec.c) with blocks of translated code where it would have
 * dispatched one instruction at a time.  Everything the loop does between
 * instructions that may trap or change the mode (the check of RV_CHECK,
 * traps counted, interrupts taken) is the same code, so both tiers retire
 * the same instructions in the same order, account the same time before
 * every device access, and take interrupts at the same instruction.
 *
 * A block is straight-line code from one guest address, in one 4 KiB
 * page, up to the first jump or instruction that must leave (or
 * RV_JIT_MAX_INSNS; near the end of a run()'s budget, shorter: see
 * rv_jit_run).  Its first conditional branch (RV_JIT_SIDE_EXITS) is a
 * side exit: the block goes on with the way not taken, its registers
 * still cached, and only the taken way stores them and leaves.  What is
 * translated inline: the integer ALU of RV32I/RV64I (with the W forms),
 * M (but mulhsu on RV64), lui/auipc, branches and jal/jalr (with a
 * one-target inline cache), the RAM fast path of loads and stores (the
 * same window check as the executors), LR/SC and the AMOs on that window,
 * and F/D: loads, stores, moves and sign injection as bit operations,
 * everything that rounds or raises flags as a direct call of softfloat
 * (no host FPU anywhere).  Everything else — CSRs, system instructions,
 * a load or store outside the window, an F/D instruction that is
 * illegal — calls the interpreter's executor for that one instruction with
 * the exact count of instructions before it; when the executor returns
 * anything but the next address (a trap, RV_CHECK, a jump), or a flush
 * happened meanwhile, the block leaves with what it returned.
 *
 * The tier runs whenever no debugger breakpoint and no execute trigger
 * is armed, checked fetches (paging, the PMP) included: such a block is
 * made through the fetch's own translation, stays in its page, and is
 * valid while its region's epoch is unchanged or its pc still translates
 * to the same physical bytes (rv_jit_valid; docs/translator.md, "The
 * RISC-V frontend under paging").  Where a block cannot be made (a fetch
 * fault, an instruction across pages, device memory) the dispatcher
 * steps the interpreter, instruction by instruction, so the two mix
 * freely within one run().
 *
 * Self-modifying code: every block marks its physical bytes, and a store
 * there invalidates it (rv_code_written); the class's flush_code(), a
 * PMP change in a locked configuration and any change of the address
 * map forget every block.  fence.i has nothing left to do for blocks.
 */
#include "riscv-cpu.h"
#include "riscv-fp-regs.h"

#include <stddef.h>
#include <string.h>

#include "engine/jit-cache.h"
#include "engine/jit-regs.h"
#include "engine/machine.h"
#include "engine/softfloat.h"

#define RV_JIT_MAX_INSNS   64
/* Conditional branches a block runs on past (side exits); the next one
 * ends it.  One keeps most of what they gain in loops (medmark RV64:
 * 0.189 s with none, 0.164 s with one, 0.159 s with any number) without
 * what more cost cold code, whose blocks then repeat each other's tails
 * (the riscv64 Linux session: 1.60 s of CPU with none, 1.57 s with one,
 * 1.72 s with four, 1.87 s with any number). */
#define RV_JIT_SIDE_EXITS  1
/* Mode bits: the privilege level, and for the short blocks made for the
 * end of a budget their maximal length above this bit. */
#define RV_JIT_MODE_MAX_SHIFT 8
/* Fetches checked (rv_mmu_access): the pc is virtual below M. */
#define RV_JIT_MODE_CHECKED   (1u << 15)
/* Loads and stores translated (below M: satp's mode). */
#define RV_JIT_MODE_PAGED     (1u << 14)
#define RV_JIT_CODE_BYTES  (32u << 20)
#define RV_JIT_MAX_BLOCKS  65536

#define XOFF(r)  ((int32_t) (offsetof (RvCpu, x) + 8 * (unsigned) (r)))
#define SOFF(f)  ((int32_t) offsetof (RvCpu, f))

typedef struct {
  MdlJit    *jit;
  MdlJitAsm *a;
  RvCpu     *s;
  bool       w64;        /* RV64: 64-bit operations */
  /* Checked code below M: the block's epoch cell (rv_jit_run), which its
   * entry compares with its region's epoch. */
  uint32_t  *epoch_cell;
  int32_t    epoch_off;  /* of the region's epoch in the state */
  bool       tlb_probe;  /* loads and stores are paged */
  MdlJitRegs regs;       /* see "guest registers in host registers" */
  /* What the code emitted so far has established about mstatus.FS on
   * this path: not Off (an F/D instruction checked it), Dirty (one wrote
   * an f register).  Forgotten after a whole-instruction executor call,
   * the only code in a block that may change it otherwise. */
  bool       fs_on, fs_dirty;
} RvJitCtx;

typedef struct {
  RvDecoded dec;
  uint64_t  pc;
} RvJitInsn;

/* ---- guest registers in host registers ---------------------------------
 *
 * Within a block, guest registers live in a small pool of host registers
 * (caller-saved ones: the entry trampoline's registers stay untouched).
 * Which guest register is where, and which hold values not yet stored to
 * the CPU state (dirty), is known at translation time: the code is
 * straight-line but for the fast and slow paths of a load or store, which
 * end in the same state (the slow path stores the dirty registers before
 * it calls the executor and loads every cached register again after it,
 * as the call clobbers them).  Before a block leaves, and before an
 * executor is called for a whole instruction, the dirty registers are
 * stored; after such a call nothing is assumed cached.  x0 may be cached
 * too: as a register holding 0, never dirty.
 */

static const MdlX86Reg rv_jit_pool[] = {
  MDL_X86_RSI, MDL_X86_RDI, MDL_X86_R8, MDL_X86_R9, MDL_X86_R10, MDL_X86_R11,
};

static void
cache_store_dirty (RvJitCtx *c, bool clean)
{
  mdl_jit_regs_store_dirty (&c->regs, clean);
}

static void
cache_reload (RvJitCtx *c)
{
  mdl_jit_regs_reload (&c->regs);
}

static void
cache_forget (RvJitCtx *c)
{
  mdl_jit_regs_reset (&c->regs);
}

static MdlX86Reg
src (RvJitCtx *c, unsigned r)
{
  return mdl_jit_regs_src (&c->regs, r);
}

/* (not x0) */
static MdlX86Reg
dst_slot (RvJitCtx *c, unsigned r, bool dirty)
{
  return mdl_jit_regs_dst (&c->regs, r, dirty);
}

static MdlX86Reg
dst (RvJitCtx *c, unsigned r)
{
  return dst_slot (c, r, true);
}

/* ---- emitting ---------------------------------------------------------- */

/* Leaves the block after instruction @i returned something else than
 * expected (rax holds it): @i + 1 instructions were dispatched. */
static void
emit_leave_after (RvJitCtx *c, unsigned i)
{
  mdl_x86_lea (c->a, MDL_X86_COUNT, MDL_X86_COUNT, (int32_t) (i + 1));
  mdl_jit_emit_exit (c->jit, c->a);
}

/* Calls the interpreter's executor for instruction @i of the block (its
 * result in rax).  The dirty registers must be in the CPU state already.
 * False when the argument memory is full (the block is then given up). */
static bool
emit_executor (RvJitCtx *c, const RvJitInsn *ins, unsigned i)
{
  RvInsn *d = mdl_jit_alloc_data (c->jit, sizeof *d);

  if (d == NULL)
    return false;
  memset (d, 0, sizeof *d);
  d->pc = ins->pc;
  d->exec = rv_interp_exec_for (c->s, &ins->dec);
  d->imm = ins->dec.imm;
  d->raw = ins->dec.raw;
  d->rd = ins->dec.rd ? (uint8_t) ins->dec.rd : RV_REG_SINK;
  d->rs1 = (uint8_t) ins->dec.rs1;
  d->rs2 = (uint8_t) ins->dec.rs2;
  d->len = (uint8_t) ins->dec.len;
  d->op = ins->dec.op ? (uint16_t) ins->dec.op->op : RV_OP_ILLEGAL;

  mdl_x86_mov_rr (c->a, true, MDL_X86_RDI, MDL_X86_STATE);
  mdl_x86_mov_ri (c->a, MDL_X86_RSI, (uint64_t) (uintptr_t) d);
  mdl_x86_mov_ri (c->a, MDL_X86_RDX, ins->pc);
  mdl_x86_lea (c->a, MDL_X86_RCX, MDL_X86_COUNT, (int32_t) i);
  mdl_x86_call (c->a, (const void *) d->exec);
  return true;
}

static uint64_t rv_jit_look (RvCpu *s, uint64_t pc);

/* The same, then leaves unless it returned @next and nothing was flushed
 * meanwhile (a trap or a return from one with nothing for the loop to do
 * goes straight on to the handler's block, see below). */
static bool
emit_call_executor (RvJitCtx *c, const RvJitInsn *ins, unsigned i, uint64_t next)
{
  size_t go_on, differ, flushed, look, stale, leave;

  if (!emit_executor (c, ins, i))
    return false;
  mdl_x86_mov_ri (c->a, MDL_X86_RCX, next);
  mdl_x86_alu_rr (c->a, MDL_X86_CMP, true, MDL_X86_RAX, MDL_X86_RCX);
  differ = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
  mdl_x86_mov_ri (c->a, MDL_X86_RCX, (uint64_t) (uintptr_t) mdl_jit_stale_flag (c->jit));
  mdl_x86_cmp_m8_i (c->a, MDL_X86_RCX, 0, 0);
  go_on = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_E);
  /* Flushed meanwhile: back to the dispatcher, @i + 1 instructions
   * dispatched. */
  mdl_x86_lea (c->a, MDL_X86_COUNT, MDL_X86_COUNT, (int32_t) (i + 1));
  flushed = mdl_x86_jmp_fwd (c->a);

  /* Another address (rax): a trap, mret or sret, or RV_CHECK.  With
   * nothing for the loop to look at (RV_CHECK clear: the same mode, no
   * interrupt pending, no request to return) and no flush meanwhile, on
   * to the block there through an inline cache, as jalr does: the
   * dispatcher would have looked that block up and done nothing else. */
  mdl_x86_bind (c->a, differ);
  mdl_x86_lea (c->a, MDL_X86_COUNT, MDL_X86_COUNT, (int32_t) (i + 1));
  mdl_x86_mov_ri (c->a, MDL_X86_RCX, RV_CHECK);
  mdl_x86_test_rr (c->a, true, MDL_X86_RAX, MDL_X86_RCX);
  look = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
  mdl_x86_mov_ri (c->a, MDL_X86_RCX, (uint64_t) (uintptr_t) mdl_jit_stale_flag (c->jit));
  mdl_x86_cmp_m8_i (c->a, MDL_X86_RCX, 0, 0);
  stale = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
  if (!mdl_jit_emit_exit_indirect (c->jit, c->a))
    return false;
  /* RV_CHECK: when the loop's look would only find the next block (the
   * mode changed: a trap from U, a return to U), rv_jit_look finds it in
   * the new mode and the code jumps there; else the dispatcher looks. */
  mdl_x86_bind (c->a, look);
  mdl_x86_mov_rr (c->a, true, MDL_X86_RDI, MDL_X86_STATE);
  mdl_x86_mov_rr (c->a, true, MDL_X86_RSI, MDL_X86_RAX);
  mdl_x86_call (c->a, (const void *) rv_jit_look);
  mdl_x86_test_rr (c->a, true, MDL_X86_RAX, MDL_X86_RAX);
  leave = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
  mdl_x86_load (c->a, 8, false, MDL_X86_RCX, MDL_X86_STATE, SOFF (jit_next));
  mdl_x86_jmp_r (c->a, MDL_X86_RCX);
  mdl_x86_bind (c->a, leave);
  mdl_x86_bind (c->a, flushed);
  mdl_x86_bind (c->a, stale);
  mdl_jit_emit_exit (c->jit, c->a);
  mdl_x86_bind (c->a, go_on);
  return true;
}

/* The end of a block at a known guest address (the dirty registers
 * stored already): count the block's instructions, go on through a
 * chain slot (a taken branch need not look at exit_request, unlike
 * rv_jump: mdl_jit_emit_block_end). */
static void
emit_block_end (RvJitCtx *c, unsigned n, uint64_t target)
{
  mdl_jit_emit_block_end (c->jit, c->a, n, target);
}

/* Paged: the TLB entry of the page of the address in rax, as the
 * executors' slow halves (rv_load_slow, rv_store_slow) find it before
 * they call anything: the tag of this access type's key, RAM, the access
 * within the page.  On a hit the window becomes that page, as there,
 * and rdx + rcx is the host address; any other case jumps to the
 * executor (@miss: its fixups).  Nothing is written before every check
 * passed. */
#define TLBOFF(acc, f) \
  ((int32_t) (offsetof (RvCpu, tlb) + (acc) * RV_TLB_SIZE * sizeof (RvTlbEntry) \
              + offsetof (RvTlbEntry, f)))

static unsigned
emit_tlb_probe (RvJitCtx *c, bool store, unsigned size, size_t *miss)
{
  MdlJitAsm *a = c->a;
  RvAccess acc = store ? RV_ACC_STORE : RV_ACC_LOAD;
  unsigned n = 0;

  mdl_x86_cmp_m8_i (a, MDL_X86_STATE, SOFF (trig_data), 0);
  miss[n++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  mdl_x86_mov_rr (a, false, MDL_X86_RCX, MDL_X86_RAX);
  mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RCX, 0xfff);
  mdl_x86_alu_ri (a, MDL_X86_CMP, false, MDL_X86_RCX, (int32_t) (RV_PAGE_SIZE - size));
  miss[n++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_A);
  /* rcx = the entry's offset from the state (24-byte entries) */
  mdl_x86_mov_rr (a, true, MDL_X86_RCX, MDL_X86_RAX);
  mdl_x86_shift_ri (a, MDL_X86_SHR, true, MDL_X86_RCX, 12);
  mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RCX, RV_TLB_SIZE - 1);
  mdl_x86_mov_ri (a, MDL_X86_RDX, sizeof (RvTlbEntry));
  mdl_x86_imul_rr (a, true, MDL_X86_RCX, MDL_X86_RDX);
  mdl_x86_alu_rr (a, MDL_X86_ADD, true, MDL_X86_RCX, MDL_X86_STATE);
  mdl_x86_mov_rr (a, true, MDL_X86_RDX, MDL_X86_RAX);
  mdl_x86_alu_ri (a, MDL_X86_AND, true, MDL_X86_RDX, (int32_t) RV_PAGE_MASK);
  mdl_x86_alu_rm (a, MDL_X86_OR, true, MDL_X86_RDX, MDL_X86_STATE, SOFF (tlb_key[acc]));
  mdl_x86_alu_rm (a, MDL_X86_CMP, true, MDL_X86_RDX, MDL_X86_RCX, TLBOFF (acc, vpage));
  miss[n++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  mdl_x86_load (a, 8, false, MDL_X86_RDX, MDL_X86_RCX, TLBOFF (acc, host));
  mdl_x86_test_rr (a, true, MDL_X86_RDX, MDL_X86_RDX);
  miss[n++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
  /* a hit: the window is this page from now on */
  mdl_x86_mov_rr (a, false, MDL_X86_RCX, MDL_X86_RAX);
  mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RCX, 0xfff);
  mdl_x86_alu_ri (a, MDL_X86_AND, true, MDL_X86_RAX, (int32_t) RV_PAGE_MASK);
  mdl_x86_store (a, 8, MDL_X86_RAX, MDL_X86_STATE, store ? SOFF (st_base) : SOFF (ld_base));
  mdl_x86_store (a, 8, MDL_X86_RDX, MDL_X86_STATE, store ? SOFF (st_host) : SOFF (ld_host));
  mdl_x86_mov_ri (a, MDL_X86_RAX, RV_PAGE_SIZE - 7);
  mdl_x86_store (a, 8, MDL_X86_RAX, MDL_X86_STATE, store ? SOFF (st_limit) : SOFF (ld_limit));
  return n;
}

/* The address in rax: rcx = its offset in the window of the access
 * type, rdx = the window's host base; returns the jump taken when the
 * address is outside the window.  Shared by every load, store and atomic,
 * as is the TLB probe that follows it when paged. */
static size_t
emit_window_check (RvJitCtx *c, bool store)
{
  size_t outside;

  mdl_x86_mov_rr (c->a, true, MDL_X86_RCX, MDL_X86_RAX);
  mdl_x86_alu_rm (c->a, MDL_X86_SUB, true, MDL_X86_RCX, MDL_X86_STATE,
                  store ? SOFF (st_base) : SOFF (ld_base));
  mdl_x86_alu_rm (c->a, MDL_X86_CMP, true, MDL_X86_RCX, MDL_X86_STATE,
                  store ? SOFF (st_limit) : SOFF (ld_limit));
  outside = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_AE);
  mdl_x86_load (c->a, 8, false, MDL_X86_RDX, MDL_X86_STATE,
                store ? SOFF (st_host) : SOFF (ld_host));
  return outside;
}

/* What a load or store does once its host address is rdx + rcx. */
typedef struct RvJitAccess RvJitAccess;
struct RvJitAccess {
  const RvDecoded *dec;
  unsigned  size;
  bool      sign, store;
  MdlX86Reg value, rd;   /* integer ones: rs2's and rd's registers */
  void    (*emit) (RvJitCtx *c, const RvJitAccess *acc);
};

/* A load or store from x[@base] + imm: @acc's access on the window's
 * fast path and, when paged, again after a TLB hit; the executor for
 * everything else (the dirty registers stored on that path only). */
static bool
emit_windowed (RvJitCtx *c, const RvJitInsn *ins, unsigned i, uint64_t next, MdlX86Reg base,
               const RvJitAccess *acc)
{
  size_t slow, done, done2 = 0, miss[4];
  unsigned n_miss = 0;

  mdl_x86_mov_rr (c->a, c->w64, MDL_X86_RAX, base);
  if (ins->dec.imm)
    mdl_x86_alu_ri (c->a, MDL_X86_ADD, c->w64, MDL_X86_RAX, ins->dec.imm);
  slow = emit_window_check (c, acc->store);
  acc->emit (c, acc);
  done = mdl_x86_jmp_fwd (c->a);
  mdl_x86_bind (c->a, slow);
  if (c->tlb_probe) {
    n_miss = emit_tlb_probe (c, acc->store, acc->size, miss);
    acc->emit (c, acc);
    done2 = mdl_x86_jmp_fwd (c->a);
    for (unsigned k = 0; k < n_miss; k++)
      mdl_x86_bind (c->a, miss[k]);
  }
  cache_store_dirty (c, false);
  if (!emit_call_executor (c, ins, i, next))
    return false;
  cache_reload (c);
  mdl_x86_bind (c->a, done);
  if (c->tlb_probe)
    mdl_x86_bind (c->a, done2);
  return true;
}

static void
emit_mem_access (RvJitCtx *c, const RvJitAccess *acc)
{
  if (acc->store)
    mdl_x86_store_idx (c->a, acc->size, acc->value, MDL_X86_RDX, MDL_X86_RCX);
  else if (acc->dec->rd != 0) {
    mdl_x86_load_idx (c->a, acc->size, acc->sign, acc->rd, MDL_X86_RDX, MDL_X86_RCX);
    if (!c->w64 && acc->sign && acc->size < 8)
      mdl_x86_mov_rr (c->a, false, acc->rd, acc->rd);
  }
}

/* A load or store: the window check inline, the executor otherwise. */
static bool
emit_mem (RvJitCtx *c, const RvJitInsn *ins, unsigned i, uint64_t next, unsigned size,
          bool sign, bool store)
{
  const RvDecoded *dec = &ins->dec;
  MdlX86Reg base = src (c, dec->rs1);
  RvJitAccess acc = {
    .dec = dec, .size = size, .sign = sign, .store = store,
    .value = store ? src (c, dec->rs2) : MDL_X86_RAX, .rd = MDL_X86_RAX,
    .emit = emit_mem_access,
  };

  /* rd's register is chosen before the paths split, without a value yet
   * (not dirty: the slow path must not store it before the executor
   * runs, which leaves rd alone when it traps). */
  if (!store && dec->rd != 0)
    acc.rd = dst_slot (c, dec->rd, false);
  if (!emit_windowed (c, ins, i, next, base, &acc))
    return false;
  if (!store && dec->rd != 0)
    dst (c, dec->rd);
  return true;
}

/* rd = rs1 OP imm, or with @reg rs1 OP rs2; @w32: an RV64 W form. */
static void
emit_alu (RvJitCtx *c, const RvDecoded *dec, MdlX86Alu op, bool reg, bool w32)
{
  bool w = c->w64 && !w32;
  MdlX86Reg s1, s2 = MDL_X86_RAX, d;

  if (dec->rd == 0)
    return;
  if (!reg && !w32 && dec->rs1 == 0) {
    /* li (and ori/xori from x0): a constant; andi from x0: 0 */
    d = dst (c, dec->rd);
    mdl_x86_mov_ri (c->a, d, op == MDL_X86_AND ? 0
                                               : (uint64_t) (int64_t) dec->imm
                                                 & rv_xmask (c->s));
    return;
  }
  s1 = src (c, dec->rs1);
  if (reg)
    s2 = src (c, dec->rs2);
  d = dst (c, dec->rd);
  if (reg && d == s2 && d != s1) {
    mdl_x86_mov_rr (c->a, true, MDL_X86_RAX, s1);
    mdl_x86_alu_rr (c->a, op, w, MDL_X86_RAX, s2);
    mdl_x86_mov_rr (c->a, true, d, MDL_X86_RAX);
  } else {
    if (d != s1)
      mdl_x86_mov_rr (c->a, true, d, s1);
    if (reg)
      mdl_x86_alu_rr (c->a, op, w, d, s2);
    else
      mdl_x86_alu_ri (c->a, op, w, d, dec->imm);
  }
  if (w32)
    mdl_x86_movsxd (c->a, d, d);
}

static void
emit_shift (RvJitCtx *c, const RvDecoded *dec, MdlX86Shift op, bool reg, bool w32)
{
  bool w = c->w64 && !w32;
  MdlX86Reg s1, d;

  if (dec->rd == 0)
    return;
  s1 = src (c, dec->rs1);
  if (reg)
    mdl_x86_mov_rr (c->a, false, MDL_X86_RCX, src (c, dec->rs2));
  d = dst (c, dec->rd);
  if (d != s1)
    mdl_x86_mov_rr (c->a, true, d, s1);
  if (reg)
    mdl_x86_shift_cl (c->a, op, w, d);   /* masks as RISC-V does */
  else
    mdl_x86_shift_ri (c->a, op, w, d, (uint8_t) (dec->imm & (w ? 63 : 31)));
  if (w32)
    mdl_x86_movsxd (c->a, d, d);
}

static void
emit_set (RvJitCtx *c, const RvDecoded *dec, MdlX86Cond cc, bool reg)
{
  MdlX86Reg s1;

  if (dec->rd == 0)
    return;
  s1 = src (c, dec->rs1);
  if (reg)
    mdl_x86_alu_rr (c->a, MDL_X86_CMP, c->w64, s1, src (c, dec->rs2));
  else
    mdl_x86_alu_ri (c->a, MDL_X86_CMP, c->w64, s1, dec->imm);
  mdl_x86_setcc (c->a, cc, MDL_X86_RAX);
  mdl_x86_mov_rr (c->a, true, dst (c, dec->rd), MDL_X86_RAX);
}

/* M: the low half of a product is the same signed or not. */
static void
emit_mul (RvJitCtx *c, const RvDecoded *dec, bool w32)
{
  bool w = c->w64 && !w32;
  MdlX86Reg s1, s2, d;

  if (dec->rd == 0)
    return;
  s1 = src (c, dec->rs1);
  s2 = src (c, dec->rs2);
  d = dst (c, dec->rd);
  if (d == s2)
    mdl_x86_imul_rr (c->a, w, d, s1);
  else {
    if (d != s1)
      mdl_x86_mov_rr (c->a, true, d, s1);
    mdl_x86_imul_rr (c->a, w, d, s2);
  }
  if (w32)
    mdl_x86_movsxd (c->a, d, d);
}

/* The high half: on RV32 from one 64-bit product of the operands
 * extended as the instruction says; on RV64 from rdx after a one-operand
 * mul or imul (mulhsu on RV64 stays with the executor). */
static void
emit_mulh (RvJitCtx *c, const RvDecoded *dec, RvOp op)
{
  MdlX86Reg s1, s2;

  if (dec->rd == 0)
    return;
  s1 = src (c, dec->rs1);
  s2 = src (c, dec->rs2);
  if (!c->w64) {
    if (op != RV_OP_MULHU)
      mdl_x86_movsxd (c->a, MDL_X86_RAX, s1);
    else
      mdl_x86_mov_rr (c->a, false, MDL_X86_RAX, s1);
    if (op == RV_OP_MULH)
      mdl_x86_movsxd (c->a, MDL_X86_RCX, s2);
    else
      mdl_x86_mov_rr (c->a, false, MDL_X86_RCX, s2);
    mdl_x86_imul_rr (c->a, true, MDL_X86_RAX, MDL_X86_RCX);
    mdl_x86_shift_ri (c->a, op == RV_OP_MULHU ? MDL_X86_SHR : MDL_X86_SAR, true, MDL_X86_RAX,
                      32);
    mdl_x86_mov_rr (c->a, false, dst (c, dec->rd), MDL_X86_RAX);
    return;
  }
  mdl_x86_mov_rr (c->a, true, MDL_X86_RAX, s1);
  mdl_x86_unary (c->a, op == RV_OP_MULHU ? MDL_X86_MUL : MDL_X86_IMUL1, true, s2);
  mdl_x86_mov_rr (c->a, true, dst (c, dec->rd), MDL_X86_RDX);
}

/* Division never traps: by zero the quotient is all ones and the
 * remainder the dividend; by -1 (signed) the quotient is the negated
 * dividend (MIN stays MIN, as RISC-V wants) and the remainder 0, which
 * also keeps idiv away from its one overflow. */
static void
emit_div (RvJitCtx *c, const RvDecoded *dec, bool sign, bool rem, bool w32)
{
  bool w = c->w64 && !w32;
  size_t by_zero, by_minus1 = 0, done1, done2 = 0;
  MdlX86Reg d;

  if (dec->rd == 0)
    return;
  mdl_x86_mov_rr (c->a, true, MDL_X86_RAX, src (c, dec->rs1));
  mdl_x86_mov_rr (c->a, true, MDL_X86_RCX, src (c, dec->rs2));
  d = dst (c, dec->rd);
  mdl_x86_test_rr (c->a, w, MDL_X86_RCX, MDL_X86_RCX);
  by_zero = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_E);
  if (sign) {
    mdl_x86_alu_ri (c->a, MDL_X86_CMP, w, MDL_X86_RCX, -1);
    by_minus1 = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_E);
    mdl_x86_sign_ax (c->a, w);
    mdl_x86_unary (c->a, MDL_X86_IDIV, w, MDL_X86_RCX);
  } else {
    mdl_x86_alu_rr (c->a, MDL_X86_XOR, false, MDL_X86_RDX, MDL_X86_RDX);
    mdl_x86_unary (c->a, MDL_X86_DIV, w, MDL_X86_RCX);
  }
  if (rem)
    mdl_x86_mov_rr (c->a, w, MDL_X86_RAX, MDL_X86_RDX);
  done1 = mdl_x86_jmp_fwd (c->a);
  if (sign) {
    mdl_x86_bind (c->a, by_minus1);
    if (rem)
      mdl_x86_alu_rr (c->a, MDL_X86_XOR, false, MDL_X86_RAX, MDL_X86_RAX);
    else
      mdl_x86_unary (c->a, MDL_X86_NEG, w, MDL_X86_RAX);
    done2 = mdl_x86_jmp_fwd (c->a);
  }
  mdl_x86_bind (c->a, by_zero);
  if (!rem)
    mdl_x86_mov_ri (c->a, MDL_X86_RAX, w ? UINT64_MAX : UINT32_MAX);
  mdl_x86_bind (c->a, done1);
  if (sign)
    mdl_x86_bind (c->a, done2);
  /* 32-bit results: zero-extended on RV32 (for the remainder by zero,
   * the dividend already is), sign-extended for the W forms. */
  if (w32)
    mdl_x86_movsxd (c->a, d, MDL_X86_RAX);
  else
    mdl_x86_mov_rr (c->a, c->w64, d, MDL_X86_RAX);
}

/* ---- F and D ------------------------------------------------------------
 *
 * Results and flags must be the bits softfloat gives whatever the host's
 * floating-point state (its rounding mode, flush-to-zero, what the host
 * does with NaNs), so nothing here computes with the host FPU:
 *   - loads, stores, moves and sign injection are bit operations, done
 *     inline (NaN-boxing included: a single operand not boxed reads as
 *     the canonical NaN);
 *   - everything that rounds, compares or raises flags calls a helper
 *     below, which is the executor's body without its dispatch: the same
 *     softfloat routine with the same status, the registers read and
 *     written, the flags accrued and FS made Dirty by the executors' own
 *     helpers (riscv-fp-regs.h).  The block checks what
 *     the executor would check first (FS not Off, a rounding mode that
 *     is not reserved) and calls the executor itself when it fails, which
 *     raises the illegal-instruction exception and leaves.
 * A static rounding mode is a constant of the call; a dynamic one is
 * read from frm at run time (a write of frm is an executor call, and so
 * may come between two instructions of a block). */

#define FOFF(r) ((int32_t) (offsetof (RvCpu, f) + 8 * (unsigned) (r)))
/* mstatus.FS within the byte at mstatus + 1 (little-endian host). */
#define RV_JIT_FS_BYTE_MASK 0x60

/* A helper's operands, one 32-bit argument: rd, rs1, rs2, rs3 and the
 * rounding mode (resolved: never dynamic). */
#define FO_RD(o)    ((o) & 31)
#define FO_RS1(o)   (((o) >> 5) & 31)
#define FO_RS2(o)   (((o) >> 10) & 31)
#define FO_RS3(o)   (((o) >> 15) & 31)
#define FO_RM(o)    ((o) >> 20)
#define FO_RM_SHIFT 20

#define JIT_FP2(name, bits, fn)                                                                    \
  static void rv_jit_##name (RvCpu *s, uint32_t o)                                                 \
  {                                                                                                \
    MdlFpStatus st = rv_fp_status (FO_RM (o));                                                     \
    uint##bits##_t a = rv_f##bits##_get (s, FO_RS1 (o));                                           \
    uint##bits##_t r = fn (&st, a, rv_f##bits##_get (s, FO_RS2 (o)));                            \
                                                                                                   \
    rv_f##bits##_set (s, FO_RD (o), r);                                                            \
    rv_fp_accrue (s, &st);                                                                         \
  }

#define JIT_FUSED(name, bits, neg_product, neg_addend)                                             \
  static void rv_jit_##name (RvCpu *s, uint32_t o)                                                 \
  {                                                                                                \
    MdlFpStatus st = rv_fp_status (FO_RM (o));                                                     \
    uint##bits##_t a = rv_f##bits##_get (s, FO_RS1 (o));                                           \
    uint##bits##_t b = rv_f##bits##_get (s, FO_RS2 (o));                                           \
    uint##bits##_t c = rv_f##bits##_get (s, FO_RS3 (o));                                           \
                                                                                                   \
    if (neg_product)                                                                               \
      a = rv_f##bits##_neg (a);                                                                    \
    if (neg_addend)                                                                                \
      c = rv_f##bits##_neg (c);                                                                    \
    rv_f##bits##_set (s, FO_RD (o), mdl_f##bits##_muladd (&st, a, b, c));                          \
    rv_fp_accrue (s, &st);                                                                         \
  }

/* Writes x[rd] (the block passes rd 0 as no write). */
#define JIT_FCMP(name, bits, fn)                                                                   \
  static void rv_jit_##name (RvCpu *s, uint32_t o)                                                 \
  {                                                                                                \
    MdlFpStatus st = rv_fp_status (FO_RM (o));                                                     \
    bool r = fn (&st, rv_f##bits##_get (s, FO_RS1 (o)), rv_f##bits##_get (s, FO_RS2 (o)));         \
                                                                                                   \
    if (FO_RD (o))                                                                                 \
      s->x[FO_RD (o)] = r;                                                                         \
    rv_fp_accrue (s, &st);                                                                         \
  }

#define JIT_FP1(name, out, in, fn)                                                                 \
  static void rv_jit_##name (RvCpu *s, uint32_t o)                                                 \
  {                                                                                                \
    MdlFpStatus st = rv_fp_status (FO_RM (o));                                                     \
                                                                                                   \
    rv_f##out##_set (s, FO_RD (o), fn (&st, rv_f##in##_get (s, FO_RS1 (o))));                      \
    rv_fp_accrue (s, &st);                                                                         \
  }

/* To an integer: the 32-bit results sign-extended to XLEN. */
#define JIT_F2I(name, bits, fn, w32)                                                               \
  static void rv_jit_##name (RvCpu *s, uint32_t o)                                                 \
  {                                                                                                \
    MdlFpStatus st = rv_fp_status (FO_RM (o));                                                     \
    uint64_t r = (uint64_t) fn (&st, rv_f##bits##_get (s, FO_RS1 (o)), st.round);                  \
                                                                                                   \
    if (w32)                                                                                       \
      r = (uint64_t) (int64_t) (int32_t) r & rv_xmask (s);                                         \
    if (FO_RD (o))                                                                                 \
      s->x[FO_RD (o)] = r;                                                                         \
    rv_fp_accrue (s, &st);                                                                         \
  }

#define JIT_I2F(name, bits, fn, type)                                                              \
  static void rv_jit_##name (RvCpu *s, uint32_t o)                                                 \
  {                                                                                                \
    MdlFpStatus st = rv_fp_status (FO_RM (o));                                                     \
                                                                                                   \
    rv_f##bits##_set (s, FO_RD (o), fn (&st, (type) s->x[FO_RS1 (o)]));                            \
    rv_fp_accrue (s, &st);                                                                         \
  }

// clang-format off
JIT_FP2 (fadd_s, 32, mdl_f32_add)
JIT_FP2 (fsub_s, 32, mdl_f32_sub)
JIT_FP2 (fmul_s, 32, mdl_f32_mul)
JIT_FP2 (fdiv_s, 32, mdl_f32_div)
JIT_FP2 (fadd_d, 64, mdl_f64_add)
JIT_FP2 (fsub_d, 64, mdl_f64_sub)
JIT_FP2 (fmul_d, 64, mdl_f64_mul)
JIT_FP2 (fdiv_d, 64, mdl_f64_div)
JIT_FP2 (fmin_s, 32, mdl_f32_min_num)
JIT_FP2 (fmax_s, 32, mdl_f32_max_num)
JIT_FP2 (fmin_d, 64, mdl_f64_min_num)
JIT_FP2 (fmax_d, 64, mdl_f64_max_num)
JIT_FUSED (fmadd_s,  32, false, false)
JIT_FUSED (fmsub_s,  32, false, true)
JIT_FUSED (fnmsub_s, 32, true,  false)
JIT_FUSED (fnmadd_s, 32, true,  true)
JIT_FUSED (fmadd_d,  64, false, false)
JIT_FUSED (fmsub_d,  64, false, true)
JIT_FUSED (fnmsub_d, 64, true,  false)
JIT_FUSED (fnmadd_d, 64, true,  true)
JIT_FCMP (feq_s, 32, mdl_f32_eq)
JIT_FCMP (flt_s, 32, mdl_f32_lt)
JIT_FCMP (fle_s, 32, mdl_f32_le)
JIT_FCMP (feq_d, 64, mdl_f64_eq)
JIT_FCMP (flt_d, 64, mdl_f64_lt)
JIT_FCMP (fle_d, 64, mdl_f64_le)
JIT_FP1 (fsqrt_s, 32, 32, mdl_f32_sqrt)
JIT_FP1 (fsqrt_d, 64, 64, mdl_f64_sqrt)
JIT_FP1 (fcvt_s_d, 32, 64, mdl_f64_to_f32)
JIT_FP1 (fcvt_d_s, 64, 32, mdl_f32_to_f64)
JIT_F2I (fcvt_w_s, 32, mdl_f32_to_i32, true)
JIT_F2I (fcvt_wu_s, 32, mdl_f32_to_u32, true)
JIT_F2I (fcvt_l_s, 32, mdl_f32_to_i64, false)
JIT_F2I (fcvt_lu_s, 32, mdl_f32_to_u64, false)
JIT_F2I (fcvt_w_d, 64, mdl_f64_to_i32, true)
JIT_F2I (fcvt_wu_d, 64, mdl_f64_to_u32, true)
JIT_F2I (fcvt_l_d, 64, mdl_f64_to_i64, false)
JIT_F2I (fcvt_lu_d, 64, mdl_f64_to_u64, false)
JIT_I2F (fcvt_s_w, 32, mdl_i32_to_f32, int32_t)
JIT_I2F (fcvt_s_wu, 32, mdl_u32_to_f32, uint32_t)
JIT_I2F (fcvt_s_l, 32, mdl_i64_to_f32, int64_t)
JIT_I2F (fcvt_s_lu, 32, mdl_u64_to_f32, uint64_t)
JIT_I2F (fcvt_d_w, 64, mdl_i32_to_f64, int32_t)
JIT_I2F (fcvt_d_wu, 64, mdl_u32_to_f64, uint32_t)
JIT_I2F (fcvt_d_l, 64, mdl_i64_to_f64, int64_t)
JIT_I2F (fcvt_d_lu, 64, mdl_u64_to_f64, uint64_t)
// clang-format on

static void
rv_jit_fclass_s (RvCpu *s, uint32_t o)
{
  if (FO_RD (o))
    s->x[FO_RD (o)] = mdl_f32_classify (rv_f32_get (s, FO_RS1 (o)));
}

static void
rv_jit_fclass_d (RvCpu *s, uint32_t o)
{
  if (FO_RD (o))
    s->x[FO_RD (o)] = mdl_f64_classify (rv_f64_get (s, FO_RS1 (o)));
}

#undef JIT_FP2
#undef JIT_FUSED
#undef JIT_FCMP
#undef JIT_FP1
#undef JIT_F2I
#undef JIT_I2F

typedef void (*RvJitFpFn) (RvCpu *s, uint32_t o);

/* The helper of an F/D operation, and whether it has a rounding mode
 * (whose reserved values make it illegal); NULL: not one of them. */
static RvJitFpFn
fp_helper (RvOp op, bool *has_rm)
{
  *has_rm = true;
  switch (op) {
  case RV_OP_FADD_S: return rv_jit_fadd_s;
  case RV_OP_FSUB_S: return rv_jit_fsub_s;
  case RV_OP_FMUL_S: return rv_jit_fmul_s;
  case RV_OP_FDIV_S: return rv_jit_fdiv_s;
  case RV_OP_FADD_D: return rv_jit_fadd_d;
  case RV_OP_FSUB_D: return rv_jit_fsub_d;
  case RV_OP_FMUL_D: return rv_jit_fmul_d;
  case RV_OP_FDIV_D: return rv_jit_fdiv_d;
  case RV_OP_FMADD_S: return rv_jit_fmadd_s;
  case RV_OP_FMSUB_S: return rv_jit_fmsub_s;
  case RV_OP_FNMSUB_S: return rv_jit_fnmsub_s;
  case RV_OP_FNMADD_S: return rv_jit_fnmadd_s;
  case RV_OP_FMADD_D: return rv_jit_fmadd_d;
  case RV_OP_FMSUB_D: return rv_jit_fmsub_d;
  case RV_OP_FNMSUB_D: return rv_jit_fnmsub_d;
  case RV_OP_FNMADD_D: return rv_jit_fnmadd_d;
  case RV_OP_FSQRT_S: return rv_jit_fsqrt_s;
  case RV_OP_FSQRT_D: return rv_jit_fsqrt_d;
  case RV_OP_FCVT_S_D: return rv_jit_fcvt_s_d;
  case RV_OP_FCVT_D_S: return rv_jit_fcvt_d_s;
  case RV_OP_FCVT_W_S: return rv_jit_fcvt_w_s;
  case RV_OP_FCVT_WU_S: return rv_jit_fcvt_wu_s;
  case RV_OP_FCVT_L_S: return rv_jit_fcvt_l_s;
  case RV_OP_FCVT_LU_S: return rv_jit_fcvt_lu_s;
  case RV_OP_FCVT_W_D: return rv_jit_fcvt_w_d;
  case RV_OP_FCVT_WU_D: return rv_jit_fcvt_wu_d;
  case RV_OP_FCVT_L_D: return rv_jit_fcvt_l_d;
  case RV_OP_FCVT_LU_D: return rv_jit_fcvt_lu_d;
  case RV_OP_FCVT_S_W: return rv_jit_fcvt_s_w;
  case RV_OP_FCVT_S_WU: return rv_jit_fcvt_s_wu;
  case RV_OP_FCVT_S_L: return rv_jit_fcvt_s_l;
  case RV_OP_FCVT_S_LU: return rv_jit_fcvt_s_lu;
  case RV_OP_FCVT_D_W: return rv_jit_fcvt_d_w;
  case RV_OP_FCVT_D_WU: return rv_jit_fcvt_d_wu;
  case RV_OP_FCVT_D_L: return rv_jit_fcvt_d_l;
  case RV_OP_FCVT_D_LU: return rv_jit_fcvt_d_lu;
  default: break;
  }
  *has_rm = false;
  switch (op) {
  case RV_OP_FMIN_S: return rv_jit_fmin_s;
  case RV_OP_FMAX_S: return rv_jit_fmax_s;
  case RV_OP_FMIN_D: return rv_jit_fmin_d;
  case RV_OP_FMAX_D: return rv_jit_fmax_d;
  case RV_OP_FEQ_S: return rv_jit_feq_s;
  case RV_OP_FLT_S: return rv_jit_flt_s;
  case RV_OP_FLE_S: return rv_jit_fle_s;
  case RV_OP_FEQ_D: return rv_jit_feq_d;
  case RV_OP_FLT_D: return rv_jit_flt_d;
  case RV_OP_FLE_D: return rv_jit_fle_d;
  case RV_OP_FCLASS_S: return rv_jit_fclass_s;
  case RV_OP_FCLASS_D: return rv_jit_fclass_d;
  default: return NULL;
  }
}

/* Whether an F/D operation's result goes to an x register. */
static bool
fp_writes_x (RvOp op)
{
  switch (op) {
  case RV_OP_FEQ_S: case RV_OP_FLT_S: case RV_OP_FLE_S: case RV_OP_FCLASS_S:
  case RV_OP_FEQ_D: case RV_OP_FLT_D: case RV_OP_FLE_D: case RV_OP_FCLASS_D:
  case RV_OP_FCVT_W_S: case RV_OP_FCVT_WU_S: case RV_OP_FCVT_L_S: case RV_OP_FCVT_LU_S:
  case RV_OP_FCVT_W_D: case RV_OP_FCVT_WU_D: case RV_OP_FCVT_L_D: case RV_OP_FCVT_LU_D:
    return true;
  default:
    return false;
  }
}

/* The way out when the executor must decide (FS Off, a reserved rounding
 * mode: it raises the illegal-instruction exception): @bad are the jumps
 * here.  The dirty registers are stored on this path only. */
static bool
emit_fp_bad (RvJitCtx *c, const RvJitInsn *ins, unsigned i, const size_t *bad, unsigned n_bad)
{
  size_t over;

  if (n_bad == 0)
    return true;
  over = mdl_x86_jmp_fwd (c->a);
  for (unsigned k = 0; k < n_bad; k++)
    mdl_x86_bind (c->a, bad[k]);
  cache_store_dirty (c, false);
  if (!emit_executor (c, ins, i))
    return false;
  emit_leave_after (c, i);
  mdl_x86_bind (c->a, over);
  return true;
}

/* Jumps to @bad unless mstatus.FS is on (once per block while nothing
 * could have turned it off since). */
static void
emit_fs_check (RvJitCtx *c, size_t *bad, unsigned *n_bad)
{
  if (c->fs_on)
    return;
  mdl_x86_test_m8_i (c->a, MDL_X86_STATE, SOFF (mstatus) + 1, RV_JIT_FS_BYTE_MASK);
  bad[(*n_bad)++] = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_E);
}

/* What the code after an F/D instruction knows (its checks passed). */
static void
fs_known (RvJitCtx *c, bool dirty)
{
  c->fs_on = true;
  if (dirty)
    c->fs_dirty = true;
}

static void
emit_fs_dirty (RvJitCtx *c)
{
  if (!c->fs_dirty)
    mdl_x86_alu_mi (c->a, MDL_X86_OR, false, MDL_X86_STATE, SOFF (mstatus),
                    (int32_t) RV_MSTATUS_FS_DIRTY);
}

/* An F/D operation through its helper. */
static bool
emit_fp_call (RvJitCtx *c, const RvJitInsn *ins, unsigned i, RvJitFpFn fn, bool has_rm,
              bool writes_f)
{
  const RvDecoded *dec = &ins->dec;
  unsigned rm = has_rm ? (unsigned) dec->imm & 7 : 0;
  uint32_t ops = dec->rd | dec->rs1 << 5 | dec->rs2 << 10 | ((unsigned) dec->imm >> 3 & 31) << 15;
  size_t bad[2];
  unsigned n_bad = 0;

  cache_store_dirty (c, true);
  cache_forget (c);
  emit_fs_check (c, bad, &n_bad);
  if (rm == 7) {
    mdl_x86_load (c->a, 1, false, MDL_X86_RCX, MDL_X86_STATE, SOFF (frm));
    mdl_x86_alu_ri (c->a, MDL_X86_CMP, false, MDL_X86_RCX, MDL_FP_RMM);
    bad[n_bad++] = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_A);
  }
  mdl_x86_mov_rr (c->a, true, MDL_X86_RDI, MDL_X86_STATE);
  if (rm == 7) {
    mdl_x86_mov_rr (c->a, false, MDL_X86_RSI, MDL_X86_RCX);
    mdl_x86_shift_ri (c->a, MDL_X86_SHL, false, MDL_X86_RSI, FO_RM_SHIFT);
    mdl_x86_alu_ri (c->a, MDL_X86_OR, false, MDL_X86_RSI, (int32_t) ops);
  } else
    mdl_x86_mov_ri (c->a, MDL_X86_RSI, ops | rm << FO_RM_SHIFT);
  mdl_x86_call (c->a, (const void *) fn);
  if (!emit_fp_bad (c, ins, i, bad, n_bad))
    return false;
  fs_known (c, writes_f);
  return true;
}

/* rax = the single in f[@r] as an operand: its low half when boxed,
 * else the canonical NaN (zero-extended either way; rdx clobbered). */
static void
emit_f32_operand (RvJitCtx *c, MdlX86Reg dst, unsigned r)
{
  size_t boxed;

  mdl_x86_load (c->a, 8, false, dst, MDL_X86_STATE, FOFF (r));
  mdl_x86_mov_rr (c->a, true, MDL_X86_RDX, dst);
  mdl_x86_shift_ri (c->a, MDL_X86_SHR, true, MDL_X86_RDX, 32);
  mdl_x86_alu_ri (c->a, MDL_X86_CMP, false, MDL_X86_RDX, -1);
  boxed = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_E);
  mdl_x86_mov_ri (c->a, dst, MDL_F32_DEFAULT_NAN);
  mdl_x86_bind (c->a, boxed);
  mdl_x86_mov_rr (c->a, false, dst, dst);
}

/* f[rd] = rax, boxed first for a single (rcx clobbered). */
static void
emit_f_result (RvJitCtx *c, unsigned rd, bool single)
{
  if (single) {
    mdl_x86_mov_ri (c->a, MDL_X86_RCX, RV_F32_BOX);
    mdl_x86_alu_rr (c->a, MDL_X86_OR, true, MDL_X86_RAX, MDL_X86_RCX);
  }
  mdl_x86_store (c->a, 8, MDL_X86_RAX, MDL_X86_STATE, FOFF (rd));
  emit_fs_dirty (c);
}

/* fsgnj, fsgnjn, fsgnjx (and so fmv, fneg, fabs): bit operations. */
static bool
emit_fsgnj (RvJitCtx *c, const RvJitInsn *ins, unsigned i, bool single, int kind)
{
  const RvDecoded *dec = &ins->dec;
  size_t bad[1];
  unsigned n_bad = 0;
  bool same = dec->rs1 == dec->rs2;

  emit_fs_check (c, bad, &n_bad);
  if (!emit_fp_bad (c, ins, i, bad, n_bad))
    return false;
  if (single) {
    emit_f32_operand (c, MDL_X86_RAX, dec->rs1);
    if (!same)
      emit_f32_operand (c, MDL_X86_RCX, dec->rs2);
    else
      mdl_x86_mov_rr (c->a, false, MDL_X86_RCX, MDL_X86_RAX);
    if (kind == 1)
      mdl_x86_unary (c->a, MDL_X86_NOT, false, MDL_X86_RCX);
    mdl_x86_alu_ri (c->a, MDL_X86_AND, false, MDL_X86_RCX, INT32_MIN);
    if (kind != 2)
      mdl_x86_alu_ri (c->a, MDL_X86_AND, false, MDL_X86_RAX, INT32_MAX);
    mdl_x86_alu_rr (c->a, kind == 2 ? MDL_X86_XOR : MDL_X86_OR, false, MDL_X86_RAX, MDL_X86_RCX);
  } else {
    mdl_x86_load (c->a, 8, false, MDL_X86_RAX, MDL_X86_STATE, FOFF (dec->rs1));
    if (!same)
      mdl_x86_load (c->a, 8, false, MDL_X86_RCX, MDL_X86_STATE, FOFF (dec->rs2));
    else
      mdl_x86_mov_rr (c->a, true, MDL_X86_RCX, MDL_X86_RAX);
    if (kind == 1)
      mdl_x86_unary (c->a, MDL_X86_NOT, true, MDL_X86_RCX);
    mdl_x86_shift_ri (c->a, MDL_X86_SHR, true, MDL_X86_RCX, 63);
    mdl_x86_shift_ri (c->a, MDL_X86_SHL, true, MDL_X86_RCX, 63);
    if (kind != 2) {
      mdl_x86_shift_ri (c->a, MDL_X86_SHL, true, MDL_X86_RAX, 1);
      mdl_x86_shift_ri (c->a, MDL_X86_SHR, true, MDL_X86_RAX, 1);
    }
    mdl_x86_alu_rr (c->a, kind == 2 ? MDL_X86_XOR : MDL_X86_OR, true, MDL_X86_RAX, MDL_X86_RCX);
  }
  emit_f_result (c, dec->rd, single);
  fs_known (c, true);
  return true;
}

/* fmv.x.w, fmv.x.d, fmv.w.x, fmv.d.x: moves of bits (fmv.x.w sign-
 * extends the low half, boxed or not). */
static bool
emit_fmv (RvJitCtx *c, const RvJitInsn *ins, unsigned i, bool to_x, bool single)
{
  const RvDecoded *dec = &ins->dec;
  size_t bad[1];
  unsigned n_bad = 0;

  emit_fs_check (c, bad, &n_bad);
  if (!emit_fp_bad (c, ins, i, bad, n_bad))
    return false;
  if (to_x) {
    if (dec->rd != 0)
      mdl_x86_load (c->a, single ? 4 : 8, single && c->w64, dst (c, dec->rd), MDL_X86_STATE,
                    FOFF (dec->rs1));
    fs_known (c, false);
    return true;
  }
  mdl_x86_mov_rr (c->a, !single, MDL_X86_RAX, src (c, dec->rs1));
  emit_f_result (c, dec->rd, single);
  fs_known (c, true);
  return true;
}

static void
emit_fmem_access (RvJitCtx *c, const RvJitAccess *acc)
{
  /* rdx + rcx: the host address */
  mdl_x86_alu_rr (c->a, MDL_X86_ADD, true, MDL_X86_RDX, MDL_X86_RCX);
  if (acc->store) {
    mdl_x86_load (c->a, acc->size, false, MDL_X86_RCX, MDL_X86_STATE, FOFF (acc->dec->rs2));
    mdl_x86_store (c->a, acc->size, MDL_X86_RCX, MDL_X86_RDX, 0);
  } else {
    mdl_x86_load (c->a, acc->size, false, MDL_X86_RAX, MDL_X86_RDX, 0);
    if (acc->size == 4) {
      mdl_x86_mov_ri (c->a, MDL_X86_RCX, RV_F32_BOX);
      mdl_x86_alu_rr (c->a, MDL_X86_OR, true, MDL_X86_RAX, MDL_X86_RCX);
    }
    mdl_x86_store (c->a, 8, MDL_X86_RAX, MDL_X86_STATE, FOFF (acc->dec->rd));
  }
}

/* flw, fld, fsw, fsd: the window check inline (after the TLB probe when
 * paged), the executor otherwise, as for the integer ones. */
static bool
emit_fmem (RvJitCtx *c, const RvJitInsn *ins, unsigned i, uint64_t next, unsigned size, bool store)
{
  RvJitAccess acc = {
    .dec = &ins->dec, .size = size, .store = store, .emit = emit_fmem_access,
  };
  size_t bad[1];
  unsigned n_bad = 0;

  emit_fs_check (c, bad, &n_bad);
  if (!emit_fp_bad (c, ins, i, bad, n_bad))
    return false;
  if (!emit_windowed (c, ins, i, next, src (c, ins->dec.rs1), &acc))
    return false;
  if (!store)
    emit_fs_dirty (c);
  fs_known (c, !store);
  return true;
}

/* ---- A --------------------------------------------------------------
 *
 * LR, SC and the AMOs on the data window (after the TLB probe when
 * paged), checked as their executors check before touching anything:
 * natural alignment, then the window of the access type the executor
 * uses (the store window for SC and the AMOs, which need write
 * permission and fault as stores).  Anything else is the executor's,
 * from scratch, since nothing was changed before the checks passed.
 * Like the executors (rv_next_checked) they leave when run() was asked
 * to stop. */

typedef enum {
  RV_JIT_AMO_SWAP, RV_JIT_AMO_ADD, RV_JIT_AMO_XOR, RV_JIT_AMO_AND, RV_JIT_AMO_OR,
  RV_JIT_AMO_MIN, RV_JIT_AMO_MAX, RV_JIT_AMO_MINU, RV_JIT_AMO_MAXU,
  RV_JIT_LR, RV_JIT_SC,
} RvJitAtomic;

static bool
emit_atomic (RvJitCtx *c, const RvJitInsn *ins, unsigned i, uint64_t next, unsigned size,
             RvJitAtomic kind)
{
  const RvDecoded *dec = &ins->dec;
  bool store = kind != RV_JIT_LR, w = size == 8;
  MdlX86Reg base = src (c, dec->rs1);
  MdlX86Reg value = kind != RV_JIT_LR ? src (c, dec->rs2) : MDL_X86_RAX;
  MdlX86Reg rd = MDL_X86_RAX;
  size_t slow[2], access, miss[4], done, go_on;
  unsigned n_slow = 0, n_miss = 0;

  if (dec->rd != 0)
    rd = dst_slot (c, dec->rd, false);
  mdl_x86_mov_rr (c->a, true, MDL_X86_RAX, base);
  mdl_x86_mov_rr (c->a, false, MDL_X86_RCX, MDL_X86_RAX);
  mdl_x86_alu_ri (c->a, MDL_X86_AND, false, MDL_X86_RCX, (int32_t) size - 1);
  slow[n_slow++] = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
  slow[n_slow++] = emit_window_check (c, store);
  if (c->tlb_probe) {
    access = mdl_x86_jmp_fwd (c->a);
    mdl_x86_bind (c->a, slow[1]);
    n_slow = 1;
    n_miss = emit_tlb_probe (c, store, size, miss);
    mdl_x86_bind (c->a, access);
    /* the probe left the page's base in rax */
    mdl_x86_mov_rr (c->a, true, MDL_X86_RAX, base);
  }
  mdl_x86_alu_rr (c->a, MDL_X86_ADD, true, MDL_X86_RDX, MDL_X86_RCX);

  if (kind == RV_JIT_LR) {
    mdl_x86_load (c->a, size, true, MDL_X86_RCX, MDL_X86_RDX, 0);
    mdl_x86_store_i8 (c->a, MDL_X86_STATE, SOFF (resv_valid), 1);
    mdl_x86_mov_ri (c->a, MDL_X86_RDX, size);
    mdl_x86_store (c->a, sizeof c->s->resv_size, MDL_X86_RDX, MDL_X86_STATE, SOFF (resv_size));
    mdl_x86_store (c->a, 8, MDL_X86_RAX, MDL_X86_STATE, SOFF (resv_addr));
    mdl_x86_store (c->a, 8, MDL_X86_RCX, MDL_X86_STATE, SOFF (resv_value));
    if (dec->rd != 0)
      mdl_x86_mov_rr (c->a, c->w64, rd, MDL_X86_RCX);
  } else if (kind == RV_JIT_SC) {
    size_t fail[3], fail2, ok_done;

    mdl_x86_cmp_m8_i (c->a, MDL_X86_STATE, SOFF (resv_valid), 0);
    fail[0] = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_E);
    mdl_x86_alu_rm (c->a, MDL_X86_CMP, true, MDL_X86_RAX, MDL_X86_STATE, SOFF (resv_addr));
    fail[1] = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
    mdl_x86_alu_mi (c->a, MDL_X86_CMP, false, MDL_X86_STATE, SOFF (resv_size), (int32_t) size);
    fail[2] = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
    mdl_x86_store_i8 (c->a, MDL_X86_STATE, SOFF (resv_valid), 0);
    /* another hart may have stored there since: the value must be the
     * one LR read */
    mdl_x86_load (c->a, size, true, MDL_X86_RCX, MDL_X86_RDX, 0);
    mdl_x86_alu_rm (c->a, MDL_X86_CMP, true, MDL_X86_RCX, MDL_X86_STATE, SOFF (resv_value));
    fail2 = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
    mdl_x86_store (c->a, size, value, MDL_X86_RDX, 0);
    mdl_x86_alu_rr (c->a, MDL_X86_XOR, false, MDL_X86_RAX, MDL_X86_RAX);
    ok_done = mdl_x86_jmp_fwd (c->a);
    for (unsigned k = 0; k < 3; k++)
      mdl_x86_bind (c->a, fail[k]);
    mdl_x86_store_i8 (c->a, MDL_X86_STATE, SOFF (resv_valid), 0);
    mdl_x86_bind (c->a, fail2);
    mdl_x86_mov_ri (c->a, MDL_X86_RAX, 1);
    mdl_x86_bind (c->a, ok_done);
    if (dec->rd != 0)
      mdl_x86_mov_rr (c->a, true, rd, MDL_X86_RAX);
  } else {
    /* old in rax (sign-extended from the access size), the new value in
     * rcx; computed at the access size */
    mdl_x86_load (c->a, size, true, MDL_X86_RAX, MDL_X86_RDX, 0);
    mdl_x86_mov_rr (c->a, true, MDL_X86_RCX, value);
    switch (kind) {
    case RV_JIT_AMO_ADD: mdl_x86_alu_rr (c->a, MDL_X86_ADD, w, MDL_X86_RCX, MDL_X86_RAX); break;
    case RV_JIT_AMO_XOR: mdl_x86_alu_rr (c->a, MDL_X86_XOR, w, MDL_X86_RCX, MDL_X86_RAX); break;
    case RV_JIT_AMO_AND: mdl_x86_alu_rr (c->a, MDL_X86_AND, w, MDL_X86_RCX, MDL_X86_RAX); break;
    case RV_JIT_AMO_OR:  mdl_x86_alu_rr (c->a, MDL_X86_OR, w, MDL_X86_RCX, MDL_X86_RAX); break;
    case RV_JIT_AMO_MIN:
    case RV_JIT_AMO_MAX:
    case RV_JIT_AMO_MINU:
    case RV_JIT_AMO_MAXU: {
      /* keep the new value unless old wins */
      static const MdlX86Cond keep[] = {
        [RV_JIT_AMO_MIN] = MDL_X86_CC_GE, [RV_JIT_AMO_MAX] = MDL_X86_CC_LE,
        [RV_JIT_AMO_MINU] = MDL_X86_CC_AE, [RV_JIT_AMO_MAXU] = MDL_X86_CC_BE,
      };
      size_t skip;

      mdl_x86_alu_rr (c->a, MDL_X86_CMP, w, MDL_X86_RAX, MDL_X86_RCX);
      skip = mdl_x86_jcc_fwd (c->a, keep[kind]);
      mdl_x86_mov_rr (c->a, true, MDL_X86_RCX, MDL_X86_RAX);
      mdl_x86_bind (c->a, skip);
      break;
    }
    default: break;
    }
    mdl_x86_store (c->a, size, MDL_X86_RCX, MDL_X86_RDX, 0);
    if (dec->rd != 0)
      mdl_x86_mov_rr (c->a, c->w64, rd, MDL_X86_RAX);
  }
  done = mdl_x86_jmp_fwd (c->a);
  for (unsigned k = 0; k < n_slow; k++)
    mdl_x86_bind (c->a, slow[k]);
  for (unsigned k = 0; k < n_miss; k++)
    mdl_x86_bind (c->a, miss[k]);
  cache_store_dirty (c, false);
  if (!emit_call_executor (c, ins, i, next))
    return false;
  cache_reload (c);
  mdl_x86_bind (c->a, done);
  if (dec->rd != 0)
    dst (c, dec->rd);
  /* rv_next_checked */
  mdl_x86_cmp_m8_i (c->a, MDL_X86_STATE, SOFF (cpu.exit_request), 0);
  go_on = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_E);
  cache_store_dirty (c, false);
  mdl_x86_mov_ri (c->a, MDL_X86_RAX, next | RV_CHECK);
  emit_leave_after (c, i);
  mdl_x86_bind (c->a, go_on);
  return true;
}

static bool
is_branch (RvOp op, MdlX86Cond *cc)
{
  switch (op) {
  case RV_OP_BEQ: *cc = MDL_X86_CC_E; return true;
  case RV_OP_BNE: *cc = MDL_X86_CC_NE; return true;
  case RV_OP_BLT: *cc = MDL_X86_CC_L; return true;
  case RV_OP_BGE: *cc = MDL_X86_CC_GE; return true;
  case RV_OP_BLTU: *cc = MDL_X86_CC_B; return true;
  case RV_OP_BGEU: *cc = MDL_X86_CC_AE; return true;
  default: return false;
  }
}

/* Whether a CSR instruction may change what the block's own later
 * instructions mean (satp, the PMP, mstatus: the fetch's translation, or
 * its key): it then ends the block.  Reads (csrrs/csrrc from x0 or 0),
 * and writes of the FP CSRs and the trap handlers' plain ones do not, so
 * that `csrr` of a counter, the trap entry's scratch swap and FP code
 * stay in one block; the executor still leaves when it asks the loop to
 * look (RV_CHECK). */
static bool
csr_ends_block (const RvDecoded *dec, RvOp op)
{
  unsigned csr = (unsigned) dec->imm & 0xfff;

  if ((op == RV_OP_CSRRS || op == RV_OP_CSRRC || op == RV_OP_CSRRSI || op == RV_OP_CSRRCI)
      && dec->rs1 == 0)
    return false;
  /* fflags, frm, fcsr; the scratch, epc, cause and tval of S and M */
  return !((csr >= 0x001 && csr <= 0x003) || (csr >= 0x140 && csr <= 0x143)
           || (csr >= 0x340 && csr <= 0x343));
}

/* A plain CSR (the trap handlers' scratch, epc, cause and tval) that
 * the block's mode may reach, read (csrrs, csrrc, csrrsi or csrrci that
 * writes nothing) or written (csrrw): loads and a store, as its executor
 * does (no time to account, no side effect, no exception), and after a
 * write the executor's look at a request to return.  False for any
 * other instruction. */
static bool
emit_csr_plain (RvJitCtx *c, const RvJitInsn *ins, unsigned i, RvOp op)
{
  const RvDecoded *dec = &ins->dec;
  unsigned csr = (unsigned) dec->imm & 0xfff;
  uint64_t wmask;
  uint64_t *field;
  int32_t off;
  size_t go_on;

  if (op != RV_OP_CSRRW
      && ((op != RV_OP_CSRRS && op != RV_OP_CSRRC && op != RV_OP_CSRRSI && op != RV_OP_CSRRCI)
          || dec->rs1 != 0))
    return false;
  field = rv_csr_plain (c->s, csr, &wmask);
  /* The block runs only in the mode it was translated in (its key). */
  if (field == NULL || c->s->priv < ((csr >> 8) & 3))
    return false;
  off = (int32_t) ((char *) field - (char *) c->s);
  if (op != RV_OP_CSRRW) {
    if (dec->rd != 0)
      mdl_x86_load (c->a, 8, false, dst (c, dec->rd), MDL_X86_STATE, off);
    return true;
  }

  /* Registers hold XLEN-masked values already; rs1 before rd is set. */
  mdl_x86_load (c->a, 8, false, MDL_X86_RAX, MDL_X86_STATE, off);
  mdl_x86_mov_rr (c->a, true, MDL_X86_RCX, src (c, dec->rs1));
  if (wmask != UINT64_MAX)
    mdl_x86_alu_ri (c->a, MDL_X86_AND, true, MDL_X86_RCX, (int32_t) (int64_t) wmask);
  mdl_x86_store (c->a, 8, MDL_X86_RCX, MDL_X86_STATE, off);
  if (dec->rd != 0)
    mdl_x86_mov_rr (c->a, true, dst (c, dec->rd), MDL_X86_RAX);
  mdl_x86_cmp_m8_i (c->a, MDL_X86_STATE, SOFF (cpu.exit_request), 0);
  go_on = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_E);
  cache_store_dirty (c, false);
  mdl_x86_lea (c->a, MDL_X86_COUNT, MDL_X86_COUNT, (int32_t) (i + 1));
  mdl_x86_mov_ri (c->a, MDL_X86_RAX, ((ins->pc + dec->len) & rv_xmask (c->s)) | RV_CHECK);
  mdl_jit_emit_exit (c->jit, c->a);
  mdl_x86_bind (c->a, go_on);
  return true;
}

/* A read of mstatus (csrrs, csrrc, csrrsi or csrrci that writes
 * nothing) in a block of M, which trap handlers make to save it: what
 * rv_exec_csrr_mstatus does (SD from FS, on RV64 the fixed UXL and SXL),
 * inline.  False for any other instruction. */
static bool
emit_csr_mstatus_read (RvJitCtx *c, const RvJitInsn *ins, RvOp op)
{
  const RvDecoded *dec = &ins->dec;
  size_t clean;

  if ((op != RV_OP_CSRRS && op != RV_OP_CSRRC && op != RV_OP_CSRRSI && op != RV_OP_CSRRCI)
      || dec->rs1 != 0 || ((unsigned) dec->imm & 0xfff) != 0x300)
    return false;
  /* The block runs only in the mode it was translated in (its key). */
  if (c->s->priv != RV_PRIV_M)
    return false;
  if (dec->rd == 0)
    return true;
  mdl_x86_load (c->a, 8, false, MDL_X86_RAX, MDL_X86_STATE, SOFF (mstatus));
  mdl_x86_mov_rr (c->a, true, MDL_X86_RCX, MDL_X86_RAX);
  mdl_x86_alu_ri (c->a, MDL_X86_AND, true, MDL_X86_RCX, (int32_t) RV_MSTATUS_FS);
  mdl_x86_alu_ri (c->a, MDL_X86_CMP, true, MDL_X86_RCX, (int32_t) RV_MSTATUS_FS_DIRTY);
  clean = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
  mdl_x86_mov_ri (c->a, MDL_X86_RCX, UINT64_C (1) << (c->s->xlen - 1));
  mdl_x86_alu_rr (c->a, MDL_X86_OR, true, MDL_X86_RAX, MDL_X86_RCX);
  mdl_x86_bind (c->a, clean);
  if (c->s->xlen == 32)
    mdl_x86_mov_rr (c->a, false, MDL_X86_RAX, MDL_X86_RAX); /* the upper half cleared */
  else {
    mdl_x86_mov_ri (c->a, MDL_X86_RCX, UINT64_C (2) << 32 | UINT64_C (2) << 34);
    mdl_x86_alu_rr (c->a, MDL_X86_OR, true, MDL_X86_RAX, MDL_X86_RCX);
  }
  mdl_x86_mov_rr (c->a, true, dst (c, dec->rd), MDL_X86_RAX);
  return true;
}

/* A conditional branch: a side exit, up to RV_JIT_SIDE_EXITS a block. */
static bool
is_cond_branch (const RvDecoded *dec)
{
  MdlX86Cond cc;

  return dec->op != NULL && is_branch (dec->op->op, &cc);
}

/* Instructions after which a block stops: they jump, or (the system
 * ones) always leave through the loop's check anyway. */
static bool
ends_block (const RvDecoded *dec)
{
  RvOp op = dec->op ? dec->op->op : RV_OP_ILLEGAL;

  switch (op) {
  case RV_OP_ILLEGAL:
  case RV_OP_JAL: case RV_OP_JALR:
  case RV_OP_FENCE_I: case RV_OP_ECALL: case RV_OP_EBREAK:
  case RV_OP_MRET: case RV_OP_SRET: case RV_OP_WFI: case RV_OP_SFENCE_VMA:
    return true;
  case RV_OP_CSRRW: case RV_OP_CSRRS: case RV_OP_CSRRC:
  case RV_OP_CSRRWI: case RV_OP_CSRRSI: case RV_OP_CSRRCI:
    return csr_ends_block (dec, op);
  default:
    return false;
  }
}

/* Emits instruction @i of @n; false when the block cannot be finished
 * (argument memory full). */
static bool
emit_insn (RvJitCtx *c, const RvJitInsn *ins, unsigned i, unsigned n)
{
  const RvDecoded *dec = &ins->dec;
  uint64_t mask = rv_xmask (c->s);
  uint64_t next = (ins->pc + dec->len) & mask;
  RvOp op = dec->op ? dec->op->op : RV_OP_ILLEGAL;
  MdlX86Cond cc;

  if (is_branch (op, &cc)) {
    size_t taken;
    uint64_t target = (ins->pc + (uint64_t) (int64_t) dec->imm) & mask;

    MdlX86Reg s1 = src (c, dec->rs1);
    MdlX86Reg s2 = dec->rs2 == 0 ? s1 : src (c, dec->rs2);
    bool side_exit = i + 1 < n;

    /* At the block's last instruction both ways leave, so the dirty
     * registers are stored first (stores keep the flags, but they go
     * before the compare all the same).  Before that the branch is a
     * side exit: the block goes on with the way not taken, its
     * registers still cached and still dirty, and only the way out
     * stores them. */
    if (!side_exit)
      cache_store_dirty (c, true);
    if (dec->rs2 == 0)
      mdl_x86_alu_ri (c->a, MDL_X86_CMP, c->w64, s1, 0);
    else
      mdl_x86_alu_rr (c->a, MDL_X86_CMP, c->w64, s1, s2);
    if (side_exit) {
      size_t fall = mdl_x86_jcc_fwd (c->a, (MdlX86Cond) (cc ^ 1));

      cache_store_dirty (c, false);
      emit_block_end (c, i + 1, target);
      mdl_x86_bind (c->a, fall);
      return true;
    }
    taken = mdl_x86_jcc_fwd (c->a, cc);
    emit_block_end (c, n, next);
    mdl_x86_bind (c->a, taken);
    emit_block_end (c, n, target);
    return true;
  }
  if (emit_csr_plain (c, ins, i, op) || emit_csr_mstatus_read (c, ins, op))
    return true;

  switch (op) {
  case RV_OP_LUI:
  case RV_OP_AUIPC:
    if (dec->rd != 0) {
      uint64_t v = ((uint64_t) (int64_t) dec->imm + (op == RV_OP_AUIPC ? ins->pc : 0)) & mask;

      mdl_x86_mov_ri (c->a, dst (c, dec->rd), v);
    }
    return true;

  case RV_OP_JAL: {
    uint64_t target = (ins->pc + (uint64_t) (int64_t) dec->imm) & mask;

    if (dec->rd != 0)
      mdl_x86_mov_ri (c->a, dst (c, dec->rd), next);
    cache_store_dirty (c, true);
    emit_block_end (c, n, target);
    return true;
  }

  case RV_OP_JALR: {
    /* The target first: rd may be rs1. */
    mdl_x86_mov_rr (c->a, c->w64, MDL_X86_RAX, src (c, dec->rs1));
    if (dec->imm)
      mdl_x86_alu_ri (c->a, MDL_X86_ADD, c->w64, MDL_X86_RAX, dec->imm);
    mdl_x86_alu_ri (c->a, MDL_X86_AND, c->w64, MDL_X86_RAX, -2);
    if (dec->rd != 0)
      mdl_x86_mov_ri (c->a, dst (c, dec->rd), next);
    cache_store_dirty (c, true);
    mdl_x86_lea (c->a, MDL_X86_COUNT, MDL_X86_COUNT, (int32_t) n);
    return mdl_jit_emit_exit_indirect (c->jit, c->a);
  }

  case RV_OP_MUL:  emit_mul (c, dec, false); return true;
  case RV_OP_MULW: emit_mul (c, dec, true); return true;
  case RV_OP_MULH:
  case RV_OP_MULHU:
  case RV_OP_MULHSU:
    if (c->w64 && op == RV_OP_MULHSU)
      break;
    emit_mulh (c, dec, op);
    return true;
  case RV_OP_DIV:   emit_div (c, dec, true, false, false); return true;
  case RV_OP_DIVU:  emit_div (c, dec, false, false, false); return true;
  case RV_OP_REM:   emit_div (c, dec, true, true, false); return true;
  case RV_OP_REMU:  emit_div (c, dec, false, true, false); return true;
  case RV_OP_DIVW:  emit_div (c, dec, true, false, true); return true;
  case RV_OP_DIVUW: emit_div (c, dec, false, false, true); return true;
  case RV_OP_REMW:  emit_div (c, dec, true, true, true); return true;
  case RV_OP_REMUW: emit_div (c, dec, false, true, true); return true;

  case RV_OP_ADDI:  emit_alu (c, dec, MDL_X86_ADD, false, false); return true;
  case RV_OP_XORI:  emit_alu (c, dec, MDL_X86_XOR, false, false); return true;
  case RV_OP_ORI:   emit_alu (c, dec, MDL_X86_OR, false, false); return true;
  case RV_OP_ANDI:  emit_alu (c, dec, MDL_X86_AND, false, false); return true;
  case RV_OP_ADD:   emit_alu (c, dec, MDL_X86_ADD, true, false); return true;
  case RV_OP_SUB:   emit_alu (c, dec, MDL_X86_SUB, true, false); return true;
  case RV_OP_XOR:   emit_alu (c, dec, MDL_X86_XOR, true, false); return true;
  case RV_OP_OR:    emit_alu (c, dec, MDL_X86_OR, true, false); return true;
  case RV_OP_AND:   emit_alu (c, dec, MDL_X86_AND, true, false); return true;
  case RV_OP_ADDIW: emit_alu (c, dec, MDL_X86_ADD, false, true); return true;
  case RV_OP_ADDW:  emit_alu (c, dec, MDL_X86_ADD, true, true); return true;
  case RV_OP_SUBW:  emit_alu (c, dec, MDL_X86_SUB, true, true); return true;
  case RV_OP_SLTI:  emit_set (c, dec, MDL_X86_CC_L, false); return true;
  case RV_OP_SLTIU: emit_set (c, dec, MDL_X86_CC_B, false); return true;
  case RV_OP_SLT:   emit_set (c, dec, MDL_X86_CC_L, true); return true;
  case RV_OP_SLTU:  emit_set (c, dec, MDL_X86_CC_B, true); return true;
  case RV_OP_SLLI:  emit_shift (c, dec, MDL_X86_SHL, false, false); return true;
  case RV_OP_SRLI:  emit_shift (c, dec, MDL_X86_SHR, false, false); return true;
  case RV_OP_SRAI:  emit_shift (c, dec, MDL_X86_SAR, false, false); return true;
  case RV_OP_SLL:   emit_shift (c, dec, MDL_X86_SHL, true, false); return true;
  case RV_OP_SRL:   emit_shift (c, dec, MDL_X86_SHR, true, false); return true;
  case RV_OP_SRA:   emit_shift (c, dec, MDL_X86_SAR, true, false); return true;
  case RV_OP_SLLIW: emit_shift (c, dec, MDL_X86_SHL, false, true); return true;
  case RV_OP_SRLIW: emit_shift (c, dec, MDL_X86_SHR, false, true); return true;
  case RV_OP_SRAIW: emit_shift (c, dec, MDL_X86_SAR, false, true); return true;
  case RV_OP_SLLW:  emit_shift (c, dec, MDL_X86_SHL, true, true); return true;
  case RV_OP_SRLW:  emit_shift (c, dec, MDL_X86_SHR, true, true); return true;
  case RV_OP_SRAW:  emit_shift (c, dec, MDL_X86_SAR, true, true); return true;
  case RV_OP_FENCE: return true;   /* one hart at a time, in order */

  case RV_OP_LB:  return emit_mem (c, ins, i, next, 1, true, false);
  case RV_OP_LH:  return emit_mem (c, ins, i, next, 2, true, false);
  case RV_OP_LW:  return emit_mem (c, ins, i, next, 4, true, false);
  case RV_OP_LD:  return emit_mem (c, ins, i, next, 8, false, false);
  case RV_OP_LBU: return emit_mem (c, ins, i, next, 1, false, false);
  case RV_OP_LHU: return emit_mem (c, ins, i, next, 2, false, false);
  case RV_OP_LWU: return emit_mem (c, ins, i, next, 4, false, false);
  case RV_OP_SB:  return emit_mem (c, ins, i, next, 1, false, true);
  case RV_OP_SH:  return emit_mem (c, ins, i, next, 2, false, true);
  case RV_OP_SW:  return emit_mem (c, ins, i, next, 4, false, true);
  case RV_OP_SD:  return emit_mem (c, ins, i, next, 8, false, true);

  case RV_OP_LR_W:      return emit_atomic (c, ins, i, next, 4, RV_JIT_LR);
  case RV_OP_SC_W:      return emit_atomic (c, ins, i, next, 4, RV_JIT_SC);
  case RV_OP_AMOSWAP_W: return emit_atomic (c, ins, i, next, 4, RV_JIT_AMO_SWAP);
  case RV_OP_AMOADD_W:  return emit_atomic (c, ins, i, next, 4, RV_JIT_AMO_ADD);
  case RV_OP_AMOXOR_W:  return emit_atomic (c, ins, i, next, 4, RV_JIT_AMO_XOR);
  case RV_OP_AMOAND_W:  return emit_atomic (c, ins, i, next, 4, RV_JIT_AMO_AND);
  case RV_OP_AMOOR_W:   return emit_atomic (c, ins, i, next, 4, RV_JIT_AMO_OR);
  case RV_OP_AMOMIN_W:  return emit_atomic (c, ins, i, next, 4, RV_JIT_AMO_MIN);
  case RV_OP_AMOMAX_W:  return emit_atomic (c, ins, i, next, 4, RV_JIT_AMO_MAX);
  case RV_OP_AMOMINU_W: return emit_atomic (c, ins, i, next, 4, RV_JIT_AMO_MINU);
  case RV_OP_AMOMAXU_W: return emit_atomic (c, ins, i, next, 4, RV_JIT_AMO_MAXU);
  case RV_OP_LR_D:      return emit_atomic (c, ins, i, next, 8, RV_JIT_LR);
  case RV_OP_SC_D:      return emit_atomic (c, ins, i, next, 8, RV_JIT_SC);
  case RV_OP_AMOSWAP_D: return emit_atomic (c, ins, i, next, 8, RV_JIT_AMO_SWAP);
  case RV_OP_AMOADD_D:  return emit_atomic (c, ins, i, next, 8, RV_JIT_AMO_ADD);
  case RV_OP_AMOXOR_D:  return emit_atomic (c, ins, i, next, 8, RV_JIT_AMO_XOR);
  case RV_OP_AMOAND_D:  return emit_atomic (c, ins, i, next, 8, RV_JIT_AMO_AND);
  case RV_OP_AMOOR_D:   return emit_atomic (c, ins, i, next, 8, RV_JIT_AMO_OR);
  case RV_OP_AMOMIN_D:  return emit_atomic (c, ins, i, next, 8, RV_JIT_AMO_MIN);
  case RV_OP_AMOMAX_D:  return emit_atomic (c, ins, i, next, 8, RV_JIT_AMO_MAX);
  case RV_OP_AMOMINU_D: return emit_atomic (c, ins, i, next, 8, RV_JIT_AMO_MINU);
  case RV_OP_AMOMAXU_D: return emit_atomic (c, ins, i, next, 8, RV_JIT_AMO_MAXU);

  case RV_OP_FLW: return emit_fmem (c, ins, i, next, 4, false);
  case RV_OP_FLD: return emit_fmem (c, ins, i, next, 8, false);
  case RV_OP_FSW: return emit_fmem (c, ins, i, next, 4, true);
  case RV_OP_FSD: return emit_fmem (c, ins, i, next, 8, true);
  case RV_OP_FSGNJ_S:  return emit_fsgnj (c, ins, i, true, 0);
  case RV_OP_FSGNJN_S: return emit_fsgnj (c, ins, i, true, 1);
  case RV_OP_FSGNJX_S: return emit_fsgnj (c, ins, i, true, 2);
  case RV_OP_FSGNJ_D:  return emit_fsgnj (c, ins, i, false, 0);
  case RV_OP_FSGNJN_D: return emit_fsgnj (c, ins, i, false, 1);
  case RV_OP_FSGNJX_D: return emit_fsgnj (c, ins, i, false, 2);
  case RV_OP_FMV_X_W: return emit_fmv (c, ins, i, true, true);
  case RV_OP_FMV_X_D: return emit_fmv (c, ins, i, true, false);
  case RV_OP_FMV_W_X: return emit_fmv (c, ins, i, false, true);
  case RV_OP_FMV_D_X: return emit_fmv (c, ins, i, false, false);

  default: {
    bool has_rm;
    RvJitFpFn fn = fp_helper (op, &has_rm);
    unsigned rm = (unsigned) dec->imm & 7;

    /* (a reserved static rounding mode: the executor's exception) */
    if (fn != NULL && !(has_rm && (rm == 5 || rm == 6)))
      return emit_fp_call (c, ins, i, fn, has_rm, !fp_writes_x (op));
    break;
  }
  }
  cache_store_dirty (c, true);
  if (!emit_call_executor (c, ins, i, next))
    return false;
  cache_forget (c);
  c->fs_on = c->fs_dirty = false;
  if (ends_block (dec))
    emit_block_end (c, n, next);
  return true;
}

/* ---- translating a block --------------------------------------------- */

/* The leaf region of @pc, as rv_leaf_region_mask names it (an index
 * that two valid addresses share only within one region). */
static inline unsigned
rv_jit_region (const RvCpu *s, uint64_t pc)
{
  return (unsigned) (pc >> (s->xlen == 32 ? 22 : 30)) & (RV_JIT_REGIONS - 1);
}

/* Decodes the block at @pc into @insns; returns how many (0 when @pc is
 * not in RAM or ROM, or its first instruction does not fit the page). */
static unsigned
rv_jit_scan (RvCpu *s, uint64_t pc, unsigned max, RvJitInsn *insns, uint64_t *end,
             uint64_t *phys)
{
  MdlRamWindow w;
  uint64_t limit, at = pc;
  unsigned n = 0, branches = 0;

  if (s->fetch_checked) {
    /* The fetch's own translation and check (a fault, or a page the PMP
     * only partly allows: the interpreter's); the block stays in the
     * page, so that it covers all of it. */
    uint64_t pa;
    uint8_t *host;

    if (rv_mmu_access (s, pc, 2, RV_ACC_FETCH, &pa, &host) != 0 || host == NULL)
      return 0;
    w.base = pc & RV_PAGE_MASK;
    w.size = RV_PAGE_SIZE;
    w.host = host;
    *phys = pa;
  } else {
    if (!mdl_address_space_ram_window (s->cpu.as, pc, &w))
      return 0;
    *phys = pc;
  }
  limit = MIN (w.base + w.size - 1, (pc | (RV_PAGE_SIZE - 1))) + 1;
  while (n < max) {
    uint16_t lo, hi = 0;
    RvJitInsn *ins = &insns[n];

    if (at < pc || limit - at < 2)
      break;
    memcpy (&lo, w.host + (at - w.base), 2);
    if (rv_insn_length (lo) == 4) {
      if (limit - at < 4)
        break;
      memcpy (&hi, w.host + (at - w.base) + 2, 2);
    }
    rv_decode (s->xlen, s->ext, (uint32_t) hi << 16 | lo, &ins->dec);
    ins->pc = at;
    n++;
    at = (at + ins->dec.len) & rv_xmask (s);
    if (ends_block (&ins->dec) || (is_cond_branch (&ins->dec) && ++branches > RV_JIT_SIDE_EXITS))
      break;
  }
  *end = at;
  return n;
}

static bool
rv_jit_emit (RvJitCtx *c, const RvJitInsn *insns, unsigned n, uint64_t end)
{
  const RvDecoded *last = &insns[n - 1].dec;

  /* Checked code below M: valid only while its region's epoch is the
   * one the dispatcher last found it valid in; else back there, which
   * looks at the translation again (chains and inline caches lead here
   * without it). */
  if (c->epoch_cell != NULL) {
    size_t valid;

    mdl_x86_load (c->a, 4, false, MDL_X86_RAX, MDL_X86_STATE, c->epoch_off);
    mdl_x86_mov_ri (c->a, MDL_X86_RCX, (uint64_t) (uintptr_t) c->epoch_cell);
    mdl_x86_alu_rm (c->a, MDL_X86_CMP, false, MDL_X86_RAX, MDL_X86_RCX, 0);
    valid = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_E);
    mdl_x86_mov_ri (c->a, MDL_X86_RAX, insns[0].pc);
    mdl_jit_emit_exit (c->jit, c->a);
    mdl_x86_bind (c->a, valid);
  }
  mdl_jit_emit_budget_check (c->jit, c->a, insns[0].pc, n);
  mdl_jit_regs_init (&c->regs, c->a, rv_jit_pool, G_N_ELEMENTS (rv_jit_pool), 8, XOFF (0), 8, 0);
  for (unsigned i = 0; i < n; i++) {
    mdl_jit_regs_next_insn (&c->regs);
    if (!emit_insn (c, &insns[i], i, n))
      return false;
  }
  if (!ends_block (last)) {
    cache_store_dirty (c, true);
    emit_block_end (c, n, end);
  }
  return true;
}

static const MdlJitBlock *
rv_jit_translate (RvCpu *s, MdlJit *jit, uint64_t pc, uint32_t mode, unsigned max)
{
  RvJitInsn insns[RV_JIT_MAX_INSNS];
  uint64_t end, phys, bytes;
  unsigned n = rv_jit_scan (s, pc, max, insns, &end, &phys);

  if (n == 0)
    return NULL;
  bytes = (insns[n - 1].pc - pc) + insns[n - 1].dec.len;
  /* A second try after a flush has the whole memory. */
  for (unsigned attempt = 0; attempt < 2; attempt++) {
    MdlJitAsm a;
    RvJitCtx c = { .jit = jit, .a = &a, .s = s, .w64 = s->xlen == 64 };
    MdlJitBlock *b;

    mdl_jit_begin (jit, &a);
    if (s->fetch_checked && s->priv != RV_PRIV_M) {
      unsigned r = rv_jit_region (s, pc);

      c.epoch_cell = mdl_jit_alloc_data (jit, sizeof *c.epoch_cell);
      if (c.epoch_cell == NULL)
        a.overflow = true;
      else
        *c.epoch_cell = s->jit_epoch[r];
      c.epoch_off = (int32_t) (offsetof (RvCpu, jit_epoch) + r * sizeof s->jit_epoch[0]);
      c.tlb_probe = (mode & RV_JIT_MODE_PAGED) != 0;
    }
    if (!a.overflow && !rv_jit_emit (&c, insns, n, end))
      a.overflow = true;
    b = mdl_jit_commit_phys (jit, &a, pc, pc + bytes, phys, mode, n);
    if (b != NULL) {
      b->data = c.epoch_cell;
      /* Stores to these bytes must reach the block (rv_code_written).
       * Paged code is marked a page at a time: a TLB entry has a host
       * page only where no byte of its page is cut out of the window. */
      if (c.epoch_cell != NULL)
        rv_note_code_page (s, phys);
      else
        rv_note_code (s, phys, bytes);
      return b;
    }
    mdl_jit_flush (jit);
  }
  return NULL;
}

/* ---- the dispatcher ---------------------------------------------------- */

static MdlJit *
rv_jit_get (RvCpu *s)
{
  if (s->cpu.jit == NULL && !s->jit_unavailable) {
    size_t bytes = mdl_machine_jit_cache_size (s->cpu.machine);
    g_autoptr(GError) error = NULL;

    s->cpu.jit = mdl_jit_new (bytes ? bytes : RV_JIT_CODE_BYTES,
                              bytes ? (unsigned) (bytes / 256) : RV_JIT_MAX_BLOCKS, &error);
    if (s->cpu.jit == NULL) {
      /* Interpreted then, which gives the same results. */
      g_message ("%s: %s; interpreting", s->cpu.name, error->message);
      s->jit_unavailable = true;
    }
  }
  return s->cpu.jit;
}

/* The key of the blocks in the current mode: the privilege, whether
 * fetches are checked and, below M, whether loads and stores are paged
 * (the inline TLB probe).  The translation of a checked block's pc is
 * not in the key but in its epoch cell (rv_jit_valid). */
static inline uint32_t
rv_jit_mode (const RvCpu *s)
{
  uint32_t mode = s->priv;

  if (s->fetch_checked) {
    mode |= RV_JIT_MODE_CHECKED;
    if (s->priv != RV_PRIV_M && s->data_paged)
      mode |= RV_JIT_MODE_PAGED;
  }
  return mode;
}

/* rv_jit_valid when the cell holds another epoch. */
static G_GNUC_NO_INLINE bool
rv_jit_valid_slow (RvCpu *s, const MdlJitBlock *b, uint32_t *cell, uint32_t epoch)
{
  uint64_t pa;
  uint8_t *host;

  if (rv_mmu_access (s, b->pc, 2, RV_ACC_FETCH, &pa, &host) != 0 || host == NULL
      || pa != b->phys)
    return false;
  *cell = epoch;
  return true;
}

/* Whether block @b (at the current pc) may run: unchecked or M-mode
 * code always (a PMP change flushes those), checked code below M when
 * its epoch cell holds its region's epoch, or else when the fetch's
 * translation still leads to the same physical bytes (which stores would
 * have invalidated the block for), as a stale decode-cache entry is
 * taken back when its bits are still there.  The cell then moves to the
 * current epoch; a block that is not valid is shadowed by the new
 * translation, which the table finds first.  Inline up to the epoch: the
 * look after every trap or return that changes the mode comes here. */
static inline bool
rv_jit_valid (RvCpu *s, const MdlJitBlock *b)
{
  uint32_t *cell = b->data;
  uint32_t epoch;

  if (cell == NULL)
    return true;
  epoch = s->jit_epoch[rv_jit_region (s, b->pc)];
  if (*cell == epoch)
    return true;
  return rv_jit_valid_slow (s, b, cell, epoch);
}

/* The block of @pc in @mode that may run, or NULL: the dispatcher's
 * lookup, and rv_jit_look's. */
static inline const MdlJitBlock *
rv_jit_find (RvCpu *s, MdlJit *jit, uint64_t pc, uint32_t mode)
{
  const MdlJitBlock *b = mdl_jit_lookup (jit, pc, mode);

  return b != NULL && rv_jit_valid (s, b) ? b : NULL;
}

/* Translated code after an executor asked the loop to look (RV_CHECK),
 * the count up to date: when the look would do nothing but find the
 * next block (nothing trapped uncounted, no request to return, no
 * interrupt pending, the mode changed by a trap from U or a return to
 * U), the block at @pc in the current mode, found and checked as the
 * dispatcher finds it, goes into s->jit_next and 0 is returned; else
 * @pc, and the dispatcher looks.  A trap from U and its return then cost
 * no dispatcher round each. */
static uint64_t
rv_jit_look (RvCpu *s, uint64_t pc)
{
  MdlJit *jit = s->cpu.jit;
  const MdlJitBlock *b;

  if (s->trapped || mdl_cpu_exit_requested (&s->cpu) || s->cpu.state != MDL_CPU_RUNNING
      || (s->mie & (s->mip | s->mip_sw)) || s->trig_exec || s->cpu.breakpoints != NULL
      || *mdl_jit_stale_flag (jit))
    return pc;
  b = rv_jit_find (s, jit, pc & ~RV_CHECK, rv_jit_mode (s));
  if (b == NULL)
    return pc;
  s->jit_next = b->code;
  return 0;
}

/* A fresh epoch; when they run out, every block goes and they start
 * over. */
static uint32_t
rv_jit_next_epoch (RvCpu *s)
{
  if (++s->jit_epoch_next == 0) {
    mdl_jit_flush (s->cpu.jit);
    memset (s->jit_epoch, 0, sizeof s->jit_epoch);
    s->jit_epoch_next = 1;
  }
  return s->jit_epoch_next;
}

void
rv_jit_forget_lower (RvCpu *s)
{
  uint32_t e;

  if (s->cpu.jit == NULL)
    return;
  e = rv_jit_next_epoch (s);
  for (unsigned i = 0; i < RV_JIT_REGIONS; i++)
    s->jit_epoch[i] = e;
}

void
rv_jit_forget_region (RvCpu *s, uint64_t va)
{
  if (s->cpu.jit == NULL)
    return;
  s->jit_epoch[rv_jit_region (s, va)] = rv_jit_next_epoch (s);
}

uint64_t
rv_jit_run (MdlCpu *cpu, uint64_t budget)
{
  RvCpu *s = (RvCpu *) cpu;
  MdlJit *jit = rv_jit_get (s);
  uint64_t pc, n = 0;

  if (jit == NULL || cpu->breakpoints != NULL)
    return rv_run (cpu, budget);
  mdl_cpu_set_exit_request (cpu, false);
  mdl_cpu_begin_translated (cpu, budget);
  if (cpu->state != MDL_CPU_RUNNING)
    return 0;

  rv_interp_begin (s);
  pc = rv_interp_check_interrupts (s, s->pc);

  while (G_LIKELY (n < budget)) {
    const MdlJitBlock *b = NULL;
    bool short_block = false;

    if (G_LIKELY (!s->trig_exec)) {
      uint32_t mode = rv_jit_mode (s);

      b = rv_jit_find (s, jit, pc, mode);
      if (b == NULL)
        b = rv_jit_translate (s, jit, pc, mode, RV_JIT_MAX_INSNS);
      /* Near the end of the budget: a block of at most the largest power
       * of two that fits, kept apart by its mode bits, so that the end of
       * a quantum is translated too (a handful of such variants per
       * address at most). */
      if (b != NULL && budget - n < b->n_insns) {
        unsigned max = 1;

        while (2 * max <= budget - n)
          max *= 2;
        mode |= max << RV_JIT_MODE_MAX_SHIFT;
        b = rv_jit_find (s, jit, pc, mode);
        if (b == NULL)
          b = rv_jit_translate (s, jit, pc, mode, max);
        short_block = true;
      }
    }
    /* Chains lead to whole blocks only: a slot chained to an end-of-budget
     * variant would run that short block on every later pass. */
    mdl_jit_chain (jit, short_block ? NULL : b);
    if (b != NULL)
      pc = mdl_jit_enter (jit, b, s, &n);
    else
      pc = rv_interp_step (s, pc, n++);
    if (G_LIKELY (!(pc & RV_CHECK))) {
      /* A block left at its budget check after another thread's kick
       * (mdl_cpu_kick): where the interpreter would see it at a taken
       * branch. */
      if (G_UNLIKELY (mdl_cpu_exit_requested (cpu)))
        break;
      continue;
    }

    /* As in rv_run. */
    pc &= ~RV_CHECK;
    if (s->trapped) {
      s->trapped = false;
      s->run_traps++;
    }
    if (mdl_cpu_exit_requested (cpu) || cpu->state != MDL_CPU_RUNNING)
      break;
    pc = rv_interp_check_interrupts (s, pc);
  }

  s->pc = pc;
  rv_interp_sync (s, n);
  return n - s->run_traps;
}
