/* What the views and stepping need to know about a Thumb instruction: its
 * encoding split into the named fields of the ARMv7-M manual's encoding
 * diagrams (by the format of the decode row that matched), with the
 * registers named and the assembled immediate on its first piece; one
 * line on what it does (arm_describe); and whether it calls (BL, BLX) or
 * returns (BX lr, POP or LDM into pc, LDR pc from the stack) for step
 * over and step out.  A 32-bit instruction's bits are numbered as in the
 * manual's combined view: the first halfword is bits 31:16. */
#include "arm-cpu.h"

#include <stdio.h>
#include <string.h>

static void
field (MdlInsnInfo *info, const char *name, unsigned lo, unsigned hi, uint32_t raw,
       const char *meaning)
{
  MdlInsnField *f;

  if (info->n_fields >= G_N_ELEMENTS (info->fields))
    return;
  f = &info->fields[info->n_fields++];
  f->name = name;
  f->lo = (uint8_t) lo;
  f->hi = (uint8_t) hi;
  f->value = (raw >> lo) & ((UINT64_C (1) << (hi - lo + 1)) - 1);
  g_strlcpy (f->meaning, meaning ? meaning : "", sizeof f->meaning);
}

/* A register field of @width bits at @lo. */
static void
reg (MdlInsnInfo *info, const char *name, unsigned lo, unsigned width, uint32_t raw)
{
  field (info, name, lo, lo + width - 1, raw, arm_reg_names[(raw >> lo) & ((1u << width) - 1)]);
}

/* An immediate piece; the first carries the assembled value. */
static void
imm (MdlInsnInfo *info, const char *name, unsigned lo, unsigned hi, uint32_t raw,
     int64_t value, bool first)
{
  char text[24] = "";

  if (first)
    snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  field (info, name, lo, hi, raw, text);
}

/* Rn of a move and Rd of a compare are fixed 1111, not registers. */
static void
dp_reg (MdlInsnInfo *info, const char *name, unsigned lo, uint32_t raw, bool used)
{
  if (used)
    reg (info, name, lo, 4, raw);
  else
    field (info, name, lo, lo + 3, raw, "(unused)");
}

static const char *const cond_names[16] = {
  "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc",
  "hi", "ls", "ge", "lt", "gt", "le", "al", "(never)",
};

