/*
 * entry-fault.S: an exception whose entry faults, taken between
 * instructions.  PendSV's vector lacks the Thumb bit, so pending it
 * through ICSR escalates to HardFault (INVSTATE, FORCED) before any
 * instruction of the thread runs again.  No instruction trapped there:
 * the handler's instructions all retire, and an IT block in it advances
 * as anywhere else (a flag left over from the entry once uncounted one
 * and kept ITSTATE from advancing in translated code, so the tiers
 * differed; jit-lockstep-arm-m3/entry-fault compares them).
 */
#include "test-macros.h"

	.text
	.thumb_func
	.globl	test_main
test_main:
	ldr	r0, =entry_vectors
	ldr	r1, =hard_fault
	str	r1, [r0, #4 * 3]		/* HardFault, Thumb bit set */
	ldr	r1, =hard_fault
	movs	r2, #1
	bics	r1, r2
	str	r1, [r0, #4 * 14]		/* PendSV, without it */
	ldr	r1, =VTOR
	str	r0, [r1]
	dsb
	isb
	movs	r2, #0
	movs	r3, #0
	STORE32	ICSR, ICSR_PENDSVSET
	FAIL	1
	POOL

	.thumb_func
hard_fault:
	movs	r4, #20
1:	movs	r0, #0
	cmp	r0, #0
	it	eq
	moveq	r1, #1
	adds	r2, #1
	adds	r2, #1
	adds	r3, #1
	subs	r4, #1
	bne	1b
	CHECK_EQ r2, 40, 2
	CHECK_EQ r3, 20, 3
	CHECK_EQ r1, 1, 4
	LOAD32	r1, HFSR
	CHECK_EQ r1, 0x40000000, 5		/* FORCED */
	LOAD32	r1, CFSR
	CHECK_EQ r1, 0x00020000, 6		/* INVSTATE */
	b	test_pass
	POOL

	.data
	/* Aligned to its size rounded up to a power of two, as VTOR needs;
	 * only the two vectors the test takes are filled in. */
	.balign	256
entry_vectors:
	.space	4 * 16
