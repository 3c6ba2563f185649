#define G_LOG_DOMAIN "mdl-runner"

#include "runner-private.h"

#include "snapshot.h"

#include <string.h>

#include "device.h"

/* Virtual time per mdl_machine_run call.  Commands are looked at between
 * slices, so this bounds the latency of serial input and of commands that
 * do not interrupt a slice; pause, step, reset and quit cut a slice short
 * anyway (mdl_machine_request_user_stop).  1 ms is ~1M instructions at
 * 1 GHz: long enough that the per-slice cost (a mutex, a clock read) is
 * noise, short enough that input feels immediate. */
#define SLICE_PS          MDL_PS_PER_MS
/* Wall time between snapshots while running.  Every snapshot redraws the
 * views, and a software-rendered window costs ~15 ms of CPU per redraw:
 * at 33 a second the window took half a 2-core machine from the guest
 * (views-overhead benchmark: -49%), at 4 a second about a tenth.  Stops
 * and commands publish at once whatever the period. */
#define PUBLISH_PERIOD_US (250 * G_TIME_SPAN_MILLISECOND)
/* ...but console output is news a person waits for (an echo of what they
 * typed): then the next snapshot comes this soon. */
#define OUTPUT_PERIOD_US  (30 * G_TIME_SPAN_MILLISECOND)
/* Output kept per UART when nobody reads it. */
#define SERIAL_CAP        ((size_t) 1 << 20)
/* The slice while serial input waits to be delivered, one byte per UART
 * per slice: about a character time at 115200 baud, so a pasted line
 * reaches the guest at line speed instead of overrunning its receiver. */
#define INPUT_SLICE_PS    (100 * MDL_PS_PER_US)
/* Pacing (mdl_runner_set_speed): when the guest is behind wall time by
 * more than this (a slow host, a busy window), pacing starts counting
 * anew instead of letting it race to catch up, so a blinking LED never
 * blinks faster than it should. */
#define PACE_SLACK_US     (200 * G_TIME_SPAN_MILLISECOND)
/* Wall time over which the measured speed in snapshots is averaged. */
#define MEASURE_US        (500 * G_TIME_SPAN_MILLISECOND)

typedef struct {
  guint           id;
  MdlRunnerNotify func;
  void           *data;
} Listener;

/* What a view asked to see in every snapshot. */
typedef struct {
  guint    id;
  bool     disas;
  unsigned cpu;
  uint64_t addr;
  size_t   len;           /* memory */
  bool     follow_pc;     /* disassembly */
  unsigned before, after;
} ViewRequest;

/* Kept as long as the runner: at most this many trace records. */
#define TRACE_KEEP (1u << 18)
/* Step out gives up after this many instructions (an endless loop). */
#define STEP_OUT_LIMIT UINT64_C (50000000)

/* One UART: its output, a ring that grows up to SERIAL_CAP (under
 * serial_lock), and its input not yet delivered (engine thread only). */
struct SerialBuffer {
  MdlDevice  *dev;        /* NULL for a CPU's semihosting console */
  MdlCpu     *cpu;        /* ...whose CPU this is */
  char       *name;
  uint8_t    *data;
  size_t      cap, start, len;
  uint64_t    dropped;
  GByteArray *input;
  guint       input_pos;
};

/* ---- snapshots ----------------------------------------------------------- */

const char *
mdl_runner_state_name (MdlRunnerState state)
{
  switch (state) {
  case MDL_RUNNER_PAUSED:  return "paused";
  case MDL_RUNNER_RUNNING: return "running";
  case MDL_RUNNER_HALTED:  return "halted";
  case MDL_RUNNER_STOPPED: return "stopped";
  default:                 return "unknown";
  }
}

MdlSnapshot *
mdl_snapshot_ref (MdlSnapshot *snap)
{
  g_return_val_if_fail (snap != NULL, NULL);
  g_atomic_ref_count_inc (&snap->ref);
  return snap;
}

void
mdl_snapshot_unref (MdlSnapshot *snap)
{
  if (snap == NULL || !g_atomic_ref_count_dec (&snap->ref))
    return;
  for (unsigned i = 0; i < snap->n_cpus; i++) {
    g_free (snap->cpus[i].name);
    g_free (snap->cpus[i].regs);
    g_free (snap->cpus[i].regs_hi);
    mdl_cache_snapshot_free (snap->cpus[i].cache);
  }
  g_free (snap->cpus);
  g_free (snap->message);
  if (snap->breakpoints)
    g_array_unref (snap->breakpoints);
  if (snap->watchpoints)
    g_array_unref (snap->watchpoints);
  for (unsigned i = 0; i < snap->n_mem; i++) {
    g_free (snap->mem[i].bytes);
    g_free (snap->mem[i].mapped);
  }
  g_free (snap->mem);
  for (unsigned i = 0; i < snap->n_disas; i++) {
    for (unsigned j = 0; j < snap->disas[i].n_lines; j++) {
      g_free (snap->disas[i].lines[j].text);
      g_free (snap->disas[i].lines[j].label);
      g_free (snap->disas[i].lines[j].summary);
    }
    g_free (snap->disas[i].lines);
  }
  g_free (snap->disas);
  g_free (snap->insn);
  for (unsigned i = 0; i < snap->n_devices; i++)
    g_free (snap->devices[i].state);
  g_free (snap->devices);
  g_free (snap);
}

/* Bytes of @cpu's view at [addr, addr + len): RAM and ROM are read, device
 * registers and holes are marked unmapped (reading a device could change
 * it). */
static void
snapshot_memory (MdlCpu *cpu, MdlMemSnapshot *ms)
{
  uint64_t addr = ms->addr, end = ms->addr + ms->len;

  ms->bytes = g_malloc0 (MAX (ms->len, 1));
  ms->mapped = g_malloc0 (MAX (ms->len, 1));
  while (addr < end && addr >= ms->addr) {
    uint64_t base = 0, chunk;
    MdlRegion *r = mdl_address_space_lookup (cpu->as, addr, &base);

    if (r == NULL) {
      /* Up to the next mapping, or one page at most. */
      chunk = MIN (end - addr, 4096 - (addr & 4095));
      for (uint64_t a = addr + 1; a < addr + chunk; a++)
        if (mdl_address_space_lookup (cpu->as, a, NULL)) {
          chunk = a - addr;
          break;
        }
    } else {
      uint64_t left = base + (mdl_region_size (r) - 1) - addr;
      chunk = left >= end - addr - 1 ? end - addr : left + 1;
      if (mdl_region_kind (r) != MDL_REGION_MMIO &&
          mdl_address_space_read_bytes (cpu->as, addr, ms->bytes + (addr - ms->addr), chunk, NULL))
        memset (ms->mapped + (addr - ms->addr), 1, chunk);
    }
    addr += chunk;
  }
}

static char *
label_at (MdlRunner *r, unsigned cpu, uint64_t addr)
{
  const MdlElfImage *img = cpu < r->n_symbols ? r->symbols[cpu] : NULL;
  const MdlSymbol *s = img ? mdl_elf_image_symbol_at (img, addr) : NULL;

  return s && s->value == addr ? g_strdup (s->name) : NULL;
}

static void
disas_line (MdlRunner *r, MdlCpu *cpu, uint64_t addr, MdlDisasLine *line)
{
  g_autoptr(GString) text = g_string_new (NULL);
  uint8_t raw[4] = { 0 };

  line->addr = addr;
  line->len = cpu->cls->disas ? cpu->cls->disas (cpu, addr, text) : 0;
  if (line->len == 0)
    line->len = 2;
  mdl_address_space_read_bytes (cpu->as, addr, raw, MIN (line->len, 4), NULL);
  line->raw = raw[0] | raw[1] << 8 | (uint32_t) raw[2] << 16 | (uint32_t) raw[3] << 24;
  if (line->len < 4)
    line->raw &= (UINT32_C (1) << (8 * line->len)) - 1;
  line->text = g_string_free (g_steal_pointer (&text), FALSE);
  line->label = label_at (r, cpu->index, addr);
  line->summary = NULL;
  if (cpu->cls->insn_info != NULL) {
    MdlInsnInfo info;

    if (cpu->cls->insn_info (cpu, addr, &info) && info.summary[0] != '\0')
      line->summary = g_strdup (info.summary);
  }
}

static void
disas_line_clear (MdlDisasLine *line)
{
  g_free (line->text);
  g_free (line->label);
  g_free (line->summary);
}

