/*
 * checksum.c: CRC-32 (IEEE 802.3, reflected) and Adler-32 of known strings
 * and of generated data, printed in hex.
 *
 * Checksums turn every shift, xor, table load and modulo into a few hex
 * digits: one wrong bit anywhere changes the whole line.  The known
 * vectors make the program check itself even without an expected file;
 * the table-driven CRC is also checked against a bit-by-bit one.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define CRC32_POLY 0xedb88320u /* 0x04c11db7 bit-reversed */
#define ADLER_MOD 65521u       /* largest prime below 2^16 */

static uint32_t crc_table[256];
static uint8_t data[16384];

static void
crc32_init (void)
{
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;

    for (int k = 0; k < 8; k++)
      c = (c & 1) ? (c >> 1) ^ CRC32_POLY : c >> 1;
    crc_table[i] = c;
  }
}

static uint32_t
crc32_table (const uint8_t *p, size_t n)
{
  uint32_t c = 0xffffffffu;

  while (n--)
    c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}

/* The slow reference: no table, one bit at a time, branch-free. */
static uint32_t
crc32_bitwise (const uint8_t *p, size_t n)
{
  uint32_t c = 0xffffffffu;

  while (n--) {
    c ^= *p++;
    for (int k = 0; k < 8; k++)
      c = (c >> 1) ^ (CRC32_POLY & (0u - (c & 1)));
  }
  return c ^ 0xffffffffu;
}

static uint32_t
adler32 (const uint8_t *p, size_t n)
{
  uint32_t a = 1, b = 0;

  /*
   * Reduce every 5552 bytes, the most that cannot overflow b in 32 bits:
   * this keeps the divide/remainder instructions in play but not in every
   * iteration, as real implementations do.
   */
  while (n > 0) {
    size_t chunk = n < 5552 ? n : 5552;

    n -= chunk;
    while (chunk--) {
      a += *p++;
      b += a;
    }
    a %= ADLER_MOD;
    b %= ADLER_MOD;
  }
  return (b << 16) | a;
}

/* A 32-bit LCG (Numerical Recipes constants); the top byte is the output. */
static void
generate (uint8_t *out, size_t n, uint32_t seed)
{
  for (size_t i = 0; i < n; i++) {
    seed = seed * 1664525u + 1013904223u;
    out[i] = (uint8_t) (seed >> 24);
  }
}

static bool
known (const char *text, uint32_t want_crc, uint32_t want_adler)
{
  const uint8_t *p = (const uint8_t *) text;
  size_t n = strlen (text);
  uint32_t crc = crc32_table (p, n), adler = adler32 (p, n);
  bool ok = crc == want_crc && adler == want_adler && crc32_bitwise (p, n) == crc;

  printf ("\"%s\": crc32 %08" PRIx32 " adler32 %08" PRIx32 " %s\n", text, crc,
          adler, ok ? "ok" : "WRONG");
  return ok;
}

static bool
generated (size_t n, uint32_t seed)
{
  uint32_t crc, adler;
  bool ok;

  generate (data, n, seed);
  crc = crc32_table (data, n);
  adler = adler32 (data, n);
  ok = crc32_bitwise (data, n) == crc;
  printf ("lcg seed %08" PRIx32 ", %5zu bytes: crc32 %08" PRIx32
          " adler32 %08" PRIx32 "%s\n",
          seed, n, crc, adler, ok ? "" : " TABLE/BITWISE DISAGREE");
  return ok;
}

int
main (void)
{
  bool ok = true;

  printf ("checksum test\n");
  crc32_init ();
  printf ("crc table: [1] %08" PRIx32 " [128] %08" PRIx32 " [255] %08" PRIx32 "\n",
          crc_table[1], crc_table[128], crc_table[255]);

  /* Published check values for these strings. */
  ok &= known ("", 0x00000000u, 0x00000001u);
  ok &= known ("a", 0xe8b7be43u, 0x00620062u);
  ok &= known ("123456789", 0xcbf43926u, 0x091e01deu);
  ok &= known ("Wikipedia", 0xadaac02eu, 0x11e60398u);
  ok &= known ("The quick brown fox jumps over the lazy dog", 0x414fa339u,
               0x5bdc0fdau);

  ok &= generated (1, 1u);
  ok &= generated (1000, 0xdeadbeefu);
  ok &= generated (5552, 0x12345678u);
  ok &= generated (5553, 0x12345678u);
  ok &= generated (sizeof data, 0xcafef00du);

  /* Every byte value, in order: the 256-byte table walk in one input. */
  for (size_t i = 0; i < 256; i++)
    data[i] = (uint8_t) i;
  printf ("bytes 00..ff: crc32 %08" PRIx32 " adler32 %08" PRIx32 "\n",
          crc32_table (data, 256), adler32 (data, 256));

  printf ("%s\n", ok ? "checksums ok" : "CHECKSUM FAILED");
  return ok ? 0 : 1;
}
