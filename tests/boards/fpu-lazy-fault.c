/*
 * fpu-lazy-fault.c: lazy state preservation into memory the MPU closes
 * (test fpu-lazy-fault, Medley's M4F board and QEMU's mps2-an386, the
 * same console).  The main stack is put so that an exception's basic
 * frame lands just below an MPU region with no access, and the
 * floating-point space it reserves inside it; the SVC handler's first FP
 * instruction then cannot save the state: MemManage with MLSPERR,
 * escalated to HardFault (MemManage is not enabled).  The HardFault
 * handler reports CFSR and HFSR and ends the run.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define REG(a) (*(volatile uint32_t *) (a))
#define CFSR   REG (0xe000ed28u)
#define HFSR   REG (0xe000ed2cu)
#define FPCCR  REG (0xe000ef34u)

static volatile float x = 1.5f;

void
HardFault_Handler (void)
{
  uint32_t cfsr = CFSR, hfsr = HFSR;

  /* The state is still waiting to be saved: give it up, so that this
   * handler may use the FPU (printf does). */
  FPCCR &= ~1u;
  printf ("lazy fault: CFSR %08lx (MLSPERR %s), HFSR %08lx (FORCED %s)\n", (unsigned long) cfsr,
          (cfsr & (1u << 5)) ? "yes" : "no", (unsigned long) hfsr,
          (hfsr & (1u << 30)) ? "yes" : "no");
  exit (0);
}

void
SVC_Handler (void)
{
  x = x * 2.0f; /* the first FP instruction: the lazy save */
}

int
main (void)
{
  printf ("lazy fault: start on SCC ID %08lx\n", (unsigned long) REG (0x4002fffcu));
  /* Region 1: 128 bytes at 0x20003000, no access; the rest as without
   * an MPU (PRIVDEFENA). */
  REG (0xe000ed9cu) = 0x20003000u | 0x10 | 1;
  REG (0xe000eda0u) = 0x0000000du; /* AP 0, 128 bytes, enabled */
  REG (0xe000ed94u) = 5;           /* ENABLE, PRIVDEFENA */
  __asm volatile("dsb\n isb");
  x = x + 1.0f; /* CONTROL.FPCA: the next exception has an extended frame */
  /* sp 0x20003048: the basic frame at 0x20002fe0-0x20002fff, the FP
   * space from 0x20003000, inside the closed region. */
  __asm volatile("ldr r0, =0x20003048\n"
                 "mov sp, r0\n"
                 "svc 0\n"
                 :
                 :
                 : "r0", "memory");
  /* Not reached: the HardFault handler ends the run. */
  printf ("lazy fault: not taken\n");
  exit (1);
}
