/* Ends the run through the test device with code CODE (given with
 * --defsym): (CODE << 16) | 0x3333. */
	.equ	TEST, 0x100000
	.globl _start
_start:
	li	t0, TEST
	li	t1, (CODE << 16) | 0x3333
	sw	t1, 0(t0)
1:	j	1b
