/* Machine state: saving and restoring a whole running board, and going
 * back in time on it.
 *
 * A saved state (MdlMachineState) holds everything the guest can observe
 * and everything that decides what it does next: every CPU's
 * architectural state (its class's save/restore hooks), every device's
 * (its class's hooks), the contents of RAM and ROM, the levels of the
 * interrupt lines, the event queue and the virtual clock.  It lives in
 * memory only and belongs to the machine it was taken from: events are
 * kept by address, and a state restored onto another machine is refused.
 * RAM is kept in pages shared with the state taken before it, so a state
 * costs what changed since.
 *
 * Classes write their part into a plain byte stream (MdlStateWriter) and
 * read it back (MdlStateReader), each part framed with a length and the
 * class's name, so a truncated or foreign part is an error, never a
 * crash.  A class whose state is one plain struct (no pointers it
 * reallocates) uses mdl_device_save_plain/_restore_plain.
 *
 * Built on that, a machine can keep a history (mdl_machine_enable_history):
 * a state every interval of virtual time, and between two states the list
 * of what ran (each mdl_machine_run and mdl_machine_step call), so that
 * any earlier instant is a restore plus a deterministic re-execution.
 * Reverse step and reverse continue work so, across every CPU of the
 * board.  Anything that changes the machine from outside (a debugger's
 * register or memory write, serial input, a reset) must call
 * mdl_machine_history_mark, so that the history takes a state after it.
 * Named save points (mdl_machine_save_point) are states kept by name.
 *
 * Not part of a state: breakpoints, watchpoints and stop requests (the
 * debugger's, not the guest's), the trace ring and console output
 * already handed to the host (re-execution shows neither again), and
 * input the host holds back for a UART.
 */
#pragma once

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "machine.h"

G_BEGIN_DECLS

/* ---- the byte stream classes write ------------------------------------ */

typedef struct MdlStateWriter MdlStateWriter;
typedef struct MdlStateReader MdlStateReader;

void     mdl_state_put     (MdlStateWriter *w, const void *data, size_t len);
void     mdl_state_put_u32 (MdlStateWriter *w, uint32_t v);
void     mdl_state_put_u64 (MdlStateWriter *w, uint64_t v);
/* Each returns false (and then keeps failing) when the part is shorter
 * than what is asked; @data is zeroed then. */
bool     mdl_state_get     (MdlStateReader *r, void *data, size_t len);
uint32_t mdl_state_get_u32 (MdlStateReader *r);
uint64_t mdl_state_get_u64 (MdlStateReader *r);
bool     mdl_state_reader_ok (const MdlStateReader *r);

/* The hooks of a device whose dev->state is one plain struct (numbers,
 * embedded MdlEvents, pointers fixed at realize): the struct as it is. */
void mdl_device_save_plain    (MdlDevice *dev, MdlStateWriter *w);
bool mdl_device_restore_plain (MdlDevice *dev, MdlStateReader *r, GError **error);

/* ---- whole-machine states ---------------------------------------------- */

typedef struct MdlMachineState MdlMachineState;

/* Saves the machine between runs (not from inside a CPU or an event).
 * RAM pages equal to @previous's are shared with it (may be NULL). */
MdlMachineState *mdl_machine_save (MdlMachine *m, const MdlMachineState *previous);
/* Puts the machine back in @state: the next run continues exactly as it
 * did from there.  Decoded and translated code is forgotten.  False with
 * @error when the state is not this machine's or a class refuses its
 * part. */
bool   mdl_machine_restore (MdlMachine *m, const MdlMachineState *state, GError **error);
void   mdl_machine_state_free (MdlMachineState *state);
/* Bytes the state holds of its own (not counting pages it shares). */
size_t mdl_machine_state_bytes (const MdlMachineState *state);
/* Whether two states of one machine are the same instant of the guest:
 * every class's part, the clock, the events and every byte of RAM (fast
 * where they share pages). */
bool   mdl_machine_state_equal (const MdlMachineState *a, const MdlMachineState *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdlMachineState, mdl_machine_state_free)

/* ---- named save points --------------------------------------------------- */

/* Keeps the machine's current state as @name (replacing one so named). */
void mdl_machine_save_point    (MdlMachine *m, const char *name);
/* Goes back to the state saved as @name.  The history, if kept, starts
 * again from there.  False with @error naming the point when there is
 * none. */
bool mdl_machine_restore_point (MdlMachine *m, const char *name, GError **error);
/* The names, sorted (free with g_strfreev). */
char **mdl_machine_list_points (MdlMachine *m);
bool   mdl_machine_delete_point (MdlMachine *m, const char *name);

/* ---- history and reverse execution -------------------------------------- */

/* Starts keeping a history from the current instant: a state every
 * @interval_ps of virtual time (0: 10 ms), the oldest ones dropped while
 * the states hold more than @max_bytes (0: 256 MiB). */
void mdl_machine_enable_history  (MdlMachine *m, uint64_t interval_ps, size_t max_bytes);
void mdl_machine_disable_history (MdlMachine *m);
bool mdl_machine_history_enabled (const MdlMachine *m);
/* Something outside the machine changed it (register, memory, input,
 * reset): the history takes a state before it runs on. */
void mdl_machine_history_mark (MdlMachine *m);

typedef struct {
  unsigned states;        /* states kept */
  size_t   bytes;         /* what they hold */
  uint64_t segments;      /* runs and steps recorded */
  uint64_t oldest_ps;     /* virtual time of the oldest state */
} MdlHistoryStats;
void mdl_machine_history_stats (const MdlMachine *m, MdlHistoryStats *stats);

/* Goes back to the last instant before now at which @cpu had retired
 * @retired instructions (fewer than it has) and was about to execute the
 * next: with retired - 1, one reverse step.  Every other CPU, device and
 * memory is as it was then.  False with @error when the history does not
 * reach back that far (or is off); the machine is then unchanged. */
bool mdl_machine_reverse_to (MdlMachine *m, MdlCpu *cpu, uint64_t retired, GError **error);
/* One reverse step (reverse-stepi) of @cpu. */
bool mdl_machine_reverse_step (MdlMachine *m, MdlCpu *cpu, GError **error);

/* Says whether the instant the machine is at is where a reverse step
 * should stop (a source line's first instruction, for line stepping). */
typedef bool (*MdlReversePredicate) (MdlMachine *m, MdlCpu *cpu, void *data);
/* Goes back instruction by instruction of @cpu (at least one) to the
 * latest earlier instant where @pred holds; with no such instant in the
 * history, to the oldest instant it has of @cpu, returning false with
 * @error saying so. */
bool mdl_machine_reverse_step_until (MdlMachine *m, MdlCpu *cpu, MdlReversePredicate pred,
                                     void *data, GError **error);

/* Goes back to the last breakpoint or watchpoint hit (of those set now)
 * before now, and stops there as a forward run would have:
 * MDL_STOP_BREAKPOINT or MDL_STOP_WATCHPOINT, with mdl_machine_stop_cpu
 * and _stop_addr.  With no hit in the history, goes to its start and
 * returns MDL_STOP_NONE.  MDL_STOP_FATAL with @error when there is no
 * history. */
MdlStopReason mdl_machine_reverse_continue (MdlMachine *m, GError **error);

G_END_DECLS
