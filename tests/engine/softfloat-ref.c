/* The reference for test-softfloat-diff.c: engine/softfloat.c as it was
 * before its fast paths (commit b10b7dd), every public function renamed
 * from mdl_ to ref_ (softfloat-ref.h).  Kept as it was on purpose: do not
 * "fix" it without fixing engine/softfloat.c the same way. */
/* IEEE 754 binary32/binary64 in integer arithmetic: see softfloat.h.
 *
 * Both formats share one implementation.  An operand is unpacked into a
 * class, a sign, an unbiased exponent and a 64-bit significand whose
 * leading one sits at bit 63 (subnormals are normalised on the way in), so
 * the value of a finite nonzero operand is sig * 2^(exp - 63).  Each
 * operation computes its result to more bits than either format keeps,
 * folds whatever it cannot keep into bit 0 (the "sticky" bit: the exact
 * result is strictly above what is left), and hands it to round_pack(),
 * the one place where rounding, overflow, underflow and flushing happen.
 * A sticky bit at least two places below the rounding position is all
 * correct rounding needs, and the 64-bit working significand leaves 11
 * (binary64) or 40 (binary32) spare bits.
 */
#include "softfloat-ref.h"

typedef struct {
  int frac_bits;  /* stored fraction bits: 23, 52 */
  int exp_max;    /* biased exponent of infinities and NaNs: 255, 2047 */
  int bias;       /* 127, 1023 */
  int sign_shift; /* 31, 63 */
  uint64_t default_nan;
} FpFormat;

static const FpFormat f32_fmt = { 23, 255, 127, 31, MDL_F32_DEFAULT_NAN };
static const FpFormat f64_fmt = { 52, 2047, 1023, 63, MDL_F64_DEFAULT_NAN };
static const FpFormat f16_fmt = { 10, 31, 15, 15, 0x7e00 };

typedef enum {
  FP_ZERO,
  FP_FINITE, /* nonzero finite, normal or subnormal */
  FP_INF,
  FP_QNAN,
  FP_SNAN,
} FpClass;

typedef struct {
  uint64_t bits; /* the encoding, for NaN propagation */
  uint64_t sig;  /* FP_FINITE: leading one at bit 63 */
  int32_t exp;   /* FP_FINITE: value = sig * 2^(exp - 63) */
  uint8_t cls;   /* FpClass */
  bool sign;
} FpValue;

typedef unsigned __int128 u128;

static inline uint64_t
frac_mask (const FpFormat *f)
{
  return (UINT64_C (1) << f->frac_bits) - 1;
}

static inline uint64_t
sign_bit (const FpFormat *f, bool sign)
{
  return (uint64_t) sign << f->sign_shift;
}

static inline uint64_t
pack_inf (const FpFormat *f, bool sign)
{
  return sign_bit (f, sign) | ((uint64_t) f->exp_max << f->frac_bits);
}

static inline uint64_t
pack_zero (const FpFormat *f, bool sign)
{
  return sign_bit (f, sign);
}

static inline bool
is_nan_value (const FpValue *v)
{
  return v->cls == FP_QNAN || v->cls == FP_SNAN;
}

static inline int
clz64 (uint64_t x)
{
  return __builtin_clzll (x);
}

static inline int
clz128 (u128 x)
{
  uint64_t hi = (uint64_t) (x >> 64);

  return hi ? clz64 (hi) : 64 + clz64 ((uint64_t) x);
}

/* x >> n, with every bit shifted out ORed into bit 0. */
static inline uint64_t
shift_right_jam64 (uint64_t x, int n)
{
  if (n <= 0)
    return x;
  if (n >= 64)
    return x != 0;
  return (x >> n) | ((x << (64 - n)) != 0);
}

static inline u128
shift_right_jam128 (u128 x, int n)
{
  if (n <= 0)
    return x;
  if (n >= 128)
    return x != 0;
  return (x >> n) | ((x << (128 - n)) != 0);
}

/* The encoding's bits with a subnormal replaced by a zero of its sign when
 * flushing is on (Arm FZ treats subnormal inputs as zero; the ID flag
 * stands for Arm's IDC). */
static inline uint64_t
flush_input (MdlFpStatus *st, const FpFormat *f, uint64_t bits)
{
  if (st->flush_to_zero && ((bits >> f->frac_bits) & (uint64_t) f->exp_max) == 0
      && (bits & frac_mask (f)) != 0) {
    st->flags |= MDL_FP_ID;
    return bits & sign_bit (f, true);
  }
  return bits;
}

