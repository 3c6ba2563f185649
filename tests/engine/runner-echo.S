/* Echoes what arrives on the virt board's UART and passes (test device
 * 0x5555) after echoing 'q'.  Between characters it sleeps in wfi with the
 * UART's receive interrupt enabled in IER and mie but mstatus.MIE clear,
 * so input wakes it without a trap: the machine deadlocks until the runner
 * delivers serial input, which is what the runner must wait for. */
	.equ	UART, 0x10000000
	.equ	TEST, 0x100000
	.globl _start
_start:
	li	s0, UART
	li	s1, TEST
	li	t0, 1
	sb	t0, 1(s0)	/* IER: received data available */
	li	t0, 0x800
	csrs	mie, t0		/* MEIE: the UART's line wakes wfi */
wait:
	lbu	t0, 5(s0)	/* LSR */
	andi	t0, t0, 1	/* data ready */
	bnez	t0, got
	wfi
	j	wait
got:
	lbu	t1, 0(s0)	/* RBR */
	sb	t1, 0(s0)	/* THR */
	li	t2, 'q'
	bne	t1, t2, wait
	li	t0, 0x5555
	sw	t0, 0(s1)
1:	j	1b
