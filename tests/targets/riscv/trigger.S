/* The trigger module (Sdtrig, Debug Specification 1.0) as Medley has it:
 *   tselect selects triggers 0..3 and keeps its value when written with
 *   a trigger that does not exist; tinfo says version 1, types 6 and 15;
 *   tdata1 is type 15 (disabled) at reset and after writing any type but
 *   6, and keeps of an mcontrol6 only m s u execute store load, match
 *   0..3 and hit0 (action, chain, select, size: 0); tdata3 reads 0;
 *   tcontrol keeps mte and mpte;
 *   execute triggers fire (breakpoint, cause 3, tval = pc, the
 *   instruction not executed) in the modes their m/s/u bits name; in M
 *   only with tcontrol.mte, which a trap into M moves to mpte (the
 *   handler runs without triggers) and mret restores;
 *   load and store triggers fire before the access (tval = the address,
 *   memory and rd unchanged), also right after a non-matching access to
 *   the same page, and on AMOs; match equal, NAPOT, >= and <; hit0;
 *   on harts with D also F/D loads and stores; an execute trigger
 *   before the access fault of an address that cannot be fetched.
 * Medley only: QEMU 7.2's triggers follow an older draft (two triggers,
 * no tcontrol, type 2 at reset), so the values below are the
 * specification's, not QEMU's.
 */
#include "test-macros.h"
#include "priv-macros.h"

#define CSR_TSELECT     0x7a0
#define CSR_TDATA1      0x7a1
#define CSR_TDATA2      0x7a2
#define CSR_TDATA3      0x7a3
#define CSR_TINFO       0x7a4
#define CSR_TCONTROL    0x7a5

#define TYPE(t)         ((t) << (XLEN - 4))
#define MC6             TYPE(6)
#define MC6_LOAD        0x1
#define MC6_STORE       0x2
#define MC6_EXEC        0x4
#define MC6_U           0x8
#define MC6_S           0x10
#define MC6_M           0x40
#define MC6_MATCH(m)    ((m) << 7)
#define MC6_CHAIN       (1 << 11)
#define MC6_ACTION(a)   ((a) << 12)
#define MC6_SIZE(s)     ((s) << 16)
#define MC6_SELECT      (1 << 21)
#define MC6_HIT0        (1 << 22)
#define TCONTROL_MTE    0x8
#define TCONTROL_MPTE   0x80

/* Trigger n: tdata2 = addr register, tdata1 = value (clobbers t0). */
#define ARM(n, addr, value)                                             \
  csrwi CSR_TSELECT, n; csrw CSR_TDATA2, addr;                          \
  li t0, value; csrw CSR_TDATA1, t0
#define DISARM(n)       csrwi CSR_TSELECT, n; csrw CSR_TDATA1, zero
#define DISARM_ALL      DISARM(0); DISARM(1); DISARM(2); DISARM(3)

/* Expect the breakpoint of a trigger in M-mode (priv_m_trap resumes
 * after it): cause 3, mepc the instruction, mtval `tval`. */
#define EXPECT_BREAK(n, tval, ...)                                      \
  TEST_TRAP(n, CAUSE_BREAKPOINT, __VA_ARGS__); CHECK_REG_EQ(s9, tval)

