/* What the views and stepping need to know about an A64 instruction: its
 * encoding in named fields for the anatomy view, by the table row's
 * operand format (and, for Advanced SIMD integer rows, by the row's
 * variant, since loads, copies, immediates and shifts lay their bits out
 * differently), the bits between those fields named as the fixed bits
 * that pick the class and row, so that the fields cover the word; its line
 * of description (aarch64-describe.c); and whether it calls (bl, blr) or
 * returns (ret) for step over and step out.
 */
#include "aarch64-simd-int.h"

#include <stdlib.h>
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

static const char *
regname (char *buf, unsigned r)
{
  if (r == 31)
    return "31 (sp/zr)";
  g_snprintf (buf, 8, "x%u", r);
  return buf;
}

static const char *const esize_names[4] = { "8-bit", "16-bit", "32-bit", "64-bit" };

/* Element size (log2 bytes) and index an imm5 of the copy forms names:
 * the lowest set bit gives the size, the bits above it the index; 4 when
 * none of the low four bits is set (reserved). */
static unsigned
imm5_size (uint32_t imm5)
{
  for (unsigned es = 0; es < 4; es++)
    if (imm5 & (1u << es))
      return es;
  return 4;
}

/* What Rm of a structure load or store means: the post-index register,
 * or the transfer size when it is 31; nothing without post-indexing. */
static const char *
post_rm (char *buf, uint32_t i)
{
  if (!((i >> 23) & 1))
    return NULL;
  return SIMD_RM (i) == 31 ? "#imm" : regname (buf, SIMD_RM (i));
}

/* Structure loads and stores: multiple structures (ld1-ld4), one lane
 * (ld1 {v0.s}[1]) and load-and-replicate (ld1r).  Bit 23 makes them
 * post-indexed: by the transfer size when Rm is 31, else by Rm. */
static void
simd_ldst_fields (const A64Opcode *op, uint32_t i, MdlInsnInfo *info)
{
  static const uint8_t multi_regs[16] = { 4, 0, 4, 0, 3, 0, 3, 1, 2, 0, 2 };
  char b1[16], b2[24], b3[16], b4[16];
  unsigned opc = (i >> 12) & 15, size = (i >> 10) & 3, q = SIMD_Q (i);
  bool post = (i >> 23) & 1;

  /* A lane's Q is the top bit of its index. */
  field (info, "Q", 30, 30, i, op->variant == P_LDS ? "index" : q ? "128-bit" : "64-bit");
  field (info, "post", 23, 23, i, post ? "post-index" : "no offset");
  field (info, "L", 22, 22, i, op->name);
  if (op->variant == P_LDM) {
    g_snprintf (b1, sizeof b1, "%u register%s", multi_regs[opc], multi_regs[opc] == 1 ? "" : "s");
    field (info, "Rm", 16, 20, i, post_rm (b3, i));
    field (info, "opcode", 12, 15, i, b1);
    field (info, "size", 10, 11, i, esize_names[size]);
  } else {
    unsigned sel = (i >> 14) & 3, n = (((i >> 13) & 1) << 1 | ((i >> 21) & 1)) + 1;
    unsigned s = (i >> 12) & 1;

    if (op->variant == P_LDR)
      g_snprintf (b2, sizeof b2, "replicate %s", esize_names[size]);
    else if (sel == 0)
      g_snprintf (b2, sizeof b2, "b[%u]", q << 3 | s << 2 | size);
    else if (sel == 1)
      g_snprintf (b2, sizeof b2, "h[%u]", q << 2 | s << 1 | size >> 1);
    else if (size & 1)
      g_snprintf (b2, sizeof b2, "d[%u]", q);
    else
      g_snprintf (b2, sizeof b2, "s[%u]", q << 1 | s);
    g_snprintf (b1, sizeof b1, "%u register%s", n, n == 1 ? "" : "s");
    field (info, "R", 21, 21, i, b1);
    field (info, "Rm", 16, 20, i, post_rm (b3, i));
    field (info, "opcode", 13, 15, i, b2);
    field (info, "S", 12, 12, i, NULL);
    field (info, "size", 10, 11, i, op->variant == P_LDR ? esize_names[size] : NULL);
  }
  field (info, "Rn", 5, 9, i, regname (b4, SIMD_RN (i)));
  g_snprintf (b4, sizeof b4, "v%u", SIMD_RD (i));
  field (info, "Rt", 0, 4, i, b4);
}

