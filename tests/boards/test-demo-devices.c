/* The GPIO and framebuffer demos with their real firmware: the counter
 * drives the 7-segment pins and answers a button pressed from outside
 * (as a canvas part does), in virtual time; and the same devices seen the
 * way views see them, through a runner: device states in snapshots, a
 * button press and a frame rendered on the engine thread. */
#include <string.h>

#include "engine/board.h"
#include "engine/registry.h"
#include "engine/runner.h"
#include "hw/devices.h"
#include "hw/framebuffer.h"
#include "hw/gpio.h"
#include "targets/targets.h"

#define PIN_DP     7
#define PIN_BUTTON 8
#define PIN_LED    9
#define WAIT_US    (10 * G_USEC_PER_SEC)

static const uint8_t digits[10] = {
  0x3f, 0x06, 0x5b, 0x4f, 0x66, 0x6d, 0x7d, 0x07, 0x7f, 0x6f,
};

static MdlBoard *
load (const char *dts, const char *elf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (MDL_SOURCE_ROOT, "boards", dts, NULL);
  g_autoptr(MdlBoard) board = mdl_board_load (path, NULL, &error);

  g_assert_no_error (error);
  mdl_board_set_firmware (board, NULL, elf, &error);
  g_assert_no_error (error);
  mdl_board_load_firmware (board, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&board);
}

static MdlDevice *
find_gpio (MdlMachine *m)
{
  for (unsigned i = 0; i < mdl_machine_n_devices (m); i++)
    if (mdl_machine_device (m, i)->cls == &mdl_gpio_class)
      return mdl_machine_device (m, i);
  g_error ("the board has no GPIO block");
}

/* Runs until virtual time @until_ps. */
static void
run_to (MdlMachine *m, uint64_t until_ps)
{
  uint64_t now = mdl_machine_now (m);

  g_assert_cmpuint (until_ps, >, now);
  g_assert_cmpint (mdl_machine_run (m, until_ps - now), ==, MDL_STOP_NONE);
}

static void
test_counter (void)
{
  g_autoptr(MdlBoard) board = load ("gpio-demo.dts", MDL_COUNTER_ELF);
  MdlMachine *m = board->machine;
  MdlDevice *gpio = find_gpio (m);
  const uint64_t half = MDL_PS_PER_S / 2, ms = MDL_PS_PER_MS;

  /* A step every half second (plus the start-up's few milliseconds), up
   * from 0: checks fall between steps. */
  run_to (m, half / 2);
  g_assert_cmphex (mdl_gpio_levels (gpio), ==, digits[0]);
  run_to (m, 3 * half / 2);
  g_assert_cmphex (mdl_gpio_levels (gpio), ==, digits[1]);

  /* Pressed: the point lights while held, the LED says "down". */
  mdl_gpio_set_input (gpio, PIN_BUTTON, true);
  run_to (m, 3 * half / 2 + 10 * ms);
  g_assert_cmphex (mdl_gpio_levels (gpio), ==,
                   digits[1] | 1u << PIN_DP | 1u << PIN_BUTTON | 1u << PIN_LED);
  mdl_gpio_set_input (gpio, PIN_BUTTON, false);
  run_to (m, 5 * half / 2);
  g_assert_cmphex (mdl_gpio_levels (gpio), ==, digits[0] | 1u << PIN_LED);
  run_to (m, 7 * half / 2);
  g_assert_cmphex (mdl_gpio_levels (gpio), ==, digits[9] | 1u << PIN_LED);

  /* Pressed again (held long enough for the handler to see it held): up
   * once more, the LED off. */
  mdl_gpio_set_input (gpio, PIN_BUTTON, true);
  run_to (m, 7 * half / 2 + 10 * ms);
  mdl_gpio_set_input (gpio, PIN_BUTTON, false);
  run_to (m, 9 * half / 2);
  g_assert_cmphex (mdl_gpio_levels (gpio), ==, digits[0]);
}

typedef bool (*SnapTest) (const MdlSnapshot *snap, const void *arg);

/* Polls snapshots until @test holds; fails the test after 10 s. */
static MdlSnapshot *
wait_for (MdlRunner *runner, SnapTest test, const void *arg, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;

  for (;;) {
    MdlSnapshot *snap = mdl_runner_snapshot (runner);

    if (test (snap, arg))
      return snap;
    if (g_get_monotonic_time () > deadline)
      g_error ("timed out waiting for %s (state %s, message '%s')", what,
               mdl_runner_state_name (snap->state), snap->message);
    mdl_snapshot_unref (snap);
    g_usleep (1000);
  }
}

static const MdlGpioState *
gpio_state (const MdlSnapshot *snap, unsigned index)
{
  g_assert_cmpuint (index, <, snap->n_devices);
  g_assert_cmpuint (snap->devices[index].len, ==, sizeof (MdlGpioState));
  return (const MdlGpioState *) (void *) snap->devices[index].state;
}

static bool
outputs_set (const MdlSnapshot *snap, const void *arg)
{
  return gpio_state (snap, *(const unsigned *) arg)->dir != 0;
}

static bool
led_lit (const MdlSnapshot *snap, const void *arg)
{
  return gpio_state (snap, *(const unsigned *) arg)->levels & 1u << PIN_LED;
}

static bool
point_lit (const MdlSnapshot *snap, const void *arg)
{
  return gpio_state (snap, *(const unsigned *) arg)->levels & 1u << PIN_DP;
}

static void
nothing (void *data)
{
}

