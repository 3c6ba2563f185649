/* The machine: everything of one running board, and its virtual clock.
 *
 * Virtual time is counted in picoseconds.  Each CPU has a period (from its
 * clock frequency) and a local time; the scheduler runs CPUs round-robin,
 * in board order, in quanta, and fires device events from one time-ordered
 * queue (ties broken by insertion order) as the running CPU's time passes
 * them.  Nothing depends on wall-clock time or host threads, so the same
 * board, firmware and inputs give the same trace every run.
 */
#pragma once

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"
#include "memory.h"

G_BEGIN_DECLS

typedef struct MdlDevice MdlDevice;
/* The byte stream of saved states (engine/snapshot.h). */
typedef struct MdlStateWriter MdlStateWriter;
typedef struct MdlStateReader MdlStateReader;

#define MDL_PS_PER_NS  UINT64_C (1000)
#define MDL_PS_PER_US  UINT64_C (1000000)
#define MDL_PS_PER_MS  UINT64_C (1000000000)
#define MDL_PS_PER_S   UINT64_C (1000000000000)
#define MDL_TIME_NEVER UINT64_MAX

/* ---- events ------------------------------------------------------------ */

typedef void (*MdlEventFunc) (void *opaque, uint64_t now_ps);

/* Embedded in its owner (a device); the queue never allocates. */
typedef struct {
  MdlEventFunc fn;
  void        *opaque;
  uint64_t     when_ps;
  uint64_t     seq;        /* insertion order, breaks ties */
  int          heap_index; /* -1 when not scheduled */
  MdlCpu      *cpu;        /* the CPU whose own event it is, or NULL */
} MdlEvent;

void mdl_event_init     (MdlEvent *event, MdlEventFunc fn, void *opaque);
/* An event of @cpu's own (a core's private timer, such as SysTick): its
 * callback changes nothing but @cpu's state, which only @cpu reads while
 * it runs.  So while @cpu runs, the event does not end its run() at the
 * instant it falls due: the CPU fires it itself at that instant
 * (mdl_cpu_fire_own, engine/cpu.h) and goes on.  Everything else (a
 * waiting CPU woken, another CPU's run, the order of equal times) is as
 * for any event.  Only for a class whose run() and run_translated honour
 * cpu->own_budget. */
void mdl_event_init_own (MdlEvent *event, MdlEventFunc fn, void *opaque, MdlCpu *cpu);
/* (Re)schedules @event at absolute time @when_ps (clamped to now). */
void mdl_event_schedule (MdlMachine *m, MdlEvent *event, uint64_t when_ps);
void mdl_event_cancel   (MdlMachine *m, MdlEvent *event);
bool mdl_event_pending  (const MdlEvent *event);

/* ---- interrupt lines ----------------------------------------------------- */

/* A level signal from one output to one input (a CPU line or a device's
 * interrupt input).  Setting the same level twice is a no-op. */
typedef struct MdlIrqLine MdlIrqLine;

MdlIrqLine *mdl_irq_line_to_cpu    (MdlMachine *m, MdlCpu *cpu, unsigned line);
MdlIrqLine *mdl_irq_line_to_device (MdlMachine *m, MdlDevice *dev, unsigned line);
void        mdl_irq_set            (MdlIrqLine *line, bool level);
bool        mdl_irq_level          (const MdlIrqLine *line);

/* ---- why a run stopped -------------------------------------------------- */

typedef enum {
  MDL_STOP_NONE,
  MDL_STOP_GUEST_EXIT,   /* the guest wrote the test/exit device */
  MDL_STOP_TIME_LIMIT,   /* --max-time reached */
  MDL_STOP_DEADLOCK,     /* every CPU waits and no event is pending */
  MDL_STOP_FATAL,        /* a CPU or device reported an unrecoverable state */
  MDL_STOP_USER,         /* pause, Ctrl-C */
  MDL_STOP_BREAKPOINT,   /* a CPU reached a breakpoint (not executed) */
  MDL_STOP_WATCHPOINT,   /* a CPU accessed a watched range (access done) */
  MDL_STOP_EXCEPTION,    /* an exception storm, or an exception the
                            user asked to stop on (resumable) */
  MDL_STOP_RESET,        /* the guest asked for a reset: with a reset
                            handler the run goes on after it, unseen */
  MDL_STOP_POSITION,     /* re-execution reached the instant it was
                            asked for (engine/snapshot.c; never seen
                            outside it) */
} MdlStopReason;

const char *mdl_stop_reason_name (MdlStopReason reason);

/* ---- the machine ------------------------------------------------------- */

typedef void (*MdlSerialOutFunc) (MdlDevice *uart, const uint8_t *bytes,
                                  size_t len, void *data);

MdlMachine *mdl_machine_new  (void);
void        mdl_machine_free (MdlMachine *m);

/* Building (used by the board loader and tests). */
MdlAddressSpace *mdl_machine_add_address_space (MdlMachine *m, const char *name);
/* Address spaces in creation order.  The board loader's first one is the
 * system bus: what bus masters (a display engine fetching pixels) see. */
unsigned         mdl_machine_n_address_spaces (const MdlMachine *m);
MdlAddressSpace *mdl_machine_address_space    (const MdlMachine *m, unsigned i);
MdlCpu *mdl_machine_add_cpu (MdlMachine *m, const MdlCpuClass *cls,
                             const char *name, MdlAddressSpace *as,
                             uint64_t hartid, uint64_t freq_hz,
                             GError **error);
void    mdl_machine_add_device (MdlMachine *m, MdlDevice *dev);

