/* Scalar floating point: every operation over a table of edge values
 * (zeros, subnormals, normals at the limits, infinities, quiet and
 * signalling NaNs with payloads), under every FPCR rounding mode with FZ
 * and DN each off and on; results, FPSR flags and NZCV folded into one
 * printed hash per operation (QEMU's are the reference).  Built with
 * -mgeneral-regs-only: the FP instructions are in the assembly only. */
#include "test.h"

static const u64 dv[] = {
  0, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000, 0x3ff8000000000000,
  0x0000000000000001, 0x800fffffffffffff, 0x0010000000000000, 0x7fefffffffffffff,
  0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000123, 0x7ff0000000000456,
  0xfff8000000000000, 0x400921fb54442d18, 0x7e37e43c8800759c, 0x3fd5555555555555,
  0xc004000000000000, 0x4340000000000001, 0x41dfffffffc00000, 0xc3e0000000000000,
  0x43f0000000000000, 0x3fe0000000000000, 0xbfe8000000000000,
};
static const u64 sv[] = {
  0, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0x00000001, 0x807fffff, 0x00800000,
  0x7f7fffff, 0x7f800000, 0xff800000, 0x7fc00123, 0x7f800456, 0xffc00000, 0x40490fdb,
  0x4effffff, 0xcf000000, 0x5f800000, 0x3f000000, 0xbf400000, 0x33800000, 0x4b800001,
};
#define ND (sizeof dv / sizeof dv[0])
#define NS (sizeof sv / sizeof sv[0])

static u64 hash;
static void
mix (u64 v)
{
  hash = (hash ^ v) * 0x100000001b3ull;
}

/* %0 result (x), %1 fpsr, %2 a, %3 fpcr, %4 b; d0/s0 = a, d1/s1 = b. */
#define RUN(name, vals, n, prep, insn)                                                             \
  do {                                                                                             \
    hash = 0xcbf29ce484222325ull;                                                                  \
    for (unsigned i = 0; i < n; i++)                                                               \
      for (unsigned j = 0; j < n; j++)                                                             \
        for (u64 c = 0; c < 16; c++) {                                                             \
          u64 r, f, fpcr = ((c & 3) << 22) | ((c >> 2 & 1) << 24) | ((c >> 3 & 1) << 25);           \
          __asm__ volatile ("msr fpcr, %3\n\tmsr fpsr, xzr\n\tmsr nzcv, xzr\n\t" prep "\n\t"        \
                            insn "\n\tmrs %1, fpsr\n\tmrs x9, nzcv\n\torr %1, %1, x9"               \
                            : "=&r"(r), "=&r"(f)                                                   \
                            : "r"(vals[i]), "r"(fpcr), "r"(vals[j])                               \
                            : "x9", "v0", "v1", "v2", "v3", "memory");                             \
          mix (r), mix (f);                                                                        \
        }                                                                                          \
    P (name, hash);                                                                                \
  } while (0)

#define D2(name, op) RUN (name, dv, ND, "fmov d0, %2\n\tfmov d1, %4", op " d2, d0, d1\n\tfmov %0, d2")
#define S2(name, op)                                                                               \
  RUN (name, sv, NS, "fmov s0, %w2\n\tfmov s1, %w4", op " s2, s0, s1\n\tfmov %w0, s2")
#define D1(name, op) RUN (name, dv, ND, "fmov d0, %2", op " d2, d0\n\tfmov %0, d2")
#define S1(name, op) RUN (name, sv, NS, "fmov s0, %w2", op " s2, s0\n\tfmov %w0, s2")

static volatile u64 traps, trap_esr;

static void
fp_trap (int kind, Frame *f)
{
  (void) f, (void) kind;
  trap_esr = SYSREG_READ (esr_el1);
  traps++;
  SYSREG_WRITE (elr_el1, SYSREG_READ (elr_el1) + 4);
}

