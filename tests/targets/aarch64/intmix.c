/* Integer-heavy ordinary code, as a compiler writes it: sorting, a CRC,
 * a sieve, a small matrix product and a hash over structures.  It is the
 * translating tier's benchmark (docs/translator.md) and one more program
 * its lock-step test runs; QEMU checks the printed results. */
#include "test.h"

#define N 512

static u32 data[N];
static u32 mat[3][16][16];
static unsigned char sieve[8192];

static u32 seed = 12345;

static u32
rnd (void)
{
  seed = seed * 1103515245u + 12345u;
  return seed >> 8;
}

static void
shell_sort (u32 *a, int n)
{
  for (int gap = n / 2; gap > 0; gap /= 2)
    for (int i = gap; i < n; i++) {
      u32 t = a[i];
      int j = i;
      for (; j >= gap && a[j - gap] > t; j -= gap)
        a[j] = a[j - gap];
      a[j] = t;
    }
}

static u32
crc32 (const unsigned char *p, int n)
{
  u32 crc = 0xffffffffu;
  for (int i = 0; i < n; i++) {
    crc ^= p[i];
    for (int k = 0; k < 8; k++)
      crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
  }
  return ~crc;
}

static u64
primes (void)
{
  u64 count = 0, sum = 0;
  for (int i = 2; i < (int) sizeof sieve; i++)
    sieve[i] = 1;
  for (int i = 2; i < (int) sizeof sieve; i++)
    if (sieve[i]) {
      count++;
      sum += (u64) i * i;
      for (int j = 2 * i; j < (int) sizeof sieve; j += i)
        sieve[j] = 0;
    }
  return count << 48 ^ sum;
}

static u64
matmul (void)
{
  u64 h = 0;
  for (int i = 0; i < 16; i++)
    for (int j = 0; j < 16; j++) {
      u32 s = 0;
      for (int k = 0; k < 16; k++)
        s += mat[0][i][k] * mat[1][k][j];
      mat[2][i][j] = s;
      h = (h << 5 | h >> 59) ^ s;
    }
  return h;
}

struct rec {
  u64 key;
  u32 a, b;
  unsigned short c;
  signed char d;
};

static struct rec recs[64];

static u64
hash_recs (void)
{
  u64 h = 0xcbf29ce484222325ull;
  for (int i = 0; i < 64; i++) {
    struct rec *r = &recs[i];
    h = (h ^ r->key) * 0x100000001b3ull;
    h += (u64) r->a << 3 | r->b;
    h ^= (i64) r->d * r->c;
  }
  return h;
}

int
main (void)
{
  u64 total = 0;

  for (int round = 0; round < 64; round++) {
    for (int i = 0; i < N; i++)
      data[i] = rnd ();
    shell_sort (data, N);
    for (int i = 1; i < N; i++)
      if (data[i - 1] > data[i])
        return 1;
    total += crc32 ((const unsigned char *) data, sizeof data);
    for (int m = 0; m < 2; m++)
      for (int i = 0; i < 16; i++)
        for (int j = 0; j < 16; j++)
          mat[m][i][j] = rnd () & 0xffff;
    total ^= matmul ();
    for (int i = 0; i < 64; i++) {
      recs[i].key = (u64) rnd () << 32 | rnd ();
      recs[i].a = rnd ();
      recs[i].b = rnd ();
      recs[i].c = (unsigned short) rnd ();
      recs[i].d = (signed char) rnd ();
    }
    total += hash_recs ();
  }
  P ("primes", primes ());
  P ("total", total);
  P ("median", data[N / 2]);
  return 0;
}
