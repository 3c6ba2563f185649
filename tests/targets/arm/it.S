/*
 * it.S: ARMv7-M conditional execution and compare-and-branch: IT blocks
 * of one to four instructions with then/else patterns, 16-bit
 * instructions inside IT not setting flags, a flag-setting instruction
 * inside a block changing the later conditions, a branch as the last
 * instruction of a block, cbz/cbnz both ways, and 32-bit conditional and
 * unconditional branches over long distances.
 */
#include "test-macros.h"

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{r4, lr}

	/* it: one conditional instruction, taken and not taken. */
	movs	r0, #0
	SET_FLAGS 0b0100
	it	eq
	moveq	r0, #1
	CHECK_EQ r0, 1, 1
	movs	r0, #0
	SET_FLAGS 0b0000
	it	eq
	moveq	r0, #1
	CHECK_EQ r0, 0, 2

	/* ite / itt / itete with both outcomes. */
	movs	r0, #0
	movs	r1, #0
	SET_FLAGS 0b0010			/* cs */
	ite	cs
	movcs	r0, #1
	movcc	r1, #1
	CHECK_EQ r0, 1, 3
	CHECK_EQ r1, 0, 4
	movs	r0, #0
	movs	r1, #0
	movs	r2, #0
	movs	r3, #0
	SET_FLAGS 0b1000			/* mi, so lt (N != V) */
	itete	lt
	movlt	r0, #1
	movge	r1, #1
	movlt	r2, #1
	movge	r3, #1
	CHECK_EQ r0, 1, 5
	CHECK_EQ r1, 0, 6
	CHECK_EQ r2, 1, 7
	CHECK_EQ r3, 0, 8
	movs	r0, #0
	movs	r1, #0
	movs	r2, #0
	SET_FLAGS 0b0000
	ittt	hi				/* hi false: none run */
	movhi	r0, #1
	movhi	r1, #1
	movhi	r2, #1
	adds	r3, r0, r1
	adds	r3, r3, r2
	CHECK_EQ r3, 0, 9

	/* 16-bit data processing inside IT does not set flags: `add` here
	 * is the same encoding as `adds` outside. */
	SET_FLAGS 0b0100
	movs	r0, #5
	SET_FLAGS 0b0100
	itt	eq
	addeq	r0, r0, #1			/* 16-bit, flags kept */
	subeq	r0, r0, #6			/* result 0, but Z from before */
	CHECK_FLAGS 0b0100, 10
	CHECK_EQ r0, 0, 11
	SET_FLAGS 0b0100
	movs	r0, #1
	SET_FLAGS 0b0100
	ite	eq
	subseq.w r0, r0, #1			/* explicit S: sets Z (still eq)... */
	addne	r0, r0, #10			/* ...so the else part is skipped */
	CHECK_EQ r0, 0, 12
	SET_FLAGS 0b0100
	movs	r0, #2
	SET_FLAGS 0b0100
	itt	eq
	cmpeq	r0, #3				/* ne now */
	moveq	r0, #9				/* skipped: the condition is re-read */
	CHECK_EQ r0, 2, 13

	/* Loads, stores, 32-bit instructions in a block. */
	ldr	r4, =cell
	movs	r0, #0
	str	r0, [r4]
	movs	r1, #77
	SET_FLAGS 0b0010
	itet	cs
	strcs	r1, [r4]
	ldrcc	r0, [r4]
	ldrcs.w	r2, [r4]
	CHECK_EQ r2, 77, 14
	CHECK_EQ r0, 0, 15

	/* A branch ends an IT block. */
	movs	r0, #0
	SET_FLAGS 0b0100
	it	eq
	beq	1f
	FAIL	16
1:	SET_FLAGS 0b0000
	it	eq
	beq	2f				/* not taken */
	movs	r0, #1
2:	CHECK_EQ r0, 1, 17
	SET_FLAGS 0b0100
	itt	eq
	moveq	r0, #3
	bleq	set_r1_to_5
	CHECK_EQ r0, 3, 18
	CHECK_EQ r1, 5, 19
	/* Exit the block by bx as well. */
	ldr	r2, =3f + 1
	SET_FLAGS 0b0000
	it	ne
	bxne	r2
	FAIL	20
3:	POOL
	/* cbz / cbnz: only forward, flags untouched. */
	movs	r0, #0
	SET_FLAGS 0b1111
	cbz	r0, 4f
	FAIL	21
4:	CHECK_FLAGS 0b1111, 22
	movs	r0, #1
	cbz	r0, 5f
	cbnz	r0, 6f
5:	FAIL	23
6:	movs	r0, #0
	cbnz	r0, 9f
	cbz	r0, 7f
9:	FAIL	27
	.space	100				/* near cbz's 126-byte reach */
7:
	/* 32-bit branches: conditional (1 MiB) and plain (16 MiB). */
	SET_FLAGS 0b0100
	beq.w	far_cond
	FAIL	24
back_from_far:
	b.w	far_plain
	FAIL	25
back_from_plain:
	SET_FLAGS 0b0000
	bne.w	8f
	FAIL	26
8:
	pop	{r4, pc}

	.thumb_func
set_r1_to_5:
	movs	r1, #5
	bx	lr

	.space	0x2000
far_cond:
	b.w	back_from_far
far_plain:
	b.w	back_from_plain

	.data
	.balign	4
cell:	.word	0
