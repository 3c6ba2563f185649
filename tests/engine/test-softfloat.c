/* engine/softfloat.c: hand-written corner cases, then millions of
 * operands compared with the host's FPU.
 *
 * The host is the reference only for what it does exactly as IEEE 754
 * says: its four rounding modes (set with fesetround), its exception
 * flags (read with fetestexcept) and the values of non-NaN results.  Its
 * NaNs are not RISC-V's, so only NaN-ness is compared and the NaN rules
 * (canonical, propagation) are checked here.  The host has no
 * round-to-nearest-ties-away, so RMM must agree with RNE except on exact
 * ties, which are found with wider host arithmetic where it is exact.
 * The host's tininess rule is detected at start, since x86 detects it
 * after rounding and Arm before.
 *
 * MDL_SOFTFLOAT_ITERATIONS and MDL_SOFTFLOAT_SEED scale and vary the
 * random part.
 */
#include <glib.h>
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include "engine/softfloat.h"

/* ---- bit views ---- */

static inline float
f_of (uint32_t u)
{
  float f;

  memcpy (&f, &u, 4);
  return f;
}

static inline uint32_t
bits_f (float f)
{
  uint32_t u;

  memcpy (&u, &f, 4);
  return u;
}

static inline double
d_of (uint64_t u)
{
  double d;

  memcpy (&d, &u, 8);
  return d;
}

static inline uint64_t
bits_d (double d)
{
  uint64_t u;

  memcpy (&u, &d, 8);
  return u;
}

static MdlFpStatus
status (MdlFpRound rm)
{
  MdlFpStatus st = { .round = rm, .nan_mode = MDL_FP_NAN_CANONICAL };

  return st;
}

#define F32_QNAN     UINT32_C (0x7fc00000)
#define F32_SNAN     UINT32_C (0x7f800001)
#define F32_INF      UINT32_C (0x7f800000)
#define F32_NINF     UINT32_C (0xff800000)
#define F32_MAX      UINT32_C (0x7f7fffff)
#define F32_MIN      UINT32_C (0x00800000) /* smallest normal */
#define F32_TRUE_MIN UINT32_C (0x00000001)
#define F32_ONE      UINT32_C (0x3f800000)
#define F32_NZERO    UINT32_C (0x80000000)
#define F64_QNAN     UINT64_C (0x7ff8000000000000)
#define F64_SNAN     UINT64_C (0x7ff0000000000001)
#define F64_INF      UINT64_C (0x7ff0000000000000)
#define F64_NINF     UINT64_C (0xfff0000000000000)
#define F64_MAX      UINT64_C (0x7fefffffffffffff)
#define F64_MIN      UINT64_C (0x0010000000000000)
#define F64_ONE      UINT64_C (0x3ff0000000000000)
#define F64_NZERO    UINT64_C (0x8000000000000000)

/* ---- hand-written corner cases ---- */

static void
test_nan (void)
{
  MdlFpStatus st = status (MDL_FP_RNE);

  /* A signalling NaN operand raises NV; a quiet one does not. */
  g_assert_cmphex (mdl_f32_add (&st, F32_SNAN, F32_ONE), ==, MDL_F32_DEFAULT_NAN);
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);
  st.flags = 0;
  g_assert_cmphex (mdl_f32_mul (&st, UINT32_C (0xffc12345), F32_ONE), ==, MDL_F32_DEFAULT_NAN);
  g_assert_cmphex (st.flags, ==, 0);
  g_assert_cmphex (mdl_f64_sub (&st, F64_QNAN | 5, F64_ONE), ==, MDL_F64_DEFAULT_NAN);
  g_assert_cmphex (st.flags, ==, 0);
  g_assert_cmphex (mdl_f64_sqrt (&st, F64_SNAN), ==, MDL_F64_DEFAULT_NAN);
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);

  /* Invalid operations give the default NaN. */
  st.flags = 0;
  g_assert_cmphex (mdl_f32_sub (&st, F32_INF, F32_INF), ==, MDL_F32_DEFAULT_NAN);
  g_assert_cmphex (mdl_f32_mul (&st, F32_INF, 0), ==, MDL_F32_DEFAULT_NAN);
  g_assert_cmphex (mdl_f64_div (&st, 0, F64_NZERO), ==, MDL_F64_DEFAULT_NAN);
  g_assert_cmphex (mdl_f64_div (&st, F64_NINF, F64_INF), ==, MDL_F64_DEFAULT_NAN);
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);

  /* Propagation: the first signalling NaN, quietened, else the first
   * quiet NaN; a NaN keeps its sign through sub. */
  st.nan_mode = MDL_FP_NAN_PROPAGATE;
  st.flags = 0;
  g_assert_cmphex (mdl_f32_add (&st, UINT32_C (0xffc00001), UINT32_C (0x7f800002)), ==,
                   UINT32_C (0x7fc00002));
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);
  st.flags = 0;
  g_assert_cmphex (mdl_f32_sub (&st, F32_ONE, UINT32_C (0x7fc00007)), ==, UINT32_C (0x7fc00007));
  g_assert_cmphex (mdl_f64_add (&st, F64_QNAN | 1, F64_QNAN | 2), ==, F64_QNAN | 1);
  g_assert_cmphex (st.flags, ==, 0);
  g_assert_cmphex (mdl_f64_mul (&st, F64_INF, 0), ==, MDL_F64_DEFAULT_NAN);
  /* Conversions keep the payload's leading bits. */
  st.flags = 0;
  g_assert_cmphex (mdl_f32_to_f64 (&st, UINT32_C (0xff800001)), ==, UINT64_C (0xfff8000020000000));
  g_assert_cmphex (mdl_f64_to_f32 (&st, UINT64_C (0x7ff4000020000000)), ==, UINT32_C (0x7fe00001));
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);

  /* fma: ∞ × 0 is invalid even beside a quiet NaN. */
  st.nan_mode = MDL_FP_NAN_CANONICAL;
  st.flags = 0;
  g_assert_cmphex (mdl_f32_muladd (&st, F32_INF, 0, F32_QNAN), ==, MDL_F32_DEFAULT_NAN);
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);
  st.flags = 0;
  g_assert_cmphex (mdl_f64_muladd (&st, F64_ONE, F64_QNAN, F64_INF), ==, MDL_F64_DEFAULT_NAN);
  g_assert_cmphex (st.flags, ==, 0);
  st.nan_mode = MDL_FP_NAN_PROPAGATE;
  g_assert_cmphex (mdl_f64_muladd (&st, F64_QNAN | 1, F64_ONE, F64_QNAN | 3), ==, F64_QNAN | 3);
  g_assert_cmphex (mdl_f64_muladd (&st, 0, F64_INF, F64_QNAN | 3), ==, MDL_F64_DEFAULT_NAN);
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);

  /* Classification and predicates. */
  g_assert_cmpuint (mdl_f32_classify (F32_SNAN), ==, 1u << 8);
  g_assert_cmpuint (mdl_f32_classify (F32_QNAN), ==, 1u << 9);
  g_assert_cmpuint (mdl_f64_classify (F64_NINF), ==, 1u << 0);
  g_assert_cmpuint (mdl_f64_classify (F64_NZERO | 1), ==, 1u << 2);
  g_assert_cmpuint (mdl_f64_classify (F64_NZERO), ==, 1u << 3);
  g_assert_cmpuint (mdl_f32_classify (0), ==, 1u << 4);
  g_assert_cmpuint (mdl_f32_classify (1), ==, 1u << 5);
  g_assert_cmpuint (mdl_f32_classify (F32_ONE), ==, 1u << 6);
  g_assert_cmpuint (mdl_f32_classify (F32_ONE | F32_NZERO), ==, 1u << 1);
  g_assert_cmpuint (mdl_f64_classify (F64_INF), ==, 1u << 7);
  g_assert_true (mdl_f64_is_signaling_nan (F64_SNAN));
  g_assert_false (mdl_f64_is_signaling_nan (F64_QNAN));
  g_assert_false (mdl_f32_is_nan (F32_INF));
  g_assert_true (mdl_f32_is_nan (F32_SNAN));
}

static void
test_compare (void)
{
  MdlFpStatus st = status (MDL_FP_RNE);

  g_assert_true (mdl_f32_eq (&st, 0, F32_NZERO));
  g_assert_false (mdl_f32_lt (&st, F32_NZERO, 0));
  g_assert_true (mdl_f32_le (&st, F32_NZERO, 0));
  g_assert_false (mdl_f32_eq (&st, F32_QNAN, F32_QNAN));
  g_assert_cmphex (st.flags, ==, 0);
  g_assert_false (mdl_f32_eq (&st, F32_SNAN, F32_ONE));
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);
  st.flags = 0;
  g_assert_false (mdl_f64_lt (&st, F64_QNAN, F64_ONE));
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);
  st.flags = 0;
  g_assert_true (mdl_f64_lt (&st, F64_NINF, F64_NZERO | F64_MAX));
  g_assert_true (mdl_f64_le (&st, F64_ONE | F64_NZERO, 1));

  /* minimumNumber/maximumNumber. */
  g_assert_cmphex (mdl_f32_min_num (&st, 0, F32_NZERO), ==, F32_NZERO);
  g_assert_cmphex (mdl_f32_max_num (&st, F32_NZERO, 0), ==, 0);
  g_assert_cmphex (mdl_f32_min_num (&st, F32_QNAN, F32_ONE), ==, F32_ONE);
  g_assert_cmphex (st.flags, ==, 0);
  g_assert_cmphex (mdl_f64_max_num (&st, F64_ONE, F64_SNAN), ==, F64_ONE);
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);
  st.flags = 0;
  g_assert_cmphex (mdl_f64_max_num (&st, F64_QNAN | 9, F64_QNAN), ==, MDL_F64_DEFAULT_NAN);
  g_assert_cmphex (st.flags, ==, 0);
  g_assert_cmphex (mdl_f64_min_num (&st, F64_NINF, F64_NZERO | F64_MAX), ==, F64_NINF);
}

