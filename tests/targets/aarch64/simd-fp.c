/* Advanced SIMD floating point: every instruction group over vectors
 * made from tables of edge values (zeros, subnormals, limits,
 * infinities, quiet and signalling NaNs with payloads, integers at the
 * conversion limits), under every FPCR rounding mode with FZ and DN each
 * off and on; the 128-bit result and FPSR folded into one printed hash
 * per instruction (QEMU's are the reference).  Built with
 * -mgeneral-regs-only: the SIMD instructions are in the assembly only. */
#include "test.h"

static const u64 dv[] = {
  0,
  0x8000000000000000,
  0x3ff0000000000000,
  0xbff0000000000000,
  0x3ff8000000000000,
  0x0000000000000001,
  0x800fffffffffffff,
  0x0010000000000000,
  0x7fefffffffffffff,
  0x7ff0000000000000,
  0xfff0000000000000,
  0x7ff8000000000123,
  0x7ff0000000000456,
  0xfff8000000000000,
  0x400921fb54442d18,
  0x7e37e43c8800759c,
  0x3fd5555555555555,
  0xc004000000000000,
  0x4340000000000001,
  0x41dfffffffc00000,
  0xc3e0000000000000,
  0x43f0000000000000,
  0x3fe0000000000000,
  0xbfe8000000000000,
  0x7fd0000000000000,
  0x0008000000000000,
};
static const u64 sv[] = {
  0,          0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0x00000001, 0x807fffff,
  0x00800000, 0x7f7fffff, 0x7f800000, 0xff800000, 0x7fc00123, 0x7f800456, 0xffc00000,
  0x40490fdb, 0x4effffff, 0xcf000000, 0x5f800000, 0x3f000000, 0xbf400000, 0x33800000,
  0x4b800001, 0x7e800000, 0x00400000, 0x3eaaaaab, 0xc0a00000,
};
/* Integers: the conversion limits, odd values that round. */
static const u64 iv[] = {
  0,
  1,
  0xffffffffffffffff,
  0x7fffffff,
  0x80000000,
  0x7fffffffffffffff,
  0x8000000000000000,
  0xffffffff80000001,
  0x00000000ffffffff,
  0x0000000001000001,
  0x7fffffc0,
  0x20000000000003,
  0xfff0000000000001,
  0x40000000c0000000,
  0xc0000000a0000000,
  0x123456789abcdef,
};
/* Singles at the half-precision limits (65504, the rounding edge to
 * infinity, the alternative format's 131008 and beyond, the smallest
 * normal and subnormal halves), and pairs of halves. */
static const u64 hsv[] = {
  0x477fe000, 0x477ff000, 0x477fefff, 0x47800000, 0x47ffe000, 0x47fff000, 0x48000000,
  0x38800000, 0x387fc000, 0x33800000, 0x33000000, 0x33000001, 0x3f801000, 0xc7ffefff,
  0x7fa00001, 0xffc12345, 0x7f800000, 0x00000001, 0x80000000, 0x3eaaaaab,
};
static const u64 hh[] = {
  0x00008000, 0x000103ff, 0x04003c00, 0x7bff7c00, 0xfc007c01, 0x7e00fe55,
  0x7fffffff, 0x5555bc01, 0x83ff8001, 0x7c00fc00, 0x3555d555, 0x7e017d00,
};
#define NHS (sizeof hsv / sizeof hsv[0])
#define NHH (sizeof hh / sizeof hh[0])
#define ND  (sizeof dv / sizeof dv[0])
#define NS  (sizeof sv / sizeof sv[0])
#define NI  (sizeof iv / sizeof iv[0])

static u64 hash;
static void
mix (u64 v)
{
  /* the shift carries the sign bits down, where later words mix them */
  hash = (hash ^ v) * 0x100000001b3ull;
  hash ^= hash >> 29;
}

static u64 A[2] __attribute__ ((aligned (16)));
static u64 B[2] __attribute__ ((aligned (16)));
static u64 D[2] __attribute__ ((aligned (16)));
static u64 R[2] __attribute__ ((aligned (16)));

