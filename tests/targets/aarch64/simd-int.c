/* Advanced SIMD integer: every instruction form of simd-int-gen.py (in
 * simd-int-forms.h, which it writes: edit the generator, not that file),
 * then the random words of simd-int-words.txt (reserved encodings
 * included, their UNDEFINED exception folded in), each run over edge
 * values, its results folded into one printed hash per form; QEMU's are
 * the reference (diff-run.py).  Then the by-hand checks, urecpe/ursqrte
 * over every estimate input, the CPACR_EL1 trap and structure accesses
 * faulting part way, with the MMU off and on.
 *
 * Each form is a stub ("insn; ret") called with v0-v31, x1 and x2
 * loaded: the registers come from a table of 64-bit edge
 * values (signed and unsigned limits, sign bits in every lane, small
 * shift counts both ways, byte indices for tbl), so that every element
 * size meets saturation, overflow and the upper half a 64-bit form must
 * clear.  FPSR (QC) is folded in; loads and stores also fold the buffer
 * and the written-back base.
 */
#include "test.h"

#include "simd-int-forms.h"

typedef struct {
  const char *name;
  void (*fn) (void);
  int kind; /* 1: loads and stores (fold the buffer and the base), 2: a
               random word of simd-int-words.txt (fold its exception) */
} Form;

#define ENTRY(n, text, m) { text, stub##n, m },
static const Form forms[] = { FORMS (ENTRY) };

static const u64 edge[] = {
  0x0000000000000000, 0xffffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff,
  0x0123456789abcdef, 0x8080808080808080, 0x7f7f7f7f7f7f7f7f, 0x0001000100010001,
  0x80007fff8000ffff, 0xfedcba9876543210, 0x00000001ffffffff, 0x5555aaaa3333cccc,
  0x0102030405060708, 0x40c0ff01807f20e0, 0x1f0e3f1d0f071e3c, 0x8000000080000000,
};
#define NE (sizeof edge / sizeof edge[0])

/* v0-v31 in and out, then fpsr, x1, x2. */
static u64 regs[32 * 2 + 3] __attribute__ ((aligned (16)));
static unsigned char buf[512] __attribute__ ((aligned (16)));
static u64 hash;

static void
mix (u64 v)
{
  hash = (hash ^ v) * 0x100000001b3ull;
}

static void
call (void (*fn) (void))
{
  __asm__ volatile("mov x10, %0\n\t"
                   "ldp q0, q1, [x10]\n\tldp q2, q3, [x10, #32]\n\t"
                   "ldp q4, q5, [x10, #64]\n\tldp q6, q7, [x10, #96]\n\t"
                   "ldp q8, q9, [x10, #128]\n\tldp q10, q11, [x10, #160]\n\t"
                   "ldp q12, q13, [x10, #192]\n\tldp q14, q15, [x10, #224]\n\t"
                   "ldp q16, q17, [x10, #256]\n\tldp q18, q19, [x10, #288]\n\t"
                   "ldp q20, q21, [x10, #320]\n\tldp q22, q23, [x10, #352]\n\t"
                   "ldp q24, q25, [x10, #384]\n\tldp q26, q27, [x10, #416]\n\t"
                   "ldp q28, q29, [x10, #448]\n\tldp q30, q31, [x10, #480]\n\t"
                   "ldr x1, [x10, #520]\n\tldr x2, [x10, #528]\n\t"
                   "msr fpsr, xzr\n\t"
                   "blr %1\n\t"
                   "mov x10, %0\n\t"
                   "stp q0, q1, [x10]\n\tstp q2, q3, [x10, #32]\n\t"
                   "stp q4, q5, [x10, #64]\n\tstp q6, q7, [x10, #96]\n\t"
                   "stp q8, q9, [x10, #128]\n\tstp q10, q11, [x10, #160]\n\t"
                   "stp q12, q13, [x10, #192]\n\tstp q14, q15, [x10, #224]\n\t"
                   "stp q16, q17, [x10, #256]\n\tstp q18, q19, [x10, #288]\n\t"
                   "stp q20, q21, [x10, #320]\n\tstp q22, q23, [x10, #352]\n\t"
                   "stp q24, q25, [x10, #384]\n\tstp q26, q27, [x10, #416]\n\t"
                   "stp q28, q29, [x10, #448]\n\tstp q30, q31, [x10, #480]\n\t"
                   "mrs x9, fpsr\n\tstr x9, [x10, #512]\n\tstr x1, [x10, #520]\n\tstr x2, [x10, #528]"
                   :
                   : "r"(regs), "r"(fn)
                   : "x1", "x2", "x9", "x10", "x30", "memory");
}