static void
test_overflow (void)
{
  static const struct {
    MdlFpRound rm;
    uint32_t pos32, neg32; /* results of ±MAX * 2 */
    uint64_t pos64, neg64;
  } cases[] = {
    { MDL_FP_RNE, F32_INF, F32_NINF, F64_INF, F64_NINF },
    { MDL_FP_RMM, F32_INF, F32_NINF, F64_INF, F64_NINF },
    { MDL_FP_RTZ, F32_MAX, F32_MAX | F32_NZERO, F64_MAX, F64_MAX | F64_NZERO },
    { MDL_FP_RDN, F32_MAX, F32_NINF, F64_MAX, F64_NINF },
    { MDL_FP_RUP, F32_INF, F32_MAX | F32_NZERO, F64_INF, F64_MAX | F64_NZERO },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    MdlFpStatus st = status (cases[i].rm);
    uint32_t two32 = UINT32_C (0x40000000);

    g_assert_cmphex (mdl_f32_mul (&st, F32_MAX, two32), ==, cases[i].pos32);
    g_assert_cmphex (mdl_f32_mul (&st, F32_MAX, two32 | F32_NZERO), ==, cases[i].neg32);
    g_assert_cmphex (mdl_f64_add (&st, F64_MAX, F64_MAX), ==, cases[i].pos64);
    g_assert_cmphex (mdl_f64_div (&st, F64_MAX | F64_NZERO, UINT64_C (0x3fe0000000000000)), ==,
                     cases[i].neg64);
    g_assert_cmphex (st.flags, ==, MDL_FP_OF | MDL_FP_NX);
    /* f64 → f32 overflows the same way. */
    st.flags = 0;
    g_assert_cmphex (mdl_f64_to_f32 (&st, UINT64_C (0x47f0000000000000)), ==, cases[i].pos32);
    g_assert_cmphex (st.flags, ==, MDL_FP_OF | MDL_FP_NX);
    /* MAX plus a quarter of an ulp: overflows only upward. */
    st.flags = 0;
    g_assert_cmphex (mdl_f64_add (&st, F64_MAX, UINT64_C (0x7c80000000000000) /* 2^969 */), ==,
                     cases[i].rm == MDL_FP_RUP ? F64_INF : F64_MAX);
    g_assert_cmphex (st.flags, ==, cases[i].rm == MDL_FP_RUP ? MDL_FP_OF | MDL_FP_NX : MDL_FP_NX);
  }
  /* Division by zero. */
  MdlFpStatus st = status (MDL_FP_RNE);
  g_assert_cmphex (mdl_f32_div (&st, F32_NZERO | F32_ONE, 0), ==, F32_NINF);
  g_assert_cmphex (st.flags, ==, MDL_FP_DZ);
  st.flags = 0;
  g_assert_cmphex (mdl_f32_div (&st, F32_INF, 0), ==, F32_INF);
  g_assert_cmphex (st.flags, ==, 0);
}

static void
test_subnormal (void)
{
  MdlFpStatus st = status (MDL_FP_RNE);

  /* Exact subnormal results raise nothing. */
  g_assert_cmphex (mdl_f32_mul (&st, F32_MIN, UINT32_C (0x3f000000)), ==, UINT32_C (0x00400000));
  g_assert_cmphex (mdl_f32_sub (&st, UINT32_C (0x00800001), F32_MIN), ==, 1);
  g_assert_cmphex (mdl_f64_add (&st, 1, 1), ==, 2);
  g_assert_cmphex (st.flags, ==, 0);
  /* Inexact tiny: UF and NX; 2^-150 ties to even zero, 3 * 2^-151 up. */
  g_assert_cmphex (mdl_f32_mul (&st, F32_TRUE_MIN, UINT32_C (0x3f000000)), ==, 0);
  g_assert_cmphex (st.flags, ==, MDL_FP_UF | MDL_FP_NX);
  st.flags = 0;
  g_assert_cmphex (mdl_f32_mul (&st, F32_TRUE_MIN, UINT32_C (0x3f400000)), ==, 1);
  g_assert_cmphex (st.flags, ==, MDL_FP_UF | MDL_FP_NX);
  st.round = MDL_FP_RMM;
  st.flags = 0;
  g_assert_cmphex (mdl_f32_mul (&st, F32_TRUE_MIN | F32_NZERO, UINT32_C (0x3f000000)), ==,
                   F32_NZERO | 1);
  g_assert_cmphex (st.flags, ==, MDL_FP_UF | MDL_FP_NX);
  /* Subnormal inputs: min subnormal times 2^52 is 2^-1022. */
  st.round = MDL_FP_RNE;
  st.flags = 0;
  g_assert_cmphex (mdl_f64_mul (&st, 1, UINT64_C (0x4330000000000000)), ==, F64_MIN);
  g_assert_cmphex (mdl_f64_div (&st, F64_MIN | 3, F64_MIN), ==, UINT64_C (0x3ff0000000000003));
  g_assert_cmphex (mdl_f64_sqrt (&st, 4), ==, UINT64_C (0x1e70000000000000)); /* sqrt(2^-1072) */
  g_assert_cmphex (st.flags, ==, 0);

  /* Tininess: 0x1.ffffffp-127 rounds to 2^-126 at 24 bits, so it is not
   * tiny after rounding (no UF) but tiny before (UF). */
  uint64_t below = UINT64_C (0x380fffffff000000);
  st.flags = 0;
  g_assert_cmphex (mdl_f64_to_f32 (&st, below), ==, F32_MIN);
  g_assert_cmphex (st.flags, ==, MDL_FP_NX);
  st.tininess_before = true;
  st.flags = 0;
  g_assert_cmphex (mdl_f64_to_f32 (&st, below), ==, F32_MIN);
  g_assert_cmphex (st.flags, ==, MDL_FP_NX | MDL_FP_UF);
  st.tininess_before = false;
  /* In RTZ the same value stays below 2^-126: tiny either way. */
  st.round = MDL_FP_RTZ;
  st.flags = 0;
  g_assert_cmphex (mdl_f64_to_f32 (&st, below), ==, F32_MIN - 1);
  g_assert_cmphex (st.flags, ==, MDL_FP_NX | MDL_FP_UF);

  /* Flush to zero: subnormal inputs read as zero (ID), tiny results
   * become zero with UF alone. */
  st = status (MDL_FP_RNE);
  st.flush_to_zero = true;
  g_assert_cmphex (mdl_f32_add (&st, 1, F32_ONE), ==, F32_ONE);
  g_assert_cmphex (st.flags, ==, MDL_FP_ID);
  st.flags = 0;
  g_assert_cmphex (mdl_f32_mul (&st, F32_MIN, UINT32_C (0x3f000000)), ==, 0);
  g_assert_cmphex (st.flags, ==, MDL_FP_UF);
  st.flags = 0;
  g_assert_cmphex (mdl_f64_mul (&st, F64_NZERO | F64_MIN, UINT64_C (0x3fefffffffffffff)), ==,
                   F64_NZERO);
  g_assert_cmphex (st.flags, ==, MDL_FP_UF);
  st.flags = 0;
  g_assert_true (mdl_f64_eq (&st, 1, F64_NZERO));
  g_assert_cmphex (st.flags, ==, MDL_FP_ID);
  st.flags = 0;
  g_assert_cmphex (mdl_f64_mul (&st, F64_MIN, F64_ONE), ==, F64_MIN);
  g_assert_cmphex (st.flags, ==, 0);
}

