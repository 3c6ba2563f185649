/*
 * Start-up of C programs that Medley's program editor builds for AArch64
 * cores: the stack, then _medley_cstart in a64-rt.c, then PSCI's
 * SYSTEM_OFF, which ends the run.
 */
	.section .text.start, "ax"
	.globl	_start
_start:
	ldr	x1, =__stack
	mov	sp, x1
	bl	_medley_cstart
	ldr	w0, =0x84000008		/* PSCI SYSTEM_OFF */
	hvc	#0
1:	wfi
	b	1b
