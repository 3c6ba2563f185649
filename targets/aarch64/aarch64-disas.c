/* The A64 disassembler: the decode table's row gives the name and the
 * operand format; the text follows GNU objdump's (its preferred aliases:
 * mov, cmp, tst, lsl, ubfx, cset, mul...), except that branch targets are
 * plain hexadecimal addresses without a symbol.
 */
#include "aarch64-cpu.h"

#include <inttypes.h>
#include <string.h>

const char *const a64_cond_names[16] = {
  "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv",
};

static const char *const shift_names[4] = { "lsl", "lsr", "asr", "ror" };
static const char *const extend_names[8] = {
  "uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx",
};

bool a64_bit_masks (bool n, unsigned imms, unsigned immr, bool logical, uint64_t *wmask,
                    uint64_t *tmask);

/* Register @r as x/w (@sf) with 31 as sp (@sp) or the zero register. */
static const char *
reg (char *buf, unsigned r, bool sf, bool sp)
{
  if (r == 31)
    return sp ? (sf ? "sp" : "wsp") : (sf ? "xzr" : "wzr");
  g_snprintf (buf, 8, "%c%u", sf ? 'x' : 'w', r);
  return buf;
}

static uint64_t
sext (uint64_t v, unsigned bits)
{
  return (uint64_t) ((int64_t) (v << (64 - bits)) >> (64 - bits));
}

/* SIMD&FP register @r of @bytes (1, 2, 4, 8, 16): b0, h0, s0, d0, q0. */
static const char *
vreg (char *buf, unsigned r, unsigned bytes)
{
  char c = bytes == 1 ? 'b' : bytes == 2 ? 'h' : bytes == 4 ? 's' : bytes == 8 ? 'd' : 'q';

  g_snprintf (buf, 8, "%c%u", c, r);
  return buf;
}

typedef struct {
  GString *t;
  char mn[16];
  bool started;
} Out;

static void
mnem (Out *o, const char *name)
{
  g_strlcpy (o->mn, name, sizeof o->mn);
}

/* Appends an operand, separating with ", ". */
G_GNUC_PRINTF (2, 3) static void opnd (Out *o, const char *fmt, ...)
{
  va_list ap;

  if (!o->started) {
    g_string_append_printf (o->t, "%-7s ", o->mn);
    o->started = true;
  } else
    g_string_append (o->t, ", ");
  va_start (ap, fmt);
  g_string_append_vprintf (o->t, fmt, ap);
  va_end (ap);
}

static void
finish (Out *o)
{
  if (!o->started)
    g_string_append (o->t, o->mn);
}

static const char *
barrier_option (unsigned crm, char *buf)
{
  static const char *const names[16] = {
    NULL, "oshld", "oshst", "osh", NULL, "nshld", "nshst", "nsh",
    NULL, "ishld", "ishst", "ish", NULL, "ld",    "st",    "sy",
  };

  if (names[crm])
    return names[crm];
  g_snprintf (buf, 8, "#0x%x", crm);
  return buf;
}

static const char *
prfop (unsigned rt, char *buf)
{
  static const char *const types[3] = { "pld", "pli", "pst" };
  unsigned type = rt >> 3, target = (rt >> 1) & 3;

  if (type < 3 && target < 3) {
    g_snprintf (buf, 16, "%sl%u%s", types[type], target + 1, (rt & 1) ? "strm" : "keep");
    return buf;
  }
  g_snprintf (buf, 16, "#0x%x", rt);
  return buf;
}

static void
sysreg_text (uint32_t key, char *buf)
{
  const char *n = a64_sysreg_name (key);

  if (n)
    g_strlcpy (buf, n, 24);
  else
    g_snprintf (buf, 24, "s%u_%u_c%u_c%u_%u", key >> 14, (key >> 11) & 7, (key >> 7) & 15,
                (key >> 3) & 15, key & 7);
}

