/*
 * fpmath.c: floating point in C, built for RV32GC / RV64GC with the hard-
 * float ABI (ilp32d / lp64d), so that the compiler and picolibc's libm
 * use the F and D instructions throughout.
 *
 * Every value is printed both in decimal and as a hexadecimal float (%a),
 * which is exact: one wrong bit in any result changes a line.  The
 * rounding modes and exception flags go through <fenv.h>, that is through
 * frm and fflags.  The same binary on QEMU and on Medley must print the
 * same console.
 */
#include <fenv.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/*
 * The runtime starts with mstatus.FS Off, where every FP instruction is
 * illegal: turn the unit on before anything can use it.  Constructors run
 * before main, whose own prologue may already save f registers.
 */
__attribute__ ((constructor)) static void
fpu_on (void)
{
  __asm__ volatile("li t0, 0x2000\n\tcsrs mstatus, t0" ::: "t0");
}

static volatile double vd[] = { 1.0, 3.0, 2.0, 1e308, 1e-310, -0.0, 0.1, 7.5 };
static volatile float vf[] = { 1.0f, 3.0f, 2.0f, 3e38f, 1e-40f, -0.0f, 0.1f, 7.5f };

static void
flags (const char *what)
{
  int e = fetestexcept (FE_ALL_EXCEPT);

  printf ("  %-22s flags:%s%s%s%s%s\n", what, e & FE_INVALID ? " NV" : "",
          e & FE_DIVBYZERO ? " DZ" : "", e & FE_OVERFLOW ? " OF" : "",
          e & FE_UNDERFLOW ? " UF" : "", e & FE_INEXACT ? " NX" : "");
  feclearexcept (FE_ALL_EXCEPT);
}

static void
show_d (const char *what, double x)
{
  uint64_t bits;

  memcpy (&bits, &x, sizeof bits);
  printf ("%-24s %.17g  %a  0x%016llx\n", what, x, x, (unsigned long long) bits);
}

static void
show_f (const char *what, float x)
{
  uint32_t bits;

  memcpy (&bits, &x, sizeof bits);
  printf ("%-24s %.9g  %a  0x%08lx\n", what, (double) x, (double) x, (unsigned long) bits);
}

static void
arithmetic (void)
{
  printf ("arithmetic\n");
  show_d ("1/3", vd[0] / vd[1]);
  show_f ("1/3 (float)", vf[0] / vf[1]);
  show_d ("sqrt(2)", sqrt (vd[2]));
  show_f ("sqrtf(2)", sqrtf (vf[2]));
  show_d ("fma(0.1, 3, -0.3)", fma (vd[6], vd[1], -0.3));
  show_d ("0.1*3 - 0.3", vd[6] * vd[1] - 0.3);
  show_f ("fmaf(0.1, 3, -0.3)", fmaf (vf[6], vf[1], -0.3f));
  feclearexcept (FE_ALL_EXCEPT);
  show_d ("1e308 * 10", vd[3] * 10.0);
  flags ("");
  show_d ("1e-310 / 1e10", vd[4] / 1e10);
  flags ("");
  show_f ("3e38f * 10", vf[3] * 10.0f);
  flags ("");
  show_f ("1e-40f (subnormal) * 3", vf[4] * vf[1]);
  flags ("");
  show_d ("1 / -0", vd[0] / vd[5]);
  flags ("");
  show_d ("0 * inf", vd[5] * INFINITY);
  flags ("");
  show_d ("sqrt(-1)", sqrt (-vd[0]));
  flags ("");
  show_d ("fmin(-0, +0)", fmin (vd[5], 0.0));
  show_d ("fmax(NaN, 1)", fmax (NAN, vd[0]));
  show_f ("fminf(1, NaN)", fminf (vf[0], NAN));
}

