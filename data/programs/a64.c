/*
 * A first C program for an AArch64 core.
 *
 * There is no C library here (Debian has no bare-metal one for AArch64):
 * Medley's small run-time (a64-rt.c in Medley's data folder, programs/)
 * gives putchar, puts and a printf for %d, %u, %x, %s and %c on the
 * board's UART, and returning from main powers the board off.  Ctrl+B
 * builds it; Run starts it.
 */
#include "a64-rt.h"

/* The n-th Fibonacci number, the slow way: something to step through. */
static unsigned
fib (unsigned n)
{
  return n < 2 ? n : fib (n - 1) + fib (n - 2);
}

int
main (void)
{
  printf ("Hello from C on AArch64!\n");
  for (unsigned i = 0; i < 10; i++)
    printf ("fib(%u) = %u\n", i, fib (i));
  return 0;
}
