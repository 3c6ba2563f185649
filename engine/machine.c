#define G_LOG_DOMAIN "mdl-machine"

#include "machine-private.h"

#include <stdarg.h>

#include "error.h"
#include "cache-model.h"
#include "jit-cache.h"
#include "snapshot.h"

const char *
mdl_stop_reason_name (MdlStopReason reason)
{
  switch (reason) {
  case MDL_STOP_NONE:       return "none";
  case MDL_STOP_GUEST_EXIT: return "guest-exit";
  case MDL_STOP_TIME_LIMIT: return "time-limit";
  case MDL_STOP_DEADLOCK:   return "deadlock";
  case MDL_STOP_FATAL:      return "fatal";
  case MDL_STOP_USER:       return "user";
  case MDL_STOP_BREAKPOINT: return "breakpoint";
  case MDL_STOP_WATCHPOINT: return "watchpoint";
  case MDL_STOP_RESET:      return "reset";
  case MDL_STOP_EXCEPTION:  return "exception";
  case MDL_STOP_POSITION:   return "position";
  default:                  return "unknown";
  }
}

MdlMachine *
mdl_machine_new (void)
{
  MdlMachine *m = g_new0 (MdlMachine, 1);

  m->cpus = g_ptr_array_new ();
  m->devices = g_ptr_array_new ();
  m->address_spaces = g_ptr_array_new_with_free_func ((GDestroyNotify) mdl_address_space_free);
  m->irq_lines = g_ptr_array_new_with_free_func (g_free);
  m->entries = g_array_new (FALSE, TRUE, sizeof (uint64_t));
  m->quantum_ps = MDL_PS_PER_US;
  m->tier = MDL_DEFAULT_TIER;
  m->exc_storm = 1000;
  m->cpu_deadline = MDL_TIME_NEVER;
  m->lone_slices = g_strcmp0 (g_getenv ("MEDLEY_LONE_SLICES"), "0") != 0;
  return m;
}

static void
cpu_free (MdlCpu *cpu)
{
  if (cpu->cls->finalize != NULL)
    cpu->cls->finalize (cpu);
  if (cpu->as != NULL)
    mdl_address_space_remove_code_listener (cpu->as, NULL, cpu);
  g_clear_pointer (&cpu->breakpoints, g_hash_table_unref);
  mdl_jit_free (cpu->jit);
  mdl_cache_model_free (cpu->cache);
  g_free (cpu->irq_out);
  g_free (cpu->name);
  g_free (cpu);
}

void
mdl_machine_free (MdlMachine *m)
{
  if (m == NULL)
    return;
  _mdl_snapshot_free_all (m);
  _mdl_events_clear (m);
  for (guint i = 0; i < m->cpus->len; i++)
    cpu_free (g_ptr_array_index (m->cpus, i));
  /* Devices go before address spaces: their regions are shared. */
  for (guint i = m->devices->len; i > 0; i--)
    mdl_device_free (g_ptr_array_index (m->devices, i - 1));
  g_ptr_array_unref (m->cpus);
  g_ptr_array_unref (m->devices);
  g_ptr_array_unref (m->address_spaces);
  g_ptr_array_unref (m->irq_lines);
  g_array_unref (m->entries);
  g_free (m->events);
  g_free (m->stop_message);
  g_strfreev (m->exc_stop_causes);
  g_free (m->trace);
  g_free (m);
}

MdlAddressSpace *
mdl_machine_add_address_space (MdlMachine *m, const char *name)
{
  MdlAddressSpace *as = mdl_address_space_new (name);

  g_ptr_array_add (m->address_spaces, as);
  return as;
}

unsigned
mdl_machine_n_address_spaces (const MdlMachine *m)
{
  return m->address_spaces->len;
}

MdlAddressSpace *
mdl_machine_address_space (const MdlMachine *m, unsigned i)
{
  return i < m->address_spaces->len ? g_ptr_array_index (m->address_spaces, i) : NULL;
}

