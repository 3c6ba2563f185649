/*
 * rtos-mps2.c: what an RTOS port for QEMU's mps2-an385 relies on, in one
 * small preemptive kernel of two tasks (test rtos-mps2, on Medley's
 * boards/cortex-m3.dts and on QEMU, with the same console expected).
 *
 *   - FreeRTOS's check of the NVIC's priority bits (0xff written to a
 *     priority register reads back what is kept; its
 *     configMAX_SYSCALL_INTERRUPT_PRIORITY must fit);
 *   - the tick from CMSDK APB timer 0 (IRQ 8), context switches in
 *     PendSV on the process stack, the first task started from SVC;
 *   - an unprivileged task confined by the MPU to its stack, a shared
 *     buffer and the code: its store to a privileged variable is a
 *     MemManage fault (DACCVIOL, MMFAR), and the kernel stops the task;
 *   - a critical section at BASEPRI 0xa0 that holds the tick (priority
 *     0xe0) back while the dual timer's interrupt (priority 0x40) still
 *     runs.
 *
 * Output does not depend on timing: each line is printed once the event
 * it reports has happened.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "mps2.h"

#define REG(a)     (*(volatile uint32_t *) (a))
#define ICSR       REG (0xe000ed04u)
#define SHCSR      REG (0xe000ed24u)
#define CFSR       REG (0xe000ed28u)
#define MMFAR      REG (0xe000ed34u)
#define SHPR3      REG (0xe000ed20u)
#define NVIC_ISER0 REG (0xe000e100u)
#define NVIC_ISPR0 REG (0xe000e200u)
#define NVIC_IPR   ((volatile uint8_t *) 0xe000e400u)
#define MPU_CTRL   REG (0xe000ed94u)
#define MPU_RBAR   REG (0xe000ed9cu)
#define MPU_RASR   REG (0xe000eda0u)
#define TIMER0     0x40000000u
#define DUALTIMER  0x40002000u

/* As in FreeRTOS's demos for this machine. */
#define MAX_SYSCALL_PRIORITY 0xa0u

enum { TASK_A, TASK_B, N_TASKS };

/* Each task's stack, 1 KiB and aligned to it so that one MPU region is
 * exactly the stack. */
static uint32_t stacks[N_TASKS][256] __attribute__ ((aligned (1024)));
/* What the unprivileged task may write besides its stack. */
static volatile uint32_t shared[256] __attribute__ ((aligned (1024)));
/* What it may not. */
static volatile uint32_t secret;

uint32_t task_sp[N_TASKS];
uint32_t current;
static volatile uint32_t alive[N_TASKS] = { 1, 1 };
static volatile uint32_t ticks, hi_fired, a_dead, a_fault_ok;

/* ---- the kernel ---- */

void
IRQ8_Handler (void)
{
  REG (TIMER0 + 0x0c) = 1; /* INTCLEAR */
  ticks++;
  ICSR = 1u << 28; /* PENDSVSET: round robin */
}

void
IRQ10_Handler (void)
{
  REG (DUALTIMER + 0x0c) = 1;
  hi_fired = 1;
}

/* Called from PendSV with the outgoing task's stack pointer; returns the
 * incoming one and sets its privilege. */
uint32_t
schedule (uint32_t sp)
{
  uint32_t control;

  task_sp[current] = sp;
  for (unsigned i = 1; i <= N_TASKS; i++)
    if (alive[(current + i) % N_TASKS]) {
      current = (current + i) % N_TASKS;
      break;
    }
  control = current == TASK_A ? 3 : 2; /* PSP, and unprivileged for A */
  __asm volatile("msr control, %0" : : "r"(control));
  return task_sp[current];
}

__attribute__ ((naked)) void
PendSV_Handler (void)
{
  __asm volatile("mrs r0, psp\n"
                 "stmdb r0!, {r4-r11}\n"
                 "push {r3, lr}\n"
                 "bl schedule\n"
                 "pop {r3, lr}\n"
                 "ldmia r0!, {r4-r11}\n"
                 "msr psp, r0\n"
                 "bx lr\n");
}

/* The tick starts with the first task: a PendSV before it would save a
 * context that does not exist. */
void
start_tick (void)
{
  REG (TIMER0 + 0x08) = MPS2_SYSCLK_HZ / 1000; /* 1 ms */
  REG (TIMER0 + 0x00) = 9;                     /* enable, interrupt */
}

/* svc 0 from main: the first task, A, unprivileged on the process stack. */
__attribute__ ((naked)) void
SVC_Handler (void)
{
  __asm volatile("bl start_tick\n"
                 "ldr r0, =task_sp\n"
                 "ldr r0, [r0]\n"
                 "ldmia r0!, {r4-r11}\n"
                 "msr psp, r0\n"
                 "movs r1, #3\n"
                 "msr control, r1\n"
                 "isb\n"
                 "ldr lr, =0xfffffffd\n"
                 "bx lr\n");
}

