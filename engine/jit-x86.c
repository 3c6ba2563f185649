/* The x86-64 encodings of the translating tier's emitter (see jit-x86.h).
 *
 * Only what the frontends use: moves, loads and stores of 1 to 8 bytes,
 * the group-1 ALU operations, shifts, SETcc, jumps and calls.  Memory
 * operands are [base + disp] or [base + index]; the quirks of ModRM (rsp
 * and r12 need a SIB byte, rbp and r13 a displacement) live in
 * emit_mem().
 */
#include "jit-x86.h"

#include <string.h>

static void
emit8 (MdlJitAsm *a, uint8_t b)
{
  if (a->pos >= a->cap) {
    a->overflow = true;
    return;
  }
  a->rw[a->pos++] = b;
}

static void
emit32 (MdlJitAsm *a, uint32_t v)
{
  for (unsigned i = 0; i < 4; i++)
    emit8 (a, (uint8_t) (v >> (8 * i)));
}

static void
emit64 (MdlJitAsm *a, uint64_t v)
{
  emit32 (a, (uint32_t) v);
  emit32 (a, (uint32_t) (v >> 32));
}

/* A REX prefix when any of its bits is needed, or always with @force
 * (byte registers sil, dil, spl, bpl need one). */
static void
emit_rex (MdlJitAsm *a, bool w, unsigned reg, unsigned index, unsigned base, bool force)
{
  uint8_t rex = 0x40 | (w ? 8 : 0) | ((reg & 8) ? 4 : 0) | ((index & 8) ? 2 : 0)
                | ((base & 8) ? 1 : 0);

  if (rex != 0x40 || force)
    emit8 (a, rex);
}

static void
emit_modrm_reg (MdlJitAsm *a, unsigned reg, unsigned rm)
{
  emit8 (a, (uint8_t) (0xc0 | (reg & 7) << 3 | (rm & 7)));
}

/* ModRM (and SIB and displacement) for [base + disp]. */
static void
emit_mem (MdlJitAsm *a, unsigned reg, unsigned base, int32_t disp)
{
  unsigned mod;

  if (disp == 0 && (base & 7) != 5)
    mod = 0;
  else if (disp >= -128 && disp <= 127)
    mod = 1;
  else
    mod = 2;
  emit8 (a, (uint8_t) (mod << 6 | (reg & 7) << 3 | (base & 7)));
  if ((base & 7) == 4)
    emit8 (a, 0x24);
  if (mod == 1)
    emit8 (a, (uint8_t) disp);
  else if (mod == 2)
    emit32 (a, (uint32_t) disp);
}

/* ModRM and SIB for [base + index] (index is never rsp). */
static void
emit_mem_idx (MdlJitAsm *a, unsigned reg, unsigned base, unsigned index)
{
  bool disp8 = (base & 7) == 5;

  emit8 (a, (uint8_t) ((disp8 ? 0x40 : 0) | (reg & 7) << 3 | 4));
  emit8 (a, (uint8_t) ((index & 7) << 3 | (base & 7)));
  if (disp8)
    emit8 (a, 0);
}

void
mdl_x86_mov_rr (MdlJitAsm *a, bool w64, MdlX86Reg dst, MdlX86Reg src)
{
  emit_rex (a, w64, src, 0, dst, false);
  emit8 (a, 0x89);
  emit_modrm_reg (a, src, dst);
}

void
mdl_x86_mov_ri (MdlJitAsm *a, MdlX86Reg dst, uint64_t imm)
{
  if (imm <= UINT32_MAX) {
    emit_rex (a, false, 0, 0, dst, false);
    emit8 (a, (uint8_t) (0xb8 + (dst & 7)));
    emit32 (a, (uint32_t) imm);
  } else if ((int64_t) imm >= INT32_MIN && (int64_t) imm <= INT32_MAX) {
    emit_rex (a, true, 0, 0, dst, false);
    emit8 (a, 0xc7);
    emit_modrm_reg (a, 0, dst);
    emit32 (a, (uint32_t) imm);
  } else {
    emit_rex (a, true, 0, 0, dst, false);
    emit8 (a, (uint8_t) (0xb8 + (dst & 7)));
    emit64 (a, imm);
  }
}

