/* Compiler-vectorised integer loops: built with -O2 -ftree-vectorize
 * (and no -mgeneral-regs-only), so GCC writes the Advanced SIMD code
 * itself (ld1/st1, ld2/ld3/st2, dup, movi, addv/uaddlv/umaxv, uqadd,
 * mla, smull, sxtl/uxtl, xtn, shifts, abs, cmgt with bsl/bif, cnt, rev32,
 * clz, ext...), as it does for string and memory routines.  Each kernel
 * prints what it computed; QEMU is the reference (diff-run.py), and a
 * few results are checked by hand.
 *
 * main enables the FP/SIMD unit before anything vectorised runs, so it
 * is itself compiled for the general registers only.
 */
#include "test.h"

#define N 203 /* odd: the vector loops end with a scalar tail */

typedef unsigned char u8;
typedef signed char i8;
typedef uint16_t u16;
typedef int16_t i16;
typedef int32_t i32;

static u8 src[N + 64] __attribute__ ((aligned (16)));
static u8 dst[N + 64] __attribute__ ((aligned (16)));
static i16 h1[N], h2[N];
static i32 w1[N], w2[N];
static u64 d1[N];

static u64 hash;

static void
mix (u64 v)
{
  hash = (hash ^ v) * 0x100000001b3ull;
}

static void __attribute__ ((noinline))
fill (unsigned seed)
{
  u64 x = 0x9e3779b97f4a7c15ull * (seed + 1);

  for (unsigned i = 0; i < N + 64; i++) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    src[i] = (u8) (x >> 11);
    if (i % 17 == 5)
      src[i] = 0;
    if (i % 23 == 7)
      src[i] = 0xff;
  }
  for (unsigned i = 0; i < N; i++) {
    h1[i] = (i16) (src[i] * 257 - 32768 + i);
    h2[i] = (i16) (src[i + 1] << 7 ^ src[i + 2]);
    w1[i] = (i32) ((u32) h1[i] * 65599u + src[i + 3]);
    w2[i] = (i32) (h2[i] * 3 - src[i + 4]);
    d1[i] = (u64) w1[i] << 20 ^ (u64) (u32) w2[i];
  }
}

static void __attribute__ ((noinline))
copy_bytes (u8 *restrict d, const u8 *restrict s, unsigned n)
{
  for (unsigned i = 0; i < n; i++)
    d[i] = s[i];
}

/* the number of bytes before the first zero, as a vectorisable count */
static unsigned __attribute__ ((noinline))
count_nonzero (const u8 *s, unsigned n)
{
  unsigned c = 0;

  for (unsigned i = 0; i < n; i++)
    c += s[i] != 0;
  return c;
}

static unsigned __attribute__ ((noinline))
sum_bytes (const u8 *s, unsigned n)
{
  unsigned c = 0;

  for (unsigned i = 0; i < n; i++)
    c += s[i];
  return c;
}

static u8 __attribute__ ((noinline))
max_byte (const u8 *s, unsigned n)
{
  u8 m = 0;

  for (unsigned i = 0; i < n; i++)
    m = s[i] > m ? s[i] : m;
  return m;
}

static void __attribute__ ((noinline))
sat_add (u8 *restrict d, const u8 *restrict a, const u8 *restrict b, unsigned n)
{
  for (unsigned i = 0; i < n; i++) {
    unsigned v = a[i] + b[i];
    d[i] = v > 255 ? 255 : (u8) v;
  }
}

static void __attribute__ ((noinline))
to_lower (u8 *restrict d, const u8 *restrict s, unsigned n)
{
  for (unsigned i = 0; i < n; i++)
    d[i] = (unsigned) (s[i] - 'A') < 26u ? s[i] | 0x20 : s[i];
}

static i32 __attribute__ ((noinline))
dot16 (const i16 *a, const i16 *b, unsigned n)
{
  i32 s = 0;

  for (unsigned i = 0; i < n; i++)
    s += a[i] * b[i];
  return s;
}

static void __attribute__ ((noinline))
mla32 (i32 *restrict d, const i32 *restrict a, const i32 *restrict b, unsigned n)
{
  for (unsigned i = 0; i < n; i++)
    d[i] += a[i] * b[i] - (a[i] >> 3) + (b[i] << 2);
}

static void __attribute__ ((noinline))
widen_narrow (i16 *restrict d, const i8 *restrict s, unsigned n)
{
  for (unsigned i = 0; i < n; i++)
    d[i] = (i16) (s[i] * 3 + (u8) s[i + 1]);
}

static void __attribute__ ((noinline))
narrow (u8 *restrict d, const i32 *restrict s, unsigned n)
{
  for (unsigned i = 0; i < n; i++)
    d[i] = (u8) (s[i] >> 9);
}

static void __attribute__ ((noinline))
abs_diff (u8 *restrict d, const u8 *restrict a, const u8 *restrict b, unsigned n)
{
  for (unsigned i = 0; i < n; i++)
    d[i] = a[i] > b[i] ? a[i] - b[i] : b[i] - a[i];
}

static void __attribute__ ((noinline))
select16 (i16 *restrict d, const i16 *restrict a, const i16 *restrict b, unsigned n)
{
  for (unsigned i = 0; i < n; i++)
    d[i] = a[i] > b[i] ? a[i] : (i16) -b[i];
}

static void __attribute__ ((noinline))
abs32 (i32 *restrict d, const i32 *restrict a, unsigned n)
{
  for (unsigned i = 0; i < n; i++)
    d[i] = a[i] < 0 ? -a[i] : a[i];
}

