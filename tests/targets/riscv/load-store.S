/* Naturally aligned loads and stores of every width: lb lh lw lbu lhu
 * (RV64: lwu ld) and sb sh sw (RV64: sd).  Checks little-endian byte
 * order, sign/zero extension, positive and negative offsets, that narrow
 * stores leave the neighbouring bytes alone, and x0 as data and as load
 * destination. */
#include "test-macros.h"

  .data
  .align 4
pattern:
  .byte 0x01, 0x82, 0x03, 0x84, 0x85, 0x06, 0x87, 0x08
  .byte 0xf0, 0xe1, 0xd2, 0xc3, 0xb4, 0xa5, 0x96, 0x7f
scratch:
  .dword 0, 0, 0, 0

  .text
TEST_BEGIN
  la s0, pattern
  la s1, scratch

  /* lb / lbu */
  TEST_CASE(1, a0, 0x01, lb a0, 0(s0))
  TEST_CASE(2, a0, -0x7e, lb a0, 1(s0))
  TEST_CASE(3, a0, 0x82, lbu a0, 1(s0))
  TEST_CASE(4, a0, 0x7f, lb a0, 15(s0))
  TEST_CASE(5, a0, -0x10, lb a0, 8(s0))
  TEST_CASE(6, a0, 0xf0, lbu a0, 8(s0))
  addi s2, s0, 16                   /* negative offsets from here */
  TEST_CASE(7, a0, 0x96, lbu a0, -2(s2))

  /* lh / lhu */
  TEST_CASE(8, a0, -0x7dff, lh a0, 0(s0))      /* 0x8201 */
  TEST_CASE(9, a0, 0x8201, lhu a0, 0(s0))
  TEST_CASE(10, a0, 0x0685, lh a0, 4(s0))
  TEST_CASE(11, a0, 0x7f96, lh a0, -2(s2))
  TEST_CASE(12, a0, 0xc3d2, lhu a0, 10(s0))
  TEST_CASE(30, a0, -0x3c2e, lh a0, 10(s0))

  /* lw (RV64: sign-extended; lwu zero-extended) */
  TEST_CASE(13, a0, 0x84038201, lw a0, 0(s0); slli a0, a0, XLEN - 32; srli a0, a0, XLEN - 32)
#if XLEN == 64
  TEST_CASE(14, a0, 0xffffffff84038201, lw a0, 0(s0))
  TEST_CASE(15, a0, 0x84038201, lwu a0, 0(s0))
  TEST_CASE(16, a0, 0x7f96a5b4, lwu a0, -4(s2))
  TEST_CASE(17, a0, 0x0887068584038201, ld a0, 0(s0))
  TEST_CASE(18, a0, 0x7f96a5b4c3d2e1f0, ld a0, -8(s2))
#else
  TEST_CASE(14, a0, 0x08870685, lw a0, 4(s0))
  TEST_CASE(16, a0, 0x7f96a5b4, lw a0, -4(s2))
#endif

  /* Load into x0: no effect, no trap. */
  TEST_CASE(19, a0, 0, lw x0, 0(s0); mv a0, x0)

  /* sb / sh / sw: store then read back the whole word */
  li gp, 20
  sw zero, 0(s1)
  sw zero, 4(s1)
  li a1, 0xaabbccdd
  sb a1, 1(s1)
  lw a0, 0(s1)
  CHECK_EQ(a0, 0x0000dd00)
  li gp, 21
  sh a1, 2(s1)
  lw a0, 0(s1)
  li t0, SEXT32(0xccdddd00)
  CHECK_REG_EQ(a0, t0)
  li gp, 22
  sw a1, 4(s1)
  lw a0, 4(s1)
  li t0, SEXT32(0xaabbccdd)
  CHECK_REG_EQ(a0, t0)
  lbu a0, 7(s1)
  CHECK_EQ(a0, 0xaa)
  li gp, 23
  sb zero, 6(s1)                     /* store of x0 */
  lw a0, 4(s1)
  li t0, SEXT32(0xaa00ccdd)
  CHECK_REG_EQ(a0, t0)
  li gp, 24
  addi s3, s1, 32
  li a1, 0x1357
  sh a1, -30(s3)                     /* negative offset: bytes 2..3 */
  lhu a0, 2(s1)
  CHECK_EQ(a0, 0x1357)
  lbu a0, 1(s1)                      /* untouched */
  CHECK_EQ(a0, 0xdd)
  li gp, 25
  li a1, -1
  sw a1, 8(s1)
  sb zero, 8(s1)
  sh zero, 10(s1)
  lw a0, 8(s1)
  li t0, 0x0000ff00
  CHECK_REG_EQ(a0, t0)
#if XLEN == 64
  li gp, 26
  li a1, 0x0123456789abcdef
  sd a1, 16(s1)
  ld a0, 16(s1)
  CHECK_REG_EQ(a0, a1)
  lw a0, 20(s1)
  CHECK_EQ(a0, 0x01234567)
  lw a0, 16(s1)
  CHECK_EQ(a0, 0xffffffff89abcdef)
  li gp, 27
  sw zero, 20(s1)
  ld a0, 16(s1)
  CHECK_EQ(a0, 0x89abcdef)
  li gp, 28
  sd zero, -8(s3)
  ld a0, 24(s1)
  CHECK_EQ(a0, 0)
#endif
  /* A load right after a store to the same address sees the new value. */
  li gp, 29
  li a1, 0x5a5
  sw a1, 12(s1)
  lw a0, 12(s1)
  CHECK_EQ(a0, 0x5a5)
  TEST_PASS
