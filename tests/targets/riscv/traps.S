/* Synchronous machine traps, each with mcause, mepc and mtval checked:
 *   1  instruction access fault: jump to unmapped 0x800 and to 0x0
 *      (mepc = mtval = the target)
 *   2  illegal instruction: the all-zero 16-bit word, a reserved 32-bit
 *      encoding, reserved compressed encodings, an unknown CSR, writes to
 *      read-only CSRs, RV64-only encodings on RV32 (mtval = the
 *      instruction bits)
 *   3  breakpoint: ebreak and c.ebreak (mtval = pc)
 *   4  load address misaligned: lr.w (and lr.d) off their alignment
 *   5  load access fault: loads of every width and lr from unmapped memory
 *   6  store/AMO address misaligned: misaligned AMOs and sc.w
 *   7  store/AMO access fault: stores of every width and an AMO to unmapped
 *      memory
 *  11  environment call from M-mode (mtval = 0)
 * plus mstatus across a trap (MIE -> MPIE, MIE cleared, MPP = M) and that
 * a faulting instruction writes no register and no memory.
 * Cause 0 cannot happen with the C extension (every jump target is
 * 2-byte aligned once jalr clears bit 0) and is not tested.
 *
 * Where QEMU 7.2 deviates from what Medley must do, the check accepts
 * both and says so: ebreak mtval (QEMU writes 0), AMO to unmapped memory
 * (QEMU reports a load access fault, 5), misaligned AMOs (QEMU reports a
 * load address misaligned, 4), misaligned sc.w (QEMU does not trap when
 * there is no matching reservation; it just fails).  So on QEMU 7.2 no
 * instruction here raises cause 6; Medley must. */
#include "test-macros.h"

  .data
  .align 4
word:
  .dword 0x1122334455667788

/* A misaligned AMO raises store/AMO address misaligned (6), mtval = the
 * address.  QEMU 7.2 raises load address misaligned (4) instead, which is
 * accepted here only because QEMU is the reference the tests are checked
 * against; Medley must raise 6. */
#define TEST_AMO_MISALIGNED(n, ...)                                     \
  li gp, n; la s11, 8f; li s8, -1; 7: __VA_ARGS__; j fail; 8:            \
  CHECK_LABEL_EQ(s10, 7b); CHECK_REG_EQ(s9, s2);                        \
  li t6, CAUSE_MISALIGNED_LOAD; beq s8, t6, 8f;      /* QEMU 7.2 */     \
  CHECK_EQ(s8, CAUSE_MISALIGNED_STORE)

  .text
TEST_BEGIN
  /* 11: ecall */
  TEST_TRAP_TVAL(1, CAUSE_ECALL_M, 0, ecall)

  /* mstatus across a trap: MIE was 1 -> handler sees MIE 0, MPIE 1,
   * MPP = M; mret restores MIE = 1. */
  li gp, 2
  csrw mie, zero                  /* no interrupt source enabled */
  csrsi mstatus, MSTATUS_MIE
  TEST_TRAP(2, CAUSE_ECALL_M, ecall)
  andi a0, s7, MSTATUS_MIE | MSTATUS_MPIE
  CHECK_EQ(a0, MSTATUS_MPIE)
  li t0, MSTATUS_MPP
  and a0, s7, t0
  CHECK_REG_EQ(a0, t0)
  csrr a0, mstatus
  andi a0, a0, MSTATUS_MIE
  CHECK_EQ(a0, MSTATUS_MIE)
  /* and with MIE 0: MPIE 0 in the handler, MIE still 0 afterwards */
  csrci mstatus, MSTATUS_MIE
  TEST_TRAP(3, CAUSE_ECALL_M, ecall)
  andi a0, s7, MSTATUS_MIE | MSTATUS_MPIE
  CHECK_EQ(a0, 0)
  csrr a0, mstatus
  andi a0, a0, MSTATUS_MIE
  CHECK_EQ(a0, 0)

  /* 3: ebreak / c.ebreak.  mtval = pc (Medley); QEMU 7.2 writes 0. */
  TEST_TRAP(4, CAUSE_BREAKPOINT, ebreak)
  beqz s9, 1f
  CHECK_REG_EQ(s9, s10)
1:
  TEST_TRAP(5, CAUSE_BREAKPOINT, .option rvc; c.ebreak; .option norvc)
  beqz s9, 1f
  CHECK_REG_EQ(s9, s10)
