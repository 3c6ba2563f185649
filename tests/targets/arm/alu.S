/*
 * alu.S: ARMv6-M data processing (the 16-bit forms every Cortex-M has):
 * add/sub with 3- and 8-bit immediates and registers, adc/sbc/rsb, the
 * logical ops, shifts and rotates by immediate and register with their
 * carry out, compares, moves between low and high registers, flags.
 */
#include "test-macros.h"

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{lr}

	/* adds/subs immediates and registers, with carry and overflow. */
	movs	r0, #5
	adds	r1, r0, #7
	CHECK_FLAGS 0b0000, 2
	CHECK_EQ r1, 12, 1
	adds	r1, #250
	CHECK_EQ r1, 262, 3
	ldr	r0, =0x7fffffff
	movs	r1, #1
	adds	r2, r0, r1
	CHECK_FLAGS 0b1001, 5			/* N, V */
	CHECK_EQ r2, 0x80000000, 4
	ldr	r0, =0xffffffff
	adds	r2, r0, r1
	CHECK_FLAGS 0b0110, 7			/* Z, C */
	CHECK_EQ r2, 0, 6
	movs	r0, #3
	subs	r1, r0, #5
	CHECK_FLAGS 0b1000, 9			/* borrow: C clear */
	CHECK_EQ r1, 0xfffffffe, 8
	subs	r1, r0, #3
	CHECK_FLAGS 0b0110, 10			/* no borrow: C set */
	ldr	r0, =0x80000000
	movs	r1, #1
	subs	r2, r0, r1
	CHECK_FLAGS 0b0011, 12
	CHECK_EQ r2, 0x7fffffff, 11
	movs	r2, #200
	subs	r2, #201
	CHECK_EQ r2, -1, 13

	/* adc/sbc take the carry in. */
	SET_FLAGS 0b0010
	movs	r0, #1
	movs	r1, #2
	adcs	r0, r1
	CHECK_EQ r0, 4, 14
	SET_FLAGS 0b0000
	movs	r0, #10
	movs	r1, #3
	sbcs	r0, r1
	CHECK_FLAGS 0b0010, 16
	CHECK_EQ r0, 6, 15			/* 10 - 3 - 1 */
	ldr	r0, =0xffffffff
	movs	r1, #0
	SET_FLAGS 0b0010
	adcs	r0, r1
	CHECK_FLAGS 0b0110, 18
	CHECK_EQ r0, 0, 17

	/* rsbs (neg) */
	movs	r0, #5
	rsbs	r1, r0, #0
	CHECK_FLAGS 0b1000, 20
	CHECK_EQ r1, -5, 19
	movs	r0, #0
	rsbs	r1, r0, #0
	CHECK_FLAGS 0b0110, 21

	/* Logical ops set N and Z, keep C and V. */
	ldr	r0, =0xf0f0f0f0
	ldr	r1, =0x0ff00ff0
	SET_FLAGS 0b0011
	mov	r2, r0
	ands	r2, r1
	CHECK_FLAGS 0b0011, 23
	CHECK_EQ r2, 0x00f000f0, 22
	mov	r2, r0
	orrs	r2, r1
	CHECK_EQ r2, 0xfff0fff0, 24
	mov	r2, r0
	eors	r2, r1
	CHECK_EQ r2, 0xff00ff00, 25
	mov	r2, r0
	bics	r2, r1
	CHECK_EQ r2, 0xf000f000, 26
	mvns	r2, r1
	CHECK_EQ r2, 0xf00ff00f, 27
	SET_FLAGS 0b0000
	movs	r2, #0
	ands	r2, r1
	CHECK_FLAGS 0b0100, 28
	SET_FLAGS 0b0001
	tst	r0, r1
	CHECK_FLAGS 0b0001, 29			/* C and V kept */
	ldr	r2, =0x80000000
	SET_FLAGS 0b0000
	tst	r0, r2
	CHECK_FLAGS 0b1000, 30

	/* Shifts by immediate: carry is the last bit shifted out. */
	ldr	r0, =0x80000001
	lsls	r1, r0, #1
	CHECK_FLAGS 0b0010, 32
	CHECK_EQ r1, 2, 31
	lsrs	r1, r0, #1
	CHECK_FLAGS 0b0010, 34
	CHECK_EQ r1, 0x40000000, 33
	asrs	r1, r0, #1
	CHECK_FLAGS 0b1010, 36
	CHECK_EQ r1, 0xc0000000, 35
	lsrs	r1, r0, #32			/* imm 0 means 32 for lsr */
	CHECK_FLAGS 0b0110, 38
	CHECK_EQ r1, 0, 37
	asrs	r1, r0, #32
	CHECK_FLAGS 0b1010, 40
	CHECK_EQ r1, 0xffffffff, 39
	SET_FLAGS 0b0010
	movs	r1, r0				/* lsls #0: C unchanged */
	CHECK_FLAGS 0b1010, 41

	/* Shifts by register: only the low byte counts; 0 keeps C. */
	ldr	r0, =0x80000001
	movs	r2, #0
	SET_FLAGS 0b0010
	mov	r1, r0
	lsls	r1, r2
	CHECK_FLAGS 0b1010, 43
	CHECK_EQ r1, 0x80000001, 42
	movs	r2, #32
	mov	r1, r0
	lsls	r1, r2
	CHECK_FLAGS 0b0110, 45			/* bit 0 shifted out last */
	CHECK_EQ r1, 0, 44
	movs	r2, #33
	mov	r1, r0
	lsls	r1, r2
	CHECK_FLAGS 0b0100, 46
	movs	r2, #32
	mov	r1, r0
	lsrs	r1, r2
	CHECK_FLAGS 0b0110, 48
	CHECK_EQ r1, 0, 47
	ldr	r2, =0x104			/* low byte 4 */
	mov	r1, r0
	lsrs	r1, r2
	CHECK_EQ r1, 0x08000000, 49
	movs	r2, #40
	mov	r1, r0
	asrs	r1, r2
	CHECK_FLAGS 0b1010, 51
	CHECK_EQ r1, 0xffffffff, 50
	movs	r2, #4
	mov	r1, r0
	rors	r1, r2
	CHECK_FLAGS 0b0000, 53
	CHECK_EQ r1, 0x18000000, 52
	movs	r2, #32
	mov	r1, r0
	rors	r1, r2				/* by 32: value kept, C = bit 31 */
	CHECK_FLAGS 0b1010, 55
	CHECK_EQ r1, 0x80000001, 54
	movs	r2, #1
	mov	r1, r0
	rors	r1, r2
	CHECK_FLAGS 0b1010, 57
	CHECK_EQ r1, 0xc0000000, 56

	/* cmp / cmn, including a high register. */
	movs	r0, #5
	cmp	r0, #5
	CHECK_FLAGS 0b0110, 58
	cmp	r0, #6
	CHECK_FLAGS 0b1000, 59
	ldr	r1, =-5
	cmn	r0, r1
	CHECK_FLAGS 0b0110, 60
	ldr	r1, =0x7fffffff
	cmn	r1, r0
	CHECK_FLAGS 0b1001, 61
	mov	r8, r0
	cmp	r8, r0
	CHECK_FLAGS 0b0110, 62

	/* mov / add with high registers do not touch flags. */
	SET_FLAGS 0b0101
	movs	r0, #77
	mov	r9, r0
	mov	r10, r9
	mov	r1, r10
	CHECK_EQ r1, 77, 63
	SET_FLAGS 0b0101
	add	r10, r9
	mov	r1, r10
	CHECK_FLAGS 0b0101, 65
	CHECK_EQ r1, 154, 64
	add	r1, r9
	CHECK_EQ r1, 231, 66
	SET_FLAGS 0b1001
	movs	r0, #0
	CHECK_FLAGS 0b0101, 67			/* movs sets N and Z... */
	SET_FLAGS 0b0111
	movs	r0, #1
	CHECK_FLAGS 0b0011, 68			/* ...and keeps C and V */

	/* muls sets N and Z. */
	ldr	r0, =0x10001
	ldr	r1, =0xffff
	SET_FLAGS 0b0001
	muls	r1, r0
	CHECK_FLAGS 0b1001, 70
	CHECK_EQ r1, 0xffffffff, 69
	ldr	r0, =0x80000000
	movs	r1, #2
	muls	r1, r0
	CHECK_EQ r1, 0, 71

	/* sp arithmetic and adr. */
	mov	r4, sp
	sub	sp, #16
	add	r0, sp, #8
	mov	r1, sp
	subs	r2, r4, r1
	CHECK_EQ r2, 16, 72
	subs	r0, r0, r1
	CHECK_EQ r0, 8, 73
	add	sp, #16
	mov	r1, sp
	CHECK_REG r1, r4, 74
	movs	r0, #12
	add	sp, r0				/* add sp, rm (high form) */
	mov	r1, sp
	subs	r1, r1, r4
	CHECK_EQ r1, 12, 75
	mov	sp, r4
	adr	r0, lit
	ldr	r1, [r0]
	CHECK_EQ r1, 0x600dcafe, 76
	add	r0, pc				/* reads pc = this insn + 4 */
here:
	/* r0 = lit + here + 2; recompute and compare. */
	ldr	r2, =lit
	ldr	r3, =here + 2
	adds	r2, r3
	subs	r0, r0, r2
	CHECK_EQ r0, 0, 77

	pop	{pc}

	.balign	4
lit:	.word	0x600dcafe
