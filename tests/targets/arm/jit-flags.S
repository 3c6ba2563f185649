/*
 * jit-flags.S: what the Thumb frontend of the translating tier computes
 * inline (targets/arm/arm-jit.c), on operands at the edges: every pair of
 * eight values through the flag-setting data processing forms (immediate,
 * register, shifted register, 16 and 32 bits), the branches on each
 * condition, cbz/cbnz and loads and stores of each size and addressing
 * form; then shifts by a register of 0, 31, 32, 33, 255 and 257, and
 * loops whose flags only the block's exits store.  After each instruction
 * the result and APSR are folded into a checksum, which must be the one
 * QEMU computes (isa-qemu) and which the lock-step test compares between
 * the tiers with every register.
 */
#include "test-macros.h"

/* Folds r2 and the flags into r5 (clobbers r12; flags kept). */
	.macro	ACC
	mrs	r12, apsr
	eor.w	r5, r12, r5, ror #7
	eor.w	r5, r5, r2
	.endm

/* b<cond> over a fold of \k: taken and not taken both count. */
	.macro	BR cond, k
	cmp	r0, r1
	b\cond	1f
	eor.w	r5, r5, #\k
1:	ror	r5, r5, #3
	.endm

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{r4-r7, lr}
	movs	r5, #0
	ldr	r6, =values
	ldr	r9, =buf
	movs	r4, #0
outer:
	movs	r3, #0
