/* The CMSDK APB timer, dual timer and watchdog, and the memory mirror:
 * counting in virtual time, interrupt periods, reloads, one-shot, the
 * watchdog's reset, and the mirror's checks.  At 25 MHz one tick is
 * 40 000 ps. */
#include "hw-test.h"

#include <string.h>

#define TICK UINT64_C (40000)

typedef struct {
  MdlMachine *m;
  MdlAddressSpace *as;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->m = mdl_machine_new ();
  f->as = mdl_machine_add_address_space (f->m, "bus");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  mdl_machine_free (f->m);
}

static MdlDevice *
add (Fixture *f, const char *compatible, uint64_t base)
{
  g_autoptr (GError) error = NULL;
  MdlDevice *dev = hw_test_device_new (f->m, compatible, compatible, base, 0x1000);

  g_assert_true (hw_test_realize (dev, f->as, &error));
  g_assert_no_error (error);
  return dev;
}

/* Runs the CPU-less machine to absolute time @ps. */
static MdlStopReason
run_to (Fixture *f, uint64_t ps)
{
  return mdl_machine_run (f->m, ps - mdl_machine_now (f->m));
}

static void
test_timer (Fixture *f, gconstpointer data)
{
  MdlDevice *t = add (f, "arm,cmsdk-timer", 0x40000000);

  hw_test_write (f->as, 0x40000008, 4, 9); /* RELOAD: VALUE too */
  g_assert_cmpuint (hw_test_read (f->as, 0x40000004, 4), ==, 9);
  hw_test_write (f->as, 0x40000000, 4, 9); /* enable, interrupt enable */
  run_to (f, 4 * TICK);
  g_assert_cmpuint (hw_test_read (f->as, 0x40000004, 4), ==, 5);
  g_assert_false (hw_test_irq_level (t, 0));
  run_to (f, 9 * TICK + 1);
  g_assert_cmpuint (hw_test_read (f->as, 0x40000004, 4), ==, 0);
  g_assert_true (hw_test_irq_level (t, 0));
  g_assert_cmpuint (hw_test_read (f->as, 0x4000000c, 4), ==, 1);
  run_to (f, 10 * TICK);
  g_assert_cmpuint (hw_test_read (f->as, 0x40000004, 4), ==, 9);
  hw_test_write (f->as, 0x4000000c, 4, 1);
  g_assert_false (hw_test_irq_level (t, 0));
  /* Every RELOAD + 1 ticks: zero at 19, 29, ... 109. */
  run_to (f, 19 * TICK + 1);
  g_assert_cmpuint (hw_test_irq_rises (t, 0), ==, 2);
  run_to (f, 105 * TICK);
  g_assert_cmpuint (hw_test_read (f->as, 0x40000004, 4), ==, 4);
  run_to (f, 110 * TICK);
  g_assert_true (hw_test_irq_level (t, 0));
  /* Without the interrupt enable no status is set. */
  hw_test_write (f->as, 0x4000000c, 4, 1);
  hw_test_write (f->as, 0x40000000, 4, 1);
  run_to (f, 200 * TICK);
  g_assert_cmpuint (hw_test_read (f->as, 0x4000000c, 4), ==, 0);
  /* Stopped, it holds its value. */
  hw_test_write (f->as, 0x40000000, 4, 0);
  uint64_t v = hw_test_read (f->as, 0x40000004, 4);
  run_to (f, 300 * TICK);
  g_assert_cmpuint (hw_test_read (f->as, 0x40000004, 4), ==, v);
  g_assert_cmphex (hw_test_read (f->as, 0x40000fe0, 4), ==, 0x22);
}

