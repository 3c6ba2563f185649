/* The compressed floating-point loads and stores:
 *   both:  c.fld c.fsd c.fldsp c.fsdsp
 *   RV32:  c.flw c.fsw c.flwsp c.fswsp (RV64 has c.ld, c.sd, c.ldsp and
 *          c.sdsp on those encodings: compressed.S)
 * with the largest offsets, f8..f15 for the short register fields and
 * f0 / f31 for the sp-relative ones; and that with FS Off they are
 * illegal like their long forms. */
#include "fp-macros.h"

#define RVC   .option rvc
#define NORVC .option norvc

  .data
  .align 4
cbuf:
  .space 512

  .text
TEST_BEGIN
  FP_ENABLE
  mv s6, sp                       /* sp is borrowed for the sp-relative forms */
  la sp, cbuf
  la a5, cbuf

  /* c.fsd / c.fld: offsets 0..248 in steps of 8 */
  li gp, 1
  LOAD_D(f8, 0x0123456789abcdef)
  RVC; c.fsd fs0, 248(a5); NORVC
  lw a0, 248(a5)
  CHECK_EQ(a0, SEXT32(0x89abcdef))
  lw a0, 252(a5)
  CHECK_EQ(a0, 0x01234567)
  RVC; c.fld fa5, 248(a5); NORVC
  CHECK_D(f15, 0x0123456789abcdef)
  li gp, 2
  LOAD_D(f9, 0xfedcba9876543210)
  RVC; c.fsd fs1, 0(a5); c.fld fa0, 0(a5); NORVC
  CHECK_D(f10, 0xfedcba9876543210)

  /* c.fsdsp / c.fldsp: offsets 0..504, any f register (f0 too) */
  li gp, 3
  LOAD_D(f0, 0x1122334455667788)
  RVC; c.fsdsp ft0, 504(sp); NORVC
  lw a0, 504(a5)
  CHECK_EQ(a0, 0x55667788)
  RVC; c.fldsp ft11, 504(sp); NORVC
  CHECK_D(f31, 0x1122334455667788)
  li gp, 4
  RVC; c.fsdsp ft11, 8(sp); c.fldsp ft0, 8(sp); NORVC
  CHECK_D(f0, 0x1122334455667788)

#if XLEN == 32
  /* c.fsw / c.flw: offsets 0..124 in steps of 4; flw boxes */
  li gp, 5
  LOAD_S(f11, 0xcafef00d)
  RVC; c.fsw fa1, 124(a5); NORVC
  lw a0, 124(a5)
  CHECK_EQ(a0, 0xcafef00d)
  RVC; c.flw fs0, 124(a5); NORVC
  CHECK_S(f8, 0xcafef00d)
  /* c.fswsp / c.flwsp: offsets 0..252 */
  li gp, 6
  RVC; c.fswsp fs0, 252(sp); c.flwsp ft1, 252(sp); NORVC
  CHECK_S(f1, 0xcafef00d)
  li gp, 7
  RVC; c.fswsp ft1, 0(sp); c.flwsp ft0, 0(sp); NORVC
  CHECK_S(f0, 0xcafef00d)
#endif

  /* ---- FS Off: illegal, mtval the 16-bit instruction ---- */
  li t0, MSTATUS_FS
  csrc mstatus, t0
  RVC
  TEST_TRAP_TVAL(8, CAUSE_ILLEGAL_INSN, 0x2588, c.fld fa0, 8(a1))
  TEST_TRAP(9, CAUSE_ILLEGAL_INSN, c.fsdsp fs0, 16(sp))
#if XLEN == 32
  TEST_TRAP(10, CAUSE_ILLEGAL_INSN, c.flwsp fs0, 12(sp))
  TEST_TRAP(11, CAUSE_ILLEGAL_INSN, c.fsw fa1, 124(a5))
#endif
  NORVC

  mv sp, s6
  TEST_PASS

FP_DATA