/* Instructions around @centre: @before lines leading up to it, found by
 * decoding forward from a little earlier (variable-length code resyncs in
 * a few instructions), then @after lines from it. */
static void
snapshot_disas (MdlRunner *r, MdlCpu *cpu, uint64_t centre, unsigned before,
                unsigned after, MdlDisasSnapshot *ds)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (MdlDisasLine));
  uint64_t addr = centre >= 4 * (uint64_t) before ? centre - 4 * (uint64_t) before : 0;

  while (before > 0 && addr < centre) {
    MdlDisasLine line;
    disas_line (r, cpu, addr, &line);
    g_array_append_val (lines, line);
    addr += line.len;
  }
  if (addr != centre) {
    /* Never landed on the centre: show nothing before it rather than a
     * wrong decoding. */
    for (guint i = 0; i < lines->len; i++)
      disas_line_clear (&g_array_index (lines, MdlDisasLine, i));
    g_array_set_size (lines, 0);
  }
  while (lines->len > before) {
    disas_line_clear (&g_array_index (lines, MdlDisasLine, 0));
    g_array_remove_index (lines, 0);
  }
  addr = centre;
  for (unsigned i = 0; i <= after; i++) {
    MdlDisasLine line;
    disas_line (r, cpu, addr, &line);
    g_array_append_val (lines, line);
    addr += line.len;
  }
  ds->n_lines = lines->len;
  ds->lines = (MdlDisasLine *) (void *) g_array_free (lines, FALSE);
}

static MdlSnapshot *
snapshot_take (MdlRunner *r)
{
  MdlMachine *m = r->machine;
  MdlSnapshot *snap = g_new0 (MdlSnapshot, 1);
  uint64_t vt = mdl_machine_now (m);

  g_atomic_ref_count_init (&snap->ref);
  snap->seq = ++r->seq;
  snap->state = r->state;
  snap->stop_reason = r->stop_reason;
  snap->exit_code = r->exit_code;
  snap->waiting_for_input = r->waiting_for_input;
  snap->history_start = r->history_start;
  snap->speed = mdl_runner_speed (r);
  snap->measured_speed = r->measured_speed;
  if (r->message != NULL)
    snap->message = g_strdup (r->message);
  else if (r->waiting_for_input)
    snap->message = g_strdup ("waiting for serial input");
  else
    snap->message = g_strdup ("");
  snap->n_cpus = mdl_machine_n_cpus (m);
  snap->cpus = g_new0 (MdlCpuSnapshot, snap->n_cpus);
  for (unsigned i = 0; i < snap->n_cpus; i++) {
    MdlCpu *cpu = mdl_machine_cpu (m, i);
    MdlCpuSnapshot *cs = &snap->cpus[i];

    cs->name = g_strdup (cpu->name);
    cs->cls = cpu->cls;
    cs->state = cpu->state;
    cs->retired = cpu->retired;
    cs->time_ps = cpu->time_ps;
    cs->regs = g_new (uint64_t, cpu->cls->n_regs);
    for (unsigned j = 0; j < cpu->cls->n_regs; j++)
      cs->regs[j] = cpu->cls->reg_read (cpu, j);
    if (cpu->cls->reg_read_hi != NULL) {
      cs->regs_hi = g_new0 (uint64_t, cpu->cls->n_regs);
      for (unsigned j = 0; j < cpu->cls->n_regs; j++)
        if (cpu->cls->regs[j].bits > 64)
          cs->regs_hi[j] = cpu->cls->reg_read_hi (cpu, j);
    }
    cs->pc = cpu->cls->pc_reg < cpu->cls->n_regs ? cs->regs[cpu->cls->pc_reg] : 0;
    if (cpu->cache != NULL)
      cs->cache = mdl_cache_model_snapshot (cpu->cache);
    /* CPUs may be up to a quantum apart: the machine is as far as the
     * furthest of them. */
    vt = MAX (vt, cpu->time_ps);
  }
  snap->virtual_time_ps = vt;

  snap->stop_cpu = r->stop_cpu;
  snap->stop_addr = r->stop_addr;
  snap->breakpoints = g_array_copy (r->breakpoints);
  snap->watchpoints = g_array_copy (r->watchpoints);
  snap->insn = g_new0 (MdlInsnInfo, MAX (snap->n_cpus, 1));
  for (unsigned i = 0; i < snap->n_cpus; i++) {
    MdlCpu *cpu = mdl_machine_cpu (m, i);
    if (cpu->cls->insn_info == NULL || !cpu->cls->insn_info (cpu, snap->cpus[i].pc, &snap->insn[i]))
      memset (&snap->insn[i], 0, sizeof snap->insn[i]);
  }
  /* Device states are small (a few words) and few devices have them. */
  snap->n_devices = mdl_machine_n_devices (m);
  snap->devices = g_new0 (MdlDeviceSnapshot, MAX (snap->n_devices, 1));
  for (unsigned i = 0; i < snap->n_devices; i++) {
    MdlDevice *dev = mdl_machine_device (m, i);
    uint8_t buf[256];

    if (dev->cls->snapshot_state == NULL)
      continue;
    snap->devices[i].len = MIN (dev->cls->snapshot_state (dev, buf, sizeof buf), sizeof buf);
    snap->devices[i].state = g_memdup2 (buf, snap->devices[i].len);
  }
  snap->mem = g_new0 (MdlMemSnapshot, MAX (r->views->len, 1));
  snap->disas = g_new0 (MdlDisasSnapshot, MAX (r->views->len, 1));
  for (guint i = 0; i < r->views->len; i++) {
    const ViewRequest *v = &g_array_index (r->views, ViewRequest, i);
    MdlCpu *cpu = mdl_machine_cpu (m, v->cpu);

    if (cpu == NULL)
      continue;
    if (v->disas) {
      MdlDisasSnapshot *ds = &snap->disas[snap->n_disas++];
      ds->id = v->id;
      ds->cpu = v->cpu;
      snapshot_disas (r, cpu, v->follow_pc ? snap->cpus[v->cpu].pc : v->addr, v->before,
                      v->after, ds);
    } else {
      MdlMemSnapshot *ms = &snap->mem[snap->n_mem++];
      ms->id = v->id;
      ms->cpu = v->cpu;
      ms->addr = v->addr;
      ms->len = v->len;
      snapshot_memory (cpu, ms);
    }
  }
  return snap;
}

/* Engine thread: moves new machine trace records to the readers' copy. */
static void
copy_trace (MdlRunner *r)
{
  g_autoptr(GArray) fresh = g_array_new (FALSE, FALSE, sizeof (MdlTraceRecord));

  r->trace_from = mdl_trace_copy (r->machine, r->trace_from, fresh);
  if (fresh->len == 0)
    return;
  g_mutex_lock (&r->trace_lock);
  g_array_append_vals (r->trace, fresh->data, fresh->len);
  if (r->trace->len > TRACE_KEEP)
    g_array_remove_range (r->trace, 0, r->trace->len - TRACE_KEEP);
  g_mutex_unlock (&r->trace_lock);
}

uint64_t
mdl_runner_read_trace (MdlRunner *runner, uint64_t from, GArray *out)
{
  uint64_t next = from;

  g_return_val_if_fail (runner != NULL, from);
  g_mutex_lock (&runner->trace_lock);
  if (runner->trace->len > 0) {
    const MdlTraceRecord *first = &g_array_index (runner->trace, MdlTraceRecord, 0);
    const MdlTraceRecord *last = &g_array_index (runner->trace, MdlTraceRecord,
                                                 runner->trace->len - 1);
    /* After a reset the sequence starts again at 0: from past the end
     * means the reader has the old run; give it the new one. */
    if (from > last->seq + 1)
      from = 0;
    for (guint i = from > first->seq ? (guint) (from - first->seq) : 0; i < runner->trace->len; i++)
      g_array_append_val (out, g_array_index (runner->trace, MdlTraceRecord, i));
    next = last->seq + 1;
  } else if (from > 0) {
    next = 0;
  }
  g_mutex_unlock (&runner->trace_lock);
  return next;
}

const MdlElfImage *
mdl_runner_symbols (MdlRunner *runner, unsigned cpu)
{
  g_return_val_if_fail (runner != NULL, NULL);
  return cpu < runner->n_symbols ? runner->symbols[cpu] : NULL;
}

/* Engine thread: the virtual speed against wall time over the last
 * MEASURE_US or so, for the status; 0 while not running. */
