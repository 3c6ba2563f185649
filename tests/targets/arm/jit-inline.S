/*
 * jit-inline.S: what the Thumb frontend of the translating tier took
 * inline after the executor had run it (targets/arm/arm-jit.c): adc and
 * sbc with the carry in set and clear, bfi and bfc at the edges of the
 * word, mov.w and mvn.w, tbb and tbh (the table's last entry, a table in
 * RAM, one ending an IT block), ldrd and strd (offsets, write-back, a
 * loaded base, an unaligned base's UsageFault and a BusFault with nothing
 * written back), ldrex/strex of each size (refused without a monitor, for
 * another address or size, after clrex, after an exception, and after the
 * value changed), and bx and pop {pc}.  Each check holds on QEMU
 * (isa-qemu) and the lock-step test compares every register of the two
 * tiers.
 */
#include "test-macros.h"

	.equ	UFSR_UNALIGNED, 1 << 24
	.equ	BFSR_PRECISERR, 1 << 9
	.equ	BFSR_BFARVALID, 1 << 15
	.equ	SHCSR_ENABLES, (1 << 18) | (1 << 17) | (1 << 16)
	.equ	CPUID, 0xe000ed00

/* Folds r2 and the flags into r5 (clobbers r12; flags kept). */
	.macro	ACC
	mrs	r12, apsr
	eor.w	r5, r12, r5, ror #7
	eor.w	r5, r5, r2
	.endm

/* Runs \insn with the carry in clear and set, folding each. */
	.macro	CARRY insn:vararg
	SET_FLAGS 0b0000
	\insn
	ACC
	SET_FLAGS 0b0010
	\insn
	ACC
	.endm

/* A fault was taken (\exc) with CFSR == \cfsr at pc \at; clears them. */
	.macro	EXPECT_FAULT exc, cfsr, at, n
	LOAD32	r1, count
	CHECK_EQ r1, 1, \n
	LOAD32	r1, seen_ipsr
	CHECK_EQ r1, \exc, \n + 1
	LOAD32	r1, CFSR
	CHECK_EQ r1, \cfsr, \n + 2
	LOAD32	r1, seen_pc
	CHECK_EQ r1, \at, \n + 3
	STORE32	CFSR, 0xffffffff
	STORE32	count, 0
	.endm

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{r4-r11, lr}

	/* ---- adc, sbc, mov.w, mvn.w over every pair of eight values ---- */
	movs	r5, #0
	ldr	r6, =values
	movs	r4, #0
outer:
	movs	r3, #0
