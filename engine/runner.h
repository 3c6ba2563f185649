/* Run control: a machine on its own engine thread.
 *
 * The UI (and later the gdb stub) never touches machine state while it
 * runs.  It posts commands (run, pause, step, reset, serial input) that the
 * engine thread applies between slices of virtual time, and it reads
 * immutable snapshots that the engine publishes by swapping one pointer,
 * so readers never block the guest.  Serial output is buffered per UART
 * and drained by the reader.  A notify callback (called on the engine
 * thread, so it must only schedule work on the reader's side, e.g. with
 * g_main_context_invoke) says that a new snapshot or output is ready.
 *
 * Snapshots are published after every command, when the state changes,
 * and while running at most every ~30 ms of wall time.
 *
 * When every CPU of a running board sleeps with nothing scheduled (a
 * deadlock) and the board has a UART, the guest is most likely waiting for
 * a keystroke: the runner stays RUNNING, sets waiting_for_input in the
 * snapshot and sleeps until a command arrives; serial input resumes the
 * run.  Only a board without a UART goes to STOPPED on a deadlock.
 */
#pragma once

#include <glib.h>
#include <stdbool.h>

#include "board.h"
#include "cache-model.h"
#include "debuginfo.h"
#include "device-view.h"
#include "trace.h"

G_BEGIN_DECLS

typedef enum {
  MDL_RUNNER_PAUSED,    /* ready to run; also the state after reset */
  MDL_RUNNER_RUNNING,
  MDL_RUNNER_HALTED,    /* the guest reported an exit (code in the snapshot) */
  MDL_RUNNER_STOPPED,   /* deadlock or fatal error (message in the snapshot) */
} MdlRunnerState;

typedef struct {
  char          *name;
  const MdlCpuClass *cls;
  MdlCpuRunState state;
  uint64_t       pc;
  uint64_t       retired;
  uint64_t       time_ps;
  uint64_t      *regs;      /* cls->n_regs values, in cls->regs order */
  uint64_t      *regs_hi;   /* bits 127:64 of each (0 for registers of 64
                               bits or fewer), or NULL when the class has
                               no wider register (cls->reg_read_hi) */
  MdlCacheSnapshot *cache;  /* the cache model's sets and counts, or NULL
                               when the CPU has none */
} MdlCpuSnapshot;

/* Bytes of a memory window a view asked for (mdl_runner_watch_memory). */
typedef struct {
  guint     id;
  unsigned  cpu;
  uint64_t  addr;
  size_t    len;
  uint8_t  *bytes;
  uint8_t  *mapped;     /* per byte: 1 RAM/ROM, 0 unmapped or device */
} MdlMemSnapshot;

/* One disassembled instruction. */
typedef struct {
  uint64_t addr;
  unsigned len;
  uint32_t raw;
  char    *text;        /* "addi    a0, a0, 1" */
  char    *label;       /* the symbol starting here, or NULL */
  char    *summary;     /* one line on what it does (the class's insn_info),
                           or NULL */
} MdlDisasLine;

/* Instructions around an address a view asked for. */
typedef struct {
  guint         id;
  unsigned      cpu;
  unsigned      n_lines;
  MdlDisasLine *lines;
} MdlDisasSnapshot;

typedef struct {
  unsigned cpu;
  uint64_t addr;
} MdlBreakpoint;

typedef struct {
  unsigned cpu;
  uint64_t addr, size;
  bool     on_read, on_write;
} MdlWatchpoint;

/* What a device's snapshot_state hook copied (engine/device.h): LED and
 * pin levels, a frame's generation.  The layout is the device's own. */
typedef struct {
  size_t   len;         /* 0 for devices without the hook */
  uint8_t *state;
} MdlDeviceSnapshot;

