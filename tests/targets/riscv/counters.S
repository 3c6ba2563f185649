/* Counters and timers: mcycle/minstret (read, increase, writable), their
 * unprivileged shadows cycle/instret, the time CSR (increases and agrees
 * with the CLINT's memory-mapped mtime at 0x200bff8), and on RV32 the
 * high halves (mcycleh minstreth cycleh instreth timeh).
 * QEMU without -icount derives mcycle/minstret from host ticks, so only
 * monotonic increase and loose bounds are checked, never exact counts. */
#include "test-macros.h"

/* Busy loop of about 3 * n instructions. */
#define SPIN(n) li t0, n; 1: addi t0, t0, -1; nop; bnez t0, 1b

TEST_BEGIN
  /* mcycle and minstret increase */
  li gp, 1
  csrr s0, mcycle
  SPIN(100)
  csrr s1, mcycle
  bleu s1, s0, fail_near
  li gp, 2
  csrr s0, minstret
  SPIN(100)
  csrr s1, minstret
  sub a0, s1, s0
  li t0, 300                      /* at least the instructions retired */
  bltu a0, t0, fail_near

  /* cycle / instret shadow the machine counters */
  li gp, 3
  csrr s0, mcycle
  rdcycle s1
  bltu s1, s0, fail_near
  li gp, 4
  csrr s0, minstret
  rdinstret s1
  bltu s1, s0, fail_near
  li gp, 5
  rdcycle s0
  SPIN(10)
  rdcycle s1
  bleu s1, s0, fail_near
  rdinstret s0
  SPIN(10)
  rdinstret s1
  bleu s1, s0, fail_near

  /* mcycle / minstret are writable; they carry on counting from the new
   * value. */
  li gp, 6
#if XLEN == 32
  csrw minstreth, zero
#endif
  li s0, 0x10000000
  csrw minstret, s0
  csrr s1, minstret
  bltu s1, s0, fail_near
  sub a0, s1, s0
  li t0, 0x1000000
  bgeu a0, t0, fail_near
  li gp, 7
#if XLEN == 32
  csrw mcycleh, zero
#endif
  csrw mcycle, s0
  csrr s1, mcycle
  bltu s1, s0, fail_near
  sub a0, s1, s0
  bgeu a0, t0, fail_near
#if XLEN == 32
  /* High halves: writable for the machine counters, shadowed read-only */
  li gp, 8
  li s0, 0x12
  csrw minstreth, s0
  csrr a0, minstreth
  CHECK_EQ(a0, 0x12)
  rdinstreth a0
  CHECK_EQ(a0, 0x12)
  li gp, 9
  csrw mcycleh, s0
  csrr a0, mcycleh
  CHECK_EQ(a0, 0x12)
  rdcycleh a0
  CHECK_EQ(a0, 0x12)
  csrw mcycleh, zero
  csrw minstreth, zero
#endif

  /* time increases (bounded wait: 10 MHz timebase) */
  li gp, 10
  rdtime s0
  li t1, 1000000
1:rdtime s1
  bne s1, s0, 2f
  addi t1, t1, -1
  bnez t1, 1b
  j fail
2:bltu s1, s0, fail_near

  /* time agrees with the CLINT's mtime: mtime before <= time <= mtime after */
  li gp, 11
  li s2, CLINT_MTIME
#if XLEN == 64
  ld s0, 0(s2)
  rdtime a0
  ld s1, 0(s2)
  bltu a0, s0, fail_near
  bltu s1, a0, fail_near
#else
  lw s0, 0(s2)
  lw s3, 4(s2)
  rdtime a0
  rdtimeh a1
  lw s1, 0(s2)
  lw s4, 4(s2)
  /* Only compare low words when the high word did not change meanwhile;
   * a carry in this window would take 430 s of guest time anyway. */
  bne s3, s4, 1f
  bne a1, s3, fail_near
  bltu a0, s0, fail_near
  bltu s1, a0, fail_near
1:
#endif
  /* mtime itself moves */
  li gp, 12
  LREG s0, 0(s2)
  li t1, 1000000
1:LREG s1, 0(s2)
  bne s1, s0, 2f
  addi t1, t1, -1
  bnez t1, 1b
  j fail
2:
  TEST_PASS

fail_near:
  j fail