static void
test_ties (void)
{
  /* 1 + 2^-24 is halfway between 1 and 1 + 2^-23 (even: 1): RNE keeps
   * 1, RMM goes away from zero; 1 + 3 * 2^-24 ties up in both. */
  uint32_t half_ulp = UINT32_C (0x33800000);   /* 2^-24 */
  uint32_t three_half = UINT32_C (0x34400000); /* 3 * 2^-24 */
  static const struct {
    MdlFpRound rm;
    uint32_t tie_even, tie_odd, neg_tie;
  } cases[] = {
    { MDL_FP_RNE, F32_ONE, F32_ONE + 2, F32_NZERO | F32_ONE },
    { MDL_FP_RMM, F32_ONE + 1, F32_ONE + 2, F32_NZERO | (F32_ONE + 1) },
    { MDL_FP_RTZ, F32_ONE, F32_ONE + 1, F32_NZERO | F32_ONE },
    { MDL_FP_RDN, F32_ONE, F32_ONE + 1, F32_NZERO | (F32_ONE + 1) },
    { MDL_FP_RUP, F32_ONE + 1, F32_ONE + 2, F32_NZERO | F32_ONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    MdlFpStatus st = status (cases[i].rm);

    g_assert_cmphex (mdl_f32_add (&st, F32_ONE, half_ulp), ==, cases[i].tie_even);
    g_assert_cmphex (mdl_f32_add (&st, F32_ONE, three_half), ==, cases[i].tie_odd);
    g_assert_cmphex (mdl_f32_sub (&st, F32_NZERO | half_ulp, F32_ONE), ==, cases[i].neg_tie);
    g_assert_cmphex (st.flags, ==, MDL_FP_NX);
  }

  /* The same in binary64, through fma: 1 * 1 + 2^-53. */
  MdlFpStatus st = status (MDL_FP_RMM);
  g_assert_cmphex (mdl_f64_muladd (&st, F64_ONE, F64_ONE, UINT64_C (0x3ca0000000000000)), ==,
                   F64_ONE + 1);
  st.round = MDL_FP_RNE;
  g_assert_cmphex (mdl_f64_muladd (&st, F64_ONE, F64_ONE, UINT64_C (0x3ca0000000000000)), ==,
                   F64_ONE);
  /* Integers: 2^24 + 1 to f32 ties; 2^53 + 1 to f64 ties. */
  g_assert_cmphex (mdl_i32_to_f32 (&st, (1 << 24) + 1), ==, UINT32_C (0x4b800000));
  g_assert_cmphex (mdl_u64_to_f64 (&st, (UINT64_C (1) << 53) + 1), ==,
                   UINT64_C (0x4340000000000000));
  st.round = MDL_FP_RMM;
  g_assert_cmphex (mdl_i32_to_f32 (&st, (1 << 24) + 1), ==, UINT32_C (0x4b800001));
  g_assert_cmphex (mdl_i64_to_f64 (&st, -(INT64_C (1) << 53) - 1), ==,
                   UINT64_C (0xc340000000000001));
  /* Conversions to integers and round_int: 2.5 and -0.5. */
  uint32_t f2_5 = UINT32_C (0x40200000), fm0_5 = UINT32_C (0xbf000000);
  st.flags = 0;
  g_assert_cmpint (mdl_f32_to_i32 (&st, f2_5, MDL_FP_RNE), ==, 2);
  g_assert_cmpint (mdl_f32_to_i32 (&st, f2_5, MDL_FP_RMM), ==, 3);
  g_assert_cmpint (mdl_f32_to_i32 (&st, fm0_5, MDL_FP_RMM), ==, -1);
  g_assert_cmpint (mdl_f32_to_i32 (&st, fm0_5, MDL_FP_RNE), ==, 0);
  g_assert_cmphex (st.flags, ==, MDL_FP_NX);
  st.flags = 0;
  g_assert_cmphex (mdl_f32_round_int (&st, fm0_5, MDL_FP_RNE, false), ==, F32_NZERO);
  g_assert_cmphex (mdl_f32_round_int (&st, fm0_5, MDL_FP_RMM, false), ==, F32_NZERO | F32_ONE);
  g_assert_cmphex (st.flags, ==, 0);
  g_assert_cmphex (mdl_f64_round_int (&st, UINT64_C (0x4004000000000000), MDL_FP_RMM, true), ==,
                   UINT64_C (0x4008000000000000));
  g_assert_cmphex (st.flags, ==, MDL_FP_NX);
}

/* What Arm's Advanced SIMD needs beyond IEEE: round to odd (FCVTXN), a
 * fused multiply-add scaled before its one rounding (FRSQRTS) and
 * fixed-point conversions. */
static void
test_simd_helpers (void)
{
  MdlFpStatus st = { .round = MDL_FP_ROD, .nan_mode = MDL_FP_NAN_PROPAGATE,
                     .tininess_before = true };

  /* 1 + 2^-30 to single: truncated, then the last bit set */
  g_assert_cmphex (mdl_f64_to_f32 (&st, UINT64_C (0x3ff0000004000000)), ==, F32_ONE | 1);
  g_assert_cmphex (st.flags, ==, MDL_FP_NX);
  /* exact: nothing set; an odd truncation stays */
  st.flags = 0;
  g_assert_cmphex (mdl_f64_to_f32 (&st, UINT64_C (0x3ff0000020000000)), ==, F32_ONE | 1);
  g_assert_cmphex (mdl_f64_to_f32 (&st, UINT64_C (0x3ff0000030000000)), ==, F32_ONE | 1);
  g_assert_cmphex (mdl_f64_to_f32 (&st, F64_ONE), ==, F32_ONE);
  /* overflow: the largest finite number */
  st.flags = 0;
  g_assert_cmphex (mdl_f64_to_f32 (&st, F64_MAX), ==, F32_MAX);
  g_assert_cmphex (st.flags, ==, MDL_FP_OF | MDL_FP_NX);

  /* (3 - 1 * 1) / 2 = 1; (3 - 0 * inf) is muladd's NaN */
  st.round = MDL_FP_RNE;
  st.flags = 0;
  g_assert_cmphex (mdl_f32_muladd_scaled (&st, F32_ONE | F32_NZERO, F32_ONE, UINT32_C (0x40400000),
                                          -1),
                   ==, F32_ONE);
  g_assert_cmphex (mdl_f64_muladd_scaled (&st, F64_ONE, 0, UINT64_C (0x4008000000000000), -1), ==,
                   UINT64_C (0x3ff8000000000000));
  g_assert_cmphex (st.flags, ==, 0);
  /* the scale applies before rounding: 2^-149 * 3 / 2 rounds once */
  g_assert_cmphex (mdl_f32_muladd_scaled (&st, F32_TRUE_MIN, UINT32_C (0x40400000), 0, -1), ==, 2);
  g_assert_cmphex (st.flags, ==, MDL_FP_NX | MDL_FP_UF);

  /* fixed point: 1.75 with 2 fraction bits is 7; -1.5 with 1 is -3 */
  st.flags = 0;
  g_assert_cmphex (mdl_f32_to_fixed (&st, UINT32_C (0x3fe00000), 2, MDL_FP_RTZ, true, 32), ==, 7);
  g_assert_cmphex (mdl_f64_to_fixed (&st, UINT64_C (0xbff8000000000000), 1, MDL_FP_RTZ, true, 64),
                   ==, (uint64_t) -3);
  g_assert_cmphex (st.flags, ==, 0);
  /* 1.0 with 32 fraction bits saturates an unsigned 32-bit integer */
  g_assert_cmphex (mdl_f32_to_fixed (&st, F32_ONE, 32, MDL_FP_RTZ, false, 32), ==, UINT32_MAX);
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);
  st.flags = 0;
  g_assert_cmphex (mdl_f32_to_fixed (&st, F32_ONE, 31, MDL_FP_RTZ, false, 32), ==,
                   UINT32_C (0x80000000));
  g_assert_cmphex (mdl_i64_to_f32_fixed (&st, -3, 1), ==, UINT32_C (0xbfc00000));
  g_assert_cmphex (mdl_u64_to_f64_fixed (&st, UINT64_MAX, 64), ==, F64_ONE);
  g_assert_cmphex (st.flags, ==, MDL_FP_NX);
  st.flags = 0;
  g_assert_cmphex (mdl_i64_to_f64_fixed (&st, INT64_MIN, 63), ==, F64_ONE | F64_NZERO);
  g_assert_cmphex (mdl_u64_to_f32_fixed (&st, 0, 7), ==, 0);
  g_assert_cmphex (st.flags, ==, 0);

  /* binary16: 65504 exact, 65520 rounds to infinity, 2^-25 ties to 0,
   * a signalling NaN keeps its payload's top bits, subnormals widen
   * exactly */
  g_assert_cmphex (mdl_f32_to_f16 (&st, UINT32_C (0x477fe000)), ==, 0x7bff);
  g_assert_cmphex (st.flags, ==, 0);
  g_assert_cmphex (mdl_f32_to_f16 (&st, UINT32_C (0x477ff000)), ==, 0x7c00);
  g_assert_cmphex (st.flags, ==, MDL_FP_OF | MDL_FP_NX);
  st.flags = 0;
  g_assert_cmphex (mdl_f32_to_f16 (&st, UINT32_C (0xb3000000)), ==, 0x8000);
  g_assert_cmphex (st.flags, ==, MDL_FP_UF | MDL_FP_NX);
  st.flags = 0;
  g_assert_cmphex (mdl_f32_to_f16 (&st, UINT32_C (0x7fa02000)), ==, 0x7f01);
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);
  st.flags = 0;
  g_assert_cmphex (mdl_f16_to_f32 (&st, 0x0001), ==, UINT32_C (0x33800000));
  g_assert_cmphex (mdl_f16_to_f32 (&st, 0xfbff), ==, UINT32_C (0xc77fe000));
  g_assert_cmphex (mdl_f16_to_f32 (&st, 0x7c00), ==, F32_INF);
  g_assert_cmphex (st.flags, ==, 0);
}

static void
test_convert_limits (void)
{
  MdlFpStatus st = status (MDL_FP_RNE);
  uint32_t f2_31 = UINT32_C (0x4f000000), f2_32 = UINT32_C (0x4f800000);
  uint64_t d2_31 = UINT64_C (0x41e0000000000000), d2_32 = UINT64_C (0x41f0000000000000);
  uint64_t d2_63 = UINT64_C (0x43e0000000000000), d2_64 = UINT64_C (0x43f0000000000000);

  /* ±2^31 */
  g_assert_cmpint (mdl_f32_to_i32 (&st, f2_31 | F32_NZERO, MDL_FP_RTZ), ==, INT32_MIN);
  g_assert_cmphex (st.flags, ==, 0);
  g_assert_cmpint (mdl_f32_to_i32 (&st, f2_31, MDL_FP_RTZ), ==, INT32_MAX);
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);
  st.flags = 0;
  g_assert_cmpint (mdl_f64_to_i32 (&st, d2_31 - 1, MDL_FP_RTZ), ==, INT32_MAX);
  g_assert_cmphex (st.flags, ==, MDL_FP_NX);
  st.flags = 0;
  g_assert_cmpint (mdl_f64_to_i32 (&st, d2_31 - 1, MDL_FP_RNE), ==, INT32_MAX);
  g_assert_cmphex (st.flags, ==, MDL_FP_NV); /* rounds to 2^31 */
  /* 2^31 - 0.5 ties: to even is 2^31, out of range; away too. */
  st.flags = 0;
  g_assert_cmpint (mdl_f64_to_i32 (&st, UINT64_C (0x41dfffffffe00000), MDL_FP_RNE), ==, INT32_MAX);
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);
  st.flags = 0;
  g_assert_cmpint (mdl_f64_to_i32 (&st, UINT64_C (0x41dfffffffe00000), MDL_FP_RMM), ==, INT32_MAX);
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);
  st.flags = 0;
  g_assert_cmpint (mdl_f64_to_i32 (&st, UINT64_C (0x41dfffffffe00000), MDL_FP_RTZ), ==, INT32_MAX);
  g_assert_cmphex (st.flags, ==, MDL_FP_NX);
  /* -2^31 - 0.5 ties: to even is -2^31, in range. */
  st.flags = 0;
  g_assert_cmpint (mdl_f64_to_i32 (&st, UINT64_C (0xc1e0000000100000), MDL_FP_RNE), ==, INT32_MIN);
  g_assert_cmphex (st.flags, ==, MDL_FP_NX);
  st.flags = 0;
  g_assert_cmpint (mdl_f64_to_i32 (&st, UINT64_C (0xc1e0000000100000), MDL_FP_RMM), ==, INT32_MIN);
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);
  st.flags = 0;
  g_assert_cmpint (mdl_f64_to_i32 (&st, d2_31 | F64_NZERO | 1, MDL_FP_RTZ), ==, INT32_MIN);
  g_assert_cmphex (st.flags, ==, MDL_FP_NX);
  st.flags = 0;
  g_assert_cmpint (mdl_f64_to_i32 (&st, d2_31 | F64_NZERO | 1, MDL_FP_RDN), ==, INT32_MIN);
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);
  /* 2^32 */
  st.flags = 0;
  g_assert_cmpuint (mdl_f32_to_u32 (&st, f2_32 - 1, MDL_FP_RNE), ==, UINT32_C (0xffffff00));
  g_assert_cmphex (st.flags, ==, 0);
  g_assert_cmpuint (mdl_f32_to_u32 (&st, f2_32, MDL_FP_RNE), ==, UINT32_MAX);
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);
  st.flags = 0;
  g_assert_cmpuint (mdl_f64_to_u32 (&st, d2_32 - 1, MDL_FP_RUP), ==, UINT32_MAX);
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);
  st.flags = 0;
  g_assert_cmpuint (mdl_f64_to_u32 (&st, d2_32 - 1, MDL_FP_RDN), ==, UINT32_MAX);
  g_assert_cmphex (st.flags, ==, MDL_FP_NX);
  /* Negative to unsigned: 0 when it rounds to zero (NX), else NV. */
  st.flags = 0;
  g_assert_cmpuint (mdl_f32_to_u32 (&st, UINT32_C (0xbe800000), MDL_FP_RNE), ==, 0);
  g_assert_cmphex (st.flags, ==, MDL_FP_NX);
  st.flags = 0;
  g_assert_cmpuint (mdl_f32_to_u32 (&st, UINT32_C (0xbe800000), MDL_FP_RDN), ==, 0);
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);
  st.flags = 0;
  g_assert_cmpuint (mdl_f64_to_u64 (&st, F64_NZERO, MDL_FP_RNE), ==, 0);
  g_assert_cmphex (st.flags, ==, 0);
  g_assert_cmpuint (mdl_f64_to_u64 (&st, F64_NINF, MDL_FP_RNE), ==, 0);
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);
  /* ±2^63, 2^64 */
  st.flags = 0;
  g_assert_cmpint (mdl_f64_to_i64 (&st, d2_63 | F64_NZERO, MDL_FP_RNE), ==, INT64_MIN);
  g_assert_cmpint (mdl_f64_to_i64 (&st, d2_63 - 1, MDL_FP_RNE), ==, INT64_C (0x7ffffffffffffc00));
  g_assert_cmpuint (mdl_f64_to_u64 (&st, d2_63, MDL_FP_RNE), ==, UINT64_C (1) << 63);
  g_assert_cmpuint (mdl_f64_to_u64 (&st, d2_64 - 1, MDL_FP_RNE), ==, UINT64_C (0xfffffffffffff800));
  g_assert_cmphex (st.flags, ==, 0);
  g_assert_cmpint (mdl_f64_to_i64 (&st, d2_63, MDL_FP_RNE), ==, INT64_MAX);
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);
  st.flags = 0;
  g_assert_cmpuint (mdl_f64_to_u64 (&st, d2_64, MDL_FP_RNE), ==, UINT64_MAX);
  g_assert_cmpint (mdl_f32_to_i64 (&st, UINT32_C (0xdf000001), MDL_FP_RNE), ==, INT64_MIN);
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);
  /* NaN gives the largest positive value. */
  st.flags = 0;
  g_assert_cmpint (mdl_f32_to_i32 (&st, F32_QNAN | F32_NZERO, MDL_FP_RNE), ==, INT32_MAX);
  g_assert_cmpuint (mdl_f64_to_u32 (&st, F64_SNAN, MDL_FP_RNE), ==, UINT32_MAX);
  g_assert_cmpint (mdl_f64_to_i64 (&st, F64_QNAN, MDL_FP_RNE), ==, INT64_MAX);
  g_assert_cmpuint (mdl_f32_to_u64 (&st, F32_NINF | 1, MDL_FP_RNE), ==, UINT64_MAX);
  g_assert_cmphex (st.flags, ==, MDL_FP_NV);
  /* Integers to floating point at the limits. */
  st.flags = 0;
  g_assert_cmphex (mdl_i32_to_f32 (&st, INT32_MIN), ==, UINT32_C (0xcf000000));
  g_assert_cmphex (mdl_i64_to_f64 (&st, INT64_MIN), ==, UINT64_C (0xc3e0000000000000));
  g_assert_cmphex (mdl_u32_to_f64 (&st, UINT32_MAX), ==, UINT64_C (0x41efffffffe00000));
  g_assert_cmphex (mdl_i32_to_f64 (&st, 0), ==, 0);
  g_assert_cmphex (st.flags, ==, 0);
  g_assert_cmphex (mdl_u64_to_f64 (&st, UINT64_MAX), ==, d2_64);
  g_assert_cmphex (mdl_u32_to_f32 (&st, UINT32_MAX), ==, f2_32);
  g_assert_cmphex (st.flags, ==, MDL_FP_NX);
  st.round = MDL_FP_RTZ;
  g_assert_cmphex (mdl_u64_to_f32 (&st, UINT64_MAX), ==, UINT32_C (0x5f7fffff));
  g_assert_cmphex (mdl_i64_to_f32 (&st, INT64_MAX), ==, UINT32_C (0x5effffff));
  /* f32 ↔ f64 of -0, and subnormal f32 to f64 (exact). */
  st.flags = 0;
  g_assert_cmphex (mdl_f32_to_f64 (&st, F32_NZERO), ==, F64_NZERO);
  g_assert_cmphex (mdl_f64_to_f32 (&st, F64_NZERO), ==, F32_NZERO);
  g_assert_cmphex (mdl_f32_to_f64 (&st, 1), ==, UINT64_C (0x36a0000000000000));
  g_assert_cmphex (st.flags, ==, 0);
}

