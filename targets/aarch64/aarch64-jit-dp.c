/* Integer data processing in translated A64 code (the parts:
 * aarch64-jit-private.h): add/sub, logic, moves of immediates, the bit
 * fields, extr, the csel family, adc/sbc, ccmp/ccmn, multiply-add,
 * division, the variable shifts, rbit/rev/clz/cls, on the guest
 * registers in host registers, their flags left to the lazy flags
 * (a64_jit_emit_flags).  Each emitter repeats the checks of its
 * encoding's reserved fields and returns false for what it does not
 * translate (the executor's); pure_inline (aarch64-jit.c) must stay in
 * step with them.  Apart from the block's translation, which only picks
 * the emitter (emit_insn), as the Thumb frontend keeps arm-jit-dp.c: one
 * file per family of inline instructions.
 */
#include "aarch64-jit-private.h"

/* d = n OP m in the host registers themselves (two-address forms, with
 * the same host flags as n OP m: addition and the logic operations
 * commute in their flags too); 32-bit operations zero-extend. */
static void
emit_alu3 (A64JitCtx *c, MdlX86Alu op, bool sf, MdlX86Reg d, MdlX86Reg n, MdlX86Reg m)
{
  MdlJitAsm *a = c->a;

  if (d == n)
    mdl_x86_alu_rr (a, op, sf, d, m);
  else if (d != m) {
    mdl_x86_mov_rr (a, sf, d, n);
    mdl_x86_alu_rr (a, op, sf, d, m);
  } else if (op != MDL_X86_SUB)
    mdl_x86_alu_rr (a, op, sf, d, n);
  else {
    mdl_x86_mov_rr (a, sf, RAX, n);
    mdl_x86_alu_rr (a, op, sf, RAX, m);
    mdl_x86_mov_rr (a, true, d, RAX);
  }
}

/* d = n OP imm (sign-extended with @sf). */
static void
emit_alu3i (A64JitCtx *c, MdlX86Alu op, bool sf, MdlX86Reg d, MdlX86Reg n, int32_t imm)
{
  if (d != n)
    mdl_x86_mov_rr (c->a, sf, d, n);
  mdl_x86_alu_ri (c->a, op, sf, d, imm);
}

/* dst = src extended by @option (UXTB ... SXTX) and shifted left by
 * @shift (the extended-register operand). */
void
a64_jit_emit_ext_to (A64JitCtx *c, unsigned option, unsigned shift, MdlX86Reg dst, MdlX86Reg src)
{
  static const uint8_t size[8] = { 1, 2, 4, 8, 1, 2, 4, 8 };

  if (size[option] == 8)
    mdl_x86_mov_rr (c->a, true, dst, src);
  else
    mdl_x86_movx_rr (c->a, size[option], option >= 4, true, dst, src);
  if (shift)
    mdl_x86_shift_ri (c->a, MDL_X86_SHL, true, dst, (uint8_t) shift);
}

static const MdlX86Shift shift_ops[4] = { MDL_X86_SHL, MDL_X86_SHR, MDL_X86_SAR, MDL_X86_ROR };

/* add/sub: immediate (@kind 0), shifted register (1), extended (2), on
 * the cached registers: one lea without flags where it fits (immediate,
 * register, register shifted left by up to 3, extended register), a
 * compare (cmp, or a scratch add for cmn) when only the flags are kept,
 * else the two-address operation in the destination. */