/* The fields of a 16-bit encoding.  @opc: the opcode field's meaning. */
static bool
fields_16 (const ArmDecoded *d, MdlInsnInfo *info, const char *opc)
{
  uint32_t raw = d->raw;
  int64_t v = (int32_t) d->imm;

  switch (d->op->fmt) {
  case ARM_FMT_T16_SHIFT_IMM:
    field (info, "opcode", 11, 15, raw, opc);
    imm (info, "imm5", 6, 10, raw, (raw >> 6) & 31, true);
    reg (info, "Rm", 3, 3, raw);
    reg (info, "Rd", 0, 3, raw);
    break;
  case ARM_FMT_T16_RRR:
    field (info, "opcode", 9, 15, raw, opc);
    reg (info, "Rm", 6, 3, raw);
    reg (info, "Rn", 3, 3, raw);
    reg (info, "Rd", 0, 3, raw);
    break;
  case ARM_FMT_T16_RRI3:
    field (info, "opcode", 9, 15, raw, opc);
    imm (info, "imm3", 6, 8, raw, v, true);
    reg (info, "Rn", 3, 3, raw);
    reg (info, "Rd", 0, 3, raw);
    break;
  case ARM_FMT_T16_RI8:
    field (info, "opcode", 11, 15, raw, opc);
    reg (info, "Rdn", 8, 3, raw);
    imm (info, "imm8", 0, 7, raw, v, true);
    break;
  case ARM_FMT_T16_MOVS:
  case ARM_FMT_T16_DP:
  case ARM_FMT_T16_NEG:
  case ARM_FMT_T16_RR:
    field (info, "opcode", 6, 15, raw, opc);
    reg (info, d->op->fmt == ARM_FMT_T16_NEG ? "Rn" : "Rm", 3, 3, raw);
    reg (info, d->op->fmt == ARM_FMT_T16_DP ? "Rdn" : "Rd", 0, 3, raw);
    break;
  case ARM_FMT_T16_HI: {
    unsigned rdn = ((raw >> 4) & 8) | (raw & 7);

    field (info, "opcode", 8, 15, raw, opc);
    field (info, "DN", 7, 7, raw, arm_reg_names[rdn]);
    reg (info, "Rm", 3, 4, raw);
    field (info, "Rdn", 0, 2, raw, arm_reg_names[rdn]);
    break;
  }
  case ARM_FMT_T16_BX:
    field (info, "opcode", 7, 15, raw, opc);
    reg (info, "Rm", 3, 4, raw);
    field (info, "(0)", 0, 2, raw, NULL);
    break;
  case ARM_FMT_T16_LDR_LIT:
  case ARM_FMT_T16_LS_SP:
  case ARM_FMT_T16_ADR:
  case ARM_FMT_T16_ADD_SP:
    field (info, "opcode", 11, 15, raw, opc);
    reg (info, d->op->fmt == ARM_FMT_T16_ADR || d->op->fmt == ARM_FMT_T16_ADD_SP ? "Rd" : "Rt",
         8, 3, raw);
    imm (info, "imm8", 0, 7, raw, v, true);
    break;
  case ARM_FMT_T16_LS_REG:
    field (info, "opcode", 9, 15, raw, opc);
    reg (info, "Rm", 6, 3, raw);
    reg (info, "Rn", 3, 3, raw);
    reg (info, "Rt", 0, 3, raw);
    break;
  case ARM_FMT_T16_LS_IMM:
    field (info, "opcode", 11, 15, raw, opc);
    imm (info, "imm5", 6, 10, raw, v, true);
    reg (info, "Rn", 3, 3, raw);
    reg (info, "Rt", 0, 3, raw);
    break;
  case ARM_FMT_T16_SP_IMM7:
    field (info, "opcode", 7, 15, raw, opc);
    imm (info, "imm7", 0, 6, raw, v, true);
    break;
  case ARM_FMT_T16_CBZ:
    field (info, "opcode", 12, 15, raw, opc);
    field (info, "op", 11, 11, raw, raw & 0x800 ? "non-zero" : "zero");
    field (info, "0", 10, 10, raw, NULL);
    imm (info, "i", 9, 9, raw, v, true);
    field (info, "1", 8, 8, raw, NULL);
    imm (info, "imm5", 3, 7, raw, v, false);
    reg (info, "Rn", 0, 3, raw);
    break;
  case ARM_FMT_T16_PUSH:
  case ARM_FMT_T16_POP:
    field (info, "opcode", 9, 15, raw, opc);
    field (info, d->op->fmt == ARM_FMT_T16_PUSH ? "M" : "P", 8, 8, raw,
           raw & 0x100 ? (d->op->fmt == ARM_FMT_T16_PUSH ? "lr" : "pc") : NULL);
    field (info, "register_list", 0, 7, raw, NULL);
    break;
  case ARM_FMT_T16_LDSTM:
    field (info, "opcode", 11, 15, raw, opc);
    reg (info, "Rn", 8, 3, raw);
    field (info, "register_list", 0, 7, raw, NULL);
    break;
  case ARM_FMT_T16_CPS:
    field (info, "opcode", 5, 15, raw, opc);
    field (info, "im", 4, 4, raw, raw & 0x10 ? "disable" : "enable");
    field (info, "(0)", 3, 3, raw, NULL);
    field (info, "I F", 0, 1, raw, NULL);
    break;
  case ARM_FMT_T16_BKPT:
  case ARM_FMT_T16_UDF:
  case ARM_FMT_T16_SVC:
    field (info, "opcode", 8, 15, raw, opc);
    imm (info, "imm8", 0, 7, raw, raw & 0xff, true);
    break;
  case ARM_FMT_T16_IT:
    field (info, "opcode", 8, 15, raw, opc);
    field (info, "firstcond", 4, 7, raw, cond_names[(raw >> 4) & 15]);
    field (info, "mask", 0, 3, raw, NULL);
    break;
  case ARM_FMT_T16_BCOND:
    field (info, "opcode", 12, 15, raw, opc);
    field (info, "cond", 8, 11, raw, cond_names[(raw >> 8) & 15]);
    imm (info, "imm8", 0, 7, raw, v, true);
    break;
  case ARM_FMT_T16_B:
    field (info, "opcode", 11, 15, raw, opc);
    imm (info, "imm11", 0, 10, raw, v, true);
    break;
  default:
    return false;
  }
  return true;
}

/* The fields of a 32-bit encoding, for the formats drawn here; the
 * others get the halfwords' coarse split. */
