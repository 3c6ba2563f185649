/* RISC-V decoder and executor on random instruction streams: byte 0
 * picks RV32 or RV64, the rest is code at 0x80000000, where the hart
 * starts.  Machine mode is all there is, so every trap lands on a handler
 * the stream itself sets up (or loops, which the core detects).
 *
 * Each input runs interpreted, then translated where the host has the
 * tier, and the two must end alike (fuzz_sandbox_compare names the
 * register that differs). */
#include <stdint.h>

#include "fuzz-sandbox.h"
#include "engine/jit-cache.h"
#include "targets/riscv/riscv.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const MdlCpuClass *cls;
  MdlMachine *m;
  MdlCpu *cpu, *translated;

  if (size < 1)
    return 0;
  cls = data[0] & 1 ? &mdl_riscv_rv64imac_class : &mdl_riscv_rv32imac_class;
  m = fuzz_sandbox_new_tier (cls, 0x80000000, data + 1, size - 1, 0x80000000, 11,
                             MDL_TIER_INTERPRET, &cpu);
  fuzz_sandbox_run (m, cpu, 0x80000000, 4000);
  if (mdl_jit_host_supported ()) {
    m = fuzz_sandbox_new_tier (cls, 0x80000000, data + 1, size - 1, 0x80000000, 11,
                               MDL_TIER_TRANSLATE, &translated);
    fuzz_sandbox_run (m, translated, 0x80000000, 4000);
    fuzz_sandbox_compare (cpu, translated);
  }
  return 0;
}