bool
a64_jit_emit_addsub (A64JitCtx *c, uint32_t insn, unsigned kind)
{
  MdlJitAsm *a = c->a;
  bool sf = insn >> 31, sub = (insn >> 30) & 1, flags = (insn >> 29) & 1;
  unsigned rd = insn & 31, rn = (insn >> 5) & 31, rm = (insn >> 16) & 31;
  MdlX86Alu op = sub ? MDL_X86_SUB : MDL_X86_ADD;
  bool sp_d = kind != 1 && !flags;
  MdlX86Reg n, m = RCX, d;
  unsigned scale = 4; /* lea's index scale, 4: none */

  if (kind == 0) {
    int32_t imm = (insn >> 10) & 0xfff;

    if ((insn >> 23) & 1)
      return false;
    if ((insn >> 22) & 1)
      imm <<= 12;
    n = rsrc (c, rn, true, RAX);
    if (!flags) { /* one lea from the cached register into the cached one */
      d = wdst (c, rd, true, RAX);
      if (sf)
        mdl_x86_lea (a, d, n, sub ? -imm : imm);
      else
        mdl_x86_lea32 (a, d, n, sub ? -imm : imm);
      return true;
    }
    if (rd == 31 && sub)
      mdl_x86_alu_ri (a, MDL_X86_CMP, sf, n, imm);
    else
      emit_alu3i (c, op, sf, wdst (c, rd, false, RAX), n, imm);
    a64_jit_emit_flags (c, sub ? FL_SUB : FL_ADD);
    return true;
  }
  if (kind == 1) {
    unsigned type = (insn >> 22) & 3, amount = (insn >> 10) & 0x3f;

    if (type == 3 || (!sf && amount >= 32))
      return false;
    n = rsrc (c, rn, false, RAX);
    if (amount == 0)
      m = rsrc (c, rm, false, RCX);
    else if (!flags && !sub && type == 0 && amount <= 3 && rm != 31) {
      m = src_reg (c, rm);
      scale = amount;
    } else if (!sub && rm == rd && rn != rd && rd != 31) {
      /* the destination is the shifted operand: shifted in place, then
       * added (the flags of an addition do not depend on the order) */
      d = src_reg (c, rm);
      wdst (c, rd, false, RAX);
      mdl_x86_shift_ri (a, shift_ops[type], sf, d, (uint8_t) amount);
      mdl_x86_alu_rr (a, MDL_X86_ADD, sf, d, n);
      if (flags)
        a64_jit_emit_flags (c, FL_ADD);
      return true;
    } else {
      mdl_x86_mov_rr (a, sf, RCX, rsrc (c, rm, false, RCX));
      mdl_x86_shift_ri (a, shift_ops[type], sf, RCX, (uint8_t) amount);
    }
    if (amount == 0 && !flags && !sub)
      scale = 0;
  } else {
    unsigned option = (insn >> 13) & 7, shift = (insn >> 10) & 7;

    if (shift > 4 || ((insn >> 22) & 3))
      return false;
    n = rsrc (c, rn, true, RAX);
    m = rsrc (c, rm, false, RCX);
    if ((option & 3) != 3 || shift) {
      a64_jit_emit_ext_to (c, option, !flags && !sub && shift <= 3 ? 0 : shift, RCX, m);
      m = RCX;
      if (!flags && !sub && shift <= 3)
        scale = shift;
    } else if (!flags && !sub)
      scale = 0;
  }
  if (scale < 4) { /* add without flags: one lea */
    d = wdst (c, rd, sp_d, RAX);
    mdl_x86_lea_idx (a, sf, d, n, m, scale, 0);
    return true;
  }
  if (flags && rd == 31 && sub)
    mdl_x86_alu_rr (a, MDL_X86_CMP, sf, n, m);
  else
    emit_alu3 (c, op, sf, wdst (c, rd, sp_d, RAX), n, m);
  if (flags)
    a64_jit_emit_flags (c, sub ? FL_SUB : FL_ADD);
  return true;
}

/* DecodeBitMasks for the logical immediates; false when reserved. */
bool
a64_jit_bit_mask (bool sf, unsigned n, unsigned immr, unsigned imms, uint64_t *mask)
{
  unsigned v = (n << 6) | (~imms & 0x3f), len = 0, esize, levels, s, r;
  uint64_t welem, elem, emask;

  if (v == 0)
    return false;
  for (unsigned b = 0; b < 7; b++)
    if (v & (1u << b))
      len = b;
  if (len < 1 || (!sf && n))
    return false;
  esize = 1u << len;
  levels = esize - 1;
  s = imms & levels;
  r = immr & levels;
  if (s == levels)
    return false;
  welem = (UINT64_C (1) << (s + 1)) - 1; /* s + 1 < 64 */
  emask = esize == 64 ? UINT64_MAX : (UINT64_C (1) << esize) - 1;
  elem = r ? ((welem >> r) | (welem << (esize - r))) & emask : welem;
  for (unsigned e = esize; e < 64; e *= 2)
    elem |= elem << e;
  *mask = sf ? elem : (uint32_t) elem;
  return true;
}

