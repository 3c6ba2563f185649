/* A extension: lr/sc (success, failure without a reservation, failure on
 * an address outside the reservation, a retry loop, the aq/rl encodings)
 * and every AMO in .w form (and .d on RV64): swap add xor and or min max
 * minu maxu.  Each AMO returns the old value (a .w result sign-extended on
 * RV64) and writes op(old, rs2) without touching the neighbouring word.
 * Misaligned LR/SC/AMOs are in traps.S. */
#include "test-macros.h"

/* AMO on a word: memory holds `init`, rs2 holds `src`; rd must get the old
 * value and memory `result`.  The word after it is a guard. */
#define TEST_AMO_W(n, insn, init, src, result)                          \
  li gp, n; la s0, amo_area; li t0, 0xdeadbeef; sw t0, 4(s0);          \
  li t0, init; sw t0, 0(s0); li a2, src; insn a0, a2, (s0);             \
  CHECK_EQ(a0, SEXT32(init)); lw a1, 0(s0); CHECK_EQ(a1, SEXT32(result)); \
  lw a1, 4(s0); CHECK_EQ(a1, SEXT32(0xdeadbeef))
#define TEST_AMO_D(n, insn, init, src, result)                          \
  li gp, n; la s0, amo_area; li t0, 0xdeadbeef; sw t0, 8(s0);          \
  li t0, init; sd t0, 0(s0); li a2, src; insn a0, a2, (s0);             \
  CHECK_EQ(a0, init); ld a1, 0(s0); CHECK_EQ(a1, result);               \
  lw a1, 8(s0); CHECK_EQ(a1, SEXT32(0xdeadbeef))

  .data
  .align 4
amo_area:
  .word 0, 0, 0xdeadbeef, 0xdeadbeef
  .align 8
resv:
  .dword 0x0000000011112222
  .space 248
other:
  .dword 0x0000000033334444
counter:
  .dword 0

  .text
TEST_BEGIN
  /* lr.w / sc.w success */
  li gp, 60
  la s1, resv
  li t0, 0x81112222
  sw t0, 0(s1)
  lr.w a0, (s1)
  CHECK_EQ(a0, SEXT32(0x81112222))      /* lr.w sign-extends on RV64 */
  li a2, 0x12345678
  sc.w a1, a2, (s1)
  CHECK_EQ(a1, 0)
  lw a0, 0(s1)
  CHECK_EQ(a0, 0x12345678)

  /* sc.w with no reservation (the previous sc consumed it) fails and does
   * not write; the failure code is non-zero. */
  li gp, 61
  li a2, 0x5a5a
  sc.w a1, a2, (s1)
  beqz a1, fail_near
  lw a0, 0(s1)
  CHECK_EQ(a0, 0x12345678)

  /* sc.w to an address outside the reserved one (256 bytes away) fails.
   * (The reservation set may legally be larger than the word; Medley's and
   * QEMU's cover exactly the reserved address.) */
  li gp, 62
  la s2, other
  lr.w a0, (s1)
  li a2, 0x7777
  sc.w a1, a2, (s2)
  beqz a1, fail_near
  lw a0, 0(s2)
  CHECK_EQ(a0, 0x33334444)
  /* ...and that failed sc.w ended the reservation on resv as well (an SC
   * always invalidates the hart's reservation). */
  li gp, 63
  sc.w a1, a2, (s1)
  beqz a1, fail_near

  /* aq/rl encodings */
  li gp, 64
  lr.w.aq a0, (s1)
  addi a0, a0, 1
  sc.w.rl a1, a0, (s1)
  CHECK_EQ(a1, 0)
  lr.w.aqrl a0, (s1)
  addi a0, a0, 1
  sc.w.aqrl a1, a0, (s1)
  CHECK_EQ(a1, 0)
  lw a0, 0(s1)
  CHECK_EQ(a0, 0x1234567a)

  /* The usual retry loop: atomically add 1, a hundred times. */
  li gp, 65
  la s3, counter
  sw zero, 0(s3)
  li t1, 100
1:lr.w t0, (s3)
  addi t0, t0, 1
  sc.w t2, t0, (s3)
  bnez t2, 1b
  addi t1, t1, -1
  bnez t1, 1b
  lw a0, 0(s3)
  CHECK_EQ(a0, 100)