/* dup, ins (mov), smov, umov: imm5 names the element, imm4 the source
 * element of ins (element) and the operation otherwise. */
static void
simd_copy_fields (const A64Opcode *op, uint32_t i, MdlInsnInfo *info)
{
  char b1[24], b2[24], b3[16], b4[16];
  unsigned imm5 = (i >> 16) & 31, es = imm5_size (imm5), imm4 = (i >> 11) & 15;
  bool gen_src = op->variant == P_DUPG || op->variant == P_INSG;
  bool gen_dst = op->variant == P_SMOV || op->variant == P_UMOV;

  if (es < 4)
    g_snprintf (b1, sizeof b1, "%c[%u]", "bhsd"[es], imm5 >> (es + 1));
  else
    g_strlcpy (b1, "reserved", sizeof b1);
  if (op->variant == P_INSE && es < 4)
    g_snprintf (b2, sizeof b2, "from %c[%u]", "bhsd"[es], imm4 >> es);
  else
    g_strlcpy (b2, op->name, sizeof b2);
  if (gen_src)
    g_snprintf (b3, sizeof b3, "%c%u", es == 3 ? 'x' : 'w', SIMD_RN (i));
  else
    g_snprintf (b3, sizeof b3, "v%u", SIMD_RN (i));
  if (gen_dst)
    g_snprintf (b4, sizeof b4, "%c%u", SIMD_Q (i) ? 'x' : 'w', SIMD_RD (i));
  else
    g_snprintf (b4, sizeof b4, "v%u", SIMD_RD (i));
  field (info, "Q", 30, 30, i, (i >> 28) & 1 ? "scalar" : SIMD_Q (i) ? "128-bit" : "64-bit");
  field (info, "op", 29, 29, i, op->variant == P_INSE ? "ins (element)" : NULL);
  field (info, "imm5", 16, 20, i, b1);
  field (info, "imm4", 11, 14, i, b2);
  field (info, "Rn", 5, 9, i, b3);
  field (info, "Rd", 0, 4, i, b4);
}

/* movi, mvni, orr, bic (vector, immediate): a:b:c:d:e:f:g:h is the
 * 8-bit immediate, cmode and op say how it is expanded. */
static void
simd_modimm_fields (const A64Opcode *op, uint32_t i, MdlInsnInfo *info)
{
  char b1[24], b2[24], b3[16];
  unsigned cmode = (i >> 12) & 15, imm8 = ((i >> 11) & 0xe0) | ((i >> 5) & 31);
  bool opb = SIMD_U (i);

  if (cmode < 8)
    g_snprintf (b2, sizeof b2, "32-bit, lsl #%u", 8 * (cmode >> 1));
  else if (cmode < 12)
    g_snprintf (b2, sizeof b2, "16-bit, lsl #%u", 8 * ((cmode >> 1) & 1));
  else if (cmode < 14)
    g_snprintf (b2, sizeof b2, "32-bit, msl #%u", 8 << (cmode & 1));
  else
    g_strlcpy (b2, opb ? "64-bit byte mask" : "8-bit", sizeof b2);
  g_snprintf (b1, sizeof b1, "imm8 = 0x%02x", imm8);
  g_snprintf (b3, sizeof b3, "v%u", SIMD_RD (i));
  field (info, "Q", 30, 30, i, SIMD_Q (i) ? "128-bit" : "64-bit");
  field (info, "op", 29, 29, i, op->name);
  field (info, "a:b:c", 16, 18, i, b1);
  field (info, "cmode", 12, 15, i, b2);
  field (info, "o2", 11, 11, i, NULL);
  if (cmode < 15) {
    g_snprintf (b1, sizeof b1, "0x%016" G_GINT64_MODIFIER "x",
                a64_simd_expand_imm (opb, cmode, imm8));
    field (info, "d:e:f:g:h", 5, 9, i, b1);
  } else
    field (info, "d:e:f:g:h", 5, 9, i, NULL);
  field (info, "Rd", 0, 4, i, b3);
}

