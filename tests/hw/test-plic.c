/* The PLIC: priorities, enables, thresholds, claim and complete with
 * level-triggered sources, per context. */
#include "hw-test.h"

#define BASE           UINT64_C (0xc000000)
#define PRIORITY(id)   (BASE + 4 * (id))
#define PENDING(w)     (BASE + 0x1000 + 4 * (w))
#define ENABLE(c, w)   (BASE + 0x2000 + 0x80 * (c) + 4 * (w))
#define THRESHOLD(c)   (BASE + 0x200000 + 0x1000 * (c))
#define CLAIM(c)       (BASE + 0x200004 + 0x1000 * (c))

typedef struct {
  MdlMachine      *m;
  MdlAddressSpace *as;
  MdlDevice       *plic;
  MdlIrqLine      *src[96];   /* what a device's output would drive */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->m = mdl_machine_new ();
  f->as = mdl_machine_add_address_space (f->m, "bus");
  f->plic = hw_test_device_new (f->m, "sifive,plic-1.0.0", "plic@c000000", BASE, 0x600000);
  g_assert_true (hw_test_realize (f->plic, f->as, &error));
  g_assert_no_error (error);
  for (unsigned i = 0; i < 96; i++)
    f->src[i] = mdl_irq_line_to_device (f->m, f->plic, i);
  mdl_machine_reset (f->m);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  mdl_machine_free (f->m);
}

/* Context @c's output: hart c / 2's MEIP (even) or SEIP (odd). */
static bool
out (Fixture *f, unsigned c)
{
  return hw_test_irq_level (f->plic, c);
}

static void
wr (Fixture *f, uint64_t addr, uint32_t value)
{
  hw_test_write (f->as, addr, 4, value);
}

static uint32_t
rd (Fixture *f, uint64_t addr)
{
  return (uint32_t) hw_test_read (f->as, addr, 4);
}

static void
test_reset_values (Fixture *f, gconstpointer data)
{
  g_assert_cmpuint (f->plic->cls->n_irq_in, ==, 96);
  g_assert_cmpuint (f->plic->cls->n_irq_out, ==, 16);
  g_assert_cmphex (rd (f, PRIORITY (1)), ==, 0);
  g_assert_cmphex (rd (f, PENDING (0)), ==, 0);
  g_assert_cmphex (rd (f, ENABLE (0, 0)), ==, 0);
  g_assert_cmphex (rd (f, THRESHOLD (0)), ==, 0);
  g_assert_cmphex (rd (f, CLAIM (0)), ==, 0);
  for (unsigned c = 0; c < 16; c++)
    g_assert_false (out (f, c));
}

static void
test_registers (Fixture *f, gconstpointer data)
{
  /* Priorities have three bits; source 0 has none. */
  wr (f, PRIORITY (10), 0xffffffff);
  g_assert_cmphex (rd (f, PRIORITY (10)), ==, 7);
  wr (f, PRIORITY (0), 5);
  g_assert_cmphex (rd (f, PRIORITY (0)), ==, 0);
  /* Enables exist for sources 1..95 only. */
  wr (f, ENABLE (1, 0), 0xffffffff);
  g_assert_cmphex (rd (f, ENABLE (1, 0)), ==, 0xfffffffe);
  wr (f, ENABLE (1, 2), 0xffffffff);
  g_assert_cmphex (rd (f, ENABLE (1, 2)), ==, 0xffffffff);
  g_assert_cmphex (rd (f, ENABLE (0, 0)), ==, 0);
  wr (f, THRESHOLD (3), 0x1f);
  g_assert_cmphex (rd (f, THRESHOLD (3)), ==, 7);
  /* Pending bits are the lines', not the guest's. */
  wr (f, PENDING (0), 0xffffffff);
  g_assert_cmphex (rd (f, PENDING (0)), ==, 0);
  /* An 8-byte access covers two words. */
  hw_test_write (f->as, ENABLE (2, 0), 8, UINT64_C (0x0000000300000006));
  g_assert_cmphex (rd (f, ENABLE (2, 1)), ==, 3);
  g_assert_cmphex (hw_test_read (f->as, ENABLE (2, 0), 8), ==, UINT64_C (0x0000000300000006));
}

static void
test_claim_complete (Fixture *f, gconstpointer data)
{
  /* UART on source 10 to hart 0's S-mode context (1). */
  wr (f, PRIORITY (10), 1);
  wr (f, ENABLE (1, 0), 1u << 10);
  mdl_irq_set (f->src[10], true);
  g_assert_cmphex (rd (f, PENDING (0)), ==, 1u << 10);
  g_assert_true (out (f, 1));
  g_assert_false (out (f, 0));   /* M-mode context has nothing enabled */

  g_assert_cmpuint (rd (f, CLAIM (1)), ==, 10);
  g_assert_cmphex (rd (f, PENDING (0)), ==, 0);
  g_assert_false (out (f, 1));
  /* In service: a second claim finds nothing. */
  g_assert_cmpuint (rd (f, CLAIM (1)), ==, 0);

  /* The line stays high (the handler has not drained the UART): complete
   * pends it again. */
  wr (f, CLAIM (1), 10);
  g_assert_true (out (f, 1));
  g_assert_cmpuint (rd (f, CLAIM (1)), ==, 10);
  /* The handler drains it, then completes: nothing more. */
  mdl_irq_set (f->src[10], false);
  g_assert_false (out (f, 1));
  wr (f, CLAIM (1), 10);
  g_assert_false (out (f, 1));
  g_assert_cmphex (rd (f, PENDING (0)), ==, 0);
  g_assert_cmpuint (hw_test_irq_rises (f->plic, 1), ==, 2);
}

