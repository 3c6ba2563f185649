/*
 * exceptions.S: the ARMv6-M exception model: SVC (stacked registers,
 * EXC_RETURN, changing the returned r0), PendSV, PRIMASK masking,
 * priorities and tail-chaining, a SysTick interrupt, an external
 * interrupt pended through the NVIC, HardFault on an undefined
 * instruction and on a bad address (returning past the faulting
 * instruction), and exceptions taken from thread mode on the process
 * stack.  Also passes on ARMv7-M, where the faults escalate to HardFault
 * because their own handlers are disabled.
 */
#include "test-macros.h"

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{r4-r6, lr}

	/* SVC: the handler sees the caller's r0-r3, r12, lr, pc, xpsr. */
	SET_HANDLER 11, svc_handler
	movs	r0, #7
	movs	r1, #8
	svc	#42
svc_return:
	CHECK_EQ r0, 7 + 8 + 42, 1		/* stacked r0 changed by the handler */
	LOAD32	r1, seen_lr
	CHECK_EQ r1, 0xfffffff9, 2		/* thread mode, main stack */
	LOAD32	r1, seen_pc
	CHECK_EQ r1, svc_return, 3
	LOAD32	r1, seen_ipsr
	CHECK_EQ r1, 11, 4
	mrs	r1, ipsr
	CHECK_EQ r1, 0, 5

	/* PendSV is taken as soon as it is pended... */
	SET_HANDLER 14, count_handler
	STORE32	count, 0
	STORE32	ICSR, ICSR_PENDSVSET
	dsb
	isb
	LOAD32	r1, count
	CHECK_EQ r1, 1, 6
	LOAD32	r1, seen_ipsr
	CHECK_EQ r1, 14, 7
	/* ...unless PRIMASK holds it back until cpsie. */
	cpsid	i
	STORE32	ICSR, ICSR_PENDSVSET
	dsb
	isb
	LOAD32	r1, count
	CHECK_EQ r1, 1, 8
	LOAD32	r1, ICSR
	ldr	r2, =ICSR_PENDSVSET
	ands	r1, r2
	CHECK_REG r1, r2, 9			/* shown as pending */
	cpsie	i
	isb
	LOAD32	r1, count
	CHECK_EQ r1, 2, 10

	/* Priorities: a lower-priority PendSV pended inside the SVC handler
	 * waits for it to return, then runs (tail-chained). */
	STORE32	SHPR3, 0x00c00000		/* PendSV priority 0xc0 */
	SET_HANDLER 11, svc_pends_handler
	SET_HANDLER 14, order_handler
	STORE32	order, 0
	svc	#1
	LOAD32	r1, order
	CHECK_EQ r1, 0x12, 11			/* SVC finished (1), then PendSV (2) */
	STORE32	SHPR3, 0

	/* SysTick: counts the processor clock down from RVR, interrupts at 0. */
	SET_HANDLER 15, count_handler
	STORE32	count, 0
	STORE32	SYST_RVR, 999
	STORE32	SYST_CVR, 0
	STORE32	SYST_CSR, 7			/* ENABLE | TICKINT | CLKSOURCE */
	ldr	r4, =10000000
1:	LOAD32	r1, count
	cmp	r1, #3
	bhs	2f
	subs	r4, #1
	bne	1b
	FAIL	12				/* no tick */
2:	STORE32	SYST_CSR, 0
	LOAD32	r1, seen_ipsr
	CHECK_EQ r1, 15, 13
	LOAD32	r1, SYST_RVR
	CHECK_EQ r1, 999, 14

	/* External interrupt 5: enabled, then pended by software. */
	SET_HANDLER 16 + 5, count_handler
	STORE32	count, 0
	STORE32	NVIC_ISPR, 1 << 5		/* pending but not enabled */
	isb
	LOAD32	r1, count
	CHECK_EQ r1, 0, 15
	LOAD32	r1, NVIC_ISPR
	CHECK_EQ r1, 1 << 5, 16
	STORE32	NVIC_ISER, 1 << 5
	dsb
	isb
	LOAD32	r1, count
	CHECK_EQ r1, 1, 17
	LOAD32	r1, seen_ipsr
	CHECK_EQ r1, 16 + 5, 18
	LOAD32	r1, NVIC_ISPR
	CHECK_EQ r1, 0, 19			/* taking it cleared pending */
	LOAD32	r1, NVIC_ISER
	CHECK_EQ r1, 1 << 5, 20
	STORE32	NVIC_ICER, 1 << 5
	LOAD32	r1, NVIC_ISER
	CHECK_EQ r1, 0, 21

	/* HardFault on a permanently undefined instruction; the handler
	 * steps over it. */
	SET_HANDLER 3, skip_handler
	STORE32	count, 0
