/* D extension: every double-precision instruction with its result bits
 * and flags, on the same corners as fp-single.S (NaNs, subnormals,
 * overflow in every rounding mode, ties, fused rounding, fmin/fmax,
 * fclass, conversions at the integer limits), plus the conversions
 * between single and double (NaN-boxed results, canonical NaNs), on
 * RV64 fmv.x.d / fmv.d.x, and FP loads and stores that fault.  Expected
 * values were worked out from IEEE 754 and the D chapter of the
 * unprivileged specification. */
#include "fp-macros.h"

TEST_BEGIN
  FP_ENABLE

  /* ---- arithmetic and rounding modes ---- */
  TEST_D_RR(1, D_THREE, 0, D_ONE, D_TWO, fadd.d f4, f1, f2)
  TEST_D_RR(2, D_MONE, 0, D_ONE, D_TWO, fsub.d f4, f1, f2)
  TEST_D_RR(3, 0x4018000000000000, 0, D_THREE, D_TWO, fmul.d f4, f1, f2)
  TEST_D_RR(4, 0x3fd5555555555555, NX, D_ONE, D_THREE, fdiv.d f4, f1, f2, rne)
  TEST_D_RR(5, 0x3fd5555555555555, NX, D_ONE, D_THREE, fdiv.d f4, f1, f2, rtz)
  TEST_D_RR(6, 0x3fd5555555555555, NX, D_ONE, D_THREE, fdiv.d f4, f1, f2, rdn)
  TEST_D_RR(7, 0x3fd5555555555556, NX, D_ONE, D_THREE, fdiv.d f4, f1, f2, rup)
  TEST_D_RR(8, 0x3fd5555555555555, NX, D_ONE, D_THREE, fdiv.d f4, f1, f2, rmm)
  TEST_D_RR(9, 0xbfd5555555555556, NX, D_MONE, D_THREE, fdiv.d f4, f1, f2, rdn)
  TEST_D_RR(10, D_PZERO, 0, D_ONE, D_MONE, fadd.d f4, f1, f2, rup)
  TEST_D_RR(11, D_MZERO, 0, D_ONE, D_MONE, fadd.d f4, f1, f2, rdn)

  /* ---- overflow in every mode ---- */
  TEST_D_RR(12, D_PINF, OF|NX, D_MAX, D_TWO, fmul.d f4, f1, f2, rne)
  TEST_D_RR(13, D_MAX,  OF|NX, D_MAX, D_TWO, fmul.d f4, f1, f2, rtz)
  TEST_D_RR(14, D_MAX,  OF|NX, D_MAX, D_TWO, fmul.d f4, f1, f2, rdn)
  TEST_D_RR(15, D_PINF, OF|NX, D_MAX, D_TWO, fmul.d f4, f1, f2, rup)
  TEST_D_RR(16, D_PINF, OF|NX, D_MAX, D_TWO, fmul.d f4, f1, f2, rmm)
  TEST_D_RR(17, D_MINF, OF|NX, D_MAX, 0xc000000000000000, fmul.d f4, f1, f2, rne)
  TEST_D_RR(18, 0xffefffffffffffff, OF|NX, D_MAX, 0xc000000000000000, fmul.d f4, f1, f2, rtz)
  TEST_D_RR(19, D_MINF, OF|NX, D_MAX, 0xc000000000000000, fmul.d f4, f1, f2, rdn)
  TEST_D_RR(20, 0xffefffffffffffff, OF|NX, D_MAX, 0xc000000000000000, fmul.d f4, f1, f2, rup)
  TEST_D_RR(21, D_MINF, OF|NX, D_MAX, 0xc000000000000000, fmul.d f4, f1, f2, rmm)

  /* ---- subnormals ---- */
  TEST_D_RR(22, 0x0008000000000000, 0, D_MIN_NORM, D_HALF, fmul.d f4, f1, f2)
  TEST_D_RR(23, D_PZERO, UF|NX, D_MIN_SUB, D_HALF, fmul.d f4, f1, f2, rne)
  TEST_D_RR(24, D_MIN_SUB, UF|NX, D_MIN_SUB, D_HALF, fmul.d f4, f1, f2, rmm)
  TEST_D_RR(25, D_MIN_SUB, UF|NX, D_MIN_SUB, D_HALF, fmul.d f4, f1, f2, rup)
  TEST_D_RR(26, 0x8000000000000000, UF|NX, 0x8000000000000001, D_HALF, fmul.d f4, f1, f2, rtz)
  TEST_D_RR(27, 0x8000000000000001, UF|NX, 0x8000000000000001, D_HALF, fmul.d f4, f1, f2, rdn)
  /* Rounds up to the smallest normal: NX only (tininess after rounding). */
  TEST_D_RR(28, D_MIN_NORM, NX, 0x000fffffffffffff, 0x3ff0000000000001, fmul.d f4, f1, f2)

  /* ---- NaNs, invalid, division by zero ---- */
  TEST_D_RR(29, D_PINF, DZ, D_ONE, D_PZERO, fdiv.d f4, f1, f2)
  TEST_D_RR(30, D_QNAN, NV, D_PZERO, D_PZERO, fdiv.d f4, f1, f2)
  TEST_D_RR(31, D_QNAN, NV, D_MINF, D_PINF, fadd.d f4, f1, f2)
  TEST_D_RR(32, D_QNAN, NV, D_SNAN, D_ONE, fsub.d f4, f1, f2)
  TEST_D_RR(33, D_QNAN, 0, 0xfff8000000000123, D_ONE, fmul.d f4, f1, f2)

  /* ---- sqrt ---- */
  TEST_D_RR(34, D_TWO, 0, 0x4010000000000000, 0, fsqrt.d f4, f1)
  TEST_D_RR(35, 0x3ff6a09e667f3bcd, NX, D_TWO, 0, fsqrt.d f4, f1, rne)
  TEST_D_RR(36, 0x3ff6a09e667f3bcc, NX, D_TWO, 0, fsqrt.d f4, f1, rdn)
  TEST_D_RR(37, D_MZERO, 0, D_MZERO, 0, fsqrt.d f4, f1)
  TEST_D_RR(38, D_QNAN, NV, D_MINF, 0, fsqrt.d f4, f1)

  /* ---- fused ---- */
  TEST_D_RRR(39, 0x401c000000000000, 0, D_TWO, D_THREE, D_ONE, fmadd.d f4, f1, f2, f3)
  TEST_D_RRR(40, 0x4014000000000000, 0, D_TWO, D_THREE, D_ONE, fmsub.d f4, f1, f2, f3)
  TEST_D_RRR(41, 0xc014000000000000, 0, D_TWO, D_THREE, D_ONE, fnmsub.d f4, f1, f2, f3)
  TEST_D_RRR(42, 0xc01c000000000000, 0, D_TWO, D_THREE, D_ONE, fnmadd.d f4, f1, f2, f3)
  TEST_D_RRR(43, 0x3c9ffffffffffffe, 0, 0x3ff0000000000001, 0x3fefffffffffffff, D_MONE, fmadd.d f4, f1, f2, f3)
  TEST_D_RRR(44, D_QNAN, NV, D_PZERO, D_MINF, D_QNAN, fmadd.d f4, f1, f2, f3)
  TEST_D_RRR(45, D_MZERO, 0, D_ONE, D_ONE, D_ONE, fmsub.d f4, f1, f2, f3, rdn)

  /* ---- sign injection ---- */
  TEST_D_RR(46, D_MONE, 0, D_ONE, 0xc000000000000000, fsgnj.d f4, f1, f2)
  TEST_D_RR(47, D_ONE, 0, D_ONE, 0xc000000000000000, fsgnjn.d f4, f1, f2)
  TEST_D_RR(48, D_ONE, 0, D_MONE, 0xc000000000000000, fsgnjx.d f4, f1, f2)
  TEST_D_RR(49, 0xfff0000000000001, 0, D_SNAN, D_ONE, fsgnjn.d f4, f1, f2)

  /* ---- fmin / fmax ---- */
  TEST_D_RR(50, D_MZERO, 0, D_PZERO, D_MZERO, fmin.d f4, f1, f2)
  TEST_D_RR(51, D_PZERO, 0, D_MZERO, D_PZERO, fmax.d f4, f1, f2)
  TEST_D_RR(52, D_ONE, 0, D_QNAN, D_ONE, fmin.d f4, f1, f2)
  TEST_D_RR(53, D_ONE, NV, D_ONE, D_SNAN, fmax.d f4, f1, f2)
  TEST_D_RR(54, D_QNAN, NV, D_SNAN, D_QNAN, fmin.d f4, f1, f2)
  TEST_D_RR(55, D_QNAN, 0, 0x7ff8000000000001, 0x7ff8000000000002, fmax.d f4, f1, f2)

  /* ---- comparisons ---- */
  TEST_D_INT(56, 1, 0, D_MZERO, D_PZERO, feq.d a0, f1, f2)
  TEST_D_INT(57, 0, 0, D_MZERO, D_PZERO, flt.d a0, f1, f2)
  TEST_D_INT(58, 1, 0, D_MZERO, D_PZERO, fle.d a0, f1, f2)
  TEST_D_INT(59, 1, 0, D_ONE, D_TWO, flt.d a0, f1, f2)
  TEST_D_INT(60, 0, 0, D_QNAN, D_QNAN, feq.d a0, f1, f2)
  TEST_D_INT(61, 0, NV, D_SNAN, D_ONE, feq.d a0, f1, f2)
  TEST_D_INT(62, 0, NV, D_QNAN, D_ONE, fle.d a0, f1, f2)

  /* ---- fclass ---- */
  TEST_D_INT(63, 0x001, 0, D_MINF, 0, fclass.d a0, f1)
  TEST_D_INT(64, 0x002, 0, D_MONE, 0, fclass.d a0, f1)
  TEST_D_INT(65, 0x004, 0, 0x8000000000000001, 0, fclass.d a0, f1)
  TEST_D_INT(66, 0x008, 0, D_MZERO, 0, fclass.d a0, f1)
  TEST_D_INT(67, 0x010, 0, D_PZERO, 0, fclass.d a0, f1)
  TEST_D_INT(68, 0x020, 0, 0x000fffffffffffff, 0, fclass.d a0, f1)
  TEST_D_INT(69, 0x040, 0, D_MAX, 0, fclass.d a0, f1)
  TEST_D_INT(70, 0x080, 0, D_PINF, 0, fclass.d a0, f1)
  TEST_D_INT(71, 0x100, 0, D_SNAN, 0, fclass.d a0, f1)
  TEST_D_INT(72, 0x200, 0, D_QNAN, 0, fclass.d a0, f1)
  /* A boxed single is just a NaN to the D instructions. */
  TEST_D_INT(73, 0x200, 0, 0xffffffff3f800000, 0, fclass.d a0, f1)

  /* ---- fcvt.w.d / fcvt.wu.d ---- */
  /* 2^31 - 0.5: a tie to even is 2^31, out of range; toward zero fits. */
  TEST_D_INT(74, 0x7fffffff, NV, 0x41dfffffffe00000, 0, fcvt.w.d a0, f1, rne)
  TEST_D_INT(75, 0x7fffffff, NX, 0x41dfffffffe00000, 0, fcvt.w.d a0, f1, rtz)
  /* -2^31 - 0.5: to even is -2^31; downward it overflows. */
  TEST_D_INT(76, SEXT32(0x80000000), NX, 0xc1e0000000100000, 0, fcvt.w.d a0, f1, rne)
  TEST_D_INT(77, SEXT32(0x80000000), NV, 0xc1e0000000100000, 0, fcvt.w.d a0, f1, rdn)
  TEST_D_INT(78, SEXT32(0x80000000), NX, 0xc1e0000000100000, 0, fcvt.w.d a0, f1, rtz)
  TEST_D_INT(79, 0x7fffffff, NV, D_QNAN, 0, fcvt.w.d a0, f1)
  TEST_D_INT(80, SEXT32(0x80000000), NV, D_MINF, 0, fcvt.w.d a0, f1)
  TEST_D_INT(81, 3, NX, 0x4004000000000000, 0, fcvt.w.d a0, f1, rmm)   /* 2.5 */
  TEST_D_INT(82, 2, NX, 0x4004000000000000, 0, fcvt.w.d a0, f1, rne)
  /* 2^32 - 0.5 */
  TEST_D_INT(83, -1, NX, 0x41effffffff00000, 0, fcvt.wu.d a0, f1, rtz)
  TEST_D_INT(84, -1, NV, 0x41effffffff00000, 0, fcvt.wu.d a0, f1, rne)
  TEST_D_INT(85, 0, NV, D_MONE, 0, fcvt.wu.d a0, f1, rtz)
  TEST_D_INT(86, 0, NX, 0xbfe0000000000000, 0, fcvt.wu.d a0, f1, rne)  /* -0.5 */
  TEST_D_INT(87, -1, NV, D_SNAN, 0, fcvt.wu.d a0, f1)

  /* ---- fcvt.d.w / fcvt.d.wu: always exact ---- */
  TEST_D_FROM_INT(88, 0xc1e0000000000000, 0, SEXT32(0x80000000), fcvt.d.w f4, a2)
  TEST_D_FROM_INT(89, D_MONE, 0, -1, fcvt.d.w f4, a2)
  TEST_D_FROM_INT(90, 0x41efffffffe00000, 0, -1, fcvt.d.wu f4, a2)
  TEST_D_FROM_INT(91, D_PZERO, 0, 0, fcvt.d.w f4, a2)

  /* ---- single <-> double ---- */
  TEST_D_RR(92, 0xffffffff3eaaaaab, NX, 0x3fd5555555555555, 0, fcvt.s.d f4, f1, rne)
  TEST_D_RR(93, 0xffffffff3eaaaaaa, NX, 0x3fd5555555555555, 0, fcvt.s.d f4, f1, rtz)
  TEST_D_RR(94, 0xffffffff7f800000, OF|NX, D_MAX, 0, fcvt.s.d f4, f1, rne)
  TEST_D_RR(95, 0xffffffff7f7fffff, OF|NX, D_MAX, 0, fcvt.s.d f4, f1, rtz)
  TEST_D_RR(96, 0xffffffff00000000, UF|NX, D_MIN_SUB, 0, fcvt.s.d f4, f1, rne)
  TEST_D_RR(97, 0xffffffff00000001, UF|NX, D_MIN_SUB, 0, fcvt.s.d f4, f1, rup)
  TEST_D_RR(98, 0xffffffff7fc00000, NV, D_SNAN, 0, fcvt.s.d f4, f1)
  TEST_D_RR(99, 0xffffffff7fc00000, 0, 0xfff8000000000001, 0, fcvt.s.d f4, f1)
  TEST_D_RR(100, 0x3fd5555560000000, 0, 0xffffffff3eaaaaab, 0, fcvt.d.s f4, f1)
  TEST_D_RR(101, 0x36a0000000000000, 0, 0xffffffff00000001, 0, fcvt.d.s f4, f1)
  TEST_D_RR(102, D_QNAN, NV, 0xffffffff7f800001, 0, fcvt.d.s f4, f1)
  TEST_D_RR(103, D_MINF, 0, 0xffffffffff800000, 0, fcvt.d.s f4, f1)
  /* An unboxed single operand is the canonical NaN (quiet: no flag). */
  TEST_D_RR(104, D_QNAN, 0, 0x000000003f800000, 0, fcvt.d.s f4, f1)

