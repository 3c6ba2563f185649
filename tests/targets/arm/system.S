/*
 * system.S: ARMv7-M system registers and privilege: BASEPRI (and
 * BASEPRI_MAX only raising it), FAULTMASK and cpsid/cpsie f, priority
 * grouping of SVC against a masked interrupt, unprivileged thread mode
 * (CONTROL.nPRIV: msr ignored, a system register access faults) and the
 * way back through an SVC handler, VTOR moving the vector table to RAM,
 * STIR pending an external interrupt, and the 32-bit barrier and hint
 * encodings.
 */
#include "test-macros.h"

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{r4-r6, lr}

	/* BASEPRI reads back the implemented priority bits (QEMU and Medley
	 * implement 3 on the M3, so 0x60 stays 0x60). */
	movs	r0, #0x60
	msr	basepri, r0
	mrs	r1, basepri
	CHECK_EQ r1, 0x60, 1
	movs	r0, #0x80
	msr	basepri_max, r0			/* lower priority: ignored */
	mrs	r1, basepri
	CHECK_EQ r1, 0x60, 2
	movs	r0, #0x20
	msr	basepri_max, r0			/* higher: taken */
	mrs	r1, basepri
	CHECK_EQ r1, 0x20, 3

	/* An interrupt at priority 0x40 is held back by BASEPRI 0x20... */
	SET_HANDLER 16 + 3, count_handler
	STORE32	count, 0
	STORE32	NVIC_IPR, 0x40000000		/* IRQ 3's byte */
	STORE32	NVIC_ISER, 1 << 3
	STORE32	STIR, 3				/* software trigger */
	dsb
	isb
	LOAD32	r1, count
	CHECK_EQ r1, 0, 4
	/* ...and runs when BASEPRI drops to 0 (no masking). */
	movs	r0, #0
	msr	basepri, r0
	isb
	LOAD32	r1, count
	CHECK_EQ r1, 1, 5

	/* FAULTMASK masks it too; cpsie f clears it. */
	cpsid	f
	mrs	r1, faultmask
	CHECK_EQ r1, 1, 6
	STORE32	NVIC_ISPR, 1 << 3
	isb
	LOAD32	r1, count
	CHECK_EQ r1, 1, 7
	cpsie	f
	isb
	LOAD32	r1, count
	CHECK_EQ r1, 2, 8
	movs	r0, #1
	msr	faultmask, r0
	mrs	r1, faultmask
	CHECK_EQ r1, 1, 9
	movs	r0, #0
	msr	faultmask, r0
	STORE32	NVIC_ICER, 1 << 3

	/* Unprivileged thread mode: msr to a mask register is ignored, and
	 * only an exception gets privilege back. */
	SET_HANDLER 11, svc_privileged
	movs	r0, #1
	msr	control, r0			/* nPRIV */
	isb
	mrs	r1, control
	CHECK_EQ r1, 1, 10
	movs	r0, #1
	msr	primask, r0			/* ignored */
	mrs	r1, primask
	CHECK_EQ r1, 0, 11
	movs	r0, #0
	msr	control, r0			/* ignored too */
	mrs	r1, control
	CHECK_EQ r1, 1, 12
	/* An SCS access faults unprivileged: a HardFault here (no
	 * BusFault enable), which the handler steps over. */
	SET_HANDLER 3, skip_handler
	STORE32	count, 0			/* RAM: fine unprivileged */
	ldr	r2, =ICSR
fault_load:
	ldr	r1, [r2]
	LOAD32	r1, count
	CHECK_EQ r1, 1, 13
	svc	#0				/* clears nPRIV */
	mrs	r1, control
	CHECK_EQ r1, 0, 14

	/* VTOR: a copy of the table in RAM whose SVC entry differs. */
	ldr	r0, =0
	ldr	r1, =ram_vectors
	movs	r2, #0
1:	ldr	r3, [r0, r2]
	str	r3, [r1, r2]
	adds	r2, #4
	cmp	r2, #4 * 48
	bne	1b
	ldr	r3, =svc_from_ram
	str	r3, [r1, #4 * 11]
	STORE32	VTOR, ram_vectors
	dsb
	isb
	LOAD32	r1, VTOR
	CHECK_EQ r1, ram_vectors, 15
	movs	r0, #0
	svc	#1
	CHECK_EQ r0, 0x5a, 16
	STORE32	VTOR, 0
	dsb
	isb

	/* 32-bit barriers and hints. */
	dmb.w	sy
	dsb.w	sy
	isb.w	sy
	nop.w
	yield.w
	movs	r0, #1
	CHECK_EQ r0, 1, 17

	pop	{r4-r6, pc}

	.thumb_func
count_handler:
	ldr	r0, =count
	ldr	r1, [r0]
	adds	r1, #1
	str	r1, [r0]
	bx	lr

/* Gives thread mode its privilege back. */
	.thumb_func
svc_privileged:
	mrs	r0, control
	bic	r0, r0, #1
	msr	control, r0
	bx	lr

	.thumb_func
svc_from_ram:
	mrs	r0, msp
	movs	r1, #0x5a
	str	r1, [r0]			/* the caller's r0 */
	bx	lr

/* Resumes after the faulting 16-bit instruction. */
	.thumb_func
skip_handler:
	mrs	r0, msp
	ldr	r1, [r0, #24]
	adds	r1, #2
	str	r1, [r0, #24]
	ldr	r0, =count
	ldr	r1, [r0]
	adds	r1, #1
	str	r1, [r0]
	bx	lr

	.data
	/* VTOR needs the table aligned to its size rounded up to a power of
	 * two: 48 entries -> 256 bytes. */
	.balign	256
ram_vectors:
	.space	4 * 48
count:	.word	0
