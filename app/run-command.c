#define G_LOG_DOMAIN "medley-run"

/* `medley run`: a board headless, its UART output on stdout, the guest's
 * exit code as ours.  Meant for scripts and job runners as much as for
 * people, hence --json and distinct exit statuses. */

#include <errno.h>
#include <glib/gi18n.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "screenshot.h"

#include "engine/board.h"
#include "engine/cache-model.h"
#include "engine/debuginfo.h"
#include "engine/device.h"
#include "engine/error.h"
#include "engine/gdbstub.h"
#include "engine/runner.h"

static MdlMachine *volatile running_machine;

static void
on_signal (int sig)
{
  MdlMachine *m = running_machine;

  if (m != NULL)
    mdl_machine_request_user_stop (m);
}

/* With one UART its bytes go straight to stdout.  With several (one UART
 * per CPU on a heterogeneous board), each console's complete lines go out
 * prefixed with its name, so that the interleaving stays readable. */
typedef struct {
  gboolean    prefix;
  GHashTable *lines;   /* console name -> GString of a partial line */
} Consoles;

static const char *
console_name (MdlDevice *uart)
{
  static char buf[64];
  MdlCpu *cpu;

  if (uart != NULL)
    return uart->name;
  cpu = running_machine ? mdl_machine_current_cpu (running_machine) : NULL;
  g_snprintf (buf, sizeof buf, "%s semihosting", cpu ? cpu->name : "cpu");
  return buf;
}

/* Whether stdout's last byte ended a line: --json's summary must be a
 * line of its own even after a prompt the guest left open ("=> "). */
static bool stdout_at_line_start = true;

static void
console_write (Consoles *c, const char *name, const uint8_t *bytes, size_t len)
{
  GString *line;

  if (!c->prefix) {
    fwrite (bytes, 1, len, stdout);
    if (len > 0)
      stdout_at_line_start = bytes[len - 1] == '\n';
    return;
  }
  line = g_hash_table_lookup (c->lines, name);
  if (line == NULL) {
    line = g_string_new (NULL);
    g_hash_table_insert (c->lines, g_strdup (name), line);
  }
  for (size_t i = 0; i < len; i++) {
    if (bytes[i] == '\r')
      continue;
    if (bytes[i] == '\n') {
      printf ("[%s] %s\n", name, line->str);
      g_string_truncate (line, 0);
    } else {
      g_string_append_c (line, (char) bytes[i]);
    }
  }
}

static void
serial_to_stdout (MdlDevice *uart, const uint8_t *bytes, size_t len, void *data)
{
  Consoles *c = data;

  console_write (c, c->prefix ? console_name (uart) : NULL, bytes, len);
}

static void
free_line (gpointer line)
{
  g_string_free (line, TRUE);
}

static void
consoles_flush (Consoles *c)
{
  GHashTableIter it;
  gpointer name, line;

  if (!c->prefix)
    return;
  g_hash_table_iter_init (&it, c->lines);
  while (g_hash_table_iter_next (&it, &name, &line))
    if (((GString *) line)->len > 0) {
      printf ("[%s] %s\n", (char *) name, ((GString *) line)->str);
      g_string_truncate (line, 0);
    }
}

static unsigned
count_consoles (MdlMachine *m)
{
  unsigned n = 0;

  for (unsigned i = 0; i < mdl_machine_n_devices (m); i++)
    n += mdl_machine_device (m, i)->cls->serial_input != NULL;
  /* Semihosting output goes along with them: a board with one UART keeps
   * its plain console, which tests and pipes compare byte for byte. */
  return n;
}

static void
consoles_init (Consoles *c, MdlMachine *m)
{
  c->prefix = count_consoles (m) > 1;
  c->lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_line);
}

/* SIGINT and SIGTERM end the run the way the guest's end would. */
static void
catch_stop_signals (void (*handler) (int))
{
  struct sigaction sa = { 0 };

  sa.sa_handler = handler;
  sigemptyset (&sa.sa_mask);
  sigaction (SIGINT, &sa, NULL);
  sigaction (SIGTERM, &sa, NULL);
}

static void
report_time_limit (const char *max_time)
{
  fprintf (stderr, _("medley: stopped at the time limit (%s of virtual time) "
                     "before the guest reported an exit\n"), max_time ? max_time : "10s");
}

static void
json_string (GString *s, const char *text)
{
  g_string_append_c (s, '"');
  for (const char *p = text; *p; p++) {
    unsigned char c = (unsigned char) *p;
    if (c == '"' || c == '\\')
      g_string_append_printf (s, "\\%c", c);
    else if (c < 0x20)
      g_string_append_printf (s, "\\u%04x", c);
    else
      g_string_append_c (s, (char) c);
  }
  g_string_append_c (s, '"');
}

/* The process status for a guest's exit code.  0 and 1-123 pass through;
 * anything else becomes 1: the kernel keeps only 8 bits (256 would read
 * as success), and 124-255 are Medley's own statuses or a shell's "killed
 * by a signal".  The exact code goes to stderr and the JSON summary. */
static int
guest_status (int code)
{
  return code >= 0 && code <= MDL_EXIT_GUEST_MAX ? code : 1;
}

/* Says on stderr what a failing guest reported; returns the status. */
static int
report_guest_exit (int code)
{
  int status = guest_status (code);

  if (code != 0 && status == code)
    fprintf (stderr, _("medley: the guest exited with code %d\n"), code);
  else if (code != 0)
    fprintf (stderr, _("medley: the guest exited with code %d; the exit status is %d "
                       "(codes outside 0-%d become 1)\n"), code, status, MDL_EXIT_GUEST_MAX);
  return status;
}

/* "exit_code" is the guest's exact code when it ended the run, Medley's
 * status otherwise; "status" is always what the process exits with. */
