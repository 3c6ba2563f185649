/* Single loads and stores in translated Thumb code (the parts:
 * arm-jit-private.h): the RAM fast path of ldr/str (immediate or register
 * offset, pre- and post-indexed) and of ldrd/strd, the executor for the
 * rest; literal loads as constants.
 */
#include "arm-jit-private.h"

#include <string.h>

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

/* Jumps to the returned fixup when the address in eax is misaligned for
 * @size and alignment is checked (align_mask, 0 or ~0): the aligned case
 * first, which needs no load. */
static size_t
emit_align_check (ArmJitCtx *c, unsigned size)
{
  size_t aligned, bad;

  mdl_x86_mov_rr (c->a, false, MDL_X86_RDX, MDL_X86_RAX);
  mdl_x86_alu_ri (c->a, MDL_X86_AND, false, MDL_X86_RDX, (int32_t) size - 1);
  aligned = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_E);
  mdl_x86_cmp_m8_i (c->a, MDL_X86_STATE, SOFF (align_mask), 0);
  bad = mdl_x86_jcc_fwd (c->a, MDL_X86_CC_NE);
  mdl_x86_bind (c->a, aligned);
  return bad;
}

/* The RAM fast path of a single access at the address in eax of @size
 * bytes: a store of @val through the store window, or a load into @val
 * (@sign extended) through the load window, then the fetch window as
 * arm_cached_ld looks at it next (tables and constants among the code,
 * without swapping the load window).  @wb: add @wb_imm to it between the
 * check and the load, as the executors write the base back before the
 * loaded register.  Misses (and a misalignment the executor would trap)
 * go to the returned fixups (@n_slow of them), hits to @done (@n_done).
 * @aligned: the address is known to be (sp-relative: SP[1:0] are zero
 * whatever writes r13, arm_write_sp and the wrappers see to it). */