static void
measure_speed (MdlRunner *r)
{
  gint64 now = g_get_monotonic_time ();
  uint64_t vt = mdl_machine_now (r->machine);

  if (r->state != MDL_RUNNER_RUNNING || r->waiting_for_input || r->measure_wall == 0) {
    r->measured_speed = 0;
    r->measure_wall = r->state == MDL_RUNNER_RUNNING && !r->waiting_for_input ? now : 0;
    r->measure_vt = vt;
    return;
  }
  if (now - r->measure_wall < MEASURE_US)
    return;
  r->measured_speed = (double) (vt - r->measure_vt) / MDL_PS_PER_US /
                      (double) (now - r->measure_wall);
  r->measure_wall = now;
  r->measure_vt = vt;
}

/* Engine thread: replaces the published snapshot and tells the reader. */
static void
publish (MdlRunner *r)
{
  MdlSnapshot *snap, *old;

  copy_trace (r);
  measure_speed (r);
  snap = snapshot_take (r);

  g_mutex_lock (&r->snap_lock);
  old = r->snap;
  r->snap = snap;
  g_mutex_unlock (&r->snap_lock);
  /* The last reference may be ours: free it outside the lock. */
  mdl_snapshot_unref (old);
  r->dirty = false;
  r->fresh_output = false;
  r->last_publish = g_get_monotonic_time ();
  if (r->notify != NULL)
    r->notify (r->notify_data);
  g_mutex_lock (&r->listeners_lock);
  for (guint i = 0; i < r->listeners->len; i++) {
    const Listener *l = &g_array_index (r->listeners, Listener, i);
    l->func (l->data);
  }
  g_mutex_unlock (&r->listeners_lock);
}

MdlSnapshot *
mdl_runner_snapshot (MdlRunner *runner)
{
  MdlSnapshot *snap;

  g_return_val_if_fail (runner != NULL, NULL);
  g_mutex_lock (&runner->snap_lock);
  snap = mdl_snapshot_ref (runner->snap);
  g_mutex_unlock (&runner->snap_lock);
  return snap;
}

/* ---- serial output ------------------------------------------------------- */

/* Makes room for @need bytes, keeping the ring's contents in order. */
static void
serial_reserve (SerialBuffer *u, size_t need)
{
  size_t cap = MAX (u->cap, (size_t) 4096);
  uint8_t *data;
  size_t first;

  if (need <= u->cap)
    return;
  while (cap < need)
    cap *= 2;
  cap = MIN (cap, SERIAL_CAP);
  g_assert (cap >= need);
  data = g_malloc (cap);
  first = MIN (u->len, u->cap - u->start);
  if (u->len > 0) {
    memcpy (data, u->data + u->start, first);
    memcpy (data + first, u->data, u->len - first);
  }
  g_free (u->data);
  u->data = data;
  u->cap = cap;
  u->start = 0;
}

static void
serial_append (SerialBuffer *u, const uint8_t *bytes, size_t len)
{
  uint64_t dropped_before = u->dropped;
  size_t tail, first;

  if (len >= SERIAL_CAP) {
    /* Only the newest SERIAL_CAP bytes can survive. */
    u->dropped += u->len + (len - SERIAL_CAP);
    bytes += len - SERIAL_CAP;
    len = SERIAL_CAP;
    u->start = 0;
    u->len = 0;
  } else if (u->len + len > SERIAL_CAP) {
    size_t drop = u->len + len - SERIAL_CAP;

    u->start = (u->start + drop) % u->cap;
    u->len -= drop;
    u->dropped += drop;
  }
  if (dropped_before == 0 && u->dropped > 0)
    g_debug ("%s: console output not read, dropping the oldest bytes", u->name);
  serial_reserve (u, u->len + len);
  tail = (u->start + u->len) % u->cap;
  first = MIN (len, u->cap - tail);
  memcpy (u->data + tail, bytes, first);
  memcpy (u->data, bytes + first, len - first);
  u->len += len;
}

/* The machine's serial sink: runs on the engine thread, inside a slice. */
static void
serial_out (MdlDevice *uart, const uint8_t *bytes, size_t len, void *data)
{
  MdlRunner *r = data;

  MdlCpu *cpu = uart == NULL ? mdl_machine_current_cpu (r->machine) : NULL;

  for (unsigned i = 0; i < r->n_uarts; i++) {
    if (r->uarts[i].dev == uart && r->uarts[i].cpu == cpu) {
      g_mutex_lock (&r->serial_lock);
      serial_append (&r->uarts[i], bytes, len);
      r->fresh_output = true;
      g_mutex_unlock (&r->serial_lock);
      return;
    }
  }
}

unsigned
mdl_runner_n_uarts (MdlRunner *runner)
{
  g_return_val_if_fail (runner != NULL, 0);
  return runner->n_uarts;
}

const char *
mdl_runner_uart_name (MdlRunner *runner, unsigned uart)
{
  g_return_val_if_fail (runner != NULL && uart < runner->n_uarts, NULL);
  return runner->uarts[uart].name;
}

size_t
mdl_runner_read_serial (MdlRunner *runner, unsigned uart, uint8_t *buf, size_t max)
{
  SerialBuffer *u;
  size_t n, first;

  g_return_val_if_fail (runner != NULL && uart < runner->n_uarts, 0);
  u = &runner->uarts[uart];
  g_mutex_lock (&runner->serial_lock);
  n = MIN (max, u->len);
  if (n > 0) {
    first = MIN (n, u->cap - u->start);
    memcpy (buf, u->data + u->start, first);
    memcpy (buf + first, u->data, n - first);
    u->start = (u->start + n) % u->cap;
    u->len -= n;
  }
  g_mutex_unlock (&runner->serial_lock);
  return n;
}

uint64_t
mdl_runner_serial_dropped (MdlRunner *runner, unsigned uart)
{
  uint64_t n;

  g_return_val_if_fail (runner != NULL && uart < runner->n_uarts, 0);
  g_mutex_lock (&runner->serial_lock);
  n = runner->uarts[uart].dropped;
  g_mutex_unlock (&runner->serial_lock);
  return n;
}

/* ---- commands ------------------------------------------------------------ */

void
_mdl_runner_post (MdlRunner *r, Command *cmd)
{
  g_mutex_lock (&r->lock);
  g_queue_push_tail (&r->queue, cmd);
  /* Run and serial input can wait for the slice to end; the others must
   * not wait for a long slice.  Requested under the lock so that the
   * engine, which clears stop requests when it takes commands, never
   * sees a request whose command it has already taken. */
  if (r->kick && !(cmd->kind == CMD_RUN || cmd->kind == CMD_SERIAL || cmd->kind == CMD_WATCH_MEM ||
                   cmd->kind == CMD_WATCH_DISAS || cmd->kind == CMD_UNWATCH ||
                   cmd->kind == CMD_CALL || cmd->kind == CMD_HISTORY ||
                   cmd->kind == CMD_SAVE_POINT)) {
    r->stop_posted = true;
    mdl_machine_request_user_stop (r->machine);
  }
  g_cond_signal (&r->cond);
  g_mutex_unlock (&r->lock);
}

Command *
_mdl_runner_command_new (CommandKind kind, unsigned index, const uint8_t *bytes, size_t len)
{
  Command *cmd = g_malloc0 (sizeof (Command) + len);

  cmd->kind = kind;
  cmd->index = index;
  cmd->len = len;
  if (len > 0)
    memcpy (cmd->bytes, bytes, len);
  return cmd;
}

static Command *
cpu_command (CommandKind kind, unsigned cpu, uint64_t addr)
{
  Command *cmd = _mdl_runner_command_new (kind, cpu, NULL, 0);

  cmd->addr = addr;
  return cmd;
}

void
mdl_runner_set_breakpoint (MdlRunner *runner, unsigned cpu, uint64_t addr, bool enabled)
{
  Command *cmd = cpu_command (CMD_BREAKPOINT, cpu, addr);

  cmd->enabled = enabled;
  _mdl_runner_post (runner, cmd);
}

void
mdl_runner_set_watchpoint (MdlRunner *runner, unsigned cpu, uint64_t addr, uint64_t size,
                           bool on_read, bool on_write, bool enabled)
{
  Command *cmd = cpu_command (CMD_WATCHPOINT, cpu, addr);

  cmd->size = MAX (size, 1);
  cmd->on_read = on_read;
  cmd->on_write = on_write;
  cmd->enabled = enabled;
  _mdl_runner_post (runner, cmd);
}

void
mdl_runner_run_to (MdlRunner *runner, unsigned cpu, uint64_t addr)
{
  _mdl_runner_post (runner, cpu_command (CMD_RUN_TO, cpu, addr));
}