static volatile u64 traps, trap_esr, trap_far;

static void
trap (int kind, Frame *f)
{
  (void) f, (void) kind;
  trap_esr = SYSREG_READ (esr_el1);
  trap_far = SYSREG_READ (far_el1);
  traps++;
  SYSREG_WRITE (elr_el1, SYSREG_READ (elr_el1) + 4);
}

/* Register r (0-31) of the runs: v0-v7 and the others from the edge
 * values in turn, v3 = v2 now and then for equal operands. */
static void
run (const Form *f)
{
  unsigned n = f->kind == 1 ? 4 : f->kind == 2 ? 3 : NE;

  hash = 0xcbf29ce484222325ull;
  for (unsigned i = 0; i < n; i++)
    for (unsigned j = 0; j < n; j++) {
      for (unsigned r = 0; r < 32; r++) {
        regs[2 * r] = edge[(i + 3 * r) % NE];
        regs[2 * r + 1] = edge[(j + 7 * r + 1) % NE] ^ ((u64) r << 40);
      }
      if (((i ^ j) & 3) == 0) { /* v3 = v2: equal operands */
        regs[6] = regs[4];
        regs[7] = regs[5];
      }
      regs[64] = 0;
      if (f->kind == 1) {
        for (unsigned k = 0; k < sizeof buf; k++)
          buf[k] = (unsigned char) (k * 37 + i * 11 + j);
        regs[65] = (u64) (buf + 128);
        regs[66] = 16 * (j + 1);
      } else {
        regs[65] = edge[(i + 5) % NE];
        regs[66] = edge[(j + 9) % NE];
      }
      traps = trap_esr = 0;
      call (f->fn);
      for (unsigned r = 0; r < 64; r++)
        mix (regs[r]);
      mix (regs[64]);
      mix (traps);
      mix (trap_esr);
      if (f->kind == 1) {
        mix (regs[65] - (u64) buf);
        for (unsigned k = 0; k < sizeof buf; k += 8) {
          u64 w = 0;
          for (unsigned b = 0; b < 8; b++)
            w |= (u64) buf[k + b] << (8 * b);
          mix (w);
        }
      } else {
        mix (regs[65]);
      }
    }
  puts_ (f->name);
  puts_ (" = ");
  puthex (hash);
  puts_ ("\n");
}

/* By-hand checks: known results, so that the isa suite (Medley alone)
 * catches a wrong answer too. */
static void
by_hand (void)
{
  static const u64 in[2] __attribute__ ((aligned (16))) = { 0x0807060504030201,
                                                            0x100f0e0d0c0b0a09 };
  u64 lo, hi, f;

  __asm__ volatile("ldr q0, [%2]\n\tadd v1.16b, v0.16b, v0.16b\n\tmov %0, v1.d[0]\n\t"
                   "mov %1, v1.d[1]"
                   : "=r"(lo), "=r"(hi)
                   : "r"(in)
                   : "v0", "v1", "memory");
  CHECK (1, lo == 0x100e0c0a08060402 && hi == 0x201e1c1a18161412);
  __asm__ volatile("movi v0.16b, #0xf0\n\tmsr fpsr, xzr\n\tuqadd v1.8b, v0.8b, v0.8b\n\t"
                   "mov %0, v1.d[0]\n\tmov %1, v1.d[1]\n\tmrs %2, fpsr"
                   : "=r"(lo), "=r"(hi), "=r"(f)
                   :
                   : "v0", "v1");
  CHECK (2, lo == ~0ull && hi == 0 && f == (1u << 27));
  __asm__ volatile("ldr q0, [%2]\n\taddv b1, v0.16b\n\tumov %w0, v1.b[0]\n\t"
                   "uzp1 v2.16b, v0.16b, v0.16b\n\tmov %1, v2.d[1]"
                   : "=r"(lo), "=r"(hi)
                   : "r"(in)
                   : "v0", "v1", "v2", "memory");
  CHECK (3, lo == 136 && hi == 0x0f0d0b0907050301);
  __asm__ volatile("ldr q0, [%2]\n\tld4r {v4.4s-v7.4s}, [%2]\n\tmov %0, v7.d[1]\n\t"
                   "tbl v1.8b, {v0.16b}, v0.8b\n\tmov %1, v1.d[0]"
                   : "=r"(lo), "=r"(hi)
                   : "r"(in)
                   : "v0", "v1", "v4", "v5", "v6", "v7", "memory");
  CHECK (4, lo == 0x100f0e0d100f0e0d && hi == 0x0908070605040302);
}

