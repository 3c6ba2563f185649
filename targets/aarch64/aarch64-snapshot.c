/* Saved states of an AArch64 core (engine/snapshot.h): the
 * architectural part of A64Cpu (registers, SIMD&FP, EL1 system
 * registers, generic timer, exclusive monitor, inputs, PSCI state), in
 * the struct's own layout, and what is derived from it rebuilt on
 * restore. */
#include "aarch64-cpu.h"

#include <stddef.h>

#include "engine/snapshot.h"

static const size_t a64_saved_from = offsetof (A64Cpu, x);
static const size_t a64_saved_to = offsetof (A64Cpu, ld_base);

void
a64_save (MdlCpu *cpu, MdlStateWriter *w)
{
  mdl_state_put (w, (uint8_t *) cpu + a64_saved_from, a64_saved_to - a64_saved_from);
}

bool
a64_restore (MdlCpu *cpu, MdlStateReader *r, GError **error)
{
  A64Cpu *s = (A64Cpu *) cpu;

  (void) error;
  mdl_state_get (r, (uint8_t *) cpu + a64_saved_from, a64_saved_to - a64_saved_from);
  s->peeking = false;
  a64_forget_windows (s);
  a64_tlb_flush (s);   /* translations and decoded code */
  return mdl_state_reader_ok (r);
}
