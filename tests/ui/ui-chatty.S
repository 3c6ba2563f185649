/* For the responsiveness test: prints a numbered line on the virt board's
 * UART forever, as fast as the core runs, so the window has to keep up
 * with a flood of output while staying responsive. */
	.equ	UART, 0x10000000
	.globl _start
_start:
	li	s0, UART
	li	s1, 0		/* line counter */
line:
	la	a0, text
1:	lbu	t0, 0(a0)
	beqz	t0, count
	sb	t0, 0(s0)
	addi	a0, a0, 1
	j	1b
count:
	addi	s1, s1, 1
	andi	t0, s1, 7
	addi	t0, t0, '0'
	sb	t0, 0(s0)
	li	t0, '\n'
	sb	t0, 0(s0)
	j	line
text:
	.asciz	"chatter chatter chatter "
