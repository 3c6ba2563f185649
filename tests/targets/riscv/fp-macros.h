/* Shared definitions of the F and D tests (fp-*.S), on top of
 * test-macros.h.
 *
 * Values are written as bit patterns (single: 32 bits, double: 64 bits),
 * never as decimal literals the assembler would round: what a check
 * expects is exactly what the specification gives.  Doubles go through
 * memory (fp_scratch) so that the same code runs on RV32, which has no
 * fmv.x.d.
 *
 * Every arithmetic check also compares fflags, which it clears first:
 *   NX 0x01, UF 0x02, OF 0x04, DZ 0x08, NV 0x10.
 *
 * Register use: f1, f2, f3 are operands, f4 the result; a0 the result
 * bits (single), a1 the flags; t0, t1 scratch.
 */
#ifndef FP_MACROS_H
#define FP_MACROS_H

#include "test-macros.h"

#define MSTATUS_FS          0x6000
#define MSTATUS_FS_INITIAL  0x2000
#define MSTATUS_FS_CLEAN    0x4000
#define MSTATUS_FS_DIRTY    0x6000

#define NX 0x01
#define UF 0x02
#define OF 0x04
#define DZ 0x08
#define NV 0x10

/* Single-precision constants. */
#define S_ONE       0x3f800000
#define S_TWO       0x40000000
#define S_THREE     0x40400000
#define S_HALF      0x3f000000
#define S_MONE      0xbf800000
#define S_PZERO     0x00000000
#define S_MZERO     0x80000000
#define S_PINF      0x7f800000
#define S_MINF      0xff800000
#define S_QNAN      0x7fc00000  /* the canonical NaN */
#define S_SNAN      0x7f800001
#define S_MAX       0x7f7fffff
#define S_MIN_NORM  0x00800000
#define S_MIN_SUB   0x00000001
#define S_MAX_SUB   0x007fffff

/* Double-precision constants. */
#define D_ONE       0x3ff0000000000000
#define D_TWO       0x4000000000000000
#define D_THREE     0x4008000000000000
#define D_HALF      0x3fe0000000000000
#define D_MONE      0xbff0000000000000
#define D_PZERO     0x0000000000000000
#define D_MZERO     0x8000000000000000
#define D_PINF      0x7ff0000000000000
#define D_MINF      0xfff0000000000000
#define D_QNAN      0x7ff8000000000000
#define D_SNAN      0x7ff0000000000001
#define D_MAX       0x7fefffffffffffff
#define D_MIN_NORM  0x0010000000000000
#define D_MIN_SUB   0x0000000000000001

#define LO32(v)     ((v) & 0xffffffff)
#define HI32(v)     (((v) >> 32) & 0xffffffff)

/* mstatus.FS = Initial (the tests start with it Off, as at reset). */
#define FP_ENABLE                                                       \
  li t0, MSTATUS_FS; csrc mstatus, t0;                                  \
  li t0, MSTATUS_FS_INITIAL; csrs mstatus, t0

/* freg = the single @v (boxed by fmv.w.x) / the double @v. */
#define LOAD_S(freg, v)     li t0, v; fmv.w.x freg, t0
#define LOAD_D(freg, v)                                                 \
  la t0, fp_scratch; li t1, LO32(v); sw t1, 0(t0);                      \
  li t1, HI32(v); sw t1, 4(t0); fld freg, 0(t0)

/* Checks all 64 bits of freg. */
#define CHECK_D(freg, v)                                                \
  la t0, fp_scratch; fsd freg, 0(t0);                                   \
  lw t1, 0(t0); CHECK_EQ(t1, SEXT32(LO32(v)));                          \
  lw t1, 4(t0); CHECK_EQ(t1, SEXT32(HI32(v)))
/* A single result: the low half, and the upper half all ones (boxed). */
#define CHECK_S(freg, v)    CHECK_D(freg, (0xffffffff00000000 | (v)))
#define CHECK_FLAGS(v)      frflags a1; CHECK_EQ(a1, v)

/* fd = op fs1, fs2 [, rm] on singles / doubles, then result and flags. */
/* The instruction comes last, so that its own commas are not macro
 * arguments. */
#define TEST_S_RR(n, res, flags, a, b, ...)                             \
  li gp, n; LOAD_S(f1, a); LOAD_S(f2, b); fsflags x0;                   \
  __VA_ARGS__; CHECK_FLAGS(flags); CHECK_S(f4, res)
#define TEST_D_RR(n, res, flags, a, b, ...)                             \
  li gp, n; LOAD_D(f1, a); LOAD_D(f2, b); fsflags x0;                   \
  __VA_ARGS__; CHECK_FLAGS(flags); CHECK_D(f4, res)
/* Three operands (the fused forms). */
#define TEST_S_RRR(n, res, flags, a, b, c, ...)                         \
  li gp, n; LOAD_S(f1, a); LOAD_S(f2, b); LOAD_S(f3, c); fsflags x0;    \
  __VA_ARGS__; CHECK_FLAGS(flags); CHECK_S(f4, res)
#define TEST_D_RRR(n, res, flags, a, b, c, ...)                         \
  li gp, n; LOAD_D(f1, a); LOAD_D(f2, b); LOAD_D(f3, c); fsflags x0;    \
  __VA_ARGS__; CHECK_FLAGS(flags); CHECK_D(f4, res)
/* An integer result in a0 (compares, fclass, fcvt to integer). */
#define TEST_S_INT(n, res, flags, a, b, ...)                            \
  li gp, n; LOAD_S(f1, a); LOAD_S(f2, b); fsflags x0;                   \
  __VA_ARGS__; CHECK_FLAGS(flags); CHECK_EQ(a0, res)
#define TEST_D_INT(n, res, flags, a, b, ...)                            \
  li gp, n; LOAD_D(f1, a); LOAD_D(f2, b); fsflags x0;                   \
  __VA_ARGS__; CHECK_FLAGS(flags); CHECK_EQ(a0, res)
/* From the integer a2 (fcvt from integer). */
#define TEST_S_FROM_INT(n, res, flags, a, ...)                          \
  li gp, n; li a2, a; fsflags x0; __VA_ARGS__;                          \
  CHECK_FLAGS(flags); CHECK_S(f4, res)
#define TEST_D_FROM_INT(n, res, flags, a, ...)                          \
  li gp, n; li a2, a; fsflags x0; __VA_ARGS__;                          \
  CHECK_FLAGS(flags); CHECK_D(f4, res)

/* Expect an illegal-instruction trap from `insn`. */
#define TEST_ILLEGAL(n, ...)    TEST_TRAP(n, CAUSE_ILLEGAL_INSN, __VA_ARGS__)

#define FP_DATA                                                         \
  .section .data; .align 3; fp_scratch: .dword 0, 0; .section .text

#endif /* FP_MACROS_H */
