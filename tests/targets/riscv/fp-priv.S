/* F and D below machine mode: the FP instructions and fflags/frm/fcsr
 * (user-level CSRs) work in U and S while mstatus.FS is on, and their
 * writes make FS Dirty as M sees it; with FS Off (set by M, or by S
 * through sstatus) they are illegal in U and S, and the trap goes where
 * medeleg says (M, or S's handler).  The RISC-V way for a kernel to
 * switch FP state lazily. */
#include "fp-macros.h"
#include "priv-macros.h"

/* t0 = mstatus.FS */
#define READ_FS   csrr t0, mstatus; srli t0, t0, 13; andi t0, t0, 3

TEST_BEGIN
  PRIV_SETUP
  FP_ENABLE                        /* Initial */
  LOAD_S(f1, S_ONE)
  LOAD_S(f2, S_THREE)
  li t0, MSTATUS_FS
  csrc mstatus, t0
  li t0, MSTATUS_FS_CLEAN
  csrs mstatus, t0

  /* U-mode: FP works, fcsr is reachable, FS becomes Dirty. */
  li gp, 1
  IN_MODE(PRIV_U, fsflags zero; fdiv.s f4, f1, f2; frflags a2; frrm a3)
  CHECK_EQ(s8, CAUSE_ECALL_U)
  CHECK_EQ(a2, NX)
  CHECK_EQ(a3, 0)
  CHECK_S(f4, 0x3eaaaaab)
  READ_FS
  CHECK_EQ(t0, 3)

  /* S-mode likewise, rounding from frm written there. */
  li gp, 2
  li t0, MSTATUS_FS
  csrc mstatus, t0
  li t0, MSTATUS_FS_INITIAL
  csrs mstatus, t0
  IN_MODE(PRIV_S, fsrmi 1; fdiv.s f4, f1, f2; csrr a2, sstatus)
  CHECK_EQ(s8, CAUSE_ECALL_S)
  CHECK_S(f4, 0x3eaaaaaa)
  srli a2, a2, 13
  andi a2, a2, 3
  CHECK_EQ(a2, 3)                  /* Dirty, seen in sstatus */
  fsrmi 0

  /* FS Off: illegal in U and S, trapping into M. */
  li t0, MSTATUS_FS
  csrc mstatus, t0
  li gp, 3
  IN_MODE(PRIV_U, fadd.d f4, f1, f2)
  CHECK_EQ(s8, CAUSE_ILLEGAL_INSN)
  li gp, 4
  IN_MODE(PRIV_U, frflags a0)
  CHECK_EQ(s8, CAUSE_ILLEGAL_INSN)
  li gp, 5
  IN_MODE(PRIV_S, fmv.x.w a0, f1)
  CHECK_EQ(s8, CAUSE_ILLEGAL_INSN)

  /* Delegated to S: S's handler sees the trap (and resumes at 1, which
   * re-arms s11 for IN_MODE's own return), FS goes on through sstatus,
   * and the instruction runs when retried. */
  li gp, 6
  li t0, (1 << CAUSE_ILLEGAL_INSN)
  csrw medeleg, t0
  IN_MODE(PRIV_S,
          la s11, 1f; li s8, -1; fcvt.s.w f5, zero; j fail;
          1: mv a4, s8; la s11, 5f; li t0, MSTATUS_FS_INITIAL; csrs sstatus, t0;
          fcvt.s.w f5, zero; csrr a2, sstatus)
  CHECK_EQ(s8, CAUSE_ECALL_S)
  CHECK_EQ(a4, CAUSE_ILLEGAL_INSN)
  CHECK_S(f5, S_PZERO)
  srli a2, a2, 13
  andi a2, a2, 3
  CHECK_EQ(a2, 3)
  csrw medeleg, zero

  TEST_PASS

FP_DATA

PRIV_HANDLERS
