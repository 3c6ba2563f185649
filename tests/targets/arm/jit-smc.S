/*
 * jit-smc.S: code that is hard on a translating tier (docs/translator.md,
 * "Invalidation"), checked for its results here and, by
 * test-jit-lockstep, for the same counts, times and registers in both
 * tiers.  No barrier or cache maintenance anywhere: Medley promises that
 * a store to an instruction is seen by the next instruction fetched, in
 * both tiers (QEMU sees it only after its current block: Medley only).
 *   1. an instruction two instructions after the store that patches it,
 *      in the same block, rewritten on each of 255 iterations;
 *   2. a called function patched between calls, 200 times;
 *   3. a 32-bit instruction replaced by two 16-bit ones and back;
 *   4. the instruction right after the store, ten times over;
 *   5. an instruction inside an IT block patched on each iteration;
 *   6. a straight run entered at its start, in its middle, at +2 and at
 *      its start again;
 *   7. a load fault after three instructions of a straight run (the three
 *      took effect, nothing after, the stacked pc exact);
 *   8. a jump into device memory (a fetch fault at the target: it is
 *      interpreted, never translated);
 *   9. a hot loop storing to data in the same page as code;
 *  10. an instruction in the same block, then a called function, patched
 *      through the board's mirror of the code's RAM (0x00400000 maps
 *      SSRAM1 again, boards/cortex-m3.dts and QEMU's mps2-an385);
 *  11. a literal in RAM patched between calls of the function that loads
 *      it.
 * Built for the ARMv7-M core, whose code at 0 is RAM.
 */
#include "test-macros.h"

/* adds r0, #imm8 (outside an IT block; add r0, #imm8 inside one) */
	.equ	ADDS_R0, 0x3000
/* movs r0, #imm8 */
	.equ	MOVS_R0, 0x2000
/* the mirror of the code's RAM (SSRAM1 at 0 again at 0x00400000) */
	.equ	MIRROR, 0x00400000

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{r4-r7, lr}
	SET_HANDLER 3, resume_handler

	/* 1: adds r0, #i on i = 0..254: 32385 */
	movs	r0, #0
	movs	r2, #0
	ldr	r1, =p1
	bic	r1, r1, #1
1:	movw	r3, #ADDS_R0
	orr	r3, r3, r2
	strh	r3, [r1]
	nop
	nop
p1:	adds	r0, #0
	adds	r2, #1
	cmp	r2, #255
	bne	1b
	CHECK_EQ r0, 32385, 1

	/* 2: fn_a returns what the last patch made it return */
	ldr	r4, =fn_a
	bic	r5, r4, #1
	movs	r6, #1
1:	blx	r4
	subs	r3, r6, #1
	CHECK_REG r0, r3, 2
	movw	r3, #MOVS_R0
	orr	r3, r3, r6
	strh	r3, [r5]
	adds	r6, #1
	cmp	r6, #200
	bne	1b

	/* 3: movw r0, #11; then movs r0, #20 + adds r0, #3; then movw r0, #12 */
	ldr	r4, =fn_b
	bic	r5, r4, #1
	blx	r4
	CHECK_EQ r0, 11, 3
	ldr	r3, =(ADDS_R0 | 3) << 16 | MOVS_R0 | 20
	str	r3, [r5]
	blx	r4
	CHECK_EQ r0, 23, 4
	ldr	r3, =12 << 16 | 0xf240
	str	r3, [r5]
	blx	r4
	CHECK_EQ r0, 12, 5

	/* 4: the next instruction: 0 + 1 + ... + 9 */
	movs	r0, #0
	movs	r2, #0
	ldr	r1, =p4
	bic	r1, r1, #1
1:	movw	r3, #ADDS_R0
	orr	r3, r3, r2
	strh	r3, [r1]
p4:	adds	r0, #0
	adds	r2, #1
	cmp	r2, #10
	bne	1b
	CHECK_EQ r0, 45, 6

	/* 5: inside an IT block: add r0, #i on i = 0..99, never the sub */
	movs	r0, #0
	movs	r2, #0
	ldr	r1, =p5
	bic	r1, r1, #1
1:	movw	r3, #ADDS_R0
	orr	r3, r3, r2
	strh	r3, [r1]
	cmp	r2, r2
	ite	eq