/* Shifts by immediate: immh gives the element size (its highest set
 * bit), immh:immb the shift, counted from the element size. */
static void
simd_shift_fields (const A64Opcode *op, uint32_t i, MdlInsnInfo *info)
{
  char b1[24], b2[24], b3[16], b4[16];
  unsigned immh = (i >> 19) & 15, immhb = (i >> 16) & 127, es = 0;
  bool scalar = (i >> 28) & 1;

  while (es < 3 && (immh >> (es + 1)) != 0)
    es++;
  if (immh == 0)
    g_strlcpy (b1, "reserved", sizeof b1);
  else
    g_strlcpy (b1, esize_names[es], sizeof b1);
  if (immh == 0)
    b2[0] = '\0';
  else if (op->variant == P_SHL || op->variant == P_SHLL)
    g_snprintf (b2, sizeof b2, "lsl #%u", immhb - (8u << es));
  else
    g_snprintf (b2, sizeof b2, "shift #%u", (16u << es) - immhb);
  g_snprintf (b3, sizeof b3, "%s%u", scalar ? "" : "v", SIMD_RN (i));
  g_snprintf (b4, sizeof b4, "%s%u", scalar ? "" : "v", SIMD_RD (i));
  field (info, "Q", 30, 30, i, scalar ? "scalar" : SIMD_Q (i) ? "128-bit" : "64-bit");
  field (info, "U", 29, 29, i, op->name);
  field (info, "immh", 19, 22, i, b1);
  field (info, "immb", 16, 18, i, b2);
  field (info, "opcode", 11, 15, i, NULL);
  field (info, "Rn", 5, 9, i, scalar ? NULL : b3);
  field (info, "Rd", 0, 4, i, scalar ? NULL : b4);
}

/* By element: the element index is spread over H, L and M, and with
 * 16-bit elements M is part of the index, leaving Rm four bits. */
static void
simd_elem_fields (const A64Opcode *op, uint32_t i, MdlInsnInfo *info)
{
  char b1[16], b2[16], b3[16], b4[16];
  unsigned size = SIMD_SIZE (i), h = (i >> 11) & 1, l = (i >> 21) & 1, m = (i >> 20) & 1;
  bool scalar = (i >> 28) & 1;

  if (size == 1)
    g_snprintf (b1, sizeof b1, "h[%u]", h << 2 | l << 1 | m);
  else if (size == 2)
    g_snprintf (b1, sizeof b1, "s[%u]", h << 1 | l);
  else
    g_strlcpy (b1, "reserved", sizeof b1);
  g_snprintf (b2, sizeof b2, "v%u", size == 1 ? SIMD_RM (i) & 15 : SIMD_RM (i));
  g_snprintf (b3, sizeof b3, "v%u", SIMD_RN (i));
  g_snprintf (b4, sizeof b4, "v%u", SIMD_RD (i));
  field (info, "Q", 30, 30, i, scalar ? "scalar" : SIMD_Q (i) ? "128-bit" : "64-bit");
  field (info, "U", 29, 29, i, op->name);
  field (info, "size", 22, 23, i, esize_names[size]);
  field (info, "L", 21, 21, i, NULL);
  if (size == 1) {
    field (info, "M", 20, 20, i, NULL);
    field (info, "Rm", 16, 19, i, b2);
  } else
    field (info, "M:Rm", 16, 20, i, b2);
  field (info, "opcode", 12, 15, i, NULL);
  field (info, "H", 11, 11, i, b1);
  field (info, "Rn", 5, 9, i, scalar ? NULL : b3);
  field (info, "Rd", 0, 4, i, scalar ? NULL : b4);
}