undef_insn:
	.short	0xde00				/* udf #0 */
	LOAD32	r1, count
	CHECK_EQ r1, 1, 22
	LOAD32	r1, seen_pc
	CHECK_EQ r1, undef_insn, 23
	LOAD32	r1, seen_ipsr
	CHECK_EQ r1, 3, 24

	/* HardFault on a load from an address nothing answers. */
	ldr	r2, =BAD_ADDR
bad_load:
	ldr	r1, [r2]
	LOAD32	r1, count
	CHECK_EQ r1, 2, 25
	LOAD32	r1, seen_pc
	CHECK_EQ r1, bad_load, 26
	/* And on a store. */
bad_store:
	str	r1, [r2]
	LOAD32	r1, count
	CHECK_EQ r1, 3, 27

	/* Thread mode on the process stack: the frame goes to PSP and
	 * EXC_RETURN says so; sp is PSP again after the return. */
	SET_HANDLER 11, svc_handler
	mov	r4, sp
	ldr	r0, =__process_stack
	msr	psp, r0
	movs	r0, #2
	msr	control, r0
	isb
	movs	r0, #1
	movs	r1, #2
	svc	#3
	CHECK_EQ r0, 6, 28
	LOAD32	r1, seen_lr
	CHECK_EQ r1, 0xfffffffd, 29
	LOAD32	r1, seen_sp
	ldr	r2, =__process_stack - 32
	CHECK_REG r1, r2, 30			/* the 8-word frame on PSP */
	mov	r1, sp
	ldr	r2, =__process_stack
	CHECK_REG r1, r2, 31
	mrs	r1, msp
	CHECK_REG r1, r4, 32			/* MSP untouched */
	movs	r0, #0
	msr	control, r0
	isb

	pop	{r4-r6, pc}

/* Records what it sees and returns r0 + r1 + the SVC number in r0. */
	.thumb_func
svc_handler:
	mov	r3, lr
	ldr	r2, =seen_lr
	str	r3, [r2]
	movs	r1, #4
	tst	r3, r1
	beq	1f
	mrs	r0, psp
	b	2f
1:	mrs	r0, msp
2:	ldr	r2, =seen_sp
	str	r0, [r2]
	ldr	r1, [r0, #24]			/* stacked pc: after the svc */
	ldr	r2, =seen_pc
	str	r1, [r2]
	subs	r1, #2
	ldrb	r1, [r1]			/* the svc's immediate */
	ldr	r2, [r0]
	adds	r1, r2
	ldr	r2, [r0, #4]
	adds	r1, r2
	str	r1, [r0]			/* returned in r0 */
	mrs	r1, ipsr
	ldr	r2, =seen_ipsr
	str	r1, [r2]
	bx	lr

	.thumb_func
count_handler:
	ldr	r0, =count
	ldr	r1, [r0]
	adds	r1, #1
	str	r1, [r0]
	mrs	r1, ipsr
	ldr	r2, =seen_ipsr
	str	r1, [r2]
	bx	lr

/* Pends PendSV (lower priority), then notes it finished first. */
	.thumb_func
svc_pends_handler:
	ldr	r0, =ICSR
	ldr	r1, =ICSR_PENDSVSET
	str	r1, [r0]
	dsb
	isb
	ldr	r0, =order
	ldr	r1, [r0]
	lsls	r1, r1, #4
	adds	r1, #1
	str	r1, [r0]
	bx	lr

	.thumb_func
order_handler:
	ldr	r0, =order
	ldr	r1, [r0]
	lsls	r1, r1, #4
	adds	r1, #2
	str	r1, [r0]
	bx	lr

/* A fault handler that resumes after the faulting 16-bit instruction. */
	.thumb_func
skip_handler:
	mrs	r0, msp
	ldr	r1, [r0, #24]
	ldr	r2, =seen_pc
	str	r1, [r2]
	adds	r1, #2
	str	r1, [r0, #24]
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
seen_lr:	.word	0
seen_pc:	.word	0
seen_sp:	.word	0
seen_ipsr:	.word	0
count:		.word	0
order:		.word	0