static void
test_gpio_runner (void)
{
  MdlBoard *board = load ("gpio-demo.dts", MDL_COUNTER_ELF);
  unsigned index = find_gpio (board->machine)->index;
  g_autofree char *name = g_strdup (find_gpio (board->machine)->name);
  MdlRunner *runner = mdl_runner_new (board, nothing, NULL);
  MdlSnapshot *snap;

  g_assert_cmpint (mdl_runner_find_device (runner, MDL_VIEW_PINS, NULL, 0), ==, (int) index);
  g_assert_cmpint (mdl_runner_find_device (runner, MDL_VIEW_PINS, name, 0), ==, (int) index);
  g_assert_cmpint (mdl_runner_find_device (runner, MDL_VIEW_PINS, "no_such_part", 0), ==, -1);

  /* Devices without the hook publish nothing. */
  snap = mdl_runner_snapshot (runner);
  for (unsigned i = 0; i < snap->n_devices; i++)
    if (i != index)
      g_assert_cmpuint (snap->devices[i].len, ==, 0);
  mdl_snapshot_unref (snap);

  mdl_runner_run (runner);
  snap = wait_for (runner, outputs_set, &index, "the GPIO outputs");
  g_assert_cmphex (gpio_state (snap, index)->dir, ==, 0x7f | 1u << PIN_DP | 1u << PIN_LED);
  mdl_snapshot_unref (snap);

  /* Held until the firmware lit the point, as a click lasts. */
  g_assert_true (mdl_runner_set_device_pin (runner, index, PIN_BUTTON, true));
  mdl_snapshot_unref (wait_for (runner, point_lit, &index, "the decimal point"));
  g_assert_true (mdl_runner_set_device_pin (runner, index, PIN_BUTTON, false));
  g_assert_false (mdl_runner_set_device_pin (runner, 0, PIN_BUTTON, true));
  snap = wait_for (runner, led_lit, &index, "the LED");
  g_assert_cmphex (gpio_state (snap, index)->inputs, ==, 0);
  mdl_snapshot_unref (snap);
  mdl_runner_free (runner);
}

static int fb_index = -1;

static bool
frame_drawn (const MdlSnapshot *snap, const void *arg)
{
  const MdlFramebufferState *st = (const void *) snap->devices[fb_index].state;

  g_assert_cmpuint (snap->devices[fb_index].len, ==, sizeof *st);
  /* The palette turns once the picture is complete. */
  return st->width == 320 && st->frame_count > 10 && snap->state == MDL_RUNNER_PAUSED;
}

/* The @nth display's frame, as the display view gets it: the device's
 * number, then a render on the engine thread; false without that display
 * too. */
static bool
render_display (MdlRunner *runner, unsigned nth, uint64_t *generation_inout, unsigned scale_w,
                unsigned scale_h, uint32_t **pixels, unsigned *out_w, unsigned *out_h)
{
  int index = mdl_runner_find_device (runner, MDL_VIEW_DISPLAY, NULL, nth);

  return index >= 0 && mdl_runner_render_device (runner, (unsigned) index, generation_inout,
                                                 scale_w, scale_h, pixels, out_w, out_h);
}

static void
test_framebuffer_runner (void)
{
  MdlBoard *board = load ("framebuffer-demo.dts", MDL_MANDELBROT_ELF);
  MdlRunner *runner;
  MdlSnapshot *snap;
  g_autofree uint32_t *pixels = NULL;
  uint32_t *again = NULL;
  uint64_t gen = 0;
  unsigned w, h;

  fb_index = (int) mdl_framebuffer_find (board->machine, 0)->index;
  runner = mdl_runner_new (board, nothing, NULL);
  g_assert_cmpint (mdl_runner_find_device (runner, MDL_VIEW_DISPLAY, NULL, 0), ==, fb_index);
  g_assert_cmpint (mdl_runner_find_device (runner, MDL_VIEW_DISPLAY, NULL, 1), ==, -1);
  mdl_runner_run (runner);
  /* Paused, so that the frame holds still between the two renders. */
  for (;;) {
    const MdlFramebufferState *st;

    snap = mdl_runner_snapshot (runner);
    st = (const void *) snap->devices[fb_index].state;
    if (st != NULL && st->frame_count > 10) {
      mdl_snapshot_unref (snap);
      break;
    }
    mdl_snapshot_unref (snap);
    g_usleep (1000);
  }
  mdl_runner_pause (runner);
  snap = wait_for (runner, frame_drawn, NULL, "a drawn frame, paused");

  g_assert_true (render_display (runner, 0, &gen, 0, 0, &pixels, &w, &h));
  g_assert_cmpuint (w, ==, 320);
  g_assert_cmpuint (h, ==, 240);
  g_assert_cmpuint (gen, ==, ((const MdlFramebufferState *) (void *) snap->devices[fb_index].state)->generation);
  /* The set's inside is black; the corner is not. */
  g_assert_cmphex (pixels[120 * 320 + 200], ==, 0xff000000);
  g_assert_cmphex (pixels[0], !=, 0xff000000);
  /* Nothing changed since: nothing to do. */
  g_assert_false (render_display (runner, 0, &gen, 0, 0, &again, &w, &h));
  g_assert_null (again);
  g_assert_false (render_display (runner, 1, &gen, 0, 0, &again, &w, &h));
  mdl_snapshot_unref (snap);
  mdl_runner_free (runner);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  g_test_add_func ("/boards/gpio-demo/counter", test_counter);
  g_test_add_func ("/boards/gpio-demo/runner", test_gpio_runner);
  g_test_add_func ("/boards/framebuffer-demo/runner", test_framebuffer_runner);
  return g_test_run ();
}
