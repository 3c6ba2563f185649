/* The GPIO block: directions, levels as seen, set/clear, edge interrupts
 * on rising, falling or both edges from inputs the canvas drives, and the
 * state published for snapshots. */
#include "hw-test.h"

#include "hw/gpio.h"

#define BASE UINT64_C (0x40010000)

enum {
  DATA_IN = 0x00, DATA_OUT = 0x04, DIRECTION = 0x08, IRQ_EN = 0x0c, IRQ_RISE = 0x10,
  IRQ_FALL = 0x14, IRQ_STATUS = 0x18, DATA_SET = 0x1c, DATA_CLEAR = 0x20,
};

typedef struct {
  MdlMachine      *m;
  MdlAddressSpace *as;
  MdlDevice       *gpio;
} Fixture;

static void
set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->m = mdl_machine_new ();
  f->as = mdl_machine_add_address_space (f->m, "bus");
  f->gpio = hw_test_device_new (f->m, "medley,gpio", "gpio@40010000", BASE, 0x100);
  g_assert_true (hw_test_realize (f->gpio, f->as, &error));
  g_assert_no_error (error);
  mdl_machine_reset (f->m);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  mdl_machine_free (f->m);
}

static void
wr (Fixture *f, unsigned reg, uint32_t value)
{
  hw_test_write (f->as, BASE + reg, 4, value);
}

static uint32_t
rd (Fixture *f, unsigned reg)
{
  return (uint32_t) hw_test_read (f->as, BASE + reg, 4);
}

static void
test_levels (Fixture *f, gconstpointer data)
{
  g_assert_cmphex (rd (f, DIRECTION), ==, 0);
  g_assert_cmphex (rd (f, DATA_IN), ==, 0);

  /* Outputs show what they drive; inputs what the outside drives. */
  wr (f, DATA_OUT, 0xff);
  g_assert_cmphex (rd (f, DATA_IN), ==, 0);
  wr (f, DIRECTION, 0x0f);
  g_assert_cmphex (rd (f, DATA_IN), ==, 0x0f);
  mdl_gpio_set_input (f->gpio, 4, true);
  mdl_gpio_set_input (f->gpio, 0, true);    /* an output: not seen */
  mdl_gpio_set_input (f->gpio, 0, false);
  g_assert_cmphex (rd (f, DATA_IN), ==, 0x1f);
  g_assert_cmphex (mdl_gpio_levels (f->gpio), ==, 0x1f);

  wr (f, DATA_CLEAR, 0x05);
  g_assert_cmphex (rd (f, DATA_OUT), ==, 0xfa);
  g_assert_cmphex (rd (f, DATA_IN), ==, 0x1a);
  wr (f, DATA_SET, 0x01);
  g_assert_cmphex (rd (f, DATA_IN), ==, 0x1b);

  /* An output turned back into an input shows the outside again. */
  wr (f, DIRECTION, 0);
  g_assert_cmphex (rd (f, DATA_IN), ==, 0x10);
}

static void
test_edges (Fixture *f, gconstpointer data)
{
  wr (f, IRQ_EN, 0x7);
  wr (f, IRQ_RISE, 0x5);   /* pin 0 rising, pin 1 falling, pin 2 both */
  wr (f, IRQ_FALL, 0x6);

  mdl_gpio_set_input (f->gpio, 1, true);
  g_assert_cmphex (rd (f, IRQ_STATUS), ==, 0);
  g_assert_false (hw_test_irq_level (f->gpio, 0));

  mdl_gpio_set_input (f->gpio, 0, true);
  g_assert_cmphex (rd (f, IRQ_STATUS), ==, 0x1);
  g_assert_true (hw_test_irq_level (f->gpio, 0));
  mdl_gpio_set_input (f->gpio, 0, true);   /* no edge: nothing new */
  wr (f, IRQ_STATUS, 0x1);
  g_assert_false (hw_test_irq_level (f->gpio, 0));
  g_assert_cmpuint (hw_test_irq_rises (f->gpio, 0), ==, 1);

  mdl_gpio_set_input (f->gpio, 1, false);
  g_assert_cmphex (rd (f, IRQ_STATUS), ==, 0x2);
  wr (f, IRQ_STATUS, 0x2);

  mdl_gpio_set_input (f->gpio, 2, true);
  mdl_gpio_set_input (f->gpio, 2, false);
  g_assert_cmphex (rd (f, IRQ_STATUS), ==, 0x4);
  g_assert_true (hw_test_irq_level (f->gpio, 0));

  /* Disabling the pin lowers the output; the status bit stays. */
  wr (f, IRQ_EN, 0x3);
  g_assert_false (hw_test_irq_level (f->gpio, 0));
  g_assert_cmphex (rd (f, IRQ_STATUS), ==, 0x4);

  /* A disabled pin latches nothing. */
  wr (f, IRQ_STATUS, 0xffffffff);
  mdl_gpio_set_input (f->gpio, 2, true);
  g_assert_cmphex (rd (f, IRQ_STATUS), ==, 0);
}

static void
test_snapshot_state (Fixture *f, gconstpointer data)
{
  MdlGpioState st;

  wr (f, DIRECTION, 0xff);
  wr (f, DATA_OUT, 0x81);
  wr (f, IRQ_EN, 0x100);
  mdl_gpio_set_input (f->gpio, 8, true);
  g_assert_cmpuint (f->gpio->cls->snapshot_state (f->gpio, (uint8_t *) &st, sizeof st), ==,
                    sizeof st);
  g_assert_cmphex (st.levels, ==, 0x181);
  g_assert_cmphex (st.dir, ==, 0xff);
  g_assert_cmphex (st.inputs, ==, 0x100);
  g_assert_cmphex (st.irq_en, ==, 0x100);

  /* A reset keeps what the canvas drives: a switch stays where it is. */
  mdl_machine_reset (f->m);
  g_assert_cmphex (rd (f, DATA_IN), ==, 0x100);
  g_assert_cmphex (rd (f, DIRECTION), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) \
  g_test_add ("/hw/gpio/" path, Fixture, NULL, set_up, fn, tear_down)
  ADD ("levels", test_levels);
  ADD ("edges", test_edges);
  ADD ("snapshot-state", test_snapshot_state);
  return g_test_run ();
}
