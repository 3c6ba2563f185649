/* Advanced SIMD floating point (single and double precision, and the
 * half-precision conversions fcvtn/fcvtl .4h/.8h): the rows of
 * a64_simd_fp_opcodes, their executors and their text.  a64_decode
 * searches this table after the main one and the SIMD integer one, so a
 * row here never shadows a scalar or integer instruction.
 *
 * Each row's variant holds its family (how the operands sit, which
 * executor) in bits 15:8 and the operation in bits 7:0.  The masks are
 * exact: the reserved size/Q combinations (.1d, a double by-element
 * index with L set, across-lanes on anything but .4s) match no row and
 * are UNDEFINED, as GNU objdump also says.
 *
 * Every lane goes through engine/softfloat.h with the status FPCR asks
 * for (rounding, FZ, DN), the flags of all lanes accumulating into FPSR.
 * Where the architecture defines a result outside IEEE arithmetic
 * (FMULX's 0 × ∞, FRECPS/FRSQRTS, the reciprocal and square-root
 * estimates of FRECPE/FRSQRTE, FRECPX) the ARM ARM's
 * pseudocode is followed, in integers.  A 64-bit vector (Q = 0) clears
 * the top half of its destination; a scalar clears all but its element.
 *
 * Also here, though they are scalar floating point: the conversions
 * between a general register and fixed point (scvtf d0, x1, #16;
 * fcvtzs w0, s1, #3), which the main table lacks.
 */
#include "aarch64-cpu.h"

#include <string.h>

#include "engine/softfloat.h"

/* Families: the operand layout, the executor and the text. */
enum {
  F_3V = 1, /* fadd v0.4s, v1.4s, v2.4s (and pairwise)      */
  F_3S,     /* fabd s0, s1, s2                               */
  F_PS,     /* faddp d0, v1.2d                               */
  F_2V,     /* fabs v0.4s, v1.4s; fcmeq v0.2d, v1.2d, #0.0   */
  F_2S,     /* fcvtzs s0, s1                                 */
  F_NV,     /* fcvtn/fcvtxn{2} v0.2s, v1.2d                  */
  F_LV,     /* fcvtl{2} v0.2d, v1.2s                         */
  F_XS,     /* fcvtxn s0, d1                                 */
  F_SHV,    /* scvtf v0.4s, v1.4s, #3                        */
  F_SHS,    /* fcvtzs d0, d1, #3                             */
  F_ELV,    /* fmla v0.4s, v1.4s, v2.s[3]                    */
  F_ELS,    /* fmul s0, s1, v2.s[1]                          */
  F_ACR,    /* fmaxv s0, v1.4s                               */
  F_IMM,    /* fmov v0.4s, #1.0                              */
  F_FXG,    /* scvtf d0, x1, #16; fcvtzs w0, s1, #3          */
  F_NH,     /* fcvtn{2} v0.4h, v1.4s                         */
  F_LH,     /* fcvtl{2} v0.4s, v1.4h                         */
};

/* Two-operand operations; PAIR marks the pairwise forms. */
enum {
  B_ADD,
  B_SUB,
  B_MUL,
  B_DIV,
  B_MLA,
  B_MLS,
  B_MULX,
  B_ABD,
  B_MAX,
  B_MIN,
  B_MAXNM,
  B_MINNM,
  B_CMEQ,
  B_CMGE,
  B_CMGT,
  B_ACGE,
  B_ACGT,
  B_RECPS,
  B_RSQRTS,
  PAIR = 0x40,
};

/* One-operand operations. */
enum {
  U_ABS,
  U_NEG,
  U_SQRT,
  U_RINTN,
  U_RINTP,
  U_RINTM,
  U_RINTZ,
  U_RINTA,
  U_RINTX,
  U_RINTI,
  U_CVTNS, /* the eight rounding conversions: signed, unsigned pairs */
  U_CVTNU,
  U_CVTPS,
  U_CVTPU,
  U_CVTMS,
  U_CVTMU,
  U_CVTZS,
  U_CVTZU,
  U_CVTAS,
  U_CVTAU,
  U_SCVTF,
  U_UCVTF,
  U_CMEQ0,
  U_CMGE0,
  U_CMGT0,
  U_CMLE0,
  U_CMLT0,
  U_RECPE,
  U_RSQRTE,
  U_RECPX,
  U_CVTN, /* narrowing: to nearest per FPCR, or to odd (fcvtxn) */
  U_CVTXN,
};

#define RD(i) ((i) &31)
#define RN(i) (((i) >> 5) & 31)
#define RM(i) (((i) >> 16) & 31)
#define Q(i)  (((i) >> 30) & 1)
#define SZ(i) (((i) >> 22) & 1)

#define SROW(mask, match, name, fam, op, ex)                                                       \
  {                                                                                                \
    mask, match, name, A64_FMT_SIMD_FP, ex, (fam) << 8 | (op)                                      \
  }

static void x_3v (A64Cpu *s, uint32_t insn);
static void x_3s (A64Cpu *s, uint32_t insn);
static void x_2v (A64Cpu *s, uint32_t insn);
static void x_2s (A64Cpu *s, uint32_t insn);
static void x_narrow (A64Cpu *s, uint32_t insn);
static void x_long (A64Cpu *s, uint32_t insn);
static void x_elem (A64Cpu *s, uint32_t insn);
static void x_across (A64Cpu *s, uint32_t insn);
static void x_imm (A64Cpu *s, uint32_t insn);
static void x_fixed_gp (A64Cpu *s, uint32_t insn);
static void x_narrow_half (A64Cpu *s, uint32_t insn);
static void x_long_half (A64Cpu *s, uint32_t insn);

/* Vector three-same: .2s/.4s (sz = 0), .2d (Q = 1, sz = 1). */
#define V3(u, a, opc, name, op)                                                                    \
  SROW (0xbfe0fc00, 0x0e200400 | (u) << 29 | (a) << 23 | (opc) << 11, name, F_3V, op, x_3v),       \
    SROW (0xffe0fc00, 0x4e600400 | (u) << 29 | (a) << 23 | (opc) << 11, name, F_3V, op, x_3v)
/* Scalar three-same: s or d. */
#define S3(u, a, opc, name, op)                                                                    \
  SROW (0xffa0fc00, 0x5e200400 | (u) << 29 | (a) << 23 | (opc) << 11, name, F_3S, op, x_3s)
/* Scalar pairwise (U = 1): s from .2s, d from .2d. */
#define SP(a, opc, name, op)                                                                       \
  SROW (0xffbffc00, 0x7e300800 | (a) << 23 | (opc) << 12, name, F_PS, (op) | PAIR, x_3s)
/* Vector two-register miscellaneous, both sizes, single only. */
#define V2(u, a, opc, name, op)                                                                    \
  SROW (0xbffffc00, 0x0e200800 | (u) << 29 | (a) << 23 | (opc) << 12, name, F_2V, op, x_2v),       \
    SROW (0xfffffc00, 0x4e600800 | (u) << 29 | (a) << 23 | (opc) << 12, name, F_2V, op, x_2v)