typedef struct {
  gatomicrefcount ref;
  uint64_t        seq;          /* increases with every publication */
  MdlRunnerState  state;
  MdlStopReason   stop_reason;
  int             exit_code;
  char           *message;      /* why it halted or stopped, or "" */
  bool            waiting_for_input; /* RUNNING, but asleep until serial input */
  bool            history_start; /* the last reverse command found no earlier
                                    instant: the machine is at the start of
                                    its history (or keeps none) */
  double          speed;        /* the set speed (mdl_runner_set_speed); 0: max */
  double          measured_speed; /* virtual time per wall time lately; 0:
                                     not running or not measured yet */
  uint64_t        virtual_time_ps;
  unsigned        n_cpus;
  MdlCpuSnapshot *cpus;
  int             stop_cpu;     /* CPU of a breakpoint/watchpoint stop, or -1 */
  uint64_t        stop_addr;    /* its pc, or the watched address accessed */
  GArray         *breakpoints;  /* MdlBreakpoint */
  GArray         *watchpoints;  /* MdlWatchpoint */
  unsigned        n_mem;
  MdlMemSnapshot *mem;          /* the windows views asked for */
  unsigned        n_disas;
  MdlDisasSnapshot *disas;
  MdlInsnInfo    *insn;         /* per CPU: the instruction at its pc (len 0:
                                   unreadable or no insn_info) */
  unsigned        n_devices;
  MdlDeviceSnapshot *devices;   /* per device, in machine order */
} MdlSnapshot;

typedef struct MdlRunner MdlRunner;
typedef void (*MdlRunnerNotify) (void *data);
/* Work done on the engine thread, between slices (see mdl_runner_call). */
typedef void (*MdlRunnerFunc) (MdlRunner *runner, MdlMachine *machine, void *data);

/* Takes ownership of @board (firmware already loaded) and starts the engine
 * thread, paused. */
MdlRunner *mdl_runner_new  (MdlBoard *board, MdlRunnerNotify notify, void *data);
/* Stops the thread and frees the board. */
void       mdl_runner_free (MdlRunner *runner);

void mdl_runner_run   (MdlRunner *runner);
void mdl_runner_pause (MdlRunner *runner);
/* Run, step and pause do nothing once the guest has HALTED or STOPPED:
 * only reset brings it back. */

/* One instruction of CPU @cpu_index (pauses first when running). */
void mdl_runner_step  (MdlRunner *runner, unsigned cpu_index);
/* Back to the state right after loading: devices and CPUs reset, firmware
 * reloaded, paused. */
void mdl_runner_reset (MdlRunner *runner);
/* Bytes for the receive side of UART @uart (an index into mdl_runner_uarts). */
void mdl_runner_serial_input (MdlRunner *runner, unsigned uart,
                              const uint8_t *bytes, size_t len);

/* Pacing: at @factor > 0 the runner waits between slices so that virtual
 * time never runs ahead of wall time × @factor (1: real time); 0 runs as
 * fast as possible (the default).  Pacing only waits: the guest sees the
 * same trace at any speed.  When the host cannot keep up, the guest runs
 * slower, and pacing does not race to catch up. Any thread. */
void   mdl_runner_set_speed (MdlRunner *runner, double factor);
double mdl_runner_speed     (MdlRunner *runner);
/* 1 (real time) for a board with parts a person watches (a device with a
 * view: LEDs, 7-segment digits, a display), else 0 (as fast as possible). */
double mdl_runner_default_speed (MdlRunner *runner);

/* Stops (PAUSED, MDL_STOP_EXCEPTION, the message naming CPU, instruction,
 * address and cause) whenever a CPU takes an exception named in @causes
 * (see mdl_machine_set_stop_on_exception; NULL: none).  An exception
 * storm always stops so.  Waits for the engine thread (mdl_runner_call). */
void mdl_runner_set_stop_on_exception (MdlRunner *runner, const char *const *causes);

/* The UARTs of the board (devices with a serial_input hook), in board
 * order: names for the console tabs. Valid for the runner's lifetime. */