#if XLEN == 64
  /* lr.d / sc.d */
  li gp, 66
  li t0, 0x8000000011112222
  sd t0, 0(s1)
  lr.d a0, (s1)
  CHECK_REG_EQ(a0, t0)
  li a2, 0x0123456789abcdef
  sc.d a1, a2, (s1)
  CHECK_EQ(a1, 0)
  ld a0, 0(s1)
  CHECK_REG_EQ(a0, a2)
  li gp, 67
  sc.d a1, zero, (s1)
  beqz a1, fail_near
  ld a0, 0(s1)
  CHECK_REG_EQ(a0, a2)
  li gp, 68
  lr.d.aqrl a0, (s1)
  sc.d.aqrl a1, zero, (s1)
  CHECK_EQ(a1, 0)
  ld a0, 0(s1)
  CHECK_EQ(a0, 0)
#endif

  /* Every AMO */
  TEST_AMO_W(1, amoswap.w, 0x80000001, 0x7ffffffe, 0x7ffffffe)
  TEST_AMO_W(2, amoadd.w, 0x80000001, 0x7ffffffe, 0xffffffff)
  TEST_AMO_W(3, amoadd.w, 0x5, 0xfffffffd, 0x2)
  TEST_AMO_W(4, amoadd.w, 0xffffffff, 0x2, 0x1)
  TEST_AMO_W(5, amoxor.w, 0x80000001, 0x7ffffffe, 0xffffffff)
  TEST_AMO_W(6, amoxor.w, 0xff0f0f0, 0xffff00, 0xf0f0ff0)
  TEST_AMO_W(7, amoand.w, 0x80000001, 0x7ffffffe, 0x0)
  TEST_AMO_W(8, amoand.w, 0xff0f0f0, 0xffff00, 0xf0f000)
  TEST_AMO_W(9, amoor.w, 0x80000001, 0x7ffffffe, 0xffffffff)
  TEST_AMO_W(10, amoor.w, 0xff0f0f0, 0xffff00, 0xffffff0)
  TEST_AMO_W(11, amomin.w, 0x80000001, 0x7ffffffe, 0x80000001)
  TEST_AMO_W(12, amomin.w, 0x5, 0xfffffffd, 0xfffffffd)
  TEST_AMO_W(13, amomin.w, 0xffffffff, 0x2, 0xffffffff)
  TEST_AMO_W(14, amomin.w, 0xff0f0f0, 0xffff00, 0xffff00)
  TEST_AMO_W(15, amomax.w, 0x80000001, 0x7ffffffe, 0x7ffffffe)
  TEST_AMO_W(16, amomax.w, 0x5, 0xfffffffd, 0x5)
  TEST_AMO_W(17, amomax.w, 0xffffffff, 0x2, 0x2)
  TEST_AMO_W(18, amomax.w, 0xff0f0f0, 0xffff00, 0xff0f0f0)
  TEST_AMO_W(19, amominu.w, 0x80000001, 0x7ffffffe, 0x7ffffffe)
  TEST_AMO_W(20, amominu.w, 0x5, 0xfffffffd, 0x5)
  TEST_AMO_W(21, amominu.w, 0xffffffff, 0x2, 0x2)
  TEST_AMO_W(22, amominu.w, 0xff0f0f0, 0xffff00, 0xffff00)
  TEST_AMO_W(23, amomaxu.w, 0x80000001, 0x7ffffffe, 0x80000001)
  TEST_AMO_W(24, amomaxu.w, 0x5, 0xfffffffd, 0xfffffffd)
  TEST_AMO_W(25, amomaxu.w, 0xffffffff, 0x2, 0xffffffff)
  TEST_AMO_W(26, amomaxu.w, 0xff0f0f0, 0xffff00, 0xff0f0f0)