void
mdl_runner_step_over (MdlRunner *runner, unsigned cpu)
{
  _mdl_runner_post (runner, cpu_command (CMD_STEP_OVER, cpu, 0));
}

void
mdl_runner_step_out (MdlRunner *runner, unsigned cpu)
{
  _mdl_runner_post (runner, cpu_command (CMD_STEP_OUT, cpu, 0));
}

void
mdl_runner_step_line (MdlRunner *runner, unsigned cpu, MdlStepKind kind)
{
  Command *cmd = cpu_command (CMD_STEP_LINE, cpu, 0);

  cmd->reg = kind;
  _mdl_runner_post (runner, cmd);
}

MdlDebugInfo *
mdl_runner_debuginfo (MdlRunner *runner, unsigned cpu, const char **error)
{
  MdlDebugInfo *di = NULL;

  g_return_val_if_fail (runner != NULL, NULL);
  if (cpu >= runner->n_symbols) {
    if (error)
      *error = "no such CPU";
    return NULL;
  }
  g_mutex_lock (&runner->debuginfo_lock);
  if (runner->debuginfo[cpu] == NULL && runner->debuginfo_error[cpu] == NULL) {
    const MdlElfImage *img = runner->symbols[cpu];
    g_autoptr(GError) err = NULL;

    const MdlCpuClass *cls = mdl_machine_cpu (runner->machine, cpu)->cls;

    for (unsigned j = 0; img != NULL && j < runner->n_symbols; j++)
      if (runner->debuginfo_owner[j] && runner->symbols[j] != NULL &&
          mdl_machine_cpu (runner->machine, j)->cls == cls &&
          strcmp (runner->symbols[j]->path, img->path) == 0) {
        runner->debuginfo[cpu] = runner->debuginfo[j];
        break;
      }
    if (runner->debuginfo[cpu] == NULL) {
      if (img == NULL)
        runner->debuginfo_error[cpu] = g_strdup ("the CPU has no firmware");
      else if ((runner->debuginfo[cpu] = mdl_debuginfo_open (img->path, cls, &err)) == NULL)
        runner->debuginfo_error[cpu] = g_strdup (err->message);
      else
        runner->debuginfo_owner[cpu] = true;
    }
  }
  di = runner->debuginfo[cpu];
  if (error)
    *error = runner->debuginfo_error[cpu];
  g_mutex_unlock (&runner->debuginfo_lock);
  return di;
}

void
mdl_runner_write_register (MdlRunner *runner, unsigned cpu, unsigned reg, uint64_t value)
{
  Command *cmd = cpu_command (CMD_WRITE_REG, cpu, 0);

  cmd->reg = reg;
  cmd->value = value;
  _mdl_runner_post (runner, cmd);
}

void
mdl_runner_write_register_wide (MdlRunner *runner, unsigned cpu, unsigned reg, uint64_t value,
                                uint64_t value_hi)
{
  Command *cmd = cpu_command (CMD_WRITE_REG, cpu, 0);

  cmd->reg = reg;
  cmd->value = value;
  cmd->value_hi = value_hi;
  cmd->wide = true;
  _mdl_runner_post (runner, cmd);
}

void
mdl_runner_write_memory (MdlRunner *runner, unsigned cpu, uint64_t addr, const uint8_t *bytes,
                         size_t len)
{
  Command *cmd = _mdl_runner_command_new (CMD_WRITE_MEM, cpu, bytes, len);

  cmd->addr = addr;
  _mdl_runner_post (runner, cmd);
}

guint
mdl_runner_watch_memory (MdlRunner *runner, unsigned cpu, uint64_t addr, size_t len)
{
  Command *cmd = cpu_command (CMD_WATCH_MEM, cpu, addr);

  /* Views show a screenful; a cap keeps a typo from copying gigabytes
   * at every snapshot. */
  guint id;

  cmd->size = MIN (len, (size_t) 1 << 20);
  /* Taken before posting: the engine frees the command once applied. */
  id = cmd->id = (guint) g_atomic_int_add (&runner->next_view_id, 1) + 1;
  _mdl_runner_post (runner, cmd);
  return id;
}

guint
mdl_runner_watch_disassembly (MdlRunner *runner, unsigned cpu, bool follow_pc, uint64_t addr,
                              unsigned lines_before, unsigned lines_after)
{
  Command *cmd = cpu_command (CMD_WATCH_DISAS, cpu, addr);
  guint id;

  cmd->enabled = follow_pc;
  cmd->reg = MIN (lines_before, 256);
  cmd->count = MIN (lines_after, 256);
  id = cmd->id = (guint) g_atomic_int_add (&runner->next_view_id, 1) + 1;
  _mdl_runner_post (runner, cmd);
  return id;
}

guint
mdl_runner_add_listener (MdlRunner *runner, MdlRunnerNotify func, void *data)
{
  Listener l = { 0, func, data };

  g_mutex_lock (&runner->listeners_lock);
  l.id = ++runner->next_listener;
  g_array_append_val (runner->listeners, l);
  g_mutex_unlock (&runner->listeners_lock);
  return l.id;
}

void
mdl_runner_remove_listener (MdlRunner *runner, guint id)
{
  g_mutex_lock (&runner->listeners_lock);
  for (guint i = 0; i < runner->listeners->len; i++)
    if (g_array_index (runner->listeners, Listener, i).id == id) {
      g_array_remove_index (runner->listeners, i);
      break;
    }
  g_mutex_unlock (&runner->listeners_lock);
}

void
mdl_runner_call (MdlRunner *runner, MdlRunnerFunc func, void *data)
{
  Command *cmd;
  gint done = 0;

  g_return_if_fail (runner != NULL && func != NULL);
  g_return_if_fail (g_thread_self () != runner->thread);
  cmd = _mdl_runner_command_new (CMD_CALL, 0, NULL, 0);
  cmd->func = func;
  cmd->data = data;
  cmd->done = &done;
  _mdl_runner_post (runner, cmd);
  /* The engine signals the queue's condition after every call; wait on it
   * rather than spin. */
  g_mutex_lock (&runner->lock);
  while (!g_atomic_int_get (&done))
    g_cond_wait (&runner->call_cond, &runner->lock);
  g_mutex_unlock (&runner->lock);
}

/* ---- devices the window shows and drives ---- */

typedef struct {
  MdlViewKind view;
  const char *name;
  unsigned    nth;
  int         index;
} FindDeviceCall;

static void
find_device_on_engine (MdlRunner *runner, MdlMachine *machine, void *data)
{
  FindDeviceCall *c = data;

  for (unsigned i = 0; i < mdl_machine_n_devices (machine); i++) {
    MdlDevice *dev = mdl_machine_device (machine, i);

    if (dev->cls->view != c->view || (c->name != NULL && g_strcmp0 (dev->name, c->name) != 0))
      continue;
    if (c->nth-- == 0) {
      c->index = (int) i;
      return;
    }
  }
}

int
mdl_runner_find_device (MdlRunner *runner, MdlViewKind view, const char *name, unsigned nth)
{
  FindDeviceCall c = { view, name, nth, -1 };

  g_return_val_if_fail (runner != NULL, -1);
  if (view == MDL_VIEW_NONE)
    return -1;
  mdl_runner_call (runner, find_device_on_engine, &c);
  return c.index;
}

/* The device @index of @machine when its class has view kind @view. */
static MdlDevice *
device_with_view (MdlMachine *machine, unsigned index, MdlViewKind view)
{
  MdlDevice *dev;

  if (index >= mdl_machine_n_devices (machine))
    return NULL;
  dev = mdl_machine_device (machine, index);
  return dev->cls->view == view ? dev : NULL;
}

typedef struct {
  unsigned device, pin;
  bool     level, done;
} SetPinCall;

static void
set_pin_on_engine (MdlRunner *runner, MdlMachine *machine, void *data)
{
  SetPinCall *c = data;
  MdlDevice *dev = device_with_view (machine, c->device, MDL_VIEW_PINS);

  if (dev != NULL && dev->cls->set_pin != NULL) {
    mdl_machine_history_mark (machine);   /* an input from outside */
    c->done = dev->cls->set_pin (dev, c->pin, c->level);
  }
}

bool
mdl_runner_set_device_pin (MdlRunner *runner, unsigned device, unsigned pin, bool level)
{
  SetPinCall c = { device, pin, level, false };

  g_return_val_if_fail (runner != NULL, false);
  mdl_runner_call (runner, set_pin_on_engine, &c);
  return c.done;
}