static FpValue
unpack (MdlFpStatus *st, const FpFormat *f, uint64_t bits)
{
  FpValue v = { 0 };
  uint64_t frac;
  int e;

  bits = flush_input (st, f, bits);
  frac = bits & frac_mask (f);
  e = (int) ((bits >> f->frac_bits) & (uint64_t) f->exp_max);
  v.bits = bits;
  v.sign = (bits >> f->sign_shift) & 1;
  if (e == f->exp_max) {
    if (frac == 0)
      v.cls = FP_INF;
    else
      v.cls = (frac >> (f->frac_bits - 1)) ? FP_QNAN : FP_SNAN;
  } else if (e == 0) {
    if (frac == 0) {
      v.cls = FP_ZERO;
    } else {
      int n = clz64 (frac);

      v.cls = FP_FINITE;
      v.sig = frac << n;
      /* frac's bit k has weight 2^(1 - bias - frac_bits + k). */
      v.exp = 1 - f->bias - f->frac_bits + (63 - n);
    }
  } else {
    v.cls = FP_FINITE;
    v.sig = (frac | (UINT64_C (1) << f->frac_bits)) << (63 - f->frac_bits);
    v.exp = e - f->bias;
  }
  return v;
}

/* Drops the low @shift bits of @sig, rounding by @rm; *@inexact tells
 * whether anything nonzero was dropped.  The result can carry one place
 * beyond the kept width. */
static uint64_t
round_shift (uint64_t sig, int shift, bool sign, int rm, bool *inexact)
{
  uint64_t q, r, half;
  bool up;

  if (shift <= 0) {
    *inexact = false;
    return sig;
  }
  if (shift > 64) {
    /* Everything dropped is below half a unit of the kept part. */
    q = 0;
    r = sig != 0;
    half = 2;
  } else if (shift == 64) {
    q = 0;
    r = sig;
    half = UINT64_C (1) << 63;
  } else {
    q = sig >> shift;
    r = sig & ((UINT64_C (1) << shift) - 1);
    half = UINT64_C (1) << (shift - 1);
  }
  *inexact = r != 0;
  switch (rm) {
  case MDL_FP_RNE: up = r > half || (r == half && (q & 1)); break;
  case MDL_FP_RMM: up = r >= half; break;
  case MDL_FP_RDN: up = sign && r != 0; break;
  case MDL_FP_RUP: up = !sign && r != 0; break;
  case MDL_FP_ROD: up = r != 0 && !(q & 1); break;
  default: up = false; break;
  }
  return q + up;
}

static uint64_t
overflow (MdlFpStatus *st, const FpFormat *f, bool sign)
{
  int rm = st->round;
  bool to_inf = rm == MDL_FP_RNE || rm == MDL_FP_RMM || (rm == MDL_FP_RUP && !sign)
                || (rm == MDL_FP_RDN && sign);

  st->flags |= MDL_FP_OF | MDL_FP_NX;
  /* The largest finite number is the encoding just below infinity. */
  return to_inf ? pack_inf (f, sign) : pack_inf (f, sign) - 1;
}

/* Rounds sign * sig * 2^(exp - 63) (sig nonzero, any normalisation, bit 0
 * possibly sticky) to the format under st->round, raising NX, UF and OF.
 *
 * Underflow is raised when the result is tiny and inexact; tiny means
 * below the smallest normal number either before rounding
 * (tininess_before) or after rounding to the format's precision with an
 * unbounded exponent (IEEE's default, RISC-V, x86).  With flush_to_zero a
 * result whose exact value is below the smallest normal becomes a zero of
 * its sign with UF alone (no NX), whatever the rounding would have given:
 * Arm's FPRound does that test on the unrounded value. */
static uint64_t
round_pack (MdlFpStatus *st, const FpFormat *f, bool sign, int32_t exp, uint64_t sig)
{
  int p = f->frac_bits + 1;
  int emin = 1 - f->bias;
  int rm = st->round;
  bool inexact, tiny = true;
  uint64_t q;
  int n = clz64 (sig);

  sig <<= n;
  exp -= n;
  if (exp >= emin) {
    q = round_shift (sig, 64 - p, sign, rm, &inexact);
    if (q >> p) {
      q >>= 1;
      exp++;
    }
    if (exp > f->bias)
      return overflow (st, f, sign);
    if (inexact)
      st->flags |= MDL_FP_NX;
    return sign_bit (f, sign) | ((uint64_t) (exp + f->bias) << f->frac_bits) | (q & frac_mask (f));
  }

  if (st->flush_to_zero) {
    st->flags |= MDL_FP_UF;
    return pack_zero (f, sign);
  }
  if (!st->tininess_before && exp == emin - 1) {
    bool unused;

    /* Rounded to full precision, does it reach the smallest normal? */
    if (round_shift (sig, 64 - p, sign, rm, &unused) >> p)
      tiny = false;
  }
  /* Fewer bits are kept the further below the normal range: a carry out
   * of the kept bits makes the encoding's exponent field 1 by itself. */
  q = round_shift (sig, 64 - p + (emin - exp), sign, rm, &inexact);
  if (inexact) {
    st->flags |= MDL_FP_NX;
    if (tiny)
      st->flags |= MDL_FP_UF;
  }
  return sign_bit (f, sign) | q;
}

