/* Stores to code without fence.i (docs/translator.md, "Invalidation").
 * The architecture lets a hart see such a store at any later time; Medley
 * promises more, the same in both tiers: a store to an instruction is
 * seen by the next instruction fetched.  Each check runs the code first,
 * so that it is decoded and translated, then stores to it:
 *   1. an instruction patched on each of 300 iterations, inside the
 *      block that stores to it, ahead of the store;
 *   2. a called function patched on each of 200 iterations;
 *   3. a 32-bit instruction replaced by two compressed ones and back;
 *   4. a store to the instruction right after the store;
 *   5. a hot loop storing to data on the same page as code (the slow path
 *      there must not change results). */
#include "test-macros.h"

/* addi a0, a0, imm */
#define ADDI_A0(imm)    ((((imm) & 0xfff) << 20) | 0x50513)
/* addi a0, zero, imm */
#define LI_A0(imm)      ((((imm) & 0xfff) << 20) | 0x513)
/* c.li a0, imm (0 <= imm < 32) */
#define C_LI_A0(imm)    (0x4501 | ((imm) << 2))
/* c.addi a0, imm (0 < imm < 32) */
#define C_ADDI_A0(imm)  (0x0501 | ((imm) << 2))

  .text
TEST_BEGIN
  /* 1: the patched instruction adds i; the sum of 0..299 is 44850. */
  li gp, 1
  li a0, 0
  li s2, 0
  la s1, 2f
  li s3, 300
1:li t0, ADDI_A0(0)
  slli t1, s2, 20
  add t0, t0, t1
  sw t0, 0(s1)
2:addi a0, a0, 0                  /* patched to addi a0, a0, s2 */
  addi s2, s2, 1
  bne s2, s3, 1b
  CHECK_EQ(a0, 44850)

  /* 2: a function patched between calls */
  li gp, 2
  la s1, fn_a
  li s2, 1
  li s3, 200
1:call fn_a
  addi t0, s2, -1
  CHECK_REG_EQ(a0, t0)
  li t0, LI_A0(0)
  slli t1, s2, 20
  or t0, t0, t1
  sw t0, 0(s1)
  addi s2, s2, 1
  bne s2, s3, 1b

  /* 3: one 32-bit instruction becomes two compressed ones, and back */
  li gp, 3
  li t0, LI_A0(11)
  sw t0, 0(s1)
  call fn_a
  CHECK_EQ(a0, 11)
  li t0, C_LI_A0(20)
  sh t0, 0(s1)
  li t0, C_ADDI_A0(3)
  sh t0, 2(s1)
  call fn_a
  CHECK_EQ(a0, 23)
  li t0, LI_A0(12)
  sw t0, 0(s1)
  call fn_a
  CHECK_EQ(a0, 12)

  /* 4: the next instruction, ten times over */
  li gp, 4
  li s2, 0
  li a0, 0
  la s1, 2f
1:li t0, ADDI_A0(0)
  slli t1, s2, 20
  add t0, t0, t1
  .option push
  .option norvc
  sw t0, 0(s1)
2:addi a0, a0, 0                  /* patched just before it runs */
  .option pop
  addi s2, s2, 1
  li t1, 10
  bne s2, t1, 1b
  CHECK_EQ(a0, 45)

  /* 5: data next to code */
  li gp, 5
  la s1, near
  li s2, 0
  li s3, 2000
  li a0, 0
1:lw t1, 0(s1)
  add t1, t1, s2
  sw t1, 0(s1)
  add a0, a0, t1
  addi s2, s2, 1
  blt s2, s3, 1b
  lw t1, 0(s1)
  li t0, 1999000
  CHECK_REG_EQ(t1, t0)
  TEST_PASS

  .align 2
fn_a:
  .option push
  .option norvc
  addi a0, zero, 0
  .option pop
  ret

  /* In .text, so on a page the hart runs code from. */
  .align 2
near:
  .word 0
