/* What the two halves of the runner share, and nothing else uses.
 *
 * runner.c has the engine thread, the command queue, snapshots, serial
 * buffers and the commands that go forward (run, step, breakpoints...);
 * runner-history.c has the commands that go back in time: the history,
 * save points, reverse step, reverse step by line and reverse continue.
 * Both work on the one MdlRunner, on the engine thread but for posting.
 */
#pragma once

#include "runner.h"

G_BEGIN_DECLS

typedef enum {
  CMD_RUN,
  CMD_PAUSE,
  CMD_STEP,
  CMD_RESET,
  CMD_SERIAL,
  CMD_QUIT,
  CMD_BREAKPOINT,
  CMD_WATCHPOINT,
  CMD_RUN_TO,
  CMD_STEP_OVER,
  CMD_STEP_OUT,
  CMD_STEP_LINE,
  CMD_WRITE_REG,
  CMD_WRITE_MEM,
  CMD_WATCH_MEM,
  CMD_WATCH_DISAS,
  CMD_UNWATCH,
  CMD_CALL,
  CMD_REVERSE_STEP,
  CMD_REVERSE_STEP_LINE,
  CMD_REVERSE_CONTINUE,
  CMD_SAVE_POINT,
  CMD_RESTORE_POINT,
  CMD_HISTORY,
} CommandKind;

typedef struct {
  CommandKind kind;
  unsigned    index;      /* CPU, or UART for serial input */
  unsigned    reg;        /* register; lines before (disassembly) */
  unsigned    count;      /* lines after (disassembly) */
  uint64_t    addr, size, value;
  uint64_t    value_hi;   /* bits 127:64 of a wide register, if wide */
  bool        enabled, on_read, on_write, wide;
  guint       id;         /* view requests */
  MdlRunnerFunc func;     /* CMD_CALL, with data and a completion flag */
  void       *data;
  gint       *done;
  size_t      len;
  uint8_t     bytes[];    /* serial input or memory, copied from the caller */
} Command;

typedef struct SerialBuffer SerialBuffer;   /* one UART's buffers (runner.c) */

struct MdlRunner {
  MdlBoard        *board;
  MdlMachine      *machine;
  MdlRunnerNotify  notify;
  void            *notify_data;
  GMutex           listeners_lock;
  GArray          *listeners;      /* Listener: more readers (gdb stubs) */
  guint            next_listener;
  GThread         *thread;

  /* The command queue.  `kick` (under the lock) says the engine is in, or
   * about to enter, a slice: only then does a posting thread interrupt the
   * machine, and it does so under the lock, so every user stop request has
   * its command in the queue and is cleared when that command is taken. */
  GMutex  lock;
  GCond   cond;
  GCond   call_cond;     /* mdl_runner_call completions */
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
  bool           history_start; /* a reverse command found nothing earlier */
  MdlStopReason  stop_reason;
  int            exit_code;
  char          *message;
  uint64_t       seq;
  gint64         last_publish;
  /* Pacing: virtual time may not run ahead of the wall time since the
   * anchor times the speed (0: as fast as possible; under `lock`). */
  double         speed;
  double         pace_speed;    /* the speed the anchor was taken at */
  bool           pace_anchored;
  gint64         pace_wall;
  uint64_t       pace_vt;
  gint64         measure_wall;  /* since when measured_speed is averaged */
  uint64_t       measure_vt;
  double         measured_speed;
  bool           dirty;       /* the machine moved since the last snapshot */
  bool           input_pending;
  bool           fresh_output; /* console bytes since the last snapshot */
  int            stop_cpu;
  uint64_t       stop_addr;
  GArray        *breakpoints; /* MdlBreakpoint, as the user set them */
  GArray        *watchpoints; /* MdlWatchpoint */
  GArray        *views;       /* ViewRequest */
  bool           temp_bp;     /* run-to / step-over breakpoint in place */
  unsigned       temp_cpu;
  uint64_t       temp_addr;
  bool           stepping_out;
  unsigned       out_cpu;
  int            out_depth;
  uint64_t       out_steps;
  bool           stepping_line; /* a step by source line in progress */
  MdlLineStep    line_step;
  uint64_t       trace_from;  /* next machine trace record to copy */

  /* Trace records copied out of the machine at each publication. */
  GMutex         trace_lock;
  GArray        *trace;       /* MdlTraceRecord, oldest first */

  /* Firmware symbols per CPU, fixed for the runner's life. */
  MdlElfImage  **symbols;
  unsigned       n_symbols;
  /* Debug information per CPU, read when first asked for (under
   * debuginfo_lock), with why it could not be; the harts of a cluster
   * share their firmware's (debuginfo_owner: the CPU that frees it). */
  GMutex         debuginfo_lock;
  MdlDebugInfo **debuginfo;
  char         **debuginfo_error;
  bool          *debuginfo_owner;
  gint           next_view_id;
};

/* Queues @cmd for the engine thread (taking it over) and wakes it. */
void     _mdl_runner_post (MdlRunner *r, Command *cmd);
/* A command with @len bytes of payload copied from @bytes. */
Command *_mdl_runner_command_new (CommandKind kind, unsigned index, const uint8_t *bytes,
                                  size_t len);

/* Engine thread only. */
void     _mdl_runner_set_stop_info (MdlRunner *r, MdlRunnerState state, MdlStopReason reason,
                                    int exit_code, const char *message);
/* Turns what mdl_machine_run/step returned into a runner state. */
void     _mdl_runner_handle_stop (MdlRunner *r, MdlStopReason reason);
bool     _mdl_runner_guest_ended (MdlRunner *r);
/* Removes the breakpoint of run-to or step-over, if one is in place. */
void     _mdl_runner_drop_temp_breakpoint (MdlRunner *r);
/* Applies CMD_HISTORY, CMD_SAVE_POINT, CMD_RESTORE_POINT and the
 * reverse commands (runner-history.c). */
void     _mdl_runner_apply_time (MdlRunner *r, const Command *cmd);

G_END_DECLS
