/* Scalar floating point (single and double precision) and the SIMD&FP
 * register loads and stores.
 *
 * Arithmetic goes through engine/softfloat.h with the status FPCR asks
 * for: its rounding mode, FZ (flush subnormals, tininess before rounding
 * as Arm detects it) and DN (default NaN instead of propagating an
 * operand's); the flags accumulate into FPSR's cumulative bits.  Nothing
 * depends on the host's FPU.  Every executor first checks CPACR_EL1.FPEN
 * (an access trap, EC 0x07, otherwise).  Writing a scalar clears the rest
 * of the 128-bit V register, as the architecture says.
 *
 * Not here yet: half precision, and Advanced SIMD (vector) arithmetic.
 */
#include "aarch64-cpu.h"

#include <string.h>

#include "engine/softfloat.h"

#define RD(i) ((i) &31)
#define RN(i) (((i) >> 5) & 31)
#define RM(i) (((i) >> 16) & 31)
#define RA(i) (((i) >> 10) & 31)

bool
a64_fp_access (A64Cpu *s)
{
  unsigned fpen = (s->cpacr_el1 >> 20) & 3;

  if (fpen == 3 || (fpen == 1 && s->el == 1))
    return true;
  a64_sync_exception (s, A64_EC_FP, 0x1e00000, 0, false);
  return false;
}

void
a64_fp_status (const A64Cpu *s, MdlFpStatus *st)
{
  static const uint8_t modes[4] = { MDL_FP_RNE, MDL_FP_RUP, MDL_FP_RDN, MDL_FP_RTZ };

  memset (st, 0, sizeof *st);
  st->round = modes[(s->fpcr >> 22) & 3];
  st->nan_mode = (s->fpcr >> 25) & 1 ? MDL_FP_NAN_CANONICAL : MDL_FP_NAN_PROPAGATE;
  st->flush_to_zero = (s->fpcr >> 24) & 1;
  st->tininess_before = true;
}

void
a64_fp_flags (A64Cpu *s, const MdlFpStatus *st)
{
  uint32_t f = st->flags;

  s->fpsr |= ((f & MDL_FP_NV) ? 1u : 0) | ((f & MDL_FP_DZ) ? 2u : 0) | ((f & MDL_FP_OF) ? 4u : 0)
             | ((f & MDL_FP_UF) ? 8u : 0) | ((f & MDL_FP_NX) ? 16u : 0)
             | ((f & MDL_FP_ID) ? 0x80u : 0);
}

static inline void
vset (A64Cpu *s, unsigned r, uint64_t lo, uint64_t hi)
{
  s->v[r][0] = lo;
  s->v[r][1] = hi;
}

/* The scalar type field: 0 single, 1 double; half and 2 are undefined. */
static bool
fp_type (A64Cpu *s, uint32_t insn, bool *dbl)
{
  unsigned type = (insn >> 22) & 3;

  if (type > 1) {
    a64_undefined (s);
    return false;
  }
  *dbl = type == 1;
  return a64_fp_access (s);
}

/* ---- loads and stores ---- */

/* Transfers @bytes (1..16) of V[@rt] at @addr; false when an exception
 * was taken (nothing written then). */
static bool
v_transfer (A64Cpu *s, uint64_t addr, unsigned bytes, unsigned rt, bool load, uint64_t *out)
{
  if (!load) {
    if (bytes == 16)
      return a64_store (s, addr, 8, s->v[rt][0], false)
             && a64_store (s, addr + 8, 8, s->v[rt][1], false);
    return a64_store (s, addr, bytes, s->v[rt][0], false);
  }
  out[1] = 0;
  if (bytes == 16)
    return a64_load (s, addr, 8, &out[0], false) && a64_load (s, addr + 8, 8, &out[1], false);
  return a64_load (s, addr, bytes, &out[0], false);
}

/* size (31:30) and opc (23:22) of a single-register form: bytes, or 0. */
static unsigned
v_size (uint32_t insn)
{
  unsigned size = insn >> 30, opc1 = (insn >> 23) & 1;

  if (opc1)
    return size == 0 ? 16 : 0;
  return 1u << size;
}

static void
v_single (A64Cpu *s, uint32_t insn, uint64_t addr, bool wback, uint64_t new_base)
{
  unsigned bytes = v_size (insn), rt = RD (insn);
  bool load = (insn >> 22) & 1;
  uint64_t v[2];

  if (bytes == 0) {
    a64_undefined (s);
    return;
  }
  if (!a64_fp_access (s) || !v_transfer (s, addr, bytes, rt, load, v))
    return;
  if (wback)
    s->x[RN (insn)] = new_base;
  if (load)
    vset (s, rt, v[0], v[1]);
}

