/*
 * bitfield.S: ARMv7-M bit manipulation: bfi bfc ubfx sbfx, clz rbit,
 * rev rev16 revsh (32-bit encodings), sign/zero extension with rotation,
 * and saturation (ssat usat, by shifted operands, setting the sticky Q).
 */
#include "test-macros.h"

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{lr}

	ldr	r0, =0xffffffff
	ldr	r1, =0x12345678
	mov	r2, r0
	bfi	r2, r1, #8, #12			/* r1's low 12 bits at bit 8 */
	CHECK_EQ r2, 0xfff678ff, 1
	mov	r2, r0
	bfi	r2, r1, #0, #32
	CHECK_EQ r2, 0x12345678, 2
	mov	r2, r0
	bfc	r2, #4, #24
	CHECK_EQ r2, 0xf000000f, 3
	mov	r2, r0
	bfc	r2, #31, #1
	CHECK_EQ r2, 0x7fffffff, 4
	ubfx	r2, r1, #4, #8
	CHECK_EQ r2, 0x67, 5
	sbfx	r2, r1, #4, #8
	CHECK_EQ r2, 0x67, 6
	sbfx	r2, r1, #8, #8			/* 0x56: positive */
	CHECK_EQ r2, 0x56, 7
	ldr	r3, =0x0000f000
	sbfx	r2, r3, #12, #4
	CHECK_EQ r2, -1, 8
	ubfx	r2, r1, #0, #32
	CHECK_REG r2, r1, 9
	sbfx	r2, r1, #31, #1
	CHECK_EQ r2, 0, 10

	clz	r2, r1
	CHECK_EQ r2, 3, 11
	movs	r3, #0
	clz	r2, r3
	CHECK_EQ r2, 32, 12
	clz	r2, r0
	CHECK_EQ r2, 0, 13
	movs	r3, #1
	clz	r2, r3
	CHECK_EQ r2, 31, 14
	rbit	r2, r1
	CHECK_EQ r2, 0x1e6a2c48, 15
	rbit	r2, r3
	CHECK_EQ r2, 0x80000000, 16
	rev.w	r2, r1
	CHECK_EQ r2, 0x78563412, 17
	rev16.w	r2, r1
	CHECK_EQ r2, 0x34127856, 18
	ldr	r3, =0x1234ff80
	revsh.w	r2, r3
	CHECK_EQ r2, 0xffff80ff, 19
	mov	r8, r1
	rev	r9, r8
	CHECK_EQ r9, 0x78563412, 20

	/* Extension with rotation by 8, 16, 24. */
	ldr	r3, =0x80ff7f01
	sxtb.w	r2, r3, ror #8
	CHECK_EQ r2, 0x7f, 21
	sxtb	r2, r3, ror #16
	CHECK_EQ r2, -1, 22
	uxtb	r2, r3, ror #24
	CHECK_EQ r2, 0x80, 23
	sxth	r2, r3, ror #16
	CHECK_EQ r2, 0xffff80ff, 24
	uxth	r2, r3, ror #8
	CHECK_EQ r2, 0xff7f, 25
	sxth	r2, r3, ror #24			/* wraps: bytes 3 and 0 */
	CHECK_EQ r2, 0x0180, 26
	uxtb.w	r8, r3
	CHECK_EQ r8, 0x01, 27

	/* Saturation: ssat to n bits is [-2^(n-1), 2^(n-1) - 1], usat to
	 * [0, 2^n - 1]; saturating sets Q, which only msr clears. */
	movs	r7, #0
	msr	apsr_nzcvq, r7
	movs	r3, #100
	ssat	r2, #8, r3
	CHECK_EQ r2, 100, 28
	mrs	r4, apsr
	and	r4, r4, #1 << 27		/* Q alone: the checks set NZCV */
	CHECK_EQ r4, 0, 29			/* no saturation, no Q */
	ssat	r2, #8, r3, lsl #2		/* 400 -> 127 */
	CHECK_EQ r2, 127, 30
	mrs	r4, apsr
	and	r4, r4, #1 << 27		/* Q alone: the checks set NZCV */
	CHECK_EQ r4, 1 << 27, 31		/* Q */
	ldr	r3, =-1000
	ssat	r2, #8, r3
	CHECK_EQ r2, -128, 32
	ssat	r2, #16, r3, asr #1
	CHECK_EQ r2, -500, 33
	ssat	r2, #1, r3
	CHECK_EQ r2, -1, 34
	ssat	r2, #32, r3
	CHECK_EQ r2, -1000, 35
	usat	r2, #8, r3
	CHECK_EQ r2, 0, 36
	movs	r3, #200
	usat	r2, #8, r3
	CHECK_EQ r2, 200, 37
	usat	r2, #7, r3
	CHECK_EQ r2, 127, 38
	usat	r2, #0, r3
	CHECK_EQ r2, 0, 39
	usat	r2, #31, r0			/* -1 -> 0 */
	CHECK_EQ r2, 0, 40
	ldr	r3, =0x7fffffff
	usat	r2, #31, r3
	CHECK_EQ r2, 0x7fffffff, 41
	mrs	r4, apsr
	and	r4, r4, #1 << 27		/* Q alone: the checks set NZCV */
	CHECK_EQ r4, 1 << 27, 42		/* Q still set from before */
	movs	r7, #0
	msr	apsr_nzcvq, r7
	mrs	r4, apsr
	and	r4, r4, #1 << 27		/* Q alone: the checks set NZCV */
	CHECK_EQ r4, 0, 43

	pop	{pc}
