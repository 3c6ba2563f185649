/* Lock-step test of the translating tier (docs/translator.md), for every
 * architecture with a frontend: one board and firmware run twice side by
 * side, interpreted and translated, in short slices of virtual time;
 * after every slice both machines must agree on the stop reason, every
 * CPU's retired instructions, local time, run state and every register
 * the class shows (CSRs, counters and system registers included, and
 * both halves of registers wider than 64 bits), and the console output
 * so far.
 *
 *   test-jit-lockstep [--slice-ns N] [--cache-bytes N] [--expect-flushes]
 *                     [--max-ms N] [--expect TEXT] BOARD [ELF]
 *
 * Without ELF the board's own firmware runs (U-Boot's board); --expect
 * requires TEXT in the console at the end (a prompt reached).
 *
 * --step makes the reference the interpreter stepped one instruction at
 * a time (mdl_machine_step; one CPU), compared with both tiers run
 * normally: every event then fires between two runs, never inside one,
 * which is what a CPU's own events (mdl_event_init_own, SysTick) must
 * be indistinguishable from.  The machines' times are not compared (a
 * stepped machine's is its CPU's), the CPUs' are.
 *
 * --cache-bytes gives the translated machine a small code memory, so
 * that it fills and flushes (--expect-flushes then requires that it
 * did).  Exit status 0 when the runs agree to the end and the translated
 * one did translate; 1 with the first difference on stderr; 2 on bad
 * input.
 */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/board.h"
#include "engine/jit-cache.h"
#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

typedef struct {
  MdlBoard   *board;
  GString    *console;
  const char *name;
} Side;

static void
on_serial (MdlDevice *uart, const uint8_t *bytes, size_t len, void *data)
{
  GString *console = data;

  g_string_append_len (console, (const char *) bytes, (gssize) len);
}

static bool
side_open (Side *side, const char *board_path, const char *elf, MdlTier tier,
           size_t cache_bytes)
{
  g_autoptr(GError) error = NULL;
  const char *search[] = { MDL_BUILD_ROOT "/boards", NULL };

  side->board = mdl_board_load (board_path, search, &error);
  if (side->board == NULL
      || (elf != NULL && !mdl_board_set_firmware (side->board, NULL, elf, &error))
      || !mdl_board_load_firmware (side->board, &error)) {
    fprintf (stderr, "test-jit-lockstep: %s\n", error->message);
    return false;
  }
  side->console = g_string_new (NULL);
  mdl_machine_set_serial_out (side->board->machine, on_serial, side->console);
  mdl_machine_set_tier (side->board->machine, tier);
  if (cache_bytes)
    mdl_machine_set_jit_cache_size (side->board->machine, cache_bytes);
  return true;
}

/* The first difference between the two machines, or NULL. */
static char *
compare (Side *a, Side *b, MdlStopReason ra, MdlStopReason rb, bool stepped)
{
  MdlMachine *ma = a->board->machine, *mb = b->board->machine;

  if (ra != rb)
    return g_strdup_printf ("stop reason %s / %s", mdl_stop_reason_name (ra),
                            mdl_stop_reason_name (rb));
  if (!stepped && mdl_machine_now (ma) != mdl_machine_now (mb))
    return g_strdup_printf ("machine time %" G_GUINT64_FORMAT " / %" G_GUINT64_FORMAT,
                            mdl_machine_now (ma), mdl_machine_now (mb));
  if (!g_string_equal (a->console, b->console))
    return g_strdup_printf ("console output differs:\n--- %s\n%s\n--- %s\n%s",
                            a->name, a->console->str, b->name, b->console->str);
  for (unsigned i = 0; i < mdl_machine_n_cpus (ma); i++) {
    MdlCpu *ca = mdl_machine_cpu (ma, i), *cb = mdl_machine_cpu (mb, i);
    const MdlCpuClass *cls = ca->cls;

    if (ca->retired != cb->retired || ca->time_ps != cb->time_ps || ca->state != cb->state)
      return g_strdup_printf ("%s: retired %" G_GUINT64_FORMAT " / %" G_GUINT64_FORMAT
                              ", time %" G_GUINT64_FORMAT " / %" G_GUINT64_FORMAT
                              ", state %d / %d",
                              ca->name, ca->retired, cb->retired, ca->time_ps, cb->time_ps,
                              ca->state, cb->state);
    for (unsigned r = 0; r < cls->n_regs; r++) {
      uint64_t va = cls->reg_read (ca, r), vb = cls->reg_read (cb, r);

      if (va != vb)
        return g_strdup_printf ("%s: %s = 0x%" G_GINT64_MODIFIER "x / 0x%" G_GINT64_MODIFIER
                                "x after %" G_GUINT64_FORMAT " instructions",
                                ca->name, cls->regs[r].name, va, vb, ca->retired);
      if (cls->reg_read_hi != NULL) {
        va = cls->reg_read_hi (ca, r), vb = cls->reg_read_hi (cb, r);
        if (va != vb)
          return g_strdup_printf ("%s: %s bits 127:64 = 0x%" G_GINT64_MODIFIER "x / 0x%"
                                  G_GINT64_MODIFIER "x after %" G_GUINT64_FORMAT " instructions",
                                  ca->name, cls->regs[r].name, va, vb, ca->retired);
      }
    }
  }
  return NULL;
}

/* Steps @m's one CPU until its time reaches @until ps or the machine
 * stops: where a run() towards @until would have ended. */