static void
test_level_withdrawn (Fixture *f, gconstpointer data)
{
  wr (f, PRIORITY (3), 1);
  wr (f, ENABLE (0, 0), 1u << 3);
  mdl_irq_set (f->src[3], true);
  g_assert_true (out (f, 0));
  /* A line that falls before the claim takes its request back. */
  mdl_irq_set (f->src[3], false);
  g_assert_false (out (f, 0));
  g_assert_cmpuint (rd (f, CLAIM (0)), ==, 0);
}

static void
test_priority_threshold (Fixture *f, gconstpointer data)
{
  wr (f, PRIORITY (5), 2);
  wr (f, PRIORITY (40), 6);
  wr (f, PRIORITY (41), 6);
  wr (f, ENABLE (0, 0), 1u << 5);
  wr (f, ENABLE (0, 1), (1u << 8) | (1u << 9));
  mdl_irq_set (f->src[5], true);
  mdl_irq_set (f->src[41], true);
  mdl_irq_set (f->src[40], true);
  g_assert_cmphex (rd (f, PENDING (1)), ==, (1u << 8) | (1u << 9));

  /* The threshold masks its own level and below. */
  wr (f, THRESHOLD (0), 6);
  g_assert_false (out (f, 0));
  g_assert_cmpuint (rd (f, CLAIM (0)), ==, 0);
  wr (f, THRESHOLD (0), 2);
  g_assert_true (out (f, 0));
  /* Highest priority first, the lower id on a tie. */
  g_assert_cmpuint (rd (f, CLAIM (0)), ==, 40);
  g_assert_cmpuint (rd (f, CLAIM (0)), ==, 41);
  g_assert_false (out (f, 0));   /* 5 has priority 2, not above 2 */
  wr (f, THRESHOLD (0), 1);
  g_assert_cmpuint (rd (f, CLAIM (0)), ==, 5);

  /* Priority 0 never interrupts, whatever the threshold. */
  wr (f, CLAIM (0), 5);
  wr (f, PRIORITY (5), 0);
  wr (f, THRESHOLD (0), 0);
  g_assert_false (out (f, 0));
}

static void
test_contexts (Fixture *f, gconstpointer data)
{
  /* Hart 3's S context (7) and hart 2's M context (4) share source 1. */
  wr (f, PRIORITY (1), 1);
  wr (f, ENABLE (7, 0), 1u << 1);
  wr (f, ENABLE (4, 0), 1u << 1);
  mdl_irq_set (f->src[1], true);
  g_assert_true (out (f, 7));
  g_assert_true (out (f, 4));
  /* Whoever claims first gets it; the other context goes quiet. */
  g_assert_cmpuint (rd (f, CLAIM (4)), ==, 1);
  g_assert_false (out (f, 7));
  g_assert_cmpuint (rd (f, CLAIM (7)), ==, 0);
  /* A complete from a context without the source enabled is ignored. */
  wr (f, CLAIM (0), 1);
  g_assert_false (out (f, 7));
  wr (f, CLAIM (7), 1);
  g_assert_true (out (f, 7));
  g_assert_true (out (f, 4));
  /* Disabling drops the output at once. */
  wr (f, ENABLE (7, 0), 0);
  g_assert_false (out (f, 7));
}

static void
test_machine_reset (Fixture *f, gconstpointer data)
{
  wr (f, PRIORITY (2), 3);
  wr (f, ENABLE (0, 0), 1u << 2);
  mdl_irq_set (f->src[2], true);
  g_assert_true (out (f, 0));
  mdl_machine_reset (f->m);
  g_assert_cmphex (rd (f, PRIORITY (2)), ==, 0);
  g_assert_cmphex (rd (f, ENABLE (0, 0)), ==, 0);
  g_assert_cmphex (rd (f, PENDING (0)), ==, 0);
  g_assert_false (out (f, 0));
}

static void
test_bad_properties (void)
{
  g_autoptr (MdlMachine) m = mdl_machine_new ();
  g_autoptr (GError) error = NULL;
  MdlDevice *plic = hw_test_device_new (m, "sifive,plic-1.0.0", "plic@0", 0, 0x600000);

  mdl_device_set_prop_u64 (plic, "riscv,ndev", 96);
  g_assert_false (hw_test_realize (plic, NULL, &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "riscv,ndev"));
  g_clear_error (&error);

  plic = hw_test_device_new (m, "sifive,plic-1.0.0", "plic@0", 0, 0x4000);
  g_assert_false (hw_test_realize (plic, NULL, &error));
  g_assert_nonnull (strstr (error->message, "plic@0"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/hw/plic/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("reset-values", test_reset_values);
  ADD ("registers", test_registers);
  ADD ("claim-complete", test_claim_complete);
  ADD ("level-withdrawn", test_level_withdrawn);
  ADD ("priority-threshold", test_priority_threshold);
  ADD ("contexts", test_contexts);
  ADD ("machine-reset", test_machine_reset);
#undef ADD
  g_test_add_func ("/hw/plic/bad-properties", test_bad_properties);

  return g_test_run ();
}
