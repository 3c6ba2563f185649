/* A minimal CPU class for scheduler tests: each "instruction" only counts.
 * It exists to observe the scheduler (budgets, waits, wake-ups) without an
 * instruction set in the way; real cores are tested by the ISA tests. */
#pragma once

#include "engine/cpu.h"

typedef struct {
  MdlCpu   cpu;
  uint64_t wait_at;    /* retired count at which it waits for an interrupt */
  bool     irq;
  GString *trace;      /* "name:start-end " per run() call, if set */
} TestCpu;

extern const MdlCpuClass test_cpu_class;