/* The task that broke the rules is not run again. */
void
MemManage_Handler (void)
{
  uint32_t cfsr = CFSR, far = MMFAR;

  CFSR = cfsr;
  a_fault_ok = current == TASK_A && (cfsr & 0x82) == 0x82 && far == (uint32_t) &secret;
  alive[current] = 0;
  a_dead = 1;
  ICSR = 1u << 28;
}

static void
task_exit (void)
{
  for (;;)
    ;
}

static void
task_start (unsigned t, void (*fn) (void))
{
  uint32_t *sp = &stacks[t][256 - 16];

  for (unsigned i = 0; i < 16; i++)
    sp[i] = 0;
  sp[8 + 5] = (uint32_t) task_exit; /* lr */
  sp[8 + 6] = (uint32_t) fn & ~1u;  /* pc */
  sp[8 + 7] = 1u << 24;             /* xPSR: Thumb */
  task_sp[t] = (uint32_t) sp;
}

/* ---- the tasks ---- */

/* Unprivileged: fills the shared buffer, then touches what it may not. */
static void
task_a (void)
{
  shared[0] = 0x1234;
  for (unsigned i = 0; i < 1000; i++)
    shared[1]++;
  secret = 1; /* MemManage */
  for (;;)
    ;
}

static void
task_b (void)
{
  uint32_t t0, held;

  while (!a_dead)
    ;
  printf ("rtos: task A stopped by the MPU writing the secret: %s; secret %lu, "
          "shared 0x%lx %lu\n",
          a_fault_ok ? "yes" : "no", (unsigned long) secret, (unsigned long) shared[0],
          (unsigned long) shared[1]);

  /* A critical section as an RTOS makes it: the tick waits, the dual
   * timer's interrupt (above MAX_SYSCALL_PRIORITY) does not. */
  __asm volatile("msr basepri, %0" : : "r"(MAX_SYSCALL_PRIORITY));
  __asm volatile("isb");
  t0 = ticks;
  REG (DUALTIMER + 0x00) = 2500;
  REG (DUALTIMER + 0x08) = 0xa3; /* enable, inten, 32-bit, one-shot */
  while (!hi_fired)
    ;
  while (!(NVIC_ISPR0 & (1u << 8)))
    ; /* a tick is due, held back */
  held = ticks == t0;
  __asm volatile("msr basepri, %0" : : "r"(0));
  __asm volatile("isb");
  printf ("rtos: critical section: the high interrupt ran %s, the tick was held %s\n",
          hi_fired ? "yes" : "no", held ? "yes" : "no");
  while (ticks == t0)
    ;
  printf ("rtos: the tick goes on after it\n");
  printf ("rtos: done\n");
  exit (0);
}

/* ---- start-up ---- */

static void
mpu_region (unsigned n, uint32_t base, uint32_t rasr)
{
  MPU_RBAR = base | 0x10 | n;
  MPU_RASR = rasr;
}

int
main (void)
{
  uint8_t kept;

  /* FreeRTOS's port: 0xff into the first priority register tells what
   * the NVIC keeps. */
  NVIC_IPR[0] = 0xff;
  kept = NVIC_IPR[0];
  NVIC_IPR[0] = 0;
  printf ("rtos: priority bits kept 0x%02x, max syscall priority 0x%02x %s\n", kept,
          MAX_SYSCALL_PRIORITY, (MAX_SYSCALL_PRIORITY & ~kept) == 0 ? "fits" : "does not fit");

  /* Regions: privileged code sees everything; task A the code (read
   * only), its stack and the shared buffer. */
  mpu_region (0, 0x00000000, 0x0100003fu);                /* 4 GiB, privileged RW */
  mpu_region (1, 0x00000000, 0x0600002bu);                /* 4 MiB code, RO */
  mpu_region (2, (uint32_t) stacks[TASK_A], 0x13000013u); /* 1 KiB, RW, XN */
  mpu_region (3, (uint32_t) shared, 0x13000013u);         /* 1 KiB, RW, XN */
  SHCSR |= 1u << 16;                                      /* MEMFAULTENA */
  MPU_CTRL = 1;
  __asm volatile("dsb\n isb");

  SHPR3 = 0xffu << 16; /* PendSV lowest */
  NVIC_IPR[8] = 0xe0;  /* the tick */
  NVIC_IPR[10] = 0x40; /* the dual timer: above MAX_SYSCALL_PRIORITY */
  NVIC_ISER0 = (1u << 8) | (1u << 10);

  task_start (TASK_A, task_a);
  task_start (TASK_B, task_b);
  current = TASK_A;
  __asm volatile("svc 0");
  for (;;)
    ;
}
