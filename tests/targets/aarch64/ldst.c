/* Loads and stores: every size and sign extension, the addressing forms
 * (unsigned offset, unscaled, pre/post-index, register offset with each
 * extend, literal), pairs, unprivileged forms at EL1, exclusives and
 * acquire/release, dc zva. */
#include "test.h"

static unsigned char buf[256] __attribute__ ((aligned (64)));
static const u64 lit __attribute__ ((used)) = 0x8877665544332211ull;

#define LD(name, insn, off)                                                                        \
  do {                                                                                             \
    u64 r_, b_ = (u64) buf;                                                                        \
    __asm__ volatile(insn : "=&r"(r_) : "r"(b_), "r"((u64) (off)) : "memory");                     \
    P (name, r_);                                                                                  \
  } while (0)

int
main (void)
{
  for (unsigned i = 0; i < sizeof buf; i++)
    buf[i] = (unsigned char) (i * 37 + 0x81);

  LD ("ldrb", "ldrb %w0, [%1, #5]", 0);
  LD ("ldrsb x", "ldrsb %0, [%1, #6]", 0);
  LD ("ldrsb w", "ldrsb %w0, [%1, #7]", 0);
  LD ("ldrh", "ldrh %w0, [%1, #8]", 0);
  LD ("ldrsh x", "ldrsh %0, [%1, #10]", 0);
  LD ("ldrsh w", "ldrsh %w0, [%1, #12]", 0);
  LD ("ldr w", "ldr %w0, [%1, #16]", 0);
  LD ("ldrsw", "ldrsw %0, [%1, #20]", 0);
  LD ("ldr x", "ldr %0, [%1, #24]", 0);
  LD ("ldur", "add %0, %1, #64\n\tldur %0, [%0, #-3]", 0);
  LD ("ldursh", "add %0, %1, #64\n\tldursh %0, [%0, #-1]", 0);
  LD ("ldr reg", "ldr %0, [%1, %2]", 40);
  LD ("ldr reg lsl", "ldr %0, [%1, %2, lsl #3]", 5);
  LD ("ldrh uxtw", "ldrh %w0, [%1, %w2, uxtw #1]", 0x100000007ull);
  LD ("ldr sxtw", "add %0, %1, #128\n\tldr %w0, [%0, %w2, sxtw #2]", (u32) -3);
  LD ("ldrsb sxtx", "add %0, %1, #128\n\tldrsb %0, [%0, %2, sxtx]", -100);
  LD ("ldtr", "ldtr %0, [%1, #32]", 0);
  LD ("ldtrsb", "ldtrsb %0, [%1, #33]", 0);
  LD ("literal", "ldr %0, lit", 0);
  LD ("literal sw", "ldrsw %0, lit + 4", 0);
  LD ("adr", "adr %0, lit\n\tsub %0, %0, %1", 0);

  /* pre/post-index write-back */
  {
    u64 p = (u64) buf + 16, v1, v2;
    __asm__ volatile("ldr %1, [%0, #8]!\n\tldr %w2, [%0], #-4"
                     : "+r"(p), "=r"(v1), "=r"(v2)::"memory");
    P ("pre/post", p - (u64) buf);
    P ("pre v", v1);
    P ("post v", v2);
  }
  /* stores of every size, read back */
  {
    u64 p = (u64) buf + 64;
    __asm__ volatile("strb %w1, [%0]\n\tstrh %w1, [%0, #2]\n\tstr %w1, [%0, #4]\n\t"
                     "str %1, [%0, #8]\n\tstur %1, [%0, #17]\n\tsttrh %w1, [%0, #30]\n\t"
                     "strb %w1, [%0, %2]\n\tstr %w1, [%0, #-4]!\n\tstrh %w1, [%0], #2"
                     : "+r"(p)
                     : "r"(0x0123456789abcdefull), "r"(40ull)
                     : "memory");
    P ("store p", p - (u64) buf);
    for (int i = 56; i < 112; i += 8)
      P ("mem", *(volatile u64 *) (buf + i));
  }
  /* pairs */
  {
    u64 p = (u64) buf + 128, a, b, c, d;
    __asm__ volatile(
      "stp %4, %5, [%0, #-16]!\n\tldp %1, %2, [%0], #16\n\t"
      "ldpsw %3, %1, [%0, #-12]\n\tstp %w5, %w4, [%0, #8]\n\tldp %w2, %w3, [%0, #4]\n\t"
      "stnp %4, %4, [%0, #32]\n\tldnp %2, %3, [%0, #24]"
      : "+r"(p), "=&r"(a), "=&r"(b), "=&r"(c)
      : "r"(0x1111222233334444ull), "r"(0x8888999900001111ull)
      : "memory");
    d = 0;
    P ("pair p", p - (u64) buf);
    P ("pair a", a), P ("pair b", b), P ("pair c", c), P ("pair d", d);
  }
  /* exclusives */
  {
    u64 p = (u64) buf + 192, v, st1, st2, st3;
    *(volatile u64 *) p = 5;
    __asm__ volatile("ldxr %1, [%0]\n\tadd %1, %1, #1\n\tstxr %w2, %1, [%0]\n\t"
                     "stxr %w3, %1, [%0]\n\t"
                     "ldaxr %1, [%0]\n\tclrex\n\tstlxr %w4, %1, [%0]"
                     : "+r"(p), "=&r"(v), "=&r"(st1), "=&r"(st2), "=&r"(st3)::"memory");
    P ("excl v", *(volatile u64 *) p);
    P ("stxr ok", st1), P ("stxr again", st2), P ("stlxr after clrex", st3);
    CHECK (1, st1 == 0 && st2 == 1 && st3 == 1 && *(volatile u64 *) p == 6);
    __asm__ volatile("ldxrb %w1, [%0]\n\tstxrb %w2, %w1, [%0]\n\tldaxrh %w1, [%0]\n\t"
                     "stlxrh %w3, %w1, [%0]"
                     : "+r"(p), "=&r"(v), "=&r"(st1), "=&r"(st2)::"memory");
    P ("excl b/h", st1 | st2 << 8);
    u64 q = (u64) buf + 208, a = 0x1234, b = 0x5678;
    __asm__ volatile("stp %1, %2, [%0]\n\tldxp %1, %2, [%0]\n\tadd %1, %1, #1\n\t"
                     "stxp %w3, %2, %1, [%0]\n\tldaxp %w1, %w2, [%0]\n\tstlxp %w4, %w2, %w1, [%0]"
                     : "+r"(q), "+r"(a), "+r"(b), "=&r"(st1), "=&r"(st2)::"memory");
    P ("pair excl", st1 | st2 << 8);
    P ("pair mem0", *(volatile u64 *) q);
    P ("pair mem1", *(volatile u64 *) (q + 8));
    __asm__ volatile("stlr %w2, [%1]\n\tldar %0, [%1]\n\tstlrb %w2, [%1, #0]\n\tldarh %w0, [%1]"
                     : "=&r"(v)
                     : "r"(q), "r"(0xabcdef99ull)
                     : "memory");
    P ("ldar", v);
  }
  /* dc zva clears a 64-byte block */
  {
    u64 dczid;
    __asm__ volatile("mrs %0, dczid_el0" : "=r"(dczid));
    P ("dczid", dczid);
    __asm__ volatile("dc zva, %0" ::"r"((u64) buf + 70) : "memory");
    for (int i = 56; i < 136; i += 8)
      P ("zva", *(volatile u64 *) (buf + i));
  }
  return failed;
}
