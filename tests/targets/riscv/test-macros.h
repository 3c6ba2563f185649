/* Shared definitions for the RISC-V ISA tests (tests/targets/riscv).
 *
 * Each test is one assembly file defining `test_main`, linked with start.S
 * (reset code, default trap handler, pass/fail reporting) and link.ld.  The
 * same sources build for RV32 and RV64; where behaviour differs by width
 * the test uses `#if __riscv_xlen == 64`.
 *
 * Results go to the SiFive test device of QEMU's virt machine (0x100000),
 * which Medley's virt boards also provide: 0x5555 means pass, and
 * (code << 16) | 0x3333 means fail.  QEMU exits with `code` as its status
 * (so the low 8 bits are what a shell sees), hence the numbering:
 *   1..199      the number of the failing check (held in gp while it runs)
 *   200+cause   unexpected exception; the full code also carries the check
 *               number in bits 8..15: (check << 8) | (200 + cause)
 *   230+cause   unexpected interrupt, same layout
 *   255         failure before the first check
 *
 * Register conventions shared with start.S:
 *   gp   number of the current check
 *   s11  where the trap handler resumes after an *expected* trap (0 = no
 *        trap expected: the handler then reports an unexpected trap)
 *   s7, s8, s9, s10   mstatus, mcause, mtval, mepc as seen on entry to
 *                     the handler of the last expected trap
 * Tests may use every other register freely.
 *
 * The macros are C preprocessor macros expanding to one line of assembly
 * statements separated by ';'.  Checks branch over a `j fail` instead of
 * branching to `fail` directly, because conditional branches only reach
 * +-4 KiB and the tests are longer than that.  Local label 8 is reserved
 * for the macros. */
#ifndef TEST_MACROS_H
#define TEST_MACROS_H

#define TESTDEV_BASE    0x100000
#define TESTDEV_PASS    0x5555
#define TESTDEV_FAIL    0x3333

#define CLINT_BASE      0x2000000
#define CLINT_MSIP      (CLINT_BASE + 0x0)
#define CLINT_MTIMECMP  (CLINT_BASE + 0x4000)
#define CLINT_MTIME     (CLINT_BASE + 0xbff8)

/* An address with nothing behind it on either QEMU's virt machine or
 * Medley's virt boards (QEMU's boot ROM only starts at 0x1000; 0x0-0x100
 * is reserved for a debug module that virt does not instantiate). */
#define UNMAPPED_ADDR   0x800

#define MSTATUS_MIE     0x8
#define MSTATUS_MPIE    0x80
#define MSTATUS_MPP     0x1800

#define MIP_MSIP        0x8
#define MIP_MTIP        0x80
#define MIP_MEIP        0x800

#define CAUSE_MISALIGNED_FETCH  0
#define CAUSE_FETCH_ACCESS      1
#define CAUSE_ILLEGAL_INSN      2
#define CAUSE_BREAKPOINT        3
#define CAUSE_MISALIGNED_LOAD   4
#define CAUSE_LOAD_ACCESS       5
#define CAUSE_MISALIGNED_STORE  6
#define CAUSE_STORE_ACCESS      7
#define CAUSE_ECALL_M           11

#define IRQ_M_SOFT      3
#define IRQ_M_TIMER     7

#if __riscv_xlen == 64
# define LREG ld
# define SREG sd
# define REGBYTES 8
# define XLEN 64
#else
# define LREG lw
# define SREG sw
# define REGBYTES 4
# define XLEN 32
#endif

/* A 32-bit constant sign-extended to XLEN, as lw, lr.w and the W
 * operations produce it. */
#define SEXT32(x)       ((x) - ((((x) >> 31) & 1) << 32))

/* mcause of an interrupt: the top bit set, the number below. */
#define INTR_CAUSE(n)   ((1 << (XLEN - 1)) | (n))

