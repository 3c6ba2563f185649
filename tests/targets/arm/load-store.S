/*
 * load-store.S: ARMv6-M loads and stores: word/half/byte with immediate
 * and register offsets, sign-extending loads, sp-relative and literal
 * loads, ldm/stm with and without write-back, push/pop (with lr and pc).
 */
#include "test-macros.h"

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{lr}

	ldr	r0, =buf
	ldr	r1, =0x89abcdef
	/* str/ldr with immediate offsets (scaled by 4). */
	str	r1, [r0]
	str	r1, [r0, #124]
	ldr	r2, [r0, #124]
	CHECK_EQ r2, 0x89abcdef, 1
	/* Little-endian bytes and halves. */
	ldrb	r2, [r0]
	CHECK_EQ r2, 0xef, 2
	ldrb	r2, [r0, #3]
	CHECK_EQ r2, 0x89, 3
	ldrh	r2, [r0, #2]
	CHECK_EQ r2, 0x89ab, 4
	ldrh	r2, [r0]
	CHECK_EQ r2, 0xcdef, 5
	/* Register offsets and sign extension. */
	movs	r3, #3
	ldrsb	r2, [r0, r3]
	CHECK_EQ r2, 0xffffff89, 6
	movs	r3, #1
	ldrsb	r2, [r0, r3]
	CHECK_EQ r2, 0xffffffcd, 7
	movs	r3, #2
	ldrsh	r2, [r0, r3]
	CHECK_EQ r2, 0xffff89ab, 8
	ldr	r4, =0x7f7f
	strh	r4, [r0, #4]
	movs	r3, #4
	ldrsh	r2, [r0, r3]
	CHECK_EQ r2, 0x7f7f, 9
	ldrb	r2, [r0, r3]
	CHECK_EQ r2, 0x7f, 10
	ldrh	r2, [r0, r3]
	CHECK_EQ r2, 0x7f7f, 11
	movs	r3, #8
	str	r1, [r0, r3]
	ldr	r2, [r0, r3]
	CHECK_EQ r2, 0x89abcdef, 12
	/* Narrow stores change only their bytes. */
	movs	r4, #0x55
	strb	r4, [r0, #9]
	ldr	r2, [r0, #8]
	CHECK_EQ r2, 0x89ab55ef, 13
	movs	r3, #10
	ldr	r4, =0x11223344
	strh	r4, [r0, r3]
	ldr	r2, [r0, #8]
	CHECK_EQ r2, 0x334455ef, 14
	movs	r3, #11
	strb	r4, [r0, r3]
	ldr	r2, [r0, #8]
	CHECK_EQ r2, 0x444455ef, 15
	ldrh	r2, [r0, #30]			/* largest halfword immediate is 62 */
	ldr	r4, =0xbeef
	strh	r4, [r0, #62]
	ldrh	r2, [r0, #62]
	CHECK_EQ r2, 0xbeef, 16
	movs	r4, #0xa5
	strb	r4, [r0, #31]
	ldrb	r2, [r0, #31]
	CHECK_EQ r2, 0xa5, 17

	/* sp-relative. */
	sub	sp, #8
	str	r1, [sp, #4]
	ldr	r2, [sp, #4]
	add	sp, #8
	CHECK_EQ r2, 0x89abcdef, 18
	/* Literal. */
	ldr	r2, lit
	CHECK_EQ r2, 0x0badf00d, 19

	/* stm/ldm: write-back, register order = address order. */
	ldr	r0, =buf
	movs	r1, #1
	movs	r2, #2
	movs	r3, #3
	mov	r4, r0
	stmia	r4!, {r1, r2, r3}
	subs	r4, r4, r0
	CHECK_EQ r4, 12, 20
	mov	r4, r0
	ldmia	r4!, {r5, r6}
	CHECK_EQ r5, 1, 21
	CHECK_EQ r6, 2, 22
	subs	r4, r4, r0
	CHECK_EQ r4, 8, 23
	/* ldm with the base in the list: no write-back, base loaded. */
	ldr	r0, =buf
	ldmia	r0, {r0, r1}
	CHECK_EQ r0, 1, 24
	CHECK_EQ r1, 2, 25

	/* push/pop: lowest register at the lowest address. */
	mov	r4, sp
	movs	r1, #11
	movs	r2, #22
	push	{r1, r2}
	ldr	r3, [sp]
	CHECK_EQ r3, 11, 26
	ldr	r3, [sp, #4]
	CHECK_EQ r3, 22, 27
	pop	{r5, r6}
	CHECK_EQ r5, 11, 28
	CHECK_EQ r6, 22, 29
	mov	r3, sp
	CHECK_REG r3, r4, 30
	/* pop {pc} as a return, push {lr}. */
	bl	leaf
	CHECK_EQ r0, 0x1234, 31

	pop	{pc}

	.thumb_func
leaf:
	push	{r4, lr}
	ldr	r0, =0x1234
	pop	{r4, pc}

	.balign	4
lit:	.word	0x0badf00d

	.data
	.balign	4
buf:	.space	128