/* ext (imm4: the first byte taken) and tbl/tbx (len: the table's
 * registers). */
static void
simd_ext_tbl_fields (const A64Opcode *op, uint32_t i, MdlInsnInfo *info)
{
  char b1[16], b2[16], b3[16], b4[16];

  g_snprintf (b2, sizeof b2, "v%u", SIMD_RM (i));
  g_snprintf (b3, sizeof b3, "v%u", SIMD_RN (i));
  g_snprintf (b4, sizeof b4, "v%u", SIMD_RD (i));
  field (info, "Q", 30, 30, i, SIMD_Q (i) ? "128-bit" : "64-bit");
  field (info, "Rm", 16, 20, i, b2);
  if (op->variant == P_EXT) {
    g_snprintf (b1, sizeof b1, "from byte %u", (i >> 11) & 15);
    field (info, "imm4", 11, 14, i, b1);
  } else {
    unsigned n = ((i >> 13) & 3) + 1;

    g_snprintf (b1, sizeof b1, "%u register%s", n, n == 1 ? "" : "s");
    field (info, "len", 13, 14, i, b1);
    field (info, "op", 12, 12, i, op->name);
  }
  field (info, "Rn", 5, 9, i, b3);
  field (info, "Rd", 0, 4, i, b4);
}

/* Advanced SIMD integer rows whose bits are not the common vector layout
 * (Q, U, size, Rm, opcode, Rn, Rd); false for those that are. */
static bool
simd_int_fields (const A64Opcode *op, uint32_t i, MdlInsnInfo *info)
{
  switch (op->variant) {
  case P_LDM:
  case P_LDS:
  case P_LDR:
    g_strlcpy (info->format, "SIMD load/store", sizeof info->format);
    simd_ldst_fields (op, i, info);
    return true;
  case P_DUPE:
  case P_DUPG:
  case P_INSG:
  case P_INSE:
  case P_SMOV:
  case P_UMOV:
  case P_SDUP:
    g_strlcpy (info->format, "SIMD copy", sizeof info->format);
    simd_copy_fields (op, i, info);
    return true;
  case P_MODIMM:
    g_strlcpy (info->format, "SIMD modified immediate", sizeof info->format);
    simd_modimm_fields (op, i, info);
    return true;
  case P_SHR:
  case P_SHL:
  case P_SHRN:
  case P_SHLL:
    g_strlcpy (info->format, "SIMD shift (immediate)", sizeof info->format);
    simd_shift_fields (op, i, info);
    return true;
  case P_ELEM:
  case P_ELEML:
    g_strlcpy (info->format, "SIMD by element", sizeof info->format);
    simd_elem_fields (op, i, info);
    return true;
  case P_EXT:
  case P_TBL:
    g_strlcpy (info->format, op->variant == P_EXT ? "SIMD extract" : "SIMD table lookup",
               sizeof info->format);
    simd_ext_tbl_fields (op, i, info);
    return true;
  default: return false;
  }
}

/* The format's name and its fields, low bits last as the manual draws
 * them. */
