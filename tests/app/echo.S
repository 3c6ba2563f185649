/* Echoes the UART's input back, polling, until it reads '~'; then passes. */
	.equ	UART, 0x10000000
	.equ	TEST, 0x100000
	.globl _start
_start:
	li	s0, UART
	li	t2, '~'
1:	lbu	t0, 5(s0)		/* LSR */
	andi	t0, t0, 1		/* data ready */
	beqz	t0, 1b
	lbu	t1, 0(s0)		/* RBR */
	beq	t1, t2, 2f
	sb	t1, 0(s0)		/* THR */
	j	1b
2:	li	t0, TEST
	li	t1, 0x5555
	sw	t1, 0(t0)
3:	j	3b
