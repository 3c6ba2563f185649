/* engine/softfloat.c against its own earlier self (softfloat-ref.c, the
 * implementation before its fast paths), bit for bit and flag for flag.
 *
 * test-softfloat.c checks the arithmetic against the host's FPU, which
 * has only four rounding modes, one tininess rule, no flushing rule of
 * Arm's and its own NaNs.  This test covers what the host cannot judge:
 * every public function under every status (the six rounding modes,
 * canonical and propagated NaNs, flushing, tininess before and after
 * rounding, flags already set), on operands drawn to reach every path:
 * zeros, subnormals, the edges of the normal range, infinities, quiet and
 * signalling NaNs with payloads, and pairs made to cancel, to tie, to
 * overflow and to underflow.  Any change to the fast paths that alters a
 * single result bit or flag shows here.
 *
 * MDL_SOFTFLOAT_DIFF_ITERATIONS (operand sets per function, default
 * 20000) and MDL_SOFTFLOAT_SEED scale and vary it.
 */
#include <glib.h>

#include "softfloat-ref.h"

static guint n_iterations = 20000;
static guint64 rng = 0x9e3779b97f4a7c15ull;
static guint64 n_compared;
static guint n_failures;

static inline guint64
rnd (void)
{
  /* splitmix64 */
  guint64 z = (rng += 0x9e3779b97f4a7c15ull);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

typedef struct {
  int frac_bits, exp_max, bias, width;
} Fmt;

static const Fmt fmt16 = { 10, 31, 15, 16 };
static const Fmt fmt32 = { 23, 255, 127, 32 };
static const Fmt fmt64 = { 52, 2047, 1023, 64 };

/* A fraction that is random, or has few bits set, or long runs of ones
 * or zeros (carries, ties and exact results live there). */
static guint64
gen_frac (const Fmt *f)
{
  guint64 mask = (UINT64_C (1) << f->frac_bits) - 1;
  guint64 r = rnd ();

  switch (rnd () % 8) {
  case 0: return r & mask;
  case 1: return (UINT64_C (1) << (rnd () % f->frac_bits)) & mask;
  case 2: return mask;
  case 3: return (mask << (rnd () % f->frac_bits)) & mask;
  case 4: return (mask >> (rnd () % f->frac_bits)) & mask;
  case 5: return 0;
  case 6: return (r & rnd () & rnd ()) & mask;
  default: return (r | rnd ()) & mask;
  }
}

static guint64
gen_float (const Fmt *f)
{
  guint64 sign = (rnd () & 1) << (f->width - 1);
  guint64 frac = gen_frac (f);
  guint64 e;

  /* Zeros, subnormals, infinities, NaNs, the edges of the normal
   * range, raw bits, any exponent, and (most often) near 1. */
  switch (rnd () % 16) {
  case 0: e = 0, frac = 0; break;
  case 1: e = 0, frac = frac ? frac : 1; break;
  case 2: e = (guint64) f->exp_max, frac = 0; break;
  case 3: e = (guint64) f->exp_max, frac = frac ? frac : 1; break;
  case 4: e = 1 + rnd () % 3; break;
  case 5: e = (guint64) f->exp_max - 1 - rnd () % 3; break;
  case 6: return rnd () & ((f->width == 64) ? ~UINT64_C (0) : (UINT64_C (1) << f->width) - 1);
  case 7: e = rnd () % (guint64) (f->exp_max + 1); break;
  default: e = (guint64) (f->bias - 40 + (int) (rnd () % 81)); break;
  }
  return sign | (e << f->frac_bits) | frac;
}

/* @x with its low bits or its exponent nudged a little. */
static guint64
nudge (const Fmt *f, guint64 x)
{
  guint64 all = f->width == 64 ? ~UINT64_C (0) : (UINT64_C (1) << f->width) - 1;

  switch (rnd () % 6) {
  case 0: return x;
  case 1: return (x + 1) & all;
  case 2: return (x - 1) & all;
  case 3: return (x ^ (rnd () & 0xff)) & all;
  case 4: return (x + ((rnd () % 4) << f->frac_bits)) & all;
  default: return (x - ((rnd () % 4) << f->frac_bits)) & all;
  }
}

static guint64
gen_int (void)
{
  guint64 r = rnd ();

  switch (rnd () % 6) {
  case 0: return r;
  case 1: return r >> (rnd () % 64);
  case 2: return -(r >> (rnd () % 64));
  case 3: return (UINT64_C (1) << (rnd () % 64)) + (rnd () % 5) - 2;
  case 4: return ~UINT64_C (0) << (rnd () % 64);
  default: return (r >> (rnd () % 64)) << (rnd () % 64);
  }
}

static MdlFpStatus
gen_status (void)
{
  guint64 r = rnd ();
  MdlFpStatus st = {
    .round = (uint8_t) (r % 6),
    .flags = (r >> 8) % 4 == 0 ? (uint8_t) ((r >> 16) & 0x3f) : 0,
    .nan_mode = (r >> 24) & 1 ? MDL_FP_NAN_PROPAGATE : MDL_FP_NAN_CANONICAL,
    .flush_to_zero = (r >> 32) % 5 == 0,
    .tininess_before = (r >> 40) & 1,
  };

  return st;
}

static void
report (const char *name, const MdlFpStatus *st0, guint64 a, guint64 b, guint64 c, int extra,
        guint64 want, unsigned want_fl, guint64 got, unsigned got_fl)
{
  n_failures++;
  if (n_failures <= 20)
    g_printerr ("%s (rm %u nan %u ftz %d tb %d fl %#x; %#" G_GINT64_MODIFIER
                "x, %#" G_GINT64_MODIFIER "x, %#" G_GINT64_MODIFIER
                "x, %d): want %#" G_GINT64_MODIFIER "x flags %#x, got %#" G_GINT64_MODIFIER
                "x flags %#x\n",
                name, st0->round, st0->nan_mode, st0->flush_to_zero, st0->tininess_before,
                st0->flags, a, b, c, extra, want, want_fl, got, got_fl);
}

/* One operation under test: both implementations behind one signature
 * (extra: a rounding mode, fbits, a scale or an exactness flag). */
typedef guint64 (*Fn) (MdlFpStatus *st, guint64 a, guint64 b, guint64 c, int extra);

typedef enum { G_F16, G_F32, G_F64, G_INT } Gen;

typedef enum {
  REL_NONE,   /* independent operands */
  REL_ADD,    /* b near ±a: cancellation */
  REL_MULADD, /* c near ±a*b: cancellation in the fused sum */
  REL_DIV,    /* a near b*q: exact and near-exact quotients */
  REL_SQRT,   /* a near x*x */
} Rel;

typedef enum {
  X_NONE,
  X_ROUND,     /* a rounding mode 0..5 */
  X_ROUND_EX,  /* a rounding mode and exactness, packed */
  X_SCALE,     /* a muladd scale */
  X_FBITS,     /* fixed-point fraction bits, signedness and width, packed */
  X_FBITS_INT, /* fraction bits of a fixed-point source */
} Extra;

typedef struct {
  const char *name;
  Fn mine, ref;
  Gen gen;
  Rel rel;
  Extra extra;
} Op;

static int
gen_extra (Extra x)
{
  switch (x) {
  case X_ROUND: return (int) (rnd () % 6);
  case X_ROUND_EX: return (int) (rnd () % 12);
  case X_SCALE: return rnd () % 4 ? -(int) (rnd () % 3) : (int) (rnd () % 200) - 100;
  case X_FBITS: return (int) (rnd () % 65) | (int) (rnd () % 4) << 8;
  case X_FBITS_INT: return (int) (rnd () % 65);
  default: return 0;
  }
}

/* ---- the adapters ---- */

#define ARITH2(name, T)                                                                            \
  static guint64 mine_##name (MdlFpStatus *st, guint64 a, guint64 b, guint64 c, int x)             \
  {                                                                                                \
    return mdl_##name (st, (T) a, (T) b);                                                          \
  }                                                                                                \
  static guint64 ref_##name##_ (MdlFpStatus *st, guint64 a, guint64 b, guint64 c, int x)           \
  {                                                                                                \
    return ref_##name (st, (T) a, (T) b);                                                          \
  }
#define ARITH1(name, T)                                                                            \
  static guint64 mine_##name (MdlFpStatus *st, guint64 a, guint64 b, guint64 c, int x)             \
  {                                                                                                \
    return mdl_##name (st, (T) a);                                                                 \
  }                                                                                                \
  static guint64 ref_##name##_ (MdlFpStatus *st, guint64 a, guint64 b, guint64 c, int x)           \
  {                                                                                                \
    return ref_##name (st, (T) a);                                                                 \
  }
#define ARITH3(name, T)                                                                            \
  static guint64 mine_##name (MdlFpStatus *st, guint64 a, guint64 b, guint64 c, int x)             \
  {                                                                                                \
    return mdl_##name (st, (T) a, (T) b, (T) c);                                                   \
  }                                                                                                \
  static guint64 ref_##name##_ (MdlFpStatus *st, guint64 a, guint64 b, guint64 c, int x)           \
  {                                                                                                \
    return ref_##name (st, (T) a, (T) b, (T) c);                                                   \
  }
#define SCALED(name, T)                                                                            \
  static guint64 mine_##name (MdlFpStatus *st, guint64 a, guint64 b, guint64 c, int x)             \
  {                                                                                                \
    return mdl_##name (st, (T) a, (T) b, (T) c, x);                                                \
  }                                                                                                \
  static guint64 ref_##name##_ (MdlFpStatus *st, guint64 a, guint64 b, guint64 c, int x)           \
  {                                                                                                \
    return ref_##name (st, (T) a, (T) b, (T) c, x);                                                \
  }
#define NOSTATUS(name, T)                                                                          \
  static guint64 mine_##name (MdlFpStatus *st, guint64 a, guint64 b, guint64 c, int x)             \
  {                                                                                                \
    return mdl_##name ((T) a);                                                                     \
  }                                                                                                \
  static guint64 ref_##name##_ (MdlFpStatus *st, guint64 a, guint64 b, guint64 c, int x)           \
  {                                                                                                \
    return ref_##name ((T) a);                                                                     \
  }
/* The result of a conversion to an integer type, widened by its type. */
#define TOINT(name, T, R)                                                                          \
  static guint64 mine_##name (MdlFpStatus *st, guint64 a, guint64 b, guint64 c, int x)             \
  {                                                                                                \
    return (guint64) (R) mdl_##name (st, (T) a, (MdlFpRound) x);                                   \
  }                                                                                                \
  static guint64 ref_##name##_ (MdlFpStatus *st, guint64 a, guint64 b, guint64 c, int x)           \
  {                                                                                                \
    return (guint64) (R) ref_##name (st, (T) a, (MdlFpRound) x);                                   \
  }
#define TOFIXED(name, T)                                                                           \
  static guint64 mine_##name (MdlFpStatus *st, guint64 a, guint64 b, guint64 c, int x)             \
  {                                                                                                \
    return mdl_##name (st, (T) a, x & 0xff, (MdlFpRound) (b % 6), (x >> 8) & 1,                    \
                       (x >> 9) & 1 ? 64 : 32);                                                    \
  }                                                                                                \
  static guint64 ref_##name##_ (MdlFpStatus *st, guint64 a, guint64 b, guint64 c, int x)           \
  {                                                                                                \
    return ref_##name (st, (T) a, x & 0xff, (MdlFpRound) (b % 6), (x >> 8) & 1,                    \
                       (x >> 9) & 1 ? 64 : 32);                                                    \
  }
