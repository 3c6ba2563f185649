/* Loops forever on a Cortex-A53: for Ctrl-C in the translating tier. */
	.section .text.start, "ax"
	.globl	_start
_start:
	add	x0, x0, #1
	b	_start
