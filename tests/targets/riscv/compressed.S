/* C extension: every compressed instruction valid for the width.
 *   both:  c.addi4spn c.lw c.sw c.nop c.addi c.li c.addi16sp c.lui c.srli
 *          c.srai c.andi c.sub c.xor c.or c.and c.j c.beqz c.bnez c.slli
 *          c.lwsp c.swsp c.jr c.mv c.jalr c.add
 *   RV32:  c.jal
 *   RV64:  c.ld c.sd c.addiw c.subw c.addw c.ldsp c.sdsp
 * (c.ebreak and the reserved encodings are in traps.S; the FP loads and
 * stores are not part of IMAC.)  Also checks 32-bit instructions at
 * addresses that are only 2-byte aligned, including one whose two halves
 * lie in different 4 KiB pages, and links of pc+2.
 * Explicit c.* mnemonics make sure the compressed encodings are what runs;
 * the checks themselves use 32-bit instructions (.option norvc). */
#include "test-macros.h"

#define RVC   .option rvc
#define NORVC .option norvc

  .data
  .align 4
cbuf:
  .space 1024

  .text
TEST_BEGIN
  mv s6, sp                       /* sp is borrowed for the sp-relative forms */
  la sp, cbuf

  /* c.addi4spn: rd' = sp + nzuimm (scaled by 4, up to 1020) */
  li gp, 1
  RVC; c.addi4spn a0, sp, 4; NORVC
  la t0, cbuf + 4
  CHECK_REG_EQ(a0, t0)
  li gp, 2
  RVC; c.addi4spn s1, sp, 1020; NORVC
  la t0, cbuf + 1020
  CHECK_REG_EQ(s1, t0)

  /* c.li / c.addi / c.nop */
  TEST_CASE(3, a0, 31, RVC; c.li a0, 31; NORVC)
  TEST_CASE(4, a5, -32, RVC; c.li a5, -32; NORVC)
  TEST_CASE(5, t3, 0, li t3, 5; RVC; c.li t3, 0; NORVC)
  TEST_CASE(6, a0, 10 - 32, li a0, 10; RVC; c.addi a0, -32; NORVC)
  TEST_CASE(7, t5, 41, li t5, 10; RVC; c.addi t5, 31; NORVC)
  TEST_CASE(8, a0, 7, li a0, 7; RVC; c.nop; c.nop; NORVC)

  /* c.lui: nzimm[17:12], sign-extended from bit 17 */
  TEST_CASE(9, a0, 0x1f000, RVC; c.lui a0, 0x1f; NORVC)
  TEST_CASE(10, a0, -0x1000, RVC; c.lui a0, 0xfffff; NORVC)
  TEST_CASE(11, t1, -0x20000, RVC; c.lui t1, 0xfffe0; NORVC)
  TEST_CASE(12, a0, 0x1000 + 5, RVC; c.lui a0, 1; c.addi a0, 5; NORVC)

  /* c.addi16sp: sp += nzimm (multiple of 16, -512..496) */
  li gp, 13
  la sp, cbuf + 512
  RVC; c.addi16sp sp, -512; NORVC
  la t0, cbuf
  CHECK_REG_EQ(sp, t0)
  li gp, 14
  RVC; c.addi16sp sp, 496; c.addi16sp sp, 16; NORVC
  la t0, cbuf + 512
  CHECK_REG_EQ(sp, t0)
  la sp, cbuf

  /* shifts and logic on x8-x15 (c.slli takes any register) */
  TEST_CASE(15, a0, 0x12345678 >> 4, li a0, 0x12345678; RVC; c.srli a0, 4; NORVC)
  TEST_CASE(16, s0, 1, li s0, -1; RVC; c.srli s0, XLEN - 1; NORVC)
  TEST_CASE(17, a1, -1, li a1, 1 << (XLEN - 1); RVC; c.srai a1, XLEN - 1; NORVC)
  TEST_CASE(18, a2, 0x3f, li a2, 0x7e; RVC; c.srai a2, 1; NORVC)
  TEST_CASE(19, t4, 1 << (XLEN - 1), li t4, 1; RVC; c.slli t4, XLEN - 1; NORVC)
  TEST_CASE(20, a3, 0x50, li a3, 5; RVC; c.slli a3, 4; NORVC)
  TEST_CASE(21, a4, 0x10, li a4, 0x3f0; RVC; c.andi a4, 0x1f; NORVC)
  TEST_CASE(22, a4, 0x3e0, li a4, 0x3f0; RVC; c.andi a4, -32; NORVC)
  TEST_CASE(23, a0, -4, li a0, 3; li a1, 7; RVC; c.sub a0, a1; NORVC)
  TEST_CASE(24, a0, 0x0ff0, li a0, 0x0f0f; li a1, 0x00ff; RVC; c.xor a0, a1; NORVC)
  TEST_CASE(25, a0, 0x0fff, li a0, 0x0f0f; li a1, 0x00ff; RVC; c.or a0, a1; NORVC)
  TEST_CASE(26, a0, 0x000f, li a0, 0x0f0f; li a1, 0x00ff; RVC; c.and a0, a1; NORVC)