/* A, B, D from the table: lanes i, i+1.. (j.., i+j..) of 32 or 64 bits. */
static void
prep (const u64 *vals, unsigned n, unsigned i, unsigned j, int bits)
{
  if (bits == 64) {
    A[0] = vals[i % n], A[1] = vals[(i + 1) % n];
    B[0] = vals[j % n], B[1] = vals[(j + 3) % n];
    D[0] = vals[(i + j) % n], D[1] = vals[(i + j + 5) % n];
    return;
  }
  A[0] = (vals[i % n] & 0xffffffff) | vals[(i + 1) % n] << 32;
  A[1] = (vals[(i + 2) % n] & 0xffffffff) | vals[(i + 3) % n] << 32;
  B[0] = (vals[j % n] & 0xffffffff) | vals[(j + 5) % n] << 32;
  B[1] = (vals[(j + 2) % n] & 0xffffffff) | vals[(j + 7) % n] << 32;
  D[0] = (vals[(i + j) % n] & 0xffffffff) | vals[(i + 1) % n] << 32;
  D[1] = (vals[(j + 1) % n] & 0xffffffff) | vals[(i + j + 3) % n] << 32;
}

/* v0 = A, v1 = B, v2 = D; the instruction leaves its result in v2. */
#define RUN(name, vals, n, bits, insn)                                                             \
  do {                                                                                             \
    hash = 0xcbf29ce484222325ull;                                                                  \
    for (unsigned i = 0; i < n; i++)                                                               \
      for (unsigned j = 0; j < n; j++) {                                                           \
        prep (vals, n, i, j, bits);                                                                \
        for (u64 c = 0; c < 16; c++) {                                                             \
          u64 f, fpcr = ((c & 3) << 22) | ((c >> 2 & 1) << 24) | ((c >> 3 & 1) << 25);             \
          __asm__ volatile("msr fpcr, %1\n\tmsr fpsr, xzr\n\tldr q0, [%2]\n\tldr q1, [%3]\n\t"     \
                           "ldr q2, [%4]\n\t" insn "\n\tstr q2, [%5]\n\tmrs %0, fpsr"              \
                           : "=&r"(f)                                                              \
                           : "r"(fpcr), "r"(A), "r"(B), "r"(D), "r"(R)                             \
                           : "x9", "v0", "v1", "v2", "memory");                                    \
          mix (R[0]), mix (R[1]), mix (f);                                                         \
        }                                                                                          \
      }                                                                                            \
    P (name, hash);                                                                                \
  } while (0)

#define S(name, insn)  RUN (name, sv, NS, 32, insn)
#define DD(name, insn) RUN (name, dv, ND, 64, insn)
/* a three-same op on .4s, .2s and .2d */
#define V3(op)                                                                                     \
  S (op " 4s", op " v2.4s, v0.4s, v1.4s");                                                         \
  S (op " 2s", op " v2.2s, v0.2s, v1.2s");                                                         \
  DD (op " 2d", op " v2.2d, v0.2d, v1.2d")
/* a two-register op on .4s and .2d */
#define V2(op)                                                                                     \
  S (op " 4s", op " v2.4s, v0.4s");                                                                \
  DD (op " 2d", op " v2.2d, v0.2d")
#define SC3(op)                                                                                    \
  S (op " s", op " s2, s0, s1");                                                                   \
  DD (op " d", op " d2, d0, d1")
#define SC2(op)                                                                                    \
  S (op " s", op " s2, s0");                                                                       \
  DD (op " d", op " d2, d0")

/* The estimates over every table index: fractions stepped through the
 * 8 or 9 bits the tables read, at exponents from subnormal to the
 * overflow and underflow limits, under RN, RP, RM and FZ. */
#define SWEEP(name, bits, insn)                                                                    \
  do {                                                                                             \
    hash = 0xcbf29ce484222325ull;                                                                  \
    for (u64 k = 0; k < 4096; k++) {                                                               \
      u64 e = (k * 0x9e3779b97f4a7c15ull) >> 56, fr = k & 511;                                     \
      if (bits == 32) {                                                                            \
        u64 x = (e << 23 | fr << 14 | (k & 0x3fff)) | (k & 0x800 ? 0x80000000 : 0);                \
        A[0] = A[1] = x | (x ^ 0x00400000) << 32;                                                  \
      } else {                                                                                     \
        u64 de = e < 128 ? e : e > 192 ? 2047 - (255 - e) : 1023 + (e - 160);                      \
        A[0] = de << 52 | fr << 43 | (k * 0x12345);                                                \
        A[1] = A[0] ^ 0x8000000000000000ull ^ 0x0004000000000000ull;                               \
      }                                                                                            \
      for (u64 c = 0; c < 4; c++) {                                                                \
        u64 f, fpcr = c == 3 ? 1 << 24 : c << 22;                                                  \
        __asm__ volatile("msr fpcr, %1\n\tmsr fpsr, xzr\n\tldr q0, [%2]\n\t" insn                  \
                         "\n\tstr q2, [%3]\n\tmrs %0, fpsr"                                        \
                         : "=&r"(f)                                                                \
                         : "r"(fpcr), "r"(A), "r"(R)                                               \
                         : "v0", "v2", "memory");                                                  \
        mix (R[0]), mix (R[1]), mix (f);                                                           \
      }                                                                                            \
    }                                                                                              \
    P (name, hash);                                                                                \
  } while (0)

