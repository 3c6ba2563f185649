/*
 * fpu-m4f.c: the Cortex-M4F's FPv4-SP FPU from C (-mfloat-abi=hard
 * -mfpu=fpv4-sp-d16): arithmetic, fused multiply-add, square root,
 * conversions and comparisons on ordinary, extreme, infinite and NaN
 * operands, with FPSCR's cumulative flags after each; the four rounding
 * modes and default-NaN mode; and printf of floats.  Test fpu-m4f: the
 * console of Medley's boards/cortex-m4f.dts equals QEMU's mps2-an386
 * (recorded in fpu-m4f.expected).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const uint32_t vals[] = {
  0x00000000u, 0x80000000u, 0x3f800000u, 0xbfc00000u, 0x40490fd0u, 0x3dcccccdu, 0x00000001u,
  0x00800000u, 0x7f7fffffu, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0x7f800001u, 0x4b000001u,
};
#define N (sizeof vals / sizeof vals[0])

static float
f (uint32_t u)
{
  float v;

  memcpy (&v, &u, 4);
  return v;
}

static uint32_t
u (float v)
{
  uint32_t x;

  memcpy (&x, &v, 4);
  return x;
}

static uint32_t
get_fpscr (void)
{
  uint32_t v;

  __asm volatile("vmrs %0, fpscr" : "=r"(v));
  return v;
}

static void
set_fpscr (uint32_t v)
{
  __asm volatile("vmsr fpscr, %0" : : "r"(v));
}

/* Each operation: FPSCR set to @mode first, its flags and NZCV after. */
#define OP1(name, expr)                                                                            \
  do {                                                                                             \
    set_fpscr (mode);                                                                              \
    volatile float r_ = (expr);                                                                    \
    uint32_t s_ = get_fpscr ();                                                                    \
    printf ("%s %08lx -> %08lx %08lx\n", name, (unsigned long) vals[i], (unsigned long) u (r_),    \
            (unsigned long) s_);                                                                   \
  } while (0)
#define OP2(name, expr)                                                                            \
  do {                                                                                             \
    set_fpscr (mode);                                                                              \
    volatile float r_ = (expr);                                                                    \
    uint32_t s_ = get_fpscr ();                                                                    \
    printf ("%s %08lx %08lx -> %08lx %08lx\n", name, (unsigned long) vals[i],                      \
            (unsigned long) vals[j], (unsigned long) u (r_), (unsigned long) s_);                  \
  } while (0)

int
main (void)
{
  static const uint32_t modes[] = { 0, 1u << 22, 2u << 22, 3u << 22, 1u << 25, 1u << 24 };

  /* CPACR was set by the runtime (mps2-crt0.S). */
  for (unsigned k = 0; k < sizeof modes / sizeof modes[0]; k++) {
    uint32_t mode = modes[k];

    printf ("mode %08lx\n", (unsigned long) mode);
    for (unsigned i = 0; i < N; i++) {
      volatile float a = f (vals[i]);

      OP1 ("sqrt", __builtin_sqrtf (a));
      OP1 ("neg", -a);
      OP1 ("abs", __builtin_fabsf (a));
      OP1 ("s32", (float) (int32_t) a);
      OP1 ("u32", (float) (uint32_t) a);
      /* Fixed point, in place: to s16.8 and u32.31 and back from s32.4. */
      OP1 ("tofix.s16.8", ({
             float t_ = a;
             __asm volatile("vcvt.s16.f32 %0, %0, #8" : "+t"(t_));
             t_;
           }));
      OP1 ("tofix.u32.31", ({
             float t_ = a;
             __asm volatile("vcvt.u32.f32 %0, %0, #31" : "+t"(t_));
             t_;
           }));
      OP1 ("fromfix.s32.4", ({
             float t_ = a;
             __asm volatile("vcvt.f32.s32 %0, %0, #4" : "+t"(t_));
             t_;
           }));
      OP1 ("fromfix.u16.3", ({
             float t_ = a;
             __asm volatile("vcvt.f32.u16 %0, %0, #3" : "+t"(t_));
             t_;
           }));
      for (unsigned j = 0; j < N; j++) {
        volatile float b = f (vals[j]), c = f (vals[(i + j) % N]);

        OP2 ("add", a + b);
        OP2 ("sub", a - b);
        OP2 ("mul", a * b);
        OP2 ("div", a / b);
        OP2 ("fma", __builtin_fmaf (a, b, c));
        OP2 ("fms", __builtin_fmaf (-a, b, c));
        OP2 ("lt", (float) (a < b));
        OP2 ("eq", (float) (a == b));
      }
    }
  }
  set_fpscr (0);
  printf ("printf: %f %e %g %.3f\n", (double) f (0x40490fd0u), (double) f (0x3dcccccdu),
          (double) (f (0x3f800000u) / 3.0f), (double) (f (0xbfc00000u) * 7.0f));
  printf ("fpu-m4f: done\n");
  return 0;
}
