/* Load and store multiple in translated Thumb code (the parts:
 * arm-jit-private.h): ldm, ldmdb, stm and stmdb, push and pop among them,
 * with every word in the RAM window; a pop of the pc on through the inline
 * cache.
 */
#include "arm-jit-private.h"

/* Whether a load or store multiple is translated inline: base other than
 * the pc, not wrapped (push and pop are not; other sp bases are), no pc
 * to store, a pc to load only outside IT blocks. */
bool
arm_jit_ldstm_inline (const ArmJitInsn *ins)
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
bool
arm_jit_emit_ldstm (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i, unsigned n)
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
    if (!arm_jit_emit_exec_mid (c, ins, i))
      return false;
    c->slow_path = false;
    mdl_x86_bind (a, done);
    return true;
  }

  /* pop {..., pc}: as ldm_common's end, BXWritePC inline where it can
   * be (arm_jit_emit_bx_fast), else arm_bx_write_pc and on as arm_jit_emit_exec_last */
  {
    size_t leave1, leave2, go_on, bx_slow[2];

    mdl_x86_load (a, 4, false, MDL_X86_RAX, MDL_X86_RDX, 4 * k);
    if (!arm_jit_emit_bx_fast (c, n, bx_slow))
      return false;
    mdl_x86_bind (a, bx_slow[0]);
    mdl_x86_bind (a, bx_slow[1]);
    mdl_x86_mov_rr (a, false, MDL_X86_RCX, MDL_X86_RAX);
    mdl_x86_mov_rr (a, true, MDL_X86_RDI, MDL_X86_STATE);
    mdl_x86_lea (a, MDL_X86_RSI, MDL_X86_COUNT, (int32_t) i);
    mdl_x86_mov_ri (a, MDL_X86_RDX, ins->pc);
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

    return arm_jit_emit_slow_last (c, ins, i, n, slow, 3);
  }
}