MdlCpu *
mdl_machine_add_cpu (MdlMachine *m, const MdlCpuClass *cls, const char *name,
                     MdlAddressSpace *as, uint64_t hartid, uint64_t freq_hz,
                     GError **error)
{
  MdlCpu *cpu;
  uint64_t zero = 0;

  if (freq_hz == 0 || freq_hz > UINT64_C (1000000000000)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "CPU %s: clock frequency %" G_GUINT64_FORMAT " Hz is out of "
                 "range (1 Hz to 1 THz)", name, freq_hz);
    return NULL;
  }
  if (mdl_machine_find_cpu (m, name) != NULL) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD,
                 "two CPUs are called '%s'", name);
    return NULL;
  }

  g_assert (cls->state_size >= sizeof (MdlCpu));
  cpu = g_malloc0 (cls->state_size);
  cpu->cls = cls;
  cpu->machine = m;
  cpu->as = as;
  cpu->name = g_strdup (name);
  cpu->index = m->cpus->len;
  cpu->hartid = hartid;
  /* Rounded to the nearest picosecond: exact for every frequency that
   * divides 1 THz, within 0.05% for the rest above 1 GHz. */
  cpu->period_ps = (MDL_PS_PER_S + freq_hz / 2) / freq_hz;
  cpu->state = MDL_CPU_RUNNING;
  cpu->irq_out = g_new0 (struct MdlIrqLine *, cls->n_irq_out);
  cpu->exc_watched = m->exc_storm > 0 || m->exc_stop_causes != NULL;
  cpu->exc_stop_named = m->exc_stop_causes != NULL;
  cpu->exc_storm = m->exc_storm;
  g_ptr_array_add (m->cpus, cpu);
  g_array_append_val (m->entries, zero);
  if (cls->init != NULL)
    cls->init (cpu);
  return cpu;
}

void
mdl_machine_add_device (MdlMachine *m, MdlDevice *dev)
{
  dev->index = m->devices->len;
  g_ptr_array_add (m->devices, dev);
}

unsigned
mdl_machine_n_cpus (const MdlMachine *m)
{
  return m->cpus->len;
}

MdlCpu *
mdl_machine_cpu (const MdlMachine *m, unsigned i)
{
  return i < m->cpus->len ? g_ptr_array_index (m->cpus, i) : NULL;
}

MdlCpu *
mdl_machine_find_cpu (const MdlMachine *m, const char *name)
{
  for (guint i = 0; i < m->cpus->len; i++) {
    MdlCpu *cpu = g_ptr_array_index (m->cpus, i);
    if (g_strcmp0 (cpu->name, name) == 0)
      return cpu;
  }
  return NULL;
}

unsigned
mdl_machine_n_devices (const MdlMachine *m)
{
  return m->devices->len;
}

MdlDevice *
mdl_machine_device (const MdlMachine *m, unsigned i)
{
  return i < m->devices->len ? g_ptr_array_index (m->devices, i) : NULL;
}

void
mdl_machine_set_quantum (MdlMachine *m, uint64_t quantum_ps)
{
  m->quantum_ps = MAX (quantum_ps, (uint64_t) 1);
}

void
mdl_machine_set_tier (MdlMachine *m, MdlTier tier)
{
  m->tier = tier;
}

MdlTier
mdl_machine_tier (const MdlMachine *m)
{
  return m->tier;
}

void
mdl_machine_set_jit_cache_size (MdlMachine *m, size_t bytes)
{
  m->jit_cache_size = bytes;
}

size_t
mdl_machine_jit_cache_size (const MdlMachine *m)
{
  return m->jit_cache_size;
}

bool
mdl_tier_parse (const char *text, MdlTier *tier)
{
  if (g_strcmp0 (text, "interp") == 0)
    *tier = MDL_TIER_INTERPRET;
  else if (g_strcmp0 (text, "jit") == 0)
    *tier = MDL_TIER_TRANSLATE;
  else
    return false;
  return true;
}

void
mdl_machine_set_entry (MdlMachine *m, MdlCpu *cpu, uint64_t entry)
{
  g_array_index (m->entries, uint64_t, cpu->index) = entry;
}

void
mdl_machine_reset (MdlMachine *m)
{
  /* Lowered through mdl_irq_set, so that what a line drives (a CPU's mip,
   * an interrupt controller's input) sees it fall: a line high at a
   * guest's reset request would otherwise leave its interrupt pending
   * for good.  Before the trace restarts, so a reset machine's trace is a
   * fresh machine's. */
  for (guint i = 0; i < m->irq_lines->len; i++)
    mdl_irq_set (g_ptr_array_index (m->irq_lines, i), false);
  _mdl_events_clear (m);
  m->now_ps = 0;
  m->event_seq = 0;
  m->trace_next = 0;
  mdl_machine_clear_stop (m);
  for (guint i = 0; i < m->cpus->len; i++) {
    MdlCpu *cpu = g_ptr_array_index (m->cpus, i);
    cpu->time_ps = 0;
    cpu->retired = 0;
    cpu->state = MDL_CPU_RUNNING;
    /* A fault loop cut off before the reset must not count on into the
     * next run (fuzz-riscv saw a reused machine stop early). */
    cpu->exc_repeats = 0;
    cpu->exc_cause = 0;
    cpu->exc_pc = cpu->exc_addr = cpu->exc_retired = 0;
    mdl_cpu_set_exit_request (cpu, false);
  }
  for (guint i = 0; i < m->devices->len; i++) {
    MdlDevice *dev = g_ptr_array_index (m->devices, i);
    if (dev->cls->reset != NULL)
      dev->cls->reset (dev);
  }
  for (guint i = 0; i < m->cpus->len; i++) {
    MdlCpu *cpu = g_ptr_array_index (m->cpus, i);
    cpu->cls->reset (cpu, g_array_index (m->entries, uint64_t, i));
    if (cpu->cache != NULL)
      mdl_cache_model_reset (cpu->cache);
  }
  if (m->history != NULL)
    mdl_machine_history_mark (m);
}

