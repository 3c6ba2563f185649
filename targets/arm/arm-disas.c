/* The Thumb disassembler, driven by the decode tables of arm-decode.c.
 *
 * Output follows GNU objdump in unified syntax: the mnemonic padded to 8
 * columns, registers r0-r9, sl, fp, ip, sp, lr, pc, immediates in decimal,
 * branch targets as absolute addresses ("bl      0x00000120"), ".w" and
 * ".n" where objdump prints them, and the condition of an IT block on the
 * instructions inside it.  Differences: special registers are named as
 * the M profile does ("APSR", not objdump's "CPSR"), and no "@" comments
 * are added.  What does not decode, and coprocessor instructions, print
 * as data (".inst.n 0x1234", ".inst.w 0x12345678").
 */
#include "arm-cpu.h"

#include <inttypes.h>
#include <stdlib.h>

/* clang-format off */
const char *const arm_reg_names[16] = {
  "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
  "r8", "r9", "sl", "fp", "ip", "sp", "lr", "pc",
};
/* clang-format on */

/* clang-format off */
const char *const arm_cond_names[16] = {
  "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc",
  "hi", "ls", "ge", "lt", "gt", "le", "", "",
};
/* clang-format on */

#define R(n) arm_reg_names[(n) &15]

static const char *
sysreg_name (unsigned sysm)
{
  switch (sysm) {
  case 0: return "APSR";
  case 1: return "IAPSR";
  case 2: return "EAPSR";
  case 3: return "PSR";
  case 5: return "IPSR";
  case 6: return "EPSR";
  case 7: return "IEPSR";
  case 8: return "MSP";
  case 9: return "PSP";
  case 16: return "PRIMASK";
  case 17: return "BASEPRI";
  case 18: return "BASEPRI_MAX";
  case 19: return "FAULTMASK";
  case 20: return "CONTROL";
  default: return NULL;
  }
}

static void
append_sysreg (GString *text, unsigned sysm)
{
  const char *name = sysreg_name (sysm);

  if (name)
    g_string_append (text, name);
  else
    g_string_append_printf (text, "%u", sysm);
}

static void
append_list (GString *text, uint32_t list)
{
  bool first = true;

  g_string_append_c (text, '{');
  for (unsigned i = 0; i < 16; i++)
    if (list >> i & 1) {
      g_string_append_printf (text, "%s%s", first ? "" : ", ", R (i));
      first = false;
    }
  g_string_append_c (text, '}');
}

static void
append_shift (GString *text, const ArmDecoded *d)
{
  static const char *const names[] = { "lsl", "lsr", "asr", "ror" };

  if (d->shift_type == ARM_SHIFT_RRX)
    g_string_append (text, ", rrx");
  else if (d->shift_type != ARM_SHIFT_LSL || d->shift_n)
    g_string_append_printf (text, ", %s #%u", names[d->shift_type], d->shift_n);
}

/* "#imm" of a signed offset, omitted when it is a plain zero and @omit. */
static void
append_offset (GString *text, const ArmDecoded *d, bool omit_zero)
{
  if (d->imm == 0 && omit_zero)
    return;
  g_string_append_printf (text, ", #%d", (int32_t) d->imm);
}

/* The [rn ...] operand of a load or store with an immediate offset. */
static void
append_address_imm (GString *text, const ArmDecoded *d, bool omit_zero)
{
  if (d->kind == ARM_K_PUW && !d->index) {
    g_string_append_printf (text, "[%s], #%d", R (d->rn), (int32_t) d->imm);
    return;
  }
  g_string_append_printf (text, "[%s", R (d->rn));
  append_offset (text, d, omit_zero && d->kind != ARM_K_PUW);
  g_string_append (text, d->kind == ARM_K_PUW ? "]!" : "]");
}

/* "it", "itte"...: the mask bits above its lowest set bit say then (same
 * as the first condition's bit 0) or else. */
static void
append_it_mnemonic (GString *text, unsigned firstcond, unsigned mask)
{
  g_string_append (text, "it");
  for (int i = 3; i > 0 && (mask & ((1u << i) - 1)); i--)
    g_string_append_c (text, ((mask >> i) & 1) == (firstcond & 1) ? 't' : 'e');
}

