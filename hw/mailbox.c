/* A mailbox two CPUs share ("medley,mailbox"): a message FIFO in each
 * direction and a doorbell to each side, each side with its interrupt.
 *
 * One register window holds both sides, side A at offset 0x000 and side
 * B at 0x100, so that each CPU cluster can map the window wherever its
 * view wants it (heterogeneous SoCs map such blocks at different
 * addresses).  Per side, 32-bit registers:
 *
 *   0x00 TX        write: send a message to the other side (dropped and
 *                  STATUS.OVERFLOW set when its FIFO is full)
 *   0x04 RX        read: the oldest message for this side (0 when empty)
 *   0x08 STATUS    bit 0 RX not empty, bit 1 TX full (the other side's
 *                  FIFO), bit 2 overflow (sticky; write 1 to clear),
 *                  bits 15:8 messages waiting in RX
 *   0x0c IRQ_EN    bit 0 interrupt while RX is not empty,
 *                  bit 1 interrupt on a doorbell
 *   0x10 DOORBELL  write 1: ring the other side
 *   0x14 IRQ_STAT  bit 0 RX not empty, bit 1 doorbell rung (write 1 to
 *                  clear); the side's interrupt output is the OR of the
 *                  enabled bits
 *
 * Interrupt output 0 goes to side A's CPU, output 1 to side B's.  Every
 * message shows on the timeline (trace kind MDL_TRACE_MAILBOX, aux = the
 * direction, 0 for A to B).
 */
#define G_LOG_DOMAIN "medley-hw"

#include "engine/device.h"
#include "engine/error.h"
#include "engine/trace.h"

#include <string.h>
#include "engine/snapshot.h"

#define MBOX_DEPTH   16
#define MBOX_SIDE    0x100
#define MBOX_SIZE    0x200

enum { REG_TX = 0x00, REG_RX = 0x04, REG_STATUS = 0x08, REG_IRQ_EN = 0x0c,
       REG_DOORBELL = 0x10, REG_IRQ_STAT = 0x14 };

enum { ST_RX_READY = 1 << 0, ST_TX_FULL = 1 << 1, ST_OVERFLOW = 1 << 2 };
enum { IRQ_RX = 1 << 0, IRQ_DOORBELL = 1 << 1 };

typedef struct {
  uint32_t fifo[MBOX_DEPTH];   /* messages for this side */
  unsigned head, count;
  uint32_t irq_en;
  bool     doorbell;
  bool     overflow;           /* this side sent into a full FIFO */
} MboxSide;

typedef struct {
  MboxSide side[2];
} Mbox;

static void
mbox_update_irq (MdlDevice *dev)
{
  Mbox *mb = dev->state;

  for (unsigned i = 0; i < 2; i++) {
    const MboxSide *s = &mb->side[i];
    bool level = ((s->irq_en & IRQ_RX) && s->count > 0) ||
                 ((s->irq_en & IRQ_DOORBELL) && s->doorbell);
    mdl_device_irq_set (dev, i, level);
  }
}

static uint32_t
mbox_irq_stat (const MboxSide *s)
{
  return (s->count > 0 ? IRQ_RX : 0) | (s->doorbell ? IRQ_DOORBELL : 0);
}

static uint64_t
mbox_read (void *opaque, uint64_t offset, unsigned size)
{
  MdlDevice *dev = opaque;
  Mbox *mb = dev->state;
  unsigned me = offset >= MBOX_SIDE;
  MboxSide *s = &mb->side[me], *other = &mb->side[!me];
  uint32_t value = 0;

  switch (offset % MBOX_SIDE) {
  case REG_RX:
    if (s->count > 0) {
      value = s->fifo[s->head];
      s->head = (s->head + 1) % MBOX_DEPTH;
      s->count--;
      mbox_update_irq (dev);
    }
    break;
  case REG_STATUS:
    value = (s->count > 0 ? ST_RX_READY : 0) | (other->count == MBOX_DEPTH ? ST_TX_FULL : 0) |
            (s->overflow ? ST_OVERFLOW : 0) | (s->count << 8);
    break;
  case REG_IRQ_EN:
    value = s->irq_en;
    break;
  case REG_IRQ_STAT:
    value = mbox_irq_stat (s);
    break;
  default:
    break;
  }
  return value;
}

static void
mbox_write (void *opaque, uint64_t offset, unsigned size, uint64_t value)
{
  MdlDevice *dev = opaque;
  Mbox *mb = dev->state;
  unsigned me = offset >= MBOX_SIDE;
  MboxSide *s = &mb->side[me], *other = &mb->side[!me];

  switch (offset % MBOX_SIDE) {
  case REG_TX:
    if (other->count == MBOX_DEPTH) {
      s->overflow = true;
      break;
    }
    other->fifo[(other->head + other->count) % MBOX_DEPTH] = (uint32_t) value;
    other->count++;
    mdl_device_trace (dev, MDL_TRACE_MAILBOX, me, (uint32_t) value);
    break;
  case REG_STATUS:
    if (value & ST_OVERFLOW)
      s->overflow = false;
    break;
  case REG_IRQ_EN:
    s->irq_en = (uint32_t) value & (IRQ_RX | IRQ_DOORBELL);
    break;
  case REG_DOORBELL:
    if (value & 1)
      other->doorbell = true;
    break;
  case REG_IRQ_STAT:
    if (value & IRQ_DOORBELL)
      s->doorbell = false;
    break;
  default:
    break;
  }
  mbox_update_irq (dev);
}

static const MdlMmioOps mbox_ops = {
  .read = mbox_read,
  .write = mbox_write,
  .min_size = 4,
  .max_size = 4,
};

static bool
mbox_realize (MdlDevice *dev, GError **error)
{
  uint64_t size = mdl_device_reg_size (dev, 0, MBOX_SIZE);

  if (size < MBOX_SIZE) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: a mailbox window is 0x%x bytes (both sides), not 0x%" G_GINT64_MODIFIER "x",
                 dev->name, MBOX_SIZE, size);
    return false;
  }
  dev->regions[0] = mdl_region_new_mmio (dev->name, size, &mbox_ops, dev);
  return true;
}

static void
mbox_reset (MdlDevice *dev)
{
  Mbox *mb = dev->state;

  memset (mb, 0, sizeof *mb);
  mbox_update_irq (dev);
}

const MdlDeviceClass mdl_mailbox_class = {
  .name = "mailbox",
  .compatible = "medley,mailbox",
  .description = N_("Two message FIFOs and doorbells between two CPUs"),
  .group = MDL_GROUP_MAILBOXES,
  .n_regions = 1,
  .default_size = MBOX_SIZE,
  .n_irq_out = 2,
  .state_size = sizeof (Mbox),
  .realize = mbox_realize,
  .reset = mbox_reset,
  .save = mdl_device_save_plain,
  .restore = mdl_device_restore_plain,
};
