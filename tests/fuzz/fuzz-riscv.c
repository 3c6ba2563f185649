/* RISC-V decoder and executor on random instruction streams: byte 0
 * picks RV32 or RV64, the rest is code at 0x80000000, where the hart
 * starts.  Machine mode is all there is, so every trap lands on a handler
 * the stream itself sets up (or loops, which the core detects).
 *
 * Each input runs interpreted, then translated where the host has the
 * tier, and the two must end alike (fuzz-sandbox.h).  A store to code is
 * seen by the next fetch in both tiers, so no difference is excused. */
#include <stdint.h>

#include "fuzz-sandbox.h"
#include "targets/riscv/riscv.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  FuzzInput in = {
    .ram_base = 0x80000000, .entry = 0x80000000, .irq_line = 11, .insns = FUZZ_INSNS,
  };

  if (size < 1)
    return 0;
  in.cls = data[0] & 1 ? &mdl_riscv_rv64imac_class : &mdl_riscv_rv32imac_class;
  in.data = data;
  in.size = size;
  in.image = data + 1;
  in.len = size - 1;
  fuzz_sandbox_run (&in);
  return 0;
}