/* Scalar two-register miscellaneous. */
#define S2(u, a, opc, name, op)                                                                    \
  SROW (0xffbffc00, 0x5e200800 | (u) << 29 | (a) << 23 | (opc) << 12, name, F_2S, op, x_2s)
/* Conversion to/from fixed point: immh 01xx (single), 1xxx (double). */
#define SHV(u, opc, name, op)                                                                      \
  SROW (0xbfe0fc00, 0x0f200400 | (u) << 29 | (opc) << 11, name, F_SHV, op, x_2v),                  \
    SROW (0xffc0fc00, 0x4f400400 | (u) << 29 | (opc) << 11, name, F_SHV, op, x_2v)
#define SHS(u, opc, name, op)                                                                      \
  SROW (0xffe0fc00, 0x5f200400 | (u) << 29 | (opc) << 11, name, F_SHS, op, x_2s),                  \
    SROW (0xffc0fc00, 0x5f400400 | (u) << 29 | (opc) << 11, name, F_SHS, op, x_2s)
/* By element: single (index H:L), double (Q = 1, index H, L = 0). */
#define EV(u, opc, name, op)                                                                       \
  SROW (0xbfc0f400, 0x0f800000 | (u) << 29 | (opc) << 12, name, F_ELV, op, x_elem),                \
    SROW (0xffe0f400, 0x4fc00000 | (u) << 29 | (opc) << 12, name, F_ELV, op, x_elem)
#define ES(u, opc, name, op)                                                                       \
  SROW (0xffc0f400, 0x5f800000 | (u) << 29 | (opc) << 12, name, F_ELS, op, x_elem),                \
    SROW (0xffe0f400, 0x5fc00000 | (u) << 29 | (opc) << 12, name, F_ELS, op, x_elem)
/* Across lanes: .4s only. */
#define AC(a, opc, name, op)                                                                       \
  SROW (0xfffffc00, 0x6e300800 | (a) << 23 | (opc) << 12, name, F_ACR, op, x_across)

/* Scalar conversions between a general register and fixed point (not
 * Advanced SIMD, but missing from the scalar table): type single or
 * double (bit 22); a 32-bit integer needs scale >= 32. */
#define FXG(rop, name, op)                                                                         \
  SROW (0xffbf8000, 0x1e008000 | (rop) << 16, name, F_FXG, op, x_fixed_gp),                        \
    SROW (0xffbf0000, 0x9e000000 | (rop) << 16, name, F_FXG, op, x_fixed_gp)

