/* The exclusives in translated Thumb code (the parts: arm-jit-private.h):
 * ldrex and strex, word, halfword and byte, with the monitor in the CPU
 * state.
 */
#include "arm-jit-private.h"

/* Whether an exclusive load or store is translated inline: no register
 * sp or the pc, a status register apart from the others. */
bool
arm_jit_excl_inline (const ArmJitInsn *ins)
{
  const ArmDecoded *d = &ins->dec;

  switch (insn_op (d)) {
  case ARM_OP_LDREX:
  case ARM_OP_LDREXB:
  case ARM_OP_LDREXH: return ins->e.inner == 0 && d->rn < 15 && d->rd < 13;
  case ARM_OP_STREX:
  case ARM_OP_STREXB:
  case ARM_OP_STREXH:
    return ins->e.inner == 0 && d->rn < 15 && d->rd < 13 && d->ra < 13 && d->ra != d->rn
           && d->ra != d->rd;
  default: return false;
  }
}

/* eax - the window's base in ecx; jumps to the returned fixup when it is
 * not below the limit. */
static size_t
emit_window_check (ArmJitCtx *c, bool store)
{
  mdl_x86_mov_rr (c->a, false, MDL_X86_RCX, MDL_X86_RAX);
  mdl_x86_alu_rm (c->a, MDL_X86_SUB, false, MDL_X86_RCX, MDL_X86_STATE,
                  store ? SOFF (st_base) : SOFF (ld_base));
  mdl_x86_alu_rm (c->a, MDL_X86_CMP, false, MDL_X86_RCX, MDL_X86_STATE,
                  store ? SOFF (st_limit) : SOFF (ld_limit));
  return mdl_x86_jcc_fwd (c->a, MDL_X86_CC_AE);
}

/* ldrex/strex (word, halfword, byte) as arm_ldrex/arm_strex do, with the
 * monitor in the CPU state (exception entry and return clear it there):
 * an aligned address in the RAM windows inline, the executor for the rest
 * (its UsageFault whatever CCR says, devices, faults), called before
 * anything of the monitor changed.  A strex the monitor refuses touches no
 * memory, as the executor's; one it allows reads the word first and
 * stores only when it still holds what ldrex loaded. */
bool
arm_jit_emit_excl (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i)
{
  const ArmDecoded *d = &ins->dec;
  MdlJitAsm *a = c->a;
  ArmOp op = insn_op (d);
  bool store = op == ARM_OP_STREX || op == ARM_OP_STREXB || op == ARM_OP_STREXH;
  unsigned size = op == ARM_OP_LDREX || op == ARM_OP_STREX     ? 4
                  : op == ARM_OP_LDREXH || op == ARM_OP_STREXH ? 2
                                                               : 1;
  MdlX86Reg base = src (c, d->rn), val, status = MDL_X86_RAX;
  size_t slow[4], done[2] = { 0, 0 }, fail[4];
  unsigned n_slow = 0, n_fail = 0;

  mdl_x86_mov_rr (a, false, MDL_X86_RAX, base);
  if (d->imm)
    mdl_x86_alu_ri (a, MDL_X86_ADD, false, MDL_X86_RAX, (int32_t) d->imm);
  /* the registers before the paths part (a loaded one is not loaded) */
  val = store ? src (c, d->rd) : dst_slot (c, d->rd, false);
  if (store)
    status = dst_slot (c, d->ra, false);
  if (size > 1) {
    mdl_x86_mov_rr (a, false, MDL_X86_RCX, MDL_X86_RAX);
    mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RCX, (int32_t) size - 1);
    slow[n_slow++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  }
  if (!store) {
    slow[n_slow++] = emit_window_check (c, false);
    mdl_x86_load (a, 8, false, MDL_X86_RDX, MDL_X86_STATE, SOFF (ld_host));
    mdl_x86_load_idx (a, size, false, val, MDL_X86_RDX, MDL_X86_RCX);
    mdl_x86_store_i8 (a, MDL_X86_STATE, SOFF (excl_valid), 1);
    st_field (c, MDL_X86_RAX, SOFF (excl_addr));
    mdl_x86_mov_ri (a, MDL_X86_RDX, size);
    st_field (c, MDL_X86_RDX, SOFF (excl_size));
    st_field (c, val, SOFF (excl_value));
    done[0] = mdl_x86_jmp_fwd (a);
  } else {
    /* refused: no monitor, another address or size */
    mdl_x86_cmp_m8_i (a, MDL_X86_STATE, SOFF (excl_valid), 0);
    fail[n_fail++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
    mdl_x86_alu_rm (a, MDL_X86_CMP, false, MDL_X86_RAX, MDL_X86_STATE, SOFF (excl_addr));
    fail[n_fail++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
    mdl_x86_alu_mi (a, MDL_X86_CMP, false, MDL_X86_STATE, SOFF (excl_size), (int32_t) size);
    fail[n_fail++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
    /* allowed: the value now, then the store (both windows first) */
    slow[n_slow++] = emit_window_check (c, false);
    mdl_x86_load (a, 8, false, MDL_X86_RDX, MDL_X86_STATE, SOFF (ld_host));
    mdl_x86_load_idx (a, size, false, MDL_X86_RDX, MDL_X86_RDX, MDL_X86_RCX);
    slow[n_slow++] = emit_window_check (c, true);
    mdl_x86_alu_rm (a, MDL_X86_CMP, false, MDL_X86_RDX, MDL_X86_STATE, SOFF (excl_value));
    fail[n_fail++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
    mdl_x86_load (a, 8, false, MDL_X86_RDX, MDL_X86_STATE, SOFF (st_host));
    mdl_x86_store_idx (a, size, val, MDL_X86_RDX, MDL_X86_RCX);
    mdl_x86_store_i8 (a, MDL_X86_STATE, SOFF (excl_valid), 0);
    mdl_x86_mov_ri (a, status, 0);
    done[0] = mdl_x86_jmp_fwd (a);
    for (unsigned k = 0; k < n_fail; k++)
      mdl_x86_bind (a, fail[k]);
    mdl_x86_store_i8 (a, MDL_X86_STATE, SOFF (excl_valid), 0);
    mdl_x86_mov_ri (a, status, 1);
    done[1] = mdl_x86_jmp_fwd (a);
  }
  if (!arm_jit_emit_slow_mid (c, ins, i, slow, n_slow))
    return false;
  mdl_x86_bind (a, done[0]);
  if (store)
    mdl_x86_bind (a, done[1]);
  dst (c, store ? d->ra : d->rd);
  return true;
}
