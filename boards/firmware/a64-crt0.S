/* Start-up for the bare-metal AArch64 demo firmware (boards/aarch64-virt.dts):
 * a stack, the exception vectors, a zeroed .bss, then main(); when main
 * returns, PSCI SYSTEM_OFF (through HVC, as QEMU's virt answers it with
 * no EL3 firmware) ends the run.  Entered at EL1 with the MMU off. */

	.section .text.start, "ax"
	.global _start
_start:
	ldr	x1, =__stack_top
	mov	sp, x1
	adr	x1, vectors
	msr	vbar_el1, x1
	isb
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:	bl	main
	ldr	w0, =0x84000008		/* PSCI SYSTEM_OFF */
	hvc	#0
3:	wfi
	b	3b

/* Caller-saved registers around a C handler. */
	.macro	call_saved handler
	sub	sp, sp, #176
	stp	x0, x1, [sp, #0]
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
	bl	\handler
	ldp	x0, x1, [sp, #0]
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
	add	sp, sp, #176
	eret
	.endm

/* Sixteen entries of 0x80 bytes: only IRQ at the current EL with SP_ELx
 * (0x280) is expected; anything else stops the program. */
	.balign	2048
vectors:
	.rept	5
	b	unexpected
	.balign	0x80
	.endr
	/* 0x280: IRQ, current EL, SP_ELx */
	call_saved irq_handler
	.balign	0x80
	.rept	10
	b	unexpected
	.balign	0x80
	.endr

unexpected:
	bl	unexpected_exception
	b	3b
