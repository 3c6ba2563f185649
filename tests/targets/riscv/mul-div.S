/* M extension: mul mulh mulhsu mulhu div divu rem remu, and on RV64 mulw
 * divw divuw remw remuw.  Covers signed/unsigned mixes of the high-half
 * products, truncation towards zero, division by zero (quotient all ones,
 * remainder = dividend), signed overflow (MIN / -1 = MIN, remainder 0), and
 * for the W forms that only the low 32 bits of the operands count and the
 * 32-bit result is sign-extended.  Expected values were computed from the
 * definitions in the ISA manual. */
#include "test-macros.h"

TEST_BEGIN
#if XLEN == 32
  /* mul */
  TEST_RR_OP(1, mul, 0, 0, 0)
  TEST_RR_OP(2, mul, 21, 3, 7)
  TEST_RR_OP(3, mul, 1, -1, -1)
  TEST_RR_OP(4, mul, -15, -3, 5)
  TEST_RR_OP(5, mul, 0x80000000, 0x80000000, -1)
  TEST_RR_OP(6, mul, 0x242d2080, 0x12345678, 0x1abcdef0)
  TEST_RR_OP(7, mul, 1, 0x7fffffff, 0x7fffffff)
  TEST_RR_OP(8, mul, 0x80010000, 32767, 0xffff0000)
  /* mulh */
  TEST_RR_OP(9, mulh, 0, 0, 0)
  TEST_RR_OP(10, mulh, 0, -1, -1)
  TEST_RR_OP(11, mulh, 0x40000000, 0x80000000, 0x80000000)
  TEST_RR_OP(12, mulh, -1, -1, 1)
  TEST_RR_OP(13, mulh, 0x3fffffff, 0x7fffffff, 0x7fffffff)
  TEST_RR_OP(14, mulh, 0xc0000000, 0x80000000, 0x7fffffff)
  TEST_RR_OP(15, mulh, -2196, 0x12345678, -30874)
  /* mulhsu */
  TEST_RR_OP(16, mulhsu, 0, 0, 0)
  TEST_RR_OP(17, mulhsu, -1, -1, -1)
  TEST_RR_OP(18, mulhsu, 0x80000000, 0x80000000, -1)
  TEST_RR_OP(19, mulhsu, 1, 2, -1)
  TEST_RR_OP(20, mulhsu, -1, -1, 1)
  TEST_RR_OP(21, mulhsu, 0x3fffffff, 0x7fffffff, 0x80000000)
  TEST_RR_OP(22, mulhsu, -292, -4660, 0x10000000)
  /* mulhu */
  TEST_RR_OP(23, mulhu, 0, 0, 0)
  TEST_RR_OP(24, mulhu, -2, -1, -1)
  TEST_RR_OP(25, mulhu, 1, 0x80000000, 2)
  TEST_RR_OP(26, mulhu, 0, -1, 1)
  TEST_RR_OP(27, mulhu, 0x1234567, 0x12345678, 0x10000000)
  TEST_RR_OP(28, mulhu, 0x3fffffff, 0x7fffffff, 0x80000000)
  /* div */
  TEST_RR_OP(29, div, 3, 20, 6)
  TEST_RR_OP(30, div, -3, -20, 6)
  TEST_RR_OP(31, div, -3, 20, -6)
  TEST_RR_OP(32, div, 3, -20, -6)
  TEST_RR_OP(33, div, 0x80000000, 0x80000000, -1)
  TEST_RR_OP(34, div, -1, 20, 0)
  TEST_RR_OP(35, div, -1, 0, 0)
  TEST_RR_OP(36, div, -1, -20, 0)
  TEST_RR_OP(37, div, 0x80000000, 0x80000000, 1)
  TEST_RR_OP(38, div, 0, 5, 7)
  /* divu */
  TEST_RR_OP(39, divu, 3, 20, 6)
  TEST_RR_OP(40, divu, 0x2aaaaaa7, -20, 6)
  TEST_RR_OP(41, divu, -1, 20, 0)
  TEST_RR_OP(42, divu, -1, -1, 0)
  TEST_RR_OP(43, divu, 0, 0x80000000, -1)
  TEST_RR_OP(44, divu, -1, -1, 1)
  TEST_RR_OP(45, divu, 1, -1, -1)
  /* rem */
  TEST_RR_OP(46, rem, 2, 20, 6)
  TEST_RR_OP(47, rem, -2, -20, 6)
  TEST_RR_OP(48, rem, 2, 20, -6)
  TEST_RR_OP(49, rem, -2, -20, -6)
  TEST_RR_OP(50, rem, 0, 0x80000000, -1)
  TEST_RR_OP(51, rem, 20, 20, 0)
  TEST_RR_OP(52, rem, -20, -20, 0)
  TEST_RR_OP(53, rem, 0, 0, 0)
  TEST_RR_OP(54, rem, 5, 5, 7)
  /* remu */
  TEST_RR_OP(55, remu, 2, 20, 6)
  TEST_RR_OP(56, remu, 2, -20, 6)
  TEST_RR_OP(57, remu, 20, 20, 0)
  TEST_RR_OP(58, remu, -20, -20, 0)
  TEST_RR_OP(59, remu, 0x80000000, 0x80000000, -1)
  TEST_RR_OP(60, remu, 0, -1, -1)
  TEST_RR_OP(61, remu, 5, 5, 7)
