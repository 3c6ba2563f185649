/*
 * mul-div.S: ARMv7-M multiply and divide: mul (32-bit form), mla, mls,
 * umull smull umlal smlal, sdiv udiv including division by zero (result
 * 0 while CCR.DIV_0_TRP is clear) and INT_MIN / -1.
 */
#include "test-macros.h"

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{r4-r6, lr}

	ldr	r0, =123456789
	ldr	r1, =987654321
	mul	r2, r0, r1
	CHECK_EQ r2, 0xfbff5385, 1	/* low word of the product */
	SET_FLAGS 0b1111
	mul.w	r2, r0, r1			/* no flags from the wide form */
	CHECK_FLAGS 0b1111, 2
	movs	r3, #10
	mla	r2, r0, r3, r1			/* 1234567890 + 987654321 */
	CHECK_EQ r2, 2222222211, 3
	mls	r2, r0, r3, r1			/* 987654321 - 1234567890 */
	CHECK_EQ r2, -246913569, 4

	/* 64-bit products: {hi, lo}. */
	ldr	r0, =0xffffffff
	ldr	r1, =0xffffffff
	umull	r2, r3, r0, r1
	CHECK_EQ r2, 0x00000001, 5
	CHECK_EQ r3, 0xfffffffe, 6
	smull	r2, r3, r0, r1			/* -1 * -1 */
	CHECK_EQ r2, 1, 7
	CHECK_EQ r3, 0, 8
	ldr	r0, =0x80000000
	ldr	r1, =0x7fffffff
	smull	r2, r3, r0, r1
	CHECK_EQ r2, 0x80000000, 9
	CHECK_EQ r3, 0xc0000000, 10
	umull	r2, r3, r0, r1
	CHECK_EQ r2, 0x80000000, 11
	CHECK_EQ r3, 0x3fffffff, 12
	/* Accumulating: {r3, r2} += product, carry between the halves. */
	ldr	r2, =0xffffffff
	movs	r3, #1
	movs	r0, #1
	movs	r1, #1
	umlal	r2, r3, r0, r1
	CHECK_EQ r2, 0, 13
	CHECK_EQ r3, 2, 14
	movs	r2, #0
	movs	r3, #0
	ldr	r0, =-3
	movs	r1, #5
	smlal	r2, r3, r0, r1
	CHECK_EQ r2, -15, 15
	CHECK_EQ r3, 0xffffffff, 16
	smlal	r2, r3, r0, r0			/* -15 + 9 */
	CHECK_EQ r2, -6, 17
	CHECK_EQ r3, 0xffffffff, 18

	/* Division rounds towards zero. */
	ldr	r0, =100
	movs	r1, #7
	udiv	r2, r0, r1
	CHECK_EQ r2, 14, 19
	sdiv	r2, r0, r1
	CHECK_EQ r2, 14, 20
	ldr	r0, =-100
	sdiv	r2, r0, r1
	CHECK_EQ r2, -14, 21
	udiv	r2, r0, r1			/* 0xffffff9c / 7 */
	CHECK_EQ r2, 613566742, 22
	ldr	r1, =-7
	sdiv	r2, r0, r1
	CHECK_EQ r2, 14, 23
	ldr	r0, =0xffffffff
	movs	r1, #1
	udiv	r2, r0, r1
	CHECK_EQ r2, 0xffffffff, 24
	/* Overflow: INT_MIN / -1 = INT_MIN, no trap. */
	ldr	r0, =0x80000000
	ldr	r1, =-1
	sdiv	r2, r0, r1
	CHECK_EQ r2, 0x80000000, 25
	/* By zero: 0 (DIV_0_TRP clear; faults.S traps it). */
	movs	r1, #0
	udiv	r2, r0, r1
	CHECK_EQ r2, 0, 26
	sdiv	r2, r0, r1
	CHECK_EQ r2, 0, 27
	SET_FLAGS 0b1111
	udiv	r2, r0, r0
	CHECK_FLAGS 0b1111, 28			/* no flags */
	CHECK_EQ r2, 1, 29

	pop	{r4-r6, pc}