int
main (void)
{
  u64 cpacr;
  __asm__ volatile ("mrs %0, cpacr_el1" : "=r"(cpacr));
  SYSREG_WRITE (cpacr_el1, cpacr | (3 << 20));

  D2 ("fadd d", "fadd"); S2 ("fadd s", "fadd");
  D2 ("fsub d", "fsub"); S2 ("fsub s", "fsub");
  D2 ("fmul d", "fmul"); S2 ("fmul s", "fmul");
  D2 ("fdiv d", "fdiv"); S2 ("fdiv s", "fdiv");
  D2 ("fnmul d", "fnmul"); S2 ("fnmul s", "fnmul");
  D2 ("fmax d", "fmax"); S2 ("fmin s", "fmin");
  D2 ("fmaxnm d", "fmaxnm"); S2 ("fminnm s", "fminnm");
  D2 ("fminnm d", "fminnm"); S2 ("fmaxnm s", "fmaxnm");
  RUN ("fmadd d", dv, ND, "fmov d0, %2\n\tfmov d1, %4\n\tfmov d3, #1.5", "fmadd d2, d0, d1, d3\n\tfmov %0, d2");
  RUN ("fmsub d", dv, ND, "fmov d0, %2\n\tfmov d1, %4", "fmsub d2, d0, d1, d0\n\tfmov %0, d2");
  RUN ("fnmadd s", sv, NS, "fmov s0, %w2\n\tfmov s1, %w4", "fnmadd s2, s0, s1, s1\n\tfmov %w0, s2");
  RUN ("fnmsub s", sv, NS, "fmov s0, %w2\n\tfmov s1, %w4\n\tfmov s3, #-2.0", "fnmsub s2, s0, s1, s3\n\tfmov %w0, s2");
  D1 ("fsqrt d", "fsqrt"); S1 ("fsqrt s", "fsqrt");
  D1 ("fabs d", "fabs"); S1 ("fneg s", "fneg");
  D1 ("frintn d", "frintn"); S1 ("frintp s", "frintp");
  D1 ("frintm d", "frintm"); S1 ("frintz s", "frintz");
  D1 ("frinta d", "frinta"); S1 ("frintx s", "frintx");
  D1 ("frinti d", "frinti"); S1 ("frinta s", "frinta");
  RUN ("fcvt d->s", dv, ND, "fmov d0, %2", "fcvt s2, d0\n\tfmov %w0, s2");
  RUN ("fcvt s->d", sv, NS, "fmov s0, %w2", "fcvt d2, s0\n\tfmov %0, d2");
  RUN ("fcmp d", dv, ND, "fmov d0, %2\n\tfmov d1, %4", "fcmp d0, d1\n\tmov %0, #0");
  RUN ("fcmpe s", sv, NS, "fmov s0, %w2\n\tfmov s1, %w4", "fcmpe s0, s1\n\tmov %0, #0");
  RUN ("fcmp zero", dv, ND, "fmov d0, %2", "fcmp d0, #0.0\n\tmov %0, #0");
  RUN ("fccmp", dv, ND, "fmov d0, %2\n\tfmov d1, %4\n\tcmp %2, %4", "fccmp d0, d1, #0x5, lt\n\tmov %0, #0");
  RUN ("fccmpe s", sv, NS, "fmov s0, %w2\n\tfmov s1, %w4\n\tcmp %2, #0", "fccmpe s0, s1, #0xa, ne\n\tmov %0, #0");
  RUN ("fcsel", dv, ND, "fmov d0, %2\n\tfmov d1, %4\n\tcmp %2, %4", "fcsel d2, d0, d1, hi\n\tfmov %0, d2");
  RUN ("fcvtzs x d", dv, ND, "fmov d0, %2", "fcvtzs %0, d0");
  RUN ("fcvtzu w d", dv, ND, "fmov d0, %2", "fcvtzu %w0, d0");
  RUN ("fcvtns w s", sv, NS, "fmov s0, %w2", "fcvtns %w0, s0");
  RUN ("fcvtnu x s", sv, NS, "fmov s0, %w2", "fcvtnu %0, s0");
  RUN ("fcvtps x d", dv, ND, "fmov d0, %2", "fcvtps %0, d0");
  RUN ("fcvtms w d", dv, ND, "fmov d0, %2", "fcvtms %w0, d0");
  RUN ("fcvtas x s", sv, NS, "fmov s0, %w2", "fcvtas %0, s0");
  RUN ("fcvtau w d", dv, ND, "fmov d0, %2", "fcvtau %w0, d0");
  RUN ("scvtf d x", dv, ND, "", "scvtf d2, %2\n\tfmov %0, d2");
  RUN ("scvtf s w", dv, ND, "", "scvtf s2, %w2\n\tfmov %w0, s2");
  RUN ("ucvtf s x", dv, ND, "", "ucvtf s2, %2\n\tfmov %w0, s2");
  RUN ("ucvtf d w", dv, ND, "", "ucvtf d2, %w2\n\tfmov %0, d2");
  RUN ("fmov imm", dv, 1, "", "fmov d2, #-0.1875\n\tfmov s3, #31.0\n\tfmov %0, d2\n\tfmov w9, s3\n\teor %0, %0, x9");
  RUN ("fmov v.d[1]", dv, ND, "fmov d0, %2", "fmov v0.d[1], %4\n\tfmov %0, v0.d[1]\n\tfmov x9, d0\n\teor %0, %0, x9");

  /* SIMD&FP loads and stores: every size and addressing form */
  {
    static unsigned char buf[128] __attribute__ ((aligned (16)));
    u64 p = (u64) buf, a, b, c, d;
    for (unsigned i = 0; i < sizeof buf; i++)
      buf[i] = (unsigned char) (i * 29 + 7);
    __asm__ volatile ("ldr q0, [%4, #16]\n\tldr d1, [%4, #8]\n\tldr s2, [%4, #4]\n\t"
                      "ldr h3, [%4, #2]\n\tldr b4, [%4, #1]\n\t"
                      "str q0, [%4, #64]\n\tstp d1, d2, [%4, #80]\n\tstr h3, [%4, #96]\n\t"
                      "stur b4, [%4, #97]\n\tldp q5, q6, [%4, #64]\n\tstr q6, [%4, #32]!\n\t"
                      "ldr s7, [%4], #4\n\tstr s7, [%4, #-8]\n\t"
                      "fmov %0, d5\n\tfmov %1, v5.d[1]\n\tfmov %2, d6\n\tfmov %3, v6.d[1]"
                      : "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d), "+r"(p)::"v0", "v1", "v2", "v3",
                        "v4", "v5", "v6", "v7", "memory");
    P ("q5 lo", a), P ("q5 hi", b), P ("q6 lo", c), P ("q6 hi", d);
    P ("base after", p - (u64) buf);
    for (int i = 0; i < 128; i += 8)
      P ("mem", *(volatile u64 *) (buf + i));
  }

  /* FPEN = 0: FP instructions trap (EC 0x07) */
  SYSREG_WRITE (cpacr_el1, cpacr & ~(3ull << 20));
  on_exception (fp_trap);
  __asm__ volatile ("fmov d0, xzr\n\tfadd s1, s2, s3" ::: "v0", "v1");
  P ("fp traps", traps);
  P ("fp trap esr", trap_esr);
  CHECK (1, traps == 2 && trap_esr == 0x1fe00000);
  return failed;
}