void
arm_jit_emit_access_fast (ArmJitCtx *c, unsigned size, bool aligned, bool sign, bool store,
                          MdlX86Reg val, bool wb, MdlX86Reg wb_reg, uint32_t wb_imm, size_t slow[5],
                          unsigned *n_slow, size_t done[2], unsigned *n_done)
{
  MdlJitAsm *a = c->a;
  size_t slow1;

  *n_slow = *n_done = 0;
  mdl_x86_mov_rr (a, false, MDL_X86_RCX, MDL_X86_RAX);
  mdl_x86_alu_rm (a, MDL_X86_SUB, false, MDL_X86_RCX, MDL_X86_STATE,
                  store ? SOFF (st_base) : SOFF (ld_base));
  mdl_x86_alu_rm (a, MDL_X86_CMP, false, MDL_X86_RCX, MDL_X86_STATE,
                  store ? SOFF (st_limit) : SOFF (ld_limit));
  slow1 = mdl_x86_jcc_fwd (a, MDL_X86_CC_AE);
  if (size > 1 && !aligned)
    slow[(*n_slow)++] = emit_align_check (c, size);
  mdl_x86_load (a, 8, false, MDL_X86_RDX, MDL_X86_STATE, store ? SOFF (st_host) : SOFF (ld_host));
  if (store)
    mdl_x86_store_idx (a, size, val, MDL_X86_RDX, MDL_X86_RCX);
  if (wb)
    mdl_x86_alu_ri (a, MDL_X86_ADD, false, wb_reg, (int32_t) wb_imm);
  if (!store)
    mdl_x86_load_idx (a, size, sign, val, MDL_X86_RDX, MDL_X86_RCX);
  done[(*n_done)++] = mdl_x86_jmp_fwd (a);
  mdl_x86_bind (a, slow1);
  if (store) {
    slow[(*n_slow)++] = mdl_x86_jmp_fwd (a);
    return;
  }
  mdl_x86_cmp_m8_i (a, MDL_X86_STATE, SOFF (lit_win_valid), 0);
  slow[(*n_slow)++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
  mdl_x86_mov_rr (a, false, MDL_X86_RCX, MDL_X86_RAX);
  mdl_x86_alu_rm (a, MDL_X86_SUB, true, MDL_X86_RCX, MDL_X86_STATE,
                  SOFF (fetch_win) + (int32_t) offsetof (MdlRamWindow, base));
  /* foff <= window size - access size */
  mdl_x86_load (a, 8, false, MDL_X86_RDX, MDL_X86_STATE,
                SOFF (fetch_win) + (int32_t) offsetof (MdlRamWindow, size));
  if (size > 1) {
    mdl_x86_alu_ri (a, MDL_X86_SUB, true, MDL_X86_RDX, (int32_t) size - 1);
    slow[(*n_slow)++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_B);
  }
  mdl_x86_alu_rr (a, MDL_X86_CMP, true, MDL_X86_RCX, MDL_X86_RDX);
  slow[(*n_slow)++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_AE);
  if (size > 1 && !aligned)
    slow[(*n_slow)++] = emit_align_check (c, size);
  mdl_x86_load (a, 8, false, MDL_X86_RDX, MDL_X86_STATE,
                SOFF (fetch_win) + (int32_t) offsetof (MdlRamWindow, host));
  if (wb)
    mdl_x86_alu_ri (a, MDL_X86_ADD, false, wb_reg, (int32_t) wb_imm);
  mdl_x86_load_idx (a, size, sign, val, MDL_X86_RDX, MDL_X86_RCX);
  done[(*n_done)++] = mdl_x86_jmp_fwd (a);
}

/* A load or store with an immediate or register offset: the window (and
 * alignment) check of the executor inline, the executor otherwise. */
bool
arm_jit_emit_ls (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i)
{
  const ArmDecoded *d = &ins->dec;
  MdlJitAsm *a = c->a;
  bool sign, store;
  unsigned size = ls_size (insn_op (d), &sign, &store);
  bool wback = d->kind == ARM_K_PUW, aligned;
  size_t slow[5], done[2];
  unsigned n_slow, n_done;
  MdlX86Reg base = src (c, d->rn), val;

  mdl_x86_mov_rr (a, false, MDL_X86_RAX, base);
  if (d->kind == ARM_K_PUW) {
    if (d->index && d->imm)
      mdl_x86_alu_ri (a, MDL_X86_ADD, false, MDL_X86_RAX, (int32_t) d->imm);
  } else if (d->kind == ARM_K_OFF_IMM) {
    if (d->imm)
      mdl_x86_alu_ri (a, MDL_X86_ADD, false, MDL_X86_RAX, (int32_t) d->imm);
  } else {
    MdlX86Reg off = src (c, d->rm);

    if (d->shift_n) {
      mdl_x86_mov_rr (a, false, MDL_X86_RCX, off);
      mdl_x86_shift_ri (a, MDL_X86_SHL, false, MDL_X86_RCX, d->shift_n);
      off = MDL_X86_RCX;
    }
    mdl_x86_alu_rr (a, MDL_X86_ADD, false, MDL_X86_RAX, off);
  }
  /* the value's register, before the paths part (a load's is not loaded) */
  val = store ? src (c, d->rd) : dst_slot (c, d->rd, false);
  aligned = d->rn == 13 && d->kind != ARM_K_OFF_REG
            && ((d->kind == ARM_K_PUW && !d->index) || (d->imm & (size - 1)) == 0);
  arm_jit_emit_access_fast (c, size, aligned, sign, store, val, wback, base, d->imm, slow, &n_slow,
                            done, &n_done);
  if (!arm_jit_emit_slow_mid (c, ins, i, slow, n_slow))
    return false;
  for (unsigned k = 0; k < n_done; k++)
    mdl_x86_bind (a, done[k]);
  if (wback)
    dst (c, d->rn);
  if (!store)
    dst (c, d->rd);
  return true;
}

/* Whether ldrd/strd is translated inline: a base other than the pc,
 * neither register sp or the pc (a written-back sp base is fine: the
 * fast path's address is aligned, so the sp wrapper changes nothing). */
bool
arm_jit_ldrd_inline (const ArmJitInsn *ins)
{
  const ArmDecoded *d = &ins->dec;
  ArmOp op = insn_op (d);

  return (op == ARM_OP_LDRD || op == ARM_OP_STRD) && d->rn != 15 && d->rd != 13 && d->rd != 15
         && d->ra != 13 && d->ra != 15 && (ins->e.inner == 0 || sp_wrapped (ins));
}

/* ldrd/strd with both words in the RAM window: the words, the base
 * written back, then the registers loaded (a loaded base wins, the second
 * word over the first), as the executors do; the executor for anything
 * else (a misaligned address's UsageFault whatever CCR says, devices,
 * faults). */
bool
arm_jit_emit_ldrd (ArmJitCtx *c, const ArmJitInsn *ins, unsigned i)
{
  const ArmDecoded *d = &ins->dec;
  MdlJitAsm *a = c->a;
  bool load = insn_op (d) == ARM_OP_LDRD;
  MdlX86Reg base = src (c, d->rn), lo, hi;
  size_t slow[3], done;
  unsigned n_slow = 0;

  mdl_x86_mov_rr (a, false, MDL_X86_RAX, base);
  if (d->index && d->imm)
    mdl_x86_alu_ri (a, MDL_X86_ADD, false, MDL_X86_RAX, (int32_t) d->imm);
  /* the registers before the paths part (a load's are not loaded) */
  lo = load ? dst_slot (c, d->rd, false) : src (c, d->rd);
  hi = load ? dst_slot (c, d->ra, false) : src (c, d->ra);
  /* (sp and the offset, a multiple of 4, are aligned: arm_jit_emit_access_fast) */
  if (d->rn != 13) {
    mdl_x86_mov_rr (a, false, MDL_X86_RCX, MDL_X86_RAX);
    mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RCX, 3);
    slow[n_slow++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  }
  mdl_x86_mov_rr (a, false, MDL_X86_RCX, MDL_X86_RAX);
  mdl_x86_alu_rm (a, MDL_X86_SUB, false, MDL_X86_RCX, MDL_X86_STATE,
                  load ? SOFF (ld_base) : SOFF (st_base));
  /* the second word's offset below the limit: offset < limit - 4 */
  mdl_x86_load (a, 4, false, MDL_X86_RDX, MDL_X86_STATE, load ? SOFF (ld_limit) : SOFF (st_limit));
  mdl_x86_alu_ri (a, MDL_X86_SUB, false, MDL_X86_RDX, 4);
  slow[n_slow++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_B);
  mdl_x86_alu_rr (a, MDL_X86_CMP, false, MDL_X86_RCX, MDL_X86_RDX);
  slow[n_slow++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_AE);
  mdl_x86_load (a, 8, false, MDL_X86_RDX, MDL_X86_STATE, load ? SOFF (ld_host) : SOFF (st_host));
  mdl_x86_alu_rr (a, MDL_X86_ADD, true, MDL_X86_RDX, MDL_X86_RCX);
  if (!load) {
    mdl_x86_store (a, 4, lo, MDL_X86_RDX, 0);
    mdl_x86_store (a, 4, hi, MDL_X86_RDX, 4);
  }
  if (d->wback)
    mdl_x86_alu_ri (a, MDL_X86_ADD, false, base, (int32_t) d->imm);
  if (load) {
    mdl_x86_load (a, 4, false, lo, MDL_X86_RDX, 0);
    mdl_x86_load (a, 4, false, hi, MDL_X86_RDX, 4);
  }
  done = mdl_x86_jmp_fwd (a);
  if (!arm_jit_emit_slow_mid (c, ins, i, slow, n_slow))
    return false;
  mdl_x86_bind (a, done);
  if (d->wback)
    dst (c, d->rn);
  if (load) {
    dst (c, d->rd);
    dst (c, d->ra);
  }
  return true;
}

/* A literal load from ROM: a constant (loaders and debuggers writing ROM
 * flush the blocks); from RAM too when it lies after the block's first
 * instruction within ARM_JIT_PAGE: the block's range then covers it
 * (lit_end), so that a store to the literal is heard and flushes the
 * block.  (A window's writable flag does not tell RAM from ROM: the
 * window of marked code only reads.) */
bool
arm_jit_lit_constant (ArmCpu *s, const ArmJitInsn *ins, uint32_t *value, uint32_t start,
                      uint32_t *lit_end)
{
  const ArmDecoded *d = &ins->dec;
  uint32_t addr = (ins->pc & ~3u) + 4 + d->imm;
  bool sign, store;
  unsigned size;
  MdlRamWindow w;

  if (d->kind != ARM_K_LIT || ins->e.inner != 0 || insn_op (d) < ARM_OP_LDR
      || insn_op (d) > ARM_OP_LDRSH)
    return false;
  size = ls_size (insn_op (d), &sign, &store);
  uint64_t rbase;
  MdlRegion *region;

  if ((addr & (size - 1)) || !mdl_address_space_ram_window (s->cpu.as, addr, &w)
      || addr - w.base + size > w.size)
    return false;
  region = mdl_address_space_lookup (s->cpu.as, addr, &rbase);
  if (region == NULL || mdl_region_kind (region) != MDL_REGION_ROM) {
    if (addr < start || addr + size - start > ARM_JIT_PAGE)
      return false;
    *lit_end = MAX (*lit_end, addr + size);
  }
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