/* clang-format off */
const A64Opcode a64_simd_fp_opcodes[] = {
  /* ---- three registers of the same type ---- */
  V3 (0, 0, 0x18, "fmaxnm", B_MAXNM),   V3 (0, 1, 0x18, "fminnm", B_MINNM),
  V3 (0, 0, 0x19, "fmla",   B_MLA),     V3 (0, 1, 0x19, "fmls",   B_MLS),
  V3 (0, 0, 0x1a, "fadd",   B_ADD),     V3 (0, 1, 0x1a, "fsub",   B_SUB),
  V3 (0, 0, 0x1b, "fmulx",  B_MULX),
  V3 (0, 0, 0x1c, "fcmeq",  B_CMEQ),
  V3 (0, 0, 0x1e, "fmax",   B_MAX),     V3 (0, 1, 0x1e, "fmin",   B_MIN),
  V3 (0, 0, 0x1f, "frecps", B_RECPS),   V3 (0, 1, 0x1f, "frsqrts", B_RSQRTS),
  V3 (1, 0, 0x18, "fmaxnmp", B_MAXNM | PAIR), V3 (1, 1, 0x18, "fminnmp", B_MINNM | PAIR),
  V3 (1, 0, 0x1a, "faddp",  B_ADD | PAIR), V3 (1, 1, 0x1a, "fabd", B_ABD),
  V3 (1, 0, 0x1b, "fmul",   B_MUL),
  V3 (1, 0, 0x1c, "fcmge",  B_CMGE),    V3 (1, 1, 0x1c, "fcmgt",  B_CMGT),
  V3 (1, 0, 0x1d, "facge",  B_ACGE),    V3 (1, 1, 0x1d, "facgt",  B_ACGT),
  V3 (1, 0, 0x1e, "fmaxp",  B_MAX | PAIR), V3 (1, 1, 0x1e, "fminp", B_MIN | PAIR),
  V3 (1, 0, 0x1f, "fdiv",   B_DIV),
  S3 (0, 0, 0x1b, "fmulx",  B_MULX),
  S3 (0, 0, 0x1c, "fcmeq",  B_CMEQ),
  S3 (0, 0, 0x1f, "frecps", B_RECPS),   S3 (0, 1, 0x1f, "frsqrts", B_RSQRTS),
  S3 (1, 0, 0x1c, "fcmge",  B_CMGE),    S3 (1, 1, 0x1c, "fcmgt",  B_CMGT),
  S3 (1, 0, 0x1d, "facge",  B_ACGE),    S3 (1, 1, 0x1d, "facgt",  B_ACGT),
  S3 (1, 1, 0x1a, "fabd",   B_ABD),
  SP (0, 0x0c, "fmaxnmp", B_MAXNM),     SP (1, 0x0c, "fminnmp", B_MINNM),
  SP (0, 0x0d, "faddp",   B_ADD),
  SP (0, 0x0f, "fmaxp",   B_MAX),       SP (1, 0x0f, "fminp",   B_MIN),

  /* ---- two-register miscellaneous ---- */
  V2 (0, 1, 0x0c, "fcmgt",  U_CMGT0),   V2 (0, 1, 0x0d, "fcmeq",  U_CMEQ0),
  V2 (0, 1, 0x0e, "fcmlt",  U_CMLT0),   V2 (1, 1, 0x0c, "fcmge",  U_CMGE0),
  V2 (1, 1, 0x0d, "fcmle",  U_CMLE0),
  V2 (0, 1, 0x0f, "fabs",   U_ABS),     V2 (1, 1, 0x0f, "fneg",   U_NEG),
  V2 (1, 1, 0x1f, "fsqrt",  U_SQRT),
  V2 (0, 0, 0x18, "frintn", U_RINTN),   V2 (0, 0, 0x19, "frintm", U_RINTM),
  V2 (0, 1, 0x18, "frintp", U_RINTP),   V2 (0, 1, 0x19, "frintz", U_RINTZ),
  V2 (1, 0, 0x18, "frinta", U_RINTA),   V2 (1, 0, 0x19, "frintx", U_RINTX),
  V2 (1, 1, 0x19, "frinti", U_RINTI),
  V2 (0, 0, 0x1a, "fcvtns", U_CVTNS),   V2 (1, 0, 0x1a, "fcvtnu", U_CVTNU),
  V2 (0, 0, 0x1b, "fcvtms", U_CVTMS),   V2 (1, 0, 0x1b, "fcvtmu", U_CVTMU),
  V2 (0, 0, 0x1c, "fcvtas", U_CVTAS),   V2 (1, 0, 0x1c, "fcvtau", U_CVTAU),
  V2 (0, 1, 0x1a, "fcvtps", U_CVTPS),   V2 (1, 1, 0x1a, "fcvtpu", U_CVTPU),
  V2 (0, 1, 0x1b, "fcvtzs", U_CVTZS),   V2 (1, 1, 0x1b, "fcvtzu", U_CVTZU),
  V2 (0, 0, 0x1d, "scvtf",  U_SCVTF),   V2 (1, 0, 0x1d, "ucvtf",  U_UCVTF),
  V2 (0, 1, 0x1d, "frecpe", U_RECPE),   V2 (1, 1, 0x1d, "frsqrte", U_RSQRTE),
  SROW (0xfffffc00, 0x0e616800, "fcvtn",   F_NV, U_CVTN, x_narrow),
  SROW (0xfffffc00, 0x4e616800, "fcvtn2",  F_NV, U_CVTN, x_narrow),
  SROW (0xfffffc00, 0x2e616800, "fcvtxn",  F_NV, U_CVTXN, x_narrow),
  SROW (0xfffffc00, 0x6e616800, "fcvtxn2", F_NV, U_CVTXN, x_narrow),
  SROW (0xfffffc00, 0x0e617800, "fcvtl",   F_LV, 0, x_long),
  SROW (0xfffffc00, 0x4e617800, "fcvtl2",  F_LV, 0, x_long),
  SROW (0xfffffc00, 0x0e216800, "fcvtn",   F_NH, 0, x_narrow_half),
  SROW (0xfffffc00, 0x4e216800, "fcvtn2",  F_NH, 0, x_narrow_half),
  SROW (0xfffffc00, 0x0e217800, "fcvtl",   F_LH, 0, x_long_half),
  SROW (0xfffffc00, 0x4e217800, "fcvtl2",  F_LH, 0, x_long_half),
  S2 (0, 1, 0x0c, "fcmgt",  U_CMGT0),   S2 (0, 1, 0x0d, "fcmeq",  U_CMEQ0),
  S2 (0, 1, 0x0e, "fcmlt",  U_CMLT0),   S2 (1, 1, 0x0c, "fcmge",  U_CMGE0),
  S2 (1, 1, 0x0d, "fcmle",  U_CMLE0),
  S2 (0, 0, 0x1a, "fcvtns", U_CVTNS),   S2 (1, 0, 0x1a, "fcvtnu", U_CVTNU),
  S2 (0, 0, 0x1b, "fcvtms", U_CVTMS),   S2 (1, 0, 0x1b, "fcvtmu", U_CVTMU),
  S2 (0, 0, 0x1c, "fcvtas", U_CVTAS),   S2 (1, 0, 0x1c, "fcvtau", U_CVTAU),
  S2 (0, 1, 0x1a, "fcvtps", U_CVTPS),   S2 (1, 1, 0x1a, "fcvtpu", U_CVTPU),
  S2 (0, 1, 0x1b, "fcvtzs", U_CVTZS),   S2 (1, 1, 0x1b, "fcvtzu", U_CVTZU),
  S2 (0, 0, 0x1d, "scvtf",  U_SCVTF),   S2 (1, 0, 0x1d, "ucvtf",  U_UCVTF),
  S2 (0, 1, 0x1d, "frecpe", U_RECPE),   S2 (1, 1, 0x1d, "frsqrte", U_RSQRTE),
  S2 (0, 1, 0x1f, "frecpx", U_RECPX),
  SROW (0xfffffc00, 0x7e616800, "fcvtxn",  F_XS, U_CVTXN, x_2s),

  /* ---- fixed point (shift by immediate) ---- */
  SHV (0, 0x1c, "scvtf",  U_SCVTF),     SHV (1, 0x1c, "ucvtf",  U_UCVTF),
  SHV (0, 0x1f, "fcvtzs", U_CVTZS),     SHV (1, 0x1f, "fcvtzu", U_CVTZU),
  SHS (0, 0x1c, "scvtf",  U_SCVTF),     SHS (1, 0x1c, "ucvtf",  U_UCVTF),
  SHS (0, 0x1f, "fcvtzs", U_CVTZS),     SHS (1, 0x1f, "fcvtzu", U_CVTZU),

  /* ---- by element ---- */
  EV (0, 0x1, "fmla",  B_MLA),          EV (0, 0x5, "fmls",  B_MLS),
  EV (0, 0x9, "fmul",  B_MUL),          EV (1, 0x9, "fmulx", B_MULX),
  ES (0, 0x1, "fmla",  B_MLA),          ES (0, 0x5, "fmls",  B_MLS),
  ES (0, 0x9, "fmul",  B_MUL),          ES (1, 0x9, "fmulx", B_MULX),

  /* ---- across lanes ---- */
  AC (0, 0x0c, "fmaxnmv", B_MAXNM),     AC (1, 0x0c, "fminnmv", B_MINNM),
  AC (0, 0x0f, "fmaxv",   B_MAX),       AC (1, 0x0f, "fminv",   B_MIN),

  /* ---- modified immediate: op = 0 (or 1 with Q = 1), cmode = 1111, o2 = 0 ---- */
  SROW (0xbff8fc00, 0x0f00f400, "fmov", F_IMM, 0, x_imm),
  SROW (0xfff8fc00, 0x6f00f400, "fmov", F_IMM, 1, x_imm),

  /* ---- scalar: general register <-> fixed point (rmode:opcode) ---- */
  FXG (0x02, "scvtf",  U_SCVTF),        FXG (0x03, "ucvtf",  U_UCVTF),
  FXG (0x18, "fcvtzs", U_CVTZS),        FXG (0x19, "fcvtzu", U_CVTZU),
};
/* clang-format on */

const unsigned a64_n_simd_fp_opcodes = G_N_ELEMENTS (a64_simd_fp_opcodes);

/* ---- lanes ---- */

static inline uint64_t
elem (const uint64_t v[2], bool dbl, unsigned i)
{
  return dbl ? v[i & 1] : (uint32_t) (v[(i >> 1) & 1] >> (32 * (i & 1)));
}

static inline void
set_elem (uint64_t v[2], bool dbl, unsigned i, uint64_t x)
{
  if (dbl) {
    v[i & 1] = x;
    return;
  }
  unsigned sh = 32 * (i & 1);
  v[(i >> 1) & 1]
    = (v[(i >> 1) & 1] & ~(UINT64_C (0xffffffff) << sh)) | ((uint64_t) (uint32_t) x << sh);
}

static inline unsigned
lanes (uint32_t insn, bool dbl)
{
  return dbl ? 2 : Q (insn) ? 4 : 2;
}

/* ---- one lane ---- */

static inline uint64_t
sign_of (bool dbl)
{
  return dbl ? UINT64_C (1) << 63 : UINT64_C (1) << 31;
}

static inline unsigned
frac_bits (bool dbl)
{
  return dbl ? 52 : 23;
}

static inline unsigned
exp_max (bool dbl)
{
  return dbl ? 0x7ff : 0xff;
}

static inline unsigned
exp_of (bool dbl, uint64_t a)
{
  return (unsigned) (a >> frac_bits (dbl)) & exp_max (dbl);
}