static const MdlX86Alu logic_ops[4] = { MDL_X86_AND, MDL_X86_OR, MDL_X86_XOR, MDL_X86_AND };

bool
a64_jit_emit_logic (A64JitCtx *c, uint32_t insn, bool imm)
{
  MdlJitAsm *a = c->a;
  bool sf = insn >> 31;
  unsigned opc = (insn >> 29) & 3, rd = insn & 31, rn = (insn >> 5) & 31;
  bool flags = opc == 3;
  MdlX86Alu op = logic_ops[opc];
  MdlX86Reg n, m = RCX, d;

  if (imm) {
    uint64_t mask;
    int32_t i32;

    if (!a64_jit_bit_mask (sf, (insn >> 22) & 1, (insn >> 16) & 0x3f, (insn >> 10) & 0x3f, &mask))
      return false;
    if (rn == 31 && !flags) { /* mov of a bit-mask immediate (and: 0) */
      mdl_x86_mov_ri (a, wdst (c, rd, true, RAX), op == MDL_X86_AND ? 0 : mask);
      return true;
    }
    n = rsrc (c, rn, false, RAX);
    i32 = (int32_t) (uint32_t) mask;
    if (!sf || (int64_t) mask == (int64_t) i32) {
      if (flags && rd == 31)
        mdl_x86_test_ri (a, sf, n, i32);
      else
        emit_alu3i (c, op, sf, wdst (c, rd, !flags, RAX), n, i32);
    } else {
      mdl_x86_mov_ri (a, RCX, mask);
      if (flags && rd == 31)
        mdl_x86_test_rr (a, sf, n, RCX);
      else
        emit_alu3 (c, op, sf, wdst (c, rd, !flags, RAX), n, RCX);
    }
  } else {
    unsigned type = (insn >> 22) & 3, amount = (insn >> 10) & 0x3f, rm = (insn >> 16) & 31;
    bool inv = (insn >> 21) & 1;

    if (!sf && amount >= 32)
      return false;
    if (rn == 31 && !flags && opc != 0) {
      /* orr/eor with XZR: mov, mvn and their shifted forms, in place */
      if (rd == 31)
        return true;
      m = rsrc (c, rm, false, RCX);
      d = wdst (c, rd, false, RAX);
      mdl_x86_mov_rr (a, sf, d, m);
      if (amount)
        mdl_x86_shift_ri (a, shift_ops[type], sf, d, (uint8_t) amount);
      if (inv)
        mdl_x86_unary (a, MDL_X86_NOT, sf, d);
      return true;
    }
    if ((amount || inv) && rm == rd && rn != rd && rd != 31) {
      /* the destination is the shifted operand: shifted in place */
      n = rsrc (c, rn, false, RAX);
      d = src_reg (c, rm);
      wdst (c, rd, false, RAX);
      if (amount)
        mdl_x86_shift_ri (a, shift_ops[type], sf, d, (uint8_t) amount);
      if (inv)
        mdl_x86_unary (a, MDL_X86_NOT, sf, d);
      mdl_x86_alu_rr (a, op, sf, d, n);
      if (flags)
        a64_jit_emit_flags (c, FL_ADD);
      return true;
    }
    n = rsrc (c, rn, false, RAX);
    if (amount || inv) {
      mdl_x86_mov_rr (a, sf, RCX, rsrc (c, rm, false, RCX));
      if (amount)
        mdl_x86_shift_ri (a, shift_ops[type], sf, RCX, (uint8_t) amount);
      if (inv)
        mdl_x86_unary (a, MDL_X86_NOT, sf, RCX);
    } else
      m = rsrc (c, rm, false, RCX);
    if (flags && rd == 31)
      mdl_x86_test_rr (a, sf, n, m);
    else
      emit_alu3 (c, op, sf, wdst (c, rd, false, RAX), n, m);
  }
  if (flags)
    a64_jit_emit_flags (c, FL_ADD); /* and and test clear CF and OF: C = V = 0 */
  return true;
}