/* "rt, " of a single load or store; preloads (PLD, PLI) have none. */
static void
append_rt (GString *text, const ArmDecoded *d)
{
  if (!(d->op->flags & ARM_F_NO_RT))
    g_string_append_printf (text, "%s, ", R (d->rd));
}

/* The operands of loads and stores (single, dual, multiple, exclusive,
 * table branches); false for other formats. */
static bool
append_memory_operands (GString *text, const ArmDecoded *d)
{
  const ArmOpcode *op = d->op;

  switch (op->fmt) {
  case ARM_FMT_T16_LDR_LIT:
    g_string_append_printf (text, "%s, [pc, #%u]", R (d->rd), d->imm);
    break;
  case ARM_FMT_T16_LS_REG:
    g_string_append_printf (text, "%s, [%s, %s]", R (d->rd), R (d->rn), R (d->rm));
    break;
  case ARM_FMT_T16_LS_IMM:
  case ARM_FMT_T16_LS_SP:
    g_string_append_printf (text, "%s, [%s, #%u]", R (d->rd), R (d->rn), d->imm);
    break;
  case ARM_FMT_T16_PUSH:
  case ARM_FMT_T16_POP: append_list (text, d->imm); break;
  case ARM_FMT_T16_LDSTM:
  case ARM_FMT_LDSTM:
    g_string_append_printf (text, "%s%s, ", R (d->rn), d->wback ? "!" : "");
    append_list (text, d->imm);
    break;
  case ARM_FMT_STREX:
    g_string_append_printf (text, "%s, %s, [%s", R (d->ra), R (d->rd), R (d->rn));
    append_offset (text, d, true);
    g_string_append_c (text, ']');
    break;
  case ARM_FMT_LDREX:
    g_string_append_printf (text, "%s, [%s", R (d->rd), R (d->rn));
    append_offset (text, d, true);
    g_string_append_c (text, ']');
    break;
  case ARM_FMT_STREXBH:
    g_string_append_printf (text, "%s, %s, [%s]", R (d->ra), R (d->rd), R (d->rn));
    break;
  case ARM_FMT_LDREXBH: g_string_append_printf (text, "%s, [%s]", R (d->rd), R (d->rn)); break;
  case ARM_FMT_TB:
    g_string_append_printf (text, "[%s, %s%s]", R (d->rn), R (d->rm),
                            op->op == ARM_OP_TBH ? ", lsl #1" : "");
    break;
  case ARM_FMT_LDRD:
    g_string_append_printf (text, "%s, %s, ", R (d->rd), R (d->ra));
    append_address_imm (text, d, true);
    break;
  case ARM_FMT_LS_IMM12:
  case ARM_FMT_LS_IMM8:
    append_rt (text, d);
    append_address_imm (text, d, op->fmt == ARM_FMT_LS_IMM12);
    break;
  case ARM_FMT_LS_REG:
    append_rt (text, d);
    g_string_append_printf (text, "[%s, %s", R (d->rn), R (d->rm));
    if (d->shift_n)
      g_string_append_printf (text, ", lsl #%u", d->shift_n);
    g_string_append_c (text, ']');
    break;
  case ARM_FMT_LS_LIT:
    append_rt (text, d);
    g_string_append_printf (text, "[pc, #%d]", (int32_t) d->imm);
    break;
  default: return false;
  }
  return true;
}

/* The operands of branches, hints with a number and system instructions;
 * false for other formats. */
