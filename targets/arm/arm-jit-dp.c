/* Data processing in translated Thumb code (the parts:
 * arm-jit-private.h): with immediate, register and immediately shifted
 * operands, adc and sbc, the flags only where a later instruction of the
 * block may read them; shifts by a register, mla, mls and the bit fields.
 */
#include "arm-jit-private.h"

/* Whether data processing of this form is translated inline. */
bool
arm_jit_dp_inline (const ArmJitInsn *ins)
{
  const ArmDecoded *d = &ins->dec;

  /* The compares' rd field is 15 (the decoder's pc wrapper is then
   * harmless: it only fills the scratch r15).  The sp wrapper (which
   * clears bits 1:0 of what is written to sp) is done inline; it wraps
   * no reader of the pc (arm_pc_flags knows the Rn fields of mov.w and
   * mvn.w name no register). */
  if (ins->e.inner != 0 && !(is_test (insn_op (d)) && d->rn != 15 && d->rm != 15)
      && !(sp_wrapped (ins) && d->rd == 13 && !d->setflags))
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
  case ARM_OP_ADC:
  case ARM_OP_SUB:
  case ARM_OP_SBC:
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

/* The second operand inverted (orn, bic, mvn, sbc): the immediate @k,
 * or the register @y copied to rcx and inverted there. */
static void
invert_y (MdlJitAsm *a, bool imm, uint32_t *k, MdlX86Reg *y)
{
  if (imm) {
    *k = ~*k;
    return;
  }
  if (*y != MDL_X86_RCX)
    mdl_x86_mov_rr (a, false, MDL_X86_RCX, *y);
  *y = MDL_X86_RCX;
  mdl_x86_unary (a, MDL_X86_NOT, false, MDL_X86_RCX);
}

/* Which of the flags this instruction computes it leaves to the block's
 * exits (defer_ok), with the host registers that hold them: N and Z in
 * @nz (not rax, which the way back to the loop's head uses), C in @cf, V
 * unshifted in @vf. */
static void
defer_flags (ArmJitCtx *c, MdlX86Reg nz, MdlX86Reg cf, MdlX86Reg vf)
{
  unsigned ok = c->defer_ok;

  if (nz == MDL_X86_RAX)
    ok &= ~(unsigned) (ARM_FL_N | ARM_FL_Z);
  c->defer = c->need & ok;
  c->defer_nz = nz;
  c->defer_c = cf;
  c->defer_v = vf;
}

void
arm_jit_emit_dp (ArmJitCtx *c, const ArmJitInsn *ins)
{
  const ArmDecoded *d = &ins->dec;
  MdlJitAsm *a = c->a;
  ArmOp op = insn_op (d);
  bool carry_in = op == ARM_OP_ADC || op == ARM_OP_SBC;
  bool logic = op != ARM_OP_ADD && op != ARM_OP_SUB && op != ARM_OP_RSB && op != ARM_OP_CMP
               && op != ARM_OP_CMN && !carry_in;
  bool write = op != ARM_OP_TST && op != ARM_OP_TEQ && op != ARM_OP_CMP && op != ARM_OP_CMN;
  bool mov = op == ARM_OP_MOV || op == ARM_OP_MVN;
  bool imm = d->kind == ARM_K_IMM, shifted = d->kind == ARM_K_SHIFT;
  uint32_t k = d->imm;
  MdlX86Reg x = MDL_X86_RAX, y = MDL_X86_RCX, res, rd = MDL_X86_RAX;

  /* operand 2: the immediate k, a cached register or ecx (shifted, with
   * a logic operation's carry out in edx); operand 1 cached */
  if (!imm) {
    y = src (c, d->rm);
    if (shifted) {
      static const MdlX86Shift sh[] = { MDL_X86_SHL, MDL_X86_SHR, MDL_X86_SAR };

      mdl_x86_mov_rr (a, false, MDL_X86_RCX, y);
      y = MDL_X86_RCX;
      mdl_x86_shift_ri (a, sh[d->shift_type], false, MDL_X86_RCX, d->shift_n);
      if (logic && (c->need & ARM_FL_C))
        mdl_x86_setcc (a, MDL_X86_CC_B, MDL_X86_RDX);
    }
  }
  if (!mov)
    x = src (c, d->rn);
  if (write)
    rd = dst (c, d->rd);

  if (logic) {
    MdlX86Alu alu = op == ARM_OP_EOR || op == ARM_OP_TEQ   ? MDL_X86_XOR
                    : op == ARM_OP_ORR || op == ARM_OP_ORN ? MDL_X86_OR
                                                           : MDL_X86_AND;

    if (op == ARM_OP_ORN || op == ARM_OP_BIC || op == ARM_OP_MVN)
      invert_y (a, imm, &k, &y);
    if (mov) {
      res = rd;
      if (imm)
        mdl_x86_mov_ri (a, res, k);
      else
        mdl_x86_mov_rr (a, false, res, y);
    } else if (write && d->rd == d->rn) {
      res = rd; /* in place: x is rd */
      alu_y (a, alu, res, imm, y, k);
    } else {
      res = write ? rd : MDL_X86_RAX;
      if (!imm && y == res) {
        /* rd is rm: (x86 and, or and xor commute) */
        mdl_x86_alu_rr (a, alu, false, res, x);
      } else {
        mdl_x86_mov_rr (a, false, res, x);
        alu_y (a, alu, res, imm, y, k);
      }
    }
    if (write && d->rd == 13)
      mdl_x86_alu_ri (a, MDL_X86_AND, false, rd, -4); /* (flags from the result first) */
    defer_flags (c, res, MDL_X86_RDX, MDL_X86_RDX);
    if (c->need & ~c->defer & ARM_FL_N)
      st_field (c, res, SOFF (nf));
    if (c->need & ~c->defer & ARM_FL_Z)
      st_field (c, res, SOFF (zf));
    if (c->need & ARM_FL_C) {
      /* (need has C only where the instruction writes it) */
      if (!shifted)
        mdl_x86_mov_ri (a, MDL_X86_RDX, d->carry - 1u);
      if (!(c->defer & ARM_FL_C))
        st_field (c, MDL_X86_RDX, SOFF (cf));
    }
    if (d->setflags && !(write && d->rd == 13)) {
      c->fuse = ARM_FUSE_LOGIC;
      c->fuse_x = res;
      c->fuse_guest = write ? (int8_t) d->rd : -1;
    }
    return;
  }

  /* x - y, x + y or y - x (rsb) in res, the flags from x86's; adc and
   * sbc as x86's adc of y or, for sbc, NOT y (AddWithCarry: its carry
   * out is C and its overflow V) with x86's CF = APSR.C */
  {
    bool add = op == ARM_OP_ADD || op == ARM_OP_CMN || carry_in;
    bool nz = (c->need & (ARM_FL_N | ARM_FL_Z)) != 0;
    MdlX86Alu alu = carry_in ? MDL_X86_ADC : add ? MDL_X86_ADD : MDL_X86_SUB;

    if (op == ARM_OP_SBC)
      invert_y (a, imm, &k, &y);
    if (carry_in) {
      /* (nothing from here to the adc changes x86's flags) */
      mdl_x86_load (a, 4, false, MDL_X86_RDX, MDL_X86_STATE, SOFF (cf));
      mdl_x86_alu_ri (a, MDL_X86_ADD, false, MDL_X86_RDX, -1);
    }

    if (op == ARM_OP_RSB) {
      res = MDL_X86_RAX;
      if (imm)
        mdl_x86_mov_ri (a, MDL_X86_RAX, k);
      else
        mdl_x86_mov_rr (a, false, MDL_X86_RAX, y);
      mdl_x86_alu_rr (a, MDL_X86_SUB, false, MDL_X86_RAX, x);
    } else if (!write && !add && !nz) {
      res = MDL_X86_RAX; /* (unused) */
      alu_y (a, MDL_X86_CMP, x, imm, y, k);
    } else if (write && d->rd == d->rn && d->rd != 13) {
      res = rd;
      alu_y (a, alu, res, imm, y, k);
    } else {
      res = MDL_X86_RAX;
      mdl_x86_mov_rr (a, false, MDL_X86_RAX, x);
      alu_y (a, alu, MDL_X86_RAX, imm, y, k);
    }
    if (c->need & ARM_FL_C)
      mdl_x86_setcc (a, add ? MDL_X86_CC_B : MDL_X86_CC_AE, MDL_X86_RCX); /* C: no borrow */
    if (c->need & ARM_FL_V)
      mdl_x86_setcc (a, MDL_X86_CC_O, MDL_X86_RDX);
    if (write && res != rd)
      mdl_x86_mov_rr (a, false, rd, res);
    if (write && d->rd == 13)
      mdl_x86_alu_ri (a, MDL_X86_AND, false, rd, -4);
    /* (written, the result is rd's too) */
    defer_flags (c, write ? rd : res, MDL_X86_RCX, MDL_X86_RDX);
    if (c->need & ~c->defer & ARM_FL_C)
      st_field (c, MDL_X86_RCX, SOFF (cf));
    if (c->need & ~c->defer & ARM_FL_N)
      st_field (c, res, SOFF (nf));
    if (c->need & ~c->defer & ARM_FL_Z)
      st_field (c, res, SOFF (zf));
    if (c->need & ~c->defer & ARM_FL_V) {
      mdl_x86_shift_ri (a, MDL_X86_SHL, false, MDL_X86_RDX, 31);
      st_field (c, MDL_X86_RDX, SOFF (vf));
    }
    /* A branch right after it compares the operands again, when they are
     * still there. */
    if (d->setflags && !add && op != ARM_OP_RSB && !shifted
        && (!write || (d->rd != d->rn && (imm || d->rd != d->rm)))) {
      c->fuse = ARM_FUSE_SUB;
      c->fuse_x = x;
      c->fuse_y = y;
      c->fuse_y_imm = imm;
      c->fuse_imm = k;
    } else if (d->setflags && (write || add || nz) && d->rd != 13) {
      /* Else N and Z are still those of the result ("subs r0, #1; bne") */
      c->fuse = ARM_FUSE_LOGIC;
      c->fuse_x = write ? rd : res;
      c->fuse_guest = write ? (int8_t) d->rd : -1;
    }
  }
}

/* Instructions translated inline that only compute registers from
 * registers (no flags, no call, no fault): shifts by a register, mla and
 * mls, the bit-field extracts, inserts and clears. */
bool
arm_jit_reg_inline (const ArmJitInsn *ins)
{
  const ArmDecoded *d = &ins->dec;

  if (ins->e.inner != 0)
    return false;
  switch (insn_op (d)) {
  case ARM_OP_LSL_R:
  case ARM_OP_LSR_R:
  case ARM_OP_ASR_R: return !d->setflags;
  case ARM_OP_MLA:
  case ARM_OP_MLS:
  case ARM_OP_UBFX:
  case ARM_OP_SBFX: return true;
  case ARM_OP_BFI:
  case ARM_OP_BFC: return d->rd < 13;
  default: return false;
  }
}

void
arm_jit_emit_reg_inline (ArmJitCtx *c, const ArmJitInsn *ins)
{
  const ArmDecoded *d = &ins->dec;
  MdlJitAsm *a = c->a;
  ArmOp op = insn_op (d);

  switch (op) {
  case ARM_OP_LSL_R:
  case ARM_OP_LSR_R:
  case ARM_OP_ASR_R:
    /* the amount is Rm's low byte; x86 takes it modulo 32 */
    mdl_x86_mov_rr (a, false, MDL_X86_RCX, src (c, d->rm));
    mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RCX, 0xff);
    mdl_x86_mov_rr (a, false, MDL_X86_RAX, src (c, d->rn));
    if (op == ARM_OP_ASR_R) {
      size_t small;

      mdl_x86_alu_ri (a, MDL_X86_CMP, false, MDL_X86_RCX, 31);
      small = mdl_x86_jcc_fwd (a, MDL_X86_CC_BE);
      mdl_x86_mov_ri (a, MDL_X86_RCX, 31); /* 32 and more: the sign */
      mdl_x86_bind (a, small);
      mdl_x86_shift_cl (a, MDL_X86_SAR, false, MDL_X86_RAX);
    } else {
      mdl_x86_shift_cl (a, op == ARM_OP_LSL_R ? MDL_X86_SHL : MDL_X86_SHR, false, MDL_X86_RAX);
      /* 32 and more: 0 */
      mdl_x86_alu_ri (a, MDL_X86_CMP, false, MDL_X86_RCX, 32);
      mdl_x86_setcc (a, MDL_X86_CC_B, MDL_X86_RDX);
      mdl_x86_unary (a, MDL_X86_NEG, false, MDL_X86_RDX);
      mdl_x86_alu_rr (a, MDL_X86_AND, false, MDL_X86_RAX, MDL_X86_RDX);
    }
    break;
  case ARM_OP_MLA:
    mdl_x86_mov_rr (a, false, MDL_X86_RAX, src (c, d->rn));
    mdl_x86_imul_rr (a, false, MDL_X86_RAX, src (c, d->rm));
    mdl_x86_alu_rr (a, MDL_X86_ADD, false, MDL_X86_RAX, src (c, d->ra));
    break;
  case ARM_OP_MLS:
    mdl_x86_mov_rr (a, false, MDL_X86_RCX, src (c, d->rn));
    mdl_x86_imul_rr (a, false, MDL_X86_RCX, src (c, d->rm));
    mdl_x86_mov_rr (a, false, MDL_X86_RAX, src (c, d->ra));
    mdl_x86_alu_rr (a, MDL_X86_SUB, false, MDL_X86_RAX, MDL_X86_RCX);
    break;
  case ARM_OP_UBFX:
    /* (the decoder keeps lsb + width <= 32) */
    mdl_x86_mov_rr (a, false, MDL_X86_RAX, src (c, d->rn));
    if (d->shift_n)
      mdl_x86_shift_ri (a, MDL_X86_SHR, false, MDL_X86_RAX, d->shift_n);
    if (d->imm < 32)
      mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RAX, (int32_t) ((1u << d->imm) - 1));
    break;
  case ARM_OP_BFI:
  case ARM_OP_BFC: {
    /* width imm (1-32) at lsb shift_n (the decoder keeps lsb + width <= 32) */
    uint32_t mask = (d->imm < 32 ? (1u << d->imm) - 1 : ~0u) << d->shift_n;

    if (op == ARM_OP_BFC)
      mdl_x86_mov_ri (a, MDL_X86_RAX, 0);
    else {
      mdl_x86_mov_rr (a, false, MDL_X86_RAX, src (c, d->rn));
      if (d->shift_n)
        mdl_x86_shift_ri (a, MDL_X86_SHL, false, MDL_X86_RAX, d->shift_n);
    }
    if (mask != ~0u) {
      if (op == ARM_OP_BFI)
        mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RAX, (int32_t) mask);
      mdl_x86_mov_rr (a, false, MDL_X86_RCX, src (c, d->rd));
      mdl_x86_alu_ri (a, MDL_X86_AND, false, MDL_X86_RCX, (int32_t) ~mask);
      mdl_x86_alu_rr (a, MDL_X86_OR, false, MDL_X86_RAX, MDL_X86_RCX);
    }
    break;
  }
  default: /* SBFX */
    mdl_x86_mov_rr (a, false, MDL_X86_RAX, src (c, d->rn));
    if (32 - d->shift_n - d->imm)
      mdl_x86_shift_ri (a, MDL_X86_SHL, false, MDL_X86_RAX, (uint8_t) (32 - d->shift_n - d->imm));
    if (d->imm < 32)
      mdl_x86_shift_ri (a, MDL_X86_SAR, false, MDL_X86_RAX, (uint8_t) (32 - d->imm));
    break;
  }
  mdl_x86_mov_rr (a, false, dst (c, d->rd), MDL_X86_RAX);
}
