/* Conditional branches: beq bne blt bge bltu bgeu, each taken and not
 * taken, forwards and backwards, with signed/unsigned edge values, with x0
 * operands, and at the extremes of the 13-bit offset (+4092, -4096). */
#include "test-macros.h"

/* Taken forward: must land on 1. */
#define TEST_BR_TAKEN(n, insn, a, b)                                    \
  li gp, n; li a1, a; li a2, b; insn a1, a2, 1f; j fail; 1:
/* Taken backward: jumps over the branch target first. */
#define TEST_BR_TAKEN_BACK(n, insn, a, b)                               \
  li gp, n; li a1, a; li a2, b; j 2f; 1: j 3f; 2: insn a1, a2, 1b; j fail; 3:
/* Not taken: must fall through, both for a forward and a backward target. */
#define TEST_BR_NOT_TAKEN(n, insn, a, b)                                \
  li gp, n; li a1, a; li a2, b; insn a1, a2, 1f; j 2f; 1: j fail; 2:    \
  insn a1, a2, 1b

TEST_BEGIN
  TEST_BR_TAKEN(1, beq, 0, 0)
  TEST_BR_TAKEN(2, beq, -1, -1)
  TEST_BR_TAKEN_BACK(3, beq, 5, 5)
  TEST_BR_NOT_TAKEN(4, beq, 0, 1)
  TEST_BR_NOT_TAKEN(5, beq, 1 << (XLEN - 1), 0)
  TEST_BR_NOT_TAKEN(6, beq, -1, 1)

  TEST_BR_TAKEN(7, bne, 0, 1)
  TEST_BR_TAKEN(8, bne, 1 << (XLEN - 1), 0)
  TEST_BR_TAKEN_BACK(9, bne, -1, 1)
  TEST_BR_NOT_TAKEN(10, bne, 0, 0)
  TEST_BR_NOT_TAKEN(11, bne, -1, -1)

  TEST_BR_TAKEN(12, blt, 0, 1)
  TEST_BR_TAKEN(13, blt, -1, 1)
  TEST_BR_TAKEN(14, blt, -2, -1)
  TEST_BR_TAKEN_BACK(15, blt, 1 << (XLEN - 1), 0)
  TEST_BR_NOT_TAKEN(16, blt, 1, 0)
  TEST_BR_NOT_TAKEN(17, blt, 1, -1)
  TEST_BR_NOT_TAKEN(18, blt, 3, 3)
  TEST_BR_NOT_TAKEN(19, blt, 0, 1 << (XLEN - 1))

  TEST_BR_TAKEN(20, bge, 0, 0)
  TEST_BR_TAKEN(21, bge, 1, 0)
  TEST_BR_TAKEN(22, bge, 1, -1)
  TEST_BR_TAKEN_BACK(23, bge, -1, 1 << (XLEN - 1))
  TEST_BR_NOT_TAKEN(24, bge, 0, 1)
  TEST_BR_NOT_TAKEN(25, bge, -1, 1)
  TEST_BR_NOT_TAKEN(26, bge, 1 << (XLEN - 1), -1)

  TEST_BR_TAKEN(27, bltu, 0, 1)
  TEST_BR_TAKEN(28, bltu, 1, -1)
  TEST_BR_TAKEN(29, bltu, 0x7fffffff, 0x80000000)
  TEST_BR_TAKEN_BACK(30, bltu, -2, -1)
  TEST_BR_NOT_TAKEN(31, bltu, -1, 1)
  TEST_BR_NOT_TAKEN(32, bltu, 1 << (XLEN - 1), 0)
  TEST_BR_NOT_TAKEN(33, bltu, 9, 9)

  TEST_BR_TAKEN(34, bgeu, 0, 0)
  TEST_BR_TAKEN(35, bgeu, -1, 1)
  TEST_BR_TAKEN(36, bgeu, 1 << (XLEN - 1), 0x7fffffff)
  TEST_BR_TAKEN_BACK(37, bgeu, -1, -1)
  TEST_BR_NOT_TAKEN(38, bgeu, 1, -1)
  TEST_BR_NOT_TAKEN(39, bgeu, 0, 1)

  /* x0 operands */
  li gp, 40
  beq x0, x0, 1f
  j fail
1:li gp, 41
  bne x0, x0, fail_near
  li a1, -1
  blt a1, x0, 1f
  j fail
1:li gp, 42
  bltu x0, a1, 1f
  j fail
1:li gp, 43
  bgeu x0, a1, fail_near

  /* Largest forward offset: +4092 (the largest multiple of 4 below 4096). */
  li gp, 44
  beq x0, x0, 1f
  .space 4088
1:
  /* Most negative offset: -4096. */
  li gp, 45
  j 2f
1:j 3f
  .space 4092
2:bne gp, x0, 1b
  j fail
3:
  /* A not-taken branch must not disturb the registers it compares. */
  li gp, 46
  li a1, 7
  li a2, 8
  beq a1, a2, fail_near
  CHECK_EQ(a1, 7)
  CHECK_EQ(a2, 8)
  TEST_PASS

fail_near:
  j fail