static void
test_dualtimer (Fixture *f, gconstpointer data)
{
  MdlDevice *d = add (f, "arm,cmsdk-dualtimer", 0x40002000);

  g_assert_cmphex (hw_test_read (f->as, 0x40002004, 4), ==, 0xffffffff);
  g_assert_cmphex (hw_test_read (f->as, 0x40002008, 4), ==, 0x20);
  /* Free-running 16-bit: from 2 to 0, then 0xffff. */
  hw_test_write (f->as, 0x40002000, 4, 2);
  hw_test_write (f->as, 0x40002008, 4, 0xa0); /* enable, inten */
  run_to (f, 2 * TICK + 1);
  g_assert_true (hw_test_irq_level (d, 0));
  g_assert_true (hw_test_irq_level (d, 1));
  g_assert_false (hw_test_irq_level (d, 2));
  run_to (f, 3 * TICK);
  g_assert_cmphex (hw_test_read (f->as, 0x40002004, 4), ==, 0xffff);
  hw_test_write (f->as, 0x4000200c, 4, 1);
  g_assert_false (hw_test_irq_level (d, 0));
  g_assert_cmpuint (hw_test_read (f->as, 0x40002010, 4), ==, 0);
  hw_test_write (f->as, 0x40002008, 4, 0x20);

  /* Timer 2: periodic with /16, LOAD 3: every 4 * 16 ticks. */
  uint64_t t0 = mdl_machine_now (f->m);
  hw_test_write (f->as, 0x40002020, 4, 3);
  hw_test_write (f->as, 0x40002028, 4, 0xe6); /* enable, periodic, inten, /16, 32-bit */
  run_to (f, t0 + 3 * 16 * TICK - 1);
  g_assert_false (hw_test_irq_level (d, 2));
  run_to (f, t0 + 3 * 16 * TICK);
  g_assert_true (hw_test_irq_level (d, 2));
  hw_test_write (f->as, 0x4000202c, 4, 1);
  run_to (f, t0 + 7 * 16 * TICK + 1);
  g_assert_true (hw_test_irq_level (d, 2));
  /* The interrupt enable masks MIS, not RIS. */
  hw_test_write (f->as, 0x40002028, 4, 0xc6);
  g_assert_false (hw_test_irq_level (d, 0));
  g_assert_cmpuint (hw_test_read (f->as, 0x40002030, 4), ==, 1);
  g_assert_cmpuint (hw_test_read (f->as, 0x40002034, 4), ==, 0);

  /* One-shot: stops at zero until LOAD is written. */
  hw_test_write (f->as, 0x40002028, 4, 0x20);
  hw_test_write (f->as, 0x4000202c, 4, 1);
  unsigned rises = hw_test_irq_rises (d, 2);
  t0 = mdl_machine_now (f->m);
  hw_test_write (f->as, 0x40002020, 4, 5);
  hw_test_write (f->as, 0x40002028, 4, 0xa3); /* enable, inten, 32-bit, one-shot */
  run_to (f, t0 + 100 * TICK);
  g_assert_cmpuint (hw_test_read (f->as, 0x40002024, 4), ==, 0);
  g_assert_cmpuint (hw_test_irq_rises (d, 2), ==, rises + 1);
  hw_test_write (f->as, 0x4000202c, 4, 1);
  hw_test_write (f->as, 0x40002020, 4, 5);
  run_to (f, t0 + 200 * TICK);
  g_assert_cmpuint (hw_test_irq_rises (d, 2), ==, rises + 2);
}

static void
test_watchdog (Fixture *f, gconstpointer data)
{
  MdlDevice *w = add (f, "arm,cmsdk-watchdog", 0x40008000);

  /* Stopped until INTEN. */
  run_to (f, 10 * TICK);
  g_assert_cmphex (hw_test_read (f->as, 0x40008004, 4), ==, 0xffffffff);
  hw_test_write (f->as, 0x40008000, 4, 10);
  hw_test_write (f->as, 0x40008008, 4, 3); /* INTEN, RESEN */
  run_to (f, 20 * TICK + 1);
  g_assert_true (hw_test_irq_level (w, 0));
  /* Cleared in time: reloaded, no reset. */
  hw_test_write (f->as, 0x4000800c, 4, 1);
  g_assert_false (hw_test_irq_level (w, 0));
  g_assert_cmpuint (run_to (f, 30 * TICK + 2), ==, MDL_STOP_NONE);
  g_assert_true (hw_test_irq_level (w, 0));
  /* Not cleared: the second zero resets the machine. */
  g_assert_cmpuint (run_to (f, 41 * TICK), ==, MDL_STOP_RESET);
  g_assert_nonnull (strstr (mdl_machine_stop_message (f->m), "watchdog"));
}

