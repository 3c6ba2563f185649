/* Branches: every condition of b.cond over every flag combination,
 * cbz/cbnz and tbz/tbnz on both widths, bl/blr/ret/br. */
#include "test.h"

u64 leaf (u64 x);
u64 __attribute__ ((noinline, used)) leaf (u64 x)
{
  return x * 3 + 1;
}

#define BCOND(c)                                                                                   \
  do {                                                                                             \
    u64 m = 0;                                                                                     \
    for (u64 f = 0; f < 16; f++) {                                                                 \
      u64 t;                                                                                       \
      __asm__ volatile("msr nzcv, %1\n\tmov %0, #0\n\tb." c " 1f\n\tb 2f\n1:\tmov %0, #1\n2:"      \
                       : "=&r"(t)                                                                  \
                       : "r"(f << 28));                                                            \
      m |= t << f;                                                                                 \
    }                                                                                              \
    P ("b." c, m);                                                                                 \
  } while (0)

int
main (void)
{
  BCOND ("eq");
  BCOND ("ne");
  BCOND ("cs");
  BCOND ("cc");
  BCOND ("mi");
  BCOND ("pl");
  BCOND ("vs");
  BCOND ("vc");
  BCOND ("hi");
  BCOND ("ls");
  BCOND ("ge");
  BCOND ("lt");
  BCOND ("gt");
  BCOND ("le");
  BCOND ("al");
  BCOND ("nv");

  static const u64 v[] = { 0, 1, 0x100000000ull, 0x80000000ull, 0x8000000000000000ull, 8 };
  for (unsigned i = 0; i < 6; i++) {
    u64 r = 0;
    __asm__ volatile(
      "cbz %1, 1f\n\torr %0, %0, #1\n1:\tcbnz %w1, 2f\n\torr %0, %0, #2\n2:\t"
      "tbz %1, #63, 3f\n\torr %0, %0, #4\n3:\ttbnz %w1, #3, 4f\n\torr %0, %0, #8\n4:\t"
      "tbnz %1, #32, 5f\n\torr %0, %0, #16\n5:"
      : "+r"(r)
      : "r"(v[i]));
    P ("cb/tb", r);
  }
  u64 r;
  __asm__ volatile("mov x0, #5\n\tbl leaf\n\tmov %0, x0"
                   : "=r"(r)::"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10",
                     "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x30", "memory");
  CHECK (1, r == 16);
  __asm__ volatile("mov x0, #7\n\tadr x1, leaf\n\tblr x1\n\tmov %0, x0"
                   : "=r"(r)::"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10",
                     "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x30", "memory");
  CHECK (2, r == 22);
  __asm__ volatile("adr x1, 1f\n\tmov %0, #1\n\tbr x1\n\tmov %0, #2\n1:" : "=r"(r)::"x1");
  CHECK (3, r == 1);
  P ("bl/blr/br", r);
  return failed;
}
