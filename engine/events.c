#define G_LOG_DOMAIN "mdl-events"

#include "machine-private.h"

/* A binary heap of MdlEvent pointers ordered by (when, seq): the insertion
 * sequence number makes equal-time events fire in the order they were
 * scheduled, which the determinism guarantee relies on.  The array is the
 * machine's own (no GLib calls): a periodic timer's event is removed,
 * fired and scheduled again at every period, so on an interrupt storm
 * these few operations run once every few dozen guest instructions. */

static inline bool
event_before (const MdlEvent *a, const MdlEvent *b)
{
  return a->when_ps < b->when_ps || (a->when_ps == b->when_ps && a->seq < b->seq);
}

static inline void
heap_set (MdlMachine *m, guint i, MdlEvent *e)
{
  m->events[i] = e;
  e->heap_index = (int) i;
}

static void
sift_up (MdlMachine *m, guint i)
{
  MdlEvent *e = m->events[i];

  while (i > 0) {
    guint parent = (i - 1) / 2;
    MdlEvent *p = m->events[parent];

    if (!event_before (e, p))
      break;
    heap_set (m, i, p);
    i = parent;
  }
  heap_set (m, i, e);
}

/* Adds @event (room reserved) at the heap's end.  Mostly it stays where
 * it lands (a lone periodic event, a later time than its parent's). */
static inline void
heap_append (MdlMachine *m, MdlEvent *event)
{
  guint i = m->n_events++;

  m->events[i] = event;
  if (i == 0 || !event_before (event, m->events[(i - 1) / 2]))
    event->heap_index = (int) i;
  else
    sift_up (m, i);
}

static void
sift_down (MdlMachine *m, guint i)
{
  MdlEvent *e = m->events[i];
  guint n = m->n_events;

  for (;;) {
    guint l = 2 * i + 1, r = l + 1, best = i;
    MdlEvent *be = e;

    if (l < n && event_before (m->events[l], be))
      best = l, be = m->events[l];
    if (r < n && event_before (m->events[r], be))
      best = r, be = m->events[r];
    if (best == i)
      break;
    heap_set (m, i, be);
    i = best;
  }
  heap_set (m, i, e);
}

static inline void
heap_remove (MdlMachine *m, MdlEvent *e)
{
  guint i = (guint) e->heap_index;
  MdlEvent *last = m->events[--m->n_events];

  e->heap_index = -1;
  if (last == e)
    return;
  heap_set (m, i, last);
  sift_down (m, i);
  sift_up (m, (guint) last->heap_index);
}

void
_mdl_events_reserve (MdlMachine *m, guint n)
{
  if (n <= m->events_cap)
    return;
  m->events_cap = MAX (n, MAX (16u, 2 * m->events_cap));
  m->events = g_renew (MdlEvent *, m->events, m->events_cap);
}

void
mdl_event_init (MdlEvent *event, MdlEventFunc fn, void *opaque)
{
  event->fn = fn;
  event->opaque = opaque;
  event->when_ps = 0;
  event->seq = 0;
  event->heap_index = -1;
  event->cpu = NULL;
}

void
mdl_event_init_own (MdlEvent *event, MdlEventFunc fn, void *opaque, MdlCpu *cpu)
{
  mdl_event_init (event, fn, opaque);
  event->cpu = cpu;
}

/* Whether scheduling @event for @when_ps must make the running CPU stop
 * early: it comes before the run's deadline, and it is not that CPU's
 * own event being fired or scheduled again by it (mdl_cpu_fire_own
 * recomputes the next stop itself). */
static inline bool
event_cuts_run (const MdlMachine *m, const MdlEvent *event)
{
  return m->current != NULL && event->when_ps < m->cpu_deadline
         && !(event->cpu == m->current && m->current->in_own_event);
}

/* mdl_event_schedule for every case: the event pending already, the
 * array full, a lone run beside waiting CPUs. */
