#define G_LOG_DOMAIN "mdl-events"

#include "machine-private.h"

/* A binary heap of MdlEvent pointers ordered by (when, seq): the insertion
 * sequence number makes equal-time events fire in the order they were
 * scheduled, which the determinism guarantee relies on. */

static inline bool
event_before (const MdlEvent *a, const MdlEvent *b)
{
  return a->when_ps < b->when_ps || (a->when_ps == b->when_ps && a->seq < b->seq);
}

static inline MdlEvent *
heap_at (MdlMachine *m, guint i)
{
  return g_ptr_array_index (m->heap, i);
}

static void
heap_set (MdlMachine *m, guint i, MdlEvent *e)
{
  m->heap->pdata[i] = e;
  e->heap_index = (int) i;
}

static void
sift_up (MdlMachine *m, guint i)
{
  MdlEvent *e = heap_at (m, i);

  while (i > 0) {
    guint parent = (i - 1) / 2;
    MdlEvent *p = heap_at (m, parent);

    if (!event_before (e, p))
      break;
    heap_set (m, i, p);
    i = parent;
  }
  heap_set (m, i, e);
}

static void
sift_down (MdlMachine *m, guint i)
{
  MdlEvent *e = heap_at (m, i);
  guint n = m->heap->len;

  for (;;) {
    guint l = 2 * i + 1, r = l + 1, best = i;
    MdlEvent *be = e;

    if (l < n && event_before (heap_at (m, l), be))
      best = l, be = heap_at (m, l);
    if (r < n && event_before (heap_at (m, r), be))
      best = r, be = heap_at (m, r);
    if (best == i)
      break;
    heap_set (m, i, be);
    i = best;
  }
  heap_set (m, i, e);
}

static void
heap_remove (MdlMachine *m, MdlEvent *e)
{
  guint i = (guint) e->heap_index;
  MdlEvent *last = g_ptr_array_steal_index (m->heap, m->heap->len - 1);

  e->heap_index = -1;
  if (last == e)
    return;
  heap_set (m, i, last);
  sift_down (m, i);
  sift_up (m, (guint) last->heap_index);
}

void
mdl_event_init (MdlEvent *event, MdlEventFunc fn, void *opaque)
{
  event->fn = fn;
  event->opaque = opaque;
  event->when_ps = 0;
  event->seq = 0;
  event->heap_index = -1;
}

void
mdl_event_schedule (MdlMachine *m, MdlEvent *event, uint64_t when_ps)
{
  uint64_t now = mdl_machine_now (m);

  if (event->heap_index >= 0)
    heap_remove (m, event);
  event->when_ps = MAX (when_ps, now);
  event->seq = m->event_seq++;
  g_ptr_array_add (m->heap, event);
  event->heap_index = (int) m->heap->len - 1;
  sift_up (m, m->heap->len - 1);

  /* A waiting CPU would see it in the quantum it falls in. */
  if (m->lone_company && event->when_ps <= m->lone_until)
    _mdl_lone_clamp (m);
  /* The running CPU computed its budget from the old next event: make it
   * stop early if this one comes sooner. */
  if (m->current != NULL && event->when_ps < m->cpu_deadline)
    mdl_cpu_kick (m->current);
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

uint64_t
_mdl_events_next_time (MdlMachine *m)
{
  return m->heap->len > 0 ? heap_at (m, 0)->when_ps : MDL_TIME_NEVER;
}

void
_mdl_events_fire_until (MdlMachine *m, uint64_t until_ps)
{
  while (m->heap->len > 0 && heap_at (m, 0)->when_ps <= until_ps) {
    MdlEvent *e = heap_at (m, 0);

    heap_remove (m, e);
    m->firing = true;
    m->firing_time = e->when_ps;
    e->fn (e->opaque, e->when_ps);
    m->firing = false;
  }
}

void
_mdl_events_clear (MdlMachine *m)
{
  while (m->heap->len > 0)
    heap_remove (m, heap_at (m, m->heap->len - 1));
}