/* Rounds sign * sig * 2^lsb_exp (sig nonzero). */
static uint64_t
round_pack128 (MdlFpStatus *st, const FpFormat *f, bool sign, int32_t lsb_exp, u128 sig)
{
  int top = 127 - clz128 (sig);
  uint64_t s64
    = top >= 63 ? (uint64_t) shift_right_jam128 (sig, top - 63) : (uint64_t) sig << (63 - top);

  return round_pack (st, f, sign, lsb_exp + top, s64);
}

static inline uint64_t
quieten (const FpFormat *f, uint64_t bits)
{
  return bits | (UINT64_C (1) << (f->frac_bits - 1));
}

/* The NaN result of an operation with NaN operands ops[0..n-1] (in the
 * order they are examined when propagating); NV for a signalling one. */
static uint64_t
nan_result (MdlFpStatus *st, const FpFormat *f, const FpValue *const *ops, int n)
{
  int i;

  for (i = 0; i < n; i++)
    if (ops[i]->cls == FP_SNAN)
      st->flags |= MDL_FP_NV;
  if (st->nan_mode == MDL_FP_NAN_CANONICAL)
    return f->default_nan;
  for (i = 0; i < n; i++)
    if (ops[i]->cls == FP_SNAN)
      return quieten (f, ops[i]->bits);
  for (i = 0; i < n; i++)
    if (ops[i]->cls == FP_QNAN)
      return ops[i]->bits;
  return f->default_nan;
}

static uint64_t
nan_result2 (MdlFpStatus *st, const FpFormat *f, const FpValue *a, const FpValue *b)
{
  const FpValue *ops[2] = { a, b };

  return nan_result (st, f, ops, 2);
}

static uint64_t
invalid (MdlFpStatus *st, const FpFormat *f)
{
  st->flags |= MDL_FP_NV;
  return f->default_nan;
}

/* ---- arithmetic ---- */

static uint64_t
fp_add (MdlFpStatus *st, const FpFormat *f, uint64_t abits, uint64_t bbits, bool subtract)
{
  FpValue a = unpack (st, f, abits), b = unpack (st, f, bbits);
  uint64_t sa, sb, sum;
  int d;

  /* Before negating: a propagated NaN keeps its own sign. */
  if (is_nan_value (&a) || is_nan_value (&b))
    return nan_result2 (st, f, &a, &b);
  b.sign ^= subtract;
  if (a.cls == FP_INF) {
    if (b.cls == FP_INF && a.sign != b.sign)
      return invalid (st, f);
    return pack_inf (f, a.sign);
  }
  if (b.cls == FP_INF)
    return pack_inf (f, b.sign);
  if (a.cls == FP_ZERO && b.cls == FP_ZERO)
    return pack_zero (f, a.sign == b.sign ? a.sign : st->round == MDL_FP_RDN);
  if (a.cls == FP_ZERO)
    return round_pack (st, f, b.sign, b.exp, b.sig);
  if (b.cls == FP_ZERO)
    return round_pack (st, f, a.sign, a.exp, a.sig);

  if (a.exp < b.exp || (a.exp == b.exp && a.sig < b.sig)) {
    FpValue t = a;

    a = b;
    b = t;
  }
  d = a.exp - b.exp;
  /* One bit of headroom for the carry; the operands' low bits are zero,
   * so nothing is lost until b is shifted past them. */
  sa = a.sig >> 1;
  sb = shift_right_jam64 (b.sig >> 1, d);
  if (a.sign == b.sign) {
    sum = sa + sb;
  } else {
    sum = sa - sb;
    if (sum == 0)
      return pack_zero (f, st->round == MDL_FP_RDN);
  }
  return round_pack (st, f, a.sign, a.exp + 1, sum);
}

static uint64_t
fp_mul (MdlFpStatus *st, const FpFormat *f, uint64_t abits, uint64_t bbits)
{
  FpValue a = unpack (st, f, abits), b = unpack (st, f, bbits);
  bool sign = a.sign ^ b.sign;
  u128 prod;

  if (is_nan_value (&a) || is_nan_value (&b))
    return nan_result2 (st, f, &a, &b);
  if (a.cls == FP_INF || b.cls == FP_INF) {
    if (a.cls == FP_ZERO || b.cls == FP_ZERO)
      return invalid (st, f);
    return pack_inf (f, sign);
  }
  if (a.cls == FP_ZERO || b.cls == FP_ZERO)
    return pack_zero (f, sign);
  prod = (u128) a.sig * b.sig;
  /* prod * 2^(a.exp + b.exp - 126), kept as its high half plus sticky. */
  return round_pack (st, f, sign, a.exp + b.exp + 1,
                     (uint64_t) (prod >> 64) | ((uint64_t) prod != 0));
}