/* Start of a test's code.  Plain 32-bit encodings unless a test asks for
 * compressed ones: the base-ISA tests must exercise the 32-bit forms even
 * though -march includes C. */
#define TEST_BEGIN                                                      \
  .section .text; .globl test_main; .option norvc; .align 2; test_main:

#define TEST_PASS       j pass

/* Compare a register with a constant / with another register. */
#define CHECK_EQ(reg, val)                                              \
  li t6, val; beq reg, t6, 8f; j fail; 8:
#define CHECK_REG_EQ(ra_, rb_)                                          \
  beq ra_, rb_, 8f; j fail; 8:
#define CHECK_LABEL_EQ(reg, label)                                      \
  la t6, label; beq reg, t6, 8f; j fail; 8:

/* A check made of arbitrary code that leaves its result in `reg`. */
#define TEST_CASE(n, reg, val, ...)                                     \
  li gp, n; __VA_ARGS__; CHECK_EQ(reg, val)

/* Register-register and register-immediate operations, with the result
 * in a distinct register, in a source register, and with x0 operands. */
#define TEST_RR_OP(n, insn, val, a, b)                                  \
  li gp, n; li a1, a; li a2, b; insn a0, a1, a2; CHECK_EQ(a0, val)
#define TEST_RR_SRC1_EQ_DEST(n, insn, val, a, b)                        \
  li gp, n; li a1, a; li a2, b; insn a1, a1, a2; CHECK_EQ(a1, val)
#define TEST_RR_SRC2_EQ_DEST(n, insn, val, a, b)                        \
  li gp, n; li a1, a; li a2, b; insn a2, a1, a2; CHECK_EQ(a2, val)
#define TEST_RR_SRC12_EQ_DEST(n, insn, val, a)                          \
  li gp, n; li a1, a; insn a1, a1, a1; CHECK_EQ(a1, val)
#define TEST_RR_ZERO_SRC1(n, insn, val, b)                              \
  li gp, n; li a2, b; insn a0, x0, a2; CHECK_EQ(a0, val)
#define TEST_RR_ZERO_SRC2(n, insn, val, a)                              \
  li gp, n; li a1, a; insn a0, a1, x0; CHECK_EQ(a0, val)
#define TEST_RR_ZERO_DEST(n, insn, a, b)                                \
  li gp, n; li a1, a; li a2, b; insn x0, a1, a2; mv a0, x0; CHECK_EQ(a0, 0)

#define TEST_IMM_OP(n, insn, val, a, imm)                               \
  li gp, n; li a1, a; insn a0, a1, imm; CHECK_EQ(a0, val)
#define TEST_IMM_SRC1_EQ_DEST(n, insn, val, a, imm)                     \
  li gp, n; li a1, a; insn a1, a1, imm; CHECK_EQ(a1, val)
#define TEST_IMM_ZERO_SRC1(n, insn, val, imm)                           \
  li gp, n; insn a0, x0, imm; CHECK_EQ(a0, val)
#define TEST_IMM_ZERO_DEST(n, insn, a, imm)                             \
  li gp, n; li a1, a; insn x0, a1, imm; mv a0, x0; CHECK_EQ(a0, 0)

/* Expect `insn` (one instruction, set up beforehand by the test) to trap
 * with `cause`; checks mcause and that mepc is the instruction itself, then
 * continues after it.  TEST_TRAP_TVAL also checks mtval. */
#define TEST_TRAP(n, cause, ...)                                        \
  li gp, n; la s11, 8f; li s8, -1; li s9, -1; li s10, -1;               \
  7: __VA_ARGS__; j fail; 8:                                            \
  CHECK_EQ(s8, cause); CHECK_LABEL_EQ(s10, 7b)
#define TEST_TRAP_TVAL(n, cause, tval, ...)                             \
  TEST_TRAP(n, cause, __VA_ARGS__); CHECK_EQ(s9, tval)

#endif /* TEST_MACROS_H */
