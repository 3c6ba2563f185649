/* The CLINT: msip, mtime and mtimecmp against virtual time. */
#include "hw-test.h"

#define BASE      UINT64_C (0x2000000)
#define MSIP(h)   (BASE + 4 * (h))
#define MTIMECMP(h) (BASE + 0x4000 + 8 * (h))
#define MTIME     (BASE + 0xbff8)

typedef struct {
  MdlMachine      *m;
  MdlAddressSpace *as;
  MdlDevice       *clint;
} Fixture;

/* @data: the timebase in Hz, or NULL for the default (10 MHz). */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->m = mdl_machine_new ();
  f->as = mdl_machine_add_address_space (f->m, "bus");
  f->clint = hw_test_device_new (f->m, "riscv,clint0", "clint@2000000",
                                 BASE, 0x10000);
  if (data != NULL)
    mdl_device_set_prop_u64 (f->clint, "timebase-frequency",
                             GPOINTER_TO_UINT (data));
  g_assert_true (hw_test_realize (f->clint, f->as, &error));
  g_assert_no_error (error);
  mdl_machine_reset (f->m);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  mdl_machine_free (f->m);
}

static bool
mtip (Fixture *f, unsigned hart)
{
  return hw_test_irq_level (f->clint, 2 * hart + 1);
}

static bool
msip (Fixture *f, unsigned hart)
{
  return hw_test_irq_level (f->clint, 2 * hart);
}

/* Advances a CPU-less machine by @ps, firing due events. */
static void
advance (Fixture *f, uint64_t ps)
{
  g_assert_cmpint (mdl_machine_run (f->m, ps), ==, MDL_STOP_NONE);
}

static void
test_reset_values (Fixture *f, gconstpointer data)
{
  g_assert_cmphex (hw_test_read (f->as, MTIMECMP (0), 8), ==, UINT64_MAX);
  g_assert_cmphex (hw_test_read (f->as, MTIMECMP (7), 4), ==, 0xffffffff);
  g_assert_cmphex (hw_test_read (f->as, MTIMECMP (7) + 4, 4), ==, 0xffffffff);
  g_assert_cmphex (hw_test_read (f->as, MSIP (0), 4), ==, 0);
  g_assert_cmphex (hw_test_read (f->as, MTIME, 8), ==, 0);
  for (unsigned i = 0; i < f->clint->cls->n_irq_out; i++)
    g_assert_false (hw_test_irq_level (f->clint, i));
  /* A far future mtimecmp schedules nothing. */
  advance (f, MDL_PS_PER_S);
  g_assert_false (mtip (f, 0));
}

static void
test_msip (Fixture *f, gconstpointer data)
{
  hw_test_write (f->as, MSIP (0), 4, 1);
  g_assert_true (msip (f, 0));
  g_assert_false (msip (f, 1));
  g_assert_cmphex (hw_test_read (f->as, MSIP (0), 4), ==, 1);
  /* Only bit 0 is implemented. */
  hw_test_write (f->as, MSIP (0), 4, 0xfffffffe);
  g_assert_false (msip (f, 0));
  g_assert_cmphex (hw_test_read (f->as, MSIP (0), 4), ==, 0);
  /* Hart 1's MSIP is output 2. */
  hw_test_write (f->as, MSIP (1), 4, 1);
  g_assert_true (hw_test_irq_level (f->clint, 2));
  g_assert_false (hw_test_irq_level (f->clint, 1));
  /* An 8-byte access covers two harts. */
  hw_test_write (f->as, MSIP (2), 8, UINT64_C (0x100000001));
  g_assert_true (msip (f, 2));
  g_assert_true (msip (f, 3));
  g_assert_cmphex (hw_test_read (f->as, MSIP (2), 8), ==, UINT64_C (0x100000001));
  /* Harts past the eighth read as zero and ignore writes. */
  hw_test_write (f->as, MSIP (9), 4, 1);
  g_assert_cmphex (hw_test_read (f->as, MSIP (9), 4), ==, 0);
}

static void
test_mtime (Fixture *f, gconstpointer data)
{
  advance (f, MDL_PS_PER_MS);
  g_assert_cmpuint (hw_test_read (f->as, MTIME, 8), ==, 10000);
  g_assert_cmpuint (hw_test_read (f->as, MTIME, 4), ==, 10000);
  g_assert_cmpuint (hw_test_read (f->as, MTIME + 4, 4), ==, 0);
  /* Partial ticks round down. */
  advance (f, 99999);
  g_assert_cmpuint (hw_test_read (f->as, MTIME, 8), ==, 10000);
  advance (f, 1);
  g_assert_cmpuint (hw_test_read (f->as, MTIME, 8), ==, 10001);
}

