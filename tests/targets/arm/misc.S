/*
 * misc.S: the rest of ARMv6-M outside data processing and memory:
 * sign/zero extension, byte reversal, special registers through mrs/msr
 * (APSR, IPSR, PRIMASK, CONTROL, MSP, PSP), cps, barriers and hints.
 */
#include "test-macros.h"

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{lr}

	ldr	r0, =0x12348685
	sxtb	r1, r0
	CHECK_EQ r1, 0xffffff85, 1
	sxth	r1, r0
	CHECK_EQ r1, 0xffff8685, 2
	uxtb	r1, r0
	CHECK_EQ r1, 0x85, 3
	uxth	r1, r0
	CHECK_EQ r1, 0x8685, 4
	ldr	r0, =0x12345678
	sxtb	r1, r0
	CHECK_EQ r1, 0x78, 5
	sxth	r1, r0
	CHECK_EQ r1, 0x5678, 6

	rev	r1, r0
	CHECK_EQ r1, 0x78563412, 7
	rev16	r1, r0
	CHECK_EQ r1, 0x34127856, 8
	revsh	r1, r0
	CHECK_EQ r1, 0x7856, 9
	ldr	r0, =0x000080ff
	revsh	r1, r0
	CHECK_EQ r1, 0xffffff80, 10

	/* APSR through msr/mrs; IPSR reads 0 in thread mode. */
	ldr	r0, =0xf0000000
	msr	apsr_nzcvq, r0
	mrs	r1, apsr
	lsrs	r1, r1, #28
	CHECK_EQ r1, 0xf, 11
	mrs	r1, ipsr
	CHECK_EQ r1, 0, 12
	mrs	r1, xpsr
	lsls	r1, r1, #4			/* drop NZCV */
	lsrs	r1, r1, #4
	ldr	r2, =0x01000000			/* T bit (reads as 0 on v7-M) */
	bics	r1, r2
	CHECK_EQ r1, 0, 13

	/* PRIMASK via cps and msr. */
	cpsid	i
	mrs	r1, primask
	CHECK_EQ r1, 1, 14
	cpsie	i
	mrs	r1, primask
	CHECK_EQ r1, 0, 15
	movs	r0, #1
	msr	primask, r0
	mrs	r1, primask
	CHECK_EQ r1, 1, 16
	movs	r0, #0
	msr	primask, r0
	mrs	r1, primask
	CHECK_EQ r1, 0, 17

	/* MSP and PSP; CONTROL.SPSEL picks which one sp is in thread mode. */
	mrs	r1, msp
	mov	r2, sp
	CHECK_REG r1, r2, 18
	mrs	r1, control
	CHECK_EQ r1, 0, 19
	ldr	r0, =__process_stack
	msr	psp, r0
	mrs	r1, psp
	CHECK_REG r1, r0, 20
	mov	r4, sp
	movs	r0, #2
	msr	control, r0
	isb
	mov	r1, sp
	ldr	r2, =__process_stack
	CHECK_REG r1, r2, 21
	push	{r4}				/* on the process stack */
	mrs	r1, psp
	adds	r1, #4
	CHECK_REG r1, r2, 22
	mrs	r1, msp
	CHECK_REG r1, r4, 23
	pop	{r4}
	movs	r0, #0
	msr	control, r0
	isb
	mov	r1, sp
	CHECK_REG r1, r4, 24
	/* msr msp with bits 1:0 set: the stack pointers are word aligned. */
	ldr	r0, =__process_stack + 3
	msr	psp, r0
	mrs	r1, psp
	ldr	r2, =__process_stack
	CHECK_REG r1, r2, 25

	/* Barriers and hints do nothing visible; sev makes wfe return. */
	dmb	sy
	dsb	sy
	isb	sy
	nop
	yield
	sev
	wfe
	movs	r0, #1
	CHECK_EQ r0, 1, 26

	pop	{pc}