#define FROMFIXED(name, T)                                                                         \
  static guint64 mine_##name (MdlFpStatus *st, guint64 a, guint64 b, guint64 c, int x)             \
  {                                                                                                \
    return mdl_##name (st, (T) a, x);                                                              \
  }                                                                                                \
  static guint64 ref_##name##_ (MdlFpStatus *st, guint64 a, guint64 b, guint64 c, int x)           \
  {                                                                                                \
    return ref_##name (st, (T) a, x);                                                              \
  }
#define ROUNDINT(name, T)                                                                          \
  static guint64 mine_##name (MdlFpStatus *st, guint64 a, guint64 b, guint64 c, int x)             \
  {                                                                                                \
    return mdl_##name (st, (T) a, (MdlFpRound) (x % 6), x >= 6);                                   \
  }                                                                                                \
  static guint64 ref_##name##_ (MdlFpStatus *st, guint64 a, guint64 b, guint64 c, int x)           \
  {                                                                                                \
    return ref_##name (st, (T) a, (MdlFpRound) (x % 6), x >= 6);                                   \
  }

ARITH2 (f32_add, uint32_t)
ARITH2 (f32_sub, uint32_t)
ARITH2 (f32_mul, uint32_t)
ARITH2 (f32_div, uint32_t)
ARITH1 (f32_sqrt, uint32_t)
ARITH3 (f32_muladd, uint32_t)
SCALED (f32_muladd_scaled, uint32_t)
ARITH2 (f64_add, uint64_t)
ARITH2 (f64_sub, uint64_t)
ARITH2 (f64_mul, uint64_t)
ARITH2 (f64_div, uint64_t)
ARITH1 (f64_sqrt, uint64_t)
ARITH3 (f64_muladd, uint64_t)
SCALED (f64_muladd_scaled, uint64_t)
ARITH2 (f32_eq, uint32_t)
ARITH2 (f32_lt, uint32_t)
ARITH2 (f32_le, uint32_t)
ARITH2 (f64_eq, uint64_t)
ARITH2 (f64_lt, uint64_t)
ARITH2 (f64_le, uint64_t)
ARITH2 (f32_min_num, uint32_t)
ARITH2 (f32_max_num, uint32_t)
ARITH2 (f64_min_num, uint64_t)
ARITH2 (f64_max_num, uint64_t)
NOSTATUS (f32_classify, uint32_t)
NOSTATUS (f64_classify, uint64_t)
NOSTATUS (f32_is_nan, uint32_t)
NOSTATUS (f64_is_nan, uint64_t)
NOSTATUS (f32_is_signaling_nan, uint32_t)
NOSTATUS (f64_is_signaling_nan, uint64_t)
TOINT (f32_to_i32, uint32_t, int32_t)
TOINT (f32_to_u32, uint32_t, uint32_t)
TOINT (f32_to_i64, uint32_t, int64_t)
TOINT (f32_to_u64, uint32_t, uint64_t)
TOINT (f64_to_i32, uint64_t, int32_t)
TOINT (f64_to_u32, uint64_t, uint32_t)
TOINT (f64_to_i64, uint64_t, int64_t)
TOINT (f64_to_u64, uint64_t, uint64_t)
TOFIXED (f32_to_fixed, uint32_t)
TOFIXED (f64_to_fixed, uint64_t)
FROMFIXED (i64_to_f32_fixed, int64_t)
FROMFIXED (u64_to_f32_fixed, uint64_t)
FROMFIXED (i64_to_f64_fixed, int64_t)
FROMFIXED (u64_to_f64_fixed, uint64_t)
ARITH1 (i32_to_f32, int32_t)
ARITH1 (u32_to_f32, uint32_t)
ARITH1 (i64_to_f32, int64_t)
ARITH1 (u64_to_f32, uint64_t)
ARITH1 (i32_to_f64, int32_t)
ARITH1 (u32_to_f64, uint32_t)
ARITH1 (i64_to_f64, int64_t)
ARITH1 (u64_to_f64, uint64_t)
ARITH1 (f32_to_f64, uint32_t)
ARITH1 (f64_to_f32, uint64_t)
ARITH1 (f32_to_f16, uint32_t)
ARITH1 (f16_to_f32, uint16_t)
ROUNDINT (f32_round_int, uint32_t)
ROUNDINT (f64_round_int, uint64_t)