uint64_t
mdl_machine_now (const MdlMachine *m)
{
  return _mdl_machine_now (m);
}

MdlCpu *
mdl_machine_current_cpu (const MdlMachine *m)
{
  return m->current;
}

static inline bool
stopping (MdlMachine *m)
{
  return g_atomic_int_get (&m->stop_requested) != 0;
}

/* One run() call of @cpu towards @deadline (> its time), its own event
 * at @own (MDL_TIME_NEVER: none before @deadline). */
static void
run_cpu_once (MdlMachine *m, MdlCpu *cpu, uint64_t deadline, uint64_t own)
{
  uint64_t before = cpu->time_ps;
  uint64_t budget = (deadline - cpu->time_ps + cpu->period_ps - 1) / cpu->period_ps;

  /* Re-execution towards an instant: this CPU runs up to the count and
   * stops when it would go beyond, as late as a breakpoint there would
   * have stopped it (after the events due before). */
  if (G_UNLIKELY (cpu == m->pos_cpu)) {
    if (cpu->retired >= m->pos_retired) {
      mdl_machine_stop (m, MDL_STOP_POSITION, 0, "reached the instant asked for");
      return;
    }
    budget = MIN (budget, m->pos_retired - cpu->retired);
  }
  m->current = cpu;
  m->cpu_deadline = deadline;
  cpu->own_budget = _mdl_own_budget (cpu, own, deadline);
  mdl_cpu_set_exit_request (cpu, stopping (m));
  /* A CPU with a cache model runs interpreted: the translated blocks'
   * inline RAM accesses would go past the model. */
  if (m->tier == MDL_TIER_TRANSLATE && cpu->cls->run_translated != NULL && cpu->cache == NULL)
    cpu->cls->run_translated (cpu, budget);
  else
    cpu->cls->run (cpu, budget);
  if (cpu->state != MDL_CPU_RUNNING)
    mdl_trace_add (m, MDL_TRACE_CPU_STATE, (uint16_t) cpu->index, 0, cpu->state);
  m->current = NULL;
  m->cpu_deadline = MDL_TIME_NEVER;
  /* A core that made no progress (e.g. a trap that retires nothing)
   * still spends a cycle, so virtual time always moves on. */
  if (cpu->time_ps == before && cpu->state == MDL_CPU_RUNNING)
    cpu->time_ps += cpu->period_ps;
}

/* Runs @cpu until its local time reaches @until or the machine stops,
 * firing the events its progress makes due. */
static void
run_cpu_until (MdlMachine *m, MdlCpu *cpu, uint64_t until)
{
  while (cpu->time_ps < until && cpu->state != MDL_CPU_HALTED && !stopping (m)) {
    uint64_t own, deadline;

    if (cpu->state == MDL_CPU_WAITING) {
      /* Nothing can wake it before the next event, its own included. */
      deadline = MIN (until, _mdl_events_next_time (m));
      if (deadline > cpu->time_ps)
        cpu->time_ps = deadline;
    } else {
      deadline = MIN (until, _mdl_events_next_for (m, cpu, &own));
      if (deadline > cpu->time_ps)
        run_cpu_once (m, cpu, deadline, own);
    }
    _mdl_events_fire_until (m, cpu->time_ps);
  }
}

