/* The RISC-V disassembler, driven by the decode tables of riscv-decode.c.
 *
 * Output follows objdump: the mnemonic padded to 8 columns, ABI register
 * names, immediates in decimal (shift amounts and upper immediates in
 * hex), branch and jump targets as absolute addresses, CSRs by name.
 * Pseudo-instructions are not formed: "addi a0, zero, 1", not "li a0, 1".
 * Floating-point registers print by ABI name too ("fa0"), and a rounding
 * mode other than dynamic as a last operand ("fcvt.w.s a0, fa0, rtz").
 * A compressed instruction prints as its own mnemonic followed by the
 * operands of the 32-bit instruction it expands to ("c.addi  a0, a0, 1",
 * "c.j     zero, 0x80000010").  What does not decode prints as data
 * (".4byte  0x00000000").
 */
#include "riscv-cpu.h"

#include <inttypes.h>

#define R(n) rv_abi_names[n]
#define F(n) rv_fpr_abi_names[n]

const char *const rv_rm_names[8] = {
  "rne", "rtz", "rdn", "rup", "rmm", NULL, NULL, "dyn",
};

/* ", rtz" after the operands, unless the mode is dynamic. */
static void
append_rm (GString *text, unsigned rm)
{
  if (rm == 7)
    return;
  if (rv_rm_names[rm])
    g_string_append_printf (text, ", %s", rv_rm_names[rm]);
  else
    g_string_append_printf (text, ", %u", rm);
}

static void
append_csr (GString *text, unsigned csr)
{
  const char *name = rv_csr_name (csr);

  if (name)
    g_string_append (text, name);
  else
    g_string_append_printf (text, "0x%03x", csr);
}

/* "iorw" for a fence predecessor or successor set. */
static void
append_fence_set (GString *text, unsigned set)
{
  if (!set)
    g_string_append_c (text, '0');
  if (set & 8) g_string_append_c (text, 'i');
  if (set & 4) g_string_append_c (text, 'o');
  if (set & 2) g_string_append_c (text, 'r');
  if (set & 1) g_string_append_c (text, 'w');
}

/* The operands after the mnemonic, as objdump writes them. */
static void
append_operands (GString *text, const RvDecoded *dec, uint64_t pc, uint64_t xmask)
{
  switch (dec->op->fmt) {
  case RV_FMT_R:
    g_string_append_printf (text, "%s, %s, %s", R (dec->rd), R (dec->rs1),
                            R (dec->rs2));
    break;
  case RV_FMT_I:
    g_string_append_printf (text, "%s, %s, %d", R (dec->rd), R (dec->rs1),
                            dec->imm);
    break;
  case RV_FMT_SHIFT:
    g_string_append_printf (text, "%s, %s, 0x%x", R (dec->rd), R (dec->rs1),
                            (unsigned) dec->imm);
    break;
  case RV_FMT_LOAD:
  case RV_FMT_JALR:
    g_string_append_printf (text, "%s, %d(%s)", R (dec->rd), dec->imm,
                            R (dec->rs1));
    break;
  case RV_FMT_STORE:
    g_string_append_printf (text, "%s, %d(%s)", R (dec->rs2), dec->imm,
                            R (dec->rs1));
    break;
  case RV_FMT_BRANCH:
    g_string_append_printf (text, "%s, %s, 0x%" PRIx64, R (dec->rs1),
                            R (dec->rs2), (pc + dec->imm) & xmask);
    break;
  case RV_FMT_U:
    g_string_append_printf (text, "%s, 0x%x", R (dec->rd),
                            ((uint32_t) dec->imm >> 12) & 0xfffff);
    break;
  case RV_FMT_JAL:
    g_string_append_printf (text, "%s, 0x%" PRIx64, R (dec->rd),
                            (pc + dec->imm) & xmask);
    break;
  case RV_FMT_CSR:
    g_string_append_printf (text, "%s, ", R (dec->rd));
    append_csr (text, dec->imm & 0xfff);
    g_string_append_printf (text, ", %s", R (dec->rs1));
    break;
  case RV_FMT_CSRI:
    g_string_append_printf (text, "%s, ", R (dec->rd));
    append_csr (text, dec->imm & 0xfff);
    g_string_append_printf (text, ", %u", dec->rs1);
    break;
  case RV_FMT_LR:
    g_string_append_printf (text, "%s, (%s)", R (dec->rd), R (dec->rs1));
    break;
  case RV_FMT_AMO:
    g_string_append_printf (text, "%s, %s, (%s)", R (dec->rd), R (dec->rs2),
                            R (dec->rs1));
    break;
  case RV_FMT_FENCE:
    append_fence_set (text, (dec->imm >> 4) & 15);
    g_string_append (text, ", ");
    append_fence_set (text, dec->imm & 15);
    break;
  case RV_FMT_SFENCE:
    g_string_append_printf (text, "%s, %s", R (dec->rs1), R (dec->rs2));
    break;
  case RV_FMT_FLOAD:
    g_string_append_printf (text, "%s, %d(%s)", F (dec->rd), dec->imm,
                            R (dec->rs1));
    break;
  case RV_FMT_FSTORE:
    g_string_append_printf (text, "%s, %d(%s)", F (dec->rs2), dec->imm,
                            R (dec->rs1));
    break;
  case RV_FMT_FR4:
    g_string_append_printf (text, "%s, %s, %s, %s", F (dec->rd), F (dec->rs1),
                            F (dec->rs2), F ((dec->imm >> 3) & 31));
    append_rm (text, dec->imm & 7);
    break;
  case RV_FMT_FRRR_RM:
  case RV_FMT_FRRR:
    g_string_append_printf (text, "%s, %s, %s", F (dec->rd), F (dec->rs1),
                            F (dec->rs2));
    if (dec->op->fmt == RV_FMT_FRRR_RM)
      append_rm (text, dec->imm & 7);
    break;
  case RV_FMT_FRR_RM:
    g_string_append_printf (text, "%s, %s", F (dec->rd), F (dec->rs1));
    /* fcvt.d.s is exact too. */
    if (!(dec->op->op == RV_OP_FCVT_D_S && (dec->imm & 7) == 0))
      append_rm (text, dec->imm & 7);
    break;
  case RV_FMT_FCMP:
    g_string_append_printf (text, "%s, %s, %s", R (dec->rd), F (dec->rs1),
                            F (dec->rs2));
    break;
  case RV_FMT_XF:
  case RV_FMT_XF_RM:
    g_string_append_printf (text, "%s, %s", R (dec->rd), F (dec->rs1));
    if (dec->op->fmt == RV_FMT_XF_RM)
      append_rm (text, dec->imm & 7);
    break;
  case RV_FMT_FX:
  case RV_FMT_FX_RM:
    g_string_append_printf (text, "%s, %s", F (dec->rd), R (dec->rs1));
    /* Exact conversions: assemblers write rne, which objdump leaves out
     * (and so does this). */
    if (dec->op->fmt == RV_FMT_FX_RM
        && !((dec->op->op == RV_OP_FCVT_D_W || dec->op->op == RV_OP_FCVT_D_WU)
             && (dec->imm & 7) == 0))
      append_rm (text, dec->imm & 7);
    break;
  case RV_FMT_NONE:
  default:
    break;
  }
}

