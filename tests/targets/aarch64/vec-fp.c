/* Floating-point loops as GCC vectorises them (-O2 -ftree-vectorize,
 * Advanced SIMD allowed): float and double arithmetic, fused
 * multiply-add, division, square roots, min/max, rounding and
 * conversions both ways, each array's bits folded into a printed
 * hash (QEMU's are the reference).  The kernels are plain C: which
 * instructions the compiler picks is the point. */
#include "test.h"

#define N 64

static float fa[N] __attribute__ ((aligned (16))), fb[N] __attribute__ ((aligned (16)));
static float fr[N] __attribute__ ((aligned (16)));
static double da[N] __attribute__ ((aligned (16))), db[N] __attribute__ ((aligned (16)));
static double dr[N] __attribute__ ((aligned (16)));
static int ir[N] __attribute__ ((aligned (16)));
static long lr[N] __attribute__ ((aligned (16)));
static unsigned ur[N] __attribute__ ((aligned (16)));

static u64
hash_bytes (const void *p, unsigned n)
{
  const unsigned char *c = p;
  u64 h = 0xcbf29ce484222325ull;
  for (unsigned i = 0; i < n; i++)
    h = (h ^ c[i]) * 0x100000001b3ull;
  return h;
}

#define PH(name, arr) P (name, hash_bytes (arr, sizeof arr))

/* Not vectorised: the inputs come from integer arithmetic alone. */
__attribute__ ((noinline, optimize ("no-tree-vectorize"))) static void
fill (void)
{
  /* values from integers only: the inputs do not depend on FP code
   * generation */
  for (int i = 0; i < N; i++) {
    int k = i - N / 2;
    fa[i] = (float) (k * 37 + 5) / 16.0f;
    fb[i] = (float) (k * k - 3 * k + 1) / 7.0f;
    da[i] = (double) (k * 1234567 + 89) / 1024.0;
    db[i] = (double) (i * i + 1) / 3.0;
  }
  fb[5] = 0.0f;
  db[9] = 0.0;
}

__attribute__ ((noinline)) static void
k_float (void)
{
  for (int i = 0; i < N; i++)
    fr[i] = fa[i] * fb[i] + fa[i];
  PH ("f muladd", fr);
  for (int i = 0; i < N; i++)
    fr[i] = fa[i] / (fb[i] + 0.5f);
  PH ("f div", fr);
  for (int i = 0; i < N; i++)
    fr[i] = __builtin_sqrtf (__builtin_fabsf (fa[i] - fb[i]));
  PH ("f sqrt", fr);
  for (int i = 0; i < N; i++)
    fr[i] = __builtin_fmaxf (fa[i], fb[i]) - __builtin_fminf (fa[i], fb[i]);
  PH ("f minmax", fr);
  for (int i = 0; i < N; i++)
    fr[i] = __builtin_fabsf (fa[i]) + __builtin_floorf (fb[i]) + __builtin_ceilf (fa[i]);
  PH ("f abs floor ceil", fr);
  for (int i = 0; i < N; i++)
    fr[i] = __builtin_truncf (fa[i] * 3.0f) + __builtin_roundf (fb[i]) + __builtin_rintf (fa[i]);
  PH ("f trunc round rint", fr);
  for (int i = 0; i < N; i++)
    ir[i] = (int) (fa[i] * 1000.0f);
  PH ("f to int", ir);
  for (int i = 0; i < N; i++)
    ur[i] = (unsigned) (fb[i] * 100.0f);
  PH ("f to unsigned", ur);
  for (int i = 0; i < N; i++)
    fr[i] = (float) ir[i] * 0.25f + (float) ur[i];
  PH ("int to f", fr);
}

__attribute__ ((noinline)) static void
k_double (void)
{
  for (int i = 0; i < N; i++)
    dr[i] = da[i] * db[i] - da[i] * 0.5;
  PH ("d mulsub", dr);
  for (int i = 0; i < N; i++)
    dr[i] = db[i] / (da[i] + 1.0);
  PH ("d div", dr);
  for (int i = 0; i < N; i++)
    dr[i] = __builtin_sqrt (db[i]);
  PH ("d sqrt", dr);
  for (int i = 0; i < N; i++)
    dr[i] = __builtin_fmax (da[i], -db[i]) + __builtin_floor (da[i]);
  PH ("d max floor", dr);
  for (int i = 0; i < N; i++)
    lr[i] = (long) (da[i] * 3.0);
  PH ("d to long", lr);
  for (int i = 0; i < N; i++)
    dr[i] = (double) lr[i] / 7.0;
  PH ("long to d", dr);
  for (int i = 0; i < N; i++)
    dr[i] = (double) fa[i] * db[i];
  PH ("f to d", dr);
  for (int i = 0; i < N; i++)
    fr[i] = (float) (da[i] * 1e-3);
  PH ("d to f", fr);
}

__attribute__ ((noinline)) static void
enable_fp (void)
{
  u64 cpacr;
  __asm__ volatile("mrs %0, cpacr_el1" : "=r"(cpacr));
  SYSREG_WRITE (cpacr_el1, cpacr | (3 << 20));
  __asm__ volatile("isb");
}

int
main (void)
{
  enable_fp ();
  fill ();
  k_float ();
  k_double ();
  return failed;
}