static void
print_json (MdlMachine *m, MdlStopReason reason, int code, int status, double wall_s)
{
  g_autoptr(GString) s = g_string_new ("{");
  uint64_t vt = 0;
  bool any_cache = false;

  for (unsigned i = 0; i < mdl_machine_n_cpus (m); i++)
    vt = MAX (vt, mdl_machine_cpu (m, i)->time_ps);
  vt = MAX (vt, mdl_machine_now (m));
  g_string_append_printf (s, "\"exit_code\": %d, \"status\": %d, \"stop_reason\": ",
                          code, status);
  json_string (s, mdl_stop_reason_name (reason));
  g_string_append (s, ", \"message\": ");
  json_string (s, mdl_machine_stop_message (m));
  g_string_append_printf (s, ", \"virtual_time_ps\": %" G_GUINT64_FORMAT
                          ", \"wall_time_s\": %.6f, \"instructions\": {",
                          vt, wall_s);
  for (unsigned i = 0; i < mdl_machine_n_cpus (m); i++) {
    MdlCpu *cpu = mdl_machine_cpu (m, i);
    if (i)
      g_string_append (s, ", ");
    json_string (s, cpu->name);
    g_string_append_printf (s, ": %" G_GUINT64_FORMAT, cpu->retired);
  }
  g_string_append (s, "}");
  /* The cache models' counts, for CPUs that have one. */
  for (unsigned i = 0; i < mdl_machine_n_cpus (m); i++) {
    MdlCpu *cpu = mdl_machine_cpu (m, i);
    MdlCache *side[2];

    if (cpu->cache == NULL)
      continue;
    side[0] = mdl_cache_model_icache (cpu->cache);
    side[1] = mdl_cache_model_dcache (cpu->cache);
    g_string_append (s, any_cache ? ", " : ", \"caches\": {");
    json_string (s, cpu->name);
    g_string_append (s, ": {");
    for (unsigned k = 0, shown = 0; k < 2; k++) {
      const MdlCacheCounts *c = side[k] ? &side[k]->counts : NULL;
      if (c == NULL)
        continue;
      g_string_append_printf (s, "%s\"%s\": {\"read_hits\": %" G_GUINT64_FORMAT
                              ", \"read_misses\": %" G_GUINT64_FORMAT
                              ", \"write_hits\": %" G_GUINT64_FORMAT
                              ", \"write_misses\": %" G_GUINT64_FORMAT
                              ", \"writebacks\": %" G_GUINT64_FORMAT
                              ", \"uncached\": %" G_GUINT64_FORMAT "}",
                              shown++ ? ", " : "", k ? "data" : "instruction", c->read_hits,
                              c->read_misses, c->write_hits, c->write_misses, c->writebacks,
                              c->uncached);
    }
    g_string_append (s, "}");
    any_cache = true;
  }
  g_string_append (s, any_cache ? "}}\n" : "}\n");
  if (!stdout_at_line_start)
    fputc ('\n', stdout);
  fputs (s->str, stdout);
  stdout_at_line_start = true;
}

/* stdin goes to the first UART.  Bytes are read into a backlog and handed
 * over as fast as the UART can take them (serial_can_receive), between
 * slices of virtual time, so pasted or piped input is never lost to an
 * overrun. */
typedef struct {
  MdlDevice  *uart;
  GByteArray *backlog;
  bool        open;       /* stdin not at EOF yet */
} Input;

static void
input_init (Input *in, MdlMachine *m, bool wanted)
{
  in->uart = NULL;
  for (unsigned i = 0; i < mdl_machine_n_devices (m) && in->uart == NULL; i++) {
    MdlDevice *dev = mdl_machine_device (m, i);
    if (dev->cls->serial_input != NULL)
      in->uart = dev;
  }
  in->backlog = g_byte_array_new ();
  in->open = wanted && in->uart != NULL;
}

/* Reads what stdin has, waiting up to @timeout_ms (-1: until input or EOF). */
static void
input_read (Input *in, int timeout_ms)
{
  struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
  uint8_t buf[4096];
  ssize_t n;

  if (!in->open || in->backlog->len >= sizeof buf)
    return;
  if (poll (&pfd, 1, timeout_ms) <= 0 || !(pfd.revents & (POLLIN | POLLHUP)))
    return;
  n = read (STDIN_FILENO, buf, sizeof buf);
  if (n <= 0)
    in->open = false;
  else
    g_byte_array_append (in->backlog, buf, (guint) n);
}

/* Hands the UART what it can take; true when anything moved. */
static bool
input_deliver (Input *in)
{
  size_t n;

  if (in->uart == NULL || in->backlog->len == 0)
    return false;
  n = in->uart->cls->serial_can_receive ? in->uart->cls->serial_can_receive (in->uart)
                                        : in->backlog->len;
  n = MIN (n, in->backlog->len);
  if (n == 0)
    return false;
  in->uart->cls->serial_input (in->uart, in->backlog->data, n);
  g_byte_array_remove_range (in->backlog, 0, (guint) n);
  return true;
}

static MdlCluster *
cluster_of (MdlBoard *board, MdlCpu *cpu)
{
  for (guint i = 0; i < board->clusters->len; i++) {
    MdlCluster *cl = g_ptr_array_index (board->clusters, i);
    for (guint j = 0; j < cl->cpus->len; j++)
      if (g_ptr_array_index (cl->cpus, j) == cpu)
        return cl;
  }
  return NULL;
}

/* "main+0x8" for an address inside a known symbol, else "pc 0x...". */
static char *
describe_address (MdlBoard *board, MdlCpu *cpu, uint64_t addr)
{
  MdlCluster *cl = cluster_of (board, cpu);
  const MdlSymbol *sym = cl && cl->image ? mdl_elf_image_symbol_at (cl->image, addr) : NULL;

  if (sym == NULL)
    return g_strdup_printf ("pc 0x%" G_GINT64_MODIFIER "x", addr);
  if (addr == sym->value)
    return g_strdup_printf ("pc 0x%" G_GINT64_MODIFIER "x <%s>", addr, sym->name);
  return g_strdup_printf ("pc 0x%" G_GINT64_MODIFIER "x <%s+0x%" G_GINT64_MODIFIER "x>",
                          addr, sym->name, addr - sym->value);
}

/* The source line of @addr in @cpu's firmware, "file.c:12", or NULL. */
static char *
source_line_of (MdlBoard *board, MdlCpu *cpu, uint64_t addr)
{
  MdlCluster *cl = cluster_of (board, cpu);
  g_autoptr(MdlDebugInfo) di = NULL;
  g_autofree char *base = NULL;
  const char *file;
  unsigned line;

  if (cl == NULL || cl->image == NULL ||
      (di = mdl_debuginfo_open (cl->image->path, cpu->cls, NULL)) == NULL ||
      !mdl_debuginfo_line_at (di, addr, &file, &line, NULL, NULL, NULL))
    return NULL;
  base = g_path_get_basename (file);
  return g_strdup_printf ("%s:%u", base, line);
}

