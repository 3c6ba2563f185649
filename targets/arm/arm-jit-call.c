/* Calling the interpreter's executors from translated Thumb code (the
 * parts: arm-jit-private.h).
 *
 * Everything not translated inline (system registers, exceptions, FP,
 * DSP, anything else reading or writing r15 or writing r13, a load or
 * store off the fast path) calls the interpreter's executor for that one
 * instruction with the exact count of instructions before it, as
 * riscv-jit.c does; when it returns anything but the next address, or a
 * flush happened meanwhile (a store to the block's own code among them),
 * the block leaves with what it returned.  A block ending in such an
 * instruction leaves through an inline cache.
 */
#include "arm-jit-private.h"

/* Calls the executor of instruction @i (its result in rax). */
static bool
emit_call (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i)
{
  ArmInsn *d = mdl_jit_alloc_data (c->jit, sizeof *d);

  if (d == NULL)
    return false;
  *d = ins->e;
  arm_jit_count_fallback (c, ins);
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

/* After the executor of instruction @i: leaves with its result in rax
 * unless the host flags say equal (ZF) and nothing was flushed. */
static void
leave_unless_equal (ArmJitCtx *c, unsigned i)
{
  size_t leave1, leave2, go_on;

  leave1 = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
  leave2 = jcc_stale (c);
  go_on = mdl_x86_jmp_fwd (c->a);
  mdl_x86_bind (c->a, leave1);
  mdl_x86_bind (c->a, leave2);
  leave_after (c, i);
  mdl_x86_bind (c->a, go_on);
}

/* The executor of instruction @i in the middle of a block: goes on when it
 * returned @next and nothing was flushed, else leaves with its result.
 * The caller has stored the dirty registers. */
static bool
emit_exec_mid_raw (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i)
{
  uint32_t next = ins->pc + ins->dec.len;

  if (!emit_call (c, ins, i))
    return false;
  mdl_x86_alu_ri (c->a, MDL_X86_CMP, false, MDL_X86_RAX, (int32_t) next);
  leave_unless_equal (c, i);
  return true;
}

/* The same for a whole instruction: nothing cached after it. */
bool
arm_jit_emit_exec_mid (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i)
{
  cache_flush (c);
  return emit_exec_mid_raw (c, ins, i);
}

/* The executor of the last instruction @i of @n (a jump, or one that
 * always asks for the check): its result is where to go on, through the
 * inline cache unless it asks for the check or a flush happened. */
bool
arm_jit_emit_exec_last (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n)
{
  cache_flush (c);
  if (!emit_call (c, ins, i))
    return false;
  mdl_x86_alu_ri (c->a, MDL_X86_AND, false, MDL_X86_RAX, -1); /* zero-extends */
  mdl_x86_mov_rr (c->a, false, MDL_X86_RDX, MDL_X86_RAX);
  mdl_x86_alu_ri (c->a, MDL_X86_AND, false, MDL_X86_RDX, (int32_t) ARM_CHECK);
  leave_unless_equal (c, i);
  mdl_x86_lea (c->a, MDL_X86_COUNT, MDL_X86_COUNT, (int32_t) n);
  c->ended = true;
  return mdl_jit_emit_exit_indirect (c->jit, c->a);
}

/* The slow path of an instruction translated inline, where the jumps in
 * @slow lead: its executor, counted apart (MEDLEY_ARM_JIT_FALLBACKS).  In
 * the middle of a block the executor sees the CPU state and the cache is
 * then what the fast path leaves; at the end it leaves as
 * arm_jit_emit_exec_last. */
bool
arm_jit_emit_slow_mid (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, const size_t *slow,
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

bool
arm_jit_emit_slow_last (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n,
                        const size_t *slow, unsigned n_slow)
{
  bool ok;

  for (unsigned k = 0; k < n_slow; k++)
    mdl_x86_bind (c->a, slow[k]);
  c->slow_path = true;
  ok = arm_jit_emit_exec_last (c, ins, i, n);
  c->slow_path = false;
  return ok;
}
