/* Translating a block of Thumb code (the parts: arm-jit-private.h).
 *
 * A block is straight-line code from one address in one 4 KiB page of
 * RAM or ROM, up to the first branch or instruction that may change the
 * flow or the core's mode (or ARM_JIT_MAX_INSNS); code outside RAM and
 * ROM windows is not translated.  IT blocks inside it are translated with
 * it (arm-jit-cond.c).  A block that branches back to its start goes on
 * at its head with its registers still in host registers
 * (arm_jit_emit_block_end).
 */
#include "arm-jit-private.h"

#include <string.h>

/* The host registers of "guest registers in host registers"
 * (arm-jit-private.h). */
static const MdlX86Reg arm_jit_pool[] = {
  MDL_X86_RSI, MDL_X86_RDI, MDL_X86_R8, MDL_X86_R9, MDL_X86_R10, MDL_X86_R11,
};

/* Instructions after which a block stops: they jump or may jump, or
 * always ask for the loop's check. */
bool
arm_jit_ends_block (const ArmDecoded *d)
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

/* Stores the flags the instruction before the block's last left in host
 * registers (defer); called where they may be seen: an exit, a read of
 * the CPU state's flags. */
static void
store_deferred (ArmJitCtx *c)
{
  if (c->defer & ARM_FL_N)
    st_field (c, c->defer_nz, SOFF (nf));
  if (c->defer & ARM_FL_Z)
    st_field (c, c->defer_nz, SOFF (zf));
  if (c->defer & ARM_FL_C)
    st_field (c, c->defer_c, SOFF (cf));
  if (c->defer & ARM_FL_V) {
    mdl_x86_shift_ri (c->a, MDL_X86_SHL, false, c->defer_v, 31);
    st_field (c, c->defer_v, SOFF (vf));
  }
}

/* The end of a block at a known address: count its instructions, then on
 * a taken branch let run() stop when the engine asked it to (arm_jump),
 * else go on through a chain slot.  A taken branch back to the block's
 * start whose cache is what the head loaded (loop_pre) goes on at the
 * head when the budget allows the whole block again, the registers still
 * in host registers and not stored (the head takes them for dirty): the
 * budget check, the loads and the stores skipped. */
void
arm_jit_emit_block_end (ArmJitCtx *c, unsigned n, uint32_t target, bool taken)
{
  bool loop = taken && target == c->start && n == c->n_insns;

  if (loop && !c->loop_pre && !c->loop_seen) {
    c->loop_seen = true;
    mdl_jit_regs_save (&c->regs, &c->loop);
  }
  if (loop && c->loop_pre && mdl_jit_regs_matches (&c->regs, &c->loop)) {
    size_t again;

    /* (ITSTATE is 0 at the head as at the block's start) */
    sync_it (c, c->cur->it_next);
    mdl_x86_lea (c->a, MDL_X86_COUNT, MDL_X86_COUNT, (int32_t) n);
    /* count + n <= budget, as the block's own check (which a kick
     * fails: mdl_jit_emit_block_end) */
    mdl_x86_lea (c->a, MDL_X86_RAX, MDL_X86_COUNT, (int32_t) n);
    mdl_x86_alu_rm (c->a, MDL_X86_CMP, true, MDL_X86_RAX, MDL_X86_STATE, SOFF (cpu.jit_budget));
    again = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_A);
    /* (the head overwrites the deferred flags before anything reads
     * them: defer_ok) */
    mdl_x86_jmp_to (c->a, c->loop_head);
    mdl_x86_bind (c->a, again);
    store_deferred (c);
    cache_store_dirty (c, false);
    mdl_jit_emit_exit_slot (c->jit, c->a, target);
    c->ended = true;
    return;
  }
  store_deferred (c);
  /* (a branch is the last instruction of an IT block: it_next is 0) */
  cache_store_dirty (c, false);
  sync_it (c, c->cur->it_next);
  mdl_jit_emit_block_end (c->jit, c->a, n, target);
  c->ended = true;
}

/* A conditional branch (b<cond>, cbz, cbnz; outside IT blocks) before
 * the block's last instruction is a side exit: its taken way, after the
 * jump to @fall that skips it, leaves as a taken branch does after
 * instruction @i; the block goes on with the way not taken, its
 * registers still cached and dirty (only the way out stores them).  The
 * flags are in the CPU state already: a branch reads them all
 * (flags_read). */
