/*
 * dwt.S: the DWT cycle counter of the Cortex-M3 with DEMCR.TRCENA: it
 * holds still until both TRCENA and CYCCNTENA are set, then counts one
 * per cycle (one per instruction in Medley's timing), can be written,
 * and stops again with TRCENA.  Medley only: QEMU 7.2 reads the DWT as
 * zeros.
 */
#include "test-macros.h"

	.equ	DEMCR, 0xe000edfc
	.equ	DWT_CTRL, 0xe0001000
	.equ	DWT_CYCCNT, 0xe0001004
	.equ	DWT_PID0, 0xe0001fe0

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{r4-r6, lr}

	LOAD32	r1, DWT_CTRL
	lsrs	r1, r1, #28
	CHECK_EQ r1, 4, 1			/* NUMCOMP */
	LOAD32	r1, DWT_PID0
	CHECK_EQ r1, 0x02, 2

	/* Not counting yet: CYCCNTENA alone does not start it. */
	STORE32	DWT_CTRL, 1
	LOAD32	r1, DWT_CYCCNT
	nop
	nop
	LOAD32	r2, DWT_CYCCNT
	CHECK_REG r1, r2, 3

	/* TRCENA: 100 rounds of two instructions, and a few around them. */
	STORE32	DEMCR, 1 << 24
	LOAD32	r1, DEMCR
	CHECK_EQ r1, 1 << 24, 4
	STORE32	DWT_CYCCNT, 0
	movs	r0, #100
1:	subs	r0, #1
	bne	1b
	LOAD32	r1, DWT_CYCCNT
	cmp	r1, #200
	bhs	2f
	FAIL	5
2:	cmp	r1, #210
	blo	3f
	FAIL	6
3:
	/* Written, it goes on from there. */
	STORE32	DWT_CYCCNT, 1000
	LOAD32	r1, DWT_CYCCNT
	ldr	r2, =1000
	subs	r1, r1, r2
	cmp	r1, #8
	blo	4f
	FAIL	7
4:
	/* Without TRCENA it holds. */
	STORE32	DEMCR, 0
	LOAD32	r1, DWT_CYCCNT
	nop
	nop
	LOAD32	r2, DWT_CYCCNT
	CHECK_REG r1, r2, 8
	STORE32	DWT_CTRL, 0
	pop	{r4-r6, pc}