#if XLEN == 64
  TEST_CASE(27, a0, 0x200000000, li a0, 1; RVC; c.slli a0, 33; NORVC)
  TEST_CASE(28, a0, 0x7fffffff, li a0, -1; RVC; c.srli a0, 33; NORVC)
  TEST_CASE(29, a0, 0xffffffff80000000, li a0, 0x7fffffff; RVC; c.addiw a0, 1; NORVC)
  TEST_CASE(30, t2, -1, li t2, 0x3ffffffff; RVC; c.addiw t2, 0; NORVC)   /* sext.w */
  TEST_CASE(31, a0, 0xffffffff80000000, li a0, 0x7fffffff; li a1, 1; RVC; c.addw a0, a1; NORVC)
  TEST_CASE(32, a0, 0x7fffffff, li a0, 0x80000000; li a1, 1; RVC; c.subw a0, a1; NORVC)
  TEST_CASE(33, a0, -1, li a0, 0x100000000; li a1, 1; RVC; c.subw a0, a1; NORVC)
#endif

  /* c.mv / c.add (any registers) */
  TEST_CASE(34, t6, 0x1234, li s9, 0x1234; RVC; c.mv t6, s9; NORVC)
  TEST_CASE(35, ra, 42, li ra, 40; li t0, 2; RVC; c.add ra, t0; NORVC)

  /* c.lw / c.sw: offsets scaled by 4, up to 124 */
  li gp, 36
  la s0, cbuf
  li a1, 0x13579bdf
  RVC; c.sw a1, 0(s0); c.sw a1, 124(s0); NORVC
  lw a0, 0(s0)
  CHECK_REG_EQ(a0, a1)
  lw a0, 124(s0)
  CHECK_REG_EQ(a0, a1)
  li gp, 37
  li t0, 0x80000001
  sw t0, 64(s0)
  RVC; c.lw a5, 64(s0); NORVC
  CHECK_EQ(a5, SEXT32(0x80000001))
  /* c.lwsp / c.swsp: offsets scaled by 4, up to 252, any rd */
  li gp, 38
  li t1, 0x2468ace0
  RVC; c.swsp t1, 252(sp); c.lwsp t2, 252(sp); NORVC
  CHECK_REG_EQ(t2, t1)
  lw a0, 252(s0)
  CHECK_REG_EQ(a0, t1)
  li gp, 39
  RVC; c.lwsp a3, 64(sp); NORVC
  CHECK_EQ(a3, SEXT32(0x80000001))
#if XLEN == 64
  /* c.ld / c.sd (offsets up to 248), c.ldsp / c.sdsp (up to 504) */
  li gp, 40
  li a1, 0x0123456789abcdef
  RVC; c.sd a1, 248(s0); c.ld a2, 248(s0); NORVC
  CHECK_REG_EQ(a2, a1)
  ld a0, 248(s0)
  CHECK_REG_EQ(a0, a1)
  li gp, 41
  li t1, 0xfedcba9876543210
  RVC; c.sdsp t1, 504(sp); c.ldsp t3, 504(sp); NORVC
  CHECK_REG_EQ(t3, t1)
  ld a0, 504(s0)
  CHECK_REG_EQ(a0, t1)
#endif

  /* c.j forwards and backwards */
  li gp, 42
  RVC
  c.j 2f
1:c.j 3f
2:c.j 1b
  NORVC
  j fail
3:
  /* c.beqz / c.bnez, taken and not taken */
  li gp, 43
  li a0, 0
  li a1, 5
  RVC
  c.bnez a0, 9f
  c.beqz a1, 9f
  c.beqz a0, 1f
  NORVC
9:j fail
1:RVC
  c.bnez a1, 1f
  NORVC
  j fail
1:
  /* backwards */
  li gp, 44
  li a0, 3
1:RVC
  c.addi a0, -1
  c.bnez a0, 1b
  NORVC
  CHECK_EQ(a0, 0)

  /* c.jalr links pc + 2; c.jr returns */
  li gp, 45
  la t0, sub_ret
0:RVC
  c.jalr t0
  NORVC
1:la t1, 0b
  addi t1, t1, 2
  CHECK_REG_EQ(ra, t1)
  CHECK_EQ(a0, 0x77)
  li gp, 46
  la t0, 1f
  RVC
  c.jr t0
  NORVC
  j fail
1:
#if XLEN == 32
  /* c.jal (RV32 only) links pc + 2 */
  li gp, 47
0:RVC
  c.jal sub_ret
  NORVC
  la t1, 0b
  addi t1, t1, 2
  CHECK_REG_EQ(ra, t1)
#endif

  /* 32-bit instructions at 2-byte-aligned addresses */
  li gp, 48
  li a0, 1
  RVC
  c.addi a0, 1
  NORVC
  addi a0, a0, 0x100              /* at pc = 2 mod 4 */
  RVC
  c.nop
  NORVC
  CHECK_EQ(a0, 0x102)

  /* A 32-bit instruction whose halves lie in two pages. */
  li gp, 49
  la t0, straddle
  jr t0
straddle_back:
  CHECK_EQ(a0, 0x123)
  la t0, straddle_insn
  li t1, 0xfff
  and t0, t0, t1
  CHECK_EQ(t0, 0xffe)            /* the layout really straddles */

  mv sp, s6
  TEST_PASS

sub_ret:
  li a0, 0x77
  ret

  /* Out-of-line so that padding to the page boundary is not executed. */
  .balign 4096
  .space 4096 - 8
straddle:
  RVC
  c.li a0, 0
  c.nop
  c.nop
  NORVC
straddle_insn:
  addi a0, a0, 0x123
  j straddle_back
