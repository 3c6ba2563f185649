/* Misaligned ordinary loads and stores to RAM.  The base ISA lets an
 * execution environment either perform them or trap; both QEMU's virt and
 * Medley perform them, so this test requires that they work, including
 * accesses that straddle a 4 KiB page (which a per-page RAM fast path must
 * split).  (Misaligned LR/SC/AMOs must trap instead: see traps.S.) */
#include "test-macros.h"

  .data
  .align 12
buf:
  .space 8192

  .text
TEST_BEGIN
  /* buf[i] = i & 0xff over both pages */
  la s0, buf
  li t0, 0
  li t1, 8192
1:add t2, s0, t0
  sb t0, 0(t2)
  addi t0, t0, 1
  bne t0, t1, 1b

  /* Loads at every misaligned offset inside a word/doubleword. */
  TEST_CASE(1, a0, 0x0201, lh a0, 1(s0))
  TEST_CASE(2, a0, -0x7f81, lh a0, 0x7f(s0))       /* 0x807f */
  TEST_CASE(3, a0, 0x807f, lhu a0, 0x7f(s0))
  TEST_CASE(4, a0, 0x04030201, lw a0, 1(s0))
  TEST_CASE(5, a0, 0x05040302, lw a0, 2(s0))
  TEST_CASE(6, a0, 0x06050403, lw a0, 3(s0))
  TEST_CASE(7, a0, SEXT32(0x807f7e7d), lw a0, 0x7d(s0))
#if XLEN == 64
  TEST_CASE(8, a0, 0x807f7e7d, lwu a0, 0x7d(s0))
  TEST_CASE(9, a0, 0x0807060504030201, ld a0, 1(s0))
  TEST_CASE(10, a0, 0x0a09080706050403, ld a0, 3(s0))
  TEST_CASE(11, a0, 0x0c0b0a0908070605, ld a0, 5(s0))
  TEST_CASE(12, a0, 0x0e0d0c0b0a090807, ld a0, 7(s0))
  TEST_CASE(13, a0, 0x8584838281807f7e, ld a0, 0x7e(s0))
#endif

  /* Loads that straddle the page boundary at buf + 4096. */
  li t0, 4096
  add s1, s0, t0
  TEST_CASE(14, a0, 0x00ff, lhu a0, -1(s1))
  TEST_CASE(15, a0, 0x00ff, lh a0, -1(s1))
  TEST_CASE(16, a0, 0x0100fffe, lw a0, -2(s1))
  TEST_CASE(17, a0, 0x020100ff, lw a0, -1(s1))
  TEST_CASE(18, a0, SEXT32(0x00fffefd) , lw a0, -3(s1))
#if XLEN == 64
  TEST_CASE(19, a0, 0x0403020100fffefd, ld a0, -3(s1))
  TEST_CASE(20, a0, 0x06050403020100ff, ld a0, -1(s1))
#endif

  /* Stores at misaligned addresses, checked byte by byte and with aligned
   * loads. */
  li gp, 21
  sw zero, 16(s0)
  sw zero, 20(s0)
  li a1, 0x1122
  sh a1, 17(s0)
  lw a0, 16(s0)
  CHECK_EQ(a0, 0x00112200)
  li gp, 22
  li a1, 0x33445566
  sw a1, 19(s0)                 /* bytes 19..22 */
  lw a0, 16(s0)
  li t0, SEXT32(0x66112200)
  CHECK_REG_EQ(a0, t0)
  lw a0, 20(s0)
  CHECK_EQ(a0, 0x00334455)
  li gp, 23
  li a1, 0x778899aa
  sw a1, 22(s0)                 /* bytes 22..25, overwrites 22 */
  lhu a0, 20(s0)
  CHECK_EQ(a0, 0x4455)
  lhu a0, 22(s0)
  CHECK_EQ(a0, 0x99aa)
  lhu a0, 24(s0)
  CHECK_EQ(a0, 0x7788)
  li gp, 24
  li a1, 0xbbcc
  sh a1, 27(s0)
  lbu a0, 26(s0)
  CHECK_EQ(a0, 26)              /* untouched */
  lbu a0, 27(s0)
  CHECK_EQ(a0, 0xcc)
  lbu a0, 28(s0)
  CHECK_EQ(a0, 0xbb)
  lbu a0, 29(s0)
  CHECK_EQ(a0, 29)
#if XLEN == 64
  li gp, 25
  li a1, 0x0123456789abcdef
  sd a1, 33(s0)
  ld a0, 33(s0)
  CHECK_REG_EQ(a0, a1)
  lbu a0, 32(s0)
  CHECK_EQ(a0, 32)
  lbu a0, 33(s0)
  CHECK_EQ(a0, 0xef)
  lbu a0, 40(s0)
  CHECK_EQ(a0, 0x01)
  lbu a0, 41(s0)
  CHECK_EQ(a0, 41)
#endif

  /* Stores that straddle the page boundary. */
  li gp, 26
  li a1, 0xa1b2c3d4
  sw a1, -2(s1)
  lhu a0, -2(s1)
  CHECK_EQ(a0, 0xc3d4)
  lhu a0, 0(s1)
  CHECK_EQ(a0, 0xa1b2)
  li gp, 27
  li a1, 0xe5f6
  sh a1, -1(s1)
  lbu a0, -1(s1)
  CHECK_EQ(a0, 0xf6)
  lbu a0, 0(s1)
  CHECK_EQ(a0, 0xe5)
  lbu a0, 1(s1)
  CHECK_EQ(a0, 0xa1)
  lbu a0, -2(s1)
  CHECK_EQ(a0, 0xd4)
#if XLEN == 64
  li gp, 28
  li a1, 0x1122334455667788
  sd a1, -5(s1)
  ld a0, -5(s1)
  CHECK_REG_EQ(a0, a1)
  lw a0, -4(s1)
  CHECK_EQ(a0, 0x44556677)
  lbu a0, 2(s1)
  CHECK_EQ(a0, 0x11)
  lbu a0, 3(s1)
  CHECK_EQ(a0, 3)
#endif
  TEST_PASS
