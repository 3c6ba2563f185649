/* For the memory view test: waits, reading the byte `flag` in RAM, until
 * a debugger changes it, then prints "flag " and that byte on the virt
 * board's UART and passes (test device 0x5555). */
	.equ	UART, 0x10000000
	.equ	TEST, 0x100000
	.globl _start
	.globl flag
_start:
	li	s0, UART
	li	s1, TEST
	la	s2, flag
wait:
	lbu	t0, 0(s2)
	beqz	t0, wait
	la	a0, said
1:	lbu	t1, 0(a0)
	beqz	t1, 2f
	sb	t1, 0(s0)
	addi	a0, a0, 1
	j	1b
2:	sb	t0, 0(s0)
	li	t1, '\n'
	sb	t1, 0(s0)
	li	t0, 0x5555
	sw	t0, 0(s1)
3:	j	3b
said:
	.asciz	"flag "

	/* In the one loaded segment (RAM) with the code: the link script of
	 * these tiny guests places .text only. */
	.balign	16
flag:
	.byte	0