/* "[CPU:]FILE:LINE": a source line of the firmware's debug information.
 * Returns -1 when no firmware (of CPU) knows FILE, so that the spec may
 * still be a CPU and an address; else 1 with the breakpoints placed on
 * the line's addresses, or 0 with @error naming the nearest line with
 * code. */
static int
set_line_breakpoint (MdlBoard *board, const char *spec, GError **error)
{
  const char *last = strrchr (spec, ':'), *first = strchr (spec, ':');
  g_autofree char *cpu_name = NULL;
  g_autofree char *file = NULL;
  unsigned placed = 0;
  char *end = NULL;
  guint64 line;

  if (last == NULL || last[1] == '\0')
    return -1;
  line = g_ascii_strtoull (last + 1, &end, 10);
  if (*end != '\0' || line == 0 || line > G_MAXUINT || !g_ascii_isdigit (last[1]))
    return -1;
  if (first != last) {
    cpu_name = g_strndup (spec, first - spec);
    file = g_strndup (first + 1, last - first - 1);
  } else {
    file = g_strndup (spec, last - spec);
  }
  for (guint i = 0; i < board->clusters->len; i++) {
    MdlCluster *cl = g_ptr_array_index (board->clusters, i);
    g_autoptr(MdlDebugInfo) di = NULL;
    g_autoptr(GArray) addrs = NULL;
    bool chosen = cpu_name == NULL || strcmp (cpu_name, cl->name) == 0;

    for (guint j = 0; j < cl->cpus->len && !chosen; j++)
      chosen = strcmp (cpu_name, ((MdlCpu *) g_ptr_array_index (cl->cpus, j))->name) == 0;
    if (!chosen || cl->image == NULL || cl->cpus->len == 0)
      continue;
    di = mdl_debuginfo_open (cl->image->path,
                             ((MdlCpu *) g_ptr_array_index (cl->cpus, 0))->cls, NULL);
    if (di == NULL || mdl_debuginfo_find_file (di, file) == NULL)
      continue;
    {
      g_autofree char *what = g_strdup_printf ("--break %s", spec);
      addrs = mdl_debuginfo_resolve_line (di, file, (unsigned) line, what, error);
    }
    if (addrs == NULL)
      return 0;
    for (guint j = 0; j < cl->cpus->len; j++)
      for (guint k = 0; k < addrs->len; k++)
        mdl_cpu_set_breakpoint (g_ptr_array_index (cl->cpus, j),
                                g_array_index (addrs, uint64_t, k), true);
    placed++;
  }
  return placed > 0 ? 1 : -1;
}

/* "[CPU:]WHERE": WHERE is a symbol of that CPU's firmware, an address or
 * a source line FILE:LINE; without CPU, the breakpoint goes on every CPU
 * whose firmware has it. */
static bool
set_breakpoint (MdlBoard *board, const char *spec, GError **error)
{
  const char *colon = strchr (spec, ':');
  g_autofree char *cpu_name = colon ? g_strndup (spec, colon - spec) : NULL;
  const char *where = colon ? colon + 1 : spec;
  unsigned placed = 0;
  int by_line = set_line_breakpoint (board, spec, error);

  if (by_line >= 0)
    return by_line == 1;

  for (guint i = 0; i < board->clusters->len; i++) {
    MdlCluster *cl = g_ptr_array_index (board->clusters, i);
    for (guint j = 0; j < cl->cpus->len; j++) {
      MdlCpu *cpu = g_ptr_array_index (cl->cpus, j);
      const MdlSymbol *sym = cl->image ? mdl_elf_image_find_symbol (cl->image, where) : NULL;
      char *end = NULL;
      uint64_t addr;

      if (cpu_name && strcmp (cpu_name, cpu->name) != 0 && strcmp (cpu_name, cl->name) != 0)
        continue;
      if (sym != NULL) {
        addr = sym->value;
      } else {
        errno = 0;
        addr = g_ascii_strtoull (where, &end, 0);
        if (end == where || *end != '\0' || *where == '-')
          continue;
        /* strtoull saturates (2^64 would become 0xffffffffffffffff) and
         * a 32-bit CPU would drop the high bits: either is a breakpoint
         * nobody asked for. */
        if (errno == ERANGE || (cpu->cls->xlen < 64 && addr >> cpu->cls->xlen != 0)) {
          g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                       _("--break %s: %s does not fit in CPU %s's %u-bit addresses"), spec,
                       where, cpu->name, errno == ERANGE ? 64 : cpu->cls->xlen);
          return false;
        }
      }
      mdl_cpu_set_breakpoint (cpu, addr, true);
      placed++;
    }
  }
  if (placed == 0 && strrchr (spec, ':') && (strchr (spec, '.') || strchr (spec, '/'))) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN,
                 _("--break %s: no CPU's firmware has debug information for that source file "
                   "(build it with -g)"),
                 spec);
    return false;
  }
  if (placed == 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN,
                 cpu_name ? _("--break %s: no CPU called %s has a symbol or address '%s'")
                          : _("--break %s: no CPU's firmware has a symbol '%s'%s"),
                 spec, cpu_name ? cpu_name : where, cpu_name ? where : "");
    return false;
  }
  return true;
}

/* At a stop in firmware with debug information: the call stack and the
 * innermost frame's variables, as a debugger's backtrace and info locals
 * would show them. */
static void
print_source_state (MdlBoard *board, MdlCpu *cpu)
{
  MdlCluster *cl = cluster_of (board, cpu);
  g_autoptr(MdlDebugInfo) di = NULL;
  g_autoptr(GArray) frames = NULL;
  g_autoptr(GArray) vars = NULL;

  if (cl == NULL || cl->image == NULL ||
      (di = mdl_debuginfo_open (cl->image->path, cpu->cls, NULL)) == NULL)
    return;
  frames = mdl_debuginfo_backtrace (di, cpu, 64);
  printf ("call stack of %s:\n", cpu->name);
  for (guint i = 0; i < frames->len; i++) {
    const MdlDebugFrame *f = &g_array_index (frames, MdlDebugFrame, i);
    g_autofree char *base = f->file ? g_path_get_basename (f->file) : NULL;

    if (base)
      printf ("  #%u %s at %s:%u\n", i, f->function ? f->function : "??", base, f->line);
    else
      printf ("  #%u %s at 0x%" G_GINT64_MODIFIER "x\n", i, f->function ? f->function : "??",
              f->pc);
  }
  vars = mdl_debuginfo_frame_vars (di, cpu, &g_array_index (frames, MdlDebugFrame, 0));
  if (vars->len == 0)
    return;
  printf ("variables of %s:\n", g_array_index (frames, MdlDebugFrame, 0).function);
  for (guint i = 0; i < vars->len; i++) {
    const MdlDebugVar *v = &g_array_index (vars, MdlDebugVar, i);
    printf ("  %s %s (%s) = %s\n", v->kind == MDL_VAR_ARGUMENT ? "arg" : "local", v->name,
            v->type, v->value);
  }
}