static void
test_watchdog_lock (Fixture *f, gconstpointer data)
{
  add (f, "arm,cmsdk-watchdog", 0x40008000);
  hw_test_write (f->as, 0x40008c00, 4, 1);
  g_assert_cmpuint (hw_test_read (f->as, 0x40008c00, 4), ==, 1);
  hw_test_write (f->as, 0x40008008, 4, 1);
  g_assert_cmpuint (hw_test_read (f->as, 0x40008008, 4), ==, 0);
  hw_test_write (f->as, 0x40008c00, 4, 0x1acce551);
  g_assert_cmpuint (hw_test_read (f->as, 0x40008c00, 4), ==, 0);
  hw_test_write (f->as, 0x40008008, 4, 1);
  g_assert_cmpuint (hw_test_read (f->as, 0x40008008, 4), ==, 1);
}

static void
test_mirror (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  MdlDevice *ram = hw_test_device_new (f->m, "medley,ram", "ram", 0x20000000, 0x1000);
  MdlDevice *mirror;
  MdlRamWindow win;

  g_assert_true (hw_test_realize (ram, f->as, &error));
  mirror = hw_test_device_new (f->m, "medley,mirror", "mirror", 0x20400000, 0x800);
  mdl_device_set_prop_u64 (mirror, "medley,mirror-of", 0x20000800);
  g_assert_true (hw_test_realize (mirror, f->as, &error));
  g_assert_no_error (error);
  hw_test_write (f->as, 0x20400010, 4, 0xfeedface);
  g_assert_cmphex (hw_test_read (f->as, 0x20000810, 4), ==, 0xfeedface);
  /* The fast path reaches the same bytes. */
  g_assert_true (mdl_address_space_ram_window (f->as, 0x20400010, &win));
  g_assert_true (win.writable);

  /* Past the end, or nothing there, or not memory: refused, named. */
  mirror = hw_test_device_new (f->m, "medley,mirror", "mirror2", 0x20500000, 0x1000);
  mdl_device_set_prop_u64 (mirror, "medley,mirror-of", 0x20000800);
  g_assert_false (hw_test_realize (mirror, f->as, &error));
  g_assert_nonnull (strstr (error->message, "runs past the end"));
  g_clear_error (&error);
  mirror = hw_test_device_new (f->m, "medley,mirror", "mirror3", 0x20500000, 0x1000);
  mdl_device_set_prop_u64 (mirror, "medley,mirror-of", 0x30000000);
  g_assert_false (hw_test_realize (mirror, f->as, &error));
  g_assert_nonnull (strstr (error->message, "mirror3: nothing is mapped"));
  g_clear_error (&error);
  add (f, "arm,cmsdk-timer", 0x40000000);
  mirror = hw_test_device_new (f->m, "medley,mirror", "mirror4", 0x20500000, 0x100);
  mdl_device_set_prop_u64 (mirror, "medley,mirror-of", 0x40000000);
  g_assert_false (hw_test_realize (mirror, f->as, &error));
  g_assert_nonnull (strstr (error->message, "not RAM or ROM"));
}

/* What a debugger may read (mdl_address_space_peek): memory, registers
 * that read without effect, and nothing with one or from a device that
 * has not said. */
