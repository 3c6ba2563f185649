/*
 * The Cortex-M4 of boards/a53-m4-demo.dts: the microcontroller beside the
 * AArch64 Linux cluster, as on an i.MX 8M.
 *
 * It sleeps in wfi until the mailbox says work has come (the mailbox's
 * interrupt stays masked by PRIMASK, which still wakes the core), then
 * takes the words Linux left in the shared SRAM (which the M4 sees at
 * 0x20400000) and answers with their sum, worked out two halfwords at a
 * time with the DSP extension's SMLAD against a vector of ones, as the
 * M4 would run a filter.  A zero message means there is no more work.
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
  /* The masked line stays pending in the NVIC: clear it, or the next
   * wfi would not sleep. */
  *NVIC_ICPR0 = 1u << MBOX_IRQ;
  return word;
}

/* acc + lo(a) * lo(b) + hi(a) * hi(b), halfwords signed. */
static uint32_t
smlad (uint32_t a, uint32_t b, uint32_t acc)
{
  uint32_t r;

  __asm__ ("smlad %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(acc));
  return r;
}

/* The sum of @n words whose values fit 31 bits: the low halfwords
 * unsigned through SMLAD on (lo, 0), the high ones likewise. */
static uint32_t
sum_words (volatile const uint32_t *w, unsigned n)
{
  uint32_t lo = 0, hi = 0;

  for (unsigned i = 0; i < n; i++) {
    uint32_t v = w[i];
    /* Halves split so that each product is a non-negative 16-bit value
     * times one: bits 0-14, 15-29 and the rest added separately. */
    lo = smlad (v & 0x7fffu, 1u, lo);
    hi = smlad ((v >> 15) & 0x7fffu, 1u, hi);
    hi += (v >> 30) << 15;
  }
  return lo + (hi << 15);
}

int
main (void)
{
  printf ("cortex-m4: Cortex-M4 at 200 MHz, waiting for work\n");
  for (;;) {
    uint32_t msg = receive (), sum;
    unsigned item = msg >> 16, n = msg & 0xffff;

    if (msg == 0)
      break;
    sum = sum_words (SHARED, n);
    printf ("cortex-m4: item %u: summed %u words at 0x20400000 -> %lu\n", item, n,
            (unsigned long) sum);
    mbox_send (MBOX, sum);
  }
  printf ("cortex-m4: no more work, sleeping\n");
  mbox_send (MBOX, 0);
  for (;;)
    __asm__ volatile ("wfi");
}
