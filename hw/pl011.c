/* Arm PrimeCell UART PL011 ("arm,pl011", also "arm,primecell"), as on
 * QEMU's virt machine at 0x09000000.
 *
 *   0x000 DR     read: the oldest received byte, error bits 11:8 (OE is
 *                bit 11); write: transmit a byte
 *   0x004 RSR    read: the errors of the last byte read (OE bit 3);
 *                ECR write: clears them
 *   0x018 FR     flags: TXFE 7, RXFF 6, TXFF 5, RXFE 4, BUSY 3, DCD 2,
 *                DSR 1, CTS 0
 *   0x020 ILPR, 0x024 IBRD (16 bits), 0x028 FBRD (6 bits): stored only
 *   0x02c LCR_H  line control; FEN (bit 4) turns the FIFOs on
 *   0x030 CR     control: UARTEN 0, LBE 7 (loopback), TXE 8, RXE 9
 *   0x034 IFLS   FIFO trigger levels (receive in bits 5:3)
 *   0x038 IMSC   interrupt mask set/clear (1 = enabled)
 *   0x03c RIS    raw status: OE 10, RT 6, TX 5, RX 4
 *   0x040 MIS    RIS & IMSC
 *   0x044 ICR    write 1s to clear
 *   0x048 DMACR  stored only (no DMA)
 *   0xfe0..0xffc peripheral and PrimeCell IDs
 *
 * As for the ns16550a, timing is absent so runs are deterministic: a byte
 * written to DR leaves at once (TXFE stays set, BUSY clear) and raises
 * the transmit interrupt, which stays raised until ICR clears it (what
 * QEMU does, and what Linux's driver expects of a FIFO that drains).
 * Transmission does not wait for UARTEN/TXE either, as on QEMU, so
 * firmware that never set the UART up still prints.
 *
 * The receive FIFO holds 32 bytes with FEN, one byte without.  The RX
 * interrupt is raised while the FIFO is at or above its trigger level;
 * the receive timeout (RT) at once while it holds fewer, since there is
 * no line idle time to wait for.  Both follow the FIFO and cannot be
 * cleared through ICR while the data is there.  A byte arriving at a full
 * FIFO is lost and raises OE, which the
 * next byte read from DR (and RSR after it) reports.
 *
 * One interrupt output: UARTINTR, the OR of MIS.
 */
#define G_LOG_DOMAIN "medley-hw"

#include <string.h>

#include "engine/device.h"
#include "engine/error.h"
#include "engine/snapshot.h"

#define PL011_FIFO 32

#define FR_CTS  0x001
#define FR_DSR  0x002
#define FR_DCD  0x004
#define FR_RXFE 0x010
#define FR_TXFF 0x020
#define FR_RXFF 0x040
#define FR_TXFE 0x080

#define LCRH_FEN 0x10
#define CR_LBE   0x080

#define INT_RX  0x010
#define INT_TX  0x020
#define INT_RT  0x040
#define INT_OE  0x400
#define INT_ALL 0x7ff

#define DR_OE   0x800
#define RSR_OE  0x08

typedef struct {
  MdlDevice *dev;
  uint8_t    rx[PL011_FIFO];
  unsigned   rx_head, rx_count;
  uint32_t   rsr;
  uint32_t   ilpr, ibrd, fbrd, lcr_h, cr, ifls, imsc, dmacr;
  uint32_t   ris;         /* the latched sources: TX and OE */
  bool       oe_next;     /* the next byte read carries OE */
} Pl011;

