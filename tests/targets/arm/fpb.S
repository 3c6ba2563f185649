/*
 * fpb.S: the FPB of the Cortex-M3 as a breakpoint unit.  Its registers
 * read back (6 code and 2 literal comparators, ENABLE only with KEY),
 * a disabled comparator and a disabled unit do nothing, and then an
 * enabled comparator on `fpb_target` stops the core before it: the run
 * ends at that breakpoint (test arm-m3/fpb checks the line medley run
 * prints), never reaching the failure after it.  Medley only: QEMU 7.2
 * has no FPB.
 */
#include "test-macros.h"

	.equ	FP_CTRL, 0xe0002000
	.equ	FP_COMP0, 0xe0002008
	.equ	FP_PID0, 0xe0002fe0

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{r4-r6, lr}
	LOAD32	r1, FP_CTRL
	CHECK_EQ r1, 0x260, 1
	LOAD32	r1, FP_PID0
	CHECK_EQ r1, 0x03, 2
	STORE32	FP_CTRL, 1			/* no KEY: ignored */
	LOAD32	r1, FP_CTRL
	CHECK_EQ r1, 0x260, 3

	/* A comparator on the target, lower or upper halfword as it lies. */
	ldr	r0, =fpb_target
	movs	r1, #3
	bics	r0, r1
	ldr	r1, =fpb_target
	movs	r2, #2
	tst	r1, r2
	beq	1f
	ldr	r2, =0x80000001			/* REPLACE 10: upper halfword */
	b	2f
1:	ldr	r2, =0x40000001			/* REPLACE 01: lower halfword */
2:	orrs	r0, r2
	ldr	r1, =FP_COMP0
	str	r0, [r1]
	ldr	r2, [r1]
	CHECK_REG r0, r2, 4

	/* The unit still disabled: the target runs. */
	bl	fpb_target
	CHECK_EQ r0, 42, 5

	STORE32	FP_CTRL, 3			/* KEY, ENABLE */
	LOAD32	r1, FP_CTRL
	CHECK_EQ r1, 0x261, 6
	bl	fpb_target			/* stops before it */
	FAIL	7

	.thumb_func
	.globl	fpb_target
fpb_target:
	movs	r0, #42
	bx	lr
