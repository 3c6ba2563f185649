/*
 * gdb-prog.c: what the GDB tests debug, built for RV32, RV64 and the
 * Cortex-M3 from this one file on each board's usual runtime.
 *
 * report() gets a known value (42) in a parameter the test prints and
 * finds in the first argument register; the test writes 5 into
 * gdb_global through GDB and watches gdb_counter change.  The exit code
 * says whether the write arrived: 3 when it did, 1 when not.
 */
#include <stdio.h>

volatile int gdb_global = 7;
volatile int gdb_counter;

__attribute__ ((noinline)) int
report (int answer)
{
  printf ("gdb-prog: answer %d\n", answer);
  return answer + 1;
}

int
main (void)
{
  int sum = 0;

  for (int i = 1; i <= 10; i++)
    sum += i;
  sum = report (sum - 13);
  gdb_counter++;
  printf ("gdb-prog: sum %d, global %d, counter %d\n", sum, gdb_global, gdb_counter);
  return gdb_global == 5 ? 3 : 1;
}
