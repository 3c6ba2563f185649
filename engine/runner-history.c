/* The runner's commands that go back in time (runner-private.h): the
 * history, save points, reverse step, reverse step by source line and
 * reverse continue.  They are posted like any other command and applied
 * on the engine thread by _mdl_runner_apply_time, on top of the
 * machine's history (engine/snapshot.h). */
#define G_LOG_DOMAIN "mdl-runner"

#include "runner-private.h"

#include "snapshot.h"

#include <string.h>

/* ---- commands ------------------------------------------------------------ */

void
mdl_runner_set_history (MdlRunner *runner, bool enabled, uint64_t interval_ps, size_t max_bytes)
{
  Command *cmd = _mdl_runner_command_new (CMD_HISTORY, 0, NULL, 0);

  cmd->enabled = enabled;
  cmd->value = interval_ps;
  cmd->size = max_bytes;
  _mdl_runner_post (runner, cmd);
}

void
mdl_runner_reverse_step (MdlRunner *runner, unsigned cpu)
{
  _mdl_runner_post (runner, _mdl_runner_command_new (CMD_REVERSE_STEP, cpu, NULL, 0));
}

void
mdl_runner_reverse_step_line (MdlRunner *runner, unsigned cpu)
{
  _mdl_runner_post (runner, _mdl_runner_command_new (CMD_REVERSE_STEP_LINE, cpu, NULL, 0));
}

void
mdl_runner_reverse_continue (MdlRunner *runner)
{
  _mdl_runner_post (runner, _mdl_runner_command_new (CMD_REVERSE_CONTINUE, 0, NULL, 0));
}

/* A save point's command, its name the payload. */
static void
post_named (MdlRunner *runner, CommandKind kind, const char *name)
{
  _mdl_runner_post (runner, _mdl_runner_command_new (kind, 0, (const uint8_t *) name,
                                                     strlen (name)));
}

void
mdl_runner_save_point (MdlRunner *runner, const char *name)
{
  post_named (runner, CMD_SAVE_POINT, name);
}

void
mdl_runner_restore_point (MdlRunner *runner, const char *name)
{
  post_named (runner, CMD_RESTORE_POINT, name);
}

/* ---- on the engine thread ----------------------------------------------- */

/* A reverse step by source line stops at the latest earlier instant at
 * which the CPU entered another line of the function it is in (from the
 * middle of a line: that line too), or a line of one of its callers, as
 * a breakpoint on that line would have stopped it; calls made on the way
 * are stepped over, as a forward step by line runs through them.  Which
 * activation an instant belongs to is told by the function and the stack
 * pointer: the same function with a lower stack pointer is a deeper
 * (recursive) call (stacks grow down on every class with DWARF register
 * numbers). */
typedef struct {
  MdlDebugInfo *di;
  const char   *file;
  unsigned      line;
  bool          mid_line;
  int           sp_reg;      /* the class's register index, or -1 */
  uint64_t      sp;
  uint64_t      func;        /* the first address of the function now */
  GArray       *callers;     /* uint64_t: the callers' first addresses */
  GHashTable   *entries;     /* "file:line" -> GArray of its entry addresses */
} LineBack;

static int
sp_register (const MdlCpuClass *cls)
{
  if (cls->dwarf_regmap == NULL || cls->dwarf_sp < 0 || (unsigned) cls->dwarf_sp >= cls->dwarf_n_regs)
    return -1;
  return cls->dwarf_regmap[cls->dwarf_sp];
}

/* Whether @pc is where code of its line @file:@line begins (a breakpoint
 * on the line would be set there). */
static bool
line_entry (LineBack *lb, uint64_t pc, const char *file, unsigned line)
{
  g_autofree char *key = g_strdup_printf ("%p:%u", (const void *) file, line);
  GArray *addrs = g_hash_table_lookup (lb->entries, key);

  if (addrs == NULL) {
    addrs = mdl_debuginfo_line_addresses (lb->di, file, line, NULL);
    g_hash_table_insert (lb->entries, g_steal_pointer (&key), addrs);
  }
  for (guint i = 0; i < addrs->len; i++)
    if (g_array_index (addrs, uint64_t, i) == pc)
      return true;
  return false;
}

static bool
line_back_stop (MdlMachine *m, MdlCpu *cpu, void *data)
{
  LineBack *lb = data;
  uint64_t pc = mdl_cpu_pc (cpu), func = 0, sp;
  const char *file;
  unsigned line;
  bool start;

  if (!mdl_debuginfo_line_at (lb->di, pc, &file, &line, NULL, NULL, &start) || !start ||
      !line_entry (lb, pc, file, line))
    return false;
  /* Code without a function (assembly) counts as one function. */
  mdl_debuginfo_function_at (lb->di, pc, &func);
  sp = lb->sp_reg >= 0 ? cpu->cls->reg_read (cpu, (unsigned) lb->sp_reg) : lb->sp;
  if (func == lb->func && sp == lb->sp)
    return lb->mid_line || line != lb->line || file != lb->file;
  if (sp < lb->sp)
    return false;   /* a call made from the line, or deeper */
  if (func == lb->func)
    return true;    /* its entry, before the prologue moved the stack */
  for (guint i = 0; i < lb->callers->len; i++)
    if (g_array_index (lb->callers, uint64_t, i) == func)
      return true;
  return false;
}