#else
  /* mul */
  TEST_RR_OP(1, mul, 0, 0, 0)
  TEST_RR_OP(2, mul, 21, 3, 7)
  TEST_RR_OP(3, mul, 1, -1, -1)
  TEST_RR_OP(4, mul, -15, -3, 5)
  TEST_RR_OP(5, mul, 0x8000000000000000, 0x8000000000000000, -1)
  TEST_RR_OP(6, mul, 0x1e6bf12242d2080, 0x12345678, 0x1abcdef0)
  TEST_RR_OP(7, mul, 1, 0x7fffffffffffffff, 0x7fffffffffffffff)
  TEST_RR_OP(8, mul, 0xffffffff80010000, 32767, 0xffffffffffff0000)
  /* mulh */
  TEST_RR_OP(9, mulh, 0, 0, 0)
  TEST_RR_OP(10, mulh, 0, -1, -1)
  TEST_RR_OP(11, mulh, 0x4000000000000000, 0x8000000000000000, 0x8000000000000000)
  TEST_RR_OP(12, mulh, -1, -1, 1)
  TEST_RR_OP(13, mulh, 0x3fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff)
  TEST_RR_OP(14, mulh, 0xc000000000000000, 0x8000000000000000, 0x7fffffffffffffff)
  TEST_RR_OP(15, mulh, -1, 0x12345678, -30874)
  /* mulhsu */
  TEST_RR_OP(16, mulhsu, 0, 0, 0)
  TEST_RR_OP(17, mulhsu, -1, -1, -1)
  TEST_RR_OP(18, mulhsu, 0x8000000000000000, 0x8000000000000000, -1)
  TEST_RR_OP(19, mulhsu, 1, 2, -1)
  TEST_RR_OP(20, mulhsu, -1, -1, 1)
  TEST_RR_OP(21, mulhsu, 0x3fffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000)
  TEST_RR_OP(22, mulhsu, -1, -4660, 0x10000000)
  /* mulhu */
  TEST_RR_OP(23, mulhu, 0, 0, 0)
  TEST_RR_OP(24, mulhu, -2, -1, -1)
  TEST_RR_OP(25, mulhu, 1, 0x8000000000000000, 2)
  TEST_RR_OP(26, mulhu, 0, -1, 1)
  TEST_RR_OP(27, mulhu, 0, 0x12345678, 0x10000000)
  TEST_RR_OP(28, mulhu, 0x3fffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000)
  /* div */
  TEST_RR_OP(29, div, 3, 20, 6)
  TEST_RR_OP(30, div, -3, -20, 6)
  TEST_RR_OP(31, div, -3, 20, -6)
  TEST_RR_OP(32, div, 3, -20, -6)
  TEST_RR_OP(33, div, 0x8000000000000000, 0x8000000000000000, -1)
  TEST_RR_OP(34, div, -1, 20, 0)
  TEST_RR_OP(35, div, -1, 0, 0)
  TEST_RR_OP(36, div, -1, -20, 0)
  TEST_RR_OP(37, div, 0x8000000000000000, 0x8000000000000000, 1)
  TEST_RR_OP(38, div, 0, 5, 7)
  /* divu */
  TEST_RR_OP(39, divu, 3, 20, 6)
  TEST_RR_OP(40, divu, 0x2aaaaaaaaaaaaaa7, -20, 6)
  TEST_RR_OP(41, divu, -1, 20, 0)
  TEST_RR_OP(42, divu, -1, -1, 0)
  TEST_RR_OP(43, divu, 0, 0x8000000000000000, -1)
  TEST_RR_OP(44, divu, -1, -1, 1)
  TEST_RR_OP(45, divu, 1, -1, -1)
  /* rem */
  TEST_RR_OP(46, rem, 2, 20, 6)
  TEST_RR_OP(47, rem, -2, -20, 6)
  TEST_RR_OP(48, rem, 2, 20, -6)
  TEST_RR_OP(49, rem, -2, -20, -6)
  TEST_RR_OP(50, rem, 0, 0x8000000000000000, -1)
  TEST_RR_OP(51, rem, 20, 20, 0)
  TEST_RR_OP(52, rem, -20, -20, 0)
  TEST_RR_OP(53, rem, 0, 0, 0)
  TEST_RR_OP(54, rem, 5, 5, 7)
  /* remu */
  TEST_RR_OP(55, remu, 2, 20, 6)
  TEST_RR_OP(56, remu, 2, -20, 6)
  TEST_RR_OP(57, remu, 20, 20, 0)
  TEST_RR_OP(58, remu, -20, -20, 0)
  TEST_RR_OP(59, remu, 0x8000000000000000, 0x8000000000000000, -1)
  TEST_RR_OP(60, remu, 0, -1, -1)
  TEST_RR_OP(61, remu, 5, 5, 7)
