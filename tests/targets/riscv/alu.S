/* Register-register integer operations: add sub sll slt sltu xor srl sra
 * or and, and on RV64 addw subw sllw srlw sraw.  Besides plain values each
 * group checks wrap-around, sign handling, that shift amounts use only the
 * low log2(XLEN) (W forms: 5) bits of rs2, and register aliasing (rd equal
 * to a source, x0 as source and destination). */
#include "test-macros.h"

TEST_BEGIN
  /* add */
  TEST_RR_OP(1, add, 0, 0, 0)
  TEST_RR_OP(2, add, 10, 3, 7)
  TEST_RR_OP(3, add, 0, -1, 1)
  TEST_RR_OP(4, add, -2, -1, -1)
  TEST_RR_OP(5, add, 0x80000000, 0x7fffffff, 1)
#if XLEN == 64
  TEST_RR_OP(6, add, 0x8000000000000000, 0x7fffffffffffffff, 1)
#else
  TEST_RR_OP(6, add, 0, 0x80000000, 0x80000000)
#endif
  TEST_RR_SRC1_EQ_DEST(7, add, 24, 13, 11)
  TEST_RR_SRC2_EQ_DEST(8, add, 25, 14, 11)
  TEST_RR_SRC12_EQ_DEST(9, add, 26, 13)
  TEST_RR_ZERO_SRC1(10, add, 15, 15)
  TEST_RR_ZERO_SRC2(11, add, 32, 32)
  TEST_RR_ZERO_DEST(12, add, 16, 30)

  /* sub */
  TEST_RR_OP(13, sub, 0, 0, 0)
  TEST_RR_OP(14, sub, -4, 3, 7)
  TEST_RR_OP(15, sub, 1, 0, -1)
  TEST_RR_OP(16, sub, 0x7fffffff, 0x80000000, 1)
#if XLEN == 64
  TEST_RR_OP(17, sub, 0x7fffffffffffffff, 0x8000000000000000, 1)
#else
  TEST_RR_OP(17, sub, 0x80000001, 0, 0x7fffffff)