#define OP(n, g, r, x)                                                                             \
  {                                                                                                \
#n, mine_##n, ref_##n##_, g, r, x                                                              \
  }

static const Op ops[] = {
  OP (f32_add, G_F32, REL_ADD, X_NONE),
  OP (f32_sub, G_F32, REL_ADD, X_NONE),
  OP (f32_mul, G_F32, REL_NONE, X_NONE),
  OP (f32_div, G_F32, REL_DIV, X_NONE),
  OP (f32_sqrt, G_F32, REL_SQRT, X_NONE),
  OP (f32_muladd, G_F32, REL_MULADD, X_NONE),
  OP (f32_muladd_scaled, G_F32, REL_MULADD, X_SCALE),
  OP (f64_add, G_F64, REL_ADD, X_NONE),
  OP (f64_sub, G_F64, REL_ADD, X_NONE),
  OP (f64_mul, G_F64, REL_NONE, X_NONE),
  OP (f64_div, G_F64, REL_DIV, X_NONE),
  OP (f64_sqrt, G_F64, REL_SQRT, X_NONE),
  OP (f64_muladd, G_F64, REL_MULADD, X_NONE),
  OP (f64_muladd_scaled, G_F64, REL_MULADD, X_SCALE),
  OP (f32_eq, G_F32, REL_ADD, X_NONE),
  OP (f32_lt, G_F32, REL_ADD, X_NONE),
  OP (f32_le, G_F32, REL_ADD, X_NONE),
  OP (f64_eq, G_F64, REL_ADD, X_NONE),
  OP (f64_lt, G_F64, REL_ADD, X_NONE),
  OP (f64_le, G_F64, REL_ADD, X_NONE),
  OP (f32_min_num, G_F32, REL_ADD, X_NONE),
  OP (f32_max_num, G_F32, REL_ADD, X_NONE),
  OP (f64_min_num, G_F64, REL_ADD, X_NONE),
  OP (f64_max_num, G_F64, REL_ADD, X_NONE),
  OP (f32_classify, G_F32, REL_NONE, X_NONE),
  OP (f64_classify, G_F64, REL_NONE, X_NONE),
  OP (f32_is_nan, G_F32, REL_NONE, X_NONE),
  OP (f64_is_nan, G_F64, REL_NONE, X_NONE),
  OP (f32_is_signaling_nan, G_F32, REL_NONE, X_NONE),
  OP (f64_is_signaling_nan, G_F64, REL_NONE, X_NONE),
  OP (f32_to_i32, G_F32, REL_NONE, X_ROUND),
  OP (f32_to_u32, G_F32, REL_NONE, X_ROUND),
  OP (f32_to_i64, G_F32, REL_NONE, X_ROUND),
  OP (f32_to_u64, G_F32, REL_NONE, X_ROUND),
  OP (f64_to_i32, G_F64, REL_NONE, X_ROUND),
  OP (f64_to_u32, G_F64, REL_NONE, X_ROUND),
  OP (f64_to_i64, G_F64, REL_NONE, X_ROUND),
  OP (f64_to_u64, G_F64, REL_NONE, X_ROUND),
  OP (f32_to_fixed, G_F32, REL_NONE, X_FBITS),
  OP (f64_to_fixed, G_F64, REL_NONE, X_FBITS),
  OP (i64_to_f32_fixed, G_INT, REL_NONE, X_FBITS_INT),
  OP (u64_to_f32_fixed, G_INT, REL_NONE, X_FBITS_INT),
  OP (i64_to_f64_fixed, G_INT, REL_NONE, X_FBITS_INT),
  OP (u64_to_f64_fixed, G_INT, REL_NONE, X_FBITS_INT),
  OP (i32_to_f32, G_INT, REL_NONE, X_NONE),
  OP (u32_to_f32, G_INT, REL_NONE, X_NONE),
  OP (i64_to_f32, G_INT, REL_NONE, X_NONE),
  OP (u64_to_f32, G_INT, REL_NONE, X_NONE),
  OP (i32_to_f64, G_INT, REL_NONE, X_NONE),
  OP (u32_to_f64, G_INT, REL_NONE, X_NONE),
  OP (i64_to_f64, G_INT, REL_NONE, X_NONE),
  OP (u64_to_f64, G_INT, REL_NONE, X_NONE),
  OP (f32_to_f64, G_F32, REL_NONE, X_NONE),
  OP (f64_to_f32, G_F64, REL_NONE, X_NONE),
  OP (f32_to_f16, G_F32, REL_NONE, X_NONE),
  OP (f16_to_f32, G_F16, REL_NONE, X_NONE),
  OP (f32_round_int, G_F32, REL_NONE, X_ROUND_EX),
  OP (f64_round_int, G_F64, REL_NONE, X_ROUND_EX),
};

