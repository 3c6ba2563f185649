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

/* ---- compressed instructions ----
 * The formats of the RVC chapter (CR, CI, CSS, CIW, CL, CS, CA, CB, CJ)
 * and, per mnemonic, where its immediate's scrambled pieces sit, named
 * as the specification's tables name them ("nzimm[4|6|8:7|5]": the bits
 * of the immediate each field bit holds, from bit 12 or 6 down).  The
 * assembled immediate is that of the 32-bit instruction it stands for,
 * shown on its first piece. */

/* What a field's bits mean: a register x0..x31 ('r'), one of x8..x15
 * ('p', the primed rd', rs1', rs2'), the same for F registers ('f', 'q'),
 * a piece of the immediate ('i'; the first one carries the value), or
 * nothing to name ('-'). */
typedef struct {
  const char *name;
  uint8_t     hi, lo;
  char        kind;
} RvCField;

typedef struct {
  const char *mnemonic;
  const char *format;
  RvCField    fields[6];
} RvCLayout;

#define C_OP      { "op", 1, 0, '-' }
#define C_FUNCT3  { "funct3", 15, 13, '-' }
#define C_FUNCT4  { "funct4", 15, 12, '-' }

static const RvCLayout rv_c_layouts[] = {
  /* quadrant 0 */
  { "c.addi4spn", "CIW", { C_FUNCT3, { "nzuimm[5:4|9:6|2|3]", 12, 5, 'i' },
                           { "rd'", 4, 2, 'p' }, C_OP } },
  { "c.fld", "CL", { C_FUNCT3, { "uimm[5:3]", 12, 10, 'i' }, { "rs1'", 9, 7, 'p' },
                     { "uimm[7:6]", 6, 5, 'i' }, { "rd'", 4, 2, 'q' }, C_OP } },
  { "c.lw", "CL", { C_FUNCT3, { "uimm[5:3]", 12, 10, 'i' }, { "rs1'", 9, 7, 'p' },
                    { "uimm[2|6]", 6, 5, 'i' }, { "rd'", 4, 2, 'p' }, C_OP } },
  { "c.ld", "CL", { C_FUNCT3, { "uimm[5:3]", 12, 10, 'i' }, { "rs1'", 9, 7, 'p' },
                    { "uimm[7:6]", 6, 5, 'i' }, { "rd'", 4, 2, 'p' }, C_OP } },
  { "c.flw", "CL", { C_FUNCT3, { "uimm[5:3]", 12, 10, 'i' }, { "rs1'", 9, 7, 'p' },
                     { "uimm[2|6]", 6, 5, 'i' }, { "rd'", 4, 2, 'q' }, C_OP } },
  { "c.fsd", "CS", { C_FUNCT3, { "uimm[5:3]", 12, 10, 'i' }, { "rs1'", 9, 7, 'p' },
                     { "uimm[7:6]", 6, 5, 'i' }, { "rs2'", 4, 2, 'q' }, C_OP } },
  { "c.sw", "CS", { C_FUNCT3, { "uimm[5:3]", 12, 10, 'i' }, { "rs1'", 9, 7, 'p' },
                    { "uimm[2|6]", 6, 5, 'i' }, { "rs2'", 4, 2, 'p' }, C_OP } },
  { "c.sd", "CS", { C_FUNCT3, { "uimm[5:3]", 12, 10, 'i' }, { "rs1'", 9, 7, 'p' },
                    { "uimm[7:6]", 6, 5, 'i' }, { "rs2'", 4, 2, 'p' }, C_OP } },
  { "c.fsw", "CS", { C_FUNCT3, { "uimm[5:3]", 12, 10, 'i' }, { "rs1'", 9, 7, 'p' },
                     { "uimm[2|6]", 6, 5, 'i' }, { "rs2'", 4, 2, 'q' }, C_OP } },
  /* quadrant 1 */
  { "c.nop", "CI", { C_FUNCT3, { "nzimm[5]", 12, 12, 'i' }, { "rd", 11, 7, 'r' },
                     { "nzimm[4:0]", 6, 2, 'i' }, C_OP } },
  { "c.addi", "CI", { C_FUNCT3, { "nzimm[5]", 12, 12, 'i' }, { "rd/rs1", 11, 7, 'r' },
                      { "nzimm[4:0]", 6, 2, 'i' }, C_OP } },
  { "c.jal", "CJ", { C_FUNCT3, { "imm[11|4|9:8|10|6|7|3:1|5]", 12, 2, 'i' }, C_OP } },
  { "c.addiw", "CI", { C_FUNCT3, { "imm[5]", 12, 12, 'i' }, { "rd/rs1", 11, 7, 'r' },
                       { "imm[4:0]", 6, 2, 'i' }, C_OP } },
  { "c.li", "CI", { C_FUNCT3, { "imm[5]", 12, 12, 'i' }, { "rd", 11, 7, 'r' },
                    { "imm[4:0]", 6, 2, 'i' }, C_OP } },
  { "c.addi16sp", "CI", { C_FUNCT3, { "nzimm[9]", 12, 12, 'i' }, { "rd", 11, 7, 'r' },
                          { "nzimm[4|6|8:7|5]", 6, 2, 'i' }, C_OP } },
  { "c.lui", "CI", { C_FUNCT3, { "nzimm[17]", 12, 12, 'i' }, { "rd", 11, 7, 'r' },
                     { "nzimm[16:12]", 6, 2, 'i' }, C_OP } },
  { "c.srli", "CB", { C_FUNCT3, { "shamt[5]", 12, 12, 'i' }, { "funct2", 11, 10, '-' },
                      { "rd'/rs1'", 9, 7, 'p' }, { "shamt[4:0]", 6, 2, 'i' }, C_OP } },
  { "c.srai", "CB", { C_FUNCT3, { "shamt[5]", 12, 12, 'i' }, { "funct2", 11, 10, '-' },
                      { "rd'/rs1'", 9, 7, 'p' }, { "shamt[4:0]", 6, 2, 'i' }, C_OP } },
  { "c.andi", "CB", { C_FUNCT3, { "imm[5]", 12, 12, 'i' }, { "funct2", 11, 10, '-' },
                      { "rd'/rs1'", 9, 7, 'p' }, { "imm[4:0]", 6, 2, 'i' }, C_OP } },
#define C_CA(m) { m, "CA", { { "funct6", 15, 10, '-' }, { "rd'/rs1'", 9, 7, 'p' }, \
                             { "funct2", 6, 5, '-' }, { "rs2'", 4, 2, 'p' }, C_OP } }
  C_CA ("c.sub"), C_CA ("c.xor"), C_CA ("c.or"), C_CA ("c.and"), C_CA ("c.subw"),
  C_CA ("c.addw"),
  { "c.j", "CJ", { C_FUNCT3, { "imm[11|4|9:8|10|6|7|3:1|5]", 12, 2, 'i' }, C_OP } },
  { "c.beqz", "CB", { C_FUNCT3, { "offset[8|4:3]", 12, 10, 'i' }, { "rs1'", 9, 7, 'p' },
                      { "offset[7:6|2:1|5]", 6, 2, 'i' }, C_OP } },
  { "c.bnez", "CB", { C_FUNCT3, { "offset[8|4:3]", 12, 10, 'i' }, { "rs1'", 9, 7, 'p' },
                      { "offset[7:6|2:1|5]", 6, 2, 'i' }, C_OP } },
  /* quadrant 2 */
  { "c.slli", "CI", { C_FUNCT3, { "shamt[5]", 12, 12, 'i' }, { "rd/rs1", 11, 7, 'r' },
                      { "shamt[4:0]", 6, 2, 'i' }, C_OP } },
  { "c.fldsp", "CI", { C_FUNCT3, { "uimm[5]", 12, 12, 'i' }, { "rd", 11, 7, 'f' },
                       { "uimm[4:3|8:6]", 6, 2, 'i' }, C_OP } },
  { "c.lwsp", "CI", { C_FUNCT3, { "uimm[5]", 12, 12, 'i' }, { "rd", 11, 7, 'r' },
                      { "uimm[4:2|7:6]", 6, 2, 'i' }, C_OP } },
  { "c.ldsp", "CI", { C_FUNCT3, { "uimm[5]", 12, 12, 'i' }, { "rd", 11, 7, 'r' },
                      { "uimm[4:3|8:6]", 6, 2, 'i' }, C_OP } },
  { "c.flwsp", "CI", { C_FUNCT3, { "uimm[5]", 12, 12, 'i' }, { "rd", 11, 7, 'f' },
                       { "uimm[4:2|7:6]", 6, 2, 'i' }, C_OP } },
  { "c.jr", "CR", { C_FUNCT4, { "rs1", 11, 7, 'r' }, { "rs2", 6, 2, 'r' }, C_OP } },
  { "c.mv", "CR", { C_FUNCT4, { "rd", 11, 7, 'r' }, { "rs2", 6, 2, 'r' }, C_OP } },
  { "c.ebreak", "CR", { C_FUNCT4, { "rs1", 11, 7, '-' }, { "rs2", 6, 2, '-' }, C_OP } },
  { "c.jalr", "CR", { C_FUNCT4, { "rs1", 11, 7, 'r' }, { "rs2", 6, 2, 'r' }, C_OP } },
  { "c.add", "CR", { C_FUNCT4, { "rd/rs1", 11, 7, 'r' }, { "rs2", 6, 2, 'r' }, C_OP } },
  { "c.fsdsp", "CSS", { C_FUNCT3, { "uimm[5:3|8:6]", 12, 7, 'i' }, { "rs2", 6, 2, 'f' },
                        C_OP } },
  { "c.swsp", "CSS", { C_FUNCT3, { "uimm[5:2|7:6]", 12, 7, 'i' }, { "rs2", 6, 2, 'r' },
                       C_OP } },
  { "c.sdsp", "CSS", { C_FUNCT3, { "uimm[5:3|8:6]", 12, 7, 'i' }, { "rs2", 6, 2, 'r' },
                       C_OP } },
  { "c.fswsp", "CSS", { C_FUNCT3, { "uimm[5:2|7:6]", 12, 7, 'i' }, { "rs2", 6, 2, 'f' },
                        C_OP } },
};

