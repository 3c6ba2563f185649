#define G_LOG_DOMAIN "mdl-gdb"

/* The GDB remote serial protocol over TCP, one thread per server.
 *
 * The thread polls three things: the client socket (handled first, so that
 * a client that vanished makes room for one reconnecting at once), the
 * listening socket (a second client is accepted and closed at once), and a
 * pipe through which the runner's listener (on the engine thread) and
 * mdl_gdb_server_free wake it.  Plain POSIX sockets keep the engine free of GIO; one poll() loop per
 * server keeps every wait bounded by a socket event or the pipe.
 *
 * Stops.  After a continue or step the thread posts the command, then a
 * "fence" through mdl_runner_call: commands are applied in order, so when
 * the fence runs on the engine thread the resume has happened, and the
 * snapshot published last tells whether the machine is still running.  If
 * it is, the fence arms the listener (under the server's lock, on the
 * engine thread, so no publication can slip between the check and the
 * arming), and the first later publication that is not RUNNING is the
 * stop.  The snapshot is accurate whenever it says the machine is not
 * running: the runner publishes every change to PAUSED/HALTED/STOPPED
 * before the next command, except a pause cut short by a user stop whose
 * own command then publishes it, which the armed listener catches.
 */

#include "gdbstub.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "error.h"
#include "machine.h"
#include "snapshot.h"

/* What we announce as PacketSize (hex 4000): the largest packet GDB sends
 * us, and bounds our replies (a memory read is answered in hex, so at most
 * half of it in bytes). */
#define PACKET_SIZE   0x4000
#define MAX_MEM_READ  (PACKET_SIZE / 2 - 16)
/* Bytes buffered from a client before a packet that will not fit is
 * thrown away (it is answered with an error, never waited for). */
#define MAX_BUFFERED     (PACKET_SIZE + 64)
/* A client that does not read its replies for this long is dropped. */
#define SEND_TIMEOUT_MS 5000

typedef enum {
  WAIT_NONE,   /* no resume outstanding, or its stop already taken */
  WAIT_FENCE,  /* resume posted: the fence decides (stops are not pending) */
  WAIT_STOP,   /* the listener looks for the first snapshot not RUNNING */
  WAIT_DONE,   /* stop_snap holds it; the thread replies */
} WaitState;

struct MdlGdbServer {
  MdlRunner         *runner;
  unsigned           cpu;
  char              *cpu_name;
  const MdlCpuClass *cls;
  int                listen_fd;
  int                wake[2];     /* pipe: read end polled by the thread */
  guint16            port;
  GThread           *thread;
  guint              listener;
  MdlGdbKillFunc     kill_func;
  void              *kill_data;
  gint               has_client;  /* atomic */

  /* Shared with the engine thread (listener, fence).  Never held while
   * calling into the runner. */
  GMutex       lock;
  bool         quit;
  WaitState    wait;
  MdlSnapshot *stop_snap;
  bool         seen_running;  /* a RUNNING snapshot since the last stop */
  MdlSnapshot *pending;       /* this CPU's breakpoint or watchpoint stop
                                 while the client was not waiting */
};

typedef struct {
  guint64 addr;
  int     type;          /* Z type: 0 software, 1 hardware */
} Break;

typedef struct {
  guint64 addr, len;
  int     type;          /* Z type: 2 write, 3 read, 4 access */
} Watch;

/* One connected client. */
typedef struct {
  MdlGdbServer *srv;
  int           fd;
  GByteArray   *in;        /* received, not parsed yet */
  GString      *last;      /* last packet sent, for a '-' */
  bool          dead;      /* the socket failed or the session ended */
  bool          ended;     /* by detach or kill, which cleaned up */
  bool          no_ack;
  bool          discarding;/* inside a packet too long to keep */
  bool          swbreak, hwbreak;  /* GDB understands these stop reasons */
  bool          reversing;         /* the outstanding resume is bs or bc */
  bool          resumed;   /* a stop reply is owed */
  bool          stepping;
  bool          interrupted;
  bool          watch_done; /* the last stop reply was a watchpoint's, */
  guint64       watch_addr; /* at this address */
  GArray       *breaks;    /* Break */
  GArray       *watches;   /* Watch */
} Session;

/* ---- small helpers -------------------------------------------------------- */