static void
test_zero_signs (void)
{
  static const MdlFpRound modes[] = { MDL_FP_RNE, MDL_FP_RTZ, MDL_FP_RDN, MDL_FP_RUP, MDL_FP_RMM };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++) {
    MdlFpStatus st = status (modes[i]);
    uint64_t exact_zero = modes[i] == MDL_FP_RDN ? F64_NZERO : 0;
    uint32_t exact_zero32 = modes[i] == MDL_FP_RDN ? F32_NZERO : 0;
    uint64_t third = UINT64_C (0x3fd5555555555555);

    /* x - x, and -0 + +0, are +0 except when rounding down. */
    g_assert_cmphex (mdl_f64_sub (&st, third, third), ==, exact_zero);
    g_assert_cmphex (mdl_f64_add (&st, F64_NZERO, 0), ==, exact_zero);
    g_assert_cmphex (mdl_f64_add (&st, F64_NZERO, F64_NZERO), ==, F64_NZERO);
    g_assert_cmphex (mdl_f32_sub (&st, 0, 0), ==, exact_zero32);
    g_assert_cmphex (mdl_f32_sub (&st, F32_NZERO, 0), ==, F32_NZERO);
    /* fma whose exact result is zero. */
    g_assert_cmphex (mdl_f64_muladd (&st, third, F64_ONE, third | F64_NZERO), ==, exact_zero);
    g_assert_cmphex (mdl_f32_muladd (&st, F32_ONE, F32_ONE, F32_ONE | F32_NZERO), ==, exact_zero32);
    g_assert_cmphex (mdl_f32_muladd (&st, F32_NZERO, F32_ONE, 0), ==, exact_zero32);
    g_assert_cmphex (mdl_f32_muladd (&st, F32_NZERO, F32_ONE, F32_NZERO), ==, F32_NZERO);
    g_assert_cmphex (mdl_f64_muladd (&st, F64_NZERO, F64_NZERO, F64_NZERO), ==, exact_zero);
    /* Zero product, nonzero addend: the addend. */
    g_assert_cmphex (mdl_f64_muladd (&st, 0, F64_MAX, 1), ==, 1);
    g_assert_cmphex (st.flags, ==, 0);
    /* sqrt(-0) = -0; sqrt(negative) is invalid. */
    g_assert_cmphex (mdl_f64_sqrt (&st, F64_NZERO), ==, F64_NZERO);
    g_assert_cmphex (mdl_f32_sqrt (&st, F32_NZERO), ==, F32_NZERO);
    g_assert_cmphex (st.flags, ==, 0);
    g_assert_cmphex (mdl_f32_sqrt (&st, F32_NZERO | 1), ==, MDL_F32_DEFAULT_NAN);
    g_assert_cmphex (mdl_f64_sqrt (&st, F64_NINF), ==, MDL_F64_DEFAULT_NAN);
    g_assert_cmphex (st.flags, ==, MDL_FP_NV);
    st.flags = 0;
    g_assert_cmphex (mdl_f64_sqrt (&st, F64_INF), ==, F64_INF);
    g_assert_cmphex (st.flags, ==, 0);
  }

  /* fma cancellation far below the operands: (1 + 2^-52)(1 - 2^-52) - 1
   * is exactly -2^-104, which plain mul-then-add would lose. */
  MdlFpStatus st = status (MDL_FP_RNE);
  g_assert_cmphex (
    mdl_f64_muladd (&st, F64_ONE + 1, UINT64_C (0x3feffffffffffffe), F64_ONE | F64_NZERO), ==,
    UINT64_C (0xb970000000000000));
  g_assert_cmphex (st.flags, ==, 0);
  /* Round-to-integral keeps the sign of a zero result. */
  g_assert_cmphex (mdl_f64_round_int (&st, UINT64_C (0xbfd0000000000000), MDL_FP_RNE, true), ==,
                   F64_NZERO);
  g_assert_cmphex (st.flags, ==, MDL_FP_NX);
}

/* ---- randomized comparison with the host ---- */

typedef enum { K_F32, K_F64, K_I32, K_U32, K_I64, K_U64, K_BOOL } Kind;

typedef struct {
  const char *name;
  int arity;
  Kind in, out;
  uint64_t (*mine) (MdlFpStatus *st, uint64_t a, uint64_t b, uint64_t c);
  /* Runs between feclearexcept and fetestexcept in the host's mode. */
  uint64_t (*host) (uint64_t a, uint64_t b, uint64_t c);
  /* The exact result in binary64, when it can be exact (binary32 ops):
   * finds RMM's ties.  Runs in round-to-nearest. */
  double (*exact) (uint64_t a, uint64_t b, uint64_t c);
  /* The result under round-to-nearest-ties-away, for the operations the
   * host has a ties-away function for (round, lround). */
  uint64_t (*host_rmm) (uint64_t a, uint64_t b, uint64_t c);
} Op;

static uint64_t rng = 0x9e3779b97f4a7c15;

static uint64_t
rnd (void)
{
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return rng * UINT64_C (2685821657736338717);
}

static uint64_t
random_frac (int bits)
{
  uint64_t mask = (UINT64_C (1) << bits) - 1;
  int k = (int) (rnd () % (uint64_t) bits);

  switch (rnd () % 9) {
  case 0: return 0;
  case 1: return mask;
  case 2: return UINT64_C (1) << k;
  case 3: return mask ^ (UINT64_C (1) << k);
  case 4: return (mask << k) & mask;
  case 5: return mask >> k;
  case 6: return (rnd () & mask) & (mask << k); /* short: exact products, ties */
  case 7: return (rnd () & mask) | 1;
  default: return rnd () & mask;
  }
}

/* A biased exponent field: the edges often, near @near sometimes. */
static int
random_exp (int exp_max, int near)
{
  int e;

  switch (rnd () % 12) {
  case 0: return 0;
  case 1: return exp_max;
  case 2: return 1 + (int) (rnd () % 3);
  case 3: return exp_max - 1 - (int) (rnd () % 3);
  case 4: return exp_max / 2 + (int) (rnd () % 5) - 2;
  case 5:
  case 6:
  case 7:
  case 8:
    if (near >= 0) {
      e = near + (int) (rnd () % 7) - 3;
      return e < 0 ? 0 : e > exp_max ? exp_max : e;
    }
    /* fall through */
  default: return (int) (rnd () % (uint64_t) (exp_max + 1));
  }
}

static uint64_t
random_float (Kind k, int near)
{
  int fb = k == K_F32 ? 23 : 52, em = k == K_F32 ? 255 : 2047;
  uint64_t sign = rnd () & 1;
  uint64_t e = (uint64_t) random_exp (em, near);
  uint64_t frac = random_frac (fb);

  return (sign << (k == K_F32 ? 31 : 63)) | (e << fb) | frac;
}