static uint64_t
fp_div (MdlFpStatus *st, const FpFormat *f, uint64_t abits, uint64_t bbits)
{
  FpValue a = unpack (st, f, abits), b = unpack (st, f, bbits);
  bool sign = a.sign ^ b.sign;
  u128 num;
  uint64_t q, r;

  if (is_nan_value (&a) || is_nan_value (&b))
    return nan_result2 (st, f, &a, &b);
  if (a.cls == FP_INF) {
    if (b.cls == FP_INF)
      return invalid (st, f);
    return pack_inf (f, sign);
  }
  if (b.cls == FP_INF)
    return pack_zero (f, sign);
  if (b.cls == FP_ZERO) {
    if (a.cls == FP_ZERO)
      return invalid (st, f);
    st->flags |= MDL_FP_DZ;
    return pack_inf (f, sign);
  }
  if (a.cls == FP_ZERO)
    return pack_zero (f, sign);
  /* (a.sig << 63) / b.sig lies in (2^62, 2^64): 63 or 64 quotient bits. */
  num = (u128) a.sig << 63;
  q = (uint64_t) (num / b.sig);
  r = (uint64_t) (num % b.sig);
  return round_pack (st, f, sign, a.exp - b.exp, q | (r != 0));
}

/* floor (sqrt (n)), one result bit per step. */
static uint64_t
isqrt64 (uint64_t n)
{
  uint64_t res = 0, bit = UINT64_C (1) << 62;

  while (bit > n)
    bit >>= 2;
  while (bit) {
    if (n >= res + bit) {
      n -= res + bit;
      res = (res >> 1) + bit;
    } else {
      res >>= 1;
    }
    bit >>= 2;
  }
  return res;
}

/* floor (sqrt (n)) for n in [2^126, 2^128); *exact tells whether the root
 * was exact.  Integer Newton steps from above never go below the floor
 * of the root and stop there; starting within 2^-31 of it (from the
 * root of the high half) they need two or three steps. */
static uint64_t
isqrt128 (u128 n, bool *exact)
{
  u128 r = ((u128) isqrt64 ((uint64_t) (n >> 64)) + 1) << 32;

  for (;;) {
    u128 next = (r + n / r) >> 1;

    if (next >= r)
      break;
    r = next;
  }
  *exact = r * r == n;
  return (uint64_t) r;
}

static uint64_t
fp_sqrt (MdlFpStatus *st, const FpFormat *f, uint64_t abits)
{
  FpValue a = unpack (st, f, abits);
  const FpValue *ops[1] = { &a };
  u128 n;
  int32_t k;
  uint64_t root;
  bool exact;

  if (is_nan_value (&a))
    return nan_result (st, f, ops, 1);
  if (a.cls == FP_ZERO)
    return a.bits; /* sqrt(-0) is -0 */
  if (a.sign)
    return invalid (st, f);
  if (a.cls == FP_INF)
    return a.bits;
  /* value = n * 2^(2k) with n in [2^126, 2^128), so the root is in
   * [2^63, 2^64) times 2^k. */
  if (a.exp & 1) {
    n = (u128) a.sig << 64;
    k = (a.exp - 127) / 2;
  } else {
    n = (u128) a.sig << 63;
    k = (a.exp - 126) / 2;
  }
  root = isqrt128 (n, &exact);
  return round_pack (st, f, false, k + 63, root | !exact);
}

static uint64_t
fp_muladd (MdlFpStatus *st, const FpFormat *f, uint64_t abits, uint64_t bbits, uint64_t cbits,
           int scale)
{
  FpValue a = unpack (st, f, abits), b = unpack (st, f, bbits), c = unpack (st, f, cbits);
  bool ps = a.sign ^ b.sign;
  bool inf_times_zero
    = (a.cls == FP_INF && b.cls == FP_ZERO) || (a.cls == FP_ZERO && b.cls == FP_INF);
  u128 p, x, y, s;
  int32_t ep, ec, lsb;
  bool sign;

  if (is_nan_value (&a) || is_nan_value (&b) || is_nan_value (&c)) {
    /* Arm's order (addend first); ∞ × 0 is invalid even beside a quiet
     * NaN (RISC-V says so, and Arm then returns the default NaN). */
    const FpValue *ops[3] = { &c, &a, &b };

    if (inf_times_zero) {
      st->flags |= MDL_FP_NV;
      if (c.cls == FP_QNAN)
        return f->default_nan;
    }
    return nan_result (st, f, ops, 3);
  }
  if (inf_times_zero)
    return invalid (st, f);
  if (a.cls == FP_INF || b.cls == FP_INF) {
    if (c.cls == FP_INF && c.sign != ps)
      return invalid (st, f);
    return pack_inf (f, ps);
  }
  if (c.cls == FP_INF)
    return pack_inf (f, c.sign);
  if (a.cls == FP_ZERO || b.cls == FP_ZERO) {
    if (c.cls == FP_ZERO)
      return pack_zero (f, ps == c.sign ? ps : st->round == MDL_FP_RDN);
    return round_pack (st, f, c.sign, c.exp + scale, c.sig);
  }

  /* The exact product, two bits of headroom (its low 22 bits at least
   * are zero, so the shift loses nothing): p * 2^ep. */
  p = ((u128) a.sig * b.sig) >> 2;
  ep = a.exp + b.exp - 124;
  if (c.cls == FP_ZERO)
    return round_pack128 (st, f, ps, ep + scale, p);
  /* The addend at the same height: c.sig * 2^62 * 2^ec. */
  x = (u128) c.sig << 62;
  ec = c.exp - 125;
  /* Align on the larger operand's scale.  Bits shifted out are known
   * zero unless the operands differ so much in magnitude that no more
   * than a bit or two can cancel, so the sticky bit stays far below the
   * rounding position. */
  if (ep >= ec) {
    y = shift_right_jam128 (x, ep - ec);
    x = p;
    lsb = ep;
    sign = ps;
    if (c.sign == ps) {
      s = x + y;
    } else if (x >= y) {
      s = x - y;
    } else {
      s = y - x;
      sign = c.sign;
    }
  } else {
    y = shift_right_jam128 (p, ec - ep);
    lsb = ec;
    sign = c.sign;
    if (c.sign == ps) {
      s = x + y;
    } else if (x >= y) {
      s = x - y;
    } else {
      s = y - x;
      sign = ps;
    }
  }
  if (s == 0)
    return pack_zero (f, st->round == MDL_FP_RDN);
  return round_pack128 (st, f, sign, lsb + scale, s);
}