const char *
rv_c_format (const char *mnemonic)
{
  for (unsigned i = 0; i < G_N_ELEMENTS (rv_c_layouts); i++)
    if (strcmp (rv_c_layouts[i].mnemonic, mnemonic) == 0)
      return rv_c_layouts[i].format;
  return NULL;
}

/* The fields of compressed @d by its row's layout. */
static void
fields_16 (const RvDecoded *d, MdlInsnInfo *info)
{
  const RvCLayout *l = NULL;
  bool first_imm = true;

  for (unsigned i = 0; i < G_N_ELEMENTS (rv_c_layouts) && !l; i++)
    if (strcmp (rv_c_layouts[i].mnemonic, d->cop->name) == 0)
      l = &rv_c_layouts[i];
  if (l == NULL)
    return;
  g_strlcpy (info->format, l->format, sizeof info->format);
  for (unsigned i = 0; i < G_N_ELEMENTS (l->fields) && l->fields[i].name; i++) {
    const RvCField *f = &l->fields[i];
    unsigned bits = (d->raw >> f->lo) & ((1u << (f->hi - f->lo + 1)) - 1);

    switch (f->kind) {
    case 'r':
      field (info, f->name, f->lo, f->hi, d->raw, rv_abi_names[bits]);
      break;
    case 'p':
      field (info, f->name, f->lo, f->hi, d->raw, rv_abi_names[8 + bits]);
      break;
    case 'f':
      field (info, f->name, f->lo, f->hi, d->raw, rv_fpr_abi_names[bits]);
      break;
    case 'q':
      field (info, f->name, f->lo, f->hi, d->raw, rv_fpr_abi_names[8 + bits]);
      break;
    case 'i':
      imm_field (info, f->name, f->lo, f->hi, d->raw, d->imm, first_imm);
      first_imm = false;
      break;
    default: {
      /* The major opcode says the quadrant; funct3/4/6 pick the row. */
      char quadrant[24];

      g_snprintf (quadrant, sizeof quadrant, "quadrant %u", bits);
      field (info, f->name, f->lo, f->hi, d->raw,
             f->lo == 0 ? quadrant : i == 0 ? d->cop->name : NULL);
      break;
    }
    }
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
    /* A compressed instruction: its own format's fields; what it stands
     * for, which is what executes, goes in the description. */
    g_autoptr(GString) full = g_string_new (NULL);

    char line[80] = "";

    rv_disas_insn (s->xlen, s->ext, pc, d.insn, full);
    fields_16 (&d, info);
    rv_describe (d.cop->name, line, sizeof line);
    /* "fld     fa0, 8(a1)" reads as "fld fa0, 8(a1)" in a sentence. */
    for (gsize i = 1; i < full->len;)
      if (full->str[i] == ' ' && full->str[i - 1] == ' ')
        g_string_erase (full, (gssize) i, 1);
      else
        i++;
    snprintf (info->summary, sizeof info->summary, "%s; stands for %s", line, full->str);
  } else {
    g_strlcpy (info->format, format_name (d.op->fmt), sizeof info->format);
    fields_32 (&d, info);
    rv_describe (d.op->name, info->summary, sizeof info->summary);
  }

  /* The calling convention's link registers are ra and t0. */
  if (d.op->op == RV_OP_JAL || d.op->op == RV_OP_JALR)
    info->is_call = d.rd == 1 || d.rd == 5;
  info->is_return = (d.op->op == RV_OP_JALR && d.rd == 0 && (d.rs1 == 1 || d.rs1 == 5)) ||
                    d.op->op == RV_OP_MRET || d.op->op == RV_OP_SRET;
  return true;
}