static int
exp_field (Kind k, uint64_t x)
{
  return k == K_F32 ? (int) ((x >> 23) & 255) : (int) ((x >> 52) & 2047);
}

static uint64_t
random_int (Kind k)
{
  int width = (k == K_I32 || k == K_U32) ? 32 : 64;
  int n = 1 + (int) (rnd () % (uint64_t) width);
  uint64_t v;

  switch (rnd () % 6) {
  case 0: v = rnd () >> (64 - n); break;                           /* any size */
  case 1: v = (UINT64_C (1) << (n - 1)) + (rnd () % 3) - 1; break; /* around powers of two */
  case 2: v = ~UINT64_C (0) - (rnd () % 4); break;                 /* the top */
  case 3: v = (rnd () >> (64 - n)) << (rnd () % 8); break;
  default: v = rnd (); break;
  }
  if (width == 32)
    v = (k == K_I32) ? (uint64_t) (int64_t) (int32_t) (uint32_t) v : (uint32_t) v;
  return v;
}

static uint64_t m_f32_div (MdlFpStatus *st, uint64_t a, uint64_t b, uint64_t c);
static uint64_t m_f64_div (MdlFpStatus *st, uint64_t a, uint64_t b, uint64_t c);

/* Operands that meet: b and c near what makes sums cancel and products
 * reach the edges of the range. */
static void
random_operands (const Op *op, uint64_t *a, uint64_t *b, uint64_t *c)
{
  Kind k = op->in;
  int bias = k == K_F32 ? 127 : 1023, em = k == K_F32 ? 255 : 2047;
  int ea, near;

  if (k != K_F32 && k != K_F64) {
    *a = random_int (k);
    *b = *c = 0;
    return;
  }
  *a = random_float (k, -1);
  if (rnd () % 2 && op->out != k && op->out != K_BOOL) {
    /* Conversions: around the integer limits, or binary32's range. */
    static const int to_int[] = { -2, -1, 0, 1, 22, 23, 24, 30, 31, 32, 52, 53, 62, 63, 64 };
    static const int to_f32[] = { -151, -150, -149, -127, -126, -125, 127, 128 };
    int e = op->out == K_F32 ? to_f32[rnd () % G_N_ELEMENTS (to_f32)]
                             : to_int[rnd () % G_N_ELEMENTS (to_int)];
    int fb = k == K_F32 ? 23 : 52;

    *a = (*a & ~((uint64_t) em << fb)) | ((uint64_t) (bias + e) << fb);
  }
  ea = exp_field (k, *a);
  /* The exponent of b that puts a + b, a * b or a / b where it matters. */
  if (op->mine == m_f32_div || op->mine == m_f64_div) {
    switch (rnd () % 4) {
    case 0: near = ea; break;                 /* quotient near 1 */
    case 1: near = ea + bias - 1; break;      /* near the smallest normal */
    case 2: near = ea + bias - em + 1; break; /* near overflow */
    default: near = -1; break;
    }
  } else {
    switch (rnd () % 5) {
    case 0: near = ea; break;                 /* cancellation */
    case 1: near = 2 * bias - ea; break;      /* product near 1 */
    case 2: near = bias - ea + 1; break;      /* near the smallest normal */
    case 3: near = bias + em - 1 - ea; break; /* near overflow */
    default: near = -1; break;
    }
  }
  *b = random_float (k, near < 0 || near > em ? -1 : near);
  near = exp_field (k, *a) + exp_field (k, *b) - bias;
  *c = random_float (k, near < 0 || near > em ? -1 : near);
  if (op->arity == 3 && rnd () % 4 == 0) {
    /* c = -(a * b) rounded: the fma result is the product's rounding
     * error, or zero. */
    MdlFpStatus st = status ((MdlFpRound) (rnd () % 5));

    *c = k == K_F32 ? mdl_f32_mul (&st, (uint32_t) *a, (uint32_t) *b) ^ UINT32_C (0x80000000)
                    : mdl_f64_mul (&st, *a, *b) ^ UINT64_C (0x8000000000000000);
  }
}

static bool
kind_nan (Kind k, uint64_t x)
{
  return k == K_F32 ? mdl_f32_is_nan ((uint32_t) x) : k == K_F64 ? mdl_f64_is_nan (x) : false;
}

static bool
kind_snan (Kind k, uint64_t x)
{
  return k == K_F32   ? mdl_f32_is_signaling_nan ((uint32_t) x)
         : k == K_F64 ? mdl_f64_is_signaling_nan (x)
                      : false;
}

static unsigned
host_flags (void)
{
  int e = fetestexcept (FE_ALL_EXCEPT);

  return ((e & FE_INEXACT) ? MDL_FP_NX : 0) | ((e & FE_UNDERFLOW) ? MDL_FP_UF : 0)
         | ((e & FE_OVERFLOW) ? MDL_FP_OF : 0) | ((e & FE_DIVBYZERO) ? MDL_FP_DZ : 0)
         | ((e & FE_INVALID) ? MDL_FP_NV : 0);
}

/* Host wrappers: never inlined into the caller, so the arithmetic stays
 * between feclearexcept and fetestexcept. */
#define HOST __attribute__ ((noinline)) static uint64_t

HOST
h_f32_add (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_f (f_of (a) + f_of (b));
}
HOST
h_f32_sub (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_f (f_of (a) - f_of (b));
}
HOST
h_f32_mul (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_f (f_of (a) * f_of (b));
}
HOST
h_f32_div (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_f (f_of (a) / f_of (b));
}
HOST
h_f32_sqrt (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_f (sqrtf (f_of (a)));
}
HOST
h_f32_fma (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_f (fmaf (f_of (a), f_of (b), f_of (c)));
}
HOST
h_f64_add (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_d (d_of (a) + d_of (b));
}
HOST
h_f64_sub (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_d (d_of (a) - d_of (b));
}
HOST
h_f64_mul (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_d (d_of (a) * d_of (b));
}
HOST
h_f64_div (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_d (d_of (a) / d_of (b));
}
HOST
h_f64_sqrt (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_d (sqrt (d_of (a)));
}
HOST
h_f64_fma (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_d (fma (d_of (a), d_of (b), d_of (c)));
}
HOST
h_f32_to_f64 (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_d ((double) f_of (a));
}
HOST
h_f64_to_f32 (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_f ((float) d_of (a));
}
HOST
h_i32_to_f32 (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_f ((float) (int32_t) a);
}
HOST
h_u32_to_f32 (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_f ((float) (uint32_t) a);
}
HOST
h_i64_to_f32 (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_f ((float) (int64_t) a);
}
HOST
h_u64_to_f32 (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_f ((float) a);
}
HOST
h_i32_to_f64 (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_d ((double) (int32_t) a);
}
HOST
h_u32_to_f64 (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_d ((double) (uint32_t) a);
}
HOST
h_i64_to_f64 (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_d ((double) (int64_t) a);
}
HOST
h_u64_to_f64 (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_d ((double) a);
}
HOST
h_f32_rint (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_f (rintf (f_of (a)));
}
HOST
h_f32_nearbyint (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_f (nearbyintf (f_of (a)));
}
HOST
h_f64_rint (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_d (rint (d_of (a)));
}
HOST
h_f64_nearbyint (uint64_t a, uint64_t b, uint64_t c)
{
  return bits_d (nearbyint (d_of (a)));
}

/* Float to integer: the host rounds (rint: NX when inexact), then the
 * RISC-V saturation rule decides; out of range is NV alone. */
static uint64_t
to_int_ref (double x_rounded, bool nan, int width, bool is_signed)
{
  double lo = is_signed ? -ldexp (1, width - 1) : 0;
  double hi_excl = is_signed ? ldexp (1, width - 1) : ldexp (1, width);
  uint64_t max = is_signed     ? (UINT64_C (1) << (width - 1)) - 1
                 : width == 64 ? UINT64_MAX
                               : (UINT64_C (1) << width) - 1;

  if (nan || x_rounded < lo || x_rounded >= hi_excl) {
    feclearexcept (FE_ALL_EXCEPT);
    feraiseexcept (FE_INVALID);
    if (nan || x_rounded > 0)
      return max;
    return is_signed ? (width == 32 ? UINT64_C (0x80000000) : UINT64_C (1) << 63) : 0;
  }
  if (is_signed)
    return width == 32 ? (uint64_t) (uint32_t) (int32_t) x_rounded : (uint64_t) (int64_t) x_rounded;
  return width == 32 ? (uint64_t) (uint32_t) x_rounded : (uint64_t) x_rounded;
}

/* The rounded value of a float operand in binary64, or the exact value
 * for the huge ones (all binary32 integers are exact in binary64). */
#define TO_INT_HOST(name, kind, width, sgn)                                                        \
  HOST h_##name (uint64_t a, uint64_t b, uint64_t c)                                               \
  {                                                                                                \
    double x = kind == K_F32 ? (double) rintf (f_of (a)) : rint (d_of (a));                        \
    return to_int_ref (x, isnan (x), width, sgn);                                                  \
  }                                                                                                \
  HOST h_rmm_##name (uint64_t a, uint64_t b, uint64_t c)                                           \
  {                                                                                                \
    double v = kind == K_F32 ? (double) f_of (a) : d_of (a);                                       \
    double x = round (v);                                                                          \
    uint64_t r = to_int_ref (x, isnan (v), width, sgn);                                            \
    if (!fetestexcept (FE_INVALID)) {                                                              \
      feclearexcept (FE_ALL_EXCEPT);                                                               \
      if (x != v)                                                                                  \
        feraiseexcept (FE_INEXACT);                                                                \
    }                                                                                              \
    return r;                                                                                      \
  }

TO_INT_HOST (f32_to_i32, K_F32, 32, true)
TO_INT_HOST (f32_to_u32, K_F32, 32, false)
TO_INT_HOST (f32_to_i64, K_F32, 64, true)
TO_INT_HOST (f32_to_u64, K_F32, 64, false)
TO_INT_HOST (f64_to_i32, K_F64, 32, true)
TO_INT_HOST (f64_to_u32, K_F64, 32, false)
TO_INT_HOST (f64_to_i64, K_F64, 64, true)
TO_INT_HOST (f64_to_u64, K_F64, 64, false)

HOST
h_rmm_f32_round (uint64_t a, uint64_t b, uint64_t c)
{
  float r = roundf (f_of (a));

  feclearexcept (FE_ALL_EXCEPT);
  if (mdl_f32_is_signaling_nan ((uint32_t) a))
    feraiseexcept (FE_INVALID);
  return bits_f (r);
}

