/* What the views and stepping need to know about a Thumb instruction: its
 * encoding in parts for the anatomy view (the 16-bit or the two halfwords
 * of a 32-bit instruction, with the disassembly as their meaning), and
 * whether it calls (BL, BLX) or returns (BX lr, POP or LDM into pc, LDR pc
 * from the stack) for step over and step out. */
#include "arm-cpu.h"

#include <string.h>

static void
field (MdlInsnInfo *info, const char *name, unsigned lo, unsigned hi, uint32_t raw,
       const char *meaning)
{
  MdlInsnField *f = &info->fields[info->n_fields++];

  f->name = name;
  f->lo = (uint8_t) lo;
  f->hi = (uint8_t) hi;
  f->value = (raw >> lo) & ((UINT64_C (1) << (hi - lo + 1)) - 1);
  g_strlcpy (f->meaning, meaning ? meaning : "", sizeof f->meaning);
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
  arm_disas_insn (s->isa, (uint32_t) pc, raw, 0, text);
  if (info->len == 2) {
    g_strlcpy (info->format, "T16", sizeof info->format);
    field (info, "opcode", 11, 15, raw, d.op->name);
    field (info, "operands", 0, 10, raw, text->str);
  } else {
    /* Bit numbers as in the manual: the first halfword is bits 31:16. */
    g_strlcpy (info->format, "T32", sizeof info->format);
    field (info, "op1", 27, 31, raw, d.op->name);
    field (info, "hw1 operands", 16, 26, raw, NULL);
    field (info, "hw2", 0, 15, raw, text->str);
  }

  info->is_call = d.op->op == ARM_OP_BL || d.op->op == ARM_OP_BLX;
  info->is_return = (d.op->op == ARM_OP_BX && d.rm == 14)
                    || (d.op->op == ARM_OP_LDM && d.rn == 13 && (d.imm & 0x8000))
                    || (d.op->op == ARM_OP_LDR && d.rd == 15 && d.rn == 13);
  return true;
}