static void
fields_of (const A64Opcode *op, uint32_t i, MdlInsnInfo *info)
{
  char b1[16], b2[16], b3[16], b4[16];
  const char *rd = regname (b1, i & 31), *rn = regname (b2, (i >> 5) & 31);
  const char *rm = regname (b3, (i >> 16) & 31), *ra = regname (b4, (i >> 10) & 31);
  const char *sf = (i >> 31) ? "64-bit" : "32-bit";
  static const char *const names[A64_FMT_COUNT] = {
    [A64_FMT_NONE] = "system",
    [A64_FMT_ADR] = "PC-rel. addressing",
    [A64_FMT_ADDSUB_IMM] = "add/sub (immediate)",
    [A64_FMT_LOGIC_IMM] = "logical (immediate)",
    [A64_FMT_MOVW] = "move wide",
    [A64_FMT_BITFIELD] = "bitfield",
    [A64_FMT_EXTR] = "extract",
    [A64_FMT_B] = "branch (immediate)",
    [A64_FMT_BCOND] = "conditional branch",
    [A64_FMT_CB] = "compare and branch",
    [A64_FMT_TB] = "test and branch",
    [A64_FMT_BR] = "branch (register)",
    [A64_FMT_EXC] = "exception generation",
    [A64_FMT_HINT] = "hint",
    [A64_FMT_BARRIER] = "barrier",
    [A64_FMT_MSR_IMM] = "PSTATE",
    [A64_FMT_SYS] = "system instruction",
    [A64_FMT_MSR] = "system register move",
    [A64_FMT_MRS] = "system register move",
    [A64_FMT_LDST_EXCL] = "load/store exclusive",
    [A64_FMT_LDR_LIT] = "load literal",
    [A64_FMT_LDST_PAIR] = "load/store pair",
    [A64_FMT_LDST_IMM9] = "load/store (imm9)",
    [A64_FMT_LDST_REG] = "load/store (reg. offset)",
    [A64_FMT_LDST_UIMM] = "load/store (uimm12)",
    [A64_FMT_LOGIC_REG] = "logical (shifted reg.)",
    [A64_FMT_ADDSUB_REG] = "add/sub (shifted reg.)",
    [A64_FMT_ADDSUB_EXT] = "add/sub (extended)",
    [A64_FMT_ADC] = "add/sub with carry",
    [A64_FMT_CCMP] = "conditional compare",
    [A64_FMT_CSEL] = "conditional select",
    [A64_FMT_DP2] = "data proc. (2 source)",
    [A64_FMT_DP1] = "data proc. (1 source)",
    [A64_FMT_DP3] = "data proc. (3 source)",
    [A64_FMT_FP_DP1] = "FP (1 source)",
    [A64_FMT_FP_DP2] = "FP (2 source)",
    [A64_FMT_FP_DP3] = "FP (3 source)",
    [A64_FMT_FP_CMP] = "FP compare",
    [A64_FMT_FP_CCMP] = "FP conditional compare",
    [A64_FMT_FP_CSEL] = "FP conditional select",
    [A64_FMT_FP_IMM] = "FP immediate",
    [A64_FMT_FP_CONV] = "FP/integer conversion",
    [A64_FMT_SIMD_INT] = "Advanced SIMD",
    [A64_FMT_SIMD_FP] = "Advanced SIMD (FP)",
  };

  g_strlcpy (info->format, names[op->fmt] ? names[op->fmt] : "A64", sizeof info->format);
  switch (op->fmt) {
  case A64_FMT_ADDSUB_IMM:
    field (info, "sf", 31, 31, i, sf);
    field (info, "op:S", 29, 30, i, op->name);
    field (info, "sh", 22, 22, i, (i >> 22) & 1 ? "lsl #12" : "");
    field (info, "imm12", 10, 21, i, NULL);
    field (info, "Rn", 5, 9, i, rn);
    field (info, "Rd", 0, 4, i, rd);
    break;
  case A64_FMT_LOGIC_IMM:
  case A64_FMT_BITFIELD:
    field (info, "sf", 31, 31, i, sf);
    field (info, "opc", 29, 30, i, op->name);
    field (info, "N", 22, 22, i, NULL);
    field (info, "immr", 16, 21, i, NULL);
    field (info, "imms", 10, 15, i, NULL);
    field (info, "Rn", 5, 9, i, rn);
    field (info, "Rd", 0, 4, i, rd);
    break;
  case A64_FMT_MOVW:
    field (info, "sf", 31, 31, i, sf);
    field (info, "opc", 29, 30, i, op->name);
    field (info, "hw", 21, 22, i, NULL);
    field (info, "imm16", 5, 20, i, NULL);
    field (info, "Rd", 0, 4, i, rd);
    break;
  case A64_FMT_B:
    field (info, "op", 31, 31, i, op->name);
    field (info, "imm26", 0, 25, i, "offset / 4");
    break;
  case A64_FMT_BCOND:
    field (info, "imm19", 5, 23, i, "offset / 4");
    field (info, "cond", 0, 3, i, a64_cond_names[i & 15]);
    break;
  case A64_FMT_CB:
  case A64_FMT_LDR_LIT:
    field (info, "opc", 30, 31, i, NULL);
    field (info, "imm19", 5, 23, i, "offset / 4");
    field (info, "Rt", 0, 4, i, rd);
    break;
  case A64_FMT_TB:
    field (info, "b5", 31, 31, i, NULL);
    field (info, "b40", 19, 23, i, "bit number");
    field (info, "imm14", 5, 18, i, "offset / 4");
    field (info, "Rt", 0, 4, i, rd);
    break;
  case A64_FMT_EXC:
    field (info, "opc", 21, 23, i, op->name);
    field (info, "imm16", 5, 20, i, NULL);
    field (info, "LL", 0, 1, i, NULL);
    break;
  case A64_FMT_MSR:
  case A64_FMT_MRS:
  case A64_FMT_SYS: {
    const char *name = a64_sysreg_name ((i >> 5) & 0xffff);
    field (info, "L", 21, 21, i, op->name);
    field (info, "op0", 19, 20, i, name);
    field (info, "op1", 16, 18, i, NULL);
    field (info, "CRn", 12, 15, i, NULL);
    field (info, "CRm", 8, 11, i, NULL);
    field (info, "op2", 5, 7, i, NULL);
    field (info, "Rt", 0, 4, i, rd);
    break;
  }
  case A64_FMT_LDST_EXCL:
  case A64_FMT_LDST_PAIR:
    field (info, "size/opc", 30, 31, i, NULL);
    field (info, "L", 22, 22, i, op->name);
    field (info, op->fmt == A64_FMT_LDST_PAIR ? "imm7" : "Rs",
           op->fmt == A64_FMT_LDST_PAIR ? 15 : 16, 21, i, NULL);
    field (info, "Rt2", 10, 14, i, ra);
    field (info, "Rn", 5, 9, i, rn);
    field (info, "Rt", 0, 4, i, rd);
    break;
  case A64_FMT_LDST_IMM9:
  case A64_FMT_LDST_REG:
  case A64_FMT_LDST_UIMM:
    field (info, "size", 30, 31, i, NULL);
    field (info, "opc", 22, 23, i, op->name);
    if (op->fmt == A64_FMT_LDST_UIMM)
      field (info, "imm12", 10, 21, i, "offset / size");
    else if (op->fmt == A64_FMT_LDST_IMM9) {
      field (info, "imm9", 12, 20, i, NULL);
      field (info, "mode", 10, 11, i, NULL);
    } else {
      field (info, "Rm", 16, 20, i, rm);
      field (info, "option", 13, 15, i, NULL);
      field (info, "S", 12, 12, i, NULL);
    }
    field (info, "Rn", 5, 9, i, rn);
    field (info, "Rt", 0, 4, i, rd);
    break;
  case A64_FMT_ADR:
    field (info, "op", 31, 31, i, op->name);
    field (info, "immlo", 29, 30, i, NULL);
    field (info, "immhi", 5, 23, i, NULL);
    field (info, "Rd", 0, 4, i, rd);
    break;
  case A64_FMT_NONE:
  case A64_FMT_HINT:
  case A64_FMT_BARRIER:
  case A64_FMT_MSR_IMM:
    field (info, "op1", 16, 18, i, op->name);
    field (info, "CRm", 8, 11, i, NULL);
    field (info, "op2", 5, 7, i, NULL);
    break;
  case A64_FMT_BR:
    field (info, "opc", 21, 24, i, op->name);
    field (info, "Rn", 5, 9, i, rn);
    break;
  case A64_FMT_SIMD_INT:
    if (simd_int_fields (op, i, info))
      break;
    /* fall through */
  case A64_FMT_SIMD_FP: /* the common vector layout; rows differ in bits 28:10 */
    field (info, "Q", 30, 30, i, (i >> 30) & 1 ? "128-bit" : "64-bit");
    field (info, "U", 29, 29, i, op->name);
    field (info, "size", 22, 23, i, NULL);
    field (info, "Rm", 16, 20, i, NULL);
    field (info, "opcode", 10, 15, i, NULL);
    field (info, "Rn", 5, 9, i, NULL);
    field (info, "Rd", 0, 4, i, NULL);
    break;
  default: /* the register-to-register forms */
    field (info, "sf", 31, 31, i, sf);
    field (info, "op", 29, 30, i, op->name);
    field (info, "Rm", 16, 20, i, rm);
    field (info, "op/shift", 10, 15, i, op->fmt == A64_FMT_DP3 ? ra : NULL);
    field (info, "Rn", 5, 9, i, rn);
    field (info, "Rd", 0, 4, i, rd);
    break;
  }
}