unsigned    mdl_runner_n_uarts   (MdlRunner *runner);
const char *mdl_runner_uart_name (MdlRunner *runner, unsigned uart);
/* Moves up to @max pending output bytes of UART @uart into @buf. */
size_t      mdl_runner_read_serial (MdlRunner *runner, unsigned uart,
                                    uint8_t *buf, size_t max);
/* Output bytes of UART @uart thrown away because nobody read them (each
 * UART keeps at most 1 MiB, dropping the oldest bytes). */
uint64_t    mdl_runner_serial_dropped (MdlRunner *runner, unsigned uart);

/* ---- debugging: applied between slices, from any thread ---- */

/* A breakpoint stops before the instruction (state PAUSED, stop_reason
 * MDL_STOP_BREAKPOINT); run or step resumes through it. */
void mdl_runner_set_breakpoint (MdlRunner *runner, unsigned cpu, uint64_t addr, bool enabled);
/* A watchpoint stops after the access (PAUSED, MDL_STOP_WATCHPOINT). */
void mdl_runner_set_watchpoint (MdlRunner *runner, unsigned cpu, uint64_t addr, uint64_t size,
                                bool on_read, bool on_write, bool enabled);
/* Runs until CPU @cpu reaches @addr (or anything else stops it). */
void mdl_runner_run_to   (MdlRunner *runner, unsigned cpu, uint64_t addr);
/* A call runs to its return; anything else is one step. */
void mdl_runner_step_over (MdlRunner *runner, unsigned cpu);
/* Runs until the current function returns (one level up). */
void mdl_runner_step_out (MdlRunner *runner, unsigned cpu);
/* By source line (engine/debuginfo.h): to the next line (@kind
 * MDL_STEP_LINE, through calls), into a call (MDL_STEP_INTO) or out of the
 * function (MDL_STEP_OUT), with the CPU's debug information; without it
 * an instruction, over a call, or out by calls and returns.  Runs (state
 * RUNNING) until the step arrives, then PAUSED; a breakpoint on the way
 * stops it there.  Other CPUs wait, as they do for a single step. */
void mdl_runner_step_line (MdlRunner *runner, unsigned cpu, MdlStepKind kind);
/* The debug information of CPU @cpu's firmware, read when first asked
 * for and kept for the runner's life; NULL when the firmware has none
 * (then *@error, if given, says why).  Its line table may be read on any
 * thread; unwind and read variables on the engine thread
 * (mdl_runner_call). */
MdlDebugInfo *mdl_runner_debuginfo (MdlRunner *runner, unsigned cpu, const char **error);
/* While paused (ignored otherwise): change a register or guest memory
 * (RAM/ROM only; decoded code is refreshed). */
void mdl_runner_write_register (MdlRunner *runner, unsigned cpu, unsigned reg, uint64_t value);
/* The same for a register wider than 64 bits: bits 63:0 and 127:64. */
void mdl_runner_write_register_wide (MdlRunner *runner, unsigned cpu, unsigned reg,
                                     uint64_t value, uint64_t value_hi);
void mdl_runner_write_memory   (MdlRunner *runner, unsigned cpu, uint64_t addr,
                                const uint8_t *bytes, size_t len);

/* ---- going back in time (engine/snapshot.h) ---- */

/* Keeps an execution history (a state every @interval_ps, at most
 * @max_bytes; 0: the defaults) or drops it; applied between slices,
 * without pausing.  Off until asked for: a state costs a pass over RAM. */
void mdl_runner_set_history (MdlRunner *runner, bool enabled, uint64_t interval_ps,
                             size_t max_bytes);
/* One instruction of CPU @cpu back (pauses first): PAUSED there.  With
 * nothing earlier, PAUSED where it was, with history_start and a message. */
void mdl_runner_reverse_step (MdlRunner *runner, unsigned cpu);
/* Back by source line (the reverse of MDL_STEP_LINE, calls stepped over)
 * with the CPU's debug information, else one instruction; PAUSED there,
 * or with history_start and a message when nothing earlier is one. */