static inline uint64_t
frac_of (bool dbl, uint64_t a)
{
  return a & ((UINT64_C (1) << frac_bits (dbl)) - 1);
}

static inline bool
is_nan (bool dbl, uint64_t a)
{
  return exp_of (dbl, a) == exp_max (dbl) && frac_of (dbl, a) != 0;
}

static inline bool
is_snan (bool dbl, uint64_t a)
{
  return is_nan (dbl, a) && !((a >> (frac_bits (dbl) - 1)) & 1);
}

static inline bool
is_inf (bool dbl, uint64_t a)
{
  return exp_of (dbl, a) == exp_max (dbl) && frac_of (dbl, a) == 0;
}

static inline bool
is_zero (bool dbl, uint64_t a)
{
  return (a & ~sign_of (dbl)) == 0;
}

/* FZ reads a subnormal input as a zero of its sign (IDC). */
static uint64_t
flush_in (MdlFpStatus *st, bool dbl, uint64_t a)
{
  if (st->flush_to_zero && exp_of (dbl, a) == 0 && frac_of (dbl, a) != 0) {
    st->flags |= MDL_FP_ID;
    return a & sign_of (dbl);
  }
  return a;
}

/* FPProcessNaN for one operand: quietened, or the default NaN. */
static uint64_t
process_nan (MdlFpStatus *st, bool dbl, uint64_t a)
{
  if (is_snan (dbl, a)) {
    st->flags |= MDL_FP_NV;
    a |= UINT64_C (1) << (frac_bits (dbl) - 1);
  }
  if (st->nan_mode == MDL_FP_NAN_CANONICAL)
    return dbl ? MDL_F64_DEFAULT_NAN : MDL_F32_DEFAULT_NAN;
  return a;
}

static inline uint64_t
ones (bool dbl)
{
  return dbl ? UINT64_MAX : UINT32_MAX;
}

static uint64_t
add (MdlFpStatus *st, bool dbl, uint64_t a, uint64_t b)
{
  return dbl ? mdl_f64_add (st, a, b) : mdl_f32_add (st, (uint32_t) a, (uint32_t) b);
}

static uint64_t
sub (MdlFpStatus *st, bool dbl, uint64_t a, uint64_t b)
{
  return dbl ? mdl_f64_sub (st, a, b) : mdl_f32_sub (st, (uint32_t) a, (uint32_t) b);
}

static uint64_t
mul (MdlFpStatus *st, bool dbl, uint64_t a, uint64_t b)
{
  return dbl ? mdl_f64_mul (st, a, b) : mdl_f32_mul (st, (uint32_t) a, (uint32_t) b);
}

static uint64_t
muladd (MdlFpStatus *st, bool dbl, uint64_t a, uint64_t b, uint64_t c, int scale)
{
  return dbl ? mdl_f64_muladd_scaled (st, a, b, c, scale)
             : mdl_f32_muladd_scaled (st, (uint32_t) a, (uint32_t) b, (uint32_t) c, scale);
}

static bool
cmp (MdlFpStatus *st, bool dbl, int kind, uint64_t a, uint64_t b)
{
  switch (kind) {
  case 0: return dbl ? mdl_f64_eq (st, a, b) : mdl_f32_eq (st, (uint32_t) a, (uint32_t) b);
  case 1: return dbl ? mdl_f64_le (st, a, b) : mdl_f32_le (st, (uint32_t) a, (uint32_t) b);
  default: return dbl ? mdl_f64_lt (st, a, b) : mdl_f32_lt (st, (uint32_t) a, (uint32_t) b);
  }
}

/* 0 × ∞ in FMULX, FRECPS, FRSQRTS (after FZ has read the inputs). */
static bool
inf_times_zero (bool dbl, uint64_t a, uint64_t b)
{
  return (is_inf (dbl, a) && is_zero (dbl, b)) || (is_zero (dbl, a) && is_inf (dbl, b));
}

/* @a op @b; @d is the accumulator of fmla/fmls. */
static uint64_t
binop (MdlFpStatus *st, bool dbl, unsigned op, uint64_t a, uint64_t b, uint64_t d)
{
  uint64_t sgn = sign_of (dbl);
  /* 2.0, 3.0, 1.5 */
  uint64_t two = dbl ? UINT64_C (0x4000000000000000) : 0x40000000u;
  uint64_t three = dbl ? UINT64_C (0x4008000000000000) : 0x40400000u;
  uint64_t onehalf = dbl ? UINT64_C (0x3ff8000000000000) : 0x3fc00000u;

  switch (op & ~PAIR) {
  case B_ADD: return add (st, dbl, a, b);
  case B_SUB: return sub (st, dbl, a, b);
  case B_MUL: return mul (st, dbl, a, b);
  case B_DIV: return dbl ? mdl_f64_div (st, a, b) : mdl_f32_div (st, (uint32_t) a, (uint32_t) b);
  case B_MLA: return muladd (st, dbl, a, b, d, 0);
  case B_MLS: return muladd (st, dbl, a ^ sgn, b, d, 0);
  case B_MULX:
    a = flush_in (st, dbl, a);
    b = flush_in (st, dbl, b);
    if (inf_times_zero (dbl, a, b))
      return two | ((a ^ b) & sgn);
    return mul (st, dbl, a, b);
  case B_ABD: return sub (st, dbl, a, b) & ~sgn;
  case B_MAX: return a64_fminmax (st, dbl, a, b, true, false);
  case B_MIN: return a64_fminmax (st, dbl, a, b, false, false);
  case B_MAXNM: return a64_fminmax (st, dbl, a, b, true, true);
  case B_MINNM: return a64_fminmax (st, dbl, a, b, false, true);
  case B_CMEQ: return cmp (st, dbl, 0, a, b) ? ones (dbl) : 0;
  case B_CMGE: return cmp (st, dbl, 1, b, a) ? ones (dbl) : 0;
  case B_CMGT: return cmp (st, dbl, 2, b, a) ? ones (dbl) : 0;
  case B_ACGE: return cmp (st, dbl, 1, b & ~sgn, a & ~sgn) ? ones (dbl) : 0;
  case B_ACGT: return cmp (st, dbl, 2, b & ~sgn, a & ~sgn) ? ones (dbl) : 0;
  case B_RECPS:
  case B_RSQRTS: {
    bool rs = (op & ~PAIR) == B_RSQRTS;
    a = flush_in (st, dbl, a) ^ sgn;
    b = flush_in (st, dbl, b);
    if (inf_times_zero (dbl, a, b))
      return rs ? onehalf : two;
    return muladd (st, dbl, a, b, rs ? three : two, rs ? -1 : 0);
  }
  default: return 0;
  }
}

/* RecipEstimate: @a in 256..511 (units of 1/512), the reciprocal in
 * 256..511 (units of 1/256). */
static unsigned
recip_estimate (unsigned a)
{
  unsigned b;

  a = a * 2 + 1;
  b = (1u << 19) / a;
  return (b + 1) / 2;
}