TEST_BEGIN
  PRIV_SETUP

  /* tselect: 0..3 exist; 4 and beyond leave it where it was */
  li gp, 1
  csrwi CSR_TSELECT, 3
  csrr a0, CSR_TSELECT
  CHECK_EQ(a0, 3)
  li gp, 2
  csrwi CSR_TSELECT, 4
  csrr a0, CSR_TSELECT
  CHECK_EQ(a0, 3)
  li gp, 3
  li t0, -1
  csrw CSR_TSELECT, t0
  csrr a0, CSR_TSELECT
  CHECK_EQ(a0, 3)

  /* tinfo: version 1, mcontrol6 and disabled */
  li gp, 4
  csrwi CSR_TSELECT, 0
  csrr a0, CSR_TINFO
  CHECK_EQ(a0, (1 << 24) | (1 << 15) | (1 << 6))

  /* reset: disabled; tdata1 = 0 disables; an unsupported type too */
  li gp, 5
  csrr a0, CSR_TDATA1
  CHECK_EQ(a0, TYPE(15))
  li gp, 6
  li t0, MC6 | MC6_EXEC | MC6_M
  csrw CSR_TDATA1, t0
  csrw CSR_TDATA1, zero
  csrr a0, CSR_TDATA1
  CHECK_EQ(a0, TYPE(15))
  li gp, 7
  li t0, TYPE(2) | MC6_EXEC | MC6_M
  csrw CSR_TDATA1, t0
  csrr a0, CSR_TDATA1
  CHECK_EQ(a0, TYPE(15))

  /* mcontrol6 keeps what it supports and legalizes the rest */
  li gp, 8
  li t0, MC6 | MC6_ACTION(1) | MC6_MATCH(5) | MC6_CHAIN | MC6_SELECT | MC6_SIZE(3) | MC6_M | MC6_S | MC6_U | MC6_EXEC | MC6_STORE | MC6_LOAD
  csrw CSR_TDATA1, t0
  csrr a0, CSR_TDATA1
  CHECK_EQ(a0, MC6 | MC6_M | MC6_S | MC6_U | MC6_EXEC | MC6_STORE | MC6_LOAD)
  li gp, 9
  li t0, MC6 | MC6_MATCH(3) | MC6_LOAD
  csrw CSR_TDATA1, t0
  csrr a0, CSR_TDATA1
  CHECK_EQ(a0, MC6 | MC6_MATCH(3) | MC6_LOAD)
  /* tdata2 holds an address, tdata3 nothing; per trigger */
  li gp, 10
  li t0, 0x12345678
  csrw CSR_TDATA2, t0
  csrwi CSR_TSELECT, 1
  csrw CSR_TDATA2, zero
  csrwi CSR_TSELECT, 0
  csrr a0, CSR_TDATA2
  CHECK_EQ(a0, 0x12345678)
  li gp, 11
  li t0, 0x1234
  csrw CSR_TDATA3, t0
  csrr a0, CSR_TDATA3
  CHECK_EQ(a0, 0)
  DISARM(0)

  /* tcontrol: mte and mpte */
  li gp, 12
  li t0, -1
  csrw CSR_TCONTROL, t0
  csrr a0, CSR_TCONTROL
  CHECK_EQ(a0, TCONTROL_MTE | TCONTROL_MPTE)
  csrw CSR_TCONTROL, zero

  /* execute trigger for U: fires in U, before the instruction */
  li gp, 13
  la a1, 1f
  ARM(0, a1, MC6 | MC6_EXEC | MC6_U)
  li a0, 0
  IN_MODE(PRIV_U, nop; 1: addi a0, a0, 1)
  CHECK_EQ(s8, CAUSE_BREAKPOINT)
  CHECK_REG_EQ(s10, a1)
  CHECK_REG_EQ(s9, a1)
  CHECK_EQ(a0, 0)
  li gp, 14
  csrr a0, CSR_TDATA1
  li t0, MC6_HIT0
  and a0, a0, t0
  CHECK_EQ(a0, MC6_HIT0)
  /* ... not in S (u only) */
  li gp, 15
  li a0, 0
  la a1, 1f
  csrw CSR_TDATA2, a1
  IN_MODE(PRIV_S, nop; 1: addi a0, a0, 1)
  CHECK_EQ(s8, CAUSE_ECALL_S)
  CHECK_EQ(a0, 1)
  /* s only: fires in S, not in U */
  li gp, 16
  la a1, 1f
  ARM(0, a1, MC6 | MC6_EXEC | MC6_S)
  IN_MODE(PRIV_S, nop; 1: nop)
  CHECK_EQ(s8, CAUSE_BREAKPOINT)
  CHECK_REG_EQ(s10, a1)
  li gp, 17
  la a1, 1f
  csrw CSR_TDATA2, a1
  IN_MODE(PRIV_U, nop; 1: nop)
  CHECK_EQ(s8, CAUSE_ECALL_U)
  DISARM(0)

  /* execute trigger for M: not without tcontrol.mte */
  li gp, 18
  la a1, 1f
  ARM(0, a1, MC6 | MC6_EXEC | MC6_M)
  li a0, 0
1: addi a0, a0, 1
  CHECK_EQ(a0, 1)
  /* with mte it fires; the handler runs with mte clear (trigger 1 on
   * its first instruction does not fire), and mret restores mte */
  li gp, 19
  la a1, 2f
  csrw CSR_TDATA2, a1
  la t1, priv_m_trap
  ARM(1, t1, MC6 | MC6_EXEC | MC6_M)
  csrwi CSR_TCONTROL, TCONTROL_MTE
  li a0, 0
  EXPECT_BREAK(19, a1, 2: addi a0, a0, 1)
  CHECK_EQ(a0, 0)
  li gp, 20
  csrr a0, CSR_TCONTROL
  CHECK_EQ(a0, TCONTROL_MTE | TCONTROL_MPTE)
  DISARM(1)
  /* disarmed: the instruction runs */
  li gp, 21
  DISARM(0)
  li a0, 0
  la a1, 2f
  csrw CSR_TDATA2, a1
