/*
 * fpbench.c: a floating-point workload for the translating tier's F/D
 * paths (docs/translator.md, "F/D and A inline"): double-precision n-body
 * steps (fmul, fadd, fdiv, fsqrt, fmadd), a single-precision matrix
 * product (flw, fmadd.s), conversions to and from integers with
 * clamping (fcvt, flt/fle, fsgnj) and a little rounding-mode play (the
 * dynamic rounding mode changed between passes).  Every result is folded,
 * as bits, into one checksum printed at the end, so a wrong bit in any
 * tier shows.  Built for RV64GC (tests/bench/meson.build); a fixed number
 * of rounds, about 28 M instructions.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifndef FPBENCH_ROUNDS
#define FPBENCH_ROUNDS 100
#endif

__attribute__ ((constructor)) static void
fpu_on (void)
{
  __asm__ volatile("li t0, 0x2000\n\tcsrs mstatus, t0" ::: "t0");
}

static uint64_t hash = 0xcbf29ce484222325ull;

static void
fold (uint64_t v)
{
  hash = (hash ^ v) * 0x100000001b3ull;
}

static void
fold_d (double d)
{
  uint64_t v;

  memcpy (&v, &d, 8);
  fold (v);
}

static void
fold_f (float f)
{
  uint32_t v;

  memcpy (&v, &f, 4);
  fold (v);
}

/* ---- n-body ---- */

#define NB 5

typedef struct {
  double x, y, z, vx, vy, vz, m;
} Body;

static Body bodies[NB];

static void
nbody_init (void)
{
  for (int i = 0; i < NB; i++) {
    bodies[i].x = 1.5 * i - 3.0;
    bodies[i].y = 0.25 * i * i - 1.0;
    bodies[i].z = 0.1 * (i & 1) - 0.05;
    bodies[i].vx = 0.01 * i;
    bodies[i].vy = -0.02 * (NB - i);
    bodies[i].vz = 0.003;
    bodies[i].m = 1.0 + 0.5 * i;
  }
}

static void
nbody_step (double dt)
{
  for (int i = 0; i < NB; i++)
    for (int j = i + 1; j < NB; j++) {
      double dx = bodies[i].x - bodies[j].x;
      double dy = bodies[i].y - bodies[j].y;
      double dz = bodies[i].z - bodies[j].z;
      double d2 = dx * dx + dy * dy + dz * dz + 1e-9;
      double mag = dt / (d2 * __builtin_sqrt (d2));

      bodies[i].vx -= dx * bodies[j].m * mag;
      bodies[i].vy -= dy * bodies[j].m * mag;
      bodies[i].vz -= dz * bodies[j].m * mag;
      bodies[j].vx += dx * bodies[i].m * mag;
      bodies[j].vy += dy * bodies[i].m * mag;
      bodies[j].vz += dz * bodies[i].m * mag;
    }
  for (int i = 0; i < NB; i++) {
    bodies[i].x += dt * bodies[i].vx;
    bodies[i].y += dt * bodies[i].vy;
    bodies[i].z += dt * bodies[i].vz;
  }
}

/* ---- single-precision matrix product ---- */

#define MN 16

static float ma[MN][MN], mb[MN][MN], mc[MN][MN];

static void
matrix_round (int round)
{
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) {
      ma[i][j] = (float) ((i * 7 + j * 3 + round) % 23) * 0.125f - 1.0f;
      mb[i][j] = (float) ((i * 5 + j * 11 + round) % 19) * 0.0625f + 0.5f;
    }
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) {
      float acc = 0.0f;

      for (int k = 0; k < MN; k++)
        acc = __builtin_fmaf (ma[i][k], mb[k][j], acc);
      mc[i][j] = acc;
    }
  for (int i = 0; i < MN; i++)
    fold_f (mc[i][(i * 3 + round) % MN]);
}

/* ---- conversions, compares, sign operations ---- */

static int32_t
clamp_to_int (double v, double lo, double hi)
{
  if (v < lo)
    v = lo;
  else if (!(v <= hi))
    v = hi;
  return (int32_t) v;
}

static void
convert_round (int round)
{
  int64_t sum = 0;

  for (int i = 0; i < 256; i++) {
    double v = (double) (i * 37 - 4000 + round) / 7.0;
    float f = (float) v;

    sum += clamp_to_int (v * 1000.0, -2.0e6, 2.0e6);
    sum += (int64_t) __builtin_fabsf (f);
    sum += (int64_t) __builtin_copysign (3.0, v);
    sum += (uint32_t) (__builtin_fabs (v) * 3.0);
    fold_d ((double) f + (double) i);
  }
  fold ((uint64_t) sum);
}

/* The dynamic rounding mode: the same divisions in every mode. */
static void
rounding_round (int round)
{
  for (unsigned rm = 0; rm < 5; rm++) {
    unsigned flags;
    double acc = 1.0;

    __asm__ volatile("csrw frm, %0\n\tcsrw fflags, zero" : : "r"((unsigned long) rm));
    for (int i = 1; i < 64; i++) {
      double d = (double) (i + round);

      acc = acc / d + 1.0 / 3.0;
      acc = acc * (d - 0.5);
    }
    __asm__ volatile("csrr %0, fflags" : "=r"(flags));
    fold_d (acc);
    fold (flags);
  }
  __asm__ volatile("csrw frm, zero");
}

int
main (void)
{
  nbody_init ();
  for (int round = 0; round < FPBENCH_ROUNDS; round++) {
    for (int s = 0; s < 400; s++)
      nbody_step (0.001);
    for (int i = 0; i < NB; i++)
      fold_d (bodies[i].x + bodies[i].y + bodies[i].z);
    matrix_round (round);
    convert_round (round);
    rounding_round (round);
  }
  printf ("fpbench %08x%08x\n", (unsigned) (hash >> 32), (unsigned) hash);
  return 0;
}
