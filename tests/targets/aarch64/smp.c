/* Two cores: PSCI CPU_ON starts core 1 (entry and context id), both add
 * to one counter with ldaxr/stlxr (every store-exclusive that lost the
 * race retries), AFFINITY_INFO follows core 1 to CPU_OFF.  Run on QEMU
 * with -smp 2, whose cores are host threads: nothing printed may depend
 * on how they interleave (core 1 waits for a go before counting, so the
 * second CPU_ON always finds it on). */
#include "test.h"

#define N 20000

static volatile u64 counter, ctx_seen, done1, mpidr1, started1, go;
static u64 stack1[1024] __attribute__ ((aligned (16)));
u64 *const stack1_top = stack1 + 1024;

static void
add_many (void)
{
  for (int i = 0; i < N; i++) {
    u64 tmp, fail;
    __asm__ volatile("1:\tldaxr %0, [%2]\n\tadd %0, %0, #1\n\tstlxr %w1, %0, [%2]\n\tcbnz %w1, 1b"
                     : "=&r"(tmp), "=&r"(fail)
                     : "r"(&counter)
                     : "memory");
  }
}

void secondary (u64 ctx);
void
secondary (u64 ctx)
{
  ctx_seen = ctx;
  mpidr1 = SYSREG_READ (mpidr_el1);
  started1 = 1;
  while (!go) /* so that core 0's second CPU_ON finds it on */
    __asm__ volatile("yield" ::: "memory");
  add_many ();
  done1 = 1;
  __asm__ volatile("dsb sy\n\tsev" ::: "memory");
  psci (0x84000002, 0, 0, 0); /* CPU_OFF */
  for (;;)
    ;
}

void sec_entry (void);
__asm__(".text\n"
        ".globl sec_entry\n"
        "sec_entry:\n"
        "  ldr x1, =stack1_top\n"
        "  ldr x1, [x1]\n"
        "  mov sp, x1\n"
        "  bl secondary\n"
        "  b .\n");

int
main (void)
{
  P ("mpidr", SYSREG_READ (mpidr_el1));
  P ("affinity_info(1) before", psci (0xc4000004, 1, 0, 0));
  u64 on = psci (0xc4000003, 1, (u64) sec_entry, 0x5555), again;
  while (!started1)
    __asm__ volatile("yield" ::: "memory");
  again = psci (0xc4000003, 1, (u64) sec_entry, 0x5555);
  go = 1;
  add_many ();
  while (!done1)
    __asm__ volatile("yield" ::: "memory");
  while (psci (0xc4000004, 1, 0, 0) != 1)
    __asm__ volatile("yield" ::: "memory");
  P ("cpu_on(1)", on);
  P ("cpu_on(1) again", again);
  P ("counter", counter);
  P ("context id", ctx_seen);
  P ("mpidr of core 1", mpidr1);
  P ("affinity_info(1) after", psci (0xc4000004, 1, 0, 0));
  CHECK (1, counter == 2 * N && ctx_seen == 0x5555);
  return failed;
}