typedef struct {
  unsigned  device;
  uint64_t *generation;
  unsigned  scale_w, scale_h;
  uint32_t **pixels;
  unsigned *out_w, *out_h;
  bool      rendered;
} RenderCall;

static void
render_on_engine (MdlRunner *runner, MdlMachine *machine, void *data)
{
  RenderCall *c = data;
  MdlDevice *dev = device_with_view (machine, c->device, MDL_VIEW_DISPLAY);

  c->rendered = dev != NULL && dev->cls->render_frame != NULL &&
                dev->cls->render_frame (dev, c->generation, c->scale_w, c->scale_h,
                                        c->pixels, c->out_w, c->out_h);
}

bool
mdl_runner_render_device (MdlRunner *runner, unsigned device, uint64_t *generation_inout,
                          unsigned scale_w, unsigned scale_h, uint32_t **pixels,
                          unsigned *out_w, unsigned *out_h)
{
  RenderCall c = { device, generation_inout, scale_w, scale_h, pixels, out_w, out_h, false };

  g_return_val_if_fail (runner != NULL, false);
  mdl_runner_call (runner, render_on_engine, &c);
  return c.rendered;
}

void
mdl_runner_unwatch (MdlRunner *runner, guint id)
{
  Command *cmd = _mdl_runner_command_new (CMD_UNWATCH, 0, NULL, 0);

  cmd->id = id;
  _mdl_runner_post (runner, cmd);
}

void
mdl_runner_run (MdlRunner *runner)
{
  g_return_if_fail (runner != NULL);
  _mdl_runner_post (runner, _mdl_runner_command_new (CMD_RUN, 0, NULL, 0));
}

void
mdl_runner_pause (MdlRunner *runner)
{
  g_return_if_fail (runner != NULL);
  _mdl_runner_post (runner, _mdl_runner_command_new (CMD_PAUSE, 0, NULL, 0));
}

void
mdl_runner_step (MdlRunner *runner, unsigned cpu_index)
{
  g_return_if_fail (runner != NULL);
  _mdl_runner_post (runner, _mdl_runner_command_new (CMD_STEP, cpu_index, NULL, 0));
}

void
mdl_runner_reset (MdlRunner *runner)
{
  g_return_if_fail (runner != NULL);
  _mdl_runner_post (runner, _mdl_runner_command_new (CMD_RESET, 0, NULL, 0));
}

void
mdl_runner_serial_input (MdlRunner *runner, unsigned uart,
                         const uint8_t *bytes, size_t len)
{
  g_return_if_fail (runner != NULL && uart < runner->n_uarts);
  g_return_if_fail (bytes != NULL || len == 0);
  if (len == 0)
    return;
  _mdl_runner_post (runner, _mdl_runner_command_new (CMD_SERIAL, uart, bytes, len));
}

/* ---- the engine thread --------------------------------------------------- */

/* Hands each UART its next input byte when its receiver has room
 * (serial_can_receive), so that nothing is lost to an overrun; true when
 * a byte moved. */
static bool
feed_input (MdlRunner *r)
{
  bool moved = false, more = false;

  if (!r->input_pending)
    return false;
  for (unsigned i = 0; i < r->n_uarts; i++) {
    SerialBuffer *u = &r->uarts[i];
    const MdlDeviceClass *cls = u->dev ? u->dev->cls : NULL;

    if (cls == NULL) {   /* semihosting reads no input here */
      g_byte_array_set_size (u->input, 0);
      u->input_pos = 0;
      continue;
    }
    if (u->input_pos < u->input->len &&
        (cls->serial_can_receive == NULL || cls->serial_can_receive (u->dev) > 0)) {
      cls->serial_input (u->dev, u->input->data + u->input_pos, 1);
      u->input_pos++;
      moved = true;
      mdl_machine_history_mark (r->machine);   /* an input from outside */
    }
    if (u->input_pos < u->input->len) {
      more = true;
    } else {
      g_byte_array_set_size (u->input, 0);
      u->input_pos = 0;
    }
  }
  r->input_pending = more;
  return moved;
}

static void
drop_input (MdlRunner *r)
{
  for (unsigned i = 0; i < r->n_uarts; i++) {
    g_byte_array_set_size (r->uarts[i].input, 0);
    r->uarts[i].input_pos = 0;
  }
  r->input_pending = false;
}

static bool
user_breakpoint (MdlRunner *r, unsigned cpu, uint64_t addr)
{
  for (guint i = 0; i < r->breakpoints->len; i++) {
    const MdlBreakpoint *b = &g_array_index (r->breakpoints, MdlBreakpoint, i);
    if (b->cpu == cpu && b->addr == addr)
      return true;
  }
  return false;
}

/* Run-to and step-over use one breakpoint of their own for one run. */
void
_mdl_runner_drop_temp_breakpoint (MdlRunner *r)
{
  MdlCpu *cpu;

  if (!r->temp_bp)
    return;
  r->temp_bp = false;
  cpu = mdl_machine_cpu (r->machine, r->temp_cpu);
  if (cpu && !user_breakpoint (r, r->temp_cpu, r->temp_addr))
    mdl_cpu_set_breakpoint (cpu, r->temp_addr, false);
}

static void
set_temp_breakpoint (MdlRunner *r, unsigned cpu_index, uint64_t addr)
{
  _mdl_runner_drop_temp_breakpoint (r);
  r->temp_bp = true;
  r->temp_cpu = cpu_index;
  r->temp_addr = addr;
  mdl_cpu_set_breakpoint (mdl_machine_cpu (r->machine, cpu_index), addr, true);
}

void
_mdl_runner_set_stop_info (MdlRunner *r, MdlRunnerState state, MdlStopReason reason,
                           int exit_code, const char *message)
{
  r->stop_cpu = -1;
  r->stop_addr = 0;
  r->state = state;
  r->stop_reason = reason;
  r->exit_code = exit_code;
  g_free (r->message);
  r->message = message != NULL ? g_strdup (message) : NULL;
}

/* Turns what mdl_machine_run/step returned into a runner state.  The
 * runner keeps its own copy of a real stop, so the machine's can be
 * cleared at any time afterwards. */
void
_mdl_runner_handle_stop (MdlRunner *r, MdlStopReason reason)
{
  MdlMachine *m = r->machine;

  switch (reason) {
  case MDL_STOP_NONE:
    break;
  case MDL_STOP_USER:
    /* A pause, step, reset or quit cut the slice short (its command is
     * queued), or someone else asked for a stop: either way, a pause. */
    mdl_machine_clear_stop (m);
    if (r->state == MDL_RUNNER_RUNNING)
      r->state = MDL_RUNNER_PAUSED;
    r->waiting_for_input = false;
    break;
  case MDL_STOP_GUEST_EXIT:
    _mdl_runner_set_stop_info (r, MDL_RUNNER_HALTED, reason, mdl_machine_exit_code (m),
                               mdl_machine_stop_message (m));
    r->waiting_for_input = false;
    mdl_machine_clear_stop (m);
    break;
  case MDL_STOP_BREAKPOINT:
  case MDL_STOP_WATCHPOINT:
  case MDL_STOP_EXCEPTION: {
    MdlCpu *cpu = mdl_machine_stop_cpu (m);

    /* Not the end of the guest: paused where it stopped, resumable. */
    _mdl_runner_set_stop_info (r, MDL_RUNNER_PAUSED, reason, 0, mdl_machine_stop_message (m));
    r->stop_cpu = cpu ? (int) cpu->index : -1;
    r->stop_addr = mdl_machine_stop_addr (m);
    r->waiting_for_input = false;
    r->stepping_out = false;
    r->stepping_line = false;
    _mdl_runner_drop_temp_breakpoint (r);
    mdl_machine_clear_stop (m);   /* arms the pass-once for the resume */
    break;
  }
  case MDL_STOP_DEADLOCK:
    if (r->state == MDL_RUNNER_RUNNING && feed_input (r)) {
      /* Asleep until the next byte, which was ours to give: no need to
       * wait out the rest of the character time. */
      mdl_machine_clear_stop (m);
      break;
    }
    if (r->n_uarts > 0 && r->state == MDL_RUNNER_RUNNING) {
      /* The guest sleeps until something wakes it, and typing is the
       * only thing that can: wait for input (or any command) instead of
       * giving up, as `medley run` does with stdin. */
      mdl_machine_clear_stop (m);
      r->waiting_for_input = true;
      break;
    }
    /* fall through */
  default:
    _mdl_runner_set_stop_info (r, MDL_RUNNER_STOPPED, reason, mdl_machine_exit_code (m),
                               mdl_machine_stop_message (m));
    r->waiting_for_input = false;
    mdl_machine_clear_stop (m);
    break;
  }
}

