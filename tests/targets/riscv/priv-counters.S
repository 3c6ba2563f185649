/* Counter enables and the CSRs firmware probes:
 *   cycle, time, instret (RV32: and their high halves) are readable in S
 *   only with the mcounteren bit (CY 0, TM 1, IR 2) and in U only with
 *   both the mcounteren and the scounteren bit; M always reads them;
 *   mcounteren/scounteren keep what is written;
 *   menvcfg, senvcfg (RV32: menvcfgh) and mconfigptr exist;
 *   CSRs that do not exist (custom, pmpaddr16, unallocated) are illegal.
 */
#include "test-macros.h"
#include "priv-macros.h"

/* Reading `csr` in mode `mpp` traps (illegal) / does not. */
#define READ_TRAPS(n, mpp, csr)                                         \
  li gp, n; IN_MODE(mpp, csrr a0, csr); CHECK_EQ(s8, CAUSE_ILLEGAL_INSN)
#define READ_OK(n, mpp, csr)                                            \
  li gp, n; IN_MODE(mpp, csrr a0, csr);                                 \
  CHECK_EQ(s8, CAUSE_ECALL_U + (mpp))

TEST_BEGIN
  PRIV_SETUP

  /* Writable, kept */
  li gp, 1
  li t0, 7
  csrw mcounteren, t0
  csrr a0, mcounteren
  andi a0, a0, 7
  CHECK_EQ(a0, 7)
  csrw scounteren, t0
  csrr a0, scounteren
  andi a0, a0, 7
  CHECK_EQ(a0, 7)

  /* Nothing enabled: S and U cannot read the counters, M can */
  csrw mcounteren, zero
  csrw scounteren, zero
  READ_TRAPS(2, PRIV_S, cycle)
  READ_TRAPS(3, PRIV_S, time)
  READ_TRAPS(4, PRIV_S, instret)
  READ_TRAPS(5, PRIV_U, cycle)
  READ_TRAPS(6, PRIV_U, time)
  READ_TRAPS(7, PRIV_U, instret)
  READ_OK(8, PRIV_M, cycle)
  READ_OK(9, PRIV_M, time)
  READ_OK(10, PRIV_M, instret)

  /* mcounteren opens them to S, one by one; U still needs scounteren */
  li t0, 1
  csrw mcounteren, t0
  READ_OK(11, PRIV_S, cycle)
  READ_TRAPS(12, PRIV_S, time)
  READ_TRAPS(13, PRIV_S, instret)
  READ_TRAPS(14, PRIV_U, cycle)
  li t0, 2
  csrw mcounteren, t0
  READ_TRAPS(15, PRIV_S, cycle)
  READ_OK(16, PRIV_S, time)
  li t0, 4
  csrw mcounteren, t0
  READ_OK(17, PRIV_S, instret)
  READ_TRAPS(18, PRIV_S, time)

  /* U: both bits */
  li t0, 7
  csrw mcounteren, t0
  li t0, 2
  csrw scounteren, t0
  READ_OK(19, PRIV_U, time)
  READ_TRAPS(20, PRIV_U, cycle)
  READ_TRAPS(21, PRIV_U, instret)
  li t0, 7
  csrw scounteren, t0
  READ_OK(22, PRIV_U, cycle)
  READ_OK(23, PRIV_U, instret)
  li t0, 5
  csrw mcounteren, t0
  READ_TRAPS(24, PRIV_U, time)   /* scounteren alone is not enough */
  /* S may write scounteren */
  li gp, 25
  IN_MODE(PRIV_S, csrw scounteren, zero)
  CHECK_EQ(s8, CAUSE_ECALL_S)
  csrr a0, scounteren
  andi a0, a0, 7
  CHECK_EQ(a0, 0)
  READ_TRAPS(26, PRIV_U, cycle)
  /* A counter read in S really counts */
  li gp, 27
  li t0, 7
  csrw mcounteren, t0
  IN_MODE(PRIV_S, rdinstret a1; nop; nop; rdinstret a2)
  CHECK_EQ(s8, CAUSE_ECALL_S)
  sub a0, a2, a1
  /* Medley: exactly 3; QEMU without -icount counts host ticks */
  li t0, 3
  bgeu a0, t0, 1f
  j fail
1:

#if __riscv_xlen == 32
  /* The high halves follow the same bits */
  csrw mcounteren, zero
  READ_TRAPS(28, PRIV_S, cycleh)
  READ_TRAPS(29, PRIV_S, timeh)
  READ_TRAPS(30, PRIV_S, instreth)
  li t0, 7
  csrw mcounteren, t0
  READ_OK(31, PRIV_S, cycleh)
  READ_OK(32, PRIV_S, timeh)
  READ_OK(33, PRIV_S, instreth)
  READ_OK(34, PRIV_M, menvcfgh)
#endif

  /* menvcfg, senvcfg, mconfigptr exist */
  READ_OK(40, PRIV_M, menvcfg)
  READ_OK(41, PRIV_S, senvcfg)
  READ_OK(42, PRIV_M, mconfigptr)
  READ_TRAPS(43, PRIV_S, menvcfg)
  READ_TRAPS(44, PRIV_U, senvcfg)

  /* CSRs that do not exist */
  READ_TRAPS(45, PRIV_M, 0x7c0)     /* custom */
  /* (hstatus, 0x600, is not tried: QEMU 7.2 has the H extension) */
  READ_TRAPS(47, PRIV_M, 0x3c0)     /* pmpaddr16: 16 PMP entries */
  READ_TRAPS(48, PRIV_M, 0x5a8)     /* nothing there */
  /* A write to a read-only CSR */
  li gp, 49
  IN_MODE(PRIV_M, csrw mhartid, zero)
  CHECK_EQ(s8, CAUSE_ILLEGAL_INSN)

  TEST_PASS

PRIV_HANDLERS