static void
print_registers (MdlCpu *cpu)
{
  const MdlCpuClass *cls = cpu->cls;

  printf ("registers of %s (%s):\n", cpu->name, cls->name);
  for (unsigned i = 0; i < cls->n_regs; i++) {
    const MdlRegInfo *r = &cls->regs[i];
    g_autofree char *label = r->alias ? g_strdup_printf ("%s/%s", r->name, r->alias)
                                      : g_strdup (r->name);

    printf ("  %-14s 0x", label);
    if (r->bits > 64 && cls->reg_read_hi != NULL)
      printf ("%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x", cls->reg_read_hi (cpu, i),
              cls->reg_read (cpu, i));
    else
      printf ("%0*" G_GINT64_MODIFIER "x", (int) (MIN (r->bits, 64) / 4), cls->reg_read (cpu, i));
    printf ("%s", i % 3 == 2 || i + 1 == cls->n_regs ? "\n" : "");
  }
}

/* ---- --gdb: the board under a debugger ----
 *
 * With --gdb the machine runs on an MdlRunner (the engine thread the window
 * uses too) so that one GDB server per CPU can talk to it.  It starts
 * paused, as QEMU's -S does: nothing runs until a debugger continues.  This
 * thread copies the consoles to stdout, feeds stdin to the first UART and
 * watches the snapshots for the guest's end. */

/* The command line of `medley run`, parsed. */
typedef struct {
  char      *board_path;
  char     **firmware;    /* [NAME=]FILE.elf each */
  char     **breaks;      /* [CPU:]WHERE each */
  char     **kernel;      /* [NAME=]FILE each, as --firmware */
  char     **initrd;
  char     **append;      /* [NAME=]ARGS each */
  char      *max_time;    /* as given, for messages; NULL: the default */
  char      *quantum;
  char      *tier_text;   /* --tier */
  MdlTier    tier;
  char      *gdb_host;
  char      *screenshot;
  char      *speed_text;  /* --speed */
  GPtrArray *stop_on;     /* --stop-on-exception causes (NULL-terminated) */
  double     speed;       /* its factor; 0: as fast as possible */
  gboolean   json;
  gboolean   no_input;
  GPtrArray *gdb;         /* each --gdb value ("" when given bare) */
  uint64_t   limit_ps;    /* --max-time, or the default */
  uint64_t   quantum_ps;  /* --quantum, when given */
} RunOptions;

static void
run_options_clear (RunOptions *opts)
{
  g_free (opts->board_path);
  g_strfreev (opts->firmware);
  g_strfreev (opts->breaks);
  g_strfreev (opts->kernel);
  g_strfreev (opts->initrd);
  g_strfreev (opts->append);
  g_free (opts->max_time);
  g_free (opts->quantum);
  g_free (opts->tier_text);
  g_free (opts->gdb_host);
  g_free (opts->screenshot);
  g_free (opts->speed_text);
  if (opts->stop_on != NULL)
    g_ptr_array_unref (opts->stop_on);
  g_ptr_array_unref (opts->gdb);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunOptions, run_options_clear)

static gboolean
on_stop_on_exception (const char *name, const char *value, gpointer data, GError **error)
{
  RunOptions *opts = data;
  g_auto(GStrv) causes = g_strsplit (value != NULL && *value ? value : "all", ",", -1);

  if (opts->stop_on == NULL)
    opts->stop_on = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  for (unsigned i = 0; causes[i] != NULL; i++)
    if (*g_strstrip (causes[i]) != '\0')
      g_ptr_array_add (opts->stop_on, g_strdup (causes[i]));
  return TRUE;
}

static gboolean
on_gdb_option (const char *name, const char *value, gpointer data, GError **error)
{
  RunOptions *opts = data;

  g_ptr_array_add (opts->gdb, g_strdup (value ? value : ""));
  return TRUE;
}

/* GOption only takes an optional value glued on (--gdb=VALUE); people
 * write `--gdb cpu0=1234` too.  A word after --gdb that reads PORT or
 * NAME=PORT cannot be a board file, so it is glued on here. */
static int
glue_gdb_values (int argc, char **argv, char **glued)
{
  for (int i = 1; i + 1 < argc; i++) {
    const char *v = argv[i + 1], *eq = strchr (v, '=');
    const char *digits = eq ? eq + 1 : v;

    if (strcmp (argv[i], "--gdb") != 0 || *digits == '\0' ||
        strspn (digits, "0123456789") != strlen (digits) || (eq && strchr (v, '/')))
      continue;
    *glued = g_strconcat ("--gdb=", v, NULL);
    argv[i] = *glued;
    memmove (&argv[i + 1], &argv[i + 2], (argc - i - 2) * sizeof *argv);
    argv[argc - 1] = NULL;
    glued++;
    argc--;
  }
  return argc;
}

static volatile sig_atomic_t gdb_signalled;
static gint gdb_killed;

static void
on_gdb_signal (int sig)
{
  gdb_signalled = 1;
}

static void
on_gdb_kill (MdlGdbServer *server, void *data)
{
  g_atomic_int_set (&gdb_killed, 1);
}

static bool
parse_port (const char *text, guint16 *port)
{
  char *end = NULL;
  guint64 v = g_ascii_strtoull (text, &end, 10);

  if (end == text || *end != '\0' || v > 65535)
    return false;
  *port = (guint16) v;
  return true;
}

