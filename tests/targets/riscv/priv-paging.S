/* Virtual memory: Sv39 on RV64, Sv32 on RV32.
 *   The test code runs identity-mapped by a superpage; below
 *   VA 0x40000000 sit 4 KiB pages with various permissions, a megapage
 *   and a misaligned one.  Checked: satp; loads, stores and fetches
 *   through 4 KiB pages and superpages; A set by an access, D by a store;
 *   page faults 12, 13, 15 with the virtual address in mtval (and mepc for
 *   a fetch); R/W/X, W without R, U pages from S (SUM; never fetched) and
 *   S pages from U, MXR; misaligned superpage; RV64 non-canonical
 *   addresses; A/D in a superpage's PTE; the PMP checks the walk's reads;
 *   sfence.vma after S remaps data and code itself; page faults delegated
 *   to S (scause, stval, sepc); MPRV with MPP = S; Bare.
 */
#include "test-macros.h"
#include "priv-macros.h"

#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_A 0x40
#define PTE_D 0x80

#define VBASE 0x40000000
#if __riscv_xlen == 64
# define SATP_MODE      (8 << 60)
# define MEGA_VA        (VBASE + 0x200000)
# define MEGA_PA        0x80200000
# define BADMEGA_VA     (VBASE + 0x400000)
# define MEGA_PTE       pt_l1 + 1 * REGBYTES
#else
# define SATP_MODE      (1 << 31)
# define MEGA_VA        (VBASE + 0x400000)
# define MEGA_PA        0x80400000
# define BADMEGA_VA     (VBASE + 0x800000)
# define MEGA_PTE       pt_root + 0x101 * REGBYTES
#endif

/* table[idx] = a PTE for the physical address of `label` (t0-t2). */
#define MAP(table, idx, label, flags)                                   \
  la t0, label; srli t0, t0, 12; slli t0, t0, 10; ori t0, t0, flags;    \
  la t1, table; li t2, (idx) * REGBYTES; add t1, t1, t2; SREG t0, 0(t1)
#define MAPC(table, idx, pa, flags)                                     \
  li t0, pa; srli t0, t0, 12; slli t0, t0, 10; ori t0, t0, flags;       \
  la t1, table; li t2, (idx) * REGBYTES; add t1, t1, t2; SREG t0, 0(t1)

/* Enter U at the virtual address `va`; back in M after its ecall or
 * trap (labels 5). */
#define IN_U_AT(va)                                                     \
  SET_MPP(PRIV_U); li t0, va; csrw mepc, t0; la s11, 5f;                \
  li s8, -1; li s9, -1; li s10, -1; mret; 5:

TEST_BEGIN
  PRIV_SETUP

  /* Page tables */
