/* The CMSDK APB UART: registers, enables, buffers, overruns, interrupts. */
#include "hw-test.h"

#define BASE UINT64_C (0x40004000)

enum { DATA = 0x00, STATE = 0x04, CTRL = 0x08, INTSTATUS = 0x0c,
       INTCLEAR = 0x0c, BAUDDIV = 0x10 };

enum { TX_EN = 0x01, RX_EN = 0x02, TX_INTEN = 0x04, RX_INTEN = 0x08,
       TXO_INTEN = 0x10, RXO_INTEN = 0x20, HSTEST = 0x40 };

/* Output numbers, as documented in hw/cmsdk-uart.c. */
enum { OUT_TX, OUT_RX, OUT_OVERRUN, OUT_COMBINED };

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
  f->uart = hw_test_device_new (f->m, "arm,cmsdk-uart", "uart@40004000", BASE, 0x1000);
  g_assert_true (hw_test_realize (f->uart, f->as, &error));
  g_assert_no_error (error);
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
input (Fixture *f, const char *text)
{
  f->uart->cls->serial_input (f->uart, (const uint8_t *) text, strlen (text));
}

static size_t
can_receive (Fixture *f)
{
  return f->uart->cls->serial_can_receive (f->uart);
}

static bool
irq (Fixture *f, unsigned out)
{
  return hw_test_irq_level (f->uart, out);
}

static void
test_reset_state (Fixture *f, gconstpointer data)
{
  g_assert_cmphex (rd (f, STATE), ==, 0);
  g_assert_cmphex (rd (f, CTRL), ==, 0);
  g_assert_cmphex (rd (f, INTSTATUS), ==, 0);
  g_assert_cmphex (rd (f, BAUDDIV), ==, 0);
  for (unsigned i = 0; i < 4; i++)
    g_assert_false (irq (f, i));
}

static void
test_id_registers (Fixture *f, gconstpointer data)
{
  static const uint32_t expected[12] = {
    0x04, 0x00, 0x00, 0x00, 0x21, 0xb8, 0x1b, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
  };

  for (unsigned i = 0; i < 12; i++)
    g_assert_cmphex (rd (f, 0xfd0 + 4 * i), ==, expected[i]);
  /* Read-only, and reserved offsets read as zero without a bus error. */
  wr (f, 0xfe0, 0x55);
  g_assert_cmphex (rd (f, 0xfe0), ==, 0x21);
  g_assert_cmphex (rd (f, 0x014), ==, 0);
  g_assert_cmphex (rd (f, 0x800), ==, 0);
}

static void
test_transmit (Fixture *f, gconstpointer data)
{
  wr (f, CTRL, TX_EN);
  wr (f, DATA, 'h');
  wr (f, DATA, 0x169);   /* only the low byte goes out */
  g_assert_cmpmem (f->out->data, f->out->len, "hi", 2);
  /* Sent at once: never full, never overrun. */
  g_assert_cmphex (rd (f, STATE), ==, 0);
  /* No interrupt without TX_INTEN. */
  g_assert_cmphex (rd (f, INTSTATUS), ==, 0);
  g_assert_false (irq (f, OUT_TX));
}

static void
test_tx_disabled (Fixture *f, gconstpointer data)
{
  /* The byte waits in the buffer... */
  wr (f, DATA, 'a');
  g_assert_cmpuint (f->out->len, ==, 0);
  g_assert_cmphex (rd (f, STATE), ==, 0x01);
  /* ...a second one overruns and is lost... */
  wr (f, DATA, 'b');
  g_assert_cmphex (rd (f, STATE), ==, 0x05);
  g_assert_false (irq (f, OUT_OVERRUN));        /* TXO_INTEN is off */
  /* ...and the first leaves once TX is enabled. */
  wr (f, CTRL, TX_EN | TX_INTEN);
  g_assert_cmpmem (f->out->data, f->out->len, "a", 1);
  g_assert_cmphex (rd (f, STATE), ==, 0x04);
  g_assert_true (irq (f, OUT_TX));
  wr (f, STATE, 0x04);                          /* W1C */
  g_assert_cmphex (rd (f, STATE), ==, 0x00);
}