static void
emit_side_exit (ArmJitCtx *c, unsigned i, uint32_t target, size_t fall)
{
  arm_jit_emit_block_end (c, i + 1, target, true);
  c->ended = false;
  mdl_x86_bind (c->a, fall);
}

/* Whether a scan from @start goes on after @ins, a branch that would end
 * the block: a conditional one outside an IT block becomes a side exit,
 * unless it branches back to @start: ending there keeps the loop in the
 * block, its registers in host registers (arm_jit_emit_block_end). */
static bool
is_side_exit (const ArmJitInsn *ins, uint32_t start)
{
  ArmOp op = insn_op (&ins->dec);

  if (ins->it != 0 || ins->pc + 4 + ins->dec.imm == start)
    return false;
  return (op == ARM_OP_BCOND && ins->dec.cond < 14) || op == ARM_OP_CBZ || op == ARM_OP_CBNZ;
}

bool
arm_jit_emit_insn_body (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n)
{
  const ArmDecoded *d = &ins->dec;
  ArmOp op = insn_op (d);
  uint32_t next = ins->pc + d->len, target = ins->pc + 4 + d->imm, lit;

  switch (op) {
  case ARM_OP_BCOND:
    if (d->cond < 14) {
      int cc = arm_jit_fused_cc (c->prev_fuse, d->cond);
      bool side = i + 1 < n;
      size_t taken;

      /* Right after the compare: its host flags again, not the state's. */
      if (cc >= 0) {
        if (c->prev_fuse == ARM_FUSE_SUB)
          alu_y (c->a, MDL_X86_CMP, c->prev_x, c->prev_y_imm, c->prev_y, c->prev_imm);
        else
          mdl_x86_test_rr (c->a, false, c->prev_x, c->prev_x);
        taken = mdl_x86_jcc_fwd (c->a, (MdlX86Cond) (side ? cc ^ 1 : cc));
      } else {
        /* (it reads the CPU state's flags, through rax and rcx) */
        store_deferred (c);
        c->defer = 0;
        arm_jit_emit_cond (c, d->cond);
        taken = mdl_x86_jcc_fwd (c->a, side ? MDL_X86_CC_E : MDL_X86_CC_NE);
      }
      if (side) {
        emit_side_exit (c, i, target, taken);
        return true;
      }
      arm_jit_emit_block_end (c, n, next, false);
      mdl_x86_bind (c->a, taken);
    }
    arm_jit_emit_block_end (c, n, target, true);
    return true;
  case ARM_OP_B: arm_jit_emit_block_end (c, n, target, true); return true;
  case ARM_OP_BL:
    mdl_x86_mov_ri (c->a, dst (c, 14), next | 1);
    arm_jit_emit_block_end (c, n, target, true);
    return true;
  case ARM_OP_CBZ:
  case ARM_OP_CBNZ: {
    size_t taken;

    MdlX86Reg x = src (c, d->rn);

    mdl_x86_test_rr (c->a, false, x, x);
    if (i + 1 < n) {
      emit_side_exit (c, i, target,
                      mdl_x86_jcc_fwd (c->a, op == ARM_OP_CBZ ? MDL_X86_CC_NE : MDL_X86_CC_E));
      return true;
    }
    taken = mdl_x86_jcc_fwd (c->a, op == ARM_OP_CBZ ? MDL_X86_CC_E : MDL_X86_CC_NE);
    arm_jit_emit_block_end (c, n, next, false);
    mdl_x86_bind (c->a, taken);
    arm_jit_emit_block_end (c, n, target, true);
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
  case ARM_OP_MRS:
    /* IPSR alone, what a shared handler reads first (the other views
     * are arm_exec_mrs's): no exception changes it inside a block. */
    if (ins->e.inner != 0 || d->imm != 5 || d->rd >= 13)
      break;
    mdl_x86_load (c->a, 4, false, MDL_X86_RAX, MDL_X86_STATE, SOFF (ipsr));
    mdl_x86_mov_rr (c->a, false, dst (c, d->rd), MDL_X86_RAX);
    return true;
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
  if (arm_jit_dp_inline (ins)) {
    arm_jit_emit_dp (c, ins);
    return true;
  }
  if (arm_jit_reg_inline (ins)) {
    arm_jit_emit_reg_inline (c, ins);
    return true;
  }
  if (op >= ARM_OP_LDR && op <= ARM_OP_STRH && ins->e.inner == 0
      && (d->kind == ARM_K_OFF_IMM || d->kind == ARM_K_OFF_REG || d->kind == ARM_K_PUW))
    return arm_jit_emit_ls (c, ins, i);
  if (arm_jit_lit_constant (c->s, ins, &lit, c->start, &c->lit_end)) {
    mdl_x86_mov_ri (c->a, dst (c, d->rd), lit);
    return true;
  }
  if (arm_jit_ldstm_inline (ins))
    return arm_jit_emit_ldstm (c, ins, i, n);
  if (arm_jit_ldrd_inline (ins))
    return arm_jit_emit_ldrd (c, ins, i);
  if (arm_jit_excl_inline (ins))
    return arm_jit_emit_excl (c, ins, i);
  if (op == ARM_OP_CLREX) {
    mdl_x86_store_i8 (c->a, MDL_X86_STATE, SOFF (excl_valid), 0);
    return true;
  }
  if ((op == ARM_OP_TBB || op == ARM_OP_TBH) && d->rm < 13
      && (ins->e.inner == 0 || (d->rn == 15 && ins->e.pc_flags == ARM_PC_READ)))
    return arm_jit_emit_tb (c, ins, i, n);
  if (op == ARM_OP_BX && ins->e.inner == 0 && d->rm != 15)
    return arm_jit_emit_bx (c, ins, i, n);
  if (arm_jit_ends_block (d))
    return arm_jit_emit_exec_last (c, ins, i, n);
  return arm_jit_emit_exec_mid (c, ins, i);
}

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
    /* A branch (or anything else that ends a block) inside an IT block
     * but not in its last slot is UNPREDICTABLE; the interpreter goes on
     * with ITSTATE advanced, which a block's end (chained to a block
     * that starts with ITSTATE 0, or a loop's branch back) would drop:
     * the dispatcher steps it with the interpreter (fuzz-arm:
     * arm/regressions/it-branch-not-last). */
    if (it != 0 && ins->it != 0 && arm_jit_ends_block (&ins->dec))
      break;
    n++;
    at += ins->dec.len;
    if (arm_jit_ends_block (&ins->dec) && !is_side_exit (ins, pc))
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
  if (!arm_jit_dp_inline (ins))
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
    if (arm_jit_dp_inline (ins))
      return ARM_FL_C; /* the carry in */
    return ARM_FL_ALL;
  default: return arm_jit_dp_inline (ins) || arm_jit_reg_inline (ins) ? 0 : ARM_FL_ALL;
  }
}