HOST
h_rmm_f64_round (uint64_t a, uint64_t b, uint64_t c)
{
  double r = round (d_of (a));

  feclearexcept (FE_ALL_EXCEPT);
  if (mdl_f64_is_signaling_nan (a))
    feraiseexcept (FE_INVALID);
  return bits_d (r);
}

/* Comparisons and min/max: values from the host's comparison, flags by
 * the rules (the compiler may pick quiet or signalling instructions). */
#define CMP_HOST(name, type, conv, expr, signalling)                                               \
  HOST h_##name (uint64_t a, uint64_t b, uint64_t c)                                               \
  {                                                                                                \
    type x = conv (a), y = conv (b);                                                               \
    bool r = expr;                                                                                 \
    feclearexcept (FE_ALL_EXCEPT);                                                                 \
    if ((signalling && (isnan (x) || isnan (y)))                                                   \
        || (sizeof (type) == 4                                                                     \
              ? mdl_f32_is_signaling_nan ((uint32_t) a) || mdl_f32_is_signaling_nan ((uint32_t) b) \
              : mdl_f64_is_signaling_nan (a) || mdl_f64_is_signaling_nan (b)))                     \
      feraiseexcept (FE_INVALID);                                                                  \
    return r;                                                                                      \
  }

CMP_HOST (f32_eq, float, f_of, x == y, false)
CMP_HOST (f32_lt, float, f_of, isless (x, y), true)
CMP_HOST (f32_le, float, f_of, islessequal (x, y), true)
CMP_HOST (f64_eq, double, d_of, x == y, false)
CMP_HOST (f64_lt, double, d_of, isless (x, y), true)
CMP_HOST (f64_le, double, d_of, islessequal (x, y), true)

#define MINMAX_HOST(name, type, conv, is_max, dnan)                                                \
  HOST h_##name (uint64_t a, uint64_t b, uint64_t c)                                               \
  {                                                                                                \
    type x = conv (a), y = conv (b);                                                               \
    uint64_t r;                                                                                    \
    if (isnan (x) && isnan (y))                                                                    \
      r = dnan;                                                                                    \
    else if (isnan (x))                                                                            \
      r = b;                                                                                       \
    else if (isnan (y))                                                                            \
      r = a;                                                                                       \
    else if (x == y)                                                                               \
      r = (signbit (x) != 0) != is_max ? a : b;                                                    \
    else                                                                                           \
      r = (x < y) != is_max ? a : b;                                                               \
    feclearexcept (FE_ALL_EXCEPT);                                                                 \
    if (sizeof (type) == 4                                                                         \
          ? mdl_f32_is_signaling_nan ((uint32_t) a) || mdl_f32_is_signaling_nan ((uint32_t) b)     \
          : mdl_f64_is_signaling_nan (a) || mdl_f64_is_signaling_nan (b))                          \
      feraiseexcept (FE_INVALID);                                                                  \
    return r;                                                                                      \
  }

MINMAX_HOST (f32_min, float, f_of, false, MDL_F32_DEFAULT_NAN)
MINMAX_HOST (f32_max, float, f_of, true, MDL_F32_DEFAULT_NAN)
MINMAX_HOST (f64_min, double, d_of, false, MDL_F64_DEFAULT_NAN)
MINMAX_HOST (f64_max, double, d_of, true, MDL_F64_DEFAULT_NAN)

/* Exact binary64 values of binary32 operations, where they can be. */
static double
x_add (uint64_t a, uint64_t b, uint64_t c)
{
  return (double) f_of (a) + (double) f_of (b);
}

static double
x_sub (uint64_t a, uint64_t b, uint64_t c)
{
  return (double) f_of (a) - (double) f_of (b);
}

static double
x_mul (uint64_t a, uint64_t b, uint64_t c)
{
  return (double) f_of (a) * (double) f_of (b);
}

static double
x_div (uint64_t a, uint64_t b, uint64_t c)
{
  return (double) f_of (a) / (double) f_of (b);
}

static double
x_sqrt (uint64_t a, uint64_t b, uint64_t c)
{
  return sqrt ((double) f_of (a));
}

static double
x_fma (uint64_t a, uint64_t b, uint64_t c)
{
  return fma ((double) f_of (a), (double) f_of (b), (double) f_of (c));
}

static double
x_f64 (uint64_t a, uint64_t b, uint64_t c)
{
  return d_of (a);
}

static double
x_i32 (uint64_t a, uint64_t b, uint64_t c)
{
  return (double) (int32_t) a;
}

static double
x_u32 (uint64_t a, uint64_t b, uint64_t c)
{
  return (double) (uint32_t) a;
}

static double
x_i64 (uint64_t a, uint64_t b, uint64_t c)
{
  return (double) (int64_t) a;
}

static double
x_u64 (uint64_t a, uint64_t b, uint64_t c)
{
  return (double) a;
}

/* Our side, all with the same signature. */
#define MINE2(name, fn, cast)                                                                      \
  static uint64_t m_##name (MdlFpStatus *st, uint64_t a, uint64_t b, uint64_t c)                   \
  {                                                                                                \
    return (uint64_t) (cast) fn (st, (cast) a, (cast) b);                                          \
  }
#define MINE1(name, fn, cast, outcast)                                                             \
  static uint64_t m_##name (MdlFpStatus *st, uint64_t a, uint64_t b, uint64_t c)                   \
  {                                                                                                \
    return (uint64_t) (outcast) fn (st, (cast) a);                                                 \
  }
#define MINE_TO_INT(name, fn, cast, outcast)                                                       \
  static uint64_t m_##name (MdlFpStatus *st, uint64_t a, uint64_t b, uint64_t c)                   \
  {                                                                                                \
    return (uint64_t) (outcast) fn (st, (cast) a, (MdlFpRound) st->round);                         \
  }

MINE2 (f32_add, mdl_f32_add, uint32_t)
MINE2 (f32_sub, mdl_f32_sub, uint32_t)
MINE2 (f32_mul, mdl_f32_mul, uint32_t)
MINE2 (f32_div, mdl_f32_div, uint32_t)
MINE1 (f32_sqrt, mdl_f32_sqrt, uint32_t, uint32_t)
MINE2 (f64_add, mdl_f64_add, uint64_t)
MINE2 (f64_sub, mdl_f64_sub, uint64_t)
MINE2 (f64_mul, mdl_f64_mul, uint64_t)
MINE2 (f64_div, mdl_f64_div, uint64_t)
MINE1 (f64_sqrt, mdl_f64_sqrt, uint64_t, uint64_t)
MINE2 (f32_min, mdl_f32_min_num, uint32_t)
MINE2 (f32_max, mdl_f32_max_num, uint32_t)
MINE2 (f64_min, mdl_f64_min_num, uint64_t)
MINE2 (f64_max, mdl_f64_max_num, uint64_t)
MINE2 (f32_eq, mdl_f32_eq, uint32_t)
MINE2 (f32_lt, mdl_f32_lt, uint32_t)
MINE2 (f32_le, mdl_f32_le, uint32_t)
MINE2 (f64_eq, mdl_f64_eq, uint64_t)
MINE2 (f64_lt, mdl_f64_lt, uint64_t)
MINE2 (f64_le, mdl_f64_le, uint64_t)
MINE1 (f32_to_f64, mdl_f32_to_f64, uint32_t, uint64_t)
MINE1 (f64_to_f32, mdl_f64_to_f32, uint64_t, uint32_t)
MINE1 (i32_to_f32, mdl_i32_to_f32, int32_t, uint32_t)
MINE1 (u32_to_f32, mdl_u32_to_f32, uint32_t, uint32_t)
MINE1 (i64_to_f32, mdl_i64_to_f32, int64_t, uint32_t)
MINE1 (u64_to_f32, mdl_u64_to_f32, uint64_t, uint32_t)
MINE1 (i32_to_f64, mdl_i32_to_f64, int32_t, uint64_t)
MINE1 (u32_to_f64, mdl_u32_to_f64, uint32_t, uint64_t)
MINE1 (i64_to_f64, mdl_i64_to_f64, int64_t, uint64_t)
MINE1 (u64_to_f64, mdl_u64_to_f64, uint64_t, uint64_t)
MINE_TO_INT (f32_to_i32, mdl_f32_to_i32, uint32_t, uint32_t)
MINE_TO_INT (f32_to_u32, mdl_f32_to_u32, uint32_t, uint32_t)
MINE_TO_INT (f32_to_i64, mdl_f32_to_i64, uint32_t, uint64_t)
MINE_TO_INT (f32_to_u64, mdl_f32_to_u64, uint32_t, uint64_t)
MINE_TO_INT (f64_to_i32, mdl_f64_to_i32, uint64_t, uint32_t)
MINE_TO_INT (f64_to_u32, mdl_f64_to_u32, uint64_t, uint32_t)
MINE_TO_INT (f64_to_i64, mdl_f64_to_i64, uint64_t, uint64_t)
MINE_TO_INT (f64_to_u64, mdl_f64_to_u64, uint64_t, uint64_t)

static uint64_t
m_f32_fma (MdlFpStatus *st, uint64_t a, uint64_t b, uint64_t c)
{
  return mdl_f32_muladd (st, (uint32_t) a, (uint32_t) b, (uint32_t) c);
}

static uint64_t
m_f64_fma (MdlFpStatus *st, uint64_t a, uint64_t b, uint64_t c)
{
  return mdl_f64_muladd (st, a, b, c);
}

static uint64_t
m_f32_rint (MdlFpStatus *st, uint64_t a, uint64_t b, uint64_t c)
{
  return mdl_f32_round_int (st, (uint32_t) a, (MdlFpRound) st->round, true);
}

static uint64_t
m_f32_nearbyint (MdlFpStatus *st, uint64_t a, uint64_t b, uint64_t c)
{
  return mdl_f32_round_int (st, (uint32_t) a, (MdlFpRound) st->round, false);
}

static uint64_t
m_f64_rint (MdlFpStatus *st, uint64_t a, uint64_t b, uint64_t c)
{
  return mdl_f64_round_int (st, a, (MdlFpRound) st->round, true);
}

static uint64_t
m_f64_nearbyint (MdlFpStatus *st, uint64_t a, uint64_t b, uint64_t c)
{
  return mdl_f64_round_int (st, a, (MdlFpRound) st->round, false);
}

#define OP(n, ar, i, o, x, r)                                                                      \
  {                                                                                                \
#n, ar, i, o, m_##n, h_##n, x, r                                                               \
  }