static const uint8_t pl011_ids[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

static unsigned
pl011_capacity (const Pl011 *u)
{
  return (u->lcr_h & LCRH_FEN) ? PL011_FIFO : 1;
}

/* IFLS's receive level: 1/8, 1/4, 1/2, 3/4, 7/8 of the FIFO. */
static unsigned
pl011_rx_trigger (const Pl011 *u)
{
  static const unsigned eighths[8] = { 1, 2, 4, 6, 7, 7, 7, 7 };

  if (!(u->lcr_h & LCRH_FEN))
    return 1;
  return PL011_FIFO * eighths[(u->ifls >> 3) & 7] / 8;
}

static uint32_t
pl011_ris (const Pl011 *u)
{
  uint32_t ris = u->ris;

  if (u->rx_count >= pl011_rx_trigger (u))
    ris |= INT_RX;
  else if (u->rx_count > 0)
    ris |= INT_RT;
  return ris;
}

static void
pl011_update (Pl011 *u)
{
  mdl_device_irq_set (u->dev, 0, (pl011_ris (u) & u->imsc) != 0);
}

static void
pl011_rx_push (Pl011 *u, uint8_t byte)
{
  if (u->rx_count >= pl011_capacity (u)) {
    u->ris |= INT_OE;
    u->oe_next = true;
    return;
  }
  u->rx[(u->rx_head + u->rx_count) % PL011_FIFO] = byte;
  u->rx_count++;
}

static uint32_t
pl011_rx_pop (Pl011 *u)
{
  uint32_t value;

  if (u->rx_count == 0)
    return 0;
  value = u->rx[u->rx_head];
  u->rx_head = (u->rx_head + 1) % PL011_FIFO;
  u->rx_count--;
  u->rsr = 0;
  if (u->oe_next) {
    value |= DR_OE;
    u->rsr = RSR_OE;
    u->oe_next = false;
  }
  return value;
}

static uint64_t
pl011_read (void *opaque, uint64_t offset, unsigned size)
{
  MdlDevice *dev = opaque;
  Pl011 *u = dev->state;
  uint32_t v = 0;

  switch (offset) {
  case 0x000:
    v = pl011_rx_pop (u);
    break;
  case 0x004: v = u->rsr; break;
  case 0x018:
    v = FR_TXFE | FR_CTS | FR_DSR | FR_DCD;
    if (u->rx_count == 0)
      v |= FR_RXFE;
    if (u->rx_count >= pl011_capacity (u))
      v |= FR_RXFF;
    break;
  case 0x020: v = u->ilpr; break;
  case 0x024: v = u->ibrd; break;
  case 0x028: v = u->fbrd; break;
  case 0x02c: v = u->lcr_h; break;
  case 0x030: v = u->cr; break;
  case 0x034: v = u->ifls; break;
  case 0x038: v = u->imsc; break;
  case 0x03c: v = pl011_ris (u); break;
  case 0x040: v = pl011_ris (u) & u->imsc; break;
  case 0x048: v = u->dmacr; break;
  default:
    if (offset >= 0xfe0 && offset < 0x1000)
      v = pl011_ids[(offset - 0xfe0) / 4];
    break;
  }
  pl011_update (u);
  return v;
}

static void
pl011_write (void *opaque, uint64_t offset, unsigned size, uint64_t value64)
{
  MdlDevice *dev = opaque;
  Pl011 *u = dev->state;
  uint32_t value = (uint32_t) value64;

  switch (offset) {
  case 0x000: {
    uint8_t byte = value & 0xff;
    if (u->cr & CR_LBE)
      pl011_rx_push (u, byte);
    else
      mdl_machine_serial_out (dev->machine, dev, &byte, 1);
    u->ris |= INT_TX;
    break;
  }
  case 0x004: u->rsr = 0; break;
  case 0x020: u->ilpr = value & 0xff; break;
  case 0x024: u->ibrd = value & 0xffff; break;
  case 0x028: u->fbrd = value & 0x3f; break;
  case 0x02c:
    /* Turning the FIFOs on or off empties them. */
    if ((value ^ u->lcr_h) & LCRH_FEN) {
      u->rx_head = u->rx_count = 0;
      u->oe_next = false;
    }
    u->lcr_h = value & 0xff;
    break;
  case 0x030: u->cr = value & 0xff87; break;
  case 0x034: u->ifls = value & 0x3f; break;
  case 0x038: u->imsc = value & INT_ALL; break;
  case 0x044: u->ris &= ~value; break;
  case 0x048: u->dmacr = value & 7; break;
  default: break;
  }
  pl011_update (u);
}

static const MdlMmioOps pl011_ops = {
  .read = pl011_read,
  .write = pl011_write,
  .min_size = 1,
  .max_size = 4,
};

static void
pl011_serial_input (MdlDevice *dev, const uint8_t *bytes, size_t len)
{
  Pl011 *u = dev->state;

  /* In loopback the receiver hears the transmitter only. */
  if (u->cr & CR_LBE)
    return;
  for (size_t i = 0; i < len; i++)
    pl011_rx_push (u, bytes[i]);
  pl011_update (u);
}

static size_t
pl011_serial_can_receive (MdlDevice *dev)
{
  Pl011 *u = dev->state;

  if (u->cr & CR_LBE)
    return 0;
  return pl011_capacity (u) - MIN (u->rx_count, pl011_capacity (u));
}

static void
pl011_reset (MdlDevice *dev)
{
  Pl011 *u = dev->state;

  memset (u, 0, sizeof *u);
  u->dev = dev;
  u->cr = 0x300;     /* TXE, RXE */
  u->ifls = 0x12;    /* both at half full */
  pl011_update (u);
}

static bool
pl011_realize (MdlDevice *dev, GError **error)
{
  uint64_t size = mdl_device_reg_size (dev, 0, 0x1000);

  if (size < 0x1000) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: register window of 0x%" G_GINT64_MODIFIER "x bytes "
                 "cannot hold the PL011's 4 KiB of registers", dev->name, size);
    return false;
  }
  pl011_reset (dev);
  dev->regions[0] = mdl_region_new_mmio (dev->name, size, &pl011_ops, dev);
  return true;
}

const MdlDeviceClass mdl_pl011_class = {
  .name = "pl011",
  .compatible = "arm,pl011",
  .description = N_("Arm PL011 UART with 32-byte FIFOs"),
  .group = MDL_GROUP_SERIAL,
  .n_regions = 1,
  .default_size = 0x1000,
  .n_irq_out = 1,
  .state_size = sizeof (Pl011),
  .fdt_compatible = (const char *const[]) { "arm,pl011", "arm,primecell", NULL },
  .fdt_node_name = "pl011",
  /* The AMBA bus driver enables apb_pclk before probing; QEMU's virt
   * runs it at 24 MHz. */
  .fdt_clocks = (const char *const[]) { "uartclk", "apb_pclk", NULL },
  .fdt_clock_hz = 24000000,
  .realize = pl011_realize,
  .reset = pl011_reset,
  .serial_input = pl011_serial_input,
  .serial_can_receive = pl011_serial_can_receive,
  .save = mdl_device_save_plain,
  .restore = mdl_device_restore_plain,
};