/* Whether the block is a loop whose last instruction is a branch back
 * to its start (b, or b<cond> right after the flags' maker, which the
 * branch tests on the host flags when it can) and the one before it
 * data processing translated inline (arm_jit_emit_dp), both outside IT
 * blocks: that one may leave the flags the loop's head overwrites to the
 * block's exits. */
static bool
loop_defers (const ArmJitCtx *c, const ArmJitInsn *insns, unsigned n)
{
  const ArmJitInsn *br, *mk;
  ArmOp op;

  if (!c->loop_pre || n < 2)
    return false;
  br = &insns[n - 1];
  mk = &insns[n - 2];
  op = insn_op (&br->dec);
  if (br->it || mk->it)
    return false;
  if (!(op == ARM_OP_B || (op == ARM_OP_BCOND && br->dec.cond < 14))
      || br->pc + 4 + br->dec.imm != c->start)
    return false;
  return arm_jit_dp_inline (mk) && mk->dec.rd != 13;
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
  /* (live is now what the block reads of the flags it is entered with) */
  bool defers = loop_defers (c, insns, n);

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
    c->defer_ok = defers && i + 2 == n ? need[i] & ~live : 0;
    if (i + 1 < n)
      c->defer = 0;
    mdl_jit_regs_next_insn (&c->regs);
    if (!arm_jit_emit_insn (c, &insns[i], i, n))
      return false;
  }
  /* (a hint such as pld may end a scan and emit nothing) */
  if (!c->ended)
    arm_jit_emit_block_end (c, n, end, false);
  return true;
}

const MdlJitBlock *
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
     * head (arm_jit_emit_block_end); the first translation is dropped. */
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