static bool
append_control_operands (GString *text, const ArmDecoded *d, uint32_t pc)
{
  const ArmOpcode *op = d->op;

  switch (op->fmt) {
  case ARM_FMT_T16_BX: g_string_append (text, R (d->rm)); break;
  case ARM_FMT_T16_CBZ:
    g_string_append_printf (text, "%s, 0x%08x", R (d->rn), pc + 4 + d->imm);
    break;
  case ARM_FMT_T16_CPS:
    if (d->imm & 2)
      g_string_append_c (text, 'i');
    if (d->imm & 1)
      g_string_append_c (text, 'f');
    break;
  case ARM_FMT_T16_BKPT: g_string_append_printf (text, "0x%04x", d->imm); break;
  case ARM_FMT_T16_IT:
    g_string_append (text, d->cond == 14 ? "al" : arm_cond_names[d->cond]);
    break;
  case ARM_FMT_T16_UDF:
  case ARM_FMT_UDF32: g_string_append_printf (text, "#%u", d->imm); break;
  case ARM_FMT_T16_SVC: g_string_append_printf (text, "%u", d->imm); break;
  case ARM_FMT_T16_BCOND:
  case ARM_FMT_T16_B:
  case ARM_FMT_BCOND32:
  case ARM_FMT_B32: g_string_append_printf (text, "0x%08x", pc + 4 + d->imm); break;
  case ARM_FMT_MSR:
    append_sysreg (text, d->imm);
    if (d->imm < 4)
      g_string_append (text, d->shift_n == 1 ? "_g" : d->shift_n == 3 ? "_nzcvqg" : "_nzcvq");
    g_string_append_printf (text, ", %s", R (d->rn));
    break;
  case ARM_FMT_MRS:
    g_string_append_printf (text, "%s, ", R (d->rd));
    append_sysreg (text, d->imm);
    break;
  case ARM_FMT_BARRIER: {
    static const char *const options[16] = {
      NULL, NULL, "oshst", "osh", NULL, NULL, "nshst", "nsh",
      NULL, NULL, "ishst", "ish", NULL, NULL, "st",    "sy",
    };
    if (options[d->imm])
      g_string_append (text, options[d->imm]);
    else
      g_string_append_printf (text, "#%u", d->imm);
  } break;
  default: return false;
  }
  return true;
}

/* The operands of data processing and multiplies; false for other
 * formats (the ones without operands). */
static bool
append_data_operands (GString *text, const ArmDecoded *d)
{
  const ArmOpcode *op = d->op;

  switch (op->fmt) {
  case ARM_FMT_T16_SHIFT_IMM:
    g_string_append_printf (text, "%s, %s, #%u", R (d->rd), R (d->rm),
                            d->shift_type == ARM_SHIFT_RRX ? 0 : d->shift_n);
    break;
  case ARM_FMT_T16_MOVS:
  case ARM_FMT_T16_RR:
  case ARM_FMT_RR:
  case ARM_FMT_T16_DP:
  case ARM_FMT_T16_HI: g_string_append_printf (text, "%s, %s", R (d->rd), R (d->rm)); break;
  case ARM_FMT_T16_RRR:
    /* Inside an IT block objdump names all three registers too. */
    g_string_append_printf (text, "%s, %s, %s", R (d->rd), R (d->rn), R (d->rm));
    break;
  case ARM_FMT_T16_RRI3:
    g_string_append_printf (text, "%s, %s, #%u", R (d->rd), R (d->rn), d->imm);
    break;
  case ARM_FMT_T16_RI8:
  case ARM_FMT_T16_SP_IMM7:
  case ARM_FMT_DP_IMM_MOV:
  case ARM_FMT_MOVW: g_string_append_printf (text, "%s, #%u", R (d->rd), d->imm); break;
  case ARM_FMT_T16_NEG: g_string_append_printf (text, "%s, %s", R (d->rd), R (d->rn)); break;
  case ARM_FMT_T16_ADR: g_string_append_printf (text, "%s, pc, #%u", R (d->rd), d->imm); break;
  case ARM_FMT_T16_ADD_SP: g_string_append_printf (text, "%s, sp, #%u", R (d->rd), d->imm); break;
  case ARM_FMT_DP_SHIFT:
    g_string_append_printf (text, "%s, %s, %s", R (d->rd), R (d->rn), R (d->rm));
    append_shift (text, d);
    break;
  case ARM_FMT_DP_SHIFT_MOV:
    g_string_append_printf (text, "%s, %s", R (d->rd), R (d->rm));
    append_shift (text, d);
    break;
  case ARM_FMT_DP_SHIFT_TEST:
    g_string_append_printf (text, "%s, %s", R (d->rn), R (d->rm));
    append_shift (text, d);
    break;
  case ARM_FMT_DP_IMM:
  case ARM_FMT_ADDW:
    g_string_append_printf (text, "%s, %s, #%u", R (d->rd), R (d->rn), d->imm);
    break;
  case ARM_FMT_DP_IMM_TEST: g_string_append_printf (text, "%s, #%u", R (d->rn), d->imm); break;
  case ARM_FMT_ADR32:
    /* subw holds the offset negated. */
    g_string_append_printf (text, "%s, pc, #%d", R (d->rd), abs ((int32_t) d->imm));
    break;
  case ARM_FMT_SAT:
    /* SSAT and SSAT16 (bit 23 clear) saturate to imm + 1 bits. */
    g_string_append_printf (
      text, "%s, #%u, %s", R (d->rd),
      d->imm + (op->op == ARM_OP_SSAT || (op->op == ARM_OP_SAT16 && !(d->raw & (1u << 23)))),
      R (d->rn));
    append_shift (text, d);
    break;
  case ARM_FMT_BFX:
  case ARM_FMT_BFI:
    g_string_append_printf (text, "%s, %s, #%u, #%u", R (d->rd), R (d->rn), d->shift_n, d->imm);
    break;
  case ARM_FMT_BFC:
    g_string_append_printf (text, "%s, #%u, #%u", R (d->rd), d->shift_n, d->imm);
    break;
  case ARM_FMT_RRR:
    g_string_append_printf (text, "%s, %s, %s", R (d->rd), R (d->rn), R (d->rm));
    break;
  case ARM_FMT_QADD:
    g_string_append_printf (text, "%s, %s, %s", R (d->rd), R (d->rm), R (d->rn));
    break;
  case ARM_FMT_EXTEND_ADD:
    g_string_append_printf (text, "%s, %s, %s", R (d->rd), R (d->rn), R (d->rm));
    if (d->shift_n)
      g_string_append_printf (text, ", ror #%u", d->shift_n);
    break;
  case ARM_FMT_PKH:
    g_string_append_printf (text, "%s, %s, %s", R (d->rd), R (d->rn), R (d->rm));
    if (d->raw & 0x20)
      g_string_append_printf (text, ", asr #%u", d->shift_n ? d->shift_n : 32);
    else if (d->shift_n)
      g_string_append_printf (text, ", lsl #%u", d->shift_n);
    break;
  case ARM_FMT_EXTEND:
    g_string_append_printf (text, "%s, %s", R (d->rd), R (d->rm));
    if (d->shift_n)
      g_string_append_printf (text, ", ror #%u", d->shift_n);
    break;
  case ARM_FMT_MLA:
    g_string_append_printf (text, "%s, %s, %s, %s", R (d->rd), R (d->rn), R (d->rm), R (d->ra));
    break;
  case ARM_FMT_MULL:
    g_string_append_printf (text, "%s, %s, %s, %s", R (d->rd), R (d->ra), R (d->rn), R (d->rm));
    break;
  default: return false;
  }
  return true;
}

