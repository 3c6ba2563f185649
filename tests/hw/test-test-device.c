/* The SiFive test finisher: pass, fail, reset, and what it ignores. */
#include "hw-test.h"

#define BASE UINT64_C (0x100000)

typedef struct {
  MdlMachine      *m;
  MdlAddressSpace *as;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->m = mdl_machine_new ();
  f->as = mdl_machine_add_address_space (f->m, "bus");
  MdlDevice *dev = hw_test_device_new (f->m, "sifive,test0", "test@100000",
                                       BASE, 0x1000);
  g_assert_true (hw_test_realize (dev, f->as, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  mdl_machine_free (f->m);
}

static void
assert_stopped (Fixture *f, int exit_code, const char *message)
{
  g_assert_cmpint (mdl_machine_stop_reason (f->m), ==, MDL_STOP_GUEST_EXIT);
  g_assert_cmpint (mdl_machine_exit_code (f->m), ==, exit_code);
  g_assert_cmpstr (mdl_machine_stop_message (f->m), ==, message);
}

static void
test_pass (Fixture *f, gconstpointer data)
{
  hw_test_write (f->as, BASE, 4, 0x5555);
  assert_stopped (f, 0, "guest reported success");
  /* The machine reports the stop from run(). */
  g_assert_cmpint (mdl_machine_run (f->m, MDL_PS_PER_US), ==, MDL_STOP_GUEST_EXIT);
}

static void
test_pass_halfword (Fixture *f, gconstpointer data)
{
  hw_test_write (f->as, BASE, 2, 0x5555);
  assert_stopped (f, 0, "guest reported success");
}

static void
test_fail (Fixture *f, gconstpointer data)
{
  hw_test_write (f->as, BASE, 4, (42 << 16) | 0x3333);
  assert_stopped (f, 42, "guest reported failure 42");
}

static void
test_fail_max_code (Fixture *f, gconstpointer data)
{
  hw_test_write (f->as, BASE, 4, 0xffff3333);
  assert_stopped (f, 0xffff, "guest reported failure 65535");
}

static void
test_fail_without_code (Fixture *f, gconstpointer data)
{
  /* A failure must not exit 0, even with no code (QEMU would). */
  hw_test_write (f->as, BASE, 4, 0x3333);
  assert_stopped (f, 1, "guest reported failure 0");
}

static bool
count_reset (MdlMachine *m, void *data, GError **error)
{
  (*(unsigned *) data)++;
  return true;
}

static void
test_reset_request (Fixture *f, gconstpointer data)
{
  unsigned resets = 0;

  /* Without a handler the run stops and says why. */
  hw_test_write (f->as, BASE, 4, 0x7777);
  g_assert_cmpint (mdl_machine_stop_reason (f->m), ==, MDL_STOP_RESET);
  g_assert_cmpstr (mdl_machine_stop_message (f->m), ==, "guest requested a reset");
  g_assert_cmpint (mdl_machine_run (f->m, MDL_PS_PER_US), ==, MDL_STOP_RESET);

  /* With one (a board's), the machine resets and runs on. */
  mdl_machine_set_reset_handler (f->m, count_reset, &resets);
  g_assert_cmpint (mdl_machine_run (f->m, MDL_PS_PER_US), ==, MDL_STOP_NONE);
  g_assert_cmpuint (resets, ==, 1);
  hw_test_write (f->as, BASE, 4, 0x7777);
  g_assert_cmpint (mdl_machine_run (f->m, 2 * MDL_PS_PER_US), ==, MDL_STOP_NONE);
  g_assert_cmpuint (resets, ==, 2);
  /* Time went on through both resets. */
  g_assert_cmpuint (mdl_machine_now (f->m), ==, 3 * MDL_PS_PER_US);
}

static void
test_ignored (Fixture *f, gconstpointer data)
{
  uint64_t v;

  hw_test_write (f->as, BASE, 4, 0x1234);
  hw_test_write (f->as, BASE, 4, 0);
  hw_test_write (f->as, BASE + 4, 4, 0x5555);   /* only offset 0 counts */
  hw_test_write (f->as, BASE + 0xffc, 4, 0x3333);
  g_assert_cmpint (mdl_machine_stop_reason (f->m), ==, MDL_STOP_NONE);
  g_assert_cmphex (hw_test_read (f->as, BASE, 4), ==, 0);
  g_assert_cmphex (hw_test_read (f->as, BASE + 8, 2), ==, 0);
  /* Byte and doubleword accesses are refused, as on QEMU. */
  g_assert_cmpint (mdl_address_space_write (f->as, BASE, 1, 0x55), !=, MDL_MEM_OK);
  g_assert_cmpint (mdl_address_space_read (f->as, BASE, 8, &v), !=, MDL_MEM_OK);
  g_assert_cmpint (mdl_machine_stop_reason (f->m), ==, MDL_STOP_NONE);
}

static void
test_first_stop_wins (Fixture *f, gconstpointer data)
{
  hw_test_write (f->as, BASE, 4, (3 << 16) | 0x3333);
  hw_test_write (f->as, BASE, 4, 0x5555);
  assert_stopped (f, 3, "guest reported failure 3");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/hw/test-device/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("pass", test_pass);
  ADD ("pass-halfword", test_pass_halfword);
  ADD ("fail", test_fail);
  ADD ("fail-max-code", test_fail_max_code);
  ADD ("fail-without-code", test_fail_without_code);
  ADD ("reset-request", test_reset_request);
  ADD ("ignored", test_ignored);
  ADD ("first-stop-wins", test_first_stop_wins);
#undef ADD

  return g_test_run ();
}