static int
hex_value (int c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Parses hex digits up to a character not a hex digit; false when there
 * are none or too many for 64 bits. */
static bool
parse_hex (const char **p, guint64 *value)
{
  const char *s = *p;
  guint64 v = 0;
  int n = 0, d;

  while ((d = hex_value ((unsigned char) *s)) >= 0) {
    if (++n > 16)
      return false;
    v = v << 4 | (guint64) d;
    s++;
  }
  if (n == 0)
    return false;
  *p = s;
  *value = v;
  return true;
}

static void
append_hex_bytes (GString *out, const guint8 *bytes, size_t len)
{
  static const char digits[] = "0123456789abcdef";

  for (size_t i = 0; i < len; i++) {
    g_string_append_c (out, digits[bytes[i] >> 4]);
    g_string_append_c (out, digits[bytes[i] & 15]);
  }
}

/* Decodes @len bytes of hex at @p; false when malformed. */
static bool
decode_hex_bytes (const char *p, guint8 *out, size_t len)
{
  for (size_t i = 0; i < len; i++) {
    int hi = hex_value ((unsigned char) p[2 * i]), lo;

    if (hi < 0)
      return false;
    lo = hex_value ((unsigned char) p[2 * i + 1]);
    if (lo < 0)
      return false;
    out[i] = (guint8) (hi << 4 | lo);
  }
  return true;
}

/* Writes all of @data, waiting at most SEND_TIMEOUT_MS for room. */
static bool
send_all (int fd, const char *data, size_t len)
{
  while (len > 0) {
    struct pollfd pfd = { .fd = fd, .events = POLLOUT };
    ssize_t n;

    if (poll (&pfd, 1, SEND_TIMEOUT_MS) <= 0)
      return false;
    n = send (fd, data, len, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
      continue;
    if (n <= 0)
      return false;
    data += n;
    len -= (size_t) n;
  }
  return true;
}

static void
session_send_raw (Session *s, const char *data, size_t len)
{
  if (!s->dead && !send_all (s->fd, data, len))
    s->dead = true;
}

/* Frames @payload as $...#cs, escaping the protocol's special characters
 * (GDB undoes '}' escapes in every packet, so escaping is always safe). */
static void
session_send (Session *s, const char *payload, size_t len)
{
  guint8 sum = 0;

  g_string_assign (s->last, "$");
  for (size_t i = 0; i < len; i++) {
    char c = payload[i];

    if (c == '$' || c == '#' || c == '}' || c == '*') {
      g_string_append_c (s->last, '}');
      sum += '}';
      c ^= 0x20;
    }
    g_string_append_c (s->last, c);
    sum += (guint8) c;
  }
  g_string_append_printf (s->last, "#%02x", sum);
  session_send_raw (s, s->last->str, s->last->len);
}

static void
session_send_str (Session *s, const char *payload)
{
  session_send (s, payload, strlen (payload));
}

/* ---- work on the engine thread ------------------------------------------- */

typedef struct {
  MdlGdbServer *srv;
  GString      *out;       /* register or memory hex */
  guint64       addr, len;
  const guint8 *bytes;     /* memory to write */
  int           reg;       /* one register (p/P), or -1 for all (g/G) */
  guint64       value;
  guint64       value_hi;  /* bits 127:64 of a register wider than 64 */
  bool          ok;
  const char   *why;       /* why memory was not read, */
  guint64       why_addr;  /* there */
  char         *why_buf;   /* owned text behind why, or NULL */
} Access;

/* Registers are at most 128 bits wide (MdlRegInfo.bits). */
#define MAX_REG_BYTES 16

/* Bytes of the register; a wider one than the class can read (no
 * reg_read_hi) is cut to 64 bits rather than sent half made up. */
static unsigned
reg_bytes (const MdlCpuClass *cls, unsigned gdb_reg)
{
  unsigned bits = cls->regs[cls->gdb_regmap[gdb_reg]].bits;

  if (bits > 64 && (cls->reg_read_hi == NULL || cls->reg_write_hi == NULL))
    bits = 64;
  return MIN (bits, 8 * MAX_REG_BYTES) / 8;
}

static void
append_reg (GString *out, MdlCpu *cpu, unsigned gdb_reg)
{
  const MdlCpuClass *cls = cpu->cls;
  unsigned reg = (unsigned) cls->gdb_regmap[gdb_reg];
  unsigned n = reg_bytes (cls, gdb_reg);
  guint64 v = cls->reg_read (cpu, reg);
  guint64 hi = n > 8 ? cls->reg_read_hi (cpu, reg) : 0;
  guint8 bytes[MAX_REG_BYTES];

  /* Target byte order: every class we have is little-endian. */
  for (unsigned i = 0; i < n; i++)
    bytes[i] = (guint8) ((i < 8 ? v : hi) >> (8 * (i % 8)));
  append_hex_bytes (out, bytes, n);
}

/* The register's value from its @n little-endian bytes. */
static void
bytes_to_value (const guint8 *bytes, unsigned n, guint64 *lo, guint64 *hi)
{
  *lo = *hi = 0;
  for (unsigned i = 0; i < n; i++)
    if (i < 8)
      *lo |= (guint64) bytes[i] << (8 * i);
    else
      *hi |= (guint64) bytes[i] << (8 * (i - 8));
}

static void
call_read_regs (MdlRunner *runner, MdlMachine *m, void *data)
{
  Access *a = data;
  MdlCpu *cpu = mdl_machine_cpu (m, a->srv->cpu);

  if (a->reg >= 0) {
    append_reg (a->out, cpu, (unsigned) a->reg);
    return;
  }
  for (unsigned i = 0; i < cpu->cls->gdb_n_regs; i++)
    append_reg (a->out, cpu, i);
}

static void
write_reg (MdlCpu *cpu, unsigned gdb_reg, guint64 value, guint64 value_hi)
{
  unsigned reg = (unsigned) cpu->cls->gdb_regmap[gdb_reg];

  /* GDB writes every register back after changing one (G): read-only ones
   * are left alone quietly, as a hardware debug port would. */
  if (cpu->cls->regs[reg].read_only)
    return;
  cpu->cls->reg_write (cpu, reg, value);
  if (reg_bytes (cpu->cls, gdb_reg) > 8)
    cpu->cls->reg_write_hi (cpu, reg, value_hi);
}

static void
call_write_reg (MdlRunner *runner, MdlMachine *m, void *data)
{
  Access *a = data;

  mdl_machine_history_mark (m);   /* changed from outside: see snapshot.h */
  write_reg (mdl_machine_cpu (m, a->srv->cpu), (unsigned) a->reg, a->value, a->value_hi);
}

/* G: the bytes of every register in order, as far as they go. */
static void
call_write_all_regs (MdlRunner *runner, MdlMachine *m, void *data)
{
  Access *a = data;
  MdlCpu *cpu = mdl_machine_cpu (m, a->srv->cpu);
  guint64 off = 0;

  mdl_machine_history_mark (m);
  for (unsigned i = 0; i < cpu->cls->gdb_n_regs; i++) {
    unsigned n = reg_bytes (cpu->cls, i);
    guint64 v, hi;

    if (off + n > a->len)
      break;
    bytes_to_value (a->bytes + off, n, &v, &hi);
    write_reg (cpu, i, v, hi);
    off += n;
  }
}

/* Memory as GDB reads it: RAM and ROM in bulk, registers (the CPU's own,
 * then devices') a naturally aligned word, halfword or byte at a time,
 * and only where reading changes nothing (MdlCpuClass.debug_read,
 * MdlMmioOps.read_effect).  The copy stops at a hole or at a read with a
 * side effect (saying why); GDB takes a short reply as a partial read. */
static void
call_read_mem (MdlRunner *runner, MdlMachine *m, void *data)
{
  Access *a = data;
  MdlCpu *cpu = mdl_machine_cpu (m, a->srv->cpu);
  g_autofree guint8 *buf = g_malloc (MAX (a->len, 1));
  guint64 done = 0;

  a->why = NULL;
  while (done < a->len && a->why == NULL) {
    guint64 addr = a->addr + done, base = 0, chunk, v = 0;
    unsigned n = 4;
    MdlRegion *r;

    while (n > 1 && ((addr & (n - 1)) != 0 || n > a->len - done))
      n /= 2;
    if (cpu->cls->debug_read && cpu->cls->debug_read (cpu, addr, n, &v, &a->why)) {
      if (a->why == NULL)
        memcpy (buf + done, &v, n);   /* little-endian host and guest */
      done += a->why == NULL ? n : 0;
      continue;
    }
    r = mdl_address_space_lookup (cpu->as, addr, &base);
    if (r == NULL)
      break;
    if (mdl_region_kind (r) != MDL_REGION_MMIO) {
      chunk = MIN (a->len - done, base + (mdl_region_size (r) - 1) - addr + 1);
      if (chunk == 0 || !mdl_address_space_read_bytes (cpu->as, addr, buf + done, chunk, NULL))
        break;
      done += chunk;
      continue;
    }
    a->why = mdl_address_space_peek (cpu->as, addr, n, &v);
    if (a->why == NULL) {
      memcpy (buf + done, &v, n);
      done += n;
    } else {
      a->why = a->why_buf = g_strdup_printf ("%s: %s", mdl_region_name (r), a->why);
    }
  }
  a->why_addr = a->addr + done;
  append_hex_bytes (a->out, buf, done);
  a->ok = done > 0 || a->len == 0;
}

static void
call_write_mem (MdlRunner *runner, MdlMachine *m, void *data)
{
  Access *a = data;
  MdlCpu *cpu = mdl_machine_cpu (m, a->srv->cpu);

  mdl_machine_history_mark (m);
  a->ok = mdl_address_space_write_bytes (cpu->as, a->addr, a->bytes, a->len, NULL);
  /* Decoded instructions may be stale now, on every CPU seeing that
   * memory (as the runner does for the views' writes). */
  for (unsigned i = 0; i < mdl_machine_n_cpus (m); i++) {
    MdlCpu *c = mdl_machine_cpu (m, i);
    if (c->cls->flush_code)
      c->cls->flush_code (c);
  }
}

/* After a resume or pause command: see above, "Stops". */
static void
call_fence (MdlRunner *runner, MdlMachine *m, void *data)
{
  MdlGdbServer *srv = data;
  MdlSnapshot *snap = mdl_runner_snapshot (runner);

  g_mutex_lock (&srv->lock);
  g_clear_pointer (&srv->stop_snap, mdl_snapshot_unref);
  g_clear_pointer (&srv->pending, mdl_snapshot_unref);
  if (snap->state == MDL_RUNNER_RUNNING) {
    srv->wait = WAIT_STOP;
    mdl_snapshot_unref (snap);
  } else {
    srv->stop_snap = snap;
    srv->wait = WAIT_DONE;
  }
  g_mutex_unlock (&srv->lock);
}

/* The runner's listener, on the engine thread after every publication.
 *
 * Besides waking a waiting client, it remembers a stop of this CPU at a
 * breakpoint or watchpoint that happened while the client was idle (with
 * one GDB per CPU, another GDB's continue ran the machine): the client's
 * next continue then reports that stop at once instead of running past
 * it.  Only the first paused snapshot after a run counts, so a stop is
 * never reported twice; a run from anywhere forgets it. */
static void
on_publish (void *data)
{
  MdlGdbServer *srv = data;
  MdlSnapshot *snap = mdl_runner_snapshot (srv->runner);
  bool fresh;

  g_mutex_lock (&srv->lock);
  if (snap->state == MDL_RUNNER_RUNNING) {
    srv->seen_running = true;
    g_clear_pointer (&srv->pending, mdl_snapshot_unref);
    g_mutex_unlock (&srv->lock);
    mdl_snapshot_unref (snap);
    return;
  }
  fresh = srv->seen_running;
  srv->seen_running = false;
  if (srv->wait == WAIT_STOP) {
    g_clear_pointer (&srv->stop_snap, mdl_snapshot_unref);
    srv->stop_snap = g_steal_pointer (&snap);
    srv->wait = WAIT_DONE;
    /* A full pipe already holds a wake-up: nothing is lost. */
    if (write (srv->wake[1], "s", 1) < 0) {
      /* nothing to do */
    }
  } else if (fresh && srv->wait == WAIT_NONE && g_atomic_int_get (&srv->has_client) &&
             snap->state == MDL_RUNNER_PAUSED && snap->stop_cpu >= 0 &&
             (unsigned) snap->stop_cpu == srv->cpu &&
             (snap->stop_reason == MDL_STOP_BREAKPOINT ||
              snap->stop_reason == MDL_STOP_WATCHPOINT)) {
    g_clear_pointer (&srv->pending, mdl_snapshot_unref);
    srv->pending = g_steal_pointer (&snap);
  }
  g_mutex_unlock (&srv->lock);
  if (snap != NULL)
    mdl_snapshot_unref (snap);
}

/* ---- run control ---------------------------------------------------------- */

static bool
watch_inserted (Session *s, guint64 addr)
{
  for (guint i = 0; i < s->watches->len; i++) {
    const Watch *w = &g_array_index (s->watches, Watch, i);
    if (addr >= w->addr && addr - w->addr < w->len)
      return true;
  }
  return false;
}

static void
session_resume (Session *s, bool step)
{
  MdlGdbServer *srv = s->srv;

  if (s->watch_done && !watch_inserted (s, s->watch_addr)) {
    /* GDB steps over a watchpoint it believes stopped before the access
     * (to it Arm and RISC-V watchpoints are not steppable): it removes
     * the watchpoint, then single-steps (Arm) or continues to a
     * breakpoint on the next instruction (RISC-V).  Medley stops with the
     * accessing instruction retired, so that step is done already and the
     * next instruction must not run: QEMU's stub, which stops before the
     * access, leaves GDB at the same pc. */
    s->watch_done = false;
    session_send_str (s, "T05thread:1;");
    return;
  }
  s->watch_done = false;
  s->resumed = true;
  s->stepping = step;
  s->interrupted = false;
  s->reversing = false;
  g_mutex_lock (&srv->lock);
  if (!step && srv->pending != NULL) {
    /* Stopped here while nobody listened: that is the stop to report. */
    g_clear_pointer (&srv->stop_snap, mdl_snapshot_unref);
    srv->stop_snap = g_steal_pointer (&srv->pending);
    srv->wait = WAIT_DONE;
    g_mutex_unlock (&srv->lock);
    return;
  }
  /* From here a stop is ours to report, never an idle client's pending
   * one, even one published before the fence runs. */
  g_clear_pointer (&srv->pending, mdl_snapshot_unref);
  srv->wait = WAIT_FENCE;
  g_mutex_unlock (&srv->lock);
  if (step)
    mdl_runner_step (srv->runner, srv->cpu);
  else
    mdl_runner_run (srv->runner);
  mdl_runner_call (srv->runner, call_fence, srv);
}

/* bs and bc: one instruction of this CPU back, or back to the last
 * breakpoint or watchpoint hit, through the machine's history (which
 * the session turned on when the client came).  The stop comes as a
 * resume's does. */
static void
session_reverse (Session *s, bool step)
{
  MdlGdbServer *srv = s->srv;

  s->watch_done = false;
  s->resumed = true;
  s->stepping = step;
  s->interrupted = false;
  s->reversing = true;
  g_mutex_lock (&srv->lock);
  g_clear_pointer (&srv->pending, mdl_snapshot_unref);
  srv->wait = WAIT_FENCE;
  g_mutex_unlock (&srv->lock);
  if (step)
    mdl_runner_reverse_step (srv->runner, srv->cpu);
  else
    mdl_runner_reverse_continue (srv->runner);
  mdl_runner_call (srv->runner, call_fence, srv);
}

/* Ctrl-C, or a client that connects while the machine runs. */
static void
session_interrupt (Session *s)
{
  MdlGdbServer *srv = s->srv;

  s->resumed = true;
  s->stepping = false;
  s->interrupted = true;
  s->reversing = false;
  g_mutex_lock (&srv->lock);
  g_clear_pointer (&srv->pending, mdl_snapshot_unref);
  srv->wait = WAIT_FENCE;
  g_mutex_unlock (&srv->lock);
  mdl_runner_pause (srv->runner);
  mdl_runner_call (srv->runner, call_fence, srv);
}

static const Break *
find_break (Session *s, guint64 addr)
{
  for (guint i = 0; i < s->breaks->len; i++)
    if (g_array_index (s->breaks, Break, i).addr == addr)
      return &g_array_index (s->breaks, Break, i);
  return NULL;
}

/* The W packet's 8 bits for a guest's exit code: a code they cannot hold
 * (256, -1) becomes 1, so that a failure never reads "exited normally". */
static unsigned
exit_byte (int code)
{
  return code >= 0 && code <= 255 ? (unsigned) code : 1;
}

/* The stop reply for @snap: see the header for what each case means. */
static char *
stop_reply (Session *s, MdlSnapshot *snap)
{
  MdlGdbServer *srv = s->srv;
  bool mine = snap->stop_cpu >= 0 && (unsigned) snap->stop_cpu == srv->cpu;

  /* Going back found nothing earlier: GDB says "No more reverse-execution
   * history" and shows where it is. */
  if (s->reversing && snap->history_start)
    return g_strdup ("T05replaylog:begin;thread:1;");
  switch (snap->state) {
  case MDL_RUNNER_HALTED:
    return g_strdup_printf ("W%02x", exit_byte (snap->exit_code));
  case MDL_RUNNER_STOPPED: {
    /* Said on GDB's console, then a signal that leaves the registers and
     * memory there to look at (continuing reports the same again). */
    g_autofree char *text = g_strdup_printf ("medley: %s\n", snap->message);
    g_autoptr(GString) o = g_string_new ("O");

    append_hex_bytes (o, (const guint8 *) text, strlen (text));
    session_send (s, o->str, o->len);
    return g_strdup ("T06thread:1;");
  }
  default:
    break;
  }
  if (mine && snap->stop_reason == MDL_STOP_BREAKPOINT) {
    const Break *b = find_break (s, snap->stop_addr);

    if (b != NULL && b->type == 0 && s->swbreak)
      return g_strdup ("T05swbreak:;thread:1;");
    if (b != NULL && b->type == 1 && s->hwbreak)
      return g_strdup ("T05hwbreak:;thread:1;");
    return g_strdup ("T05thread:1;");
  }
  if (mine && snap->stop_reason == MDL_STOP_WATCHPOINT) {
    static const char *const names[] = { "watch", "rwatch", "awatch" };

    for (guint i = 0; i < s->watches->len; i++) {
      const Watch *w = &g_array_index (s->watches, Watch, i);
      if (snap->stop_addr >= w->addr && snap->stop_addr - w->addr < w->len) {
        s->watch_done = true;
        s->watch_addr = snap->stop_addr;
        return g_strdup_printf ("T05%s:%" G_GINT64_MODIFIER "x;thread:1;", names[w->type - 2],
                                snap->stop_addr);
      }
    }
    return g_strdup ("T05thread:1;");
  }
  if (s->stepping && !s->interrupted)
    return g_strdup ("T05thread:1;");
  return g_strdup ("T02thread:1;");
}

/* Sends the stop reply if the stop has come. */
static void
session_deliver_stop (Session *s)
{
  MdlGdbServer *srv = s->srv;
  MdlSnapshot *snap = NULL;
  g_autofree char *reply = NULL;

  if (!s->resumed)
    return;
  g_mutex_lock (&srv->lock);
  if (srv->wait == WAIT_DONE) {
    snap = g_steal_pointer (&srv->stop_snap);
    srv->wait = WAIT_NONE;
  }
  g_mutex_unlock (&srv->lock);
  if (snap == NULL)
    return;
  s->resumed = false;
  s->watch_done = false;
  reply = stop_reply (s, snap);
  mdl_snapshot_unref (snap);
  session_send_str (s, reply);
}

/* Takes this client's breakpoints and watchpoints out of the machine. */
static void
session_remove_all (Session *s)
{
  MdlGdbServer *srv = s->srv;

  for (guint i = 0; i < s->breaks->len; i++)
    mdl_runner_set_breakpoint (srv->runner, srv->cpu, g_array_index (s->breaks, Break, i).addr,
                               false);
  g_array_set_size (s->breaks, 0);
  for (guint i = 0; i < s->watches->len; i++) {
    const Watch *w = &g_array_index (s->watches, Watch, i);
    mdl_runner_set_watchpoint (srv->runner, srv->cpu, w->addr, w->len, false, false, false);
  }
  g_array_set_size (s->watches, 0);
}

/* ---- packets -------------------------------------------------------------- */

static char *
reply_registers (Session *s, int reg)
{
  Access a = { .srv = s->srv, .out = g_string_new (NULL), .reg = reg };

  mdl_runner_call (s->srv->runner, call_read_regs, &a);
  return g_string_free (a.out, FALSE);
}

static char *
handle_p (Session *s, const char *args)
{
  guint64 n;

  if (!parse_hex (&args, &n) || *args != '\0')
    return g_strdup ("E01");
  if (n >= s->srv->cls->gdb_n_regs)
    return g_strdup ("E02");
  return reply_registers (s, (int) n);
}

static char *
handle_P (Session *s, const char *args)
{
  const MdlCpuClass *cls = s->srv->cls;
  Access a = { .srv = s->srv };
  guint8 bytes[MAX_REG_BYTES] = { 0 };
  guint64 n;
  unsigned len;

  if (!parse_hex (&args, &n) || *args++ != '=')
    return g_strdup ("E01");
  if (n >= cls->gdb_n_regs)
    return g_strdup ("E02");
  len = reg_bytes (cls, (unsigned) n);
  if (strlen (args) != 2 * len || !decode_hex_bytes (args, bytes, len))
    return g_strdup ("E01");
  a.reg = (int) n;
  bytes_to_value (bytes, len, &a.value, &a.value_hi);
  mdl_runner_call (s->srv->runner, call_write_reg, &a);
  return g_strdup ("OK");
}

static char *
handle_G (Session *s, const char *args)
{
  size_t n = strlen (args) / 2;
  g_autofree guint8 *bytes = g_malloc (MAX (n, 1));
  Access a = { .srv = s->srv, .bytes = bytes, .len = n };

  if (strlen (args) % 2 != 0 || !decode_hex_bytes (args, bytes, n))
    return g_strdup ("E01");
  mdl_runner_call (s->srv->runner, call_write_all_regs, &a);
  return g_strdup ("OK");
}

/* "ADDR,LEN" followed by @end. */
static bool
parse_addr_len (const char **p, char end, guint64 *addr, guint64 *len)
{
  return parse_hex (p, addr) && *(*p)++ == ',' && parse_hex (p, len) && *(*p)++ == end;
}

static char *
handle_m (Session *s, const char *args)
{
  Access a = { .srv = s->srv };

  if (!parse_addr_len (&args, '\0', &a.addr, &a.len))
    return g_strdup ("E01");
  a.len = MIN (a.len, (guint64) MAX_MEM_READ);
  a.out = g_string_new (NULL);
  mdl_runner_call (s->srv->runner, call_read_mem, &a);
  if (a.why != NULL)
    g_message ("gdb: CPU %s: not reading 0x%" G_GINT64_MODIFIER "x: %s", s->srv->cpu_name,
               a.why_addr, a.why);
  g_free (a.why_buf);
  if (!a.ok) {
    /* GDB 13 takes no text in a reply to m: it says it cannot access
     * the address, and Medley's log says why. */
    g_string_free (a.out, TRUE);
    return g_strdup ("E14");
  }
  return g_string_free (a.out, FALSE);
}

/* M (hex) and X (binary, already unescaped): @len is the payload length. */
static char *
handle_write_mem (Session *s, const char *args, size_t len, bool binary)
{
  const char *start = args;
  Access a = { .srv = s->srv };
  g_autofree guint8 *bytes = NULL;
  size_t data_len;

  if (!parse_addr_len (&args, ':', &a.addr, &a.len))
    return g_strdup ("E01");
  data_len = len - (size_t) (args - start);
  if (a.len == 0)
    return g_strdup ("OK");   /* X probe: binary writes are supported */
  if (a.len > PACKET_SIZE || (binary ? data_len != a.len : data_len != 2 * a.len))
    return g_strdup ("E01");
  bytes = g_malloc (a.len);
  if (binary)
    memcpy (bytes, args, a.len);
  else if (!decode_hex_bytes (args, bytes, a.len))
    return g_strdup ("E01");
  a.bytes = bytes;
  mdl_runner_call (s->srv->runner, call_write_mem, &a);
  return g_strdup (a.ok ? "OK" : "E14");
}

/* Z and z: breakpoints (0, 1) and watchpoints (2 write, 3 read, 4 access). */
static char *
handle_Z (Session *s, const char *args, bool insert)
{
  MdlGdbServer *srv = s->srv;
  guint64 type, addr, len;

  if (!parse_hex (&args, &type) || *args++ != ',' || !parse_hex (&args, &addr) ||
      *args++ != ',' || !parse_hex (&args, &len))
    return g_strdup ("E01");
  /* Conditions and commands after ';' are not supported, nor announced. */
  if (type <= 1) {
    guint i;

    for (i = 0; i < s->breaks->len; i++) {
      const Break *b = &g_array_index (s->breaks, Break, i);
      if (b->addr == addr && b->type == (int) type)
        break;
    }
    if (insert && i == s->breaks->len) {
      Break b = { addr, (int) type };
      g_array_append_val (s->breaks, b);
      mdl_runner_set_breakpoint (srv->runner, srv->cpu, addr, true);
    } else if (!insert && i < s->breaks->len) {
      g_array_remove_index (s->breaks, i);
      /* The same address may still be wanted as the other kind. */
      if (find_break (s, addr) == NULL)
        mdl_runner_set_breakpoint (srv->runner, srv->cpu, addr, false);
    }
    return g_strdup ("OK");
  }
  if (type <= 4) {
    /* The runner keeps one watchpoint per range: several kinds on the same
     * range become one with all their flags. */
    bool on_read = false, on_write = false, found = false;
    guint i;

    if (len == 0)
      return g_strdup ("E01");
    for (i = 0; i < s->watches->len; i++) {
      const Watch *w = &g_array_index (s->watches, Watch, i);
      if (w->addr == addr && w->len == len && w->type == (int) type) {
        found = true;
        break;
      }
    }
    if (insert && !found) {
      Watch w = { addr, len, (int) type };
      g_array_append_val (s->watches, w);
    } else if (!insert && found) {
      g_array_remove_index (s->watches, i);
    }
    for (i = 0; i < s->watches->len; i++) {
      const Watch *w = &g_array_index (s->watches, Watch, i);
      if (w->addr == addr && w->len == len) {
        on_read |= w->type != 2;
        on_write |= w->type != 3;
      }
    }
    mdl_runner_set_watchpoint (srv->runner, srv->cpu, addr, len, on_read, on_write,
                               on_read || on_write);
    return g_strdup ("OK");
  }
  return g_strdup ("");
}

/* c/s with an optional address to resume from. */
static char *
handle_resume (Session *s, const char *args, bool step)
{
  guint64 addr;

  if (*args != '\0') {
    Access a = { .srv = s->srv, .reg = -1 };

    if (!parse_hex (&args, &addr))
      return g_strdup ("E01");
    a.reg = -1;
    for (unsigned i = 0; i < s->srv->cls->gdb_n_regs; i++)
      if ((unsigned) s->srv->cls->gdb_regmap[i] == s->srv->cls->pc_reg)
        a.reg = (int) i;
    if (a.reg >= 0) {
      a.value = addr;
      mdl_runner_call (s->srv->runner, call_write_reg, &a);
    }
  }
  session_resume (s, step);
  return NULL;
}

/* vCont;ACTION[:THREAD]...: the first action for our only thread (or for
 * all threads) decides. */
static char *
handle_vcont (Session *s, const char *args)
{
  g_auto(GStrv) actions = g_strsplit (args, ";", -1);

  for (unsigned i = 1; actions[i] != NULL; i++) {
    const char *a = actions[i];
    const char *colon = strchr (a, ':');

    if (colon != NULL && strcmp (colon + 1, "1") != 0 && strcmp (colon + 1, "-1") != 0 &&
        strcmp (colon + 1, "p1.1") != 0 && strcmp (colon + 1, "p1.-1") != 0)
      continue;
    switch (a[0]) {
    case 'c':
    case 'C':
      session_resume (s, false);
      return NULL;
    case 's':
    case 'S':
      session_resume (s, true);
      return NULL;
    default:
      return g_strdup ("E01");
    }
  }
  return g_strdup ("E01");
}

static char *
handle_qxfer_features (Session *s, const char *args)
{
  const char *xml = s->srv->cls->gdb_target_xml;
  size_t total = strlen (xml);
  guint64 off, len;
  GString *out;

  if (!g_str_has_prefix (args, "target.xml:"))
    return g_strdup ("E00");
  args += strlen ("target.xml:");
  if (!parse_addr_len (&args, '\0', &off, &len))
    return g_strdup ("E01");
  if (off >= total)
    return g_strdup ("l");
  len = MIN (len, (guint64) PACKET_SIZE - 16);
  len = MIN (len, total - off);
  out = g_string_new (off + len >= total ? "l" : "m");
  g_string_append_len (out, xml + off, (gssize) len);
  return g_string_free (out, FALSE);
}

static char *
handle_query (Session *s, const char *pkt)
{
  if (g_str_has_prefix (pkt, "qSupported")) {
    s->swbreak = strstr (pkt, "swbreak+") != NULL;
    s->hwbreak = strstr (pkt, "hwbreak+") != NULL;
    /* vContSupported: without it GDB assumes no hardware single-step
     * and steps RISC-V by planting breakpoints. */
    return g_strdup_printf ("PacketSize=%x;qXfer:features:read+;QStartNoAckMode+;"
                            "swbreak+;hwbreak+;vContSupported+;ReverseStep+;ReverseContinue+",
                            PACKET_SIZE);
  }
  if (g_str_has_prefix (pkt, "qXfer:features:read:"))
    return handle_qxfer_features (s, pkt + strlen ("qXfer:features:read:"));
  if (strcmp (pkt, "qAttached") == 0 || g_str_has_prefix (pkt, "qAttached:"))
    return g_strdup ("1");   /* the machine was there before us: quit detaches */
  if (strcmp (pkt, "qC") == 0)
    return g_strdup ("QC1");
  if (strcmp (pkt, "qfThreadInfo") == 0)
    return g_strdup ("m1");
  if (strcmp (pkt, "qsThreadInfo") == 0)
    return g_strdup ("l");
  if (g_str_has_prefix (pkt, "qThreadExtraInfo,")) {
    g_autofree char *text = g_strdup_printf ("CPU %s (%s)", s->srv->cpu_name,
                                             s->srv->cls->name);
    GString *out = g_string_new (NULL);

    append_hex_bytes (out, (const guint8 *) text, strlen (text));
    return g_string_free (out, FALSE);
  }
  if (strcmp (pkt, "qOffsets") == 0)
    return g_strdup ("Text=0;Data=0;Bss=0");   /* firmware runs where linked */
  if (g_str_has_prefix (pkt, "qSymbol"))
    return g_strdup ("OK");
  return g_strdup ("");
}

static char *
initial_stop (Session *s)
{
  MdlSnapshot *snap = mdl_runner_snapshot (s->srv->runner);
  char *reply;

  if (snap->state == MDL_RUNNER_RUNNING) {
    /* Attaching stops the target, as GDB expects: the stop replies. */
    mdl_snapshot_unref (snap);
    session_interrupt (s);
    return NULL;
  }
  if (snap->state == MDL_RUNNER_HALTED)
    reply = g_strdup_printf ("W%02x", exit_byte (snap->exit_code));
  else if (snap->state == MDL_RUNNER_STOPPED)
    reply = g_strdup ("T06thread:1;");
  else
    reply = g_strdup ("T05thread:1;");
  mdl_snapshot_unref (snap);
  return reply;
}

static void
session_kill (Session *s)
{
  MdlGdbServer *srv = s->srv;

  session_remove_all (s);
  if (srv->kill_func != NULL)
    srv->kill_func (srv, srv->kill_data);
  else
    mdl_runner_pause (srv->runner);
  s->dead = s->ended = true;
}

/* One packet, unescaped, NUL-terminated at @len (binary data may hold
 * NULs: only X looks past them). */
static void
session_packet (Session *s, const char *pkt, size_t len)
{
  g_autofree char *reply = NULL;

  switch (pkt[0]) {
  case '?':
    reply = initial_stop (s);
    break;
  case 'g':
    reply = reply_registers (s, -1);
    break;
  case 'G':
    reply = handle_G (s, pkt + 1);
    break;
  case 'p':
    reply = handle_p (s, pkt + 1);
    break;
  case 'P':
    reply = handle_P (s, pkt + 1);
    break;
  case 'm':
    reply = handle_m (s, pkt + 1);
    break;
  case 'M':
    reply = handle_write_mem (s, pkt + 1, len - 1, false);
    break;
  case 'X':
    reply = handle_write_mem (s, pkt + 1, len - 1, true);
    break;
  case 'Z':
  case 'z':
    reply = handle_Z (s, pkt + 1, pkt[0] == 'Z');
    break;
  case 'c':
  case 's':
    reply = handle_resume (s, pkt + 1, pkt[0] == 's');
    break;
  case 'C':
  case 'S': {
    /* The signal is not delivered (there is no OS to take it); an address
     * after ';' is where to resume. */
    const char *semi = strchr (pkt, ';');
    reply = handle_resume (s, semi ? semi + 1 : "", pkt[0] == 'S');
    break;
  }
  case 'b':
    if (strcmp (pkt, "bs") == 0 || strcmp (pkt, "bc") == 0) {
      session_reverse (s, pkt[1] == 's');
      return;
    }
    reply = g_strdup ("");
    break;
  case 'H':
  case 'T':
    reply = g_strdup ("OK");
    break;
  case 'D':
    session_remove_all (s);
    mdl_runner_run (s->srv->runner);
    session_send_str (s, "OK");
    s->dead = s->ended = true;
    return;
  case 'k':
    session_kill (s);
    return;
  case 'q':
    reply = handle_query (s, pkt);
    break;
  case 'Q':
    if (strcmp (pkt, "QStartNoAckMode") == 0) {
      /* This reply is still acknowledged; acks stop after it. */
      session_send_str (s, "OK");
      s->no_ack = true;
      return;
    }
    reply = g_strdup ("");
    break;
  case 'v':
    if (strcmp (pkt, "vCont?") == 0)
      reply = g_strdup ("vCont;c;C;s;S");
    else if (g_str_has_prefix (pkt, "vCont;"))
      reply = handle_vcont (s, pkt + 5);
    else if (g_str_has_prefix (pkt, "vKill")) {
      session_send_str (s, "OK");
      session_kill (s);
      return;
    } else
      reply = g_strdup ("");
    break;
  default:
    reply = g_strdup ("");
    break;
  }
  if (reply != NULL)
    session_send_str (s, reply);
}

/* Parses what has arrived: acks, Ctrl-C and complete packets. */
static void
session_input (Session *s)
{
  GByteArray *in = s->in;

  while (in->len > 0 && !s->dead) {
    guint8 c = in->data[0];
    guint hash;

    if (s->discarding) {
      /* Throw away a packet too long to keep, up to its checksum. */
      guint i;

      for (i = 0; i < in->len && in->data[i] != '#'; i++)
        ;
      if (i == in->len) {
        g_byte_array_set_size (in, 0);
        return;
      }
      if (i + 3 > in->len) {
        g_byte_array_remove_range (in, 0, i);
        return;
      }
      g_byte_array_remove_range (in, 0, i + 3);
      s->discarding = false;
      if (!s->no_ack)
        session_send_raw (s, "+", 1);
      session_send_str (s, "E01");
      continue;
    }
    if (c != '$') {
      g_byte_array_remove_index (in, 0);
      if (c == '-' && !s->no_ack && s->last->len > 0)
        session_send_raw (s, s->last->str, s->last->len);
      else if (c == 0x03 && s->resumed && !s->interrupted) {
        s->interrupted = true;
        mdl_runner_pause (s->srv->runner);
      }
      /* '+' and stray bytes need nothing. */
      continue;
    }
    for (hash = 1; hash < in->len && in->data[hash] != '#'; hash++)
      ;
    if (hash >= in->len) {
      if (in->len > MAX_BUFFERED) {
        s->discarding = true;
        g_byte_array_set_size (in, 0);
      }
      return;   /* the rest is still on its way */
    }
    if (hash + 3 > in->len)
      return;
    {
      int hi = hex_value (in->data[hash + 1]), lo = hex_value (in->data[hash + 2]);
      guint8 sum = 0;
      g_autoptr(GByteArray) pkt = g_byte_array_new ();

      for (guint i = 1; i < hash; i++)
        sum += in->data[i];
      if (hi < 0 || lo < 0 || (guint8) (hi << 4 | lo) != sum) {
        /* Ask again; without acks there is nobody to ask: drop it. */
        g_byte_array_remove_range (in, 0, hash + 3);
        if (!s->no_ack)
          session_send_raw (s, "-", 1);
        continue;
      }
      for (guint i = 1; i < hash; i++) {
        guint8 b = in->data[i];
        if (b == '}' && i + 1 < hash)
          b = in->data[++i] ^ 0x20;
        g_byte_array_append (pkt, &b, 1);
      }
      g_byte_array_remove_range (in, 0, hash + 3);
      if (!s->no_ack)
        session_send_raw (s, "+", 1);
      if (pkt->len == 0) {
        session_send_str (s, "");
        continue;
      }
      {
        guint n = pkt->len;
        guint8 nul = 0;

        g_byte_array_append (pkt, &nul, 1);
        session_packet (s, (const char *) pkt->data, n);
      }
    }
  }
}

/* ---- the server thread ---------------------------------------------------- */

static Session *
session_new (MdlGdbServer *srv, int fd)
{
  Session *s = g_new0 (Session, 1);

  s->srv = srv;
  s->fd = fd;
  s->in = g_byte_array_new ();
  s->last = g_string_new (NULL);
  s->breaks = g_array_new (FALSE, FALSE, sizeof (Break));
  s->watches = g_array_new (FALSE, FALSE, sizeof (Watch));
  g_atomic_int_set (&srv->has_client, 1);
  /* A debugger may go back: keep a history from now on (engine/snapshot.h). */
  mdl_runner_set_history (srv->runner, true, 0, 0);
  return s;
}

/* Ends a session: a client that went away without detaching is treated as
 * having detached (its breakpoints would otherwise stop a machine nobody
 * debugs any more).  @quitting: the server is going away, leave the
 * machine as it is. */
static void
session_free (Session *s, bool quitting, bool detach)
{
  MdlGdbServer *srv = s->srv;

  if (detach) {
    session_remove_all (s);
    if (!quitting)
      mdl_runner_run (srv->runner);
  }
  g_mutex_lock (&srv->lock);
  srv->wait = WAIT_NONE;
  g_clear_pointer (&srv->stop_snap, mdl_snapshot_unref);
  g_clear_pointer (&srv->pending, mdl_snapshot_unref);
  g_mutex_unlock (&srv->lock);
  close (s->fd);
  g_byte_array_unref (s->in);
  g_string_free (s->last, TRUE);
  g_array_unref (s->breaks);
  g_array_unref (s->watches);
  g_atomic_int_set (&srv->has_client, 0);
  g_free (s);
}

static int
accept_client (MdlGdbServer *srv)
{
  int fd = accept (srv->listen_fd, NULL, NULL), one = 1;

  if (fd < 0)
    return -1;
  fcntl (fd, F_SETFD, FD_CLOEXEC);
  /* Packets are small and answered one by one: no Nagle delay. */
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

/* Reads what the client sent and handles it; marks the session dead at
 * EOF or on an error. */
static void
session_read (Session *s)
{
  guint8 buf[4096];
  ssize_t n = recv (s->fd, buf, sizeof buf, MSG_DONTWAIT);

  if (n > 0) {
    g_byte_array_append (s->in, buf, (guint) n);
    session_input (s);
  } else if (n == 0 || (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)) {
    s->dead = true;
  }
}

/* Whether the client has closed its end (or ended the session), reading
 * and handling what it still sent. */
static bool
session_gone (Session *s)
{
  for (unsigned i = 0; i < 64 && !s->dead; i++) {
    struct pollfd pfd = { .fd = s->fd, .events = POLLIN };

    if (poll (&pfd, 1, 0) <= 0 || !(pfd.revents & (POLLIN | POLLHUP | POLLERR)))
      break;
    session_read (s);
  }
  return s->dead;
}

static gpointer
server_main (gpointer data)
{
  MdlGdbServer *srv = data;
  Session *s = NULL;

  for (;;) {
    struct pollfd fds[3] = {
      { .fd = srv->wake[0], .events = POLLIN },
      { .fd = srv->listen_fd, .events = POLLIN },
      { .fd = s ? s->fd : -1, .events = POLLIN },
    };
    bool quit;

    if (poll (fds, 3, -1) < 0 && errno != EINTR) {
      g_warning ("gdb server for CPU %s: poll failed: %s", srv->cpu_name, g_strerror (errno));
      break;
    }
    if (fds[0].revents & POLLIN) {
      char buf[64];
      if (read (srv->wake[0], buf, sizeof buf) < 0) {
        /* a wake-up either way */
      }
    }
    g_mutex_lock (&srv->lock);
    quit = srv->quit;
    g_mutex_unlock (&srv->lock);
    if (quit)
      break;

    /* The client first: a debugger that closed without detaching and
     * reconnects at once (gdb after a crash or a Ctrl-C'd script) has its
     * EOF and its new connection in the same round. */
    if (s != NULL && (fds[2].revents & (POLLIN | POLLHUP | POLLERR)))
      session_read (s);
    if (s != NULL && s->dead) {   /* as at the end of the round */
      session_free (s, false, !s->ended);
      s = NULL;
    }
    if (fds[1].revents & POLLIN) {
      int fd = accept_client (srv);

      /* The old client may have gone since poll() looked. */
      if (fd >= 0 && s != NULL && session_gone (s)) {
        session_free (s, false, !s->ended);
        s = NULL;
      }
      if (fd >= 0 && s != NULL) {
        /* One debugger per CPU: the second is told by the closed
         * connection, and the first goes on undisturbed. */
        g_message ("gdb: CPU %s: refused a second client (one is connected)", srv->cpu_name);
        close (fd);
      } else if (fd >= 0) {
        s = session_new (srv, fd);
      }
    }
    if (s != NULL && !s->dead)
      session_deliver_stop (s);
    if (s != NULL && s->dead) {
      /* Detach and kill have already cleaned up; a vanished client has
       * not, and a stop owed to it is void. */
      session_free (s, false, !s->ended);
      s = NULL;
    }
  }
  if (s != NULL) {
    /* A guest that has just ended owes its exit code to a waiting client. */
    session_deliver_stop (s);
    session_free (s, true, true);
  }
  return NULL;
}

/* ---- life cycle ----------------------------------------------------------- */

static int
bind_listener (const char *host, guint16 port, GError **error)
{
  struct addrinfo hints = { 0 }, *res = NULL;
  char service[8];
  int fd = -1, rc, saved = 0;

  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  g_snprintf (service, sizeof service, "%u", port);
  rc = getaddrinfo (host, service, &hints, &res);
  if (rc != 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID, "gdb: cannot listen on %s: %s", host,
                 gai_strerror (rc));
    return -1;
  }
  for (struct addrinfo *ai = res; ai != NULL && fd < 0; ai = ai->ai_next) {
    int one = 1;

    fd = socket (ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) {
      saved = errno;
      continue;
    }
    setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind (fd, ai->ai_addr, ai->ai_addrlen) < 0 || listen (fd, 4) < 0) {
      saved = errno;
      close (fd);
      fd = -1;
    }
  }
  freeaddrinfo (res);
  if (fd < 0)
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "gdb: cannot listen on %s:%u: %s", host, port,
                 g_strerror (saved));
  return fd;
}