static void
test_timer (Fixture *f, gconstpointer data)
{
  /* 100 ticks of 100 ns: MTIP at exactly 10 us. */
  hw_test_write (f->as, MTIMECMP (0), 8, 100);
  g_assert_false (mtip (f, 0));
  advance (f, 10 * MDL_PS_PER_US - 1);
  g_assert_false (mtip (f, 0));
  advance (f, 1);
  g_assert_true (mtip (f, 0));
  g_assert_cmpuint (hw_test_irq_rises (f->clint, 1), ==, 1);
  g_assert_false (mtip (f, 1));

  /* A later compare value lowers it at once and re-arms. */
  hw_test_write (f->as, MTIMECMP (0), 8, 150);
  g_assert_false (mtip (f, 0));
  advance (f, 5 * MDL_PS_PER_US);
  g_assert_true (mtip (f, 0));
  g_assert_cmpuint (hw_test_irq_rises (f->clint, 1), ==, 2);

  /* A compare value in the past raises it at once. */
  hw_test_write (f->as, MTIMECMP (0), 8, UINT64_MAX);
  g_assert_false (mtip (f, 0));
  hw_test_write (f->as, MTIMECMP (0), 8, 3);
  g_assert_true (mtip (f, 0));
  g_assert_cmphex (hw_test_read (f->as, MTIMECMP (0), 8), ==, 3);
}

static void
test_timer_halves (Fixture *f, gconstpointer data)
{
  /* The usual RV32 sequence: high word to all ones first, so that no
   * intermediate value fires, then low, then high. */
  hw_test_write (f->as, MTIMECMP (0) + 4, 4, 0xffffffff);
  hw_test_write (f->as, MTIMECMP (0), 4, 20);
  hw_test_write (f->as, MTIMECMP (0) + 4, 4, 0);
  g_assert_cmphex (hw_test_read (f->as, MTIMECMP (0), 8), ==, 20);
  g_assert_cmphex (hw_test_read (f->as, MTIMECMP (0) + 4, 4), ==, 0);
  g_assert_false (mtip (f, 0));
  g_assert_cmpuint (hw_test_irq_rises (f->clint, 1), ==, 0);
  advance (f, 2 * MDL_PS_PER_US);
  g_assert_true (mtip (f, 0));
  g_assert_cmpuint (hw_test_irq_rises (f->clint, 1), ==, 1);
}

static void
test_timer_rounding (Fixture *f, gconstpointer data)
{
  /* 3 MHz: a tick is 333333.3 ps, so tick 1 starts at 333334 ps and
   * tick 3 at exactly 1 us. */
  hw_test_write (f->as, MTIMECMP (0), 8, 1);
  advance (f, 333333);
  g_assert_false (mtip (f, 0));
  g_assert_cmpuint (hw_test_read (f->as, MTIME, 8), ==, 0);
  advance (f, 1);
  g_assert_true (mtip (f, 0));
  g_assert_cmpuint (hw_test_read (f->as, MTIME, 8), ==, 1);

  hw_test_write (f->as, MTIMECMP (0), 8, 3);
  g_assert_false (mtip (f, 0));
  advance (f, MDL_PS_PER_US - 333334 - 1);
  g_assert_false (mtip (f, 0));
  advance (f, 1);
  g_assert_true (mtip (f, 0));
}

static void
test_mtime_write (Fixture *f, gconstpointer data)
{
  hw_test_write (f->as, MTIME, 8, 1000);
  g_assert_cmpuint (hw_test_read (f->as, MTIME, 8), ==, 1000);
  advance (f, MDL_PS_PER_US);
  g_assert_cmpuint (hw_test_read (f->as, MTIME, 8), ==, 1010);

  /* The timer follows the written origin: 1020 is 10 ticks away. */
  hw_test_write (f->as, MTIMECMP (0), 8, 1020);
  advance (f, MDL_PS_PER_US - 1);
  g_assert_false (mtip (f, 0));
  advance (f, 1);
  g_assert_true (mtip (f, 0));

  /* Moving mtime back lowers MTIP and re-arms the timer. */
  hw_test_write (f->as, MTIME, 8, 1015);
  g_assert_false (mtip (f, 0));
  advance (f, MDL_PS_PER_US / 2);
  g_assert_true (mtip (f, 0));

  /* 32-bit halves. */
  hw_test_write (f->as, MTIME + 4, 4, 1);
  g_assert_cmphex (hw_test_read (f->as, MTIME, 8), ==, UINT64_C (0x100000000) + 1020);
  hw_test_write (f->as, MTIME, 4, 7);
  g_assert_cmphex (hw_test_read (f->as, MTIME, 8), ==, UINT64_C (0x100000007));
  g_assert_true (mtip (f, 0));
}

