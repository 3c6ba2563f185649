/*
 * hello-cm3.c: the demo firmware of the cortex-m3 board (and, built for
 * ARMv6-M as hello-cm0.elf, of the cortex-m0 board).
 *
 * Says hello on UART0, shows what the core reports about itself (CPUID
 * decoded into a part name and revision), does a little arithmetic, then
 * stops the machine with a pass through semihosting.
 */
#include <stdint.h>
#include <stdio.h>

#include "mps2.h"

/* CPUID's part number field for the cores Medley models. */
static const char *
part_name (uint32_t cpuid)
{
  if ((cpuid >> 24) != 0x41)   /* implementer: Arm */
    return "an unknown core";
  switch ((cpuid >> 4) & 0xfff) {
  case 0xc20: return "Cortex-M0";
  case 0xc60: return "Cortex-M0+";
  case 0xc23: return "Cortex-M3";
  case 0xc24: return "Cortex-M4";
  case 0xc27: return "Cortex-M7";
  default:    return "an Arm Cortex-M core";
  }
}

static void
fibonacci_line (void)
{
  uint32_t a = 0, b = 1;

  printf ("  Fibonacci:");
  for (int i = 0; i < 12; i++) {
    uint32_t next = a + b;

    printf (" %lu", (unsigned long) a);
    a = b;
    b = next;
  }
  printf (" ...\n");
}

static void
primes_line (void)
{
  int found = 0;

  printf ("  Primes:   ");
  for (unsigned n = 2; found < 12; n++) {
    unsigned d = 2;

    while (d * d <= n && n % d != 0)
      d++;
    if (d * d > n) {
      printf (" %u", n);
      found++;
    }
  }
  printf (" ...\n");
}

int
main (void)
{
  uint32_t cpuid = mps2_read32 (MPS2_SCB_CPUID);

  printf ("\n");
  printf ("  +--------------------------------------------+\n");
  printf ("  |  Hello from Medley!                        |\n");
  printf ("  |  A bare-metal program on an Arm Cortex-M.  |\n");
  printf ("  +--------------------------------------------+\n\n");

  printf ("  Core:      %s r%lup%lu (CPUID 0x%08lx)\n", part_name (cpuid),
          (unsigned long) (cpuid >> 20) & 0xf, (unsigned long) cpuid & 0xf,
          (unsigned long) cpuid);
  printf ("  Clock:     %lu MHz\n", (unsigned long) MPS2_SYSCLK_HZ / 1000000);
  printf ("  Console:   CMSDK UART0 at 0x%08x\n", MPS2_UART0_BASE);
  printf ("  Exit:      semihosting (bkpt 0xab)\n\n");

  fibonacci_line ();
  primes_line ();
  printf ("  6 x 7 = %d\n\n", 6 * 7);

  printf ("  Edit boards/firmware/hello-cm3.c, rebuild, and run it again.\n");
  printf ("  Bye!\n");
  return 0;
}