/* The opcode bytes of a load of @size bytes into a 64-bit register;
 * returns whether it needs REX.W. */
static bool
load_opcode (MdlJitAsm *a, unsigned size, bool sign, unsigned dst, unsigned index,
             unsigned base)
{
  bool w = sign || size == 8;

  emit_rex (a, w, dst, index, base, false);
  switch (size) {
  case 1: emit8 (a, 0x0f); emit8 (a, sign ? 0xbe : 0xb6); break;
  case 2: emit8 (a, 0x0f); emit8 (a, sign ? 0xbf : 0xb7); break;
  case 4: emit8 (a, sign ? 0x63 : 0x8b); break;
  default: emit8 (a, 0x8b); break;
  }
  return w;
}

void
mdl_x86_load (MdlJitAsm *a, unsigned size, bool sign, MdlX86Reg dst, MdlX86Reg base,
              int32_t disp)
{
  load_opcode (a, size, sign && size < 8, dst, 0, base);
  emit_mem (a, dst, base, disp);
}

void
mdl_x86_load_idx (MdlJitAsm *a, unsigned size, bool sign, MdlX86Reg dst, MdlX86Reg base,
                  MdlX86Reg index)
{
  load_opcode (a, size, sign && size < 8, dst, index, base);
  emit_mem_idx (a, dst, base, index);
}

static void
store_opcode (MdlJitAsm *a, unsigned size, unsigned src, unsigned index, unsigned base)
{
  if (size == 2)
    emit8 (a, 0x66);
  emit_rex (a, size == 8, src, index, base, size == 1);
  emit8 (a, size == 1 ? 0x88 : 0x89);
}

void
mdl_x86_store (MdlJitAsm *a, unsigned size, MdlX86Reg src, MdlX86Reg base, int32_t disp)
{
  store_opcode (a, size, src, 0, base);
  emit_mem (a, src, base, disp);
}

void
mdl_x86_store_idx (MdlJitAsm *a, unsigned size, MdlX86Reg src, MdlX86Reg base,
                   MdlX86Reg index)
{
  store_opcode (a, size, src, index, base);
  emit_mem_idx (a, src, base, index);
}

void
mdl_x86_alu_rr (MdlJitAsm *a, MdlX86Alu op, bool w64, MdlX86Reg dst, MdlX86Reg src)
{
  emit_rex (a, w64, src, 0, dst, false);
  emit8 (a, (uint8_t) (op << 3 | 1));
  emit_modrm_reg (a, src, dst);
}

void
mdl_x86_alu_ri (MdlJitAsm *a, MdlX86Alu op, bool w64, MdlX86Reg dst, int32_t imm)
{
  emit_rex (a, w64, 0, 0, dst, false);
  if (imm >= -128 && imm <= 127) {
    emit8 (a, 0x83);
    emit_modrm_reg (a, op, dst);
    emit8 (a, (uint8_t) imm);
  } else {
    emit8 (a, 0x81);
    emit_modrm_reg (a, op, dst);
    emit32 (a, (uint32_t) imm);
  }
}

void
mdl_x86_alu_rm (MdlJitAsm *a, MdlX86Alu op, bool w64, MdlX86Reg dst, MdlX86Reg base,
                int32_t disp)
{
  emit_rex (a, w64, dst, 0, base, false);
  emit8 (a, (uint8_t) (op << 3 | 3));
  emit_mem (a, dst, base, disp);
}





void
mdl_x86_imul_rr (MdlJitAsm *a, bool w64, MdlX86Reg dst, MdlX86Reg src)
{
  emit_rex (a, w64, dst, 0, src, false);
  emit8 (a, 0x0f);
  emit8 (a, 0xaf);
  emit_modrm_reg (a, dst, src);
}


