/*
 * lockup.S: a lockup while an exception is taken between instructions.
 * A vector table in RAM whose PendSV and HardFault vectors lack the Thumb
 * bit: pending PendSV through ICSR makes its entry an INVSTATE fault,
 * escalated to HardFault, whose entry faults again in HardFault, so the
 * core locks up.  The run ends there (test arm-m3/lockup checks the line
 * medley run prints): nothing after the store runs, and neither does the
 * code at the address the bad HardFault vector names (a locked-up core
 * once ran it until its next check, a different count of instructions
 * in each tier: 211 then 217 retired; jit-lockstep-arm-m3/lockup compares
 * them).  Medley only: QEMU 7.2 aborts on a lockup ("qemu: fatal:
 * Lockup").
 */
#include "test-macros.h"

	.text
	.thumb_func
	.globl	test_main
test_main:
	ldr	r0, =lockup_vectors
	ldr	r1, =locked_code
	movs	r2, #1
	bics	r1, r2
	str	r1, [r0, #4 * 3]		/* HardFault */
	str	r1, [r0, #4 * 14]		/* PendSV */
	ldr	r1, =VTOR
	str	r0, [r1]
	dsb
	isb
	STORE32	ICSR, 1 << 28			/* PENDSVSET: locks up */
	FAIL	1
	POOL

	.thumb_func
locked_code:
	ldr	r1, [r0, #4]			/* the interpreter checks here, the
					 * translated block goes on */
	movs	r0, #2
	adds	r0, r0, #1
	adds	r0, r0, #1
	adds	r0, r0, #1
	movs	r0, #3
	bl	test_fail

	.data
	/* Aligned to its size rounded up to a power of two, as VTOR needs;
	 * only the two vectors the test takes are filled in. */
	.balign	256
lockup_vectors:
	.space	4 * 16
