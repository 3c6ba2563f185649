/*
 * faults.S: ARMv7-M configurable faults.  With SHCSR's enables set: a
 * UsageFault for an undefined instruction (CFSR.UNDEFINSTR), for a
 * division by zero with CCR.DIV_0_TRP (DIVBYZERO), for an unaligned word
 * access with CCR.UNALIGN_TRP (UNALIGNED), for an invalid EPSR.T state
 * (INVSTATE, after bx to an even address), and a precise BusFault on a
 * load from nowhere (PRECISERR, BFAR valid with the address).  With the
 * enables clear, the same faults escalate to HardFault with HFSR.FORCED.
 * CFSR bits are write-1-to-clear.
 */
#include "test-macros.h"

	.equ	UFSR_UNDEFINSTR, 1 << 16
	.equ	UFSR_INVSTATE, 1 << 17
	.equ	UFSR_UNALIGNED, 1 << 24
	.equ	UFSR_DIVBYZERO, 1 << 25
	.equ	BFSR_PRECISERR, 1 << 9
	.equ	BFSR_BFARVALID, 1 << 15
	.equ	HFSR_FORCED, 1 << 30
	.equ	SHCSR_ENABLES, (1 << 18) | (1 << 17) | (1 << 16)	/* usage, bus, mem */

/* Runs \insn (at label \at), expecting exception \exc to be taken with
 * CFSR == \cfsr, then clears CFSR. */
	.macro	EXPECT_FAULT exc, cfsr, n
	LOAD32	r1, count
	CHECK_EQ r1, 1, \n
	LOAD32	r1, seen_ipsr
	CHECK_EQ r1, \exc, \n + 1
	LOAD32	r1, CFSR
	CHECK_EQ r1, \cfsr, \n + 2
	STORE32	CFSR, 0xffffffff		/* write 1 to clear */
	LOAD32	r1, CFSR
	CHECK_EQ r1, 0, \n + 3
	STORE32	count, 0
	.endm

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{r4-r6, lr}

	SET_HANDLER 3, skip_handler
	SET_HANDLER 5, skip_handler
	SET_HANDLER 6, skip_handler
	STORE32	SHCSR, SHCSR_ENABLES
	dsb
	isb
	LOAD32	r1, SHCSR
	CHECK_EQ r1, SHCSR_ENABLES, 1
	STORE32	count, 0

	/* Undefined instruction (32-bit udf.w). */
	STORE32	skip, 4
undef_insn:
	udf.w	#0
	EXPECT_FAULT 6, UFSR_UNDEFINSTR, 2
	LOAD32	r1, seen_pc
	CHECK_EQ r1, undef_insn, 6

	/* Division by zero, trapped. */
	STORE32	CCR, (1 << 4) | (1 << 9)	/* DIV_0_TRP, STKALIGN kept */
	dsb
	isb					/* SCS writes take effect after a barrier */
	movs	r2, #0
	movs	r3, #1
	udiv	r3, r3, r2
	EXPECT_FAULT 6, UFSR_DIVBYZERO, 7

	/* Unaligned word access, trapped (halfword too). */
	STORE32	CCR, (1 << 3) | (1 << 9)	/* UNALIGN_TRP */
	dsb
	isb					/* SCS writes take effect after a barrier */
	ldr	r2, =scratch + 1
	STORE32	skip, 2
	ldr	r3, [r2]
	EXPECT_FAULT 6, UFSR_UNALIGNED, 11
	ldrh	r3, [r2]
	EXPECT_FAULT 6, UFSR_UNALIGNED, 15
	ldrb	r3, [r2]			/* bytes are always fine */
	LOAD32	r1, count
	CHECK_EQ r1, 0, 19
	STORE32	CCR, 1 << 9
	dsb
	isb					/* SCS writes take effect after a barrier */

	/* Precise BusFault, with the address in BFAR. */
	ldr	r2, =BAD_ADDR + 0x40
	STORE32	skip, 2
	ldr	r3, [r2]
	EXPECT_FAULT 5, BFSR_PRECISERR | BFSR_BFARVALID, 20
	LOAD32	r1, BFAR
	CHECK_EQ r1, BAD_ADDR + 0x40, 24

	/* bx to an even address clears EPSR.T: INVSTATE on the next
	 * instruction; the handler sets T again and returns to it. */
	SET_HANDLER 6, thumb_handler
	ldr	r2, =after_arm
	bx	r2				/* bit 0 clear */
	FAIL	25
after_arm:
	EXPECT_FAULT 6, UFSR_INVSTATE, 26
	SET_HANDLER 6, skip_handler

	/* Enables off: the same faults arrive as HardFault, FORCED. */
	STORE32	SHCSR, 0
	dsb
	isb
	STORE32	skip, 4
	udf.w	#1
	LOAD32	r1, seen_ipsr
	CHECK_EQ r1, 3, 30
	LOAD32	r1, HFSR
	CHECK_EQ r1, HFSR_FORCED, 31
	LOAD32	r1, CFSR
	CHECK_EQ r1, UFSR_UNDEFINSTR, 32	/* still says why */
	STORE32	HFSR, HFSR_FORCED		/* write 1 to clear */
	STORE32	CFSR, 0xffffffff
	LOAD32	r1, HFSR
	CHECK_EQ r1, 0, 33
	ldr	r2, =BAD_ADDR
	STORE32	skip, 2
	ldr	r3, [r2]
	LOAD32	r1, seen_ipsr
	CHECK_EQ r1, 3, 34
	LOAD32	r1, CFSR
	CHECK_EQ r1, BFSR_PRECISERR | BFSR_BFARVALID, 35
	STORE32	CFSR, 0xffffffff
	STORE32	HFSR, 0xffffffff

	pop	{r4-r6, pc}

/* Records the fault and resumes `skip` bytes after the faulting pc. */
	.thumb_func
skip_handler:
	mrs	r0, msp
	ldr	r1, [r0, #24]
	ldr	r2, =seen_pc
	str	r1, [r2]
	ldr	r2, =skip
	ldr	r2, [r2]
	add	r1, r2
	str	r1, [r0, #24]
	b	note

/* Sets the stacked xPSR's T bit so the return runs Thumb again. */
	.thumb_func
thumb_handler:
	mrs	r0, msp
	ldr	r1, [r0, #28]
	orr	r1, r1, #1 << 24
	str	r1, [r0, #28]
	ldr	r1, [r0, #24]
	ldr	r2, =seen_pc
	str	r1, [r2]
note:
	mrs	r1, ipsr
	ldr	r2, =seen_ipsr
	str	r1, [r2]
	ldr	r0, =count
	ldr	r1, [r0]
	adds	r1, #1
	str	r1, [r0]
	bx	lr

	.data
	.balign	4
seen_pc:	.word	0
seen_ipsr:	.word	0
count:		.word	0
skip:		.word	0
scratch:	.word	0, 0
