/* F extension: every single-precision instruction, its result bits and
 * its flags, on the corners the specification singles out: signalling
 * and quiet NaNs (the canonical NaN as every NaN result), NaN-boxing in
 * the 64-bit registers, subnormals and underflow (tininess after
 * rounding), overflow in every rounding mode, RMM's ties, the fused
 * forms' single rounding, fmin/fmax with signed zeros and NaNs,
 * comparisons, fclass of every class, conversions at the integer limits
 * (saturation, NaN), static, dynamic and reserved rounding modes.
 * Expected values were worked out from IEEE 754 and the F chapter of the
 * unprivileged specification. */
#include "fp-macros.h"

TEST_BEGIN
  FP_ENABLE

  /* ---- add, sub, mul, div: rounding of 1/3 in every mode ---- */
  TEST_S_RR(1, S_THREE, 0, S_ONE, S_TWO, fadd.s f4, f1, f2)
  TEST_S_RR(2, S_MONE, 0, S_ONE, S_TWO, fsub.s f4, f1, f2)
  TEST_S_RR(3, 0x40c00000, 0, S_THREE, S_TWO, fmul.s f4, f1, f2)
  TEST_S_RR(4, 0x3eaaaaab, NX, S_ONE, S_THREE, fdiv.s f4, f1, f2, rne)
  TEST_S_RR(5, 0x3eaaaaaa, NX, S_ONE, S_THREE, fdiv.s f4, f1, f2, rtz)
  TEST_S_RR(6, 0x3eaaaaaa, NX, S_ONE, S_THREE, fdiv.s f4, f1, f2, rdn)
  TEST_S_RR(7, 0x3eaaaaab, NX, S_ONE, S_THREE, fdiv.s f4, f1, f2, rup)
  TEST_S_RR(8, 0x3eaaaaab, NX, S_ONE, S_THREE, fdiv.s f4, f1, f2, rmm)
  TEST_S_RR(9, 0xbeaaaaab, NX, S_MONE, S_THREE, fdiv.s f4, f1, f2, rdn)
  TEST_S_RR(10, 0xbeaaaaaa, NX, S_MONE, S_THREE, fdiv.s f4, f1, f2, rup)

  /* x + (-x) is +0 in every mode but RDN, where it is -0. */
  TEST_S_RR(11, S_PZERO, 0, S_ONE, S_MONE, fadd.s f4, f1, f2, rne)
  TEST_S_RR(12, S_MZERO, 0, S_ONE, S_MONE, fadd.s f4, f1, f2, rdn)

  /* ---- overflow: MAX * 2 in every mode, both signs ---- */
  TEST_S_RR(13, S_PINF, OF|NX, S_MAX, S_TWO, fmul.s f4, f1, f2, rne)
  TEST_S_RR(14, S_MAX,  OF|NX, S_MAX, S_TWO, fmul.s f4, f1, f2, rtz)
  TEST_S_RR(15, S_MAX,  OF|NX, S_MAX, S_TWO, fmul.s f4, f1, f2, rdn)
  TEST_S_RR(16, S_PINF, OF|NX, S_MAX, S_TWO, fmul.s f4, f1, f2, rup)
  TEST_S_RR(17, S_PINF, OF|NX, S_MAX, S_TWO, fmul.s f4, f1, f2, rmm)
  TEST_S_RR(18, S_MINF, OF|NX, S_MAX, 0xc0000000, fmul.s f4, f1, f2, rne)
  TEST_S_RR(19, 0xff7fffff, OF|NX, S_MAX, 0xc0000000, fmul.s f4, f1, f2, rtz)
  TEST_S_RR(20, S_MINF, OF|NX, S_MAX, 0xc0000000, fmul.s f4, f1, f2, rdn)
  TEST_S_RR(21, 0xff7fffff, OF|NX, S_MAX, 0xc0000000, fmul.s f4, f1, f2, rup)
  TEST_S_RR(22, S_MINF, OF|NX, S_MAX, 0xc0000000, fmul.s f4, f1, f2, rmm)
  /* Infinity itself is exact. */
  TEST_S_RR(23, S_PINF, 0, S_PINF, S_TWO, fmul.s f4, f1, f2)

  /* ---- subnormals and underflow ---- */
  /* Exact subnormal results raise nothing. */
  TEST_S_RR(24, 0x00400000, 0, S_MIN_NORM, S_HALF, fmul.s f4, f1, f2)
  TEST_S_RR(25, S_MAX_SUB, 0, S_MIN_NORM, S_MIN_SUB, fsub.s f4, f1, f2)
  /* Half the smallest subnormal: a tie, to even (0) or away (MIN_SUB). */
  TEST_S_RR(26, S_PZERO, UF|NX, S_MIN_SUB, S_HALF, fmul.s f4, f1, f2, rne)
  TEST_S_RR(27, S_PZERO, UF|NX, S_MIN_SUB, S_HALF, fmul.s f4, f1, f2, rtz)
  TEST_S_RR(28, S_PZERO, UF|NX, S_MIN_SUB, S_HALF, fmul.s f4, f1, f2, rdn)
  TEST_S_RR(29, S_MIN_SUB, UF|NX, S_MIN_SUB, S_HALF, fmul.s f4, f1, f2, rup)
  TEST_S_RR(30, S_MIN_SUB, UF|NX, S_MIN_SUB, S_HALF, fmul.s f4, f1, f2, rmm)
  /* MAX_SUB * (1 + 2^-23) rounds up to MIN_NORM: tiny before rounding,
   * not after, so RISC-V (tininess after rounding) raises only NX. */
  TEST_S_RR(31, S_MIN_NORM, NX, S_MAX_SUB, 0x3f800001, fmul.s f4, f1, f2, rne)
  /* ...while toward zero it stays subnormal: UF. */
  TEST_S_RR(32, S_MAX_SUB, UF|NX, S_MAX_SUB, 0x3f800001, fmul.s f4, f1, f2, rtz)

  /* ---- invalid operations, division by zero, NaNs ---- */
  TEST_S_RR(33, S_PINF, DZ, S_ONE, S_PZERO, fdiv.s f4, f1, f2)
  TEST_S_RR(34, S_MINF, DZ, S_ONE, S_MZERO, fdiv.s f4, f1, f2)
  TEST_S_RR(35, S_QNAN, NV, S_PZERO, S_PZERO, fdiv.s f4, f1, f2)
  TEST_S_RR(36, S_QNAN, NV, S_PINF, S_PINF, fsub.s f4, f1, f2)
  TEST_S_RR(37, S_QNAN, NV, S_PINF, S_PZERO, fmul.s f4, f1, f2)
  /* A signalling NaN operand: NV and the canonical NaN. */
  TEST_S_RR(38, S_QNAN, NV, S_SNAN, S_ONE, fadd.s f4, f1, f2)
  TEST_S_RR(39, S_QNAN, NV, S_ONE, 0xff800005, fmul.s f4, f1, f2)
  /* A quiet NaN with a payload and sign: no flag, the canonical NaN. */
  TEST_S_RR(40, S_QNAN, 0, 0xffc12345, S_ONE, fadd.s f4, f1, f2)
  TEST_S_RR(41, S_QNAN, 0, S_ONE, 0x7fc00001, fdiv.s f4, f1, f2)

  /* ---- sqrt ---- */
  TEST_S_RR(42, S_TWO, 0, 0x40800000, 0, fsqrt.s f4, f1)
  TEST_S_RR(43, 0x3fb504f3, NX, S_TWO, 0, fsqrt.s f4, f1, rne)
  TEST_S_RR(44, 0x3fb504f4, NX, S_TWO, 0, fsqrt.s f4, f1, rup)
  TEST_S_RR(45, 0x3fb504f3, NX, S_TWO, 0, fsqrt.s f4, f1, rdn)
  TEST_S_RR(46, S_MZERO, 0, S_MZERO, 0, fsqrt.s f4, f1)
  TEST_S_RR(47, S_QNAN, NV, S_MONE, 0, fsqrt.s f4, f1)
  TEST_S_RR(48, S_QNAN, NV, S_SNAN, 0, fsqrt.s f4, f1)
  TEST_S_RR(49, S_PINF, 0, S_PINF, 0, fsqrt.s f4, f1)

  /* ---- fused multiply-add ---- */
  TEST_S_RRR(50, 0x40e00000, 0, S_TWO, S_THREE, S_ONE, fmadd.s f4, f1, f2, f3)
  TEST_S_RRR(51, 0x40a00000, 0, S_TWO, S_THREE, S_ONE, fmsub.s f4, f1, f2, f3)
  TEST_S_RRR(52, 0xc0a00000, 0, S_TWO, S_THREE, S_ONE, fnmsub.s f4, f1, f2, f3)
  TEST_S_RRR(53, 0xc0e00000, 0, S_TWO, S_THREE, S_ONE, fnmadd.s f4, f1, f2, f3)
  /* One rounding: (1 + 2^-23)(1 - 2^-24) - 1 is exact fused (a product
   * rounded first would give 0). */
  TEST_S_RRR(54, 0x337ffffe, 0, 0x3f800001, 0x3f7fffff, S_MONE, fmadd.s f4, f1, f2, f3)
  /* inf * 0 + qNaN is invalid (RISC-V requires NV even with a quiet
   * addend). */
  TEST_S_RRR(55, S_QNAN, NV, S_PINF, S_PZERO, S_QNAN, fmadd.s f4, f1, f2, f3)
  TEST_S_RRR(56, S_QNAN, NV, S_ONE, S_ONE, S_SNAN, fmadd.s f4, f1, f2, f3)
  TEST_S_RRR(57, S_QNAN, 0, S_ONE, S_QNAN, S_ONE, fnmadd.s f4, f1, f2, f3)
  /* Exact zero sums: 1*1 - 1 is +0, -0 in RDN; fnmadd of +0 * 1 and +0
   * is -0 - 0 = -0. */
  TEST_S_RRR(58, S_PZERO, 0, S_ONE, S_ONE, S_ONE, fmsub.s f4, f1, f2, f3, rne)
  TEST_S_RRR(59, S_MZERO, 0, S_ONE, S_ONE, S_ONE, fmsub.s f4, f1, f2, f3, rdn)
  TEST_S_RRR(60, S_MZERO, 0, S_PZERO, S_ONE, S_PZERO, fnmadd.s f4, f1, f2, f3)
  /* Overflow inside a fused operation. */
  TEST_S_RRR(61, S_MAX, OF|NX, S_MAX, S_TWO, S_ONE, fmadd.s f4, f1, f2, f3, rtz)

  /* ---- sign injection: bits only, no flags, NaN payloads kept ---- */
  TEST_S_RR(62, S_MONE, 0, S_ONE, 0xc0000000, fsgnj.s f4, f1, f2)
  TEST_S_RR(63, S_ONE, 0, S_ONE, 0xc0000000, fsgnjn.s f4, f1, f2)
  TEST_S_RR(64, S_ONE, 0, S_MONE, 0xc0000000, fsgnjx.s f4, f1, f2)
  TEST_S_RR(65, 0xffc00001, 0, 0x7fc00001, S_ONE, fsgnjn.s f4, f1, f2)
  TEST_S_RR(66, 0xff800001, 0, S_SNAN, S_MONE, fsgnj.s f4, f1, f2)

  /* ---- fmin / fmax: -0 < +0, a NaN loses to a number ---- */
  TEST_S_RR(67, S_MZERO, 0, S_PZERO, S_MZERO, fmin.s f4, f1, f2)
  TEST_S_RR(68, S_MZERO, 0, S_MZERO, S_PZERO, fmin.s f4, f1, f2)
  TEST_S_RR(69, S_PZERO, 0, S_MZERO, S_PZERO, fmax.s f4, f1, f2)
  TEST_S_RR(70, S_PZERO, 0, S_PZERO, S_MZERO, fmax.s f4, f1, f2)
  TEST_S_RR(71, S_ONE, 0, S_QNAN, S_ONE, fmin.s f4, f1, f2)
  TEST_S_RR(72, S_ONE, 0, S_ONE, 0xffc00000, fmax.s f4, f1, f2)
  TEST_S_RR(73, S_ONE, NV, S_SNAN, S_ONE, fmin.s f4, f1, f2)
  TEST_S_RR(74, S_MONE, NV, S_MONE, S_SNAN, fmax.s f4, f1, f2)
  TEST_S_RR(75, S_QNAN, 0, 0x7fc00005, 0xffc00000, fmin.s f4, f1, f2)
  TEST_S_RR(76, S_QNAN, NV, S_SNAN, S_SNAN, fmax.s f4, f1, f2)
  TEST_S_RR(77, S_MINF, 0, S_MINF, S_MAX, fmin.s f4, f1, f2)
  TEST_S_RR(78, S_THREE, 0, S_TWO, S_THREE, fmax.s f4, f1, f2)

  /* ---- comparisons: feq quiet, flt/fle signalling ---- */
  TEST_S_INT(79, 1, 0, S_MZERO, S_PZERO, feq.s a0, f1, f2)
  TEST_S_INT(80, 0, 0, S_MZERO, S_PZERO, flt.s a0, f1, f2)
  TEST_S_INT(81, 1, 0, S_MZERO, S_PZERO, fle.s a0, f1, f2)
  TEST_S_INT(82, 1, 0, S_MINF, S_PINF, flt.s a0, f1, f2)
  TEST_S_INT(83, 0, 0, S_TWO, S_ONE, fle.s a0, f1, f2)
  TEST_S_INT(84, 0, 0, S_QNAN, S_ONE, feq.s a0, f1, f2)
  TEST_S_INT(85, 0, NV, S_SNAN, S_ONE, feq.s a0, f1, f2)
  TEST_S_INT(86, 0, NV, S_QNAN, S_ONE, flt.s a0, f1, f2)
  TEST_S_INT(87, 0, NV, S_ONE, S_QNAN, fle.s a0, f1, f2)
  TEST_S_INT(88, 0, 0, S_QNAN, S_QNAN, feq.s a0, f1, f2)

  /* ---- fclass: each of the ten classes ---- */
  TEST_S_INT(89, 0x001, 0, S_MINF, 0, fclass.s a0, f1)
  TEST_S_INT(90, 0x002, 0, S_MONE, 0, fclass.s a0, f1)
  TEST_S_INT(91, 0x004, 0, 0x80000001, 0, fclass.s a0, f1)
  TEST_S_INT(92, 0x008, 0, S_MZERO, 0, fclass.s a0, f1)
  TEST_S_INT(93, 0x010, 0, S_PZERO, 0, fclass.s a0, f1)
  TEST_S_INT(94, 0x020, 0, S_MAX_SUB, 0, fclass.s a0, f1)
  TEST_S_INT(95, 0x040, 0, S_MIN_NORM, 0, fclass.s a0, f1)
  TEST_S_INT(96, 0x080, 0, S_PINF, 0, fclass.s a0, f1)
  TEST_S_INT(97, 0x100, 0, S_SNAN, 0, fclass.s a0, f1)
  TEST_S_INT(98, 0x200, 0, 0xffc00000, 0, fclass.s a0, f1)

  /* ---- fcvt.w.s / fcvt.wu.s: rounding, ties, limits, NaN ---- */
  TEST_S_INT(99, 2, NX, 0x40200000, 0, fcvt.w.s a0, f1, rne)     /* 2.5 */
  TEST_S_INT(100, 3, NX, 0x40200000, 0, fcvt.w.s a0, f1, rmm)
  TEST_S_INT(101, -3, NX, 0xc0200000, 0, fcvt.w.s a0, f1, rmm)   /* -2.5 */
  TEST_S_INT(102, -2, NX, 0xc0200000, 0, fcvt.w.s a0, f1, rtz)
  TEST_S_INT(103, -2, NX, 0xbfc00000, 0, fcvt.w.s a0, f1, rdn)   /* -1.5 */
  TEST_S_INT(104, -1, NX, 0xbfc00000, 0, fcvt.w.s a0, f1, rup)
  TEST_S_INT(105, 0x7fffffff, NV, 0x4f000000, 0, fcvt.w.s a0, f1, rtz)  /* 2^31 */
  TEST_S_INT(106, SEXT32(0x80000000), 0, 0xcf000000, 0, fcvt.w.s a0, f1, rtz)
  TEST_S_INT(107, SEXT32(0x80000000), NV, 0xcf000001, 0, fcvt.w.s a0, f1, rtz)
  TEST_S_INT(108, 0x7fffffff, NV, S_QNAN, 0, fcvt.w.s a0, f1, rtz)
  TEST_S_INT(109, 0x7fffffff, NV, 0xffc00000, 0, fcvt.w.s a0, f1, rtz)  /* -NaN */
  TEST_S_INT(110, 0x7fffffff, NV, S_PINF, 0, fcvt.w.s a0, f1, rtz)
  TEST_S_INT(111, SEXT32(0x80000000), NV, S_MINF, 0, fcvt.w.s a0, f1, rtz)
  TEST_S_INT(112, 0, NX, S_MIN_SUB, 0, fcvt.w.s a0, f1, rne)
  TEST_S_INT(113, 1, NX, S_MIN_SUB, 0, fcvt.w.s a0, f1, rup)
  TEST_S_INT(114, 0, NV, S_MONE, 0, fcvt.wu.s a0, f1, rtz)
  TEST_S_INT(115, 0, NX, 0xbf000000, 0, fcvt.wu.s a0, f1, rtz)    /* -0.5 */
  TEST_S_INT(116, 0, NV, 0xbf000000, 0, fcvt.wu.s a0, f1, rdn)
  /* 32-bit results are sign-extended on RV64, unsigned ones too. */
  TEST_S_INT(117, SEXT32(0xffffff00), 0, 0x4f7fffff, 0, fcvt.wu.s a0, f1, rtz)
  TEST_S_INT(118, -1, NV, 0x4f800000, 0, fcvt.wu.s a0, f1, rtz)  /* 2^32 */
  TEST_S_INT(119, -1, NV, S_QNAN, 0, fcvt.wu.s a0, f1, rtz)
  TEST_S_INT(120, 0, NV, S_MINF, 0, fcvt.wu.s a0, f1, rtz)

  /* ---- fcvt.s.w / fcvt.s.wu ---- */
  TEST_S_FROM_INT(121, 0x4f000000, NX, 0x7fffffff, fcvt.s.w f4, a2, rne)
  TEST_S_FROM_INT(122, 0x4effffff, NX, 0x7fffffff, fcvt.s.w f4, a2, rtz)
  TEST_S_FROM_INT(123, 0xcf000000, 0, SEXT32(0x80000000), fcvt.s.w f4, a2)
  TEST_S_FROM_INT(124, S_MONE, 0, -1, fcvt.s.w f4, a2)
  TEST_S_FROM_INT(125, 0x4f800000, NX, -1, fcvt.s.wu f4, a2, rne)
  TEST_S_FROM_INT(126, 0x4f7fffff, NX, -1, fcvt.s.wu f4, a2, rtz)
  /* 2^24 + 1 is a tie: to even (2^24) or away (2^24 + 2). */
  TEST_S_FROM_INT(127, 0x4b800000, NX, 0x1000001, fcvt.s.w f4, a2, rne)
  TEST_S_FROM_INT(128, 0x4b800001, NX, 0x1000001, fcvt.s.w f4, a2, rmm)
  TEST_S_FROM_INT(129, S_PZERO, 0, 0, fcvt.s.wu f4, a2)

