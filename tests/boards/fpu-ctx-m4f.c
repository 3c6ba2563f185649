/*
 * fpu-ctx-m4f.c: floating-point context switches on the Cortex-M4F as
 * FreeRTOS's ARM_CM4F port makes them (test fpu-ctx-m4f, on Medley's
 * boards/cortex-m4f.dts and on QEMU's mps2-an386, the same console).
 *
 * Two tasks keep their own values in all 32 single registers and check
 * them all the time; the tick (CMSDK timer 0) computes in floating point
 * too, so with lazy stacking (FPCCR.LSPEN, the reset value) its first
 * FP instruction saves the interrupted task's s0-s15 into the space its
 * extended frame reserved; PendSV saves s16-s31 when EXC_RETURN bit 4
 * says the task has an FP context, and switches tasks every tick.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "mps2.h"

#define REG(a)     (*(volatile uint32_t *) (a))
#define ICSR       REG (0xe000ed04u)
#define SHPR3      REG (0xe000ed20u)
#define FPCCR      REG (0xe000ef34u)
#define NVIC_ISER0 REG (0xe000e100u)
#define TIMER0     0x40000000u

static uint32_t stacks[2][512] __attribute__ ((aligned (8)));
uint32_t task_sp[2];
uint32_t current;
static volatile uint32_t ticks, fp_frames, done[2], intact[2] = { 1, 1 };
static volatile float hsum;

void
IRQ8_Handler (void)
{
  REG (TIMER0 + 0x0c) = 1;
  ticks++;
  hsum = hsum + 0.5f; /* FP in the handler: the lazy save happens here */
  ICSR = 1u << 28;
}

uint32_t
schedule (uint32_t sp, uint32_t exc_return)
{
  if (!(exc_return & 0x10))
    fp_frames++;
  task_sp[current] = sp;
  current ^= 1;
  return task_sp[current];
}

__attribute__ ((naked)) void
PendSV_Handler (void)
{
  __asm volatile("mrs r0, psp\n"
                 "tst lr, #0x10\n"
                 "it eq\n"
                 "vstmdbeq r0!, {s16-s31}\n"
                 "stmdb r0!, {r4-r11, lr}\n"
                 "mov r1, lr\n"
                 "bl schedule\n"
                 "ldmia r0!, {r4-r11, lr}\n"
                 "tst lr, #0x10\n"
                 "it eq\n"
                 "vldmiaeq r0!, {s16-s31}\n"
                 "msr psp, r0\n"
                 "bx lr\n");
}

void
start_tick (void)
{
  REG (TIMER0 + 0x08) = MPS2_SYSCLK_HZ / 1000;
  REG (TIMER0 + 0x00) = 9;
}

__attribute__ ((naked)) void
SVC_Handler (void)
{
  __asm volatile("bl start_tick\n"
                 "ldr r0, =task_sp\n"
                 "ldr r0, [r0]\n"
                 "ldmia r0!, {r4-r11, lr}\n"
                 "msr psp, r0\n"
                 "movs r1, #2\n"
                 "msr control, r1\n"
                 "isb\n"
                 "bx lr\n");
}

/* Fills s0-s31 with base + i (as integers), then checks them until the
 * tick count reaches 20, with floating-point work between the checks. */
static void
task (uint32_t id)
{
  uint32_t base = 0x1000u * (id + 1), bad = 0;

  for (unsigned i = 0; i < 32; i++) {
    uint32_t v = base + i;
    switch (i) {
#define SET(n)                                                                                     \
  case n: __asm volatile("vmov s" #n ", %0" : : "r"(v) : "s" #n); break;
      SET (0)
      SET (1) SET (2) SET (3) SET (4) SET (5) SET (6) SET (7) SET (8) SET (9) SET (10) SET (11)
        SET (12) SET (13) SET (14) SET (15) SET (16) SET (17) SET (18) SET (19) SET (20) SET (21)
          SET (22) SET (23) SET (24) SET (25) SET (26) SET (27) SET (28) SET (29) SET (30) SET (31)
#undef SET
    }
  }
  while (ticks < 20) {
    uint32_t got[32];

    __asm volatile("vstmia %0, {s0-s31}" : : "r"(got) : "memory");
    for (unsigned i = 0; i < 32; i++)
      bad |= got[i] != base + i;
  }
  intact[id] = !bad;
  done[id] = 1;
  while (!done[id ^ 1])
    ;
  if (id == 0) {
    printf ("fpu-ctx: task registers intact: %s %s; handler sum %s; switches with FP "
            "frames: %s; LSPEN %s\n",
            intact[0] ? "yes" : "no", intact[1] ? "yes" : "no",
            hsum == 0.5f * (float) ticks ? "right" : "wrong", fp_frames > 4 ? "yes" : "no",
            (FPCCR & (1u << 30)) ? "on" : "off");
    exit (0);
  }
  for (;;)
    ;
}

static void
task_a (void)
{
  task (0);
}

static void
task_b (void)
{
  task (1);
}

static void
task_start (unsigned t, void (*fn) (void))
{
  uint32_t *sp = &stacks[t][512 - 17];

  for (unsigned i = 0; i < 17; i++)
    sp[i] = 0;
  sp[8] = 0xfffffffdu;             /* EXC_RETURN: thread, PSP, basic frame */
  sp[9 + 6] = (uint32_t) fn & ~1u; /* pc */
  sp[9 + 7] = 1u << 24;            /* xPSR */
  task_sp[t] = (uint32_t) sp;
}

int
main (void)
{
  SHPR3 = 0xffu << 16;
  REG (0xe000e400u + 8) = 0xe0; /* the tick */
  NVIC_ISER0 = 1u << 8;
  task_start (0, task_a);
  task_start (1, task_b);
  current = 0;
  __asm volatile("svc 0");
  for (;;)
    ;
}
