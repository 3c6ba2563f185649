/*
 * fprandom.c: every F and D instruction on many pseudo-random operands,
 * in every rounding mode, each result and its flags folded into one hash
 * per instruction.  The same binary on QEMU and on Medley must print the
 * same hashes: one differing bit of a result or a flag changes that
 * instruction's line.
 *
 * Operands are biased toward the corners: zeros, infinities, quiet and
 * signalling NaNs with payloads, subnormals, the overflow edge, values
 * near the integer limits and near integers; single-precision operands
 * are sometimes not NaN-boxed.  Registers are loaded and stored as whole
 * 64-bit images (fld / fsd), so boxing is seen both ways.
 *
 * Built for RV32GC and RV64GC; the RV64-only conversions (fcvt.l, .lu and
 * back, fmv.x.d, fmv.d.x) print on RV64 only, so each width has its own
 * expected file.
 */
#include <stdint.h>
#include <stdio.h>

#define ITERATIONS 600

__attribute__ ((constructor)) static void
fpu_on (void)
{
  __asm__ volatile("li t0, 0x2000\n\tcsrs mstatus, t0" ::: "t0");
}

/* ---- operands ---- */

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t
rnd (void)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static const uint32_t specials32[] = {
  0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001, 0xff812345,
  0x7fc00001, 0x00000001, 0x807fffff, 0x00800000, 0x7f7fffff, 0xff7fffff, 0x3f800000, 0xbf800000,
  0x4f000000, 0xcf000000, 0x4f800000, 0x5f000000, 0xdf000000, 0x5f800000, 0x3f000000, 0x4b800001,
};

static const uint64_t specials64[] = {
  0x0000000000000000ull, 0x8000000000000000ull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
  0x7ff8000000000000ull, 0xfff8000000000000ull, 0x7ff0000000000001ull, 0xfff0000012345678ull,
  0x7ff8000000000001ull, 0x0000000000000001ull, 0x800fffffffffffffull, 0x0010000000000000ull,
  0x7fefffffffffffffull, 0xffefffffffffffffull, 0x3ff0000000000000ull, 0xbff0000000000000ull,
  0x41dfffffffe00000ull, 0xc1e0000000100000ull, 0x41effffffff00000ull, 0x43e0000000000000ull,
  0xc3e0000000000000ull, 0x43f0000000000000ull, 0x3fe0000000000000ull, 0x3810000000000000ull,
};

/* A single with its exponent in [lo, hi]. */
static uint32_t
single_near (unsigned lo, unsigned hi)
{
  uint64_t r = rnd ();
  uint32_t exp = lo + (unsigned) (r % (hi - lo + 1));
  uint32_t mant = (uint32_t) (r >> 20) & 0x7fffff;

  /* Often few mantissa bits: exact cases and ties. */
  if (r & (1u << 8))
    mant &= ~((1u << (r >> 9 & 15)) - 1) & 0x7fffff;
  return (uint32_t) (r >> 63) << 31 | exp << 23 | mant;
}

static uint64_t
double_near (unsigned lo, unsigned hi)
{
  uint64_t r = rnd (), s = rnd ();
  uint64_t exp = lo + (unsigned) (r % (hi - lo + 1));
  uint64_t mant = s & 0xfffffffffffffull;

  if (r & (1u << 8))
    mant &= ~((1ull << (r >> 9 & 63)) - 1) & 0xfffffffffffffull;
  return (r >> 63) << 63 | exp << 52 | mant;
}

static uint32_t
gen32 (void)
{
  switch (rnd () % 9) {
  case 0: return specials32[rnd () % (sizeof specials32 / sizeof specials32[0])];
  case 1: return single_near (124, 130); /* around 1 */
  case 2: return single_near (0, 2);     /* subnormal, tiny */
  case 3: return single_near (251, 254); /* near overflow */
  case 4: return single_near (155, 160); /* near 2^31, 2^32 */
  case 5: return single_near (187, 192); /* near 2^63, 2^64 */
  case 6: return single_near (0, 255);   /* anything, NaNs too */
  default: return (uint32_t) rnd ();
  }
}

