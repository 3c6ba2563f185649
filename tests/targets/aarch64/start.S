/*
 * start.S: reset, the EL1 vector table and semihosting for the AArch64
 * ISA tests.  Every vector saves x0-x18, x29, x30 and calls the C
 * function `exception (kind, frame)` of test.h (kind = vector number
 * 0-15, frame = the saved registers), then returns with eret; a test
 * changes elr_el1 to skip the instruction that trapped.
 */
	.section .text.start, "ax"
	.globl	_start
_start:
	ldr	x0, =__stack_top
	mov	sp, x0
	adr	x0, vectors
	msr	vbar_el1, x0
	isb
	ldr	x0, =__bss_start
	ldr	x1, =__bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:	bl	main
	b	test_exit

/* x0 = status: SYS_EXIT with ADP_Stopped_ApplicationExit and the status. */
	.globl	test_exit
test_exit:
	sub	sp, sp, #16
	ldr	x1, =0x20026
	stp	x1, x0, [sp]
	mov	x1, sp
	mov	x0, #0x18
	hlt	#0xf000
	b	.

/* long semihost (long op, long arg) */
	.globl	semihost
semihost:
	hlt	#0xf000
	ret

	.macro	VEC n
	.balign	0x80
	sub	sp, sp, #176
	stp	x0, x1, [sp, #0]
	mov	x0, #\n
	b	vec_common
	.endm

	.balign	2048
vectors:
	VEC 0
	VEC 1
	VEC 2
	VEC 3
	VEC 4
	VEC 5
	VEC 6
	VEC 7
	VEC 8
	VEC 9
	VEC 10
	VEC 11
	VEC 12
	VEC 13
	VEC 14
	VEC 15

vec_common:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x29, [sp, #144]
	str	x30, [sp, #160]
	mov	x1, sp
	bl	exception
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x29, [sp, #144]
	ldr	x30, [sp, #160]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #176
	eret
