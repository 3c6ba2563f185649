/* Stores to code without fence.i where fetches are checked (the PMP): seen
 * by the next instruction fetched, in both tiers, as jit-smc checks for
 * unchecked machine mode (docs/translator.md, "Invalidation").  Checked
 * code used to be marked only when the translating tier translated it, so
 * the interpreter ran the old instruction until a fence.i while the
 * translated code ran the new one (fuzz-riscv found it in machine mode
 * under a locked PMP).  Each part runs the code first, so that it is
 * decoded and translated, then stores to it:
 *   1, 2  in U-mode under the PMP: the next instruction patched on each of
 *         ten iterations, and a called function on each of 50;
 *   3, 4  the same in U-mode with paging (Sv32 / Sv39), from a page
 *         mapped away from its physical address;
 *   5, 6  the same in M-mode with a locked PMP entry (last: it stays
 *         locked until reset). */
#include "test-macros.h"
#include "priv-macros.h"

#if __riscv_xlen == 64
# define PMP_CFG_SET_15(r)      csrs pmpcfg2, r
#else
# define PMP_CFG_SET_15(r)      csrs pmpcfg3, r
#endif

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
#else
# define SATP_MODE      (1 << 31)
#endif

/* table[idx] = a PTE for the physical address in `reg` (t0-t2). */
#define PTE_TO(table, idx, reg, flags)                                  \
  srli reg, reg, 12; slli reg, reg, 10; ori reg, reg, flags;            \
  la t1, table; li t2, (idx) * REGBYTES; add t1, t1, t2; SREG reg, 0(t1)

/* addi a0, a0, imm */
#define ADDI_A0(imm)    ((((imm) & 0xfff) << 20) | 0x50513)
/* addi a0, zero, imm */
#define LI_A0(imm)      ((((imm) & 0xfff) << 20) | 0x513)

/* Check `n`: the instruction after the store patched to add i, for i in
 * 0..9; a0 ends as 45. */
#define PATCH_NEXT(n)                                                   \
  li gp, n; li s2, 0; li a0, 0; la s1, 2f;                              \
1:li t0, ADDI_A0(0); slli t1, s2, 20; add t0, t0, t1;                   \
  .option push; .option norvc;                                          \
  sw t0, 0(s1);                                                         \
2:addi a0, a0, 0;                                                       \
  .option pop;                                                          \
  addi s2, s2, 1; li t1, 10; bne s2, t1, 1b;                            \
  CHECK_EQ(a0, 45)

/* Check `n`: function `fn` patched to return i - 1 before call i, for i
 * in 1..49. */
#define PATCH_CALLED(n, fn)                                             \
  li gp, n; la s1, fn; li s2, 1; li s3, 50;                             \
  li t0, LI_A0(0); sw t0, 0(s1);                                        \
1:call fn; addi t0, s2, -1; CHECK_REG_EQ(a0, t0);                       \
  li t0, LI_A0(0); slli t1, s2, 20; or t0, t0, t1; sw t0, 0(s1);        \
  addi s2, s2, 1; bne s2, s3, 1b

TEST_BEGIN
  PRIV_SETUP

  /* 1, 2: U-mode under the PMP (entry 15 gives it everything) */
  SET_MPP(PRIV_U)
  la t0, in_u
  csrw mepc, t0
  la s11, back_u
  li s8, -1
  mret
in_u:
  PATCH_NEXT(1)
  PATCH_CALLED(2, fn_a)
  ecall
  j fail
back_u:
  li gp, 2
  CHECK_EQ(s8, CAUSE_ECALL_U)

  /* 3, 4: U-mode with paging, in paged_code mapped at VBASE (a failed
   * check jumps out of the page: a page fault, reported below) */
#if __riscv_xlen == 64
  la t0, pt_l1
  PTE_TO(pt_root, 1, t0, PTE_V)
  la t0, pt_l0
  PTE_TO(pt_l1, 0, t0, PTE_V)
#else
  la t0, pt_l0
  PTE_TO(pt_root, VBASE >> 22, t0, PTE_V)
#endif
  la t0, paged_code
  PTE_TO(pt_l0, 0, t0, PTE_V | PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D)
  la t0, pt_root
  srli t0, t0, 12
  li t1, SATP_MODE
  or t0, t0, t1
  csrw satp, t0
  sfence.vma
  SET_MPP(PRIV_U)
  li t0, VBASE
  csrw mepc, t0
  la s11, back_paged
  li s8, -1
  mret
back_paged:
  csrw satp, zero
  sfence.vma
  CHECK_EQ(s8, CAUSE_ECALL_U)

  /* 3, 4: entry 15 locked, so machine-mode fetches are checked too */
  li t0, (PMP_L << ((15 % (XLEN / 8)) * 8))
  PMP_CFG_SET_15(t0)
  PATCH_NEXT(5)
  PATCH_CALLED(6, fn_a)
  TEST_PASS

  .align 2
fn_a:
  .option push
  .option norvc
  addi a0, zero, 0
  .option pop
  ret

PRIV_HANDLERS

  /* Run at VBASE only: a page of its own. */
  .section .text.pagecode, "ax"
  .align 12
paged_code:
  PATCH_NEXT(3)
  PATCH_CALLED(4, fn_p)
  ecall
  .align 2
fn_p:
  .option push
  .option norvc
  addi a0, zero, 0
  .option pop
  ret
  .align 12

  .data
  .align 12
pt_root: .space 4096
pt_l1:   .space 4096
pt_l0:   .space 4096
