/* Indirect branches in translated Thumb code (the parts:
 * arm-jit-private.h): bx and tbb/tbh (and the end of a pop of the pc) on
 * through the inline cache, an exception return or INVSTATE through the
 * executor.
 */
#include "arm-jit-private.h"

/* Ends a block of @n instructions at the Thumb address in eax: on
 * through the inline cache, or out to the check when exit_request is set
 * (as arm_jump does). */
static bool
emit_jump_indirect (ArmJitCtx *c, unsigned n)
{
  MdlJitAsm *a = c->a;
  size_t leave;

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

/* BXWritePC of the address in eax, ending a block of @n instructions
 * whose registers are stored: an address with the Thumb bit and below
 * 0xf0000000 (no exception return) goes on through the inline cache, or
 * leaves for exit_request as arm_jump does.  Anything else (an exception
 * return, INVSTATE) goes to the two fixups in @slow, eax kept, for the
 * caller's slow path. */
bool
arm_jit_emit_bx_fast (ArmJitCtx *c, unsigned n, size_t slow[2])
{
  MdlJitAsm *a = c->a;

  mdl_x86_alu_ri (a, MDL_X86_CMP, false, MDL_X86_RAX, (int32_t) 0xf0000000u);
  slow[0] = mdl_x86_jcc_fwd (a, MDL_X86_CC_AE);
  mdl_x86_mov_rr (a, false, MDL_X86_RDX, MDL_X86_RAX);
  mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RDX, 1);
  slow[1] = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
  mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RAX, -2);
  if (!emit_jump_indirect (c, n))
    return false;
  return true;
}

/* bx rm: BXWritePC inline (arm_jit_emit_bx_fast), the executor for the rest. */
bool
arm_jit_emit_bx (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n)
{
  size_t slow[2];

  /* (bx ends its IT block: it_next is 0; ITSTATE first, whose store may
   * go through rax or rdx) */
  sync_it (c, ins->it_next);
  mdl_x86_mov_rr (c->a, false, MDL_X86_RAX, src (c, ins->dec.rm));
  cache_store_dirty (c, false);
  if (!arm_jit_emit_bx_fast (c, n, slow))
    return false;
  return arm_jit_emit_slow_last (c, ins, i, n, slow, 2);
}

/* tbb/tbh: the table's entry loaded on the fast path of a load (the
 * table is usually among the code: the fetch window), then on through
 * the inline cache as arm_jit_emit_bx_fast; the executor for the rest. */
bool
arm_jit_emit_tb (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n)
{
  const ArmDecoded *d = &ins->dec;
  MdlJitAsm *a = c->a;
  unsigned size = insn_op (d) == ARM_OP_TBH ? 2 : 1;
  size_t slow[5], done[2];
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
  arm_jit_emit_access_fast (c, size, false, false, false, MDL_X86_RAX, false, MDL_X86_RAX, 0, slow,
                            &n_slow, done, &n_done);
  for (unsigned k = 0; k < n_done; k++)
    mdl_x86_bind (a, done[k]);
  /* pc + 4 + 2 * entry */
  mdl_x86_alu_rr (a, MDL_X86_ADD, false, MDL_X86_RAX, MDL_X86_RAX);
  mdl_x86_alu_ri (a, MDL_X86_ADD, false, MDL_X86_RAX, (int32_t) (ins->pc + 4));
  if (!emit_jump_indirect (c, n))
    return false;
  return arm_jit_emit_slow_last (c, ins, i, n, slow, n_slow);
}