static volatile u64 traps;

static void
fp_trap (int kind, Frame *f)
{
  (void) f, (void) kind;
  traps++;
  SYSREG_WRITE (elr_el1, SYSREG_READ (elr_el1) + 4);
}

int
main (void)
{
  u64 cpacr;
  __asm__ volatile("mrs %0, cpacr_el1" : "=r"(cpacr));
  SYSREG_WRITE (cpacr_el1, cpacr | (3 << 20));

  /* three registers of the same type */
  V3 ("fadd");
  V3 ("fsub");
  V3 ("fmul");
  V3 ("fdiv");
  V3 ("fmla");
  V3 ("fmls");
  V3 ("fmulx");
  V3 ("fabd");
  V3 ("fmax");
  V3 ("fmin");
  V3 ("fmaxnm");
  V3 ("fminnm");
  V3 ("faddp");
  V3 ("fmaxp");
  V3 ("fminp");
  V3 ("fmaxnmp");
  V3 ("fminnmp");
  V3 ("fcmeq");
  V3 ("fcmge");
  V3 ("fcmgt");
  V3 ("facge");
  V3 ("facgt");
  V3 ("frecps");
  V3 ("frsqrts");
  SC3 ("fabd");
  SC3 ("fmulx");
  SC3 ("fcmeq");
  SC3 ("fcmge");
  SC3 ("fcmgt");
  SC3 ("facge");
  SC3 ("facgt");
  SC3 ("frecps");
  SC3 ("frsqrts");
  S ("faddp s", "faddp s2, v0.2s");
  DD ("faddp d", "faddp d2, v0.2d");
  S ("fmaxp s", "fmaxp s2, v0.2s");
  DD ("fminp d", "fminp d2, v0.2d");
  S ("fmaxnmp s", "fmaxnmp s2, v0.2s");
  DD ("fminnmp d", "fminnmp d2, v0.2d");

  /* two-register miscellaneous */
  V2 ("fabs");
  V2 ("fneg");
  V2 ("fsqrt");
  V2 ("frintn");
  V2 ("frinta");
  V2 ("frintp");
  V2 ("frintm");
  V2 ("frintz");
  V2 ("frintx");
  V2 ("frinti");
  V2 ("fcvtns");
  V2 ("fcvtnu");
  V2 ("fcvtms");
  V2 ("fcvtmu");
  V2 ("fcvtps");
  V2 ("fcvtpu");
  V2 ("fcvtzs");
  V2 ("fcvtzu");
  V2 ("fcvtas");
  V2 ("fcvtau");
  V2 ("frecpe");
  V2 ("frsqrte");
  S ("fcvtzs 2s", "fcvtzs v2.2s, v0.2s");
  SC2 ("fcvtns");
  SC2 ("fcvtmu");
  SC2 ("fcvtzs");
  SC2 ("fcvtau");
  SC2 ("fcvtpu");
  SC2 ("frecpe");
  SC2 ("frsqrte");
  SC2 ("frecpx");
  S ("fcmeq0 4s", "fcmeq v2.4s, v0.4s, #0.0");
  DD ("fcmge0 2d", "fcmge v2.2d, v0.2d, #0.0");
  S ("fcmgt0 2s", "fcmgt v2.2s, v0.2s, #0.0");
  DD ("fcmle0 2d", "fcmle v2.2d, v0.2d, #0.0");
  S ("fcmlt0 4s", "fcmlt v2.4s, v0.4s, #0.0");
  S ("fcmle0 s", "fcmle s2, s0, #0.0");
  DD ("fcmeq0 d", "fcmeq d2, d0, #0.0");
  DD ("fcvtn", "fcvtn v2.2s, v0.2d");
  DD ("fcvtn2", "fcvtn2 v2.4s, v0.2d");
  DD ("fcvtxn", "fcvtxn v2.2s, v0.2d");
  DD ("fcvtxn2", "fcvtxn2 v2.4s, v0.2d");
  DD ("fcvtxn s", "fcvtxn s2, d0");
  S ("fcvtl", "fcvtl v2.2d, v0.2s");
  S ("fcvtl2", "fcvtl2 v2.2d, v0.4s");
  /* half precision: IEEE and FPCR.AHP's alternative format */
  RUN ("fcvtn 4h", hsv, NHS, 32, "fcvtn v2.4h, v0.4s");
  RUN ("fcvtn2 8h", sv, NS, 32, "fcvtn2 v2.8h, v0.4s");
  RUN ("fcvtl 4h", hh, NHH, 32, "fcvtl v2.4s, v0.4h");
  RUN ("fcvtl2 8h", hh, NHH, 32, "fcvtl2 v2.4s, v0.8h");
  RUN ("fcvtn 4h ahp", hsv, NHS, 32,
       "mrs x9, fpcr\n\torr x9, x9, #0x4000000\n\tmsr fpcr, x9\n\tfcvtn v2.4h, v0.4s");
  RUN ("fcvtn2 8h ahp", sv, NS, 32,
       "mrs x9, fpcr\n\torr x9, x9, #0x4000000\n\tmsr fpcr, x9\n\tfcvtn2 v2.8h, v0.4s");
  RUN ("fcvtl 4h ahp", hh, NHH, 32,
       "mrs x9, fpcr\n\torr x9, x9, #0x4000000\n\tmsr fpcr, x9\n\tfcvtl v2.4s, v0.4h");
  RUN ("scvtf 4s", iv, NI, 32, "scvtf v2.4s, v0.4s");
  RUN ("ucvtf 4s", iv, NI, 32, "ucvtf v2.4s, v0.4s");
  RUN ("scvtf 2d", iv, NI, 64, "scvtf v2.2d, v0.2d");
  RUN ("ucvtf 2d", iv, NI, 64, "ucvtf v2.2d, v0.2d");
  RUN ("scvtf s", iv, NI, 32, "scvtf s2, s0");
  RUN ("ucvtf d", iv, NI, 64, "ucvtf d2, d0");

  SWEEP ("frecpe sweep s", 32, "frecpe v2.4s, v0.4s");
  SWEEP ("frsqrte sweep s", 32, "frsqrte v2.4s, v0.4s");
  SWEEP ("frecpe sweep d", 64, "frecpe v2.2d, v0.2d");
  SWEEP ("frsqrte sweep d", 64, "frsqrte v2.2d, v0.2d");
  SWEEP ("frecpx sweep", 64, "frecpx d2, d0");
  SWEEP ("fcvtxn sweep", 64, "fcvtxn v2.2s, v0.2d");
  SWEEP ("fcvtn sweep", 64, "fcvtn2 v2.4s, v0.2d");

  /* fixed point */
  RUN ("scvtf 4s #1", iv, NI, 32, "scvtf v2.4s, v0.4s, #1");
  RUN ("scvtf 2s #32", iv, NI, 32, "scvtf v2.2s, v0.2s, #32");
  RUN ("ucvtf 4s #17", iv, NI, 32, "ucvtf v2.4s, v0.4s, #17");
  RUN ("scvtf 2d #64", iv, NI, 64, "scvtf v2.2d, v0.2d, #64");
  RUN ("ucvtf 2d #3", iv, NI, 64, "ucvtf v2.2d, v0.2d, #3");
  RUN ("scvtf s #5", iv, NI, 32, "scvtf s2, s0, #5");
  RUN ("ucvtf d #63", iv, NI, 64, "ucvtf d2, d0, #63");
  S ("fcvtzs 4s #1", "fcvtzs v2.4s, v0.4s, #1");
  S ("fcvtzu 4s #32", "fcvtzu v2.4s, v0.4s, #32");
  S ("fcvtzs 2s #9", "fcvtzs v2.2s, v0.2s, #9");
  DD ("fcvtzs 2d #64", "fcvtzs v2.2d, v0.2d, #64");
  DD ("fcvtzu 2d #11", "fcvtzu v2.2d, v0.2d, #11");
  S ("fcvtzu s #3", "fcvtzu s2, s0, #3");
  DD ("fcvtzs d #40", "fcvtzs d2, d0, #40");

  /* fixed point with a general register (the scalar FP class) */
  RUN ("scvtf s x #16", iv, NI, 64, "fmov x9, d0\n\tscvtf s2, x9, #16");
  RUN ("ucvtf d w #32", iv, NI, 64, "fmov x9, d0\n\tucvtf d2, w9, #32");
  RUN ("scvtf d w #1", iv, NI, 64, "fmov x9, d0\n\tscvtf d2, w9, #1");
  RUN ("ucvtf s x #64", iv, NI, 64, "fmov x9, d0\n\tucvtf s2, x9, #64");
  S ("fcvtzs w s #8", "fcvtzs w9, s0, #8\n\tfmov d2, x9");
  S ("fcvtzu x s #40", "fcvtzu x9, s0, #40\n\tfmov d2, x9");
  DD ("fcvtzs x d #1", "fcvtzs x9, d0, #1\n\tfmov d2, x9");
  DD ("fcvtzu w d #32", "fcvtzu w9, d0, #32\n\tfmov d2, x9");

  /* by element */
  S ("fmla e 4s", "fmla v2.4s, v0.4s, v1.s[3]");
  S ("fmls e 2s", "fmls v2.2s, v0.2s, v1.s[1]");
  S ("fmul e 4s", "fmul v2.4s, v0.4s, v1.s[2]");
  S ("fmulx e 4s", "fmulx v2.4s, v0.4s, v1.s[0]");
  DD ("fmla e 2d", "fmla v2.2d, v0.2d, v1.d[1]");
  DD ("fmls e 2d", "fmls v2.2d, v0.2d, v1.d[0]");
  DD ("fmul e 2d", "fmul v2.2d, v0.2d, v1.d[1]");
  DD ("fmulx e 2d", "fmulx v2.2d, v0.2d, v1.d[1]");
  S ("fmla e s", "fmla s2, s0, v1.s[1]");
  S ("fmulx e s", "fmulx s2, s0, v1.s[3]");
  DD ("fmls e d", "fmls d2, d0, v1.d[1]");
  DD ("fmul e d", "fmul d2, d0, v1.d[0]");

  /* the destination also a source: every input read before writing */
  S ("faddp alias", "faddp v2.4s, v2.4s, v0.4s\n\tfmaxp v2.4s, v1.4s, v2.4s");
  S ("fmla e alias", "fmla v2.4s, v2.4s, v2.s[2]\n\tfmul v2.4s, v1.4s, v2.s[3]");
  DD ("fmulx e alias", "fmulx v2.2d, v2.2d, v2.d[1]\n\tfmls d2, d2, v2.d[0]");
  DD ("fcvtn2 alias", "fcvtn2 v2.4s, v2.2d\n\tfcvtl2 v2.2d, v2.4s");
  S ("fcvtl alias", "fcvtl v2.2d, v2.2s\n\tfcvtxn2 v2.4s, v2.2d");

  /* across lanes */
  S ("fmaxv", "fmaxv s2, v0.4s");
  S ("fminv", "fminv s2, v0.4s");
  S ("fmaxnmv", "fmaxnmv s2, v0.4s");
  S ("fminnmv", "fminnmv s2, v0.4s");

  /* fmov immediate */
  RUN ("fmov imm", sv, 1, 32,
       "fmov v2.4s, #-0.1875\n\tfmov v1.2s, #31.0\n\tfmov v0.2d, #1.5\n\t"
       "fadd v2.4s, v2.4s, v1.4s\n\tfadd v2.2d, v2.2d, v0.2d");

  /* FPEN = 0: the SIMD instructions trap too */
  SYSREG_WRITE (cpacr_el1, cpacr & ~(3ull << 20));
  on_exception (fp_trap);
  __asm__ volatile("fadd v0.4s, v1.4s, v2.4s\n\tfmov v0.2d, #1.0\n\tfcvtl v0.2d, v1.2s" ::: "v0");
  P ("simd traps", traps);
  CHECK (1, traps == 3);
  return failed;
}