/* ---- lone CPU ----
 * With one CPU running and the others halted or waiting, the quanta only
 * cut its run into pieces.  So it runs up to LONE_QUANTA quanta in one
 * run, and the scheduler's cost per quantum goes.  The quantum grid
 * (now_ps + k * quantum, the last one cut at the run's end) stays in the
 * arithmetic, and the lone run ends in a quantum from which the ordinary
 * loop goes on exactly as if it had gone quantum by quantum:
 *  - alone on the board, events split its run where they fall anyway;
 *  - with CPUs waiting beside it, a waiting CPU before it in board order
 *    would skip ahead in each quantum before it runs, firing any event
 *    due in that quantum first; so the lone run stops short of the
 *    quantum of the next event, and when the CPU schedules an event
 *    that soon or wakes another CPU (lone_clamp), at the end of the
 *    quantum it is in.  The waiting CPUs' clocks are then where the
 *    ordinary loop would have them: at that quantum's end for those
 *    before it, at its start for those after it, which then take their
 *    turn in it;
 *  - where it stops running (wfi, the machine stops) the ordinary loop
 *    takes over in the quantum that holds its last instruction, so a
 *    waiting CPU skips to the same quantum end and a deadlock is found
 *    at the same time.
 * The instructions between quantum ends are the same at the same times;
 * what differs is where one run() call ends and the next begins, which
 * run()'s contract makes invisible (pending interrupts kick, unmasking
 * instructions check).  One difference is left: a run() call that
 * retires nothing (its whole budget trapped) still costs a cycle, and
 * where calls begin differs; only a run of faults at the very end of a
 * quantum could tell. */
#define LONE_QUANTA 1024

/* The only running CPU when the others are halted or waiting, or NULL;
 * @company says whether any waits. */
static MdlCpu *
lone_cpu (MdlMachine *m, bool *company)
{
  MdlCpu *lone = NULL;

  *company = false;
  for (guint i = 0; i < m->cpus->len; i++) {
    MdlCpu *cpu = g_ptr_array_index (m->cpus, i);

    if (cpu->state == MDL_CPU_WAITING)
      *company = true;
    else if (cpu->state == MDL_CPU_RUNNING) {
      if (lone != NULL)
        return NULL;
      lone = cpu;
    }
  }
  return lone;
}

/* The start of the quantum that holds @t, on the lone run's grid. */
static uint64_t
grid_start (MdlMachine *m, uint64_t t)
{
  uint64_t k = t > m->lone_base ? (t - m->lone_base) / m->quantum_ps : 0;

  return MIN (m->lone_base + k * m->quantum_ps, m->lone_end);
}

static uint64_t
grid_next (MdlMachine *m, uint64_t start)
{
  return start + MIN (m->quantum_ps, m->lone_end - start);
}

/* Something the waiting CPUs would see (an event the running CPU
 * scheduled, a CPU it woke) happened now: the lone run ends with the
 * quantum it is in. */
void
_mdl_lone_clamp (MdlMachine *m)
{
  uint64_t until = grid_next (m, grid_start (m, _mdl_machine_now (m)));

  if (until < m->lone_until) {
    m->lone_until = until;
    if (m->current != NULL)
      mdl_cpu_kick (m->current);
  }
}

/* Whether the instruction at which @cpu stopped running retired (a
 * wfi, a sleeping exception return, a guest's exit or a watched access
 * do; a breakpoint, a fault that stops the machine do not). */
static bool
last_retired (MdlMachine *m, MdlCpu *cpu)
{
  if (cpu->state == MDL_CPU_WAITING || !stopping (m))
    return true;
  switch (m->stop_reason) {
  case MDL_STOP_BREAKPOINT:
  case MDL_STOP_POSITION:
  case MDL_STOP_FATAL:
  case MDL_STOP_EXCEPTION:
    return false;
  default:
    return true;
  }
}

/* Runs @cpu alone from the quantum start m->now_ps, at most to @end.
 * Returns the end of the quantum the ordinary loop goes on with, now_ps
 * at its start; or, alone on the board and still running, the grid point
 * reached (its events fired, now_ps there).  Returns 0 when not even one
 * quantum can go this way. */
static uint64_t
run_lone (MdlMachine *m, MdlCpu *cpu, uint64_t end, bool company)
{
  uint64_t base = m->now_ps, q = m->quantum_ps;
  uint64_t cap = LONE_QUANTA * q;
  uint64_t qstart, t;

  m->lone_base = base;
  m->lone_end = end;
  m->lone_until = end - base <= cap ? end : base + cap;
  if (company) {
    uint64_t next = _mdl_events_next_time (m);

    /* No event in any quantum it runs alone: stop before the one of
     * the next event. */
    if (next <= grid_next (m, base))
      return 0;
    if (next != MDL_TIME_NEVER)
      m->lone_until = MIN (m->lone_until, grid_start (m, next - 1));
  }
  m->lone_company = company;
  while (cpu->time_ps < m->lone_until && cpu->state == MDL_CPU_RUNNING && !stopping (m)) {
    uint64_t own, deadline = MIN (m->lone_until, _mdl_events_next_for (m, cpu, &own));

    if (deadline > cpu->time_ps)
      run_cpu_once (m, cpu, deadline, own);
    _mdl_events_fire_until (m, cpu->time_ps);
  }
  m->lone_company = false;

  if (cpu->state == MDL_CPU_RUNNING && !stopping (m)) {
    if (!company) {
      m->now_ps = m->lone_until;
      return m->lone_until;
    }
    /* Its part of the last quantum is done; the others' follows. */
    qstart = grid_start (m, m->lone_until - 1);
  } else {
    /* When the last instruction began. */
    t = cpu->time_ps;
    if (last_retired (m, cpu))
      t -= MIN (cpu->period_ps, t - MIN (t, base));
    qstart = grid_start (m, t);
  }
  for (guint i = 0; company && i < m->cpus->len; i++) {
    MdlCpu *other = g_ptr_array_index (m->cpus, i);

    if (other != cpu && other->state != MDL_CPU_HALTED)
      other->time_ps = i < cpu->index ? grid_next (m, qstart) : qstart;
  }
  m->now_ps = qstart;
  return grid_next (m, qstart);
}