bool
_mdl_runner_guest_ended (MdlRunner *r)
{
  return r->state == MDL_RUNNER_HALTED || r->state == MDL_RUNNER_STOPPED;
}

static void
apply_debug (MdlRunner *r, const Command *cmd)
{
  MdlMachine *m = r->machine;
  MdlCpu *cpu = mdl_machine_cpu (m, cmd->index);
  bool paused = r->state == MDL_RUNNER_PAUSED;

  if (cpu == NULL) {
    g_warning ("debug command for CPU %u, which the machine does not have", cmd->index);
    return;
  }
  switch (cmd->kind) {
  case CMD_BREAKPOINT:
    if (cmd->enabled && !user_breakpoint (r, cmd->index, cmd->addr)) {
      MdlBreakpoint b = { cmd->index, cmd->addr };
      g_array_append_val (r->breakpoints, b);
    } else if (!cmd->enabled) {
      for (guint i = 0; i < r->breakpoints->len; i++) {
        const MdlBreakpoint *b = &g_array_index (r->breakpoints, MdlBreakpoint, i);
        if (b->cpu == cmd->index && b->addr == cmd->addr) {
          g_array_remove_index (r->breakpoints, i);
          break;
        }
      }
    }
    /* The temporary one at the same place stays until its run ends. */
    if (cmd->enabled || !(r->temp_bp && r->temp_cpu == cmd->index && r->temp_addr == cmd->addr))
      mdl_cpu_set_breakpoint (cpu, cmd->addr, cmd->enabled);
    break;
  case CMD_WATCHPOINT:
    for (guint i = 0; i < r->watchpoints->len; i++) {
      const MdlWatchpoint *w = &g_array_index (r->watchpoints, MdlWatchpoint, i);
      if (w->cpu == cmd->index && w->addr == cmd->addr && w->size == cmd->size) {
        mdl_machine_unwatch (m, cpu->as, w->addr, w->size);
        g_array_remove_index (r->watchpoints, i);
        break;
      }
    }
    if (cmd->enabled) {
      MdlWatchpoint w = { cmd->index, cmd->addr, cmd->size, cmd->on_read, cmd->on_write };
      g_array_append_val (r->watchpoints, w);
      mdl_machine_watch (m, cpu->as, cmd->addr, cmd->size, cmd->on_read, cmd->on_write);
    }
    break;
  case CMD_RUN_TO:
    if (_mdl_runner_guest_ended (r))
      break;
    set_temp_breakpoint (r, cmd->index, cmd->addr);
    r->state = MDL_RUNNER_RUNNING;
    r->waiting_for_input = false;
    break;
  case CMD_STEP_OVER: {
    MdlInsnInfo info;
    uint64_t pc = mdl_cpu_pc (cpu);

    if (_mdl_runner_guest_ended (r))
      break;
    if (cpu->cls->insn_info && cpu->cls->insn_info (cpu, pc, &info) && info.is_call) {
      /* Through the call, back at the next instruction. */
      set_temp_breakpoint (r, cmd->index, pc + info.len);
      r->state = MDL_RUNNER_RUNNING;
      r->waiting_for_input = false;
    } else {
      r->state = MDL_RUNNER_PAUSED;
      _mdl_runner_handle_stop (r, mdl_machine_step (m, cpu));
    }
    break;
  }
  case CMD_STEP_OUT:
    if (_mdl_runner_guest_ended (r))
      break;
    r->stepping_out = true;
    r->out_cpu = cmd->index;
    r->out_depth = 0;
    r->out_steps = 0;
    r->state = MDL_RUNNER_RUNNING;
    r->waiting_for_input = false;
    break;
  case CMD_STEP_LINE:
    if (_mdl_runner_guest_ended (r))
      break;
    mdl_line_step_begin (&r->line_step, mdl_runner_debuginfo (r, cmd->index, NULL), cpu,
                         (MdlStepKind) cmd->reg);
    r->stepping_line = true;
    r->state = MDL_RUNNER_RUNNING;
    r->waiting_for_input = false;
    break;
  case CMD_WRITE_REG:
    if (paused && cmd->reg < cpu->cls->n_regs && !cpu->cls->regs[cmd->reg].read_only) {
      mdl_machine_history_mark (m);
      cpu->cls->reg_write (cpu, cmd->reg, cmd->value);
      if (cmd->wide && cpu->cls->regs[cmd->reg].bits > 64 && cpu->cls->reg_write_hi != NULL)
        cpu->cls->reg_write_hi (cpu, cmd->reg, cmd->value_hi);
    }
    break;
  case CMD_WRITE_MEM:
    if (paused) {
      g_autoptr(GError) error = NULL;
      mdl_machine_history_mark (m);
      if (!mdl_address_space_write_bytes (cpu->as, cmd->addr, cmd->bytes, cmd->len, &error))
        g_message ("memory write refused: %s", error->message);
      /* Decoded code may be stale now, on every CPU seeing that memory. */
      for (unsigned i = 0; i < mdl_machine_n_cpus (m); i++) {
        MdlCpu *c = mdl_machine_cpu (m, i);
        if (c->cls->flush_code)
          c->cls->flush_code (c);
      }
    }
    break;
  default:
    break;
  }
}

/* Step out: one CPU steps until the call it is in returns.  Calls and
 * returns seen on the way are counted so that nested calls do not end it
 * early.  Other CPUs wait, as they do for a single step. */
static void
step_out_batch (MdlRunner *r)
{
  MdlMachine *m = r->machine;
  MdlCpu *cpu = mdl_machine_cpu (m, r->out_cpu);

  for (unsigned n = 0; n < 10000 && r->stepping_out; n++) {
    MdlInsnInfo info = { 0 };
    bool known = cpu->cls->insn_info && cpu->cls->insn_info (cpu, mdl_cpu_pc (cpu), &info);
    MdlStopReason reason = mdl_machine_step (m, cpu);

    r->out_steps++;
    if (reason != MDL_STOP_NONE) {
      _mdl_runner_handle_stop (r, reason);
      r->stepping_out = false;
      return;
    }
    if (known && info.is_call)
      r->out_depth++;
    else if (known && info.is_return && r->out_depth-- == 0) {
      r->stepping_out = false;
      r->state = MDL_RUNNER_PAUSED;
    } else if (!known || r->out_steps >= STEP_OUT_LIMIT) {
      r->stepping_out = false;
      _mdl_runner_set_stop_info (r, MDL_RUNNER_PAUSED, MDL_STOP_USER, 0,
                                 known
                                 ? "step out gave up: no return after 50 million instructions"
                                 : "step out needs instruction information this CPU does not give");
    }
  }
}

/* A step by line, a batch of instructions at a time so that commands
 * (a pause) get in between. */
static void
line_step_batch (MdlRunner *r)
{
  MdlStopReason reason = mdl_line_step_run (&r->line_step, r->machine, 10000);

  if (reason != MDL_STOP_NONE) {
    r->stepping_line = false;
    _mdl_runner_handle_stop (r, reason);
    if (r->state == MDL_RUNNER_RUNNING)
      r->state = MDL_RUNNER_PAUSED;
    return;
  }
  if (!r->line_step.active) {
    r->stepping_line = false;
    if (r->line_step.gave_up)
      _mdl_runner_set_stop_info (r, MDL_RUNNER_PAUSED, MDL_STOP_USER, 0, r->line_step.gave_up);
    else
      r->state = MDL_RUNNER_PAUSED;
  }
}

