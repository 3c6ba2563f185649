/* The 16550A UART: registers, FIFO, interrupts, loopback. */
#include "hw-test.h"

#define BASE UINT64_C (0x10000000)

enum { RBR = 0, THR = 0, DLL = 0, IER = 1, DLM = 1, IIR = 2, FCR = 2,
       LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7 };

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
fixture_set_up (Fixture *f, gconstpointer shift)
{
  g_autoptr (GError) error = NULL;

  f->m = mdl_machine_new ();
  f->as = mdl_machine_add_address_space (f->m, "bus");
  f->out = g_byte_array_new ();
  mdl_machine_set_serial_out (f->m, collect_serial, f);
  f->uart = hw_test_device_new (f->m, "ns16550a", "uart@10000000", BASE, 0x100);
  if (shift != NULL)
    mdl_device_set_prop_u64 (f->uart, "reg-shift", GPOINTER_TO_UINT (shift));
  g_assert_true (hw_test_realize (f->uart, f->as, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  mdl_machine_free (f->m);
  g_byte_array_unref (f->out);
}

static uint8_t
rd (Fixture *f, unsigned reg)
{
  return (uint8_t) hw_test_read (f->as, BASE + reg, 1);
}

static void
wr (Fixture *f, unsigned reg, uint8_t value)
{
  hw_test_write (f->as, BASE + reg, 1, value);
}

static void
input (Fixture *f, const char *text)
{
  f->uart->cls->serial_input (f->uart, (const uint8_t *) text, strlen (text));
}

static bool
irq (Fixture *f)
{
  return hw_test_irq_level (f->uart, 0);
}

static void
test_reset_state (Fixture *f, gconstpointer data)
{
  g_assert_cmphex (rd (f, IER), ==, 0x00);
  g_assert_cmphex (rd (f, IIR), ==, 0x01);
  g_assert_cmphex (rd (f, LCR), ==, 0x00);
  g_assert_cmphex (rd (f, MCR), ==, 0x00);
  g_assert_cmphex (rd (f, LSR), ==, 0x60);
  g_assert_cmphex (rd (f, MSR), ==, 0xb0);
  g_assert_false (irq (f));
}

static void
test_transmit (Fixture *f, gconstpointer data)
{
  wr (f, THR, 'h');
  wr (f, THR, 'i');
  g_assert_cmpuint (f->out->len, ==, 2);
  g_assert_cmpmem (f->out->data, 2, "hi", 2);
  /* Transmission is instant: THR and the shifter are empty again. */
  g_assert_cmphex (rd (f, LSR), ==, 0x60);
  /* No interrupt without IER. */
  g_assert_false (irq (f));
}

static void
test_access_sizes (Fixture *f, gconstpointer data)
{
  uint64_t v;

  /* Wider accesses address one register and use its low byte. */
  hw_test_write (f->as, BASE + THR, 4, 0x12345641);
  hw_test_write (f->as, BASE + THR, 8, 0x4200);
  hw_test_write (f->as, BASE + THR, 2, 0x0143);
  g_assert_cmpmem (f->out->data, f->out->len, "A\0C", 3);
  hw_test_write (f->as, BASE + SCR, 1, 0x5a);
  g_assert_cmphex (hw_test_read (f->as, BASE + SCR, 1), ==, 0x5a);
  g_assert_cmphex (hw_test_read (f->as, BASE + LSR, 1), ==, 0x60);
  g_assert_cmphex (hw_test_read (f->as, BASE + 0, 4), ==, 0x00);
  g_assert_cmphex (hw_test_read (f->as, BASE + 0, 8), ==, 0x00);
  /* The 8 registers repeat through the window. */
  g_assert_cmphex (hw_test_read (f->as, BASE + 0xf8 + SCR - 0, 1), ==, 0x5a);
  /* Unaligned wide accesses are refused, as on QEMU. */
  g_assert_cmpint (mdl_address_space_read (f->as, BASE + 1, 4, &v), !=, MDL_MEM_OK);
}

static void
test_divisor_latch (Fixture *f, gconstpointer data)
{
  wr (f, IER, 0x00);
  wr (f, LCR, 0x83);
  wr (f, DLL, 0x01);
  wr (f, DLM, 0x02);
  g_assert_cmphex (rd (f, DLL), ==, 0x01);
  g_assert_cmphex (rd (f, DLM), ==, 0x02);
  g_assert_cmpuint (f->out->len, ==, 0);      /* DLL is not THR */
  g_assert_false (irq (f));                   /* DLM is not IER */
  wr (f, LCR, 0x03);
  g_assert_cmphex (rd (f, LCR), ==, 0x03);
  g_assert_cmphex (rd (f, IER), ==, 0x00);
  wr (f, THR, 'x');
  g_assert_cmpuint (f->out->len, ==, 1);
  wr (f, LCR, 0x83);
  g_assert_cmphex (rd (f, DLL), ==, 0x01);
  g_assert_cmphex (rd (f, DLM), ==, 0x02);
}

static void
test_receive (Fixture *f, gconstpointer data)
{
  wr (f, FCR, 0x01);
  input (f, "ab");
  g_assert_cmphex (rd (f, LSR), ==, 0x61);
  g_assert_cmphex (rd (f, RBR), ==, 'a');
  g_assert_cmphex (rd (f, LSR), ==, 0x61);
  g_assert_cmphex (rd (f, RBR), ==, 'b');
  g_assert_cmphex (rd (f, LSR), ==, 0x60);
  g_assert_false (irq (f));
}

static void
test_rx_interrupt (Fixture *f, gconstpointer data)
{
  wr (f, IER, 0x01);
  g_assert_false (irq (f));
  input (f, "z");
  g_assert_true (irq (f));
  g_assert_cmphex (rd (f, IIR), ==, 0x04);     /* 16450 mode: no FIFO bits */
  g_assert_true (irq (f));                     /* IIR does not clear RDA */
  g_assert_cmphex (rd (f, RBR), ==, 'z');
  g_assert_false (irq (f));
  g_assert_cmphex (rd (f, IIR), ==, 0x01);

  wr (f, FCR, 0x01);
  input (f, "q");
  g_assert_cmphex (rd (f, IIR), ==, 0xc4);
  wr (f, IER, 0x00);
  g_assert_false (irq (f));
  g_assert_cmphex (rd (f, IIR), ==, 0xc1);
}

static void
test_thre_interrupt (Fixture *f, gconstpointer data)
{
  /* Enabling ETBEI with THR empty interrupts at once. */
  wr (f, IER, 0x02);
  g_assert_true (irq (f));
  g_assert_cmpuint (hw_test_irq_rises (f->uart, 0), ==, 1);
  /* Reading IIR while THRE is reported clears it. */
  g_assert_cmphex (rd (f, IIR), ==, 0x02);
  g_assert_false (irq (f));
  g_assert_cmphex (rd (f, IIR), ==, 0x01);
  /* Each write empties THR again at once, so it comes back. */
  wr (f, THR, 'a');
  g_assert_true (irq (f));
  g_assert_cmpuint (hw_test_irq_rises (f->uart, 0), ==, 2);
  /* Writing IER again with ETBEI still set is no new edge. */
  rd (f, IIR);
  wr (f, IER, 0x02);
  g_assert_false (irq (f));
  /* Disabling masks it; re-enabling raises it again. */
  wr (f, THR, 'b');
  g_assert_true (irq (f));
  wr (f, IER, 0x00);
  g_assert_false (irq (f));
  wr (f, IER, 0x02);
  g_assert_true (irq (f));
}

static void
test_priority (Fixture *f, gconstpointer data)
{
  wr (f, FCR, 0x01);
  wr (f, IER, 0x0f);
  g_assert_cmphex (rd (f, IIR), ==, 0xc2);     /* THRE, cleared by this read */
  g_assert_cmphex (rd (f, IIR), ==, 0xc1);

  input (f, "0123456789abcdefX");               /* 17 bytes: one too many */
  g_assert_true (irq (f));
  g_assert_cmphex (rd (f, IIR), ==, 0xc6);     /* line status first */
  g_assert_cmphex (rd (f, LSR), ==, 0x63);     /* DR | OE, OE clears */
  g_assert_cmphex (rd (f, LSR), ==, 0x61);
  g_assert_cmphex (rd (f, IIR), ==, 0xc4);     /* then received data */
  wr (f, THR, '!');                             /* THRE pending again */
  g_assert_cmphex (rd (f, IIR), ==, 0xc4);     /* but RDA still wins */
  for (int i = 0; i < 16; i++)
    g_assert_cmphex (rd (f, RBR), ==, "0123456789abcdef"[i]);
  g_assert_cmphex (rd (f, IIR), ==, 0xc2);
  g_assert_cmphex (rd (f, IIR), ==, 0xc1);
  g_assert_false (irq (f));
}

static void
test_can_receive (Fixture *f, gconstpointer data)
{
  const MdlDeviceClass *cls = f->uart->cls;

  /* What a host may send without an overrun: the free FIFO space. */
  g_assert_cmpuint (cls->serial_can_receive (f->uart), ==, 1);
  input (f, "a");
  g_assert_cmpuint (cls->serial_can_receive (f->uart), ==, 0);
  wr (f, FCR, 0x01);
  g_assert_cmpuint (cls->serial_can_receive (f->uart), ==, 16);
  input (f, "0123");
  g_assert_cmpuint (cls->serial_can_receive (f->uart), ==, 12);
  g_assert_cmphex (rd (f, RBR), ==, '0');
  g_assert_cmpuint (cls->serial_can_receive (f->uart), ==, 13);
  wr (f, MCR, 0x10);   /* loopback: the line is cut off */
  g_assert_cmpuint (cls->serial_can_receive (f->uart), ==, 0);
  g_assert_cmphex (rd (f, LSR) & 0x02, ==, 0);   /* and nothing overran */
}

static void
test_fifo (Fixture *f, gconstpointer data)
{
  /* 16450 mode: one holding register, a new byte replaces an unread one. */
  input (f, "ab");
  g_assert_cmphex (rd (f, LSR), ==, 0x63);
  g_assert_cmphex (rd (f, RBR), ==, 'b');
  g_assert_cmphex (rd (f, LSR), ==, 0x60);

  /* FIFO mode keeps 16 and drops what comes after. */
  wr (f, FCR, 0x01);
  input (f, "0123456789abcdefXY");
  g_assert_cmphex (rd (f, LSR), ==, 0x63);
  for (int i = 0; i < 16; i++)
    g_assert_cmphex (rd (f, RBR), ==, "0123456789abcdef"[i]);
  g_assert_cmphex (rd (f, LSR), ==, 0x60);

  /* RX reset empties it; the FIFO stays enabled. */
  input (f, "abc");
  wr (f, FCR, 0x03);
  g_assert_cmphex (rd (f, LSR), ==, 0x60);
  g_assert_cmphex (rd (f, IIR), ==, 0xc1);

  /* Leaving FIFO mode empties it too. */
  input (f, "abc");
  wr (f, FCR, 0x00);
  g_assert_cmphex (rd (f, LSR), ==, 0x60);
  g_assert_cmphex (rd (f, IIR), ==, 0x01);
}

static void
test_loopback (Fixture *f, gconstpointer data)
{
  wr (f, FCR, 0x01);
  wr (f, IER, 0x08);                            /* modem status only */
  wr (f, MCR, 0x10);
  /* The lines now follow MCR (all low): CTS, DSR and DCD changed. */
  g_assert_true (irq (f));
  g_assert_cmphex (rd (f, IIR), ==, 0xc0);
  g_assert_cmphex (rd (f, MSR), ==, 0x0b);
  g_assert_false (irq (f));
  wr (f, MCR, 0x1f);
  g_assert_cmphex (rd (f, MSR), ==, 0xfb);
  wr (f, MCR, 0x1b);                            /* OUT1 (RI) falls */
  g_assert_cmphex (rd (f, MSR), ==, 0xb4);
  g_assert_cmphex (rd (f, MSR), ==, 0xb0);

  /* Transmitted bytes come back instead of going out... */
  wr (f, THR, 'L');
  g_assert_cmpuint (f->out->len, ==, 0);
  g_assert_cmphex (rd (f, LSR), ==, 0x61);
  g_assert_cmphex (rd (f, RBR), ==, 'L');
  /* ...and the outside cannot reach the receiver. */
  input (f, "x");
  g_assert_cmphex (rd (f, LSR), ==, 0x60);

  wr (f, MCR, 0x00);
  wr (f, THR, 'o');
  g_assert_cmpmem (f->out->data, f->out->len, "o", 1);
  g_assert_cmphex (rd (f, MSR) & 0xf0, ==, 0xb0);
}

static void
test_reg_shift (Fixture *f, gconstpointer data)
{
  hw_test_write (f->as, BASE + 4 * SCR, 4, 0xa5);
  g_assert_cmphex (hw_test_read (f->as, BASE + 4 * SCR, 4), ==, 0xa5);
  g_assert_cmphex (hw_test_read (f->as, BASE + 4 * LSR, 4), ==, 0x60);
  hw_test_write (f->as, BASE + 4 * THR, 4, 'w');
  g_assert_cmpmem (f->out->data, f->out->len, "w", 1);
}

static void
test_machine_reset (Fixture *f, gconstpointer data)
{
  wr (f, FCR, 0x01);
  wr (f, IER, 0x03);
  wr (f, LCR, 0x03);
  wr (f, SCR, 0x77);
  input (f, "abc");
  g_assert_true (irq (f));
  mdl_machine_reset (f->m);
  g_assert_false (irq (f));
  g_assert_cmphex (rd (f, IER), ==, 0x00);
  g_assert_cmphex (rd (f, IIR), ==, 0x01);
  g_assert_cmphex (rd (f, LCR), ==, 0x00);
  g_assert_cmphex (rd (f, LSR), ==, 0x60);
  g_assert_cmphex (rd (f, SCR), ==, 0x00);
}

static void
check_refused (const char *prop, uint64_t value, uint64_t size,
               const char *message_part)
{
  g_autoptr (MdlMachine) m = mdl_machine_new ();
  g_autoptr (GError) error = NULL;
  MdlDevice *uart = hw_test_device_new (m, "ns16550a", "uart@0", 0, size);

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
  check_refused ("clock-frequency", 0, 0x100, "clock-frequency");
  check_refused ("current-speed", 1000000, 0x100, "current-speed");
  check_refused ("reg-shift", 4, 0x100, "reg-shift");
  check_refused ("reg-shift", 2, 0x10, "register window");
}

static void
test_current_speed (void)
{
  g_autoptr (MdlMachine) m = mdl_machine_new ();
  g_autoptr (GError) error = NULL;
  MdlAddressSpace *as = mdl_machine_add_address_space (m, "bus");
  MdlDevice *uart = hw_test_device_new (m, "ns16550a", "uart@0", 0, 0x100);

  mdl_device_set_prop_u64 (uart, "current-speed", 115200);
  g_assert_true (hw_test_realize (uart, as, &error));
  hw_test_write (as, LCR, 1, 0x80);
  g_assert_cmpuint (hw_test_read (as, DLL, 1), ==, 3686400 / 16 / 115200);
  g_assert_cmpuint (hw_test_read (as, DLM, 1), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn, data) \
  g_test_add ("/hw/ns16550a/" path, Fixture, data, fixture_set_up, fn, fixture_tear_down)
  ADD ("reset-state", test_reset_state, NULL);
  ADD ("transmit", test_transmit, NULL);
  ADD ("access-sizes", test_access_sizes, NULL);
  ADD ("divisor-latch", test_divisor_latch, NULL);
  ADD ("receive", test_receive, NULL);
  ADD ("rx-interrupt", test_rx_interrupt, NULL);
  ADD ("thre-interrupt", test_thre_interrupt, NULL);
  ADD ("priority", test_priority, NULL);
  ADD ("fifo", test_fifo, NULL);
  ADD ("can-receive", test_can_receive, NULL);
  ADD ("loopback", test_loopback, NULL);
  ADD ("reg-shift", test_reg_shift, GUINT_TO_POINTER (2));
  ADD ("machine-reset", test_machine_reset, NULL);
#undef ADD
  g_test_add_func ("/hw/ns16550a/bad-properties", test_bad_properties);
  g_test_add_func ("/hw/ns16550a/current-speed", test_current_speed);

  return g_test_run ();
}
