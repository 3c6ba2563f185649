/* The trace: small records of what happened when, in one bounded ring.
 *
 * CPUs, the scheduler and devices append records (virtual time, source,
 * kind, value): a CPU starting to wait or waking, an interrupt line
 * changing level, a UART byte, a mailbox message, a stop.  The timeline
 * view, `--trace` and the determinism tests read the same records.  The
 * ring belongs to the machine and is written on the engine thread only;
 * readers on other threads get copies through the runner.
 */
#pragma once

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

typedef struct MdlMachine MdlMachine;

typedef enum {
  MDL_TRACE_CPU_STATE,   /* source = CPU index; value = MdlCpuRunState */
  MDL_TRACE_IRQ,         /* source = target (CPU index, or device index
                            with MDL_TRACE_DEVICE); aux = line; value = level */
  MDL_TRACE_SERIAL,      /* source = device index | MDL_TRACE_DEVICE; value = byte */
  MDL_TRACE_MAILBOX,     /* source = device index | MDL_TRACE_DEVICE; aux = direction */
  MDL_TRACE_STOP,        /* source = CPU index or MDL_TRACE_NONE; value = MdlStopReason */
} MdlTraceKind;

#define MDL_TRACE_DEVICE 0x8000u   /* flag in source: a device index */
#define MDL_TRACE_NONE   0xffffu

typedef struct {
  uint64_t seq;        /* position in the whole run, from 0 */
  uint64_t time_ps;
  uint64_t value;
  uint32_t aux;
  uint16_t source;
  uint8_t  kind;       /* MdlTraceKind */
} MdlTraceRecord;

void mdl_trace_add (MdlMachine *m, MdlTraceKind kind, uint16_t source,
                    uint32_t aux, uint64_t value);

/* Copies the records with seq >= @from still in the ring (the oldest are
 * dropped when it wraps) into @out (MdlTraceRecord); returns the next seq
 * to ask for. */
uint64_t mdl_trace_copy (const MdlMachine *m, uint64_t from, GArray *out);

/* Records appended since reset, including those the ring has dropped. */
uint64_t mdl_trace_count (const MdlMachine *m);

G_END_DECLS
