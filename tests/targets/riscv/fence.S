/* fence (every predecessor/successor set that matters, and fence.tso)
 * and Zifencei: fence.i after self-modifying code.  The code is first run
 * so that a decoded-instruction cache holds the old version, then patched
 * with ordinary stores, then run again after fence.i: the new instruction
 * must execute.  Covers patching a called function, the very next
 * instructions of straight-line code (repeatedly, in a loop), a
 * compressed instruction (sh), and replacing two compressed instructions
 * with one 32-bit instruction (instruction boundaries move). */
#include "test-macros.h"

/* addi a0, zero, imm */
#define LI_A0(imm)      (((imm) << 20) | 0x513)
/* c.li a0, imm (0 <= imm < 32) */
#define C_LI_A0(imm)    (0x4501 | ((imm) << 2))

  .data
  .align 3
flag:
  .dword 0

  .text
TEST_BEGIN
  /* fence forms: they must execute (as no-ops on one hart) and ordinary
   * memory stays coherent. */
  li gp, 1
  la s0, flag
  li a1, 0x2a
  sw a1, 0(s0)
  fence
  fence rw, rw
  fence w, r
  fence r, rw
  fence w, w
  fence iorw, iorw
  fence i, o
  fence.tso
  lw a0, 0(s0)
  CHECK_EQ(a0, 0x2a)

  /* A called function, patched between calls */
  li gp, 2
  call patch_fn
  CHECK_EQ(a0, 1)
  la s1, patch_fn
  li t0, LI_A0(2)
  sw t0, 0(s1)
  fence.i
  call patch_fn
  CHECK_EQ(a0, 2)
  li gp, 3
  li s2, 3                        /* patch again and again: 3 .. 9 */
1:li t0, LI_A0(0)
  slli t1, s2, 20
  or t0, t0, t1
  sw t0, 0(s1)
  fence.i
  call patch_fn
  CHECK_REG_EQ(a0, s2)
  addi s2, s2, 1
  li t0, 10
  bne s2, t0, 1b

  /* The next instruction of straight-line code, in a loop so that the
   * second and third passes run over code already seen. */
  li gp, 4
  la s1, 2f
  li s2, 20
1:li t0, LI_A0(0)
  slli t1, s2, 20
  or t0, t0, t1
  sw t0, 0(s1)
  fence.i
2:addi a0, zero, 0                /* patched to addi a0, zero, s2 */
  CHECK_REG_EQ(a0, s2)
  addi s2, s2, 1
  li t0, 23
  bne s2, t0, 1b

  /* A compressed instruction, patched with a halfword store */
  li gp, 5
  li s2, 0
  la s1, 3f
1:li t0, C_LI_A0(0)
  slli t1, s2, 2
  or t0, t0, t1
  sh t0, 0(s1)
  fence.i
  .option rvc
3:c.li a0, 31                     /* patched to c.li a0, s2 */
  .option norvc
  CHECK_REG_EQ(a0, s2)
  addi s2, s2, 7
  li t0, 28
  bne s2, t0, 1b

  /* Two compressed instructions become one 32-bit instruction, at an
   * address that is only 2-byte aligned (so: two halfword stores). */
  li gp, 6
  li a0, 100
  call two_c_fn
  CHECK_EQ(a0, 102)
  la s1, two_c_fn
  li t0, LI_A0(0x123)
  sh t0, 0(s1)
  srli t0, t0, 16
  sh t0, 2(s1)
  fence.i
  li a0, 100
  call two_c_fn
  CHECK_EQ(a0, 0x123)
  TEST_PASS

  .align 2
patch_fn:
  addi a0, zero, 1
  ret

  .align 2
  .option rvc
  c.nop
two_c_fn:
  c.addi a0, 1
  c.addi a0, 1
  c.jr ra
  .option norvc
