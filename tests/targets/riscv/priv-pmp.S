/* Physical memory protection:
 *   an S-mode access that matches no entry fails (entries exist; QEMU
 *   7.2 makes the mret into S illegal instead while no entry is set);
 *   NAPOT, TOR and NA4 regions; R, W, X each checked for S and U loads,
 *   stores and fetches (access faults 5, 7, 1 with the address in
 *   mtval); the lowest-numbered matching entry decides; M-mode ignores
 *   unlocked entries but not with MPRV (MPP = S); a locked entry applies
 *   to M too, and its pmpcfg (and pmpaddr, and a locked TOR entry's lower
 *   bound) can no longer be written.
 */
#include "test-macros.h"
#include "priv-macros.h"

#define CFG_ENTRY(i, bits)     ((bits) << ((i) * 8))

/* pmpcfg0 = entries 0..3 (RV32) or 0..7 (RV64). */
#define SET_CFG0(value)         li t0, value; csrw pmpcfg0, t0

/* An access in mode `mpp` to the address in a1. */
#define LOAD_IN(mpp)            IN_MODE(mpp, lw a0, 0(a1))
#define STORE_IN(mpp)           IN_MODE(mpp, sw zero, 0(a1))

TEST_BEGIN
  la t0, priv_m_trap
  csrw mtvec, t0

  /* No entry at all: S-mode cannot even fetch (spec and Medley).  QEMU
   * 7.2 instead refuses the mret into S as an illegal instruction while
   * no entry is configured: accepted. */
  li gp, 1
  IN_MODE(PRIV_S, nop)
  li t0, CAUSE_ILLEGAL_INSN
  beq s8, t0, 1f
  CHECK_EQ(s8, CAUSE_FETCH_ACCESS)
1:

  PRIV_SETUP
  li gp, 2
  IN_MODE(PRIV_S, nop)
  CHECK_EQ(s8, CAUSE_ECALL_S)

  /* NAPOT 4 KiB, read-only */
  li gp, 3
  la a1, region
  li t0, NAPOT_ADDR(0, 4096)
  srli t1, a1, 2
  or t0, t0, t1
  csrw pmpaddr0, t0
  SET_CFG0(CFG_ENTRY(0, PMP_NAPOT | PMP_R))
  LOAD_IN(PRIV_S)
  CHECK_EQ(s8, CAUSE_ECALL_S)
  li gp, 4
  STORE_IN(PRIV_S)
  CHECK_EQ(s8, CAUSE_STORE_ACCESS)
  CHECK_REG_EQ(s9, a1)
  li gp, 5
  STORE_IN(PRIV_U)
  CHECK_EQ(s8, CAUSE_STORE_ACCESS)
  li gp, 6
  li t0, 4092
  add a1, a1, t0                  /* the last word is still inside */
  STORE_IN(PRIV_U)
  CHECK_EQ(s8, CAUSE_STORE_ACCESS)
  addi a1, a1, 4                  /* the next page: entry 15 */
  STORE_IN(PRIV_U)
  CHECK_EQ(s8, CAUSE_ECALL_U)
  /* M-mode ignores the unlocked entry */
  li gp, 7
  la a1, region
  sw zero, 0(a1)
  /* Stores just below and just above the entry are allowed, and do not
   * open it (Medley caches what the PMP allows in large windows) */
  li gp, 27
  IN_MODE(PRIV_S, sw zero, -8(a1); lw a0, -8(a1); sw zero, 0(a1))
  CHECK_EQ(s8, CAUSE_STORE_ACCESS)
  CHECK_REG_EQ(s9, a1)
  li gp, 28
  li t0, 4096
  add a2, a1, t0
  IN_MODE(PRIV_S, sw zero, 0(a2); lw a0, 0(a2); sw zero, -4(a2))
  CHECK_EQ(s8, CAUSE_STORE_ACCESS)
  addi a2, a2, -4
  CHECK_REG_EQ(s9, a2)

  /* No permission at all; then read-write */
  li gp, 8
  SET_CFG0(CFG_ENTRY(0, PMP_NAPOT))
  LOAD_IN(PRIV_S)
  CHECK_EQ(s8, CAUSE_LOAD_ACCESS)
  CHECK_REG_EQ(s9, a1)
  li gp, 9
  SET_CFG0(CFG_ENTRY(0, PMP_NAPOT | PMP_R | PMP_W))
  STORE_IN(PRIV_S)
  CHECK_EQ(s8, CAUSE_ECALL_S)

  /* Execute permission: a code page without X, then with X */
  li gp, 10
  la a2, pmp_code
  li t0, NAPOT_ADDR(0, 4096)
  srli t1, a2, 2
  or t0, t0, t1
  csrw pmpaddr1, t0
  SET_CFG0(CFG_ENTRY(1, PMP_NAPOT | PMP_R))
  li a0, 0
  IN_MODE(PRIV_S, jalr ra, 0(a2))
  CHECK_EQ(s8, CAUSE_FETCH_ACCESS)
  CHECK_REG_EQ(s10, a2)
  CHECK_REG_EQ(s9, a2)
  li gp, 11
  SET_CFG0(CFG_ENTRY(1, PMP_NAPOT | PMP_X))
  li a0, 0
  IN_MODE(PRIV_U, jalr ra, 0(a2))
  CHECK_EQ(s8, CAUSE_ECALL_U)
  CHECK_EQ(a0, 7)

  /* The lowest-numbered matching entry decides */
  li gp, 12
  la a1, region
  csrw pmpaddr1, t0
  li t0, NAPOT_ADDR(0, 4096)
  srli t1, a1, 2
  or t0, t0, t1
  csrw pmpaddr0, t0
  csrw pmpaddr1, t0
  SET_CFG0(CFG_ENTRY(0, PMP_NAPOT | PMP_R | PMP_W) | CFG_ENTRY(1, PMP_NAPOT))
  STORE_IN(PRIV_S)
  CHECK_EQ(s8, CAUSE_ECALL_S)
  li gp, 13
  SET_CFG0(CFG_ENTRY(0, PMP_NAPOT) | CFG_ENTRY(1, PMP_NAPOT | PMP_R | PMP_W))
  STORE_IN(PRIV_S)
  CHECK_EQ(s8, CAUSE_STORE_ACCESS)

  /* TOR: entry 0 = [0, region) RWX, entry 1 = [region, region + 4K) R */
  li gp, 14
  la a1, region
  srli t0, a1, 2
  csrw pmpaddr0, t0
  li t1, 4096 >> 2
  add t0, t0, t1
  csrw pmpaddr1, t0
  SET_CFG0(CFG_ENTRY(0, PMP_TOR | PMP_R | PMP_W | PMP_X) | CFG_ENTRY(1, PMP_TOR | PMP_R))
  addi a1, a1, 16
  STORE_IN(PRIV_S)
  CHECK_EQ(s8, CAUSE_STORE_ACCESS)
  li gp, 15
  addi a1, a1, -32
  STORE_IN(PRIV_S)
  CHECK_EQ(s8, CAUSE_ECALL_S)
  li gp, 16
  la a1, region
  li t0, 4096
  add a1, a1, t0
  STORE_IN(PRIV_S)                /* past the top: entry 15 */
  CHECK_EQ(s8, CAUSE_ECALL_S)

  /* NA4: one word */
  li gp, 17
  la a1, region
  addi t0, a1, 8
  srli t0, t0, 2
  csrw pmpaddr0, t0
  SET_CFG0(CFG_ENTRY(0, PMP_NA4))
  addi a1, a1, 8
  LOAD_IN(PRIV_S)
  CHECK_EQ(s8, CAUSE_LOAD_ACCESS)
  li gp, 18
  addi a1, a1, 4
  LOAD_IN(PRIV_S)
  CHECK_EQ(s8, CAUSE_ECALL_S)
  addi a1, a1, -8
  LOAD_IN(PRIV_S)
  CHECK_EQ(s8, CAUSE_ECALL_S)

  /* MPRV with MPP = S: M-mode loads and stores are checked as S */
  li gp, 19
  la a1, region
  li t0, NAPOT_ADDR(0, 4096)
  srli t1, a1, 2
  or t0, t0, t1
  csrw pmpaddr0, t0
  SET_CFG0(CFG_ENTRY(0, PMP_NAPOT | PMP_R))
  SET_MPP(PRIV_S)
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  la s11, 1f
  li s8, -1
