/*
 * hello.c: the demo firmware of the riscv32-virt and riscv64-virt boards.
 *
 * Says hello on the UART, shows what the hart reports about itself (misa
 * decoded into an ISA string, hart id) and does a little arithmetic, then
 * stops the machine with a pass through the test device.  Built for both
 * widths from this one file.
 */
#include <stdint.h>
#include <stdio.h>

#include "virt.h"

/*
 * Extension letters in the order an ISA string lists them (after the base
 * I or E).  S and U in misa are privilege modes, not ISA extensions, so
 * they are shown separately.
 */
static const char isa_order[] = "mafdqlcbjtpvhkn";

static int
misa_has (unsigned long misa, char letter)
{
  return (int) ((misa >> (letter - 'a')) & 1u);
}

/* Writes e.g. "rv32imac" into out; returns 0 when misa is not implemented. */
static int
decode_misa (unsigned long misa, char *out, size_t size)
{
  static const char *const widths[] = { "rv??", "rv32", "rv64", "rv128" };
  size_t len;

  if (misa == 0)
    return 0;
  /* MXL sits in the two top bits, whatever XLEN is. */
  len = (size_t) snprintf (out, size, "%s%c", widths[misa >> (__riscv_xlen - 2)],
                           misa_has (misa, 'e') ? 'e' : 'i');
  for (const char *c = isa_order; *c && len + 1 < size; c++)
    if (misa_has (misa, *c)) {
      out[len++] = *c;
      out[len] = '\0';
    }
  return 1;
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
  unsigned long misa = virt_csr_read (misa);
  unsigned long hart = virt_csr_read (mhartid);
  char isa[40];

  printf ("\n");
  printf ("  +--------------------------------------------+\n");
  printf ("  |  Hello from Medley!                        |\n");
  printf ("  |  A bare-metal program on a RISC-V hart.    |\n");
  printf ("  +--------------------------------------------+\n\n");

  if (decode_misa (misa, isa, sizeof isa))
    printf ("  ISA:       %s (misa 0x%0*lx)\n", isa, (int) sizeof misa * 2, misa);
  else
    printf ("  ISA:       rv%d, misa not implemented\n", __riscv_xlen);
  printf ("  Modes:     M%s%s\n", misa_has (misa, 's') ? " S" : "",
          misa_has (misa, 'u') ? " U" : "");
  printf ("  Hart:      %lu\n", hart);
  printf ("  Console:   ns16550a UART at 0x%08x\n", VIRT_UART_BASE);
  printf ("  Exit:      test device at 0x%08x\n\n", VIRT_TEST_BASE);

  fibonacci_line ();
  primes_line ();
  printf ("  6 x 7 = %d\n\n", 6 * 7);

  printf ("  Edit boards/firmware/hello.c, rebuild, and run it again.\n");
  printf ("  Bye!\n");
  return 0;
}