static bool
reverse_step_line (MdlRunner *r, unsigned index, MdlCpu *cpu, GError **error)
{
  MdlDebugInfo *di = mdl_runner_debuginfo (r, index, NULL);
  uint64_t pc = mdl_cpu_pc (cpu);
  g_autoptr(GArray) frames = NULL;
  LineBack lb = { di, NULL, 0, false, sp_register (cpu->cls), 0, 0, NULL, NULL };
  bool ok;

  if (di == NULL || !mdl_debuginfo_line_at (di, pc, &lb.file, &lb.line, NULL, NULL, NULL))
    return mdl_machine_reverse_step (r->machine, cpu, error);
  mdl_debuginfo_function_at (di, pc, &lb.func);
  if (lb.sp_reg >= 0)
    lb.sp = cpu->cls->reg_read (cpu, (unsigned) lb.sp_reg);
  lb.callers = g_array_new (FALSE, FALSE, sizeof (uint64_t));
  lb.entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_array_unref);
  lb.mid_line = !line_entry (&lb, pc, lb.file, lb.line);
  frames = mdl_debuginfo_backtrace (di, cpu, 64);
  for (guint i = 1; i < frames->len; i++) {
    uint64_t low = 0;

    if (mdl_debuginfo_function_at (di, g_array_index (frames, MdlDebugFrame, i).pc - 1, &low))
      g_array_append_val (lb.callers, low);
  }
  ok = mdl_machine_reverse_step_until (r->machine, cpu, line_back_stop, &lb, error);
  g_array_unref (lb.callers);
  g_hash_table_unref (lb.entries);
  return ok;
}

/* A machine put back at an earlier instant resumes from it as from a
 * stop: a breakpoint where a CPU stands lets it through once, or Run
 * after Step Back onto a breakpoint's line would stop at once. */
static void
pass_breakpoints_here (MdlMachine *m)
{
  for (unsigned i = 0; i < mdl_machine_n_cpus (m); i++) {
    MdlCpu *cpu = mdl_machine_cpu (m, i);

    cpu->bp_pass = true;
    cpu->bp_pass_pc = mdl_cpu_pc (cpu);
  }
}

/* Landed at an earlier instant: paused there, as after a stop. */
static void
went_back (MdlRunner *r, const char *message)
{
  _mdl_runner_set_stop_info (r, MDL_RUNNER_PAUSED, MDL_STOP_NONE, 0, message);
  pass_breakpoints_here (r->machine);
}

/* Nothing earlier: where it is, at the start of what is known. */
static void
found_nothing (MdlRunner *r, const GError *error, const char *otherwise)
{
  _mdl_runner_set_stop_info (r, _mdl_runner_guest_ended (r) ? r->state : MDL_RUNNER_PAUSED,
                             MDL_STOP_USER, 0, error != NULL ? error->message : otherwise);
  r->history_start = true;
}

/* Going back in time and save points (engine/snapshot.h).  Whatever the
 * guest was doing, the machine is then paused at an earlier instant (a
 * halted guest too: it has not halted yet there). */
void
_mdl_runner_apply_time (MdlRunner *r, const Command *cmd)
{
  MdlMachine *m = r->machine;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strndup ((const char *) cmd->bytes, cmd->len);
  MdlCpu *cpu = mdl_machine_cpu (m, cmd->index);

  r->stepping_out = false;
  r->stepping_line = false;
  r->waiting_for_input = false;
  r->history_start = false;
  _mdl_runner_drop_temp_breakpoint (r);
  switch (cmd->kind) {
  case CMD_HISTORY:
    if (cmd->enabled && !mdl_machine_history_enabled (m))
      mdl_machine_enable_history (m, cmd->value, (size_t) cmd->size);
    else if (!cmd->enabled)
      mdl_machine_disable_history (m);
    return;
  case CMD_SAVE_POINT:
    mdl_machine_save_point (m, name);
    return;
  case CMD_RESTORE_POINT:
    if (mdl_machine_restore_point (m, name, &error))
      went_back (r, NULL);
    else
      _mdl_runner_set_stop_info (r, r->state == MDL_RUNNER_RUNNING ? MDL_RUNNER_PAUSED : r->state,
                                 MDL_STOP_USER, 0, error->message);
    return;
  case CMD_REVERSE_STEP:
  case CMD_REVERSE_STEP_LINE:
    if (cpu != NULL && (cmd->kind == CMD_REVERSE_STEP
                        ? mdl_machine_reverse_step (m, cpu, &error)
                        : reverse_step_line (r, cmd->index, cpu, &error)))
      went_back (r, NULL);
    else
      found_nothing (r, error, "no such CPU");
    return;
  case CMD_REVERSE_CONTINUE: {
    MdlStopReason reason = mdl_machine_reverse_continue (m, &error);

    if (reason == MDL_STOP_BREAKPOINT || reason == MDL_STOP_WATCHPOINT)
      _mdl_runner_handle_stop (r, reason);
    else if (reason == MDL_STOP_NONE) {
      went_back (r, "reached the start of the execution history");
      r->history_start = true;
    } else
      found_nothing (r, error, "");
    return;
  }
  default:
    return;
  }
}
