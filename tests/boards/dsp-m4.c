/*
 * dsp-m4.c: every instruction of the Cortex-M4's DSP extension on a set of
 * operands, printing each result with APSR's Q and GE flags (test
 * dsp-m4: the console of Medley's Cortex-M4 equals QEMU's mps2-an386,
 * recorded in dsp-m4.expected).  Generated lists, one line per case.
 */
#include <stdint.h>
#include <stdio.h>

static const uint32_t vals[] = {0x00000000u, 0x7fff8000u, 0x80007fffu, 0xffffffffu, 0x12345678u, 0x80808080u, 0x7f7f0101u, 0xfedcba98u};
#define N (sizeof vals / sizeof vals[0])

/* Clears Q and GE, runs INSN, returns Q and GE as APSR holds them. */
#define RUN(insn, ...)                                                        \
  ({                                                                          \
    uint32_t f_;                                                              \
    __asm volatile ("msr APSR_nzcvqg, %[z]\n\t" insn "\n\tmrs %[f], APSR"    \
                    : [f] "=&r"(f_), __VA_ARGS__);                            \
    f_ & 0x080f0000u;                                                         \
  })

int
main (void)
{
  for (unsigned i = 0; i < N; i++)
    for (unsigned j = 0; j < N; j++) {
      uint32_t a = vals[i], b = vals[j], c = a ^ (b >> 3 | b << 29), r, lo, hi, f;

      f = RUN ("sadd8 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("sadd8 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("sadd16 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("sadd16 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("sasx %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("sasx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("ssub8 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("ssub8 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("ssub16 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("ssub16 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("ssax %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("ssax %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("qadd8 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("qadd8 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("qadd16 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("qadd16 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("qasx %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("qasx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("qsub8 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("qsub8 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("qsub16 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("qsub16 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("qsax %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("qsax %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("shadd8 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("shadd8 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("shadd16 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("shadd16 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("shasx %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("shasx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("shsub8 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("shsub8 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("shsub16 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("shsub16 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("shsax %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("shsax %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("uadd8 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("uadd8 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("uadd16 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("uadd16 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("uasx %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("uasx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("usub8 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("usub8 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("usub16 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("usub16 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("usax %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("usax %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("uqadd8 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("uqadd8 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("uqadd16 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("uqadd16 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("uqasx %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("uqasx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("uqsub8 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("uqsub8 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("uqsub16 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("uqsub16 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("uqsax %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("uqsax %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("uhadd8 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("uhadd8 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("uhadd16 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("uhadd16 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("uhasx %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("uhasx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("uhsub8 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("uhsub8 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("uhsub16 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("uhsub16 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("uhsax %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("uhsax %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("qadd %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("qadd %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("qsub %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("qsub %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("qdadd %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("qdadd %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("qdsub %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("qdsub %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("smulbb %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("smulbb %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("smulbt %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("smulbt %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("smultb %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("smultb %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("smultt %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("smultt %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("smulwb %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("smulwb %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("smulwt %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("smulwt %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("smuad %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("smuad %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("smuadx %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("smuadx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("smusd %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("smusd %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("smusdx %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("smusdx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("smmul %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("smmul %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("smmulr %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("smmulr %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("usad8 %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("usad8 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("sxtab %[r], %[a], %[b], ror #8", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("sxtab %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("sxtah %[r], %[a], %[b], ror #8", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("sxtah %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("uxtab %[r], %[a], %[b], ror #8", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("uxtab %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("uxtah %[r], %[a], %[b], ror #8", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("uxtah %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("sxtab16 %[r], %[a], %[b], ror #8", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("sxtab16 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("uxtab16 %[r], %[a], %[b], ror #8", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("uxtab16 %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r, (unsigned long) f);
      f = RUN ("smlabb %[r], %[a], %[b], %[c]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [c] "r"(c), [z] "r"(0));
      printf ("smlabb %08lx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) r, (unsigned long) f);
      f = RUN ("smlabt %[r], %[a], %[b], %[c]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [c] "r"(c), [z] "r"(0));
      printf ("smlabt %08lx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) r, (unsigned long) f);
      f = RUN ("smlatb %[r], %[a], %[b], %[c]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [c] "r"(c), [z] "r"(0));
      printf ("smlatb %08lx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) r, (unsigned long) f);
      f = RUN ("smlatt %[r], %[a], %[b], %[c]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [c] "r"(c), [z] "r"(0));
      printf ("smlatt %08lx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) r, (unsigned long) f);
      f = RUN ("smlawb %[r], %[a], %[b], %[c]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [c] "r"(c), [z] "r"(0));
      printf ("smlawb %08lx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) r, (unsigned long) f);
      f = RUN ("smlawt %[r], %[a], %[b], %[c]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [c] "r"(c), [z] "r"(0));
      printf ("smlawt %08lx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) r, (unsigned long) f);
      f = RUN ("smlad %[r], %[a], %[b], %[c]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [c] "r"(c), [z] "r"(0));
      printf ("smlad %08lx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) r, (unsigned long) f);
      f = RUN ("smladx %[r], %[a], %[b], %[c]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [c] "r"(c), [z] "r"(0));
      printf ("smladx %08lx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) r, (unsigned long) f);
      f = RUN ("smlsd %[r], %[a], %[b], %[c]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [c] "r"(c), [z] "r"(0));
      printf ("smlsd %08lx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) r, (unsigned long) f);
      f = RUN ("smlsdx %[r], %[a], %[b], %[c]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [c] "r"(c), [z] "r"(0));
      printf ("smlsdx %08lx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) r, (unsigned long) f);
      f = RUN ("smmla %[r], %[a], %[b], %[c]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [c] "r"(c), [z] "r"(0));
      printf ("smmla %08lx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) r, (unsigned long) f);
      f = RUN ("smmlar %[r], %[a], %[b], %[c]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [c] "r"(c), [z] "r"(0));
      printf ("smmlar %08lx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) r, (unsigned long) f);
      f = RUN ("smmls %[r], %[a], %[b], %[c]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [c] "r"(c), [z] "r"(0));
      printf ("smmls %08lx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) r, (unsigned long) f);
      f = RUN ("smmlsr %[r], %[a], %[b], %[c]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [c] "r"(c), [z] "r"(0));
      printf ("smmlsr %08lx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) r, (unsigned long) f);
      f = RUN ("usada8 %[r], %[a], %[b], %[c]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [c] "r"(c), [z] "r"(0));
      printf ("usada8 %08lx %08lx %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) r, (unsigned long) f);
      lo = c, hi = a + b;
      f = RUN ("smlalbb %[lo], %[hi], %[a], %[b]", [lo] "+&r"(lo), [hi] "+&r"(hi) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("smlalbb %08lx %08lx %08lx -> %08lx %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) lo, (unsigned long) hi, (unsigned long) f);
      lo = c, hi = a + b;
      f = RUN ("smlalbt %[lo], %[hi], %[a], %[b]", [lo] "+&r"(lo), [hi] "+&r"(hi) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("smlalbt %08lx %08lx %08lx -> %08lx %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) lo, (unsigned long) hi, (unsigned long) f);
      lo = c, hi = a + b;
      f = RUN ("smlaltb %[lo], %[hi], %[a], %[b]", [lo] "+&r"(lo), [hi] "+&r"(hi) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("smlaltb %08lx %08lx %08lx -> %08lx %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) lo, (unsigned long) hi, (unsigned long) f);
      lo = c, hi = a + b;
      f = RUN ("smlaltt %[lo], %[hi], %[a], %[b]", [lo] "+&r"(lo), [hi] "+&r"(hi) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("smlaltt %08lx %08lx %08lx -> %08lx %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) lo, (unsigned long) hi, (unsigned long) f);
      lo = c, hi = a + b;
      f = RUN ("smlald %[lo], %[hi], %[a], %[b]", [lo] "+&r"(lo), [hi] "+&r"(hi) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("smlald %08lx %08lx %08lx -> %08lx %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) lo, (unsigned long) hi, (unsigned long) f);
      lo = c, hi = a + b;
      f = RUN ("smlaldx %[lo], %[hi], %[a], %[b]", [lo] "+&r"(lo), [hi] "+&r"(hi) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("smlaldx %08lx %08lx %08lx -> %08lx %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) lo, (unsigned long) hi, (unsigned long) f);
      lo = c, hi = a + b;
      f = RUN ("smlsld %[lo], %[hi], %[a], %[b]", [lo] "+&r"(lo), [hi] "+&r"(hi) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("smlsld %08lx %08lx %08lx -> %08lx %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) lo, (unsigned long) hi, (unsigned long) f);
      lo = c, hi = a + b;
      f = RUN ("smlsldx %[lo], %[hi], %[a], %[b]", [lo] "+&r"(lo), [hi] "+&r"(hi) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("smlsldx %08lx %08lx %08lx -> %08lx %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) lo, (unsigned long) hi, (unsigned long) f);
      lo = c, hi = a + b;
      f = RUN ("umaal %[lo], %[hi], %[a], %[b]", [lo] "+&r"(lo), [hi] "+&r"(hi) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("umaal %08lx %08lx %08lx -> %08lx %08lx %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) c, (unsigned long) lo, (unsigned long) hi, (unsigned long) f);
      f = RUN ("pkhbt %[r], %[a], %[b], lsl #0", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("pkhbt lsl 0 %08lx %08lx -> %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r);
      f = RUN ("pkhbt %[r], %[a], %[b], lsl #8", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("pkhbt lsl 8 %08lx %08lx -> %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r);
      f = RUN ("pkhtb %[r], %[a], %[b], asr #16", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("pkhtb asr 16 %08lx %08lx -> %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r);
      f = RUN ("pkhtb %[r], %[a], %[b], asr #32", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"(0));
      printf ("pkhtb asr 32 %08lx %08lx -> %08lx\n", (unsigned long) a, (unsigned long) b, (unsigned long) r);
      /* SEL picks by the GE flags: every pattern. */
      f = RUN ("sel %[r], %[a], %[b]", [r] "=&r"(r) : [a] "r"(a), [b] "r"(b), [z] "r"((i * N + j) % 16 << 16));
      printf ("sel ge %x %08lx %08lx -> %08lx\n", (i * N + j) % 16, (unsigned long) a, (unsigned long) b, (unsigned long) r);
    }
  for (unsigned i = 0; i < N; i++) {
    uint32_t a = vals[i], r, f;
    f = RUN ("ssat16 %[r], #1, %[a]", [r] "=&r"(r) : [a] "r"(a), [z] "r"(0));
    printf ("ssat16 1 %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) r, (unsigned long) f);
    f = RUN ("ssat16 %[r], #8, %[a]", [r] "=&r"(r) : [a] "r"(a), [z] "r"(0));
    printf ("ssat16 8 %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) r, (unsigned long) f);
    f = RUN ("ssat16 %[r], #16, %[a]", [r] "=&r"(r) : [a] "r"(a), [z] "r"(0));
    printf ("ssat16 16 %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) r, (unsigned long) f);
    f = RUN ("usat16 %[r], #0, %[a]", [r] "=&r"(r) : [a] "r"(a), [z] "r"(0));
    printf ("usat16 0 %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) r, (unsigned long) f);
    f = RUN ("usat16 %[r], #7, %[a]", [r] "=&r"(r) : [a] "r"(a), [z] "r"(0));
    printf ("usat16 7 %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) r, (unsigned long) f);
    f = RUN ("usat16 %[r], #15, %[a]", [r] "=&r"(r) : [a] "r"(a), [z] "r"(0));
    printf ("usat16 15 %08lx -> %08lx %08lx\n", (unsigned long) a, (unsigned long) r, (unsigned long) f);
    f = RUN ("sxtb16 %[r], %[a]", [r] "=&r"(r) : [a] "r"(a), [z] "r"(0));
    printf ("sxtb16 %08lx -> %08lx\n", (unsigned long) a, (unsigned long) r);
    f = RUN ("sxtb16 %[r], %[a], ror #8", [r] "=&r"(r) : [a] "r"(a), [z] "r"(0));
    printf ("sxtb16 ror 8 %08lx -> %08lx\n", (unsigned long) a, (unsigned long) r);
    f = RUN ("sxtb16 %[r], %[a], ror #16", [r] "=&r"(r) : [a] "r"(a), [z] "r"(0));
    printf ("sxtb16 ror 16 %08lx -> %08lx\n", (unsigned long) a, (unsigned long) r);
    f = RUN ("sxtb16 %[r], %[a], ror #24", [r] "=&r"(r) : [a] "r"(a), [z] "r"(0));
    printf ("sxtb16 ror 24 %08lx -> %08lx\n", (unsigned long) a, (unsigned long) r);
    f = RUN ("uxtb16 %[r], %[a]", [r] "=&r"(r) : [a] "r"(a), [z] "r"(0));
    printf ("uxtb16 %08lx -> %08lx\n", (unsigned long) a, (unsigned long) r);
    f = RUN ("uxtb16 %[r], %[a], ror #8", [r] "=&r"(r) : [a] "r"(a), [z] "r"(0));
    printf ("uxtb16 ror 8 %08lx -> %08lx\n", (unsigned long) a, (unsigned long) r);
    f = RUN ("uxtb16 %[r], %[a], ror #16", [r] "=&r"(r) : [a] "r"(a), [z] "r"(0));
    printf ("uxtb16 ror 16 %08lx -> %08lx\n", (unsigned long) a, (unsigned long) r);
    f = RUN ("uxtb16 %[r], %[a], ror #24", [r] "=&r"(r) : [a] "r"(a), [z] "r"(0));
    printf ("uxtb16 ror 24 %08lx -> %08lx\n", (unsigned long) a, (unsigned long) r);
  }
  printf ("dsp-m4: done\n");
  return 0;
}
