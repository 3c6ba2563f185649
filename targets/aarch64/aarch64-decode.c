/* The A64 decode table: one row per encoding, read by the run loop (its
 * executor), the disassembler (its name and operand format), the anatomy
 * view and the tests.  The first row whose mask/match fits wins, so
 * narrower rows (nop among the hints, ldnp among the pairs) come before
 * the wider ones.  Fields that select between variants of one row (sf,
 * size, shift type) are the executor's to read; an executor meeting a
 * reserved combination of them takes the UNDEFINED exception.
 *
 * Advanced SIMD (op0 = x111 with bit 28 clear, and the structure
 * loads/stores ld1-ld4/st1-st4 at 0x0c000000) has tables of its own in
 * aarch64-simd-int.c and aarch64-simd-fp.c, searched after this one.
 * Half precision matches no row.
 */
#include "aarch64-cpu.h"

#define ROW(mask, match, name, fmt, ex)                                                            \
  {                                                                                                \
    mask, match, name, A64_FMT_##fmt, a64_x_##ex                                                   \
  }

/* A single-register load/store (size, opc) in its five addressing forms:
 * unsigned offset, unscaled, post-index, unprivileged, pre-index, register
 * offset.  @ls is "st" or "ld", @suf the size suffix. */
#define LDST(size, opc, ls, suf)                                                                   \
  ROW (0xffc00000, 0x39000000 | (size) << 30 | (opc) << 22, ls "r" suf, LDST_UIMM, ldst_uimm),     \
    ROW (0xffe00c00, 0x38000000 | (size) << 30 | (opc) << 22, ls "ur" suf, LDST_IMM9, ldst_imm9),  \
    ROW (0xffe00c00, 0x38000400 | (size) << 30 | (opc) << 22, ls "r" suf, LDST_IMM9, ldst_imm9),   \
    ROW (0xffe00c00, 0x38000800 | (size) << 30 | (opc) << 22, ls "tr" suf, LDST_IMM9, ldst_imm9),  \
    ROW (0xffe00c00, 0x38000c00 | (size) << 30 | (opc) << 22, ls "r" suf, LDST_IMM9, ldst_imm9),   \
    ROW (0xffe00c00, 0x38200800 | (size) << 30 | (opc) << 22, ls "r" suf, LDST_REG, ldst_reg)