/* The mnemonic: name, "s", condition, width. */
static void
append_mnemonic (GString *mn, const ArmDecoded *d, unsigned itstate)
{
  const ArmOpcode *op = d->op;
  unsigned cond = (op->fmt == ARM_FMT_T16_BCOND || op->fmt == ARM_FMT_BCOND32) ? d->cond
                  : itstate                                                    ? itstate >> 4
                                                                               : 14;

  if (op->fmt == ARM_FMT_T16_IT)
    append_it_mnemonic (mn, d->cond, d->imm & 15);
  else if (op->fmt == ARM_FMT_T16_CPS)
    g_string_append (mn, (d->imm & 0x10) ? "cpsid" : "cpsie");
  else
    g_string_append (mn, op->name);
  if (d->setflags && (op->flags & (ARM_F_S_BIT20 | ARM_F_S_NOT_IT)))
    g_string_append_c (mn, 's');
  g_string_append (mn, arm_cond_names[cond]);
  if (op->flags & ARM_F_WIDE)
    g_string_append (mn, ".w");
  else if (op->flags & ARM_F_NARROW)
    g_string_append (mn, ".n");
}

/* ---- the FPU's instructions (the rows of format ARM_FMT_VFP) ---- */

static void
append_sreg_list (GString *text, bool dbl, unsigned first, unsigned n)
{
  if (n <= 1)
    g_string_append_printf (text, "{%c%u}", dbl ? 'd' : 's', first);
  else
    g_string_append_printf (text, "{%c%u-%c%u}", dbl ? 'd' : 's', first, dbl ? 'd' : 's',
                            first + n - 1);
}