void
rv_disas_insn (unsigned xlen, unsigned ext, uint64_t pc, uint32_t raw,
               GString *text)
{
  uint64_t xmask = xlen == 32 ? UINT64_C (0xffffffff) : UINT64_MAX;
  RvDecoded dec;
  const char *name;
  g_autofree char *mnemonic = NULL;

  if (!rv_decode (xlen, ext, raw, &dec)) {
    if (dec.len == 2)
      g_string_append_printf (text, ".2byte  0x%04x", dec.raw);
    else
      g_string_append_printf (text, ".4byte  0x%08x", dec.raw);
    return;
  }

  name = dec.cop ? dec.cop->name : dec.op->name;
  if ((dec.cop && dec.cop->no_operands) || dec.op->fmt == RV_FMT_NONE) {
    g_string_append (text, name);
    return;
  }

  /* Atomics carry their ordering bits in the name: "amoadd.w.aqrl". */
  if ((dec.op->fmt == RV_FMT_AMO || dec.op->fmt == RV_FMT_LR) && dec.imm)
    mnemonic = g_strconcat (name, dec.imm == 3 ? ".aqrl"
                                  : dec.imm == 2 ? ".aq" : ".rl", NULL);
  g_string_append_printf (text, "%-7s ", mnemonic ? mnemonic : name);

  append_operands (text, &dec, pc, xmask);
}

unsigned
rv_disas (MdlCpu *cpu, uint64_t pc, GString *text)
{
  RvCpu *s = (RvCpu *) cpu;
  uint8_t b[4];
  uint32_t raw;

  if (!rv_mmu_debug_read16 (s, pc, b)) {
    g_string_append (text, "<unmapped>");
    return 2;
  }
  raw = b[0] | (uint32_t) b[1] << 8;
  if (rv_insn_length (raw) == 4) {
    if (!rv_mmu_debug_read16 (s, (pc + 2) & rv_xmask (s), b + 2)) {
      g_string_append (text, "<unmapped>");
      return 2;
    }
    raw |= (uint32_t) b[2] << 16 | (uint32_t) b[3] << 24;
  }
  rv_disas_insn (s->xlen, s->ext, pc, raw, text);
  return rv_insn_length (raw);
}
