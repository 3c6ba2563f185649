/* RISC-V decoder and executor on random instruction streams: byte 0
 * picks RV32 or RV64, the rest is code at 0x80000000, where the hart
 * starts.  Machine mode is all there is, so every trap lands on a handler
 * the stream itself sets up (or loops, which the core detects). */
#include <stdint.h>

#include "fuzz-sandbox.h"
#include "targets/riscv/riscv.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const MdlCpuClass *cls;
  MdlMachine *m;
  MdlCpu *cpu;

  if (size < 1)
    return 0;
  cls = data[0] & 1 ? &mdl_riscv_rv64imac_class : &mdl_riscv_rv32imac_class;
  m = fuzz_sandbox_new (cls, 0x80000000, data + 1, size - 1, 0x80000000, 11, &cpu);
  fuzz_sandbox_run (m, cpu, 0x80000000, 4000);
  return 0;
}