static guint16
bound_port (int fd)
{
  struct sockaddr_storage ss;
  socklen_t len = sizeof ss;

  if (getsockname (fd, (struct sockaddr *) &ss, &len) < 0)
    return 0;
  if (ss.ss_family == AF_INET)
    return ntohs (((struct sockaddr_in *) &ss)->sin_port);
  if (ss.ss_family == AF_INET6)
    return ntohs (((struct sockaddr_in6 *) &ss)->sin6_port);
  return 0;
}

typedef struct {
  unsigned           cpu;
  const MdlCpuClass *cls;
  char              *name;
} CpuInfo;

static void
call_cpu_info (MdlRunner *runner, MdlMachine *m, void *data)
{
  CpuInfo *info = data;
  MdlCpu *cpu = mdl_machine_cpu (m, info->cpu);

  if (cpu != NULL) {
    info->cls = cpu->cls;
    info->name = g_strdup (cpu->name);
  }
}

MdlGdbServer *
mdl_gdb_server_new (MdlRunner *runner, unsigned cpu, const char *host, guint16 port,
                    GError **error)
{
  MdlGdbServer *srv;
  CpuInfo info = { cpu, NULL, NULL };
  int fd;

  g_return_val_if_fail (runner != NULL, NULL);
  if (host == NULL)
    host = "127.0.0.1";
  mdl_runner_call (runner, call_cpu_info, &info);
  if (info.cls == NULL) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN, "gdb: the machine has no CPU %u", cpu);
    return NULL;
  }
  if (info.cls->gdb_target_xml == NULL || info.cls->gdb_regmap == NULL ||
      info.cls->gdb_n_regs == 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN,
                 "gdb: CPU %s (%s) has no description for GDB", info.name, info.cls->name);
    g_free (info.name);
    return NULL;
  }
  fd = bind_listener (host, port, error);
  if (fd < 0) {
    g_free (info.name);
    return NULL;
  }

  srv = g_new0 (MdlGdbServer, 1);
  srv->runner = runner;
  srv->cpu = cpu;
  srv->cpu_name = info.name;
  srv->cls = info.cls;
  srv->listen_fd = fd;
  srv->port = bound_port (fd);
  if (pipe (srv->wake) < 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "gdb: pipe: %s", g_strerror (errno));
    close (fd);
    g_free (srv->cpu_name);
    g_free (srv);
    return NULL;
  }
  for (int i = 0; i < 2; i++) {
    fcntl (srv->wake[i], F_SETFD, FD_CLOEXEC);
    fcntl (srv->wake[i], F_SETFL, O_NONBLOCK);
  }
  g_mutex_init (&srv->lock);
  srv->listener = mdl_runner_add_listener (runner, on_publish, srv);
  srv->thread = g_thread_new ("mdl-gdb", server_main, srv);
  return srv;
}

