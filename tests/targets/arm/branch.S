/*
 * branch.S: ARMv6-M branches: b (16-bit, both directions), every
 * condition of the conditional b against flag patterns, bl (32-bit, long
 * distance), blx and bx through registers, mov pc.
 */
#include "test-macros.h"

/* Takes the branch b\cond with flags \nzcv when \taken is 1, else falls
 * through; fails with \n otherwise. */
	.macro	BRANCH cond, nzcv, taken, n
	SET_FLAGS \nzcv
	b\cond	1f
	.if	\taken
	FAIL	\n
	.endif
	b	2f
1:
	.if	!\taken
	FAIL	\n
	.endif
2:
	.endm

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{lr}

	BRANCH	eq, 0b0100, 1, 1
	BRANCH	eq, 0b0000, 0, 2
	BRANCH	ne, 0b0000, 1, 3
	BRANCH	ne, 0b0100, 0, 4
	BRANCH	cs, 0b0010, 1, 5
	BRANCH	cs, 0b0000, 0, 6
	BRANCH	cc, 0b0000, 1, 7
	BRANCH	cc, 0b0010, 0, 8
	BRANCH	mi, 0b1000, 1, 9
	BRANCH	mi, 0b0000, 0, 10
	BRANCH	pl, 0b0000, 1, 11
	BRANCH	pl, 0b1000, 0, 12
	BRANCH	vs, 0b0001, 1, 13
	BRANCH	vs, 0b0000, 0, 14
	BRANCH	vc, 0b0000, 1, 15
	BRANCH	vc, 0b0001, 0, 16
	BRANCH	hi, 0b0010, 1, 17
	BRANCH	hi, 0b0110, 0, 18
	BRANCH	hi, 0b0000, 0, 19
	BRANCH	ls, 0b0110, 1, 20
	BRANCH	ls, 0b0000, 1, 21
	BRANCH	ls, 0b0010, 0, 22
	BRANCH	ge, 0b0000, 1, 23
	BRANCH	ge, 0b1001, 1, 24
	BRANCH	ge, 0b1000, 0, 25
	BRANCH	lt, 0b0001, 1, 26
	BRANCH	lt, 0b1001, 0, 27
	BRANCH	gt, 0b0000, 1, 28
	BRANCH	gt, 0b0100, 0, 29
	BRANCH	gt, 0b1000, 0, 30
	BRANCH	le, 0b0100, 1, 31
	BRANCH	le, 0b1000, 1, 32
	BRANCH	le, 0b1001, 0, 33

	/* Backward branches: a counted loop. */
	movs	r0, #0
	movs	r1, #10
1:	adds	r0, r0, r1
	subs	r1, #1
	bne	1b
	CHECK_EQ r0, 55, 34

	/* bl across a big gap, both ways; lr has bit 0 set (Thumb). */
	bl	far_away
	CHECK_EQ r0, 0xfa, 35
	mov	r1, lr
	movs	r2, #1
	ands	r1, r2
	CHECK_EQ r1, 1, 36

	/* blx / bx through a register. */
	ldr	r3, =callee
	blx	r3
	CHECK_EQ r0, 0xca, 37
	ldr	r3, =1f + 1
	bx	r3
	FAIL	38
1:
	/* mov pc, rm: bit 0 ignored. */
	ldr	r3, =2f
	mov	pc, r3
	FAIL	39
	.balign	2
2:
	/* add pc, rm (a computed jump). */
	movs	r3, #4
	add	pc, r3			/* pc reads as . + 4: lands 8 on */
	b	9f
	b	9f
	b	9f
	b	3f
9:	FAIL	40
3:
	b	back_target_ret
back_target:
	movs	r0, #0xbb
	b	4f
back_target_ret:
	b	back_target
4:	CHECK_EQ r0, 0xbb, 41
	pop	{pc}

	.thumb_func
callee:
	movs	r0, #0xca
	bx	lr

	/* Beyond the 16-bit branches' reach (2 KiB) and the b<cond>'s. */
	.space	0x1000
	.thumb_func
far_away:
	movs	r0, #0xfa
	bx	lr
