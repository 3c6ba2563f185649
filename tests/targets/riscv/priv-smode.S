/* Supervisor and user modes:
 *   misa S and U; mstatus.MPP holds U, S, M; mret into S and U; ecall
 *   causes 8 (U), 9 (S), with MPP saying where the trap came from;
 *   instructions and CSRs above the mode (mret in S; sret, wfi,
 *   sfence.vma, S CSRs in U; M CSRs in S) are illegal; TSR, TW, TVM;
 *   medeleg sends exceptions from S/U (never from M) to stvec with
 *   scause/sepc/stval and SPP/SPIE; sret back to S or U restores SIE;
 *   sstatus, sie and sip are views of mstatus, mie and mip;
 *   interrupts: SSIP/STIP written by M, delegated through mideleg and
 *   taken in S (SIE) or in U (always), never in M; not delegated they go
 *   to M even with MIE clear when the hart is in S; priority SSI > STI;
 *   wfi in S returns when an interrupt is pending.
 */
#include "test-macros.h"
#include "priv-macros.h"

TEST_BEGIN
  PRIV_SETUP

  /* misa has S and U */
  li gp, 1
  csrr a0, misa
  li t0, (1 << ('S' - 'A')) | (1 << ('U' - 'A'))
  and a0, a0, t0
  CHECK_REG_EQ(a0, t0)

  /* MPP holds S and U */
  li gp, 2
  SET_MPP(PRIV_S)
  csrr a0, mstatus
  li t0, MSTATUS_MPP
  and a0, a0, t0
  CHECK_EQ(a0, PRIV_S << 11)
  SET_MPP(PRIV_U)
  csrr a0, mstatus
  li t0, MSTATUS_MPP
  and a0, a0, t0
  CHECK_EQ(a0, 0)

  /* ecall from S and from U; MPP in the handler says where from */
  li gp, 3
  IN_MODE(PRIV_S, nop)
  CHECK_EQ(s8, CAUSE_ECALL_S)
  li t0, MSTATUS_MPP
  and a0, s7, t0
  CHECK_EQ(a0, PRIV_S << 11)
  li gp, 4
  IN_MODE(PRIV_U, nop)
  CHECK_EQ(s8, CAUSE_ECALL_U)
  li t0, MSTATUS_MPP
  and a0, s7, t0
  CHECK_EQ(a0, 0)
  /* ecall from M is still 11 */
  li gp, 5
  IN_MODE(PRIV_M, nop)
  CHECK_EQ(s8, CAUSE_ECALL_M)

  /* Above the mode: illegal (with the instruction in mtval) */
  li gp, 6
  IN_MODE(PRIV_S, csrr a0, mstatus)
  CHECK_EQ(s8, CAUSE_ILLEGAL_INSN)
  li gp, 7
  IN_MODE(PRIV_S, csrr a0, mscratch)
  CHECK_EQ(s8, CAUSE_ILLEGAL_INSN)
  li gp, 8
  IN_MODE(PRIV_S, mret)
  CHECK_EQ(s8, CAUSE_ILLEGAL_INSN)
  li gp, 9
  IN_MODE(PRIV_U, csrr a0, sstatus)
  CHECK_EQ(s8, CAUSE_ILLEGAL_INSN)
  li gp, 10
  IN_MODE(PRIV_U, sret)
  CHECK_EQ(s8, CAUSE_ILLEGAL_INSN)
  li gp, 11
  IN_MODE(PRIV_U, wfi)
  CHECK_EQ(s8, CAUSE_ILLEGAL_INSN)
  li gp, 12
  IN_MODE(PRIV_U, sfence.vma)
  CHECK_EQ(s8, CAUSE_ILLEGAL_INSN)
  li gp, 13
  IN_MODE(PRIV_U, csrw sscratch, zero)
  CHECK_EQ(s8, CAUSE_ILLEGAL_INSN)
  /* S may use its own CSRs */
  li gp, 14
  IN_MODE(PRIV_S, li a0, 0x55; csrw sscratch, a0; csrr a1, sscratch)
  CHECK_EQ(s8, CAUSE_ECALL_S)
  CHECK_EQ(a1, 0x55)
  csrr a0, sscratch
  CHECK_EQ(a0, 0x55)

  /* TSR: sret in S is illegal; TW: wfi in S is illegal; TVM: satp and
   * sfence.vma in S are illegal */
  li gp, 15
  li t0, MSTATUS_TSR
  csrs mstatus, t0
  IN_MODE(PRIV_S, sret)
  CHECK_EQ(s8, CAUSE_ILLEGAL_INSN)
  li t0, MSTATUS_TSR
  csrc mstatus, t0
  li gp, 16
  li t0, MSTATUS_TW
  csrs mstatus, t0
  IN_MODE(PRIV_S, wfi)
  CHECK_EQ(s8, CAUSE_ILLEGAL_INSN)
  li t0, MSTATUS_TW
  csrc mstatus, t0
  li gp, 17
  li t0, MSTATUS_TVM
  csrs mstatus, t0
  IN_MODE(PRIV_S, csrr a0, satp)
  CHECK_EQ(s8, CAUSE_ILLEGAL_INSN)
  li gp, 18
  IN_MODE(PRIV_S, sfence.vma)
  CHECK_EQ(s8, CAUSE_ILLEGAL_INSN)
  li t0, MSTATUS_TVM
  csrc mstatus, t0
  li gp, 19
  IN_MODE(PRIV_S, csrr a0, satp; sfence.vma)
  CHECK_EQ(s8, CAUSE_ECALL_S)

  /* medeleg: ecall from U to S */
  li gp, 20
  li t0, (1 << CAUSE_ECALL_U) | (1 << CAUSE_ILLEGAL_INSN)
  csrw medeleg, t0
  csrr a0, medeleg
  CHECK_REG_EQ(a0, t0)
  li gp, 21
  /* U: ecall goes to priv_s_trap, which resumes in S at 1f; S then
   * ecalls into M. */
  SET_MPP(PRIV_U)
  la t0, 2f
  csrw mepc, t0
  la s11, 1f
  mret
