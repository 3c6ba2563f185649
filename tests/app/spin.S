/* Loops forever: for time limits and Ctrl-C. */
	.globl _start
_start:
	j	_start
