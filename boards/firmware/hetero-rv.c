/*
 * The RISC-V side of the heterogeneous demo (boards/hetero-demo.dts).
 *
 * The RV32 core hands out work: for each item it writes a few words into
 * the SRAM both cores share (it sees it at 0x90000000), tells the Cortex-M3
 * through the mailbox, and sleeps in wfi until the answer arrives (the
 * mailbox interrupt wakes it; interrupts stay globally off, so nothing
 * traps).  It checks each answer, and ends the run when all are in.
 */
#include <stdint.h>
#include <stdio.h>

#include "mailbox.h"

#define SHARED   ((volatile uint32_t *) 0x90000000u)
#define MBOX     (0x10010000u + MBOX_SIDE_A)
#define N_ITEMS  6

#define MIE_MEIE (1u << 11)

static uint32_t
receive (void)
{
  /* Wake on the mailbox's interrupt (external interrupt, mie.MEIE) but
   * take no trap: wfi returns whenever an enabled interrupt is pending,
   * whatever mstatus.MIE says. */
  *mbox_reg (MBOX, MBOX_IRQ_EN) = MBOX_IRQ_RX;
  __asm__ volatile ("csrs mie, %0" :: "r" (MIE_MEIE));
  while (!mbox_ready (MBOX))
    __asm__ volatile ("wfi");
  return *mbox_reg (MBOX, MBOX_RX);
}

int
main (void)
{
  unsigned correct = 0;

  printf ("riscv: RV32 at 100 MHz, handing out %d work items to the Cortex-M3\n", N_ITEMS);
  for (unsigned item = 1; item <= N_ITEMS; item++) {
    unsigned n = item * 8;
    uint32_t expect = 0, answer;

    for (unsigned i = 0; i < n; i++) {
      SHARED[i] = item * 1000 + i * i;
      expect += SHARED[i];
    }
    printf ("riscv: item %u: %u words in shared SRAM at 0x90000000, sending\n", item, n);
    mbox_send (MBOX, item << 16 | n);
    answer = receive ();
    correct += answer == expect;
    printf ("riscv: item %u: the Cortex-M3 answered %lu (%s)\n", item,
            (unsigned long) answer, answer == expect ? "correct" : "WRONG");
  }
  mbox_send (MBOX, 0);   /* no more work... */
  receive ();            /* ...and the M3 has said its last word */
  printf ("riscv: %u of %d answers correct, done\n", correct, N_ITEMS);
  return correct == N_ITEMS ? 0 : 1;
}