uint32_t
ref_f32_add (MdlFpStatus *st, uint32_t a, uint32_t b)
{
  return (uint32_t) fp_add (st, &f32_fmt, a, b, false);
}

uint32_t
ref_f32_sub (MdlFpStatus *st, uint32_t a, uint32_t b)
{
  return (uint32_t) fp_add (st, &f32_fmt, a, b, true);
}

uint32_t
ref_f32_mul (MdlFpStatus *st, uint32_t a, uint32_t b)
{
  return (uint32_t) fp_mul (st, &f32_fmt, a, b);
}

uint32_t
ref_f32_div (MdlFpStatus *st, uint32_t a, uint32_t b)
{
  return (uint32_t) fp_div (st, &f32_fmt, a, b);
}

uint32_t
ref_f32_sqrt (MdlFpStatus *st, uint32_t a)
{
  return (uint32_t) fp_sqrt (st, &f32_fmt, a);
}

uint32_t
ref_f32_muladd (MdlFpStatus *st, uint32_t a, uint32_t b, uint32_t c)
{
  return (uint32_t) fp_muladd (st, &f32_fmt, a, b, c, 0);
}

uint64_t
ref_f64_add (MdlFpStatus *st, uint64_t a, uint64_t b)
{
  return fp_add (st, &f64_fmt, a, b, false);
}

uint64_t
ref_f64_sub (MdlFpStatus *st, uint64_t a, uint64_t b)
{
  return fp_add (st, &f64_fmt, a, b, true);
}

uint64_t
ref_f64_mul (MdlFpStatus *st, uint64_t a, uint64_t b)
{
  return fp_mul (st, &f64_fmt, a, b);
}

uint64_t
ref_f64_div (MdlFpStatus *st, uint64_t a, uint64_t b)
{
  return fp_div (st, &f64_fmt, a, b);
}

uint64_t
ref_f64_sqrt (MdlFpStatus *st, uint64_t a)
{
  return fp_sqrt (st, &f64_fmt, a);
}

uint64_t
ref_f64_muladd (MdlFpStatus *st, uint64_t a, uint64_t b, uint64_t c)
{
  return fp_muladd (st, &f64_fmt, a, b, c, 0);
}

uint32_t
ref_f32_muladd_scaled (MdlFpStatus *st, uint32_t a, uint32_t b, uint32_t c, int scale)
{
  return (uint32_t) fp_muladd (st, &f32_fmt, a, b, c, scale);
}

uint64_t
ref_f64_muladd_scaled (MdlFpStatus *st, uint64_t a, uint64_t b, uint64_t c, int scale)
{
  return fp_muladd (st, &f64_fmt, a, b, c, scale);
}

/* ---- comparisons and min/max ---- */

static inline bool
bits_nan (const FpFormat *f, uint64_t x)
{
  return ((x >> f->frac_bits) & (uint64_t) f->exp_max) == (uint64_t) f->exp_max
         && (x & frac_mask (f)) != 0;
}

static inline bool
bits_snan (const FpFormat *f, uint64_t x)
{
  return bits_nan (f, x) && !((x >> (f->frac_bits - 1)) & 1);
}

static inline bool
bits_zero (const FpFormat *f, uint64_t x)
{
  return (x & ~sign_bit (f, true)) == 0;
}

/* a < b for non-NaN encodings, with -0 < +0. */
static inline bool
total_lt (const FpFormat *f, uint64_t a, uint64_t b)
{
  bool sa = (a >> f->sign_shift) & 1, sb = (b >> f->sign_shift) & 1;

  if (sa != sb)
    return sa;
  return sa ? a > b : a < b;
}