/* clang-format off */
const A64Opcode a64_opcodes[] = {
  /* ---- data processing, immediate ---- */
  ROW (0x9f000000, 0x10000000, "adr",  ADR, adr),
  ROW (0x9f000000, 0x90000000, "adrp", ADR, adr),
  ROW (0x7f800000, 0x11000000, "add",  ADDSUB_IMM, addsub_imm),
  ROW (0x7f800000, 0x31000000, "adds", ADDSUB_IMM, addsub_imm),
  ROW (0x7f800000, 0x51000000, "sub",  ADDSUB_IMM, addsub_imm),
  ROW (0x7f800000, 0x71000000, "subs", ADDSUB_IMM, addsub_imm),
  ROW (0x7f800000, 0x12000000, "and",  LOGIC_IMM, logic_imm),
  ROW (0x7f800000, 0x32000000, "orr",  LOGIC_IMM, logic_imm),
  ROW (0x7f800000, 0x52000000, "eor",  LOGIC_IMM, logic_imm),
  ROW (0x7f800000, 0x72000000, "ands", LOGIC_IMM, logic_imm),
  ROW (0x7f800000, 0x12800000, "movn", MOVW, movw),
  ROW (0x7f800000, 0x52800000, "movz", MOVW, movw),
  ROW (0x7f800000, 0x72800000, "movk", MOVW, movw),
  ROW (0x7f800000, 0x13000000, "sbfm", BITFIELD, bitfield),
  ROW (0x7f800000, 0x33000000, "bfm",  BITFIELD, bitfield),
  ROW (0x7f800000, 0x53000000, "ubfm", BITFIELD, bitfield),
  ROW (0x7fa00000, 0x13800000, "extr", EXTR, extr),

  /* ---- branches, exceptions, system ---- */
  ROW (0xfc000000, 0x14000000, "b",    B, b),
  ROW (0xfc000000, 0x94000000, "bl",   B, b),
  ROW (0xff000010, 0x54000000, "b.",   BCOND, bcond),
  ROW (0x7f000000, 0x34000000, "cbz",  CB, cb),
  ROW (0x7f000000, 0x35000000, "cbnz", CB, cb),
  ROW (0x7f000000, 0x36000000, "tbz",  TB, tb),
  ROW (0x7f000000, 0x37000000, "tbnz", TB, tb),
  ROW (0xffe0001f, 0xd4000001, "svc",  EXC, exc),
  ROW (0xffe0001f, 0xd4000002, "hvc",  EXC, exc),
  ROW (0xffe0001f, 0xd4000003, "smc",  EXC, exc),
  ROW (0xffe0001f, 0xd4200000, "brk",  EXC, exc),
  ROW (0xffe0001f, 0xd4400000, "hlt",  EXC, exc),
  ROW (0xffffffff, 0xd503201f, "nop",  NONE, hint),
  ROW (0xffffffff, 0xd503203f, "yield", NONE, hint),
  ROW (0xffffffff, 0xd503205f, "wfe",  NONE, hint),
  ROW (0xffffffff, 0xd503207f, "wfi",  NONE, hint),
  ROW (0xffffffff, 0xd503209f, "sev",  NONE, hint),
  ROW (0xffffffff, 0xd50320bf, "sevl", NONE, hint),
  ROW (0xfffff01f, 0xd503201f, "hint", HINT, hint),
  ROW (0xfffff0ff, 0xd503305f, "clrex", BARRIER, barrier),
  ROW (0xfffff0ff, 0xd503309f, "dsb",  BARRIER, barrier),
  ROW (0xfffff0ff, 0xd50330bf, "dmb",  BARRIER, barrier),
  ROW (0xfffff0ff, 0xd50330df, "isb",  BARRIER, barrier),
  ROW (0xfff8f01f, 0xd500401f, "msr",  MSR_IMM, msr_imm),
  ROW (0xfff80000, 0xd5080000, "sys",  SYS, sys),
  ROW (0xfff80000, 0xd5280000, "sysl", SYS, sys),
  ROW (0xfff00000, 0xd5100000, "msr",  MSR, msr),
  ROW (0xfff00000, 0xd5300000, "mrs",  MRS, mrs),
  ROW (0xfffffc1f, 0xd61f0000, "br",   BR, br),
  ROW (0xfffffc1f, 0xd63f0000, "blr",  BR, br),
  ROW (0xfffffc1f, 0xd65f0000, "ret",  BR, br),
  ROW (0xffffffff, 0xd69f03e0, "eret", NONE, eret),

  /* ---- loads and stores ---- */
  ROW (0x3fe08000, 0x08000000, "stxr",  LDST_EXCL, ldst_excl),
  ROW (0x3fe08000, 0x08008000, "stlxr", LDST_EXCL, ldst_excl),
  ROW (0x3fe08000, 0x08200000, "stxp",  LDST_EXCL, ldst_excl),
  ROW (0x3fe08000, 0x08208000, "stlxp", LDST_EXCL, ldst_excl),
  ROW (0x3fe08000, 0x08400000, "ldxr",  LDST_EXCL, ldst_excl),
  ROW (0x3fe08000, 0x08408000, "ldaxr", LDST_EXCL, ldst_excl),
  ROW (0x3fe08000, 0x08600000, "ldxp",  LDST_EXCL, ldst_excl),
  ROW (0x3fe08000, 0x08608000, "ldaxp", LDST_EXCL, ldst_excl),
  ROW (0x3fe08000, 0x08808000, "stlr",  LDST_EXCL, ldst_excl),
  ROW (0x3fe08000, 0x08c08000, "ldar",  LDST_EXCL, ldst_excl),
  ROW (0xff000000, 0x18000000, "ldr",   LDR_LIT, ldr_lit),
  ROW (0xff000000, 0x58000000, "ldr",   LDR_LIT, ldr_lit),
  ROW (0xff000000, 0x98000000, "ldrsw", LDR_LIT, ldr_lit),
  ROW (0xff000000, 0xd8000000, "prfm",  LDR_LIT, prfm),
  ROW (0x3fc00000, 0x28000000, "stnp",  LDST_PAIR, ldst_pair),
  ROW (0x3fc00000, 0x28400000, "ldnp",  LDST_PAIR, ldst_pair),
  ROW (0xfe400000, 0x68400000, "ldpsw", LDST_PAIR, ldst_pair),
  ROW (0x3e400000, 0x28000000, "stp",   LDST_PAIR, ldst_pair),
  ROW (0x3e400000, 0x28400000, "ldp",   LDST_PAIR, ldst_pair),
  LDST (0, 0, "st", "b"), LDST (0, 1, "ld", "b"), LDST (0, 2, "ld", "sb"), LDST (0, 3, "ld", "sb"),
  LDST (1, 0, "st", "h"), LDST (1, 1, "ld", "h"), LDST (1, 2, "ld", "sh"), LDST (1, 3, "ld", "sh"),
  LDST (2, 0, "st", ""),  LDST (2, 1, "ld", ""),  LDST (2, 2, "ld", "sw"),
  LDST (3, 0, "st", ""),  LDST (3, 1, "ld", ""),
  ROW (0xffc00000, 0xf9800000, "prfm",  LDST_UIMM, prfm),
  ROW (0xffe00c00, 0xf8800000, "prfum", LDST_IMM9, prfm),
  ROW (0xffe00c00, 0xf8a00800, "prfm",  LDST_REG, prfm),

  /* ---- SIMD&FP loads and stores (V = 1) ---- */
  ROW (0x3f400000, 0x3d000000, "str",  LDST_UIMM, fp_ldst_uimm),
  ROW (0x3f400000, 0x3d400000, "ldr",  LDST_UIMM, fp_ldst_uimm),
  ROW (0x3f600c00, 0x3c000000, "stur", LDST_IMM9, fp_ldst_imm9),
  ROW (0x3f600c00, 0x3c400000, "ldur", LDST_IMM9, fp_ldst_imm9),
  ROW (0x3f600c00, 0x3c000400, "str",  LDST_IMM9, fp_ldst_imm9),
  ROW (0x3f600c00, 0x3c400400, "ldr",  LDST_IMM9, fp_ldst_imm9),
  ROW (0x3f600c00, 0x3c000c00, "str",  LDST_IMM9, fp_ldst_imm9),
  ROW (0x3f600c00, 0x3c400c00, "ldr",  LDST_IMM9, fp_ldst_imm9),
  ROW (0x3f600c00, 0x3c200800, "str",  LDST_REG, fp_ldst_reg),
  ROW (0x3f600c00, 0x3c600800, "ldr",  LDST_REG, fp_ldst_reg),
  ROW (0x3f000000, 0x1c000000, "ldr",  LDR_LIT, fp_ldr_lit),
  ROW (0x3fc00000, 0x2c000000, "stnp", LDST_PAIR, fp_ldst_pair),
  ROW (0x3fc00000, 0x2c400000, "ldnp", LDST_PAIR, fp_ldst_pair),
  ROW (0x3e400000, 0x2c000000, "stp",  LDST_PAIR, fp_ldst_pair),
  ROW (0x3e400000, 0x2c400000, "ldp",  LDST_PAIR, fp_ldst_pair),

  /* ---- scalar floating point (type in bits 23:22: the executor's) ---- */
  ROW (0x7f3ffc00, 0x1e200000, "fcvtns", FP_CONV, fp_conv),
  ROW (0x7f3ffc00, 0x1e210000, "fcvtnu", FP_CONV, fp_conv),
  ROW (0x7f3ffc00, 0x1e220000, "scvtf",  FP_CONV, fp_conv),
  ROW (0x7f3ffc00, 0x1e230000, "ucvtf",  FP_CONV, fp_conv),
  ROW (0x7f3ffc00, 0x1e240000, "fcvtas", FP_CONV, fp_conv),
  ROW (0x7f3ffc00, 0x1e250000, "fcvtau", FP_CONV, fp_conv),
  ROW (0x7f3ffc00, 0x1e260000, "fmov",   FP_CONV, fp_conv),
  ROW (0x7f3ffc00, 0x1e270000, "fmov",   FP_CONV, fp_conv),
  ROW (0x7f3ffc00, 0x1e2e0000, "fmov",   FP_CONV, fp_conv),
  ROW (0x7f3ffc00, 0x1e2f0000, "fmov",   FP_CONV, fp_conv),
  ROW (0x7f3ffc00, 0x1e280000, "fcvtps", FP_CONV, fp_conv),
  ROW (0x7f3ffc00, 0x1e290000, "fcvtpu", FP_CONV, fp_conv),
  ROW (0x7f3ffc00, 0x1e300000, "fcvtms", FP_CONV, fp_conv),
  ROW (0x7f3ffc00, 0x1e310000, "fcvtmu", FP_CONV, fp_conv),
  ROW (0x7f3ffc00, 0x1e380000, "fcvtzs", FP_CONV, fp_conv),
  ROW (0x7f3ffc00, 0x1e390000, "fcvtzu", FP_CONV, fp_conv),
  ROW (0xff3ffc00, 0x1e204000, "fmov",   FP_DP1, fp_dp1),
  ROW (0xff3ffc00, 0x1e20c000, "fabs",   FP_DP1, fp_dp1),
  ROW (0xff3ffc00, 0x1e214000, "fneg",   FP_DP1, fp_dp1),
  ROW (0xff3ffc00, 0x1e21c000, "fsqrt",  FP_DP1, fp_dp1),
  ROW (0xff3e7c00, 0x1e224000, "fcvt",   FP_DP1, fp_dp1),
  ROW (0xff3ffc00, 0x1e244000, "frintn", FP_DP1, fp_dp1),
  ROW (0xff3ffc00, 0x1e24c000, "frintp", FP_DP1, fp_dp1),
  ROW (0xff3ffc00, 0x1e254000, "frintm", FP_DP1, fp_dp1),
  ROW (0xff3ffc00, 0x1e25c000, "frintz", FP_DP1, fp_dp1),
  ROW (0xff3ffc00, 0x1e264000, "frinta", FP_DP1, fp_dp1),
  ROW (0xff3ffc00, 0x1e274000, "frintx", FP_DP1, fp_dp1),
  ROW (0xff3ffc00, 0x1e27c000, "frinti", FP_DP1, fp_dp1),
  ROW (0xff20fc17, 0x1e202000, "fcmp",   FP_CMP, fp_cmp),
  ROW (0xff20fc17, 0x1e202010, "fcmpe",  FP_CMP, fp_cmp),
  ROW (0xff201fe0, 0x1e201000, "fmov",   FP_IMM, fp_imm),
  ROW (0xff200c10, 0x1e200400, "fccmp",  FP_CCMP, fp_ccmp),
  ROW (0xff200c10, 0x1e200410, "fccmpe", FP_CCMP, fp_ccmp),
  ROW (0xff20fc00, 0x1e200800, "fmul",   FP_DP2, fp_dp2),
  ROW (0xff20fc00, 0x1e201800, "fdiv",   FP_DP2, fp_dp2),
  ROW (0xff20fc00, 0x1e202800, "fadd",   FP_DP2, fp_dp2),
  ROW (0xff20fc00, 0x1e203800, "fsub",   FP_DP2, fp_dp2),
  ROW (0xff20fc00, 0x1e204800, "fmax",   FP_DP2, fp_dp2),
  ROW (0xff20fc00, 0x1e205800, "fmin",   FP_DP2, fp_dp2),
  ROW (0xff20fc00, 0x1e206800, "fmaxnm", FP_DP2, fp_dp2),
  ROW (0xff20fc00, 0x1e207800, "fminnm", FP_DP2, fp_dp2),
  ROW (0xff20fc00, 0x1e208800, "fnmul",  FP_DP2, fp_dp2),
  ROW (0xff200c00, 0x1e200c00, "fcsel",  FP_CSEL, fp_csel),
  ROW (0xff208000, 0x1f000000, "fmadd",  FP_DP3, fp_dp3),
  ROW (0xff208000, 0x1f008000, "fmsub",  FP_DP3, fp_dp3),
  ROW (0xff208000, 0x1f200000, "fnmadd", FP_DP3, fp_dp3),
  ROW (0xff208000, 0x1f208000, "fnmsub", FP_DP3, fp_dp3),

  /* ---- data processing, register ---- */
  ROW (0x7f200000, 0x0a000000, "and",  LOGIC_REG, logic_reg),
  ROW (0x7f200000, 0x0a200000, "bic",  LOGIC_REG, logic_reg),
  ROW (0x7f200000, 0x2a000000, "orr",  LOGIC_REG, logic_reg),
  ROW (0x7f200000, 0x2a200000, "orn",  LOGIC_REG, logic_reg),
  ROW (0x7f200000, 0x4a000000, "eor",  LOGIC_REG, logic_reg),
  ROW (0x7f200000, 0x4a200000, "eon",  LOGIC_REG, logic_reg),
  ROW (0x7f200000, 0x6a000000, "ands", LOGIC_REG, logic_reg),
  ROW (0x7f200000, 0x6a200000, "bics", LOGIC_REG, logic_reg),
  ROW (0x7f200000, 0x0b000000, "add",  ADDSUB_REG, addsub_reg),
  ROW (0x7f200000, 0x2b000000, "adds", ADDSUB_REG, addsub_reg),
  ROW (0x7f200000, 0x4b000000, "sub",  ADDSUB_REG, addsub_reg),
  ROW (0x7f200000, 0x6b000000, "subs", ADDSUB_REG, addsub_reg),
  ROW (0x7fe00000, 0x0b200000, "add",  ADDSUB_EXT, addsub_ext),
  ROW (0x7fe00000, 0x2b200000, "adds", ADDSUB_EXT, addsub_ext),
  ROW (0x7fe00000, 0x4b200000, "sub",  ADDSUB_EXT, addsub_ext),
  ROW (0x7fe00000, 0x6b200000, "subs", ADDSUB_EXT, addsub_ext),
  ROW (0x7fe0fc00, 0x1a000000, "adc",  ADC, adc),
  ROW (0x7fe0fc00, 0x3a000000, "adcs", ADC, adc),
  ROW (0x7fe0fc00, 0x5a000000, "sbc",  ADC, adc),
  ROW (0x7fe0fc00, 0x7a000000, "sbcs", ADC, adc),
  ROW (0x7fe00410, 0x3a400000, "ccmn", CCMP, ccmp),
  ROW (0x7fe00410, 0x7a400000, "ccmp", CCMP, ccmp),
  ROW (0x7fe00c00, 0x1a800000, "csel",  CSEL, csel),
  ROW (0x7fe00c00, 0x1a800400, "csinc", CSEL, csel),
  ROW (0x7fe00c00, 0x5a800000, "csinv", CSEL, csel),
  ROW (0x7fe00c00, 0x5a800400, "csneg", CSEL, csel),
  ROW (0x7fe0fc00, 0x1ac00800, "udiv", DP2, dp2),
  ROW (0x7fe0fc00, 0x1ac00c00, "sdiv", DP2, dp2),
  ROW (0x7fe0fc00, 0x1ac02000, "lsl",  DP2, dp2),
  ROW (0x7fe0fc00, 0x1ac02400, "lsr",  DP2, dp2),
  ROW (0x7fe0fc00, 0x1ac02800, "asr",  DP2, dp2),
  ROW (0x7fe0fc00, 0x1ac02c00, "ror",  DP2, dp2),
  ROW (0xffe0fc00, 0x1ac04000, "crc32b",  DP2, dp2),
  ROW (0xffe0fc00, 0x1ac04400, "crc32h",  DP2, dp2),
  ROW (0xffe0fc00, 0x1ac04800, "crc32w",  DP2, dp2),
  ROW (0xffe0fc00, 0x9ac04c00, "crc32x",  DP2, dp2),
  ROW (0xffe0fc00, 0x1ac05000, "crc32cb", DP2, dp2),
  ROW (0xffe0fc00, 0x1ac05400, "crc32ch", DP2, dp2),
  ROW (0xffe0fc00, 0x1ac05800, "crc32cw", DP2, dp2),
  ROW (0xffe0fc00, 0x9ac05c00, "crc32cx", DP2, dp2),
  ROW (0x7ffffc00, 0x5ac00000, "rbit",  DP1, dp1),
  ROW (0x7ffffc00, 0x5ac00400, "rev16", DP1, dp1),
  ROW (0xfffffc00, 0xdac00800, "rev32", DP1, dp1),
  ROW (0xfffffc00, 0x5ac00800, "rev",   DP1, dp1),
  ROW (0xfffffc00, 0xdac00c00, "rev",   DP1, dp1),
  ROW (0x7ffffc00, 0x5ac01000, "clz",   DP1, dp1),
  ROW (0x7ffffc00, 0x5ac01400, "cls",   DP1, dp1),
  ROW (0x7fe08000, 0x1b000000, "madd",   DP3, dp3),
  ROW (0x7fe08000, 0x1b008000, "msub",   DP3, dp3),
  ROW (0xffe08000, 0x9b200000, "smaddl", DP3, dp3),
  ROW (0xffe08000, 0x9b208000, "smsubl", DP3, dp3),
  ROW (0xffe08000, 0x9b400000, "smulh",  DP3, dp3),
  ROW (0xffe08000, 0x9ba00000, "umaddl", DP3, dp3),
  ROW (0xffe08000, 0x9ba08000, "umsubl", DP3, dp3),
  ROW (0xffe08000, 0x9bc00000, "umulh",  DP3, dp3),
};
/* clang-format on */

const unsigned a64_n_opcodes = G_N_ELEMENTS (a64_opcodes);

static const A64Opcode *
search (const A64Opcode *rows, unsigned n, uint32_t insn)
{
  for (unsigned i = 0; i < n; i++)
    if ((insn & rows[i].mask) == rows[i].match)
      return &rows[i];
  return NULL;
}

const A64Opcode *
a64_decode (uint32_t insn)
{
  const A64Opcode *op = search (a64_opcodes, a64_n_opcodes, insn);

  if (op == NULL)
    op = search (a64_simd_int_opcodes, a64_n_simd_int_opcodes, insn);
  if (op == NULL)
    op = search (a64_simd_fp_opcodes, a64_n_simd_fp_opcodes, insn);
  return op;
}
