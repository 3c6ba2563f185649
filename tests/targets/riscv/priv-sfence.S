/* sfence.vma with an address (rs1 != x0), run by S after remapping:
 *   a 4 KiB data page, then loads through it see the new page;
 *   a 4 KiB code page, then the code run there is the new code (decoded
 *   instructions are translations too);
 *   a superpage, fenced by an address in another of its 4 KiB pages than
 *   the one read before and after: the whole leaf is concerned.
 * Each check reads through the old mapping first, so that it is cached.
 */
#include "test-macros.h"
#include "priv-macros.h"

#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_A 0x40
#define PTE_D 0x80
#define PTE_RWAD (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)

#define VBASE 0x40000000
#if __riscv_xlen == 64
# define SATP_MODE      (8 << 60)
# define MEGA_VA        (VBASE + 0x200000)
# define MEGA_PA        0x80200000
# define MEGA_SIZE      0x200000
#else
# define SATP_MODE      (1 << 31)
# define MEGA_VA        (VBASE + 0x400000)
# define MEGA_PA        0x80400000
# define MEGA_SIZE      0x400000
#endif

/* A PTE for physical address `pa` (a register) with `flags`, in t0. */
#define PTE_OF(pa)      srli t0, pa, 12; slli t0, t0, 10
/* table[idx] = a PTE for the physical address of `label` (t0-t2). */
#define MAP(table, idx, label, flags)                                   \
  la t0, label; PTE_OF(t0); ori t0, t0, flags;                          \
  la t1, table; li t2, (idx) * REGBYTES; add t1, t1, t2; SREG t0, 0(t1)
#define MAPC(table, idx, pa, flags)                                     \
  li t0, pa; PTE_OF(t0); ori t0, t0, flags;                             \
  la t1, table; li t2, (idx) * REGBYTES; add t1, t1, t2; SREG t0, 0(t1)

TEST_BEGIN
  PRIV_SETUP

#if __riscv_xlen == 64
  MAPC(pt_root, 2, 0x80000000, PTE_RWAD | PTE_X)
  MAP(pt_root, 1, pt_l1, PTE_V)
  MAP(pt_l1, 0, pt_l0, PTE_V)
  MAPC(pt_l1, 1, MEGA_PA, PTE_RWAD)
# define L0_PTE(i)      pt_l0 + (i) * REGBYTES
# define MEGA_PTE       pt_l1 + 1 * REGBYTES
#else
  MAPC(pt_root, 0x200, 0x80000000, PTE_RWAD | PTE_X)
  MAP(pt_root, 0x100, pt_l0, PTE_V)
  MAPC(pt_root, 0x101, MEGA_PA, PTE_RWAD)
# define L0_PTE(i)      pt_l0 + (i) * REGBYTES
# define MEGA_PTE       pt_root + 0x101 * REGBYTES
#endif
  MAP(pt_l0, 0, page_a, PTE_RWAD)
  MAP(pt_l0, 1, code_a, PTE_V | PTE_R | PTE_X | PTE_A)

  li t0, 0xaaaa
  la t1, page_a
  sw t0, 0(t1)
  li t0, 0xbbbb
  la t1, page_b
  sw t0, 0(t1)
  li t0, 0x1111                   /* in the second 4 KiB of each megapage */
  li t1, MEGA_PA + 0x1000
  sw t0, 0(t1)
  li t0, 0x2222
  li t1, MEGA_PA + MEGA_SIZE + 0x1000
  sw t0, 0(t1)

  li t0, SATP_MODE
  la t1, pt_root
  srli t1, t1, 12
  or t0, t0, t1
  csrw satp, t0

  /* a data page */
  li gp, 1
  li a1, VBASE
  la a2, L0_PTE(0)
  la t1, page_b
  PTE_OF(t1)
  ori a3, t0, PTE_RWAD
  IN_MODE(PRIV_S, lw a4, 0(a1); SREG a3, 0(a2); sfence.vma a1; lw a5, 0(a1))
  CHECK_EQ(s8, CAUSE_ECALL_S)
  CHECK_EQ(a4, 0xaaaa)
  CHECK_EQ(a5, 0xbbbb)

  /* a code page */
  li gp, 2
  li a1, VBASE + 0x1000
  la a2, L0_PTE(1)
  la t1, code_b
  PTE_OF(t1)
  ori a3, t0, PTE_V | PTE_R | PTE_X | PTE_A
  IN_MODE(PRIV_S, jalr ra, 0(a1); mv a4, a0; SREG a3, 0(a2); sfence.vma a1; jalr ra, 0(a1); mv a5, a0)
  CHECK_EQ(s8, CAUSE_ECALL_S)
  CHECK_EQ(a4, 1)
  CHECK_EQ(a5, 2)

  /* a superpage, fenced through another of its pages */
  li gp, 3
  li a1, MEGA_VA
  li a6, MEGA_VA + 0x1000
  la a2, MEGA_PTE
  li t1, MEGA_PA + MEGA_SIZE
  PTE_OF(t1)
  ori a3, t0, PTE_RWAD
  IN_MODE(PRIV_S, lw a4, 0(a6); SREG a3, 0(a2); sfence.vma a1; lw a5, 0(a6))
  CHECK_EQ(s8, CAUSE_ECALL_S)
  CHECK_EQ(a4, 0x1111)
  CHECK_EQ(a5, 0x2222)

  csrw satp, zero
  TEST_PASS

PRIV_HANDLERS

  .section .text.pages, "ax"
  .balign 4096
code_a:
  li a0, 1
  ret
  .balign 4096
code_b:
  li a0, 2
  ret

  .data
  .balign 4096
pt_root: .space 4096
pt_l1:   .space 4096
pt_l0:   .space 4096
page_a:  .space 4096
page_b:  .space 4096