bool
a64_jit_emit_movw (A64JitCtx *c, uint32_t insn)
{
  MdlJitAsm *a = c->a;
  bool sf = insn >> 31;
  unsigned opc = (insn >> 29) & 3, hw = (insn >> 21) & 3, rd = insn & 31;
  uint64_t imm = (uint64_t) ((insn >> 5) & 0xffff) << (16 * hw);
  uint64_t keep = ~(UINT64_C (0xffff) << (16 * hw));
  MdlX86Reg d;

  if (opc == 1 || (!sf && hw >= 2))
    return false;
  if (opc != 3) {
    if (opc == 0)
      imm = ~imm;
    st_imm (c, rd, sf ? imm : (uint32_t) imm);
    return true;
  }
  /* movk, in place */
  if (rd == 31)
    return true;
  src_reg (c, rd);
  d = mdl_jit_regs_dst (&c->regs, rd, true);
  if (!sf || hw == 0) /* the mask as a (sign-extended) 32-bit immediate */
    mdl_x86_alu_ri (a, MDL_X86_AND, sf, d, (int32_t) (uint32_t) keep);
  else {
    mdl_x86_mov_ri (a, RCX, keep);
    mdl_x86_alu_rr (a, MDL_X86_AND, true, d, RCX);
  }
  if (imm <= INT32_MAX || !sf)
    mdl_x86_alu_ri (a, MDL_X86_OR, sf, d, (int32_t) (uint32_t) imm);
  else {
    mdl_x86_mov_ri (a, RCX, imm);
    mdl_x86_alu_rr (a, MDL_X86_OR, true, d, RCX);
  }
  return true;
}

/* sbfm/ubfm in the destination: a zero or sign extension (uxtb, sxth,
 * sxtw...) is one movzx/movsx, anything else at most two shifts: left
 * until the field's top bit is the register's, then right (logical or
 * arithmetic) to where the field goes (bfm: a64_jit_emit_bfm). */
bool
a64_jit_emit_bitfield (A64JitCtx *c, uint32_t insn)
{
  MdlJitAsm *a = c->a;
  bool sf = insn >> 31, sign;
  unsigned opc = (insn >> 29) & 3, n = (insn >> 22) & 1, immr = (insn >> 16) & 0x3f;
  unsigned imms = (insn >> 10) & 0x3f, w = sf ? 64 : 32, left, right;
  MdlX86Reg src, d;

  if (opc == 1 || opc == 3 || n != sf || (!sf && (immr >= 32 || imms >= 32)))
    return false;
  sign = opc == 0;
  src = rsrc (c, (insn >> 5) & 31, false, RAX);
  d = wdst (c, insn & 31, false, RAX);
  if (immr == 0 && (imms == 7 || imms == 15 || (imms == 31 && sf))) {
    mdl_x86_movx_rr (a, (imms + 1) / 8, sign, sf, d, src);
    return true;
  }
  left = w - 1 - imms;
  right = imms >= immr ? left + immr : immr - 1 - imms;
  if (d != src || (!sf && !left && !right))
    mdl_x86_mov_rr (a, sf, d, src);
  if (left)
    mdl_x86_shift_ri (a, MDL_X86_SHL, sf, d, (uint8_t) left);
  if (right)
    mdl_x86_shift_ri (a, sign ? MDL_X86_SAR : MDL_X86_SHR, sf, d, (uint8_t) right);
  return true;
}

bool
a64_jit_emit_extr (A64JitCtx *c, uint32_t insn)
{
  bool sf = insn >> 31;
  unsigned lsb = (insn >> 10) & 0x3f, w = sf ? 64 : 32;
  unsigned rn = (insn >> 5) & 31, rm = (insn >> 16) & 31;

  if (((insn >> 22) & 1) != sf || (!sf && lsb >= 32))
    return false;
  if (rn == rm && rn != 31) { /* ror, in the destination */
    MdlX86Reg src = src_reg (c, rn), d = wdst (c, insn & 31, false, RAX);

    if (d != src || !sf)
      mdl_x86_mov_rr (c->a, sf, d, src);
    if (lsb)
      mdl_x86_shift_ri (c->a, MDL_X86_ROR, sf, d, (uint8_t) lsb);
    return true;
  }
  ld_reg (c, RAX, rm, false);
  if (lsb) {
    ld_reg (c, RCX, rn, false);
    mdl_x86_shift_ri (c->a, MDL_X86_SHR, sf, RAX, (uint8_t) lsb);
    mdl_x86_shift_ri (c->a, MDL_X86_SHL, sf, RCX, (uint8_t) (w - lsb));
    mdl_x86_alu_rr (c->a, MDL_X86_OR, sf, RAX, RCX);
  } else if (!sf)
    mdl_x86_mov_rr (c->a, false, RAX, RAX);
  st_reg (c, RAX, insn & 31, false);
  return true;
}

