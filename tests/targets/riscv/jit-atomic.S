/* The reservation rules of Medley's LR/SC, which the translating tier's
 * inline LR/SC must keep exactly (riscv-jit.c, emit_atomic), in straight
 * runs that are translated as blocks: an SC fails when the reserved
 * value changed since the LR (a store in between, as a store of another
 * hart would), succeeds when it was stored back unchanged, fails on a
 * size that is not the LR's (RV64) and after any SC; rd = rs1 and rd =
 * rs2 forms; and a hot loop of LR/SC and AMOs on one counter.  Medley
 * only: the architecture leaves an SC after the hart's own store to the
 * reserved bytes free to succeed or fail. */
#include "test-macros.h"

  .data
  .align 8
cell:
  .dword 0
counter:
  .dword 0

  .text
TEST_BEGIN
  /* the value changed between LR and SC: fails, memory keeps the store */
  li gp, 1
  la s1, cell
  li t0, 5
  sw t0, 0(s1)
  lr.w a0, (s1)
  li t0, 6
  sw t0, 0(s1)
  li a2, 7
  sc.w a1, a2, (s1)
  CHECK_EQ(a1, 1)
  lw a0, 0(s1)
  CHECK_EQ(a0, 6)

  /* stored back unchanged: succeeds */
  li gp, 2
  lr.w a0, (s1)
  sw a0, 0(s1)
  li a2, 9
  sc.w a1, a2, (s1)
  CHECK_EQ(a1, 0)
  lw a0, 0(s1)
  CHECK_EQ(a0, 9)

  /* a second SC has no reservation */
  li gp, 3
  li a2, 10
  sc.w a1, a2, (s1)
  CHECK_EQ(a1, 1)
  lw a0, 0(s1)
  CHECK_EQ(a0, 9)

  /* rd = rs2: the value is stored before rd is written */
  li gp, 4
  lr.w a0, (s1)
  li a2, 11
  sc.w a2, a2, (s1)
  CHECK_EQ(a2, 0)
  lw a0, 0(s1)
  CHECK_EQ(a0, 11)

  /* rd = rs1 for LR and for an AMO */
  li gp, 5
  mv a3, s1
  lr.w a3, (a3)
  CHECK_EQ(a3, 11)
  mv a3, s1
  li a2, 4
  amoadd.w a3, a2, (a3)
  CHECK_EQ(a3, 11)
  lw a0, 0(s1)
  CHECK_EQ(a0, 15)

#if XLEN == 64
  /* lr.d then sc.w: another size, fails */
  li gp, 6
  li t0, -1
  sd t0, 0(s1)
  lr.d a0, (s1)
  CHECK_EQ(a0, -1)
  sc.w a1, zero, (s1)
  CHECK_EQ(a1, 1)
  ld a0, 0(s1)
  CHECK_EQ(a0, -1)

  /* lr.d, a store of another value to the upper half, sc.d fails */
  li gp, 7
  lr.d a0, (s1)
  sw zero, 4(s1)
  sc.d a1, zero, (s1)
  CHECK_EQ(a1, 1)
  ld a0, 0(s1)
  CHECK_EQ(a0, 0xffffffff)
#endif

  /* a hot loop: an LR/SC increment and an AMO per iteration */
  li gp, 8
  la s2, counter
  sw zero, 0(s2)
  li s3, 1000
  li s4, 0
1:
  lr.w t0, (s2)
  addi t0, t0, 3
  sc.w t1, t0, (s2)
  bnez t1, 1b
  li t2, 1
  amoadd.w t3, t2, (s2)
  amomaxu.w t4, t2, (s2)
  amoswap.w t5, t3, (s2)
  addi t5, t5, 1
  sw t5, 0(s2)
  addi s4, s4, 1
  blt s4, s3, 1b
  lw a0, 0(s2)
  CHECK_EQ(a0, 5000)

  TEST_PASS
