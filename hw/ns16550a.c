/* NS16550A UART ("ns16550a"), as found on QEMU's virt machine.
 *
 * Eight byte-wide registers, spaced 1 << reg-shift bytes apart and
 * mirrored through the rest of the register window.  Accesses of 1 to 8
 * bytes are accepted, as QEMU's virt serial does: the register is chosen
 * by the offset, a write uses the low byte and a read returns one byte.
 *
 * Timing is deliberately absent so that a run is deterministic and cheap:
 * a byte written to THR leaves at once (through mdl_machine_serial_out),
 * so THR and the transmitter are always empty (LSR.THRE and LSR.TEMT stay
 * set), and the divisor latch and LCR are stored but never slow anything
 * down.  The receive side has the 16550's 16-byte FIFO; in FIFO mode the
 * receive trigger level is taken as 1 (RDA is pending whenever data is
 * waiting), so the character-timeout indication is never needed: drivers
 * handle RDA and timeout the same way.
 *
 * Interrupt output 0 is high while any enabled condition is pending,
 * identified in IIR by priority: receiver line status (overrun), received
 * data, THR empty, modem status.  MCR.OUT2 does not gate the output (on
 * PCs it gates the line to the PIC; on virt there is no such gate).
 */
#define G_LOG_DOMAIN "medley-hw"

#include <string.h>

#include "engine/device.h"
#include "engine/error.h"
#include "engine/snapshot.h"

#define RX_FIFO_SIZE 16

/* Register numbers (offset >> reg-shift). */
enum {
  REG_RBR_THR_DLL = 0,
  REG_IER_DLM     = 1,
  REG_IIR_FCR     = 2,
  REG_LCR         = 3,
  REG_MCR         = 4,
  REG_LSR         = 5,
  REG_MSR         = 6,
  REG_SCR         = 7,
};

#define IER_ERBFI 0x01  /* received data available */
#define IER_ETBEI 0x02  /* THR empty */
#define IER_ELSI  0x04  /* receiver line status */
#define IER_EDSSI 0x08  /* modem status */

#define IIR_NONE  0x01  /* bit 0 set: nothing pending */
#define IIR_MSI   0x00
#define IIR_THRI  0x02
#define IIR_RDI   0x04
#define IIR_RLSI  0x06
#define IIR_FIFO  0xc0  /* both bits set while FIFOs are enabled */

#define FCR_ENABLE   0x01
#define FCR_RX_RESET 0x02
#define FCR_TX_RESET 0x04

#define LCR_DLAB 0x80

#define MCR_DTR  0x01
#define MCR_RTS  0x02
#define MCR_OUT1 0x04
#define MCR_OUT2 0x08
#define MCR_LOOP 0x10

#define LSR_DR   0x01
#define LSR_OE   0x02
#define LSR_THRE 0x20
#define LSR_TEMT 0x40

#define MSR_DCTS 0x01
#define MSR_DDSR 0x02
#define MSR_TERI 0x04
#define MSR_DDCD 0x08
#define MSR_CTS  0x10
#define MSR_DSR  0x20
#define MSR_RI   0x40
#define MSR_DCD  0x80

/* Outside loopback the far end looks like a connected terminal. */
#define MSR_LINES_CONNECTED (MSR_DCD | MSR_DSR | MSR_CTS)

typedef struct {
  uint8_t  rx_fifo[RX_FIFO_SIZE];
  unsigned rx_head;       /* index of the oldest byte */
  unsigned rx_count;
  uint16_t divisor;
  uint8_t  ier;
  uint8_t  fcr;           /* FCR_ENABLE and the trigger bits; 0 = 16450 mode */
  uint8_t  lcr;
  uint8_t  mcr;
  uint8_t  lsr_errors;    /* sticky LSR bits, cleared by reading LSR */
  uint8_t  msr_delta;     /* MSR bits 3:0, cleared by reading MSR */
  uint8_t  scr;
  bool     thre_pending;  /* THRE interrupt source, see uart_iir_id */
  unsigned reg_shift;
} Uart;

static uint8_t
uart_msr_lines (const Uart *u)
{
  if (!(u->mcr & MCR_LOOP))
    return MSR_LINES_CONNECTED;
  /* Loopback wires the modem outputs back to the inputs. */
  return ((u->mcr & MCR_RTS) ? MSR_CTS : 0)
       | ((u->mcr & MCR_DTR) ? MSR_DSR : 0)
       | ((u->mcr & MCR_OUT1) ? MSR_RI : 0)
       | ((u->mcr & MCR_OUT2) ? MSR_DCD : 0);
}

/* The highest-priority enabled condition, as IIR bits 3:0. */
static uint8_t
uart_iir_id (const Uart *u)
{
  if ((u->ier & IER_ELSI) && u->lsr_errors != 0)
    return IIR_RLSI;
  if ((u->ier & IER_ERBFI) && u->rx_count > 0)
    return IIR_RDI;
  /* The THRE source is set when THR becomes empty (after a write, or when
   * ETBEI is enabled with THR empty) and cleared by reading IIR while it
   * is the one reported, so a driver that polls IIR is not re-interrupted
   * by an idle transmitter. */
  if ((u->ier & IER_ETBEI) && u->thre_pending)
    return IIR_THRI;
  if ((u->ier & IER_EDSSI) && u->msr_delta != 0)
    return IIR_MSI;
  return IIR_NONE;
}