typedef enum { CMP_EQ, CMP_LT, CMP_LE } CmpOp;

static bool
fp_compare (MdlFpStatus *st, const FpFormat *f, uint64_t a, uint64_t b, CmpOp op)
{
  a = flush_input (st, f, a);
  b = flush_input (st, f, b);
  if (bits_nan (f, a) || bits_nan (f, b)) {
    if (op != CMP_EQ || bits_snan (f, a) || bits_snan (f, b))
      st->flags |= MDL_FP_NV;
    return false;
  }
  if (a == b || (bits_zero (f, a) && bits_zero (f, b)))
    return op != CMP_LT;
  return op != CMP_EQ && total_lt (f, a, b);
}

static uint64_t
fp_minmax (MdlFpStatus *st, const FpFormat *f, uint64_t a, uint64_t b, bool is_max)
{
  bool an, bn;

  a = flush_input (st, f, a);
  b = flush_input (st, f, b);
  an = bits_nan (f, a);
  bn = bits_nan (f, b);
  if (bits_snan (f, a) || bits_snan (f, b))
    st->flags |= MDL_FP_NV;
  if (an && bn) {
    FpValue va = unpack (st, f, a), vb = unpack (st, f, b);

    return nan_result2 (st, f, &va, &vb);
  }
  if (an)
    return b;
  if (bn)
    return a;
  return total_lt (f, a, b) != is_max ? a : b;
}

bool
ref_f32_eq (MdlFpStatus *st, uint32_t a, uint32_t b)
{
  return fp_compare (st, &f32_fmt, a, b, CMP_EQ);
}

bool
ref_f32_lt (MdlFpStatus *st, uint32_t a, uint32_t b)
{
  return fp_compare (st, &f32_fmt, a, b, CMP_LT);
}

bool
ref_f32_le (MdlFpStatus *st, uint32_t a, uint32_t b)
{
  return fp_compare (st, &f32_fmt, a, b, CMP_LE);
}

bool
ref_f64_eq (MdlFpStatus *st, uint64_t a, uint64_t b)
{
  return fp_compare (st, &f64_fmt, a, b, CMP_EQ);
}

bool
ref_f64_lt (MdlFpStatus *st, uint64_t a, uint64_t b)
{
  return fp_compare (st, &f64_fmt, a, b, CMP_LT);
}

bool
ref_f64_le (MdlFpStatus *st, uint64_t a, uint64_t b)
{
  return fp_compare (st, &f64_fmt, a, b, CMP_LE);
}

uint32_t
ref_f32_min_num (MdlFpStatus *st, uint32_t a, uint32_t b)
{
  return (uint32_t) fp_minmax (st, &f32_fmt, a, b, false);
}

uint32_t
ref_f32_max_num (MdlFpStatus *st, uint32_t a, uint32_t b)
{
  return (uint32_t) fp_minmax (st, &f32_fmt, a, b, true);
}

uint64_t
ref_f64_min_num (MdlFpStatus *st, uint64_t a, uint64_t b)
{
  return fp_minmax (st, &f64_fmt, a, b, false);
}

uint64_t
ref_f64_max_num (MdlFpStatus *st, uint64_t a, uint64_t b)
{
  return fp_minmax (st, &f64_fmt, a, b, true);
}

/* ---- classification ---- */

static unsigned
fp_classify (const FpFormat *f, uint64_t a)
{
  bool sign = (a >> f->sign_shift) & 1;
  uint64_t e = (a >> f->frac_bits) & (uint64_t) f->exp_max;
  uint64_t frac = a & frac_mask (f);

  if (e == (uint64_t) f->exp_max) {
    if (frac == 0)
      return sign ? 1u << 0 : 1u << 7;
    return bits_snan (f, a) ? 1u << 8 : 1u << 9;
  }
  if (e == 0) {
    if (frac == 0)
      return sign ? 1u << 3 : 1u << 4;
    return sign ? 1u << 2 : 1u << 5;
  }
  return sign ? 1u << 1 : 1u << 6;
}

unsigned
ref_f32_classify (uint32_t a)
{
  return fp_classify (&f32_fmt, a);
}

unsigned
ref_f64_classify (uint64_t a)
{
  return fp_classify (&f64_fmt, a);
}

bool
ref_f32_is_nan (uint32_t a)
{
  return bits_nan (&f32_fmt, a);
}

bool
ref_f64_is_nan (uint64_t a)
{
  return bits_nan (&f64_fmt, a);
}

bool
ref_f32_is_signaling_nan (uint32_t a)
{
  return bits_snan (&f32_fmt, a);
}

bool
ref_f64_is_signaling_nan (uint64_t a)
{
  return bits_snan (&f64_fmt, a);
}

/* ---- conversions ---- */

