/*
 * printf.c: exercises picolibc's printf on the bare-metal runtime, so that
 * a wrong shift, sign extension, division or carry in a CPU model shows up
 * as a wrong digit on the console.
 *
 * The output must be the same on RV32 and RV64 (one expected file serves
 * both), so every value has a fixed-width type and `long` is only printed
 * in its 32-bit range.  picolibc's default printf handles double, so a few
 * exactly representable values are printed too: their digits come from
 * integer code (soft-float on these cores), another good CPU workout.
 */
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void
section (const char *name)
{
  printf ("\n== %s ==\n", name);
}

static void
integers (void)
{
  section ("integers");
  printf ("int: %d %d %d %d\n", 0, 1, -1, 42);
  printf ("int limits: %d %d %u\n", INT_MIN, INT_MAX, UINT_MAX);
  printf ("char: %hhd %hhd %hhu %hhx\n", (signed char) -128, (signed char) 127,
          (unsigned char) 255, (unsigned char) 0xab);
  printf ("short: %hd %hd %hu %hx\n", (short) SHRT_MIN, (short) SHRT_MAX,
          (unsigned short) USHRT_MAX, (unsigned short) 0xbeef);
  printf ("long (32-bit range): %ld %ld %lu\n", -2147483647L - 1, 2147483647L,
          4294967295UL);
  printf ("long long: %lld %lld %llu\n", LLONG_MIN, LLONG_MAX, ULLONG_MAX);
  printf ("int8/16/32/64: %" PRId8 " %" PRId16 " %" PRId32 " %" PRId64 "\n",
          INT8_MIN, INT16_MIN, INT32_MIN, INT64_MIN);
  printf ("uint8/16/32/64: %" PRIu8 " %" PRIu16 " %" PRIu32 " %" PRIu64 "\n",
          UINT8_MAX, UINT16_MAX, UINT32_MAX, UINT64_MAX);
  printf ("size_t: %zu %zx\n", (size_t) 123456, (size_t) 0xcafe);
  printf ("intmax_t: %jd %ju\n", (intmax_t) -9000000000000000000LL,
          (uintmax_t) 18000000000000000000ULL);
  printf ("ptrdiff_t: %td\n", (ptrdiff_t) -4096);
}

static void
bases (void)
{
  section ("bases");
  printf ("hex: %x %X %#x %#X %x\n", 0xdeadbeefu, 0xdeadbeefu, 255u, 255u, 0u);
  printf ("hex64: %" PRIx64 " %#" PRIX64 "\n", UINT64_C (0x0123456789abcdef),
          UINT64_C (0xfedcba9876543210));
  printf ("octal: %o %#o %o %" PRIo64 "\n", 8u, 8u, 0777u, UINT64_MAX);
  printf ("negative as unsigned: %u %x\n", (unsigned) -1, (unsigned) -2);
  printf ("pointer: %p\n", (void *) (uintptr_t) 0x1234u);
}

static void
widths (void)
{
  section ("padding");
  printf ("[%5d] [%-5d] [%05d] [%+d] [% d] [%+d]\n", 42, 42, 42, 42, 42, -42);
  printf ("[%-+6d] [%06d] [%+06d] [% 06d]\n", 7, -7, 7, 7);
  printf ("[%8x] [%-8X] [%08x] [%#010x]\n", 0xabcu, 0xabcu, 0xabcu, 0xabcu);
  printf ("[%*d] [%-*d] [%.*d]\n", 6, 123, 6, 123, 5, 123);
  printf ("[%.3d] [%.0d] [%5.3d] [%-8.4x]\n", 7, 0, -7, 0x1fu);
  printf ("[%20" PRId64 "] [%-20" PRIu64 "]\n", INT64_C (-1234567890123),
          UINT64_C (9876543210));
}

static void
strings (void)
{
  static const char word[] = "medley";

  section ("strings and chars");
  printf ("[%s] [%10s] [%-10s] [%.3s] [%*.*s]\n", word, word, word, word, 8, 2,
          word);
  printf ("[%s]\n", "");
  printf ("chars: [%c] [%c%c%c] [%3c] [%-3c]\n", 'A', 'x', 'y', 'z', '*', '#');
  printf ("percent: 100%% [%%] [%5s%%]\n", "50");
  printf ("strlen: %zu\n", strlen (word));
}

static void
floats (void)
{
  section ("floats");
  printf ("%f %f %f\n", 0.0, 1.5, -2.25);
  printf ("%.2f %.0f %.3f %10.4f|\n", 3.125, 2.5, 1.0 / 8, -0.0625);
  printf ("%e %E %.2e\n", 1024.0, 0.000244140625, 6.0e10);
  printf ("%g %g %g %g\n", 100000.0, 1000000.0, 0.0001, 0.5);
}

/* Not const, so the compiler cannot see (and warn about) the truncation. */
char long_text[] = "truncate-me-please";

static void
snprintf_checks (void)
{
  char buf[16];
  int n;

  section ("snprintf");
  n = snprintf (buf, sizeof buf, "%s-%d", long_text, 12345);
  printf ("returned %d, kept [%s] (%zu chars)\n", n, buf, strlen (buf));
  n = snprintf (buf, sizeof buf, "%08" PRIx32, UINT32_C (0x1f));
  printf ("returned %d, kept [%s]\n", n, buf);
}

int
main (void)
{
  printf ("printf test\n");
  integers ();
  bases ();
  widths ();
  strings ();
  floats ();
  snprintf_checks ();
  printf ("\ndone\n");
  return 0;
}