1:

  /* 2: illegal instructions, mtval = the instruction bits */
  TEST_TRAP_TVAL(6, CAUSE_ILLEGAL_INSN, 0, .half 0)        /* c.addi4spn 0 */
  TEST_TRAP_TVAL(7, CAUSE_ILLEGAL_INSN, 0x7003, .word 0x00007003) /* load funct3 7 */
  TEST_TRAP_TVAL(8, CAUSE_ILLEGAL_INSN, 0x7c502573, csrr a0, 0x7c5)  /* unknown CSR */
  TEST_TRAP_TVAL(9, CAUSE_ILLEGAL_INSN, 0xf1459073, csrw mhartid, a1)
  TEST_TRAP_TVAL(10, CAUSE_ILLEGAL_INSN, 0xf140e573, csrrsi a0, mhartid, 1)
  TEST_TRAP_TVAL(11, CAUSE_ILLEGAL_INSN, 0xc0059073, csrw cycle, a1)
  TEST_TRAP_TVAL(12, CAUSE_ILLEGAL_INSN, 0xc015e573, csrrsi a0, time, 0xb)
  /* A faulting csr instruction leaves rd alone */
  TEST_TRAP(13, CAUSE_ILLEGAL_INSN, li a0, 0x55; 7: csrrw a0, mhartid, a0)
  CHECK_EQ(a0, 0x55)
  /* Reserved compressed encodings */
  TEST_TRAP_TVAL(14, CAUSE_ILLEGAL_INSN, 0x0004, .half 0x0004)  /* c.addi4spn, nzuimm 0 */
  TEST_TRAP_TVAL(15, CAUSE_ILLEGAL_INSN, 0x6101, .half 0x6101)  /* c.addi16sp, nzimm 0 */
  TEST_TRAP_TVAL(16, CAUSE_ILLEGAL_INSN, 0x6501, .half 0x6501)  /* c.lui, nzimm 0 */
  TEST_TRAP_TVAL(17, CAUSE_ILLEGAL_INSN, 0x4002, .half 0x4002)  /* c.lwsp, rd 0 */
  TEST_TRAP_TVAL(18, CAUSE_ILLEGAL_INSN, 0x8002, .half 0x8002)  /* c.jr, rs1 0 */
#if XLEN == 32
  /* RV64-only encodings are illegal on RV32 */
  TEST_TRAP_TVAL(19, CAUSE_ILLEGAL_INSN, 0x00b5053b, .word 0x00b5053b)  /* addw */
  TEST_TRAP_TVAL(20, CAUSE_ILLEGAL_INSN, 0x02051513, .word 0x02051513)  /* slli shamt 32 */
  TEST_TRAP_TVAL(21, CAUSE_ILLEGAL_INSN, 0x0005b503, .word 0x0005b503)  /* ld */
#endif

  /* 1: instruction access fault; mepc and mtval are the target */
  li gp, 22
  la s11, 1f
  li a0, UNMAPPED_ADDR
  jalr a0
  j fail
1:CHECK_EQ(s8, CAUSE_FETCH_ACCESS)
  CHECK_EQ(s10, UNMAPPED_ADDR)
  CHECK_EQ(s9, UNMAPPED_ADDR)
  li gp, 23
  la s11, 1f
  li s9, -1
  jr zero
  j fail
1:CHECK_EQ(s8, CAUSE_FETCH_ACCESS)
  CHECK_EQ(s10, 0)
  CHECK_EQ(s9, 0)

  /* 5: load access fault, rd unchanged */
  li s0, UNMAPPED_ADDR
  li a0, 0x66
  TEST_TRAP_TVAL(24, CAUSE_LOAD_ACCESS, UNMAPPED_ADDR, lw a0, 0(s0))
  CHECK_EQ(a0, 0x66)
  TEST_TRAP_TVAL(25, CAUSE_LOAD_ACCESS, UNMAPPED_ADDR + 3, lb a0, 3(s0))
  TEST_TRAP_TVAL(26, CAUSE_LOAD_ACCESS, UNMAPPED_ADDR + 2, lhu a0, 2(s0))
  TEST_TRAP_TVAL(27, CAUSE_LOAD_ACCESS, UNMAPPED_ADDR - 4, lw a0, -4(s0))
  TEST_TRAP_TVAL(28, CAUSE_LOAD_ACCESS, UNMAPPED_ADDR, lr.w a0, (s0))
  TEST_TRAP_TVAL(29, CAUSE_LOAD_ACCESS, 0, lbu a0, 0(zero))