static MdlStopReason
step_until (MdlMachine *m, uint64_t until)
{
  MdlCpu *cpu = mdl_machine_cpu (m, 0);
  MdlStopReason r = MDL_STOP_NONE;

  while (r == MDL_STOP_NONE && cpu->time_ps < until && cpu->state != MDL_CPU_HALTED) {
    /* Waiting, a step would skip to the next event, past @until perhaps:
     * one cycle at a time instead, in which the CPU retires at most one
     * instruction once woken. */
    if (cpu->state == MDL_CPU_WAITING)
      r = mdl_machine_run (m, MIN (cpu->period_ps, until - mdl_machine_now (m)));
    else
      r = mdl_machine_step (m, cpu);
  }
  return r;
}

int
main (int argc, char **argv)
{
  gint64 slice_ns = 10000, max_ms = 10000, cache_bytes = 0;
  gboolean expect_flushes = FALSE, step = FALSE;
  char *expect = NULL;
  GOptionEntry entries[] = {
    { "slice-ns", 0, 0, G_OPTION_ARG_INT64, &slice_ns, "Virtual time between comparisons", "NS" },
    { "cache-bytes", 0, 0, G_OPTION_ARG_INT64, &cache_bytes,
      "Code memory of the translated side", "N" },
    { "expect-flushes", 0, 0, G_OPTION_ARG_NONE, &expect_flushes, "Require cache flushes", NULL },
    { "max-ms", 0, 0, G_OPTION_ARG_INT64, &max_ms, "Virtual time limit", "MS" },
    { "step", 0, 0, G_OPTION_ARG_NONE, &step,
      "Compare both tiers with the interpreter stepped one instruction at a time", NULL },
    { "expect", 0, 0, G_OPTION_ARG_STRING, &expect, "Text the console must show at the end",
      "TEXT" },
    { NULL },
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("BOARD [ELF]");
  const char *elf;
  g_autoptr(GError) error = NULL;
  Side interp = { .name = "interpreted" }, jit = { .name = "translated" };
  Side stepped = { .name = "stepped" };
  uint64_t elapsed = 0, limit, slice;
  MdlJitStats stats = { 0 };
  int status = 0;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc < 2 || argc > 3) {
    fprintf (stderr, "test-jit-lockstep: %s\n", error ? error->message : "expected BOARD [ELF]");
    return 2;
  }
  if (!mdl_jit_host_supported ()) {
    printf ("SKIP: this host has no translating tier\n");
    return 77;
  }
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  elf = argc == 3 ? argv[2] : NULL;
  if (!side_open (&interp, argv[1], elf, MDL_TIER_INTERPRET, 0)
      || !side_open (&jit, argv[1], elf, MDL_TIER_TRANSLATE, (size_t) cache_bytes)
      || (step && !side_open (&stepped, argv[1], elf, MDL_TIER_INTERPRET, 0)))
    return 2;
  if (step && mdl_machine_n_cpus (stepped.board->machine) != 1) {
    fprintf (stderr, "test-jit-lockstep: --step takes a board with one CPU\n");
    return 2;
  }

  slice = (uint64_t) slice_ns * MDL_PS_PER_NS;
  limit = (uint64_t) max_ms * MDL_PS_PER_MS;
  for (;;) {
    MdlStopReason ra = mdl_machine_run (interp.board->machine, slice);
    MdlStopReason rb = mdl_machine_run (jit.board->machine, slice);
    g_autofree char *diff = NULL;

    elapsed += slice;
    if (step) {
      MdlStopReason rs = step_until (stepped.board->machine, elapsed);

      diff = compare (&stepped, &interp, rs, ra, true);
      if (diff == NULL)
        diff = compare (&stepped, &jit, rs, rb, true);
    } else
      diff = compare (&interp, &jit, ra, rb, false);
    if (diff != NULL) {
      fprintf (stderr, "test-jit-lockstep: %s: the tiers differ after %" G_GUINT64_FORMAT
               " ns: %s\n", argv[argc - 1], elapsed / MDL_PS_PER_NS, diff);
      status = 1;
      break;
    }
    if (ra != MDL_STOP_NONE || elapsed >= limit) {
      printf ("%s: %s after %" G_GUINT64_FORMAT " instructions, exit code %d\n", argv[argc - 1],
              mdl_stop_reason_name (ra), mdl_machine_cpu (interp.board->machine, 0)->retired,
              mdl_machine_exit_code (interp.board->machine));
      break;
    }
  }

  for (unsigned i = 0; i < mdl_machine_n_cpus (jit.board->machine); i++) {
    MdlCpu *cpu = mdl_machine_cpu (jit.board->machine, i);
    MdlJitStats s;

    if (cpu->jit == NULL)
      continue;
    mdl_jit_get_stats (cpu->jit, &s);
    stats.translations += s.translations;
    stats.flushes += s.flushes;
    stats.chains += s.chains;
  }
  printf ("translated blocks %" G_GUINT64_FORMAT ", flushes %" G_GUINT64_FORMAT
          ", chains %" G_GUINT64_FORMAT "\n", stats.translations, stats.flushes, stats.chains);
  if (status == 0 && stats.translations == 0) {
    fprintf (stderr, "test-jit-lockstep: nothing was translated\n");
    status = 1;
  }
  if (status == 0 && expect != NULL && strstr (jit.console->str, expect) == NULL) {
    fprintf (stderr, "test-jit-lockstep: the console never showed %s:\n%s\n", expect,
             jit.console->str);
    status = 1;
  }
  g_free (expect);
  if (status == 0 && expect_flushes && stats.flushes == 0) {
    fprintf (stderr, "test-jit-lockstep: the cache never filled up\n");
    status = 1;
  }
  g_string_free (interp.console, TRUE);
  g_string_free (jit.console, TRUE);
  mdl_board_free (interp.board);
  mdl_board_free (jit.board);
  if (step) {
    g_string_free (stepped.console, TRUE);
    mdl_board_free (stepped.board);
  }
  return status;
}