void
a64_x_fp_ldst_uimm (A64Cpu *s, uint32_t insn)
{
  unsigned bytes = v_size (insn);
  uint64_t addr = s->x[RN (insn)] + ((uint64_t) ((insn >> 10) & 0xfff) * bytes);

  v_single (s, insn, addr, false, 0);
}

void
a64_x_fp_ldst_imm9 (A64Cpu *s, uint32_t insn)
{
  unsigned form = (insn >> 10) & 3;
  uint64_t off = (uint64_t) ((int64_t) ((uint64_t) ((insn >> 12) & 0x1ff) << 55) >> 55);
  uint64_t base = s->x[RN (insn)];

  if (form == 2) {
    a64_undefined (s);
    return;
  }
  v_single (s, insn, form == 1 ? base : base + off, form == 1 || form == 3, base + off);
}

void
a64_x_fp_ldst_reg (A64Cpu *s, uint32_t insn)
{
  unsigned option = (insn >> 13) & 7, bytes = v_size (insn);
  unsigned shift = (insn >> 12) & 1 ? (unsigned) __builtin_ctz (bytes ? bytes : 1) : 0;
  uint64_t m = a64_rx (s, RM (insn));

  if (!(option & 2)) {
    a64_undefined (s);
    return;
  }
  switch (option) {
  case 2: m = (uint32_t) m; break;
  case 6: m = (uint64_t) (int64_t) (int32_t) m; break;
  default: break;
  }
  v_single (s, insn, s->x[RN (insn)] + (m << shift), false, 0);
}

void
a64_x_fp_ldr_lit (A64Cpu *s, uint32_t insn)
{
  unsigned opc = insn >> 30, bytes = opc == 0 ? 4 : opc == 1 ? 8 : 16;
  uint64_t addr = s->pc + ((uint64_t) ((int64_t) ((uint64_t) ((insn >> 5) & 0x7ffff) << 45) >> 43));
  uint64_t v[2];

  if (opc == 3) {
    a64_undefined (s);
    return;
  }
  if (a64_fp_access (s) && v_transfer (s, addr, bytes, RD (insn), true, v))
    vset (s, RD (insn), v[0], v[1]);
}

void
a64_x_fp_ldst_pair (A64Cpu *s, uint32_t insn)
{
  unsigned opc = insn >> 30, index = (insn >> 23) & 3, bytes = 4u << opc;
  unsigned rt = RD (insn), rt2 = RA (insn), rn = RN (insn);
  bool load = (insn >> 22) & 1;
  uint64_t off = (uint64_t) ((int64_t) ((uint64_t) ((insn >> 15) & 0x7f) << 57) >> 57) * bytes;
  uint64_t base = s->x[rn], addr = index == 1 ? base : base + off, a[2], b[2];

  if (opc == 3) {
    a64_undefined (s);
    return;
  }
  if (!a64_fp_access (s) || !v_transfer (s, addr, bytes, rt, load, a)
      || !v_transfer (s, addr + bytes, bytes, rt2, load, b))
    return;
  if (index == 1 || index == 3)
    s->x[rn] = base + off;
  if (load) {
    vset (s, rt, a[0], a[1]);
    vset (s, rt2, b[0], b[1]);
  }
}

/* ---- arithmetic ---- */

static uint64_t
neg (bool dbl, uint64_t v)
{
  return v ^ (dbl ? UINT64_C (1) << 63 : UINT64_C (1) << 31);
}

static bool
is_nan (bool dbl, uint64_t v)
{
  return dbl ? mdl_f64_is_nan (v) : mdl_f32_is_nan ((uint32_t) v);
}

static bool
is_snan (bool dbl, uint64_t v)
{
  return dbl ? mdl_f64_is_signaling_nan (v) : mdl_f32_is_signaling_nan ((uint32_t) v);
}

static bool
is_subnormal (bool dbl, uint64_t v)
{
  return dbl ? (v & UINT64_C (0x7ff0000000000000)) == 0 && (v & UINT64_C (0x000fffffffffffff))
             : (v & 0x7f800000u) == 0 && (v & 0x007fffffu);
}