p5:	addeq	r0, #0
	subne	r0, #100
	adds	r2, #1
	cmp	r2, #100
	bne	1b
	CHECK_EQ r0, 4950, 7

	/* 6: into the middle of a translated run */
	ldr	r4, =run16
	movs	r0, #0
	blx	r4
	CHECK_EQ r0, 16, 8
	movs	r0, #0
	adds	r3, r4, #20			/* the eleventh adds */
	blx	r3
	CHECK_EQ r0, 6, 9
	movs	r0, #0
	adds	r3, r4, #2
	blx	r3
	CHECK_EQ r0, 15, 10
	movs	r0, #0
	blx	r4
	CHECK_EQ r0, 16, 11

	/* 7: a load fault after three instructions */
	ldr	r3, =after7
	ldr	r2, =resume
	str	r3, [r2]
	ldr	r2, =BAD_ADDR
	movs	r0, #0
	movs	r1, #0
	adds	r0, #1
	adds	r0, #2
	adds	r0, #3
fault7:	ldr	r1, [r2]
	adds	r0, #100
	FAIL	12
after7:	CHECK_EQ r0, 6, 13
	CHECK_EQ r1, 0, 14
	LOAD32	r3, seen_pc
	CHECK_EQ r3, fault7, 15

	/* 8: a jump into the UART's registers */
	ldr	r3, =after8
	ldr	r2, =resume
	str	r3, [r2]
	ldr	r2, =0x40004001
	bx	r2
	FAIL	16
after8:	LOAD32	r3, seen_pc
	CHECK_EQ r3, 0x40004000, 17

	/* 9: data next to code: the sum of 0..1999 */
	ldr	r1, =near
	movs	r2, #0
	movs	r0, #0
	movw	r3, #2000
1:	ldr	r4, [r1]
	add	r4, r4, r2
	str	r4, [r1]
	add	r0, r0, r4
	adds	r2, #1
	cmp	r2, r3
	blt	1b
	ldr	r4, [r1]
	CHECK_EQ r4, 1999000, 18

	/* 10: as 1 and 2, the stores through the mirror */
	movs	r0, #0
	movs	r2, #0
	ldr	r1, =p10 + MIRROR
	bic	r1, r1, #1
1:	movw	r3, #ADDS_R0
	orr	r3, r3, r2
	strh	r3, [r1]
	nop
	nop
p10:	adds	r0, #0
	adds	r2, #1
	cmp	r2, #100
	bne	1b
	CHECK_EQ r0, 4950, 19
	ldr	r4, =fn_c
	ldr	r5, =fn_c + MIRROR
	bic	r5, r5, #1
	movs	r6, #1
1:	blx	r4
	subs	r3, r6, #1
	CHECK_REG r0, r3, 20
	movw	r3, #MOVS_R0
	orr	r3, r3, r6
	strh	r3, [r5]
	adds	r6, #1
	cmp	r6, #50
	bne	1b

	/* 11: fn_d returns its literal, rewritten before each call */
	ldr	r4, =fn_d
	ldr	r5, =lit_d
	movs	r6, #1
	str	r6, [r5]
	blx	r4
	CHECK_REG r0, r6, 21
	movs	r6, #4
1:	str	r6, [r5]
	blx	r4
	CHECK_REG r0, r6, 22
	adds	r6, #3
	cmp	r6, #100
	blt	1b

	pop	{r4-r7, pc}

/* Records the stacked pc, resumes at `resume` (the faults escalate to
 * HardFault: SHCSR's enables are clear). */
	.thumb_func
resume_handler:
	mrs	r0, msp
	ldr	r1, [r0, #24]
	ldr	r2, =seen_pc
	str	r1, [r2]
	ldr	r2, =resume
	ldr	r2, [r2]
	bic	r2, r2, #1
	str	r2, [r0, #24]
	ldr	r1, =CFSR
	mov	r2, #0xffffffff
	str	r2, [r1]
	ldr	r1, =HFSR
	str	r2, [r1]
	bx	lr

	.thumb_func
fn_a:
	movs	r0, #0
	bx	lr

	.balign	4
	.thumb_func
fn_b:
	movw	r0, #11
	bx	lr

	.thumb_func
fn_d:
	ldr	r0, lit_d
	bx	lr
	.balign	4
lit_d:	.word	0

	.thumb_func
fn_c:
	movs	r0, #0
	bx	lr

	.thumb_func
run16:
	.rept	16
	adds	r0, #1
	.endr
	bx	lr

	.ltorg
	/* In .text, so next to code the core runs. */
	.balign	4
near:	.word	0

	.data
	.balign	4
seen_pc:	.word	0
resume:		.word	0
