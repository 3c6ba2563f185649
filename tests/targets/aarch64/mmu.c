/* VMSAv8-64 with the 4 KiB granule: identity map through level-1 tables
 * and level-2 blocks, level-3 pages for one 2 MiB region; aliases,
 * access-flag, permission and translation faults at each level with their
 * syndromes, AT, TLBI after a remap, TTBR1 (upper addresses), 39- and
 * 48-bit input ranges. */
#include "test.h"

#define PAGE 4096ull
static u64 l0[512] __attribute__ ((aligned (4096)));
static u64 l1[512] __attribute__ ((aligned (4096)));
static u64 l2[512] __attribute__ ((aligned (4096)));
static u64 l3[512] __attribute__ ((aligned (4096)));

#define REGION 0x40600000ull /* the 2 MiB block mapped with pages */
#define AF (1ull << 10)
#define SH (3ull << 8)
#define TABLE 3ull
#define BLOCK 1ull
#define PAGEDESC 3ull

static volatile u64 last_esr, last_far, faults;
extern char mmu_back_in_el1[];

static void
on_fault (int kind, Frame *f)
{
  last_esr = SYSREG_READ (esr_el1);
  last_far = SYSREG_READ (far_el1);
  if (kind == 8 && (last_esr >> 26) == 0x15) { /* svc from EL0: back to EL1 */
    SYSREG_WRITE (elr_el1, (u64) mmu_back_in_el1);
    SYSREG_WRITE (spsr_el1, 0x3c5);
    return;
  }
  if (kind == 8) {
    puts_ ("el0 fault:\n");
    P ("  esr", last_esr);
    P ("  far", last_far);
  }
  faults++;
  if ((last_esr >> 26) == 0x21) { /* a fetch from the page called: back to the caller */
    SYSREG_WRITE (elr_el1, f->x30);
    return;
  }
  SYSREG_WRITE (elr_el1, SYSREG_READ (elr_el1) + 4);
}

/* EL0: x0 an EL0 read/write page, x1 an EL1-only page, x2 a page only
 * EL1 may read. */
void el0_mmu (void);
__asm__ (".text\n"
         "el0_mmu:\n"
         "  ldr x3, [x0]\n"
         "  str x3, [x0, #8]\n"
         "  ldr x4, [x1]\n"
         "  str x3, [x2]\n"
         "  ldr x5, [x2]\n"
         "  svc #9\n"
         "  b .\n");

static u64
rd (u64 va)
{
  u64 v = 0xbad;
  __asm__ volatile ("ldr %0, [%1]" : "+r"(v) : "r"(va) : "memory");
  return v;
}

static void
wr (u64 va, u64 v)
{
  __asm__ volatile ("str %0, [%1]" ::"r"(v), "r"(va) : "memory");
}

static void
show (const char *what)
{
  puts_ (what);
  puts_ (":\n");
  P ("  esr", last_esr);
  P ("  far", last_far);
  last_esr = last_far = 0;
}