void mdl_runner_reverse_step_line (MdlRunner *runner, unsigned cpu);
/* Back to the last breakpoint or watchpoint hit: PAUSED with its stop
 * reason, CPU and address; with none, at the history's start
 * (history_start). */
void mdl_runner_reverse_continue (MdlRunner *runner);
/* A save point: the whole machine kept under @name (between slices,
 * without pausing), and back to it (paused; a message when there is no
 * such point). */
void mdl_runner_save_point    (MdlRunner *runner, const char *name);
void mdl_runner_restore_point (MdlRunner *runner, const char *name);

/* Views ask for what they show; every later snapshot carries it, taken at
 * a slice boundary.  Ids are > 0.  A disassembly window with @follow_pc
 * is centred on the CPU's pc (then @addr is ignored). */
guint mdl_runner_watch_memory (MdlRunner *runner, unsigned cpu, uint64_t addr, size_t len);
guint mdl_runner_watch_disassembly (MdlRunner *runner, unsigned cpu, bool follow_pc,
                                    uint64_t addr, unsigned lines_before,
                                    unsigned lines_after);
void  mdl_runner_unwatch (MdlRunner *runner, guint id);

/* More readers besides the one given to mdl_runner_new (a gdb stub next
 * to the window): each is called, on the engine thread, after every
 * publication.  Removing one waits until no call to it is running. */
guint mdl_runner_add_listener    (MdlRunner *runner, MdlRunnerNotify func, void *data);
void  mdl_runner_remove_listener (MdlRunner *runner, guint id);

/* Runs @func on the engine thread between slices (while running, after
 * the current slice) and waits for it: how the gdb stub reads and writes
 * registers and memory consistently.  @func must not block; it may use
 * the machine freely.  Not from the engine thread or the notify callback. */
void mdl_runner_call (MdlRunner *runner, MdlRunnerFunc func, void *data);

/* ---- devices the window shows and drives (engine/device-view.h) ----
 * Each waits for the engine thread (mdl_runner_call): not from the engine
 * thread or the notify callback. */

/* The machine's device number (its index in MdlSnapshot.devices) of the
 * @nth device whose class has view kind @view and, unless @name is NULL,
 * whose name is @name; -1 when there is none.  Look it up once per
 * runner, not per frame. */
int  mdl_runner_find_device (MdlRunner *runner, MdlViewKind view, const char *name,
                             unsigned nth);
/* Drives input pin @pin of device @device (a MDL_VIEW_PINS device) to
 * @level between slices.  False when it has no such pin. */
bool mdl_runner_set_device_pin (MdlRunner *runner, unsigned device, unsigned pin,
                                bool level);
/* Renders the frame of device @device (a MDL_VIEW_DISPLAY device) between
 * slices, as its class's render_frame does: false when the frame is not
 * newer than *generation_inout, or the device shows none. */
bool mdl_runner_render_device (MdlRunner *runner, unsigned device,
                               uint64_t *generation_inout,
                               unsigned scale_w, unsigned scale_h,
                               uint32_t **pixels, unsigned *out_w, unsigned *out_h);

/* Trace records (engine/trace.h) published so far with seq >= @from are
 * appended to @out (MdlTraceRecord); returns the seq to ask from next. */
uint64_t mdl_runner_read_trace (MdlRunner *runner, uint64_t from, GArray *out);

/* The symbols of CPU @cpu's firmware, fixed for the runner's life (a copy:
 * reset reloads the firmware). NULL without firmware symbols. */
const MdlElfImage *mdl_runner_symbols (MdlRunner *runner, unsigned cpu);

/* The latest snapshot (a new reference; never NULL after mdl_runner_new). */
MdlSnapshot *mdl_runner_snapshot (MdlRunner *runner);
MdlSnapshot *mdl_snapshot_ref    (MdlSnapshot *snap);
void         mdl_snapshot_unref  (MdlSnapshot *snap);

const char *mdl_runner_state_name (MdlRunnerState state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdlSnapshot, mdl_snapshot_unref)

G_END_DECLS
