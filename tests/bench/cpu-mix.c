/*
 * cpu-mix.c: a CPU-bound RV32 workload for comparing Medley's speed with
 * QEMU's on the same ELF (bench-vs-qemu.py).
 *
 * Each round mixes what firmware spends its time on: integer arithmetic
 * with multiply/divide, a sort (data-dependent branches, loads/stores),
 * CRC-32 (shifts, table loads) and a small matrix multiply (nested loops,
 * multiply-accumulate).  Every result feeds one running checksum, printed
 * at the end, so no phase can be optimised away and a wrong result shows.
 * About 1.07e6 instructions a round, 0.64e9 in all (counted with QEMU
 * -icount): two seconds at 300 MIPS.
 * Nothing is printed until the end, so console speed does not count.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifndef BENCH_ROUNDS
#define BENCH_ROUNDS 600
#endif

#define SORT_N 1024
#define CRC_BYTES 8192
#define MAT_N 24

static uint32_t rng = 0x9e3779b9u;

static uint32_t
next (void)
{
  rng ^= rng << 13;
  rng ^= rng >> 17;
  rng ^= rng << 5;
  return rng;
}

/* Mixes a value into the running checksum (a multiply-xorshift step). */
static uint32_t
mix (uint32_t h, uint32_t v)
{
  h ^= v;
  h *= 0x85ebca6bu;
  return h ^ (h >> 15);
}

/* Multiply, divide and remainder, with divisors that are never 0. */
static uint32_t
phase_arith (uint32_t seed)
{
  uint32_t acc = seed;

  for (uint32_t i = 1; i <= 20000; i++) {
    uint32_t a = next (), b = (next () | 1u);
    int32_t s = (int32_t) a >> (i & 7);

    acc += a * b;
    acc ^= a / b + a % (i + 3);
    acc += (uint32_t) (s / (int32_t) (i | 1)) + (uint32_t) (s % 97);
    acc = (acc << 3) | (acc >> 29);
  }
  return acc;
}

static int32_t sort_buf[SORT_N];

/* Heapsort: different branch patterns from the quicksort of tests/programs. */
static void
sift_down (int32_t *v, int start, int end)
{
  int root = start;

  while (2 * root + 1 <= end) {
    int child = 2 * root + 1, top = root;

    if (v[top] < v[child])
      top = child;
    if (child + 1 <= end && v[top] < v[child + 1])
      top = child + 1;
    if (top == root)
      return;
    int32_t t = v[root];
    v[root] = v[top];
    v[top] = t;
    root = top;
  }
}

static uint32_t
phase_sort (void)
{
  uint32_t h = 0;

  for (int i = 0; i < SORT_N; i++)
    sort_buf[i] = (int32_t) next ();
  for (int start = SORT_N / 2 - 1; start >= 0; start--)
    sift_down (sort_buf, start, SORT_N - 1);
  for (int end = SORT_N - 1; end > 0; end--) {
    int32_t t = sort_buf[end];
    sort_buf[end] = sort_buf[0];
    sort_buf[0] = t;
    sift_down (sort_buf, 0, end - 1);
  }
  for (int i = 1; i < SORT_N; i++)
    if (sort_buf[i - 1] > sort_buf[i])
      return 0xbad50127u; /* shows up in the checksum */
  for (int i = 0; i < SORT_N; i += 64)
    h = mix (h, (uint32_t) sort_buf[i]);
  return h;
}

static uint32_t crc_table[256];
static uint8_t crc_buf[CRC_BYTES];

static uint32_t
phase_crc (void)
{
  uint32_t c = 0xffffffffu;

  for (int i = 0; i < CRC_BYTES; i += 4) {
    uint32_t r = next ();
    memcpy (&crc_buf[i], &r, 4);
  }
  for (int i = 0; i < CRC_BYTES; i++)
    c = crc_table[(c ^ crc_buf[i]) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}

static int32_t mat_a[MAT_N][MAT_N], mat_b[MAT_N][MAT_N], mat_c[MAT_N][MAT_N];

static uint32_t
phase_matrix (void)
{
  uint32_t h = 0;

  for (int i = 0; i < MAT_N; i++)
    for (int j = 0; j < MAT_N; j++) {
      mat_a[i][j] = (int32_t) (next () & 0xff) - 128;
      mat_b[i][j] = (int32_t) (next () & 0xff) - 128;
    }
  for (int i = 0; i < MAT_N; i++)
    for (int j = 0; j < MAT_N; j++) {
      int32_t sum = 0;

      for (int k = 0; k < MAT_N; k++)
        sum += mat_a[i][k] * mat_b[k][j];
      mat_c[i][j] = sum;
    }
  for (int i = 0; i < MAT_N; i++)
    h = mix (h, (uint32_t) mat_c[i][(i * 7) % MAT_N]);
  return h;
}

int
main (void)
{
  uint32_t sums[4] = { 0, 0, 0, 0 };
  uint32_t total = 0;

  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++)
      c = (c & 1) ? (c >> 1) ^ 0xedb88320u : c >> 1;
    crc_table[i] = c;
  }

  for (int round = 0; round < BENCH_ROUNDS; round++) {
    sums[0] = mix (sums[0], phase_arith ((uint32_t) round));
    sums[1] = mix (sums[1], phase_sort ());
    sums[2] = mix (sums[2], phase_crc ());
    sums[3] = mix (sums[3], phase_matrix ());
  }
  for (int i = 0; i < 4; i++)
    total = mix (total, sums[i]);

  printf ("cpu-mix: %d rounds\n", BENCH_ROUNDS);
  printf ("arith %08" PRIx32 " sort %08" PRIx32 " crc %08" PRIx32
          " matrix %08" PRIx32 "\n",
          sums[0], sums[1], sums[2], sums[3]);
  printf ("checksum %08" PRIx32 "\n", total);
  return 0;
}