/* interleaved: RGB to grey (ld3), and pairs (ld2/st2) */
static void __attribute__ ((noinline))
grey (u8 *restrict d, const u8 *restrict rgb, unsigned n)
{
  for (unsigned i = 0; i < n; i++)
    d[i] = (u8) ((rgb[3 * i] * 77 + rgb[3 * i + 1] * 150 + rgb[3 * i + 2] * 29) >> 8);
}

static void __attribute__ ((noinline))
swap_pairs (u16 *restrict d, const u16 *restrict s, unsigned n)
{
  for (unsigned i = 0; i < n; i++) {
    d[2 * i] = s[2 * i + 1] + 1;
    d[2 * i + 1] = s[2 * i] ^ 0x8001;
  }
}

static void __attribute__ ((noinline))
bswap32 (u32 *restrict d, const u32 *restrict s, unsigned n)
{
  for (unsigned i = 0; i < n; i++)
    d[i] = __builtin_bswap32 (s[i]);
}

static void __attribute__ ((noinline))
clz32 (u32 *restrict d, const u32 *restrict s, unsigned n)
{
  for (unsigned i = 0; i < n; i++)
    d[i] = s[i] ? (u32) __builtin_clz (s[i]) : 32;
}

static void __attribute__ ((noinline))
popcnt8 (u8 *restrict d, const u8 *restrict s, unsigned n)
{
  for (unsigned i = 0; i < n; i++)
    d[i] = (u8) __builtin_popcount (s[i]);
}

static u64 __attribute__ ((noinline))
sum64 (const u64 *s, unsigned n)
{
  u64 t = 0;

  for (unsigned i = 0; i < n; i++)
    t += s[i] ^ (s[i] >> 7);
  return t;
}

static void __attribute__ ((noinline))
mem_set (u8 *d, u8 v, unsigned n)
{
  for (unsigned i = 0; i < n; i++)
    d[i] = v;
}

static void
fold_bytes (const u8 *p, unsigned n)
{
  for (unsigned i = 0; i < n; i++)
    mix (p[i]);
}

static void __attribute__ ((noinline))
kernels (void)
{
  static u8 tmp[N + 64] __attribute__ ((aligned (16)));
  static i16 h3[N];
  static i32 w3[N];
  static u32 u3[N];

  for (unsigned seed = 0; seed < 3; seed++) {
    fill (seed);
    hash = 0xcbf29ce484222325ull;
    for (unsigned off = 0; off < 16; off += 5)
      for (unsigned len = 0; len < N; len += 29) {
        mem_set (dst, 0xee, N + 64);
        copy_bytes (dst + off, src + (off ^ 3), len);
        fold_bytes (dst, N + 32);
      }
    P ("copy", hash);
    P ("count_nonzero", count_nonzero (src, N));
    P ("sum_bytes", sum_bytes (src + 1, N - 1));
    P ("max_byte", max_byte (src + 2, N - 2));
    hash = 0xcbf29ce484222325ull;
    sat_add (dst, src, src + 7, N);
    fold_bytes (dst, N);
    P ("sat_add", hash);
    hash = 0xcbf29ce484222325ull;
    to_lower (dst, src, N);
    fold_bytes (dst, N);
    P ("to_lower", hash);
    P ("dot16", (u64) (u32) dot16 (h1, h2, N));
    hash = 0xcbf29ce484222325ull;
    for (unsigned i = 0; i < N; i++)
      w3[i] = (i32) i;
    mla32 (w3, w1, w2, N);
    for (unsigned i = 0; i < N; i++)
      mix ((u32) w3[i]);
    widen_narrow (h3, (const i8 *) src, N);
    for (unsigned i = 0; i < N; i++)
      mix ((u16) h3[i]);
    narrow (dst, w1, N);
    fold_bytes (dst, N);
    P ("mla widen narrow", hash);
    hash = 0xcbf29ce484222325ull;
    abs_diff (dst, src, src + 9, N);
    fold_bytes (dst, N);
    select16 (h3, h1, h2, N);
    for (unsigned i = 0; i < N; i++)
      mix ((u16) h3[i]);
    abs32 (w3, w2, N);
    for (unsigned i = 0; i < N; i++)
      mix ((u32) w3[i]);
    P ("abs select", hash);
    hash = 0xcbf29ce484222325ull;
    grey (tmp, src, N / 3);
    fold_bytes (tmp, N / 3);
    swap_pairs ((u16 *) tmp, (const u16 *) src, N / 4);
    fold_bytes (tmp, N);
    P ("interleaved", hash);
    hash = 0xcbf29ce484222325ull;
    bswap32 (u3, (const u32 *) w1, N);
    for (unsigned i = 0; i < N; i++)
      mix (u3[i]);
    clz32 (u3, (const u32 *) w2, N);
    for (unsigned i = 0; i < N; i++)
      mix (u3[i]);
    popcnt8 (dst, src, N);
    fold_bytes (dst, N);
    P ("bits", hash);
    P ("sum64", sum64 (d1, N));
  }
  /* by hand */
  for (unsigned i = 0; i < 100; i++)
    src[i] = (u8) (i + 1);
  src[100] = 0;
  CHECK (1, count_nonzero (src, 101) == 100);
  CHECK (2, sum_bytes (src, 100) == 5050);
  CHECK (3, max_byte (src, 101) == 100);
  copy_bytes (dst + 3, src, 64);
  CHECK (4, dst[3] == 1 && dst[66] == 64);
}

int __attribute__ ((target ("general-regs-only")))
main (void)
{
  u64 cpacr;

  __asm__ volatile("mrs %0, cpacr_el1" : "=r"(cpacr));
  cpacr |= 3 << 20;
  __asm__ volatile("msr cpacr_el1, %0\n\tisb" ::"r"(cpacr));
  kernels ();
  return failed;
}