/* Applies one command; false for quit. */
static bool
apply (MdlRunner *r, const Command *cmd)
{
  MdlMachine *m = r->machine;

  /* Any command that changes what runs ends a step out. */
  if (cmd->kind == CMD_PAUSE || cmd->kind == CMD_STEP || cmd->kind == CMD_RESET ||
      cmd->kind == CMD_RUN_TO || cmd->kind == CMD_STEP_OVER || cmd->kind == CMD_STEP_LINE)
    r->stepping_out = false;
  /* ...and a step by line, as does running on or another step out. */
  if (cmd->kind == CMD_PAUSE || cmd->kind == CMD_STEP || cmd->kind == CMD_RESET ||
      cmd->kind == CMD_RUN_TO || cmd->kind == CMD_STEP_OVER || cmd->kind == CMD_STEP_LINE ||
      cmd->kind == CMD_STEP_OUT || cmd->kind == CMD_RUN)
    r->stepping_line = false;
  if (cmd->kind == CMD_PAUSE || cmd->kind == CMD_RESET)
    _mdl_runner_drop_temp_breakpoint (r);
  if (cmd->kind == CMD_RUN || cmd->kind == CMD_STEP || cmd->kind == CMD_RUN_TO ||
      cmd->kind == CMD_STEP_OVER || cmd->kind == CMD_STEP_OUT || cmd->kind == CMD_RESET)
    r->history_start = false;
  /* Going on forgets why it last stopped (a finished guest stays so). */
  if (!_mdl_runner_guest_ended (r) &&
      (cmd->kind == CMD_RUN || cmd->kind == CMD_STEP || cmd->kind == CMD_RUN_TO ||
       cmd->kind == CMD_STEP_OVER || cmd->kind == CMD_STEP_OUT || cmd->kind == CMD_STEP_LINE))
    _mdl_runner_set_stop_info (r, r->state, MDL_STOP_NONE, 0, NULL);

  switch (cmd->kind) {
  case CMD_RUN:
    if (!_mdl_runner_guest_ended (r)) {
      r->state = MDL_RUNNER_RUNNING;
      r->waiting_for_input = false;
    }
    break;
  case CMD_PAUSE:
    if (r->state == MDL_RUNNER_RUNNING)
      r->state = MDL_RUNNER_PAUSED;
    r->waiting_for_input = false;
    break;
  case CMD_STEP:
    if (!_mdl_runner_guest_ended (r)) {
      MdlCpu *cpu = mdl_machine_cpu (m, cmd->index);

      r->state = MDL_RUNNER_PAUSED;
      r->waiting_for_input = false;
      if (cpu != NULL)
        _mdl_runner_handle_stop (r, mdl_machine_step (m, cpu));
      else
        g_warning ("step: the machine has no CPU %u", cmd->index);
    }
    break;
  case CMD_RESET: {
    g_autoptr(GError) error = NULL;

    r->waiting_for_input = false;
    /* Typed ahead for the old run, and its virtual time restarts at 0. */
    drop_input (r);
    r->trace_from = 0;
    g_mutex_lock (&r->trace_lock);
    g_array_set_size (r->trace, 0);
    g_mutex_unlock (&r->trace_lock);
    if (mdl_board_load_firmware (r->board, &error))
      _mdl_runner_set_stop_info (r, MDL_RUNNER_PAUSED, MDL_STOP_NONE, 0, NULL);
    else
      _mdl_runner_set_stop_info (r, MDL_RUNNER_STOPPED, MDL_STOP_FATAL, 1, error->message);
    break;
  }
  case CMD_SERIAL:
    g_byte_array_append (r->uarts[cmd->index].input, cmd->bytes, cmd->len);
    r->input_pending = true;
    /* The first byte goes at once, even while paused (for stepping); the
     * guest may be asleep on that byte's interrupt. */
    feed_input (r);
    r->waiting_for_input = false;
    break;
  case CMD_BREAKPOINT:
  case CMD_WATCHPOINT:
  case CMD_RUN_TO:
  case CMD_STEP_OVER:
  case CMD_STEP_OUT:
  case CMD_STEP_LINE:
  case CMD_WRITE_REG:
  case CMD_WRITE_MEM:
    apply_debug (r, cmd);
    break;
  case CMD_WATCH_MEM:
  case CMD_WATCH_DISAS: {
    ViewRequest v = { cmd->id, cmd->kind == CMD_WATCH_DISAS, cmd->index, cmd->addr,
                      cmd->size, cmd->enabled, cmd->reg, cmd->count };
    g_array_append_val (r->views, v);
    break;
  }
  case CMD_UNWATCH:
    for (guint i = 0; i < r->views->len; i++)
      if (g_array_index (r->views, ViewRequest, i).id == cmd->id) {
        g_array_remove_index (r->views, i);
        break;
      }
    break;
  case CMD_CALL:
    cmd->func (r, r->machine, cmd->data);
    g_mutex_lock (&r->lock);
    g_atomic_int_set (cmd->done, 1);
    g_cond_broadcast (&r->call_cond);
    g_mutex_unlock (&r->lock);
    break;
  case CMD_REVERSE_STEP:
  case CMD_REVERSE_STEP_LINE:
  case CMD_REVERSE_CONTINUE:
  case CMD_SAVE_POINT:
  case CMD_RESTORE_POINT:
  case CMD_HISTORY:
    _mdl_runner_apply_time (r, cmd);
    break;
  case CMD_QUIT:
    return false;
  }
  return true;
}

static bool
have_commands (MdlRunner *r)
{
  bool any;

  g_mutex_lock (&r->lock);
  any = !g_queue_is_empty (&r->queue);
  g_mutex_unlock (&r->lock);
  return any;
}

/* Takes the next command, waiting for one when @block.  Returns NULL (and
 * arms `kick`) when the queue is empty and the caller is to run a slice. */
static Command *
next_command (MdlRunner *r, bool block)
{
  Command *cmd;

  g_mutex_lock (&r->lock);
  while (block && g_queue_is_empty (&r->queue))
    g_cond_wait (&r->cond, &r->lock);
  cmd = g_queue_pop_head (&r->queue);
  r->kick = cmd == NULL;
  if (r->stop_posted) {
    /* The request belongs to a command taken now or earlier: it must not
     * cut the next slice or step short.  A real stop is never pending
     * here: handle_stop saw it and cleared it. */
    mdl_machine_clear_stop (r->machine);
    r->stop_posted = false;
  }
  g_mutex_unlock (&r->lock);
  return cmd;
}

/* Engine thread: pacing counts from here (before a slice, so the first
 * one is paced too). */
static void
pace_anchor (MdlRunner *r)
{
  r->pace_speed = mdl_runner_speed (r);
  r->pace_anchored = r->pace_speed > 0;
  r->pace_wall = g_get_monotonic_time ();
  r->pace_vt = mdl_machine_now (r->machine);
}

/* Engine thread, after a slice: waits until wall time catches up with
 * virtual time at the set speed, or a command arrives.  Only ever waits,
 * so the guest sees exactly what it would unpaced. */
static void
pace (MdlRunner *r)
{
  double speed = mdl_runner_speed (r);
  uint64_t vt = mdl_machine_now (r->machine);
  gint64 now = g_get_monotonic_time (), due;

  if (speed <= 0 || !r->pace_anchored || speed != r->pace_speed || vt < r->pace_vt) {
    pace_anchor (r);
    return;
  }
  /* due = anchor + (virtual elapsed) / speed, in microseconds. */
  due = r->pace_wall +
        (gint64) ((double) (vt - r->pace_vt) / MDL_PS_PER_US / speed);
  if (now - due > PACE_SLACK_US) {
    r->pace_wall = now;
    r->pace_vt = vt;
    return;
  }
  g_mutex_lock (&r->lock);
  while (g_queue_is_empty (&r->queue) && g_get_monotonic_time () < due)
    g_cond_wait_until (&r->cond, &r->lock, due);
  g_mutex_unlock (&r->lock);
}

void
mdl_runner_set_speed (MdlRunner *runner, double factor)
{
  g_return_if_fail (runner != NULL);
  /* Wakes a pacing wait, which starts counting anew at the new speed. */
  g_mutex_lock (&runner->lock);
  runner->speed = factor > 0 ? factor : 0;
  g_cond_signal (&runner->cond);
  g_mutex_unlock (&runner->lock);
}

double
mdl_runner_speed (MdlRunner *runner)
{
  double speed;

  g_return_val_if_fail (runner != NULL, 0);
  g_mutex_lock (&runner->lock);
  speed = runner->speed;
  g_mutex_unlock (&runner->lock);
  return speed;
}

static void
stop_on_exception_on_engine (MdlRunner *runner, MdlMachine *machine, void *data)
{
  mdl_machine_set_stop_on_exception (machine, data);
}

void
mdl_runner_set_stop_on_exception (MdlRunner *runner, const char *const *causes)
{
  g_return_if_fail (runner != NULL);
  mdl_runner_call (runner, stop_on_exception_on_engine, (void *) causes);
}

