/* Register-immediate integer operations: addi slti sltiu xori ori andi
 * slli srli srai, lui and auipc, and on RV64 addiw slliw srliw sraiw.
 * Immediates are 12-bit sign-extended (also for sltiu, whose comparison is
 * then unsigned, and for the logical ones); shift amounts go up to XLEN-1. */
#include "test-macros.h"

TEST_BEGIN
  /* addi */
  TEST_IMM_OP(1, addi, 0, 0, 0)
  TEST_IMM_OP(2, addi, 10, 3, 7)
  TEST_IMM_OP(3, addi, 2047, 0, 2047)
  TEST_IMM_OP(4, addi, -2048, 0, -2048)
  TEST_IMM_OP(5, addi, 0, 1, -1)
  TEST_IMM_OP(6, addi, 0x80000000, 0x7fffffff, 1)
  TEST_IMM_OP(7, addi, 1 << (XLEN - 1), (1 << (XLEN - 1)) + 2047, -2047 - 0)
  TEST_IMM_SRC1_EQ_DEST(8, addi, 24, 13, 11)
  TEST_IMM_ZERO_SRC1(9, addi, 32, 32)          /* li */
  TEST_IMM_ZERO_DEST(10, addi, 33, 50)

  /* slti / sltiu */
  TEST_IMM_OP(11, slti, 1, -1, 1)
  TEST_IMM_OP(12, slti, 0, 1, -1)
  TEST_IMM_OP(13, slti, 1, 1 << (XLEN - 1), -2048)
  TEST_IMM_OP(14, slti, 0, 2047, 2047)
  TEST_IMM_OP(15, sltiu, 1, 0, 1)
  TEST_IMM_OP(16, sltiu, 1, 0x7ff, -1)         /* imm -1 = all ones, unsigned */
  TEST_IMM_OP(17, sltiu, 0, -1, -1)
  TEST_IMM_OP(18, sltiu, 1, -2, -1)
  TEST_IMM_OP(19, sltiu, 0, -1, 1)
  TEST_IMM_OP(20, sltiu, 1, 0, 1)              /* seqz */
  TEST_IMM_SRC1_EQ_DEST(21, sltiu, 0, 5, 5)

  /* xori / ori / andi (sign-extended immediate) */
  TEST_IMM_OP(22, xori, ~0x00ff0f00, 0x00ff0f00, -1)   /* not */
  TEST_IMM_OP(23, xori, 0x00ff0ff0 ^ 0x70f, 0x00ff0ff0, 0x70f)
  TEST_IMM_OP(24, xori, 0x0f0f ^ -0x700, 0x0f0f, -0x700)
  TEST_IMM_OP(25, ori, 0x123457ff, 0x12345000, 0x7ff)
  TEST_IMM_OP(26, ori, -0x800 | 0x0f, 0x0f, -0x800)
  TEST_IMM_OP(27, andi, 0x0f0, 0xff0ff0f0, 0x0ff)
  TEST_IMM_OP(28, andi, 0xff0ff000, 0xff0ff0f0, -0x100)
  TEST_IMM_OP(29, andi, 0, -1, 0)
  TEST_IMM_SRC1_EQ_DEST(30, ori, 0x7ff, 0x700, 0xff)
  TEST_IMM_ZERO_DEST(31, andi, -1, -1)

  /* slli / srli / srai */
  TEST_IMM_OP(32, slli, 1, 1, 0)
  TEST_IMM_OP(33, slli, 0x4000, 1, 14)
  TEST_IMM_OP(34, slli, 1 << (XLEN - 1), 1, XLEN - 1)
  TEST_IMM_OP(35, slli, -2, -1, 1)
  TEST_IMM_OP(36, srli, 0x7f, 0xfe, 1)
  TEST_IMM_OP(37, srli, 1, -1, XLEN - 1)
  TEST_IMM_OP(38, srli, -1, -1, 0)
  TEST_IMM_OP(39, srli, 1 << (XLEN - 8), 1 << (XLEN - 1), 7)
  TEST_IMM_OP(40, srai, -1, -1, XLEN - 1)
  TEST_IMM_OP(41, srai, -1 << (XLEN - 8), 1 << (XLEN - 1), 7)
  TEST_IMM_OP(42, srai, 0x3f, 0x7e, 1)
  TEST_IMM_OP(43, srai, 0, 0x7fffffff, 31 + (XLEN - 32))
  TEST_IMM_SRC1_EQ_DEST(44, srai, -2, -8, 2)
