/* An instruction's anatomy: its encoding split into named fields, for the
 * teaching view, and whether it calls or returns, for step over and step
 * out.  Driven by the same decode tables as the executor: the format of
 * the row that matched says where the fields are. */
#include "riscv-cpu.h"

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

static void
reg_field (MdlInsnInfo *info, const char *name, unsigned lo, uint32_t raw)
{
  field (info, name, lo, lo + 4, raw, rv_abi_names[(raw >> lo) & 31]);
}

static void
freg_field (MdlInsnInfo *info, const char *name, unsigned lo, uint32_t raw)
{
  field (info, name, lo, lo + 4, raw, rv_fpr_abi_names[(raw >> lo) & 31]);
}

/* The rounding-mode field: "rtz", "dyn", or "reserved". */
static void
rm_field (MdlInsnInfo *info, uint32_t raw)
{
  const char *rm = rv_rm_names[(raw >> 12) & 7];

  field (info, "rm", 12, 14, raw, rm ? rm : "reserved");
}

static void
imm_field (MdlInsnInfo *info, const char *name, unsigned lo, unsigned hi, uint32_t raw,
           int32_t imm, bool first)
{
  char text[24] = "";

  /* The whole immediate's value goes on its first piece only. */
  if (first)
    snprintf (text, sizeof text, "%d", imm);
  field (info, name, lo, hi, raw, text);
}

static const char *
format_name (RvFormat fmt)
{
  switch (fmt) {
  case RV_FMT_R:
  case RV_FMT_SFENCE:
  case RV_FMT_LR:
  case RV_FMT_AMO:
  case RV_FMT_FRRR_RM:
  case RV_FMT_FRRR:
  case RV_FMT_FRR_RM:
  case RV_FMT_FCMP:
  case RV_FMT_XF:
  case RV_FMT_XF_RM:
  case RV_FMT_FX_RM:
  case RV_FMT_FX:     return "R-type";
  case RV_FMT_FR4:    return "R4-type";
  case RV_FMT_FLOAD:
  case RV_FMT_I:
  case RV_FMT_SHIFT:
  case RV_FMT_LOAD:
  case RV_FMT_JALR:
  case RV_FMT_CSR:
  case RV_FMT_CSRI:
  case RV_FMT_FENCE:
  case RV_FMT_NONE:   return "I-type";
  case RV_FMT_STORE:
  case RV_FMT_FSTORE: return "S-type";
  case RV_FMT_BRANCH: return "B-type";
  case RV_FMT_U:      return "U-type";
  case RV_FMT_JAL:    return "J-type";
  default:            return "";
  }
}

/* Floating-point operations in R-type: which of rd, rs1 and rs2 are F
 * registers, and whether funct3 is a rounding mode, depend on the format. */
static void
fp_op_fields (const RvDecoded *d, MdlInsnInfo *info)
{
  uint32_t raw = d->insn;
  RvFormat fmt = d->op->fmt;
  bool has_rm = fmt == RV_FMT_FRRR_RM || fmt == RV_FMT_FRR_RM || fmt == RV_FMT_XF_RM
                || fmt == RV_FMT_FX_RM;
  /* Unary operations and conversions use rs2 as part of the opcode. */
  bool rs2_is_reg = fmt == RV_FMT_FRRR_RM || fmt == RV_FMT_FRRR || fmt == RV_FMT_FCMP;

  if (rv_fmt_freg (fmt, 'd'))
    freg_field (info, "rd", 7, raw);
  else
    reg_field (info, "rd", 7, raw);
  if (has_rm)
    rm_field (info, raw);
  else
    field (info, "funct3", 12, 14, raw, NULL);
  if (rv_fmt_freg (fmt, '1'))
    freg_field (info, "rs1", 15, raw);
  else
    reg_field (info, "rs1", 15, raw);
  if (rs2_is_reg)
    freg_field (info, "rs2", 20, raw);
  else
    field (info, "rs2", 20, 24, raw, NULL);
  field (info, "funct7", 25, 31, raw, NULL);
}

