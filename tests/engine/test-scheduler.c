/* The deterministic round-robin scheduler: budgets from frequencies,
#include <string.h>
 * events fired as CPUs pass them, waiting CPUs skipping ahead, stops. */
#include "engine/machine.h"
#include "test-cpu.h"

typedef struct {
  MdlMachine *m;
  MdlEvent    ev;
  MdlIrqLine *line;
  GString    *log;
  uint64_t    fired_at, cpu_time_at_fire;
} Poke;

static void
poke_fire (void *opaque, uint64_t now)
{
  Poke *p = opaque;
  MdlCpu *cpu = mdl_machine_cpu (p->m, 0);

  p->fired_at = now;
  p->cpu_time_at_fire = cpu->time_ps;
  if (p->log)
    g_string_append_printf (p->log, "ev@%" G_GUINT64_FORMAT " ", now);
  if (p->line)
    mdl_irq_set (p->line, true);
}

static MdlMachine *
two_cpus (GString *trace)
{
  MdlMachine *m = mdl_machine_new ();
  MdlAddressSpace *as = mdl_machine_add_address_space (m, "bus");
  TestCpu *a, *b;

  a = (TestCpu *) mdl_machine_add_cpu (m, &test_cpu_class, "a", as, 0, 100000000, NULL);
  b = (TestCpu *) mdl_machine_add_cpu (m, &test_cpu_class, "b", as, 1, 250000000, NULL);
  a->trace = b->trace = trace;
  mdl_machine_reset (m);
  return m;
}

static void
test_frequencies (void)
{
  g_autoptr(MdlMachine) m = two_cpus (NULL);

  g_assert_cmpint (mdl_machine_run (m, 10 * MDL_PS_PER_US), ==, MDL_STOP_NONE);
  g_assert_cmpuint (mdl_machine_cpu (m, 0)->retired, ==, 1000);
  g_assert_cmpuint (mdl_machine_cpu (m, 1)->retired, ==, 2500);
  g_assert_cmpuint (mdl_machine_now (m), ==, 10 * MDL_PS_PER_US);
  /* Both CPUs end each run at the same virtual time. */
  g_assert_cmpuint (mdl_machine_cpu (m, 0)->time_ps, ==, mdl_machine_cpu (m, 1)->time_ps);
}

static void
test_event_between_instructions (void)
{
  g_autoptr(MdlMachine) m = two_cpus (NULL);
  Poke p = { .m = m };

  mdl_event_init (&p.ev, poke_fire, &p);
  mdl_event_schedule (m, &p.ev, 2500 * MDL_PS_PER_NS + 3);
  mdl_machine_run (m, 10 * MDL_PS_PER_US);
  g_assert_cmpuint (p.fired_at, ==, 2500 * MDL_PS_PER_NS + 3);
  /* The first CPU stopped at the first instruction boundary after it. */
  g_assert_cmpuint (p.cpu_time_at_fire, >=, p.fired_at);
  g_assert_cmpuint (p.cpu_time_at_fire, <, p.fired_at + 10000);
}

static void
test_wait_skips_ahead (void)
{
  g_autoptr(MdlMachine) m = mdl_machine_new ();
  MdlAddressSpace *as = mdl_machine_add_address_space (m, "bus");
  TestCpu *c = (TestCpu *) mdl_machine_add_cpu (m, &test_cpu_class, "c", as, 0,
                                                1000000000, NULL);
  g_autoptr(GString) trace = g_string_new (NULL);
  Poke p = { .m = m };
  guint runs;
  char **parts;

  mdl_machine_reset (m);
  c->wait_at = 10;
  c->trace = trace;
  p.line = mdl_irq_line_to_cpu (m, &c->cpu, 0);
  mdl_event_init (&p.ev, poke_fire, &p);
  mdl_event_schedule (m, &p.ev, 5 * MDL_PS_PER_MS);
  g_assert_cmpint (mdl_machine_run (m, 10 * MDL_PS_PER_MS), ==, MDL_STOP_NONE);
  /* Woken at 5 ms, then 5 ms at 1 GHz. */
  g_assert_cmpuint (c->cpu.retired, ==, 10 + 5000000);
  g_assert_cmpint (c->cpu.state, ==, MDL_CPU_RUNNING);
  /* It did not spin through the 5 ms of waiting one quantum at a time:
   * one run before the wait, then, alone on the board, runs of 1024
   * quanta after it (test-lone-slices checks nobody can tell). */
  parts = g_strsplit (g_strstrip (trace->str), " ", -1);
  runs = g_strv_length (parts);
  g_assert_cmpuint (runs, <=, 1 + 5 + 1);
  g_assert_cmpstr (parts[0], ==, "c:0-10000");
  g_assert_cmpstr (parts[1], ==, "c:5000000000-6024000000");
  g_strfreev (parts);
}