/* urecpe and ursqrte over every 9-bit estimate input (lanes 1 to 3 with
 * low bits set, which the estimate ignores). */
static void
estimates (void)
{
  u64 h1 = 0xcbf29ce484222325ull, h2 = h1;

  for (u64 k = 0; k < 512; k++) {
    u64 in = k << 55 | ((k << 23) | 0x7fffff) << 32 | 0x12345678, lo, hi;
    __asm__ volatile("mov v0.d[0], %2\n\tmov v0.d[1], %2\n\turecpe v1.4s, v0.4s\n\t"
                     "ursqrte v2.2s, v0.2s\n\tmov %0, v1.d[0]\n\tmov %1, v2.d[0]"
                     : "=r"(lo), "=r"(hi)
                     : "r"(in)
                     : "v0", "v1", "v2");
    h1 = (h1 ^ lo) * 0x100000001b3ull;
    h2 = (h2 ^ hi) * 0x100000001b3ull;
  }
  P ("urecpe sweep", h1);
  P ("ursqrte sweep", h2);
}

/* A structure access that runs off the end of RAM part way: the abort
 * names the first element outside, the base is not written back. */
static void
faults (void)
{
  u64 base = 0x48000000 - 32, x;

  on_exception (trap);
  traps = 0;
  __asm__ volatile("mov x1, %1\n\tld1 {v0.16b-v3.16b}, [x1], #64\n\tmov %0, x1"
                   : "=r"(x)
                   : "r"(base)
                   : "x1", "v0", "v1", "v2", "v3", "memory");
  P ("ld1 off the end: traps", traps);
  P ("esr", trap_esr);
  P ("far", trap_far);
  P ("base", x);
  for (unsigned k = 0; k < 32; k += 8)
    *(volatile u64 *) (base + k) = 0;
  __asm__ volatile("movi v4.16b, #0x5a\n\tmovi v5.16b, #0xa5\n\tmov x1, %1\n\t"
                   "st2 {v4.2d, v5.2d}, [x1]\n\tadd x1, x1, #16\n\t"
                   "st4 {v4.4s-v7.4s}, [x1]\n\tmov %0, x1"
                   : "=r"(x)
                   : "r"(base)
                   : "x1", "v4", "v5", "memory");
  P ("st4 off the end: traps", traps);
  P ("esr", trap_esr);
  P ("far", trap_far);
  P ("base", x);
  for (unsigned k = 0; k < 32; k += 8)
    P ("written", *(volatile u64 *) (base + k));

  /* CPACR_EL1.FPEN = 0: Advanced SIMD traps with EC 0x07 */
  u64 cpacr = SYSREG_READ (cpacr_el1);
  SYSREG_WRITE (cpacr_el1, cpacr & ~(3ull << 20));
  __asm__ volatile("add v0.4s, v1.4s, v2.4s\n\tld1 {v0.16b}, [sp]\n\tdup v0.8b, w0" ::
                     : "v0", "memory");
  SYSREG_WRITE (cpacr_el1, cpacr);
  P ("fpen traps", traps);
  P ("esr", trap_esr);
  on_exception (0);
}

/* With the MMU on (identity map, 2 MiB blocks, one block by 4 KiB pages:
 * page 0 read/write, page 1 invalid, page 2 read-only): structure
 * accesses that cross into the invalid page or write the read-only one
 * take the data abort of the first element refused, with no writeback;
 * a store has written the elements before it. */
static u64 l1[512] __attribute__ ((aligned (4096)));
static u64 l2[512] __attribute__ ((aligned (4096)));
static u64 l3[512] __attribute__ ((aligned (4096)));
#define REGION 0x40600000ull
#define PAGE   4096ull

static void
show (const char *what, u64 x)
{
  P (what, traps);
  P ("  esr", trap_esr);
  P ("  far - region", trap_far - REGION);
  P ("  base - region", x - REGION);
}

