/* A small machine for running random instruction streams: one CPU, 64 KiB
 * of RAM holding the stream, 64 KiB more elsewhere, two UARTs (one wired
 * to the CPU's first external interrupt) and the test/exit device, so that
 * fuzzed code reaches RAM, ROM-less holes, device registers and stops.
 *
 * One such machine per CPU class and tier is built once and reset for
 * every input (building one cost more than running the input), and each
 * input runs in both tiers, interpreted and translated, which must end
 * alike.  Two checks keep the reuse honest and the comparison exact; a
 * failed one aborts (libFuzzer keeps the input) naming what differs. */
#pragma once

#include "engine/machine.h"

#define FUZZ_RAM_SIZE 0x10000

/* Instructions an input runs in each tier.  Random code seldom stays out
 * of a fault or a loop for long, and short runs keep the executions per
 * second in the thousands; every input still gets long enough for loops
 * to chain translated blocks and for the UART to interrupt. */
#define FUZZ_INSNS 1000

typedef struct {
  const MdlCpuClass *cls;
  uint64_t           ram_base;   /* the image's RAM; the other one is at
                                    0x20000000, or 0x80000000 if that is it */
  const uint8_t     *image;
  size_t             len;        /* cut to FUZZ_RAM_SIZE */
  uint8_t            fill;       /* the image's RAM after it */
  uint64_t           entry;      /* where the CPU starts after reset */
  unsigned           irq_line;   /* the CPU input the 16550A drives */
  uint64_t           insns;
  /* Registers set after the reset (the fresh-machine check sets them
   * too). */
  unsigned           n_regs;
  struct { unsigned reg; uint64_t value; } regs[8];
  /* The class lets a store to instructions it already decoded go unseen
   * until a flush (ISB does not flush on Cortex-M, IC IVAU does on A64),
   * and its two tiers cache different amounts of code (one instruction,
   * a block): see fuzz_sandbox_run. */
  bool               stale_code;
  /* libFuzzer's input as it came, named in the find notes (fail()). */
  const uint8_t     *data;
  size_t             size;
} FuzzInput;

/* With MEDLEY_FUZZ_NOTES set to a file, every find also appends a line to
 * it: the SHA-1 of the input (libFuzzer's crash-<sha1>), then the message.
 * A -fork campaign drops its jobs' output, and a fresh-machine mismatch
 * does not reproduce alone: the note is what is left of it. */

/* Runs @in interpreted, disassembles and describes the first
 * instructions the way the views do, then runs it translated where the
 * host has the tier and aborts, naming the first difference (the retired
 * count, the run state, the stop, the local time, a register by name, a
 * RAM byte), unless the two ended alike.  With @in->stale_code a
 * difference is looked at again on sandboxes where every store to RAM
 * flushes the CPU's decoded and translated code (both tiers then see a
 * store to code at the next fetch): only a difference there too aborts,
 * one that vanishes is counted as stale code (and named once on stderr).
 *
 * Every 64th input of a sandbox also runs on a machine built for it
 * alone, which must end in the same state (else an earlier input left
 * state behind that a reset does not clear: a crash would not
 * reproduce). */
void fuzz_sandbox_run (const FuzzInput *in);
