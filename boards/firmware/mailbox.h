/*
 * mailbox.h: the "medley,mailbox" device as firmware sees it, for both
 * sides of the heterogeneous demo.  One window holds both sides: side A
 * at offset 0x000, side B at 0x100 (see hw/mailbox.c).
 */
#pragma once

#include <stdint.h>

#define MBOX_SIDE_A        0x000u
#define MBOX_SIDE_B        0x100u

#define MBOX_TX            0x00u   /* write: send a word to the other side */
#define MBOX_RX            0x04u   /* read: the oldest word for this side */
#define MBOX_STATUS        0x08u
#define MBOX_IRQ_EN        0x0cu
#define MBOX_DOORBELL      0x10u
#define MBOX_IRQ_STAT      0x14u

#define MBOX_STATUS_RX_READY 0x01u
#define MBOX_STATUS_TX_FULL  0x02u
#define MBOX_IRQ_RX          0x01u

static inline volatile uint32_t *
mbox_reg (uintptr_t side, unsigned reg)
{
  return (volatile uint32_t *) (side + reg);
}

static inline int
mbox_ready (uintptr_t side)
{
  return (*mbox_reg (side, MBOX_STATUS) & MBOX_STATUS_RX_READY) != 0;
}

static inline void
mbox_send (uintptr_t side, uint32_t word)
{
  while (*mbox_reg (side, MBOX_STATUS) & MBOX_STATUS_TX_FULL)
    ;
  *mbox_reg (side, MBOX_TX) = word;
}