/* The fields of a 32-bit encoding, by format. */
static void
fields_32 (const RvDecoded *d, MdlInsnInfo *info)
{
  uint32_t raw = d->insn;

  field (info, "opcode", 0, 6, raw, d->op->name);
  switch (d->op->fmt) {
  case RV_FMT_R:
  case RV_FMT_SFENCE:
    reg_field (info, "rd", 7, raw);
    field (info, "funct3", 12, 14, raw, NULL);
    reg_field (info, "rs1", 15, raw);
    reg_field (info, "rs2", 20, raw);
    field (info, "funct7", 25, 31, raw, NULL);
    break;
  case RV_FMT_LR:
  case RV_FMT_AMO:
    reg_field (info, "rd", 7, raw);
    field (info, "funct3", 12, 14, raw, (raw >> 12 & 7) == 3 ? "doubleword" : "word");
    reg_field (info, "rs1", 15, raw);
    if (d->op->fmt == RV_FMT_AMO)
      reg_field (info, "rs2", 20, raw);
    else
      field (info, "rs2", 20, 24, raw, NULL);
    field (info, "rl", 25, 25, raw, raw >> 25 & 1 ? "release" : NULL);
    field (info, "aq", 26, 26, raw, raw >> 26 & 1 ? "acquire" : NULL);
    field (info, "funct5", 27, 31, raw, NULL);
    break;
  case RV_FMT_I:
  case RV_FMT_LOAD:
  case RV_FMT_JALR:
    reg_field (info, "rd", 7, raw);
    field (info, "funct3", 12, 14, raw, NULL);
    reg_field (info, "rs1", 15, raw);
    imm_field (info, "imm[11:0]", 20, 31, raw, d->imm, true);
    break;
  case RV_FMT_SHIFT:
    reg_field (info, "rd", 7, raw);
    field (info, "funct3", 12, 14, raw, NULL);
    reg_field (info, "rs1", 15, raw);
    imm_field (info, "shamt", 20, 25, raw, d->imm, true);
    field (info, "funct6", 26, 31, raw, NULL);
    break;
  case RV_FMT_STORE:
    imm_field (info, "imm[4:0]", 7, 11, raw, d->imm, true);
    field (info, "funct3", 12, 14, raw, NULL);
    reg_field (info, "rs1", 15, raw);
    reg_field (info, "rs2", 20, raw);
    imm_field (info, "imm[11:5]", 25, 31, raw, d->imm, false);
    break;
  case RV_FMT_BRANCH:
    imm_field (info, "imm[4:1|11]", 7, 11, raw, d->imm, true);
    field (info, "funct3", 12, 14, raw, NULL);
    reg_field (info, "rs1", 15, raw);
    reg_field (info, "rs2", 20, raw);
    imm_field (info, "imm[12|10:5]", 25, 31, raw, d->imm, false);
    break;
  case RV_FMT_U:
    reg_field (info, "rd", 7, raw);
    imm_field (info, "imm[31:12]", 12, 31, raw, d->imm, true);
    break;
  case RV_FMT_JAL:
    reg_field (info, "rd", 7, raw);
    imm_field (info, "imm[20|10:1|11|19:12]", 12, 31, raw, d->imm, true);
    break;
  case RV_FMT_CSR:
  case RV_FMT_CSRI: {
    const char *csr = rv_csr_name ((raw >> 20) & 0xfff);
    reg_field (info, "rd", 7, raw);
    field (info, "funct3", 12, 14, raw, NULL);
    if (d->op->fmt == RV_FMT_CSR)
      reg_field (info, "rs1", 15, raw);
    else
      field (info, "uimm", 15, 19, raw, NULL);
    field (info, "csr", 20, 31, raw, csr);
    break;
  }
  case RV_FMT_FLOAD:
    freg_field (info, "rd", 7, raw);
    field (info, "width", 12, 14, raw, (raw >> 12 & 7) == 3 ? "double" : "single");
    reg_field (info, "rs1", 15, raw);
    imm_field (info, "imm[11:0]", 20, 31, raw, d->imm, true);
    break;
  case RV_FMT_FSTORE:
    imm_field (info, "imm[4:0]", 7, 11, raw, d->imm, true);
    field (info, "width", 12, 14, raw, (raw >> 12 & 7) == 3 ? "double" : "single");
    reg_field (info, "rs1", 15, raw);
    freg_field (info, "rs2", 20, raw);
    imm_field (info, "imm[11:5]", 25, 31, raw, d->imm, false);
    break;
  case RV_FMT_FR4:
    freg_field (info, "rd", 7, raw);
    rm_field (info, raw);
    freg_field (info, "rs1", 15, raw);
    freg_field (info, "rs2", 20, raw);
    field (info, "fmt", 25, 26, raw, (raw >> 25 & 3) == 1 ? "double" : "single");
    freg_field (info, "rs3", 27, raw);
    break;
  case RV_FMT_FRRR_RM:
  case RV_FMT_FRRR:
  case RV_FMT_FRR_RM:
  case RV_FMT_FCMP:
  case RV_FMT_XF:
  case RV_FMT_XF_RM:
  case RV_FMT_FX_RM:
  case RV_FMT_FX:
    fp_op_fields (d, info);
    break;
  case RV_FMT_FENCE:
    field (info, "rd", 7, 11, raw, NULL);
    field (info, "funct3", 12, 14, raw, NULL);
    field (info, "rs1", 15, 19, raw, NULL);
    field (info, "succ", 20, 23, raw, NULL);
    field (info, "pred", 24, 27, raw, NULL);
    field (info, "fm", 28, 31, raw, NULL);
    break;
  case RV_FMT_NONE:
  default:
    field (info, "rd", 7, 11, raw, NULL);
    field (info, "funct3", 12, 14, raw, NULL);
    field (info, "rs1", 15, 19, raw, NULL);
    field (info, "funct12", 20, 31, raw, NULL);
    break;
  }
}