#if XLEN == 64
  /* ---- RV64: fcvt.l.d, fcvt.lu.d, fcvt.d.l, fcvt.d.lu, fmv.x.d, fmv.d.x ---- */
  TEST_D_INT(110, 0x7fffffffffffffff, NV, 0x43e0000000000000, 0, fcvt.l.d a0, f1, rtz)
  TEST_D_INT(111, 0x8000000000000000, 0, 0xc3e0000000000000, 0, fcvt.l.d a0, f1, rtz)
  TEST_D_INT(112, 0x8000000000000000, NV, D_MINF, 0, fcvt.l.d a0, f1, rtz)
  TEST_D_INT(113, 0x7fffffffffffffff, NV, D_QNAN, 0, fcvt.l.d a0, f1, rtz)
  TEST_D_INT(114, 0x7ffffffffffffc00, 0, 0x43dfffffffffffff, 0, fcvt.l.d a0, f1, rtz)
  TEST_D_INT(115, -3, NX, 0xc004000000000000, 0, fcvt.l.d a0, f1, rmm)
  TEST_D_INT(116, 0xfffffffffffff800, 0, 0x43efffffffffffff, 0, fcvt.lu.d a0, f1, rtz)
  TEST_D_INT(117, -1, NV, 0x43f0000000000000, 0, fcvt.lu.d a0, f1, rtz)
  TEST_D_INT(118, 0, NV, D_MONE, 0, fcvt.lu.d a0, f1, rtz)
  TEST_D_INT(119, -1, NV, D_SNAN, 0, fcvt.lu.d a0, f1, rtz)
  TEST_D_FROM_INT(120, 0x43e0000000000000, NX, 0x7fffffffffffffff, fcvt.d.l f4, a2, rne)
  TEST_D_FROM_INT(121, 0x43dfffffffffffff, NX, 0x7fffffffffffffff, fcvt.d.l f4, a2, rtz)
  TEST_D_FROM_INT(122, 0xc3e0000000000000, 0, 0x8000000000000000, fcvt.d.l f4, a2)
  TEST_D_FROM_INT(123, 0x43f0000000000000, NX, -1, fcvt.d.lu f4, a2, rne)
  TEST_D_FROM_INT(124, 0x43efffffffffffff, NX, -1, fcvt.d.lu f4, a2, rdn)
  /* 2^53 + 1: a tie, to even or away. */
  TEST_D_FROM_INT(125, 0x4340000000000000, NX, 0x20000000000001, fcvt.d.l f4, a2, rne)
  TEST_D_FROM_INT(126, 0x4340000000000001, NX, 0x20000000000001, fcvt.d.l f4, a2, rmm)
  TEST_D_FROM_INT(127, 0xc1e0000000000000, 0, 0x7fffffff80000000, fcvt.d.w f4, a2)

  li gp, 128
  li a2, 0x8000000000000001
  fmv.d.x f5, a2
  fmv.x.d a0, f5
  CHECK_REG_EQ(a0, a2)
  CHECK_D(f5, 0x8000000000000001)
  li gp, 129
  li a2, 0x12345678
  fmv.d.x f5, a2                   /* no box: a single op sees a NaN */
  fclass.s a0, f5
  CHECK_EQ(a0, 0x200)
