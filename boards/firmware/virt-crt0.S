/*
 * virt-crt0.S: reset entry of the shared bare-metal runtime for the `virt`
 * memory map.  Runs in M-mode straight from RAM (QEMU `-bios none
 * -kernel`, or Medley's ELF loader), with nothing set up before us.
 *
 * Only the register set-up that C cannot do itself is here; clearing .bss,
 * TLS and constructors are in _virt_cstart (virt-io.c).
 */

	.section .text.init.enter, "ax", @progbits
	.globl	_start
	.type	_start, @function
_start:
	/* gp must be loaded without relaxation, or `la` would use gp itself. */
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop

	la	sp, __stack

	/*
	 * Catch every trap from here on: a program that faults reports it on
	 * the console and fails at once instead of spinning until a timeout.
	 * Direct mode, so the handler must be 4-byte aligned.
	 */
	la	t0, _virt_trap_entry
	csrw	mtvec, t0
	csrw	mie, zero

	/* One program, one hart: any other harts sleep for ever. */
	csrr	t0, mhartid
	bnez	t0, 1f

	call	_virt_cstart	/* does not return */
1:	wfi
	j	1b
	.size	_start, . - _start

	.text
	.balign	4
	.globl	_virt_trap_entry
	.type	_virt_trap_entry, @function
_virt_trap_entry:
	/*
	 * Never returns, so nothing is saved; a fresh stack in case the fault
	 * was a bad sp.  The C side prints the cause and stops the machine.
	 */
	la	sp, __stack
	csrr	a0, mcause
	csrr	a1, mepc
	csrr	a2, mtval
	j	_virt_trap
	.size	_virt_trap_entry, . - _virt_trap_entry