2:
  ecall
  j fail
1:
  /* now in S: s7-s10 from the S handler */
  mv a2, s7
  mv a3, s8
  mv a4, s10
  la s11, 3f
  ecall
  j fail
3:
  CHECK_EQ(a3, CAUSE_ECALL_U)
  CHECK_LABEL_EQ(a4, 2b)
  andi a0, a2, MSTATUS_SPP
  CHECK_EQ(a0, 0)
  CHECK_EQ(s8, CAUSE_ECALL_S)        /* the S handler resumed in S */

  /* medeleg: illegal instruction in S to S, stval = the instruction */
  li gp, 22
  SET_MPP(PRIV_S)
  la t0, 2f
  csrw mepc, t0
  la s11, 1f
  mret
2:
  csrr a0, mscratch
  j fail
1:
  mv a2, s7
  mv a3, s8
  mv a4, s10
  mv a5, s9
  la s11, 3f
  ecall
  j fail
3:
  CHECK_EQ(a3, CAUSE_ILLEGAL_INSN)
  CHECK_LABEL_EQ(a4, 2b)
  andi a0, a2, MSTATUS_SPP
  CHECK_EQ(a0, MSTATUS_SPP)
  la t0, 2b
  lw a1, 0(t0)
#if __riscv_xlen == 64
  slli a1, a1, 32
  srli a1, a1, 32
#endif
  /* QEMU 7.2 writes the instruction bits too; 0 is also allowed */
  beqz a5, 4f
  CHECK_REG_EQ(a5, a1)