static bool
fields_32 (const ArmDecoded *d, MdlInsnInfo *info, const char *opc)
{
  uint32_t raw = d->raw;
  int64_t v = (int32_t) d->imm;

  switch (d->op->fmt) {
  case ARM_FMT_B32:
    /* BL and B.W: the offset is S:I1:I2:imm10:imm11:0, I = not (J xor S). */
    field (info, "op1", 27, 31, raw, opc);
    imm (info, "S", 26, 26, raw, v, true);
    imm (info, "imm10", 16, 25, raw, v, false);
    field (info, "op", 14, 15, raw, NULL);
    imm (info, "J1", 13, 13, raw, v, false);
    field (info, "link", 12, 12, raw, raw & 0x1000 && d->op->op == ARM_OP_BL ? "bl" : NULL);
    imm (info, "J2", 11, 11, raw, v, false);
    imm (info, "imm11", 0, 10, raw, v, false);
    break;
  case ARM_FMT_BCOND32:
    field (info, "op1", 27, 31, raw, opc);
    imm (info, "S", 26, 26, raw, v, true);
    field (info, "cond", 22, 25, raw, cond_names[(raw >> 22) & 15]);
    imm (info, "imm6", 16, 21, raw, v, false);
    field (info, "op", 14, 15, raw, NULL);
    imm (info, "J1", 13, 13, raw, v, false);
    field (info, "0", 12, 12, raw, NULL);
    imm (info, "J2", 11, 11, raw, v, false);
    imm (info, "imm11", 0, 10, raw, v, false);
    break;
  case ARM_FMT_DP_IMM:
  case ARM_FMT_DP_IMM_MOV:
  case ARM_FMT_DP_IMM_TEST:
    /* The modified immediate i:imm3:imm8. */
    field (info, "op1", 27, 31, raw, opc);
    imm (info, "i", 26, 26, raw, (uint32_t) d->imm, true);
    field (info, "0", 25, 25, raw, NULL);
    field (info, "op", 21, 24, raw, NULL);
    field (info, "S", 20, 20, raw, raw & (1u << 20) ? "flags" : NULL);
    dp_reg (info, "Rn", 16, raw, d->op->fmt != ARM_FMT_DP_IMM_MOV);
    field (info, "0", 15, 15, raw, NULL);
    imm (info, "imm3", 12, 14, raw, 0, false);
    dp_reg (info, "Rd", 8, raw, d->op->fmt != ARM_FMT_DP_IMM_TEST);
    imm (info, "imm8", 0, 7, raw, 0, false);
    break;
  case ARM_FMT_DP_SHIFT:
  case ARM_FMT_DP_SHIFT_MOV:
  case ARM_FMT_DP_SHIFT_TEST: {
    static const char *const types[4] = { "lsl", "lsr", "asr", "ror" };

    field (info, "op1", 25, 31, raw, opc);
    field (info, "op", 21, 24, raw, NULL);
    field (info, "S", 20, 20, raw, raw & (1u << 20) ? "flags" : NULL);
    dp_reg (info, "Rn", 16, raw, d->op->fmt != ARM_FMT_DP_SHIFT_MOV);
    field (info, "(0)", 15, 15, raw, NULL);
    imm (info, "imm3", 12, 14, raw, d->shift_n, true);
    dp_reg (info, "Rd", 8, raw, d->op->fmt != ARM_FMT_DP_SHIFT_TEST);
    imm (info, "imm2", 6, 7, raw, 0, false);
    field (info, "type", 4, 5, raw, types[(raw >> 4) & 3]);
    reg (info, "Rm", 0, 4, raw);
    break;
  }
  case ARM_FMT_MOVW:
    field (info, "op1", 27, 31, raw, opc);
    imm (info, "i", 26, 26, raw, v, true);
    field (info, "op", 20, 25, raw, NULL);
    imm (info, "imm4", 16, 19, raw, v, false);
    field (info, "0", 15, 15, raw, NULL);
    imm (info, "imm3", 12, 14, raw, v, false);
    reg (info, "Rd", 8, 4, raw);
    imm (info, "imm8", 0, 7, raw, v, false);
    break;
  case ARM_FMT_LS_IMM12:
    field (info, "op1", 23, 31, raw, opc);
    field (info, "size", 21, 22, raw, NULL);
    field (info, "L", 20, 20, raw, raw & (1u << 20) ? "load" : "store");
    reg (info, "Rn", 16, 4, raw);
    reg (info, "Rt", 12, 4, raw);
    imm (info, "imm12", 0, 11, raw, v, true);
    break;
  case ARM_FMT_LS_IMM8:
    field (info, "op1", 23, 31, raw, opc);
    field (info, "size", 21, 22, raw, NULL);
    field (info, "L", 20, 20, raw, raw & (1u << 20) ? "load" : "store");
    reg (info, "Rn", 16, 4, raw);
    reg (info, "Rt", 12, 4, raw);
    field (info, "1", 11, 11, raw, NULL);
    field (info, "P U W", 8, 10, raw, NULL);
    imm (info, "imm8", 0, 7, raw, v, true);
    break;
  case ARM_FMT_LS_REG:
    field (info, "op1", 23, 31, raw, opc);
    field (info, "size", 21, 22, raw, NULL);
    field (info, "L", 20, 20, raw, raw & (1u << 20) ? "load" : "store");
    reg (info, "Rn", 16, 4, raw);
    reg (info, "Rt", 12, 4, raw);
    field (info, "000000", 6, 11, raw, NULL);
    imm (info, "imm2", 4, 5, raw, d->shift_n, true);
    reg (info, "Rm", 0, 4, raw);
    break;
  case ARM_FMT_RRR:
  case ARM_FMT_MLA:
    field (info, "op1", 20, 31, raw, opc);
    reg (info, "Rn", 16, 4, raw);
    if (d->op->fmt == ARM_FMT_MLA)
      reg (info, "Ra", 12, 4, raw);
    else
      field (info, "(1111)", 12, 15, raw, NULL);
    reg (info, "Rd", 8, 4, raw);
    field (info, "op2", 4, 7, raw, NULL);
    reg (info, "Rm", 0, 4, raw);
    break;
  default:
    return false;
  }
  return true;
}

