/* The PL011 UART: registers and IDs, transmit, the receive FIFO with and
 * without FEN, trigger levels, interrupts, overrun, loopback. */
#include "hw-test.h"

#define BASE UINT64_C (0x9000000)

enum { DR = 0x000, RSR = 0x004, FR = 0x018, IBRD = 0x024, FBRD = 0x028,
       LCR_H = 0x02c, CR = 0x030, IFLS = 0x034, IMSC = 0x038, RIS = 0x03c,
       MIS = 0x040, ICR = 0x044 };

#define INT_RX 0x10
#define INT_TX 0x20
#define INT_RT 0x40
#define INT_OE 0x400

typedef struct {
  MdlMachine      *m;
  MdlAddressSpace *as;
  MdlDevice       *uart;
  GByteArray      *out;
} Fixture;

static void
collect_serial (MdlDevice *uart, const uint8_t *bytes, size_t len, void *data)
{
  Fixture *f = data;

  g_assert_true (uart == f->uart);
  g_byte_array_append (f->out, bytes, (guint) len);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->m = mdl_machine_new ();
  f->as = mdl_machine_add_address_space (f->m, "bus");
  f->out = g_byte_array_new ();
  mdl_machine_set_serial_out (f->m, collect_serial, f);
  f->uart = hw_test_device_new (f->m, "arm,pl011", "pl011@9000000", BASE, 0x1000);
  g_assert_true (hw_test_realize (f->uart, f->as, &error));
  g_assert_no_error (error);
  mdl_machine_reset (f->m);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  mdl_machine_free (f->m);
  g_byte_array_unref (f->out);
}

static uint32_t
rd (Fixture *f, unsigned reg)
{
  return (uint32_t) hw_test_read (f->as, BASE + reg, 4);
}

static void
wr (Fixture *f, unsigned reg, uint32_t value)
{
  hw_test_write (f->as, BASE + reg, 4, value);
}

static void
type (Fixture *f, const char *text)
{
  f->uart->cls->serial_input (f->uart, (const uint8_t *) text, strlen (text));
}

static bool
irq (Fixture *f)
{
  return hw_test_irq_level (f->uart, 0);
}

