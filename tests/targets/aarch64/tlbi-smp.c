/* Two cores, one page table, and a page one core remaps while the other
 * keeps reading it: what Linux does when it unmaps or copies on write a
 * page of a process whose threads run on other cores.  The remapping core
 * invalidates with the Inner Shareable TLBI forms, which the architecture
 * makes reach every core of the cluster (Medley's once reached only the
 * core that issued them: the reader read the old page for ever).
 *   A. tlbi vae1is: the page's entry, by address.
 *   B. tlbi vmalle1is: everything.
 * The number of reads before the change is seen depends on how the cores
 * interleave, so it is printed, not compared. */
#include "test.h"

#define LIMIT 1000000ull                     /* reads before core 1 gives up */
#define VA    0x80000000ull                  /* the remapped page (l1[2]) */
#define AF    (1ull << 10)
#define SH    (3ull << 8)
#define TABLE 3ull
#define BLOCK 1ull
#define PAGE  3ull

static u64 l1[512] __attribute__ ((aligned (4096)));
static u64 l2[512] __attribute__ ((aligned (4096)));
static u64 l2_va[512] __attribute__ ((aligned (4096)));
static u64 l3_va[512] __attribute__ ((aligned (4096)));
static volatile u64 page_a[512] __attribute__ ((aligned (4096))) = { 1 };
static volatile u64 page_b[512] __attribute__ ((aligned (4096))) = { 2 };
static volatile u64 started_a, n_a, seen_a, started_b, n_b, seen_b, done;
static u64 stack1[1024] __attribute__ ((aligned (16)));
u64 *const stack1_top = stack1 + 1024;

void sec_entry (void);

__asm__(".text\n"
        ".balign 64\n"
        ".globl sec_entry\n"
        "sec_entry:\n"
        "  ldr x1, =stack1_top\n"
        "  ldr x1, [x1]\n"
        "  mov sp, x1\n"
        "  bl secondary\n"
        "1: b 1b\n"
        ".ltorg\n");


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

/* Says it started, then reads VA until it holds something other than
 * @old, at most LIMIT times; the reads before that and what came. */
static void __attribute__ ((noinline))
wait_change (volatile u64 *started, u64 old, volatile u64 *n, volatile u64 *seen)
{
  u64 i = 0, v;

  *started = 1;
  while ((v = *(volatile u64 *) VA) == old && ++i < LIMIT)
    ;
  *n = i;
  *seen = v;
}

void secondary (void);
void
secondary (void)
{
  mmu_on ();
  wait_change (&started_a, 1, &n_a, &seen_a);
  wait_change (&started_b, 2, &n_b, &seen_b);
  done = 1;
  __asm__ volatile("dsb sy" ::: "memory");
  psci (0x84000002, 0, 0, 0); /* CPU_OFF */
}

int
main (void)
{
  u64 i;

  /* 1 GiB of RAM at 0x40000000 in 2 MiB blocks, identity mapped; VA
   * through a last-level table, on page_a first. */
  for (i = 0; i < 512; i++)
    l2[i] = (0x40000000ull + i * 0x200000ull) | AF | SH | BLOCK;
  l1[1] = (u64) l2 | TABLE;
  l3_va[0] = (u64) page_a | AF | SH | PAGE;
  l2_va[0] = (u64) l3_va | TABLE;
  l1[2] = (u64) l2_va | TABLE;
  mmu_on ();
  P ("before", *(volatile u64 *) VA);

  P ("cpu_on(1)", psci (0xc4000003, 1, (u64) sec_entry, 0));
  while (!started_a)
    ;
  delay (3000);
  l3_va[0] = (u64) page_b | AF | SH | PAGE;
  __asm__ volatile("dsb ishst\n\ttlbi vae1is, %0\n\tdsb ish\n\tisb" ::"r"(VA >> 12) : "memory");
  P ("A: this core reads", *(volatile u64 *) VA);
  while (!started_b)
    ;
  P ("A: seen", seen_a);
  CHECK (1, n_a < LIMIT && seen_a == 2);

  delay (3000);
  l3_va[0] = (u64) page_a | AF | SH | PAGE;
  __asm__ volatile("dsb ishst\n\ttlbi vmalle1is\n\tdsb ish\n\tisb" ::: "memory");
  P ("B: this core reads", *(volatile u64 *) VA);
  while (!done)
    ;
  P ("B: seen", seen_b);
  CHECK (2, n_b < LIMIT && seen_b == 1);
  while (psci (0xc4000004, 1, 0, 0) != 1)
    ;
  return failed;
}