static void
test_tx_interrupt (Fixture *f, gconstpointer data)
{
  /* Enabling the interrupt with an empty buffer is no event. */
  wr (f, CTRL, TX_EN | TX_INTEN);
  g_assert_false (irq (f, OUT_TX));
  wr (f, DATA, 'x');
  g_assert_cmphex (rd (f, INTSTATUS), ==, 0x01);
  g_assert_true (irq (f, OUT_TX));
  g_assert_true (irq (f, OUT_COMBINED));
  g_assert_false (irq (f, OUT_RX));
  /* Sticky until INTCLEAR; another byte is no second edge. */
  wr (f, DATA, 'y');
  g_assert_cmpuint (hw_test_irq_rises (f->uart, OUT_TX), ==, 1);
  wr (f, INTCLEAR, 0x01);
  g_assert_false (irq (f, OUT_TX));
  g_assert_false (irq (f, OUT_COMBINED));
  wr (f, DATA, 'z');
  g_assert_cmpuint (hw_test_irq_rises (f->uart, OUT_TX), ==, 2);
  /* Disabling the enable does not clear a pending event. */
  wr (f, CTRL, TX_EN);
  g_assert_true (irq (f, OUT_TX));
  wr (f, INTCLEAR, 0x0f);
  g_assert_false (irq (f, OUT_TX));
  g_assert_cmpmem (f->out->data, f->out->len, "xyz", 3);
}

static void
test_receive (Fixture *f, gconstpointer data)
{
  /* The receiver is off at reset: hosts hold their input back. */
  g_assert_cmpuint (can_receive (f), ==, 0);
  input (f, "q");
  g_assert_cmphex (rd (f, STATE), ==, 0x00);

  wr (f, CTRL, RX_EN);
  g_assert_cmpuint (can_receive (f), ==, 1);
  input (f, "a");
  g_assert_cmpuint (can_receive (f), ==, 0);
  g_assert_cmphex (rd (f, STATE), ==, 0x02);
  g_assert_cmphex (rd (f, DATA), ==, 'a');
  g_assert_cmphex (rd (f, STATE), ==, 0x00);
  g_assert_cmpuint (can_receive (f), ==, 1);
  g_assert_false (irq (f, OUT_RX));
}

static void
test_rx_interrupt (Fixture *f, gconstpointer data)
{
  wr (f, CTRL, RX_EN | RX_INTEN);
  input (f, "k");
  g_assert_true (irq (f, OUT_RX));
  g_assert_true (irq (f, OUT_COMBINED));
  g_assert_false (irq (f, OUT_TX));
  g_assert_cmphex (rd (f, INTSTATUS), ==, 0x02);
  /* Reading DATA empties the buffer but the event stays until cleared. */
  g_assert_cmphex (rd (f, DATA), ==, 'k');
  g_assert_true (irq (f, OUT_RX));
  wr (f, INTCLEAR, 0x02);
  g_assert_false (irq (f, OUT_RX));
  g_assert_cmphex (rd (f, INTSTATUS), ==, 0x00);
}

static void
test_rx_overrun (Fixture *f, gconstpointer data)
{
  wr (f, CTRL, RX_EN | RXO_INTEN);
  /* Beyond what can_receive allowed: the new byte replaces the old. */
  input (f, "ab");
  g_assert_cmphex (rd (f, STATE), ==, 0x0a);
  g_assert_true (irq (f, OUT_OVERRUN));
  g_assert_true (irq (f, OUT_COMBINED));
  g_assert_cmphex (rd (f, INTSTATUS), ==, 0x08);
  g_assert_cmphex (rd (f, DATA), ==, 'b');
  /* The overrun interrupt follows its enable... */
  wr (f, CTRL, RX_EN);
  g_assert_false (irq (f, OUT_OVERRUN));
  g_assert_cmphex (rd (f, INTSTATUS), ==, 0x00);
  g_assert_cmphex (rd (f, STATE), ==, 0x08);
  wr (f, CTRL, RX_EN | RXO_INTEN);
  g_assert_true (irq (f, OUT_OVERRUN));
  /* ...and INTCLEAR clears the STATE bit behind it. */
  wr (f, INTCLEAR, 0x08);
  g_assert_cmphex (rd (f, STATE), ==, 0x00);
  g_assert_false (irq (f, OUT_OVERRUN));
  g_assert_false (irq (f, OUT_COMBINED));
}

