/* Cortex-M decoder, executor and exception machinery on random streams:
 * byte 0 picks the model (M0, M0+, M3, M4), the rest is memory from
 * address 0.  The first two words are forced to a valid stack and reset
 * vector (code at 0x40); the other vectors are whatever the stream says,
 * so faults escalate, lock up or land anywhere.
 *
 * Each input runs interpreted, then translated where the host has the
 * tier (targets/arm/arm-jit.c), and the two must end alike
 * (fuzz-sandbox.h); the Cortex-M core sees a store to code it already
 * decoded only after a flush, so a difference that vanishes when stores
 * flush is stale code, not a find. */
#include <stdint.h>
#include <string.h>

#include "fuzz-sandbox.h"
#include "targets/arm/arm.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const MdlCpuClass *const models[] = {
    &mdl_arm_cortex_m0_class, &mdl_arm_cortex_m0plus_class,
    &mdl_arm_cortex_m3_class, &mdl_arm_cortex_m4_class,
  };
  static const uint32_t reset[2] = { 0x20008000u, 0x41u };
  static uint8_t image[FUZZ_RAM_SIZE];
  FuzzInput in = {
    .ram_base = 0, .entry = 0x40, .irq_line = 0, .insns = FUZZ_INSNS, .stale_code = true,
    .fill = 0xde,
  };

  if (size < 1)
    return 0;
  in.cls = models[data[0] % 4];
  in.len = MAX (sizeof reset, MIN (size - 1, sizeof image));
  memcpy (image, data + 1, MIN (size - 1, sizeof image));
  memcpy (image, reset, sizeof reset);
  in.image = image;
  in.data = data;
  in.size = size;
  fuzz_sandbox_run (&in);
  return 0;
}