static void
tlbi_all (void)
{
  __asm__ volatile ("dsb ishst\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
}

int
main (void)
{
  on_exception (on_fault);
  /* 1 GiB at 0x40000000 through l2: 2 MiB blocks, the REGION one by l3 */
  l1[1] = (u64) l2 | TABLE;
  for (unsigned i = 0; i < 64; i++)
    l2[i] = (0x40000000ull + i * 0x200000ull) | AF | SH | BLOCK;
  l2[(REGION - 0x40000000ull) >> 21] = (u64) l3 | TABLE;
  for (unsigned i = 0; i < 512; i++)
    l3[i] = (REGION + i * PAGE) | AF | SH | PAGEDESC;
  l3[1] &= ~AF;                       /* access flag clear */
  l3[2] |= 2ull << 6;                 /* AP = read-only at EL1 */
  l3[3] = 0;                          /* invalid */
  l3[6] = REGION | AF | SH | PAGEDESC; /* alias of page 0 */
  l0[0] = (u64) l1 | TABLE;           /* for the 48-bit range below */
  for (unsigned i = 0; i < 8; i++)
    wr (REGION + i * PAGE, 0x1000 + i);

  SYSREG_WRITE (mair_el1, 0xff);
  /* T0SZ = T1SZ = 25 (39 bits), 4 KiB granules, inner shareable WBWA,
   * 40-bit IPS */
  u64 tcr = 25 | (1 << 8) | (1 << 10) | (3 << 12) | (25ull << 16) | (1ull << 24) | (1ull << 26)
            | (3ull << 28) | (2ull << 30) | (2ull << 32);
  SYSREG_WRITE (tcr_el1, tcr);
  SYSREG_WRITE (ttbr0_el1, (u64) l1);
  SYSREG_WRITE (ttbr1_el1, (u64) l1);
  tlbi_all ();
  SYSREG_WRITE (sctlr_el1, SYSREG_READ (sctlr_el1) | 1 | (1 << 2) | (1 << 12));
  P ("mmu on", SYSREG_READ (sctlr_el1) & 1);

  P ("page 0", rd (REGION));
  P ("page 6 (alias of 0)", rd (REGION + 6 * PAGE));
  CHECK (1, rd (REGION + 6 * PAGE) == 0x1000);
  P ("ttbr1 alias", rd (0xffffff8000000000ull + REGION + 5 * PAGE));
  P ("faults so far", faults);

  rd (REGION + 1 * PAGE);
  show ("access flag");
  CHECK (2, (last_esr & 0x3f) == 0);
  wr (REGION + 2 * PAGE, 5);
  show ("write to read-only");
  P ("read-only reads", rd (REGION + 2 * PAGE));
  rd (REGION + 3 * PAGE + 8);
  show ("invalid page");
  rd (0x100000000ull);
  show ("invalid level-1 entry");
  rd (0x8000000000ull);
  show ("beyond 39 bits");
  rd (0xffff000000000000ull);
  show ("beyond 39 bits, upper");

  /* Execute permissions: a page with "mov x0, #7; ret" called at EL1,
   * as it is, with PXN, and writable at EL0 (never executable at EL1). */
  {
    static const char *const what[3] = { "call plain page", "call pxn page", "call el0-writable page" };
    static const u64 extra[3] = { 0, 1ull << 53, 1ull << 6 };
    for (int k = 0; k < 3; k++) {
      u64 page = REGION + (10 + k) * PAGE, r = 0;
      l3[10 + k] = page | AF | SH | PAGEDESC | extra[k];
      wr (page, 0xd65f03c0d28000e0ull); /* mov x0, #7; ret */
      tlbi_all ();
      __asm__ volatile ("dc cvau, %0\n\tdsb ish\n\tic ivau, %0\n\tdsb ish\n\tisb" ::"r"(page) : "memory");
      __asm__ volatile ("mov x0, #0\n\tblr %1\n\tmov %0, x0"
                        : "=r"(r) : "r"(page)
                        : "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
                          "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x30", "memory");
      puts_ (what[k]);
      puts_ (":\n");
      P ("  x0", r);
      P ("  esr", last_esr);
      last_esr = 0;
    }
  }

  /* TBI0: a tagged pointer reaches the untagged page; without it, it faults */
  rd (0x5a00000000000000ull + REGION + 5 * PAGE);
  show ("tagged, TBI0 clear");
  SYSREG_WRITE (tcr_el1, tcr | (1ull << 37));
  P ("tagged, TBI0 set", rd (0x5a00000000000000ull + REGION + 5 * PAGE));
  SYSREG_WRITE (tcr_el1, tcr);

  /* AT */
  u64 par;
  __asm__ volatile ("at s1e1r, %1\n\tisb\n\tmrs %0, par_el1" : "=r"(par) : "r"(REGION + 6 * PAGE + 8));
  P ("at ok", par & 0xfffffffff001ull);
  __asm__ volatile ("at s1e1w, %1\n\tisb\n\tmrs %0, par_el1" : "=r"(par) : "r"(REGION + 2 * PAGE));
  P ("at ro write", par & 0x7f);

  /* remap page 6 onto page 4, then TLBI */
  l3[6] = (REGION + 4 * PAGE) | AF | SH | PAGEDESC;
  __asm__ volatile ("dsb ishst\n\ttlbi vaae1, %0\n\tdsb ish\n\tisb" ::"r"((REGION + 6 * PAGE) >> 12) : "memory");
  P ("page 6 after remap", rd (REGION + 6 * PAGE));
  l3[1] |= AF;
  tlbi_all ();
  P ("page 1 with AF", rd (REGION + PAGE));

  /* EL0: its own page, and the EL1-only ones fault as a lower EL's */
  l3[4] |= 1ull << 6; /* AP = 01: read/write at EL0 and EL1 */
  tlbi_all ();
  {
    u64 loaded;
    SYSREG_WRITE (elr_el1, (u64) el0_mmu);
    SYSREG_WRITE (spsr_el1, 0);
    __asm__ volatile ("mov x0, %1\n\tmov x1, %2\n\tmov x2, %3\n\teret\n"
                      ".globl mmu_back_in_el1\n"
                      "mmu_back_in_el1:\n\tmov %0, x3"
                      : "=r"(loaded)
                      : "r"(REGION + 4 * PAGE), "r"(REGION), "r"(REGION + 2 * PAGE)
                      : "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10",
                        "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x30",
                        "memory");
    P ("el0 loaded", loaded);
    P ("el0 stored", rd (REGION + 4 * PAGE + 8));
  }

  /* 48-bit input range: the walk starts at level 0 */
  u64 sctlr = SYSREG_READ (sctlr_el1);
  SYSREG_WRITE (sctlr_el1, sctlr & ~1ull);
  SYSREG_WRITE (tcr_el1, (tcr & ~0x3full) | 16);
  SYSREG_WRITE (ttbr0_el1, (u64) l0);
  tlbi_all ();
  SYSREG_WRITE (sctlr_el1, sctlr);
  P ("48-bit page 0", rd (REGION));
  rd (0x800000000000ull - PAGE);
  show ("48-bit: invalid level-0 entry");
  rd (REGION + 3 * PAGE);
  show ("48-bit: invalid page");

  /* ASIDs: non-global entries of ASID 1 are not used under ASID 2 */
  l3[7] |= 1ull << 11; /* nG */
  SYSREG_WRITE (ttbr0_el1, (u64) l0 | (1ull << 48));
  tlbi_all ();
  P ("asid 1 page 7", rd (REGION + 7 * PAGE));
  l3[7] = (REGION + 0 * PAGE) | AF | SH | PAGEDESC | (1ull << 11);
  __asm__ volatile ("dsb ish" ::: "memory");
  SYSREG_WRITE (ttbr0_el1, (u64) l0 | (2ull << 48));
  P ("asid 2 page 7", rd (REGION + 7 * PAGE));

  SYSREG_WRITE (sctlr_el1, SYSREG_READ (sctlr_el1) & ~1ull);
  tlbi_all ();
  P ("faults", faults);
  return failed;
}
