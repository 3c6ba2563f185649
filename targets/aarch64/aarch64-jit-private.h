/* Private to the A64 frontend of the translating tier
 * (docs/translator.md, "The A64 frontend"): the decoded instruction and
 * the translation context every part of it works on, the helpers they
 * all call (guest registers in host registers), and what the parts take
 * from each other.
 *
 *   aarch64-jit.c       the dispatcher (a64_jit_run) and the blocks'
 *                       validity under the MMU; a block's scan, its
 *                       flags' liveness, the choice of an emitter per
 *                       instruction, branches; NZCV from the host flags
 *                       (lazy flags); leaving a block, loops, executor
 *                       calls and the slow paths;
 *   aarch64-jit-dp.c    integer data processing;
 *   aarch64-jit-ldst.c  loads and stores (the inline TLB, window and
 *                       monitor checks, the exclusives), mrs of plain
 *                       fields, dc zva.
 */
#pragma once

#include "aarch64-cpu.h"

#include <stddef.h>

#include "engine/jit-cache.h"
#include "engine/jit-regs.h"

#define A64_JIT_MAX_INSNS 64

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

typedef struct {
  MdlJit *jit;
  MdlJitAsm *a;
  A64Cpu *s;
  bool align; /* SCTLR_EL1.A: no inline loads and stores */
  bool mmu;   /* SCTLR_EL1.M: the TLB checked inline first */
  MdlJitRegs regs;
  /* NZCV (see "lazy flags", aarch64-jit.c): whether the current
   * instruction's must reach the state (something after it may read
   * them); the instruction after it, when it may take them from the host
   * flags; and the flags the previous instruction left only in the host
   * flags for this one (FL_NONE: NZCV is in the state). */
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

static inline A64ExecFn
exec_of (const A64Opcode *op)
{
  return op ? op->exec : a64_x_undef;
}

/* What an operation left in the host flags (aarch64-jit.c, "lazy flags"). */
enum { FL_NONE, FL_SUB, FL_ADD };

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

/* The host register holding X[r] (register 31: SP), loaded if need be. */
static inline MdlX86Reg
src_reg (A64JitCtx *c, unsigned r)
{
  return mdl_jit_regs_src (&c->regs, r);
}

/* @h = X[r]; register 31 is SP with @sp, else XZR. */
static inline void
ld_reg (A64JitCtx *c, MdlX86Reg h, unsigned r, bool sp)
{
  if (r == 31 && !sp)
    mdl_x86_mov_ri (c->a, h, 0); /* (not xor: keeps the host flags) */
  else
    mdl_x86_mov_rr (c->a, true, h, src_reg (c, r));
}

static inline void
st_reg (A64JitCtx *c, MdlX86Reg h, unsigned r, bool sp)
{
  if (r != 31 || sp)
    mdl_x86_mov_rr (c->a, true, mdl_jit_regs_dst (&c->regs, r, true), h);
}

/* X[r] = @v (XZR: nothing). */
static inline void
st_imm (A64JitCtx *c, unsigned r, uint64_t v)
{
  if (r != 31)
    mdl_x86_mov_ri (c->a, mdl_jit_regs_dst (&c->regs, r, true), v);
}

/* The host register X[r] (not XZR) will be written to, allocated now
 * (before a slow path's branch) but not yet dirty. */
static inline MdlX86Reg
dst_reg (A64JitCtx *c, unsigned r)
{
  return mdl_jit_regs_dst (&c->regs, r, false);
}

/* X[r] holds a new value, on every path joined here; register 31 is SP
 * with @sp, else XZR (nothing). */
static inline void
mark_dirty (A64JitCtx *c, unsigned r, bool sp)
{
  if (r != 31 || sp)
    mdl_jit_regs_dst (&c->regs, r, true);
}

/* The host register to read X[r] from: its cached register, or for XZR
 * (r == 31 without @sp) @zero, cleared with a mov (the host flags stay). */
static inline MdlX86Reg
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
static inline MdlX86Reg
wdst (A64JitCtx *c, unsigned r, bool sp, MdlX86Reg discard)
{
  if (r == 31 && !sp)
    return discard;
  return mdl_jit_regs_dst (&c->regs, r, true);
}

/* ---- between the parts ---- */

/* aarch64-jit.c */
void a64_jit_emit_nzcv (A64JitCtx *c, MdlX86Cond carry_cc);
int a64_jit_host_cc (unsigned cond, int kind);
void a64_jit_emit_flags (A64JitCtx *c, int kind);
MdlX86Cond a64_jit_emit_cond (A64JitCtx *c, unsigned cond);
void a64_jit_defer_slow (A64JitCtx *c, const size_t *jumps, unsigned n, const A64JitInsn *ins,
                         unsigned i);

/* aarch64-jit-dp.c */
void a64_jit_emit_ext_to (A64JitCtx *c, unsigned option, unsigned shift, MdlX86Reg dst,
                          MdlX86Reg src);
bool a64_jit_bit_mask (bool sf, unsigned n, unsigned immr, unsigned imms, uint64_t *mask);
bool a64_jit_emit_addsub (A64JitCtx *c, uint32_t insn, unsigned kind);
bool a64_jit_emit_logic (A64JitCtx *c, uint32_t insn, bool imm);
bool a64_jit_emit_movw (A64JitCtx *c, uint32_t insn);
bool a64_jit_emit_bitfield (A64JitCtx *c, uint32_t insn);
bool a64_jit_emit_extr (A64JitCtx *c, uint32_t insn);
bool a64_jit_emit_csel (A64JitCtx *c, uint32_t insn);
bool a64_jit_emit_bfm (A64JitCtx *c, uint32_t insn);
bool a64_jit_emit_dp1 (A64JitCtx *c, uint32_t insn);
bool a64_jit_emit_adc (A64JitCtx *c, uint32_t insn);
bool a64_jit_emit_ccmp (A64JitCtx *c, uint32_t insn);
bool a64_jit_emit_madd (A64JitCtx *c, uint32_t insn);
bool a64_jit_emit_dp2 (A64JitCtx *c, uint32_t insn);

/* aarch64-jit-ldst.c */
void a64_jit_emit_dc_zva (A64JitCtx *c, const A64JitInsn *ins, unsigned i);
bool a64_jit_emit_mrs (A64JitCtx *c, const A64JitInsn *ins, unsigned i);
bool a64_jit_emit_mem (A64JitCtx *c, const A64JitInsn *ins, unsigned i);
