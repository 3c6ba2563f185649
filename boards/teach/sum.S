/*
 * Lesson 1: a loop over an array (boards/teach/README.md).
 *
 * Adds up the numbers in `values`, prints the total on the UART and ends
 * the run.  Step through it with F10 in the main window and watch a0 (the
 * pointer), a1 (how many are left) and a2 (the total) change.
 */
#define UART_BASE	0x10000000
#define UART_LSR	5		/* line status: bit 5 = can send */
#define TEST_BASE	0x100000	/* writing 0x5555 here ends the run */

	.section .text.start, "ax"
	.globl	_start
_start:
	la	sp, __stack
	la	a0, values		/* a0: where the next number is */
	li	a1, 8			/* a1: how many are left */
	li	a2, 0			/* a2: the total so far */
loop:
	lw	t0, 0(a0)		/* load one number... */
	add	a2, a2, t0		/* ...add it... */
	addi	a0, a0, 4		/* ...and move to the next word */
	addi	a1, a1, -1
	bnez	a1, loop

	la	a0, message
	call	puts
	mv	a0, a2
	call	putdec
	li	a0, '\n'
	call	putc

	li	t0, TEST_BASE
	li	t1, 0x5555
	sw	t1, 0(t0)
1:	j	1b

putc:					/* a0: the byte to send */
	li	t3, UART_BASE
2:	lbu	t4, UART_LSR(t3)
	andi	t4, t4, 0x20
	beqz	t4, 2b
	sb	a0, 0(t3)
	ret

puts:					/* a0: the string */
	mv	t5, a0
	mv	t6, ra
3:	lbu	a0, 0(t5)
	beqz	a0, 4f
	call	putc
	addi	t5, t5, 1
	j	3b
4:	mv	ra, t6
	ret

putdec:					/* a0: an unsigned number */
	mv	s1, ra
	la	t5, digits + 15
	sb	zero, 0(t5)
	li	t4, 10
5:	remu	t3, a0, t4
	addi	t3, t3, '0'
	addi	t5, t5, -1
	sb	t3, 0(t5)
	divu	a0, a0, t4
	bnez	a0, 5b
	mv	a0, t5
	call	puts
	mv	ra, s1
	ret

	.data
values:
	.word	3, 1, 4, 1, 5, 9, 2, 6
message:
	.asciz	"The total is "
	.bss
digits:
	.space	16
