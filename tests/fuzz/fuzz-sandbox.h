/* A small machine for running random instruction streams: one CPU, 64 KiB
 * of RAM holding the stream, 64 KiB more elsewhere, two UARTs (one wired
 * to the CPU's first external interrupt) and the test/exit device, so that
 * fuzzed code reaches RAM, ROM-less holes, device registers and stops. */
#pragma once

#include "engine/machine.h"

#define FUZZ_RAM_SIZE 0x10000

/* A machine whose CPU of class @cls starts at @entry after reset, with
 * @image (cut to FUZZ_RAM_SIZE) at @ram_base; *cpu is that CPU.
 * @irq_line is the CPU input the UART drives.  The machine is the
 * sandbox's own, reused (reset, its RAM rewritten) by the next call with
 * the same class: never free it. */
MdlMachine *fuzz_sandbox_new (const MdlCpuClass *cls, uint64_t ram_base,
                              const uint8_t *image, size_t len, uint64_t entry,
                              unsigned irq_line, MdlCpu **cpu);

/* The same, on a sandbox of its own that runs in @tier (kept apart from
 * fuzz_sandbox_new's, reused alike: never free it). */
MdlMachine *fuzz_sandbox_new_tier (const MdlCpuClass *cls, uint64_t ram_base,
                                   const uint8_t *image, size_t len, uint64_t entry,
                                   unsigned irq_line, MdlTier tier, MdlCpu **cpu);

/* After the same input ran on the sandboxes of @a and @b (two tiers):
 * aborts, naming the first difference (a register by name, the retired
 * count, the run state, the local time, a RAM offset), unless they
 * ended alike. */
void fuzz_sandbox_compare (MdlCpu *a, MdlCpu *b);

/* Sets a register of the sandbox's CPU before the run; the fresh-machine
 * check of fuzz_sandbox_run repeats it, so set registers only this way. */
void fuzz_sandbox_set_reg (MdlCpu *cpu, unsigned reg, uint64_t value);

/* Runs about @insns instructions (ending early on a stop, a lockup or a
 * trap loop), feeding the UART a few bytes on the way, then disassembles
 * and describes the first instructions the way the views do. */
void fuzz_sandbox_run (MdlMachine *m, MdlCpu *cpu, uint64_t ram_base, uint64_t insns);