static G_GNUC_NO_INLINE void
event_schedule_full (MdlMachine *m, MdlEvent *event, uint64_t when_ps)
{
  uint64_t now = _mdl_machine_now (m);

  if (event->heap_index >= 0)
    heap_remove (m, event);
  event->when_ps = MAX (when_ps, now);
  event->seq = m->event_seq++;
  if (G_UNLIKELY (m->n_events == m->events_cap))
    _mdl_events_reserve (m, m->n_events + 1);
  heap_append (m, event);

  /* A waiting CPU would see it in the quantum it falls in. */
  if (m->lone_company && event->when_ps <= m->lone_until)
    _mdl_lone_clamp (m);
  /* The running CPU computed its budget from the old next event: make it
   * stop early if this one comes sooner. */
  if (event_cuts_run (m, event))
    mdl_cpu_kick (m->current);
}

/* The common case written out with no call before its last step: a
 * periodic timer schedules its event again from its own callback at
 * every period (an interrupt storm's every tick). */
void
mdl_event_schedule (MdlMachine *m, MdlEvent *event, uint64_t when_ps)
{
  uint64_t now = _mdl_machine_now (m);

  if (G_UNLIKELY (event->heap_index >= 0 || m->n_events == m->events_cap || m->lone_company)) {
    event_schedule_full (m, event, when_ps);
    return;
  }
  event->when_ps = MAX (when_ps, now);
  event->seq = m->event_seq++;
  if (event_cuts_run (m, event))
    mdl_cpu_kick (m->current);
  heap_append (m, event);
}

void
mdl_event_cancel (MdlMachine *m, MdlEvent *event)
{
  if (event->heap_index >= 0)
    heap_remove (m, event);
}

bool
mdl_event_pending (const MdlEvent *event)
{
  return event->heap_index >= 0;
}

/* Takes @e, the queue's root, off the queue and calls it. */
static inline void
fire_root (MdlMachine *m, MdlEvent *e)
{
  MdlEvent *last = m->events[--m->n_events];

  /* heap_remove of the root: what comes down from it never goes up. */
  e->heap_index = -1;
  if (last != e) {
    heap_set (m, 0, last);
    sift_down (m, 0);
  }
  m->firing = true;
  m->firing_time = e->when_ps;
  e->fn (e->opaque, e->when_ps);
  m->firing = false;
}

void
_mdl_events_fire_due (MdlMachine *m, uint64_t until_ps)
{
  MdlEvent *e;

  while (m->n_events > 0 && (e = m->events[0])->when_ps <= until_ps)
    fire_root (m, e);
}

/* From inside @cpu's run(), at the instant its run would have ended for
 * its own event (_mdl_events_next_for): the engine would now fire the
 * events due at its time, which are its own (the others come at or
 * after the run's deadline, past its time).  What comes next before the
 * deadline can only be its own again: an event of anything else
 * scheduled sooner kicked the CPU (event_cuts_run). */
uint64_t
mdl_cpu_fire_own (MdlCpu *cpu)
{
  MdlMachine *m = cpu->machine;
  MdlEvent *e;

  cpu->in_own_event = true;
  while (m->n_events > 0 && (e = m->events[0])->when_ps <= cpu->time_ps && e->cpu == cpu)
    fire_root (m, e);
  cpu->in_own_event = false;
  if (m->n_events == 0)
    return UINT64_MAX;
  e = m->events[0];
  if (e->cpu != cpu) {
    /* Something else due first: the run ends here, and the scheduler
     * fires both in their order, as it would have.  (Not seen so far:
     * what schedules an event inside a run is the CPU's own slow path,
     * which looks at the kick at once; kept so that the order holds
     * whatever a class does.) */
    if (G_UNLIKELY (e->when_ps <= cpu->time_ps))
      mdl_cpu_kick (cpu);
    return UINT64_MAX;
  }
  return _mdl_own_budget (cpu, e->when_ps, m->cpu_deadline);
}

void
_mdl_events_clear (MdlMachine *m)
{
  while (m->n_events > 0)
    heap_remove (m, m->events[m->n_events - 1]);
}