static void
mmu_faults (void)
{
  u64 x, lo, hi;

  on_exception (trap);
  traps = 0;
  l1[1] = (u64) l2 | 3;
  for (unsigned i = 0; i < 64; i++)
    l2[i] = (0x40000000ull + i * 0x200000ull) | (1 << 10) | (3 << 8) | 1;
  l2[(REGION - 0x40000000ull) >> 21] = (u64) l3 | 3;
  for (unsigned i = 0; i < 512; i++)
    l3[i] = (REGION + i * PAGE) | (1 << 10) | (3 << 8) | 3;
  l3[1] = 0;
  l3[2] |= 2ull << 6;
  for (unsigned k = 0; k < PAGE; k += 8) {
    *(volatile u64 *) (REGION + k) = 0x0101010101010101ull * (k & 0xff);
    *(volatile u64 *) (REGION + 2 * PAGE + k) = ~(u64) k;
  }
  SYSREG_WRITE (mair_el1, 0xff);
  SYSREG_WRITE (tcr_el1, 25 | (1 << 8) | (1 << 10) | (3 << 12) | (1ull << 23) | (2ull << 32));
  SYSREG_WRITE (ttbr0_el1, (u64) l1);
  __asm__ volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
  SYSREG_WRITE (sctlr_el1, SYSREG_READ (sctlr_el1) | 1 | (1 << 2) | (1 << 12));

  __asm__ volatile("mov x1, %1\n\tld4 {v0.4s-v3.4s}, [x1], #64\n\tmov %0, x1"
                   : "=r"(x)
                   : "r"(REGION + PAGE - 32)
                   : "x1", "v0", "v1", "v2", "v3", "memory");
  show ("ld4 into the invalid page", x);
  __asm__ volatile("movi v4.16b, #0x11\n\tmovi v5.16b, #0x22\n\tmovi v6.16b, #0x33\n\t"
                   "movi v7.16b, #0x44\n\tmov x1, %1\n\tst1 {v4.16b-v7.16b}, [x1], #64\n\t"
                   "mov %0, x1"
                   : "=r"(x)
                   : "r"(REGION + PAGE - 32)
                   : "x1", "v4", "v5", "v6", "v7", "memory");
  show ("st1 into the invalid page", x);
  for (unsigned k = 48; k > 0; k -= 8)
    P ("  stored", *(volatile u64 *) (REGION + PAGE - k));
  __asm__ volatile("mov x1, %1\n\tld1r {v0.8h}, [x1], #2\n\tmov %0, x1"
                   : "=r"(x)
                   : "r"(REGION + PAGE)
                   : "x1", "v0", "memory");
  show ("ld1r from the invalid page", x);
  __asm__ volatile("mov x1, %1\n\tst2 {v4.2d, v5.2d}, [x1], #32\n\tmov %0, x1"
                   : "=r"(x)
                   : "r"(REGION + 2 * PAGE + 64)
                   : "x1", "memory");
  show ("st2 to the read-only page", x);
  __asm__ volatile("mov x1, %3\n\tmovi v0.2d, #0\n\tld1 {v0.d}[1], [x1], #8\n\tmov %0, x1\n\t"
                   "mov %1, v0.d[0]\n\tmov %2, v0.d[1]"
                   : "=r"(x), "=r"(lo), "=r"(hi)
                   : "r"(REGION + 2 * PAGE + 8)
                   : "x1", "v0", "memory");
  show ("ld1 from the read-only page", x);
  P ("  lo", lo);
  P ("  hi", hi);
  CHECK (5, hi == ~8ull && lo == 0 && x == REGION + 2 * PAGE + 16);

  SYSREG_WRITE (sctlr_el1, SYSREG_READ (sctlr_el1) & ~1ull);
  __asm__ volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
  on_exception (0);
}

int
main (void)
{
  u64 cpacr = SYSREG_READ (cpacr_el1);
  SYSREG_WRITE (cpacr_el1, cpacr | (3 << 20));

  on_exception (trap);
  for (unsigned k = 0; k < sizeof forms / sizeof forms[0]; k++)
    run (&forms[k]);
  on_exception (0);
  by_hand ();
  estimates ();
  faults ();
  mmu_faults ();
  return failed;
}
