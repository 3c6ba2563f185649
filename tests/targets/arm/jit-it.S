/*
 * jit-it.S: IT blocks as the Thumb frontend translates them (a unit, each
 * instruction skipped or run by the condition known at translation time),
 * checked here and by test-jit-lockstep in both tiers:
 *   1. a load that faults in the middle of an IT block: the stacked
 *      xPSR's ITSTATE is exact; the handler points the base register
 *      at RAM and the load runs again, then the rest of the block under
 *      its conditions;
 *   2. IT blocks of every shape in a loop under a SysTick storm (an
 *      interrupt every 37 cycles, taken between IT and its block too);
 *   3. a branch as the last instruction of an IT block, and a
 *      conditional return (bxeq lr);
 *   4. instructions that call their executor (udiv, ldm, push) inside
 *      IT blocks, run and skipped;
 *   6. (before 5) a pop of pc after an IT block whose store has the
 *      executor as its slow path: the translated pop once loaded pc
 *      through the register that had just been given ITSTATE (a host
 *      crash);
 *   5. under another SysTick storm, a handler whose IT block crosses a
 *      4 KiB page, where a translated block ends: the rest of the IT
 *      block is stepped, and ITSTATE must advance over its skipped
 *      instruction although an exception entry (the tick's) came just
 *      before in the same run (a mark of that entry, left set, once
 *      kept it: the translated run then skipped the instruction after).
 */
#include "test-macros.h"

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{r4-r7, lr}
	SET_HANDLER 3, skip_handler
	SET_HANDLER 15, tick_handler

	/* 1: fault in the second of four */
	movs	r1, #0
	ldr	r2, =BAD_ADDR
	cmp	r1, r1
	itete	eq
	addeq	r1, #1
	ldrne	r3, [r2]			/* skipped */
	ldreq	r3, [r2]			/* faults, then loads pair[0] */
	addne	r1, #8				/* skipped after the return */
	CHECK_EQ r1, 1, 1
	CHECK_EQ r3, 11, 15
	LOAD32	r3, seen_count
	CHECK_EQ r3, 1, 2
	/* the stacked ITSTATE: eq, two instructions left (0b00001100) */
	LOAD32	r3, seen_xpsr
	ldr	r4, =0x0600fc00			/* IT[7:2] and IT[1:0] */
	ands	r3, r4
	CHECK_EQ r3, 0x0c << 8, 3

	/* 2: a storm over IT blocks: sums of odd and even i below 2000 */
	STORE32	SYST_RVR, 36
	STORE32	SYST_CVR, 0
	STORE32	SYST_CSR, 7			/* core clock, interrupt, enable */
	movs	r0, #0
	movs	r1, #0
	movs	r2, #0
	movw	r3, #2000
2:	tst	r2, #1
	ite	ne
	addne	r0, r0, r2
	addeq	r1, r1, r2
	lsls	r4, r2, #30
	itttt	mi
	addmi	r5, r2, #1
	submi	r5, r5, #1
	eormi	r5, r5, r2
	addmi	r0, r0, r5			/* r5 == 0 */
	adds	r2, #1
	cmp	r2, r3
	blt	2b
	STORE32	SYST_CSR, 0
	CHECK_EQ r0, 1000000, 4
	CHECK_EQ r1, 999000, 5
	LOAD32	r3, ticks
	cmp	r3, #100
	bhi	1f
	FAIL	6
1:

	/* 3: a branch ending an IT block; a conditional return */
	movs	r0, #0
	movs	r2, #0