static void
test_reset_and_ids (Fixture *f, gconstpointer data)
{
  static const uint8_t ids[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

  g_assert_cmphex (rd (f, FR), ==, 0x97);     /* TXFE, RXFE, DCD, DSR, CTS */
  g_assert_cmphex (rd (f, CR), ==, 0x300);
  g_assert_cmphex (rd (f, IFLS), ==, 0x12);
  g_assert_cmphex (rd (f, IMSC), ==, 0);
  g_assert_cmphex (rd (f, RIS), ==, 0);
  g_assert_false (irq (f));
  for (unsigned i = 0; i < 8; i++)
    g_assert_cmphex (rd (f, 0xfe0 + 4 * i), ==, ids[i]);
  wr (f, IBRD, 0x12345);
  wr (f, FBRD, 0xff);
  wr (f, LCR_H, 0x70);
  g_assert_cmphex (rd (f, IBRD), ==, 0x2345);
  g_assert_cmphex (rd (f, FBRD), ==, 0x3f);
  g_assert_cmphex (rd (f, LCR_H), ==, 0x70);
  /* Byte accesses reach the registers too. */
  hw_test_write (f->as, BASE + DR, 1, 'b');
  g_assert_cmphex (hw_test_read (f->as, BASE + FR, 1), ==, 0x97);
  g_assert_cmpmem (f->out->data, f->out->len, "b", 1);
}

static void
test_transmit (Fixture *f, gconstpointer data)
{
  wr (f, CR, 0x301);
  wr (f, DR, 'h');
  wr (f, DR, 0x100 | 'i');                    /* only the low byte leaves */
  g_assert_cmpmem (f->out->data, f->out->len, "hi", 2);
  /* TX raised by the sent bytes, cleared by ICR; the output follows IMSC. */
  g_assert_cmphex (rd (f, RIS), ==, INT_TX);
  g_assert_false (irq (f));
  wr (f, IMSC, INT_TX);
  g_assert_true (irq (f));
  g_assert_cmphex (rd (f, MIS), ==, INT_TX);
  wr (f, ICR, INT_TX);
  g_assert_false (irq (f));
  g_assert_cmphex (rd (f, RIS), ==, 0);
  wr (f, DR, '!');
  g_assert_true (irq (f));
}

static void
test_receive_fifo (Fixture *f, gconstpointer data)
{
  /* Without FEN: one byte of holding register. */
  g_assert_cmpuint (f->uart->cls->serial_can_receive (f->uart), ==, 1);
  type (f, "ab");
  g_assert_cmphex (rd (f, FR) & 0x50, ==, 0x40);   /* RXFF, not RXFE */
  g_assert_cmphex (rd (f, RIS), ==, INT_RX | INT_OE);
  g_assert_cmphex (rd (f, DR), ==, 0x800 | 'a');   /* the lost b: OE */
  g_assert_cmphex (rd (f, RSR), ==, 0x8);
  wr (f, RSR, 0);
  g_assert_cmphex (rd (f, RSR), ==, 0);
  wr (f, ICR, INT_OE);
  g_assert_cmphex (rd (f, RIS), ==, 0);
  g_assert_cmphex (rd (f, FR) & 0x10, ==, 0x10);

  /* FEN: 32 bytes; RX at the trigger level (half: 16), RT below it. */
  wr (f, LCR_H, 0x70);
  g_assert_cmpuint (f->uart->cls->serial_can_receive (f->uart), ==, 32);
  wr (f, IMSC, INT_RX | INT_RT);
  type (f, "0123456789");
  g_assert_cmphex (rd (f, RIS), ==, INT_RT);
  g_assert_true (irq (f));
  type (f, "abcdef");
  g_assert_cmphex (rd (f, RIS), ==, INT_RX);
  /* ICR cannot clear what the FIFO still holds. */
  wr (f, ICR, INT_RX | INT_RT);
  g_assert_true (irq (f));
  g_assert_cmpuint (f->uart->cls->serial_can_receive (f->uart), ==, 16);
  for (const char *p = "0123456789abcdef"; *p; p++)
    g_assert_cmphex (rd (f, DR), ==, (uint8_t) *p);
  g_assert_false (irq (f));
  g_assert_cmphex (rd (f, RIS), ==, 0);
  g_assert_cmphex (rd (f, DR), ==, 0);

  /* Trigger level 1/8 (IFLS receive bits 0): 4 bytes. */
  wr (f, IFLS, 0);
  type (f, "xyz");
  g_assert_cmphex (rd (f, RIS), ==, INT_RT);
  type (f, "w");
  g_assert_cmphex (rd (f, RIS), ==, INT_RX);
  /* Turning the FIFOs off empties them. */
  wr (f, LCR_H, 0x60);
  g_assert_cmphex (rd (f, FR) & 0x10, ==, 0x10);
  g_assert_false (irq (f));
}

static void
test_overrun_with_fifo (Fixture *f, gconstpointer data)
{
  g_autofree char *many = g_strnfill (33, 'q');

  wr (f, LCR_H, 0x10);
  wr (f, IMSC, INT_OE);
  type (f, many);
  g_assert_true (irq (f));
  g_assert_cmphex (rd (f, FR) & 0x40, ==, 0x40);
  g_assert_cmpuint (f->uart->cls->serial_can_receive (f->uart), ==, 0);
  /* The FIFO keeps its 32 bytes; the next one read carries OE. */
  g_assert_cmphex (rd (f, DR), ==, 0x800 | 'q');
  for (unsigned i = 0; i < 31; i++)
    g_assert_cmphex (rd (f, DR), ==, 'q');
  g_assert_cmphex (rd (f, FR) & 0x10, ==, 0x10);
  wr (f, ICR, 0x7ff);
  g_assert_false (irq (f));
}

static void
test_loopback (Fixture *f, gconstpointer data)
{
  wr (f, LCR_H, 0x10);
  wr (f, CR, 0x381);
  wr (f, DR, 'L');
  g_assert_cmpuint (f->out->len, ==, 0);
  g_assert_cmpuint (f->uart->cls->serial_can_receive (f->uart), ==, 0);
  type (f, "ignored");
  g_assert_cmphex (rd (f, DR), ==, 'L');
  g_assert_cmphex (rd (f, FR) & 0x10, ==, 0x10);
}

static void
test_bad_window (void)
{
  g_autoptr (MdlMachine) m = mdl_machine_new ();
  g_autoptr (GError) error = NULL;
  MdlDevice *uart = hw_test_device_new (m, "arm,pl011", "pl011@0", 0, 0x100);

  g_assert_false (hw_test_realize (uart, NULL, &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "pl011@0"));
}

#define ADD(name, fn) \
  g_test_add (name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/pl011/reset-and-ids", test_reset_and_ids);
  ADD ("/pl011/transmit", test_transmit);
  ADD ("/pl011/receive-fifo", test_receive_fifo);
  ADD ("/pl011/overrun-with-fifo", test_overrun_with_fifo);
  ADD ("/pl011/loopback", test_loopback);
  g_test_add_func ("/pl011/bad-window", test_bad_window);
  return g_test_run ();
}