static void
test_harts (Fixture *f, gconstpointer data)
{
  hw_test_write (f->as, MTIMECMP (3), 8, 10);
  hw_test_write (f->as, MTIMECMP (7), 8, 20);
  advance (f, MDL_PS_PER_US);
  g_assert_true (hw_test_irq_level (f->clint, 7));
  g_assert_false (hw_test_irq_level (f->clint, 15));
  for (unsigned h = 0; h < 8; h++)
    if (h != 3)
      g_assert_false (mtip (f, h));
  advance (f, MDL_PS_PER_US);
  g_assert_true (hw_test_irq_level (f->clint, 15));
}

static void
test_machine_reset (Fixture *f, gconstpointer data)
{
  hw_test_write (f->as, MSIP (0), 4, 1);
  hw_test_write (f->as, MTIMECMP (0), 8, 5);
  hw_test_write (f->as, MTIMECMP (1), 8, 50);
  hw_test_write (f->as, MTIME, 8, 12345);
  advance (f, MDL_PS_PER_US);
  g_assert_true (mtip (f, 0));

  mdl_machine_reset (f->m);
  g_assert_false (msip (f, 0));
  g_assert_false (mtip (f, 0));
  g_assert_cmphex (hw_test_read (f->as, MTIMECMP (0), 8), ==, UINT64_MAX);
  g_assert_cmpuint (hw_test_read (f->as, MTIME, 8), ==, 0);
  /* Hart 1's old deadline was dropped with the reset. */
  advance (f, 100 * MDL_PS_PER_US);
  g_assert_false (mtip (f, 1));
  g_assert_cmpuint (hw_test_read (f->as, MTIME, 8), ==, 1000);
}

static void
test_access_sizes (Fixture *f, gconstpointer data)
{
  uint64_t v;

  g_assert_cmpint (mdl_address_space_read (f->as, MTIME, 2, &v), !=, MDL_MEM_OK);
  g_assert_cmpint (mdl_address_space_write (f->as, MSIP (0), 1, 1), !=, MDL_MEM_OK);
  g_assert_cmpint (mdl_address_space_read (f->as, MTIMECMP (0) + 4, 8, &v), !=, MDL_MEM_OK);
  g_assert_false (msip (f, 0));
}

static void
check_refused (uint64_t timebase, uint64_t size, const char *message_part)
{
  g_autoptr (MdlMachine) m = mdl_machine_new ();
  g_autoptr (GError) error = NULL;
  MdlDevice *clint = hw_test_device_new (m, "riscv,clint0", "clint@0", 0, size);

  mdl_device_set_prop_u64 (clint, "timebase-frequency", timebase);
  g_assert_false (hw_test_realize (clint, NULL, &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "clint@0"));
  g_assert_nonnull (strstr (error->message, message_part));
}

static void
test_bad_properties (void)
{
  check_refused (0, 0x10000, "timebase-frequency");
  check_refused (UINT64_C (2000000000000), 0x10000, "timebase-frequency");
  check_refused (10000000, 0x1000, "mtime");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn, data) \
  g_test_add ("/hw/clint/" path, Fixture, data, fixture_set_up, fn, fixture_tear_down)
  ADD ("reset-values", test_reset_values, NULL);
  ADD ("msip", test_msip, NULL);
  ADD ("mtime", test_mtime, NULL);
  ADD ("timer", test_timer, NULL);
  ADD ("timer-halves", test_timer_halves, NULL);
  ADD ("timer-rounding", test_timer_rounding, GUINT_TO_POINTER (3000000));
  ADD ("mtime-write", test_mtime_write, NULL);
  ADD ("harts", test_harts, NULL);
  ADD ("machine-reset", test_machine_reset, NULL);
  ADD ("access-sizes", test_access_sizes, NULL);
#undef ADD
  g_test_add_func ("/hw/clint/bad-properties", test_bad_properties);

  return g_test_run ();
}
