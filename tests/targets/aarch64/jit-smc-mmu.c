/* Stores to code fetched through the MMU, without cache maintenance, in
 * both tiers (docs/translator.md, "The A64 frontend", Stores to code): a
 * block translated with the MMU on, and the decode cache's fill, mark the
 * physical page, so a store to its bytes, through the mapping the code
 * runs from or through an alias of it, reaches the block and the decoded
 * instruction at once.  The architecture asks for DC CVAU + IC IVAU + ISB
 * and allows the old instruction until then (the interpreter used to
 * run it until its next IC maintenance or TLBI); QEMU sees such a store
 * after its current block.  Medley only.
 *   1. a called function patched through its own address, 200 times;
 *   2. the same function patched through an alias 1 GiB above it;
 *   3. called through the alias and patched through its own address. */
#include "test.h"

#define MOVZ_X0(imm) (0xd2800000u | (u32) (imm) << 5) /* movz x0, #imm */
#define ALIAS        0x40000000ull
#define AF           (1ull << 10)
#define SH           (3ull << 8)
#define TABLE        3ull
#define BLOCK        1ull

static u64 l1[512] __attribute__ ((aligned (4096)));
static u64 l2[512] __attribute__ ((aligned (4096)));

extern u32 fn_m[];

__asm__(".text\n"
        ".globl fn_m\n"
        "fn_m: movz x0, #0\n"
        "  ret\n");

int
main (void)
{
  u64 fn = (u64) fn_m, r = 0, i;

  /* 1 GiB of RAM at 0x40000000 in 2 MiB blocks, identity mapped and
   * again 1 GiB above */
  for (i = 0; i < 512; i++)
    l2[i] = (0x40000000ull + i * 0x200000ull) | AF | SH | BLOCK;
  l1[1] = (u64) l2 | TABLE;
  l1[2] = (u64) l2 | TABLE;
  SYSREG_WRITE (mair_el1, 0xff);
  /* T0SZ = 25 (39 bits), 4 KiB granule, inner shareable WBWA, 40-bit IPS */
  SYSREG_WRITE (tcr_el1, 25 | (1 << 8) | (1 << 10) | (3 << 12) | (2ull << 32));
  SYSREG_WRITE (ttbr0_el1, (u64) l1);
  __asm__ volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
  SYSREG_WRITE (sctlr_el1, SYSREG_READ (sctlr_el1) | 1 | (1 << 2) | (1 << 12));
  P ("mmu on", SYSREG_READ (sctlr_el1) & 1);

  /* 1 */
  for (i = 1; i < 200; i++) {
    r = call_code (fn);
    CHECK (1, r == i - 1);
    *(volatile u32 *) fn = MOVZ_X0 (i);
  }
  P ("1 last", r);

  /* 2 */
  for (i = 1; i < 200; i++) {
    r = call_code (fn);
    CHECK (2, r == (i == 1 ? 199 : 1000 + i - 1));
    *(volatile u32 *) (fn + ALIAS) = MOVZ_X0 (1000 + i);
  }
  P ("2 last", r);

  /* 3 */
  for (i = 1; i < 200; i++) {
    r = call_code (fn + ALIAS);
    CHECK (3, r == (i == 1 ? 1199 : 2000 + i - 1));
    *(volatile u32 *) fn = MOVZ_X0 (2000 + i);
  }
  P ("3 last", r);
  return failed;
}