void
mdl_x86_bsr (MdlJitAsm *a, bool w64, MdlX86Reg dst, MdlX86Reg src)
{
  emit_rex (a, w64, dst, 0, src, false);
  emit8 (a, 0x0f);
  emit8 (a, 0xbd);
  emit_modrm_reg (a, dst, src);
}

void
mdl_x86_bswap (MdlJitAsm *a, bool w64, MdlX86Reg r)
{
  emit_rex (a, w64, 0, 0, r, false);
  emit8 (a, 0x0f);
  emit8 (a, (uint8_t) (0xc8 | (r & 7)));
}

void
mdl_x86_unary (MdlJitAsm *a, MdlX86Unary op, bool w64, MdlX86Reg r)
{
  emit_rex (a, w64, 0, 0, r, false);
  emit8 (a, 0xf7);
  emit_modrm_reg (a, op, r);
}

void
mdl_x86_sign_ax (MdlJitAsm *a, bool w64)
{
  if (w64)
    emit8 (a, 0x48);
  emit8 (a, 0x99);
}

void
mdl_x86_test_rr (MdlJitAsm *a, bool w64, MdlX86Reg r1, MdlX86Reg r2)
{
  emit_rex (a, w64, r2, 0, r1, false);
  emit8 (a, 0x85);
  emit_modrm_reg (a, r2, r1);
}

void
mdl_x86_cmp_m8_i (MdlJitAsm *a, MdlX86Reg base, int32_t disp, uint8_t imm)
{
  emit_rex (a, false, 0, 0, base, false);
  emit8 (a, 0x80);
  emit_mem (a, 7, base, disp);
  emit8 (a, imm);
}

void
mdl_x86_shift_ri (MdlJitAsm *a, MdlX86Shift op, bool w64, MdlX86Reg dst, uint8_t imm)
{
  emit_rex (a, w64, 0, 0, dst, false);
  emit8 (a, 0xc1);
  emit_modrm_reg (a, op, dst);
  emit8 (a, imm);
}

void
mdl_x86_shift_cl (MdlJitAsm *a, MdlX86Shift op, bool w64, MdlX86Reg dst)
{
  emit_rex (a, w64, 0, 0, dst, false);
  emit8 (a, 0xd3);
  emit_modrm_reg (a, op, dst);
}

void
mdl_x86_setcc (MdlJitAsm *a, MdlX86Cond cc, MdlX86Reg dst)
{
  mdl_x86_setcc8 (a, cc, dst);
  /* movzx dst32, dst8 */
  emit_rex (a, false, dst, 0, dst, true);
  emit8 (a, 0x0f);
  emit8 (a, 0xb6);
  emit_modrm_reg (a, dst, dst);
}

void
mdl_x86_movsxd (MdlJitAsm *a, MdlX86Reg dst, MdlX86Reg src)
{
  emit_rex (a, true, dst, 0, src, false);
  emit8 (a, 0x63);
  emit_modrm_reg (a, dst, src);
}

static void
lea_w (MdlJitAsm *a, bool w64, MdlX86Reg dst, MdlX86Reg src, int32_t disp)
{
  emit_rex (a, w64, dst, 0, src, false);
  emit8 (a, 0x8d);
  emit_mem (a, dst, src, disp);
}

void
mdl_x86_lea (MdlJitAsm *a, MdlX86Reg dst, MdlX86Reg src, int32_t disp)
{
  lea_w (a, true, dst, src, disp);
}

size_t
mdl_x86_jcc_fwd (MdlJitAsm *a, MdlX86Cond cc)
{
  emit8 (a, 0x0f);
  emit8 (a, (uint8_t) (0x80 | cc));
  emit32 (a, 0);
  return a->pos - 4;
}

size_t
mdl_x86_jmp_fwd (MdlJitAsm *a)
{
  emit8 (a, 0xe9);
  emit32 (a, 0);
  return a->pos - 4;
}

void
mdl_x86_bind (MdlJitAsm *a, size_t fixup)
{
  int32_t rel = (int32_t) (a->pos - (fixup + 4));

  if (a->overflow || fixup + 4 > a->cap)
    return;
  memcpy (a->rw + fixup, &rel, 4);
}