/* A CPU by its name, its cluster's name (a one-CPU cluster) or index. */
static int
find_cpu (MdlBoard *board, const char *name)
{
  MdlMachine *m = board->machine;
  MdlCpu *cpu = mdl_machine_find_cpu (m, name);
  char *end = NULL;
  guint64 index;

  if (cpu != NULL)
    return (int) cpu->index;
  for (guint i = 0; i < board->clusters->len; i++) {
    MdlCluster *cl = g_ptr_array_index (board->clusters, i);
    if (strcmp (cl->name, name) == 0 && cl->cpus->len > 0)
      return (int) ((MdlCpu *) g_ptr_array_index (cl->cpus, 0))->index;
  }
  index = g_ascii_strtoull (name, &end, 10);
  if (end != name && *end == '\0' && index < mdl_machine_n_cpus (m))
    return (int) index;
  return -1;
}

/* Turns the --gdb values into a port per CPU (-1: no server): bare --gdb
 * means every CPU from 1234 up, --gdb=PORT every CPU from PORT up (0: any
 * free port each), --gdb=CPU=PORT that CPU. */
static bool
gdb_ports (MdlBoard *board, GPtrArray *specs, int *ports, GError **error)
{
  unsigned n = mdl_machine_n_cpus (board->machine);

  for (unsigned i = 0; i < n; i++)
    ports[i] = -1;
  for (guint k = 0; k < specs->len; k++) {
    const char *spec = g_ptr_array_index (specs, k);
    const char *eq = strchr (spec, '=');
    guint16 port = 1234;

    if (eq == NULL) {
      if (*spec && !parse_port (spec, &port)) {
        g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                     _("--gdb %s: expected PORT or CPU=PORT"), spec);
        return false;
      }
      for (unsigned i = 0; i < n; i++)
        ports[i] = port == 0 ? 0 : port + (int) i;
    } else {
      g_autofree char *name = g_strndup (spec, eq - spec);
      int cpu = find_cpu (board, name);

      if (!parse_port (eq + 1, &port)) {
        g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                     _("--gdb %s: '%s' is not a port number"), spec, eq + 1);
        return false;
      }
      if (cpu < 0) {
        g_set_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN,
                     _("--gdb %s: the board has no CPU called %s"), spec, name);
        return false;
      }
      ports[cpu] = port;
    }
  }
  return true;
}

typedef struct {
  MdlStopReason reason;
  int           code;     /* the guest's exact exit code, or status */
  int           status;
  double        wall_s;
} JsonCall;

static void
call_print_json (MdlRunner *runner, MdlMachine *m, void *data)
{
  JsonCall *j = data;

  print_json (m, j->reason, j->code, j->status, j->wall_s);
}

static bool
any_gdb_client (GPtrArray *servers)
{
  for (guint i = 0; i < servers->len; i++)
    if (mdl_gdb_server_has_client (g_ptr_array_index (servers, i)))
      return true;
  return false;
}

/* Copies every console's pending output to stdout. */
static void
drain_consoles (MdlRunner *runner, Consoles *consoles)
{
  uint8_t buf[4096];

  for (unsigned u = 0; u < mdl_runner_n_uarts (runner); u++) {
    size_t n;
    while ((n = mdl_runner_read_serial (runner, u, buf, sizeof buf)) > 0)
      console_write (consoles, mdl_runner_uart_name (runner, u), buf, n);
  }
  fflush (stdout);
}

/* One GDB server per CPU that @ports gives a port; each says on stderr
 * where it listens.  False (with the message printed) when one cannot
 * listen. */
static bool
start_gdb_servers (MdlRunner *runner, MdlMachine *m, const int *ports, const char *host,
                   GPtrArray *servers)
{
  g_autoptr(GError) error = NULL;

  for (unsigned i = 0; i < mdl_machine_n_cpus (m); i++) {
    MdlGdbServer *srv;

    if (ports[i] < 0)
      continue;
    srv = mdl_gdb_server_new (runner, i, host, (guint16) ports[i], &error);
    if (srv == NULL) {
      fprintf (stderr, "medley: %s\n", error->message);
      return false;
    }
    mdl_gdb_server_set_kill_func (srv, on_gdb_kill, NULL);
    g_ptr_array_add (servers, srv);
    fprintf (stderr, strchr (host, ':') ? "medley: gdb: CPU %s on [%s]:%u\n"
                                        : "medley: gdb: CPU %s on %s:%u\n",
             mdl_machine_cpu (m, i)->name,
             strcmp (host, "127.0.0.1") == 0 ? "localhost" : host,
             mdl_gdb_server_port (srv));
  }
  fflush (stderr);
  return true;
}

/* Whether the guest has ended, as the runner's @snap shows it: sets
 * @reason and @status when it has (pausing the runner at the time limit),
 * and @code to the guest's exact code when the guest ended it. */
static bool
gdb_run_ended (MdlRunner *runner, const MdlSnapshot *snap, const RunOptions *opts,
               MdlStopReason *reason, int *code, int *status)
{
  if (snap->state == MDL_RUNNER_HALTED) {
    *reason = MDL_STOP_GUEST_EXIT;
    *code = snap->exit_code;
    *status = report_guest_exit (snap->exit_code);
  } else if (snap->state == MDL_RUNNER_STOPPED) {
    *reason = snap->stop_reason;
    *status = MDL_EXIT_STOPPED;
    fprintf (stderr, "medley: %s\n", snap->message);
  } else if (opts->max_time != NULL && snap->virtual_time_ps >= opts->limit_ps) {
    *reason = MDL_STOP_TIME_LIMIT;
    *status = MDL_EXIT_TIME_LIMIT;
    mdl_runner_pause (runner);
    report_time_limit (opts->max_time);
  } else {
    return false;
  }
  return true;
}

