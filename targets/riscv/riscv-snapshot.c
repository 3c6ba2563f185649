/* Saved states of a hart (engine/snapshot.h): the architectural part of
 * RvCpu, in the struct's own layout (a state never leaves the process
 * that took it), and what is derived from it rebuilt on restore. */
#include "riscv-cpu.h"

#include <stddef.h>

#include "engine/snapshot.h"

/* The fields a restore brings back: registers, CSRs, PMP, LR/SC,
 * triggers; the bookkeeping a trap handler's own fault looks at; the
 * floating-point registers and fcsr.  Not the executor tables, RAM
 * windows, TLB or decode caches. */
#define RANGE(first, end) { offsetof (RvCpu, first), offsetof (RvCpu, end) }
static const struct { size_t from, to; } rv_saved[] = {
  RANGE (x, exec_table),
  RANGE (run_traps, as_gen),
  RANGE (f, icache_cur),
};

void
rv_save (MdlCpu *cpu, MdlStateWriter *w)
{
  for (unsigned i = 0; i < G_N_ELEMENTS (rv_saved); i++)
    mdl_state_put (w, (uint8_t *) cpu + rv_saved[i].from, rv_saved[i].to - rv_saved[i].from);
}

bool
rv_restore (MdlCpu *cpu, MdlStateReader *r, GError **error)
{
  RvCpu *s = (RvCpu *) cpu;

  (void) error;
  for (unsigned i = 0; i < G_N_ELEMENTS (rv_saved); i++)
    mdl_state_get (r, (uint8_t *) cpu + rv_saved[i].from, rv_saved[i].to - rv_saved[i].from);
  /* Page tables may differ and the mode may: nothing cached stays. */
  rv_tlb_flush (s);
  rv_mode_changed (s);
  rv_forget_windows (s);
  return mdl_state_reader_ok (r);
}
