/* Integer data processing: every operation over a table of edge values,
 * with the flags, each operation's results folded into one printed hash
 * (QEMU's hashes are the reference), plus hand-checked values. */
#include "test.h"

static const u64 vals[] = {
  0,
  1,
  2,
  3,
  0x7f,
  0x80,
  0xff,
  0x7fff,
  0x8000,
  0xffff,
  0x7fffffff,
  0x80000000,
  0xffffffff,
  0x100000000,
  0x7fffffffffffffff,
  0x8000000000000000,
  0xffffffffffffffff,
  0x123456789abcdef0,
  0xfedcba9876543210,
  31,
  32,
  63,
  64,
  0xfffffffffffffffe,
  0x00000000deadbeef,
};
#define N (sizeof vals / sizeof vals[0])

static u64 hash;
static void
mix (u64 v)
{
  hash = (hash ^ v) * 0x100000001b3ull;
}

/* Runs "insn r, a, b" for every pair, with the flags set to each of
 * the values of @flags_in first, and mixes result and flags. */
#define RRR(name, insn)                                                                            \
  do {                                                                                             \
    hash = 0xcbf29ce484222325ull;                                                                  \
    for (unsigned i = 0; i < N; i++)                                                               \
      for (unsigned j = 0; j < N; j++)                                                             \
        for (u64 fl = 0; fl < 0x100000000ull; fl += 0x10000000ull) {                               \
          u64 r, f;                                                                                \
          __asm__ volatile("msr nzcv, %3\n\t" insn "\n\tmrs %1, nzcv"                              \
                           : "=&r"(r), "=&r"(f)                                                    \
                           : "r"(vals[i]), "r"(fl), "r"(vals[j]));                                 \
          mix (r), mix (f);                                                                        \
        }                                                                                          \
    P (name, hash);                                                                                \
  } while (0)

