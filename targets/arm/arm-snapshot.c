/* Saved states of an M-profile core (engine/snapshot.h): the
 * architectural part of ArmCpu (registers, NVIC, SCB, SysTick, DWT,
 * FPB, MPU, FPU, exclusive monitor), in the struct's own layout, and
 * what is derived from it rebuilt on restore. */
#include "arm-cpu.h"

#include <stddef.h>

#include "engine/snapshot.h"

static const size_t arm_saved_from = offsetof (ArmCpu, r);
static const size_t arm_saved_to = offsetof (ArmCpu, as_gen);

void
arm_save (MdlCpu *cpu, MdlStateWriter *w)
{
  mdl_state_put (w, (uint8_t *) cpu + arm_saved_from, arm_saved_to - arm_saved_from);
}

bool
arm_restore (MdlCpu *cpu, MdlStateReader *r, GError **error)
{
  ArmCpu *s = (ArmCpu *) cpu;

  (void) error;
  mdl_state_get (r, (uint8_t *) cpu + arm_saved_from, arm_saved_to - arm_saved_from);
  /* CCR.UNALIGN_TRP decides it (an ARMv6-M core has it set for good). */
  s->align_mask = (s->ccr & ARM_CCR_UNALIGN_TRP) ? ~0u : 0;
  arm_forget_windows (s);
  return mdl_state_reader_ok (r);
}