static int
by_position (const void *a, const void *b)
{
  return (int) ((const MdlInsnField *) b)->hi - (int) ((const MdlInsnField *) a)->hi;
}

/* The bits no field of the format names are the ones that select its
 * class and row (the manual's fixed bits, op0 and friends): each run of
 * them becomes a field of its own, so that the fields cover all 32 bits,
 * and the fields are put in the manual's order, high bits first. */
static void
name_fixed_bits (uint32_t insn, MdlInsnInfo *info)
{
  uint32_t seen = 0;

  for (unsigned i = 0; i < info->n_fields; i++)
    seen |= (uint32_t) (((UINT64_C (1) << (info->fields[i].hi - info->fields[i].lo + 1)) - 1)
                        << info->fields[i].lo);
  for (int b = 31; b >= 0;) {
    int lo = b;

    if (seen & (UINT32_C (1) << b)) {
      b--;
      continue;
    }
    while (lo > 0 && !(seen & (UINT32_C (1) << (lo - 1))))
      lo--;
    field (info, "fixed", (unsigned) lo, (unsigned) b, insn, NULL);
    b = lo - 1;
  }
  qsort (info->fields, info->n_fields, sizeof info->fields[0], by_position);
}

bool
a64_insn_info (MdlCpu *cpu, uint64_t pc, MdlInsnInfo *info)
{
  A64Cpu *s = (A64Cpu *) cpu;
  const A64Opcode *op;
  uint32_t insn;

  memset (info, 0, sizeof *info);
  if (!a64_peek_insn (s, pc, &insn))
    return false;
  info->len = 4;
  info->raw = insn;
  op = a64_decode (insn);
  if (op == NULL) {
    g_strlcpy (info->format, "undefined", sizeof info->format);
    return true;
  }
  g_strlcpy (info->mnemonic, op->name, sizeof info->mnemonic);
  a64_describe (op, info->summary, sizeof info->summary);
  fields_of (op, insn, info);
  name_fixed_bits (insn, info);
  info->is_call
    = op->exec == a64_x_b ? (insn >> 31) != 0 : op->exec == a64_x_br && ((insn >> 21) & 3) == 1;
  info->is_return = op->exec == a64_x_br && ((insn >> 21) & 3) == 2;
  return true;
}
