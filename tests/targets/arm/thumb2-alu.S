/*
 * thumb2-alu.S: ARMv7-M 32-bit data processing: modified immediates (each
 * ThumbExpandImm pattern, and the carry a rotated one produces), shifted
 * register operands (lsl lsr asr ror rrx and their carry out), S and
 * non-S forms, adc sbc rsb orn teq cmn, movw/movt, addw/subw, shifts by
 * register, and operations on high registers.
 */
#include "test-macros.h"

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{lr}

	/* Modified immediates: 0x000000XY, 0x00XY00XY, 0xXY00XY00,
	 * 0xXYXYXYXY, and an 8-bit value rotated. */
	movs	r0, #0
	add.w	r1, r0, #0xab
	CHECK_EQ r1, 0xab, 1
	add.w	r1, r0, #0x00cd00cd
	CHECK_EQ r1, 0x00cd00cd, 2
	add.w	r1, r0, #0xef00ef00
	CHECK_EQ r1, 0xef00ef00, 3
	add.w	r1, r0, #0x5a5a5a5a
	CHECK_EQ r1, 0x5a5a5a5a, 4
	add.w	r1, r0, #0x3fc00
	CHECK_EQ r1, 0x3fc00, 5
	add.w	r1, r0, #0x80000000
	CHECK_EQ r1, 0x80000000, 6
	mov.w	r1, #0xff000000
	CHECK_EQ r1, 0xff000000, 7
	mvn.w	r1, #0xff
	CHECK_EQ r1, 0xffffff00, 8
	/* A logical op with a rotated immediate sets C from its bit 31. */
	SET_FLAGS 0b0000
	ands.w	r1, r0, #0x80000000
	CHECK_FLAGS 0b0110, 9
	SET_FLAGS 0b0010
	orrs.w	r1, r0, #0xff			/* unrotated: C kept */
	CHECK_FLAGS 0b0010, 10
	SET_FLAGS 0b0010
	movs.w	r1, #0x3fc00			/* rotated, bit 31 clear: C = 0 */
	CHECK_FLAGS 0b0000, 11

	/* Non-S forms leave flags alone. */
	SET_FLAGS 0b1111
	add.w	r1, r0, #1
	sub.w	r1, r1, #1
	and.w	r1, r1, #3
	CHECK_FLAGS 0b1111, 12

	/* Shifted register operands. */
	ldr	r2, =0x80000001
	movs	r0, #0
	add.w	r1, r0, r2, lsl #4
	CHECK_EQ r1, 0x00000010, 13
	add.w	r1, r0, r2, lsr #1
	CHECK_EQ r1, 0x40000000, 14
	add.w	r1, r0, r2, asr #4
	CHECK_EQ r1, 0xf8000000, 15
	add.w	r1, r0, r2, ror #4
	CHECK_EQ r1, 0x18000000, 16
	SET_FLAGS 0b0010
	add.w	r1, r0, r2, rrx
	CHECK_EQ r1, 0xc0000000, 17
	add.w	r1, r0, r2, lsr #32
	CHECK_EQ r1, 0, 18
	add.w	r1, r0, r2, asr #32
	CHECK_EQ r1, 0xffffffff, 19
	/* Carry out of the shifter for logical S ops. */
	SET_FLAGS 0b0000
	lsls.w	r1, r2, #1
	CHECK_FLAGS 0b0010, 20
	SET_FLAGS 0b0010
	lsrs.w	r1, r2, #2
	CHECK_FLAGS 0b0000, 21
	SET_FLAGS 0b0000
	ands.w	r1, r2, r2, ror #1		/* C = bit 0 shifted into 31 */
	CHECK_FLAGS 0b1010, 22
	SET_FLAGS 0b0000
	rrxs	r1, r2
	CHECK_FLAGS 0b0010, 23			/* C = old bit 0, N = old C */
	CHECK_EQ r1, 0x40000000, 24
	SET_FLAGS 0b0010
	rrxs	r1, r2
	CHECK_FLAGS 0b1010, 25

	/* Shifts by register (32-bit encodings). */
	movs	r3, #36
	lsl.w	r1, r2, r3
	CHECK_EQ r1, 0, 26
	movs	r3, #31
	asr.w	r1, r2, r3
	CHECK_EQ r1, 0xffffffff, 27
	movs	r3, #8
	ror.w	r1, r2, r3
	CHECK_EQ r1, 0x01800000, 28
	lsr.w	r1, r2, r3
	CHECK_EQ r1, 0x00800000, 29
	SET_FLAGS 0b0000
	movs	r3, #1
	lsrs.w	r1, r2, r3
	CHECK_FLAGS 0b0010, 30

	/* Arithmetic. */
	SET_FLAGS 0b0010
	movs	r0, #5
	adc.w	r1, r0, #10
	CHECK_EQ r1, 16, 31
	SET_FLAGS 0b0000
	sbc.w	r1, r0, #3
	CHECK_EQ r1, 1, 32
	rsb.w	r1, r0, #100
	CHECK_EQ r1, 95, 33
	rsb	r1, r0, r0, lsl #3		/* 8x - x */
	CHECK_EQ r1, 35, 34
	ldr	r3, =0x7fffffff
	adds.w	r1, r3, #1
	CHECK_FLAGS 0b1001, 35
	subs.w	r1, r0, #6
	CHECK_FLAGS 0b1000, 36
	rsbs.w	r1, r0, #5
	CHECK_FLAGS 0b0110, 37
	SET_FLAGS 0b0000
	sbcs.w	r1, r0, r0			/* 5 - 5 - 1 */
	CHECK_FLAGS 0b1000, 38
	CHECK_EQ r1, -1, 39
	cmn.w	r0, #5
	CHECK_FLAGS 0b0000, 40
	cmp.w	r0, #0x100
	CHECK_FLAGS 0b1000, 41
	cmp.w	r0, r0, lsl #1
	CHECK_FLAGS 0b1000, 42
	/* 64-bit addition through adds/adc. */
	ldr	r0, =0xffffffff
	movs	r1, #1
	ldr	r2, =0x00000001
	movs	r3, #2
	adds	r0, r0, r2
	adc.w	r1, r1, r3
	CHECK_EQ r0, 0, 43
	CHECK_EQ r1, 4, 44

	/* Logical. */
	ldr	r0, =0xf0f0f0f0
	orn	r1, r0, #0xff
	CHECK_EQ r1, 0xfffffff0, 45
	ldr	r2, =0x0000ffff
	orn	r1, r0, r2
	CHECK_EQ r1, 0xfffff0f0, 46
	eor.w	r1, r0, r2
	CHECK_EQ r1, 0xf0f00f0f, 47
	bic.w	r1, r0, #0xf0
	CHECK_EQ r1, 0xf0f0f000, 48
	SET_FLAGS 0b0000
	teq.w	r0, r0
	CHECK_FLAGS 0b0100, 49
	SET_FLAGS 0b0000
	teq.w	r0, #0x0f0f0f0f
	CHECK_FLAGS 0b1000, 50
	SET_FLAGS 0b0000
	tst.w	r0, #0x0f
	CHECK_FLAGS 0b0100, 51
	mvn.w	r1, r0, lsr #4
	CHECK_EQ r1, 0xf0f0f0f0, 52

	/* movw/movt, addw/subw (12-bit plain immediates). */
	movw	r1, #0xbeef
	movt	r1, #0xdead
	CHECK_EQ r1, 0xdeadbeef, 53
	movt	r1, #0
	CHECK_EQ r1, 0xbeef, 54
	movs	r0, #0
	addw	r1, r0, #0xfff
	CHECK_EQ r1, 0xfff, 55
	subw	r1, r1, #0x123
	CHECK_EQ r1, 0xedc, 56
	adr.w	r1, lit
	ldr	r1, [r1]
	CHECK_EQ r1, 0x7e57da7a, 57

	/* High registers everywhere. */
	ldr	r8, =1000
	add.w	r9, r8, #24
	sub	r10, r9, r8, lsl #1
	CHECK_EQ r10, -976, 58
	mov	r11, r9
	lsl.w	r12, r11, #2
	CHECK_EQ r12, 4096, 59
	/* 32-bit shifts by immediate with S. */
	SET_FLAGS 0b0000
	lsls.w	r1, r12, #20
	CHECK_FLAGS 0b0110, 60
	asrs.w	r1, r2, #15
	CHECK_FLAGS 0b0010, 61
	CHECK_EQ r1, 1, 62

	pop	{pc}

	.balign	4
lit:	.word	0x7e57da7a