/* RecipSqrtEstimate: @a in 128..511. */
static unsigned
rsqrt_estimate (unsigned a)
{
  unsigned b = 512;

  if (a < 256)
    a = a * 2 + 1;
  else
    a = ((a >> 1) << 1) * 2 + 2;
  while ((uint64_t) a * (b + 1) * (b + 1) < (UINT64_C (1) << 28))
    b++;
  return (b + 1) / 2;
}

static uint64_t
recpe (MdlFpStatus *st, bool dbl, uint64_t a)
{
  bool sign;
  unsigned fb = frac_bits (dbl), est;
  int e, rexp, off = dbl ? 2045 : 253;
  uint64_t frac, rfrac;

  a = flush_in (st, dbl, a);
  sign = (a & sign_of (dbl)) != 0;
  if (is_nan (dbl, a))
    return process_nan (st, dbl, a);
  if (is_inf (dbl, a))
    return a & sign_of (dbl);
  if (is_zero (dbl, a)) {
    st->flags |= MDL_FP_DZ;
    return a | ((uint64_t) exp_max (dbl) << fb);
  }
  /* |a| < 2^-(bias + 1): the reciprocal overflows */
  if ((a & ~sign_of (dbl)) < (UINT64_C (1) << (fb - 2))) {
    int rm = st->round;
    bool to_inf = rm == MDL_FP_RNE || (rm == MDL_FP_RUP && !sign) || (rm == MDL_FP_RDN && sign);
    st->flags |= MDL_FP_OF | MDL_FP_NX;
    return (a & sign_of (dbl)) | (((uint64_t) exp_max (dbl) << fb) - (to_inf ? 0 : 1));
  }
  e = (int) exp_of (dbl, a);
  if (st->flush_to_zero && e >= off) {
    st->flags |= MDL_FP_UF;
    return a & sign_of (dbl);
  }
  frac = frac_of (dbl, a) << (52 - fb);
  if (e == 0) {
    if (!((frac >> 51) & 1)) {
      e = -1;
      frac <<= 2;
    } else
      frac <<= 1;
  }
  est = recip_estimate (256 | (unsigned) ((frac >> 44) & 0xff));
  rexp = off - e;
  rfrac = (uint64_t) (est & 0xff) << 44;
  if (rexp == 0)
    rfrac = (rfrac >> 1) | (UINT64_C (1) << 51);
  else if (rexp == -1) {
    rfrac = (rfrac >> 2) | (UINT64_C (1) << 50);
    rexp = 0;
  }
  return (a & sign_of (dbl)) | ((uint64_t) rexp << fb) | (rfrac >> (52 - fb));
}

static uint64_t
rsqrte (MdlFpStatus *st, bool dbl, uint64_t a)
{
  unsigned fb = frac_bits (dbl), est, scaled;
  int e;
  uint64_t frac;

  a = flush_in (st, dbl, a);
  if (is_nan (dbl, a))
    return process_nan (st, dbl, a);
  if (is_zero (dbl, a)) {
    st->flags |= MDL_FP_DZ;
    return a | ((uint64_t) exp_max (dbl) << fb);
  }
  if (a & sign_of (dbl)) {
    st->flags |= MDL_FP_NV;
    return dbl ? MDL_F64_DEFAULT_NAN : MDL_F32_DEFAULT_NAN;
  }
  if (is_inf (dbl, a))
    return 0;
  e = (int) exp_of (dbl, a);
  frac = frac_of (dbl, a) << (52 - fb);
  if (e == 0) {
    while (!((frac >> 51) & 1)) {
      frac <<= 1;
      e--;
    }
    frac = (frac << 1) & ((UINT64_C (1) << 52) - 1);
  }
  if (e & 1)
    scaled = 128 | (unsigned) ((frac >> 45) & 0x7f);
  else
    scaled = 256 | (unsigned) ((frac >> 44) & 0xff);
  est = rsqrt_estimate (scaled);
  e = ((dbl ? 3068 : 380) - e) / 2;
  return ((uint64_t) e << fb) | ((uint64_t) (est & 0xff) << (fb - 8));
}

static uint64_t
recpx (MdlFpStatus *st, bool dbl, uint64_t a)
{
  unsigned e;

  if (is_nan (dbl, a))
    return process_nan (st, dbl, a);
  a = flush_in (st, dbl, a);
  e = exp_of (dbl, a);
  e = e == 0 ? exp_max (dbl) - 1 : ~e & exp_max (dbl);
  return (a & sign_of (dbl)) | ((uint64_t) e << frac_bits (dbl));
}

/* The rounding of frint*, fcvt*: n, p, m, z, a. */
static MdlFpRound
mode_of (unsigned k)
{
  static const uint8_t m[5] = { MDL_FP_RNE, MDL_FP_RUP, MDL_FP_RDN, MDL_FP_RTZ, MDL_FP_RMM };
  return m[k];
}

/* @op on @a; @fbits for the fixed-point conversions. */
static uint64_t
unop (MdlFpStatus *st, bool dbl, unsigned op, uint64_t a, int fbits)
{
  uint64_t sgn = sign_of (dbl);

  switch (op) {
  case U_ABS: return a & ~sgn;
  case U_NEG: return a ^ sgn;
  case U_SQRT: return dbl ? mdl_f64_sqrt (st, a) : mdl_f32_sqrt (st, (uint32_t) a);
  case U_RINTN:
  case U_RINTP:
  case U_RINTM:
  case U_RINTZ:
  case U_RINTA:
  case U_RINTX:
  case U_RINTI: {
    MdlFpRound m = op <= U_RINTA ? mode_of (op - U_RINTN) : (MdlFpRound) st->round;
    return dbl ? mdl_f64_round_int (st, a, m, op == U_RINTX)
               : mdl_f32_round_int (st, (uint32_t) a, m, op == U_RINTX);
  }
  case U_CVTNS:
  case U_CVTNU:
  case U_CVTPS:
  case U_CVTPU:
  case U_CVTMS:
  case U_CVTMU:
  case U_CVTZS:
  case U_CVTZU:
  case U_CVTAS:
  case U_CVTAU: {
    MdlFpRound m = mode_of ((op - U_CVTNS) / 2);
    bool is_signed = !((op - U_CVTNS) & 1);
    /* a NaN converts to 0 (FPToFixed) */
    if (is_nan (dbl, a)) {
      st->flags |= MDL_FP_NV;
      return 0;
    }
    return dbl ? mdl_f64_to_fixed (st, a, fbits, m, is_signed, 64)
               : (uint32_t) mdl_f32_to_fixed (st, (uint32_t) a, fbits, m, is_signed, 32);
  }
  case U_SCVTF:
    return dbl ? mdl_i64_to_f64_fixed (st, (int64_t) a, fbits)
               : mdl_i64_to_f32_fixed (st, (int32_t) (uint32_t) a, fbits);
  case U_UCVTF:
    return dbl ? mdl_u64_to_f64_fixed (st, a, fbits)
               : mdl_u64_to_f32_fixed (st, (uint32_t) a, fbits);
  case U_CMEQ0: return cmp (st, dbl, 0, a, 0) ? ones (dbl) : 0;
  case U_CMGE0: return cmp (st, dbl, 1, 0, a) ? ones (dbl) : 0;
  case U_CMGT0: return cmp (st, dbl, 2, 0, a) ? ones (dbl) : 0;
  case U_CMLE0: return cmp (st, dbl, 1, a, 0) ? ones (dbl) : 0;
  case U_CMLT0: return cmp (st, dbl, 2, a, 0) ? ones (dbl) : 0;
  case U_RECPE: return recpe (st, dbl, a);
  case U_RSQRTE: return rsqrte (st, dbl, a);
  case U_RECPX: return recpx (st, dbl, a);
  case U_CVTN: return mdl_f64_to_f32 (st, a);
  case U_CVTXN: {
    uint8_t saved = st->round;
    uint64_t r;
    st->round = MDL_FP_ROD;
    r = mdl_f64_to_f32 (st, a);
    st->round = saved;
    return r;
  }
  default: return 0;
  }
}

