/* For the timeline and watchpoint tests: naps three times on the CLINT
 * timer (wfi, so the timeline shows waiting stretches and the timer's
 * interrupt edges), prints before each nap and before a store to
 * `counter`, then prints again and passes through the test device.  A
 * write watchpoint on `counter` must stop the machine with "before store"
 * on the console and "after store" not yet. */
	.equ	UART, 0x10000000
	.equ	TEST, 0x100000
	.equ	MTIMECMP, 0x2004000
	.equ	MTIME, 0x200bff8
	.globl	_start, counter
_start:
	li	s0, UART
	li	s1, TEST
	li	s3, MTIMECMP
	li	t0, 0x80	/* mie.MTIE: wfi wakes on the timer (mstatus.MIE stays 0) */
	csrw	mie, t0
	li	s2, 3
nap:
	la	a0, napping
	call	puts
	li	t0, MTIME
	lw	t1, 0(t0)
	addi	t1, t1, 40	/* 4 µs at the 10 MHz timebase */
	sw	zero, 4(s3)
	sw	t1, 0(s3)
1:	wfi
	csrr	t0, mip
	andi	t0, t0, 0x80
	beqz	t0, 1b
	li	t0, -1		/* disarm: the interrupt goes low */
	sw	t0, 4(s3)
	addi	s2, s2, -1
	bnez	s2, nap

	la	a0, before
	call	puts
	la	t0, counter
	li	t1, 0x1234
	sw	t1, 0(t0)	/* the watched store */
	la	a0, after
	call	puts
	li	t0, 0x5555
	sw	t0, 0(s1)
2:	j	2b

/* Prints the string at a0 (polled: the UART takes a byte at a time). */
puts:
	lbu	t0, 0(a0)
	beqz	t0, 1f
	sb	t0, 0(s0)
	addi	a0, a0, 1
	j	puts
1:	ret

napping:
	.asciz	"napping\n"
before:
	.asciz	"before store\n"
after:
	.asciz	"after store\n"

	/* On a page of its own, away from the code. */
	.balign	4096
counter:
	.word	0
