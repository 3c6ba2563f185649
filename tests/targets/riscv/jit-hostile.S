/* Code that is hard on a translating tier (docs/translator.md), checked
 * for its architectural results here and, by test-jit-lockstep, for the same
 * instruction counts, times and registers in both tiers:
 *   - an instruction rewritten (and fence.i) on every one of 300
 *     iterations, inside the block that stores to it;
 *   - a straight run of instructions entered at its start, then in its
 *     middle, then at its start again;
 *   - a fault in the middle of straight-line code: the instructions
 *     before it took effect, none after it, mepc is the faulting one;
 *   - execution from device memory (an instruction access fault: it is
 *     never translated);
 *   - a long loop of the translated integer instructions, for the
 *     lock-step comparison. */
#include "test-macros.h"

/* addi a0, a0, imm */
#define ADDI_A0(imm)    ((((imm) & 0xfff) << 20) | 0x50513)

  .text
TEST_BEGIN
  /* 1: rewrite each iteration: the patched instruction adds i; the sum
   * of 0..299 is 44850. */
  li gp, 1
  li a0, 0
  li s2, 0
  la s1, 2f
  li s3, 300
1:li t0, ADDI_A0(0)
  slli t1, s2, 20
  add t0, t0, t1
  sw t0, 0(s1)
  fence.i
2:addi a0, a0, 0                  /* patched to addi a0, a0, s2 */
  addi s2, s2, 1
  bne s2, s3, 1b
  CHECK_EQ(a0, 44850)

  /* 2: into the middle of a translated run */
  li gp, 2
  li a0, 0
  call run16
  CHECK_EQ(a0, 16)
  li a0, 0
  la t0, run16
  addi t0, t0, 40                 /* the eleventh addi */
  jalr t0
  CHECK_EQ(a0, 6)
  li a0, 0
  la t0, run16
  addi t0, t0, 4
  jalr t0
  CHECK_EQ(a0, 15)
  li a0, 0
  call run16
  CHECK_EQ(a0, 16)

  /* 3: a load fault after three instructions of a straight run */
  li gp, 3
  li a0, 0
  li a1, 0
  li t2, UNMAPPED_ADDR
  la s11, 8f
  li s8, -1
  li s10, -1
  addi a0, a0, 1
  addi a0, a0, 2
  addi a0, a0, 3
7:lw a1, 0(t2)
  addi a0, a0, 100
  j fail
8:CHECK_EQ(s8, CAUSE_LOAD_ACCESS)
  CHECK_LABEL_EQ(s10, 7b)
  CHECK_EQ(a0, 6)
  CHECK_EQ(a1, 0)

  /* 4: a jump into device memory: fetching there is an access fault at
   * the target */
  li gp, 4
  li t0, CLINT_BASE
  la s11, 8f
  li s8, -1
  li s10, -1
  jr t0
  j fail
8:CHECK_EQ(s8, CAUSE_FETCH_ACCESS)
  CHECK_EQ(s10, CLINT_BASE)

  /* 5: a hot loop of ALU work, loads and stores */
  li gp, 5
  la s1, buf
  li s2, 0
  li s3, 5000
  li a0, 0x1234
1:andi t1, s2, 15
  slli t1, t1, 2
  add t1, t1, s1
  lw t2, 0(t1)
  xor t2, t2, a0
  add t2, t2, s2
  sw t2, 0(t1)
  srli t3, a0, 3
  slli t4, a0, 5
  xor a0, t3, t4
  sltu t5, a0, t2
  add a0, a0, t5
  lbu t5, 1(t1)
  add a0, a0, t5
  lh t5, 2(t1)
  sub a0, a0, t5
  addi s2, s2, 1
  blt s2, s3, 1b
  CHECK_EQ(s2, 5000)
  TEST_PASS

  .align 2
run16:
  .rept 16
  addi a0, a0, 1
  .endr
  ret

  .data
  .align 4
buf:
  .space 64