/* ---- executors ---- */

static inline unsigned
op_of (const A64Opcode *row)
{
  return row->variant & 0xff;
}

static inline unsigned
fam_of (const A64Opcode *row)
{
  return row->variant >> 8;
}

/* An executor learns its operation from the bits that tell the rows of
 * its family apart: U, bit 23 and the opcode field (15:11 for the
 * three-same and fixed-point rows, 16:12 for the others; by element
 * 15:12 with bit 23 always set).  The table is built once from the rows
 * themselves, so that execution never searches the decode tables. */
static unsigned
key_of (unsigned fam, uint32_t insn)
{
  unsigned u = (insn >> 29) & 1, a = (insn >> 23) & 1;

  switch (fam) {
  case F_3V:
  case F_3S: return u << 7 | a << 6 | ((insn >> 11) & 0x1f);
  case F_SHV:
  case F_SHS: return u << 7 | ((insn >> 11) & 0x1f);
  case F_ELV:
  case F_ELS: return u << 7 | ((insn >> 12) & 0xf);
  default: return u << 7 | a << 6 | ((insn >> 12) & 0x1f);
  }
}

#define N_FAMILIES (F_LH + 1)
static uint8_t op_table[N_FAMILIES][256];

static void
build_op_table (void)
{
  static gsize done;

  if (g_once_init_enter (&done)) {
    for (unsigned i = 0; i < a64_n_simd_fp_opcodes; i++) {
      const A64Opcode *row = &a64_simd_fp_opcodes[i];
      unsigned fam = fam_of (row);
      op_table[fam][key_of (fam, row->match)] = (uint8_t) op_of (row);
    }
    g_once_init_leave (&done, 1);
  }
}

static inline unsigned
op_in (unsigned fam, uint32_t insn)
{
  build_op_table ();
  return op_table[fam][key_of (fam, insn)];
}

static bool
begin (A64Cpu *s, MdlFpStatus *st)
{
  if (!a64_fp_access (s))
    return false;
  a64_fp_status (s, st);
  return true;
}

static void
finish (A64Cpu *s, MdlFpStatus *st, unsigned rd, const uint64_t r[2])
{
  a64_fp_flags (s, st);
  s->v[rd][0] = r[0];
  s->v[rd][1] = r[1];
}

static void
x_3v (A64Cpu *s, uint32_t insn)
{
  unsigned op = op_in (F_3V, insn);
  bool dbl = SZ (insn);
  unsigned n = lanes (insn, dbl), half = n / 2;
  uint64_t a[2], b[2], d[2], r[2] = { 0, 0 };
  MdlFpStatus st;

  if (!begin (s, &st))
    return;
  memcpy (a, s->v[RN (insn)], sizeof a);
  memcpy (b, s->v[RM (insn)], sizeof b);
  memcpy (d, s->v[RD (insn)], sizeof d);
  for (unsigned i = 0; i < n; i++) {
    uint64_t x, y;
    if (op & PAIR) {
      const uint64_t *src = i < half ? a : b;
      unsigned j = 2 * (i % half);
      x = elem (src, dbl, j);
      y = elem (src, dbl, j + 1);
    } else {
      x = elem (a, dbl, i);
      y = elem (b, dbl, i);
    }
    set_elem (r, dbl, i, binop (&st, dbl, op, x, y, elem (d, dbl, i)));
  }
  finish (s, &st, RD (insn), r);
}

/* Scalar three-same and scalar pairwise. */
static void
x_3s (A64Cpu *s, uint32_t insn)
{
  bool pair = ((insn >> 10) & 3) == 2; /* scalar pairwise */
  unsigned op = pair ? op_in (F_PS, insn) : op_in (F_3S, insn);
  bool dbl = SZ (insn);
  uint64_t x, y, r[2] = { 0, 0 };
  MdlFpStatus st;

  if (!begin (s, &st))
    return;
  if (pair) {
    x = elem (s->v[RN (insn)], dbl, 0);
    y = elem (s->v[RN (insn)], dbl, 1);
  } else {
    x = elem (s->v[RN (insn)], dbl, 0);
    y = elem (s->v[RM (insn)], dbl, 0);
  }
  r[0] = binop (&st, dbl, op, x, y, 0);
  finish (s, &st, RD (insn), r);
}

/* The fraction bits of a fixed-point row (immh:immb). */
static int
fbits_of (uint32_t insn, bool dbl)
{
  return (dbl ? 128 : 64) - (int) ((insn >> 16) & 0x7f);
}

/* Bits 28:24 tell the fixed-point rows (11111, 01111) from the
 * two-register ones (11110, 01110). */
static inline bool
is_fixed (uint32_t insn)
{
  return (insn >> 24) & 1;
}

static void
x_2v (A64Cpu *s, uint32_t insn)
{
  bool fixed = is_fixed (insn);
  unsigned op = op_in (fixed ? F_SHV : F_2V, insn);
  bool dbl = SZ (insn);
  unsigned n = lanes (insn, dbl);
  int fbits = fixed ? fbits_of (insn, dbl) : 0;
  uint64_t a[2], r[2] = { 0, 0 };
  MdlFpStatus st;

  if (!begin (s, &st))
    return;
  memcpy (a, s->v[RN (insn)], sizeof a);
  for (unsigned i = 0; i < n; i++)
    set_elem (r, dbl, i, unop (&st, dbl, op, elem (a, dbl, i), fbits));
  finish (s, &st, RD (insn), r);
}

static void
x_2s (A64Cpu *s, uint32_t insn)
{
  bool fixed = is_fixed (insn);
  unsigned op = op_in (fixed ? F_SHS : F_2S, insn);
  bool dbl = SZ (insn);
  int fbits = fixed ? fbits_of (insn, dbl) : 0;
  uint64_t r[2] = { 0, 0 };
  MdlFpStatus st;

  if (!begin (s, &st))
    return;
  if (!fixed && ((insn >> 12) & 0x1f) == 0x16) /* fcvtxn: s from d */
    r[0] = unop (&st, true, U_CVTXN, s->v[RN (insn)][0], 0);
  else
    r[0] = unop (&st, dbl, op, elem (s->v[RN (insn)], dbl, 0), fbits);
  finish (s, &st, RD (insn), r);
}