4:

  /* ... but never from M */
  li gp, 23
  TEST_TRAP(23, CAUSE_ILLEGAL_INSN, csrr a0, 0x7ff)
  csrw medeleg, zero

  /* sret into U restores SIE from SPIE, sets SPIE, clears SPP */
  li gp, 24
  IN_MODE(PRIV_S,
    li t0, MSTATUS_SPP | MSTATUS_SIE; csrc sstatus, t0;
    li t0, MSTATUS_SPIE; csrs sstatus, t0;
    la t0, 1f; csrw sepc, t0; sret; j fail;
    1: nop)
  CHECK_EQ(s8, CAUSE_ECALL_U)
  andi a0, s7, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP
  CHECK_EQ(a0, MSTATUS_SIE | MSTATUS_SPIE)
  csrci mstatus, MSTATUS_SIE
  /* sret into S (SPP = 1) */
  li gp, 25
  IN_MODE(PRIV_S,
    li t0, MSTATUS_SPP; csrs sstatus, t0;
    la t0, 1f; csrw sepc, t0; sret; j fail;
    1: nop)
  CHECK_EQ(s8, CAUSE_ECALL_S)

  /* sstatus is a view of mstatus */
  li gp, 26
  csrw mstatus, zero
  li t0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR
  csrs sstatus, t0
  csrr a0, mstatus
  and a0, a0, t0
  CHECK_REG_EQ(a0, t0)
  li gp, 27
  li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR
  csrs sstatus, t0                /* not visible, not writable through sstatus */
  csrr a0, mstatus
  and a0, a0, t0
  CHECK_EQ(a0, 0)
  li gp, 28
  li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_TVM
  csrs mstatus, t0
  csrr a0, sstatus
  and a0, a0, t0
  CHECK_EQ(a0, 0)
  csrw mstatus, zero
#if __riscv_xlen == 64
  /* UXL (and SXL in mstatus) read 2: 64-bit */
  li gp, 29
  csrr a0, sstatus
  srli a0, a0, 32
  andi a0, a0, 3
  CHECK_EQ(a0, 2)
  csrr a0, mstatus
  srli a0, a0, 32
  andi a0, a0, 15
  CHECK_EQ(a0, 10)
#endif

  /* sie and sip are views through mideleg */
  li gp, 30
  li t0, MIP_SSIP | MIP_STIP | MIP_SEIP
  csrw mideleg, t0
  csrr a0, mideleg
  and a0, a0, t0                  /* QEMU's H extension adds read-only bits */
  CHECK_REG_EQ(a0, t0)
  li gp, 31
  li t0, MIP_SSIP | MIP_STIP | MIP_SEIP | MIP_MSIP | MIP_MTIP | MIP_MEIP
  csrw mie, t0
  csrr a0, sie
  CHECK_EQ(a0, MIP_SSIP | MIP_STIP | MIP_SEIP)
  csrw sie, zero
  csrr a0, mie
  CHECK_EQ(a0, MIP_MSIP | MIP_MTIP | MIP_MEIP)
  li gp, 32
  csrw mideleg, zero
  csrr a0, sie
  CHECK_EQ(a0, 0)
  li t0, MIP_SSIP
  csrs sie, t0                    /* not delegated: not writable */
  csrr a0, mie
  CHECK_EQ(a0, MIP_MSIP | MIP_MTIP | MIP_MEIP)
  csrw mie, zero
  li gp, 33
  li t0, MIP_SSIP | MIP_STIP
  csrs mip, t0
  csrr a0, mip
  andi a0, a0, MIP_SSIP | MIP_STIP
  CHECK_EQ(a0, MIP_SSIP | MIP_STIP)
  csrr a0, sip
  CHECK_EQ(a0, 0)                 /* nothing delegated */
  li t0, MIP_SSIP | MIP_STIP
  csrw mideleg, t0
  csrr a0, sip
  andi a0, a0, MIP_SSIP | MIP_STIP
  CHECK_EQ(a0, MIP_SSIP | MIP_STIP)
  li gp, 34
  csrci sip, MIP_SSIP             /* S may clear SSIP ... */
  li t0, MIP_STIP
  csrc sip, t0                    /* ... but not STIP */
  csrr a0, mip
  andi a0, a0, MIP_SSIP | MIP_STIP
  CHECK_EQ(a0, MIP_STIP)
  li t0, MIP_STIP
  csrc mip, t0
  csrw mideleg, zero

  /* Supervisor software interrupt, delegated, taken in S with SIE */
  li gp, 35
  li t0, MIP_SSIP
  csrw mideleg, t0
  csrw mie, t0
  csrs mip, t0
  SET_MPP(PRIV_S)
  li t0, MSTATUS_SIE
  csrs mstatus, t0
  la t0, 2f
  csrw mepc, t0
  la s11, 1f
  li s8, -1
  mret