static const Op ops[] = {
  OP (f32_add, 2, K_F32, K_F32, x_add, NULL),
  OP (f32_sub, 2, K_F32, K_F32, x_sub, NULL),
  OP (f32_mul, 2, K_F32, K_F32, x_mul, NULL),
  OP (f32_div, 2, K_F32, K_F32, x_div, NULL),
  OP (f32_sqrt, 1, K_F32, K_F32, x_sqrt, NULL),
  OP (f32_fma, 3, K_F32, K_F32, x_fma, NULL),
  OP (f64_add, 2, K_F64, K_F64, NULL, NULL),
  OP (f64_sub, 2, K_F64, K_F64, NULL, NULL),
  OP (f64_mul, 2, K_F64, K_F64, NULL, NULL),
  OP (f64_div, 2, K_F64, K_F64, NULL, NULL),
  OP (f64_sqrt, 1, K_F64, K_F64, NULL, NULL),
  OP (f64_fma, 3, K_F64, K_F64, NULL, NULL),
  OP (f32_min, 2, K_F32, K_F32, NULL, NULL),
  OP (f32_max, 2, K_F32, K_F32, NULL, NULL),
  OP (f64_min, 2, K_F64, K_F64, NULL, NULL),
  OP (f64_max, 2, K_F64, K_F64, NULL, NULL),
  OP (f32_eq, 2, K_F32, K_BOOL, NULL, NULL),
  OP (f32_lt, 2, K_F32, K_BOOL, NULL, NULL),
  OP (f32_le, 2, K_F32, K_BOOL, NULL, NULL),
  OP (f64_eq, 2, K_F64, K_BOOL, NULL, NULL),
  OP (f64_lt, 2, K_F64, K_BOOL, NULL, NULL),
  OP (f64_le, 2, K_F64, K_BOOL, NULL, NULL),
  OP (f32_to_f64, 1, K_F32, K_F64, NULL, NULL),
  OP (f64_to_f32, 1, K_F64, K_F32, x_f64, NULL),
  OP (i32_to_f32, 1, K_I32, K_F32, x_i32, NULL),
  OP (u32_to_f32, 1, K_U32, K_F32, x_u32, NULL),
  OP (i64_to_f32, 1, K_I64, K_F32, x_i64, NULL),
  OP (u64_to_f32, 1, K_U64, K_F32, x_u64, NULL),
  OP (i32_to_f64, 1, K_I32, K_F64, NULL, NULL),
  OP (u32_to_f64, 1, K_U32, K_F64, NULL, NULL),
  OP (i64_to_f64, 1, K_I64, K_F64, NULL, NULL),
  OP (u64_to_f64, 1, K_U64, K_F64, NULL, NULL),
  OP (f32_to_i32, 1, K_F32, K_I32, NULL, h_rmm_f32_to_i32),
  OP (f32_to_u32, 1, K_F32, K_U32, NULL, h_rmm_f32_to_u32),
  OP (f32_to_i64, 1, K_F32, K_I64, NULL, h_rmm_f32_to_i64),
  OP (f32_to_u64, 1, K_F32, K_U64, NULL, h_rmm_f32_to_u64),
  OP (f64_to_i32, 1, K_F64, K_I32, NULL, h_rmm_f64_to_i32),
  OP (f64_to_u32, 1, K_F64, K_U32, NULL, h_rmm_f64_to_u32),
  OP (f64_to_i64, 1, K_F64, K_I64, NULL, h_rmm_f64_to_i64),
  OP (f64_to_u64, 1, K_F64, K_U64, NULL, h_rmm_f64_to_u64),
  OP (f32_rint, 1, K_F32, K_F32, NULL, h_rmm_f32_round),
  OP (f32_nearbyint, 1, K_F32, K_F32, NULL, h_rmm_f32_round),
  OP (f64_rint, 1, K_F64, K_F64, NULL, h_rmm_f64_round),
  OP (f64_nearbyint, 1, K_F64, K_F64, NULL, h_rmm_f64_round),
};

static const struct {
  MdlFpRound rm;
  int host;
  const char *name;
} host_modes[] = {
  { MDL_FP_RNE, FE_TONEAREST, "rne" },
  { MDL_FP_RTZ, FE_TOWARDZERO, "rtz" },
  { MDL_FP_RDN, FE_DOWNWARD, "rdn" },
  { MDL_FP_RUP, FE_UPWARD, "rup" },
};

static bool host_tininess_before;
static guint n_iterations = 20000;
static guint n_failures;
static guint64 n_compared;
static guint n_ties; /* RMM ties found, so that a change of the generator shows */

static void
report (const Op *op, const char *mode, const char *what, uint64_t a, uint64_t b, uint64_t c,
        uint64_t want, unsigned want_fl, uint64_t got, unsigned got_fl)
{
  if (n_failures++ < 20)
    g_printerr ("%s %s (%s): a=%" G_GINT64_MODIFIER "x b=%" G_GINT64_MODIFIER
                "x c=%" G_GINT64_MODIFIER "x: want %" G_GINT64_MODIFIER
                "x flags %x, got %" G_GINT64_MODIFIER "x flags %x\n",
                op->name, mode, what, a, b, c, want, want_fl, got, got_fl);
}

static bool
kind_inf (Kind k, uint64_t x)
{
  return k == K_F32 ? (x & 0x7fffffff) == 0x7f800000 : (x << 1) == (F64_INF << 1);
}

static bool
kind_zero (Kind k, uint64_t x)
{
  return k == K_F32 ? (x & 0x7fffffff) == 0 : (x << 1) == 0;
}

static bool
inf_times_zero (Kind k, uint64_t a, uint64_t b)
{
  return (kind_inf (k, a) && kind_zero (k, b)) || (kind_zero (k, a) && kind_inf (k, b));
}

/* A NaN operand as a NaN result of @out's format: quiet, the payload's
 * leading bits kept. */
static uint64_t
nan_as (Kind in, Kind out, uint64_t x)
{
  if (in == K_F32)
    x |= UINT64_C (1) << 22;
  else
    x |= UINT64_C (1) << 51;
  if (in == out)
    return x;
  if (in == K_F32)
    return ((x >> 31) << 63) | (UINT64_C (0x7ff) << 52) | ((x & 0x7fffff) << 29);
  return ((x >> 63) << 31) | (UINT64_C (0xff) << 23) | ((x >> 29) & 0x7fffff);
}

/* The NaN that propagation must give: the first signalling NaN, else
 * the first quiet one, in the order a, b (fma: c, a, b); the default NaN
 * for an invalid operation and for fma's ∞ × 0 + quiet NaN. */
static uint64_t
expected_propagated (const Op *op, uint64_t a, uint64_t b, uint64_t c)
{
  Kind k = op->in;
  uint64_t order[3] = { a, b, c };
  uint64_t dnan = op->out == K_F32 ? MDL_F32_DEFAULT_NAN : MDL_F64_DEFAULT_NAN;
  int i;

  if (op->arity == 3) {
    if (inf_times_zero (k, a, b) && kind_nan (k, c) && !kind_snan (k, c))
      return dnan;
    order[0] = c;
    order[1] = a;
    order[2] = b;
  }
  for (i = 0; i < op->arity; i++)
    if (kind_snan (k, order[i]))
      return nan_as (k, op->out, order[i]);
  for (i = 0; i < op->arity; i++)
    if (kind_nan (k, order[i]))
      return nan_as (k, op->out, order[i]);
  return dnan;
}

static void
check_one (const Op *op, int mode_index, uint64_t a, uint64_t b, uint64_t c)
{
  MdlFpRound rm = host_modes[mode_index].rm;
  const char *mname = host_modes[mode_index].name;
  MdlFpStatus st = status (rm);
  uint64_t want, got;
  unsigned want_fl, got_fl;

  st.tininess_before = host_tininess_before;
  feclearexcept (FE_ALL_EXCEPT);
  want = op->host (a, b, c);
  want_fl = host_flags ();
  got = op->mine (&st, a, b, c);
  got_fl = st.flags;
  n_compared++;

  if (op->arity == 3 && inf_times_zero (op->in, a, b) && kind_nan (op->in, c)) {
    /* IEEE leaves the NV of ∞ × 0 + quiet NaN to the implementation;
     * RISC-V raises it, and so does this library. */
    want_fl |= MDL_FP_NV;
  }
  if (kind_nan (op->out, want)) {
    if (got != (op->out == K_F32 ? MDL_F32_DEFAULT_NAN : MDL_F64_DEFAULT_NAN))
      report (op, mname, "canonical NaN", a, b, c, want, want_fl, got, got_fl);
    else if (want_fl != got_fl)
      report (op, mname, "flags", a, b, c, want, want_fl, got, got_fl);
    /* Propagation, by the rule. */
    st = status (rm);
    st.nan_mode = MDL_FP_NAN_PROPAGATE;
    got = op->mine (&st, a, b, c);
    want = expected_propagated (op, a, b, c);
    if (got != want || st.flags != got_fl)
      report (op, mname, "propagated NaN", a, b, c, want, got_fl, got, st.flags);
    return;
  }
  if (want != got || want_fl != got_fl)
    report (op, mname, "value", a, b, c, want, want_fl, got, got_fl);
}

/* A wider host format finds binary64's ties: binary128 holds products
 * of binary64 numbers exactly, and sums unless they are too far apart
 * to tie anyway. */
#if defined(__SIZEOF_FLOAT128__)
#define HAVE_QUAD
typedef __float128 Quad;
#elif LDBL_MANT_DIG == 113
#define HAVE_QUAD
typedef long double Quad;
#endif

#ifdef HAVE_QUAD
static bool
exact_quad (const Op *op, uint64_t a, uint64_t b, uint64_t c, Quad *x)
{
  Quad qa = d_of (a), qb = d_of (b), qc = d_of (c);

  if (op->mine == m_f64_add)
    *x = qa + qb;
  else if (op->mine == m_f64_sub)
    *x = qa - qb;
  else if (op->mine == m_f64_mul)
    *x = qa * qb;
  else if (op->mine == m_f64_fma)
    *x = qa * qb + qc; /* the product is exact: one rounding */
  else if (op->mine == m_i64_to_f64)
    *x = (Quad) (int64_t) a;
  else if (op->mine == m_u64_to_f64)
    *x = (Quad) a;
  else
    return false;
  return true;
}
#endif

static uint64_t
next_away (uint64_t x)
{
  return x + 1; /* magnitude one ulp up; past the largest finite: infinity */
}

/* RMM against the host's ties-away functions, against ties found in
 * binary64 for binary32 operations, and otherwise against our RNE. */