bool
arm_insn_info (MdlCpu *cpu, uint64_t pc, MdlInsnInfo *info)
{
  ArmCpu *s = (ArmCpu *) cpu;
  uint8_t b[4] = { 0 };
  uint32_t hw1, raw;
  ArmDecoded d;
  g_autoptr (GString) text = g_string_new (NULL);

  memset (info, 0, sizeof *info);
  if (!mdl_address_space_read_bytes (cpu->as, pc, b, 2, NULL))
    return false;
  hw1 = b[0] | (uint32_t) b[1] << 8;
  raw = hw1;
  info->len = arm_insn_length (hw1);
  if (info->len == 4) {
    if (!mdl_address_space_read_bytes (cpu->as, pc + 2, b + 2, 2, NULL))
      return false;
    raw = hw1 << 16 | b[2] | (uint32_t) b[3] << 8;
  }
  /* Little-endian bytes as fetched, like the RISC-V target reports. */
  info->raw = b[0] | (uint32_t) b[1] << 8 | (uint32_t) b[2] << 16 | (uint32_t) b[3] << 24;

  if (!arm_decode (s->isa, raw, false, &d)) {
    g_strlcpy (info->format, "undefined", sizeof info->format);
    return true;
  }
  g_strlcpy (info->mnemonic, d.op->name, sizeof info->mnemonic);
  arm_describe (d.op->name, info->summary, sizeof info->summary);
  arm_disas_insn (s->isa, (uint32_t) pc, raw, 0, text);
  if (info->len == 2) {
    g_strlcpy (info->format, "T16", sizeof info->format);
    if (!fields_16 (&d, info, d.op->name)) {
      field (info, "opcode", 11, 15, raw, d.op->name);
      field (info, "operands", 0, 10, raw, text->str);
    }
  } else {
    /* The anatomy view draws the bits as fetched: the first halfword in
     * the low 16.  Fields are numbered as in the manual (first halfword
     * 31:16), so the view's raw is the manual's. */
    g_strlcpy (info->format, "T32", sizeof info->format);
    info->raw = raw;
    if (!fields_32 (&d, info, d.op->name)) {
      field (info, "op1", 27, 31, raw, d.op->name);
      field (info, "hw1 operands", 16, 26, raw, NULL);
      field (info, "hw2", 0, 15, raw, text->str);
    }
  }

  info->is_call = d.op->op == ARM_OP_BL || d.op->op == ARM_OP_BLX;
  info->is_return = (d.op->op == ARM_OP_BX && d.rm == 14)
                    || (d.op->op == ARM_OP_LDM && d.rn == 13 && (d.imm & 0x8000))
                    || (d.op->op == ARM_OP_LDR && d.rd == 15 && d.rn == 13);
  return true;
}
