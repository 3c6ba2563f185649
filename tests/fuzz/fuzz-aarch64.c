/* AArch64 decoder, executor, exceptions and MMU on random instruction
 * streams: the stream is code at 0x80000000 (the sandbox has a UART in
 * 0x40000000's first 64 KiB), where the Cortex-A53 starts
 * at EL1, and VBAR_EL1 points at the stream too, so every exception lands
 * in fuzzed code (which may turn on the MMU with tables of its own, drop
 * to EL0, or loop on faults).  Byte 0 seeds the x1-x4 registers with
 * addresses in RAM, in the unmapped hole and in the UART. */
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
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const MdlCpuClass *cls = &mdl_aarch64_cortex_a53_class;
  static const uint64_t bases[4] = { 0x80000000, 0x80008000, 0x00000000, 0x10000000 };
  MdlMachine *m;
  MdlCpu *cpu;

  if (size < 1)
    return 0;
  m = fuzz_sandbox_new (cls, 0x80000000, data + 1, size - 1, 0x80000000, 0, &cpu);
  fuzz_sandbox_set_reg (cpu, reg_index (cls, "vbar_el1"), 0x80000000);
  for (unsigned r = 1; r <= 4; r++)
    fuzz_sandbox_set_reg (cpu, r, bases[(data[0] >> (2 * (r - 1))) & 3]);
  fuzz_sandbox_run (m, cpu, 0x80000000, 4000);
  return 0;   /* the sandbox is reused by the next input: never freed */
}
