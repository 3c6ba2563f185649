/* What an execution history costs (engine/snapshot.h): the same board run
 * for a span of virtual time without a history and with one (a state
 * every interval), reporting wall time, the states kept and the memory
 * they hold, and what one reverse step and one reverse continue back to
 * the start take at the end.  The history runs twice: finding the RAM
 * pages written since the previous state by their write protection
 * (engine/dirty-pages.h, the default), and by comparing every page
 * (MEDLEY_DIRTY_PAGES=0, as before that existed).  A benchmark (suite
 * speed): it prints, and fails only when a run does.
 *
 * usage: snapshot-cost BOARD FIRMWARE_DIR [SECONDS [INTERVAL_MS]] */
#include <stdio.h>
#include <stdlib.h>

#include "engine/board.h"
#include "engine/registry.h"
#include "engine/snapshot.h"
#include "hw/devices.h"
#include "targets/targets.h"

static const char *firmware_dir;

static double
run (const char *path, uint64_t span_ps, uint64_t interval_ps, bool history, bool tracked)
{
  const char *search[] = { firmware_dir, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (MdlBoard) board = mdl_board_load (path, search, &error);
  MdlMachine *m;
  gint64 t0, t1;
  MdlHistoryStats stats;
  MdlStopReason why = MDL_STOP_NONE;

  if (board == NULL || !mdl_board_load_firmware (board, &error)) {
    g_printerr ("snapshot-cost: %s\n", error->message);
    exit (1);
  }
  m = board->machine;
  if (history) {
    g_setenv ("MEDLEY_DIRTY_PAGES", tracked ? "1" : "0", TRUE);
    mdl_machine_enable_history (m, interval_ps, (size_t) 4 << 30);
  }
  t0 = g_get_monotonic_time ();
  /* In the runner's slices of 1 ms, as the window and gdb run it. */
  for (uint64_t t = 0; t < span_ps && why == MDL_STOP_NONE; t += MDL_PS_PER_MS)
    why = mdl_machine_run (m, MDL_PS_PER_MS);
  t1 = g_get_monotonic_time ();
  if (why != MDL_STOP_NONE)
    printf ("  (the guest stopped early: %s at %.3f s)\n", mdl_stop_reason_name (why),
            (double) mdl_machine_now (m) / MDL_PS_PER_S);
  if (history) {
    g_autoptr (GError) err = NULL;
    gint64 t2, t3;

    mdl_machine_history_stats (m, &stats);
    printf ("with history (%s):\n  %.2f s wall, %u states, %.1f MiB held "
            "(%.1f KiB a state), %" G_GUINT64_FORMAT " segments\n",
            tracked ? "pages written found by write protection" : "every page compared",
            (t1 - t0) / 1e6, stats.states, stats.bytes / 1048576.0,
            stats.states ? stats.bytes / 1024.0 / stats.states : 0.0, stats.segments);
    mdl_machine_clear_stop (m);
    t2 = g_get_monotonic_time ();
    if (!mdl_machine_reverse_step (m, mdl_machine_cpu (m, 0), &err)) {
      g_printerr ("snapshot-cost: reverse step: %s\n", err->message);
      exit (1);
    }
    t3 = g_get_monotonic_time ();
    printf ("  one reverse step: %.1f ms\n", (t3 - t2) / 1e3);
    mdl_machine_reverse_continue (m, NULL);
    printf ("  reverse continue to the oldest state kept: %.1f ms\n",
            (g_get_monotonic_time () - t3) / 1e3);
  } else {
    printf ("without history: %.2f s wall\n", (t1 - t0) / 1e6);
  }
  return (t1 - t0) / 1e6;
}

int
main (int argc, char **argv)
{
  double seconds = argc > 3 ? g_ascii_strtod (argv[3], NULL) : 10;
  double interval_ms = argc > 4 ? g_ascii_strtod (argv[4], NULL) : 10;
  uint64_t span = (uint64_t) (seconds * MDL_PS_PER_S);
  double plain, kept, compared;

  if (argc < 3) {
    g_printerr ("usage: snapshot-cost BOARD FIRMWARE_DIR [SECONDS [INTERVAL_MS]]\n");
    return 2;
  }
  firmware_dir = argv[2];
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  printf ("%s, %.1f s of virtual time, a state every %.1f ms\n", argv[1], seconds, interval_ms);
  plain = run (argv[1], span, 0, false, false);
  compared = run (argv[1], span, (uint64_t) (interval_ms * MDL_PS_PER_MS), true, false);
  kept = run (argv[1], span, (uint64_t) (interval_ms * MDL_PS_PER_MS), true, true);
  printf ("history cost: %+.0f %% wall time (%+.0f %% comparing every page)\n",
          plain > 0 ? (kept / plain - 1) * 100 : 0.0,
          plain > 0 ? (compared / plain - 1) * 100 : 0.0);
  return 0;
}