#if XLEN == 64
  TEST_TRAP_TVAL(30, CAUSE_LOAD_ACCESS, UNMAPPED_ADDR + 8, ld a0, 8(s0))
  TEST_TRAP_TVAL(31, CAUSE_LOAD_ACCESS, UNMAPPED_ADDR, lwu a0, 0(s0))
#endif
  CHECK_EQ(a0, 0x66)

  /* 7: store access fault */
  TEST_TRAP_TVAL(32, CAUSE_STORE_ACCESS, UNMAPPED_ADDR, sw a0, 0(s0))
  TEST_TRAP_TVAL(33, CAUSE_STORE_ACCESS, UNMAPPED_ADDR + 1, sb a0, 1(s0))
  TEST_TRAP_TVAL(34, CAUSE_STORE_ACCESS, UNMAPPED_ADDR + 6, sh a0, 6(s0))
#if XLEN == 64
  TEST_TRAP_TVAL(35, CAUSE_STORE_ACCESS, UNMAPPED_ADDR + 16, sd a0, 16(s0))
#endif
  /* An AMO to unmapped memory is a store/AMO access fault (7); QEMU 7.2
   * reports a load access fault (5) instead.  rd must not change. */
  li gp, 36
  li a1, 1
  la s11, 1f
7:amoadd.w a0, a1, (s0)
  j fail
1:CHECK_LABEL_EQ(s10, 7b)
  CHECK_EQ(s9, UNMAPPED_ADDR)
  CHECK_EQ(a0, 0x66)
  li t0, CAUSE_LOAD_ACCESS
  beq s8, t0, 1f                  /* QEMU 7.2 */
  CHECK_EQ(s8, CAUSE_STORE_ACCESS)
1:

  /* 4: misaligned lr; 6: misaligned AMO.  mtval = the address; rd and
   * memory unchanged. */
  la s1, word
  li a0, 0x66
  TEST_TRAP(37, CAUSE_MISALIGNED_LOAD, addi s2, s1, 1; 7: lr.w a0, (s2))
  CHECK_REG_EQ(s9, s2)
  TEST_TRAP(38, CAUSE_MISALIGNED_LOAD, addi s2, s1, 2; 7: lr.w a0, (s2))
  CHECK_REG_EQ(s9, s2)
  TEST_AMO_MISALIGNED(39, addi s2, s1, 2; li a1, 1; 7: amoadd.w a0, a1, (s2))
  TEST_AMO_MISALIGNED(40, addi s2, s1, 3; 7: amoswap.w a0, a1, (s2))
  TEST_AMO_MISALIGNED(41, addi s2, s1, 1; 7: amomaxu.w a0, a1, (s2))
  CHECK_EQ(a0, 0x66)
#if XLEN == 64
  TEST_TRAP(42, CAUSE_MISALIGNED_LOAD, addi s2, s1, 4; 7: lr.d a0, (s2))
  CHECK_REG_EQ(s9, s2)
  TEST_AMO_MISALIGNED(43, addi s2, s1, 4; 7: amoor.d a0, a1, (s2))
  TEST_AMO_MISALIGNED(44, addi s2, s1, 4; 7: amoadd.w a0, a1, (s2); 7: amoadd.d a0, a1, (s2))
  CHECK_EQ(a0, 0x11223344)        /* (the aligned .w at +4 went through) */
  li gp, 45
  ld a0, 0(s1)
  CHECK_EQ(a0, 0x1122334555667788)
#else
  li gp, 45
  lw a0, 0(s1)
  CHECK_EQ(a0, 0x55667788)
#endif

  /* Misaligned sc.w must raise 6 whether or not a reservation is held.
   * QEMU 7.2 only compares the address with its reservation and fails
   * the sc without trapping; accept that only together with rd != 0 and
   * memory unchanged. */
  li gp, 46
  lr.w a2, (s1)
  addi s2, s1, 2
  li a1, 0
  li a0, 0
  la s11, 1f
  li s8, -1
7:sc.w a0, a1, (s2)
  li s11, 0
  /* no trap: QEMU 7.2 */
  beqz a0, fail_near
  lw a0, 0(s1)
  beqz a0, fail_near
  j 2f
1:CHECK_EQ(s8, CAUSE_MISALIGNED_STORE)
  CHECK_LABEL_EQ(s10, 7b)
  CHECK_REG_EQ(s9, s2)
2:
  TEST_PASS

fail_near:
  j fail