static void
emit_rel32_to (MdlJitAsm *a, const void *target)
{
  intptr_t rel = (intptr_t) ((const uint8_t *) target - (mdl_x86_here (a) + 4));

  emit32 (a, (uint32_t) (int32_t) rel);
}

void
mdl_x86_jmp_to (MdlJitAsm *a, const void *target)
{
  emit8 (a, 0xe9);
  emit_rel32_to (a, target);
}


void
mdl_x86_call (MdlJitAsm *a, const void *fn)
{
  mdl_x86_mov_ri (a, MDL_X86_RAX, (uint64_t) (uintptr_t) fn);
  emit8 (a, 0xff);
  emit8 (a, 0xd0);
}

void
mdl_x86_push (MdlJitAsm *a, MdlX86Reg r)
{
  emit_rex (a, false, 0, 0, r, false);
  emit8 (a, (uint8_t) (0x50 + (r & 7)));
}

void
mdl_x86_pop (MdlJitAsm *a, MdlX86Reg r)
{
  emit_rex (a, false, 0, 0, r, false);
  emit8 (a, (uint8_t) (0x58 + (r & 7)));
}

void
mdl_x86_ret (MdlJitAsm *a)
{
  emit8 (a, 0xc3);
}

void
mdl_x86_jmp_r (MdlJitAsm *a, MdlX86Reg r)
{
  emit_rex (a, false, 0, 0, r, false);
  emit8 (a, 0xff);
  emit_modrm_reg (a, 4, r);
}

void
mdl_x86_jmp_m (MdlJitAsm *a, MdlX86Reg base, int32_t disp)
{
  emit_rex (a, false, 0, 0, base, false);
  emit8 (a, 0xff);
  emit_mem (a, 4, base, disp);
}

void
mdl_x86_lea_rip (MdlJitAsm *a, MdlX86Reg dst, const void *target)
{
  emit_rex (a, true, dst, 0, 0, false);
  emit8 (a, 0x8d);
  emit8 (a, (uint8_t) ((dst & 7) << 3 | 5));
  emit_rel32_to (a, target);
}

void
mdl_x86_test_m8_i (MdlJitAsm *a, MdlX86Reg base, int32_t disp, uint8_t imm)
{
  emit_rex (a, false, 0, 0, base, false);
  emit8 (a, 0xf6);
  emit_mem (a, 0, base, disp);
  emit8 (a, imm);
}

void
mdl_x86_alu_mi (MdlJitAsm *a, MdlX86Alu op, bool w64, MdlX86Reg base, int32_t disp, int32_t imm)
{
  emit_rex (a, w64, 0, 0, base, false);
  if (imm >= -128 && imm <= 127) {
    emit8 (a, 0x83);
    emit_mem (a, op, base, disp);
    emit8 (a, (uint8_t) imm);
  } else {
    emit8 (a, 0x81);
    emit_mem (a, op, base, disp);
    emit32 (a, (uint32_t) imm);
  }
}

void
mdl_x86_store_i8 (MdlJitAsm *a, MdlX86Reg base, int32_t disp, uint8_t imm)
{
  emit_rex (a, false, 0, 0, base, false);
  emit8 (a, 0xc6);
  emit_mem (a, 0, base, disp);
  emit8 (a, imm);
}

/* ModRM, SIB and displacement for [base + index * 2^scale + disp]
 * (index is never rsp). */
static void
emit_mem_sib (MdlJitAsm *a, unsigned reg, unsigned base, unsigned index, unsigned scale,
              int32_t disp)
{
  unsigned mod;

  if (disp == 0 && (base & 7) != 5)
    mod = 0;
  else if (disp >= -128 && disp <= 127)
    mod = 1;
  else
    mod = 2;
  emit8 (a, (uint8_t) (mod << 6 | (reg & 7) << 3 | 4));
  emit8 (a, (uint8_t) (scale << 6 | (index & 7) << 3 | (base & 7)));
  if (mod == 1)
    emit8 (a, (uint8_t) disp);
  else if (mod == 2)
    emit32 (a, (uint32_t) disp);
}