static void
rounding (void)
{
  static const struct {
    int mode;
    const char *name;
  } modes[] = {
    { FE_TONEAREST, "nearest" },
    { FE_TOWARDZERO, "toward zero" },
    { FE_DOWNWARD, "downward" },
    { FE_UPWARD, "upward" },
  };

  printf ("rounding\n");
  for (unsigned i = 0; i < sizeof modes / sizeof modes[0]; i++) {
    char what[48];

    fesetround (modes[i].mode);
    snprintf (what, sizeof what, "%s: 1/3", modes[i].name);
    show_d (what, vd[0] / vd[1]);
    snprintf (what, sizeof what, "%s: -1/3f", modes[i].name);
    show_f (what, -vf[0] / vf[1]);
    printf ("  rint(7.5) %g  lrint(-7.5) %ld  nearbyintf(-7.5) %g\n", rint (vd[7]), lrint (-vd[7]),
            (double) nearbyintf (-vf[7]));
  }
  fesetround (FE_TONEAREST);
  printf ("  round(-7.5) %g  trunc(-7.5) %g  floor(-7.5) %g  ceil(-7.5) %g\n", round (-vd[7]),
          trunc (-vd[7]), floor (-vd[7]), ceil (-vd[7]));
}

static void
conversions (void)
{
  volatile double big = 3e10, neg = -3e10, nan = NAN;
  volatile float fbig = 3e10f;

  printf ("conversions\n");
  feclearexcept (FE_ALL_EXCEPT);
  printf ("  (int) 7.9 = %d, (int) -7.9 = %d\n", (int) vd[7], (int) -(vd[7] + 0.4));
  printf ("  (unsigned) 3e9 = %u\n", (unsigned) (vd[1] * 1e9));
  printf ("  (long long) -3e10 = %lld\n", (long long) neg);
  printf ("  llrint(3e10) = %lld\n", (long long) llrint (big));
  flags ("");
  printf ("  lrint(NaN) is LONG_MAX: %d\n", lrint (nan) == LONG_MAX);
  flags ("");
  printf ("  (long long) 3e10f = %lld\n", (long long) fbig);
  show_d ("(double) 0.1f", (double) vf[6]);
  show_f ("(float) 0.1", (float) vd[6]);
  show_f ("(float) 1e308", (float) vd[3]);
  flags ("");
  show_d ("(double) INT64_MAX", (double) INT64_MAX);
  show_f ("(float) UINT32_MAX", (float) (unsigned) 0xffffffffu);
}

static void
libm (void)
{
  printf ("libm\n");
  show_d ("exp(1)", exp (vd[0]));
  show_d ("log(10)", log (10.0 * vd[0]));
  show_d ("sin(1)", sin (vd[0]));
  show_d ("cos(1)", cos (vd[0]));
  show_d ("atan2(1, -1)", atan2 (vd[0], -vd[0]));
  show_d ("pow(2, 0.5)", pow (vd[2], 0.5));
  show_d ("hypot(3, 4)", hypot (vd[1], 4.0));
  show_f ("expf(1)", expf (vf[0]));
  show_f ("logf(3)", logf (vf[1]));
  show_f ("sinf(0.1)", sinf (vf[6]));
  show_f ("powf(7.5, 3)", powf (vf[7], 3.0f));
}

/* A small numerical loop: the partial sums of the Leibniz series and a
 * Newton iteration, whose every step depends on the one before. */
static void
loops (void)
{
  double pi4 = 0.0, x = 1.0;
  float s = 0.0f;

  printf ("loops\n");
  for (int k = 0; k < 100000; k++)
    pi4 += (k & 1 ? -1.0 : 1.0) / (2.0 * k + 1.0);
  show_d ("4 * leibniz(1e5)", 4.0 * pi4);
  for (int i = 0; i < 8; i++)
    x = x - (x * x - 2.0) / (2.0 * x);
  show_d ("newton sqrt(2)", x);
  for (int k = 1; k <= 10000; k++)
    s += 1.0f / (float) k;
  show_f ("harmonic(1e4) float", s);
}

int
main (void)
{
  printf ("fpmath: F and D through C\n");
  arithmetic ();
  rounding ();
  conversions ();
  libm ();
  loops ();
  printf ("done\n");
  return 0;
}
