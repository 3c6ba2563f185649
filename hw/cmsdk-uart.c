/* Arm CMSDK APB UART ("arm,cmsdk-uart"), as on the MPS2 boards.
 *
 * The Cortex-M System Design Kit's simple UART: one transmit and one
 * receive holding register (no FIFOs), always 8N1, a 20-bit baud divider.
 * Registers (Arm DDI 0479, "APB UART"), all 32-bit words:
 *
 *   0x000 DATA       read: received byte (clears STATE.RXFULL);
 *                    write: byte to send
 *   0x004 STATE      bit 0 TX buffer full, bit 1 RX buffer full,
 *                    bit 2 TX overrun, bit 3 RX overrun (write 1 to clear)
 *   0x008 CTRL       bit 0 TX enable, 1 RX enable, 2 TX interrupt enable,
 *                    3 RX interrupt enable, 4 TX overrun interrupt enable,
 *                    5 RX overrun interrupt enable, 6 high-speed test mode
 *   0x00c INTSTATUS  read: bit 0 TX, 1 RX, 2 TX overrun, 3 RX overrun;
 *         INTCLEAR   write 1 to clear (clearing an overrun bit also clears
 *                    it in STATE)
 *   0x010 BAUDDIV    bits 19:0
 *   0xfd0-0xffc      peripheral and component ID registers (read-only)
 *
 * Timing is absent, as in the other UART models, so that runs are
 * deterministic and cheap: with the transmitter enabled a byte written to
 * DATA leaves at once through mdl_machine_serial_out, so STATE.TXFULL is
 * never seen set and each write completes a transmission (raising the TX
 * interrupt when enabled).  With the transmitter disabled the byte waits
 * in the buffer (TXFULL set) and leaves when TX is enabled; a second write
 * meanwhile is an overrun and is lost.  BAUDDIV is stored but slows
 * nothing down.
 *
 * The receive side holds one byte.  serial_can_receive says 1 only while
 * the receiver is enabled and the buffer empty, so a host that honours it
 * never overruns; bytes pushed beyond that replace the unread one and set
 * the RX overrun bit, as on the chip.  With the receiver disabled input is
 * dropped.
 *
 * Interrupts.  The TX and RX status bits are events: set when a byte has
 * been sent (TX buffer emptied) or received while the matching enable is
 * on, and cleared only through INTCLEAR; reading DATA does not clear the
 * RX one.  The overrun bits are the STATE overrun bits gated by their
 * enables.  QEMU's model behaves the same way.
 *
 * Outputs, in interrupts-extended order:
 *   0  TXINT    (the MPS2 AN385 wires UARTn's to external IRQ 2n + 1)
 *   1  RXINT    (external IRQ 2n)
 *   2  overrun: TX overrun OR RX overrun.  The kit has the two as separate
 *      signals, but the AN385 ORs them (and those of UARTs 0 to 2) into
 *      one line, IRQ 12.  Medley's lines are point to point with no OR
 *      gate, so this model does the per-UART OR itself and a board wires
 *      one output to IRQ 12 (for several UARTs, that of one of them).
 *   3  UARTINT: any of the four, the kit's combined output.
 */
#define G_LOG_DOMAIN "medley-hw"

#include <string.h>

#include "engine/device.h"
#include "engine/error.h"
#include "engine/snapshot.h"

#define REG_DATA      0x000
#define REG_STATE     0x004
#define REG_CTRL      0x008
#define REG_INTSTATUS 0x00c   /* INTCLEAR when written */
#define REG_BAUDDIV   0x010
#define REG_PID4      0xfd0
#define REG_CID3      0xffc

/* The ID registers must be reachable, so the window is at least this. */
#define WINDOW_SIZE 0x1000

#define STATE_TXFULL 0x01u
#define STATE_RXFULL 0x02u
#define STATE_TXOVR  0x04u
#define STATE_RXOVR  0x08u

#define CTRL_TX_EN     0x01u
#define CTRL_RX_EN     0x02u
#define CTRL_TX_INTEN  0x04u
#define CTRL_RX_INTEN  0x08u
#define CTRL_TXO_INTEN 0x10u
#define CTRL_RXO_INTEN 0x20u
#define CTRL_MASK      0x7fu  /* bit 6 is the high-speed test mode */