static bool
all_cpus_idle (MdlMachine *m, bool *any_alive)
{
  bool idle = true;

  *any_alive = false;
  for (guint i = 0; i < m->cpus->len; i++) {
    MdlCpu *cpu = g_ptr_array_index (m->cpus, i);
    if (cpu->state == MDL_CPU_HALTED)
      continue;
    *any_alive = true;
    if (cpu->state == MDL_CPU_RUNNING)
      idle = false;
  }
  return idle;
}

void
mdl_machine_set_reset_handler (MdlMachine *m, MdlResetFunc fn, void *data)
{
  m->reset_fn = fn;
  m->reset_data = data;
}

/* A reset the guest asked for, between quanta.  Unlike mdl_machine_reset
 * the clock goes on (events and views keep one time line): every CPU
 * starts at the latest time any of them reached.  Lines are lowered
 * through their receivers, so no CPU keeps a pending bit from before. */
static bool
warm_reset (MdlMachine *m)
{
  g_autoptr(GError) error = NULL;
  uint64_t t = m->now_ps;

  for (guint i = 0; i < m->cpus->len; i++)
    t = MAX (t, ((MdlCpu *) g_ptr_array_index (m->cpus, i))->time_ps);
  _mdl_events_clear (m);
  m->now_ps = t;
  mdl_machine_clear_stop (m);
  if (!m->reset_fn (m, m->reset_data, &error)) {
    mdl_machine_stop (m, MDL_STOP_FATAL, 1, "reset: %s", error->message);
    return false;
  }
  for (guint i = 0; i < m->irq_lines->len; i++)
    mdl_irq_set (g_ptr_array_index (m->irq_lines, i), false);
  for (guint i = 0; i < m->cpus->len; i++) {
    MdlCpu *cpu = g_ptr_array_index (m->cpus, i);
    cpu->time_ps = t;
    cpu->state = MDL_CPU_RUNNING;
    mdl_cpu_set_exit_request (cpu, false);
  }
  for (guint i = 0; i < m->devices->len; i++) {
    MdlDevice *dev = g_ptr_array_index (m->devices, i);
    if (dev->cls->reset != NULL)
      dev->cls->reset (dev);
  }
  for (guint i = 0; i < m->cpus->len; i++) {
    MdlCpu *cpu = g_ptr_array_index (m->cpus, i);
    cpu->cls->reset (cpu, g_array_index (m->entries, uint64_t, i));
    if (cpu->cache != NULL)
      mdl_cache_model_reset (cpu->cache);
  }
  return true;
}

static bool
reset_requested (MdlMachine *m)
{
  return stopping (m) && m->stop_reason == MDL_STOP_RESET && m->reset_fn != NULL;
}

static MdlStopReason machine_run (MdlMachine *m, uint64_t duration_ps);
static MdlStopReason machine_step (MdlMachine *m, MdlCpu *cpu);

/* Both entry points tell the history (engine/snapshot.c) what ran, so
 * that it can run it again. */
MdlStopReason
mdl_machine_run (MdlMachine *m, uint64_t duration_ps)
{
  MdlStopReason reason;

  if (m->history == NULL || m->replaying)
    return machine_run (m, duration_ps);
  _mdl_history_begin (m, NULL, duration_ps);
  reason = machine_run (m, duration_ps);
  _mdl_history_end (m);
  return reason;
}

MdlStopReason
mdl_machine_step (MdlMachine *m, MdlCpu *cpu)
{
  MdlStopReason reason;

  if (m->history == NULL || m->replaying)
    return machine_step (m, cpu);
  _mdl_history_begin (m, cpu, 0);
  reason = machine_step (m, cpu);
  _mdl_history_end (m);
  return reason;
}