/* The csel family with cmov: X[rd] = cond ? X[rn] : f(X[rm]), f the
 * identity, +1, NOT or negation (computed with lea and not, which keep
 * the host flags); cset and csetm (both sources XZR) are a setcc. */
bool
a64_jit_emit_csel (A64JitCtx *c, uint32_t insn)
{
  MdlJitAsm *a = c->a;
  bool sf = insn >> 31, inv = (insn >> 30) & 1, inc = (insn >> 10) & 1;
  unsigned rn = (insn >> 5) & 31, rm = (insn >> 16) & 31, rd = insn & 31;
  MdlX86Cond cc;
  MdlX86Reg n, m, d;

  if (((insn >> 29) & 1) || ((insn >> 11) & 1))
    return false;
  if (c->pending != FL_NONE)
    cc = (MdlX86Cond) a64_jit_host_cc ((insn >> 12) & 15, c->pending);
  else
    cc = a64_jit_emit_cond (c, (insn >> 12) & 15); /* (clobbers rax and rcx) */
  if (rn == 31 && rm == 31 && (inc || inv)) {
    /* cset (0 or 1) and csetm (0 or -1), csinv/csinc of zeros */
    d = wdst (c, rd, false, RAX);
    if (inc && inv) { /* csneg of zeros: 0 */
      mdl_x86_mov_ri (a, d, 0);
      return true;
    }
    mdl_x86_setcc (a, (MdlX86Cond) (cc ^ 1), d);
    if (inv)
      mdl_x86_unary (a, MDL_X86_NEG, sf, d);
    return true;
  }
  n = rsrc (c, rn, false, RDX);
  m = rsrc (c, rm, false, RCX);
  if (inv || inc) {
    if (inv)
      mdl_x86_mov_rr (a, true, RCX, m);
    if (inv)
      mdl_x86_unary (a, MDL_X86_NOT, true, RCX);
    if (inc)
      mdl_x86_lea (a, RCX, inv ? RCX : m, 1);
    m = RCX;
  }
  d = wdst (c, rd, false, RAX);
  if (d == n)
    mdl_x86_cmov (a, (MdlX86Cond) (cc ^ 1), sf, d, m);
  else if (d == m)
    mdl_x86_cmov (a, cc, sf, d, n);
  else {
    mdl_x86_mov_rr (a, sf, d, m);
    mdl_x86_cmov (a, cc, sf, d, n);
  }
  return true;
}

/* bfm: the destination keeps the bits outside wmask & tmask of
 * DecodeBitMasks (with esize the register width, as n == sf makes it:
 * wmask = ROR(Ones(imms + 1), immr), tmask = Ones(((imms - immr) mod
 * width) + 1)), and takes the rest from the source rotated right by
 * immr. */
bool
a64_jit_emit_bfm (A64JitCtx *c, uint32_t insn)
{
  bool sf = insn >> 31;
  unsigned n = (insn >> 22) & 1, immr = (insn >> 16) & 0x3f, imms = (insn >> 10) & 0x3f;
  unsigned w = sf ? 64 : 32, d;
  uint64_t ones = sf ? ~UINT64_C (0) : 0xffffffffu, welem, wmask, tmask, m;

  if (n != sf || (!sf && (immr >= 32 || imms >= 32)))
    return false;
  welem = imms + 1 >= 64 ? ~UINT64_C (0) : (UINT64_C (1) << (imms + 1)) - 1;
  wmask = immr ? ((welem >> immr) | (welem << (w - immr))) & ones : welem;
  d = (imms - immr) & (w - 1);
  tmask = d + 1 >= 64 ? ~UINT64_C (0) : (UINT64_C (1) << (d + 1)) - 1;
  m = wmask & tmask & ones;
  ld_reg (c, RAX, (insn >> 5) & 31, false);
  if (immr)
    mdl_x86_shift_ri (c->a, MDL_X86_ROR, sf, RAX, (uint8_t) immr);
  mdl_x86_mov_ri (c->a, RDX, m);
  mdl_x86_alu_rr (c->a, MDL_X86_AND, true, RAX, RDX);
  ld_reg (c, RCX, insn & 31, false);
  mdl_x86_unary (c->a, MDL_X86_NOT, true, RDX);
  mdl_x86_alu_rr (c->a, MDL_X86_AND, true, RCX, RDX);
  mdl_x86_alu_rr (c->a, MDL_X86_OR, sf, RAX, RCX);
  st_reg (c, RAX, insn & 31, false);
  return true;
}

