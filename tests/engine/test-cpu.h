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
  /* If set, called as instruction number poke_at executes (the time is
   * its start), as a store to a device would: it may schedule events and
   * raise lines; run() returns after it. */
  void    (*poke) (MdlCpu *cpu, void *data);
  void     *poke_data;
  uint64_t  poke_at;
} TestCpu;

extern const MdlCpuClass test_cpu_class;