static uint64_t
gen64 (void)
{
  switch (rnd () % 9) {
  case 0: return specials64[rnd () % (sizeof specials64 / sizeof specials64[0])];
  case 1: return double_near (1020, 1026);
  case 2: return double_near (0, 2);
  case 3: return double_near (2043, 2046);
  case 4: return double_near (1051, 1056);
  case 5: return double_near (1083, 1088);
  case 6: return double_near (0, 2047);
  case 7: return double_near (870, 900); /* single's subnormals */
  default: return rnd ();
  }
}

/* A single as the 64-bit register sees it: boxed, now and then not. */
static uint64_t
gen32_boxed (void)
{
  uint64_t upper = (rnd () % 16) ? 0xffffffffull : (rnd () & 0xffffffffull);

  return upper << 32 | gen32 ();
}

static uint64_t
gen_int (void)
{
  static const uint64_t specials[] = {
    0,
    1,
    (uint64_t) -1,
    0x7fffffff,
    0x80000000,
    0xffffffff80000000ull,
    0x1000001,
    0xffffffff,
    0x7fffffffffffffffull,
    0x8000000000000000ull,
    0x20000000000001ull,
    0x100000000ull,
  };
  uint64_t r = rnd ();

  switch (r % 4) {
  case 0: return specials[rnd () % (sizeof specials / sizeof specials[0])];
  case 1: return rnd () >> (rnd () % 64);
  case 2: return (uint64_t) - (int64_t) (rnd () >> (rnd () % 64));
  default: return rnd ();
  }
}

/* ---- the instructions ----
 * Each wrapper loads 64-bit images into ft0..ft2, runs one instruction
 * with the dynamic rounding mode (frm), and returns the result's 64-bit
 * image or the integer result. */

typedef enum { S, D } Width;

// clang-format off
#define F1(fn, insn)                                                                \
  static uint64_t fn (uint64_t a, uint64_t b, uint64_t c)                          \
  {                                                                                 \
    uint64_t r;                                                                     \
    (void) b, (void) c;                                                             \
    __asm__ volatile ("fld ft0, %1\n\t" insn " ft3, ft0\n\tfsd ft3, %0"             \
                      : "=m" (r) : "m" (a) : "ft0", "ft3");                         \
    return r;                                                                       \
  }
#define F2(fn, insn)                                                                \
  static uint64_t fn (uint64_t a, uint64_t b, uint64_t c)                          \
  {                                                                                 \
    uint64_t r;                                                                     \
    (void) c;                                                                       \
    __asm__ volatile ("fld ft0, %1\n\tfld ft1, %2\n\t" insn " ft3, ft0, ft1\n\t"     \
                      "fsd ft3, %0"                                                 \
                      : "=m" (r) : "m" (a), "m" (b) : "ft0", "ft1", "ft3");         \
    return r;                                                                       \
  }
#define F3(fn, insn)                                                                \
  static uint64_t fn (uint64_t a, uint64_t b, uint64_t c)                          \
  {                                                                                 \
    uint64_t r;                                                                     \
    __asm__ volatile ("fld ft0, %1\n\tfld ft1, %2\n\tfld ft2, %3\n\t" insn          \
                      " ft3, ft0, ft1, ft2\n\tfsd ft3, %0"                          \
                      : "=m" (r) : "m" (a), "m" (b), "m" (c)                        \
                      : "ft0", "ft1", "ft2", "ft3");                                \
    return r;                                                                       \
  }
/* To an integer register: one or two FP operands (compares). */
#define FX(fn, insn, operands)                                                      \
  static uint64_t fn (uint64_t a, uint64_t b, uint64_t c)                          \
  {                                                                                 \
    unsigned long r;                                                                \
    (void) c;                                                                       \
    __asm__ volatile ("fld ft0, %1\n\tfld ft1, %2\n\t" insn " %0, " operands        \
                      : "=r" (r) : "m" (a), "m" (b) : "ft0", "ft1");                \
    return (uint64_t) r;                                                            \
  }
