/*
 * The Cortex-M3 side of the heterogeneous demo (boards/hetero-demo.dts).
 *
 * The M3 is the coprocessor: it sleeps in wfi until the mailbox says work
 * has come (its interrupt stays masked by PRIMASK, which still lets it wake
 * the core), sums the words the RISC-V core left in the shared SRAM (which
 * the M3 sees at 0x20400000, not where the RISC-V core sees it), and sends
 * the sum back.  A zero message means there is no more work; the M3
 * acknowledges it so that the RISC-V side ends the run after the M3's
 * last line.
 */
#include <stdint.h>
#include <stdio.h>

#include "mailbox.h"

#define SHARED     ((volatile uint32_t *) 0x20400000u)
#define MBOX       (0x40010000u + MBOX_SIDE_B)
#define MBOX_IRQ   20u                       /* external interrupt line */
#define NVIC_ISER0 ((volatile uint32_t *) 0xe000e100u)
#define NVIC_ICPR0 ((volatile uint32_t *) 0xe000e280u)

static uint32_t
receive (void)
{
  uint32_t word;

  __asm__ volatile ("cpsid i");
  *mbox_reg (MBOX, MBOX_IRQ_EN) = MBOX_IRQ_RX;
  *NVIC_ISER0 = 1u << MBOX_IRQ;
  while (!mbox_ready (MBOX))
    __asm__ volatile ("wfi");
  word = *mbox_reg (MBOX, MBOX_RX);
  /* The line stays pending in the NVIC (it is masked, never taken):
   * clear it, or the next wfi would not sleep. */
  *NVIC_ICPR0 = 1u << MBOX_IRQ;
  return word;
}

int
main (void)
{
  printf ("cortex-m3: Cortex-M3 at 48 MHz, waiting for work\n");
  for (;;) {
    uint32_t msg = receive (), sum = 0;
    unsigned item = msg >> 16, n = msg & 0xffff;

    if (msg == 0)
      break;
    for (unsigned i = 0; i < n; i++)
      sum += SHARED[i];
    printf ("cortex-m3: item %u: summed %u words at 0x20400000 -> %lu\n", item, n,
            (unsigned long) sum);
    mbox_send (MBOX, sum);
  }
  printf ("cortex-m3: no more work, sleeping\n");
  mbox_send (MBOX, 0);
  for (;;)
    __asm__ volatile ("wfi");
}
