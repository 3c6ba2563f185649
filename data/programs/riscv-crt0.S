/*
 * Start-up of C programs that Medley's program editor builds for RISC-V
 * harts: what C cannot do itself (gp, sp, the trap vector), then
 * _medley_cstart in riscv-rt.c.  Hart 0 runs the program; others sleep.
 */
	.section .text.start, "ax"
	.globl	_start
_start:
	/* gp without relaxation, or `la` would use gp itself. */
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	la	sp, __stack
	la	t0, _medley_trap_entry
	csrw	mtvec, t0
	csrr	t0, mhartid
	bnez	t0, 1f
	call	_medley_cstart
1:	wfi
	j	1b

	.text
	.balign	4
_medley_trap_entry:
	/* A fault ends the program with a message: a fresh stack, and the
	 * cause, pc and value for the C side. */
	la	sp, __stack
	csrr	a0, mcause
	csrr	a1, mepc
	csrr	a2, mtval
	j	_medley_trap