/* Runs @board (taken) under GDB servers; returns the exit status. */
static int
run_with_gdb (MdlBoard *board, const RunOptions *opts)
{
  g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func ((GDestroyNotify) mdl_gdb_server_free);
  g_autoptr(GError) error = NULL;
  g_autofree int *ports = g_new (int, MAX (mdl_machine_n_cpus (board->machine), 1));
  const char *host = opts->gdb_host ? opts->gdb_host : "127.0.0.1";
  Consoles consoles;
  MdlStopReason reason = MDL_STOP_NONE;
  MdlRunner *runner;
  bool stdin_open = !opts->no_input;
  gint64 t0, ended_at = 0;
  int status = -1, code = 0;

  if (!gdb_ports (board, opts->gdb, ports, &error)) {
    fprintf (stderr, "medley: %s\n", error->message);
    mdl_board_free (board);
    return MDL_EXIT_USAGE;
  }
  consoles_init (&consoles, board->machine);
  runner = mdl_runner_new (board, NULL, NULL);
  if (!start_gdb_servers (runner, board->machine, ports, host, servers)) {
    g_ptr_array_set_size (servers, 0);
    mdl_runner_free (runner);
    g_hash_table_unref (consoles.lines);
    return MDL_EXIT_USAGE;
  }

  catch_stop_signals (on_gdb_signal);
  t0 = g_get_monotonic_time ();
  for (;;) {
    g_autoptr(MdlSnapshot) snap = mdl_runner_snapshot (runner);
    struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };

    if (status < 0 && gdb_run_ended (runner, snap, opts, &reason, &code, &status))
      ended_at = g_get_monotonic_time ();
    if (gdb_signalled || g_atomic_int_get (&gdb_killed)) {
      fprintf (stderr, "%s", gdb_signalled ? _("medley: interrupted\n") : _("medley: killed by gdb\n"));
      reason = MDL_STOP_USER;
      status = MDL_EXIT_INTERRUPTED;
      break;
    }
    /* The guest has ended: give the debuggers a moment to hear it (a GDB
     * told the exit code disconnects; one sitting at a prompt would keep
     * us forever). */
    if (status >= 0 && (!any_gdb_client (servers) ||
                        g_get_monotonic_time () - ended_at > 5 * G_TIME_SPAN_SECOND))
      break;
    drain_consoles (runner, &consoles);
    if (stdin_open && mdl_runner_n_uarts (runner) > 0 &&
        poll (&pfd, 1, 10) > 0 && (pfd.revents & (POLLIN | POLLHUP))) {
      uint8_t buf[4096];
      ssize_t n = read (STDIN_FILENO, buf, sizeof buf);

      if (n <= 0)
        stdin_open = false;
      else
        mdl_runner_serial_input (runner, 0, buf, (size_t) n);
    } else if (!stdin_open || mdl_runner_n_uarts (runner) == 0) {
      g_usleep (10 * 1000);
    }
  }
  /* Closed before the runner: a client still waiting gets its exit. */
  g_ptr_array_set_size (servers, 0);
  mdl_runner_pause (runner);
  drain_consoles (runner, &consoles);
  consoles_flush (&consoles);
  if (opts->json) {
    JsonCall j = { reason, reason == MDL_STOP_GUEST_EXIT ? code : status, status,
                   (g_get_monotonic_time () - t0) / 1e6 };
    mdl_runner_call (runner, call_print_json, &j);
  }
  fflush (stdout);
  mdl_runner_free (runner);
  g_hash_table_unref (consoles.lines);
  return status;
}

/* ---- the steps of `medley run` ---- */

/* Whether a file can be written at @path, checked before a run so that
 * a long run does not end in "cannot write": an existing file must be a
 * writable non-folder, a new one needs a writable folder.  Nothing is
 * created. */
static bool
check_writable (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct stat st;

  if (stat (path, &st) == 0) {
    if (S_ISDIR (st.st_mode)) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_IO, _("%s: is a folder"), path);
      return false;
    }
    if (access (path, W_OK) != 0) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_IO, _("%s: cannot be written: %s"), path,
                   g_strerror (errno));
      return false;
    }
    return true;
  }
  if (errno != ENOENT) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO, _("%s: cannot be written: %s"), path,
                 g_strerror (errno));
    return false;
  }
  if (stat (dir, &st) != 0 || !S_ISDIR (st.st_mode)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO, _("%s: cannot be written: there is no folder %s"),
                 path, dir);
    return false;
  }
  if (access (dir, W_OK | X_OK) != 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO, _("%s: cannot be written: folder %s: %s"),
                 path, dir, g_strerror (errno));
    return false;
  }
  return true;
}

/* Fills @opts from the command line; false (with the message printed)
 * on a usage error. */