static uint64_t
fadd (MdlFpStatus *st, bool dbl, uint64_t a, uint64_t b)
{
  return dbl ? mdl_f64_add (st, a, b) : mdl_f32_add (st, (uint32_t) a, (uint32_t) b);
}

/* FMAX/FMIN (a NaN operand wins, processed as arithmetic does) and
 * FMAXNM/FMINNM (a quiet NaN loses to a number; a signalling one wins). */
uint64_t
a64_fminmax (MdlFpStatus *st, bool dbl, uint64_t a, uint64_t b, bool max, bool num)
{
  if (is_nan (dbl, a) || is_nan (dbl, b)) {
    if (!num || is_snan (dbl, a) || is_snan (dbl, b) || (is_nan (dbl, a) && is_nan (dbl, b)))
      return fadd (st, dbl, a, b);
    /* one quiet NaN and a number: the number (subnormals flushed) */
  }
  if (dbl)
    return max ? mdl_f64_max_num (st, a, b) : mdl_f64_min_num (st, a, b);
  return max ? mdl_f32_max_num (st, (uint32_t) a, (uint32_t) b)
             : mdl_f32_min_num (st, (uint32_t) a, (uint32_t) b);
}

void
a64_x_fp_dp2 (A64Cpu *s, uint32_t insn)
{
  unsigned op = (insn >> 12) & 15;
  uint64_t a = s->v[RN (insn)][0], b = s->v[RM (insn)][0], r;
  MdlFpStatus st;
  bool dbl;

  if (!fp_type (s, insn, &dbl))
    return;
  a64_fp_status (s, &st);
  if (!dbl)
    a = (uint32_t) a, b = (uint32_t) b;
  switch (op) {
  case 0:
  case 8:
    r = dbl ? mdl_f64_mul (&st, a, b) : mdl_f32_mul (&st, (uint32_t) a, (uint32_t) b);
    if (op == 8)
      r = neg (dbl, r);
    break;
  case 1: r = dbl ? mdl_f64_div (&st, a, b) : mdl_f32_div (&st, (uint32_t) a, (uint32_t) b); break;
  case 2: r = fadd (&st, dbl, a, b); break;
  case 3: r = dbl ? mdl_f64_sub (&st, a, b) : mdl_f32_sub (&st, (uint32_t) a, (uint32_t) b); break;
  case 4: r = a64_fminmax (&st, dbl, a, b, true, false); break;
  case 5: r = a64_fminmax (&st, dbl, a, b, false, false); break;
  case 6: r = a64_fminmax (&st, dbl, a, b, true, true); break;
  case 7: r = a64_fminmax (&st, dbl, a, b, false, true); break;
  default: a64_undefined (s); return;
  }
  a64_fp_flags (s, &st);
  vset (s, RD (insn), dbl ? r : (uint32_t) r, 0);
}

void
a64_x_fp_dp3 (A64Cpu *s, uint32_t insn)
{
  bool o1 = (insn >> 21) & 1, o0 = (insn >> 15) & 1, dbl;
  uint64_t n = s->v[RN (insn)][0], m = s->v[RM (insn)][0], a = s->v[RA (insn)][0], r;
  MdlFpStatus st;

  if (!fp_type (s, insn, &dbl))
    return;
  if (!dbl)
    n = (uint32_t) n, m = (uint32_t) m, a = (uint32_t) a;
  /* fmadd a + n*m; fmsub a - n*m; fnmadd -a - n*m; fnmsub -a + n*m:
   * FPNeg flips the sign bit of NaN operands too, before they are
   * propagated. */
  if (o0 != o1)
    n = neg (dbl, n);
  if (o1)
    a = neg (dbl, a);
  a64_fp_status (s, &st);
  r = dbl ? mdl_f64_muladd (&st, n, m, a)
          : mdl_f32_muladd (&st, (uint32_t) n, (uint32_t) m, (uint32_t) a);
  a64_fp_flags (s, &st);
  vset (s, RD (insn), dbl ? r : (uint32_t) r, 0);
}