static void
append_vfp (GString *text, const ArmDecoded *d, unsigned itstate)
{
  static const char *const dp[8][2] = {
    { "vmla", "vmls" }, { "vnmls", "vnmla" }, { "vmul", "vnmul" }, { "vadd", "vsub" },
    { "vdiv", NULL },   { "vfnms", "vfnma" }, { "vfma", "vfms" },  { NULL, NULL },
  };
  uint32_t hw1 = d->raw >> 16, hw2 = d->raw & 0xffff;
  const char *cond = arm_cond_names[itstate ? itstate >> 4 : 14];
  unsigned vd = ((hw2 >> 12) & 15) << 1 | ((hw1 >> 6) & 1);
  unsigned vn = (hw1 & 15) << 1 | ((hw2 >> 7) & 1);
  unsigned vm = (hw2 & 15) << 1 | ((hw2 >> 5) & 1);
  g_autoptr (GString) mn = g_string_new (NULL);
  g_autoptr (GString) ops = g_string_new (NULL);

  switch (d->op->op) {
  case ARM_OP_VDP: {
    unsigned opc1 = ((hw1 >> 5) & 4) | ((hw1 >> 4) & 3), op = (hw2 >> 6) & 1;

    if (opc1 != 7 && dp[opc1][op] != NULL) {
      g_string_printf (mn, "%s%s.f32", dp[opc1][op], cond);
      g_string_printf (ops, "s%u, s%u, s%u", vd, vn, vm);
    } else if (opc1 == 7 && !op) {
      g_string_printf (mn, "vmov%s.f32", cond);
      g_string_printf (ops, "s%u, #%u", vd, (hw1 & 15) << 4 | (hw2 & 15));
    } else if (opc1 == 7) {
      static const char *const other[16][2] = {
        [0] = { "vmov", "vabs" },
        [1] = { "vneg", "vsqrt" },
        [4] = { "vcmp", "vcmpe" },
        [5] = { "vcmp", "vcmpe" },
      };
      unsigned opc2 = hw1 & 15, top = (hw2 >> 7) & 1;
      unsigned frac = ((hw2 & 0x80) ? 32 : 16) - ((hw2 & 15) << 1 | ((hw2 >> 5) & 1));

      if (other[opc2][top] != NULL) {
        g_string_printf (mn, "%s%s.f32", other[opc2][top], cond);
        g_string_printf (ops, opc2 == 5 ? "s%u, #0.0" : "s%u, s%u", vd, vm);
      } else if (opc2 == 8) {
        g_string_printf (mn, "vcvt%s.f32.%s32", cond, top ? "s" : "u");
        g_string_printf (ops, "s%u, s%u", vd, vm);
      } else if (opc2 == 12 || opc2 == 13) {
        g_string_printf (mn, "vcvt%s%s.%s32.f32", top ? "" : "r", cond, (opc2 & 1) ? "s" : "u");
        g_string_printf (ops, "s%u, s%u", vd, vm);
      } else if ((opc2 & 10) == 10) {
        const char *fix = (opc2 & 1) ? "u" : "s";
        unsigned size = (hw2 & 0x80) ? 32 : 16;

        if (opc2 & 4)
          g_string_printf (mn, "vcvt%s.%s%u.f32", cond, fix, size);
        else
          g_string_printf (mn, "vcvt%s.f32.%s%u", cond, fix, size);
        g_string_printf (ops, "s%u, s%u, #%u", vd, vd, frac);
      }
    }
    break;
  }
  case ARM_OP_VXFER: {
    unsigned rt = (hw2 >> 12) & 15;

    if ((hw1 & 0xffe0) == 0xee00) {
      g_string_printf (mn, "vmov%s", cond);
      g_string_printf (ops, (hw1 & 0x10) ? "%s, s%u" : "s%2$u, %1$s", arm_reg_names[rt], vn);
    } else if (hw1 == 0xeef1) {
      g_string_printf (mn, "vmrs%s", cond);
      g_string_printf (ops, "%s, fpscr", rt == 15 ? "APSR_nzcv" : arm_reg_names[rt]);
    } else if (hw1 == 0xeee1) {
      g_string_printf (mn, "vmsr%s", cond);
      g_string_printf (ops, "fpscr, %s", arm_reg_names[rt]);
    }
    break;
  }
  case ARM_OP_VMOV2: {
    const char *rt = arm_reg_names[(hw2 >> 12) & 15], *rt2 = arm_reg_names[hw1 & 15];
    g_autofree char *v = (hw2 & 0x100) ? g_strdup_printf ("d%u", ((hw2 >> 5) & 1) << 4 | (hw2 & 15))
                                       : g_strdup_printf ("s%u, s%u", vm, vm + 1);

    g_string_printf (mn, "vmov%s", cond);
    if (hw1 & 0x10)
      g_string_printf (ops, "%s, %s, %s", rt, rt2, v);
    else
      g_string_printf (ops, "%s, %s, %s", v, rt, rt2);
    break;
  }
  case ARM_OP_VLDST: {
    bool p = hw1 & 0x100, u = hw1 & 0x80, w = hw1 & 0x20, load = hw1 & 0x10, dbl = hw2 & 0x100;
    unsigned rn = hw1 & 15, imm8 = hw2 & 0xff;
    unsigned first = dbl ? (((hw1 >> 6) & 1) << 4 | ((hw2 >> 12) & 15)) : vd;

    if (p && !w) {
      g_string_printf (mn, "%s%s", load ? "vldr" : "vstr", cond);
      g_string_printf (ops, "%c%u, [%s", dbl ? 'd' : 's', first, arm_reg_names[rn]);
      if (imm8)
        g_string_append_printf (ops, ", #%s%u", u ? "" : "-", imm8 * 4);
      g_string_append_c (ops, ']');
    } else if (rn == 13 && w && (load ? !p && u : p && !u)) {
      g_string_printf (mn, "%s%s", load ? "vpop" : "vpush", cond);
      append_sreg_list (ops, dbl, first, dbl ? imm8 / 2 : imm8);
    } else if (p != u) {
      g_string_printf (mn, "%s%s%s", load ? "vldm" : "vstm", p ? "db" : "ia", cond);
      g_string_printf (ops, "%s%s, ", arm_reg_names[rn], w ? "!" : "");
      append_sreg_list (ops, dbl, first, dbl ? imm8 / 2 : imm8);
    }
    break;
  }
  default: break;
  }
  if (mn->len == 0)
    g_string_append_printf (text, ".inst.w 0x%08x", d->raw);
  else
    g_string_append_printf (text, "%-7s %s", mn->str, ops->str);
}