inner:
	ldr.w	r0, [r6, r4, lsl #2]
	ldr.w	r1, [r6, r3, lsl #2]
	CARRY	adcs.w r2, r0, r1
	CARRY	sbcs.w r2, r0, r1
	CARRY	adc.w r2, r0, r1
	CARRY	sbc.w r2, r0, r1
	CARRY	adcs.w r2, r0, r1, lsl #7
	CARRY	sbcs.w r2, r0, r1, asr #3
	CARRY	sbcs.w r2, r0, r1, lsr #31
	CARRY	adcs.w r2, r0, #0xff00ff00
	CARRY	sbcs.w r2, r0, #1
	CARRY	adc.w r2, r0, #0x80000000
	CARRY	sbc.w r2, r0, #0
	CARRY	mov r2, r0; adcs r2, r1
	CARRY	mov r2, r0; sbcs r2, r1
	CARRY	mov r2, r1; sbcs r2, r2
	CARRY	mov r2, r1; adcs r2, r2
	/* the carry of an earlier instruction of the same block */
	cmp	r0, r1
	sbcs.w	r2, r0, r1
	adcs.w	r2, r2, r0
	ACC
	cmp	r1, r0
	adc.w	r2, r0, r1
	ACC
	/* under IT conditions, carry in and condition both from the flags */
	cmp	r0, r1
	ite	cs
	adccs.w	r2, r0, r1
	sbccc.w	r2, r1, r0
	ACC
	/* mov.w and mvn.w (Rn field 1111) */
	lsls.w	r2, r0, #1
	ACC
	mvns.w	r2, r1, asr #4
	ACC
	mov.w	r2, r1, lsr #9
	mvn.w	r2, r2
	ACC
	movs.w	r2, #0
	ACC
	mvns.w	r2, #0x80000000
	ACC
	cmp	r0, r1
	ite	hi
	movhi.w	r2, #0x1100
	mvnls.w	r2, r0, lsl #3
	ACC

	adds	r3, #1
	cmp	r3, #8
	bne	inner
	adds	r4, #1
	cmp	r4, #8
	bne	outer
sum_done:
	CHECK_EQ r5, 0x8db060a2, 1

	/* ---- bfi and bfc ---- */
	ldr	r0, =0x12345678
	ldr	r1, =0xffffffff
	mov	r2, r1
	bfi	r2, r0, #0, #32
	CHECK_EQ r2, 0x12345678, 2
	mov	r2, r1
	bfi	r2, r0, #31, #1
	CHECK_EQ r2, 0x7fffffff, 3
	movs	r2, #0
	bfi	r2, r1, #0, #1
	CHECK_EQ r2, 1, 4
	mov	r2, r1
	bfi	r2, r0, #8, #12
	CHECK_EQ r2, 0xfff678ff, 5
	mov	r2, r1
	bfc	r2, #0, #32
	CHECK_EQ r2, 0, 6
	mov	r2, r1
	bfc	r2, #31, #1
	CHECK_EQ r2, 0x7fffffff, 7
	mov	r2, r0
	bfc	r2, #4, #8
	CHECK_EQ r2, 0x12345008, 8
	mov	r2, r0
	bfi	r2, r2, #16, #16
	CHECK_EQ r2, 0x56785678, 9
	mov	r2, r0
	cmp	r2, r1
	ite	eq
	bfceq	r2, #0, #16
	bfine	r2, r1, #28, #4
	CHECK_EQ r2, 0xf2345678, 10

	/* ---- tbb and tbh ---- */
	movs	r4, #0
	movs	r3, #0
tb_loop:
	tbb	[pc, r3]
tbb_table:
	.byte	(tb_0 - tbb_table) / 2
	.byte	(tb_1 - tbb_table) / 2
	.byte	(tb_2 - tbb_table) / 2
	.byte	(tb_3 - tbb_table) / 2
	.byte	(tb_4 - tbb_table) / 2
	.balign	2
tb_0:	adds	r4, #1
	b	tb_next
tb_1:	adds	r4, #10
	b	tb_next
tb_2:	adds	r4, #100
	b	tb_next
tb_3:	addw	r4, r4, #1000
	b	tb_next
tb_4:	addw	r4, r4, #4000			/* the table's last entry */
tb_next:
	adds	r3, #1
	cmp	r3, #5
	bne	tb_loop
	CHECK_EQ r4, 5111, 11

	movs	r4, #0
	movs	r3, #0
	adr	r0, tbh_table
th_loop:
	cmp	r3, #3
	it	ls
	tbhls	[r0, r3, lsl #1]		/* ends its IT block */
th_base:
	b	th_out
	.balign	4
tbh_table:
	.hword	(th_0 - th_base) / 2
	.hword	(th_1 - th_base) / 2
	.hword	(th_2 - th_base) / 2
	.hword	(th_3 - th_base) / 2	/* the last entry */
th_0:	adds	r4, #3
	b	th_next
th_1:	adds	r4, #30
	b	th_next
th_2:	adds	r4, #300
	b	th_next
th_3:	addw	r4, r4, #3000
th_next:
	adds	r3, #1
	b	th_loop
th_out:
	CHECK_EQ r4, 3333, 12
	CHECK_EQ r3, 4, 13

	/* tbh [pc, ...] up to its last entry */
	movs	r4, #0
	movs	r3, #0
tp_loop:
	tbh	[pc, r3, lsl #1]
tp_table:
	.hword	(tp_0 - tp_table) / 2
	.hword	(tp_1 - tp_table) / 2
	.hword	(tp_2 - tp_table) / 2	/* the last entry */
tp_0:	adds	r4, #2
	b	tp_next
tp_1:	adds	r4, #20
	b	tp_next
tp_2:	adds	r4, #200
tp_next:
	adds	r3, #1
	cmp	r3, #3
	bne	tp_loop
	CHECK_EQ r4, 222, 15

	/* a table in RAM, through a register base */
	ldr	r0, =ram_table
	movs	r4, #0
	movs	r3, #0
tr_loop:
	tbb	[r0, r3]
tr_base:
	adds	r4, #7
	adds	r4, #5
	adds	r3, #1
	cmp	r3, #3
	bne	tr_loop
	CHECK_EQ r4, 7 + 5 + 5 + 7 + 5, 14

	/* ---- ldrd and strd ---- */
	ldr	r0, =dwords
	ldr	r2, =0x11111111
	ldr	r3, =0x22222222
	strd	r2, r3, [r0]
	ldrd	r4, r5, [r0]
	CHECK_EQ r4, 0x11111111, 20
	CHECK_EQ r5, 0x22222222, 21
	strd	r3, r3, [r0, #8]
	ldrd	r4, r5, [r0, #4]
	CHECK_EQ r4, 0x22222222, 22
	CHECK_EQ r5, 0x22222222, 23
	adds	r1, r0, #16
	strd	r2, r3, [r1, #-8]!		/* pre-index, written back */
	subs	r1, r1, r0
	CHECK_EQ r1, 8, 24
	adds	r1, r1, r0
	ldrd	r4, r5, [r1], #8		/* post-index */
	CHECK_EQ r4, 0x11111111, 26
	CHECK_EQ r5, 0x22222222, 27
	subs	r1, r1, r0
	CHECK_EQ r1, 16, 28
	mov	r1, r0
	ldrd	r1, r2, [r1]			/* the loaded base wins */
	CHECK_EQ r1, 0x11111111, 29
	mov	r2, r0
	ldrd	r1, r2, [r2, #8]		/* the base is the second register */
	CHECK_EQ r2, 0x22222222, 30
	sub	sp, #16
	strd	r0, r3, [sp, #8]
	ldrd	r1, r2, [sp, #8]
	add	sp, #16
	CHECK_REG r1, r0, 31
	CHECK_REG r2, r3, 32

	/* faults: nothing written back, the stacked pc exact */
	SET_HANDLER 3, skip_handler
	SET_HANDLER 5, skip_handler
	SET_HANDLER 6, skip_handler
	STORE32	SHCSR, SHCSR_ENABLES
	dsb
	isb
	STORE32	count, 0
	STORE32	skip, 4
	ldr	r0, =dwords + 2
	mov	r8, r0
	movs	r4, #0
	movs	r5, #0
ldrd_unaligned:
	ldrd	r4, r5, [r0, #8]!		/* UNALIGNED whatever UNALIGN_TRP says */
	EXPECT_FAULT 6, UFSR_UNALIGNED, ldrd_unaligned, 40
	CHECK_REG r0, r8, 44
	CHECK_EQ r4, 0, 45
strd_unaligned:
	strd	r4, r5, [r0], #-8
	EXPECT_FAULT 6, UFSR_UNALIGNED, strd_unaligned, 46
	CHECK_REG r0, r8, 50
	ldr	r0, =BAD_ADDR
	mov	r8, r0
ldrd_bus:
	ldrd	r4, r5, [r0, #8]!
	EXPECT_FAULT 5, BFSR_PRECISERR | BFSR_BFARVALID, ldrd_bus, 51
	LOAD32	r1, BFAR
	CHECK_EQ r1, BAD_ADDR + 8, 55
	CHECK_REG r0, r8, 56
	CHECK_EQ r4, 0, 57

	/* ---- exclusives ---- */
	ldr	r0, =excl
	movs	r1, #0
	str	r1, [r0]
	ldr	r2, =0xcafef00d
	ldrex	r3, [r0]
	strex	r4, r2, [r0]
	CHECK_EQ r4, 0, 60
	ldr	r3, [r0]
	CHECK_EQ r3, 0xcafef00d, 61
	strex	r4, r1, [r0]			/* no monitor left */
	CHECK_EQ r4, 1, 62
	ldr	r3, [r0]
	CHECK_EQ r3, 0xcafef00d, 63
	ldrex	r3, [r0]
	strex	r4, r1, [r0, #4]		/* another address */
	CHECK_EQ r4, 1, 64
	ldrex	r3, [r0]
	clrex
	strex	r4, r1, [r0]
	CHECK_EQ r4, 1, 65
	adds	r5, r0, #1
	ldrexb	r3, [r5]
	CHECK_EQ r3, 0xf0, 66
	strexh	r4, r1, [r0]			/* another size and address */
	CHECK_EQ r4, 1, 67
	adds	r5, r0, #2
	ldrexh	r3, [r5]
	CHECK_EQ r3, 0xcafe, 68
	movw	r1, #0xbeef
	strexh	r4, r1, [r5]
	CHECK_EQ r4, 0, 69
	ldrexb	r3, [r0]
	movs	r1, #0x5a
	strexb	r4, r1, [r0]
	CHECK_EQ r4, 0, 70
	ldr	r3, [r0]
	CHECK_EQ r3, 0xbeeff05a, 71
	/* an exception between ldrex and strex clears the monitor */
	SET_HANDLER 11, svc_handler
	ldrex	r3, [r0]
	svc	#0
	strex	r4, r1, [r0]
	CHECK_EQ r4, 1, 72
	/* and so does a fault in the same block */
	ldrex	r3, [r0]
	ldr	r5, =BAD_ADDR
	STORE32	skip, 2
	ldr	r5, [r5]
	strex	r4, r1, [r0]
	CHECK_EQ r4, 1, 73
	STORE32	CFSR, 0xffffffff
	STORE32	count, 0
	/* ldrex unaligned: UNALIGNED, the monitor untouched */
	ldr	r5, =excl + 2
	STORE32	skip, 4
ldrex_unaligned:
	ldrex	r3, [r5]
	EXPECT_FAULT 6, UFSR_UNALIGNED, ldrex_unaligned, 74

	/* ---- loops (a block branching back to its start keeps its
	 * registers): the carry of one iteration into the next, a
	 * device load's slow path on every iteration ---- */
	ldr	r0, =bignum
	adds	r1, r0, #16
	SET_FLAGS 0b0010			/* + 1 */
inc_loop:
	ldr	r5, [r0]
	adcs	r5, r5, #0
	str	r5, [r0], #4
	teq	r0, r1				/* (leaves C) */
	bne	inc_loop
	ldr	r0, =bignum
	ldrd	r4, r5, [r0]
	CHECK_EQ r4, 0, 75
	CHECK_EQ r5, 0, 76
	ldrd	r4, r5, [r0, #8]
	CHECK_EQ r4, 8, 77
	CHECK_EQ r5, 0xffffffff, 78
	ldr	r0, =CPUID
	ldr	r1, [r0]
	movs	r2, #0
	movs	r3, #100
dev_loop:
	ldr	r4, [r0]
	cmp	r4, r1
	it	eq
	addeq	r2, #1
	subs	r3, #1
	bne	dev_loop
	CHECK_EQ r2, 100, 79

	/* ---- bx and pop {pc} ---- */
	movs	r4, #0
	bl	leaf
	bl	nonleaf
	CHECK_EQ r4, 0x11, 80
	/* after an IT block with an executor's call in the same block (the
	 * ITSTATE store once clobbered the pop's address) */
	movs	r4, #6
	bl	it_then_pop			/* (the fast paths from the second) */
	bl	it_then_pop
	bl	it_then_pop
	CHECK_EQ r4, 6, 82
	movs	r4, #6
	bl	it_then_bx
	movs	r4, #6
	bl	it_then_bx
	movs	r4, #6
	bl	it_then_bx
	CHECK_EQ r4, 1, 83
	ldr	r0, =thumb_target + 1
	bx	r0
	FAIL	81
	.balign	4
thumb_target:
	STORE32	SHCSR, 0
	pop	{r4-r11, pc}
	POOL

	.thumb_func
leaf:
	adds	r4, #1
	bx	lr

	.thumb_func
nonleaf:
	push	{r4, lr}
	bl	leaf
	pop	{r4}
	adds	r4, #0x10
	pop	{pc}

	.thumb_func
it_then_pop:
	push	{r4, lr}
	movs	r1, #3
	cmp	r1, r1
	it	eq
	udiveq	r4, r4, r1
	pop	{r4, pc}

	.thumb_func
it_then_bx:
	movs	r1, #3
	cmp	r1, r1
	ite	eq
	udiveq	r4, r4, r1
	addne	r4, #1
	subs	r4, #1
	bx	lr

	.thumb_func
svc_handler:
	bx	lr

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
	mrs	r1, ipsr
	ldr	r2, =seen_ipsr
	str	r1, [r2]
	ldr	r0, =count
	ldr	r1, [r0]
	adds	r1, #1
	str	r1, [r0]
	bx	lr

	.section .rodata
	.balign	4
values:
	.word	0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x80000001, 0x12345678, 0xfffffffe

	.data
	.balign	8
dwords:		.space	32
excl:		.word	0, 0
seen_pc:	.word	0
seen_ipsr:	.word	0
count:		.word	0
skip:		.word	0
ram_table:	.byte	0, 1, 0, 0
bignum:		.word	0xffffffff, 0xffffffff, 7, 0xffffffff
