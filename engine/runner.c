#define G_LOG_DOMAIN "mdl-runner"

#include "runner.h"

#include <string.h>

#include "device.h"

/* Virtual time per mdl_machine_run call.  Commands are looked at between
 * slices, so this bounds the latency of serial input and of commands that
 * do not interrupt a slice; pause, step, reset and quit cut a slice short
 * anyway (mdl_machine_request_user_stop).  1 ms is ~1M instructions at
 * 1 GHz: long enough that the per-slice cost (a mutex, a clock read) is
 * noise, short enough that input feels immediate. */
#define SLICE_PS          MDL_PS_PER_MS
/* Wall time between snapshots while running: faster than a view redraws
 * usefully, slow enough that building snapshots costs the guest nothing. */
#define PUBLISH_PERIOD_US (30 * G_TIME_SPAN_MILLISECOND)
/* Output kept per UART when nobody reads it. */
#define SERIAL_CAP        ((size_t) 1 << 20)
/* The slice while serial input waits to be delivered, one byte per UART
 * per slice: about a character time at 115200 baud, so a pasted line
 * reaches the guest at line speed instead of overrunning its receiver. */
#define INPUT_SLICE_PS    (100 * MDL_PS_PER_US)

typedef enum {
  CMD_RUN,
  CMD_PAUSE,
  CMD_STEP,
  CMD_RESET,
  CMD_SERIAL,
  CMD_QUIT,
} CommandKind;

typedef struct {
  CommandKind kind;
  unsigned    index;      /* CPU for step, UART for serial input */
  size_t      len;
  uint8_t     bytes[];    /* serial input, copied from the caller */
} Command;

/* One UART: its output, a ring that grows up to SERIAL_CAP (under
 * serial_lock), and its input not yet delivered (engine thread only). */
typedef struct {
  MdlDevice  *dev;
  uint8_t    *data;
  size_t      cap, start, len;
  uint64_t    dropped;
  GByteArray *input;
  guint       input_pos;
} SerialBuffer;

struct MdlRunner {
  MdlBoard        *board;
  MdlMachine      *machine;
  MdlRunnerNotify  notify;
  void            *notify_data;
  GThread         *thread;

  /* The command queue.  `kick` (under the lock) says the engine is in, or
   * about to enter, a slice: only then does a posting thread interrupt the
   * machine, and it does so under the lock, so every user stop request has
   * its command in the queue and is cleared when that command is taken. */
  GMutex  lock;
  GCond   cond;
  GQueue  queue;
  bool    kick;
  bool    stop_posted;

  /* Serial output, held only to append or drain. */
  GMutex        serial_lock;
  SerialBuffer *uarts;
  unsigned      n_uarts;

  /* The published snapshot, held only to swap or take a reference. */
  GMutex       snap_lock;
  MdlSnapshot *snap;

  /* Engine thread only. */
  MdlRunnerState state;
  bool           waiting_for_input;
  MdlStopReason  stop_reason;
  int            exit_code;
  char          *message;
  uint64_t       seq;
  gint64         last_publish;
  bool           dirty;       /* the machine moved since the last snapshot */
  bool           input_pending;
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
  }
  g_free (snap->cpus);
  g_free (snap->message);
  g_free (snap);
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
    cs->pc = cpu->cls->pc_reg < cpu->cls->n_regs ? cs->regs[cpu->cls->pc_reg] : 0;
    /* CPUs may be up to a quantum apart: the machine is as far as the
     * furthest of them. */
    vt = MAX (vt, cpu->time_ps);
  }
  snap->virtual_time_ps = vt;
  return snap;
}