static MdlStopReason
machine_run (MdlMachine *m, uint64_t duration_ps)
{
  uint64_t end = m->now_ps + MIN (duration_ps, MDL_TIME_NEVER - m->now_ps);

  while ((!stopping (m) || (reset_requested (m) && warm_reset (m))) && m->now_ps < end) {
    uint64_t qend = m->now_ps + MIN (m->quantum_ps, end - m->now_ps);
    bool alive, company;
    MdlCpu *lone = m->lone_slices ? lone_cpu (m, &company) : NULL;
    uint64_t lone_end = lone != NULL ? run_lone (m, lone, end, company) : 0;

    if (lone_end != 0) {
      qend = lone_end;
      if (m->now_ps == qend)
        continue;   /* a whole number of quanta, events fired */
      /* The rest of the quantum it ended in, the ordinary way. */
    } else if (all_cpus_idle (m, &alive)) {
      uint64_t next = _mdl_events_next_time (m);

      if (next == MDL_TIME_NEVER) {
        if (alive)
          mdl_machine_stop (m, MDL_STOP_DEADLOCK, 1,
                            "every CPU waits for an interrupt and no device "
                            "has anything scheduled");
        else if (m->cpus->len > 0)
          mdl_machine_stop (m, MDL_STOP_FATAL, 1, "every CPU has halted");
        else
          m->now_ps = end;  /* a CPU-less machine (tests): nothing to do */
        break;
      }
      /* Everyone sleeps: jump straight to the next event. */
      qend = MAX (qend, MIN (next, end));
    }

    for (guint i = 0; i < m->cpus->len && !stopping (m); i++)
      run_cpu_until (m, g_ptr_array_index (m->cpus, i), qend);
    if (stopping (m)) {
      /* A reset the board handles is no reason to return. */
      if (reset_requested (m) && warm_reset (m))
        continue;
      break;
    }
    _mdl_events_fire_until (m, qend);
    m->now_ps = qend;
  }

  if (!stopping (m))
    return MDL_STOP_NONE;
  if (m->stop_reason == MDL_STOP_NONE)   /* a user stop from another thread */
    m->stop_reason = MDL_STOP_USER;
  return m->stop_reason;
}

static MdlStopReason
machine_step (MdlMachine *m, MdlCpu *cpu)
{
  if (cpu->state == MDL_CPU_WAITING) {
    uint64_t next = _mdl_events_next_time (m);
    if (next != MDL_TIME_NEVER)
      cpu->time_ps = MAX (cpu->time_ps, next);
  } else if (cpu->state == MDL_CPU_RUNNING && !stopping (m)) {
    uint64_t before = cpu->time_ps;

    m->current = cpu;
    m->cpu_deadline = cpu->time_ps + cpu->period_ps;
    cpu->own_budget = UINT64_MAX;
    mdl_cpu_set_exit_request (cpu, false);
    /* Stepping executes the instruction even where a breakpoint sits. */
    cpu->bp_pass = true;
    cpu->bp_pass_pc = mdl_cpu_pc (cpu);
    cpu->cls->run (cpu, 1);
    cpu->bp_pass = false;
    if (cpu->state != MDL_CPU_RUNNING)
      mdl_trace_add (m, MDL_TRACE_CPU_STATE, (uint16_t) cpu->index, 0, cpu->state);
    m->current = NULL;
    m->cpu_deadline = MDL_TIME_NEVER;
    if (cpu->time_ps == before && cpu->state == MDL_CPU_RUNNING)
      cpu->time_ps += cpu->period_ps;
  }
  _mdl_events_fire_until (m, cpu->time_ps);
  m->now_ps = MAX (m->now_ps, cpu->time_ps);
  if (reset_requested (m))
    warm_reset (m);
  return stopping (m) ? m->stop_reason : MDL_STOP_NONE;
}

static void
kick_all (MdlMachine *m)
{
  for (guint i = 0; i < m->cpus->len; i++)
    mdl_cpu_kick (g_ptr_array_index (m->cpus, i));
}

void
mdl_machine_stop (MdlMachine *m, MdlStopReason reason, int exit_code,
                  const char *fmt, ...)
{
  va_list ap;

  if (m->stop_reason != MDL_STOP_NONE)
    return;
  m->stop_reason = reason;
  m->exit_code = exit_code;
  mdl_trace_add (m, MDL_TRACE_STOP, m->current ? (uint16_t) m->current->index : MDL_TRACE_NONE,
                 0, reason);
  va_start (ap, fmt);
  g_free (m->stop_message);
  m->stop_message = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_atomic_int_set (&m->stop_requested, 1);
  kick_all (m);
}

void
mdl_machine_request_user_stop (MdlMachine *m)
{
  /* Only async-signal-safe work here: an atomic store and plain stores. */
  g_atomic_int_set (&m->stop_requested, 1);
  kick_all (m);
}