2:
  sw zero, 0(a1)
  j fail
1:
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  CHECK_EQ(s8, CAUSE_STORE_ACCESS)
  CHECK_LABEL_EQ(s10, 2b)
  li gp, 20
  SET_MPP(PRIV_S)
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  lw a0, 0(a1)                    /* loads are allowed */
  SET_MPP(PRIV_M)
  sw zero, 0(a1)                  /* MPP = M: not checked */
  li t0, MSTATUS_MPRV
  csrc mstatus, t0

  /* Locked: applies to M-mode, and cannot be changed */
  li gp, 21
  SET_CFG0(CFG_ENTRY(0, PMP_NAPOT | PMP_R | PMP_L))
  lw a0, 0(a1)
  TEST_TRAP(22, CAUSE_STORE_ACCESS, sw zero, 0(a1))
  CHECK_REG_EQ(s9, a1)
  li gp, 23
  csrw pmpcfg0, zero
  csrr a0, pmpcfg0
  andi a0, a0, 0xff
  CHECK_EQ(a0, PMP_NAPOT | PMP_R | PMP_L)
  li gp, 24
  csrr a2, pmpaddr0
  csrw pmpaddr0, zero
  csrr a0, pmpaddr0
  CHECK_REG_EQ(a0, a2)
  /* A locked TOR entry also locks the pmpaddr below it */
  li gp, 25
  la t0, region
  li t1, 8192
  add t0, t0, t1
  srli t0, t0, 2
  csrw pmpaddr2, t0
  la t0, region
  li t1, 4096
  add t0, t0, t1
  srli a2, t0, 2
  csrw pmpaddr1, a2
  SET_CFG0(CFG_ENTRY(2, PMP_TOR | PMP_R | PMP_W | PMP_X | PMP_L))
  csrw pmpaddr1, zero
  csrr a0, pmpaddr1
  CHECK_REG_EQ(a0, a2)
  /* ... and the locked RWX TOR region is still usable by M */
  li gp, 26
  la a1, region
  li t0, 4096
  add a1, a1, t0
  sw zero, 0(a1)
  lw a0, 0(a1)

  TEST_PASS

PRIV_HANDLERS

  /* A code page of its own: a0 = 7, return */
  .section .text.pmpcode, "ax"
  .align 12
pmp_code:
  li a0, 7
  ret
  .align 12

  .data
  .align 12
region:
  .space 3 * 4096
