/* Waits for an interrupt with every interrupt disabled: nothing can wake
 * the hart, which the machine reports as a deadlock. */
	.globl	_start
_start:
	csrci	mstatus, 8
	csrw	mie, zero
1:	wfi
	j	1b
