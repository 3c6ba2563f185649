/* The floating-point CSRs and mstatus.FS: misa's F and D; FS Off at reset
 * and then every FP instruction and FP CSR access illegal; Dirty after
 * any write of FP state, SD following it in mstatus and sstatus, sstatus
 * writing FS; fcsr as frm and fflags together, their widths (WARL), flags
 * accruing. */
#include "fp-macros.h"

#define MISA_D  (1 << 3)
#define MISA_F  (1 << 5)

/* t0 = mstatus.FS (0..3), t1 = mstatus.SD (0 or 1). */
#define READ_FS                                                         \
  csrr t2, mstatus; srli t0, t2, 13; andi t0, t0, 3; srli t1, t2, XLEN - 1

#define SET_FS(fs)                                                      \
  li t0, MSTATUS_FS; csrc mstatus, t0; li t0, fs; csrs mstatus, t0

TEST_BEGIN
  li gp, 1
  csrr a0, misa
  andi a0, a0, MISA_D | MISA_F
  CHECK_EQ(a0, MISA_D | MISA_F)

  /* ---- FS Off (as at reset): illegal ---- */
  li gp, 2
  READ_FS
  CHECK_EQ(t0, 0)
  CHECK_EQ(t1, 0)
  la a3, fp_scratch
  TEST_ILLEGAL(3, flw f1, 0(a3))
  TEST_ILLEGAL(4, fsd f1, 0(a3))
  TEST_ILLEGAL(5, fadd.s f1, f2, f3)
  TEST_ILLEGAL(6, fmv.x.w a0, f1)
  TEST_ILLEGAL(7, fmv.w.x f1, a0)
  TEST_ILLEGAL(8, fclass.d a0, f1)
  TEST_ILLEGAL(9, fcvt.d.w f1, a0)
  TEST_ILLEGAL(10, fsgnj.d f1, f2, f3)
  TEST_ILLEGAL(11, feq.s a0, f1, f2)
  TEST_ILLEGAL(12, fmadd.d f1, f2, f3, f4)
  TEST_ILLEGAL(13, csrr a0, fflags)
  TEST_ILLEGAL(14, csrw frm, a0)
  TEST_ILLEGAL(15, csrr a0, fcsr)
  TEST_ILLEGAL(16, fsrmi 1)
  /* mtval holds the instruction. */
  TEST_TRAP_TVAL(17, CAUSE_ILLEGAL_INSN, 0x00c5f553, fadd.s fa0, fa1, fa2)
  /* Nothing changed FS. */
  li gp, 18
  READ_FS
  CHECK_EQ(t0, 0)

  /* ---- FS Initial / Clean become Dirty on a write, SD follows ---- */
  li gp, 19
  SET_FS(MSTATUS_FS_INITIAL)
  READ_FS
  CHECK_EQ(t0, 1)
  CHECK_EQ(t1, 0)
  csrr a0, fcsr                   /* reading changes nothing */
  fmv.x.w a0, f1
  READ_FS
  CHECK_EQ(t0, 1)
  li gp, 20
  fmv.w.x f1, zero
  READ_FS
  CHECK_EQ(t0, 3)
  CHECK_EQ(t1, 1)
  li gp, 21
  SET_FS(MSTATUS_FS_CLEAN)
  READ_FS
  CHECK_EQ(t0, 2)
  CHECK_EQ(t1, 0)
  fadd.s f1, f1, f1
  READ_FS
  CHECK_EQ(t0, 3)
  CHECK_EQ(t1, 1)
  li gp, 22
  SET_FS(MSTATUS_FS_CLEAN)
  la a3, fp_scratch
  fld f2, 0(a3)
  READ_FS
  CHECK_EQ(t0, 3)
  li gp, 23
  SET_FS(MSTATUS_FS_INITIAL)
  csrwi fflags, 0
  READ_FS
  CHECK_EQ(t0, 3)
  li gp, 24
  SET_FS(MSTATUS_FS_CLEAN)
  fsrmi 2
  READ_FS
  CHECK_EQ(t0, 3)

  /* ---- sstatus: FS and SD seen and FS written through it ---- */
  li gp, 25
  csrr a0, sstatus
  srli a1, a0, 13
  andi a1, a1, 3
  CHECK_EQ(a1, 3)
  srli a1, a0, XLEN - 1
  CHECK_EQ(a1, 1)
  li gp, 26
  li t0, MSTATUS_FS
  csrc sstatus, t0
  li t0, MSTATUS_FS_CLEAN
  csrs sstatus, t0
  READ_FS
  CHECK_EQ(t0, 2)
  CHECK_EQ(t1, 0)
  li gp, 27
  li t0, MSTATUS_FS
  csrc sstatus, t0
  READ_FS
  CHECK_EQ(t0, 0)
  TEST_ILLEGAL(28, fmv.s f1, f2)

  /* ---- fcsr = frm << 5 | fflags ---- */
  li gp, 29
  SET_FS(MSTATUS_FS_INITIAL)
  li a0, 0xff
  csrw fcsr, a0
  csrr a1, fcsr
  CHECK_EQ(a1, 0xff)
  csrr a1, frm
  CHECK_EQ(a1, 7)
  csrr a1, fflags
  CHECK_EQ(a1, 0x1f)
  li gp, 30
  li a0, -1
  csrw fcsr, a0
  csrr a1, fcsr
  CHECK_EQ(a1, 0xff)
  li gp, 31
  li a0, 0xd
  csrrw a2, frm, a0               /* old value, then 0xd & 7 */
  CHECK_EQ(a2, 7)
  csrr a1, frm
  CHECK_EQ(a1, 5)
  csrr a1, fcsr
  CHECK_EQ(a1, 0xbf)
  li gp, 32
  li a0, 0xe3
  csrrw a2, fflags, a0
  CHECK_EQ(a2, 0x1f)
  csrr a1, fcsr
  CHECK_EQ(a1, 0xa3)
  li gp, 33
  csrrci a2, fflags, 1
  CHECK_EQ(a2, 3)
  csrrsi a2, frm, 2
  CHECK_EQ(a2, 5)
  csrr a1, fcsr
  CHECK_EQ(a1, 0xe2)

  /* ---- flags accrue until cleared ---- */
  li gp, 34
  fscsr zero
  LOAD_S(f1, S_ONE)
  LOAD_S(f2, S_THREE)
  fdiv.s f3, f1, f2               /* NX */
  LOAD_S(f2, S_PZERO)
  fdiv.s f3, f1, f2               /* DZ */
  fadd.s f3, f1, f1               /* exact: nothing more */
  csrr a1, fflags
  CHECK_EQ(a1, NX|DZ)
  li gp, 35
  fsflags a2, zero
  CHECK_EQ(a2, NX|DZ)
  csrr a1, fcsr
  CHECK_EQ(a1, 0)

  TEST_PASS

FP_DATA