static void
test_tx_overrun_interrupt (Fixture *f, gconstpointer data)
{
  wr (f, CTRL, TXO_INTEN);
  wr (f, DATA, '1');
  wr (f, DATA, '2');
  g_assert_true (irq (f, OUT_OVERRUN));
  g_assert_cmphex (rd (f, INTSTATUS), ==, 0x04);
  wr (f, STATE, 0x04);
  g_assert_false (irq (f, OUT_OVERRUN));
}

static void
test_registers (Fixture *f, gconstpointer data)
{
  wr (f, CTRL, 0xffffffff);
  g_assert_cmphex (rd (f, CTRL), ==, 0x7f);
  wr (f, CTRL, HSTEST);
  g_assert_cmphex (rd (f, CTRL), ==, HSTEST);
  wr (f, BAUDDIV, 0xffffffff);
  g_assert_cmphex (rd (f, BAUDDIV), ==, 0xfffff);
  wr (f, BAUDDIV, 217);   /* 25 MHz / 115200 */
  g_assert_cmphex (rd (f, BAUDDIV), ==, 217);
  /* STATE's full bits are read-only. */
  wr (f, STATE, 0x03);
  g_assert_cmphex (rd (f, STATE), ==, 0x00);
}

static void
test_narrow_access (Fixture *f, gconstpointer data)
{
  uint64_t v;

  hw_test_write (f->as, BASE + CTRL, 1, TX_EN);
  hw_test_write (f->as, BASE + DATA, 1, 'n');
  g_assert_cmpmem (f->out->data, f->out->len, "n", 1);
  wr (f, BAUDDIV, 0x12345);
  g_assert_cmphex (hw_test_read (f->as, BASE + BAUDDIV, 1), ==, 0x45);
  g_assert_cmphex (hw_test_read (f->as, BASE + BAUDDIV + 1, 1), ==, 0x23);
  g_assert_cmphex (hw_test_read (f->as, BASE + BAUDDIV + 2, 2), ==, 0x01);
  g_assert_cmphex (hw_test_read (f->as, BASE + 0xfe4, 1), ==, 0xb8);
  /* 64-bit accesses do not exist on APB. */
  g_assert_cmpint (mdl_address_space_read (f->as, BASE, 8, &v), !=, MDL_MEM_OK);
}

static void
test_machine_reset (Fixture *f, gconstpointer data)
{
  wr (f, CTRL, RX_EN | RX_INTEN | TX_EN);
  wr (f, BAUDDIV, 16);
  input (f, "r");
  g_assert_true (irq (f, OUT_RX));
  mdl_machine_reset (f->m);
  g_assert_false (irq (f, OUT_RX));
  g_assert_false (irq (f, OUT_COMBINED));
  g_assert_cmphex (rd (f, CTRL), ==, 0);
  g_assert_cmphex (rd (f, STATE), ==, 0);
  g_assert_cmphex (rd (f, BAUDDIV), ==, 0);
  g_assert_cmphex (rd (f, INTSTATUS), ==, 0);
}

static void
check_refused (const char *prop, uint64_t value, uint64_t size, const char *message_part)
{
  g_autoptr (MdlMachine) m = mdl_machine_new ();
  g_autoptr (GError) error = NULL;
  MdlDevice *uart = hw_test_device_new (m, "arm,cmsdk-uart", "uart@0", 0, size);

  if (prop != NULL)
    mdl_device_set_prop_u64 (uart, prop, value);
  g_assert_false (hw_test_realize (uart, NULL, &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "uart@0"));
  g_assert_nonnull (strstr (error->message, message_part));
}

static void
test_bad_properties (void)
{
  check_refused ("clock-frequency", 0, 0x1000, "clock-frequency");
  check_refused (NULL, 0, 0x100, "register window");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/hw/cmsdk-uart/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("reset-state", test_reset_state);
  ADD ("id-registers", test_id_registers);
  ADD ("transmit", test_transmit);
  ADD ("tx-disabled", test_tx_disabled);
  ADD ("tx-interrupt", test_tx_interrupt);
  ADD ("receive", test_receive);
  ADD ("rx-interrupt", test_rx_interrupt);
  ADD ("rx-overrun", test_rx_overrun);
  ADD ("tx-overrun-interrupt", test_tx_overrun_interrupt);
  ADD ("registers", test_registers);
  ADD ("narrow-access", test_narrow_access);
  ADD ("machine-reset", test_machine_reset);
#undef ADD
  g_test_add_func ("/hw/cmsdk-uart/bad-properties", test_bad_properties);

  return g_test_run ();
}
