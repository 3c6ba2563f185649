/*
 * irq-storm.S: an interrupt storm, what makes exception entry and return
 * the hot path.  SysTick fires every 40 CPU cycles; its handler counts
 * and returns; Thread mode spins until 50 000 interrupts were taken.  A
 * test (it checks the count and that Thread mode kept running between
 * interrupts) and the workload of the exception-entry measurement in
 * tests/bench (callgrind's instruction count per guest instruction).
 */
#include "test-macros.h"

/* The calm variant of the measurement builds with a SysTick every 4000
 * cycles and 500 interrupts: the same instruction count, 1 % of the
 * exceptions. */
#ifndef STORM_RVR
#define STORM_RVR 39
#define STORM_N 50000
#endif

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{r4, lr}
	SET_HANDLER 15, tick
	STORE32	count, 0
	STORE32	SYST_RVR, STORM_RVR
	STORE32	SYST_CVR, 0
	STORE32	SYST_CSR, 7			/* enable, tickint, CPU clock */
	movs	r4, #0				/* Thread-mode rounds */
	ldr	r2, =count
	ldr	r3, =STORM_N
1:	adds	r4, #1
	ldr	r1, [r2]
	cmp	r1, r3
	blo	1b
	STORE32	SYST_CSR, 0
	/* Thread mode ran between the interrupts (more rounds than ticks). */
	cmp	r4, r3
	bhi	2f
	FAIL	1
2:	pop	{r4, pc}

	.thumb_func
tick:
	ldr	r0, =count
	ldr	r1, [r0]
	adds	r1, #1
	str	r1, [r0]
	bx	lr

	.data
	.balign	4
count:	.word	0