bool
rv_insn_info (MdlCpu *cpu, uint64_t pc, MdlInsnInfo *info)
{
  RvCpu *s = (RvCpu *) cpu;
  uint8_t b[4] = { 0 };
  uint32_t raw;
  RvDecoded d;

  memset (info, 0, sizeof *info);
  if (!rv_mmu_debug_read16 (s, pc, b))
    return false;
  raw = b[0] | (uint32_t) b[1] << 8;
  if (rv_insn_length (raw) == 4) {
    if (!rv_mmu_debug_read16 (s, (pc + 2) & rv_xmask (s), b + 2))
      return false;
    raw |= (uint32_t) b[2] << 16 | (uint32_t) b[3] << 24;
  }
  info->len = rv_insn_length (raw);
  info->raw = raw;
  if (!rv_decode (s->xlen, s->ext, raw, &d)) {
    g_strlcpy (info->format, "illegal", sizeof info->format);
    field (info, info->len == 2 ? "bits" : "opcode", 0, info->len == 2 ? 15 : 6, raw, NULL);
    return true;
  }
  g_strlcpy (info->mnemonic, d.len == 2 ? d.cop->name : d.op->name, sizeof info->mnemonic);
  if (d.len == 2) {
    /* A compressed instruction: its own small fields, and what it stands
     * for, which is what executes. */
    g_autoptr(GString) full = g_string_new (NULL);
    rv_disas_insn (s->xlen, s->ext, pc, d.insn, full);
    snprintf (info->format, sizeof info->format, "C (%s)", format_name (d.op->fmt));
    field (info, "op", 0, 1, raw, NULL);
    field (info, "operands", 2, 12, raw, full->str);
    field (info, "funct3", 13, 15, raw, d.cop->name);
  } else {
    g_strlcpy (info->format, format_name (d.op->fmt), sizeof info->format);
    fields_32 (&d, info);
  }

  /* The calling convention's link registers are ra and t0. */
  if (d.op->op == RV_OP_JAL || d.op->op == RV_OP_JALR)
    info->is_call = d.rd == 1 || d.rd == 5;
  info->is_return = (d.op->op == RV_OP_JALR && d.rd == 0 && (d.rs1 == 1 || d.rs1 == 5)) ||
                    d.op->op == RV_OP_MRET || d.op->op == RV_OP_SRET;
  return true;
}
