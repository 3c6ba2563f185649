/* Reset code, default trap handler and result reporting shared by every
 * RISC-V ISA test.  See test-macros.h for the register conventions and
 * failure codes. */
#include "test-macros.h"

  .section .text.init, "ax"
  .option norvc
  .globl _start
_start:
  li gp, 0
  li s11, 0
  la t0, trap_entry
  csrw mtvec, t0
  la sp, _stack_top
  /* Interrupts off until a test wants them.  MPP = M so that an mret a test
   * issues itself stays in M-mode (QEMU's hart also has U-mode, whose MPP
   * reset value would drop it there). */
  csrw mie, zero
  csrci mstatus, MSTATUS_MIE
  li t0, MSTATUS_MPP
  csrs mstatus, t0
  j test_main

/* Default trap handler (direct mode; aligned so tests may reuse it as a
 * vectored base too).  An expected trap records mstatus/mcause/mtval/mepc and
 * resumes at s11; anything else is reported as an unexpected trap. */
  .align 6
  .globl trap_entry
trap_entry:
  csrr s7, mstatus
  csrr s8, mcause
  csrr s9, mtval
  csrr s10, mepc
  beqz s11, unexpected_trap
  csrw mepc, s11
  li s11, 0
  mret

  .globl unexpected_trap
unexpected_trap:
  csrr t0, mcause
  bltz t0, 1f
  addi t0, t0, 200
  j 2f
1:
  slli t0, t0, 1
  srli t0, t0, 1
  addi t0, t0, 230
2:
  andi t0, t0, 0xff
  andi t1, gp, 0xff
  slli t1, t1, 8
  or t0, t0, t1
  j report_fail

  .globl fail
fail:
  mv t0, gp
  bnez t0, report_fail
  li t0, 255
report_fail:
  slli t0, t0, 16
  li t1, TESTDEV_FAIL
  or t0, t0, t1
  li t1, TESTDEV_BASE
  sw t0, 0(t1)
  j halt

  .globl pass
pass:
  li t0, TESTDEV_PASS
  li t1, TESTDEV_BASE
  sw t0, 0(t1)
halt:
  /* The test device ends the run; should it not, park here. */
  csrci mstatus, MSTATUS_MIE
  wfi
  j halt

/* Helpers for the interrupt tests (ordinary calls: ra, clobbers t0-t2 and a0-a2).
 * mtime and mtimecmp are 64-bit even on RV32, where they are
 * accessed as two words. */

/* a0 = mtime (RV32: a0 = low word, a1 = high word). */
  .globl mtime_read
mtime_read:
  li t0, CLINT_MTIME
#if __riscv_xlen == 64
  ld a0, 0(t0)
#else
  /* Re-read if the high word changed while reading the low one. */
1:
  lw a1, 4(t0)
  lw a0, 0(t0)
  lw t1, 4(t0)
  bne a1, t1, 1b
#endif
  ret

/* mtimecmp = mtime + a0 (a0 small and positive). */
  .globl mtimecmp_set_delta
mtimecmp_set_delta:
  mv t2, a0
  mv a2, ra
  call mtime_read
  mv ra, a2
  li t0, CLINT_MTIMECMP
#if __riscv_xlen == 64
  add a0, a0, t2
  sd a0, 0(t0)
#else
  add t2, a0, t2
  sltu t1, t2, a0       /* carry into the high word */
  add a1, a1, t1
  /* Raise the high word first so that no intermediate value is in the
   * past and fires early. */
  li t1, -1
  sw t1, 4(t0)
  sw t2, 0(t0)
  sw a1, 4(t0)
#endif
  ret

/* mtimecmp = all ones: the timer interrupt is no longer pending. */
  .globl mtimecmp_disable
mtimecmp_disable:
  li t0, CLINT_MTIMECMP
  li t1, -1
#if __riscv_xlen == 64
  sd t1, 0(t0)
#else
  sw t1, 4(t0)
  sw t1, 0(t0)
#endif
  ret