#define INT_TX  0x01u
#define INT_RX  0x02u
#define INT_TXO 0x04u
#define INT_RXO 0x08u

#define BAUDDIV_MASK 0xfffffu

enum { OUT_TX, OUT_RX, OUT_OVERRUN, OUT_COMBINED, N_OUT };

/* PID4..PID7, PID0..PID3, CID0..CID3, in address order: the kit's UART
 * (part 0x821, designer Arm, revision 1) as the TRM lists them. */
static const uint8_t id_regs[12] = {
  0x04, 0x00, 0x00, 0x00,
  0x21, 0xb8, 0x1b, 0x00,
  0x0d, 0xf0, 0x05, 0xb1,
};

typedef struct {
  uint32_t state;
  uint32_t ctrl;
  uint32_t intstatus;   /* TX and RX event bits only; overruns are derived */
  uint32_t bauddiv;
  uint8_t  txbuf;
  uint8_t  rxbuf;
} Uart;

static uint32_t
uart_intstatus (const Uart *u)
{
  /* STATE bits 3:2 line up with INTSTATUS bits 3:2, CTRL bits 5:4 too
   * once shifted down by two. */
  uint32_t overruns = u->state & (u->ctrl >> 2) & (INT_TXO | INT_RXO);
  return u->intstatus | overruns;
}

static void
uart_update_irq (MdlDevice *dev)
{
  uint32_t s = uart_intstatus (dev->state);

  mdl_device_irq_set (dev, OUT_TX, s & INT_TX);
  mdl_device_irq_set (dev, OUT_RX, s & INT_RX);
  mdl_device_irq_set (dev, OUT_OVERRUN, s & (INT_TXO | INT_RXO));
  mdl_device_irq_set (dev, OUT_COMBINED, s != 0);
}

/* Sends the byte in the TX buffer if the transmitter may. */
static void
uart_try_transmit (MdlDevice *dev)
{
  Uart *u = dev->state;

  if (!(u->state & STATE_TXFULL) || !(u->ctrl & CTRL_TX_EN))
    return;
  mdl_machine_serial_out (dev->machine, dev, &u->txbuf, 1);
  u->state &= ~STATE_TXFULL;
  /* The buffer going from full to empty is the TX interrupt event. */
  if (u->ctrl & CTRL_TX_INTEN)
    u->intstatus |= INT_TX;
}

static uint32_t
uart_reg_read (MdlDevice *dev, uint64_t reg)
{
  Uart *u = dev->state;

  switch (reg) {
  case REG_DATA:
    u->state &= ~STATE_RXFULL;
    return u->rxbuf;
  case REG_STATE:
    return u->state;
  case REG_CTRL:
    return u->ctrl;
  case REG_INTSTATUS:
    return uart_intstatus (u);
  case REG_BAUDDIV:
    return u->bauddiv;
  default:
    if (reg >= REG_PID4 && reg <= REG_CID3)
      return id_regs[(reg - REG_PID4) / 4];
    return 0;   /* reserved: read as zero, no bus error (as QEMU) */
  }
}

static void
uart_reg_write (MdlDevice *dev, uint64_t reg, uint32_t value)
{
  Uart *u = dev->state;

  switch (reg) {
  case REG_DATA:
    if (u->state & STATE_TXFULL) {
      u->state |= STATE_TXOVR;   /* the waiting byte stays, this one is lost */
      break;
    }
    u->txbuf = (uint8_t) value;
    u->state |= STATE_TXFULL;
    uart_try_transmit (dev);
    break;
  case REG_STATE:
    /* The full bits are read-only; the overrun bits are write-1-to-clear. */
    u->state &= ~(value & (STATE_TXOVR | STATE_RXOVR));
    break;
  case REG_CTRL:
    u->ctrl = value & CTRL_MASK;
    /* A byte written while TX was disabled goes out once it is enabled. */
    uart_try_transmit (dev);
    break;
  case REG_INTSTATUS:
    u->intstatus &= ~(value & (INT_TX | INT_RX));
    u->state &= ~(value & (INT_TXO | INT_RXO));
    break;
  case REG_BAUDDIV:
    u->bauddiv = value & BAUDDIV_MASK;
    break;
  default:
    break;   /* ID and reserved registers ignore writes */
  }
}

