/* Drives a board's first UART like a person at U-Boot's prompt, in
 * virtual time only, so that a run is exactly repeatable:
 *
 *   uboot-console BOARD.dts [COMMAND...]
 *
 * boots until the console shows the prompt "=> ", then types each command
 * (with a carriage return, 1 ms of virtual time after the prompt, paced by
 * what the UART takes) and waits for the next prompt.  After "poweroff"
 * it waits for the machine to stop; after "reset" for the prompt of the
 * next boot.  The console goes to stdout; the last line is JSON with the
 * virtual time (ps) and wall time (s) at which each prompt appeared, how
 * the run ended and the instructions retired.  Exit status 0 when every
 * prompt came and the run ended as the commands asked.
 *
 * `medley run` feeds stdin as wall-clock time lets it; this harness is
 * what the determinism test and the benchmark use instead. */
#include <stdio.h>
#include <string.h>

#include "engine/board.h"
#include "engine/device.h"
#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

#define PROMPT      "=> "
#define MAX_TIME_PS (120 * MDL_PS_PER_S)
#define SLICE_PS    (100 * MDL_PS_PER_US)

typedef struct {
  MdlMachine *m;
  GString    *console;
  GArray     *prompt_ps;    /* uint64_t */
  GArray     *prompt_wall;  /* double */
  gint64      t0;
  bool        at_prompt;    /* the console ends with a fresh prompt */
} Session;

static void
on_serial (MdlDevice *uart, const uint8_t *bytes, size_t len, void *data)
{
  Session *s = data;

  fwrite (bytes, 1, len, stdout);
  g_string_append_len (s->console, (const char *) bytes, (gssize) len);
  if (g_str_has_suffix (s->console->str, PROMPT)) {
    uint64_t now = mdl_machine_now (s->m);
    double wall = (g_get_monotonic_time () - s->t0) / 1e6;

    g_array_append_val (s->prompt_ps, now);
    g_array_append_val (s->prompt_wall, wall);
    s->at_prompt = true;
  } else {
    s->at_prompt = false;
  }
}

/* Runs until a new prompt shows (true) or the machine stops or the time
 * runs out (false, *reason says which). */
static bool
run_to_prompt (Session *s, MdlStopReason *reason)
{
  unsigned before = s->prompt_ps->len;

  while (mdl_machine_now (s->m) < MAX_TIME_PS) {
    *reason = mdl_machine_run (s->m, SLICE_PS);
    if (*reason != MDL_STOP_NONE)
      return false;
    if (s->prompt_ps->len > before && s->at_prompt)
      return true;
  }
  *reason = MDL_STOP_TIME_LIMIT;
  return false;
}

/* Types @text into @uart as fast as its FIFO takes it. */
static MdlStopReason
type (Session *s, MdlDevice *uart, const char *text)
{
  size_t len = strlen (text), done = 0;
  MdlStopReason reason;

  /* A person answers the prompt a little later, not in the same cycle. */
  reason = mdl_machine_run (s->m, MDL_PS_PER_MS);
  while (reason == MDL_STOP_NONE && done < len) {
    size_t n = MIN (uart->cls->serial_can_receive (uart), len - done);
    if (n > 0)
      uart->cls->serial_input (uart, (const uint8_t *) text + done, n);
    done += n;
    reason = mdl_machine_run (s->m, SLICE_PS);
  }
  return reason;
}

static MdlDevice *
first_uart (MdlMachine *m)
{
  for (unsigned i = 0; i < mdl_machine_n_devices (m); i++)
    if (mdl_machine_device (m, i)->cls->serial_input != NULL)
      return mdl_machine_device (m, i);
  return NULL;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoard) board = NULL;
  Session s = { 0 };
  MdlStopReason reason = MDL_STOP_NONE;
  MdlDevice *uart;
  bool ok;
  uint64_t retired = 0;

  if (argc < 2) {
    fprintf (stderr, "usage: uboot-console BOARD.dts [COMMAND...]\n");
    return 2;
  }
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  board = mdl_board_load (argv[1], NULL, &error);
  if (board == NULL || !mdl_board_load_firmware (board, &error)) {
    fprintf (stderr, "uboot-console: %s\n", error->message);
    return 2;
  }
  s.m = board->machine;
  s.console = g_string_new (NULL);
  s.prompt_ps = g_array_new (FALSE, FALSE, sizeof (uint64_t));
  s.prompt_wall = g_array_new (FALSE, FALSE, sizeof (double));
  uart = first_uart (s.m);
  g_assert (uart != NULL);
  mdl_machine_set_serial_out (s.m, on_serial, &s);
  s.t0 = g_get_monotonic_time ();

  ok = run_to_prompt (&s, &reason);
  for (int i = 2; ok && i < argc; i++) {
    g_autofree char *line = g_strconcat (argv[i], "\r", NULL);
    bool ends = strcmp (argv[i], "poweroff") == 0;

    reason = type (&s, uart, line);
    if (reason != MDL_STOP_NONE) {
      ok = ends && reason == MDL_STOP_GUEST_EXIT;
      break;
    }
    ok = run_to_prompt (&s, &reason);
    if (ends)
      ok = !ok && reason == MDL_STOP_GUEST_EXIT;
  }
  fflush (stdout);
  for (unsigned i = 0; i < mdl_machine_n_cpus (s.m); i++)
    retired += mdl_machine_cpu (s.m, i)->retired;
  printf ("\n{\"prompt_ps\": [");
  for (guint i = 0; i < s.prompt_ps->len; i++)
    printf ("%s%" G_GUINT64_FORMAT, i ? ", " : "", g_array_index (s.prompt_ps, uint64_t, i));
  printf ("], \"prompt_wall_s\": [");
  for (guint i = 0; i < s.prompt_wall->len; i++)
    printf ("%s%.3f", i ? ", " : "", g_array_index (s.prompt_wall, double, i));
  printf ("], \"stop_reason\": \"%s\", \"exit_code\": %d, \"message\": \"%s\", "
          "\"virtual_time_ps\": %" G_GUINT64_FORMAT ", \"wall_time_s\": %.3f, "
          "\"instructions\": %" G_GUINT64_FORMAT ", \"ok\": %s}\n",
          mdl_stop_reason_name (reason), mdl_machine_exit_code (s.m),
          mdl_machine_stop_message (s.m), mdl_machine_now (s.m),
          (g_get_monotonic_time () - s.t0) / 1e6, retired, ok ? "true" : "false");
  g_string_free (s.console, TRUE);
  g_array_unref (s.prompt_ps);
  g_array_unref (s.prompt_wall);
  return ok ? 0 : 1;
}