void
a64_x_fp_dp1 (A64Cpu *s, uint32_t insn)
{
  unsigned op = (insn >> 15) & 0x3f;
  uint64_t a = s->v[RN (insn)][0], r;
  MdlFpStatus st;
  bool dbl;

  if (!fp_type (s, insn, &dbl))
    return;
  if (!dbl)
    a = (uint32_t) a;
  a64_fp_status (s, &st);
  switch (op) {
  case 0: r = a; break;
  case 1: r = dbl ? a & ~(UINT64_C (1) << 63) : a & 0x7fffffffu; break;
  case 2: r = neg (dbl, a); break;
  case 3: r = dbl ? mdl_f64_sqrt (&st, a) : mdl_f32_sqrt (&st, (uint32_t) a); break;
  case 4: /* fcvt to single */
    if (!dbl) {
      a64_undefined (s);
      return;
    }
    r = mdl_f64_to_f32 (&st, a);
    dbl = false;
    break;
  case 5: /* fcvt to double */
    if (dbl) {
      a64_undefined (s);
      return;
    }
    r = mdl_f32_to_f64 (&st, (uint32_t) a);
    dbl = true;
    break;
  case 8:
  case 9:
  case 10:
  case 11:
  case 12:
  case 14:
  case 15: {
    static const uint8_t modes[4] = { MDL_FP_RNE, MDL_FP_RUP, MDL_FP_RDN, MDL_FP_RTZ };
    MdlFpRound mode = op < 12 ? modes[op - 8] : op == 12 ? MDL_FP_RMM : st.round;
    bool exact = op == 14;
    r = dbl ? mdl_f64_round_int (&st, a, mode, exact)
            : mdl_f32_round_int (&st, (uint32_t) a, mode, exact);
    break;
  }
  default: a64_undefined (s); return;
  }
  a64_fp_flags (s, &st);
  vset (s, RD (insn), dbl ? r : (uint32_t) r, 0);
}

static uint32_t
compare (A64Cpu *s, bool dbl, uint64_t a, uint64_t b, bool signal)
{
  MdlFpStatus st;
  uint32_t flags;

  a64_fp_status (s, &st);
  if (is_nan (dbl, a) || is_nan (dbl, b)) {
    if (signal || is_snan (dbl, a) || is_snan (dbl, b))
      st.flags |= MDL_FP_NV;
    /* FZ flushes a subnormal operand before the NaN is seen */
    if (st.flush_to_zero && (is_subnormal (dbl, a) || is_subnormal (dbl, b)))
      st.flags |= MDL_FP_ID;
    flags = 0x30000000;
  } else if (dbl ? mdl_f64_eq (&st, a, b) : mdl_f32_eq (&st, (uint32_t) a, (uint32_t) b))
    flags = 0x60000000;
  else if (dbl ? mdl_f64_lt (&st, a, b) : mdl_f32_lt (&st, (uint32_t) a, (uint32_t) b))
    flags = 0x80000000;
  else
    flags = 0x20000000;
  a64_fp_flags (s, &st);
  return flags;
}

void
a64_x_fp_cmp (A64Cpu *s, uint32_t insn)
{
  bool dbl, zero = (insn >> 3) & 1, signal = (insn >> 4) & 1;
  uint64_t a = s->v[RN (insn)][0], b = zero ? 0 : s->v[RM (insn)][0];

  if (!fp_type (s, insn, &dbl))
    return;
  if (!dbl)
    a = (uint32_t) a, b = (uint32_t) b;
  s->nzcv = compare (s, dbl, a, b, signal);
}

void
a64_x_fp_ccmp (A64Cpu *s, uint32_t insn)
{
  bool dbl, signal = (insn >> 4) & 1;
  uint64_t a = s->v[RN (insn)][0], b = s->v[RM (insn)][0];

  if (!fp_type (s, insn, &dbl))
    return;
  if (!dbl)
    a = (uint32_t) a, b = (uint32_t) b;
  if (a64_cond_holds (s->nzcv, (insn >> 12) & 15))
    s->nzcv = compare (s, dbl, a, b, signal);
  else
    s->nzcv = (insn & 15) << 28;
}

void
a64_x_fp_csel (A64Cpu *s, uint32_t insn)
{
  bool dbl;
  uint64_t r;

  if (!fp_type (s, insn, &dbl))
    return;
  r = a64_cond_holds (s->nzcv, (insn >> 12) & 15) ? s->v[RN (insn)][0] : s->v[RM (insn)][0];
  vset (s, RD (insn), dbl ? r : (uint32_t) r, 0);
}