/* Operands for @op; related ones are built with the reference's own
 * arithmetic in round-to-nearest, so that they land where the result is
 * hardest to get right. */
static void
gen_operands (const Op *op, guint64 *a, guint64 *b, guint64 *c)
{
  const Fmt *f = op->gen == G_F16 ? &fmt16 : op->gen == G_F32 ? &fmt32 : &fmt64;
  bool is64 = op->gen == G_F64;
  MdlFpStatus rne = { 0 };
  guint64 sign = UINT64_C (1) << (f->width - 1);

  if (op->gen == G_INT) {
    *a = gen_int ();
    *b = gen_int ();
    *c = gen_int ();
    return;
  }
  *a = gen_float (f);
  *b = gen_float (f);
  *c = gen_float (f);
  if (rnd () % 4 == 0)
    return;
  switch (op->rel) {
  case REL_ADD: *b = nudge (f, *a ^ (rnd () & 1 ? sign : 0)); break;
  case REL_MULADD: {
    guint64 p
      = is64 ? ref_f64_mul (&rne, *a, *b) : ref_f32_mul (&rne, (uint32_t) *a, (uint32_t) *b);

    *c = nudge (f, p ^ (rnd () % 3 ? sign : 0));
    break;
  }
  case REL_DIV:
    *a = nudge (f, is64 ? ref_f64_mul (&rne, *b, *c)
                        : ref_f32_mul (&rne, (uint32_t) *b, (uint32_t) *c));
    break;
  case REL_SQRT:
    *a = nudge (f, is64 ? ref_f64_mul (&rne, *b, *b)
                        : ref_f32_mul (&rne, (uint32_t) *b, (uint32_t) *b));
    break;
  default: break;
  }
}

