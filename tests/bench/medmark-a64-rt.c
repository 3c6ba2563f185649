/*
 * What medmark needs around it on a bare Cortex-A53 (the AArch64 ISA
 * tests' start.S and test.h give reset, semihosting and an exception
 * handler that ends the run with 200 + the vector's number): printf for
 * its one result line, with only the conversions medmark uses, %u and
 * %x with an optional zero-padded width.
 */
#include <stdarg.h>

#include "test.h"

int
printf (const char *fmt, ...)
{
  char line[160];
  unsigned n = 0;
  va_list ap;

  va_start (ap, fmt);
  for (const char *p = fmt; *p != 0 && n < sizeof line - 16; p++) {
    unsigned width = 0, base, v, k = 0;
    char digits[12];

    if (*p != '%') {
      line[n++] = *p;
      continue;
    }
    for (p++; *p >= '0' && *p <= '9'; p++)
      width = width * 10 + (unsigned) (*p - '0');
    base = *p == 'x' ? 16 : 10;
    v = va_arg (ap, unsigned);
    do {
      digits[k++] = "0123456789abcdef"[v % base];
      v /= base;
    } while (v != 0);
    while (k < width && k < sizeof digits)
      digits[k++] = '0';
    while (k > 0)
      line[n++] = digits[--k];
  }
  va_end (ap);
  line[n] = 0;
  puts_ (line);
  return (int) n;
}
