/* Conditions in translated Thumb code (the parts: arm-jit-private.h).
 *
 * IT blocks are translated with the block they lie in: each
 * instruction's condition is known at translation time and skips it in
 * host code; ITSTATE is written to the CPU state only where an executor or
 * an exit may see it.  A conditional branch right after a compare or a
 * logic operation tests the host flags again (ARM_FUSE_*).
 */
#include "arm-jit-private.h"

/* eax = 1 when condition @cond (not AL) passes, else 0, as
 * arm_cond_pass; leaves the host flags of "test eax, eax". */
void
arm_jit_emit_cond (ArmJitCtx *c, unsigned cond)
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

/* The host condition for Arm condition @cond (not AL) from what the
 * previous instruction left (@fuse), or -1 when it must be computed from
 * the CPU state. */
int
arm_jit_fused_cc (unsigned fuse, unsigned cond)
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

/* Whether an instruction under an IT condition only computes cached
 * registers (no call, no exit): then its registers are loaded before the
 * condition, so that both paths join with the same cache and nothing is
 * stored or forgotten around it. */
static bool
simple_cond (const ArmJitInsn *ins)
{
  ArmOp op = insn_op (&ins->dec);

  if (arm_jit_dp_inline (ins) || arm_jit_reg_inline (ins))
    return true;
  return (op == ARM_OP_MUL || op == ARM_OP_SXTB || op == ARM_OP_SXTH || op == ARM_OP_UXTB
          || op == ARM_OP_UXTH)
         && ins->e.inner == 0;
}

/* An instruction, under the condition of its IT block: skipped in host
 * code when it fails (a last instruction that would end the block ends
 * it at the next one instead). */
bool
arm_jit_emit_insn (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n)
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
    return arm_jit_emit_insn_body (c, ins, i, n);
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
      cc = arm_jit_fused_cc (ARM_FUSE_LOGIC, cond);
    if (cc >= 0) {
      mdl_x86_test_rr (c->a, false, fx, fx);
      skip = mdl_x86_jcc_fwd (c->a, (MdlX86Cond) (cc ^ 1));
    } else {
      arm_jit_emit_cond (c, cond);
      skip = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_E);
    }
    ok = arm_jit_emit_insn_body (c, ins, i, n);
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
  arm_jit_emit_cond (c, cond);
  if (arm_jit_ends_block (&ins->dec)) {
    size_t run = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);

    arm_jit_emit_block_end (c, n, ins->pc + ins->dec.len, false);
    mdl_x86_bind (c->a, run);
    /* The path that runs it needs an end of its own: a body that leaves
     * none (an inline load into the scratch r15, such as ldrsh pc, [pc,
     * #imm], a hint) gets the block's (arm_jit_emit); it ran on into
     * whatever the code memory held after the block (a host crash,
     * fuzz-arm arm/regressions/it-load-to-r15-block-end). */
    c->ended = false;
    return arm_jit_emit_insn_body (c, ins, i, n);
  }
  skip = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_E);
  ok = arm_jit_emit_insn_body (c, ins, i, n);
  cache_flush (c);
  mdl_x86_bind (c->a, skip);
  c->fuse = ARM_FUSE_NONE; /* (skipped, the host registers hold nothing) */
  return ok;
}
