/*
 * systick-device.S: SysTick, the core's own event (fired inside its run),
 * beside a device's events (a CMSDK timer's, which end the run): the
 * instants of both show in the registers, as in systick-instants.S, for
 * the lock-step harness's --step mode.
 *
 * Thread mode rewrites TIMER0's VALUE with a small count every fourth
 * round, so that the device's event is scheduled again inside the run,
 * often a few cycles before or after SysTick's next instant (the core is
 * kicked and must stop for it, its own event then fired in order by the
 * scheduler).  Both handlers fold the interrupted pc into r5; Thread mode
 * sums SYST_CVR into r4.  Fails (1) if TIMER0 never interrupted, (2) if
 * the hash stayed 0.
 *
 * Cortex-M3 on boards/cortex-m3.dts and QEMU's mps2-an385 (TIMER0 at
 * 0x40000000, IRQ 8).
 */
#include "test-macros.h"

	.equ	TIMER0, 0x40000000
	.equ	TICKS, 2000

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{r4, r5, lr}
	SET_HANDLER 15, tick
	SET_HANDLER 16 + 8, timer0
	STORE32	count, 0
	STORE32	tcount, 0
	movs	r4, #0
	movs	r5, #0
	STORE32	TIMER0 + 0x08, 97		/* RELOAD */
	STORE32	TIMER0 + 0x04, 97		/* VALUE */
	STORE32	NVIC_ISER, 1 << 8
	STORE32	TIMER0 + 0x00, 9		/* enable, interrupt enable */
	STORE32	SYST_RVR, 41
	STORE32	SYST_CVR, 0
	STORE32	SYST_CSR, 7

	ldr	r2, =SYST_CVR
	ldr	r3, =TIMER0 + 0x04
1:	ldr	r1, [r2]
	adds	r4, r4, r1
	lsls	r0, r4, #30			/* every fourth sum or so */
	bne	2f
	lsrs	r0, r4, #2
	movs	r1, #15
	ands	r0, r1
	adds	r0, #1
	str	r0, [r3]			/* VALUE = 1..16 */
2:	ldr	r1, =count
	ldr	r1, [r1]
	ldr	r0, =TICKS
	cmp	r1, r0
	blo	1b

	STORE32	SYST_CSR, 0
	STORE32	TIMER0 + 0x00, 0
	LOAD32	r1, tcount
	cmp	r1, #0
	bne	3f
	FAIL	1
3:	cmp	r5, #0
	bne	4f
	FAIL	2
4:	pop	{r4, r5, pc}

/* r5 = 31 r5 + the interrupted pc; count++ (r2: the counter). */
	.thumb_func
tick:
	ldr	r2, =count
	b	fold_and_count

/* Clears TIMER0's interrupt; then as tick, counting in tcount. */
	.thumb_func
timer0:
	ldr	r0, =TIMER0 + 0x0c
	movs	r1, #1
	str	r1, [r0]
	ldr	r2, =tcount
fold_and_count:
	FOLD_INTERRUPTED_PC
	ldr	r1, [r2]
	adds	r1, #1
	str	r1, [r2]
	bx	lr

	.data
	.balign	4
count:	.word	0
tcount:	.word	0