2: addi a0, a0, 1
  CHECK_EQ(a0, 1)

  /* load trigger, match equal, in M: fires before the load, also right
   * after a load elsewhere in the page (no cached window skips it) */
  li gp, 22
  la a1, data
  addi a2, a1, 8
  ARM(0, a2, MC6 | MC6_LOAD | MC6_M)
  lw a0, 0(a1)
  li a0, 77
  EXPECT_BREAK(22, a2, lw a0, 8(a1))
  CHECK_EQ(a0, 77)
  li gp, 23
  lw a0, 4(a1)                        /* another address: no trap */
  CHECK_EQ(a0, 0x22222222)
  li gp, 24
  sw zero, 8(a1)                      /* a store: load-only trigger */
  lw t0, 12(a1)
  CHECK_EQ(t0, 0x44444444)
  li t0, 0x33333333
  sw t0, 8(a1)
  /* store trigger: memory unchanged; also for an AMO */
  li gp, 25
  ARM(0, a2, MC6 | MC6_STORE | MC6_M)
  sw zero, 0(a1)
  EXPECT_BREAK(25, a2, sw zero, 8(a1))
  li gp, 26
  lw a0, 8(a1)
  CHECK_EQ(a0, 0x33333333)
  li gp, 27
  li t1, 1
  EXPECT_BREAK(27, a2, amoadd.w zero, t1, (a2))
  lw a0, 8(a1)
  CHECK_EQ(a0, 0x33333333)
  li t0, 0x11111111
  sw t0, 0(a1)

  /* match >=, <, NAPOT */
  li gp, 28
  ARM(0, a2, MC6 | MC6_LOAD | MC6_M | MC6_MATCH(2))
  lw a0, 4(a1)
  EXPECT_BREAK(29, a2, lw a0, 8(a1))
  addi a3, a1, 12
  EXPECT_BREAK(30, a3, lw a0, 12(a1))
  li gp, 31
  ARM(0, a2, MC6 | MC6_LOAD | MC6_M | MC6_MATCH(3))
  lw a0, 8(a1)
  EXPECT_BREAK(32, a1, lw a0, 0(a1))
  li gp, 33
  ori t1, a1, 7                       /* data is 16-byte aligned: 16 bytes */
  ARM(0, t1, MC6 | MC6_LOAD | MC6_M | MC6_MATCH(1))
  lw a0, 16(a1)
  EXPECT_BREAK(34, a3, lw a0, 12(a1))
  DISARM(0)

  /* a load trigger for S in S-mode (checked accesses) */
  li gp, 35
  ARM(0, a2, MC6 | MC6_LOAD | MC6_S)
  IN_MODE(PRIV_S, lw a0, 0(a1); lw a0, 8(a1))
  CHECK_EQ(s8, CAUSE_BREAKPOINT)
  CHECK_REG_EQ(s9, a2)
  li gp, 36
  IN_MODE(PRIV_U, lw a0, 8(a1))
  CHECK_EQ(s8, CAUSE_ECALL_U)
  CHECK_EQ(a0, 0x33333333)

  /* an execute trigger on an address that cannot be fetched: the
   * breakpoint comes first (cause 3, not 1) */
  li gp, 41
  li a4, UNMAPPED_ADDR
  ARM(0, a4, MC6 | MC6_EXEC | MC6_M)
  la s11, 1f
  jr a4
1:
  CHECK_EQ(s8, CAUSE_BREAKPOINT)
  CHECK_REG_EQ(s9, a4)
  CHECK_REG_EQ(s10, a4)
  DISARM(0)

  /* F and D loads and stores, on harts that have them (encoded with
   * .insn: the ISA tests are assembled for IMAC) */
  csrr t0, misa
  andi t0, t0, 1 << ('D' - 'A')
  beqz t0, 9f
  li t0, 0x6000                       /* mstatus.FS = Dirty */
  csrs mstatus, t0
  ARM(0, a2, MC6 | MC6_LOAD | MC6_M)
  .insn i 0x07, 3, x10, 0(x11)        /* fld fa0, 0(a1) */
  EXPECT_BREAK(37, a2, .insn i 0x07, 3, x10, 8(x11))  /* fld fa0, 8(a1) */
  EXPECT_BREAK(38, a2, .insn i 0x07, 2, x10, 8(x11))  /* flw fa0, 8(a1) */
  ARM(0, a2, MC6 | MC6_STORE | MC6_M)
  .insn s 0x27, 3, x10, 0(x11)        /* fsd fa0, 0(a1) */
  EXPECT_BREAK(39, a2, .insn s 0x27, 3, x10, 8(x11))  /* fsd fa0, 8(a1) */
  li gp, 40
  lw a0, 8(a1)
  CHECK_EQ(a0, 0x33333333)
9:
  DISARM_ALL
  csrw CSR_TCONTROL, zero
  TEST_PASS

PRIV_HANDLERS

  .data
  .align 4
data:
  .word 0x11111111, 0x22222222, 0x33333333, 0x44444444
  .word 0x55555555, 0x66666666, 0x77777777, 0x88888888
