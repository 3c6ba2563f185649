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
} MdlCpuSnapshot;

typedef struct {
  gatomicrefcount ref;
  uint64_t        seq;          /* increases with every publication */
  MdlRunnerState  state;
  MdlStopReason   stop_reason;
  int             exit_code;
  char           *message;      /* why it halted or stopped, or "" */
  bool            waiting_for_input; /* RUNNING, but asleep until serial input */
  uint64_t        virtual_time_ps;
  unsigned        n_cpus;
  MdlCpuSnapshot *cpus;
} MdlSnapshot;

typedef struct MdlRunner MdlRunner;
typedef void (*MdlRunnerNotify) (void *data);

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

/* The latest snapshot (a new reference; never NULL after mdl_runner_new). */
MdlSnapshot *mdl_runner_snapshot (MdlRunner *runner);
MdlSnapshot *mdl_snapshot_ref    (MdlSnapshot *snap);
void         mdl_snapshot_unref  (MdlSnapshot *snap);

const char *mdl_runner_state_name (MdlRunnerState state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdlSnapshot, mdl_snapshot_unref)

G_END_DECLS
