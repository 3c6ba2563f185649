/*
 * The run-time of freestanding C programs that Medley's program editor
 * builds for AArch64 cores on the virt map: start-up after a64-crt0.S,
 * putchar/puts/printf on the PL011 UART at 0x09000000, and the end of
 * main powering the board off through PSCI (in a64-crt0.S).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "a64-rt.h"

#define UART_BASE 0x09000000ul
#define UART_DR 0x000ul
#define UART_FR 0x018ul
#define UART_FR_TXFF 0x20u

extern char __data_start[], __data_end[], __data_source[];
extern char __bss_start[], __bss_end[];
extern int main (void);

void _medley_cstart (void);

static void
uart_putc (char c)
{
  volatile uint32_t *uart = (volatile uint32_t *) UART_BASE;

  while (uart[UART_FR / 4] & UART_FR_TXFF)
    ;
  uart[UART_DR / 4] = (uint8_t) c;
}

int
putchar (int c)
{
  if (c == '\n')
    uart_putc ('\r');
  uart_putc ((char) c);
  return c;
}

int
puts (const char *s)
{
  while (*s)
    putchar (*s++);
  putchar ('\n');
  return 0;
}

static void
put_number (unsigned long value, unsigned base, int negative)
{
  char digits[24];
  int n = 0;

  do {
    digits[n++] = "0123456789abcdef"[value % base];
    value /= base;
  } while (value != 0);
  if (negative)
    putchar ('-');
  while (n > 0)
    putchar (digits[--n]);
}

int
printf (const char *format, ...)
{
  va_list ap;

  va_start (ap, format);
  for (const char *p = format; *p; p++) {
    int is_long = 0;

    if (*p != '%') {
      putchar (*p);
      continue;
    }
    if (*++p == 'l') {
      is_long = 1;
      p++;
    }
    switch (*p) {
    case 'd': {
      long v = is_long ? va_arg (ap, long) : va_arg (ap, int);
      put_number (v < 0 ? -(unsigned long) v : (unsigned long) v, 10, v < 0);
      break;
    }
    case 'u':
      put_number (is_long ? va_arg (ap, unsigned long) : va_arg (ap, unsigned), 10, 0);
      break;
    case 'x':
      put_number (is_long ? va_arg (ap, unsigned long) : va_arg (ap, unsigned), 16, 0);
      break;
    case 's':
      for (const char *s = va_arg (ap, const char *); *s; s++)
        putchar (*s);
      break;
    case 'c':
      putchar (va_arg (ap, int));
      break;
    case '\0':
      p--;
      break;
    default:
      putchar (*p);
    }
  }
  va_end (ap);
  return 0;
}

/* The compiler may call these for struct copies and zeroed arrays. */
void *
memcpy (void *dest, const void *src, size_t n)
{
  char *d = dest;
  const char *s = src;

  while (n--)
    *d++ = *s++;
  return dest;
}

void *
memset (void *dest, int c, size_t n)
{
  char *d = dest;

  while (n--)
    *d++ = (char) c;
  return dest;
}

/* Returns to a64-crt0.S, which powers the board off. */
void
_medley_cstart (void)
{
  if ((uintptr_t) __data_source != (uintptr_t) __data_start)
    memcpy (__data_start, __data_source, (size_t) (__data_end - __data_start));
  memset (__bss_start, 0, (size_t) (__bss_end - __bss_start));
  main ();
}
