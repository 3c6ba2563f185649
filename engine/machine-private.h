/* What only the engine's own files see of a machine. */
#pragma once

#include "machine.h"
#include "cpu.h"
#include "device.h"
#include "trace.h"

struct MdlIrqLine {
  MdlMachine *machine;
  MdlCpu     *cpu;        /* exactly one of cpu and device is set */
  MdlDevice  *device;
  unsigned    line;
  bool        level;
};

struct MdlMachine {
  GPtrArray *cpus;            /* MdlCpu *, board order */
  GPtrArray *devices;         /* MdlDevice *, board order */
  GPtrArray *address_spaces;  /* MdlAddressSpace * */
  GPtrArray *irq_lines;       /* MdlIrqLine * */
  GArray    *entries;         /* uint64_t per CPU: reset entry point */

  /* The event queue: a binary min-heap on (when_ps, seq) in an array of
   * events_cap entries, n_events used (events.c). */
  MdlEvent **events;
  guint      n_events, events_cap;
  uint64_t   event_seq;

  uint64_t   now_ps;          /* time of the last quantum or event */
  uint64_t   quantum_ps;
  MdlTier    tier;
  size_t     jit_cache_size;
  bool       lone_slices;     /* a lone runnable CPU spans quanta (on
                                 unless MEDLEY_LONE_SLICES=0: the test
                                 compares both) */
  bool       lone_company;    /* during a lone run beside waiting CPUs */
  uint64_t   lone_base, lone_end, lone_until; /* its grid and its end */
  MdlCpu    *current;         /* running CPU, NULL between CPUs */
  uint64_t   cpu_deadline;    /* when the running CPU's budget ends */
  bool       firing;          /* inside an event callback */
  uint64_t   firing_time;

  volatile gint stop_requested; /* atomic: set from any thread */
  MdlStopReason stop_reason;
  int        exit_code;
  char      *stop_message;

  MdlSerialOutFunc serial_out;
  void      *serial_data;

  /* Trace ring (engine thread only): trace_next records ever added. */
  MdlTraceRecord *trace;
  uint64_t   trace_next;

  /* Where the last breakpoint or watchpoint stop happened. */
  MdlCpu    *stop_cpu;
  uint64_t   stop_addr;

  /* Exceptions that stop it (mdl_machine_set_exception_storm and
   * _set_stop_on_exception). */
  unsigned   exc_storm;
  char     **exc_stop_causes;

  /* Guest-requested resets (mdl_machine_set_reset_handler). */
  MdlResetFunc reset_fn;
  void      *reset_data;

  /* Saved states and reverse execution (engine/snapshot.c). */
  struct MdlHistory *history; /* NULL: none kept */
  GHashTable *points;         /* name -> MdlMachineState *, or NULL */
  bool       replaying;       /* re-executing: no output, trace or
                                 recording */
  bool       debug_quiet;     /* breakpoints and watchpoints do not stop */
  MdlCpu    *pos_cpu;         /* stop (MDL_STOP_POSITION) when this CPU */
  uint64_t   pos_retired;     /* is about to go beyond this many */
};

#define MDL_TRACE_RING (1u << 16)

/* What mdl_machine_now() answers, inline for the engine's hot paths. */
static inline uint64_t
_mdl_machine_now (const MdlMachine *m)
{
  if (m->firing)
    return m->firing_time;
  if (m->current != NULL)
    return m->current->time_ps;
  return m->now_ps;
}

/* The earliest pending event's time, or MDL_TIME_NEVER. */
static inline uint64_t
_mdl_events_next_time (const MdlMachine *m)
{
  return m->n_events > 0 ? m->events[0]->when_ps : MDL_TIME_NEVER;
}

void     _mdl_events_fire_due (MdlMachine *m, uint64_t until_ps);

/* What ends a run() of @cpu: the earliest event that is not its own
 * (mdl_event_init_own), or MDL_TIME_NEVER; *@own is the time of its own
 * event when that comes first, else MDL_TIME_NEVER.  One own event per
 * CPU is what runs in the CPU; with two at the top of the queue, both
 * end runs as any event does. */
static inline uint64_t
_mdl_events_next_for (const MdlMachine *m, const MdlCpu *cpu, uint64_t *own)
{
  const MdlEvent *top, *child;
  uint64_t next = MDL_TIME_NEVER;

  *own = MDL_TIME_NEVER;
  if (m->n_events == 0)
    return MDL_TIME_NEVER;
  top = m->events[0];
  if (top->cpu != cpu)
    return top->when_ps;
  /* The next one is a child of the root. */
  for (guint i = 1; i <= 2 && i < m->n_events; i++) {
    child = m->events[i];
    if (child->cpu == cpu)
      return top->when_ps;
    next = MIN (next, child->when_ps);
  }
  *own = top->when_ps;
  return next;
}

/* cpu->own_budget for @cpu's own event at @own in a run() towards
 * @deadline: the instructions until the instant the run would end for
 * it (as run_cpu_once counts a budget), UINT64_MAX when the run ends
 * first. */
static inline uint64_t
_mdl_own_budget (const MdlCpu *cpu, uint64_t own, uint64_t deadline)
{
  if (own >= deadline)
    return UINT64_MAX;
  if (own <= cpu->time_ps)
    return 0;
  return (own - cpu->time_ps + cpu->period_ps - 1) / cpu->period_ps;
}

/* Fires every event due at or before @until_ps, in time order. */
static inline void
_mdl_events_fire_until (MdlMachine *m, uint64_t until_ps)
{
  if (_mdl_events_next_time (m) <= until_ps)
    _mdl_events_fire_due (m, until_ps);
}

/* Room for @n events in the queue (snapshot restore). */
void     _mdl_events_reserve (MdlMachine *m, guint n);
void     _mdl_events_clear (MdlMachine *m);
/* A lone run beside waiting CPUs ends with the current quantum. */
void     _mdl_lone_clamp (MdlMachine *m);
/* The history's hooks around every mdl_machine_run and _step call, and
 * what mdl_machine_free and mdl_machine_reset owe it (snapshot.c). */
void     _mdl_history_begin (MdlMachine *m, MdlCpu *step_cpu, uint64_t duration_ps);
void     _mdl_history_end   (MdlMachine *m);
void     _mdl_snapshot_free_all (MdlMachine *m);
/* Position of @dev in the machine (for trace sources). */
unsigned _mdl_device_index (const MdlMachine *m, const MdlDevice *dev);