double
mdl_runner_default_speed (MdlRunner *runner)
{
  g_return_val_if_fail (runner != NULL, 0);
  /* The device list is fixed for the runner's life: safe off the engine
   * thread. */
  for (unsigned i = 0; i < mdl_machine_n_devices (runner->machine); i++) {
    const MdlDeviceClass *cls = mdl_machine_device (runner->machine, i)->cls;

    if (cls->view != MDL_VIEW_NONE)
      return 1.0;
  }
  return 0;
}

static gpointer
engine_main (gpointer data)
{
  MdlRunner *r = data;

  for (;;) {
    bool live = r->state == MDL_RUNNER_RUNNING && !r->waiting_for_input;
    MdlRunnerState before;
    MdlStopReason reason;
    Command *cmd;

    /* What the reader sees while we sleep; when a command is already
     * queued (the pause that cut the slice short), its snapshot will do. */
    if (!live && r->dirty && !have_commands (r))
      publish (r);
    if (!live)
      r->pace_anchored = false;   /* a pause is not time to make up */
    cmd = next_command (r, !live);
    if (cmd != NULL) {
      bool go_on = apply (r, cmd);

      g_free (cmd);
      if (!go_on)
        break;
      publish (r);
      continue;
    }

    before = r->state;
    feed_input (r);
    if (r->stepping_line) {
      line_step_batch (r);
      r->dirty = true;
      if (r->state != before)
        publish (r);
      continue;
    }
    if (r->stepping_out) {
      step_out_batch (r);
      reason = MDL_STOP_NONE;
      r->dirty = true;
      if (r->state != before)
        publish (r);
      continue;
    }
    if (!r->pace_anchored)
      pace_anchor (r);
    reason = mdl_machine_run (r->machine, r->input_pending ? INPUT_SLICE_PS : SLICE_PS);
    if (reason != MDL_STOP_BREAKPOINT && reason != MDL_STOP_WATCHPOINT &&
        reason != MDL_STOP_EXCEPTION && reason != MDL_STOP_NONE &&
        reason != MDL_STOP_USER)
      _mdl_runner_drop_temp_breakpoint (r);
    _mdl_runner_handle_stop (r, reason);
    r->dirty = true;
    /* A user stop has its command queued, which publishes next: one
     * snapshot per pause, not a paused one and then another (readers may
     * count on the first paused snapshot being the last until they act). */
    if (reason != MDL_STOP_USER &&
        (r->state != before ||
         g_get_monotonic_time () - r->last_publish >=
           (r->fresh_output ? OUTPUT_PERIOD_US : PUBLISH_PERIOD_US)))
      publish (r);
    if (reason == MDL_STOP_NONE && r->state == MDL_RUNNER_RUNNING && !r->waiting_for_input)
      pace (r);
  }
  return NULL;
}

/* ---- life cycle ---------------------------------------------------------- */

MdlRunner *
mdl_runner_new (MdlBoard *board, MdlRunnerNotify notify, void *data)
{
  MdlRunner *r;
  unsigned n = 0;

  g_return_val_if_fail (board != NULL && board->machine != NULL, NULL);

  r = g_new0 (MdlRunner, 1);
  r->board = board;
  r->machine = board->machine;
  r->notify = notify;
  r->notify_data = data;
  g_mutex_init (&r->listeners_lock);
  r->listeners = g_array_new (FALSE, FALSE, sizeof (Listener));
  g_mutex_init (&r->lock);
  g_cond_init (&r->cond);
  g_cond_init (&r->call_cond);
  g_queue_init (&r->queue);
  g_mutex_init (&r->serial_lock);
  g_mutex_init (&r->snap_lock);
  g_mutex_init (&r->trace_lock);
  r->trace = g_array_new (FALSE, FALSE, sizeof (MdlTraceRecord));
  r->breakpoints = g_array_new (FALSE, FALSE, sizeof (MdlBreakpoint));
  r->watchpoints = g_array_new (FALSE, FALSE, sizeof (MdlWatchpoint));
  r->views = g_array_new (FALSE, FALSE, sizeof (ViewRequest));
  r->stop_cpu = -1;
  r->n_symbols = mdl_machine_n_cpus (r->machine);
  r->symbols = g_new0 (MdlElfImage *, MAX (r->n_symbols, 1));
  g_mutex_init (&r->debuginfo_lock);
  r->debuginfo = g_new0 (MdlDebugInfo *, MAX (r->n_symbols, 1));
  r->debuginfo_error = g_new0 (char *, MAX (r->n_symbols, 1));
  r->debuginfo_owner = g_new0 (bool, MAX (r->n_symbols, 1));
  for (guint i = 0; i < board->clusters->len; i++) {
    MdlCluster *cl = g_ptr_array_index (board->clusters, i);
    for (guint j = 0; j < cl->cpus->len && cl->image != NULL; j++) {
      MdlCpu *cpu = g_ptr_array_index (cl->cpus, j);
      r->symbols[cpu->index] = mdl_elf_image_copy (cl->image);
    }
  }

  for (unsigned i = 0; i < mdl_machine_n_devices (r->machine); i++)
    if (mdl_machine_device (r->machine, i)->cls->serial_input != NULL)
      n++;
  for (unsigned i = 0; i < mdl_machine_n_cpus (r->machine); i++)
    if (mdl_machine_cpu (r->machine, i)->cls->semihosting)
      n++;
  r->uarts = g_new0 (SerialBuffer, MAX (n, 1));
  for (unsigned i = 0; i < mdl_machine_n_devices (r->machine); i++) {
    MdlDevice *dev = mdl_machine_device (r->machine, i);
    if (dev->cls->serial_input != NULL) {
      r->uarts[r->n_uarts].dev = dev;
      r->uarts[r->n_uarts].name = g_strdup (dev->name);
      r->uarts[r->n_uarts++].input = g_byte_array_new ();
    }
  }
  /* After the UARTs: consoles for what CPUs print by semihosting. */
  for (unsigned i = 0; i < mdl_machine_n_cpus (r->machine); i++) {
    MdlCpu *cpu = mdl_machine_cpu (r->machine, i);
    if (cpu->cls->semihosting) {
      r->uarts[r->n_uarts].cpu = cpu;
      r->uarts[r->n_uarts].name = g_strdup_printf ("%s semihosting", cpu->name);
      r->uarts[r->n_uarts++].input = g_byte_array_new ();
    }
  }
  mdl_machine_set_serial_out (r->machine, serial_out, r);

  /* Published before the thread exists, so a snapshot is always there;
   * the first notify comes from the engine thread. */
  r->state = MDL_RUNNER_PAUSED;
  r->snap = snapshot_take (r);
  r->last_publish = g_get_monotonic_time ();
  r->thread = g_thread_new ("mdl-engine", engine_main, r);
  return r;
}

void
mdl_runner_free (MdlRunner *runner)
{
  Command *cmd;

  if (runner == NULL)
    return;
  _mdl_runner_post (runner, _mdl_runner_command_new (CMD_QUIT, 0, NULL, 0));
  g_thread_join (runner->thread);

  while ((cmd = g_queue_pop_head (&runner->queue)) != NULL)
    g_free (cmd);
  mdl_machine_set_serial_out (runner->machine, NULL, NULL);
  mdl_board_free (runner->board);
  for (unsigned i = 0; i < runner->n_uarts; i++) {
    g_free (runner->uarts[i].name);
    g_free (runner->uarts[i].data);
    g_byte_array_unref (runner->uarts[i].input);
  }
  g_free (runner->uarts);
  mdl_snapshot_unref (runner->snap);
  g_free (runner->message);
  for (unsigned i = 0; i < runner->n_symbols; i++) {
    mdl_elf_image_free (runner->symbols[i]);
    if (runner->debuginfo_owner[i])
      mdl_debuginfo_free (runner->debuginfo[i]);
    g_free (runner->debuginfo_error[i]);
  }
  g_free (runner->debuginfo);
  g_free (runner->debuginfo_owner);
  g_free (runner->debuginfo_error);
  g_mutex_clear (&runner->debuginfo_lock);
  g_free (runner->symbols);
  g_array_unref (runner->trace);
  g_array_unref (runner->breakpoints);
  g_array_unref (runner->watchpoints);
  g_array_unref (runner->views);
  g_mutex_clear (&runner->trace_lock);
  g_mutex_clear (&runner->lock);
  g_cond_clear (&runner->cond);
  g_cond_clear (&runner->call_cond);
  g_array_unref (runner->listeners);
  g_mutex_clear (&runner->listeners_lock);
  g_mutex_clear (&runner->serial_lock);
  g_mutex_clear (&runner->snap_lock);
  g_free (runner);
}
