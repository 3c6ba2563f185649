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
 *
 * Speed (guest floating point runs through here on every target): the
 * arithmetic operations first test whether every operand is a normal
 * number and then skip the unpacking and the special cases, and the
 * format-generic code is inlined into each public function so that the
 * format's constants fold.  Whatever the path, the result is the same
 * bits and flags; tests/engine/test-softfloat-diff.c holds them to the
 * plain implementation they replaced.
 */
#include "softfloat.h"

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

/* The operations are written once for every format and inlined into each
 * public function, so that the format's constants fold and the FpValue
 * structures live in registers.  The rare paths stay out of line. */
#define SF_INLINE   static inline __attribute__ ((always_inline))
#define SF_COLD     static __attribute__ ((noinline, cold))
#define likely(x)   __builtin_expect (!!(x), 1)
#define unlikely(x) __builtin_expect (!!(x), 0)

_Static_assert(MDL_FP_NX == 1, "round_pack() ORs its inexact bool into the flags");

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

/* The same on the halves: the compiler's own 128-bit shifts by a
 * variable count make both shifts and select between them. */
static inline u128
shift_right_jam128 (u128 x, int n)
{
  uint64_t hi = (uint64_t) (x >> 64), lo = (uint64_t) x;

  if (n <= 0)
    return x;
  if (n < 64)
    return ((u128) (hi >> n) << 64) | (lo >> n) | (hi << (64 - n)) | ((lo << (64 - n)) != 0);
  if (n < 128) {
    uint64_t dropped = n == 64 ? lo : lo | (hi << (128 - n));

    return (hi >> (n - 64)) | (dropped != 0);
  }
  return x != 0;
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

SF_INLINE FpValue
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
SF_INLINE uint64_t
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

SF_COLD uint64_t
overflow (MdlFpStatus *st, const FpFormat *f, bool sign)
{
  int rm = st->round;
  bool to_inf = rm == MDL_FP_RNE || rm == MDL_FP_RMM || (rm == MDL_FP_RUP && !sign)
                || (rm == MDL_FP_RDN && sign);

  st->flags |= MDL_FP_OF | MDL_FP_NX;
  /* The largest finite number is the encoding just below infinity. */
  return to_inf ? pack_inf (f, sign) : pack_inf (f, sign) - 1;
}

/* round_pack()'s results below the normal range: flushed, or subnormal
 * (or the smallest normal, reached by rounding).  @sig is normalised. */
SF_COLD uint64_t
round_pack_tiny (MdlFpStatus *st, const FpFormat *f, bool sign, int32_t exp, uint64_t sig)
{
  int p = f->frac_bits + 1;
  int emin = 1 - f->bias;
  int rm = st->round;
  bool inexact, tiny = true;
  uint64_t q;

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
SF_INLINE uint64_t
round_pack (MdlFpStatus *st, const FpFormat *f, bool sign, int32_t exp, uint64_t sig)
{
  int p = f->frac_bits + 1;
  bool inexact;
  uint64_t q, enc;
  int n = clz64 (sig);

  sig <<= n;
  exp -= n;
  /* One test for both ends of the normal range [1 - bias, bias]. */
  if (unlikely ((uint32_t) (exp - (1 - f->bias)) > (uint32_t) (2 * f->bias - 1))) {
    if (exp < 1 - f->bias)
      return round_pack_tiny (st, f, sign, exp, sig);
    return overflow (st, f, sign);
  }
  if (likely (st->round == MDL_FP_RNE)) {
    /* Half a unit less one, plus the kept part's last bit: a carry into
     * the kept part when above half, or at half with that bit odd. */
    uint64_t r = sig & ((UINT64_C (1) << (64 - p)) - 1);

    q = sig >> (64 - p);
    q += (r + (UINT64_C (1) << (63 - p)) - 1 + (q & 1)) >> (64 - p);
    inexact = r != 0;
  } else {
    q = round_shift (sig, 64 - p, sign, st->round, &inexact);
  }
  /* q holds the leading one at bit frac_bits, so adding it to the
   * exponent field less one packs both; a carry out of the significand
   * (q == 2^p) steps the exponent by itself. */
  enc = ((uint64_t) (exp + f->bias - 1) << f->frac_bits) + q;
  if (unlikely (enc >= (uint64_t) f->exp_max << f->frac_bits))
    return overflow (st, f, sign);
  /* MDL_FP_NX is bit 0 (asserted at the top): no branch. */
  st->flags |= (uint8_t) inexact;
  return sign_bit (f, sign) | enc;
}

/* Rounds sign * sig * 2^lsb_exp (sig nonzero). */
SF_INLINE uint64_t
round_pack128 (MdlFpStatus *st, const FpFormat *f, bool sign, int32_t lsb_exp, u128 sig)
{
  uint64_t hi = (uint64_t) (sig >> 64), lo = (uint64_t) sig;
  int n;

  if (!hi)
    return round_pack (st, f, sign, lsb_exp + 63, lo);
  /* The top 64 bits from the leading one, the rest as sticky. */
  n = clz64 (hi);
  if (n)
    hi = (hi << n) | (lo >> (64 - n));
  return round_pack (st, f, sign, lsb_exp + 127 - n, hi | ((lo << n) != 0));
}

static inline uint64_t
quieten (const FpFormat *f, uint64_t bits)
{
  return bits | (UINT64_C (1) << (f->frac_bits - 1));
}

/* The NaN result of an operation with NaN operands ops[0..n-1] (in the
 * order they are examined when propagating); NV for a signalling one. */
SF_COLD uint64_t
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

SF_COLD uint64_t
nan_result2 (MdlFpStatus *st, const FpFormat *f, const FpValue *a, const FpValue *b)
{
  const FpValue *ops[2] = { a, b };

  return nan_result (st, f, ops, 2);
}

SF_COLD uint64_t
invalid (MdlFpStatus *st, const FpFormat *f)
{
  st->flags |= MDL_FP_NV;
  return f->default_nan;
}

/* ---- arithmetic ----
 *
 * Each operation has a core working on finite nonzero operands given as
 * (sign, exponent, significand), reached two ways: from the fast path,
 * taken when every operand's biased exponent is neither 0 nor all ones
 * (normal numbers: no classification, never flushed, decoded straight
 * from the bits), and from the general path, which unpacks, deals with
 * NaNs, infinities, zeros and flushing, and stays out of line. */

/* A normal number's encoding: the exponent field neither 0 nor all ones. */
SF_INLINE bool
is_normal (const FpFormat *f, uint64_t x)
{
  uint64_t e = (x >> f->frac_bits) & (uint64_t) f->exp_max;

  return e - 1 < (uint64_t) f->exp_max - 1;
}

SF_INLINE bool
sign_of (const FpFormat *f, uint64_t x)
{
  return (x >> f->sign_shift) & 1;
}

/* A normal number's exponent and significand as unpack() gives them. */
SF_INLINE int32_t
normal_exp (const FpFormat *f, uint64_t x)
{
  return (int32_t) ((x >> f->frac_bits) & (uint64_t) f->exp_max) - f->bias;
}

SF_INLINE uint64_t
normal_sig (const FpFormat *f, uint64_t x)
{
  /* The sign and exponent bits leave through the top. */
  return (x | (UINT64_C (1) << f->frac_bits)) << (63 - f->frac_bits);
}

/* a + b for finite nonzero operands. */
SF_INLINE uint64_t
add_core (MdlFpStatus *st, const FpFormat *f, bool as, int32_t ae, uint64_t asig, bool bs,
          int32_t be, uint64_t bsig)
{
  uint64_t sa, sb, sum;

  if (ae < be || (ae == be && asig < bsig)) {
    bool ts = as;
    int32_t te = ae;
    uint64_t tsig = asig;

    as = bs;
    ae = be;
    asig = bsig;
    bs = ts;
    be = te;
    bsig = tsig;
  }
  /* One bit of headroom for the carry; the operands' low bits are zero,
   * so nothing is lost until b is shifted past them. */
  sa = asig >> 1;
  sb = shift_right_jam64 (bsig >> 1, ae - be);
  if (as == bs) {
    sum = sa + sb;
  } else {
    sum = sa - sb;
    if (sum == 0)
      return pack_zero (f, st->round == MDL_FP_RDN);
  }
  return round_pack (st, f, as, ae + 1, sum);
}

SF_INLINE uint64_t
fp_add (MdlFpStatus *st, const FpFormat *f, uint64_t abits, uint64_t bbits, bool subtract)
{
  FpValue a = unpack (st, f, abits), b = unpack (st, f, bbits);

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
  return add_core (st, f, a.sign, a.exp, a.sig, b.sign, b.exp, b.sig);
}

SF_INLINE uint64_t
fast_add (MdlFpStatus *st, const FpFormat *f, uint64_t a, uint64_t b, bool subtract)
{
  return add_core (st, f, sign_of (f, a), normal_exp (f, a), normal_sig (f, a),
                   sign_of (f, b) ^ subtract, normal_exp (f, b), normal_sig (f, b));
}

SF_INLINE uint64_t
mul_core (MdlFpStatus *st, const FpFormat *f, bool sign, int32_t ae, uint64_t asig, int32_t be,
          uint64_t bsig)
{
  u128 prod = (u128) asig * bsig;

  /* prod * 2^(ae + be - 126), kept as its high half plus sticky. */
  return round_pack (st, f, sign, ae + be + 1, (uint64_t) (prod >> 64) | ((uint64_t) prod != 0));
}

SF_INLINE uint64_t
fp_mul (MdlFpStatus *st, const FpFormat *f, uint64_t abits, uint64_t bbits)
{
  FpValue a = unpack (st, f, abits), b = unpack (st, f, bbits);
  bool sign = a.sign ^ b.sign;

  if (is_nan_value (&a) || is_nan_value (&b))
    return nan_result2 (st, f, &a, &b);
  if (a.cls == FP_INF || b.cls == FP_INF) {
    if (a.cls == FP_ZERO || b.cls == FP_ZERO)
      return invalid (st, f);
    return pack_inf (f, sign);
  }
  if (a.cls == FP_ZERO || b.cls == FP_ZERO)
    return pack_zero (f, sign);
  return mul_core (st, f, sign, a.exp, a.sig, b.exp, b.sig);
}

SF_INLINE uint64_t
fast_mul (MdlFpStatus *st, const FpFormat *f, uint64_t a, uint64_t b)
{
  return mul_core (st, f, sign_of (f, a) ^ sign_of (f, b), normal_exp (f, a), normal_sig (f, a),
                   normal_exp (f, b), normal_sig (f, b));
}

SF_INLINE uint64_t
div_core (MdlFpStatus *st, const FpFormat *f, bool sign, int32_t ae, uint64_t asig, int32_t be,
          uint64_t bsig)
{
  /* (asig << 63) / bsig lies in (2^62, 2^64): 63 or 64 quotient bits. */
  u128 num = (u128) asig << 63;
  uint64_t q = (uint64_t) (num / bsig);
  uint64_t r = (uint64_t) (num % bsig);

  return round_pack (st, f, sign, ae - be, q | (r != 0));
}

SF_INLINE uint64_t
fp_div (MdlFpStatus *st, const FpFormat *f, uint64_t abits, uint64_t bbits)
{
  FpValue a = unpack (st, f, abits), b = unpack (st, f, bbits);
  bool sign = a.sign ^ b.sign;

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
  return div_core (st, f, sign, a.exp, a.sig, b.exp, b.sig);
}

SF_INLINE uint64_t
fast_div (MdlFpStatus *st, const FpFormat *f, uint64_t a, uint64_t b)
{
  return div_core (st, f, sign_of (f, a) ^ sign_of (f, b), normal_exp (f, a), normal_sig (f, a),
                   normal_exp (f, b), normal_sig (f, b));
}

/* floor (sqrt (n)) for n in [2^62, 2^64).  Integer Newton steps from
 * above never go below the floor of the root and stop there; from a seed
 * at most 12 % high (the root of the top of n's sixteenth) they take
 * five or six steps. */
static uint64_t
isqrt64 (uint64_t n)
{
  /* ceil (sqrt ((k + 1) * 2^60)) for k = 4..15, the top four bits of n. */
  static const uint64_t seed[12] = {
    0x8f1bbcdd, 0x9cc470a1, 0xa953fd4f, 0xb504f334, 0xc0000000, 0xca62c1d7,
    0xd44394a0, 0xddb3d743, 0xe6c15a24, 0xef77508c, 0xf7def58b, 0x100000000,
  };
  uint64_t r = seed[(n >> 60) - 4];

  for (;;) {
    uint64_t next = (r + n / r) >> 1;

    if (next >= r)
      return r;
    r = next;
  }
}

/* floor (sqrt (n)) for n in [2^126, 2^128 - 2^66); *exact tells whether
 * the root was exact.  With s the root of the high half, the tangent at
 * s * 2^32, r = s * 2^32 + (n - s^2 * 2^64) / (s * 2^33), is above the
 * root (the root is concave) by less than one (the root is within 2^32
 * of s * 2^32 and at least 2^63): r is the floor or one more. */
static uint64_t
isqrt128 (u128 n, bool *exact)
{
  uint64_t hi = (uint64_t) (n >> 64), lo = (uint64_t) n;
  uint64_t s = isqrt64 (hi);
  /* hi - s^2 is at most 2s, below 2^33: shifted up by 31 it fits, and
   * dividing the quotient by 2^33 first loses nothing of the floor. */
  uint64_t r = (s << 32) + (((hi - s * s) << 31) | (lo >> 33)) / s;
  u128 sq = (u128) r * r;

  if (sq > n) {
    r--;
    sq = (u128) r * r;
  }
  *exact = sq == n;
  return r;
}

/* sqrt of a positive finite nonzero operand. */
SF_INLINE uint64_t
sqrt_core (MdlFpStatus *st, const FpFormat *f, int32_t e, uint64_t sig)
{
  u128 n;
  int32_t k;
  uint64_t root;
  bool exact;

  /* value = n * 2^(2k) with n in [2^126, 2^128), so the root is in
   * [2^63, 2^64) times 2^k. */
  if (e & 1) {
    n = (u128) sig << 64;
    k = (e - 127) / 2;
  } else {
    n = (u128) sig << 63;
    k = (e - 126) / 2;
  }
  root = isqrt128 (n, &exact);
  return round_pack (st, f, false, k + 63, root | !exact);
}

SF_INLINE uint64_t
fp_sqrt (MdlFpStatus *st, const FpFormat *f, uint64_t abits)
{
  FpValue a = unpack (st, f, abits);
  const FpValue *ops[1] = { &a };

  if (is_nan_value (&a))
    return nan_result (st, f, ops, 1);
  if (a.cls == FP_ZERO)
    return a.bits; /* sqrt(-0) is -0 */
  if (a.sign)
    return invalid (st, f);
  if (a.cls == FP_INF)
    return a.bits;
  return sqrt_core (st, f, a.exp, a.sig);
}

/* (a * b + c) * 2^scale for finite nonzero a, b and c; ps is the
 * product's sign. */
SF_INLINE uint64_t
muladd_core (MdlFpStatus *st, const FpFormat *f, bool ps, int32_t ae, uint64_t asig, int32_t be,
             uint64_t bsig, bool cs, int32_t ce, uint64_t csig, int scale)
{
  u128 p, x, y, s;
  int32_t ep, ec, lsb;
  bool sign;

  /* The exact product p * 2^ep, in [2^126, 2^128), and the addend
   * x * 2^ec, in [2^127, 2^128).  Their low 22 and 75 bits are zero. */
  p = (u128) asig * bsig;
  ep = ae + be - 126;
  x = (u128) csig << 64;
  ec = ce - 127;
  /* Align on the larger operand's scale.  Bits shifted out are known
   * zero unless the operands differ so much in magnitude that no more
   * than a bit can cancel, so the sticky bit stays far below the
   * rounding position. */
  if (ep >= ec) {
    y = shift_right_jam128 (x, ep - ec);
    x = p;
    lsb = ep;
    sign = ps;
  } else {
    y = shift_right_jam128 (p, ec - ep);
    lsb = ec;
    sign = cs;
  }
  if (cs == ps) {
    /* A carry out of bit 127 is shifted back in, the bit it pushes out
     * kept as sticky (the sum's leading one is then at bit 127). */
    if (__builtin_add_overflow (x, y, &s)) {
      s = (s >> 1) | (s & 1) | ((u128) 1 << 127);
      lsb++;
    }
  } else if (x >= y) {
    s = x - y;
  } else {
    s = y - x;
    sign = !sign;
  }
  if (s == 0)
    return pack_zero (f, st->round == MDL_FP_RDN);
  return round_pack128 (st, f, sign, lsb + scale, s);
}

SF_INLINE uint64_t
fp_muladd (MdlFpStatus *st, const FpFormat *f, uint64_t abits, uint64_t bbits, uint64_t cbits,
           int scale)
{
  FpValue a = unpack (st, f, abits), b = unpack (st, f, bbits), c = unpack (st, f, cbits);
  bool ps = a.sign ^ b.sign;
  bool inf_times_zero
    = (a.cls == FP_INF && b.cls == FP_ZERO) || (a.cls == FP_ZERO && b.cls == FP_INF);

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
  if (c.cls == FP_ZERO)
    return round_pack128 (st, f, ps, a.exp + b.exp - 124 + scale, ((u128) a.sig * b.sig) >> 2);
  return muladd_core (st, f, ps, a.exp, a.sig, b.exp, b.sig, c.sign, c.exp, c.sig, scale);
}

SF_INLINE uint64_t
fast_muladd (MdlFpStatus *st, const FpFormat *f, uint64_t a, uint64_t b, uint64_t c, int scale)
{
  return muladd_core (st, f, sign_of (f, a) ^ sign_of (f, b), normal_exp (f, a), normal_sig (f, a),
                      normal_exp (f, b), normal_sig (f, b), sign_of (f, c), normal_exp (f, c),
                      normal_sig (f, c), scale);
}

/* The fast path for a format whose exact product fits 64 bits with room
 * to spare (binary32: 48 bits): the same alignment as muladd_core() in
 * 64-bit arithmetic.  The product sits at bits 60-61 and the addend's
 * leading one at bit 61, leaving a bit for the carry; their low 14 and
 * 38 bits are zero, so an aligning shift loses nothing unless the other
 * operand is at least 2^14 times larger, when the sum's leading one is
 * at bit 60 or above and the sticky bit far below the rounding position. */
SF_INLINE uint64_t
fast_muladd_narrow (MdlFpStatus *st, const FpFormat *f, uint64_t a, uint64_t b, uint64_t c,
                    int scale)
{
  int p = f->frac_bits + 1;
  uint64_t hidden = UINT64_C (1) << f->frac_bits;
  bool ps = sign_of (f, a) ^ sign_of (f, b), cs = sign_of (f, c), sign;
  uint64_t prod = (((a & frac_mask (f)) | hidden) * ((b & frac_mask (f)) | hidden)) << (62 - 2 * p);
  uint64_t x = ((c & frac_mask (f)) | hidden) << (62 - p), y, sum;
  /* The weights of their bit 0: a's significand is worth
   * 2^(exp - frac_bits) per unit. */
  int32_t ep = normal_exp (f, a) + normal_exp (f, b) - 60;
  int32_t ec = normal_exp (f, c) - 61;
  int32_t lsb;

  if (ep >= ec) {
    y = shift_right_jam64 (x, ep - ec);
    x = prod;
    lsb = ep;
    sign = ps;
    if (cs == ps) {
      sum = x + y;
    } else if (x >= y) {
      sum = x - y;
    } else {
      sum = y - x;
      sign = cs;
    }
  } else {
    y = shift_right_jam64 (prod, ec - ep);
    lsb = ec;
    sign = cs;
    if (cs == ps) {
      sum = x + y;
    } else if (x >= y) {
      sum = x - y;
    } else {
      sum = y - x;
      sign = ps;
    }
  }
  if (sum == 0)
    return pack_zero (f, st->round == MDL_FP_RDN);
  return round_pack (st, f, sign, lsb + 63 + scale, sum);
}

/* The general paths, one out-of-line copy per format. */
#define GENERAL_PATHS(fmt)                                                                         \
  SF_COLD uint64_t fmt##_add_general (MdlFpStatus *st, uint64_t a, uint64_t b, bool subtract)      \
  {                                                                                                \
    return fp_add (st, &fmt##_fmt, a, b, subtract);                                                \
  }                                                                                                \
  SF_COLD uint64_t fmt##_mul_general (MdlFpStatus *st, uint64_t a, uint64_t b)                     \
  {                                                                                                \
    return fp_mul (st, &fmt##_fmt, a, b);                                                          \
  }                                                                                                \
  SF_COLD uint64_t fmt##_div_general (MdlFpStatus *st, uint64_t a, uint64_t b)                     \
  {                                                                                                \
    return fp_div (st, &fmt##_fmt, a, b);                                                          \
  }                                                                                                \
  SF_COLD uint64_t fmt##_sqrt_general (MdlFpStatus *st, uint64_t a)                                \
  {                                                                                                \
    return fp_sqrt (st, &fmt##_fmt, a);                                                            \
  }                                                                                                \
  SF_COLD uint64_t fmt##_muladd_general (MdlFpStatus *st, uint64_t a, uint64_t b, uint64_t c,      \
                                         int scale)                                                \
  {                                                                                                \
    return fp_muladd (st, &fmt##_fmt, a, b, c, scale);                                             \
  }

GENERAL_PATHS (f32)
GENERAL_PATHS (f64)

#define NORMAL2(fmt, a, b)    (likely (is_normal (&fmt##_fmt, a) && is_normal (&fmt##_fmt, b)))
#define NORMAL3(fmt, a, b, c) (NORMAL2 (fmt, a, b) && likely (is_normal (&fmt##_fmt, c)))

uint32_t
mdl_f32_add (MdlFpStatus *st, uint32_t a, uint32_t b)
{
  if (NORMAL2 (f32, a, b))
    return (uint32_t) fast_add (st, &f32_fmt, a, b, false);
  return (uint32_t) f32_add_general (st, a, b, false);
}

uint32_t
mdl_f32_sub (MdlFpStatus *st, uint32_t a, uint32_t b)
{
  if (NORMAL2 (f32, a, b))
    return (uint32_t) fast_add (st, &f32_fmt, a, b, true);
  return (uint32_t) f32_add_general (st, a, b, true);
}

uint32_t
mdl_f32_mul (MdlFpStatus *st, uint32_t a, uint32_t b)
{
  if (NORMAL2 (f32, a, b))
    return (uint32_t) fast_mul (st, &f32_fmt, a, b);
  return (uint32_t) f32_mul_general (st, a, b);
}

uint32_t
mdl_f32_div (MdlFpStatus *st, uint32_t a, uint32_t b)
{
  if (NORMAL2 (f32, a, b))
    return (uint32_t) fast_div (st, &f32_fmt, a, b);
  return (uint32_t) f32_div_general (st, a, b);
}

uint32_t
mdl_f32_sqrt (MdlFpStatus *st, uint32_t a)
{
  if (likely (is_normal (&f32_fmt, a) && !sign_of (&f32_fmt, a)))
    return (uint32_t) sqrt_core (st, &f32_fmt, normal_exp (&f32_fmt, a), normal_sig (&f32_fmt, a));
  return (uint32_t) f32_sqrt_general (st, a);
}

uint32_t
mdl_f32_muladd (MdlFpStatus *st, uint32_t a, uint32_t b, uint32_t c)
{
  if (NORMAL3 (f32, a, b, c))
    return (uint32_t) fast_muladd_narrow (st, &f32_fmt, a, b, c, 0);
  return (uint32_t) f32_muladd_general (st, a, b, c, 0);
}

uint64_t
mdl_f64_add (MdlFpStatus *st, uint64_t a, uint64_t b)
{
  if (NORMAL2 (f64, a, b))
    return fast_add (st, &f64_fmt, a, b, false);
  return f64_add_general (st, a, b, false);
}

uint64_t
mdl_f64_sub (MdlFpStatus *st, uint64_t a, uint64_t b)
{
  if (NORMAL2 (f64, a, b))
    return fast_add (st, &f64_fmt, a, b, true);
  return f64_add_general (st, a, b, true);
}

uint64_t
mdl_f64_mul (MdlFpStatus *st, uint64_t a, uint64_t b)
{
  if (NORMAL2 (f64, a, b))
    return fast_mul (st, &f64_fmt, a, b);
  return f64_mul_general (st, a, b);
}

uint64_t
mdl_f64_div (MdlFpStatus *st, uint64_t a, uint64_t b)
{
  if (NORMAL2 (f64, a, b))
    return fast_div (st, &f64_fmt, a, b);
  return f64_div_general (st, a, b);
}

uint64_t
mdl_f64_sqrt (MdlFpStatus *st, uint64_t a)
{
  if (likely (is_normal (&f64_fmt, a) && !sign_of (&f64_fmt, a)))
    return sqrt_core (st, &f64_fmt, normal_exp (&f64_fmt, a), normal_sig (&f64_fmt, a));
  return f64_sqrt_general (st, a);
}

uint64_t
mdl_f64_muladd (MdlFpStatus *st, uint64_t a, uint64_t b, uint64_t c)
{
  if (NORMAL3 (f64, a, b, c))
    return fast_muladd (st, &f64_fmt, a, b, c, 0);
  return f64_muladd_general (st, a, b, c, 0);
}

uint32_t
mdl_f32_muladd_scaled (MdlFpStatus *st, uint32_t a, uint32_t b, uint32_t c, int scale)
{
  if (NORMAL3 (f32, a, b, c))
    return (uint32_t) fast_muladd_narrow (st, &f32_fmt, a, b, c, scale);
  return (uint32_t) f32_muladd_general (st, a, b, c, scale);
}

uint64_t
mdl_f64_muladd_scaled (MdlFpStatus *st, uint64_t a, uint64_t b, uint64_t c, int scale)
{
  if (NORMAL3 (f64, a, b, c))
    return fast_muladd (st, &f64_fmt, a, b, c, scale);
  return f64_muladd_general (st, a, b, c, scale);
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

SF_INLINE bool
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

SF_INLINE uint64_t
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
mdl_f32_eq (MdlFpStatus *st, uint32_t a, uint32_t b)
{
  return fp_compare (st, &f32_fmt, a, b, CMP_EQ);
}

bool
mdl_f32_lt (MdlFpStatus *st, uint32_t a, uint32_t b)
{
  return fp_compare (st, &f32_fmt, a, b, CMP_LT);
}

bool
mdl_f32_le (MdlFpStatus *st, uint32_t a, uint32_t b)
{
  return fp_compare (st, &f32_fmt, a, b, CMP_LE);
}

bool
mdl_f64_eq (MdlFpStatus *st, uint64_t a, uint64_t b)
{
  return fp_compare (st, &f64_fmt, a, b, CMP_EQ);
}

bool
mdl_f64_lt (MdlFpStatus *st, uint64_t a, uint64_t b)
{
  return fp_compare (st, &f64_fmt, a, b, CMP_LT);
}

bool
mdl_f64_le (MdlFpStatus *st, uint64_t a, uint64_t b)
{
  return fp_compare (st, &f64_fmt, a, b, CMP_LE);
}

uint32_t
mdl_f32_min_num (MdlFpStatus *st, uint32_t a, uint32_t b)
{
  return (uint32_t) fp_minmax (st, &f32_fmt, a, b, false);
}

uint32_t
mdl_f32_max_num (MdlFpStatus *st, uint32_t a, uint32_t b)
{
  return (uint32_t) fp_minmax (st, &f32_fmt, a, b, true);
}

uint64_t
mdl_f64_min_num (MdlFpStatus *st, uint64_t a, uint64_t b)
{
  return fp_minmax (st, &f64_fmt, a, b, false);
}

uint64_t
mdl_f64_max_num (MdlFpStatus *st, uint64_t a, uint64_t b)
{
  return fp_minmax (st, &f64_fmt, a, b, true);
}

/* ---- classification ---- */

SF_INLINE unsigned
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
mdl_f32_classify (uint32_t a)
{
  return fp_classify (&f32_fmt, a);
}

unsigned
mdl_f64_classify (uint64_t a)
{
  return fp_classify (&f64_fmt, a);
}

bool
mdl_f32_is_nan (uint32_t a)
{
  return bits_nan (&f32_fmt, a);
}

bool
mdl_f64_is_nan (uint64_t a)
{
  return bits_nan (&f64_fmt, a);
}

bool
mdl_f32_is_signaling_nan (uint32_t a)
{
  return bits_snan (&f32_fmt, a);
}

bool
mdl_f64_is_signaling_nan (uint64_t a)
{
  return bits_snan (&f64_fmt, a);
}

/* ---- conversions ---- */

/* Float to a @width-bit integer, returned as its two's complement bits. */
SF_INLINE uint64_t
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
mdl_f32_to_i32 (MdlFpStatus *st, uint32_t a, MdlFpRound round)
{
  return (int32_t) (uint32_t) fp_to_int (st, &f32_fmt, a, round, true, 32, 0);
}

uint32_t
mdl_f32_to_u32 (MdlFpStatus *st, uint32_t a, MdlFpRound round)
{
  return (uint32_t) fp_to_int (st, &f32_fmt, a, round, false, 32, 0);
}

int64_t
mdl_f32_to_i64 (MdlFpStatus *st, uint32_t a, MdlFpRound round)
{
  return (int64_t) fp_to_int (st, &f32_fmt, a, round, true, 64, 0);
}

uint64_t
mdl_f32_to_u64 (MdlFpStatus *st, uint32_t a, MdlFpRound round)
{
  return fp_to_int (st, &f32_fmt, a, round, false, 64, 0);
}

int32_t
mdl_f64_to_i32 (MdlFpStatus *st, uint64_t a, MdlFpRound round)
{
  return (int32_t) (uint32_t) fp_to_int (st, &f64_fmt, a, round, true, 32, 0);
}

uint32_t
mdl_f64_to_u32 (MdlFpStatus *st, uint64_t a, MdlFpRound round)
{
  return (uint32_t) fp_to_int (st, &f64_fmt, a, round, false, 32, 0);
}

int64_t
mdl_f64_to_i64 (MdlFpStatus *st, uint64_t a, MdlFpRound round)
{
  return (int64_t) fp_to_int (st, &f64_fmt, a, round, true, 64, 0);
}

uint64_t
mdl_f64_to_u64 (MdlFpStatus *st, uint64_t a, MdlFpRound round)
{
  return fp_to_int (st, &f64_fmt, a, round, false, 64, 0);
}

uint64_t
mdl_f32_to_fixed (MdlFpStatus *st, uint32_t a, int fbits, MdlFpRound round, bool is_signed,
                  int width)
{
  return fp_to_int (st, &f32_fmt, a, round, is_signed, width, fbits);
}

uint64_t
mdl_f64_to_fixed (MdlFpStatus *st, uint64_t a, int fbits, MdlFpRound round, bool is_signed,
                  int width)
{
  return fp_to_int (st, &f64_fmt, a, round, is_signed, width, fbits);
}

SF_INLINE uint64_t
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
SF_INLINE uint64_t
fixed_to_fp (MdlFpStatus *st, const FpFormat *f, bool sign, uint64_t magnitude, int fbits)
{
  if (magnitude == 0)
    return pack_zero (f, false);
  return round_pack (st, f, sign, 63 - fbits, magnitude);
}

uint32_t
mdl_i64_to_f32_fixed (MdlFpStatus *st, int64_t a, int fbits)
{
  return (uint32_t) fixed_to_fp (st, &f32_fmt, a < 0, magnitude64 (a), fbits);
}

uint32_t
mdl_u64_to_f32_fixed (MdlFpStatus *st, uint64_t a, int fbits)
{
  return (uint32_t) fixed_to_fp (st, &f32_fmt, false, a, fbits);
}

uint64_t
mdl_i64_to_f64_fixed (MdlFpStatus *st, int64_t a, int fbits)
{
  return fixed_to_fp (st, &f64_fmt, a < 0, magnitude64 (a), fbits);
}

uint64_t
mdl_u64_to_f64_fixed (MdlFpStatus *st, uint64_t a, int fbits)
{
  return fixed_to_fp (st, &f64_fmt, false, a, fbits);
}

uint32_t
mdl_i32_to_f32 (MdlFpStatus *st, int32_t a)
{
  return (uint32_t) int_to_fp (st, &f32_fmt, a < 0, magnitude64 (a));
}

uint32_t
mdl_u32_to_f32 (MdlFpStatus *st, uint32_t a)
{
  return (uint32_t) int_to_fp (st, &f32_fmt, false, a);
}

uint32_t
mdl_i64_to_f32 (MdlFpStatus *st, int64_t a)
{
  return (uint32_t) int_to_fp (st, &f32_fmt, a < 0, magnitude64 (a));
}

uint32_t
mdl_u64_to_f32 (MdlFpStatus *st, uint64_t a)
{
  return (uint32_t) int_to_fp (st, &f32_fmt, false, a);
}

uint64_t
mdl_i32_to_f64 (MdlFpStatus *st, int32_t a)
{
  return int_to_fp (st, &f64_fmt, a < 0, magnitude64 (a));
}

uint64_t
mdl_u32_to_f64 (MdlFpStatus *st, uint32_t a)
{
  return int_to_fp (st, &f64_fmt, false, a);
}

uint64_t
mdl_i64_to_f64 (MdlFpStatus *st, int64_t a)
{
  return int_to_fp (st, &f64_fmt, a < 0, magnitude64 (a));
}

uint64_t
mdl_u64_to_f64 (MdlFpStatus *st, uint64_t a)
{
  return int_to_fp (st, &f64_fmt, false, a);
}

SF_INLINE uint64_t
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
mdl_f32_to_f64 (MdlFpStatus *st, uint32_t a)
{
  return fp_convert (st, &f32_fmt, &f64_fmt, a);
}

uint32_t
mdl_f64_to_f32 (MdlFpStatus *st, uint64_t a)
{
  return (uint32_t) fp_convert (st, &f64_fmt, &f32_fmt, a);
}

uint16_t
mdl_f32_to_f16 (MdlFpStatus *st, uint32_t a)
{
  return (uint16_t) fp_convert (st, &f32_fmt, &f16_fmt, a);
}

uint32_t
mdl_f16_to_f32 (MdlFpStatus *st, uint16_t a)
{
  return (uint32_t) fp_convert (st, &f16_fmt, &f32_fmt, a);
}

SF_INLINE uint64_t
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
mdl_f32_round_int (MdlFpStatus *st, uint32_t a, MdlFpRound round, bool exact)
{
  return (uint32_t) fp_round_int (st, &f32_fmt, a, round, exact);
}

uint64_t
mdl_f64_round_int (MdlFpStatus *st, uint64_t a, MdlFpRound round, bool exact)
{
  return fp_round_int (st, &f64_fmt, a, round, exact);
}
