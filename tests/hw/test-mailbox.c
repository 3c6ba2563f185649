/* The mailbox: messages each way in order, full FIFOs, doorbells, and the
 * interrupt of each side. */
#include "hw-test.h"

#define BASE UINT64_C (0x10010000)
#define A    0x000
#define B    0x100

enum { TX = 0x00, RX = 0x04, STATUS = 0x08, IRQ_EN = 0x0c, DOORBELL = 0x10, IRQ_STAT = 0x14 };

typedef struct {
  MdlMachine      *m;
  MdlAddressSpace *as;
  MdlDevice       *mbox;
} Fixture;

static void
set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->m = mdl_machine_new ();
  f->as = mdl_machine_add_address_space (f->m, "bus");
  f->mbox = hw_test_device_new (f->m, "medley,mailbox", "mailbox@10010000", BASE, 0x200);
  g_assert_true (hw_test_realize (f->mbox, f->as, &error));
  g_assert_no_error (error);
  f->mbox->cls->reset (f->mbox);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  mdl_machine_free (f->m);
}

static uint32_t
rd (Fixture *f, unsigned side, unsigned reg)
{
  return (uint32_t) hw_test_read (f->as, BASE + side + reg, 4);
}

static void
wr (Fixture *f, unsigned side, unsigned reg, uint32_t v)
{
  hw_test_write (f->as, BASE + side + reg, 4, v);
}

static void
test_messages (Fixture *f, gconstpointer data)
{
  g_assert_cmphex (rd (f, B, STATUS), ==, 0);
  wr (f, A, TX, 0x11111111);
  wr (f, A, TX, 0x22222222);
  wr (f, B, TX, 0xbbbbbbbb);
  /* Each side receives what the other sent, in order. */
  g_assert_cmphex (rd (f, B, STATUS), ==, 0x201);
  g_assert_cmphex (rd (f, B, RX), ==, 0x11111111);
  g_assert_cmphex (rd (f, B, RX), ==, 0x22222222);
  g_assert_cmphex (rd (f, B, RX), ==, 0);           /* empty */
  g_assert_cmphex (rd (f, B, STATUS), ==, 0);
  g_assert_cmphex (rd (f, A, RX), ==, 0xbbbbbbbb);
}

static void
test_full (Fixture *f, gconstpointer data)
{
  for (uint32_t i = 0; i < 16; i++)
    wr (f, A, TX, i);
  g_assert_cmphex (rd (f, A, STATUS) & 2, ==, 2);   /* TX full */
  wr (f, A, TX, 99);                                  /* dropped */
  g_assert_cmphex (rd (f, A, STATUS) & 4, ==, 4);   /* overflow, sticky */
  g_assert_cmphex (rd (f, B, STATUS) >> 8, ==, 16);
  for (uint32_t i = 0; i < 16; i++)
    g_assert_cmphex (rd (f, B, RX), ==, i);
  wr (f, A, STATUS, 4);
  g_assert_cmphex (rd (f, A, STATUS), ==, 0);
}

static void
test_interrupts (Fixture *f, gconstpointer data)
{
  g_assert_false (hw_test_irq_level (f->mbox, 1));
  wr (f, A, TX, 5);
  g_assert_false (hw_test_irq_level (f->mbox, 1));  /* not enabled yet */
  wr (f, B, IRQ_EN, 1);
  g_assert_true (hw_test_irq_level (f->mbox, 1));
  g_assert_false (hw_test_irq_level (f->mbox, 0));
  g_assert_cmphex (rd (f, B, IRQ_STAT), ==, 1);
  rd (f, B, RX);
  g_assert_false (hw_test_irq_level (f->mbox, 1));

  /* The doorbell stays until cleared. */
  wr (f, A, IRQ_EN, 2);
  wr (f, B, DOORBELL, 1);
  g_assert_true (hw_test_irq_level (f->mbox, 0));
  g_assert_cmphex (rd (f, A, IRQ_STAT), ==, 2);
  wr (f, A, IRQ_STAT, 2);
  g_assert_false (hw_test_irq_level (f->mbox, 0));
  g_assert_cmpuint (hw_test_irq_rises (f->mbox, 0), ==, 1);
  g_assert_cmpuint (hw_test_irq_rises (f->mbox, 1), ==, 1);
}

static void
test_too_small (void)
{
  g_autoptr(MdlMachine) m = mdl_machine_new ();
  g_autoptr(GError) error = NULL;
  MdlDevice *d = hw_test_device_new (m, "medley,mailbox", "mailbox@0", 0, 0x100);

  g_assert_false (hw_test_realize (d, NULL, &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_INVALID);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/hw/mailbox/messages", Fixture, NULL, set_up, test_messages, tear_down);
  g_test_add ("/hw/mailbox/full", Fixture, NULL, set_up, test_full, tear_down);
  g_test_add ("/hw/mailbox/interrupts", Fixture, NULL, set_up, test_interrupts, tear_down);
  g_test_add_func ("/hw/mailbox/too-small", test_too_small);
  return g_test_run ();
}