MdlStopReason
mdl_machine_stop_reason (const MdlMachine *m)
{
  return m->stop_reason;
}

int
mdl_machine_exit_code (const MdlMachine *m)
{
  return m->exit_code;
}

const char *
mdl_machine_stop_message (const MdlMachine *m)
{
  return m->stop_message != NULL ? m->stop_message : "";
}

void
mdl_machine_clear_stop (MdlMachine *m)
{
  /* Resuming from a breakpoint executes the instruction it stopped. */
  if (m->stop_reason == MDL_STOP_BREAKPOINT && m->stop_cpu != NULL) {
    m->stop_cpu->bp_pass = true;
    m->stop_cpu->bp_pass_pc = m->stop_addr;
  }
  m->stop_cpu = NULL;
  m->stop_addr = 0;
  g_atomic_int_set (&m->stop_requested, 0);
  m->stop_reason = MDL_STOP_NONE;
  m->exit_code = 0;
  g_clear_pointer (&m->stop_message, g_free);
}

MdlCpu *
mdl_machine_stop_cpu (const MdlMachine *m)
{
  return m->stop_cpu;
}

uint64_t
mdl_machine_stop_addr (const MdlMachine *m)
{
  return m->stop_addr;
}

static void
watch_hit (void *data, uint64_t addr, unsigned size, bool is_write)
{
  MdlMachine *m = data;
  MdlCpu *cpu = m->current;

  if (cpu == NULL || m->stop_reason != MDL_STOP_NONE || m->debug_quiet)
    return;   /* only CPU accesses stop the machine */
  /* No pc here: a target may hold it in a local until run() returns. */
  mdl_machine_stop (m, MDL_STOP_WATCHPOINT, 0, "CPU %s %s %u byte%s at 0x%"
                    G_GINT64_MODIFIER "x (watched)",
                    cpu->name, is_write ? "wrote" : "read", size, size == 1 ? "" : "s", addr);
  m->stop_cpu = cpu;
  m->stop_addr = addr;
}

void
mdl_machine_watch (MdlMachine *m, MdlAddressSpace *as, uint64_t addr, uint64_t size,
                   bool on_read, bool on_write)
{
  mdl_address_space_set_watch_handler (as, watch_hit, m);
  mdl_address_space_add_watch (as, addr, size, on_read, on_write);
}

void
mdl_machine_unwatch (MdlMachine *m, MdlAddressSpace *as, uint64_t addr, uint64_t size)
{
  mdl_address_space_remove_watch (as, addr, size);
}

/* ---- breakpoints --------------------------------------------------------- */

uint64_t
mdl_cpu_pc (MdlCpu *cpu)
{
  return cpu->cls->reg_read (cpu, cpu->cls->pc_reg);
}

bool
mdl_cpu_breakpoint_hit (MdlCpu *cpu, uint64_t pc)
{
  MdlMachine *m = cpu->machine;

  if (cpu->bp_pass && cpu->bp_pass_pc == pc) {
    cpu->bp_pass = false;
    return false;
  }
  if (m->debug_quiet)
    return false;   /* re-executing towards an instant: run through */
  mdl_machine_stop (m, MDL_STOP_BREAKPOINT, 0, "CPU %s reached a breakpoint at 0x%"
                    G_GINT64_MODIFIER "x", cpu->name, pc);
  m->stop_cpu = cpu;
  m->stop_addr = pc;
  return true;
}

void
mdl_cpu_set_breakpoint (MdlCpu *cpu, uint64_t pc, bool enabled)
{
  if (enabled) {
    if (cpu->breakpoints == NULL)
      cpu->breakpoints = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
    g_hash_table_add (cpu->breakpoints, g_memdup2 (&pc, sizeof pc));
  } else if (cpu->breakpoints != NULL) {
    g_hash_table_remove (cpu->breakpoints, &pc);
  }
  if (cpu->cls->flush_code != NULL)
    cpu->cls->flush_code (cpu);
}

void
mdl_cpu_clear_breakpoints (MdlCpu *cpu)
{
  g_clear_pointer (&cpu->breakpoints, g_hash_table_unref);
  if (cpu->cls->flush_code != NULL)
    cpu->cls->flush_code (cpu);
}

void
mdl_machine_set_serial_out (MdlMachine *m, MdlSerialOutFunc fn, void *data)
{
  m->serial_out = fn;
  m->serial_data = data;
}