/* VFPExpandImm */
static uint64_t
expand_imm (bool dbl, unsigned imm8)
{
  uint64_t sign = imm8 >> 7, b6 = (imm8 >> 6) & 1, frac = imm8 & 15, e3 = (imm8 >> 4) & 3;

  if (dbl) {
    uint64_t exp = ((b6 ^ 1) << 10) | (b6 ? 0x3fcu : 0) | e3;
    return (sign << 63) | (exp << 52) | (frac << 48);
  }
  uint64_t exp = ((b6 ^ 1) << 7) | (b6 ? 0x7cu : 0) | e3;
  return (sign << 31) | (exp << 23) | (frac << 19);
}

void
a64_x_fp_imm (A64Cpu *s, uint32_t insn)
{
  bool dbl;

  if (!fp_type (s, insn, &dbl))
    return;
  vset (s, RD (insn), expand_imm (dbl, (insn >> 13) & 0xff), 0);
}

/* Conversions between floating point and integers, and FMOV (general). */
void
a64_x_fp_conv (A64Cpu *s, uint32_t insn)
{
  bool sf = insn >> 31, dbl;
  unsigned type = (insn >> 22) & 3, rmode = (insn >> 19) & 3, op = (insn >> 16) & 7;
  unsigned rd = RD (insn), rn = RN (insn);
  MdlFpStatus st;

  if (op >= 6) { /* fmov */
    bool to_fp = op == 7;
    if (rmode == 1 && type == 2 && sf) { /* the top half of V */
      if (!a64_fp_access (s))
        return;
      if (to_fp)
        s->v[rd][1] = a64_rx (s, rn);
      else
        a64_wx (s, rd, s->v[rn][1]);
      return;
    }
    if (rmode != 0 || type > 1 || (type == 1) != sf) {
      a64_undefined (s);
      return;
    }
    if (!a64_fp_access (s))
      return;
    if (to_fp)
      vset (s, rd, sf ? a64_rx (s, rn) : (uint32_t) a64_rx (s, rn), 0);
    else
      a64_wx (s, rd, sf ? s->v[rn][0] : (uint32_t) s->v[rn][0]);
    return;
  }
  if (!fp_type (s, insn, &dbl))
    return;
  a64_fp_status (s, &st);
  if (op == 2 || op == 3) { /* scvtf, ucvtf */
    uint64_t x = a64_rx (s, rn), r;
    if (rmode != 0) {
      a64_undefined (s);
      return;
    }
    if (op == 2)
      r = sf ? (dbl ? mdl_i64_to_f64 (&st, (int64_t) x) : mdl_i64_to_f32 (&st, (int64_t) x))
             : (dbl ? mdl_i32_to_f64 (&st, (int32_t) x) : mdl_i32_to_f32 (&st, (int32_t) x));
    else
      r = sf ? (dbl ? mdl_u64_to_f64 (&st, x) : mdl_u64_to_f32 (&st, x))
             : (dbl ? mdl_u32_to_f64 (&st, (uint32_t) x) : mdl_u32_to_f32 (&st, (uint32_t) x));
    a64_fp_flags (s, &st);
    vset (s, rd, r, 0);
    return;
  }
  /* fcvt[nmpz a][su]: rounding from rmode, or to nearest with ties away
   * for fcvta*; a NaN converts to 0 (with NV). */
  {
    static const uint8_t modes[4] = { MDL_FP_RNE, MDL_FP_RUP, MDL_FP_RDN, MDL_FP_RTZ };
    MdlFpRound mode = op >= 4 ? MDL_FP_RMM : modes[rmode];
    bool uns = op & 1;
    uint64_t a = s->v[rn][0], r;

    if (op >= 4 && rmode != 0) {
      a64_undefined (s);
      return;
    }
    if (!dbl)
      a = (uint32_t) a;
    if (is_nan (dbl, a)) {
      st.flags |= MDL_FP_NV;
      r = 0;
    } else if (dbl)
      r = sf ? (uns ? mdl_f64_to_u64 (&st, a, mode) : (uint64_t) mdl_f64_to_i64 (&st, a, mode))
             : (uns ? mdl_f64_to_u32 (&st, a, mode) : (uint32_t) mdl_f64_to_i32 (&st, a, mode));
    else
      r = sf ? (uns ? mdl_f32_to_u64 (&st, (uint32_t) a, mode)
                    : (uint64_t) mdl_f32_to_i64 (&st, (uint32_t) a, mode))
             : (uns ? mdl_f32_to_u32 (&st, (uint32_t) a, mode)
                    : (uint32_t) mdl_f32_to_i32 (&st, (uint32_t) a, mode));
    a64_fp_flags (s, &st);
    a64_wx (s, rd, sf ? r : (uint32_t) r);
  }
}