#if XLEN == 64
  TEST_AMO_D(27, amoswap.d, 0x8000000000000001, 0x7ffffffffffffffe, 0x7ffffffffffffffe)
  TEST_AMO_D(28, amoadd.d, 0x8000000000000001, 0x7ffffffffffffffe, 0xffffffffffffffff)
  TEST_AMO_D(29, amoadd.d, 0x5, 0xfffffffffffffffd, 0x2)
  TEST_AMO_D(30, amoadd.d, 0xffffffffffffffff, 0x2, 0x1)
  TEST_AMO_D(31, amoadd.d, 0x80000000, 0x7fffffff, 0xffffffff)
  TEST_AMO_D(32, amoxor.d, 0x8000000000000001, 0x7ffffffffffffffe, 0xffffffffffffffff)
  TEST_AMO_D(33, amoxor.d, 0xff0f0f012345678, 0xffff00ffff0000, 0xf0f0ff0edcb5678)
  TEST_AMO_D(34, amoand.d, 0x8000000000000001, 0x7ffffffffffffffe, 0x0)
  TEST_AMO_D(35, amoand.d, 0xff0f0f012345678, 0xffff00ffff0000, 0xf0f00012340000)
  TEST_AMO_D(36, amoor.d, 0x8000000000000001, 0x7ffffffffffffffe, 0xffffffffffffffff)
  TEST_AMO_D(37, amoor.d, 0xff0f0f012345678, 0xffff00ffff0000, 0xffffff0ffff5678)
  TEST_AMO_D(38, amomin.d, 0x8000000000000001, 0x7ffffffffffffffe, 0x8000000000000001)
  TEST_AMO_D(39, amomin.d, 0x5, 0xfffffffffffffffd, 0xfffffffffffffffd)
  TEST_AMO_D(40, amomin.d, 0xffffffffffffffff, 0x2, 0xffffffffffffffff)
  TEST_AMO_D(41, amomin.d, 0xff0f0f012345678, 0xffff00ffff0000, 0xffff00ffff0000)
  TEST_AMO_D(42, amomin.d, 0x80000000, 0x7fffffff, 0x7fffffff)
  TEST_AMO_D(43, amomax.d, 0x8000000000000001, 0x7ffffffffffffffe, 0x7ffffffffffffffe)
  TEST_AMO_D(44, amomax.d, 0x5, 0xfffffffffffffffd, 0x5)
  TEST_AMO_D(45, amomax.d, 0xffffffffffffffff, 0x2, 0x2)
  TEST_AMO_D(46, amomax.d, 0xff0f0f012345678, 0xffff00ffff0000, 0xff0f0f012345678)
  TEST_AMO_D(47, amomax.d, 0x80000000, 0x7fffffff, 0x80000000)
  TEST_AMO_D(48, amominu.d, 0x8000000000000001, 0x7ffffffffffffffe, 0x7ffffffffffffffe)
  TEST_AMO_D(49, amominu.d, 0x5, 0xfffffffffffffffd, 0x5)
  TEST_AMO_D(50, amominu.d, 0xffffffffffffffff, 0x2, 0x2)
  TEST_AMO_D(51, amominu.d, 0xff0f0f012345678, 0xffff00ffff0000, 0xffff00ffff0000)
  TEST_AMO_D(52, amominu.d, 0x80000000, 0x7fffffff, 0x7fffffff)
  TEST_AMO_D(53, amomaxu.d, 0x8000000000000001, 0x7ffffffffffffffe, 0x8000000000000001)
  TEST_AMO_D(54, amomaxu.d, 0x5, 0xfffffffffffffffd, 0xfffffffffffffffd)
  TEST_AMO_D(55, amomaxu.d, 0xffffffffffffffff, 0x2, 0xffffffffffffffff)
  TEST_AMO_D(56, amomaxu.d, 0xff0f0f012345678, 0xffff00ffff0000, 0xff0f0f012345678)
  TEST_AMO_D(57, amomaxu.d, 0x80000000, 0x7fffffff, 0x80000000)
#endif

  /* aq/rl encodings, rd = x0, and rd = rs2 */
  TEST_AMO_W(70, amoadd.w.aq, 1, 2, 3)
  TEST_AMO_W(71, amoor.w.rl, 1, 2, 3)
  TEST_AMO_W(72, amoswap.w.aqrl, 1, 2, 2)
  li gp, 73
  la s0, amo_area
  li t0, 40
  sw t0, 0(s0)
  li a2, 2
  amoadd.w x0, a2, (s0)
  lw a0, 0(s0)
  CHECK_EQ(a0, 42)
  li gp, 74
  li a2, 7
  amoswap.w a2, a2, (s0)
  CHECK_EQ(a2, 42)
  lw a0, 0(s0)
  CHECK_EQ(a0, 7)
#if XLEN == 64
  TEST_AMO_D(75, amomax.d.aqrl, -1, 1, 1)
  li gp, 76
  li a2, 3
  amoxor.d x0, a2, (s0)
  ld a0, 0(s0)
  CHECK_EQ(a0, 2)
#endif
  TEST_PASS

fail_near:
  j fail