void
mdl_machine_serial_out (MdlMachine *m, MdlDevice *uart, const uint8_t *bytes,
                        size_t len)
{
  if (m->replaying)
    return;   /* re-execution: the host has seen it already */
  for (size_t i = 0; i < len; i++)
    mdl_trace_add (m, MDL_TRACE_SERIAL,
                   uart ? (uint16_t) (_mdl_device_index (m, uart) | MDL_TRACE_DEVICE)
                        : MDL_TRACE_NONE, 0, bytes[i]);
  if (m->serial_out != NULL)
    m->serial_out (uart, bytes, len, m->serial_data);
}

unsigned
_mdl_device_index (const MdlMachine *m, const MdlDevice *dev)
{
  return dev->index;
}

void
mdl_cpu_wake (MdlCpu *cpu)
{
  if (cpu->state == MDL_CPU_WAITING && cpu->machine->lone_company)
    _mdl_lone_clamp (cpu->machine);
  if (cpu->state == MDL_CPU_WAITING) {
    cpu->state = MDL_CPU_RUNNING;
    mdl_trace_add (cpu->machine, MDL_TRACE_CPU_STATE, (uint16_t) cpu->index, 0, cpu->state);
  }
  mdl_cpu_kick (cpu);
}

void
mdl_cpu_fatal (MdlCpu *cpu, uint64_t pc, const char *fmt, ...)
{
  g_autofree char *what = NULL;
  va_list ap;

  va_start (ap, fmt);
  what = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  cpu->state = MDL_CPU_HALTED;
  mdl_machine_stop (cpu->machine, MDL_STOP_FATAL, 1, "CPU %s at 0x%"
                    G_GINT64_MODIFIER "x: %s", cpu->name, pc, what);
}

/* ---- exceptions taken ---- */


static void
update_watched (MdlMachine *m)
{
  for (guint i = 0; i < m->cpus->len; i++) {
    MdlCpu *cpu = g_ptr_array_index (m->cpus, i);

    cpu->exc_watched = m->exc_storm > 0 || m->exc_stop_causes != NULL;
    cpu->exc_stop_named = m->exc_stop_causes != NULL;
    cpu->exc_storm = m->exc_storm;
  }
}

void
mdl_machine_set_exception_storm (MdlMachine *m, unsigned storm)
{
  m->exc_storm = storm;
  update_watched (m);
}

void
mdl_machine_set_stop_on_exception (MdlMachine *m, const char *const *causes)
{
  g_strfreev (m->exc_stop_causes);
  m->exc_stop_causes = causes != NULL && causes[0] != NULL ? g_strdupv ((char **) causes) : NULL;
  update_watched (m);
}

static bool
stops_on (const MdlMachine *m, const char *name)
{
  for (unsigned i = 0; m->exc_stop_causes != NULL && m->exc_stop_causes[i] != NULL; i++)
    if (g_ascii_strcasecmp (m->exc_stop_causes[i], "all") == 0 ||
        g_ascii_strcasecmp (m->exc_stop_causes[i], name) == 0)
      return true;
  return false;
}

/* Stops the machine at @cpu's exception with one message: which CPU,
 * which instruction, which address and why. */
static void
exception_stop (MdlCpu *cpu, uint64_t pc, uint64_t addr, const char *name, const char *how)
{
  MdlMachine *m = cpu->machine;
  g_autoptr(GString) insn = g_string_new (NULL);

  if (cpu->cls->disas != NULL)
    cpu->cls->disas (cpu, pc, insn);
  mdl_machine_stop (m, MDL_STOP_EXCEPTION, 1,
                    "CPU %s: %s at 0x%" G_GINT64_MODIFIER "x (%s), address 0x%"
                    G_GINT64_MODIFIER "x%s", cpu->name, name, pc,
                    insn->len > 0 ? insn->str : "?", addr, how);
  if (m->stop_reason == MDL_STOP_EXCEPTION) {
    m->stop_cpu = cpu;
    m->stop_addr = pc;
  }
}

void
mdl_cpu_exception_taken (MdlCpu *cpu, unsigned cause, uint64_t pc, uint64_t addr,
                         const char *name, bool fault)
{
  MdlMachine *m = cpu->machine;

  name = name != NULL ? name : "exception";
  if (stops_on (m, name)) {
    exception_stop (cpu, pc, addr, name, "");
    return;
  }
  if (fault && m->exc_storm > 0 && mdl_cpu_storm_count (cpu, cause, pc, addr))
    mdl_cpu_exception_storm (cpu, pc, addr, name);
}

void
mdl_cpu_exception_storm (MdlCpu *cpu, uint64_t pc, uint64_t addr, const char *name)
{
  g_autofree char *how = g_strdup_printf (", %u times in a row", cpu->exc_repeats);

  cpu->exc_repeats = 0;
  exception_stop (cpu, pc, addr, name != NULL ? name : "exception", how);
}