#if XLEN == 64
  /* mulw */
  TEST_RR_OP(62, mulw, 21, 3, 7)
  TEST_RR_OP(63, mulw, -2, 0x7fffffff, 2)
  TEST_RR_OP(64, mulw, 1, -1, -1)
  TEST_RR_OP(65, mulw, 0x23456789, 0x123456789, 0x100000001)
  TEST_RR_OP(66, mulw, 0, 0x80000000, 0x80000000)
  /* divw */
  TEST_RR_OP(67, divw, 3, 20, 6)
  TEST_RR_OP(68, divw, -3, -20, 6)
  TEST_RR_OP(69, divw, 0xffffffff80000000, 0x80000000, -1)
  TEST_RR_OP(70, divw, -1, 20, 0)
  TEST_RR_OP(71, divw, 3, 0x100000014, 6)
  TEST_RR_OP(72, divw, -3, 0xffffffff00000014, 0xfffffffa)
  /* divuw */
  TEST_RR_OP(73, divuw, 3, 20, 6)
  TEST_RR_OP(74, divuw, 0x2aaaaaa7, -20, 6)
  TEST_RR_OP(75, divuw, -1, 20, 0)
  TEST_RR_OP(76, divuw, 0x40000000, 0x80000000, 2)
  TEST_RR_OP(77, divuw, -1, 0xffffffff, 1)
  TEST_RR_OP(78, divuw, 3, 0x100000014, 0x100000006)
  /* remw */
  TEST_RR_OP(79, remw, 2, 20, 6)
  TEST_RR_OP(80, remw, -2, -20, 6)
  TEST_RR_OP(81, remw, 0, 0x80000000, -1)
  TEST_RR_OP(82, remw, 20, 20, 0)
  TEST_RR_OP(83, remw, 0xffffffff80000005, 0x80000005, 0)
  TEST_RR_OP(84, remw, 2, 0x100000014, 6)
  /* remuw */
  TEST_RR_OP(85, remuw, 2, 20, 6)
  TEST_RR_OP(86, remuw, 2, -20, 6)
  TEST_RR_OP(87, remuw, 20, 20, 0)
  TEST_RR_OP(88, remuw, 0xffffffff80000005, 0x80000005, 0)
  TEST_RR_OP(89, remuw, 0xffffffff80000005, 0xffffffff80000005, 0x100000000)
  TEST_RR_OP(90, remuw, 15, 0x1ffffffff, 16)
#endif
#endif

  /* Register aliasing */
  TEST_RR_SRC1_EQ_DEST(100, mul, 143, 13, 11)
  TEST_RR_SRC2_EQ_DEST(101, mul, 154, 14, 11)
  TEST_RR_SRC12_EQ_DEST(102, mul, 169, 13)
  TEST_RR_SRC1_EQ_DEST(103, div, 4, 17, 4)
  TEST_RR_SRC2_EQ_DEST(104, rem, 1, 17, 4)
  TEST_RR_SRC12_EQ_DEST(105, divu, 1, -5)
  TEST_RR_SRC12_EQ_DEST(106, remu, 0, -5)
  TEST_RR_ZERO_SRC2(107, div, -1, 9)           /* x0 divisor */
  TEST_RR_ZERO_SRC2(108, remu, 9, 9)
  TEST_RR_ZERO_DEST(109, mulh, -1, -1)
  TEST_RR_ZERO_DEST(110, div, 1, 0)            /* div by zero into x0 */
  TEST_PASS