/* From an integer register (XLEN bits of a). */
#define XF(fn, insn)                                                                \
  static uint64_t fn (uint64_t a, uint64_t b, uint64_t c)                          \
  {                                                                                 \
    uint64_t r;                                                                     \
    unsigned long x = (unsigned long) a;                                            \
    (void) b, (void) c;                                                             \
    __asm__ volatile (insn " ft3, %1\n\tfsd ft3, %0" : "=m" (r) : "r" (x) : "ft3"); \
    return r;                                                                       \
  }

F2 (fadd_s, "fadd.s") F2 (fsub_s, "fsub.s") F2 (fmul_s, "fmul.s") F2 (fdiv_s, "fdiv.s")
F1 (fsqrt_s, "fsqrt.s") F2 (fmin_s, "fmin.s") F2 (fmax_s, "fmax.s")
F2 (fsgnj_s, "fsgnj.s") F2 (fsgnjn_s, "fsgnjn.s") F2 (fsgnjx_s, "fsgnjx.s")
F3 (fmadd_s, "fmadd.s") F3 (fmsub_s, "fmsub.s") F3 (fnmsub_s, "fnmsub.s")
F3 (fnmadd_s, "fnmadd.s")
FX (feq_s, "feq.s", "ft0, ft1") FX (flt_s, "flt.s", "ft0, ft1") FX (fle_s, "fle.s", "ft0, ft1")
FX (fclass_s, "fclass.s", "ft0") FX (fmv_x_w, "fmv.x.w", "ft0")
FX (fcvt_w_s, "fcvt.w.s", "ft0") FX (fcvt_wu_s, "fcvt.wu.s", "ft0")
XF (fcvt_s_w, "fcvt.s.w") XF (fcvt_s_wu, "fcvt.s.wu") XF (fmv_w_x, "fmv.w.x")

F2 (fadd_d, "fadd.d") F2 (fsub_d, "fsub.d") F2 (fmul_d, "fmul.d") F2 (fdiv_d, "fdiv.d")
F1 (fsqrt_d, "fsqrt.d") F2 (fmin_d, "fmin.d") F2 (fmax_d, "fmax.d")
F2 (fsgnj_d, "fsgnj.d") F2 (fsgnjn_d, "fsgnjn.d") F2 (fsgnjx_d, "fsgnjx.d")
F3 (fmadd_d, "fmadd.d") F3 (fmsub_d, "fmsub.d") F3 (fnmsub_d, "fnmsub.d")
F3 (fnmadd_d, "fnmadd.d")
FX (feq_d, "feq.d", "ft0, ft1") FX (flt_d, "flt.d", "ft0, ft1") FX (fle_d, "fle.d", "ft0, ft1")
FX (fclass_d, "fclass.d", "ft0")
FX (fcvt_w_d, "fcvt.w.d", "ft0") FX (fcvt_wu_d, "fcvt.wu.d", "ft0")
XF (fcvt_d_w, "fcvt.d.w") XF (fcvt_d_wu, "fcvt.d.wu")
F1 (fcvt_s_d, "fcvt.s.d") F1 (fcvt_d_s, "fcvt.d.s")

#if __riscv_xlen == 64
FX (fcvt_l_s, "fcvt.l.s", "ft0") FX (fcvt_lu_s, "fcvt.lu.s", "ft0")
XF (fcvt_s_l, "fcvt.s.l") XF (fcvt_s_lu, "fcvt.s.lu")
FX (fcvt_l_d, "fcvt.l.d", "ft0") FX (fcvt_lu_d, "fcvt.lu.d", "ft0")
XF (fcvt_d_l, "fcvt.d.l") XF (fcvt_d_lu, "fcvt.d.lu")
FX (fmv_x_d, "fmv.x.d", "ft0") XF (fmv_d_x, "fmv.d.x")
#endif