#if XLEN == 64
  /* ---- RV64: fcvt.l.s, fcvt.lu.s, fcvt.s.l, fcvt.s.lu ---- */
  TEST_S_INT(130, 0x7fffffffffffffff, NV, 0x5f000000, 0, fcvt.l.s a0, f1, rtz)
  TEST_S_INT(131, 0x8000000000000000, 0, 0xdf000000, 0, fcvt.l.s a0, f1, rtz)
  TEST_S_INT(132, 0x8000000000000000, NV, S_MINF, 0, fcvt.l.s a0, f1, rtz)
  TEST_S_INT(133, 0x7fffffffffffffff, NV, S_SNAN, 0, fcvt.l.s a0, f1, rtz)
  TEST_S_INT(134, -3, NX, 0xc0200000, 0, fcvt.l.s a0, f1, rmm)
  TEST_S_INT(135, 0, NV, S_MONE, 0, fcvt.lu.s a0, f1, rtz)
  TEST_S_INT(136, -1, NV, 0x5f800000, 0, fcvt.lu.s a0, f1, rtz)   /* 2^64 */
  TEST_S_INT(137, 0xffffff0000000000, 0, 0x5f7fffff, 0, fcvt.lu.s a0, f1, rtz)
  TEST_S_INT(138, -1, NV, S_QNAN, 0, fcvt.lu.s a0, f1, rtz)
  TEST_S_FROM_INT(139, 0x5f000000, NX, 0x7fffffffffffffff, fcvt.s.l f4, a2)
  TEST_S_FROM_INT(140, 0xdf000000, 0, 0x8000000000000000, fcvt.s.l f4, a2)
  TEST_S_FROM_INT(141, 0x5f800000, NX, -1, fcvt.s.lu f4, a2, rne)
  TEST_S_FROM_INT(142, 0x5f7fffff, NX, -1, fcvt.s.lu f4, a2, rtz)
  /* fcvt.s.w takes the low 32 bits only. */
  TEST_S_FROM_INT(143, S_MONE, 0, 0x12345678ffffffff, fcvt.s.w f4, a2)
