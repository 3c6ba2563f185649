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
 * a branch right after a compare uses the host flags), mul, the extends,
 * the RAM fast path of single loads and stores (immediate or register
 * offset, pre- and post-indexed) and of load/store multiple (push and pop
 * among them), literal loads from ROM (constants), and b, b<cond>, bl, cbz
 * and cbnz with chained exits.  Everything else (system registers,
 * exceptions, FP, DSP, exclusives, bx, anything reading or writing r15 or
 * writing r13 other than push/pop, a load or store off the fast path)
 * calls the interpreter's executor for that one instruction with the
 * exact count of instructions before it, as riscv-jit.c does; when it
 * returns anything but the next address, or a flush happened meanwhile
 * (a store to the block's own code among them), the block leaves with
 * what it returned.  A block ending in such an instruction (bx lr,
 * pop {pc}) leaves through an inline cache.
 *
 * Guest registers stay in the CPU state (memory operands): no register
 * cache yet.  Not translated at all: a CPU with debugger breakpoints, the
 * FPB enabled or the MPU enabled (the interpreter's loop runs), and code
 * outside RAM and ROM windows.
 */
#include "arm-cpu.h"

#include <stddef.h>
#include <string.h>

#include "engine/jit-cache.h"

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
  bool rom;        /* in a read-only window: literals are constants */
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
   * and what the previous instruction left. */
  unsigned fuse, prev_fuse;
} ArmJitCtx;

/* ARM_FUSE_SUB: eax and ecx are the operands of a subtraction whose
 * flags are APSR's (cmp eax, ecx makes them again, C as no borrow);
 * ARM_FUSE_LOGIC: eax is the result of a logic operation (N and Z). */
enum { ARM_FUSE_NONE, ARM_FUSE_SUB, ARM_FUSE_LOGIC };

/* Flags, for their liveness within a block. */
enum { ARM_FL_N = 1, ARM_FL_Z = 2, ARM_FL_C = 4, ARM_FL_V = 8, ARM_FL_ALL = 15 };

static ArmOp
insn_op (const ArmDecoded *dec)
{
  return dec->op ? dec->op->op : ARM_OP_UNDEF;
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

static void
st_field (ArmJitCtx *c, MdlX86Reg h, int32_t off)
{
  mdl_x86_store (c->a, 4, h, MDL_X86_STATE, off);
}

/* The CPU state's ITSTATE = @it, where an executor or the dispatcher may
 * look at it. */
static void
sync_it (ArmJitCtx *c, unsigned it)
{
  if (!c->it_dirty && it == 0)
    return;
  c->it_dirty = true;
  mdl_x86_mov_ri (c->a, MDL_X86_RDX, it);
  st_field (c, MDL_X86_RDX, SOFF (itstate));
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
 * returned @next and nothing was flushed, else leaves with its result. */
static bool
emit_exec_mid (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i)
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

/* The executor of the last instruction @i of @n (a jump, or one that
 * always asks for the check): its result is where to go on, through the
 * inline cache unless it asks for the check or a flush happened. */
static bool
emit_exec_last (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n)
{
  size_t leave1, leave2, go_on;

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

/* The end of a block at a known address: count its instructions, then on
 * a taken branch let run() stop when the engine asked it to (arm_jump),
 * else go on through a chain slot. */
static void
emit_block_end (ArmJitCtx *c, unsigned n, uint32_t target, bool taken)
{
  /* (a branch is the last instruction of an IT block: it_next is 0) */
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

/* Whether data processing of this form is translated inline. */
static bool
dp_inline (const ArmJitInsn *ins)
{
  const ArmDecoded *d = &ins->dec;

  /* The compares' rd field is 15 (the decoder's pc wrapper is then
   * harmless: it only fills the scratch r15). */
  if (ins->e.inner != NULL && !(is_test (insn_op (d)) && d->rn != 15 && d->rm != 15))
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
  case ARM_OP_SUB:
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

static void
emit_dp (ArmJitCtx *c, const ArmDecoded *d)
{
  MdlJitAsm *a = c->a;
  ArmOp op = insn_op (d);
  bool logic = op != ARM_OP_ADD && op != ARM_OP_SUB && op != ARM_OP_RSB && op != ARM_OP_CMP
               && op != ARM_OP_CMN;
  bool write = op != ARM_OP_TST && op != ARM_OP_TEQ && op != ARM_OP_CMP && op != ARM_OP_CMN;
  bool mov = op == ARM_OP_MOV || op == ARM_OP_MVN;

  /* operand 2 in ecx (with a shift's carry out in edx), operand 1 in eax */
  if (d->kind == ARM_K_IMM)
    mdl_x86_mov_ri (a, MDL_X86_RCX, d->imm);
  else {
    ld_reg (c, MDL_X86_RCX, d->rm);
    if (d->kind == ARM_K_SHIFT) {
      static const MdlX86Shift sh[] = { MDL_X86_SHL, MDL_X86_SHR, MDL_X86_SAR };

      mdl_x86_shift_ri (a, sh[d->shift_type], false, MDL_X86_RCX, d->shift_n);
      if (logic && (c->need & ARM_FL_C))
        mdl_x86_setcc (a, MDL_X86_CC_B, MDL_X86_RDX);
    }
  }
  if (!mov)
    ld_reg (c, MDL_X86_RAX, d->rn);

  if (logic) {
    if (op == ARM_OP_ORN || op == ARM_OP_BIC || op == ARM_OP_MVN)
      mdl_x86_unary (a, MDL_X86_NOT, false, MDL_X86_RCX);
    switch (op) {
    case ARM_OP_AND:
    case ARM_OP_BIC:
    case ARM_OP_TST: mdl_x86_alu_rr (a, MDL_X86_AND, false, MDL_X86_RAX, MDL_X86_RCX); break;
    case ARM_OP_EOR:
    case ARM_OP_TEQ: mdl_x86_alu_rr (a, MDL_X86_XOR, false, MDL_X86_RAX, MDL_X86_RCX); break;
    case ARM_OP_ORR:
    case ARM_OP_ORN: mdl_x86_alu_rr (a, MDL_X86_OR, false, MDL_X86_RAX, MDL_X86_RCX); break;
    default: /* mov, mvn */ mdl_x86_mov_rr (a, false, MDL_X86_RAX, MDL_X86_RCX); break;
    }
    if (write)
      st_reg (c, MDL_X86_RAX, d->rd);
    if (c->need & ARM_FL_N)
      st_field (c, MDL_X86_RAX, SOFF (nf));
    if (c->need & ARM_FL_Z)
      st_field (c, MDL_X86_RAX, SOFF (zf));
    if (c->need & ARM_FL_C) {
      /* (need has C only where the instruction writes it) */
      if (d->kind != ARM_K_SHIFT)
        mdl_x86_mov_ri (a, MDL_X86_RDX, d->carry - 1u);
      st_field (c, MDL_X86_RDX, SOFF (cf));
    }
    if (d->setflags)
      c->fuse = ARM_FUSE_LOGIC;
    return;
  }

  /* x - y or x + y with x in eax, y in ecx (rsb swaps them); r in esi */
  if (op == ARM_OP_RSB) {
    mdl_x86_mov_rr (a, false, MDL_X86_RDX, MDL_X86_RAX);
    mdl_x86_mov_rr (a, false, MDL_X86_RAX, MDL_X86_RCX);
    mdl_x86_mov_rr (a, false, MDL_X86_RCX, MDL_X86_RDX);
  }
  mdl_x86_mov_rr (a, false, MDL_X86_RSI, MDL_X86_RAX);
  if (op == ARM_OP_ADD || op == ARM_OP_CMN) {
    mdl_x86_alu_rr (a, MDL_X86_ADD, false, MDL_X86_RSI, MDL_X86_RCX);
    if (c->need & ARM_FL_C)
      mdl_x86_setcc (a, MDL_X86_CC_B, MDL_X86_RDX);
  } else {
    mdl_x86_alu_rr (a, MDL_X86_SUB, false, MDL_X86_RSI, MDL_X86_RCX);
    if (c->need & ARM_FL_C)
      mdl_x86_setcc (a, MDL_X86_CC_AE, MDL_X86_RDX); /* C: no borrow */
  }
  if (write)
    st_reg (c, MDL_X86_RSI, d->rd);
  if (c->need & ARM_FL_C)
    st_field (c, MDL_X86_RDX, SOFF (cf));
  if (c->need & ARM_FL_N)
    st_field (c, MDL_X86_RSI, SOFF (nf));
  if (c->need & ARM_FL_Z)
    st_field (c, MDL_X86_RSI, SOFF (zf));
  if (d->setflags && op != ARM_OP_ADD && op != ARM_OP_CMN)
    c->fuse = ARM_FUSE_SUB;
  if (!(c->need & ARM_FL_V))
    return;
  if (op == ARM_OP_ADD || op == ARM_OP_CMN) {
    /* V = (x ^ r) & (y ^ r) */
    mdl_x86_alu_rr (a, MDL_X86_XOR, false, MDL_X86_RAX, MDL_X86_RSI);
    mdl_x86_alu_rr (a, MDL_X86_XOR, false, MDL_X86_RCX, MDL_X86_RSI);
    mdl_x86_alu_rr (a, MDL_X86_AND, false, MDL_X86_RAX, MDL_X86_RCX);
    st_field (c, MDL_X86_RAX, SOFF (vf));
  } else {
    /* V = (x ^ y) & (x ^ r), keeping x and y */
    mdl_x86_mov_rr (a, false, MDL_X86_RDX, MDL_X86_RAX);
    mdl_x86_alu_rr (a, MDL_X86_XOR, false, MDL_X86_RDX, MDL_X86_RCX);
    mdl_x86_mov_rr (a, false, MDL_X86_RDI, MDL_X86_RAX);
    mdl_x86_alu_rr (a, MDL_X86_XOR, false, MDL_X86_RDI, MDL_X86_RSI);
    mdl_x86_alu_rr (a, MDL_X86_AND, false, MDL_X86_RDX, MDL_X86_RDI);
    st_field (c, MDL_X86_RDX, SOFF (vf));
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

/* A load or store with an immediate or register offset: the window (and
 * alignment) check of the executor inline, the executor otherwise. */
static bool
emit_ls (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i)
{
  const ArmDecoded *d = &ins->dec;
  MdlJitAsm *a = c->a;
  bool sign, store;
  unsigned size = ls_size (insn_op (d), &sign, &store);
  size_t slow1, slow2 = 0, done;

  ld_reg (c, MDL_X86_RAX, d->rn);
  if (d->kind == ARM_K_PUW) {
    if (d->index && d->imm)
      mdl_x86_alu_ri (a, MDL_X86_ADD, false, MDL_X86_RAX, (int32_t) d->imm);
  } else if (d->kind == ARM_K_OFF_IMM) {
    if (d->imm)
      mdl_x86_alu_ri (a, MDL_X86_ADD, false, MDL_X86_RAX, (int32_t) d->imm);
  } else {
    ld_reg (c, MDL_X86_RCX, d->rm);
    if (d->shift_n)
      mdl_x86_shift_ri (a, MDL_X86_SHL, false, MDL_X86_RCX, d->shift_n);
    mdl_x86_alu_rr (a, MDL_X86_ADD, false, MDL_X86_RAX, MDL_X86_RCX);
  }
  mdl_x86_mov_rr (a, false, MDL_X86_RCX, MDL_X86_RAX);
  mdl_x86_alu_rm (a, MDL_X86_SUB, false, MDL_X86_RCX, MDL_X86_STATE,
                  store ? SOFF (st_base) : SOFF (ld_base));
  mdl_x86_alu_rm (a, MDL_X86_CMP, false, MDL_X86_RCX, MDL_X86_STATE,
                  store ? SOFF (st_limit) : SOFF (ld_limit));
  slow1 = mdl_x86_jcc_fwd (a, MDL_X86_CC_AE);
  if (size > 1) {
    mdl_x86_load (a, 4, false, MDL_X86_RDX, MDL_X86_STATE, SOFF (align_mask));
    mdl_x86_alu_rr (a, MDL_X86_AND, false, MDL_X86_RDX, MDL_X86_RAX);
    mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RDX, (int32_t) size - 1);
    slow2 = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  }
  mdl_x86_load (a, 8, false, MDL_X86_RDX, MDL_X86_STATE, store ? SOFF (st_host) : SOFF (ld_host));
  if (store) {
    ld_reg (c, MDL_X86_RSI, d->rd);
    mdl_x86_store_idx (a, size, MDL_X86_RSI, MDL_X86_RDX, MDL_X86_RCX);
  } else
    mdl_x86_load_idx (a, size, sign, MDL_X86_RAX, MDL_X86_RDX, MDL_X86_RCX);
  /* the base written back before the loaded register, as the executor */
  if (d->kind == ARM_K_PUW) {
    ld_reg (c, MDL_X86_RDX, d->rn);
    mdl_x86_alu_ri (a, MDL_X86_ADD, false, MDL_X86_RDX, (int32_t) d->imm);
    st_reg (c, MDL_X86_RDX, d->rn);
  }
  if (!store)
    st_reg (c, MDL_X86_RAX, d->rd);
  done = mdl_x86_jmp_fwd (a);
  mdl_x86_bind (a, slow1);
  if (size > 1)
    mdl_x86_bind (a, slow2);
  if (!emit_exec_mid (c, ins, i))
    return false;
  mdl_x86_bind (a, done);
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
  if (ins->e.inner != NULL || d->rn == 15 || (d->imm & 0xffff) == 0)
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
    if (!emit_exec_mid (c, ins, i))
      return false;
    mdl_x86_bind (a, done);
    return true;
  }

  /* pop {..., pc}: as ldm_common's end, then on as emit_exec_last */
  {
    size_t leave1, leave2, go_on;

    sync_it (c, 0);
    mdl_x86_load (a, 4, false, MDL_X86_RDX, MDL_X86_RDX, 4 * k);
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
  mdl_x86_bind (a, slow1);
  mdl_x86_bind (a, slow2);
  mdl_x86_bind (a, slow3);
  return emit_exec_last (c, ins, i, n);
}

/* A literal load from ROM: a constant (loaders and debuggers writing ROM
 * flush the blocks). */
static bool
lit_constant (ArmCpu *s, const ArmJitInsn *ins, uint32_t *value)
{
  const ArmDecoded *d = &ins->dec;
  uint32_t addr = (ins->pc & ~3u) + 4 + d->imm;
  bool sign, store;
  unsigned size;
  MdlRamWindow w;

  if (d->kind != ARM_K_LIT || ins->e.inner != NULL || insn_op (d) < ARM_OP_LDR
      || insn_op (d) > ARM_OP_LDRSH)
    return false;
  size = ls_size (insn_op (d), &sign, &store);
  if ((addr & (size - 1)) || !mdl_address_space_ram_window (s->cpu.as, addr, &w) || w.writable
      || addr - w.base + size > w.size)
    return false;
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
 * between IT and the block's first instruction or leaves run() on
 * exit_request: leave for it whenever it could do either. */
static void
emit_it (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i)
{
  size_t leave1, leave2, go_on;

  mdl_x86_cmp_m8_i (c->a, MDL_X86_STATE, SOFF (cpu.exit_request), 0);
  leave1 = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
  mdl_x86_load (c->a, 4, false, MDL_X86_RAX, MDL_X86_STATE, SOFF (exc_pending));
  for (unsigned w = 1; w < ARM_EXC_WORDS; w++)
    mdl_x86_alu_rm (c->a, MDL_X86_OR, false, MDL_X86_RAX, MDL_X86_STATE,
                    SOFF (exc_pending) + 4 * (int32_t) w);
  mdl_x86_test_rr (c->a, false, MDL_X86_RAX, MDL_X86_RAX);
  leave2 = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
  go_on = mdl_x86_jmp_fwd (c->a);
  mdl_x86_bind (c->a, leave1);
  mdl_x86_bind (c->a, leave2);
  mdl_x86_mov_ri (c->a, MDL_X86_RDX, ins->it_next);
  st_field (c, MDL_X86_RDX, SOFF (itstate));
  mdl_x86_mov_ri (c->a, MDL_X86_RAX, (ins->pc + ins->dec.len) | ARM_CHECK);
  leave_after (c, i);
  mdl_x86_bind (c->a, go_on);
}

static bool emit_insn_body (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n);

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
    return true;
  }
  if (!ins->it || cond >= 14)
    return emit_insn_body (c, ins, i, n);
  c->prev_fuse = ARM_FUSE_NONE;
  emit_cond (c, cond);
  if (ends_block (&ins->dec)) {
    size_t run = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);

    emit_block_end (c, n, ins->pc + ins->dec.len, false);
    mdl_x86_bind (c->a, run);
    return emit_insn_body (c, ins, i, n);
  }
  skip = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_E);
  ok = emit_insn_body (c, ins, i, n);
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
          mdl_x86_alu_rr (c->a, MDL_X86_CMP, false, MDL_X86_RAX, MDL_X86_RCX);
        else
          mdl_x86_test_rr (c->a, false, MDL_X86_RAX, MDL_X86_RAX);
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
    mdl_x86_mov_ri (c->a, MDL_X86_RAX, next | 1);
    st_reg (c, MDL_X86_RAX, 14);
    emit_block_end (c, n, target, true);
    return true;
  case ARM_OP_CBZ:
  case ARM_OP_CBNZ: {
    size_t taken;

    mdl_x86_load (c->a, 4, false, MDL_X86_RAX, MDL_X86_STATE, ROFF (d->rn));
    mdl_x86_test_rr (c->a, false, MDL_X86_RAX, MDL_X86_RAX);
    taken = mdl_x86_jcc_fwd (c->a, op == ARM_OP_CBZ ? MDL_X86_CC_E : MDL_X86_CC_NE);
    emit_block_end (c, n, next, false);
    mdl_x86_bind (c->a, taken);
    emit_block_end (c, n, target, true);
    return true;
  }
  case ARM_OP_MUL:
    if (ins->e.inner != NULL)
      break;
    ld_reg (c, MDL_X86_RAX, d->rn);
    ld_reg (c, MDL_X86_RCX, d->rm);
    mdl_x86_imul_rr (c->a, false, MDL_X86_RAX, MDL_X86_RCX);
    st_reg (c, MDL_X86_RAX, d->rd);
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
    if (ins->e.inner != NULL)
      break;
    /* the 32-bit forms rotate first */
    ld_reg (c, MDL_X86_RAX, d->rm);
    if (d->shift_n)
      mdl_x86_shift_ri (c->a, MDL_X86_ROR, false, MDL_X86_RAX, d->shift_n);
    if (op == ARM_OP_UXTB || op == ARM_OP_UXTH)
      mdl_x86_alu_ri (c->a, MDL_X86_AND, false, MDL_X86_RAX, op == ARM_OP_UXTB ? 0xff : 0xffff);
    else {
      mdl_x86_shift_ri (c->a, MDL_X86_SHL, false, MDL_X86_RAX, op == ARM_OP_SXTB ? 24 : 16);
      mdl_x86_shift_ri (c->a, MDL_X86_SAR, false, MDL_X86_RAX, op == ARM_OP_SXTB ? 24 : 16);
    }
    st_reg (c, MDL_X86_RAX, d->rd);
    return true;
  default: break;
  }
  if (dp_inline (ins)) {
    emit_dp (c, d);
    return true;
  }
  if (op >= ARM_OP_LDR && op <= ARM_OP_STRH && ins->e.inner == NULL
      && (d->kind == ARM_K_OFF_IMM || d->kind == ARM_K_OFF_REG || d->kind == ARM_K_PUW))
    return emit_ls (c, ins, i);
  if (ins->rom && lit_constant (c->s, ins, &lit)) {
    mdl_x86_mov_ri (c->a, MDL_X86_RAX, lit);
    st_reg (c, MDL_X86_RAX, d->rd);
    return true;
  }
  if (ldstm_inline (ins))
    return emit_ldstm (c, ins, i, n);
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
    arm_interp_entry (&ins->e, &ins->dec, (uint32_t) at, it != 0);
    ins->pc = (uint32_t) at;
    ins->rom = !w.writable;
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
  if (op == ARM_OP_MUL && ins->e.inner == NULL)
    return ARM_FL_N | ARM_FL_Z;
  if (!dp_inline (ins))
    return 0;
  switch (op) {
  case ARM_OP_ADD:
  case ARM_OP_SUB:
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
  case ARM_OP_UXTH: return ins->e.inner == NULL ? 0 : ARM_FL_ALL;
  default: return dp_inline (ins) ? 0 : ARM_FL_ALL;
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
  for (unsigned i = 0; i < n; i++) {
    c->need = need[i];
    c->ended = false;
    c->cur = &insns[i];
    c->prev_fuse = c->fuse;
    c->fuse = ARM_FUSE_NONE;
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
    ArmJitCtx c = { .jit = jit, .a = &a, .s = s };
    const MdlJitBlock *b;

    mdl_jit_begin (jit, &a);
    if (!arm_jit_emit (&c, insns, n, end))
      a.overflow = true;
    b = mdl_jit_commit (jit, &a, pc, end, mode, n);
    if (b != NULL) {
      /* Stores to these bytes must reach the block (arm_code_written). */
      arm_note_code (s, pc, end - pc);
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
  /* As in arm_run: a lockup on the way into a handler runs nothing. */
  if (cpu->state != MDL_CPU_RUNNING)
    budget = 0;

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