unsigned    mdl_machine_n_cpus    (const MdlMachine *m);
MdlCpu     *mdl_machine_cpu       (const MdlMachine *m, unsigned i);
MdlCpu     *mdl_machine_find_cpu  (const MdlMachine *m, const char *name);
unsigned    mdl_machine_n_devices (const MdlMachine *m);
MdlDevice  *mdl_machine_device    (const MdlMachine *m, unsigned i);

/* The scheduler's quantum, in picoseconds (default 1 µs). */
void     mdl_machine_set_quantum (MdlMachine *m, uint64_t quantum_ps);

/* How CPUs execute: the interpreter, or translated host code where the
 * CPU's class has a translator and the host runs it (else interpreted
 * anyway).  Both give the same instructions, times and traces; the
 * default is the build's (meson option default_tier). */
typedef enum {
  MDL_TIER_INTERPRET,
  MDL_TIER_TRANSLATE,
} MdlTier;
void     mdl_machine_set_tier (MdlMachine *m, MdlTier tier);
MdlTier  mdl_machine_tier     (const MdlMachine *m);
/* Code memory of each CPU's translation cache, in bytes (0: the
 * default); a cache that fills up is flushed and filled again.  Takes
 * effect for caches made after the call. */
void     mdl_machine_set_jit_cache_size (MdlMachine *m, size_t bytes);
size_t   mdl_machine_jit_cache_size     (const MdlMachine *m);
/* Parses "interp" or "jit" (what --tier takes). */
bool     mdl_tier_parse (const char *text, MdlTier *tier);

/* Resets devices, then CPUs (each at its firmware entry). */
void     mdl_machine_reset (MdlMachine *m);

/* What a guest-requested reset (a stop with MDL_STOP_RESET) does besides
 * resetting devices and CPUs: the board loader reloads the images, as a
 * real board's boot ROM would find them again.  With a handler the
 * machine resets itself at the end of the quantum and run() or step()
 * carries on, virtual time going on from where it was; without one they
 * return MDL_STOP_RESET.  A handler that fails (false, @error set) stops
 * the machine with MDL_STOP_FATAL. */
typedef bool (*MdlResetFunc) (MdlMachine *m, void *data, GError **error);
void     mdl_machine_set_reset_handler (MdlMachine *m, MdlResetFunc fn, void *data);
/* Sets the address where @cpu starts after reset. */
void     mdl_machine_set_entry (MdlMachine *m, MdlCpu *cpu, uint64_t entry);

/* Runs until @limit_ps of virtual time have passed or the machine stops;
 * returns the stop reason (MDL_STOP_NONE when the limit was reached
 * without a stop being requested, which lets callers run in slices). */
MdlStopReason mdl_machine_run (MdlMachine *m, uint64_t limit_ps);

/* Runs exactly one instruction of @cpu (a waiting CPU instead sleeps until
 * the next event), firing the events that become due; for single-step. */
MdlStopReason mdl_machine_step (MdlMachine *m, MdlCpu *cpu);

/* The current virtual time as seen by whoever is running: the running
 * CPU's local time, the firing event's time, or the machine's time. */
uint64_t mdl_machine_now (const MdlMachine *m);
/* The CPU executing right now (NULL while events fire). */
MdlCpu  *mdl_machine_current_cpu (const MdlMachine *m);

/* Requests a stop; the first request wins.  Safe from devices, CPUs and
 * (for MDL_STOP_USER only) other threads and signal handlers. */
void mdl_machine_stop (MdlMachine *m, MdlStopReason reason, int exit_code,
                       const char *fmt, ...) G_GNUC_PRINTF (4, 5);
void mdl_machine_request_user_stop (MdlMachine *m);
MdlStopReason mdl_machine_stop_reason  (const MdlMachine *m);
int           mdl_machine_exit_code    (const MdlMachine *m);
const char   *mdl_machine_stop_message (const MdlMachine *m);
/* Clears a stop so the machine can run again (after pause).  A CPU
 * stopped at a breakpoint passes it once when it resumes. */
void mdl_machine_clear_stop (MdlMachine *m);
/* The CPU and address of the last breakpoint or watchpoint stop. */
MdlCpu  *mdl_machine_stop_cpu  (const MdlMachine *m);
uint64_t mdl_machine_stop_addr (const MdlMachine *m);

/* Watches [addr, addr + size) in @as for reads and/or writes by CPUs: the
 * access completes, then the machine stops with MDL_STOP_WATCHPOINT. */
void mdl_machine_watch   (MdlMachine *m, MdlAddressSpace *as, uint64_t addr,
                          uint64_t size, bool on_read, bool on_write);
void mdl_machine_unwatch (MdlMachine *m, MdlAddressSpace *as, uint64_t addr,
                          uint64_t size);

/* Serial output from every UART goes to one sink (the runner or UI).
 * @uart is NULL for a CPU's semihosting output: the CPU is then
 * mdl_machine_current_cpu(). */
/* Guest trouble.  A storm, the same fault at the same pc and address
 * @storm times in a row with little else in between, stops the machine
 * (MDL_STOP_EXCEPTION) with one message naming the CPU, the instruction,
 * the address and the cause; 0 turns it off (the default is on, 1000).
 * Besides, an exception whose name (mdl_cpu_report_exception) is one of
 * @causes, compared case-insensitively, stops at once; "all" matches any;
 * NULL or empty: none.  Where it stopped: mdl_machine_stop_cpu/_addr. */
void mdl_machine_set_exception_storm   (MdlMachine *m, unsigned storm);
void mdl_machine_set_stop_on_exception (MdlMachine *m, const char *const *causes);

void mdl_machine_set_serial_out (MdlMachine *m, MdlSerialOutFunc fn, void *data);
void mdl_machine_serial_out (MdlMachine *m, MdlDevice *uart,
                             const uint8_t *bytes, size_t len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdlMachine, mdl_machine_free)

G_END_DECLS