/* Float to a @width-bit integer, returned as its two's complement bits. */
static uint64_t
fp_to_int (MdlFpStatus *st, const FpFormat *f, uint64_t bits, MdlFpRound rm, bool is_signed,
           int width, int scale)
{
  FpValue v = unpack (st, f, bits);
  uint64_t max_pos = is_signed ? (UINT64_C (1) << (width - 1)) - 1
                               : (width == 64 ? UINT64_MAX : (UINT64_C (1) << width) - 1);
  uint64_t max_neg = is_signed ? UINT64_C (1) << (width - 1) : 0; /* magnitude */
  uint64_t m;
  bool inexact;

  switch (v.cls) {
  case FP_QNAN:
  case FP_SNAN: st->flags |= MDL_FP_NV; return max_pos;
  case FP_ZERO: return 0;
  case FP_INF: goto saturate;
  default: break;
  }
  v.exp += scale;
  if (v.exp > 63)
    goto saturate;
  /* Rounded first, range checked after: -0.4 to unsigned is 0 and inexact,
   * and 2^31 - 0.4 rounded down fits an int32_t. */
  m = round_shift (v.sig, 63 - v.exp, v.sign, rm, &inexact);
  if (v.sign ? m > max_neg : m > max_pos)
    goto saturate;
  if (inexact)
    st->flags |= MDL_FP_NX;
  return v.sign ? -m : m;

saturate:
  /* Out of range raises NV alone, not NX as well. */
  st->flags |= MDL_FP_NV;
  return v.sign ? -max_neg : max_pos;
}

int32_t
ref_f32_to_i32 (MdlFpStatus *st, uint32_t a, MdlFpRound round)
{
  return (int32_t) (uint32_t) fp_to_int (st, &f32_fmt, a, round, true, 32, 0);
}

uint32_t
ref_f32_to_u32 (MdlFpStatus *st, uint32_t a, MdlFpRound round)
{
  return (uint32_t) fp_to_int (st, &f32_fmt, a, round, false, 32, 0);
}

int64_t
ref_f32_to_i64 (MdlFpStatus *st, uint32_t a, MdlFpRound round)
{
  return (int64_t) fp_to_int (st, &f32_fmt, a, round, true, 64, 0);
}

uint64_t
ref_f32_to_u64 (MdlFpStatus *st, uint32_t a, MdlFpRound round)
{
  return fp_to_int (st, &f32_fmt, a, round, false, 64, 0);
}

int32_t
ref_f64_to_i32 (MdlFpStatus *st, uint64_t a, MdlFpRound round)
{
  return (int32_t) (uint32_t) fp_to_int (st, &f64_fmt, a, round, true, 32, 0);
}

uint32_t
ref_f64_to_u32 (MdlFpStatus *st, uint64_t a, MdlFpRound round)
{
  return (uint32_t) fp_to_int (st, &f64_fmt, a, round, false, 32, 0);
}

int64_t
ref_f64_to_i64 (MdlFpStatus *st, uint64_t a, MdlFpRound round)
{
  return (int64_t) fp_to_int (st, &f64_fmt, a, round, true, 64, 0);
}

uint64_t
ref_f64_to_u64 (MdlFpStatus *st, uint64_t a, MdlFpRound round)
{
  return fp_to_int (st, &f64_fmt, a, round, false, 64, 0);
}

uint64_t
ref_f32_to_fixed (MdlFpStatus *st, uint32_t a, int fbits, MdlFpRound round, bool is_signed,
                  int width)
{
  return fp_to_int (st, &f32_fmt, a, round, is_signed, width, fbits);
}

uint64_t
ref_f64_to_fixed (MdlFpStatus *st, uint64_t a, int fbits, MdlFpRound round, bool is_signed,
                  int width)
{
  return fp_to_int (st, &f64_fmt, a, round, is_signed, width, fbits);
}

static uint64_t
int_to_fp (MdlFpStatus *st, const FpFormat *f, bool sign, uint64_t magnitude)
{
  if (magnitude == 0)
    return pack_zero (f, false);
  return round_pack (st, f, sign, 63, magnitude);
}

static inline uint64_t
magnitude64 (int64_t a)
{
  return a < 0 ? -(uint64_t) a : (uint64_t) a;
}

/* magnitude * 2^-fbits, rounded once. */
static uint64_t
fixed_to_fp (MdlFpStatus *st, const FpFormat *f, bool sign, uint64_t magnitude, int fbits)
{
  if (magnitude == 0)
    return pack_zero (f, false);
  return round_pack (st, f, sign, 63 - fbits, magnitude);
}

uint32_t
ref_i64_to_f32_fixed (MdlFpStatus *st, int64_t a, int fbits)
{
  return (uint32_t) fixed_to_fp (st, &f32_fmt, a < 0, magnitude64 (a), fbits);
}

uint32_t
ref_u64_to_f32_fixed (MdlFpStatus *st, uint64_t a, int fbits)
{
  return (uint32_t) fixed_to_fp (st, &f32_fmt, false, a, fbits);
}