#if XLEN == 64
  TEST_IMM_OP(45, slli, 0x100000000, 1, 32)   /* shamt[5] set: RV64 only */
  TEST_IMM_OP(46, srli, 0xffffffff, -1, 32)
  TEST_IMM_OP(47, srai, -1, 0x8000000000000000, 63)
  TEST_IMM_OP(48, srai, 0xffffffff80000000, 0x8000000000000000, 32)
#endif

  /* lui: the 20-bit immediate fills bits 31:12 and is sign-extended */
  TEST_CASE(49, a0, 0, lui a0, 0)
  TEST_CASE(50, a0, 0x12345000, lui a0, 0x12345)
  TEST_CASE(51, a0, 0x7ffff000, lui a0, 0x7ffff)
  TEST_CASE(52, a0, -0x80000000, lui a0, 0x80000)
  TEST_CASE(53, a0, -0x1000, lui a0, 0xfffff)
  TEST_CASE(54, a0, 0x12345678, lui a0, 0x12345; addi a0, a0, 0x678)
  TEST_CASE(55, a0, 0, lui x0, 0x12345; mv a0, x0)

  /* auipc: pc of the auipc itself plus the shifted immediate.  jal gives
   * an independent value of that pc. */
  li gp, 56
  jal ra, 1f
1:auipc a0, 0
  CHECK_REG_EQ(a0, ra)
  li gp, 57
  jal ra, 1f
1:auipc a0, 1
  li t0, 0x1000
  add ra, ra, t0
  CHECK_REG_EQ(a0, ra)
  li gp, 58
  jal ra, 1f
1:auipc a0, 0xfffff          /* pc - 0x1000 */
  li t0, -0x1000
  add ra, ra, t0
  CHECK_REG_EQ(a0, ra)
  li gp, 59
  jal ra, 1f
1:auipc a0, 0x80000          /* pc - 0x80000000 on both widths */
  li t0, 0x80000000
  sub ra, ra, t0
  CHECK_REG_EQ(a0, ra)

#if XLEN == 64
  /* W forms */
  TEST_IMM_OP(60, addiw, 0xffffffff80000000, 0x7fffffff, 1)
  TEST_IMM_OP(61, addiw, 0x7fffffff, 0x80000000, -1)
  TEST_IMM_OP(62, addiw, 1, 0x1200000000, 1)
  TEST_IMM_OP(63, addiw, 0xffffffffffffffff, 0xffffffff, 0)  /* sext.w */
  TEST_IMM_OP(64, addiw, -2048, 0, -2048)
  TEST_IMM_OP(65, slliw, 0xffffffff80000000, 1, 31)
  TEST_IMM_OP(66, slliw, 0, 0x100000000, 1)
  TEST_IMM_OP(67, slliw, 0x1234, 0xffffffff00001234, 0)
  TEST_IMM_OP(68, srliw, 1, 0x80000000, 31)
  TEST_IMM_OP(69, srliw, 0x7fffffff, -1, 1)
  TEST_IMM_OP(70, srliw, 0xffffffff80000000, 0x80000000, 0)
  TEST_IMM_OP(71, sraiw, -1, 0x80000000, 31)
  TEST_IMM_OP(72, sraiw, 0xffffffffc0000000, 0x80000000, 1)
  TEST_IMM_OP(73, sraiw, 0x3fffffff, 0xf7ffffffe, 1)
  TEST_IMM_SRC1_EQ_DEST(74, addiw, 2, 1, 1)
  TEST_IMM_ZERO_DEST(75, sraiw, 0x80000000, 1)
#endif
  TEST_PASS
