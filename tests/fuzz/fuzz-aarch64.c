/* AArch64 decoder, executor, exceptions and MMU on random instruction
 * streams: the stream is code at 0x80000000 (the sandbox has a UART in
 * 0x40000000's first 64 KiB), where the Cortex-A53 starts
 * at EL1, and VBAR_EL1 points at the stream too, so every exception lands
 * in fuzzed code (which may turn on the MMU with tables of its own, drop
 * to EL0, or loop on faults).  Byte 0 seeds the x1-x4 registers with
 * addresses in RAM, in the unmapped hole and in the UART.
 *
 * Each input runs interpreted, then translated where the host has the
 * tier (targets/aarch64/aarch64-jit.c), and the two must end alike
 * (fuzz-sandbox.h); a store to code already decoded is seen only after
 * IC maintenance, so a difference that vanishes when stores flush is
 * stale code, not a find. */
#include <stdint.h>
#include <string.h>

#include "fuzz-sandbox.h"
#include "targets/aarch64/aarch64.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static unsigned
reg_index (const MdlCpuClass *cls, const char *name)
{
  for (unsigned i = 0; i < cls->n_regs; i++)
    if (strcmp (cls->regs[i].name, name) == 0)
      return i;
  g_error ("no register %s", name);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const uint64_t bases[4] = { 0x80000000, 0x80008000, 0x00000000, 0x10000000 };
  FuzzInput in = {
    .cls = &mdl_aarch64_cortex_a53_class, .ram_base = 0x80000000, .entry = 0x80000000,
    .irq_line = 0, .insns = FUZZ_INSNS, .stale_code = true,
  };

  if (size < 1)
    return 0;
  in.data = data;
  in.size = size;
  in.image = data + 1;
  in.len = size - 1;
  in.regs[in.n_regs].reg = reg_index (in.cls, "vbar_el1");
  in.regs[in.n_regs++].value = 0x80000000;
  for (unsigned r = 1; r <= 4; r++) {
    in.regs[in.n_regs].reg = r;
    in.regs[in.n_regs++].value = bases[(data[0] >> (2 * (r - 1))) & 3];
  }
  fuzz_sandbox_run (&in);
  return 0;
}