inner:
	ldr.w	r0, [r6, r4, lsl #2]
	ldr.w	r1, [r6, r3, lsl #2]

	adds	r2, r0, r1
	ACC
	subs	r2, r0, r1
	ACC
	rsbs	r2, r0, #0
	ACC
	cmp	r0, r1
	ACC
	cmn	r0, r1
	ACC
	adds.w	r2, r0, r1, lsl #3
	ACC
	subs.w	r2, r0, r1, asr #5
	ACC
	rsbs.w	r2, r0, r1, lsr #1
	ACC
	rsb.w	r2, r0, r1, lsl #2
	ACC
	cmp.w	r1, r0, lsl #1
	ACC
	cmn.w	r0, #0x00ff00ff
	ACC
	adds.w	r2, r0, #0x00ff00ff
	ACC
	subs.w	r2, r0, #0x7f000000
	ACC
	adds	r2, r0, #7
	ACC
	subs	r2, r0, #5
	ACC
	add.w	r2, r0, r1, asr #9
	ACC
	sub.w	r2, r0, r1, lsr #30
	ACC
	addw	r2, r0, #0xfff
	ACC

	cmp	r1, r0
	ands.w	r2, r0, r1, lsl #1
	ACC
	cmp	r0, r1
	eors.w	r2, r0, r1, lsr #31
	ACC
	cmp	r1, r0
	orrs.w	r2, r0, r1, asr #31
	ACC
	cmp	r0, r1
	bics.w	r2, r0, r1, lsl #16
	ACC
	cmp	r1, r0
	orns	r2, r0, r1, asr #1
	ACC
	cmp	r0, r1
	mov	r2, r0
	bics	r2, r1
	ACC
	cmp	r1, r0
	mov	r2, r1
	eors	r2, r0
	ACC
	cmp	r0, r1
	lsls	r2, r0, #7
	ACC
	cmp	r1, r0
	lsrs	r2, r0, #13
	ACC
	cmp	r0, r1
	asrs	r2, r0, #31
	ACC
	cmp	r1, r0
	lsls	r2, r0, #31
	ACC
	cmp	r0, r1
	movs	r2, r0
	ACC
	cmp	r1, r0
	mvns	r2, r1
	ACC
	cmp	r0, r1
	mvns.w	r2, r1, lsl #4
	ACC
	cmp	r1, r0
	lsrs.w	r2, r1, #5
	ACC
	cmp	r0, r1
	tst	r0, r1
	ACC
	cmp	r1, r0
	teq.w	r0, r1
	ACC
	cmp	r0, r1
	tst.w	r0, r1, lsl #3
	ACC
	cmp	r0, r1
	ands.w	r2, r0, #0x80000000
	ACC
	cmp	r1, r0
	orrs.w	r2, r0, #0xff
	ACC
	cmp	r1, r0
	movs.w	r2, #0x3fc00
	ACC
	cmp	r0, r1
	mvns.w	r2, #0xff
	ACC
	movw	r2, #0xbeef
	ACC
	mov	r2, r1
	muls	r2, r0, r2
	ACC
	mul	r2, r1, r0
	ACC

	BR	eq, 0x1
	BR	ne, 0x2
	BR	cs, 0x4
	BR	cc, 0x8
	BR	mi, 0x10
	BR	pl, 0x20
	BR	vs, 0x40
	BR	vc, 0x80
	BR	hi, 0x100
	BR	ls, 0x200
	BR	ge, 0x400
	BR	lt, 0x800
	BR	gt, 0x1000
	BR	le, 0x2000
	ands	r2, r0, r1
	cbz	r2, 2f
	eor.w	r5, r5, #0x4000
2:	cbnz	r2, 3f
	eor.w	r5, r5, #0x8000
3:
	/* Loads and stores: offsets, register offsets, pre and post. */
	str.w	r0, [r9, #4]
	str	r1, [r9, #8]
	ldrsb.w	r2, [r9, #5]
	ACC
	ldrsh.w	r2, [r9, #6]
	ACC
	ldrb.w	r2, [r9, #7]
	ACC
	ldrh	r2, [r6, #2]
	ACC
	strh.w	r1, [r9, #9]
	ldr.w	r2, [r9, #8]
	ACC
	movs	r7, #3
	ldrsb	r2, [r6, r7]
	ACC
	strb.w	r0, [r9, r7, lsl #2]
	ldr	r2, [r9, #12]
	ACC
	mov	r8, r9
	strb	r0, [r8], #1
	str	r1, [r8, #3]!
	ldrh	r2, [r8, #-2]!
	ACC
	ldrsh	r2, [r8], #-2
	ACC
	mov	r2, r8
	ACC

	adds	r3, #1
	cmp	r3, #8
	blo.w	inner
	adds	r4, #1
	cmp	r4, #8
	blo.w	outer

	CHECK_EQ r5, 0xdb568b65, 1

	/* shifts by a register (no flags) around 32: the low byte counts */
	ldr	r0, =0x80000001
	movs	r1, #31
	lsl.w	r2, r0, r1
	CHECK_EQ r2, 0x80000000, 2
	movs	r1, #32
	lsl.w	r2, r0, r1
	CHECK_EQ r2, 0, 3
	lsr.w	r2, r0, r1
	CHECK_EQ r2, 0, 4
	asr.w	r2, r0, r1
	CHECK_EQ r2, 0xffffffff, 5
	movs	r1, #33
	lsr.w	r2, r0, r1
	CHECK_EQ r2, 0, 6
	movw	r1, #0x101
	lsr.w	r2, r0, r1
	CHECK_EQ r2, 0x40000000, 7
	asr.w	r2, r0, r1
	CHECK_EQ r2, 0xc0000000, 8
	movs	r1, #255
	asr.w	r2, r0, r1
	CHECK_EQ r2, 0xffffffff, 9
	movs	r1, #0
	lsr.w	r2, r0, r1
	CHECK_EQ r2, 0x80000001, 10

	/* Loops whose last flags come right before the branch back, which
	 * the head overwrites: translated, only the block's exits store
	 * them; after the loop they are the last iteration's. */
	movs	r0, #0
	ldr	r2, =-30000
	ldr	r4, =0x80000001
11:	adds	r0, r0, #1
	adds	r2, r2, r4	/* N and Z in r2, C and V: N, C, V change */
	bne	11b		/* (r2 is 0 after 30000) */
	CHECK_FLAGS 0b0110, 11
	CHECK_EQ r0, 30000, 12
	ldr	r2, =0x80000003
12:	adds	r0, r0, #1
	subs	r2, r2, #1
	bvc	12b		/* not on the host flags: from the CPU state */
	CHECK_FLAGS 0b0011, 13
	movs	r2, #0
	movs	r3, #7
13:	adds	r0, r0, #1
	adds	r2, r2, #1
	cmp	r2, r3		/* N and Z stored in the loop, C and V not */
	bne	13b
	CHECK_FLAGS 0b0110, 14
	ldr	r3, =0x80000004
14:	subs	r3, r3, #1
	subs	r4, r3, #2	/* operands kept: bvc on the host flags */
	bvc	14b
	CHECK_FLAGS 0b0011, 15
	CHECK_EQ r0, 30011, 16
	pop	{r4-r7, pc}
	POOL

	.section .rodata
	.balign	4
values:
	.word	0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x80000001, 0x12345678, 0xfffffffe

	.data
	.balign	4
buf:
	.space	32