static bool
parse_options (int argc, char **argv, RunOptions *opts)
{
  GOptionEntry entries[] = {
    { "firmware", 'f', 0, G_OPTION_ARG_FILENAME_ARRAY, &opts->firmware,
      N_("Load FILE.elf into CPU cluster NAME (NAME= may be left out when the board has one)"),
      N_("[NAME=]FILE.elf") },
    { "break", 'b', 0, G_OPTION_ARG_STRING_ARRAY, &opts->breaks,
      N_("Stop before the instruction at SYMBOL, ADDRESS or source line FILE:LINE and print "
         "the registers"),
      N_("[CPU:]WHERE") },
    { "kernel", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opts->kernel,
      N_("Boot this kernel image as the cluster's payload (NAME= as for --firmware)"),
      N_("[NAME=]FILE") },
    { "initrd", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opts->initrd,
      N_("Load this initial RAM disk and name it in the device tree"), N_("[NAME=]FILE") },
    { "append", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opts->append,
      N_("Kernel command line, replacing the board's bootargs"), N_("[NAME=]ARGS") },
    { "max-time", 't', 0, G_OPTION_ARG_STRING, &opts->max_time,
      N_("Stop after this much virtual time (default 10s; 0 or none: no limit)"), N_("TIME") },
    { "quantum", 'q', 0, G_OPTION_ARG_STRING, &opts->quantum,
      N_("Scheduler quantum (default 1us)"), N_("TIME") },
    { "tier", 0, 0, G_OPTION_ARG_STRING, &opts->tier_text,
      N_("How CPUs execute: interp (the interpreter) or jit (translated code where the CPU has a translator); the same results either way"),
      N_("TIER") },
    { "speed", 0, 0, G_OPTION_ARG_STRING, &opts->speed_text,
      N_("Let virtual time run at most FACTOR times as fast as wall time (1: real time; "
         "default max: as fast as possible)"), N_("FACTOR|max") },
    { "stop-on-exception", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK,
      on_stop_on_exception,
      N_("Stop when a CPU takes an exception of these causes (as the CPU names them, e.g. "
         "\"load access fault\" or BusFault; default all), saying which instruction and "
         "address"), N_("CAUSE,...") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opts->json,
      N_("Print a JSON summary as the last line of stdout"), NULL },
    { "no-input", 0, 0, G_OPTION_ARG_NONE, &opts->no_input,
      N_("Do not forward stdin to the first UART"), NULL },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &opts->screenshot,
      N_("At exit, save the framebuffer's last frame as a PNG file"), N_("FILE.png") },
    { "gdb", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, on_gdb_option,
      N_("Start paused and wait for GDB: a port per CPU from 1234 (or from PORT; 0: any free "
         "port), or only CPU on PORT (repeatable)"), N_("[CPU=]PORT") },
    { "gdb-host", 0, 0, G_OPTION_ARG_STRING, &opts->gdb_host,
      N_("Address the GDB ports listen on (default 127.0.0.1)"), N_("ADDR") },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new (NULL, NULL, NULL, opts, NULL);
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("BOARD.dts - run a board headless"));
  g_autoptr(GError) error = NULL;
  /* Enough room for every --gdb value glued on. */
  g_auto(GStrv) glued = g_new0 (char *, argc + 1);
  g_autofree char **args = g_new0 (char *, argc + 1);

  memcpy (args, argv, sizeof *argv * argc);
  argc = glue_gdb_values (argc, args, glued);
  argv = args;
  /* A main group of our own, so that --gdb's callback gets opts. */
  g_option_group_add_entries (group, entries);
  /* The entries' descriptions (N_ above); the context's own strings are
   * translated where they are set. */
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_set_main_group (ctx, group);
  g_option_context_set_description (ctx,
    _("The guest's UART output is copied to stdout.  The exit status is the\n"
    "guest's own code (test device or semihosting exit; 0 on pass) when it\n"
    "is 0-123, and 1 for any other code (256, -1...), whose exact value is\n"
    "printed on stderr and in --json's exit_code.  Medley's own statuses:\n"
    "2 bad input, 124 time limit reached, 125 the machine stopped (deadlock\n"
    "or a fatal guest state), 130 interrupted.  (A guest's 2 is told from\n"
    "bad input by --json's stop_reason, guest-exit.)\n"
    "\n"
    "With --gdb the board starts paused and runs when a debugger continues\n"
    "(gdb-multiarch: target remote :PORT); one port per CPU, printed on stderr.\n"));
  if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    fprintf (stderr, "medley run: %s\n", error->message);
    return false;
  }
  if (argc != 2) {
    fprintf (stderr, "medley run: %s\n", argc < 2 ? _("which board? (medley run BOARD.dts)")
                                                  : _("give exactly one board file"));
    return false;
  }
  opts->limit_ps = 10 * MDL_PS_PER_S;
  if (opts->max_time && (strcmp (opts->max_time, "none") == 0 ||
                         strcmp (opts->max_time, "0") == 0)) {
    /* No limit: the guest's end, a stop or an interrupt ends the run. */
    opts->limit_ps = UINT64_MAX;
    g_clear_pointer (&opts->max_time, g_free);
  }
  if ((opts->max_time && !mdl_parse_time (opts->max_time, &opts->limit_ps, &error)) ||
      (opts->quantum && !mdl_parse_time (opts->quantum, &opts->quantum_ps, &error))) {
    fprintf (stderr, "medley run: %s\n", error->message);
    return false;
  }
  if (opts->tier_text && !mdl_tier_parse (opts->tier_text, &opts->tier)) {
    fprintf (stderr, "medley run: %s\n", _("--tier: expected interp or jit"));
    return false;
  }
  if (opts->speed_text && g_strcmp0 (opts->speed_text, "max") != 0) {
    char *end = NULL;

    opts->speed = g_ascii_strtod (opts->speed_text, &end);
    if (end == opts->speed_text || (*end != '\0' && g_strcmp0 (end, "x") != 0) ||
        !(opts->speed > 0) || opts->speed > 1e9) {
      fprintf (stderr, "medley run: %s\n",
               _("--speed: expected a factor above 0 (1 for real time) or max"));
      return false;
    }
  }
  if (opts->screenshot && !check_writable (opts->screenshot, &error)) {
    fprintf (stderr, "medley run: --screenshot %s\n", error->message);
    return false;
  }
  opts->board_path = g_strdup (argv[1]);
  return true;
}

/* --kernel, --initrd or --append: each "[NAME=]VALUE".  A command line
 * may hold '=' itself: the part before it names a cluster only when the
 * board has one of that name. */
static bool
apply_boot_options (MdlBoard *board, char **specs,
                    bool (*set) (MdlBoard *, const char *, const char *, GError **),
                    GError **error)
{
  for (unsigned i = 0; specs && specs[i]; i++) {
    const char *eq = strchr (specs[i], '=');
    g_autofree char *name = eq ? g_strndup (specs[i], eq - specs[i]) : NULL;

    if (name != NULL && mdl_board_find_cluster (board, name) == NULL &&
        (set == mdl_board_set_bootargs || g_file_test (specs[i], G_FILE_TEST_EXISTS)))
      g_clear_pointer (&name, g_free);
    if (!set (board, name, name ? eq + 1 : specs[i], error))
      return false;
  }
  return true;
}

/* The board of @opts with its firmware loaded and its breakpoints set;
 * NULL (with the message printed) when any of it fails. */
static MdlBoard *
load_board (const RunOptions *opts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoard) board = mdl_board_load (opts->board_path, mdl_app_board_dirs (), &error);
  bool ok = board != NULL;

  for (unsigned i = 0; ok && opts->firmware && opts->firmware[i]; i++) {
    const char *spec = opts->firmware[i];
    const char *eq = strchr (spec, '=');
    g_autofree char *name = eq ? g_strndup (spec, eq - spec) : NULL;

    ok = mdl_board_set_firmware (board, name, eq ? eq + 1 : spec, &error);
  }
  ok = ok && apply_boot_options (board, opts->kernel, mdl_board_set_kernel, &error);
  ok = ok && apply_boot_options (board, opts->initrd, mdl_board_set_initrd, &error);
  ok = ok && apply_boot_options (board, opts->append, mdl_board_set_bootargs, &error);
  ok = ok && mdl_board_load_firmware (board, &error);
  for (unsigned i = 0; ok && opts->breaks && opts->breaks[i]; i++)
    ok = set_breakpoint (board, opts->breaks[i], &error);
  if (!ok) {
    fprintf (stderr, "medley: %s\n", error->message);
    return NULL;
  }
  if (opts->quantum)
    mdl_machine_set_quantum (board->machine, opts->quantum_ps);
  if (opts->tier_text)
    mdl_machine_set_tier (board->machine, opts->tier);
  if (opts->stop_on != NULL)
    mdl_machine_set_stop_on_exception (board->machine,
                                       (const char *const *) opts->stop_on->pdata);
  return g_steal_pointer (&board);
}

