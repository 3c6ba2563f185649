/* Code that is hard on a translating tier (docs/translator.md,
 * "Invalidation"), with the MMU off, checked here for its results and by
 * test-jit-lockstep for the same counts, times and registers in both
 * tiers.  No cache maintenance anywhere: Medley promises that a store to
 * an instruction is seen by the next instruction fetched, in both tiers
 * (the architecture asks for DC CVAU + IC IVAU + ISB; QEMU sees the store
 * only after its current block: Medley only).
 *   1. an instruction two instructions after the store that patches it,
 *      in the same block, rewritten on each of 300 iterations;
 *   2. a called function patched between calls, 200 times;
 *   3. the instruction right after the store, ten times over;
 *   4. a straight run entered at its start, in its middle, at +4 and at
 *      its start again;
 *   5. a load fault after three instructions of a straight run;
 *   6. a jump into a device's registers (the PL011 of virt-gic.dts): the
 *      fetch reads the device, nothing is cached or translated, and what
 *      it reads is UNDEFINED;
 *   7. a hot loop storing to data on the same page as code;
 *   8. a whole function copied over another (a loader's write). */
#include "test.h"

#define ADD_X0(imm) (0x91000000u | (u32) (imm) << 10) /* add x0, x0, #imm */
#define MOVZ_X0(imm) (0xd2800000u | (u32) (imm) << 5) /* movz x0, #imm */

extern u32 p1[], p3[], fn_a[], fn_b[], run16[], near_word[];
extern char fault5[], after5[];

__asm__ (".text\n"
         ".globl fn_a\n"
         "fn_a: movz x0, #0\n"
         "  ret\n"
         ".globl fn_b\n"
         "fn_b: movz x0, #7\n"
         "  add x0, x0, #5\n"
         "  ret\n"
         ".globl run16\n"
         "run16: .rept 16\n"
         "  add x0, x0, #1\n"
         "  .endr\n"
         "  ret\n"
         ".balign 8\n"
         ".globl near_word\n"
         "near_word: .quad 0\n");

static volatile u64 seen_elr, seen_esr, kinds;
static volatile u64 ret_to;

static void
h (int k, Frame *f)
{
  (void) f;
  kinds = kinds * 16 + (u64) k;
  seen_elr = SYSREG_READ (elr_el1);
  seen_esr = SYSREG_READ (esr_el1);
  SYSREG_WRITE (elr_el1, ret_to);
}

int
main (void)
{
  u64 r, i;

  on_exception (h);

  /* 1 */
  __asm__ volatile("mov x0, #0\n"
                   "  mov x2, #0\n"
                   "  adr x1, p1\n"
                   "1: movz w3, #0x9100, lsl #16\n"
                   "  orr w3, w3, w2, lsl #10\n"
                   "  str w3, [x1]\n"
                   "  nop\n"
                   ".globl p1\n"
                   "p1: add x0, x0, #0\n"
                   "  add x2, x2, #1\n"
                   "  cmp x2, #300\n"
                   "  b.ne 1b\n"
                   "  mov %0, x0"
                   : "=r"(r)
                   :
                   : "x0", "x1", "x2", "x3", "cc", "memory");
  P ("1 sum", r);
  CHECK (1, r == 44850);

  /* 2 */
  for (i = 1; i < 200; i++) {
    r = call_code ((u64) fn_a);
    CHECK (2, r == i - 1);
    *(volatile u32 *) fn_a = MOVZ_X0 (i);
  }
  P ("2 last", r);

  /* 3 */
  __asm__ volatile("mov x0, #0\n"
                   "  mov x2, #0\n"
                   "  adr x1, p3\n"
                   "1: movz w3, #0x9100, lsl #16\n"
                   "  orr w3, w3, w2, lsl #10\n"
                   "  str w3, [x1]\n"
                   ".globl p3\n"
                   "p3: add x0, x0, #0\n"
                   "  add x2, x2, #1\n"
                   "  cmp x2, #10\n"
                   "  b.ne 1b\n"
                   "  mov %0, x0"
                   : "=r"(r)
                   :
                   : "x0", "x1", "x2", "x3", "cc", "memory");
  P ("3 sum", r);
  CHECK (3, r == 45);

  /* 4 */
  CHECK (4, call_code ((u64) run16) == 16);
  CHECK (5, call_code ((u64) (const char *) run16 + 44) == 5); /* the twelfth add */
  CHECK (6, call_code ((u64) (const char *) run16 + 4) == 15);
  CHECK (7, call_code ((u64) run16) == 16);

  /* 5 */
  ret_to = (u64) after5;
  __asm__ volatile("mov x0, #0\n"
                   "  mov x1, #0\n"
                   "  mov x2, #0x50000000\n"
                   "  add x0, x0, #1\n"
                   "  add x0, x0, #2\n"
                   "  add x0, x0, #3\n"
                   ".globl fault5\n"
                   "fault5: ldr x1, [x2]\n"
                   "  add x0, x0, #100\n"
                   ".globl after5\n"
                   "after5: mov %0, x0\n"
                   "  mov %1, x1"
                   : "=r"(r), "=r"(i)
                   :
                   : "x0", "x1", "x2", "memory");
  P ("5 esr", seen_esr);
  CHECK (8, r == 6 && i == 0);
  CHECK (9, seen_elr == (u64) fault5);

  /* 6 */
  {
    extern char back6[];

    ret_to = (u64) back6;
    __asm__ volatile("movz x9, #0x0900, lsl #16\n"
                     "  add x9, x9, #0x18\n"
                     "  br x9\n"
                     ".globl back6\n"
                     "back6:" ::
                       : "x9", "memory");
    P ("6 esr", seen_esr);
    CHECK (10, seen_elr == 0x09000018);
  }

  /* 7 */
  {
    volatile u64 *w = (volatile u64 *) near_word;

    for (i = 0; i < 2000; i++)
      *w += i;
    P ("7 sum", *w);
    CHECK (11, *w == 1999000);
  }

  /* 8: fn_b's three instructions over fn_a's first three, and back */
  {
    u32 save[3];

    CHECK (12, call_code ((u64) fn_b) == 12);
    for (i = 0; i < 3; i++)
      save[i] = fn_a[i];
    for (i = 0; i < 3; i++)
      ((volatile u32 *) fn_a)[i] = fn_b[i];
    CHECK (13, call_code ((u64) fn_a) == 12);
    for (i = 0; i < 3; i++)
      ((volatile u32 *) fn_a)[i] = save[i];
    CHECK (14, call_code ((u64) fn_a) == 199);
  }
  P ("kinds", kinds);
  return failed;
}
