/* For the console test: says "ready>" on the virt board's UART, then
 * echoes what it receives and passes (test device 0x5555) after 'q'.
 * Polls the line status register, so it needs no interrupt set-up. */
	.equ	UART, 0x10000000
	.equ	TEST, 0x100000
	.globl _start
_start:
	li	s0, UART
	li	s1, TEST
	la	a0, banner
1:	lbu	t0, 0(a0)
	beqz	t0, wait
	sb	t0, 0(s0)
	addi	a0, a0, 1
	j	1b
wait:
	lbu	t0, 5(s0)	/* LSR */
	andi	t0, t0, 1	/* data ready */
	beqz	t0, wait
	lbu	t1, 0(s0)	/* RBR */
	sb	t1, 0(s0)	/* THR */
	li	t2, 'q'
	bne	t1, t2, wait
	li	t0, 0x5555
	sw	t0, 0(s1)
2:	j	2b
banner:
	.asciz	"ready>"