static void
check_rmm (const Op *op, uint64_t a, uint64_t b, uint64_t c)
{
  MdlFpStatus ne = status (MDL_FP_RNE), mm = status (MDL_FP_RMM), tz = status (MDL_FP_RTZ);
  uint64_t rne, rmm, rtz;

  ne.tininess_before = mm.tininess_before = tz.tininess_before = host_tininess_before;
  rne = op->mine (&ne, a, b, c);
  rmm = op->mine (&mm, a, b, c);
  rtz = op->mine (&tz, a, b, c);
  n_compared++;

  if (op->host_rmm) {
    uint64_t want;
    unsigned want_fl;

    feclearexcept (FE_ALL_EXCEPT);
    want = op->host_rmm (a, b, c);
    want_fl = host_flags ();
    if (op->out == K_F32 || op->out == K_F64) {
      /* round() says nothing of inexactness: the exact variant must. */
      bool exact_variant = op->mine == m_f32_rint || op->mine == m_f64_rint;
      double v = op->in == K_F32 ? (double) f_of (a) : d_of (a);
      double r = op->in == K_F32 ? (double) f_of (want) : d_of (want);

      if (kind_nan (op->out, want))
        want = op->out == K_F32 ? MDL_F32_DEFAULT_NAN : MDL_F64_DEFAULT_NAN;
      want_fl = (want_fl & MDL_FP_NV) | (exact_variant && !isnan (v) && v != r ? MDL_FP_NX : 0);
    }
    if (want != rmm || want_fl != mm.flags)
      report (op, "rmm", "host ties-away", a, b, c, want, want_fl, rmm, mm.flags);
    return;
  }

  if (kind_nan (op->out, rne)) {
    if (rmm != rne || mm.flags != ne.flags)
      report (op, "rmm", "NaN", a, b, c, rne, ne.flags, rmm, mm.flags);
    return;
  }

  if (op->exact) {
    double x, t, s, mid;
    bool inexact;

    feclearexcept (FE_ALL_EXCEPT);
    x = op->exact (a, b, c);
    inexact = fetestexcept (FE_INEXACT | FE_UNDERFLOW | FE_OVERFLOW) != 0;
    if (!inexact && isfinite (x) && x != 0) {
      t = f_of (rtz);
      if (t == x) {
        if (rmm != rtz || mm.flags != tz.flags)
          report (op, "rmm", "exact", a, b, c, rtz, tz.flags, rmm, mm.flags);
        return;
      }
      s = (rtz & 0x7fffffff) == 0x7f7fffff ? copysign (0x1p128, x) : (double) f_of (rtz + 1);
      mid = (t + s) / 2;
      if (x == mid) {
        uint64_t want = next_away (rtz);

        n_ties++;
        unsigned want_fl = MDL_FP_NX | (isinf (f_of (want)) ? MDL_FP_OF : 0)
                           | (fabs (x) < FLT_MIN ? MDL_FP_UF : 0);

        if (rmm != want || mm.flags != want_fl)
          report (op, "rmm", "tie", a, b, c, want, want_fl, rmm, mm.flags);
        return;
      }
    }
    /* Not a tie: RMM is RNE. */
    if (rmm != rne || mm.flags != ne.flags)
      report (op, "rmm", "not a tie", a, b, c, rne, ne.flags, rmm, mm.flags);
    return;
  }

#ifdef HAVE_QUAD
  if (op->out == K_F64) {
    Quad x, t, s;
    bool ok;

    feclearexcept (FE_ALL_EXCEPT);
    ok = exact_quad (op, a, b, c, &x);
    if (ok && !fetestexcept (FE_INEXACT | FE_UNDERFLOW | FE_OVERFLOW) && x != 0) {
      t = d_of (rtz);
      if (t == x) {
        if (rmm != rtz || mm.flags != tz.flags)
          report (op, "rmm", "exact", a, b, c, rtz, tz.flags, rmm, mm.flags);
        return;
      }
      if ((rtz << 1) == (F64_MAX << 1))
        s = (x < 0 ? -2 : 2) * (Quad) 0x1p1023;
      else
        s = d_of (rtz + 1);
      if (x * 2 == t + s) {
        uint64_t want = next_away (rtz);

        n_ties++;
        unsigned want_fl = MDL_FP_NX | (isinf (d_of (want)) ? MDL_FP_OF : 0)
                           | (x < DBL_MIN && x > -DBL_MIN ? MDL_FP_UF : 0);

        if (rmm != want || mm.flags != want_fl)
          report (op, "rmm", "tie", a, b, c, want, want_fl, rmm, mm.flags);
        return;
      }
      if (rmm != rne || mm.flags != ne.flags)
        report (op, "rmm", "not a tie", a, b, c, rne, ne.flags, rmm, mm.flags);
      return;
    }
  }
#endif

  /* Otherwise, where RMM and RNE differ it must be a tie that RNE broke
   * toward zero (to an even result) and RMM away. */
  if (rmm == rne) {
    if (mm.flags != ne.flags)
      report (op, "rmm", "flags", a, b, c, rne, ne.flags, rmm, mm.flags);
  } else if (op->out == K_BOOL || rne != rtz || (rne & 1) || rmm != next_away (rtz)
             || !(mm.flags & MDL_FP_NX)) {
    report (op, "rmm", "tie shape", a, b, c, rne, ne.flags, rmm, mm.flags);
  }
}

static void
test_random (gconstpointer data)
{
  const Op *op = data;
  guint fails_before = n_failures, ties_before = n_ties;

  for (guint m = 0; m < G_N_ELEMENTS (host_modes); m++) {
    g_assert_cmpint (fesetround (host_modes[m].host), ==, 0);
    for (guint i = 0; i < n_iterations; i++) {
      uint64_t a, b, c;

      random_operands (op, &a, &b, &c);
      check_one (op, (int) m, a, b, c);
    }
  }
  fesetround (FE_TONEAREST);
  for (guint i = 0; i < n_iterations; i++) {
    uint64_t a, b, c;

    random_operands (op, &a, &b, &c);
    check_rmm (op, a, b, c);
  }
  g_test_message ("%u operand sets in each of 5 rounding modes, %u RMM ties", n_iterations,
                  n_ties - ties_before);
  g_assert_cmpuint (n_failures, ==, fails_before);
}

static uint64_t
flushed (Kind k, uint64_t x, bool *any)
{
  if (k == K_F32 && (x & 0x7f800000) == 0 && (x & 0x7fffff) != 0) {
    *any = true;
    return x & 0x80000000;
  }
  if (k == K_F64 && (x & F64_INF) == 0 && (x << 12) != 0) {
    *any = true;
    return x & F64_NZERO;
  }
  return x;
}

/* Flush-to-zero has no host to compare with: it must be the operation
 * on flushed operands, detecting tininess before rounding, with every
 * result whose exact value is below the smallest normal replaced by a
 * zero of its sign and UF alone.  Those results are the subnormal ones,
 * the zeros that were inexact, and the smallest normals that underflowed
 * (rounded up from below). */
static void
test_random_ftz (void)
{
  guint fails_before = n_failures;

  for (guint o = 0; o < G_N_ELEMENTS (ops); o++) {
    const Op *op = &ops[o];

    if (op->in != K_F32 && op->in != K_F64)
      continue;
    for (guint i = 0; i < n_iterations / 4; i++) {
      MdlFpRound rm = (MdlFpRound) (rnd () % 5);
      MdlFpStatus fz = status (rm), ref = status (rm);
      uint64_t a, b, c, fa, fb, fc, want, got;
      unsigned want_fl;
      bool any = false;

      random_operands (op, &a, &b, &c);
      fa = flushed (op->in, a, &any);
      fb = op->arity > 1 ? flushed (op->in, b, &any) : b;
      fc = op->arity > 2 ? flushed (op->in, c, &any) : c;
      fz.flush_to_zero = true;
      ref.tininess_before = true;
      got = op->mine (&fz, a, b, c);
      want = op->mine (&ref, fa, fb, fc);
      want_fl = ref.flags;
      if (op->out == K_F32 || op->out == K_F64) {
        uint64_t mag = op->out == K_F32 ? want & 0x7fffffff : want & ~F64_NZERO;
        uint64_t min = op->out == K_F32 ? F32_MIN : F64_MIN;
        uint64_t sign = want ^ mag;

        /* (Round-to-integral's inexact zero is no underflow.) */
        if ((mag != 0 && mag < min) || (mag == 0 && (want_fl & MDL_FP_NX) && !op->host_rmm)
            || (mag == min && (want_fl & MDL_FP_UF))) {
          want = sign;
          want_fl = MDL_FP_UF;
        }
      }
      if (any)
        want_fl |= MDL_FP_ID;
      n_compared++;
      if (got != want || fz.flags != want_fl)
        report (op, "ftz", "flush", a, b, c, want, want_fl, got, fz.flags);
    }
  }
  g_assert_cmpuint (n_failures, ==, fails_before);
  g_test_message ("%" G_GUINT64_FORMAT " operand sets compared", n_compared);
}

static void
detect_host_tininess (void)
{
  /* 0x1.ffffffp-127 rounds to FLT_MIN: underflow only if tininess is
   * detected before rounding. */
  volatile double d = 0x1.ffffffp-127;
  volatile float f;

  fesetround (FE_TONEAREST);
  feclearexcept (FE_ALL_EXCEPT);
  f = (float) d;
  (void) f;
  host_tininess_before = fetestexcept (FE_UNDERFLOW) != 0;
}

int
main (int argc, char **argv)
{
  const char *iters = g_getenv ("MDL_SOFTFLOAT_ITERATIONS");
  const char *seed = g_getenv ("MDL_SOFTFLOAT_SEED");

  g_test_init (&argc, &argv, NULL);
  if (iters)
    n_iterations = (guint) g_ascii_strtoull (iters, NULL, 10);
  if (seed)
    rng = g_ascii_strtoull (seed, NULL, 0) | 1;
  detect_host_tininess ();

  g_test_add_func ("/engine/softfloat/nan", test_nan);
  g_test_add_func ("/engine/softfloat/compare", test_compare);
  g_test_add_func ("/engine/softfloat/overflow", test_overflow);
  g_test_add_func ("/engine/softfloat/subnormal", test_subnormal);
  g_test_add_func ("/engine/softfloat/ties", test_ties);
  g_test_add_func ("/engine/softfloat/convert-limits", test_convert_limits);
  g_test_add_func ("/engine/softfloat/simd-helpers", test_simd_helpers);
  g_test_add_func ("/engine/softfloat/zero-signs", test_zero_signs);
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++) {
    g_autofree char *path = g_strdup_printf ("/engine/softfloat/random/%s", ops[i].name);

    g_test_add_data_func (path, &ops[i], test_random);
  }
  g_test_add_func ("/engine/softfloat/random-ftz", test_random_ftz);
  return g_test_run ();
}