void
mdl_gdb_server_free (MdlGdbServer *srv)
{
  if (srv == NULL)
    return;
  g_mutex_lock (&srv->lock);
  srv->quit = true;
  g_mutex_unlock (&srv->lock);
  if (write (srv->wake[1], "q", 1) < 0) {
    /* the pipe is full: the thread is awake anyway */
  }
  g_thread_join (srv->thread);
  mdl_runner_remove_listener (srv->runner, srv->listener);
  g_clear_pointer (&srv->stop_snap, mdl_snapshot_unref);
  g_clear_pointer (&srv->pending, mdl_snapshot_unref);
  close (srv->listen_fd);
  close (srv->wake[0]);
  close (srv->wake[1]);
  g_mutex_clear (&srv->lock);
  g_free (srv->cpu_name);
  g_free (srv);
}

guint16
mdl_gdb_server_port (MdlGdbServer *srv)
{
  g_return_val_if_fail (srv != NULL, 0);
  return srv->port;
}

unsigned
mdl_gdb_server_cpu (MdlGdbServer *srv)
{
  g_return_val_if_fail (srv != NULL, 0);
  return srv->cpu;
}

bool
mdl_gdb_server_has_client (MdlGdbServer *srv)
{
  g_return_val_if_fail (srv != NULL, false);
  return g_atomic_int_get (&srv->has_client) != 0;
}

void
mdl_gdb_server_set_kill_func (MdlGdbServer *srv, MdlGdbKillFunc func, void *data)
{
  g_return_if_fail (srv != NULL);
  srv->kill_func = func;
  srv->kill_data = data;
}