/* fcvtn/fcvtxn: two doubles to two singles in the low half (Q = 0, the
 * top half cleared) or the top half (Q = 1, the low half kept). */
static void
x_narrow (A64Cpu *s, uint32_t insn)
{
  unsigned op = (insn >> 29) & 1 ? U_CVTXN : U_CVTN, rd = RD (insn);
  uint64_t a[2], r[2], lo;
  MdlFpStatus st;

  if (!begin (s, &st))
    return;
  memcpy (a, s->v[RN (insn)], sizeof a);
  lo = unop (&st, true, op, a[0], 0);
  lo |= unop (&st, true, op, a[1], 0) << 32;
  if (Q (insn)) {
    r[0] = s->v[rd][0];
    r[1] = lo;
  } else {
    r[0] = lo;
    r[1] = 0;
  }
  finish (s, &st, rd, r);
}

/* fcvtl: the low (Q = 0) or high pair of singles to two doubles. */
static void
x_long (A64Cpu *s, uint32_t insn)
{
  uint64_t src = s->v[RN (insn)][Q (insn)], r[2];
  MdlFpStatus st;

  if (!begin (s, &st))
    return;
  r[0] = mdl_f32_to_f64 (&st, (uint32_t) src);
  r[1] = mdl_f32_to_f64 (&st, (uint32_t) (src >> 32));
  finish (s, &st, RD (insn), r);
}

/* Half precision (the only half-precision arithmetic of ARMv8.0): FZ
 * reads a single input as zero but never flushes a half (FZ16 does, and
 * ARMv8.0 has none); FPCR.AHP selects Arm's alternative format, with no
 * infinities or NaNs and exponent 31 a normal one (up to 131008). */
static bool
ahp (const A64Cpu *s)
{
  return (s->fpcr >> 26) & 1;
}

static uint32_t
single_to_half (MdlFpStatus *st, bool alt, uint32_t a)
{
  bool ftz = st->flush_to_zero;
  uint32_t sign = (a >> 16) & 0x8000, r;

  a = (uint32_t) flush_in (st, false, a);
  st->flush_to_zero = false;
  if (!alt || is_zero (false, a))
    r = mdl_f32_to_f16 (st, a);
  else if (is_nan (false, a) || is_inf (false, a)) {
    st->flags |= MDL_FP_NV;
    r = is_nan (false, a) ? sign : sign | 0x7fff;
  } else if (exp_of (false, a) < 127 + 15)
    r = mdl_f32_to_f16 (st, a); /* below 2^15: the formats agree */
  else {
    /* Half of it rounds as IEEE's top binade; the exponent one above. */
    MdlFpStatus t = *st;
    t.flags = 0;
    r = mdl_f32_to_f16 (&t, a - (1u << 23));
    if (t.flags & MDL_FP_OF) {
      st->flags |= MDL_FP_NV;
      r = sign | 0x7fff;
    } else {
      st->flags |= t.flags;
      r += 1u << 10;
    }
  }
  st->flush_to_zero = ftz;
  return r;
}

static uint32_t
half_to_single (MdlFpStatus *st, bool alt, uint32_t h)
{
  bool ftz = st->flush_to_zero;
  uint32_t r;

  if (alt && ((h >> 10) & 31) == 31) /* 2^16 * 1.frac: exact */
    return (h & 0x8000u) << 16 | (127u + 16) << 23 | (h & 0x3ffu) << 13;
  st->flush_to_zero = false;
  r = mdl_f16_to_f32 (st, (uint16_t) h);
  st->flush_to_zero = ftz;
  return r;
}

/* fcvtn .4h: four singles to halves in the low half (Q = 0, the top
 * cleared) or the top half (Q = 1, the low half kept). */
static void
x_narrow_half (A64Cpu *s, uint32_t insn)
{
  unsigned rd = RD (insn);
  uint64_t a[2], r[2], h = 0;
  bool alt = ahp (s);
  MdlFpStatus st;

  if (!begin (s, &st))
    return;
  memcpy (a, s->v[RN (insn)], sizeof a);
  for (unsigned i = 0; i < 4; i++)
    h |= (uint64_t) single_to_half (&st, alt, (uint32_t) elem (a, false, i)) << (16 * i);
  if (Q (insn)) {
    r[0] = s->v[rd][0];
    r[1] = h;
  } else {
    r[0] = h;
    r[1] = 0;
  }
  finish (s, &st, rd, r);
}

/* fcvtl .4h: the low (Q = 0) or high four halves to singles. */
static void
x_long_half (A64Cpu *s, uint32_t insn)
{
  uint64_t src = s->v[RN (insn)][Q (insn)], r[2] = { 0, 0 };
  bool alt = ahp (s);
  MdlFpStatus st;

  if (!begin (s, &st))
    return;
  for (unsigned i = 0; i < 4; i++)
    set_elem (r, false, i, half_to_single (&st, alt, (uint32_t) (src >> (16 * i)) & 0xffff));
  finish (s, &st, RD (insn), r);
}

/* The element index of a by-element row: H:L (single) or H (double). */
static unsigned
index_of (uint32_t insn, bool dbl)
{
  unsigned h = (insn >> 11) & 1, l = (insn >> 21) & 1;

  return dbl ? h : h << 1 | l;
}

static void
x_elem (A64Cpu *s, uint32_t insn)
{
  bool scalar = (insn >> 28) & 1;
  unsigned op = op_in (scalar ? F_ELS : F_ELV, insn);
  bool dbl = SZ (insn);
  unsigned n = scalar ? 1 : lanes (insn, dbl);
  uint64_t a[2], d[2], m, r[2] = { 0, 0 };
  MdlFpStatus st;

  if (!begin (s, &st))
    return;
  memcpy (a, s->v[RN (insn)], sizeof a);
  memcpy (d, s->v[RD (insn)], sizeof d);
  m = elem (s->v[RM (insn)], dbl, index_of (insn, dbl));
  for (unsigned i = 0; i < n; i++)
    set_elem (r, dbl, i, binop (&st, dbl, op, elem (a, dbl, i), m, elem (d, dbl, i)));
  finish (s, &st, RD (insn), r);
}

/* fmaxv and friends on .4s: the halves reduced first (Reduce). */
static void
x_across (A64Cpu *s, uint32_t insn)
{
  unsigned op = op_in (F_ACR, insn);
  const uint64_t *a = s->v[RN (insn)];
  uint64_t lo, hi, r[2] = { 0, 0 };
  MdlFpStatus st;

  if (!begin (s, &st))
    return;
  lo = binop (&st, false, op, elem (a, false, 0), elem (a, false, 1), 0);
  hi = binop (&st, false, op, elem (a, false, 2), elem (a, false, 3), 0);
  r[0] = (uint32_t) binop (&st, false, op, lo, hi, 0);
  finish (s, &st, RD (insn), r);
}

/* a:b:c (18:16) and d:e:f:g:h (9:5). */
static unsigned
imm8_of (uint32_t insn)
{
  return ((insn >> 11) & 0xe0) | ((insn >> 5) & 0x1f);
}

