/* The DSP extension of ARMv7E-M (the Cortex-M4): SIMD add and subtract
 * on bytes and halfwords with the GE flags and SEL, saturating
 * arithmetic, the halfword and "most significant word" multiplies, dual
 * multiplies, sums of absolute differences, packing, halfword
 * saturation and extend-and-add.
 *
 * One executor per family: the decode rows (arm-decode.c, profile
 * ARM_DSP) all of a family share it, and it reads which member it runs
 * (signed or unsigned, saturating or halving, top or bottom halves, X,
 * R, accumulate or not) from the encoding, as the Architecture Reference
 * Manual's pseudocode does.  The Q flag is sticky: set on saturation or
 * on an overflow of an accumulation that the manual says sets it, never
 * cleared here.
 */
#include "arm-cpu.h"

#define RAW   (d->raw)
#define RD    s->r[d->rd]
#define RN    s->r[d->rn]
#define RM    s->r[d->rm]
#define RA    s->r[d->ra]
#define NEXT  (pc + 4)
#define HAS_A (((RAW >> 12) & 15) != 15) /* an accumulator (Ra != 15) */

static inline int32_t
lo16 (uint32_t v)
{
  return (int16_t) v;
}

static inline int32_t
hi16 (uint32_t v)
{
  return (int16_t) (v >> 16);
}

/* Saturates @v to a signed @bits-bit value, noting saturation. */
static inline int64_t
ssat (int64_t v, unsigned bits, bool *sat)
{
  int64_t max = (INT64_C (1) << (bits - 1)) - 1, min = -(INT64_C (1) << (bits - 1));

  if (v > max || v < min) {
    *sat = true;
    return v > max ? max : min;
  }
  return v;
}

static inline int64_t
usat (int64_t v, unsigned bits, bool *sat)
{
  int64_t max = (INT64_C (1) << bits) - 1;

  if (v > max || v < 0) {
    *sat = true;
    return v > max ? max : 0;
  }
  return v;
}

/* ---- SIMD add and subtract ---- */

uint32_t
arm_exec_par (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  unsigned op1 = (RAW >> 20) & 7, u = (RAW >> 6) & 1, op2 = (RAW >> 4) & 3;
  bool bytes = op1 == 0 || op1 == 4;
  unsigned w = bytes ? 8 : 16, lanes = 32 / w;
  uint32_t a = RN, b = RM, res = 0, ge = 0, mask = (1u << w) - 1;
  bool sat = false;

  for (unsigned i = 0; i < lanes; i++) {
    /* ASX and SAX pair lane i of Rn with the other lane of Rm. */
    unsigned j = (op1 == 2 || op1 == 6) ? 1 - i : i;
    bool add = op1 == 0 || op1 == 1 || (op1 == 2 && i == 1) || (op1 == 6 && i == 0);
    uint32_t x = (a >> (w * i)) & mask, y = (b >> (w * j)) & mask;
    int64_t xv = u ? x : (int64_t) (x ^ (1u << (w - 1))) - (1 << (w - 1));
    int64_t yv = u ? y : (int64_t) (y ^ (1u << (w - 1))) - (1 << (w - 1));
    int64_t r = add ? xv + yv : xv - yv;
    bool g;

    switch (op2) {
    case 1: r = u ? usat (r, w, &sat) : ssat (r, w, &sat); break;
    case 2: r >>= 1; break; /* halving: the full-precision value, halved */
    default:
      g = u ? (add ? r >= (INT64_C (1) << w) : r >= 0) : r >= 0;
      ge |= (g ? (bytes ? 1u : 3u) : 0) << (bytes ? i : 2 * i);
      break;
    }
    res |= ((uint32_t) r & mask) << (w * i);
  }
  if (op2 == 0)
    s->ge = ge;
  RD = res;
  return NEXT;
}

uint32_t
arm_exec_sel (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  uint32_t m = 0;

  for (unsigned i = 0; i < 4; i++)
    if (s->ge >> i & 1)
      m |= 0xffu << (8 * i);
  RD = (RN & m) | (RM & ~m);
  return NEXT;
}

/* qadd rd, rm, rn = sat (Rm + Rn); qsub = sat (Rm - Rn); the d forms
 * double Rn first, saturating. */
uint32_t
arm_exec_qaddsub (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  unsigned op = (RAW >> 4) & 3;
  bool sat = false;
  int64_t n = (int32_t) RN;

  if (op & 1)
    n = ssat (2 * n, 32, &sat);
  n = ssat (op & 2 ? (int64_t) (int32_t) RM - n : (int64_t) (int32_t) RM + n, 32, &sat);
  RD = (uint32_t) n;
  s->qf |= sat;
  return NEXT;
}

/* ---- multiplies ---- */

/* Ra added to a 32-bit product: the sum wraps, and sets Q if it did. */
static inline uint32_t
acc32 (ArmCpu *s, int64_t v)
{
  if (v != (int32_t) v)
    s->qf = 1;
  return (uint32_t) v;
}

uint32_t
arm_exec_smulxy (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  int32_t x = RAW & 0x20 ? hi16 (RN) : lo16 (RN), y = RAW & 0x10 ? hi16 (RM) : lo16 (RM);
  int64_t p = (int64_t) x * y;

  RD = HAS_A ? acc32 (s, p + (int32_t) RA) : (uint32_t) p;
  return NEXT;
}

