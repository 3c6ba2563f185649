/* Shared definitions of the privileged-architecture tests (priv-*.S):
 * moving between M, S and U, and the trap handlers that bring a test back.
 *
 * The tests replace start.S's trap_entry with their own handlers:
 *   priv_m_trap  (mtvec)  records mstatus, mcause, mtval and mepc in s7,
 *                s8, s9, s10 like trap_entry, then resumes at s11 in
 *                M-mode with MIE clear (whatever mode trapped), or
 *                reports an unexpected trap when s11 is 0;
 *   priv_s_trap  (stvec)  records sstatus, scause, stval and sepc the same
 *                way, clears sip.SSIP and sstatus.SPIE (so that an
 *                interrupt does not come back at once) and resumes at s11
 *                in S-mode.
 * PRIV_SETUP installs both and opens the whole address space to S and U
 * through PMP entry 15 (an S/U access that matches no entry fails).
 *
 * IN_MODE(mpp, code...) runs `code` in mode mpp (PRIV_U, PRIV_S or PRIV_M)
 * and comes back to M through an ecall: afterwards s8 is the ecall cause
 * (8, 9 or 11) when `code` did not trap, else the cause of its trap (s10
 * its pc, s9 mtval).  Labels 5 and 6 are used by it.
 */
#ifndef PRIV_MACROS_H
#define PRIV_MACROS_H

#define PRIV_U  0
#define PRIV_S  1
#define PRIV_M  3

#define MSTATUS_SIE     0x2
#define MSTATUS_SPIE    0x20
#define MSTATUS_SPP     0x100
#define MSTATUS_MPRV    0x20000
#define MSTATUS_SUM     0x40000
#define MSTATUS_MXR     0x80000
#define MSTATUS_TVM     0x100000
#define MSTATUS_TW      0x200000
#define MSTATUS_TSR     0x400000

#define MIP_SSIP        0x2
#define MIP_STIP        0x20
#define MIP_SEIP        0x200

#define CAUSE_ECALL_U           8
#define CAUSE_ECALL_S           9
#define CAUSE_FETCH_PAGE        12
#define CAUSE_LOAD_PAGE         13
#define CAUSE_STORE_PAGE        15

#define IRQ_S_SOFT      1
#define IRQ_S_TIMER     5
#define IRQ_S_EXT       9

/* PMP configuration bits. */
#define PMP_R           0x01
#define PMP_W           0x02
#define PMP_X           0x04
#define PMP_TOR         0x08
#define PMP_NA4         0x10
#define PMP_NAPOT       0x18
#define PMP_L           0x80

/* pmpaddr of a NAPOT region of `size` bytes (a power of two >= 8) at
 * `base` (aligned to it). */
#define NAPOT_ADDR(base, size)  (((base) >> 2) | (((size) >> 3) - 1))

/* mstatus.MPP = mpp (clobbers t0). */
#define SET_MPP(mpp)                                                    \
  li t0, MSTATUS_MPP; csrc mstatus, t0;                                 \
  li t0, ((mpp) << 11); csrs mstatus, t0

#define IN_MODE(mpp, ...)                                               \
  SET_MPP(mpp); la t0, 6f; csrw mepc, t0; la s11, 5f;                   \
  li s8, -1; li s9, -1; li s10, -1; mret;                               \
  6: __VA_ARGS__; ecall; j fail; 5:

/* Trap handlers and PMP "everything" entry 15; clobbers t0. */
#define PRIV_SETUP                                                      \
  la t0, priv_m_trap; csrw mtvec, t0;                                   \
  la t0, priv_s_trap; csrw stvec, t0;                                   \
  li t0, -1; csrw pmpaddr15, t0;                                        \
  li t0, ((PMP_NAPOT | PMP_R | PMP_W | PMP_X) << ((15 % (XLEN / 8)) * 8)); \
  PMP_CFG_WRITE_15(t0)

#if __riscv_xlen == 64
# define PMP_CFG_WRITE_15(r)    csrw pmpcfg2, r
#else
# define PMP_CFG_WRITE_15(r)    csrw pmpcfg3, r
#endif

/* The handlers themselves: expand once per test, outside test_main. */
#define PRIV_HANDLERS                                                   \
  .align 6;                                                             \
priv_m_trap:                                                            \
  csrr s7, mstatus; csrr s8, mcause; csrr s9, mtval; csrr s10, mepc;    \
  beqz s11, unexpected_trap;                                            \
  csrw mepc, s11; li s11, 0;                                            \
  li t0, MSTATUS_MPP; csrs mstatus, t0;                                 \
  li t0, MSTATUS_MPIE; csrc mstatus, t0;                                \
  mret;                                                                 \
  .align 6;                                                             \
priv_s_trap:                                                            \
  csrr s7, sstatus; csrr s8, scause; csrr s9, stval; csrr s10, sepc;    \
  beqz s11, unexpected_trap;                                            \
  csrw sepc, s11; li s11, 0;                                            \
  csrci sip, MIP_SSIP;                                                  \
  li t0, MSTATUS_SPP; csrs sstatus, t0;                                 \
  li t0, MSTATUS_SPIE; csrc sstatus, t0;                                \
  sret

#endif /* PRIV_MACROS_H */