static void
test_op (gconstpointer data)
{
  const Op *op = data;
  guint fails_before = n_failures;

  for (guint i = 0; i < n_iterations; i++) {
    MdlFpStatus st0 = gen_status (), s1 = st0, s2 = st0;
    guint64 a, b, c, want, got;
    int x = gen_extra (op->extra);

    gen_operands (op, &a, &b, &c);
    if (op->extra == X_FBITS)
      b = rnd ();
    want = op->ref (&s1, a, b, c, x);
    got = op->mine (&s2, a, b, c, x);
    n_compared++;
    if (want != got || s1.flags != s2.flags)
      report (op->name, &st0, a, b, c, x, want, s1.flags, got, s2.flags);
  }
  g_assert_cmpuint (n_failures, ==, fails_before);
}

/* Every f16 and every pattern of an f32's top 16 and bottom bits through
 * the conversions and one-operand operations, under every rounding mode
 * and flushing choice. */
static void
test_exhaustive_small (void)
{
  guint fails_before = n_failures;

  for (guint32 h = 0; h < 0x10000; h++)
    for (int m = 0; m < 24; m++) {
      MdlFpStatus st0 = { .round = (uint8_t) (m % 6),
                          .nan_mode = (m / 6) & 1,
                          .flush_to_zero = (m / 12) & 1,
                          .tininess_before = m & 1 };
      MdlFpStatus s1 = st0, s2 = st0;
      guint32 f = h << 16 | (guint32) (rnd () & 0xffff);

      if (ref_f16_to_f32 (&s1, (uint16_t) h) != mdl_f16_to_f32 (&s2, (uint16_t) h)
          || ref_f32_to_f16 (&s1, f) != mdl_f32_to_f16 (&s2, f)
          || ref_f32_sqrt (&s1, f) != mdl_f32_sqrt (&s2, f)
          || ref_f32_to_f64 (&s1, f) != mdl_f32_to_f64 (&s2, f)
          || ref_f32_round_int (&s1, f, (MdlFpRound) st0.round, m & 1)
               != mdl_f32_round_int (&s2, f, (MdlFpRound) st0.round, m & 1)
          || s1.flags != s2.flags)
        report ("exhaustive-small", &st0, h, f, 0, m, 0, s1.flags, 0, s2.flags);
      n_compared += 5;
    }
  g_assert_cmpuint (n_failures, ==, fails_before);
}

static void
test_summary (void)
{
  g_test_message ("%" G_GUINT64_FORMAT " operations compared", n_compared);
  g_assert_cmpuint (n_failures, ==, 0);
}

int
main (int argc, char **argv)
{
  const char *iters = g_getenv ("MDL_SOFTFLOAT_DIFF_ITERATIONS");
  const char *seed = g_getenv ("MDL_SOFTFLOAT_SEED");

  g_test_init (&argc, &argv, NULL);
  if (iters)
    n_iterations = (guint) g_ascii_strtoull (iters, NULL, 10);
  if (seed)
    rng = g_ascii_strtoull (seed, NULL, 0);
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++) {
    g_autofree char *path = g_strdup_printf ("/engine/softfloat-diff/%s", ops[i].name);

    g_test_add_data_func (path, &ops[i], test_op);
  }
  g_test_add_func ("/engine/softfloat-diff/exhaustive-small", test_exhaustive_small);
  g_test_add_func ("/engine/softfloat-diff/summary", test_summary);
  return g_test_run ();
}