uint64_t
ref_i64_to_f64_fixed (MdlFpStatus *st, int64_t a, int fbits)
{
  return fixed_to_fp (st, &f64_fmt, a < 0, magnitude64 (a), fbits);
}

uint64_t
ref_u64_to_f64_fixed (MdlFpStatus *st, uint64_t a, int fbits)
{
  return fixed_to_fp (st, &f64_fmt, false, a, fbits);
}

uint32_t
ref_i32_to_f32 (MdlFpStatus *st, int32_t a)
{
  return (uint32_t) int_to_fp (st, &f32_fmt, a < 0, magnitude64 (a));
}

uint32_t
ref_u32_to_f32 (MdlFpStatus *st, uint32_t a)
{
  return (uint32_t) int_to_fp (st, &f32_fmt, false, a);
}

uint32_t
ref_i64_to_f32 (MdlFpStatus *st, int64_t a)
{
  return (uint32_t) int_to_fp (st, &f32_fmt, a < 0, magnitude64 (a));
}

uint32_t
ref_u64_to_f32 (MdlFpStatus *st, uint64_t a)
{
  return (uint32_t) int_to_fp (st, &f32_fmt, false, a);
}

uint64_t
ref_i32_to_f64 (MdlFpStatus *st, int32_t a)
{
  return int_to_fp (st, &f64_fmt, a < 0, magnitude64 (a));
}

uint64_t
ref_u32_to_f64 (MdlFpStatus *st, uint32_t a)
{
  return int_to_fp (st, &f64_fmt, false, a);
}

uint64_t
ref_i64_to_f64 (MdlFpStatus *st, int64_t a)
{
  return int_to_fp (st, &f64_fmt, a < 0, magnitude64 (a));
}

uint64_t
ref_u64_to_f64 (MdlFpStatus *st, uint64_t a)
{
  return int_to_fp (st, &f64_fmt, false, a);
}

static uint64_t
fp_convert (MdlFpStatus *st, const FpFormat *from, const FpFormat *to, uint64_t bits)
{
  FpValue v = unpack (st, from, bits);
  uint64_t frac;

  switch (v.cls) {
  case FP_QNAN:
  case FP_SNAN:
    if (v.cls == FP_SNAN)
      st->flags |= MDL_FP_NV;
    if (st->nan_mode == MDL_FP_NAN_CANONICAL)
      return to->default_nan;
    /* The payload keeps its leading bits (Arm's FPConvertNaN). */
    frac = v.bits & frac_mask (from);
    frac = to->frac_bits > from->frac_bits ? frac << (to->frac_bits - from->frac_bits)
                                           : frac >> (from->frac_bits - to->frac_bits);
    return quieten (to, pack_inf (to, v.sign) | frac);
  case FP_INF: return pack_inf (to, v.sign);
  case FP_ZERO: return pack_zero (to, v.sign);
  default: return round_pack (st, to, v.sign, v.exp, v.sig);
  }
}

uint64_t
ref_f32_to_f64 (MdlFpStatus *st, uint32_t a)
{
  return fp_convert (st, &f32_fmt, &f64_fmt, a);
}

uint32_t
ref_f64_to_f32 (MdlFpStatus *st, uint64_t a)
{
  return (uint32_t) fp_convert (st, &f64_fmt, &f32_fmt, a);
}

uint16_t
ref_f32_to_f16 (MdlFpStatus *st, uint32_t a)
{
  return (uint16_t) fp_convert (st, &f32_fmt, &f16_fmt, a);
}

uint32_t
ref_f16_to_f32 (MdlFpStatus *st, uint16_t a)
{
  return (uint32_t) fp_convert (st, &f16_fmt, &f32_fmt, a);
}

static uint64_t
fp_round_int (MdlFpStatus *st, const FpFormat *f, uint64_t bits, MdlFpRound rm, bool exact)
{
  FpValue v = unpack (st, f, bits);
  const FpValue *ops[1] = { &v };
  uint64_t m;
  bool inexact;

  switch (v.cls) {
  case FP_QNAN:
  case FP_SNAN: return nan_result (st, f, ops, 1);
  case FP_INF:
  case FP_ZERO: return v.bits;
  default: break;
  }
  if (v.exp >= f->frac_bits)
    return v.bits; /* no fraction bits left */
  m = round_shift (v.sig, 63 - v.exp, v.sign, rm, &inexact);
  if (inexact && exact)
    st->flags |= MDL_FP_NX;
  if (m == 0)
    return pack_zero (f, v.sign);
  /* An integer below 2^53 (2^24): packing it is exact. */
  return round_pack (st, f, v.sign, 63, m);
}

uint32_t
ref_f32_round_int (MdlFpStatus *st, uint32_t a, MdlFpRound round, bool exact)
{
  return (uint32_t) fp_round_int (st, &f32_fmt, a, round, exact);
}

uint64_t
ref_f64_round_int (MdlFpStatus *st, uint64_t a, MdlFpRound round, bool exact)
{
  return fp_round_int (st, &f64_fmt, a, round, exact);
}
