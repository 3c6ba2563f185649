/* Cortex-M decoder, executor and exception machinery on random streams:
 * byte 0 picks the model (M0, M0+, M3, M4), the rest is memory from
 * address 0.  The first two words are forced to a valid stack and reset
 * vector (code at 0x40); the other vectors are whatever the stream says,
 * so faults escalate, lock up or land anywhere. */
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
  uint8_t image[FUZZ_RAM_SIZE] = { 0 };
  static const uint32_t reset[2] = { 0x20008000u, 0x41u };
  MdlMachine *m;
  MdlCpu *cpu;

  if (size < 1)
    return 0;
  memcpy (image, data + 1, MIN (size - 1, sizeof image));
  memcpy (image, reset, sizeof reset);
  m = fuzz_sandbox_new (models[data[0] % 4], 0, image, sizeof image, 0x40, 0, &cpu);
  fuzz_sandbox_run (m, cpu, 0x40, 4000);
  return 0;
}