void
mdl_x86_lea_idx (MdlJitAsm *a, bool w64, MdlX86Reg dst, MdlX86Reg base, MdlX86Reg index,
                 unsigned scale, int32_t disp)
{
  emit_rex (a, w64, dst, index, base, false);
  emit8 (a, 0x8d);
  emit_mem_sib (a, dst, base, index, scale, disp);
}

void
mdl_x86_lea32 (MdlJitAsm *a, MdlX86Reg dst, MdlX86Reg src, int32_t disp)
{
  lea_w (a, false, dst, src, disp);
}

void
mdl_x86_load_idx_disp (MdlJitAsm *a, unsigned size, bool sign, MdlX86Reg dst, MdlX86Reg base,
                       MdlX86Reg index, int32_t disp)
{
  load_opcode (a, size, sign && size < 8, dst, index, base);
  emit_mem_sib (a, dst, base, index, 0, disp);
}

void
mdl_x86_store_idx_disp (MdlJitAsm *a, unsigned size, MdlX86Reg src, MdlX86Reg base,
                        MdlX86Reg index, int32_t disp)
{
  store_opcode (a, size, src, index, base);
  emit_mem_sib (a, src, base, index, 0, disp);
}

void
mdl_x86_movx_rr (MdlJitAsm *a, unsigned size, bool sign, bool w64, MdlX86Reg dst,
                 MdlX86Reg src)
{
  if (size == 4) {
    if (sign)
      mdl_x86_movsxd (a, dst, src);
    else
      mdl_x86_mov_rr (a, false, dst, src);
    return;
  }
  emit_rex (a, w64 && sign, dst, 0, src, size == 1);
  emit8 (a, 0x0f);
  emit8 (a, (uint8_t) ((sign ? 0xbe : 0xb6) | (size == 2 ? 1 : 0)));
  emit_modrm_reg (a, dst, src);
}

void
mdl_x86_cmov (MdlJitAsm *a, MdlX86Cond cc, bool w64, MdlX86Reg dst, MdlX86Reg src)
{
  emit_rex (a, w64, dst, 0, src, false);
  emit8 (a, 0x0f);
  emit8 (a, (uint8_t) (0x40 | cc));
  emit_modrm_reg (a, dst, src);
}

void
mdl_x86_setcc8 (MdlJitAsm *a, MdlX86Cond cc, MdlX86Reg dst)
{
  emit_rex (a, false, 0, 0, dst, true);
  emit8 (a, 0x0f);
  emit8 (a, (uint8_t) (0x90 | cc));
  emit_modrm_reg (a, 0, dst);
}

void
mdl_x86_lahf (MdlJitAsm *a)
{
  emit8 (a, 0x9f);
}

void
mdl_x86_imul_rri (MdlJitAsm *a, bool w64, MdlX86Reg dst, MdlX86Reg src, int32_t imm)
{
  emit_rex (a, w64, dst, 0, src, false);
  emit8 (a, 0x69);
  emit_modrm_reg (a, dst, src);
  emit32 (a, (uint32_t) imm);
}

void
mdl_x86_test_ri (MdlJitAsm *a, bool w64, MdlX86Reg r, int32_t imm)
{
  emit_rex (a, w64, 0, 0, r, false);
  emit8 (a, 0xf7);
  emit_modrm_reg (a, 0, r);
  emit32 (a, (uint32_t) imm);
}

void
mdl_x86_bt_ri (MdlJitAsm *a, bool w64, MdlX86Reg r, uint8_t bit)
{
  emit_rex (a, w64, 0, 0, r, false);
  emit8 (a, 0x0f);
  emit8 (a, 0xba);
  emit_modrm_reg (a, 4, r);
  emit8 (a, bit);
}

void
mdl_x86_cmp16_rm (MdlJitAsm *a, MdlX86Reg reg, MdlX86Reg base, int32_t disp)
{
  emit8 (a, 0x66);
  emit_rex (a, false, reg, 0, base, false);
  emit8 (a, 0x3b);
  emit_mem (a, reg, base, disp);
}