#endif

  /* ---- moves: fmv.x.w sign-extends, fmv.w.x boxes ---- */
  li gp, 150
  li t2, 0x80000001
  fmv.w.x f5, t2
  CHECK_S(f5, 0x80000001)
  fmv.x.w a0, f5
  CHECK_EQ(a0, SEXT32(0x80000001))
  fsflags x0
  fmv.x.w a0, f5
  CHECK_FLAGS(0)

  /* ---- NaN-boxing: a single operand whose upper half is not all ones
   * reads as the canonical NaN; moves and stores see the raw bits ---- */
  li gp, 151
  LOAD_D(f6, 0x000000003f800000)          /* 1.0 in the low half, unboxed */
  LOAD_S(f7, S_ONE)
  fsflags x0
  fadd.s f4, f6, f7
  CHECK_FLAGS(0)
  CHECK_S(f4, S_QNAN)
  li gp, 152
  fclass.s a0, f6
  CHECK_EQ(a0, 0x200)
  li gp, 153
  fsgnj.s f4, f7, f6                       /* sign of the canonical NaN: + */
  CHECK_S(f4, S_ONE)
  fsgnjn.s f4, f6, f7
  CHECK_S(f4, 0xffc00000)
  li gp, 154
  fmv.x.w a0, f6
  CHECK_EQ(a0, S_ONE)
  li gp, 155
  la t2, fp_scratch
  li t1, -1
  sw t1, 8(t2)
  fsw f6, 8(t2)
  lw a0, 8(t2)
  CHECK_EQ(a0, S_ONE)
  li gp, 156
  LOAD_D(f6, 0xfffffffe3f800000)          /* one bit off */
  fmin.s f4, f6, f7
  CHECK_S(f4, S_ONE)
  feq.s a0, f6, f6
  CHECK_EQ(a0, 0)
  li gp, 157
  LOAD_D(f6, 0x7ff0000000000000)
  fcvt.w.s a0, f6, rtz
  CHECK_EQ(a0, 0x7fffffff)

  /* ---- loads and stores: flw boxes, fsw stores 32 bits ---- */
  li gp, 158
  la t2, fp_scratch
  li t1, 0x12345678
  sw t1, 0(t2)
  li t1, 0x55555555
  sw t1, 4(t2)
  flw f8, 0(t2)
  CHECK_S(f8, 0x12345678)
  li gp, 159
  LOAD_S(f8, 0xcafef00d)
  la t2, fp_scratch
  li t1, 0x55555555
  sw t1, 12(t2)
  fsw f8, 8(t2)
  lw a0, 8(t2)
  CHECK_EQ(a0, SEXT32(0xcafef00d))
  lw a0, 12(t2)
  CHECK_EQ(a0, 0x55555555)
  li gp, 160
  la t2, fp_scratch + 12
  flw f9, -4(t2)
  CHECK_S(f9, 0xcafef00d)

  /* ---- rounding modes: dynamic takes frm; reserved ones are illegal ---- */
  li gp, 161
  LOAD_S(f1, S_ONE)
  LOAD_S(f2, S_THREE)
  fsrmi 1                                  /* rtz */
  fdiv.s f4, f1, f2                        /* dyn */
  CHECK_S(f4, 0x3eaaaaaa)
  fsrmi 3                                  /* rup */
  fdiv.s f4, f1, f2
  CHECK_S(f4, 0x3eaaaaab)
  fdiv.s f4, f1, f2, rtz                   /* a static rm wins */
  CHECK_S(f4, 0x3eaaaaaa)
  fsrmi 5
  TEST_ILLEGAL(162, fdiv.s f4, f1, f2)
  fsrmi 6
  TEST_ILLEGAL(163, fcvt.w.s a0, f1)
  fsrmi 7
  TEST_ILLEGAL(164, fmadd.s f4, f1, f2, f3)
  /* An instruction without rm does not care about frm. */
  li gp, 165
  fsgnj.s f4, f1, f2
  fmin.s f4, f1, f2
  feq.s a0, f1, f2
  fclass.s a0, f1
  fsrmi 0
  /* rm 5 and 6 in the instruction itself. */
  TEST_ILLEGAL(166, .insn r 0x53, 5, 0x00, f4, f1, f2)     /* fadd.s, rm 5 */
  TEST_ILLEGAL(167, .insn r 0x53, 6, 0x2c, f4, f1, f0)     /* fsqrt.s, rm 6 */
  TEST_ILLEGAL(168, .insn r 0x53, 5, 0x68, f4, x0, f0)     /* fcvt.s.w, rm 5 */
  /* A trap leaves the destination alone (fmin.s wrote it last). */
  li gp, 169
  CHECK_S(f4, S_ONE)

  TEST_PASS

FP_DATA