#endif

  /* ---- loads and stores ---- */
  li gp, 140
  LOAD_D(f8, 0x0123456789abcdef)
  la t2, fp_scratch
  fsd f8, 8(t2)
  lw a0, 8(t2)
  CHECK_EQ(a0, SEXT32(0x89abcdef))
  lw a0, 12(t2)
  CHECK_EQ(a0, 0x01234567)
  fld f9, 8(t2)
  CHECK_D(f9, 0x0123456789abcdef)
  /* Misaligned in RAM is fine. */
  li gp, 141
  la t2, fp_scratch
  fsd f8, 4(t2)
  fld f10, 4(t2)
  CHECK_D(f10, 0x0123456789abcdef)

  /* Faults as the integer loads and stores, the register unchanged. */
  li a3, UNMAPPED_ADDR
  TEST_TRAP_TVAL(147, CAUSE_LOAD_ACCESS, UNMAPPED_ADDR, fld f10, 0(a3))
  TEST_TRAP_TVAL(148, CAUSE_LOAD_ACCESS, UNMAPPED_ADDR + 4, flw f10, 4(a3))
  TEST_TRAP_TVAL(149, CAUSE_STORE_ACCESS, UNMAPPED_ADDR, fsd f10, 0(a3))
  TEST_TRAP_TVAL(150, CAUSE_STORE_ACCESS, UNMAPPED_ADDR + 8, fsw f10, 8(a3))
  li gp, 151
  CHECK_D(f10, 0x0123456789abcdef)

  /* ---- dynamic and reserved rounding modes ---- */
  li gp, 142
  LOAD_D(f1, D_ONE)
  LOAD_D(f2, D_THREE)
  fsrmi 3
  fdiv.d f4, f1, f2
  CHECK_D(f4, 0x3fd5555555555556)
  fsrmi 4
  fcvt.s.d f4, f4
  CHECK_S(f4, 0x3eaaaaab)
  fsrmi 7
  TEST_ILLEGAL(143, fdiv.d f4, f1, f2)
  TEST_ILLEGAL(144, .insn r 0x53, 7, 0x69, f4, a0, x0)   /* fcvt.d.w, dyn */
  fsrmi 0
  TEST_ILLEGAL(145, .insn r 0x53, 6, 0x01, f4, f1, f2)     /* fadd.d, rm 6 */
  TEST_ILLEGAL(146, .insn r4 0x43, 5, 1, f4, f1, f2, f3)   /* fmadd.d, rm 5 */

  TEST_PASS

FP_DATA
