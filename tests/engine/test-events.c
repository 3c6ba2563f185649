/* The time-ordered event queue: order, ties, cancel and reschedule. */
#include "engine/machine.h"

typedef struct {
  MdlMachine *m;
  GString    *log;
  char        tag;
  MdlEvent    ev;
  MdlEvent   *chain;    /* scheduled from the callback, 5 ps later */
} Probe;

static void
probe_fire (void *opaque, uint64_t now)
{
  Probe *p = opaque;

  g_string_append_printf (p->log, "%c@%" G_GUINT64_FORMAT " ", p->tag, now);
  g_assert_cmpuint (mdl_machine_now (p->m), ==, now);
  if (p->chain != NULL)
    mdl_event_schedule (p->m, p->chain, now + 5);
}

static void
probe_init (Probe *p, MdlMachine *m, GString *log, char tag)
{
  p->m = m;
  p->log = log;
  p->tag = tag;
  p->chain = NULL;
  mdl_event_init (&p->ev, probe_fire, p);
}

static void
test_order (void)
{
  g_autoptr(MdlMachine) m = mdl_machine_new ();
  g_autoptr(GString) log = g_string_new (NULL);
  Probe p[6];

  for (int i = 0; i < 6; i++)
    probe_init (&p[i], m, log, 'a' + i);
  mdl_event_schedule (m, &p[0].ev, 30);
  mdl_event_schedule (m, &p[1].ev, 10);
  mdl_event_schedule (m, &p[2].ev, 20);
  mdl_event_schedule (m, &p[3].ev, 10);   /* same time as b: after it */
  mdl_event_schedule (m, &p[4].ev, 15);
  mdl_event_schedule (m, &p[5].ev, 25);
  g_assert_true (mdl_event_pending (&p[4].ev));
  mdl_event_cancel (m, &p[4].ev);          /* never fires */
  g_assert_false (mdl_event_pending (&p[4].ev));
  mdl_event_schedule (m, &p[5].ev, 5);     /* moved earlier */
  p[1].chain = &p[4].ev;                   /* b schedules e at 15 */

  g_assert_cmpint (mdl_machine_run (m, 100), ==, MDL_STOP_NONE);
  g_assert_cmpstr (log->str, ==, "f@5 b@10 d@10 e@15 c@20 a@30 ");
  g_assert_cmpuint (mdl_machine_now (m), ==, 100);
  g_assert_false (mdl_event_pending (&p[0].ev));
}

static void
test_limit_and_past (void)
{
  g_autoptr(MdlMachine) m = mdl_machine_new ();
  g_autoptr(GString) log = g_string_new (NULL);
  Probe a, b;

  probe_init (&a, m, log, 'a');
  probe_init (&b, m, log, 'b');
  mdl_event_schedule (m, &a.ev, 150);
  g_assert_cmpint (mdl_machine_run (m, 100), ==, MDL_STOP_NONE);
  g_assert_cmpstr (log->str, ==, "");      /* beyond this slice */
  /* An event in the past fires now, not back in time. */
  mdl_event_schedule (m, &b.ev, 3);
  g_assert_cmpint (mdl_machine_run (m, 100), ==, MDL_STOP_NONE);
  g_assert_cmpstr (log->str, ==, "b@100 a@150 ");
}

static void
test_many (void)
{
  g_autoptr(MdlMachine) m = mdl_machine_new ();
  g_autoptr(GString) log = g_string_new (NULL);
  enum { N = 500 };
  Probe *p = g_new0 (Probe, N);
  GRand *r = g_rand_new_with_seed (42);
  uint64_t last = 0;
  gchar **parts;

  for (int i = 0; i < N; i++) {
    probe_init (&p[i], m, log, 'x');
    mdl_event_schedule (m, &p[i].ev, g_rand_int_range (r, 0, 1000));
  }
  for (int i = 0; i < N; i += 3)
    mdl_event_cancel (m, &p[i].ev);
  mdl_machine_run (m, 2000);
  parts = g_strsplit (g_strstrip (log->str), " ", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, N - (N + 2) / 3);
  for (unsigned i = 0; parts[i]; i++) {
    uint64_t t = g_ascii_strtoull (parts[i] + 2, NULL, 10);
    g_assert_cmpuint (t, >=, last);
    last = t;
  }
  g_strfreev (parts);
  g_rand_free (r);
  g_free (p);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/events/order", test_order);
  g_test_add_func ("/engine/events/limit-and-past", test_limit_and_past);
  g_test_add_func ("/engine/events/many", test_many);
  return g_test_run ();
}
