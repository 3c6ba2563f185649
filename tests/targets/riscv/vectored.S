/* mtvec in vectored mode (MODE = 1): exceptions go to BASE, interrupt n
 * goes to BASE + 4 * n.  Checks that mtvec reads back with its mode, that
 * ecall lands on BASE, the software interrupt on BASE + 12 and the timer
 * interrupt on BASE + 28 (mcause and mepc as in direct mode), and that
 * switching back to direct mode sends interrupts to BASE again. */
#include "test-macros.h"
#include "irq-handler.h"

/* A vector slot: one 4-byte jump to a stub that notes the slot in s3. */
#define SLOT(n) j slot_##n
#define STUB(n) slot_##n: li s3, n; j common_handler

  .text
  .option norvc                  /* every slot exactly 4 bytes */
  .align 8
vector_table:
  SLOT(0); SLOT(1); SLOT(2); SLOT(3); SLOT(4); SLOT(5); SLOT(6); SLOT(7)
  SLOT(8); SLOT(9); SLOT(10); SLOT(11); SLOT(12); SLOT(13); SLOT(14); SLOT(15)
  STUB(0); STUB(1); STUB(2); STUB(3); STUB(4); STUB(5); STUB(6); STUB(7)
  STUB(8); STUB(9); STUB(10); STUB(11); STUB(12); STUB(13); STUB(14); STUB(15)
common_handler:
  IRQ_HANDLER_BODY

TEST_BEGIN
  li s3, -1
  li s4, 0
  li s5, 0
  li s6, CLINT_MSIP
  call mtimecmp_disable

  li gp, 1
  la t0, vector_table
  ori t0, t0, 1
  csrw mtvec, t0
  csrr a0, mtvec
  CHECK_REG_EQ(a0, t0)

  /* An exception uses BASE */
  TEST_TRAP(2, CAUSE_ECALL_M, ecall)
  CHECK_EQ(s3, 0)
  TEST_TRAP(3, CAUSE_ILLEGAL_INSN, .word 0x00007003)
  CHECK_EQ(s3, 0)

  /* Software interrupt: BASE + 4 * 3 */
  li gp, 4
  li s3, -1
  csrsi mie, MIP_MSIP
  li t0, 1
  sw t0, 0(s6)
1:csrr a0, mip
  andi a0, a0, MIP_MSIP
  beqz a0, 1b
  csrsi mstatus, MSTATUS_MIE
0:nop
  csrci mstatus, MSTATUS_MIE
  CHECK_EQ(s3, IRQ_M_SOFT)
  CHECK_EQ(s8, INTR_CAUSE(IRQ_M_SOFT))
  CHECK_LABEL_EQ(s10, 0b)
  CHECK_EQ(s5, 1)
  csrci mie, MIP_MSIP

  /* Timer interrupt: BASE + 4 * 7 */
  li gp, 5
  li s3, -1
  li t0, MIP_MTIP
  csrs mie, t0
  li a0, 0                                 /* due at once */
  call mtimecmp_set_delta
1:csrr a0, mip
  andi a0, a0, MIP_MTIP
  beqz a0, 1b
  csrsi mstatus, MSTATUS_MIE
0:nop
  csrci mstatus, MSTATUS_MIE
  CHECK_EQ(s3, IRQ_M_TIMER)
  CHECK_EQ(s8, INTR_CAUSE(IRQ_M_TIMER))
  CHECK_LABEL_EQ(s10, 0b)
  CHECK_EQ(s5, 2)

  /* A timer interrupt that arrives while waiting in wfi */
  li gp, 6
  li s3, -1
  li a0, 500
  call mtimecmp_set_delta
  li t3, 3                                 /* (the handler clobbers t0/t1) */
  /* Sleep with MIE off: wfi still wakes on the pending timer, and the
   * interrupt is only taken in the window below, so it can never slip in
   * between the test of s5 and the wfi (which would then sleep forever,
   * as it did on QEMU when the host was slow). */
1:beq s5, t3, 2f
  wfi
  csrsi mstatus, MSTATUS_MIE
  nop
  csrci mstatus, MSTATUS_MIE
  j 1b
2:
  CHECK_EQ(s3, IRQ_M_TIMER)
  li t0, MIP_MTIP
  csrc mie, t0

  /* Direct mode again: the software interrupt lands on BASE */
  li gp, 7
  li s3, -1
  la t0, vector_table
  csrw mtvec, t0
  csrsi mie, MIP_MSIP
  li t0, 1
  sw t0, 0(s6)
1:csrr a0, mip
  andi a0, a0, MIP_MSIP
  beqz a0, 1b
  csrsi mstatus, MSTATUS_MIE
0:nop
  csrci mstatus, MSTATUS_MIE
  CHECK_EQ(s3, 0)
  CHECK_EQ(s8, INTR_CAUSE(IRQ_M_SOFT))
  CHECK_LABEL_EQ(s10, 0b)
  csrw mie, zero
  TEST_PASS
