/*
 * systick-instants.S: SysTick interrupts whose exact instants show in the
 * registers.  The core fires its own SysTick inside its run
 * (mdl_event_init_own); this program is what tells whether it does so at
 * the very instruction where the engine, firing it between runs, would.
 * The lock-step harness's --step mode compares it, after every slice,
 * with the interpreter stepped one instruction at a time.
 *
 *   r5  the handler's hash of every interrupted pc (r5 = 31 r5 + pc): an
 *       interrupt one instruction early or late changes it;
 *   r4  the sum of SYST_CVR as Thread mode read it: the count at each
 *       read, exact to the cycle.
 *
 * Every 16th tick the handler changes the reload value (the next instant
 * is scheduled again from a register write, inside the run); every 50th
 * it also clears the counter.  The program then sleeps in WFI for 200
 * ticks, so that the waiting core is woken by the same event, fired by
 * the engine.  It fails (check 1) if Thread mode never ran between
 * ticks, (2) if the hash stayed 0.
 *
 * ARMv6-M Thumb: built for the Cortex-M0 and the Cortex-M3.
 */
#include "test-macros.h"

	.equ	TICKS_BUSY, 3000
	.equ	TICKS_ALL, 3200

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{r4, r5, lr}
	SET_HANDLER 15, tick
	STORE32	count, 0
	STORE32	left50, 50
	movs	r4, #0
	movs	r5, #0
	STORE32	SYST_RVR, 37
	STORE32	SYST_CVR, 0
	STORE32	SYST_CSR, 7			/* enable, tickint, CPU clock */

	/* Busy: read the counter, add, and do a little else between ticks. */
	ldr	r2, =SYST_CVR
	ldr	r3, =count
1:	ldr	r1, [r2]
	adds	r4, r4, r1
	lsls	r0, r4, #3
	eors	r0, r1
	ldr	r1, [r3]
	ldr	r0, =TICKS_BUSY
	cmp	r1, r0
	blo	1b
	cmp	r4, #0
	bne	2f
	FAIL	1
2:
	/* Asleep: every tick wakes the core. */
	ldr	r3, =count
3:	wfi
	ldr	r1, [r3]
	ldr	r0, =TICKS_ALL
	cmp	r1, r0
	blo	3b

	STORE32	SYST_CSR, 0
	cmp	r5, #0
	bne	4f
	FAIL	2
4:	pop	{r4, r5, pc}

/* r5 = 31 r5 + the interrupted pc (the frame's seventh word); count++;
 * every 16th tick RVR = 23 + (count / 16) % 32; every 50th CVR = 0. */
	.thumb_func
tick:
	FOLD_INTERRUPTED_PC
	ldr	r0, =count
	ldr	r1, [r0]
	adds	r1, #1
	str	r1, [r0]
	movs	r2, #15
	tst	r1, r2
	bne	5f
	lsrs	r2, r1, #4
	movs	r3, #31
	ands	r2, r3
	adds	r2, #23
	ldr	r3, =SYST_RVR
	str	r2, [r3]
5:	ldr	r0, =left50			/* every 50th: CVR = 0 */
	ldr	r1, [r0]
	subs	r1, #1
	bne	7f
	ldr	r3, =SYST_CVR
	str	r1, [r3]
	movs	r1, #50
7:	str	r1, [r0]
	bx	lr

	.data
	.balign	4
count:	.word	0
left50:	.word	50
