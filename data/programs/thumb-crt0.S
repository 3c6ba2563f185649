/*
 * Start-up of C programs that Medley's program editor builds for Cortex-M
 * cores: the vector table at 0 (initial stack, reset, and a fault handler
 * for the rest of the system exceptions), then _medley_cstart in
 * thumb-rt.c.
 */
	.syntax	unified
	.thumb

	.section .vectors, "a"
	.word	__stack
	.word	_start
	.rept	14
	.word	_medley_fault_entry
	.endr

	.text
	.globl	_start
	.thumb_func
_start:
	ldr	r0, =__stack
	mov	sp, r0
	bl	_medley_cstart
	b	.

	.thumb_func
_medley_fault_entry:
	mrs	r0, ipsr
	bl	_medley_fault
	b	.