/* dc, ic, tlbi and at by name; NULL for a plain sys. */
static const char *
sys_alias (unsigned op1, unsigned crn, unsigned crm, unsigned op2, bool *has_rt)
{
  static const struct {
    uint8_t op1, crn, crm, op2;
    bool rt;
    const char *name;
  } t[] = {
    { 3, 7, 4, 1, true, "dc\tzva" },        { 0, 7, 6, 1, true, "dc\tivac" },
    { 0, 7, 6, 2, true, "dc\tisw" },        { 3, 7, 10, 1, true, "dc\tcvac" },
    { 0, 7, 10, 2, true, "dc\tcsw" },       { 3, 7, 11, 1, true, "dc\tcvau" },
    { 3, 7, 14, 1, true, "dc\tcivac" },     { 0, 7, 14, 2, true, "dc\tcisw" },
    { 0, 7, 1, 0, false, "ic\tialluis" },   { 0, 7, 5, 0, false, "ic\tiallu" },
    { 3, 7, 5, 1, true, "ic\tivau" },       { 0, 7, 8, 0, true, "at\ts1e1r" },
    { 0, 7, 8, 1, true, "at\ts1e1w" },      { 0, 7, 8, 2, true, "at\ts1e0r" },
    { 0, 7, 8, 3, true, "at\ts1e0w" },      { 0, 8, 3, 0, false, "tlbi\tvmalle1is" },
    { 0, 8, 3, 1, true, "tlbi\tvae1is" },   { 0, 8, 3, 2, true, "tlbi\taside1is" },
    { 0, 8, 3, 3, true, "tlbi\tvaae1is" },  { 0, 8, 3, 5, true, "tlbi\tvale1is" },
    { 0, 8, 3, 7, true, "tlbi\tvaale1is" }, { 0, 8, 7, 0, false, "tlbi\tvmalle1" },
    { 0, 8, 7, 1, true, "tlbi\tvae1" },     { 0, 8, 7, 2, true, "tlbi\taside1" },
    { 0, 8, 7, 3, true, "tlbi\tvaae1" },    { 0, 8, 7, 5, true, "tlbi\tvale1" },
    { 0, 8, 7, 7, true, "tlbi\tvaale1" },
  };

  for (unsigned i = 0; i < G_N_ELEMENTS (t); i++)
    if (t[i].op1 == op1 && t[i].crn == crn && t[i].crm == crm && t[i].op2 == op2) {
      *has_rt = t[i].rt;
      return t[i].name;
    }
  return NULL;
}

static void
ldst_addr (Out *o, unsigned rn, int64_t off, const char *suffix_mode)
{
  char b[8];

  /* suffix_mode: "" offset, "!" pre-index, "post" post-index */
  if (strcmp (suffix_mode, "post") == 0)
    opnd (o, "[%s], #%" PRId64, reg (b, rn, true, true), off);
  else if (off == 0 && suffix_mode[0] == 0)
    opnd (o, "[%s]", reg (b, rn, true, true));
  else
    opnd (o, "[%s, #%" PRId64 "]%s", reg (b, rn, true, true), off, suffix_mode);
}