2:
  nop
  j fail
1:
  mv a3, s8
  mv a4, s10
  la s11, 3f
  ecall
  j fail
3:
  CHECK_EQ(a3, INTR_CAUSE(IRQ_S_SOFT))
  CHECK_LABEL_EQ(a4, 2b)
  csrr a0, mip
  andi a0, a0, MIP_SSIP
  CHECK_EQ(a0, 0)                 /* the S handler cleared it */

  /* Delegated, pending and enabled: never taken in M, even with MIE */
  li gp, 36
  csrsi mip, MIP_SSIP
  li t0, MSTATUS_SIE | MSTATUS_MIE
  csrs mstatus, t0
  nop
  nop
  csrci mstatus, MSTATUS_MIE
  csrr a0, mip
  andi a0, a0, MIP_SSIP
  CHECK_EQ(a0, MIP_SSIP)

  /* ... taken in U even with SIE clear */
  li gp, 37
  csrci mstatus, MSTATUS_SIE
  SET_MPP(PRIV_U)
  la t0, 2f
  csrw mepc, t0
  la s11, 1f
  li s8, -1
  mret
2:
  nop
  j fail
1:
  mv a2, s7
  mv a3, s8
  la s11, 3f
  ecall
  j fail
3:
  CHECK_EQ(a3, INTR_CAUSE(IRQ_S_SOFT))
  andi a0, a2, MSTATUS_SPP
  CHECK_EQ(a0, 0)

  /* Supervisor timer interrupt from STIP written by M */
  li gp, 38
  li t0, MIP_STIP
  csrw mideleg, t0
  csrw mie, t0
  csrs mip, t0
  SET_MPP(PRIV_S)
  csrsi mstatus, MSTATUS_SIE
  la t0, 2f
  csrw mepc, t0
  la s11, 1f
  li s8, -1
  mret
2:
  nop
  j fail
1:
  mv a3, s8
  la s11, 3f
  ecall
  j fail
3:
  CHECK_EQ(a3, INTR_CAUSE(IRQ_S_TIMER))
  li t0, MIP_STIP
  csrc mip, t0

  /* Not delegated: an S-level interrupt goes to M from S, MIE clear */
  li gp, 39
  csrw mideleg, zero
  csrci mstatus, MSTATUS_MIE | MSTATUS_SIE
  li t0, MIP_STIP
  csrw mie, t0
  csrs mip, t0
  nop                             /* M with MIE clear: not taken */
  IN_MODE(PRIV_S, nop; nop)
  li t0, MIP_STIP
  csrc mip, t0
  CHECK_EQ(s8, INTR_CAUSE(IRQ_S_TIMER))
  li t0, MSTATUS_MPP
  and a0, s7, t0
  CHECK_EQ(a0, PRIV_S << 11)

  /* Priority: SSI before STI */
  li gp, 40
  li t0, MIP_SSIP | MIP_STIP
  csrw mideleg, t0
  csrw mie, t0
  csrs mip, t0
  SET_MPP(PRIV_S)
  csrsi mstatus, MSTATUS_SIE
  la t0, 2f
  csrw mepc, t0
  la s11, 1f
  li s8, -1
  mret
2:
  nop
  j fail
1:
  mv a3, s8
  la s11, 3f
  ecall
  j fail
3:
  CHECK_EQ(a3, INTR_CAUSE(IRQ_S_SOFT))
  li t0, MIP_SSIP | MIP_STIP
  csrc mip, t0

  /* wfi in S returns once an (enabled) interrupt is pending, even with
   * SIE clear */
  li gp, 41
  li t0, MIP_SSIP
  csrw mie, t0
  csrs mip, t0
  csrci mstatus, MSTATUS_SIE
  IN_MODE(PRIV_S, wfi)
  CHECK_EQ(s8, CAUSE_ECALL_S)
  csrw mie, zero
  csrw mip, zero
  csrw mideleg, zero

  TEST_PASS

PRIV_HANDLERS