/* rax = ((rax & @mask) << @k) | ((rax >> @k) & @mask), 64 bits. */
static void
emit_swap_bits (A64JitCtx *c, uint64_t mask, unsigned k)
{
  mdl_x86_mov_ri (c->a, RDX, mask);
  mdl_x86_mov_rr (c->a, true, RCX, RAX);
  mdl_x86_alu_rr (c->a, MDL_X86_AND, true, RAX, RDX);
  mdl_x86_shift_ri (c->a, MDL_X86_SHL, true, RAX, (uint8_t) k);
  mdl_x86_shift_ri (c->a, MDL_X86_SHR, true, RCX, (uint8_t) k);
  mdl_x86_alu_rr (c->a, MDL_X86_AND, true, RCX, RDX);
  mdl_x86_alu_rr (c->a, MDL_X86_OR, true, RAX, RCX);
}

/* rbit, rev16, rev32, rev, clz, cls. */
bool
a64_jit_emit_dp1 (A64JitCtx *c, uint32_t insn)
{
  MdlJitAsm *a = c->a;
  bool sf = insn >> 31;
  unsigned op = (insn >> 10) & 0x3f;

  if (((insn >> 16) & 0x1f) || op > 5 || (op == 3 && !sf))
    return false;
  ld_reg (c, RAX, (insn >> 5) & 31, false);
  switch (op) {
  case 0: /* rbit: the bytes reversed, then the bits of each byte */
    mdl_x86_bswap (a, sf, RAX);
    emit_swap_bits (c, UINT64_C (0x0f0f0f0f0f0f0f0f), 4);
    emit_swap_bits (c, UINT64_C (0x3333333333333333), 2);
    emit_swap_bits (c, UINT64_C (0x5555555555555555), 1);
    break;
  case 1: emit_swap_bits (c, UINT64_C (0x00ff00ff00ff00ff), 8); break;
  case 2:
    if (sf) { /* rev32: each word's bytes */
      mdl_x86_bswap (a, true, RAX);
      mdl_x86_shift_ri (a, MDL_X86_ROR, true, RAX, 32);
    } else
      mdl_x86_bswap (a, false, RAX);
    break;
  case 3: mdl_x86_bswap (a, true, RAX); break;
  case 5: { /* cls: the leading zeros of x<N-1:1> XOR x<N-2:0>, N - 1 bits */
    size_t zero, done;

    mdl_x86_mov_rr (a, sf, RCX, RAX);
    mdl_x86_shift_ri (a, MDL_X86_SHR, sf, RCX, 1);
    mdl_x86_alu_rr (a, MDL_X86_XOR, sf, RAX, RCX);
    mdl_x86_shift_ri (a, MDL_X86_SHL, sf, RAX, 1); /* bit N-1 is not one of them */
    mdl_x86_shift_ri (a, MDL_X86_SHR, sf, RAX, 1);
    mdl_x86_bsr (a, sf, RCX, RAX);
    zero = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
    mdl_x86_mov_ri (a, RAX, sf ? 62 : 30);
    mdl_x86_alu_rr (a, MDL_X86_SUB, false, RAX, RCX);
    done = mdl_x86_jmp_fwd (a);
    mdl_x86_bind (a, zero);
    mdl_x86_mov_ri (a, RAX, sf ? 63 : 31);
    mdl_x86_bind (a, done);
    break;
  }
  default: { /* clz: width - 1 - bsr, or the width for 0 */
    size_t zero, done;

    mdl_x86_bsr (a, sf, RCX, RAX);
    zero = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
    mdl_x86_mov_ri (a, RAX, sf ? 63 : 31);
    mdl_x86_alu_rr (a, MDL_X86_SUB, false, RAX, RCX);
    done = mdl_x86_jmp_fwd (a);
    mdl_x86_bind (a, zero);
    mdl_x86_mov_ri (a, RAX, sf ? 64 : 32);
    mdl_x86_bind (a, done);
    break;
  }
  }
  if (!sf)
    mdl_x86_mov_rr (a, false, RAX, RAX);
  st_reg (c, RAX, insn & 31, false);
  return true;
}