void
a64_disas_insn (uint64_t pc, uint32_t i, GString *text)
{
  const A64Opcode *op = a64_decode (i);
  Out o = { text, "", false };
  char b1[16], b2[16], b3[16], b4[16];
  bool sf = i >> 31;
  unsigned rd = i & 31, rn = (i >> 5) & 31, rm = (i >> 16) & 31, ra = (i >> 10) & 31;
  unsigned w = sf ? 64 : 32;

  if (op == NULL) {
    g_string_append_printf (text, ".inst   0x%08x ; undefined", i);
    return;
  }
  if (op->fmt == A64_FMT_SIMD_INT) {
    a64_simd_int_disas (op, pc, i, text);
    return;
  }
  if (op->fmt == A64_FMT_SIMD_FP) {
    a64_simd_fp_disas (op, pc, i, text);
    return;
  }
  mnem (&o, op->name);
  switch (op->fmt) {
  case A64_FMT_NONE: break;
  case A64_FMT_ADR: {
    uint64_t imm = sext ((((i >> 5) & 0x7ffff) << 2) | ((i >> 29) & 3), 21);
    uint64_t t = i >> 31 ? (pc & ~UINT64_C (0xfff)) + (imm << 12) : pc + imm;
    opnd (&o, "%s", reg (b1, rd, true, false));
    opnd (&o, "0x%" PRIx64, t);
    break;
  }
  case A64_FMT_ADDSUB_IMM: {
    unsigned imm = (i >> 10) & 0xfff;
    bool s = (i >> 29) & 1, sh = (i >> 22) & 1;
    if (!s && !sh && imm == 0 && (rd == 31 || rn == 31) && !((i >> 30) & 1)) {
      mnem (&o, "mov");
      opnd (&o, "%s", reg (b1, rd, sf, true));
      opnd (&o, "%s", reg (b2, rn, sf, true));
      break;
    }
    if (s && rd == 31)
      mnem (&o, (i >> 30) & 1 ? "cmp" : "cmn");
    else
      opnd (&o, "%s", reg (b1, rd, sf, !s));
    opnd (&o, "%s", reg (b2, rn, sf, true));
    opnd (&o, "#0x%x", imm);
    if (sh)
      opnd (&o, "lsl #12");
    break;
  }
  case A64_FMT_LOGIC_IMM: {
    uint64_t imm, t;
    unsigned opc = (i >> 29) & 3;
    if (!a64_bit_masks ((i >> 22) & 1, (i >> 10) & 0x3f, (i >> 16) & 0x3f, true, &imm, &t)) {
      g_string_append_printf (text, ".inst   0x%08x ; undefined", i);
      return;
    }
    if (!sf)
      imm = (uint32_t) imm;
    if (opc == 1 && rn == 31) {
      mnem (&o, "mov");
      opnd (&o, "%s", reg (b1, rd, sf, true));
    } else if (opc == 3 && rd == 31) {
      mnem (&o, "tst");
      opnd (&o, "%s", reg (b2, rn, sf, false));
    } else {
      opnd (&o, "%s", reg (b1, rd, sf, opc != 3));
      opnd (&o, "%s", reg (b2, rn, sf, false));
    }
    opnd (&o, "#0x%" PRIx64, imm);
    break;
  }
  case A64_FMT_MOVW: {
    unsigned opc = (i >> 29) & 3, hw = (i >> 21) & 3, imm = (i >> 5) & 0xffff;
    uint64_t v = (uint64_t) imm << (16 * hw);
    if (opc == 2 && !(imm == 0 && hw != 0)) {
      mnem (&o, "mov");
      opnd (&o, "%s", reg (b1, rd, sf, false));
      opnd (&o, "#0x%" PRIx64, v);
    } else if (opc == 0 && !(imm == 0 && hw != 0) && !(!sf && imm == 0xffff)) {
      mnem (&o, "mov");
      opnd (&o, "%s", reg (b1, rd, sf, false));
      opnd (&o, "#0x%" PRIx64, sf ? ~v : (uint32_t) ~v);
    } else {
      opnd (&o, "%s", reg (b1, rd, sf, false));
      opnd (&o, "#0x%x", imm);
      if (hw)
        opnd (&o, "lsl #%u", 16 * hw);
    }
    break;
  }
  case A64_FMT_BITFIELD: {
    unsigned opc = (i >> 29) & 3, immr = (i >> 16) & 0x3f, imms = (i >> 10) & 0x3f;
    const char *d = reg (b1, rd, sf, false), *n = reg (b2, rn, sf, false);
    if (opc == 0 && imms == w - 1) {
      mnem (&o, "asr");
      opnd (&o, "%s", d), opnd (&o, "%s", n), opnd (&o, "#%u", immr);
    } else if (opc == 0 && immr == 0 && (imms == 7 || imms == 15 || imms == 31)) {
      mnem (&o, imms == 7 ? "sxtb" : imms == 15 ? "sxth" : "sxtw");
      opnd (&o, "%s", d), opnd (&o, "%s", reg (b2, rn, false, false));
    } else if (opc == 2 && imms != w - 1 && imms + 1 == immr) {
      mnem (&o, "lsl");
      opnd (&o, "%s", d), opnd (&o, "%s", n), opnd (&o, "#%u", w - 1 - imms);
    } else if (opc == 2 && imms == w - 1) {
      mnem (&o, "lsr");
      opnd (&o, "%s", d), opnd (&o, "%s", n), opnd (&o, "#%u", immr);
    } else if (opc == 2 && !sf && immr == 0 && (imms == 7 || imms == 15)) {
      mnem (&o, imms == 7 ? "uxtb" : "uxth");
      opnd (&o, "%s", d), opnd (&o, "%s", n);
    } else if (imms < immr) {
      mnem (&o, opc == 0 ? "sbfiz" : opc == 1 ? "bfi" : "ubfiz");
      opnd (&o, "%s", d), opnd (&o, "%s", n), opnd (&o, "#%u", w - immr),
        opnd (&o, "#%u", imms + 1);
    } else {
      mnem (&o, opc == 0 ? "sbfx" : opc == 1 ? "bfxil" : "ubfx");
      opnd (&o, "%s", d), opnd (&o, "%s", n), opnd (&o, "#%u", immr),
        opnd (&o, "#%u", imms - immr + 1);
    }
    break;
  }
  case A64_FMT_EXTR: {
    unsigned lsb = (i >> 10) & 0x3f;
    if (rn == rm)
      mnem (&o, "ror");
    opnd (&o, "%s", reg (b1, rd, sf, false));
    opnd (&o, "%s", reg (b2, rn, sf, false));
    if (rn != rm)
      opnd (&o, "%s", reg (b3, rm, sf, false));
    opnd (&o, "#%u", lsb);
    break;
  }
  case A64_FMT_B: opnd (&o, "0x%" PRIx64, pc + (sext (i & 0x3ffffff, 26) << 2)); break;
  case A64_FMT_BCOND:
    g_snprintf (o.mn, sizeof o.mn, "b.%s", a64_cond_names[i & 15]);
    opnd (&o, "0x%" PRIx64, pc + (sext ((i >> 5) & 0x7ffff, 19) << 2));
    break;
  case A64_FMT_CB:
    opnd (&o, "%s", reg (b1, rd, sf, false));
    opnd (&o, "0x%" PRIx64, pc + (sext ((i >> 5) & 0x7ffff, 19) << 2));
    break;
  case A64_FMT_TB: {
    unsigned bit = ((i >> 26) & 0x20) | ((i >> 19) & 0x1f);
    opnd (&o, "%s", reg (b1, rd, bit >= 32, false));
    opnd (&o, "#%u", bit);
    opnd (&o, "0x%" PRIx64, pc + (sext ((i >> 5) & 0x3fff, 14) << 2));
    break;
  }
  case A64_FMT_BR:
    if (!(strcmp (op->name, "ret") == 0 && rn == 30))
      opnd (&o, "%s", reg (b1, rn, true, false));
    break;
  case A64_FMT_EXC: opnd (&o, "#0x%x", (i >> 5) & 0xffff); break;
  case A64_FMT_HINT: opnd (&o, "#0x%x", (i >> 5) & 0x7f); break;
  case A64_FMT_BARRIER: {
    unsigned crm = (i >> 8) & 15;
    if (strcmp (op->name, "dsb") == 0 || strcmp (op->name, "dmb") == 0)
      opnd (&o, "%s", barrier_option (crm, b1));
    else if (crm != 15)
      opnd (&o, "#0x%x", crm);
    break;
  }
  case A64_FMT_MSR_IMM: {
    unsigned op1 = (i >> 16) & 7, op2 = (i >> 5) & 7;
    const char *f = op1 == 0 && op2 == 5   ? "spsel"
                    : op1 == 3 && op2 == 6 ? "daifset"
                    : op1 == 3 && op2 == 7 ? "daifclr"
                                           : NULL;
    if (f)
      opnd (&o, "%s", f);
    else
      opnd (&o, "s0_%u_c4_c%u_%u", op1, (i >> 8) & 15, op2);
    opnd (&o, "#0x%x", (i >> 8) & 15);
    break;
  }
  case A64_FMT_SYS: {
    unsigned op1 = (i >> 16) & 7, crn = (i >> 12) & 15, crm = (i >> 8) & 15, op2 = (i >> 5) & 7;
    bool has_rt = true;
    const char *alias = (i >> 21) & 1 ? NULL : sys_alias (op1, crn, crm, op2, &has_rt);
    if (alias) {
      const char *tab = strchr (alias, '\t');
      g_strlcpy (o.mn, alias, MIN (sizeof o.mn, (size_t) (tab - alias) + 1));
      opnd (&o, "%s", tab + 1);
      if (has_rt)
        opnd (&o, "%s", reg (b1, rd, true, false));
    } else if ((i >> 21) & 1) {
      opnd (&o, "%s", reg (b1, rd, true, false));
      opnd (&o, "#%u, C%u, C%u, #%u", op1, crn, crm, op2);
    } else {
      opnd (&o, "#%u, C%u, C%u, #%u", op1, crn, crm, op2);
      if (rd != 31)
        opnd (&o, "%s", reg (b1, rd, true, false));
    }
    break;
  }
  case A64_FMT_MSR: {
    char name[24];
    sysreg_text ((i >> 5) & 0xffff, name);
    opnd (&o, "%s", name);
    opnd (&o, "%s", reg (b1, rd, true, false));
    break;
  }
  case A64_FMT_MRS: {
    char name[24];
    sysreg_text ((i >> 5) & 0xffff, name);
    opnd (&o, "%s", reg (b1, rd, true, false));
    opnd (&o, "%s", name);
    break;
  }
  case A64_FMT_LDST_EXCL: {
    unsigned size = i >> 30;
    bool load = (i >> 22) & 1, pair = (i >> 21) & 1, o2 = (i >> 23) & 1;
    if (!pair && size < 2)
      g_strlcat (o.mn, size == 0 ? "b" : "h", sizeof o.mn);
    if (!load && !o2)
      opnd (&o, "%s", reg (b1, rm, false, false));
    opnd (&o, "%s", reg (b2, rd, size == 3, false));
    if (pair)
      opnd (&o, "%s", reg (b3, ra, size == 3, false));
    opnd (&o, "[%s]", reg (b4, rn, true, true));
    break;
  }
  case A64_FMT_LDR_LIT: {
    uint64_t t = pc + (sext ((i >> 5) & 0x7ffff, 19) << 2);
    unsigned opc = i >> 30;
    if ((i >> 26) & 1)
      opnd (&o, "%s", vreg (b1, rd, 4u << opc));
    else if (opc == 3)
      opnd (&o, "%s", prfop (rd, b1));
    else
      opnd (&o, "%s", reg (b1, rd, opc != 0, false));
    opnd (&o, "0x%" PRIx64, t);
    break;
  }
  case A64_FMT_LDST_PAIR: {
    unsigned opc = i >> 30, index = (i >> 23) & 3, size = opc == 2 ? 8 : 4;
    bool v = (i >> 26) & 1;
    int64_t off;
    if (v)
      size = 4u << opc;
    off = (int64_t) sext ((i >> 15) & 0x7f, 7) * size;
    opnd (&o, "%s", v ? vreg (b1, rd, size) : reg (b1, rd, opc != 0, false));
    opnd (&o, "%s", v ? vreg (b2, ra, size) : reg (b2, ra, opc != 0, false));
    ldst_addr (&o, rn, off, index == 1 ? "post" : index == 3 ? "!" : "");
    break;
  }
  case A64_FMT_LDST_IMM9:
  case A64_FMT_LDST_REG:
  case A64_FMT_LDST_UIMM: {
    unsigned size = i >> 30, opc = (i >> 22) & 3;
    bool x = (opc == 0 || opc == 1) ? size == 3 : opc == 2;
    if ((i >> 26) & 1) { /* SIMD&FP: the access size is the register's */
      unsigned bytes = (opc & 2) ? 16 : 1u << size;
      if ((opc & 2) && size != 0) {
        g_string_append_printf (text, ".inst   0x%08x ; undefined", i);
        return;
      }
      opnd (&o, "%s", vreg (b1, rd, bytes));
      size = (unsigned) __builtin_ctz (bytes);
    } else if (op->exec == a64_x_prfm)
      opnd (&o, "%s", prfop (rd, b1));
    else
      opnd (&o, "%s", reg (b1, rd, x, false));
    if (op->fmt == A64_FMT_LDST_UIMM)
      ldst_addr (&o, rn, (int64_t) (((i >> 10) & 0xfff) << size), "");
    else if (op->fmt == A64_FMT_LDST_IMM9) {
      unsigned form = (i >> 10) & 3;
      int64_t off = (int64_t) sext ((i >> 12) & 0x1ff, 9);
      ldst_addr (&o, rn, off, form == 1 ? "post" : form == 3 ? "!" : "");
    } else {
      unsigned option = (i >> 13) & 7;
      bool s = (i >> 12) & 1;
      const char *m = reg (b2, rm, option & 1, false);
      if (option == 3 && !s)
        opnd (&o, "[%s, %s]", reg (b3, rn, true, true), m);
      else if (option == 3)
        opnd (&o, "[%s, %s, lsl #%u]", reg (b3, rn, true, true), m, size);
      else if (s)
        opnd (&o, "[%s, %s, %s #%u]", reg (b3, rn, true, true), m, extend_names[option], size);
      else
        opnd (&o, "[%s, %s, %s]", reg (b3, rn, true, true), m, extend_names[option]);
    }
    break;
  }
  case A64_FMT_LOGIC_REG: {
    unsigned type = (i >> 22) & 3, amount = (i >> 10) & 0x3f, opc = (i >> 29) & 3;
    bool n = (i >> 21) & 1;
    if (opc == 1 && !n && rn == 31 && amount == 0) {
      mnem (&o, "mov");
      opnd (&o, "%s", reg (b1, rd, sf, false));
    } else if (opc == 1 && n && rn == 31) {
      mnem (&o, "mvn");
      opnd (&o, "%s", reg (b1, rd, sf, false));
    } else if (opc == 3 && !n && rd == 31) {
      mnem (&o, "tst");
      opnd (&o, "%s", reg (b2, rn, sf, false));
    } else {
      opnd (&o, "%s", reg (b1, rd, sf, false));
      opnd (&o, "%s", reg (b2, rn, sf, false));
    }
    opnd (&o, "%s", reg (b3, rm, sf, false));
    if (amount)
      opnd (&o, "%s #%u", shift_names[type], amount);
    break;
  }
  case A64_FMT_ADDSUB_REG: {
    unsigned type = (i >> 22) & 3, amount = (i >> 10) & 0x3f;
    bool sub = (i >> 30) & 1, s = (i >> 29) & 1;
    if (s && rd == 31) {
      mnem (&o, sub ? "cmp" : "cmn");
      opnd (&o, "%s", reg (b2, rn, sf, false));
    } else if (sub && rn == 31) {
      mnem (&o, s ? "negs" : "neg");
      opnd (&o, "%s", reg (b1, rd, sf, false));
    } else {
      opnd (&o, "%s", reg (b1, rd, sf, false));
      opnd (&o, "%s", reg (b2, rn, sf, false));
    }
    opnd (&o, "%s", reg (b3, rm, sf, false));
    if (amount)
      opnd (&o, "%s #%u", shift_names[type], amount);
    break;
  }
  case A64_FMT_ADDSUB_EXT: {
    unsigned option = (i >> 13) & 7, amount = (i >> 10) & 7;
    bool s = (i >> 29) & 1;
    if (s && rd == 31)
      mnem (&o, (i >> 30) & 1 ? "cmp" : "cmn");
    else
      opnd (&o, "%s", reg (b1, rd, sf, !s));
    opnd (&o, "%s", reg (b2, rn, sf, true));
    opnd (&o, "%s", reg (b3, rm, sf && (option & 3) == 3, false));
    if ((rd == 31 || rn == 31) && option == (sf ? 3u : 2u)) {
      if (amount)
        opnd (&o, "lsl #%u", amount);
    } else if (amount)
      opnd (&o, "%s #%u", extend_names[option], amount);
    else
      opnd (&o, "%s", extend_names[option]);
    break;
  }
  case A64_FMT_ADC:
    if ((i >> 30) & 1 && rn == 31) {
      mnem (&o, (i >> 29) & 1 ? "ngcs" : "ngc");
      opnd (&o, "%s", reg (b1, rd, sf, false));
    } else {
      opnd (&o, "%s", reg (b1, rd, sf, false));
      opnd (&o, "%s", reg (b2, rn, sf, false));
    }
    opnd (&o, "%s", reg (b3, rm, sf, false));
    break;
  case A64_FMT_CCMP:
    opnd (&o, "%s", reg (b1, rn, sf, false));
    if ((i >> 11) & 1)
      opnd (&o, "#0x%x", rm);
    else
      opnd (&o, "%s", reg (b2, rm, sf, false));
    opnd (&o, "#0x%x", i & 15);
    opnd (&o, "%s", a64_cond_names[(i >> 12) & 15]);
    break;
  case A64_FMT_CSEL: {
    unsigned cond = (i >> 12) & 15;
    bool inv = (i >> 30) & 1, inc = (i >> 10) & 1;
    if ((inc || inv) && rn == rm && (cond >> 1) != 7) {
      if (rn == 31 && !(inv && inc)) {
        mnem (&o, inv ? "csetm" : "cset");
        opnd (&o, "%s", reg (b1, rd, sf, false));
      } else {
        mnem (&o, inv && inc ? "cneg" : inv ? "cinv" : "cinc");
        opnd (&o, "%s", reg (b1, rd, sf, false));
        opnd (&o, "%s", reg (b2, rn, sf, false));
      }
      opnd (&o, "%s", a64_cond_names[cond ^ 1]);
      break;
    }
    opnd (&o, "%s", reg (b1, rd, sf, false));
    opnd (&o, "%s", reg (b2, rn, sf, false));
    opnd (&o, "%s", reg (b3, rm, sf, false));
    opnd (&o, "%s", a64_cond_names[cond]);
    break;
  }
  case A64_FMT_DP2:
    if (strncmp (op->name, "crc32", 5) == 0) {
      opnd (&o, "%s", reg (b1, rd, false, false));
      opnd (&o, "%s", reg (b2, rn, false, false));
      opnd (&o, "%s", reg (b3, rm, sf, false));
      break;
    }
    /* fall through */
  case A64_FMT_DP3: {
    bool long_form = op->fmt == A64_FMT_DP3 && (i >> 21) & 1 && ((i >> 22) & 1) == 0;
    bool no_acc = op->fmt == A64_FMT_DP3 && ra == 31;
    if (op->fmt == A64_FMT_DP3 && no_acc) {
      static const struct {
        const char *from, *to;
      } al[] = {
        { "madd", "mul" },      { "msub", "mneg" },    { "smaddl", "smull" },
        { "smsubl", "smnegl" }, { "umaddl", "umull" }, { "umsubl", "umnegl" },
      };
      for (unsigned k = 0; k < G_N_ELEMENTS (al); k++)
        if (strcmp (op->name, al[k].from) == 0)
          mnem (&o, al[k].to);
    }
    opnd (&o, "%s", reg (b1, rd, sf, false));
    opnd (&o, "%s", reg (b2, rn, sf && !long_form, false));
    opnd (&o, "%s", reg (b3, rm, sf && !long_form, false));
    if (op->fmt == A64_FMT_DP3 && !no_acc && strcmp (op->name, "smulh") != 0
        && strcmp (op->name, "umulh") != 0)
      opnd (&o, "%s", reg (b4, ra, sf, false));
    break;
  }
  case A64_FMT_DP1:
    opnd (&o, "%s", reg (b1, rd, sf, false));
    opnd (&o, "%s", reg (b2, rn, sf, false));
    break;
  case A64_FMT_FP_DP1:
  case A64_FMT_FP_DP2:
  case A64_FMT_FP_DP3:
  case A64_FMT_FP_CSEL:
  case A64_FMT_FP_CMP:
  case A64_FMT_FP_CCMP:
  case A64_FMT_FP_IMM: {
    unsigned type = (i >> 22) & 3, bytes = type == 0 ? 4 : type == 1 ? 8 : type == 3 ? 2 : 0;
    if (bytes == 0) {
      g_string_append_printf (text, ".inst   0x%08x ; undefined", i);
      return;
    }
    if (op->fmt == A64_FMT_FP_CMP || op->fmt == A64_FMT_FP_CCMP) {
      opnd (&o, "%s", vreg (b1, rn, bytes));
      if (op->fmt == A64_FMT_FP_CMP && ((i >> 3) & 1))
        opnd (&o, "#0.0");
      else
        opnd (&o, "%s", vreg (b2, rm, bytes));
      if (op->fmt == A64_FMT_FP_CCMP) {
        opnd (&o, "#0x%x", i & 15);
        opnd (&o, "%s", a64_cond_names[(i >> 12) & 15]);
      }
      break;
    }
    if (op->fmt == A64_FMT_FP_IMM) {
      unsigned imm8 = (i >> 13) & 0xff;
      double v = (imm8 & 0x80 ? -1.0 : 1.0) * (16 + (imm8 & 15)) / 16.0;
      int e = ((imm8 >> 4) & 7) ^ 4; /* exponent - 3 ... +4, biased */
      for (int k = e - 3; k > 0; k--)
        v *= 2;
      for (int k = e - 3; k < 0; k++)
        v /= 2;
      opnd (&o, "%s", vreg (b1, rd, bytes));
      opnd (&o, "#%.18e", v);
      break;
    }
    if (op->fmt == A64_FMT_FP_DP1 && strcmp (op->name, "fcvt") == 0) {
      unsigned opc = (i >> 15) & 3;
      opnd (&o, "%s", vreg (b1, rd, opc == 0 ? 4 : opc == 1 ? 8 : 2));
    } else
      opnd (&o, "%s", vreg (b1, rd, bytes));
    opnd (&o, "%s", vreg (b2, rn, bytes));
    if (op->fmt != A64_FMT_FP_DP1)
      opnd (&o, "%s", vreg (b3, rm, bytes));
    if (op->fmt == A64_FMT_FP_DP3)
      opnd (&o, "%s", vreg (b4, ra, bytes));
    if (op->fmt == A64_FMT_FP_CSEL)
      opnd (&o, "%s", a64_cond_names[(i >> 12) & 15]);
    break;
  }
  case A64_FMT_FP_CONV: {
    unsigned type = (i >> 22) & 3, rmode = (i >> 19) & 3, opc = (i >> 16) & 7;
    unsigned bytes = type == 0 ? 4 : type == 1 ? 8 : type == 3 ? 2 : 16;
    bool to_fp = opc == 2 || opc == 3 || opc == 7;
    const char *fp;
    if (bytes == 16) {
      if (rmode != 1 || opc < 6) {
        g_string_append_printf (text, ".inst   0x%08x ; undefined", i);
        return;
      }
      g_snprintf (b1, sizeof b1, "v%u.d[1]", to_fp ? rd : rn);
      fp = b1;
    } else
      fp = vreg (b1, to_fp ? rd : rn, bytes);
    if (to_fp) {
      opnd (&o, "%s", fp);
      opnd (&o, "%s", reg (b2, rn, sf, false));
    } else {
      opnd (&o, "%s", reg (b2, rd, sf, false));
      opnd (&o, "%s", fp);
    }
    break;
  }
  default: break;
  }
  finish (&o);
}

unsigned
a64_disas (MdlCpu *cpu, uint64_t pc, GString *text)
{
  A64Cpu *s = (A64Cpu *) cpu;
  uint32_t insn;

  if (!a64_peek_insn (s, pc, &insn)) {
    g_string_append (text, "<unmapped>");
    return 4;
  }
  a64_disas_insn (pc, insn, text);
  return 4;
}
