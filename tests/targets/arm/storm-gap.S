/*
 * storm-gap.S: the exception storm guard (engine/cpu.h) stops the
 * machine on a fault repeated at one pc only when each repeat comes
 * within MDL_CPU_STORM_GAP (256) instructions of the last.  Here one
 * undefined instruction faults 1,500 times, more than the guard's 1,000
 * in a row, with some 600 instructions between two faults: no storm, so
 * the test must run to its end, in both tiers.  (The guard once measured
 * the gap with the engine's count as of the last device access or run()
 * end, which took a lone core's faults of one long run for adjacent
 * ones.)  ARMv6-M code: the Cortex-M0 runs it too.
 */
#include "test-macros.h"

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{r4, r5, lr}
	SET_HANDLER 3, skip_udf
	ldr	r4, =1500
1:
	ldr	r5, =300
2:
	subs	r5, #1
	bne	2b
	udf	#0
	subs	r4, #1
	bne	1b
	pop	{r4, r5, pc}

/* HardFault (the UsageFault is not enabled): past the 16-bit udf. */
	.thumb_func
skip_udf:
	mrs	r0, msp
	ldr	r1, [r0, #24]
	adds	r1, #2
	str	r1, [r0, #24]
	bx	lr
	POOL