#endif
  TEST_RR_SRC12_EQ_DEST(18, sub, 0, 0x1234)
  TEST_RR_ZERO_SRC1(19, sub, -15, 15)
  TEST_RR_ZERO_DEST(20, sub, 16, 30)

  /* sll: amount is rs2 mod XLEN */
  TEST_RR_OP(21, sll, 1, 1, 0)
  TEST_RR_OP(22, sll, 0x80, 1, 7)
  TEST_RR_OP(23, sll, 1 << (XLEN - 1), 1, XLEN - 1)
  TEST_RR_OP(24, sll, 2, 1, XLEN + 1)
  TEST_RR_OP(25, sll, -16, -1, 4)
  TEST_RR_OP(26, sll, 0x24680, 0x12340, -1 - (XLEN - 2))   /* low bits = 1 */
  TEST_RR_SRC12_EQ_DEST(27, sll, 24, 3)

  /* slt / sltu */
  TEST_RR_OP(28, slt, 0, 0, 0)
  TEST_RR_OP(29, slt, 1, -1, 1)
  TEST_RR_OP(30, slt, 0, 1, -1)
  TEST_RR_OP(31, slt, 1, 1 << (XLEN - 1), 0)
  TEST_RR_OP(32, slt, 0, 5, 5)
  TEST_RR_OP(33, sltu, 0, -1, 1)
  TEST_RR_OP(34, sltu, 1, 1, -1)
  TEST_RR_OP(35, sltu, 0, 1 << (XLEN - 1), 0)
  TEST_RR_OP(36, sltu, 0, 7, 7)
  TEST_RR_ZERO_SRC1(37, sltu, 1, 3)        /* snez */
  TEST_RR_ZERO_SRC2(38, slt, 1, -3)        /* sltz */
  TEST_RR_SRC12_EQ_DEST(39, slt, 0, -7)

  /* xor / or / and */
  TEST_RR_OP(40, xor, 0x0ff00ff0, 0xff00ff00, 0xf0f0f0f0)
  TEST_RR_OP(41, xor, -1, 0x5555, ~0x5555)
  TEST_RR_OP(42, or, 0x0ff0fff0, 0x0ff000f0, 0x0f00ff00)
  TEST_RR_OP(43, or, -1, -2, 1)
  TEST_RR_OP(44, and, 0x0f000000 | 0x00f0, 0x0ff000f0, 0x0f0f00ff)
  TEST_RR_OP(45, and, 0, -2, 1)
  TEST_RR_SRC12_EQ_DEST(46, xor, 0, 0x12345678)
  TEST_RR_SRC12_EQ_DEST(47, or, 0x12345678, 0x12345678)
  TEST_RR_SRC12_EQ_DEST(48, and, 0x12345678, 0x12345678)
  TEST_RR_ZERO_DEST(49, or, 1, 2)

  /* srl / sra */
  TEST_RR_OP(50, srl, 0x40, 0x80, 1)
  TEST_RR_OP(51, srl, 1, 1 << (XLEN - 1), XLEN - 1)
  TEST_RR_OP(52, srl, 1 << (XLEN - 2), -1 << (XLEN - 1), XLEN + 1)
  TEST_RR_OP(53, srl, -1, -1, 0)
  TEST_RR_OP(54, sra, -4, -8, 1)
  TEST_RR_OP(55, sra, -1, 1 << (XLEN - 1), XLEN - 1)
  TEST_RR_OP(56, sra, 3 << (XLEN - 2), 1 << (XLEN - 1), XLEN + 1)
  TEST_RR_OP(57, sra, 0x3f, 0x7f, 1)
  TEST_RR_SRC2_EQ_DEST(58, sra, -1, -1, 3)
  TEST_RR_ZERO_SRC2(59, srl, 0x1234, 0x1234)

#if XLEN == 64
  /* W forms: operate on the low 32 bits, sign-extend the 32-bit result. */
  TEST_RR_OP(60, addw, 0xffffffff80000000, 0x7fffffff, 1)
  TEST_RR_OP(61, addw, 2, 0x100000001, 0x300000001)
  TEST_RR_OP(62, addw, 0, 0xffffffff, 1)
  TEST_RR_OP(63, addw, -1, 0, -1)
  TEST_RR_OP(64, subw, -1, 0, 1)
  TEST_RR_OP(65, subw, 0x7fffffff, 0x80000000, 1)
  TEST_RR_OP(66, subw, 0, 0x8000000000000000, 0)
  TEST_RR_OP(67, sllw, 0xffffffff80000000, 1, 31)
  TEST_RR_OP(68, sllw, 2, 1, 33)              /* amount is rs2 mod 32 */
  TEST_RR_OP(69, sllw, 0, 0x100000000, 0)
  TEST_RR_OP(70, srlw, 0x40000000, 0xffffffff80000000, 1)
  TEST_RR_OP(71, srlw, 0xffffffff80000000, 0x80000000, 0)
  TEST_RR_OP(72, srlw, 1, 0xffffffff80000000, 63)
  TEST_RR_OP(73, srlw, 0x7fffffff, -1, 33)
  TEST_RR_OP(74, sraw, 0xffffffffc0000000, 0x80000000, 1)
  TEST_RR_OP(75, sraw, 0x3fffffff, 0xff7ffffffe, 1)
  TEST_RR_OP(76, sraw, -1, 0x80000000, 63)
  TEST_RR_SRC12_EQ_DEST(77, addw, 0xfffffffffffffffe, 0x12ffffffff)
  TEST_RR_ZERO_SRC1(78, subw, 0xffffffff80000001, 0x7fffffff)
  TEST_RR_ZERO_DEST(79, sllw, 1, 1)
#endif
  TEST_PASS
