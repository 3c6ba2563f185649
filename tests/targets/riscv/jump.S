/* Unconditional jumps: jal (link = pc+4, forwards, backwards, a long
 * offset that uses every immediate field, rd = x0) and jalr (offset added
 * to rs1, bit 0 of the target cleared, negative offsets, rd = rs1 where the
 * old rs1 must be used, rd = x0). */
#include "test-macros.h"

TEST_BEGIN
  /* jal links pc+4 */
  li gp, 1
0:jal ra, 1f
  j fail
1:la t0, 0b
  addi t0, t0, 4
  CHECK_REG_EQ(ra, t0)

  /* jal with another link register, backwards */
  li gp, 2
  j 2f
1:j 3f
2:jal a5, 1b
  j fail
3:la t0, 2b
  addi t0, t0, 4
  CHECK_REG_EQ(a5, t0)

  /* jal x0 (plain jump) leaves x0 zero */
  li gp, 3
  jal x0, 1f
  j fail
1:mv a0, x0
  CHECK_EQ(a0, 0)

  /* A long forward jal: offset 0x12348 exercises imm[19:12], imm[11] and
   * imm[10:1]. */
  li gp, 4
0:jal t1, 1f
  .space 0x12348 - 4
1:la t0, 0b
  addi t0, t0, 4
  CHECK_REG_EQ(t1, t0)
  /* and back again over the same distance */
  li gp, 5
  j 2f
1:j 3f
  .space 0x12344 - 4
2:jal t1, 1b
3:

  /* jalr: target = rs1 + imm */
  li gp, 6
  la a1, 1f
0:jalr ra, 0(a1)
  j fail
1:la t0, 0b
  addi t0, t0, 4
  CHECK_REG_EQ(ra, t0)

  li gp, 7
  la a1, 1f + 16
  jalr ra, -16(a1)
  j fail
1:
  li gp, 8
  la a1, 1f - 2040
  jalr ra, 2040(a1)
  j fail
1:
  /* bit 0 of the sum is cleared */
  li gp, 9
  la a1, 1f
  jalr ra, 1(a1)
  j fail
1:
  li gp, 10
  la a1, 1f + 1
  jalr x0, 0(a1)
  j fail
1:
  /* rd = rs1: the target comes from the old value */
  li gp, 11
  la a1, 1f
0:jalr a1, 0(a1)
  j fail
1:la t0, 0b
  addi t0, t0, 4
  CHECK_REG_EQ(a1, t0)

  /* call and return through a subroutine */
  li gp, 12
  li a0, 5
  call add_three
  CHECK_EQ(a0, 8)
  li gp, 13
  la t2, add_three
  jalr t2
  CHECK_EQ(a0, 11)
  TEST_PASS

add_three:
  addi a0, a0, 3
  ret