/* VFPExpandImm */
static uint64_t
expand_imm (bool dbl, unsigned imm8)
{
  uint64_t sign = imm8 >> 7, b6 = (imm8 >> 6) & 1, low = imm8 & 0x3f;

  if (dbl)
    return sign << 63 | (b6 ^ 1) << 62 | (b6 ? UINT64_C (0xff) << 54 : 0) | low << 48;
  return sign << 31 | (b6 ^ 1) << 30 | (b6 ? UINT64_C (0x1f) << 25 : 0) | low << 19;
}

static void
x_imm (A64Cpu *s, uint32_t insn)
{
  bool dbl = (insn >> 29) & 1;
  uint64_t v = expand_imm (dbl, imm8_of (insn));

  if (!a64_fp_access (s))
    return;
  if (!dbl)
    v |= v << 32;
  s->v[RD (insn)][0] = v;
  s->v[RD (insn)][1] = Q (insn) ? v : 0;
}

/* scvtf/ucvtf from, fcvtzs/fcvtzu to a general register, with
 * 64 - scale fraction bits. */
static void
x_fixed_gp (A64Cpu *s, uint32_t insn)
{
  bool sf = insn >> 31, dbl = SZ (insn), to_fp = (insn >> 17) & 1, uns = (insn >> 16) & 1;
  int fbits = 64 - (int) ((insn >> 10) & 0x3f);
  uint64_t r[2] = { 0, 0 };
  MdlFpStatus st;

  if (!begin (s, &st))
    return;
  if (to_fp) {
    uint64_t x = a64_rx (s, RN (insn));
    if (!sf)
      x = uns ? (uint32_t) x : (uint64_t) (int64_t) (int32_t) x;
    if (dbl)
      r[0] = uns ? mdl_u64_to_f64_fixed (&st, x, fbits)
                 : mdl_i64_to_f64_fixed (&st, (int64_t) x, fbits);
    else
      r[0] = uns ? mdl_u64_to_f32_fixed (&st, x, fbits)
                 : mdl_i64_to_f32_fixed (&st, (int64_t) x, fbits);
    finish (s, &st, RD (insn), r);
    return;
  }
  {
    uint64_t a = elem (s->v[RN (insn)], dbl, 0), v;
    if (is_nan (dbl, a)) {
      st.flags |= MDL_FP_NV;
      v = 0;
    } else
      v = dbl ? mdl_f64_to_fixed (&st, a, fbits, MDL_FP_RTZ, !uns, sf ? 64 : 32)
              : mdl_f32_to_fixed (&st, (uint32_t) a, fbits, MDL_FP_RTZ, !uns, sf ? 64 : 32);
    a64_fp_flags (s, &st);
    a64_wx (s, RD (insn), sf ? v : (uint32_t) v);
  }
}

/* ---- text ---- */

static const char *
arr (uint32_t insn, bool dbl)
{
  return dbl ? "2d" : Q (insn) ? "4s" : "2s";
}

void
a64_simd_fp_disas (const A64Opcode *op, uint64_t pc, uint32_t insn, GString *text)
{
  unsigned rd = RD (insn), rn = RN (insn), rm = RM (insn), o = op_of (op);
  bool dbl = SZ (insn);
  char t = dbl ? 'd' : 's';
  const char *a = arr (insn, dbl);
  bool cmp0 = o >= U_CMEQ0 && o <= U_CMLT0;

  (void) pc;
  g_string_append_printf (text, "%-7s ", op->name);
  switch (fam_of (op)) {
  case F_3V: g_string_append_printf (text, "v%u.%s, v%u.%s, v%u.%s", rd, a, rn, a, rm, a); break;
  case F_3S: g_string_append_printf (text, "%c%u, %c%u, %c%u", t, rd, t, rn, t, rm); break;
  case F_PS: g_string_append_printf (text, "%c%u, v%u.2%c", t, rd, rn, t); break;
  case F_2V:
    g_string_append_printf (text, "v%u.%s, v%u.%s%s", rd, a, rn, a, cmp0 ? ", #0.0" : "");
    break;
  case F_2S:
    g_string_append_printf (text, "%c%u, %c%u%s", t, rd, t, rn, cmp0 ? ", #0.0" : "");
    break;
  case F_XS: g_string_append_printf (text, "s%u, d%u", rd, rn); break;
  case F_NV: g_string_append_printf (text, "v%u.%s, v%u.2d", rd, Q (insn) ? "4s" : "2s", rn); break;
  case F_LV: g_string_append_printf (text, "v%u.2d, v%u.%s", rd, rn, Q (insn) ? "4s" : "2s"); break;
  case F_NH: g_string_append_printf (text, "v%u.%s, v%u.4s", rd, Q (insn) ? "8h" : "4h", rn); break;
  case F_LH: g_string_append_printf (text, "v%u.4s, v%u.%s", rd, rn, Q (insn) ? "8h" : "4h"); break;
  case F_SHV:
    g_string_append_printf (text, "v%u.%s, v%u.%s, #%d", rd, a, rn, a, fbits_of (insn, dbl));
    break;
  case F_SHS:
    g_string_append_printf (text, "%c%u, %c%u, #%d", t, rd, t, rn, fbits_of (insn, dbl));
    break;
  case F_ELV:
    g_string_append_printf (text, "v%u.%s, v%u.%s, v%u.%c[%u]", rd, a, rn, a, rm, t,
                            index_of (insn, dbl));
    break;
  case F_ELS:
    g_string_append_printf (text, "%c%u, %c%u, v%u.%c[%u]", t, rd, t, rn, rm, t,
                            index_of (insn, dbl));
    break;
  case F_ACR: g_string_append_printf (text, "s%u, v%u.4s", rd, rn); break;
  case F_FXG: {
    char g = insn >> 31 ? 'x' : 'w';
    int fbits = 64 - (int) ((insn >> 10) & 0x3f);
    if ((insn >> 17) & 1) { /* to floating point */
      if (rn == 31)
        g_string_append_printf (text, "%c%u, %czr, #%d", t, rd, g, fbits);
      else
        g_string_append_printf (text, "%c%u, %c%u, #%d", t, rd, g, rn, fbits);
    } else if (rd == 31)
      g_string_append_printf (text, "%czr, %c%u, #%d", g, t, rn, fbits);
    else
      g_string_append_printf (text, "%c%u, %c%u, #%d", g, rd, t, rn, fbits);
    break;
  }
  case F_IMM: {
    unsigned imm8 = imm8_of (insn);
    /* (16 + frac) / 16 * 2^e, e in -3..4: exact in a double */
    double v = (imm8 & 0x80 ? -1.0 : 1.0) * (16 + (imm8 & 15)) / 16.0;
    int e = (int) (((imm8 >> 4) & 7) ^ 4) - 3;
    for (; e > 0; e--)
      v *= 2;
    for (; e < 0; e++)
      v /= 2;
    g_string_append_printf (text, "v%u.%s, #%.18e", rd, o == 1 ? "2d" : Q (insn) ? "4s" : "2s", v);
    break;
  }
  default: break;
  }
}
