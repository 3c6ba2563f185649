/* fence.i keeps what did not change and sees what did.  Medley's decode
 * cache keeps an instruction across fence.i when its bits in memory are
 * still the same (and decodes it anew when they are not); each check runs
 * the code first, so that it is cached, then changes memory in a way a
 * cheaper comparison would miss:
 *   only the upper half of a 32-bit instruction (its immediate);
 *   a patch and its undoing between two fence.i (the original comes back);
 *   a fence.i loop over code that a loop iteration patches (every round
 *   sees the previous round's store);
 *   a 32-bit instruction replaced by a compressed one and a second
 *   compressed one after it (the length changes under the same pc);
 *   the same patches made and run from U-mode (its own decode cache,
 *   fetched through the PMP checks). */
#include "test-macros.h"
#include "priv-macros.h"

/* addi a0, zero, imm */
#define LI_A0(imm)      (((imm) << 20) | 0x513)
/* c.li a0, imm (0 <= imm < 32) */
#define C_LI_A0(imm)    (0x4501 | ((imm) << 2))
/* c.addi a0, imm (0 < imm < 32) */
#define C_ADDI_A0(imm)  (0x0501 | ((imm) << 2))

  .text
TEST_BEGIN
  PRIV_SETUP

  /* The upper half only: addi a0, zero, 5 -> addi a0, zero, 0x105 */
  li gp, 1
  call fn_a
  CHECK_EQ(a0, 5)
  la s1, fn_a
  li t0, LI_A0(0x105) >> 16
  sh t0, 2(s1)
  fence.i
  call fn_a
  CHECK_EQ(a0, 0x105)

  /* Patched and put back between two fence.i */
  li gp, 2
  li t0, LI_A0(7)
  sw t0, 0(s1)
  fence.i
  call fn_a
  CHECK_EQ(a0, 7)
  li t0, LI_A0(0x105)
  sw t0, 0(s1)
  li t0, LI_A0(9)
  sw t0, 0(s1)
  li t0, LI_A0(0x105)
  sw t0, 0(s1)
  fence.i
  call fn_a
  CHECK_EQ(a0, 0x105)

  /* A fence.i loop: each round patches the next round's immediate */
  li gp, 3
  li s2, 1
1:li t0, LI_A0(0)
  slli t1, s2, 20
  or t0, t0, t1
  sw t0, 0(s1)
  fence.i
  call fn_a
  CHECK_REG_EQ(a0, s2)
  addi s2, s2, 1
  li t0, 200
  bne s2, t0, 1b

  /* One 32-bit instruction becomes two compressed ones, and back */
  li gp, 4
  li t0, LI_A0(11)
  sw t0, 0(s1)
  fence.i
  call fn_a
  CHECK_EQ(a0, 11)
  li t0, C_LI_A0(20)
  sh t0, 0(s1)
  li t0, C_ADDI_A0(3)
  sh t0, 2(s1)
  fence.i
  call fn_a
  CHECK_EQ(a0, 23)
  li t0, LI_A0(12)
  sw t0, 0(s1)
  fence.i
  call fn_a
  CHECK_EQ(a0, 12)

  /* The same from U-mode: run, patch, fence.i, run */
  li gp, 5
  IN_MODE(PRIV_U, call u_patch)
  CHECK_EQ(s8, CAUSE_ECALL_U)
  CHECK_EQ(a0, 0x321)
  CHECK_EQ(a1, 13)
  TEST_PASS

/* In U-mode: a0 = fn_a after patching it to 0x321, a1 = before. */
u_patch:
  mv s3, ra
  li t0, LI_A0(13)
  sw t0, 0(s1)
  fence.i
  call fn_a
  mv a1, a0
  li t0, LI_A0(0x321)
  sw t0, 0(s1)
  fence.i
  call fn_a
  mv ra, s3
  ret

  .align 2
fn_a:
  addi a0, zero, 5
  ret

  PRIV_HANDLERS