static void
test_peek (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  MdlDevice *ram = hw_test_device_new (f->m, "medley,ram", "ram", 0x20000000, 0x1000);
  MdlDevice *uart = hw_test_device_new (f->m, "arm,cmsdk-uart", "uart", 0x40004000, 0x1000);
  MdlDevice *test = hw_test_device_new (f->m, "sifive,test0", "test", 0x100000, 0x1000);
  uint64_t v = 0;

  g_assert_true (hw_test_realize (ram, f->as, &error));
  g_assert_true (hw_test_realize (uart, f->as, &error));
  g_assert_true (hw_test_realize (test, f->as, &error));
  add (f, "arm,cmsdk-timer", 0x40000000);
  hw_test_write (f->as, 0x20000010, 4, 0x11223344);
  g_assert_null (mdl_address_space_peek (f->as, 0x20000010, 4, &v));
  g_assert_cmphex (v, ==, 0x11223344);
  g_assert_null (mdl_address_space_peek (f->as, 0x40000fe0, 4, &v));
  g_assert_cmphex (v, ==, 0x22);
  g_assert_null (mdl_address_space_peek (f->as, 0x40004004, 4, &v));
  g_assert_cmpstr (mdl_address_space_peek (f->as, 0x40004000, 4, &v), ==,
                   "reading DATA takes the received byte");
  g_assert_nonnull (strstr (mdl_address_space_peek (f->as, 0x100000, 4, &v), "does not say"));
  g_assert_nonnull (strstr (mdl_address_space_peek (f->as, 0x40000001, 1, &v), "size"));
  g_assert_cmpstr (mdl_address_space_peek (f->as, 0x30000000, 4, &v), ==,
                   "nothing is mapped there");
}

/* The MPS2 SCC: the image's ID and QEMU's reset values; a configuration
 * transfer completes at once. */
static void
test_scc (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  MdlDevice *scc = hw_test_device_new (f->m, "arm,mps2-scc", "scc", 0x4002f000, 0x1000);

  mdl_device_set_prop_u64 (scc, "arm,scc-id", 0x41043860);
  g_assert_true (hw_test_realize (scc, f->as, &error));
  g_assert_cmphex (hw_test_read (f->as, 0x4002fffc, 4), ==, 0x41043860);
  g_assert_cmphex (hw_test_read (f->as, 0x4002fff8, 4), ==, 0x00200008);
  g_assert_cmphex (hw_test_read (f->as, 0x4002f010, 4), ==, 2);
  g_assert_cmphex (hw_test_read (f->as, 0x4002f0a8, 4), ==, 0x00100000);
  g_assert_cmphex (hw_test_read (f->as, 0x4002f100, 4), ==, 0xffff0001);
  hw_test_write (f->as, 0x4002f004, 4, 0x5);
  g_assert_cmphex (hw_test_read (f->as, 0x4002f004, 4), ==, 5);
  g_assert_cmphex (hw_test_read (f->as, 0x4002f0ac, 4), ==, 0);
  hw_test_write (f->as, 0x4002f0a8, 4, 0x80100000u);
  g_assert_cmphex (hw_test_read (f->as, 0x4002f0ac, 4), ==, 1);
  g_assert_cmphex (hw_test_read (f->as, 0x4002f0a8, 4), ==, 0x00100000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/hw/cmsdk-timer/count", Fixture, NULL, fixture_set_up, test_timer,
              fixture_tear_down);
  g_test_add ("/hw/cmsdk-dualtimer/modes", Fixture, NULL, fixture_set_up, test_dualtimer,
              fixture_tear_down);
  g_test_add ("/hw/cmsdk-watchdog/reset", Fixture, NULL, fixture_set_up, test_watchdog,
              fixture_tear_down);
  g_test_add ("/hw/cmsdk-watchdog/lock", Fixture, NULL, fixture_set_up, test_watchdog_lock,
              fixture_tear_down);
  g_test_add ("/hw/memory-mirror/alias", Fixture, NULL, fixture_set_up, test_mirror,
              fixture_tear_down);
  g_test_add ("/hw/peek", Fixture, NULL, fixture_set_up, test_peek, fixture_tear_down);
  g_test_add ("/hw/mps2-scc/registers", Fixture, NULL, fixture_set_up, test_scc, fixture_tear_down);
  return g_test_run ();
}