3:	adds	r0, #3
	adds	r2, #1
	cmp	r2, #50
	it	ne
	bne	3b
	CHECK_EQ r0, 150, 7
	movs	r0, #0
	bl	cond_ret
	CHECK_EQ r0, 0, 8
	movs	r0, #5
	bl	cond_ret
	CHECK_EQ r0, 6, 9

	/* 4: executors inside IT blocks */
	movs	r4, #100
	movs	r5, #7
	movs	r3, #0
	ldr	r6, =pair
	cmp	r4, r5
	itete	hi
	udivhi	r3, r4, r5			/* 14 */
	udivls	r3, r5, r4
	ldmhi	r6, {r0, r1}			/* 11, 22 */
	ldmls	r6, {r1, r2}
	CHECK_EQ r3, 14, 10
	CHECK_EQ r0, 11, 11
	CHECK_EQ r1, 22, 12
	movs	r0, #1
	cmp	r0, #1
	itt	eq
	pusheq	{r0, r4}
	popeq	{r1, r2}
	CHECK_EQ r1, 1, 13
	CHECK_EQ r2, 100, 14

	/* 6: pop {pc} after an IT block, in one translated block */
	movs	r0, #1
	movs	r1, #7
	bl	it_pop
	CHECK_EQ r0, 7, 19
	movs	r0, #0
	movs	r1, #9
	bl	it_pop
	CHECK_EQ r0, 7, 20

	/* 5: the split IT block under a storm */
	SET_HANDLER 15, tick_split
	STORE32	SYST_RVR, 40
	STORE32	SYST_CVR, 0
	STORE32	SYST_CSR, 7
	movw	r0, #5000
5:	subs	r0, #1
	bne	5b
	STORE32	SYST_CSR, 0
	ldr	r4, =split_counts
	ldr	r0, [r4]			/* ran: eq before the page */
	cmp	r0, #50
	bhi	6f
	FAIL	16
6:	ldr	r1, [r4, #4]			/* skipped: ne */
	CHECK_EQ r1, 0, 17
	ldr	r1, [r4, #8]			/* ran: eq after the page */
	CHECK_REG r1, r0, 18

	pop	{r4-r7, pc}

/* Stores r1 in it_pop_word when r0 != 0; returns the word. */
	.thumb_func
it_pop:
	push	{r4, lr}
	ldr	r2, =it_pop_word
	cmp	r0, #0
	it	ne
	strne	r1, [r2]
	ldr	r0, [r2]
	pop	{r4, pc}
	.ltorg

	.thumb_func
cond_ret:
	cmp	r0, #0
	it	eq
	bxeq	lr
	adds	r0, #1
	bx	lr

/* Records the stacked xPSR, points the stacked r2 at pair and returns
 * to the faulting load. */
	.thumb_func
skip_handler:
	mrs	r0, msp
	ldr	r1, [r0, #28]
	ldr	r2, =seen_xpsr
	str	r1, [r2]
	ldr	r1, =pair
	str	r1, [r0, #8]
	ldr	r2, =seen_count
	ldr	r1, [r2]
	adds	r1, #1
	str	r1, [r2]
	ldr	r1, =CFSR
	mov	r2, #0xffffffff
	str	r2, [r1]
	ldr	r1, =HFSR
	str	r2, [r1]
	bx	lr

	.thumb_func
tick_handler:
	ldr	r0, =ticks
	ldr	r1, [r0]
	adds	r1, #1
	str	r1, [r0]
	bx	lr

	.ltorg

/* Counts what its IT block ran into split_counts.  The IT block starts
 * 4 bytes before a 4 KiB page; the padding before it is never run. */
	.balign	4096
	.space	4096 - 12
	.thumb_func
tick_split:
	movs	r1, #0
	movs	r2, #0
	movs	r3, #0
	cmp	r1, r1
	itet	eq				/* page - 4 */
	addeq	r1, #1
	addne	r2, #1				/* page + 0 */
	addeq	r3, #1
	ldr	r0, =split_counts
	ldr	r12, [r0]
	add	r12, r1
	str	r12, [r0]
	ldr	r12, [r0, #4]
	add	r12, r2
	str	r12, [r0, #4]
	ldr	r12, [r0, #8]
	add	r12, r3
	str	r12, [r0, #8]
	bx	lr
	.ltorg

	.data
	.balign	4
split_counts:	.word	0, 0, 0
it_pop_word:	.word	0
seen_xpsr:	.word	0
seen_count:	.word	0
ticks:		.word	0
pair:		.word	11, 22, 33