/* Runs @m on this thread until the guest ends, something stops it or
 * @limit passes (MDL_STOP_NONE), its consoles on stdout and stdin fed to
 * its first UART unless @no_input. */
static MdlStopReason
run_headless (MdlMachine *m, uint64_t limit, bool no_input, double speed)
{
  MdlStopReason reason = MDL_STOP_NONE;
  uint64_t slice = 10 * MDL_PS_PER_MS, done = 0, anchor_done = 0;
  gint64 anchor = g_get_monotonic_time ();
  Consoles consoles;
  Input in;

  consoles_init (&consoles, m);
  mdl_machine_set_serial_out (m, serial_to_stdout, &consoles);
  running_machine = m;
  catch_stop_signals (on_signal);

  /* Run in slices so that stdin can reach the guest and output is flushed
   * while a long run goes on; a slice changes nothing the guest sees. */
  input_init (&in, m, !no_input);
  while (done < limit) {
    /* While input waits, hand it over about as fast as a 115200-baud line
     * would (a byte per ~87 us), not a FIFO-full per slice. */
    uint64_t step = MIN (in.backlog->len > 0 ? 100 * MDL_PS_PER_US : slice, limit - done);

    reason = mdl_machine_run (m, step);
    done += step;
    fflush (stdout);
    if (reason == MDL_STOP_DEADLOCK && (in.open || in.backlog->len > 0)) {
      /* The guest sleeps until input arrives, and only stdin can bring
       * it: wait for the user rather than give up. */
      g_autofree char *why = g_strdup (mdl_machine_stop_message (m));

      bool moved;

      mdl_machine_clear_stop (m);
      moved = input_deliver (&in);
      while (!moved && in.open) {
        input_read (&in, -1);
        moved = input_deliver (&in);
      }
      anchor = g_get_monotonic_time ();   /* waiting is not time to make up */
      anchor_done = done;
      if (moved)
        continue;
      mdl_machine_stop (m, MDL_STOP_DEADLOCK, 1, "%s (and stdin is closed)", why);
    }
    if (reason != MDL_STOP_NONE)
      break;
    if (speed > 0) {
      /* --speed only waits: virtual time never runs ahead of wall time
       * times the factor, and falling behind is not raced back. */
      gint64 due = anchor + (gint64) ((double) (done - anchor_done) / MDL_PS_PER_US / speed);
      gint64 now = g_get_monotonic_time ();

      if (now - due > 200 * G_TIME_SPAN_MILLISECOND) {
        anchor = now;
        anchor_done = done;
      } else if (due > now) {
        g_usleep (due - now);
      }
    }
    input_read (&in, 0);
    input_deliver (&in);
  }
  consoles_flush (&consoles);
  running_machine = NULL;
  /* The consoles end here; nothing runs the machine after this. */
  mdl_machine_set_serial_out (m, NULL, NULL);
  g_byte_array_unref (in.backlog);
  g_hash_table_unref (consoles.lines);
  return reason;
}

/* Says on stderr why the run ended, with the registers at a breakpoint;
 * returns the exit status.  A run that reached the time limit (@reason
 * MDL_STOP_NONE) becomes MDL_STOP_TIME_LIMIT. */
static int
report_stop (MdlBoard *board, MdlStopReason *reason, const char *max_time)
{
  MdlMachine *m = board->machine;

  switch (*reason) {
  case MDL_STOP_GUEST_EXIT: return report_guest_exit (mdl_machine_exit_code (m));
  case MDL_STOP_NONE:
    *reason = MDL_STOP_TIME_LIMIT;
    report_time_limit (max_time);
    return MDL_EXIT_TIME_LIMIT;
  case MDL_STOP_BREAKPOINT:
  case MDL_STOP_WATCHPOINT: {
    MdlCpu *cpu = mdl_machine_stop_cpu (m);
    g_autofree char *where = describe_address (board, cpu, mdl_cpu_pc (cpu));
    g_autofree char *line = source_line_of (board, cpu, mdl_cpu_pc (cpu));

    if (line != NULL) {
      char *both = g_strdup_printf ("%s, %s", where, line);
      g_free (where);
      where = both;
    }

    if (*reason == MDL_STOP_BREAKPOINT)
      fprintf (stderr, _("medley: CPU %s stopped at a breakpoint: %s\n"), cpu->name, where);
    else
      fprintf (stderr, "medley: %s; %s\n", mdl_machine_stop_message (m), where);
    print_source_state (board, cpu);
    print_registers (cpu);
    return 0;
  }
  case MDL_STOP_USER:
    fprintf (stderr, "medley: interrupted\n");
    return MDL_EXIT_INTERRUPTED;
  default:
    fprintf (stderr, "medley: %s\n", mdl_machine_stop_message (m));
    return MDL_EXIT_STOPPED;
  }
}

int
mdl_run_command (int argc, char **argv)
{
  g_auto(RunOptions) opts = { .gdb = g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoard) board = NULL;
  MdlStopReason reason;
  gint64 t0;
  int status;

  if (!parse_options (argc, argv, &opts) || (board = load_board (&opts)) == NULL)
    return MDL_EXIT_USAGE;
  if (opts.gdb->len > 0 || opts.gdb_host != NULL) {
    if (opts.gdb->len == 0)
      g_ptr_array_add (opts.gdb, g_strdup (""));
    return run_with_gdb (g_steal_pointer (&board), &opts);
  }

  t0 = g_get_monotonic_time ();
  reason = run_headless (board->machine, opts.limit_ps, opts.no_input, opts.speed);
  status = report_stop (board, &reason, opts.max_time);
  if (opts.screenshot && !mdl_app_save_screenshot (board->machine, opts.screenshot, &error)) {
    fprintf (stderr, "medley: %s\n", error->message);
    status = MDL_EXIT_USAGE;
  }
  if (opts.json)
    print_json (board->machine, reason,
                reason == MDL_STOP_GUEST_EXIT ? mdl_machine_exit_code (board->machine) : status,
                status, (g_get_monotonic_time () - t0) / 1e6);
  fflush (stdout);
  return status;
}
