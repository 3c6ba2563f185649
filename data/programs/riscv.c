/*
 * A first C program for a RISC-V hart.
 *
 * printf writes to the board's UART; returning from main ends the run
 * (Medley's small run-time for the virt map does both: riscv-rt.c in
 * Medley's data folder, programs/).  Ctrl+B builds it; Run starts it.
 */
#include <stdio.h>

/* The n-th Fibonacci number, the slow way: something to step through. */
static unsigned
fib (unsigned n)
{
  return n < 2 ? n : fib (n - 1) + fib (n - 2);
}

int
main (void)
{
  printf ("Hello from C on RISC-V!\n");
  for (unsigned i = 0; i < 10; i++)
    printf ("fib(%u) = %u\n", i, fib (i));
  return 0;
}