/* Operand names inside the templates: %0 result, %2 a, %4 b. */
int
main (void)
{
  RRR ("add", "add %0, %2, %4");
  RRR ("adds", "adds %0, %2, %4");
  RRR ("adds w", "adds %w0, %w2, %w4");
  RRR ("subs", "subs %0, %2, %4");
  RRR ("subs w", "subs %w0, %w2, %w4");
  RRR ("adcs", "adcs %0, %2, %4");
  RRR ("adcs w", "adcs %w0, %w2, %w4");
  RRR ("sbcs", "sbcs %0, %2, %4");
  RRR ("sbcs w", "sbcs %w0, %w2, %w4");
  RRR ("adc", "adc %0, %2, %4");
  RRR ("ngc", "ngc %0, %4");
  RRR ("ands", "ands %0, %2, %4");
  RRR ("ands w", "ands %w0, %w2, %w4");
  RRR ("bics", "bics %0, %2, %4, ror #7");
  RRR ("orr lsl", "orr %0, %2, %4, lsl #3");
  RRR ("orn asr", "orn %0, %2, %4, asr #60");
  RRR ("eor lsr", "eor %w0, %w2, %w4, lsr #31");
  RRR ("eon ror", "eon %0, %2, %4, ror #63");
  RRR ("add lsl", "add %0, %2, %4, lsl #12");
  RRR ("subs asr w", "subs %w0, %w2, %w4, asr #5");
  RRR ("add uxtb", "add %0, %2, %w4, uxtb #1");
  RRR ("add sxth", "add %0, %2, %w4, sxth #2");
  RRR ("subs sxtw", "subs %0, %2, %w4, sxtw #4");
  RRR ("adds uxtx", "adds %0, %2, %4, uxtx #3");
  RRR ("add w sxtb", "add %w0, %w2, %w4, sxtb");
  RRR ("cmn", "cmn %2, %4\n\tmov %0, #0");
  RRR ("ccmp eq", "cmp %2, #5\n\tccmp %2, %4, #0xa, eq\n\tmov %0, #0");
  RRR ("ccmn lt", "ccmn %2, #3, #0x5, lt\n\tcset %0, gt");
  RRR ("csel", "csel %0, %2, %4, hi");
  RRR ("csinc", "csinc %0, %2, %4, lt");
  RRR ("csinv w", "csinv %w0, %w2, %w4, vs");
  RRR ("csneg", "csneg %0, %2, %4, ge");
  RRR ("cset", "cmp %2, %4\n\tcset %0, ls");
  RRR ("csetm", "cmp %w2, %w4\n\tcsetm %w0, le");
  RRR ("lslv", "lsl %0, %2, %4");
  RRR ("lsrv w", "lsr %w0, %w2, %w4");
  RRR ("asrv", "asr %0, %2, %4");
  RRR ("rorv w", "ror %w0, %w2, %w4");
  RRR ("mul", "mul %0, %2, %4");
  RRR ("madd", "madd %0, %2, %4, %2");
  RRR ("msub w", "msub %w0, %w2, %w4, %w4");
  RRR ("smull", "smull %0, %w2, %w4");
  RRR ("umull", "umull %0, %w2, %w4");
  RRR ("smsubl", "smsubl %0, %w2, %w4, %2");
  RRR ("umaddl", "umaddl %0, %w2, %w4, %4");
  RRR ("smulh", "smulh %0, %2, %4");
  RRR ("umulh", "umulh %0, %2, %4");
  RRR ("udiv", "udiv %0, %2, %4");
  RRR ("sdiv", "sdiv %0, %2, %4");
  RRR ("sdiv w", "sdiv %w0, %w2, %w4");
  RRR ("udiv w", "udiv %w0, %w2, %w4");
  RRR ("extr", "extr %0, %2, %4, #13");
  RRR ("extr w", "extr %w0, %w2, %w4, #31");
  RRR ("crc32b", "crc32b %w0, %w2, %w4");
  RRR ("crc32h", "crc32h %w0, %w2, %w4");
  RRR ("crc32w", "crc32w %w0, %w2, %w4");
  RRR ("crc32x", "crc32x %w0, %w2, %4");
  RRR ("crc32cb", "crc32cb %w0, %w2, %w4");
  RRR ("crc32ch", "crc32ch %w0, %w2, %w4");
  RRR ("crc32cw", "crc32cw %w0, %w2, %w4");
  RRR ("crc32cx", "crc32cx %w0, %w2, %4");
  RRR ("clz", "clz %0, %2");
  RRR ("clz w", "clz %w0, %w2");
  RRR ("cls", "cls %0, %2");
  RRR ("cls w", "cls %w0, %w2");
  RRR ("rbit", "rbit %0, %2");
  RRR ("rbit w", "rbit %w0, %w2");
  RRR ("rev", "rev %0, %2");
  RRR ("rev w", "rev %w0, %w2");
  RRR ("rev16", "rev16 %0, %2");
  RRR ("rev16 w", "rev16 %w0, %w2");
  RRR ("rev32", "rev32 %0, %2");
  RRR ("neg", "negs %0, %2");
  RRR ("mvn", "mvn %w0, %w2");
  RRR ("sbfx", "sbfx %0, %2, #7, #20");
  RRR ("ubfx w", "ubfx %w0, %w2, #3, #29");
  RRR ("sbfiz", "sbfiz %0, %2, #40, #12");
  RRR ("ubfiz", "ubfiz %w0, %w2, #30, #2");
  RRR ("bfi", "mov %0, %4\n\tbfi %0, %2, #17, #33");
  RRR ("bfxil w", "mov %0, %4\n\tbfxil %w0, %w2, #9, #15");
  RRR ("bfm wrap", "mov %0, %4\n\tbfm %0, %2, #60, #3");
  RRR ("asr imm", "asr %0, %2, #63");
  RRR ("lsl imm w", "lsl %w0, %w2, #31");
  RRR ("lsr imm", "lsr %0, %2, #1");
  RRR ("sxtb", "sxtb %0, %w2");
  RRR ("sxth w", "sxth %w0, %w2");
  RRR ("sxtw", "sxtw %0, %w2");
  RRR ("uxtb", "uxtb %w0, %w2");
  RRR ("uxth", "uxth %w0, %w2");
  RRR ("and imm", "and %0, %2, #0xff00ff00ff00ff00");
  RRR ("orr imm w", "orr %w0, %w2, #0x7ffffffe");
  RRR ("eor imm", "eor %0, %2, #0x5555555555555555");
  RRR ("ands imm", "ands %0, %2, #0xfff0");
  RRR ("tst imm w", "tst %w2, #0x80000001\n\tcset %w0, ne");
  RRR ("adds imm", "adds %0, %2, #4095");
  RRR ("subs imm lsl", "subs %w0, %w2, #1, lsl #12");
  RRR ("cmp imm", "cmp %2, #0\n\tcset %0, eq");
  RRR ("movk", "mov %0, %2\n\tmovk %0, #0x1234, lsl #32");
  RRR ("movk w", "mov %0, %2\n\tmovk %w0, #0xbeef, lsl #16");

  /* Hand-checked, so that Medley fails on its own even without QEMU. */
  u64 r;
  __asm__("mov %0, #0x1234\n\tmovk %0, #0x5678, lsl #48" : "=r"(r));
  CHECK (1, r == 0x5678000000001234ull);
  __asm__("mov %w0, #-2" : "=r"(r));
  CHECK (2, r == 0xfffffffeull);
  u64 f;
  __asm__("mov x9, #-1\n\tadds %0, x9, #1\n\tmrs %1, nzcv" : "=r"(r), "=r"(f)::"x9");
  CHECK (3, r == 0 && f == 0x60000000);
  __asm__("mov w9, #0x7fffffff\n\tadds %w0, w9, #1\n\tmrs %1, nzcv" : "=r"(r), "=r"(f)::"x9");
  CHECK (4, r == 0x80000000 && f == 0x90000000);
  __asm__("mov x9, #7\n\tmov x10, #0\n\tudiv %0, x9, x10" : "=r"(r)::"x9", "x10");
  CHECK (5, r == 0);
  __asm__("mov x9, #0x8000000000000000\n\tmov x10, #-1\n\tsdiv %0, x9, x10" : "=r"(r)::"x9", "x10");
  CHECK (6, r == 0x8000000000000000ull);
  __asm__("mov w9, #0x61\n\tmov w10, #-1\n\tcrc32b %w0, w10, w9" : "=r"(r)::"x9", "x10");
  CHECK (7, (r ^ 0xffffffff) == 0xe8b7be43); /* CRC-32 of "a" */
  __asm__("mov x9, #1\n\tclz %0, x9" : "=r"(r)::"x9");
  CHECK (8, r == 63);
  __asm__("mov x9, #0x0f\n\trbit %0, x9" : "=r"(r)::"x9");
  CHECK (9, r == 0xf000000000000000ull);
  __asm__("mov x9, #-1\n\tubfx %0, x9, #4, #8" : "=r"(r)::"x9");
  CHECK (10, r == 0xff);
  return failed;
}