static void
uart_update_irq (MdlDevice *dev)
{
  mdl_device_irq_set (dev, 0, uart_iir_id (dev->state) != IIR_NONE);
}

static void
uart_rx_clear (Uart *u)
{
  u->rx_head = 0;
  u->rx_count = 0;
}

static void
uart_rx_push (Uart *u, uint8_t byte)
{
  unsigned capacity = (u->fcr & FCR_ENABLE) ? RX_FIFO_SIZE : 1;

  if (u->rx_count == capacity) {
    u->lsr_errors |= LSR_OE;
    /* 16450 mode: the new character replaces the unread one; FIFO
     * mode: the FIFO keeps its contents and the new one is lost. */
    if (capacity == 1)
      u->rx_fifo[u->rx_head] = byte;
    return;
  }
  u->rx_fifo[(u->rx_head + u->rx_count) % RX_FIFO_SIZE] = byte;
  u->rx_count++;
}

static uint8_t
uart_rx_pop (Uart *u)
{
  if (u->rx_count == 0)
    return 0;
  uint8_t byte = u->rx_fifo[u->rx_head];
  u->rx_head = (u->rx_head + 1) % RX_FIFO_SIZE;
  u->rx_count--;
  return byte;
}

static void
uart_write_mcr (Uart *u, uint8_t value)
{
  uint8_t before = uart_msr_lines (u);
  u->mcr = value & 0x1f;
  uint8_t after = uart_msr_lines (u);
  uint8_t changed = before ^ after;

  if (changed & MSR_CTS)
    u->msr_delta |= MSR_DCTS;
  if (changed & MSR_DSR)
    u->msr_delta |= MSR_DDSR;
  if ((before & MSR_RI) && !(after & MSR_RI))
    u->msr_delta |= MSR_TERI;   /* trailing edge only */
  if (changed & MSR_DCD)
    u->msr_delta |= MSR_DDCD;
}

static void
uart_write_fcr (Uart *u, uint8_t value)
{
  /* Switching FIFO mode on or off empties the FIFOs. */
  if ((value ^ u->fcr) & FCR_ENABLE)
    uart_rx_clear (u);

  /* The other bits are only taken while bit 0 is written as 1. */
  if (!(value & FCR_ENABLE)) {
    u->fcr = 0;
    return;
  }
  if (value & FCR_RX_RESET)
    uart_rx_clear (u);
  if (value & FCR_TX_RESET)
    u->thre_pending = true;   /* THR is (still) empty */
  u->fcr = value & 0xc9;
}

static uint64_t
uart_read (void *opaque, uint64_t offset, unsigned size)
{
  MdlDevice *dev = opaque;
  Uart *u = dev->state;
  uint8_t value = 0;

  switch ((offset >> u->reg_shift) & 7) {
  case REG_RBR_THR_DLL:
    value = (u->lcr & LCR_DLAB) ? (u->divisor & 0xff) : uart_rx_pop (u);
    break;
  case REG_IER_DLM:
    value = (u->lcr & LCR_DLAB) ? (u->divisor >> 8) : u->ier;
    break;
  case REG_IIR_FCR: {
    uint8_t id = uart_iir_id (u);
    if (id == IIR_THRI)
      u->thre_pending = false;
    value = id | ((u->fcr & FCR_ENABLE) ? IIR_FIFO : 0);
    break;
  }
  case REG_LCR:
    value = u->lcr;
    break;
  case REG_MCR:
    value = u->mcr;
    break;
  case REG_LSR:
    value = (u->rx_count > 0 ? LSR_DR : 0) | u->lsr_errors
            | LSR_THRE | LSR_TEMT;
    u->lsr_errors = 0;
    break;
  case REG_MSR:
    value = uart_msr_lines (u) | u->msr_delta;
    u->msr_delta = 0;
    break;
  case REG_SCR:
    value = u->scr;
    break;
  }

  uart_update_irq (dev);
  return value;
}

static void
uart_write (void *opaque, uint64_t offset, unsigned size, uint64_t value64)
{
  MdlDevice *dev = opaque;
  Uart *u = dev->state;
  uint8_t value = value64 & 0xff;

  switch ((offset >> u->reg_shift) & 7) {
  case REG_RBR_THR_DLL:
    if (u->lcr & LCR_DLAB) {
      u->divisor = (u->divisor & 0xff00) | value;
      break;
    }
    if (u->mcr & MCR_LOOP)
      uart_rx_push (u, value);
    else
      mdl_machine_serial_out (dev->machine, dev, &value, 1);
    /* Sent at once: THR is empty again. */
    u->thre_pending = true;
    break;
  case REG_IER_DLM:
    if (u->lcr & LCR_DLAB) {
      u->divisor = (u->divisor & 0x00ff) | (value << 8);
      break;
    }
    /* Enabling ETBEI with THR empty raises THRE, as on the chip; this
     * is how drivers start an interrupt-driven transmission. */
    if ((value & IER_ETBEI) && !(u->ier & IER_ETBEI))
      u->thre_pending = true;
    u->ier = value & 0x0f;
    break;
  case REG_IIR_FCR:
    uart_write_fcr (u, value);
    break;
  case REG_LCR:
    u->lcr = value;
    break;
  case REG_MCR:
    uart_write_mcr (u, value);
    break;
  case REG_LSR:
  case REG_MSR:
    /* Factory-test writes on the chip; nothing a driver relies on. */
    break;
  case REG_SCR:
    u->scr = value;
    break;
  }

  uart_update_irq (dev);
}