/* Engine thread: replaces the published snapshot and tells the reader. */
static void
publish (MdlRunner *r)
{
  MdlSnapshot *snap = snapshot_take (r), *old;

  g_mutex_lock (&r->snap_lock);
  old = r->snap;
  r->snap = snap;
  g_mutex_unlock (&r->snap_lock);
  /* The last reference may be ours: free it outside the lock. */
  mdl_snapshot_unref (old);
  r->dirty = false;
  r->last_publish = g_get_monotonic_time ();
  if (r->notify != NULL)
    r->notify (r->notify_data);
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
    g_debug ("%s: console output not read, dropping the oldest bytes", u->dev->name);
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

  for (unsigned i = 0; i < r->n_uarts; i++) {
    if (r->uarts[i].dev == uart) {
      g_mutex_lock (&r->serial_lock);
      serial_append (&r->uarts[i], bytes, len);
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
  return runner->uarts[uart].dev->name;
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

static void
post (MdlRunner *r, Command *cmd)
{
  g_mutex_lock (&r->lock);
  g_queue_push_tail (&r->queue, cmd);
  /* Run and serial input can wait for the slice to end; the others must
   * not wait for a long slice.  Requested under the lock so that the
   * engine, which clears stop requests when it takes commands, never
   * sees a request whose command it has already taken. */
  if (r->kick && cmd->kind != CMD_RUN && cmd->kind != CMD_SERIAL) {
    r->stop_posted = true;
    mdl_machine_request_user_stop (r->machine);
  }
  g_cond_signal (&r->cond);
  g_mutex_unlock (&r->lock);
}

static Command *
command_new (CommandKind kind, unsigned index, const uint8_t *bytes, size_t len)
{
  Command *cmd = g_malloc (sizeof (Command) + len);

  cmd->kind = kind;
  cmd->index = index;
  cmd->len = len;
  if (len > 0)
    memcpy (cmd->bytes, bytes, len);
  return cmd;
}

void
mdl_runner_run (MdlRunner *runner)
{
  g_return_if_fail (runner != NULL);
  post (runner, command_new (CMD_RUN, 0, NULL, 0));
}

void
mdl_runner_pause (MdlRunner *runner)
{
  g_return_if_fail (runner != NULL);
  post (runner, command_new (CMD_PAUSE, 0, NULL, 0));
}

void
mdl_runner_step (MdlRunner *runner, unsigned cpu_index)
{
  g_return_if_fail (runner != NULL);
  post (runner, command_new (CMD_STEP, cpu_index, NULL, 0));
}

void
mdl_runner_reset (MdlRunner *runner)
{
  g_return_if_fail (runner != NULL);
  post (runner, command_new (CMD_RESET, 0, NULL, 0));
}

void
mdl_runner_serial_input (MdlRunner *runner, unsigned uart,
                         const uint8_t *bytes, size_t len)
{
  g_return_if_fail (runner != NULL && uart < runner->n_uarts);
  g_return_if_fail (bytes != NULL || len == 0);
  if (len == 0)
    return;
  post (runner, command_new (CMD_SERIAL, uart, bytes, len));
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
    const MdlDeviceClass *cls = u->dev->cls;

    if (u->input_pos < u->input->len &&
        (cls->serial_can_receive == NULL || cls->serial_can_receive (u->dev) > 0)) {
      cls->serial_input (u->dev, u->input->data + u->input_pos, 1);
      u->input_pos++;
      moved = true;
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

static void
set_stop_info (MdlRunner *r, MdlRunnerState state, MdlStopReason reason,
               int exit_code, const char *message)
{
  r->state = state;
  r->stop_reason = reason;
  r->exit_code = exit_code;
  g_free (r->message);
  r->message = message != NULL ? g_strdup (message) : NULL;
}

/* Turns what mdl_machine_run/step returned into a runner state.  The
 * runner keeps its own copy of a real stop, so the machine's can be
 * cleared at any time afterwards. */
static void
handle_stop (MdlRunner *r, MdlStopReason reason)
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
    set_stop_info (r, MDL_RUNNER_HALTED, reason, mdl_machine_exit_code (m),
                   mdl_machine_stop_message (m));
    r->waiting_for_input = false;
    mdl_machine_clear_stop (m);
    break;
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
    set_stop_info (r, MDL_RUNNER_STOPPED, reason, mdl_machine_exit_code (m),
                   mdl_machine_stop_message (m));
    r->waiting_for_input = false;
    mdl_machine_clear_stop (m);
    break;
  }
}

static bool
guest_ended (MdlRunner *r)
{
  return r->state == MDL_RUNNER_HALTED || r->state == MDL_RUNNER_STOPPED;
}

/* Applies one command; false for quit. */
static bool
apply (MdlRunner *r, const Command *cmd)
{
  MdlMachine *m = r->machine;

  switch (cmd->kind) {
  case CMD_RUN:
    if (!guest_ended (r)) {
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
    if (!guest_ended (r)) {
      MdlCpu *cpu = mdl_machine_cpu (m, cmd->index);

      r->state = MDL_RUNNER_PAUSED;
      r->waiting_for_input = false;
      if (cpu != NULL)
        handle_stop (r, mdl_machine_step (m, cpu));
      else
        g_warning ("step: the machine has no CPU %u", cmd->index);
    }
    break;
  case CMD_RESET: {
    g_autoptr(GError) error = NULL;

    r->waiting_for_input = false;
    /* Typed ahead for the old run, and its virtual time restarts at 0. */
    drop_input (r);
    if (mdl_board_load_firmware (r->board, &error))
      set_stop_info (r, MDL_RUNNER_PAUSED, MDL_STOP_NONE, 0, NULL);
    else
      set_stop_info (r, MDL_RUNNER_STOPPED, MDL_STOP_FATAL, 1, error->message);
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
    reason = mdl_machine_run (r->machine, r->input_pending ? INPUT_SLICE_PS : SLICE_PS);
    handle_stop (r, reason);
    r->dirty = true;
    /* A user stop has its command queued, which publishes next: one
     * snapshot per pause, not a paused one and then another (readers may
     * count on the first paused snapshot being the last until they act). */
    if (reason != MDL_STOP_USER &&
        (r->state != before ||
         g_get_monotonic_time () - r->last_publish >= PUBLISH_PERIOD_US))
      publish (r);
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
  g_mutex_init (&r->lock);
  g_cond_init (&r->cond);
  g_queue_init (&r->queue);
  g_mutex_init (&r->serial_lock);
  g_mutex_init (&r->snap_lock);

  for (unsigned i = 0; i < mdl_machine_n_devices (r->machine); i++)
    if (mdl_machine_device (r->machine, i)->cls->serial_input != NULL)
      n++;
  r->uarts = g_new0 (SerialBuffer, n);
  for (unsigned i = 0; i < mdl_machine_n_devices (r->machine); i++) {
    MdlDevice *dev = mdl_machine_device (r->machine, i);
    if (dev->cls->serial_input != NULL) {
      r->uarts[r->n_uarts].dev = dev;
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
  post (runner, command_new (CMD_QUIT, 0, NULL, 0));
  g_thread_join (runner->thread);

  while ((cmd = g_queue_pop_head (&runner->queue)) != NULL)
    g_free (cmd);
  mdl_machine_set_serial_out (runner->machine, NULL, NULL);
  mdl_board_free (runner->board);
  for (unsigned i = 0; i < runner->n_uarts; i++) {
    g_free (runner->uarts[i].data);
    g_byte_array_unref (runner->uarts[i].input);
  }
  g_free (runner->uarts);
  mdl_snapshot_unref (runner->snap);
  g_free (runner->message);
  g_mutex_clear (&runner->lock);
  g_cond_clear (&runner->cond);
  g_mutex_clear (&runner->serial_lock);
  g_mutex_clear (&runner->snap_lock);
  g_free (runner);
}
