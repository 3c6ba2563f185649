/* Two cores and code one of them patches while the other runs it, with
 * no cache maintenance: the pattern of Linux patching its own text
 * (static keys, alternatives) on the 4-core board, where the two tiers
 * used to run the old instruction on one core for different lengths of
 * time.  Medley sees a store to code at the next instruction any core
 * fetches, in both tiers; the counts printed depend on how the cores
 * interleave, so the test is Medley's (lock-stepped:
 * jit-lockstep-aarch64/smc-smp), not QEMU's.
 *   A. MMU off.  Core 0 runs every instruction core 1 will run first
 *      (the function, the waiting loop, the entry), so core 1 only ever
 *      fetches code core 0 marked already; core 1 calls the function
 *      until it returns something new, core 0 patches it.  (Core 1 never
 *      heard the store: it listened for stores only once it marked code
 *      of its own.)
 *   B. MMU on, the same tables on both cores: core 1 calls the function
 *      through an alias 1 GiB above it, core 0 patches it through its
 *      identity mapping.  (The interpreter's decode cache, keyed by
 *      virtual pc, heard nothing until its own next IC or TLB
 *      maintenance.) */
#include "test.h"

#define MOVZ_X0(imm) (0xd2800000u | (u32) (imm) << 5) /* movz x0, #imm */
#define LIMIT        1000000ull                       /* calls before core 1 gives up */
#define ALIAS        0x40000000ull
#define AF           (1ull << 10)
#define SH           (3ull << 8)
#define TABLE        3ull
#define BLOCK        1ull

static u64 l1[512] __attribute__ ((aligned (4096)));
static u64 l2[512] __attribute__ ((aligned (4096)));
static volatile u64 started_a, n_a, seen_a, started_b, n_b, seen_b, done, scratch[2];
static u64 stack1[1024] __attribute__ ((aligned (16)));
u64 *const stack1_top = stack1 + 1024;

extern u32 fn_s[];
void sec_entry (void);

/* The patched function, and core 1's entry: x19 and x20 keep the
 * caller's sp and lr, so that core 0 can run it as a call first. */
__asm__(".text\n"
        ".balign 64\n"
        ".globl fn_s\n"
        "fn_s: movz x0, #0\n"
        "  ret\n"
        ".balign 64\n"
        ".globl sec_entry\n"
        "sec_entry:\n"
        "  mov x19, sp\n"
        "  mov x20, x30\n"
        "  ldr x1, =stack1_top\n"
        "  ldr x1, [x1]\n"
        "  mov sp, x1\n"
        "  bl secondary\n"
        "  mov sp, x19\n"
        "  ret x20\n"
        ".ltorg\n");

/* Says it started, then calls @fn until it returns something other than
 * @old, at most @limit times; the calls before that and what came. */
static void __attribute__ ((noinline))
wait_change (volatile u64 *started, u64 fn, u64 old, u64 limit, volatile u64 *n, volatile u64 *seen)
{
  u64 i = 0, r;

  *started = 1;
  while ((r = call_code (fn)) == old && ++i < limit)
    ;
  *n = i;
  *seen = r;
}

static void
mmu_on (void)
{
  SYSREG_WRITE (mair_el1, 0xff);
  /* T0SZ = 25 (39 bits), 4 KiB granule, inner shareable WBWA, 40-bit IPS */
  SYSREG_WRITE (tcr_el1, 25 | (1 << 8) | (1 << 10) | (3 << 12) | (2ull << 32));
  SYSREG_WRITE (ttbr0_el1, (u64) l1);
  __asm__ volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
  SYSREG_WRITE (sctlr_el1, SYSREG_READ (sctlr_el1) | 1 | (1 << 2) | (1 << 12));
  __asm__ volatile("isb" ::: "memory");
}

/* What core 1 does first, set by core 0: run once by core 0 itself
 * (rehearsal), so that core 1 fetches the very same instructions. */
static struct {
  volatile u64 *started, *n, *seen;
  u64 fn, old, limit, rehearsal;
} job;

static void __attribute__ ((noinline)) part_b (void)
{
  mmu_on ();
  wait_change (&started_b, (u64) fn_s + ALIAS, 1, LIMIT, &n_b, &seen_b);
  done = 1;
  __asm__ volatile("dsb sy" ::: "memory");
  psci (0x84000002, 0, 0, 0); /* CPU_OFF */
  for (;;)
    ;
}

void secondary (void);
void
secondary (void)
{
  wait_change (job.started, job.fn, job.old, job.limit, job.n, job.seen);
  if (job.rehearsal)
    return;
  part_b ();
}

int
main (void)
{
  u64 fn = (u64) fn_s, i;

  /* For B: 1 GiB of RAM at 0x40000000 in 2 MiB blocks, identity mapped
   * and again 1 GiB above, made before core 1 starts. */
  for (i = 0; i < 512; i++)
    l2[i] = (0x40000000ull + i * 0x200000ull) | AF | SH | BLOCK;
  l1[1] = (u64) l2 | TABLE;
  l1[2] = (u64) l2 | TABLE;
  /* A: every instruction core 1 runs until it sees the patch, run here
   * first (the entry as a call, with context 0). */
  job.started = &scratch[0], job.n = job.seen = &scratch[1];
  job.fn = fn, job.old = 0, job.limit = 3, job.rehearsal = 1;
  __asm__ volatile("blr %0"
                   :
                   : "r"(sec_entry)
                   : "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
                     "x12", "x13", "x14", "x15", "x16", "x17", "x19", "x20", "x30", "memory", "cc");
  job.started = &started_a, job.n = &n_a, job.seen = &seen_a;
  job.limit = LIMIT, job.rehearsal = 0;
  P ("cpu_on(1)", psci (0xc4000003, 1, (u64) sec_entry, 0));
  while (!started_a)
    ;
  delay (3000);
  *(volatile u32 *) fn = MOVZ_X0 (1);
  while (!started_b)
    ;
  P ("A: calls before the patch was seen", n_a);
  P ("A: seen", seen_a);
  CHECK (1, n_a < LIMIT && seen_a == 1);

  /* B: core 1 turned its MMU on, this core does now. */
  mmu_on ();
  delay (3000);
  *(volatile u32 *) fn = MOVZ_X0 (2);
  while (!done)
    ;
  P ("B: calls before the patch was seen", n_b);
  P ("B: seen", seen_b);
  CHECK (2, n_b < LIMIT && seen_b == 2);
  while (psci (0xc4000004, 1, 0, 0) != 1)
    ;
  return failed;
}