typedef struct {
  const char *name;
  uint64_t (*run) (uint64_t a, uint64_t b, uint64_t c);
  Width width;       /* of the FP operands */
  int int_source;    /* operand a is an integer */
} Op;

#define OP(n, w) { #n, n, w, 0 }
#define OPX(n, w) { #n, n, w, 1 }

static const Op ops[] = {
  OP (fadd_s, S), OP (fsub_s, S), OP (fmul_s, S), OP (fdiv_s, S), OP (fsqrt_s, S),
  OP (fmin_s, S), OP (fmax_s, S), OP (fsgnj_s, S), OP (fsgnjn_s, S), OP (fsgnjx_s, S),
  OP (fmadd_s, S), OP (fmsub_s, S), OP (fnmsub_s, S), OP (fnmadd_s, S),
  OP (feq_s, S), OP (flt_s, S), OP (fle_s, S), OP (fclass_s, S), OP (fmv_x_w, S),
  OP (fcvt_w_s, S), OP (fcvt_wu_s, S), OPX (fcvt_s_w, S), OPX (fcvt_s_wu, S),
  OPX (fmv_w_x, S),
  OP (fadd_d, D), OP (fsub_d, D), OP (fmul_d, D), OP (fdiv_d, D), OP (fsqrt_d, D),
  OP (fmin_d, D), OP (fmax_d, D), OP (fsgnj_d, D), OP (fsgnjn_d, D), OP (fsgnjx_d, D),
  OP (fmadd_d, D), OP (fmsub_d, D), OP (fnmsub_d, D), OP (fnmadd_d, D),
  OP (feq_d, D), OP (flt_d, D), OP (fle_d, D), OP (fclass_d, D),
  OP (fcvt_w_d, D), OP (fcvt_wu_d, D), OPX (fcvt_d_w, D), OPX (fcvt_d_wu, D),
  OP (fcvt_s_d, D), OP (fcvt_d_s, S),
#if __riscv_xlen == 64
  OP (fcvt_l_s, S), OP (fcvt_lu_s, S), OPX (fcvt_s_l, S), OPX (fcvt_s_lu, S),
  OP (fcvt_l_d, D), OP (fcvt_lu_d, D), OPX (fcvt_d_l, D), OPX (fcvt_d_lu, D),
  OP (fmv_x_d, D), OPX (fmv_d_x, D),
#endif
};

// clang-format on

static uint32_t
mix (uint32_t h, uint64_t v)
{
  for (int i = 0; i < 8; i++) {
    h ^= (uint8_t) (v >> (8 * i));
    h *= 16777619u;
  }
  return h;
}

int
main (void)
{
  printf ("fprandom: %d operand sets x 5 rounding modes per instruction\n", ITERATIONS);
  for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++) {
    const Op *op = &ops[i];
    uint32_t h = 2166136261u;
    unsigned nv = 0;

    for (int k = 0; k < ITERATIONS; k++) {
      uint64_t a = op->int_source ? gen_int () : op->width == S ? gen32_boxed () : gen64 ();
      uint64_t b = op->width == S ? gen32_boxed () : gen64 ();
      uint64_t c = op->width == S ? gen32_boxed () : gen64 ();

      for (unsigned rm = 0; rm < 5; rm++) {
        unsigned long flags;
        uint64_t r;

        __asm__ volatile("csrw frm, %0\n\tcsrw fflags, zero" : : "r"((unsigned long) rm));
        r = op->run (a, b, c);
        __asm__ volatile("csrr %0, fflags" : "=r"(flags));
        h = mix (mix (h, r), flags);
        nv += (flags & 0x10) != 0;
      }
    }
    printf ("%-10s %08lx  (%u invalid)\n", op->name, (unsigned long) h, nv);
  }
  __asm__ volatile("csrw frm, zero");
  printf ("done\n");
  return 0;
}