void
arm_disas_insn (unsigned profile, uint32_t pc, uint32_t raw, unsigned itstate, GString *text)
{
  ArmDecoded d;
  g_autoptr (GString) mn = g_string_new (NULL);

  /* Coprocessor instructions (all 32-bit) print as data too. */
  if (!arm_decode (profile, raw, itstate != 0, &d) || d.op->fmt == ARM_FMT_COPROC) {
    if (d.len == 2)
      g_string_append_printf (text, ".inst.n 0x%04x", d.raw);
    else
      g_string_append_printf (text, ".inst.w 0x%08x", d.raw);
    return;
  }
  if (d.op->fmt == ARM_FMT_VFP) {
    append_vfp (text, &d, itstate);
    return;
  }
  append_mnemonic (mn, &d, itstate);
  if (d.op->fmt == ARM_FMT_NONE) {
    g_string_append (text, mn->str);
    return;
  }
  g_string_append_printf (text, "%-7s ", mn->str);
  if (!append_memory_operands (text, &d) && !append_control_operands (text, &d, pc))
    append_data_operands (text, &d);
}

unsigned
arm_disas (MdlCpu *cpu, uint64_t pc, GString *text)
{
  ArmCpu *s = (ArmCpu *) cpu;
  uint8_t b[4];
  uint32_t raw;

  if (!mdl_address_space_read_bytes (cpu->as, pc, b, 2, NULL)) {
    g_string_append (text, "<unmapped>");
    return 2;
  }
  raw = b[0] | (uint32_t) b[1] << 8;
  if (arm_insn_length (raw) == 4) {
    if (!mdl_address_space_read_bytes (cpu->as, (pc + 2) & 0xffffffffu, b + 2, 2, NULL)) {
      g_string_append (text, "<unmapped>");
      return 2;
    }
    raw = raw << 16 | b[2] | (uint32_t) b[3] << 8;
  }
  /* The current IT state applies to the instruction at the pc only. */
  arm_disas_insn (s->isa, (uint32_t) pc, raw, pc == s->pc ? s->itstate : 0, text);
  return arm_insn_length (raw >> 16 ? raw >> 16 : raw);
}