uint32_t
arm_exec_smulwy (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  int32_t y = RAW & 0x10 ? hi16 (RM) : lo16 (RM);
  int64_t p = ((int64_t) (int32_t) RN * y) >> 16;

  RD = HAS_A ? acc32 (s, p + (int32_t) RA) : (uint32_t) p;
  return NEXT;
}

/* smuad, smlad, smusd, smlsd, with X swapping Rm's halves. */
uint32_t
arm_exec_smuad (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  uint32_t m = RAW & 0x10 ? RM >> 16 | RM << 16 : RM;
  int64_t p1 = (int64_t) lo16 (RN) * lo16 (m), p2 = (int64_t) hi16 (RN) * hi16 (m);
  bool sub = ((RAW >> 20) & 7) == 4;
  int64_t v = sub ? p1 - p2 : p1 + p2;

  if (HAS_A)
    v += (int32_t) RA;
  RD = sub && !HAS_A ? (uint32_t) v : acc32 (s, v);
  return NEXT;
}

/* smmul, smmla, smmls: the top word of a 64-bit result, R rounding it. */
uint32_t
arm_exec_smmul (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  int64_t p = (int64_t) (int32_t) RN * (int32_t) RM;
  uint64_t v = (uint64_t) p;

  if (HAS_A) {
    uint64_t a = (uint64_t) RA << 32;
    v = ((RAW >> 20) & 7) == 6 ? a - (uint64_t) p : a + (uint64_t) p;
  }
  if (RAW & 0x10)
    v += 0x80000000u;
  RD = (uint32_t) (v >> 32);
  return NEXT;
}

uint32_t
arm_exec_usad8 (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  uint32_t sum = HAS_A ? RA : 0;

  for (unsigned i = 0; i < 4; i++) {
    int x = (RN >> (8 * i)) & 0xff, y = (RM >> (8 * i)) & 0xff;

    sum += (uint32_t) (x > y ? x - y : y - x);
  }
  RD = sum;
  return NEXT;
}

/* RdHi:RdLo (ra:rd) plus @v. */
static inline void
acc64 (ArmCpu *s, const ArmInsn *d, int64_t v)
{
  uint64_t r = ((uint64_t) RA << 32 | RD) + (uint64_t) v;

  RD = (uint32_t) r;
  RA = (uint32_t) (r >> 32);
}

uint32_t
arm_exec_smlalxy (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  int32_t x = RAW & 0x20 ? hi16 (RN) : lo16 (RN), y = RAW & 0x10 ? hi16 (RM) : lo16 (RM);

  acc64 (s, d, (int64_t) x * y);
  return NEXT;
}

uint32_t
arm_exec_smlald (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  uint32_t m = RAW & 0x10 ? RM >> 16 | RM << 16 : RM;
  int64_t p1 = (int64_t) lo16 (RN) * lo16 (m), p2 = (int64_t) hi16 (RN) * hi16 (m);

  acc64 (s, d, ((RAW >> 20) & 0xf) == 0xd ? p1 - p2 : p1 + p2);
  return NEXT;
}

uint32_t
arm_exec_umaal (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  uint64_t r = (uint64_t) RN * RM + RA + RD;

  RD = (uint32_t) r;
  RA = (uint32_t) (r >> 32);
  return NEXT;
}

/* ---- packing, saturation, extension ---- */

uint32_t
arm_exec_pkh (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  if (RAW & 0x20) { /* pkhtb: Rm shifted right arithmetically, 0 meaning 32 */
    unsigned n = d->shift_n ? d->shift_n : 31;
    RD = (RN & 0xffff0000u) | ((uint32_t) ((int32_t) RM >> n) & 0xffff);
  } else
    RD = (RN & 0xffff) | ((RM << d->shift_n) & 0xffff0000u);
  return NEXT;
}

uint32_t
arm_exec_sat16 (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  bool sat = false, sign = !(RAW & (1u << 23));
  unsigned bits = (RAW & 15) + sign;
  int64_t l = sign ? ssat (lo16 (RN), bits, &sat) : usat (lo16 (RN), bits, &sat);
  int64_t h = sign ? ssat (hi16 (RN), bits, &sat) : usat (hi16 (RN), bits, &sat);

  RD = ((uint32_t) l & 0xffff) | (uint32_t) h << 16;
  s->qf |= sat;
  return NEXT;
}

/* sxtab, sxtah, uxtab, uxtah, sxtab16, uxtab16 and (Rn = 15) sxtb16,
 * uxtb16: Rm rotated, its byte, halfword or bytes 0 and 2 extended, Rn
 * added (to each halfword for the pairs). */
uint32_t
arm_exec_xta (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  unsigned op1 = (RAW >> 20) & 7;
  uint32_t m = d->shift_n ? RM >> d->shift_n | RM << (32 - d->shift_n) : RM;
  uint32_t n = ((RAW >> 16) & 15) == 15 ? 0 : RN; /* the EXTEND format has no Rn */
  bool sign = !(op1 & 1);

  switch (op1 >> 1) {
  case 0: /* halfword */ RD = n + (sign ? (uint32_t) lo16 (m) : (m & 0xffff)); break;
  case 1: { /* bytes 0 and 2, to each halfword */
    uint32_t b0 = sign ? (uint32_t) (int8_t) m : (m & 0xff);
    uint32_t b2 = sign ? (uint32_t) (int8_t) (m >> 16) : ((m >> 16) & 0xff);

    RD = ((n + b0) & 0xffff) | (((n >> 16) + b2) << 16);
    break;
  }
  default: /* byte */ RD = n + (sign ? (uint32_t) (int8_t) m : (m & 0xff)); break;
  }
  return NEXT;
}