#if __riscv_xlen == 64
  MAPC(pt_root, 2, 0x80000000, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
  MAP(pt_root, 1, pt_l1, PTE_V)
  MAP(pt_l1, 0, pt_l0, PTE_V)
  MAPC(pt_l1, 1, MEGA_PA, PTE_V | PTE_R | PTE_W)
  MAPC(pt_l1, 2, MEGA_PA + 0x1000, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#else
  MAPC(pt_root, 0x200, 0x80000000, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
  MAP(pt_root, 0x100, pt_l0, PTE_V)
  MAPC(pt_root, 0x101, MEGA_PA, PTE_V | PTE_R | PTE_W)
  MAPC(pt_root, 0x102, MEGA_PA + 0x1000, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#endif
  MAP(pt_l0, 0, page0, PTE_V | PTE_R | PTE_W)
  MAP(pt_l0, 1, page1, PTE_V | PTE_R | PTE_A)
  MAP(pt_l0, 2, page2, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D)
  MAP(pt_l0, 3, page3, PTE_V | PTE_X | PTE_A)
  /* 4: invalid */
  MAP(pt_l0, 5, code_a, PTE_V | PTE_R | PTE_X | PTE_A)
  MAP(pt_l0, 6, code_u, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A)
  MAP(pt_l0, 7, page2, PTE_V | PTE_W | PTE_A | PTE_D)   /* W without R */

  /* Known contents */
  li t0, 0x1234
  la t1, page0
  sw t0, 0(t1)
  li t0, 0x9999
  la t1, page1
  sw t0, 0(t1)
  li t0, 0x2222
  la t1, page2
  sw t0, 0(t1)
  li t0, 0x3333
  la t1, page3
  sw t0, 0(t1)

  /* satp */
  li gp, 1
  li t0, SATP_MODE
  la t1, pt_root
  srli t1, t1, 12
  or s6, t0, t1                   /* s6: satp with paging on */
  csrw satp, s6
  csrr a0, satp
  CHECK_REG_EQ(a0, s6)
  /* M-mode is not translated; S runs the identity-mapped code */
  li gp, 2
  la t0, page0
  lw a0, 0(t0)
  CHECK_EQ(a0, 0x1234)
  IN_MODE(PRIV_S, nop)
  CHECK_EQ(s8, CAUSE_ECALL_S)

  /* A load sets A (not D), a store sets D */
  li gp, 3
  li a1, VBASE
  li a0, 0
  IN_MODE(PRIV_S, lw a0, 0(a1))
  CHECK_EQ(s8, CAUSE_ECALL_S)
  CHECK_EQ(a0, 0x1234)
  la t0, pt_l0
  LREG a0, 0(t0)
  andi a0, a0, PTE_A | PTE_D
  CHECK_EQ(a0, PTE_A)
  li gp, 4
  li a2, 0x5678
  IN_MODE(PRIV_S, sw a2, 4(a1))
  CHECK_EQ(s8, CAUSE_ECALL_S)
  la t0, pt_l0
  LREG a0, 0(t0)
  andi a0, a0, PTE_A | PTE_D
  CHECK_EQ(a0, PTE_A | PTE_D)
  la t0, page0
  lw a0, 4(t0)
  CHECK_EQ(a0, 0x5678)

  /* Read-only page: store page fault with the virtual address */
  li gp, 5
  li a1, VBASE + 0x1008
  IN_MODE(PRIV_S, sw zero, 0(a1))
  CHECK_EQ(s8, CAUSE_STORE_PAGE)
  CHECK_REG_EQ(s9, a1)
  li gp, 6
  li a1, VBASE + 0x1000
  IN_MODE(PRIV_S, lw a0, 0(a1))
  CHECK_EQ(s8, CAUSE_ECALL_S)
  CHECK_EQ(a0, 0x9999)

  /* Invalid PTE: load and fetch page faults */
  li gp, 7
  li a1, VBASE + 0x4010
  IN_MODE(PRIV_S, lw a0, 0(a1))
  CHECK_EQ(s8, CAUSE_LOAD_PAGE)
  CHECK_REG_EQ(s9, a1)
  li gp, 8
  li a1, VBASE + 0x4000
  IN_MODE(PRIV_S, jalr ra, 0(a1))
  CHECK_EQ(s8, CAUSE_FETCH_PAGE)
  CHECK_REG_EQ(s9, a1)
  CHECK_REG_EQ(s10, a1)
  /* No X: fetch page fault */
  li gp, 9
  li a1, VBASE
  IN_MODE(PRIV_S, jalr ra, 0(a1))
  CHECK_EQ(s8, CAUSE_FETCH_PAGE)
  CHECK_REG_EQ(s10, a1)
  /* W without R is reserved: page fault */
  li gp, 10
  li a1, VBASE + 0x7000
  IN_MODE(PRIV_S, lw a0, 0(a1))
  CHECK_EQ(s8, CAUSE_LOAD_PAGE)

  /* Code through a 4 KiB mapping */
  li gp, 11
  li a1, VBASE + 0x5000
  li a0, 0
  IN_MODE(PRIV_S, jalr ra, 0(a1))
  CHECK_EQ(s8, CAUSE_ECALL_S)
  CHECK_EQ(a0, 1)

  /* U pages from S: only with SUM, and never fetched */
  li gp, 12
  li a1, VBASE + 0x2000
  IN_MODE(PRIV_S, lw a0, 0(a1))
  CHECK_EQ(s8, CAUSE_LOAD_PAGE)
  li gp, 13
  li t0, MSTATUS_SUM
  csrs mstatus, t0
  li a0, 0
  IN_MODE(PRIV_S, lw a0, 0(a1))
  CHECK_EQ(s8, CAUSE_ECALL_S)
  CHECK_EQ(a0, 0x2222)
  li gp, 14
  li a1, VBASE + 0x6000
  IN_MODE(PRIV_S, jalr ra, 0(a1))
  CHECK_EQ(s8, CAUSE_FETCH_PAGE)
  li t0, MSTATUS_SUM
  csrc mstatus, t0

  /* U: its own pages, not S pages (code_u: lw a0, 0(a1); ecall) */
  li gp, 15
  li a1, VBASE + 0x2000
  li a0, 0
  IN_U_AT(VBASE + 0x6000)
  CHECK_EQ(s8, CAUSE_ECALL_U)
  CHECK_EQ(a0, 0x2222)
  li gp, 16
  li a1, VBASE
  IN_U_AT(VBASE + 0x6000)
  CHECK_EQ(s8, CAUSE_LOAD_PAGE)
  CHECK_REG_EQ(s9, a1)
  li gp, 17
  li a1, VBASE + 0x2000            /* code_u + 16: sw zero, 0(a1); ecall */
  IN_U_AT(VBASE + 0x6010)
  CHECK_EQ(s8, CAUSE_ECALL_U)
  la t0, page2
  lw a0, 0(t0)
  CHECK_EQ(a0, 0)

  /* MXR: execute-only pages become readable */
  li gp, 18
  li a1, VBASE + 0x3000
  IN_MODE(PRIV_S, lw a0, 0(a1))
  CHECK_EQ(s8, CAUSE_LOAD_PAGE)
  li gp, 19
  li t0, MSTATUS_MXR
  csrs mstatus, t0
  li a0, 0
  IN_MODE(PRIV_S, lw a0, 0(a1))
  CHECK_EQ(s8, CAUSE_ECALL_S)
  CHECK_EQ(a0, 0x3333)
  li t0, MSTATUS_MXR
  csrc mstatus, t0

  /* Superpage; misaligned superpage */
  li gp, 20
  li a1, MEGA_VA + 0x1230
  li a2, 0x77
  IN_MODE(PRIV_S, sw a2, 0(a1))
  CHECK_EQ(s8, CAUSE_ECALL_S)
  li t0, MEGA_PA + 0x1230
  lw a0, 0(t0)
  CHECK_EQ(a0, 0x77)
  la t0, MEGA_PTE                 /* A and D set in the superpage's PTE */
  LREG a0, 0(t0)
  andi a0, a0, PTE_A | PTE_D
  CHECK_EQ(a0, PTE_A | PTE_D)
  li gp, 21
  li a1, BADMEGA_VA
  IN_MODE(PRIV_S, lw a0, 0(a1))
  CHECK_EQ(s8, CAUSE_LOAD_PAGE)
#if __riscv_xlen == 64
  /* Bits 63..39 must copy bit 38 */
  li gp, 22
  li a1, 0x4000000000
  IN_MODE(PRIV_S, lw a0, 0(a1))
  CHECK_EQ(s8, CAUSE_LOAD_PAGE)
#endif

  /* S remaps a data page itself, sfence.vma, sees the new page */
  li gp, 23
  li a1, VBASE
  la a2, pt_l0
  la t0, page1
  srli t0, t0, 12
  slli t0, t0, 10
  ori a3, t0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  IN_MODE(PRIV_S, lw a4, 0(a1); SREG a3, 0(a2); sfence.vma; lw a5, 0(a1))
  CHECK_EQ(s8, CAUSE_ECALL_S)
  CHECK_EQ(a4, 0x1234)
  CHECK_EQ(a5, 0x9999)
  /* ... and a code page */
  li gp, 24
  li a1, VBASE + 0x5000
  la a2, pt_l0
  la t0, code_b
  srli t0, t0, 12
  slli t0, t0, 10
  ori a3, t0, PTE_V | PTE_R | PTE_X | PTE_A
  IN_MODE(PRIV_S, jalr ra, 0(a1); mv a4, a0; SREG a3, 5 * REGBYTES(a2); sfence.vma; jalr ra, 0(a1); mv a5, a0)
  CHECK_EQ(s8, CAUSE_ECALL_S)
  CHECK_EQ(a4, 1)
  CHECK_EQ(a5, 2)

  /* The walk's own reads are checked by the PMP (as S-mode reads): a
   * page table the PMP hides gives an access fault of the access's kind */
  li gp, 32
  la t0, pt_l0
  srli t0, t0, 2
  ori t0, t0, (4096 >> 3) - 1     /* NAPOT 4 KiB */
  csrw pmpaddr0, t0
  li t0, PMP_NAPOT
  csrw pmpcfg0, t0
  li a1, VBASE + 0x1000
  IN_MODE(PRIV_S, lw a0, 0(a1))
  csrw pmpcfg0, zero
  CHECK_EQ(s8, CAUSE_LOAD_ACCESS)
  CHECK_REG_EQ(s9, a1)

  /* Page faults delegated to S */
  li t0, (1 << CAUSE_FETCH_PAGE) | (1 << CAUSE_LOAD_PAGE) | (1 << CAUSE_STORE_PAGE)
  csrw medeleg, t0
  li gp, 25
  li a1, VBASE + 0x4020
  SET_MPP(PRIV_S)
  la t0, 2f
  csrw mepc, t0
  la s11, 1f
  mret
2:
  lw a0, 0(a1)
  j fail
1:
  mv a3, s8
  mv a4, s9
  mv a5, s10
  la s11, 3f
  ecall
  j fail
3:
  CHECK_EQ(a3, CAUSE_LOAD_PAGE)
  CHECK_REG_EQ(a4, a1)
  CHECK_LABEL_EQ(a5, 2b)
  li gp, 26
  li a1, VBASE + 0x1010
  SET_MPP(PRIV_S)
  la t0, 2f
  csrw mepc, t0
  la s11, 1f
  mret
2:
  sw zero, 0(a1)
  j fail
1:
  mv a3, s8
  mv a4, s9
  la s11, 3f
  ecall
  j fail
3:
  CHECK_EQ(a3, CAUSE_STORE_PAGE)
  CHECK_REG_EQ(a4, a1)
  li gp, 27
  li a1, VBASE + 0x4000
  SET_MPP(PRIV_S)
  la t0, 2f
  csrw mepc, t0
  la s11, 1f
  mret
2:
  jalr ra, 0(a1)
  j fail
1:
  mv a3, s8
  mv a4, s9
  mv a5, s10
  la s11, 3f
  ecall
  j fail
3:
  CHECK_EQ(a3, CAUSE_FETCH_PAGE)
  CHECK_REG_EQ(a4, a1)
  CHECK_REG_EQ(a5, a1)
  csrw medeleg, zero

  /* MPRV, MPP = S: M-mode loads are translated */
  li gp, 28
  SET_MPP(PRIV_S)
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  li a1, VBASE + 0x1000
  lw a0, 0(a1)
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  CHECK_EQ(a0, 0x9999)
  li gp, 29
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  li a1, VBASE + 0x4000
  la s11, 1f
  li s8, -1
2:
  lw a0, 0(a1)
  j fail
1:
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  CHECK_EQ(s8, CAUSE_LOAD_PAGE)
  CHECK_REG_EQ(s9, a1)
  CHECK_LABEL_EQ(s10, 2b)

  /* Bare again: S sees physical addresses */
  li gp, 30
  csrw satp, zero
  la a1, page3
  IN_MODE(PRIV_S, lw a0, 0(a1))
  CHECK_EQ(s8, CAUSE_ECALL_S)
  CHECK_EQ(a0, 0x3333)
#if __riscv_xlen == 64
  /* An unsupported mode: the write has no effect */
  li gp, 31
  li t0, 1 << 60
  csrw satp, t0
  csrr a0, satp
  CHECK_EQ(a0, 0)
#endif

  TEST_PASS

PRIV_HANDLERS

  /* Code pages mapped at VBASE + 0x5000 (a, then b) and, for U,
   * VBASE + 0x6000. */
  .section .text.pagecode, "ax"
  .align 12
code_a:
  li a0, 1
  ret
  .align 12
code_b:
  li a0, 2
  ret
  .align 12
code_u:
  lw a0, 0(a1)
  ecall
  .align 4
  sw zero, 0(a1)
  ecall
  .align 12

  .data
  .align 12
pt_root: .space 4096
pt_l1:   .space 4096
pt_l0:   .space 4096
page0:   .space 4096
page1:   .space 4096
page2:   .space 4096
page3:   .space 4096