/* The registers are words; narrower accesses see the byte lanes of the
 * word they fall in, wider ones are refused by the ops table. */
static uint64_t
uart_read (void *opaque, uint64_t offset, unsigned size)
{
  MdlDevice *dev = opaque;
  unsigned shift = 8 * (offset & 3);
  uint32_t value = uart_reg_read (dev, offset & ~UINT64_C (3));

  uart_update_irq (dev);
  return (value >> shift) & (size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1);
}

static void
uart_write (void *opaque, uint64_t offset, unsigned size, uint64_t value)
{
  MdlDevice *dev = opaque;
  unsigned shift = 8 * (offset & 3);

  uart_reg_write (dev, offset & ~UINT64_C (3), (uint32_t) value << shift);
  uart_update_irq (dev);
}

/* Reading DATA takes the received byte; every other register reads
 * without effect. */
static const char *
uart_read_effect (void *opaque, uint64_t offset, unsigned size)
{
  return (offset & ~UINT64_C (3)) == REG_DATA ? "reading DATA takes the received byte" : NULL;
}

static const MdlMmioOps uart_ops = {
  .read = uart_read,
  .read_effect = uart_read_effect,
  .write = uart_write,
  .min_size = 1,
  .max_size = 4,
};

static void
uart_serial_input (MdlDevice *dev, const uint8_t *bytes, size_t len)
{
  Uart *u = dev->state;

  if (!(u->ctrl & CTRL_RX_EN))
    return;   /* a disabled receiver does not see the line */
  for (size_t i = 0; i < len; i++) {
    if (u->state & STATE_RXFULL)
      u->state |= STATE_RXOVR;
    u->rxbuf = bytes[i];
    u->state |= STATE_RXFULL;
    if (u->ctrl & CTRL_RX_INTEN)
      u->intstatus |= INT_RX;
  }
  uart_update_irq (dev);
}

static size_t
uart_serial_can_receive (MdlDevice *dev)
{
  Uart *u = dev->state;

  /* Holding input back while RX is disabled keeps typed-ahead text for
   * the moment firmware enables the receiver, rather than dropping it. */
  return (u->ctrl & CTRL_RX_EN) && !(u->state & STATE_RXFULL) ? 1 : 0;
}

static void
uart_reset (MdlDevice *dev)
{
  memset (dev->state, 0, sizeof (Uart));
  uart_update_irq (dev);
}

static bool
uart_realize (MdlDevice *dev, GError **error)
{
  uint64_t size = mdl_device_reg_size (dev, 0, WINDOW_SIZE);

  if (mdl_device_prop_u64 (dev, "clock-frequency") == 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: clock-frequency must not be 0", dev->name);
    return false;
  }
  if (size < WINDOW_SIZE) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: register window of 0x%" G_GINT64_MODIFIER "x bytes is "
                 "smaller than the UART's 0x%x (its ID registers end at 0xfff)",
                 dev->name, size, WINDOW_SIZE);
    return false;
  }
  uart_reset (dev);
  dev->regions[0] = mdl_region_new_mmio (dev->name, size, &uart_ops, dev);
  return true;
}

static const MdlPropInfo uart_props[] = {
  /* Only checked and shown: BAUDDIV is stored, never timed. */
  { .name = "clock-frequency", .type = MDL_PROP_FREQ,
    .description = N_("APB clock (PCLK) the baud divider divides"),
    .default_u64 = 25000000 },
};

const MdlDeviceClass mdl_cmsdk_uart_class = {
  .name = "cmsdk-uart",
  .compatible = "arm,cmsdk-uart",
  .description = N_("Arm CMSDK APB UART (MPS2), one-byte buffers"),
  .group = MDL_GROUP_SERIAL,
  .props = uart_props,
  .n_props = G_N_ELEMENTS (uart_props),
  .n_regions = 1,
  .default_size = WINDOW_SIZE,
  .n_irq_out = N_OUT,
  .state_size = sizeof (Uart),
  .realize = uart_realize,
  .reset = uart_reset,
  .serial_input = uart_serial_input,
  .serial_can_receive = uart_serial_can_receive,
  .save = mdl_device_save_plain,
  .restore = mdl_device_restore_plain,
};
