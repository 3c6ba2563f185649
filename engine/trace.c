#define G_LOG_DOMAIN "mdl-trace"

#include "machine-private.h"

void
mdl_trace_add (MdlMachine *m, MdlTraceKind kind, uint16_t source, uint32_t aux,
               uint64_t value)
{
  MdlTraceRecord *r;

  if (m->replaying)
    return;   /* re-execution: these records exist already */
  if (m->trace == NULL)
    m->trace = g_new0 (MdlTraceRecord, MDL_TRACE_RING);
  r = &m->trace[m->trace_next % MDL_TRACE_RING];
  r->seq = m->trace_next++;
  r->time_ps = mdl_machine_now (m);
  r->kind = (uint8_t) kind;
  r->source = source;
  r->aux = aux;
  r->value = value;
}

uint64_t
mdl_trace_copy (const MdlMachine *m, uint64_t from, GArray *out)
{
  uint64_t oldest = m->trace_next > MDL_TRACE_RING ? m->trace_next - MDL_TRACE_RING : 0;

  for (uint64_t seq = MAX (from, oldest); seq < m->trace_next; seq++)
    g_array_append_val (out, m->trace[seq % MDL_TRACE_RING]);
  return m->trace_next;
}

uint64_t
mdl_trace_count (const MdlMachine *m)
{
  return m->trace_next;
}