/* adc/adcs/sbc/sbcs: x86's adc with C as its carry in (sbc adds the
 * complement, as add_carry does), so that its carry and overflow out are
 * A64's. */
bool
a64_jit_emit_adc (A64JitCtx *c, uint32_t insn)
{
  MdlJitAsm *a = c->a;
  bool sf = insn >> 31, sub = (insn >> 30) & 1, flags = (insn >> 29) & 1;

  ld_reg (c, RCX, (insn >> 16) & 31, false);
  if (sub)
    mdl_x86_unary (a, MDL_X86_NOT, sf, RCX);
  ld_reg (c, RAX, (insn >> 5) & 31, false);
  mdl_x86_load (a, 4, false, RDX, ST, SOFF (nzcv));
  mdl_x86_shift_ri (a, MDL_X86_SHR, false, RDX, 29);
  mdl_x86_alu_ri (a, MDL_X86_AND, false, RDX, 1);
  mdl_x86_unary (a, MDL_X86_NEG, false, RDX); /* CF = C */
  mdl_x86_alu_rr (a, MDL_X86_ADC, sf, RAX, RCX);
  st_reg (c, RAX, insn & 31, false); /* (mov: the flags stay) */
  if (flags)
    a64_jit_emit_flags (c, FL_ADD);
  return true;
}

/* ccmp/ccmn (register or 5-bit immediate): the comparison's NZCV when
 * the condition holds, else the instruction's own. */
bool
a64_jit_emit_ccmp (A64JitCtx *c, uint32_t insn)
{
  MdlJitAsm *a = c->a;
  bool sf = insn >> 31, sub = (insn >> 30) & 1, is_imm = (insn >> 11) & 1;
  unsigned rm = (insn >> 16) & 31;
  MdlX86Cond cc;
  MdlX86Reg n, m = RCX;
  size_t fails, done;

  if (((insn >> 10) & 1) || ((insn >> 4) & 1))
    return false;
  if (!c->need) /* its only effect is on NZCV */
    return true;
  if (c->pending != FL_NONE)
    cc = (MdlX86Cond) a64_jit_host_cc ((insn >> 12) & 15, c->pending);
  else
    cc = a64_jit_emit_cond (c, (insn >> 12) & 15); /* (clobbers rax and rcx) */
  /* the operands before the jump (moves: the host flags stay), so that
   * nothing is allocated on one path only */
  n = rsrc (c, (insn >> 5) & 31, false, RDX);
  if (!is_imm)
    m = rsrc (c, rm, false, RCX);
  fails = mdl_x86_jcc_fwd (a, (MdlX86Cond) (cc ^ 1));
  if (sub && is_imm)
    mdl_x86_alu_ri (a, MDL_X86_CMP, sf, n, (int32_t) rm);
  else if (sub)
    mdl_x86_alu_rr (a, MDL_X86_CMP, sf, n, m);
  else {
    mdl_x86_mov_rr (a, sf, RAX, n);
    if (is_imm)
      mdl_x86_alu_ri (a, MDL_X86_ADD, sf, RAX, (int32_t) rm);
    else
      mdl_x86_alu_rr (a, MDL_X86_ADD, sf, RAX, m);
  }
  a64_jit_emit_nzcv (c, sub ? MDL_X86_CC_AE : MDL_X86_CC_B);
  done = mdl_x86_jmp_fwd (a);
  mdl_x86_bind (a, fails);
  mdl_x86_mov_ri (a, RCX, (uint64_t) (insn & 15) << 28);
  mdl_x86_store (a, 4, RCX, ST, SOFF (nzcv));
  mdl_x86_bind (a, done);
  return true;
}