static void
test_deadlock (void)
{
  g_autoptr(MdlMachine) m = mdl_machine_new ();
  MdlAddressSpace *as = mdl_machine_add_address_space (m, "bus");
  TestCpu *c = (TestCpu *) mdl_machine_add_cpu (m, &test_cpu_class, "c", as, 0,
                                                1000000000, NULL);

  mdl_machine_reset (m);
  c->wait_at = 100;
  g_assert_cmpint (mdl_machine_run (m, MDL_PS_PER_S), ==, MDL_STOP_DEADLOCK);
  g_assert_cmpuint (c->cpu.retired, ==, 100);
  g_assert_nonnull (g_strrstr (mdl_machine_stop_message (m), "waits for an interrupt"));
}

static void
test_stop_wins_once (void)
{
  g_autoptr(MdlMachine) m = two_cpus (NULL);

  mdl_machine_stop (m, MDL_STOP_GUEST_EXIT, 3, "first");
  mdl_machine_stop (m, MDL_STOP_FATAL, 9, "second");
  g_assert_cmpint (mdl_machine_run (m, MDL_PS_PER_S), ==, MDL_STOP_GUEST_EXIT);
  g_assert_cmpint (mdl_machine_exit_code (m), ==, 3);
  g_assert_cmpstr (mdl_machine_stop_message (m), ==, "first");
  g_assert_cmpuint (mdl_machine_cpu (m, 0)->retired, ==, 0);
  mdl_machine_clear_stop (m);
  g_assert_cmpint (mdl_machine_run (m, MDL_PS_PER_US), ==, MDL_STOP_NONE);
  g_assert_cmpuint (mdl_machine_cpu (m, 0)->retired, ==, 100);
}

static char *
scenario_trace (void)
{
  GString *trace = g_string_new (NULL);
  MdlMachine *m = two_cpus (trace);
  Poke p = { .m = m, .log = trace };

  mdl_machine_set_quantum (m, 700 * MDL_PS_PER_NS);
  mdl_event_init (&p.ev, poke_fire, &p);
  mdl_event_schedule (m, &p.ev, 3333333);
  mdl_machine_run (m, 2 * MDL_PS_PER_US);
  mdl_machine_run (m, 3 * MDL_PS_PER_US + 17);
  mdl_machine_free (m);
  return g_string_free (trace, FALSE);
}

static void
test_determinism (void)
{
  g_autofree char *one = scenario_trace ();
  g_autofree char *two = scenario_trace ();

  g_assert_cmpstr (one, ==, two);
  g_assert_nonnull (strstr (one, "ev@3333333 "));
  /* Round-robin in board order within each quantum. */
  g_assert_true (g_str_has_prefix (one, "a:0-700000 b:0-700000 a:700000-"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/scheduler/frequencies", test_frequencies);
  g_test_add_func ("/engine/scheduler/event-between-instructions", test_event_between_instructions);
  g_test_add_func ("/engine/scheduler/wait-skips-ahead", test_wait_skips_ahead);
  g_test_add_func ("/engine/scheduler/deadlock", test_deadlock);
  g_test_add_func ("/engine/scheduler/stop-wins-once", test_stop_wins_once);
  g_test_add_func ("/engine/scheduler/determinism", test_determinism);
  return g_test_run ();
}
