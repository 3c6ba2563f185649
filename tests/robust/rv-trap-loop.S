/* The trap vector points at unmapped memory: the first trap faults on
 * fetching its handler, which faults again, forever on real hardware (the
 * RISC-V way to triple-fault).  The core stops with a message instead. */
	.globl	_start
_start:
	li	t0, 0x40000000
	csrw	mtvec, t0
	ecall