/* madd/msub (the low half of the product is the same signed or not):
 * mul in the destination, else the product in rax added with lea or
 * subtracted in place. */
bool
a64_jit_emit_madd (A64JitCtx *c, uint32_t insn)
{
  MdlJitAsm *a = c->a;
  bool sf = insn >> 31, msub = (insn >> 15) & 1;
  unsigned ra = (insn >> 10) & 31;
  MdlX86Reg n, m, acc, d;

  n = rsrc (c, (insn >> 5) & 31, false, RAX);
  m = rsrc (c, (insn >> 16) & 31, false, RCX);
  if (ra == 31 && !msub) { /* mul */
    d = wdst (c, insn & 31, false, RAX);
    if (d == m)
      mdl_x86_imul_rr (a, sf, d, n);
    else {
      if (d != n)
        mdl_x86_mov_rr (a, sf, d, n);
      mdl_x86_imul_rr (a, sf, d, m);
    }
    return true;
  }
  acc = rsrc (c, ra, false, RDX);
  if (n != RAX)
    mdl_x86_mov_rr (a, sf, RAX, n);
  mdl_x86_imul_rr (a, sf, RAX, m);
  d = wdst (c, insn & 31, false, RCX);
  if (!msub) {
    if (d == acc)
      mdl_x86_alu_rr (a, MDL_X86_ADD, sf, d, RAX);
    else
      mdl_x86_lea_idx (a, sf, d, acc, RAX, 0, 0);
  } else {
    if (d != acc)
      mdl_x86_mov_rr (a, sf, d, acc);
    mdl_x86_alu_rr (a, MDL_X86_SUB, sf, d, RAX);
  }
  return true;
}

/* udiv/sdiv and the variable shifts (the CRC32 rows of the same
 * executor stay with it).  Division by zero gives 0; sdiv by -1 is a
 * negation (MIN stays MIN, as A64 wants), which keeps idiv away from its
 * one overflow.  The host's shift count is the register modulo the width,
 * as A64's is. */
bool
a64_jit_emit_dp2 (A64JitCtx *c, uint32_t insn)
{
  MdlJitAsm *a = c->a;
  bool sf = insn >> 31;
  unsigned op = (insn >> 10) & 0x3f;

  if (op >= 8 && op <= 11) { /* in the destination, by cl */
    MdlX86Reg n, d;

    ld_reg (c, RCX, (insn >> 16) & 31, false);
    n = rsrc (c, (insn >> 5) & 31, false, RAX);
    d = wdst (c, insn & 31, false, RAX);
    if (d != n || !sf)
      mdl_x86_mov_rr (a, sf, d, n);
    mdl_x86_shift_cl (a, shift_ops[op - 8], sf, d);
    return true;
  } else if (op == 2 || op == 3) {
    size_t by_zero, by_minus1 = 0, done1, done2 = 0;

    ld_reg (c, RAX, (insn >> 5) & 31, false);
    ld_reg (c, RCX, (insn >> 16) & 31, false);
    mdl_x86_test_rr (a, sf, RCX, RCX);
    by_zero = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
    if (op == 3) {
      mdl_x86_alu_ri (a, MDL_X86_CMP, sf, RCX, -1);
      by_minus1 = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
      mdl_x86_sign_ax (a, sf);
      mdl_x86_unary (a, MDL_X86_IDIV, sf, RCX);
    } else {
      mdl_x86_alu_rr (a, MDL_X86_XOR, false, RDX, RDX);
      mdl_x86_unary (a, MDL_X86_DIV, sf, RCX);
    }
    done1 = mdl_x86_jmp_fwd (a);
    if (op == 3) {
      mdl_x86_bind (a, by_minus1);
      mdl_x86_unary (a, MDL_X86_NEG, sf, RAX);
      done2 = mdl_x86_jmp_fwd (a);
    }
    mdl_x86_bind (a, by_zero);
    mdl_x86_alu_rr (a, MDL_X86_XOR, false, RAX, RAX);
    mdl_x86_bind (a, done1);
    if (op == 3)
      mdl_x86_bind (a, done2);
  } else
    return false;
  if (!sf)
    mdl_x86_mov_rr (a, false, RAX, RAX);
  st_reg (c, RAX, insn & 31, false);
  return true;
}