static const MdlMmioOps uart_ops = {
  .read = uart_read,
  .write = uart_write,
  .min_size = 1,
  .max_size = 8,
};

static void
uart_serial_input (MdlDevice *dev, const uint8_t *bytes, size_t len)
{
  Uart *u = dev->state;

  /* In loopback the receiver is cut off from the serial input pin. */
  if (u->mcr & MCR_LOOP)
    return;
  for (size_t i = 0; i < len; i++)
    uart_rx_push (u, bytes[i]);
  uart_update_irq (dev);
}

static size_t
uart_serial_can_receive (MdlDevice *dev)
{
  Uart *u = dev->state;
  unsigned capacity = (u->fcr & FCR_ENABLE) ? RX_FIFO_SIZE : 1;

  if (u->mcr & MCR_LOOP)
    return 0;
  return capacity - MIN (u->rx_count, capacity);
}

static uint16_t
uart_reset_divisor (MdlDevice *dev)
{
  uint64_t clock = mdl_device_prop_u64 (dev, "clock-frequency");
  uint64_t speed = mdl_device_prop_u64 (dev, "current-speed");

  /* What firmware that skips the divisor set-up would find: the rate the
   * board says the console runs at. */
  if (speed == 0 || clock == 0)
    return 0;
  return (uint16_t) MIN (clock / (16 * speed), 0xffff);
}

static void
uart_reset (MdlDevice *dev)
{
  Uart *u = dev->state;
  unsigned shift = u->reg_shift;

  memset (u, 0, sizeof *u);
  u->reg_shift = shift;
  u->divisor = uart_reset_divisor (dev);
  uart_update_irq (dev);
}

static bool
uart_realize (MdlDevice *dev, GError **error)
{
  Uart *u = dev->state;
  uint64_t clock = mdl_device_prop_u64 (dev, "clock-frequency");
  uint64_t speed = mdl_device_prop_u64 (dev, "current-speed");
  uint64_t shift = mdl_device_prop_u64 (dev, "reg-shift");

  if (clock == 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: clock-frequency must not be 0", dev->name);
    return false;
  }
  if (speed != 0 && clock / 16 / speed == 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: current-speed %" G_GUINT64_FORMAT " is above what a "
                 "%" G_GUINT64_FORMAT " Hz clock allows (%" G_GUINT64_FORMAT ")",
                 dev->name, speed, clock, clock / 16);
    return false;
  }
  if (shift > 3) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: reg-shift %" G_GUINT64_FORMAT " is out of range (0 to 3)",
                 dev->name, shift);
    return false;
  }

  uint64_t size = mdl_device_reg_size (dev, 0, UINT64_C (8) << shift);
  if (size < (UINT64_C (8) << shift)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: register window of 0x%" G_GINT64_MODIFIER "x bytes "
                 "cannot hold 8 registers with reg-shift %" G_GUINT64_FORMAT,
                 dev->name, size, shift);
    return false;
  }

  u->reg_shift = (unsigned) shift;
  uart_reset (dev);
  dev->regions[0] = mdl_region_new_mmio (dev->name, size, &uart_ops, dev);
  return true;
}

static const MdlPropInfo uart_props[] = {
  { .name = "clock-frequency", .type = MDL_PROP_FREQ,
    .description = N_("Input clock of the baud-rate generator"),
    .default_u64 = 3686400 },
  { .name = "current-speed", .type = MDL_PROP_U32,
    .description = N_("Baud rate the console is set to at reset (0: unset)") },
  { .name = "reg-shift", .type = MDL_PROP_U32,
    .description = N_("Registers are 1 << reg-shift bytes apart") },
};

const MdlDeviceClass mdl_ns16550a_class = {
  .name = "ns16550a",
  .compatible = "ns16550a",
  .description = N_("16550A UART with a 16-byte receive FIFO"),
  .group = MDL_GROUP_SERIAL,
  .props = uart_props,
  .n_props = G_N_ELEMENTS (uart_props),
  .n_regions = 1,
  .default_size = 0x100,
  .n_irq_out = 1,
  .state_size = sizeof (Uart),
  .realize = uart_realize,
  .reset = uart_reset,
  .serial_input = uart_serial_input,
  .serial_can_receive = uart_serial_can_receive,
  .save = mdl_device_save_plain,
  .restore = mdl_device_restore_plain,
};
